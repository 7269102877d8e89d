/*
 * linebreak.c — line-break opportunities (see linebreak.h).  STUB: the
 * real implementation lands shortly.
 */
#include <string.h>
#include "linebreak.h"

void
lb_breaks(const char *s, size_t n, char *brk)
{
	size_t i;

	for (i = 0; i < n; i++)
		brk[i] = ((unsigned char)s[i] & 0xC0) == 0x80 ? LB_INSIDE : LB_ALLOW;
	if (n > 0)
		brk[n - 1] = LB_MUST;
}

int lb_is_cjk(uint32_t cp) { return cp >= 0x3000 && cp <= 0x9FFF; }
int lb_no_start(uint32_t cp) { return 0; }
int lb_no_end(uint32_t cp) { return 0; }
int lb_newline_is_space(uint32_t a, uint32_t b) { return !(lb_is_cjk(a) && lb_is_cjk(b)); }
