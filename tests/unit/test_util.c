/*
 * test_util.c — UTF-8 decoding and columns, the buffer, diagnostics order
 * and format, the canonical rich-text builder.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <errno.h>
#include <unistd.h>
#include "util/util.h"
#include "util/tally.h"
#include "util/diag.h"
#include "model/rich.h"
#include "model/model.h"

Test(utf8, decode_valid_and_invalid)
{
	uint32_t cp;

	cr_assert_eq(utf8_decode("\xe4\xb8\xad", 3, &cp), 3);
	cr_assert_eq(cp, 0x4E2D);
	cr_assert_eq(utf8_decode("\xc0\xaf", 2, &cp), 0);	/* over-long */
	cr_assert_eq(utf8_decode("\xed\xa0\x80", 3, &cp), 0);	/* surrogate */
	cr_assert_eq(utf8_decode("\xe4\xb8", 2, &cp), 0);	/* truncated */
	cr_assert_eq(utf8_decode("\xf0\x9f\x98\x80", 4, &cp), 4);
	cr_assert_eq(cp, 0x1F600);
}

/* Where a character is in its source, from an element's line:col. */
Test(utf8, find_cp_from_line_col)
{
	/* lines: 1 "a", 2 "1. 甲ꙮ乙ꙮ", 3 "   ꙮ", 4 "", 5 "ꙮ" */
	static const char s[] = "a\n1. \xE7\x94\xB2\xEA\x99\xAE\xE4\xB9\x99"
	    "\xEA\x99\xAE\n   \xEA\x99\xAE\n  \r\n\xEA\x99\xAE\n";
	long off;
	int line, col;

	off = utf8_find_cp(s, sizeof(s) - 1, 2, 4, 0xA66E, 0);
	cr_assert_geq(off, 0);
	utf8_linecol(s, (size_t)off, &line, &col);
	cr_assert(line == 2 && col == 5, "%d:%d", line, col);
	off = utf8_find_cp(s, sizeof(s) - 1, 2, 4, 0xA66E, 1);
	utf8_linecol(s, (size_t)off, &line, &col);
	cr_assert(line == 2 && col == 7, "%d:%d", line, col);
	/* a continuation line is searched */
	off = utf8_find_cp(s, sizeof(s) - 1, 2, 4, 0xA66E, 2);
	utf8_linecol(s, (size_t)off, &line, &col);
	cr_assert(line == 3 && col == 4, "%d:%d", line, col);
	/* a line of blanks ends the paragraph: the fourth is not found */
	cr_assert_eq(utf8_find_cp(s, sizeof(s) - 1, 2, 4, 0xA66E, 3), -1);
	/* from a column past the first: the second */
	off = utf8_find_cp(s, sizeof(s) - 1, 2, 6, 0xA66E, 0);
	utf8_linecol(s, (size_t)off, &line, &col);
	cr_assert(line == 2 && col == 7, "%d:%d", line, col);
	/* not there, a line past the end, line 0 */
	cr_assert_eq(utf8_find_cp(s, sizeof(s) - 1, 1, 1, 0x20BB7, 0), -1);
	cr_assert_eq(utf8_find_cp(s, sizeof(s) - 1, 9, 1, 0xA66E, 0), -1);
	cr_assert_eq(utf8_find_cp(s, sizeof(s) - 1, 0, 1, 0xA66E, 0), -1);
}

Test(utf8, invalid_points_at_bad_byte)
{
	const char s[] = "岗位\xff说明";

	cr_assert_eq(utf8_invalid(s, sizeof(s) - 1), s + 6);
	cr_assert_null(utf8_invalid("岗位说明", strlen("岗位说明")));
}

/* The fast paths (ASCII eight bytes at a time, CJK three-byte forms) find
 * a bad byte at every offset, and accept what utf8_decode accepts. */
