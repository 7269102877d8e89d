/*
 * body.c — the document tree (src/doc/doc.h) walked into word/document.xml
 * and the header and footer parts, without recursion (doc_next).
 *
 * Paragraphs open lazily: text (or a line break, link or page reference)
 * opens one when none is open, styled by its nearest block ancestor
 * (heading, list item, table cell, term, quote, code); every block's start
 * and end closes it.  Whitespace collapses as in HTML, except in <pre>.
 * Headings get Word's heading styles, lists Word's numbering (numbering.xml
 * through w:numPr; each <ol> its own), tables real Word tables with
 * spanned and merged cells and their <thead> rows repeated as header
 * rows.  Every element with an id gets a bookmark at its first paragraph;
 * links to "#id" point at it, links that pass the URL policy
 * (src/util/url.c) become external relationships, other links are text.
 * <rb-toc/> is a list of entries with PAGEREF page numbers; <rb-pageref/> a
 * PAGEREF field.  For internal use by the Word backend (src/docx) only.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../doc/doc.h"
#include "../pdf/pdf.h"
#include "../util/url.h"
#include "docx_int.h"

#define S_MAXCOLS	63	/* Word's limit of table columns */
#define S_MAXROWSPAN	10000

/* An element with an id: its bookmark. */
struct S_id {
	const struct doc_node *n;
	size_t		 num;		/* bookmark "rb_<num>" */
};

/* An open list. */
struct S_list {
	int		 numid;		/* numbering.xml w:numId */
	int		 first;		/* the item's next paragraph is numbered */
};

/* An open table. */
struct S_tbl {
	size_t		 ncols, col;	/* grid columns; the next cell's */
	unsigned	*vm;		/* rows the cell above still spans */
	unsigned	*vspan;		/* ... and its width in columns */
	long		*w;		/* column widths [twips] */
	int		 cellp;		/* the open cell ends with a paragraph */
	int		 ncells;	/* cells written in the open row */
	int		 keeplast;	/* signature lines follow: the last row
					   and the paragraph after keep with
					   them */
};

struct S_bw {
	struct docx_doc	*dd;
	struct buf	*o;
	struct strset	 ids;		/* id -> struct S_id */
	struct S_id	*idv;
	size_t		 nid;
	const struct doc_node **pend;	/* ids waiting for a paragraph */
	size_t		 npend;
	int		 para;		/* a w:p is open */
	int		 pstart;	/* ... and has no text yet */
	int		 pspace;	/* collapsed whitespace waits */
	int		 bold, ital, code, small, pre;
	int		 keepnext;	/* paragraphs get w:keepNext */
	const struct doc_node *term;	/* the <dt> its <dd>s are under */
	int		 termused;	/* ... written before one of them */
	int		 ddfirst;	/* the <dd>'s first paragraph is next */
	const struct doc_node *link;	/* the <a> of the open w:hyperlink */
	struct S_list	*lists;
	size_t		 nlist;
	struct S_tbl	*tbls;
	size_t		 ntbl;
	long		 textw;		/* text width [twips] */
};

/* The bookmark number of the element with id, or -1. */
static long
S_bookmark(struct S_bw *w, const char *id)
{
	struct S_id *e;

	if (id == NULL || w->nid == 0 || (e = strset_get(&w->ids, id)) == NULL)
		return -1;
	return (long)e->num;
}

/* Is the text at s whitespace (collapsible, as HTML's)? */
static int
S_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* The current table, or NULL. */
static struct S_tbl *
S_tbl(struct S_bw *w)
{
	return w->ntbl ? &w->tbls[w->ntbl - 1] : NULL;
}

/* A paragraph written whole (raw XML): the cell it is in ends with one. */
static void
S_para_raw(struct S_bw *w, const char *xml)
{
	buf_puts(w->o, xml);
	if (S_tbl(w))
		S_tbl(w)->cellp = 1;
}

/* The pending bookmarks, at the start of a paragraph. */
static void
S_marks(struct S_bw *w)
{
	size_t i;
	long k;

	for (i = 0; i < w->npend; i++) {
		k = S_bookmark(w, w->pend[i]->id);
		buf_printf(w->o, "<w:bookmarkStart w:id=\"%ld\" "
		    "w:name=\"rb_%ld\"/><w:bookmarkEnd w:id=\"%ld\"/>", k, k, k);
	}
	w->npend = 0;
}

static void S_run(struct S_bw *, const char *, size_t);

/*
 * The term of a <dl>: written bold before each of its definitions,
 * "所受监督：受…", the form Chinese job descriptions use (and rolebook
 * import reads back); a term without definitions gets its own paragraph.
 */
static void
S_term(struct S_bw *w, int indd)
{
	struct buf t = BUF_INIT;

	if (w->term == NULL)
		return;
	doc_plain_text(w->term, &t);
	if (indd)
		buf_puts(&t, "\xEF\xBC\x9A");		/* ： */
	else
		BUF_PUTSL(w->o, "<w:p><w:pPr><w:pStyle w:val=\"RbTerm\"/>"
		    "</w:pPr>");
	w->bold++;
	S_run(w, t.data ? t.data : "", t.len);
	w->bold--;
	if (!indd)
		S_para_raw(w, "</w:p>");
	w->ddfirst = 0;
	w->termused = 1;
	w->pstart = 0;
	buf_free(&t);
}

