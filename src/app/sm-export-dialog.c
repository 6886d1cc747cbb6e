/* sm-export-dialog.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "sm-arrangement.h"
#include "sm-canvas.h"
#include "sm-export-dialog-private.h"
#include "sm-preferences.h"
#include "sm-selection.h"

/* Export Image…: the picture a policy officer takes into slides or a
 * board paper, chosen while looking at it. The preview is drawn by the
 * same code that writes the file, so what is seen is what is written. */

struct _SmExportDialog
{
  AdwWindow parent_instance;

  /* Template widgets */
  GtkWidget *format_row;
  GtkWidget *view_row;
  GtkWidget *whole_check;
  GtkWidget *selection_row;
  GtkWidget *selection_check;
  GtkWidget *names_row;
  GtkWidget *legend_switch;
  GtkWidget *title_switch;
  GtkWidget *image_group;
  GtkWidget *background_row;
  GtkWidget *width_row;
  GtkWidget *width_spin;
  GtkWidget *page_group;
  GtkWidget *page_row;
  GtkWidget *orientation_row;
  GtkWidget *tile_row;
  GtkWidget *margin_spin;
  GtkWidget *export_button;
  GtkWidget *preview;
  GtkWidget *caption;

  SmWindow   *window; /* weak */
  SmDocument *document;
  GHashTable *marks;
  SmMap      *compare;        /* the version the window compares with; NULL: none */
  GtkWidget  *compare_switch; /* while comparing: mark what changed since it */
  GPtrArray  *views;          /* ids, in the order of view_row */
  GStrv       selection;      /* as it was when the dialog opened; NULL: none */
  SmImage    *image;          /* for the current choices; NULL when they make none */
  gboolean    building;       /* the widgets are being set from the settings */
};

G_DEFINE_FINAL_TYPE (SmExportDialog, sm_export_dialog, ADW_TYPE_WINDOW)

static const char *const format_ids[] = { "png", "svg", "pdf" };

/* Choices kept between exports */

static GSettings *
export_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source == NULL)
    return NULL;
  schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, "export-format"))
    return NULL;
  return g_settings_new_full (schema, NULL, NULL);
}

void
sm_export_choices_load (SmExportChoices *choices)
{
  g_autoptr(GSettings) settings = export_settings ();
  g_autofree char *format = NULL;
  g_autofree char *page = NULL;
  g_autofree char *orientation = NULL;

  g_return_if_fail (choices != NULL);

  *choices = (SmExportChoices) {
    .format = SM_IMAGE_PNG,
    .legend = TRUE,
    .title = TRUE,
    .width = 2000,
    .page = SM_PAGE_A4,
    .orientation = SM_PAGE_AUTO,
    .margin = 10,
  };
  if (settings == NULL)
    return;
  format = g_settings_get_string (settings, "export-format");
  for (guint i = 0; i < G_N_ELEMENTS (format_ids); i++)
    if (g_str_equal (format, format_ids[i]))
      choices->format = i;
  choices->legend = g_settings_get_boolean (settings, "export-legend");
  choices->title = g_settings_get_boolean (settings, "export-title");
  choices->transparent = g_settings_get_boolean (settings, "export-transparent");
  choices->width = g_settings_get_int (settings, "export-width");
  page = g_settings_get_string (settings, "export-page");
  sm_page_size_from_string (page, &choices->page);
  orientation = g_settings_get_string (settings, "export-orientation");
  choices->orientation = g_str_equal (orientation, "portrait")    ? SM_PAGE_PORTRAIT
                         : g_str_equal (orientation, "landscape") ? SM_PAGE_LANDSCAPE
                                                                  : SM_PAGE_AUTO;
  choices->tile = g_settings_get_boolean (settings, "export-tile");
  choices->margin = g_settings_get_int (settings, "export-margin");
}

