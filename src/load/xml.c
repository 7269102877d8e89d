/*
 * xml.c — loads a role file written in XML (docs/content-format.md, "Roles
 * in XML") into the model, and holds the XML machinery shared with org.c:
 * safe libxml2 parsing from memory (no DOCTYPE, entities, network), RELAX NG
 * validation against schema/role.rng, and positions in characters.
 *
 * Checks: libxml2 well-formedness, the schema (held back: reported only when
 * the loader's own checks, which report every problem rather than the first,
 * found nothing), then element order, required elements, attribute values
 * and the rich-text subset.  Rich fields are built through rich.h exactly as
 * the Markdown loader does, so both formats give byte-identical fields.
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/xmlerror.h>
#include "../util/util.h"
#include "../model/rich.h"
#include "load.h"
#include "xml.h"

#ifndef RB_DATADIR
#define RB_DATADIR "/usr/local/share/rolebook"
#endif

/* ---- Schema cache ---- */

struct S_schema {
	const char	*name;
	xmlRelaxNGPtr	 rng;
	int		 failed;	/* tried and could not load */
};

static char *S_schema_dir;
static struct S_schema S_schemas[] = {
	{ "role.rng", NULL, 0 },
	{ "org.rng", NULL, 0 },
};

void
load_set_schema_dir(const char *dir)
{
	size_t i;

	free(S_schema_dir);
	S_schema_dir = dir ? xstrdup(dir) : NULL;
	for (i = 0; i < sizeof(S_schemas) / sizeof(S_schemas[0]); i++) {
		if (S_schemas[i].rng)
			xmlRelaxNGFree(S_schemas[i].rng);
		S_schemas[i].rng = NULL;
		S_schemas[i].failed = 0;
	}
}

void
load_xml_cleanup(void)
{
	load_set_schema_dir(NULL);
	xmlCleanupParser();
}

/* Path of schema name: the set folder, ./schema, or RB_DATADIR/schema. */
static char *
S_schema_path(const char *name)
{
	char *p;

	if (S_schema_dir)
		return xasprintf("%s/%s", S_schema_dir, name);
	p = xasprintf("schema/%s", name);
	if (access(p, R_OK) == 0)
		return p;
	free(p);
	return xasprintf("%s/schema/%s", RB_DATADIR, name);
}

/* Collects schema-parser errors into a buffer (one line kept). */
static void
S_schema_err(void *ctx, xmlErrorPtr e)
{
	struct buf *b = ctx;

	if (b->len == 0 && e && e->message)
		buf_puts(b, e->message);
}

/* The cached schema called name, loading it on first use; NULL on failure
 * (reported once as DIAG_FATAL). */
static xmlRelaxNGPtr
S_schema(struct diag *d, const char *name)
{
	struct S_schema *s = NULL;
	xmlRelaxNGParserCtxtPtr pc;
	struct buf err = BUF_INIT;
	char *path;
	size_t i;

	for (i = 0; i < sizeof(S_schemas) / sizeof(S_schemas[0]); i++)
		if (strcmp(S_schemas[i].name, name) == 0)
			s = &S_schemas[i];
	if (s == NULL)
		return NULL;
	if (s->rng || s->failed)
		return s->rng;
	path = S_schema_path(name);
	xmlSetStructuredErrorFunc(&err, S_schema_err);
	if ((pc = xmlRelaxNGNewParserCtxt(path)) != NULL) {
		xmlRelaxNGSetParserStructuredErrors(pc, S_schema_err, &err);
		s->rng = xmlRelaxNGParse(pc);
		xmlRelaxNGFreeParserCtxt(pc);
	}
	xmlSetStructuredErrorFunc(NULL, NULL);
	if (s->rng == NULL) {
		s->failed = 1;
		while (err.len && (err.data[err.len - 1] == '\n'))
			err.data[--err.len] = '\0';
		diag_at(d, DIAG_FATAL, path, 0, 0, "cannot load schema%s%s",
		    err.len ? ": " : "", err.len ? err.data : "");
	}
	buf_free(&err);
	free(path);
	return s->rng;
}

/* ---- Sources and positions ---- */

/* Fills the line table of xs. */
static void
S_lines(struct xml_src *xs)
{
	size_t i, cap = 64;

	xs->lines = xreallocarray(NULL, cap, sizeof(size_t));
	xs->lines[0] = 0;
	xs->nlines = 1;
	for (i = 0; i < xs->len; i++)
		if (xs->data[i] == '\n') {
			if (xs->nlines == cap) {
				cap *= 2;
				xs->lines = xreallocarray(xs->lines, cap,
				    sizeof(size_t));
			}
			xs->lines[xs->nlines++] = i + 1;
		}
}

