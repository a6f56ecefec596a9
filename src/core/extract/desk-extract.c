/* desk-extract.c: rule- and gazetteer-based extraction of facts: the
 * extractor, its patterns, and the run over a document that ties the
 * families of facts together
 *
 * One pass per paragraph: figures, dates, citations, quotes, entities;
 * then per sentence: modality, proposals and meetings.  Overlapping
 * candidates of the figure family (dates, money, percentages, quantities,
 * citations) keep the longest; entities may sit inside quotes, proposals
 * and meetings. */
#define G_LOG_DOMAIN "desk-extract"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "desk-core-resources.h"
#include "desk-extract-private.h"

G_DEFINE_QUARK (desk-extract-error-quark, desk_extract_error)

GRegex *
_desk_extract_regex (const char *pattern,
                     gboolean    caseless)
{
  g_autoptr(GError) error = NULL;
  GRegex *regex = g_regex_new (pattern, G_REGEX_OPTIMIZE | (caseless ? G_REGEX_CASELESS : 0), 0, &error);

  if (regex == NULL)
    g_error ("bad built-in pattern %s: %s", pattern, error->message);
  return regex;
}

/* Loads the shipped gazetteers, then the officer's own additions from
 * $XDG_DATA_HOME/dialogue-desk/gazetteer.json when there is one. */
