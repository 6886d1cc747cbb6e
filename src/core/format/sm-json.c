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
  GString    *text;       /* the string just read, reused: one buffer for all */
  GString    *key;        /* the pending member name */
  guint       col_base;   /* characters of the line before line_start (a stream
                           * drops what it has read) */
  guint       depth_base; /* containers open around the value being read */
  gboolean    writable;   /* a stream's own buffer: strings end in place */
  const char *key_str;    /* the pending member name: key's, or in place */
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
  guint n = 0;

  /* Every byte but those that continue a character (a string ended in
   * place has a NUL for its quote: one character still). */
  for (const char *q = r->line_start; q < at; q++)
    n += ((guchar) *q & 0xc0) != 0x80;
  return r->col_base + n + 1;
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
          r->col_base = 0;
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

/* Reads a string; r->p is on the opening quote. The text was validated as
 * UTF-8 before parsing, so only escapes need checking here. Returns the
 * string, in @s or, in a stream's buffer, where it is (its closing quote
 * made its end: a string of 200 MB is not copied once more). */
static const char *
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
      if (r->writable && run == start + 1 && r->p < r->end && *r->p == '"')
        {
          *(char *) r->p = '\0';
          r->p++;
          return run;
        }
      g_string_append_len (s, run, r->p - run);

      if (r->p >= r->end)
        {
          reader_fail_at (r, start, _ ("unterminated string"));
          goto fail;
        }
      if (*r->p == '"')
        {
          r->p++;
          return s->str;
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
  return NULL;
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
        const char *str = read_string (r, r->text);

        if (str == NULL)
          return NULL;
        node = json_node_new (JSON_NODE_VALUE);
        json_node_set_string (node, str);
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

/* Reads one value from r->p, leaving r->p just after it. */
static JsonNode *
parse_value (Reader *r)
{
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (Frame));
  GError  **error = r->error;
  JsonNode *root = NULL;
  JsonNode *value;

  value = read_value_start (r);
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
              json_object_set_member (json_node_get_object (top->node), r->key_str, value);
            }
        }
      else
        root = value;

      if (is_container (value))
        {
          Frame f = { value };

          if (r->depth_base + stack->len >= SM_JSON_MAX_DEPTH)
            {
              if (error != NULL && *error == NULL)
                g_set_error (error, SM_FORMAT_ERROR, SM_FORMAT_ERROR_TOO_DEEP,
                             _ ("line %u, column %u: nesting is deeper than %d levels"),
                             r->line, reader_column (r, r->p - 1), SM_JSON_MAX_DEPTH);
              goto fail;
            }
          g_array_append_val (stack, f);

          skip_space (r);
          if (r->p < r->end && (*r->p == ']' || *r->p == '}') &&
              *r->p == (JSON_NODE_HOLDS_ARRAY (value) ? ']' : '}'))
            {
              r->p++;
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

          if (stack->len == 0)
            return root;

          skip_space (r);
          top = &g_array_index (stack, Frame, stack->len - 1);
          if (r->p >= r->end)
            {
              reader_fail_at (r, r->p, _ ("unexpected end of file"));
              goto fail;
            }
          if (*r->p == ',')
            {
              r->p++;
              skip_space (r);
              break;
            }
          if (JSON_NODE_HOLDS_ARRAY (top->node) && *r->p == ']')
            {
              r->p++;
              g_array_set_size (stack, stack->len - 1);
              continue;
            }
          if (JSON_NODE_HOLDS_OBJECT (top->node) && *r->p == '}')
            {
              r->p++;
              g_array_set_size (stack, stack->len - 1);
              continue;
            }
          reader_fail_at (r, r->p, JSON_NODE_HOLDS_ARRAY (top->node) ? _ ("expected ',' or ']'") : _ ("expected ',' or '}'"));
          goto fail;
        }

    read_next:
      {
        Frame *top = &g_array_index (stack, Frame, stack->len - 1);

        skip_space (r);
        if (JSON_NODE_HOLDS_OBJECT (top->node))
          {
            const char *key_at = r->p;

            if (r->p >= r->end || *r->p != '"')
              {
                reader_fail_at (r, r->p, _ ("expected a member name in double quotes"));
                goto fail;
              }
            r->key_str = read_string (r, r->key);
            if (r->key_str == NULL)
              goto fail;
            if (json_object_has_member (json_node_get_object (top->node), r->key_str))
              {
                reader_fail_at (r, key_at, _ ("the member \"%s\" appears twice"), r->key_str);
                goto fail;
              }
            skip_space (r);
            if (r->p >= r->end || *r->p != ':')
              {
                reader_fail_at (r, r->p, _ ("expected ':' after a member name"));
                goto fail;
              }
            r->p++;
            skip_space (r);
          }

        value = read_value_start (r);
        if (value == NULL)
          goto fail;
      }
    }

