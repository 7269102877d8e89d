/*
 * test_layout.c — the PDF layout layer (src/pdf/layout*.c) with fixed
 * metrics, independent of installed fonts: CJK characters 1000/1000 em,
 * other characters 500, a space 250; U+2603 is "not in the font".  Checks
 * line breaking (kinsoku, Latin words kept whole, overflow), white space
 * (a newline between CJK characters), quarter-em gaps, justification runs,
 * clreq punctuation (compressed pairs, line-end trimming, lone last line),
 * widows and orphans, keeping headings with what follows, table column
 * widths and header repetition, missing characters, and the theme parser.
 */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include "util/util.h"
#include "util/diag.h"
#include "doc/doc.h"
#include "pdf/pdf.h"
#include "pdf/layout.h"
#include "pdf/linebreak.h"

static int
fake_has(void *ctx, int face, uint32_t cp)
{
	(void)ctx;
	(void)face;
	return cp != 0x2603;
}

static int
fake_advance(void *ctx, int face, uint32_t cp)
{
	(void)ctx;
	(void)face;
	if (cp == ' ')
		return 250;
	return lb_is_cjk(cp) ? 1000 : 500;
}

static void
fake_missing(void *ctx, struct diag *d, const struct rb_pos *pos, int face,
    const uint32_t *cps, size_t n)
{
	(void)ctx;
	(void)face;
	(void)n;
	diag_pos(d, DIAG_ERROR, pos, "missing U+%04X", (unsigned)cps[0]);
}

static const struct lay_fonts fake = {
	.has = fake_has, .advance = fake_advance, .missing = fake_missing,
};

/*
 * Lays out s on pages of text width w and text height h (10pt text,
 * line height 15pt, 5pt between blocks); returns the dump (caller frees).
 */
static char *
dump(const char *s, double w, double h, struct diag *d)
{
	struct pdf_theme th;
	struct doc_node *root;
	struct lay L;
	struct buf b = BUF_INIT;

	pdf_theme_default(&th);
	th.margin_left = th.margin_right = (th.page_w - w) / 2;
	th.margin_top = th.margin_bottom = (th.page_h - h) / 2;
	th.size_body = 10;
	th.leading = 1.5;
	th.par_space = 5;
	root = doc_parse(d, s, strlen(s), NULL);
	cr_assert_not_null(root);
	lay_init(&L, d, &th, &fake, NULL);
	L.dump = &b;
	lay_run(&L, root);
	lay_free(&L);
	doc_free(root);
	pdf_theme_free(&th);
	if (b.data == NULL)
		return xstrdup("");
	return buf_detach(&b);
}

/* A document laid out on a text column w wide, 10pt text, for its ops. */
struct laid {
	struct pdf_theme th;
	struct doc_node	*root;
	struct diag	 d;
	struct lay	 L;
};

static void
laid_run(struct laid *t, const char *s, double w)
{
	diag_init(&t->d);
	pdf_theme_default(&t->th);
	t->th.margin_left = t->th.margin_right = (t->th.page_w - w) / 2;
	t->th.size_body = 10;
	t->root = doc_parse(&t->d, s, strlen(s), NULL);
	cr_assert_not_null(t->root);
	lay_init(&t->L, &t->d, &t->th, &fake, NULL);
	lay_run(&t->L, t->root);
}

static void
laid_free(struct laid *t)
{
	lay_free(&t->L);
	doc_free(t->root);
	pdf_theme_free(&t->th);
	diag_free(&t->d);
}

/* The text lines of a dump only: "text|break" per line. */
static char *
lines(const char *dumptext)
{
	struct buf b = BUF_INIT;
	const char *p = dumptext, *q, *e;

	while ((p = strstr(p, "line ")) != NULL) {
		if ((q = strchr(p, '"')) == NULL)
			break;
		e = strstr(q + 1, "\" break=");
		cr_assert_not_null(e);
		buf_put(&b, q + 1, (size_t)(e - q - 1));
		buf_putc(&b, '|');
		q = e + 8;
		e = q + strcspn(q, " \n");
		buf_put(&b, q, (size_t)(e - q));
		buf_putc(&b, '\n');
		p = e;
	}
	return b.data ? buf_detach(&b) : xstrdup("");
}

