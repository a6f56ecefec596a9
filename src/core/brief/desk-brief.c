/* desk-brief.c: PDF briefs of selected axes, document sections and facts
 *
 * The selection becomes a list of blocks (headings, paragraphs, quotes,
 * fact tables) with references to a sources list; the blocks are laid out
 * twice with Pango on a cairo PDF surface: the first pass finds the page
 * of every heading and the number of pages, the second draws the brief
 * with its contents, bookmarks, links and "Page X of N" footers.  The
 * brief's language is chosen apart from the interface's, so its words are
 * in the tables below rather than in the message catalogue, like the
 * names of the axes in data/axes.json. */
#define G_LOG_DOMAIN "desk-brief"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <cairo.h>
#include <cairo-pdf.h>
#include <gio/gunixoutputstream.h>
#include <pango/pangocairo.h>

#include "desk-brief.h"
#include "desk-review.h"
#include "desk-section.h"

G_DEFINE_QUARK (desk-brief-error-quark, desk_brief_error)

/* Words of the brief, [0] Spanish and [1] English */
enum
{
  L_CONTENTS, L_SOURCES, L_PAGE_OF, L_PROPOSALS, L_FACTS, L_QUOTES, L_COMPARATORS,
  L_KIND, L_VALUE, L_MODALITY, L_SOURCE, L_MARK, L_PREPARED_BY, L_DATE, L_IN_SECTION,
  L_FACTS_OF_SECTION, L_ALL_FACTS, L_NOTES, L_NOTE, L_STATUS, L_NONE, L_SECTION_OF,
  L_AGREED, L_APPROVED_ONLY, L_ALL_REVIEWED, L_N
};

static const char * const words[L_N][2] = {
  [L_CONTENTS] = { "Contenido", "Contents" },
  [L_SOURCES] = { "Fuentes", "Sources" },
  [L_PAGE_OF] = { "Página %u de %u", "Page %u of %u" },
  [L_PROPOSALS] = { "Propuestas", "Proposals" },
  [L_FACTS] = { "Hechos que la sustentan", "Supporting facts" },
  [L_QUOTES] = { "Citas", "Quotations" },
  [L_COMPARATORS] = { "Mecanismos comparables", "Comparable mechanisms" },
  [L_KIND] = { "Tipo", "Kind" },
  [L_VALUE] = { "Valor", "Value" },
  [L_MODALITY] = { "Modalidad", "Modality" },
  [L_SOURCE] = { "Fuente", "Source" },
  [L_MARK] = { "USO INTERNO", "INTERNAL USE" },
  [L_PREPARED_BY] = { "Preparado por %s", "Prepared by %s" },
  [L_DATE] = { "%d de %s de %d", "%d %s %d" },
  [L_IN_SECTION] = { "%s, sección «%s»", "%s, section “%s”" },
  [L_FACTS_OF_SECTION] = { "Hechos de esta sección", "Facts in this section" },
  [L_ALL_FACTS] = { "Hechos", "Facts" },
  [L_NOTES] = { "Notas de la revisión", "Review notes" },
  [L_NOTE] = { "Nota", "Note" },
  [L_STATUS] = { "Estado", "Status" },
  [L_NONE] = { "No hay nada que mostrar aquí.", "There is nothing to show here." },
  [L_SECTION_OF] = { "De «%s»", "From “%s”" },
  [L_AGREED] = { "%s: %s", "%s: %s" },
  [L_APPROVED_ONLY] = { "Solo hechos aprobados en la revisión.", "Only facts approved in the review." },
  [L_ALL_REVIEWED] = { "Hechos extraídos, sin los rechazados en la revisión.", "Extracted facts, without those rejected in the review." },
};

static const char * const months[12][2] = {
  { "enero", "January" }, { "febrero", "February" }, { "marzo", "March" }, { "abril", "April" },
  { "mayo", "May" }, { "junio", "June" }, { "julio", "July" }, { "agosto", "August" },
  { "septiembre", "September" }, { "octubre", "October" }, { "noviembre", "November" }, { "diciembre", "December" },
};

static const char * const kind_words[DESK_N_FACT_KINDS][2] = {
  [DESK_FACT_DATE] = { "Fecha", "Date" },
  [DESK_FACT_QUANTITY] = { "Cifra", "Figure" },
  [DESK_FACT_MONEY] = { "Monto", "Money" },
  [DESK_FACT_PERCENT] = { "Porcentaje", "Percentage" },
  [DESK_FACT_PERSON] = { "Persona", "Person" },
  [DESK_FACT_ORG] = { "Organización", "Organization" },
  [DESK_FACT_PLACE] = { "Lugar", "Place" },
  [DESK_FACT_CITATION] = { "Cita bibliográfica", "Citation" },
  [DESK_FACT_QUOTE] = { "Cita textual", "Quotation" },
  [DESK_FACT_PROPOSAL] = { "Propuesta", "Proposal" },
  [DESK_FACT_MEETING] = { "Reunión", "Meeting" },
};

static const char * const modality_words[DESK_N_MODALITIES][2] = {
  [DESK_MODALITY_ASSERTED] = { "Afirmado", "Asserted" },
  [DESK_MODALITY_PROPOSED] = { "Propuesto", "Proposed" },
  [DESK_MODALITY_EXPECTED] = { "Previsto", "Expected" },
  [DESK_MODALITY_INTENDED] = { "Intención", "Intended" },
  [DESK_MODALITY_NEGATED] = { "Negado", "Negated" },
  [DESK_MODALITY_REPORTED] = { "Atribuido", "Reported" },
};

/* Facts of one kind listed under an axis, at most */
#define MAX_AXIS_FACTS 40
#define MAX_CELL_CHARS 400

/* Options */

DeskBriefOptions *
desk_brief_options_new (const char *language)
{
  DeskBriefOptions *o = g_new0 (DeskBriefOptions, 1);

  o->language = g_strdup (g_strcmp0 (language, "en") == 0 ? "en" : "es");
  o->items = g_ptr_array_new_with_free_func (g_free);
  return o;
}

void
desk_brief_options_free (DeskBriefOptions *o)
{
  if (o == NULL)
    return;
  for (guint i = 0; i < o->items->len; i++)
    g_free (((DeskBriefItem *) g_ptr_array_index (o->items, i))->axis_id);
  g_ptr_array_unref (o->items);
  g_free (o->title);
  g_free (o->language);
  g_free (o->mark);
  g_free (o->reviewer);
  g_free (o);
}

static DeskBriefItem *
add_item (DeskBriefOptions  *o,
          DeskBriefItemKind  kind)
{
  DeskBriefItem *item = g_new0 (DeskBriefItem, 1);

  item->kind = kind;
  item->fact_kind = -1;
  item->modality = -1;
  g_ptr_array_add (o->items, item);
  return item;
}

void
desk_brief_options_add_axis (DeskBriefOptions *o,
                             const char       *axis_id)
{
  add_item (o, DESK_BRIEF_AXIS)->axis_id = g_strdup (axis_id);
}

void
desk_brief_options_add_section (DeskBriefOptions *o,
                                gint64            document_id,
                                guint             section)
{
  DeskBriefItem *item = add_item (o, DESK_BRIEF_SECTION);

  item->document_id = document_id;
  item->section = section;
}

