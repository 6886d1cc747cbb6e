/* sm-arrangement-cube.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The Power Cube (WS-03, SP-03): a column per type of space, a row per
 * level, a card per space with its decisions and the people who have most
 * say there. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "sm-labels.h"
#include "sm-render-private.h"

/* The Power Cube: a column per type of space, a row per level, a card per
 * space in its cell with its decisions and the people who have the most
 * say there; beside it, strips for the people in no recorded space and the
 * decisions taken in none. */
#define CUBE_HEAD 80.0     /* the row of type names */
#define CUBE_ROW_HEAD 40.0 /* a level's name, across the top of its row */
#define CUBE_CELL_PAD 12.0
#define CUBE_CARD_GAP 16.0
#define CUBE_CARD_PAD 12.0
#define CUBE_CARD_RADIUS 12.0
#define CUBE_SLOT 160.0   /* the width a stakeholder and its name take */
#define CUBE_LINE_GAP 8.0 /* between lines of stakeholders */
#define CUBE_MIN_SLOTS 2  /* room for a card's words */
#define CUBE_EMPTY_COLUMN 300.0
#define CUBE_EMPTY_ROW 140.0 /* with no space recorded */
#define CUBE_STRIP_HEADER 56.0
#define CARD_NAME_FONT_SIZE 22.0
#define CARD_FONT_SIZE 15.0
#define CUBE_TYPE_UNKNOWN G_N_ELEMENTS (cube_types)
#define CUBE_LEVEL_UNKNOWN G_N_ELEMENTS (cube_levels)

static void
cube_item_free (gpointer data)
{
  CubeItem *item = data;

  g_free (item->id);
  g_free (item->text);
  g_free (item->detail);
  g_free (item->members);
  g_free (item->votes);
  g_clear_pointer (&item->nodes, g_ptr_array_unref);
  g_clear_pointer (&item->decisions, g_ptr_array_unref);
  g_free (item);
}

static void
cube_clear (Cube *cube)
{
  g_clear_pointer (&cube->unplaced, g_ptr_array_unref);
  g_clear_pointer (&cube->cards, g_ptr_array_unref);
  g_clear_pointer (&cube->decisions, g_ptr_array_unref);
  memset (cube, 0, sizeof *cube);
}

/* The Power Cube (S7): a column per type of space and a row per level. */
static const char *const cube_types[] = { "closed", "invited", "claimed" };

static const char *const cube_levels[] = { "global", "national", "regional", "local", "neighbourhood" };

static guint
enum_index (const char        *value,
            const char *const *values,
            guint              n)
{
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (value, values[i]) == 0)
      return i;
  return n;
}

/* How much say a space gives, from none to a veto. Rights not recorded
 * rank below any recorded: a known seat at a table is the surer place. */
static guint
rights_rank (const char *rights)
{
  static const char *const order[] = { "none", "advise", "recommend", "decide", "veto" };
  guint                    i = enum_index (rights, order, G_N_ELEMENTS (order));

  return i < G_N_ELEMENTS (order) ? i + 1 : 0;
}

/* A seat with a vote, as SP-03 counts them: chairs vote. */
static gboolean
role_votes (const char *role)
{
  return g_strcmp0 (role, "voting") == 0 || g_strcmp0 (role, "chair") == 0 ||
         g_strcmp0 (role, "co_chair") == 0;
}

/* "• Budget for 2027 — made" in @line's width, on up to two lines; a long
 * title loses its middle to an ellipsis, so that the status at the end
 * always shows. */
static void
layout_set_decision (SmRenderer *self,
                     CubeItem   *line)
{
  /* TRANSLATORS: a decision in the Power Cube: its title and its status, as in "• Budget for 2027 — made" */
  g_autofree char *text = g_strdup_printf (_ ("• %s — %s"), line->text, line->detail);

  _sm_render_layout_set_text (self, text, CARD_FONT_SIZE, FALSE, line->width, 2, PANGO_ALIGN_LEFT);
  pango_layout_set_ellipsize (self->layout, PANGO_ELLIPSIZE_MIDDLE);
}

static double
cube_measure_decision (SmRenderer *self,
                       CubeItem   *line,
                       double      width)
{
  line->width = width;
  layout_set_decision (self, line);
  _sm_render_layout_get_size (self, NULL, &line->height);
  return line->height;
}

/* How many stakeholders go on a line of a card: a little more than there
 * are lines, so that cards stay narrow enough for the cube to fit a
 * screen with names still drawn. */
