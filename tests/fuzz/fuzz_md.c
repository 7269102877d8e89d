/* fuzz_md.c — libFuzzer harness: Markdown role loading (front matter,
 * sections, rich text) on arbitrary bytes. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "util/util.h"
#include "load/load.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag d;
	char *s = xstrndup((const char *)data, size);

	diag_init(&d);
	rb_role_free(load_role_md(&d, "fuzz.md", s, size));
	diag_free(&d);
	free(s);
	return 0;
}
