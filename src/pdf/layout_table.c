/*
 * layout_table.c — tables for the PDF layout layer: places cells on a grid
 * (colspan, rowspan), measures each column's minimum and maximum content
 * widths, distributes the width of the text area between them, sets every
 * cell's content in its own item list and emits one IT_ROW item per row.
 * Header rows (thead, or a first row of th only) are remembered so the
 * paginator repeats them on every page the table spans.  Internal to
 * src/pdf (layout.h).
 */
#include <stdlib.h>
#include <string.h>
#include "layout.h"

struct S_cell {
	const struct doc_node *n;
	int		 row, col, colspan, rowspan;
	double		 min, max;
	struct lay_vlist vl;
	double		 ch;	/* content height */
};

static int
S_attr_int(const struct doc_node *n, const char *name, int def, int max)
{
	const char *v = doc_attr(n, name);
	long x;

	if (v == NULL)
		return def;
	x = strtol(v, NULL, 10);
	if (x < 1)
		return 1;
	return x > max ? max : (int)x;
}

static void
S_push(const struct doc_node ***a, int *n, int *cap, const struct doc_node *x)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		*a = xreallocarray(*a, (size_t)*cap, sizeof(**a));
	}
	(*a)[(*n)++] = x;
}

static int
S_all_th(const struct doc_node *tr)
{
	const struct doc_node *c;

	for (c = tr->first; c; c = c->next)
		if (c->tag != DOC_TH)
			return 0;
	return tr->first != NULL;
}

/* Cell style: th bold. */
static void
S_cell_style(const struct lay *L, const struct doc_node *c,
    const struct lay_style *st, struct lay_style *out)
{
	*out = *st;
	if (c->tag == DOC_TH)
		out->face |= 1;
	(void)L;
}

/*
 * Column widths: every column gets its minimum; the rest of the width is
 * poured evenly into the columns still below their maximum (narrow columns
 * are filled first and so never wrap needlessly); what is left after every
 * column has its maximum widens them in proportion.  When even the
 * minimums do not fit, they are scaled down (cells then break words).
 */
static void
S_widths(const double *cmin, const double *cmax, double *cw, int n,
    double summin, double W)
{
	double R = W - summin, share, summax = 0;
	int k, active, changed;
	char *full = xcalloc((size_t)n, 1);

	for (k = 0; k < n; k++) {
		cw[k] = cmin[k];
		summax += cmax[k];
	}
	if (R <= 0) {
		for (k = 0; k < n; k++)
			cw[k] = summin > 0 ? cmin[k] * W / summin : W / n;
		free(full);
		return;
	}
	do {
		changed = 0;
		for (k = 0, active = 0; k < n; k++)
			if (!full[k] && cmax[k] > cw[k])
				active++;
			else
				full[k] = 1;
		if (active == 0)
			break;
		share = R / active;
		for (k = 0; k < n; k++)
			if (!full[k] && cmax[k] - cw[k] <= share) {
				R -= cmax[k] - cw[k];
				cw[k] = cmax[k];
				full[k] = 1;
				changed = 1;
			}
		if (!changed) {
			for (k = 0; k < n; k++)
				if (!full[k])
					cw[k] += share;
			R = 0;
		}
	} while (changed && R > 0);
	if (R > 0.01) {
		for (k = 0; k < n; k++)
			cw[k] += summax > 0 ? R * cmax[k] / summax : R / n;
	}
	free(full);
}

