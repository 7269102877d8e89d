/*
 * test_cff.c — the CFF reader (src/pdf/cff.c) on hand-made bytes and on
 * Noto Sans CJK SC, the writer (cff_write.c), and the cached subsets of
 * cffsub.c: glyph outlines of a written subset, loaded by FreeType, equal
 * the original font's; the bytes do not depend on what was cached before.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <hb.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_CID_H
#include "util/util.h"
#include "util/diag.h"
#include "pdf/cff.h"
#include "pdf/cffsub.h"
#include "pdf/font.h"

/* The DICT operand encodings of TN 5176 table 3, one of each. */
Test(cff, dict_operands)
{
	static const uint8_t d[] = {
		0x8B, 0x20, 0xF6, 0x01,		/* 0 -107 107 op 1 */
		0xF7, 0x00, 0xFA, 0xFF, 0x02,	/* 108 1131 op 2 */
		0xFB, 0x00, 0xFE, 0xFF, 0x03,	/* -108 -1131 op 3 */
		0x1C, 0x80, 0x00, 0x1D, 0x00, 0x01, 0x00, 0x00, 0x04,
						/* -32768 65536 op 4 */
		0x1E, 0x2A, 0x5F, 0x8B, 0x0C, 0x07,
						/* 2.5 real, 0, op 12 7 */
	};
	long v[4];
	size_t at, span;

	cr_assert_eq(cff_dict_check(d, sizeof(d)), 0);
	cr_assert_eq(cff_dict_get(d, sizeof(d), 1, v, 4, &at, &span), 3);
	cr_assert(v[0] == 0 && v[1] == -107 && v[2] == 107);
	cr_assert(at == 0 && span == 4);
	cr_assert_eq(cff_dict_get(d, sizeof(d), 2, v, 4, &at, &span), 2);
	cr_assert(v[0] == 108 && v[1] == 1131, "%ld %ld", v[0], v[1]);
	cr_assert(at == 4 && span == 5);
	cr_assert_eq(cff_dict_get(d, sizeof(d), 3, v, 4, NULL, NULL), 2);
	cr_assert(v[0] == -108 && v[1] == -1131, "%ld %ld", v[0], v[1]);
	cr_assert_eq(cff_dict_get(d, sizeof(d), 4, v, 4, NULL, NULL), 2);
	cr_assert(v[0] == -32768 && v[1] == 65536);
	cr_assert_eq(cff_dict_get(d, sizeof(d), CFF_OP_FONTMATRIX, v, 4, &at,
	    &span), 2);
	cr_assert(v[0] == 0 && v[1] == 0 && at == 23 && span == 6);
	cr_assert_eq(cff_dict_get(d, sizeof(d), 5, v, 4, NULL, NULL), -1);
	/* truncated operand, operand without operator, reserved byte */
	cr_assert_eq(cff_dict_check(d, 16), -1);
	cr_assert_eq(cff_dict_check(d, 3), -1);
	cr_assert_eq(cff_dict_check((const uint8_t *)"\x8b\x16", 2), -1);
	cr_assert_eq(cff_dict_check((const uint8_t *)"\x1e\x2a", 2), -1);
	cr_assert_eq(cff_dict_check((const uint8_t *)"\x8b\x0c", 2), -1);
}

Test(cff, dict_copy_skips)
{
	static const uint8_t d[] = { 0x8B, 0x01, 0xF7, 0x00, 0x13, 0x8C,
	    0x02 };
	struct buf b = BUF_INIT;

	cr_assert_eq(cff_dict_copy(&b, d, sizeof(d), CFF_OP_SUBRS), 0);
	cr_assert_eq(b.len, 4);
	cr_assert(memcmp(b.data, "\x8b\x01\x8c\x02", 4) == 0);
	buf_free(&b);
}

