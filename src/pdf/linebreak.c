/*
 * linebreak.c — line-break opportunities (see linebreak.h): UAX #14 from
 * libunibreak with its Chinese tailoring ("zh": quotation marks open and
 * close), then kinsoku on top, so that no line starts with closing
 * punctuation and none ends with opening punctuation, whatever UAX #14
 * allows (e.g. before “…”, “——” or “%” after a Han character).
 *
 * The text is decoded here (invalid bytes become U+FFFD, one character
 * each) and handed to libunibreak as UTF-32, so byte positions always
 * agree with utf8_decode() as the layout uses it.
 */
#include <stdlib.h>
#include <string.h>
#include <linebreak.h>
#include "../util/util.h"
#include "linebreak.h"

/* Sorted: must not start a line. */
static const uint32_t S_nostart[] = {
	0x0021, 0x0025, 0x0029, 0x002C, 0x002E, 0x003A, 0x003B, 0x003F,
	0x005D, 0x007D,			/* ! % ) , . : ; ? ] } */
	0x00B7,				/* · */
	0x2014, 0x2019, 0x201D, 0x2026,	/* — ’ ” … */
	0x2030, 0x2032, 0x2033, 0x2103,	/* ‰ ′ ″ ℃ */
	0x3001, 0x3002, 0x3005,		/* 、 。 々 */
	0x3009, 0x300B, 0x300D, 0x300F, 0x3011, 0x3015, 0x3017, 0x3019,
	0x301B, 0x301E, 0x301F,		/* 〉 》 」 』 】 〕 〗 〙 〛 〞 〟 */
	0x30FB, 0x30FC,			/* ・ ー */
	0xFE50, 0xFE51, 0xFE52, 0xFE54, 0xFE55, 0xFE56, 0xFE57,
	0xFF01, 0xFF05, 0xFF09, 0xFF0C, 0xFF0E, 0xFF1A, 0xFF1B, 0xFF1F,
	0xFF3D, 0xFF5D,			/* ！ ％ ） ， ． ： ； ？ ］ ｝ */
	0xFF61, 0xFF63, 0xFF64,		/* ｡ ｣ ､ */
};

/* Sorted: must not end a line. */
static const uint32_t S_noend[] = {
	0x0028, 0x005B, 0x007B,		/* ( [ { */
	0x2018, 0x201C,			/* ‘ “ */
	0x3008, 0x300A, 0x300C, 0x300E, 0x3010, 0x3014, 0x3016, 0x3018,
	0x301A, 0x301D,			/* 〈 《 「 『 【 〔 〖 〘 〚 〝 */
	0xFF08, 0xFF3B, 0xFF5B, 0xFF62,	/* （ ［ ｛ ｢ */
};

/* Sorted: compressible opening, closing and stop marks (lb_punct()). */
static const uint32_t S_open[] = {
	0x2018, 0x201C,			/* ‘ “ */
	0x3008, 0x300A, 0x300C, 0x300E, 0x3010, 0x3014, 0x3016, 0x3018,
	0x301A,				/* 〈 《 「 『 【 〔 〖 〘 〚 */
	0xFF08, 0xFF3B, 0xFF5B,		/* （ ［ ｛ */
};
static const uint32_t S_close[] = {
	0x2019, 0x201D,			/* ’ ” */
	0x3009, 0x300B, 0x300D, 0x300F, 0x3011, 0x3015, 0x3017, 0x3019,
	0x301B,				/* 〉 》 」 』 】 〕 〗 〙 〛 */
	0xFF09, 0xFF3D, 0xFF5D,		/* ） ］ ｝ */
};
static const uint32_t S_stop[] = {
	0x3001, 0x3002,			/* 、 。 */
	0xFF0C, 0xFF0E, 0xFF1A, 0xFF1B,	/* ， ． ： ； */
};

#define S_N(a)	(sizeof(a) / sizeof((a)[0]))

