/*
 * html.c — the HTML backend's driver: walks a document tree without
 * recursion and writes each node through a {pre, post} row of S_acts
 * (mandoc mdoc_html_acts).  Our rb-* elements become plain HTML or inline
 * SVG (svg.c).  Entry point for the build: html_render().
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "html_int.h"
#include "../util/url.h"

#define S_DEFAULT_LANG	"zh-CN"

struct S_ctx {
	struct buf		*out;
	const struct html_opts	*opts;
	const struct doc_node	*root;
};

/* pre returns 0 when it wrote the whole subtree (children are skipped). */
typedef int	(*S_pre_fn)(struct S_ctx *, const struct doc_node *);
typedef void	(*S_post_fn)(struct S_ctx *, const struct doc_node *);

#define F_NLOPEN	0x01	/* newline after the start tag */
#define F_NLCLOSE	0x02	/* newline after the end tag */
#define F_VOID		0x04	/* no end tag */

struct S_act {
	S_pre_fn	 pre;
	S_post_fn	 post;
	int		 flags;
};

void
html_escape(struct buf *b, const char *s, size_t n, int attr)
{
	buf_put_xmln(b, s, n, attr);
}

static void
S_attr(struct buf *b, const char *name, const char *value)
{
	if (value == NULL)
		return;
	buf_putc(b, ' ');
	buf_puts(b, name);
	BUF_PUTSL(b, "=\"");
	html_escape(b, value, strlen(value), 1);
	buf_putc(b, '"');
}

/*
 * data-src holds a content position for the PDF backend's diagnostics;
 * HTML output never carries it (clean, independent of the content path).
 */
static int
S_keep_attr(const char *name)
{
	return strcmp(name, "data-src") != 0;
}

/* id, class (base first, then the node's), and data-* attributes. */
static void
S_common_attrs(struct buf *b, const struct doc_node *n, const char *base)
{
	size_t i;

	S_attr(b, "id", n->id);
	if (base && n->cls) {
		BUF_PUTSL(b, " class=\"");
		html_escape(b, base, strlen(base), 1);
		buf_putc(b, ' ');
		html_escape(b, n->cls, strlen(n->cls), 1);
		buf_putc(b, '"');
	} else
		S_attr(b, "class", base ? base : n->cls);
	for (i = 0; i < n->nattrs; i++)
		if (strncmp(n->attrs[i].name, "data-", 5) == 0 &&
		    S_keep_attr(n->attrs[i].name))
			S_attr(b, n->attrs[i].name, n->attrs[i].value);
}

/* Appends the text content of n's subtree. */
static void
S_text_of(struct buf *b, const struct doc_node *n)
{
	struct doc_node *c = NULL;
	int entering = 0;

	while ((c = doc_next(n, c, &entering)) != NULL)
		if (c->tag == DOC_TEXT)
			buf_put(b, c->text, c->len);
}

static int S_elem_pre(struct S_ctx *, const struct doc_node *);
static void S_elem_post(struct S_ctx *, const struct doc_node *);

static const struct S_act S_acts[DOC__MAX];

static int
S_text_pre(struct S_ctx *c, const struct doc_node *n)
{
	html_escape(c->out, n->text, n->len, 0);
	return 1;
}

/* Generic element: its own name, every attribute it has. */
static int
S_elem_pre(struct S_ctx *c, const struct doc_node *n)
{
	struct buf *b = c->out;
	size_t i;

	buf_putc(b, '<');
	buf_puts(b, doc_tag_name[n->tag]);
	S_attr(b, "id", n->id);
	S_attr(b, "class", n->cls);
	/* defence in depth: doc_parse refused a bad href already */
	S_attr(b, "href", n->href && url_allowed(n->href) ? n->href :
	    NULL);
	for (i = 0; i < n->nattrs; i++)
		if (S_keep_attr(n->attrs[i].name))
			S_attr(b, n->attrs[i].name, n->attrs[i].value);
	buf_putc(b, '>');
	if (S_acts[n->tag].flags & F_NLOPEN)
		buf_putc(b, '\n');
	return 1;
}

static void
S_elem_post(struct S_ctx *c, const struct doc_node *n)
{
	int fl = S_acts[n->tag].flags;

	if (!(fl & F_VOID)) {
		BUF_PUTSL(c->out, "</");
		buf_puts(c->out, doc_tag_name[n->tag]);
		buf_putc(c->out, '>');
	}
	if (fl & F_NLCLOSE)
		buf_putc(c->out, '\n');
}

