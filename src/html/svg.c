/*
 * svg.c — inline SVG for the HTML backend: bar and line charts
 * (rb-chart) and org charts (rb-orgchart) laid out as a tidy tree with
 * hanging leaves, one <svg> per sheet of a large chart; the geometry is
 * shared with the PDF backend (src/doc/chartgeom.c, src/doc/orgtree.c).  Numbers are printed with fixed
 * decimals (html_num), so the same tree gives the same bytes.
 * For internal use by src/html/html.c.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "html_int.h"
#include "../util/url.h"
#include "../doc/chartgeom.h"
#include "../doc/orgtree.h"

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

/*
 * <svg> with its accessible name label and description desc (may be
 * NULL).  A picture is role="img"; a chart whose boxes are links is
 * role="group", so that its links stay reachable by screen readers (an
 * img has no children for them) while they take keyboard focus.
 */
static void
S_svg_open(struct buf *b, double w, double h, const char *label,
    const char *desc, int links)
{
	BUF_PUTSL(b, "<svg xmlns=\"http://www.w3.org/2000/svg\"");
	S_num_attr(b, "width", w);
	S_num_attr(b, "height", h);
	BUF_PUTSL(b, " viewBox=\"0 0 ");
	html_num(b, w, 1);
	buf_putc(b, ' ');
	html_num(b, h, 1);
	if (links)
		BUF_PUTSL(b, "\" role=\"group\" aria-label=\"");
	else
		BUF_PUTSL(b, "\" role=\"img\" aria-label=\"");
	html_escape(b, label, strlen(label), 1);
	BUF_PUTSL(b, "\">\n<title>");
	S_escs(b, label);
	BUF_PUTSL(b, "</title>\n");
	if (desc && *desc) {
		BUF_PUTSL(b, "<desc>");
		S_escs(b, desc);
		BUF_PUTSL(b, "</desc>\n");
	}
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

#define CH_HATCH	5.0	/* hatching lines' distance [px] */
#define CH_MARK		3.5	/* a point marker's radius */

/* A bar or a legend swatch of series i: solid, or hatched (chartgeom.h,
 * cg_hatch_kind) in its colour over its tint inside its outline. */
static void
S_bar(struct buf *b, const char *cls, size_t i, double x, double y,
    double w, double h)
{
	unsigned kind = cg_hatch_kind(i);
	struct cg_seg *seg = NULL;
	size_t n, k, cap = 0;

	buf_printf(b, "<rect class=\"%s\"", cls);
	S_num_attr(b, "x", x);
	S_num_attr(b, "y", y);
	S_num_attr(b, "width", w);
	S_num_attr(b, "height", h);
	if (kind == 0) {
		buf_printf(b, " fill=\"#%06x\"/>\n", cg_colour(i));
		return;
	}
	buf_printf(b, " fill=\"#%06x\" stroke=\"#%06x\"/>\n", cg_tint(i),
	    cg_colour(i));
	n = cg_hatch(&seg, &cap, kind, x, y, w, h, CH_HATCH);
	if (n > 0) {
		BUF_PUTSL(b, "<path class=\"hatch\" d=\"");
		for (k = 0; k < n; k++) {
			buf_putc(b, 'M');
			html_num(b, seg[k].x1, 1);
			buf_putc(b, ' ');
			html_num(b, seg[k].y1, 1);
			buf_putc(b, 'L');
			html_num(b, seg[k].x2, 1);
			buf_putc(b, ' ');
			html_num(b, seg[k].y2, 1);
		}
		buf_printf(b, "\" stroke=\"#%06x\"/>\n", cg_colour(i));
	}
	free(seg);
}

/* The point marker of series i at (x, y): its shape, filled or hollow. */
static void
S_marker(struct buf *b, size_t i, double x, double y)
{
	double pt[8];
	size_t n = cg_marker_poly(cg_marker(i), x, y, CH_MARK, pt), k;

	if (n == 0) {
		BUF_PUTSL(b, "<circle class=\"point\"");
		S_num_attr(b, "cx", x);
		S_num_attr(b, "cy", y);
		S_num_attr(b, "r", CH_MARK);
	} else {
		BUF_PUTSL(b, "<polygon class=\"point\" points=\"");
		for (k = 0; k < n; k++) {
			if (k > 0)
				buf_putc(b, ' ');
			html_num(b, pt[2 * k], 1);
			buf_putc(b, ',');
			html_num(b, pt[2 * k + 1], 1);
		}
		buf_putc(b, '"');
	}
	if (cg_hollow(i))
		buf_printf(b, " fill=\"#ffffff\" stroke=\"#%06x\" "
		    "stroke-width=\"1.5\"/>\n", cg_colour(i));
	else
		buf_printf(b, " fill=\"#%06x\"/>\n", cg_colour(i));
}

/* A line chart's series i from (x1, y) to (x2, y): colour and dash. */
static void
S_series_line(struct buf *b, size_t i, double x1, double x2, double y)
{
	BUF_PUTSL(b, "<line class=\"legend\"");
	S_num_attr(b, "x1", x1);
	S_num_attr(b, "y1", y);
	S_num_attr(b, "x2", x2);
	S_num_attr(b, "y2", y);
	buf_printf(b, " stroke=\"#%06x\" stroke-width=\"2\"%s/>\n",
	    cg_colour(i), cg_dashed(i) ? " stroke-dasharray=\"6 4\"" : "");
}

#define CH_W		640.0	/* [px] */
#define CH_H		320.0
#define CH_LEFT		56.0
#define CH_RIGHT	16.0
#define CH_BOTTOM	40.0

void
html_chart(struct buf *b, const struct doc_node *chart)
{
	const char *title = doc_attr(chart, "title"), *unit = doc_attr(chart,
	    "unit");
	struct cg_chart c;
	struct cg_vlabel *vl;
	struct buf alt = BUF_INIT;
	size_t ns, nc, i, j;
	double *val, lo, hi, step, top, pw, ph, bw, rot = 0;
	double bottom = CH_BOTTOM, x, y, y0, gw, barw;
	int line, nt, t;

	cg_chart_read(&c, chart);
	ns = c.ns;
	nc = c.nc;
	val = c.val;
	lo = c.lo;
	hi = c.hi;
	step = c.step;
	nt = c.nt;
	line = c.line;

	top = title ? 32 : 12;
	if (ns > 1)
		top += 18;
	if (unit)
		top += 14;
	pw = CH_W - CH_LEFT - CH_RIGHT;
	bw = nc ? pw / (double)nc : pw;
	for (j = 0; j < nc; j++)
		if (html_textw(c.cats[j], 11) > bw - 4) {
			rot = -35;
			bottom = 80;
			break;
		}
	ph = CH_H - top - bottom;
#define Y(v)	(top + ph - ((v) - lo) / (hi - lo) * ph)

	cg_chart_alt(&alt, chart);
	S_svg_open(b, CH_W, CH_H, title ? title : (line ? "折线图" : "柱状图"),
	    alt.data, 0);
	buf_free(&alt);
	if (title)
		S_text(b, CH_W / 2, 20, "middle", 14, 0, "chart-title", title);
	if (ns > 1) {
		/* legend: swatch and name per series, left to right */
		x = CH_LEFT;
		y = (title ? 32 : 12) + 4;
		for (i = 0; i < ns; i++) {
			const char *name = c.names[i];
			double sw = line ? 26 : 10;	/* 3 dashes */

			if (line) {
				S_series_line(b, i, x, x + sw, y + 5);
				S_marker(b, i, x + sw / 2, y + 5);
			} else
				S_bar(b, "legend", i, x, y, sw, 10);
			S_text(b, x + sw + 4, y + 9, NULL, 11, 0, NULL, name);
			x += sw + 4 + html_textw(name, 11) + 16;
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
		    rot, NULL, c.cats[j]);
	}
	/* data */
	gw = bw * 0.7;
	barw = ns ? gw / (double)ns : gw;
	vl = xcalloc(ns * nc + 1, sizeof(*vl));
	for (i = 0; i < ns; i++) {
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
			buf_printf(b, "\" stroke=\"#%06x\"%s/>\n", cg_colour(i),
			    cg_dashed(i) ? " stroke-dasharray=\"6 4\"" : "");
		}
		for (j = 0; j < nc; j++) {
			struct cg_vlabel *l = &vl[i * nc + j];
			struct buf lab = BUF_INIT;
			double v = val[i * nc + j], yv;

			if (isnan(v))
				continue;
			yv = Y(v);
			html_num(&lab, v, 2);
			l->w = html_textw(lab.data, 10);
			buf_free(&lab);
			if (line) {
				x = CH_LEFT + bw * ((double)j + 0.5);
				S_marker(b, i, x, yv);
				l->x = x;
				l->y[0] = yv - 6;
				l->y[1] = yv + 14;
				l->ny = 2;
			} else {
				x = CH_LEFT + bw * (double)j + (bw - gw) / 2 +
				    barw * (double)i;
				S_bar(b, "bar", i, x, v >= 0 ? yv : y0, barw,
				    fabs(yv - y0));
				l->x = x + barw / 2;
				l->y[0] = v >= 0 ? yv - 4 : yv + 12;
				l->ny = 1;
			}
		}
	}
	/* value labels last, over every line and bar (cg_place_labels:
	 * where two would overlap, a line's moves below its point, else it
	 * is left out, as in the PDF) */
	cg_place_labels(vl, ns * nc, 10);
	for (i = 0; i < ns * nc; i++)
		if (vl[i].place != CG_VL_DROP) {
			struct buf lab = BUF_INIT;

			html_num(&lab, val[i], 2);
			S_text(b, vl[i].x, vl[i].by, "middle", 10, 0, "value",
			    lab.data);
			buf_free(&lab);
		}
	free(vl);
#undef Y
	BUF_PUTSL(b, "</svg>\n");
	cg_chart_free(&c);
}

