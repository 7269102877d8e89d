/*
 * url.c — the link-target policy: relative references, http:, https: and
 * mailto: only (url.h says how a target is read).
 */
#include <stddef.h>
#include <string.h>
#include "util.h"
#include "url.h"

/* Ignored when reading the scheme: what browsers strip (C0, DEL, space). */
static int
S_ignored(unsigned char c)
{
	return c <= 0x20 || c == 0x7f;
}

/* The scheme's length in s[0..n) (ignored bytes skipped, copied lowered
 * into out, at most outsz - 1 bytes), or 0 when s is a relative reference:
 * no ':' before the first '/', '?' or '#' (*has tells which). */
static size_t
S_scheme(const char *s, size_t n, char *out, size_t outsz, int *has)
{
	size_t i, k = 0;
	unsigned char c;

	*has = 0;
	for (i = 0; i < n; i++) {
		c = (unsigned char)s[i];
		if (S_ignored(c))
			continue;
		if (c == '/' || c == '?' || c == '#')
			break;
		if (c == ':') {
			*has = 1;
			break;
		}
		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c - 'A' + 'a');
		if (k + 1 < outsz)
			out[k] = (char)c;
		k++;
	}
	if (outsz > 0)
		out[k < outsz ? k : outsz - 1] = '\0';
	return k;
}

enum url_verdict
url_check(const char *s, size_t n)
{
	static const char *const ok[] = { "http", "https", "mailto" };
	char sch[8];
	size_t i, k;
	int has;

	k = S_scheme(s, n, sch, sizeof(sch), &has);
	if (has) {
		for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
			if (k == strlen(ok[i]) && strcmp(sch, ok[i]) == 0)
				break;
		if (i == sizeof(ok) / sizeof(ok[0]))
			return URL_SCHEME;
	}
	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return URL_CONTROL;
	return URL_OK;
}

int
url_allowed(const char *s)
{
	return url_check(s, strlen(s)) == URL_OK;
}

void
url_why(struct buf *b, const char *s, enum url_verdict v)
{
	char sch[33];
	size_t i, k;
	int has;

	if (v == URL_CONTROL) {
		for (i = 0; s[i] && (unsigned char)s[i] >= 0x20 &&
		    s[i] != 0x7f; i++)
			;
		buf_printf(b, "link target holds the control character "
		    "U+%04X",
		    (unsigned char)s[i]);
		return;
	}
	k = S_scheme(s, strlen(s), sch, sizeof(sch), &has);
	/* printable ASCII only: the name goes into a diagnostic */
	for (i = 0; sch[i]; i++)
		if ((unsigned char)sch[i] < 0x21 || (unsigned char)sch[i] > 0x7e)
			sch[i] = '?';
	buf_printf(b, "link scheme '%s%s:' is not allowed (only relative "
	    "links and http:, https:, mailto:)", sch, k >= sizeof(sch) ? "..." : "");
}
