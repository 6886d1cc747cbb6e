/* sm-canvas-a11y.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What the canvas says to screen readers: the drawing says nothing to
 * them, so its accessible description tells what is selected. */

#include "config.h"

#include <glib/gi18n.h>

#include "sm-canvas-private.h"

/* Accessibility */

static char *
describe_stakeholder (SmRecord *stakeholder)
{
  g_autoptr(GString) text = g_string_new (NULL);
  const char *name = sm_stakeholder_get_name (stakeholder);
  const char *kind = sm_record_get_enum (stakeholder, "kind");
  double      influence = sm_record_get_score (stakeholder, "influence");

  g_string_append (text, name != NULL && *name != '\0' ? name : _ ("Unnamed stakeholder"));
  if (kind != NULL && sm_record_has_value (stakeholder, "kind"))
    {
      g_autofree char *words = g_strdup (kind);

      g_strdelimit (words, "_", ' ');
      g_string_append_printf (text, ", %s", words);
    }
  if (SM_IS_KNOWN (influence))
    {
      g_string_append (text, ", ");
      g_string_append_printf (text, _ ("influence %g"), influence);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* "Note: " and the first words of its text, on one line. */
static char *
describe_note (SmRecord *note)
{
  const char      *text = sm_record_get_string (note, "text");
  g_autofree char *words = g_strdup (text != NULL ? text : "");
  glong            n;

  g_strdelimit (g_strstrip (words), "\n\t\r", ' ');
  n = g_utf8_strlen (words, -1);
  if (n > 60)
    {
      g_autofree char *start = g_utf8_substring (words, 0, 60);

      return g_strdup_printf (_ ("Note: %s…"), start);
    }
  return g_strdup_printf (_ ("Note: %s"), words);
}

static const char *
name_of (SmCanvas   *self,
         const char *id)
{
  SmRecord *record = _sm_canvas_lookup_stakeholder (self, id);

  return record != NULL ? sm_record_get_label (record) : "";
}

/* Screen readers hear which stakeholders are selected, since the drawing
 * itself says nothing to them. */
void
_sm_canvas_update_description (SmCanvas *self)
{
  g_autoptr(GPtrArray) people = sm_selection_dup_records (self->selection, SM_RECORD_STAKEHOLDER);
  g_autoptr(GPtrArray) links = sm_selection_dup_records (self->selection, SM_RECORD_RELATIONSHIP);
  g_autoptr(GPtrArray) notes = sm_selection_dup_records (self->selection, SM_RECORD_ANNOTATION);
  g_autofree char *text = NULL;
  g_autofree char *hint = _sm_canvas_dup_hint_text (self);
  guint            n = people->len + links->len + notes->len;

  if (hint != NULL)
    text = g_steal_pointer (&hint);
  else if (self->key_connect)
    text = g_strdup_printf (_ ("Connecting %s to %s. Press Enter to connect or Escape to cancel."),
                            name_of (self, self->connect_source), name_of (self, self->connect_target));
  else if (n == 0)
    text = g_strdup (_ ("Nothing selected"));
  else if (n == 1 && people->len == 1)
    {
      g_autofree char *what = describe_stakeholder (g_ptr_array_index (people, 0));

      text = g_strdup_printf (_ ("Selected: %s"), what);
    }
  else if (n == 1 && notes->len == 1)
    {
      g_autofree char *what = describe_note (g_ptr_array_index (notes, 0));

      text = g_strdup_printf (_ ("Selected: %s"), what);
    }
  else if (n == 1)
    {
      SmRecord *link = g_ptr_array_index (links, 0);

      text = g_strdup_printf (_ ("Selected: relationship from %s to %s"),
                              name_of (self, sm_relationship_get_source (link)),
                              name_of (self, sm_relationship_get_target (link)));
    }
  else if (n == people->len)
    text = g_strdup_printf (ngettext ("%u stakeholder selected", "%u stakeholders selected", n), n);
  else
    text = g_strdup_printf (ngettext ("%u item selected", "%u items selected", n), n);

  if (g_strcmp0 (text, self->description) == 0)
    return;
  g_free (self->description);
  self->description = g_steal_pointer (&text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->description,
                                  -1);
}

/* Test hooks */

const char *
_sm_canvas_test_get_description (SmCanvas *self)
{
  return self->description;
}
