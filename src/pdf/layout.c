/*
 * layout.c — the PDF layout layer's block formatting: walks the document
 * tree and fills a vertical list of items (layout.h) — paragraphs and
 * headings through layout_para.c, tables through layout_table.c, and here
 * lists, definition lists, block quotes, pre, rules, images, the table of
 * contents, charts and signature lines — then hands the list to the
 * paginator (layout_page.c).  Also the layer's shared services: metric
 * caches, the string arena, item and op allocation, anchors, source
 * positions for diagnostics.  No PDF syntax here.
 *
 * Block nesting is recursive; the document parser caps nesting at 256.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../tmpl/tmpl.h"
#include "../doc/chartgeom.h"
#include "layout.h"

static void	S_block(struct lay *, struct lay_blk *, const struct doc_node *,
		    const struct lay_style *);

void
lay_init(struct lay *L, struct diag *d, const struct pdf_theme *th,
    const struct lay_fonts *fonts, const char *const *imgdirs)
{
	memset(L, 0, sizeof(*L));
	L->d = d;
	L->th = L->theme = th;
	L->fonts = fonts;
	L->imgdirs = imgdirs;
}

void
lay_vlist_free(struct lay_vlist *vl)
{
	size_t i, j;

	for (i = 0; i < vl->n; i++) {
		struct lay_row *r = vl->it[i].row;

		if (r == NULL)
			continue;
		for (j = 0; j < r->ncells; j++)
			lay_vlist_free(&r->cells[j].vl);
		free(r->cells);
		free(r);
	}
	free(vl->it);
	free(vl->ops);
	memset(vl, 0, sizeof(*vl));
}

/* Forgets the results of a pass (keeps caches). */
const char *const lay_se_name[SE__MAX] = {
	"", "Document", "Sect", "Div", "H1", "H2", "H3", "H4",
	"P", "L", "LI", "Lbl", "LBody", "Table", "THead", "TBody",
	"TR", "TH", "TD", "Figure", "Link", "TOC", "TOCI",
	"BlockQuote",
};

uint32_t
lay_se_new(struct lay *L, int type, uint32_t parent)
{
	struct lay_se *e;

	if (L->nse == 0)
		L->nse = 1;
	if (L->nse >= L->capse) {
		L->capse = L->capse ? L->capse * 2 : 256;
		L->se = xreallocarray(L->se, L->capse, sizeof(*L->se));
	}
	e = &L->se[L->nse];
	memset(e, 0, sizeof(*e));
	e->type = (unsigned char)type;
	e->parent = parent;
	return (uint32_t)L->nse++;
}

/* Sets the alternative text of element se. */
static void
S_se_alt(struct lay *L, uint32_t se, const char *s, size_t n)
{
	L->se[se].alt = lay_str(L, s, n);
	L->se[se].altlen = (uint32_t)n;
}

static void
S_reset(struct lay *L)
{
	lay_vlist_free(&L->main);
	lay_vlist_free(&L->frame);
	buf_reset(&L->arena);
	L->ntables = 0;
	L->npages = L->npops = 0;
	lay_anchors_free(L->anch, L->capanch);
	L->anch = NULL;
	L->nanch = L->capanch = 0;
	L->nmiss = 0;
	while (L->nmissat > 0)
		free(L->missat[--L->nmissat].file);
	L->nse = 1;
	while (L->norgs > 0)
		og_free(&L->orgs[--L->norgs]);
}

void
lay_free(struct lay *L)
{
	S_reset(L);
	free(L->orgs);
	buf_free(&L->arena);
	free(L->hdr);
	free(L->nhdr);
	free(L->pages);
	free(L->pops);
	lay_anchors_free(L->prev, L->capprev);
	free(L->miss);
	free(L->missat);
	free(L->srcfile);
	free(L->srctext);
	free(L->se);
	para_free(L->para);
	memset(L, 0, sizeof(*L));
}

int
lay_has(struct lay *L, int face, uint32_t cp)
{
	return L->fonts->has(L->fonts->ctx, face, cp);
}

double
lay_adv(struct lay *L, int face, uint32_t cp, double size)
{
	return L->fonts->advance(L->fonts->ctx, face, cp) * size / 1000.0;
}

uint32_t
lay_str(struct lay *L, const char *s, size_t n)
{
	uint32_t off = (uint32_t)L->arena.len;

	buf_put(&L->arena, s, n);
	buf_putc(&L->arena, '\0');
	return off;
}

struct lay_op *
lay_op_new(struct lay_vlist *vl, enum lay_opk k)
{
	struct lay_op *op;

	if (vl->nops == vl->capops) {
		vl->capops = vl->capops ? vl->capops * 2 : 8;
		vl->ops = xreallocarray(vl->ops, vl->capops, sizeof(*op));
	}
	op = &vl->ops[vl->nops++];
	memset(op, 0, sizeof(*op));
	op->kind = (unsigned char)k;
	op->se = vl->se;
	return op;
}

/* Gives back the unused capacity of a finished list (table cells). */
void
lay_vlist_shrink(struct lay_vlist *vl)
{
	if (vl->cap > vl->n && vl->n > 0) {
		vl->it = xreallocarray(vl->it, vl->n, sizeof(*vl->it));
		vl->cap = vl->n;
	}
	if (vl->capops > vl->nops && vl->nops > 0) {
		vl->ops = xreallocarray(vl->ops, vl->nops, sizeof(*vl->ops));
		vl->capops = vl->nops;
	}
}

struct lay_item *
lay_item_new(struct lay_vlist *vl, enum lay_itk k, double h)
{
	struct lay_item *it;

	if (vl->n == vl->cap) {
		vl->cap = vl->cap ? vl->cap * 2 : 4;
		vl->it = xreallocarray(vl->it, vl->cap, sizeof(*it));
	}
	it = &vl->it[vl->n++];
	memset(it, 0, sizeof(*it));
	it->kind = (unsigned char)k;
	it->h = h;
	it->tbl = -1;
	it->op0 = vl->nops;
	return it;
}

void
lay_pos(const struct doc_node *n, struct rb_pos *pos, char *file,
    size_t filesz)
{
	const struct doc_node *a;
	const char *v, *c1, *c2;

	*pos = n->pos;
	for (a = n; a; a = a->parent) {
		if (a->tag == DOC_TEXT || (v = doc_attr(a, "data-src")) == NULL)
			continue;
		if ((c2 = strrchr(v, ':')) == NULL || c2 == v)
			continue;
		for (c1 = c2 - 1; c1 > v && *c1 != ':'; c1--)
			continue;
		if (*c1 != ':' || (size_t)(c1 - v) >= filesz)
			continue;
		memcpy(file, v, (size_t)(c1 - v));
		file[c1 - v] = '\0';
		pos->file = file;
		pos->line = atoi(c1 + 1);
		pos->col = atoi(c2 + 1);
		return;
	}
}

static void	S_missat_add(struct lay *, const char *, uint32_t, int, int);

