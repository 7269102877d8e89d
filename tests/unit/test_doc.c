/*
 * test_doc.c — the document tree: parsing template output into a tree
 * (checked through doc_dump), every kind of error with its message and its
 * template position through a srcmap, entities, the depth limit, large
 * inputs, the walk, attributes and the srcmap itself.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "util/util.h"
#include "util/diag.h"
#include "doc/doc.h"
#include "doc/chartgeom.h"
#include "doc/orgtree.h"

/* Parses s; returns the dump (or "NULL\n") followed by the diagnostics. */
static char *
run(const char *s, const struct doc_srcmap *map)
{
	struct diag d;
	struct buf b = BUF_INIT;
	struct doc_node *root;
	size_t i;

	diag_init(&d);
	root = doc_parse(&d, s, strlen(s), map);
	if (root)
		doc_dump(&b, root);
	else
		BUF_PUTSL(&b, "NULL\n");
	for (i = 0; i < d.n; i++)
		buf_printf(&b, "%s:%d:%d: %s\n", d.items[i].file ?
		    d.items[i].file : "-", d.items[i].line, d.items[i].col,
		    d.items[i].msg);
	doc_free(root);
	diag_free(&d);
	return buf_detach(&b);
}

#define EXPECT(in, want) do {						\
	char *got_ = run((in), NULL);					\
	cr_assert_str_eq(got_, (want));					\
	free(got_);							\
} while (0)

Test(parse, simple_tree)
{
	EXPECT("<rb-document title=\"T\">\n"
	    "  <section id=\"s\" class='c'>\n"
	    "    <h1 id=\"h\">Title <em>x</em></h1>\n"
	    "    <p>a<br/>b</p>\n"
	    "    <ul>\n      <li>one</li>\n      <li><p>two</p></li>\n    </ul>\n"
	    "  </section>\n"
	    "</rb-document>\n",
	    "rb-document title=\"T\"\n"
	    "  section id=\"s\" class=\"c\"\n"
	    "    h1 id=\"h\"\n"
	    "      \"Title \"\n"
	    "      em\n"
	    "        \"x\"\n"
	    "    p\n"
	    "      \"a\"\n"
	    "      br\n"
	    "      \"b\"\n"
	    "    ul\n"
	    "      li\n"
	    "        \"one\"\n"
	    "      li\n"
	    "        p\n"
	    "          \"two\"\n");
}

Test(parse, our_elements_and_attributes)
{
	EXPECT("<rb-document><rb-chart type=\"bar\" title=\"t\" unit=\"%\">"
	    "<rb-series name=\"s\"><rb-point label=\"a\" value=\"1.5\"/>"
	    "</rb-series></rb-chart>"
	    "<rb-orgchart><rb-orgnode label=\"A\" sub=\"x\" href=\"a.html\">"
	    "<rb-orgnode label=\"B\"/></rb-orgnode></rb-orgchart>"
	    "<rb-signature><rb-sign label=\"L\" sub=\"S\"/></rb-signature>"
	    "<p data-x=\"1\">see <rb-pageref href=\"#a\"/></p>"
	    "<table><tr><td colspan=\"2\" rowspan=\"1\">c</td></tr></table>"
	    "<ol start=\"3\"><li>x</li></ol>"
	    "<img src=\"a.png\" alt=\"\" width=\"10\" height=\"5\"/>"
	    "<rb-pagebreak/><rb-toc/></rb-document>",
	    "rb-document\n"
	    "  rb-chart type=\"bar\" title=\"t\" unit=\"%\"\n"
	    "    rb-series name=\"s\"\n"
	    "      rb-point label=\"a\" value=\"1.5\"\n"
	    "  rb-orgchart\n"
	    "    rb-orgnode href=\"a.html\" label=\"A\" sub=\"x\"\n"
	    "      rb-orgnode label=\"B\"\n"
	    "  rb-signature\n"
	    "    rb-sign label=\"L\" sub=\"S\"\n"
	    "  p data-x=\"1\"\n"
	    "    \"see \"\n"
	    "    rb-pageref href=\"#a\"\n"
	    "  table\n"
	    "    tr\n"
	    "      td colspan=\"2\" rowspan=\"1\"\n"
	    "        \"c\"\n"
	    "  ol start=\"3\"\n"
	    "    li\n"
	    "      \"x\"\n"
	    "  img src=\"a.png\" alt=\"\" width=\"10\" height=\"5\"\n"
	    "  rb-pagebreak\n"
	    "  rb-toc\n");
}