void
sm_export_choices_save (const SmExportChoices *choices)
{
  g_autoptr(GSettings) settings = export_settings ();
  const char *orientations[] = { "auto", "portrait", "landscape" };

  g_return_if_fail (choices != NULL);

  if (settings == NULL)
    return;
  g_settings_set_string (settings, "export-format", format_ids[choices->format]);
  g_settings_set_boolean (settings, "export-legend", choices->legend);
  g_settings_set_boolean (settings, "export-title", choices->title);
  g_settings_set_boolean (settings, "export-transparent", choices->transparent);
  g_settings_set_int (settings, "export-width", CLAMP (choices->width, 100, SM_IMAGE_MAX_SIDE));
  g_settings_set_string (settings, "export-page", sm_page_size_to_string (choices->page));
  g_settings_set_string (settings, "export-orientation", orientations[choices->orientation]);
  g_settings_set_boolean (settings, "export-tile", choices->tile);
  g_settings_set_int (settings, "export-margin", CLAMP (choices->margin, 0, 50));
}

/* Fills @image from @choices, for a picture of @choices->format. */
void
sm_export_choices_apply (const SmExportChoices *choices,
                         SmImageOptions        *image)
{
  g_return_if_fail (choices != NULL);
  g_return_if_fail (image != NULL);

  image->no_legend = !choices->legend;
  image->no_title = !choices->title;
  image->transparent = choices->format != SM_IMAGE_PDF && choices->transparent;
  image->width = choices->format == SM_IMAGE_PNG ? choices->width : 0;
  image->page = choices->page;
  image->orientation = choices->orientation;
  image->tile = choices->format == SM_IMAGE_PDF && choices->tile;
  image->margin = CLAMP (choices->margin, 0, 50);
}

/* The file name offered: "TITLE - VIEW.png", the view left out for the
 * map itself, and nothing a file system or a USB stick would refuse. */
char *
sm_export_propose_name (SmDocument   *document,
                        const char   *view,
                        SmImageFormat format)
{
  const char              *title = sm_map_get_title (sm_document_get_map (document));
  const SmArrangementInfo *info = view != NULL ? sm_arrangement_find (view) : NULL;
  g_autoptr(GString) name = g_string_new (NULL);
  g_autofree char *stem = NULL;
  gboolean         space = FALSE;

  g_return_val_if_fail (SM_IS_DOCUMENT (document), NULL);

  for (const char *p = title != NULL ? title : ""; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || g_unichar_iscntrl (c) || strchr ("/\\:*?\"<>|", (int) c) != NULL)
        {
          space = name->len > 0;
          continue;
        }
      if (c == '.' && name->len == 0)
        continue; /* a hidden file */
      if (space)
        g_string_append_c (name, ' ');
      space = FALSE;
      g_string_append_unichar (name, c);
    }
  if (name->len == 0)
    g_string_append (name, _ ("Untitled map"));
  /* Long titles make names some systems refuse; the view still fits. */
  stem = g_utf8_substring (name->str, 0, MIN (g_utf8_strlen (name->str, -1), 100));
  g_string_assign (name, stem);
  if (info != NULL && sm_arrangement_info_get_position (info) != SM_ARRANGEMENT_MAP)
    {
      g_string_append (name, " - ");
      for (const char *p = sm_arrangement_info_get_label (info); *p != '\0'; p++)
        if (*p != '_')
          g_string_append_c (name, *p);
    }
  g_string_append_printf (name, ".%s", format_ids[format]);
  return g_string_free (g_steal_pointer (&name), FALSE);
}

/* The choices on screen */

static void
get_choices (SmExportDialog  *self,
             SmExportChoices *choices)
{
  choices->format = MIN (adw_combo_row_get_selected (ADW_COMBO_ROW (self->format_row)), SM_IMAGE_PDF);
  choices->legend = gtk_switch_get_active (GTK_SWITCH (self->legend_switch));
  choices->title = gtk_switch_get_active (GTK_SWITCH (self->title_switch));
  choices->transparent = adw_combo_row_get_selected (ADW_COMBO_ROW (self->background_row)) == 1;
  choices->width = gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->width_spin));
  choices->page = MIN (adw_combo_row_get_selected (ADW_COMBO_ROW (self->page_row)), SM_PAGE_A3);
  choices->orientation = MIN (adw_combo_row_get_selected (ADW_COMBO_ROW (self->orientation_row)), SM_PAGE_LANDSCAPE);
  choices->tile = adw_combo_row_get_selected (ADW_COMBO_ROW (self->tile_row)) == 1;
  choices->margin = gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->margin_spin));
}

