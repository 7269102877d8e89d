/*
 * test_report.c — the monthly report (src/build/report.c): the template
 * data of a small in-memory month read back through a tiny template
 * (exact yuan strings, percentages rounded down for attainment and half
 * up for changes, 万元 chart values, last month, champions, forfeits,
 * fines, ranking order), the built-in template's tree, and the report
 * set written all or nothing.
 */
#include <criterion/criterion.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "build/report.h"
#include "util/util.h"

static char *S_plan;

static const char *
S_sample_plan(void)
{
	static const char *const paths[] = {
	    "../../content/plans/salesperson.plan",
	    "content/plans/salesperson.plan", NULL };
	size_t len, i;

	if (S_plan != NULL)
		return S_plan;
	for (i = 0; paths[i]; i++)
		if (file_read(paths[i], 0, &S_plan, &len) == 0)
			return S_plan;
	cr_assert_fail("cannot find content/plans/salesperson.plan");
	return NULL;
}

static void
S_fini(void)
{
	free(S_plan);
	S_plan = NULL;
}

TestSuite(report, .fini = S_fini);

/*
 * October: team t1 (甲, 乙) signs 99,999.99 + 0.00 against 100,000.00
 * (99.99999 %: must read 99.99%, no team bonus); in September it signed
 * 60,000.00 of 50,000.00.  乙 has 3 lates (全勤奖 withheld) and 3
 * missing records (2 warnings, 1 fine of 30.00).
 */
static struct sales_result *
S_month(struct diag *d)
{
	struct sales_file f[8] = {
		{ "staff.csv", "id,name,role,team,hired,left\n"
		    "1,甲,salesperson,t1,2020-01-01,\n"
		    "2,乙,salesperson,t1,2020-01-01,\n", 0 },
		{ "plans/salesperson.plan", S_sample_plan(), 0 },
		{ "sales/2026-10/events.csv",
		    "date,person,type,client,amount,note\n"
		    "2026-10-05,1,contract,K1,99999.99,\n", 0 },
		{ "sales/2026-10/incidents.csv",
		    "date,person,kind,exempt,note\n"
		    "2026-10-02,2,late,,\n2026-10-03,2,late,,\n"
		    "2026-10-04,2,late,,\n"
		    "2026-10-06,2,missing_record,,\n"
		    "2026-10-07,2,missing_record,,\n"
		    "2026-10-08,2,missing_record,,\n", 0 },
		{ "sales/2026-10/targets.csv", "team,amount\nt1,100000.00\n",
		    0 },
		{ "sales/2026-09/events.csv",
		    "date,person,type,client,amount,note\n"
		    "2026-09-05,2,contract,K0,60000.00,\n", 0 },
		{ "sales/2026-09/incidents.csv",
		    "date,person,kind,exempt,note\n", 0 },
		{ "sales/2026-09/targets.csv", "team,amount\nt1,50000.00\n",
		    0 },
	};
	struct sales_result *res = NULL;

	cr_assert_eq(sales_month_mem(d, NULL, f, 8, "2026-10", &res), 0);
	cr_assert_not_null(res);
	return res;
}

/* Renders template text src with res's data; returns the text of the
 * tree's first <p> (caller frees). */
static char *
S_render(const struct sales_result *res, const char *src)
{
	char dir[] = "/tmp/rb-report-XXXXXX", *path, *out = NULL;
	struct diag d;
	struct tmpl *t;
	struct doc_node *root, *n;
	struct buf b = BUF_INIT;
	int ent;

	cr_assert_not_null(mkdtemp(dir));
	path = xasprintf("%s/%s", dir, REPORT_TEMPLATE);
	cr_assert_eq(file_write_atomic(path, src, strlen(src)), 1);
	diag_init(&d);
	t = tmpl_new(dir, NULL, NULL);
	root = report_tree(&d, t, res, NULL);
	cr_assert_not_null(root, "render failed: %s",
	    d.n ? d.items[0].msg : "");
	for (n = NULL; (n = doc_next(root, n, &ent)) != NULL; )
		if (ent && n->tag == DOC_TEXT && n->parent->tag == DOC_P)
			buf_put(&b, n->text, n->len);
	out = buf_detach(&b);
	doc_free(root);
	tmpl_free(t);
	diag_free(&d);
	unlink(path);
	rmdir(dir);
	free(path);
	return out;
}

Test(report, team_figures)
{
	struct diag d;
	struct sales_result *res;
	char *s;

	diag_init(&d);
	res = S_month(&d);
	s = S_render(res, "<rb-document><p><% local t = teams[1] -%>"
	    "<%= t.id %>|<%= t.signed %>|<%= t.signed_fen %>|<%= t.target %>"
	    "|<%= t.attain %>|<%= t.attain_value %>|<%= tostring(t.met) %>"
	    "|<%= t.bonus %>|<%= t.last_signed %>|<%= t.last_attain %>"
	    "|<%= t.change %>|<%= t.change_pct %>|<%= t.trend[6].signed_wan %>"
	    "|<%= t.trend[5].label %>|<%= tostring(t.trend[1].present) %>"
	    "</p></rb-document>");
	/* 99,999.99 / 100,000.00 = 99.99999 %: rounded down.  Change:
	 * 39,999.99 / 60,000.00 = 66.6666 % -> +66.7 %.  9.9999999 万 ->
	 * 10.00 (half up to the fen, then two decimals of 万元). */
	cr_assert_str_eq(s, "t1|99,999.99|9999999|100,000.00|99.99%|99.9|false"
	    "|0.00|60,000.00|120.00%|+39,999.99|+66.7%|10.00|9月|false");
	free(s);
	sales_result_free(res);
	diag_free(&d);
}

