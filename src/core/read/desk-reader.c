/* desk-reader.c: reads a file of any supported format into pages of text
 *
 * Every failure names the file and says what is wrong with it in words an
 * officer can act on; nothing here touches the library. */
#define G_LOG_DOMAIN "desk-reader"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "desk-reader.h"

G_DEFINE_QUARK (desk-import-error-quark, desk_import_error)

void
desk_raw_document_free (DeskRawDocument *raw)
{
  if (raw == NULL)
    return;
  g_free (raw->format);
  g_clear_pointer (&raw->pages, g_ptr_array_unref);
  g_free (raw->title);
  g_free (raw->date);
  g_free (raw->author);
  g_free (raw->source);
  g_free (raw);
}

static const char *
extension_of (const char *name)
{
  const char *dot = strrchr (name, '.');
  const char *slash = strrchr (name, G_DIR_SEPARATOR);

  if (dot == NULL || (slash != NULL && dot < slash))
    return "";
  return dot + 1;
}

static gboolean
has_extension (const char *name,
               const char *const *extensions)
{
  const char *ext = extension_of (name);

  for (guint i = 0; extensions[i]; i++)
    if (g_ascii_strcasecmp (ext, extensions[i]) == 0)
      return TRUE;
  return FALSE;
}

static const char * const text_extensions[] = { "txt", "text", NULL };
static const char * const markdown_extensions[] = { "md", "markdown", "mdown", "mkd", NULL };
static const char * const html_extensions[] = { "html", "htm", "xhtml", NULL };
static const char * const pdf_extensions[] = { "pdf", NULL };

/* Whether a folder walk should pick this file up. */
gboolean
desk_reader_is_supported (const char *name)
{
  g_return_val_if_fail (name != NULL, FALSE);

  return has_extension (name, text_extensions) || has_extension (name, markdown_extensions) ||
         has_extension (name, html_extensions) || has_extension (name, pdf_extensions);
}

/* Text that has NULs or many control characters is not a document. */
static gboolean
looks_binary (const char *bytes,
              gsize       len)
{
  gsize n = MIN (len, 8192);
  gsize controls = 0;

  for (gsize i = 0; i < n; i++)
    {
      guchar c = bytes[i];
      if (c == 0)
        return TRUE;
      if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f')
        controls++;
    }
  return n > 0 && controls * 20 > n;
}

/* UTF-8 as it is; UTF-16 with a byte-order mark; otherwise Windows-1252,
 * which is what Latin-1 text from Windows machines really is. */
char *
desk_reader_decode (const char  *name,
                    const char  *bytes,
                    gsize        len,
                    GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  char *text;

  if (len >= 2 && ((guchar) bytes[0] == 0xFF && (guchar) bytes[1] == 0xFE))
    text = g_convert (bytes + 2, len - 2, "UTF-8", "UTF-16LE", NULL, NULL, &local_error);
  else if (len >= 2 && ((guchar) bytes[0] == 0xFE && (guchar) bytes[1] == 0xFF))
    text = g_convert (bytes + 2, len - 2, "UTF-8", "UTF-16BE", NULL, NULL, &local_error);
  else
    {
      if (len >= 3 && memcmp (bytes, "\xef\xbb\xbf", 3) == 0)
        {
          bytes += 3;
          len -= 3;
        }
      if (looks_binary (bytes, len))
        {
          g_set_error (error, DESK_IMPORT_ERROR, DESK_IMPORT_ERROR_BINARY,
                       _("“%s” is not a text document (it looks like binary data)"), name);
          return NULL;
        }
      if (g_utf8_validate (bytes, len, NULL))
        return g_strndup (bytes, len);
      text = g_convert (bytes, len, "UTF-8", "WINDOWS-1252", NULL, NULL, NULL);
      if (text == NULL)
        text = g_convert (bytes, len, "UTF-8", "ISO-8859-1", NULL, NULL, &local_error);
    }

  if (text == NULL)
    {
      g_set_error (error, DESK_IMPORT_ERROR, DESK_IMPORT_ERROR_ENCODING,
                   _("“%s” is not in a text encoding Dialogue Desk can read"), name);
      return NULL;
    }
  return text;
}

/* Whether a word of a file's name reads as a word: two letters or more,
 * and not a run of hexadecimal digits such as a hash ("2211ec4ab361a70e") */
static gboolean
is_readable_word (const char *word)
{
  guint letters = 0, digits = 0, hex = 0, chars = 0;

  for (const char *p = word; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      chars++;
      if (g_unichar_isalpha (c))
        letters++;
      if (g_unichar_isdigit (c))
        digits++;
      if (g_unichar_isxdigit (c))
        hex++;
    }
  if (letters < 2)
    return FALSE;
  return !(hex == chars && digits > 0 && chars >= 6);
}

