/*
 * layout_para.c — inline formatting for the PDF layout layer: collects the
 * text of a paragraph's inline nodes into one character array (style runs
 * for em, strong, code, small, a, span), collapses white space (a source
 * newline between two CJK characters is no space), adds a quarter-em gap
 * between Chinese and Latin letters or digits, finds break opportunities
 * over the whole paragraph (lb_breaks: UAX #14 plus kinsoku), breaks lines
 * greedily with per-character widths, justifies Chinese by spreading the
 * slack over the gaps between characters, and emits each line as an item
 * of text runs — one run per stretch of equal spacing, so the writer shows
 * a whole run with one call.  Internal to src/pdf (layout.h).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "layout.h"
#include "linebreak.h"

#define CH_SPACE	0x01	/* collapsible space: dropped at line ends */
#define CH_FORCED	0x02	/* forced break (<br/>, newline in pre) */
#define CH_HIDDEN	0x04	/* not drawn (zero width space) */
#define CH_CJK		0x08	/* CJK character or punctuation */

#define S_EPS		0.001

struct S_ch {
	uint32_t	 cp;
	float		 w;	/* advance [pt] */
	float		 gap;	/* quarter-em space before it [pt] */
	uint32_t	 off;	/* byte offset in u8 */
	uint16_t	 run;
	unsigned char	 brk;	/* after it: LB_MUST, LB_ALLOW, LB_NO */
	unsigned char	 fl;	/* CH_* */
};

struct S_run {
	struct lay_style st;
};

struct S_para {
	struct S_ch	*ch;
	size_t		 n, cap;
	struct S_run	*run;
	size_t		 nrun, caprun;
	struct buf	 u8;
	char		*brks;
	size_t		 capbrks;
	double		*xpos;
	size_t		 capx;
	int		 pre;
	int		 pend_ws, pend_nl;	/* white space seen */
	uint16_t	 pend_run;
	const struct doc_node *pend_node;
};

void
para_free(struct S_para *p)
{
	if (p == NULL)
		return;
	free(p->ch);
	free(p->run);
	buf_free(&p->u8);
	free(p->brks);
	free(p->xpos);
	free(p);
}

int
lay_is_han(uint32_t c)
{
	return (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) ||
	    (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x3040 && c <= 0x30FF) ||
	    (c >= 0x20000 && c <= 0x3FFFF);
}

int
lay_is_latin(uint32_t c)
{
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
	    (c >= 'a' && c <= 'z') || (c >= 0xC0 && c <= 0x24F && c != 0xD7 &&
	    c != 0xF7) || (c >= 0x370 && c <= 0x3FF);
}

static int
S_style_eq(const struct lay_style *a, const struct lay_style *b)
{
	return a->face == b->face && a->size == b->size &&
	    a->color == b->color && a->href == b->href && a->se == b->se;
}

/* Index of a run with style st: the last one when equal, else a new one. */
static uint16_t
S_run(struct S_para *p, const struct lay_style *st)
{
	if (p->nrun > 0 && S_style_eq(&p->run[p->nrun - 1].st, st))
		return (uint16_t)(p->nrun - 1);
	if (p->nrun == p->caprun) {
		p->caprun = p->caprun ? p->caprun * 2 : 16;
		p->run = xreallocarray(p->run, p->caprun, sizeof(*p->run));
	}
	p->run[p->nrun].st = *st;
	return (uint16_t)p->nrun++;
}