Test(report, people_and_lists)
{
	struct diag d;
	struct sales_result *res;
	char *s;

	diag_init(&d);
	res = S_month(&d);
	s = S_render(res, "<rb-document><p>"
	    "<% for _, i in ipairs(ranking) do %><%= people[i].name %>"
	    "<%= people[i].rank %>,<% end %>"
	    "|<%= champions[1].name %> <%= champions[1].title %> "
	    "<%= champions[1].amount %>"
	    "|<%= #forfeits %> <%= forfeits[1].name %> <%= forfeits[1].rule %> "
	    "<%= forfeits[1].full %> <%= forfeits[1].amount %>"
	    "|<%= #fines %> <%= fines[1].amount %> <%= fines[1].source %>"
	    "|<%= #warnings %> <%= warnings[2].source %>"
	    "|<%= totals.fund %> <%= totals.fund_name %>"
	    "|<%= people[2].cols[9].amount %> <%= people[2].total %>"
	    "|<%= people[2].has_last and people[2].change or '' %>"
	    "|<%= columns[5].label %> <%= columns[9].total %>"
	    "</p></rb-document>");
	/* 甲 ranks first (signed), 乙 second.  乙: 1000 + 100 + 200 + 0
	 * (全勤奖 withheld) - 250 (0 prospects) - 30 = 1,020.00. */
	cr_assert_str_eq(s, "甲1,乙2,|甲 月冠军 500.00"
	    "|1 乙 全勤奖 200.00 0.00"
	    "|1 30.00 2026-10/incidents.csv:5, 6, 7"
	    "|2 2026-10/incidents.csv:6"
	    "|30.00 部门活动经费|30.00 1,020.00|-60,000.00"
	    "|准客户任务 30.00");
	free(s);
	sales_result_free(res);
	diag_free(&d);
}

/* The built-in template gives a tree with every section and the pay
 * totals row; the same input gives the same HTML twice. */
Test(report, builtin_template)
{
	struct diag d;
	struct sales_result *res;
	struct tmpl *t;
	struct doc_node *root, *n;
	int ent, sections = 0, signs = 0, charts = 0;

	diag_init(&d);
	res = S_month(&d);
	t = tmpl_new(NULL, "../../templates", NULL);
	root = report_tree(&d, t, res, NULL);
	cr_assert_not_null(root, "%s", d.n ? d.items[0].msg : "");
	for (n = NULL; (n = doc_next(root, n, &ent)) != NULL; ) {
		if (!ent)
			continue;
		sections += n->tag == DOC_SECTION;
		signs += n->tag == DOC_SIGN;
		charts += n->tag == DOC_CHART;
	}
	cr_assert_eq(sections, 10);	/* 8 + sign-off + details */
	cr_assert_eq(signs, 3);
	cr_assert_eq(charts, 2);	/* no site, no role targets: the trend */
	doc_free(root);
	tmpl_free(t);
	sales_result_free(res);
	diag_free(&d);
}

static char *
S_slurp(const char *path)
{
	char *data;
	size_t len;

	if (file_read(path, 0, &data, &len) == -1)
		return NULL;
	return data;
}

/* A failing write replaces nothing and leaves no temporary files. */
Test(report, write_set_all_or_nothing)
{
	char dir[] = "/tmp/rb-report-XXXXXX", *a, *b, *c, *got;
	struct buf data[3];
	const char *paths[3], *failed;
	struct stat st;

	cr_assert_not_null(mkdtemp(dir));
	a = xasprintf("%s/a.html", dir);
	b = xasprintf("%s/missing/b.pdf", dir);	/* folder absent */
	c = xasprintf("%s/c.csv", dir);
	cr_assert_eq(file_write_atomic(a, "old", 3), 1);
	memset(data, 0, sizeof(data));
	buf_puts(&data[0], "new a");
	buf_puts(&data[1], "new b");
	buf_puts(&data[2], "new c");
	paths[0] = a;
	paths[1] = b;
	paths[2] = c;
	cr_assert_eq(report_write_set(paths, data, 3, &failed, NULL), -1);
	cr_assert_str_eq(failed, b);
	got = S_slurp(a);
	cr_assert_str_eq(got, "old");
	free(got);
	cr_assert_eq(stat(c, &st), -1);
	{
		char *tmp = xasprintf("%s.tmp.%ld", a, (long)getpid());

		cr_assert_eq(stat(tmp, &st), -1, "temporary file left");
		free(tmp);
	}
	/* Without the bad path: both written. */
	paths[1] = c;
	cr_assert_eq(report_write_set(paths, data, 2, &failed, NULL), 0);
	got = S_slurp(a);
	cr_assert_str_eq(got, "new a");
	free(got);
	got = S_slurp(c);
	cr_assert_str_eq(got, "new b");
	free(got);
	unlink(a);
	unlink(c);
	rmdir(dir);
	free(a);
	free(b);
	free(c);
	buf_free(&data[0]);
	buf_free(&data[1]);
	buf_free(&data[2]);
}