/* Start and length (without '\n') of 1-based line, or NULL. */
static const char *
S_line(const struct xml_src *xs, int line, size_t *n)
{
	size_t a, b;

	if (line < 1 || (size_t)line > xs->nlines)
		return NULL;
	a = xs->lines[line - 1];
	b = (size_t)line < xs->nlines ? xs->lines[line] - 1 : xs->len;
	*n = b - a;
	return xs->data + a;
}

/* Character column of the first '<name' on line, or 0. */
static int
S_tag_col(const struct xml_src *xs, int line, const char *name)
{
	const char *s;
	size_t n, i, k = strlen(name);
	char c;

	if ((s = S_line(xs, line, &n)) == NULL)
		return 0;
	for (i = 0; i + 1 + k <= n; i++) {
		if (s[i] != '<' || memcmp(s + i + 1, name, k) != 0)
			continue;
		c = i + 1 + k < n ? s[i + 1 + k] : ' ';
		if (c == ' ' || c == '\t' || c == '\r' || c == '>' || c == '/')
			return (int)utf8_count(s, i) + 1;
	}
	return 0;
}

void
load_xml_pos(struct xml_src *xs, xmlNodePtr n, struct rb_pos *pos)
{
	xmlNodePtr e = n;

	pos->file = xs->file;
	pos->line = n ? (int)xmlGetLineNo(n) : 0;
	if (pos->line < 0)
		pos->line = 0;
	while (e && e->type != XML_ELEMENT_NODE)
		e = e->parent;
	pos->col = 0;
	if (e && n->type == XML_ELEMENT_NODE)
		pos->col = S_tag_col(xs, pos->line, (const char *)e->name);
}

void
load_xml_diag(struct xml_src *xs, xmlNodePtr n, enum diag_level lvl,
    const char *fmt, ...)
{
	struct rb_pos pos;
	struct buf b = BUF_INIT;
	va_list ap;

	load_xml_pos(xs, n, &pos);
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	diag_at(xs->d, lvl, xs->file, pos.line, pos.col, "%s", b.data);
	buf_free(&b);
}

int
load_xml_nerr(const struct xml_src *xs)
{
	return xs->d->nerr - xs->nerr0;
}

/* ---- Parsing ---- */

/* Reports one libxml2 parser error; column converted to characters. */
static void
S_parse_err(void *ctx, xmlErrorPtr e)
{
	struct xml_src *xs = ctx;
	const char *s;
	size_t n, len;
	int col = 0, max;
	enum diag_level lvl;

	if (e == NULL || e->level == XML_ERR_NONE)
		return;
	lvl = e->level == XML_ERR_WARNING ? DIAG_WARNING : DIAG_ERROR;
	len = e->message ? strlen(e->message) : 0;
	while (len && (e->message[len - 1] == '\n' || e->message[len - 1] == ' '))
		len--;
	/*
	 * libxml2 2.9.14 counts int2 in characters, not bytes (measured on
	 * CJK text, names, attribute values, comments, CDATA, PIs and
	 * character references): keep it, clamped to the line's end.
	 */
	if (e->int2 > 0 && (s = S_line(xs, e->line, &n)) != NULL) {
		max = (int)utf8_count(s, n) + 1;
		col = e->int2 > max ? max : e->int2;
	}
	diag_at(xs->d, lvl, xs->file, e->line, col, "%.*s", (int)len,
	    e->message ? e->message : "XML error");
}

/* Offset of a DOCTYPE in the prolog of data, or (size_t)-1 when none. */
static size_t
S_doctype(const char *s, size_t n)
{
	size_t i = 0;
	const char *e;

	if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < n) {
		if (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n') {
			i++;
		} else if (n - i >= 2 && memcmp(s + i, "<?", 2) == 0) {
			if ((e = memmem(s + i, n - i, "?>", 2)) == NULL)
				break;
			i = (size_t)(e - s) + 2;
		} else if (n - i >= 4 && memcmp(s + i, "<!--", 4) == 0) {
			if ((e = memmem(s + i + 4, n - i - 4, "-->", 3)) == NULL)
				break;
			i = (size_t)(e - s) + 3;
		} else if (n - i >= 9 && memcmp(s + i, "<!DOCTYPE", 9) == 0) {
			return i;
		} else
			break;
	}
	return (size_t)-1;
}