DeskExtractor *
desk_extractor_new (GError **error)
{
  g_autoptr(DeskExtractor) self = g_new0 (DeskExtractor, 1);
  g_autoptr(GBytes) gazetteer = NULL;
  g_autoptr(GBytes) people = NULL;
  g_autofree char *user_path = g_build_filename (g_get_user_data_dir (), "dialogue-desk", "gazetteer.json", NULL);
  gsize len;

  self->stemmer = desk_stemmer_new ();
  self->plain = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, _desk_extract_entity_free);
  self->spanish = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->given = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (!(gazetteer = _desk_extract_lookup_data ("gazetteer.json", error)) || !(people = _desk_extract_lookup_data ("people.json", error)))
    return NULL;
  if (!_desk_extract_load_gazetteer (self, "gazetteer.json", g_bytes_get_data (gazetteer, NULL), g_bytes_get_size (gazetteer), error))
    return NULL;
  if (!_desk_extract_load_people (self, g_bytes_get_data (people, NULL), g_bytes_get_size (people), error))
    return NULL;
  if (g_file_test (user_path, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *contents = NULL;
      g_autoptr(GError) read_error = NULL;

      if (!g_file_get_contents (user_path, &contents, &len, &read_error))
        {
          g_set_error (error, DESK_EXTRACT_ERROR, DESK_EXTRACT_ERROR_DATA,
                       _("The gazetteer “%s” cannot be read: %s"), user_path, read_error->message);
          return NULL;
        }
      if (!_desk_extract_load_gazetteer (self, user_path, contents, len, error))
        return NULL;
    }
  _desk_extract_build_gazetteer_regex (self);

  self->acronym_re = _desk_extract_regex ("(?P<long>" CAP "(?:\\s+(?:(?:de|del|la|las|los|el|y|e|para|of|the|and|for|on|en|sin)\\s+)*" CAP "){1,9})"
                                          "\\s+\\((?P<acr>[A-ZÁÉÍÓÚÑ][A-ZÁÉÍÓÚÑ\\-]{1,9})\\)", FALSE);
  self->money_prefix_re = _desk_extract_regex (MONEY_PREFIX_RE, FALSE);
  self->money_suffix_re = _desk_extract_regex (MONEY_SUFFIX_RE, TRUE);
  self->percent_re = _desk_extract_regex (PERCENT_RE, TRUE);
  self->quantity_re = _desk_extract_regex (QUANTITY_RE, FALSE);

  /* the first three need a number, the others four digits in a row
   * (find_dates searches for them only where there are) */
  self->date_re[DATE_DAY_MONTH_ES] = _desk_extract_regex ("(?<![\\w])(?P<d>[0-9]{1,2})(?:º|°|ro)?\\s+de\\s+(?P<m>" MONTHS_ES ")(?:\\s+(?:de|del)\\s+(?:año\\s+)?(?P<y>[0-9]{4}))?(?![\\w])", TRUE);
  self->date_re[DATE_MONTH_DAY_EN] = _desk_extract_regex ("(?<![\\w])(?P<m>" MONTHS_EN ")\\.?\\s+(?P<d>[0-9]{1,2})(?:st|nd|rd|th)?(?:,?\\s+(?P<y>[0-9]{4}))?(?![\\w])", FALSE);
  self->date_re[DATE_DAY_MONTH_EN] = _desk_extract_regex ("(?<![\\w])(?:the\\s+)?(?P<d>[0-9]{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?(?P<m>" MONTHS_EN ")(?:,?\\s+(?P<y>[0-9]{4}))?(?![\\w])", FALSE);
  self->date_re[DATE_NUMERIC] = _desk_extract_regex ("(?<![\\w/])(?P<a>[0-9]{1,2})/(?P<b>[0-9]{1,2})/(?P<y>[0-9]{4})(?![\\w/])", FALSE);
  self->date_re[DATE_ISO] = _desk_extract_regex ("(?<![\\w-])(?P<y>[0-9]{4})-(?P<m>[0-9]{2})-(?P<d>[0-9]{2})(?!\\d)", FALSE);
  self->date_re[DATE_MONTH_YEAR_ES] = _desk_extract_regex ("(?<![\\w])(?P<m>" MONTHS_ES ")\\s+(?:de|del)\\s+(?P<y>[0-9]{4})(?![\\w])", TRUE);
  self->date_re[DATE_MONTH_YEAR_EN] = _desk_extract_regex ("(?<![\\w])(?P<m>" MONTHS_EN ")\\s+(?:of\\s+)?(?P<y>[0-9]{4})(?![\\w])", FALSE);
  self->date_re[DATE_PART_OF_YEAR] = _desk_extract_regex ("(?<![\\w])(?P<ord>primer|segundo|tercer|cuarto|first|second|third|fourth)\\s+(?:semestre|trimestre|half|quarter)\\s+(?:de|del|of)\\s+(?:(?:el|the)\\s+)?(?:año\\s+)?(?P<y>[0-9]{4})(?![\\w])", TRUE);
  self->date_re[DATE_YEAR_RANGE] = _desk_extract_regex ("(?<![\\w])(?:(?:desde|entre|from|between)\\s+(?:el\\s+)?(?:año\\s+)?(?P<y1>(?:1[89]|20)[0-9]{2})\\s+(?:hasta|y|a|al|to|and|until)\\s+(?:el\\s+)?(?P<y2>(?:1[89]|20)[0-9]{2})"
                                          "|(?P<y3>(?:1[89]|20)[0-9]{2})\\s?[-–—]\\s?(?P<y4>(?:1[89]|20)[0-9]{2}))(?![\\w])", TRUE);
  self->date_re[DATE_YEAR_AFTER_WORD] = _desk_extract_regex ("(?<![\\w])(?:en|el|del|desde|hasta|año|años|para|in|since|by|during|until|early|late|mid)\\s+(?:el\\s+)?(?:año\\s+)?(?P<y>(?:1[89]|20)[0-9]{2})(?![\\w]|[.,]\\d)", TRUE);

  self->citation_re = _desk_extract_regex ("\\((?P<a>[A-ZÁÉÍÓÚÑ][^()]{0,150}?),\\s*(?P<y>(?:1[89]|20)[0-9]{2}[a-z]?)"
                                           "(?:\\s*,\\s*(?:pg?\\.|p[áa]gs?\\.?|pp\\.|page)\\s*(?P<p>[0-9]+(?:\\s*[-–]\\s*[0-9]+)?))?\\)", FALSE);
  self->quote_re = _desk_extract_regex ("“(?P<q>[^“”]{3,3000})”|«(?P<g>[^«»]{3,3000})»", FALSE);
  self->meeting_noun_re = _desk_extract_regex ("(?<![\\w])(?:reuni[oó]n(?:es)?|cumbre|encuentros?|visitas?|gabinetes?\\s+binacional(?:es)?|di[aá]logos?\\s+(?:pol[ií]tico\\s+)?de\\s+alto\\s+nivel|conferencia|meetings?|summits?|visits?|talks|rounds?|conference)(?![\\w])", TRUE);
  self->proposal_sentence_re = _desk_extract_regex ("(?<![\\w])(?:se\\s+propone|se\\s+plantea|propon(?:e|emos|en)|propuso|propusieron|deber[áí]a?n?|se\\s+recomienda|recomienda|sugiere|should|recommends?|proposes?|proposed\\s+that|it\\s+is\\s+proposed)(?![\\w])", TRUE);
  self->proposal_leadin_re = _desk_extract_regex ("(?:siguientes|propuestas?|propone|plantea|recomendaciones|recomienda|acciones|puntos|deber[áí]|following|recommend|recommendations?|proposals?|propose|should|actions)", TRUE);
  self->meeting_item_re = _desk_extract_regex ("^(?:[-•·*]\\s*)?(?P<place>" CAP "(?:\\s+(?:de\\s+|del\\s+)?" CAP "){0,3})\\s*\\((?P<a>[0-9]{1,2})/(?P<b>[0-9]{1,2})/(?P<y>[0-9]{4})\\)\\s*[.;,]?$", FALSE);

  /* the cues of each modality, one group each, in the order a tie at the
   * same place is settled (see sentence_modality), and "n't" as a sixth
   * for negation; the bounds of a word looked at once for all of them,
   * not once for each (40% fewer steps over the corpus's sentences) */
  self->modality_re = _desk_extract_regex ("(?<![\\w])(?:(" MODALITY_NEGATED ")|(" MODALITY_PROPOSED ")|(" MODALITY_INTENDED ")"
                                           "|(" MODALITY_EXPECTED ")|(" MODALITY_REPORTED "))(?![\\w])"
                                           "|(n't)(?![\\w])", TRUE);
  self->letters_re = _desk_extract_regex ("[[:alpha:]]{2}", FALSE);
  self->located_re = _desk_extract_regex ("(?:^|\\s)(?:en|in|at)(?:\\s+(?:la|el|the))?\\s+$", FALSE);

  return g_steal_pointer (&self);
}