/* Opens a paragraph for content at n, styled by its block ancestors. */
static void
S_popen(struct S_bw *w, const struct doc_node *n)
{
	const struct doc_node *p = NULL, *c;
	const char *style = NULL, *jc = NULL;
	struct S_list *l;

	for (c = n; c != NULL && style == NULL; c = c->parent) {
		switch (c->tag) {
		case DOC_H1: style = "Heading1"; break;
		case DOC_H2: style = "Heading2"; break;
		case DOC_H3: style = "Heading3"; break;
		case DOC_H4: style = "Heading4"; break;
		case DOC_PRE: style = "RbCode"; break;
		case DOC_TH:
		case DOC_TD:
			style = c->tag == DOC_TH ? "RbTableHeading" :
			    "RbTableText";
			if (doc_has_class(c, "num"))
				jc = "center";
			break;
		case DOC_LI: style = "ListParagraph"; break;
		case DOC_DT: style = "RbTerm"; break;
		case DOC_DD: style = "RbDefinition"; break;
		case DOC_BLOCKQUOTE: style = "RbQuote"; break;
		case DOC_P:
			if (p == NULL)
				p = c;
			break;
		case DOC_SECTION:
			if (doc_has_class(c, "cover"))
				style = p && doc_has_class(p, "cover-title") ?
				    "Title" : "RbCenter";
			break;
		default:
			break;
		}
		if (c->tag == DOC_DOCUMENT)
			break;
	}
	if (style == NULL && p && doc_has_class(p, "kicker"))
		style = "RbSmall";
	BUF_PUTSL(w->o, "<w:p>");
	if (style || jc || w->keepnext) {
		BUF_PUTSL(w->o, "<w:pPr>");
		if (style)
			buf_printf(w->o, "<w:pStyle w:val=\"%s\"/>", style);
		if (w->keepnext)
			BUF_PUTSL(w->o, "<w:keepNext/>");
		if (style && strcmp(style, "ListParagraph") == 0 &&
		    w->nlist > 0) {
			size_t lvl = w->nlist - 1;

			if (lvl >= DOCX_LIST_LEVELS)
				lvl = DOCX_LIST_LEVELS - 1;
			l = &w->lists[w->nlist - 1];
			if (l->first)
				buf_printf(w->o, "<w:numPr><w:ilvl w:val=\"%zu\"/>"
				    "<w:numId w:val=\"%d\"/></w:numPr>", lvl,
				    l->numid);
			else
				buf_printf(w->o, "<w:ind w:left=\"%zu\"/>",
				    (lvl + 1) * DOCX_LIST_INDENT);
			l->first = 0;
		}
		if (jc)
			buf_printf(w->o, "<w:jc w:val=\"%s\"/>", jc);
		BUF_PUTSL(w->o, "</w:pPr>");
	}
	S_marks(w);
	w->para = 1;
	w->pstart = 1;
	w->pspace = 0;
	if (w->ddfirst && style && strcmp(style, "RbDefinition") == 0)
		S_term(w, 1);
}

static void
S_pclose(struct S_bw *w)
{
	if (!w->para)
		return;
	if (w->link) {
		BUF_PUTSL(w->o, "</w:hyperlink>");
		w->link = NULL;
	}
	S_para_raw(w, "</w:p>");
	w->para = 0;
}

/* One run of text (not yet escaped) in the current inline state. */
static void
S_run(struct S_bw *w, const char *s, size_t n)
{
	const char *rstyle = w->link ? "Hyperlink" : w->code ? "RbCodeChar" :
	    w->ital ? "RbEmphasis" : NULL;

	BUF_PUTSL(w->o, "<w:r>");
	if (rstyle || w->bold || w->small || (w->ital && w->link)) {
		BUF_PUTSL(w->o, "<w:rPr>");
		if (rstyle)
			buf_printf(w->o, "<w:rStyle w:val=\"%s\"/>", rstyle);
		if (w->bold)
			BUF_PUTSL(w->o, "<w:b/><w:bCs/>");
		if (w->ital && w->link)
			BUF_PUTSL(w->o, "<w:i/>");
		if (w->small)
			buf_printf(w->o, "<w:sz w:val=\"%ld\"/>",
			    (long)(w->dd->th->size_small * 2 + 0.5));
		BUF_PUTSL(w->o, "</w:rPr>");
	}
	BUF_PUTSL(w->o, "<w:t xml:space=\"preserve\">");
	docx_put_text(w->o, s, n, 0);
	BUF_PUTSL(w->o, "</w:t></w:r>");
}

/* Text in <pre>: lines kept, tabs as tabs. */
static void
S_text_pre(struct S_bw *w, const struct doc_node *n)
{
	const char *s = n->text, *e = s + n->len, *q;

	if (!w->para)
		S_popen(w, n);
	/* the newline right after <pre> is not content (HTML) */
	if (w->pstart && s < e && *s == '\n')
		s++;
	while (s < e) {
		for (q = s; q < e && *q != '\n' && *q != '\t'; q++)
			;
		if (q > s)
			S_run(w, s, (size_t)(q - s));
		if (q < e)
			buf_printf(w->o, "<w:r><w:%s/></w:r>", *q == '\t' ?
			    "tab" : "br");
		s = q + (q < e);
		w->pstart = 0;
	}
}

/* Text: whitespace collapsed; one run. */
static void
S_text(struct S_bw *w, const struct doc_node *n)
{
	const char *s = n->text, *e = s + n->len, *q;
	struct buf t = BUF_INIT;

	if (w->pre) {
		S_text_pre(w, n);
		return;
	}
	while (s < e) {
		if (S_ws(*s)) {
			w->pspace = 1;
			s++;
			continue;
		}
		if (!w->para) {
			if (t.len)
				S_run(w, t.data, t.len);
			buf_reset(&t);
			S_popen(w, n);
		}
		if (w->pspace && !w->pstart)
			buf_putc(&t, ' ');
		w->pspace = 0;
		w->pstart = 0;
		for (q = s; q < e && !S_ws(*q); q++)
			;
		buf_put(&t, s, (size_t)(q - s));
		s = q;
	}
	if (t.len)
		S_run(w, t.data, t.len);
	buf_free(&t);
}

