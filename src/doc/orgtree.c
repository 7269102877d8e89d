/*
 * orgtree.c — org chart layout on sheets (see orgtree.h).  Pure
 * arithmetic on the tree: no output, so both backends draw the same
 * picture.
 *
 * The tree is flattened in pre-order (children after their parent), so a
 * walk from the last node to the first sees children before parents:
 * each box is fitted once (S_fit), its kept subtree within one sheet.
 * Then the sheets are made top-down (S_sheets), cut subtrees after the
 * sheet that shows their stub, in reading order.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "../util/util.h"
#include "doc.h"
#include "orgtree.h"

/* A run of a box's children laid out together under it. */
struct S_grp {
	size_t	 k0, nk;	/* children kid[k0 .. k0 + nk) of the box */
	int	 cols;		/* 0: a tidy row; 1, 2: hanging columns */
	int	 rows;		/* rows of the layout, the box's included */
	double	 lmin, rmax;	/* extent, from the box's left */
};

struct S_n {
	const struct doc_node *n;
	size_t	 parent;	/* OG_NONE: a tree's root */
	size_t	 k0, nk;	/* children: t->kid[k0 .. k0 + nk) */
	double	 bw, sw;	/* box width, stub width */
	double	 dx;		/* box left from the parent's box left */
	int	 dy;		/* rows below the parent */
	int	 cut;		/* a stub under its parent, its own sheets */
	int	 wcut;		/* cut for width (may be undone) */
	size_t	 g0, ng;	/* groups: more than one when split */
	double	*cl, *cr;	/* contour per row (single group) */
	size_t	 sheet0;	/* its first sheet when cut */
	size_t	 stubsheet;	/* the sheet showing its stub */
};

struct S_t {
	struct og_chart	*og;
	const struct og_dim *d;
	double		 maxw, maxh, pitch;
	int		 R;		/* rows a sheet holds */
	struct S_n	*nd;
	size_t		 n, cap;
	size_t		*kid;
	size_t		 nkid, capkid;
	struct S_grp	*grp;
	size_t		 ngrp, capgrp;
	double		*fl, *fr;	/* scratch contours, R rows */
	size_t		*order;		/* scratch: children by width */
	size_t		 caporder;
};

static double
S_textw(const struct og_dim *d, const char *s, double size)
{
	return s && *s ? d->textw(d->ctx, s, size) : 0;
}

/* Appends dn (an rb-orgnode, or the chart when parent is OG_NONE and
 * top is set) and its subtree; returns its index. */
static size_t
S_build(struct S_t *t, const struct doc_node *dn, size_t parent)
{
	const struct doc_node *c;
	const struct og_dim *d = t->d;
	size_t v, nk = 0, k0, i = 0, ci;
	double w;

	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 64;
		t->nd = xreallocarray(t->nd, t->cap, sizeof(*t->nd));
	}
	v = t->n++;
	memset(&t->nd[v], 0, sizeof(t->nd[v]));
	t->nd[v].n = dn;
	t->nd[v].parent = parent;
	t->nd[v].sheet0 = t->nd[v].stubsheet = OG_NONE;
	for (c = dn->first; c; c = c->next)
		if (c->tag == DOC_ORGNODE)
			nk++;
	if (t->nkid + nk > t->capkid) {
		t->capkid = (t->nkid + nk) * 2 + 16;
		t->kid = xreallocarray(t->kid, t->capkid, sizeof(*t->kid));
	}
	k0 = t->nkid;
	t->nkid += nk;
	t->nd[v].k0 = k0;
	t->nd[v].nk = nk;
	if (dn->tag == DOC_ORGNODE) {
		double lw = S_textw(d, doc_attr(dn, "label"), d->label_size),
		    sw = S_textw(d, doc_attr(dn, "sub"), d->sub_size),
		    rw = S_textw(d, d->stub_ref, d->sub_size);

		w = d->minw;
		if (lw + d->pad > w)
			w = lw + d->pad;
		t->nd[v].sw = w > rw + d->pad ? w : rw + d->pad;
		if (sw + d->pad > w)
			w = sw + d->pad;
		t->nd[v].bw = w > t->maxw ? t->maxw : w;
		if (t->nd[v].sw > t->maxw)
			t->nd[v].sw = t->maxw;
	}
	for (c = dn->first; c; c = c->next)
		if (c->tag == DOC_ORGNODE) {
			ci = S_build(t, c, dn->tag == DOC_ORGNODE ? v :
			    OG_NONE);
			t->kid[k0 + i++] = ci;
		}
	return v;
}

