/*
 * layout_page.c — pagination for the PDF layout layer: places the items of
 * the document's vertical list on pages, top to bottom.  When an item does
 * not fit, the page ends at the last legal break on it: never after an item
 * marked ITF_KEEP (headings with what follows, the first and next-to-last
 * lines of a paragraph, table header rows, rows joined by a rowspan).  Glue
 * at the top of a page is dropped; a table continued on a new page gets its
 * header rows again; a row taller than a page is split between the lines of
 * its cells as a last resort.  Then page numbers of the table of contents
 * are filled in, anchors recorded, and the running header and footer made.
 * Writes the layout dump when asked.  Internal to src/pdf (layout.h).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "layout.h"

#define S_EPS	0.01

struct S_rec {
	size_t		 item;		/* index in the main list */
	size_t		 npops;		/* page ops before it */
	size_t		 dumplen;	/* dump length before it */
	double		 y;		/* y before it */
	int		 content;	/* not glue, not a repeated header */
};

struct S_pg {
	struct lay	*L;
	double		 left, top, avail;
	double		 y;		/* used height of the current page */
	struct S_rec	*rec;
	size_t		 nrec, caprec;
	int		 open;		/* a page has been started */
	size_t		 dumpopen;	/* dump length at the page's start */
	size_t		 released;	/* rows before it were freed */
	int		 repeat;	/* placing a repeated table header:
					   its ops are artifacts */
};

static const char *const S_brk_name[] = {
	"end", "allow", "must", "overflow", "kinsoku-shift", "lone-pull"
};

/* Ops item it puts on a page (cell backgrounds and frames included). */
static size_t
S_count_ops(const struct lay_item *it)
{
	size_t n = it->nops, c, k;

	if (it->row)
		for (c = 0; c < it->row->ncells; c++) {
			n += 3;	/* background, frame, an empty cell's mark */
			for (k = 0; k < it->row->cells[c].vl.n; k++)
				n += S_count_ops(&it->row->cells[c].vl.it[k]);
		}
	return n;
}

static struct lay_op *
S_pop(struct lay *L)
{
	if (L->npops == L->cappops) {
		/* grow by half: the first size is close (S_count_ops) */
		L->cappops = L->cappops ? L->cappops + L->cappops / 2 : 1024;
		L->pops = xreallocarray(L->pops, L->cappops,
		    sizeof(*L->pops));
	}
	return &L->pops[L->npops++];
}

/* Appends s to the dump, quoted. */
static void
S_dump_quoted(struct buf *b, const char *s, size_t n)
{
	size_t i;

	buf_putc(b, '"');
	for (i = 0; i < n; i++) {
		if (s[i] == '"' || s[i] == '\\')
			buf_putc(b, '\\');
		if (s[i] == '\n')
			BUF_PUTSL(b, "\\n");
		else
			buf_putc(b, s[i]);
	}
	buf_putc(b, '"');
}

static void
S_indent(struct buf *b, int depth)
{
	int i;

	for (i = 0; i < depth; i++)
		BUF_PUTSL(b, "  ");
}

/* Path line h of an org chart's sheet: at the top (y < 0), its part
 * and manager end the sheet's line, else a line of their own with y. */
static void
S_dump_head(struct buf *b, const struct og_chart *og,
    const struct og_head *h, int depth, double y)
{
	const char *l;
	size_t i;

	if (y >= 0) {
		S_indent(b, depth);
		buf_printf(b, "path y=%.2f", y);
	}
	if (h->part)
		buf_printf(b, " part=%d", h->part);
	if (h->pref != OG_NONE)
		buf_printf(b, " manager-on=%zu", h->pref + 1);
	if (y < 0) {
		buf_putc(b, '\n');
		if (h->npath == 0)
			return;
		S_indent(b, depth);
		BUF_PUTSL(b, "path");
	}
	for (i = 0; i < h->npath; i++) {
		l = doc_attr(og->path[h->path0 + i], "label");
		buf_putc(b, ' ');
		S_dump_quoted(b, l ? l : "", l ? strlen(l) : 0);
	}
	buf_putc(b, '\n');
}

/* The boxes of an org chart's sheet drawn by op at (ox, oy): page
 * coordinates as chart_org_draw() places them (centred, margin m). */
