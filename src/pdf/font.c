/*
 * font.c — fonts of the PDF backend (see font.h).
 *
 * Finding: FcFontList() on the exact family name (no fallback to another
 * family: a typo must be an error, not DejaVu Sans), then the face whose
 * weight is nearest regular (or bold).  Measuring: HarfBuzz on the
 * mmap'ed file, with a flat cache of BMP advances (and a small hash table
 * for the few code points above U+FFFF a document has: struct S_sup).
 * Embedding: HarfBuzz's subset plan keeps only the glyphs of the code
 * points used, renumbered from 0, drops the tables a PDF reader does not
 * read, and tells which new glyph each code point got.  The CID of a
 * glyph is its number, or
 * for a name-keyed CFF the CID of the subset's charset, which FreeType
 * reads.  A CID-keyed CFF (Noto CJK) is subset by cffsub.c instead:
 * HarfBuzz desubroutinizes each glyph once per process, and each
 * document's CFF is written from that cache, every glyph by the font's
 * own CID.  pdfw.c writes the program and the maps.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <fontconfig/fontconfig.h>
#include <hb.h>
#include <hb-subset.h>
#include <hb-ot.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_CID_H
#include FT_OUTLINE_H
#include "../util/util.h"
#include "cffsub.h"
#include "font.h"

#define S_NBMP		0x10000
#define S_ADV_UNKNOWN	(-1)	/* advance not looked up yet */
#define S_ADV_MISSING	(-2)	/* no glyph */
#define S_NBLANK	64	/* punctuation blanks cached per font */

/*
 * A code point above U+FFFF the font was asked about: rare (CJK Extension
 * B-G in names, compatibility ideographs), so not flat arrays of 1.1 M
 * entries but a hash table by cp (open addressing, linear probing, at
 * most half full; cp 0 an empty slot), an entry made on the first
 * font_has() or font_advance() of cp and kept as long as the font, like
 * f->adv[].  Each holds what f->adv[], f->used and f->cid hold for the
 * BMP.  Nothing is ever read from it in slot order but by font_subset(),
 * which sorts what it takes, so the output does not depend on it.
 */
struct S_sup {
	uint32_t	 cp;
	int16_t		 adv;		/* as f->adv[] */
	uint16_t	 cid;		/* as f->cid[] */
	uint8_t		 used;		/* as f->used */
};

struct font {
	char		*family;	/* as asked */
	char		*path;		/* font file */
	char		 psname[48];	/* PostScript name, [A-Za-z0-9-] */
	int		 index;		/* face index in a .ttc */
	int		 synthetic;	/* bold asked, regular face used */
	int		 cff;		/* CFF outlines (else glyf) */
	FT_Library	 ftlib;		/* CFF: glyph -> CID; emboldening */
	FT_Face		 ft;
	char		 ros[2][32];	/* CIDSystemInfo Registry, Ordering */
	int		 supplement;
	int		 cidkeyed;	/* a CID-keyed CFF */
	struct cffsub	*cs;		/* ... its glyph cache, once made */
	int		 nocache;	/* ... which could not be made */
	hb_blob_t	*blob;
	hb_face_t	*face;
	hb_font_t	*hb;
	unsigned	 upem;
	int		 ascent, descent;	/* [1/1000 em] */
	int16_t		*adv;		/* [S_NBMP] advance [1/1000 em] */
	uint8_t		*used;		/* [S_NBMP / 8] bitmap */
	size_t		 nused;		/* ... and used entries of sup[] */
	struct S_sup	*sup;		/* [capsup] above U+FFFF, hashed */
	size_t		 nsup, capsup;	/* entries, slots (0 or 2^k) */
	size_t		 nsupused;	/* entries used */
	/* the subset of the current document (font_subset()) */
	hb_blob_t	*sub;		/* font program, or NULL */
	unsigned	 ncids;		/* every CID is below this */
	uint32_t	*scp;		/* [nsub] code points used, ascending */
	uint16_t	*scid;		/* [nsub] their CIDs in sub */
	size_t		 nsub;
	uint16_t	*cids;		/* [nall] every CID of sub, ascending */
	size_t		 nall;
	uint16_t	*cid;		/* [S_NBMP] CID of each scp[], else 0;
					 * above U+FFFF sup[].cid */
	uint16_t	*dcid;		/* [ndup] CIDs of their own (S_dups()) */
	uint16_t	*dof;		/* [ndup] ... drawing the glyph of this CID */
	size_t		 ndup;
	/* punctuation blanks (font_blank()), open addressing by cp */
	struct { uint32_t cp; int16_t l, r; } blank[S_NBLANK];
	int		 halt;		/* GPOS has halt: 0 no, 1 yes, -1 ? */
};

static void	S_subset_free(struct font *);

/*
 * Finds the face of family nearest regular (bold 0) or bold (bold 1)
 * among the upright OpenType (TrueType or CFF) faces fontconfig lists.  Sets *path (caller frees),
 * *index and *isbold (the face found is bold).  Returns -1 when the
 * family has no upright face at all.  Fontconfig is needed only here:
 * FcFini() after each lookup (~8 ms a cycle) frees what its configuration
 * parser otherwise leaks (fontconfig 2.14.1), keeping valgrind and LSan
 * clean.  Nothing else in rolebook uses fontconfig.
 */
