/*
 * pdfw.c — rolebook's PDF file writer (see pdfw.h).
 *
 * PDF 1.7 with object streams and a cross-reference stream (the
 * dictionaries of 2,000 pages and 13,000 links would otherwise be half of
 * a handbook's bytes, uncompressed).  Object numbers: 1 the
 * catalog, 2 the page tree, 3 the resources shared by every page, then
 * one per page (reserved up front, so links and bookmarks can point to
 * pages not written yet), then whatever comes in order of writing.
 * Streams are deflated (zlib format) with libdeflate, which took a
 * fifth off the CPU time of a 1,000-role build against zlib at the same
 * levels, and its files are 3 % smaller: page content at level 6 (level 1
 * made a 1,000-role handbook 16 % larger), font programs at level 1
 * (glyph outlines compress little: level 6 made 1,000 role sheets 2 %
 * smaller for 15 % more CPU time).  Numbers: coordinates of paths and
 * text with at most two decimals, colours, matrices and character
 * spacing with three.
 *
 * Fonts are Type0 with Identity-H encoding over a CIDFontType2
 * (TrueType, FontFile2, CIDToGIDMap /Identity: CIDs are the glyph ids of
 * the HarfBuzz subset) or a CIDFontType0 (CFF, FontFile3 /CIDFontType0C:
 * CIDs are the CID-keyed font's own, which the subset keeps).  A shown
 * string is the big-endian CIDs, /W gives each CID's advance as the
 * layout measured it, and ToUnicode maps every CID back to its code
 * point, so text extraction returns the input.  A code point the font
 * draws with another's glyph has a CID of its own (font.h,
 * font_subset_dups()): the glyph again under that CID in the CFF, or an
 * explicit CIDToGIDMap to the same glyph for TrueType.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <png.h>
#include <libdeflate.h>
#include "../util/util.h"
#include "../util/url.h"
#include "pdfw.h"

#define S_ZLEVEL	6	/* deflate level of page content and the rest */
#define S_FONTZ		1	/* of font programs */
#define S_SEZ		5	/* of the object streams of the structure */
#define S_OSMAX		200	/* objects per object stream */

#define S_CATALOG	1
#define S_PAGES		2
#define S_RES		3
#define S_PAGE0		4

struct S_font {
	struct font	*f;
	int		 obj;		/* Type0 font dictionary */
};

struct S_annot {
	double		 r[4];
	size_t		 page;		/* internal: target page */
	double		 top;
	char		*uri;		/* NULL: internal */
	int		 se;		/* Link structure element or -1 */
	char		*contents;	/* or NULL */
};

/* A structure element and its kids (a list in w->kids, in order). */
struct S_se {
	const char	*type;		/* static */
	char		*alt;
	int		 parent;	/* -1: under the StructTreeRoot */
	int		 scope;
	int		 colspan, rowspan;	/* TD, TH: 0 or 1 none */
	int		 used;		/* something of it was marked */
	int		 obj;		/* its object, given at the end */
	size_t		 pg;		/* page of its first MCID + 1, or 0 */
	int		 first, last;	/* kids, -1 none */
};

enum { K_MCID, K_OBJR, K_SE };

struct S_kid {
	int		 next;
	int		 kind;		/* K_* */
	int		 val;		/* MCID, annotation object, element */
	size_t		 page;
};

struct S_outline {
	int		 level;
	char		*title;
	size_t		 page;
	double		 top;
};

struct pdfw {
	struct buf	*out;
	size_t		 base;		/* offset of the file in out */
	size_t		*off;		/* [cap] offset, or index in its stream */
	int		*stm;		/* [cap] object stream holding it, or 0 */
	int		 nobj, cap;
	struct buf	 os;		/* the object stream being filled */
	struct buf	 oshead;	/* its "number offset" pairs */
	int		 osn;		/* objects in it */
	int		 oszip;		/* its deflate level */
	int		*osobj;		/* [S_OSMAX] their numbers */
	struct buf	 z;		/* deflated data */
	struct libdeflate_compressor *zc[13];	/* by level */
	size_t		 npages;
	double		*pw, *ph;	/* [npages] sizes */
	unsigned char	*done;		/* [npages] page written */
	struct S_font	*fonts;
	int		 nfonts;
	int		*imgs;		/* image objects */
	char		**imgpaths;
	int		 nimgs;
	struct pdfc	 c;		/* the current page */
	size_t		 page;		/* its number */
	int		 inpage;
	struct S_annot	*an;
	size_t		 nan, capan;
	struct S_outline *ol;
	size_t		 nol, capol;
	struct buf	 info;		/* entries of the info dictionary */
	char		*lang;
	struct buf	 tmp;		/* scratch */
	/* tagged PDF */
	struct S_se	*se;
	int		 nse, capse;
	struct S_kid	*kids;
	int		 nkids, capkids;
	int		 treeroot;	/* StructTreeRoot object, or 0 */
	int		*topse;		/* elements under it, in order */
	int		 ntop, captop;
	int		*pmc;		/* every page's MCIDs: their elements */
	size_t		 nmc, capmc;
	int		 npmc;		/* MCIDs of the current page */
	size_t		*pmc0;		/* [npages] its first in pmc */
	int		*pmcn;		/* [npages] how many */
	int		*ptan;		/* annotation keys: elements */
	int		 nptan, capptan;
	/* PDF/A-1b */
	int		 pdfa;
	int		 icc;		/* the output intent's profile */
	char		*xmp[8];	/* title, author, subject, creator,
					   date (XMP form) */
};

enum { X_TITLE, X_AUTHOR, X_SUBJECT, X_CREATOR, X_DATE, X__MAX };

/* Numbers */

/* v with at most dec (1 to 3) decimals, no exponent, no "-0". */
static void
S_numd(struct buf *b, double v, int dec)
{
	static const double scale[] = { 1, 10, 100, 1000 };
	char s[32], *p = s + sizeof(s);
	long long n;
	int neg, fr, k, m = (int)scale[dec];

	if (!isfinite(v))
		v = 0;
	n = llround(v * scale[dec]);
	neg = n < 0;
	if (neg)
		n = -n;
	fr = (int)(n % m);
	n /= m;
	if (fr != 0) {
		k = dec;
		while (fr % 10 == 0) {
			fr /= 10;
			k--;
		}
		while (k-- > 0) {
			*--p = (char)('0' + fr % 10);
			fr /= 10;
		}
		*--p = '.';
	}
	do {
		*--p = (char)('0' + n % 10);
		n /= 10;
	} while (n > 0);
	if (neg && !(p[0] == '0' && p + 1 == s + sizeof(s)))
		*--p = '-';
	buf_put(b, p, (size_t)(s + sizeof(s) - p));
}

static void
S_num(struct buf *b, double v)
{
	S_numd(b, v, 3);
}

/*
 * Writing in place: S_room() makes room for n bytes at the end of b and
 * returns where they go, S_fix() ends b at p.  The structure writer's
 * numbers and names go out this way, without a call per token (a tagged
 * handbook has 160,000 elements and a million numbers).
 */
static char *
S_room(struct buf *b, size_t n)
{
	if (n >= b->cap - b->len)		/* cap 0: always grows */
		buf_grow(b, n);
	return b->data + b->len;
}

static void
S_fix(struct buf *b, char *p)
{
	b->len = (size_t)(p - b->data);
	*p = '\0';
}

/* Copies the string literal s to p; the end. */
#define S_LIT(p, s)	((char *)memcpy((p), (s), sizeof(s) - 1) + \
			    sizeof(s) - 1)

/* u in decimal at p (at most 20 bytes); returns the end. */
static char *
S_dec(char *p, unsigned long long u)
{
	static const char dd[] =
	    "00010203040506070809101112131415161718192021222324"
	    "25262728293031323334353637383940414243444546474849"
	    "50515253545556575859606162636465666768697071727374"
	    "75767778798081828384858687888990919293949596979899";
	unsigned long long t;
	char *e;
	int n = 1;

	for (t = u; t >= 10; t /= 10)
		n++;
	e = p += n;
	while (u >= 100) {
		unsigned r = (unsigned)(u % 100) * 2;

		u /= 100;
		*--p = dd[r + 1];
		*--p = dd[r];
	}
	if (u >= 10) {
		*--p = dd[u * 2 + 1];
		*--p = dd[u * 2];
	} else
		*--p = (char)('0' + u);
	return e;
}

/* v in decimal (no snprintf: a tagged handbook writes a million). */
static void
S_int(struct buf *b, long long v)
{
	char *p = S_room(b, 24);

	if (v < 0)
		*p++ = '-';
	S_fix(b, S_dec(p, v < 0 ? 0ULL - (unsigned long long)v :
	    (unsigned long long)v));
}

/* An indirect reference "n 0 R" to object n (n > 0) at p; the end. */
static char *
S_refp(char *p, long long n)
{
	p = S_dec(p, (unsigned long long)n);
	return S_LIT(p, " 0 R");
}

static void
S_ref(struct buf *b, long long n)
{
	S_fix(b, S_refp(S_room(b, 28), n));
}

/* n numbers with dec decimals, then the operator op and a newline. */
static void
S_numsd(struct buf *b, const double *v, size_t n, int dec, const char *op)
{
	size_t i;

	for (i = 0; i < n; i++) {
		S_numd(b, v[i], dec);
		buf_putc(b, ' ');
	}
	buf_puts(b, op);
	buf_putc(b, '\n');
}

