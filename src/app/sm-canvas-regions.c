/* sm-canvas-regions.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Regions on the map: adding one around the selected stakeholders (or on
 * empty ground) and typing its label in place, in the entry stakeholders
 * are named in; adding rings; resizing a selected region by the handle at
 * its bottom-right corner. A new region joins the map only when its label
 * is confirmed, so adding it and naming it are one undo step. Selecting,
 * moving, nudging and deleting regions go the way stakeholders and notes
 * do, in sm-canvas-input.c; moving a region never moves the stakeholders
 * in it. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "sm-canvas-private.h"
#include "sm-command.h"
#include "sm-region-command.h"

#define REGION_ENTRY_MIN_PX 160
#define REGION_ENTRY_MAX_PX 320
#define REGION_LABEL_PAD 8.0 /* map units, as the renderer puts the label */
#define REGION_MIN_SIZE 40.0 /* map units: a region is never resized smaller */
#define HANDLE_SLACK_PX 3.0  /* around the handle, still a hit */

gboolean
_sm_canvas_is_editing_region (SmCanvas *self)
{
  return self->region_pending != NULL || self->region_editing_id != NULL;
}

static void
begin_region_editing (SmCanvas   *self,
                      const char *text)
{
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->entry), _ ("Label"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _ ("Region label"), -1);
  gtk_editable_set_text (GTK_EDITABLE (self->entry), text);
  gtk_widget_set_visible (self->entry, TRUE);
  _sm_canvas_update_hint (self);
  gtk_widget_grab_focus (self->entry);
  gtk_editable_select_region (GTK_EDITABLE (self->entry), 0, -1);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Starts a new region around the selected stakeholders, or with none
 * selected a region of a usual size centred on map point (x, y); its
 * label, "Region" to begin with, is typed at once. */
void
_sm_canvas_begin_new_region (SmCanvas *self,
                             double    x,
                             double    y)
{
  g_autoptr(GPtrArray) people = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autoptr(JsonObject) data = NULL;
  g_autofree SmLayoutBox *boxes = NULL;
  double                  cx, cy;

  if (!_sm_canvas_can_place (self))
    return;
  if (_sm_canvas_is_editing (self))
    _sm_canvas_stop_editing (self, TRUE, FALSE);

  people = sm_selection_dup_records (self->selection, SM_RECORD_STAKEHOLDER);
  for (guint i = 0; i < people->len; i++)
    g_ptr_array_add (ids, (gpointer) sm_record_get_id (g_ptr_array_index (people, i)));
  boxes = sm_renderer_dup_layout_boxes (self->renderer);
  data = sm_region_dup_data_around (self->map, ids, boxes, round (x), round (y), _ ("Region"));
  self->region_pending = sm_record_new (SM_RECORD_REGION, data);
  sm_region_get_rect (self->region_pending, &cx, &cy, NULL, NULL);
  _sm_canvas_ensure_visible (self, cx, cy, 120);
  begin_region_editing (self, _ ("Region"));
}

void
_sm_canvas_begin_region_edit (SmCanvas *self,
                              SmRecord *region)
{
  const char *label;

  if (!_sm_canvas_can_place (self) || region == NULL)
    return;
  if (_sm_canvas_is_editing (self))
    _sm_canvas_stop_editing (self, TRUE, FALSE);

  label = sm_record_get_string (region, "label");
  self->region_editing_id = g_strdup (sm_record_get_id (region));
  sm_selection_select_only (self->selection, self->region_editing_id);
  begin_region_editing (self, label != NULL ? label : "");
}

/* Ends typing a label: @commit adds the new region with it (an empty label
 * keeps "Region"), or renames the one edited (an empty label changes
 * nothing), as one step. */
