/*
 * write.c — the PDF backend's output layer: draws the pages of a finished
 * layout (layout.h) with pdfw.c.  Text runs go out one Td + Tj each
 * inside as few text objects as possible (font, colour, character
 * spacing and synthetic bold set only when they change); then rules,
 * rectangles, PNG images, charts (chart.c), link annotations (internal to
 * an anchor's page and position, or URI), the bookmarks (h1/h2, UTF-8
 * titles) and the document information.  No creation date unless one is
 * given (SOURCE_DATE_EPOCH), so the same input gives the same bytes.
 *
 * Tagged: the layout's structure elements (L->se) become the PDF's, in
 * the same order; each op's content is marked with its element (BDC with
 * an MCID) or as an artifact (element 0: rules, leaders, backgrounds,
 * repeated table headers; the running header and footer as pagination
 * artifacts).  A marked-content sequence never straddles a text object:
 * one begun inside BT ends before ET, one begun outside stays open
 * across text objects.  Untagged (--no-pdf-tags): no element declared,
 * nothing marked, links without an OBJR; the layout's element list is
 * made all the same (an array of 16-byte records) and left unused.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "../util/util.h"
#include "../doc/doc.h"
#include "chart.h"
#include "pdf_int.h"
#include "pdfw.h"

struct S_w {
	struct diag	*d;
	int		 failed;	/* an image could not be read */
	struct pdfw	*pw;
	struct pdfc	*c;		/* the page being drawn */
	struct lay	*L;
	struct pdf_fonts *fs;
	int		 hf[FACE__MAX];	/* font numbers; -1: none */
	double		 ph;		/* page height */
	/* text state */
	int		 intext, face, synth;
	double		 size, cs, lw;
	uint32_t	 fill, stroke;
	/* marked content: MC_NONE, MC_ART, MC_PAG or the element + 1 */
	long		 mc;
	int		 mc_text;	/* begun inside BT */
	int		 tags;		/* tagged (not --no-pdf-tags) */
	/* the org chart being drawn: its sheets and their pages */
	const struct doc_node *orgn;
	struct og_chart	 og;
	int		*orgpages;
};

#define MC_NONE		(-1)
#define MC_ART		0
#define MC_PAG		(-2)

static void
S_rgb_fill(struct S_w *w, uint32_t c)
{
	if (w->fill == c)
		return;
	w->fill = c;
	pdfc_fill_rgb(w->c, c);
}

static void
S_rgb_stroke(struct S_w *w, uint32_t c)
{
	if (w->stroke == c)
		return;
	w->stroke = c;
	pdfc_stroke_rgb(w->c, c);
}

static void
S_line_width(struct S_w *w, double lw)
{
	if (w->lw == lw)
		return;
	w->lw = lw;
	pdfc_line_width(w->c, lw);
}

static void
S_end_text(struct S_w *w)
{
	if (!w->intext)
		return;
	if (w->mc != MC_NONE && w->mc_text) {
		pdfc_end_tag(w->c);
		w->mc = MC_NONE;
	}
	if (w->synth)
		pdfc_render(w->c, PDFC_FILL);
	/* Character spacing (Tc) is graphics state: it outlives ET and
	 * would space out every later text object (tables, charts). */
	if (w->cs != 0)
		pdfc_char_space(w->c, 0);
	pdfc_end_text(w->c);
	w->intext = 0;
	w->synth = 0;
	w->cs = 0;
	w->face = -1;
}

/* Ends the marked-content sequence open, if any. */
static void
S_mc_close(struct S_w *w)
{
	if (w->mc == MC_NONE)
		return;
	if (!w->mc_text && w->intext)
		S_end_text(w);
	pdfc_end_tag(w->c);
	w->mc = MC_NONE;
}

/* What follows is content of mc (MC_ART, MC_PAG, element + 1). */
static void
S_mark(struct S_w *w, long mc)
{
	if (w->mc == mc || !w->tags)
		return;
	S_mc_close(w);
	if (mc == MC_ART || mc == MC_PAG)
		pdfc_artifact(w->c, mc == MC_PAG);
	else
		pdfc_tag(w->c, (int)(mc - 1));
	w->mc = mc;
	w->mc_text = w->intext;
}