xmlDocPtr
load_xml_open(struct xml_src *xs, struct diag *d, const char *file,
    const char *data, size_t len)
{
	xmlParserCtxtPtr ctxt;
	xmlDocPtr doc;
	const char *bad;
	size_t off;
	int line, col, nerr;

	memset(xs, 0, sizeof(*xs));
	xs->d = d;
	xs->file = file;
	xs->data = data;
	xs->len = len;
	xs->nerr0 = d->nerr;
	S_lines(xs);
	if ((bad = utf8_invalid(data, len)) != NULL) {
		utf8_linecol(data, (size_t)(bad - data), &line, &col);
		diag_at(d, DIAG_ERROR, file, line, col,
		    "invalid UTF-8 byte 0x%02X", (unsigned)(unsigned char)*bad);
		return NULL;
	}
	if ((off = S_doctype(data, len)) != (size_t)-1) {
		utf8_linecol(data, off, &line, &col);
		diag_at(d, DIAG_ERROR, file, line, col,
		    "DOCTYPE is not allowed in role files");
		return NULL;
	}
	if (len > INT_MAX) {
		diag_at(d, DIAG_ERROR, file, 0, 0, "file too large");
		return NULL;
	}
	if ((ctxt = xmlNewParserCtxt()) == NULL) {
		diag_at(d, DIAG_FATAL, file, 0, 0, "out of memory");
		return NULL;
	}
	nerr = d->nerr;
	xmlSetStructuredErrorFunc(xs, S_parse_err);
	doc = xmlCtxtReadMemory(ctxt, data, (int)len, file, "UTF-8",
	    XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES);
	xmlSetStructuredErrorFunc(NULL, NULL);
	if (doc != NULL && (doc->intSubset || doc->extSubset)) {
		diag_at(d, DIAG_ERROR, file, 1, 0,
		    "DOCTYPE is not allowed in role files");
		xmlFreeDoc(doc);
		doc = NULL;
	} else if (doc == NULL && d->nerr == nerr) {
		diag_at(d, DIAG_ERROR, file, 0, 0, "cannot parse XML");
	} else if (doc != NULL && (d->nerr != nerr || !ctxt->wellFormed)) {
		if (d->nerr == nerr)
			diag_at(d, DIAG_ERROR, file, 0, 0, "malformed XML");
		xmlFreeDoc(doc);
		doc = NULL;
	}
	xmlFreeParserCtxt(ctxt);
	return doc;
}

/* Holds back one RELAX NG error. */
static void
S_rng_err(void *ctx, xmlErrorPtr e)
{
	struct xml_src *xs = ctx;
	struct xml_pending *p;
	struct rb_pos pos = { NULL, 0, 0 };
	size_t len;

	if (e == NULL || e->level == XML_ERR_NONE || e->level == XML_ERR_WARNING)
		return;
	if (e->node)
		load_xml_pos(xs, e->node, &pos);
	else
		pos.line = e->line;
	len = e->message ? strlen(e->message) : 0;
	while (len && (e->message[len - 1] == '\n' || e->message[len - 1] == ' '))
		len--;
	xs->pend = xreallocarray(xs->pend, xs->npend + 1, sizeof(*xs->pend));
	p = &xs->pend[xs->npend++];
	p->line = pos.line ? pos.line : e->line;
	p->col = pos.col;
	p->msg = e->message ? xstrndup(e->message, len) :
	    xstrdup("does not match the schema");
}

void
load_xml_validate(struct xml_src *xs, xmlDocPtr doc, const char *name)
{
	xmlRelaxNGPtr rng;
	xmlRelaxNGValidCtxtPtr vc;

	if ((rng = S_schema(xs->d, name)) == NULL)
		return;
	if ((vc = xmlRelaxNGNewValidCtxt(rng)) == NULL)
		return;
	xmlRelaxNGSetValidStructuredErrors(vc, S_rng_err, xs);
	xmlSetStructuredErrorFunc(xs, S_rng_err);
	if (xmlRelaxNGValidateDoc(vc, doc) != 0 && xs->npend == 0) {
		xs->pend = xreallocarray(xs->pend, 1, sizeof(*xs->pend));
		xs->pend[0].line = 1;
		xs->pend[0].col = 0;
		xs->pend[0].msg = xasprintf("does not match schema %s", name);
		xs->npend = 1;
	}
	xmlSetStructuredErrorFunc(NULL, NULL);
	xmlRelaxNGFreeValidCtxt(vc);
}

void
load_xml_close(struct xml_src *xs, xmlDocPtr doc)
{
	size_t i;
	int report = load_xml_nerr(xs) == 0;

	for (i = 0; i < xs->npend; i++) {
		if (report)
			diag_at(xs->d, DIAG_ERROR, xs->file, xs->pend[i].line,
			    xs->pend[i].col, "%s", xs->pend[i].msg);
		free(xs->pend[i].msg);
	}
	free(xs->pend);
	free(xs->lines);
	if (doc)
		xmlFreeDoc(doc);
	memset(xs, 0, sizeof(*xs));
}

/* ---- Node helpers ---- */

int
load_xml_is(xmlNodePtr n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && n->ns == NULL &&
	    strcmp((const char *)n->name, name) == 0;
}