void
_sm_canvas_stop_region_editing (SmCanvas *self,
                                gboolean  commit)
{
  g_autoptr(SmRecord) pending = NULL;
  g_autofree char *editing_id = NULL;
  g_autofree char *text = NULL;

  if (!_sm_canvas_is_editing_region (self))
    return;

  /* Leave the editing state first: moving the focus below ends up here
   * again through the entry's focus-leave handler. */
  pending = g_steal_pointer (&self->region_pending);
  editing_id = g_steal_pointer (&self->region_editing_id);
  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entry))));

  if (commit && !_sm_canvas_is_read_only (self))
    {
      if (pending != NULL)
        {
          g_autoptr(JsonObject) data = sm_record_dup_data (pending);
          g_autofree char *id = sm_map_make_id (self->map, SM_RECORD_REGION);

          json_object_set_string_member (data, "id", id);
          json_object_set_string_member (data, "label", *text != '\0' ? text : _ ("Region"));
          sm_history_break_merge (sm_document_get_history (self->document));
          sm_document_push (self->document, sm_command_new_add (self->map, SM_RECORD_REGION, data));
          sm_selection_select_only (self->selection, id);
        }
      else
        {
          SmRecord *region = sm_map_lookup_kind (self->map, SM_RECORD_REGION, editing_id);

          if (region != NULL && *text != '\0' && g_strcmp0 (sm_record_get_string (region, "label"), text) != 0)
            {
              SmCommand *group = sm_command_new_group (_ ("Rename Region"));

              sm_command_group_add (group, sm_command_new_set_string (region, "label", text));
              sm_history_break_merge (sm_document_get_history (self->document));
              sm_document_push (self->document, group);
              sm_history_break_merge (sm_document_get_history (self->document));
            }
        }
    }

  gtk_entry_set_placeholder_text (GTK_ENTRY (self->entry), _ ("Name"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _ ("Stakeholder name"), -1);
  if (gtk_widget_has_focus (self->entry) || gtk_widget_get_focus_child (GTK_WIDGET (self)) == self->entry)
    gtk_widget_grab_focus (GTK_WIDGET (self));
  gtk_widget_set_visible (self->entry, FALSE);
  _sm_canvas_update_hint (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static SmRecord *
editing_region (SmCanvas *self)
{
  if (self->region_pending != NULL)
    return self->region_pending;
  if (self->region_editing_id != NULL)
    return sm_map_lookup_kind (self->map, SM_RECORD_REGION, self->region_editing_id);
  return NULL;
}

/* Puts the entry where the region's label is drawn: inside at the top, at
 * the left of a rectangle and in the middle of an ellipse. */
void
_sm_canvas_allocate_region_entry (SmCanvas *self)
{
  SmRecord *region = editing_region (self);
  double    cx, cy, w, h, left, top;
  int       min_w, nat_w, min_h, nat_h, width, height;

  if (region == NULL || !gtk_widget_get_visible (self->entry))
    return;
  sm_region_get_rect (region, &cx, &cy, &w, &h);
  gtk_widget_measure (self->entry, GTK_ORIENTATION_HORIZONTAL, -1, &min_w, &nat_w, NULL, NULL);
  width = (int) CLAMP (w * self->scale - 2 * REGION_LABEL_PAD * self->scale, REGION_ENTRY_MIN_PX,
                       REGION_ENTRY_MAX_PX);
  width = MAX (width, min_w);
  gtk_widget_measure (self->entry, GTK_ORIENTATION_VERTICAL, width, &min_h, &nat_h, NULL, NULL);
  height = MAX (min_h, nat_h);
  top = (cy - h / 2 + REGION_LABEL_PAD - self->view_y) * self->scale;
  if (sm_region_is_ellipse (region))
    {
      top += MIN (h * 0.04, 40.0) * self->scale;
      left = (cx - self->view_x) * self->scale - width / 2.0;
    }
  else
    left = (cx - w / 2 + REGION_LABEL_PAD - self->view_x) * self->scale;
  gtk_widget_size_allocate (self->entry,
                            &(GtkAllocation) {
                              .x = (int) round (left),
                              .y = (int) round (top),
                              .width = width,
                              .height = height },
                            -1);
}

static void
draft_path (SmCanvas *self,
            cairo_t  *cr,
            gboolean  ellipse,
            double    x,
            double    y,
            double    w,
            double    h)
{
  x = (x - self->view_x) * self->scale;
  y = (y - self->view_y) * self->scale;
  w *= self->scale;
  h *= self->scale;
  cairo_new_path (cr);
  if (ellipse && w > 0 && h > 0)
    {
      cairo_save (cr);
      cairo_translate (cr, x + w / 2, y + h / 2);
      cairo_scale (cr, w / 2, h / 2);
      cairo_arc (cr, 0, 0, 1, 0, 2 * G_PI);
      cairo_restore (cr);
    }
  else
    cairo_rectangle (cr, x, y, w, h);
}

/* Where a region not yet in the map will be, and the size a region being
 * resized will take: a dashed outline, in widget pixels. */
void
_sm_canvas_draw_region_drafts (SmCanvas *self,
                               cairo_t  *cr)
{
  double dashes[] = { 6, 4 };
  double cx, cy, w, h;

  if (self->region_pending != NULL)
    {
      sm_region_get_rect (self->region_pending, &cx, &cy, &w, &h);
      draft_path (self, cr, FALSE, cx - w / 2, cy - h / 2, w, h);
    }
  else if (self->mode == DRAG_RESIZE && self->press_hit != NULL)
    {
      sm_region_get_rect (self->press_hit, &cx, &cy, &w, &h);
      draft_path (self, cr, sm_region_is_ellipse (self->press_hit), cx - w / 2, cy - h / 2, self->resize_width,
                  self->resize_height);
    }
  else
    return;
  /* The Adwaita accent blue, as for a stakeholder being named. */
  cairo_set_source_rgb (cr, 0.21, 0.52, 0.89);
  cairo_set_line_width (cr, 2);
  cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
}

/* The selected region whose resize handle is at widget point (x, y). */
SmRecord *
_sm_canvas_hit_region_handle (SmCanvas *self,
                              double    x,
                              double    y)
{
  g_autoptr(GPtrArray) regions = NULL;
  double reach = SM_RENDER_REGION_HANDLE_PX / 2 + HANDLE_SLACK_PX;

  if (sm_renderer_get_arrangement (self->renderer) != SM_ARRANGEMENT_MAP)
    return NULL;
  regions = sm_selection_dup_records (self->selection, SM_RECORD_REGION);
  for (guint i = regions->len; i-- > 0;)
    {
      SmRecord *region = g_ptr_array_index (regions, i);
      double    rx, ry, rw, rh, hx, hy;

      if (!sm_renderer_get_map_region_rect (self->renderer, region, &rx, &ry, &rw, &rh))
        continue;
      hx = (rx + rw - self->view_x) * self->scale;
      hy = (ry + rh - self->view_y) * self->scale;
      if (fabs (x - hx) <= reach && fabs (y - hy) <= reach)
        return region;
    }
  return NULL;
}

/* The handle of the region being resized is at widget point (x, y): its
 * top-left corner stays where it is. */
void
_sm_canvas_update_resize (SmCanvas *self,
                          double    x,
                          double    y)
{
  double mx, my, cx, cy, w, h;

  if (self->press_hit == NULL)
    return;
  _sm_canvas_widget_to_map (self, x, y, &mx, &my);
  sm_region_get_rect (self->press_hit, &cx, &cy, &w, &h);
  self->resize_width = round (MAX (REGION_MIN_SIZE, mx - (cx - w / 2)));
  self->resize_height = round (MAX (REGION_MIN_SIZE, my - (cy - h / 2)));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The drag on the handle ends: one step, "Resize Region". */
void
_sm_canvas_finish_resize (SmCanvas *self)
{
  SmRecord  *region = self->press_hit;
  SmCommand *command;
  double     cx, cy, w, h;

  if (region == NULL || sm_record_get_map (region) != self->map || _sm_canvas_is_read_only (self))
    return;
  sm_region_get_rect (region, &cx, &cy, &w, &h);
  if (self->resize_width == w && self->resize_height == h)
    return;
  command = sm_region_command_new_set_rect (region,
                                            round (cx - w / 2 + self->resize_width / 2),
                                            round (cy - h / 2 + self->resize_height / 2),
                                            self->resize_width, self->resize_height);
  if (command == NULL)
    return;
  sm_history_break_merge (sm_document_get_history (self->document));
  sm_document_push (self->document, command);
  sm_history_break_merge (sm_document_get_history (self->document));
}