/* Appends one character with its width; checks the font. */
static void
S_put(struct lay *L, struct S_para *p, uint32_t cp, uint16_t run, int fl,
    const struct doc_node *src)
{
	const struct lay_style *st = &p->run[run].st;
	struct S_ch *c;

	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 256;
		p->ch = xreallocarray(p->ch, p->cap, sizeof(*p->ch));
	}
	c = &p->ch[p->n++];
	memset(c, 0, sizeof(*c));
	c->cp = cp;
	c->run = run;
	c->fl = (unsigned char)fl;
	c->off = (uint32_t)p->u8.len;
	if (fl & CH_FORCED) {
		buf_putc(&p->u8, '\n');
		return;
	}
	buf_put_utf8(&p->u8, cp);
	if (fl & CH_HIDDEN)
		return;
	if (lb_is_cjk(cp))
		c->fl |= CH_CJK;
	if (!lay_has(L, st->face, cp)) {
		lay_missing(L, src, st->face, cp);
		c->w = (float)(st->size / 2);
		return;
	}
	c->w = (float)lay_adv(L, st->face, cp, st->size);
	/* a quarter em between Chinese and Latin letters or digits */
	if (p->n > 1 && !(fl & CH_SPACE)) {
		const struct S_ch *b = &p->ch[p->n - 2];

		if (!(b->fl & (CH_SPACE | CH_FORCED | CH_HIDDEN)) &&
		    ((lay_is_han(b->cp) && lay_is_latin(cp)) ||
		    (lay_is_latin(b->cp) && lay_is_han(cp))))
			c->gap = (float)(st->size / 4);
	}
}

/* Emits pending white space before cp (or at the paragraph's end). */
static void
S_flush_ws(struct lay *L, struct S_para *p, uint32_t next)
{
	const struct S_ch *b;

	if (!p->pend_ws)
		return;
	p->pend_ws = 0;
	if (p->n == 0 || next == 0)
		return;
	b = &p->ch[p->n - 1];
	if (b->fl & (CH_FORCED | CH_SPACE))
		return;
	/* a source newline between CJK characters is no space */
	if (p->pend_nl && !lb_newline_is_space(b->cp, next))
		return;
	S_put(L, p, ' ', p->pend_run, CH_SPACE, p->pend_node);
}

static void
S_text(struct lay *L, struct S_para *p, const struct doc_node *n,
    const char *s, size_t len, const struct lay_style *st)
{
	uint16_t run = S_run(p, st);
	size_t i = 0, k;
	uint32_t cp;
	int col = 0, j;

	while (i < len) {
		if ((k = utf8_decode(s + i, len - i, &cp)) == 0)
			k = 1;
		i += k;
		if (p->pre) {
			if (cp == '\r')
				continue;
			if (cp == '\n') {
				S_put(L, p, '\n', run, CH_FORCED, n);
				col = 0;
				continue;
			}
			if (cp == '\t') {
				for (j = 4 - col % 4; j > 0; j--, col++)
					S_put(L, p, ' ', run, 0, n);
				continue;
			}
			S_put(L, p, cp, run, 0, n);
			col++;
			continue;
		}
		if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r') {
			if (!p->pend_ws) {
				p->pend_run = run;
				p->pend_node = n;
				p->pend_nl = 0;
			}
			p->pend_ws = 1;
			if (cp == '\n')
				p->pend_nl = 1;
			continue;
		}
		S_flush_ws(L, p, cp);
		if (cp == 0x200B)
			S_put(L, p, cp, run, CH_HIDDEN, n);
		else if (cp != 0xAD)
			S_put(L, p, cp, run, 0, n);
	}
}

/* Page number of #id from the previous pass, as text. */
static void
S_pageref(struct lay *L, struct S_para *p, const struct doc_node *n,
    const struct lay_style *st)
{
	const struct lay_anchor *a = NULL;
	char num[16];

	L->has_pageref = 1;
	if (n->href && n->href[0] == '#' && L->prev)
		a = lay_anchor_find(L->prev, L->capprev, n->href + 1);
	if (a)
		snprintf(num, sizeof(num), "%d", a->page);
	else
		snprintf(num, sizeof(num), "0");
	S_text(L, p, n, num, strlen(num), st);
}