/* ------------------------------------------------------------------ */
/* Org charts                                                           */

#define OG_BH		44.0	/* box height [px] */
#define OG_MINW		96.0	/* minimum box width */
#define OG_PAD		16.0	/* text padding in a box, both sides */
#define OG_HG		16.0	/* gap between sibling subtrees */
#define OG_VG		32.0	/* gap between a parent and its children */
#define OG_IND		24.0	/* hanging: indent of a column */
#define OG_MARGIN	8.0

#define OG_SHEETH	1400.0	/* a sheet's height at most: split below */

static double
S_textw(void *ctx, const char *s, double size)
{
	(void)ctx;
	return html_textw(s, size);
}

static void
S_orgdim(struct og_dim *d)
{
	memset(d, 0, sizeof(*d));
	d->bh = OG_BH;
	d->minw = OG_MINW;
	d->pad = OG_PAD;
	d->hg = OG_HG;
	d->vg = OG_VG;
	d->ind = OG_IND;
	d->label_size = 13;
	d->sub_size = 11;
	d->path_size = 12;
	d->pathh = 24;
	d->stub_ref = "续见图 0000";
	d->path_pre = "图 0000 · 上级：";
	d->path_ref = "（见图 0000）";
	d->textw = S_textw;
}

/* One box; linked boxes are <a>. */
static void
S_org_box(struct buf *b, const struct og_box *bx, double ox, double oy)
{
	const char *label = doc_attr(bx->n, "label"), *sub = doc_attr(bx->n,
	    "sub");
	const char *href = bx->n->href && url_allowed(bx->n->href) ?
	    bx->n->href : NULL;
	double x = ox + bx->x, y = oy + bx->y, cx = x + bx->w / 2;
	char ref[48];

	if (bx->kind == OG_STUB) {
		snprintf(ref, sizeof(ref), "续见图 %zu", bx->ref + 1);
		sub = ref;
	}
	if (href) {
		BUF_PUTSL(b, "<a href=\"");
		html_escape(b, href, strlen(href), 1);
		BUF_PUTSL(b, "\">\n");
	}
	BUF_PUTSL(b, "<rect class=\"org-box");
	if (bx->kind == OG_STUB)
		BUF_PUTSL(b, " org-stub");
	buf_putc(b, '"');
	S_num_attr(b, "x", x);
	S_num_attr(b, "y", y);
	S_num_attr(b, "width", bx->w);
	S_num_attr(b, "height", bx->h);
	buf_printf(b, " rx=\"4\" fill=\"%s\" stroke=\"#4e79a7\"/>\n",
	    bx->kind == OG_STUB ? "#eef2f7" : "#ffffff");
	S_text(b, cx, y + (sub && *sub ? 19 : 27), "middle", 13, 0,
	    "org-label", label ? label : "");
	if (sub && *sub)
		S_text(b, cx, y + 36, "middle", 11, 0, "org-sub", sub);
	if (href)
		BUF_PUTSL(b, "</a>\n");
}

