/*
 * chart.c — rb-chart (bar, line) and rb-orgchart drawn with pdfw.c (see
 * chart.h).  The data matrix, the round axis steps and the org-tree
 * layout come from src/doc/chartgeom.c, shared with the SVG of the HTML
 * backend; this file only places them on the page with real font
 * metrics.  Internally y grows downwards from the chart's top, as in SVG;
 * S_Y() converts to PDF user space.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../util/util.h"
#include "../doc/doc.h"
#include "../doc/chartgeom.h"
#include "chart.h"

#define C_TITLE		11.0	/* chart title size [pt] */
#define C_LABEL		8.0	/* axis, category, legend, unit labels */
#define C_VALUE		7.0	/* value labels */
#define C_PAD		4.0	/* outer padding */
#define C_ROT		35.0	/* rotation of long category labels [deg] */

#define O_MARGIN	2.0	/* around an org chart */

static const uint32_t S_palette[] = {
	0x4e79a7, 0xf28e2b, 0xe15759, 0x76b7b2,
	0x59a14f, 0xedc948, 0xb07aa1, 0xff9da7,
};
#define S_NPALETTE	(sizeof(S_palette) / sizeof(S_palette[0]))

static void
S_fill(struct pdfc *page, uint32_t c)
{
	pdfc_fill_rgb(page, c);
}

static void
S_stroke(struct pdfc *page, uint32_t c)
{
	pdfc_stroke_rgb(page, c);
}

/* v with at most 2 decimals, trailing zeros trimmed, no "-0". */
static void
S_num(char *b, size_t sz, double v)
{
	size_t n;

	snprintf(b, sz, "%.2f", v);
	n = strlen(b);
	while (n > 0 && b[n - 1] == '0')
		b[--n] = '\0';
	if (n > 0 && b[n - 1] == '.')
		b[--n] = '\0';
	if (strcmp(b, "-0") == 0)
		snprintf(b, sz, "0");
}

static double
S_w(struct font *f, const char *s, double size)
{
	return font_text_width(f, s, strlen(s), size);
}

static double
S_textw(void *ctx, const char *s, double size)
{
	return S_w(ctx, s, size);
}

/* A copy of s holding only characters of f: nothing missing reaches
 * the PDF.  Caller frees. */
static char *
S_clean(struct font *f, const char *s)
{
	struct buf b = BUF_INIT;
	size_t n = strlen(s), i, k;
	uint32_t cp;

	for (i = 0; i < n; i += k) {
		if ((k = utf8_decode(s + i, n - i, &cp)) == 0) {
			k = 1;
			continue;
		}
		if (font_has(f, cp))
			buf_put(&b, s + i, k);
	}
	buf_putc(&b, '\0');
	return buf_detach(&b);
}

/*
 * Draws s at size with its baseline anchor at (x, y) (user space):
 * align 0 starts, 1 centres, 2 ends there; rotated deg counter-clockwise
 * about the anchor.
 */
static void
S_text(struct pdfc *page, struct font *f, int hf, double size, double x,
    double y, int align, double deg, const char *s)
{
	char *t = S_clean(f, s);
	double w, c, sn;

	if (*t == '\0') {
		free(t);
		return;
	}
	w = S_w(f, t, size) * align / 2;
	c = cos(deg * M_PI / 180);
	sn = sin(deg * M_PI / 180);
	pdfc_begin_text(page);
	pdfc_font(page, hf, size);
	if (font_synthetic_bold(f)) {
		pdfc_render(page, PDFC_FILL_STROKE);
		pdfc_line_width(page, (size / 30));
	}
	pdfc_text_matrix(page, c, sn,
	    -sn, c, (x - w * c),
	    (y - w * sn));
	pdfc_show(page, hf, t, strlen(t));
	if (font_synthetic_bold(f))
		pdfc_render(page, PDFC_FILL);
	pdfc_end_text(page);
	free(t);
}

static void
S_line(struct pdfc *page, double x1, double y1, double x2, double y2)
{
	pdfc_move(page, x1, y1);
	pdfc_line(page, x2, y2);
	pdfc_stroke(page);
}

/* ------------------------------------------------------------------ */
/* Checking and recording the characters                               */