/*
 * Whether path, a data-src a template wrote, names a file rolebook may
 * read: inside the content folder top (lexically: top's name, then '/'),
 * with no ".." (docs/security.md, promise 1: a template cannot make
 * rolebook read a file elsewhere).  "." takes any relative path.
 */
static int
S_src_inside(const char *path, const char *top)
{
	size_t n = strlen(top);
	const char *p;

	for (p = path; (p = strstr(p, "..")) != NULL; p += 2)
		if ((p == path || p[-1] == '/') && (p[2] == '/' || p[2] == '\0'))
			return 0;
	if (strcmp(top, ".") == 0)
		return path[0] != '/' && path[0] != '\0';
	while (n > 1 && top[n - 1] == '/')	/* "content/" */
		n--;
	return n > 0 && strncmp(path, top, n) == 0 && path[n] == '/' &&
	    path[n + 1] != '\0';
}

/*
 * Moves pos (an element's start) to where cp is in its source: the first
 * occurrence there not reported yet, so the same character twice in one
 * element is reported at each place; returns its offset in *text, the
 * source's text.  pos stays, and -1 is returned, when the file cannot be
 * read or cp is not in it (a template's own text, a character reference);
 * -2 when every place of it there was reported already (the same text
 * shown twice: in a table and a heading, on a page and in its contents).
 * The file is read again, once per file in a row, only inside L->srcdir
 * (S_src_inside()); a GB18030 or Big5 one is converted as the loaders
 * convert it.
 */
static long
S_missing_at(struct lay *L, struct rb_pos *pos, uint32_t cp,
    const char **text, size_t *textlen)
{
	char *data = NULL, *u8 = NULL;
	const char *why;
	size_t len = 0, u8len, bad, i;
	long off;
	int nth, line, col, big5;

	if (pos->file == NULL || pos->line < 1)
		return -1;
	if (L->srcfile == NULL || strcmp(L->srcfile, pos->file) != 0) {
		free(L->srcfile);
		free(L->srctext);
		L->srcfile = xstrdup(pos->file);
		L->srctext = NULL;
		L->srclen = 0;
		if (L->srcdir != NULL && S_src_inside(pos->file, L->srcdir) &&
		    file_read_in(pos->file, L->srcdir, 64u << 20, &data, &len,
		    &why) == 0) {
			if (utf8_invalid(data, len) == NULL) {
				L->srctext = data;
				L->srclen = len;
			} else if (cjk_to_utf8(data, len, &u8, &u8len, &bad,
			    &big5) == 0) {
				free(data);
				L->srctext = u8;
				L->srclen = u8len;
			} else
				free(data);
		}
	}
	if (L->srctext == NULL)
		return -1;
	/* a BOM is not a column (the loaders drop it) */
	data = L->srctext;
	len = L->srclen;
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
		data += 3;
		len -= 3;
	}
	for (nth = 0; (off = utf8_find_cp(data, len, pos->line, pos->col, cp,
	    nth)) >= 0; nth++) {
		utf8_linecol(data, (size_t)off, &line, &col);
		for (i = 0; i < L->nmissat; i++)
			if (L->missat[i].cp == cp &&
			    L->missat[i].line == line &&
			    L->missat[i].col == col &&
			    strcmp(L->missat[i].file, pos->file) == 0)
				break;
		if (i == L->nmissat)
			break;			/* not reported yet */
	}
	if (off < 0)		/* none, or every one said already */
		return nth > 0 ? -2 : -1;
	*text = data;
	*textlen = len;
	S_missat_add(L, pos->file, cp, line, col);
	pos->line = line;
	pos->col = col;
	return off;
}

static void
S_missat_add(struct lay *L, const char *file, uint32_t cp, int line, int col)
{
	if (L->nmissat == L->capmissat) {
		L->capmissat = L->capmissat ? L->capmissat * 2 : 16;
		L->missat = xreallocarray(L->missat, L->capmissat,
		    sizeof(*L->missat));
	}
	L->missat[L->nmissat].cp = cp;
	L->missat[L->nmissat].line = line;
	L->missat[L->nmissat].col = col;
	L->missat[L->nmissat++].file = xstrdup(file);
}

/* Whether cp may be named in a run of missing characters (else alone). */
static int
S_runnable(uint32_t cp)
{
	return cp > ' ' && !(cp >= 0x7F && cp < 0xA0) && cp != 0xFFFD &&
	    !(cp >= 0xD800 && cp < 0xE000) && cp != 0x3000;
}

static int
S_reported(const struct lay *L, const struct doc_node *n, uint32_t cp)
{
	size_t i;

	for (i = 0; i < L->nmiss; i++)
		if (L->miss[i].cp == cp && L->miss[i].n == n)
			return 1;
	return 0;
}

static void
S_reported_add(struct lay *L, const struct doc_node *n, uint32_t cp)
{
	if (L->nmiss == L->capmiss) {
		L->capmiss = L->capmiss ? L->capmiss * 2 : 16;
		L->miss = xreallocarray(L->miss, L->capmiss,
		    sizeof(*L->miss));
	}
	L->miss[L->nmiss].cp = cp;
	L->miss[L->nmiss++].n = n;
}

/*
 * Reports cp, missing from face, once per text node: at the place in its
 * source where it is written, with the characters after it there that
 * the face lacks too (a word in another script is one message, not one
 * per letter; each of them is then reported for n).
 */
void
lay_missing(struct lay *L, const struct doc_node *n, int face, uint32_t cp)
{
	struct rb_pos pos, at;
	char file[1024];
	uint32_t run[64], c;
	const char *text = NULL;
	size_t nrun = 1, len = 0, i, k;
	long off;

	if (S_reported(L, n, cp))
		return;
	S_reported_add(L, n, cp);
	lay_pos(n, &pos, file, sizeof(file));
	run[0] = cp;
	if ((off = S_missing_at(L, &pos, cp, &text, &len)) == -2) {
		L->errors++;		/* said where it is written */
		return;
	}
	if (off >= 0 && S_runnable(cp)) {
		at = pos;
		i = (size_t)off + ((k = utf8_decode(text + off, len -
		    (size_t)off, &c)) ? k : 1);
		while (nrun < sizeof(run) / sizeof(run[0]) && i < len) {
			if ((k = utf8_decode(text + i, len - i, &c)) == 0 ||
			    !S_runnable(c) || lay_has(L, face, c))
				break;
			run[nrun++] = c;
			at.col++;
			S_missat_add(L, pos.file, c, at.line, at.col);
			if (!S_reported(L, n, c))
				S_reported_add(L, n, c);
			i += k;
		}
	}
	L->fonts->missing(L->fonts->ctx, L->d, &pos, face, run, nrun);
	L->errors++;
}

