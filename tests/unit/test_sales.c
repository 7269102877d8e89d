/*
 * test_sales.c — Criterion tests of the sales engine (src/sales): every
 * pay rule of the sample plan (content/plans/salesperson.plan, which must
 * encode docs/PRODUCT.md exactly) on small in-memory months, each asserting
 * exact fen amounts computed by hand in the comments.
 */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "sales/sales.h"
#include "util/util.h"

/* ---- fixtures ---- */

#define STAFF_HDR	"id,name,role,team,hired,left\n"
#define EV_HDR		"date,person,type,client,amount,note\n"
#define INC_HDR		"date,person,kind,exempt,note\n"
#define TG_HDR		"team,amount\n"

/* Three 业务员 in team t1, a 业务经理 in t1, and 10 in t2. */
#define STAFF3	STAFF_HDR \
	"1,甲,salesperson,t1,2020-01-01,\n" \
	"2,乙,salesperson,t1,2020-01-01,\n" \
	"3,丙,salesperson,t1,2020-01-01,\n" \
	"9,经理,business-manager,t1,2020-01-01,\n" \
	"10,丁,salesperson,t2,2020-01-01,\n"

struct fx {
	struct sales_file f[40];
	size_t		  n;
	char		 *own[40];
	struct diag	  d;
};

static char *S_plan;

/* The sample plan, read once from the repository. */
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

TestSuite(sales, .fini = S_fini);

static void
fx_init(struct fx *x)
{
	memset(x, 0, sizeof(*x));
	diag_init(&x->d);
}

static void
fx_add(struct fx *x, const char *path, const char *data)
{
	cr_assert_lt(x->n, 40);
	x->own[x->n] = xstrdup(path);
	x->f[x->n].path = x->own[x->n];
	x->f[x->n].data = data;
	x->f[x->n].len = 0;
	x->n++;
}

/* A month folder: events, incidents (may be NULL: header only), targets
 * (NULL: t1 and t2 at 1,000,000.00, out of reach). */
static void
fx_month(struct fx *x, const char *ym, const char *ev, const char *inc,
    const char *tg)
{
	char *p;

	p = xasprintf("sales/%s/events.csv", ym);
	fx_add(x, p, ev);
	free(p);
	p = xasprintf("sales/%s/incidents.csv", ym);
	fx_add(x, p, inc ? inc : INC_HDR);
	free(p);
	p = xasprintf("sales/%s/targets.csv", ym);
	fx_add(x, p, tg ? tg : TG_HDR "t1,1000000.00\nt2,1000000.00\n");
	free(p);
}

static struct sales_result *
fx_run(struct fx *x, const char *month)
{
	struct sales_result *res = NULL;
	int rc;

	rc = sales_month_mem(&x->d, NULL, x->f, x->n, month, &res);
	if (rc != 0) {
		diag_flush(&x->d, stderr);
		cr_assert_fail("sales_month_mem failed for %s", month);
	}
	return res;
}

static void
fx_free(struct fx *x)
{
	size_t i;

	for (i = 0; i < x->n; i++)
		free(x->own[i]);
	diag_free(&x->d);
}

/* The standard fixture: staff, the sample plan. */
static void
fx_std(struct fx *x, const char *staff)
{
	fx_init(x);
	fx_add(x, "staff.csv", staff ? staff : STAFF3);
	fx_add(x, "plans/salesperson.plan", S_sample_plan());
}

static const struct sales_person *
person(const struct sales_result *res, const char *id)
{
	size_t i;

	for (i = 0; i < res->npeople; i++)
		if (strcmp(res->people[i].id, id) == 0)
			return &res->people[i];
	cr_assert_fail("no person %s", id);
	return NULL;
}

static int64_t
col(const struct sales_result *res, const char *id, enum sales_col c)
{
	return person(res, id)->col[c];
}

/* The explanation of person id's item in column c containing needle. */
static const struct sales_item *
item(const struct sales_result *res, const char *id, enum sales_col c,
    const char *needle)
{
	const struct sales_person *sp = person(res, id);
	size_t i;

	for (i = 0; i < sp->nitems; i++)
		if (sp->items[i].col == c && (needle == NULL ||
		    strstr(sp->items[i].why, needle) != NULL))
			return &sp->items[i];
	for (i = 0; i < sp->nitems; i++)
		if (sp->items[i].col == c)
			cr_log_error("  %s", sp->items[i].why);
	cr_assert_fail("%s: no %s item with '%s'", id, sales_col_name[c],
	    needle ? needle : "");
	return NULL;
}

/* Was an error containing needle reported at file:line:col? */
static int
has_diag(const struct diag *d, const char *file, int line, int c,
    const char *needle)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		if (d->items[i].file && strcmp(d->items[i].file, file) == 0 &&
		    d->items[i].line == line && d->items[i].col == c &&
		    strstr(d->items[i].msg, needle) != NULL)
			return 1;
	for (i = 0; i < d->n; i++)
		cr_log_error("%s:%d:%d: %s", d->items[i].file,
		    d->items[i].line, d->items[i].col, d->items[i].msg);
	return 0;
}

/* ---- a quiet month: the fixed parts ---- */

Test(sales, quiet_month_zero_prospects)
{
	struct fx x;
	struct sales_result *res;

	fx_std(&x, NULL);
	fx_month(&x, "2026-07", EV_HDR, NULL, NULL);
	res = fx_run(&x, "2026-07");
	/* Nothing happened: base, allowances, attendance kept; 0 prospects:
	 * -50 x 5 = -250.00; total 1000 + 100 + 200 + 200 - 250 = 1250.00. */
	cr_assert_eq(col(res, "1", SALES_BASE), 100000);
	cr_assert_eq(col(res, "1", SALES_PHONE), 10000);
	cr_assert_eq(col(res, "1", SALES_TRANSPORT), 20000);
	cr_assert_eq(col(res, "1", SALES_ATTENDANCE), 20000);
	cr_assert_eq(col(res, "1", SALES_QUOTA), -25000);
	cr_assert_eq(col(res, "1", SALES_COMMISSION), 0);
	cr_assert_eq(col(res, "1", SALES_CHAMPION), 0);
	cr_assert_eq(col(res, "1", SALES_TEAM), 0);
	cr_assert_eq(col(res, "1", SALES_FINES), 0);
	cr_assert_eq(person(res, "1")->total, 125000);
	item(res, "1", SALES_QUOTA, "准客户 0 个（目标 5），差 5 × 50.00 = "
	    "-250.00");
	/* The 业务经理 is reported but not paid by the plan. */
	cr_assert_eq(person(res, "9")->covered, 0);
	cr_assert_eq(person(res, "9")->nitems, 0);
	cr_assert_eq(res->npeople, 5);
	cr_assert_eq(res->total, 4 * 125000);
	cr_assert_null(res->champions);
	sales_result_free(res);
	fx_free(&x);
}

/* ---- prospects ---- */