Test(utf8, invalid_at_every_offset)
{
	char s[64];
	size_t i, n = 40;

	for (i = 0; i < n; i++) {
		memset(s, 'a', n);
		s[i] = (char)0xff;
		cr_assert_eq(utf8_invalid(s, n), s + i, "offset %zu", i);
	}
	memset(s, 'a', n);
	cr_assert_null(utf8_invalid(s, n));
	memcpy(s + 17, "中", 3);
	cr_assert_null(utf8_invalid(s, n));
	memcpy(s + 30, "\xed\xa0\x80", 3);		/* a surrogate */
	cr_assert_eq(utf8_invalid(s, n), s + 30);
	memcpy(s + 30, "\xe4\xb8", 2);		/* truncated by the end */
	cr_assert_eq(utf8_invalid(s, 32), s + 30);
}

Test(utf8, blanks_both_ends)
{
	/* space, tab, U+3000, U+00A0; nothing else */
	const char *s = " \t\xE3\x80\x80\xC2\xA0x\xC2\xA0\xE3\x80\x80\t ";
	size_t n = strlen(s);

	cr_assert_eq(utf8_blank_len(s, n), 7);
	cr_assert_eq(utf8_blank_rlen(s, n), 7);
	cr_assert_eq(utf8_blank_len(s, 3), 2);		/* U+3000 cut short */
	cr_assert_eq(utf8_blank_rlen(s, 6), 0);		/* ends in half an NBSP */
	cr_assert_eq(utf8_blank_rlen(s, 5), 5);
	cr_assert_eq(utf8_blank_len("", 0), 0);
	cr_assert_eq(utf8_blank_rlen("", 0), 0);
	cr_assert_eq(utf8_blank_len("\n x", 3), 0);	/* a newline is not one */
	cr_assert_eq(utf8_blank_rlen("x\r", 2), 0);
	/* U+3001 and U+00A1 share the first bytes */
	cr_assert_eq(utf8_blank_len("\xE3\x80\x81 ", 4), 0);
	cr_assert_eq(utf8_blank_rlen(" \xC2\xA1", 3), 0);
	cr_assert_eq(utf8_blank_len("  ", 2), 2);		/* all blanks */
	cr_assert_eq(utf8_blank_rlen("  ", 2), 2);
}

Test(utf8, columns_count_characters)
{
	const char t[] = "ab\n岗位说明书 x";
	int line, col;

	utf8_linecol(t, strlen("ab\n岗位说明书 "), &line, &col);
	cr_assert_eq(line, 2);
	cr_assert_eq(col, 7);
	/* byte column 10 on "岗位说明书" is the 4th character */
	cr_assert_eq(utf8_bytecol_to_col("岗位说明书", 10), 4);
}

/* The fast count for valid text gives what the general one gives, at
 * every character start of lines mixing 1- to 4-byte characters, across
 * 8-byte words, and past the end of the line. */
Test(utf8, valid_columns_match_general)
{
	static const char *const lines[] = {
		"岗位说明书 x {share=10 frequency=每月}",
		"aé€😀b岗位 é𝄞cdefghij，。ab\nnext line 岗位",
		"", "x", "0123456789abcdef",
	};
	size_t i;
	int b, n;

	for (i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		n = (int)strlen(lines[i]) + 3;
		for (b = 0; b <= n; b++)
			if (b < 1 || b > n - 3 ||
			    ((unsigned char)lines[i][b - 1] & 0xC0) != 0x80)
				cr_assert_eq(utf8_bytecol_to_col_valid(lines[i],
				    b), utf8_bytecol_to_col(lines[i], b),
				    "line %zu byte column %d", i, b);
	}
	cr_assert_eq(utf8_bytecol_to_col_valid("岗位说明书", 10), 4);
	cr_assert_eq(utf8_bytecol_to_col_valid("ab\n岗位", 9), 3);
}

/* Incremental columns give what the one-off count gives, asked in any
 * order (forward, backward, jumping) on a line longer than several
 * UTF8_COLS_STEP chunks of mixed 1- to 4-byte characters, past its end,
 * and across lines. */
