/* desk-reader.h: reads a file of any supported format into pages of text */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define DESK_IMPORT_ERROR (desk_import_error_quark ())

typedef enum
{
  DESK_IMPORT_ERROR_NOT_FOUND,
  DESK_IMPORT_ERROR_UNREADABLE,
  DESK_IMPORT_ERROR_NOT_A_FILE,
  DESK_IMPORT_ERROR_TOO_LARGE,
  DESK_IMPORT_ERROR_EMPTY,
  DESK_IMPORT_ERROR_BINARY,
  DESK_IMPORT_ERROR_ENCODING,
  DESK_IMPORT_ERROR_PDF_ENCRYPTED,
  DESK_IMPORT_ERROR_PDF_DAMAGED,
  DESK_IMPORT_ERROR_NO_TEXT,
} DeskImportError;

/* 64 MiB: larger files are refused rather than read whole into memory. */
#define DESK_READER_DEFAULT_MAX_SIZE ((gint64) 64 * 1024 * 1024)

typedef struct
{
  char *format;      /* "text", "markdown", "html", "pdf" */
  GPtrArray *pages;  /* char *, UTF-8 */
  gboolean markdown; /* pages use Markdown headings and lists */
  char *title;       /* from metadata, or NULL */
  char *date;        /* YYYY-MM-DD from metadata, or NULL */
  char *author;      /* from metadata, or NULL */
  char *source;      /* the site or publisher, from metadata, or NULL */
  gint64 size;       /* bytes of the file */
} DeskRawDocument;

GQuark           desk_import_error_quark  (void);
DeskRawDocument *desk_reader_read         (GFile         *file,
                                           gint64         max_size,
                                           GCancellable  *cancellable,
                                           GError       **error);
DeskRawDocument *desk_reader_read_bytes   (const char    *name,
                                           GBytes        *bytes,
                                           GError       **error);
char            *desk_reader_decode       (const char    *name,
                                           const char    *bytes,
                                           gsize          len,
                                           GError       **error);
void             desk_raw_document_free   (DeskRawDocument *raw);
gboolean         desk_reader_is_supported (const char    *name);
char           **desk_reader_split        (const char    *text,
                                           char           separator);

/* Readers of each format, in their own files; each fills the title,
 * date, author and source of @meta that are still NULL, when @meta is
 * given */
char            *desk_html_to_markdown    (const char      *html,
                                           DeskRawDocument *meta);
char            *desk_markdown_clean      (const char      *markdown,
                                           DeskRawDocument *meta);
GPtrArray       *desk_pdf_read_pages      (const char      *name,
                                           GBytes          *bytes,
                                           DeskRawDocument *meta,
                                           GError         **error);
char            *desk_reader_clean_meta   (const char      *value);
char            *desk_reader_title_from_name (const char   *basename);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskRawDocument, desk_raw_document_free)

G_END_DECLS