char *
load_xml_attr(xmlNodePtr n, const char *name)
{
	xmlChar *v = xmlGetNoNsProp(n, (const xmlChar *)name);
	char *s;

	if (v == NULL)
		return NULL;
	s = xstrdup((const char *)v);
	xmlFree(v);
	return s;
}

void
load_xml_check_attrs(struct xml_src *xs, xmlNodePtr n,
    const char *const *allowed)
{
	xmlAttrPtr a;
	const char *const *p;

	for (a = n->properties; a; a = a->next) {
		for (p = allowed; *p; p++)
			if (a->ns == NULL && strcmp(*p, (const char *)a->name) == 0)
				break;
		if (*p == NULL)
			load_xml_diag(xs, n, DIAG_ERROR,
			    "unknown attribute '%s' on <%s>",
			    (const char *)a->name, (const char *)n->name);
	}
}

/* Is s[0..n) all XML white space? */
static int
S_blank(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
			return 0;
	return 1;
}

void
load_xml_no_text(struct xml_src *xs, xmlNodePtr n)
{
	xmlNodePtr c;

	for (c = n->children; c; c = c->next)
		if ((c->type == XML_TEXT_NODE ||
		    c->type == XML_CDATA_SECTION_NODE) && c->content &&
		    !S_blank((const char *)c->content,
		    strlen((const char *)c->content)))
			load_xml_diag(xs, c, DIAG_ERROR,
			    "text is not allowed directly in <%s>",
			    (const char *)n->name);
}

char *
load_xml_plain(struct xml_src *xs, xmlNodePtr n)
{
	struct buf b = BUF_INIT;
	xmlNodePtr c;
	size_t a, e;
	char *s;

	buf_grow(&b, 1);
	for (c = n->children; c; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE)
			buf_puts(&b, (const char *)c->content);
		else if (c->type == XML_ELEMENT_NODE)
			load_xml_diag(xs, c, DIAG_ERROR,
			    "<%s> is not allowed in <%s> (plain text only)",
			    (const char *)c->name, (const char *)n->name);
	}
	for (a = 0; a < b.len && strchr(" \t\r\n", b.data[a]); a++)
		;
	for (e = b.len; e > a && strchr(" \t\r\n", b.data[e - 1]); e--)
		;
	s = xstrndup(b.data + a, e - a);
	buf_free(&b);
	return s;
}

/* ---- Rich text ---- */

/* Which children a rich element may hold. */
enum S_content { S_INLINE, S_BLOCK, S_LIST, S_TABLE, S_ROWS, S_CELLS };

static enum S_content
S_content_of(const char *tag)
{
	if (!strcmp(tag, "ul") || !strcmp(tag, "ol"))
		return S_LIST;
	if (!strcmp(tag, "table"))
		return S_TABLE;
	if (!strcmp(tag, "thead") || !strcmp(tag, "tbody"))
		return S_ROWS;
	if (!strcmp(tag, "tr"))
		return S_CELLS;
	if (!strcmp(tag, "li") || !strcmp(tag, "blockquote"))
		return S_BLOCK;
	return S_INLINE;
}

/* May an element tag appear where content is expected? */
static int
S_allowed(enum S_content content, const char *tag)
{
	switch (content) {
	case S_INLINE:
		return rich_tag_known(tag, 1);
	case S_BLOCK:
		return rich_tag_known(tag, 0) && strcmp(tag, "li") &&
		    strcmp(tag, "thead") && strcmp(tag, "tbody") &&
		    strcmp(tag, "tr") && strcmp(tag, "th") && strcmp(tag, "td");
	case S_LIST:
		return !strcmp(tag, "li");
	case S_TABLE:
		return !strcmp(tag, "thead") || !strcmp(tag, "tbody") ||
		    !strcmp(tag, "tr");
	case S_ROWS:
		return !strcmp(tag, "tr");
	case S_CELLS:
		return !strcmp(tag, "th") || !strcmp(tag, "td");
	}
	return 0;
}

/* Feeds the children of n to r; field names the rich field for messages. */
static void
S_rich_children(struct xml_src *xs, struct rich *r, xmlNodePtr n,
    enum S_content content, const char *field)
{
	static const char *const no_attrs[] = { NULL };
	static const char *const a_attrs[] = { "href", NULL };
	xmlNodePtr c;
	const char *tag, *s;
	char *href;