/* Coordinates of paths and text positions: 0.01 pt is plenty. */
#define S_nums(b, v, n, op)	S_numsd((b), (v), (n), 3, (op))
#define S_xy(b, v, n, op)	S_numsd((b), (v), (n), 2, (op))

/* Four hex digits of u (below 0x10000), capitals. */
static void
S_hex4(struct buf *b, unsigned u)
{
	static const char hex[] = "0123456789ABCDEF";

	buf_putc(b, hex[(u >> 12) & 15]);
	buf_putc(b, hex[(u >> 8) & 15]);
	buf_putc(b, hex[(u >> 4) & 15]);
	buf_putc(b, hex[u & 15]);
}

/* Code point cp as UTF-16BE in hex: four digits, or eight (a surrogate
 * pair) above U+FFFF. */
static void
S_hexcp(struct buf *b, uint32_t cp)
{
	if (cp >= 0x10000) {
		cp -= 0x10000;
		S_hex4(b, 0xD800 | (cp >> 10));
		S_hex4(b, 0xDC00 | (cp & 0x3FF));
	} else
		S_hex4(b, cp);
}

/* A text string: UTF-8 s as UTF-16BE with a byte order mark, in hex. */
static void
S_textstr(struct buf *b, const char *s)
{
	size_t i, k, n = strlen(s);
	uint32_t cp;

	buf_puts(b, "<FEFF");
	for (i = 0; i < n; i += k) {
		if ((k = utf8_decode(s + i, n - i, &cp)) == 0) {
			k = 1;
			cp = 0xFFFD;
		}
		S_hexcp(b, cp);
	}
	buf_putc(b, '>');
}

/* One byte of a literal string: ( ) and backslash escaped, and CR (a
 * reader would read it as an end of line). */
static void
S_strbyte(struct buf *b, unsigned v)
{
	if (v == '(' || v == ')' || v == '\\') {
		buf_putc(b, '\\');
		buf_putc(b, (int)v);
	} else if (v == '\r') {
		buf_putc(b, '\\');
		buf_putc(b, 'r');
	} else
		buf_putc(b, (int)v);
}

/* Objects */

static int
S_reserve(struct pdfw *w)
{
	if (w->nobj + 1 >= w->cap) {
		int ncap = w->cap ? w->cap * 2 : 64;

		w->off = xreallocarray(w->off, (size_t)ncap, sizeof(*w->off));
		memset(w->off + w->cap, 0, (size_t)(ncap - w->cap) *
		    sizeof(*w->off));
		w->stm = xreallocarray(w->stm, (size_t)ncap, sizeof(*w->stm));
		memset(w->stm + w->cap, 0, (size_t)(ncap - w->cap) *
		    sizeof(*w->stm));
		w->cap = ncap;
	}
	return ++w->nobj;
}

/* Deflates data[0..len) at level into w->z (zlib format). */
static void
S_deflate(struct pdfw *w, const void *data, size_t len, int level)
{
	struct libdeflate_compressor *c;
	size_t bound;

	if ((c = w->zc[level]) == NULL &&
	    (c = w->zc[level] = libdeflate_alloc_compressor(level)) == NULL)
		abort();			/* only out of memory */
	bound = libdeflate_zlib_compress_bound(c, len);
	w->z.len = 0;
	buf_grow(&w->z, bound + 1);
	w->z.len = libdeflate_zlib_compress(c, data, len, w->z.data, bound);
	if (w->z.len == 0)
		abort();			/* cannot happen with the bound */
}

/*
 * Writes object n as a stream of data[0..len) with the dictionary
 * entries dict (may be NULL), deflated at zlib level zip when zip > 0.
 */
static void
S_stream(struct pdfw *w, int n, const char *dict, const void *data,
    size_t len, int zip)
{
	struct buf *o = w->out;

	if (zip && len > 0) {
		S_deflate(w, data, len, zip);
		data = w->z.data;
		len = w->z.len;
	} else
		zip = 0;
	w->off[n] = o->len - w->base;
	S_int(o, n);
	buf_puts(o, " 0 obj\n<<");
	if (dict != NULL)
		buf_puts(o, dict);
	if (zip)
		buf_puts(o, "/Filter/FlateDecode");
	buf_puts(o, "/Length ");
	S_int(o, (long long)len);
	buf_puts(o, ">>\nstream\n");
	buf_put(o, data, len);
	buf_puts(o, "\nendstream\nendobj\n");
}

/* Writes the object stream being filled. */
static void
S_flush_objects(struct pdfw *w)
{
	char dict[64];
	int n, i;

	if (w->osn == 0)
		return;
	n = S_reserve(w);
	for (i = 0; i < w->osn; i++)
		w->stm[w->osobj[i]] = n;
	snprintf(dict, sizeof(dict), "/Type/ObjStm/N %d/First %zu", w->osn,
	    w->oshead.len);
	buf_put(&w->oshead, w->os.data, w->os.len);
	S_stream(w, n, dict, w->oshead.data, w->oshead.len, w->oszip);
	w->os.len = 0;
	w->oshead.len = 0;
	w->osn = 0;
}

/*
 * Starts object n (not a stream) in the object stream; returns the
 * buffer its body goes to.  End it with S_end().
 */
static struct buf *
S_begin(struct pdfw *w, int n)
{
	char *p;

	if (w->osobj == NULL)
		w->osobj = xcalloc(S_OSMAX, sizeof(*w->osobj));
	w->osobj[w->osn] = n;
	w->off[n] = (size_t)w->osn++;
	p = S_dec(S_room(&w->oshead, 48), (unsigned long long)n);
	*p++ = ' ';
	p = S_dec(p, w->os.len);
	*p++ = '\n';
	S_fix(&w->oshead, p);
	return &w->os;
}

static void
S_end(struct pdfw *w)
{
	struct buf *o = w->out;
	int n;

	buf_putc(&w->os, '\n');
	if (w->pdfa) {
		/* PDF/A-1: no object streams; the object goes out whole */
		n = w->osobj[0];
		w->off[n] = o->len - w->base;
		S_int(o, n);
		buf_puts(o, " 0 obj\n");
		buf_put(o, w->os.data, w->os.len);
		buf_puts(o, "endobj\n");
		w->os.len = 0;
		w->oshead.len = 0;
		w->osn = 0;
		return;
	}
	if (w->osn == S_OSMAX)
		S_flush_objects(w);
}

struct pdfw *
pdfw_new(struct buf *out, size_t npages)
{
	struct pdfw *w = xcalloc(1, sizeof(*w));
	size_t i;

	w->out = out;
	w->base = out->len;
	w->npages = npages;
	w->pw = xcalloc(npages ? npages : 1, sizeof(*w->pw));
	w->ph = xcalloc(npages ? npages : 1, sizeof(*w->ph));
	w->done = xcalloc(npages ? npages : 1, 1);
	w->pmc0 = xcalloc(npages ? npages : 1, sizeof(*w->pmc0));
	w->pmcn = xcalloc(npages ? npages : 1, sizeof(*w->pmcn));
	buf_puts(out, "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n");
	S_reserve(w);				/* 1 catalog */
	S_reserve(w);				/* 2 pages */
	S_reserve(w);				/* 3 resources */
	for (i = 0; i < npages; i++)
		S_reserve(w);
	w->c.w = w;
	w->oszip = S_ZLEVEL;
	return w;
}

void
pdfw_free(struct pdfw *w)
{
	size_t i;
	int k;

	if (w == NULL)
		return;
	for (i = 0; i < w->nan; i++) {
		free(w->an[i].uri);
		free(w->an[i].contents);
	}
	for (k = 0; k < w->nse; k++)
		free(w->se[k].alt);
	free(w->se);
	free(w->kids);
	free(w->topse);
	free(w->pmc);
	free(w->pmc0);
	free(w->pmcn);
	free(w->ptan);
	for (k = 0; k < X__MAX; k++)
		free(w->xmp[k]);
	for (i = 0; i < w->nol; i++)
		free(w->ol[i].title);
	for (k = 0; k < w->nimgs; k++)
		free(w->imgpaths[k]);
	free(w->imgpaths);
	free(w->imgs);
	free(w->an);
	free(w->ol);
	free(w->fonts);
	free(w->off);
	free(w->stm);
	free(w->osobj);
	buf_free(&w->os);
	buf_free(&w->oshead);
	buf_free(&w->z);
	for (k = 0; k < 13; k++)
		libdeflate_free_compressor(w->zc[k]);
	free(w->pw);
	free(w->done);
	free(w->ph);
	free(w->lang);
	buf_free(&w->c.b);
	buf_free(&w->info);
	buf_free(&w->tmp);
	free(w);
}

/* Fonts */

/* A subset tag: six capitals from the glyphs used and the font number. */
static void
S_tag(const struct font *f, int k, char tag[7])
{
	const uint32_t *cps;
	const uint16_t *gids;
	size_t i, n = font_subset_map(f, &cps, &gids);
	uint64_t h = 0xcbf29ce484222325ULL ^ (uint64_t)k;

	for (i = 0; i < n; i++) {
		h = (h ^ cps[i]) * 0x100000001b3ULL;
		h = (h ^ gids[i]) * 0x100000001b3ULL;
	}
	for (i = 0; i < 6; i++) {
		tag[i] = (char)('A' + h % 26);
		h /= 26;
	}
	tag[6] = '\0';
}

