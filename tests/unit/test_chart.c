/*
 * test_chart.c — charts and org charts in PDF: shared geometry (round
 * steps, data matrix), then real PDFs checked with pdftotext (every label
 * present, nothing missing drawn) and pdftoppm (ink where the bars, the
 * line and the boxes are; none outside the chart's rectangle), link
 * rectangles of org chart boxes, and missing characters reported.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "util/util.h"
#include "util/diag.h"
#include "shell.h"
#include "doc/doc.h"
#include "doc/orgtree.h"
#include "doc/chartgeom.h"
#include "pdf/font.h"
#include "pdf/chart.h"
#include "pdf/pdfw.h"

#define PAGE_H	842.0
#define CX	50.0	/* chart left [pt] */
#define CY	800.0	/* chart top, PDF y-up [pt] */

static const char S_bar[] =
	"<rb-document><rb-chart type=\"bar\" title=\"达成率\" unit=\"%\">"
	"<rb-series name=\"目标\"><rb-point label=\"张三\" value=\"80\"/>"
	"<rb-point label=\"李四\" value=\"120.5\"/></rb-series>"
	"<rb-series name=\"实际\"><rb-point label=\"张三\" value=\"90\"/>"
	"</rb-series></rb-chart></rb-document>";

static const char S_line[] =
	"<rb-document><rb-chart type=\"line\"><rb-series name=\"t\">"
	"<rb-point label=\"一月\" value=\"3\"/><rb-point label=\"二月\" "
	"value=\"5.25\"/><rb-point label=\"三月\" value=\"-1\"/>"
	"</rb-series></rb-chart></rb-document>";

static const char S_org[] =
	"<rb-document><rb-orgchart>"
	"<rb-orgnode label=\"总经理\" sub=\"张三\" href=\"#gm\">"
	"<rb-orgnode label=\"销售部\" href=\"#sales\"><rb-orgnode label=\"华东\"/>"
	"<rb-orgnode label=\"华南\"/></rb-orgnode>"
	"<rb-orgnode label=\"财务部\" sub=\"李四\"/>"
	"</rb-orgnode></rb-orgchart></rb-document>";

static struct doc_node *S_keep;	/* tree of the last render with links */
static double S_maxh = 700;	/* org chart sheets' height at most */
static size_t S_nsheet;		/* sheets of the last org chart */

struct pgm {
	int	 w, h;
	unsigned char *px;
};

static struct doc_node *
parse(const char *s)
{
	struct diag d;
	struct doc_node *r, *c;
	int ent;

	diag_init(&d);
	r = doc_parse(&d, s, strlen(s), NULL);
	cr_assert_not_null(r);
	diag_free(&d);
	for (c = NULL; (c = doc_next(r, c, &ent)) != NULL;)
		if (ent && (c->tag == DOC_CHART || c->tag == DOC_ORGCHART))
			return c;
	cr_assert_fail("no chart");
	return NULL;
}

/*
 * Draws the chart of xhtml w points wide at (CX, CY) on an A4 page into
 * path; returns its height.  d gets the diagnostics.
 */
static double
render(struct diag *d, const char *xhtml, double w, const char *path,
    struct chart_links *links, int *nbad)
{
	struct doc_node *c = parse(xhtml), *root;
	struct font *f;
	struct buf out = BUF_INIT;
	struct pdfw *pdf;
	struct pdfc *page;
	int hf;
	double h;

