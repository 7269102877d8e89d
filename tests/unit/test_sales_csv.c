/*
 * test_sales_csv.c — Criterion tests of the sales CSV reader and value
 * parsers (src/sales/csv.c, data.c): RFC 4180 quoting, embedded commas,
 * quotes and newlines, BOM, GBK, Big5, positions in characters, limits,
 * amounts, dates, rounding; headers and values in traditional characters.
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
	/* full-width spaces too, as a hand-typed file aligns columns */
	cr_assert_eq(parse("日期　,类型\n张三丰,　visit　\n", &c), 0);
	cr_assert_str_eq(c.rows[0].f[0].s, "日期");
	cr_assert_str_eq(c.rows[1].f[1].s, "visit");
	cr_assert_eq(c.rows[1].f[1].col, 6);	/* 张三丰, + U+3000 */
	cr_assert_str_eq(c.rows[1].f[0].s, "张三丰");
	csv_free(&c);
	/* and the no-break space a cell pasted from a web page keeps */
	cr_assert_eq(parse("日期,类型\n张三丰,\xC2\xA0visit\xC2\xA0\n", &c), 0);
	cr_assert_str_eq(c.rows[1].f[1].s, "visit");
	cr_assert_eq(c.rows[1].f[1].col, 6);
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

	cr_assert_eq(csv_decode(&S_d, "t.csv", NULL,
	    "\xEF\xBB\xBF" "a,b\n", 7, &out, &len), 0);
	cr_assert_str_eq(out, "a,b\n");
	cr_assert_eq(len, 4);
	free(out);
	/* Bad UTF-8 that is not GBK or Big5 either. */
	cr_assert_eq(csv_decode(&S_d, "t.csv", NULL,
	    "a,b\n1,\xFF\xFF\n", 8, &out, &len), -1);
	cr_assert(has_diag(2, 3, "neither UTF-8 nor GBK/GB18030 nor Big5 "
	    "(byte 0xFF); export the file as \"CSV UTF-8\""));
}

Test(sales_csv, decode_gbk)
{
	/* "姓名,张三\n" in GBK: D0D5 C3FB 2C D5C5 C8FD 0A. */
	static const char gbk[] = "\xD0\xD5\xC3\xFB,\xD5\xC5\xC8\xFD\n";
	/* "￥1,000元" in GB18030: A3A4 (full-width yen) … D4AA */
	static const char yen[] = "\xA3\xA4" "1,000\xD4\xAA";
	char *out;
	size_t len;

	cr_assert_eq(csv_decode(&S_d, "t.gbk.csv", "GBK", gbk,
	    sizeof(gbk) - 1, &out, &len), 0);
	cr_assert_str_eq(out, "姓名,张三\n");
	free(out);
	/* Undeclared: detected, the same text. */
	cr_assert_eq(csv_decode(&S_d, "t.csv", NULL, gbk, sizeof(gbk) - 1,
	    &out, &len), 0);
	cr_assert_str_eq(out, "姓名,张三\n");
	free(out);
	cr_assert_eq(csv_decode(&S_d, "t.csv", NULL, yen, sizeof(yen) - 1,
	    &out, &len), 0);
	cr_assert_str_eq(out, "￥1,000元");
	free(out);
	/* Declared GBK but not GBK: position in characters. */
	cr_assert_eq(csv_decode(&S_d, "t.gbk.csv", "GBK",
	    "a,b\n\xD5\xC5,\xFF\n", 9, &out, &len), -1);
	cr_assert(has_diag(2, 3, "not valid GBK (byte 0xFF)"));
	/* A UTF-8 BOM in a file declared GBK. */
	cr_assert_eq(csv_decode(&S_d, "t.gbk.csv", "GBK",
	    "\xEF\xBB\xBF" "a\n", 5, &out, &len), -1);
	cr_assert(has_diag(1, 1, "byte-order mark but its name declares GBK"));
}