/* A CID of the subset with its code point and advance. */
struct S_cidcp {
	uint16_t	 cid;
	uint32_t	 cp;
	int		 w;
};

static int
S_cidcp_cmp(const void *a, const void *b)
{
	const struct S_cidcp *x = a, *y = b;

	if (x->cid != y->cid)
		return x->cid < y->cid ? -1 : 1;
	return x->cp < y->cp ? -1 : x->cp > y->cp;
}

/*
 * The CIDs the subset's code points show, ascending, each once with its
 * lowest code point and that one's advance; .notdef left out.  A CID
 * has one code point unless the font could not give a code point that
 * shares a glyph a CID of its own (font_subset_dups()).  Sparse
 * for a CID-keyed CFF (CIDs up to 65,535), so never an array by CID.
 * Returns the count; *out is the caller's to free.
 */
static size_t
S_cids(struct font *f, struct S_cidcp **out)
{
	const uint32_t *cps;
	const uint16_t *cids;
	size_t i, k, n = font_subset_map(f, &cps, &cids);
	struct S_cidcp *v = xcalloc(n + 1, sizeof(*v));

	for (i = k = 0; i < n; i++)
		if (cids[i] != 0) {
			v[k].cid = cids[i];
			v[k].cp = cps[i];
			v[k++].w = font_advance(f, cps[i]);
		}
	qsort(v, k, sizeof(*v), S_cidcp_cmp);
	for (i = n = 0; i < k; i++)
		if (n == 0 || v[i].cid != v[n - 1].cid)
			v[n++] = v[i];
	*out = v;
	return n;
}

/* The ToUnicode CMap of the subset: CID -> code point. */
static void
S_tounicode(struct buf *b, const struct S_cidcp *v, size_t n)
{
	size_t i, m;
	char s[32];

	buf_puts(b, "/CIDInit /ProcSet findresource begin\n"
	    "12 dict begin\nbegincmap\n"
	    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) "
	    "/Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS def\n"
	    "/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\n"
	    "endcodespacerange\n");
	for (i = 0; i < n; ) {
		m = n - i < 100 ? n - i : 100;
		snprintf(s, sizeof(s), "%zu beginbfchar\n", m);
		buf_puts(b, s);
		for (; m > 0; m--, i++) {	/* no snprintf: 2 % of a build */
			buf_putc(b, '<');
			S_hex4(b, v[i].cid);
			buf_puts(b, "> <");
			S_hexcp(b, v[i].cp);	/* UTF-16BE */
			buf_puts(b, ">\n");
		}
		buf_puts(b, "endbfchar\n");
	}
	buf_puts(b, "endcmap\nCMapName currentdict /CMap defineresource pop\n"
	    "end\nend\n");
}

/* The /W array: runs of consecutive CIDs with their advances. */
static void
S_widths(struct buf *b, const struct S_cidcp *v, size_t n)
{
	size_t i;
	int run = 0;

	buf_puts(b, "/W[");
	for (i = 0; i < n; i++) {
		if (i > 0 && v[i].cid == v[i - 1].cid + 1 && ++run < 4096)
			buf_putc(b, ' ');
		else {
			/* PDF/A-1 arrays hold at most 8,191 elements */
			if (i > 0)
				buf_putc(b, ']');
			S_int(b, v[i].cid);
			buf_putc(b, '[');
			run = 0;
		}
		S_int(b, v[i].w);
	}
	if (n > 0)
		buf_putc(b, ']');
	buf_puts(b, "]");
}

/*
 * A TrueType subset's CIDToGIDMap: /Identity (CID = glyph number) unless
 * some code points got CIDs of their own for glyphs they share with
 * another (font_subset_dups()); then a stream, two bytes a CID, mapping
 * those to their glyphs and every other CID to itself.  Returns its
 * object, or 0 for /Identity.
 */
static int
S_cidtogid(struct pdfw *w, struct font *f)
{
	const uint16_t *dc, *of;
	size_t i, nd = font_subset_dups(f, &dc, &of);
	unsigned c, n = font_subset_ncids(f);
	unsigned char *m;
	int obj;

	if (nd == 0)
		return 0;
	m = xcalloc(n, 2);
	for (c = 0; c < n; c++) {
		m[2 * c] = (unsigned char)(c >> 8);
		m[2 * c + 1] = (unsigned char)(c & 0xFF);
	}
	for (i = 0; i < nd; i++) {
		m[2 * dc[i]] = (unsigned char)(of[i] >> 8);
		m[2 * dc[i] + 1] = (unsigned char)(of[i] & 0xFF);
	}
	obj = S_reserve(w);
	S_stream(w, obj, NULL, m, 2 * (size_t)n, S_ZLEVEL);
	free(m);
	return obj;
}

int
pdfw_font(struct pdfw *w, struct diag *d, struct font *f)
{
	struct buf *b = &w->tmp;
	const char *data;
	const char *reg, *ord;
	struct S_cidcp *cv;
	size_t len, ncv;
	int k, file, tu, desc, cid, bb[4], cidset = 0, c2g = 0, sup;
	int cff = font_cff(f);
	char tag[7];

	for (k = 0; k < w->nfonts; k++)
		if (w->fonts[k].f == f)
			return k;
	if (font_subset(f) == -1 || (data = font_subset_data(f, &len)) ==
	    NULL) {
		diag_at(d, DIAG_FATAL, font_file(f), 0, 0, "font '%s': "
		    "HarfBuzz could not subset the font", font_family(f));
		return -1;
	}
	k = w->nfonts++;
	w->fonts = xreallocarray(w->fonts, (size_t)w->nfonts,
	    sizeof(*w->fonts));
	w->fonts[k].f = f;
	S_tag(f, k, tag);

	file = S_reserve(w);
	b->len = 0;
	if (cff)
		buf_puts(b, "/Subtype/CIDFontType0C");
	else {
		buf_puts(b, "/Length1 ");
		S_int(b, (long long)len);
	}
	S_stream(w, file, b->data, data, len, S_FONTZ);

	tu = S_reserve(w);
	ncv = S_cids(f, &cv);
	b->len = 0;
	S_tounicode(b, cv, ncv);
	S_stream(w, tu, NULL, b->data, b->len, S_ZLEVEL);

	if (w->pdfa) {
		/* CIDSet: a bit (high first) for every CID of the subset */
		const uint16_t *cids;
		size_t i, n = font_subset_cids(f, &cids);
		unsigned ng = font_subset_ncids(f);
		unsigned char *bits = xcalloc(ng / 8 + 1, 1);

		for (i = 0; i < n; i++)
			bits[cids[i] / 8] |= (unsigned char)(0x80 >> (cids[i] % 8));
		cidset = S_reserve(w);
		S_stream(w, cidset, NULL, bits, ng / 8 + (ng % 8 != 0),
		    S_ZLEVEL);
		free(bits);
	}
	if (!cff)
		c2g = S_cidtogid(w, f);
	desc = S_reserve(w);
	font_bbox(f, bb);
	b = S_begin(w, desc);
	buf_printf(b, "<</Type/FontDescriptor/FontName/%s+%s/Flags 4"
	    "/FontBBox[%d %d %d %d]/ItalicAngle 0/Ascent %d/Descent %d"
	    "/CapHeight %d/StemV 80/FontFile%c %d 0 R", tag, font_psname(f),
	    bb[0], bb[1], bb[2], bb[3], font_ascent(f), font_descent(f),
	    font_ascent(f), cff ? '3' : '2', file);
	if (cidset)
		buf_printf(b, "/CIDSet %d 0 R", cidset);
	buf_puts(b, ">>");
	S_end(w);

	cid = S_reserve(w);
	S_begin(w, cid);
	font_ros(f, &reg, &ord, &sup);
	buf_printf(b, "<</Type/Font/Subtype/CIDFontType%c/BaseFont/%s+%s"
	    "/CIDSystemInfo<</Registry(%s)/Ordering(%s)/Supplement %d>>"
	    "/FontDescriptor %d 0 R", cff ? '0' : '2', tag,
	    font_psname(f), reg, ord, sup, desc);
	if (c2g)
		buf_printf(b, "/CIDToGIDMap %d 0 R", c2g);
	else if (!cff)
		buf_puts(b, "/CIDToGIDMap/Identity");
	buf_puts(b, "/DW 1000");
	S_widths(b, cv, ncv);
	free(cv);
	buf_puts(b, ">>");
	S_end(w);

	w->fonts[k].obj = S_reserve(w);
	S_begin(w, w->fonts[k].obj);
	buf_printf(b, "<</Type/Font/Subtype/Type0/BaseFont/%s+%s"
	    "/Encoding/Identity-H/DescendantFonts[%d 0 R]/ToUnicode %d 0 R>>",
	    tag, font_psname(f), cid, tu);
	S_end(w);
	return k;
}

/* Images */

