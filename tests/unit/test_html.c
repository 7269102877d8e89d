/*
 * test_html.c — the HTML backend: exact output for a small document,
 * escaping in text and attributes, our rb-* elements (TOC, page break,
 * signature, chart and org chart SVG), determinism and the stylesheet.
 */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include "util/util.h"
#include "util/diag.h"
#include "doc/doc.h"
#include <math.h>
#include <stdio.h>
#include "html/html.h"
#include "html/html_int.h"

/* Parses s (must be valid) and renders it; caller frees. */
static char *
render(const char *s, const struct html_opts *o)
{
	struct diag d;
	struct buf b = BUF_INIT;
	struct doc_node *root;

	diag_init(&d);
	root = doc_parse(&d, s, strlen(s), NULL);
	cr_assert_not_null(root, "parse failed: %s", d.n ? d.items[0].msg : "");
	html_render(&b, root, o);
	doc_free(root);
	diag_free(&d);
	return buf_detach(&b);
}

static size_t
count(const char *hay, const char *needle)
{
	size_t n = 0;

	while ((hay = strstr(hay, needle)) != NULL) {
		n++;
		hay += strlen(needle);
	}
	return n;
}

Test(html, small_document_exact)
{
	struct html_opts o = { "../style.css", NULL, 0 };
	char *got = render("<rb-document title=\"岗位说明书\">\n"
	    "<rb-toc/>\n"
	    "<section id=\"s\">\n<h1 id=\"a\">总则</h1>\n"
	    "<p>见 <a href=\"#b\">下文</a><rb-pageref href=\"#b\"/>。<br/>x</p>\n"
	    "<h2 id=\"b\">职责</h2>\n<ul><li>一</li></ul>\n"
	    "<rb-pagebreak/>\n"
	    "<rb-signature><rb-sign label=\"任职者\"/></rb-signature>\n"
	    "</section>\n</rb-document>\n", &o);

	cr_assert_str_eq(got,
	    "<!DOCTYPE html>\n"
	    "<html lang=\"zh-CN\">\n"
	    "<head>\n"
	    "<meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1\">\n"
	    "<title>岗位说明书</title>\n"
	    "<link rel=\"stylesheet\" href=\"../style.css\">\n"
	    "</head>\n"
	    "<body>\n"
	    "<nav class=\"toc\">\n<ol>\n"
	    "<li><a href=\"#a\">总则</a>\n<ol>\n"
	    "<li><a href=\"#b\">职责</a></li>\n"
	    "</ol>\n</li>\n</ol>\n</nav>\n"
	    "<section id=\"s\">\n"
	    "<h1 id=\"a\">总则</h1>\n"
	    "<p>见 <a href=\"#b\">下文</a>。<br>x</p>\n"
	    "<h2 id=\"b\">职责</h2>\n"
	    "<ul>\n<li>一</li>\n</ul>\n"
	    "<div class=\"page-break\"></div>\n"
	    "<div class=\"signature\">\n"
	    "<div class=\"sign\"><span class=\"sign-line\"></span>"
	    "<span class=\"sign-label\">任职者</span></div>\n"
	    "</div>\n"
	    "</section>\n"
	    "</body>\n"
	    "</html>\n");
	free(got);
}

Test(html, escaping_text_and_attributes)
{
	char *got = render("<rb-document title=\"a &lt;script&gt; &amp; b\" "
	    "lang=\"en\"><p class=\"x&quot;&gt;y\" data-q=\"&lt;script&gt;\">"
	    "&lt;script&gt;alert(1)&lt;/script&gt; &amp; \"q\"</p>"
	    "<a href=\"?a=1&amp;b=&quot;2&quot;\">l</a></rb-document>",
	    NULL);

	cr_assert(strstr(got, "<html lang=\"en\">"));
	cr_assert(strstr(got, "<title>a &lt;script&gt; &amp; b</title>"));
	cr_assert(strstr(got, "<p class=\"x&quot;&gt;y\" "
	    "data-q=\"&lt;script&gt;\">&lt;script&gt;alert(1)&lt;/script&gt;"
	    " &amp; \"q\"</p>"));
	cr_assert(strstr(got, "<a href=\"?a=1&amp;b=&quot;2&quot;\">l</a>"));
	cr_assert_null(strstr(got, "<script"));
	cr_assert_null(strstr(got, "<link"));	/* no css_href */
	free(got);
}