	for (root = c; root->parent; root = root->parent)
		;
	f = font_open(d, FONT_SANS, 0);
	cr_assert_not_null(f);
	*nbad = chart_prepare(d, f, c);
	if (c->tag == DOC_ORGCHART) {
		/* every sheet on a page of its own; h: the tallest */
		struct og_chart og;
		size_t s;

		chart_org_layout(&og, f, c, w, S_maxh);
		S_nsheet = og.nsheet;
		pdf = pdfw_new(&out, og.nsheet);
		hf = pdfw_font(pdf, d, f);
		cr_assert_geq(hf, 0);
		for (s = 0, h = 0; s < og.nsheet; s++) {
			page = pdfw_page_begin(pdf, s, 595.276, 841.89);
			chart_org_draw(page, f, hf, &og, s, NULL, CX, CY, w,
			    links);
			if (chart_org_height(&og, s) > h)
				h = chart_org_height(&og, s);
			pdfw_page_end(pdf);
		}
		og_free(&og);
	} else {
		pdf = pdfw_new(&out, 1);
		hf = pdfw_font(pdf, d, f);
		cr_assert_geq(hf, 0);
		page = pdfw_page_begin(pdf, 0, 595.276, 841.89);
		h = chart_height(f, c, w);
		chart_draw(page, f, hf, c, CX, CY, w);
	}
	pdfw_finish(pdf);
	cr_assert_neq(file_write_atomic(path, out.data, out.len), -1);
	buf_free(&out);
	font_free(f);
	/* link hrefs are borrowed from the tree: keep it for the caller */
	if (links != NULL)
		S_keep = root;
	else
		doc_free(root);
	return h;
}

/* pdftoppm -r 72 -gray: one pixel per point. */
static void
raster(const char *pdf, struct pgm *g)
{
	char cmd[512], *ppm;
	size_t n;
	int maxv, off;

	snprintf(cmd, sizeof(cmd), "pdftoppm -r 72 -gray %s %s 2>/dev/null",
	    pdf, pdf);
	cr_assert_eq(system(cmd), 0);
	snprintf(cmd, sizeof(cmd), "%s-1.pgm", pdf);
	cr_assert_eq(file_read(cmd, 0, &ppm, &n), 0, "%s", cmd);
	cr_assert_eq(sscanf(ppm, "P5 %d %d %d%n", &g->w, &g->h, &maxv, &off),
	    3);
	off++;
	cr_assert_eq((size_t)off + (size_t)g->w * (size_t)g->h, n);
	g->px = xmalloc((size_t)g->w * (size_t)g->h);
	memcpy(g->px, ppm + off, (size_t)g->w * (size_t)g->h);
	free(ppm);
	unlink(cmd);
}

/* Pixels darker than 250 in the rectangle (PDF coordinates, y up). */
static int
ink(const struct pgm *g, double left, double bottom, double right,
    double top)
{
	int x, y, n = 0;

	for (y = (int)(PAGE_H - top); y < (int)(PAGE_H - bottom); y++)
		for (x = (int)left; x < (int)right; x++)
			if (x >= 0 && y >= 0 && x < g->w && y < g->h &&
			    g->px[y * g->w + x] < 250)
				n++;
	return n;
}

/* Pixels in [lo, hi] grey in the rectangle. */
static int
grey(const struct pgm *g, double left, double bottom, double right,
    double top, int lo, int hi)
{
	int x, y, n = 0, v;

	for (y = (int)(PAGE_H - top); y < (int)(PAGE_H - bottom); y++)
		for (x = (int)left; x < (int)right; x++) {
			v = g->px[y * g->w + x];
			if (v >= lo && v <= hi)
				n++;
		}
	return n;
}

/* Lines of a hatching met along row y (PDF, y up) from left to right:
 * pixels darker than 185 right after the tint (205 or lighter, not
 * white). */
static int
stripes(const struct pgm *g, double y, double left, double right)
{
	int x, r = (int)(PAGE_H - y), n = 0, v, prev = 255;

	for (x = (int)left; x < (int)right; x++) {
		v = g->px[r * g->w + x];
		if (v < 185 && prev >= 205 && prev < 250)
			n++;
		prev = v;
	}
	return n;
}

static char *
tmppdf(void)
{
	char *p = xstrdup("/tmp/rb-test-chart-XXXXXX");
	int fd = mkstemp(p);

	cr_assert_neq(fd, -1);
	close(fd);
	return p;
}

static char *
text_of(const char *pdf)
{
	char cmd[512];

	snprintf(cmd, sizeof(cmd), "pdftotext -layout %s - 2>/dev/null", pdf);
	return run(cmd);
}