Test(sales, prospect_exactly_two_visits)
{
	struct fx x;
	struct sales_result *res;

	fx_std(&x, NULL);
	fx_month(&x, "2026-07", EV_HDR
	    "2026-07-03,1,visit,K-A,,\n"
	    "2026-07-10,1,visit,K-A,,second\n"		/* A: exactly 2 */
	    "2026-07-05,1,visit,K-B,,\n"		/* B: once */
	    "2026-07-06,1,invitation,K-B,,\n"
	    "2026-07-03,2,visit,K-A,,\n"		/* 2's own A: once */
	    "2026-07-04,3,visit,K-C,,\n"
	    "2026-07-05,3,visit,K-C,,\n"
	    "2026-07-06,3,visit,K-C,,\n",		/* C: 3 visits, 1 */
	    NULL, NULL);
	res = fx_run(&x, "2026-07");
	/* 1: one prospect (A): -50 x 4 = -200.00. */
	cr_assert_eq(person(res, "1")->prospects, 1);
	cr_assert_eq(col(res, "1", SALES_QUOTA), -20000);
	cr_assert_eq(item(res, "1", SALES_QUOTA, "K-A（2 次）")->nrefs, 2);
	/* 2: A's visit by 2 does not join 1's visits: 0 prospects. */
	cr_assert_eq(col(res, "2", SALES_QUOTA), -25000);
	/* 3: a client with 3 visits is one prospect. */
	cr_assert_eq(col(res, "3", SALES_QUOTA), -20000);
	sales_result_free(res);
	fx_free(&x);
}

Test(sales, prospect_above_quota)
{
	struct fx x;
	struct sales_result *res;
	struct buf ev = BUF_INIT;
	int i;

	fx_std(&x, NULL);
	buf_puts(&ev, EV_HDR);
	for (i = 1; i <= 7; i++)
		buf_printf(&ev, "2026-07-%02d,1,visit,K%d,,\n"
		    "2026-07-%02d,1,visit,K%d,,\n", i, i, i + 10, i);
	fx_month(&x, "2026-07", ev.data, NULL, NULL);
	res = fx_run(&x, "2026-07");
	/* 7 prospects: +200 x 2 = +400.00. */
	cr_assert_eq(person(res, "1")->prospects, 7);
	cr_assert_eq(col(res, "1", SALES_QUOTA), 40000);
	item(res, "1", SALES_QUOTA, "超出 2 × 200.00 = +400.00");
	sales_result_free(res);
	buf_free(&ev);
	fx_free(&x);
}

Test(sales, prospect_visits_split_across_months)
{
	struct fx x;
	struct sales_result *res;

	fx_std(&x, NULL);
	fx_month(&x, "2026-07", EV_HDR "2026-07-31,1,visit,K-S,,\n", NULL,
	    NULL);
	fx_month(&x, "2026-08", EV_HDR "2026-08-01,1,visit,K-S,,\n", NULL,
	    NULL);
	/* One visit in each month: not a prospect in either. */
	res = fx_run(&x, "2026-07");
	cr_assert_eq(person(res, "1")->prospects, 0);
	cr_assert_eq(col(res, "1", SALES_QUOTA), -25000);
	sales_result_free(res);
	res = fx_run(&x, "2026-08");
	cr_assert_eq(person(res, "1")->prospects, 0);
	cr_assert_eq(col(res, "1", SALES_QUOTA), -25000);
	item(res, "1", SALES_QUOTA, "K-S 本月上门 1 次、上月 1 次，跨月不合并");
	/* Last month's numbers are in the trend. */
	cr_assert_eq(person(res, "1")->trend_prospects[SALES_TREND - 2], 0);
	cr_assert_eq(res->trend_present[SALES_TREND - 2], 1);
	cr_assert_eq(res->trend_present[SALES_TREND - 3], 0);
	sales_result_free(res);
	fx_free(&x);
}

/* ---- attendance, allowances ---- */

Test(sales, attendance_two_vs_three_late)
{
	struct fx x;
	struct sales_result *res;

	fx_std(&x, NULL);
	fx_month(&x, "2026-10", EV_HDR, INC_HDR
	    "2026-10-03,1,late,,\n"
	    "2026-10-11,1,late,no,\n"			/* 1: 2 late */
	    "2026-10-03,2,late,,\n"
	    "2026-10-11,2,late,,\n"
	    "2026-10-20,2,late,,\n",			/* 2: 3 late */
	    NULL);
	res = fx_run(&x, "2026-10");
	cr_assert_eq(col(res, "1", SALES_ATTENDANCE), 20000);
	item(res, "1", SALES_ATTENDANCE, "非豁免迟到 2 次（10-03、10-11），"
	    "未达 3 次");
	cr_assert_eq(col(res, "2", SALES_ATTENDANCE), 0);
	cr_assert_str_eq(item(res, "2", SALES_ATTENDANCE, NULL)->why,
	    "全勤奖扣发：非豁免迟到 3 次（10-03、10-11、10-20），达到 3 次");
	cr_assert_eq(item(res, "2", SALES_ATTENDANCE, NULL)->flags,
	    SALES_IT_FORFEIT);
	cr_assert_eq(item(res, "2", SALES_ATTENDANCE, NULL)->nrefs, 3);
	cr_assert_eq(item(res, "2", SALES_ATTENDANCE, NULL)->refs[2].line, 6);
	cr_assert_str_eq(item(res, "2", SALES_ATTENDANCE, NULL)->refs[0].file,
	    "sales/2026-10/incidents.csv");
	/* Late does not touch the allowances. */
	cr_assert_eq(col(res, "2", SALES_TRANSPORT), 20000);
	cr_assert_eq(person(res, "2")->total, 100000 + 10000 + 20000 - 25000);
	sales_result_free(res);
	fx_free(&x);
}

Test(sales, attendance_exempt_late_and_comp_leave)
{
	struct fx x;
	struct sales_result *res;

	fx_std(&x, NULL);
	fx_month(&x, "2026-10", EV_HDR, INC_HDR
	    "2026-10-03,1,late,,\n"
	    "2026-10-11,1,late,,\n"
	    "2026-10-20,1,late,yes,已填写未打卡记录\n"	/* 1: 2 + 1 exempt */
	    "2026-10-08,2,comp_leave,,调休\n"
	    "2026-10-09,2,comp_leave,,调休\n"
	    "2026-10-10,2,comp_leave,,调休\n"		/* 2: comp_leave only */
	    "2026-10-15,3,leave,,事假\n"		/* 3: one leave */
	    "2026-10-16,10,leave,yes,公司批准\n",	/* 10: exempt leave */
	    NULL);
	res = fx_run(&x, "2026-10");
	cr_assert_eq(col(res, "1", SALES_ATTENDANCE), 20000);
	item(res, "1", SALES_ATTENDANCE, "豁免迟到 1 次（10-20）不计");
	cr_assert_eq(person(res, "1")->late, 2);
	cr_assert_eq(person(res, "1")->exempt, 1);
	cr_assert_eq(col(res, "2", SALES_ATTENDANCE), 20000);
	item(res, "2", SALES_ATTENDANCE, "调休 3 次（10-08、10-09、10-10）不计");
	cr_assert_eq(col(res, "3", SALES_ATTENDANCE), 0);
	item(res, "3", SALES_ATTENDANCE, "全勤奖扣发：非豁免请假 1 次（10-15）");
	cr_assert_eq(col(res, "10", SALES_ATTENDANCE), 20000);
	sales_result_free(res);
	fx_free(&x);
}

