/*
 * test_font.c — the PDF backend's fonts: finding families through
 * fontconfig (regular, real and synthetic bold, unknown family), CFF
 * (CID-keyed Noto CJK and name-keyed) embedded by CID, HarfBuzz metrics,
 * characters above U+FFFF, the missing-character message, and the
 * embedded subset as pdffonts sees it (embedded, subset, distinct names
 * for two subsets of one font in one document, small).
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <hb.h>
#include "util/util.h"
#include "util/diag.h"
#include "shell.h"
#include "pdf/cff.h"
#include "pdf/font.h"
#include "pdf/draw.h"
#include "pdf/pdfw.h"

static long
file_size(const char *path)
{
	FILE *fp = fopen(path, "rb");
	long n;

	cr_assert_not_null(fp);
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	fclose(fp);
	return n;
}

Test(font, sans_metrics)
{
	struct diag d;
	struct font *f;

	diag_init(&d);
	f = font_open(&d, FONT_SANS, 0);
	cr_assert_not_null(f);
	cr_assert(strstr(font_file(f), "wqy-zenhei.ttc") != NULL);
	cr_assert_eq(font_index(f), 0);
	cr_assert_eq(font_synthetic_bold(f), 0);
	cr_assert_eq(font_has(f, 0x4E2D), 1);		/* 中 */
	cr_assert_eq(font_advance(f, 0x4E2D), 1000);
	cr_assert_eq(font_advance(f, 0x3002), 1000);	/* 。 */
	cr_assert_eq(font_advance(f, 'a'), 539);
	cr_assert_eq(font_advance(f, ' '), 299);
	cr_assert_eq(font_ascent(f), 962);
	cr_assert_eq(font_descent(f), -296);
	/* Above the BMP as in it (test supplementary_truetype) */
	cr_assert_eq(font_has(f, 0x20547), 1);		/* 𠕇 */
	cr_assert_eq(font_advance(f, 0x20547), 1000);
	cr_assert_eq(font_has(f, 0x20000), 0);
	cr_assert_eq(font_advance(f, 0x20000), 0);
	cr_assert_eq(font_has(f, 0xE000), 0);		/* private use */
	cr_assert_float_eq(font_text_width(f, "中a", strlen("中a"), 10),
	    15.39, 1e-9);
	cr_assert_eq(d.n, 0);
	font_free(f);
	diag_free(&d);
}

/* Where the blank of full-width punctuation sits, from the ink: the
 * default fonts have no 'halt'.  WenQuanYi sets 。、 in the lower left
 * but ，：； centred and “” narrow; UMing centres 。、. */
Test(font, punctuation_blank)
{
	struct diag d;
	struct font *f;
	int lr[2];

	diag_init(&d);
	f = font_open(&d, FONT_SANS, 0);
	cr_assert_not_null(f);
	font_blank(f, 0x3002, lr);			/* 。 */
	cr_assert(lr[0] == 0 && lr[1] == 500, "%d %d", lr[0], lr[1]);
	font_blank(f, 0xFF08, lr);			/* （ */
	cr_assert(lr[0] == 500 && lr[1] == 0, "%d %d", lr[0], lr[1]);
	font_blank(f, 0x300D, lr);			/* 」 */
	cr_assert(lr[0] == 0 && lr[1] == 500, "%d %d", lr[0], lr[1]);
	font_blank(f, 0xFF0C, lr);			/* ， */
	cr_assert(lr[0] == 250 && lr[1] == 250, "%d %d", lr[0], lr[1]);
	font_blank(f, 0x201C, lr);			/* “ 340/1024 em */
	cr_assert(lr[0] == 0 && lr[1] == 0, "%d %d", lr[0], lr[1]);
	font_blank(f, 0x3002, lr);			/* cached */
	cr_assert(lr[0] == 0 && lr[1] == 500);
	font_free(f);
	f = font_open(&d, FONT_SERIF, 0);
	cr_assert_not_null(f);
	font_blank(f, 0x3002, lr);			/* 。 centred */
	cr_assert(lr[0] == 250 && lr[1] == 250, "%d %d", lr[0], lr[1]);
	font_blank(f, 0x201C, lr);			/* “ full width */
	cr_assert(lr[0] == 500 && lr[1] == 0, "%d %d", lr[0], lr[1]);
	font_blank(f, 0xFF0C, lr);			/* ， */
	cr_assert(lr[0] == 0 && lr[1] == 500, "%d %d", lr[0], lr[1]);
	cr_assert_eq(d.n, 0);
	font_free(f);
	diag_free(&d);
}

Test(font, bold_real_and_synthetic)
{
	struct diag d;
	struct font *f;

	diag_init(&d);
	/* Zen Hei has no bold face: synthetic. */
	f = font_open(&d, "wenquanyi zen hei", 1);
	cr_assert_not_null(f);
	cr_assert_eq(font_synthetic_bold(f), 1);
	cr_assert_eq(font_stroke_bold(f), 0);	/* TrueType: emboldened */
	cr_assert_str_eq(font_family(f), "wenquanyi zen hei");
	font_free(f);
	/* DejaVu Sans (fontconfig's own dependency) has one. */
	f = font_open(&d, "DejaVu Sans", 1);
	cr_assert_not_null(f);
	cr_assert_eq(font_synthetic_bold(f), 0);
	cr_assert(strstr(font_file(f), "DejaVuSans-Bold.ttf") != NULL,
	    "%s", font_file(f));
	font_free(f);
	f = font_open(&d, FONT_SERIF, 0);
	cr_assert_not_null(f);
	cr_assert(strstr(font_file(f), "uming.ttc") != NULL);
	cr_assert_eq(font_has(f, 0x8A00), 1);		/* 言 */
	font_free(f);
	cr_assert_eq(d.n, 0);
	diag_free(&d);
}