void
desk_brief_options_add_facts (DeskBriefOptions *o,
                              int               fact_kind,
                              int               modality,
                              gint64            document_id)
{
  DeskBriefItem *item = add_item (o, DESK_BRIEF_FACTS);

  item->fact_kind = fact_kind;
  item->modality = modality;
  item->document_id = document_id;
}

void
desk_brief_options_add_notes (DeskBriefOptions *o)
{
  add_item (o, DESK_BRIEF_NOTES);
}

gboolean
desk_brief_parse_paper (const char *text,
                        DeskPaper  *paper)
{
  if (g_ascii_strcasecmp (text, "a4") == 0)
    *paper = DESK_PAPER_A4;
  else if (g_ascii_strcasecmp (text, "letter") == 0)
    *paper = DESK_PAPER_LETTER;
  else
    return FALSE;
  return TRUE;
}

/* Content */

typedef enum
{
  BLOCK_HEADING,
  BLOCK_PARAGRAPH,
  BLOCK_LIST_ITEM,
  BLOCK_NOTE,       /* a smaller, grey paragraph */
  BLOCK_QUOTE,
  BLOCK_TABLE,
} BlockKind;

typedef struct
{
  BlockKind kind;
  guint level;        /* headings: 1 to 3 */
  char *number;       /* headings: "2.1" */
  char *text;
  char *citation;     /* quotes */
  guint ref;          /* source number, or 0 */
  GPtrArray *rows;    /* tables: GStrv of cells; the first row is the header */
  GArray *row_refs;   /* tables: guint source number per row */
  int page;           /* headings: where the first pass put it */
} Block;

typedef struct
{
  char *title;
  char *section;
  char *date;
} Source;

typedef struct
{
  DeskStore *store;
  DeskAxes *axes;
  DeskBriefOptions *options;
  int lang;                 /* 0 Spanish, 1 English */
  GPtrArray *blocks;        /* Block */
  GPtrArray *sources;       /* Source */
  GHashTable *source_index; /* "document:section" → number */
  GHashTable *states;       /* fact uid → DeskReviewState */
  guint counters[3];
} Brief;

static void
block_free (Block *b)
{
  g_free (b->number);
  g_free (b->text);
  g_free (b->citation);
  g_clear_pointer (&b->rows, g_ptr_array_unref);
  g_clear_pointer (&b->row_refs, g_array_unref);
  g_free (b);
}

static void
source_free (Source *s)
{
  g_free (s->title);
  g_free (s->section);
  g_free (s->date);
  g_free (s);
}

static const char *
word (Brief *brief,
      int    w)
{
  return words[w][brief->lang];
}

static Block *
add_block (Brief     *brief,
           BlockKind  kind,
           const char *text)
{
  Block *b = g_new0 (Block, 1);

  /* the brief draws its own bullets: the source's go */
  while (kind == BLOCK_LIST_ITEM && text != NULL &&
         (g_str_has_prefix (text, "- ") || g_str_has_prefix (text, "• ") || g_str_has_prefix (text, "– ") ||
          g_str_has_prefix (text, "* ") || g_str_has_prefix (text, "· ")))
    text = g_utf8_next_char (text) + 1;
  b->kind = kind;
  b->text = g_strdup (text);
  b->page = -1;
  g_ptr_array_add (brief->blocks, b);
  return b;
}

static void
add_heading (Brief      *brief,
             guint       level,
             const char *text)
{
  Block *b = add_block (brief, BLOCK_HEADING, text);
  GString *number = g_string_new (NULL);

  level = CLAMP (level, 1, 3);
  brief->counters[level - 1]++;
  for (guint i = level; i < 3; i++)
    brief->counters[i] = 0;
  for (guint i = 0; i < level; i++)
    g_string_append_printf (number, i == 0 ? "%u" : ".%u", brief->counters[i]);
  b->level = level;
  b->number = g_string_free (number, FALSE);
}

/* The number of a fact's source in the sources list, added when new */
static guint
source_of (Brief       *brief,
           DeskFactRow *row)
{
  g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT ":%s", row->document_id,
                                          row->section_title ? row->section_title : "");
  gpointer found;
  Source *s;

  if (g_hash_table_lookup_extended (brief->source_index, key, NULL, &found))
    return GPOINTER_TO_UINT (found);
  s = g_new0 (Source, 1);
  s->title = g_strdup (row->document_title);
  s->section = g_strdup (row->section_title);
  s->date = g_strdup (row->document_published);
  g_ptr_array_add (brief->sources, s);
  g_hash_table_insert (brief->source_index, g_steal_pointer (&key), GUINT_TO_POINTER (brief->sources->len));
  return brief->sources->len;
}

/* Whether the review lets a fact into the brief: never a rejected one,
 * and only approved ones when the officer asked for that. */
static gboolean
admitted (Brief       *brief,
          DeskFactRow *row)
{
  DeskReviewState *state = g_hash_table_lookup (brief->states, row->uid);
  const char *status = state && state->status ? state->status : "pending";

  if (g_str_equal (status, "rejected"))
    return FALSE;
  return !brief->options->approved_only || g_str_equal (status, "approved");
}

/* The fact as the review left it: corrections replace what was extracted */
static const char *
fact_value (Brief       *brief,
            DeskFactRow *row)
{
  DeskReviewState *state = g_hash_table_lookup (brief->states, row->uid);

  return state && state->value ? state->value : row->fact.value;
}

static const char *
fact_text (Brief       *brief,
           DeskFactRow *row)
{
  DeskReviewState *state = g_hash_table_lookup (brief->states, row->uid);

  return state && state->text ? state->text : row->fact.text;
}

static char *
shorten (const char *text)
{
  if (text == NULL)
    return g_strdup ("");
  if (g_utf8_strlen (text, -1) <= MAX_CELL_CHARS)
    return g_strdup (text);
  {
    g_autofree char *cut = g_utf8_substring (text, 0, MAX_CELL_CHARS);
    return g_strconcat (cut, "…", NULL);
  }
}

static Block *
new_table (Brief *brief,
           int    last_column)
{
  Block *b = add_block (brief, BLOCK_TABLE, NULL);
  char **header = g_new0 (char *, 5);

  header[0] = g_strdup (word (brief, L_KIND));
  header[1] = g_strdup (word (brief, L_VALUE));
  header[2] = g_strdup (word (brief, last_column));
  header[3] = g_strdup (word (brief, L_SOURCE));
  b->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  b->row_refs = g_array_new (FALSE, TRUE, sizeof (guint));
  g_ptr_array_add (b->rows, header);
  g_array_append_val (b->row_refs, (guint) { 0 });
  return b;
}

static void
table_add (Brief      *brief,
           Block      *table,
           DeskFactRow *row,
           const char *third)
{
  char **cells = g_new0 (char *, 5);
  guint ref = source_of (brief, row);
  g_autofree char *value = shorten (fact_value (brief, row));
  g_autofree char *text = shorten (fact_text (brief, row));

  cells[0] = g_strdup (kind_words[row->fact.kind][brief->lang]);
  cells[1] = g_strcmp0 (value, text) == 0 ? g_strdup (value) : g_strdup_printf ("%s\n«%s»", value, text);
  cells[2] = g_strdup (third ? third : modality_words[row->fact.modality][brief->lang]);
  cells[3] = g_strdup_printf ("[%u]", ref);
  g_ptr_array_add (table->rows, cells);
  g_array_append_val (table->row_refs, ref);
}