static guint
cube_per_line (guint n)
{
  guint lines;

  if (n == 0)
    return 0;
  lines = MAX (1, (guint) round (sqrt (n / 1.5)));
  return (n + lines - 1) / lines;
}

/* Sets @nodes out in lines of @per_line slots, the block centred in
 * @width, from (x, y); each line is as tall as its tallest stakeholder and
 * name. Returns the height taken. */
static double
cube_place_nodes (SmRenderer *self,
                  GPtrArray  *nodes,
                  guint       per_line,
                  double      x,
                  double      y,
                  double      width)
{
  double left = x + (width - per_line * CUBE_SLOT) / 2;
  double top = y;

  for (guint start = 0; start < nodes->len; start += per_line)
    {
      guint  end = MIN (start + per_line, nodes->len);
      double above = 0, below = 0;

      for (guint k = start; k < end; k++)
        {
          Node *node = g_ptr_array_index (nodes, k);

          above = MAX (above, _sm_render_node_extent (node));
          below = MAX (below, _sm_render_node_below (self, node));
        }
      for (guint k = start; k < end; k++)
        {
          Node *node = g_ptr_array_index (nodes, k);

          node->x = left + (k - start + 0.5) * CUBE_SLOT;
          node->y = top + above;
          node->placed = TRUE;
        }
      top += above + below + CUBE_LINE_GAP;
    }
  return nodes->len > 0 ? top - y - CUBE_LINE_GAP : 0;
}

static void
cube_shift_nodes (GPtrArray *nodes,
                  double     dx,
                  double     dy)
{
  for (guint i = 0; i < nodes->len; i++)
    {
      Node *node = g_ptr_array_index (nodes, i);

      node->x += dx;
      node->y += dy;
    }
}

static CubeItem *
cube_card_new (SmRenderer *self,
               SmRecord   *space)
{
  CubeItem   *card = g_new0 (CubeItem, 1);
  const char *rights = sm_record_get_enum (space, "decision_rights");
  JsonNode   *members = sm_record_get_value (space, "members");
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) voters = g_hash_table_new (NULL, NULL);
  guint lived = 0, votes = 0, lived_votes = 0;

  card->id = g_strdup (sm_record_get_id (space));
  card->text = g_strdup (sm_record_get_label (space));
  card->column = enum_index (sm_record_get_enum (space, "type"), cube_types, CUBE_TYPE_UNKNOWN);
  card->row = enum_index (sm_record_get_enum (space, "level"), cube_levels, CUBE_LEVEL_UNKNOWN);
  if (rights_rank (rights) == 0)
    card->detail = g_strdup (_ ("Decision rights not recorded"));
  else
    card->detail = g_strdup_printf (_ ("Decision rights: %s"), sm_value_label (rights));
  card->nodes = g_ptr_array_new ();
  card->decisions = g_ptr_array_new ();

  /* Who sits here, each once, on the side the evaluation puts them. */
  if (members != NULL && JSON_NODE_HOLDS_ARRAY (members))
    {
      JsonArray *array = json_node_get_array (members);

      for (guint m = 0; m < json_array_get_length (array); m++)
        {
          JsonNode *element = json_array_get_element (array, m);
          Node     *node;
          gboolean  vote;

          if (!JSON_NODE_HOLDS_OBJECT (element))
            continue;
          node = _sm_render_lookup_node (self, json_object_get_string_member_with_default (
                                                 json_node_get_object (element), "stakeholder", NULL));
          if (node == NULL)
            continue;
          /* Listed twice, once with a vote: they have a vote. */
          vote = role_votes (json_object_get_string_member_with_default (json_node_get_object (element),
                                                                         "role", NULL));
          if (vote && g_hash_table_add (voters, node))
            {
              votes++;
              lived_votes += node->side == SM_SIDE_COMMUNITY;
            }
          if (g_hash_table_add (seen, node) && node->side == SM_SIDE_COMMUNITY)
            lived++;
        }
    }
  if (g_hash_table_size (seen) == 0)
    card->members = g_strdup (_ ("No members recorded"));
  else
    card->members = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                  "%u of %u member with lived experience",
                                                  "%u of %u members with lived experience",
                                                  g_hash_table_size (seen)),
                                     lived, g_hash_table_size (seen));
  /* The seats that decide, as SP-03 counts them (chairs vote). */
  if (votes > 0)
    card->votes = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "%u of %u vote with lived experience",
                                                "%u of %u votes with lived experience", votes),
                                   lived_votes, votes);
  return card;
}

