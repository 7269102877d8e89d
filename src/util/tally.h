/*
 * tally.h — what a run wrote: its output files counted by kind (pages,
 * PDFs, CSV files, stylesheets, workbooks), written or kept unchanged (the file
 * already held those bytes), for the one summary line `rolebook build` and
 * `rolebook report` end with on a terminal (src/cli/main.c):
 *
 *	rolebook: 12 pages, 3 PDFs written (1,025 unchanged) in 0.84 s
 *
 * The builds call tally_file() for each output as it is put in place
 * (src/build/handbook_html.c, handbook_pdf.c, report.c).
 */
#ifndef RB_TALLY_H
#define RB_TALLY_H

#include <stddef.h>
#include "util.h"

enum tally_kind {
	TALLY_PAGE,		/* .html */
	TALLY_PDF,		/* .pdf */
	TALLY_CSV,		/* .csv */
	TALLY_CSS,		/* .css */
	TALLY_XLSX,		/* .xlsx */
	TALLY_OTHER,
	TALLY_NKINDS
};

struct tally {
	size_t	written[TALLY_NKINDS];
	size_t	kept;		/* unchanged, any kind */
};

/* Counts path (its kind from its name) as written or kept; t may be NULL. */
void	tally_file(struct tally *t, const char *path, int written);
/* Appends the summary line (with its newline) for a run of secs seconds. */
void	tally_line(const struct tally *t, double secs, struct buf *out);

#endif