Test(font, family_list)
{
	struct diag d;
	struct font *f;

	diag_init(&d);
	/* the first installed family of the list */
	f = font_open(&d, "No Such Family,  WenQuanYi Zen Hei , DejaVu Sans",
	    0);
	cr_assert_not_null(f);
	cr_assert_str_eq(font_family(f), "WenQuanYi Zen Hei");
	cr_assert(strstr(font_file(f), "wqy-zenhei.ttc") != NULL);
	font_free(f);
	cr_assert_eq(d.n, 0);
	/* none installed: every name in one message */
	cr_assert_null(font_open(&d, "Nope A, Nope B", 1));
	cr_assert_eq(d.nfatal, 1);
	cr_assert(strncmp(d.items[0].msg, "none of the font families "
	    "'Nope A', 'Nope B' found by fontconfig (", 64) == 0, "%s",
	    d.items[0].msg);
	diag_free(&d);
}

Test(font, unknown_family_no_fallback)
{
	struct diag d;

	diag_init(&d);
	/* fc-match would answer DejaVu Sans; we must not. */
	cr_assert_null(font_open(&d, "AR PL UMing", 0));
	cr_assert_eq(d.n, 1);
	cr_assert_eq(d.nfatal, 1);
	cr_assert(strncmp(d.items[0].msg, "font family 'AR PL UMing' not "
	    "found by fontconfig", 47) == 0, "%s", d.items[0].msg);
	diag_free(&d);
}

Test(font, missing_message)
{
	struct diag d;
	struct font *f;
	struct rb_pos pos = { "templates/role.xhtml", 12, 5 };
	static const uint32_t cp[] = { 0x20BB7, 0x01, 0xE01, 0xE02, 0xE03,
	    0xE04, 0xE05, 0xE06, 0xE07, 0xE08, 0xE09 };

	diag_init(&d);
	f = font_open(&d, FONT_SANS, 0);
	cr_assert_not_null(f);
	font_missing_diag(&d, &pos, &cp[0], 1, f, "font.body");	/* 𠮷 */
	font_missing_diag(&d, &pos, &cp[1], 1, f, "font.body");
	font_missing_diag(&d, &pos, &cp[2], 9, f, "font.mono");
	cr_assert_eq(d.n, 3);
	cr_assert_eq(d.nerr, 3);
	cr_assert_str_eq(d.items[0].msg, "character '\xF0\xA0\xAE\xB7' "
	    "(U+20BB7) is not in font 'WenQuanYi Zen Hei': write it another "
	    "way, or put a font that has it first in font.body of theme.conf "
	    "(docs/pdf.md)");
	cr_assert_str_eq(d.items[1].msg, "character U+0001 is not in font "
	    "'WenQuanYi Zen Hei': take it out");
	/* a run: all its characters, the first eight codes */
	cr_assert_str_eq(d.items[2].msg, "characters '\xE0\xB8\x81\xE0"
	    "\xB8\x82\xE0\xB8\x83\xE0\xB8\x84\xE0\xB8\x85\xE0\xB8\x86"
	    "\xE0\xB8\x87\xE0\xB8\x88\xE0\xB8\x89' (U+0E01 U+0E02 U+0E03 "
	    "U+0E04 U+0E05 U+0E06 U+0E07 U+0E08 \xE2\x80\xA6) are not in font "
	    "'WenQuanYi Zen Hei': write them another way, or put a font that "
	    "has them first in font.mono of theme.conf (docs/pdf.md)");
	cr_assert_str_eq(d.items[0].file, "templates/role.xhtml");
	cr_assert_eq(d.items[0].line, 12);
	font_free(f);
	diag_free(&d);
}

Test(font, use_and_reset)
{
	struct diag d;
	struct font *f;

	diag_init(&d);
	f = font_open(&d, FONT_SANS, 0);
	font_use_utf8(f, "销售销售ab\xF0\xA0\xAE\xB7",
	    strlen("销售销售ab\xF0\xA0\xAE\xB7"));
	cr_assert_eq(font_nused(f), 4);	/* 销 售 a b; U+20BB7 ignored */
	font_reset_use(f);
	cr_assert_eq(font_nused(f), 0);
	font_free(f);
	diag_free(&d);
}

/* pdffonts of path without the object numbers, subset tags as TAG+
 * (caller frees). */
static char *
fonts_of(const char *path)
{
	char cmd[256];

	snprintf(cmd, sizeof(cmd), "pdffonts %s 2>&1 | tail -n +3 | "
	    "sed -E 's/ +[0-9]+ +0$//; s/^[A-Z]{6}\\+/TAG+/'", path);
	return run(cmd);
}

