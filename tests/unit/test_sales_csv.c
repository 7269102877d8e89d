/*
 * test_sales_csv.c — Criterion tests of the sales CSV reader and value
 * parsers (src/sales/csv.c, data.c): RFC 4180 quoting, embedded commas,
 * quotes and newlines, BOM, GBK, positions in characters, limits, amounts,
 * dates, rounding.
 */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include "sales/sales_int.h"

static struct diag S_d;

static void
S_init(void)
{
	diag_init(&S_d);
}

static void
S_fini(void)
{
	diag_free(&S_d);
}

TestSuite(sales_csv, .init = S_init, .fini = S_fini);

/* Was an error containing needle reported at line:col? */
static int
has_diag(int line, int col, const char *needle)
{
	size_t i;

	for (i = 0; i < S_d.n; i++)
		if (S_d.items[i].line == line && S_d.items[i].col == col &&
		    strstr(S_d.items[i].msg, needle) != NULL)
			return 1;
	for (i = 0; i < S_d.n; i++)
		cr_log_error("%d:%d: %s", S_d.items[i].line, S_d.items[i].col,
		    S_d.items[i].msg);
	return 0;
}

static int
parse(const char *text, struct csv *c)
{
	return csv_parse(&S_d, "t.csv", text, strlen(text), c);
}

Test(sales_csv, rfc4180_quoting)
{
	struct csv c;

	cr_assert_eq(parse("a,b,c\r\n"
	    "1,\"x, y\",\"say \"\"hi\"\"\"\r\n"
	    "2,\"line one\r\nline two\",\r\n"
	    "3,,\"\"\n", &c), 0);
	cr_assert_eq(c.bad, 0);
	cr_assert_eq(c.nrows, 4);
	cr_assert_str_eq(c.rows[1].f[1].s, "x, y");
	cr_assert_str_eq(c.rows[1].f[2].s, "say \"hi\"");
	cr_assert_eq(c.rows[1].f[2].col, 10);
	cr_assert_str_eq(c.rows[2].f[1].s, "line one\nline two");
	cr_assert_eq(c.rows[2].nf, 3);
	cr_assert_str_eq(c.rows[2].f[2].s, "");
	/* The record after a quoted newline starts on line 5. */
	cr_assert_eq(c.rows[3].line, 5);
	cr_assert_eq(c.rows[3].f[2].quoted, 1);
	cr_assert_eq(S_d.n, 0);
	csv_free(&c);
}

Test(sales_csv, columns_in_characters_and_trim)
{
	struct csv c;

	cr_assert_eq(parse("名字,类型\n张三丰,  visit \n", &c), 0);
	cr_assert_str_eq(c.rows[1].f[1].s, "visit");
	cr_assert_eq(c.rows[1].f[1].col, 7);	/* 张三丰, + 2 spaces */
	cr_assert_eq(c.rows[1].f[0].col, 1);
	cr_assert_eq(c.rows[1].endcol, 13);
	csv_free(&c);
}

Test(sales_csv, blank_lines_skipped_no_final_newline)
{
	struct csv c;

	cr_assert_eq(parse("a,b\n\n1,2\n,\n3,4", &c), 0);
	cr_assert_eq(c.nrows, 3);
	cr_assert_eq(c.rows[1].line, 3);
	cr_assert_eq(c.rows[2].line, 5);
	cr_assert_str_eq(c.rows[2].f[1].s, "4");
	csv_free(&c);
}

Test(sales_csv, syntax_errors)
{
	struct csv c;

	cr_assert_eq(parse("a,b\n"
	    "1,\"x\"y\n"			/* 2:6 text after quote */
	    "2,ab\"c\n"				/* 3:5 quote in field */
	    "3,ok\n"
	    "4,x\ry\n", &c), 0);		/* 5:4 bare CR */
	cr_assert_eq(c.bad, 1);
	cr_assert(has_diag(2, 6, "text after the closing quote"));
	cr_assert(has_diag(3, 5, "quote in an unquoted field"));
	cr_assert(has_diag(5, 4, "carriage return without a line feed"));
	/* Good rows are kept; bad ones left out (and reported). */
	cr_assert_eq(c.nrows, 2);
	cr_assert_str_eq(c.rows[1].f[0].s, "3");
	csv_free(&c);
}