static size_t
S_grp_new(struct S_t *t)
{
	if (t->ngrp == t->capgrp) {
		t->capgrp = t->capgrp ? t->capgrp * 2 : 64;
		t->grp = xreallocarray(t->grp, t->capgrp, sizeof(*t->grp));
	}
	memset(&t->grp[t->ngrp], 0, sizeof(t->grp[t->ngrp]));
	return t->ngrp++;
}

/* Width of child c as drawn under its parent. */
static double
S_cw(const struct S_t *t, size_t c)
{
	return t->nd[c].cut ? t->nd[c].sw : t->nd[c].bw;
}

/* Width of child c's block (its stub, or its kept subtree). */
static double
S_blockw(const struct S_t *t, size_t c)
{
	const struct S_n *k = &t->nd[c];

	if (k->cut)
		return k->sw;
	return t->grp[k->g0].rmax - t->grp[k->g0].lmin;
}

/* Sets v's contour from the scratch arrays (rows 1..): row 0 is v. */
static void
S_keep_contour(struct S_t *t, size_t v, int rows, double px)
{
	struct S_n *p = &t->nd[v];
	int r;

	free(p->cl);
	free(p->cr);
	p->cl = xcalloc((size_t)rows, sizeof(*p->cl));
	p->cr = xcalloc((size_t)rows, sizeof(*p->cr));
	p->cl[0] = 0;
	p->cr[0] = p->bw;
	for (r = 1; r < rows; r++) {
		p->cl[r] = t->fl[r - 1] - px;
		p->cr[r] = t->fr[r - 1] - px;
	}
}

/*
 * Lays out v's children kid[k0 .. k0 + nk) in a tidy row under v into
 * group g: each child's subtree as far left as its contour allows, v
 * centred over the first and last child.
 */
static void
S_row(struct S_t *t, size_t v, size_t k0, size_t nk, size_t g, int keep)
{
	const struct og_dim *d = t->d;
	struct S_n *p = &t->nd[v];
	size_t i, c;
	int fr = 0, r, crows;
	double off, c1 = 0, cn = 0, px, m, lmin, rmax, cw;
	double one_l = 0, one_r;
	const double *cl, *cr;

	for (i = 0; i < nk; i++) {
		c = t->kid[p->k0 + k0 + i];
		cw = S_cw(t, c);
		if (t->nd[c].cut || t->nd[c].cl == NULL) {
			one_r = cw;
			cl = &one_l;
			cr = &one_r;
			crows = 1;
		} else {
			cl = t->nd[c].cl;
			cr = t->nd[c].cr;
			crows = t->grp[t->nd[c].g0].rows;
		}
		off = 0;
		if (i > 0) {
			off = -HUGE_VAL;
			for (r = 0; r < fr && r < crows; r++)
				if ((m = t->fr[r] - cl[r] + d->hg) > off)
					off = m;
		}
		for (r = 0; r < crows; r++) {
			if (r >= fr)
				t->fl[r] = cl[r] + off;
			t->fr[r] = cr[r] + off;
		}
		if (crows > fr)
			fr = crows;
		t->nd[c].dx = off;
		t->nd[c].dy = 1;
		if (i == 0)
			c1 = off + cw / 2;
		cn = off + cw / 2;
	}
	px = (c1 + cn) / 2 - p->bw / 2;
	lmin = 0;
	rmax = p->bw;
	for (r = 0; r < fr; r++) {
		if (t->fl[r] - px < lmin)
			lmin = t->fl[r] - px;
		if (t->fr[r] - px > rmax)
			rmax = t->fr[r] - px;
	}
	for (i = 0; i < nk; i++)
		t->nd[t->kid[p->k0 + k0 + i]].dx -= px;
	t->grp[g].k0 = k0;
	t->grp[g].nk = nk;
	t->grp[g].cols = 0;
	t->grp[g].rows = fr + 1;
	t->grp[g].lmin = lmin;
	t->grp[g].rmax = rmax;
	if (keep)
		S_keep_contour(t, v, fr + 1, px);
}

