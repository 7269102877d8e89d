/*
 * pdfw.h — rolebook's PDF file writer: objects, compressed streams, the
 * cross-reference table, CID TrueType fonts (HarfBuzz subsets from
 * font.c, Identity-H, a ToUnicode map from glyphs to the text they
 * show), PNG images, page content streams, link annotations, bookmarks
 * and the document information.  For use by src/pdf only.
 *
 * Written once, front to back, into a struct buf: a page's content and
 * annotations go out when the page ends, fonts and images when they are
 * added, so memory holds the file being written plus one page.  The same
 * calls give the same bytes (no dates but the one given, no /ID, subset
 * tags from the glyphs used; the trailer's /ID is a hash of the file's
 * bytes).
 *
 * Tagged PDF: pdfw_se() declares structure elements (parents first);
 * pdfc_tag() / pdfc_end_tag() mark a page's content as belonging to one
 * (an MCID), pdfc_artifact() as an artifact; a link given an element
 * becomes its OBJR.  An element is written when something of it was
 * marked, its kids in the order marked; with any element the catalog
 * has a StructTreeRoot, /MarkInfo and a ParentTree.
 *
 * Use:
 *	w = pdfw_new(out, npages);
 *	fi = pdfw_font(w, d, f);	every font, after its font_use()
 *	for each page p:
 *		c = pdfw_page_begin(w, p, width, height);
 *		pdfc_*(c, …); pdfw_link_*(w, …);
 *		pdfw_page_end(w);
 *	pdfw_outline(w, …); pdfw_info(w, …);
 *	pdfw_finish(w);			or pdfw_free(w) to give up
 */
#ifndef RB_PDF_PDFW_H
#define RB_PDF_PDFW_H

#include <stddef.h>
#include <stdint.h>
#include "../util/util.h"
#include "../util/diag.h"
#include "font.h"

struct pdfw;

/* Text rendering modes used. */
#define PDFC_FILL		0
#define PDFC_FILL_STROKE	2

/* A page's content stream. */
struct pdfc {
	struct pdfw	*w;
	struct buf	 b;
	double		 tx, ty;	/* text line origin inside BT/ET */
};

/** Starts a PDF of npages pages appended to out. */
struct pdfw	*pdfw_new(struct buf *out, size_t npages);
/** Ends the file (outlines, info, page tree, xref); frees w. */
void		 pdfw_finish(struct pdfw *);
/** Frees w without finishing (out then holds a partial file). */
void		 pdfw_free(struct pdfw *);

/**
 * Embeds f as a subset of the code points recorded with font_use() (see
 * font.h); returns its font number for pdfc_font(), the same number for
 * the same f, or -1 after a DIAG_FATAL diagnostic.  Code points used
 * after this call are not in the font.
 */
int	pdfw_font(struct pdfw *, struct diag *, struct font *);
/** Embeds the PNG file path; returns its image number, or -1 when the
 *  file cannot be read as a PNG. */
int	pdfw_image(struct pdfw *, const char *path);

/** Starts page p (0-based, in order) of width x height points. */
struct pdfc	*pdfw_page_begin(struct pdfw *, size_t p, double width,
		    double height);
/** Writes the current page's content and annotations. */
void		 pdfw_page_end(struct pdfw *);

/** A link on the current page, rectangle in user space (y up), to page
 *  p (0-based) with its top edge at y top; or to an URI.  se: its Link
 *  structure element or -1; contents: its /Contents (what it says) or
 *  NULL. */
void	pdfw_link_page(struct pdfw *, double l, double b, double r, double t,
	    size_t p, double top, int se, const char *contents);
void	pdfw_link_uri(struct pdfw *, double l, double b, double r, double t,
	    const char *uri, int se, const char *contents);

/**
 * A structure element of standard type (static string: "P", "H1",
 * "Figure", …) under element parent (-1: the document's top); alt: its
 * /Alt or NULL; scope: 1 a TH heading its column, 2 its row, else 0.
 * Returns its number.
 */
/**
 * Element se has no content (an empty table cell): it goes into the
 * structure now, after what was marked so far, with no kids.
 */