Test(sales_csv, decode_big5)
{
	/* "姓名,張三\n" in Big5 (CP950): A96D A657 2C B169 A454 0A; as
	 * GB18030 it is "㎝" and private-use characters. */
	static const char b5[] = "\xA9\x6D\xA6\x57,\xB1\x69\xA4\x54\n";
	char *out;
	size_t len;

	/* Undeclared: read as Big5, with a warning at the file that names
	 * the declaring name. */
	cr_assert_eq(csv_decode(&S_d, "sales/2026-10/events.csv", NULL, b5,
	    sizeof(b5) - 1, &out, &len), 0);
	cr_assert_str_eq(out, "姓名,張三\n");
	cr_assert_eq(len, strlen("姓名,張三\n"));
	free(out);
	cr_assert_eq(S_d.n, 1);
	cr_assert_eq(S_d.items[0].level, DIAG_WARNING);
	cr_assert(has_diag(0, 0, "not UTF-8: read as Big5 (traditional "
	    "Chinese, as Excel in Taiwan and Hong Kong saves it); if the text "
	    "looks wrong, export the file as \"CSV UTF-8\"; if it is right, "
	    "rename the file events.big5.csv to say it is Big5"));
	/* Declared: the same text, no warning. */
	diag_free(&S_d);
	diag_init(&S_d);
	cr_assert_eq(csv_decode(&S_d, "t.big5.csv", "Big5", b5,
	    sizeof(b5) - 1, &out, &len), 0);
	cr_assert_str_eq(out, "姓名,張三\n");
	free(out);
	cr_assert_eq(S_d.n, 0);
	/* CP950, not plain Big5: the euro sign (A3E1) is read. */
	cr_assert_eq(csv_decode(&S_d, "t.big5.csv", "Big5", "\xA3\xE1" "1\n",
	    4, &out, &len), 0);
	cr_assert_str_eq(out, "€1\n");
	free(out);
	/* Declared Big5 but not Big5: position in characters. */
	cr_assert_eq(csv_decode(&S_d, "t.big5.csv", "Big5",
	    "a,b\n\xB1\x69,\xFF\n", 9, &out, &len), -1);
	cr_assert(has_diag(2, 3, "not valid Big5 (byte 0xFF); is the file "
	    "really Big5?"));
	/* A UTF-8 BOM in a file declared Big5. */
	cr_assert_eq(csv_decode(&S_d, "t.big5.csv", "Big5",
	    "\xEF\xBB\xBF" "a\n", 5, &out, &len), -1);
	cr_assert(has_diag(1, 1, "byte-order mark but its name declares "
	    "Big5"));
}

Test(sales_csv, decode_utf16_and_nul)
{
	char *out;
	size_t len;

	cr_assert_eq(csv_decode(&S_d, "t.csv", NULL,
	    "\xFF\xFE" "a\0", 4, &out, &len), -1);
	cr_assert(has_diag(1, 1, "the file is UTF-16"));
	cr_assert_eq(csv_decode(&S_d, "t.csv", NULL,
	    "a,b\nc,\0\n", 8, &out, &len), -1);
	cr_assert(has_diag(2, 3, "NUL byte"));
}

/* val_money_parse on a C string. */
static enum val_money
S_money(const char *s, int64_t *f, size_t *bad)
{
	return val_money_parse(s, strlen(s), f, bad);
}

