/* sm-labels.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sm-labels.h"

/* Values without a label of their own: "peer_support" → "Peer support",
 * kept in an interned string so callers need not free it. */
static const char *
humanise (const char *value)
{
  g_autoptr(GString) text = g_string_new (value);

  for (gsize i = 0; i < text->len; i++)
    if (text->str[i] == '_')
      text->str[i] = ' ';
  if (text->len > 0)
    text->str[0] = g_ascii_toupper (text->str[0]);
  return g_intern_string (text->str);
}

const char *
sm_value_label (const char *value)
{
  g_return_val_if_fail (value != NULL, "");

  return humanise (value);
}