	for (c = n->children; c; c = c->next) {
		switch (c->type) {
		case XML_TEXT_NODE:
		case XML_CDATA_SECTION_NODE:
			s = (const char *)c->content;
			if (s == NULL)
				break;
			if (content != S_INLINE && content != S_BLOCK) {
				if (!S_blank(s, strlen(s)))
					load_xml_diag(xs, c, DIAG_ERROR,
					    "text is not allowed directly in "
					    "<%s>", (const char *)n->name);
				break;
			}
			rich_text(r, s, strlen(s));
			break;
		case XML_ELEMENT_NODE:
			tag = (const char *)c->name;
			if (c->ns != NULL || !S_allowed(content, tag)) {
				load_xml_diag(xs, c, DIAG_ERROR,
				    "<%s> is not allowed in <%s>%s%s", tag,
				    (const char *)n->name,
				    n->name == (const xmlChar *)field ? "" :
				    " of ", n->name == (const xmlChar *)field ?
				    "" : field);
				break;
			}
			if (!strcmp(tag, "br")) {
				load_xml_check_attrs(xs, c, no_attrs);
				if (c->children)
					load_xml_diag(xs, c, DIAG_ERROR,
					    "<br> must be empty");
				rich_br(r);
				break;
			}
			href = NULL;
			if (!strcmp(tag, "a")) {
				load_xml_check_attrs(xs, c, a_attrs);
				if ((href = load_xml_attr(c, "href")) == NULL)
					load_xml_diag(xs, c, DIAG_ERROR,
					    "<a> needs an href attribute");
			} else
				load_xml_check_attrs(xs, c, no_attrs);
			rich_open(r, tag, href);
			free(href);
			S_rich_children(xs, r, c, S_content_of(tag), field);
			rich_close(r, tag);
			break;
		case XML_ENTITY_REF_NODE:
			load_xml_diag(xs, c, DIAG_ERROR,
			    "entity '&%s;' is not allowed",
			    (const char *)c->name);
			break;
		default:	/* comments, processing instructions */
			break;
		}
	}
}

/* Builds the rich field of element n (inline or block) into dst. */
static void
S_rich(struct xml_src *xs, xmlNodePtr n, int block, struct rb_str *dst)
{
	struct rich r;
	struct rb_pos pos;
	char *s;

	rich_init(&r);
	S_rich_children(xs, &r, n, block ? S_BLOCK : S_INLINE,
	    (const char *)n->name);
	s = rich_finish(&r);
	load_xml_pos(xs, n, &pos);
	rb_str_set(dst, s ? s : "", s ? strlen(s) : 0, &pos);
	free(s);
}

/* ---- Role ---- */

/* Order of the children of <role>; section repeats. */
static const char *const S_order[] = {
	"title", "department", "level", "reports-to", "headcount", "targets",
	"summary", "duties", "standards", "relations", "authorities",
	"qualifications", "reports", "section", NULL };

/* Stores a plain element's text into dst (error when empty and required). */
static void
S_plain(struct xml_src *xs, xmlNodePtr n, struct rb_str *dst, int required)
{
	static const char *const none[] = { NULL };
	struct rb_pos pos;
	char *s;

	load_xml_check_attrs(xs, n, none);
	s = load_xml_plain(xs, n);
	load_xml_pos(xs, n, &pos);
	if (*s == '\0' && required)
		load_xml_diag(xs, n, DIAG_ERROR, "<%s> is empty",
		    (const char *)n->name);
	rb_str_set(dst, s, strlen(s), &pos);
	free(s);
}

/* Stores the id attribute attr of n into dst; reports bad or missing. */
static void
S_ref(struct xml_src *xs, xmlNodePtr n, const char *attr, struct rb_str *dst)
{
	const char *const allowed[] = { attr, NULL };
	struct rb_pos pos;
	char *v;

	load_xml_check_attrs(xs, n, allowed);
	load_xml_no_text(xs, n);
	load_xml_pos(xs, n, &pos);
	if ((v = load_xml_attr(n, attr)) == NULL) {
		load_xml_diag(xs, n, DIAG_ERROR, "<%s> needs a %s attribute",
		    (const char *)n->name, attr);
		return;
	}
	if (!rb_id_valid(v, strlen(v)))
		load_xml_diag(xs, n, DIAG_ERROR, "<%s %s=\"%s\">: not a valid id "
		    "([a-z0-9-]+)", (const char *)n->name, attr, v);
	rb_str_set(dst, v, strlen(v), &pos);
	free(v);
}

/* Parses a non-negative decimal integer (no sign); -1 when not one. */
static long
S_uint(const char *s, long max)
{
	long v = 0;

	if (*s == '\0')
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (*s - '0');
		if (v > max)
			return -1;
	}
	return v;
}

/* Is s a decimal number: -?[0-9]+(\.[0-9]+)? */
static int
S_decimal(const char *s)
{
	size_t i = 0, d = 0;

	if (s[i] == '-' || s[i] == '+')
		i++;
	for (; s[i] >= '0' && s[i] <= '9'; i++)
		d++;
	if (d == 0)
		return 0;
	if (s[i] == '.') {
		for (i++, d = 0; s[i] >= '0' && s[i] <= '9'; i++)
			d++;
		if (d == 0)
			return 0;
	}
	return s[i] == '\0';
}