static void
set_choices (SmExportDialog        *self,
             const SmExportChoices *choices)
{
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->format_row), choices->format);
  gtk_switch_set_active (GTK_SWITCH (self->legend_switch), choices->legend);
  gtk_switch_set_active (GTK_SWITCH (self->title_switch), choices->title);
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->background_row), choices->transparent ? 1 : 0);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->width_spin), choices->width);
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->page_row), choices->page);
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->orientation_row), choices->orientation);
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->tile_row), choices->tile ? 1 : 0);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->margin_spin), choices->margin);
}

/* The options of the picture the dialog shows; they point into @self and
 * live as long as its choices stay as they are. */
static void
get_options (SmExportDialog  *self,
             SmExportOptions *options,
             SmImageOptions  *image,
             SmImageFormat   *format)
{
  SmExportChoices choices;
  guint           view = adw_combo_row_get_selected (ADW_COMBO_ROW (self->view_row));

  get_choices (self, &choices);
  *format = choices.format;
  sm_export_choices_apply (&choices, image);
  image->view = view < self->views->len ? g_ptr_array_index (self->views, view) : NULL;
  image->marks = self->marks;
  if (self->compare != NULL && gtk_switch_get_active (GTK_SWITCH (self->compare_switch)))
    image->compare_with = self->compare;
  if (self->selection != NULL && gtk_check_button_get_active (GTK_CHECK_BUTTON (self->selection_check)))
    image->selection = (const char *const *) self->selection;
  options->names = _sm_export_names_from_position (adw_combo_row_get_selected (ADW_COMBO_ROW (self->names_row)));
  options->image = image;
}

static void
page_points (SmExportDialog *self,
             double         *width,
             double         *height)
{
  SmExportChoices choices;

  get_choices (self, &choices);
  sm_page_size_get_points (choices.page, sm_image_is_landscape (self->image), width, height);
}

/* Makes the picture again for the choices on screen, and says what it
 * will be under the preview. */
static void
update (SmExportDialog *self)
{
  SmExportOptions options = SM_EXPORT_OPTIONS_INIT;
  SmImageOptions  image = SM_IMAGE_OPTIONS_INIT;
  SmImageFormat   format;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) caption = g_string_new (NULL);
  gboolean ok = FALSE;

  if (self->building)
    return;
  get_options (self, &options, &image, &format);
  gtk_widget_set_visible (self->image_group, format != SM_IMAGE_PDF);
  gtk_widget_set_visible (self->width_row, format == SM_IMAGE_PNG);
  gtk_widget_set_visible (self->page_group, format == SM_IMAGE_PDF);

  g_clear_pointer (&self->image, sm_image_free);
  self->image = sm_image_new (sm_document_get_map (self->document), &options, &error);
  if (self->image != NULL && format == SM_IMAGE_PDF)
    {
      double width, height;
      guint  n;

      page_points (self, &width, &height);
      n = sm_image_get_n_pages (self->image, width, height);
      if (n == 0)
        /* Translators: %d is the most pages a printed map may take */
        g_string_append_printf (caption,
                                g_dngettext (GETTEXT_PACKAGE,
                                             "The map would take more than %d page at full size; fit it to one "
                                             "page instead.",
                                             "The map would take more than %d pages at full size; fit it to one "
                                             "page instead.",
                                             SM_IMAGE_MAX_PAGES),
                                SM_IMAGE_MAX_PAGES);
      else
        {
          /* TRANSLATORS: under the preview of a PDF */
          g_string_append_printf (caption, g_dngettext (GETTEXT_PACKAGE, "Page 1 of %u", "Page 1 of %u", n), n);
          ok = TRUE;
        }
    }
  else if (self->image != NULL)
    {
      double width, height;

      if (sm_image_get_size (self->image, &width, &height, &error))
        {
          /* TRANSLATORS: the size of the picture, under its preview */
          g_string_append_printf (caption, _ ("%.0f × %.0f pixels"), ceil (width), ceil (height));
          ok = TRUE;
        }
      else
        g_string_append (caption, error->message);
    }
  else
    g_string_append (caption, error->message);

  if (ok && options.names == SM_EXPORT_NAMES_NONE)
    {
      guint n = sm_image_get_n_hidden (self->image);

      g_string_append (caption, " · ");
      /* TRANSLATORS: under the preview, with Names set to Organisations only */
      g_string_append_printf (caption,
                              g_dngettext (GETTEXT_PACKAGE,
                                           "%u person shown as “Participant N”: only organisations named",
                                           "%u people shown as “Participant N”: only organisations named", n),
                              n);
    }
  else if (ok && options.names == SM_EXPORT_NAMES_CONSENT && sm_image_get_n_hidden (self->image) > 0)
    {
      guint n = sm_image_get_n_hidden (self->image);

      g_string_append (caption, " · ");
      g_string_append_printf (caption,
                              g_dngettext (GETTEXT_PACKAGE, "%u person shown as “Participant N”",
                                           "%u people shown as “Participant N”", n),
                              n);
    }
  else if (ok && options.names == SM_EXPORT_NAMES_ALL)
    {
      g_string_append (caption, " · ");
      g_string_append (caption, _ ("Everyone by name: for the group only"));
    }
  gtk_label_set_text (GTK_LABEL (self->caption), caption->str);
  gtk_widget_set_sensitive (self->export_button, ok);
  gtk_widget_queue_draw (self->preview);
}

