/*
 * layout.h — the PDF backend's layout layer (internal to src/pdf): turns a
 * document tree into pages of positioned drawing operations, without a
 * single line of PDF syntax (mandoc term.c: layout first, then the output layer,
 * write.c).  Fonts are reached through struct lay_fonts, so unit tests can
 * lay out with fixed metrics.
 *
 * The pipeline: blocks (layout.c) and paragraphs (layout_para.c) and tables
 * (layout_table.c) become a vertical list of items — lines, glue, boxes,
 * table rows — each with its drawing operations relative to the item's
 * top; pagination (layout_page.c) places the items on pages, keeping
 * headings with what follows, avoiding widows and orphans, repeating table
 * headers, and writes the layout dump for tests.
 *
 * Coordinates are PDF points, y growing downwards from the top of the page
 * (the writer flips them).  Ownership: struct lay owns everything it holds;
 * lay_free() frees it.  Doc nodes are borrowed from the tree.
 */
#ifndef RB_PDF_LAYOUT_H
#define RB_PDF_LAYOUT_H

#include <stddef.h>
#include <stdint.h>
#include "../util/util.h"
#include "../util/diag.h"
#include "../doc/doc.h"
#include "pdf.h"
#include "../doc/orgtree.h"

/* Font faces the layout uses; the theme names their families. */
enum lay_face {
	FACE_BODY, FACE_BOLD,		/* font.body, regular and bold */
	FACE_EM, FACE_EM_BOLD,		/* font.em (em) */
	FACE_MONO, FACE_MONO_BOLD,	/* font.mono (code, pre) */
	FACE__MAX
};

/* Metrics and charts, supplied by the caller (pdf.c; fixed in tests). */
struct lay_fonts {
	void	*ctx;
	/* 1 when face has a glyph for cp. */
	int	(*has)(void *ctx, int face, uint32_t cp);
	/* Advance width of cp in 1/1000 em. */
	int	(*advance)(void *ctx, int face, uint32_t cp);
	/* Reports the n missing characters cps, a run as written, at pos
	 * (one diagnostic). */
	void	(*missing)(void *ctx, struct diag *, const struct rb_pos *,
		    int face, const uint32_t *cps, size_t n);
	/* Height [pt] of a chart or org chart drawn w points wide; NULL: a
	 * fixed height. */
	double	(*chart_height)(void *ctx, const struct doc_node *, double w);
	/* An org chart on sheets at most w wide and maxh high (orgtree.h),
	 * and the height [pt] of each; NULL: one box of chart_height. */
	void	(*org_layout)(void *ctx, const struct doc_node *, double w,
		    double maxh, struct og_chart *);
	double	(*org_height)(void *ctx, const struct og_chart *, size_t s);
	/* Dump lines of a chart's value labels moved or dropped; NULL:
	 * none. */
	void	(*chart_dump)(void *ctx, const struct doc_node *, double w,
		    struct buf *, const char *indent);
	/* Blank of full-width punctuation cp on its left and right, 1/1000
	 * em (font_blank()); NULL: opening marks blank on the left half,
	 * closing marks and stops on the right half (GB/T 15834). */
	void	(*blank)(void *ctx, int face, uint32_t cp, int lr[2]);
};

/* Drawing operations (the writer's input). */
enum lay_opk {
	LOP_TEXT,	/* text run: baseline at (x, y), str, face, size,
			   colour, extra spacing after each character cs */
	LOP_LINE,	/* stroked line (x, y)-(x + w, y + h), width lw */
	LOP_RECT,	/* filled rectangle x, y, w, h */
	LOP_FRAME,	/* stroked rectangle, width lw */
	LOP_IMAGE,	/* PNG file str drawn in x, y, w, h */
	LOP_LINK,	/* link area x, y, w, h to str: "#id" or a URI */
	LOP_ANCHOR,	/* target str (an id) at y */
	LOP_OUTLINE,	/* bookmark str at y; level 0 (h1) or 1 (h2) */
	LOP_CHART,	/* chart or org chart node drawn in x, y, w, h; an
			   org chart's sheet len of L->orgs[str] (sheets
			   at most size high) */
	LOP_PAGENO,	/* page number of anchor str, right-aligned at x;
			   resolved to LOP_TEXT after pagination */
	LOP_MARK	/* nothing drawn: element se, which has no content
			   (an empty table cell), goes into the structure
			   here, in its place among its siblings */
};

