/* sm-window-anonymise.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* File ▸ Save Anonymised Copy…: a copy of the map to pass on, in any
 * format, with people who have not agreed to be named as "Participant N"
 * and notes and private details left out (sm_public_names_dup_anonymised()).
 * The window's own file and document are not touched. */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sm-evaluate.h"
#include "sm-exporter.h"
#include "sm-format.h"
#include "sm-window-private.h"

#define TEST_FILE_KEY "sm-test-anonymised-file"
#define EXPORTER_KEY "sm-exporter"

/* The exporter a file's name asks for; NULL for a project file. */
static gboolean
format_for_name (const char        *name,
                 const SmExporter **exporter)
{
  g_autofree char *lower = g_utf8_strdown (name, -1);

  *exporter = NULL;
  if (g_str_has_suffix (lower, ".stakemap"))
    return TRUE;
  *exporter = sm_exporter_guess_for_path (name);
  return *exporter != NULL;
}

/**
 * _sm_window_save_anonymised_to:
 * @exporter: (nullable): the data format; NULL for a project file
 *
 * Writes the anonymised copy of the map to @file, safely (nothing is
 * written when anything fails), and says how it went.
 *
 * Returns: whether the copy was written
 */
gboolean
_sm_window_save_anonymised_to (SmWindow         *self,
                               GFile            *file,
                               const SmExporter *exporter)
{
  SmMap *map = sm_document_get_map (self->document);
  g_autoptr(SmPublicNames) names = sm_public_names_new (map);
  g_autoptr(GError) error = NULL;
  g_autoptr(SmMap) copy = NULL;
  g_autofree char *name = g_file_get_basename (file);
  gboolean         written = FALSE;

  copy = sm_public_names_dup_anonymised (names, map, &error);
  if (copy != NULL && exporter == NULL)
    written = sm_format_save_file_full (copy, file, NULL, NULL, NULL, &error);
  else if (copy != NULL)
    {
      g_autofree char *companion_name = sm_exporter_dup_companion_path (exporter, name);
      g_autoptr(GFile) parent = g_file_get_parent (file);
      g_autoptr(GFile) companion = NULL;

      if (companion_name != NULL && parent != NULL)
        companion = g_file_get_child (parent, companion_name);
      written = sm_exporter_write_file (exporter, copy, NULL, file, companion, NULL, NULL, &error);
    }

  if (!written)
    {
      g_autofree char *heading = g_strdup_printf (_ ("Could Not Save “%s”"), name);

      sm_window_show_error (self, heading, error->message);
      return FALSE;
    }
  {
    g_autofree char *text = g_strdup_printf (_ ("Anonymised copy saved as “%s”"), name);

    sm_window_show_toast (self, text);
  }
  return TRUE;
}

static void
response_cb (GtkNativeDialog *dialog,
             int              response,
             SmWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) chosen = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char  *name = g_file_get_basename (chosen);
      const SmExporter *exporter = NULL;
      g_autoptr(GFile) file = NULL;

      if (format_for_name (name, &exporter))
        file = g_object_ref (chosen);
      else
        {
          /* A name typed without its extension gets the chosen filter's. */
          GtkFileFilter *filter = gtk_file_chooser_get_filter (GTK_FILE_CHOOSER (dialog));
          g_autoptr(GFile) parent = g_file_get_parent (chosen);
          g_autofree char *full = NULL;

          exporter = filter != NULL ? g_object_get_data (G_OBJECT (filter), EXPORTER_KEY) : NULL;
          full = g_strconcat (name, ".", exporter != NULL ? exporter->extensions[0] : "stakemap", NULL);
          file = g_file_get_child (parent, full);
        }
      _sm_window_save_anonymised_to (self, file, exporter);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_object_unref (self);
}

/* win.save-anonymised */
void
_sm_window_save_anonymised (SmWindow *self)
{
  GFile                *test_file = g_object_get_data (G_OBJECT (self), TEST_FILE_KEY);
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) project = gtk_file_filter_new ();
  const SmExporter *const *all = sm_exporters_get_all ();
  g_autofree char         *title = sm_document_dup_display_title (self->document);
  g_autofree char         *name = NULL;

  if (test_file != NULL)
    {
      g_autofree char  *basename = g_file_get_basename (test_file);
      const SmExporter *exporter = NULL;

      format_for_name (basename, &exporter);
      _sm_window_save_anonymised_to (self, test_file, exporter);
      return;
    }

  dialog = gtk_file_chooser_native_new (_ ("Save Anonymised Copy"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _ ("_Save"), _ ("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_filter_set_name (project, _ ("Stakemap Maps"));
  gtk_file_filter_add_pattern (project, "*.stakemap");
  gtk_file_filter_add_mime_type (project, "application/x-stakemap");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), project);
  for (guint i = 0; all[i] != NULL; i++)
    {
      g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

      gtk_file_filter_set_name (filter, sm_exporter_get_label (all[i]));
      for (guint e = 0; all[i]->extensions[e] != NULL; e++)
        gtk_file_filter_add_suffix (filter, all[i]->extensions[e]);
      g_object_set_data (G_OBJECT (filter), EXPORTER_KEY, (gpointer) all[i]);
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
    }
  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (dialog), project);

  if (g_str_has_suffix (title, ".stakemap"))
    title[strlen (title) - strlen (".stakemap")] = '\0';
  /* TRANSLATORS: the file name proposed for an anonymised copy of the map TITLE */
  name = g_strdup_printf (_ ("%s (anonymised).stakemap"), title);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);

  g_signal_connect (dialog, "response", G_CALLBACK (response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* Test hook: win.save-anonymised writes to @file (its name sets the
 * format) instead of asking where. */
void
_sm_window_test_set_anonymised_file (SmWindow *self,
                                     GFile    *file)
{
  g_return_if_fail (SM_IS_WINDOW (self));

  g_object_set_data_full (G_OBJECT (self), TEST_FILE_KEY, file != NULL ? g_object_ref (file) : NULL,
                          g_object_unref);
}
