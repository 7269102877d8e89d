/* fuzz_csvout.c — libFuzzer harness: the payroll CSV writer.
 *
 * 1. sales_payroll_text() on the input as one text: the written field, read
 *    back by RFC 4180, must be the text itself, or ' and the text when the
 *    text starts with =, +, -, @, tab or CR; it never starts with one of
 *    those (no cell a spreadsheet evaluates).
 * 2. The input as a staff name in staff.csv, through the engine and
 *    sales_payroll_csv(): every record has 12 fields, the text fields never
 *    start with a risky character and the amounts are plain numbers. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "util/util.h"
#include "sales/sales.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Reads one RFC 4180 field at *p (up to end) into out; moves *p past it
 * (onto the ',' or '\n' that ends it, or end).  Aborts on bad syntax: the
 * writer must only ever write good CSV. */
static void
S_field(const char **p, const char *end, struct buf *out)
{
	const char *s = *p;

	buf_reset(out);
	if (s < end && *s == '"') {
		for (s++; ; s++) {
			if (s == end)
				abort();	/* unterminated quote */
			if (*s == '"') {
				if (s + 1 < end && s[1] == '"') {
					buf_putc(out, '"');
					s++;
					continue;
				}
				s++;
				break;
			}
			buf_putc(out, *s);
		}
		if (s < end && *s != ',' && *s != '\n')
			abort();	/* text after the closing quote */
	} else {
		for (; s < end && *s != ',' && *s != '\n'; s++) {
			if (*s == '"' || *s == '\r')
				abort();	/* needed quoting */
			buf_putc(out, *s);
		}
	}
	*p = s;
}

/* The OWASP list, written out here and not taken from the writer, so that
 * a change to the writer's list shows. */
static int
S_risky_c(int c)
{
	return c != '\0' && strchr("=+-@\t\r", c) != NULL;
}

static int
S_risky(const struct buf *b)
{
	return b->len > 0 && S_risky_c((unsigned char)b->data[0]);
}

/* Is b a payroll amount: -?digits.2digits? */
static int
S_number(const struct buf *b)
{
	size_t i = 0, n = b->len;

	if (i < n && b->data[i] == '-')
		i++;
	if (n < i + 4 || b->data[n - 3] != '.')
		return 0;
	for (; i < n; i++)
		if (i != n - 3 && (b->data[i] < '0' || b->data[i] > '9'))
			return 0;
	return 1;
}

static void
S_writer(const char *s)
{
	struct buf w = BUF_INIT, v = BUF_INIT;
	const char *p;

	sales_payroll_text(&w, s);
	p = w.data ? w.data : "";
	S_field(&p, p + w.len, &v);
	if (p != w.data + w.len || S_risky(&v))
		abort();
	if (S_risky_c((unsigned char)*s)) {
		if (v.len != strlen(s) + 1 || v.data[0] != '\'' ||
		    memcmp(v.data + 1, s, v.len - 1) != 0)
			abort();
	} else if (v.len != strlen(s) || memcmp(v.data ? v.data : "", s,
	    v.len) != 0)
		abort();
	buf_free(&w);
	buf_free(&v);
}

static void
S_payroll(const char *name)
{
	static const char S_targets[] = "team,amount\na,200000.00\n";
	static const char S_incidents[] = "date,person,kind,exempt,note\n";
	static const char S_events[] = "date,person,type,client,amount,note\n"
	    "2026-10-02,1001,contract,K1,1200.00,\n";
	struct diag d;
	struct sales_result *res = NULL;
	struct sales_file f[5];
	struct buf staff = BUF_INIT, out = BUF_INIT, v = BUF_INIT;
	char *plan = NULL;
	const char *p, *end, *q;
	size_t planlen = 0, n = 0;
	int k;

	if (file_read("content/plans/salesperson.plan", 0, &plan, &planlen))
		plan = xstrdup("");
	buf_puts(&staff, "id,name,role,team,hired,left\n1001,\"");
	for (q = name; *q; q++) {
		if (*q == '"')
			buf_putc(&staff, '"');
		buf_putc(&staff, *q);
	}
	buf_puts(&staff, "\",salesperson,a,2026-01-01,\n");
	f[n++] = (struct sales_file){ "staff.csv", staff.data, staff.len };
	f[n++] = (struct sales_file){ "plans/salesperson.plan", plan, 0 };
	f[n++] = (struct sales_file){ "sales/2026-10/events.csv", S_events, 0 };
	f[n++] = (struct sales_file){ "sales/2026-10/incidents.csv",
	    S_incidents, 0 };
	f[n++] = (struct sales_file){ "sales/2026-10/targets.csv",
	    S_targets, 0 };
	diag_init(&d);
	if (sales_month_mem(&d, NULL, f, n, "2026-10", &res) == 0) {
		sales_payroll_csv(res, &out);
		p = out.data;
		end = out.data + out.len;
		/* the header line, then one record per person */
		p = memchr(p, '\n', out.len) + 1;
		while (p < end) {
			for (k = 0; ; k++) {
				S_field(&p, end, &v);
				if (k < 2 ? S_risky(&v) : !S_number(&v))
					abort();
				if (p == end)
					abort();	/* no line end */
				if (*p++ == '\n')
					break;
			}
			if (k != 11)
				abort();
		}
		sales_result_free(res);
	}
	diag_free(&d);
	buf_free(&staff);
	buf_free(&out);
	buf_free(&v);
	free(plan);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = xstrndup((const char *)data, size);	/* up to a NUL */

	S_writer(s);
	if (size < 4096)
		S_payroll(s);
	free(s);
	return 0;
}
