/*
 * parse.c — a small hand-written XHTML parser for template output: turns
 * the text into a struct doc_node tree and checks it against the subset of
 * docs/document-tree.md (elements, attributes, nesting, entities, UTF-8).
 * Every problem is reported at the template's file:line through the
 * srcmap, and parsing goes on so that one run shows them all.
 *
 * Only elements, attributes in single or double quotes, self-closing tags,
 * text, the five predefined entities, numeric character references and
 * comments (dropped).  No DOCTYPE, CDATA or processing instructions.
 */
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "../util/util.h"
#include "../util/url.h"
#include "doc.h"
#include "chartgeom.h"

#define S_MAXDEPTH	256	/* open elements at most */
#define S_NOMAP_FILE	"<template output>"

#define B(t)	(UINT64_C(1) << (t))
#define M_PHRASING	(B(DOC_TEXT) | B(DOC_A) | B(DOC_EM) | B(DOC_STRONG) | \
	B(DOC_CODE) | B(DOC_SPAN) | B(DOC_BR) | B(DOC_SMALL) | B(DOC_PAGEREF))
#define M_BLOCK	(B(DOC_SECTION) | B(DOC_DIV) | B(DOC_NAV) | B(DOC_HEADER) | \
	B(DOC_FOOTER) | B(DOC_MAIN) | B(DOC_H1) | B(DOC_H2) | B(DOC_H3) | B(DOC_H4) | \
	B(DOC_P) | B(DOC_UL) | B(DOC_OL) | B(DOC_TABLE) | B(DOC_BLOCKQUOTE) | \
	B(DOC_PRE) | B(DOC_HR) | B(DOC_DL) | B(DOC_IMG) | B(DOC_PAGEBREAK) | \
	B(DOC_TOC) | B(DOC_CHART) | B(DOC_ORGCHART) | B(DOC_SIGNATURE))
#define M_FLOW	(M_BLOCK | M_PHRASING)

_Static_assert(DOC__MAX <= 64, "tag masks are 64 bits");

/* Allowed children of each tag (cmark S_can_contain as a table). */
static const uint64_t S_children[DOC__MAX] = {
	[DOC_TEXT] = 0,
	[DOC_DOCUMENT] = M_FLOW,
	[DOC_SECTION] = M_FLOW,
	[DOC_DIV] = M_FLOW,
	[DOC_NAV] = M_FLOW,
	[DOC_HEADER] = M_FLOW & ~(B(DOC_HEADER) | B(DOC_FOOTER)),
	[DOC_FOOTER] = M_FLOW & ~(B(DOC_HEADER) | B(DOC_FOOTER)),
	[DOC_MAIN] = M_FLOW & ~B(DOC_MAIN),
	[DOC_H1] = M_PHRASING, [DOC_H2] = M_PHRASING,
	[DOC_H3] = M_PHRASING, [DOC_H4] = M_PHRASING,
	[DOC_P] = M_PHRASING,
	[DOC_UL] = B(DOC_LI), [DOC_OL] = B(DOC_LI), [DOC_LI] = M_FLOW,
	[DOC_TABLE] = B(DOC_THEAD) | B(DOC_TBODY) | B(DOC_TR),
	[DOC_THEAD] = B(DOC_TR), [DOC_TBODY] = B(DOC_TR),
	[DOC_TR] = B(DOC_TH) | B(DOC_TD),
	[DOC_TH] = M_FLOW, [DOC_TD] = M_FLOW,
	[DOC_BLOCKQUOTE] = M_FLOW,
	[DOC_PRE] = M_PHRASING,
	[DOC_HR] = 0,
	[DOC_DL] = B(DOC_DT) | B(DOC_DD),
	[DOC_DT] = M_PHRASING, [DOC_DD] = M_FLOW,
	[DOC_IMG] = 0,
	[DOC_A] = M_PHRASING & ~B(DOC_A),
	[DOC_EM] = M_PHRASING, [DOC_STRONG] = M_PHRASING,
	[DOC_CODE] = M_PHRASING, [DOC_SPAN] = M_PHRASING,
	[DOC_BR] = 0, [DOC_SMALL] = M_PHRASING,
	[DOC_PAGEBREAK] = 0, [DOC_TOC] = 0, [DOC_PAGEREF] = 0,
	[DOC_CHART] = B(DOC_SERIES), [DOC_SERIES] = B(DOC_POINT),
	[DOC_POINT] = 0,
	[DOC_ORGCHART] = B(DOC_ORGNODE), [DOC_ORGNODE] = B(DOC_ORGNODE),
	[DOC_SIGNATURE] = B(DOC_SIGN), [DOC_SIGN] = 0,
};

