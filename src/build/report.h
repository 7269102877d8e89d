/*
 * report.h — the monthly sales review (`rolebook report YYYY-MM`): turns
 * a sales_result (src/sales/sales.h) into template data, renders the
 * template report.lua.html into a document tree (src/doc/doc.h), and
 * writes the report set OUT/reports/YYYY-MM.html (+ style.css, from
 * report.css of the templates),
 * YYYY-MM.pdf and YYYY-MM-pay.csv — all of them, or none.
 *
 * For the CLI and for tests.  The data the template sees is documented in
 * docs/sales.md ("The report").  Every figure is given both as integer
 * fen (`*_fen`) and as a preformatted yuan string (tmpl_fmt_yuan), so
 * templates never do money arithmetic in floating point.
 */
#ifndef RB_REPORT_H
#define RB_REPORT_H

#include "../util/diag.h"
#include "../util/util.h"
#include "../util/tally.h"
#include "../model/model.h"
#include "../sales/sales.h"
#include "../tmpl/tmpl.h"
#include "../doc/doc.h"

/* The report's template and stylesheet, looked up in the templates
 * folders; the stylesheet is written as OUT/reports/style.css. */
#define REPORT_TEMPLATE	"report.lua.html"
#define REPORT_CSS	"report.css"
/* The PDF theme: report-theme.conf, else theme.conf (docs/pdf.md). */
#define REPORT_THEME	"report-theme.conf"

struct report_opts {
	const char	*content_dir;	/* content folder [content] */
	const char	*month;		/* YYYY-MM */
	const char	*outdir;	/* output folder [out]; reports/ below */
	const char	*tmpl_user;	/* --templates DIR, or NULL */
	int		 pdfa;		/* the PDF as PDF/A-1b (--pdf-a) */
	int		 untagged;	/* the PDF untagged (--no-pdf-tags) */
	const char	*tmpl_builtin;	/* the built-in templates folder */
	const struct tmpl_limits *limits;	/* NULL: defaults */
	int		 formats;	/* REPORT_* bits; 0: HTML and PDF */
	struct tally	*tally;		/* counts the files put in place, or NULL */
};

#define REPORT_HTML	0x01
#define REPORT_PDF	0x02

/*
 * The template data of res: a map whose keys become the template's
 * globals (report, columns, people, ranking, teams, …).  site (may be
 * NULL) gives the company name, role titles and the department.  The
 * caller frees the result with tmpl_val_free().
 */
struct tmpl_val	*report_data(const struct sales_result *res,
		    const struct rb_site *site);

/*
 * Renders the report template with report_data(res, site) and parses the
 * output into a document tree.  Template and tree errors are reported to
 * d at the template's file:line.  Returns the tree (caller frees with
 * doc_free), or NULL on error.
 */
struct doc_node	*report_tree(struct diag *d, struct tmpl *t,
		    const struct sales_result *res, const struct rb_site *site);

/*
 * `rolebook report`: computes the month (sales_month), renders every
 * format and the payroll export in memory, and only when all of it
 * succeeded writes the files (each atomically; all temporary files are
 * written before the first is renamed into place).  Returns 0 on
 * success, -1 when errors were reported to d (then nothing is written).
 * An unwritable output folder is DIAG_FATAL.
 */
int		 report_run(struct diag *d, const struct rb_site *site,
		    const struct report_opts *o);

/*
 * Writes n files as one set: every file to a temporary name first; if any
 * write fails, the temporaries are removed and nothing is replaced;
 * otherwise each is renamed into place (files already holding exactly
 * those bytes are left untouched, and counted so in tally, which may be
 * NULL).  On failure returns -1 with errno set and *failed naming the path
 * that failed.
 */
int		 report_write_set(const char *const *paths,
		    const struct buf *data, size_t n, const char **failed,
		    struct tally *tally);

#endif
