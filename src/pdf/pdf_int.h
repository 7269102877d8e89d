/*
 * pdf_int.h — shared by the PDF backend's driver (pdf.c) and writer
 * (write.c); internal to src/pdf.
 */
#ifndef RB_PDF_INT_H
#define RB_PDF_INT_H

#include "font.h"
#include "layout.h"

/* The fonts of the layout's faces; faces may share one struct font. */
struct pdf_fonts {
	struct font	*f[FACE__MAX];
	int		 owner[FACE__MAX];	/* face whose f this is */
	int		 synth[FACE__MAX];	/* draw with synthetic bold */
	int		 chart_errors;		/* characters missing in charts */
};

void	pdf_fonts_reset(struct pdf_fonts *);

/*
 * Writes the pages of a finished layout as a PDF appended to out.
 * date: creation date (seconds since the epoch) or -1; pdfa: PDF/A-1b
 * (the sRGB profile PDF_SRGB_ICC is read); untagged: no structure
 * tree and no marked content (--no-pdf-tags).  Returns -1 after a
 * diagnostic when a font cannot be subset, an image cannot be read or
 * the profile is missing.
 */
int	pdf_write(struct diag *, struct lay *, struct pdf_fonts *,
	    const struct doc_node *root, long long date, int pdfa,
	    int untagged, struct buf *out);

#endif