Test(utf8, incremental_columns_match)
{
	static const char *const piece[] = { "a", "é", "岗", "😀", " ", "€" };
	struct utf8_cols cc;
	struct buf b = BUF_INIT;
	size_t i, n;
	int bc, k;
	char *line;

	for (i = 0; b.len < 5 * UTF8_COLS_STEP + 100; i++)
		buf_puts(&b, piece[(i * 7 + i / 3) % 6]);
	buf_puts(&b, "\nnext 岗位");
	line = b.data;
	n = strchr(line, '\n') - line;
	memset(&cc, 0, sizeof(cc));
	for (k = 0; k < 3000; k++) {
		/* forward, then backward, then scattered */
		bc = k < 1000 ? k * 23 : k < 2000 ? (int)n + 50 - (k - 1000) * 23 :
		    (int)((k * 2654435761u) % (n + 40));
		if (bc < 1)
			bc = 1;
		while (bc > 1 && (size_t)bc <= n &&
		    ((unsigned char)line[bc - 1] & 0xC0) == 0x80)
			bc--;
		cr_assert_eq(utf8_col_valid(&cc, line, bc),
		    utf8_bytecol_to_col(line, bc), "byte column %d", bc);
	}
	/* another line resets the marks */
	cr_assert_eq(utf8_col_valid(&cc, line + n + 1, 9), 7);
	cr_assert_eq(utf8_col_valid(&cc, line, 1 + (int)strlen(piece[0])), 2);
	utf8_cols_free(&cc);
	buf_free(&b);
}

Test(buf, grows_and_detaches)
{
	struct buf b = BUF_INIT;
	char *s;
	int i;

	for (i = 0; i < 1000; i++)
		buf_printf(&b, "%d,", i % 10);
	cr_assert_eq(b.len, 2000);
	buf_put_utf8(&b, 0x5C97);
	cr_assert_eq(b.len, 2003);
	cr_assert_str_eq(b.data + 2000, "岗");
	s = buf_detach(&b);
	cr_assert_null(b.data);
	free(s);
}

Test(diag, sorted_by_file_line_col_and_exit_codes)
{
	struct diag d;
	char *out = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&out, &n);

	diag_init(&d);
	diag_at(&d, DIAG_ERROR, "b.md", 3, 1, "third");
	diag_at(&d, DIAG_WARNING, "a.md", 9, 2, "second");
	diag_at(&d, DIAG_ERROR, "a.md", 2, 5, "first");
	cr_assert_eq(diag_exit_code(&d), 1);
	diag_flush(&d, f);
	fclose(f);
	cr_assert_str_eq(out, "a.md:2:5: error: first\n"
	    "a.md:9:2: warning: second\n"
	    "b.md:3:1: error: third\n");
	free(out);
	diag_free(&d);
}

Test(diag, werror_and_json)
{
	struct diag d;
	char *out = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&out, &n);

	diag_init(&d);
	d.werror = 1;
	d.format = DIAG_JSON;
	diag_at(&d, DIAG_WARNING, "x\".md", 1, 2, "say \"hi\"");
	cr_assert_eq(diag_exit_code(&d), 1);
	diag_flush(&d, f);
	fclose(f);
	cr_assert_str_eq(out, "[\n {\"file\": \"x\\\".md\", \"line\": 1, "
	    "\"column\": 2, \"severity\": \"error\", \"message\": "
	    "\"say \\\"hi\\\"\"}\n]\n");
	free(out);
	diag_free(&d);
}

/* issue 17, finding 9: nothing a terminal acts on reaches it in text mode */
Test(diag, text_mode_escapes_controls)
{
	struct diag d;
	char *out = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&out, &n);

	diag_init(&d);
	diag_at(&d, DIAG_WARNING, "roles/\x1b[2Jx.md", 1, 2, "key '\x1b]0;t\x07"
	    "' \xc2\x9b" "1m \xff\x7f 岗位\ttab\nnl \\x1b");
	diag_flush(&d, f);
	fclose(f);
	cr_assert_str_eq(out, "roles/\\x1b[2Jx.md:1:2: warning: key "
	    "'\\x1b]0;t\\x07' \\u009b1m \\xff\\x7f 岗位\\x09tab\\x0anl "
	    "\\x1b\n");
	free(out);
	diag_free(&d);
}

Test(diag, fatal_exits_2)
{
	struct diag d;

	diag_init(&d);
	diag_at(&d, DIAG_ERROR, "a", 1, 1, "e");
	diag_at(&d, DIAG_FATAL, NULL, 0, 0, "f");
	cr_assert_eq(diag_exit_code(&d), 2);
	diag_free(&d);
}

