/*
 * pinyin.c — pinyin readings that a scraped web page leaves in the text
 * after Han characters, "崗位職責(zé)", "業（yè）務", taken out on import
 * (import.h, docs/import.md "Pinyin readings").
 *
 * A reading is removed only when all of these hold, so that words in
 * parentheses are kept ("(含)", "(KPI)", "(zh-CN)", "(café)", "(ming)"):
 *   - it follows a Han character directly (no blank between);
 *   - it is in ASCII or full-width parentheses, ( ) or （ ）;
 *   - it holds 1 to 6 lower-case letters, no blank or other mark;
 *   - exactly one of them is a tone-marked vowel, āáǎà ēéěè īíǐì ōóǒò
 *     ūúǔù ǖǘǚǜ (a reading without a tone mark, "(de)", is kept: it
 *     cannot be told from a word);
 *   - without its tone mark it is one pinyin syllable: an initial (b p m
 *     f d t n l g k h j q x zh ch sh r z c s y w, or none) and a final of
 *     S_finals.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/util.h"
#include "../util/diag.h"
#include "import.h"

/* The finals of Hanyu Pinyin, ü written v. */
static const char *const S_finals[] = { "a", "o", "e", "ai", "ei", "ao",
	"ou", "an", "en", "ang", "eng", "ong", "er", "i", "ia", "ie", "iao",
	"iu", "ian", "in", "iang", "ing", "iong", "io", "u", "ua", "uo", "uai",
	"ui", "uan", "un", "uang", "ueng", "ue", "v", "ve", "van", "vn", NULL };

static const char *const S_initials[] = { "zh", "ch", "sh", "b", "p", "m",
	"f", "d", "t", "n", "l", "g", "k", "h", "j", "q", "x", "r", "z", "c",
	"s", "y", "w", "", NULL };

/*
 * The plain vowel of a tone-marked one (ā → a, ǘ → v), *tone set; of ü,
 * 'v' with no tone; 0 when c is no vowel of pinyin beyond ASCII.
 */
static char
S_vowel(uint32_t c, int *tone)
{
	static const struct { uint32_t c; char v; } t[] = {
		{ 0x0101, 'a' }, { 0x00E1, 'a' }, { 0x01CE, 'a' }, { 0x00E0, 'a' },
		{ 0x0113, 'e' }, { 0x00E9, 'e' }, { 0x011B, 'e' }, { 0x00E8, 'e' },
		{ 0x012B, 'i' }, { 0x00ED, 'i' }, { 0x01D0, 'i' }, { 0x00EC, 'i' },
		{ 0x014D, 'o' }, { 0x00F3, 'o' }, { 0x01D2, 'o' }, { 0x00F2, 'o' },
		{ 0x016B, 'u' }, { 0x00FA, 'u' }, { 0x01D4, 'u' }, { 0x00F9, 'u' },
		{ 0x01D6, 'v' }, { 0x01D8, 'v' }, { 0x01DA, 'v' }, { 0x01DC, 'v' },
	};
	size_t k;

	for (k = 0; k < sizeof(t) / sizeof(t[0]); k++)
		if (t[k].c == c) {
			*tone = 1;
			return t[k].v;
		}
	*tone = 0;
	return c == 0x00FC ? 'v' : 0;		/* ü */
}

/* Is c a Han character (CJK unified ideographs, extension A and the
 * supplementary planes' B…, compatibility ideographs)? */
static int
S_han(uint32_t c)
{
	return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
	    (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3FFFF);
}

/* Is p[0..n) (ASCII, ü as v) one syllable: an initial and a final? */
static int
S_syllable(const char *p, size_t n)
{
	const char *const *i, *const *f;
	size_t il;

	for (i = S_initials; *i; i++) {
		il = strlen(*i);
		if (il > n || memcmp(p, *i, il) != 0)
			continue;
		for (f = S_finals; *f; f++)
			if (strlen(*f) == n - il && memcmp(p + il, *f,
			    n - il) == 0)
				return 1;
	}
	return 0;
}

