/* sm-json.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sm-format.h"
#include "sm-json.h"

/* A strict JSON reader (RFC 8259) that builds json-glib nodes.
 *
 * json-glib's own parser recurses once per nesting level, so a file of a few
 * hundred thousand '[' overflows the stack; it also takes the last of two
 * members with the same name and gives no column for some errors. This reader
 * keeps its own stack with a hard depth limit, refuses duplicate members,
 * NaN, Infinity and numbers that overflow, and says where each problem is. */

typedef struct
{
  const char *data;
  const char *p;
  const char *end;
  const char *line_start;
  guint       line;
  GError    **error;
  GString    *text; /* the string just read, reused: one buffer for all */
  GString    *key;  /* the pending member name */
} Reader;

typedef struct
{
  JsonNode *node;
} Frame;

static guint
reader_column (Reader     *r,
               const char *at)
{
  /* Columns count characters, not bytes, from 1. */
  return (guint) g_utf8_strlen (r->line_start, at - r->line_start) + 1;
}

G_GNUC_PRINTF (3, 4)
static gboolean
reader_fail_at (Reader     *r,
                const char *at,
                const char *format,
                ...)
{
  g_autofree char *what = NULL;
  va_list          args;
  int              code = SM_FORMAT_ERROR_SYNTAX;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);

  if (r->error != NULL && *r->error == NULL)
    g_set_error (r->error, SM_FORMAT_ERROR, code,
                 _ ("line %u, column %u: %s"),
                 r->line, reader_column (r, at), what);
  return FALSE;
}

static void
skip_space (Reader *r)
{
  while (r->p < r->end)
    {
      char c = *r->p;
      if (c == '\n')
        {
          r->line++;
          r->line_start = r->p + 1;
        }
      else if (c != ' ' && c != '\t' && c != '\r')
        break;
      r->p++;
    }
}

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

static gboolean
read_hex4 (Reader  *r,
           guint32 *out)
{
  guint32 v = 0;

  if (r->end - r->p < 4)
    return reader_fail_at (r, r->p, _ ("incomplete \\u escape"));
  for (int i = 0; i < 4; i++)
    {
      int h = hex_value (r->p[i]);
      if (h < 0)
        return reader_fail_at (r, r->p, _ ("invalid \\u escape"));
      v = (v << 4) | (guint32) h;
    }
  r->p += 4;
  *out = v;
  return TRUE;
}

/* Reads a string into @s; r->p is on the opening quote. The text was
 * validated as UTF-8 before parsing, so only escapes need checking here. */
static gboolean
read_string (Reader  *r,
             GString *s)
{
  const char *start = r->p;

  r->p++;
  g_string_truncate (s, 0);

  for (;;)
    {
      const char *run = r->p;

      while (r->p < r->end && *r->p != '"' && *r->p != '\\' &&
             (guchar) *r->p >= 0x20)
        r->p++;
      g_string_append_len (s, run, r->p - run);

      if (r->p >= r->end)
        {
          reader_fail_at (r, start, _ ("unterminated string"));
          goto fail;
        }
      if (*r->p == '"')
        {
          r->p++;
          return TRUE;
        }
      if ((guchar) *r->p < 0x20)
        {
          reader_fail_at (r, r->p, _ ("control character in a string (line breaks must be written \\n)"));
          goto fail;
        }

      /* Backslash escape */
      r->p++;
      if (r->p >= r->end)
        {
          reader_fail_at (r, start, _ ("unterminated string"));
          goto fail;
        }
      switch (*r->p++)
        {
        case '"':
          g_string_append_c (s, '"');
          break;
        case '\\':
          g_string_append_c (s, '\\');
          break;
        case '/':
          g_string_append_c (s, '/');
          break;
        case 'b':
          g_string_append_c (s, '\b');
          break;
        case 'f':
          g_string_append_c (s, '\f');
          break;
        case 'n':
          g_string_append_c (s, '\n');
          break;
        case 'r':
          g_string_append_c (s, '\r');
          break;
        case 't':
          g_string_append_c (s, '\t');
          break;
        case 'u':
          {
            const char *esc = r->p - 2;
            guint32     cp;

            if (!read_hex4 (r, &cp))
              goto fail;
            if (cp >= 0xD800 && cp <= 0xDBFF)
              {
                guint32 low;

                if (r->end - r->p < 2 || r->p[0] != '\\' || r->p[1] != 'u')
                  {
                    reader_fail_at (r, esc, _ ("unpaired surrogate in \\u escape"));
                    goto fail;
                  }
                r->p += 2;
                if (!read_hex4 (r, &low))
                  goto fail;
                if (low < 0xDC00 || low > 0xDFFF)
                  {
                    reader_fail_at (r, esc, _ ("unpaired surrogate in \\u escape"));
                    goto fail;
                  }
                cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
              }
            else if (cp >= 0xDC00 && cp <= 0xDFFF)
              {
                reader_fail_at (r, esc, _ ("unpaired surrogate in \\u escape"));
                goto fail;
              }
            if (cp == 0)
              {
                reader_fail_at (r, esc, _ ("a string contains a NUL character (\\u0000)"));
                goto fail;
              }
            g_string_append_unichar (s, cp);
            break;
          }
        default:
          reader_fail_at (r, r->p - 2, _ ("invalid escape sequence"));
          goto fail;
        }
    }

fail:
  return FALSE;
}

