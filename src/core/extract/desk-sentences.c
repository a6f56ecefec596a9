/* desk-sentences.c: what is said sentence by sentence: citations and
 * quotes with their speakers, the modality of a claim, proposals and
 * meetings */
#define G_LOG_DOMAIN "desk-extract"

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <json-glib/json-glib.h>

#include "desk-extract-private.h"

void
_desk_extract_find_citations_and_quotes (Run        *run,
                                         const char *par,
                                         GArray     *out)
{
  DeskExtractor *self = run->self;
  GMatchInfo *m = NULL;
  gsize s, e;

  for (g_regex_match (self->citation_re, par, 0, &m); g_match_info_matches (m); g_match_info_next (m, NULL))
    {
      g_autofree char *a = _desk_extract_fetch (m, "a");
      g_autofree char *y = _desk_extract_fetch (m, "y");
      g_autofree char *p = _desk_extract_fetch (m, "p");

      _desk_extract_match_pos (m, 0, &s, &e);
      /* "(+316%)" and "(01/06/2007)" are not citations: an author has letters */
      if (a == NULL || !g_regex_match (self->letters_re, a, 0, NULL))
        continue;
      g_strstrip (a);
      _desk_extract_add_candidate (out, DESK_FACT_CITATION, par, s, e,
                                   p ? g_strdup_printf ("%s|%s|%s", a, y, p) : g_strdup_printf ("%s|%s", a, y), 0.95, NULL, CANDIDATE_FIGURE);
    }
  g_clear_pointer (&m, g_match_info_free);

  for (g_regex_match (self->quote_re, par, 0, &m); g_match_info_matches (m); g_match_info_next (m, NULL))
    {
      g_autofree char *q = _desk_extract_fetch (m, "q");
      g_autofree char *g = _desk_extract_fetch (m, "g");
      const char *inner = q ? q : g;

      _desk_extract_match_pos (m, 0, &s, &e);
      if (inner == NULL || strchr (g_strstrip ((char *) inner), ' ') == NULL)
        continue;
      _desk_extract_add_candidate (out, DESK_FACT_QUOTE, par, s, e, g_strdup (inner), 0.9, NULL, CANDIDATE_PASSAGE);
    }
  g_clear_pointer (&m, g_match_info_free);
}

/* Sentences: ends of . ? ! followed by a space and a capital, not after
 * abbreviations such as "EE." or "Sr." or an initial. */
GArray *
_desk_extract_split_sentences (const char *par)
{
  GArray *bounds = g_array_new (FALSE, FALSE, sizeof (gsize));
  gsize start = 0;
  gsize len = strlen (par);

  g_array_append_val (bounds, start);
  for (gsize i = 0; i + 2 < len; i++)
    {
      char c = par[i];
      gunichar next;
      gsize w;

      if (c != '.' && c != '?' && c != '!')
        continue;
      if (par[i + 1] != ' ')
        continue;
      next = g_utf8_get_char (par + i + 2);
      if (!g_unichar_isupper (next) && next != 0xBF && next != 0xA1 && next != 0x201C && next != '"' && next != 0xAB)
        continue;
      if (c == '.')
        {
          /* the word before the period */
          w = i;
          while (w > 0 && par[w - 1] != ' ' && par[w - 1] != '(')
            w--;
          if (i - w <= 3 && g_ascii_isupper (par[w]))
            continue; /* EE. UU. Sr. Dr. J. */
          if (i - w <= 4 && (g_str_has_prefix (par + w, "Sra") || g_str_has_prefix (par + w, "etc") ||
                             g_str_has_prefix (par + w, "pág") || g_str_has_prefix (par + w, "p.")))
            continue;
        }
      start = i + 2;
      g_array_append_val (bounds, start);
    }
  return bounds;
}

/* The cue nearest the start of the sentence sets its modality: in "X
 * propuso que Perú sea considerado aliado ... con países que no forman
 * parte de la alianza", the proposal governs and the negation is inside a
 * clause of its own.  Cues of two modalities at the same place: the first
 * in this order.  One search for them all: the leftmost match, its first
 * alternative that matches there. */
