/*
 * svg.c — inline SVG for the HTML backend: bar and line charts
 * (rb-chart) and org charts (rb-orgchart) laid out as a tidy tree whose
 * too-wide levels wrap into rows.  Numbers are printed with fixed
 * decimals (html_num), so the same tree gives the same bytes.
 * For internal use by src/html/html.c.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "html_int.h"

static const char *const S_palette[] = {
	"#4e79a7", "#f28e2b", "#e15759", "#76b7b2",
	"#59a14f", "#edc948", "#b07aa1", "#ff9da7",
};
#define S_NPALETTE	(sizeof(S_palette) / sizeof(S_palette[0]))

static void
S_escs(struct buf *b, const char *s)
{
	html_escape(b, s, strlen(s), 0);
}

/* Writes name="v" with one decimal. */
static void
S_num_attr(struct buf *b, const char *name, double v)
{
	buf_printf(b, " %s=\"", name);
	html_num(b, v, 1);
	buf_putc(b, '"');
}

static void
S_svg_open(struct buf *b, double w, double h, const char *label)
{
	BUF_PUTSL(b, "<svg xmlns=\"http://www.w3.org/2000/svg\"");
	S_num_attr(b, "width", w);
	S_num_attr(b, "height", h);
	BUF_PUTSL(b, " viewBox=\"0 0 ");
	html_num(b, w, 1);
	buf_putc(b, ' ');
	html_num(b, h, 1);
	BUF_PUTSL(b, "\" role=\"img\" aria-label=\"");
	html_escape(b, label, strlen(label), 1);
	BUF_PUTSL(b, "\">\n<title>");
	S_escs(b, label);
	BUF_PUTSL(b, "</title>\n");
}

/* <text x y [anchor] size>s</text>, optionally rotated about (x, y). */
static void
S_text(struct buf *b, double x, double y, const char *anchor, int size,
    double rot, const char *cls, const char *s)
{
	BUF_PUTSL(b, "<text");
	if (cls)
		buf_printf(b, " class=\"%s\"", cls);
	S_num_attr(b, "x", x);
	S_num_attr(b, "y", y);
	if (anchor)
		buf_printf(b, " text-anchor=\"%s\"", anchor);
	buf_printf(b, " font-size=\"%d\"", size);
	if (rot != 0) {
		BUF_PUTSL(b, " transform=\"rotate(");
		html_num(b, rot, 1);
		buf_putc(b, ' ');
		html_num(b, x, 1);
		buf_putc(b, ' ');
		html_num(b, y, 1);
		BUF_PUTSL(b, ")\"");
	}
	buf_putc(b, '>');
	S_escs(b, s);
	BUF_PUTSL(b, "</text>\n");
}

static void
S_line(struct buf *b, double x1, double y1, double x2, double y2,
    const char *stroke)
{
	BUF_PUTSL(b, "<line");
	S_num_attr(b, "x1", x1);
	S_num_attr(b, "y1", y1);
	S_num_attr(b, "x2", x2);
	S_num_attr(b, "y2", y2);
	buf_printf(b, " stroke=\"%s\"/>\n", stroke);
}

/* ------------------------------------------------------------------ */
/* Charts                                                               */

#define CH_W		640.0	/* [px] */
#define CH_H		320.0
#define CH_LEFT		56.0
#define CH_RIGHT	16.0
#define CH_BOTTOM	40.0

/* A round step near span/5: 1, 2 or 5 times a power of ten. */
static double
S_nice_step(double span)
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