/* Records s and reports each of its characters missing from f once per
 * chart (seen: reported code points).  Returns the number reported. */
static int
S_prep(struct diag *d, struct font *f, const struct doc_node *n,
    const char *s, struct buf *seen)
{
	size_t len, i, k, j;
	uint32_t cp;
	int bad = 0, dup;

	if (s == NULL)
		return 0;
	len = strlen(s);
	for (i = 0; i < len; i += k) {
		if ((k = utf8_decode(s + i, len - i, &cp)) == 0)
			k = 1;
		if (font_has(f, cp)) {
			font_use(f, cp);
			continue;
		}
		for (j = dup = 0; j + sizeof(cp) <= seen->len; j += sizeof(cp))
			if (memcmp(seen->data + j, &cp, sizeof(cp)) == 0)
				dup = 1;
		if (dup)
			continue;
		buf_put(seen, &cp, sizeof(cp));
		font_missing_diag(d, &n->pos, cp, f);
		bad++;
	}
	return bad;
}

int
chart_prepare(struct diag *d, struct font *f, const struct doc_node *node)
{
	struct buf seen = BUF_INIT;
	struct doc_node *n;
	int bad = 0, entering;

	/* digits, signs and the decimal point of axis and value labels */
	bad += S_prep(d, f, node, "0123456789.-", &seen);
	for (n = NULL; (n = doc_next(node, n, &entering)) != NULL;) {
		if (!entering)
			continue;
		switch (n->tag) {
		case DOC_CHART:
			bad += S_prep(d, f, n, doc_attr(n, "title"), &seen);
			bad += S_prep(d, f, n, doc_attr(n, "unit"), &seen);
			break;
		case DOC_SERIES:
			bad += S_prep(d, f, n, doc_attr(n, "name"), &seen);
			break;
		case DOC_POINT:
			bad += S_prep(d, f, n, doc_attr(n, "label"), &seen);
			break;
		case DOC_ORGNODE:
			bad += S_prep(d, f, n, doc_attr(n, "label"), &seen);
			bad += S_prep(d, f, n, doc_attr(n, "sub"), &seen);
			break;
		default:
			break;
		}
	}
	buf_free(&seen);
	return bad;
}

/* ------------------------------------------------------------------ */
/* Bar and line charts                                                 */

/* Geometry of one chart, y down from its top [pt]. */
struct S_geo {
	struct cg_chart	 c;
	double		 w, h;
	double		 title_y;	/* title baseline */
	double		 legend_y;	/* first legend row's top */
	double		 unit_y;	/* unit baseline */
	double		 top;		/* plot top */
	double		 left, pw, ph;	/* plot left, width, height */
	double		 bw;		/* band width of a category */
	int		 rot;		/* category labels rotated */
};

/* Legend rows needed for the series names in width w. */
static int
S_legend_rows(struct font *f, const struct cg_chart *c, double w)
{
	double x = 0, iw;
	size_t i;
	int rows = 1;

	for (i = 0; i < c->ns; i++) {
		iw = 11 + S_w(f, c->names[i], C_LABEL) + 10;
		if (x > 0 && x + iw > w) {
			rows++;
			x = 0;
		}
		x += iw;
	}
	return rows;
}

