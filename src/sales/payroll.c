/*
 * payroll.c — the payroll exports of a sales_result: YYYY-MM-pay.csv for
 * machines (UTF-8 without a BOM, English headers, yuan with two decimals)
 * and YYYY-MM-pay.xlsx for people (libxlsxwriter: Chinese headers as in
 * the PDF pay table, money as numbers in #,##0.00 with a totals row, a
 * second sheet with each figure's rule and records).  Text is never a
 * formula: the CSV puts a ' before a text field a spreadsheet would
 * evaluate (the OWASP rule); the workbook writes text cells as strings.
 */
#include <sys/stat.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include "sales_int.h"

const char *const sales_col_name[SALES_COL__MAX] = {
	"base", "phone_allowance", "transport_allowance", "attendance_bonus",
	"quota_adjustment", "commission", "champion_bonus", "team_share",
	"fines" };
const char *const sales_col_label[SALES_COL__MAX] = {
	"底薪", "电话补贴", "交通补贴", "全勤奖", "准客户任务", "提成",
	"冠军奖", "团队奖", "罚款" };

/* ---- CSV ---- */

int
sales_payroll_risky(int c)
{
	return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' ||
	    c == '\r';
}

void
sales_payroll_text(struct buf *b, const char *s)
{
	const char *p;
	int quote, tick;

	tick = sales_payroll_risky((unsigned char)*s);
	quote = strpbrk(s, ",\"\r\n") != NULL;
	if (quote)
		buf_putc(b, '"');
	if (tick)
		buf_putc(b, '\'');
	if (!quote) {
		buf_puts(b, s);
		return;
	}
	for (p = s; *p; p++) {
		if (*p == '"')
			buf_putc(b, '"');
		buf_putc(b, *p);
	}
	buf_putc(b, '"');
}

void
sales_payroll_csv(const struct sales_result *res, struct buf *out)
{
	const struct sales_person *sp;
	char s[32];
	size_t i;
	int c;

	buf_puts(out, "person,name");
	for (c = 0; c < SALES_COL__MAX; c++)
		buf_printf(out, ",%s", sales_col_name[c]);
	buf_puts(out, ",total\n");
	for (i = 0; i < res->npeople; i++) {
		sp = &res->people[i];
		if (!sp->covered)
			continue;
		sales_payroll_text(out, sp->id);
		buf_putc(out, ',');
		sales_payroll_text(out, sp->name);
		for (c = 0; c < SALES_COL__MAX; c++)
			buf_printf(out, ",%s", val_fen_str(s, sp->col[c]));
		buf_printf(out, ",%s\n", val_fen_str(s, sp->total));
	}
}

/* ---- workbook ---- */

/* Display width of UTF-8 text in character cells: East Asian wide
 * characters (U+1100 and above, roughly) count two. */
static double
S_width(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	double w = 0;

	while (*p) {
		if (*p < 0x80) {
			w += 1;
			p++;
			continue;
		}
		/* lead bytes E1.. and F0..: three- and four-byte sequences,
		 * CJK and the full-width forms among them */
		w += *p >= 0xE1 ? 2 : 1;
		p++;
		while ((*p & 0xC0) == 0x80)
			p++;
	}
	return w;
}

/* "12,345.67": yuan as the #,##0.00 format shows it. */
static void
S_grouped(char out[48], int64_t fen)
{
	char plain[32], *dot;
	size_t n, i, k = 0;
	const char *p = val_fen_str(plain, fen);

	if (*p == '-')
		out[k++] = *p++;
	dot = strchr(p, '.');
	n = (size_t)(dot - p);
	for (i = 0; i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			out[k++] = ',';
		out[k++] = p[i];
	}
	strcpy(out + k, dot);
}

/* Widens column c of w to fit text s (header row, data, totals). */
static void
S_fit(double *w, int c, double text)
{
	if (text + 2 > w[c])
		w[c] = text + 2;
}

/* The columns of the pay sheet: 工号, 姓名, the pay columns, 应发合计. */
#define S_NCOLS		(SALES_COL__MAX + 3)