Test(parse, entities_and_comments)
{
	EXPECT("<rb-document><p title-x=\"\">x</p></rb-document>",
	    "NULL\n<template output>:1:17: attribute 'title-x' is not "
	    "allowed on <p>\n");
	EXPECT("<rb-document><p>&lt;&gt;&amp;&quot;&apos;&#20013;&#x6587;"
	    "&#X41;<!-- gone --> end\t\"q\"\\</p>"
	    "<a href=\"?a=1&amp;b='2'\">l</a><a href='say \"hi\"'>m</a>"
	    "</rb-document>",
	    "NULL\n<template output>:1:58: bad character reference "
	    "'&#X41;'\n");
	EXPECT("<rb-document><p>&lt;&gt;&amp;&quot;&apos;&#20013;&#x6587;"
	    "<!-- gone --> end\t\"q\"\\</p>"
	    "<a href=\"?a=1&amp;b='2'\">l</a><a href='say \"hi\"'>m</a>"
	    "</rb-document>",
	    "rb-document\n"
	    "  p\n"
	    "    \"<>&\\\"'中文 end\\t\\\"q\\\"\\\\\"\n"
	    "  a href=\"?a=1&b='2'\"\n"
	    "    \"l\"\n"
	    "  a href=\"say \\\"hi\\\"\"\n"
	    "    \"m\"\n");
}

Test(parse, whitespace_between_blocks_dropped)
{
	EXPECT("<rb-document>\n <div>\n  <p> a <em>b</em> <em>c</em> </p>\n"
	    "  <span>x</span> <span>y</span>\n </div>\n</rb-document>",
	    "rb-document\n"
	    "  div\n"
	    "    p\n"
	    "      \" a \"\n"
	    "      em\n"
	    "        \"b\"\n"
	    "      \" \"\n"
	    "      em\n"
	    "        \"c\"\n"
	    "      \" \"\n"
	    "    span\n"
	    "      \"x\"\n"
	    "    \" \"\n"
	    "    span\n"
	    "      \"y\"\n");
}

/* A srcmap: output offsets 0, 20 and 40 come from three template lines. */
static void
mkmap(struct doc_srcmap *m)
{
	struct rb_pos p = { "tmpl/page.lua", 3, 0 };

	memset(m, 0, sizeof(*m));
	doc_srcmap_add(m, 0, &p);
	p.line = 7;
	doc_srcmap_add(m, 20, &p);
	p.file = "tmpl/inc.lua";
	p.line = 2;
	doc_srcmap_add(m, 40, &p);
}

#define EXPECT_MAP(in, want) do {					\
	struct doc_srcmap m_;						\
	char *got_;							\
									\
	mkmap(&m_);							\
	got_ = run((in), &m_);						\
	cr_assert_str_eq(got_, (want));					\
	free(got_);							\
	doc_srcmap_free(&m_);						\
} while (0)

Test(errors, positions_come_from_the_srcmap)
{
	/* offsets:   0         1         2         3         4
	 *            0123456789012345678901234567890123456789012345 */
	EXPECT_MAP("<rb-document><div>  <p>.<div>x</div></p>.<blink>"
	    "</blink></div></rb-document>",
	    "NULL\n"
	    "tmpl/page.lua:7:0: <div> is not allowed inside <p>\n"
	    "tmpl/inc.lua:2:0: unknown element <blink>\n");
}