/* Style of an inline element inside st. */
static void
S_inline_style(struct lay *L, const struct doc_node *n,
    const struct lay_style *st, struct lay_style *out)
{
	int bold = st->face & 1;

	*out = *st;
	switch (n->tag) {
	case DOC_EM:
		out->face = FACE_EM | bold;
		break;
	case DOC_STRONG:
		out->face = st->face | 1;
		break;
	case DOC_CODE:
		out->face = FACE_MONO | bold;
		out->size = st->size * L->th->size_code / L->th->size_body;
		break;
	case DOC_SMALL:
		out->size = st->size * L->th->size_small / L->th->size_body;
		break;
	case DOC_A:
		out->href = n->href;
		out->color = L->th->color_link;
		if (L->se_on && n->href) {
			/* a Link element; its text becomes the annotation's
			 * /Contents */
			struct buf t = BUF_INIT;

			out->se = lay_se_new(L, SE_LINK, st->se ? st->se :
			    L->para_se);
			doc_plain_text(n, &t);
			L->se[out->se].alt = lay_str(L, t.data ? t.data : "",
			    t.len);
			L->se[out->se].altlen = (uint32_t)t.len;
			buf_free(&t);
		}
		break;
	default:
		break;
	}
}

/*
 * Adds the inline subtree n.  Recursion depth is bounded by the parser's
 * nesting limit (256).
 */
static void
S_add(struct lay *L, struct S_para *p, const struct doc_node *n,
    const struct lay_style *st)
{
	struct lay_style cs;
	const struct doc_node *c;

	switch (n->tag) {
	case DOC_TEXT:
		S_text(L, p, n, n->text, n->len, st);
		return;
	case DOC_BR:
		p->pend_ws = 0;
		S_put(L, p, '\n', S_run(p, st), CH_FORCED, n);
		return;
	case DOC_PAGEREF:
		S_pageref(L, p, n, st);
		return;
	default:
		break;
	}
	S_inline_style(L, n, st, &cs);
	for (c = n->first; c; c = c->next)
		S_add(L, p, c, &cs);
}

/* Collects [first, last] into p and finds break opportunities. */
static struct S_para *
S_collect(struct lay *L, const struct doc_node *first,
    const struct doc_node *last, const struct lay_style *st, int pre)
{
	struct S_para *p;
	const struct doc_node *n;
	size_t i;

	if (L->para == NULL)
		L->para = xcalloc(1, sizeof(*L->para));
	p = L->para;
	p->n = p->nrun = 0;
	buf_reset(&p->u8);
	p->pre = pre;
	p->pend_ws = p->pend_nl = 0;
	for (n = first; n; n = n->next) {
		S_add(L, p, n, st);
		if (n == last)
			break;
	}
	p->pend_ws = 0;
	if (p->u8.len + 1 > p->capbrks) {
		p->capbrks = p->u8.len + 64;
		p->brks = xrealloc(p->brks, p->capbrks);
	}
	if (p->u8.len > 0)
		lb_breaks(p->u8.data, p->u8.len, p->brks);
	for (i = 0; i < p->n; i++) {
		struct S_ch *c = &p->ch[i];

		c->brk = (unsigned char)p->brks[c->off];
		if (c->brk == LB_MUST && !(c->fl & CH_FORCED))
			c->brk = LB_ALLOW;
		/* a space always allows a break after it */
		if ((c->fl & CH_SPACE) && c->brk == LB_NO)
			c->brk = LB_ALLOW;
	}
	return p;
}

void
para_measure(struct lay *L, const struct doc_node *first,
    const struct doc_node *last, const struct lay_style *st, int pre,
    double *min, double *max)
{
	struct S_para *p = S_collect(L, first, last, st, pre);
	double seg = 0, segvis = 0, line = 0, linevis = 0;
	size_t i;

	*min = *max = 0;
	for (i = 0; i < p->n; i++) {
		const struct S_ch *c = &p->ch[i];

		if (c->fl & CH_FORCED) {
			if (segvis > *min)
				*min = segvis;
			if (linevis > *max)
				*max = linevis;
			seg = segvis = line = linevis = 0;
			continue;
		}
		seg += (seg > 0 ? c->gap : 0) + c->w;
		line += (line > 0 ? c->gap : 0) + c->w;
		if (!(c->fl & CH_SPACE)) {
			segvis = seg;
			linevis = line;
		}
		if (c->brk == LB_ALLOW) {
			if (segvis > *min)
				*min = segvis;
			seg = segvis = 0;
		}
	}
	if (segvis > *min)
		*min = segvis;
	if (linevis > *max)
		*max = linevis;
}