/* The pay sheet: one row per covered person, a totals row. */
static void
S_pay_sheet(lxw_workbook *wb, const struct sales_result *res)
{
	lxw_worksheet *ws;
	lxw_format *head, *money, *text, *tot_text, *tot_money;
	const struct sales_person *sp;
	double w[S_NCOLS];
	char g[48], label[64];
	size_t i;
	lxw_row_t r = 0;
	int c, covered = 0;

	ws = workbook_add_worksheet(wb, res->month);
	head = workbook_add_format(wb);
	format_set_bold(head);
	format_set_bottom(head, LXW_BORDER_THIN);
	format_set_align(head, LXW_ALIGN_CENTER);
	money = workbook_add_format(wb);
	format_set_num_format(money, "#,##0.00");
	text = workbook_add_format(wb);
	format_set_num_format(text, "@");
	tot_text = workbook_add_format(wb);
	format_set_bold(tot_text);
	format_set_top(tot_text, LXW_BORDER_THIN);
	tot_money = workbook_add_format(wb);
	format_set_bold(tot_money);
	format_set_top(tot_money, LXW_BORDER_THIN);
	format_set_num_format(tot_money, "#,##0.00");

	for (c = 0; c < S_NCOLS; c++)
		w[c] = 0;
	worksheet_write_string(ws, r, 0, "工号", head);
	worksheet_write_string(ws, r, 1, "姓名", head);
	S_fit(w, 0, S_width("工号"));
	S_fit(w, 1, S_width("姓名"));
	for (c = 0; c < SALES_COL__MAX; c++) {
		worksheet_write_string(ws, r, (lxw_col_t)(c + 2),
		    sales_col_label[c], head);
		S_fit(w, c + 2, S_width(sales_col_label[c]));
	}
	worksheet_write_string(ws, r, S_NCOLS - 1, "应发合计", head);
	S_fit(w, S_NCOLS - 1, S_width("应发合计"));
	for (i = 0; i < res->npeople; i++) {
		sp = &res->people[i];
		if (!sp->covered)
			continue;
		r++;
		covered++;
		/* Strings, never formulas: a name "=1+1" stays text. */
		worksheet_write_string(ws, r, 0, sp->id, text);
		worksheet_write_string(ws, r, 1, sp->name, text);
		S_fit(w, 0, S_width(sp->id));
		S_fit(w, 1, S_width(sp->name));
		for (c = 0; c < SALES_COL__MAX; c++) {
			worksheet_write_number(ws, r, (lxw_col_t)(c + 2),
			    (double)sp->col[c] / 100.0, money);
			S_grouped(g, sp->col[c]);
			S_fit(w, c + 2, S_width(g));
		}
		worksheet_write_number(ws, r, S_NCOLS - 1,
		    (double)sp->total / 100.0, money);
		S_grouped(g, sp->total);
		S_fit(w, S_NCOLS - 1, S_width(g));
	}
	/* The totals: values, not SUM() formulas (the same figures as the
	 * PDF; a formula would be recomputed by whatever opens the file). */
	r++;
	snprintf(label, sizeof(label), "合计（%d 人）", covered);
	worksheet_write_string(ws, r, 0, label, tot_text);
	worksheet_write_blank(ws, r, 1, tot_text);
	S_fit(w, 0, S_width(label) - w[1]);
	for (c = 0; c < SALES_COL__MAX; c++) {
		worksheet_write_number(ws, r, (lxw_col_t)(c + 2),
		    (double)res->col_total[c] / 100.0, tot_money);
		S_grouped(g, res->col_total[c]);
		S_fit(w, c + 2, S_width(g));
	}
	worksheet_write_number(ws, r, S_NCOLS - 1, (double)res->total / 100.0,
	    tot_money);
	S_grouped(g, res->total);
	S_fit(w, S_NCOLS - 1, S_width(g));
	for (c = 0; c < S_NCOLS; c++)
		worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, w[c],
		    NULL);
	worksheet_freeze_panes(ws, 1, 0);
	worksheet_set_landscape(ws);
	worksheet_set_paper(ws, 9);		/* A4 */
	worksheet_fit_to_pages(ws, 1, 0);
	worksheet_repeat_rows(ws, 0, 0);
}

/* "2026-10/events.csv:31, 62; 2026-10/incidents.csv:4": the records of
 * an item, each file named once, without the content folder. */
static void
S_refs(struct buf *b, const struct sales_item *it)
{
	const char *last = NULL, *f, *p;
	size_t i;

	for (i = 0; i < it->nrefs; i++) {
		if ((f = it->refs[i].file) == NULL)
			continue;
		if (last != NULL && strcmp(last, f) == 0) {
			buf_printf(b, ", %d", it->refs[i].line);
			continue;
		}
		/* sales/2026-10/events.csv -> 2026-10/events.csv */
		p = strstr(f, "sales/");
		buf_printf(b, "%s%s:%d", last ? "; " : "", p ? p + 6 : f,
		    it->refs[i].line);
		last = f;
	}
}

/* Lines that text of display width w takes in a column width wide. */
static int
S_lines(double w, double width)
{
	int n = (int)(w / (width - 2)) + 1;

	return n > 1 ? n : 1;
}

/* The explanation sheet: each figure of each covered person with its rule,
 * its reason and the records behind it. */