/* Attributes other than id, class and data-*, and the tags allowing them. */
static const struct {
	const char	*name;
	uint64_t	 tags;
} S_attrs[] = {
	{ "href", B(DOC_A) | B(DOC_PAGEREF) | B(DOC_ORGNODE) },
	{ "src", B(DOC_IMG) },
	{ "alt", B(DOC_IMG) },
	{ "width", B(DOC_IMG) },
	{ "height", B(DOC_IMG) },
	{ "colspan", B(DOC_TD) | B(DOC_TH) },
	{ "rowspan", B(DOC_TD) | B(DOC_TH) },
	{ "title", B(DOC_DOCUMENT) | B(DOC_CHART) },
	{ "lang", B(DOC_DOCUMENT) },
	{ "type", B(DOC_CHART) },
	{ "unit", B(DOC_CHART) },
	{ "name", B(DOC_SERIES) },
	{ "label", B(DOC_POINT) | B(DOC_ORGNODE) | B(DOC_SIGN) },
	{ "value", B(DOC_POINT) },
	{ "sub", B(DOC_ORGNODE) | B(DOC_SIGN) },
	{ "start", B(DOC_OL) },
	{ "aria-label", B(DOC_SECTION) | B(DOC_DIV) | B(DOC_NAV) |
	    B(DOC_HEADER) | B(DOC_FOOTER) | B(DOC_MAIN) | B(DOC_TABLE) },
};

/* Attributes an element must have. */
static const struct {
	enum doc_tag	 tag;
	const char	*name;
} S_required[] = {
	{ DOC_IMG, "src" }, { DOC_IMG, "alt" },
	{ DOC_PAGEREF, "href" },
	{ DOC_POINT, "label" }, { DOC_POINT, "value" },
	{ DOC_ORGNODE, "label" },
	{ DOC_SIGN, "label" },
};

/* One open element; node is NULL for an unknown (transparent) one. */
struct S_open {
	const char	*name;
	size_t		 namelen;
	size_t		 off;	/* offset of its '<' */
	struct doc_node	*node;
};

struct S_parser {
	struct diag		*d;
	const char		*text;
	size_t			 len, p;
	const struct doc_srcmap	*map;
	struct doc_node		*root;
	struct S_open		 stack[S_MAXDEPTH];
	size_t			 nstack;
	int			 closed;	/* root closed */
	int			 nerr;
	struct buf		 tbuf;		/* pending text */
	size_t			 tstart;	/* its offset */
	struct buf		 vbuf;		/* attribute value scratch */
	size_t			 lc_off;	/* line counting for nodes */
	int			 lc_line;
	size_t			 map_i;		/* srcmap entry of the last node */
	size_t			 ngen;		/* rb-toc and rb-chart elements */
};

static int
S_isws(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int
S_isnamec(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '-' || c == '_' || c == ':' ||
	    c == '.';
}

static int
S_allws(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!S_isws((unsigned char)s[i]))
			return 0;
	return 1;
}

/* Position of an error at byte off: from the srcmap, else output line. */
static void
S_errpos(struct S_parser *P, size_t off, struct rb_pos *pos)
{
	const struct rb_pos *mp = doc_srcmap_find(P->map, off);

	if (mp) {
		*pos = *mp;
		return;
	}
	pos->file = S_NOMAP_FILE;
	utf8_linecol(P->text, off, &pos->line, &pos->col);
}

/*
 * doc_srcmap_find() for node offsets, which ascend: a cursor moves
 * forward through the map instead of a binary search per node (an
 * offset before the cursor's entry falls back to the search).
 */
static const struct rb_pos *
S_mapfind(struct S_parser *P, size_t off)
{
	const struct doc_srcmap *m = P->map;
	size_t i = P->map_i;

	if (m == NULL || m->n == 0 || off < m->off[0])
		return NULL;
	if (i >= m->n || off < m->off[i])
		return doc_srcmap_find(m, off);
	while (i + 1 < m->n && m->off[i + 1] <= off)
		i++;
	P->map_i = i;
	return &m->pos[i];
}