fail:
  g_clear_pointer (&root, json_node_unref);
  return NULL;
}

JsonNode *
sm_json_parse (const char *data,
               gsize       length,
               GError    **error)
{
  g_autoptr(GString) text = g_string_sized_new (64);
  g_autoptr(GString) key = g_string_sized_new (64);
  Reader r = { data, data, data + length, data, 1, error, text, key, 0, 0, FALSE, NULL };
  g_autoptr(JsonNode) root = NULL;

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

  root = parse_value (&r);
  if (root == NULL)
    return NULL;
  skip_space (&r);
  if (r.p < r.end)
    {
      reader_fail_at (&r, r.p, _ ("unexpected text after the end of the document"));
      return NULL;
    }
  return g_steal_pointer (&root);
}

/* Reading a file as a stream (sm-format.c): the text comes in chunks and
 * only what is being read is held, never the whole file. The caller walks
 * the outer containers (the top-level object and its big arrays) member by
 * member and element by element, and reads each member or element whole as
 * a small tree with the reader above. Each chunk is checked as UTF-8 as it
 * comes, before anything reads it. Every message is the one
 * sm_json_parse() gives for the same text, at the same line and column:
 * the walk repeats its grammar, and a syntax error is only final once the
 * rest of the input has been read, as a NUL byte, text that is not UTF-8 or
 * a file over the limit anywhere would be reported instead, as it is when
 * the file is read whole. */

typedef struct
{
  gboolean    is_array;
  gboolean    first;
  GHashTable *names; /* of an object: its members' names so far */
} StreamLevel;

struct _SmJsonStream
{
  GInputStream *input;
  GCancellable *cancellable;
  gsize         chunk_size;
  char         *buffer;
  gsize         capacity;
  gsize         length; /* bytes in the buffer */
  gsize         valid;  /* of which checked as UTF-8 */
  guint64       total;  /* bytes read from the input */
  gboolean      eof;
  gboolean      started;
  gboolean      failed;
  gboolean      skip_check; /* after bad text: only counting bytes */
  GError       *error;      /* the failure */
  guint         v_line;     /* where the check of the text has got to */
  guint         v_column;
  GArray       *levels; /* StreamLevel */
  GString      *text;
  GString      *key;
  Reader        r;
};

/* For tests, which read on one thread; off otherwise, so streams read on
 * several threads at once share nothing. */
static gboolean track_largest;
static gsize    largest_buffer;

/* For tests: the largest buffer a stream has needed since the last call
 * (the first call starts keeping count). */
gsize
_sm_json_stream_take_largest_buffer (void)
{
  gsize largest = largest_buffer;

  track_largest = TRUE;
  largest_buffer = 0;
  return largest;
}

static void
stream_level_clear (StreamLevel *level)
{
  g_clear_pointer (&level->names, g_hash_table_unref);
}

SmJsonStream *
sm_json_stream_new (GInputStream *input,
                    gsize         chunk_size,
                    GCancellable *cancellable)
{
  SmJsonStream *s = g_new0 (SmJsonStream, 1);

  s->input = g_object_ref (input);
  s->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  s->chunk_size = MAX (chunk_size, 1);
  s->capacity = s->chunk_size + 64;
  s->buffer = g_malloc (s->capacity);
  s->v_line = 1;
  s->levels = g_array_new (FALSE, FALSE, sizeof (StreamLevel));
  g_array_set_clear_func (s->levels, (GDestroyNotify) stream_level_clear);
  s->text = g_string_sized_new (64);
  s->key = g_string_sized_new (64);
  s->r.data = s->r.p = s->r.end = s->r.line_start = s->buffer;
  s->r.line = 1;
  s->r.error = &s->error;
  s->r.text = s->text;
  s->r.key = s->key;
  s->r.writable = TRUE;
  return s;
}

void
sm_json_stream_free (SmJsonStream *s)
{
  if (s == NULL)
    return;
  g_object_unref (s->input);
  g_clear_object (&s->cancellable);
  g_free (s->buffer);
  g_array_unref (s->levels);
  g_string_free (s->text, TRUE);
  g_string_free (s->key, TRUE);
  g_clear_error (&s->error);
  g_free (s);
}

static void
stream_set_too_large (SmJsonStream *s)
{
  g_autofree char *limit = g_format_size_full (SM_JSON_MAX_SIZE, G_FORMAT_SIZE_IEC_UNITS);

  g_clear_error (&s->error);
  g_set_error (&s->error, SM_FORMAT_ERROR, SM_FORMAT_ERROR_TOO_LARGE,
               _ ("the file is larger than any real map (the limit is %s)"), limit);
}

