/* desk-extract-private.h: what the extractor's files share: the
 * extractor, the candidates of a paragraph, the run over a document, the
 * pieces of its patterns, and the steps each file gives the run */
#pragma once

#include "desk-extract.h"
#include "desk-stemmer.h"

G_BEGIN_DECLS

#define MONTHS_ES "enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre"
#define MONTHS_EN "January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
/* Digits in the patterns are ASCII ones, [0-9]: GRegex matches with
 * Unicode rules, where \\d also takes the digits of other scripts, which
 * the values are read with (atoi, g_ascii_strtod) could not read, and
 * which keep PCRE from skipping ahead to the next digit (a search for
 * \\d{1,2} de marzo took four times as long) */
#define NUM "[+\\-−]?[0-9]{1,3}(?:[.,][0-9]{3})+(?:[.,][0-9]+)?|[+\\-−]?[0-9]+(?:[.,][0-9]+)?"
#define SCALE "mil\\s+millones|millones|mill[oó]n|mil|billones|bill[oó]n|thousand|millions?|billions?|trillions?"
#define CUR_PREFIX "US\\$|U\\$S|USD|S/\\.?|PEN|€|EUR|£|\\$"
#define CUR_WORD "d[oó]lares(?:\\s+(?:americanos|estadounidenses|norteamericanos))?|d[oó]lar|soles|euros?|(?:US\\s+)?dollars?|libras|pounds"
#define UNIT "TM|toneladas\\s+m[eé]tricas|toneladas|metric\\s+tons|tons|tonnes|t|km2|km²|kil[oó]metros\\s+cuadrados|square\\s+kilomet(?:er|re)s|sq\\s?km|km|kil[oó]metros|kilomet(?:er|re)s|hect[aá]reas|hectares|ha|kg|kilogramos|kilos|kilograms|MW|megavatios|megawatts|barriles|barrels"
#define CAP "[A-ZÁÉÍÓÚÑ][a-záéíóúñü]+(?:-[A-ZÁÉÍÓÚÑ][a-záéíóúñü]+)?"

/* The figures: money with its currency first or after, percentages (these
 * two and money after its number without regard to case), quantities */
#define MONEY_PREFIX_RE "(?<![\\w$])(?P<cur>" CUR_PREFIX ")\\s?(?P<num>" NUM ")(?:\\s(?P<scale>" SCALE ")(?![\\w]))?"
#define MONEY_SUFFIX_RE "(?<![\\w.,$])(?P<num>" NUM ")\\s?(?:(?P<scale>" SCALE ")\\s+)?(?:de\\s+)?(?P<cur>" CUR_WORD ")(?![\\w])"
#define PERCENT_RE "(?<![\\w.,])(?P<num>" NUM ")\\s?(?:%|por\\s+ciento|percent|per\\s+cent)(?![\\w])"
#define QUANTITY_RE "(?<![\\w.,])(?P<num>" NUM ")\\s?(?:(?P<scale>" SCALE ")\\s+(?:de\\s+)?)?(?P<unit>" UNIT ")(?![\\w²])"

/* Candidates of one family overlap freely with those of another; within
 * a family the longest of overlapping ones is kept */
typedef enum
{
  CANDIDATE_FIGURE,   /* dates, money, percentages, quantities, citations */
  CANDIDATE_NAME,     /* people, organizations, places */
  CANDIDATE_PASSAGE,  /* quotes and proposals */
  CANDIDATE_MEETING,
} CandidateFamily;

/* The patterns of dates, in the order they are tried (find_dates) */
typedef enum
{
  DATE_DAY_MONTH_ES,      /* 1 de febrero del 2009 */
  DATE_MONTH_DAY_EN,      /* December 12, 2025 */
  DATE_DAY_MONTH_EN,      /* the 12th of December 2025 */
  DATE_NUMERIC,           /* 29/02/2012, day or month first */
  DATE_ISO,               /* 2025-11-20 */
  DATE_MONTH_YEAR_ES,     /* marzo de 2018 */
  DATE_MONTH_YEAR_EN,     /* March 2018 */
  DATE_PART_OF_YEAR,      /* primer semestre del 2018 */
  DATE_YEAR_RANGE,        /* entre 2017 y 2021 */
  DATE_YEAR_AFTER_WORD,   /* en 2019 */
  N_DATE_PATTERNS
} DatePattern;

typedef struct
{
  DeskFactKind kind;
  char *canonical;
  char *name_es;   /* how Spanish writes it, when not as the canonical name */
} Entity;

struct _DeskExtractor
{
  DeskStemmer *stemmer;
  GHashTable *plain;     /* word as written → whether it is plain (+1), see word_is_plain */
  GHashTable *names;     /* surface name → Entity */
  GHashTable *spanish;   /* canonical name → its Spanish name, where it differs */
  GHashTable *given;     /* given names */
  GRegex *gazetteer_re;
  GHashTable *gazetteer_heads;  /* first word of a name → GPtrArray of the names
                                 * it begins, longest first; NULL when a name
                                 * begins with no word character */
  gsize gazetteer_head_max;     /* bytes of the longest first word */
  GRegex *title_person_re;
  GRegex *given_person_re;
  GRegex *acronym_re;
  GRegex *money_prefix_re;
  GRegex *money_suffix_re;
  GRegex *percent_re;
  GRegex *quantity_re;
  GRegex *date_re[N_DATE_PATTERNS];
  GRegex *citation_re;
  GRegex *quote_re;
  GRegex *meeting_noun_re;
  GRegex *proposal_sentence_re;
  GRegex *proposal_leadin_re;
  GRegex *meeting_item_re;
  GRegex *modality_re;  /* one group per modality but asserted */
  GRegex *letters_re;   /* two letters: an author's name has them */
  GRegex *located_re;   /* "en", "in", "at" just before a place */
};