Test(html, title_falls_back_to_first_h1)
{
	char *got = render("<rb-document><h1>第 <em>1</em> 章</h1>"
	    "</rb-document>", NULL);

	cr_assert(strstr(got, "<title>第 1 章</title>"));
	free(got);
}

static const char S_org[] =
	"<rb-document><rb-orgchart>"
	"<rb-orgnode label=\"总经理\" sub=\"张三\" href=\"gm.html\">"
	"<rb-orgnode label=\"销售部\"><rb-orgnode label=\"a\"/>"
	"<rb-orgnode label=\"b\"/></rb-orgnode>"
	"<rb-orgnode label=\"财务 &amp; 行政\" sub=\"&lt;x&gt;\"/>"
	"</rb-orgnode></rb-orgchart></rb-document>";

Test(html, orgchart_svg)
{
	char *got = render(S_org, NULL), *again = render(S_org, NULL);

	cr_assert(strstr(got, "<div class=\"orgchart\">\n<svg xmlns="
	    "\"http://www.w3.org/2000/svg\" width=\""));
	cr_assert(strstr(got, "\" height=\""));
	cr_assert(strstr(got, "viewBox=\"0 0 "));
	cr_assert_eq(count(got, "<rect"), 5);
	cr_assert_eq(count(got, "<a href=\"gm.html\">"), 1);
	cr_assert(strstr(got, ">财务 &amp; 行政</text>"));
	cr_assert(strstr(got, ">&lt;x&gt;</text>"));
	/* one path for the whole sheet */
	cr_assert_eq(count(got, "class=\"org-link\""), 1);
	cr_assert_eq(count(got, "<svg"), 1);
	cr_assert_str_eq(got, again);	/* deterministic */
	free(got);
	free(again);
}

Test(html, orgchart_hangs_leaves_and_splits_tall_charts)
{
	struct buf in = BUF_INIT;
	struct html_opts o = { NULL, NULL, 600 };
	char *got, *w;
	int i;

	BUF_PUTSL(&in, "<rb-document><rb-orgchart><rb-orgnode label=\"boss\">");
	for (i = 0; i < 30; i++)
		buf_printf(&in, "<rb-orgnode label=\"r%d\"/>", i);
	BUF_PUTSL(&in, "</rb-orgnode></rb-orgchart></rb-document>");
	got = render(in.data, &o);
	cr_assert_eq(count(got, "<rect"), 31);
	cr_assert_eq(count(got, "<svg"), 1);
	w = strstr(got, "<svg");
	cr_assert_not_null(w);
	w = strstr(w, "width=\"");
	cr_assert_not_null(w);
	/* two hanging columns, not 30 boxes side by side */
	cr_assert_leq(atoi(w + 7), 2 * 96 + 24 + 16);
	free(got);
	buf_free(&in);
	/* 100 reports: parts of at most 1,400 px, the boss repeated */
	buf_reset(&in);
	BUF_PUTSL(&in, "<rb-document><rb-orgchart><rb-orgnode label=\"boss\">");
	for (i = 0; i < 100; i++)
		buf_printf(&in, "<rb-orgnode label=\"r%d\"/>", i);
	BUF_PUTSL(&in, "</rb-orgnode></rb-orgchart></rb-document>");
	got = render(in.data, &o);
	cr_assert_gt(count(got, "<svg"), 2);
	cr_assert_eq(count(got, "<rect"), 100 + count(got, "<svg"));
	cr_assert(strstr(got, "图 2 · 上级：boss（续，接图 1）"), "%s", got);
	for (w = got; (w = strstr(w, "<svg")) != NULL; w++)
		cr_assert_leq(atoi(strstr(w, "height=\"") + 8), 1400 + 16);
	free(got);
	buf_free(&in);
}