int
pdfw_image(struct pdfw *w, const char *path)
{
	png_image im;
	unsigned char *px, *rgb, *alpha = NULL;
	size_t i, n, ch;
	int k, obj, smask = 0, gray, opaque = 1;

	for (k = 0; k < w->nimgs; k++)
		if (strcmp(w->imgpaths[k], path) == 0)
			return w->imgs[k];
	memset(&im, 0, sizeof(im));
	im.version = PNG_IMAGE_VERSION;
	if (!png_image_begin_read_from_file(&im, path))
		return -1;
	gray = !(im.format & PNG_FORMAT_FLAG_COLOR);
	im.format = gray ? PNG_FORMAT_GA : PNG_FORMAT_RGBA;
	ch = gray ? 2 : 4;
	n = (size_t)im.width * im.height;
	if (n == 0 || n > ((size_t)1 << 28) / ch) {
		png_image_free(&im);
		return -1;
	}
	px = xmalloc(n * ch);
	if (!png_image_finish_read(&im, NULL, px, 0, NULL)) {
		png_image_free(&im);
		free(px);
		return -1;
	}
	rgb = xmalloc(n * (ch - 1));
	alpha = xmalloc(n);
	for (i = 0; i < n; i++) {
		memcpy(rgb + i * (ch - 1), px + i * ch, ch - 1);
		alpha[i] = px[i * ch + ch - 1];
		if (alpha[i] != 0xFF)
			opaque = 0;
	}
	free(px);
	if (!opaque && w->pdfa) {
		/* PDF/A-1 has no transparency: blend on white */
		for (i = 0; i < n; i++)
			for (k = 0; k < (int)ch - 1; k++) {
				unsigned char *v = &rgb[i * (ch - 1) + (size_t)k];

				*v = (unsigned char)((*v * alpha[i] + 255 *
				    (255 - alpha[i]) + 127) / 255);
			}
		opaque = 1;
	}
	if (!opaque) {
		smask = S_reserve(w);
		w->tmp.len = 0;
		buf_printf(&w->tmp, "/Type/XObject/Subtype/Image/Width %u"
		    "/Height %u/ColorSpace/DeviceGray/BitsPerComponent 8",
		    im.width, im.height);
		S_stream(w, smask, w->tmp.data, alpha, n, S_ZLEVEL);
	}
	obj = S_reserve(w);
	w->tmp.len = 0;
	buf_printf(&w->tmp, "/Type/XObject/Subtype/Image/Width %u/Height %u"
	    "/ColorSpace/%s/BitsPerComponent 8", im.width, im.height,
	    gray ? "DeviceGray" : "DeviceRGB");
	if (smask)
		buf_printf(&w->tmp, "/SMask %d 0 R", smask);
	S_stream(w, obj, w->tmp.data, rgb, n * (ch - 1), S_ZLEVEL);
	free(rgb);
	free(alpha);
	k = w->nimgs++;
	w->imgs = xreallocarray(w->imgs, (size_t)w->nimgs, sizeof(*w->imgs));
	w->imgpaths = xreallocarray(w->imgpaths, (size_t)w->nimgs,
	    sizeof(*w->imgpaths));
	w->imgs[k] = obj;
	w->imgpaths[k] = xstrdup(path);
	return obj;
}

/* Structure */

int
pdfw_se(struct pdfw *w, const char *type, int parent, const char *alt,
    int scope)
{
	struct S_se *e;

	if (w->nse == w->capse) {
		w->capse = w->capse ? w->capse * 2 : 256;
		w->se = xreallocarray(w->se, (size_t)w->capse, sizeof(*e));
	}
	e = &w->se[w->nse];
	memset(e, 0, sizeof(*e));
	e->type = type;
	e->parent = parent >= 0 && parent < w->nse ? parent : -1;
	e->alt = alt ? xstrdup(alt) : NULL;
	e->scope = scope;
	e->first = e->last = -1;
	return w->nse++;
}

void
pdfw_se_span(struct pdfw *w, int se, int colspan, int rowspan)
{
	if (se < 0 || se >= w->nse)
		return;
	w->se[se].colspan = colspan;
	w->se[se].rowspan = rowspan;
}

/* Appends a kid to element se. */
static void
S_kid(struct pdfw *w, int se, int kind, int val, size_t page)
{
	struct S_kid *k;

	if (w->nkids == w->capkids) {
		w->capkids = w->capkids ? w->capkids * 2 : 1024;
		w->kids = xreallocarray(w->kids, (size_t)w->capkids,
		    sizeof(*k));
	}
	k = &w->kids[w->nkids];
	k->next = -1;
	k->kind = kind;
	k->val = val;
	k->page = page;
	if (w->se[se].last >= 0)
		w->kids[w->se[se].last].next = w->nkids;
	else
		w->se[se].first = w->nkids;
	w->se[se].last = w->nkids++;
}

/* Element se is written, in its place in its parent (recursively). */
static void
S_attach(struct pdfw *w, int se)
{
	struct S_se *e = &w->se[se];

	if (e->used)
		return;
	e->used = 1;
	if (e->parent >= 0) {
		S_attach(w, e->parent);
		S_kid(w, e->parent, K_SE, se, 0);
		return;
	}
	if (w->treeroot == 0)
		w->treeroot = S_reserve(w);
	if (w->ntop == w->captop) {
		w->captop = w->captop ? w->captop * 2 : 8;
		w->topse = xreallocarray(w->topse, (size_t)w->captop,
		    sizeof(int));
	}
	w->topse[w->ntop++] = se;
}

void
pdfw_se_empty(struct pdfw *w, int se)
{
	if (se >= 0 && se < w->nse)
		S_attach(w, se);
}

void
pdfc_tag(struct pdfc *c, int se)
{
	struct pdfw *w = c->w;
	struct S_se *e;
	char *p;

	if (se < 0 || se >= w->nse) {
		pdfc_artifact(c, 0);
		return;
	}
	S_attach(w, se);
	e = &w->se[se];
	if (e->pg == 0)
		e->pg = w->page + 1;
	if (w->nmc == w->capmc) {
		w->capmc = w->capmc ? w->capmc * 2 : 1024;
		w->pmc = xreallocarray(w->pmc, w->capmc, sizeof(int));
	}
	S_kid(w, se, K_MCID, w->npmc, w->page);
	p = S_room(&c->b, 48 + strlen(e->type));
	*p++ = '/';
	p = stpcpy(p, e->type);
	p = S_LIT(p, "<</MCID ");
	p = S_dec(p, (unsigned long long)w->npmc);
	S_fix(&c->b, S_LIT(p, ">>BDC\n"));
	w->pmc[w->nmc++] = se;
	w->npmc++;
}

void
pdfc_artifact(struct pdfc *c, int pagination)
{
	if (pagination)
		BUF_PUTSL(&c->b, "/Artifact<</Type/Pagination>>BDC\n");
	else
		BUF_PUTSL(&c->b, "/Artifact BMC\n");
}

void
pdfc_end_tag(struct pdfc *c)
{
	BUF_PUTSL(&c->b, "EMC\n");
}

/*
 * The ParentTree, a number tree: the pages' entries by page index, then
 * the link annotations'; one node, or leaves of S_NTLEAF pairs under a
 * root (PDF/A-1 allows arrays of at most 8,191 elements).
 */
#define S_NTLEAF	2048

static int
S_parenttree(struct pdfw *w)
{
	struct buf *o = &w->os;
	size_t p, n = 0, i, j, nleaf;
	size_t *key;
	int *val, *leaf, pt;

	key = xcalloc(w->npages + (size_t)w->nptan + 1, sizeof(*key));
	val = xcalloc(w->npages + (size_t)w->nptan + 1, sizeof(*val));
	/* each page's entry: the element of each of its MCIDs */
	for (p = 0; p < w->npages; p++) {
		const int *mc = w->pmc + w->pmc0[p];
		int k;

		if (w->pmcn[p] == 0)
			continue;
		key[n] = p;
		val[n] = S_reserve(w);
		S_begin(w, val[n++]);
		buf_putc(o, '[');
		for (k = 0; k < w->pmcn[p]; k++) {
			char *q = S_room(o, 32);

			if (k)
				*q++ = k % 16 ? ' ' : '\n';
			S_fix(o, S_refp(q, w->se[mc[k]].obj));
		}
		buf_putc(o, ']');
		S_end(w);
	}
	for (i = 0; i < (size_t)w->nptan; i++) {
		key[n] = w->npages + i;
		val[n++] = w->se[w->ptan[i]].obj;
	}
	nleaf = n > S_NTLEAF ? (n + S_NTLEAF - 1) / S_NTLEAF : 0;
	leaf = xcalloc(nleaf + 1, sizeof(*leaf));
	pt = S_reserve(w);
	for (i = 0; i < nleaf; i++)
		leaf[i] = S_reserve(w);
	for (i = 0; i < (nleaf ? nleaf : 1); i++) {
		size_t a = i * S_NTLEAF, b = nleaf ? a + S_NTLEAF : n;

		if (b > n)
			b = n;
		S_begin(w, nleaf ? leaf[i] : pt);
		buf_puts(o, "<<");
		if (nleaf)
			buf_printf(o, "/Limits[%zu %zu]", key[a], key[b - 1]);
		buf_puts(o, "/Nums[");
		for (j = a; j < b; j++) {
			if (j > a)
				buf_putc(o, (j - a) % 8 ? ' ' : '\n');
			S_int(o, (long long)key[j]);
			buf_putc(o, ' ');
			S_ref(o, val[j]);
		}
		buf_puts(o, "]>>");
		S_end(w);
	}
	if (nleaf) {
		S_begin(w, pt);
		buf_puts(o, "<</Kids[");
		for (i = 0; i < nleaf; i++)
			buf_printf(o, "%s%d 0 R", i ? " " : "", leaf[i]);
		buf_puts(o, "]>>");
		S_end(w);
	}
	free(key);
	free(val);
	free(leaf);
	return pt;
}