static void
add_facts_table (Brief     *brief,
                 GPtrArray *rows,
                 guint      limit)
{
  Block *table = NULL;
  guint n = 0;

  for (guint i = 0; i < rows->len && n < limit; i++)
    {
      DeskFactRow *row = g_ptr_array_index (rows, i);

      if (!admitted (brief, row) || row->fact.kind == DESK_FACT_QUOTE || row->fact.kind == DESK_FACT_PROPOSAL)
        continue;
      if (table == NULL)
        table = new_table (brief, L_MODALITY);
      table_add (brief, table, row, NULL);
      n++;
    }
  if (table == NULL)
    add_block (brief, BLOCK_NOTE, word (brief, L_NONE));
}

/* The quotation without the marks around it: the brief sets its own */
static char *
unquote (const char *text)
{
  static const char * const marks[] = { "“", "”", "\"", "«", "»", "‘", "’", "'", NULL };
  g_autofree char *copy = g_strstrip (g_strdup (text));
  char *start = copy;
  gsize len = strlen (copy);
  gboolean again = TRUE;

  while (again && len > 0)
    {
      again = FALSE;
      for (guint i = 0; marks[i]; i++)
        {
          gsize m = strlen (marks[i]);

          if (len >= m && strncmp (start, marks[i], m) == 0)
            {
              start += m;
              len -= m;
              again = TRUE;
            }
          if (len >= m && strncmp (start + len - m, marks[i], m) == 0)
            {
              len -= m;
              again = TRUE;
            }
        }
    }
  return g_strndup (start, len);
}

static void
add_quotes (Brief     *brief,
            GPtrArray *rows,
            guint      limit)
{
  guint n = 0;

  for (guint i = 0; i < rows->len && n < limit; i++)
    {
      DeskFactRow *row = g_ptr_array_index (rows, i);
      Block *b;

      g_autofree char *quoted = NULL;

      if (row->fact.kind != DESK_FACT_QUOTE || !admitted (brief, row))
        continue;
      quoted = unquote (fact_text (brief, row));
      /* a word or two in quotation marks is an expression, not a statement */
      if (g_utf8_strlen (quoted, -1) < 25)
        continue;
      b = add_block (brief, BLOCK_QUOTE, quoted);
      b->citation = g_strdup (row->document_title);
      b->ref = source_of (brief, row);
      n++;
    }
}

static gboolean
add_axis (Brief     *brief,
          DeskAxis  *axis,
          guint      level,
          GError   **error)
{
  g_autoptr(GPtrArray) facts = desk_store_list_axis_facts (brief->store, axis->id, -1, error);
  g_autoptr(GPtrArray) comparators = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *dialogues = desk_axes_get_dialogues (brief->axes);
  guint n_proposals = 0, n_quotes = 0;

  if (facts == NULL)
    return FALSE;
  add_heading (brief, level, axis->name[brief->lang]);
  if (axis->description[brief->lang] != NULL && *axis->description[brief->lang] != '\0')
    add_block (brief, BLOCK_PARAGRAPH, axis->description[brief->lang]);

  for (guint i = 0; i < facts->len; i++)
    {
      DeskFactRow *row = g_ptr_array_index (facts, i);

      if (admitted (brief, row))
        {
          n_proposals += row->fact.kind == DESK_FACT_PROPOSAL;
          n_quotes += row->fact.kind == DESK_FACT_QUOTE;
        }
    }
  if (n_proposals > 0)
    {
      guint n = 0;

      add_heading (brief, level + 1, word (brief, L_PROPOSALS));
      for (guint i = 0; i < facts->len && n < MAX_AXIS_FACTS; i++)
        {
          DeskFactRow *row = g_ptr_array_index (facts, i);
          Block *b;

          if (row->fact.kind != DESK_FACT_PROPOSAL || !admitted (brief, row))
            continue;
          b = add_block (brief, BLOCK_LIST_ITEM, fact_text (brief, row));
          b->ref = source_of (brief, row);
          n++;
        }
    }
  add_heading (brief, level + 1, word (brief, L_FACTS));
  add_facts_table (brief, facts, MAX_AXIS_FACTS);
  if (n_quotes > 0)
    {
      add_heading (brief, level + 1, word (brief, L_QUOTES));
      add_quotes (brief, facts, MAX_AXIS_FACTS / 4);
    }

  /* what comparable mechanisms agreed on this axis */
  for (guint d = 0; d < dialogues->len; d++)
    {
      DeskDialogue *dialogue = g_ptr_array_index (dialogues, d);
      g_autoptr(GPtrArray) stack = g_ptr_array_new ();

      if (dialogue->proposed)
        continue;
      for (guint a = 0; a < dialogue->axes->len; a++)
        g_ptr_array_add (stack, g_ptr_array_index (dialogue->axes, a));
      while (stack->len > 0)
        {
          DeskAxis *other = g_ptr_array_steal_index (stack, stack->len - 1);

          for (guint s = 0; other->subaxes != NULL && s < other->subaxes->len; s++)
            g_ptr_array_add (stack, g_ptr_array_index (other->subaxes, s));
          if (other->maps_to != NULL && g_strv_contains ((const char * const *) other->maps_to, axis->id))
            {
              const char *agreed = other->agreed[brief->lang] ? other->agreed[brief->lang] : other->name[brief->lang];
              g_ptr_array_add (comparators, g_strdup_printf (word (brief, L_AGREED), dialogue->name[brief->lang], agreed));
            }
        }
    }
  if (comparators->len > 0)
    {
      add_heading (brief, level + 1, word (brief, L_COMPARATORS));
      for (guint i = 0; i < comparators->len; i++)
        add_block (brief, BLOCK_LIST_ITEM, g_ptr_array_index (comparators, i));
    }

  for (guint i = 0; axis->subaxes != NULL && i < axis->subaxes->len && level < 2; i++)
    if (!add_axis (brief, g_ptr_array_index (axis->subaxes, i), level + 1, error))
      return FALSE;
  return TRUE;
}