Test(sales_csv, money)
{
	int64_t f;
	size_t bad;

	cr_assert_eq(S_money("128000.00", &f, &bad), VAL_MONEY_OK);
	cr_assert_eq(f, 12800000);
	cr_assert_eq(S_money("99999.99", &f, &bad), VAL_MONEY_OK);
	cr_assert_eq(f, 9999999);
	cr_assert_eq(S_money("5", &f, &bad), VAL_MONEY_OK);
	cr_assert_eq(f, 500);
	cr_assert_eq(S_money("5.5", &f, &bad), VAL_MONEY_OK);
	cr_assert_eq(f, 550);
	cr_assert_eq(S_money("", &f, &bad), VAL_MONEY_EMPTY);
	cr_assert_eq(S_money("-1.00", &f, &bad), VAL_MONEY_NEG);
	cr_assert_eq(S_money("1.005", &f, &bad), VAL_MONEY_DECIMALS);
	cr_assert_eq(bad, 4);
	/* exporters' forms */
	cr_assert_eq(S_money("100,000.00", &f, &bad), VAL_MONEY_OK);
	cr_assert_eq(f, 10000000);
	cr_assert_eq(S_money("1,234,567.5", &f, &bad), VAL_MONEY_OK);
	cr_assert_eq(f, 123456750);
	cr_assert_eq(S_money("¥100", &f, &bad), VAL_MONEY_OK);
	cr_assert_eq(f, 10000);
	cr_assert_eq(S_money("￥71,714.51", &f, &bad), VAL_MONEY_OK);
	cr_assert_eq(f, 7171451);
	cr_assert_eq(S_money("500元", &f, &bad), VAL_MONEY_OK);
	cr_assert_eq(f, 50000);
	cr_assert_eq(S_money("￥1,000.00元", &f, &bad), VAL_MONEY_OK);
	cr_assert_eq(f, 100000);
	/* separators out of place, signs alone, a sign in the middle */
	cr_assert_eq(S_money("1,00,000", &f, &bad), VAL_MONEY_SEP);
	cr_assert_eq(bad, 4);
	cr_assert_eq(S_money("1000,000", &f, &bad), VAL_MONEY_SEP);
	cr_assert_eq(bad, 4);
	cr_assert_eq(S_money("100,00.00", &f, &bad), VAL_MONEY_SEP);
	cr_assert_eq(S_money("100,0000", &f, &bad), VAL_MONEY_SEP);
	cr_assert_eq(S_money("1.000,00", &f, &bad), VAL_MONEY_DECIMALS);
	cr_assert_eq(S_money("¥", &f, &bad), VAL_MONEY_SYNTAX);
	cr_assert_eq(S_money("元", &f, &bad), VAL_MONEY_SYNTAX);
	cr_assert_eq(S_money("¥-5", &f, &bad), VAL_MONEY_NEG);
	cr_assert_eq(S_money("5元5", &f, &bad), VAL_MONEY_SYNTAX);
	cr_assert_eq(S_money("1.", &f, &bad), VAL_MONEY_SYNTAX);
	cr_assert_eq(S_money("$100", &f, &bad), VAL_MONEY_SYNTAX);
	cr_assert_eq(S_money("12a", &f, &bad), VAL_MONEY_SYNTAX);
	cr_assert_eq(bad, 2);
	/* blanks around the sign, the amount and 元, as Excel's accounting
	 * format writes them */
	cr_assert_eq(S_money(" ￥1,234.00 ", &f, &bad), VAL_MONEY_OK);
	cr_assert_eq(f, 123400);
	cr_assert_eq(S_money("￥ 1,234.00", &f, &bad), VAL_MONEY_OK);
	cr_assert_eq(f, 123400);
	cr_assert_eq(S_money("¥\xC2\xA0" "1,234.50", &f, &bad), VAL_MONEY_OK);
	cr_assert_eq(f, 123450);
	cr_assert_eq(S_money("1,234.00 元", &f, &bad), VAL_MONEY_OK);
	cr_assert_eq(f, 123400);
	cr_assert_eq(S_money("1234　元", &f, &bad), VAL_MONEY_OK);
	cr_assert_eq(f, 123400);
	cr_assert_eq(S_money(" ", &f, &bad), VAL_MONEY_SYNTAX);
	cr_assert_eq(S_money("￥ ", &f, &bad), VAL_MONEY_SYNTAX);
	cr_assert_eq(S_money("1 234.00", &f, &bad), VAL_MONEY_SYNTAX);
	cr_assert_eq(bad, 1);
	cr_assert_eq(S_money(" -5", &f, &bad), VAL_MONEY_NEG);
	cr_assert_eq(bad, 1);
	cr_assert_eq(S_money("1000000000.00", &f, &bad), VAL_MONEY_OK);
	cr_assert_eq(S_money("1,000,000,000.01", &f, &bad), VAL_MONEY_RANGE);
	cr_assert_eq(S_money("99999999999999999999999", &f, &bad),
	    VAL_MONEY_RANGE);
}

/* val_date_parse on a C string: the date, or -(the error). */
static int
S_date(const char *s)
{
	enum val_date e;
	int v;

	e = val_date_parse(s, strlen(s), &v);
	return e == VAL_DATE_OK ? v : -(int)e;
}