static int
S_doc_pre(struct S_ctx *c, const struct doc_node *n)
{
	struct buf *b = c->out, t = BUF_INIT;
	const char *lang = doc_attr(n, "lang"), *title = doc_attr(n, "title");
	struct doc_node *h = NULL;
	int entering = 0;

	if (lang == NULL)
		lang = c->opts->lang ? c->opts->lang : S_DEFAULT_LANG;
	if (title == NULL || *title == '\0') {
		/* the first h1's text, else a fixed word: never empty */
		while ((h = doc_next(n, h, &entering)) != NULL)
			if (entering && h->tag == DOC_H1)
				break;
		if (h)
			S_text_of(&t, h);
		if (t.len == 0)
			BUF_PUTSL(&t, "rolebook");
		title = t.data;
	}
	BUF_PUTSL(b, "<!DOCTYPE html>\n<html");
	S_attr(b, "lang", lang);
	BUF_PUTSL(b, ">\n<head>\n<meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1\">\n<title>");
	html_escape(b, title, strlen(title), 0);
	BUF_PUTSL(b, "</title>\n");
	if (c->opts->css_href) {
		BUF_PUTSL(b, "<link rel=\"stylesheet\"");
		S_attr(b, "href", c->opts->css_href);
		BUF_PUTSL(b, ">\n");
	}
	BUF_PUTSL(b, "</head>\n<body");
	S_common_attrs(b, n, NULL);
	BUF_PUTSL(b, ">\n");
	buf_free(&t);
	return 1;
}

static void
S_doc_post(struct S_ctx *c, const struct doc_node *n)
{
	(void)n;
	BUF_PUTSL(c->out, "</body>\n</html>\n");
}

static int
S_pagebreak_pre(struct S_ctx *c, const struct doc_node *n)
{
	BUF_PUTSL(c->out, "<div");
	S_common_attrs(c->out, n, "page-break");
	BUF_PUTSL(c->out, "></div>\n");
	return 0;
}

static int
S_skip_pre(struct S_ctx *c, const struct doc_node *n)
{
	(void)c;
	(void)n;
	return 0;
}

static void
S_toc_item(struct buf *b, const struct doc_node *h)
{
	struct buf t = BUF_INIT;

	S_text_of(&t, h);
	BUF_PUTSL(b, "<li><a href=\"#");
	html_escape(b, h->id, strlen(h->id), 1);
	BUF_PUTSL(b, "\">");
	html_escape(b, t.data ? t.data : "", t.len, 0);
	BUF_PUTSL(b, "</a>");
	buf_free(&t);
}

/*
 * <nav class="toc"> with an <ol> of every h1 and h2 that has an id, in
 * document order; h2 nest under the h1 before them.
 */
static int
S_toc_pre(struct S_ctx *c, const struct doc_node *n)
{
	struct buf *b = c->out;
	struct doc_node *h = NULL;
	int entering = 0, in_h1 = 0, in_sub = 0;

	BUF_PUTSL(b, "<nav");
	S_common_attrs(b, n, "toc");
	BUF_PUTSL(b, ">\n<ol>\n");
	while ((h = doc_next(c->root, h, &entering)) != NULL) {
		if (!entering || h->id == NULL ||
		    (h->tag != DOC_H1 && h->tag != DOC_H2))
			continue;
		if (h->tag == DOC_H1) {
			if (in_sub)
				BUF_PUTSL(b, "</ol>\n");
			if (in_h1)
				BUF_PUTSL(b, "</li>\n");
			in_sub = 0;
			S_toc_item(b, h);
			in_h1 = 1;
			continue;
		}
		if (in_h1 && !in_sub) {
			BUF_PUTSL(b, "\n<ol>\n");
			in_sub = 1;
		}
		S_toc_item(b, h);
		BUF_PUTSL(b, "</li>\n");
	}
	if (in_sub)
		BUF_PUTSL(b, "</ol>\n");
	if (in_h1)
		BUF_PUTSL(b, "</li>\n");
	BUF_PUTSL(b, "</ol>\n</nav>\n");
	return 0;
}

