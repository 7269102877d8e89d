/*
 * build.h — the build stage: turns a loaded, validated site into the
 * handbook outputs through the templates (src/tmpl), the document tree
 * (src/doc) and a backend (src/html, src/pdf).  Called by `rolebook build`.
 *
 *	data_site()		the model as template data (data.c)
 *	build_handbook_html()	out/handbook/ (handbook_html.c)
 *	build_handbook_pdf()	out/handbook.pdf, out/roles/<id>.pdf
 *				(handbook_pdf.c, the PDF backend's)
 *	build_handbook_docx()	out/handbook.docx, out/roles/<id>.docx
 *				(handbook_pdf.c, through src/docx)
 *
 * See docs/templates.md ("Data") for what templates see and
 * README.md for the output files.
 */
#ifndef RB_BUILD_H
#define RB_BUILD_H

#include "../util/diag.h"
#include "../model/model.h"
#include "../tmpl/tmpl.h"
#include "../util/tally.h"

struct build_opts {
	const char	*content;	/* the content folder */
	const char	*out;		/* output folder (default "out") */
	const char	*templates;	/* user templates folder or NULL */
	int		 html, pdf, docx; /* which outputs */
	struct tally	*tally;		/* counts the files put in place, or NULL */
	int		 pdfa;		/* PDFs as PDF/A-1b (--pdf-a) */
	int		 untagged;	/* PDFs untagged (--no-pdf-tags) */
	/* set by build_handbook_html: the text of out/.rolebook-html (its
	 * incremental record), which the caller writes with
	 * build_html_record() once the whole build succeeded */
	struct buf	*html_record;
	int		 html_record_ok;
};

/*
 * The whole model as a map of template data for target "html" or "pdf"
 * (links are "roles/<id>.html" or "#role-<id>").  Keys: target, org,
 * departments, roles, top_roles, calendar, stats.  Rich fields are
 * escaped XHTML fragments (output them with <%- %>), plain fields are
 * unescaped text (<%= %>); every content field has a "file:line:col"
 * position (src, srcs.<field>).  The caller frees it with tmpl_val_free(),
 * before the site: it borrows the site's strings.
 */
struct tmpl_val	*data_site(const struct rb_site *, const char *target);

/*
 * A render root for one page: references to every top-level entry of
 * site (from data_site) plus base (the relative path back to the output's
 * top, "" or "../").  Add page keys (role, department) with
 * tmpl_map_set(); free with tmpl_val_free() before site.
 */
struct tmpl_val	*data_page(const struct tmpl_val *site, const char *base);

/*
 * Writes out/handbook/: index.html, calendar.html, departments/<id>.html,
 * roles/<id>.html and style.css.  Every page is rendered and checked
 * first; nothing is written when a template fails (errors in d at the
 * template's file:line).  Unchanged files are not rewritten; pages of roles
 * or departments that no longer exist are removed.  Returns 0 or -1.
 */
int	build_handbook_html(struct diag *, const struct rb_site *,
	    struct tmpl *, struct build_opts *);
/* Writes (or removes, when empty) out/.rolebook-html, then frees it. */
void	build_html_record(struct build_opts *);

/*
 * The PDF handbook and role sheets (handbook.lua.html, rolesheet.lua.html):
 * provided by the PDF backend (src/build/handbook_pdf.c).  Returns 0 or -1.
 */
int	build_handbook_pdf(struct diag *, const struct rb_site *,
	    struct tmpl *, const struct build_opts *);
/*
 * The same documents as editable Word files (--format docx), from the
 * same templates and document tree, written by src/docx: the same
 * incremental, all-or-nothing job as the PDFs.  Returns 0 or -1.
 */
int	build_handbook_docx(struct diag *, const struct rb_site *,
	    struct tmpl *, const struct build_opts *);

/*
 * `rolebook dump-layout FILE.xhtml [-o FILE.pdf]` (undocumented, for the
 * layout tests): parses an rb-document, prints the PDF backend's layout
 * dump to standard output and, with pdfout, writes the PDF.  The theme is
 * theme.conf of t's folders (t may be NULL: defaults).  Returns 0 or -1.
 */
int	build_dump_layout(struct diag *, const char *file, struct tmpl *t,
	    const char *pdfout);

/*
 * Reads a PDF theme: the first of names (NULL-terminated, e.g.
 * "report-theme.conf", "theme.conf") found in t's folders (t may be NULL),
 * else the defaults.  *dir is the folder the theme came from (caller
 * frees; NULL for the defaults), where its images are looked up.
 * Returns -1 on a bad theme (reported to d), else 0.
 */
struct pdf_theme;
int	build_theme(struct diag *, struct tmpl *t, const char *const *names,
	    struct pdf_theme *, char **dir);

#endif