/* Is the boundary after character k (both in one line) stretchable? */
static int
S_stretchable(const struct S_para *p, size_t k)
{
	const struct S_ch *a = &p->ch[k], *b = &p->ch[k + 1];

	if ((a->fl & CH_SPACE) || b->gap > 0)
		return 1;
	return (a->fl & CH_CJK) || (b->fl & CH_CJK);
}

/* A link rectangle over x0..x1 of a line lh high. */
static void
S_link(struct lay *L, struct lay_blk *blk, const char *href, uint32_t se,
    double x0, double x1, double lh)
{
	struct lay_op *lk = lay_op_new(blk->fs->vl, LOP_LINK);

	if (se)
		lk->se = se;
	lk->x = x0;
	lk->w = x1 - x0;
	lk->h = lh;
	lk->len = (uint32_t)strlen(href);
	lk->str = lay_str(L, href, lk->len);
}

/*
 * Emits one line [s, e) (e excludes trailing spaces) of paragraph p at the
 * top of a new item; justify spreads the slack.
 */
static struct lay_item *
S_emit_line(struct lay *L, struct lay_blk *blk, struct S_para *p, size_t s,
    size_t e, double avail, double x0, int justify, int brk, int tag,
    int lineno)
{
	struct lay_item *it;
	struct lay_op *op;
	double x, natural = 0, extra = 0, maxsize = 0, lh, base, top, em;
	double lx0 = 0, lx1 = 0, ox, ow;
	size_t k, a, b, ngaps = 0;
	const struct lay_style *st;
	const char *lhref = NULL;
	uint32_t lse = 0;

	if (e + 1 > p->capx) {
		p->capx = e + 64;
		p->xpos = xreallocarray(p->xpos, p->capx, sizeof(double));
	}
	for (k = s; k < e; k++) {
		const struct S_ch *c = &p->ch[k];

		if (c->fl & CH_HIDDEN)
			continue;
		natural += (k > s ? c->gap : 0) + c->w;
		if (p->run[c->run].st.size > maxsize)
			maxsize = p->run[c->run].st.size;
		if (k + 1 < e && S_stretchable(p, k))
			ngaps++;
	}
	if (maxsize == 0) {
		/* an empty line: the run style in effect */
		if (p->n > 0) {
			k = s < p->n ? s : p->n - 1;
			maxsize = p->run[p->ch[k].run].st.size;
		} else
			maxsize = p->nrun ? p->run[p->nrun - 1].st.size :
			    L->th->size_body;
	}
	em = maxsize;
	if (justify && ngaps > 0 && avail > natural) {
		extra = (avail - natural) / (double)ngaps;
		if (extra > em)		/* too loose: leave ragged */
			extra = 0;
	}
	x = x0;
	if (blk->align == AL_CENTER && avail > natural)
		x += (avail - natural) / 2;
	else if (blk->align == AL_RIGHT && avail > natural)
		x += avail - natural;
	for (k = s; k < e; k++) {
		const struct S_ch *c = &p->ch[k];

		if (k > s)
			x += c->gap;
		p->xpos[k] = x;
		x += c->w;
		if (k + 1 < e && extra > 0 && S_stretchable(p, k))
			x += extra;
	}
	lh = maxsize * (blk->leading > 0 ? blk->leading : L->th->leading);
	it = lay_item_new(blk->fs->vl, IT_LINE, lh);
	it->brk = (unsigned char)brk;
	it->tag = (unsigned char)tag;
	it->lineno = lineno;
	it->x = x0;
	it->w = natural;
	if (blk->align == AL_CENTER && avail > natural)
		it->x += (avail - natural) / 2;
	else if (blk->align == AL_RIGHT && avail > natural)
		it->x += avail - natural;
	if (extra > 0)
		it->w = avail;
	if (L->dump) {
		/* the line's text; \q marks a quarter-em gap */
		struct buf t = BUF_INIT;

		for (k = s; k < e; k++) {
			const struct S_ch *c = &p->ch[k];

			if (k > s && c->gap > 0)
				BUF_PUTSL(&t, "\\q");
			if (c->cp == '"' || c->cp == '\\')
				buf_putc(&t, '\\');
			if (!(c->fl & CH_HIDDEN))
				buf_put_utf8(&t, c->cp);
		}
		it->dlen = (uint32_t)t.len;
		it->dstr = lay_str(L, t.data ? t.data : "", t.len);
		buf_free(&t);
	}
	top = (lh - maxsize) / 2;
	base = top + maxsize * 0.88;
	blk_decorate(L, blk, it);
	/* runs of equal style and equal spacing */
	for (a = s; a < e; a = b) {
		double cs = 0;

		if (p->ch[a].fl & CH_HIDDEN) {
			b = a + 1;
			continue;
		}
		st = &p->run[p->ch[a].run].st;
		if (a + 1 < e)
			cs = p->xpos[a + 1] - p->xpos[a] - p->ch[a].w;
		for (b = a + 1; b < e; b++) {
			const struct S_ch *c = &p->ch[b];

			if (c->run != p->ch[a].run && !S_style_eq(st,
			    &p->run[c->run].st))
				break;
			if (c->fl & CH_HIDDEN)
				break;
			if (fabs(p->xpos[b] - p->xpos[b - 1] -
			    p->ch[b - 1].w - cs) > S_EPS)
				break;
		}
		if (b == a + 1)
			cs = 0;
		op = lay_op_new(blk->fs->vl, LOP_TEXT);
		if (st->se)
			op->se = st->se;
		op->face = (unsigned char)st->face;
		op->size = st->size;
		op->color = st->color;
		op->x = p->xpos[a];
		op->y = base;
		op->cs = cs;
		op->w = p->xpos[b - 1] + p->ch[b - 1].w - p->xpos[a];
		{
			uint32_t from = p->ch[a].off;
			uint32_t to = b < p->n ? p->ch[b].off :
			    (uint32_t)p->u8.len;

			op->str = lay_str(L, p->u8.data + from, to - from);
			op->len = to - from;
		}
		/* links: one rectangle per stretch of one href (op is
		 * invalid once another op is made) */
		ox = op->x;
		ow = op->w;
		if (lhref && (lhref != st->href || lse != st->se)) {
			S_link(L, blk, lhref, lse, lx0, lx1, lh);
			lhref = NULL;
		}
		if (st->href) {
			if (lhref == NULL)
				lx0 = ox;
			lhref = st->href;
			lse = st->se;
			lx1 = ox + ow;
		}
	}
	if (lhref)
		S_link(L, blk, lhref, lse, lx0, lx1, lh);
	if (blk->linkall) {
		op = lay_op_new(blk->fs->vl, LOP_LINK);
		op->x = blk->x;
		op->w = blk->w;
		op->h = lh;
		op->len = (uint32_t)strlen(blk->linkall);
		op->str = lay_str(L, blk->linkall, op->len);
	}
	it->nops = blk->fs->vl->nops - it->op0;
	return it;
}