void
desk_extractor_free (DeskExtractor *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->stemmer, desk_stemmer_free);
  g_clear_pointer (&self->plain, g_hash_table_unref);
  g_clear_pointer (&self->spanish, g_hash_table_unref);
  g_clear_pointer (&self->names, g_hash_table_unref);
  g_clear_pointer (&self->given, g_hash_table_unref);
  g_clear_pointer (&self->gazetteer_re, g_regex_unref);
  g_clear_pointer (&self->gazetteer_heads, g_hash_table_unref);
  g_clear_pointer (&self->title_person_re, g_regex_unref);
  g_clear_pointer (&self->given_person_re, g_regex_unref);
  g_clear_pointer (&self->acronym_re, g_regex_unref);
  g_clear_pointer (&self->money_prefix_re, g_regex_unref);
  g_clear_pointer (&self->money_suffix_re, g_regex_unref);
  g_clear_pointer (&self->percent_re, g_regex_unref);
  g_clear_pointer (&self->quantity_re, g_regex_unref);
  for (guint i = 0; i < G_N_ELEMENTS (self->date_re); i++)
    g_clear_pointer (&self->date_re[i], g_regex_unref);
  g_clear_pointer (&self->citation_re, g_regex_unref);
  g_clear_pointer (&self->quote_re, g_regex_unref);
  g_clear_pointer (&self->meeting_noun_re, g_regex_unref);
  g_clear_pointer (&self->proposal_sentence_re, g_regex_unref);
  g_clear_pointer (&self->proposal_leadin_re, g_regex_unref);
  g_clear_pointer (&self->meeting_item_re, g_regex_unref);
  g_clear_pointer (&self->modality_re, g_regex_unref);
  g_clear_pointer (&self->letters_re, g_regex_unref);
  g_clear_pointer (&self->located_re, g_regex_unref);
  g_free (self);
}

