/* fuzz_plan.c — libFuzzer harness: the plan format.  The input is
 * plans/salesperson.plan beside fixed staff and month files, so a plan that
 * parses also runs through the compensation engine and the payroll. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "util/util.h"
#include "sales/sales.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const char S_staff[] =
    "id,name,role,team,hired,left\n"
    "1001,张三,salesperson,a,2026-01-01,\n"
    "1002,李四,salesperson,a,2026-10-10,\n"
    "1003,王五,business-manager,a,2025-01-01,\n";
static const char S_events[] =
    "date,person,type,client,amount,note\n"
    "2026-10-02,1001,visit,c1,,\n"
    "2026-10-03,1001,visit,c1,,\n"
    "2026-10-04,1001,invitation,c1,,\n"
    "2026-10-05,1001,design_agreement,c1,,\n"
    "2026-10-06,1001,contract,c1,120000.00,\n"
    "2026-10-12,1002,visit,c2,,\n"
    "2026-10-13,1002,contract,c2,80000.50,\n";
static const char S_incidents[] =
    "date,person,kind,exempt,note\n"
    "2026-10-07,1001,late,no,\n"
    "2026-10-08,1002,missing_record,no,\n";
static const char S_targets[] = "team,amount\na,200000.00\n";

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag d;
	struct sales_result *res = NULL;
	struct sales_file f[5];
	struct buf out = BUF_INIT;
	char *s = xstrndup((const char *)data, size);
	size_t n = 0;

	f[n++] = (struct sales_file){ "staff.csv", S_staff, 0 };
	f[n++] = (struct sales_file){ "plans/salesperson.plan", s, size };
	f[n++] = (struct sales_file){ "sales/2026-10/events.csv", S_events, 0 };
	f[n++] = (struct sales_file){ "sales/2026-10/incidents.csv",
	    S_incidents, 0 };
	f[n++] = (struct sales_file){ "sales/2026-10/targets.csv",
	    S_targets, 0 };
	diag_init(&d);
	if (sales_month_mem(&d, NULL, f, n, "2026-10", &res) == 0) {
		sales_payroll_csv(res, &out);
		sales_result_free(res);
	}
	buf_free(&out);
	diag_free(&d);
	free(s);
	return 0;
}
