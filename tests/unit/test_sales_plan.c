/*
 * test_sales_plan.c — Criterion tests of the compensation plan parser
 * (src/sales/plan.c): the sample plan reads as docs/PRODUCT.md says, and
 * every kind of mistake is reported at its line and column.
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

TestSuite(sales_plan, .init = S_init, .fini = S_fini);

static struct plan *
parse(const char *text)
{
	return plan_parse(&S_d, NULL, "p.plan", text, strlen(text));
}

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

Test(sales_plan, sample_plan_reads_as_product_says)
{
	static const char *const paths[] = {
	    "../../content/plans/salesperson.plan",
	    "content/plans/salesperson.plan", NULL };
	struct plan *p;
	char *text = NULL;
	size_t len, i;

	for (i = 0; paths[i] && text == NULL; i++)
		if (file_read(paths[i], 0, &text, &len) == -1)
			text = NULL;
	cr_assert_not_null(text);
	p = plan_parse(&S_d, NULL, "salesperson.plan", text, len);
	free(text);
	cr_assert_not_null(p);
	cr_assert_eq(S_d.n, 0);
	cr_assert_str_eq(p->id, "salesperson");
	cr_assert_eq(p->nroles, 1);
	cr_assert_str_eq(p->roles[0], "salesperson");
	cr_assert_eq(p->from, 202605);
	/* 1. base 1000.00, prorated. */
	cr_assert_eq(p->base.amount, 100000);
	cr_assert_eq(p->base.partial, PARTIAL_PRORATE);
	/* 2. allowances and their forfeits. */
	cr_assert_eq(p->phone.amount, 10000);
	cr_assert_eq(p->phone.nconds, 1);
	cr_assert_eq(p->phone.conds[0].kind, INC_PHONE_BLOCKED);
	cr_assert_eq(p->phone.conds[0].min, 1);
	cr_assert_eq(p->transport.amount, 20000);
	cr_assert_eq(p->transport.conds[0].kind, INC_TRANSPORT_LATE);
	/* 3. attendance: any leave, or 3+ late; not for part months. */
	cr_assert_eq(p->attendance.amount, 20000);
	cr_assert_eq(p->attendance.nconds, 2);
	cr_assert_eq(p->attendance.conds[0].kind, INC_LEAVE);
	cr_assert_eq(p->attendance.conds[0].min, 1);
	cr_assert_eq(p->attendance.conds[1].kind, INC_LATE);
	cr_assert_eq(p->attendance.conds[1].min, 3);
	cr_assert_eq(p->attendance.partial, PARTIAL_NONE);
	/* 4. quota 5, +200 / -50, 2 visits. */
	cr_assert_eq(p->quota.target, 5);
	cr_assert_eq(p->quota.visits, 2);
	cr_assert_eq(p->quota.bonus, 20000);
	cr_assert_eq(p->quota.penalty, 5000);
	cr_assert_eq(p->quota.partial, PARTIAL_NONE);
	/* 5. flat 1.5 % below 100,000.00, 2 % from it. */
	cr_assert_eq(p->commission.marginal, 0);
	cr_assert_eq(p->commission.ntiers, 2);
	cr_assert_eq(p->commission.tiers[0].from, 0);
	cr_assert_eq(p->commission.tiers[0].val, 15000);
	cr_assert_eq(p->commission.tiers[1].from, 10000000);
	cr_assert_eq(p->commission.tiers[1].val, 20000);
	/* 6. two warnings, then 30.00 each, into the fund. */
	cr_assert_eq(p->fines.kind, INC_MISSING_RECORD);
	cr_assert_eq(p->fines.warnings, 2);
	cr_assert_eq(p->fines.amount, 3000);
	cr_assert_str_eq(p->fines.fund, "部门活动经费");
	/* 7. champions 500.00 each, ranked signed, prospects, id. */
	cr_assert_eq(p->champ_month.amount, 50000);
	cr_assert_eq(p->champ_month.rank.n, 3);
	cr_assert_eq(p->champ_month.rank.key[0], RANK_SIGNED);
	cr_assert_eq(p->champ_month.rank.key[1], RANK_PROSPECTS);
	cr_assert_eq(p->champ_month.rank.key[2], RANK_ID);
	cr_assert_eq(p->champ_quarter.amount, 50000);
	cr_assert_eq(p->streak.amount, 50000);
	cr_assert(strstr(p->streak.note, "晋升业务经理") != NULL);
	/* 8. team 100 % -> 500.00, 110 % -> 1000.00. */
	cr_assert_eq(p->team.ntiers, 2);
	cr_assert_eq(p->team.tiers[0].from, 1000000);
	cr_assert_eq(p->team.tiers[0].val, 50000);
	cr_assert_eq(p->team.tiers[1].from, 1100000);
	cr_assert_eq(p->team.tiers[1].val, 100000);
	cr_assert_eq(plan_covers(p, "salesperson", 202610), 1);
	cr_assert_eq(plan_covers(p, "salesperson", 202604), 0);
	cr_assert_eq(plan_covers(p, "business-manager", 202610), 0);
	plan_free(p);
}