static JsonNode *
read_number (Reader *r)
{
  const char      *start = r->p;
  gboolean         is_integer = TRUE;
  char             buf[64];
  g_autofree char *big = NULL;
  const char      *text;
  gsize            len;
  double           d;

  if (r->p < r->end && *r->p == '-')
    r->p++;
  if (r->p >= r->end || !g_ascii_isdigit (*r->p))
    {
      reader_fail_at (r, start, _ ("invalid number"));
      return NULL;
    }
  if (*r->p == '0')
    {
      r->p++;
      if (r->p < r->end && g_ascii_isdigit (*r->p))
        {
          reader_fail_at (r, start, _ ("numbers must not start with 0"));
          return NULL;
        }
    }
  else
    while (r->p < r->end && g_ascii_isdigit (*r->p))
      r->p++;

  if (r->p < r->end && *r->p == '.')
    {
      is_integer = FALSE;
      r->p++;
      if (r->p >= r->end || !g_ascii_isdigit (*r->p))
        {
          reader_fail_at (r, start, _ ("invalid number"));
          return NULL;
        }
      while (r->p < r->end && g_ascii_isdigit (*r->p))
        r->p++;
    }
  if (r->p < r->end && (*r->p == 'e' || *r->p == 'E'))
    {
      is_integer = FALSE;
      r->p++;
      if (r->p < r->end && (*r->p == '+' || *r->p == '-'))
        r->p++;
      if (r->p >= r->end || !g_ascii_isdigit (*r->p))
        {
          reader_fail_at (r, start, _ ("invalid number"));
          return NULL;
        }
      while (r->p < r->end && g_ascii_isdigit (*r->p))
        r->p++;
    }

  /* strtod needs a terminated copy; the data need not be. */
  len = r->p - start;
  if (len < sizeof buf)
    {
      memcpy (buf, start, len);
      buf[len] = '\0';
      text = buf;
    }
  else
    text = big = g_strndup (start, len);

  if (is_integer)
    {
      gint64 v;
      char  *endptr;

      errno = 0;
      v = g_ascii_strtoll (text, &endptr, 10);
      if (errno == 0)
        {
          JsonNode *node = json_node_new (JSON_NODE_VALUE);
          json_node_set_int (node, v);
          return node;
        }
      /* Too big for 64 bits: keep it as a double if it is finite. */
    }

  d = g_ascii_strtod (text, NULL);
  if (!isfinite (d))
    {
      reader_fail_at (r, start, _ ("number %s is too large"), text);
      return NULL;
    }

  {
    JsonNode *node = json_node_new (JSON_NODE_VALUE);
    json_node_set_double (node, d);
    return node;
  }
}

static gboolean
match_literal (Reader     *r,
               const char *word)
{
  gsize n = strlen (word);

  if ((gsize) (r->end - r->p) >= n && memcmp (r->p, word, n) == 0)
    {
      r->p += n;
      return TRUE;
    }
  return FALSE;
}