static int
S_find(const char *family, int bold, char **path, int *index, int *isbold)
{
	FcPattern *pat;
	FcObjectSet *os;
	FcFontSet *fs;
	FcChar8 *file, *fmt, *bestfile = NULL;
	int i, w, slant, idx, score, best = -1, bestidx = 0, bestw = 0;
	int want = bold ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR;

	if (!FcInit())
		return -1;
	pat = FcPatternCreate();
	FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)family);
	os = FcObjectSetBuild(FC_FILE, FC_INDEX, FC_WEIGHT, FC_SLANT,
	    FC_FONTFORMAT, (char *)NULL);
	fs = FcFontList(NULL, pat, os);
	FcObjectSetDestroy(os);
	FcPatternDestroy(pat);
	for (i = 0; fs != NULL && i < fs->nfont; i++) {
		if (FcPatternGetString(fs->fonts[i], FC_FILE, 0, &file) !=
		    FcResultMatch)
			continue;
		if (FcPatternGetInteger(fs->fonts[i], FC_INDEX, 0, &idx) !=
		    FcResultMatch)
			idx = 0;
		if (FcPatternGetInteger(fs->fonts[i], FC_WEIGHT, 0, &w) !=
		    FcResultMatch)
			w = FC_WEIGHT_REGULAR;
		if (FcPatternGetInteger(fs->fonts[i], FC_SLANT, 0, &slant) ==
		    FcResultMatch && slant != FC_SLANT_ROMAN)
			continue;
		/* OpenType only: not a Type 1 file of the same family */
		if (FcPatternGetString(fs->fonts[i], FC_FONTFORMAT, 0, &fmt) ==
		    FcResultMatch && strcmp((char *)fmt, "TrueType") != 0 &&
		    strcmp((char *)fmt, "CFF") != 0)
			continue;
		score = abs(w - want);
		/* Deterministic: the nearest weight, then file, then index. */
		if (best < 0 || score < best ||
		    (score == best && (strcmp((char *)file,
		    (char *)bestfile) < 0 || (strcmp((char *)file,
		    (char *)bestfile) == 0 && idx < bestidx)))) {
			best = score;
			bestfile = file;
			bestidx = idx;
			bestw = w;
		}
	}
	if (best >= 0) {
		*path = xstrdup((char *)bestfile);
		*index = bestidx & 0xFFFF;
		*isbold = bestw >= FC_WEIGHT_DEMIBOLD;
	}
	if (fs != NULL)
		FcFontSetDestroy(fs);
	FcFini();
	return best >= 0 ? 0 : -1;
}

static int
S_has_table(hb_face_t *face, const char *tag)
{
	hb_blob_t *b;
	unsigned len;

	b = hb_face_reference_table(face, hb_tag_from_string(tag, 4));
	len = hb_blob_get_length(b);
	hb_blob_destroy(b);
	return len > 0;
}

/* Copies the [A-Za-z0-9-] characters of raw into dst[sz]: a PDF name
 * or string needs no escape then. */
static void
S_alnum(char *dst, size_t sz, const char *raw)
{
	size_t i, j;

	for (i = j = 0; raw[i] != '\0' && j < sz - 1; i++)
		if ((raw[i] >= 'A' && raw[i] <= 'Z') ||
		    (raw[i] >= 'a' && raw[i] <= 'z') ||
		    (raw[i] >= '0' && raw[i] <= '9') || raw[i] == '-')
			dst[j++] = raw[i];
	dst[j] = '\0';
}

/* Sets f->psname from the font's name table (or the family). */
static void
S_psname(struct font *f)
{
	char raw[64];
	unsigned len = sizeof(raw);

	if (hb_ot_name_get_utf8(f->face, HB_OT_NAME_ID_POSTSCRIPT_NAME,
	    HB_LANGUAGE_INVALID, &len, raw) == 0)
		snprintf(raw, sizeof(raw), "%s", f->family);
	S_alnum(f->psname, sizeof(f->psname), raw);
	if (f->psname[0] == '\0')
		snprintf(f->psname, sizeof(f->psname), "Font");
}

/*
 * A CFF-based OpenType face.  FreeType tells, per document, which CID
 * each glyph of the subset has (a CID-keyed CFF's charset; HarfBuzz's
 * subset keeps the CIDs and renumbers the glyphs), and the font's
 * Registry-Ordering-Supplement for the PDF's CIDSystemInfo.
 */
static int
S_cff_open(struct diag *d, struct font *f)
{
	const char *reg = NULL, *ord = NULL;
	FT_Int sup = 0;
	FT_Bool cidkeyed = 0;

	f->cff = 1;
	if (FT_Init_FreeType(&f->ftlib) != 0) {
		f->ftlib = NULL;
		diag_at(d, DIAG_FATAL, f->path, 0, 0, "font '%s': FreeType "
		    "could not start", f->family);
		return -1;
	}
	if (FT_New_Face(f->ftlib, f->path, f->index, &f->ft) != 0) {
		f->ft = NULL;
		diag_at(d, DIAG_FATAL, f->path, 0, 0, "font '%s': FreeType "
		    "cannot read its CFF outlines", f->family);
		return -1;
	}
	if (FT_Get_CID_Is_Internally_CID_Keyed(f->ft, &cidkeyed) == 0 &&
	    cidkeyed && FT_Get_CID_Registry_Ordering_Supplement(f->ft, &reg,
	    &ord, &sup) == 0 && reg != NULL && ord != NULL) {
		S_alnum(f->ros[0], sizeof(f->ros[0]), reg);
		S_alnum(f->ros[1], sizeof(f->ros[1]), ord);
		f->supplement = sup < 0 ? 0 : (int)sup;
		f->cidkeyed = 1;
	}
	return 0;
}

const char *
font_list_next(const char *p, const char **name, size_t *len)
{
	const char *e;

	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == ',')
			p++;
		if (*p == '\0')
			return NULL;
		for (e = p; *e != '\0' && *e != ','; e++)
			;
		*name = p;
		*len = (size_t)(e - p);
		while (*len > 0 && (p[*len - 1] == ' ' || p[*len - 1] == '\t'))
			(*len)--;
		return e;
	}
}

/*
 * Finds the first family of the comma-separated list families that
 * fontconfig knows (S_find()); sets *family to it (caller frees).
 * Reports every family of the list when none is installed.
 */
static int
S_find_first(struct diag *d, const char *families, int bold, char **family,
    char **path, int *index, int *isbold)
{
	struct buf b = BUF_INIT;
	const char *p = families, *nm;
	char *name;
	size_t len;
	int n = 0;

	while ((p = font_list_next(p, &nm, &len)) != NULL) {
		name = xstrndup(nm, len);
		if (S_find(name, bold, path, index, isbold) == 0) {
			*family = name;
			buf_free(&b);
			return 0;
		}
		buf_printf(&b, "%s'%s'", n++ ? ", " : "", name);
		free(name);
	}
	diag_at(d, DIAG_FATAL, NULL, 0, 0, "%s %s%s found by fontconfig "
	    "(fc-list lists the installed families; the defaults come with "
	    "Debian's fonts-noto-cjk, their fallback with fonts-wqy-zenhei "
	    "and fonts-arphic-uming)", n > 1 ? "none of the font families" :
	    "font family", n > 0 ? b.data : "''", n > 1 ? "" : " not");
	buf_free(&b);
	return -1;
}