static char *
layout_lines(const char *s, double w)
{
	struct diag d;
	char *dd, *l;

	diag_init(&d);
	dd = dump(s, w, 600, &d);
	cr_assert_eq(d.n, 0, "unexpected diagnostic: %s",
	    d.n ? d.items[0].msg : "");
	l = lines(dd);
	free(dd);
	diag_free(&d);
	return l;
}

Test(layout, kinsoku_no_line_starts_with_full_stop)
{
	/* 10 characters fit in 100pt; the 11th is 。 */
	char *l = layout_lines("<rb-document><p>一二三四五六七八九十。一二"
	    "</p></rb-document>", 100);

	cr_assert_str_eq(l, "一二三四五六七八九|kinsoku-shift\n"
	    "十。一二|end\n");
	free(l);
}

Test(layout, kinsoku_no_line_ends_with_open_paren)
{
	char *l = layout_lines("<rb-document><p>一二三四五六七八九（十）"
	    "</p></rb-document>", 100);

	cr_assert_str_eq(l, "一二三四五六七八九|kinsoku-shift\n"
	    "（十）|end\n");
	free(l);
}

Test(layout, latin_words_whole_and_overflow)
{
	/* 40pt: 8 Latin letters a line */
	char *l = layout_lines("<rb-document><p>ab cdefghijklmnop qr"
	    "</p></rb-document>", 40);

	cr_assert_str_eq(l, "ab|allow\ncdefghij|overflow\nklmnop|allow\n"
	    "qr|end\n");
	free(l);
}

/* clreq: two adjacent marks take 1.5 em; the fake fonts have no blanks,
 * so the class decides (（「 blank on the left, 。）」 on the right). */
Test(layout, clreq_pair_compression)
{
	struct laid t;
	const char *s = "<rb-document><p>好。」（甲）</p></rb-document>";
	size_t k, ntext = 0;
	double x[3] = { 0, 0, 0 }, cs[3] = { 0, 0, 0 };
	/* 好 10, 。 5 (pair), 」 5 (pair with （: half an em stays), （ 10,
	 * 甲 10, ） 10 */
	char *l = layout_lines(s, 300);

	cr_assert_str_eq(l, "好。\\c」\\c（甲）|end\n");
	free(l);
	laid_run(&t, s, 300);
	/* runs: 好 at 0; 。」 at 10 with Tc -5 (each glyph 5pt closer than
	 * its advance: overlapping glyphs in one run, which pdftotext keeps
	 * on one line); （甲） at 20 */
	for (k = 0; k < t.L.npops; k++) {
		const struct lay_op *op = &t.L.pops[k];

		if (op->kind == LOP_TEXT && ntext < 3) {
			x[ntext] = op->x - t.th.margin_left;
			cs[ntext++] = op->cs;
		}
	}
	cr_assert_eq(ntext, 3);
	cr_assert_float_eq(x[0], 0, 1e-3);
	cr_assert_float_eq(x[1], 10, 1e-3);
	cr_assert_float_eq(cs[1], -5, 1e-3);
	cr_assert_float_eq(x[2], 20, 1e-3);
	cr_assert_float_eq(cs[2], 0, 1e-3);
	laid_free(&t);
}

Test(layout, clreq_line_end_hangs_and_lone_last_char)
{
	/* 105pt: 十 ends at 100, 。 fits only without its blank */
	char *l = layout_lines("<rb-document><p>一二三四五六七八九十。一二"
	    "</p></rb-document>", 105);

	cr_assert_str_eq(l, "一二三四五六七八九十。\\e|allow\n一二|end\n");
	free(l);
	/* at 100pt 。 does not fit trimmed either */
	l = layout_lines("<rb-document><p>一二三四五六七八九十一</p>"
	    "</rb-document>", 100);
	cr_assert_str_eq(l, "一二三四五六七八九|lone-pull\n十一|end\n");
	free(l);
	/* two on the last line: nothing to do */
	l = layout_lines("<rb-document><p>一二三四五六七八九十一二</p>"
	    "</rb-document>", 100);
	cr_assert_str_eq(l, "一二三四五六七八九十|allow\n一二|end\n");
	free(l);
}