/* FNV-1a */
static size_t
S_hash(const char *s)
{
	size_t h = 2166136261u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

const struct lay_anchor *
lay_anchor_find(const struct lay_anchor *a, size_t cap, const char *id)
{
	size_t i;

	if (cap == 0)
		return NULL;
	for (i = S_hash(id) & (cap - 1); a[i].id; i = (i + 1) & (cap - 1))
		if (strcmp(a[i].id, id) == 0)
			return &a[i];
	return NULL;
}

void
lay_anchors_free(struct lay_anchor *a, size_t cap)
{
	size_t i;

	for (i = 0; a && i < cap; i++)
		free(a[i].id);
	free(a);
}

/* Records id at page, y unless already known (the first one wins). */
void
lay_anchor_set(struct lay *L, const char *id, int page, double y)
{
	size_t i;

	if (2 * (L->nanch + 1) > L->capanch) {
		struct lay_anchor *old = L->anch;
		size_t oldcap = L->capanch;

		L->capanch = oldcap ? oldcap * 2 : 64;
		L->anch = xcalloc(L->capanch, sizeof(*L->anch));
		for (i = 0; i < oldcap; i++) {
			size_t j;

			if (old[i].id == NULL)
				continue;
			j = S_hash(old[i].id) & (L->capanch - 1);
			while (L->anch[j].id)
				j = (j + 1) & (L->capanch - 1);
			L->anch[j] = old[i];
		}
		free(old);
	}
	i = S_hash(id) & (L->capanch - 1);
	for (; L->anch[i].id; i = (i + 1) & (L->capanch - 1))
		if (strcmp(L->anch[i].id, id) == 0)
			return;
	L->anch[i].id = xstrdup(id);
	L->anch[i].page = page;
	L->anch[i].y = y;
	L->nanch++;
}

/* Emits the pending vertical space as glue. */
void
blk_space(struct lay *L, struct lay_blk *blk)
{
	struct lay_flow *fs = blk->fs;
	struct lay_item *it;

	if (fs->first) {
		fs->space = 0;
		return;
	}
	if (fs->space <= 0)
		return;
	it = lay_item_new(fs->vl, IT_GLUE, fs->space);
	it->x = blk->x;
	it->w = blk->w;
	if (fs->keep)
		it->flags |= ITF_KEEP;
	blk_decorate(L, blk, it);
	fs->space = 0;
}

static void
S_want_space(struct lay_blk *blk, double v)
{
	if (v > blk->fs->space)
		blk->fs->space = v;
}

/* The pending anchors, bookmarks and list marker go onto content item it;
 * bars and backgrounds onto every item. */
void
blk_decorate(struct lay *L, struct lay_blk *blk, struct lay_item *it)
{
	struct lay_flow *fs = blk->fs;
	struct lay_op *op;
	int i;

	for (i = 0; i < blk->nbars; i++) {
		op = lay_op_new(fs->vl, LOP_RECT);
		op->se = 0;		/* artifact */
		op->x = blk->bars[i];
		op->w = 2;
		op->h = it->h;
		op->color = L->th->color_rule;
	}
	if (blk->bg != LAY_NONE && it->kind == IT_LINE) {
		op = lay_op_new(fs->vl, LOP_RECT);
		op->se = 0;
		op->x = blk->bgx;
		op->w = blk->bgw;
		op->h = it->h;
		op->color = blk->bg;
	}
	if (it->kind == IT_GLUE)
		return;
	fs->first = 0;
	/* after a heading: its first line of text stays with the next item
	 * too (a heading with at least two lines of what follows) */
	if (fs->keep > 1 && it->kind == IT_LINE) {
		it->flags |= ITF_KEEP;
		fs->keep--;
	} else
		fs->keep = 0;
	for (i = 0; i < fs->nanch; i++) {
		const struct doc_node *n = fs->anch[i];

		if (n->id) {
			op = lay_op_new(fs->vl, LOP_ANCHOR);
			op->str = lay_str(L, n->id, strlen(n->id));
			op->len = (uint32_t)strlen(n->id);
		}
		if (n->tag == DOC_H1 || n->tag == DOC_H2) {
			struct buf b = BUF_INIT;

			doc_plain_text(n, &b);
			op = lay_op_new(fs->vl, LOP_OUTLINE);
			op->level = (unsigned char)(n->tag - DOC_H1);
			op->str = lay_str(L, b.data ? b.data : "", b.len);
			op->len = (uint32_t)b.len;
			buf_free(&b);
		}
	}
	fs->nanch = 0;
	if (fs->marker) {
		const struct lay_style *st = &fs->mstyle;
		double tsize = fs->mtext;
		double lh = it->kind == IT_LINE ? it->h :
		    tsize * L->th->leading;

		op = lay_op_new(fs->vl, LOP_TEXT);
		op->se = fs->mse;	/* Lbl */
		op->flags = LOPF_MARKER;
		op->face = (unsigned char)st->face;
		op->size = st->size;
		op->color = st->color;
		op->x = fs->markerx;
		op->y = (lh - tsize) / 2 + tsize * 0.88 - fs->mraise;
		op->str = lay_str(L, fs->marker, fs->markerlen);
		op->len = (uint32_t)fs->markerlen;
		fs->marker = NULL;
	}
}

static void
S_pend_anchor(struct lay_blk *blk, const struct doc_node *n)
{
	if (blk->fs->nanch < (int)(sizeof(blk->fs->anch) /
	    sizeof(blk->fs->anch[0])))
		blk->fs->anch[blk->fs->nanch++] = n;
}

/* Finishes a box item: ops since op0 belong to it. */
static struct lay_item *
S_box(struct lay *L, struct lay_blk *blk, double h, int tag, double x,
    double w)
{
	struct lay_item *it;

	blk_space(L, blk);
	it = lay_item_new(blk->fs->vl, IT_BOX, h);
	it->tag = (unsigned char)tag;
	it->x = x;
	it->w = w;
	blk_decorate(L, blk, it);
	return it;
}

static void
S_heading(struct lay *L, struct lay_blk *blk, const struct doc_node *n,
    const struct lay_style *base)
{
	const struct pdf_theme *th = L->th;
	struct lay_style st = *base;
	struct lay_blk hb = *blk;
	int level = n->tag - DOC_H1;
	size_t i, first;
	double size = th->size_h[level];

	if (level == 0 && th->h1_new_page && !blk->fs->first) {
		struct lay_item *it = lay_item_new(blk->fs->vl, IT_BREAK, 0);

		it->tag = (unsigned char)n->tag;
		blk->fs->space = 0;
	}
	st.face = FACE_BOLD;
	st.size = size;
	st.color = th->color_heading;
	if (level == 0 && blk->fs->vl == &L->main && blk->align == AL_CENTER)
		st.size = th->size_title;
	if (level <= 1)
		S_pend_anchor(blk, n);
	S_want_space(blk, th->h_before * st.size);
	if (hb.align == AL_JUSTIFY)
		hb.align = AL_LEFT;
	/* headings set tighter than running text */
	if (th->leading > 1.3)
		hb.leading = 1.3;
	first = blk->fs->vl->n;
	para_layout(L, &hb, n->first, NULL, &st, n->tag, 0, NULL);
	for (i = first; i < blk->fs->vl->n; i++)
		blk->fs->vl->it[i].flags |= ITF_KEEP;
	blk->fs->keep = 2;
	blk->fs->space = th->h_after * st.size;
}

/*
 * Marker text of item number k of list n at depth; *scale is the size of
 * the marker relative to the text (CJK fonts have no U+2022 bullet: their
 * full-width circles and squares are drawn smaller).
 */
static void
S_marker(const struct doc_node *n, long k, int depth, struct lay *L,
    const struct lay_style *st, struct buf *b, double *scale)
{
	static const char *const bullets[] = { "\xe2\x80\xa2",	/* • */
	    "\xe2\x97\xa6", "\xe2\x96\xaa" };	/* ◦ ▪ */
	static const char *const cjk[] = { "\xe2\x97\x8f",	/* ● */
	    "\xe2\x97\x8b", "\xe2\x96\xa0" };	/* ○ ■ */
	uint32_t cp;

	buf_reset(b);
	*scale = 1;
	if (n->tag == DOC_UL) {
		const char *bu = bullets[depth % 3];

		utf8_decode(bu, strlen(bu), &cp);
		if (!lay_has(L, st->face, cp)) {
			bu = cjk[depth % 3];
			*scale = 0.45;
			utf8_decode(bu, strlen(bu), &cp);
			if (!lay_has(L, st->face, cp)) {
				bu = "-";
				*scale = 1;
			}
		}
		buf_puts(b, bu);
		return;
	}
	if (doc_has_class(n, "cn") && k >= 1 && k <= 9999) {
		tmpl_cn_ordinal(b, k);
		buf_puts(b, "\xe3\x80\x81");		/* 、 */
	} else if (doc_has_class(n, "cn-paren") && k >= 1 && k <= 9999) {
		buf_puts(b, "\xef\xbc\x88");		/* （ */
		tmpl_cn_ordinal(b, k);
		buf_puts(b, "\xef\xbc\x89");		/* ） */
	} else if (doc_has_class(n, "paren"))
		buf_printf(b, "(%ld)", k);
	else
		buf_printf(b, "%ld.", k);
}

int
lay_text_width_check(struct lay *L, const struct doc_node *n, int face,
    const char *s, size_t len, double size, double *w)
{
	size_t i = 0, k;
	uint32_t cp;
	int ok = 1;

	*w = 0;
	while (i < len) {
		if ((k = utf8_decode(s + i, len - i, &cp)) == 0)
			k = 1;
		i += k;
		if (!lay_has(L, face, cp)) {
			lay_missing(L, n, face, cp);
			ok = 0;
			continue;
		}
		*w += lay_adv(L, face, cp, size);
	}
	return ok;
}

static void
S_list(struct lay *L, struct lay_blk *blk, const struct doc_node *n,
    const struct lay_style *st)
{
	const struct doc_node *li;
	struct buf mk = BUF_INIT;
	struct lay_blk ib;
	double indent, mw, maxw = 0, scale;
	long k, start = 1;
	const char *v;

	if (n->tag == DOC_OL && (v = doc_attr(n, "start")) != NULL) {
		start = strtol(v, NULL, 10);	/* doc_parse checked it */
		if (start < 0 || start > DOC_OL_START_MAX)
			start = DOC_OL_START_MAX;
	}
	for (k = start, li = n->first; li; li = li->next, k++) {
		S_marker(n, k, blk->listdepth, L, st, &mk, &scale);
		lay_text_width_check(L, n, st->face, mk.data, mk.len,
		    st->size * scale, &mw);
		if (mw > maxw)
			maxw = mw;
	}
	indent = L->th->list_indent * st->size;
	if (maxw + st->size * 0.5 > indent)
		indent = maxw + st->size * 0.5;
	if (indent > blk->w / 2)
		indent = blk->w / 2;
	S_want_space(blk, blk->listdepth ? L->th->par_space * 0.25 :
	    L->th->par_space);
	for (k = start, li = n->first; li; li = li->next, k++) {
		uint32_t lse = blk->fs->vl->se, ise;

		if (li->id)
			S_pend_anchor(blk, li);
		S_marker(n, k, blk->listdepth, L, st, &mk, &scale);
		lay_text_width_check(L, n, st->face, mk.data, mk.len,
		    st->size * scale, &mw);
		ib = *blk;
		ib.x = blk->x + indent;
		ib.w = blk->w - indent;
		ib.listdepth = blk->listdepth + 1;
		blk->fs->marker = mk.data;
		blk->fs->markerlen = mk.len;
		blk->fs->mstyle = *st;
		blk->fs->mstyle.size = st->size * scale;
		/* centre a small bullet on the text's middle */
		blk->fs->mraise = 0.38 * (st->size - st->size * scale);
		blk->fs->mtext = st->size;
		if (n->tag == DOC_UL)
			blk->fs->markerx = blk->x + (indent - mw) / 2;
		else
			blk->fs->markerx = blk->x + indent - st->size * 0.35 -
			    mw;
		if (li != n->first)
			S_want_space(blk, L->th->par_space * 0.25);
		/* LI: Lbl (the marker), LBody (the content); a bullet is
		 * an artifact (the L says it is a list; a number says
		 * more: docs/accessibility.md) */
		ise = lay_se_new(L, SE_LI, lse);
		blk->fs->mse = n->tag == DOC_UL ? 0 :
		    lay_se_new(L, SE_LBL, ise);
		blk->fs->vl->se = lay_se_new(L, SE_LBODY, ise);
		lay_flow(L, &ib, li, st);
		blk->fs->vl->se = lse;
		blk->fs->marker = NULL;
	}
	S_want_space(blk, blk->listdepth ? L->th->par_space * 0.25 :
	    L->th->par_space);
	buf_free(&mk);
}

/* Reads width and height of a PNG; 0 when fine, -1 with a message. */
static int
S_png_size(const char *path, int *w, int *h, int *depth, const char **why)
{
	unsigned char hd[33];
	FILE *f;
	size_t n;

	if ((f = fopen(path, "rb")) == NULL) {
		*why = strerror(errno);
		return -1;
	}
	n = fread(hd, 1, sizeof(hd), f);
	fclose(f);
	if (n < sizeof(hd) || memcmp(hd, "\x89PNG\r\n\x1a\n", 8) != 0 ||
	    memcmp(hd + 12, "IHDR", 4) != 0) {
		*why = "not a PNG file";
		return -1;
	}
	*w = (hd[16] << 24) | (hd[17] << 16) | (hd[18] << 8) | hd[19];
	*h = (hd[20] << 24) | (hd[21] << 16) | (hd[22] << 8) | hd[23];
	*depth = hd[24];
	if (*w <= 0 || *h <= 0) {
		*why = "bad PNG size";
		return -1;
	}
	return 0;
}

static void
S_diag(struct lay *L, const struct doc_node *n, const char *msg)
{
	struct rb_pos pos;
	char file[1024];

	lay_pos(n, &pos, file, sizeof(file));
	diag_pos(L->d, DIAG_ERROR, &pos, "%s", msg);
	L->errors++;
}

/* Is path inside folder dir once symlinks are resolved?  Else *why. */
static int
S_inside(const char *path, const char *dir, const char **why)
{
	char *rp = realpath(path, NULL), *rd;
	int err = errno, in;
	size_t n;

	if ((rd = realpath(dir, NULL)) == NULL)
		err = errno;
	n = rd ? strlen(rd) : 0;
	in = rp && rd && strncmp(rp, rd, n) == 0 && rp[n] == '/';
	if (rp == NULL || rd == NULL)
		*why = strerror(err);
	else if (!in)
		*why = "a symlink leading out of its folder";
	free(rp);
	free(rd);
	return in;
}

static void
S_img(struct lay *L, struct lay_blk *blk, const struct doc_node *n)
{
	const char *src = doc_attr(n, "src"), *v, *why = "not found";
	const char *const *dir;
	char *path = NULL;
	int pw = 0, ph = 0, depth = 0;
	double w, h, maxh;
	struct lay_item *it;
	struct lay_op *op;

	if (src == NULL)
		return;
	if (src[0] == '/' || strstr(src, "..") != NULL ||
	    strchr(src, ':') != NULL) {
		path = xasprintf("image '%s' must be a relative path inside "
		    "the content or templates folder", src);
		S_diag(L, n, path);
		free(path);
		return;
	}
	for (dir = L->imgdirs; dir && *dir; dir++) {
		free(path);
		path = xasprintf("%s/%s", *dir, src);
		if (!S_inside(path, *dir, &why)) {
			if (strcmp(why, strerror(ENOENT)) == 0)
				continue;
			break;
		}
		if (S_png_size(path, &pw, &ph, &depth, &why) == 0)
			break;
		if (strcmp(why, strerror(ENOENT)) != 0)
			break;
	}
	/* Only the image folders: no fallback to the working folder
	 * (docs/security.md: nothing read outside content and templates). */
	if (dir == NULL || *dir == NULL || pw == 0)
		goto bad;
	if (depth == 16) {
		why = "a 16-bit PNG; save it with 8 bits per channel";
		goto bad;
	}
	w = pw * 0.75;
	h = ph * 0.75;
	if ((v = doc_attr(n, "width")) != NULL) {
		double nw = atof(v) * 0.75;

		if (doc_attr(n, "height") == NULL && nw > 0)
			h = h * nw / w;
		w = nw;
	}
	if ((v = doc_attr(n, "height")) != NULL)
		h = atof(v) * 0.75;
	if (w > blk->w) {
		h = h * blk->w / w;
		w = blk->w;
	}
	maxh = (L->th->page_h - L->th->margin_top - L->th->margin_bottom) *
	    0.9;
	if (h > maxh) {
		w = w * maxh / h;
		h = maxh;
	}
	S_want_space(blk, L->th->par_space);
	it = S_box(L, blk, h, DOC_IMG, blk->x, w);
	op = lay_op_new(blk->fs->vl, LOP_IMAGE);
	op->x = blk->x;
	if (blk->align == AL_CENTER)
		op->x += (blk->w - w) / 2;
	it->x = op->x;
	op->w = w;
	op->h = h;
	op->node = n;
	op->str = lay_str(L, path, strlen(path));
	op->len = (uint32_t)strlen(path);
	it->nops = blk->fs->vl->nops - it->op0;
	S_want_space(blk, L->th->par_space);
	free(path);
	return;
bad:
	free(path);
	path = xasprintf("cannot use image '%s': %s", src, why);
	S_diag(L, n, path);
	free(path);
}

static void
S_hr(struct lay *L, struct lay_blk *blk)
{
	double h = L->th->par_space * 2;
	struct lay_item *it = S_box(L, blk, h, DOC_HR, blk->x, blk->w);
	struct lay_op *op = lay_op_new(blk->fs->vl, LOP_LINE);

	op->se = 0;		/* a rule is an artifact */
	op->x = blk->x;
	op->y = h / 2;
	op->w = blk->w;
	op->size = L->th->rule_width;
	op->color = L->th->color_rule;
	it->nops = blk->fs->vl->nops - it->op0;
}

/* Height [pt] an org chart's sheets may take: the body less room for a
 * heading kept with the first one. */
double
lay_org_maxh(const struct pdf_theme *th)
{
	return (float)(th->page_h - th->margin_top - th->margin_bottom -
	    3 * th->size_h[0]);
}

/* An org chart: one box per sheet (orgtree.h). */
static void
S_orgchart(struct lay *L, struct lay_blk *blk, const struct doc_node *n)
{
	struct og_chart *og;
	struct lay_item *it;
	struct lay_op *op;
	struct buf t = BUF_INIT;
	uint32_t parent = blk->fs->vl->se;
	double w = (float)blk->w, maxh = lay_org_maxh(L->th), h;
	size_t s;

	if (L->norgs == L->caporgs) {
		L->caporgs = L->caporgs ? L->caporgs * 2 : 4;
		L->orgs = xreallocarray(L->orgs, L->caporgs,
		    sizeof(*L->orgs));
	}
	og = &L->orgs[L->norgs];
	L->fonts->org_layout(L->fonts->ctx, n, w, maxh, og);
	S_want_space(blk, L->th->par_space);
	for (s = 0; s < og->nsheet; s++) {
		h = L->fonts->org_height(L->fonts->ctx, og, s);
		if (s > 0)
			S_want_space(blk, L->th->par_space * 2);
		/* each sheet a Figure, its alt the part it draws */
		blk->fs->vl->se = lay_se_new(L, SE_FIGURE, parent);
		og_sheet_alt(&t, og, s, n);
		S_se_alt(L, blk->fs->vl->se, t.data ? t.data : "",
		    t.len);
		buf_reset(&t);
		it = S_box(L, blk, h, n->tag, blk->x, blk->w);
		op = lay_op_new(blk->fs->vl, LOP_CHART);
		op->x = blk->x;
		op->w = w;
		op->h = h;
		op->size = maxh;
		op->str = (uint32_t)L->norgs;
		op->len = (uint32_t)s;
		op->node = n;
		it->nops = blk->fs->vl->nops - it->op0;
		blk->fs->vl->se = parent;
	}
	buf_free(&t);
	L->norgs++;
	S_want_space(blk, L->th->par_space);
}

static void
S_chart(struct lay *L, struct lay_blk *blk, const struct doc_node *n)
{
	double h = L->th->chart_height, maxh;
	struct lay_item *it;
	struct lay_op *op;

	if (n->tag == DOC_ORGCHART && L->fonts->org_layout) {
		S_orgchart(L, blk, n);
		return;
	}
	if (L->fonts->chart_height)
		h = L->fonts->chart_height(L->fonts->ctx, n, blk->w);
	maxh = L->th->page_h - L->th->margin_top - L->th->margin_bottom;
	if (h > maxh)
		h = maxh;
	if (h < 1)
		h = 1;
	S_want_space(blk, L->th->par_space);
	it = S_box(L, blk, h, n->tag, blk->x, blk->w);
	op = lay_op_new(blk->fs->vl, LOP_CHART);
	op->x = blk->x;
	op->w = blk->w;
	op->h = h;
	op->str = UINT32_MAX;
	op->node = n;
	it->nops = blk->fs->vl->nops - it->op0;
	S_want_space(blk, L->th->par_space);
}

/* A text op of s at (x, baseline y); checks the characters. */
static void
S_text_op(struct lay *L, struct lay_vlist *vl, const struct doc_node *n,
    const char *s, const struct lay_style *st, double x, double y,
    int center, double w)
{
	struct lay_op *op;
	double tw;

	lay_text_width_check(L, n, st->face, s, strlen(s), st->size, &tw);
	op = lay_op_new(vl, LOP_TEXT);
	op->face = (unsigned char)st->face;
	op->size = st->size;
	op->color = st->color;
	op->x = center ? x + (w - tw) / 2 : x;
	op->y = y;
	op->w = tw;
	op->str = lay_str(L, s, strlen(s));
	op->len = (uint32_t)strlen(s);
}

/* Signature lines: up to three a row, a line to sign on, label, sub. */
static void
S_signature(struct lay *L, struct lay_blk *blk, const struct doc_node *n,
    const struct lay_style *st)
{
	const struct doc_node *c;
	struct lay_style small = *st;
	struct lay_item *it;
	struct lay_op *op;
	int count = 0, per, i, rows;
	double cw, gap = st->size * 2, rowh, h, y;

	for (c = n->first; c; c = c->next)
		count++;
	if (count == 0)
		return;
	per = count < 3 ? count : 3;
	rows = (count + per - 1) / per;
	cw = (blk->w - gap * (per - 1)) / per;
	small.size = L->th->size_small;
	small.color = L->th->color_muted;
	/* room to sign, the line, the label with its sub after it */
	rowh = L->th->sign_space + st->size * L->th->leading;
	h = rows * rowh + (rows - 1) * st->size;
	S_want_space(blk, L->th->par_space * 2);
	/* never alone on a page: the lines keep with the last item before
	 * them (a table's last row, under its repeated header; a
	 * paragraph's last two lines) */
	if (blk->fs->vl->n > 0) {
		blk->fs->vl->it[blk->fs->vl->n - 1].flags |= ITF_KEEP;
		blk->fs->keep = 1;
	}
	it = S_box(L, blk, h, DOC_SIGNATURE, blk->x, blk->w);
	for (i = 0, c = n->first; c; c = c->next, i++) {
		double x = blk->x + (i % per) * (cw + gap), lw = 0;
		const char *label = doc_attr(c, "label"), *sub;

		y = (i / per) * (rowh + st->size);
		if (c->id) {
			op = lay_op_new(blk->fs->vl, LOP_ANCHOR);
			op->y = (float)y;
			op->str = lay_str(L, c->id, strlen(c->id));
			op->len = (uint32_t)strlen(c->id);
		}
		op = lay_op_new(blk->fs->vl, LOP_LINE);
		op->x = (float)x;
		op->y = (float)(y + L->th->sign_space);
		op->w = (float)cw;
		op->size = 0.75f;
		op->color = L->th->color_text;
		y += L->th->sign_space;
		if (label) {
			S_text_op(L, blk->fs->vl, c, label, st, x,
			    y + st->size * 1.3, 0, cw);
			lay_text_width_check(L, c, st->face, label,
			    strlen(label), st->size, &lw);
		}
		if ((sub = doc_attr(c, "sub")) != NULL) {
			struct lay_style ss = small;
			double sw, room;

			if (lw > 0)
				lw += st->size * 0.5;
			room = cw - lw;
			lay_text_width_check(L, c, ss.face, sub, strlen(sub),
			    ss.size, &sw);
			/* never past the line: a long sub gets smaller */
			if (sw > room && sw > 0)
				ss.size = ss.size * (room > 0 ? room : 1) / sw;
			S_text_op(L, blk->fs->vl, c, sub, &ss, x + lw,
			    y + st->size * 1.3, 0, cw);
		}
	}
	it = &blk->fs->vl->it[blk->fs->vl->n - 1];
	it->nops = blk->fs->vl->nops - it->op0;
	S_want_space(blk, L->th->par_space);
}

/* The table of contents: every h1 and h2 with an id. */
static void
S_toc(struct lay *L, struct lay_blk *blk, const struct doc_node *n,
    const struct lay_style *st)
{
	struct doc_node *c = NULL;
	struct lay_style es = *st;
	struct lay_blk eb;
	double reserve, numw;
	char *href;
	int entering;

	lay_text_width_check(L, n, st->face, "0000", 4, st->size, &numw);
	reserve = numw + st->size;
	S_want_space(blk, L->th->par_space);
	while ((c = doc_next(L->root, c, &entering)) != NULL) {
		if (!entering || (c->tag != DOC_H1 && c->tag != DOC_H2) ||
		    c->id == NULL)
			continue;
		eb = *blk;
		eb.align = AL_LEFT;
		es.face = c->tag == DOC_H1 ? FACE_BOLD : FACE_BODY;
		if (c->tag == DOC_H2) {
			eb.x += st->size * 2;
			eb.w -= st->size * 2;
			S_want_space(blk, L->th->par_space * 0.2);
		} else
			S_want_space(blk, L->th->par_space * 0.6);
		href = xasprintf("#%s", c->id);
		eb.linkall = href;
		{
			/* TOCI holding a Link: the entry and its page */
			uint32_t toc = blk->fs->vl->se, lk;
			struct buf t = BUF_INIT;

			lk = lay_se_new(L, SE_LINK, lay_se_new(L, SE_TOCI,
			    toc));
			doc_plain_text(c, &t);
			S_se_alt(L, lk, t.data ? t.data : "", t.len);
			buf_free(&t);
			blk->fs->vl->se = lk;
			para_layout(L, &eb, c->first, NULL, &es, DOC_TOC,
			    reserve, c->id);
			blk->fs->vl->se = toc;
		}
		free(href);
	}
	S_want_space(blk, L->th->par_space);
}

static void
S_block_body(struct lay *L, struct lay_blk *blk, const struct doc_node *n,
    const struct lay_style *st)
{
	const struct pdf_theme *th = L->th;
	struct lay_blk ib;
	struct lay_style cs = *st;
	const struct doc_node *c;
	size_t i, first;

	if (n->id && n->tag != DOC_H1 && n->tag != DOC_H2)
		S_pend_anchor(blk, n);
	ib = *blk;
	if (doc_has_class(n, "center") || doc_has_class(n, "cover"))
		ib.align = AL_CENTER;
	else if (doc_has_class(n, "right"))
		ib.align = AL_RIGHT;
	switch (n->tag) {
	case DOC_DOCUMENT:
	case DOC_SECTION:
	case DOC_DIV:
	case DOC_NAV:
	case DOC_HEADER:
	case DOC_FOOTER:
	case DOC_MAIN:
		if (doc_has_class(n, "cover")) {
			/* the cover starts a quarter down the page */
			double h = (th->page_h - th->margin_top -
			    th->margin_bottom) * 0.22;
			struct lay_item *it;

			blk_space(L, blk);
			it = lay_item_new(blk->fs->vl, IT_BOX, h);
			it->tag = (unsigned char)n->tag;
			it->x = blk->x;
			it->w = blk->w;
			blk_decorate(L, blk, it);
			blk->fs->first = 1;
		}
		lay_flow(L, &ib, n, st);
		break;
	case DOC_H1:
	case DOC_H2:
	case DOC_H3:
	case DOC_H4:
		S_heading(L, &ib, n, st);
		break;
	case DOC_P:
		/* classes of the cover page (see docs/pdf.md) */
		if (doc_has_class(n, "cover-title")) {
			cs.face = FACE_BOLD;
			cs.size = th->size_title;
			cs.color = th->color_heading;
			S_want_space(blk, th->size_title);
		} else if (doc_has_class(n, "cover-company")) {
			cs.size = th->size_h[1];
		} else if (doc_has_class(n, "kicker") ||
		    doc_has_class(n, "cover-confidential"))
			cs.color = th->color_muted;
		S_want_space(blk, th->par_space);
		first = blk->fs->vl->n;
		para_layout(L, &ib, n->first, NULL, &cs, DOC_P, 0, NULL);
		if (doc_has_class(n, "keep-next")) {
			/* the whole paragraph on the page of what follows
			 * (the handbook's 上级 line: with the role's table) */
			for (i = first; i < blk->fs->vl->n; i++)
				blk->fs->vl->it[i].flags |= ITF_KEEP;
			blk->fs->keep = 1;
		}
		S_want_space(blk, doc_has_class(n, "cover-title") ?
		    th->size_title : th->par_space);
		break;
	case DOC_UL:
	case DOC_OL:
		S_list(L, &ib, n, st);
		break;
	case DOC_TABLE:
		table_layout(L, &ib, n, st);
		break;
	case DOC_BLOCKQUOTE:
		S_want_space(blk, th->par_space);
		blk_space(L, blk);
		if (ib.nbars < 8)
			ib.bars[ib.nbars++] = blk->x + st->size * 0.5;
		ib.x += st->size * 1.5;
		ib.w -= st->size * 1.5;
		cs.color = th->color_muted;
		lay_flow(L, &ib, n, &cs);
		S_want_space(blk, th->par_space);
		break;
	case DOC_PRE:
		S_want_space(blk, th->par_space);
		blk_space(L, blk);
		ib.pre = 1;
		ib.align = AL_LEFT;
		ib.bg = th->color_code_bg;
		ib.bgx = blk->x;
		ib.bgw = blk->w;
		ib.x += st->size * 0.5;
		ib.w -= st->size;
		cs.face = FACE_MONO;
		cs.size = th->size_code;
		para_layout(L, &ib, n->first, NULL, &cs, DOC_PRE, 0, NULL);
		S_want_space(blk, th->par_space);
		break;
	case DOC_HR:
		S_want_space(blk, th->par_space);
		S_hr(L, blk);
		S_want_space(blk, th->par_space);
		break;
	case DOC_DL:
		S_want_space(blk, th->par_space);
		for (c = n->first; c; c = c->next) {
			if (c->id)
				S_pend_anchor(blk, c);
			uint32_t dse = blk->fs->vl->se;

			blk->fs->vl->se = lay_se_new(L, c->tag == DOC_DT ?
			    SE_P : SE_DIV, dse);
			if (c->tag == DOC_DT) {
				cs = *st;
				cs.face |= 1;
				S_want_space(blk, th->par_space * 0.5);
				first = blk->fs->vl->n;
				para_layout(L, &ib, c->first, NULL, &cs, DOC_DT,
				    0, NULL);
				/* a term is never alone at a page's foot: it
				 * keeps with its description's first line */
				for (i = first; i < blk->fs->vl->n; i++)
					blk->fs->vl->it[i].flags |= ITF_KEEP;
				blk->fs->keep = 1;
			} else {
				struct lay_blk db = ib;

				db.x += st->size * 2;
				db.w -= st->size * 2;
				lay_flow(L, &db, c, st);
			}
			blk->fs->vl->se = dse;
		}
		S_want_space(blk, th->par_space);
		break;
	case DOC_IMG:
		S_img(L, &ib, n);
		break;
	case DOC_PAGEBREAK: {
		struct lay_item *it = lay_item_new(blk->fs->vl, IT_BREAK, 0);

		it->tag = DOC_PAGEBREAK;
		blk->fs->space = 0;
		break;
	}
	case DOC_TOC:
		S_toc(L, &ib, n, st);
		break;
	case DOC_CHART:
	case DOC_ORGCHART:
		S_chart(L, &ib, n);
		break;
	case DOC_SIGNATURE:
		S_signature(L, &ib, n, st);
		break;
	default:
		/* li, tr, … only occur inside their parents */
		lay_flow(L, &ib, n, st);
		break;
	}
}

/* The structure element of a block element (0: none, or an artifact). */
static int
S_se_type(const struct doc_node *n)
{
	switch (n->tag) {
	case DOC_SECTION:
		return SE_SECT;
	case DOC_DIV: case DOC_NAV: case DOC_HEADER: case DOC_FOOTER:
	case DOC_MAIN: case DOC_DL: case DOC_SIGNATURE:
		return SE_DIV;
	case DOC_H1: return SE_H1;
	case DOC_H2: return SE_H2;
	case DOC_H3: return SE_H3;
	case DOC_H4: return SE_H4;
	case DOC_P: case DOC_PRE:
		return SE_P;
	case DOC_UL: case DOC_OL:
		return SE_L;
	case DOC_TABLE:
		return SE_TABLE;
	case DOC_BLOCKQUOTE:
		return SE_BLOCKQUOTE;
	case DOC_IMG: case DOC_CHART: case DOC_ORGCHART:
		return SE_FIGURE;
	case DOC_TOC:
		return SE_TOC;
	default:
		return SE_NONE;
	}
}

/* Lays out block n inside its structure element (with a Figure's
 * alternative text: the img's alt, a chart's data, who reports to whom). */
static void
S_block(struct lay *L, struct lay_blk *blk, const struct doc_node *n,
    const struct lay_style *st)
{
	struct lay_vlist *vl = blk->fs->vl;
	uint32_t save = vl->se;
	int type = S_se_type(n);

	/* an org chart on pages: a Figure a sheet (S_orgchart) */
	if (n->tag == DOC_ORGCHART && L->fonts->org_layout)
		type = SE_NONE;
	if (type != SE_NONE) {
		vl->se = lay_se_new(L, type, save);
		if (type == SE_FIGURE) {
			struct buf t = BUF_INIT;
			const char *alt;

			if (n->tag == DOC_CHART)
				cg_chart_alt(&t, n);
			else if (n->tag == DOC_ORGCHART)
				cg_org_alt(&t, n);
			else if ((alt = doc_attr(n, "alt")) != NULL)
				buf_puts(&t, alt);
			S_se_alt(L, vl->se, t.data ? t.data : "", t.len);
			buf_free(&t);
		}
	}
	S_block_body(L, blk, n, st);
	vl->se = save;
}

/* Is n inline content (phrasing)? */
static int
S_inline(const struct doc_node *n)
{
	return doc_tag_is_inline(n->tag);
}

/* Whitespace-only text? */
static int
S_blank(const struct doc_node *n)
{
	size_t i;

	if (n->tag != DOC_TEXT)
		return 0;
	for (i = 0; i < n->len; i++)
		if (!strchr(" \t\r\n", n->text[i]))
			return 0;
	return 1;
}

void
lay_flow(struct lay *L, struct lay_blk *blk, const struct doc_node *parent,
    const struct lay_style *st)
{
	const struct doc_node *c, *last;
	int blank;

	for (c = parent->first; c; c = c->next) {
		if (!S_inline(c)) {
			S_block(L, blk, c, st);
			continue;
		}
		/* an anonymous paragraph of consecutive inline nodes */
		blank = 1;
		for (last = c; ; last = last->next) {
			if (!S_blank(last))
				blank = 0;
			if (last->next == NULL || !S_inline(last->next))
				break;
		}
		if (!blank) {
			/* text straight in a grouping element: a P of its own */
			struct lay_vlist *vl = blk->fs->vl;
			uint32_t save = vl->se;
			int t = save ? L->se[save].type : SE_NONE;

			if (t == SE_DOCUMENT || t == SE_SECT || t == SE_DIV ||
			    t == SE_BLOCKQUOTE)
				vl->se = lay_se_new(L, SE_P, save);
			para_layout(L, blk, c, last, st, parent->tag, 0, NULL);
			vl->se = save;
		}
		c = last;
	}
}

void
lay_flow_measure(struct lay *L, const struct doc_node *parent,
    const struct lay_style *st, double *min, double *max)
{
	const struct doc_node *c, *last;
	double a, b, ind;

	*min = *max = 0;
	for (c = parent->first; c; c = c->next) {
		a = b = ind = 0;
		if (S_inline(c)) {
			for (last = c; last->next && S_inline(last->next);
			    last = last->next)
				continue;
			para_measure(L, c, last, st, 0, &a, &b);
			c = last;
		} else switch (c->tag) {
		case DOC_H1: case DOC_H2: case DOC_H3: case DOC_H4: {
			struct lay_style hs = *st;

			hs.face = FACE_BOLD;
			hs.size = L->th->size_h[c->tag - DOC_H1];
			para_measure(L, c->first, NULL, &hs, 0, &a, &b);
			break;
		}
		case DOC_P:
		case DOC_DT:
			para_measure(L, c->first, NULL, st, 0, &a, &b);
			break;
		case DOC_PRE: {
			struct lay_style ps = *st;

			ps.face = FACE_MONO;
			ps.size = L->th->size_code;
			para_measure(L, c->first, NULL, &ps, 1, &a, &b);
			ind = st->size;
			break;
		}
		case DOC_UL:
		case DOC_OL:
			lay_flow_measure(L, c, st, &a, &b);
			ind = L->th->list_indent * st->size;
			break;
		case DOC_BLOCKQUOTE:
			lay_flow_measure(L, c, st, &a, &b);
			ind = st->size * 1.5;
			break;
		case DOC_DD:
			lay_flow_measure(L, c, st, &a, &b);
			ind = st->size * 2;
			break;
		case DOC_TABLE:
		case DOC_CHART:
		case DOC_ORGCHART:
		case DOC_SIGNATURE:
			a = st->size * 6;
			b = st->size * 30;
			break;
		case DOC_IMG: {
			const char *v = doc_attr(c, "width");

			a = b = v ? atof(v) * 0.75 : st->size * 10;
			break;
		}
		default:
			lay_flow_measure(L, c, st, &a, &b);
			break;
		}
		if (a + ind > *min)
			*min = a + ind;
		if (b + ind > *max)
			*max = b + ind;
	}
}

int
lay_run(struct lay *L, const struct doc_node *root)
{
	struct lay_flow fs;
	struct lay_blk blk;
	struct lay_style st;
	const struct doc_node *c;

	S_reset(L);
	L->root = root;
	L->th = L->theme;
	L->main.se = lay_se_new(L, SE_DOCUMENT, 0);
	L->errors = 0;
	L->has_pageref = 0;
	L->cover = L->ownhead = 0;
	for (c = root->first; c && c->tag == DOC_TEXT; c = c->next)
		continue;
	if (c && doc_has_class(c, "cover"))
		L->cover = 1;
	if (c && c->tag == DOC_HEADER)
		L->ownhead = 1;
	if (doc_has_class(root, "compact")) {
		/* a denser page for one-page role sheets */
		int i;

		L->compact = *L->th;
		L->compact.size_body = 9;
		L->compact.size_small *= 0.9;
		L->compact.size_code *= 0.9;
		for (i = 0; i < 4; i++)
			L->compact.size_h[i] *= 0.78;
		L->compact.leading = 1.35;
		L->compact.par_space *= 0.5;
		L->compact.h_before *= 0.55;
		L->compact.h_after *= 0.6;
		L->compact.cell_pad *= 0.45;
		L->compact.sign_space *= 0.65;
		L->compact.margin_top *= 0.6;
		L->compact.margin_bottom *= 0.6;
		L->compact.margin_left *= 0.8;
		L->compact.margin_right *= 0.8;
		L->th = &L->compact;
	}
	memset(&fs, 0, sizeof(fs));
	fs.vl = &L->main;
	fs.first = 1;
	memset(&blk, 0, sizeof(blk));
	blk.fs = &fs;
	blk.x = 0;
	blk.w = L->th->page_w - L->th->margin_left - L->th->margin_right;
	blk.align = AL_JUSTIFY;
	blk.bg = LAY_NONE;
	st.face = FACE_BODY;
	st.size = L->th->size_body;
	st.color = L->th->color_text;
	st.href = NULL;
	st.se = 0;
	if (root->id)
		S_pend_anchor(&blk, root);
	lay_flow(L, &blk, root, &st);
	if (fs.nanch > 0) {
		/* ids at the very end: an empty box carries them */
		struct lay_item *it = lay_item_new(&L->main, IT_BOX, 0);

		it->tag = DOC_DOCUMENT;
		it->w = 0;
		blk_decorate(L, &blk, it);
		L->main.it[L->main.n - 1].nops = L->main.nops -
		    L->main.it[L->main.n - 1].op0;
	}
	page_run(L);
	return L->errors ? -1 : 0;
}