static void
S_dump_org(struct lay *L, const struct lay_op *op, double ox, double oy,
    int depth)
{
	const struct og_chart *og = &L->orgs[op->str];
	const struct og_sheet *s = &og->sheet[op->len];
	double m = (op->h - s->h) / 2, x0 = ox + op->x + (op->w - s->w) / 2,
	    y0 = oy + m;
	struct buf *b = L->dump;
	const char *l;
	size_t i, k;

	S_indent(b, depth);
	buf_printf(b, "orgsheet %u/%zu x=%.2f y=%.2f w=%.2f h=%.2f",
	    (unsigned)op->len + 1, og->nsheet, x0, y0, s->w, s->h);
	/* a path line at the top: its part and manager on the sheet's line;
	 * those below on theirs, with their place */
	k = s->head0;
	if (s->nhead > 0 && og->head[k].y == 0) {
		S_dump_head(b, og, &og->head[k++], depth + 1, -1);
	} else
		buf_putc(b, '\n');
	for (; k < s->head0 + s->nhead; k++)
		S_dump_head(b, og, &og->head[k], depth + 1, y0 + og->head[k].y);
	for (i = s->box0; i < s->box0 + s->nbox; i++) {
		const struct og_box *bx = &og->box[i];

		l = doc_attr(bx->n, "label");
		S_indent(b, depth + 1);
		buf_printf(b, "node x=%.2f y=%.2f w=%.2f h=%.2f ", x0 + bx->x,
		    y0 + bx->y, bx->w, bx->h);
		S_dump_quoted(b, l ? l : "", l ? strlen(l) : 0);
		if (bx->kind == OG_STUB)
			buf_printf(b, " stub continued=%zu", bx->ref + 1);
		buf_putc(b, '\n');
	}
}

/* The dump line of an item at absolute (ox, oy); ops from vl. */
static void
S_dump_item(struct lay *L, const struct lay_vlist *vl,
    const struct lay_item *it, double ox, double oy, int depth,
    const char *note)
{
	struct buf *b = L->dump;
	size_t k;

	S_indent(b, depth);
	switch (it->kind) {
	case IT_LINE:
		buf_printf(b, "line %s", doc_tag_name[it->tag]);
		if (it->lineno)
			buf_printf(b, ".%d", it->lineno);
		break;
	case IT_BOX:
		buf_printf(b, "box %s", doc_tag_name[it->tag]);
		break;
	case IT_ROW:
		buf_printf(b, "row table=%d", it->tbl + 1);
		if (it->flags & ITF_HEADER)
			BUF_PUTSL(b, " header");
		break;
	default:
		buf_printf(b, "glue");
		break;
	}
	if (note)
		buf_printf(b, " %s", note);
	buf_printf(b, " x=%.2f y=%.2f w=%.2f h=%.2f", ox + it->x, oy, it->w,
	    it->h);
	if (it->kind == IT_LINE) {
		const char *marker = NULL, *pageno = NULL;

		for (k = it->op0; k < it->op0 + it->nops; k++) {
			const struct lay_op *op = &vl->ops[k];

			if (op->kind == LOP_TEXT && (op->flags & LOPF_MARKER)) {
				if (op->str < L->arena.len &&
				    L->arena.data[op->str] != '.')
					marker = L->arena.data + op->str;
			} else if (op->kind == LOP_PAGENO)
				pageno = L->arena.data + op->str;
		}
		buf_printf(b, " \"%s\"", L->arena.data + it->dstr);
		buf_printf(b, " break=%s", S_brk_name[it->brk]);
		if (marker)
			buf_printf(b, " marker=\"%s\"", marker);
		if (pageno)
			buf_printf(b, " page-of=#%s", pageno);
	}
	buf_putc(b, '\n');
	for (k = it->op0; k < it->op0 + it->nops; k++) {
		const struct lay_op *op = &vl->ops[k];

		if (op->kind == LOP_ANCHOR) {
			S_indent(b, depth + 1);
			buf_printf(b, "anchor #%s\n", L->arena.data + op->str);
		} else if (op->kind == LOP_OUTLINE) {
			S_indent(b, depth + 1);
			buf_printf(b, "outline %d ", op->level + 1);
			S_dump_quoted(b, L->arena.data + op->str, op->len);
			buf_putc(b, '\n');
		} else if (op->kind == LOP_LINK && it->kind == IT_LINE) {
			S_indent(b, depth + 1);
			buf_printf(b, "link %s x=%.2f w=%.2f\n",
			    L->arena.data + op->str, ox + op->x, op->w);
		} else if (op->kind == LOP_IMAGE) {
			S_indent(b, depth + 1);
			buf_printf(b, "image %s w=%.2f h=%.2f\n",
			    L->arena.data + op->str, op->w, op->h);
		} else if (op->kind == LOP_CHART && op->str != UINT32_MAX) {
			S_dump_org(L, op, ox, oy, depth + 1);
		} else if (op->kind == LOP_CHART && L->fonts->chart_dump) {
			struct buf in = BUF_INIT;

			S_indent(&in, depth + 1);
			buf_putc(&in, '\0');
			L->fonts->chart_dump(L->fonts->ctx, op->node, op->w, b,
			    in.data);
			buf_free(&in);
		} else if (op->kind == LOP_TEXT && it->kind == IT_BOX) {
			S_indent(b, depth + 1);
			buf_printf(b, "text x=%.2f ", ox + op->x);
			S_dump_quoted(b, L->arena.data + op->str, op->len);
			buf_putc(b, '\n');
		}
	}
}