/* Candidates */

void
_desk_extract_add_candidate (GArray          *out,
                             DeskFactKind     kind,
                             const char      *par,
                             gsize            bstart,
                             gsize            bend,
                             char            *value,
                             double           confidence,
                             char            *extra,
                             CandidateFamily  family)
{
  Candidate c = { 0 };

  if (value == NULL)
    return;
  c.fact.kind = kind;
  c.fact.text = g_strndup (par + bstart, bend - bstart);
  c.fact.value = value;
  c.fact.confidence = confidence;
  c.fact.extra = extra;
  c.fact.section = -1;
  c.bstart = bstart;
  c.bend = bend;
  c.family = family;
  g_array_append_val (out, c);
}

char *
_desk_extract_fetch (GMatchInfo *match,
                     const char *name)
{
  char *s = g_match_info_fetch_named (match, name);

  if (s != NULL && *s == '\0')
    g_clear_pointer (&s, g_free);
  return s;
}

void
_desk_extract_match_pos (GMatchInfo *match,
                         int         group,
                         gsize      *start,
                         gsize      *end)
{
  int s, e;

  g_match_info_fetch_pos (match, group, &s, &e);
  *start = s;
  *end = e;
}

/* Money ranges share their scale and currency: "de US$ 216 a US$ 717
 * millones" is 216 and 717 million. */
int
_desk_extract_compare_candidate_starts (gconstpointer a,
                                        gconstpointer b,
                                        gpointer      user_data)
{
  GArray *cands = user_data;
  gsize sa = g_array_index (cands, Candidate, *(const guint *) a).bstart;
  gsize sb = g_array_index (cands, Candidate, *(const guint *) b).bstart;

  return sa < sb ? -1 : sa > sb;
}

int
_desk_extract_compare_indices (gconstpointer a,
                               gconstpointer b)
{
  guint ia = *(const guint *) a, ib = *(const guint *) b;

  return ia < ib ? -1 : ia > ib;
}

static int
compare_candidates (gconstpointer a,
                    gconstpointer b)
{
  const Candidate *x = a, *y = b;

  if (x->bstart != y->bstart)
    return x->bstart < y->bstart ? -1 : 1;
  /* longer first */
  if (x->bend != y->bend)
    return x->bend > y->bend ? -1 : 1;
  return (int) x->fact.kind - (int) y->fact.kind;
}

/* Within a family, overlapping candidates keep the longest (then the
 * earliest); a figure never overlaps a citation or another figure, and a
 * name inside a figure ("US" in "US$ 45") is part of the figure. */
static void
resolve_overlaps (GArray *cands)
{
  g_array_sort (cands, compare_candidates);

  for (guint i = 0; i < cands->len; i++)
    {
      Candidate *figure = &g_array_index (cands, Candidate, i);

      if (figure->fact.text == NULL || figure->family != CANDIDATE_FIGURE || figure->fact.kind == DESK_FACT_CITATION)
        continue;
      for (guint j = 0; j < cands->len; j++)
        {
          Candidate *name = &g_array_index (cands, Candidate, j);

          if (name->fact.text != NULL && name->family == CANDIDATE_NAME &&
              name->bstart >= figure->bstart && name->bend <= figure->bend)
            desk_fact_clear (&name->fact);
        }
    }

  for (guint i = 0; i < cands->len; i++)
    {
      Candidate *a = &g_array_index (cands, Candidate, i);

      if (a->fact.text == NULL)
        continue;
      for (guint j = i + 1; j < cands->len; j++)
        {
          Candidate *b = &g_array_index (cands, Candidate, j);

          if (b->bstart >= a->bend)
            break;
          if (b->fact.text == NULL || b->family != a->family)
            continue;
          /* a person inside an organization's name is part of that name */
          desk_fact_clear (&b->fact);
        }
    }
}