struct font *
font_open(struct diag *d, const char *families, int bold)
{
	struct font *f;
	hb_font_extents_t ext;
	char *family = NULL, *path = NULL;
	int index = 0, isbold = 0;

	if (S_find_first(d, families, bold, &family, &path, &index,
	    &isbold) == -1)
		return NULL;
	f = xcalloc(1, sizeof(*f));
	f->halt = -1;
	f->family = family;
	f->path = path;
	f->index = index;
	f->synthetic = bold && !isbold;
	f->blob = hb_blob_create_from_file_or_fail(path);
	if (f->blob == NULL) {
		diag_at(d, DIAG_FATAL, path, 0, 0, "cannot read font file of "
		    "'%s'", family);
		font_free(f);
		return NULL;
	}
	f->face = hb_face_create(f->blob, (unsigned)index);
	if (S_has_table(f->face, "glyf") && S_has_table(f->face, "loca")) {
		/* TrueType; synthetic bold emboldens the subset's outlines */
		if (f->synthetic && FT_Init_FreeType(&f->ftlib) != 0) {
			f->ftlib = NULL;
			diag_at(d, DIAG_FATAL, path, 0, 0, "font '%s': "
			    "FreeType could not start", family);
			font_free(f);
			return NULL;
		}
	} else if (S_has_table(f->face, "CFF ")) {
		if (S_cff_open(d, f) == -1) {
			font_free(f);
			return NULL;
		}
	} else {
		diag_at(d, DIAG_FATAL, path, 0, 0, "font '%s' has neither "
		    "TrueType (glyf) nor CFF outlines (a CFF2 variable font?): "
		    "the PDF writer embeds TrueType and CFF-based OpenType, "
		    "choose another family", family);
		font_free(f);
		return NULL;
	}
	if (f->ros[0][0] == '\0') {	/* TrueType, or a name-keyed CFF */
		snprintf(f->ros[0], sizeof(f->ros[0]), "Adobe");
		snprintf(f->ros[1], sizeof(f->ros[1]), "Identity");
	}
	f->upem = hb_face_get_upem(f->face);
	S_psname(f);
	f->hb = hb_font_create(f->face);
	hb_font_set_scale(f->hb, (int)f->upem, (int)f->upem);
	hb_font_get_h_extents(f->hb, &ext);
	f->ascent = (int)((long)ext.ascender * 1000 / (long)f->upem);
	f->descent = (int)((long)ext.descender * 1000 / (long)f->upem);
	if (f->descent > 0)
		f->descent = -f->descent;
	f->adv = xmalloc(S_NBMP * sizeof(f->adv[0]));
	memset(f->adv, 0xFF, S_NBMP * sizeof(f->adv[0]));	/* -1 */
	f->used = xcalloc(S_NBMP / 8, 1);
	return f;
}

void
font_free(struct font *f)
{
	if (f == NULL)
		return;
	if (f->hb != NULL)
		hb_font_destroy(f->hb);
	if (f->face != NULL)
		hb_face_destroy(f->face);
	if (f->blob != NULL)
		hb_blob_destroy(f->blob);
	if (f->ft != NULL)
		FT_Done_Face(f->ft);
	if (f->ftlib != NULL)
		FT_Done_FreeType(f->ftlib);
	S_subset_free(f);
	cffsub_free(f->cs);
	free(f->cid);
	free(f->sup);
	free(f->adv);
	free(f->used);
	free(f->path);
	free(f->family);
	free(f);
}

const char *
font_family(const struct font *f)
{
	return f->family;
}

const char *
font_file(const struct font *f)
{
	return f->path;
}

int
font_index(const struct font *f)
{
	return f->index;
}

int
font_synthetic_bold(const struct font *f)
{
	return f->synthetic;
}

int
font_stroke_bold(const struct font *f)
{
	return f->synthetic && f->cff;
}

int
font_ascent(const struct font *f)
{
	return f->ascent;
}

int
font_descent(const struct font *f)
{
	return f->descent;
}

/* Looks cp up in the font: its advance [1/1000 em], or S_ADV_MISSING. */
static int
S_measure(struct font *f, uint32_t cp)
{
	hb_codepoint_t gid;
	hb_position_t a;
	int v;

	if (cp > 0x10FFFF || !hb_font_get_nominal_glyph(f->hb, cp, &gid))
		v = S_ADV_MISSING;
	else {
		a = hb_font_get_glyph_h_advance(f->hb, gid);
		/* Truncated; pdfw.c writes these values as the /W widths. */
		v = (int)((long)a * 1000 / (long)f->upem);
		if (v > INT16_MAX)
			v = INT16_MAX;
		if (v < 0)
			v = 0;
	}
	return v;
}

/* Looks BMP cp up and fills the cache; returns the cache value.  Out
 * of line, like S_sup_has(). */
static int	S_lookup(struct font *, uint32_t) __attribute__((noinline));

static int
S_lookup(struct font *f, uint32_t cp)
{
	int v = S_measure(f, cp);

	f->adv[cp] = (int16_t)v;
	return v;
}

/* The slot of cp (above U+FFFF) in f->sup[capsup]: its entry, or the
 * empty slot where it goes. */
static size_t
S_sup_slot(const struct S_sup *t, size_t cap, uint32_t cp)
{
	size_t h = (size_t)((cp * 2654435761u) >> 8) & (cap - 1);

	while (t[h].cp != 0 && t[h].cp != cp)
		h = (h + 1) & (cap - 1);
	return h;
}

/* The entry of cp (above U+FFFF) in f->sup, or NULL. */
static struct S_sup *
S_sup_find(const struct font *f, uint32_t cp)
{
	size_t h;

	if (f->capsup == 0)
		return NULL;
	h = S_sup_slot(f->sup, f->capsup, cp);
	return f->sup[h].cp == cp ? &f->sup[h] : NULL;
}

/* The entry of cp (above U+FFFF), made and measured when new. */
static struct S_sup *
S_sup(struct font *f, uint32_t cp)
{
	struct S_sup *e, *t;
	size_t i, cap;

	if ((e = S_sup_find(f, cp)) != NULL)
		return e;
	if ((f->nsup + 1) * 2 > f->capsup) {	/* at most half full */
		cap = f->capsup ? f->capsup * 2 : 32;
		t = xcalloc(cap, sizeof(*t));
		for (i = 0; i < f->capsup; i++)
			if (f->sup[i].cp != 0)
				t[S_sup_slot(t, cap, f->sup[i].cp)] = f->sup[i];
		free(f->sup);
		f->sup = t;
		f->capsup = cap;
	}
	e = &f->sup[S_sup_slot(f->sup, f->capsup, cp)];
	e->cp = cp;
	e->adv = (int16_t)S_measure(f, cp);
	f->nsup++;
	return e;
}

