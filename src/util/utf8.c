/*
 * utf8.c — strict UTF-8 decoding and byte-to-character column conversion,
 * so that every diagnostic counts columns in characters.
 */
#include <stdlib.h>
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

/* Blanks are 1 byte (' ', '\t'), 2 (C2 A0) or 3 (E3 80 80): most text is
 * refused by its first or last byte. */
size_t
utf8_blank_len(const char *s, size_t n)
{
	size_t i = 0;

	for (;;)
		if (i < n && (s[i] == ' ' || s[i] == '\t'))
			i++;
		else if (n - i >= 3 && memcmp(s + i, "\xE3\x80\x80", 3) == 0)
			i += 3;
		else if (n - i >= 2 && memcmp(s + i, "\xC2\xA0", 2) == 0)
			i += 2;
		else
			return i;
}

size_t
utf8_blank_rlen(const char *s, size_t n)
{
	size_t e = n;

	for (;;)
		if (e > 0 && (s[e - 1] == ' ' || s[e - 1] == '\t'))
			e--;
		else if (e >= 3 && memcmp(s + e - 3, "\xE3\x80\x80", 3) == 0)
			e -= 3;
		else if (e >= 2 && memcmp(s + e - 2, "\xC2\xA0", 2) == 0)
			e -= 2;
		else
			return n - e;
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

long
utf8_find_cp(const char *text, size_t len, int line, int col, uint32_t cp,
    int nth)
{
	size_t i = 0, j, k;
	uint32_t c;
	int l = 1, n;

	if (line < 1)
		return -1;
	while (l < line && i < len)	/* to the line */
		if (text[i++] == '\n')
			l++;
	if (l < line)
		return -1;
	for (n = 1; n < col && i < len && text[i] != '\n'; n++)
		i += (k = utf8_decode(text + i, len - i, &c)) ? k : 1;
	while (i < len) {
		if (text[i] == '\n') {
			/* a line of blanks ends the paragraph, the search */
			for (j = ++i; j < len && (text[j] == ' ' ||
			    text[j] == '\t' || text[j] == '\r'); j++)
				continue;
			if (j >= len || text[j] == '\n')
				break;
			continue;
		}
		if ((k = utf8_decode(text + i, len - i, &c)) == 0)
			k = 1;
		if (c == cp && nth-- == 0)
			return (long)i;
		i += k;
	}
	return -1;
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

/* Characters (bytes that start one) in the n valid UTF-8 bytes at u. */
static size_t
S_starts(const unsigned char *u, size_t n)
{
	size_t i, cont = 0;
	uint64_t w;

	/* continuation bytes (10xxxxxx): bit 7 set, bit 6 clear */
	for (i = 0; i + 8 <= n; i += 8) {
		memcpy(&w, u + i, 8);
		w &= ~(w << 1) & 0x8080808080808080ULL;
		/* one bit per byte at most: gather them (no popcount needed) */
		cont += (size_t)(((w >> 7) * 0x0101010101010101ULL) >> 56);
	}
	for (; i < n; i++)
		cont += (u[i] & 0xC0) == 0x80;
	return n - cont;
}

int
utf8_col_valid(struct utf8_cols *cc, const char *line, int bytecol)
{
	const char *s, *nl;
	size_t target, k, n;

	if (bytecol <= 1)
		return bytecol < 1 ? 0 : 1;
	target = (size_t)(bytecol - 1);
	if (target < UTF8_COLS_STEP) {
		/* the first chunk: counted directly, no marks needed */
		n = strnlen(line, target);
		if ((nl = memchr(line, '\n', n)) != NULL)
			n = (size_t)(nl - line);
		return (int)S_starts((const unsigned char *)line, n) + 1;
	}
	if (cc->line != line) {
		cc->line = line;
		cc->nmarks = 0;
		cc->end = 0;
	}
	if (cc->nmarks == 0) {
		if (cc->cap == 0) {
			cc->cap = 16;
			cc->marks = xreallocarray(NULL, cc->cap,
			    sizeof(*cc->marks));
		}
		cc->marks[cc->nmarks++] = 0;
	}
	/* Marks up to the target, a chunk at a time, until the line ends. */
	while (!cc->end && cc->nmarks * UTF8_COLS_STEP <= target) {
		s = line + (cc->nmarks - 1) * UTF8_COLS_STEP;
		n = strnlen(s, UTF8_COLS_STEP);
		if ((nl = memchr(s, '\n', n)) != NULL || n < UTF8_COLS_STEP) {
			cc->end = 1;
			break;
		}
		if (cc->nmarks == cc->cap) {
			cc->cap *= 2;
			cc->marks = xreallocarray(cc->marks, cc->cap,
			    sizeof(*cc->marks));
		}
		cc->marks[cc->nmarks] = cc->marks[cc->nmarks - 1] +
		    S_starts((const unsigned char *)s, n);
		cc->nmarks++;
	}
	k = target / UTF8_COLS_STEP;
	if (k >= cc->nmarks)
		k = cc->nmarks - 1;
	s = line + k * UTF8_COLS_STEP;
	n = strnlen(s, target - k * UTF8_COLS_STEP);
	if ((nl = memchr(s, '\n', n)) != NULL)
		n = (size_t)(nl - s);
	return (int)(cc->marks[k] + S_starts((const unsigned char *)s, n)) + 1;
}

void
utf8_cols_free(struct utf8_cols *cc)
{
	free(cc->marks);
	memset(cc, 0, sizeof(*cc));
}

int
utf8_bytecol_to_col_valid(const char *line, int bytecol)
{
	struct utf8_cols cc;
	int col;

	memset(&cc, 0, sizeof(cc));
	col = utf8_col_valid(&cc, line, bytecol);
	utf8_cols_free(&cc);
	return col;
}