/* A document's name when nothing in it says what it is, made from its
 * file's @basename: "informe_anual-2024.pdf" reads "Informe anual 2024".
 * A name of digits and hashes ("000_2211ec4ab361a70e.txt") reads as
 * nothing, and is kept whole, extension and all: it is what the officer
 * finds in the folder, and it claims no title the document does not
 * have. */
char *
desk_reader_title_from_name (const char *basename)
{
  g_autofree char *stem = NULL;
  g_auto(GStrv) words = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  const char *dot;
  gboolean readable = FALSE;

  g_return_val_if_fail (basename != NULL, NULL);

  dot = strrchr (basename, '.');
  stem = dot != NULL && dot > basename ? g_strndup (basename, dot - basename) : g_strdup (basename);
  if (!g_utf8_validate (stem, -1, NULL))
    return g_utf8_make_valid (basename, -1);
  words = g_strsplit_set (stem, "_- .", -1);
  for (guint i = 0; words[i]; i++)
    {
      if (*words[i] == '\0')
        continue;
      readable = readable || is_readable_word (words[i]);
      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, words[i]);
    }
  if (!readable)
    return g_strdup (basename);
  {
    /* the first letter capitalized, as a title's is */
    gunichar c = g_utf8_get_char (out->str);
    char first[8];
    int n = g_unichar_to_utf8 (g_unichar_totitle (c), first);

    g_string_erase (out, 0, g_utf8_next_char (out->str) - out->str);
    g_string_prepend_len (out, first, n);
  }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* A title, author or source as a file's metadata gives it, on one line:
 * spaces collapsed, surrounding quotes and spaces dropped, cut at
 * META_MAX_CHARS; NULL when nothing is left or it is not text */
#define META_MAX_CHARS 300

char *
desk_reader_clean_meta (const char *value)
{
  GString *out;
  guint chars = 0;

  if (value == NULL || !g_utf8_validate (value, -1, NULL))
    return NULL;
  out = g_string_new (NULL);
  for (const char *p = value; *p && chars < META_MAX_CHARS; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || g_unichar_iscntrl (c))
        {
          if (out->len > 0 && out->str[out->len - 1] != ' ')
            g_string_append_c (out, ' ');
          continue;
        }
      g_string_append_unichar (out, c);
      chars++;
    }
  g_strstrip (out->str);
  out->len = strlen (out->str);
  while (out->len >= 2 && strchr ("\"'", out->str[0]) != NULL && out->str[out->len - 1] == out->str[0])
    {
      g_string_truncate (out, out->len - 1);
      g_string_erase (out, 0, 1);
    }
  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

/* @text split at each @separator, as g_strsplit (@text, separator, -1),
 * each separator found from the last with memchr (): g_strsplit () finds
 * each with strstr (), which the sanitizers' checks make read the whole
 * rest of the text every time (a text of many lines read once per line
 * under AddressSanitizer, in the tests and the fuzzers) */
char **
desk_reader_split (const char *text,
                   char        separator)
{
  GPtrArray *parts;
  const char *end;

  g_return_val_if_fail (text != NULL, NULL);

  /* nothing at all, as g_strsplit () gives it */
  if (*text == '\0')
    return g_new0 (char *, 1);
  end = text + strlen (text);
  parts = g_ptr_array_new ();
  for (;;)
    {
      const char *next = memchr (text, separator, end - text);

      if (next == NULL)
        break;
      g_ptr_array_add (parts, g_strndup (text, next - text));
      text = next + 1;
    }
  g_ptr_array_add (parts, g_strndup (text, end - text));
  g_ptr_array_add (parts, NULL);
  return (char **) g_ptr_array_free (parts, FALSE);
}

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

static gboolean
sniff_html (const char *bytes,
            gsize       len)
{
  g_autofree char *head = g_ascii_strdown (bytes, MIN (len, 1024));

  return strstr (head, "<!doctype html") != NULL || strstr (head, "<html") != NULL;
}