/* A field in runs: begin, instruction, separate, result, end. */
static void
S_field(struct buf *o, const char *instr, const char *result)
{
	BUF_PUTSL(o, "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
	    "<w:r><w:instrText xml:space=\"preserve\">");
	docx_put_text(o, instr, strlen(instr), 0);
	BUF_PUTSL(o, "</w:instrText></w:r><w:r><w:fldChar "
	    "w:fldCharType=\"separate\"/></w:r>");
	if (result && *result) {
		BUF_PUTSL(o, "<w:r><w:t xml:space=\"preserve\">");
		docx_put_text(o, result, strlen(result), 0);
		BUF_PUTSL(o, "</w:t></w:r>");
	}
	BUF_PUTSL(o, "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>");
}

/* <a>: a w:hyperlink to a bookmark or an external relationship, or none
 * (the text stays) for a target that is neither. */
static void
S_link_open(struct S_bw *w, const struct doc_node *n)
{
	const char *h = n->href;
	struct docx_doc *dd = w->dd;
	size_t i;
	long k;

	if (h == NULL || w->link)
		return;
	if (h[0] == '#') {
		if ((k = S_bookmark(w, h + 1)) < 0)
			return;
		if (!w->para)
			S_popen(w, n);
		buf_printf(w->o, "<w:hyperlink w:anchor=\"rb_%ld\" "
		    "w:history=\"1\">", k);
		w->link = n;
		return;
	}
	/* only absolute targets the URL policy allows: a relative one
	 * would be resolved against wherever the .docx is opened */
	if (!url_allowed(h) || (strncasecmp(h, "http://", 7) != 0 &&
	    strncasecmp(h, "https://", 8) != 0 &&
	    strncasecmp(h, "mailto:", 7) != 0))
		return;
	for (i = 0; i < dd->nlinks; i++)
		if (strcmp(dd->links[i], h) == 0)
			break;
	if (i == dd->nlinks) {
		dd->links = xgrow(dd->links, dd->nlinks, sizeof(char *));
		dd->links[dd->nlinks++] = xstrdup(h);
	}
	if (!w->para)
		S_popen(w, n);
	buf_printf(w->o, "<w:hyperlink r:id=\"rId%zu\" w:history=\"1\">",
	    i + DOCX_RID_LINK0);
	w->link = n;
}

/* <rb-pageref href="#id"/>: Word's PAGEREF field. */
static void
S_pageref(struct S_bw *w, const struct doc_node *n)
{
	char instr[64];
	long k = n->href && n->href[0] == '#' ? S_bookmark(w, n->href + 1) :
	    -1;

	if (k < 0)
		return;
	if (!w->para)
		S_popen(w, n);
	snprintf(instr, sizeof(instr), " PAGEREF rb_%ld \\h ", k);
	S_field(w->o, instr, NULL);
	w->pstart = 0;
}

/* <rb-toc/>: an entry (styles "toc 1", "toc 2") for every h1 and h2 with
 * an id, as the PDF's, linked to its heading, its page number a PAGEREF
 * field.  Not Word's TOC field: LibreOffice shows a TOC field's stored
 * result and does not compute the PAGEREFs inside it, while it does
 * compute them here; Word computes them when it updates the fields on
 * opening (settings.xml).  The headings' outline levels let a user insert
 * Word's own table of contents too. */
static void
S_toc(struct S_bw *w)
{
	const struct doc_node **e = NULL;
	struct doc_node *c = NULL;
	size_t n = 0, i;
	int entering;
	long k;

	while ((c = doc_next(w->dd->root, c, &entering)) != NULL)
		if (entering && (c->tag == DOC_H1 || c->tag == DOC_H2) &&
		    S_bookmark(w, c->id) >= 0) {
			e = xgrow(e, n, sizeof(*e));
			e[n++] = c;
		}
	if (n == 0)
		return;
	w->dd->toc = 1;
	for (i = 0; i < n; i++) {
		struct buf t = BUF_INIT;
		char instr[64];

		k = S_bookmark(w, e[i]->id);
		buf_printf(w->o, "<w:p><w:pPr><w:pStyle w:val=\"TOC%d\"/>"
		    "</w:pPr>", e[i]->tag == DOC_H1 ? 1 : 2);
		buf_printf(w->o, "<w:hyperlink w:anchor=\"rb_%ld\" "
		    "w:history=\"1\"><w:r><w:t xml:space=\"preserve\">", k);
		doc_plain_text(e[i], &t);
		docx_put_text(w->o, t.data ? t.data : "", t.len, 0);
		BUF_PUTSL(w->o, "</w:t></w:r><w:r><w:tab/></w:r>");
		snprintf(instr, sizeof(instr), " PAGEREF rb_%ld \\h ", k);
		S_field(w->o, instr, NULL);
		BUF_PUTSL(w->o, "</w:hyperlink>");
		S_para_raw(w, "</w:p>");
		buf_free(&t);
	}
	free(e);
}

/* The cells of a table's rows, in order (rows directly or in
 * thead/tbody): calls the walk for each row. */
static const struct doc_node *
S_next_row(const struct doc_node *tbl, const struct doc_node *r)
{
	const struct doc_node *g;

	if (r == NULL)
		g = tbl->first;
	else if (r->parent != tbl) {
		if (r->next)
			return r->next;
		g = r->parent->next;
	} else
		g = r->next;
	for (; g != NULL; g = g->next) {
		if (g->tag == DOC_TR)
			return g;
		if ((g->tag == DOC_THEAD || g->tag == DOC_TBODY) && g->first)
			return g->first->tag == DOC_TR ? g->first :
			    S_next_row(tbl, g->first);
	}
	return NULL;
}

static unsigned
S_span(const struct doc_node *n, const char *name, unsigned max)
{
	const char *v = doc_attr(n, name);
	long x = v ? strtol(v, NULL, 10) : 1;

	return x < 1 ? 1 : (unsigned long)x > max ? max : (unsigned)x;
}

/* Width weight of a cell's text: CJK characters count two, others one,
 * plus the padding. */