Test(layout, newline_between_cjk_is_no_space)
{
	char *l = layout_lines("<rb-document><p>中文\n中文 ab\ncd</p>"
	    "</rb-document>", 300);

	cr_assert_str_eq(l, "中文中文 ab cd|end\n");
	free(l);
}

Test(layout, quarter_em_between_chinese_and_latin)
{
	struct diag d;
	char *dd;

	diag_init(&d);
	dd = dump("<rb-document><p>用Excel做3次</p></rb-document>", 300, 600,
	    &d);
	/* 用 10 + 2.5 + Excel 25 + 2.5 + 做 10 + 2.5 + 3 5 + 2.5 + 次 10 */
	cr_assert(strstr(dd, "w=70.00 h=15.00 \"用\\qExcel\\q做\\q3\\q次\"")
	    != NULL, "%s", dd);
	free(dd);
	diag_free(&d);
}

Test(layout, justified_line_is_one_run_per_spacing)
{
	struct laid t;
	size_t k, ntext = 0;

	laid_run(&t, "<rb-document><p>一二三四五六七八九十。一</p>"
	    "</rb-document>", 100);
	/* line 1: 9 characters spread over 100pt, one run with spacing */
	for (k = 0; k < t.L.npops; k++) {
		const struct lay_op *op = &t.L.pops[k];

		if (op->kind != LOP_TEXT)
			continue;
		if (ntext++ == 0) {
			cr_assert_str_eq(t.L.arena.data + op->str,
			    "一二三四五六七八九");
			cr_assert_float_eq(op->cs, 10.0 / 8, 1e-5);
			cr_assert_float_eq(op->x, t.th.margin_left, 1e-3);
		} else if (ntext == 2) {
			cr_assert_str_eq(t.L.arena.data + op->str, "十。一");
			cr_assert_float_eq(op->cs, 0, 1e-5);
		}
	}
	cr_assert_geq(ntext, 2);
	laid_free(&t);
}

Test(layout, orphan_moves_paragraph_widow_takes_a_line)
{
	struct diag d;
	char *dd, *p2;

	diag_init(&d);
	/* 100pt tall: 6 lines of 15pt; 4 one-line paragraphs take 75pt,
	 * then a 3-line paragraph: one line would fit — it moves whole */
	dd = dump("<rb-document><p>一</p><p>二</p><p>三</p><p>四</p>"
	    "<p>一二三四五六七八九十一二三四五六七八九十一二三</p>"
	    "</rb-document>", 100, 100, &d);
	p2 = strstr(dd, "page 2");
	cr_assert_not_null(p2, "%s", dd);
	cr_assert(strstr(p2, "\"一二三四五六七八九十\" break=allow") != NULL,
	    "%s", dd);
	free(dd);
	diag_free(&d);
}

Test(layout, heading_kept_with_next_block)
{
	struct diag d;
	char *dd, *p2;

	diag_init(&d);
	dd = dump("<rb-document><p>一</p><p>二</p><p>三</p><p>四</p>"
	    "<h2>标题</h2><p>正文</p></rb-document>", 100, 100, &d);
	p2 = strstr(dd, "page 2");
	cr_assert_not_null(p2, "%s", dd);
	cr_assert(strstr(p2, "line h2.1") != NULL, "%s", dd);
	free(dd);
	diag_free(&d);
}

