/* save-loop.c
 *
 * Copyright 2026 The Stakemap developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>

#include "sm-document.h"

/* For the crash test (test-safe-write.py): opens a map and saves it over
 * and over, each time with one more stakeholder, saying on stdout when a
 * save starts and ends, until it is killed. */

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(SmDocument) document = NULL;
  g_autoptr(GError) error = NULL;

  if (argc != 2)
    {
      g_printerr ("usage: save-loop FILE\n");
      return 2;
    }
  file = g_file_new_for_commandline_arg (argv[1]);
  document = sm_document_load (file, NULL, &error);
  if (document == NULL)
    {
      g_printerr ("save-loop: %s\n", error->message);
      return 1;
    }
  setvbuf (stdout, NULL, _IONBF, 0);
  printf ("ready\n");

  for (guint round = 1;; round++)
    {
      SmMap *map = sm_document_get_map (document);
      g_autoptr(JsonObject) data = json_object_new ();
      g_autofree char *name = g_strdup_printf ("Added in round %u", round);

      json_object_set_string_member (data, "name", name);
      json_object_set_int_member (data, "x", round);
      json_object_set_int_member (data, "y", 0);
      sm_document_push (document, sm_command_new_add (map, SM_RECORD_STAKEHOLDER, data));
      printf ("saving %u\n", round);
      if (!sm_document_save (document, NULL, NULL, &error))
        {
          g_printerr ("save-loop: %s\n", error->message);
          return 1;
        }
      printf ("saved %u\n", round);
    }
  return 0;
}