Test(errors, each_kind)
{
	EXPECT("<div></div>",
	    "NULL\n<template output>:1:1: the root element must be "
	    "<rb-document>, not <div>\n");
	EXPECT("", "NULL\n<template output>:1:1: empty document: expected "
	    "<rb-document>\n");
	EXPECT("x<rb-document/>",
	    "NULL\n<template output>:1:1: text before <rb-document>\n");
	EXPECT("<rb-document/>x",
	    "NULL\n<template output>:1:15: text after </rb-document>\n");
	EXPECT("<rb-document/><p/>",
	    "NULL\n<template output>:1:15: element <p> after "
	    "</rb-document>\n");
	EXPECT("<rb-document><ul>x<p/></ul></rb-document>",
	    "NULL\n<template output>:1:18: text is not allowed inside <ul>\n"
	    "<template output>:1:19: <p> is not allowed inside <ul>\n");
	EXPECT("<rb-document><li/><tr/><td/><rb-point label=\"a\" value=\"1\"/>"
	    "<rb-series/><rb-orgnode label=\"x\"/><rb-sign label=\"y\"/>"
	    "</rb-document>",
	    "NULL\n"
	    "<template output>:1:14: <li> is not allowed inside "
	    "<rb-document>\n"
	    "<template output>:1:19: <tr> is not allowed inside "
	    "<rb-document>\n"
	    "<template output>:1:24: <td> is not allowed inside "
	    "<rb-document>\n"
	    "<template output>:1:29: <rb-point> is not allowed inside "
	    "<rb-document>\n"
	    "<template output>:1:60: <rb-series> is not allowed inside "
	    "<rb-document>\n"
	    "<template output>:1:72: <rb-orgnode> is not allowed inside "
	    "<rb-document>\n"
	    "<template output>:1:95: <rb-sign> is not allowed inside "
	    "<rb-document>\n");
	EXPECT("<rb-document><span><p>x</p></span><a><a>y</a></a>"
	    "</rb-document>",
	    "NULL\n<template output>:1:20: <p> is not allowed inside <span>\n"
	    "<template output>:1:38: <a> is not allowed inside <a>\n");
	EXPECT("<rb-document><p id=\"a\" id=\"b\" href=\"x\">x</p>"
	    "</rb-document>",
	    "NULL\n<template output>:1:24: duplicate attribute 'id' on <p>\n"
	    "<template output>:1:31: attribute 'href' is not allowed on "
	    "<p>\n");
	EXPECT("<rb-document>\n<div>\n<p>x</div>\n</rb-document>",
	    "NULL\n<template output>:3:1: <p> is not closed\n");
	EXPECT("<rb-document><div>x</span></div></rb-document>",
	    "NULL\n<template output>:1:20: end tag </span> without a "
	    "matching start tag\n");
	EXPECT("<rb-document><div>",
	    "NULL\n<template output>:1:14: <div> is not closed\n"
	    "<template output>:1:1: <rb-document> is not closed\n");
	EXPECT("<rb-document><p>a \xff\xfe b \xe4\xb8</p></rb-document>",
	    "NULL\n<template output>:1:19: invalid UTF-8\n"
	    "<template output>:1:24: invalid UTF-8\n");
	EXPECT("<rb-document><p>a & b &nbsp; &#0; &#xD800;</p>"
	    "</rb-document>",
	    "NULL\n<template output>:1:19: '&' must be written &amp;\n"
	    "<template output>:1:23: unknown entity '&nbsp;'\n"
	    "<template output>:1:30: bad character reference '&#0;'\n"
	    "<template output>:1:35: bad character reference '&#xD800;'\n");
	EXPECT("<!DOCTYPE html><rb-document><![CDATA[x]]><?pi?><p>a < b"
	    "</p></rb-document>",
	    "NULL\n<template output>:1:1: '<!' markup is not allowed (only "
	    "elements, text and comments)\n"
	    "<template output>:1:29: '<!' markup is not allowed (only "
	    "elements, text and comments)\n"
	    "<template output>:1:42: '<?' markup is not allowed (only "
	    "elements, text and comments)\n"
	    "<template output>:1:53: '<' must be written &lt;\n");
	EXPECT("<rb-document><p class=x>a</p><rb-chart type=\"pie\"/>"
	    "<img/><rb-point/></rb-document>",
	    "NULL\n<template output>:1:17: value of attribute 'class' must "
	    "be quoted\n"
	    "<template output>:1:40: attribute 'type' of <rb-chart> must "
	    "be 'bar' or 'line', not 'pie'\n"
	    "<template output>:1:52: <img> needs attribute 'src'\n"
	    "<template output>:1:52: <img> needs attribute 'alt'\n"
	    "<template output>:1:58: <rb-point> is not allowed inside "
	    "<rb-document>\n"
	    "<template output>:1:58: <rb-point> needs attribute 'label'\n"
	    "<template output>:1:58: <rb-point> needs attribute 'value'\n");
	EXPECT("<rb-document><rb-chart><rb-series><rb-point label=\"a\" "
	    "value=\"1x\"/></rb-series></rb-chart>"
	    "<td colspan=\"two\"/></rb-document>",
	    "NULL\n<template output>:1:55: attribute 'value' of <rb-point> "
	    "must be a number, not '1x'\n"
	    "<template output>:1:90: <td> is not allowed inside "
	    "<rb-document>\n"
	    "<template output>:1:94: attribute 'colspan' of <td> must be "
	    "a whole number, not 'two'\n");
	EXPECT("<rb-document><p>x<!-- open</p></rb-document>",
	    "NULL\n<template output>:1:18: unterminated comment\n");
	EXPECT("<rb-document><p class=\"x",
	    "NULL\n<template output>:1:14: unterminated <p> tag\n"
	    "<template output>:1:1: <rb-document> is not closed\n");
}