/* Position of a node starting at off; offsets must not go backwards. */
static void
S_nodepos(struct S_parser *P, size_t off, struct rb_pos *pos)
{
	const struct rb_pos *mp = S_mapfind(P, off);

	if (mp) {
		*pos = *mp;
		return;
	}
	for (; P->lc_off < off; P->lc_off++)
		if (P->text[P->lc_off] == '\n')
			P->lc_line++;
	pos->file = S_NOMAP_FILE;
	pos->line = P->lc_line;
	pos->col = 0;
}

static void S_err(struct S_parser *, size_t, const char *, ...)
    __attribute__((format(printf, 3, 4)));

static void
S_err(struct S_parser *P, size_t off, const char *fmt, ...)
{
	struct rb_pos pos;
	struct buf b = BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	S_errpos(P, off, &pos);
	diag_pos(P->d, DIAG_ERROR, &pos, "%s", b.data);
	buf_free(&b);
	P->nerr++;
}

/* The innermost real element: where content goes. */
static struct doc_node *
S_cur(const struct S_parser *P)
{
	size_t i;

	for (i = P->nstack; i > 0; i--)
		if (P->stack[i - 1].node)
			return P->stack[i - 1].node;
	return NULL;
}

static int
S_is_wstext(const struct doc_node *n)
{
	return n && n->tag == DOC_TEXT && S_allws(n->text, n->len);
}

/* Elements whose content is flow: whitespace between blocks is dropped. */
static int
S_is_flow(enum doc_tag t)
{
	return (S_children[t] & M_BLOCK) != 0;
}

/* Turns pending text into a text node of the current element. */
static void
S_flush_text(struct S_parser *P)
{
	struct doc_node *cur, *n;
	int ws;

	if (P->tbuf.len == 0)
		return;
	ws = S_allws(P->tbuf.data, P->tbuf.len);
	cur = S_cur(P);
	if (cur == NULL) {
		if (!ws)
			S_err(P, P->tstart, P->closed ?
			    "text after </rb-document>" :
			    "text before <rb-document>");
	} else if (!(S_children[cur->tag] & B(DOC_TEXT))) {
		if (!ws)
			S_err(P, P->tstart, "text is not allowed inside <%s>",
			    doc_tag_name[cur->tag]);
	} else if (!(ws && S_is_flow(cur->tag) && (cur->last == NULL ||
	    !doc_tag_is_inline(cur->last->tag)))) {
		n = doc_node_new(DOC_TEXT);
		n->len = P->tbuf.len;
		n->text = xmalloc(n->len + 1);
		memcpy(n->text, P->tbuf.data, n->len + 1);
		S_nodepos(P, P->tstart, &n->pos);
		doc_append(cur, n);
	}
	buf_reset(&P->tbuf);
}

/*
 * Decodes the reference at text[p] == '&' into out.  Returns the bytes
 * consumed; on a bad reference reports it, writes '&' and returns 1.
 */
static size_t
S_entity(struct S_parser *P, size_t p, struct buf *out)
{
	static const struct { const char *name; char c; } ents[] = {
		{ "lt", '<' }, { "gt", '>' }, { "amp", '&' },
		{ "quot", '"' }, { "apos", '\'' },
	};
	const char *s = P->text + p;
	size_t n = P->len - p, i, e;
	unsigned long cp = 0;
	int digits = 0, hex;

	for (e = 1; e < n && e < 32 && s[e] != ';' && s[e] != '&' &&
	    s[e] != '<' && !S_isws((unsigned char)s[e]); e++)
		continue;
	if (e >= n || s[e] != ';' || e == 1) {
		S_err(P, p, "'&' must be written &amp;");
		buf_putc(out, '&');
		return 1;
	}
	if (s[1] != '#') {
		for (i = 0; i < sizeof(ents) / sizeof(ents[0]); i++)
			if (strlen(ents[i].name) == e - 1 &&
			    memcmp(ents[i].name, s + 1, e - 1) == 0) {
				buf_putc(out, ents[i].c);
				return e + 1;
			}
		S_err(P, p, "unknown entity '%.*s'", (int)(e + 1), s);
		buf_putc(out, '&');
		return 1;
	}
	hex = e > 2 && s[2] == 'x';
	for (i = hex ? 3 : 2; i < e; i++) {
		int c = (unsigned char)s[i], v;

		if (c >= '0' && c <= '9')
			v = c - '0';
		else if (hex && c >= 'a' && c <= 'f')
			v = c - 'a' + 10;
		else if (hex && c >= 'A' && c <= 'F')
			v = c - 'A' + 10;
		else {
			digits = 0;
			break;
		}
		cp = cp * (hex ? 16 : 10) + (unsigned long)v;
		if (cp > 0x10FFFF)
			cp = 0x110000;	/* saturate */
		digits++;
	}
	if (digits == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) ||
	    (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') ||
	    cp == 0xFFFE || cp == 0xFFFF) {
		S_err(P, p, "bad character reference '%.*s'", (int)(e + 1), s);
		buf_putc(out, '&');
		return 1;
	}
	buf_put_utf8(out, (uint32_t)cp);
	return e + 1;
}