#define LOPF_MARKER	0x01	/* list marker: not part of the line's text */

/*
 * Structure elements for the tagged PDF: the logical structure the
 * layout met, in document order (L->se; index 0 is no element: an op
 * with se 0 is an artifact — running header and footer, rules, dot
 * leaders, backgrounds, repeated table headers).  Every drawing op
 * names the innermost element it belongs to; the writer marks its
 * content with that element (write.c, pdfw.c).
 */
enum lay_setype {
	SE_NONE, SE_DOCUMENT, SE_SECT, SE_DIV, SE_H1, SE_H2, SE_H3, SE_H4,
	SE_P, SE_L, SE_LI, SE_LBL, SE_LBODY, SE_TABLE, SE_THEAD, SE_TBODY,
	SE_TR, SE_TH, SE_TD, SE_FIGURE, SE_LINK, SE_TOC, SE_TOCI,
	SE_BLOCKQUOTE, SE__MAX
};
/* Standard structure type names (PDF 1.7, 14.8.4), by enum lay_setype. */
extern const char *const lay_se_name[SE__MAX];

#define LSE_COLUMN	1	/* TH: header of its column */
#define LSE_ROW		2	/* TH: header of its row */

struct lay_se {
	unsigned char	 type;	/* enum lay_setype */
	unsigned char	 scope;	/* TH: LSE_* */
	uint32_t	 parent;	/* index in L->se; 0 for the document */
	union {
		struct {	/* Figure, Link */
			uint32_t alt, altlen;	/* alternative text in the
					   arena (Figure), a link's text */
		};
		struct {	/* TH, TD */
			uint32_t colspan, rowspan;	/* 0 or 1: one */
		};
	};
};

struct lay_op {
	unsigned char	 kind;	/* enum lay_opk */
	unsigned char	 face;	/* enum lay_face */
	unsigned char	 level;	/* LOP_OUTLINE */
	unsigned char	 flags;	/* LOPF_* */
	uint32_t	 color;	/* 0xRRGGBB */
	float		 x, y, w, h;	/* floats: a layout holds millions */
	float		 size;	/* font size [pt] or line width */
	float		 cs;	/* character spacing [pt] */
	uint32_t	 str;	/* offset of NUL-terminated text in arena */
	uint32_t	 len;	/* its length in bytes */
	uint32_t	 se;	/* structure element (L->se); 0: artifact */
	const struct doc_node *node;	/* LOP_CHART, LOP_IMAGE */
};

/* Vertical list items. */
enum lay_itk {
	IT_LINE,	/* a line of text */
	IT_GLUE,	/* vertical space, dropped at the top of a page */
	IT_BOX,		/* an unbreakable box: rule, image, chart, signature */
	IT_ROW,		/* a table row (cells with their own item lists) */
	IT_BREAK	/* forced page break */
};

#define ITF_KEEP	0x01	/* no page break after this item */
#define ITF_HEADER	0x02	/* table header row: repeated on new pages */
#define ITF_SPLIT	0x04	/* row continued from the previous page */

/* Why a line ended (dump). */
enum lay_brk {
	BRK_END,	/* end of paragraph */
	BRK_ALLOW,	/* at a break opportunity */
	BRK_MUST,	/* <br/> or a newline in pre */
	BRK_OVERFLOW,	/* nothing fitted: broken between characters */
	BRK_KINSOKU,	/* moved back to a break opportunity by kinsoku */
	BRK_LONE	/* moved back so that the last line holds more than
			   one character (clreq) */
};

struct lay_vlist;
struct lay_row;

struct lay_item {
	unsigned char	 kind;	/* enum lay_itk */
	unsigned char	 flags;	/* ITF_* */
	unsigned char	 brk;	/* IT_LINE: enum lay_brk */
	unsigned char	 tag;	/* enum doc_tag of the block, for the dump */
	int		 tbl;	/* IT_ROW: table number; else -1 */
	int		 lineno; /* IT_LINE: 1-based line of its paragraph */
	double		 x, w;	/* horizontal extent (dump, checks) */
	double		 h;	/* height [pt] */
	size_t		 op0, nops;	/* ops in the list, y from item top */
	struct lay_row	*row;	/* IT_ROW */
	uint32_t	 dstr, dlen;	/* IT_LINE, dump only: its text */
};

