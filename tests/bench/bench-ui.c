/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 *
 * Window benchmark (prints, never asserts): a generated store of N devices
 * (default 10,000); the real application starts on it and we time start to the
 * first frame of the window, the devices page shown with every row model built,
 * each search keystroke's filtering and the frame that shows it, and report where
 * the memory is (/proc/self/smaps, mallinfo2) and the peak RSS. The application
 * runs once per GSK renderer (GTK's default first, the headline; cairo; cairo with
 * GL never initialised) and once more as a second start, each in its own process,
 * then a bare libadwaita window per renderer as the reference floor;
 * GSK_RENDERER in the environment runs just that one. Needs a display: run through
 * tests/ui/run-ui-test.sh. Usage: bench-ui [N]
 */
#include "config.h"

#include <malloc.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/wait.h>
#include <sys/resource.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "om-application.h"
#include "om-rules.h"
#include "om-devices-page.h"
#include "om-store.h"
#include "om-window.h"

static const char * const os_names[] = {
  "Windows 11 Pro 23H2", "Windows 10 Pro 22H2", "Windows Server 2019 Standard",
  "macOS 14.5", "iOS 17.5", "Android 14", "DSM 7.1.1-42962", "Ubuntu 22.04.4 LTS",
};
static const OmDeviceKind kinds[] = {
  OM_DEVICE_KIND_PC, OM_DEVICE_KIND_LAPTOP, OM_DEVICE_KIND_SERVER, OM_DEVICE_KIND_LAPTOP,
  OM_DEVICE_KIND_PHONE, OM_DEVICE_KIND_PHONE, OM_DEVICE_KIND_NAS, OM_DEVICE_KIND_SERVER,
};

static gint64 t_start;
static double first_frame_ms = -1;
static double first_frame_cpu_ms;
static double keystroke_cpu_mean, keystroke_cpu_worst, keystroke_frame_worst, keystroke_frame_cpu_worst;

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

/* CPU time of this thread: on a loaded machine wall time mostly measures the queue. */
static gint64
cpu_now (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static double
cpu_ms_since (gint64 start)
{
  return (cpu_now () - start) / 1000.0;
}

static gint64 cpu_start;

/* Where the resident memory is, from /proc/self/smaps: the heap apart from the
 * mapped files, and Mesa's software GL (mapped by GDK on X11 whatever the GSK
 * renderer) apart from the other libraries. */
static void
print_memory (const char *when)
{
  enum { HEAP, ANON, GL, LIBS, FONTS, DATA, FILES, N_KINDS };
  static const char * const names[N_KINDS] = {
    "malloc heap", "other anonymous", "Mesa/LLVM GL", "other libraries", "fonts", "icons/GResource/locale", "other files",
  };
  guint64 kb[N_KINDS] = { 0 };
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  int kind = ANON;
  guint64 total = 0, hwm = 0;
  struct mallinfo2 info = mallinfo2 ();
  g_autofree char *status = NULL;

  if (!g_file_get_contents ("/proc/self/smaps", &text, NULL, NULL))
    return;
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      guint64 value;

      if (g_ascii_isxdigit (line[0]) && strchr (line, '-') != NULL && strchr (line, ' ') != NULL
          && !g_str_has_suffix (line, ":"))
        {
          const char *path = strchr (line, '/');

          if (strstr (line, "[heap]") != NULL)
            kind = HEAP;
          else if (path == NULL)
            kind = ANON;
          else if (strstr (path, "LLVM") != NULL || strstr (path, "dri") != NULL || strstr (path, "libgallium") != NULL
                   || strstr (path, "libGL") != NULL || strstr (path, "libEGL") != NULL || strstr (path, "glapi") != NULL
                   || strstr (path, "libvulkan") != NULL || strstr (path, "libepoxy") != NULL)
            kind = GL;
          else if (strstr (path, "/fonts/") != NULL || strstr (path, "fontconfig") != NULL)
            kind = FONTS;
          else if (strstr (path, ".so") != NULL)
            kind = LIBS;
          else if (strstr (path, "icon") != NULL || strstr (path, ".gresource") != NULL || strstr (path, "locale") != NULL)
            kind = DATA;
          else
            kind = FILES;
          continue;
        }
      if (sscanf (line, "Rss: %" G_GUINT64_FORMAT " kB", &value) == 1)
        {
          kb[kind] += value;
          total += value;
        }
    }
  if (g_file_get_contents ("/proc/self/status", &status, NULL, NULL) && strstr (status, "VmHWM:") != NULL)
    sscanf (strstr (status, "VmHWM:"), "VmHWM: %" G_GUINT64_FORMAT " kB", &hwm);

  printf ("RSS %s: %.1f MB (peak so far %.1f MB):", when, total / 1024.0, hwm / 1024.0);
  for (guint k = 0; k < N_KINDS; k++)
    printf ("%s %s %.1f", k == 0 ? "" : ",", names[k], kb[k] / 1024.0);
  printf ("; malloc in use %.1f MB, free in arenas %.1f MB, mmapped %.1f MB\n",
          info.uordblks / 1048576.0, info.fordblks / 1048576.0, info.hblkhd / 1048576.0);
}