void
html_chart(struct buf *b, const struct doc_node *chart)
{
	const char *title = doc_attr(chart, "title"), *unit = doc_attr(chart,
	    "unit"), *type = doc_attr(chart, "type"), **cats = NULL;
	const struct doc_node *s, *p;
	size_t ns = 0, nc = 0, i, j;
	double *val, vmin = 0, vmax = 0, lo, hi, step, top, pw, ph, bw, rot = 0;
	double bottom = CH_BOTTOM, x, y, y0, gw, barw;
	int line = type && strcmp(type, "line") == 0, nt, t;

	/* categories in order of first appearance, a value matrix */
	for (s = chart->first; s; s = s->next, ns++)
		for (p = s->first; p; p = p->next) {
			const char *l = doc_attr(p, "label");

			for (j = 0; j < nc; j++)
				if (strcmp(cats[j], l ? l : "") == 0)
					break;
			if (j == nc) {
				cats = xreallocarray(cats, nc + 1,
				    sizeof(*cats));
				cats[nc++] = l ? l : "";
			}
		}
	val = xcalloc(ns * nc + 1, sizeof(*val));
	for (i = 0; i < ns * nc; i++)
		val[i] = NAN;
	for (s = chart->first, i = 0; s; s = s->next, i++)
		for (p = s->first; p; p = p->next) {
			const char *l = doc_attr(p, "label"),
			    *v = doc_attr(p, "value");

			for (j = 0; j < nc; j++)
				if (strcmp(cats[j], l ? l : "") == 0)
					break;
			val[i * nc + j] = v ? strtod(v, NULL) : 0;
			if (!isfinite(val[i * nc + j]))
				val[i * nc + j] = 0;
			if (val[i * nc + j] < vmin)
				vmin = val[i * nc + j];
			if (val[i * nc + j] > vmax)
				vmax = val[i * nc + j];
		}
	if (vmax <= vmin)
		vmax = vmin + 1;
	step = S_nice_step(vmax - vmin);
	lo = floor(vmin / step) * step;
	hi = ceil(vmax / step) * step;
	nt = (int)lround((hi - lo) / step);

	top = title ? 32 : 12;
	if (ns > 1)
		top += 18;
	if (unit)
		top += 14;
	pw = CH_W - CH_LEFT - CH_RIGHT;
	bw = nc ? pw / (double)nc : pw;
	for (j = 0; j < nc; j++)
		if (html_textw(cats[j], 11) > bw - 4) {
			rot = -35;
			bottom = 80;
			break;
		}
	ph = CH_H - top - bottom;
#define Y(v)	(top + ph - ((v) - lo) / (hi - lo) * ph)

	S_svg_open(b, CH_W, CH_H, title ? title : (line ? "折线图" : "柱状图"));
	if (title)
		S_text(b, CH_W / 2, 20, "middle", 14, 0, "chart-title", title);
	if (ns > 1) {
		/* legend: swatch and name per series, left to right */
		x = CH_LEFT;
		y = (title ? 32 : 12) + 4;
		for (s = chart->first, i = 0; s; s = s->next, i++) {
			const char *name = doc_attr(s, "name");

			if (name == NULL)
				name = "";
			BUF_PUTSL(b, "<rect class=\"legend\"");
			S_num_attr(b, "x", x);
			S_num_attr(b, "y", y);
			buf_printf(b, " width=\"10\" height=\"10\" "
			    "fill=\"%s\"/>\n", S_palette[i % S_NPALETTE]);
			S_text(b, x + 14, y + 9, NULL, 11, 0, NULL, name);
			x += 14 + html_textw(name, 11) + 16;
		}
	}
	if (unit)
		S_text(b, CH_LEFT - 8, top - 8, "start", 11, 0, "chart-unit",
		    unit);
	/* grid and value axis */
	for (t = 0; t <= nt; t++) {
		struct buf lab = BUF_INIT;
		double v = lo + step * t;

		y = Y(v);
		S_line(b, CH_LEFT, y, CH_LEFT + pw, y, "#dddddd");
		html_num(&lab, v, 2);
		S_text(b, CH_LEFT - 6, y + 4, "end", 11, 0, NULL, lab.data);
		buf_free(&lab);
	}
	y0 = Y(lo < 0 && hi > 0 ? 0 : lo);
	S_line(b, CH_LEFT, top, CH_LEFT, top + ph, "#333333");
	S_line(b, CH_LEFT, y0, CH_LEFT + pw, y0, "#333333");
	/* category labels */
	for (j = 0; j < nc; j++) {
		x = CH_LEFT + bw * ((double)j + 0.5);
		S_text(b, x, top + ph + 16, rot != 0 ? "end" : "middle", 11,
		    rot, NULL, cats[j]);
	}
	/* data */
	gw = bw * 0.7;
	barw = ns ? gw / (double)ns : gw;
	for (i = 0; i < ns; i++) {
		const char *col = S_palette[i % S_NPALETTE];
		int started = 0;

		if (line) {
			BUF_PUTSL(b, "<polyline class=\"line\" fill=\"none\" "
			    "stroke-width=\"2\" points=\"");
			for (j = 0; j < nc; j++) {
				if (isnan(val[i * nc + j]))
					continue;
				if (started)
					buf_putc(b, ' ');
				started = 1;
				html_num(b, CH_LEFT + bw * ((double)j + 0.5), 1);
				buf_putc(b, ',');
				html_num(b, Y(val[i * nc + j]), 1);
			}
			buf_printf(b, "\" stroke=\"%s\"/>\n", col);
		}
		for (j = 0; j < nc; j++) {
			struct buf lab = BUF_INIT;
			double v = val[i * nc + j], yv;

			if (isnan(v))
				continue;
			yv = Y(v);
			html_num(&lab, v, 2);
			if (line) {
				x = CH_LEFT + bw * ((double)j + 0.5);
				BUF_PUTSL(b, "<circle class=\"point\"");
				S_num_attr(b, "cx", x);
				S_num_attr(b, "cy", yv);
				buf_printf(b, " r=\"3\" fill=\"%s\"/>\n", col);
				S_text(b, x, yv - 6, "middle", 10, 0,
				    "value", lab.data);
			} else {
				x = CH_LEFT + bw * (double)j + (bw - gw) / 2 +
				    barw * (double)i;
				BUF_PUTSL(b, "<rect class=\"bar\"");
				S_num_attr(b, "x", x);
				S_num_attr(b, "y", v >= 0 ? yv : y0);
				S_num_attr(b, "width", barw);
				S_num_attr(b, "height", fabs(yv - y0));
				buf_printf(b, " fill=\"%s\"/>\n", col);
				S_text(b, x + barw / 2, v >= 0 ? yv - 4 :
				    yv + 12, "middle", 10, 0, "value",
				    lab.data);
			}
			buf_free(&lab);
		}
	}
#undef Y
	BUF_PUTSL(b, "</svg>\n");
	free(val);
	free(cats);
}