Test(html, bar_and_line_charts)
{
	char *got = render("<rb-document><rb-chart type=\"bar\" title=\"达成率\" "
	    "unit=\"%\"><rb-series name=\"目标\"><rb-point label=\"张三\" "
	    "value=\"80\"/><rb-point label=\"李四\" value=\"120.5\"/>"
	    "</rb-series><rb-series name=\"实际\"><rb-point label=\"张三\" "
	    "value=\"90\"/></rb-series></rb-chart>"
	    "<rb-chart type=\"line\"><rb-series name=\"t\">"
	    "<rb-point label=\"1月\" value=\"3\"/><rb-point label=\"2月\" "
	    "value=\"5.25\"/></rb-series></rb-chart></rb-document>", NULL);

	cr_assert_eq(count(got, "<svg"), 2);
	cr_assert_eq(count(got, "<rect class=\"bar\""), 3);
	cr_assert(strstr(got, ">120.5</text>"));
	cr_assert(strstr(got, ">达成率</text>"));
	cr_assert(strstr(got, ">张三</text>"));
	cr_assert_eq(count(got, "<polyline"), 1);
	cr_assert_eq(count(got, "<circle"), 2);
	cr_assert(strstr(got, ">5.25</text>"));
	/* series told apart without colour: 目标 solid, 实际 hatched in its
	 * legend swatch and its one bar */
	cr_assert_eq(count(got, "fill=\"#4e79a7\"/>"), 5);	/* + 2 points */
	cr_assert_eq(count(got, "fill=\"#f1d4bf\" stroke=\"#c85200\"/>"), 2);
	cr_assert_eq(count(got, "<path class=\"hatch\""), 2);
	free(got);
}

/* A line chart's second series: dashed, square markers, in the legend
 * too. */
Test(html, line_series_dash_and_marker)
{
	char *got = render("<rb-document><rb-chart type=\"line\">"
	    "<rb-series name=\"a\"><rb-point label=\"1月\" value=\"3\"/>"
	    "<rb-point label=\"2月\" value=\"4\"/></rb-series>"
	    "<rb-series name=\"b\"><rb-point label=\"1月\" value=\"1\"/>"
	    "<rb-point label=\"2月\" value=\"2\"/></rb-series>"
	    "</rb-chart></rb-document>", NULL);

	cr_assert_eq(count(got, "stroke-dasharray=\"6 4\""), 2);
	cr_assert_eq(count(got, "<circle class=\"point\""), 3);
	cr_assert_eq(count(got, "<polygon class=\"point\""), 3);
	cr_assert_eq(count(got, "<line class=\"legend\""), 2);
	free(got);
}

/* Two lines' labels that would overlap (81.63 over 79.96, the sample's
 * 5月): the second series' moves below its point, as in the PDF; the
 * labels come after every line and point. */
Test(html, line_labels_do_not_overlap)
{
	char *got = render("<rb-document><rb-chart type=\"line\">"
	    "<rb-series name=\"a\"><rb-point label=\"5月\" value=\"81.63\"/>"
	    "<rb-point label=\"6月\" value=\"200\"/></rb-series>"
	    "<rb-series name=\"b\"><rb-point label=\"5月\" value=\"79.96\"/>"
	    "<rb-point label=\"6月\" value=\"20\"/></rb-series>"
	    "</rb-chart></rb-document>", NULL);
	const char *a = strstr(got, ">81.63</text>"), *b = strstr(got,
	    ">79.96</text>"), *ya, *yb, *last;
	double pa, pb;

	cr_assert(a && b);
	last = strstr(got, "<polygon class=\"point\"");
	while (last && strstr(last + 1, "class=\"point\""))
		last = strstr(last + 1, "class=\"point\"");
	cr_assert(last && a > last && b > last, "labels after the points");
	for (ya = a; ya > got && strncmp(ya, " y=\"", 4) != 0; ya--)
		;
	for (yb = b; yb > got && strncmp(yb, " y=\"", 4) != 0; yb--)
		;
	pa = strtod(ya + 4, NULL);
	pb = strtod(yb + 4, NULL);
	/* a's point is higher (smaller y) and its label above it; b's label
	 * goes below b's point, so it is lower than a's by more than a line */
	cr_assert_gt(pb - pa, 10.0, "81.63 at y %g, 79.96 at y %g", pa, pb);
	free(got);
}