/* A one-page PDF with text in f (and bold text in fb when not NULL). */
static void
write_pdf(const char *path, struct font *f, struct font *fb,
    const char *text, const char *btext)
{
	struct diag d;
	struct buf out = BUF_INIT;
	struct pdfw *pdf;
	struct pdfc *page;
	int hf, hb = -1;

	diag_init(&d);
	pdf = pdfw_new(&out, 1);
	font_use_utf8(f, text, strlen(text));
	hf = pdfw_font(pdf, &d, f);
	cr_assert_geq(hf, 0, "%s", d.n ? d.items[0].msg : "");
	cr_assert_eq(pdfw_font(pdf, &d, f), hf);	/* cached */
	if (fb != NULL) {
		font_use_utf8(fb, btext, strlen(btext));
		hb = pdfw_font(pdf, &d, fb);
		cr_assert_geq(hb, 0, "%s", d.n ? d.items[0].msg : "");
		cr_assert_neq(hb, hf);
	}
	page = pdfw_page_begin(pdf, 0, 595.276, 841.89);
	draw_text(page, f, hf, 12, 50, 700, text, strlen(text));
	if (fb != NULL)
		draw_text(page, fb, hb, 12, 50, 600, btext, strlen(btext));
	pdfw_finish(pdf);
	cr_assert_neq(file_write_atomic(path, out.data, out.len), -1);
	buf_free(&out);
	font_reset_use(f);
	if (fb != NULL)
		font_reset_use(fb);
	diag_free(&d);
}

Test(font, embedded_subset)
{
	struct diag d;
	struct font *f, *fb;
	char path[] = "/tmp/rb-test-font-XXXXXX";
	char *out, cmd[256];
	int fd;

	fd = mkstemp(path);
	cr_assert_neq(fd, -1);
	close(fd);
	diag_init(&d);
	f = font_open(&d, FONT_SANS, 0);
	fb = font_open(&d, FONT_SANS, 1);
	cr_assert(f && fb);
	write_pdf(path, f, fb, "岗位说明书：销售经理负责华东区域，Sales 2026。",
	    "粗体标题");
	/* Two subsets of one file: distinct subset tags (six capitals),
	 * both CID TrueType, embedded, subset, with a ToUnicode map; and
	 * pdffonts (poppler) has nothing to complain about. */
	out = fonts_of(path);
	cr_assert_str_eq(out,
	    "TAG+WenQuanYiZenHei               CID TrueType      "
	    "Identity-H       yes yes yes\n"
	    "TAG+WenQuanYiZenHei               CID TrueType      "
	    "Identity-H       yes yes yes\n");
	free(out);
	snprintf(cmd, sizeof(cmd), "pdffonts %s | cut -c1-7 | tail -n +3 | "
	    "sort -u | wc -l", path);
	out = run(cmd);
	cr_assert_str_eq(out, "2\n");		/* the tags differ */
	free(out);
	cr_assert_lt(file_size(path), 20000, "%ld bytes", file_size(path));
	snprintf(cmd, sizeof(cmd), "pdftotext %s - 2>/dev/null", path);
	out = run(cmd);
	cr_assert_str_eq(out, "岗位说明书：销售经理负责华东区域，Sales 2026。\n\n"
	    "粗体标题\n\n\f");
	free(out);
	unlink(path);
	font_free(f);
	font_free(fb);
	diag_free(&d);
}

Test(font, deterministic)
{
	struct diag d;
	struct font *f;
	char p1[] = "/tmp/rb-test-font-XXXXXX", p2[] = "/tmp/rb-test-font-XXXXXX";
	char *a, *b;
	size_t na, nb;

	close(mkstemp(p1));
	close(mkstemp(p2));
	diag_init(&d);
	f = font_open(&d, FONT_SERIF, 0);
	write_pdf(p1, f, NULL, "组织架构与汇报关系", NULL);
	write_pdf(p2, f, NULL, "组织架构与汇报关系", NULL);
	cr_assert_eq(file_read(p1, 0, &a, &na), 0);
	cr_assert_eq(file_read(p2, 0, &b, &nb), 0);
	cr_assert_eq(na, nb);
	cr_assert(memcmp(a, b, na) == 0);
	free(a);
	free(b);
	unlink(p1);
	unlink(p2);
	font_free(f);
	diag_free(&d);
}

/* 1 when fontconfig knows family (else the test is skipped). */
static int
have_family(const char *family)
{
	char cmd[128], *l;
	int ok;

	snprintf(cmd, sizeof(cmd), "fc-list '%s' family | head -n 1", family);
	l = run(cmd);
	ok = *l != '\0';
	free(l);
	return ok;
}

/* Noto CJK has 'halt': the blanks come from it, and its “” are full
 * width (blank outside the quote). */
Test(font, punctuation_blank_halt)
{
	struct diag d;
	struct font *f;
	int lr[2];

	if (!have_family("Noto Sans CJK SC"))
		cr_skip_test("fonts-noto-cjk not installed");
	diag_init(&d);
	f = font_open(&d, "Noto Sans CJK SC", 0);
	cr_assert_not_null(f);
	font_blank(f, 0x3002, lr);			/* 。 */
	cr_assert(lr[0] == 0 && lr[1] == 500, "%d %d", lr[0], lr[1]);
	font_blank(f, 0xFF0C, lr);			/* ， */
	cr_assert(lr[0] == 0 && lr[1] == 500, "%d %d", lr[0], lr[1]);
	font_blank(f, 0x201C, lr);			/* “ */
	cr_assert(lr[0] == 500 && lr[1] == 0, "%d %d", lr[0], lr[1]);
	font_blank(f, 0x201D, lr);			/* ” */
	cr_assert(lr[0] == 0 && lr[1] == 500, "%d %d", lr[0], lr[1]);
	font_blank(f, 0x300A, lr);			/* 《 */
	cr_assert(lr[0] == 500 && lr[1] == 0, "%d %d", lr[0], lr[1]);
	font_blank(f, 0xFF01, lr);			/* ！ (not asked by the
							   layout) */
	cr_assert(lr[0] == 0 && lr[1] == 500, "%d %d", lr[0], lr[1]);
	cr_assert_eq(d.n, 0);
	font_free(f);
	diag_free(&d);
}

