/* fuzz_url.c — libFuzzer harness: the link-target policy (src/util/url.c).
 * Besides crashes it checks the policy against a second, plain reading of
 * the rule: an allowed target holds no ASCII control character, and with
 * controls and spaces removed and lowered it does not start with
 * javascript:, vbscript:, data: or file:; url_why always says something. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "util/util.h"
#include "util/url.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const bad[] = {
		"javascript:", "vbscript:", "data:", "file:"
	};
	enum url_verdict v = url_check((const char *)data, size);
	char *s = xstrndup((const char *)data, size), *t;
	struct buf b = BUF_INIT;
	size_t i, k;

	if (v == URL_OK) {
		t = xmalloc(size + 1);
		for (i = k = 0; i < size; i++) {
			if (data[i] < 0x20 || data[i] == 0x7f)
				abort();	/* a control character passed */
			if (data[i] == ' ')
				continue;
			t[k++] = (char)(data[i] >= 'A' && data[i] <= 'Z' ?
			    data[i] + 32 : data[i]);
		}
		t[k] = '\0';
		for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
			if (strncmp(t, bad[i], strlen(bad[i])) == 0)
				abort();	/* a script scheme passed */
		free(t);
	} else {
		/* the NUL-terminated reading agrees unless the refusal came
		 * after a NUL */
		if (strlen(s) == size && url_allowed(s))
			abort();
		url_why(&b, s, v);
		if (b.len == 0)
			abort();
		buf_free(&b);
	}
	free(s);
	return 0;
}
