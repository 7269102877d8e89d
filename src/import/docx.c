/*
 * docx.c — a Word 2007+ document (.docx; also as WPS and LibreOffice save
 * it) into paragraphs (import.h).
 *
 * The archive is read with libzip from memory; nothing is extracted to
 * disk.  Refused, each with a diagnostic: more than S_MAX_ENTRIES entries,
 * an entry name that is absolute or climbs out (".."), a part that
 * inflates past the data-size limit or more than S_MAX_RATIO times its
 * compressed size (a zip bomb), a DOCTYPE in any part read, and an
 * external relationship other than a hyperlink (a linked template, image
 * or OLE object would be fetched by Word; we never fetch, and refuse the
 * file so nobody is surprised).  The XML parts are parsed by libxml2 with
 * XML_PARSE_NONET and no entity expansion (docs/security.md).
 *
 * What is read: word/document.xml's body in order — paragraphs (their
 * text, tabs and breaks; bold when every run is; the heading level from
 * the paragraph's style or outline level; Word list numbering), and
 * tables row by row.  A table in the one-table form is flattened into
 * paragraphs the recogniser already knows: a label cell and its value
 * cell become "label：value", a label cell starting a row of items
 * becomes a heading followed by the items.  word/styles.xml gives the
 * styles' heading levels and numbering; word/_rels/document.xml.rels is
 * checked for external relationships.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <zip.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "../util/util.h"
#include "../util/diag.h"
#include "../model/fields.h"
#include "import.h"

#define S_MAX_ENTRIES	10000
#define S_MAX_RATIO	200
#define S_W_NS	"http://schemas.openxmlformats.org/wordprocessingml/2006/main"

struct S_style {
	char	*id;
	int	 level;		/* heading level 1-9, or 0 */
	int	 num;		/* the style numbers its paragraphs */
	int	 bold;
};

struct S_ctx {
	struct imp_doc	*doc;
	struct diag	*d;
	struct S_style	*st;
	size_t		 nst;
	int		 npara;		/* paragraphs seen, for positions */
	int		 ntable;
};

/* One table cell: its paragraphs, flattened later. */
struct S_cell {
	struct imp_para	*p;
	size_t		 n;
};

static int
S_is(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->ns != NULL &&
	    strcmp((const char *)n->ns->href, S_W_NS) == 0 &&
	    strcmp((const char *)n->name, name) == 0;
}

static xmlNode *
S_child(const xmlNode *n, const char *name)
{
	xmlNode *c;

	for (c = n->children; c; c = c->next)
		if (S_is(c, name))
			return c;
	return NULL;
}

/* The w:val attribute of n, or NULL (caller frees). */
static char *
S_val(const xmlNode *n)
{
	return n ? (char *)xmlGetNsProp((xmlNode *)n, (const xmlChar *)"val",
	    (const xmlChar *)S_W_NS) : NULL;
}

/* An on/off property such as w:b: on unless w:val is 0, false or off. */
static int
S_on(const xmlNode *n)
{
	char *v;
	int on;

	if (n == NULL)
		return 0;
	if ((v = S_val(n)) == NULL)
		return 1;
	on = strcmp(v, "0") != 0 && strcmp(v, "false") != 0 &&
	    strcmp(v, "off") != 0;
	xmlFree(v);
	return on;
}

/* ---- the archive ---- */

/* Reads entry name into *out (caller frees); 0, or -1 with an error.
 * A missing entry is 1 when optional. */