static void
S_geo(struct S_geo *g, struct font *f, const struct doc_node *chart,
    double w)
{
	char lab[64];
	double y = C_PAD, lw, maxlab = 0, lc, k;
	size_t j;
	int t;

	memset(g, 0, sizeof(*g));
	cg_chart_read(&g->c, chart);
	g->w = w;
	if (doc_attr(chart, "title") != NULL) {
		g->title_y = y + C_TITLE * 0.9;
		y += C_TITLE * 1.5;
	}
	if (g->c.ns > 1) {
		g->legend_y = y;
		y += S_legend_rows(f, &g->c, w) * C_LABEL * 1.6;
	}
	if (doc_attr(chart, "unit") != NULL) {
		g->unit_y = y + C_LABEL * 0.9;
		y += C_LABEL * 1.4;
	}
	y += C_VALUE * 1.5;		/* value labels above the top */
	g->top = y;
	g->left = 0;
	for (t = 0; t <= g->c.nt; t++) {
		S_num(lab, sizeof(lab), g->c.lo + g->c.step * t);
		if ((lw = S_w(f, lab, C_LABEL)) > g->left)
			g->left = lw;
	}
	g->left += 6;
	g->pw = w - g->left - C_PAD;
	g->bw = g->c.nc ? g->pw / (double)g->c.nc : g->pw;
	for (j = 0; j < g->c.nc; j++)
		if ((lw = S_w(f, g->c.cats[j], C_LABEL)) > maxlab)
			maxlab = lw;
	if (maxlab > g->bw - 2) {
		g->rot = 1;
		/* The first label, rotated and ending at its band's centre,
		 * must not stick out on the left: left + bw/2 >= lc. */
		lc = maxlab * cos(C_ROT * M_PI / 180) +
		    C_LABEL * sin(C_ROT * M_PI / 180);
		k = 1.0 / (2.0 * (double)g->c.nc);
		if (g->left + g->bw / 2 < lc) {
			g->left = (lc - (w - C_PAD) * k) / (1 - k);
			g->pw = w - g->left - C_PAD;
			g->bw = g->pw / (double)g->c.nc;
		}
	}
	g->ph = w * 0.45;
	if (g->ph > 240)
		g->ph = 240;
	if (g->ph < 80)
		g->ph = 80;
	g->h = g->top + g->ph + C_PAD;
	if (g->rot)
		g->h += 4 + maxlab * sin(C_ROT * M_PI / 180) +
		    C_LABEL * cos(C_ROT * M_PI / 180);
	else
		g->h += C_LABEL * 1.6;
}

/* y of value v, down from the chart top. */
static double
S_vy(const struct S_geo *g, double v)
{
	return g->top + g->ph - (v - g->c.lo) / (g->c.hi - g->c.lo) * g->ph;
}