/* At the cap, the last slot says recording stopped, as an error at the
 * place of the first item that did not fit; nothing is recorded after it
 * but everything is counted; diag_full() says so.  The same holds when
 * loader diagnostics are merged. */
Test(diag, cap_stops_with_an_error)
{
	struct diag d, f;
	char *out = NULL;
	size_t len = 0;
	FILE *fp;
	int i;

	diag_init(&d);
	d.max = 5;
	for (i = 1; i <= 4; i++) {
		cr_assert(!diag_full(&d));
		diag_at(&d, DIAG_WARNING, "a.md", i, 1, "w%d", i);
	}
	cr_assert(!diag_full(&d));
	diag_at(&d, DIAG_WARNING, "a.md", 9, 3, "w5");
	cr_assert(diag_full(&d));
	diag_at(&d, DIAG_WARNING, "a.md", 10, 1, "w6");
	cr_assert_eq(d.n, 5);
	cr_assert_eq(d.nwarn, 6);
	cr_assert_eq(d.nerr, 1);
	cr_assert_eq(diag_exit_code(&d), 1);
	fp = open_memstream(&out, &len);
	diag_flush(&d, fp);
	fclose(fp);
	cr_assert_str_eq(out, "a.md:1:1: warning: w1\na.md:2:1: warning: w2\n"
	    "a.md:3:1: warning: w3\na.md:4:1: warning: w4\n"
	    "a.md:9:3: error: too many diagnostics (5 are recorded at most): "
	    "stopped here; fix these first\n");
	free(out);
	diag_free(&d);

	diag_init(&d);
	diag_init(&f);
	d.max = f.max = 4;
	diag_at(&d, DIAG_ERROR, "a.md", 1, 1, "e1");
	diag_at(&f, DIAG_ERROR, "b.md", 1, 1, "e2");
	diag_at(&f, DIAG_ERROR, "b.md", 2, 1, "e3");
	diag_at(&f, DIAG_ERROR, "b.md", 3, 1, "e4");
	diag_merge(&d, &f);
	cr_assert(diag_full(&d));
	cr_assert_eq(d.n, 4);
	cr_assert_eq(d.nerr, 5);
	cr_assert_str_eq(d.items[3].msg, "too many diagnostics (4 are "
	    "recorded at most): stopped here; fix these first");
	cr_assert_eq(d.items[3].line, 3);
	diag_free(&d);
	diag_free(&f);
}

Test(rich, folds_space_and_drops_cjk_newline)
{
	struct rich r;
	char *s;

	rich_init(&r);
	rich_text(&r, "  负责客户\n开发，  ERP\nand CRM ", strlen("  负责客户\n开发，  ERP\nand CRM "));
	s = rich_finish(&r);
	cr_assert_str_eq(s, "负责客户开发， ERP and CRM");
	free(s);
}

Test(rich, escapes_and_inline_elements)
{
	struct rich r;
	char *s;

	rich_init(&r);
	rich_text(&r, "a <b> & ", 8);
	rich_open(&r, "em", NULL);
	rich_text(&r, "重点", strlen("重点"));
	rich_close(&r, "em");
	rich_text(&r, " see ", 5);
	rich_open(&r, "a", "https://x.test/?a=1&b=\"2\"");
	rich_text(&r, "link", 4);
	rich_close(&r, "a");
	s = rich_finish(&r);
	cr_assert_str_eq(s, "a &lt;b&gt; &amp; <em>重点</em> see "
	    "<a href=\"https://x.test/?a=1&amp;b=&quot;2&quot;\">link</a>");
	free(s);
}

Test(rich, block_whitespace_dropped)
{
	struct rich r;
	char *s;

	rich_init(&r);
	rich_text(&r, "\n  ", 3);
	rich_open(&r, "p", NULL);
	rich_text(&r, " 第一段 ", strlen(" 第一段 "));
	rich_close(&r, "p");
	rich_text(&r, "\n  ", 3);
	rich_open(&r, "p", NULL);
	rich_text(&r, "二", strlen("二"));
	rich_close(&r, "p");
	s = rich_finish(&r);
	cr_assert_str_eq(s, "<p>第一段</p><p>二</p>");
	free(s);
}