static int
S_entry(struct S_ctx *c, zip_t *za, const char *name, int optional,
    char **out, size_t *outlen)
{
	const char *file = c->doc->file;
	unsigned long long lim = rb_limit(RB_LIM_DATA);
	zip_stat_t st;
	zip_file_t *f;
	zip_int64_t r;
	char *data;
	size_t got = 0;

	zip_stat_init(&st);
	if (zip_stat(za, name, 0, &st) == -1) {
		if (optional)
			return 1;
		diag_at(c->d, DIAG_ERROR, file, 0, 0, "not a Word document: "
		    "the archive has no %s (save it from Word, WPS or "
		    "LibreOffice as .docx)", name);
		return -1;
	}
	if ((st.valid & ZIP_STAT_COMP_SIZE) && st.size > (1u << 20) &&
	    st.size / (st.comp_size ? st.comp_size : 1) > S_MAX_RATIO) {
		diag_at(c->d, DIAG_ERROR, file, 0, 0, "%s inflates %llu times "
		    "(%llu to %llu bytes): refused as a zip bomb", name,
		    (unsigned long long)(st.size / (st.comp_size ?
		    st.comp_size : 1)), (unsigned long long)st.comp_size,
		    (unsigned long long)st.size);
		return -1;
	}
	if (!(st.valid & ZIP_STAT_SIZE) || st.size > lim) {
		diag_at(c->d, DIAG_ERROR, file, 0, 0, "%s inflates to %llu "
		    "bytes (%s)", name, (unsigned long long)st.size,
		    rb_limit_hint(RB_LIM_DATA));
		return -1;
	}
	if ((f = zip_fopen(za, name, 0)) == NULL) {
		diag_at(c->d, DIAG_ERROR, file, 0, 0, "%s cannot be read: %s",
		    name, zip_strerror(za));
		return -1;
	}
	/* One byte more than declared: an entry that lies is refused. */
	data = xmalloc((size_t)st.size + 2);
	while ((r = zip_fread(f, data + got, (size_t)st.size + 1 - got)) > 0)
		got += (size_t)r;
	zip_fclose(f);
	if (r < 0 || got != st.size) {
		diag_at(c->d, DIAG_ERROR, file, 0, 0, "%s is damaged (%s)",
		    name, r < 0 ? "a read error" : "its size is not the one "
		    "declared");
		free(data);
		return -1;
	}
	data[got] = '\0';
	if (strstr(data, "<!DOCTYPE") != NULL) {
		diag_at(c->d, DIAG_ERROR, file, 0, 0, "%s has a DOCTYPE, which "
		    "Word never writes: refused", name);
		free(data);
		return -1;
	}
	*out = data;
	*outlen = got;
	return 0;
}

/* Every entry name must stay inside the archive. */
static int
S_check_names(struct S_ctx *c, zip_t *za)
{
	zip_int64_t i, n = zip_get_num_entries(za, 0);
	const char *name, *s;

	if (n > S_MAX_ENTRIES) {
		diag_at(c->d, DIAG_ERROR, c->doc->file, 0, 0, "%lld entries in "
		    "the archive (at most %d): refused", (long long)n,
		    S_MAX_ENTRIES);
		return -1;
	}
	for (i = 0; i < n; i++) {
		if ((name = zip_get_name(za, (zip_uint64_t)i, 0)) == NULL)
			continue;
		for (s = name; *s; s++)
			if ((s == name || s[-1] == '/' || s[-1] == '\\') &&
			    s[0] == '.' && s[1] == '.' &&
			    (s[2] == '/' || s[2] == '\\' || s[2] == '\0'))
				break;
		if (name[0] == '/' || name[0] == '\\' || *s != '\0' ||
		    strchr(name, ':') != NULL) {
			diag_at(c->d, DIAG_ERROR, c->doc->file, 0, 0, "archive "
			    "entry '%s' points outside the archive: refused",
			    name);
			return -1;
		}
	}
	return 0;
}