/* Lays out v's leaf children kid[k0 .. k0 + nk) hanging in cols columns
 * under v into group g. */
static void
S_hang(struct S_t *t, size_t v, size_t k0, size_t nk, int cols, size_t g,
    int keep)
{
	const struct og_dim *d = t->d;
	struct S_n *p = &t->nd[v];
	size_t i, c;
	int rows = 1 + (int)((nk + (size_t)cols - 1) / (size_t)cols), r;
	double lmin = 0, rmax = p->bw, cx = p->bw / 2;

	for (r = 0; r < rows - 1; r++) {
		t->fl[r] = HUGE_VAL;
		t->fr[r] = -HUGE_VAL;
	}
	for (i = 0; i < nk; i++) {
		c = t->kid[p->k0 + k0 + i];
		r = (int)(i / (size_t)cols);
		if (cols == 1)
			t->nd[c].dx = d->ind;
		else if (i % 2 == 0)
			t->nd[c].dx = cx - d->ind / 2 - S_cw(t, c);
		else
			t->nd[c].dx = cx + d->ind / 2;
		t->nd[c].dy = 1 + r;
		if (t->nd[c].dx < t->fl[r])
			t->fl[r] = t->nd[c].dx;
		if (t->nd[c].dx + S_cw(t, c) > t->fr[r])
			t->fr[r] = t->nd[c].dx + S_cw(t, c);
	}
	for (r = 0; r < rows - 1; r++) {
		if (t->fl[r] < lmin)
			lmin = t->fl[r];
		if (t->fr[r] > rmax)
			rmax = t->fr[r];
	}
	t->grp[g].k0 = k0;
	t->grp[g].nk = nk;
	t->grp[g].cols = cols;
	t->grp[g].rows = rows;
	t->grp[g].lmin = lmin;
	t->grp[g].rmax = rmax;
	if (keep)
		S_keep_contour(t, v, rows, 0);
}

/* Hanging columns for leaves kid[k0 .. k0 + nk) of v: two when more than
 * three and two fit the width. */
static int
S_cols(const struct S_t *t, size_t v, size_t k0, size_t nk)
{
	const struct S_n *p = &t->nd[v];
	double wl = 0, w;
	size_t i;

	if (nk <= 3)
		return 1;
	for (i = 0; i < nk; i++)
		if ((w = S_cw(t, t->kid[p->k0 + k0 + i])) > wl)
			wl = w;
	return 2 * wl + t->d->ind <= t->maxw ? 2 : 1;
}

static int
S_bywidth(const void *a, const void *b, void *ctx)
{
	const struct S_t *t = ctx;
	double wa = S_blockw(t, *(const size_t *)a),
	    wb = S_blockw(t, *(const size_t *)b);

	if (wa != wb)
		return wa > wb ? -1 : 1;
	return *(const size_t *)a < *(const size_t *)b ? -1 : 1;
}

/* Sorts the children of v by block width, widest first, into t->order. */
static void
S_sort_kids(struct S_t *t, size_t v)
{
	const struct S_n *p = &t->nd[v];
	size_t i, j, k, n = p->nk, *o;

	if (n > t->caporder) {
		t->caporder = n * 2;
		t->order = xreallocarray(t->order, t->caporder,
		    sizeof(*t->order));
	}
	o = t->order;
	for (i = 0; i < n; i++)
		o[i] = t->kid[p->k0 + i];
	/* merge sort would do; insertion for small n, qsort_r otherwise */
	if (n < 16) {
		for (i = 1; i < n; i++)
			for (j = i; j > 0 && S_bywidth(&o[j], &o[j - 1], t) < 0;
			    j--) {
				k = o[j];
				o[j] = o[j - 1];
				o[j - 1] = k;
			}
	} else
		qsort_r(o, n, sizeof(*o), S_bywidth, t);
}