Test(model, enum_aliases)
{
	cr_assert_eq(rb_freq_parse("每周", strlen("每周")), RB_FREQ_WEEKLY);
	cr_assert_eq(rb_freq_parse("Monthly", 7), RB_FREQ_MONTHLY);
	cr_assert_eq(rb_freq_parse("每两周", strlen("每两周")), -1);
	cr_assert_eq(rb_qualkind_parse("学历", strlen("学历")),
	    RB_QUAL_EDUCATION);
	cr_assert_eq(rb_relkind_parse("所施监督", strlen("所施监督")),
	    RB_REL_SUPERVISES);
	cr_assert(rb_id_valid("sales-manager", 13));
	cr_assert(rb_id_valid("Sales", 5));
	cr_assert(rb_id_valid("业务员", strlen("业务员")));
	cr_assert(rb_id_valid("sales_2", 7));
	cr_assert(rb_id_valid("Ünal-ş", strlen("Ünal-ş")));
	cr_assert_not(rb_id_valid("a/b", 3));
	cr_assert_not(rb_id_valid("a\\b", 3));
	cr_assert_not(rb_id_valid("..", 2));
	cr_assert_not(rb_id_valid(".x", 2));
	cr_assert_not(rb_id_valid("a b", 3));
	cr_assert_not(rb_id_valid("a\tb", 3));
	cr_assert_not(rb_id_valid("业务、员", strlen("业务、员")));
	cr_assert_not(rb_id_valid("业务　员", strlen("业务　员")));
	cr_assert_not(rb_id_valid("\xff", 1));
	cr_assert_not(rb_id_valid("-x", 2));
}

Test(file, atomic_write_keeps_identical_file_untouched)
{
	char dir[] = "/tmp/rbtestXXXXXX", *path, *data;
	size_t len;

	cr_assert_not_null(mkdtemp(dir));
	path = xasprintf("%s/a/b/out.txt", dir);
	*strrchr(path, '/') = '\0';
	cr_assert_eq(mkdir_p(path), 0);
	path[strlen(path)] = '/';
	cr_assert_eq(file_write_atomic(path, "hello", 5), 1);
	cr_assert_eq(file_write_atomic(path, "hello", 5), 0);
	cr_assert_eq(file_write_atomic(path, "world!", 6), 1);
	cr_assert_eq(file_read(path, 0, &data, &len), 0);
	cr_assert_eq(len, 6);
	cr_assert_str_eq(data, "world!");
	free(data);
	unlink(path);
	free(path);
}

/* The summary line of build and report (src/util/tally.c). */
Test(tally, summary_line)
{
	struct tally t;
	struct buf b = BUF_INIT;
	size_t i;

	memset(&t, 0, sizeof(t));
	for (i = 0; i < 1013; i++)
		tally_file(&t, "roles/x.html", 1);
	for (i = 0; i < 27; i++)
		tally_file(&t, "roles/x.pdf", 1);
	tally_file(&t, "a.pdf", 0);
	tally_file(&t, "b.html", 0);
	tally_file(&t, "style.css", 0);
	tally_file(NULL, "ignored.html", 1);
	tally_line(&t, 0.8449, &b);
	cr_assert_str_eq(b.data, "rolebook: 1,013 pages, 27 PDFs written "
	    "(3 unchanged) in 0.84 s\n");
	buf_reset(&b);
	memset(&t, 0, sizeof(t));
	tally_file(&t, "reports/2026-10.html", 1);
	tally_file(&t, "reports/2026-10.pdf", 1);
	tally_file(&t, "reports/2026-10-pay.csv", 1);
	tally_file(&t, "reports/style.css", 1);
	tally_file(&t, "reports/2026-10-pay.xlsx", 1);
	tally_file(&t, "notes.txt", 1);
	tally_file(&t, "x.htm", 1);
	tally_line(&t, 12.3, &b);
	cr_assert_str_eq(b.data, "rolebook: 1 page, 1 PDF, 1 CSV file, "
	    "1 stylesheet, 1 workbook, 2 other files written in 12.30 s\n");
	buf_reset(&b);
	memset(&t, 0, sizeof(t));
	t.kept = 1234567;
	tally_line(&t, 0, &b);
	cr_assert_str_eq(b.data, "rolebook: nothing written (1,234,567 "
	    "unchanged) in 0.00 s\n");
	buf_free(&b);
}