/* The space where each stakeholder has the most say: the highest decision
 * rights, then a vote (chairs included) over none, then the first in the
 * file. Fills each card's nodes; returns those in no recorded space. */
static GPtrArray *
cube_seat_people (SmRenderer *self,
                  GPtrArray  *nodes,
                  GHashTable *cards)
{
  SmCollection *spaces = sm_map_get_collection (self->map, SM_RECORD_SPACE);
  g_autoptr(GHashTable) home = g_hash_table_new (NULL, NULL); /* Node → CubeItem */
  g_autoptr(GHashTable) rank = g_hash_table_new (NULL, NULL); /* Node → rank + 1 */
  GPtrArray *nowhere = g_ptr_array_new ();

  for (guint s = 0; s < sm_collection_get_size (spaces); s++)
    {
      SmRecord  *space = sm_collection_get (spaces, s);
      CubeItem  *card = g_hash_table_lookup (cards, sm_record_get_id (space));
      JsonNode  *members = sm_record_get_value (space, "members");
      guint      rights = rights_rank (sm_record_get_enum (space, "decision_rights"));
      JsonArray *array;

      if (card == NULL || members == NULL || !JSON_NODE_HOLDS_ARRAY (members))
        continue;
      array = json_node_get_array (members);
      for (guint m = 0; m < json_array_get_length (array); m++)
        {
          JsonNode   *element = json_array_get_element (array, m);
          JsonObject *member;
          Node       *node;
          guint       r;

          if (!JSON_NODE_HOLDS_OBJECT (element))
            continue;
          member = json_node_get_object (element);
          node = _sm_render_lookup_node (self, json_object_get_string_member_with_default (member, "stakeholder", NULL));
          if (node == NULL)
            continue;
          r = 1 + rights * 2 + role_votes (json_object_get_string_member_with_default (member, "role", NULL));
          /* Strictly more say: a tie stays with the earlier space. */
          if (r > GPOINTER_TO_UINT (g_hash_table_lookup (rank, node)))
            {
              g_hash_table_insert (rank, node, GUINT_TO_POINTER (r));
              g_hash_table_insert (home, node, card);
            }
        }
    }

  for (guint i = 0; i < nodes->len; i++)
    {
      Node     *node = g_ptr_array_index (nodes, i);
      CubeItem *card = g_hash_table_lookup (home, node);

      g_ptr_array_add (card != NULL ? card->nodes : nowhere, node);
    }
  return nowhere;
}

