/*
 * docx_int.h — internal to the Word backend (src/docx) only: the state one
 * document's parts are built in, shared by package.c, body.c and styles.c.
 */
#ifndef RB_DOCX_INT_H
#define RB_DOCX_INT_H

#include <stddef.h>
#include <stdint.h>
#include "../util/util.h"

struct doc_node;
struct pdf_theme;

#define DOCX_NS_W	"http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define DOCX_NS_R	"http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define DOCX_XML_DECL	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"

/* Relationships of word/document.xml: the fixed ones, then one per
 * external hyperlink from DOCX_RID_LINK0 on. */
enum docx_rid {
	DOCX_RID_STYLES = 1, DOCX_RID_NUMBERING, DOCX_RID_SETTINGS,
	DOCX_RID_HEADER, DOCX_RID_FOOTER, DOCX_RID_LINK0
};

/* The list numbering ids (numbering.xml): bullets, then one per <ol>. */
#define DOCX_NUM_BULLET	1
#define DOCX_NUM_OL0	2

/* How an <ol> numbers (its class, as the PDF layout reads it): 1. (1)
 * 一、 （一）; each is an abstract numbering of its own. */
enum docx_fmt {
	DOCX_FMT_DECIMAL = 1,
	DOCX_FMT_PAREN,
	DOCX_FMT_CN,
	DOCX_FMT_CN_PAREN
};
#define DOCX_LIST_LEVELS 9	/* Word's levels, 0-8 */
#define DOCX_LIST_INDENT 420	/* per level [twips] (2 em of 10.5 pt) */

struct docx_doc {
	const struct pdf_theme *th;
	const struct doc_node *root;
	struct buf	 document;	/* word/document.xml */
	struct buf	 header;	/* word/header1.xml */
	struct buf	 footer;	/* word/footer1.xml */
	char		**links;	/* external targets, rId DOCX_RID_LINK0+i */
	size_t		 nlinks;
	long		*olstart;	/* first number of each <ol>, in order */
	unsigned char	*olfmt;		/* and its DOCX_FMT_* (from its class) */
	size_t		 nol;
	int		 toc;		/* holds a TOC field */
};

/* Builds document, header and footer from root (body.c). */
void	docx_body(struct docx_doc *);
/* The fixed parts (styles.c): styles from the theme, numbering for the
 * lists of the body, settings. */
void	docx_styles(struct buf *, const struct pdf_theme *);
void	docx_numbering(struct buf *, const struct docx_doc *);
void	docx_settings(struct buf *, const struct docx_doc *);

/* Appends n bytes of UTF-8 escaped for XML text or (attr) a double-quoted
 * attribute; drops what XML 1.0 forbids (control characters other than
 * tab, newline and return, U+FFFE, U+FFFF, malformed bytes) (package.c). */
void	docx_put_text(struct buf *, const char *s, size_t n, int attr);
/* Points to twentieths of a point, rounded. */
long	docx_twips(double pt);

#endif