Test(font, cff_cid_keyed)
{
	struct diag d;
	struct font *f, *fb;
	const uint16_t *cids;
	const char *reg, *ord, *data;
	char path[] = "/tmp/rb-test-font-XXXXXX";
	char *out, cmd[256];
	size_t n, len;
	int sup;

	if (!have_family("Noto Sans CJK SC"))
		cr_skip_test("fonts-noto-cjk not installed");
	diag_init(&d);
	f = font_open(&d, "Noto Sans CJK SC", 0);
	fb = font_open(&d, "Noto Sans CJK SC", 1);
	cr_assert(f && fb, "%s", d.n ? d.items[0].msg : "");
	/* The SC face of the collection, and a real bold. */
	cr_assert(strstr(font_file(f), "NotoSansCJK-Regular.ttc") != NULL);
	cr_assert(strstr(font_file(fb), "NotoSansCJK-Bold.ttc") != NULL);
	cr_assert_eq(font_index(f), 2);
	cr_assert_eq(font_synthetic_bold(fb), 0);
	cr_assert_eq(font_cff(f), 1);
	cr_assert_str_eq(font_psname(f), "NotoSansCJKsc-Regular");
	font_ros(f, &reg, &ord, &sup);
	cr_assert_str_eq(reg, "Adobe");
	cr_assert_str_eq(ord, "Identity");
	cr_assert_eq(sup, 0);
	cr_assert_eq(font_advance(f, 0x4E2D), 1000);	/* 中 */
	cr_assert_eq(font_advance(f, 'a'), 563);
	cr_assert_eq(font_ascent(f), 1160);
	cr_assert_eq(font_descent(f), -288);
	/* The subset keeps the CID-keyed charset: text is shown by the
	 * font's own CIDs (岗 is CID 15966 in Noto Sans CJK), not by the
	 * subset's glyph numbers. */
	font_use_utf8(f, "岗位A", strlen("岗位A"));
	cr_assert_eq(font_subset(f), 0);
	cr_assert_eq(font_cid(f, 0x5C97), 15966);
	cr_assert_eq(font_cid(f, 0x4F4D), 9956);
	cr_assert_eq(font_cid(f, 'A'), 34);
	cr_assert_eq(font_cid(f, 0x4E2D), 0);		/* not used */
	n = font_subset_cids(f, &cids);
	cr_assert_geq(n, 5);		/* .notdef, space, A, 岗, 位 */
	cr_assert_eq(cids[0], 0);
	cr_assert_eq(cids[n - 1], 15966);
	cr_assert_eq(font_subset_ncids(f), 15967);
	/* the program is the bare CFF table: a CFF 1.0 header */
	data = font_subset_data(f, &len);
	cr_assert(len > 4 && data[0] == 1 && data[1] == 0);
	font_reset_use(f);

	close(mkstemp(path));
	write_pdf(path, f, fb, "岗位说明书：销售经理负责华东区域，Sales 2026。",
	    "岗位名称");
	out = fonts_of(path);
	cr_assert_str_eq(out,
	    "TAG+NotoSansCJKsc-Regular         CID Type 0C       "
	    "Identity-H       yes yes yes\n"
	    "TAG+NotoSansCJKsc-Bold            CID Type 0C       "
	    "Identity-H       yes yes yes\n");
	free(out);
	snprintf(cmd, sizeof(cmd), "qpdf --check %s >/dev/null 2>&1 && "
	    "echo ok", path);
	out = run(cmd);
	cr_assert_str_eq(out, "ok\n");
	free(out);
	snprintf(cmd, sizeof(cmd), "pdftotext %s - 2>&1", path);
	out = run(cmd);
	cr_assert_str_eq(out, "岗位说明书：销售经理负责华东区域，Sales 2026。\n\n"
	    "岗位名称\n\n\f");
	free(out);
	cr_assert_lt(file_size(path), 20000, "%ld bytes", file_size(path));
	unlink(path);
	font_free(f);
	font_free(fb);
	cr_assert_eq(d.n, 0);
	diag_free(&d);
}

