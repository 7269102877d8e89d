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
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/SAX2.h>
#include <libxml/xmlerror.h>
#include "../util/util.h"
#include "../util/url.h"
#include "../model/rich.h"
#include "../model/fields.h"
#include "../model/msg.h"
#include "../validate/validate.h"
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
/* Guards S_schemas: the first loader thread that needs a schema parses it,
 * the others wait and share it (libxml2 allows one parsed schema to be
 * used by several validation contexts at once, one per thread). */
static pthread_mutex_t S_schema_lock = PTHREAD_MUTEX_INITIALIZER;
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

const char *
load_schema_dir(void)
{
	if (S_schema_dir)
		return S_schema_dir;
	if (access("schema", X_OK) == 0)
		return "schema";
	return RB_DATADIR "/schema";
}

static char *
S_schema_path(const char *name)
{
	return xasprintf("%s/%s", load_schema_dir(), name);
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
	pthread_mutex_lock(&S_schema_lock);
	if (s->rng || s->failed) {
		pthread_mutex_unlock(&S_schema_lock);
		return s->rng;
	}
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
		rb_msg_at(d, MSG_F_SCHEMA, path, 0, 0, err.len ? ": " : "",
		    err.len ? err.data : "");
	}
	buf_free(&err);
	free(path);
	pthread_mutex_unlock(&S_schema_lock);
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

