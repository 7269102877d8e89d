/*
 * layout_para.c — inline formatting for the PDF layout layer: collects the
 * text of a paragraph's inline nodes into one character array (style runs
 * for em, strong, code, small, a, span), collapses white space (a source
 * newline between two CJK characters is no space), adds a quarter-em gap
 * between Chinese and Latin letters or digits, finds break opportunities
 * over the whole paragraph (lb_breaks: UAX #14 plus kinsoku), compresses
 * adjacent full-width punctuation (clreq §3.1.6), breaks lines greedily
 * with per-character widths (a stop or closing mark at a line end may give
 * up its blank; no lone Han character on the last line), justifies
 * Chinese by spreading the slack over the gaps between characters, and
 * emits each line as an item of text runs — one run per stretch of equal
 * spacing, so the writer shows a whole run with one call.  Internal to
 * src/pdf (layout.h).
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
#define CH_PAIR		0x10	/* compressed with the next character */
#define CH_OPEN		0x20	/* opening mark (lb_punct() LB_P_OPEN) */

#define S_EPS		0.001

struct S_ch {
	uint32_t	 cp;
	float		 w;	/* advance [pt] */
	float		 gap;	/* quarter-em space before it [pt] */
	float		 bl, br;	/* blank on its left, right [pt]: full-
					   width punctuation (font_blank()) */
	float		 tl, tr;	/* blank taken by compression with the
					   previous, next mark [pt] */
	uint32_t	 off;	/* byte offset in u8 */
	uint16_t	 run;
	unsigned char	 brk;	/* after it: LB_MUST, LB_ALLOW, LB_NO */
	unsigned char	 fl;	/* CH_* */
};

struct S_run {
	struct lay_style st;
};

/* A line found by the line breaker: characters [s, e), the next line
 * starting at next. */