static void
arrange_power_cube (SmRenderer *self,
                    GPtrArray  *nodes)
{
  Cube         *cube = &self->cube;
  SmCollection *spaces = sm_map_get_collection (self->map, SM_RECORD_SPACE);
  SmCollection *decisions = sm_map_get_collection (self->map, SM_RECORD_DECISION);
  g_autoptr(GHashTable) cards = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) nowhere = NULL;
  gboolean used_type[CUBE_TYPE_UNKNOWN + 1] = { FALSE };
  gboolean used_level[CUBE_LEVEL_UNKNOWN + 1] = { FALSE };
  guint    column_of[CUBE_TYPE_UNKNOWN + 1], row_of[CUBE_LEVEL_UNKNOWN + 1];
  double   column_width[CUBE_TYPE_UNKNOWN + 1], row_height[CUBE_LEVEL_UNKNOWN + 1];
  double   cell_height[CUBE_LEVEL_UNKNOWN + 1][CUBE_TYPE_UNKNOWN + 1] = { { 0 } };
  double   heading, right_height;
  guint    per_line;

  cube->cards = g_ptr_array_new_with_free_func (cube_item_free);
  cube->decisions = g_ptr_array_new_with_free_func (cube_item_free);
  cube->unplaced = g_ptr_array_new ();
  _sm_render_layout_set_text (self, "Ag", CARD_FONT_SIZE, FALSE, 0, 1, PANGO_ALIGN_LEFT);
  _sm_render_layout_get_size (self, NULL, &cube->line_height);

  for (guint s = 0; s < sm_collection_get_size (spaces); s++)
    {
      SmRecord *space = sm_collection_get (spaces, s);
      CubeItem *card = cube_card_new (self, space);

      g_ptr_array_add (cube->cards, card);
      if (card->id != NULL && !g_hash_table_contains (cards, card->id))
        g_hash_table_insert (cards, card->id, card);
      used_type[card->column] = TRUE;
      used_level[card->row] = TRUE;
    }
  cube->no_spaces = cube->cards->len == 0;

  for (guint d = 0; d < sm_collection_get_size (decisions); d++)
    {
      SmRecord   *decision = sm_collection_get (decisions, d);
      const char *status = sm_record_get_enum (decision, "status");
      const char *space_id = sm_record_get_string (decision, "space_id");
      CubeItem   *line = g_new0 (CubeItem, 1);
      CubeItem   *card = space_id != NULL ? g_hash_table_lookup (cards, space_id) : NULL;

      line->id = g_strdup (sm_record_get_id (decision));
      line->text = g_strdup (sm_record_get_label (decision));
      if (g_strcmp0 (status, "unknown") == 0)
        line->detail = g_strdup (_ ("status not recorded"));
      else
        line->detail = g_utf8_strdown (sm_value_label (status), -1);
      /* Arnstein's citizen control: the community decided alone. */
      if (sm_record_get_boolean (decision, "community_led") == SM_TRISTATE_TRUE)
        {
          g_autofree char *words = line->detail;

          line->detail = g_strdup_printf (_ ("%s, led by the community"), words);
        }
      g_ptr_array_add (cube->decisions, line);
      g_ptr_array_add (card != NULL ? card->decisions : cube->unplaced, line);
    }

  nowhere = cube_seat_people (self, nodes, cards);

  /* Columns: the three types always, "not recorded" when a space needs
   * it. Rows: only the levels that hold a space, so that the cards, not
   * empty bands, fill the screen; with no space at all, every level, so
   * that the empty cube still shows what it is for. */
  for (guint t = 0; t <= CUBE_TYPE_UNKNOWN; t++)
    if (t < CUBE_TYPE_UNKNOWN || used_type[t])
      {
        column_of[t] = cube->n_columns;
        cube->column_type[cube->n_columns++] = t;
        column_width[t] = CUBE_EMPTY_COLUMN;
      }
  for (guint l = 0; l <= CUBE_LEVEL_UNKNOWN; l++)
    if (used_level[l] || (cube->no_spaces && l < CUBE_LEVEL_UNKNOWN))
      {
        row_of[l] = cube->n_rows;
        cube->row_level[cube->n_rows++] = l;
        row_height[l] = CUBE_EMPTY_ROW;
      }

  /* Widths first (a column is as wide as its widest card), then each
   * card's height at that width, then the rows. */
  for (guint i = 0; i < cube->cards->len; i++)
    {
      CubeItem *card = g_ptr_array_index (cube->cards, i);
      guint     slots = MAX (cube_per_line (card->nodes->len), CUBE_MIN_SLOTS);

      column_width[card->column] = MAX (column_width[card->column],
                                        slots * CUBE_SLOT + 2 * (CUBE_CARD_PAD + CUBE_CELL_PAD));
    }
  for (guint i = 0; i < cube->cards->len; i++)
    {
      CubeItem *card = g_ptr_array_index (cube->cards, i);
      double    inner;

      card->width = column_width[card->column] - 2 * CUBE_CELL_PAD;
      inner = card->width - 2 * CUBE_CARD_PAD;
      _sm_render_layout_set_text (self, card->text, CARD_NAME_FONT_SIZE, TRUE, inner, 2, PANGO_ALIGN_LEFT);
      _sm_render_layout_get_size (self, NULL, &card->name_height);
      card->height = CUBE_CARD_PAD + card->name_height + (card->votes != NULL ? 3 : 2) * cube->line_height;
      for (guint d = 0; d < card->decisions->len; d++)
        {
          CubeItem *line = g_ptr_array_index (card->decisions, d);

          line->x = CUBE_CARD_PAD;
          line->y = card->height + (d == 0 ? 6 : 2);
          card->height = line->y + cube_measure_decision (self, line, inner);
        }
      if (card->nodes->len > 0)
        card->height += CUBE_LINE_GAP +
                        cube_place_nodes (self, card->nodes, cube_per_line (card->nodes->len),
                                          CUBE_CARD_PAD, card->height + CUBE_LINE_GAP, inner);
      card->height += CUBE_CARD_PAD;

      cell_height[card->row][card->column] += (cell_height[card->row][card->column] > 0 ? CUBE_CARD_GAP : 0) +
                                              card->height;
      row_height[card->row] = MAX (row_height[card->row],
                                   CUBE_ROW_HEAD + cell_height[card->row][card->column] + 2 * CUBE_CELL_PAD);
    }

  cube->column_x[0] = 0;
  for (guint c = 0; c < cube->n_columns; c++)
    cube->column_x[c + 1] = cube->column_x[c] + column_width[cube->column_type[c]];
  cube->row_y[0] = CUBE_HEAD;
  for (guint r = 0; r < cube->n_rows; r++)
    cube->row_y[r + 1] = cube->row_y[r] + row_height[cube->row_level[r]];
  cube->width = cube->column_x[cube->n_columns];
  cube->height = cube->row_y[cube->n_rows];

  /* Cards down their cells, in file order; their people and decisions
   * with them. */
  memset (cell_height, 0, sizeof cell_height);
  for (guint i = 0; i < cube->cards->len; i++)
    {
      CubeItem *card = g_ptr_array_index (cube->cards, i);
      double   *stack = &cell_height[card->row][card->column];

      card->x = cube->column_x[column_of[card->column]] + CUBE_CELL_PAD;
      card->y = cube->row_y[row_of[card->row]] + CUBE_ROW_HEAD + CUBE_CELL_PAD + *stack;
      *stack += card->height + CUBE_CARD_GAP;
      cube_shift_nodes (card->nodes, card->x, card->y);
      for (guint d = 0; d < card->decisions->len; d++)
        {
          CubeItem *line = g_ptr_array_index (card->decisions, d);

          line->x += card->x;
          line->y += card->y;
        }
    }

  /* Beside the cube: the people in no recorded space (whom WS-03 lists),
   * on as few lines as keep the strip no taller than the cube; below
   * them, the decisions placed in no space. */
  cube->strip_x = cube->width + STRIP_GAP;
  cube->strip_y = 0;
  per_line = CUBE_MIN_SLOTS;
  if (nowhere->len > 0)
    {
      /* About as many lines as a cube's height holds of the largest
       * stakeholders and their names; many more people make a block. */
      guint lines = MAX ((guint) ((cube->height - CUBE_STRIP_HEADER) / (2 * RADIUS_MAX + 40)),
                         (guint) round (sqrt (nowhere->len / 2.0)));

      lines = MAX (lines, 1);
      per_line = MAX (per_line, (nowhere->len + lines - 1) / lines);
    }
  cube->strip_width = per_line * CUBE_SLOT + 2 * CUBE_CARD_PAD;
  _sm_render_layout_set_text (self, _ ("In no recorded space"), HEADING_FONT_SIZE * 0.7, TRUE,
                              cube->strip_width - 2 * CUBE_CARD_PAD, 3, PANGO_ALIGN_CENTER);
  _sm_render_layout_get_size (self, NULL, &heading);
  heading = MAX (heading + 20, CUBE_STRIP_HEADER);
  cube->strip_header = heading;
  cube->n_nowhere = nowhere->len;
  cube->strip_height = heading + CUBE_CARD_PAD +
                       MAX (cube_place_nodes (self, nowhere, per_line, cube->strip_x + CUBE_CARD_PAD,
                                              heading, cube->strip_width - 2 * CUBE_CARD_PAD),
                            cube->line_height * 2);
  right_height = cube->strip_height;

  if (cube->unplaced->len > 0)
    {
      cube->unplaced_x = cube->strip_x;
      cube->unplaced_width = cube->strip_width;
      _sm_render_layout_set_text (self, _ ("Decisions not placed in a space"), HEADING_FONT_SIZE * 0.7, TRUE,
                                  cube->unplaced_width - 2 * CUBE_CARD_PAD, 3, PANGO_ALIGN_CENTER);
      _sm_render_layout_get_size (self, NULL, &heading);
      cube->unplaced_header = heading + 20;
      cube->unplaced_height = cube->unplaced_header + CUBE_CARD_PAD;
      for (guint d = 0; d < cube->unplaced->len; d++)
        {
          CubeItem *line = g_ptr_array_index (cube->unplaced, d);

          line->x = cube->unplaced_x + CUBE_CARD_PAD;
          line->y = cube->unplaced_height - CUBE_CARD_PAD;
          cube->unplaced_height += cube_measure_decision (self, line, cube->unplaced_width - 2 * CUBE_CARD_PAD) + 2;
        }
      right_height += STRIP_GAP / 2 + cube->unplaced_height;
    }
  /* The strips reach down as far as the cube. */
  if (right_height < cube->height)
    {
      cube->strip_height += cube->height - right_height;
      right_height = cube->height;
    }
  cube->unplaced_y = cube->strip_y + cube->strip_height + STRIP_GAP / 2;
  for (guint d = 0; d < cube->unplaced->len; d++)
    ((CubeItem *) g_ptr_array_index (cube->unplaced, d))->y += cube->unplaced_y;

  self->bg_x = 0;
  self->bg_y = 0;
  self->bg_width = cube->strip_x + cube->strip_width;
  self->bg_height = MAX (cube->height, right_height);
}