/* Characters in checked text: every byte but those that continue one. */
static guint
count_chars (const char *from,
             const char *to)
{
  guint n = 0;

  for (; from < to; from++)
    n += ((guchar) *from & 0xc0) != 0x80;
  return n;
}

/* Counts lines and columns over checked text, for a message about the
 * encoding further on. */
static void
stream_count_text (SmJsonStream *s,
                   const char   *from,
                   const char   *to)
{
  const char *nl;

  while ((nl = memchr (from, '\n', to - from)) != NULL)
    {
      s->v_line++;
      s->v_column = 0;
      from = nl + 1;
    }
  s->v_column += count_chars (from, to);
}

static gboolean
stream_check_text (SmJsonStream *s)
{
  const char *start = s->buffer + s->valid;
  const char *end = s->buffer + s->length;
  const char *bad = NULL;

  if (g_utf8_validate_len (start, end - start, &bad))
    {
      stream_count_text (s, start, end);
      s->valid = s->length;
      return TRUE;
    }
  /* A character cut by the end of the chunk waits for the next one. */
  if (!s->eof && *bad != '\0' && end - bad < 4 &&
      g_utf8_get_char_validated (bad, end - bad) == (gunichar) -2)
    {
      stream_count_text (s, start, bad);
      s->valid = bad - s->buffer;
      return TRUE;
    }

  stream_count_text (s, start, bad);
  g_clear_error (&s->error);
  g_set_error (&s->error, SM_FORMAT_ERROR, SM_FORMAT_ERROR_ENCODING,
               _ ("line %u, column %u: %s"), s->v_line, s->v_column + 1,
               *bad == '\0' ? _ ("the file contains a NUL byte; a project file is text")
                            : _ ("the text is not valid UTF-8"));
  return FALSE;
}

/* Reads one more chunk. FALSE at the end of the input, or with s->error
 * set when reading failed or the text is not good. */
static gboolean
stream_fill (SmJsonStream *s)
{
  Reader *r = &s->r;
  gsize   keep = r->p - s->buffer;
  gssize  n;

  if (s->eof)
    return FALSE;

  /* Drop what has been read; the column carries over. */
  if (keep > 0)
    {
      r->col_base += count_chars (r->line_start, r->p);
      memmove (s->buffer, r->p, s->length - keep);
      s->length -= keep;
      s->valid -= keep;
    }
  if (s->length + s->chunk_size > s->capacity)
    {
      s->capacity = MAX (s->capacity * 2, s->length + s->chunk_size);
      s->buffer = g_realloc (s->buffer, s->capacity);
    }
  if (G_UNLIKELY (track_largest))
    largest_buffer = MAX (largest_buffer, s->capacity);
  r->data = r->p = r->line_start = s->buffer;
  r->end = s->buffer + s->valid;

  n = g_input_stream_read (s->input, s->buffer + s->length, s->chunk_size, s->cancellable,
                           &s->error);
  if (n < 0)
    return FALSE;
  s->total += n;
  s->length += n;
  if (n == 0)
    s->eof = TRUE;
  if (s->total > SM_JSON_MAX_SIZE)
    {
      stream_set_too_large (s);
      return FALSE;
    }
  if (s->skip_check)
    s->valid = s->length;
  else if (!stream_check_text (s))
    return FALSE;
  r->end = s->buffer + s->valid;
  return n > 0;
}

/* Ends the reading with s->error. A syntax error is not final until the
 * rest has been read: a NUL byte or bad UTF-8 anywhere, or a file over the
 * limit, is what a whole read says instead, and a failure to read or a
 * cancellation is worth more than any of them. */
static gboolean
stream_fail (SmJsonStream *s,
             GError      **error)
{
  g_assert (s->error != NULL);

  if (!s->failed)
    {
      s->failed = TRUE;
      if (s->error->domain == SM_FORMAT_ERROR && s->error->code != SM_FORMAT_ERROR_TOO_LARGE)
        {
          GError *first = g_steal_pointer (&s->error);

          /* After bad text only the size can change the message. */
          s->skip_check = first->code == SM_FORMAT_ERROR_ENCODING;
          for (;;)
            {
              s->r.p = s->r.line_start = s->buffer + s->valid;
              s->r.col_base = 0;
              if (!stream_fill (s))
                break;
            }
          if (s->error == NULL)
            s->error = first;
          else
            g_error_free (first);
        }
    }
  if (error != NULL)
    *error = g_error_copy (s->error);
  return FALSE;
}

