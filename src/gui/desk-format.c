/* desk-format.c: how the interface writes languages, dates and sizes */
#define G_LOG_DOMAIN "desk-format"

#include <string.h>
#include "config.h"

#include <stdio.h>
#include <glib/gi18n.h>

#include "desk-review.h"
#include "desk-format.h"
#include "desk-locale.h"
#include "desk-value.h"

static const char *
language_name (const char *code)
{
  if (g_str_equal (code, "es"))
    return _("Spanish");
  if (g_str_equal (code, "en"))
    return _("English");
  return code;
}

/* "es en" → "Spanish, English" */
char *
desk_format_languages (const char *languages)
{
  g_auto(GStrv) codes = g_strsplit (languages ? languages : "", " ", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; codes[i]; i++)
    {
      if (*codes[i] == '\0')
        continue;
      if (out->len > 0)
        g_string_append (out, ", ");
      g_string_append (out, language_name (codes[i]));
    }
  return g_string_free (out, FALSE);
}

/* Dates stay in ISO 8601 (2025-03-14): officers exchange briefs across
 * languages, where 03/04 reads two ways; "—" when there is none. */
char *
desk_format_date (const char *iso_date)
{
  int y, m, d;

  /* a year, or a year and month, as the officer may give a document's */
  if (iso_date != NULL && strlen (iso_date) < 10 && desk_review_is_date (iso_date))
    return g_strdup (iso_date);
  if (iso_date == NULL || sscanf (iso_date, "%d-%d-%d", &y, &m, &d) != 3 || !g_date_valid_dmy (d, m, y))
    return g_strdup ("—");
  return g_strdup_printf ("%04d-%02d-%02d", y, m, d);
}

char *
desk_format_size (gint64 size)
{
  return g_format_size (size);
}

/* A fact's value as people write it, in the interface's language:
 * "US$ 2,5 millones", "US$2.5 million" */
char *
desk_format_value (DeskFactKind  kind,
                   const char   *value)
{
  return desk_value_format (kind, value ? value : "", desk_locale_language ());
}

/* What an officer reads for each kind of fact. */
const char *
desk_format_fact_kind (DeskFactKind kind)
{
  switch (kind)
    {
    case DESK_FACT_DATE: return C_("fact kind", "Date");
    case DESK_FACT_QUANTITY: return C_("fact kind", "Quantity");
    case DESK_FACT_MONEY: return C_("fact kind", "Money");
    case DESK_FACT_PERCENT: return C_("fact kind", "Percentage");
    case DESK_FACT_PERSON: return C_("fact kind", "Person");
    case DESK_FACT_ORG: return C_("fact kind", "Organization");
    case DESK_FACT_PLACE: return C_("fact kind", "Place");
    case DESK_FACT_CITATION: return C_("fact kind", "Citation");
    case DESK_FACT_QUOTE: return C_("fact kind", "Quote");
    case DESK_FACT_PROPOSAL: return C_("fact kind", "Proposal");
    case DESK_FACT_MEETING: return C_("fact kind", "Meeting");
    case DESK_N_FACT_KINDS:
    default: return "";
    }
}

const char *
desk_format_modality (DeskModality modality)
{
  switch (modality)
    {
    case DESK_MODALITY_ASSERTED: return C_("modality", "Asserted");
    case DESK_MODALITY_PROPOSED: return C_("modality", "Proposed");
    case DESK_MODALITY_EXPECTED: return C_("modality", "Expected");
    case DESK_MODALITY_INTENDED: return C_("modality", "Intended");
    case DESK_MODALITY_NEGATED: return C_("modality", "Negated");
    case DESK_MODALITY_REPORTED: return C_("modality", "Reported");
    case DESK_N_MODALITIES:
    default: return "";
    }
}

/* The highlight of each kind in the reading view and its legend; NULL for
 * the kinds that span whole sentences and are underlined instead. */
const char *
desk_format_fact_color (DeskFactKind kind)
{
  static const char * const colors[DESK_N_FACT_KINDS] = {
    "#99c1f1", "#8ff0a4", "#f9f06b", "#ffbe6f", "#dc8add", "#f8b6b6", "#93ddc2", "#deddda",
    NULL, NULL, NULL,
  };

  g_return_val_if_fail (kind < DESK_N_FACT_KINDS, NULL);
  return colors[kind];
}