Test(font, cff_name_keyed)
{
	struct diag d;
	struct font *f;
	char path[] = "/tmp/rb-test-font-XXXXXX";
	char *out, cmd[256];

	/* fonts-urw-base35 (with ghostscript): name-keyed CFF, whose CIDs
	 * are the subset's glyph numbers */
	if (!have_family("Nimbus Sans"))
		cr_skip_test("fonts-urw-base35 not installed");
	diag_init(&d);
	f = font_open(&d, "Nimbus Sans", 0);
	cr_assert_not_null(f);
	cr_assert_eq(font_cff(f), 1);
	font_use_utf8(f, "Sales", 5);
	cr_assert_eq(font_subset(f), 0);
	cr_assert_eq(font_subset_ncids(f), 7);	/* .notdef space S a e l s */
	font_reset_use(f);
	close(mkstemp(path));
	write_pdf(path, f, NULL, "Sales 2026", NULL);
	out = fonts_of(path);
	cr_assert_str_eq(out,
	    "TAG+NimbusSans-Regular            CID Type 0C       "
	    "Identity-H       yes yes yes\n");
	free(out);
	snprintf(cmd, sizeof(cmd), "pdftotext %s - 2>&1", path);
	out = run(cmd);
	cr_assert_str_eq(out, "Sales 2026\n\n\f");
	free(out);
	unlink(path);
	font_free(f);
	cr_assert_eq(d.n, 0);
	diag_free(&d);
}

/* Width of the ink of cp's glyph in f's current subset [font units]. */
static int
ink_width(struct font *f, uint32_t cp)
{
	const char *data;
	size_t len;
	hb_blob_t *b;
	hb_face_t *face;
	hb_font_t *hf;
	hb_glyph_extents_t ext;

	data = font_subset_data(f, &len);
	cr_assert_not_null(data);
	b = hb_blob_create(data, (unsigned)len, HB_MEMORY_MODE_READONLY, NULL,
	    NULL);
	face = hb_face_create(b, 0);
	hf = hb_font_create(face);
	cr_assert(hb_font_get_glyph_extents(hf, font_cid(f, cp), &ext));
	hb_font_destroy(hf);
	hb_face_destroy(face);
	hb_blob_destroy(b);
	return ext.width;
}

Test(font, synthetic_bold_emboldened)
{
	struct diag d;
	struct font *f, *fb;
	int w, wb;

	diag_init(&d);
	f = font_open(&d, FONT_SANS, 0);
	fb = font_open(&d, FONT_SANS, 1);
	cr_assert(f && fb);
	cr_assert_eq(font_synthetic_bold(fb), 1);
	cr_assert_eq(font_stroke_bold(fb), 0);
	font_use_utf8(f, "中岗", strlen("中岗"));
	font_use_utf8(fb, "中岗", strlen("中岗"));
	cr_assert_eq(font_subset(f), 0);
	cr_assert_eq(font_subset(fb), 0);
	/* the bold subset's outlines grow by 1/30 em (Zen Hei: 1,000 units
	 * to the em, so 33, give or take FreeType's rounding), advances
	 * unchanged */
	w = ink_width(f, 0x4E2D);
	wb = ink_width(fb, 0x4E2D);
	cr_assert(wb - w >= 31 && wb - w <= 35, "%d -> %d", w, wb);
	w = ink_width(f, 0x5C97);
	wb = ink_width(fb, 0x5C97);
	cr_assert(wb - w >= 31 && wb - w <= 35, "%d -> %d", w, wb);
	cr_assert_eq(font_advance(fb, 0x4E2D), font_advance(f, 0x4E2D));
	font_free(f);
	font_free(fb);
	cr_assert_eq(d.n, 0);
	diag_free(&d);
}

/* The charstring and Font DICT of CID cid in the CFF subset of f. */
static void
cff_glyph_of(struct font *f, unsigned cid, const uint8_t **cs, size_t *n,
    int *fd)
{
	const char *data;
	size_t len;
	struct cff c;
	uint16_t *cids;
	uint8_t *fds;
	unsigned g;

	data = font_subset_data(f, &len);
	cr_assert_eq(cff_open(&c, data, len), 0);
	cids = xcalloc(c.nglyphs, sizeof(*cids));
	fds = xcalloc(c.nglyphs, 1);
	cr_assert_eq(cff_charset(&c, cids), 0);
	cr_assert_eq(cff_fdselect(&c, fds), 0);
	for (g = 0; g < c.nglyphs && cids[g] != cid; g++)
		continue;
	cr_assert_lt(g, c.nglyphs, "CID %u not in the subset", cid);
	cr_assert_eq(cff_charstring(&c, g, cs, n), 0);
	*fd = fds[g];
	free(cids);
	free(fds);
}

/* A copy of f's subset program (caller frees). */
static char *
subset_copy(struct font *f, size_t *len)
{
	const char *data = font_subset_data(f, len);
	char *p = xmalloc(*len + 1);

	memcpy(p, data, *len);
	return p;
}

/* CID dc of f's CFF subset is CID of's glyph: the same charstring and
 * Font DICT. */
static void
same_glyph(struct font *f, unsigned dc, unsigned of)
{
	const uint8_t *cs1, *cs2;
	size_t n1, n2;
	int fd1, fd2;

	cff_glyph_of(f, of, &cs1, &n1, &fd1);
	cff_glyph_of(f, dc, &cs2, &n2, &fd2);
	cr_assert(n1 > 0 && n1 == n2 && memcmp(cs1, cs2, n1) == 0,
	    "CID %u draws as CID %u", dc, of);
	cr_assert_eq(fd1, fd2);
}

/* Noto Sans CJK SC, regular (the test is skipped without it). */
static struct font *
noto_sans(struct diag *d)
{
	struct font *f;

	if (!have_family("Noto Sans CJK SC"))
		cr_skip_test("fonts-noto-cjk not installed");
	diag_init(d);
	f = font_open(d, "Noto Sans CJK SC", 0);
	cr_assert_not_null(f);
	return f;
}