static gboolean
rect_in_clip (double x,
              double y,
              double width,
              double height,
              double clip[4])
{
  return x <= clip[2] && x + width >= clip[0] && y <= clip[3] && y + height >= clip[1];
}

static void
draw_cube_decision (SmRenderer          *self,
                    cairo_t             *cr,
                    const Palette       *p,
                    CubeItem            *line,
                    const SmRenderState *state)
{
  if (_sm_render_state_has (state->highlight, line->id))
    {
      cairo_rectangle (cr, line->x - 4, line->y, line->width + 8, line->height);
      _sm_render_set_rgba (cr, p->highlight, 0.45);
      cairo_fill (cr);
    }
  layout_set_decision (self, line);
  _sm_render_show_words (self, cr, p, 1.0, line->x, line->y);
}

static void
draw_cube_card_words (SmRenderer          *self,
                      cairo_t             *cr,
                      const Palette       *p,
                      CubeItem            *card,
                      const SmRenderState *state,
                      double               scale)
{
  double inner = card->width - 2 * CUBE_CARD_PAD;
  double x = card->x + CUBE_CARD_PAD, y = card->y + CUBE_CARD_PAD;

  /* Far out, the names of the spaces are the picture; the details come
   * with the marks on the lines. */
  _sm_render_layout_set_text (self, card->text, CARD_NAME_FONT_SIZE, TRUE, inner, 2, PANGO_ALIGN_LEFT);
  _sm_render_show_words (self, cr, p, 1.0, x, y);
  if (scale < LOD_MARKS)
    return;
  y += card->name_height;
  _sm_render_layout_set_text (self, card->detail, CARD_FONT_SIZE, FALSE, inner, 1, PANGO_ALIGN_LEFT);
  _sm_render_show_words (self, cr, p, 0.8, x, y);
  _sm_render_layout_set_text (self, card->members, CARD_FONT_SIZE, FALSE, inner, 1, PANGO_ALIGN_LEFT);
  _sm_render_show_words (self, cr, p, 0.8, x, y + self->cube.line_height);
  if (card->votes != NULL)
    {
      _sm_render_layout_set_text (self, card->votes, CARD_FONT_SIZE, FALSE, inner, 1, PANGO_ALIGN_LEFT);
      _sm_render_show_words (self, cr, p, 0.8, x, y + 2 * self->cube.line_height);
    }
  for (guint d = 0; d < card->decisions->len; d++)
    draw_cube_decision (self, cr, p, g_ptr_array_index (card->decisions, d), state);
}