/* Index of s in a NULL-terminated list of names, or -1. */
static int
S_index(const char *const *names, int n, const char *s)
{
	int i;

	for (i = 0; i < n; i++)
		if (strcmp(names[i], s) == 0)
			return i;
	return -1;
}

/* Reports an unexpected child element of parent. */
static void
S_unknown(struct xml_src *xs, xmlNodePtr c, xmlNodePtr parent)
{
	load_xml_diag(xs, c, DIAG_ERROR, "unknown element <%s> in <%s>",
	    (const char *)c->name, (const char *)parent->name);
}

static void
S_targets(struct xml_src *xs, struct rb_role *role, xmlNodePtr n)
{
	static const char *const attrs[] = {
	    "metric", "value", "unit", "period", NULL };
	static const char *const periods[] = { "month", "quarter", "year" };
	struct rb_target *t;
	xmlNodePtr c;
	char *v;
	size_t i;

	load_xml_no_text(xs, n);
	for (c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (!load_xml_is(c, "target")) {
			S_unknown(xs, c, n);
			continue;
		}
		load_xml_check_attrs(xs, c, attrs);
		load_xml_no_text(xs, c);
		t = rb_role_add_target(role);
		load_xml_pos(xs, c, &t->pos);
		if ((v = load_xml_attr(c, "metric")) == NULL)
			load_xml_diag(xs, c, DIAG_ERROR,
			    "<target> needs a metric attribute");
		else {
			for (i = 0; v[i]; i++)
				if (!((v[i] >= 'a' && v[i] <= 'z') ||
				    (v[i] >= '0' && v[i] <= '9') || v[i] == '_'))
					break;
			if (i == 0 || v[i])
				load_xml_diag(xs, c, DIAG_ERROR, "target metric "
				    "'%s' must match [a-z0-9_]+", v);
			rb_str_set(&t->metric, v, strlen(v), &t->pos);
			free(v);
		}
		if ((v = load_xml_attr(c, "value")) == NULL)
			load_xml_diag(xs, c, DIAG_ERROR,
			    "<target> needs a value attribute");
		else {
			if (!S_decimal(v))
				load_xml_diag(xs, c, DIAG_ERROR, "target value "
				    "'%s' is not a decimal number", v);
			rb_str_set(&t->value, v, strlen(v), &t->pos);
			free(v);
		}
		if ((v = load_xml_attr(c, "unit")) != NULL) {
			rb_str_set(&t->unit, v, strlen(v), &t->pos);
			free(v);
		}
		if ((v = load_xml_attr(c, "period")) == NULL)
			load_xml_diag(xs, c, DIAG_ERROR,
			    "<target> needs a period attribute");
		else {
			if (S_index(periods, 3, v) < 0)
				load_xml_diag(xs, c, DIAG_ERROR, "target period "
				    "'%s' must be month, quarter or year", v);
			rb_str_set(&t->period, v, strlen(v), &t->pos);
			free(v);
		}
	}
}

static void
S_duties(struct xml_src *xs, struct rb_role *role, xmlNodePtr n)
{
	static const char *const attrs[] = { "share", "frequency", NULL };
	struct rb_duty *du;
	struct rb_pos pos;
	xmlNodePtr c;
	char *v;
	long share;

	load_xml_no_text(xs, n);
	for (c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (!load_xml_is(c, "duty")) {
			S_unknown(xs, c, n);
			continue;
		}
		load_xml_check_attrs(xs, c, attrs);
		du = rb_role_add_duty(role);
		load_xml_pos(xs, c, &pos);
		if ((v = load_xml_attr(c, "share")) != NULL) {
			if ((share = S_uint(v, 100)) < 0)
				load_xml_diag(xs, c, DIAG_ERROR, "duty share "
				    "'%s' must be an integer from 0 to 100", v);
			else
				du->share = (int)share;
			free(v);
		}
		if ((v = load_xml_attr(c, "frequency")) != NULL) {
			rb_str_set(&du->frequency, v, strlen(v), &pos);
			free(v);
		}
		S_rich(xs, c, 0, &du->text);
		if (*du->text.s == '\0')
			load_xml_diag(xs, c, DIAG_ERROR, "<duty> is empty");
	}
	if (role->nduties == 0)
		load_xml_diag(xs, n, DIAG_ERROR, "<duties> holds no <duty>");
}

