/*
 * sales_driver.c — "sales_driver dump YYYY-MM [DIR]" prints the whole
 * result of sales_month() without a site (no role targets), with every
 * explanation, for reviewing the engine by eye.
 * Not a Criterion test (the name does not start with test_).
 */
#include <stdio.h>
#include <string.h>
#include "sales/sales.h"

/* Prints everything in res, one fact per line. */
static void
S_dump(const struct sales_result *res)
{
	const struct sales_person *sp;
	const struct sales_team *t;
	char a[32], b[32];
	size_t i, j, k;
	int sl;

	printf("month %s (%d days)\n", res->month, res->days);
	for (i = 0; i < res->npeople; i++) {
		sp = &res->people[i];
		printf("\n%s %s %s team=%s plan=%s days=%d rank=%d "
		    "signed=%s prospects=%d total=%s%s%s\n", sp->id, sp->name,
		    sp->role, sp->team ? sp->team : "-",
		    sp->plan ? sp->plan : "-", sp->days, sp->rank,
		    sales_fen_str(a, sp->signed_fen), sp->prospects,
		    sales_fen_str(b, sp->total), sp->note ? " note=" : "",
		    sp->note ? sp->note : "");
		for (j = 0; j < sp->nitems; j++) {
			printf("  %-19s %10s  %s", sales_col_name[
			    sp->items[j].col], sales_fen_str(a,
			    sp->items[j].fen), sp->items[j].why);
			for (k = 0; k < sp->items[j].nrefs; k++)
				printf("%s%d", k ? "," : " @", sp->items[j].refs[k].line);
			putchar('\n');
		}
		for (j = 0; j < sp->ntargets; j++)
			printf("  target %s %lld/%lld%s\n", sp->targets[j].metric,
			    (long long)sp->targets[j].actual,
			    (long long)sp->targets[j].value,
			    sp->targets[j].met ? " met" : "");
		printf("  trend");
		for (sl = 0; sl < SALES_TREND; sl++)
			printf(" %s", sp->trend_signed[sl] < 0 ? "-" :
			    sales_fen_str(a, sp->trend_signed[sl]));
		putchar('\n');
	}
	putchar('\n');
	for (i = 0; i < res->nteams; i++) {
		t = &res->teams[i];
		printf("team %s: %s\n  trend", t->id, t->why ? t->why : "-");
		for (sl = 0; sl < SALES_TREND; sl++)
			printf(" %s/%s", t->trend_signed[sl] < 0 ? "-" :
			    sales_fen_str(a, t->trend_signed[sl]),
			    t->trend_target[sl] < 0 ? "-" :
			    sales_fen_str(b, t->trend_target[sl]));
		putchar('\n');
	}
	for (i = 0; i < res->nchampions; i++)
		printf("champion %d %s: %s\n", res->champions[i].kind,
		    res->champions[i].person, res->champions[i].why);
	for (i = 0; i < res->nwarnings; i++)
		printf("warning %s: %s\n", res->warnings[i].person,
		    res->warnings[i].text);
	for (i = 0; i < res->nproblems; i++)
		printf("problem %s:%d: %s\n", res->problems[i].file,
		    res->problems[i].line, res->problems[i].msg);
	printf("total %s fund %s\n", sales_fen_str(a, res->total),
	    sales_fen_str(b, res->fund));
}

int
main(int argc, char *argv[])
{
	struct sales_result *res;
	struct diag d;
	int rc;

	if (argc < 3 || strcmp(argv[1], "dump") != 0) {
		fputs("usage: sales_driver dump YYYY-MM [DIR]\n", stderr);
		return 2;
	}
	diag_init(&d);
	if (sales_month(&d, NULL, argc > 3 ? argv[3] : "content", argv[2],
	    &res) == 0) {
		S_dump(res);
		sales_result_free(res);
	}
	rc = diag_exit_code(&d);
	diag_flush(&d, stderr);
	diag_free(&d);
	return rc;
}