Test(sales, allowances_forfeited)
{
	struct fx x;
	struct sales_result *res;

	fx_std(&x, NULL);
	fx_month(&x, "2026-10", EV_HDR, INC_HDR
	    "2026-10-05,1,phone_blocked,,欠费停机\n"
	    "2026-10-06,2,transport_late,,\n"
	    "2026-10-07,3,phone_blocked,yes,公司号码故障\n",
	    NULL);
	res = fx_run(&x, "2026-10");
	cr_assert_eq(col(res, "1", SALES_PHONE), 0);
	cr_assert_eq(col(res, "1", SALES_TRANSPORT), 20000);
	item(res, "1", SALES_PHONE, "电话补贴扣发：非豁免停机 1 次（10-05）");
	cr_assert_eq(col(res, "2", SALES_PHONE), 10000);
	cr_assert_eq(col(res, "2", SALES_TRANSPORT), 0);
	/* transport_late is not a late for the attendance bonus. */
	cr_assert_eq(col(res, "2", SALES_ATTENDANCE), 20000);
	cr_assert_eq(col(res, "3", SALES_PHONE), 10000);
	sales_result_free(res);
	fx_free(&x);
}

/* ---- record keeping ---- */

Test(sales, missing_record_warnings_then_fines)
{
	struct fx x;
	struct sales_result *res;
	const struct sales_item *it;
	size_t i, n1 = 0;

	fx_std(&x, NULL);
	fx_month(&x, "2026-10", EV_HDR, INC_HDR
	    "2026-10-02,1,missing_record,,\n"
	    "2026-10-09,1,missing_record,,\n"
	    "2026-10-21,1,missing_record,,\n"		/* 1: the 3rd */
	    "2026-10-02,2,missing_record,,\n"
	    "2026-10-09,2,missing_record,,\n"
	    "2026-10-12,2,missing_record,yes,已补录\n"
	    "2026-10-21,2,missing_record,,\n"
	    "2026-10-28,2,missing_record,,\n"		/* 2: 3rd and 4th */
	    "2026-10-02,3,missing_record,,\n"
	    "2026-10-03,3,missing_record,,\n",		/* 3: warnings only */
	    NULL);
	res = fx_run(&x, "2026-10");
	cr_assert_eq(col(res, "1", SALES_FINES), 3000);
	cr_assert_eq(col(res, "2", SALES_FINES), 6000);
	cr_assert_eq(col(res, "3", SALES_FINES), 0);
	it = item(res, "2", SALES_FINES, NULL);
	cr_assert_str_eq(it->why, "客户跟踪表/ERP 记录罚款：非豁免客户跟踪表/ERP "
	    "未记录 4 次（10-02、10-09、10-21、10-28），前 2 次警告；第 3、4 次"
	    "各罚 30.00，共 60.00，进入部门活动经费");
	cr_assert_eq(it->nrefs, 4);
	item(res, "3", SALES_FINES, "前 2 次只警告，不罚款");
	cr_assert_str_eq(item(res, "10", SALES_FINES, NULL)->why,
	    "客户跟踪表/ERP 记录罚款：本月无非豁免客户跟踪表/ERP 未记录，0.00");
	/* Fines are subtracted; the fund collects them. */
	cr_assert_eq(person(res, "2")->total,
	    100000 + 10000 + 20000 + 20000 - 25000 - 6000);
	cr_assert_eq(res->fund, 9000);
	cr_assert_str_eq(res->fund_name, "部门活动经费");
	for (i = 0; i < res->nwarnings; i++)
		n1 += strcmp(res->warnings[i].person, "1") == 0;
	cr_assert_eq(n1, 2);
	cr_assert_eq(res->nwarnings, 6);
	cr_assert_str_eq(res->warnings[0].text,
	    "客户跟踪表/ERP 未记录第 1 次（10-02）：警告");
	sales_result_free(res);
	fx_free(&x);
}

/* ---- commission ---- */

Test(sales, commission_tier_edge)
{
	struct fx x;
	struct sales_result *res;

	fx_std(&x, NULL);
	fx_month(&x, "2026-10", EV_HDR
	    "2026-10-10,1,contract,K1,99999.99,全包\n"
	    "2026-10-10,2,contract,K2,100000.00,全包\n"
	    "2026-10-10,3,contract,K3,333.33,\n"
	    "2026-10-10,10,contract,K4,60000.00,\n"
	    "2026-10-20,10,contract,K5,40000.00,\n",
	    NULL, NULL);
	res = fx_run(&x, "2026-10");
	/* 9,999,999 fen x 1.5% = 149,999.985 fen -> 150,000 (half-up). */
	cr_assert_eq(col(res, "1", SALES_COMMISSION), 150000);
	cr_assert_str_eq(item(res, "1", SALES_COMMISSION, NULL)->why,
	    "提成：签单额 99999.99 × 1.5% = 1500.00（未达 100000.00 档，"
	    "按全额）");
	/* 100,000.00 x 2% on the whole amount = 2000.00. */
	cr_assert_eq(col(res, "2", SALES_COMMISSION), 200000);
	/* 33,333 fen x 1.5% = 499.995 -> 500 fen. */
	cr_assert_eq(col(res, "3", SALES_COMMISSION), 500);
	/* Two contracts summing to exactly 100,000.00: 2% on the sum. */
	cr_assert_eq(col(res, "10", SALES_COMMISSION), 200000);
	cr_assert_eq(item(res, "10", SALES_COMMISSION, NULL)->nrefs, 2);
	cr_assert_eq(person(res, "10")->signed_fen, 10000000);
	sales_result_free(res);
	fx_free(&x);
}

static const char S_marginal_plan[] =
    "[plan]\n"
    "id = marginal\n"
    "title = 累进提成\n"
    "roles = salesperson\n"
    "[commission]\n"
    "mode = marginal\n"
    "tier = 0 1.5%\n"
    "tier = 100000.00 2%\n"
    "tier = 200000.00 2.5%\n";

Test(sales, commission_marginal)
{
	struct fx x;
	struct sales_result *res;

	fx_init(&x);
	fx_add(&x, "staff.csv", STAFF3);
	fx_add(&x, "plans/m.plan", S_marginal_plan);
	fx_month(&x, "2026-10", EV_HDR
	    "2026-10-10,1,contract,K1,150000.00,\n"
	    "2026-10-10,2,contract,K2,250000.00,\n"
	    "2026-10-10,3,contract,K3,99999.99,\n",
	    NULL, NULL);
	res = fx_run(&x, "2026-10");
	/* 100000 x 1.5% + 50000 x 2% = 1500 + 1000 = 2500.00. */
	cr_assert_eq(col(res, "1", SALES_COMMISSION), 250000);
	/* 1500 + 2000 + 50000 x 2.5% (1250) = 4750.00. */
	cr_assert_eq(col(res, "2", SALES_COMMISSION), 475000);
	item(res, "2", SALES_COMMISSION, "100000.00 × 1.5% + 100000.00 × 2% "
	    "+ 50000.00 × 2.5% = 4750.00");
	cr_assert_eq(col(res, "3", SALES_COMMISSION), 150000);
	/* A plan without the other rules pays only commission. */
	cr_assert_eq(col(res, "1", SALES_BASE), 0);
	cr_assert_eq(person(res, "1")->total, 250000);
	sales_result_free(res);
	fx_free(&x);
}

/* ---- champions ---- */