static void
S_chart_draw(struct pdfc *page, struct font *f, int hf,
    const struct doc_node *chart, double x0, double yt, double w)
{
	struct S_geo g;
	const char *title = doc_attr(chart, "title"), *unit = doc_attr(chart,
	    "unit");
	char lab[64];
	double x, y, y0, v, gw, barw, iw;
	size_t i, j;
	int t, started;

#define S_Y(yd)	(yt - (yd))
	S_geo(&g, f, chart, w);
	S_fill(page, 0x222222);
	if (title)
		S_text(page, f, hf, C_TITLE, x0 + w / 2, S_Y(g.title_y), 1, 0,
		    title);
	if (g.c.ns > 1) {
		/* legend: swatch and name per series, left to right */
		x = 0;
		y = g.legend_y;
		for (i = 0; i < g.c.ns; i++) {
			iw = 11 + S_w(f, g.c.names[i], C_LABEL) + 10;
			if (x > 0 && x + iw > w) {
				x = 0;
				y += C_LABEL * 1.6;
			}
			S_fill(page, S_palette[i % S_NPALETTE]);
			pdfc_rect(page, (x0 + x),
			    S_Y(y + C_LABEL), 8, 8);
			pdfc_fill(page);
			S_fill(page, 0x222222);
			S_text(page, f, hf, C_LABEL, x0 + x + 11,
			    S_Y(y + C_LABEL * 0.9), 0, 0, g.c.names[i]);
			x += iw;
		}
	}
	if (unit)
		S_text(page, f, hf, C_LABEL, x0, S_Y(g.unit_y), 0, 0, unit);
	/* grid and value axis */
	pdfc_line_width(page, 0.5);
	S_stroke(page, 0xdddddd);
	for (t = 0; t <= g.c.nt; t++) {
		v = g.c.lo + g.c.step * t;
		y = S_vy(&g, v);
		S_line(page, x0 + g.left, S_Y(y), x0 + g.left + g.pw, S_Y(y));
		S_num(lab, sizeof(lab), v);
		S_text(page, f, hf, C_LABEL, x0 + g.left - 4,
		    S_Y(y + C_LABEL * 0.35), 2, 0, lab);
	}
	y0 = S_vy(&g, g.c.lo < 0 && g.c.hi > 0 ? 0 : g.c.lo);
	pdfc_line_width(page, 0.8);
	S_stroke(page, 0x333333);
	S_line(page, x0 + g.left, S_Y(g.top), x0 + g.left, S_Y(g.top + g.ph));
	S_line(page, x0 + g.left, S_Y(y0), x0 + g.left + g.pw, S_Y(y0));
	/* category labels */
	for (j = 0; j < g.c.nc; j++) {
		x = x0 + g.left + g.bw * ((double)j + 0.5);
		if (g.rot)
			S_text(page, f, hf, C_LABEL, x,
			    S_Y(g.top + g.ph + 4 + C_LABEL * 0.8), 2, C_ROT,
			    g.c.cats[j]);
		else
			S_text(page, f, hf, C_LABEL, x,
			    S_Y(g.top + g.ph + C_LABEL * 1.3), 1, 0,
			    g.c.cats[j]);
	}
	/* data */
	gw = g.bw * 0.7;
	barw = g.c.ns ? gw / (double)g.c.ns : gw;
	for (i = 0; i < g.c.ns; i++) {
		uint32_t col = S_palette[i % S_NPALETTE];

		if (g.c.line) {
			pdfc_line_width(page, 1.5);
			S_stroke(page, col);
			started = 0;
			for (j = 0; j < g.c.nc; j++) {
				v = g.c.val[i * g.c.nc + j];
				if (isnan(v))
					continue;
				x = x0 + g.left + g.bw * ((double)j + 0.5);
				if (started)
					pdfc_line(page, x,
					    S_Y(S_vy(&g, v)));
				else
					pdfc_move(page, x,
					    S_Y(S_vy(&g, v)));
				started = 1;
			}
			if (started)
				pdfc_stroke(page);
		}
		for (j = 0; j < g.c.nc; j++) {
			v = g.c.val[i * g.c.nc + j];
			if (isnan(v))
				continue;
			y = S_vy(&g, v);
			S_num(lab, sizeof(lab), v);
			S_fill(page, col);
			if (g.c.line) {
				x = x0 + g.left + g.bw * ((double)j + 0.5);
				pdfc_circle(page, x,
				    S_Y(y), 2.5);
				pdfc_fill(page);
				S_fill(page, 0x222222);
				S_text(page, f, hf, C_VALUE, x, S_Y(y - 4), 1,
				    0, lab);
			} else {
				x = x0 + g.left + g.bw * (double)j +
				    (g.bw - gw) / 2 + barw * (double)i;
				pdfc_rect(page, x,
				    S_Y(v >= 0 ? y0 : y),
				    barw, fabs(y - y0));
				pdfc_fill(page);
				S_fill(page, 0x222222);
				S_text(page, f, hf, C_VALUE, x + barw / 2,
				    S_Y(v >= 0 ? y - 2.5 : y + C_VALUE + 1), 1,
				    0, lab);
			}
		}
	}
#undef S_Y
	cg_chart_free(&g.c);
}

/* ------------------------------------------------------------------ */
/* Org charts                                                          */

static void
S_orgdim(struct cg_orgdim *d, struct font *f)
{
	d->bh = 30;
	d->minw = 56;
	d->pad = 12;
	d->hg = 10;
	d->vg = 20;
	d->rg = 14;
	d->ind = 14;
	d->label_size = 9;
	d->sub_size = 7;
	d->textw = S_textw;
	d->ctx = f;
}

/* Scale (<= 1) that fits a layout of width lw into w. */
static double
S_org_scale(double lw, double w)
{
	double avail = w - 2 * O_MARGIN;

	return lw > avail && lw > 0 ? avail / lw : 1;
}

struct S_orgdraw {
	struct pdfc		*page;
	struct font		*f;
	int			 hf;
	const struct cg_orgdim	*d;
	double			 lh;	/* layout height: y flips about it */
	double			 ox, oy, k;	/* user space of layout 0,0 */
	struct chart_links	*links;
};

static void
S_org_path(void *ctx, const struct cg_seg *seg, size_t n)
{
	struct S_orgdraw *o = ctx;
	size_t i;

	for (i = 0; i < n; i++) {
		pdfc_move(o->page, seg[i].x1,
		    (o->lh - seg[i].y1));
		pdfc_line(o->page, seg[i].x2,
		    (o->lh - seg[i].y2));
	}
	pdfc_stroke(o->page);
}

