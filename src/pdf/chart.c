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
#include "../doc/orgtree.h"
#include "chart.h"
#include "linebreak.h"

#define C_TITLE		11.0	/* chart title size [pt] */
#define C_LABEL		8.0	/* axis, category, legend, unit labels */
#define C_VALUE		7.0	/* value labels */
#define C_PAD		4.0	/* outer padding */
#define C_ROT		35.0	/* rotation of long category labels [deg] */

#define O_MARGIN	2.0	/* around an org chart */

#define C_HATCH		3.5	/* hatching lines' distance [pt] */
#define C_MARK		2.6	/* a point marker's radius */
#define C_LWIDTH	1.5	/* a line chart's line width */

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

/*
 * clreq §3.1.6 in one line of chart text, as the paragraph layout does it
 * (layout_para.c, S_pair): two adjacent full-width marks take 1.5 em.
 * For each such pair, at[k] is the byte offset of the second mark in s
 * and rm[k] the blank taken out before it [pt]; at and rm hold strlen(s)
 * entries.  Returns the number of pairs.
 */
static size_t
S_squeeze(struct font *f, const char *s, double size, size_t *at,
    double *rm)
{
	size_t n = strlen(s), i, k, np = 0;
	int a[2] = { 0, 0 }, b[2];
	uint32_t cp;
	double keep, r;

	for (i = 0; i < n; i += k) {
		if ((k = utf8_decode(s + i, n - i, &cp)) == 0) {
			k = 1;
			a[0] = a[1] = 0;
			continue;
		}
		b[0] = b[1] = 0;
		if (lb_punct(cp) != LB_P_NONE)
			font_blank(f, cp, b);
		if (a[0] + a[1] > 0 && b[0] + b[1] > 0) {
			keep = a[1] > 0 && b[0] > 0 ?
			    (a[1] < b[0] ? a[1] : b[0]) : 0;
			r = (a[1] + b[0] - keep) * size / 1000;
			if (r > 1e-6) {
				at[np] = i;
				rm[np++] = r;
			}
		}
		a[0] = b[0];
		a[1] = b[1];
	}
	return np;
}

