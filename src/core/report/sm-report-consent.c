/* sm-report-consent.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Consent (DQ-05): the copy of the map the report is made from, with
 * every individual who has not agreed to be named called "Unnamed
 * participant", in their record and in free text. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "sm-format.h"
#include "sm-report-private.h"

void
_sm_report_hidden_free (gpointer data)
{
  SmReportHidden *h = data;

  g_free (h->name);
  g_free (h->pseudonym);
  g_free (h);
}

static int
compare_hidden (gconstpointer a,
                gconstpointer b)
{
  const SmReportHidden *ha = *(const SmReportHidden **) a;
  const SmReportHidden *hb = *(const SmReportHidden **) b;

  return (int) strlen (hb->name) - (int) strlen (ha->name);
}

/* Consent */

static gboolean
must_hide (SmRecord *stakeholder)
{
  return !sm_stakeholder_may_be_named (stakeholder);
}

static gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) || c == '_';
}

/* @text with every whole-word occurrence of a hidden name replaced. */
char *
_sm_report_scrub (SmReport   *r,
                  const char *text)
{
  GString *out;

  if (text == NULL)
    return g_strdup ("");
  out = g_string_new (text);
  for (guint i = 0; i < r->hidden->len; i++)
    {
      SmReportHidden *h = g_ptr_array_index (r->hidden, i);
      gsize           len = strlen (h->name);
      gsize           from = 0;

      for (;;)
        {
          char    *hit = strstr (out->str + from, h->name);
          gsize    at;
          gboolean start_ok, end_ok;

          if (hit == NULL)
            break;
          at = hit - out->str;
          start_ok = at == 0 ||
                     !is_word_char (g_utf8_get_char (g_utf8_find_prev_char (out->str, hit)));
          end_ok = hit[len] == '\0' || !is_word_char (g_utf8_get_char (hit + len));
          if (start_ok && end_ok)
            {
              g_string_erase (out, at, len);
              g_string_insert (out, at, h->pseudonym);
              from = at + strlen (h->pseudonym);
            }
          else
            from = at + 1;
        }
    }
  return g_string_free (out, FALSE);
}

static void
scrub_field (SmReport   *r,
             SmRecord   *record,
             const char *path)
{
  const char      *text = sm_record_get_string (record, path);
  g_autofree char *clean = NULL;

  if (text == NULL)
    return;
  clean = _sm_report_scrub (r, text);
  if (strcmp (clean, text) != 0)
    {
      g_autoptr(SmCommand) command = sm_command_new_set_string (record, path, clean);

      sm_command_apply (command, r->map);
    }
}

/* The copy of the map the report is made from. */
gboolean
_sm_report_make_copy (SmReport *r,
                      GError  **error)
{
  SmCollection *people = sm_map_get_stakeholders (r->original);
  g_autoptr(GBytes) bytes = sm_format_save_to_bytes (r->original);
  SmCollection *copies, *ties, *notes;
  guint         n_hidden = 0, k = 0;

  r->map = sm_format_load_bytes (bytes, error);
  if (r->map == NULL)
    return FALSE;

  for (guint i = 0; i < sm_collection_get_size (people); i++)
    n_hidden += must_hide (sm_collection_get (people, i));

  copies = sm_map_get_stakeholders (r->map);
  for (guint i = 0; i < sm_collection_get_size (copies); i++)
    {
      SmRecord *person = sm_collection_get (copies, i);
      g_autoptr(SmCommand) command = NULL;
      SmReportHidden *h;

      if (!must_hide (person))
        continue;
      h = g_new0 (SmReportHidden, 1);
      h->name = g_strdup (sm_stakeholder_get_name (person));
      /* Numbered when there are several, so findings and the map can
       * still be read together. */
      h->pseudonym = n_hidden > 1 ? g_strdup_printf (_ ("Unnamed participant %u"), ++k)
                                  : sm_stakeholder_dup_display_name (person, TRUE);
      command = sm_command_new_set_string (person, "name", h->pseudonym);
      sm_command_apply (command, r->map);
      /* Never a report with a name that should have been hidden. */
      if (g_strcmp0 (sm_stakeholder_get_name (person), h->pseudonym) != 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       _ ("Could not hide the name of a participant who has not agreed to be named"));
          _sm_report_hidden_free (h);
          return FALSE;
        }
      /* Only names of three letters or more are looked for in free text:
       * shorter ones would match ordinary words. */
      if (g_utf8_strlen (h->name, -1) >= 3)
        g_ptr_array_add (r->hidden, h);
      else
        _sm_report_hidden_free (h);
    }
  g_ptr_array_sort (r->hidden, compare_hidden);
  r->n_hidden = n_hidden;

  /* Text the renderer may draw beside the names. */
  ties = sm_map_get_relationships (r->map);
  for (guint i = 0; i < sm_collection_get_size (ties); i++)
    scrub_field (r, sm_collection_get (ties, i), "label");
  notes = sm_map_get_collection (r->map, SM_RECORD_ANNOTATION);
  for (guint i = 0; i < sm_collection_get_size (notes); i++)
    scrub_field (r, sm_collection_get (notes, i), "text");
  return TRUE;
}
