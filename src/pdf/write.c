/*
 * write.c — the PDF backend's output layer: draws the pages of a finished
 * layout (layout.h) with libharu.  Text runs go out one HPDF_Page_TextOut
 * each inside as few text objects as possible (font, colour, character
 * spacing and synthetic bold set only when they change); then rules,
 * rectangles, PNG images, charts (chart.c), link annotations (internal to
 * an anchor's page and position, or URI), the bookmarks (h1/h2, UTF-8
 * titles) and the document information.  No creation date unless one is
 * given (SOURCE_DATE_EPOCH), so the same input gives the same bytes.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <hpdf.h>
#include <hpdf_objects.h>
#include "../util/util.h"
#include "../doc/doc.h"
#include "chart.h"
#include "pdf_int.h"

struct S_err {
	HPDF_STATUS	 no, detail;
};

static void
S_error(HPDF_STATUS no, HPDF_STATUS detail, void *arg)
{
	struct S_err *e = arg;

	if (e->no == 0) {
		e->no = no;
		e->detail = detail;
	}
}

struct S_link {
	size_t		 page;
	HPDF_Rect	 r;
	const char	*target;	/* "#id" or a URI */
	char		*owned;
};

struct S_w {
	HPDF_Doc	 pdf;
	struct lay	*L;
	struct pdf_fonts *fs;
	HPDF_Font	 hf[FACE__MAX];
	HPDF_Page	*pages;
	double		 ph;		/* page height */
	struct S_link	*links;
	size_t		 nlinks, caplinks;
	/* images by path */
	struct { const char *path; HPDF_Image img; } *imgs;
	size_t		 nimgs, capimgs;
	/* text state */
	int		 intext, face, synth;
	double		 size, cs, lw;
	uint32_t	 fill, stroke;
};

static void
S_link_add(struct S_w *w, size_t page, double l, double b, double r,
    double t, const char *target, int own)
{
	struct S_link *k;

	if (w->nlinks == w->caplinks) {
		w->caplinks = w->caplinks ? w->caplinks * 2 : 64;
		w->links = xreallocarray(w->links, w->caplinks, sizeof(*k));
	}
	k = &w->links[w->nlinks++];
	k->page = page;
	k->r.left = (HPDF_REAL)l;
	k->r.bottom = (HPDF_REAL)b;
	k->r.right = (HPDF_REAL)r;
	k->r.top = (HPDF_REAL)t;
	k->owned = own ? xstrdup(target) : NULL;
	k->target = own ? k->owned : target;
}

static void
S_rgb_fill(struct S_w *w, HPDF_Page pg, uint32_t c)
{
	if (w->fill == c)
		return;
	w->fill = c;
	HPDF_Page_SetRGBFill(pg, (HPDF_REAL)((c >> 16) & 0xFF) / 255,
	    (HPDF_REAL)((c >> 8) & 0xFF) / 255, (HPDF_REAL)(c & 0xFF) / 255);
}

static void
S_rgb_stroke(struct S_w *w, HPDF_Page pg, uint32_t c)
{
	if (w->stroke == c)
		return;
	w->stroke = c;
	HPDF_Page_SetRGBStroke(pg, (HPDF_REAL)((c >> 16) & 0xFF) / 255,
	    (HPDF_REAL)((c >> 8) & 0xFF) / 255, (HPDF_REAL)(c & 0xFF) / 255);
}

static void
S_line_width(struct S_w *w, HPDF_Page pg, double lw)
{
	if (w->lw == lw)
		return;
	w->lw = lw;
	HPDF_Page_SetLineWidth(pg, (HPDF_REAL)lw);
}

static void
S_end_text(struct S_w *w, HPDF_Page pg)
{
	if (!w->intext)
		return;
	if (w->synth)
		HPDF_Page_SetTextRenderingMode(pg, HPDF_FILL);
	/* Character spacing (Tc) is graphics state: it outlives ET and
	 * would space out every later text object (tables, charts). */
	if (w->cs != 0)
		HPDF_Page_SetCharSpace(pg, 0);
	HPDF_Page_EndText(pg);
	w->intext = 0;
	w->synth = 0;
	w->cs = 0;
	w->face = -1;
}

