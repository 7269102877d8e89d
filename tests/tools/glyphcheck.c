/*
 * glyphcheck.c — the blank-glyph check of tests/check-pdf.sh.  A text
 * round trip cannot see a glyph that draws nothing (pdftotext returns the
 * text anyway), so this tool looks at pixels, in two ways:
 *
 *   glyphcheck specimen [-b] [-n] -f FAMILY TEXTFILE OUT.pdf
 *	draws every distinct visible character of TEXTFILE that FAMILY has
 *	in its own grid cell, embedded through exactly rolebook's path
 *	(font_open, font_use, pdfw_font, draw_text), rasterises the PDF
 *	with pdftoppm -r 72 -gray and fails, naming them, when a cell has
 *	no ink, or when a character given a CID of its own for a glyph it
 *	shares with another (font_subset_dups(): · and • in Noto Sans CJK)
 *	is not drawn with exactly that one's pixels.  -b: the bold face (or synthetic bold); -n: embed the whole
 *	font file with libharu 2.3.0 instead (a known-bad path that blanks
 *	glyphs of Micro Hei: the negative control that proves the check can
 *	fail).  libharu is linked into this test tool only.
 *   glyphcheck words [-l PAGES] FILE.pdf
 *	every word pdftotext -bbox finds on the first PAGES pages (default
 *	30) must show contrast (ink) inside its box on the rendered page.
 *   glyphcheck invisible OUT.pdf
 *	writes a PDF whose text is set but invisible (rendering mode 3): a
 *	fixture that "words" must reject.
 *   glyphcheck nonembedded OUT.pdf
 *	writes a PDF with a TrueType font that is not embedded (pdffonts
 *	must say emb no).
 *   glyphcheck sample OUT.pdf
 *	writes rolebook's own fixture: sans, synthetic bold and serif text,
 *	a bar chart and an org chart, all through src/pdf.
 *
 * Exit 0 when the check passes, 1 when it fails, 2 on usage or I/O errors.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <hpdf.h>
#include "util/util.h"
#include "util/diag.h"
#include "doc/doc.h"
#include "pdf/font.h"
#include "pdf/draw.h"
#include "pdf/chart.h"
#include "pdf/pdfw.h"

#define CELL	24	/* grid cell [pt] = [px] at 72 dpi */
#define GSIZE	16	/* glyph size in a cell [pt] */
#define COLS	20
#define ROWS	30
#define MARGIN	36
#define CONTRAST 64	/* max - min grey inside a box that counts as ink */

struct pgm {
	int		 w, h;
	unsigned char	*px;
};

static void
S_die(const char *msg)
{
	fprintf(stderr, "glyphcheck: %s\n", msg);
	exit(2);
}

/* Characters that legitimately draw nothing. */
static int
S_blank_ok(uint32_t cp)
{
	return cp <= 0x20 || (cp >= 0x7F && cp <= 0xA0) || cp == 0xAD ||
	    cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200F) ||
	    (cp >= 0x2028 && cp <= 0x202F) || (cp >= 0x205F && cp <= 0x206F) ||
	    cp == 0x3000 || cp == 0xFEFF || cp == 0x034F ||
	    (cp >= 0xFE00 && cp <= 0xFE0F);
}

/* Reads page p of pdf rendered at 72 dpi grey into g; 0 or -1. */
static int
S_raster(const char *pdf, int first, int last, const char *prefix)
{
	char *cmd;
	int rc;

	cmd = xasprintf("pdftoppm -r 72 -gray -f %d -l %d '%s' '%s' "
	    "2>/dev/null", first, last, pdf, prefix);
	rc = system(cmd);
	free(cmd);
	return rc == 0 ? 0 : -1;
}

static int
S_pgm(const char *path, struct pgm *g)
{
	char *data;
	size_t n;
	int maxv, off = 0;

	if (file_read(path, 0, &data, &n) == -1)
		return -1;
	if (sscanf(data, "P5 %d %d %d%n", &g->w, &g->h, &maxv, &off) != 3 ||
	    maxv != 255 || (size_t)off + 1 + (size_t)g->w * (size_t)g->h > n) {
		free(data);
		return -1;
	}
	g->px = xmalloc((size_t)g->w * (size_t)g->h);
	memcpy(g->px, data + off + 1, (size_t)g->w * (size_t)g->h);
	free(data);
	return 0;
}

