/* fuzz_linebreak.c — libFuzzer harness: the PDF line breaker (lb_breaks
 * in src/pdf/linebreak.h) on arbitrary bytes, checking its contract: every
 * continuation byte of a valid sequence is LB_INSIDE, every other entry is
 * LB_NO, LB_ALLOW or LB_MUST, and the last character is LB_MUST. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "util/util.h"
#include "pdf/linebreak.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	char *brk;
	size_t i, k, last = 0;
	uint32_t cp;

	if (size == 0)
		return 0;
	brk = xmalloc(size);
	memset(brk, 0x55, size);
	lb_breaks(s, size, brk);
	for (i = 0; i < size; i += k) {
		if ((k = utf8_decode(s + i, size - i, &cp)) == 0)
			k = 1;
		if (brk[i] != LB_NO && brk[i] != LB_ALLOW && brk[i] != LB_MUST)
			abort();
		last = i;
		while (--k > 0)
			if (brk[++i] != LB_INSIDE)
				abort();
		k = 1;
	}
	if (brk[last] != LB_MUST)
		abort();
	free(brk);
	return 0;
}
