/*
 * chartgeom.c — geometry of charts and org charts shared by the HTML
 * and PDF backends (see chartgeom.h).  Pure arithmetic on the tree: no
 * output, so both backends draw the same picture.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "../util/util.h"
#include "doc.h"
#include "chartgeom.h"

double
cg_nice_step(double span)
{
	double raw = span / 5, mag = pow(10, floor(log10(raw))), r = raw / mag;

	if (r <= 1)
		return mag;
	if (r <= 2)
		return 2 * mag;
	if (r <= 5)
		return 5 * mag;
	return 10 * mag;
}

/*
 * The category labels of a chart in first-seen order, found through a
 * hash table (a chart may hold many points: a linear search would take
 * time quadratic in them).
 */
struct S_cats {
	const char	**cats;
	size_t		  nc;
	size_t		 *slot;		/* 1 + index into cats; 0: empty */
	size_t		  mask;		/* table size - 1 (a power of two) */
};

static void
S_cats_init(struct S_cats *cs, size_t npoints)
{
	size_t cap = 16;

	while (cap < 2 * npoints + 2)
		cap *= 2;
	cs->cats = xreallocarray(NULL, npoints + 1, sizeof(*cs->cats));
	cs->nc = 0;
	cs->slot = xcalloc(cap, sizeof(*cs->slot));
	cs->mask = cap - 1;
}

/* Index of label l, appending it when new and add is set (room for it:
 * at most npoints labels); cs->nc when absent. */
static size_t
S_cat(struct S_cats *cs, const char *l, int add)
{
	const unsigned char *p;
	uint64_t h = 0xcbf29ce484222325ULL;
	size_t i;

	for (p = (const unsigned char *)l; *p; p++)
		h = (h ^ *p) * 0x100000001b3ULL;
	for (i = (size_t)h & cs->mask; cs->slot[i]; i = (i + 1) & cs->mask)
		if (strcmp(cs->cats[cs->slot[i] - 1], l) == 0)
			return cs->slot[i] - 1;
	if (!add)
		return cs->nc;
	cs->cats[cs->nc] = l;
	cs->slot[i] = ++cs->nc;
	return cs->nc - 1;
}

/* Points of all series of chart. */
static size_t
S_npoints(const struct doc_node *chart)
{
	const struct doc_node *s, *p;
	size_t n = 0;

	for (s = chart->first; s; s = s->next)
		for (p = s->first; p; p = p->next)
			n++;
	return n;
}

/* Reads the categories of chart into cs; returns the series. */
static size_t
S_read_cats(struct S_cats *cs, const struct doc_node *chart)
{
	const struct doc_node *s, *p;
	const char *l;
	size_t ns = 0;

	S_cats_init(cs, S_npoints(chart));
	for (s = chart->first; s; s = s->next, ns++)
		for (p = s->first; p; p = p->next) {
			l = doc_attr(p, "label");
			S_cat(cs, l ? l : "", 1);
		}
	return ns;
}

size_t
cg_chart_cells(const struct doc_node *chart)
{
	struct S_cats cs;
	size_t ns = S_read_cats(&cs, chart), nc = cs.nc;

	free(cs.cats);
	free(cs.slot);
	return nc > 0 && ns > SIZE_MAX / nc ? SIZE_MAX : ns * nc;
}

void
cg_chart_read(struct cg_chart *c, const struct doc_node *chart)
{
	const struct doc_node *s, *p;
	const char *type = doc_attr(chart, "type"), *l, *v, *name;
	struct S_cats cs;
	double vmin = 0, vmax = 0, x;
	size_t i, j;

	memset(c, 0, sizeof(*c));
	c->line = type && strcmp(type, "line") == 0;
	/* categories in order of first appearance, a value matrix */
	c->ns = S_read_cats(&cs, chart);
	c->cats = cs.cats;
	c->nc = cs.nc;
	c->names = xreallocarray(NULL, c->ns + 1, sizeof(*c->names));
	for (s = chart->first, i = 0; s; s = s->next, i++) {
		name = doc_attr(s, "name");
		c->names[i] = name ? name : "";
	}
	c->val = xcalloc(c->ns * c->nc + 1, sizeof(*c->val));
	for (i = 0; i < c->ns * c->nc; i++)
		c->val[i] = NAN;
	for (s = chart->first, i = 0; s; s = s->next, i++)
		for (p = s->first; p; p = p->next) {
			l = doc_attr(p, "label");
			v = doc_attr(p, "value");
			j = S_cat(&cs, l ? l : "", 0);
			x = v ? strtod(v, NULL) : 0;
			if (!isfinite(x))
				x = 0;
			c->val[i * c->nc + j] = x;
			if (x < vmin)
				vmin = x;
			if (x > vmax)
				vmax = x;
		}
	free(cs.slot);
	if (vmax <= vmin)
		vmax = vmin + 1;
	c->step = cg_nice_step(vmax - vmin);
	c->lo = floor(vmin / c->step) * c->step;
	c->hi = ceil(vmax / c->step) * c->step;
	c->nt = (int)lround((c->hi - c->lo) / c->step);
}