/* --diagnostics=github: workflow commands escaped as GitHub's toolkit does. */
Test(diag, github_commands)
{
	struct diag d;
	char *out = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&out, &n);

	diag_init(&d);
	d.format = DIAG_GITHUB;
	d.werror = 1;
	diag_at(&d, DIAG_ERROR, "a,b:c%.md", 3, 7, "50%% of 'x': a, b\r\nnext");
	diag_at(&d, DIAG_NOTE, "a,b:c%.md", 3, 7, "included here");
	diag_at(&d, DIAG_WARNING, "z.md", 9, 0, "warned");
	diag_at(&d, DIAG_FATAL, NULL, 0, 0, "no file");
	diag_flush(&d, f);
	fclose(f);
	cr_assert_str_eq(out,
	    "::error::no file\n"
	    "::error file=a%2Cb%3Ac%25.md,line=3,col=7::50%25 of 'x': a, b"
	    "%0D%0Anext\n"
	    "::notice file=a%2Cb%3Ac%25.md,line=3,col=7::included here\n"
	    "::error file=z.md,line=9::warned\n");
	free(out);
	diag_free(&d);
}

/* issue 17, finding 7: a symbolic link planted at the temporary name is
 * not written through; a leftover file there is replaced. */
Test(file, atomic_write_ignores_planted_temp)
{
	char dir[] = "/tmp/rbtestXXXXXX", *path, *tmp, *victim, *data;
	size_t len;
	struct stat st;

	cr_assert_not_null(mkdtemp(dir));
	path = xasprintf("%s/out.pdf", dir);
	tmp = xasprintf("%s.tmp.%ld", path, (long)getpid());
	victim = xasprintf("%s/victim", dir);
	cr_assert_eq(file_write_atomic(victim, "secret", 6), 1);
	cr_assert_eq(symlink(victim, tmp), 0);
	cr_assert_eq(file_write_atomic(path, "new", 3), 1);
	cr_assert_eq(file_read(victim, 0, &data, &len), 0);
	cr_assert_str_eq(data, "secret");		/* untouched */
	free(data);
	cr_assert_eq(lstat(path, &st), 0);
	cr_assert(S_ISREG(st.st_mode));			/* not the link */
	cr_assert_eq(file_read(path, 0, &data, &len), 0);
	cr_assert_str_eq(data, "new");
	free(data);
	cr_assert_eq(lstat(tmp, &st), -1);		/* nothing left */
	/* a leftover regular file at the name */
	cr_assert_eq(file_write_atomic(tmp, "old", 3), 1);
	cr_assert_eq(file_write_atomic(path, "newer", 5), 1);
	cr_assert_eq(file_read(path, 0, &data, &len), 0);
	cr_assert_str_eq(data, "newer");
	free(data);
	unlink(path);
	unlink(victim);
	rmdir(dir);
	free(path);
	free(tmp);
	free(victim);
}