Test(html, default_css)
{
	const char *css = html_default_css();

	cr_assert(strstr(css, "@page { size: A4;"));
	cr_assert(strstr(css, "\"Noto Sans CJK SC\", \"WenQuanYi Zen Hei\", "
	    "sans-serif"));
	cr_assert(strstr(css, ".page-break"));
	cr_assert(strstr(css, "nav.toc"));
	cr_assert(strstr(css, ".orgchart"));
}

Test(html, speed_1000_roles)
{
	struct buf in = BUF_INIT, out = BUF_INIT;
	struct diag d;
	struct doc_node *root;
	int i;

	BUF_PUTSL(&in, "<rb-document title=\"h\"><rb-toc/>\n");
	for (i = 0; i < 1000; i++)
		buf_printf(&in, "<section id=\"r%d\"><h1 id=\"h%d\">岗位 %d</h1>\n"
		    "<p>职责 <strong>x</strong> &amp; y</p><table><tr><th>a</th>"
		    "<td>b</td></tr></table><ul><li>一</li><li>二</li></ul>"
		    "<rb-signature><rb-sign label=\"任职者\"/></rb-signature>"
		    "</section>\n", i, i, i);
	BUF_PUTSL(&in, "</rb-document>");
	diag_init(&d);
	root = doc_parse(&d, in.data, in.len, NULL);
	cr_assert_not_null(root);
	html_render(&out, root, NULL);
	cr_assert_eq(count(out.data, "<section"), 1000);
	doc_free(root);
	diag_free(&d);
	buf_free(&in);
	buf_free(&out);
}

/* html_num as it was with printf only: the fast path must match it. */
static void
num_printf(struct buf *b, double v, int dec)
{
	char tmp[64], *p;
	int n;

	n = snprintf(tmp, sizeof(tmp), "%.*f", dec, isfinite(v) ? v : 0);
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

Test(html, num_matches_printf)
{
	static const double sp[] = { 0, -0.0, 0.05, -0.05, 0.04, -0.04,
	    0.15, 0.25, 2.5, -2.5, 0.5, -0.5, 1e9, -1e9, 999999999.96,
	    123.45, 1e-7, -1e-7, 1e300, NAN, INFINITY, 12.000001 };
	struct buf a = BUF_INIT, b = BUF_INIT;
	unsigned long x = 12345;
	double v;
	long i;
	int dec;

	for (i = 0; i < 100000; i++) {
		x = x * 6364136223846793005UL + 1442695040888963407UL;
		switch (i % 4) {
		case 0: v = (double)(long)(x >> 40) / 1000 - 8000; break;
		case 1: v = (double)(long)(x >> 44) * 0.05 - 400; break;
		case 2: v = ldexp((double)(x >> 33), -(int)(x % 40)); break;
		default: v = i < (long)(sizeof(sp) / sizeof(sp[0])) ?
		    sp[i] : (double)(x >> 20) / 7; break;
		}
		if (i % 8 == 3)
			v = -v;
		for (dec = 0; dec <= 7; dec++) {
			buf_reset(&a);
			buf_reset(&b);
			num_printf(&a, v, dec);
			html_num(&b, v, dec);
			buf_putc(&a, 0);
			buf_putc(&b, 0);
			cr_assert_str_eq(b.data, a.data, "%.17g, %d decimals",
			    v, dec);
		}
	}
	for (i = 0; i < (long)(sizeof(sp) / sizeof(sp[0])); i++)
		for (dec = 0; dec <= 7; dec++) {
			buf_reset(&a);
			buf_reset(&b);
			num_printf(&a, sp[i], dec);
			html_num(&b, sp[i], dec);
			buf_putc(&a, 0);
			buf_putc(&b, 0);
			cr_assert_str_eq(b.data, a.data, "%.17g, %d decimals",
			    sp[i], dec);
		}
	cr_assert_str_eq((buf_reset(&b), html_num(&b, 12.35, 1),
	    buf_putc(&b, 0), b.data), "12.3");	/* 12.35 is 12.3499… */
	buf_free(&a);
	buf_free(&b);
}
