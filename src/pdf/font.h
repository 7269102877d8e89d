/*
 * font.h — fonts of the PDF backend: found by family name through
 * fontconfig (never a hard-coded path), measured with HarfBuzz, and
 * subset with HarfBuzz to exactly the code points a document uses, for
 * pdfw.c to embed.  For use by src/pdf only.
 *
 * One struct font serves many documents.  Per document:
 *
 *	1. layout: for every character, font_has() (else font_missing_diag()
 *	   and leave the character out), font_advance(), font_use();
 *	2. pdfw_font() once, after layout, before any text is drawn (it
 *	   calls font_subset());
 *	3. draw with the font number it returned (draw.h: draw_text()
 *	   handles synthetic bold);
 *	4. font_reset_use() before the next document.
 *
 * TrueType (glyf) fonts are embedded as CIDFontType2 (FontFile2),
 * CFF-based OpenType (CID-keyed, as Noto CJK, or name-keyed) as
 * CIDFontType0 (FontFile3 /CIDFontType0C; a CID-keyed one written from
 * a per-process cache of its glyphs, cffsub.h).  Text is shown by CID:
 * for TrueType the subset's glyph number, for a CID-keyed CFF the CID of
 * the font's charset; a code point drawn with the glyph of a lower one
 * gets a CID of its own above those (font_subset_dups()).  Code points
 * above U+FFFF (CJK Extension B-G, compatibility ideographs) are
 * measured, used and subset like the others.
 */
#ifndef RB_PDF_FONT_H
#define RB_PDF_FONT_H

#include <stddef.h>
#include <stdint.h>
#include "../util/diag.h"

/* TrueType families (Debian fonts-wqy-zenhei, fonts-arphic-uming): the
 * fallback of the default theme (theme.c), and the fonts of the tests
 * that need a glyf font. */
#define FONT_SANS	"WenQuanYi Zen Hei"
#define FONT_SERIF	"AR PL UMing CN"

struct font;

/**
 * Opens the first installed family of families (a comma-separated list
 * of exact fontconfig family names, any of the font's names,
 * case-insensitive; "Noto Sans CJK SC, WenQuanYi Zen Hei") in its
 * regular face, or its bold face when bold is set.  When bold is asked and the family has no bold face, the regular
 * face is opened and marked synthetic bold.  Returns NULL after a
 * DIAG_FATAL diagnostic when no family of the list is installed or it has
 * neither TrueType (glyf) nor CFF outlines.  Free with font_free().
 */
struct font	*font_open(struct diag *, const char *families, int bold);
/** Iterates the families of a list: the next name at or after p as
 *  *name, *len (spaces trimmed); returns where to go on, or NULL at the
 *  end.  The one reading of the list syntax (docx styles use it too). */
const char	*font_list_next(const char *p, const char **name, size_t *len);
void		 font_free(struct font *);

/** The family used, as the list named it (for messages). */
const char	*font_family(const struct font *);
/** Path and face index of the font file fontconfig found. */
const char	*font_file(const struct font *);
int		 font_index(const struct font *);
/** 1 when bold was asked and the family has no bold face (synthetic
 *  bold).  A TrueType face's subset is then emboldened (its outlines grown
 *  by 1/30 em), so it is drawn like any font. */
int		 font_synthetic_bold(const struct font *);
/** 1 when synthetic bold must be drawn with fill+stroke (PDFC_FILL_STROKE,
 *  line width size/30): a CFF family without a bold face. */
int		 font_stroke_bold(const struct font *);

/** 1 when the font has a glyph for cp, else 0. */
int		 font_has(struct font *, uint32_t cp);
/** Advance width of cp in 1/1000 em; 0 when not in the font.  O(1) for
 *  the BMP after the first call per code point, a binary search among
 *  the code points above U+FFFF asked about. */
int		 font_advance(struct font *, uint32_t cp);
/**
 * The blank (empty) part of full-width punctuation cp on its left
 * (lr[0]) and right (lr[1]) in 1/1000 em, for clreq compression: from
 * the font's OpenType 'halt' feature when it has one, else from where the
 * glyph's ink sits in its advance (left half: the right half is blank;
 * right half: the left; centred: a quarter each side).  0 and 0 for
 * marks narrower than 0.9 em and for code points not in the font.
 * Cached per font.
 */