/* Splits v's children into parts of one sheet each (v is then cut). */
static void
S_split(struct S_t *t, size_t v, int hang)
{
	struct S_n *p = &t->nd[v];
	size_t i, k0 = 0, g, c, per;
	double w = 0, cw;
	int cols;

	p->cut = 1;
	p->ng = 0;
	if (hang) {
		cols = S_cols(t, v, 0, p->nk);
		per = (size_t)(t->R - 1) * (size_t)cols;
		for (k0 = 0; k0 < p->nk; k0 += per) {
			g = S_grp_new(t);
			if (p->ng++ == 0)
				p->g0 = g;
			S_hang(t, v, k0, p->nk - k0 < per ? p->nk - k0 : per,
			    cols, g, 0);
		}
		return;
	}
	/* width cuts are undone: a part holds whole subtrees when it can */
	for (i = 0; i < p->nk; i++) {
		c = t->kid[p->k0 + i];
		if (t->nd[c].wcut)
			t->nd[c].cut = t->nd[c].wcut = 0;
	}
	for (i = 0; i <= p->nk; i++) {
		cw = i < p->nk ? S_blockw(t, t->kid[p->k0 + i]) : 0;
		if (i < p->nk && (i == k0 || w + t->d->hg + cw <= t->maxw)) {
			w += (i == k0 ? 0 : t->d->hg) + cw;
			continue;
		}
		g = S_grp_new(t);
		if (p->ng++ == 0)
			p->g0 = g;
		S_row(t, v, k0, i - k0, g, 0);
		if (t->grp[g].rmax - t->grp[g].lmin > t->maxw && i - k0 == 1) {
			/* one subtree whose root sits off-centre */
			t->nd[t->kid[p->k0 + k0]].cut = 1;
			S_row(t, v, k0, 1, g, 0);
		}
		k0 = i;
		w = cw;
	}
}

/* Fits v's kept subtree into one sheet, cutting or splitting. */
static void
S_fit(struct S_t *t, size_t v)
{
	struct S_n *p = &t->nd[v];
	size_t i, c, g, j;
	int hang = 1;
	double sum;

	if (p->nk == 0) {
		g = S_grp_new(t);
		p->g0 = g;
		p->ng = 1;
		t->grp[g].rows = 1;
		t->grp[g].rmax = p->bw;
		S_keep_contour(t, v, 1, 0);
		return;
	}
	for (i = 0; i < p->nk; i++)
		if (t->nd[t->kid[p->k0 + i]].nk > 0)
			hang = 0;
	if (hang) {
		int cols = S_cols(t, v, 0, p->nk);

		if (1 + (p->nk + (size_t)cols - 1) / (size_t)cols >
		    (size_t)t->R) {
			S_split(t, v, 1);
			return;
		}
		g = S_grp_new(t);
		p->g0 = g;
		p->ng = 1;
		S_hang(t, v, 0, p->nk, cols, g, 1);
		return;
	}
	/* a child too deep to sit under v is cut */
	sum = 0;
	for (i = 0; i < p->nk; i++) {
		c = t->kid[p->k0 + i];
		if (!t->nd[c].cut && t->grp[t->nd[c].g0].rows + 1 > t->R)
			t->nd[c].cut = 1;
		sum += (i ? t->d->hg : 0) + S_blockw(t, c);
	}
	/* cut the widest while the blocks side by side are too wide */
	S_sort_kids(t, v);
	for (j = 0; j < p->nk && sum > t->maxw; j++) {
		c = t->order[j];
		if (t->nd[c].cut || t->nd[c].nk == 0)
			continue;
		sum -= S_blockw(t, c);
		t->nd[c].cut = t->nd[c].wcut = 1;
		sum += S_blockw(t, c);
	}
	g = S_grp_new(t);
	p->g0 = g;
	p->ng = 1;
	for (;;) {
		S_row(t, v, 0, p->nk, g, 1);
		if (t->grp[g].rmax - t->grp[g].lmin <= t->maxw)
			return;
		/* contours were not the problem: cut the next widest */
		for (; j < p->nk; j++) {
			c = t->order[j];
			if (!t->nd[c].cut && t->nd[c].nk > 0)
				break;
		}
		if (j == p->nk)
			break;
		t->nd[t->order[j]].cut = t->nd[t->order[j]].wcut = 1;
	}
	t->ngrp--;
	S_split(t, v, 0);
}

/* ------------------------------------------------------------------ */
/* Sheets                                                              */