static void
S_text(struct S_w *w, const struct lay_op *op, long mc)
{
	const char *s = w->L->arena.data + op->str;
	int synth = w->fs->synth[op->face];

	if (op->len == 0 || w->hf[op->face] < 0)
		return;
	if (!w->intext) {
		if (w->mc != MC_NONE && w->mc != mc)
			S_mc_close(w);
		pdfc_begin_text(w->c);
		w->intext = 1;
		w->face = -1;
		w->cs = 0;
		w->synth = 0;
	}
	S_mark(w, mc);
	if (w->face < 0 || w->hf[w->face] != w->hf[op->face] ||
	    w->size != op->size) {
		pdfc_font(w->c, w->hf[op->face], op->size);
		w->face = op->face;
		w->size = op->size;
	}
	S_rgb_fill(w, op->color);
	if (synth) {
		S_rgb_stroke(w, op->color);
		S_line_width(w, op->size / 30);
	}
	if (synth != w->synth) {
		pdfc_render(w->c, synth ? PDFC_FILL_STROKE : PDFC_FILL);
		w->synth = synth;
	}
	if (w->cs != op->cs) {
		pdfc_char_space(w->c, op->cs);
		w->cs = op->cs;
	}
	pdfc_text_pos(w->c, op->x, w->ph - op->y);
	pdfc_show(w->c, w->hf[op->face], s, op->len);
}

/* A link on the current page: to an anchor "#id" or an URI; se: its
 * Link element (writer's number) or -1, contents what it says. */
static void
S_link(struct S_w *w, double l, double b, double r, double t,
    const char *target, int se, const char *contents)
{
	const struct lay_anchor *an;
	double top;

	if (contents == NULL || *contents == '\0')
		contents = target;
	if (target[0] != '#') {
		pdfw_link_uri(w->pw, l, b, r, t, target, se, contents);
		return;
	}
	an = lay_anchor_find(w->L->anch, w->L->capanch, target + 1);
	if (an == NULL || an->page < 1 || (size_t)an->page > w->L->npages)
		return;
	if ((top = w->ph - an->y + 4) > w->ph)
		top = w->ph;
	pdfw_link_page(w->pw, l, b, r, t, (size_t)an->page - 1, top, se,
	    contents);
}

/*
 * Draws image op.  Layout checked the PNG's header; a file whose image
 * data libpng cannot read is reported here, at the element, and fails
 * the document (nothing is left out silently).
 */
static void
S_image(struct S_w *w, const struct lay_op *op, double y)
{
	int img = pdfw_image(w->pw, w->L->arena.data + op->str);
	struct rb_pos pos;
	char file[1024];
	const char *src;

	if (img >= 0) {
		pdfc_image(w->c, img, op->x, y - op->h, op->w, op->h);
		return;
	}
	src = op->node ? doc_attr(op->node, "src") : NULL;
	memset(&pos, 0, sizeof(pos));
	if (op->node)
		lay_pos(op->node, &pos, file, sizeof(file));
	diag_pos(w->d, DIAG_ERROR, &pos, "cannot use image '%s': libpng "
	    "cannot read its image data", src ? src : w->L->arena.data +
	    op->str);
	w->failed = 1;
}

/*
 * Makes w->og the sheets of org chart n (laid out again, as the layout
 * did, w wide and maxh high: the tree may be a copy) and w->orgpages the
 * page of each sheet, from the pages' chart ops.
 */
static void
S_org(struct S_w *w, const struct doc_node *n, double wd, double maxh)
{
	const struct lay *L = w->L;
	size_t p, k;

	if (w->orgn == n)
		return;
	og_free(&w->og);
	free(w->orgpages);
	w->orgn = n;
	chart_org_layout(&w->og, w->fs->f[FACE_BODY], n, wd, maxh);
	w->orgpages = xcalloc(w->og.nsheet + 1, sizeof(*w->orgpages));
	for (p = 0; p < L->npages; p++)
		for (k = L->pages[p].op0; k < L->pages[p].op0 +
		    L->pages[p].nops; k++)
			if (L->pops[k].kind == LOP_CHART &&
			    L->pops[k].node == n &&
			    L->pops[k].len < w->og.nsheet)
				w->orgpages[L->pops[k].len] = (int)p + 1;
}

/* The writer's number of layout element se (0: none). */
#define S_WSE(se)	((int)(se) - 1)

/* Draws ops[0..n) on the current page; bookmarks of page p.  frame: the
 * running header and footer. */