Test(cff, index)
{
	/* two objects "ab" and "c": count 2, offSize 1, offsets 1 3 4 */
	static const uint8_t x[] = { 0, 2, 1, 1, 3, 4, 'a', 'b', 'c', 0xEE };
	struct cff_index ix;
	const uint8_t *p;
	size_t n;

	cr_assert_eq(cff_index_read(&ix, x, sizeof(x), 0), 0);
	cr_assert_eq(ix.count, 2);
	cr_assert_eq(ix.end, 9);
	cr_assert_eq(cff_index_get(&ix, 0, &p, &n), 0);
	cr_assert(n == 2 && memcmp(p, "ab", 2) == 0);
	cr_assert_eq(cff_index_get(&ix, 1, &p, &n), 0);
	cr_assert(n == 1 && *p == 'c');
	cr_assert_eq(cff_index_get(&ix, 2, &p, &n), -1);
	/* empty INDEX: two bytes */
	cr_assert_eq(cff_index_read(&ix, (const uint8_t *)"\0\0", 2, 0), 0);
	cr_assert(ix.count == 0 && ix.end == 2);
	/* the data runs past the end; offSize 5; offsets out of order */
	cr_assert_eq(cff_index_read(&ix, x, 8, 0), -1);
	cr_assert_eq(cff_index_read(&ix, (const uint8_t *)"\0\1\5\0", 4, 0),
	    -1);
	{
		static const uint8_t y[] = { 0, 2, 1, 1, 4, 3, 'a', 'b', 'c' };

		cr_assert_eq(cff_index_read(&ix, y, sizeof(y), 0), 0);
		cr_assert_eq(cff_index_get(&ix, 1, &p, &n), -1);
	}
}

/* A struct cff over hand-made bytes: charset and FDSelect only. */
static struct cff
fake(const uint8_t *p, size_t len, unsigned nglyphs, size_t nfd)
{
	struct cff c;

	memset(&c, 0, sizeof(c));
	c.p = p;
	c.len = len;
	c.nglyphs = nglyphs;
	c.cid = 1;
	c.fdarray.count = nfd;
	return c;
}

Test(cff, charset_formats)
{
	/* at 3 (0..2 name predefined charsets): format 0, CIDs 5 9 2;
	 * at 10: format 1, 5..7 then 20; at 17: format 2, 100..102 then 7 */
	static const uint8_t p[] = { 0xEE, 0xEE, 0xEE,
	    0, 0, 5, 0, 9, 0, 2,
	    1, 0, 5, 2, 0, 20, 0,
	    2, 0, 100, 0, 2, 0, 7, 0, 0 };
	uint16_t cids[5];
	struct cff c = fake(p, sizeof(p), 4, 1);

	c.charset = 3;
	cr_assert_eq(cff_charset(&c, cids), 0);
	cr_assert(cids[0] == 0 && cids[1] == 5 && cids[2] == 9 &&
	    cids[3] == 2);
	c = fake(p, sizeof(p), 5, 1);
	c.charset = 10;
	cr_assert_eq(cff_charset(&c, cids), 0);
	cr_assert(cids[1] == 5 && cids[2] == 6 && cids[3] == 7 &&
	    cids[4] == 20);
	c.charset = 17;
	cr_assert_eq(cff_charset(&c, cids), 0);
	cr_assert(cids[1] == 100 && cids[2] == 101 && cids[3] == 102 &&
	    cids[4] == 7);
	/* predefined charsets, a format 0 that runs out, format 3 */
	c.charset = 0;
	cr_assert_eq(cff_charset(&c, cids), -1);
	c = fake(p, 8, 4, 1);
	c.charset = 3;
	cr_assert_eq(cff_charset(&c, cids), -1);
	c = fake((const uint8_t *)"\xee\xee\xee\x03\0\0", 6, 2, 1);
	c.charset = 3;
	cr_assert_eq(cff_charset(&c, cids), -1);
}

Test(cff, fdselect_formats)
{
	/* at 1: format 0 (fd 0 1 1); at 5: format 3, two ranges
	 * [0,2) fd 1, [2,3) fd 0, sentinel 3 */
	static const uint8_t p[] = { 0xEE,
	    0, 0, 1, 1,
	    3, 0, 2, 0, 0, 1, 0, 2, 0, 0, 3 };
	uint8_t fds[4];
	struct cff c = fake(p, sizeof(p), 3, 2);

	c.fdselect = 1;
	cr_assert_eq(cff_fdselect(&c, fds), 0);
	cr_assert(fds[0] == 0 && fds[1] == 1 && fds[2] == 1);
	c.fdselect = 5;
	cr_assert_eq(cff_fdselect(&c, fds), 0);
	cr_assert(fds[0] == 1 && fds[1] == 1 && fds[2] == 0);
	/* an FD index past the FDArray; a sentinel short of the glyphs */
	c = fake(p, sizeof(p), 3, 1);
	c.fdselect = 1;
	cr_assert_eq(cff_fdselect(&c, fds), -1);
	c = fake(p, sizeof(p), 4, 2);
	c.fdselect = 5;
	cr_assert_eq(cff_fdselect(&c, fds), -1);
	/* truncated */
	c = fake(p, 12, 3, 2);
	c.fdselect = 5;
	cr_assert_eq(cff_fdselect(&c, fds), -1);
}