DeskRawDocument *
desk_reader_read (GFile         *file,
                  gint64         max_size,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *name = NULL;
  g_autofree char *contents = NULL;
  gsize len = 0;
  goffset size;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  name = g_file_get_parse_name (file);
  info = g_file_query_info (file,
                            G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                            G_FILE_ATTRIBUTE_ACCESS_CAN_READ,
                            G_FILE_QUERY_INFO_NONE, cancellable, &local_error);
  if (info == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_set_error (error, DESK_IMPORT_ERROR, DESK_IMPORT_ERROR_NOT_FOUND,
                     _("“%s” does not exist"), name);
      else
        g_set_error (error, DESK_IMPORT_ERROR, DESK_IMPORT_ERROR_UNREADABLE,
                     _("“%s” cannot be read: %s"), name, local_error->message);
      return NULL;
    }
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error (error, DESK_IMPORT_ERROR, DESK_IMPORT_ERROR_NOT_A_FILE,
                   _("“%s” is not a regular file"), name);
      return NULL;
    }
  if (g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_ACCESS_CAN_READ) &&
      !g_file_info_get_attribute_boolean (info, G_FILE_ATTRIBUTE_ACCESS_CAN_READ))
    {
      g_set_error (error, DESK_IMPORT_ERROR, DESK_IMPORT_ERROR_UNREADABLE,
                   _("“%s” cannot be read: permission denied"), name);
      return NULL;
    }
  size = g_file_info_get_size (info);
  if (max_size > 0 && size > max_size)
    {
      g_autofree char *size_text = g_format_size (size);
      g_autofree char *limit = g_format_size (max_size);

      g_set_error (error, DESK_IMPORT_ERROR, DESK_IMPORT_ERROR_TOO_LARGE,
                   _("“%s” is too large to import (%s; the limit is %s)"), name, size_text, limit);
      return NULL;
    }

  if (!g_file_load_contents (file, cancellable, &contents, &len, NULL, &local_error))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, DESK_IMPORT_ERROR, DESK_IMPORT_ERROR_UNREADABLE,
                     _("“%s” cannot be read: %s"), name, local_error->message);
      return NULL;
    }
  /* the file may have grown since it was measured */
  if (max_size > 0 && (gint64) len > max_size)
    {
      g_autofree char *limit = g_format_size (max_size);
      g_set_error (error, DESK_IMPORT_ERROR, DESK_IMPORT_ERROR_TOO_LARGE,
                   _("“%s” is too large to import (the limit is %s)"), name, limit);
      return NULL;
    }
  bytes = g_bytes_new_take (g_steal_pointer (&contents), len);
  return desk_reader_read_bytes (name, bytes, error);
}

/* Reads the contents of a file named @name (its extension tells the format
 * when the contents do not): what desk_reader_read () does once the file
 * is in memory. */
DeskRawDocument *
desk_reader_read_bytes (const char  *name,
                        GBytes      *bytes,
                        GError     **error)
{
  g_autoptr(DeskRawDocument) raw = g_new0 (DeskRawDocument, 1);
  gsize len = 0;
  const char *data;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (bytes != NULL, NULL);

  data = g_bytes_get_data (bytes, &len);
  raw->size = len;
  if (len == 0)
    {
      g_set_error (error, DESK_IMPORT_ERROR, DESK_IMPORT_ERROR_EMPTY, _("“%s” is empty"), name);
      return NULL;
    }

  raw->pages = g_ptr_array_new_with_free_func (g_free);

  if (has_extension (name, pdf_extensions) || (len >= 5 && memcmp (data, "%PDF-", 5) == 0))
    {
      g_autoptr(GPtrArray) pages = NULL;

      pages = desk_pdf_read_pages (name, bytes, raw, error);
      if (pages == NULL)
        return NULL;
      raw->format = g_strdup ("pdf");
      g_ptr_array_extend_and_steal (raw->pages, g_steal_pointer (&pages));
    }
  else
    {
      g_autofree char *text = desk_reader_decode (name, data, len, error);

      if (text == NULL)
        return NULL;

      if (has_extension (name, html_extensions) || sniff_html (text, strlen (text)))
        {
          raw->format = g_strdup ("html");
          raw->markdown = TRUE;
          g_ptr_array_add (raw->pages, desk_html_to_markdown (text, raw));
        }
      else if (has_extension (name, markdown_extensions))
        {
          raw->format = g_strdup ("markdown");
          raw->markdown = TRUE;
          g_ptr_array_add (raw->pages, desk_markdown_clean (text, raw));
        }
      else
        {
          /* converters mark pages with form feeds */
          g_auto(GStrv) pages = desk_reader_split (text, '\f');

          raw->format = g_strdup ("text");
          for (guint i = 0; pages[i]; i++)
            g_ptr_array_add (raw->pages, g_steal_pointer (&pages[i]));
        }
    }

  {
    gboolean all_blank = TRUE;

    for (guint i = 0; i < raw->pages->len && all_blank; i++)
      all_blank = is_blank (g_ptr_array_index (raw->pages, i));
    if (all_blank)
      {
        if (g_str_equal (raw->format, "pdf"))
          g_set_error (error, DESK_IMPORT_ERROR, DESK_IMPORT_ERROR_NO_TEXT,
                       _("“%s” has no text to import (a scanned PDF needs text recognition first)"), name);
        else
          g_set_error (error, DESK_IMPORT_ERROR, DESK_IMPORT_ERROR_EMPTY,
                       _("“%s” is empty"), name);
        return NULL;
      }
  }

  return g_steal_pointer (&raw);
}