Test(chart, nice_steps_and_matrix)
{
	struct cg_chart c;
	struct doc_node *n = parse(S_bar), *root;

	cr_assert_float_eq(cg_nice_step(1), 0.2, 1e-12);
	cr_assert_float_eq(cg_nice_step(7), 2, 1e-12);
	cr_assert_float_eq(cg_nice_step(120.5), 50, 1e-12);
	cr_assert_float_eq(cg_nice_step(0.03), 0.01, 1e-12);
	cg_chart_read(&c, n);
	cr_assert_eq(c.ns, 2);
	cr_assert_eq(c.nc, 2);
	cr_assert_str_eq(c.cats[1], "李四");
	cr_assert_str_eq(c.names[1], "实际");
	cr_assert_float_eq(c.val[1], 120.5, 1e-12);
	cr_assert(isnan(c.val[3]));		/* 实际 has no 李四 */
	cr_assert_float_eq(c.lo, 0, 1e-12);
	cr_assert_float_eq(c.hi, 150, 1e-12);
	cr_assert_eq(c.nt, 3);
	cr_assert_eq(c.line, 0);
	cg_chart_free(&c);
	for (root = n; root->parent; root = root->parent)
		;
	doc_free(root);
}

Test(chart, bar_chart_text_and_ink)
{
	struct diag d;
	struct pgm g;
	char *path = tmppdf(), *txt;
	double h;
	int bad;

	diag_init(&d);
	h = render(&d, S_bar, 400, path, NULL, &bad);
	cr_assert_eq(bad, 0);
	cr_assert_eq(d.n, 0);
	cr_assert(h > 150 && h < 300, "h %g", h);
	txt = text_of(path);
	cr_assert(strstr(txt, "达成率") && strstr(txt, "目标") &&
	    strstr(txt, "实际") && strstr(txt, "张三") && strstr(txt, "李四") &&
	    strstr(txt, "120.5") && strstr(txt, "150") && strstr(txt, "%"),
	    "%s", txt);
	free(txt);
	raster(path, &g);
	/* bar blue (#4e79a7, grey ~113) and 实际 hatched: its tint
	 * (#f1d4bf, ~218) crossed by lines of #c85200 */
	cr_assert_gt(grey(&g, CX, CY - h, CX + 400, CY, 100, 125), 2000);
	cr_assert_gt(grey(&g, CX, CY - h, CX + 400, CY, 210, 225), 2000);
	/* ... the lines: a row through the bars meets 6 or more of them in
	 * the left half (张三's 实际), none in the right (李四: 目标 only,
	 * solid) */
	cr_assert_geq(stripes(&g, CY - h * 0.6, CX, CX + 200), 6);
	cr_assert_eq(stripes(&g, CY - h * 0.6, CX + 200, CX + 400), 0);
	/* the bars stand in the left half (张三) and the right (李四 blue) */
	cr_assert_gt(grey(&g, CX + 200, CY - h, CX + 400, CY, 100, 125), 1000);
	/* nothing outside the chart's rectangle */
	cr_assert_eq(ink(&g, 0, 0, 595, CY - h - 1), 0);
	cr_assert_eq(ink(&g, CX + 401, 0, 595, PAGE_H), 0);
	cr_assert_eq(ink(&g, 0, 0, CX - 1, PAGE_H), 0);
	free(g.px);
	unlink(path);
	free(path);
	diag_free(&d);
}

Test(chart, line_chart_negative_values)
{
	struct diag d;
	struct pgm g;
	char *path = tmppdf(), *txt;
	double h;
	int bad;

	diag_init(&d);
	h = render(&d, S_line, 300, path, NULL, &bad);
	txt = text_of(path);
	cr_assert(strstr(txt, "一月") && strstr(txt, "三月") &&
	    strstr(txt, "5.25") && strstr(txt, "-1") && strstr(txt, "-2"),
	    "%s", txt);
	free(txt);
	raster(path, &g);
	cr_assert_gt(grey(&g, CX, CY - h, CX + 300, CY, 100, 125), 150);
	cr_assert_eq(ink(&g, 0, 0, 595, CY - h - 1), 0);
	cr_assert_eq(ink(&g, CX + 301, 0, 595, PAGE_H), 0);
	free(g.px);
	unlink(path);
	free(path);
	diag_free(&d);
}