static void
S_org_box(void *ctx, const struct doc_node *n, double x, double y,
    double w, double h)
{
	struct S_orgdraw *o = ctx;
	const char *label = doc_attr(n, "label"), *sub = doc_attr(n, "sub");
	struct chart_link *l;

	S_fill(o->page, 0xffffff);
	S_stroke(o->page, 0x4e79a7);
	pdfc_line_width(o->page, 0.8);
	pdfc_rect(o->page, x, (o->lh - y - h),
	    w, h);
	pdfc_fill_stroke(o->page);
	S_fill(o->page, 0x222222);
	S_text(o->page, o->f, o->hf, o->d->label_size, x + w / 2,
	    o->lh - y - (sub ? h * 0.45 : h / 2 + o->d->label_size * 0.35),
	    1, 0, label ? label : "");
	if (sub) {
		S_fill(o->page, 0x555555);
		S_text(o->page, o->f, o->hf, o->d->sub_size, x + w / 2,
		    o->lh - y - h * 0.8, 1, 0, sub);
	}
	if (n->href != NULL && o->links != NULL) {
		if (o->links->n == o->links->cap) {
			o->links->cap = o->links->cap ? o->links->cap * 2 : 16;
			o->links->v = xreallocarray(o->links->v,
			    o->links->cap, sizeof(*o->links->v));
		}
		l = &o->links->v[o->links->n++];
		l->href = n->href;
		l->label = doc_attr(n, "label");
		l->left = o->ox + x * o->k;
		l->right = o->ox + (x + w) * o->k;
		l->top = o->oy + (o->lh - y) * o->k;
		l->bottom = o->oy + (o->lh - y - h) * o->k;
	}
}

static void
S_org_draw(struct pdfc *page, struct font *f, int hf,
    const struct doc_node *chart, double x0, double yt, double w,
    struct chart_links *links)
{
	struct cg_orgdim d;
	struct cg_org top;
	struct S_orgdraw o;

	S_orgdim(&d, f);
	cg_org_layout(&top, chart, w - 2 * O_MARGIN, &d);
	memset(&o, 0, sizeof(o));
	o.page = page;
	o.f = f;
	o.hf = hf;
	o.d = &d;
	o.lh = top.h;
	o.links = links;
	o.k = S_org_scale(top.w, w);
	o.ox = x0 + (w - top.w * o.k) / 2;
	o.oy = yt - O_MARGIN - top.h * o.k;
	pdfc_save(page);
	pdfc_concat(page, o.k, 0, 0, o.k,
	    o.ox, o.oy);
	pdfc_line_width(page, 0.6);
	S_stroke(page, 0x888888);
	cg_org_links(&top, 0, 0, &d, S_org_path, &o);
	cg_org_boxes(&top, 0, 0, &d, S_org_box, &o);
	pdfc_restore(page);
	cg_org_free(&top);
}

/* ------------------------------------------------------------------ */

double
chart_height(struct font *f, const struct doc_node *node, double w)
{
	struct S_geo g;
	struct cg_orgdim d;
	struct cg_org top;
	double h;

	if (node->tag == DOC_CHART) {
		S_geo(&g, f, node, w);
		cg_chart_free(&g.c);
		return g.h;
	}
	if (node->tag == DOC_ORGCHART) {
		S_orgdim(&d, f);
		cg_org_layout(&top, node, w - 2 * O_MARGIN, &d);
		h = top.h * S_org_scale(top.w, w) + 2 * O_MARGIN;
		cg_org_free(&top);
		return h;
	}
	return 0;
}

void
chart_draw(struct pdfc *page, struct font *f, int hf,
    const struct doc_node *node, double x, double y_top, double w,
    struct chart_links *links)
{
	if (node->tag == DOC_CHART)
		S_chart_draw(page, f, hf, node, x, y_top, w);
	else if (node->tag == DOC_ORGCHART)
		S_org_draw(page, f, hf, node, x, y_top, w, links);
}

void
chart_links_free(struct chart_links *l)
{
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}