/* Line and character column of byte offset off, via the line table. */
static void
S_offpos(struct xml_src *xs, size_t off, struct rb_pos *pos)
{
	size_t lo = 0, hi = xs->nlines, mid;

	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		if (xs->lines[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	pos->file = xs->file;
	pos->line = (int)lo + 1;
	pos->col = utf8_col_valid(&xs->cols, xs->data + xs->lines[lo],
	    (int)(off - xs->lines[lo]) + 1);
	/* A byte order mark is not a column. */
	if (lo == 0 && off >= 3 && memcmp(xs->data, "\xEF\xBB\xBF", 3) == 0)
		pos->col--;
}

/* Byte offset of element e's '<' as recorded while parsing, or of the
 * first character of text e that is not white space, or -1. */
static long
S_elem_off(const struct xml_src *xs, xmlNodePtr e)
{
	size_t off;

	if (e == NULL || (e->type != XML_ELEMENT_NODE &&
	    e->type != XML_TEXT_NODE) || e->_private == NULL)
		return -1;
	off = (size_t)(uintptr_t)e->_private - 1;
	if (e->type == XML_TEXT_NODE)
		while (off < xs->len && strchr(" \t\r\n", xs->data[off]) !=
		    NULL && xs->data[off] != '\0')
			off++;
	return off < xs->len ? (long)off : -1;
}

void
load_xml_pos(struct xml_src *xs, xmlNodePtr n, struct rb_pos *pos)
{
	xmlNodePtr e = n;
	long off;

	if ((off = S_elem_off(xs, n)) >= 0) {
		S_offpos(xs, (size_t)off, pos);
		return;
	}
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

static int
S_xml_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/*
 * Finds attribute name (qualified, as written) in the start tag of element
 * e by scanning the source text from its '<' (attribute values cannot hold
 * a '<', and libxml2 gave us well-formed input).  Sets *at to the offset of
 * the name and *val to the offset of the value's first character (after
 * the quote).  Returns 0, or -1 when not found.
 */
static int
S_attr_off(const struct xml_src *xs, xmlNodePtr e, const char *name,
    size_t *at, size_t *val)
{
	const char *s = xs->data, *v;
	size_t i, n = xs->len, k = strlen(name), a, an;
	long off;
	char q;

	if ((off = S_elem_off(xs, e)) < 0)
		return -1;
	for (i = (size_t)off + 1; i < n && !S_xml_space(s[i]) && s[i] != '>' &&
	    s[i] != '/'; i++)
		;
	for (;;) {
		while (i < n && S_xml_space(s[i]))
			i++;
		if (i >= n || s[i] == '>' || s[i] == '/' || s[i] == '<')
			return -1;
		a = i;
		while (i < n && s[i] != '=' && !S_xml_space(s[i]) &&
		    s[i] != '>' && s[i] != '/')
			i++;
		an = i - a;
		while (i < n && S_xml_space(s[i]))
			i++;
		if (i >= n || s[i] != '=')
			return -1;
		i++;
		while (i < n && S_xml_space(s[i]))
			i++;
		if (i >= n || (s[i] != '"' && s[i] != '\''))
			return -1;
		q = s[i++];
		if (an == k && memcmp(s + a, name, k) == 0) {
			*at = a;
			*val = i;
			return 0;
		}
		if ((v = memchr(s + i, q, n - i)) == NULL)
			return -1;
		i = (size_t)(v - s) + 1;
	}
}

void
load_xml_attr_pos(struct xml_src *xs, xmlNodePtr e, const char *name,
    int value, struct rb_pos *pos)
{
	size_t at, val;

	if (S_attr_off(xs, e, name, &at, &val) == 0)
		S_offpos(xs, value ? val : at, pos);
	else
		load_xml_pos(xs, e, pos);
}

void
load_xml_attr_msg(struct xml_src *xs, xmlNodePtr e, const char *name,
    int value, enum rb_msg id, ...)
{
	struct rb_pos pos;
	va_list ap;

	load_xml_attr_pos(xs, e, name, value, &pos);
	va_start(ap, id);
	rb_msg_v(xs->d, id, &pos, ap);
	va_end(ap);
}

void
load_xml_msg(struct xml_src *xs, xmlNodePtr n, enum rb_msg id, ...)
{
	struct rb_pos pos;
	va_list ap;

	load_xml_pos(xs, n, &pos);
	va_start(ap, id);
	rb_msg_v(xs->d, id, &pos, ap);
	va_end(ap);
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

	if (e == NULL || e->level == XML_ERR_NONE)
		return;
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
	/* libxml2's own limits (depth 256, 10,000,000 bytes of text in a
	 * node) suggest an option the user cannot set: say that the limit
	 * is fixed. */
	if (e->message && (s = strstr(e->message, "use XML_PARSE_HUGE")) &&
	    (size_t)(s - e->message) < len) {
		len = (size_t)(s - e->message);
		while (len && strchr(" ,", e->message[len - 1]))
			len--;
		rb_msg_at(xs->d, MSG_E_XML_LIMIT, xs->file, e->line, col,
		    (int)len, e->message);
		return;
	}
	if (e->message && strstr(e->message, "huge text node") != NULL) {
		rb_msg_at(xs->d, MSG_E_XML_HUGE_TEXT, xs->file, e->line, col);
		return;
	}
	rb_msg_at(xs->d, e->level == XML_ERR_WARNING ? MSG_W_XML : MSG_E_XML,
	    xs->file, e->line, col, (int)len,
	    e->message ? e->message : "XML error");
}

/*
 * SAX start of an element: libxml2's own handler builds the node, then we
 * record the byte offset of its '<' in node->_private (offset + 1; our
 * documents never use _private otherwise).  libxml2 calls this with the
 * input just past the attributes, so the '<' is the last one before it
 * (attribute values cannot contain '<').  Positions of elements and their
 * attributes then come from the source text, exactly.
 */
static void
S_start_elem(void *ctx, const xmlChar *localname, const xmlChar *prefix,
    const xmlChar *uri, int nns, const xmlChar **ns, int nattr, int ndef,
    const xmlChar **attrs)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct xml_src *xs = ctxt->_private;
	xmlParserInputPtr in = ctxt->input;
	size_t off, k = strlen((const char *)localname), pk;

	xmlSAX2StartElementNs(ctx, localname, prefix, uri, nns, ns, nattr,
	    ndef, attrs);
	if (xs == NULL || ctxt->node == NULL || in == NULL || in->cur == NULL ||
	    in->base == NULL || in->cur < in->base)
		return;
	off = (size_t)in->consumed + (size_t)(in->cur - in->base);
	if (off >= xs->len)
		off = xs->len ? xs->len - 1 : 0;
	while (off > 0 && xs->data[off] != '<')
		off--;
	if (xs->data[off] != '<')
		return;
	pk = prefix ? strlen((const char *)prefix) + 1 : 0;
	if (off + 1 + pk + k > xs->len || (prefix && (memcmp(xs->data + off + 1,
	    prefix, pk - 1) != 0 || xs->data[off + pk] != ':')) ||
	    memcmp(xs->data + off + 1 + pk, localname, k) != 0)
		return;
	ctxt->node->_private = (void *)(uintptr_t)(off + 1);
}

/*
 * SAX text: libxml2's own handler adds it to the node being built; when
 * that made a new text node and the text is found in the input as written
 * (checked: not from a character reference, no CR dropped), its byte
 * offset is recorded in _private as for elements, so that text where none
 * belongs is reported at its column.
 */
static void
S_chars(void *ctx, const xmlChar *ch, int len)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct xml_src *xs = ctxt->_private;
	xmlParserInputPtr in = ctxt->input;
	xmlNodePtr t;
	size_t off;

	xmlSAX2Characters(ctx, ch, len);
	if (xs == NULL || ctxt->node == NULL || (t = ctxt->node->last) ==
	    NULL || t->type != XML_TEXT_NODE || t->_private != NULL ||
	    t->content == NULL || xmlStrlen(t->content) != len || in == NULL ||
	    in->base == NULL || in->cur == NULL || in->cur < in->base)
		return;
	/* ASCII text is passed from the input itself; other text from a
	 * copy, after the input has moved past it. */
	if (ch >= in->base && ch < in->cur)
		off = (size_t)in->consumed + (size_t)(ch - in->base);
	else if (in->cur - in->base >= len)
		off = (size_t)in->consumed + (size_t)(in->cur - in->base) -
		    (size_t)len;
	else
		return;
	if (off + (size_t)len <= xs->len &&
	    memcmp(xs->data + off, ch, (size_t)len) == 0)
		t->_private = (void *)(uintptr_t)(off + 1);
}

/*
 * Does the XML declaration at the start of s[0..n) name GBK, GB2312 or
 * GB18030 as the encoding?
 */
static int
S_decl_gbk(const char *s, size_t n)
{
	const char *e, *enc;
	size_t m;

	if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
		return 0;
	if (n < 5 || memcmp(s, "<?xml", 5) != 0 ||
	    (e = memmem(s, n, "?>", 2)) == NULL)
		return 0;
	m = (size_t)(e - s);
	if ((enc = memmem(s, m, "encoding", 8)) == NULL)
		return 0;
	for (enc += 8; enc < e && strchr(" \t\r\n=\"'", *enc) != NULL; enc++)
		;
	return (size_t)(e - enc) >= 3 && (strncasecmp(enc, "GBK", 3) == 0 ||
	    strncasecmp(enc, "GB2312", 6) == 0 ||
	    strncasecmp(enc, "GB18030", 7) == 0);
}

/*
 * Reports a file that is not UTF-8 at its first bad byte bad, with the
 * fix: a hint when the whole file reads as GBK / GB18030 (then declare,
 * how XML may declare it) or as Big5, by the rule of gbk.c.
 */
static void
S_not_utf8(struct diag *d, const char *file, const char *data, size_t len,
    const char *bad, const char *declare)
{
	int line, col;

	utf8_linecol(data, (size_t)(bad - data), &line, &col);
	switch (cjk_guess(data, len)) {
	case CJK_GB18030:
		rb_msg_at(d, MSG_E_NOT_UTF8_GBK, file, line, col,
		    (unsigned)(unsigned char)*bad, declare);
		break;
	case CJK_BIG5:
		rb_msg_at(d, MSG_E_NOT_UTF8_BIG5, file, line, col,
		    (unsigned)(unsigned char)*bad);
		break;
	default:
		rb_msg_at(d, MSG_E_NOT_UTF8, file, line, col,
		    (unsigned)(unsigned char)*bad);
		break;
	}
}

void
load_not_utf8(struct diag *d, const char *file, const char *data, size_t len,
    const char *bad)
{
	S_not_utf8(d, file, data, len, bad, "");
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

/*
 * libxml2 2.9.14 takes time quadratic in the attributes of one element
 * (its duplicate check compares each with those before it, and it appends
 * each to the end of a list): 200,000 attributes on <role> took minutes.
 * So start tags are measured before it parses: the offset of the first
 * one with more than S_MAX_ATTRS attributes, or (size_t)-1.  Comments,
 * CDATA sections and processing instructions are skipped; quoted values
 * may hold '>' and '='.  Linear in the text.
 */
#define S_MAX_ATTRS	64

static size_t
S_too_many_attrs(const char *s, size_t n)
{
	const char *p = s, *e = s + n, *q, *lt;
	size_t count;

	while ((lt = memchr(p, '<', (size_t)(e - p))) != NULL) {
		p = lt + 1;
		if (e - p >= 3 && memcmp(p, "!--", 3) == 0)
			q = memmem(p + 3, (size_t)(e - p - 3), "-->", 3);
		else if (e - p >= 8 && memcmp(p, "![CDATA[", 8) == 0)
			q = memmem(p + 8, (size_t)(e - p - 8), "]]>", 3);
		else if (p < e && *p == '?')
			q = memmem(p + 1, (size_t)(e - p - 1), "?>", 2);
		else if (p < e && (*p == '!' || *p == '/'))
			q = memchr(p, '>', (size_t)(e - p));
		else {
			/* a start tag: count the '=' outside quoted values */
			for (count = 0; p < e && *p != '>' && *p != '<'; p++)
				if (*p == '"' || *p == '\'') {
					if ((q = memchr(p + 1, *p,
					    (size_t)(e - p - 1))) == NULL)
						return (size_t)-1;
					p = q;
				} else if (*p == '=' && ++count > S_MAX_ATTRS)
					return (size_t)(lt - s);
			continue;
		}
		if (q == NULL)
			return (size_t)-1;	/* libxml2 reports it */
		p = q + 1;
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
	xs->nerr0 = d->nerr;
	/* Declared GBK / GB18030: read as UTF-8 from here on (libxml2 is
	 * told UTF-8 below, so the declaration is not read again). */
	if (S_decl_gbk(data, len)) {
		size_t at = 0, n;
		char *u;

		if (gbk_to_utf8(data, len, &xs->owned, &n, &at) == -1) {
			line = col = 1;
			if (gbk_to_utf8(data, at, &u, &n, NULL) == 0) {
				utf8_linecol(u, n, &line, &col);
				free(u);
			}
			rb_msg_at(d, MSG_E_NOT_GBK, file, line, col,
			    (unsigned)(unsigned char)data[at]);
			xs->data = data;
			xs->len = len;
			S_lines(xs);
			return NULL;
		}
		data = xs->owned;
		len = n;
	}
	xs->data = data;
	xs->len = len;
	S_lines(xs);
	if ((bad = utf8_invalid(data, len)) != NULL) {
		S_not_utf8(d, file, data, len, bad, ", or declare it: <?xml "
		    "version=\"1.0\" encoding=\"GBK\"?>");
		return NULL;
	}
	if ((off = S_doctype(data, len)) != (size_t)-1) {
		utf8_linecol(data, off, &line, &col);
		rb_msg_at(d, MSG_E_DOCTYPE, file, line, col);
		return NULL;
	}
	if (len > INT_MAX) {
		rb_msg_at(d, MSG_E_XML_TOO_LARGE, file, 0, 0);
		return NULL;
	}
	if ((off = S_too_many_attrs(data, len)) != (size_t)-1) {
		utf8_linecol(data, off, &line, &col);
		rb_msg_at(d, MSG_E_XML_ATTRS, file, line, col, S_MAX_ATTRS);
		return NULL;
	}
	if ((ctxt = xmlNewParserCtxt()) == NULL) {
		rb_msg_at(d, MSG_F_NOMEM, file, 0, 0);
		return NULL;
	}
	nerr = d->nerr;
	ctxt->_private = xs;
	if (ctxt->sax != NULL)
		ctxt->sax->startElementNs = S_start_elem;
	if (ctxt->sax != NULL)
		ctxt->sax->characters = S_chars;
	xmlSetStructuredErrorFunc(xs, S_parse_err);
	doc = xmlCtxtReadMemory(ctxt, data, (int)len, file, "UTF-8",
	    XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES);
	xmlSetStructuredErrorFunc(NULL, NULL);
	if (doc != NULL && (doc->intSubset || doc->extSubset)) {
		rb_msg_at(d, MSG_E_DOCTYPE, file, 1, 0);
		xmlFreeDoc(doc);
		doc = NULL;
	} else if (doc == NULL && d->nerr == nerr) {
		rb_msg_at(d, MSG_E_XML_PARSE, file, 0, 0);
	} else if (doc != NULL && (d->nerr != nerr || !ctxt->wellFormed)) {
		if (d->nerr == nerr)
			rb_msg_at(d, MSG_E_XML_MALFORMED, file, 0, 0);
		xmlFreeDoc(doc);
		doc = NULL;
	}
	xmlFreeParserCtxt(ctxt);
	return doc;
}

/*
 * The name after the last occurrence of word (e.g. "element ") in msg,
 * copied into buf; NULL when none.
 */
static const char *
S_msg_name(const char *msg, const char *word, char *buf, size_t size)
{
	const char *p, *q = NULL;
	size_t n = 0;

	for (p = msg; (p = strstr(p, word)) != NULL; p += strlen(word))
		q = p + strlen(word);
	if (q == NULL)
		return NULL;
	while (q[n] && q[n] != ' ' && q[n] != ',' && q[n] != ':' &&
	    q[n] != '\'' && n + 1 < size)
		n++;
	if (n == 0)
		return NULL;
	memcpy(buf, q, n);
	buf[n] = '\0';
	return buf;
}

/*
 * Position of a RELAX NG error.  libxml2 gives the element node for most
 * (then: the attribute it names, or whose value it quotes), only a line for
 * some (then: the element it names on that line), and nothing for the
 * summaries "Element x failed to validate ..." (then 0: see
 * load_xml_close()).
 */
static void
S_rng_pos(struct xml_src *xs, xmlErrorPtr e, const char *msg,
    struct rb_pos *pos)
{
	char name[128], *v;
	const char *q, *qe;
	xmlAttrPtr a;
	xmlNodePtr n = e->node;

	pos->file = xs->file;
	pos->line = pos->col = 0;
	if (n != NULL && n->type == XML_ELEMENT_NODE) {
		if (S_msg_name(msg, "Invalid attribute ", name,
		    sizeof(name)) != NULL) {
			load_xml_attr_pos(xs, n, name, 0, pos);
			return;
		}
		if ((q = strstr(msg, "value '")) != NULL &&
		    (qe = strrchr(q + 7, '\'')) != NULL)
			for (a = n->properties; a; a = a->next) {
				if (a->ns != NULL)
					continue;
				v = load_xml_attr(n, (const char *)a->name);
				if (v && strlen(v) == (size_t)(qe - q - 7) &&
				    memcmp(v, q + 7, strlen(v)) == 0) {
					free(v);
					load_xml_attr_pos(xs, n,
					    (const char *)a->name, 1, pos);
					return;
				}
				free(v);
			}
		load_xml_pos(xs, n, pos);
		return;
	}
	if (n != NULL) {
		load_xml_pos(xs, n, pos);
		if (pos->line > 0)
			return;
	}
	if ((pos->line = e->line) <= 0) {
		pos->line = 0;
		return;
	}
	/* "Expecting element a, got b": b is what stands on the line. */
	if (S_msg_name(msg, "got ", name, sizeof(name)) != NULL &&
	    (pos->col = S_tag_col(xs, pos->line, name)) > 0)
		return;
	if (S_msg_name(msg, "lement ", name, sizeof(name)) != NULL)
		pos->col = S_tag_col(xs, pos->line, name);
}

/* Holds back one RELAX NG error. */
static void
S_rng_err(void *ctx, xmlErrorPtr e)
{
	struct xml_src *xs = ctx;
	struct xml_pending *p;
	struct rb_pos pos;
	char *msg;
	size_t len;

	if (e == NULL || e->level == XML_ERR_NONE || e->level == XML_ERR_WARNING)
		return;
	len = e->message ? strlen(e->message) : 0;
	while (len && (e->message[len - 1] == '\n' || e->message[len - 1] == ' '))
		len--;
	msg = e->message ? xstrndup(e->message, len) : xstrdup(xs->schema);
	S_rng_pos(xs, e, msg, &pos);
	xs->pend = xreallocarray(xs->pend, xs->npend + 1, sizeof(*xs->pend));
	p = &xs->pend[xs->npend++];
	p->id = e->message ? MSG_E_SCHEMA : MSG_E_SCHEMA_MISMATCH;
	p->line = pos.line;
	p->col = pos.col;
	p->msg = msg;
}

void
load_xml_validate(struct xml_src *xs, xmlDocPtr doc, const char *name)
{
	xmlRelaxNGPtr rng;
	xmlRelaxNGValidCtxtPtr vc;

	/* Its errors would not be reported (load_xml_close()); and libxml2
	 * 2.9.14 walks back over every earlier sibling and ancestor of the
	 * node of each error it raises: 50,000 bad elements took minutes. */
	if (load_xml_nerr(xs) > 0)
		return;
	if ((rng = S_schema(xs->d, name)) == NULL)
		return;
	if ((vc = xmlRelaxNGNewValidCtxt(rng)) == NULL)
		return;
	xs->schema = name;
	xmlRelaxNGSetValidStructuredErrors(vc, S_rng_err, xs);
	xmlSetStructuredErrorFunc(xs, S_rng_err);
	if (xmlRelaxNGValidateDoc(vc, doc) != 0 && xs->npend == 0) {
		xs->pend = xreallocarray(xs->pend, 1, sizeof(*xs->pend));
		xs->pend[0].line = 1;
		xs->pend[0].col = 0;
		xs->pend[0].msg = xstrdup(name);
		xs->pend[0].id = MSG_E_SCHEMA_MISMATCH;
		xs->npend = 1;
	}
	xmlSetStructuredErrorFunc(NULL, NULL);
	xmlRelaxNGFreeValidCtxt(vc);
}

void
load_xml_close(struct xml_src *xs, xmlDocPtr doc)
{
	size_t i;
	int report = load_xml_nerr(xs) == 0, placed = 0;

	/* A summary without a place ("Element x failed to validate
	 * attributes") only repeats the placed errors that explain it. */
	for (i = 0; i < xs->npend; i++)
		placed += xs->pend[i].line > 0;
	for (i = 0; i < xs->npend; i++) {
		if (report && (xs->pend[i].line > 0 || placed == 0))
			rb_msg_at(xs->d, xs->pend[i].id, xs->file,
			    xs->pend[i].line, xs->pend[i].col, xs->pend[i].msg);
		free(xs->pend[i].msg);
	}
	free(xs->pend);
	free(xs->lines);
	free(xs->owned);
	utf8_cols_free(&xs->cols);
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

const char *
load_xml_suggest(const char *s, const char *const *names)
{
	const char *best = NULL;
	int bd = 3, k;
	size_t n = strlen(s);

	for (; *names; names++)
		if ((k = str_distance(s, *names)) < bd && 2 * (size_t)k <= n) {
			bd = k;
			best = *names;
		}
	return best;
}

void
load_xml_listn(struct buf *b, const char *const *names, size_t n,
    const char *conj)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_puts(b, i + 1 < n ? ", " : conj);
		buf_puts(b, names[i]);
	}
}

void
load_xml_list(struct buf *b, const char *const *names, const char *conj)
{
	size_t n = 0;

	while (names[n] != NULL)
		n++;
	load_xml_listn(b, names, n, conj);
}

void
load_xml_check_attrs(struct xml_src *xs, xmlNodePtr n,
    const char *const *allowed)
{
	struct buf b = BUF_INIT, q = BUF_INIT;
	const char *const *p;
	const char *sug;
	xmlAttrPtr a;

	for (a = n->properties; a && !diag_full(xs->d); a = a->next) {
		for (p = allowed; *p; p++)
			if (a->ns == NULL && strcmp(*p, (const char *)a->name) == 0)
				break;
		if (*p != NULL)
			continue;
		buf_reset(&q);
		if (a->ns && a->ns->prefix)
			buf_printf(&q, "%s:", (const char *)a->ns->prefix);
		buf_puts(&q, (const char *)a->name);
		if (allowed[0] == NULL)
			load_xml_attr_msg(xs, n, q.data, 0, MSG_E_XML_ATTR_NONE,
			    q.data, (const char *)n->name,
			    (const char *)n->name);
		else if (a->ns == NULL && (sug = load_xml_suggest(
		    (const char *)a->name, allowed)) != NULL)
			load_xml_attr_msg(xs, n, q.data, 0, MSG_E_XML_ATTR_NEAR,
			    q.data, (const char *)n->name, sug);
		else {
			buf_reset(&b);
			load_xml_list(&b, allowed, ", ");
			load_xml_attr_msg(xs, n, q.data, 0, MSG_E_XML_ATTR_UNKNOWN,
			    q.data, (const char *)n->name, b.data);
		}
	}
	buf_free(&b);
	buf_free(&q);
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
			load_xml_msg(xs, c, MSG_E_XML_TEXT,
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
			load_xml_msg(xs, c, MSG_E_XML_PLAIN,
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

/* Cells of table t (th and td in its rows, directly or in thead, tbody). */
static size_t
S_cells(xmlNodePtr t)
{
	xmlNodePtr g, row, cell;
	size_t n = 0;

	for (g = t->children; g; g = g->next) {
		if (g->type != XML_ELEMENT_NODE)
			continue;
		for (row = strcmp((const char *)g->name, "tr") ? g->children :
		    g; row; row = row == g ? NULL : row->next) {
			if (row->type != XML_ELEMENT_NODE)
				continue;
			for (cell = row->children; cell; cell = cell->next)
				n += cell->type == XML_ELEMENT_NODE;
		}
	}
	return n;
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
	enum url_verdict uv;

	for (c = n->children; c; c = c->next) {
		switch (c->type) {
		case XML_TEXT_NODE:
		case XML_CDATA_SECTION_NODE:
			s = (const char *)c->content;
			if (s == NULL)
				break;
			if (content != S_INLINE && content != S_BLOCK) {
				if (!S_blank(s, strlen(s)))
					load_xml_msg(xs, c, MSG_E_XML_TEXT,
					    (const char *)n->name);
				break;
			}
			rich_text(r, s, strlen(s));
			break;
		case XML_ELEMENT_NODE:
			tag = (const char *)c->name;
			if (c->ns == NULL && !strcmp(tag, "ol") &&
			    load_xml_is(n, "duty")) {
				load_xml_msg(xs, c, MSG_E_XML_OL_LATE);
				break;
			}
			if ((c->ns != NULL || !S_allowed(content, tag)) &&
			    n->name == (const xmlChar *)field) {
				load_xml_msg(xs, c, MSG_E_XML_NOT_IN, tag,
				    (const char *)n->name);
				break;
			}
			if (c->ns != NULL || !S_allowed(content, tag)) {
				load_xml_msg(xs, c, MSG_E_XML_NOT_IN_OF, tag,
				    (const char *)n->name, field);
				break;
			}
			if (!strcmp(tag, "br")) {
				load_xml_check_attrs(xs, c, no_attrs);
				if (c->children)
					load_xml_msg(xs, c, MSG_E_XML_BR);
				rich_br(r);
				break;
			}
			href = NULL;
			if (!strcmp(tag, "a")) {
				load_xml_check_attrs(xs, c, a_attrs);
				if ((href = load_xml_attr(c, "href")) == NULL)
					load_xml_msg(xs, c, MSG_E_XML_ATTR_MISSING,
					    "a", "href");
			} else
				load_xml_check_attrs(xs, c, no_attrs);
			if (r->depth >= (int)rb_limit(RB_LIM_DEPTH)) {
				load_xml_msg(xs, c, MSG_E_TOO_DEEP, r->depth,
				    rb_limit_hint(RB_LIM_DEPTH));
				free(href);
				return;
			}
			if (!strcmp(tag, "table") && S_cells(c) >
			    rb_limit(RB_LIM_TABLE)) {
				load_xml_msg(xs, c, MSG_E_XML_TABLE, S_cells(c),
				    rb_limit_hint(RB_LIM_TABLE));
				free(href);
				break;
			}
			if (href != NULL &&
			    (uv = url_check(href, strlen(href))) != URL_OK) {
				struct buf m = BUF_INIT;

				url_why(&m, href, uv);
				load_xml_attr_msg(xs, c, "href", 1, MSG_W_LINK,
				    m.data);
				buf_free(&m);
				free(href);
				S_rich_children(xs, r, c, S_content_of(tag),
				    field);
				break;
			}
			rich_open(r, tag, href);
			free(href);
			S_rich_children(xs, r, c, S_content_of(tag), field);
			rich_close(r, tag);
			break;
		case XML_ENTITY_REF_NODE:
			load_xml_msg(xs, c, MSG_E_XML_ENTITY,
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


/* Stores a plain element's text into dst (its rules: val_role()). */
static void
S_plain(struct xml_src *xs, xmlNodePtr n, struct rb_str *dst)
{
	static const char *const none[] = { NULL };
	struct rb_pos pos;
	char *s;

	load_xml_check_attrs(xs, n, none);
	s = load_xml_plain(xs, n);
	load_xml_pos(xs, n, &pos);
	rb_str_set(dst, s, strlen(s), &pos);
	free(s);
}

/* Stores the reference attribute attr of n into dst; reports it missing
 * (an empty one: val_role()). */
static void
S_ref(struct xml_src *xs, xmlNodePtr n, const char *attr, struct rb_str *dst)
{
	const char *const allowed[] = { attr, NULL };
	struct rb_pos pos;
	char *v;

	load_xml_check_attrs(xs, n, allowed);
	load_xml_no_text(xs, n);
	if ((v = load_xml_attr(n, attr)) == NULL) {
		load_xml_msg(xs, n, MSG_E_XML_ATTR_MISSING, (const char *)n->name,
		    attr);
		return;
	}
	load_xml_attr_pos(xs, n, attr, 1, &pos);
	rb_str_set(dst, v, strlen(v), &pos);
	free(v);
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

/* A one-name list for S_unknown() (lives until the end of the caller's
 * block: no static storage, loaders run in threads). */
#define S_one(name)	((const char *const []){ (name), NULL })

/* Reports an unexpected child element of parent; names are what parent
 * may hold (for a suggestion). */
static void
S_unknown(struct xml_src *xs, xmlNodePtr c, xmlNodePtr parent,
    const char *const *names)
{
	const char *sug = c->ns == NULL ?
	    load_xml_suggest((const char *)c->name, names) : NULL;

	if (sug != NULL)
		load_xml_msg(xs, c, MSG_E_ELEM_NEAR, (const char *)c->name,
		    (const char *)parent->name, sug);
	else
		load_xml_msg(xs, c, MSG_E_ELEM_UNKNOWN, (const char *)c->name,
		    (const char *)parent->name);
}

/*
 * Drops the number a pasted item starts with (<duty>1、负责…</duty>): the
 * handbook numbers the items, as the Markdown loader drops "1、" too.
 */
static void
S_unnumber(struct rb_str *t)
{
	size_t n = strlen(t->s), k = rb_num_prefix(t->s, n, NULL);

	if (k > 0 && k < n)
		memmove(t->s, t->s + k, n - k + 1);
}

/*
 * The text of item element c (into it) and its sub-list where the item has
 * one: an <ol> of <li> after the text, (1) … under 1. …; the <ol> is taken
 * out of the tree while the text is read, then put back (last) for the
 * schema.
 */
static void
S_item_text(struct xml_src *xs, const struct rb_itemdef *id, xmlNodePtr c,
    void *it)
{
	static const char *const none[] = { NULL };
	struct rb_str *t = rb_item_text(it, id), *sub;
	struct rb_pos p;
	xmlNodePtr ol = c->last, li;
	size_t nsubs = 0;

	/* Only blanks and comments may follow it. */
	while (ol != NULL && ol->type != XML_ELEMENT_NODE &&
	    (ol->type == XML_COMMENT_NODE || (ol->type == XML_TEXT_NODE &&
	    (ol->content == NULL || S_blank((const char *)ol->content,
	    strlen((const char *)ol->content))))))
		ol = ol->prev;
	if (ol != NULL && (id->soff == RB_NONE || !load_xml_is(ol, "ol")))
		ol = NULL;
	if (ol != NULL)
		xmlUnlinkNode(ol);
	S_rich(xs, c, 0, t);
	S_unnumber(t);
	if (id->textreq && *t->s == '\0')
		rb_msg(xs->d, MSG_E_ITEM_EMPTY, &t->pos, id->what);
	if (ol == NULL)
		return;
	load_xml_check_attrs(xs, ol, none);
	load_xml_no_text(xs, ol);
	for (li = ol->children; li; li = li->next) {
		if (li->type != XML_ELEMENT_NODE)
			continue;
		if (!load_xml_is(li, "li")) {
			S_unknown(xs, li, ol, S_one("li"));
			continue;
		}
		load_xml_check_attrs(xs, li, none);
		S_rich(xs, li, 0, sub = rb_item_add_sub(it, id));
		S_unnumber(sub);
		nsubs++;
		if (*sub->s == '\0')
			rb_msg(xs->d, MSG_E_SUB_EMPTY, &sub->pos);
	}
	if (nsubs == 0) {
		load_xml_pos(xs, ol, &p);
		rb_msg(xs->d, MSG_E_NO_SUBS_XML, &p, id->what);
	}
	xmlAddChild(c, ol);
}

/*
 * The items of list field f (<duties>, <targets>, …) as the field table
 * describes them (src/model/fields.c): each <item> element with its
 * attributes as written (an enumerated one as its index), and its text.
 * Their rules: val_role().
 */
static void
S_list(struct xml_src *xs, struct rb_role *role, xmlNodePtr n, int f)
{
	const struct rb_itemdef *id = rb_fields[f].item;
	const struct rb_attrdef *a, *inf = NULL;
	const char *allowed[8];
	struct rb_pos pos;
	xmlNodePtr c;
	void *it;
	char *v;
	int k, e;

	for (k = 0; k < id->nattrs && k < 7; k++)
		allowed[k] = id->attrs[k].name;
	allowed[k] = NULL;
	load_xml_no_text(xs, n);
	for (c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (!load_xml_is(c, id->elem)) {
			S_unknown(xs, c, n, S_one(id->elem));
			continue;
		}
		load_xml_check_attrs(xs, c, allowed);
		it = rb_list_add(role, id);
		load_xml_pos(xs, c, &pos);
		if (id->poff != RB_NONE)
			*(struct rb_pos *)(void *)((char *)it + id->poff) = pos;
		for (k = 0; k < id->nattrs; k++) {
			a = &id->attrs[k];
			if ((v = load_xml_attr(c, a->name)) == NULL) {
				if (a->kind == RB_AK_ENUM && a->infer != NULL)
					inf = a;
				else if (a->kind == RB_AK_ENUM &&
				    (a->flags & RB_AF_REQUIRED))
					val_item_missing(xs->d, id, a, &pos);
				continue;
			}
			load_xml_attr_pos(xs, c, a->name, 1, &pos);
			if (a->kind != RB_AK_ENUM)
				rb_str_set(rb_item_str(it, a), v, strlen(v),
				    &pos);
			else if ((e = val_item_enum(xs->d, id, a, v, &pos,
			    1)) >= 0)
				*rb_item_int(it, a) = e;
			free(v);
		}
		if (id->toff == RB_NONE)
			load_xml_no_text(xs, c);
		else
			S_item_text(xs, id, c, it);
		if (inf != NULL)
			rb_item_infer(it, id, inf);
		inf = NULL;
	}
	if (rb_fields[f].required && rb_list_len(role, id) == 0) {
		char how[64];

		snprintf(how, sizeof(how), MSG_HINT_ITEMS_XML, id->elem);
		load_xml_pos(xs, n, &pos);
		rb_msg(xs->d, MSG_E_LIST_REQUIRED, &pos, rb_fields[f].name,
		    rb_fields[f].label, how, id->what);
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
	if ((v = load_xml_attr(n, "title")) == NULL)
		load_xml_msg(xs, n, MSG_E_XML_ATTR_MISSING, "section", "title");
	else if (*v == '\0')
		load_xml_attr_msg(xs, n, "title", 1, MSG_E_SECTION_TITLE);
	if (v) {
		load_xml_attr_pos(xs, n, "title", 1, &pos);
		rb_str_set(&sec->title, v, strlen(v), &pos);
		free(v);
	}
	S_rich(xs, n, 1, &sec->body);
}

/*
 * Reads the children of <role> into role, checking their order: the
 * fields in the order of the field table (src/model/fields.c), their XML
 * element names from it, then any number of <section>.  Scalar fields are
 * stored as written (their rules: val_role()).
 */
static void
S_role(struct xml_src *xs, struct rb_role *role, xmlNodePtr root)
{
	static const char *const none[] = { NULL };
	const char *order[RB_F__MAX + 1];
	xmlNodePtr c, seen[RB_F__MAX + 1] = { NULL };
	struct rb_str *dst;
	const char *name;
	int f, k, n = 0, last = -1, fof[RB_F__MAX + 1];

	for (f = 0; f < RB_F__MAX; f++)
		if (rb_fields[f].xml != NULL) {
			fof[n] = f;
			order[n++] = rb_fields[f].xml;
		}
	fof[n] = -1;
	order[n++] = "section";		/* repeats */
	order[n] = NULL;
	load_xml_no_text(xs, root);
	for (c = root->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		name = (const char *)c->name;
		if (c->ns != NULL || (k = S_index(order, n, name)) < 0) {
			S_unknown(xs, c, root, order);
			continue;
		}
		if (seen[k] && fof[k] >= 0) {
			load_xml_msg(xs, c, MSG_E_FIELD_TWICE, "element", name,
			    rb_fields[fof[k]].name, (int)xmlGetLineNo(seen[k]));
			continue;
		}
		if (k < last)
			load_xml_msg(xs, c, MSG_E_ELEM_ORDER, name, order[last]);
		else
			last = k;
		if (!seen[k])
			seen[k] = c;
		if (fof[k] < 0) {
			S_section(xs, role, c);
			continue;
		}
		f = fof[k];
		if ((dst = rb_field_str(role, f)) != NULL) {
			switch (rb_fields[f].kind) {
			case RB_FK_ROLE:
			case RB_FK_DEPT:
				S_ref(xs, c, "ref", dst);
				break;
			case RB_FK_RICH:
				load_xml_check_attrs(xs, c, none);
				S_rich(xs, c, 1, dst);
				break;
			default:
				S_plain(xs, c, dst);
				break;
			}
			if (rb_fields[f].kind == RB_FK_INT)
				role->headcount_pos = dst->pos;
			continue;
		}
		load_xml_check_attrs(xs, c, none);
		if (rb_fields[f].item != NULL)
			S_list(xs, role, c, f);
	}
	/* (missing title and department: val_role()) */
	for (k = 0; k < n; k++)
		if (fof[k] == RB_F_DUTIES && seen[k] == NULL)
			load_xml_msg(xs, root, MSG_E_NO_DUTIES,
			    role->id ? role->id : "", MSG_HINT_DUTIES_XML);
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
	int nerr;

	if ((doc = load_xml_open(&xs, d, file, data, len)) == NULL) {
		load_xml_close(&xs, NULL);
		return NULL;
	}
	root = xmlDocGetRootElement(doc);
	if (root == NULL || !load_xml_is(root, "role")) {
		load_xml_msg(&xs, root, MSG_E_XML_ROOT, "role",
		    root ? (const char *)root->name : "");
		load_xml_close(&xs, doc);
		return NULL;
	}
	role = rb_role_new(file);
	role->is_xml = 1;
	load_xml_check_attrs(&xs, root, attrs);
	/* Like the Markdown loader: the role's position is its id's. */
	load_xml_attr_pos(&xs, root, "id", 1, &role->pos);
	load_xml_pos(&xs, root, &role->head);
	if ((id = load_xml_attr(root, "id")) == NULL)
		rb_role_default_id(d, role, &role->head);
	else
		role->id = id;	/* its form: val_role() */
	S_role(&xs, role, root);
	/* The schema would say again what a field's rule said. */
	nerr = d->nerr;
	val_role(d, role);
	if (d->nerr == nerr)
		load_xml_validate(&xs, doc, "role.rng");
	load_xml_close(&xs, doc);
	return role;
}