/*
 * font_has(), font_advance(), font_use() and font_cid() above U+FFFF,
 * out of line: inlined, they (and S_lookup()) made the BMP path of the
 * first two save and restore registers on every call (2.6 times their
 * instructions in a build of gen-corpus 200, 0.5 % of the whole).
 */
static int	S_sup_has(struct font *, uint32_t) __attribute__((noinline));
static int	S_sup_advance(struct font *, uint32_t)
		    __attribute__((noinline));
static void	S_sup_use(struct font *, uint32_t) __attribute__((noinline));
static unsigned	S_sup_cid(const struct font *, uint32_t)
		    __attribute__((noinline));

/* font_has() of cp above U+FFFF. */
static int
S_sup_has(struct font *f, uint32_t cp)
{
	return S_sup(f, cp)->adv != S_ADV_MISSING;
}

/* font_advance() of cp above U+FFFF. */
static int
S_sup_advance(struct font *f, uint32_t cp)
{
	int v = S_sup(f, cp)->adv;

	return v == S_ADV_MISSING ? 0 : v;
}

/* font_use() of cp above U+FFFF. */
static void
S_sup_use(struct font *f, uint32_t cp)
{
	struct S_sup *e = S_sup(f, cp);

	if (e->adv == S_ADV_MISSING || e->used)
		return;
	e->used = 1;
	f->nsupused++;
	f->nused++;
}

/* font_cid() of cp above U+FFFF. */
static unsigned
S_sup_cid(const struct font *f, uint32_t cp)
{
	const struct S_sup *e = S_sup_find(f, cp);

	return e != NULL ? e->cid : 0;
}

/* Sets the CID that shows cp in the subset (f->cid made). */
static void
S_setcid(struct font *f, uint32_t cp, uint16_t cid)
{
	struct S_sup *e;

	if (cp < S_NBMP)
		f->cid[cp] = cid;
	else if ((e = S_sup_find(f, cp)) != NULL)
		e->cid = cid;
}

int
font_has(struct font *f, uint32_t cp)
{
	int v;

	if (cp >= S_NBMP)
		return S_sup_has(f, cp);
	v = f->adv[cp];
	if (v == S_ADV_UNKNOWN)
		v = S_lookup(f, cp);
	return v != S_ADV_MISSING;
}

int
font_advance(struct font *f, uint32_t cp)
{
	int v;

	if (cp >= S_NBMP)
		return S_sup_advance(f, cp);
	v = f->adv[cp];
	if (v == S_ADV_UNKNOWN)
		v = S_lookup(f, cp);
	return v == S_ADV_MISSING ? 0 : v;
}

double
font_text_width(struct font *f, const char *s, size_t n, double size)
{
	uint32_t cp;
	size_t i, k;
	long w = 0;

	for (i = 0; i < n; i += k) {
		if ((unsigned char)s[i] < 0x80) {
			cp = (unsigned char)s[i];
			k = 1;
		} else if ((k = utf8_decode(s + i, n - i, &cp)) == 0)
			k = 1;
		w += font_advance(f, cp);
	}
	return (double)w * size / 1000.0;
}

void
font_use(struct font *f, uint32_t cp)
{
	if (cp >= S_NBMP) {
		S_sup_use(f, cp);
		return;
	}
	if (!font_has(f, cp))
		return;
	if (f->used[cp >> 3] & (1u << (cp & 7)))
		return;
	f->used[cp >> 3] |= (uint8_t)(1u << (cp & 7));
	f->nused++;
}

void
font_use_utf8(struct font *f, const char *s, size_t n)
{
	uint32_t cp;
	size_t i, k;

	for (i = 0; i < n; i += k) {
		if ((k = utf8_decode(s + i, n - i, &cp)) == 0)
			k = 1;
		else
			font_use(f, cp);
	}
}

size_t
font_nused(const struct font *f)
{
	return f->nused;
}

void
font_reset_use(struct font *f)
{
	size_t i;

	memset(f->used, 0, S_NBMP / 8);
	for (i = 0; f->nsupused > 0 && i < f->capsup; i++)
		f->sup[i].used = 0;
	f->nsupused = 0;
	f->nused = 0;
	S_subset_free(f);
}

/*
 * Tables a PDF reader never reads from an embedded CID TrueType font
 * (glyphs are addressed by glyph id through CIDToGIDMap /Identity, text
 * comes from ToUnicode): OpenType layout, vertical metrics, bitmaps,
 * device metrics, signatures, names, glyph names and the character map.
 */
static const char *const S_drop[] = {
	"GSUB", "GPOS", "GDEF", "BASE", "JSTF", "MATH", "kern", "morx",
	"mort", "kerx", "vhea", "vmtx", "VORG", "EBDT", "EBLC", "EBSC",
	"bdat", "bloc", "CBDT", "CBLC", "sbix", "gasp", "hdmx", "LTSH",
	"VDMX", "DSIG", "PCLT", "meta", "STAT", "fvar", "gvar", "avar",
	"HVAR", "VVAR", "MVAR", "cvar", "COLR", "CPAL", "SVG ", "name",
	"post", "cmap",
};

/* Forgets the subset of the last document. */
static void
S_subset_free(struct font *f)
{
	size_t i;

	if (f->cid != NULL)
		for (i = 0; i < f->nsub; i++)
			S_setcid(f, f->scp[i], 0);
	free(f->scp);
	free(f->scid);
	free(f->cids);
	free(f->dcid);
	free(f->dof);
	f->scp = NULL;
	f->scid = NULL;
	f->cids = NULL;
	f->dcid = f->dof = NULL;
	f->nsub = f->nall = f->ndup = 0;
	f->ncids = 0;
	if (f->sub != NULL)
		hb_blob_destroy(f->sub);
	f->sub = NULL;
}

static int
S_cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return (x > y) - (x < y);
}

static int
S_cmp_u16(const void *a, const void *b)
{
	return (int)*(const uint16_t *)a - (int)*(const uint16_t *)b;
}

/* A CID of the subset and the CID whose glyph it draws (S_dups()). */
struct S_dup {
	uint16_t	 cid, of;
};

static int
S_cmp_dup(const void *a, const void *b)
{
	return (int)((const struct S_dup *)a)->cid -
	    (int)((const struct S_dup *)b)->cid;
}

#define S_BIT(v, c)	((v)[(c) >> 3] & (1u << ((c) & 7)))
#define S_SETBIT(v, c)	((v)[(c) >> 3] |= (uint8_t)(1u << ((c) & 7)))