/* 0 when the interface speaks Spanish, 1 for English: which of a
 * bilingual pair of texts to show. */
int
desk_format_ui_language (void)
{
  return g_str_equal (desk_locale_language (), "es") ? 0 : 1;
}

/* A message dialog over the window of @near, closed by its button. */
void
desk_format_show_message (GtkWidget      *near,
                          GtkMessageType  type,
                          const char     *primary,
                          const char     *secondary)
{
  GtkRoot *root = near ? gtk_widget_get_root (near) : NULL;
  GtkWidget *dialog = gtk_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                              GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                              type, GTK_BUTTONS_CLOSE, "%s", primary);

  if (secondary != NULL)
    gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", secondary);
  g_signal_connect (dialog, "response", G_CALLBACK (gtk_window_destroy), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Column headers of lists sorted in SQL.  GTK 4.8 cannot tell which column
 * a GtkColumnView sorts by (gtk_column_view_sorter_get_primary_sort_column
 * is 4.10), so each column gets a sorter that only says who it is: the view's
 * sorter asks its primary column first and stops at the first answer that
 * is not "equal", which tells the column and, by the sign, the direction. */

static int probed_key = -1;

static int
probe_compare (gconstpointer a,
               gconstpointer b,
               gpointer      key)
{
  if (probed_key < 0)
    probed_key = GPOINTER_TO_INT (key);
  return GTK_ORDERING_SMALLER;
}

/* Makes @column's header sort by @key (0 or more) of the list's own order. */
void
desk_format_set_sort_key (GtkColumnViewColumn *column,
                          int                  key)
{
  g_autoptr(GtkSorter) sorter = NULL;

  g_return_if_fail (GTK_IS_COLUMN_VIEW_COLUMN (column));
  g_return_if_fail (key >= 0);

  sorter = GTK_SORTER (gtk_custom_sorter_new (probe_compare, GINT_TO_POINTER (key), NULL));
  gtk_column_view_column_set_sorter (column, sorter);
}

/* The key of the column @view sorts by, or -1 when none, and whether it
 * sorts in descending order. */
int
desk_format_get_sort_key (GtkColumnView *view,
                          gboolean      *descending)
{
  GtkSorter *sorter = gtk_column_view_get_sorter (view);
  GtkOrdering order;
  int key;

  g_return_val_if_fail (GTK_IS_COLUMN_VIEW (view), -1);

  *descending = FALSE;
  if (sorter == NULL)
    return -1;
  probed_key = -1;
  /* two different objects: a sorter says "equal" to an item and itself */
  order = gtk_sorter_compare (sorter, view, sorter);
  key = probed_key;
  probed_key = -1;
  *descending = key >= 0 && order == GTK_ORDERING_LARGER;
  return key;
}

/* Brings the row at @position of @view into view.  GTK 4.8 has no
 * gtk_column_view_scroll_to (): its list view has the action. */
void
desk_format_scroll_to (GtkColumnView *view,
                       guint          position)
{
  g_return_if_fail (GTK_IS_COLUMN_VIEW (view));

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (view));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      gtk_widget_activate_action (child, "list.scroll-to-item", "u", position);
}

static gboolean
on_label_query_tooltip_cb (GtkWidget  *label,
                           int         x,
                           int         y,
                           gboolean    keyboard,
                           GtkTooltip *tooltip,
                           gpointer    user_data)
{
  const char *text = gtk_label_get_text (GTK_LABEL (label));

  if (text == NULL || *text == '\0')
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* Makes the cell label @label show its whole text as its tooltip.  Asked
 * for when the pointer rests on it: setting a tooltip as each row is bound
 * makes GTK 4.8 ask the display where the pointer is, row after row. */
void
desk_format_label_tooltip (GtkWidget *label)
{
  g_return_if_fail (GTK_IS_LABEL (label));

  gtk_widget_set_has_tooltip (label, TRUE);
  g_signal_connect (label, "query-tooltip", G_CALLBACK (on_label_query_tooltip_cb), NULL);
}

/* Sets @widget's tooltip only when it changes, for the same reason. */
void
desk_format_set_tooltip (GtkWidget  *widget,
                         const char *text)
{
  const char *current = gtk_widget_get_tooltip_text (widget);

  if (g_strcmp0 (current, text) != 0)
    gtk_widget_set_tooltip_text (widget, text);
}