/* Reads one scalar, or returns a new empty container for the caller to push. */
static JsonNode *
read_value_start (Reader *r)
{
  JsonNode *node;

  if (r->p >= r->end)
    {
      reader_fail_at (r, r->p, _ ("unexpected end of file"));
      return NULL;
    }

  switch (*r->p)
    {
    case '{':
      r->p++;
      node = json_node_new (JSON_NODE_OBJECT);
      json_node_take_object (node, json_object_new ());
      return node;
    case '[':
      r->p++;
      node = json_node_new (JSON_NODE_ARRAY);
      json_node_take_array (node, json_array_new ());
      return node;
    case '"':
      {
        if (!read_string (r, r->text))
          return NULL;
        node = json_node_new (JSON_NODE_VALUE);
        json_node_set_string (node, r->text->str);
        return node;
      }
    case 't':
      if (match_literal (r, "true"))
        return json_node_init_boolean (json_node_alloc (), TRUE);
      break;
    case 'f':
      if (match_literal (r, "false"))
        return json_node_init_boolean (json_node_alloc (), FALSE);
      break;
    case 'n':
      if (match_literal (r, "null"))
        return json_node_new (JSON_NODE_NULL);
      break;
    case 'N':
      if (match_literal (r, "NaN"))
        {
          reader_fail_at (r, r->p - 3, _ ("NaN is not a number JSON allows"));
          return NULL;
        }
      break;
    case 'I':
      if (match_literal (r, "Infinity"))
        {
          reader_fail_at (r, r->p - 8, _ ("Infinity is not a number JSON allows"));
          return NULL;
        }
      break;
    case '-':
      if ((gsize) (r->end - r->p) >= 9 && memcmp (r->p, "-Infinity", 9) == 0)
        {
          reader_fail_at (r, r->p, _ ("Infinity is not a number JSON allows"));
          return NULL;
        }
      return read_number (r);
    default:
      if (g_ascii_isdigit (*r->p))
        return read_number (r);
      break;
    }

  if (g_ascii_isprint (*r->p))
    reader_fail_at (r, r->p, _ ("unexpected character '%c'"), *r->p);
  else
    reader_fail_at (r, r->p, _ ("unexpected character"));
  return NULL;
}

static gboolean
is_container (JsonNode *node)
{
  return JSON_NODE_HOLDS_OBJECT (node) || JSON_NODE_HOLDS_ARRAY (node);
}

/* Checks the whole text first so every string is known to be UTF-8 and so a
 * NUL byte gets a message of its own. */
static gboolean
check_text (Reader *r)
{
  const char *nul = memchr (r->data, '\0', r->end - r->data);
  const char *bad = NULL;
  const char *scan_end = nul != NULL ? nul : r->end;

  if (!g_utf8_validate_len (r->data, scan_end - r->data, &bad))
    nul = NULL;
  else
    bad = nul;

  if (bad == NULL)
    return TRUE;

  /* Find the line and column of the offending byte. */
  for (const char *q = r->data; q < bad; q++)
    if (*q == '\n')
      {
        r->line++;
        r->line_start = q + 1;
      }

  if (r->error != NULL)
    g_set_error (r->error, SM_FORMAT_ERROR, SM_FORMAT_ERROR_ENCODING,
                 _ ("line %u, column %u: %s"), r->line,
                 (guint) g_utf8_strlen (r->line_start, bad - r->line_start) + 1,
                 nul != NULL ? _ ("the file contains a NUL byte; a project file is text")
                             : _ ("the text is not valid UTF-8"));
  return FALSE;
}