static size_t
S_box(struct S_t *t, size_t v, double x, double y, int kind)
{
	struct og_chart *og = t->og;
	struct og_box *b;

	if (og->nbox == og->capbox) {
		og->capbox = og->capbox ? og->capbox * 2 : 64;
		og->box = xreallocarray(og->box, og->capbox, sizeof(*og->box));
	}
	b = &og->box[og->nbox];
	b->n = t->nd[v].n;
	b->x = x;
	b->y = y;
	b->w = kind == OG_STUB ? t->nd[v].sw : t->nd[v].bw;
	b->h = t->d->bh;
	b->kind = kind;
	b->ref = v;	/* a node until S_refs() */
	return og->nbox++;
}

static void
S_seg(struct S_t *t, double x1, double y1, double x2, double y2)
{
	struct og_chart *og = t->og;

	if (og->nseg == og->capseg) {
		og->capseg = og->capseg ? og->capseg * 2 : 64;
		og->seg = xreallocarray(og->seg, og->capseg, sizeof(*og->seg));
	}
	og->seg[og->nseg].x1 = x1;
	og->seg[og->nseg].y1 = y1;
	og->seg[og->nseg].x2 = x2;
	og->seg[og->nseg].y2 = y2;
	og->nseg++;
}

/* A list of node indices. */
struct S_list {
	size_t	*v;
	size_t	 n, cap;
};

static void
S_push(struct S_list *l, size_t x)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 16;
		l->v = xreallocarray(l->v, l->cap, sizeof(*l->v));
	}
	l->v[l->n++] = x;
}

/* Places v's box at (x, y) with its children of group g and their kept
 * subtrees on sheet s; cut children are pushed on cut. */
static void
S_place(struct S_t *t, size_t s, size_t v, size_t g, double x, double y,
    struct S_list *cut)
{
	const struct og_dim *d = t->d;
	const struct S_grp *gr = &t->grp[g];
	struct S_n *p = &t->nd[v];
	size_t i, c;
	double pcx = x + p->bw / 2, cx, cy, bus = y + d->bh + d->vg / 2,
	    lo = pcx, hi = pcx, spine, last = 0;

	S_box(t, v, x, y, OG_BOX);
	if (gr->nk == 0)
		return;
	spine = gr->cols == 1 ? x + d->ind / 2 : pcx;
	for (i = 0; i < gr->nk; i++) {
		c = t->kid[p->k0 + gr->k0 + i];
		cx = x + t->nd[c].dx;
		cy = y + t->nd[c].dy * t->pitch;
		if (t->nd[c].cut) {
			S_box(t, c, cx, cy, OG_STUB);
			t->nd[c].stubsheet = s;
			S_push(cut, c);
		} else
			S_place(t, s, c, t->nd[c].g0, cx, cy, cut);
		if (gr->cols == 0) {
			/* bus to the child's top */
			cx += S_cw(t, c) / 2;
			S_seg(t, cx, bus, cx, cy);
			if (cx < lo)
				lo = cx;
			if (cx > hi)
				hi = cx;
		} else {
			/* branch off the spine to the child's side */
			last = cy + d->bh / 2;
			S_seg(t, spine, last, cx < spine ? cx + S_cw(t, c) :
			    cx, last);
		}
	}
	if (gr->cols == 0) {
		S_seg(t, pcx, y + d->bh, pcx, bus);
		if (hi > lo)
			S_seg(t, lo, bus, hi, bus);
	} else
		S_seg(t, spine, y + d->bh, spine, last);
}

static size_t
S_sheet_new(struct S_t *t)
{
	struct og_chart *og = t->og;
	struct og_sheet *s;

	if (og->nsheet == og->capsheet) {
		og->capsheet = og->capsheet ? og->capsheet * 2 : 8;
		og->sheet = xreallocarray(og->sheet, og->capsheet,
		    sizeof(*og->sheet));
	}
	s = &og->sheet[og->nsheet];
	memset(s, 0, sizeof(*s));
	s->box0 = og->nbox;
	s->seg0 = og->nseg;
	s->head0 = og->nhead;
	return og->nsheet++;
}

/* Adds the path line of v (part: 1-based, 0 whole) at y to the last
 * sheet. */
