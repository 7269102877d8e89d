/*
 * html.h — the HTML backend: writes a document tree (src/doc/doc.h) as one
 * complete HTML5 file, with inline SVG for charts and org charts, and
 * provides the default print-friendly stylesheet.  Output is deterministic:
 * the same tree gives the same bytes.
 */
#ifndef RB_HTML_H
#define RB_HTML_H

#include <stddef.h>

struct buf;
struct doc_node;

struct html_opts {
	const char	*css_href;	/* relative stylesheet href; NULL: none */
	const char	*lang;		/* when rb-document has none; NULL: zh-CN */
	int		 org_max_width;	/* org chart wrap width [px]; 0: 960 */
};

/**
 * Appends a complete HTML5 document for the tree rooted at root (an
 * rb-document) to out.  opts may be NULL.
 */
void		 html_render(struct buf *out, const struct doc_node *root,
		    const struct html_opts *opts);

/** Appends s[0..n) escaped for text (&, <, >) or, with attr, also ". */
void		 html_escape(struct buf *out, const char *s, size_t n, int attr);

/** The default stylesheet (A4, print rules, CJK fonts); static storage. */
const char	*html_default_css(void);

#endif