Test(sales, champion_tie_on_prospects)
{
	struct fx x;
	struct sales_result *res;

	fx_std(&x, NULL);
	fx_month(&x, "2026-07", EV_HDR
	    "2026-07-10,1,contract,K1,200000.00,\n"
	    "2026-07-10,2,contract,K2,200000.00,\n"
	    "2026-07-03,2,visit,V1,,\n"
	    "2026-07-04,2,visit,V1,,\n"		/* 2: 1 prospect */
	    "2026-07-10,3,contract,K3,150000.00,\n",
	    NULL, NULL);
	res = fx_run(&x, "2026-07");
	/* 1 and 2 tie on 200,000.00; 2 has more prospects (1 > 0). */
	cr_assert_eq(col(res, "2", SALES_CHAMPION), 50000);
	cr_assert_eq(col(res, "1", SALES_CHAMPION), 0);
	cr_assert_str_eq(item(res, "2", SALES_CHAMPION, NULL)->why,
	    "月冠军奖：签单额 200000.00，本月最高；与 1 签单额并列 200000.00，"
	    "准客户 1 个多于 0 个");
	cr_assert_eq(res->nchampions, 1);
	cr_assert_str_eq(res->champions[0].person, "2");
	cr_assert_eq(person(res, "2")->rank, 1);
	cr_assert_eq(person(res, "1")->rank, 2);
	cr_assert_eq(person(res, "3")->rank, 3);
	sales_result_free(res);
	fx_free(&x);
}

Test(sales, champion_tie_on_id_natural_order)
{
	struct fx x;
	struct sales_result *res;

	fx_std(&x, NULL);
	fx_month(&x, "2026-07", EV_HDR
	    "2026-07-10,10,contract,K1,120000.00,\n"
	    "2026-07-11,3,contract,K2,120000.00,\n",
	    NULL, NULL);
	res = fx_run(&x, "2026-07");
	/* Same amount, same prospects (0): the smaller staff id, 3 < 10. */
	cr_assert_eq(col(res, "3", SALES_CHAMPION), 50000);
	cr_assert_eq(col(res, "10", SALES_CHAMPION), 0);
	item(res, "3", SALES_CHAMPION, "准客户同为 0 个，工号 3 小于 10");
	sales_result_free(res);
	fx_free(&x);
}

Test(sales, champion_needs_a_contract)
{
	struct fx x;
	struct sales_result *res;

	fx_std(&x, NULL);
	fx_month(&x, "2026-07", EV_HDR "2026-07-10,1,visit,K1,,\n", NULL, NULL);
	res = fx_run(&x, "2026-07");
	cr_assert_eq(res->nchampions, 0);
	cr_assert_eq(res->col_total[SALES_CHAMPION], 0);
	sales_result_free(res);
	fx_free(&x);
}

/* Q3 2026 with 1 ahead every month; 2 ahead of 3 over the quarter. */
static void
S_q3(struct fx *x, int with_august)
{
	fx_month(x, "2026-07", EV_HDR
	    "2026-07-10,1,contract,K1,300000.00,\n"
	    "2026-07-10,2,contract,K2,250000.00,\n", NULL, NULL);
	if (with_august)
		fx_month(x, "2026-08", EV_HDR
		    "2026-08-10,1,contract,K3,180000.00,\n"
		    "2026-08-12,2,contract,K4,170000.00,\n", NULL, NULL);
	fx_month(x, "2026-09", EV_HDR
	    "2026-09-10,1,contract,K5,90000.00,\n"
	    "2026-09-10,3,contract,K6,80000.00,\n", NULL, NULL);
}

Test(sales, three_monthly_championships_in_a_quarter)
{
	struct fx x;
	struct sales_result *res;
	const struct sales_person *p1;

	fx_std(&x, NULL);
	S_q3(&x, 1);
	res = fx_run(&x, "2026-08");
	/* Not the quarter's last month: the monthly champion only. */
	cr_assert_eq(col(res, "1", SALES_CHAMPION), 50000);
	cr_assert_eq(res->nchampions, 1);
	sales_result_free(res);
	res = fx_run(&x, "2026-09");
	/* Monthly 500 + quarterly (570,000.00) 500 + streak 500 = 1500.00. */
	p1 = person(res, "1");
	cr_assert_eq(p1->col[SALES_CHAMPION], 150000);
	item(res, "1", SALES_CHAMPION, "季冠军奖：2026-07 至 2026-09 签单额合计 "
	    "570000.00，本季最高");
	cr_assert_str_eq(item(res, "1", SALES_CHAMPION, "三连冠")->why,
	    "季度三连冠奖：2026-07、2026-08、2026-09 连续三个月月冠军，追加 "
	    "500.00；本季度三连冠，推荐次月晋升业务经理");
	cr_assert_str_eq(p1->note, "本季度三连冠，推荐次月晋升业务经理");
	cr_assert_eq(res->nchampions, 3);
	cr_assert_eq(res->champions[1].kind, SALES_CHAMP_QUARTER);
	cr_assert_eq(res->champions[1].signed_fen, 57000000);
	cr_assert_eq(res->champions[2].kind, SALES_CHAMP_STREAK);
	/* Commission 90,000.00 x 1.5% = 1350.00; the trend has the quarter. */
	cr_assert_eq(p1->col[SALES_COMMISSION], 135000);
	cr_assert_eq(p1->trend_signed[SALES_TREND - 3], 30000000);
	cr_assert_eq(p1->trend_signed[SALES_TREND - 2], 18000000);
	cr_assert_eq(p1->trend_signed[SALES_TREND - 4], -1);
	sales_result_free(res);
	fx_free(&x);
}

Test(sales, streak_broken_no_bonus)
{
	struct fx x;
	struct sales_result *res;

	fx_std(&x, NULL);
	fx_month(&x, "2026-07", EV_HDR
	    "2026-07-10,2,contract,K1,300000.00,\n", NULL, NULL);
	fx_month(&x, "2026-08", EV_HDR
	    "2026-08-10,1,contract,K3,180000.00,\n", NULL, NULL);
	fx_month(&x, "2026-09", EV_HDR
	    "2026-09-10,1,contract,K5,90000.00,\n", NULL, NULL);
	res = fx_run(&x, "2026-09");
	/* 1: monthly only; 2: quarterly (300,000 > 270,000), no streak. */
	cr_assert_eq(col(res, "1", SALES_CHAMPION), 50000);
	cr_assert_eq(col(res, "2", SALES_CHAMPION), 50000);
	item(res, "2", SALES_CHAMPION, "季冠军奖");
	cr_assert_null(person(res, "1")->note);
	cr_assert_eq(res->nchampions, 2);
	sales_result_free(res);
	fx_free(&x);
}

Test(sales, quarter_needs_earlier_months)
{
	struct fx x;
	struct sales_result *res = (void *)1;

	fx_std(&x, NULL);
	S_q3(&x, 0);
	cr_assert_eq(sales_month_mem(&x.d, NULL, x.f, x.n, "2026-09", &res),
	    -1);
	cr_assert_null(res);
	cr_assert(has_diag(&x.d, "sales/2026-08", 0, 0, "missing: no data "
	    "for 2026-08 (the quarterly champion needs every earlier month"));
	fx_free(&x);
}

Test(sales, quarter_starts_with_the_plan)
{
	struct fx x;
	struct sales_result *res;

	/* The plan starts 2026-05: Q2's champion covers May and June only,
	 * April is not needed. */
	fx_std(&x, NULL);
	fx_month(&x, "2026-05", EV_HDR
	    "2026-05-10,2,contract,K1,300000.00,\n", NULL, NULL);
	fx_month(&x, "2026-06", EV_HDR
	    "2026-06-10,1,contract,K2,200000.00,\n", NULL, NULL);
	res = fx_run(&x, "2026-06");
	cr_assert_eq(col(res, "1", SALES_CHAMPION), 50000);
	cr_assert_eq(col(res, "2", SALES_CHAMPION), 50000);
	item(res, "2", SALES_CHAMPION, "本季只计 2 个月");
	sales_result_free(res);
	fx_free(&x);
}