JsonNode *
sm_json_parse (const char *data,
               gsize       length,
               GError    **error)
{
  g_autoptr(GString) text = g_string_sized_new (64);
  g_autoptr(GString) key = g_string_sized_new (64);
  Reader r = { data, data, data + length, data, 1, error, text, key };
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (Frame));
  JsonNode *root = NULL;
  JsonNode *value;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (length > SM_JSON_MAX_SIZE)
    {
      g_autofree char *size = g_format_size (length);
      g_autofree char *limit = g_format_size (SM_JSON_MAX_SIZE);

      g_set_error (error, SM_FORMAT_ERROR, SM_FORMAT_ERROR_TOO_LARGE,
                   _ ("the file is %s, larger than any real map (the limit is %s)"),
                   size, limit);
      return NULL;
    }

  if (!check_text (&r))
    return NULL;

  /* A byte order mark is allowed and ignored. */
  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    r.p += 3, r.line_start = r.p;

  skip_space (&r);
  if (r.p >= r.end)
    {
      reader_fail_at (&r, r.p, _ ("the file is empty"));
      return NULL;
    }

  value = read_value_start (&r);
  if (value == NULL)
    return NULL;

  for (;;)
    {
      /* Attach the value just read, then push it if it is a container. */
      if (stack->len > 0)
        {
          Frame *top = &g_array_index (stack, Frame, stack->len - 1);

          if (JSON_NODE_HOLDS_ARRAY (top->node))
            json_array_add_element (json_node_get_array (top->node), value);
          else
            {
              json_object_set_member (json_node_get_object (top->node), r.key->str, value);
            }
        }
      else
        root = value;

      if (is_container (value))
        {
          Frame f = { value };

          if (stack->len >= SM_JSON_MAX_DEPTH)
            {
              if (error != NULL && *error == NULL)
                g_set_error (error, SM_FORMAT_ERROR, SM_FORMAT_ERROR_TOO_DEEP,
                             _ ("line %u, column %u: nesting is deeper than %d levels"),
                             r.line, reader_column (&r, r.p - 1), SM_JSON_MAX_DEPTH);
              goto fail;
            }
          g_array_append_val (stack, f);

          skip_space (&r);
          if (r.p < r.end && (*r.p == ']' || *r.p == '}') &&
              *r.p == (JSON_NODE_HOLDS_ARRAY (value) ? ']' : '}'))
            {
              r.p++;
              g_array_set_size (stack, stack->len - 1);
              goto after_value;
            }
          goto read_next;
        }

    after_value:
      /* Close containers, or find the separator before the next value. */
      for (;;)
        {
          Frame *top;

          skip_space (&r);
          if (stack->len == 0)
            {
              if (r.p < r.end)
                {
                  reader_fail_at (&r, r.p, _ ("unexpected text after the end of the document"));
                  goto fail;
                }
              return root;
            }

          top = &g_array_index (stack, Frame, stack->len - 1);
          if (r.p >= r.end)
            {
              reader_fail_at (&r, r.p, _ ("unexpected end of file"));
              goto fail;
            }
          if (*r.p == ',')
            {
              r.p++;
              skip_space (&r);
              break;
            }
          if (JSON_NODE_HOLDS_ARRAY (top->node) && *r.p == ']')
            {
              r.p++;
              g_array_set_size (stack, stack->len - 1);
              continue;
            }
          if (JSON_NODE_HOLDS_OBJECT (top->node) && *r.p == '}')
            {
              r.p++;
              g_array_set_size (stack, stack->len - 1);
              continue;
            }
          reader_fail_at (&r, r.p, JSON_NODE_HOLDS_ARRAY (top->node) ? _ ("expected ',' or ']'") : _ ("expected ',' or '}'"));
          goto fail;
        }

    read_next:
      {
        Frame *top = &g_array_index (stack, Frame, stack->len - 1);

        skip_space (&r);
        if (JSON_NODE_HOLDS_OBJECT (top->node))
          {
            const char *key_at = r.p;

            if (r.p >= r.end || *r.p != '"')
              {
                reader_fail_at (&r, r.p, _ ("expected a member name in double quotes"));
                goto fail;
              }
            if (!read_string (&r, r.key))
              goto fail;
            if (json_object_has_member (json_node_get_object (top->node), r.key->str))
              {
                reader_fail_at (&r, key_at, _ ("the member \"%s\" appears twice"), r.key->str);
                goto fail;
              }
            skip_space (&r);
            if (r.p >= r.end || *r.p != ':')
              {
                reader_fail_at (&r, r.p, _ ("expected ':' after a member name"));
                goto fail;
              }
            r.p++;
            skip_space (&r);
          }

        value = read_value_start (&r);
        if (value == NULL)
          goto fail;
      }
    }

fail:
  g_clear_pointer (&root, json_node_unref);
  return NULL;
}

/* json_node_copy() shares the objects and arrays inside a node; the model
 * changes nested objects in place, so values kept for undo need their own. */
JsonNode *
sm_json_deep_copy (JsonNode *node)
{
  g_return_val_if_fail (node != NULL, NULL);

  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);
        g_autoptr(JsonObject) copy = json_object_new ();
        JsonObjectIter iter;
        const char    *name;
        JsonNode      *member;

        json_object_iter_init_ordered (&iter, object);
        while (json_object_iter_next_ordered (&iter, &name, &member))
          json_object_set_member (copy, name, sm_json_deep_copy (member));
        return json_node_init_object (json_node_alloc (), copy);
      }

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint      n = json_array_get_length (array);
        g_autoptr(JsonArray) copy = json_array_sized_new (n);

        for (guint i = 0; i < n; i++)
          json_array_add_element (copy, sm_json_deep_copy (json_array_get_element (array, i)));
        return json_node_init_array (json_node_alloc (), copy);
      }

    case JSON_NODE_VALUE:
      {
        /* json-glib 1.6 shares the JsonValue between a node and its copy, so
         * build a fresh scalar rather than copy one. */
        JsonNode *copy = json_node_new (JSON_NODE_VALUE);
        GType     type = json_node_get_value_type (node);

        if (type == G_TYPE_INT64)
          json_node_set_int (copy, json_node_get_int (node));
        else if (type == G_TYPE_DOUBLE)
          json_node_set_double (copy, json_node_get_double (node));
        else if (type == G_TYPE_BOOLEAN)
          json_node_set_boolean (copy, json_node_get_boolean (node));
        else
          json_node_set_string (copy, json_node_get_string (node));
        return copy;
      }

    case JSON_NODE_NULL:
    default:
      return json_node_new (JSON_NODE_NULL);
    }
}