/* The Names row lists all names before organisations only, so that a
 * choice's position stays what it was before the third came. */
SmExportNames
_sm_export_names_from_position (guint position)
{
  switch (position)
    {
    case 1:
      return SM_EXPORT_NAMES_ALL;
    case 2:
      return SM_EXPORT_NAMES_NONE;
    default:
      return SM_EXPORT_NAMES_CONSENT;
    }
}

guint
_sm_export_names_to_position (SmExportNames names)
{
  switch (names)
    {
    case SM_EXPORT_NAMES_ALL:
      return 1;
    case SM_EXPORT_NAMES_NONE:
      return 2;
    case SM_EXPORT_NAMES_CONSENT:
    default:
      return 0;
    }
}

/* The preview */

static void
draw_checks (cairo_t *cr,
             double   width,
             double   height)
{
  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0.8, 0.8, 0.8);
  for (int y = 0; y * 8 < height; y++)
    for (int x = y % 2; x * 8 < width; x += 2)
      cairo_rectangle (cr, x * 8, y * 8, 8, 8);
  cairo_fill (cr);
  cairo_restore (cr);
}

static void
draw_preview (SmExportDialog *self,
              cairo_t        *cr,
              int             area_width,
              int             area_height)
{
  SmExportChoices choices;
  double          width, height, scale;
  const double    border = 8;

  if (self->image == NULL)
    return;
  get_choices (self, &choices);
  if (choices.format == SM_IMAGE_PDF)
    page_points (self, &width, &height);
  else if (!sm_image_get_size (self->image, &width, &height, NULL))
    return;
  if (width <= 0 || height <= 0 || area_width <= 2 * border || area_height <= 2 * border)
    return;

  scale = MIN ((area_width - 2 * border) / width, (area_height - 2 * border) / height);
  cairo_save (cr);
  cairo_translate (cr, round ((area_width - width * scale) / 2), round ((area_height - height * scale) / 2));

  /* The sheet, with a shadow to lift it off the dialog. */
  cairo_set_source_rgba (cr, 0, 0, 0, 0.25);
  cairo_rectangle (cr, 2, 3, width * scale, height * scale);
  cairo_fill (cr);
  if (choices.format != SM_IMAGE_PDF && choices.transparent)
    draw_checks (cr, width * scale, height * scale);
  else
    {
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_rectangle (cr, 0, 0, width * scale, height * scale);
      cairo_fill (cr);
    }

  cairo_rectangle (cr, 0, 0, width * scale, height * scale);
  cairo_clip (cr);
  cairo_scale (cr, scale, scale);
  if (choices.format == SM_IMAGE_PDF)
    {
      if (sm_image_get_n_pages (self->image, width, height) > 0)
        sm_image_draw_page (self->image, cr, 0, width, height);
    }
  else
    sm_image_draw (self->image, cr);
  cairo_restore (cr);
}

static void
preview_draw_cb (GtkDrawingArea *area,
                 cairo_t        *cr,
                 int             width,
                 int             height,
                 gpointer        user_data)
{
  draw_preview (SM_EXPORT_DIALOG (user_data), cr, width, height);
}

/* Writing the file */