Test(sales_csv, unterminated_quote)
{
	struct csv c;

	cr_assert_eq(parse("a,b\n1,ok\n2,\"never\nclosed\n", &c), -1);
	cr_assert(has_diag(3, 3, "quoted field is never closed"));
	csv_free(&c);
}

Test(sales_csv, field_limit)
{
	struct csv c;
	struct buf b = BUF_INIT;
	int i;

	buf_puts(&b, "a\n\"");
	for (i = 0; i <= SALES_MAX_FIELD; i++)
		buf_putc(&b, 'x');
	buf_puts(&b, "\"\n");
	cr_assert_eq(csv_parse(&S_d, "t.csv", b.data, b.len, &c), -1);
	cr_assert(has_diag(2, 1, "field longer than 4096 bytes (limit)"));
	csv_free(&c);
	buf_free(&b);
}

Test(sales_csv, column_limit)
{
	struct csv c;
	struct buf b = BUF_INIT;
	int i;

	for (i = 0; i <= SALES_MAX_COLS; i++)
		buf_puts(&b, i ? ",x" : "x");
	buf_putc(&b, '\n');
	cr_assert_eq(csv_parse(&S_d, "t.csv", b.data, b.len, &c), 0);
	cr_assert(has_diag(1, 65, "more than 32 fields in a row (limit)"));
	csv_free(&c);
	buf_free(&b);
}

Test(sales_csv, decode_bom_and_utf8)
{
	char *out;
	size_t len;

	cr_assert_eq(csv_decode(&S_d, "t.csv", NULL, "t.gbk.csv",
	    "\xEF\xBB\xBF" "a,b\n", 7, &out, &len), 0);
	cr_assert_str_eq(out, "a,b\n");
	cr_assert_eq(len, 4);
	free(out);
	/* Bad UTF-8 that is not GBK either. */
	cr_assert_eq(csv_decode(&S_d, "t.csv", NULL, "t.gbk.csv",
	    "a,b\n1,\xFF\xFF\n", 8, &out, &len), -1);
	cr_assert(has_diag(2, 3, "not UTF-8 (byte 0xFF); export the file as "
	    "\"CSV UTF-8\", or if it is GBK, declare it by renaming it to "
	    "t.gbk.csv"));
}

Test(sales_csv, decode_gbk)
{
	/* "姓名,张三\n" in GBK: D0D5 C3FB 2C D5C5 C8FD 0A. */
	static const char gbk[] = "\xD0\xD5\xC3\xFB,\xD5\xC5\xC8\xFD\n";
	char *out;
	size_t len;

	cr_assert_eq(csv_decode(&S_d, "t.gbk.csv", "GBK", "t.gbk.csv", gbk,
	    sizeof(gbk) - 1, &out, &len), 0);
	cr_assert_str_eq(out, "姓名,张三\n");
	free(out);
	/* Undeclared: reported at the first GBK byte, with the fix. */
	cr_assert_eq(csv_decode(&S_d, "t.csv", NULL, "t.gbk.csv", gbk,
	    sizeof(gbk) - 1, &out, &len), -1);
	cr_assert(has_diag(1, 1, "it looks like a GBK export: declare it by "
	    "renaming the file to t.gbk.csv, or convert it with iconv -f GBK "
	    "-t UTF-8"));
	/* Declared GBK but not GBK: position in characters. */
	cr_assert_eq(csv_decode(&S_d, "t.gbk.csv", "GBK", "t.gbk.csv",
	    "a,b\n\xD5\xC5,\xFF\n", 9, &out, &len), -1);
	cr_assert(has_diag(2, 3, "not valid GBK (byte 0xFF)"));
	/* A UTF-8 BOM in a file declared GBK. */
	cr_assert_eq(csv_decode(&S_d, "t.gbk.csv", "GBK", "t.gbk.csv",
	    "\xEF\xBB\xBF" "a\n", 5, &out, &len), -1);
	cr_assert(has_diag(1, 1, "byte-order mark but its name declares GBK"));
}

