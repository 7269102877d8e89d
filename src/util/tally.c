/*
 * tally.c — counting a run's output files and the summary line (tally.h).
 */
#include <string.h>
#include "tally.h"

void
tally_file(struct tally *t, const char *path, int written)
{
	static const char *const ext[] = { ".html", ".pdf", ".csv", ".css",
	    ".xlsx" };
	size_t n = strlen(path), e, k;

	if (t == NULL)
		return;
	if (!written) {
		t->kept++;
		return;
	}
	for (k = 0; k < TALLY_OTHER; k++) {
		e = strlen(ext[k]);
		if (n >= e && strcmp(path + n - e, ext[k]) == 0)
			break;
	}
	t->written[k]++;
}

/* n with a comma between thousands: 1,013. */
static void
S_count(struct buf *out, size_t n)
{
	if (n >= 1000) {
		S_count(out, n / 1000);
		buf_printf(out, ",%03zu", n % 1000);
	} else
		buf_printf(out, "%zu", n);
}

void
tally_line(const struct tally *t, double secs, struct buf *out)
{
	static const char *const one[] = { "page", "PDF", "CSV file",
	    "stylesheet", "workbook", "other file" };
	static const char *const many[] = { "pages", "PDFs", "CSV files",
	    "stylesheets", "workbooks", "other files" };
	size_t k;
	int any = 0;

	buf_puts(out, "rolebook: ");
	for (k = 0; k < TALLY_NKINDS; k++) {
		if (t->written[k] == 0)
			continue;
		if (any++)
			buf_puts(out, ", ");
		S_count(out, t->written[k]);
		buf_printf(out, " %s", t->written[k] == 1 ? one[k] : many[k]);
	}
	buf_puts(out, any ? " written" : "nothing written");
	if (t->kept > 0) {
		buf_puts(out, " (");
		S_count(out, t->kept);
		buf_puts(out, " unchanged)");
	}
	buf_printf(out, " in %.2f s\n", secs);
}