static void
S_text(struct S_w *w, HPDF_Page pg, const struct lay_op *op)
{
	const char *s = w->L->arena.data + op->str;
	int synth = w->fs->synth[op->face];

	if (op->len == 0 || w->hf[op->face] == NULL)
		return;
	if (!w->intext) {
		HPDF_Page_BeginText(pg);
		w->intext = 1;
		w->face = -1;
		w->cs = 0;
		w->synth = 0;
	}
	if (w->face != op->face || w->size != op->size) {
		HPDF_Page_SetFontAndSize(pg, w->hf[op->face],
		    (HPDF_REAL)op->size);
		w->face = op->face;
		w->size = op->size;
	}
	S_rgb_fill(w, pg, op->color);
	if (synth) {
		S_rgb_stroke(w, pg, op->color);
		S_line_width(w, pg, op->size / 30);
	}
	if (synth != w->synth) {
		HPDF_Page_SetTextRenderingMode(pg, synth ?
		    HPDF_FILL_THEN_STROKE : HPDF_FILL);
		w->synth = synth;
	}
	if (w->cs != op->cs) {
		HPDF_Page_SetCharSpace(pg, (HPDF_REAL)op->cs);
		w->cs = op->cs;
	}
	HPDF_Page_TextOut(pg, (HPDF_REAL)op->x, (HPDF_REAL)(w->ph - op->y), s);
}

static HPDF_Image
S_image(struct S_w *w, const char *path)
{
	size_t i;
	HPDF_Image img;

	for (i = 0; i < w->nimgs; i++)
		if (strcmp(w->imgs[i].path, path) == 0)
			return w->imgs[i].img;
	img = HPDF_LoadPngImageFromFile(w->pdf, path);
	if (w->nimgs == w->capimgs) {
		w->capimgs = w->capimgs ? w->capimgs * 2 : 8;
		w->imgs = xreallocarray(w->imgs, w->capimgs,
		    sizeof(*w->imgs));
	}
	w->imgs[w->nimgs].path = path;
	w->imgs[w->nimgs++].img = img;
	return img;
}

/* Draws ops[0..n) on page p (0-based). */
static void
S_ops(struct S_w *w, size_t p, const struct lay_op *ops, size_t n)
{
	HPDF_Page pg = w->pages[p];
	const char *ar = w->L->arena.data;
	size_t k;

	for (k = 0; k < n; k++) {
		const struct lay_op *op = &ops[k];
		double y = w->ph - op->y;

		if (op->kind == LOP_TEXT) {
			S_text(w, pg, op);
			continue;
		}
		switch (op->kind) {
		case LOP_LINE:
			S_end_text(w, pg);
			S_line_width(w, pg, op->size);
			S_rgb_stroke(w, pg, op->color);
			HPDF_Page_MoveTo(pg, (HPDF_REAL)op->x, (HPDF_REAL)y);
			HPDF_Page_LineTo(pg, (HPDF_REAL)(op->x + op->w),
			    (HPDF_REAL)(y - op->h));
			HPDF_Page_Stroke(pg);
			break;
		case LOP_RECT:
			S_end_text(w, pg);
			S_rgb_fill(w, pg, op->color);
			HPDF_Page_Rectangle(pg, (HPDF_REAL)op->x,
			    (HPDF_REAL)(y - op->h), (HPDF_REAL)op->w,
			    (HPDF_REAL)op->h);
			HPDF_Page_Fill(pg);
			break;
		case LOP_FRAME:
			S_end_text(w, pg);
			S_line_width(w, pg, op->size);
			S_rgb_stroke(w, pg, op->color);
			HPDF_Page_Rectangle(pg, (HPDF_REAL)op->x,
			    (HPDF_REAL)(y - op->h), (HPDF_REAL)op->w,
			    (HPDF_REAL)op->h);
			HPDF_Page_Stroke(pg);
			break;
		case LOP_IMAGE: {
			HPDF_Image img = S_image(w, ar + op->str);

			S_end_text(w, pg);
			if (img)
				HPDF_Page_DrawImage(pg, img, (HPDF_REAL)op->x,
				    (HPDF_REAL)(y - op->h), (HPDF_REAL)op->w,
				    (HPDF_REAL)op->h);
			break;
		}
		case LOP_LINK:
			S_link_add(w, p, op->x, y - op->h, op->x + op->w, y,
			    ar + op->str, 0);
			break;
		case LOP_CHART: {
			struct chart_links cl;
			size_t i;

			S_end_text(w, pg);
			memset(&cl, 0, sizeof(cl));
			chart_draw(pg, w->fs->f[FACE_BODY], w->hf[FACE_BODY],
			    op->node, op->x, y, op->w, &cl);
			for (i = 0; i < cl.n; i++)
				S_link_add(w, p, cl.v[i].left, cl.v[i].bottom,
				    cl.v[i].right, cl.v[i].top, cl.v[i].href,
				    1);
			chart_links_free(&cl);
			/* chart_draw changed the graphics state */
			w->fill = w->stroke = 0xFFFFFFFFu;
			w->lw = -1;
			break;
		}
		default:
			break;
		}
	}
	S_end_text(w, pg);
}

