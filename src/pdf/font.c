/*
 * font.c — fonts of the PDF backend (see font.h).
 *
 * Finding: FcFontList() on the exact family name (no fallback to another
 * family: a typo must be an error, not DejaVu Sans), then the face whose
 * weight is nearest regular (or bold).  Measuring: HarfBuzz on the
 * mmap'ed file, with a flat cache of BMP advances.  Embedding: HarfBuzz's
 * subsetter keeps only the glyphs of the code points used, renumbered
 * from 0 (so libharu 2.3.0's signed composite-glyph bug cannot strike),
 * and drops the tables libharu does not read; the result goes through a
 * private temporary file into HPDF_LoadTTFontFromFile(), libharu 2.3.0
 * having no loader from memory.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <fontconfig/fontconfig.h>
#include <hb.h>
#include <hb-subset.h>
#include "../util/util.h"
#include "font.h"
#include <hpdf_doc.h>

#define S_NBMP		0x10000
#define S_ADV_UNKNOWN	(-1)	/* advance not looked up yet */
#define S_ADV_MISSING	(-2)	/* no glyph */

struct font {
	char		*family;	/* as asked */
	char		*path;		/* font file */
	char		 psname[48];	/* PostScript name, [A-Za-z0-9-] */
	int		 index;		/* face index in a .ttc */
	int		 synthetic;	/* bold asked, regular face used */
	hb_blob_t	*blob;
	hb_face_t	*face;
	hb_font_t	*hb;
	unsigned	 upem;
	int		 ascent, descent;	/* [1/1000 em] */
	int16_t		*adv;		/* [S_NBMP] advance [1/1000 em] */
	uint8_t		*used;		/* [S_NBMP / 8] bitmap */
	size_t		 nused;
	HPDF_Doc	 doc;		/* document of hf */
	HPDF_Font	 hf;		/* embedded for doc, or NULL */
};

/*
 * Finds the face of family nearest regular (bold 0) or bold (bold 1)
 * among the upright faces fontconfig lists.  Sets *path (caller frees),
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
	FcChar8 *file, *bestfile = NULL;
	int i, w, slant, idx, score, best = -1, bestidx = 0, bestw = 0;
	int want = bold ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR;

	if (!FcInit())
		return -1;
	pat = FcPatternCreate();
	FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)family);
	os = FcObjectSetBuild(FC_FILE, FC_INDEX, FC_WEIGHT, FC_SLANT,
	    (char *)NULL);
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

/* Sets f->psname from the font's name table (or the family). */
static void
S_psname(struct font *f)
{
	char raw[64];
	unsigned len = sizeof(raw);
	size_t i, j;

	if (hb_ot_name_get_utf8(f->face, HB_OT_NAME_ID_POSTSCRIPT_NAME,
	    HB_LANGUAGE_INVALID, &len, raw) == 0)
		snprintf(raw, sizeof(raw), "%s", f->family);
	for (i = j = 0; raw[i] != '\0' && j < sizeof(f->psname) - 1; i++)
		if ((raw[i] >= 'A' && raw[i] <= 'Z') ||
		    (raw[i] >= 'a' && raw[i] <= 'z') ||
		    (raw[i] >= '0' && raw[i] <= '9') || raw[i] == '-')
			f->psname[j++] = raw[i];
	f->psname[j] = '\0';
	if (j == 0)
		snprintf(f->psname, sizeof(f->psname), "Font");
}