void
table_layout(struct lay *L, struct lay_blk *blk, const struct doc_node *t,
    const struct lay_style *st)
{
	const struct pdf_theme *th = L->th;
	const struct doc_node *g, *tr, *c, **rows = NULL;
	struct S_cell *cells = NULL;
	size_t ncells = 0, capcells = 0, i, j;
	int nrows = 0, caprows = 0, ncols = 0, nhdr = 0, r, col, k, tno;
	int *busy = NULL, capbusy = 0;	/* rows left of a rowspan, per column */
	double *cmin, *cmax, *cw, *rh, summin = 0, W = blk->w;
	double pad = th->cell_pad;
	uint32_t tse = blk->fs->vl->se, gse = tse, rse = tse;

	/* rows in order; header rows first counted */
	for (g = t->first; g; g = g->next) {
		if (g->tag == DOC_TR) {
			S_push(&rows, &nrows, &caprows, g);
			continue;
		}
		for (tr = g->first; tr; tr = tr->next) {
			if (tr->tag != DOC_TR)
				continue;
			if (g->tag == DOC_THEAD && nhdr == nrows)
				nhdr++;
			S_push(&rows, &nrows, &caprows, tr);
		}
	}
	if (nrows == 0) {
		free(rows);
		return;
	}
	if (nhdr == 0 && nrows > 1 && S_all_th(rows[0]))
		nhdr = 1;
	/* grid placement */
	for (r = 0; r < nrows; r++) {
		col = 0;
		for (c = rows[r]->first; c; c = c->next) {
			struct S_cell *sc;

			if (c->tag != DOC_TD && c->tag != DOC_TH)
				continue;
			while (col < capbusy && busy[col] > 0)
				col++;
			if (ncells == capcells) {
				capcells = capcells ? capcells * 2 : 32;
				cells = xreallocarray(cells, capcells,
				    sizeof(*cells));
			}
			sc = &cells[ncells++];
			memset(sc, 0, sizeof(*sc));
			sc->n = c;
			sc->row = r;
			sc->col = col;
			sc->colspan = S_attr_int(c, "colspan", 1, 64);
			sc->rowspan = S_attr_int(c, "rowspan", 1, nrows - r);
			if (col + sc->colspan > capbusy) {
				int nc = col + sc->colspan + 8;

				busy = xreallocarray(busy, (size_t)nc,
				    sizeof(int));
				memset(busy + capbusy, 0,
				    (size_t)(nc - capbusy) * sizeof(int));
				capbusy = nc;
			}
			for (k = 0; k < sc->colspan; k++)
				busy[col + k] = sc->rowspan;
			col += sc->colspan;
			if (col > ncols)
				ncols = col;
		}
		for (k = 0; k < capbusy; k++)
			if (busy[k] > 0)
				busy[k]--;
	}
	free(busy);
	if (ncols == 0) {
		free(cells);
		free(rows);
		return;
	}
	cmin = xcalloc((size_t)ncols, sizeof(double));
	cmax = xcalloc((size_t)ncols, sizeof(double));
	cw = xcalloc((size_t)ncols, sizeof(double));
	rh = xcalloc((size_t)nrows, sizeof(double));
	/* column widths from content: single cells first, then spans */
	for (i = 0; i < ncells; i++) {
		struct lay_style cs;

		S_cell_style(L, cells[i].n, st, &cs);
		lay_flow_measure(L, cells[i].n, &cs, &cells[i].min,
		    &cells[i].max);
		cells[i].min += 2 * pad + 0.5;
		cells[i].max += 2 * pad + 0.5;
		if (cells[i].colspan == 1) {
			if (cells[i].min > cmin[cells[i].col])
				cmin[cells[i].col] = cells[i].min;
			if (cells[i].max > cmax[cells[i].col])
				cmax[cells[i].col] = cells[i].max;
		}
	}
	for (i = 0; i < ncells; i++) {
		double smin = 0, smax = 0;
		int s = cells[i].col, n = cells[i].colspan;

		if (n == 1)
			continue;
		if (s + n > ncols)
			n = ncols - s;
		for (k = s; k < s + n; k++) {
			smin += cmin[k];
			smax += cmax[k];
		}
		for (k = s; k < s + n; k++) {
			if (cells[i].min > smin)
				cmin[k] += (cells[i].min - smin) / n;
			if (cells[i].max > smax)
				cmax[k] += (cells[i].max - smax) / n;
		}
	}
	for (k = 0; k < ncols; k++) {
		if (cmax[k] < cmin[k])
			cmax[k] = cmin[k];
		summin += cmin[k];
	}
	S_widths(cmin, cmax, cw, ncols, summin, W);
	/* set each cell's content, in its structure element: Table,
	 * THead/TBody (when the rows are in one), TR, TH (scoped: a header
	 * row's cells head their columns, others their rows) or TD */
	for (i = 0, r = -1; i < ncells; i++) {
		struct S_cell *sc = &cells[i];
		struct lay_flow fs;
		struct lay_blk cb;
		struct lay_style cs;
		double w = 0;

		if (sc->row != r) {
			const struct doc_node *grp = rows[sc->row]->parent;

			if (r < 0 || grp != rows[r]->parent)
				gse = grp->tag == DOC_THEAD ? lay_se_new(L,
				    SE_THEAD, tse) : grp->tag == DOC_TBODY ?
				    lay_se_new(L, SE_TBODY, tse) : tse;
			r = sc->row;
			rse = lay_se_new(L, SE_TR, gse);
		}
		for (k = sc->col; k < sc->col + sc->colspan && k < ncols; k++)
			w += cw[k];
		memset(&fs, 0, sizeof(fs));
		fs.vl = &sc->vl;
		fs.vl->se = lay_se_new(L, sc->n->tag == DOC_TH ? SE_TH : SE_TD,
		    rse);
		if (sc->n->tag == DOC_TH)
			L->se[fs.vl->se].scope = sc->row < nhdr ? LSE_COLUMN :
			    LSE_ROW;
		/* the columns and rows it covers: a reader counts them to
		 * find the headers of the cells after it */
		L->se[fs.vl->se].colspan = (uint32_t)(sc->col + sc->colspan >
		    ncols ? ncols - sc->col : sc->colspan);
		L->se[fs.vl->se].rowspan = (uint32_t)sc->rowspan;
		fs.first = 1;
		memset(&cb, 0, sizeof(cb));
		cb.fs = &fs;
		cb.w = w - 2 * pad;
		if (cb.w < 1)
			cb.w = 1;
		cb.align = AL_LEFT;
		/* table text a little tighter than running text */
		if (th->leading > 1.3)
			cb.leading = th->leading - 0.1;
		if (sc->n->cls && strstr(sc->n->cls, "num"))
			cb.align = AL_RIGHT;
		cb.bg = LAY_NONE;
		S_cell_style(L, sc->n, st, &cs);
		if (sc->n->id)
			fs.anch[fs.nanch++] = sc->n;
		lay_flow(L, &cb, sc->n, &cs);
		lay_vlist_shrink(&sc->vl);
		for (j = 0; j < sc->vl.n; j++)
			sc->ch += sc->vl.it[j].h;
		if (sc->ch < st->size * th->leading)
			sc->ch = st->size * th->leading;
		if (sc->rowspan == 1 && sc->ch + 2 * pad > rh[sc->row])
			rh[sc->row] = sc->ch + 2 * pad;
	}
	/* rowspan cells: grow the last row they span when needed */
	for (i = 0; i < ncells; i++) {
		struct S_cell *sc = &cells[i];
		double sum = 0;

		if (sc->rowspan == 1)
			continue;
		for (r = sc->row; r < sc->row + sc->rowspan; r++)
			sum += rh[r];
		if (sc->ch + 2 * pad > sum)
			rh[sc->row + sc->rowspan - 1] += sc->ch + 2 * pad - sum;
	}
	/* one item per row */
	tno = L->ntables++;
	if ((size_t)L->ntables > L->caphdr) {
		L->caphdr = L->caphdr ? L->caphdr * 2 : 16;
		L->hdr = xreallocarray(L->hdr, L->caphdr, sizeof(size_t));
		L->nhdr = xreallocarray(L->nhdr, L->caphdr, sizeof(size_t));
	}
	L->nhdr[tno] = 0;
	if (blk->fs->space < th->par_space)
		blk->fs->space = th->par_space;
	blk_space(L, blk);
	for (r = 0, i = 0; r < nrows; r++) {
		struct lay_item *it;
		struct lay_row *row = xcalloc(1, sizeof(*row));
		int span = 0;

		row->bw = th->rule_width;
		row->bc = th->color_rule;
		for (j = i; j < ncells && cells[j].row == r; j++)
			continue;
		row->ncells = j - i;
		row->cells = xcalloc(row->ncells ? row->ncells : 1,
		    sizeof(*row->cells));
		for (k = 0; (size_t)k < row->ncells; k++, i++) {
			struct S_cell *sc = &cells[i];
			struct lay_cell *lc = &row->cells[k];
			int m;

			lc->x = blk->x;
			for (m = 0; m < sc->col; m++)
				lc->x += cw[m];
			for (m = sc->col; m < sc->col + sc->colspan &&
			    m < ncols; m++)
				lc->w += cw[m];
			lc->pad = pad;
			lc->bg = sc->n->tag == DOC_TH ? th->color_th_bg :
			    LAY_NONE;
			lc->rowspan = sc->rowspan;
			lc->h = 0;
			for (m = r; m < r + sc->rowspan; m++)
				lc->h += rh[m];
			lc->vl = sc->vl;	/* moved */
			memset(&sc->vl, 0, sizeof(sc->vl));
			if (r + sc->rowspan - 1 > span)
				span = r + sc->rowspan - 1;
		}
		it = lay_item_new(blk->fs->vl, IT_ROW, rh[r]);
		it->row = row;
		it->tbl = tno;
		it->tag = DOC_TR;
		it->x = blk->x;
		it->w = W;
		if (r < nhdr) {
			it->flags |= ITF_HEADER | ITF_KEEP;
			if (L->nhdr[tno] == 0)
				L->hdr[tno] = blk->fs->vl->n - 1;
			L->nhdr[tno]++;
		}
		blk_decorate(L, blk, it);
		it = &blk->fs->vl->it[blk->fs->vl->n - 1];
		it->nops = blk->fs->vl->nops - it->op0;
		/* rows joined by a rowspan stay together */
		if (span > r)
			it->flags |= ITF_KEEP;
	}
	/* a rowspan reaching further keeps the rows in between */
	for (i = 0; i < ncells; i++) {
		if (cells[i].rowspan > 1) {
			size_t last = blk->fs->vl->n - (size_t)nrows;

			for (r = cells[i].row; r < cells[i].row +
			    cells[i].rowspan - 1; r++)
				blk->fs->vl->it[last + (size_t)r].flags |=
				    ITF_KEEP;
		}
	}
	/* a small table (at most 6 rows, a quarter of a page) is not split */
	{
		double total = 0, area = th->page_h - th->margin_top -
		    th->margin_bottom;
		size_t first = blk->fs->vl->n - (size_t)nrows;

		for (r = 0; r < nrows; r++)
			total += rh[r];
		if (nrows <= 6 && total <= area / 4)
			for (r = 0; r + 1 < nrows; r++)
				blk->fs->vl->it[first + (size_t)r].flags |=
				    ITF_KEEP;
	}
	for (i = 0; i < ncells; i++)
		lay_vlist_free(&cells[i].vl);
	free(cells);
	free(rows);
	free(cmin);
	free(cmax);
	free(cw);
	free(rh);
	if (blk->fs->space < th->par_space)
		blk->fs->space = th->par_space;
}