/* A template writing a script link (or one a loader would refuse) fails
 * at the attribute, whatever the disguise (issue 17, finding 1). */
Test(errors, href_policy)
{
	EXPECT("<rb-document><p><a href=\"java&#9;script:alert(1)\">x</a>"
	    "<a href=\"data:text/html,x\">y</a><a href=\"a&#9;b\">z</a>"
	    "<a href=\"https://x/#a\">w</a></p></rb-document>",
	    "NULL\n<template output>:1:20: attribute 'href' of <a>: link "
	    "scheme 'javascript:' is not allowed (only relative links and "
	    "http:, https:, mailto:)\n"
	    "<template output>:1:59: attribute 'href' of <a>: link scheme "
	    "'data:' is not allowed (only relative links and http:, https:, "
	    "mailto:)\n"
	    "<template output>:1:91: attribute 'href' of <a>: link target "
	    "holds the control character U+0009\n");
}

/* issue 17, finding 10: a list number that would overflow */
Test(errors, ol_start_limit)
{
	EXPECT("<rb-document><ol start=\"9223372036854775807\"><li>a</li>"
	    "</ol><ol start=\"99999999999999999999\"/><ol start=\"999999999\">"
	    "<li>b</li></ol></rb-document>",
	    "NULL\n<template output>:1:18: attribute 'start' of <ol> must "
	    "be at most 999999999, not '9223372036854775807'\n"
	    "<template output>:1:65: attribute 'start' of <ol> must be at "
	    "most 999999999, not '99999999999999999999'\n");
}

Test(errors, depth_limit)
{
	struct buf b = BUF_INIT;
	char *got;
	int i;

	BUF_PUTSL(&b, "<rb-document>");
	for (i = 0; i < 300; i++)
		BUF_PUTSL(&b, "<div>");
	for (i = 0; i < 300; i++)
		BUF_PUTSL(&b, "</div>");
	BUF_PUTSL(&b, "</rb-document>");
	got = run(b.data, NULL);
	/* rb-document and 255 divs fit; the next div, at 13 + 255 * 5, fails */
	cr_assert_str_eq(got, "NULL\n<template output>:1:1289: elements "
	    "nested deeper than 256\n");
	free(got);
	buf_free(&b);
}

Test(parse, ten_thousand_siblings)
{
	struct buf b = BUF_INIT;
	struct diag d;
	struct doc_node *root, *n;
	size_t count = 0;
	int i;

	BUF_PUTSL(&b, "<rb-document><ul>\n");
	for (i = 0; i < 10000; i++)
		buf_printf(&b, "<li id=\"i%d\">item &amp; %d</li>\n", i, i);
	BUF_PUTSL(&b, "</ul></rb-document>");
	diag_init(&d);
	root = doc_parse(&d, b.data, b.len, NULL);
	cr_assert_not_null(root);
	cr_assert_eq(d.n, 0);
	for (n = root->first->first; n; n = n->next)
		count++;
	cr_assert_eq(count, 10000);
	cr_assert_str_eq(root->first->last->id, "i9999");
	cr_assert_str_eq(root->first->last->first->text, "item & 9999");
	cr_assert_eq(root->first->last->pos.line, 10001);
	doc_free(root);
	diag_free(&d);
	buf_free(&b);
}