struct font *
font_open(struct diag *d, const char *family, int bold)
{
	struct font *f;
	hb_font_extents_t ext;
	char *path = NULL;
	int index = 0, isbold = 0;

	if (S_find(family, bold, &path, &index, &isbold) == -1) {
		diag_at(d, DIAG_FATAL, NULL, 0, 0, "font family '%s' not found "
		    "by fontconfig (fc-list lists the installed families; the "
		    "defaults come with Debian's fonts-wqy-zenhei and "
		    "fonts-arphic-uming)", family);
		return NULL;
	}
	f = xcalloc(1, sizeof(*f));
	f->family = xstrdup(family);
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
	if (!S_has_table(f->face, "glyf") || !S_has_table(f->face, "loca")) {
		diag_at(d, DIAG_FATAL, path, 0, 0, "font '%s' has no TrueType "
		    "outlines (glyf/loca; CFF-based OpenType?): the PDF writer "
		    "(libharu) embeds only TrueType fonts, choose another "
		    "family", family);
		font_free(f);
		return NULL;
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
font_ascent(const struct font *f)
{
	return f->ascent;
}

int
font_descent(const struct font *f)
{
	return f->descent;
}

/* Looks cp up (BMP only) and fills the cache; returns the cache value. */
static int
S_lookup(struct font *f, uint32_t cp)
{
	hb_codepoint_t gid;
	hb_position_t a;
	int v;

	if (!hb_font_get_nominal_glyph(f->hb, cp, &gid))
		v = S_ADV_MISSING;
	else {
		a = hb_font_get_glyph_h_advance(f->hb, gid);
		/* Truncated exactly as libharu computes its /W widths. */
		v = (int)((long)a * 1000 / (long)f->upem);
		if (v > INT16_MAX)
			v = INT16_MAX;
		if (v < 0)
			v = 0;
	}
	f->adv[cp] = (int16_t)v;
	return v;
}

int
font_has(struct font *f, uint32_t cp)
{
	int v;

	if (cp >= S_NBMP)
		return 0;
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
		return 0;
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
	memset(f->used, 0, S_NBMP / 8);
	f->nused = 0;
	f->doc = NULL;
	f->hf = NULL;
}

/*
 * Tables libharu 2.3.0 neither reads nor needs in the PDF: OpenType
 * layout, vertical metrics, bitmaps, device metrics, signatures.
 */
static const char *const S_drop[] = {
	"GSUB", "GPOS", "GDEF", "BASE", "JSTF", "MATH", "kern", "morx",
	"mort", "kerx", "vhea", "vmtx", "VORG", "EBDT", "EBLC", "EBSC",
	"bdat", "bloc", "CBDT", "CBLC", "sbix", "gasp", "hdmx", "LTSH",
	"VDMX", "DSIG", "PCLT", "meta", "STAT", "fvar", "gvar", "avar",
	"HVAR", "VVAR", "MVAR", "cvar", "COLR", "CPAL", "SVG ",
};

static void
S_be16(struct buf *b, unsigned v)
{
	buf_putc(b, (int)((v >> 8) & 0xFF));
	buf_putc(b, (int)(v & 0xFF));
}

/*
 * A minimal name table naming the font psname: family (1), subfamily
 * (2), full name (4) and PostScript name (6), Windows Unicode English
 * records, which is what libharu 2.3.0 reads.
 */
static hb_blob_t *
S_name_table(const char *psname)
{
	static const unsigned ids[] = { 1, 2, 4, 6 };
	struct buf b = BUF_INIT, str = BUF_INIT;
	const char *v;
	size_t i, k, len;
	char *data;

	S_be16(&b, 0);				/* format */
	S_be16(&b, 4);				/* count */
	S_be16(&b, 6 + 4 * 12);			/* string offset */
	for (i = 0; i < 4; i++) {
		v = ids[i] == 2 ? "Regular" : psname;
		len = strlen(v);
		S_be16(&b, 3);			/* Windows */
		S_be16(&b, 1);			/* Unicode BMP */
		S_be16(&b, 0x409);		/* English */
		S_be16(&b, ids[i]);
		S_be16(&b, (unsigned)(2 * len));
		S_be16(&b, (unsigned)str.len);
		for (k = 0; k < len; k++)
			S_be16(&str, (unsigned char)v[k]);
	}
	buf_put(&b, str.data, str.len);
	buf_free(&str);
	len = b.len;
	data = buf_detach(&b);
	return hb_blob_create(data, (unsigned)len, HB_MEMORY_MODE_WRITABLE,
	    data, free);
}

/*
 * A cmap of few segments for the subset sub holding the code points
 * cps[0..n) (ascending): one format 4 subtable (Windows Unicode BMP)
 * whose segments each span a cluster of code points less than 2048
 * apart, mapped through a glyph index array.  libharu's
 * HPDF_GetFont(…, "UTF-8") looks up all 65,536 BMP code points one by
 * one, each by a linear scan over the segments: with HarfBuzz's cmap (a
 * segment per run of consecutive code points, hundreds for Chinese
 * text) that scan was a third of the time of writing many small PDFs;
 * with a handful of segments it is negligible.  NULL when the array
 * would not fit the format (subtable length is 16 bits): the subset's
 * own cmap is kept then.
 */
static hb_blob_t *
S_cmap_table(hb_face_t *sub, const uint32_t *cps, size_t n)
{
	struct buf b = BUF_INIT;
	size_t i, j, nseg = 0, narr = 0, seg0[64], seg1[64];
	unsigned len, k, sr, es;
	hb_font_t *hf;
	hb_codepoint_t gid;
	char *data;

	if (n == 0)
		return NULL;
	for (i = 0; i < n; i = j + 1) {
		for (j = i; j + 1 < n && cps[j + 1] - cps[j] < 2048; j++)
			continue;
		if (nseg == 63)
			return NULL;
		seg0[nseg] = i;
		seg1[nseg++] = j;
		narr += cps[j] - cps[i] + 1;
	}
	if (cps[n - 1] >= 0xFFFF)
		return NULL;
	/* + the final 0xFFFF segment */
	len = 16 + 8 * (unsigned)(nseg + 1) + 2 * (unsigned)narr;
	if (len > 0xFFFF)
		return NULL;
	hf = hb_font_create(sub);
	S_be16(&b, 0);			/* cmap version */
	S_be16(&b, 1);			/* one subtable */
	S_be16(&b, 3);			/* Windows */
	S_be16(&b, 1);			/* Unicode BMP */
	S_be16(&b, 0);			/* offset 12 (32 bits) */
	S_be16(&b, 12);
	S_be16(&b, 4);			/* format 4 */
	S_be16(&b, len);
	S_be16(&b, 0);			/* language */
	S_be16(&b, 2 * (unsigned)(nseg + 1));
	for (sr = 1, es = 0; sr * 2 <= nseg + 1; sr *= 2, es++)
		continue;
	S_be16(&b, 2 * sr);		/* searchRange */
	S_be16(&b, es);			/* entrySelector */
	S_be16(&b, 2 * (unsigned)(nseg + 1) - 2 * sr);	/* rangeShift */
	for (i = 0; i < nseg; i++)
		S_be16(&b, cps[seg1[i]]);	/* endCode */
	S_be16(&b, 0xFFFF);
	S_be16(&b, 0);			/* reservedPad */
	for (i = 0; i < nseg; i++)
		S_be16(&b, cps[seg0[i]]);	/* startCode */
	S_be16(&b, 0xFFFF);
	for (i = 0; i < nseg; i++)
		S_be16(&b, 0);		/* idDelta */
	S_be16(&b, 1);
	/* idRangeOffset: bytes from this entry to the segment's array */
	for (i = 0, k = 0; i < nseg; i++) {
		S_be16(&b, 2 * (unsigned)(nseg + 1 - i) + 2 * k);
		k += cps[seg1[i]] - cps[seg0[i]] + 1;
	}
	S_be16(&b, 0);
	for (i = 0; i < nseg; i++) {
		uint32_t cp;

		for (cp = cps[seg0[i]]; cp <= cps[seg1[i]]; cp++) {
			if (!hb_font_get_nominal_glyph(hf, cp, &gid))
				gid = 0;
			S_be16(&b, (unsigned)gid);
		}
	}
	hb_font_destroy(hf);
	len = (unsigned)b.len;
	data = buf_detach(&b);
	return hb_blob_create(data, len, HB_MEMORY_MODE_WRITABLE, data, free);
}

/*
 * The font file of face sub with its name table replaced by one naming
 * it psname (libharu refuses, or worse silently reuses, a second font
 * of the same name in one document), and its cmap by S_cmap_table()'s.
 */
static hb_blob_t *
S_rename(hb_face_t *subset, const char *psname, const uint32_t *cps,
    size_t ncps)
{
	hb_face_t *b, *sub;
	hb_tag_t tags[64];
	hb_blob_t *t, *out, *cmap;
	unsigned i, n, start = 0;

	/* A builder face lists no tables: read back the compiled font. */
	t = hb_face_reference_blob(subset);
	sub = hb_face_create(t, 0);
	hb_blob_destroy(t);
	b = hb_face_builder_create();
	cmap = S_cmap_table(sub, cps, ncps);
	do {
		n = sizeof(tags) / sizeof(tags[0]);
		hb_face_get_table_tags(sub, start, &n, tags);
		for (i = 0; i < n; i++) {
			if (tags[i] == HB_TAG('n', 'a', 'm', 'e'))
				continue;
			if (cmap && tags[i] == HB_TAG('c', 'm', 'a', 'p'))
				continue;
			t = hb_face_reference_table(sub, tags[i]);
			hb_face_builder_add_table(b, tags[i], t);
			hb_blob_destroy(t);
		}
		start += n;
	} while (n == sizeof(tags) / sizeof(tags[0]));
	t = S_name_table(psname);
	hb_face_builder_add_table(b, HB_TAG('n', 'a', 'm', 'e'), t);
	hb_blob_destroy(t);
	if (cmap) {
		hb_face_builder_add_table(b, HB_TAG('c', 'm', 'a', 'p'), cmap);
		hb_blob_destroy(cmap);
	}
	out = hb_face_reference_blob(b);
	hb_face_destroy(b);
	hb_face_destroy(sub);
	return out;
}

/*
 * Subsets f to its used code points plus U+0020, naming the result
 * psname.  Returns the font file bytes (hb_blob_destroy() them), or NULL.
 */
static hb_blob_t *
S_subset(struct font *f, const char *psname)
{
	hb_subset_input_t *in;
	hb_set_t *u, *drop;
	hb_face_t *sub;
	hb_blob_t *out;
	size_t i, ncps = 0;
	uint32_t cp, *cps;

	if ((in = hb_subset_input_create_or_fail()) == NULL)
		return NULL;
	u = hb_subset_input_unicode_set(in);
	hb_set_add(u, 0x20);
	cps = xcalloc(f->nused + 1, sizeof(*cps));
	for (i = 0; i < S_NBMP / 8; i++) {
		if (f->used[i] == 0)
			continue;
		for (cp = (uint32_t)i * 8; cp < (uint32_t)i * 8 + 8; cp++)
			if (f->used[cp >> 3] & (1u << (cp & 7))) {
				hb_set_add(u, cp);
				if (cp > 0x20 && ncps == 0)
					cps[ncps++] = 0x20;
				if (ncps <= f->nused)
					cps[ncps++] = cp;
			}
	}
	if (ncps == 0)
		cps[ncps++] = 0x20;
	drop = hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
	for (i = 0; i < sizeof(S_drop) / sizeof(S_drop[0]); i++)
		hb_set_add(drop, hb_tag_from_string(S_drop[i], 4));
	hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NO_HINTING);
	sub = hb_subset_or_fail(f->face, in);
	hb_subset_input_destroy(in);
	if (sub == NULL) {
		free(cps);
		return NULL;
	}
	out = S_rename(sub, psname, cps, ncps);
	free(cps);
	hb_face_destroy(sub);
	if (hb_blob_get_length(out) == 0) {
		hb_blob_destroy(out);
		return NULL;
	}
	return out;
}

/* Writes n bytes to a private temporary file; returns its path or NULL. */
static char *
S_tempfile(const char *data, size_t n)
{
	const char *dir;
	char *path;
	FILE *fp;
	int fd;

	if ((dir = getenv("TMPDIR")) == NULL || *dir == '\0')
		dir = "/tmp";
	path = xasprintf("%s/rolebook-font-XXXXXX", dir);
	if ((fd = mkstemp(path)) == -1) {
		free(path);
		return NULL;
	}
	if ((fp = fdopen(fd, "wb")) == NULL) {
		close(fd);
		unlink(path);
		free(path);
		return NULL;
	}
	if (fwrite(data, 1, n, fp) != n || fclose(fp) != 0) {
		unlink(path);
		free(path);
		return NULL;
	}
	return path;
}

HPDF_Font
font_embed(struct font *f, struct diag *d, HPDF_Doc pdf)
{
	hb_blob_t *sub;
	const char *data, *name;
	unsigned len;
	char *tmp, psname[64];
	HPDF_Font hf;
	int i;

	if (f->hf != NULL && f->doc == pdf)
		return f->hf;
	/* A name no font of this document has yet: psname, psname-2, ... */
	snprintf(psname, sizeof(psname), "%s", f->psname);
	for (i = 2; HPDF_Doc_FindFontDef(pdf, psname) != NULL; i++)
		snprintf(psname, sizeof(psname), "%s-%d", f->psname, i);
	if ((sub = S_subset(f, psname)) == NULL) {
		diag_at(d, DIAG_FATAL, f->path, 0, 0, "font '%s': HarfBuzz "
		    "could not subset the font", f->family);
		return NULL;
	}
	data = hb_blob_get_data(sub, &len);
	tmp = S_tempfile(data, len);
	hb_blob_destroy(sub);
	if (tmp == NULL) {
		diag_at(d, DIAG_FATAL, NULL, 0, 0, "font '%s': cannot write a "
		    "temporary file: %s", f->family, strerror(errno));
		return NULL;
	}
	/* Registering the UTF encoders twice is a (sticky) libharu error. */
	if (HPDF_Doc_FindEncoder(pdf, "UTF-8") == NULL)
		HPDF_UseUTFEncodings(pdf);
	/* libharu keeps the file open until HPDF_Free(): unlinking is safe. */
	name = HPDF_LoadTTFontFromFile(pdf, tmp, HPDF_TRUE);
	unlink(tmp);
	free(tmp);
	hf = name == NULL ? NULL : HPDF_GetFont(pdf, name, "UTF-8");
	if (hf == NULL) {
		diag_at(d, DIAG_FATAL, f->path, 0, 0, "font '%s': libharu "
		    "cannot embed the subset (error 0x%04lX)", f->family,
		    (unsigned long)HPDF_GetError(pdf));
		HPDF_ResetError(pdf);
		return NULL;
	}
	f->doc = pdf;
	f->hf = hf;
	return hf;
}

void
font_missing_diag(struct diag *d, const struct rb_pos *pos, uint32_t cp,
    const struct font *f)
{
	struct buf b = BUF_INIT;

	if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || cp == 0xFFFD ||
	    (cp >= 0xD800 && cp < 0xE000) || cp > 0x10FFFF)
		diag_pos(d, DIAG_ERROR, pos, "character U+%04X is not in "
		    "font '%s'", (unsigned)cp, f->family);
	else {
		buf_put_utf8(&b, cp);
		diag_pos(d, DIAG_ERROR, pos, "character '%s' (U+%04X) is not "
		    "in font '%s'", b.data, (unsigned)cp, f->family);
		buf_free(&b);
	}
}