static int
compare_facts (gconstpointer a,
               gconstpointer b)
{
  const DeskFact *x = a, *y = b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  if (x->end != y->end)
    return x->end > y->end ? -1 : 1;
  return (int) x->kind - (int) y->kind;
}

/* Whether @text holds a digit, as the patterns' \d reads one */
static gboolean
has_digit (const char *text)
{
  for (const char *p = text; *p; p++)
    {
      if (g_ascii_isdigit (*p))
        return TRUE;
      if ((guchar) *p >= 0x80 && g_unichar_isdigit (g_utf8_get_char_validated (p, -1)))
        return TRUE;
    }
  return FALSE;
}

/* The same kind at the same place once, @facts in text order: kept
 * facts moved down in one pass (removing each repeat would move all
 * those after it) */
static void
remove_repeated (GArray *facts)
{
  guint kept = 0;

  for (guint i = 0; i < facts->len; i++)
    {
      DeskFact *f = &g_array_index (facts, DeskFact, i);

      if (kept > 0)
        {
          const DeskFact *last = &g_array_index (facts, DeskFact, kept - 1);

          if (last->kind == f->kind && last->start == f->start && last->end == f->end)
            {
              desk_fact_clear (f);
              continue;
            }
        }
      if (kept != i)
        g_array_index (facts, DeskFact, kept) = *f;
      kept++;
    }
  /* the facts moved down are not to be cleared with the tail */
  if (kept < facts->len)
    memset (&g_array_index (facts, DeskFact, kept), 0, (facts->len - kept) * sizeof (DeskFact));
  g_array_set_size (facts, kept);
}

/* @facts in an array of their own size (an array grown fact by fact has
 * up to twice the room, and a document's facts are held until written);
 * @facts is given up */
static GArray *
exact_copy (GArray *facts)
{
  GArray *exact = g_array_sized_new (FALSE, FALSE, sizeof (DeskFact), facts->len);

  g_array_set_clear_func (exact, (GDestroyNotify) desk_fact_clear);
  g_array_append_vals (exact, facts->data, facts->len);
  /* the facts moved: the old array frees none of them */
  g_array_set_clear_func (facts, NULL);
  g_array_unref (facts);
  return exact;
}