/* <standards>, <authorities>: lists of inline rich items called item. */
static void
S_items(struct xml_src *xs, struct rb_role *role, xmlNodePtr n,
    const char *item, struct rb_str *(*add)(struct rb_role *))
{
	static const char *const none[] = { NULL };
	xmlNodePtr c;

	load_xml_no_text(xs, n);
	for (c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (!load_xml_is(c, item)) {
			S_unknown(xs, c, n);
			continue;
		}
		load_xml_check_attrs(xs, c, none);
		S_rich(xs, c, 0, add(role));
	}
}

/* <relations>, <qualifications>: items with a kind attribute. */
static void
S_kinds(struct xml_src *xs, struct rb_role *role, xmlNodePtr n, int rel)
{
	static const char *const attrs[] = { "kind", NULL };
	const char *item = rel ? "relation" : "qualification";
	const char *const *names = rel ? rb_relkind_name : rb_qualkind_name;
	int nnames = rel ? RB_REL__MAX : RB_QUAL__MAX, k;
	struct rb_relation *re;
	struct rb_qual *q;
	xmlNodePtr c;
	char *v;

	load_xml_no_text(xs, n);
	for (c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (!load_xml_is(c, item)) {
			S_unknown(xs, c, n);
			continue;
		}
		load_xml_check_attrs(xs, c, attrs);
		k = 0;
		if ((v = load_xml_attr(c, "kind")) == NULL)
			load_xml_diag(xs, c, DIAG_ERROR,
			    "<%s> needs a kind attribute", item);
		else if ((k = S_index(names, nnames, v)) < 0) {
			load_xml_diag(xs, c, DIAG_ERROR, rel ?
			    "bad relation kind '%s' (supervised-by, "
			    "supervises or cooperates)" :
			    "bad qualification kind '%s' (education, "
			    "experience, skill or certificate)", v);
			k = 0;
		}
		free(v);
		if (rel) {
			re = rb_role_add_relation(role);
			re->kind = (enum rb_relkind)k;
			S_rich(xs, c, 0, &re->text);
		} else {
			q = rb_role_add_qual(role);
			q->kind = (enum rb_qualkind)k;
			S_rich(xs, c, 0, &q->text);
		}
	}
}

static void
S_reports(struct xml_src *xs, struct rb_role *role, xmlNodePtr n)
{
	static const char *const attrs[] = {
	    "name", "frequency", "due", "to", NULL };
	struct rb_report *rp;
	xmlNodePtr c;
	char *v;
	int f;

	load_xml_no_text(xs, n);
	for (c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (!load_xml_is(c, "report")) {
			S_unknown(xs, c, n);
			continue;
		}
		load_xml_check_attrs(xs, c, attrs);
		load_xml_no_text(xs, c);
		rp = rb_role_add_report(role);
		load_xml_pos(xs, c, &rp->pos);
		if ((v = load_xml_attr(c, "name")) == NULL || *v == '\0')
			load_xml_diag(xs, c, DIAG_ERROR,
			    "<report> needs a name attribute");
		if (v) {
			rb_str_set(&rp->name, v, strlen(v), &rp->pos);
			free(v);
		}
		if ((v = load_xml_attr(c, "frequency")) == NULL)
			load_xml_diag(xs, c, DIAG_ERROR,
			    "<report> needs a frequency attribute");
		else if ((f = S_index(rb_freq_name, RB_FREQ__MAX, v)) < 0)
			load_xml_diag(xs, c, DIAG_ERROR, "bad report frequency "
			    "'%s' (daily, weekly, monthly, quarterly or "
			    "yearly)", v);
		else
			rp->frequency = (enum rb_freq)f;
		free(v);
		if ((v = load_xml_attr(c, "due")) != NULL) {
			rb_str_set(&rp->due, v, strlen(v), &rp->pos);
			free(v);
		}
		if ((v = load_xml_attr(c, "to")) != NULL) {
			if (!rb_id_valid(v, strlen(v)))
				load_xml_diag(xs, c, DIAG_ERROR, "report to "
				    "'%s' is not a valid role id", v);
			rb_str_set(&rp->to, v, strlen(v), &rp->pos);
			free(v);
		}
	}
}

static void
S_section(struct xml_src *xs, struct rb_role *role, xmlNodePtr n)
{
	static const char *const attrs[] = { "title", NULL };
	struct rb_section *sec = rb_role_add_section(role);
	struct rb_pos pos;
	char *v;

	load_xml_check_attrs(xs, n, attrs);
	load_xml_pos(xs, n, &pos);
	if ((v = load_xml_attr(n, "title")) == NULL || *v == '\0')
		load_xml_diag(xs, n, DIAG_ERROR,
		    "<section> needs a title attribute");
	if (v) {
		rb_str_set(&sec->title, v, strlen(v), &pos);
		free(v);
	}
	S_rich(xs, n, 1, &sec->body);
}

