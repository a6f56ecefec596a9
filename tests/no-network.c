/* no-network.c: preloaded (LD_PRELOAD) into the programs under test by
 * tests/test-network.c.  A socket or a connection of the Internet families
 * is refused and written down, one line each, in the file that
 * $DESK_NETWORK_LOG names; local sockets (the X server, D-Bus) go on. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int socket (int domain, int type, int protocol);
int connect (int fd, const struct sockaddr *address, socklen_t length);

static int
is_network (int family)
{
  return family == AF_INET || family == AF_INET6 || family == AF_PACKET;
}

static void
note (const char *call,
      int         family)
{
  const char *log = getenv ("DESK_NETWORK_LOG");
  char line[128];
  int fd, n;

  if (log == NULL)
    return;
  n = snprintf (line, sizeof line, "%s family %d by process %d\n", call, family, (int) getpid ());
  fd = open (log, O_WRONLY | O_APPEND | O_CREAT, 0600);
  if (fd < 0)
    return;
  if (write (fd, line, (size_t) n) < 0)
    n = 0;
  close (fd);
}

int
socket (int domain,
        int type,
        int protocol)
{
  static int (*real) (int, int, int);

  if (is_network (domain))
    {
      note ("socket", domain);
      errno = EACCES;
      return -1;
    }
  if (real == NULL)
    real = (int (*) (int, int, int)) dlsym (RTLD_NEXT, "socket");
  return real (domain, type, protocol);
}

int
connect (int                    fd,
         const struct sockaddr *address,
         socklen_t              length)
{
  static int (*real) (int, const struct sockaddr *, socklen_t);

  if (address != NULL && is_network (address->sa_family))
    {
      note ("connect", address->sa_family);
      errno = EACCES;
      return -1;
    }
  if (real == NULL)
    real = (int (*) (int, const struct sockaddr *, socklen_t)) dlsym (RTLD_NEXT, "connect");
  return real (fd, address, length);
}