static gboolean
add_section (Brief          *brief,
             DeskBriefItem  *item,
             GError        **error)
{
  g_autoptr(DeskDocument) doc = desk_store_get_document (brief->store, item->document_id, error);
  g_autoptr(GPtrArray) sections = NULL;
  g_autoptr(GArray) paragraphs = NULL;
  g_autoptr(GPtrArray) facts = NULL;
  g_autofree char *text = NULL;
  g_autofree char *from = NULL;
  DeskFactFilter filter = { -1, -1, item->document_id, NULL };
  DeskSection *section;
  const char *p;
  gint64 offset = 0, start, end;

  if (doc == NULL ||
      !(sections = desk_store_get_sections (brief->store, item->document_id, error)) ||
      !(paragraphs = desk_store_get_paragraphs (brief->store, item->document_id, error)) ||
      !(text = desk_store_get_text (brief->store, item->document_id, error)) ||
      !(facts = desk_store_list_facts (brief->store, &filter, error)))
    return FALSE;
  if (item->section >= sections->len)
    {
      g_set_error (error, DESK_BRIEF_ERROR, DESK_BRIEF_ERROR_NOT_FOUND,
                   _("Document %d has no section %u (it has %u)"),
                   (int) item->document_id, item->section, sections->len);
      return FALSE;
    }
  section = g_ptr_array_index (sections, item->section);
  start = desk_section_get_start (section);
  end = desk_section_get_end (section);
  /* a section holds its subsections, but not those that are parts of the
   * brief of their own */
  for (guint i = 0; i < brief->options->items->len; i++)
    {
      DeskBriefItem *other = g_ptr_array_index (brief->options->items, i);
      DeskSection *child;

      if (other->kind != DESK_BRIEF_SECTION || other->document_id != item->document_id || other->section >= sections->len)
        continue;
      child = g_ptr_array_index (sections, other->section);
      if (desk_section_get_start (child) > start && desk_section_get_start (child) < end)
        end = desk_section_get_start (child);
    }
  add_heading (brief, 1, desk_section_get_title (section));
  from = g_strdup_printf (word (brief, L_SECTION_OF), desk_document_get_title (doc));
  add_block (brief, BLOCK_NOTE, from);

  /* the section's paragraphs, walking the text once */
  p = text;
  for (guint i = 0; i < paragraphs->len; i++)
    {
      DeskParagraph *para = &g_array_index (paragraphs, DeskParagraph, i);
      const char *from_p, *to_p;
      g_autofree char *chunk = NULL;

      if (para->end <= start)
        continue;
      if (para->start >= end)
        break;
      if (para->start < offset)
        continue;
      from_p = g_utf8_offset_to_pointer (p, para->start - offset);
      to_p = g_utf8_offset_to_pointer (from_p, para->end - para->start);
      chunk = g_strndup (from_p, to_p - from_p);
      p = from_p;
      offset = para->start;
      if (para->start == start && para->kind == DESK_BLOCK_HEADING)
        continue; /* the section's own title */
      if (para->kind == DESK_BLOCK_HEADING)
        {
          /* the brief numbers its headings: the source's own numbers go */
          const char *title = chunk;

          while (g_ascii_isdigit (*title) || *title == '.')
            title++;
          if (title != chunk && *title == ' ')
            while (*title == ' ')
              title++;
          else
            title = chunk;
          add_heading (brief, 2, *title ? title : chunk);
        }
      else
        add_block (brief, para->kind == DESK_BLOCK_LIST_ITEM ? BLOCK_LIST_ITEM : BLOCK_PARAGRAPH, chunk);
    }

  for (guint i = facts->len; i > 0; i--)
    {
      DeskFactRow *row = g_ptr_array_index (facts, i - 1);

      if (row->fact.start < start || row->fact.start >= end)
        g_ptr_array_remove_index (facts, i - 1);
    }
  add_heading (brief, 2, word (brief, L_FACTS_OF_SECTION));
  add_facts_table (brief, facts, G_MAXUINT);
  add_quotes (brief, facts, G_MAXUINT);
  return TRUE;
}

static gboolean
add_facts (Brief          *brief,
           DeskBriefItem  *item,
           GError        **error)
{
  DeskFactFilter filter = { item->fact_kind, item->modality, item->document_id, NULL };
  g_autoptr(GPtrArray) facts = desk_store_list_facts (brief->store, &filter, error);
  GString *title = g_string_new (word (brief, L_ALL_FACTS));
  g_autofree char *heading = NULL;

  if (facts == NULL)
    return FALSE;
  if (item->fact_kind >= 0)
    g_string_append_printf (title, ": %s", kind_words[item->fact_kind][brief->lang]);
  if (item->modality >= 0)
    g_string_append_printf (title, " (%s)", modality_words[item->modality][brief->lang]);
  heading = g_string_free (title, FALSE);
  add_heading (brief, 1, heading);
  add_block (brief, BLOCK_NOTE, word (brief, brief->options->approved_only ? L_APPROVED_ONLY : L_ALL_REVIEWED));
  add_facts_table (brief, facts, G_MAXUINT);
  add_quotes (brief, facts, G_MAXUINT);
  return TRUE;
}

static gboolean
add_notes (Brief   *brief,
           GError **error)
{
  g_autoptr(GPtrArray) facts = desk_store_list_facts (brief->store, NULL, error);
  Block *table = NULL;

  if (facts == NULL)
    return FALSE;
  add_heading (brief, 1, word (brief, L_NOTES));
  for (guint i = 0; i < facts->len; i++)
    {
      DeskFactRow *row = g_ptr_array_index (facts, i);
      DeskReviewState *state = g_hash_table_lookup (brief->states, row->uid);

      if (state == NULL || state->note == NULL)
        continue;
      if (table == NULL)
        table = new_table (brief, L_NOTE);
      table_add (brief, table, row, state->note);
    }
  if (table == NULL)
    add_block (brief, BLOCK_NOTE, word (brief, L_NONE));
  return TRUE;
}

/* Layout */

typedef struct
{
  Brief *brief;
  cairo_surface_t *surface;
  cairo_t *cr;
  PangoContext *context;
  gboolean drawing;         /* the second pass */
  GOutputStream *out;       /* where the second pass writes */
  GError *write_error;      /* why it could not, the first time */
  double width, height;     /* of the page, in points */
  double left, right, top, bottom;
  double y;
  guint page;
  guint n_pages;            /* known in the second pass */
  guint n_contents_pages;
  int outline_parents[3];
  PangoFontDescription *body_font;
  PangoFontDescription *small_font;
  PangoFontDescription *heading_fonts[3];
  PangoAttrList *no_hyphens;
  char *title;
  char *mark;
} Pager;

static double
text_width (Pager *pager)
{
  return pager->width - pager->left - pager->right;
}

static PangoLayout *
new_layout (Pager                *pager,
            const char           *text,
            PangoFontDescription *font,
            double                width,
            gboolean              justify)
{
  PangoLayout *layout = pango_layout_new (pager->context);

  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_justify (layout, justify);
  pango_layout_set_attributes (layout, pager->no_hyphens);
  pango_layout_set_text (layout, text ? text : "", -1);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int h;

  pango_layout_get_size (layout, NULL, &h);
  return (double) h / PANGO_SCALE;
}

static void
show_layout (Pager       *pager,
             PangoLayout *layout,
             double       x,
             double       y)
{
  if (!pager->drawing)
    return;
  cairo_move_to (pager->cr, x, y);
  pango_cairo_show_layout (pager->cr, layout);
}

static void
set_grey (Pager  *pager,
          double  level)
{
  cairo_set_source_rgb (pager->cr, level, level, level);
}