static int
S_is_digits(const char *s)
{
	if (*s == '\0')
		return 0;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return 0;
	return 1;
}

/* Checks and stores one attribute of n (value already decoded). */
static void
S_attr(struct S_parser *P, struct doc_node *n, size_t off, const char *name,
    size_t namelen, const char *value)
{
	const char *tn = doc_tag_name[n->tag];
	char small[32], *nm;
	size_t i;
	int ok = 0;
	enum url_verdict uv;

	nm = namelen < sizeof(small) ? small : xmalloc(namelen + 1);
	memcpy(nm, name, namelen);
	nm[namelen] = '\0';

	if (strcmp(nm, "id") == 0 || strcmp(nm, "class") == 0 ||
	    (namelen > 5 && strncmp(nm, "data-", 5) == 0))
		ok = 1;
	for (i = 0; !ok && i < sizeof(S_attrs) / sizeof(S_attrs[0]); i++)
		if (strcmp(S_attrs[i].name, nm) == 0)
			ok = (S_attrs[i].tags & B(n->tag)) != 0;
	if (!ok)
		S_err(P, off, "attribute '%s' is not allowed on <%s>", nm, tn);
	else if (doc_attr(n, nm) != NULL)
		S_err(P, off, "duplicate attribute '%s' on <%s>", nm, tn);
	else {
		if ((strcmp(nm, "colspan") == 0 || strcmp(nm, "rowspan") == 0 ||
		    strcmp(nm, "width") == 0 || strcmp(nm, "height") == 0 ||
		    strcmp(nm, "start") == 0) && !S_is_digits(value))
			S_err(P, off, "attribute '%s' of <%s> must be a "
			    "whole number, not '%s'", nm, tn, value);
		else if (strcmp(nm, "start") == 0 &&
		    strtol(value, NULL, 10) > DOC_OL_START_MAX)
			S_err(P, off, "attribute 'start' of <%s> must be at "
			    "most %ld, not '%s'", tn, DOC_OL_START_MAX, value);
		else if (n->tag == DOC_POINT && strcmp(nm, "value") == 0) {
			char *end;
			double v = strtod(value, &end);

			if (end == value || *end != '\0' || !isfinite(v))
				S_err(P, off, "attribute 'value' of <%s> must "
				    "be a number, not '%s'", tn, value);
		} else if (strcmp(nm, "href") == 0 &&
		    (uv = url_check(value, strlen(value))) != URL_OK) {
			struct buf m = BUF_INIT;

			url_why(&m, value, uv);
			S_err(P, off, "attribute 'href' of <%s>: %s", tn,
			    m.data);
			buf_free(&m);
			value = NULL;
		} else if (n->tag == DOC_CHART && strcmp(nm, "type") == 0 &&
		    strcmp(value, "bar") != 0 && strcmp(value, "line") != 0)
			S_err(P, off, "attribute 'type' of <%s> must be "
			    "'bar' or 'line', not '%s'", tn, value);
		if (value != NULL)
			doc_set_attr(n, nm, value);
	}
	if (nm != small)
		free(nm);
}

/* Removes trailing whitespace-only text of a flow element. */
static void
S_trim_last(struct doc_node *n)
{
	if (S_is_flow(n->tag) && S_is_wstext(n->last))
		doc_free(n->last);
}

/* Pops the top of the stack. */
static void
S_pop(struct S_parser *P)
{
	struct S_open *o = &P->stack[--P->nstack];

	if (o->node)
		S_trim_last(o->node);
	if (o->node && o->node == P->root)
		P->closed = 1;
}

/*
 * Parses a start tag at P->p ('<' then a name character).  Returns 0 to
 * stop parsing (end of input or depth limit).
 */