/* Records every character of the text ops with its font. */
static void
S_use(struct S_w *w, const struct lay_op *ops, size_t n)
{
	size_t k;

	for (k = 0; k < n; k++) {
		if (ops[k].kind == LOP_TEXT)
			font_use_utf8(w->fs->f[ops[k].face],
			    w->L->arena.data + ops[k].str, ops[k].len);
		else if (ops[k].kind == LOP_CHART) {
			/* again after a reset (layout reported any problem) */
			struct diag q;

			diag_init(&q);
			chart_prepare(&q, w->fs->f[FACE_BODY], ops[k].node);
			diag_free(&q);
		}
	}
}

static HPDF_Destination
S_dest(struct S_w *w, size_t page, double y)
{
	HPDF_Destination d = HPDF_Page_CreateDestination(w->pages[page]);
	double top = w->ph - y + 4;

	if (top > w->ph)
		top = w->ph;
	/* [page /XYZ null top null]: keep the reader's zoom (libharu's
	 * HPDF_Destination_SetXYZ refuses a null zoom) */
	if (d == NULL)
		return NULL;
	HPDF_Array_Clear(d);
	HPDF_Array_Add(d, w->pages[page]);
	HPDF_Array_AddName(d, "XYZ");
	HPDF_Array_Add(d, HPDF_Null_New(d->mmgr));
	HPDF_Array_AddReal(d, (HPDF_REAL)top);
	HPDF_Array_Add(d, HPDF_Null_New(d->mmgr));
	return d;
}

static void
S_links(struct S_w *w)
{
	size_t i;

	for (i = 0; i < w->nlinks; i++) {
		const struct S_link *k = &w->links[i];
		HPDF_Annotation a;

		if (k->target[0] == '#') {
			const struct lay_anchor *an = lay_anchor_find(
			    w->L->anch, w->L->capanch, k->target + 1);

			if (an == NULL || an->page < 1 ||
			    (size_t)an->page > w->L->npages)
				continue;
			a = HPDF_Page_CreateLinkAnnot(w->pages[k->page], k->r,
			    S_dest(w, (size_t)an->page - 1, an->y));
		} else
			a = HPDF_Page_CreateURILinkAnnot(w->pages[k->page],
			    k->r, k->target);
		if (a)
			HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
	}
}