/* cff_write() of three made-up glyphs over two Font DICTs, read back. */
Test(cff, write_reads_back)
{
	static const uint8_t cs0[] = { 0x0E }, cs1[] = { 0x8B, 0x8B, 0x15,
	    0x0E }, cs2[] = { 0xF7, 0x00, 0x0E };
	static const uint8_t priv0[] = { 0x8B, 0x14 }, priv1[] = { 0xF7, 0x00,
	    0x15 };
	static const uint8_t fm[] = { 0x1E, 0x1A, 0x00, 0x1F, 0x8B, 0x8B,
	    0x1E, 0x1A, 0x00, 0x1F, 0x8B, 0x8B, 0x0C, 0x07 };
	struct cff_glyph g[3] = {
		{ cs0, 1, 0, 0 }, { cs1, 4, 7, 1 }, { cs2, 3, 8, 0 },
	};
	struct cff_fd fd[2] = {
		{ NULL, 0, priv0, 2 }, { fm, sizeof(fm), priv1, 3 },
	};
	struct cff_out o = { "Test-Font", "Adobe", "Identity", 0, NULL, 0,
	    g, 3, fd, 2, 9 };
	struct buf b = BUF_INIT;
	struct cff c;
	uint16_t cids[3];
	uint8_t fds[4];
	const uint8_t *p;
	size_t n, at, span;
	long v[3];

	cff_write(&b, &o);
	cr_assert_eq(cff_open(&c, b.data, b.len), 0);
	cr_assert(c.cid);
	cr_assert_eq(c.nglyphs, 3);
	cr_assert_eq(c.fdarray.count, 2);
	cr_assert_eq(cff_index_get(&c.name, 0, &p, &n), 0);
	cr_assert(n == 9 && memcmp(p, "Test-Font", 9) == 0);
	cr_assert_eq(cff_dict_get(c.topd, c.topn, CFF_OP_ROS, v, 3, NULL,
	    NULL), 3);
	cr_assert(v[0] == 391 && v[1] == 392 && v[2] == 0);
	cr_assert_eq(cff_index_get(&c.str, 1, &p, &n), 0);
	cr_assert(n == 8 && memcmp(p, "Identity", 8) == 0);
	cr_assert_eq(cff_dict_get(c.topd, c.topn, CFF_OP_CIDCOUNT, v, 1, NULL,
	    NULL), 1);
	cr_assert_eq(v[0], 9);
	cr_assert_eq(c.gsubr.count, 0);
	cr_assert_eq(cff_charset(&c, cids), 0);
	cr_assert(cids[0] == 0 && cids[1] == 7 && cids[2] == 8);
	cr_assert_eq(cff_fdselect(&c, fds), 0);
	cr_assert(fds[0] == 0 && fds[1] == 1 && fds[2] == 0);
	cr_assert_eq(cff_charstring(&c, 1, &p, &n), 0);
	cr_assert(n == 4 && memcmp(p, cs1, 4) == 0);
	cr_assert_eq(cff_private(&c, 1, &p, &n), 0);
	cr_assert(n == 3 && memcmp(p, priv1, 3) == 0);
	cr_assert_eq(cff_private(&c, 0, &p, &n), 0);
	cr_assert(n == 2 && memcmp(p, priv0, 2) == 0);
	/* the FontMatrix of Font DICT 1, verbatim */
	cr_assert_eq(cff_index_get(&c.fdarray, 1, &p, &n), 0);
	cr_assert_eq(cff_dict_get(p, n, CFF_OP_FONTMATRIX, v, 1, &at, &span),
	    6);
	cr_assert(span == sizeof(fm) && memcmp(p + at, fm, span) == 0);
	/* a truncated table reads as malformed, at every length */
	for (n = 0; n < b.len; n++) {
		struct cff t;
		uint16_t tc[3];
		uint8_t tf[3];

		if (cff_open(&t, b.data, n) == 0)
			cr_assert(cff_charset(&t, tc) == -1 ||
			    cff_fdselect(&t, tf) == -1 ||
			    cff_private(&t, 1, &p, &at) == -1 ||
			    cff_charstring(&t, 2, &p, &at) == -1,
			    "truncated to %zu bytes, still whole", n);
	}
	buf_free(&b);
}