static void
S_why_sheet(lxw_workbook *wb, const struct sales_result *res)
{
	static const char *const head_s[] = {
		"工号", "姓名", "项目", "金额", "计算说明", "依据" };
	static const double cap[] = { 40, 40, 24, 16, 80, 50 };
	lxw_worksheet *ws;
	lxw_format *head, *money, *text, *wrap;
	const struct sales_person *sp;
	const struct sales_item *it;
	struct buf b = BUF_INIT;
	double w[6];
	char g[48];
	size_t i, j;
	lxw_row_t r = 0;
	int c, lines, k;

	ws = workbook_add_worksheet(wb, "计算说明");
	head = workbook_add_format(wb);
	format_set_bold(head);
	format_set_bottom(head, LXW_BORDER_THIN);
	money = workbook_add_format(wb);
	format_set_num_format(money, "#,##0.00");
	format_set_align(money, LXW_ALIGN_VERTICAL_TOP);
	text = workbook_add_format(wb);
	format_set_num_format(text, "@");
	format_set_align(text, LXW_ALIGN_VERTICAL_TOP);
	wrap = workbook_add_format(wb);
	format_set_num_format(wrap, "@");
	format_set_text_wrap(wrap);
	format_set_align(wrap, LXW_ALIGN_VERTICAL_TOP);
	for (c = 0; c < 6; c++) {
		worksheet_write_string(ws, 0, (lxw_col_t)c, head_s[c], head);
		w[c] = S_width(head_s[c]) + 2;
	}
	for (i = 0; i < res->npeople; i++) {
		sp = &res->people[i];
		if (!sp->covered)
			continue;
		for (j = 0; j < sp->nitems; j++) {
			it = &sp->items[j];
			r++;
			worksheet_write_string(ws, r, 0, sp->id, text);
			worksheet_write_string(ws, r, 1, sp->name, text);
			worksheet_write_string(ws, r, 2, it->rule ? it->rule :
			    sales_col_label[it->col], text);
			worksheet_write_number(ws, r, 3, (double)(it->col ==
			    SALES_FINES ? -it->fen : it->fen) / 100.0, money);
			worksheet_write_string(ws, r, 4, it->why ? it->why :
			    "", wrap);
			buf_reset(&b);
			S_refs(&b, it);
			worksheet_write_string(ws, r, 5, b.data ? b.data : "",
			    wrap);
			/* Wrapped cells: the row as high as its lines (what
			 * opens the file does not always measure them). */
			lines = S_lines(S_width(it->why ? it->why : ""),
			    cap[4]);
			k = S_lines(S_width(b.data ? b.data : ""), cap[5]);
			if (k > lines)
				lines = k;
			if (lines > 1)
				worksheet_set_row(ws, r, 15.0 * lines, NULL);
			S_fit(w, 0, S_width(sp->id));
			S_fit(w, 1, S_width(sp->name));
			S_fit(w, 2, S_width(it->rule ? it->rule : ""));
			S_grouped(g, it->fen);
			S_fit(w, 3, S_width(g) + 1);
			S_fit(w, 4, S_width(it->why ? it->why : ""));
			S_fit(w, 5, S_width(b.data ? b.data : ""));
		}
	}
	buf_free(&b);
	for (c = 0; c < 6; c++)
		worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c,
		    w[c] < cap[c] ? w[c] : cap[c], NULL);
	worksheet_freeze_panes(ws, 1, 0);
	worksheet_set_landscape(ws);
	worksheet_set_paper(ws, 9);
	worksheet_fit_to_pages(ws, 1, 0);
	worksheet_repeat_rows(ws, 0, 0);
}

/* The workbook's date: SOURCE_DATE_EPOCH when given (epoch >= 0), else
 * midnight UTC of the first day after the month, so that the same month
 * gives the same bytes. */
static time_t
S_date(const struct sales_result *res, long long epoch)
{
	struct tm tm;
	int y, m;

	if (epoch >= 0)
		return (time_t)epoch;
	memset(&tm, 0, sizeof(tm));
	y = atoi(res->month);
	m = atoi(res->month + 5);
	tm.tm_year = (m == 12 ? y + 1 : y) - 1900;
	tm.tm_mon = m == 12 ? 0 : m;
	tm.tm_mday = 1;
	return timegm(&tm);
}

int
sales_payroll_xlsx(const struct sales_result *res, long long epoch,
    struct buf *out)
{
	lxw_workbook_options opt;
	lxw_doc_properties props;
	lxw_workbook *wb;
	lxw_error err;
	const char *tmp = getenv("TMPDIR");
	char *dir, *path, title[64], *data = NULL;
	size_t len;
	int rc = -1, save = 0;

	/* libxlsxwriter writes a file (and temporary files beside it): in a
	 * private folder, read back, removed. */
	dir = xasprintf("%s/rolebook-xlsx-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (mkdtemp(dir) == NULL) {
		free(dir);
		return -1;
	}
	path = xasprintf("%s/pay.xlsx", dir);
	memset(&opt, 0, sizeof(opt));
	opt.tmpdir = dir;
	memset(&props, 0, sizeof(props));
	snprintf(title, sizeof(title), "%s 工资表", res->month);
	props.title = title;
	props.created = S_date(res, epoch);
	if ((wb = workbook_new_opt(path, &opt)) == NULL) {
		save = errno ? errno : EIO;
		goto out;
	}
	workbook_set_properties(wb, &props);
	S_pay_sheet(wb, res);
	S_why_sheet(wb, res);
	if ((err = workbook_close(wb)) != LXW_NO_ERROR) {
		save = err == LXW_ERROR_MEMORY_MALLOC_FAILED ? ENOMEM : EIO;
		goto out;
	}
	if (file_read(path, 0, &data, &len) == -1) {
		save = errno;
		goto out;
	}
	buf_put(out, data, len);
	free(data);
	rc = 0;
out:
	unlink(path);
	rmdir(dir);
	free(path);
	free(dir);
	if (rc == -1)
		errno = save;
	return rc;
}