/* ---- team bonus ---- */

Test(sales, team_exactly_100_percent_uneven_split)
{
	struct fx x;
	struct sales_result *res;
	const struct sales_team *t;

	fx_std(&x, NULL);
	fx_month(&x, "2026-10", EV_HDR
	    "2026-10-10,1,contract,K1,150000.00,\n"
	    "2026-10-10,2,contract,K2,100000.00,\n"
	    "2026-10-10,3,contract,K3,50000.00,\n"
	    "2026-10-10,9,contract,K9,500000.00,经理本人签单\n",
	    NULL, TG_HDR "t1,300000.00\nt2,100000.00\n");
	res = fx_run(&x, "2026-10");
	/* t1: 300,000.00 of 300,000.00 (the 业务经理's own contract is not
	 * the plan's): 500.00 / 3 = 166.66, 2 fen left: to 1 and 2. */
	cr_assert_eq(col(res, "1", SALES_TEAM), 16667);
	cr_assert_eq(col(res, "2", SALES_TEAM), 16667);
	cr_assert_eq(col(res, "3", SALES_TEAM), 16666);
	cr_assert_eq(col(res, "9", SALES_TEAM), 0);
	item(res, "2", SALES_TEAM, "团队 t1 签单额 300000.00 / 目标 300000.00 = "
	    "100.00%，达到 100% 档：团队奖 500.00，3 人均分，每人 166.66，余 2 "
	    "分按排名前 2 位各加 0.01；本人队内排名第 2，+0.01");
	t = &res->teams[0];
	cr_assert_str_eq(t->id, "t1");
	cr_assert_eq(t->signed_fen, 30000000);
	cr_assert_eq(t->bonus, 50000);
	cr_assert_eq(t->share, 16666);
	cr_assert_eq(t->leftover, 2);
	cr_assert_eq(t->attain_ppm, 1000000);
	cr_assert_eq(t->ref.line, 2);
	/* t2: 0 of 100,000.00: no bonus. */
	cr_assert_eq(col(res, "10", SALES_TEAM), 0);
	cr_assert_eq(res->teams[1].bonus, 0);
	sales_result_free(res);
	fx_free(&x);
}

Test(sales, team_110_percent_and_just_below)
{
	struct fx x;
	struct sales_result *res;

	fx_std(&x, NULL);
	fx_month(&x, "2026-10", EV_HDR
	    "2026-10-10,1,contract,K1,200000.00,\n"
	    "2026-10-10,2,contract,K2,130000.00,\n"
	    "2026-10-10,10,contract,K3,109999.99,\n",
	    NULL, TG_HDR "t1,300000.00\nt2,100000.00\n");
	res = fx_run(&x, "2026-10");
	/* t1: 330,000.00 = 110 %: 1000.00 / 3 = 333.33, 1 fen to 1. */
	cr_assert_eq(col(res, "1", SALES_TEAM), 33334);
	cr_assert_eq(col(res, "2", SALES_TEAM), 33333);
	cr_assert_eq(col(res, "3", SALES_TEAM), 33333);
	/* t2: 109,999.99 is below 110 % of 100,000.00: 500.00, one person. */
	cr_assert_eq(col(res, "10", SALES_TEAM), 50000);
	item(res, "10", SALES_TEAM, "= 109.99%，达到 100% 档");
	sales_result_free(res);
	fx_free(&x);
}

Test(sales, team_target_missing_is_an_error)
{
	struct fx x;
	struct sales_result *res;

	fx_std(&x, NULL);
	fx_month(&x, "2026-10", EV_HDR, NULL, TG_HDR "t1,300000.00\n");
	cr_assert_eq(sales_month_mem(&x.d, NULL, x.f, x.n, "2026-10", &res),
	    -1);
	cr_assert(has_diag(&x.d, "sales/2026-10/targets.csv", 0, 0,
	    "no target for team 't2'"));
	fx_free(&x);
}

Test(sales, no_team_no_share)
{
	struct fx x;
	struct sales_result *res;

	fx_std(&x, STAFF_HDR "1,甲,salesperson,,2020-01-01,\n");
	fx_month(&x, "2026-10", EV_HDR "2026-10-10,1,contract,K1,50000.00,\n",
	    NULL, TG_HDR);
	res = fx_run(&x, "2026-10");
	/* No team: no team share, no target needed; 50,000.00 x 1.5 % = 750. */
	cr_assert_eq(col(res, "1", SALES_TEAM), 0);
	item(res, "1", SALES_TEAM, "不属于任何团队");
	cr_assert_eq(col(res, "1", SALES_COMMISSION), 75000);
	cr_assert_eq(res->nteams, 0);
	sales_result_free(res);
	fx_free(&x);
}

/* ---- part of a month ---- */

Test(sales, left_mid_month)
{
	struct fx x;
	struct sales_result *res;
	const struct sales_person *p;

	fx_std(&x, STAFF_HDR
	    "1,甲,salesperson,t1,2020-01-01,2026-07-20\n"
	    "2,乙,salesperson,t1,2026-07-16,\n"
	    "3,丙,salesperson,t1,2020-01-01,2026-06-30\n"
	    "10,丁,salesperson,t2,2020-01-01,\n");
	fx_month(&x, "2026-07", EV_HDR
	    "2026-07-10,1,contract,K1,120000.00,\n"
	    "2026-07-11,1,visit,V1,,\n"
	    "2026-07-12,1,visit,V1,,\n"
	    "2026-07-20,2,contract,K2,10000.00,\n",
	    INC_HDR
	    "2026-07-01,1,late,,\n"
	    "2026-07-02,1,late,,\n"
	    "2026-07-03,1,late,,\n"
	    "2026-07-05,1,missing_record,,\n"
	    "2026-07-06,1,missing_record,,\n"
	    "2026-07-07,1,missing_record,,\n",
	    TG_HDR "t1,100000.00\nt2,100000.00\n");
	res = fx_run(&x, "2026-07");
	p = person(res, "1");
	/* 20 of 31 days: 1000 x 20/31 = 645.161 -> 645.16; 100 -> 64.52;
	 * 200 -> 129.03.  No attendance bonus (even with 3 late), no quota
	 * adjustment; commission 120,000.00 x 2% = 2400.00; month champion
	 * 500.00; team 130,000/100,000 = 130 %: 1000.00 / 2 = 500.00;
	 * fine 30.00.  Total 645.16 + 64.52 + 129.03 + 2400 + 500 + 500 - 30
	 * = 4208.71. */
	cr_assert_eq(p->days, 20);
	cr_assert_eq(p->partial, 1);
	cr_assert_eq(p->col[SALES_BASE], 64516);
	cr_assert_eq(p->col[SALES_PHONE], 6452);
	cr_assert_eq(p->col[SALES_TRANSPORT], 12903);
	cr_assert_eq(p->col[SALES_ATTENDANCE], 0);
	cr_assert_eq(p->col[SALES_QUOTA], 0);
	cr_assert_eq(p->col[SALES_COMMISSION], 240000);
	cr_assert_eq(p->col[SALES_CHAMPION], 50000);
	cr_assert_eq(p->col[SALES_TEAM], 50000);
	cr_assert_eq(p->col[SALES_FINES], 3000);
	cr_assert_eq(p->total, 420871);
	cr_assert_str_eq(item(res, "1", SALES_BASE, NULL)->why,
	    "底薪按在职天数折算：1000.00 × 20/31 天 = 645.16（离职 2026-07-20）");
	cr_assert_eq(item(res, "1", SALES_ATTENDANCE, NULL)->flags,
	    SALES_IT_NOTAPPLIED);
	item(res, "1", SALES_QUOTA, "入职或离职当月不考核");
	/* Joined on the 16th: 16 of 31 days: 516.13, 51.61, 103.23. */
	cr_assert_eq(col(res, "2", SALES_BASE), 51613);
	cr_assert_eq(col(res, "2", SALES_PHONE), 5161);
	cr_assert_eq(col(res, "2", SALES_TRANSPORT), 10323);
	cr_assert_eq(col(res, "2", SALES_TEAM), 50000);
	/* Left before the month: not in it at all. */
	cr_assert_eq(res->npeople, 3);
	sales_result_free(res);
	fx_free(&x);
}