static gboolean
export_to (SmExportDialog *self,
           GFile          *file,
           GError        **error)
{
  SmExportOptions   options = SM_EXPORT_OPTIONS_INIT;
  SmImageOptions    image = SM_IMAGE_OPTIONS_INIT;
  SmImageFormat     format, typed;
  g_autofree char  *name = g_file_get_basename (file);
  const SmExporter *exporter;

  get_options (self, &options, &image, &format);
  /* An ending the user typed decides the kind of file. */
  if (sm_image_format_from_path (name, &typed) && typed != format)
    {
      SmExportChoices choices;

      get_choices (self, &choices);
      choices.format = format = typed;
      sm_export_choices_apply (&choices, &image);
    }
  exporter = sm_exporter_lookup (format_ids[format]);
  g_assert (exporter != NULL);
  return sm_exporter_write_file (exporter, sm_document_get_map (self->document), &options, file, NULL, NULL, NULL,
                                 error);
}

static void
export_response_cb (GtkNativeDialog *chooser,
                    int              response,
                    SmExportDialog  *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) chosen = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *name = g_file_get_basename (chosen);
      g_autoptr(GFile) file = NULL;
      g_autoptr(GError) error = NULL;
      SmExportChoices choices;

      get_choices (self, &choices);
      /* People type a name; the file still needs its ending to open. */
      if (sm_image_format_from_path (name, NULL))
        file = g_object_ref (chosen);
      else
        {
          g_autoptr(GFile) parent = g_file_get_parent (chosen);
          g_autofree char *full = g_strconcat (name, ".", format_ids[choices.format], NULL);

          file = g_file_get_child (parent, full);
        }
      g_free (name);
      name = g_file_get_basename (file);
      if (!export_to (self, file, &error))
        {
          g_autofree char *heading = g_strdup_printf (_ ("Could Not Export “%s”"), name);
          GtkWidget       *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, error->message);

          adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _ ("_Close"));
          gtk_window_present (GTK_WINDOW (dialog));
        }
      else
        {
          g_autofree char *text = g_strdup_printf (_ ("Image exported as “%s”"), name);

          if (self->window != NULL)
            sm_window_show_toast (self->window, text);
          gtk_window_destroy (GTK_WINDOW (self));
        }
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
export_clicked_cb (SmExportDialog *self)
{
  GtkFileChooserNative *chooser;
  SmExportChoices       choices;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  const SmExporter *exporter;
  g_autofree char  *name = NULL;
  g_autofree char  *pattern = NULL;
  GFile            *file = sm_document_get_file (self->document);
  guint             view = adw_combo_row_get_selected (ADW_COMBO_ROW (self->view_row));

  if (self->image == NULL)
    return;
  get_choices (self, &choices);
  sm_export_choices_save (&choices);
  exporter = sm_exporter_lookup (format_ids[choices.format]);
  name = sm_export_propose_name (self->document, view < self->views->len ? g_ptr_array_index (self->views, view) : NULL,
                                 choices.format);

  chooser = gtk_file_chooser_native_new (_ ("Export Image"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _ ("_Export"), _ ("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (filter, sm_exporter_get_label (exporter));
  pattern = g_strdup_printf ("*.%s", format_ids[choices.format]);
  gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_filter_add_mime_type (filter, exporter->mime_type);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  if (file != NULL)
    {
      g_autoptr(GFile) folder = g_file_get_parent (file);

      if (folder != NULL)
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
    }
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (export_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Test hooks */

char *
_sm_export_dialog_test_dup_proposed_name (SmExportDialog *self)
{
  SmExportChoices choices;
  guint           view = adw_combo_row_get_selected (ADW_COMBO_ROW (self->view_row));

  get_choices (self, &choices);
  return sm_export_propose_name (self->document, view < self->views->len ? g_ptr_array_index (self->views, view) : NULL,
                                 choices.format);
}

/* Export as the button and the file chooser would, to @file. */
gboolean
_sm_export_dialog_test_export_to (SmExportDialog *self,
                                  GFile          *file,
                                  GError        **error)
{
  SmExportChoices choices;

  get_choices (self, &choices);
  sm_export_choices_save (&choices);
  return export_to (self, file, error);
}

cairo_surface_t *
_sm_export_dialog_test_draw_preview (SmExportDialog *self,
                                     int             width,
                                     int             height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t         *cr = cairo_create (surface);

  draw_preview (self, cr, width, height);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

const char *
_sm_export_dialog_test_get_caption (SmExportDialog *self)
{
  return gtk_label_get_text (GTK_LABEL (self->caption));
}

/* The object */

static void
sm_export_dialog_dispose (GObject *object)
{
  SmExportDialog *self = SM_EXPORT_DIALOG (object);

  g_clear_pointer (&self->image, sm_image_free);
  g_clear_object (&self->document);
  g_clear_pointer (&self->marks, g_hash_table_unref);
  g_clear_object (&self->compare);
  g_clear_pointer (&self->views, g_ptr_array_unref);
  g_clear_pointer (&self->selection, g_strfreev);
  g_clear_weak_pointer (&self->window);
  gtk_widget_dispose_template (GTK_WIDGET (self), SM_TYPE_EXPORT_DIALOG);
  G_OBJECT_CLASS (sm_export_dialog_parent_class)->dispose (object);
}

static void
sm_export_dialog_map (GtkWidget *widget)
{
  SmExportDialog *self = SM_EXPORT_DIALOG (widget);

  GTK_WIDGET_CLASS (sm_export_dialog_parent_class)->map (widget);
  /* The choices are usually right as they were left: Enter exports. */
  gtk_widget_grab_focus (self->export_button);
}

static void
sm_export_dialog_class_init (SmExportDialogClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sm_export_dialog_dispose;
  widget_class->map = sm_export_dialog_map;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/stakemap/Stakemap/sm-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SmExportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, SmExportDialog, view_row);
  gtk_widget_class_bind_template_child (widget_class, SmExportDialog, whole_check);
  gtk_widget_class_bind_template_child (widget_class, SmExportDialog, selection_row);
  gtk_widget_class_bind_template_child (widget_class, SmExportDialog, selection_check);
  gtk_widget_class_bind_template_child (widget_class, SmExportDialog, names_row);
  gtk_widget_class_bind_template_child (widget_class, SmExportDialog, legend_switch);
  gtk_widget_class_bind_template_child (widget_class, SmExportDialog, title_switch);
  gtk_widget_class_bind_template_child (widget_class, SmExportDialog, image_group);
  gtk_widget_class_bind_template_child (widget_class, SmExportDialog, background_row);
  gtk_widget_class_bind_template_child (widget_class, SmExportDialog, width_row);
  gtk_widget_class_bind_template_child (widget_class, SmExportDialog, width_spin);
  gtk_widget_class_bind_template_child (widget_class, SmExportDialog, page_group);
  gtk_widget_class_bind_template_child (widget_class, SmExportDialog, page_row);
  gtk_widget_class_bind_template_child (widget_class, SmExportDialog, orientation_row);
  gtk_widget_class_bind_template_child (widget_class, SmExportDialog, tile_row);
  gtk_widget_class_bind_template_child (widget_class, SmExportDialog, margin_spin);
  gtk_widget_class_bind_template_child (widget_class, SmExportDialog, export_button);
  gtk_widget_class_bind_template_child (widget_class, SmExportDialog, preview);
  gtk_widget_class_bind_template_child (widget_class, SmExportDialog, caption);
  gtk_widget_class_bind_template_callback (widget_class, export_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sm_export_dialog_init (SmExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->views = g_ptr_array_new ();
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->preview), preview_draw_cb, self, NULL);
}

static void
choice_changed_cb (SmExportDialog *self)
{
  update (self);
}

/**
 * sm_export_dialog_new:
 *
 * The Export Image dialog for @window's map, starting from the view the
 * window shows, its selection, and the choices of the last export.
 */
SmExportDialog *
sm_export_dialog_new (SmWindow *window)
{
  SmExportDialog *self;
  SmCanvas       *canvas;
  SmSelection    *selection;
  GHashTable     *marks;
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  const SmArrangementInfo *const *all;
  guint                           n = 0, shown = 0;
  SmExportChoices                 choices;

  g_return_val_if_fail (SM_IS_WINDOW (window), NULL);

  self = g_object_new (SM_TYPE_EXPORT_DIALOG, "transient-for", window, NULL);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (self), TRUE);
  g_set_weak_pointer (&self->window, window);
  self->document = g_object_ref (sm_window_get_document (window));
  canvas = SM_CANVAS (sm_window_get_canvas (window));
  marks = sm_canvas_get_marks (canvas);
  if (marks != NULL)
    self->marks = g_hash_table_ref (marks);

  all = sm_arrangements_get_all (&n);
  for (guint i = 0; i < n; i++)
    {
      const char      *id = sm_arrangement_info_get_id (all[i]);
      g_autofree char *label = g_strdup (sm_arrangement_info_get_label (all[i]));
      char            *out = label;

      for (const char *p = label; *p != '\0'; p++)
        if (*p != '_')
          *out++ = *p;
      *out = '\0';
      gtk_string_list_append (labels, label);
      g_ptr_array_add (self->views, (gpointer) id);
      if (g_strcmp0 (id, sm_canvas_get_arrangement (canvas)) == 0)
        shown = i;
    }
  adw_combo_row_set_model (ADW_COMBO_ROW (self->view_row), G_LIST_MODEL (labels));
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->view_row), shown);

  selection = sm_document_get_selection (self->document);
  if (sm_selection_get_size (selection) > 0)
    {
      const GPtrArray *ids = sm_selection_get_ids (selection);
      g_autofree char *subtitle = NULL;

      self->selection = g_new0 (char *, ids->len + 1);
      for (guint i = 0; i < ids->len; i++)
        self->selection[i] = g_strdup (g_ptr_array_index (ids, i));
      subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u item selected", "%u items selected", ids->len),
                                  ids->len);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->selection_row), subtitle);
    }
  else
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->selection_row), _ ("Nothing is selected"));
      gtk_widget_set_sensitive (self->selection_row, FALSE);
    }

  /* While comparing, the picture shows what the screen shows: the
   * changes since the other version, unless asked otherwise. */
  if (sm_window_get_compare_other (window) != NULL)
    {
      GtkWidget       *row = adw_action_row_new ();
      g_autofree char *title = g_strdup_printf (_ ("Mark changes since “%s”"), sm_window_get_compare_name (window));

      self->compare = g_object_ref (sm_window_get_compare_other (window));
      self->compare_switch = gtk_switch_new ();
      gtk_switch_set_active (GTK_SWITCH (self->compare_switch), TRUE);
      gtk_widget_set_valign (self->compare_switch, GTK_ALIGN_CENTER);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), self->compare_switch);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), self->compare_switch);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (gtk_widget_get_ancestor (self->names_row,
                                                                                 ADW_TYPE_PREFERENCES_GROUP)),
                                 row);
      g_signal_connect_swapped (self->compare_switch, "notify::active", G_CALLBACK (choice_changed_cb), self);
    }

  self->building = TRUE;
  sm_export_choices_load (&choices);
  set_choices (self, &choices);
  /* The names policy of Preferences: never all names. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->names_row),
                              _sm_export_names_to_position (sm_preferences_get_export_names ()));
  self->building = FALSE;

  g_signal_connect_swapped (self->format_row, "notify::selected", G_CALLBACK (choice_changed_cb), self);
  g_signal_connect_swapped (self->view_row, "notify::selected", G_CALLBACK (choice_changed_cb), self);
  g_signal_connect_swapped (self->names_row, "notify::selected", G_CALLBACK (choice_changed_cb), self);
  g_signal_connect_swapped (self->background_row, "notify::selected", G_CALLBACK (choice_changed_cb), self);
  g_signal_connect_swapped (self->page_row, "notify::selected", G_CALLBACK (choice_changed_cb), self);
  g_signal_connect_swapped (self->orientation_row, "notify::selected", G_CALLBACK (choice_changed_cb), self);
  g_signal_connect_swapped (self->tile_row, "notify::selected", G_CALLBACK (choice_changed_cb), self);
  g_signal_connect_swapped (self->margin_spin, "value-changed", G_CALLBACK (choice_changed_cb), self);
  g_signal_connect_swapped (self->selection_check, "toggled", G_CALLBACK (choice_changed_cb), self);
  g_signal_connect_swapped (self->legend_switch, "notify::active", G_CALLBACK (choice_changed_cb), self);
  g_signal_connect_swapped (self->title_switch, "notify::active", G_CALLBACK (choice_changed_cb), self);
  g_signal_connect_swapped (self->width_spin, "value-changed", G_CALLBACK (choice_changed_cb), self);
  update (self);
  return self;
}
