/*
 * doc.h — the document tree: what templates produce and what both backends
 * (src/html, src/pdf) consume.  A documented subset of XHTML plus a few
 * elements of ours (rb-*); see docs/document-tree.md.
 *
 * Templates emit XHTML text; doc_parse() turns it into this tree, rejecting
 * anything outside the subset with the template's file:line.  The tree owns
 * all its strings; doc_free() frees a whole tree, iteratively.
 */
#ifndef RB_DOC_H
#define RB_DOC_H

#include <stddef.h>
#include "../util/diag.h"

/* The largest <ol start>: 9 digits, as CommonMark's list numbers; list
 * numbers stay far from overflow however long the list. */
#define DOC_OL_START_MAX	999999999L

enum doc_tag {
	DOC_TEXT,	/* character data; no children */
	/* structure */
	DOC_DOCUMENT,	/* <rb-document title="…">: the root of one output file */
	DOC_SECTION,	/* <section id class> */
	DOC_DIV,	/* <div id class> */
	DOC_NAV,	/* <nav> */
	DOC_HEADER,	/* <header> */
	DOC_FOOTER,	/* <footer> */
	DOC_MAIN,	/* <main>: the page's main content (HTML landmark) */
	/* block */
	DOC_H1, DOC_H2, DOC_H3, DOC_H4,
	DOC_P,
	DOC_UL, DOC_OL, DOC_LI,
	DOC_TABLE, DOC_THEAD, DOC_TBODY, DOC_TR, DOC_TH, DOC_TD,
	DOC_BLOCKQUOTE, DOC_PRE, DOC_HR,
	DOC_DL, DOC_DT, DOC_DD,
	DOC_IMG,	/* <img src alt width height>: 8-bit PNG */
	/* inline */
	DOC_A, DOC_EM, DOC_STRONG, DOC_CODE, DOC_SPAN, DOC_BR, DOC_SMALL,
	/* ours */
	DOC_PAGEBREAK,	/* <rb-pagebreak/> */
	DOC_TOC,	/* <rb-toc/>: table of contents built by the backend */
	DOC_PAGEREF,	/* <rb-pageref href="#id"/>: page number of a target */
	DOC_CHART,	/* <rb-chart type="bar|line" title unit> of rb-series */
	DOC_SERIES,	/* <rb-series name>: rb-point children */
	DOC_POINT,	/* <rb-point label value/> */
	DOC_ORGCHART,	/* <rb-orgchart>: rb-orgnode children */
	DOC_ORGNODE,	/* <rb-orgnode label sub href>: nested rb-orgnode */
	DOC_SIGNATURE,	/* <rb-signature>: signature lines, rb-sign children */
	DOC_SIGN,	/* <rb-sign label/> */
	DOC__MAX
};

struct doc_attr {
	char	*name;		/* e.g. "colspan", "data-x", "value" */
	char	*value;		/* unescaped */
};

struct doc_node {
	struct doc_node	*parent, *first, *last, *next, *prev;
	enum doc_tag	 tag;
	char		*text;		/* DOC_TEXT: unescaped UTF-8 */
	size_t		 len;		/* DOC_TEXT: bytes in text */
	char		*id;		/* id attribute or NULL */
	char		*cls;		/* class attribute or NULL */
	char		*href;		/* href (a, rb-pageref, rb-orgnode) */
	struct doc_attr	*attrs;		/* every other attribute */
	size_t		 nattrs;
	struct rb_pos	 pos;		/* template file:line that emitted it */
};

/* Name of a tag as written in XHTML ("p", "rb-chart"); "#text" for text. */
extern const char *const doc_tag_name[DOC__MAX];
/* Tag from its name; -1 when not in the subset. */
int		 doc_tag_lookup(const char *name, size_t len);
int		 doc_tag_is_inline(enum doc_tag);

struct doc_node	*doc_node_new(enum doc_tag);
/* Appends child to parent; returns child. */
struct doc_node	*doc_append(struct doc_node *parent, struct doc_node *child);
/* Value of a named attribute (any, including id/class/href), or NULL. */
const char	*doc_attr(const struct doc_node *, const char *name);
void		 doc_set_attr(struct doc_node *, const char *name,
		    const char *value);
void		 doc_free(struct doc_node *);
/* Is cls one of the space-separated names of n's class attribute? */
int		 doc_has_class(const struct doc_node *, const char *cls);
struct buf;
/* Appends the text of n's descendants, white space collapsed to single
 * spaces and none leading (bookmarks, contents entries). */
void		 doc_plain_text(const struct doc_node *, struct buf *);

/*
 * Non-recursive walk (cmark iterator style): returns the next node in
 * document order and sets *entering; NULL at the end.  Start with
 * cur = NULL to get the root.
 */
struct doc_node	*doc_next(const struct doc_node *root, struct doc_node *cur,
		    int *entering);

/*
 * A map from byte offsets of template output to template positions, filled
 * by the template engine as it emits; used by doc_parse() to report errors
 * at the template's file:line.
 */
struct doc_srcmap {
	size_t		*off;		/* ascending output offsets */
	struct rb_pos	*pos;		/* position in effect from off[i] on */
	size_t		 n, cap;
};
void		 doc_srcmap_add(struct doc_srcmap *, size_t off,
		    const struct rb_pos *);
const struct rb_pos *doc_srcmap_find(const struct doc_srcmap *, size_t off);
void		 doc_srcmap_free(struct doc_srcmap *);

/*
 * Parses XHTML text (the template's output) into a tree rooted at
 * rb-document.  Elements, attributes and nesting outside the subset are
 * errors at the template position from map (may be NULL).  Returns NULL
 * when errors were found.
 */
struct doc_node	*doc_parse(struct diag *, const char *text, size_t len,
		    const struct doc_srcmap *map);

/* Writes a tree as indented text, one node a line (for tests). */
void		 doc_dump(struct buf *, const struct doc_node *);

#endif