/* ---- the payroll export ---- */

Test(sales, payroll_csv)
{
	struct fx x;
	struct sales_result *res;
	struct buf b = BUF_INIT;

	fx_std(&x, STAFF_HDR
	    "10,\"丁, 小\",salesperson,t1,2020-01-01,\n"
	    "2,乙,salesperson,t1,2020-01-01,\n"
	    "9,经理,business-manager,t1,2020-01-01,\n");
	fx_month(&x, "2026-10", EV_HDR
	    "2026-10-10,2,contract,K1,99999.99,\n",
	    INC_HDR "2026-10-03,10,leave,,\n", TG_HDR "t1,100000.00\n");
	res = fx_run(&x, "2026-10");
	sales_payroll_csv(res, &b);
	/* 2: 1000+100+200+200-250+1500+500 (champion) +0 team (99.99 %).
	 * 10: no attendance bonus (leave). Staff-id order: 2 before 10; the
	 * 业务经理 is not paid by the plan. */
	cr_assert_str_eq(b.data,
	    "person,name,base,phone_allowance,transport_allowance,"
	    "attendance_bonus,quota_adjustment,commission,champion_bonus,"
	    "team_share,fines,total\n"
	    "2,乙,1000.00,100.00,200.00,200.00,-250.00,1500.00,500.00,0.00,"
	    "0.00,3250.00\n"
	    "10,\"丁, 小\",1000.00,100.00,200.00,0.00,-250.00,0.00,0.00,0.00,"
	    "0.00,1050.00\n");
	cr_assert_eq(res->col_total[SALES_COMMISSION], 150000);
	cr_assert_eq(res->total, 325000 + 105000);
	buf_free(&b);
	sales_result_free(res);
	fx_free(&x);
}

Test(sales, month_on_disk)
{
	struct diag d;
	struct sales_result *res;
	char tmpl[] = "/tmp/rb-sales-XXXXXX", *dir, *p;
	FILE *f;

	cr_assert_not_null(mkdtemp(tmpl));
	dir = xasprintf("%s/content", tmpl);
	p = xasprintf("%s/sales/2026-10", dir);
	cr_assert_eq(mkdir_p(p), 0);
	free(p);
	p = xasprintf("%s/plans", dir);
	cr_assert_eq(mkdir_p(p), 0);
	free(p);
#define W(name, text) do { p = xasprintf("%s/%s", dir, name); \
	f = fopen(p, "w"); cr_assert_not_null(f); fputs(text, f); \
	fclose(f); free(p); } while (0)
	W("staff.csv", STAFF3);
	W("plans/salesperson.plan", S_sample_plan());
	W("sales/2026-10/events.csv", EV_HDR);
	W("sales/2026-10/incidents.csv", INC_HDR);
	W("sales/2026-10/targets.csv", TG_HDR "t1,100.00\nt2,100.00\n");
	diag_init(&d);
	cr_assert_eq(sales_month(&d, NULL, dir, "2026-10", &res), 0);
	cr_assert_eq(d.nerr + d.nfatal, 0);
	cr_assert_eq(res->people[0].total, 125000);
	sales_result_free(res);
	/* A bad row: an error at its place, no result. */
	W("sales/2026-10/events.csv", EV_HDR "2026-10-32,1,visit,K,,\n");
	cr_assert_eq(sales_month(&d, NULL, dir, "2026-10", &res), -1);
	cr_assert_null(res);
	cr_assert_eq(diag_exit_code(&d), 1);
	p = xasprintf("%s/sales/2026-10/events.csv", dir);
	cr_assert(has_diag(&d, p, 2, 1, "date '2026-10-32' is not a real "
	    "date"));
	free(p);
	/* A bad month argument is a usage error. */
	diag_free(&d);
	diag_init(&d);
	cr_assert_eq(sales_month(&d, NULL, dir, "2026-13", &res), -1);
	cr_assert_eq(diag_exit_code(&d), 2);
	diag_free(&d);
	p = xasprintf("rm -rf '%s'", tmpl);
	cr_assert_eq(system(p), 0);
	free(p);
	free(dir);
#undef W
}

/* ---- data errors: every bad row, file:line:col ---- */

Test(sales, bad_rows_all_reported)
{
	struct fx x;
	struct sales_result *res;

	fx_std(&x, STAFF_HDR
	    "1,甲,salesperson,t1,2020-01-01,2026-10-15\n"
	    "2,乙,salesperson,t1,2020-01-01,\n");
	fx_month(&x, "2026-10", EV_HDR
	    "2026-10-01,7,visit,K1,,\n"			/* 2: unknown person */
	    "2026-10-01,2,call,K1,,\n"			/* 3: unknown type */
	    "10/1/2026,2,visit,K1,,\n"			/* 4: bad date */
	    "2026-09-30,2,visit,K1,,\n"			/* 5: outside */
	    "2026-10-02,2,contract,K1,,\n"		/* 6: no amount */
	    "2026-10-02,2,contract,K2,-5.00,\n"		/* 7: negative */
	    "2026-10-02,2,contract,K3,1000.005,\n"	/* 8: 3 decimals */
	    "2026-10-20,1,visit,K4,,\n"			/* 9: after left */
	    "2026-10-03,2,visit,客户甲,,\n"
	    "2026-10-03,2,visit,客户甲,,\n"		/* 11: duplicate */
	    "2026-10-04,2,visit,K5,100.00,\n"		/* 12: amount */
	    "2026-10-04,2,visit,,,\n",			/* 13: no client */
	    INC_HDR
	    "2026-10-05,2,late,maybe,\n"		/* 2: exempt */
	    "2026-10-05,2,sick,,\n",			/* 3: kind */
	    TG_HDR "t9,100.00\n");			/* 2: team */
	cr_assert_eq(sales_month_mem(&x.d, NULL, x.f, x.n, "2026-10", &res),
	    -1);
	cr_assert_null(res);
#define EV "sales/2026-10/events.csv"
	cr_assert(has_diag(&x.d, EV, 2, 12, "unknown person '7'"));
	cr_assert(has_diag(&x.d, EV, 3, 14, "unknown type 'call'"));
	cr_assert(has_diag(&x.d, EV, 4, 1, "date '10/1/2026' does not start "
	    "with the year"));
	cr_assert(has_diag(&x.d, EV, 5, 1, "date 2026-09-30 is outside "
	    "2026-10"));
	cr_assert(has_diag(&x.d, EV, 6, 26, "missing contract amount"));
	cr_assert(has_diag(&x.d, EV, 7, 26, "negative contract amount"));
	cr_assert(has_diag(&x.d, EV, 8, 33, "more than 2 decimals"));
	cr_assert(has_diag(&x.d, EV, 9, 12, "1 (甲) was not employed on "
	    "2026-10-20 (left 2026-10-15)"));
	cr_assert(has_diag(&x.d, EV, 11, 1, "duplicate row: the same as "
	    "line 10"));
	cr_assert(has_diag(&x.d, EV, 12, 23, "only contract rows have an "
	    "amount"));
	cr_assert(has_diag(&x.d, EV, 13, 20, "missing client"));
	cr_assert(has_diag(&x.d, "sales/2026-10/incidents.csv", 2, 19,
	    "exempt must be 'yes' (是), 'no' (否) or empty"));
	cr_assert(has_diag(&x.d, "sales/2026-10/incidents.csv", 3, 14,
	    "unknown kind 'sick'"));
	cr_assert(has_diag(&x.d, "sales/2026-10/targets.csv", 2, 1,
	    "unknown team 't9'"));
	cr_assert_eq(x.d.nerr, 14);
#undef EV
	fx_free(&x);
}