static long
S_weight(const struct doc_node *cell)
{
	struct buf t = BUF_INIT;
	long wt = 0;
	size_t i;

	doc_plain_text(cell, &t);
	for (i = 0; i < t.len; i++)
		if ((unsigned char)t.data[i] < 0x80)
			wt++;
		else if (((unsigned char)t.data[i] & 0xC0) != 0x80)
			wt += 2;
	buf_free(&t);
	wt += 3;
	return wt < 6 ? 6 : wt > 60 ? 60 : wt;
}

/* Lays out the grid of table n: the columns (rowspan and colspan
 * honoured) and their widths, by the longest one-column text in each. */
static void
S_grid(struct S_bw *w, const struct doc_node *n, struct S_tbl *t)
{
	unsigned occ[S_MAXCOLS];
	long wt[S_MAXCOLS], sum = 0;
	const struct doc_node *r, *c;
	size_t col, k;

	memset(occ, 0, sizeof(occ));
	for (k = 0; k < S_MAXCOLS; k++)
		wt[k] = 6;
	t->ncols = 0;
	for (r = S_next_row(n, NULL); r != NULL; r = S_next_row(n, r)) {
		col = 0;
		for (c = r->first; c != NULL; c = c->next) {
			unsigned cs, rs;

			if (c->tag != DOC_TD && c->tag != DOC_TH)
				continue;
			while (col < S_MAXCOLS && occ[col] > 0)
				col++;
			if (col == S_MAXCOLS)
				break;
			cs = S_span(c, "colspan", (unsigned)(S_MAXCOLS - col));
			rs = S_span(c, "rowspan", S_MAXROWSPAN);
			if (cs == 1) {
				long x = S_weight(c);

				if (x > wt[col])
					wt[col] = x;
			}
			for (k = col; k < col + cs; k++)
				occ[k] = rs;
			col += cs;
		}
		if (col > t->ncols)
			t->ncols = col;
		for (k = 0; k < S_MAXCOLS; k++)
			if (occ[k] > 0)
				occ[k]--;
	}
	if (t->ncols == 0)
		t->ncols = 1;
	t->vm = xcalloc(t->ncols, sizeof(*t->vm));
	t->vspan = xcalloc(t->ncols, sizeof(*t->vspan));
	t->w = xcalloc(t->ncols, sizeof(*t->w));
	for (k = 0; k < t->ncols; k++)
		sum += wt[k];
	for (k = 0; k < t->ncols; k++)
		t->w[k] = w->textw * wt[k] / sum;
}

static void
S_table_open(struct S_bw *w, const struct doc_node *n)
{
	const struct pdf_theme *th = w->dd->th;
	struct S_tbl *t;
	long bw = (long)(th->rule_width * 8 + 0.5), pad;
	size_t k;

	w->tbls = xgrow(w->tbls, w->ntbl, sizeof(*w->tbls));
	t = &w->tbls[w->ntbl++];
	memset(t, 0, sizeof(*t));
	S_grid(w, n, t);
	if (bw < 2)
		bw = 2;
	pad = docx_twips(th->cell_pad);
	BUF_PUTSL(w->o, "<w:tbl><w:tblPr><w:tblW w:w=\"5000\" w:type=\"pct\"/>"
	    "<w:tblBorders>");
	for (k = 0; k < 6; k++) {
		static const char *const side[] = { "top", "left", "bottom",
		    "right", "insideH", "insideV" };

		buf_printf(w->o, "<w:%s w:val=\"single\" w:sz=\"%ld\" "
		    "w:space=\"0\" w:color=\"%06X\"/>", side[k], bw,
		    (unsigned)th->color_rule);
	}
	buf_printf(w->o, "</w:tblBorders><w:tblCellMar><w:top w:w=\"%ld\" "
	    "w:type=\"dxa\"/><w:left w:w=\"%ld\" w:type=\"dxa\"/><w:bottom "
	    "w:w=\"%ld\" w:type=\"dxa\"/><w:right w:w=\"%ld\" w:type=\"dxa\"/>"
	    "</w:tblCellMar><w:tblLook w:val=\"04A0\" w:firstRow=\"1\" "
	    "w:lastRow=\"0\" w:firstColumn=\"0\" w:lastColumn=\"0\" "
	    "w:noHBand=\"0\" w:noVBand=\"1\"/></w:tblPr><w:tblGrid>", pad,
	    pad, pad, pad);
	for (k = 0; k < t->ncols; k++)
		buf_printf(w->o, "<w:gridCol w:w=\"%ld\"/>", t->w[k]);
	BUF_PUTSL(w->o, "</w:tblGrid>");
}

/* The cells that continue, in this row, cells spanning rows from above
 * (from the next cell's column on; to the row's end with all set). */
static void
S_vcont(struct S_bw *w, struct S_tbl *t, int all)
{
	while (t->col < t->ncols) {
		unsigned cs;
		long wd = 0;
		size_t k;

		if (t->vm[t->col] == 0) {
			if (!all)
				return;
			t->col++;
			continue;
		}
		cs = t->vspan[t->col];
		for (k = t->col; k < t->col + cs && k < t->ncols; k++)
			wd += t->w[k];
		buf_printf(w->o, "<w:tc><w:tcPr><w:tcW w:w=\"%ld\" "
		    "w:type=\"dxa\"/>", wd);
		if (cs > 1)
			buf_printf(w->o, "<w:gridSpan w:val=\"%u\"/>", cs);
		BUF_PUTSL(w->o, "<w:vMerge/></w:tcPr><w:p><w:pPr><w:pStyle "
		    "w:val=\"RbTableText\"/>");
		if (w->keepnext)
			BUF_PUTSL(w->o, "<w:keepNext/>");
		BUF_PUTSL(w->o, "</w:pPr></w:p></w:tc>");
		t->vm[t->col]--;
		t->col += cs;
		t->ncells++;
	}
}