void		 font_blank(struct font *, uint32_t cp, int lr[2]);
/** Width in points of UTF-8 text s[0..n) at size [pt]; characters not in
 *  the font count 0. */
double		 font_text_width(struct font *, const char *s, size_t n,
		    double size);
/** Ascender (positive) and descender (negative, PDF convention) in
 *  1/1000 em, from the font's hhea table. */
int		 font_ascent(const struct font *);
int		 font_descent(const struct font *);

/** Records that the current document uses cp (ignored when not in the
 *  font). */
void		 font_use(struct font *, uint32_t cp);
/** font_use() for every character of UTF-8 text s[0..n). */
void		 font_use_utf8(struct font *, const char *s, size_t n);
/** Number of distinct code points recorded since the last reset. */
size_t		 font_nused(const struct font *);

/**
 * Subsets the font to the code points recorded by font_use() (plus
 * U+0020) for the current document; a second call before
 * font_reset_use() does nothing.  Returns -1 when HarfBuzz fails.
 */
int		 font_subset(struct font *);
/** 1 for CFF outlines (CIDFontType0, FontFile3), 0 for TrueType. */
int		 font_cff(const struct font *);
/** The CIDSystemInfo: a CID-keyed CFF's own ROS, else Adobe-Identity-0.
 *  The strings live as long as the font. */
void		 font_ros(const struct font *, const char **registry,
		    const char **ordering, int *supplement);
/** The subset's font program: TrueType bytes, or for CFF the bare CFF
 *  table. */
const char	*font_subset_data(const struct font *, size_t *len);
/** Every CID of the subset is below this. */
unsigned	 font_subset_ncids(const struct font *);
/** Every CID of the subset (its glyphs, .notdef included), ascending. */
size_t		 font_subset_cids(const struct font *, const uint16_t **cids);
/** The code points of the subset, ascending, and their CIDs. */
size_t		 font_subset_map(const struct font *, const uint32_t **cps,
		    const uint16_t **cids);
/**
 * The CIDs a code point got of its own because the font draws it with
 * the glyph of another, lower code point of the subset (• U+2022 and
 * · U+00B7 in Noto Sans CJK): cids[i] draws the glyph of CID of[i]
 * (TrueType: glyph number of[i], for a CIDToGIDMap), ascending by CID,
 * each also in font_subset_cids().  So ToUnicode maps every code point
 * from a CID of its own.  None for a CFF font subset by HarfBuzz (a
 * name-keyed one, or when the glyph cache fails): there the code points
 * share the CID and the lowest one is read back.
 */
size_t		 font_subset_dups(const struct font *, const uint16_t **cids,
		    const uint16_t **of);
/** The CID that shows cp in the subset; 0 (.notdef) when not in it. */
unsigned	 font_cid(const struct font *, uint32_t cp);
/** PostScript name ([A-Za-z0-9-]) and bounding box (1/1000 em:
 *  xmin ymin xmax ymax). */
const char	*font_psname(const struct font *);
void		 font_bbox(const struct font *, int bb[4]);
/** Forgets the used code points and the subset. */
void		 font_reset_use(struct font *);

/**
 * Reports, at pos, one DIAG_ERROR for the n characters cps (a run as
 * written, n >= 1), naming the theme key (font.body …) that chose f:
 *	character 'X' (U+XXXX) is not in font 'Noto Sans CJK SC': write it
 *	another way, or put a font that has it first in font.body of
 *	theme.conf (docs/pdf.md)
 *	characters 'XYZ' (U+… U+… U+…) are not in font …
 * A control character, U+FFFD or a lone surrogate is named by its code
 * only, alone ("take it out": no font draws it).
 */
void		 font_missing_diag(struct diag *, const struct rb_pos *,
		    const uint32_t *cps, size_t n, const struct font *,
		    const char *key);

#endif