static int
S_chart_pre(struct S_ctx *c, const struct doc_node *n)
{
	BUF_PUTSL(c->out, "<div");
	S_common_attrs(c->out, n, "chart");
	BUF_PUTSL(c->out, ">\n");
	html_chart(c->out, n);
	BUF_PUTSL(c->out, "</div>\n");
	return 0;
}

static int
S_orgchart_pre(struct S_ctx *c, const struct doc_node *n)
{
	int maxw = c->opts->org_max_width > 0 ? c->opts->org_max_width : 960;

	BUF_PUTSL(c->out, "<div");
	S_common_attrs(c->out, n, "orgchart");
	BUF_PUTSL(c->out, ">\n");
	html_orgchart(c->out, n, maxw);
	BUF_PUTSL(c->out, "</div>\n");
	return 0;
}

static int
S_signature_pre(struct S_ctx *c, const struct doc_node *n)
{
	BUF_PUTSL(c->out, "<div");
	S_common_attrs(c->out, n, "signature");
	BUF_PUTSL(c->out, ">\n");
	return 1;
}

static void
S_div_post(struct S_ctx *c, const struct doc_node *n)
{
	(void)n;
	BUF_PUTSL(c->out, "</div>\n");
}

/* A signature line: the rule to sign on, the label, an optional note. */
static int
S_sign_pre(struct S_ctx *c, const struct doc_node *n)
{
	struct buf *b = c->out;
	const char *label = doc_attr(n, "label"), *sub = doc_attr(n, "sub");

	BUF_PUTSL(b, "<div");
	S_common_attrs(b, n, "sign");
	BUF_PUTSL(b, "><span class=\"sign-line\"></span>"
	    "<span class=\"sign-label\">");
	if (label)
		html_escape(b, label, strlen(label), 0);
	BUF_PUTSL(b, "</span>");
	if (sub) {
		BUF_PUTSL(b, "<span class=\"sign-sub\">");
		html_escape(b, sub, strlen(sub), 0);
		BUF_PUTSL(b, "</span>");
	}
	BUF_PUTSL(b, "</div>\n");
	return 0;
}

#define BLK	{ S_elem_pre, S_elem_post, F_NLOPEN | F_NLCLOSE }
#define PARA	{ S_elem_pre, S_elem_post, F_NLCLOSE }
#define INL	{ S_elem_pre, S_elem_post, 0 }

static const struct S_act S_acts[DOC__MAX] = {
	[DOC_TEXT] = { S_text_pre, NULL, 0 },
	[DOC_DOCUMENT] = { S_doc_pre, S_doc_post, 0 },
	[DOC_SECTION] = BLK, [DOC_DIV] = BLK, [DOC_NAV] = BLK,
	[DOC_HEADER] = BLK, [DOC_FOOTER] = BLK, [DOC_MAIN] = BLK,
	[DOC_H1] = PARA, [DOC_H2] = PARA, [DOC_H3] = PARA, [DOC_H4] = PARA,
	[DOC_P] = PARA,
	[DOC_UL] = BLK, [DOC_OL] = BLK, [DOC_LI] = PARA,
	[DOC_TABLE] = BLK, [DOC_THEAD] = BLK, [DOC_TBODY] = BLK,
	[DOC_TR] = BLK, [DOC_TH] = PARA, [DOC_TD] = PARA,
	[DOC_BLOCKQUOTE] = BLK,
	[DOC_PRE] = { S_elem_pre, S_elem_post, F_NLOPEN | F_NLCLOSE },
	[DOC_HR] = { S_elem_pre, S_elem_post, F_VOID | F_NLCLOSE },
	[DOC_DL] = BLK, [DOC_DT] = PARA, [DOC_DD] = PARA,
	[DOC_IMG] = { S_elem_pre, S_elem_post, F_VOID | F_NLCLOSE },
	[DOC_A] = INL, [DOC_EM] = INL, [DOC_STRONG] = INL, [DOC_CODE] = INL,
	[DOC_SPAN] = INL,
	[DOC_BR] = { S_elem_pre, S_elem_post, F_VOID },
	[DOC_SMALL] = INL,
	[DOC_PAGEBREAK] = { S_pagebreak_pre, NULL, 0 },
	[DOC_TOC] = { S_toc_pre, NULL, 0 },
	[DOC_PAGEREF] = { S_skip_pre, NULL, 0 },
	[DOC_CHART] = { S_chart_pre, NULL, 0 },
	[DOC_SERIES] = { S_skip_pre, NULL, 0 },
	[DOC_POINT] = { S_skip_pre, NULL, 0 },
	[DOC_ORGCHART] = { S_orgchart_pre, NULL, 0 },
	[DOC_ORGNODE] = { S_skip_pre, NULL, 0 },
	[DOC_SIGNATURE] = { S_signature_pre, S_div_post, 0 },
	[DOC_SIGN] = { S_sign_pre, NULL, 0 },
};
_Static_assert(sizeof(S_acts) / sizeof(S_acts[0]) == DOC__MAX, "S_acts");