static void
S_cell_open(struct S_bw *w, const struct doc_node *n)
{
	struct S_tbl *t = S_tbl(w);
	unsigned cs, rs;
	long wd = 0;
	size_t k;

	S_vcont(w, t, 0);
	if (t->col >= t->ncols) {
		/* more cells than the grid (cannot happen: S_grid counted
		 * them): widen nothing, write it in the last column */
		t->col = t->ncols - 1;
	}
	cs = S_span(n, "colspan", (unsigned)(t->ncols - t->col));
	rs = S_span(n, "rowspan", S_MAXROWSPAN);
	for (k = t->col; k < t->col + cs; k++)
		wd += t->w[k];
	buf_printf(w->o, "<w:tc><w:tcPr><w:tcW w:w=\"%ld\" w:type=\"dxa\"/>",
	    wd);
	if (cs > 1)
		buf_printf(w->o, "<w:gridSpan w:val=\"%u\"/>", cs);
	if (rs > 1)
		BUF_PUTSL(w->o, "<w:vMerge w:val=\"restart\"/>");
	if (n->tag == DOC_TH)
		buf_printf(w->o, "<w:shd w:val=\"clear\" w:color=\"auto\" "
		    "w:fill=\"%06X\"/>", (unsigned)w->dd->th->color_th_bg);
	BUF_PUTSL(w->o, "<w:vAlign w:val=\"center\"/></w:tcPr>");
	t->vm[t->col] = rs - 1;
	t->vspan[t->col] = cs;
	t->col += cs;
	t->cellp = 0;
	t->ncells++;
}

static void
S_cell_close(struct S_bw *w)
{
	struct S_tbl *t = S_tbl(w);

	S_pclose(w);
	if (!t->cellp) {
		BUF_PUTSL(w->o, "<w:p><w:pPr><w:pStyle w:val=\"RbTableText\"/>");
		if (w->keepnext)
			BUF_PUTSL(w->o, "<w:keepNext/>");
		BUF_PUTSL(w->o, "</w:pPr></w:p>");
	}
	BUF_PUTSL(w->o, "</w:tc>");
}

/* After a table: a thin paragraph (Word needs one between two tables,
 * at the end of a cell and before the section properties). */
#define S_AFTER_TABLE	"<w:p><w:pPr><w:pStyle w:val=\"RbAfterTable\"/>" \
			"</w:pPr></w:p>"

static void
S_table_close(struct S_bw *w)
{
	struct S_tbl *t = S_tbl(w);
	int keep = t->keeplast;

	BUF_PUTSL(w->o, "</w:tbl>");
	free(t->vm);
	free(t->vspan);
	free(t->w);
	w->ntbl--;
	S_para_raw(w, keep ? "<w:p><w:pPr><w:pStyle w:val=\"RbAfterTable\"/>"
	    "<w:keepNext/></w:pPr></w:p>" : S_AFTER_TABLE);
}

/* The next sibling of n that is not blank text, or NULL. */
static const struct doc_node *
S_next_block(const struct doc_node *n)
{
	size_t i;

	for (n = n->next; n != NULL; n = n->next) {
		if (n->tag != DOC_TEXT)
			return n;
		for (i = 0; i < n->len && S_ws(n->text[i]); i++)
			;
		if (i < n->len)
			return n;
	}
	return NULL;
}

/* Do signature lines come right after n (the last block of its
 * containers, up to one followed by them)? */
static int
S_before_signature(const struct doc_node *n)
{
	const struct doc_node *nx;

	for (; n != NULL && n->tag != DOC_DOCUMENT; n = n->parent)
		if ((nx = S_next_block(n)) != NULL)
			return nx->tag == DOC_SIGNATURE;
	return 0;
}

/* Is row n the last of its table (in a tbody, thead or tfoot or not)? */
static int
S_last_row(const struct doc_node *n)
{
	const struct doc_node *p = n->parent, *c;

	for (c = S_next_block(n); c != NULL; c = S_next_block(c))
		if (c->tag == DOC_TR)
			return 0;
	if (p == NULL || p->tag == DOC_TABLE)
		return 1;
	for (c = S_next_block(p); c != NULL; c = S_next_block(c))
		if (c->tag != DOC_TEXT && c->first != NULL)
			return 0;
	return 1;
}

/* <rb-signature>: a borderless table, a line to sign on in each cell
 * above its label (and the superior's title). */
static void
S_signature(struct S_bw *w, const struct doc_node *n)
{
	const struct pdf_theme *th = w->dd->th;
	const struct doc_node *c;
	const char *v;
	size_t ns = 0;
	long cw;

	for (c = n->first; c != NULL; c = c->next)
		ns += c->tag == DOC_SIGN;
	if (ns == 0)
		return;
	cw = w->textw / (long)ns;
	BUF_PUTSL(w->o, "<w:tbl><w:tblPr><w:tblW w:w=\"5000\" w:type=\"pct\"/>"
	    "<w:tblLayout w:type=\"fixed\"/><w:tblCellMar><w:left w:w=\"240\" "
	    "w:type=\"dxa\"/><w:right w:w=\"240\" w:type=\"dxa\"/>"
	    "</w:tblCellMar></w:tblPr><w:tblGrid>");
	for (c = n->first; c != NULL; c = c->next)
		if (c->tag == DOC_SIGN)
			buf_printf(w->o, "<w:gridCol w:w=\"%ld\"/>", cw);
	BUF_PUTSL(w->o, "</w:tblGrid><w:tr><w:trPr><w:cantSplit/></w:trPr>");
	for (c = n->first; c != NULL; c = c->next) {
		if (c->tag != DOC_SIGN)
			continue;
		buf_printf(w->o, "<w:tc><w:tcPr><w:tcW w:w=\"%ld\" "
		    "w:type=\"dxa\"/></w:tcPr><w:p><w:pPr><w:pStyle "
		    "w:val=\"RbTableText\"/><w:keepNext/><w:pBdr><w:bottom "
		    "w:val=\"single\" w:sz=\"6\" w:space=\"1\" "
		    "w:color=\"%06X\"/></w:pBdr><w:spacing w:before=\"%ld\" "
		    "w:after=\"60\"/></w:pPr></w:p>", cw,
		    (unsigned)th->color_text, docx_twips(th->sign_space));
		BUF_PUTSL(w->o, "<w:p><w:pPr><w:pStyle w:val=\"RbTableText\"/>"
		    "<w:jc w:val=\"center\"/></w:pPr><w:r><w:t>");
		if ((v = doc_attr(c, "label")) != NULL)
			docx_put_text(w->o, v, strlen(v), 0);
		BUF_PUTSL(w->o, "</w:t></w:r></w:p>");
		if ((v = doc_attr(c, "sub")) != NULL && *v) {
			BUF_PUTSL(w->o, "<w:p><w:pPr><w:pStyle w:val=\"RbSmall\"/>"
			    "<w:jc w:val=\"center\"/></w:pPr><w:r><w:t>");
			docx_put_text(w->o, v, strlen(v), 0);
			BUF_PUTSL(w->o, "</w:t></w:r></w:p>");
		}
		BUF_PUTSL(w->o, "</w:tc>");
	}
	BUF_PUTSL(w->o, "</w:tr></w:tbl>");
	S_para_raw(w, S_AFTER_TABLE);
}