/*
 * Noto Sans CJK draws · U+00B7 and • U+2022 with one glyph, and ⼈
 * U+2F08 (a Kangxi radical) and 人 U+4EBA: the lower code point of each
 * keeps the glyph's CID, the higher gets a CID of its own above the
 * subset's, under which the CFF has the same charstring and Font DICT,
 * so ToUnicode can map each to itself.  A subset without such pairs is
 * as before (no CID added), and the glyph cache serves both alike.
 */
Test(font, shared_glyph_cids_cff)
{
	struct diag d;
	struct font *f, *g;
	const uint16_t *dc, *of, *cids;
	char *a, *b, *out, cmd[256];
	char path[] = "/tmp/rb-test-font-XXXXXX";
	size_t na, nb, nd, n, i;
	unsigned dot, ren, top;

	f = noto_sans(&d);
	/* one of each pair: nothing added */
	font_use_utf8(f, "岗·⼈", strlen("岗·⼈"));
	cr_assert_eq(font_subset(f), 0);
	cr_assert_eq(font_subset_dups(f, &dc, &of), 0);
	dot = font_cid(f, 0xB7);
	ren = font_cid(f, 0x2F08);
	cr_assert(dot != 0 && ren != 0);
	top = font_subset_ncids(f);
	a = subset_copy(f, &na);
	font_reset_use(f);

	/* both of each pair */
	font_use_utf8(f, "岗·•⼈人", strlen("岗·•⼈人"));
	cr_assert_eq(font_subset(f), 0);
	cr_assert_eq(font_cid(f, 0xB7), dot);
	cr_assert_eq(font_cid(f, 0x2F08), ren);
	nd = font_subset_dups(f, &dc, &of);
	cr_assert_eq(nd, 2);
	/* in code point order, from just above the subset's CIDs */
	cr_assert_eq(font_cid(f, 0x2022), top);
	cr_assert_eq(font_cid(f, 0x4EBA), top + 1);
	cr_assert(dc[0] == top && of[0] == dot);
	cr_assert(dc[1] == top + 1 && of[1] == ren);
	cr_assert_eq(font_subset_ncids(f), top + 2);
	n = font_subset_cids(f, &cids);
	cr_assert(n >= 2 && cids[n - 2] == top && cids[n - 1] == top + 1);
	for (i = 0; i < nd; i++)
		same_glyph(f, dc[i], of[i]);
	b = subset_copy(f, &nb);
	font_reset_use(f);

	/* the cache after both: the same bytes as a fresh font's */
	font_use_utf8(f, "岗·⼈", strlen("岗·⼈"));
	cr_assert_eq(font_subset(f), 0);
	cr_assert_eq(font_subset_dups(f, &dc, &of), 0);
	cr_assert(memcmp(font_subset_data(f, &n), a, na) == 0 && n == na);
	font_reset_use(f);
	g = font_open(&d, "Noto Sans CJK SC", 0);
	font_use_utf8(g, "岗·•⼈人", strlen("岗·•⼈人"));
	cr_assert_eq(font_subset(g), 0);
	cr_assert(memcmp(font_subset_data(g, &n), b, nb) == 0 && n == nb);
	font_free(g);

	/* every character reads back as itself */
	close(mkstemp(path));
	write_pdf(path, f, NULL, "甲·乙•丙⼈丁人。", NULL);
	snprintf(cmd, sizeof(cmd), "pdftotext %s - 2>&1", path);
	out = run(cmd);
	cr_assert_str_eq(out, "甲·乙•丙⼈丁人。\n\n\f");
	free(out);
	unlink(path);
	free(a);
	free(b);
	font_free(f);
	cr_assert_eq(d.n, 0);
	diag_free(&d);
}

/*
 * Past CID 65,535: 燊 U+71CA is glyph (CID) 65,509 of Noto Sans CJK SC,
 * the highest a BMP code point has, and the 30 half-width Hangul letters
 * U+FFA1... share the glyphs of U+3131...: 26 get CIDs 65,510 to 65,535,
 * the other 4 the lowest CIDs the subset does not use.  Each draws its
 * glyph, the CIDCount covers them all, and the text reads back.
 */