static int
S_start_tag(struct S_parser *P)
{
	const char *t = P->text;
	size_t start = P->p, p = P->p + 1, name, namelen, an, anlen, aoff;
	struct doc_node *n = NULL, *cur;
	int tag, self = 0, q;
	size_t i;

	name = p;
	while (p < P->len && S_isnamec((unsigned char)t[p]))
		p++;
	namelen = p - name;
	if (P->closed) {
		S_err(P, start, "element <%.*s> after </rb-document>",
		    (int)namelen, t + name);
		return 0;
	}
	tag = doc_tag_lookup(t + name, namelen);
	cur = S_cur(P);
	if (tag < 0)
		S_err(P, start, "unknown element <%.*s>", (int)namelen,
		    t + name);
	else {
		n = doc_node_new((enum doc_tag)tag);
		S_nodepos(P, start, &n->pos);
		if (tag == DOC_TOC || tag == DOC_CHART)
			P->ngen++;
		if (cur == NULL && P->root == NULL) {
			if (tag != DOC_DOCUMENT)
				S_err(P, start, "the root element must be "
				    "<rb-document>, not <%s>",
				    doc_tag_name[tag]);
			P->root = n;
		} else if (cur == NULL) {
			/* inside an unknown root: keep checking, then drop */
			S_err(P, start, "<%s> is not allowed here",
			    doc_tag_name[tag]);
			doc_free(n);
			n = NULL;
		} else {
			if (!(S_children[cur->tag] & B(tag)))
				S_err(P, start, "<%s> is not allowed inside <%s>",
				    doc_tag_name[tag], doc_tag_name[cur->tag]);
			if (!doc_tag_is_inline((enum doc_tag)tag) &&
			    S_is_wstext(cur->last))
				doc_free(cur->last);
			doc_append(cur, n);
		}
	}
	/* attributes */
	for (;;) {
		while (p < P->len && S_isws((unsigned char)t[p]))
			p++;
		if (p >= P->len)
			goto eof;
		if (t[p] == '>') {
			p++;
			break;
		}
		if (t[p] == '/' && p + 1 < P->len && t[p + 1] == '>') {
			self = 1;
			p += 2;
			break;
		}
		aoff = an = p;
		while (p < P->len && S_isnamec((unsigned char)t[p]))
			p++;
		anlen = p - an;
		if (anlen == 0) {
			S_err(P, p, "unexpected '%c' in <%.*s> tag", t[p],
			    (int)namelen, t + name);
			while (p < P->len && t[p] != '>')
				p++;
			if (p >= P->len)
				goto eof;
			self = p > start && t[p - 1] == '/';
			p++;
			break;
		}
		while (p < P->len && S_isws((unsigned char)t[p]))
			p++;
		if (p >= P->len)
			goto eof;
		if (t[p] != '=') {
			S_err(P, aoff, "attribute '%.*s' needs a quoted value",
			    (int)anlen, t + an);
			continue;
		}
		p++;
		while (p < P->len && S_isws((unsigned char)t[p]))
			p++;
		if (p >= P->len)
			goto eof;
		if (t[p] != '"' && t[p] != '\'') {
			S_err(P, aoff, "value of attribute '%.*s' must be "
			    "quoted", (int)anlen, t + an);
			while (p < P->len && !S_isws((unsigned char)t[p]) &&
			    t[p] != '>' && t[p] != '/')
				p++;
			continue;
		}
		q = t[p++];
		buf_reset(&P->vbuf);
		buf_putc(&P->vbuf, 0);	/* make data non-NULL */
		buf_reset(&P->vbuf);
		while (p < P->len && t[p] != q) {
			size_t r = p;

			if (t[p] == '&') {
				p += S_entity(P, p, &P->vbuf);
				continue;
			}
			if (t[p] == '<')
				S_err(P, p, "'<' in an attribute value "
				    "must be written &lt;");
			/* a run of plain bytes at once */
			for (p++; p < P->len && t[p] != q && t[p] != '&' &&
			    t[p] != '<'; p++)
				;
			buf_put(&P->vbuf, t + r, p - r);
		}
		if (p >= P->len)
			goto eof;
		p++;
		if (n)
			S_attr(P, n, aoff, t + an, anlen, P->vbuf.data);
	}
	P->p = p;
	if (n)
		for (i = 0; i < sizeof(S_required) / sizeof(S_required[0]);
		    i++)
			if (S_required[i].tag == n->tag &&
			    doc_attr(n, S_required[i].name) == NULL)
				S_err(P, start, "<%s> needs attribute '%s'",
				    doc_tag_name[n->tag], S_required[i].name);
	if (self) {
		if (n == P->root)
			P->closed = 1;
		return 1;
	}
	if (P->nstack == S_MAXDEPTH) {
		S_err(P, start, "elements nested deeper than %d",
		    S_MAXDEPTH);
		return 0;
	}
	P->stack[P->nstack].name = t + name;
	P->stack[P->nstack].namelen = namelen;
	P->stack[P->nstack].off = start;
	P->stack[P->nstack].node = n;
	P->nstack++;
	return 1;
eof:
	S_err(P, start, "unterminated <%.*s> tag", (int)namelen, t + name);
	P->p = P->len;
	return 1;
}

