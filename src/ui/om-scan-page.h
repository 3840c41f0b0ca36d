/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Omamori developers
 *
 * OmScanPage: the Scan section. The scope (editable CIDR/ranges text, its address
 * count shown before anything is sent), Start with a confirmation naming the scope
 * and the count, progress by phase and host with Cancel, live results in a column
 * view (new devices marked by icon and text), then a summary of what the merge
 * changed in the inventory. Its second view, "Review", lists every unregistered
 * device with three decisions: register as a company device, allow as a personal
 * device on the guest network (BYOD), or investigate. The sidebar badge of the
 * "scan" section counts the devices awaiting review.
 */
#pragma once

#include <adwaita.h>

#include "om-application.h"
#include "om-scan-scope.h"
#include "om-window.h"

G_BEGIN_DECLS

#define OM_TYPE_SCAN_PAGE (om_scan_page_get_type ())
G_DECLARE_FINAL_TYPE (OmScanPage, om_scan_page, OM, SCAN_PAGE, GtkWidget)

typedef enum {
  OM_REVIEW_COMPANY,       /* ownership company, registered */
  OM_REVIEW_PERSONAL,      /* ownership personal, registered (allowed), a dated note */
  OM_REVIEW_INVESTIGATE,   /* stays unregistered (flagged), a dated note */
} OmReviewDecision;

OmScanPage   *om_scan_page_new               (OmApplication *application);
/* The constructor the window's builtin_sections[] table calls. */
GtkWidget    *om_scan_page_new_for_window    (OmWindow      *window);

/* The scope text as typed, and setting it (as if typed). */
const char   *om_scan_page_get_scope_text    (OmScanPage    *self);
void          om_scan_page_set_scope_text    (OmScanPage    *self,
                                              const char    *text);
/* The parsed scope, or NULL while the text is not a valid scope. */
OmScanScope  *om_scan_page_get_scope         (OmScanPage    *self);

/* The confirmation dialog Start opened and that is still waiting, or NULL. */
GtkWidget    *om_scan_page_get_confirmation  (OmScanPage    *self);
gboolean      om_scan_page_get_running       (OmScanPage    *self);
/* (element-type OmScanResult): the results as listed. */
GListModel   *om_scan_page_get_results       (OmScanPage    *self);
/* (element-type OmDevice): the devices awaiting review, as listed. */
GListModel   *om_scan_page_get_review_model  (OmScanPage    *self);
/* The summary line after a scan ("2 new · 1 changed · …"), or NULL before. */
const char   *om_scan_page_get_summary_text  (OmScanPage    *self);

/* Applies a review decision through the device's setters (manual origin). */
gboolean      om_scan_page_review_device     (OmScanPage      *self,
                                              OmDevice        *device,
                                              OmReviewDecision decision);
/* Switches to the review view. From anywhere in the window the action
 * "review.show" (inserted on the window by this page) opens the section there. */
void          om_scan_page_show_review       (OmScanPage    *self);
/* "scan" or "review": the view shown. */
const char   *om_scan_page_get_view          (OmScanPage    *self);

G_END_DECLS