/* The running header and the footer of a page after the title page */
static void
decorate_page (Pager *pager)
{
  g_autoptr(PangoLayout) header = NULL;
  g_autoptr(PangoLayout) mark = NULL;
  g_autoptr(PangoLayout) footer = NULL;
  g_autofree char *page_of = NULL;

  if (!pager->drawing || pager->page <= 1)
    return;
  header = new_layout (pager, pager->title, pager->small_font, text_width (pager) * 0.7, FALSE);
  pango_layout_set_ellipsize (header, PANGO_ELLIPSIZE_END);
  mark = new_layout (pager, pager->mark, pager->small_font, text_width (pager) * 0.3, FALSE);
  pango_layout_set_alignment (mark, PANGO_ALIGN_RIGHT);
  set_grey (pager, 0.35);
  show_layout (pager, header, pager->left, pager->top - 28);
  show_layout (pager, mark, pager->left + text_width (pager) * 0.7, pager->top - 28);
  cairo_set_line_width (pager->cr, 0.5);
  cairo_move_to (pager->cr, pager->left, pager->top - 12);
  cairo_line_to (pager->cr, pager->width - pager->right, pager->top - 12);
  cairo_stroke (pager->cr);

  page_of = g_strdup_printf (words[L_PAGE_OF][pager->brief->lang], pager->page, pager->n_pages);
  footer = new_layout (pager, page_of, pager->small_font, text_width (pager), FALSE);
  pango_layout_set_alignment (footer, PANGO_ALIGN_CENTER);
  show_layout (pager, footer, pager->left, pager->height - pager->bottom + 14);
  set_grey (pager, 0);
}

static void
new_page (Pager *pager)
{
  if (pager->page > 0)
    cairo_show_page (pager->cr);
  pager->page++;
  pager->y = pager->top;
  decorate_page (pager);
}

static double
room (Pager *pager)
{
  return pager->height - pager->bottom - pager->y;
}

/* Draws a layout line by line from the current position, breaking pages
 * between lines. */