Test(parse, node_positions_from_srcmap)
{
	struct doc_srcmap m;
	struct diag d;
	struct doc_node *root;
	const char *s = "<rb-document><div>  <p>.</p>.....<p>x</p>..."
	    "</div></rb-document>";

	mkmap(&m);
	diag_init(&d);
	root = doc_parse(&d, s, strlen(s), &m);
	cr_assert_not_null(root);
	cr_assert_eq(root->pos.line, 3);
	cr_assert_eq(root->first->first->pos.line, 7);	/* <p> at 20 */
	cr_assert_str_eq(root->first->last->pos.file, "tmpl/inc.lua");
	doc_free(root);
	diag_free(&d);
	doc_srcmap_free(&m);
}

Test(srcmap, binary_search)
{
	struct doc_srcmap m;
	struct rb_pos p = { "f", 0, 0 };
	int i;

	memset(&m, 0, sizeof(m));
	cr_assert_null(doc_srcmap_find(&m, 0));
	for (i = 1; i <= 1000; i++) {
		p.line = i;
		doc_srcmap_add(&m, (size_t)i * 10, &p);
	}
	cr_assert_null(doc_srcmap_find(&m, 9));
	cr_assert_eq(doc_srcmap_find(&m, 10)->line, 1);
	cr_assert_eq(doc_srcmap_find(&m, 19)->line, 1);
	cr_assert_eq(doc_srcmap_find(&m, 5555)->line, 555);
	cr_assert_eq(doc_srcmap_find(&m, 1000000)->line, 1000);
	p.line = 9999;	/* same offset replaces */
	doc_srcmap_add(&m, 10000, &p);
	cr_assert_eq(doc_srcmap_find(&m, 10000)->line, 9999);
	cr_assert_eq(m.n, 1000);
	p.line = 42;	/* out of order is inserted */
	doc_srcmap_add(&m, 15, &p);
	cr_assert_eq(doc_srcmap_find(&m, 16)->line, 42);
	cr_assert_eq(doc_srcmap_find(&m, 20)->line, 2);
	doc_srcmap_free(&m);
	cr_assert_eq(m.n, 0);
}

Test(node, build_walk_attrs_free)
{
	struct doc_node *r = doc_node_new(DOC_DOCUMENT), *p, *t, *n = NULL;
	struct buf b = BUF_INIT;
	int entering = 0;

	p = doc_append(r, doc_node_new(DOC_P));
	t = doc_append(p, doc_node_new(DOC_TEXT));
	t->text = xstrdup("hi");
	t->len = 2;
	doc_append(r, doc_node_new(DOC_HR));
	doc_set_attr(p, "id", "x");
	doc_set_attr(p, "data-a", "1");
	doc_set_attr(p, "data-a", "2");
	doc_set_attr(p, "data-b", "3");
	cr_assert_str_eq(doc_attr(p, "id"), "x");
	cr_assert_str_eq(doc_attr(p, "data-a"), "2");
	doc_set_attr(p, "data-a", NULL);
	cr_assert_null(doc_attr(p, "data-a"));
	cr_assert_eq(p->nattrs, 1);
	while ((n = doc_next(r, n, &entering)) != NULL)
		buf_printf(&b, "%s%s ", entering ? "+" : "-",
		    doc_tag_name[n->tag]);
	cr_assert_str_eq(b.data,
	    "+rb-document +p +#text -p +hr -hr -rb-document ");
	buf_free(&b);
	/* freeing a subtree unlinks it */
	doc_free(p);
	cr_assert_eq(r->first->tag, DOC_HR);
	cr_assert_null(r->first->prev);
	doc_free(r);
}