/* Largest minus smallest grey in the box (pixels, y down). */
static int
S_contrast(const struct pgm *g, double x0, double y0, double x1, double y1)
{
	int x, y, lo = 255, hi = 0, v;
	int ix0 = (int)x0, iy0 = (int)y0, ix1 = (int)(x1 + 0.999),
	    iy1 = (int)(y1 + 0.999);

	if (ix0 < 0)
		ix0 = 0;
	if (iy0 < 0)
		iy0 = 0;
	if (ix1 > g->w)
		ix1 = g->w;
	if (iy1 > g->h)
		iy1 = g->h;
	for (y = iy0; y < iy1; y++)
		for (x = ix0; x < ix1; x++) {
			v = g->px[y * g->w + x];
			if (v < lo)
				lo = v;
			if (v > hi)
				hi = v;
		}
	return hi >= lo ? hi - lo : 0;
}

/* The pgm file pdftoppm wrote for page p of a document of npages. */
static char *
S_pgmname(const char *prefix, int p, int npages)
{
	int digits = npages >= 1000 ? 4 : npages >= 100 ? 3 :
	    npages >= 10 ? 2 : 1;

	if (npages >= 10000)
		digits = 5;
	return xasprintf("%s-%0*d.pgm", prefix, digits, p);
}

static void
S_errh(HPDF_STATUS e, HPDF_STATUS detail, void *u)
{
	fprintf(stderr, "glyphcheck: libharu error 0x%04X (%u)\n",
	    (unsigned)e, (unsigned)detail);
}

/* The baseline origin of grid cell i. */
static void
S_cell(size_t i, double *x, double *y)
{
	int r = (int)(i % (COLS * ROWS)) / COLS, col = (int)(i % COLS);

	*x = MARGIN + col * CELL + (CELL - GSIZE) / 2.0;
	*y = MARGIN + (ROWS - r - 1) * CELL + (CELL - GSIZE) / 2.0 + 3;
}

/* ------------------------------------------------------------------ */

/* 1 when grid cells i and j of the rendered pages hold the same
 * pixels. */
static int
S_same_cell(const struct pgm *pages, size_t i, size_t j)
{
	const struct pgm *a = &pages[i / (COLS * ROWS)],
	    *b = &pages[j / (COLS * ROWS)];
	int ri = (int)(i % (COLS * ROWS)) / COLS, ci = (int)(i % COLS);
	int rj = (int)(j % (COLS * ROWS)) / COLS, cj = (int)(j % COLS);
	int y;

	for (y = 0; y < CELL; y++)
		if (memcmp(a->px + (MARGIN + ri * CELL + y) * a->w + MARGIN +
		    ci * CELL, b->px + (MARGIN + rj * CELL + y) * b->w +
		    MARGIN + cj * CELL, CELL) != 0)
			return 0;
	return 1;
}

/*
 * A code point that shares its glyph with a lower one has a CID of its
 * own (font_subset_dups()): its cell must hold exactly the pixels of
 * that code point's cell (the same outline, not .notdef or nothing).
 * Counts them into *shared; returns how many differ, naming them.
 */
static int
S_shared(struct font *f, const uint32_t *cps, size_t ncp,
    const struct pgm *pages, int *shared)
{
	const uint16_t *dc, *of;
	size_t nd = font_subset_dups(f, &dc, &of), i, k, a, b;
	int differ = 0;

	*shared = 0;
	for (k = 0; k < nd; k++) {
		for (a = b = ncp, i = 0; i < ncp; i++) {
			if (font_cid(f, cps[i]) == dc[k])
				a = i;
			if (font_cid(f, cps[i]) == of[k])
				b = i;
		}
		if (a == ncp || b == ncp)
			continue;	/* the space, not in the grid */
		(*shared)++;
		if (!S_same_cell(pages, a, b)) {
			printf("glyphcheck: U+%04X (CID %u) is not drawn as "
			    "U+%04X (CID %u), whose glyph it shares\n",
			    (unsigned)cps[a], (unsigned)dc[k],
			    (unsigned)cps[b], (unsigned)of[k]);
			differ++;
		}
	}
	return differ;
}

