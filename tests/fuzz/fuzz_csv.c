/* fuzz_csv.c — libFuzzer harness: CSV ingestion (decoding, the date and
 * amount forms, header aliases, the row loader, repeated-problem
 * summaries) and the engine, with the input as one month's events.csv
 * beside a fixed staff list and plan, then as events.big5.csv (declared
 * Big5), then as staff.csv beside a fixed month. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "util/util.h"
#include "sales/sales.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const char S_staff[] =
    "id,name,role,team,hired,left\n"
    "1001,张三,salesperson,a,2026-01-01,\n"
    "1002,李四,salesperson,a,2026-01-01,\n";
static const char S_targets[] = "team,amount\na,200000.00\n";
static const char S_incidents[] = "date,person,kind,exempt,note\n";
static const char S_events[] = "日期,工号,类型,客户,金额,备注\n"
    "2026/10/2,1001,签单,K1,\"￥1,200.00\",\n"
    "2026年10月3日,1002,上门,K2,,\n";

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag d;
	struct sales_result *res = NULL;
	struct sales_file f[5];
	char *plan = NULL, *s = xstrndup((const char *)data, size);
	size_t planlen = 0, n = 0;

	if (file_read("content/plans/salesperson.plan", 0, &plan, &planlen))
		plan = xstrdup("");
	f[n++] = (struct sales_file){ "staff.csv", S_staff, 0 };
	f[n++] = (struct sales_file){ "plans/salesperson.plan", plan, 0 };
	f[n++] = (struct sales_file){ "sales/2026-10/events.csv", s, size };
	f[n++] = (struct sales_file){ "sales/2026-10/incidents.csv",
	    S_incidents, 0 };
	f[n++] = (struct sales_file){ "sales/2026-10/targets.csv",
	    S_targets, 0 };
	diag_init(&d);
	if (sales_month_mem(&d, NULL, f, n, "2026-10", &res) == 0)
		sales_result_free(res);
	diag_free(&d);
	/* the same, declared Big5 by its name */
	f[2].path = "sales/2026-10/events.big5.csv";
	diag_init(&d);
	if (sales_month_mem(&d, NULL, f, n, "2026-10", &res) == 0)
		sales_result_free(res);
	diag_free(&d);
	/* the input as staff.csv, the month's events fixed */
	f[0] = (struct sales_file){ "staff.csv", s, size };
	f[2] = (struct sales_file){ "sales/2026-10/events.csv", S_events, 0 };
	diag_init(&d);
	if (sales_month_mem(&d, NULL, f, n, "2026-10", &res) == 0)
		sales_result_free(res);
	diag_free(&d);
	free(plan);
	free(s);
	return 0;
}