/* Copies the ops of item it (from vl) to the page at origin (ox, oy). */
static void
S_emit(struct S_pg *pg, const struct lay_vlist *vl,
    const struct lay_item *it, double ox, double oy, int depth,
    const char *note);

/* Does vl hold a row (a table in a cell), whose cells have the ops? */
static int
S_has_row(const struct lay_vlist *vl)
{
	size_t k;

	for (k = 0; k < vl->n; k++)
		if (vl->it[k].row != NULL)
			return 1;
	return 0;
}

static void
S_emit_row(struct S_pg *pg, const struct lay_row *row, double ox,
    double oy, int depth)
{
	struct lay *L = pg->L;
	struct lay_op *op;
	size_t c, k;

	for (c = 0; c < row->ncells; c++) {
		const struct lay_cell *lc = &row->cells[c];
		double y = oy + lc->pad;

		if (lc->bg != LAY_NONE) {
			op = S_pop(L);
			memset(op, 0, sizeof(*op));
			op->kind = LOP_RECT;
			op->x = ox + lc->x;
			op->y = oy;
			op->w = lc->w;
			op->h = lc->h;
			op->color = lc->bg;
		}
		if (L->dump) {
			S_indent(L->dump, depth);
			buf_printf(L->dump, "cell %zu x=%.2f y=%.2f w=%.2f "
			    "h=%.2f\n", c + 1, ox + lc->x, oy, lc->w, lc->h);
		}
		/* an empty cell is still a TD or TH, or the cells after it
		 * would read as under the wrong column headers */
		if (lc->vl.se != 0 && lc->vl.nops == 0 && !pg->repeat &&
		    !S_has_row(&lc->vl)) {
			op = S_pop(L);
			memset(op, 0, sizeof(*op));
			op->kind = LOP_MARK;
			op->x = ox + lc->x;
			op->y = oy;
			op->se = lc->vl.se;
		}
		for (k = 0; k < lc->vl.n; k++) {
			S_emit(pg, &lc->vl, &lc->vl.it[k],
			    ox + lc->x + lc->pad, y, depth + 1, NULL);
			y += lc->vl.it[k].h;
		}
	}
	for (c = 0; c < row->ncells; c++) {
		const struct lay_cell *lc = &row->cells[c];

		op = S_pop(L);
		memset(op, 0, sizeof(*op));
		op->kind = LOP_FRAME;
		op->x = ox + lc->x;
		op->y = oy;
		op->w = lc->w;
		op->h = lc->h;
		op->size = row->bw;
		op->color = row->bc;
	}
}

static void
S_emit(struct S_pg *pg, const struct lay_vlist *vl,
    const struct lay_item *it, double ox, double oy, int depth,
    const char *note)
{
	struct lay *L = pg->L;
	size_t k;

	if (L->dump && it->kind != IT_GLUE)
		S_dump_item(L, vl, it, ox, oy, depth, note);
	for (k = it->op0; k < it->op0 + it->nops; k++) {
		struct lay_op *op = S_pop(L);

		*op = vl->ops[k];
		op->x += ox;
		op->y += oy;
		if (pg->repeat)
			op->se = 0;
	}
	if (it->kind == IT_ROW)
		S_emit_row(pg, it->row, ox, oy, depth + 1);
}