/* Writing: two-space indent, known members in schema order, then members
 * this version does not know in their original order. Numbers are written so
 * they read back to the same value, which keeps saves byte-identical. */

void
sm_json_write_string (GString    *out,
                      const char *str)
{
  g_string_append_c (out, '"');
  for (const char *p = str; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      switch (c)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        case '\b':
          g_string_append (out, "\\b");
          break;
        case '\f':
          g_string_append (out, "\\f");
          break;
        default:
          /* Control characters, DEL and C1 too, escaped: the text stays
           * harmless in a terminal or an editor. */
          if (c < 0x20 || c == 0x7f)
            g_string_append_printf (out, "\\u%04x", c);
          else if (c == 0xc2 && (guchar) p[1] >= 0x80 && (guchar) p[1] <= 0x9f)
            g_string_append_printf (out, "\\u%04x", (guchar) * ++p);
          else
            g_string_append_c (out, (char) c);
        }
    }
  g_string_append_c (out, '"');
}

void
sm_json_write_double (GString *out,
                      double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  /* The shortest of %.15g, %.16g and %.17g that reads back exactly. */
  for (int precision = 15; precision <= 17; precision++)
    {
      g_ascii_formatd (buf, sizeof buf, precision == 15 ? "%.15g" : precision == 16 ? "%.16g"
                                                                                    : "%.17g",
                       value);
      if (precision == 17 || g_ascii_strtod (buf, NULL) == value)
        break;
    }
  g_string_append (out, buf);

  /* Keep a double a double: "2" would read back as an integer. */
  if (strpbrk (buf, ".eEn") == NULL)
    g_string_append (out, ".0");
}

static void
write_indent (GString *out,
              guint    indent)
{
  g_string_append_c (out, '\n');
  for (guint i = 0; i < indent; i++)
    g_string_append (out, "  ");
}

static void
write_member (GString       *out,
              const char    *name,
              JsonNode      *node,
              const SmField *field,
              guint          indent,
              gboolean      *first)
{
  const SmField *children = NULL;

  if (!*first)
    g_string_append_c (out, ',');
  *first = FALSE;
  write_indent (out, indent);
  sm_json_write_string (out, name);
  g_string_append (out, ": ");

  if (field != NULL && (field->type == SM_FIELD_OBJECT || field->type == SM_FIELD_OBJECT_LIST))
    children = field->children;
  sm_json_write (out, node, children, indent);
}

void
sm_json_write_object_members (GString       *out,
                              JsonObject    *object,
                              const SmField *fields,
                              guint          indent,
                              gboolean      *first)
{
  JsonObjectIter iter;
  const char    *name;
  JsonNode      *member;

  for (const SmField *f = fields; f != NULL && f->name != NULL; f++)
    {
      member = json_object_get_member (object, f->name);
      if (member != NULL)
        write_member (out, f->name, member, f, indent, first);
    }

  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &name, &member))
    if (fields == NULL || sm_schema_lookup (fields, name) == NULL)
      write_member (out, name, member, NULL, indent, first);
}

/* For an object, fields gives its known members; for an array, the fields
 * of its elements. */
void
sm_json_write (GString       *out,
               JsonNode      *node,
               const SmField *fields,
               guint          indent)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_NULL:
      g_string_append (out, "null");
      break;

    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_STRING:
          sm_json_write_string (out, json_node_get_string (node));
          break;
        case G_TYPE_BOOLEAN:
          g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
          break;
        case G_TYPE_INT64:
          g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
          break;
        case G_TYPE_DOUBLE:
          sm_json_write_double (out, json_node_get_double (node));
          break;
        default:
          g_assert_not_reached ();
        }
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint      n = json_array_get_length (array);

        if (n == 0)
          {
            g_string_append (out, "[]");
            break;
          }
        g_string_append_c (out, '[');
        for (guint i = 0; i < n; i++)
          {
            if (i > 0)
              g_string_append_c (out, ',');
            write_indent (out, indent + 1);
            sm_json_write (out, json_array_get_element (array, i), fields, indent + 1);
          }
        write_indent (out, indent);
        g_string_append_c (out, ']');
        break;
      }

    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);
        gboolean    first = TRUE;

        if (json_object_get_size (object) == 0)
          {
            g_string_append (out, "{}");
            break;
          }
        g_string_append_c (out, '{');
        sm_json_write_object_members (out, object, fields, indent + 1, &first);
        write_indent (out, indent);
        g_string_append_c (out, '}');
        break;
      }

    default:
      g_assert_not_reached ();
    }
}