Test(chart, long_labels_rotate_inside_the_box)
{
	struct diag d;
	struct pgm g;
	char *path = tmppdf();
	double h;
	int bad;

	diag_init(&d);
	h = render(&d, "<rb-document><rb-chart><rb-series>"
	    "<rb-point label=\"非常长的类别名称一\" value=\"3\"/>"
	    "<rb-point label=\"非常长的类别名称二\" value=\"4\"/>"
	    "<rb-point label=\"非常长的类别名称三\" value=\"5\"/>"
	    "</rb-series></rb-chart></rb-document>", 200, path, NULL, &bad);
	raster(path, &g);
	cr_assert_eq(ink(&g, 0, 0, 595, CY - h - 1), 0);
	cr_assert_eq(ink(&g, 0, 0, CX - 1, PAGE_H), 0);
	cr_assert_eq(ink(&g, CX + 201, 0, 595, PAGE_H), 0);
	free(g.px);
	unlink(path);
	free(path);
	diag_free(&d);
}

Test(chart, orgchart_boxes_links_text)
{
	struct diag d;
	struct chart_links links = { NULL, 0, 0 };
	struct pgm g;
	char *path = tmppdf(), *txt;
	double h, cx;
	int bad;
	size_t i;

	diag_init(&d);
	h = render(&d, S_org, 400, path, &links, &bad);
	cr_assert_eq(links.n, 2);
	cr_assert_str_eq(links.v[0].href, "#gm");
	cr_assert_str_eq(links.v[1].href, "#sales");
	for (i = 0; i < links.n; i++) {
		cr_assert(links.v[i].left >= CX && links.v[i].right <= CX + 400);
		cr_assert(links.v[i].bottom >= CY - h && links.v[i].top <= CY);
		cr_assert_float_eq(links.v[i].top - links.v[i].bottom, 30, 1e-9);
	}
	/* the root box is centred over its children, at the top */
	cr_assert_float_eq(links.v[0].top, CY - 2, 1e-9);
	cx = (links.v[0].left + links.v[0].right) / 2;
	cr_assert(cx > CX + 100 && cx < CX + 300, "%g", cx);
	txt = text_of(path);
	cr_assert(strstr(txt, "总经理") && strstr(txt, "销售部") &&
	    strstr(txt, "华东") && strstr(txt, "华南") && strstr(txt, "李四"),
	    "%s", txt);
	free(txt);
	raster(path, &g);
	/* box outlines inside the root box's rectangle */
	cr_assert_gt(ink(&g, links.v[0].left, links.v[0].bottom,
	    links.v[0].right, links.v[0].top), 100);
	cr_assert_eq(ink(&g, 0, 0, 595, CY - h - 1), 0);
	free(g.px);
	chart_links_free(&links);
	doc_free(S_keep);
	unlink(path);
	free(path);
	diag_free(&d);
}