static void
S_rec_push(struct S_pg *pg, size_t item, int content)
{
	struct S_rec *r;

	if (pg->nrec == pg->caprec) {
		pg->caprec = pg->caprec ? pg->caprec * 2 : 64;
		pg->rec = xreallocarray(pg->rec, pg->caprec, sizeof(*r));
	}
	r = &pg->rec[pg->nrec++];
	r->item = item;
	r->npops = pg->L->npops;
	r->dumplen = pg->L->dump ? pg->L->dump->len : 0;
	r->y = pg->y;
	r->content = content;
}

/* Places item i of the main list at the current y. */
static void
S_place(struct S_pg *pg, size_t i, int content, const char *note)
{
	struct lay *L = pg->L;
	const struct lay_item *it = &L->main.it[i];

	char buf[32];

	if (note == NULL && it->kind == IT_ROW && it->row->part > 1) {
		snprintf(buf, sizeof(buf), "split=%d", it->row->part);
		note = buf;
	}
	S_rec_push(pg, i, content);
	S_emit(pg, &L->main, it, pg->left, pg->top + pg->y, 1, note);
	pg->y += it->h;
}

/* Ends the current page: records its anchors. */
static void
S_close_page(struct S_pg *pg)
{
	struct lay *L = pg->L;
	struct lay_page *p;
	size_t k;

	if (!pg->open)
		return;
	p = &L->pages[L->npages - 1];
	p->nops = L->npops - p->op0;
	for (k = p->op0; k < L->npops; k++)
		if (L->pops[k].kind == LOP_ANCHOR)
			lay_anchor_set(L, L->arena.data + L->pops[k].str,
			    (int)L->npages, L->pops[k].y);
	pg->open = 0;
}

static int
S_has_content(const struct S_pg *pg)
{
	size_t k;

	for (k = 0; k < pg->nrec; k++)
		if (pg->rec[k].content)
			return 1;
	return 0;
}

/* Starts a page; before item next, repeats a continued table's header. */
static void
S_open_page(struct S_pg *pg, size_t next)
{
	struct lay *L = pg->L;
	struct lay_page *p;
	const struct lay_item *it;

	S_close_page(pg);
	/* rows before next are on closed pages for good: their cells'
	 * contents are copied there (header rows stay for repeating) */
	for (; pg->released < next && pg->released < L->main.n;
	    pg->released++) {
		struct lay_item *ri = &L->main.it[pg->released];
		size_t c;

		if (ri->row == NULL || (ri->flags & ITF_HEADER))
			continue;
		for (c = 0; c < ri->row->ncells; c++)
			lay_vlist_free(&ri->row->cells[c].vl);
		free(ri->row->cells);
		free(ri->row);
		ri->row = NULL;
	}
	if (L->npages == L->cappages) {
		L->cappages = L->cappages ? L->cappages * 2 : 64;
		L->pages = xreallocarray(L->pages, L->cappages,
		    sizeof(*L->pages));
	}
	p = &L->pages[L->npages++];
	memset(p, 0, sizeof(*p));
	p->op0 = L->npops;
	pg->open = 1;
	pg->y = 0;
	pg->nrec = 0;
	pg->dumpopen = L->dump ? L->dump->len : 0;
	if (L->dump)
		buf_printf(L->dump, "page %zu\n", L->npages);
	if (next == 0 || next >= L->main.n)
		return;
	it = &L->main.it[next];
	if (it->kind == IT_ROW && !(it->flags & ITF_HEADER) &&
	    L->main.it[next - 1].kind == IT_ROW &&
	    L->main.it[next - 1].tbl == it->tbl) {
		size_t h, n = L->nhdr[it->tbl];

		pg->repeat = 1;
		for (h = L->hdr[it->tbl]; n > 0; h++, n--)
			S_place(pg, h, 0, "repeat");
		pg->repeat = 0;
	}
}

/* Room on a new page before item i (less a repeated table header). */
static double
S_fresh_room(const struct S_pg *pg, size_t i)
{
	const struct lay *L = pg->L;
	const struct lay_item *it = &L->main.it[i];
	double room = pg->avail;
	size_t h, n;

	if (it->kind == IT_ROW && !(it->flags & ITF_HEADER) && i > 0 &&
	    L->main.it[i - 1].kind == IT_ROW &&
	    L->main.it[i - 1].tbl == it->tbl)
		for (h = L->hdr[it->tbl], n = L->nhdr[it->tbl]; n > 0;
		    h++, n--)
			room -= L->main.it[h].h;
	return room;
}