/* ------------------------------------------------------------------ */
/* Org charts                                                           */

#define OG_BH		44.0	/* box height [px] */
#define OG_MINW		96.0	/* minimum box width */
#define OG_PAD		16.0	/* text padding in a box, both sides */
#define OG_HG		16.0	/* gap between sibling subtrees */
#define OG_VG		32.0	/* gap between a parent and its children */
#define OG_RG		24.0	/* gap between wrapped rows */
#define OG_IND		20.0	/* indent of wrapped rows (trunk space) */
#define OG_MARGIN	8.0

/* Layout of one subtree, relative to its parent's block. */
struct S_org {
	const struct doc_node	*n;	/* rb-orgnode; the chart for the top */
	int			 box;	/* has a box (not the chart) */
	struct S_org		*kids;
	size_t			 nk;
	double			 bw;	/* own box width */
	double			 w, h;	/* subtree block */
	double			 bx;	/* box left within the block */
	double			 rx, ry;	/* block offset in parent's */
	double			 bus;	/* bus line y, in parent's block */
	int			 wrapped;	/* children in several rows */
};

/*
 * Lays out o's subtree: children in one row under the box, the box
 * centred over the first and last child; when that row is wider than
 * maxw, children wrap into left-aligned rows joined by a trunk.
 * Recursion depth is bounded by the parser's depth limit.
 */