/*
 * One CID a code point.  Fonts draw some code points with one glyph
 * (Noto Sans CJK: U+00B7 · and U+2022 •, a Kangxi radical and its
 * unified ideograph, ⼈ U+2F08 and 人 U+4EBA, U+FF5E ～ and U+301C 〜,
 * U+0020 and U+00A0, ...), and a ToUnicode CMap maps a CID to one
 * string, so the second code point read back as the first.  The lowest
 * code point of a glyph keeps its CID; each other one, in ascending
 * order, gets the next CID above every CID of the subset (past U+FFFF,
 * the lowest one unused), drawing the same glyph: f->dcid[] and f->dof[]
 * (ascending by CID), added to f->cids, f->nall, f->ncids, f->scid[]
 * and f->cid[].  A subset without such code points is left as it was.
 * scid[0..n) are the CIDs of the code points f->scp[0..n).
 */
static void
S_dups(struct font *f, size_t n)
{
	uint8_t *used, *shown;
	struct S_dup *d = NULL;
	size_t i, nd = 0;
	unsigned c, next = f->ncids, low = 1;

	used = xcalloc(2, S_NBMP / 8);
	shown = used + S_NBMP / 8;
	for (i = 0; i < f->nall; i++)
		S_SETBIT(used, f->cids[i]);
	for (i = 0; i < n; i++) {
		if ((c = f->scid[i]) == 0)
			continue;
		if (!S_BIT(shown, c)) {
			S_SETBIT(shown, c);
			continue;
		}
		while (next < S_NBMP && S_BIT(used, next))
			next++;
		if (next >= S_NBMP)
			while (low < S_NBMP && S_BIT(used, low))
				low++;
		if (next >= S_NBMP && low >= S_NBMP)
			break;		/* no CID left: the two share one */
		if (d == NULL)
			d = xcalloc(n, sizeof(*d));
		d[nd].of = (uint16_t)c;
		d[nd].cid = (uint16_t)(next < S_NBMP ? next : low);
		S_SETBIT(used, d[nd].cid);
		f->scid[i] = d[nd].cid;
		S_setcid(f, f->scp[i], d[nd].cid);
		nd++;
	}
	free(used);
	if (nd == 0)
		return;
	qsort(d, nd, sizeof(*d), S_cmp_dup);
	f->dcid = xcalloc(nd, sizeof(*f->dcid));
	f->dof = xcalloc(nd, sizeof(*f->dof));
	f->cids = xreallocarray(f->cids, f->nall + nd, sizeof(*f->cids));
	for (i = 0; i < nd; i++) {
		f->dcid[i] = d[i].cid;
		f->dof[i] = d[i].of;
		f->cids[f->nall + i] = d[i].cid;
		if (d[i].cid >= f->ncids)
			f->ncids = d[i].cid + 1u;
	}
	f->ndup = nd;
	f->nall += nd;
	qsort(f->cids, f->nall, sizeof(f->cids[0]), S_cmp_u16);
	free(d);
}

/*
 * The CIDs of the subset face sub (nglyphs glyphs): for TrueType and a
 * name-keyed CFF the glyph number itself (CIDToGIDMap /Identity; PDF
 * 32000 9.7.4.2), for a CID-keyed CFF the CID its charset gives, read by
 * FreeType from the very program that is embedded.  Sets byglyph[g]
 * and f->cids (ascending), f->nall, f->ncids; for CFF, f->sub becomes
 * the bare CFF table (FontFile3 /CIDFontType0C).  Returns -1 on failure.
 */
static int
S_subset_cids(struct font *f, hb_face_t *sub, unsigned nglyphs,
    uint16_t *byglyph)
{
	FT_Face ft = NULL;
	FT_UInt cid;
	const char *data;
	unsigned g, len = 0;
	hb_blob_t *cff;

	if (f->cff) {
		data = hb_blob_get_data(f->sub, &len);
		if (FT_New_Memory_Face(f->ftlib, (const FT_Byte *)data,
		    (FT_Long)len, 0, &ft) != 0)
			return -1;
	}
	f->cids = xcalloc(nglyphs + 1, sizeof(*f->cids));
	for (g = 0; g < nglyphs; g++) {
		if (ft == NULL || FT_Get_CID_From_Glyph_Index(ft, g, &cid) != 0)
			cid = g;
		byglyph[g] = cid > 0xFFFF ? 0 : (uint16_t)cid;
		f->cids[g] = byglyph[g];
		if (byglyph[g] >= f->ncids)
			f->ncids = byglyph[g] + 1u;
	}
	f->nall = nglyphs;
	qsort(f->cids, f->nall, sizeof(f->cids[0]), S_cmp_u16);
	if (ft != NULL)
		FT_Done_Face(ft);
	if (f->cff) {
		cff = hb_face_reference_table(sub, HB_TAG('C','F','F',' '));
		hb_blob_destroy(f->sub);
		f->sub = cff;
	}
	return 0;
}

/* Big-endian writers for S_embolden(). */
static void
S_be16(struct buf *b, unsigned v)
{
	buf_putc(b, (int)((v >> 8) & 0xFF));
	buf_putc(b, (int)(v & 0xFF));
}

static void
S_be32(struct buf *b, uint32_t v)
{
	S_be16(b, (unsigned)(v >> 16));
	S_be16(b, (unsigned)(v & 0xFFFF));
}

/* One glyph's emboldened outline as a simple glyf entry (no hinting,
 * every coordinate a 16-bit delta), padded to 4 bytes. */
static void
S_glyf_simple(struct buf *b, const FT_Outline *o, unsigned *maxpts,
    unsigned *maxcont)
{
	long xmin = 32767, ymin = 32767, xmax = -32768, ymax = -32768, px = 0,
	    py = 0;
	int i;

	for (i = 0; i < o->n_points; i++) {
		if (o->points[i].x < xmin)
			xmin = o->points[i].x;
		if (o->points[i].x > xmax)
			xmax = o->points[i].x;
		if (o->points[i].y < ymin)
			ymin = o->points[i].y;
		if (o->points[i].y > ymax)
			ymax = o->points[i].y;
	}
	S_be16(b, (unsigned)o->n_contours);
	S_be16(b, (unsigned)(uint16_t)(int16_t)xmin);
	S_be16(b, (unsigned)(uint16_t)(int16_t)ymin);
	S_be16(b, (unsigned)(uint16_t)(int16_t)xmax);
	S_be16(b, (unsigned)(uint16_t)(int16_t)ymax);
	for (i = 0; i < o->n_contours; i++)
		S_be16(b, (unsigned)o->contours[i]);
	S_be16(b, 0);				/* no instructions */
	for (i = 0; i < o->n_points; i++)	/* flags: on curve or not */
		buf_putc(b, FT_CURVE_TAG(o->tags[i]) == FT_CURVE_TAG_ON);
	for (i = 0; i < o->n_points; px = o->points[i++].x)
		S_be16(b, (unsigned)(uint16_t)(int16_t)(o->points[i].x - px));
	for (i = 0; i < o->n_points; py = o->points[i++].y)
		S_be16(b, (unsigned)(uint16_t)(int16_t)(o->points[i].y - py));
	while (b->len % 4 != 0)
		buf_putc(b, 0);
	if ((unsigned)o->n_points > *maxpts)
		*maxpts = (unsigned)o->n_points;
	if ((unsigned)o->n_contours > *maxcont)
		*maxcont = (unsigned)o->n_contours;
}