/* Parses an end tag at P->p ("</"). */
static void
S_end_tag(struct S_parser *P)
{
	const char *t = P->text;
	size_t start = P->p, p = P->p + 2, name, namelen, i;

	name = p;
	while (p < P->len && S_isnamec((unsigned char)t[p]))
		p++;
	namelen = p - name;
	while (p < P->len && S_isws((unsigned char)t[p]))
		p++;
	if (p >= P->len || t[p] != '>') {
		S_err(P, start, "malformed end tag </%.*s", (int)namelen,
		    t + name);
		while (p < P->len && t[p] != '>' && t[p] != '<')
			p++;
		if (p < P->len && t[p] == '>')
			p++;
		P->p = p;
		return;
	}
	P->p = p + 1;
	for (i = P->nstack; i > 0; i--)
		if (P->stack[i - 1].namelen == namelen &&
		    memcmp(P->stack[i - 1].name, t + name, namelen) == 0)
			break;
	if (i == 0) {
		S_err(P, start, "end tag </%.*s> without a matching start "
		    "tag", (int)namelen, t + name);
		return;
	}
	while (P->nstack > i) {
		struct S_open *o = &P->stack[P->nstack - 1];

		S_err(P, o->off, "<%.*s> is not closed", (int)o->namelen,
		    o->name);
		S_pop(P);
	}
	S_pop(P);
}

/* Reports invalid UTF-8 and NUL bytes, one error per bad run. */
static void
S_check_bytes(struct S_parser *P)
{
	const char *s = P->text, *end = P->text + P->len, *bad, *prev = NULL;

	while (s < end && (bad = utf8_invalid(s, (size_t)(end - s))) != NULL) {
		if (prev == NULL || bad != prev + 1)
			S_err(P, (size_t)(bad - P->text), "invalid UTF-8");
		prev = bad;
		s = bad + 1;
	}
	s = P->text;
	while (s < end && (bad = memchr(s, '\0', (size_t)(end - s))) != NULL) {
		S_err(P, (size_t)(bad - P->text), "NUL character");
		s = bad + 1;
	}
}

/* Bytes of the text under n. */
static unsigned long long
S_textlen(const struct doc_node *n)
{
	struct doc_node *c = NULL;
	unsigned long long len = 0;
	int entering;

	while ((c = doc_next(n, c, &entering)) != NULL)
		if (entering && c->tag == DOC_TEXT)
			len += c->len;
	return len;
}

/*
 * What the backends generate from a few elements, bounded before they
 * run (issue 17): each <rb-toc/> lists every h1 and h2 with an id, so the
 * tables of contents of a document hold tocs x headings entries (3,000
 * headings each followed by a <rb-toc/> made a 339 MB page) and write
 * tocs x (the headings' text and ids) bytes; a chart is a matrix of series
 * x categories.  Limits toc-entries, output-size, chart-cells.
 */