static void
draw_cube_strip (cairo_t       *cr,
                 const Palette *p,
                 double         x,
                 double         y,
                 double         width,
                 double         height)
{
  cairo_rectangle (cr, x, y, width, height);
  _sm_render_set_rgba (cr, p->line, 0.08);
  cairo_fill_preserve (cr);
  _sm_render_set_rgba (cr, p->line, 0.8);
  cairo_set_dash (cr, (double[]) { 8.0, 5.0 }, 2, 0);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
}

/* Under the relationships: the rows, the columns, the cards and strips. */
static void
draw_power_cube (SmRenderer          *self,
                 cairo_t             *cr,
                 const Palette       *p,
                 const SmRenderState *state,
                 double               scale)
{
  Cube  *cube = &self->cube;
  double clip[4];

  cairo_clip_extents (cr, &clip[0], &clip[1], &clip[2], &clip[3]);
  for (guint r = 0; r < cube->n_rows; r += 2)
    {
      cairo_rectangle (cr, 0, cube->row_y[r], cube->width, cube->row_y[r + 1] - cube->row_y[r]);
      _sm_render_set_rgba (cr, p->accent, 0.06);
      cairo_fill (cr);
    }
  _sm_render_set_rgba (cr, p->line, 0.6);
  cairo_set_line_width (cr, MAX (1.5, 1.0 / scale));
  for (guint c = 1; c < cube->n_columns; c++)
    {
      cairo_move_to (cr, cube->column_x[c], CUBE_HEAD - 8);
      cairo_line_to (cr, cube->column_x[c], cube->height);
    }
  cairo_move_to (cr, 0, CUBE_HEAD);
  cairo_line_to (cr, cube->width, CUBE_HEAD);
  cairo_stroke (cr);

  for (guint i = 0; i < cube->cards->len; i++)
    {
      CubeItem *card = g_ptr_array_index (cube->cards, i);

      if (!rect_in_clip (card->x, card->y, card->width, card->height, clip))
        continue;
      _sm_render_rounded_rectangle (cr, card->x, card->y, card->width, card->height, CUBE_CARD_RADIUS);
      _sm_render_set_rgb (cr, p->background);
      cairo_fill_preserve (cr);
      if (_sm_render_state_has (state->highlight, card->id))
        {
          _sm_render_set_rgba (cr, p->highlight, 0.25);
          cairo_fill_preserve (cr);
          _sm_render_set_rgb (cr, p->highlight);
          cairo_set_line_width (cr, MAX (4.0, 2.0 / scale));
        }
      else
        {
          _sm_render_set_rgba (cr, p->line, 0.7);
          cairo_set_line_width (cr, MAX (1.5, 1.0 / scale));
        }
      cairo_stroke (cr);
    }

  draw_cube_strip (cr, p, cube->strip_x, cube->strip_y, cube->strip_width, cube->strip_height);
  if (cube->unplaced->len > 0)
    draw_cube_strip (cr, p, cube->unplaced_x, cube->unplaced_y, cube->unplaced_width, cube->unplaced_height);
}