/* Backs out of the current page to just before rec k. */
static void
S_backtrack(struct S_pg *pg, size_t k)
{
	struct lay *L = pg->L;

	L->npops = pg->rec[k].npops;
	if (L->dump) {
		L->dump->len = pg->rec[k].dumplen;
		L->dump->data[L->dump->len] = '\0';
	}
	pg->y = pg->rec[k].y;
	pg->nrec = k;
}

/*
 * The last legal break before an item on this page (a rec index), or -1:
 * not after a kept item, and leaving content on the page.
 */
static long
S_break_at(const struct S_pg *pg, size_t i)
{
	const struct lay *L = pg->L;
	size_t k, before = 0;
	int seen = 0;

	/* break before i itself */
	for (k = 0; k < pg->nrec; k++)
		if (pg->rec[k].content)
			seen = 1;
	if (seen && !(L->main.it[i - 1].flags & ITF_KEEP))
		return (long)pg->nrec;
	for (k = pg->nrec; k-- > 1;) {
		size_t j, item = pg->rec[k].item;

		if (!pg->rec[k].content && L->main.it[item].kind != IT_GLUE)
			continue;	/* a repeated header */
		if (L->main.it[item - 1].flags & ITF_KEEP)
			continue;
		for (j = 0, seen = 0; j < k; j++)
			if (pg->rec[j].content)
				seen = 1;
		if (seen) {
			before = k;
			return (long)before;
		}
	}
	return -1;
}

/*
 * Splits the row of item it so that its first part is at most room high:
 * returns that part (a new row) and leaves the rest in it; NULL when no
 * line of any cell fits.
 */
static struct lay_row *
S_split_row(struct lay_item *it, double room, double *h1)
{
	struct lay_row *row = it->row, *a;
	size_t c, k, j;
	double maxa = 0, maxb = 0;
	int any = 0;

	for (c = 0; c < row->ncells; c++) {
		const struct lay_cell *lc = &row->cells[c];
		double used = 0;

		for (k = 0; k < lc->vl.n; k++) {
			if (used + lc->vl.it[k].h > room - 2 * lc->pad + S_EPS)
				break;
			used += lc->vl.it[k].h;
		}
		if (k > 0)
			any = 1;
	}
	if (!any)
		return NULL;
	a = xcalloc(1, sizeof(*a));
	*a = *row;
	a->cells = xcalloc(row->ncells, sizeof(*a->cells));
	a->part = row->part ? row->part : 1;
	row->part = a->part + 1;
	for (c = 0; c < row->ncells; c++) {
		struct lay_cell *lc = &row->cells[c], *ac = &a->cells[c];
		struct lay_vlist rest;
		double used = 0, left = 0;

		*ac = *lc;
		memset(&ac->vl, 0, sizeof(ac->vl));
		memset(&rest, 0, sizeof(rest));
		ac->vl.se = lc->vl.se;	/* an empty cell marked once, here */
		for (k = 0; k < lc->vl.n; k++) {
			const struct lay_item *src = &lc->vl.it[k];
			struct lay_vlist *dst;
			struct lay_item *ni;

			if (used + src->h > room - 2 * lc->pad + S_EPS ||
			    rest.n > 0) {
				if (rest.n == 0 && src->kind == IT_GLUE)
					continue;
				dst = &rest;
				left += src->h;
			} else {
				dst = &ac->vl;
				used += src->h;
			}
			ni = lay_item_new(dst, (enum lay_itk)src->kind, src->h);
			*ni = *src;
			ni->op0 = dst->nops;
			for (j = src->op0; j < src->op0 + src->nops; j++)
				*lay_op_new(dst, LOP_TEXT) = lc->vl.ops[j];
			if (src->row)	/* moved to the copy */
				lc->vl.it[k].row = NULL;
		}
		lay_vlist_free(&lc->vl);
		lc->vl = rest;
		if (used + 2 * lc->pad > maxa)
			maxa = used + 2 * lc->pad;
		if (left + 2 * lc->pad > maxb)
			maxb = left + 2 * lc->pad;
	}
	if (maxb < row->cells[0].pad * 2 + 1)
		maxb = row->cells[0].pad * 2 + 1;
	for (c = 0; c < row->ncells; c++) {
		a->cells[c].h = maxa;
		row->cells[c].h = maxb;
	}
	it->h = maxb;
	*h1 = maxa;
	return a;
}