struct lay_vlist {
	struct lay_item	*it;
	size_t		 n, cap;
	struct lay_op	*ops;
	size_t		 nops, capops;
	uint32_t	 se;	/* structure element of ops made now */
};

struct lay_cell {
	double		 x, w;	/* relative to the row's origin */
	double		 pad;
	uint32_t	 bg;	/* background colour; 0xFFFFFFFF none */
	int		 rowspan;
	double		 h;	/* frame height (rows it spans) */
	struct lay_vlist vl;	/* content; x relative to the content box */
};

struct lay_row {
	struct lay_cell	*cells;
	size_t		 ncells;
	double		 bw;	/* border width */
	uint32_t	 bc;	/* border colour */
	int		 part;	/* 0 whole, else 1-based part of a split row */
};

/* A page after pagination: its ops are pops[op0 .. op0 + nops). */
struct lay_page {
	size_t		 op0, nops;
	size_t		 fop0, fnops;	/* running header and footer: fops */
};

struct lay_anchor {
	char		*id;	/* owned */
	int		 page;	/* 1-based */
	double		 y;
};

struct S_para;

struct lay {
	struct diag		*d;
	const struct pdf_theme	*th;
	struct pdf_theme	 compact;	/* th for class="compact" */
	const struct pdf_theme	*theme;		/* the caller's */
	const struct lay_fonts	*fonts;
	const struct doc_node	*root;
	const char		*const *imgdirs;	/* NULL-terminated */
	struct buf		 arena;	/* NUL-terminated strings of ops */
	struct lay_vlist	 main;	/* the document's items */
	int			 ntables;
	/* table header rows: hdr[t] = first item index, nhdr[t] count */
	size_t			*hdr, *nhdr;
	size_t			 caphdr;
	/* pagination */
	struct lay_page		*pages;
	size_t			 npages, cappages;
	struct lay_op		*pops;
	size_t			 npops, cappops;
	struct lay_vlist	 frame;	/* header and footer ops (fops) */
	/* anchors: id -> page (open addressing, power-of-two size) */
	struct lay_anchor	*anch;
	size_t			 nanch, capanch;
	/* previous pass's anchors for rb-pageref (NULL in pass 1) */
	struct lay_anchor	*prev;
	size_t			 capprev;
	int			 has_pageref;
	int			 cover;	/* first page is a cover: no header */
	int			 ownhead; /* document opens with <header> */
	struct S_para		*para;	/* reusable paragraph buffers */
	struct og_chart		*orgs;	/* org charts of this pass */
	size_t			 norgs, caporgs;
	struct buf		*dump;	/* layout dump or NULL */
	/* structure elements (tagged PDF); se[0] is unused */
	struct lay_se		*se;
	size_t			 nse, capse;
	uint32_t		 para_se;	/* of the paragraph being set */
	int			 se_on;	/* setting (not measuring) it */
	int			 errors;	/* diagnostics issued */
	/* reported missing characters (code point, node) to avoid repeats */
	struct { uint32_t cp; const struct doc_node *n; } *miss;
	size_t			 nmiss, capmiss;
	/* where in their source files those were found (lay_missing()) */
	struct { uint32_t cp; int line, col; char *file; } *missat;
	size_t			 nmissat, capmissat;
	const char		*srcdir;	/* sources are read only inside
						   it (pdf_opts); NULL: never */
	char			*srcfile;	/* the last source read for that */
	char			*srctext;	/* its text (UTF-8), NULL: unusable */
	size_t			 srclen;
};

/* layout.c */
void	 lay_init(struct lay *, struct diag *, const struct pdf_theme *,
	    const struct lay_fonts *, const char *const *imgdirs);
void	 lay_free(struct lay *);
/* Lays out the document: blocks, then pages (one pass; pdf.c repeats it
 * for rb-pageref).  Returns -1 when diagnostics were issued. */
int	 lay_run(struct lay *, const struct doc_node *root);
double	 lay_adv(struct lay *, int face, uint32_t cp, double size);
int	 lay_has(struct lay *, int face, uint32_t cp);
uint32_t lay_str(struct lay *, const char *, size_t);
/* A new structure element under parent; returns its index. */
uint32_t lay_se_new(struct lay *, int type, uint32_t parent);
struct lay_op *lay_op_new(struct lay_vlist *, enum lay_opk);
struct lay_item *lay_item_new(struct lay_vlist *, enum lay_itk, double h);
void	 lay_vlist_free(struct lay_vlist *);
void	 lay_vlist_shrink(struct lay_vlist *);
/* Source position of node n for diagnostics: the nearest data-src. */
void	 lay_pos(const struct doc_node *, struct rb_pos *, char *file,
	    size_t filesz);