/*
 * Synthetic bold of a TrueType face without a bold one: every glyph of
 * the subset f->sub (nglyphs) emboldened by FreeType by upem/30 in x and
 * y (the width of the stroke that synthetic bold used to be drawn with,
 * size/30), composites flattened, written back as simple glyphs with a
 * long loca; head and maxp follow.  The advances stay: the layout
 * measured those.  Real outlines render at one weight in every viewer,
 * a stroke does not.  Replaces f->sub; returns -1 on failure.
 */
static int
S_embolden(struct font *f, unsigned nglyphs)
{
	struct buf glyf = BUF_INIT, loca = BUF_INIT;
	hb_face_t *src, *out;
	hb_blob_t *tb;
	hb_tag_t tags[64];
	FT_Face ft;
	FT_Pos strength = (FT_Pos)(f->upem / 30);
	const char *data;
	char *c;
	unsigned len, g, t, nt = sizeof(tags) / sizeof(tags[0]);
	unsigned maxpts = 0, maxcont = 0;

	data = hb_blob_get_data(f->sub, &len);
	if (FT_New_Memory_Face(f->ftlib, (const FT_Byte *)data, (FT_Long)len,
	    0, &ft) != 0)
		return -1;
	for (g = 0; g < nglyphs; g++) {
		S_be32(&loca, (uint32_t)glyf.len);
		if (FT_Load_Glyph(ft, g, FT_LOAD_NO_SCALE | FT_LOAD_NO_HINTING |
		    FT_LOAD_NO_BITMAP) != 0 ||
		    ft->glyph->format != FT_GLYPH_FORMAT_OUTLINE ||
		    ft->glyph->outline.n_points == 0 ||
		    ft->glyph->outline.n_contours <= 0)
			continue;		/* empty (the space) */
		FT_Outline_EmboldenXY(&ft->glyph->outline, strength, strength);
		S_glyf_simple(&glyf, &ft->glyph->outline, &maxpts, &maxcont);
	}
	S_be32(&loca, (uint32_t)glyf.len);
	FT_Done_Face(ft);

	src = hb_face_create(f->sub, 0);
	out = hb_face_builder_create();
	hb_face_get_table_tags(src, 0, &nt, tags);	/* nt: how many */
	for (t = 0; t < nt; t++) {
		if (tags[t] == HB_TAG('g','l','y','f'))
			tb = hb_blob_create(glyf.data ? glyf.data : "",
			    (unsigned)glyf.len, HB_MEMORY_MODE_DUPLICATE, NULL,
			    NULL);
		else if (tags[t] == HB_TAG('l','o','c','a'))
			tb = hb_blob_create(loca.data, (unsigned)loca.len,
			    HB_MEMORY_MODE_DUPLICATE, NULL, NULL);
		else {
			hb_blob_t *o = hb_face_reference_table(src, tags[t]);

			data = hb_blob_get_data(o, &len);
			c = xmalloc(len + 1);
			memcpy(c, data, len);
			hb_blob_destroy(o);
			if (tags[t] == HB_TAG('h','e','a','d') && len >= 54) {
				c[50] = 0;		/* long loca */
				c[51] = 1;
			}
			if (tags[t] == HB_TAG('m','a','x','p') && len >= 10) {
				c[6] = (char)(maxpts >> 8);
				c[7] = (char)maxpts;
				c[8] = (char)(maxcont >> 8);
				c[9] = (char)maxcont;
			}
			tb = hb_blob_create(c, len, HB_MEMORY_MODE_WRITABLE, c,
			    free);
		}
		hb_face_builder_add_table(out, tags[t], tb);
		hb_blob_destroy(tb);
	}
	hb_face_destroy(src);
	buf_free(&glyf);
	buf_free(&loca);
	hb_blob_destroy(f->sub);
	f->sub = hb_face_reference_blob(out);
	hb_face_destroy(out);
	return 0;
}

/*
 * The subset of a CID-keyed CFF from the font's glyph cache (cffsub.h):
 * the glyphs of the code points f->scp[0..n) and .notdef, each by its
 * own CID, and a copy under a CID of its own for every other code point
 * of a glyph (S_dups()).  Returns -1 when the cache fails.
 */
static int
S_subset_cached(struct font *f, size_t n)
{
	hb_codepoint_t *g = xcalloc(n + 1, sizeof(*g));
	struct buf b = BUF_INIT;
	size_t i, k, nz = 0;
	char *data;

	f->cids = xcalloc(n + 1, sizeof(*f->cids));
	f->cids[0] = 0;				/* .notdef */
	for (i = 0; i < n; i++) {
		if (!hb_font_get_nominal_glyph(f->hb, f->scp[i], &g[i]))
			g[i] = 0;
		f->scid[i] = (uint16_t)cffsub_cid(f->cs, g[i]);
		f->cids[i + 1] = f->scid[i];
		nz += f->scid[i] != 0;
	}
	qsort(f->cids, n + 1, sizeof(f->cids[0]), S_cmp_u16);
	for (i = k = 0; i <= n; i++)
		if (k == 0 || f->cids[i] != f->cids[k - 1])
			f->cids[k++] = f->cids[i];
	f->nall = k;
	f->ncids = f->cids[k - 1] + 1u;
	f->nsub = n;
	for (i = 0; i < n; i++)
		S_setcid(f, f->scp[i], f->scid[i]);
	if (nz > k - 1)		/* fewer CIDs than code points: shared */
		S_dups(f, n);
	if (cffsub_write(f->cs, f->scp, g, f->scid, n, &b) == -1) {
		/* undone but the code points, for HarfBuzz's subset */
		for (i = 0; i < n; i++)
			S_setcid(f, f->scp[i], 0);
		free(f->cids);
		free(f->dcid);
		free(f->dof);
		f->cids = f->dcid = f->dof = NULL;
		f->nall = f->ndup = f->nsub = 0;
		f->ncids = 0;
		free(g);
		buf_free(&b);
		return -1;
	}
	free(g);
	i = b.len;
	data = buf_detach(&b);
	f->sub = hb_blob_create(data, (unsigned)i, HB_MEMORY_MODE_WRITABLE,
	    data, free);
	return 0;
}

