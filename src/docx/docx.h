/*
 * docx.h — the Word backend: writes a document tree (src/doc/doc.h) as an
 * Office Open XML word-processing package (.docx) with the PDF theme's
 * page size, margins, fonts, sizes and colours (src/pdf/pdf.h,
 * templates/theme.conf).  The same tree and theme give the same bytes.
 * Three layers: the package (package.c: zip, parts, relationships,
 * content types), the body (body.c: the tree walked into document.xml,
 * header and footer) and the fixed parts (styles.c: styles, numbering,
 * settings).  See docs/docx.md.
 *
 * Used by the build (src/build/handbook_pdf.c, the job of both paged
 * formats).
 */
#ifndef RB_DOCX_H
#define RB_DOCX_H

#include "../util/diag.h"

struct buf;
struct doc_node;
struct pdf_theme;

struct docx_opts {
	const struct pdf_theme *theme;	/* NULL: the built-in defaults */
	long long	 date;		/* docProps created/modified (seconds
					   since the epoch) or -1: none */
};

/**
 * Writes the document rooted at root (an rb-document) as a .docx,
 * appended to out.  Returns 0, or -1 after a diagnostic in d (out then
 * holds nothing new).
 */
int	docx_render(struct diag *, const struct doc_node *root,
	    const struct docx_opts *, struct buf *out);

#endif