static int
S_in(const uint32_t *set, size_t n, uint32_t cp)
{
	size_t lo = 0, hi = n, mid;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (set[mid] == cp)
			return 1;
		if (set[mid] < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

int
lb_no_start(uint32_t cp)
{
	return S_in(S_nostart, sizeof(S_nostart) / sizeof(S_nostart[0]), cp);
}

int
lb_no_end(uint32_t cp)
{
	return S_in(S_noend, sizeof(S_noend) / sizeof(S_noend[0]), cp);
}

int
lb_punct(uint32_t cp)
{
	if (cp < 0x2018 || (cp > 0x201D && cp < 0x3001) ||
	    (cp > 0x301B && cp < 0xFF08) || cp > 0xFF5D)
		return LB_P_NONE;
	if (S_in(S_open, S_N(S_open), cp))
		return LB_P_OPEN;
	if (S_in(S_close, S_N(S_close), cp))
		return LB_P_CLOSE;
	if (S_in(S_stop, S_N(S_stop), cp))
		return LB_P_STOP;
	return LB_P_NONE;
}

int
lb_is_cjk(uint32_t cp)
{
	return (cp >= 0x2E80 && cp <= 0x2FDF) ||	/* radicals */
	    (cp >= 0x3000 && cp <= 0x303F) ||	/* CJK symbols, punctuation */
	    (cp >= 0x3040 && cp <= 0x30FF) ||	/* kana */
	    (cp >= 0x3100 && cp <= 0x312F) ||	/* bopomofo */
	    (cp >= 0x31A0 && cp <= 0x31FF) ||	/* bopomofo ext, strokes, kana */
	    (cp >= 0x3400 && cp <= 0x4DBF) ||	/* Han ext. A */
	    (cp >= 0x4E00 && cp <= 0x9FFF) ||	/* Han */
	    (cp >= 0xF900 && cp <= 0xFAFF) ||	/* compatibility ideographs */
	    (cp >= 0xFE30 && cp <= 0xFE4F) ||	/* compatibility forms */
	    (cp >= 0xFF00 && cp <= 0xFFEF) ||	/* full- and halfwidth forms */
	    (cp >= 0x20000 && cp <= 0x3FFFF);	/* Han ext. B and later */
}

int
lb_newline_is_space(uint32_t before, uint32_t after)
{
	return !(lb_is_cjk(before) && lb_is_cjk(after));
}

/* Is the character at s a regional indicator (the original bytes: cps[]
 * holds the stand-in)? */
static int
is_regional_indicator(const char *s, size_t n)
{
	uint32_t cp;

	return utf8_decode(s, n, &cp) != 0 && cp >= 0x1F1E6 && cp <= 0x1F1FF;
}

void
lb_breaks(const char *s, size_t n, char *brk)
{
	static int init;
	uint32_t *cps;
	size_t *off;
	char *ub;
	size_t i, k, nc;
	uint32_t cp;
	int v;

	if (n == 0)
		return;
	if (!init) {
		init_linebreak();
		init = 1;
	}
	cps = xreallocarray(NULL, n, sizeof(cps[0]));
	off = xreallocarray(NULL, n, sizeof(off[0]));
	ub = xmalloc(n);
	for (i = nc = 0; i < n; i += k) {
		if ((k = utf8_decode(s + i, n - i, &cp)) == 0)
			k = 1;
		/* libunibreak 1.1 takes U+FFFF for its end of text (EOS) and
		 * fails an assertion on it: pass U+FFFD instead. */
		if (cp == 0xFFFF)
			cp = 0xFFFD;
		/* It fails the same assertion on every regional indicator
		 * (U+1F1E6..U+1F1FF, the letters of flag emoji): pass an
		 * ideographic emoji instead; a flag's two letters are kept
		 * together below (UAX #14 rule LB30a). */
		if (cp >= 0x1F1E6 && cp <= 0x1F1FF)
			cp = 0x1F600;
		brk[i] = LB_NO;
		memset(brk + i + 1, LB_INSIDE, k - 1);
		off[nc] = i;
		cps[nc++] = cp;
	}
	set_linebreaks_utf32(cps, nc, "zh", ub);
	for (i = 0; i < nc; i++) {
		v = ub[i] == LINEBREAK_MUSTBREAK ? LB_MUST :
		    ub[i] == LINEBREAK_ALLOWBREAK ? LB_ALLOW : LB_NO;
		/* Kinsoku: the next character may not start a line, or this
		 * one may not end it. */
		if (v == LB_ALLOW && i + 1 < nc &&
		    (lb_no_start(cps[i + 1]) || lb_no_end(cps[i])))
			v = LB_NO;
		brk[off[i]] = (char)v;
	}
	/* LB30a: no break inside a pair of regional indicators. */
	for (i = 0, k = 0; i < nc; i++) {
		if (!is_regional_indicator(s + off[i], n - off[i])) {
			k = 0;
			continue;
		}
		if (++k % 2 == 1 && i + 1 < nc && brk[off[i]] != LB_MUST &&
		    is_regional_indicator(s + off[i + 1], n - off[i + 1]))
			brk[off[i]] = LB_NO;
	}
	free(cps);
	free(off);
	free(ub);
}
