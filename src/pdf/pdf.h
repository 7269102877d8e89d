/*
 * pdf.h — the PDF backend: lays out a document tree (src/doc/doc.h) on A4
 * pages with a theme (fonts, sizes, margins, colours) and writes it with
 * its own PDF writer (pdfw.c), fonts embedded as subsets.  Two layers:
 * layout (layout*.c, no PDF syntax) and output (write.c, pdfw.c).  The same tree, theme and fonts give the
 * same bytes.  See docs/pdf.md.
 *
 * Used by the build (src/build/handbook_pdf.c) and the hidden
 * `rolebook dump-layout` command of the tests.
 */
#ifndef RB_PDF_H
#define RB_PDF_H

#include <stddef.h>
#include <stdint.h>
#include "../util/diag.h"

struct buf;
struct doc_node;

/* The theme: templates/theme.conf (key = value); see docs/pdf.md. */
struct pdf_theme {
	double		 page_w, page_h;	/* [pt] */
	double		 margin_top, margin_bottom;
	double		 margin_left, margin_right;
	char		*font_body;	/* fontconfig family names */
	char		*font_em;
	char		*font_mono;
	double		 size_body;	/* [pt] */
	double		 size_small;
	double		 size_code;
	double		 size_h[4];
	double		 size_header;	/* running header and footer */
	double		 size_title;	/* cover title (class "cover" h1) */
	double		 leading;	/* line height / font size */
	double		 par_space;	/* between blocks [pt] */
	double		 h_before;	/* above headings [em of the heading] */
	double		 h_after;	/* below headings [em of the heading] */
	int		 h1_new_page;	/* h1 starts a new page */
	int		 justify;	/* justify paragraphs */
	int		 bracket_half;	/* opening mark at a line start: half
					   width (1) or full (0) */
	double		 list_indent;	/* [em] */
	double		 cell_pad;	/* table cell padding [pt] */
	double		 rule_width;	/* table borders, hr [pt] */
	uint32_t	 color_text;	/* 0xRRGGBB */
	uint32_t	 color_heading;
	uint32_t	 color_link;
	uint32_t	 color_muted;	/* header, footer, blockquote */
	uint32_t	 color_rule;
	uint32_t	 color_th_bg;
	uint32_t	 color_code_bg;
	double		 sign_space;	/* room to sign above a signature line */
	double		 chart_height;	/* charts without a measured height */
};

/* Defaults (the built-in theme without a file). */
void	pdf_theme_default(struct pdf_theme *);
/*
 * Reads a theme file over the defaults in t; errors at file:line:col.
 * Returns -1 when the file cannot be read or has errors.
 */
int	pdf_theme_load(struct diag *, const char *path, struct pdf_theme *t);
int	pdf_theme_parse(struct diag *, const char *path, const char *text,
	    size_t len, struct pdf_theme *t);
void	pdf_theme_free(struct pdf_theme *);

/*
 * The theme's fonts, opened once (fontconfig, HarfBuzz) and reused by
 * every document of a build.  NULL after a DIAG_FATAL diagnostic when a
 * family is missing or unusable.
 */
struct pdf_fonts;
struct pdf_fonts *pdf_fonts_open(struct diag *, const struct pdf_theme *);
void	pdf_fonts_free(struct pdf_fonts *);
/* Calls cb with the file and face index of each font (digests). */
void	pdf_fonts_hash(const struct pdf_fonts *,
	    void (*cb)(void *, const char *file, int index), void *arg);

struct pdf_opts {
	const struct pdf_theme *theme;	/* NULL: defaults */
	struct pdf_fonts *fonts;	/* NULL: opened for this call */
	const char *const *imgdirs;	/* folders for <img src>, NULL-ended;
					   NULL: the current folder */
	const char	*srcdir;	/* the content folder: a character
					   missing from a font is looked for
					   in its source file (data-src)
					   inside it, for its line:col; NULL:
					   no file is read for that */
	long long	 date;		/* creation date (seconds since the
					   epoch) or -1 for none */
	int		 free_tree;	/* pdf_render frees root once laid
					   out (a big document's tree is not
					   needed while the PDF is written) */
	int		 pdfa;		/* write PDF/A-1b (--pdf-a) */
	int		 untagged;	/* no structure tree, no marked
					   content (--no-pdf-tags) */
};

/**
 * Lays out and writes the document rooted at root (an rb-document).
 * Appends the PDF to pdf_out (may be NULL: layout only) and, when
 * layout_dump is not NULL, the layout dump (pages, items, lines and their
 * break reasons).  Every character is checked against its font; missing
 * ones, bad images and unusable fonts are diagnostics.  Returns 0, or -1
 * when errors were reported (pdf_out then holds nothing new).  With
 * opts->free_tree the tree is freed in every case (root is then really
 * not const: the caller gives it away).
 */
int	pdf_render(struct diag *, const struct doc_node *root,
	    const struct pdf_opts *, struct buf *pdf_out,
	    struct buf *layout_dump);

/* The sRGB profile of PDF/A's output intent (Debian icc-profiles-free). */
#define PDF_SRGB_ICC	"/usr/share/color/icc/sRGB.icc"

/** SOURCE_DATE_EPOCH from the environment, or -1. */
long long pdf_source_date(void);

#endif