static OmDevice *
make_device (guint i)
{
  OmDevice *device = om_device_new ();
  g_autofree char *name = g_strdup_printf ("PC-%05u 総務部", i);
  g_autofree char *mac = g_strdup_printf ("02:%02x:%02x:%02x:%02x:%02x", (i >> 24) & 0xff,
                                          (i >> 16) & 0xff, (i >> 8) & 0xff, i & 0xff, 0x42);
  g_autofree char *ipv4 = g_strdup_printf ("10.%u.%u.%u", (i >> 16) & 0xff, (i >> 8) & 0xff, (i & 0xff) + 1);
  g_autofree char *host = g_strdup_printf ("host-%05u.local", i);

  om_device_set_name (device, name);
  om_device_offer_enum (device, OM_DEVICE_FIELD_KIND, kinds[i % G_N_ELEMENTS (kinds)],
                        OM_ORIGIN_DISCOVERED, "mdns");
  om_device_set_ownership (device, i % 7 == 0 ? OM_OWNERSHIP_PERSONAL : OM_OWNERSHIP_COMPANY);
  om_device_set_registered (device, i % 5 != 0);
  om_device_set_location (device, "本社 2F");
  om_device_add_to_list (device, OM_DEVICE_FIELD_MACS, mac, OM_ORIGIN_DISCOVERED, "arp");
  om_device_add_to_list (device, OM_DEVICE_FIELD_IPV4, ipv4, OM_ORIGIN_DISCOVERED, "arp");
  om_device_add_to_list (device, OM_DEVICE_FIELD_HOSTNAMES, host, OM_ORIGIN_DISCOVERED, "mdns");
  om_device_offer_string (device, OM_DEVICE_FIELD_VENDOR, "Dell Inc.", OM_ORIGIN_DISCOVERED, "oui");
  om_device_offer_string (device, OM_DEVICE_FIELD_OS_NAME, os_names[i % G_N_ELEMENTS (os_names)],
                          OM_ORIGIN_DISCOVERED, "smb");
  return device;
}

static void
generate_store (const char *dir,
                guint       n)
{
  g_autoptr(OmStore) store = om_store_new (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) devices = g_ptr_array_new_with_free_func (g_object_unref);

  if (!om_store_load (store, &error))
    g_error ("load: %s", error->message);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (devices, make_device (i));
  om_inventory_add_many (om_document_get_inventory (om_store_get_document (store)),
                         (OmDevice **) devices->pdata, devices->len);
  if (!om_store_flush (store, &error))
    g_error ("save: %s", error->message);
}

static void
spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