Test(chart, many_leaves_hang_in_two_columns_split_into_parts)
{
	struct buf in = BUF_INIT;
	struct chart_links links = { NULL, 0, 0 };
	struct diag d;
	char *path = tmppdf(), *txt;
	double h1, h2;
	int i, bad;
	size_t j;

	BUF_PUTSL(&in, "<rb-document><rb-orgchart><rb-orgnode label=\"总部\">");
	for (i = 0; i < 30; i++)
		buf_printf(&in, "<rb-orgnode label=\"区域%d\" href=\"#r%d\"/>",
		    i, i);
	BUF_PUTSL(&in, "</rb-orgnode></rb-orgchart></rb-document>");
	diag_init(&d);
	/* 30 leaves: two hanging columns of 15 rows, one sheet of 750 pt */
	S_maxh = 800;
	h1 = render(&d, in.data, 500, path, NULL, &bad);
	cr_assert_eq(S_nsheet, 1);
	cr_assert_lt(h1, 800);
	cr_assert_gt(h1, 15 * 48 - 18);
	(void)h1;
	/* half as high: parts, the box repeated with its path line (the
	 * dense boxes: two parts, not three) */
	S_maxh = 400;
	h2 = render(&d, in.data, 250, path, &links, &bad);
	cr_assert_eq(S_nsheet, 2, "%zu", S_nsheet);
	cr_assert_leq(h2, 400);
	cr_assert_eq(links.n, 30);
	for (j = 0; j < links.n; j++)
		cr_assert(links.v[j].left >= CX - 1e-9 &&
		    links.v[j].right <= CX + 250 + 1e-9 &&
		    links.v[j].bottom >= CY - h2 - 1e-9);
	txt = text_of(path);
	cr_assert(strstr(txt, "（续，接第 1 页）"), "%s", txt);
	free(txt);
	S_maxh = 700;
	chart_links_free(&links);
	doc_free(S_keep);
	buf_free(&in);
	unlink(path);
	free(path);
	diag_free(&d);
}

Test(chart, wide_subtrees_cut_to_stubs_with_references)
{
	struct buf in = BUF_INIT;
	struct chart_links links = { NULL, 0, 0 };
	struct diag d;
	char *path = tmppdf(), *txt;
	int i, k, bad;

	/* 总部 over 6 departments of 6 teams of 2: too wide for 300 pt */
	BUF_PUTSL(&in, "<rb-document><rb-orgchart><rb-orgnode label=\"总部\">");
	for (i = 0; i < 6; i++) {
		buf_printf(&in, "<rb-orgnode label=\"部门%d\">", i);
		for (k = 0; k < 6; k++)
			buf_printf(&in, "<rb-orgnode label=\"组%d%d\">"
			    "<rb-orgnode label=\"员%d%da\"/>"
			    "<rb-orgnode label=\"员%d%db\"/></rb-orgnode>",
			    i, k, i, k, i, k);
		BUF_PUTSL(&in, "</rb-orgnode>");
	}
	BUF_PUTSL(&in, "</rb-orgnode></rb-orgchart></rb-document>");
	diag_init(&d);
	render(&d, in.data, 300, path, NULL, &bad);
	cr_assert_gt(S_nsheet, 2);
	txt = text_of(path);
	/* stubs refer to sheets (no pages given: sheet numbers), and the
	 * sheets they continue on name the manager */
	cr_assert(strstr(txt, "续见第 "), "%s", txt);
	cr_assert(strstr(txt, "上级：总部"), "%s", txt);
	for (i = 0; i < 6; i++)
		for (k = 0; k < 6; k++) {
			char want[32];

			snprintf(want, sizeof(want), "员%d%db", i, k);
			cr_assert(strstr(txt, want), "%s missing", want);
		}
	free(txt);
	buf_free(&in);
	unlink(path);
	free(path);
	diag_free(&d);
	(void)links;
}

Test(chart, missing_character_reported_not_drawn)
{
	struct diag d;
	char *path = tmppdf(), *txt;
	int bad;

	diag_init(&d);
	render(&d, "<rb-document><rb-chart><rb-series name=\"\xF0\xA0\xAE\xB7"
	    "\"><rb-point label=\"\xF0\xA0\xAE\xB7野\xEE\x80\x80家\" "
	    "value=\"1\"/></rb-series></rb-chart></rb-document>", 300, path,
	    NULL, &bad);
	cr_assert_eq(bad, 2);		/* each once per chart */
	cr_assert_eq(d.nerr, 2);
	cr_assert_str_eq(d.items[0].msg, "character '\xF0\xA0\xAE\xB7' "
	    "(U+20BB7) is not in font 'WenQuanYi Zen Hei': write it another "
	    "way, or put a font that has it first in font.body of theme.conf "
	    "(docs/pdf.md)");
	cr_assert_str_eq(d.items[1].msg, "character '\xEE\x80\x80' "
	    "(U+E000) is not in font 'WenQuanYi Zen Hei': write it another "
	    "way, or put a font that has it first in font.body of theme.conf "
	    "(docs/pdf.md)");
	txt = text_of(path);
	/* Unfiltered, U+E000 would come back (CID = code point). */
	cr_assert(strstr(txt, "野家") != NULL, "%s", txt);
	cr_assert(strstr(txt, "\xEE\x80\x80") == NULL);
	free(txt);
	unlink(path);
	free(path);
	diag_free(&d);
}