/* Skips white space, reading on as needed. */
static gboolean
stream_skip_space (SmJsonStream *s)
{
  Reader *r = &s->r;

  for (;;)
    {
      skip_space (r);
      if (r->p < r->end)
        return TRUE;
      if (!stream_fill (s))
        return s->error == NULL;
    }
}

/* Has the whole of the value that starts at r->p in the buffer (or all
 * the input there is), so the reader above can read it without stopping.
 * Stops early where the reader will stop with an error: a control
 * character in a string, nesting past the limit. */
static gboolean
stream_need_value (SmJsonStream *s)
{
  Reader  *r = &s->r;
  gsize    off = 0;
  int      depth = 0;
  gboolean in_string = FALSE;
  gboolean escape = FALSE;
  gboolean scalar = FALSE;

  while (r->p >= r->end)
    if (!stream_fill (s))
      return s->error == NULL;

  switch (*r->p)
    {
    case '"':
      in_string = TRUE;
      off = 1;
      break;
    case '{':
    case '[':
      depth = 1;
      off = 1;
      if (r->depth_base + depth > SM_JSON_MAX_DEPTH)
        return TRUE;
      break;
    default:
      scalar = TRUE;
      break;
    }

  for (;;)
    {
      const char *p = r->p;
      gsize       avail = r->end - r->p;

      while (off < avail)
        {
          char c = p[off];

          if (in_string)
            {
              if (escape)
                escape = FALSE;
              else if (c == '\\')
                escape = TRUE;
              else if (c == '"')
                {
                  in_string = FALSE;
                  if (depth == 0)
                    return TRUE;
                }
              else if ((guchar) c < 0x20)
                return TRUE;
            }
          else if (scalar)
            {
              if (strchr (" \t\r\n,]}[{\":", c) != NULL)
                return TRUE;
            }
          else
            switch (c)
              {
              case '"':
                in_string = TRUE;
                break;
              case '{':
              case '[':
                depth++;
                if (r->depth_base + depth > SM_JSON_MAX_DEPTH)
                  return TRUE;
                break;
              case '}':
              case ']':
                if (--depth == 0)
                  return TRUE;
                break;
              default:
                break;
              }
          off++;
        }
      if (!stream_fill (s))
        return s->error == NULL;
    }
}

static StreamLevel *
stream_top (SmJsonStream *s)
{
  g_assert (s->levels->len > 0);
  return &g_array_index (s->levels, StreamLevel, s->levels->len - 1);
}

/**
 * sm_json_stream_peek:
 *
 * The first character of the next value (after a BOM and white space at
 * the start), or 0 for the end of the input; -1 on an error.
 */
int
sm_json_stream_peek (SmJsonStream *s,
                     GError      **error)
{
  Reader *r = &s->r;

  if (s->failed)
    return stream_fail (s, error), -1;
  if (!s->started)
    {
      s->started = TRUE;
      while (r->end - r->p < 3 && stream_fill (s))
        ;
      if (s->error != NULL)
        return stream_fail (s, error), -1;
      if (r->end - r->p >= 3 && memcmp (r->p, "\xEF\xBB\xBF", 3) == 0)
        r->p += 3, r->line_start = r->p;
      if (!stream_skip_space (s))
        return stream_fail (s, error), -1;
      if (r->p >= r->end)
        {
          reader_fail_at (r, r->p, _ ("the file is empty"));
          return stream_fail (s, error), -1;
        }
    }
  if (!stream_skip_space (s))
    return stream_fail (s, error), -1;
  return r->p < r->end ? (guchar) *r->p : 0;
}

/**
 * sm_json_stream_enter:
 *
 * Opens the object or array the next value is, to be walked with
 * sm_json_stream_next_member() or sm_json_stream_next_element().
 */
gboolean
sm_json_stream_enter (SmJsonStream *s,
                      GError      **error)
{
  Reader     *r = &s->r;
  StreamLevel level = { FALSE, TRUE, NULL };

  if (sm_json_stream_peek (s, error) <= 0)
    return FALSE;
  g_assert (*r->p == '{' || *r->p == '[');
  level.is_array = *r->p == '[';
  r->p++;
  if (s->levels->len >= SM_JSON_MAX_DEPTH)
    {
      g_set_error (&s->error, SM_FORMAT_ERROR, SM_FORMAT_ERROR_TOO_DEEP,
                   _ ("line %u, column %u: nesting is deeper than %d levels"),
                   r->line, reader_column (r, r->p - 1), SM_JSON_MAX_DEPTH);
      return stream_fail (s, error);
    }
  if (!level.is_array)
    level.names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_array_append_val (s->levels, level);
  return TRUE;
}