static gboolean
wait_frame (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  gint64 before = gdk_frame_clock_get_frame_counter (clock);
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  gtk_widget_queue_draw (widget);
  while (gdk_frame_clock_get_frame_counter (clock) == before && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  return gdk_frame_clock_get_frame_counter (clock) != before;
}

static gboolean
measure_cb (gpointer user_data)
{
  OmApplication *app = user_data;
  OmWindow *window = OM_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  OmDevicesPage *page = OM_DEVICES_PAGE (om_window_get_section_page (window, "devices"));
  GListModel *visible = om_devices_page_get_visible_model (page);
  const char *keys[] = { "p", "pc", "pc-", "pc-0", "pc-01", "pc-012", "pc-0123" };
  double worst = 0, total = 0, frame_worst = 0, frame_total = 0, frame_cpu_worst = 0;
  gint64 t;

  while (om_application_get_loading (app))
    g_main_context_iteration (NULL, TRUE);
  spin (100);
  print_memory ("after the load");

  /* After a load the application judges every device and saves the findings; that
   * is startup work, not the cost of a keystroke, so let it finish first. */
  t = g_get_monotonic_time ();
  {
    OmFindingList *findings = om_application_get_findings (app);
    OmStore *store = om_application_get_store (app);
    gint64 deadline = t + 20 * G_USEC_PER_SEC;

    while (g_get_monotonic_time () < deadline
           && ((findings != NULL && om_finding_list_get_n_findings (findings) == 0) || om_store_get_dirty (store)))
      g_main_context_iteration (NULL, TRUE);
    spin (300);
    printf ("after the load: rules evaluated (%u findings) and saved: %.1f ms later\n",
            findings != NULL ? om_finding_list_get_n_findings (findings) : 0, ms_since (t));
  }
  print_memory ("after the rules and the first save");

  t = g_get_monotonic_time ();
  om_devices_page_set_search_text (page, "pc-01");
  printf ("search \"pc-01\" while the page is hidden: %u matches, %.1f ms\n",
          g_list_model_get_n_items (visible), ms_since (t));
  t = g_get_monotonic_time ();
  om_devices_page_set_search_text (page, NULL);
  printf ("search cleared while the page is hidden: %.1f ms\n", ms_since (t));

  t = g_get_monotonic_time ();
  om_window_show_section (window, "devices");
  wait_frame (GTK_WIDGET (window));
  printf ("devices page shown (sorted, %u rows) and painted: %.1f ms\n",
          g_list_model_get_n_items (visible), ms_since (t));
  print_memory ("with the devices page shown");

  /* Each keystroke as the search entry applies it: refilter the whole inventory,
   * then until the window has painted the result. */
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      double ms, cpu_ms, frame_ms, frame_cpu_ms;
      gint64 c = cpu_now ();

      t = g_get_monotonic_time ();
      om_devices_page_set_search_text (page, keys[i]);
      (void) g_list_model_get_n_items (visible);
      ms = ms_since (t);
      cpu_ms = cpu_ms_since (c);
      wait_frame (GTK_WIDGET (window));
      frame_ms = ms_since (t);
      frame_cpu_ms = cpu_ms_since (c);
      total += cpu_ms;
      worst = MAX (worst, cpu_ms);
      frame_total += frame_ms;
      frame_worst = MAX (frame_worst, frame_ms);
      frame_cpu_worst = MAX (frame_cpu_worst, frame_cpu_ms);
      printf ("search \"%s\": %u matches, filter %.1f ms (CPU %.1f ms), to painted frame %.1f ms (CPU %.1f ms)\n",
              keys[i], g_list_model_get_n_items (visible), ms, cpu_ms, frame_ms, frame_cpu_ms);
    }
  keystroke_cpu_mean = total / G_N_ELEMENTS (keys);
  keystroke_cpu_worst = worst;
  keystroke_frame_worst = frame_worst;
  keystroke_frame_cpu_worst = frame_cpu_worst;
  printf ("search keystroke CPU: mean %.1f ms, worst %.1f ms\n", keystroke_cpu_mean, worst);
  printf ("keystroke to next painted frame: mean %.1f ms, worst %.1f ms (CPU worst %.1f ms)\n",
          frame_total / G_N_ELEMENTS (keys), frame_worst, frame_cpu_worst);

  om_devices_page_set_search_text (page, NULL);
  spin (50);
  print_memory ("after searching");
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  return G_SOURCE_REMOVE;
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   OmApplication *app)
{
  if (first_frame_ms < 0)
    {
      first_frame_ms = ms_since (t_start);
      first_frame_cpu_ms = cpu_ms_since (cpu_start);
      printf ("start to first frame: %.1f ms (main thread CPU %.1f ms)\n", first_frame_ms, cpu_ms_since (cpu_start));
      print_memory ("at the first frame");
      g_signal_handlers_disconnect_by_func (clock, on_after_paint_cb, app);
      g_idle_add (measure_cb, app);
    }
}

static void
on_loading_cb (OmApplication *app,
               GParamSpec    *pspec,
               gpointer       user_data)
{
  if (!om_application_get_loading (app))
    printf ("start to data loaded and shown (background read): %.1f ms (main thread CPU %.1f ms)\n",
            ms_since (t_start), cpu_ms_since (cpu_start));
}

static void
on_activate_cb (GApplication *app,
                gpointer      user_data)
{
  GtkWidget *window = GTK_WIDGET (gtk_application_get_active_window (GTK_APPLICATION (app)));

  printf ("start to window created: %.1f ms (main thread CPU %.1f ms)\n", ms_since (t_start),
          cpu_ms_since (cpu_start));
  gtk_widget_realize (window);
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (on_after_paint_cb), app);
}