int
para_layout(struct lay *L, struct lay_blk *blk, const struct doc_node *first,
    const struct doc_node *last, const struct lay_style *st, int tag,
    double reserve, const char *pageno_id)
{
	struct S_para *p;
	struct lay_item *it = NULL;
	size_t s = 0, j, e, next, lastok, nlines = 0, first_item;
	double avail = blk->w - reserve, x, adv;
	int brk, justify;

	L->se_on = 1;
	L->para_se = blk->fs->vl->se;
	p = S_collect(L, first, last, st, blk->pre);
	L->se_on = 0;
	if (avail < 1)
		avail = 1;
	if (p->n == 0 && pageno_id == NULL)
		return 0;
	blk_space(L, blk);
	first_item = blk->fs->vl->n;
	do {
		/* skip spaces at the start of a line */
		while (s < p->n && (p->ch[s].fl & CH_SPACE))
			s++;
		x = 0;
		lastok = (size_t)-1;
		e = next = p->n;
		brk = BRK_END;
		for (j = s; j < p->n; j++) {
			const struct S_ch *c = &p->ch[j];

			if (c->fl & CH_FORCED) {
				e = j;
				next = j + 1;
				brk = BRK_MUST;
				break;
			}
			adv = (j > s ? c->gap : 0) + c->w;
			if (!(c->fl & CH_SPACE) && j > s &&
			    x + adv > avail + S_EPS) {
				if (lastok != (size_t)-1) {
					e = next = lastok + 1;
					brk = BRK_ALLOW;
					if (lastok + 1 < j && (lb_no_start(c->cp) ||
					    lb_no_end(p->ch[j - 1].cp)))
						brk = BRK_KINSOKU;
				} else {
					e = next = j;
					brk = BRK_OVERFLOW;
				}
				break;
			}
			x += adv;
			if (c->brk == LB_ALLOW)
				lastok = j;
		}
		/* drop trailing spaces */
		while (e > s && (p->ch[e - 1].fl & CH_SPACE))
			e--;
		justify = blk->align == AL_JUSTIFY && L->th->justify &&
		    (brk == BRK_ALLOW || brk == BRK_KINSOKU ||
		    brk == BRK_OVERFLOW) && !blk->pre;
		it = S_emit_line(L, blk, p, s, e, avail, blk->x, justify, brk,
		    tag, (int)++nlines);
		s = next;
	} while (s < p->n);
	if (pageno_id && it) {
		/* dot leaders from the line's end to the number column */
		struct lay_op *op;
		double dotw, lx, rx, size = st->size, pitch;
		int ndots;

		dotw = lay_adv(L, st->face, '.', size);
		pitch = size * 0.5;
		lx = it->x + it->w + size * 0.5;
		rx = blk->x + blk->w - reserve + size * 0.3;
		lx = ceil(lx / pitch) * pitch;
		ndots = dotw > 0 ? (int)floor((rx - lx) / pitch) : 0;
		if (ndots > 0) {
			char *dots = xmalloc((size_t)ndots + 1);

			memset(dots, '.', (size_t)ndots);
			dots[ndots] = '\0';
			op = lay_op_new(blk->fs->vl, LOP_TEXT);
			op->se = 0;	/* dot leaders are an artifact */
			op->face = (unsigned char)st->face;
			op->size = size;
			op->color = L->th->color_muted;
			op->x = lx;
			op->y = (it->h - size) / 2 + size * 0.88;
			op->cs = pitch - dotw;
			op->w = ndots * pitch;
			op->flags = LOPF_MARKER;
			op->str = lay_str(L, dots, (size_t)ndots);
			op->len = (uint32_t)ndots;
			free(dots);
		}
		op = lay_op_new(blk->fs->vl, LOP_PAGENO);
		op->face = (unsigned char)st->face;
		op->size = size;
		op->color = st->color;
		op->x = blk->x + blk->w;
		op->y = (it->h - size) / 2 + size * 0.88;
		op->str = lay_str(L, pageno_id, strlen(pageno_id));
		op->len = (uint32_t)strlen(pageno_id);
		it->nops = blk->fs->vl->nops - it->op0;
	}
	/* widows and orphans: no single line at a page's foot or head */
	if (nlines >= 2 && !blk->pre) {
		blk->fs->vl->it[first_item].flags |= ITF_KEEP;
		blk->fs->vl->it[blk->fs->vl->n - 2].flags |= ITF_KEEP;
	}
	return (int)nlines;
}