/* Is element x of type t? */
static int
S_is(const struct pdfw *w, int x, const char *t)
{
	return strcmp(w->se[x].type, t) == 0;
}

/* Are all kids of element x elements (of type t, when not NULL)? */
static int
S_all_kids(const struct pdfw *w, int x, const char *t)
{
	int k;

	for (k = w->se[x].first; k >= 0; k = w->kids[k].next)
		if (w->kids[k].kind != K_SE ||
		    (t != NULL && !S_is(w, w->kids[k].val, t)))
			return 0;
	return 1;
}

/* Does every row of table t's THead (if any) hold header cells only? */
static int
S_plain_head(const struct pdfw *w, int t)
{
	int k, r;

	for (k = w->se[t].first; k >= 0; k = w->kids[k].next) {
		if (w->kids[k].kind != K_SE ||
		    !S_is(w, w->kids[k].val, "THead"))
			continue;
		for (r = w->se[w->kids[k].val].first; r >= 0;
		    r = w->kids[r].next)
			if (w->kids[r].kind != K_SE ||
			    !S_is(w, w->kids[r].val, "TR") ||
			    !S_all_kids(w, w->kids[r].val, "TH"))
				return 0;
	}
	return 1;
}

/*
 * Can element x, kid of element parent, be left out, its kids taking
 * its place?  A Div holding elements only (a grouping that says
 * nothing), and a Table's THead and TBody when the header rows hold TH
 * cells only: their /Scope says which cells head columns, and a Table
 * may hold its TRs itself (14.8.4.3.4).  A handbook has 6,000 of them.
 */
static int
S_elidable(const struct pdfw *w, int parent, int x)
{
	const struct S_se *e = &w->se[x];

	if (e->first < 0 || e->alt != NULL || !S_all_kids(w, x, NULL))
		return 0;
	if (S_is(w, x, "Div"))
		return 1;
	return (S_is(w, x, "THead") || S_is(w, x, "TBody")) &&
	    S_is(w, parent, "Table") && S_plain_head(w, parent);
}

/* Leaves out the elements S_elidable() allows: their kids go in their
 * place in their parent's list (a parent is declared before its kids,
 * so one pass in declaration order also takes Divs in Divs). */
static void
S_elide(struct pdfw *w)
{
	int i, k, prev, x, c, last;

	for (i = 0; i < w->nse; i++) {
		if (!w->se[i].used)
			continue;
		for (prev = -1, k = w->se[i].first; k >= 0; ) {
			if (w->kids[k].kind != K_SE ||
			    !S_elidable(w, i, x = w->kids[k].val)) {
				prev = k;
				k = w->kids[k].next;
				continue;
			}
			for (c = w->se[x].first, last = -1; c >= 0;
			    c = w->kids[c].next) {
				w->se[w->kids[c].val].parent = i;
				last = c;
			}
			w->kids[last].next = w->kids[k].next;
			if (w->se[i].last == k)
				w->se[i].last = last;
			if (prev < 0)
				w->se[i].first = w->se[x].first;
			else
				w->kids[prev].next = w->se[x].first;
			w->se[x].used = 0;
			k = w->se[x].first;	/* those kids may go too */
		}
	}
}

/*
 * The elements that were marked, in document order (depth first, a
 * parent before its kids, kids in the order marked); returns how many,
 * in ord[0..nse).
 */
static int
S_preorder(const struct pdfw *w, int *ord)
{
	int *stk = xcalloc((size_t)w->nse + 1, sizeof(*stk));
	int n = 0, sp, t, k, c;

	for (t = 0; t < w->ntop; t++) {
		ord[n++] = w->topse[t];
		sp = 0;
		stk[sp++] = w->se[w->topse[t]].first;
		while (sp > 0) {
			/* the next element kid at the top of the stack */
			for (k = stk[sp - 1]; k >= 0 && w->kids[k].kind != K_SE;
			    k = w->kids[k].next)
				continue;
			if (k < 0) {
				sp--;
				continue;
			}
			stk[sp - 1] = w->kids[k].next;
			c = w->kids[k].val;
			ord[n++] = c;
			stk[sp++] = w->se[c].first;
		}
	}
	free(stk);
	return n;
}

/*
 * Writes the structure elements that were marked, the StructTreeRoot
 * and the ParentTree (pages by their index, then link annotations);
 * returns the StructTreeRoot's object or 0.  The elements are numbered
 * and written in document order, after every other object of the
 * pages: a parent's number and its kids' are then close and repeat from
 * one element to the next, and the object streams hold elements only,
 * which deflate makes more of.
 */
static int
S_structure(struct pdfw *w)
{
	struct buf *o = &w->os;
	int i, k, pt, n, one, nord, *ord, scope[2];
	char *p;

	if (w->treeroot == 0)
		return 0;
	ord = xcalloc((size_t)w->nse + 1, sizeof(*ord));
	/* the object stream being filled and those after it (the
	 * elements, the ParentTree, the catalog's few objects) at level
	 * 5: deflate's
	 * search at level 6 was most of what tagging cost in time, and
	 * saved 2.5 % of these streams' bytes (docs/benchmarks.md) */
	w->oszip = S_SEZ;
	S_elide(w);
	nord = S_preorder(w, ord);
	for (i = 0; i < nord; i++)
		w->se[ord[i]].obj = S_reserve(w);
	/* the two table scopes, each one object all TH cells refer to */
	scope[0] = scope[1] = 0;
	for (i = 0; i < nord; i++)
		if (w->se[ord[i]].scope && scope[0] == 0) {
			scope[0] = S_reserve(w);
			scope[1] = S_reserve(w);
		}
	for (i = 0; i < nord; i++) {
		const struct S_se *e = &w->se[ord[i]];

		/* (/Type/StructElem is optional: 15 bytes fewer each); /P
		 * and /Pg first, the same in siblings: one match for deflate */
		S_begin(w, e->obj);
		p = S_room(o, 96 + strlen(e->type));
		p = S_LIT(p, "<</P ");
		p = S_refp(p, e->parent >= 0 ? w->se[e->parent].obj :
		    w->treeroot);
		if (e->pg) {
			p = S_LIT(p, "/Pg ");
			p = S_refp(p, S_PAGE0 + (long long)e->pg - 1);
		}
		p = S_LIT(p, "/S/");
		p = stpcpy(p, e->type);
		if (e->alt) {
			p = S_LIT(p, "/Alt");
			S_fix(o, p);
			S_textstr(o, e->alt);
			p = S_room(o, 96);
		}
		if (e->colspan > 1 || e->rowspan > 1) {
			/* a spanning cell's own attributes, its scope too */
			S_fix(o, p);
			p = S_room(o, 96);
			p = S_LIT(p, "/A<</O/Table");
			/* (S_LIT takes a literal: sizeof) */
			if (e->scope == 1)
				p = S_LIT(p, "/Scope/Column");
			else if (e->scope)
				p = S_LIT(p, "/Scope/Row");
			if (e->colspan > 1) {
				p = S_LIT(p, "/ColSpan ");
				p = S_dec(p, (unsigned long long)e->colspan);
			}
			if (e->rowspan > 1) {
				p = S_LIT(p, "/RowSpan ");
				p = S_dec(p, (unsigned long long)e->rowspan);
			}
			p = S_LIT(p, ">>");
		} else if (e->scope) {
			p = S_LIT(p, "/A ");
			p = S_refp(p, scope[e->scope == 1 ? 0 : 1]);
		}
		if (e->first < 0) {	/* an empty cell: no kids */
			S_fix(o, S_LIT(p, ">>"));
			S_end(w);
			continue;
		}
		/* one kid: no array */
		one = e->first >= 0 && w->kids[e->first].next < 0;
		p = one ? S_LIT(p, "/K ") : S_LIT(p, "/K[");
		for (k = e->first, n = 0; k >= 0; k = w->kids[k].next, n++) {
			const struct S_kid *c = &w->kids[k];

			S_fix(o, p);
			p = S_room(o, 96);
			if (n > 0)
				*p++ = n % 16 ? ' ' : '\n';
			if (c->kind == K_SE)
				p = S_refp(p, w->se[c->val].obj);
			else if (c->kind == K_OBJR) {
				/* /Pg: when not the element's */
				p = S_LIT(p, "<</Type/OBJR/Obj ");
				p = S_refp(p, c->val);
				if (c->page + 1 != e->pg) {
					p = S_LIT(p, "/Pg ");
					p = S_refp(p, S_PAGE0 +
					    (long long)c->page);
				}
				p = S_LIT(p, ">>");
			} else if (c->page + 1 == e->pg)
				p = S_dec(p, (unsigned long long)c->val);
			else {
				p = S_LIT(p, "<</Type/MCR/Pg ");
				p = S_refp(p, S_PAGE0 + (long long)c->page);
				p = S_LIT(p, "/MCID ");
				p = S_dec(p, (unsigned long long)c->val);
				p = S_LIT(p, ">>");
			}
		}
		S_fix(o, one ? S_LIT(p, ">>") : S_LIT(p, "]>>"));
		S_end(w);
	}
	free(ord);
	for (i = 0; i < 2 && scope[0]; i++) {
		S_begin(w, scope[i]);
		buf_puts(o, i == 0 ? "<</O/Table/Scope/Column>>" :
		    "<</O/Table/Scope/Row>>");
		S_end(w);
	}
	pt = S_parenttree(w);
	S_begin(w, w->treeroot);
	buf_puts(o, "<</Type/StructTreeRoot/K[");
	for (k = 0; k < w->ntop; k++)
		buf_printf(o, "%s%d 0 R", k ? " " : "", w->se[w->topse[k]].obj);
	buf_printf(o, "]/ParentTree %d 0 R/ParentTreeNextKey %zu>>", pt,
	    w->npages + (size_t)w->nptan);
	S_end(w);
	return w->treeroot;
}