Test(sales, staff_errors)
{
	struct fx x;
	struct sales_result *res;

	fx_std(&x, STAFF_HDR
	    "1,甲,salesperson,t1,2020-01-01,\n"
	    "1,甲二,salesperson,t1,2020-01-01,\n"	/* 3: duplicate id */
	    "2,,salesperson,t1,2020-01-01,\n"		/* 4: no name */
	    "3,丙,Sales Person,t1,2020-01-01,\n"	/* 5: bad role */
	    "4,丁,salesperson,t1,2020-02-30,\n"		/* 6: bad hired */
	    "5,戊,salesperson,t1,2021-01-01,2020-12-31\n" /* 7: left < hired */
	    "6,己,salesperson,t1\n");			/* 8: short row */
	fx_month(&x, "2026-10", EV_HDR, NULL, NULL);
	cr_assert_eq(sales_month_mem(&x.d, NULL, x.f, x.n, "2026-10", &res),
	    -1);
	cr_assert(has_diag(&x.d, "staff.csv", 3, 1, "staff id '1' appears "
	    "twice (first at line 2)"));
	cr_assert(has_diag(&x.d, "staff.csv", 4, 3, "missing name"));
	cr_assert(has_diag(&x.d, "staff.csv", 5, 5, "bad role id 'Sales "
	    "Person'"));
	cr_assert(has_diag(&x.d, "staff.csv", 6, 20, "hired date "
	    "'2020-02-30' is not a real date"));
	cr_assert(has_diag(&x.d, "staff.csv", 7, 31, "left date 2020-12-31 "
	    "is before the hired date"));
	cr_assert(has_diag(&x.d, "staff.csv", 8, 19, "4 fields, but the "
	    "header has 6"));
	fx_free(&x);
}

Test(sales, warnings_are_data_problems)
{
	struct fx x;
	struct sales_result *res;

	fx_std(&x, NULL);
	fx_month(&x, "2026-10", "date,person,type,client,amount,note,source\n"
	    "2026-10-01,1,visit,K1,,,crm\n", NULL, NULL);
	fx_add(&x, "sales/2026-10/event.csv", EV_HDR);
	res = fx_run(&x, "2026-10");
	cr_assert_eq(res->nproblems, 2);
	cr_assert_str_eq(res->problems[0].file, "sales/2026-10/event.csv");
	cr_assert_str_eq(res->problems[0].msg, "unknown file ignored; a "
	    "month folder holds events.csv, incidents.csv and targets.csv");
	cr_assert_str_eq(res->problems[1].msg, "unknown column 'source' is "
	    "ignored (expected: date,person,type,client,amount,note)");
	cr_assert_eq(res->problems[1].line, 1);
	cr_assert_eq(res->problems[1].col, 37);
	sales_result_free(res);
	/* Under -Werror a warning fails the month. */
	x.d.werror = 1;
	cr_assert_eq(sales_month_mem(&x.d, NULL, x.f, x.n, "2026-10", &res),
	    -1);
	fx_free(&x);
}

Test(sales, gbk_declared_and_undeclared)
{
	struct fx x;
	struct sales_result *res;
	/* "2026-10-01,1,visit,K1,,张三" with 张三 in GBK (D5C5 C8FD). */
	static const char gbk[] = EV_HDR "2026-10-01,1,visit,K1,,\xD5\xC5"
	    "\xC8\xFD\n" "2026-10-02,1,visit,K1,,\xD5\xC5\xC8\xFD\n";

	fx_std(&x, NULL);
	fx_add(&x, "sales/2026-10/events.gbk.csv", gbk);
	fx_add(&x, "sales/2026-10/incidents.csv", "\xEF\xBB\xBF" INC_HDR);
	fx_add(&x, "sales/2026-10/targets.csv", TG_HDR "t1,1.00\nt2,1.00\n");
	res = fx_run(&x, "2026-10");
	cr_assert_eq(person(res, "1")->prospects, 1);
	sales_result_free(res);
	fx_free(&x);

	fx_std(&x, NULL);
	fx_add(&x, "sales/2026-10/events.csv", gbk);
	fx_add(&x, "sales/2026-10/incidents.csv", INC_HDR);
	fx_add(&x, "sales/2026-10/targets.csv", TG_HDR "t1,1.00\nt2,1.00\n");
	/* undeclared: detected, the same result */
	res = fx_run(&x, "2026-10");
	cr_assert_eq(person(res, "1")->prospects, 1);
	sales_result_free(res);
	fx_free(&x);
}

Test(sales, big5_declared_and_undeclared)
{
	struct fx x;
	struct sales_result *res;
	/* staff.csv with 張三 and 王建國 in Big5 (CP950) */
	static const char b5[] = STAFF_HDR
	    "1,\xB1\x69\xA4\x54,salesperson,t1,2020-01-01,\n"
	    "2,\xA4\xFD\xAB\xD8\xB0\xEA,salesperson,t1,2020-01-01,\n";
	int declared;

	for (declared = 0; declared < 2; declared++) {
		fx_init(&x);
		fx_add(&x, declared ? "staff.big5.csv" : "staff.csv", b5);
		fx_add(&x, "plans/salesperson.plan", S_sample_plan());
		fx_add(&x, "sales/2026-10/events.csv", EV_HDR
		    "2026-10-01,1,visit,K1,,\n2026-10-02,1,visit,K1,,\n");
		fx_add(&x, "sales/2026-10/incidents.csv", INC_HDR);
		fx_add(&x, "sales/2026-10/targets.csv", TG_HDR "t1,1.00\n");
		res = fx_run(&x, "2026-10");
		cr_assert_str_eq(person(res, "1")->name, "張三");
		cr_assert_str_eq(person(res, "2")->name, "王建國");
		cr_assert_eq(person(res, "1")->prospects, 1);
		/* undeclared: read as Big5, with a warning saying so */
		cr_assert_eq(x.d.nwarn, declared ? 0 : 1);
		cr_assert_eq(x.d.nerr, 0);
		sales_result_free(res);
		fx_free(&x);
	}
}