/* Places the first part of a split row (not in the main list). */
static void
S_place_part(struct S_pg *pg, size_t i, struct lay_row *a, double h)
{
	struct lay *L = pg->L;
	struct lay_item tmp = L->main.it[i];
	char note[32];

	tmp.row = a;
	tmp.h = h;
	tmp.nops = 0;
	S_rec_push(pg, i, 1);
	snprintf(note, sizeof(note), "split=%d", a->part);
	S_emit(pg, &L->main, &tmp, pg->left, pg->top + pg->y, 1, note);
	pg->y += h;
	/* the part's cells are freed now: its ops are on the page */
	{
		size_t c;

		for (c = 0; c < a->ncells; c++)
			lay_vlist_free(&a->cells[c].vl);
		free(a->cells);
		free(a);
	}
}

/* Resolves LOP_PAGENO ops into right-aligned text. */
static void
S_resolve_pagenos(struct lay *L)
{
	size_t k;
	char num[16];

	for (k = 0; k < L->npops; k++) {
		struct lay_op *op = &L->pops[k];
		const struct lay_anchor *a;
		double w = 0;
		size_t i;

		if (op->kind != LOP_PAGENO)
			continue;
		a = lay_anchor_find(L->anch, L->capanch,
		    L->arena.data + op->str);
		snprintf(num, sizeof(num), "%d", a ? a->page : 0);
		for (i = 0; num[i]; i++)
			w += lay_adv(L, op->face, (unsigned char)num[i],
			    op->size);
		op->kind = LOP_TEXT;
		op->x -= w;
		op->w = w;
		op->cs = 0;
		op->len = (uint32_t)strlen(num);
		op->str = lay_str(L, num, op->len);
	}
}

/* A text op in the frame list; shrinks the size to fit maxw. */
static double
S_frame_text(struct lay *L, const char *s, double x, double y, double maxw,
    int right)
{
	struct lay_op *op;
	double w, size = L->th->size_header;

	lay_text_width_check(L, L->root, FACE_BODY, s, strlen(s), size, &w);
	if (w > maxw && w > 0) {
		size = size * maxw / w;
		w = maxw;
	}
	op = lay_op_new(&L->frame, LOP_TEXT);
	op->face = FACE_BODY;
	op->size = size;
	op->color = L->th->color_muted;
	op->x = right ? x - w : x;
	op->y = y;
	op->w = w;
	op->len = (uint32_t)strlen(s);
	op->str = lay_str(L, s, op->len);
	return w;
}

/* Running header (not on a cover, nor above a document's own header on
 * its first page) and footer with page X of Y (not on a cover). */
static void
S_frame(struct lay *L)
{
	const struct pdf_theme *th = L->th;
	const char *header = doc_attr(L->root, "data-header");
	const char *footer = doc_attr(L->root, "data-footer");
	double left = th->margin_left, right = th->page_w - th->margin_right;
	double sz = th->size_header, w, fy;
	size_t p;
	char num[96];
	struct lay_op *op;

	for (p = 0; p < L->npages; p++) {
		struct lay_page *pg = &L->pages[p];

		pg->fop0 = L->frame.nops;
		if (p == 0 && L->cover) {
			pg->fnops = 0;
			continue;
		}
		/* a document opening with its own <header> (a role sheet)
		 * has no running header above it */
		if (header && *header && !(p == 0 && L->ownhead)) {
			S_frame_text(L, header, left, th->margin_top - sz * 1.6,
			    right - left, 0);
			op = lay_op_new(&L->frame, LOP_LINE);
			op->x = left;
			op->y = th->margin_top - sz;
			op->w = right - left;
			op->size = 0.5;
			op->color = th->color_rule;
		}
		fy = th->page_h - th->margin_bottom + sz * 2.6;
		op = lay_op_new(&L->frame, LOP_LINE);
		op->x = left;
		op->y = fy - sz * 1.6;
		op->w = right - left;
		op->size = 0.5;
		op->color = th->color_rule;
		snprintf(num, sizeof(num), "\xe7\xac\xac %zu \xe9\xa1\xb5 / "
		    "\xe5\x85\xb1 %zu \xe9\xa1\xb5", p + 1, L->npages);
		w = S_frame_text(L, num, right, fy, right - left, 1);
		if (footer && *footer)
			S_frame_text(L, footer, left, fy,
			    right - left - w - sz * 2, 0);
		pg->fnops = L->frame.nops - pg->fop0;
		if (L->dump) {
			size_t k;

			buf_printf(L->dump, "frame %zu", p + 1);
			for (k = pg->fop0; k < L->frame.nops; k++)
				if (L->frame.ops[k].kind == LOP_TEXT) {
					buf_putc(L->dump, ' ');
					S_dump_quoted(L->dump, L->arena.data +
					    L->frame.ops[k].str,
					    L->frame.ops[k].len);
				}
			buf_putc(L->dump, '\n');
		}
	}
}