static void
S_org_layout(struct S_org *o, double maxw)
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
			S_org_layout(&o->kids[o->nk], maxw);
			o->nk++;
		}
	o->bw = 0;
	if (o->box) {
		label = doc_attr(o->n, "label");
		sub = doc_attr(o->n, "sub");
		o->bw = OG_MINW;
		if (label && (w = html_textw(label, 13) + OG_PAD) > o->bw)
			o->bw = w;
		if (sub && (w = html_textw(sub, 11) + OG_PAD) > o->bw)
			o->bw = w;
	}
	boxh = o->box ? OG_BH + OG_VG : 0;
	if (o->nk == 0) {
		o->w = o->bw;
		o->h = o->box ? OG_BH : 0;
		o->bx = 0;
		return;
	}
	for (i = 0; i < o->nk; i++)
		total += o->kids[i].w + (i ? OG_HG : 0);
	if (total <= maxw || o->nk == 1) {
		x = 0;
		rowh = 0;
		for (i = 0; i < o->nk; i++) {
			o->kids[i].rx = x;
			o->kids[i].ry = boxh;
			o->kids[i].bus = boxh - OG_VG / 2;
			x += o->kids[i].w + OG_HG;
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
	x = o->box ? OG_IND : 0;
	y = boxh;
	rowh = maxx = 0;
	for (i = 0; i < o->nk; i++) {
		if (x > (o->box ? OG_IND : 0) && x + o->kids[i].w > maxw) {
			y += rowh + OG_RG;
			x = o->box ? OG_IND : 0;
			rowh = 0;
		}
		o->kids[i].rx = x;
		o->kids[i].ry = y;
		o->kids[i].bus = y - (y == boxh ? OG_VG : OG_RG) / 2;
		x += o->kids[i].w;
		if (x > maxx)
			maxx = x;
		x += OG_HG;
		if (o->kids[i].h > rowh)
			rowh = o->kids[i].h;
	}
	o->w = maxx > o->bw ? maxx : o->bw;
	o->bx = (o->w - o->bw) / 2;
	o->h = y + rowh;
}

static void
S_org_free(struct S_org *o)
{
	size_t i;

	for (i = 0; i < o->nk; i++)
		S_org_free(&o->kids[i]);
	free(o->kids);
}

/* Connector lines of o's subtree, block at (ox, oy), as path data. */
static void
S_org_links(struct buf *b, const struct S_org *o, double ox, double oy)
{
	size_t i;
	double pcx, kcx, bus, lastbus, trunk;

	for (i = 0; i < o->nk; i++)
		S_org_links(b, &o->kids[i], ox + o->kids[i].rx,
		    oy + o->kids[i].ry);
	if (!o->box || o->nk == 0)
		return;
	pcx = ox + o->bx + o->bw / 2;
	trunk = ox + OG_IND / 2;
	BUF_PUTSL(b, "<path class=\"org-link\" fill=\"none\" "
	    "stroke=\"#888888\" d=\"");
	/* parent down to the first bus */
	buf_putc(b, 'M');
	html_num(b, pcx, 1);
	buf_putc(b, ' ');
	html_num(b, oy + OG_BH, 1);
	BUF_PUTSL(b, "V");
	html_num(b, oy + o->kids[0].bus, 1);
	lastbus = o->kids[o->nk - 1].bus;
	if (o->wrapped && lastbus > o->kids[0].bus) {
		/* the trunk on the left, down to the last row's bus */
		buf_putc(b, 'M');
		html_num(b, trunk, 1);
		buf_putc(b, ' ');
		html_num(b, oy + o->kids[0].bus, 1);
		buf_putc(b, 'V');
		html_num(b, oy + lastbus, 1);
	}
	for (i = 0; i < o->nk; i++) {
		const struct S_org *k = &o->kids[i];
		size_t j;
		double from, to;

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
			if (to > from) {
				buf_putc(b, 'M');
				html_num(b, from, 1);
				buf_putc(b, ' ');
				html_num(b, oy + bus, 1);
				buf_putc(b, 'H');
				html_num(b, to, 1);
			}
		}
		kcx = ox + k->rx + k->bx + k->bw / 2;
		buf_putc(b, 'M');
		html_num(b, kcx, 1);
		buf_putc(b, ' ');
		html_num(b, oy + bus, 1);
		buf_putc(b, 'V');
		html_num(b, oy + k->ry, 1);
	}
	BUF_PUTSL(b, "\"/>\n");
}

/* Boxes of o's subtree, block at (ox, oy); linked boxes are <a>. */
static void
S_org_boxes(struct buf *b, const struct S_org *o, double ox, double oy)
{
	const char *label, *sub;
	double x, cx;
	size_t i;

	if (o->box) {
		label = doc_attr(o->n, "label");
		sub = doc_attr(o->n, "sub");
		x = ox + o->bx;
		cx = x + o->bw / 2;
		if (o->n->href) {
			BUF_PUTSL(b, "<a href=\"");
			html_escape(b, o->n->href, strlen(o->n->href), 1);
			BUF_PUTSL(b, "\">\n");
		}
		BUF_PUTSL(b, "<rect class=\"org-box\"");
		S_num_attr(b, "x", x);
		S_num_attr(b, "y", oy);
		S_num_attr(b, "width", o->bw);
		S_num_attr(b, "height", OG_BH);
		BUF_PUTSL(b, " rx=\"4\" fill=\"#ffffff\" stroke=\"#4e79a7\"/>\n");
		S_text(b, cx, oy + (sub ? 19 : 27), "middle", 13, 0,
		    "org-label", label ? label : "");
		if (sub)
			S_text(b, cx, oy + 36, "middle", 11, 0, "org-sub",
			    sub);
		if (o->n->href)
			BUF_PUTSL(b, "</a>\n");
	}
	for (i = 0; i < o->nk; i++)
		S_org_boxes(b, &o->kids[i], ox + o->kids[i].rx,
		    oy + o->kids[i].ry);
}

void
html_orgchart(struct buf *b, const struct doc_node *chart, int maxw)
{
	struct S_org top;
	double w, h;

	memset(&top, 0, sizeof(top));
	top.n = chart;
	S_org_layout(&top, maxw);
	w = ceil(top.w) + 2 * OG_MARGIN;
	h = ceil(top.h) + 2 * OG_MARGIN;
	S_svg_open(b, w, h, "组织结构图");
	S_org_links(b, &top, OG_MARGIN, OG_MARGIN);
	S_org_boxes(b, &top, OG_MARGIN, OG_MARGIN);
	BUF_PUTSL(b, "</svg>\n");
	S_org_free(&top);
}