/* Bookmarks from the LOP_OUTLINE ops: h1 at the top, h2 below. */
static void
S_outline(struct S_w *w)
{
	HPDF_Encoder enc = HPDF_GetEncoder(w->pdf, "UTF-8");
	HPDF_Outline top = NULL, o;
	size_t p, k;
	int any = 0;

	for (p = 0; p < w->L->npages; p++) {
		const struct lay_page *pg = &w->L->pages[p];

		for (k = pg->op0; k < pg->op0 + pg->nops; k++) {
			const struct lay_op *op = &w->L->pops[k];

			if (op->kind != LOP_OUTLINE || op->len == 0)
				continue;
			o = HPDF_CreateOutline(w->pdf, op->level == 0 ||
			    top == NULL ? NULL : top,
			    w->L->arena.data + op->str, enc);
			if (o == NULL)
				continue;
			HPDF_Outline_SetDestination(o, S_dest(w, p, op->y));
			HPDF_Outline_SetOpened(o, HPDF_TRUE);
			if (op->level == 0)
				top = o;
			any = 1;
		}
	}
	if (any)
		HPDF_SetPageMode(w->pdf, HPDF_PAGE_MODE_USE_OUTLINE);
}

static void
S_info(struct S_w *w, const struct doc_node *root, long long date)
{
	const char *v;

	HPDF_SetCurrentEncoder(w->pdf, "UTF-8");
	if ((v = doc_attr(root, "title")) != NULL && *v)
		HPDF_SetInfoAttr(w->pdf, HPDF_INFO_TITLE, v);
	if ((v = doc_attr(root, "data-author")) != NULL && *v)
		HPDF_SetInfoAttr(w->pdf, HPDF_INFO_AUTHOR, v);
	if ((v = doc_attr(root, "data-subject")) != NULL && *v)
		HPDF_SetInfoAttr(w->pdf, HPDF_INFO_SUBJECT, v);
	HPDF_SetInfoAttr(w->pdf, HPDF_INFO_CREATOR, "rolebook");
	if (date >= 0) {
		time_t t = (time_t)date;
		struct tm tm;
		HPDF_Date hd;

		gmtime_r(&t, &tm);
		memset(&hd, 0, sizeof(hd));
		hd.year = tm.tm_year + 1900;
		hd.month = tm.tm_mon + 1;
		hd.day = tm.tm_mday;
		hd.hour = tm.tm_hour;
		hd.minutes = tm.tm_min;
		hd.seconds = tm.tm_sec;
		hd.ind = 'Z';
		HPDF_SetInfoDateAttr(w->pdf, HPDF_INFO_CREATION_DATE, hd);
		HPDF_SetInfoDateAttr(w->pdf, HPDF_INFO_MOD_DATE, hd);
	}
}

/*
 * Adds k extra code points to every font's subset (k = 0: none): a retry
 * after libharu 2.3.0 fails to save a font whose rebuilt file fills its
 * 4 KiB memory-stream blocks exactly (HPDF_MemStream_SeekFunc then finds
 * no block at the end: HPDF_INVALID_OBJECT).  A different subset size
 * avoids it; the choice is deterministic.
 */
static void
S_pad_fonts(struct pdf_fonts *fs, int k)
{
	static const char extra[] = "!#$&*+=?@^_~|<>";
	size_t i, j, n;
	int added;

	for (i = 0; i < FACE__MAX; i++) {
		if (fs->owner[i] != (int)i || font_nused(fs->f[i]) == 0)
			continue;
		for (j = 0, added = 0; extra[j] && added < k; j++) {
			n = font_nused(fs->f[i]);
			font_use(fs->f[i], (unsigned char)extra[j]);
			if (font_nused(fs->f[i]) > n)
				added++;
		}
	}
}

static int	S_write(struct diag *, struct lay *, struct pdf_fonts *,
		    const struct doc_node *, long long, struct buf *, int,
		    int *);