/* Pages */

struct pdfc *
pdfw_page_begin(struct pdfw *w, size_t p, double width, double height)
{
	w->page = p;
	w->inpage = 1;
	w->c.b.len = 0;
	w->c.tx = w->c.ty = 0;
	if (p < w->npages) {
		w->pw[p] = width;
		w->ph[p] = height;
	}
	return &w->c;
}

/* [page /XYZ null top null]: keeps the reader's zoom. */
static void
S_dest(struct pdfw *w, struct buf *b, size_t p, double top)
{
	buf_putc(b, '[');
	S_int(b, S_PAGE0 + (long long)p);
	buf_puts(b, " 0 R/XYZ null ");
	S_num(b, top);
	buf_puts(b, " null]");
}

void
pdfw_page_end(struct pdfw *w)
{
	struct buf *o = &w->os;
	size_t i;
	int content, *an = NULL;

	if (!w->inpage || w->page >= w->npages || w->done[w->page])
		return;
	w->done[w->page] = 1;
	content = S_reserve(w);
	S_stream(w, content, NULL, w->c.b.data, w->c.b.len, S_ZLEVEL);
	/* the page's MCIDs: its ParentTree entry, written at the end */
	w->pmc0[w->page] = w->nmc - (size_t)w->npmc;
	w->pmcn[w->page] = w->npmc;
	w->npmc = 0;
	if (w->nan > 0)
		an = xcalloc(w->nan, sizeof(*an));
	for (i = 0; i < w->nan; i++) {
		const struct S_annot *a = &w->an[i];

		an[i] = S_reserve(w);
		if (a->se >= 0)
			S_kid(w, a->se, K_OBJR, an[i], w->page);
		S_begin(w, an[i]);
		buf_puts(o, "<</Type/Annot/Subtype/Link/Rect[");
		S_nums(o, a->r, 4, "]");
		o->len--;		/* the newline */
		buf_puts(o, "/Border[0 0 0]");
		if (w->pdfa)
			buf_puts(o, "/F 4");	/* Print */
		if (a->contents != NULL) {
			buf_puts(o, "/Contents");
			S_textstr(o, a->contents);
		}
		if (a->se >= 0) {
			if (w->nptan == w->capptan) {
				w->capptan = w->capptan ? w->capptan * 2 : 64;
				w->ptan = xreallocarray(w->ptan,
				    (size_t)w->capptan, sizeof(*w->ptan));
			}
			w->ptan[w->nptan] = a->se;
			buf_printf(o, "/StructParent %zu",
			    w->npages + (size_t)w->nptan++);
		}
		if (a->uri != NULL) {
			buf_puts(o, "/A<</S/URI/URI(");
			for (const char *s = a->uri; *s; s++)
				S_strbyte(o, (unsigned char)*s);
			buf_puts(o, ")>>");
		} else {
			buf_puts(o, "/Dest");
			S_dest(w, o, a->page, a->top);
		}
		buf_puts(o, ">>");
		S_end(w);
		free(w->an[i].uri);
		free(w->an[i].contents);
	}
	S_begin(w, S_PAGE0 + (int)w->page);
	buf_printf(o, "<</Type/Page/Parent %d 0 R/MediaBox[0 0 ", S_PAGES);
	S_num(o, w->pw[w->page]);
	buf_putc(o, ' ');
	S_num(o, w->ph[w->page]);
	buf_printf(o, "]/Resources %d 0 R/Contents %d 0 R", S_RES, content);
	if (w->pmcn[w->page])
		buf_printf(o, "/StructParents %zu", w->page);
	if (w->nan > 0 && w->nse > 0)
		buf_puts(o, "/Tabs/S");
	if (w->nan > 0) {
		buf_puts(o, "/Annots[");
		for (i = 0; i < w->nan; i++)
			buf_printf(o, "%s%d 0 R", i ? " " : "", an[i]);
		buf_putc(o, ']');
	}
	buf_puts(o, ">>");
	S_end(w);
	free(an);
	w->nan = 0;
	w->inpage = 0;
}

static struct S_annot *
S_annot(struct pdfw *w, double l, double b, double r, double t, int se,
    const char *contents)
{
	struct S_annot *a;

	if (w->nan == w->capan) {
		w->capan = w->capan ? w->capan * 2 : 16;
		w->an = xreallocarray(w->an, w->capan, sizeof(*w->an));
	}
	a = &w->an[w->nan++];
	memset(a, 0, sizeof(*a));
	a->r[0] = l;
	a->r[1] = b;
	a->r[2] = r;
	a->r[3] = t;
	a->se = se >= 0 && se < w->nse ? se : -1;
	a->contents = contents && *contents ? xstrdup(contents) : NULL;
	if (a->se >= 0)
		S_attach(w, a->se);	/* in reading order, text or not */
	return a;
}

void
pdfw_link_page(struct pdfw *w, double l, double b, double r, double t,
    size_t p, double top, int se, const char *contents)
{
	struct S_annot *a;

	if (p >= w->npages)
		return;
	a = S_annot(w, l, b, r, t, se, contents);
	a->page = p;
	a->top = top;
}

void
pdfw_link_uri(struct pdfw *w, double l, double b, double r, double t,
    const char *uri, int se, const char *contents)
{
	if (!url_allowed(uri))		/* defence in depth: doc_parse refused it */
		return;
	S_annot(w, l, b, r, t, se, contents)->uri = xstrdup(uri);
}

/* Outlines, information, the end */

void
pdfw_outline(struct pdfw *w, int level, const char *title, size_t p,
    double top)
{
	struct S_outline *o;

	if (p >= w->npages)
		return;
	if (w->nol == w->capol) {
		w->capol = w->capol ? w->capol * 2 : 64;
		w->ol = xreallocarray(w->ol, w->capol, sizeof(*w->ol));
	}
	o = &w->ol[w->nol++];
	o->level = level > 0 ? 1 : 0;
	o->title = xstrdup(title);
	o->page = p;
	o->top = top;
}

void
pdfw_info(struct pdfw *w, const char *key, const char *value)
{
	static const char *const keys[] = { "Title", "Author", "Subject",
	    "Creator" };
	size_t i;

	buf_printf(&w->info, "/%s", key);
	S_textstr(&w->info, value);
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (strcmp(key, keys[i]) == 0) {
			free(w->xmp[i]);
			w->xmp[i] = xstrdup(value);
		}
}

void
pdfw_info_date(struct pdfw *w, long long date)
{
	time_t t = (time_t)date;
	struct tm tm;
	char s[64];

	gmtime_r(&t, &tm);
	snprintf(s, sizeof(s), "(D:%04d%02d%02d%02d%02d%02dZ)",
	    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
	    tm.tm_min, tm.tm_sec);
	buf_printf(&w->info, "/CreationDate%s/ModDate%s", s, s);
	free(w->xmp[X_DATE]);
	w->xmp[X_DATE] = xasprintf("%04d-%02d-%02dT%02d:%02d:%02dZ",
	    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
	    tm.tm_min, tm.tm_sec);
}

void
pdfw_lang(struct pdfw *w, const char *lang)
{
	const char *s;

	for (s = lang; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		    (*s >= '0' && *s <= '9') || *s == '-'))
			return;
	free(w->lang);
	w->lang = xstrdup(lang);
}

void
pdfw_pdfa(struct pdfw *w, const void *icc, size_t len)
{
	char *h = w->out->data + w->base;

	w->pdfa = 1;
	if (w->out->len - w->base >= 8 && memcmp(h, "%PDF-1.7", 8) == 0)
		h[7] = '4';		/* PDF/A-1 is PDF 1.4 */
	w->icc = S_reserve(w);
	S_stream(w, w->icc, "/N 3", icc, len, S_ZLEVEL);
}

/* s with XML's five characters escaped. */
static void
S_xml(struct buf *b, const char *s)
{
	for (; *s; s++)
		switch (*s) {
		case '<': buf_puts(b, "&lt;"); break;
		case '>': buf_puts(b, "&gt;"); break;
		case '&': buf_puts(b, "&amp;"); break;
		case '"': buf_puts(b, "&quot;"); break;
		case '\'': buf_puts(b, "&apos;"); break;
		default: buf_putc(b, *s); break;
		}
}

/*
 * The XMP metadata of PDF/A-1b: pdfaid part 1, conformance B, and the
 * information dictionary's values (Title dc:title, Author dc:creator,
 * Subject dc:description, Creator xmp:CreatorTool, Producer pdf:Producer,
 * the dates xmp:CreateDate and ModifyDate), uncompressed (6.7.2).
 */