Test(node, tags)
{
	cr_assert_eq(doc_tag_lookup("rb-orgnode", 10), DOC_ORGNODE);
	cr_assert_eq(doc_tag_lookup("p", 1), DOC_P);
	cr_assert_eq(doc_tag_lookup("pre", 3), DOC_PRE);
	cr_assert_eq(doc_tag_lookup("P", 1), -1);
	cr_assert_eq(doc_tag_lookup("script", 6), -1);
	cr_assert(doc_tag_is_inline(DOC_EM));
	cr_assert(!doc_tag_is_inline(DOC_P));
	cr_assert_str_eq(doc_tag_name[DOC_SIGN], "rb-sign");
}

Test(node, deep_tree_frees_iteratively)
{
	struct doc_node *r = doc_node_new(DOC_DOCUMENT), *c = r;
	int i;

	for (i = 0; i < 200000; i++)
		c = doc_append(c, doc_node_new(DOC_DIV));
	doc_free(r);
}

/* Alternative text of charts (chartgeom.c): who reports to whom; the data. */
static char *
alt_of(const char *s)
{
	struct diag d;
	struct buf b = BUF_INIT;
	struct doc_node *root, *n;

	diag_init(&d);
	root = doc_parse(&d, s, strlen(s), NULL);
	cr_assert_not_null(root);
	n = root->first;
	if (n->tag == DOC_ORGCHART)
		cg_org_alt(&b, n);
	else
		cg_chart_alt(&b, n);
	doc_free(root);
	diag_free(&d);
	return buf_detach(&b);
}

Test(alt, orgchart_says_who_reports_to_whom)
{
	char *s = alt_of("<rb-document><rb-orgchart>"
	    "<rb-orgnode label=\"总经理\">"
	    "<rb-orgnode label=\"销售经理\" sub=\"业务部\" href=\"#a\">"
	    "<rb-orgnode label=\"业务员\"/></rb-orgnode>"
	    "<rb-orgnode label=\"会计\"/></rb-orgnode>"
	    "<rb-orgnode label=\"顾问\"/>"
	    "</rb-orgchart></rb-document>");

	cr_assert_str_eq(s, "组织结构图，共 5 个岗位。最高岗位：总经理、顾问。"
	    "总经理的直接下级：销售经理（业务部）、会计。"
	    "销售经理（业务部）的直接下级：业务员。");
	free(s);
}

Test(alt, chart_holds_its_data)
{
	char *s = alt_of("<rb-document><rb-chart title=\"签单额\" unit=\"元\">"
	    "<rb-series name=\"本月\"><rb-point label=\"一组\" value=\"1200\"/>"
	    "<rb-point label=\"二组\" value=\"0.5\"/></rb-series>"
	    "<rb-series name=\"上月\"><rb-point label=\"一组\" value=\"900\"/>"
	    "</rb-series></rb-chart></rb-document>");

	cr_assert_str_eq(s, "签单额（柱状图，单位：元）：本月：一组 1200，二组 0.5；"
	    "上月：一组 900。");
	free(s);
	s = alt_of("<rb-document><rb-chart type=\"line\"><rb-series>"
	    "<rb-point label=\"9月\" value=\"3\"/></rb-series></rb-chart>"
	    "</rb-document>");
	cr_assert_str_eq(s, "（折线图）：9月 3。");
	free(s);
}

Test(parse, main_and_aria_label)
{
	char *s = run("<rb-document><main aria-label=\"正文\"><p>x</p></main>"
	    "</rb-document>", NULL);

	cr_assert(strstr(s, "main") != NULL, "%s", s);
	cr_assert(strstr(s, "error") == NULL, "%s", s);
	free(s);
	s = run("<rb-document><p aria-label=\"x\">y</p></rb-document>", NULL);
	cr_assert(strstr(s, "attribute 'aria-label' is not allowed on <p>") !=
	    NULL, "%s", s);
	free(s);
}

/* ---- org chart sheets (orgtree.c), with text 1 unit a byte ---- */

static double
S_bytew(void *ctx, const char *s, double size)
{
	(void)ctx;
	return (double)strlen(s) * size / 10;
}