/* clreq §3.1.6 in box labels too: ）（ and 。」 take 1.5 em, as in the
 * paragraphs (the label's width sizes its box and centres its text). */
Test(chart, orgchart_label_marks_compressed)
{
	static const char doc[] =
	    "<rb-document><rb-orgchart>"
	    "<rb-orgnode label=\"销售（华东）（兼）\" href=\"#s\"/>"
	    "</rb-orgchart></rb-document>";
	const char *lab = "销售（华东）（兼）", *stop = "客户。」";
	struct og_dim od;
	struct diag d;
	struct font *f;
	struct chart_links links = { NULL, 0, 0 };
	char *path = tmppdf(), *txt;
	int bad;

	diag_init(&d);
	f = font_open(&d, FONT_SANS, 0);
	cr_assert_not_null(f);
	chart_org_dim(&od, f, 0);
	/* one pair each: half an em of 10 pt out */
	cr_assert_float_eq(od.textw(od.ctx, lab, 10),
	    font_text_width(f, lab, strlen(lab), 10) - 5, 1e-6);
	cr_assert_float_eq(od.textw(od.ctx, stop, 10),
	    font_text_width(f, stop, strlen(stop), 10) - 5, 1e-6);
	/* no pair, no change */
	cr_assert_float_eq(od.textw(od.ctx, "（华东）", 10),
	    font_text_width(f, "（华东）", strlen("（华东）"), 10), 1e-6);
	font_free(f);
	render(&d, doc, 400, path, &links, &bad);
	cr_assert_eq(bad, 0);
	txt = text_of(path);
	cr_assert(strstr(txt, lab) != NULL, "%s", txt);
	free(txt);
	chart_links_free(&links);
	doc_free(S_keep);
	unlink(path);
	free(path);
	diag_free(&d);
}

/* WCAG 2.x relative luminance of 0xRRGGBB. */
static double
lum(unsigned c)
{
	double v[3], s;
	int k;

	for (k = 0; k < 3; k++) {
		s = (double)((c >> (16 - 8 * k)) & 0xff) / 255;
		v[k] = s <= 0.03928 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4);
	}
	return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
}

/*
 * Series told apart without colour (SC 1.4.1): the first CG_NSTYLE
 * series each have their own hatching, and their own marker or fill;
 * every colour at 3:1 or more on white (SC 1.4.11), its tint lighter.
 */
Test(chart, series_styles)
{
	size_t i, j;

	for (i = 0; i < CG_NSTYLE; i++) {
		cr_assert_geq(1.05 / (lum(cg_colour(i)) + 0.05), 3.0,
		    "series %zu: #%06x", i, cg_colour(i));
		cr_assert_gt(lum(cg_tint(i)), lum(cg_colour(i)) + 0.3);
		for (j = 0; j < i; j++) {
			cr_assert_neq(cg_hatch_kind(i), cg_hatch_kind(j));
			cr_assert(cg_marker(i) != cg_marker(j) ||
			    cg_hollow(i) != cg_hollow(j), "%zu %zu", i, j);
		}
	}
	cr_assert_eq(cg_hatch_kind(0), 0);		/* the first solid */
	cr_assert_eq(cg_hatch_kind(CG_NSTYLE + 1), cg_hatch_kind(1));
	cr_assert(!cg_dashed(0) && cg_dashed(1));
	cr_assert_eq(cg_tint(1), 0xf1d4bf);
}

/* Hatching: lines a step apart on a grid from the origin, clipped to the
 * rectangle. */