/* Before the next member or element: a comma, or the end of the container
 * (then *end is TRUE and the container is closed). */
static gboolean
stream_separator (SmJsonStream *s,
                  gboolean     *end)
{
  Reader      *r = &s->r;
  StreamLevel *top = stream_top (s);
  char         close = top->is_array ? ']' : '}';

  *end = FALSE;
  if (!stream_skip_space (s))
    return FALSE;
  if (top->first)
    {
      top->first = FALSE;
      if (r->p < r->end && *r->p == close)
        {
          r->p++;
          *end = TRUE;
        }
    }
  else if (r->p >= r->end)
    return reader_fail_at (r, r->p, _ ("unexpected end of file"));
  else if (*r->p == ',')
    {
      r->p++;
      if (!stream_skip_space (s))
        return FALSE;
    }
  else if (*r->p == close)
    {
      r->p++;
      *end = TRUE;
    }
  else
    return reader_fail_at (r, r->p, top->is_array ? _ ("expected ',' or ']'") : _ ("expected ',' or '}'"));

  if (*end)
    g_array_set_size (s->levels, s->levels->len - 1);
  return TRUE;
}

/**
 * sm_json_stream_next_member:
 * @name: (out): the member's name, valid until the next call
 *
 * Moves to the next member of the object entered last, whose value is
 * read next. Returns FALSE at the end of the object (@error unset) or on
 * an error.
 */
gboolean
sm_json_stream_next_member (SmJsonStream *s,
                            const char  **name,
                            GError      **error)
{
  Reader     *r = &s->r;
  gboolean    end;
  const char *key_at;

  *name = NULL;
  if (s->failed)
    return stream_fail (s, error);
  if (!stream_separator (s, &end))
    return stream_fail (s, error);
  if (end)
    return FALSE;

  key_at = r->p;
  if (r->p >= r->end || *r->p != '"')
    {
      reader_fail_at (r, r->p, _ ("expected a member name in double quotes"));
      return stream_fail (s, error);
    }
  if (!stream_need_value (s))
    return stream_fail (s, error);
  key_at = r->p;
  {
    const char *key = read_string (r, s->key);

    if (key == NULL)
      return stream_fail (s, error);
    if (key != s->key->str)
      g_string_assign (s->key, key);
  }
  if (g_hash_table_contains (stream_top (s)->names, s->key->str))
    {
      reader_fail_at (r, key_at, _ ("the member \"%s\" appears twice"), s->key->str);
      return stream_fail (s, error);
    }
  g_hash_table_add (stream_top (s)->names, g_strdup (s->key->str));
  if (!stream_skip_space (s))
    return stream_fail (s, error);
  if (r->p >= r->end || *r->p != ':')
    {
      reader_fail_at (r, r->p, _ ("expected ':' after a member name"));
      return stream_fail (s, error);
    }
  r->p++;
  if (!stream_skip_space (s))
    return stream_fail (s, error);
  *name = s->key->str;
  return TRUE;
}

/**
 * sm_json_stream_next_element:
 *
 * Moves to the next element of the array entered last. Returns FALSE at
 * the end of the array (@error unset) or on an error.
 */
gboolean
sm_json_stream_next_element (SmJsonStream *s,
                             GError      **error)
{
  gboolean end;

  if (s->failed)
    return stream_fail (s, error);
  if (!stream_separator (s, &end))
    return stream_fail (s, error);
  return !end;
}

/**
 * sm_json_stream_read_value:
 *
 * Reads the next value whole, as a tree.
 */
JsonNode *
sm_json_stream_read_value (SmJsonStream *s,
                           GError      **error)
{
  Reader   *r = &s->r;
  JsonNode *node;

  if (s->failed)
    return stream_fail (s, error), NULL;
  r->depth_base = s->levels->len;
  if (!stream_skip_space (s) || !stream_need_value (s))
    return stream_fail (s, error), NULL;
  node = parse_value (r);
  if (node == NULL)
    return stream_fail (s, error), NULL;
  return node;
}

/**
 * sm_json_stream_finish:
 *
 * After the outermost value: nothing but white space may follow.
 */
gboolean
sm_json_stream_finish (SmJsonStream *s,
                       GError      **error)
{
  Reader *r = &s->r;

  if (s->failed)
    return stream_fail (s, error);
  g_assert (s->levels->len == 0);
  if (!stream_skip_space (s))
    return stream_fail (s, error);
  if (r->p < r->end)
    {
      reader_fail_at (r, r->p, _ ("unexpected text after the end of the document"));
      return stream_fail (s, error);
    }
  return TRUE;
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