/* <rb-orgnode>: one indented paragraph, the label linked to its role. */
static void
S_orgnode(struct S_bw *w, const struct doc_node *n)
{
	const struct doc_node *p;
	const char *v;
	int depth = 0;

	for (p = n->parent; p != NULL; p = p->parent)
		depth += p->tag == DOC_ORGNODE;
	buf_printf(w->o, "<w:p><w:pPr><w:spacing w:after=\"0\"/><w:ind "
	    "w:left=\"%d\"/><w:jc w:val=\"left\"/></w:pPr>",
	    depth * DOCX_LIST_INDENT);
	S_marks(w);
	w->para = 1;
	S_link_open(w, n);
	w->bold += depth == 0;
	if ((v = doc_attr(n, "label")) != NULL)
		S_run(w, v, strlen(v));
	w->bold -= depth == 0;
	if (w->link) {
		BUF_PUTSL(w->o, "</w:hyperlink>");
		w->link = NULL;
	}
	if ((v = doc_attr(n, "sub")) != NULL && *v) {
		struct buf t = BUF_INIT;

		buf_printf(&t, "  %s", v);
		w->small++;
		S_run(w, t.data, t.len);
		w->small--;
		buf_free(&t);
	}
	w->para = 0;
	S_para_raw(w, "</w:p>");
}

/* <rb-chart>: its title, then each series' points as text. */
static void
S_chart(struct S_bw *w, const struct doc_node *n)
{
	const struct doc_node *s, *p;
	const char *v, *unit = doc_attr(n, "unit");
	struct buf t = BUF_INIT;

	if ((v = doc_attr(n, "title")) != NULL && *v) {
		BUF_PUTSL(w->o, "<w:p><w:pPr><w:keepNext/></w:pPr>");
		S_marks(w);
		w->bold++;
		S_run(w, v, strlen(v));
		w->bold--;
		S_para_raw(w, "</w:p>");
	}
	for (s = n->first; s != NULL; s = s->next) {
		if (s->tag != DOC_SERIES)
			continue;
		buf_reset(&t);
		if ((v = doc_attr(s, "name")) != NULL && *v)
			buf_printf(&t, "%s\xef\xbc\x9a", v);	/* ： */
		for (p = s->first; p != NULL; p = p->next) {
			if (p->tag != DOC_POINT)
				continue;
			if (p != s->first)
				BUF_PUTSL(&t, "\xef\xbc\x8c");		/* ， */
			buf_printf(&t, "%s %s%s%s", doc_attr(p, "label") ?
			    doc_attr(p, "label") : "", doc_attr(p, "value") ?
			    doc_attr(p, "value") : "", unit ? " " : "",
			    unit ? unit : "");
		}
		BUF_PUTSL(w->o, "<w:p>");
		S_marks(w);
		S_run(w, t.data ? t.data : "", t.len);
		S_para_raw(w, "</w:p>");
	}
	buf_free(&t);
}

/* <img>: Word gets its description (images are not embedded yet). */
static void
S_img(struct S_bw *w, const struct doc_node *n)
{
	const char *alt = doc_attr(n, "alt");
	struct buf t = BUF_INIT;

	if (alt == NULL || *alt == '\0')
		return;
	buf_printf(&t, "[%s]", alt);
	if (!w->para)
		S_popen(w, n);
	w->small++;
	S_run(w, t.data, t.len);
	w->small--;
	w->pstart = 0;
	buf_free(&t);
}

static void
S_list_open(struct S_bw *w, const struct doc_node *n)
{
	struct docx_doc *dd = w->dd;
	struct S_list *l;

	w->lists = xgrow(w->lists, w->nlist, sizeof(*w->lists));
	l = &w->lists[w->nlist++];
	l->first = 0;
	if (n->tag == DOC_OL) {
		const char *v = doc_attr(n, "start");
		long start = v ? strtol(v, NULL, 10) : 1;

		if (start < 0 || start > DOC_OL_START_MAX)
			start = 1;
		dd->olstart = xgrow(dd->olstart, dd->nol, sizeof(long));
		dd->olstart[dd->nol] = start;
		dd->olfmt = xgrow(dd->olfmt, dd->nol, 1);
		dd->olfmt[dd->nol] = doc_has_class(n, "cn") ? DOCX_FMT_CN :
		    doc_has_class(n, "cn-paren") ? DOCX_FMT_CN_PAREN :
		    doc_has_class(n, "paren") ? DOCX_FMT_PAREN : DOCX_FMT_DECIMAL;
		l->numid = (int)(DOCX_NUM_OL0 + dd->nol++);
	} else
		l->numid = DOCX_NUM_BULLET;
}