Test(font, shared_glyph_cids_wrap)
{
	struct diag d;
	struct font *f;
	struct buf t = BUF_INIT;
	const uint16_t *dc, *of, *cids;
	const char *data;
	char path[] = "/tmp/rb-test-font-XXXXXX";
	char *out, cmd[256];
	size_t nd, n, len, i, k;
	struct cff c;
	long v[1];
	uint32_t cp;

	f = noto_sans(&d);
	buf_put_utf8(&t, 0x71CA);
	for (cp = 0x3131; cp <= 0x314E; cp++)
		buf_put_utf8(&t, cp);
	for (cp = 0xFFA1; cp <= 0xFFBE; cp++)
		buf_put_utf8(&t, cp);
	font_use_utf8(f, t.data, t.len);
	cr_assert_eq(font_subset(f), 0);
	cr_assert_eq(font_cid(f, 0x71CA), 65509);
	nd = font_subset_dups(f, &dc, &of);
	cr_assert_eq(nd, 30);
	for (i = 0; i < 4; i++)		/* the low ones, ascending */
		cr_assert(dc[i] > 0 && dc[i] < 65509 &&
		    (i == 0 || dc[i] > dc[i - 1]), "%u", dc[i]);
	for (i = 4; i < nd; i++)
		cr_assert_eq(dc[i], 65510 + i - 4);
	cr_assert_eq(font_subset_ncids(f), 65536);
	n = font_subset_cids(f, &cids);
	cr_assert_eq(n, 1 + 1 + 1 + 30 + 30);	/* .notdef, space, 燊 */
	for (i = 1; i < n; i++)
		cr_assert_gt(cids[i], cids[i - 1]);	/* no CID twice */
	for (i = 0; i < nd; i++) {
		for (k = 0; k < 30; k++)	/* each of a letter's glyph */
			if (font_cid(f, 0x3131 + (uint32_t)k) == of[i])
				break;
		cr_assert_lt(k, 30);
		same_glyph(f, dc[i], of[i]);
	}
	data = font_subset_data(f, &len);
	cr_assert_eq(cff_open(&c, data, len), 0);
	cr_assert_eq(cff_dict_get(c.topd, c.topn, CFF_OP_CIDCOUNT, v, 1, NULL,
	    NULL), 1);
	cr_assert_eq(v[0], 65536);
	font_reset_use(f);

	close(mkstemp(path));
	buf_putc(&t, '\0');
	write_pdf(path, f, NULL, t.data, NULL);
	/* the line runs past the page's right edge: read it all */
	snprintf(cmd, sizeof(cmd), "pdftotext -x 0 -y 0 -W 2000 -H 900 %s - "
	    "2>&1 | tr -d '\\n\\f'", path);
	out = run(cmd);
	cr_assert_str_eq(out, t.data);
	free(out);
	unlink(path);
	buf_free(&t);
	font_free(f);
	cr_assert_eq(d.n, 0);
	diag_free(&d);
}

/* The qpdf --qdf text of path, object streams expanded (caller frees). */
static char *
qdf_of(const char *path)
{
	char cmd[256];

	snprintf(cmd, sizeof(cmd), "qpdf --qdf --object-streams=disable %s - "
	    "| grep -a -o 'CIDToGIDMap[^>]*' | sed 's/ 0 R.*//'", path);
	return run(cmd);
}

/*
 * TrueType: WenQuanYi Micro Hei draws 年 U+5E74 and its compatibility
 * ideograph U+F98E with one glyph.  The second gets a CID past the
 * subset's glyphs and an explicit CIDToGIDMap points it to the glyph;
 * without such a pair the map stays /Identity.
 */
Test(font, shared_glyph_cids_truetype)
{
	struct diag d;
	struct font *f;
	const uint16_t *dc, *of;
	char path[] = "/tmp/rb-test-font-XXXXXX";
	char *out, cmd[256];
	unsigned nian;

	if (!have_family("WenQuanYi Micro Hei"))
		cr_skip_test("fonts-wqy-microhei not installed");
	diag_init(&d);
	f = font_open(&d, "WenQuanYi Micro Hei", 0);
	cr_assert_not_null(f);
	cr_assert_eq(font_cff(f), 0);
	font_use_utf8(f, "年年", strlen("年年"));
	cr_assert_eq(font_subset(f), 0);
	nian = font_cid(f, 0x5E74);
	cr_assert_neq(nian, 0);
	cr_assert_eq(font_subset_dups(f, &dc, &of), 1);
	cr_assert_eq(of[0], nian);
	cr_assert_eq(font_cid(f, 0xF98E), dc[0]);
	/* .notdef, space, 年: the subset's glyphs are 0..2 */
	cr_assert_eq(dc[0], 3);
	cr_assert_eq(font_subset_ncids(f), 4);
	font_reset_use(f);

	close(mkstemp(path));
	write_pdf(path, f, NULL, "年度年份", NULL);
	out = qdf_of(path);
	cr_assert_str_eq(out, "CIDToGIDMap /Identity\n");
	free(out);
	write_pdf(path, f, NULL, "年度年份", NULL);
	out = qdf_of(path);
	cr_assert(strncmp(out, "CIDToGIDMap ", 12) == 0 &&
	    strstr(out, "Identity") == NULL, "%s", out);
	free(out);
	snprintf(cmd, sizeof(cmd), "pdftotext %s - 2>&1; qpdf --check %s "
	    ">/dev/null 2>&1 && echo ok", path, path);
	out = run(cmd);
	cr_assert_str_eq(out, "年度年份\n\n\fok\n");
	free(out);
	unlink(path);
	font_free(f);
	cr_assert_eq(d.n, 0);
	diag_free(&d);
}

/*
 * Above U+FFFF, TrueType: WenQuanYi Zen Hei has 𠕇 U+20547 and the
 * compatibility ideographs U+2F800... (丽 U+2F800 its own glyph, not
 * U+4E3D's).  font_has() agrees with the font's cmap over the whole of
 * planes 2 and 3 asked in descending order (the table grows to 64 K
 * entries), the used ones come out of font_subset() ascending after the
 * BMP, each with a CID of its own, reset forgets them, and the text
 * reads back.
 */