static xmlDoc *
S_parse(struct S_ctx *c, const char *name, const char *data, size_t len)
{
	xmlDoc *x;
	const xmlError *e;

	x = xmlReadMemory(data, (int)len, name, NULL, XML_PARSE_NONET |
	    XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (x == NULL || x->intSubset != NULL) {
		char *m;

		e = xmlGetLastError();
		m = xstrdup(x == NULL && e && e->message ? e->message :
		    "a DOCTYPE");
		m[strcspn(m, "\n")] = '\0';	/* libxml2 ends it with one */
		diag_at(c->d, DIAG_ERROR, c->doc->file, 0, 0, "%s is not "
		    "a Word XML part (line %d: %s)", name, e ? e->line : 0, m);
		free(m);
		xmlFreeDoc(x);
		return NULL;
	}
	return x;
}

/* External relationships other than hyperlinks are refused. */
static int
S_rels(struct S_ctx *c, zip_t *za)
{
	static const char name[] = "word/_rels/document.xml.rels";
	char *data, *mode, *type, *target;
	size_t len;
	xmlDoc *x;
	xmlNode *n;
	int rc = 0, r;

	if ((r = S_entry(c, za, name, 1, &data, &len)) != 0)
		return r == 1 ? 0 : -1;
	x = S_parse(c, name, data, len);
	free(data);
	if (x == NULL)
		return -1;
	for (n = xmlDocGetRootElement(x)->children; n && rc == 0;
	    n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		mode = (char *)xmlGetProp(n, (const xmlChar *)"TargetMode");
		type = (char *)xmlGetProp(n, (const xmlChar *)"Type");
		target = (char *)xmlGetProp(n, (const xmlChar *)"Target");
		if (mode && strcasecmp(mode, "External") == 0 && (type == NULL
		    || strlen(type) < 10 ||
		    strcmp(type + strlen(type) - 10, "/hyperlink") != 0)) {
			diag_at(c->d, DIAG_ERROR, c->doc->file, 0, 0, "the "
			    "document links an external %s (%s): refused; "
			    "save it again without linked files",
			    type && strrchr(type, '/') ? strrchr(type, '/') + 1
			    : "part", target ? target : "?");
			rc = -1;
		}
		xmlFree(mode);
		xmlFree(type);
		xmlFree(target);
	}
	xmlFreeDoc(x);
	return rc;
}

/* Heading level of a style name: "heading 2", "Heading2", "标题 2". */
static int
S_name_level(const char *s)
{
	size_t n;

	if (strncasecmp(s, "heading", 7) == 0)
		n = 7;
	else if (strlen(s) >= 6 && rb_name_eq(s, 6, "标题"))	/* 標題 */
		n = 6;
	else
		return 0;
	while (s[n] == ' ')
		n++;
	return s[n] >= '1' && s[n] <= '9' && s[n + 1] == '\0' ?
	    s[n] - '0' : 0;
}

static void
S_styles(struct S_ctx *c, zip_t *za)
{
	static const char name[] = "word/styles.xml";
	char *data, *v;
	size_t len;
	xmlDoc *x;
	xmlNode *n, *pp, *rp;
	struct S_style *s;

	if (S_entry(c, za, name, 1, &data, &len) != 0)
		return;
	x = S_parse(c, name, data, len);
	free(data);
	if (x == NULL)
		return;
	for (n = xmlDocGetRootElement(x)->children; n; n = n->next) {
		if (!S_is(n, "style"))
			continue;
		if ((v = (char *)xmlGetNsProp(n, (const xmlChar *)"styleId",
		    (const xmlChar *)S_W_NS)) == NULL)
			continue;
		c->st = xgrow(c->st, c->nst, sizeof(*c->st));
		s = &c->st[c->nst++];
		memset(s, 0, sizeof(*s));
		s->id = xstrdup(v);
		xmlFree(v);
		if ((v = S_val(S_child(n, "name"))) != NULL) {
			s->level = S_name_level(v);
			xmlFree(v);
		}
		if ((pp = S_child(n, "pPr")) != NULL) {
			if (s->level == 0 && (v = S_val(S_child(pp,
			    "outlineLvl"))) != NULL) {
				if (v[0] >= '0' && v[0] <= '8' && v[1] == '\0')
					s->level = v[0] - '0' + 1;
				xmlFree(v);
			}
			s->num = S_child(pp, "numPr") != NULL;
		}
		if ((rp = S_child(n, "rPr")) != NULL)
			s->bold = S_on(S_child(rp, "b"));
	}
	xmlFreeDoc(x);
}

static const struct S_style *
S_style(const struct S_ctx *c, const char *id)
{
	size_t i;

	for (i = 0; id && i < c->nst; i++)
		if (strcmp(c->st[i].id, id) == 0)
			return &c->st[i];
	return NULL;
}

/* ---- paragraphs ---- */

struct S_run {
	struct buf	 text;
	int		 bold, plain;	/* runs with text that are / are not */
};

static void
S_runs(const xmlNode *n, struct S_run *r, int depth)
{
	const xmlNode *c, *rp;
	char *t;
	size_t before;
	int b;

	if (depth > 32)
		return;
	for (c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (S_is(c, "r")) {
			before = r->text.len;
			rp = S_child(c, "rPr");
			b = rp && S_on(S_child(rp, "b"));
			S_runs(c, r, depth + 1);
			if (r->text.len > before) {
				if (b)
					r->bold++;
				else
					r->plain++;
			}
		} else if (S_is(c, "t")) {
			if ((t = (char *)xmlNodeGetContent(c)) != NULL) {
				buf_puts(&r->text, t);
				xmlFree(t);
			}
		} else if (S_is(c, "tab"))
			buf_putc(&r->text, ' ');
		else if (S_is(c, "br") || S_is(c, "cr"))
			buf_putc(&r->text, '\n');
		else if (S_is(c, "noBreakHyphen"))
			buf_putc(&r->text, '-');
		else if (S_is(c, "del") || S_is(c, "pPr") || S_is(c, "rPr") ||
		    S_is(c, "instrText") || S_is(c, "delText") ||
		    S_is(c, "drawing") || S_is(c, "pict") ||
		    S_is(c, "object"))
			continue;
		else
			S_runs(c, r, depth + 1);	/* hyperlink, ins, sdt, … */
	}
}

/* Appends paragraph x of cell (or of the body when cell is NULL). */
static void
S_para(struct S_ctx *c, const xmlNode *x, struct S_cell *cell, int table,
    int row, int col)
{
	struct S_run r = { BUF_INIT, 0, 0 };
	const struct S_style *st = NULL;
	const xmlNode *pp, *np;
	struct imp_para *p;
	struct imp_doc tmp;
	char *v;
	int level = 0, num = 0;

	c->npara++;
	S_runs(x, &r, 0);
	if ((pp = S_child(x, "pPr")) != NULL) {
		if ((v = S_val(S_child(pp, "pStyle"))) != NULL) {
			st = S_style(c, v);
			xmlFree(v);
		}
		if ((v = S_val(S_child(pp, "outlineLvl"))) != NULL) {
			if (v[0] >= '0' && v[0] <= '8' && v[1] == '\0')
				level = v[0] - '0' + 1;
			xmlFree(v);
		}
		if ((np = S_child(pp, "numPr")) != NULL) {
			v = S_val(S_child(np, "numId"));
			if (v == NULL || strcmp(v, "0") != 0) {
				char *il = S_val(S_child(np, "ilvl"));

				num = il ? atoi(il) + 1 : 1;
				xmlFree(il);
			}
			xmlFree(v);
		}
	}
	if (st != NULL) {
		if (level == 0)
			level = st->level;
		if (num == 0 && st->num)
			num = 1;
	}
	/* Into the document, or into the cell (flattened later). */
	tmp.file = c->doc->file;
	tmp.p = cell ? cell->p : c->doc->p;
	tmp.n = cell ? cell->n : c->doc->n;
	imp_doc_add(&tmp, r.text.data ? r.text.data : "", r.text.len,
	    c->npara);
	p = &tmp.p[tmp.n - 1];
	p->heading = level;
	p->numlevel = num;
	p->bold = (r.bold > 0 && r.plain == 0) || (st && st->bold &&
	    r.plain + r.bold > 0);
	p->table = table;
	p->row = row;
	p->cell = col;
	if (cell) {
		cell->p = tmp.p;
		cell->n = tmp.n;
	} else {
		c->doc->p = tmp.p;
		c->doc->n = tmp.n;
	}
	buf_free(&r.text);
}

static void S_blocks(struct S_ctx *, const xmlNode *, struct S_cell *,
	    int, int, int, int);

/* Text of a cell on one line, for a label or a value. */
static void
S_cell_text(const struct S_cell *cl, struct buf *b)
{
	size_t i;

	for (i = 0; i < cl->n; i++) {
		if (cl->p[i].text[0] == '\0')
			continue;
		if (b->len > 0)
			buf_putc(b, ' ');
		buf_puts(b, cl->p[i].text);
	}
}

/* Is a cell a label: a field key (or a derived one, 直接下级), or a
 * section heading? */
static int
S_label(const struct S_cell *cl, int *key)
{
	struct buf b = BUF_INIT;
	size_t n;
	int f = -1;

	*key = 0;
	S_cell_text(cl, &b);
	if (b.len > 0 && b.len <= 48) {
		n = rb_strip_colon(b.data, b.len);
		if ((f = rb_field_of_key(b.data, n)) >= 0)
			*key = 1;
		else if (rb_derived_key(b.data, n)) {
			f = RB_F_ID;	/* any key: recog.c warns */
			*key = 1;
		} else
			f = rb_field_of_heading(b.data, b.len, NULL, NULL);
	}
	buf_free(&b);
	return f;
}

static void
S_move(struct S_ctx *c, struct imp_para *p)
{
	c->doc->p = xgrow(c->doc->p, c->doc->n, sizeof(*c->doc->p));
	c->doc->p[c->doc->n++] = *p;
	p->text = NULL;
	p->attrs = NULL;
}

/* The first paragraph of a cell with text, or NULL. */
static struct imp_para *
S_first(struct S_cell *cl)
{
	size_t i;

	for (i = 0; i < cl->n; i++)
		if (cl->p[i].text[0] != '\0')
			return &cl->p[i];
	return NULL;
}

/* Does s end with (or is it) one of the words of a signature line? */
static const char *const S_sign[] = { "签字", "签名", "签章", "日期",
	NULL };

void
imp_docx_words(void (*fn)(const char *, void *), void *arg)
{
	const char *const *k;

	for (k = S_sign; *k; k++)
		fn(*k, arg);
	fn("标题", arg);
}

static int
S_sign_word(const char *s)
{
	const char *const *w = S_sign;
	const char *const *k;
	size_t n = strlen(s), l;

	for (k = w; *k; k++)
		if (n >= (l = strlen(*k)) && rb_name_eq(s + n - l, l, *k))
			return 1;
	return 0;
}

/*
 * One table row into the document: label-value pairs become
 * "label：value", a section label cell becomes a heading with the cells
 * after it as its paragraphs, a short bold label beside one value cell
 * ("学历 | 大专以上") becomes "label：value", a row of signature lines
 * (任职者签字 | 日期) is left out, other cells stay paragraphs.
 */
static void
S_row(struct S_ctx *c, struct S_cell *cells, size_t n)
{
	struct buf b = BUF_INIT;
	struct imp_para *p, *q;
	size_t i, j, ns = 0, nt = 0;
	int f, key;

	for (i = 0; i < n; i++)
		if ((p = S_first(&cells[i])) != NULL) {
			nt++;
			ns += S_sign_word(p->text);
		}
	if (nt > 0 && ns == nt)
		return;
	for (i = 0; i < n; i++) {
		f = cells[i].n ? S_label(&cells[i], &key) : -1;
		p = S_first(&cells[i]);
		if ((f >= 0 && key && i + 1 < n) || (f < 0 && n == 2 &&
		    i == 0 && p != NULL && p->bold && cells[i].n == 1 &&
		    utf8_count(p->text, strlen(p->text)) <= 12 &&
		    (q = S_first(&cells[1])) != NULL && !q->bold)) {
			buf_reset(&b);
			S_cell_text(&cells[i], &b);
			b.len = rb_strip_colon(b.data, b.len);
			buf_puts(&b, "：");
			{
				struct buf v = BUF_INIT;

				S_cell_text(&cells[i + 1], &v);
				buf_put(&b, v.data, v.len);
				buf_free(&v);
			}
			free(cells[i].p[0].text);
			cells[i].p[0].text = xstrdup(b.data);
			cells[i].p[0].bold = cells[i].p[0].heading = 0;
			S_move(c, &cells[i].p[0]);
			i++;
			continue;
		}
		for (j = 0; j < cells[i].n; j++) {
			p = &cells[i].p[j];
			if (f >= 0 && !key && j == 0 && i + 1 < n)
				p->heading = 1;
			S_move(c, p);
		}
	}
	buf_free(&b);
}

/* What a column of a table with a header row holds, by its heading. */
enum { S_COL_TEXT, S_COL_NUM, S_COL_FREQ, S_COL_SHARE };

static int
S_col_kind(const char *t)
{
	static const char *const num[] = { "序号", "编号", "No.", "No", "#",
	    NULL };
	const struct rb_attrdef *a;
	const char *const *k;

	for (k = num; *k; k++)
		if (strcmp(t, *k) == 0)
			return S_COL_NUM;
	/* 频率, 时间占比 …: the duty's attributes by the field table */
	if ((a = rb_item_attr(rb_fields[RB_F_DUTIES].item, t,
	    strlen(t))) == NULL)
		return S_COL_TEXT;
	return strcmp(a->name, "frequency") == 0 ? S_COL_FREQ :
	    strcmp(a->name, "share") == 0 ? S_COL_SHARE : S_COL_TEXT;
}

/*
 * A row of a table with a header row (w:tblHeader): one paragraph.  With
 * a number column (序号) it is an item "N、text", its frequency and share
 * columns (频率, 时间占比) the item's attributes; else the cells joined by
 * " | " (a report line: 报表名称 | 频率 | 截止时间 | 报送对象).
 */
static void
S_hrow(struct S_ctx *c, struct S_cell *cells, size_t n, const int *kind,
    size_t nk)
{
	struct buf b = BUF_INIT, a = BUF_INIT, t = BUF_INIT;
	struct imp_para *base = NULL;
	size_t i;
	int num = 0, glue = 0;	/* glue: the text so far ends in "N、" */

	for (i = 0; i < nk; i++)
		num |= kind[i] == S_COL_NUM;
	for (i = 0; i < n; i++) {
		int k = i < nk ? kind[i] : S_COL_TEXT;

		if (base == NULL)
			base = S_first(&cells[i]);
		buf_reset(&t);
		S_cell_text(&cells[i], &t);
		if (!num) {
			if (i > 0)
				BUF_PUTSL(&b, " | ");
			buf_put(&b, t.data, t.len);
		} else if (k == S_COL_NUM && t.len > 0) {
			buf_put(&b, t.data, t.len);
			buf_puts(&b, "、");
			glue = 1;
		} else if (k == S_COL_SHARE && t.len > 0 && strspn(t.data,
		    "0123456789") == t.len - (t.data[t.len - 1] == '%')) {
			t.len -= t.data[t.len - 1] == '%';
			buf_printf(&a, "%sshare=%.*s", a.len ? " " : "",
			    (int)t.len, t.data);
		} else if (k == S_COL_FREQ && t.len > 0 &&
		    strpbrk(t.data, " {}=\\") == NULL)
			buf_printf(&a, "%sfrequency=%s", a.len ? " " : "",
			    t.data);
		else if (t.len > 0) {
			if (b.len > 0 && !glue)
				buf_putc(&b, ' ');
			buf_put(&b, t.data, t.len);
			glue = 0;
		}
	}
	if (base != NULL && b.len > 0) {
		free(base->text);
		base->text = xstrndup(b.data, b.len);
		base->bold = base->heading = base->numlevel = 0;
		if (a.len > 0)
			base->attrs = xstrndup(a.data, a.len);
		S_move(c, base);
	}
	buf_free(&a);
	buf_free(&b);
	buf_free(&t);
}

static void
S_cells_free(struct S_cell *cells, size_t n)
{
	size_t i, j;

	for (i = 0; i < n; i++) {
		for (j = 0; j < cells[i].n; j++) {
			free(cells[i].p[j].text);
			free(cells[i].p[j].attrs);
		}
		free(cells[i].p);
	}
	free(cells);
}

/* Is row tr a header row (repeated on each page)? */
static int
S_header_row(const xmlNode *tr)
{
	const xmlNode *pr = S_child(tr, "trPr");

	return pr != NULL && S_on(S_child(pr, "tblHeader"));
}

/*
 * A table, row by row.  A cell merged with the one above adds nothing,
 * except in the first column, where a label spanning rows ("学历" beside
 * two rows) labels each of them.  A table whose first row is a header row
 * gives one paragraph a row (S_hrow), the header itself left out.
 */
static void
S_table(struct S_ctx *c, const xmlNode *t, int depth)
{
	const xmlNode *tr, *tc, *pr;
	struct S_cell *cells = NULL;
	char *label = NULL;	/* the first column's restarted merged label */
	int *kind = NULL;
	size_t n, nk = 0, i;
	int table = ++c->ntable, row = 0, merged;
	char *v;

	for (tr = t->children; tr; tr = tr->next) {
		if (!S_is(tr, "tr"))
			continue;
		row++;
		n = 0;
		for (tc = tr->children; tc; tc = tc->next) {
			if (!S_is(tc, "tc"))
				continue;
			merged = 0;
			if ((pr = S_child(tc, "tcPr")) != NULL &&
			    (pr = S_child(pr, "vMerge")) != NULL) {
				v = S_val(pr);
				merged = v == NULL || strcmp(v, "restart") != 0 ?
				    1 : 2;
				xmlFree(v);
				if (merged == 1 && (n > 0 || label == NULL))
					continue;
			}
			cells = xgrow(cells, n, sizeof(*cells));
			memset(&cells[n], 0, sizeof(*cells));
			if (merged == 1) {
				/* the label above, again */
				struct imp_doc tmp = { c->doc->file, 1, NULL, 0 };

				imp_doc_add(&tmp, label, strlen(label),
				    c->npara);
				tmp.p[0].bold = 1;
				tmp.p[0].table = table;
				tmp.p[0].row = row;
				tmp.p[0].cell = 1;
				cells[n].p = tmp.p;
				cells[n].n = tmp.n;
			} else
				S_blocks(c, tc, &cells[n], table, row,
				    (int)n + 1, depth + 1);
			if (n == 0) {
				struct buf b = BUF_INIT;

				free(label);
				label = NULL;
				if (merged == 2) {
					S_cell_text(&cells[0], &b);
					label = buf_detach(&b);
				}
				buf_free(&b);
			}
			n++;
		}
		if (row == 1 && S_header_row(tr)) {
			kind = xcalloc(n + 1, sizeof(*kind));
			for (i = 0, nk = n; i < n; i++) {
				struct buf b = BUF_INIT;

				S_cell_text(&cells[i], &b);
				kind[i] = S_col_kind(b.data ? b.data : "");
				buf_free(&b);
			}
		} else if (kind != NULL)
			S_hrow(c, cells, n, kind, nk);
		else
			S_row(c, cells, n);
		S_cells_free(cells, n);
		cells = NULL;
	}
	free(label);
	free(kind);
}

/* Paragraphs and tables of a body, cell or content control, in order. */
static void
S_blocks(struct S_ctx *c, const xmlNode *n, struct S_cell *cell, int table,
    int row, int col, int depth)
{
	const xmlNode *x;

	if (depth > (int)rb_limit(RB_LIM_DEPTH))
		return;
	for (x = n->children; x; x = x->next) {
		if (S_is(x, "p"))
			S_para(c, x, cell, table, row, col);
		else if (S_is(x, "tbl")) {
			if (cell == NULL)
				S_table(c, x, depth);
			else {
				/* A table in a cell: its cells' paragraphs. */
				const xmlNode *tr, *tc;

				for (tr = x->children; tr; tr = tr->next)
					for (tc = tr->children; S_is(tr, "tr")
					    && tc; tc = tc->next)
						if (S_is(tc, "tc"))
							S_blocks(c, tc, cell,
							    table, row, col,
							    depth + 1);
			}
		} else if (S_is(x, "sdt") || S_is(x, "sdtContent") ||
		    S_is(x, "customXml") || S_is(x, "ins"))
			S_blocks(c, x, cell, table, row, col, depth + 1);
	}
}

int
imp_read_docx(struct imp_doc *doc, const char *data, size_t len,
    struct diag *d)
{
	struct S_ctx c;
	zip_error_t ze;
	zip_source_t *src;
	zip_t *za;
	xmlDoc *x = NULL;
	xmlNode *body;
	char *xml = NULL;
	size_t xlen, i;
	int rc = -1;

	memset(&c, 0, sizeof(c));
	c.doc = doc;
	c.d = d;
	doc->docx = 1;
	zip_error_init(&ze);
	if ((src = zip_source_buffer_create(data, len, 0, &ze)) == NULL ||
	    (za = zip_open_from_source(src, ZIP_RDONLY, &ze)) == NULL) {
		diag_at(d, DIAG_ERROR, doc->file, 0, 0, "not a .docx file "
		    "(%s): save it from Word, WPS or LibreOffice as Word "
		    "2007-365 (.docx)", zip_error_strerror(&ze));
		if (src)
			zip_source_free(src);
		zip_error_fini(&ze);
		return -1;
	}
	zip_error_fini(&ze);
	if (S_check_names(&c, za) == -1 || S_rels(&c, za) == -1 ||
	    S_entry(&c, za, "word/document.xml", 0, &xml, &xlen) != 0)
		goto out;
	S_styles(&c, za);
	if ((x = S_parse(&c, "word/document.xml", xml, xlen)) == NULL)
		goto out;
	if ((body = xmlDocGetRootElement(x)) == NULL ||
	    (body = S_child(body, "body")) == NULL) {
		diag_at(d, DIAG_ERROR, doc->file, 0, 0, "word/document.xml "
		    "has no w:body: not a Word document");
		goto out;
	}
	S_blocks(&c, body, NULL, 0, 0, 0, 0);
	rc = 0;
out:
	xmlFreeDoc(x);
	free(xml);
	for (i = 0; i < c.nst; i++)
		free(c.st[i].id);
	free(c.st);
	zip_discard(za);
	return rc;
}
