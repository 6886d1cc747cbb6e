/* sm-report-consent.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Consent (DQ-05): the copy of the map the report is made from, with
 * every individual who has not agreed to be named called "Participant N"
 * (sm_public_names_new(): the same N as every other output), in their
 * record and in free text. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sm-format.h"
#include "sm-report-private.h"

/* @text with every whole-word occurrence of a hidden name replaced. */
char *
_sm_report_scrub (SmReport   *r,
                  const char *text)
{
  return sm_public_names_scrub (r->names, text);
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

  r->map = sm_format_load_bytes (bytes, error);
  if (r->map == NULL)
    return FALSE;
  r->names = sm_public_names_new (r->original);
  r->n_hidden = sm_public_names_get_n_hidden (r->names);

  /* The copy holds the same stakeholders in the same order. */
  copies = sm_map_get_stakeholders (r->map);
  g_assert (sm_collection_get_size (copies) == sm_collection_get_size (people));
  for (guint i = 0; i < sm_collection_get_size (copies); i++)
    {
      SmRecord   *original = sm_collection_get (people, i);
      SmRecord   *person = sm_collection_get (copies, i);
      const char *pseudonym;
      g_autoptr(SmCommand) command = NULL;

      if (!sm_public_names_is_hidden (r->names, original))
        continue;
      pseudonym = sm_public_names_get_name (r->names, original);
      command = sm_command_new_set_string (person, "name", pseudonym);
      sm_command_apply (command, r->map);
      /* Never a report with a name that should have been hidden. */
      if (g_strcmp0 (sm_stakeholder_get_name (person), pseudonym) != 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       _ ("Could not hide the name of a participant who has not agreed to be named"));
          return FALSE;
        }
    }

  /* Text the renderer may draw beside the names. */
  ties = sm_map_get_relationships (r->map);
  for (guint i = 0; i < sm_collection_get_size (ties); i++)
    scrub_field (r, sm_collection_get (ties, i), "label");
  notes = sm_map_get_collection (r->map, SM_RECORD_ANNOTATION);
  for (guint i = 0; i < sm_collection_get_size (notes); i++)
    scrub_field (r, sm_collection_get (notes, i), "text");
  return TRUE;
}