struct S_line {
	size_t		 s, e, next;
	int		 brk;	/* enum lay_brk */
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
	struct S_line	*line;
	size_t		 nline, capline;
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
	free(p->line);
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

/*
 * The blanks of full-width mark c (style st): the font's (font_blank()),
 * or by class when the caller gives no fonts' blanks: opening marks on
 * the left half, closing marks and stops on the right half.
 */
static void
S_blank(struct lay *L, struct S_ch *c, const struct lay_style *st)
{
	int lr[2] = { 0, 0 };

	if (lb_punct(c->cp) == LB_P_OPEN)
		c->fl |= CH_OPEN;
	if (L->fonts->blank)
		L->fonts->blank(L->fonts->ctx, st->face, c->cp, lr);
	else if (c->w >= st->size * 0.9) {
		if (c->fl & CH_OPEN)
			lr[0] = 500;
		else
			lr[1] = 500;
	}
	c->bl = (float)(lr[0] * st->size / 1000);
	c->br = (float)(lr[1] * st->size / 1000);
}

/*
 * clreq §3.1.6: two adjacent marks a, b take 1.5 em, not 2.  Of the
 * blanks between their inks (a's right, b's left), the smaller stays when
 * both have one (）（ 。「: half an em between), else none stays (。」 ），
 * 「（); a's blank goes first.  Marks the pair CH_PAIR.
 */
static void
S_pair(struct S_ch *a, struct S_ch *b)
{
	float between, keep, rm;

	if (a->bl + a->br <= 0 || b->bl + b->br <= 0)
		return;
	between = a->br + b->bl;
	keep = a->br > 0 && b->bl > 0 ? (a->br < b->bl ? a->br : b->bl) : 0;
	if ((rm = between - keep) <= S_EPS)
		return;
	a->tr = rm < a->br ? rm : a->br;
	b->tl = rm - a->tr;
	a->fl |= CH_PAIR;
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
	if (lb_punct(cp) != LB_P_NONE)
		S_blank(L, c, st);
	if (p->n > 1 && !(fl & CH_SPACE)) {
		struct S_ch *b = &p->ch[p->n - 2];

		if (b->fl & (CH_SPACE | CH_FORCED | CH_HIDDEN))
			return;
		/* a quarter em between Chinese and Latin letters or digits */
		if ((lay_is_han(b->cp) && lay_is_latin(cp)) ||
		    (lay_is_latin(b->cp) && lay_is_han(cp)))
			c->gap = (float)(st->size / 4);
		S_pair(b, c);
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
		seg += (seg > 0 ? c->gap : 0) + c->w - c->tl - c->tr;
		line += (line > 0 ? c->gap : 0) + c->w - c->tl - c->tr;
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
	if (a->fl & CH_PAIR)	/* a compressed pair stays together */
		return 0;
	return (a->fl & CH_CJK) || (b->fl & CH_CJK);
}

/* Blank taken on the left of the character starting a line: an opening
 * mark's when the theme sets line-start brackets half width. */
static double
S_start_tl(const struct lay *L, const struct S_ch *c)
{
	return L->th->bracket_half && (c->fl & CH_OPEN) ? c->bl : 0;
}

/*
 * Natural width of line [s, e) of p; *ngaps gets its stretchable gaps,
 * *maxsize its largest font size, *trim whether its last mark drops its
 * right blank (clreq: a stop or closing mark at the line end is set half
 * width when only so the line holds it).
 */
static double
S_line_width(const struct lay *L, const struct S_para *p, size_t s,
    size_t e, double avail, size_t *ngaps, double *maxsize, int *trim)
{
	double natural = 0;
	size_t k, last = e;

	*ngaps = 0;
	*maxsize = 0;
	for (k = s; k < e; k++) {
		const struct S_ch *c = &p->ch[k];

		if (c->fl & CH_HIDDEN)
			continue;
		natural += (k > s ? c->gap : 0) + c->w -
		    (k == s ? S_start_tl(L, c) : c->tl) -
		    (k + 1 < e ? c->tr : 0);
		if (p->run[c->run].st.size > *maxsize)
			*maxsize = p->run[c->run].st.size;
		if (k + 1 < e && S_stretchable(p, k))
			(*ngaps)++;
		last = k;
	}
	*trim = last < e && p->ch[last].br > 0 && natural > avail + S_EPS;
	if (*trim)
		natural -= p->ch[last].br;
	return natural;
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
 * Is e, the end of a line of p, a break at a space: a space with more of
 * the paragraph after it (not the spaces ending the paragraph)?
 */
static int
S_break_space(const struct S_para *p, size_t e)
{
	size_t k;

	if (e >= p->n || !(p->ch[e].fl & CH_SPACE) || (p->ch[e].fl & CH_HIDDEN))
		return 0;
	for (k = e; k < p->n; k++)
		if (!(p->ch[k].fl & CH_SPACE))
			return 1;
	return 0;
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
	double x, natural, extra = 0, maxsize, lh, base, top, em, tl;
	double lx0 = 0, lx1 = 0, ox, ow;
	size_t k, a, b, ngaps;
	const struct lay_style *st;
	const char *lhref = NULL;
	uint32_t lse = 0;
	int trim;

	if (e + 1 > p->capx) {
		p->capx = e + 64;
		p->xpos = xreallocarray(p->xpos, p->capx, sizeof(double));
	}
	natural = S_line_width(L, p, s, e, avail, &ngaps, &maxsize, &trim);
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
	/* xpos: where each glyph is drawn, its taken left blank before
	 * the pen */
	for (k = s; k < e; k++) {
		const struct S_ch *c = &p->ch[k];

		if (k > s)
			x += c->gap;
		tl = k == s ? S_start_tl(L, c) : c->tl;
		p->xpos[k] = x - tl;
		x += c->w - tl - (k + 1 < e ? c->tr : 0);
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
		/* the line's text; \q marks a quarter-em gap, \c a
		 * compressed pair, \h a half-width opening mark at the
		 * start, \e a mark trimmed to half width at the end */
		struct buf t = BUF_INIT;

		if (s < e && S_start_tl(L, &p->ch[s]) > 0)
			BUF_PUTSL(&t, "\\h");
		for (k = s; k < e; k++) {
			const struct S_ch *c = &p->ch[k];

			if (k > s && c->gap > 0)
				BUF_PUTSL(&t, "\\q");
			if (c->cp == '"' || c->cp == '\\')
				buf_putc(&t, '\\');
			if (!(c->fl & CH_HIDDEN))
				buf_put_utf8(&t, c->cp);
			if (k + 1 < e && (c->fl & CH_PAIR))
				BUF_PUTSL(&t, "\\c");
		}
		if (trim)
			BUF_PUTSL(&t, "\\e");
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
			/* a compressed mark overlaps the next glyph's
			 * advance: it goes in one run with that glyph, its
			 * Tc the (negative) spacing; poppler's pdftotext
			 * breaks the line between overlapping runs */
			if (b + 1 < e) {
				double sp = p->xpos[b + 1] - p->xpos[b] - c->w;

				if ((cs < -S_EPS || sp < -S_EPS) &&
				    fabs(sp - cs) > S_EPS)
					break;
			}
		}
		if (b == a + 1 && cs > -S_EPS)
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

			/* a line broken at a space keeps that space as its
			 * last glyph (no ink, past op->w): a text or
			 * screen reader joining the lines reads "word
			 * word", not "wordword" (ISO 32000-1 14.8.2.5) */
			if (b == e && S_break_space(p, e))
				to = e + 1 < p->n ? p->ch[e + 1].off :
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

/*
 * Finds the line of p that starts at character s (spaces skipped) in
 * avail points: greedy, up to the last break opportunity that fits.  A
 * stop or closing mark that fits only without its right blank ends the
 * line trimmed (S_line_width()).
 */
static void
S_break(const struct lay *L, const struct S_para *p, size_t s, double avail,
    struct S_line *ln)
{
	size_t j, lastok = (size_t)-1;
	double x = 0, adv;

	while (s < p->n && (p->ch[s].fl & CH_SPACE))
		s++;
	ln->s = s;
	ln->e = ln->next = p->n;
	ln->brk = BRK_END;
	for (j = s; j < p->n; j++) {
		const struct S_ch *c = &p->ch[j];

		if (c->fl & CH_FORCED) {
			ln->e = j;
			ln->next = j + 1;
			ln->brk = BRK_MUST;
			break;
		}
		adv = (j > s ? c->gap : 0) + c->w - c->tr -
		    (j == s ? S_start_tl(L, c) : c->tl);
		if (!(c->fl & CH_SPACE) && j > s && x + adv > avail + S_EPS) {
			if (c->br > 0 && x + adv + c->tr - c->br <=
			    avail + S_EPS && (j + 1 == p->n ||
			    c->brk == LB_ALLOW ||
			    (p->ch[j + 1].fl & CH_FORCED))) {
				/* it hangs its blank at the line end */
				ln->e = ln->next = j + 1;
				ln->brk = j + 1 == p->n ? BRK_END : BRK_ALLOW;
				if (j + 1 < p->n &&
				    (p->ch[j + 1].fl & CH_FORCED)) {
					ln->next = j + 2;
					ln->brk = BRK_MUST;
				}
			} else if (lastok != (size_t)-1) {
				ln->e = ln->next = lastok + 1;
				ln->brk = BRK_ALLOW;
				if (lastok + 1 < j && (lb_no_start(c->cp) ||
				    lb_no_end(p->ch[j - 1].cp)))
					ln->brk = BRK_KINSOKU;
			} else {
				ln->e = ln->next = j;
				ln->brk = BRK_OVERFLOW;
			}
			break;
		}
		x += adv;
		if (c->brk == LB_ALLOW)
			lastok = j;
	}
	/* drop trailing spaces */
	while (ln->e > s && (p->ch[ln->e - 1].fl & CH_SPACE))
		ln->e--;
}

/*
 * clreq: no CJK character alone on a paragraph's last line.  When the
 * last line holds one Han character (and marks that may not start a
 * line), the line before ends at an earlier break opportunity, so one
 * more character (or word) comes down, if that line then stretches by
 * at most 1 em a gap when justified and the last line still fits.
 * Returns 1 when it moved the break.
 */
static int
S_lone(const struct lay *L, struct S_para *p, double avail)
{
	struct S_line *a, *z;
	size_t k, m, nhan = 0, e, s, ngaps;
	double w, size;
	int trim;

	if (p->nline < 2)
		return 0;
	z = &p->line[p->nline - 1];
	a = z - 1;
	if (a->brk != BRK_ALLOW && a->brk != BRK_KINSOKU)
		return 0;
	for (k = z->s; k < z->e; k++) {
		const struct S_ch *c = &p->ch[k];

		if (c->fl & CH_HIDDEN)
			continue;
		if (lay_is_han(c->cp))
			nhan++;
		else if (!(c->fl & CH_CJK) || !lb_no_start(c->cp))
			return 0;
	}
	if (nhan != 1)
		return 0;
	for (m = z->s - 1; m >= a->s + 2; m--) {
		if (p->ch[m - 1].brk != LB_ALLOW)
			continue;
		for (e = m; e > a->s && (p->ch[e - 1].fl & CH_SPACE); e--)
			continue;
		for (s = m; s < z->e && (p->ch[s].fl & CH_SPACE); s++)
			continue;
		w = S_line_width(L, p, a->s, e, avail, &ngaps, &size, &trim);
		if (w > avail + S_EPS || ngaps == 0 ||
		    (avail - w) / (double)ngaps > size)
			continue;
		if (S_line_width(L, p, s, z->e, avail, &ngaps, &size,
		    &trim) > avail + S_EPS)
			break;
		a->e = e;
		a->next = s;
		a->brk = BRK_LONE;
		z->s = s;
		return 1;
	}
	return 0;
}

int
para_layout(struct lay *L, struct lay_blk *blk, const struct doc_node *first,
    const struct doc_node *last, const struct lay_style *st, int tag,
    double reserve, const char *pageno_id)
{
	struct S_para *p;
	struct lay_item *it = NULL;
	struct S_line *ln;
	size_t s = 0, i, first_item;
	double avail = blk->w - reserve;
	int justify;

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
	p->nline = 0;
	do {
		if (p->nline == p->capline) {
			p->capline = p->capline ? p->capline * 2 : 16;
			p->line = xreallocarray(p->line, p->capline,
			    sizeof(*p->line));
		}
		ln = &p->line[p->nline++];
		S_break(L, p, s, avail, ln);
		s = ln->next;
	} while (s < p->n);
	if (!blk->pre)
		S_lone(L, p, avail);
	for (i = 0; i < p->nline; i++) {
		ln = &p->line[i];
		justify = blk->align == AL_JUSTIFY && L->th->justify &&
		    (ln->brk == BRK_ALLOW || ln->brk == BRK_KINSOKU ||
		    ln->brk == BRK_OVERFLOW || ln->brk == BRK_LONE) &&
		    !blk->pre;
		it = S_emit_line(L, blk, p, ln->s, ln->e, avail, blk->x,
		    justify, ln->brk, tag, (int)i + 1);
	}
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
	if (p->nline >= 2 && !blk->pre) {
		blk->fs->vl->it[first_item].flags |= ITF_KEEP;
		blk->fs->vl->it[blk->fs->vl->n - 2].flags |= ITF_KEEP;
	}
	return (int)p->nline;
}