/* Sheet k of og as one <svg>: a chart of several sheets numbers them
 * (图 N) and its stubs say which one a branch continues in. */
static void
S_org_sheet(struct buf *b, const struct og_chart *og, size_t k,
    const struct og_dim *d, const char *desc, int links)
{
	const struct og_sheet *s = &og->sheet[k];
	/* one path line a sheet at most: d->pack is 0 */
	const struct og_head *hd = s->nhead > 0 ? &og->head[s->head0] : NULL;
	char label[96], pre[64], ref[64], *t = NULL;
	double top = 0, w, h;
	size_t i;

	if (og->nsheet > 1) {
		snprintf(label, sizeof(label), "组织结构图（图 %zu/%zu）", k + 1,
		    og->nsheet);
		snprintf(pre, sizeof(pre), "图 %zu%s", k + 1, hd != NULL ?
		    " · 上级：" : "");
		ref[0] = '\0';
		if (hd != NULL && hd->part > 1)
			snprintf(ref, sizeof(ref), "（续，接图 %zu）",
			    hd->pref + 1);
		else if (hd != NULL)
			snprintf(ref, sizeof(ref), "（见图 %zu）", hd->pref + 1);
		if (hd != NULL)
			t = og_path_text(og, hd, d, s->w, pre, ref);
		else {
			t = xstrdup(pre);
			top = d->pathh;	/* room for the number */
		}
	} else
		snprintf(label, sizeof(label), "组织结构图");
	w = ceil(s->w) + 2 * OG_MARGIN;
	if (t && html_textw(t, (int)d->path_size) + 2 * OG_MARGIN > w)
		w = ceil(html_textw(t, (int)d->path_size)) + 2 * OG_MARGIN;
	h = ceil(s->h + top) + 2 * OG_MARGIN;
	S_svg_open(b, w, h, label, desc, links);
	if (t)
		S_text(b, OG_MARGIN, OG_MARGIN + d->path_size * 1.2, NULL,
		    (int)d->path_size, 0, "org-path", t);
	free(t);
	if (s->nseg) {
		BUF_PUTSL(b, "<path class=\"org-link\" fill=\"none\" "
		    "stroke=\"#888888\" d=\"");
		for (i = s->seg0; i < s->seg0 + s->nseg; i++) {
			const struct cg_seg *g = &og->seg[i];

			buf_putc(b, 'M');
			html_num(b, OG_MARGIN + g->x1, 1);
			buf_putc(b, ' ');
			html_num(b, OG_MARGIN + top + g->y1, 1);
			if (g->x1 == g->x2) {
				buf_putc(b, 'V');
				html_num(b, OG_MARGIN + top + g->y2, 1);
			} else {
				buf_putc(b, 'H');
				html_num(b, OG_MARGIN + g->x2, 1);
			}
		}
		BUF_PUTSL(b, "\"/>\n");
	}
	for (i = s->box0; i < s->box0 + s->nbox; i++)
		S_org_box(b, &og->box[i], OG_MARGIN, OG_MARGIN + top);
	BUF_PUTSL(b, "</svg>\n");
}

void
html_orgchart(struct buf *b, const struct doc_node *chart, int maxw)
{
	struct og_chart og;
	struct og_dim d;
	struct buf alt = BUF_INIT;
	struct doc_node *n = NULL;
	size_t k;
	int entering = 0, links = 0;

	while (!links && (n = doc_next(chart, n, &entering)) != NULL)
		links = entering && n->href != NULL;
	cg_org_alt(&alt, chart);
	S_orgdim(&d);
	og_layout(&og, chart, maxw - 2 * OG_MARGIN, OG_SHEETH, &d);
	/* the whole chart's text alternative with the first sheet */
	for (k = 0; k < og.nsheet; k++)
		S_org_sheet(b, &og, k, &d, k == 0 ? alt.data : NULL, links);
	buf_free(&alt);
	og_free(&og);
}