void	pdfw_se_empty(struct pdfw *, int se);
/**
 * Table cell se spans colspan columns and rowspan rows (its /ColSpan and
 * /RowSpan attributes when more than 1).
 */
void	pdfw_se_span(struct pdfw *, int se, int colspan, int rowspan);
int	pdfw_se(struct pdfw *, const char *type, int parent, const char *alt,
	    int scope);
/** Marks what follows as content of element se (BDC with an MCID)... */
void	pdfc_tag(struct pdfc *, int se);
/** ... or as an artifact (pagination: a running header or footer)... */
void	pdfc_artifact(struct pdfc *, int pagination);
/** ... up to here (EMC). */
void	pdfc_end_tag(struct pdfc *);

/** A bookmark: level 0 at the top, level 1 under the last level 0; to
 *  page p (0-based) at y top. */
void	pdfw_outline(struct pdfw *, int level, const char *title, size_t p,
	    double top);
/** Document information: key is Title, Author, Subject, Creator; value
 *  UTF-8.  Dates: seconds since the epoch (CreationDate, ModDate). */
void	pdfw_info(struct pdfw *, const char *key, const char *value);
void	pdfw_info_date(struct pdfw *, long long date);
/** The document's natural language (BCP 47, e.g. zh-CN). */
void	pdfw_lang(struct pdfw *, const char *lang);
/**
 * Makes the file PDF/A-1b (ISO 19005-1, level B), right after
 * pdfw_new(): version 1.4, no object or cross-reference streams (a
 * classic xref table), XMP metadata with pdfaid and the information
 * dictionary's values, an sRGB output intent from the ICC profile
 * icc[0..len), a CIDSet in every font descriptor, printable link
 * annotations, images without soft masks (alpha blended on white).
 */
void	pdfw_pdfa(struct pdfw *, const void *icc, size_t len);

/* Content stream operators (PDF names in comments). */
void	pdfc_fill_rgb(struct pdfc *, uint32_t rgb);		/* rg */
void	pdfc_stroke_rgb(struct pdfc *, uint32_t rgb);		/* RG */
void	pdfc_line_width(struct pdfc *, double);			/* w */
void	pdfc_move(struct pdfc *, double x, double y);		/* m */
void	pdfc_line(struct pdfc *, double x, double y);		/* l */
void	pdfc_rect(struct pdfc *, double x, double y, double w, double h);
void	pdfc_circle(struct pdfc *, double x, double y, double r);
void	pdfc_close(struct pdfc *);				/* h */
/* A dash of on, off [pt] (d); on = 0: solid again. */
void	pdfc_dash(struct pdfc *, double on, double off);
void	pdfc_stroke(struct pdfc *);				/* S */
void	pdfc_fill(struct pdfc *);				/* f */
void	pdfc_fill_stroke(struct pdfc *);			/* B */
void	pdfc_save(struct pdfc *);				/* q */
void	pdfc_restore(struct pdfc *);				/* Q */
void	pdfc_concat(struct pdfc *, double a, double b, double c, double d,
	    double e, double f);				/* cm */
void	pdfc_image(struct pdfc *, int img, double x, double y, double w,
	    double h);						/* Do */
void	pdfc_begin_text(struct pdfc *);				/* BT */
void	pdfc_end_text(struct pdfc *);				/* ET */
void	pdfc_font(struct pdfc *, int font, double size);	/* Tf */
void	pdfc_render(struct pdfc *, int mode);			/* Tr */
void	pdfc_char_space(struct pdfc *, double);			/* Tc */
/** Moves the text position to (x, y) (Td) — inside BT/ET. */
void	pdfc_text_pos(struct pdfc *, double x, double y);
/** Sets the text matrix (Tm). */
void	pdfc_text_matrix(struct pdfc *, double a, double b, double c,
	    double d, double e, double f);
/** Shows UTF-8 text s[0..n) in font (Tj); characters not embedded in the
 *  font are left out. */
void	pdfc_show(struct pdfc *, int font, const char *s, size_t n);

#endif