Test(chart, hatch_lines)
{
	struct cg_seg *s = NULL;
	size_t n, k, cap = 0;

	/* horizontal, step 5 in y 3..23: at 5, 10, 15, 20 */
	n = cg_hatch(&s, &cap, CG_H_HORIZ, 1, 3, 10, 20, 5);
	cr_assert_eq(n, 4);
	cr_assert_float_eq(s[0].y1, 5, 1e-9);
	cr_assert_float_eq(s[3].y2, 20, 1e-9);
	cr_assert(s[0].x1 == 1 && s[0].x2 == 11);
	/* vertical on an edge: x = 0 and 10 are the outline, not lines */
	cr_assert_eq(cg_hatch(&s, &cap, CG_H_VERT, 0, 0, 10, 4, 5), 1);
	/* both diagonals in a 10 x 10 square, every end on its border */
	n = cg_hatch(&s, &cap, CG_H_UP | CG_H_DOWN, 0, 0, 10, 10, 2);
	cr_assert_gt(n, 8);
	for (k = 0; k < n; k++) {
		cr_assert(s[k].x1 >= -1e-9 && s[k].x1 <= 10 + 1e-9 &&
		    s[k].y1 >= -1e-9 && s[k].y1 <= 10 + 1e-9 &&
		    s[k].x2 >= -1e-9 && s[k].x2 <= 10 + 1e-9 &&
		    s[k].y2 >= -1e-9 && s[k].y2 <= 10 + 1e-9, "%zu", k);
		/* 45 degrees */
		cr_assert_float_eq(fabs(s[k].x2 - s[k].x1),
		    fabs(s[k].y2 - s[k].y1), 1e-9);
	}
	cr_assert_eq(cg_hatch(&s, &cap, 0, 0, 0, 10, 10, 2), 0);
	cr_assert_eq(cg_hatch(&s, &cap, CG_H_UP, 0, 0, 10, 0, 2), 0);
	free(s);
}

/* Nothing for a rectangle that is not one (NaN, empty) or would need
 * millions of lines. */
Test(chart, hatch_refuses_nonsense)
{
	struct cg_seg *s = NULL;
	size_t cap = 0;

	cr_assert_eq(cg_hatch(&s, &cap, CG_H_UP, 0, NAN, 10, 10, 2), 0);
	cr_assert_eq(cg_hatch(&s, &cap, CG_H_UP, 0, 0, NAN, 10, 2), 0);
	cr_assert_eq(cg_hatch(&s, &cap, CG_H_UP, 0, 0, 1e9, 10, 2), 0);
	cr_assert_eq(cg_hatch(&s, &cap, CG_H_HORIZ, 0, 0, 10, 10, 0), 0);
	cr_assert_null(s);
}

/* The value-label rule both backends use: first place if free, else the
 * second, else dropped; a label without places is dropped. */
Test(chart, place_labels)
{
	struct cg_vlabel l[4] = {
		{ .x = 100, .w = 30, .y = { 50, 70 }, .ny = 2 },
		{ .x = 105, .w = 30, .y = { 52, 72 }, .ny = 2 },	/* below */
		{ .x = 110, .w = 30, .y = { 54, 74 }, .ny = 2 },	/* none */
		{ .x = 200, .w = 30, .y = { 54, 0 }, .ny = 0 },	/* no value */
	};

	cg_place_labels(l, 4, 10);
	cr_assert_eq(l[0].place, CG_VL_FIRST);
	cr_assert_float_eq(l[0].by, 50, 1e-9);
	cr_assert_eq(l[1].place, CG_VL_SECOND);
	cr_assert_float_eq(l[1].by, 72, 1e-9);
	cr_assert_eq(l[2].place, CG_VL_DROP);
	cr_assert_eq(l[3].place, CG_VL_DROP);
	/* far enough across: both keep their first place */
	l[1].x = 100 + 31;
	cg_place_labels(l, 2, 10);
	cr_assert_eq(l[1].place, CG_VL_FIRST);
}
