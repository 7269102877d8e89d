/*
 * utf8.c — strict UTF-8 decoding and byte-to-character column conversion,
 * so that every diagnostic counts columns in characters.
 */
#include <string.h>
#include "util.h"

size_t
utf8_decode(const char *s, size_t n, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	uint32_t c, min;
	size_t len, i;

	*cp = 0xFFFD;
	if (n == 0)
		return 0;
	c = u[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if (c >= 0xC2 && c <= 0xDF) {
		len = 2; c &= 0x1F; min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3; c &= 0x0F; min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4; c &= 0x07; min = 0x10000;
	} else
		return 0;
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((u[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (u[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return len;
}

const char *
utf8_invalid(const char *s, size_t n)
{
	size_t i = 0, k;
	uint32_t cp;

	const unsigned char *u = (const unsigned char *)s;

	while (i < n) {
		if (u[i] < 0x80) {
			uint64_t w;

			/* ASCII runs eight bytes at a time */
			for (i++; i + 8 <= n; i += 8) {
				memcpy(&w, u + i, 8);
				if (w & 0x8080808080808080ULL)
					break;
			}
			continue;
		}
		/* the common CJK case, E1..EC (no surrogates, no overlongs) */
		if (u[i] >= 0xE1 && u[i] <= 0xEC && i + 2 < n &&
		    (u[i + 1] & 0xC0) == 0x80 && (u[i + 2] & 0xC0) == 0x80) {
			i += 3;
			continue;
		}
		if ((k = utf8_decode(s + i, n - i, &cp)) == 0)
			return s + i;
		i += k;
	}
	return NULL;
}

size_t
utf8_count(const char *s, size_t n)
{
	size_t i = 0, k, count = 0;
	uint32_t cp;

	const unsigned char *u = (const unsigned char *)s;

	while (i < n) {
		if (u[i] < 0x80)
			k = 1;
		else if (u[i] >= 0xE1 && u[i] <= 0xEC && i + 2 < n &&
		    (u[i + 1] & 0xC0) == 0x80 && (u[i + 2] & 0xC0) == 0x80)
			k = 3;	/* the common CJK case, as utf8_invalid() */
		else if ((k = utf8_decode(s + i, n - i, &cp)) == 0)
			k = 1;
		i += k;
		count++;
	}
	return count;
}

void
utf8_linecol(const char *text, size_t off, int *line, int *col)
{
	const char *p, *ls = text, *end = text + off;
	int l = 1;

	for (p = text; p < end; p++)
		if (*p == '\n') {
			l++;
			ls = p + 1;
		}
	*line = l;
	*col = (int)utf8_count(ls, (size_t)(end - ls)) + 1;
}

int
utf8_bytecol_to_col(const char *line, int bytecol)
{
	size_t n = 0;

	if (bytecol <= 1)
		return bytecol < 1 ? 0 : 1;
	while (n < (size_t)(bytecol - 1) && line[n] != '\0' && line[n] != '\n')
		n++;
	return (int)utf8_count(line, n) + 1;
}

int
utf8_bytecol_to_col_valid(const char *line, int bytecol)
{
	const unsigned char *u = (const unsigned char *)line;
	const char *nl;
	size_t n, i, cont = 0;
	uint64_t w;

	if (bytecol <= 1)
		return bytecol < 1 ? 0 : 1;
	n = strnlen(line, (size_t)(bytecol - 1));
	if ((nl = memchr(line, '\n', n)) != NULL)
		n = (size_t)(nl - line);
	/* continuation bytes (10xxxxxx): bit 7 set, bit 6 clear */
	for (i = 0; i + 8 <= n; i += 8) {
		memcpy(&w, u + i, 8);
		cont += (size_t)__builtin_popcountll(w & ~(w << 1) &
		    0x8080808080808080ULL);
	}
	for (; i < n; i++)
		cont += (u[i] & 0xC0) == 0x80;
	return (int)(n - cont) + 1;
}
