/*
 * chartgeom.c — geometry of charts and org charts shared by the HTML
 * and PDF backends (see chartgeom.h).  Pure arithmetic on the tree: no
 * output, so both backends draw the same picture.
 */
#include <math.h>
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

/* Index of label l in c->cats, appending it when new. */
static size_t
S_cat(struct cg_chart *c, const char *l, int add)
{
	size_t j;

	for (j = 0; j < c->nc; j++)
		if (strcmp(c->cats[j], l) == 0)
			return j;
	if (add) {
		c->cats = xreallocarray(c->cats, c->nc + 1, sizeof(*c->cats));
		c->cats[c->nc++] = l;
	}
	return j;
}

void
cg_chart_read(struct cg_chart *c, const struct doc_node *chart)
{
	const struct doc_node *s, *p;
	const char *type = doc_attr(chart, "type"), *l, *v, *name;
	double vmin = 0, vmax = 0, x;
	size_t i, j;

	memset(c, 0, sizeof(*c));
	c->line = type && strcmp(type, "line") == 0;
	/* categories in order of first appearance, a value matrix */
	for (s = chart->first; s; s = s->next) {
		name = doc_attr(s, "name");
		c->names = xreallocarray(c->names, c->ns + 1,
		    sizeof(*c->names));
		c->names[c->ns++] = name ? name : "";
		for (p = s->first; p; p = p->next) {
			l = doc_attr(p, "label");
			S_cat(c, l ? l : "", 1);
		}
	}
	c->val = xcalloc(c->ns * c->nc + 1, sizeof(*c->val));
	for (i = 0; i < c->ns * c->nc; i++)
		c->val[i] = NAN;
	for (s = chart->first, i = 0; s; s = s->next, i++)
		for (p = s->first; p; p = p->next) {
			l = doc_attr(p, "label");
			v = doc_attr(p, "value");
			j = S_cat(c, l ? l : "", 0);
			x = v ? strtod(v, NULL) : 0;
			if (!isfinite(x))
				x = 0;
			c->val[i * c->nc + j] = x;
			if (x < vmin)
				vmin = x;
			if (x > vmax)
				vmax = x;
		}
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

/*
 * Lays out o's subtree (see cg_org_layout()).  Recursion depth is
 * bounded by the parser's depth limit.
 */
static void
S_org_layout(struct cg_org *o, double maxw, const struct cg_orgdim *d)
{
	const struct doc_node *c;
	const char *label, *sub;
	double boxh, total = 0, x, y, rowh, maxx, c1, cn, shift, w;
	size_t i, n = 0;

	for (c = o->n->first; c; c = c->next)
		if (c->tag == DOC_ORGNODE)
			n++;
	o->kids = n ? xcalloc(n, sizeof(*o->kids)) : NULL;
	for (c = o->n->first; c; c = c->next)
		if (c->tag == DOC_ORGNODE) {
			o->kids[o->nk].n = c;
			o->kids[o->nk].box = 1;
			S_org_layout(&o->kids[o->nk], maxw, d);
			o->nk++;
		}
	o->bw = 0;
	if (o->box) {
		label = doc_attr(o->n, "label");
		sub = doc_attr(o->n, "sub");
		o->bw = d->minw;
		if (label && (w = d->textw(d->ctx, label, d->label_size) +
		    d->pad) > o->bw)
			o->bw = w;
		if (sub && (w = d->textw(d->ctx, sub, d->sub_size) + d->pad) >
		    o->bw)
			o->bw = w;
	}
	boxh = o->box ? d->bh + d->vg : 0;
	if (o->nk == 0) {
		o->w = o->bw;
		o->h = o->box ? d->bh : 0;
		o->bx = 0;
		return;
	}
	for (i = 0; i < o->nk; i++)
		total += o->kids[i].w + (i ? d->hg : 0);
	if (total <= maxw || o->nk == 1) {
		x = 0;
		rowh = 0;
		for (i = 0; i < o->nk; i++) {
			o->kids[i].rx = x;
			o->kids[i].ry = boxh;
			o->kids[i].bus = boxh - d->vg / 2;
			x += o->kids[i].w + d->hg;
			if (o->kids[i].h > rowh)
				rowh = o->kids[i].h;
		}
		c1 = o->kids[0].rx + o->kids[0].bx + o->kids[0].bw / 2;
		cn = o->kids[o->nk - 1].rx + o->kids[o->nk - 1].bx +
		    o->kids[o->nk - 1].bw / 2;
		o->bx = (c1 + cn) / 2 - o->bw / 2;
		shift = 0;
		if (o->bx < 0) {
			shift = -o->bx;
			o->bx = 0;
			for (i = 0; i < o->nk; i++)
				o->kids[i].rx += shift;
		}
		o->w = total + shift;
		if (o->bx + o->bw > o->w)
			o->w = o->bx + o->bw;
		o->h = boxh + rowh;
		return;
	}
	o->wrapped = 1;
	x = o->box ? d->ind : 0;
	y = boxh;
	rowh = maxx = 0;
	for (i = 0; i < o->nk; i++) {
		if (x > (o->box ? d->ind : 0) && x + o->kids[i].w > maxw) {
			y += rowh + d->rg;
			x = o->box ? d->ind : 0;
			rowh = 0;
		}
		o->kids[i].rx = x;
		o->kids[i].ry = y;
		o->kids[i].bus = y - (y == boxh ? d->vg : d->rg) / 2;
		x += o->kids[i].w;
		if (x > maxx)
			maxx = x;
		x += d->hg;
		if (o->kids[i].h > rowh)
			rowh = o->kids[i].h;
	}
	o->w = maxx > o->bw ? maxx : o->bw;
	o->bx = (o->w - o->bw) / 2;
	o->h = y + rowh;
}

void
cg_org_layout(struct cg_org *top, const struct doc_node *chart, double maxw,
    const struct cg_orgdim *d)
{
	memset(top, 0, sizeof(*top));
	top->n = chart;
	S_org_layout(top, maxw, d);
}

void
cg_org_free(struct cg_org *o)
{
	size_t i;

	for (i = 0; i < o->nk; i++)
		cg_org_free(&o->kids[i]);
	free(o->kids);
	o->kids = NULL;
	o->nk = 0;
}

/* Appends a segment to segs[*n] (capacity *cap). */
static void
S_seg(struct cg_seg **segs, size_t *n, size_t *cap, double x1, double y1,
    double x2, double y2)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		*segs = xreallocarray(*segs, *cap, sizeof(**segs));
	}
	(*segs)[*n].x1 = x1;
	(*segs)[*n].y1 = y1;
	(*segs)[*n].x2 = x2;
	(*segs)[*n].y2 = y2;
	(*n)++;
}