Test(layout, table_header_repeated_and_narrow_columns_not_wrapped)
{
	struct diag d;
	struct buf s = BUF_INIT;
	char *dd;
	int i;

	diag_init(&d);
	BUF_PUTSL(&s, "<rb-document><table><thead><tr><th>序号</th>"
	    "<th>内容</th></tr></thead><tbody>");
	for (i = 0; i < 12; i++)
		buf_printf(&s, "<tr><td>%d</td><td>很长的内容很长的内容很长的内容"
		    "很长的内容很长的内容很长的内容</td></tr>", i);
	BUF_PUTSL(&s, "</tbody></table></rb-document>");
	dd = dump(s.data, 200, 150, &d);
	cr_assert_eq(d.n, 0);
	/* 序号 (20pt + padding) keeps its width: never "序" / "号" */
	cr_assert(strstr(dd, "\"序号\"") != NULL, "%s", dd);
	cr_assert(strstr(dd, "row table=1 header repeat") != NULL, "%s", dd);
	free(dd);
	buf_free(&s);
	diag_free(&d);
}

Test(layout, missing_character_reported_at_data_src)
{
	struct diag d;
	char *dd;

	diag_init(&d);
	dd = dump("<rb-document><div data-src=\"roles/a.md:7:3\"><p>雪"
	    "\xe2\x98\x83</p></div></rb-document>", 200, 200, &d);
	cr_assert_eq(d.nerr, 1);
	cr_assert_str_eq(d.items[0].file, "roles/a.md");
	cr_assert_eq(d.items[0].line, 7);
	cr_assert_eq(d.items[0].col, 3);
	cr_assert_str_eq(d.items[0].msg, "missing U+2603");
	free(dd);
	diag_free(&d);
}

Test(layout, toc_and_pageref_numbers)
{
	struct pdf_theme th;
	struct doc_node *root;
	struct diag d;
	struct lay L;
	const char *s = "<rb-document><rb-toc/><rb-pagebreak/>"
	    "<h1 id=\"a\">甲</h1><rb-pagebreak/><h2 id=\"b\">乙</h2>"
	    "</rb-document>";
	const struct lay_anchor *a;

	diag_init(&d);
	pdf_theme_default(&th);
	root = doc_parse(&d, s, strlen(s), NULL);
	lay_init(&L, &d, &th, &fake, NULL);
	cr_assert_eq(lay_run(&L, root), 0);
	cr_assert_eq(L.npages, 3);
	a = lay_anchor_find(L.anch, L.capanch, "b");
	cr_assert_not_null(a);
	cr_assert_eq(a->page, 3);
	lay_free(&L);
	doc_free(root);
	pdf_theme_free(&th);
	diag_free(&d);
}

Test(theme, parse_errors_and_values)
{
	struct pdf_theme th;
	struct diag d;
	const char *text = "# comment\n"
	    "page.margin-top = 20mm\n"
	    "size.bdy = 12\n"
	    "color.text = red\n"
	    "no equals sign\n"
	    "text.justify = no\n"
	    "text.line-start-bracket = half\n"
	    "text.line-start-bracket = quarter\n";

	diag_init(&d);
	pdf_theme_default(&th);
	cr_assert_eq(pdf_theme_parse(&d, "t.conf", text, strlen(text), &th),
	    -1);
	cr_assert_float_eq(th.margin_top, 20 * 72 / 25.4, 1e-9);
	cr_assert_eq(th.justify, 0);
	cr_assert_eq(th.bracket_half, 1);
	cr_assert_eq(d.n, 4);
	cr_assert_eq(d.items[0].line, 3);
	cr_assert_str_eq(d.items[0].msg, "unknown theme key 'size.bdy'; did "
	    "you mean 'size.body'?");
	cr_assert_eq(d.items[1].line, 4);
	cr_assert_eq(d.items[1].col, 14);
	cr_assert_str_eq(d.items[1].msg, "color.text: expected a colour "
	    "#rrggbb, not 'red'");
	cr_assert_eq(d.items[2].line, 5);
	cr_assert_eq(d.items[3].line, 8);
	cr_assert_str_eq(d.items[3].msg, "text.line-start-bracket: expected "
	    "full or half, not 'quarter'");
	pdf_theme_free(&th);
	diag_free(&d);
}
