/* sm-export-png.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Pictures as PNG: the rows filtered and deflated by Stakemap itself,
 * with the resolution recorded, so that a word processor places the
 * picture at the size it was meant. */

#include "config.h"

#include <math.h>
#include <string.h>

#include "sm-export-private.h"

static guint32
crc32 (guint32       crc,
       const guint8 *data,
       gsize         length)
{
  crc = ~crc;
  for (gsize i = 0; i < length; i++)
    {
      crc ^= data[i];
      for (int k = 0; k < 8; k++)
        crc = (crc >> 1) ^ (0xEDB88320u & -(crc & 1));
    }
  return ~crc;
}

static void
append_chunk (GByteArray   *png,
              const char   *type,
              const guint8 *data,
              gsize         length)
{
  guint8  head[8], tail[4];
  guint32 crc;

  head[0] = length >> 24, head[1] = length >> 16, head[2] = length >> 8, head[3] = length;
  memcpy (head + 4, type, 4);
  crc = crc32 (0, head + 4, 4);
  crc = crc32 (crc, data, length);
  tail[0] = crc >> 24, tail[1] = crc >> 16, tail[2] = crc >> 8, tail[3] = crc;
  g_byte_array_append (png, head, 8);
  g_byte_array_append (png, data, length);
  g_byte_array_append (png, tail, 4);
}

static void
put_be32 (guint8 *p,
          guint32 value)
{
  p[0] = value >> 24, p[1] = value >> 16, p[2] = value >> 8, p[3] = value;
}

/* The rows as PNG wants them: each with its filter ("Sub": the
 * difference from the pixel to the left, which flat backgrounds and
 * shapes make small), RGB for an opaque picture, RGBA not premultiplied
 * for a transparent one. */
static GBytes *
png_rows (cairo_surface_t *surface,
          gboolean         alpha)
{
  int           width = cairo_image_surface_get_width (surface);
  int           height = cairo_image_surface_get_height (surface);
  int           stride = cairo_image_surface_get_stride (surface);
  const guint8 *data = cairo_image_surface_get_data (surface);
  int           bpp = alpha ? 4 : 3;
  gsize         row_size = 1 + (gsize) width * bpp;
  guint8       *rows = g_malloc (row_size * height);
  guint8       *raw = g_malloc ((gsize) width * bpp);

  for (int y = 0; y < height; y++)
    {
      const guint32 *pixels = (const guint32 *) (data + (gsize) y * stride);
      guint8        *row = rows + (gsize) y * row_size;

      for (int x = 0; x < width; x++)
        {
          guint32 p = pixels[x];
          guint   a = p >> 24, r = (p >> 16) & 0xff, g = (p >> 8) & 0xff, b = p & 0xff;
          guint8 *out = raw + (gsize) x * bpp;

          if (alpha && a != 0 && a != 255)
            {
              r = (r * 255 + a / 2) / a;
              g = (g * 255 + a / 2) / a;
              b = (b * 255 + a / 2) / a;
            }
          out[0] = r, out[1] = g, out[2] = b;
          if (alpha)
            out[3] = a;
        }
      row[0] = 1;
      for (gsize i = 0; i < (gsize) width * bpp; i++)
        row[1 + i] = raw[i] - (i >= (gsize) bpp ? raw[i - bpp] : 0);
    }
  g_free (raw);
  return g_bytes_new_take (rows, row_size * height);
}

/* A PNG of @surface with @dpi recorded in a pHYs chunk, so that a word
 * processor places it at the size it was meant. cairo's own writer
 * compresses harder than a picture of a map needs, at three times the
 * cost. */
GBytes *
_sm_export_encode_png (cairo_surface_t *surface,
                       gboolean         alpha,
                       double           dpi,
                       GError         **error)
{
  static const guint8 signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  g_autoptr(GByteArray) png = g_byte_array_new ();
  g_autoptr(GBytes) rows = NULL;
  g_autoptr(GZlibCompressor) zlib = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_ZLIB, 3);
  g_autoptr(GByteArray) compressed = g_byte_array_new ();
  guint8        header[13], phys[9];
  guint32       ppm = (guint32) lround (dpi / 0.0254);
  const guint8 *in;
  gsize         in_size, read, written;
  guint8        buffer[65536];

  cairo_surface_flush (surface);
  put_be32 (header, cairo_image_surface_get_width (surface));
  put_be32 (header + 4, cairo_image_surface_get_height (surface));
  header[8] = 8;             /* bits a channel */
  header[9] = alpha ? 6 : 2; /* RGBA or RGB */
  header[10] = header[11] = header[12] = 0;
  put_be32 (phys, ppm);
  put_be32 (phys + 4, ppm);
  phys[8] = 1; /* the unit is the metre */

  rows = png_rows (surface, alpha);
  in = g_bytes_get_data (rows, &in_size);
  for (;;)
    {
      GConverterResult result = g_converter_convert (G_CONVERTER (zlib), in, in_size, buffer, sizeof buffer,
                                                     G_CONVERTER_INPUT_AT_END, &read, &written, error);

      if (result == G_CONVERTER_ERROR)
        return NULL;
      in += read;
      in_size -= read;
      g_byte_array_append (compressed, buffer, written);
      if (result == G_CONVERTER_FINISHED)
        break;
    }

  g_byte_array_append (png, signature, sizeof signature);
  append_chunk (png, "IHDR", header, sizeof header);
  append_chunk (png, "pHYs", phys, sizeof phys);
  append_chunk (png, "IDAT", compressed->data, compressed->len);
  append_chunk (png, "IEND", NULL, 0);
  return g_byte_array_free_to_bytes (g_steal_pointer (&png));
}