void
cg_chart_free(struct cg_chart *c)
{
	free(c->cats);
	free(c->names);
	free(c->val);
	memset(c, 0, sizeof(*c));
}

/* Alternative text */

void
cg_org_name(struct buf *b, const struct doc_node *n)
{
	const char *l = doc_attr(n, "label"), *s = doc_attr(n, "sub");

	buf_puts(b, l ? l : "");
	if (s && *s) {
		buf_puts(b, "（");
		buf_puts(b, s);
		buf_puts(b, "）");
	}
}

size_t
cg_org_count(const struct doc_node *n)
{
	const struct doc_node *c;
	size_t k = 0;

	for (c = n->first; c; c = c->next)
		if (c->tag == DOC_ORGNODE)
			k += 1 + cg_org_count(c);
	return k;
}

/* "X 的直接下级：A、B。" for n and, depth first, its descendants. */
static void
S_org_lines(struct buf *b, const struct doc_node *n)
{
	const struct doc_node *c;
	int k = 0;

	for (c = n->first; c; c = c->next) {
		if (c->tag != DOC_ORGNODE)
			continue;
		if (k++ == 0) {
			cg_org_name(b, n);
			buf_puts(b, "的直接下级：");
		} else
			buf_puts(b, "、");
		cg_org_name(b, c);
	}
	if (k > 0)
		buf_puts(b, "。");
	for (c = n->first; c; c = c->next)
		if (c->tag == DOC_ORGNODE)
			S_org_lines(b, c);
}

void
cg_org_summary(struct buf *b, const struct doc_node *chart)
{
	const struct doc_node *c;
	int k = 0;

	buf_printf(b, "共 %zu 个岗位。", cg_org_count(chart));
	for (c = chart->first; c; c = c->next) {
		if (c->tag != DOC_ORGNODE)
			continue;
		buf_puts(b, k++ ? "、" : "最高岗位：");
		cg_org_name(b, c);
	}
	if (k > 0)
		buf_puts(b, "。");
}

void
cg_org_alt(struct buf *b, const struct doc_node *chart)
{
	const struct doc_node *c;

	buf_puts(b, "组织结构图，");
	cg_org_summary(b, chart);
	for (c = chart->first; c; c = c->next)
		if (c->tag == DOC_ORGNODE)
			S_org_lines(b, c);
}

void
cg_chart_alt(struct buf *b, const struct doc_node *chart)
{
	const char *title = doc_attr(chart, "title"), *unit = doc_attr(chart,
	    "unit"), *type = doc_attr(chart, "type");
	const struct doc_node *s, *p;
	int line = type && strcmp(type, "line") == 0;

	if (title && *title)
		buf_puts(b, title);
	buf_puts(b, line ? "（折线图" : "（柱状图");
	if (unit && *unit) {
		buf_puts(b, "，单位：");
		buf_puts(b, unit);
	}
	buf_puts(b, "）");
	for (s = chart->first; s; s = s->next) {
		const char *name = doc_attr(s, "name");
		int k = 0;

		buf_puts(b, s == chart->first ? "：" : "；");
		if (name && *name) {
			buf_puts(b, name);
			buf_puts(b, "：");
		}
		for (p = s->first; p; p = p->next) {
			const char *l = doc_attr(p, "label"), *v = doc_attr(p,
			    "value");

			if (k++)
				buf_puts(b, "，");
			buf_puts(b, l ? l : "");
			buf_putc(b, ' ');
			buf_puts(b, v ? v : "");
		}
	}
	buf_puts(b, "。");
}

/* ------------------------------------------------------------------ */
/* Series styles: colour, hatching, markers and dashes                  */

/* Tableau 10's hues, the light ones darkened to 3:1 on white or more
 * (orange #f28e2b 2.4:1 -> #c85200 4.5:1, teal, yellow, pink the same
 * way); red, green and purple were already above it. */
static const unsigned S_colour[CG_NSTYLE] = {
	0x4e79a7, 0xc85200, 0xe15759, 0x3a7f79,
	0x59a14f, 0x8c7000, 0xb07aa1, 0xc2506a,
};

/* One hatching a series, told apart in greyscale: solid, /, -, \, |,
 * X, +, / with -. */
static const unsigned S_hatch[CG_NSTYLE] = {
	0, CG_H_UP, CG_H_HORIZ, CG_H_DOWN, CG_H_VERT, CG_H_UP | CG_H_DOWN,
	CG_H_HORIZ | CG_H_VERT, CG_H_UP | CG_H_HORIZ,
};

unsigned
cg_colour(size_t i)
{
	return S_colour[i % CG_NSTYLE];
}

unsigned
cg_tint(size_t i)
{
	unsigned c = cg_colour(i), t = 0;
	int sh;

	for (sh = 16; sh >= 0; sh -= 8)
		t = (t << 8) | ((((c >> sh) & 0xff) + 3 * 255 + 2) / 4);
	return t;
}

unsigned
cg_hatch_kind(size_t i)
{
	return S_hatch[i % CG_NSTYLE];
}

int
cg_marker(size_t i)
{
	return (int)(i % 4);
}