/* Entering n: returns 1 to skip its children (written already). */
static int
S_enter(struct S_bw *w, const struct doc_node *n)
{
	struct S_id *e;

	if (n->id && w->nid && (e = strset_get(&w->ids, n->id)) != NULL &&
	    e->n == n) {
		w->pend = xgrow(w->pend, w->npend, sizeof(*w->pend));
		w->pend[w->npend++] = n;
	}
	switch (n->tag) {
	case DOC_TEXT:
		S_text(w, n);
		return 0;
	case DOC_A:
		S_link_open(w, n);
		return 0;
	case DOC_STRONG:
		w->bold++;
		return 0;
	case DOC_EM:
		w->ital++;
		return 0;
	case DOC_CODE:
		w->code++;
		return 0;
	case DOC_SMALL:
		w->small++;
		return 0;
	case DOC_SPAN:
		return 0;
	case DOC_BR:
		if (!w->para)
			S_popen(w, n);
		BUF_PUTSL(w->o, "<w:r><w:br/></w:r>");
		w->pstart = 1;
		w->pspace = 0;
		return 0;
	case DOC_PAGEREF:
		S_pageref(w, n);
		return 0;
	default:
		break;
	}
	/* a block: ends the open paragraph */
	S_pclose(w);
	switch (n->tag) {
	case DOC_PRE:
		w->pre++;
		break;
	case DOC_UL:
	case DOC_OL:
		S_list_open(w, n);
		break;
	case DOC_LI:
		if (w->nlist > 0)
			w->lists[w->nlist - 1].first = 1;
		break;
	case DOC_TABLE:
		S_table_open(w, n);
		/* signature lines never alone on a page: the table's last
		 * row keeps with them, as in the PDF */
		S_tbl(w)->keeplast = S_before_signature(n);
		break;
	case DOC_TR:
		if (S_tbl(w) == NULL)
			return 1;
		if (S_tbl(w)->keeplast && S_last_row(n))
			w->keepnext = 1;
		BUF_PUTSL(w->o, "<w:tr><w:trPr><w:cantSplit/>");
		if (n->parent && n->parent->tag == DOC_THEAD)
			BUF_PUTSL(w->o, "<w:tblHeader/>");
		BUF_PUTSL(w->o, "</w:trPr>");
		S_tbl(w)->col = 0;
		S_tbl(w)->ncells = 0;
		break;
	case DOC_TH:
	case DOC_TD:
		if (S_tbl(w) == NULL)
			return 1;
		S_cell_open(w, n);
		break;
	case DOC_HR:
		buf_printf(w->o, "<w:p><w:pPr><w:pBdr><w:bottom w:val=\"single\" "
		    "w:sz=\"4\" w:space=\"1\" w:color=\"%06X\"/></w:pBdr>"
		    "</w:pPr>", (unsigned)w->dd->th->color_rule);
		S_marks(w);
		S_para_raw(w, "</w:p>");
		return 1;
	case DOC_PAGEBREAK:
		S_para_raw(w, "<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>");
		return 1;
	case DOC_TOC:
		S_toc(w);
		return 1;
	case DOC_IMG:
		S_img(w, n);
		return 1;
	case DOC_SIGNATURE:
		S_signature(w, n);
		return 1;
	case DOC_DT:
		if (w->term && !w->termused)
			S_term(w, 0);
		w->term = n;
		w->termused = 0;
		return 1;
	case DOC_DD:
		w->ddfirst = 1;
		break;
	case DOC_CHART:
		S_chart(w, n);
		return 1;
	case DOC_ORGNODE:
		S_orgnode(w, n);
		return 0;
	default:
		break;
	}
	return 0;
}

static void
S_exit(struct S_bw *w, const struct doc_node *n)
{
	switch (n->tag) {
	case DOC_A:
		if (w->link == n) {
			BUF_PUTSL(w->o, "</w:hyperlink>");
			w->link = NULL;
		}
		return;
	case DOC_STRONG:
		w->bold--;
		return;
	case DOC_EM:
		w->ital--;
		return;
	case DOC_CODE:
		w->code--;
		return;
	case DOC_SMALL:
		w->small--;
		return;
	case DOC_SPAN:
	case DOC_BR:
	case DOC_PAGEREF:
		return;
	default:
		break;
	}
	S_pclose(w);
	switch (n->tag) {
	case DOC_PRE:
		w->pre--;
		break;
	case DOC_UL:
	case DOC_OL:
		w->nlist--;
		break;
	case DOC_TABLE:
		S_table_close(w);
		break;
	case DOC_TR:
		S_vcont(w, S_tbl(w), 1);
		if (S_tbl(w)->ncells == 0)
			BUF_PUTSL(w->o, "<w:tc><w:p/></w:tc>");
		BUF_PUTSL(w->o, "</w:tr>");
		w->keepnext = 0;
		break;
	case DOC_TH:
	case DOC_TD:
		S_cell_close(w);
		break;
	case DOC_DD:
		w->ddfirst = 0;
		break;
	case DOC_DL:
		if (w->term && !w->termused)
			S_term(w, 0);
		w->term = NULL;
		break;
	default:
		break;
	}
}

/* The bookmarks: every element with an id (the first of an id). */
static void
S_ids(struct S_bw *w)
{
	struct doc_node *c = NULL;
	int entering;
	size_t n = 0;

	while ((c = doc_next(w->dd->root, c, &entering)) != NULL)
		n += entering && c->id != NULL;
	if (n == 0)
		return;
	strset_init(&w->ids, n);
	w->idv = xcalloc(n, sizeof(*w->idv));
	while ((c = doc_next(w->dd->root, c, &entering)) != NULL)
		if (entering && c->id != NULL) {
			w->idv[w->nid].n = c;
			w->idv[w->nid].num = w->nid;
			if (strset_add(&w->ids, c->id, &w->idv[w->nid]) ==
			    NULL)
				w->nid++;
		}
	if (w->nid == 0)
		strset_free(&w->ids);
}

