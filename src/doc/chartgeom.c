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

static void
S_org_name(struct buf *b, const struct doc_node *n)
{
	const char *l = doc_attr(n, "label"), *s = doc_attr(n, "sub");

	buf_puts(b, l ? l : "");
	if (s && *s) {
		buf_puts(b, "（");
		buf_puts(b, s);
		buf_puts(b, "）");
	}
}

static size_t
S_org_count(const struct doc_node *n)
{
	const struct doc_node *c;
	size_t k = 0;

	for (c = n->first; c; c = c->next)
		if (c->tag == DOC_ORGNODE)
			k += 1 + S_org_count(c);
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
			S_org_name(b, n);
			buf_puts(b, "的直接下级：");
		} else
			buf_puts(b, "、");
		S_org_name(b, c);
	}
	if (k > 0)
		buf_puts(b, "。");
	for (c = n->first; c; c = c->next)
		if (c->tag == DOC_ORGNODE)
			S_org_lines(b, c);
}

void
cg_org_alt(struct buf *b, const struct doc_node *chart)
{
	const struct doc_node *c;
	int k = 0;

	buf_printf(b, "组织结构图，共 %zu 个岗位。", S_org_count(chart));
	for (c = chart->first; c; c = c->next) {
		if (c->tag != DOC_ORGNODE)
			continue;
		buf_puts(b, k++ ? "、" : "最高岗位：");
		S_org_name(b, c);
	}
	if (k > 0)
		buf_puts(b, "。");
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