int
cg_hollow(size_t i)
{
	return i % CG_NSTYLE >= 4;
}

int
cg_dashed(size_t i)
{
	return i % 2 == 1;
}

static void
S_seg(struct cg_seg **seg, size_t *cap, size_t n, double x1, double y1,
    double x2, double y2)
{
	if (n >= *cap) {
		*cap = *cap ? *cap * 2 : 32;
		*seg = xreallocarray(*seg, *cap, sizeof(**seg));
	}
	(*seg)[n].x1 = x1;
	(*seg)[n].y1 = y1;
	(*seg)[n].x2 = x2;
	(*seg)[n].y2 = y2;
}

/*
 * The 45-degree lines x + s*y = c (s = 1: "/" with y down, s = -1: "\")
 * for c on multiples of d inside the rectangle, clipped to it.
 */
static size_t
S_diag(struct cg_seg **seg, size_t *cap, size_t n, int s, double x,
    double y, double w, double h, double d)
{
	double cmin, cmax, c, t0, t1;
	long k, k1;

	cmin = x + (s > 0 ? y : -(y + h));
	cmax = x + w + (s > 0 ? y + h : -y);
	k1 = (long)floor(cmax / d);
	for (k = (long)ceil(cmin / d); k <= k1; k++) {
		c = (double)k * d;
		/* along the line, x = c - s*y: y in [y, y + h] and
		 * x in [x, x + w] */
		t0 = y;
		t1 = y + h;
		if (s > 0) {
			t0 = fmax(t0, c - (x + w));
			t1 = fmin(t1, c - x);
		} else {
			t0 = fmax(t0, x - c);
			t1 = fmin(t1, x + w - c);
		}
		if (t1 - t0 < 1e-9)
			continue;
		S_seg(seg, cap, n++, c - s * t0, t0, c - s * t1, t1);
	}
	return n;
}

size_t
cg_hatch(struct cg_seg **seg, size_t *cap, unsigned kind, double x,
    double y, double w, double h, double step)
{
	size_t n = 0;
	double v;
	long k, k1;

	/* (also no NaN, and no more than a million lines) */
	if (!(w > 0 && h > 0 && step > 0) || !isfinite(x + y + w + h) ||
	    (w + h) / step > 1e6 || fabs(x) + fabs(y) > 1e12)
		return 0;
	if (kind & CG_H_HORIZ) {
		k1 = (long)ceil((y + h) / step) - 1;
		for (k = (long)floor(y / step) + 1; k <= k1; k++) {
			v = (double)k * step;
			S_seg(seg, cap, n++, x, v, x + w, v);
		}
	}
	if (kind & CG_H_VERT) {
		k1 = (long)ceil((x + w) / step) - 1;
		for (k = (long)floor(x / step) + 1; k <= k1; k++) {
			v = (double)k * step;
			S_seg(seg, cap, n++, v, y, v, y + h);
		}
	}
	if (kind & CG_H_UP)
		n = S_diag(seg, cap, n, 1, x, y, w, h, step * M_SQRT2);
	if (kind & CG_H_DOWN)
		n = S_diag(seg, cap, n, -1, x, y, w, h, step * M_SQRT2);
	return n;
}

void
cg_place_labels(struct cg_vlabel *l, size_t n, double h)
{
	size_t k, m;
	int t, hit;

	for (k = 0; k < n; k++) {
		l[k].place = CG_VL_DROP;
		for (t = 0; t < l[k].ny && t < 2; t++) {
			hit = 0;
			for (m = 0; m < k && !hit; m++)
				hit = l[m].place != CG_VL_DROP &&
				    fabs(l[m].x - l[k].x) <
				    (l[m].w + l[k].w) / 2 + 1 &&
				    fabs(l[m].by - l[k].y[t]) < h;
			if (!hit) {
				l[k].place = t == 0 ? CG_VL_FIRST :
				    CG_VL_SECOND;
				l[k].by = l[k].y[t];
				break;
			}
		}
	}
}

size_t
cg_marker_poly(int m, double cx, double cy, double r, double *pt)
{
	switch (m) {
	case CG_M_SQUARE:
		r *= 0.9;	/* the same area as the circle, about */
		pt[0] = cx - r; pt[1] = cy - r;
		pt[2] = cx + r; pt[3] = cy - r;
		pt[4] = cx + r; pt[5] = cy + r;
		pt[6] = cx - r; pt[7] = cy + r;
		return 4;
	case CG_M_TRIANGLE:
		r *= 1.3;
		pt[0] = cx; pt[1] = cy - r;
		pt[2] = cx + r * 0.866; pt[3] = cy + r * 0.5;
		pt[4] = cx - r * 0.866; pt[5] = cy + r * 0.5;
		return 3;
	case CG_M_DIAMOND:
		r *= 1.25;
		pt[0] = cx; pt[1] = cy - r;
		pt[2] = cx + r; pt[3] = cy;
		pt[4] = cx; pt[5] = cy + r;
		pt[6] = cx - r; pt[7] = cy;
		return 4;
	default:
		return 0;
	}
}