/* The reference: a bare libadwaita window of the same size with one label, no
 * Omamori code. Its peak RSS is the floor every GTK application pays for the
 * toolkit, fonts and the renderer on this machine. */
static gboolean
reference_quit_cb (gpointer user_data)
{
  g_application_quit (G_APPLICATION (user_data));
  return G_SOURCE_REMOVE;
}

static void
reference_after_paint_cb (GdkFrameClock  *clock,
                          AdwApplication *app)
{
  g_signal_handlers_disconnect_by_func (clock, reference_after_paint_cb, app);
  /* Give the renderer the same settling time the measured runs get. */
  g_timeout_add (1000, reference_quit_cb, app);
}

static void
reference_activate_cb (AdwApplication *app)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (app));

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 700);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), gtk_label_new ("Omamori"));
  gtk_window_present (GTK_WINDOW (window));
  gtk_widget_realize (window);
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (reference_after_paint_cb), app);
}

typedef struct
{
  const char *label;
  const char *renderer;   /* GSK_RENDERER, NULL for GTK's default */
  const char *gdk_debug;  /* GDK_DEBUG, or NULL */
  gboolean    keep_file;  /* start on the file the previous run saved */
  gboolean    reference;  /* a bare libadwaita window instead of Omamori */
} Run;

/* One application life in this (child) process; appends its summary line. */
static int
run_application (const Run  *run,
                 const char *summary)
{
  g_autoptr(OmApplication) app = NULL;
  g_autofree char *line = NULL;
  struct rusage usage;
  FILE *out;

  if (run->renderer != NULL)
    g_setenv ("GSK_RENDERER", run->renderer, TRUE);
  else
    g_unsetenv ("GSK_RENDERER");
  if (run->gdk_debug != NULL)
    g_setenv ("GDK_DEBUG", run->gdk_debug, TRUE);

  if (run->reference)
    {
      g_autoptr(AdwApplication) bare = adw_application_new ("jp.omamori.BenchReference",
                                                            G_APPLICATION_NON_UNIQUE);

      g_signal_connect (bare, "activate", G_CALLBACK (reference_activate_cb), NULL);
      g_application_run (G_APPLICATION (bare), 0, NULL);
      getrusage (RUSAGE_SELF, &usage);
      printf ("peak RSS of a bare libadwaita window: %.1f MB\n", usage.ru_maxrss / 1024.0);
      line = g_strdup_printf ("%s: peak RSS %.1f MB\n", run->label, usage.ru_maxrss / 1024.0);
      out = fopen (summary, "a");
      if (out != NULL)
        {
          fputs (line, out);
          fclose (out);
        }
      fflush (stdout);
      return 0;
    }

  t_start = g_get_monotonic_time ();
  cpu_start = cpu_now ();
  app = om_application_new_non_unique ();
  g_signal_connect_after (app, "activate", G_CALLBACK (on_activate_cb), NULL);
  g_signal_connect (app, "notify::loading", G_CALLBACK (on_loading_cb), NULL);
  g_application_run (G_APPLICATION (app), 0, NULL);
  g_clear_object (&app);

  getrusage (RUSAGE_SELF, &usage);
  printf ("peak RSS of the application: %.1f MB\n", usage.ru_maxrss / 1024.0);
  line = g_strdup_printf ("%s: first frame %.0f ms (CPU %.0f ms); keystroke CPU %.1f / %.1f ms; "
                          "to painted frame %.1f ms (CPU %.1f ms); peak RSS %.1f MB\n",
                          run->label, first_frame_ms, first_frame_cpu_ms, keystroke_cpu_mean,
                          keystroke_cpu_worst, keystroke_frame_worst, keystroke_frame_cpu_worst,
                          usage.ru_maxrss / 1024.0);
  out = fopen (summary, "a");
  if (out != NULL)
    {
      fputs (line, out);
      fclose (out);
    }
  fflush (stdout);
  return 0;
}