/* The face of Noto Sans CJK SC as fontconfig finds it, or NULL. */
static hb_face_t *
noto(char **path, int *index)
{
	struct diag d;
	struct font *f;
	hb_blob_t *b;
	hb_face_t *face;

	diag_init(&d);
	f = font_open(&d, "Noto Sans CJK SC", 0);
	diag_free(&d);
	if (f == NULL || !font_cff(f)) {
		font_free(f);
		return NULL;
	}
	*path = xstrdup(font_file(f));
	*index = font_index(f);
	font_free(f);
	b = hb_blob_create_from_file(*path);
	face = hb_face_create(b, (unsigned)*index);
	hb_blob_destroy(b);
	return face;
}

Test(cff, reads_noto)
{
	hb_face_t *face;
	hb_blob_t *b;
	struct cff c;
	const char *data;
	const uint8_t *p;
	unsigned len, i;
	size_t n;
	uint16_t *cids;
	uint8_t *fds;
	char *path;
	int index;

	if ((face = noto(&path, &index)) == NULL)
		cr_skip_test("fonts-noto-cjk not installed");
	b = hb_face_reference_table(face, HB_TAG('C','F','F',' '));
	data = hb_blob_get_data(b, &len);
	cr_assert_eq(cff_open(&c, data, len), 0);
	cr_assert(c.cid);
	cr_assert_eq(c.nglyphs, 65535);
	cr_assert_eq(c.fdarray.count, 18);
	cids = xcalloc(c.nglyphs, sizeof(*cids));
	fds = xcalloc(c.nglyphs, 1);
	cr_assert_eq(cff_charset(&c, cids), 0);
	cr_assert_eq(cff_fdselect(&c, fds), 0);
	/* Adobe-Identity-0: every CID is its glyph's number (岗 15966) */
	for (i = 0; i < c.nglyphs; i++)
		cr_assert_eq(cids[i], i);
	for (i = 0; i < c.fdarray.count; i++)
		cr_assert_eq(cff_private(&c, i, &p, &n), 0);
	cr_assert_eq(cff_charstring(&c, 15966, &p, &n), 0);
	cr_assert_gt(n, 0);
	free(cids);
	free(fds);
	free(path);
	hb_blob_destroy(b);
	hb_face_destroy(face);
}

/* Glyph gid of FreeType face ft, unscaled, unhinted: its outline. */
static void
load(FT_Face ft, unsigned gid, FT_Outline *o)
{
	cr_assert_eq(FT_Load_Glyph(ft, gid, FT_LOAD_NO_SCALE |
	    FT_LOAD_NO_HINTING), 0, "glyph %u", gid);
	*o = ft->glyph->outline;
}

/*
 * A subset written from the cache, loaded by FreeType as a bare CFF:
 * its glyphs have the font's CIDs and the very outlines of the font.
 */
Test(cff, subset_outlines_match_font)
{
	static const uint32_t cp[] = { 0x5C97, 0x4F4D, 'A', 0x4E2D, 0x3002,
	    0x4F4D, 'g', 0xFF08 };	/* 岗位A中。位g（ */
	hb_codepoint_t g[8];
	hb_face_t *face;
	hb_font_t *hf;
	struct cffsub *s;
	struct buf b = BUF_INIT;
	FT_Library lib;
	FT_Face orig, sub;
	FT_UInt cid;
	FT_Outline a, z;
	struct cff c;
	uint16_t cids[8];
	char *path;
	int index, i, k;
	short np0;

	if ((face = noto(&path, &index)) == NULL)
		cr_skip_test("fonts-noto-cjk not installed");
	hf = hb_font_create(face);
	for (i = 0; i < 8; i++)
		cr_assert(hb_font_get_nominal_glyph(hf, cp[i], &g[i]));
	s = cffsub_new(face, "NotoSansCJKsc-Regular");
	cr_assert_not_null(s);
	cr_assert_eq(cffsub_cid(s, g[0]), 15966);
	cr_assert_eq(cffsub_write(s, cp, g, NULL, 8, &b), 0);
	cr_assert_eq(cffsub_nfills(s), 1);
	cr_assert_eq(FT_Init_FreeType(&lib), 0);
	cr_assert_eq(FT_New_Face(lib, path, index, &orig), 0);
	cr_assert_eq(FT_New_Memory_Face(lib, (const FT_Byte *)b.data,
	    (FT_Long)b.len, 0, &sub), 0);
	cr_assert_str_eq(FT_Get_Postscript_Name(sub), "NotoSansCJKsc-Regular");
	/* .notdef and the 7 distinct glyphs, ascending by CID */
	cr_assert_eq(cff_open(&c, b.data, b.len), 0);
	cr_assert_eq(c.nglyphs, 8);
	cr_assert_eq(cff_charset(&c, cids), 0);
	for (i = 1; i < 8; i++)
		cr_assert_gt(cids[i], cids[i - 1]);
	/* Each has the very outline of the font's glyph.  FreeType takes a
	 * bare CID-keyed CFF's glyph number as a CID. */
	for (i = 0; i < 8; i++) {
		FT_Vector *pa;
		short np, nc;

		load(orig, g[i], &a);
		np = a.n_points;
		nc = a.n_contours;
		pa = xcalloc((size_t)np + 1, sizeof(*pa));
		memcpy(pa, a.points, sizeof(*pa) * (size_t)np);
		cid = cffsub_cid(s, g[i]);
		load(sub, cid, &z);
		cr_assert_eq(z.n_contours, nc, "CID %u", cid);
		cr_assert_eq(z.n_points, np, "CID %u", cid);
		for (k = 0; k < np; k++)
			cr_assert(z.points[k].x == pa[k].x &&
			    z.points[k].y == pa[k].y, "CID %u point %d", cid,
			    k);
		cr_assert_gt(np, cp[i] == 0x3002 ? 4 : 8, "U+%04X", cp[i]);
		free(pa);
	}
	/* .notdef too */
	load(orig, 0, &a);
	np0 = a.n_points;
	load(sub, 0, &z);
	cr_assert_eq(z.n_points, np0);
	FT_Done_Face(sub);
	FT_Done_Face(orig);
	FT_Done_FreeType(lib);
	buf_free(&b);
	cffsub_free(s);
	free(path);
	hb_font_destroy(hf);
	hb_face_destroy(face);
}

