/* desk-brief.c: PDF briefs of selected axes, document sections and facts
 *
 * The selection becomes a list of blocks (headings, paragraphs, quotes,
 * fact tables) with references to a sources list, which
 * desk-brief-render.c lays out and writes.  The brief's language is chosen apart from the interface's, so its words are
 * in the tables below rather than in the message catalogue, like the
 * names of the axes in data/axes.json. */
#define G_LOG_DOMAIN "desk-brief"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "desk-brief-private.h"
#include "desk-section.h"
#include "desk-value.h"

G_DEFINE_QUARK (desk-brief-error-quark, desk_brief_error)

const char * const _desk_brief_words[L_N][2] = {
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

const char * const _desk_brief_months[12][2] = {
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

const char *
_desk_brief_word (Brief *brief,
                  int    w)
{
  return _desk_brief_words[w][brief->lang];
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

/* The fact as the review left it: corrections replace what was
 * extracted; written as people write it in the brief's language */
static char *
fact_value (Brief       *brief,
            DeskFactRow *row)
{
  DeskReviewState *state = g_hash_table_lookup (brief->states, row->uid);

  return desk_value_format (row->fact.kind, state && state->value ? state->value : row->fact.value,
                            brief->options->language);
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

  header[0] = g_strdup (_desk_brief_word (brief, L_KIND));
  header[1] = g_strdup (_desk_brief_word (brief, L_VALUE));
  header[2] = g_strdup (_desk_brief_word (brief, last_column));
  header[3] = g_strdup (_desk_brief_word (brief, L_SOURCE));
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
  g_autofree char *written = fact_value (brief, row);
  g_autofree char *value = shorten (written);
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
    add_block (brief, BLOCK_NOTE, _desk_brief_word (brief, L_NONE));
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

      add_heading (brief, level + 1, _desk_brief_word (brief, L_PROPOSALS));
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
  add_heading (brief, level + 1, _desk_brief_word (brief, L_FACTS));
  add_facts_table (brief, facts, MAX_AXIS_FACTS);
  if (n_quotes > 0)
    {
      add_heading (brief, level + 1, _desk_brief_word (brief, L_QUOTES));
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
              g_ptr_array_add (comparators, g_strdup_printf (_desk_brief_word (brief, L_AGREED), dialogue->name[brief->lang], agreed));
            }
        }
    }
  if (comparators->len > 0)
    {
      add_heading (brief, level + 1, _desk_brief_word (brief, L_COMPARATORS));
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
  from = g_strdup_printf (_desk_brief_word (brief, L_SECTION_OF), desk_document_get_title (doc));
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
  add_heading (brief, 2, _desk_brief_word (brief, L_FACTS_OF_SECTION));
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
  GString *title = g_string_new (_desk_brief_word (brief, L_ALL_FACTS));
  g_autofree char *heading = NULL;

  if (facts == NULL)
    return FALSE;
  if (item->fact_kind >= 0)
    g_string_append_printf (title, ": %s", kind_words[item->fact_kind][brief->lang]);
  if (item->modality >= 0)
    g_string_append_printf (title, " (%s)", modality_words[item->modality][brief->lang]);
  heading = g_string_free (title, FALSE);
  add_heading (brief, 1, heading);
  add_block (brief, BLOCK_NOTE, _desk_brief_word (brief, brief->options->approved_only ? L_APPROVED_ONLY : L_ALL_REVIEWED));
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
  add_heading (brief, 1, _desk_brief_word (brief, L_NOTES));
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
    add_block (brief, BLOCK_NOTE, _desk_brief_word (brief, L_NONE));
  return TRUE;
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
  gboolean ok = FALSE;

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

  ok = _desk_brief_write (&brief, path, progress, progress_data, cancellable, n_pages, error);

out:
  g_clear_pointer (&brief.blocks, g_ptr_array_unref);
  g_clear_pointer (&brief.sources, g_ptr_array_unref);
  g_clear_pointer (&brief.source_index, g_hash_table_unref);
  g_clear_pointer (&brief.states, g_hash_table_unref);
  return ok;
}