Test(font, supplementary_truetype)
{
	struct diag d;
	struct font *f;
	hb_blob_t *blob;
	hb_face_t *face;
	hb_set_t *u;
	const uint32_t *cps;
	const uint16_t *cids;
	char path[] = "/tmp/rb-test-font-XXXXXX";
	char *out, cmd[256];
	const char *t = "中\xF0\xA0\x95\x87丽\xF0\xAF\xA0\x80\xF0\xA0\x95\x87";
	static const uint32_t want[] = { 0x20, 0x4E2D, 0x4E3D, 0x20547,
	    0x2F800 };
	uint32_t cp;
	size_t n, i, has = 0, cmap = 0;

	diag_init(&d);
	f = font_open(&d, FONT_SANS, 0);
	cr_assert_not_null(f);
	blob = hb_blob_create_from_file(font_file(f));
	face = hb_face_create(blob, (unsigned)font_index(f));
	u = hb_set_create();
	hb_face_collect_unicodes(face, u);
	for (cp = 0x3FFFF; cp >= 0x20000; cp--) {
		has += (size_t)font_has(f, cp);
		cmap += hb_set_has(u, cp);
		cr_assert_eq(font_has(f, cp), hb_set_has(u, cp), "U+%04X",
		    (unsigned)cp);
	}
	cr_assert_eq(has, 543);		/* 542 of them U+2F800... */
	cr_assert_eq(has, cmap);
	hb_set_destroy(u);
	hb_face_destroy(face);
	hb_blob_destroy(blob);
	cr_assert_eq(font_has(f, 0x1F600), 0);	/* 😀 */
	cr_assert_eq(font_advance(f, 0x2F800), 1000);

	font_use_utf8(f, t, strlen(t));
	cr_assert_eq(font_nused(f), 4);
	cr_assert_eq(font_subset(f), 0);
	n = font_subset_map(f, &cps, &cids);
	cr_assert_eq(n, 5);
	for (i = 0; i < n; i++) {
		cr_assert_eq(cps[i], want[i], "%zu: U+%04X", i,
		    (unsigned)cps[i]);
		cr_assert(cids[i] != 0 && font_cid(f, cps[i]) == cids[i]);
		cr_assert(i == 0 || cids[i] != cids[i - 1]);
	}
	font_reset_use(f);
	cr_assert_eq(font_nused(f), 0);
	cr_assert_eq(font_cid(f, 0x20547), 0);

	close(mkstemp(path));
	write_pdf(path, f, NULL, t, NULL);
	snprintf(cmd, sizeof(cmd), "pdftotext %s - 2>&1", path);
	out = run(cmd);
	cr_assert(strncmp(out, t, strlen(t)) == 0 &&
	    strcmp(out + strlen(t), "\n\n\f") == 0, "%s", out);
	free(out);
	unlink(path);
	font_free(f);
	cr_assert_eq(d.n, 0);
	diag_free(&d);
}

/*
 * Above U+FFFF, CID-keyed CFF: Noto Sans CJK SC draws the compatibility
 * ideograph U+2F884 with the glyph of 巽 U+5DFD and U+2F82C with that
 * of 𠦄 U+20984 (Extension B).  Alone, each shows that glyph's CID;
 * with the other, the higher gets a CID of its own with the same
 * charstring, in code point order, as in the BMP
 * (shared_glyph_cids_cff), and every
 * character reads back as itself.
 */
Test(font, supplementary_shared_glyph_cff)
{
	struct diag d;
	struct font *f;
	const uint16_t *dc, *of;
	char path[] = "/tmp/rb-test-font-XXXXXX";
	char *out, cmd[256];
	const char *one = "\xF0\xAF\xA2\x84\xF0\xAF\xA0\xAC";
	const char *both = "吉\xF0\xA0\xAE\xB7巽\xF0\xAF\xA2\x84与"
	    "\xF0\xA0\xA6\x84\xF0\xAF\xA0\xAC。";
	unsigned xun, ben, top;
	size_t nd;

	f = noto_sans(&d);
	font_use_utf8(f, one, strlen(one));
	cr_assert_eq(font_subset(f), 0);
	cr_assert_eq(font_subset_dups(f, &dc, &of), 0);
	xun = font_cid(f, 0x2F884);
	ben = font_cid(f, 0x2F82C);
	cr_assert(xun != 0 && ben != 0 && xun != ben);
	top = font_subset_ncids(f);
	font_reset_use(f);

	font_use_utf8(f, both, strlen(both));
	cr_assert_eq(font_subset(f), 0);
	cr_assert_eq(font_cid(f, 0x5DFD), xun);
	cr_assert_eq(font_cid(f, 0x20984), ben);
	cr_assert_neq(font_cid(f, 0x20BB7), 0);	/* 𠮷 */
	nd = font_subset_dups(f, &dc, &of);
	cr_assert_eq(nd, 2);
	cr_assert_geq(dc[0], top);	/* in code point order */
	cr_assert(font_cid(f, 0x2F82C) == dc[0] && of[0] == ben);
	cr_assert(font_cid(f, 0x2F884) == dc[1] && of[1] == xun);
	same_glyph(f, dc[0], of[0]);
	same_glyph(f, dc[1], of[1]);
	font_reset_use(f);

	close(mkstemp(path));
	write_pdf(path, f, NULL, both, NULL);
	snprintf(cmd, sizeof(cmd), "pdftotext %s - 2>&1", path);
	out = run(cmd);
	cr_assert(strncmp(out, both, strlen(both)) == 0 &&
	    strcmp(out + strlen(both), "\n\n\f") == 0, "%s", out);
	free(out);
	unlink(path);
	font_free(f);
	cr_assert_eq(d.n, 0);
	diag_free(&d);
}