static int
S_xmp(struct pdfw *w)
{
	struct buf x = BUF_INIT;
	int obj;

	buf_puts(&x, "<?xpacket begin=\"\xEF\xBB\xBF\" "
	    "id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
	    "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
	    "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
	    "<rdf:Description rdf:about=\"\" "
	    "xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\" "
	    "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
	    "xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" "
	    "xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n"
	    "<pdfaid:part>1</pdfaid:part>\n"
	    "<pdfaid:conformance>B</pdfaid:conformance>\n");
	if (w->xmp[X_TITLE]) {
		buf_puts(&x, "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">");
		S_xml(&x, w->xmp[X_TITLE]);
		buf_puts(&x, "</rdf:li></rdf:Alt></dc:title>\n");
	}
	if (w->xmp[X_AUTHOR]) {
		buf_puts(&x, "<dc:creator><rdf:Seq><rdf:li>");
		S_xml(&x, w->xmp[X_AUTHOR]);
		buf_puts(&x, "</rdf:li></rdf:Seq></dc:creator>\n");
	}
	if (w->xmp[X_SUBJECT]) {
		buf_puts(&x, "<dc:description><rdf:Alt><rdf:li "
		    "xml:lang=\"x-default\">");
		S_xml(&x, w->xmp[X_SUBJECT]);
		buf_puts(&x, "</rdf:li></rdf:Alt></dc:description>\n");
	}
	if (w->xmp[X_CREATOR]) {
		buf_puts(&x, "<xmp:CreatorTool>");
		S_xml(&x, w->xmp[X_CREATOR]);
		buf_puts(&x, "</xmp:CreatorTool>\n");
	}
	if (w->xmp[X_DATE])
		buf_printf(&x, "<xmp:CreateDate>%s</xmp:CreateDate>\n"
		    "<xmp:ModifyDate>%s</xmp:ModifyDate>\n", w->xmp[X_DATE],
		    w->xmp[X_DATE]);
	buf_puts(&x, "<pdf:Producer>rolebook</pdf:Producer>\n"
	    "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n"
	    "<?xpacket end=\"w\"?>");
	obj = S_reserve(w);
	S_stream(w, obj, "/Type/Metadata/Subtype/XML", x.data, x.len, 0);
	buf_free(&x);
	return obj;
}

/*
 * Writes the bookmarks: a level-0 item heads the level-1 items after
 * it (those before any level-0 item stay at the top).  All open.
 * Returns the object of the outline dictionary, or 0.
 */
static int
S_outlines(struct pdfw *w)
{
	struct buf *o = &w->os;
	size_t i, j, ntop = 0;
	int root, *obj, *parent, *prev, *next, *first, *last, *count;

	if (w->nol == 0)
		return 0;
	root = S_reserve(w);
	obj = xcalloc(w->nol, sizeof(int));
	parent = xcalloc(w->nol, sizeof(int));
	prev = xcalloc(w->nol, sizeof(int));
	next = xcalloc(w->nol, sizeof(int));
	first = xcalloc(w->nol, sizeof(int));
	last = xcalloc(w->nol, sizeof(int));
	count = xcalloc(w->nol, sizeof(int));
	for (i = 0; i < w->nol; i++)
		obj[i] = S_reserve(w);
	{
		long top = -1;		/* current level-0 item */
		long lastkid = -1, lasttop = -1;

		for (i = 0; i < w->nol; i++) {
			if (w->ol[i].level == 0 || top < 0) {
				parent[i] = root;
				if (lasttop >= 0) {
					next[lasttop] = obj[i];
					prev[i] = obj[lasttop];
				}
				lasttop = (long)i;
				ntop++;
				if (w->ol[i].level == 0) {
					top = (long)i;
					lastkid = -1;
				}
				continue;
			}
			parent[i] = obj[top];
			if (lastkid >= 0) {
				next[lastkid] = obj[i];
				prev[i] = obj[lastkid];
			} else
				first[top] = obj[i];
			last[top] = obj[i];
			count[top]++;
			lastkid = (long)i;
		}
	}
	for (i = 0; i < w->nol; i++) {
		S_begin(w, obj[i]);
		buf_puts(o, "<</Title");
		S_textstr(o, w->ol[i].title);
		buf_printf(o, "/Parent %d 0 R", parent[i]);
		if (prev[i])
			buf_printf(o, "/Prev %d 0 R", prev[i]);
		if (next[i])
			buf_printf(o, "/Next %d 0 R", next[i]);
		if (first[i])
			buf_printf(o, "/First %d 0 R/Last %d 0 R/Count %d",
			    first[i], last[i], count[i]);
		buf_puts(o, "/Dest");
		S_dest(w, o, w->ol[i].page, w->ol[i].top);
		buf_puts(o, ">>");
		S_end(w);
	}
	/* first and last top-level items */
	S_begin(w, root);
	for (i = 0; i < w->nol && parent[i] != root; i++)
		;
	for (j = w->nol; j > 0 && parent[j - 1] != root; j--)
		;
	buf_printf(o, "<</Type/Outlines/First %d 0 R/Last %d 0 R/Count %zu>>",
	    obj[i], obj[j - 1], (size_t)w->nol);
	S_end(w);
	free(obj);
	free(parent);
	free(prev);
	free(next);
	free(first);
	free(last);
	free(count);
	return root;
}

/*
 * The file identifier: 128 bits from the bytes written so far (CRC-32
 * of the whole, of each half, Adler-32 of the whole; libdeflate), so the
 * same document has the same /ID and a different one another.
 */
static void
S_id(const struct pdfw *w, char hex[33])
{
	const unsigned char *d = (const unsigned char *)w->out->data + w->base;
	size_t n = w->out->len - w->base, h = n / 2;
	uint32_t v[4];
	int i;

	v[0] = libdeflate_crc32(0, d, n);
	v[1] = libdeflate_crc32(0x9E3779B9u, d, h);
	v[2] = libdeflate_crc32(0x7F4A7C15u, d + h, n - h);
	v[3] = libdeflate_adler32(1, d, n) ^ (uint32_t)n;
	for (i = 0; i < 4; i++)
		snprintf(hex + 8 * i, 9, "%08X", (unsigned)v[i]);
}

/*
 * The cross-reference stream: type, offset or stream, index, in as few
 * bytes as the largest value needs, each row as its difference from the
 * row above (PNG "Up" predictor): the entries of one object stream then
 * differ in their last byte only, and deflate makes little of them (a
 * tagged handbook has 170,000 such entries; 330 KB without it).
 */
static void
S_xref(struct pdfw *w, int info)
{
	struct buf t = BUF_INIT, *o = w->out;
	unsigned char row[2][10], *p;
	size_t at, max2 = 0, max3 = 0, v2, v3;
	int k, x, j, n, n2, n3, cols, pred;
	char dict[320], id[33];

	if (w->pdfa) {
		/* a cross-reference table and a trailer dictionary */
		S_id(w, id);
		at = o->len - w->base;
		buf_printf(o, "xref\n0 %d\n0000000000 65535 f \n", w->nobj + 1);
		for (k = 1; k <= w->nobj; k++)
			buf_printf(o, "%010zu 00000 %c \n", w->off[k],
			    w->off[k] ? 'n' : 'f');
		buf_printf(o, "trailer\n<</Size %d/Root %d 0 R/Info %d 0 R"
		    "/ID[<%s><%s>]>>\nstartxref\n%zu\n%%%%EOF\n", w->nobj + 1,
		    S_CATALOG, info, id, id, at);
		return;
	}
	x = S_reserve(w);

	at = o->len - w->base;
	w->off[x] = at;
	for (k = 1; k <= w->nobj; k++) {
		if (w->stm[k]) {
			if ((size_t)w->stm[k] > max2)
				max2 = (size_t)w->stm[k];
			if (w->off[k] > max3)
				max3 = w->off[k];
		} else if (w->off[k] > max2)
			max2 = w->off[k];
	}
	for (n2 = 1; n2 < 8 && max2 >> (8 * n2) != 0; n2++)
		continue;
	for (n3 = 1; n3 < 2 && max3 >> (8 * n3) != 0; n3++)
		continue;
	cols = 1 + n2 + n3;
	/* (a few rows: the predictor's 40 bytes of dictionary would not pay) */
	pred = w->nobj >= 64;
	memset(row, 0, sizeof(row));
	buf_grow(&t, (size_t)(w->nobj + 1) * (size_t)(cols + pred));
	p = (unsigned char *)t.data;
	for (k = 0; k <= w->nobj; k++) {
		unsigned char *r = row[k & 1], *up = row[!(k & 1)];

		/* object 0: the head of the free list, generation 0 */
		r[0] = k == 0 ? 0 : w->stm[k] ? 2 : 1;
		v2 = k == 0 ? 0 : w->stm[k] ? (size_t)w->stm[k] : w->off[k];
		v3 = k != 0 && w->stm[k] ? w->off[k] : 0;
		for (j = 0; j < n2; j++)
			r[1 + j] = (unsigned char)(v2 >> (8 * (n2 - 1 - j)));
		for (j = 0; j < n3; j++)
			r[1 + n2 + j] = (unsigned char)(v3 >> (8 *
			    (n3 - 1 - j)));
		if (pred)
			*p++ = 2;		/* PNG filter type: Up */
		for (j = 0; j < cols; j++)
			*p++ = (unsigned char)(r[j] - (pred ? up[j] : 0));
	}
	S_fix(&t, (char *)p);
	S_id(w, id);
	n = snprintf(dict, sizeof(dict), "/Type/XRef/Size %d/W[1 %d %d]",
	    w->nobj + 1, n2, n3);
	if (pred)
		n += snprintf(dict + n, sizeof(dict) - (size_t)n,
		    "/DecodeParms<</Predictor 12/Columns %d>>", cols);
	snprintf(dict + n, sizeof(dict) - (size_t)n, "/Root %d 0 R/Info %d 0 R"
	    "/ID[<%s><%s>]", S_CATALOG, info, id, id);
	S_stream(w, x, dict, t.data, t.len, S_ZLEVEL);
	buf_free(&t);
	buf_printf(o, "startxref\n%zu\n%%%%EOF\n", at);
}

void
pdfw_finish(struct pdfw *w)
{
	struct buf *o = &w->os;
	size_t i;
	int k, outl, info, tree, xmp = 0;

	pdfw_page_end(w);
	/* pages never drawn are blank A4 */
	for (i = 0; i < w->npages; i++)
		if (!w->done[i]) {
			pdfw_page_begin(w, i, w->pw[i] > 0 ? w->pw[i] : 595.276,
			    w->ph[i] > 0 ? w->ph[i] : 841.89);
			pdfw_page_end(w);
		}
	outl = S_outlines(w);
	tree = S_structure(w);
	if (w->pdfa)
		xmp = S_xmp(w);
	S_begin(w, S_RES);
	buf_puts(o, "<</ProcSet[/PDF/Text/ImageB/ImageC]");
	if (w->nfonts > 0) {
		buf_puts(o, "/Font<<");
		for (k = 0; k < w->nfonts; k++)
			buf_printf(o, "/F%d %d 0 R", k, w->fonts[k].obj);
		buf_puts(o, ">>");
	}
	if (w->nimgs > 0) {
		buf_puts(o, "/XObject<<");
		for (k = 0; k < w->nimgs; k++)
			buf_printf(o, "/Im%d %d 0 R", w->imgs[k], w->imgs[k]);
		buf_puts(o, ">>");
	}
	buf_puts(o, ">>");
	S_end(w);
	S_begin(w, S_PAGES);
	buf_puts(o, "<</Type/Pages/Kids[");
	for (i = 0; i < w->npages; i++) {
		if (i > 0)
			buf_putc(o, (i % 16) ? ' ' : '\n');
		S_int(o, S_PAGE0 + (long long)i);
		buf_puts(o, " 0 R");
	}
	buf_printf(o, "]/Count %zu>>", w->npages);
	S_end(w);
	S_begin(w, S_CATALOG);
	buf_printf(o, "<</Type/Catalog/Pages %d 0 R", S_PAGES);
	if (outl)
		buf_printf(o, "/Outlines %d 0 R/PageMode/UseOutlines", outl);
	if (w->lang)
		buf_printf(o, "/Lang(%s)", w->lang);
	if (tree)
		buf_printf(o, "/StructTreeRoot %d 0 R/MarkInfo<</Marked true>>",
		    tree);
	if (w->pdfa)
		buf_printf(o, "/Metadata %d 0 R/OutputIntents[<</Type/OutputIntent"
		    "/S/GTS_PDFA1/OutputConditionIdentifier(sRGB IEC61966-2.1)"
		    "/Info(sRGB IEC61966-2.1)/DestOutputProfile %d 0 R>>]",
		    xmp, w->icc);
	buf_puts(o, "/ViewerPreferences<</DisplayDocTitle true>>>>");
	S_end(w);
	buf_printf(&w->info, "/Producer");
	S_textstr(&w->info, "rolebook");
	info = S_reserve(w);
	S_begin(w, info);
	buf_puts(o, "<<");
	buf_put(o, w->info.data, w->info.len);
	buf_puts(o, ">>");
	S_end(w);
	S_flush_objects(w);
	S_xref(w, info);
	pdfw_free(w);
}

/* Content streams */

static void
S_rgb(struct buf *b, uint32_t c, const char *op)
{
	double v[3];

	v[0] = ((c >> 16) & 0xFF) / 255.0;
	v[1] = ((c >> 8) & 0xFF) / 255.0;
	v[2] = (c & 0xFF) / 255.0;
	S_nums(b, v, 3, op);
}

void
pdfc_fill_rgb(struct pdfc *c, uint32_t rgb)
{
	S_rgb(&c->b, rgb, "rg");
}

void
pdfc_stroke_rgb(struct pdfc *c, uint32_t rgb)
{
	S_rgb(&c->b, rgb, "RG");
}

void
pdfc_line_width(struct pdfc *c, double v)
{
	S_xy(&c->b, &v, 1, "w");
}

void
pdfc_move(struct pdfc *c, double x, double y)
{
	double v[2] = { x, y };

	S_xy(&c->b, v, 2, "m");
}

void
pdfc_line(struct pdfc *c, double x, double y)
{
	double v[2] = { x, y };

	S_xy(&c->b, v, 2, "l");
}

void
pdfc_rect(struct pdfc *c, double x, double y, double w, double h)
{
	double v[4] = { x, y, w, h };

	S_xy(&c->b, v, 4, "re");
}

/* A circle as four Bézier arcs. */
void
pdfc_circle(struct pdfc *c, double x, double y, double r)
{
	const double k = 0.5522847498 * r;
	double v[6];

	pdfc_move(c, x + r, y);
	v[0] = x + r; v[1] = y + k; v[2] = x + k; v[3] = y + r;
	v[4] = x; v[5] = y + r;
	S_xy(&c->b, v, 6, "c");
	v[0] = x - k; v[1] = y + r; v[2] = x - r; v[3] = y + k;
	v[4] = x - r; v[5] = y;
	S_xy(&c->b, v, 6, "c");
	v[0] = x - r; v[1] = y - k; v[2] = x - k; v[3] = y - r;
	v[4] = x; v[5] = y - r;
	S_xy(&c->b, v, 6, "c");
	v[0] = x + k; v[1] = y - r; v[2] = x + r; v[3] = y - k;
	v[4] = x + r; v[5] = y;
	S_xy(&c->b, v, 6, "c");
}

void
pdfc_close(struct pdfc *c)
{
	buf_puts(&c->b, "h\n");
}

void
pdfc_dash(struct pdfc *c, double on, double off)
{
	double v[2] = { on, off };

	if (on <= 0) {
		buf_puts(&c->b, "[] 0 d\n");
		return;
	}
	buf_putc(&c->b, '[');
	S_xy(&c->b, v, 2, "] 0 d");
}

void
pdfc_stroke(struct pdfc *c)
{
	buf_puts(&c->b, "S\n");
}

void
pdfc_fill(struct pdfc *c)
{
	buf_puts(&c->b, "f\n");
}

void
pdfc_fill_stroke(struct pdfc *c)
{
	buf_puts(&c->b, "B\n");
}

void
pdfc_save(struct pdfc *c)
{
	buf_puts(&c->b, "q\n");
}

void
pdfc_restore(struct pdfc *c)
{
	buf_puts(&c->b, "Q\n");
}

void
pdfc_concat(struct pdfc *c, double a, double b, double cc, double d,
    double e, double f)
{
	double v[6] = { a, b, cc, d, e, f };

	S_nums(&c->b, v, 6, "cm");
}

void
pdfc_image(struct pdfc *c, int img, double x, double y, double w, double h)
{
	if (img < 0)
		return;
	pdfc_save(c);
	pdfc_concat(c, w, 0, 0, h, x, y);
	buf_printf(&c->b, "/Im%d Do\n", img);
	pdfc_restore(c);
}

void
pdfc_begin_text(struct pdfc *c)
{
	buf_puts(&c->b, "BT\n");
	c->tx = c->ty = 0;
}

void
pdfc_end_text(struct pdfc *c)
{
	buf_puts(&c->b, "ET\n");
}

void
pdfc_font(struct pdfc *c, int font, double size)
{
	buf_printf(&c->b, "/F%d ", font);
	S_nums(&c->b, &size, 1, "Tf");
}

void
pdfc_render(struct pdfc *c, int mode)
{
	buf_printf(&c->b, "%d Tr\n", mode);
}

void
pdfc_char_space(struct pdfc *c, double v)
{
	S_nums(&c->b, &v, 1, "Tc");
}

void
pdfc_text_pos(struct pdfc *c, double x, double y)
{
	double v[2];

	/* relative to the line origin, as rounded when written */
	x = llround(x * 100.0) / 100.0;
	y = llround(y * 100.0) / 100.0;
	v[0] = x - c->tx;
	v[1] = y - c->ty;
	S_xy(&c->b, v, 2, "Td");
	c->tx = x;
	c->ty = y;
}

void
pdfc_text_matrix(struct pdfc *c, double a, double b, double cc, double d,
    double e, double f)
{
	double v[6] = { a, b, cc, d, e, f };

	S_nums(&c->b, v, 6, "Tm");
	c->tx = e;
	c->ty = f;
}

/*
 * The glyph numbers, two bytes each, as a literal string (half the bytes
 * of hexadecimal before deflating, 1 % fewer after).
 */
void
pdfc_show(struct pdfc *c, int font, const char *s, size_t n)
{
	struct font *f;
	struct buf *b = &c->b;
	size_t i, k;
	uint32_t cp;
	unsigned g;

	if (font < 0 || font >= c->w->nfonts)
		return;
	f = c->w->fonts[font].f;
	buf_grow(b, n + 8);
	buf_putc(b, '(');
	for (i = 0; i < n; i += k) {
		if ((k = utf8_decode(s + i, n - i, &cp)) == 0) {
			k = 1;
			continue;
		}
		if ((g = font_cid(f, cp)) == 0)
			continue;
		S_strbyte(b, g >> 8);
		S_strbyte(b, g & 0xFF);
	}
	buf_puts(b, ")Tj\n");
}