static void
S_ops(struct S_w *w, size_t p, const struct lay_op *ops, size_t n,
    int frame)
{
	const char *ar = w->L->arena.data;
	const struct lay_se *se = w->L->se;
	size_t k;

	for (k = 0; k < n; k++) {
		const struct lay_op *op = &ops[k];
		double y = w->ph - op->y;
		long mc = frame ? MC_PAG : (long)op->se;

		if (op->kind == LOP_TEXT) {
			S_text(w, op, mc);
			continue;
		}
		if (op->kind != LOP_LINK && op->kind != LOP_ANCHOR &&
		    op->kind != LOP_OUTLINE && op->kind != LOP_PAGENO &&
		    op->kind != LOP_MARK) {
			S_end_text(w);
			S_mark(w, mc);
		}
		switch (op->kind) {
		case LOP_LINE:
			S_end_text(w);
			S_line_width(w, op->size);
			S_rgb_stroke(w, op->color);
			pdfc_move(w->c, op->x, y);
			pdfc_line(w->c, op->x + op->w, y - op->h);
			pdfc_stroke(w->c);
			break;
		case LOP_RECT:
			S_end_text(w);
			S_rgb_fill(w, op->color);
			pdfc_rect(w->c, op->x, y - op->h, op->w, op->h);
			pdfc_fill(w->c);
			break;
		case LOP_FRAME:
			S_end_text(w);
			S_line_width(w, op->size);
			S_rgb_stroke(w, op->color);
			pdfc_rect(w->c, op->x, y - op->h, op->w, op->h);
			pdfc_stroke(w->c);
			break;
		case LOP_IMAGE:
			S_end_text(w);
			S_image(w, op, y);
			break;
		case LOP_LINK: {
			int lk = w->tags && !frame && op->se &&
			    se[op->se].type == SE_LINK;

			S_link(w, op->x, y - op->h, op->x + op->w, y,
			    ar + op->str, lk ? S_WSE(op->se) : -1, lk ?
			    ar + se[op->se].alt : NULL);
			break;
		}
		case LOP_OUTLINE: {
			double top = w->ph - op->y + 4;

			if (op->len == 0)
				break;
			pdfw_outline(w->pw, op->level, ar + op->str, p,
			    top > w->ph ? w->ph : top);
			break;
		}
		case LOP_CHART: {
			struct chart_links cl;
			size_t i;

			S_end_text(w);
			memset(&cl, 0, sizeof(cl));
			if (op->str == UINT32_MAX)
				chart_draw(w->c, w->fs->f[FACE_BODY],
				    w->hf[FACE_BODY], op->node, op->x, y,
				    op->w);
			else {
				S_org(w, op->node, op->w, op->size);
				if (op->len < w->og.nsheet)
					chart_org_draw(w->c,
					    w->fs->f[FACE_BODY],
					    w->hf[FACE_BODY], &w->og, op->len,
					    w->orgpages, op->x, y, op->w, &cl);
			}
			/* a box's link: a Link beside the Figure */
			for (i = 0; i < cl.n; i++)
				S_link(w, cl.v[i].left, cl.v[i].bottom,
				    cl.v[i].right, cl.v[i].top, cl.v[i].href,
				    w->tags && op->se ? pdfw_se(w->pw, "Link",
				    S_WSE(se[op->se].parent), NULL, 0) : -1,
				    cl.v[i].label);
			chart_links_free(&cl);
			/* chart_draw changed the graphics state */
			w->fill = w->stroke = 0xFFFFFFFFu;
			w->lw = -1;
			break;
		}
		case LOP_MARK:
			if (w->tags && op->se && !frame)
				pdfw_se_empty(w->pw, S_WSE(op->se));
			break;
		default:
			break;
		}
	}
	S_end_text(w);
}

/* Records every character of the text ops with its font. */
static void
S_use(struct S_w *w, const struct lay_op *ops, size_t n)
{
	const struct doc_node *last = NULL;
	size_t k;

	for (k = 0; k < n; k++) {
		if (ops[k].kind == LOP_TEXT)
			font_use_utf8(w->fs->f[ops[k].face],
			    w->L->arena.data + ops[k].str, ops[k].len);
		else if (ops[k].kind == LOP_CHART && ops[k].node != last) {
			/* again after a reset (layout reported any problem);
			 * once for the sheets of an org chart */
			struct diag q;

			last = ops[k].node;
			diag_init(&q);
			chart_prepare(&q, w->fs->f[FACE_BODY], ops[k].node);
			diag_free(&q);
		}
	}
}

