/* fuzz_theme.c — libFuzzer harness: the PDF theme file parser
 * (pdf_theme_parse, templates/theme.conf's format). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "util/util.h"
#include "pdf/pdf.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pdf_theme th;
	struct diag d;
	char *s = xstrndup((const char *)data, size);

	diag_init(&d);
	pdf_theme_default(&th);
	pdf_theme_parse(&d, "theme.conf", s, size, &th);
	pdf_theme_free(&th);
	diag_free(&d);
	free(s);
	return 0;
}