Test(sales_csv, dates_and_months)
{
	cr_assert_eq(S_date("2026-10-31"), 20261031);
	cr_assert_eq(S_date("2026-09-31"), -VAL_DATE_BAD);
	cr_assert_eq(S_date("2028-02-29"), 20280229);
	cr_assert_eq(S_date("2026-02-29"), -VAL_DATE_BAD);
	/* the forms exporters write */
	cr_assert_eq(S_date("2026-10-5"), 20261005);
	cr_assert_eq(S_date("2026/10/5"), 20261005);
	cr_assert_eq(S_date("2026/10/05"), 20261005);
	cr_assert_eq(S_date("2026.10.5"), 20261005);
	cr_assert_eq(S_date("2026年10月5日"), 20261005);
	cr_assert_eq(S_date("2026年1月31日"), 20260131);
	/* mixed separators, missing parts, day or month first */
	cr_assert_eq(S_date("2026/10-5"), -VAL_DATE_SYNTAX);
	cr_assert_eq(S_date("2026年10月5"), -VAL_DATE_SYNTAX);
	cr_assert_eq(S_date("2026-10"), -VAL_DATE_SYNTAX);
	cr_assert_eq(S_date("2026-100-5"), -VAL_DATE_SYNTAX);
	/* a time of day after the date, as Excel and CRMs write a
	 * date-time: read, and dropped */
	cr_assert_eq(S_date("2026-10-5 9:00"), 20261005);
	cr_assert_eq(S_date("2026/10/5 0:00"), 20261005);
	cr_assert_eq(S_date("2026-10-05 14:30:00"), 20261005);
	cr_assert_eq(S_date("2026-10-05T14:30:00.000"), 20261005);
	cr_assert_eq(S_date("2026年10月5日 09:15"), 20261005);
	cr_assert_eq(S_date("2026-10-5 24:00"), -VAL_DATE_SYNTAX);
	cr_assert_eq(S_date("2026-10-5 9:60"), -VAL_DATE_SYNTAX);
	cr_assert_eq(S_date("2026-10-5 9"), -VAL_DATE_SYNTAX);
	cr_assert_eq(S_date("2026-10-5 9:00 下午"), -VAL_DATE_SYNTAX);
	cr_assert_eq(S_date("2026-10-5T"), -VAL_DATE_SYNTAX);
	cr_assert_eq(S_date("2026-02-30 9:00"), -VAL_DATE_BAD);
	cr_assert_eq(S_date("5/10/2026"), -VAL_DATE_ORDER);
	cr_assert_eq(S_date("10-05-2026"), -VAL_DATE_ORDER);
	cr_assert_eq(S_date("2026/13/1"), -VAL_DATE_BAD);
	cr_assert_eq(S_date(""), -VAL_DATE_SYNTAX);
	cr_assert_eq(val_month_parse("2026-10", 7), 202610);
	cr_assert_eq(val_month_parse("2026-13", 7), -1);
	cr_assert_eq(val_month_add(202601, -1), 202512);
	cr_assert_eq(val_month_add(202610, -5), 202605);
	cr_assert_eq(val_month_add(202612, 1), 202701);
	cr_assert_eq(val_month_days(202602), 28);
	cr_assert_eq(val_month_days(200002), 29);
	cr_assert_eq(val_month_days(210002), 28);
}

Test(sales_csv, words)
{
	cr_assert_eq(val_ev_parse("visit", 5), EV_VISIT);
	cr_assert_eq(val_ev_parse("签单", strlen("签单")), EV_CONTRACT);
	cr_assert_eq(val_ev_parse("设计协议", strlen("设计协议")), EV_DESIGN);
	cr_assert_eq(val_ev_parse("邀约", strlen("邀约")), EV_INVITATION);
	cr_assert_eq(val_ev_parse("上门", strlen("上门")), EV_VISIT);
	cr_assert_eq(val_ev_parse("Visit", 5), -1);
	cr_assert_eq(val_inc_parse("手机停机", strlen("手机停机")),
	    INC_PHONE_BLOCKED);
	cr_assert_eq(val_inc_parse("未做记录", strlen("未做记录")),
	    INC_MISSING_RECORD);
	cr_assert_eq(val_inc_parse("调休", strlen("调休")), INC_COMP_LEAVE);
	cr_assert_eq(val_yesno("是", strlen("是")), 1);
	cr_assert_eq(val_yesno("否", strlen("否")), 0);
	cr_assert_eq(val_yesno("YES", 3), 1);
	cr_assert_eq(val_yesno("", 0), 0);
	cr_assert_eq(val_yesno("对", strlen("对")), -1);
}

/* A CSV exported in Taiwan or Hong Kong: the values in traditional
 * characters read as the simplified ones (rb_name_eq's fold), mixed forms
 * too; another word in traditional characters stays unknown. */