/* issue 17, finding 8: content files are files */
Test(file, read_in_refuses_links_out_and_special_files)
{
	char dir[] = "/tmp/rbtestXXXXXX", *p, *data;
	const char *why;
	size_t len;

	cr_assert_not_null(mkdtemp(dir));
	p = xasprintf("%s/in.md", dir);
	cr_assert_eq(file_write_atomic(p, "x", 1), 1);
	free(p);
	p = xasprintf("%s/link-in.md", dir);
	cr_assert_eq(symlink("in.md", p), 0);
	cr_assert_eq(file_read_in(p, dir, 0, &data, &len, &why), 0);
	cr_assert_str_eq(data, "x");
	free(data);
	unlink(p);
	free(p);
	p = xasprintf("%s/leak.md", dir);
	cr_assert_eq(symlink("/etc/passwd", p), 0);
	cr_assert_eq(file_read_in(p, dir, 0, &data, &len, &why), -1);
	cr_assert_str_eq(why, "is a symbolic link leading out of the content "
	    "folder");
	unlink(p);
	free(p);
	p = xasprintf("%s/pipe.md", dir);
	cr_assert_eq(mkfifo(p, 0600), 0);
	cr_assert_eq(file_read_in(p, dir, 0, &data, &len, &why), -1);
	cr_assert_str_eq(why, "is not a regular file but a FIFO (named pipe)");
	cr_assert_eq(file_read(p, 0, &data, &len), -1);	/* no hang */
	unlink(p);
	free(p);
	cr_assert_eq(file_read_in("/dev/null", NULL, 0, &data, &len, &why), -1);
	cr_assert_str_eq(why, "is not a regular file but a device");
	cr_assert_eq(file_read_in(dir, NULL, 0, &data, &len, &why), -1);
	cr_assert_eq(errno, EISDIR);
	cr_assert_eq(file_read_in("/nonexistent/x", NULL, 0, &data, &len,
	    &why), -1);
	cr_assert_null(why);
	cr_assert_eq(errno, ENOENT);
	p = xasprintf("%s/in.md", dir);
	unlink(p);
	free(p);
	rmdir(dir);
}

/* GB18030 or Big5, by the common characters each gives. */
Test(cjk, gb18030_or_big5)
{
	/* 岗位职责 in GB18030; 崗位職責 in GB18030 (GBK holds it) and in
	 * Big5 (CP950) */
	const char gb[] = "\xB8\xDA\xCE\xBB\xD6\xB0\xD4\xF0",
	    gbt[] = "\x8D\x8F\xCE\xBB\xC2\x9A\xD8\x9F",
	    b5[] = "\xB1\x5E\xA6\xEC\xC2\xBE\xB3\x64";
	char *out;
	size_t n;
	int big5;

	cr_assert_eq(cjk_to_utf8(gb, sizeof(gb) - 1, &out, &n, NULL, &big5),
	    0);
	cr_assert_str_eq(out, "岗位职责");
	cr_assert_eq(big5, 0);
	free(out);
	cr_assert_eq(cjk_to_utf8(gbt, sizeof(gbt) - 1, &out, &n, NULL,
	    &big5), 0);
	cr_assert_str_eq(out, "崗位職責");
	cr_assert_eq(big5, 0);
	free(out);
	cr_assert_eq(cjk_to_utf8(b5, sizeof(b5) - 1, &out, &n, NULL, &big5),
	    0);
	cr_assert_str_eq(out, "崗位職責");
	cr_assert_eq(big5, 1);
	cr_assert_eq(n, strlen("崗位職責"));
	free(out);
}

/* Which one, for short texts too: a wrong reading's private-use
 * characters and bopomofo count against it, surnames for it. */
Test(cjk, guess)
{
	/* 李秀英 in Big5: as GB18030 '╭璣' and a private-use character */
	cr_assert_eq(cjk_guess("\xA7\xF5\xA8\x71\xAD\x5E", 6), CJK_BIG5);
	/* 劉洋 in Big5: as GB18030 '糂瑅' */
	cr_assert_eq(cjk_guess("\xBC\x42\xAC\x76", 4), CJK_BIG5);
	/* 1003,張偉,salesperson in Big5 */
	cr_assert_eq(cjk_guess("1003,\xB1\x69\xB0\xB6,salesperson", 21),
	    CJK_BIG5);
	/* （1）拜访； in GBK: as CP950 'ㄗ1ㄘ問溼˙' */
	cr_assert_eq(cjk_guess("\xA3\xA8" "1\xA3\xA9\xB0\xDD\xB7\xC3\xA3\xBB",
	    11), CJK_GB18030);
	/* 刘洋 in GBK */
	cr_assert_eq(cjk_guess("\xC1\xF5\xD1\xF3", 4), CJK_GB18030);
	/* neither */
	cr_assert_eq(cjk_guess("a\xFF\xFF", 3), CJK_NONE);
}