static int
S_specimen(int argc, char **argv)
{
	const char *family = NULL, *textfile, *out;
	struct diag d;
	struct font *f;
	struct buf b = BUF_INIT;
	uint32_t *cps = NULL, cp;
	size_t ncp = 0, i, k, n, page, npages;
	char *text, *prefix, *name;
	unsigned char *seen;
	struct pgm g, *pages;
	int c, bold = 0, naive = 0, blank = 0, shared = 0, differ = 0;
	double x, y;

	while ((c = getopt(argc, argv, "bnf:")) != -1)
		switch (c) {
		case 'b':
			bold = 1;
			break;
		case 'n':
			naive = 1;
			break;
		case 'f':
			family = optarg;
			break;
		default:
			S_die("usage: specimen [-b] [-n] -f FAMILY TEXT OUT.pdf");
		}
	if (family == NULL || argc - optind != 2)
		S_die("usage: specimen [-b] [-n] -f FAMILY TEXT OUT.pdf");
	textfile = argv[optind];
	out = argv[optind + 1];
	if (file_read(textfile, 0, &text, &n) == -1)
		S_die("cannot read the text file");
	diag_init(&d);
	if ((f = font_open(&d, family, bold)) == NULL) {
		diag_flush(&d, stderr);
		return 2;
	}
	/* distinct visible characters the font has, in code point order */
	seen = xcalloc(0x110000 / 8, 1);	/* every plane */
	for (i = 0; i < n; i += k) {
		if ((k = utf8_decode(text + i, n - i, &cp)) == 0) {
			k = 1;
			continue;
		}
		if (S_blank_ok(cp) || !font_has(f, cp) ||
		    (seen[cp >> 3] & (1u << (cp & 7))))
			continue;
		seen[cp >> 3] |= (unsigned char)(1u << (cp & 7));
	}
	for (cp = 0; cp < 0x110000; cp++)
		if (seen[cp >> 3] & (1u << (cp & 7))) {
			cps = xreallocarray(cps, ncp + 1, sizeof(*cps));
			cps[ncp++] = cp;
			font_use(f, cp);
		}
	free(seen);
	free(text);
	if (ncp == 0) {
		printf("glyphcheck: %s: no characters to check\n", family);
		font_free(f);
		diag_free(&d);
		return 0;
	}
	npages = (ncp + COLS * ROWS - 1) / (COLS * ROWS);
	if (naive) {
		/* libharu 2.3.0 embedding the whole file: the known-bad path */
		HPDF_Doc pdf = HPDF_New(S_errh, NULL);
		HPDF_Page pg = NULL;
		HPDF_Font hf;
		const char *nm;

		HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
		HPDF_UseUTFEncodings(pdf);
		nm = strstr(font_file(f), ".ttc") ?
		    HPDF_LoadTTFontFromFile2(pdf, font_file(f),
		    (HPDF_UINT)font_index(f), HPDF_TRUE) :
		    HPDF_LoadTTFontFromFile(pdf, font_file(f), HPDF_TRUE);
		hf = nm ? HPDF_GetFont(pdf, nm, "UTF-8") : NULL;
		if (hf == NULL)
			S_die("cannot embed the font");
		for (i = 0; i < ncp; i++) {
			if (i % (COLS * ROWS) == 0) {
				pg = HPDF_AddPage(pdf);
				HPDF_Page_SetWidth(pg, 2 * MARGIN + COLS * CELL);
				HPDF_Page_SetHeight(pg, 2 * MARGIN + ROWS * CELL);
			}
			S_cell(i, &x, &y);
			buf_reset(&b);
			buf_put_utf8(&b, cps[i]);
			HPDF_Page_BeginText(pg);
			HPDF_Page_SetFontAndSize(pg, hf, GSIZE);
			HPDF_Page_TextOut(pg, (HPDF_REAL)x, (HPDF_REAL)y,
			    b.data);
			HPDF_Page_EndText(pg);
		}
		if (HPDF_SaveToFile(pdf, out) != HPDF_OK)
			S_die("cannot write the specimen PDF");
		HPDF_Free(pdf);
	} else {
		/* rolebook's path: font_use, pdfw_font, draw_text */
		struct buf o = BUF_INIT;
		struct pdfw *pdf = pdfw_new(&o, npages);
		struct pdfc *pg = NULL;
		int hf = pdfw_font(pdf, &d, f);

		if (hf < 0) {
			diag_flush(&d, stderr);
			S_die("cannot embed the font");
		}
		for (i = 0; i < ncp; i++) {
			if (i % (COLS * ROWS) == 0)
				pg = pdfw_page_begin(pdf, i / (COLS * ROWS),
				    2 * MARGIN + COLS * CELL,
				    2 * MARGIN + ROWS * CELL);
			S_cell(i, &x, &y);
			buf_reset(&b);
			buf_put_utf8(&b, cps[i]);
			draw_text(pg, f, hf, GSIZE, x, y, b.data, b.len);
			if ((i + 1) % (COLS * ROWS) == 0 || i + 1 == ncp)
				pdfw_page_end(pdf);
		}
		pdfw_finish(pdf);
		if (file_write_atomic(out, o.data, o.len) == -1)
			S_die("cannot write the specimen PDF");
		buf_free(&o);
	}
	prefix = xasprintf("%s.r", out);
	if (S_raster(out, 1, (int)npages, prefix) == -1)
		S_die("pdftoppm failed");
	pages = xcalloc(npages, sizeof(*pages));
	for (page = 0; page < npages; page++) {
		name = S_pgmname(prefix, (int)page + 1, (int)npages);
		if (S_pgm(name, &pages[page]) == -1)
			S_die("cannot read the rendered page");
		unlink(name);
		free(name);
		g = pages[page];
		for (i = page * COLS * ROWS; i < ncp &&
		    i < (page + 1) * COLS * ROWS; i++) {
			int r = (int)(i % (COLS * ROWS)) / COLS;
			int col = (int)(i % COLS);

			x = MARGIN + col * CELL;
			y = MARGIN + r * CELL;	/* y down in the image */
			if (S_contrast(&g, x + 1, y + 1, x + CELL - 1,
			    y + CELL - 1) < CONTRAST) {
				buf_reset(&b);
				buf_put_utf8(&b, cps[i]);
				if (blank < 20)
					printf("glyphcheck: blank glyph '%s' "
					    "(U+%04X) in '%s'%s\n", b.data,
					    (unsigned)cps[i], family,
					    naive ? " (whole font embedded)" :
					    "");
				blank++;
			}
		}
	}
	if (!naive)
		differ = S_shared(f, cps, ncp, pages, &shared);
	for (page = 0; page < npages; page++)
		free(pages[page].px);
	free(pages);
	printf("glyphcheck: %s%s%s: %zu characters, %d blank", family,
	    bold ? " bold" : "", naive ? " (whole font)" : "", ncp, blank);
	if (!naive)
		printf(", %d with a CID of their own for a shared glyph, %d of "
		    "them drawn unlike it", shared, differ);
	printf("\n");
	free(prefix);
	free(cps);
	buf_free(&b);
	font_free(f);
	diag_free(&d);
	return blank || differ ? 1 : 0;
}