int
main (int argc, char **argv)
{
  guint n = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 10000;
  g_autofree char *dir = g_dir_make_tmp ("omamori-bench-ui-XXXXXX", NULL);
  g_autofree char *data_dir = g_build_filename (dir, "data", NULL);
  g_autofree char *store_file = NULL;
  g_autofree char *pristine = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  const char *renderer;
  Run runs[] = {
    { "default renderer (GL; llvmpipe, i.e. software, under Xvfb)", NULL, NULL, FALSE },
    { "default renderer, second start (findings already in the file)", NULL, NULL, TRUE },
    { "cairo renderer", "cairo", NULL, FALSE },
    { "cairo renderer, GL never initialised (GDK_DEBUG=gl-disable)", "cairo", "gl-disable", FALSE },
    { "reference: bare libadwaita window, default renderer", NULL, NULL, FALSE, TRUE },
    { "reference: bare libadwaita window, cairo renderer", "cairo", NULL, FALSE, TRUE },
  };
  guint n_runs = G_N_ELEMENTS (runs);
  gint64 t;
  pid_t child;
  int status;

  g_setenv ("OMAMORI_DATA_DIR", data_dir, TRUE);
  /* Generating, the comparison loads and each application run happen in child
   * processes, so each peak RSS printed is one application's alone. */
  child = fork ();
  if (child == 0)
    {
      t = g_get_monotonic_time ();
      generate_store (data_dir, n);
      printf ("generated and saved %u devices: %.1f ms\n", n, ms_since (t));

      /* The parts of startup that are not the window, for comparison. */
      {
        g_autoptr(OmStore) store = om_store_new (data_dir);
        g_autoptr(OmEolDatabase) db = NULL;
        g_autoptr(OmFindingList) findings = om_finding_list_new ();
        GDate today;

        t = g_get_monotonic_time ();
        om_store_load (store, NULL);
        printf ("store load: %.1f ms\n", ms_since (t));
        t = g_get_monotonic_time ();
        db = om_eol_database_new_default (NULL);
        printf ("EOL database load: %.1f ms\n", ms_since (t));
        g_date_clear (&today, 1);
        g_date_set_time_t (&today, time (NULL));
        t = g_get_monotonic_time ();
        om_rules_evaluate (findings, om_document_get_inventory (om_store_get_document (store)), db, &today);
        printf ("device rules over the inventory: %.1f ms (%u findings)\n", ms_since (t),
                om_finding_list_get_n_findings (findings));
      }

      fflush (stdout);
      _exit (0);
    }
  g_assert (child > 0);
  waitpid (child, &status, 0);
  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
    g_error ("generating the store failed");

  store_file = g_build_filename (data_dir, "omamori.json", NULL);
  pristine = g_build_filename (dir, "pristine.json", NULL);
  summary = g_build_filename (dir, "summary.txt", NULL);
  if (!g_file_get_contents (store_file, &contents, &length, NULL)
      || !g_file_set_contents (pristine, contents, length, NULL))
    g_error ("could not keep a copy of the generated store");
  g_clear_pointer (&contents, g_free);

  /* GDK maps Mesa's GL on X11 whatever the renderer, and the GL renderer under Xvfb
   * is llvmpipe (software), so memory and frame times depend a lot on the renderer:
   * each configuration runs in a process of its own, from the same file. */
  renderer = g_getenv ("GSK_RENDERER");
  if (renderer != NULL)
    {
      runs[0].label = g_strdup_printf ("GSK_RENDERER=%s (from the environment)", renderer);
      runs[0].renderer = renderer;
      n_runs = 1;
    }
  for (guint r = 0; r < n_runs; r++)
    {
      /* Every run but the "second start" one begins from the generated file, so each
       * first start judges every device and saves the findings. */
      if (!runs[r].keep_file
          && !g_file_set_contents (store_file, g_file_get_contents (pristine, &contents, &length, NULL) ? contents : "",
                                   length, NULL))
        g_error ("could not restore the generated store");
      g_clear_pointer (&contents, g_free);
      printf ("\n== %s ==\n", runs[r].label);
      fflush (stdout);
      child = fork ();
      if (child == 0)
        {
          _exit (run_application (&runs[r], summary));
        }
      g_assert (child > 0);
      waitpid (child, &status, 0);
      if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
        g_error ("the application run \"%s\" failed", runs[r].label);
    }

  if (g_file_get_contents (summary, &contents, NULL, NULL))
    printf ("\n== summary (first frame; search keystroke CPU mean / worst; keystroke to painted frame worst; peak RSS) ==\n%s",
            contents);

  for (guint i = 0; i < 3; i++)
    {
      const char *suffix[] = { "", ".bak", ".lock" };
      g_autofree char *path = g_strconcat (store_file, suffix[i], NULL);

      g_unlink (path);
    }
  g_unlink (pristine);
  g_unlink (summary);
  g_rmdir (data_dir);
  g_rmdir (dir);
  return 0;
}