static void
S_dim(struct og_dim *d, int pack)
{
	memset(d, 0, sizeof(*d));
	d->bh = 20;
	d->minw = 40;
	d->pad = 4;
	d->hg = 5;
	d->vg = 10;
	d->ind = 10;
	d->label_size = d->sub_size = d->path_size = 10;
	d->pathh = 12;
	d->stub_ref = "see 00";
	d->path_pre = "up: ";
	d->path_ref = " (p 00)";
	d->textw = S_bytew;
	d->pack = pack;
}

/*
 * 总部 over 4 divisions of 3 departments of 2 people: each division is
 * cut from 总部's sheet (too wide), and each department from its
 * division's, so every division's departments continue on sheets of
 * their own.  Packed, several managers' subtrees share a sheet, each
 * under its path line, and nothing is lost or overlaps.
 */
/* HQ over 4 divisions of 3 departments of 2 people (41 roles); *chart is
 * its rb-orgchart.  Returns the document (doc_free it). */
static struct doc_node *
S_divisions(struct diag *dg, struct doc_node **chart)
{
	struct buf in = BUF_INIT;
	struct doc_node *root, *c = NULL;
	size_t i, k;
	int ent;

	BUF_PUTSL(&in, "<rb-document><rb-orgchart><rb-orgnode label=\"HQ\">");
	for (i = 0; i < 4; i++) {
		buf_printf(&in, "<rb-orgnode label=\"division%zu\">", i);
		for (k = 0; k < 3; k++)
			buf_printf(&in, "<rb-orgnode label=\"dept%zu%zu\">"
			    "<rb-orgnode label=\"a%zu%zu\"/><rb-orgnode "
			    "label=\"b%zu%zu\"/></rb-orgnode>", i, k, i, k, i, k);
		BUF_PUTSL(&in, "</rb-orgnode>");
	}
	BUF_PUTSL(&in, "</rb-orgnode></rb-orgchart></rb-document>");
	diag_init(dg);
	root = doc_parse(dg, in.data, in.len, NULL);
	buf_free(&in);
	cr_assert_not_null(root);
	while ((c = doc_next(root, c, &ent)) != NULL && c->tag != DOC_ORGCHART)
		;
	cr_assert_not_null(c);
	*chart = c;
	return root;
}

Test(orgtree, packed_sheets_hold_several_path_lines)
{
	struct og_chart og[2];
	struct og_dim d;
	struct doc_node *root, *c = NULL;
	struct diag dg;
	size_t s, i, k, nbox[2] = { 0, 0 }, most = 0;
	const char *l;
	int p, q;

	root = S_divisions(&dg, &c);
	for (p = 0; p < 2; p++) {
		S_dim(&d, p);
		og_layout(&og[p], c, 150, 220, &d);
		for (s = 0; s < og[p].nsheet; s++) {
			const struct og_sheet *sh = &og[p].sheet[s];
			double top = -1;

			cr_assert_leq(sh->h, 220 + 1e-9);
			cr_assert_leq(sh->w, 150 + 1e-9);
			if (sh->nhead > most)
				most = sh->nhead;
			cr_assert(p == 1 || sh->nhead <= 1);
			/* path lines top down, each clear of the boxes above
			 * it and over the boxes below it */
			for (k = sh->head0; k < sh->head0 + sh->nhead; k++) {
				const struct og_head *h = &og[p].head[k];

				cr_assert_gt(h->y, top);
				top = h->y;
				for (i = sh->box0; i < sh->box0 + sh->nbox;
				    i++) {
					const struct og_box *b = &og[p].box[i];

					cr_assert(b->y + b->h <= h->y ||
					    b->y >= h->y + d.pathh,
					    "sheet %zu box %zu crosses a path",
					    s, i);
				}
				cr_assert_not_null(h->root);
				cr_assert(h->npath >= 1 || h->part > 1);
			}
			for (i = sh->box0; i < sh->box0 + sh->nbox; i++) {
				const struct og_box *b = &og[p].box[i];

				cr_assert_leq(b->y + b->h, sh->h + 1e-9);
				l = doc_attr(b->n, "label");
				if (b->kind == OG_BOX && l != NULL &&
				    (l[0] == 'a' || l[0] == 'b'))
					nbox[p]++;	/* people: drawn once */
				else if (b->kind == OG_STUB)
					cr_assert_lt(b->ref, og[p].nsheet);
				for (k = sh->box0; k < i; k++) {
					const struct og_box *o = &og[p].box[k];

					q = b->x + b->w <= o->x ||
					    o->x + o->w <= b->x ||
					    b->y + b->h <= o->y ||
					    o->y + o->h <= b->y;
					cr_assert(q, "sheet %zu: boxes overlap",
					    s);
				}
			}
		}
	}
	/* every person once, either way; fewer sheets packed */
	cr_assert_eq(nbox[0], 24);
	cr_assert_eq(nbox[1], nbox[0]);
	cr_assert_lt(og[1].nsheet, og[0].nsheet, "%zu %zu", og[1].nsheet,
	    og[0].nsheet);
	cr_assert_geq(most, 2);
	og_free(&og[0]);
	og_free(&og[1]);
	doc_free(root);
	diag_free(&dg);
}