/* Value of attribute name="..." in tag s (a <word ...> line). */
static double
S_attr(const char *s, const char *name)
{
	const char *p = strstr(s, name);

	return p ? strtod(p + strlen(name), NULL) : -1;
}

/* Is word w[0..n) only tiny marks (· . , ' ’)? */
static int
S_tiny_word(const char *w, size_t n)
{
	static const char *const tiny[] = { "\xc2\xb7", ".", ",", "'",
	    "\xe2\x80\x99" };
	size_t i, k;

	if (n == 0)
		return 0;
	for (i = 0; i < n; i += k) {
		for (k = 0; k < sizeof(tiny) / sizeof(tiny[0]); k++)
			if (strncmp(w + i, tiny[k], strlen(tiny[k])) == 0)
				break;
		if (k == sizeof(tiny) / sizeof(tiny[0]))
			return 0;
		k = strlen(tiny[k]);
	}
	return 1;
}

static int
S_words(int argc, char **argv)
{
	const char *pdf;
	char *cmd, *xml, *p, *e, *prefix, *name, *word;
	struct pgm g;
	int c, maxpages = 30, npages = 0, page = 0, bad = 0, nwords = 0;
	size_t n;
	FILE *fp;
	struct buf b = BUF_INIT;
	char chunk[8192];
	double x0, y0, x1, y1;

	while ((c = getopt(argc, argv, "l:")) != -1)
		switch (c) {
		case 'l':
			maxpages = atoi(optarg);
			break;
		default:
			S_die("usage: words [-l PAGES] FILE.pdf");
		}
	if (argc - optind != 1)
		S_die("usage: words [-l PAGES] FILE.pdf");
	pdf = argv[optind];
	/* number of pages */
	cmd = xasprintf("pdfinfo '%s' 2>/dev/null", pdf);
	if ((fp = popen(cmd, "r")) == NULL)
		S_die("cannot run pdfinfo");
	while (fgets(chunk, sizeof(chunk), fp) != NULL)
		if (strncmp(chunk, "Pages:", 6) == 0)
			npages = atoi(chunk + 6);
	pclose(fp);
	free(cmd);
	if (npages <= 0)
		S_die("pdfinfo found no pages");
	if (maxpages > npages)
		maxpages = npages;
	cmd = xasprintf("pdftotext -bbox -f 1 -l %d '%s' - 2>/dev/null",
	    maxpages, pdf);
	if ((fp = popen(cmd, "r")) == NULL)
		S_die("cannot run pdftotext");
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		buf_put(&b, chunk, n);
	pclose(fp);
	free(cmd);
	if (b.len == 0)
		S_die("pdftotext gave nothing");
	xml = b.data;
	prefix = xasprintf("/tmp/glyphcheck-%ld", (long)getpid());
	if (S_raster(pdf, 1, maxpages, prefix) == -1)
		S_die("pdftoppm failed");
	memset(&g, 0, sizeof(g));
	for (p = xml; (p = strchr(p, '<')) != NULL; p++) {
		if (strncmp(p, "<page ", 6) == 0) {
			free(g.px);
			g.px = NULL;
			page++;
			name = S_pgmname(prefix, page, npages);
			if (S_pgm(name, &g) == -1)
				S_die("cannot read a rendered page");
			unlink(name);
			free(name);
		} else if (strncmp(p, "<word ", 6) == 0 && g.px != NULL) {
			x0 = S_attr(p, "xMin=\"");
			y0 = S_attr(p, "yMin=\"");
			x1 = S_attr(p, "xMax=\"");
			y1 = S_attr(p, "yMax=\"");
			if ((e = strchr(p, '>')) == NULL)
				break;
			word = e + 1;
			if ((e = strchr(word, '<')) == NULL)
				break;
			/* a lone "·" or "." is a mark of about a pixel at
			 * 72 dpi whose contrast depends on where it falls;
			 * the specimen check covers those glyphs */
			if (S_tiny_word(word, (size_t)(e - word)))
				continue;
			nwords++;
			if (S_contrast(&g, x0, y0, x1, y1) < CONTRAST) {
				if (bad < 20)
					printf("glyphcheck: %s page %d: no ink "
					    "in word '%.*s' at %.0f,%.0f\n", pdf,
					    page, (int)(e - word), word, x0, y0);
				bad++;
			}
		}
	}
	free(g.px);
	free(prefix);
	buf_free(&b);
	printf("glyphcheck: %s: %d words on %d of %d pages, %d without ink\n",
	    pdf, nwords, maxpages, npages, bad);
	return bad || nwords == 0 ? 1 : 0;
}