int
pdf_write(struct diag *d, struct lay *L, struct pdf_fonts *fs,
    const struct doc_node *root, long long date, struct buf *out)
{
	int attempt, retry = 0, rc = -1;

	for (attempt = 0; attempt < 4; attempt++) {
		if (attempt > 0)
			pdf_fonts_reset(fs);
		rc = S_write(d, L, fs, root, date, out, attempt,
		    attempt < 3 ? &retry : NULL);
		if (rc == 0 || !retry)
			break;
	}
	return rc;
}

/*
 * One attempt at writing; with retry not NULL, a libharu failure that a
 * retry may avoid sets *retry instead of reporting.
 */
static int
S_write(struct diag *d, struct lay *L, struct pdf_fonts *fs,
    const struct doc_node *root, long long date, struct buf *out,
    int attempt, int *retry)
{
	struct S_err err = { 0, 0 };
	struct S_w w;
	size_t p, i, base = out->len;
	HPDF_UINT32 size;
	int rc = -1;

	memset(&w, 0, sizeof(w));
	w.L = L;
	w.fs = fs;
	w.ph = L->th->page_h;
	w.fill = w.stroke = 0xFFFFFFFFu;
	w.lw = -1;
	w.face = -1;
	if ((w.pdf = HPDF_New(S_error, &err)) == NULL) {
		diag_at(d, DIAG_FATAL, NULL, 0, 0, "PDF: cannot start libharu");
		return -1;
	}
	HPDF_SetCompressionMode(w.pdf, HPDF_COMP_ALL);
	HPDF_UseUTFEncodings(w.pdf);
	/* fonts: subsets of exactly the characters drawn */
	S_use(&w, L->pops, L->npops);
	S_use(&w, L->frame.ops, L->frame.nops);
	S_pad_fonts(fs, attempt);
	if (retry)
		*retry = 0;
	for (i = 0; i < FACE__MAX; i++) {
		int o = fs->owner[i];

		if (o != (int)i) {
			w.hf[i] = w.hf[o];
			continue;
		}
		if (font_nused(fs->f[i]) == 0 && i != FACE_BODY)
			continue;
		if ((w.hf[i] = font_embed(fs->f[i], d, w.pdf)) == NULL)
			goto out;
	}
	S_info(&w, root, date);
	w.pages = xcalloc(L->npages ? L->npages : 1, sizeof(HPDF_Page));
	for (p = 0; p < L->npages; p++) {
		const struct lay_page *pg = &L->pages[p];

		w.pages[p] = HPDF_AddPage(w.pdf);
		HPDF_Page_SetWidth(w.pages[p], (HPDF_REAL)L->th->page_w);
		HPDF_Page_SetHeight(w.pages[p], (HPDF_REAL)L->th->page_h);
		w.fill = w.stroke = 0xFFFFFFFFu;
		w.lw = -1;
		w.size = -1;
		S_ops(&w, p, L->frame.ops + pg->fop0, pg->fnops);
		S_ops(&w, p, L->pops + pg->op0, pg->nops);
		if (err.no)
			break;
	}
	if (err.no == 0) {
		S_links(&w);
		S_outline(&w);
	}
	if (err.no == 0 && HPDF_SaveToStream(w.pdf) == HPDF_OK) {
		size = HPDF_GetStreamSize(w.pdf);
		buf_grow(out, size + 1);
		HPDF_ReadFromStream(w.pdf, (HPDF_BYTE *)out->data + out->len,
		    &size);
		out->len += size;
		out->data[out->len] = '\0';
	}
	if (err.no) {
		out->len = base;
		if (out->data)
			out->data[base] = '\0';
		if (retry && err.no == HPDF_INVALID_OBJECT) {
			*retry = 1;
			goto out;
		}
		diag_at(d, DIAG_FATAL, NULL, 0, 0, "PDF: libharu error 0x%04X "
		    "(detail %u)", (unsigned)err.no, (unsigned)err.detail);
		goto out;
	}
	rc = 0;
out:
	for (i = 0; i < w.nlinks; i++)
		free(w.links[i].owned);
	free(w.links);
	free(w.imgs);
	free(w.pages);
	HPDF_Free(w.pdf);
	return rc;
}