int
font_subset(struct font *f)
{
	hb_subset_input_t *in;
	hb_subset_plan_t *plan;
	const hb_map_t *u2o, *o2n;
	hb_set_t *u, *drop;
	hb_face_t *sub;
	uint16_t *byglyph;
	unsigned nglyphs;
	size_t i, k, n;
	uint32_t cp;

	if (f->sub != NULL)
		return 0;
	S_subset_free(f);
	font_use(f, 0x20);
	f->scp = xcalloc(f->nused + 1, sizeof(*f->scp));
	f->scid = xcalloc(f->nused + 1, sizeof(*f->scid));
	for (i = 0, n = 0; i < S_NBMP / 8; i += 8) {	/* 64 bits a step */
		uint64_t w;

		memcpy(&w, f->used + i, sizeof(w));
		if (w == 0)
			continue;
		for (cp = (uint32_t)i * 8; cp < (uint32_t)i * 8 + 64; cp++)
			if ((f->used[cp >> 3] & (1u << (cp & 7))) &&
			    n < f->nused)
				f->scp[n++] = cp;
	}
	for (i = 0, k = n; f->nsupused > 0 && i < f->capsup; i++)
		if (f->sup[i].cp != 0 && f->sup[i].used && n < f->nused)
			f->scp[n++] = f->sup[i].cp;
	qsort(f->scp + k, n - k, sizeof(f->scp[0]), S_cmp_u32); /* ascending */
	if (f->cid == NULL)
		f->cid = xcalloc(S_NBMP, sizeof(*f->cid));
	/* A CID-keyed CFF: from the glyph cache, made on first use.  Should
	 * HarfBuzz's subset of the missing glyphs not read back, the
	 * document gets HarfBuzz's own subset, as before the cache. */
	if (f->cidkeyed && f->cs == NULL && !f->nocache)
		f->nocache = (f->cs = cffsub_new(f->face, f->psname)) == NULL;
	if (f->cs != NULL && S_subset_cached(f, n) == 0)
		return 0;
	if ((in = hb_subset_input_create_or_fail()) == NULL)
		goto fail;
	u = hb_subset_input_unicode_set(in);
	for (i = 0; i < n; i++)
		hb_set_add(u, f->scp[i]);
	drop = hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
	for (i = 0; i < sizeof(S_drop) / sizeof(S_drop[0]); i++)
		hb_set_add(drop, hb_tag_from_string(S_drop[i], 4));
	/* CFF: charstrings without subroutines were faster to make and,
	 * for Noto Sans CJK, 3 % smaller than subset subroutines. */
	hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NO_HINTING |
	    (f->cff ? HB_SUBSET_FLAGS_DESUBROUTINIZE : 0));
	plan = hb_subset_plan_create_or_fail(f->face, in);
	hb_subset_input_destroy(in);
	if (plan == NULL)
		goto fail;
	if ((sub = hb_subset_plan_execute_or_fail(plan)) == NULL) {
		hb_subset_plan_destroy(plan);
		goto fail;
	}
	f->sub = hb_face_reference_blob(sub);
	nglyphs = hb_face_get_glyph_count(sub);
	byglyph = xcalloc(nglyphs + 1, sizeof(*byglyph));
	if ((f->synthetic && !f->cff && S_embolden(f, nglyphs) == -1) ||
	    S_subset_cids(f, sub, nglyphs, byglyph) == -1) {
		free(byglyph);
		hb_face_destroy(sub);
		hb_subset_plan_destroy(plan);
		S_subset_free(f);
		return -1;
	}
	hb_face_destroy(sub);
	u2o = hb_subset_plan_unicode_to_old_glyph_mapping(plan);
	o2n = hb_subset_plan_old_to_new_glyph_mapping(plan);
	for (i = 0; i < n; i++) {
		hb_codepoint_t g = hb_map_get(o2n, hb_map_get(u2o, f->scp[i]));

		f->scid[i] = g == HB_MAP_VALUE_INVALID || g >= nglyphs ? 0 :
		    byglyph[g];
		S_setcid(f, f->scp[i], f->scid[i]);
	}
	free(byglyph);
	f->nsub = n;
	/* TrueType: pdfw.c maps the CIDs of S_dups() to their glyphs
	 * (CIDToGIDMap); a CIDFontType0 has no such map */
	if (!f->cff)
		S_dups(f, n);
	hb_subset_plan_destroy(plan);
	if (hb_blob_get_length(f->sub) == 0) {
		S_subset_free(f);
		return -1;
	}
	return 0;
fail:
	S_subset_free(f);
	return -1;
}

int
font_cff(const struct font *f)
{
	return f->cff;
}

void
font_ros(const struct font *f, const char **registry,
    const char **ordering, int *supplement)
{
	*registry = f->ros[0];
	*ordering = f->ros[1];
	*supplement = f->supplement;
}

const char *
font_subset_data(const struct font *f, size_t *len)
{
	unsigned n = 0;
	const char *p;

	if (f->sub == NULL) {
		*len = 0;
		return NULL;
	}
	p = hb_blob_get_data(f->sub, &n);
	*len = n;
	return p;
}

unsigned
font_subset_ncids(const struct font *f)
{
	return f->ncids;
}

size_t
font_subset_cids(const struct font *f, const uint16_t **cids)
{
	*cids = f->cids;
	return f->nall;
}

size_t
font_subset_map(const struct font *f, const uint32_t **cps,
    const uint16_t **cids)
{
	*cps = f->scp;
	*cids = f->scid;
	return f->nsub;
}

size_t
font_subset_dups(const struct font *f, const uint16_t **cids,
    const uint16_t **of)
{
	*cids = f->dcid;
	*of = f->dof;
	return f->ndup;
}

unsigned
font_cid(const struct font *f, uint32_t cp)
{
	if (cp >= S_NBMP)
		return S_sup_cid(f, cp);
	return f->cid != NULL ? f->cid[cp] : 0;
}