/* Width of s at size, adjacent marks compressed (S_squeeze). */
static double
S_w(struct font *f, const char *s, double size)
{
	size_t n = strlen(s), np, k, *at = xcalloc(n + 1, sizeof(*at));
	double *rm = xcalloc(n + 1, sizeof(*rm)), w;

	w = font_text_width(f, s, n, size);
	np = S_squeeze(f, s, size, at, rm);
	for (k = 0; k < np; k++)
		w -= rm[k];
	free(at);
	free(rm);
	return w;
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

/* Shows s from (x, y) along (c, sn) in one text run, adjacent marks
 * compressed: the first mark of a pair is shown with character spacing
 * (Tc) of minus the blank taken out, as the paragraphs do it, so text
 * extraction reads one run (docs/pdf.md, "Punctuation (clreq)"). */
static void
S_show(struct pdfc *page, struct font *f, int hf, double size, double x,
    double y, double c, double sn, const char *s)
{
	size_t n = strlen(s), np, k, from = 0, m, *at = xcalloc(n + 1,
	    sizeof(*at));
	double *rm = xcalloc(n + 1, sizeof(*rm));

	np = S_squeeze(f, s, size, at, rm);
	pdfc_text_matrix(page, c, sn, -sn, c, x, y);
	for (k = 0; k < np; k++) {
		/* m: where the pair's first mark begins */
		for (m = at[k] - 1; m > from && ((unsigned char)s[m] & 0xC0)
		    == 0x80; m--)
			;
		pdfc_show(page, hf, s + from, m - from);
		pdfc_char_space(page, -rm[k]);
		pdfc_show(page, hf, s + m, at[k] - m);
		pdfc_char_space(page, 0);
		from = at[k];
	}
	pdfc_show(page, hf, s + from, n - from);
	free(at);
	free(rm);
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
	if (font_stroke_bold(f)) {
		pdfc_render(page, PDFC_FILL_STROKE);
		pdfc_line_width(page, (size / 30));
	}
	S_show(page, f, hf, size, x - w * c, y - w * sn, c, sn, t);
	if (font_stroke_bold(f))
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

/*
 * A bar or legend swatch of series i, (x, y) its top left corner in user
 * space: solid, or hatched (chartgeom.h, cg_hatch_kind) in its colour
 * over its tint inside its outline.
 */
static void
S_bar(struct pdfc *page, size_t i, double x, double y, double w, double h)
{
	unsigned kind = cg_hatch_kind(i);
	struct cg_seg *seg = NULL;
	size_t n, k, cap = 0;

	if (kind == 0) {
		S_fill(page, cg_colour(i));
		pdfc_rect(page, x, y - h, w, h);
		pdfc_fill(page);
		return;
	}
	S_fill(page, cg_tint(i));
	S_stroke(page, cg_colour(i));
	pdfc_line_width(page, 0.6);
	pdfc_rect(page, x, y - h, w, h);
	pdfc_fill(page);
	/* y down from the page's top for the hatching's grid */
	n = cg_hatch(&seg, &cap, kind, x, -y, w, h, C_HATCH);
	for (k = 0; k < n; k++) {
		pdfc_move(page, seg[k].x1, -seg[k].y1);
		pdfc_line(page, seg[k].x2, -seg[k].y2);
	}
	if (n > 0)
		pdfc_stroke(page);
	pdfc_rect(page, x, y - h, w, h);
	pdfc_stroke(page);
	free(seg);
}

/* The point marker of series i at (x, y): its shape, filled or hollow. */
static void
S_marker(struct pdfc *page, size_t i, double x, double y)
{
	double pt[8];
	size_t n = cg_marker_poly(cg_marker(i), x, -y, C_MARK, pt), k;

	if (n == 0)
		pdfc_circle(page, x, y, C_MARK);
	else {
		for (k = 0; k < n; k++)
			if (k == 0)
				pdfc_move(page, pt[0], -pt[1]);
			else
				pdfc_line(page, pt[2 * k], -pt[2 * k + 1]);
		pdfc_close(page);
	}
	if (cg_hollow(i)) {
		S_fill(page, 0xffffff);
		S_stroke(page, cg_colour(i));
		pdfc_line_width(page, 1);
		pdfc_fill_stroke(page);
	} else {
		S_fill(page, cg_colour(i));
		pdfc_fill(page);
	}
}

/* A line chart's series i from (x1, y) to (x2, y): colour and dash. */
static void
S_series_line(struct pdfc *page, size_t i)
{
	pdfc_line_width(page, C_LWIDTH);
	S_stroke(page, cg_colour(i));
	pdfc_dash(page, cg_dashed(i) ? 3 * C_LWIDTH : 0, 2 * C_LWIDTH);
}

/* A legend swatch's width: a bar's square or a line with its marker. */
static double
S_swatch_w(const struct cg_chart *c)
{
	return c->line ? 19.5 : 8;	/* 3 dashes, the marker on the middle one */
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
		font_missing_diag(d, &n->pos, &cp, 1, f, "font.body");
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
		case DOC_ORGCHART:
			/* stub references and manager paths */
			bad += S_prep(d, f, n, "续见第页（）上级：…/，接", &seen);
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
		iw = S_swatch_w(c) + 3 + S_w(f, c->names[i], C_LABEL) + 10;
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

/*
 * The value labels of g, placed by cg_place_labels(): a bar's above its
 * end (below for a negative value), a line point's above it, else
 * below.  l[k] for k = i * nc + j: x the label's centre from the chart's
 * left, by its baseline down from its top.
 */
static void
S_labels(const struct S_geo *g, struct font *f, struct cg_vlabel *l)
{
	size_t n = g->c.ns * g->c.nc, i, j, k;
	double gw = g->bw * 0.7, barw = g->c.ns ? gw / (double)g->c.ns : gw,
	    y, v;
	char lab[64];

	for (k = 0; k < n; k++) {
		i = k / g->c.nc;
		j = k % g->c.nc;
		v = g->c.val[k];
		l[k].ny = 0;
		if (isnan(v))
			continue;
		y = S_vy(g, v);
		S_num(lab, sizeof(lab), v);
		l[k].w = S_w(f, lab, C_VALUE);
		if (g->c.line) {
			l[k].x = g->left + g->bw * ((double)j + 0.5);
			l[k].y[0] = y - 4;
			l[k].y[1] = y + 4 + C_VALUE * 0.8;
			l[k].ny = 2;
		} else {
			l[k].x = g->left + g->bw * (double)j +
			    (g->bw - gw) / 2 + barw * (double)i + barw / 2;
			l[k].y[0] = v >= 0 ? y - 2.5 : y + C_VALUE + 1;
			l[k].ny = 1;
		}
	}
	cg_place_labels(l, n, C_VALUE);
}

void
chart_dump(struct font *f, const struct doc_node *node, double w,
    struct buf *b, const char *indent)
{
	struct S_geo g;
	struct cg_vlabel *l;
	size_t n, k;
	char lab[64];

	if (node->tag != DOC_CHART)
		return;
	S_geo(&g, f, node, w);
	n = g.c.ns * g.c.nc;
	l = xcalloc(n + 1, sizeof(*l));
	S_labels(&g, f, l);
	for (k = 0; k < n; k++) {
		if (isnan(g.c.val[k]) || l[k].place == CG_VL_FIRST)
			continue;
		S_num(lab, sizeof(lab), g.c.val[k]);
		buf_printf(b, "%svalue \"%s\" series=%zu category=\"%s\" %s\n",
		    indent, lab, k / g.c.nc + 1, g.c.cats[k % g.c.nc],
		    l[k].place == CG_VL_SECOND ? "moved-below" : "dropped");
	}
	free(l);
	cg_chart_free(&g.c);
}

static void
S_chart_draw(struct pdfc *page, struct font *f, int hf,
    const struct doc_node *chart, double x0, double yt, double w)
{
	struct S_geo g;
	const char *title = doc_attr(chart, "title"), *unit = doc_attr(chart,
	    "unit");
	struct cg_vlabel *vl;
	char lab[64];
	double x, y, y0, v, gw, barw, iw;
	size_t i, j, k, nl;
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
		double sw = S_swatch_w(&g.c);

		for (i = 0; i < g.c.ns; i++) {
			iw = sw + 3 + S_w(f, g.c.names[i], C_LABEL) + 10;
			if (x > 0 && x + iw > w) {
				x = 0;
				y += C_LABEL * 1.6;
			}
			if (g.c.line) {
				S_series_line(page, i);
				S_line(page, x0 + x, S_Y(y + C_LABEL - 4),
				    x0 + x + sw, S_Y(y + C_LABEL - 4));
				pdfc_dash(page, 0, 0);
				S_marker(page, i, x0 + x + sw / 2,
				    S_Y(y + C_LABEL - 4));
			} else
				S_bar(page, i, x0 + x, S_Y(y), 8, 8);
			S_fill(page, 0x222222);
			S_text(page, f, hf, C_LABEL, x0 + x + sw + 3,
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
	nl = g.c.ns * g.c.nc;
	vl = xcalloc(nl + 1, sizeof(*vl));
	S_labels(&g, f, vl);
	for (i = 0; i < g.c.ns; i++) {
		if (g.c.line) {
			S_series_line(page, i);
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
			pdfc_dash(page, 0, 0);
		}
		for (j = 0; j < g.c.nc; j++) {
			v = g.c.val[i * g.c.nc + j];
			if (isnan(v))
				continue;
			y = S_vy(&g, v);
			if (g.c.line) {
				x = x0 + g.left + g.bw * ((double)j + 0.5);
				S_marker(page, i, x, S_Y(y));
			} else {
				x = x0 + g.left + g.bw * (double)j +
				    (g.bw - gw) / 2 + barw * (double)i;
				S_bar(page, i, x, S_Y(v >= 0 ? y : y0),
				    barw, fabs(y - y0));
			}
		}
	}
	/* value labels last, over every line and bar */
	S_fill(page, 0x222222);
	for (k = 0; k < nl; k++)
		if (vl[k].place != CG_VL_DROP) {
			S_num(lab, sizeof(lab), g.c.val[k]);
			S_text(page, f, hf, C_VALUE, x0 + vl[k].x,
			    S_Y(vl[k].by), 1, 0, lab);
		}
	free(vl);
#undef S_Y
	cg_chart_free(&g.c);
}

/* ------------------------------------------------------------------ */
/* Org charts                                                          */

void
chart_org_dim(struct og_dim *d, struct font *f, int dense)
{
	memset(d, 0, sizeof(*d));
	d->bh = dense ? 26 : 30;
	d->minw = dense ? 44 : 52;
	d->pad = dense ? 8 : 12;
	d->hg = dense ? 6 : 10;
	d->vg = dense ? 14 : 18;
	d->ind = dense ? 12 : 16;
	d->label_size = dense ? 8 : 9;
	d->sub_size = 7;
	d->path_size = 8;
	d->pathh = 18;
	d->pack = 1;
	d->stub_ref = "续见第 0000 页";
	d->path_pre = "上级：";
	d->path_ref = "（见第 0000 页）";
	d->textw = S_textw;
	d->ctx = f;
}

void
chart_org_layout(struct og_chart *og, struct font *f,
    const struct doc_node *node, double w, double maxh)
{
	struct og_dim d;
	struct og_chart dense;

	chart_org_dim(&d, f, 0);
	og_layout(og, node, w - 2 * O_MARGIN, maxh - 2 * O_MARGIN, &d);
	if (og->nsheet <= 1)
		return;
	/* smaller boxes (text still 7 pt or more) when that saves sheets */
	chart_org_dim(&d, f, 1);
	og_layout(&dense, node, w - 2 * O_MARGIN, maxh - 2 * O_MARGIN, &d);
	if (dense.nsheet < og->nsheet) {
		og_free(og);
		*og = dense;
		og->variant = 1;
	} else
		og_free(&dense);
}

double
chart_org_height(const struct og_chart *og, size_t sheet)
{
	return og->sheet[sheet].h + 2 * O_MARGIN;
}

/* Page of sheet s: pages[s], or s + 1 without pages. */
static int
S_page(const int *pages, size_t s)
{
	return pages ? pages[s] : (int)s + 1;
}

static void
S_link_add(struct chart_links *links, const struct doc_node *n, double left,
    double bottom, double right, double top)
{
	struct chart_link *l;

	if (links->n == links->cap) {
		links->cap = links->cap ? links->cap * 2 : 16;
		links->v = xreallocarray(links->v, links->cap,
		    sizeof(*links->v));
	}
	l = &links->v[links->n++];
	l->href = n->href;
	l->label = doc_attr(n, "label");
	l->left = left;
	l->right = right;
	l->top = top;
	l->bottom = bottom;
}

void
chart_org_draw(struct pdfc *page, struct font *f, int hf,
    const struct og_chart *og, size_t sheet, const int *pages, double x0,
    double yt, double w, struct chart_links *links)
{
	const struct og_sheet *s = &og->sheet[sheet];
	struct og_dim d;
	char ref[64];
	size_t i;
	double ox, oy;

	chart_org_dim(&d, f, og->variant);
	ox = x0 + (w - s->w) / 2;
	oy = yt - O_MARGIN;
#define S_X(x)	(ox + (x))
#define S_Y(y)	(oy - (y))
	for (i = s->head0; i < s->head0 + s->nhead; i++) {
		const struct og_head *h = &og->head[i];
		char *t;

		if (h->part > 1)
			snprintf(ref, sizeof(ref), "（续，接第 %d 页）",
			    S_page(pages, h->pref));
		else
			snprintf(ref, sizeof(ref), "（见第 %d 页）",
			    S_page(pages, h->pref));
		t = og_path_text(og, h, &d, s->w, d.path_pre, ref);
		S_fill(page, 0x555555);
		S_text(page, f, hf, d.path_size, S_X(0),
		    S_Y(h->y + d.path_size * 1.2), 0, 0, t);
		free(t);
	}
	pdfc_line_width(page, 0.6);
	S_stroke(page, 0x888888);
	for (i = s->seg0; i < s->seg0 + s->nseg; i++) {
		const struct cg_seg *g = &og->seg[i];

		pdfc_move(page, S_X(g->x1), S_Y(g->y1));
		pdfc_line(page, S_X(g->x2), S_Y(g->y2));
	}
	if (s->nseg)
		pdfc_stroke(page);
	for (i = s->box0; i < s->box0 + s->nbox; i++) {
		const struct og_box *b = &og->box[i];
		const char *label = doc_attr(b->n, "label"),
		    *sub = doc_attr(b->n, "sub");

		if (b->kind == OG_STUB) {
			snprintf(ref, sizeof(ref), "续见第 %d 页",
			    S_page(pages, b->ref));
			sub = ref;
		}
		S_fill(page, b->kind == OG_STUB ? 0xeef2f7 : 0xffffff);
		S_stroke(page, 0x4e79a7);
		pdfc_line_width(page, 0.8);
		pdfc_rect(page, S_X(b->x), S_Y(b->y + b->h), b->w, b->h);
		pdfc_fill_stroke(page);
		S_fill(page, 0x222222);
		S_text(page, f, hf, d.label_size, S_X(b->x + b->w / 2),
		    S_Y(b->y + (sub && *sub ? b->h * 0.45 : b->h / 2 +
		    d.label_size * 0.35)), 1, 0, label ? label : "");
		if (sub && *sub) {
			S_fill(page, b->kind == OG_STUB ? 0x4e79a7 : 0x555555);
			S_text(page, f, hf, d.sub_size, S_X(b->x + b->w / 2),
			    S_Y(b->y + b->h * 0.8), 1, 0, sub);
		}
		if (b->n->href != NULL && links != NULL)
			S_link_add(links, b->n, S_X(b->x),
			    S_Y(b->y + b->h), S_X(b->x + b->w), S_Y(b->y));
	}
#undef S_X
#undef S_Y
}

/* ------------------------------------------------------------------ */

double
chart_height(struct font *f, const struct doc_node *node, double w)
{
	struct S_geo g;

	S_geo(&g, f, node, w);
	cg_chart_free(&g.c);
	return g.h;
}

void
chart_draw(struct pdfc *page, struct font *f, int hf,
    const struct doc_node *node, double x, double y_top, double w)
{
	S_chart_draw(page, f, hf, node, x, y_top, w);
}

void
chart_links_free(struct chart_links *l)
{
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}