/* Writes a PDF with sample text through src/pdf; invisible sets text
 * rendering mode 3, nonembedded loads the font without embedding. */
static int
S_fixture(const char *out, int invisible, int nonembedded)
{
	static const char text[] = "岗位说明书：销售经理负责华东区域的客户开发，"
	    "Sales 2026 年目标 120%。";
	static const char xhtml[] = "<rb-document>"
	    "<rb-chart type=\"bar\" title=\"季度达成率\" unit=\"%\">"
	    "<rb-series name=\"目标\"><rb-point label=\"一季度\" value=\"80\"/>"
	    "<rb-point label=\"二季度\" value=\"95.5\"/></rb-series>"
	    "<rb-series name=\"实际\"><rb-point label=\"一季度\" value=\"88\"/>"
	    "<rb-point label=\"二季度\" value=\"102\"/></rb-series></rb-chart>"
	    "<rb-orgchart><rb-orgnode label=\"总经理\" sub=\"张三\" href=\"#gm\">"
	    "<rb-orgnode label=\"销售部\"/><rb-orgnode label=\"财务部\"/>"
	    "</rb-orgnode></rb-orgchart></rb-document>";
	struct diag d;
	struct font *sans, *bold, *serif;
	struct doc_node *root, *c, *charts[2];
	struct chart_links links = { NULL, 0, 0 };
	HPDF_Doc pdf = NULL;
	HPDF_Page pg;
	HPDF_Font hs;
	struct buf o = BUF_INIT;
	struct pdfw *pw = NULL;
	struct pdfc *pc;
	int fs, fb, fr;
	const char *nm;
	double y;
	int ent, nc = 0, i;

	diag_init(&d);
	sans = font_open(&d, FONT_SANS, 0);
	if (sans == NULL) {
		diag_flush(&d, stderr);
		return 2;
	}
	if (nonembedded || invisible) {
		/* broken fixtures, written with libharu */
		pdf = HPDF_New(S_errh, NULL);
		HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
		HPDF_UseUTFEncodings(pdf);
		nm = HPDF_LoadTTFontFromFile2(pdf, font_file(sans),
		    (HPDF_UINT)font_index(sans), nonembedded ? HPDF_FALSE :
		    HPDF_TRUE);
		hs = nm ? HPDF_GetFont(pdf, nm, "UTF-8") : NULL;
		if (hs == NULL)
			S_die("cannot load the font");
		pg = HPDF_AddPage(pdf);
		HPDF_Page_BeginText(pg);
		HPDF_Page_SetFontAndSize(pg, hs, 14);
		if (invisible)
			HPDF_Page_SetTextRenderingMode(pg, HPDF_INVISIBLE);
		HPDF_Page_TextOut(pg, 50, 700, text);
		HPDF_Page_EndText(pg);
	} else {
		bold = font_open(&d, FONT_SANS, 1);
		serif = font_open(&d, FONT_SERIF, 0);
		if (bold == NULL || serif == NULL) {
			diag_flush(&d, stderr);
			return 2;
		}
		root = doc_parse(&d, xhtml, strlen(xhtml), NULL);
		if (root == NULL) {
			diag_flush(&d, stderr);
			return 2;
		}
		for (c = NULL; (c = doc_next(root, c, &ent)) != NULL;)
			if (ent && (c->tag == DOC_CHART ||
			    c->tag == DOC_ORGCHART) && nc < 2) {
				charts[nc++] = c;
				chart_prepare(&d, sans, c);
			}
		font_use_utf8(sans, text, strlen(text));
		font_use_utf8(bold, "岗位说明书", strlen("岗位说明书"));
		font_use_utf8(serif, text, strlen(text));
		pw = pdfw_new(&o, 1);
		fs = pdfw_font(pw, &d, sans);
		fb = pdfw_font(pw, &d, bold);
		fr = pdfw_font(pw, &d, serif);
		if (fs < 0 || fb < 0 || fr < 0) {
			diag_flush(&d, stderr);
			return 2;
		}
		pc = pdfw_page_begin(pw, 0, 595.276, 841.89);
		draw_text(pc, bold, fb, 20, 50, 780, "岗位说明书",
		    strlen("岗位说明书"));
		draw_text(pc, sans, fs, 11, 50, 750, text, strlen(text));
		draw_text(pc, serif, fr, 11, 50, 730, text, strlen(text));
		y = 710;
		for (i = 0; i < nc; i++) {
			if (charts[i]->tag == DOC_ORGCHART) {
				struct og_chart og;

				chart_org_layout(&og, sans, charts[i], 400, y);
				if (og.nsheet > 0) {
					chart_org_draw(pc, sans, fs, &og, 0,
					    NULL, 50, y, 400, &links);
					y -= chart_org_height(&og, 0) + 20;
				}
				og_free(&og);
				continue;
			}
			chart_draw(pc, sans, fs, charts[i], 50, y, 400);
			y -= chart_height(sans, charts[i], 400) + 20;
		}
		chart_links_free(&links);
		pdfw_finish(pw);
		doc_free(root);
		font_free(bold);
		font_free(serif);
	}
	if (pdf != NULL) {
		if (HPDF_SaveToFile(pdf, out) != HPDF_OK)
			S_die("cannot write the PDF");
		HPDF_Free(pdf);
	} else {
		if (file_write_atomic(out, o.data, o.len) == -1)
			S_die("cannot write the PDF");
		buf_free(&o);
	}
	font_free(sans);
	diag_free(&d);
	return 0;
}

int
main(int argc, char **argv)
{
	if (argc < 2)
		S_die("usage: glyphcheck specimen|words|invisible|nonembedded|"
		    "sample ...");
	if (strcmp(argv[1], "specimen") == 0)
		return S_specimen(argc - 1, argv + 1);
	if (strcmp(argv[1], "words") == 0)
		return S_words(argc - 1, argv + 1);
	if (argc == 3 && strcmp(argv[1], "invisible") == 0)
		return S_fixture(argv[2], 1, 0);
	if (argc == 3 && strcmp(argv[1], "nonembedded") == 0)
		return S_fixture(argv[2], 0, 1);
	if (argc == 3 && strcmp(argv[1], "sample") == 0)
		return S_fixture(argv[2], 0, 0);
	S_die("usage: glyphcheck specimen|words|invisible|nonembedded|sample "
	    "...");
	return 2;
}
