/*
 * test_linebreak.c — break opportunities for Chinese and mixed text:
 * UAX #14 plus kinsoku, checked as exact marked-up strings ("|" where a
 * line may break, "!" where it must), and the character classes.
 */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include "util/util.h"
#include "pdf/linebreak.h"

/* s with "|" after each character a line may break after, "!" after a
 * mandatory break; caller frees. */
static char *
marked(const char *s)
{
	struct buf b = BUF_INIT;
	size_t n = strlen(s), i, j;
	char *brk = xmalloc(n + 1);

	lb_breaks(s, n, brk);
	for (i = 0; i < n; i = j) {
		cr_assert_neq(brk[i], LB_INSIDE, "byte %zu", i);
		for (j = i + 1; j < n && brk[j] == LB_INSIDE; j++)
			;
		buf_put(&b, s + i, j - i);
		if (brk[i] == LB_ALLOW)
			buf_putc(&b, '|');
		else if (brk[i] == LB_MUST)
			buf_putc(&b, '!');
	}
	free(brk);
	buf_putc(&b, '\0');
	return buf_detach(&b);
}

#define CHECK(in, want) do {					\
	char *got_ = marked(in);				\
	cr_assert_str_eq(got_, want);				\
	free(got_);						\
} while (0)

Test(linebreak, chinese_between_han_not_before_closing)
{
	CHECK("岗位说明书：销售经理负责华东区域的客户开发（含新客户），"
	    "目标完成率120%。",
	    "岗|位|说|明|书：|销|售|经|理|负|责|华|东|区|域|的|客|户|开|发|"
	    "（含|新|客|户），|目|标|完|成|率|120%。!");
}

Test(linebreak, latin_words_and_numbers_whole)
{
	CHECK("使用 Excel 2016 制作报表，季度目标 3.5 亿元",
	    "使|用 |Excel |2016 |制|作|报|表，|季|度|目|标 |3.5 |亿|元!");
	CHECK("Hello world, foo-bar 中文English混排",
	    "Hello |world, |foo-|bar |中|文|English|混|排!");
}

Test(linebreak, kinsoku_quotes_dashes_ellipsis)
{
	/* UAX #14 alone would allow a break before “……” and “——”. */
	CHECK("“季度总结”……等——完成",
	    "“季|度|总|结”……|等——|完|成!");
	CHECK("《岗位说明书》「职责」『权限』【附录】〔注〕",
	    "《岗|位|说|明|书》|「职|责」|『权|限』|【附|录】|〔注〕!");
	/* ASCII closing marks after Han, percent, middle dot. */
	CHECK("增长20%，张·三)说", "增|长|20%，|张·|三)|说!");
	CHECK("见(附件)与[表]", "见|(附|件)|与|[表]!");
}

Test(linebreak, newline_is_mandatory_end_of_text)
{
	CHECK("甲\n乙", "甲\n!乙!");
	CHECK("a", "a!");
}

Test(linebreak, invalid_utf8_one_char_per_byte)
{
	char brk[5];

	lb_breaks("\xFF\xFE中", 5, brk);
	cr_assert_neq(brk[0], LB_INSIDE);
	cr_assert_neq(brk[1], LB_INSIDE);
	cr_assert_neq(brk[2], LB_INSIDE);
	cr_assert_eq(brk[3], LB_INSIDE);
	cr_assert_eq(brk[4], LB_INSIDE);
	cr_assert_eq(brk[2], LB_MUST);
}

Test(linebreak, classes)
{
	cr_assert(lb_is_cjk(0x4E2D));		/* 中 */
	cr_assert(lb_is_cjk(0x3002));		/* 。 */
	cr_assert(lb_is_cjk(0xFF0C));		/* ， */
	cr_assert(lb_is_cjk(0x30A2));		/* ア */
	cr_assert(lb_is_cjk(0x20BB7));		/* 𠮷 */
	cr_assert(!lb_is_cjk('a'));
	cr_assert(!lb_is_cjk(0x201C));		/* “ (shared with Latin) */
	cr_assert(lb_no_start(0x3002) && lb_no_start(0xFF09) &&
	    lb_no_start(0x2026) && lb_no_start('%') && lb_no_start(0x300B));
	cr_assert(!lb_no_start(0x4E2D) && !lb_no_start(0xFF08));
	cr_assert(lb_no_end(0xFF08) && lb_no_end(0x300A) && lb_no_end('(') &&
	    lb_no_end(0x201C));
	cr_assert(!lb_no_end(0x3002) && !lb_no_end('a'));
	cr_assert_eq(lb_newline_is_space(0x4E2D, 0x6587), 0);	/* 中\n文 */
	cr_assert_eq(lb_newline_is_space(0x3002, 0x6587), 0);	/* 。\n文 */
	cr_assert_eq(lb_newline_is_space('a', 0x6587), 1);
	cr_assert_eq(lb_newline_is_space(0x4E2D, 'b'), 1);
	cr_assert_eq(lb_newline_is_space('a', 'b'), 1);
}

Test(linebreak, clreq_punctuation_classes)
{
	cr_assert_eq(lb_punct(0xFF08), LB_P_OPEN);	/* （ */
	cr_assert_eq(lb_punct(0x300C), LB_P_OPEN);	/* 「 */
	cr_assert_eq(lb_punct(0x201C), LB_P_OPEN);	/* “ */
	cr_assert_eq(lb_punct(0xFF09), LB_P_CLOSE);	/* ） */
	cr_assert_eq(lb_punct(0x300B), LB_P_CLOSE);	/* 》 */
	cr_assert_eq(lb_punct(0x2019), LB_P_CLOSE);	/* ’ */
	cr_assert_eq(lb_punct(0x3002), LB_P_STOP);	/* 。 */
	cr_assert_eq(lb_punct(0xFF0C), LB_P_STOP);	/* ， */
	cr_assert_eq(lb_punct(0x3001), LB_P_STOP);	/* 、 */
	cr_assert_eq(lb_punct(0xFF1A), LB_P_STOP);	/* ： */
	/* ！？ keep their full width; ——, …, letters are no marks */
	cr_assert_eq(lb_punct(0xFF01), LB_P_NONE);
	cr_assert_eq(lb_punct(0xFF1F), LB_P_NONE);
	cr_assert_eq(lb_punct(0x2014), LB_P_NONE);
	cr_assert_eq(lb_punct(0x2026), LB_P_NONE);
	cr_assert_eq(lb_punct(0x4E2D), LB_P_NONE);
	cr_assert_eq(lb_punct('('), LB_P_NONE);
	cr_assert_eq(lb_punct(0x301D), LB_P_NONE);	/* 〝 */
}

/* libunibreak 1.1 aborts on regional indicators (flag emoji) next to any
 * other character; the fuzzer found it.  A flag is one unbreakable pair. */
Test(linebreak, flag_emoji_regional_indicators)
{
	CHECK("中国🇨🇳旗", "中|国|🇨🇳|旗!");
	CHECK("🇨🇳🇺🇸", "🇨🇳|🇺🇸!");
	CHECK("a🇸", "a|🇸!");
}
