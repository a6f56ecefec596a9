/* hold-lock.c: another program writing the library, for the tests: opens
 * LIBRARY, takes its write lock (a transaction begun IMMEDIATE), says
 * "locked" on standard output, keeps it SECONDS, then lets it go.
 *
 *   hold-lock LIBRARY SECONDS */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sqlite3.h>

int
main (int    argc,
      char **argv)
{
  sqlite3 *db = NULL;

  if (argc != 3)
    {
      fprintf (stderr, "usage: hold-lock LIBRARY SECONDS\n");
      return 2;
    }
  if (sqlite3_open_v2 (argv[1], &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
      sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
    {
      fprintf (stderr, "hold-lock: %s\n", db ? sqlite3_errmsg (db) : "cannot open");
      return 1;
    }
  printf ("locked\n");
  fflush (stdout);
  sleep ((unsigned) atoi (argv[2]));
  sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (db);
  return 0;
}