static void
flow_layout (Pager       *pager,
             PangoLayout *layout,
             double       x)
{
  PangoLayoutIter *iter = pango_layout_get_iter (layout);

  do
    {
      PangoRectangle logical;
      PangoLayoutLine *line = pango_layout_iter_get_line_readonly (iter);
      double line_top, line_height, baseline;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      line_top = (double) logical.y / PANGO_SCALE;
      line_height = (double) logical.height / PANGO_SCALE;
      baseline = (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE - line_top;
      if (line_height > room (pager))
        new_page (pager);
      if (pager->drawing)
        {
          cairo_move_to (pager->cr, x + (double) logical.x / PANGO_SCALE, pager->y + baseline);
          pango_cairo_show_layout_line (pager->cr, line);
        }
      pager->y += line_height;
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
}

static void
link_rect (Pager      *pager,
           double      x,
           double      y,
           double      w,
           double      h,
           const char *dest)
{
  g_autofree char *attrs = NULL;
  char xs[G_ASCII_DTOSTR_BUF_SIZE], ys[G_ASCII_DTOSTR_BUF_SIZE], ws[G_ASCII_DTOSTR_BUF_SIZE], hs[G_ASCII_DTOSTR_BUF_SIZE];

  if (!pager->drawing)
    return;
  attrs = g_strdup_printf ("rect=[%s %s %s %s] dest='%s'", g_ascii_dtostr (xs, sizeof xs, x), g_ascii_dtostr (ys, sizeof ys, y),
                           g_ascii_dtostr (ws, sizeof ws, w), g_ascii_dtostr (hs, sizeof hs, h), dest);
  cairo_tag_begin (pager->cr, CAIRO_TAG_LINK, attrs);
  cairo_tag_end (pager->cr, CAIRO_TAG_LINK);
}

static void
dest_here (Pager      *pager,
           const char *name)
{
  g_autofree char *attrs = NULL;

  if (!pager->drawing)
    return;
  attrs = g_strdup_printf ("name='%s' x=%d y=%d", name, (int) pager->left, (int) pager->y);
  cairo_tag_begin (pager->cr, CAIRO_TAG_DEST, attrs);
  cairo_tag_end (pager->cr, CAIRO_TAG_DEST);
}

static void
render_heading (Pager *pager,
                Block *b,
                guint  index,
                Block *next)
{
  g_autofree char *text = g_strdup_printf ("%s  %s", b->number, b->text);
  g_autoptr(PangoLayout) layout = new_layout (pager, text, pager->heading_fonts[b->level - 1], text_width (pager), FALSE);
  g_autofree char *dest = g_strdup_printf ("h%u", index);
  double above = b->level == 1 ? 18 : 12;
  double height = layout_height (layout);
  /* no heading alone at the foot of a page: it keeps three lines of what follows */
  double keep = next != NULL && next->kind != BLOCK_HEADING ? 3 * 15 : 0;

  if (b->level == 1 && pager->y > pager->top + 1 && room (pager) < pager->height / 3)
    new_page (pager);
  else if (pager->y > pager->top + 1)
    pager->y += above;
  if (height + keep > room (pager))
    new_page (pager);

  b->page = pager->page;
  dest_here (pager, dest);
  if (pager->drawing)
    {
      int parent = b->level > 1 ? pager->outline_parents[b->level - 2] : CAIRO_PDF_OUTLINE_ROOT;
      g_autofree char *link = g_strdup_printf ("dest='%s'", dest);

      pager->outline_parents[b->level - 1] = cairo_pdf_surface_add_outline (pager->surface, parent, text, link,
                                                                             b->level == 1 ? CAIRO_PDF_OUTLINE_FLAG_OPEN : 0);
    }
  cairo_set_source_rgb (pager->cr, 0.08, 0.2, 0.38);
  show_layout (pager, layout, pager->left, pager->y);
  set_grey (pager, 0);
  pager->y += height + 6;
}

static void
render_paragraph (Pager *pager,
                  Block *b)
{
  gboolean item = b->kind == BLOCK_LIST_ITEM;
  gboolean note = b->kind == BLOCK_NOTE;
  double indent = item ? 16 : 0;
  g_autofree char *text = b->ref > 0 ? g_strdup_printf ("%s [%u]", b->text, b->ref) : g_strdup (b->text);
  g_autoptr(PangoLayout) layout = new_layout (pager, text, note ? pager->small_font : pager->body_font,
                                              text_width (pager) - indent, !note);
  double first_y;
  guint first_page;

  if (note)
    set_grey (pager, 0.4);
  if (item)
    {
      g_autoptr(PangoLayout) bullet = new_layout (pager, "•", pager->body_font, indent, FALSE);
      PangoLayoutIter *iter = pango_layout_get_iter (layout);
      PangoRectangle logical;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      pango_layout_iter_free (iter);
      if ((double) logical.height / PANGO_SCALE > room (pager))
        new_page (pager);
      show_layout (pager, bullet, pager->left + 4, pager->y);
    }
  first_y = pager->y;
  first_page = pager->page;
  flow_layout (pager, layout, pager->left + indent);
  set_grey (pager, 0);

  /* the reference links to its source, where the paragraph ends */
  if (b->ref > 0 && pager->drawing)
    {
      g_autofree char *dest = g_strdup_printf ("src%u", b->ref);
      PangoRectangle pos;
      int index = (int) strlen (b->text) + 1;
      double line_y;

      pango_layout_index_to_pos (layout, index, &pos);
      line_y = (double) pos.y / PANGO_SCALE;
      /* only when the reference did not move to another page with its line */
      if (pager->page == first_page)
        link_rect (pager, pager->left + indent + (double) pos.x / PANGO_SCALE, first_y + line_y,
                   (double) (strlen (text) - index) * 5.5, (double) pos.height / PANGO_SCALE, dest);
      else
        link_rect (pager, pager->left + indent, pager->y - (double) pos.height / PANGO_SCALE,
                   text_width (pager) - indent, (double) pos.height / PANGO_SCALE, dest);
    }
  pager->y += note ? 8 : 6;
}

static void
render_quote (Pager *pager,
              Block *b)
{
  g_autofree char *quoted = g_strdup_printf ("«%s»", b->text);
  g_autofree char *citation = g_strdup_printf ("— %s [%u]", b->citation ? b->citation : "", b->ref);
  g_autofree char *dest = g_strdup_printf ("src%u", b->ref);
  PangoFontDescription *italic = pango_font_description_copy (pager->body_font);
  g_autoptr(PangoLayout) layout = NULL;
  g_autoptr(PangoLayout) cite = NULL;
  double indent = 28;
  double top, cite_height;

  pango_font_description_set_style (italic, PANGO_STYLE_ITALIC);
  layout = new_layout (pager, quoted, italic, text_width (pager) - 2 * indent, TRUE);
  cite = new_layout (pager, citation, pager->small_font, text_width (pager) - 2 * indent, FALSE);
  pango_layout_set_alignment (cite, PANGO_ALIGN_RIGHT);
  pango_font_description_free (italic);

  pager->y += 4;
  top = pager->y;
  flow_layout (pager, layout, pager->left + indent);
  if (pager->drawing && pager->y > top)
    {
      cairo_set_source_rgb (pager->cr, 0.6, 0.66, 0.75);
      cairo_rectangle (pager->cr, pager->left + indent - 10, top, 2.5, pager->y - top);
      cairo_fill (pager->cr);
      set_grey (pager, 0);
    }
  cite_height = layout_height (cite);
  if (cite_height > room (pager))
    new_page (pager);
  set_grey (pager, 0.35);
  show_layout (pager, cite, pager->left + indent, pager->y + 2);
  set_grey (pager, 0);
  link_rect (pager, pager->left + indent, pager->y + 2, text_width (pager) - 2 * indent, cite_height, dest);
  pager->y += cite_height + 10;
}

static const double columns[4] = { 0.17, 0.46, 0.25, 0.12 };

static double
draw_row (Pager    *pager,
          char    **cells,
          gboolean  header,
          guint     ref)
{
  PangoLayout *layouts[4];
  double height = 0, x = pager->left;
  PangoFontDescription *bold = pango_font_description_copy (pager->small_font);

  pango_font_description_set_weight (bold, PANGO_WEIGHT_BOLD);
  for (guint c = 0; c < 4; c++)
    {
      layouts[c] = new_layout (pager, cells[c], header ? bold : pager->small_font, columns[c] * text_width (pager) - 8, FALSE);
      height = MAX (height, layout_height (layouts[c]));
    }
  height += 6;
  if (height > room (pager))
    {
      for (guint c = 0; c < 4; c++)
        g_object_unref (layouts[c]);
      pango_font_description_free (bold);
      return -1;
    }
  if (pager->drawing)
    {
      if (header)
        {
          cairo_set_source_rgb (pager->cr, 0.9, 0.92, 0.95);
          cairo_rectangle (pager->cr, pager->left, pager->y, text_width (pager), height);
          cairo_fill (pager->cr);
        }
      cairo_set_source_rgb (pager->cr, 0.75, 0.75, 0.75);
      cairo_set_line_width (pager->cr, 0.4);
      cairo_move_to (pager->cr, pager->left, pager->y + height);
      cairo_line_to (pager->cr, pager->width - pager->right, pager->y + height);
      cairo_stroke (pager->cr);
      set_grey (pager, 0);
    }
  for (guint c = 0; c < 4; c++)
    {
      show_layout (pager, layouts[c], x + 4, pager->y + 3);
      x += columns[c] * text_width (pager);
      g_object_unref (layouts[c]);
    }
  if (ref > 0)
    {
      g_autofree char *dest = g_strdup_printf ("src%u", ref);
      link_rect (pager, x - columns[3] * text_width (pager), pager->y, columns[3] * text_width (pager), height, dest);
    }
  pango_font_description_free (bold);
  return height;
}

/* A table breaks between rows; its header row starts every page again. */
static void
render_table (Pager *pager,
              Block *b)
{
  char **header = g_ptr_array_index (b->rows, 0);
  double h;

  pager->y += 2;
  if ((h = draw_row (pager, header, TRUE, 0)) < 0 || room (pager) - h < 30)
    {
      new_page (pager);
      h = draw_row (pager, header, TRUE, 0);
    }
  pager->y += h;
  for (guint r = 1; r < b->rows->len; r++)
    {
      char **cells = g_ptr_array_index (b->rows, r);
      guint ref = g_array_index (b->row_refs, guint, r);

      if ((h = draw_row (pager, cells, FALSE, ref)) < 0)
        {
          new_page (pager);
          pager->y += draw_row (pager, header, TRUE, 0);
          h = draw_row (pager, cells, FALSE, ref);
          if (h < 0)
            h = 0; /* taller than a page: cells are shortened, so this does not happen */
        }
      pager->y += h;
    }
  pager->y += 10;
}

static char *
long_date (int lang)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  int month = g_date_time_get_month (now) - 1;

  if (lang == 0)
    return g_strdup_printf (words[L_DATE][0], g_date_time_get_day_of_month (now), months[month][0], g_date_time_get_year (now));
  return g_strdup_printf (words[L_DATE][1], g_date_time_get_day_of_month (now), months[month][1], g_date_time_get_year (now));
}

static void
render_title_page (Pager *pager)
{
  Brief *brief = pager->brief;
  g_autofree char *date = long_date (brief->lang);
  g_autofree char *by = brief->options->reviewer && *brief->options->reviewer
                        ? g_strdup_printf (word (brief, L_PREPARED_BY), brief->options->reviewer) : NULL;
  PangoFontDescription *title_font = pango_font_description_from_string ("DejaVu Serif Bold 24");
  PangoFontDescription *mark_font = pango_font_description_from_string ("DejaVu Sans Bold 11");
  g_autoptr(PangoLayout) mark = new_layout (pager, pager->mark, mark_font, text_width (pager), FALSE);
  g_autoptr(PangoLayout) title = new_layout (pager, pager->title, title_font, text_width (pager), FALSE);
  g_autoptr(PangoLayout) when = new_layout (pager, date, pager->body_font, text_width (pager), FALSE);
  g_autoptr(PangoLayout) who = by ? new_layout (pager, by, pager->body_font, text_width (pager), FALSE) : NULL;
  double y = pager->height * 0.3;

  new_page (pager);
  pango_layout_set_alignment (mark, PANGO_ALIGN_RIGHT);
  cairo_set_source_rgb (pager->cr, 0.6, 0.1, 0.1);
  show_layout (pager, mark, pager->left, pager->top);
  cairo_set_source_rgb (pager->cr, 0.08, 0.2, 0.38);
  show_layout (pager, title, pager->left, y);
  y += layout_height (title) + 12;
  if (pager->drawing)
    {
      cairo_set_line_width (pager->cr, 1.5);
      cairo_move_to (pager->cr, pager->left, y);
      cairo_line_to (pager->cr, pager->left + text_width (pager) * 0.4, y);
      cairo_stroke (pager->cr);
    }
  set_grey (pager, 0.25);
  y += 16;
  show_layout (pager, when, pager->left, y);
  y += layout_height (when) + 4;
  if (who != NULL)
    show_layout (pager, who, pager->left, y);
  set_grey (pager, 0);
  pango_font_description_free (title_font);
  pango_font_description_free (mark_font);
}

/* The table of contents: every numbered heading with its page, linked */
static void
render_contents (Pager *pager)
{
  Brief *brief = pager->brief;
  g_autoptr(PangoLayout) heading = new_layout (pager, word (brief, L_CONTENTS), pager->heading_fonts[0], text_width (pager), FALSE);

  new_page (pager);
  cairo_set_source_rgb (pager->cr, 0.08, 0.2, 0.38);
  show_layout (pager, heading, pager->left, pager->y);
  set_grey (pager, 0);
  pager->y += layout_height (heading) + 12;
  for (guint i = 0; i < brief->blocks->len; i++)
    {
      Block *b = g_ptr_array_index (brief->blocks, i);
      double indent = (b->level - 1) * 16;
      g_autofree char *entry = NULL;
      g_autofree char *page = NULL;
      g_autofree char *dest = NULL;
      g_autoptr(PangoLayout) text = NULL;
      g_autoptr(PangoLayout) number = NULL;
      double h;

      if (b->kind != BLOCK_HEADING)
        continue;
      entry = g_strdup_printf ("%s  %s", b->number, b->text);
      /* the first pass does not know the pages yet: the same width holds their place */
      page = pager->drawing ? g_strdup_printf ("%d", b->page) : g_strdup ("000");
      text = new_layout (pager, entry, b->level == 1 ? pager->body_font : pager->small_font,
                         text_width (pager) - indent - 40, FALSE);
      number = new_layout (pager, page, b->level == 1 ? pager->body_font : pager->small_font, 40, FALSE);
      pango_layout_set_alignment (number, PANGO_ALIGN_RIGHT);
      h = layout_height (text) + (b->level == 1 ? 5 : 2);
      if (h > room (pager))
        new_page (pager);
      show_layout (pager, text, pager->left + indent, pager->y);
      show_layout (pager, number, pager->width - pager->right - 40, pager->y);
      dest = g_strdup_printf ("h%u", i);
      link_rect (pager, pager->left + indent, pager->y, text_width (pager) - indent, layout_height (text), dest);
      pager->y += h;
    }
}

static void
render_sources (Pager *pager,
                guint  index)
{
  Brief *brief = pager->brief;
  Block heading = { .kind = BLOCK_HEADING, .level = 1, .text = (char *) word (brief, L_SOURCES) };

  heading.number = g_strdup_printf ("%u", brief->counters[0] + 1);
  render_heading (pager, &heading, index, NULL);
  g_free (heading.number);
  for (guint i = 0; i < brief->sources->len; i++)
    {
      Source *s = g_ptr_array_index (brief->sources, i);
      g_autofree char *where = s->section ? g_strdup_printf (word (brief, L_IN_SECTION), s->title, s->section) : g_strdup (s->title);
      g_autofree char *entry = s->date ? g_strdup_printf ("[%u]  %s (%s)", i + 1, where, s->date) : g_strdup_printf ("[%u]  %s", i + 1, where);
      g_autofree char *dest = g_strdup_printf ("src%u", i + 1);
      g_autoptr(PangoLayout) layout = new_layout (pager, entry, pager->small_font, text_width (pager), FALSE);

      if (layout_height (layout) > room (pager))
        new_page (pager);
      dest_here (pager, dest);
      flow_layout (pager, layout, pager->left);
      pager->y += 4;
    }
}

static gboolean
render (Brief         *brief,
        Pager         *pager,
        GCancellable  *cancellable,
        DeskBriefProgressFunc progress,
        gpointer       progress_data,
        double         from,
        double         to,
        GError       **error)
{
  /* a tagged document: cairo 1.16 writes links whole only inside a
   * structure (its parent tree would otherwise point at missing objects) */
  if (pager->drawing)
    cairo_tag_begin (pager->cr, "Document", NULL);
  render_title_page (pager);
  render_contents (pager);
  pager->n_contents_pages = pager->page - 1;
  new_page (pager);
  for (guint i = 0; i < brief->blocks->len; i++)
    {
      Block *b = g_ptr_array_index (brief->blocks, i);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (progress != NULL && i % 50 == 0)
        progress (from + (to - from) * i / brief->blocks->len, progress_data);
      switch (b->kind)
        {
        case BLOCK_HEADING:
          render_heading (pager, b, i, i + 1 < brief->blocks->len ? g_ptr_array_index (brief->blocks, i + 1) : NULL);
          break;
        case BLOCK_PARAGRAPH:
        case BLOCK_LIST_ITEM:
        case BLOCK_NOTE:
          render_paragraph (pager, b);
          break;
        case BLOCK_QUOTE:
          render_quote (pager, b);
          break;
        case BLOCK_TABLE:
          render_table (pager, b);
          break;
        default:
          g_assert_not_reached ();
        }
    }
  if (brief->sources->len > 0)
    render_sources (pager, brief->blocks->len);
  if (pager->drawing)
    cairo_tag_end (pager->cr, "Document");
  cairo_show_page (pager->cr);
  return TRUE;
}

static cairo_status_t
write_to_stream (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  Pager *pager = closure;

  if (pager->out == NULL)
    return CAIRO_STATUS_SUCCESS; /* the first pass writes nowhere */
  if (pager->write_error != NULL ||
      !g_output_stream_write_all (pager->out, data, length, NULL, NULL, &pager->write_error))
    return CAIRO_STATUS_WRITE_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

static void
pager_init (Pager         *pager,
            Brief         *brief,
            GOutputStream *out)
{
  DeskBriefOptions *o = brief->options;

  memset (pager, 0, sizeof *pager);
  pager->brief = brief;
  pager->drawing = out != NULL;
  pager->width = o->paper == DESK_PAPER_LETTER ? 612 : 595.28;
  pager->height = o->paper == DESK_PAPER_LETTER ? 792 : 841.89;
  pager->left = pager->right = 62;
  pager->top = 72;
  pager->bottom = 64;
  pager->out = out;
  pager->surface = cairo_pdf_surface_create_for_stream (write_to_stream, pager, pager->width, pager->height);
  pager->cr = cairo_create (pager->surface);
  pager->body_font = pango_font_description_from_string ("DejaVu Serif 10.5");
  pager->small_font = pango_font_description_from_string ("DejaVu Sans 8.5");
  pager->heading_fonts[0] = pango_font_description_from_string ("DejaVu Sans Bold 15");
  pager->heading_fonts[1] = pango_font_description_from_string ("DejaVu Sans Bold 12");
  pager->heading_fonts[2] = pango_font_description_from_string ("DejaVu Sans Bold 10.5");
  pager->no_hyphens = pango_attr_list_new ();
  pango_attr_list_insert (pager->no_hyphens, pango_attr_insert_hyphens_new (FALSE));
  pager->title = g_strdup (o->title && *o->title ? o->title : brief->lang == 0 ? "Diálogo de alto nivel" : "High-level dialogue");
  pager->mark = g_strdup (o->mark && *o->mark ? o->mark : words[L_MARK][brief->lang]);
  {
    /* no font hinting: the same metrics in both passes and on every machine */
    cairo_font_options_t *fo = cairo_font_options_create ();

    cairo_font_options_set_hint_metrics (fo, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style (fo, CAIRO_HINT_STYLE_NONE);
    pager->context = pango_cairo_create_context (pager->cr);
    pango_cairo_context_set_font_options (pager->context, fo);
    cairo_font_options_destroy (fo);
  }
}

static cairo_status_t
pager_finish (Pager *pager)
{
  cairo_status_t status;

  g_object_unref (pager->context);
  cairo_destroy (pager->cr);
  cairo_surface_finish (pager->surface);
  status = cairo_surface_status (pager->surface);
  cairo_surface_destroy (pager->surface);
  pango_font_description_free (pager->body_font);
  pango_font_description_free (pager->small_font);
  for (guint i = 0; i < 3; i++)
    pango_font_description_free (pager->heading_fonts[i]);
  pango_attr_list_unref (pager->no_hyphens);
  g_free (pager->title);
  g_free (pager->mark);
  return status;
}

static void
set_metadata (Pager *pager)
{
  Brief *brief = pager->brief;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *created = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S");
  g_autofree char *subject = NULL;
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < brief->blocks->len; i++)
    {
      Block *b = g_ptr_array_index (brief->blocks, i);
      if (b->kind == BLOCK_HEADING && b->level == 1)
        g_string_append_printf (s, "%s%s", s->len ? "; " : "", b->text);
    }
  subject = g_string_free (s, FALSE);
  cairo_pdf_surface_set_metadata (pager->surface, CAIRO_PDF_METADATA_TITLE, pager->title);
  if (brief->options->reviewer != NULL && *brief->options->reviewer)
    cairo_pdf_surface_set_metadata (pager->surface, CAIRO_PDF_METADATA_AUTHOR, brief->options->reviewer);
  cairo_pdf_surface_set_metadata (pager->surface, CAIRO_PDF_METADATA_SUBJECT, subject);
  cairo_pdf_surface_set_metadata (pager->surface, CAIRO_PDF_METADATA_KEYWORDS, pager->mark);
  cairo_pdf_surface_set_metadata (pager->surface, CAIRO_PDF_METADATA_CREATOR, "Dialogue Desk " VERSION);
  cairo_pdf_surface_set_metadata (pager->surface, CAIRO_PDF_METADATA_CREATE_DATE, created);
}

/* Writes the brief @options select to @path: to a temporary file beside
 * it, renamed into place when whole, so that a failure (an unwritable
 * folder, a full disk) leaves nothing half-written at @path. */
gboolean
desk_brief_export (DeskStore             *store,
                   DeskAxes              *axes,
                   DeskBriefOptions      *options,
                   const char            *path,
                   DeskBriefProgressFunc  progress,
                   gpointer               progress_data,
                   GCancellable          *cancellable,
                   guint                 *n_pages,
                   GError               **error)
{
  Brief brief = { 0 };
  Pager pager;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GOutputStream) out = NULL;
  g_autofree char *tmp_path = NULL;
  int fd;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *display = NULL;
  gboolean ok = FALSE;
  cairo_status_t status;

  g_return_val_if_fail (DESK_IS_STORE (store), FALSE);
  g_return_val_if_fail (options != NULL && path != NULL, FALSE);

  if (options->items->len == 0)
    {
      g_set_error_literal (error, DESK_BRIEF_ERROR, DESK_BRIEF_ERROR_EMPTY, _("Nothing is selected for the brief"));
      return FALSE;
    }
  brief.store = store;
  brief.axes = axes;
  brief.options = options;
  brief.lang = g_strcmp0 (options->language, "en") == 0 ? 1 : 0;
  brief.blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) block_free);
  brief.sources = g_ptr_array_new_with_free_func ((GDestroyNotify) source_free);
  brief.source_index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (!(brief.states = desk_review_load_states (store, error)))
    goto out;

  for (guint i = 0; i < options->items->len; i++)
    {
      DeskBriefItem *item = g_ptr_array_index (options->items, i);
      gboolean added = TRUE;

      switch (item->kind)
        {
        case DESK_BRIEF_AXIS:
          {
            DeskAxis *axis = axes ? desk_axes_lookup (axes, item->axis_id) : NULL;

            if (axis == NULL)
              {
                g_set_error (error, DESK_BRIEF_ERROR, DESK_BRIEF_ERROR_NOT_FOUND, _("There is no axis “%s”"), item->axis_id);
                goto out;
              }
            added = add_axis (&brief, axis, 1, error);
          }
          break;
        case DESK_BRIEF_SECTION:
          added = add_section (&brief, item, error);
          break;
        case DESK_BRIEF_FACTS:
          added = add_facts (&brief, item, error);
          break;
        case DESK_BRIEF_NOTES:
          added = add_notes (&brief, error);
          break;
        default:
          g_assert_not_reached ();
        }
      if (!added)
        goto out;
    }

  /* first pass: where every heading falls, and how many pages */
  pager_init (&pager, &brief, NULL);
  if (!render (&brief, &pager, cancellable, progress, progress_data, 0.0, 0.4, error))
    {
      pager_finish (&pager);
      goto out;
    }
  {
    guint total = pager.page;

    pager_finish (&pager);

    /* second pass, into a temporary file beside the brief */
    file = g_file_new_for_path (path);
    display = g_file_get_parse_name (file);
    tmp_path = g_strconcat (path, ".XXXXXX", NULL);
    fd = g_mkstemp_full (tmp_path, O_WRONLY, 0644);
    if (fd < 0)
      {
        int saved = errno;
        g_set_error (error, DESK_BRIEF_ERROR, DESK_BRIEF_ERROR_WRITE, _("Cannot write “%s”: %s"), display, g_strerror (saved));
        goto out;
      }
    out = g_unix_output_stream_new (fd, TRUE);
    pager_init (&pager, &brief, out);
    pager.n_pages = total;
    set_metadata (&pager);
    ok = render (&brief, &pager, cancellable, progress, progress_data, 0.4, 1.0, error);
    status = pager_finish (&pager);
    if (ok && status != CAIRO_STATUS_SUCCESS)
      {
        /* the system's reason ("No space left on device") over cairo's */
        g_set_error (error, DESK_BRIEF_ERROR, DESK_BRIEF_ERROR_WRITE, _("Cannot write “%s”: %s"), display,
                     pager.write_error ? pager.write_error->message : cairo_status_to_string (status));
        ok = FALSE;
      }
    g_clear_error (&pager.write_error);
    if (ok && (fsync (fd) != 0 || !g_output_stream_close (out, NULL, &local_error) || g_rename (tmp_path, path) != 0))
      {
        int saved = errno;
        g_set_error (error, DESK_BRIEF_ERROR, DESK_BRIEF_ERROR_WRITE, _("Cannot write “%s”: %s"), display,
                     local_error ? local_error->message : g_strerror (saved));
        ok = FALSE;
      }
    if (!ok)
      {
        g_output_stream_close (out, NULL, NULL);
        g_unlink (tmp_path);
      }
    if (ok && n_pages != NULL)
      *n_pages = total;
    if (ok && progress != NULL)
      progress (1.0, progress_data);
  }

out:
  g_clear_pointer (&brief.blocks, g_ptr_array_unref);
  g_clear_pointer (&brief.sources, g_ptr_array_unref);
  g_clear_pointer (&brief.source_index, g_hash_table_unref);
  g_clear_pointer (&brief.states, g_hash_table_unref);
  return ok;
}