static void
S_headcount(struct xml_src *xs, struct rb_role *role, xmlNodePtr n)
{
	static const char *const none[] = { NULL };
	char *v;
	long h;

	load_xml_check_attrs(xs, n, none);
	v = load_xml_plain(xs, n);
	load_xml_pos(xs, n, &role->headcount_pos);
	if ((h = S_uint(v, 1000000)) < 0)
		load_xml_diag(xs, n, DIAG_ERROR,
		    "headcount '%s' must be an integer >= 0", v);
	else
		role->headcount = (int)h;
	free(v);
}

/* Reads the children of <role> into role, checking order and presence. */
static void
S_role(struct xml_src *xs, struct rb_role *role, xmlNodePtr root)
{
	static const char *const none[] = { NULL };
	xmlNodePtr c, seen[14] = { NULL };
	const char *name;
	int k, last = -1;

	load_xml_no_text(xs, root);
	for (c = root->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		name = (const char *)c->name;
		if (c->ns != NULL || (k = S_index(S_order, 14, name)) < 0) {
			S_unknown(xs, c, root);
			continue;
		}
		if (seen[k] && k != 13) {
			load_xml_diag(xs, c, DIAG_ERROR,
			    "duplicate <%s> (first at line %ld)", name,
			    xmlGetLineNo(seen[k]));
			continue;
		}
		if (k < last)
			load_xml_diag(xs, c, DIAG_ERROR,
			    "<%s> must come before <%s>", name, S_order[last]);
		else
			last = k;
		if (!seen[k])
			seen[k] = c;
		switch (k) {
		case 0:
			S_plain(xs, c, &role->title, 1);
			break;
		case 1:
			S_ref(xs, c, "ref", &role->department);
			break;
		case 2:
			S_plain(xs, c, &role->level, 0);
			break;
		case 3:
			S_ref(xs, c, "ref", &role->reports_to);
			break;
		case 4:
			S_headcount(xs, role, c);
			break;
		case 5:
			load_xml_check_attrs(xs, c, none);
			S_targets(xs, role, c);
			break;
		case 6:
			load_xml_check_attrs(xs, c, none);
			S_rich(xs, c, 1, &role->summary);
			break;
		case 7:
			load_xml_check_attrs(xs, c, none);
			S_duties(xs, role, c);
			break;
		case 8:
			load_xml_check_attrs(xs, c, none);
			S_items(xs, role, c, "standard", rb_role_add_standard);
			break;
		case 9:
			load_xml_check_attrs(xs, c, none);
			S_kinds(xs, role, c, 1);
			break;
		case 10:
			load_xml_check_attrs(xs, c, none);
			S_items(xs, role, c, "authority", rb_role_add_authority);
			break;
		case 11:
			load_xml_check_attrs(xs, c, none);
			S_kinds(xs, role, c, 0);
			break;
		case 12:
			load_xml_check_attrs(xs, c, none);
			S_reports(xs, role, c);
			break;
		default:
			S_section(xs, role, c);
			break;
		}
	}
	for (k = 0; k < 8; k++)
		if ((k == 0 || k == 1 || k == 7) && seen[k] == NULL)
			load_xml_diag(xs, root, DIAG_ERROR,
			    "<role> needs a <%s> element", S_order[k]);
}

struct rb_role *
load_role_xml(struct diag *d, const char *file, const char *data, size_t len)
{
	static const char *const attrs[] = { "id", NULL };
	struct xml_src xs;
	struct rb_role *role;
	xmlDocPtr doc;
	xmlNodePtr root;
	char *id;

	if ((doc = load_xml_open(&xs, d, file, data, len)) == NULL) {
		load_xml_close(&xs, NULL);
		return NULL;
	}
	root = xmlDocGetRootElement(doc);
	if (root == NULL || !load_xml_is(root, "role")) {
		load_xml_diag(&xs, root, DIAG_ERROR,
		    "the root element must be <role>, not <%s>",
		    root ? (const char *)root->name : "");
		load_xml_close(&xs, doc);
		return NULL;
	}
	load_xml_validate(&xs, doc, "role.rng");
	role = rb_role_new(file);
	role->is_xml = 1;
	load_xml_pos(&xs, root, &role->pos);
	load_xml_check_attrs(&xs, root, attrs);
	if ((id = load_xml_attr(root, "id")) == NULL)
		load_xml_diag(&xs, root, DIAG_ERROR,
		    "<role> needs an id attribute");
	else {
		if (!rb_id_valid(id, strlen(id)))
			load_xml_diag(&xs, root, DIAG_ERROR, "role id '%s' is "
			    "not valid ([a-z0-9-]+, at most 64 characters)", id);
		role->id = id;
	}
	S_role(&xs, role, root);
	load_xml_close(&xs, doc);
	return role;
}