Test(sales, no_plan_no_staff)
{
	struct fx x;
	struct sales_result *res;

	fx_init(&x);
	fx_month(&x, "2026-10", EV_HDR, NULL, NULL);
	cr_assert_eq(sales_month_mem(&x.d, NULL, x.f, x.n, "2026-10", &res),
	    -1);
	cr_assert(has_diag(&x.d, "staff.csv", 0, 0, "missing"));
	cr_assert(has_diag(&x.d, "plans", 0, 0, "no plan"));
	fx_free(&x);
}

Test(sales, overlapping_plans)
{
	struct fx x;
	struct sales_result *res;

	fx_std(&x, NULL);
	fx_add(&x, "plans/zz.plan", "[plan]\nid = zz\ntitle = 重复\n"
	    "roles = business-manager, salesperson\n");
	fx_month(&x, "2026-10", EV_HDR, NULL, NULL);
	cr_assert_eq(sales_month_mem(&x.d, NULL, x.f, x.n, "2026-10", &res),
	    -1);
	cr_assert(has_diag(&x.d, "plans/zz.plan", 4, 27, "role "
	    "'salesperson' is covered by plan 'salesperson'"));
	fx_free(&x);
}

/* ---- with a site: role targets, role checks ---- */

/* Adds a monthly target metric = value to role r. */
static void
S_target(struct rb_role *r, const char *metric, const char *value,
    const char *unit, const struct rb_pos *pos)
{
	struct rb_target *t = rb_role_add_target(r);

	rb_str_set(&t->metric, metric, strlen(metric), pos);
	rb_str_set(&t->value, value, strlen(value), pos);
	rb_str_set(&t->unit, unit, strlen(unit), pos);
	rb_str_set(&t->period, "month", 5, pos);
}

/* 业务经理 (10 invitations, 3 design agreements) and 业务员 (6, 2; and a
 * metric the engine does not count). */
static void
S_site(struct rb_site *site)
{
	static const struct rb_pos pos = { "roles/salesperson.md", 9, 13 };
	struct rb_role *bm, *sp;

	memset(site, 0, sizeof(*site));
	bm = rb_role_new("roles/business-manager.md");
	bm->id = xstrdup("business-manager");
	rb_str_set(&bm->title, "业务经理", strlen("业务经理"), NULL);
	S_target(bm, "invitations", "10", "次", NULL);
	S_target(bm, "design_agreements", "3", "份", NULL);
	sp = rb_role_new("roles/salesperson.md");
	sp->id = xstrdup("salesperson");
	rb_str_set(&sp->title, "业务员", strlen("业务员"), NULL);
	S_target(sp, "invitations", "6", "次", NULL);
	S_target(sp, "design_agreements", "2", "份", NULL);
	S_target(sp, "referrals", "1", "个", &pos);
	site->roles = xcalloc(2, sizeof(*site->roles));
	site->roles[0] = bm;
	site->roles[1] = sp;
	site->nroles = 2;
}

Test(sales, role_targets_from_site)
{
	struct fx x;
	struct rb_site site;
	struct sales_result *res = NULL;
	const struct sales_person *p;
	struct buf ev = BUF_INIT;
	int i;

	S_site(&site);
	fx_std(&x, STAFF_HDR
	    "1,甲,salesperson,t1,2020-01-01,\n"
	    "9,经理,business-manager,t1,2020-01-01,\n");
	buf_puts(&ev, EV_HDR);
	for (i = 1; i <= 10; i++)
		buf_printf(&ev, "2026-10-%02d,9,invitation,K%d,,\n", i, i);
	for (i = 1; i <= 2; i++)
		buf_printf(&ev, "2026-10-%02d,9,design_agreement,K%d,,\n", i,
		    i);
	for (i = 1; i <= 7; i++)
		buf_printf(&ev, "2026-10-%02d,1,invitation,C%d,,\n", i, i);
	buf_puts(&ev, "2026-10-20,1,design_agreement,C1,,\n"
	    "2026-10-21,1,design_agreement,C2,,\n");
	fx_month(&x, "2026-10", ev.data, NULL, TG_HDR "t1,100.00\n");
	cr_assert_eq(sales_month_mem(&x.d, &site, x.f, x.n, "2026-10", &res),
	    0);
	/* 业务经理: 10 of 10 invitations (met), 2 of 3 agreements (not). */
	p = person(res, "9");
	cr_assert_str_eq(p->role_title, "业务经理");
	cr_assert_eq(p->ntargets, 2);
	cr_assert_str_eq(p->targets[0].metric, "invitations");
	cr_assert_eq(p->targets[0].value, 10);
	cr_assert_eq(p->targets[0].actual, 10);
	cr_assert_eq(p->targets[0].met, 1);
	cr_assert_eq(p->targets[1].value, 3);
	cr_assert_eq(p->targets[1].actual, 2);
	cr_assert_eq(p->targets[1].met, 0);
	cr_assert_eq(p->covered, 0);
	/* 业务员: 7 of 6, 2 of 2. */
	p = person(res, "1");
	cr_assert_eq(p->targets[0].actual, 7);
	cr_assert_eq(p->targets[0].met, 1);
	cr_assert_eq(p->targets[1].met, 1);
	cr_assert_str_eq(p->targets[0].unit, "次");
	/* The metric the engine cannot count is left out, without a word:
	 * validation warns of it, once, for report and check alike (the
	 * field table's metrics; tests/cases/target-metric-unknown). */
	p = person(res, "1");
	cr_assert_eq(p->ntargets, 2);
	cr_assert(!has_diag(&x.d, "roles/salesperson.md", 9, 13, "target "
	    "metric 'referrals'"));
	cr_assert_eq(res->nproblems, 0);
	sales_result_free(res);
	buf_free(&ev);
	fx_free(&x);

	/* A staff role or a plan role that is not a role: errors. */
	fx_init(&x);
	fx_add(&x, "staff.csv", STAFF_HDR "1,甲,sales,t1,2020-01-01,\n");
	fx_add(&x, "plans/p.plan", "[plan]\nid = p\ntitle = t\n"
	    "roles = salesperson, manager\n");
	fx_month(&x, "2026-10", EV_HDR, NULL, TG_HDR "t1,100.00\n");
	cr_assert_eq(sales_month_mem(&x.d, &site, x.f, x.n, "2026-10", &res),
	    -1);
	cr_assert(has_diag(&x.d, "staff.csv", 2, 5, "role 'sales' is neither "
	    "a role id nor a role's title"));
	cr_assert(has_diag(&x.d, "plans/p.plan", 4, 22, "role 'manager' is "
	    "not a role"));
	fx_free(&x);
	rb_site_free(&site);
}

/* ---- values ---- */

Test(sales, idcmp_and_fen_str)
{
	char s[32];

	cr_assert_lt(sales_idcmp("2", "10"), 0);
	cr_assert_lt(sales_idcmp("S9", "S10"), 0);
	cr_assert_gt(sales_idcmp("b1", "a2"), 0);
	cr_assert_lt(sales_idcmp("S01", "S1"), 0);	/* tie: bytes */
	cr_assert_eq(sales_idcmp("1003", "1003"), 0);
	cr_assert_str_eq(sales_fen_str(s, -25000), "-250.00");
	cr_assert_str_eq(sales_fen_str(s, 5), "0.05");
	cr_assert_str_eq(sales_fen_str(s, -5), "-0.05");
	cr_assert_str_eq(sales_fen_str(s, 123456789), "1234567.89");
}