DeskModality
_desk_extract_sentence_modality (DeskExtractor *self,
                                 const char    *sentence)
{
  static const DeskModality order[] = {
    DESK_MODALITY_NEGATED, DESK_MODALITY_PROPOSED, DESK_MODALITY_INTENDED,
    DESK_MODALITY_EXPECTED, DESK_MODALITY_REPORTED, DESK_MODALITY_NEGATED,
  };
  g_autoptr(GMatchInfo) m = NULL;

  if (!g_regex_match (self->modality_re, sentence, 0, &m))
    return DESK_MODALITY_ASSERTED;
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      int start, end;

      if (g_match_info_fetch_pos (m, (int) i + 1, &start, &end) && start >= 0)
        return order[i];
    }
  return DESK_MODALITY_ASSERTED;
}

static char *
strip_bullet (const char *text)
{
  const char *p = text;

  while (*p == '-' || *p == '*' || *p == ' ' || g_str_has_prefix (p, "•") || g_str_has_prefix (p, "·"))
    p = g_utf8_next_char (p);
  return g_strstrip (g_strdup (p));
}

static char *
meeting_extra (const char *date,
               const char *place,
               GPtrArray  *participants)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "date");
  json_builder_add_string_value (builder, date);
  json_builder_set_member_name (builder, "place");
  if (place)
    json_builder_add_string_value (builder, place);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "participants");
  json_builder_begin_array (builder);
  for (guint i = 0; participants && i < participants->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (participants, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static char *
meeting_value (const char *date,
               const char *place,
               GPtrArray  *participants)
{
  GString *v = g_string_new (date);

  g_string_append_printf (v, " | %s | ", place ? place : "");
  for (guint i = 0; participants && i < participants->len; i++)
    g_string_append_printf (v, "%s%s", i ? ", " : "", (char *) g_ptr_array_index (participants, i));
  return g_string_free (v, FALSE);
}

/* A list item that starts with a verb in the infinitive ("Fortalecer…",
 * "Aprovechar…") or the imperative ("Establish…") proposes something. */
static gboolean
starts_with_action (const char *item)
{
  static const char * const not_verbs[] = {
    "lugar", "militar", "familiar", "particular", "popular", "similar", "regular", "nuclear", "exterior",
    "interior", "anterior", "posterior", "superior", "inferior", "mujer", "poder", "deber", "hogar", "titular",
    "bienestar", "peculiar", "solar", "escolar", "molecular", "celular", "singular", "polar", "auxiliar",
  };
  static const char * const verbs[] = {
    "establish", "implement", "fund", "promote", "strengthen", "create", "support", "develop", "expand", "foster",
    "increase", "improve", "ensure", "provide", "encourage", "adopt", "launch", "build", "reinforce", "review",
    "share", "coordinate", "negotiate", "sign", "set", "designate", "hold", "convene",
  };
  g_autofree char *raw = strip_bullet (item);
  g_autofree char *word = NULL;
  const char *end = raw;
  gsize len;

  while (*end && g_unichar_isalpha (g_utf8_get_char (end)))
    end = g_utf8_next_char (end);
  if (end == raw || !g_unichar_isupper (g_utf8_get_char (raw)))
    return FALSE;
  word = g_utf8_strdown (raw, end - raw);
  len = strlen (word);
  for (guint i = 0; i < G_N_ELEMENTS (verbs); i++)
    if (g_str_equal (word, verbs[i]))
      return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (not_verbs); i++)
    if (g_str_equal (word, not_verbs[i]))
      return FALSE;
  return g_utf8_strlen (word, -1) >= 5 &&
         (g_str_has_suffix (word, "ar") || g_str_has_suffix (word, "er") || g_str_has_suffix (word, "ir")) &&
         len > 0 && *end != ':';
}

/* The date of a meeting in the sentence [@s, @e): the first of its dates
 * (of @cands' first @n_before) that has at least a month, or NULL */
static const char *
meeting_date (GArray *cands,
              guint   n_before,
              gsize   s,
              gsize   e)
{
  for (guint j = 0; j < n_before; j++)
    {
      const Candidate *c = &g_array_index (cands, Candidate, j);

      if (c->fact.text != NULL && c->bstart >= s && c->bstart < e &&
          c->fact.kind == DESK_FACT_DATE && strlen (c->fact.value) >= 7)
        return c->fact.value;
    }
  return NULL;
}

/* Proposals, meetings and every fact's modality, sentence by sentence. */
void
_desk_extract_find_sentence_facts (Run           *run,
                                   const char    *par,
                                   DeskBlockKind  kind,
                                   gboolean       under_proposal_leadin,
                                   GArray        *cands)
{
  DeskExtractor *self = run->self;
  g_autoptr(GArray) bounds = _desk_extract_split_sentences (par);
  gsize len = strlen (par);
  guint n_before = cands->len;

  for (guint i = 0; i < bounds->len; i++)
    {
      gsize s = g_array_index (bounds, gsize, i);
      gsize e = i + 1 < bounds->len ? g_array_index (bounds, gsize, i + 1) : len;
      g_autofree char *sentence = NULL;
      DeskModality modality;
      const char *date;
      gsize te = e;

      while (te > s && par[te - 1] == ' ')
        te--;
      sentence = g_strndup (par + s, te - s);
      modality = _desk_extract_sentence_modality (self, sentence);

      for (guint j = 0; j < n_before; j++)
        {
          Candidate *c = &g_array_index (cands, Candidate, j);
          if (c->fact.text != NULL && c->bstart >= s && c->bstart < e)
            c->fact.modality = modality;
        }
      _desk_extract_set_terms (run, par, s, te, cands, n_before);

      /* proposals: list items under a proposing lead-in, sentences that propose */
      if ((kind == DESK_BLOCK_LIST_ITEM && i == 0 && (under_proposal_leadin || starts_with_action (par))) ||
          (kind != DESK_BLOCK_HEADING && g_regex_match (self->proposal_sentence_re, sentence, 0, NULL) &&
           !(modality == DESK_MODALITY_NEGATED)))
        {
          gsize ps = s, pe = te;
          g_autofree char *value = NULL;

          if (kind == DESK_BLOCK_LIST_ITEM)
            {
              pe = len;
              while (pe > ps && par[pe - 1] == ' ')
                pe--;
            }
          {
            g_autofree char *raw = g_strndup (par + ps, pe - ps);
            value = strip_bullet (raw);
          }
          if (g_utf8_strlen (value, -1) >= 12)
            {
              _desk_extract_add_candidate (cands, DESK_FACT_PROPOSAL, par, ps, pe, g_steal_pointer (&value), 0.75, NULL, CANDIDATE_PASSAGE);
              g_array_index (cands, Candidate, cands->len - 1).fact.modality =
                modality == DESK_MODALITY_ASSERTED ? DESK_MODALITY_PROPOSED : modality;
            }
          if (kind == DESK_BLOCK_LIST_ITEM)
            break;
        }

      /* meetings: a meeting word and a date in the same sentence; the
       * date first, which few sentences have, then the word, a search */
      if (kind != DESK_BLOCK_HEADING && (date = meeting_date (cands, n_before, s, e)) != NULL &&
          g_regex_match (self->meeting_noun_re, sentence, 0, NULL))
        {
          const char *place = NULL;
          gboolean place_located = FALSE;
          g_autoptr(GPtrArray) people = g_ptr_array_new ();

          for (guint j = 0; j < n_before; j++)
            {
              Candidate *c = &g_array_index (cands, Candidate, j);

              if (c->fact.text == NULL || c->bstart < s || c->bstart >= e)
                continue;
              if (c->fact.kind == DESK_FACT_PLACE)
                {
                  /* the place where it happened: "en la Isla Esteves", "in Quito" */
                  gsize from = c->bstart > s + 8 ? c->bstart - 8 : s;
                  g_autofree char *before = NULL;
                  gboolean located;

                  while (from < c->bstart && ((guchar) par[from] & 0xC0) == 0x80)
                    from++;
                  before = g_strndup (par + from, c->bstart - from);
                  located = g_regex_match (self->located_re, before, 0, NULL);

                  if (place == NULL || (located && !place_located))
                    {
                      place = c->fact.value;
                      place_located = located;
                    }
                }
              else if (c->fact.kind == DESK_FACT_PERSON)
                {
                  gboolean seen = FALSE;
                  for (guint k = 0; k < people->len; k++)
                    seen |= g_str_equal (g_ptr_array_index (people, k), c->fact.value);
                  if (!seen)
                    g_ptr_array_add (people, c->fact.value);
                }
            }
          {
            char *extra = meeting_extra (date, place, people);
            _desk_extract_add_candidate (cands, DESK_FACT_MEETING, par, s, te, meeting_value (date, place, people), 0.7, extra,
                                         CANDIDATE_MEETING);
            g_array_index (cands, Candidate, cands->len - 1).fact.modality = modality;
          }
        }
    }

  /* "Tumbes (01/06/2007)" in a list of meetings */
  if (kind == DESK_BLOCK_LIST_ITEM)
    {
      g_autoptr(GMatchInfo) m = NULL;

      if (g_regex_match (self->meeting_item_re, par, 0, &m))
        {
          g_autofree char *place = _desk_extract_fetch (m, "place");
          g_autofree char *a = _desk_extract_fetch (m, "a");
          g_autofree char *b = _desk_extract_fetch (m, "b");
          g_autofree char *y = _desk_extract_fetch (m, "y");
          g_autofree char *date = _desk_extract_date_value (run, atoi (y), atoi (b), atoi (a));
          const Entity *known = _desk_extract_known_entity (run, place);
          const char *canonical = known ? known->canonical : place;

          if (date != NULL)
            _desk_extract_add_candidate (cands, DESK_FACT_MEETING, par, 0, len, meeting_value (date, canonical, NULL), 0.7,
                                         meeting_extra (date, canonical, NULL), CANDIDATE_MEETING);
        }
    }
}

void
_desk_extract_link_quotes_to_citations (GArray     *cands,
                                        const char *par)
{
  for (guint i = 0; i < cands->len; i++)
    {
      Candidate *q = &g_array_index (cands, Candidate, i);

      if (q->fact.text == NULL || q->fact.kind != DESK_FACT_QUOTE)
        continue;
      for (guint j = 0; j < cands->len; j++)
        {
          Candidate *c = &g_array_index (cands, Candidate, j);
          gboolean close = TRUE;

          if (c->fact.text == NULL || c->fact.kind != DESK_FACT_CITATION || c->bstart < q->bend ||
              c->bstart - q->bend > 6)
            continue;
          for (gsize k = q->bend; k < c->bstart; k++)
            close &= par[k] == ' ' || par[k] == '.' || par[k] == ',';
          if (close)
            {
              g_free (q->citation);
              q->citation = g_strdup (c->fact.value);
              break;
            }
        }
    }
}

/* Who a quote is from: the person (else the organization) the sentence
 * names before it ("X afirmó: “…”"), or right after it ("“…”, said X"). */
void
_desk_extract_find_speakers (GArray     *cands,
                             const char *par,
                             GArray     *bounds)
{
  for (guint i = 0; i < cands->len; i++)
    {
      Candidate *q = &g_array_index (cands, Candidate, i);
      gsize s = 0, e = strlen (par);
      Candidate *before = NULL, *after = NULL;

      if (q->fact.text == NULL || q->fact.kind != DESK_FACT_QUOTE)
        continue;
      for (guint b = 0; b < bounds->len; b++)
        {
          gsize start = g_array_index (bounds, gsize, b);
          if (start <= q->bstart)
            s = start;
          else
            {
              e = start;
              break;
            }
        }
      for (guint j = 0; j < cands->len; j++)
        {
          Candidate *c = &g_array_index (cands, Candidate, j);

          if (c->fact.text == NULL || (c->fact.kind != DESK_FACT_PERSON && c->fact.kind != DESK_FACT_ORG))
            continue;
          if (c->bstart >= s && c->bend <= q->bstart &&
              (before == NULL || (c->fact.kind == DESK_FACT_PERSON && before->fact.kind != DESK_FACT_PERSON) ||
               (c->fact.kind == before->fact.kind && c->bstart > before->bstart)))
            before = c;
          if (c->bstart >= q->bend && c->bstart < e && c->bstart - q->bend <= 40 && after == NULL)
            after = c;
        }
      if (before != NULL || after != NULL)
        {
          g_free (q->speaker);
          q->speaker = g_strdup ((before ? before : after)->fact.value);
        }
    }
}

char *
_desk_extract_quote_extra (const Candidate *q)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  if (q->speaker == NULL && q->citation == NULL)
    return NULL;
  json_builder_begin_object (builder);
  if (q->citation != NULL)
    {
      json_builder_set_member_name (builder, "citation");
      json_builder_add_string_value (builder, q->citation);
    }
  if (q->speaker != NULL)
    {
      json_builder_set_member_name (builder, "speaker");
      json_builder_add_string_value (builder, q->speaker);
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}