typedef struct
{
  DeskFact fact;
  gsize bstart;   /* bytes into the paragraph */
  gsize bend;
  gsize bsentence;
  CandidateFamily family;
  char *speaker;  /* quotes: who says it */
  char *citation; /* quotes: the citation right after */
} Candidate;

typedef struct
{
  DeskExtractor *self;
  DeskParsedDocument *doc;
  GArray *facts;          /* DeskFact */
  GHashTable *acronyms;   /* acronym or long form → canonical, this document */
  GHashTable *surnames;   /* surname → canonical person, this document */
  GHashTable *acronym_starts; /* the names of acronyms by their first word (remember_name) */
  GHashTable *surname_starts; /* the names of surnames by their first word */
  int doc_year;
  gsize par_offset;       /* where the paragraph being read is in doc->text, in bytes */
} Run;

/* The cues of modalities: alternatives of words without groups of their
 * own, each a whole word or words (see modality_re) */
#define MODALITY_NEGATED \
  "no(?!\\s+(?:s[oó]lo|solamente|solo|menos|obstante))|nunca|jam[aá]s|tampoco|not(?!\\s+only)|never|no\\s+longer"
#define MODALITY_PROPOSED \
  "propu(?:so|sieron|esto)|propon(?:e|en|emos|er)|se\\s+plantea|plante[oó]|recomiend(?:a|an)|recomend[oó]|suger(?:ir|ido)|sugiere|propose[sd]?|recommend(?:s|ed)?|suggest(?:s|ed)?"
#define MODALITY_INTENDED \
  "intenci[oó]n|pretende|pretenden|busca|buscan|tiene\\s+previsto|planea|planean|intends?|intention|plans?\\s+to|aims?\\s+to|seeks?\\s+to"
#define MODALITY_EXPECTED \
  "se\\s+espera|espera\\s+que|esperan\\s+que|prev[eé]|podr[ií]a|podr[ií]an|probablemente|eventual(?:mente)?|is\\s+expected|are\\s+expected|expected\\s+to|expects?|likely|could|may|might|would"
#define MODALITY_REPORTED \
  "seg[uú]n|de\\s+acuerdo\\s+con|inform[oó]|informaron|señal[oó]|señalaron|dijo|afirm[oó]|indic[oó]|declar[oó]|according\\s+to|reported|reports?\\s+that|said|stated|announced"

/* desk-extract.c */
GRegex *
_desk_extract_regex (const char *pattern,
                     gboolean    caseless);
void
_desk_extract_add_candidate (GArray          *out,
                             DeskFactKind     kind,
                             const char      *par,
                             gsize            bstart,
                             gsize            bend,
                             char            *value,
                             double           confidence,
                             char            *extra,
                             CandidateFamily  family);
char *
_desk_extract_fetch (GMatchInfo *match,
                     const char *name);
void
_desk_extract_match_pos (GMatchInfo *match,
                         int         group,
                         gsize      *start,
                         gsize      *end);
int
_desk_extract_compare_candidate_starts (gconstpointer a,
                                        gconstpointer b,
                                        gpointer      user_data);
int
_desk_extract_compare_indices (gconstpointer a,
                               gconstpointer b);

/* desk-gazetteer.c */
void
_desk_extract_entity_free (gpointer data);
gboolean
_desk_extract_load_gazetteer (DeskExtractor *self,
                              const char    *label,
                              const char    *data,
                              gsize          len,
                              GError       **error);
gboolean
_desk_extract_load_people (DeskExtractor *self,
                           const char    *data,
                           gsize          len,
                           GError       **error);
gboolean
_desk_extract_next_gazetteer_name (DeskExtractor  *self,
                                   const char     *par,
                                   gsize          *pos,
                                   GMatchInfo    **m,
                                   gsize          *start,
                                   gsize          *end);
void
_desk_extract_build_gazetteer_regex (DeskExtractor *self);
GBytes *
_desk_extract_lookup_data (const char  *name,
                           GError     **error);

/* desk-figures.c */
void
_desk_extract_find_figures (Run        *run,
                            const char *par,
                            GArray     *out);
void
_desk_extract_share_scales (GArray     *cands,
                            const char *par);
char *
_desk_extract_date_value (Run        *run,
                          int         y,
                          int         m,
                          int         d);
void
_desk_extract_find_dates (Run        *run,
                          const char *par,
                          const char *language,
                          GArray     *out);

/* desk-entities.c */
const Entity *
_desk_extract_known_entity (Run        *run,
                            const char *name);
gboolean
_desk_extract_is_all_caps (const char *par);
void
_desk_extract_unify_people (GArray *facts);
void
_desk_extract_find_entities (Run        *run,
                             const char *par,
                             GArray     *out);

/* desk-sentences.c */
void
_desk_extract_find_citations_and_quotes (Run        *run,
                                         const char *par,
                                         GArray     *out);
GArray *
_desk_extract_split_sentences (const char *par);
DeskModality
_desk_extract_sentence_modality (DeskExtractor *self,
                                 const char    *sentence);
void
_desk_extract_find_sentence_facts (Run           *run,
                                   const char    *par,
                                   DeskBlockKind  kind,
                                   gboolean       under_proposal_leadin,
                                   GArray        *cands);
void
_desk_extract_link_quotes_to_citations (GArray     *cands,
                                        const char *par);
void
_desk_extract_find_speakers (GArray     *cands,
                             const char *par,
                             GArray     *bounds);
char *
_desk_extract_quote_extra (const Candidate *q);

/* desk-terms.c */
void
_desk_extract_set_terms (Run        *run,
                         const char *par,
                         gsize       s,
                         gsize       e,
                         GArray     *cands,
                         guint       n_before);

G_END_DECLS