void	 lay_missing(struct lay *, const struct doc_node *, int face,
	    uint32_t cp);
void	 lay_anchors_free(struct lay_anchor *, size_t cap);
void	 lay_anchor_set(struct lay *, const char *id, int page, double y);
const struct lay_anchor *lay_anchor_find(const struct lay_anchor *,
	    size_t cap, const char *id);
/* Height [pt] an org chart's sheets may take on th's page. */
double	 lay_org_maxh(const struct pdf_theme *th);
int	 lay_text_width_check(struct lay *, const struct doc_node *, int face,
	    const char *s, size_t len, double size, double *w);

/* Inline formatting (layout_para.c). */
struct lay_style {
	int		 face;
	double		 size;
	uint32_t	 color;
	const char	*href;	/* inside <a href> */
	uint32_t	 se;	/* its Link structure element, or 0 */
};

enum lay_align { AL_JUSTIFY, AL_LEFT, AL_CENTER, AL_RIGHT };

/* The state of one vertical list being filled (shared by nested blocks). */
struct lay_flow {
	struct lay_vlist *vl;
	double		 space;	/* pending vertical space before next block */
	int		 keep;	/* glue now emitted stays with what precedes;
				   2: a heading's (its next line keeps too) */
	int		 first;	/* nothing emitted yet */
	/* pending anchors and bookmarks for the next content item */
	const struct doc_node *anch[32];
	int		 nanch;
	/* pending list marker for the next line, and its Lbl element */
	const char	*marker;
	uint32_t	 mse;
	size_t		 markerlen;
	struct lay_style mstyle;
	double		 markerx;	/* left edge */
	double		 mraise;	/* baseline raised by [pt] */
	double		 mtext;		/* size of the item's text */
};

/* A block context: the box paragraphs are set in. */
struct lay_blk {
	struct lay_flow	*fs;
	double		 x, w;	/* content box, relative to the list origin */
	int		 align;	/* enum lay_align */
	int		 pre;	/* inside <pre> */
	int		 listdepth;
	double		 bars[8];	/* blockquote bars beside every item */
	int		 nbars;
	uint32_t	 bg;	/* pre: background per line; LAY_NONE none */
	double		 bgx, bgw;
	const char	*linkall;	/* every line links here (TOC) */
	double		 leading;	/* line height / size; 0: the theme's */
};

#define LAY_NONE	0xFFFFFFFFu

void	 para_free(struct S_para *);
/*
 * Sets the inline content of nodes [first, last] (siblings; last NULL: to
 * the end) as one paragraph in blk with base style st; emits line items.
 * tag names the block in the dump.  Returns the number of lines.
 */
int	 para_layout(struct lay *, struct lay_blk *, const struct doc_node *first,
	    const struct doc_node *last, const struct lay_style *st, int tag,
	    double reserve, const char *pageno_id);
/* Minimum (widest unbreakable piece) and maximum (one line) widths. */
void	 para_measure(struct lay *, const struct doc_node *first,
	    const struct doc_node *last, const struct lay_style *st, int pre,
	    double *min, double *max);
/* Emits pending anchors, bars and the marker onto item it. */
void	 blk_decorate(struct lay *, struct lay_blk *, struct lay_item *);
void	 blk_space(struct lay *, struct lay_blk *);

/* Blocks (layout.c), used by tables for cell content. */
void	 lay_flow(struct lay *, struct lay_blk *, const struct doc_node *parent,
	    const struct lay_style *st);
void	 lay_flow_measure(struct lay *, const struct doc_node *parent,
	    const struct lay_style *st, double *min, double *max);

/* Tables (layout_table.c). */
void	 table_layout(struct lay *, struct lay_blk *, const struct doc_node *,
	    const struct lay_style *);

/* Pagination (layout_page.c). */
void	 page_run(struct lay *);

/* Character classes. */
int	 lay_is_han(uint32_t cp);	/* ideographs and kana */
int	 lay_is_latin(uint32_t cp);	/* letters and digits */

#endif