static struct og_head *
S_head_new(struct S_t *t, size_t v, int part, double y)
{
	struct og_chart *og = t->og;
	struct og_head *h;
	size_t a, first;

	if (og->nhead == og->caphead) {
		og->caphead = og->caphead ? og->caphead * 2 : 8;
		og->head = xreallocarray(og->head, og->caphead,
		    sizeof(*og->head));
	}
	h = &og->head[og->nhead++];
	og->sheet[og->nsheet - 1].nhead++;
	memset(h, 0, sizeof(*h));
	h->y = y;
	h->part = part;
	h->root = t->nd[v].n;
	h->pref = part > 1 ? t->nd[v].sheet0 : t->nd[v].stubsheet;
	/* managers, top first */
	h->path0 = first = og->npath;
	for (a = t->nd[v].parent; a != OG_NONE; a = t->nd[a].parent) {
		if (og->npath == og->cappath) {
			og->cappath = og->cappath ? og->cappath * 2 : 16;
			og->path = xreallocarray(og->path, og->cappath,
			    sizeof(*og->path));
		}
		og->path[og->npath++] = t->nd[a].n;
	}
	h->npath = og->npath - first;
	for (a = 0; a < h->npath / 2; a++) {
		const struct doc_node *x = og->path[first + a];

		og->path[first + a] = og->path[og->npath - 1 - a];
		og->path[og->npath - 1 - a] = x;
	}
	return h;
}

/* The sheet being filled: its index (OG_NONE: none), the bottom of what
 * it holds and its width so far. */
struct S_cur {
	size_t	 s;
	double	 y, w;
};

static void
S_cur_end(struct S_t *t, struct S_cur *c)
{
	struct og_sheet *sh;

	if (c->s == OG_NONE)
		return;
	sh = &t->og->sheet[c->s];
	sh->nbox = t->og->nbox - sh->box0;
	sh->nseg = t->og->nseg - sh->seg0;
	sh->w = c->w;
	sh->h = c->y;
	c->s = OG_NONE;
	c->y = c->w = 0;
}

static void	S_sheets_cut(struct S_t *, struct S_list *, struct S_cur *);

/* Height of the path line of v (part: 1-based, 0 whole). */
static double
S_pathh(const struct S_t *t, size_t v, int part)
{
	return t->nd[v].parent != OG_NONE || part > 1 ? t->d->pathh : 0;
}

/*
 * Starts what v (part) puts on a sheet, th high at first: under its path
 * line below what the open sheet holds when d->pack and it fits there,
 * else at the top of a new sheet.  Returns the top of its boxes.
 */
static double
S_start(struct S_t *t, struct S_cur *c, size_t v, int part, double th)
{
	double ph = S_pathh(t, v, part), y = 0, pw;
	const struct og_head *h;
	char *pt;

	if (c->s != OG_NONE) {
		y = c->y + 2 * t->d->vg;
		if (!t->d->pack || y + ph + th > t->maxh)
			S_cur_end(t, c);
	}
	if (c->s == OG_NONE) {
		c->s = S_sheet_new(t);
		y = 0;
	}
	if (ph > 0) {
		h = S_head_new(t, v, part, y);
		pt = og_path_text(t->og, h, t->d, t->maxw, t->d->path_pre,
		    t->d->path_ref);
		pw = S_textw(t->d, pt, t->d->path_size);
		free(pt);
		if (pw > c->w)
			c->w = pw;
	}
	return y + ph;
}

/* The parts of v, whose children are split into parts: each under its
 * path line. */
static void
S_sheets_of(struct S_t *t, size_t v, struct S_list *cut, struct S_cur *c)
{
	size_t j;
	double y, th;

	for (j = 0; j < t->nd[v].ng; j++) {
		const struct S_grp *g = &t->grp[t->nd[v].g0 + j];

		th = g->rows * t->pitch - t->d->vg;
		y = S_start(t, c, v, t->nd[v].ng > 1 ? (int)j + 1 : 0, th);
		if (j == 0)
			t->nd[v].sheet0 = c->s;
		S_place(t, c->s, v, t->nd[v].g0 + j, -g->lmin, y, cut);
		if (g->rmax - g->lmin > c->w)
			c->w = g->rmax - g->lmin;
		c->y = y + th;
	}
}

/*
 * Packs the whole trees v[0 .. nv) (siblings, or the chart's roots) in
 * rows onto sheets: left to right while they fit the width, rows top to
 * bottom while they fit the height, under their managers' path.
 */
static void
S_pack(struct S_t *t, const size_t *v, size_t nv, struct S_list *cut,
    struct S_cur *c)
{
	const struct og_dim *d = t->d;
	size_t i;
	double x = 0, y = -1, rowh = 0, tw, th;