/* A Figure a sheet: each sheet's alt names the part, the roles whose
 * boxes it draws, their superiors when drawn elsewhere; one sheet: the
 * whole chart's text. */
Test(orgtree, sheet_alt_names_each_part_and_its_roles)
{
	struct buf t = BUF_INIT, whole = BUF_INIT, want = BUF_INIT;
	struct og_chart og;
	struct og_dim d;
	struct doc_node *root, *c = NULL;
	struct diag dg;
	size_t s, i, k, ups = 0;
	const char *l;
	int p;

	root = S_divisions(&dg, &c);
	cg_org_alt(&whole, c);
	for (p = 0; p < 2; p++) {
		S_dim(&d, p);
		og_layout(&og, c, 150, 220, &d);
		cr_assert_gt(og.nsheet, 2);
		for (s = 0; s < og.nsheet; s++) {
			const struct og_sheet *sh = &og.sheet[s];

			buf_reset(&t);
			og_sheet_alt(&t, &og, s, c);
			buf_reset(&want);
			buf_printf(&want, "组织结构图（第 %zu 部分，共 %zu 部分）。",
			    s + 1, og.nsheet);
			cr_assert(strncmp(t.data, want.data, want.len) == 0,
			    "%s", t.data);
			cr_assert((s == 0) == (strstr(t.data, "共 41 个岗位。"
			    "最高岗位：HQ。") != NULL), "%s", t.data);
			/* every box's role is named in its own sheet's text */
			for (i = sh->box0; i < sh->box0 + sh->nbox; i++) {
				l = doc_attr(og.box[i].n, "label");
				cr_assert(strstr(t.data, l) != NULL,
				    "sheet %zu lacks %s: %s", s, l, t.data);
			}
			/* a box whose superior is drawn elsewhere (a cut
			 * subtree's root): "X的上级：Y。" */
			for (i = sh->box0; i < sh->box0 + sh->nbox; i++) {
				const struct doc_node *n = og.box[i].n, *up;

				up = n->parent;
				if (og.box[i].kind != OG_BOX ||
				    up->tag != DOC_ORGNODE)
					continue;
				for (k = sh->box0; k < sh->box0 + sh->nbox; k++)
					if (og.box[k].n == up &&
					    og.box[k].kind == OG_BOX)
						break;
				if (k < sh->box0 + sh->nbox)
					continue;
				buf_reset(&want);
				buf_printf(&want, "%s的上级：%s。",
				    doc_attr(n, "label"), doc_attr(up, "label"));
				cr_assert(strstr(t.data, want.data) != NULL,
				    "%s: %s", want.data, t.data);
				ups++;
			}
		}
		og_free(&og);
	}
	cr_assert_gt(ups, 0);
	/* one sheet: the whole chart's text, as the HTML's <desc> */
	S_dim(&d, 0);
	og_layout(&og, c, 5000, 5000, &d);
	cr_assert_eq(og.nsheet, 1);
	buf_reset(&t);
	og_sheet_alt(&t, &og, 0, c);
	cr_assert_str_eq(t.data, whole.data);
	og_free(&og);
	doc_free(root);
	buf_free(&t);
	buf_free(&whole);
	buf_free(&want);
	diag_free(&dg);
}