/* Over the relationships, under the stakeholders: the words. */
static void
draw_power_cube_words (SmRenderer          *self,
                       cairo_t             *cr,
                       const Palette       *p,
                       const SmRenderState *state,
                       double               scale)
{
  static const char *const type_notes[] = {
    N_ ("Decisions made behind closed doors"),
    N_ ("People asked in, within set boundaries"),
    N_ ("Spaces people create for themselves"),
  };
  Cube  *cube = &self->cube;
  double clip[4];

  cairo_clip_extents (cr, &clip[0], &clip[1], &clip[2], &clip[3]);

  /* A level's name across the top of its row. */
  for (guint r = 0; r < cube->n_rows; r++)
    {
      guint level = cube->row_level[r];

      _sm_render_layout_set_text (self, level < CUBE_LEVEL_UNKNOWN ? sm_value_label (cube_levels[level]) : _ ("Level not recorded"),
                                  AXIS_FONT_SIZE * 0.85, TRUE, cube->width - 32, 1, PANGO_ALIGN_LEFT);
      _sm_render_show_words (self, cr, p, 0.75, 16, cube->row_y[r] + 6);
    }

  /* A type's name and what it means over its column. */
  for (guint c = 0; c < cube->n_columns; c++)
    {
      guint  type = cube->column_type[c];
      double x = cube->column_x[c], w = cube->column_x[c + 1] - x;
      double h;

      _sm_render_layout_set_text (self, type < CUBE_TYPE_UNKNOWN ? sm_value_label (cube_types[type]) : _ ("Type not recorded"),
                                  AXIS_FONT_SIZE, TRUE, w - 24, 1, PANGO_ALIGN_CENTER);
      _sm_render_layout_get_size (self, NULL, &h);
      _sm_render_show_words (self, cr, p, 1.0, x + 12, 10);
      if (type < CUBE_TYPE_UNKNOWN)
        {
          _sm_render_layout_set_text (self, _ (type_notes[type]), CARD_FONT_SIZE, FALSE, w - 24, 2, PANGO_ALIGN_CENTER);
          _sm_render_show_words (self, cr, p, 0.7, x + 12, 10 + h + 4);
        }
    }

  /* In the middle row, under its name. */
  if (cube->no_spaces)
    {
      guint  r = cube->n_rows / 2;
      double top = cube->row_y[r] + CUBE_ROW_HEAD, h;

      _sm_render_layout_set_text (self, _ ("No spaces are recorded yet. Record the boards, groups and forums "
                                           "where this work is discussed and decided, and who sits in them, "
                                           "to see here where power is shared."),
                                  CARD_NAME_FONT_SIZE, FALSE, cube->width - 80, 4, PANGO_ALIGN_CENTER);
      _sm_render_layout_get_size (self, NULL, &h);
      _sm_render_show_words (self, cr, p, 0.8, 40, top + (cube->row_y[r + 1] - top - h) / 2);
    }

  if (scale >= LOD_DOTS)
    for (guint i = 0; i < cube->cards->len; i++)
      {
        CubeItem *card = g_ptr_array_index (cube->cards, i);

        if (rect_in_clip (card->x, card->y, card->width, card->height, clip))
          draw_cube_card_words (self, cr, p, card, state, scale);
      }

  _sm_render_layout_set_text (self, _ ("In no recorded space"), HEADING_FONT_SIZE * 0.7, TRUE,
                              cube->strip_width - 2 * CUBE_CARD_PAD, 3, PANGO_ALIGN_CENTER);
  _sm_render_show_words (self, cr, p, 0.75, cube->strip_x + CUBE_CARD_PAD, cube->strip_y + 10);
  if (cube->n_nowhere == 0 && scale >= LOD_MARKS)
    {
      _sm_render_layout_set_text (self, _ ("Everyone on the map sits in a recorded space."), CARD_FONT_SIZE, FALSE,
                                  cube->strip_width - 2 * CUBE_CARD_PAD, 3, PANGO_ALIGN_CENTER);
      _sm_render_show_words (self, cr, p, 0.7, cube->strip_x + CUBE_CARD_PAD, cube->strip_y + cube->strip_header);
    }
  if (cube->unplaced->len > 0)
    {
      _sm_render_layout_set_text (self, _ ("Decisions not placed in a space"), HEADING_FONT_SIZE * 0.7, TRUE,
                                  cube->unplaced_width - 2 * CUBE_CARD_PAD, 3, PANGO_ALIGN_CENTER);
      _sm_render_show_words (self, cr, p, 0.75, cube->unplaced_x + CUBE_CARD_PAD, cube->unplaced_y + 10);
      if (scale >= LOD_MARKS)
        for (guint d = 0; d < cube->unplaced->len; d++)
          draw_cube_decision (self, cr, p, g_ptr_array_index (cube->unplaced, d), state);
    }
}

