/*
 * linebreak.h — where a line of Chinese/Latin text may break: UAX #14
 * (libunibreak, language "zh") plus the kinsoku rules of rolebook's
 * typesetting (docs/pdf.md, "Line breaking").  For use by src/pdf only.
 */
#ifndef RB_PDF_LINEBREAK_H
#define RB_PDF_LINEBREAK_H

#include <stddef.h>
#include <stdint.h>

enum lb_kind {
	LB_NO = 0,	/* no break after this character */
	LB_ALLOW = 1,	/* a line may break after this character */
	LB_MUST = 2,	/* a line must break after it (newline; end of text) */
	LB_INSIDE = 3	/* continuation byte of a UTF-8 sequence */
};

/**
 * Break opportunities of UTF-8 text s[0..n) (a whole paragraph: breaks
 * depend on both neighbours).  brk has n entries; brk[i] for a byte i
 * that starts a character tells whether a line may break after that
 * character (enum lb_kind); continuation bytes get LB_INSIDE.  The last
 * character gets LB_MUST (end of text).  Invalid UTF-8 bytes count as
 * one character each.
 */
void	lb_breaks(const char *s, size_t n, char *brk);

/** Han ideographs, kana, bopomofo, CJK symbols and punctuation,
 *  fullwidth and halfwidth forms. */
int	lb_is_cjk(uint32_t cp);
/** Kinsoku: cp must not start a line (。，、；：？！）》」』】…%…). */
int	lb_no_start(uint32_t cp);
/** Kinsoku: cp must not end a line (（《「『【“‘([{…). */
int	lb_no_end(uint32_t cp);
/* Full-width punctuation that clreq compression may narrow (§3.1.6). */
enum lb_punct {
	LB_P_NONE = 0,
	LB_P_OPEN,	/* opening brackets and quotes: （《「『【〔“‘… */
	LB_P_CLOSE,	/* closing brackets and quotes: ）》」』】〕”’… */
	LB_P_STOP	/* stops and pauses: 。，、．：； (not ！？) */
};
/** The clreq class of cp (enum lb_punct). */
int	lb_punct(uint32_t cp);
/**
 * Whether a source line break (and the white space around it) between
 * the characters before and after counts as one space: no when both are
 * CJK (Han, kana, CJK punctuation, fullwidth forms), yes otherwise.
 */
int	lb_newline_is_space(uint32_t before, uint32_t after);

#endif