static void
S_info(struct S_w *w, const struct doc_node *root, long long date)
{
	const char *v;

	if ((v = doc_attr(root, "title")) != NULL && *v)
		pdfw_info(w->pw, "Title", v);
	if ((v = doc_attr(root, "data-author")) != NULL && *v)
		pdfw_info(w->pw, "Author", v);
	if ((v = doc_attr(root, "data-subject")) != NULL && *v)
		pdfw_info(w->pw, "Subject", v);
	pdfw_info(w->pw, "Creator", "rolebook");
	/* the document's language; Chinese unless it says otherwise (as
	 * the HTML backend's default) */
	if ((v = doc_attr(root, "lang")) == NULL || *v == '\0')
		v = "zh-CN";
	pdfw_lang(w->pw, v);
	if (date >= 0)
		pdfw_info_date(w->pw, date);
}

int
pdf_write(struct diag *d, struct lay *L, struct pdf_fonts *fs,
    const struct doc_node *root, long long date, int pdfa, int untagged,
    struct buf *out)
{
	struct S_w w;
	size_t p, i, base = out->len;

	memset(&w, 0, sizeof(w));
	w.d = d;
	w.L = L;
	w.fs = fs;
	w.ph = L->th->page_h;
	w.tags = !untagged;
	for (i = 0; i < FACE__MAX; i++)
		w.hf[i] = -1;
	w.pw = pdfw_new(out, L->npages);
	if (pdfa) {
		char *icc;
		size_t len;

		if (file_read(PDF_SRGB_ICC, 1 << 20, &icc, &len) == -1) {
			diag_at(d, DIAG_FATAL, PDF_SRGB_ICC, 0, 0, "--pdf-a "
			    "needs this sRGB ICC profile (Debian package "
			    "icc-profiles-free): %s", strerror(errno));
			pdfw_free(w.pw);
			out->len = base;
			if (out->data)
				out->data[base] = '\0';
			return -1;
		}
		pdfw_pdfa(w.pw, icc, len);
		free(icc);
	}
	/* fonts: subsets of exactly the characters drawn */
	S_use(&w, L->pops, L->npops);
	S_use(&w, L->frame.ops, L->frame.nops);
	for (i = 0; i < FACE__MAX; i++) {
		int o = fs->owner[i];

		if (o != (int)i)
			continue;
		if (font_nused(fs->f[i]) == 0 && i != FACE_BODY)
			continue;
		if ((w.hf[i] = pdfw_font(w.pw, d, fs->f[i])) < 0) {
			pdfw_free(w.pw);
			out->len = base;
			if (out->data)
				out->data[base] = '\0';
			return -1;
		}
	}
	for (i = 0; i < FACE__MAX; i++)
		if (fs->owner[i] != (int)i)
			w.hf[i] = w.hf[fs->owner[i]];
	S_info(&w, root, date);
	/* the structure elements, parents first (layout order) */
	for (i = 1; w.tags && i < L->nse; i++) {
		const struct lay_se *e = &L->se[i];

		int x = pdfw_se(w.pw, lay_se_name[e->type], S_WSE(e->parent),
		    e->type == SE_FIGURE ? L->arena.data + e->alt : NULL,
		    e->scope);

		if ((e->type == SE_TD || e->type == SE_TH) &&
		    (e->colspan > 1 || e->rowspan > 1))
			pdfw_se_span(w.pw, x, (int)e->colspan, (int)e->rowspan);
	}
	for (p = 0; p < L->npages; p++) {
		const struct lay_page *pg = &L->pages[p];

		w.c = pdfw_page_begin(w.pw, p, L->th->page_w, L->th->page_h);
		w.fill = w.stroke = 0xFFFFFFFFu;
		w.lw = -1;
		w.size = -1;
		w.face = -1;
		w.mc = MC_NONE;
		/* the body first: the running header and footer come last
		 * in the content too, for tools that read it in order */
		/* (no offset on a NULL array: a page of a document without
		 * running header and footer has no frame ops at all) */
		if (pg->nops > 0)
			S_ops(&w, p, L->pops + pg->op0, pg->nops, 0);
		if (pg->fnops > 0)
			S_ops(&w, p, L->frame.ops + pg->fop0, pg->fnops, 1);
		S_end_text(&w);
		S_mc_close(&w);
		pdfw_page_end(w.pw);
	}
	pdfw_finish(w.pw);
	og_free(&w.og);
	free(w.orgpages);
	if (w.failed) {
		out->len = base;
		if (out->data)
			out->data[base] = '\0';
		return -1;
	}
	return 0;
}