static void
clear_power_cube (SmRenderer *self)
{
  cube_clear (&self->cube);
}

static gboolean
get_power_cube_region (SmRenderer *self,
                       SmRegion    region,
                       double     *rx,
                       double     *ry,
                       double     *rw,
                       double     *rh)
{
  Cube *cube = &self->cube;

  if (region == SM_REGION_CUBE)
    *rx = 0, *ry = 0, *rw = cube->width, *rh = cube->height;
  else if (region == SM_REGION_NO_SPACE)
    *rx = cube->strip_x, *ry = cube->strip_y, *rw = cube->strip_width, *rh = cube->strip_height;
  else if (region == SM_REGION_UNPLACED && cube->unplaced->len > 0)
    *rx = cube->unplaced_x, *ry = cube->unplaced_y, *rw = cube->unplaced_width, *rh = cube->unplaced_height;
  else
    return FALSE;
  return TRUE;
}

/* Where the cube draws @record: a space's card, or a decision's line in
 * its space's card or in the strip of decisions placed in no space. */
static gboolean
get_power_cube_record_region (SmRenderer *self,
                              SmRecord   *record,
                              double     *x,
                              double     *y,
                              double     *width,
                              double     *height)
{
  const char *id;
  GPtrArray  *items;

  switch (sm_record_get_kind (record))
    {
    case SM_RECORD_SPACE:
      items = self->cube.cards;
      break;
    case SM_RECORD_DECISION:
      items = self->cube.decisions;
      break;
    default:
      return FALSE;
    }
  id = sm_record_get_id (record);
  for (guint i = 0; id != NULL && i < items->len; i++)
    {
      CubeItem *item = g_ptr_array_index (items, i);

      if (g_strcmp0 (item->id, id) != 0)
        continue;
      if (x != NULL)
        *x = item->x;
      if (y != NULL)
        *y = item->y;
      if (width != NULL)
        *width = item->width;
      if (height != NULL)
        *height = item->height;
      return TRUE;
    }
  return FALSE;
}

const SmArrangementInfo _sm_arrangement_power_cube = {
  .id = "power-cube",
  .label = N_ ("Power _Cube"),
  .follows = SM_ARRANGEMENT_FOLLOWS_STAKEHOLDERS | SM_ARRANGEMENT_FOLLOWS_PLACES,
  .background = TRUE,
  .arrange = arrange_power_cube,
  .clear = clear_power_cube,
  .draw_behind = draw_power_cube,
  .draw_over = draw_power_cube_words,
  .get_region = get_power_cube_region,
  .get_record_region = get_power_cube_record_region,
};