void
html_render(struct buf *out, const struct doc_node *root,
    const struct html_opts *opts)
{
	static const struct html_opts defopts;
	struct S_ctx c;
	struct doc_node *n = NULL;
	int entering = 0;

	c.out = out;
	c.opts = opts ? opts : &defopts;
	c.root = root;
	while ((n = doc_next(root, n, &entering)) != NULL) {
		const struct S_act *a = &S_acts[n->tag];

		if (!entering) {
			if (a->post)
				a->post(&c, n);
			continue;
		}
		if (a->pre && !a->pre(&c, n) && n->tag != DOC_TEXT)
			entering = 0;	/* skip the subtree and its post */
		if (!entering && n == root)
			break;
	}
}

/*
 * html_num() without printf when v * 10^dec rounds unambiguously: the
 * rounded integer is then the one printf's exact decimal expansion gives
 * (an error of a few ulps cannot cross a rounding boundary 1e-6 away).
 * Returns 0 when printf must decide (near a tie, large, dec > 6).
 */
static int
S_num_fast(struct buf *b, double v, int dec)
{
	static const double pow10[] = { 1, 10, 100, 1e3, 1e4, 1e5, 1e6 };
	char tmp[32], *p = tmp + sizeof(tmp);
	double x, fl;
	unsigned long long r;
	int neg, k;

	if (dec < 0 || dec > 6 || !(fabs(v) < 1e9))
		return 0;
	neg = v < 0;
	x = fabs(v) * pow10[dec];
	fl = floor(x);
	if (fabs(x - fl - 0.5) < 1e-6)
		return 0;
	r = (unsigned long long)fl + (x - fl > 0.5);
	/* the digits after the point, trailing zeros dropped */
	for (k = 0; k < dec && r % 10 == 0; k++)
		r /= 10;
	for (; k < dec; k++) {
		*--p = (char)('0' + r % 10);
		r /= 10;
		if (k == dec - 1)
			*--p = '.';
	}
	do {
		*--p = (char)('0' + r % 10);
		r /= 10;
	} while (r > 0);
	if (neg && !(p[0] == '0' && p + 1 == tmp + sizeof(tmp)))
		*--p = '-';
	buf_put(b, p, (size_t)(tmp + sizeof(tmp) - p));
	return 1;
}

void
html_num(struct buf *b, double v, int dec)
{
	char tmp[64], *p;
	int n;

	if (!isfinite(v))
		v = 0;
	if (S_num_fast(b, v, dec))
		return;
	n = snprintf(tmp, sizeof(tmp), "%.*f", dec, v);
	if (n <= 0 || (size_t)n >= sizeof(tmp)) {
		buf_putc(b, '0');
		return;
	}
	if (strchr(tmp, '.')) {
		p = tmp + n;
		while (p[-1] == '0')
			*--p = '\0';
		if (p[-1] == '.')
			*--p = '\0';
	}
	buf_puts(b, strcmp(tmp, "-0") == 0 ? "0" : tmp);
}

double
html_textw(const char *s, double size)
{
	size_t n = strlen(s), k;
	uint32_t cp;
	double w = 0;

	while (n > 0) {
		k = utf8_decode(s, n, &cp);
		if (k == 0)
			k = 1;
		if (cp >= 0x2E80 || (cp >= 0x1100 && cp <= 0x115F))
			w += size;		/* CJK and other wide */
		else if (cp >= 'A' && cp <= 'Z')
			w += size * 0.68;
		else
			w += size * 0.56;
		s += k;
		n -= k;
	}
	return w;
}