void
page_run(struct lay *L)
{
	const struct pdf_theme *th = L->th;
	struct S_pg pg;
	size_t i = 0;
	long k;

	memset(&pg, 0, sizeof(pg));
	pg.L = L;
	{
		size_t q, n = 64;

		for (q = 0; q < L->main.n; q++)
			n += S_count_ops(&L->main.it[q]);
		n += n / 16;	/* repeated table headers */
		if (n > L->cappops) {
			L->pops = xreallocarray(L->pops, n, sizeof(*L->pops));
			L->cappops = n;
		}
	}
	pg.left = th->margin_left;
	pg.top = th->margin_top;
	pg.avail = th->page_h - th->margin_top - th->margin_bottom;
	if (L->dump)
		buf_printf(L->dump, "layout %zu items, area x=%.2f y=%.2f "
		    "w=%.2f h=%.2f\n", L->main.n, pg.left, pg.top,
		    th->page_w - th->margin_left - th->margin_right,
		    pg.avail);
	S_open_page(&pg, 0);
	while (i < L->main.n) {
		struct lay_item *it = &L->main.it[i];

		if (it->kind == IT_BREAK) {
			if (S_has_content(&pg))
				S_open_page(&pg, i + 1);
			i++;
			continue;
		}
		if (it->kind == IT_GLUE && !S_has_content(&pg)) {
			i++;
			continue;
		}
		if (pg.y + it->h <= pg.avail + S_EPS) {
			S_place(&pg, i, it->kind != IT_GLUE, NULL);
			i++;
			continue;
		}
		if (it->kind == IT_GLUE) {
			/* space at the foot of a page: the page ends here
			 * unless that leaves a kept item at its foot */
			if (!(L->main.it[i - 1].flags & ITF_KEEP)) {
				S_open_page(&pg, i + 1);
				i++;
				continue;
			}
		}
		/* a row taller than a fresh page: split it here */
		if (it->kind == IT_ROW && it->h > S_fresh_room(&pg, i) + S_EPS) {
			struct lay_row *a;
			double h1;

			if ((a = S_split_row(it, pg.avail - pg.y, &h1))
			    != NULL) {
				S_place_part(&pg, i, a, h1);
				S_open_page(&pg, i);
				continue;
			}
			if (S_has_content(&pg)) {
				S_open_page(&pg, i);
				continue;
			}
		}
		if (!S_has_content(&pg)) {
			/* taller than an empty page: place it anyway */
			S_place(&pg, i, 1, "overfull");
			i++;
			continue;
		}
		if ((k = S_break_at(&pg, i)) >= 0) {
			size_t j = (size_t)k < pg.nrec ? pg.rec[k].item : i;

			if ((size_t)k < pg.nrec)
				S_backtrack(&pg, (size_t)k);
			S_open_page(&pg, j);
			i = j;
			continue;
		}
		/* everything on the page is kept together: break here */
		S_open_page(&pg, i);
		if (L->dump)
			BUF_PUTSL(L->dump, "  (forced break: no legal break on "
			    "the previous page)\n");
	}
	/* an empty last page (after a trailing break) is dropped */
	if (L->npages > 1 && !S_has_content(&pg)) {
		L->npages--;
		L->npops = L->pages[L->npages].op0;
		if (L->dump) {
			L->dump->len = pg.dumpopen;
			L->dump->data[L->dump->len] = '\0';
		}
		pg.open = 0;
	}
	S_close_page(&pg);
	free(pg.rec);
	S_resolve_pagenos(L);
	S_frame(L);
}