	for (i = 0; i < nv; i++) {
		const struct S_grp *g = &t->grp[t->nd[v[i]].g0];

		tw = g->rmax - g->lmin;
		th = g->rows * t->pitch - d->vg;
		if (y >= 0 && x > 0 && x + 2 * d->hg + tw > t->maxw) {
			/* next row */
			y += rowh + d->vg;
			x = rowh = 0;
			if (y + th > t->maxh) {
				S_cur_end(t, c);
				y = -1;
			}
		}
		if (y < 0) {
			y = S_start(t, c, v[i], 0, th);
			x = rowh = 0;
		}
		if (x > 0)
			x += 2 * d->hg;
		t->nd[v[i]].sheet0 = c->s;
		S_place(t, c->s, v[i], t->nd[v[i]].g0, x - g->lmin, y, cut);
		x += tw;
		if (x > c->w)
			c->w = x;
		if (th > rowh)
			rowh = th;
		c->y = y + rowh;
	}
}

static int
S_byparent(const void *a, const void *b, void *ctx)
{
	const struct S_t *t = ctx;
	size_t x = *(const size_t *)a, y = *(const size_t *)b,
	    px = t->nd[x].parent, py = t->nd[y].parent;

	if (px != py)
		return px < py ? -1 : 1;
	return x < y ? -1 : x > y;
}

/* The sheets of the cut subtrees in cut (emptied): children of one box
 * packed together, in the order of their managers; then theirs. */
static void
S_sheets_cut(struct S_t *t, struct S_list *cut, struct S_cur *c)
{
	struct S_list next = { NULL, 0, 0 };
	size_t i, j;

	while (cut->n > 0) {
		qsort_r(cut->v, cut->n, sizeof(*cut->v), S_byparent, t);
		for (i = 0; i < cut->n; i = j) {
			if (t->nd[cut->v[i]].ng > 1) {
				S_sheets_of(t, cut->v[i], &next, c);
				j = i + 1;
				continue;
			}
			for (j = i + 1; j < cut->n &&
			    t->nd[cut->v[j]].parent == t->nd[cut->v[i]].parent &&
			    t->nd[cut->v[j]].ng == 1; j++)
				continue;
			S_pack(t, cut->v + i, j - i, &next, c);
		}
		free(cut->v);
		*cut = next;
		memset(&next, 0, sizeof(next));
	}
	free(cut->v);
	memset(cut, 0, sizeof(*cut));
}

/* The chart's sheets: its whole trees packed, those split, then every
 * cut subtree, level by level of cuts. */
static void
S_sheets(struct S_t *t)
{
	struct S_list cut = { NULL, 0, 0 }, whole = { NULL, 0, 0 };
	struct S_cur c = { OG_NONE, 0, 0 };
	const struct S_n *top = &t->nd[0];
	size_t i, v;

	for (i = 0; i < top->nk; i++)
		if (!t->nd[v = t->kid[top->k0 + i]].cut)
			S_push(&whole, v);
	S_pack(t, whole.v, whole.n, &cut, &c);
	free(whole.v);
	for (i = 0; i < top->nk; i++)
		if (t->nd[v = t->kid[top->k0 + i]].cut)
			S_sheets_of(t, v, &cut, &c);
	S_sheets_cut(t, &cut, &c);
	S_cur_end(t, &c);
}

void
og_layout(struct og_chart *og, const struct doc_node *chart, double maxw,
    double maxh, const struct og_dim *d)
{
	struct S_t t;
	size_t v, i;

	memset(og, 0, sizeof(*og));
	memset(&t, 0, sizeof(t));
	t.og = og;
	t.d = d;
	t.maxw = maxw;
	t.maxh = maxh;
	t.pitch = d->bh + d->vg;
	t.R = (int)floor((maxh - d->pathh + d->vg) / t.pitch);
	if (t.R < 2)
		t.R = 2;
	t.fl = xcalloc((size_t)t.R + 1, sizeof(*t.fl));
	t.fr = xcalloc((size_t)t.R + 1, sizeof(*t.fr));
	S_build(&t, chart, OG_NONE);
	/* children before parents: index order is pre-order */
	for (v = t.n; v-- > 1;)
		S_fit(&t, v);
	S_sheets(&t);
	/* stubs: from node to the sheet the subtree continues on */
	for (i = 0; i < og->nbox; i++)
		if (og->box[i].kind == OG_STUB)
			og->box[i].ref = t.nd[og->box[i].ref].sheet0;
		else
			og->box[i].ref = OG_NONE;
	for (v = 0; v < t.n; v++) {
		free(t.nd[v].cl);
		free(t.nd[v].cr);
	}
	free(t.nd);
	free(t.kid);
	free(t.grp);
	free(t.fl);
	free(t.fr);
	free(t.order);
}