Test(sales_csv, words_traditional)
{
	cr_assert_eq(val_ev_parse("簽單", strlen("簽單")), EV_CONTRACT);
	cr_assert_eq(val_ev_parse("设計協议", strlen("设計協议")), EV_DESIGN);
	cr_assert_eq(val_ev_parse("邀約", strlen("邀約")), EV_INVITATION);
	cr_assert_eq(val_ev_parse("上門", strlen("上門")), EV_VISIT);
	cr_assert_eq(val_ev_parse("簽約", strlen("簽約")), -1);
	cr_assert_eq(val_ev_parse("拜訪", strlen("拜訪")), -1);
	cr_assert_eq(val_inc_parse("遲到", strlen("遲到")), INC_LATE);
	cr_assert_eq(val_inc_parse("請假", strlen("請假")), INC_LEAVE);
	cr_assert_eq(val_inc_parse("調休", strlen("調休")), INC_COMP_LEAVE);
	cr_assert_eq(val_inc_parse("手機停機", strlen("手機停機")),
	    INC_PHONE_BLOCKED);
	cr_assert_eq(val_inc_parse("交通遲到", strlen("交通遲到")),
	    INC_TRANSPORT_LATE);
	cr_assert_eq(val_inc_parse("未做記錄", strlen("未做記錄")),
	    INC_MISSING_RECORD);
	/* a prefix is not the word */
	cr_assert_eq(val_inc_parse("遲", strlen("遲")), -1);
	cr_assert_eq(val_yesno("是", strlen("是")), 1);
}

/* The header in traditional characters (Excel in Taiwan or Hong Kong) maps
 * as the simplified one does; a word that is not a column's stays an
 * unknown column, named as written. */
static const struct csv_col S_cols[] = {
	{ "date", "日期", 0 }, { "person", "工号", 0 }, { "type", "类型", 0 },
	{ "client", "客户", 0 }, { "amount", "金额", 0 },
	{ "note", "备注", 1 } };

static int	S_nwarn;
static char	S_warn[256];

static void
S_onwarn(void *arg, const char *file, int line, int col, const char *msg)
{
	(void)arg;
	(void)file;
	S_nwarn++;
	snprintf(S_warn, sizeof(S_warn), "%d:%d: %s", line, col, msg);
}

Test(sales_csv, header_traditional)
{
	struct csv c;
	int map[6], i;

	cr_assert_eq(parse("金額,日期,工號,類型,客戶,備註\n1,2,3,4,5,6\n",
	    &c), 0);
	S_nwarn = 0;
	cr_assert_eq(csv_header(&S_d, &c, S_cols, 6, map, S_onwarn, NULL), 0);
	cr_assert_eq(S_nwarn, 0, "%s", S_warn);
	cr_assert_eq(map[4], 0);
	for (i = 0; i < 4; i++)
		cr_assert_eq(map[i], i + 1);
	cr_assert_eq(map[5], 5);
	csv_free(&c);
	/* the Hong Kong 客户 (simplified 户), English in any case: the same */
	cr_assert_eq(parse("DATE,工號,type,客户,金額\n", &c), 0);
	cr_assert_eq(csv_header(&S_d, &c, S_cols, 6, map, S_onwarn, NULL), 0);
	cr_assert_eq(S_nwarn, 0, "%s", S_warn);
	cr_assert_eq(map[3], 3);
	cr_assert_eq(map[5], -1);
	csv_free(&c);
	/* 類別 (an incident's kind) is not 类型: unknown, as written */
	cr_assert_eq(parse("日期,工號,類別,客戶,金額\n", &c), 0);
	cr_assert_eq(csv_header(&S_d, &c, S_cols, 6, map, S_onwarn, NULL), -1);
	cr_assert_eq(S_nwarn, 1);
	cr_assert_str_eq(S_warn, "1:7: unknown column '類別' is ignored "
	    "(expected: date,person,type,client,amount,note)");
	cr_assert(has_diag(1, 1, "missing column 'type'"));
	csv_free(&c);
	/* 工號 twice: the duplicate is told by its English name */
	cr_assert_eq(parse("日期,工號,工号,類型,客戶,金額\n", &c), 0);
	cr_assert_eq(csv_header(&S_d, &c, S_cols, 6, map, S_onwarn, NULL), -1);
	cr_assert(has_diag(1, 7, "column 'person' appears twice"));
	csv_free(&c);
}

Test(sales_csv, rounding)
{
	char s[32];

	/* Half-up (away from zero) at exactly one half. */
	cr_assert_eq(val_div_round(5, 10), 1);
	cr_assert_eq(val_div_round(4, 10), 0);
	cr_assert_eq(val_div_round(-5, 10), -1);
	cr_assert_eq(val_div_round((i128)9999999 * 15000, 1000000), 150000);
	cr_assert_eq(val_div_round((i128)100000 * 20, 31), 64516);
	cr_assert_str_eq(val_ppm_str(s, 15000), "1.5%");
	cr_assert_str_eq(val_ppm_str(s, 20000), "2%");
	cr_assert_str_eq(val_ppm_str(s, 1100000), "110%");
	cr_assert_str_eq(val_ppm_str(s, 12345), "1.2345%");
}