const char *
font_psname(const struct font *f)
{
	return f->psname;
}

void
font_bbox(const struct font *f, int bb[4])
{
	hb_blob_t *b = hb_face_reference_table(f->face, HB_TAG('h','e','a','d'));
	unsigned len = 0;
	const unsigned char *p = (const unsigned char *)hb_blob_get_data(b,
	    &len);
	int i;

	for (i = 0; i < 4; i++)
		bb[i] = len >= 44 ? (int)(int16_t)((p[36 + 2 * i] << 8) |
		    p[37 + 2 * i]) * 1000 / (int)f->upem : (i < 2 ? 0 : 1000);
	hb_blob_destroy(b);
}

/* Whether cp is shown as itself in a message (else by its code only). */
static int
S_showable(uint32_t cp)
{
	return !(cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || cp == 0xFFFD ||
	    (cp >= 0xD800 && cp < 0xE000) || cp > 0x10FFFF);
}

void
font_missing_diag(struct diag *d, const struct rb_pos *pos,
    const uint32_t *cps, size_t n, const struct font *f, const char *key)
{
	struct buf b = BUF_INIT, u = BUF_INIT;
	size_t i;
	int show = 1;

	if (n == 0)
		return;
	for (i = 0; i < n; i++) {
		if (!S_showable(cps[i]))
			show = 0;
		buf_put_utf8(&b, cps[i]);
		if (i < 8)
			buf_printf(&u, "%sU+%04X", i ? " " : "",
			    (unsigned)cps[i]);
	}
	if (n > 8)
		buf_puts(&u, " …");
	if (n == 1 && show)
		diag_pos(d, DIAG_ERROR, pos, "character '%s' (%s) is not in "
		    "font '%s': write it another way, or put a font that has "
		    "it first in %s of theme.conf (docs/pdf.md)", b.data,
		    u.data, f->family, key);
	else if (n == 1)
		diag_pos(d, DIAG_ERROR, pos, "character %s is not in font "
		    "'%s': take it out", u.data, f->family);
	else
		diag_pos(d, DIAG_ERROR, pos, "characters '%s' (%s) are not in "
		    "font '%s': write them another way, or put a font that "
		    "has them first in %s of theme.conf (docs/pdf.md)",
		    b.data, u.data, f->family, key);
	buf_free(&b);
	buf_free(&u);
}

/* Whether the font's GPOS table has the feature 'halt'. */
static int
S_has_halt(struct font *f)
{
	hb_tag_t tags[32];
	unsigned i, n, start = 0;

	do {
		n = sizeof(tags) / sizeof(tags[0]);
		hb_ot_layout_table_get_feature_tags(f->face, HB_OT_TAG_GPOS,
		    start, &n, tags);
		for (i = 0; i < n; i++)
			if (tags[i] == HB_TAG('h', 'a', 'l', 't'))
				return 1;
		start += n;
	} while (n == sizeof(tags) / sizeof(tags[0]));
	return 0;
}

/*
 * Blank of glyph gid (advance a, font units) on its left and right, in
 * font units: from 'halt' (shaped alone, Han, zh-Hans) when the font has
 * it, else from where the ink sits in the advance.
 */
static void
S_blank(struct font *f, uint32_t cp, hb_codepoint_t gid, hb_position_t a,
    int *l, int *r)
{
	hb_glyph_extents_t e;
	hb_position_t x0, x1, mid, tol = a / 16;

	*l = *r = 0;
	if (f->halt) {
		hb_buffer_t *b = hb_buffer_create();
		hb_feature_t ft = { HB_TAG('h', 'a', 'l', 't'), 1, 0,
		    (unsigned)-1 };
		const hb_glyph_position_t *pos;
		unsigned n;

		hb_buffer_add_codepoints(b, &cp, 1, 0, 1);
		hb_buffer_set_direction(b, HB_DIRECTION_LTR);
		hb_buffer_set_script(b, HB_SCRIPT_HAN);
		hb_buffer_set_language(b, hb_language_from_string("zh-Hans",
		    -1));
		hb_shape(f->hb, b, &ft, 1);
		pos = hb_buffer_get_glyph_positions(b, &n);
		if (n == 1 && pos[0].x_advance < a) {
			*l = -pos[0].x_offset;
			*r = a - pos[0].x_advance - *l;
		}
		hb_buffer_destroy(b);
		if (*l < 0 || *r < 0)
			*l = *r = 0;
		return;
	}
	if (!hb_font_get_glyph_extents(f->hb, gid, &e) || e.width <= 0)
		return;
	x0 = e.x_bearing;
	x1 = e.x_bearing + e.width;
	mid = (x0 + x1) / 2;
	if (mid < a * 3 / 8) {
		if (x1 <= a / 2 + tol)
			*r = a / 2;	/* ink in the left half */
	} else if (mid > a * 5 / 8) {
		if (x0 >= a / 2 - tol)
			*l = a / 2;	/* in the right half */
	} else if (x0 >= a / 4 - tol && x1 <= a * 3 / 4 + tol)
		*l = *r = a / 4;	/* centred */
}

void
font_blank(struct font *f, uint32_t cp, int lr[2])
{
	hb_codepoint_t gid;
	hb_position_t a;
	size_t h, i;
	int l, r;

	lr[0] = lr[1] = 0;
	for (h = cp % S_NBLANK, i = 0; i < S_NBLANK; i++, h = (h + 1) %
	    S_NBLANK) {
		if (f->blank[h].cp == cp) {
			lr[0] = f->blank[h].l;
			lr[1] = f->blank[h].r;
			return;
		}
		if (f->blank[h].cp == 0)
			break;
	}
	if (cp == 0 || !hb_font_get_nominal_glyph(f->hb, cp, &gid))
		return;
	a = hb_font_get_glyph_h_advance(f->hb, gid);
	/* proportional marks (narrow quotes) have no blank to take */
	if (a * 10 >= (hb_position_t)f->upem * 9) {
		if (f->halt < 0)
			f->halt = S_has_halt(f);
		S_blank(f, cp, gid, a, &l, &r);
		lr[0] = (int)((long)l * 1000 / (long)f->upem);
		lr[1] = (int)((long)r * 1000 / (long)f->upem);
	}
	if (i < S_NBLANK && f->blank[h].cp == 0) {
		f->blank[h].cp = cp;
		f->blank[h].l = (int16_t)lr[0];
		f->blank[h].r = (int16_t)lr[1];
	}
}