/*
 * Length of a reading at s[0..n), its parentheses included, when s starts
 * with one (the character before it is the caller's to check); else 0.
 */
static size_t
S_reading(const char *s, size_t n)
{
	char plain[8];
	size_t i, l, np = 0;
	uint32_t c;
	int tones = 0, t;

	if (n > 0 && s[0] == '(')
		i = 1;
	else if (n >= 3 && memcmp(s, "\xEF\xBC\x88", 3) == 0)	/* （ */
		i = 3;
	else
		return 0;
	while (i < n) {
		if (s[i] == ')')
			return np > 0 && tones == 1 && S_syllable(plain, np) ?
			    i + 1 : 0;
		if (n - i >= 3 && memcmp(s + i, "\xEF\xBC\x89", 3) == 0)
			return np > 0 && tones == 1 && S_syllable(plain, np) ?
			    i + 3 : 0;	/* ） */
		if (np == 6)
			return 0;
		if (s[i] >= 'a' && s[i] <= 'z') {
			plain[np++] = s[i++];
			continue;
		}
		if ((l = utf8_decode(s + i, n - i, &c)) == 0 ||
		    (plain[np] = S_vowel(c, &t)) == 0)
			return 0;
		np++;
		tones += t;
		i += l;
	}
	return 0;
}

/*
 * The next reading in s[from..n): its length (0: none), the offset of its
 * opening parenthesis in *at and of the Han character before it in *han.
 */
static size_t
S_next(const char *s, size_t n, size_t from, size_t *at, size_t *han)
{
	size_t i = from, l, r;
	uint32_t c;

	while (i < n) {
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		if ((l = utf8_decode(s + i, n - i, &c)) == 0) {
			i++;
			continue;
		}
		if (S_han(c) && (r = S_reading(s + i + l, n - i - l)) > 0) {
			*han = i;
			*at = i + l;
			return r;
		}
		i += l;
	}
	return 0;
}

size_t
imp_pinyin_strip(char *s, size_t *first)
{
	size_t n = strlen(s), i = 0, o = 0, at, han, r, count = 0;

	while ((r = S_next(s, n, i, &at, &han)) > 0) {
		if (count++ == 0 && first != NULL)
			*first = at;
		memmove(s + o, s + i, at - i);
		o += at - i;
		i = at + r;
	}
	memmove(s + o, s + i, n - i);
	s[o + n - i] = '\0';
	return count;
}

void
imp_pinyin_doc(struct imp_doc *doc, struct diag *d)
{
	const struct imp_para *p;
	char where[96] = "", *what = NULL;
	size_t i, total = 0, at, han, r;
	int line = 0, col = 0;

	for (i = 0; i < doc->n; i++) {
		p = &doc->p[i];
		if (what == NULL && (r = S_next(p->text, strlen(p->text), 0,
		    &at, &han)) > 0) {
			/* The first: the character and its reading, as
			 * written, and where. */
			what = xstrndup(p->text + han, at + r - han);
			line = p->line;
			col = (int)utf8_count(p->text, at) + p->col;
			if (p->table)
				snprintf(where, sizeof(where), "paragraph %d "
				    "(table %d, row %d, cell %d), character %d: ",
				    p->line, p->table, p->row, p->cell, col);
			else if (doc->docx)
				snprintf(where, sizeof(where), "paragraph %d, "
				    "character %d: ", p->line, col);
		}
		total += imp_pinyin_strip(p->text, NULL);
	}
	if (total == 0)
		return;
	diag_at(d, DIAG_WARNING, doc->file, doc->docx ? 0 : line,
	    doc->docx ? 0 : col, "%s%zu pinyin reading%s in parentheses "
	    "after Han characters removed (as a web page shows them), the "
	    "first here: '%s'; the characters are kept as written", where,
	    total, total == 1 ? "" : "s", what);
	free(what);
}