void
og_free(struct og_chart *og)
{
	free(og->sheet);
	free(og->box);
	free(og->seg);
	free(og->head);
	free(og->path);
	memset(og, 0, sizeof(*og));
}

char *
og_path_text(const struct og_chart *og, const struct og_head *s,
    const struct og_dim *d, double maxw, const char *prefix,
    const char *suffix)
{
	struct buf b = BUF_INIT;
	size_t first = 0, i;
	const char *l;

	for (;;) {
		buf_reset(&b);
		if (prefix)
			buf_puts(&b, prefix);
		if (first > 0)
			BUF_PUTSL(&b, "… / ");
		for (i = first; i < s->npath; i++) {
			if (i > first)
				BUF_PUTSL(&b, " / ");
			l = doc_attr(og->path[s->path0 + i], "label");
			buf_puts(&b, l ? l : "");
		}
		if (s->part > 1 && s->root) {
			if (s->npath > 0)
				BUF_PUTSL(&b, " / ");
			l = doc_attr(s->root, "label");
			buf_puts(&b, l ? l : "");
		}
		if (suffix)
			buf_puts(&b, suffix);
		buf_putc(&b, '\0');
		if (first + 1 >= s->npath ||
		    S_textw(d, b.data, d->path_size) <= maxw)
			break;
		first++;
	}
	return buf_detach(&b);
}

/* The box of node n on sheet s (of kind kind, or any when -1), or OG_NONE. */
static size_t
S_on_sheet(const struct og_chart *og, const struct og_sheet *sh,
    const struct doc_node *n, int kind)
{
	size_t i;

	for (i = sh->box0; i < sh->box0 + sh->nbox; i++)
		if (og->box[i].n == n && (kind < 0 || og->box[i].kind == kind))
			return i;
	return OG_NONE;
}

void
og_sheet_alt(struct buf *b, const struct og_chart *og, size_t s,
    const struct doc_node *chart)
{
	const struct og_sheet *sh;
	const struct doc_node *n, *p, *c;
	size_t i, j, k;

	if (og->nsheet <= 1 || s >= og->nsheet) {
		cg_org_alt(b, chart);
		return;
	}
	sh = &og->sheet[s];
	buf_printf(b, "组织结构图（第 %zu 部分，共 %zu 部分）。", s + 1,
	    og->nsheet);
	if (s == 0)
		cg_org_summary(b, chart);
	for (i = sh->box0; i < sh->box0 + sh->nbox; i++) {
		if (og->box[i].kind != OG_BOX)
			continue;
		n = og->box[i].n;
		/* a box repeated on the sheet: said once */
		if (S_on_sheet(og, sh, n, OG_BOX) != i)
			continue;
		p = n->parent;
		if (p != NULL && p->tag == DOC_ORGNODE &&
		    S_on_sheet(og, sh, p, OG_BOX) == OG_NONE) {
			cg_org_name(b, n);
			buf_puts(b, "的上级：");
			cg_org_name(b, p);
			buf_puts(b, "。");
		}
		for (c = n->first, k = 0; c; c = c->next) {
			if (c->tag != DOC_ORGNODE ||
			    (j = S_on_sheet(og, sh, c, -1)) == OG_NONE)
				continue;
			if (k++ == 0) {
				cg_org_name(b, n);
				buf_puts(b, "的直接下级：");
			} else
				buf_puts(b, "、");
			cg_org_name(b, c);
			if (og->box[j].kind != OG_STUB ||
			    og->box[j].ref == OG_NONE)
				continue;
			if (og->box[j].ref == s)	/* packed below */
				buf_puts(b, "（其下级见本部分下文）");
			else
				buf_printf(b, "（续见第 %zu 部分）",
				    og->box[j].ref + 1);
		}
		if (k > 0)
			buf_puts(b, "。");
	}
}