/* The subset of some glyphs is the same bytes whether other glyphs were
 * cached first or not; cached glyphs cost no HarfBuzz subset. */
Test(cff, subset_independent_of_cache)
{
	static const uint32_t one[] = { 0x5C97, 0x4F4D, 'A' };
	static const uint32_t two[] = { 0x4F4D, 0x9500, 0x552E, '1', 'A' };
	hb_codepoint_t g1[3], g2[5];
	hb_face_t *face;
	hb_font_t *hf;
	struct cffsub *s, *t;
	struct buf a = BUF_INIT, b = BUF_INIT, c = BUF_INIT;
	char *path;
	int index, i;

	if ((face = noto(&path, &index)) == NULL)
		cr_skip_test("fonts-noto-cjk not installed");
	hf = hb_font_create(face);
	for (i = 0; i < 3; i++)
		cr_assert(hb_font_get_nominal_glyph(hf, one[i], &g1[i]));
	for (i = 0; i < 5; i++)
		cr_assert(hb_font_get_nominal_glyph(hf, two[i], &g2[i]));
	s = cffsub_new(face, "X");
	t = cffsub_new(face, "X");
	cr_assert_eq(cffsub_write(s, one, g1, NULL, 3, &a), 0);
	cr_assert_eq(cffsub_write(s, two, g2, NULL, 5, &b), 0);
	cr_assert_eq(cffsub_nfills(s), 2);
	cr_assert_eq(cffsub_write(t, two, g2, NULL, 5, &c), 0);
	cr_assert_eq(b.len, c.len);
	cr_assert(memcmp(b.data, c.data, b.len) == 0);
	/* everything cached: no subset more */
	c.len = 0;
	cr_assert_eq(cffsub_write(s, one, g1, NULL, 3, &c), 0);
	cr_assert_eq(cffsub_nfills(s), 2);
	cr_assert(c.len == a.len && memcmp(a.data, c.data, a.len) == 0);
	buf_free(&a);
	buf_free(&b);
	buf_free(&c);
	cffsub_free(s);
	cffsub_free(t);
	free(path);
	hb_font_destroy(hf);
	hb_face_destroy(face);
}

/* A TrueType face has no CFF: no cache, the caller subsets as before. */
Test(cff, no_cache_for_truetype)
{
	struct diag d;
	struct font *f;
	hb_blob_t *b;
	hb_face_t *face;

	diag_init(&d);
	f = font_open(&d, FONT_SANS, 0);
	cr_assert_not_null(f);
	b = hb_blob_create_from_file(font_file(f));
	face = hb_face_create(b, (unsigned)font_index(f));
	cr_assert_null(cffsub_new(face, "X"));
	hb_face_destroy(face);
	hb_blob_destroy(b);
	font_free(f);
	diag_free(&d);
}