Test(sales_csv, decode_utf16_and_nul)
{
	char *out;
	size_t len;

	cr_assert_eq(csv_decode(&S_d, "t.csv", NULL, "t.gbk.csv",
	    "\xFF\xFE" "a\0", 4, &out, &len), -1);
	cr_assert(has_diag(1, 1, "the file is UTF-16"));
	cr_assert_eq(csv_decode(&S_d, "t.csv", NULL, "t.gbk.csv",
	    "a,b\nc,\0\n", 8, &out, &len), -1);
	cr_assert(has_diag(2, 3, "NUL byte"));
}

Test(sales_csv, money)
{
	int64_t f;
	size_t bad;

	cr_assert_eq(money_parse("128000.00", 9, &f, &bad), MONEY_OK);
	cr_assert_eq(f, 12800000);
	cr_assert_eq(money_parse("99999.99", 8, &f, &bad), MONEY_OK);
	cr_assert_eq(f, 9999999);
	cr_assert_eq(money_parse("5", 1, &f, &bad), MONEY_OK);
	cr_assert_eq(f, 500);
	cr_assert_eq(money_parse("5.5", 3, &f, &bad), MONEY_OK);
	cr_assert_eq(f, 550);
	cr_assert_eq(money_parse("", 0, &f, &bad), MONEY_EMPTY);
	cr_assert_eq(money_parse("-1.00", 5, &f, &bad), MONEY_NEG);
	cr_assert_eq(money_parse("1.005", 5, &f, &bad), MONEY_DECIMALS);
	cr_assert_eq(bad, 4);
	cr_assert_eq(money_parse("100,000.00", 10, &f, &bad), MONEY_SEP);
	cr_assert_eq(bad, 3);
	cr_assert_eq(money_parse("1.", 2, &f, &bad), MONEY_SYNTAX);
	cr_assert_eq(money_parse("¥100", 5, &f, &bad), MONEY_SYNTAX);
	cr_assert_eq(money_parse("12a", 3, &f, &bad), MONEY_SYNTAX);
	cr_assert_eq(bad, 2);
	cr_assert_eq(money_parse("1000000000.00", 13, &f, &bad), MONEY_OK);
	cr_assert_eq(money_parse("1000000000.01", 13, &f, &bad), MONEY_RANGE);
	cr_assert_eq(money_parse("99999999999999999999999", 23, &f, &bad),
	    MONEY_RANGE);
}

Test(sales_csv, dates_and_months)
{
	cr_assert_eq(date_parse("2026-10-31", 10), 20261031);
	cr_assert_eq(date_parse("2026-09-31", 10), -1);
	cr_assert_eq(date_parse("2028-02-29", 10), 20280229);
	cr_assert_eq(date_parse("2026-02-29", 10), -1);
	cr_assert_eq(date_parse("2026/10/01", 10), -1);
	cr_assert_eq(date_parse("2026-10-1", 9), -1);
	cr_assert_eq(month_parse("2026-10", 7), 202610);
	cr_assert_eq(month_parse("2026-13", 7), -1);
	cr_assert_eq(month_add(202601, -1), 202512);
	cr_assert_eq(month_add(202610, -5), 202605);
	cr_assert_eq(month_add(202612, 1), 202701);
	cr_assert_eq(month_days(202602), 28);
	cr_assert_eq(month_days(200002), 29);
	cr_assert_eq(month_days(210002), 28);
}

Test(sales_csv, rounding)
{
	char s[32];

	/* Half-up (away from zero) at exactly one half. */
	cr_assert_eq(div_round(5, 10), 1);
	cr_assert_eq(div_round(4, 10), 0);
	cr_assert_eq(div_round(-5, 10), -1);
	cr_assert_eq(div_round((i128)9999999 * 15000, 1000000), 150000);
	cr_assert_eq(div_round((i128)100000 * 20, 31), 64516);
	cr_assert_str_eq(ppm_str(s, 15000), "1.5%");
	cr_assert_str_eq(ppm_str(s, 20000), "2%");
	cr_assert_str_eq(ppm_str(s, 1100000), "110%");
	cr_assert_str_eq(ppm_str(s, 12345), "1.2345%");
}