/* Every fact of @doc, in text order, with code-point offsets into doc->text. */
GArray *
desk_extractor_run (DeskExtractor      *self,
                    DeskParsedDocument *doc)
{
  Run run = { 0 };
  const char *cursor;
  gint64 cursor_offset = 0;
  gboolean leadin = FALSE;
  g_autoptr(GArray) char_at = g_array_new (FALSE, FALSE, sizeof (guint32));

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (doc != NULL && doc->text != NULL, NULL);

  run.self = self;
  run.doc = doc;
  run.facts = g_array_new (FALSE, TRUE, sizeof (DeskFact));
  g_array_set_clear_func (run.facts, (GDestroyNotify) desk_fact_clear);
  run.acronyms = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  run.surnames = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  run.acronym_starts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  run.surname_starts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  run.doc_year = doc->published ? atoi (doc->published) : 0;

  cursor = doc->text;
  for (guint i = 0; i < doc->paragraphs->len; i++)
    {
      const DeskParagraph *p = &g_array_index (doc->paragraphs, DeskParagraph, i);
      g_autoptr(GArray) cands = NULL;
      g_autofree char *par = NULL;
      const char *start;
      const char *end;

      if (run.facts->len >= DESK_EXTRACT_MAX_FACTS)
        {
          doc->facts_limited = TRUE;
          break;
        }
      cands = g_array_new (FALSE, TRUE, sizeof (Candidate));

      start = g_utf8_offset_to_pointer (cursor, p->start - cursor_offset);
      end = g_utf8_offset_to_pointer (start, p->end - p->start);
      cursor = start;
      cursor_offset = p->start;
      par = g_strndup (start, end - start);
      run.par_offset = start - doc->text;

      /* every figure and date has digits: most prose has none, and these
       * are a dozen patterns to run over it */
      if (has_digit (par))
        {
          _desk_extract_find_figures (&run, par, cands);
          _desk_extract_find_dates (&run, par, p->language, cands);
        }
      _desk_extract_find_citations_and_quotes (&run, par, cands);
      if (p->kind != DESK_BLOCK_HEADING || !_desk_extract_is_all_caps (par))
        _desk_extract_find_entities (&run, par, cands);
      _desk_extract_share_scales (cands, par);
      resolve_overlaps (cands);
      _desk_extract_find_sentence_facts (&run, par, p->kind, leadin, cands);
      _desk_extract_link_quotes_to_citations (cands, par);
      {
        g_autoptr(GArray) bounds = _desk_extract_split_sentences (par);
        _desk_extract_find_speakers (cands, par, bounds);
      }

      /* a lead-in that proposes governs the list items after it */
      if (p->kind == DESK_BLOCK_PARAGRAPH)
        leadin = g_str_has_suffix (par, ":") && g_regex_match (self->proposal_leadin_re, par, 0, NULL);
      else if (p->kind == DESK_BLOCK_HEADING)
        leadin = FALSE;

      /* characters before each byte of the paragraph, counted once */
      if (cands->len > 0)
        {
          gsize n = strlen (par);
          guint32 count = 0;

          g_array_set_size (char_at, n + 1);
          for (gsize b = 0; b <= n; b++)
            {
              g_array_index (char_at, guint32, b) = count;
              if (b < n && ((guchar) par[b] & 0xC0) != 0x80)
                count++;
            }
        }
      for (guint j = 0; j < cands->len; j++)
        {
          Candidate *c = &g_array_index (cands, Candidate, j);
          DeskFact fact;

          if (c->fact.text == NULL)
            continue;
          if (c->fact.kind == DESK_FACT_QUOTE)
            {
              g_free (c->fact.extra);
              c->fact.extra = _desk_extract_quote_extra (c);
            }
          fact = c->fact;
          fact.start = p->start + g_array_index (char_at, guint32, c->bstart);
          fact.sentence = p->start + g_array_index (char_at, guint32, c->bsentence);
          fact.end = p->start + g_array_index (char_at, guint32, c->bend);
          g_array_append_val (run.facts, fact);
          memset (&c->fact, 0, sizeof c->fact);
        }
      for (guint j = 0; j < cands->len; j++)
        {
          Candidate *c = &g_array_index (cands, Candidate, j);

          desk_fact_clear (&c->fact);
          g_free (c->speaker);
          g_free (c->citation);
        }
    }

  g_array_sort (run.facts, compare_facts);
  if (run.facts->len > DESK_EXTRACT_MAX_FACTS)
    g_array_set_size (run.facts, DESK_EXTRACT_MAX_FACTS);
  /* each fact's section, the facts in text order */
  {
    DeskOutlineCursor sections;

    desk_outline_cursor_init (&sections, doc->outline);
    for (guint i = 0; i < run.facts->len; i++)
      {
        DeskFact *f = &g_array_index (run.facts, DeskFact, i);

        f->section = desk_outline_cursor_section_at (&sections, f->start);
      }
    desk_outline_cursor_clear (&sections);
  }
  _desk_extract_unify_people (run.facts);
  remove_repeated (run.facts);

  g_hash_table_unref (run.acronyms);
  g_hash_table_unref (run.surnames);
  g_hash_table_unref (run.acronym_starts);
  g_hash_table_unref (run.surname_starts);
  return exact_copy (run.facts);
}