static void
S_generated(struct S_parser *P)
{
	struct doc_node *n = NULL;
	unsigned long long nh = 0, hbytes = 0, ntoc = 0, cells;
	unsigned long long maxe = rb_limit(RB_LIM_TOC);
	unsigned long long maxb = rb_limit(RB_LIM_OUTPUT);
	char v[32];
	int entering;

	while ((n = doc_next(P->root, n, &entering)) != NULL) {
		if (!entering)
			continue;
		if ((n->tag == DOC_H1 || n->tag == DOC_H2) && n->id) {
			nh++;
			hbytes += S_textlen(n) + 2 * strlen(n->id) + 40;
		} else if (n->tag == DOC_CHART &&
		    (cells = cg_chart_cells(n)) > rb_limit(RB_LIM_CHART)) {
			diag_pos(P->d, DIAG_ERROR, &n->pos, "chart of %llu "
			    "cells (series x categories), more than %llu (%s)",
			    cells, rb_limit(RB_LIM_CHART),
			    rb_limit_hint(RB_LIM_CHART));
			P->nerr++;
		}
	}
	while (nh > 0 && (n = doc_next(P->root, n, &entering)) != NULL) {
		if (!entering || n->tag != DOC_TOC)
			continue;
		ntoc++;
		if (ntoc * nh > maxe) {
			diag_pos(P->d, DIAG_ERROR, &n->pos, "tables of "
			    "contents: %llu <rb-toc/> up to here list %llu "
			    "headings each, more than %llu entries (%s)", ntoc,
			    nh, maxe, rb_limit_hint(RB_LIM_TOC));
			P->nerr++;
			break;
		}
		if (ntoc * hbytes > maxb) {
			diag_pos(P->d, DIAG_ERROR, &n->pos, "tables of "
			    "contents: %llu <rb-toc/> up to here would write "
			    "about %llu bytes, more than %s (%s)", ntoc,
			    ntoc * hbytes, rb_limit_str(RB_LIM_OUTPUT, v,
			    sizeof(v)), rb_limit_hint(RB_LIM_OUTPUT));
			P->nerr++;
			break;
		}
	}
}

struct doc_node *
doc_parse(struct diag *d, const char *text, size_t len,
    const struct doc_srcmap *map)
{
	struct S_parser P;
	const char *t = text, *e;
	size_t p;

	memset(&P, 0, sizeof(P));
	P.d = d;
	P.text = text;
	P.len = len;
	P.map = map;
	P.lc_line = 1;
	S_check_bytes(&P);
	while (P.p < len) {
		p = P.p;
		if (t[p] == '<') {
			if (len - p >= 4 && memcmp(t + p, "<!--", 4) == 0) {
				e = memmem(t + p + 4, len - p - 4, "-->", 3);
				if (e == NULL) {
					S_err(&P, p, "unterminated comment");
					break;
				}
				P.p = (size_t)(e - t) + 3;
				continue;
			}
			S_flush_text(&P);
			if (p + 1 < len && t[p + 1] == '/') {
				if (P.closed) {
					S_err(&P, p, "end tag after "
					    "</rb-document>");
					break;
				}
				S_end_tag(&P);
			} else if (p + 1 < len && (t[p + 1] == '!' ||
			    t[p + 1] == '?')) {
				S_err(&P, p, "'<%c' markup is not allowed "
				    "(only elements, text and comments)",
				    t[p + 1]);
				e = memchr(t + p, '>', len - p);
				P.p = e ? (size_t)(e - t) + 1 : len;
			} else if (p + 1 < len &&
			    S_isnamec((unsigned char)t[p + 1]) &&
			    t[p + 1] != '-' && t[p + 1] != '.') {
				if (!S_start_tag(&P))
					break;
			} else {
				S_err(&P, p, "'<' must be written &lt;");
				if (P.tbuf.len == 0)
					P.tstart = p;
				buf_putc(&P.tbuf, '<');
				P.p++;
			}
			continue;
		}
		if (P.tbuf.len == 0)
			P.tstart = p;
		if (t[p] == '&') {
			P.p += S_entity(&P, p, &P.tbuf);
			continue;
		}
		while (p < len && t[p] != '<' && t[p] != '&')
			p++;
		buf_put(&P.tbuf, t + P.p, p - P.p);
		P.p = p;
	}
	S_flush_text(&P);
	if (P.p >= len)
		while (P.nstack > 0) {
			struct S_open *o = &P.stack[P.nstack - 1];

			S_err(&P, o->off, "<%.*s> is not closed",
			    (int)o->namelen, o->name);
			S_pop(&P);
		}
	if (P.root == NULL && P.nerr == 0)
		S_err(&P, len, "empty document: expected <rb-document>");
	if (P.nerr == 0 && P.ngen > 0)
		S_generated(&P);
	buf_free(&P.tbuf);
	buf_free(&P.vbuf);
	if (P.nerr) {
		doc_free(P.root);
		return NULL;
	}
	return P.root;
}