void
cg_org_links(const struct cg_org *o, double ox, double oy,
    const struct cg_orgdim *d,
    void (*fn)(void *, const struct cg_seg *, size_t), void *ctx)
{
	struct cg_seg *segs = NULL;
	size_t i, j, n = 0, cap = 0;
	double pcx, kcx, bus, lastbus, trunk, from, to;
	const struct cg_org *k;

	for (i = 0; i < o->nk; i++)
		cg_org_links(&o->kids[i], ox + o->kids[i].rx,
		    oy + o->kids[i].ry, d, fn, ctx);
	if (!o->box || o->nk == 0)
		return;
	pcx = ox + o->bx + o->bw / 2;
	trunk = ox + d->ind / 2;
	/* parent down to the first bus */
	S_seg(&segs, &n, &cap, pcx, oy + d->bh, pcx, oy + o->kids[0].bus);
	lastbus = o->kids[o->nk - 1].bus;
	if (o->wrapped && lastbus > o->kids[0].bus)
		/* the trunk on the left, down to the last row's bus */
		S_seg(&segs, &n, &cap, trunk, oy + o->kids[0].bus, trunk,
		    oy + lastbus);
	for (i = 0; i < o->nk; i++) {
		k = &o->kids[i];
		bus = k->bus;
		if (i == 0 || bus != o->kids[i - 1].bus) {
			/* the bus of a row: from trunk or parent to its ends */
			from = to = ox + k->rx + k->bx + k->bw / 2;
			if (i == 0 && pcx < from)
				from = pcx;
			if (i == 0 && pcx > to)
				to = pcx;
			if (o->wrapped)
				from = trunk;
			for (j = i; j < o->nk && o->kids[j].bus == bus; j++) {
				kcx = ox + o->kids[j].rx + o->kids[j].bx +
				    o->kids[j].bw / 2;
				if (kcx < from)
					from = kcx;
				if (kcx > to)
					to = kcx;
			}
			if (to > from)
				S_seg(&segs, &n, &cap, from, oy + bus, to,
				    oy + bus);
		}
		kcx = ox + k->rx + k->bx + k->bw / 2;
		S_seg(&segs, &n, &cap, kcx, oy + bus, kcx, oy + k->ry);
	}
	fn(ctx, segs, n);
	free(segs);
}

void
cg_org_boxes(const struct cg_org *o, double ox, double oy,
    const struct cg_orgdim *d,
    void (*fn)(void *, const struct doc_node *, double, double, double,
    double), void *ctx)
{
	size_t i;

	if (o->box)
		fn(ctx, o->n, ox + o->bx, oy, o->bw, d->bh);
	for (i = 0; i < o->nk; i++)
		cg_org_boxes(&o->kids[i], ox + o->kids[i].rx,
		    oy + o->kids[i].ry, d, fn, ctx);
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