Test(sales_plan, minimal_and_defaults)
{
	struct plan *p;

	p = parse("[plan]\r\nid = x\ntitle = 标题 # comment\n"
	    "roles = a, b c\n[base]\namount = 1\n");
	cr_assert_not_null(p);
	cr_assert_str_eq(p->title, "标题");
	cr_assert_eq(p->nroles, 3);
	cr_assert_str_eq(p->roles[2], "c");
	cr_assert_eq(p->base.amount, 100);
	cr_assert_str_eq(p->base.label, "底薪");
	cr_assert_eq(p->phone.on, 0);
	cr_assert_eq(p->team.on, 0);
	plan_free(p);
}

Test(sales_plan, errors_with_positions)
{
	cr_assert_null(parse(
	    "[plan]\n"
	    "id = Bad_Id\n"				/* 2:6 */
	    "title = t\n"
	    "roles = salesperson, salesperson\n"	/* 4:22 */
	    "from = 2026-5\n"				/* 5:8 */
	    "colour = red\n"				/* 6:1 */
	    "[base]\n"
	    "amount = 1000.001\n"			/* 8:17 */
	    "amount = 2\n"				/* 9:1 */
	    "[attendance]\n"
	    "amount = 200\n"
	    "forfeit = late > 3\n"			/* 12:11 */
	    "forfeit = tardy >= 3\n"			/* 13:11 */
	    "partial = half\n"				/* 14:11 */
	    "[commission]\n"
	    "mode = steep\n"				/* 16:8 */
	    "tier = 100.00 2%\n"			/* 17:8 */
	    "[team]\n"
	    "tier = 110% 1000.00\n"
	    "tier = 100% 500.00\n"			/* 20:8 */
	    "rank = id, signed\n"			/* 21:8 */
	    "[bonus]\n"					/* 22:2 */
	    "amount = 1\n"
	    "[quota]\n"
	    "target = five\n"				/* 25:10 */
	    "just words\n"				/* 26:1 */
	    "[champion streak\n"));			/* 27:16 */
	cr_assert(has_diag(2, 6, "bad plan id 'Bad_Id'"));
	cr_assert(has_diag(4, 22, "role 'salesperson' listed twice"));
	cr_assert(has_diag(5, 8, "bad month '2026-5'"));
	cr_assert(has_diag(6, 1, "unknown key 'colour' in [plan]; expected "
	    "id, title, roles, from, until"));
	cr_assert(has_diag(8, 17, "has more than 2 decimals"));
	cr_assert(has_diag(9, 1, "'amount' is given twice in [base] (first "
	    "at line 8)"));
	cr_assert(has_diag(12, 11, "forfeit must read 'KIND >= N'"));
	cr_assert(has_diag(13, 11, "unknown incident kind 'tardy'"));
	cr_assert(has_diag(14, 11, "partial must be prorate, full or none"));
	cr_assert(has_diag(16, 8, "mode must be flat"));
	cr_assert(has_diag(17, 8, "the first commission tier must start at "
	    "0.00"));
	cr_assert(has_diag(20, 8, "tiers must be in ascending order"));
	cr_assert(has_diag(21, 8, "'id' must be the last rank key"));
	cr_assert(has_diag(22, 2, "unknown section [bonus]"));
	cr_assert(has_diag(25, 10, "'five' is not a whole number"));
	cr_assert(has_diag(26, 1, "expected '[section]' or 'key = value'"));
	cr_assert(has_diag(27, 16, "section header must end with ']'"));
	/* Required keys, at their section's line. */
	cr_assert(has_diag(24, 1, "[quota] needs 'bonus'"));
}

Test(sales_plan, structure_errors)
{
	cr_assert_null(parse("id = x\n"));
	cr_assert(has_diag(1, 1, "'id' outside a section; a plan starts "
	    "with [plan]"));
	cr_assert(has_diag(1, 1, "no [plan] section"));
	cr_assert_null(parse("[plan]\nid = x\ntitle = t\nroles = r\n"
	    "[champion streak]\namount = 500\n[plan]\n"));
	cr_assert(has_diag(5, 1, "[champion streak] needs [champion month]"));
	cr_assert(has_diag(7, 2, "section [plan] appears twice (first at line "
	    "1)"));
	cr_assert_null(parse("[plan]\nid = x\ntitle = t\nroles = r\n"
	    "from = 2026-10\nuntil = 2026-01\n"));
	cr_assert(has_diag(1, 1, "until is before from"));
}

Test(sales_plan, columns_count_characters)
{
	/* "roles = 业务/, B.d": B.d is at byte 18 but character 14. */
	cr_assert_null(parse("[plan]\nid = x\ntitle = t\n"
	    "roles = 业务/, B.d\n"));
	cr_assert(has_diag(4, 9, "bad role id '业务/'"));
	cr_assert(has_diag(4, 14, "bad role id 'B.d'"));
	cr_assert_null(parse("[plan]\nid = x\ntitle = 标题\troles\n"));
	cr_assert(has_diag(1, 1, "[plan] needs 'roles'"));
}