/* word/header1.xml and word/footer1.xml: the running header, and the
 * footer with "第 PAGE 页 / 共 NUMPAGES 页" as the PDF's. */
static void
S_frame(struct docx_doc *dd)
{
	const char *h = doc_attr(dd->root, "data-header");
	const char *f = doc_attr(dd->root, "data-footer");

	buf_puts(&dd->header, DOCX_XML_DECL);
	BUF_PUTSL(&dd->header, "<w:hdr xmlns:w=\"" DOCX_NS_W "\" xmlns:r=\""
	    DOCX_NS_R "\"><w:p><w:pPr><w:pStyle w:val=\"Header\"/></w:pPr>");
	if (h && *h) {
		BUF_PUTSL(&dd->header, "<w:r><w:t xml:space=\"preserve\">");
		docx_put_text(&dd->header, h, strlen(h), 0);
		BUF_PUTSL(&dd->header, "</w:t></w:r>");
	}
	BUF_PUTSL(&dd->header, "</w:p></w:hdr>");
	buf_puts(&dd->footer, DOCX_XML_DECL);
	BUF_PUTSL(&dd->footer, "<w:ftr xmlns:w=\"" DOCX_NS_W "\" xmlns:r=\""
	    DOCX_NS_R "\"><w:p><w:pPr><w:pStyle w:val=\"Footer\"/></w:pPr>");
	if (f && *f) {
		BUF_PUTSL(&dd->footer, "<w:r><w:t xml:space=\"preserve\">");
		docx_put_text(&dd->footer, f, strlen(f), 0);
		BUF_PUTSL(&dd->footer, "</w:t></w:r>");
	}
	BUF_PUTSL(&dd->footer, "<w:r><w:tab/></w:r><w:r><w:t xml:space="
	    "\"preserve\">\xe7\xac\xac </w:t></w:r>");
	S_field(&dd->footer, " PAGE ", "1");
	BUF_PUTSL(&dd->footer, "<w:r><w:t xml:space=\"preserve\"> "
	    "\xe9\xa1\xb5 / \xe5\x85\xb1 </w:t></w:r>");
	S_field(&dd->footer, " NUMPAGES ", "1");
	BUF_PUTSL(&dd->footer, "<w:r><w:t xml:space=\"preserve\"> "
	    "\xe9\xa1\xb5</w:t></w:r></w:p></w:ftr>");
}

/* The section: A4 (the theme's page) and margins, header and footer; no
 * header or footer on a cover page, no header above a document's own
 * <header> (a role sheet's first page), as in the PDF. */
static void
S_sect(struct docx_doc *dd, struct buf *o)
{
	const struct pdf_theme *th = dd->th;
	const struct doc_node *c;
	const char *h = doc_attr(dd->root, "data-header");
	int cover = 0, ownhead = 0;
	long hd, fd;

	for (c = dd->root->first; c && c->tag == DOC_TEXT; c = c->next)
		;
	if (c && c->tag == DOC_SECTION && doc_has_class(c, "cover"))
		cover = 1;
	else if (c && c->tag == DOC_HEADER)
		ownhead = 1;
	BUF_PUTSL(o, "<w:sectPr>");
	if (h && *h)
		buf_printf(o, "<w:headerReference w:type=\"default\" "
		    "r:id=\"rId%d\"/>", DOCX_RID_HEADER);
	buf_printf(o, "<w:footerReference w:type=\"default\" r:id=\"rId%d\"/>",
	    DOCX_RID_FOOTER);
	if (ownhead)
		buf_printf(o, "<w:footerReference w:type=\"first\" "
		    "r:id=\"rId%d\"/>", DOCX_RID_FOOTER);
	hd = docx_twips(th->margin_top - th->size_header * 2.6);
	fd = docx_twips(th->margin_bottom - th->size_header * 3.6);
	buf_printf(o, "<w:pgSz w:w=\"%ld\" w:h=\"%ld\"/><w:pgMar w:top=\"%ld\" "
	    "w:right=\"%ld\" w:bottom=\"%ld\" w:left=\"%ld\" w:header=\"%ld\" "
	    "w:footer=\"%ld\" w:gutter=\"0\"/>%s</w:sectPr>",
	    docx_twips(th->page_w), docx_twips(th->page_h),
	    docx_twips(th->margin_top), docx_twips(th->margin_right),
	    docx_twips(th->margin_bottom), docx_twips(th->margin_left),
	    hd < 0 ? 0 : hd, fd < 0 ? 0 : fd,
	    cover || ownhead ? "<w:titlePg/>" : "");
}

void
docx_body(struct docx_doc *dd)
{
	struct S_bw w;
	struct doc_node *n = NULL;
	const struct doc_node *skip = NULL;
	int entering;

	memset(&w, 0, sizeof(w));
	w.dd = dd;
	w.o = &dd->document;
	w.textw = docx_twips(dd->th->page_w - dd->th->margin_left -
	    dd->th->margin_right);
	S_ids(&w);
	buf_puts(w.o, DOCX_XML_DECL);
	BUF_PUTSL(w.o, "<w:document xmlns:w=\"" DOCX_NS_W "\" xmlns:r=\""
	    DOCX_NS_R "\"><w:body>");
	while ((n = doc_next(dd->root, n, &entering)) != NULL) {
		if (skip) {
			if (n == skip && !entering)
				skip = NULL;
			continue;
		}
		if (entering) {
			if (S_enter(&w, n) && n->tag != DOC_TEXT)
				skip = n;
		} else
			S_exit(&w, n);
	}
	S_pclose(&w);
	/* open tables (none: the walk closed them) */
	S_sect(dd, w.o);
	BUF_PUTSL(w.o, "</w:body></w:document>");
	S_frame(dd);
	if (w.nid)
		strset_free(&w.ids);
	free(w.idv);
	free(w.pend);
	free(w.lists);
	free(w.tbls);
}
