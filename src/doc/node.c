/*
 * node.c — the document tree's nodes: creation, linking, attributes,
 * iterative free, the non-recursive walk (cmark iterator style), the tag
 * table and a text dump for tests.  Used by src/doc/parse.c, the template
 * engine and both backends.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "../util/util.h"
#include "doc.h"

const char *const doc_tag_name[DOC__MAX] = {
	"#text",
	"rb-document", "section", "div", "nav", "header", "footer",
	"main",
	"h1", "h2", "h3", "h4",
	"p",
	"ul", "ol", "li",
	"table", "thead", "tbody", "tr", "th", "td",
	"blockquote", "pre", "hr",
	"dl", "dt", "dd",
	"img",
	"a", "em", "strong", "code", "span", "br", "small",
	"rb-pagebreak", "rb-toc", "rb-pageref", "rb-chart", "rb-series",
	"rb-point", "rb-orgchart", "rb-orgnode", "rb-signature", "rb-sign",
};

int
doc_tag_lookup(const char *name, size_t len)
{
	int i;

	/* chains of the tags by first byte: a lookup compares only those */
	static unsigned char lens[DOC__MAX], next[DOC__MAX], head[128];
	static int init;

	if (!init) {
		for (i = DOC__MAX - 1; i > DOC_TEXT; i--) {
			unsigned char c = (unsigned char)doc_tag_name[i][0];

			lens[i] = (unsigned char)strlen(doc_tag_name[i]);
			next[i] = head[c & 127];
			head[c & 127] = (unsigned char)i;
		}
		init = 1;
	}
	if (len == 0 || len > 32 || (unsigned char)name[0] >= 128)
		return -1;
	for (i = head[(unsigned char)name[0]]; i != 0; i = next[i])
		if (lens[i] == len && memcmp(doc_tag_name[i], name, len) == 0)
			return i;
	return -1;
}

int
doc_tag_is_inline(enum doc_tag t)
{
	switch (t) {
	case DOC_TEXT:
	case DOC_A:
	case DOC_EM:
	case DOC_STRONG:
	case DOC_CODE:
	case DOC_SPAN:
	case DOC_BR:
	case DOC_SMALL:
	case DOC_PAGEREF:
		return 1;
	default:
		return 0;
	}
}

struct doc_node *
doc_node_new(enum doc_tag tag)
{
	struct doc_node *n = xcalloc(1, sizeof(*n));

	n->tag = tag;
	return n;
}

struct doc_node *
doc_append(struct doc_node *parent, struct doc_node *child)
{
	child->parent = parent;
	child->next = NULL;
	child->prev = parent->last;
	if (parent->last)
		parent->last->next = child;
	else
		parent->first = child;
	parent->last = child;
	return child;
}

const char *
doc_attr(const struct doc_node *n, const char *name)
{
	size_t i;

	if (strcmp(name, "id") == 0)
		return n->id;
	if (strcmp(name, "class") == 0)
		return n->cls;
	if (strcmp(name, "href") == 0)
		return n->href;
	for (i = 0; i < n->nattrs; i++)
		if (strcmp(n->attrs[i].name, name) == 0)
			return n->attrs[i].value;
	return NULL;
}

/* Replaces *slot with a copy of value (NULL clears it). */
static void
S_set(char **slot, const char *value)
{
	free(*slot);
	*slot = value ? xstrdup(value) : NULL;
}

void
doc_set_attr(struct doc_node *n, const char *name, const char *value)
{
	size_t i;

	if (strcmp(name, "id") == 0) {
		S_set(&n->id, value);
		return;
	}
	if (strcmp(name, "class") == 0) {
		S_set(&n->cls, value);
		return;
	}
	if (strcmp(name, "href") == 0) {
		S_set(&n->href, value);
		return;
	}
	for (i = 0; i < n->nattrs; i++)
		if (strcmp(n->attrs[i].name, name) == 0)
			break;
	if (i < n->nattrs) {
		if (value) {
			S_set(&n->attrs[i].value, value);
			return;
		}
		free(n->attrs[i].name);
		free(n->attrs[i].value);
		memmove(&n->attrs[i], &n->attrs[i + 1],
		    (n->nattrs - i - 1) * sizeof(*n->attrs));
		n->nattrs--;
		return;
	}
	if (value == NULL)
		return;
	n->attrs = xreallocarray(n->attrs, n->nattrs + 1, sizeof(*n->attrs));
	n->attrs[n->nattrs].name = xstrdup(name);
	n->attrs[n->nattrs].value = xstrdup(value);
	n->nattrs++;
}

static void
S_free_one(struct doc_node *n)
{
	size_t i;

	free(n->text);
	free(n->id);
	free(n->cls);
	free(n->href);
	for (i = 0; i < n->nattrs; i++) {
		free(n->attrs[i].name);
		free(n->attrs[i].value);
	}
	free(n->attrs);
	free(n);
}

/*
 * Unlinks n from its parent and frees it with all descendants, without
 * recursion (cmark S_free_nodes): children are spliced into the chain of
 * nodes still to free.
 */
void
doc_free(struct doc_node *n)
{
	struct doc_node *next;

	if (n == NULL)
		return;
	if (n->parent) {
		if (n->prev)
			n->prev->next = n->next;
		else
			n->parent->first = n->next;
		if (n->next)
			n->next->prev = n->prev;
		else
			n->parent->last = n->prev;
	}
	n->next = NULL;
	while (n) {
		if (n->first) {
			n->last->next = n->next;
			n->next = n->first;
		}
		next = n->next;
		S_free_one(n);
		n = next;
	}
}

/*
 * Text nodes get one event (entering); elements two, entering and exiting,
 * even when empty.  *entering must hold what the previous call set.
 */
struct doc_node *
doc_next(const struct doc_node *root, struct doc_node *cur, int *entering)
{
	if (root == NULL)
		return NULL;
	if (cur == NULL) {
		*entering = 1;
		return (struct doc_node *)root;
	}
	if (*entering && cur->tag != DOC_TEXT) {
		if (cur->first) {
			*entering = 1;
			return cur->first;
		}
		*entering = 0;
		return cur;
	}
	if (cur == root)
		return NULL;
	if (cur->next) {
		*entering = 1;
		return cur->next;
	}
	*entering = 0;
	return cur->parent;
}

/* Writes s as a C-like quoted string. */
static void
S_dump_quoted(struct buf *b, const char *s, size_t n)
{
	size_t i;

	buf_putc(b, '"');
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '"' || c == '\\') {
			buf_putc(b, '\\');
			buf_putc(b, c);
		} else if (c == '\n')
			BUF_PUTSL(b, "\\n");
		else if (c == '\t')
			BUF_PUTSL(b, "\\t");
		else if (c < 0x20 || c == 0x7f)
			buf_printf(b, "\\x%02x", c);
		else
			buf_putc(b, c);
	}
	buf_putc(b, '"');
}

static void
S_dump_attr(struct buf *b, const char *name, const char *value)
{
	if (value == NULL)
		return;
	buf_printf(b, " %s=", name);
	S_dump_quoted(b, value, strlen(value));
}

/*
 * One node a line, two spaces of indent per level; elements as their tag
 * name and attributes (id, class, href, then the others in order), text
 * quoted.
 */
void
doc_dump(struct buf *b, const struct doc_node *root)
{
	struct doc_node *n = NULL;
	int entering = 0, depth = 0, i;
	size_t k;

	while ((n = doc_next(root, n, &entering)) != NULL) {
		if (!entering) {
			depth--;
			continue;
		}
		for (i = 0; i < depth; i++)
			BUF_PUTSL(b, "  ");
		if (n->tag == DOC_TEXT) {
			S_dump_quoted(b, n->text ? n->text : "", n->len);
			buf_putc(b, '\n');
			continue;
		}
		buf_puts(b, n->tag < DOC__MAX ? doc_tag_name[n->tag] : "?");
		S_dump_attr(b, "id", n->id);
		S_dump_attr(b, "class", n->cls);
		S_dump_attr(b, "href", n->href);
		for (k = 0; k < n->nattrs; k++)
			S_dump_attr(b, n->attrs[k].name, n->attrs[k].value);
		buf_putc(b, '\n');
		depth++;
	}
}

int
doc_has_class(const struct doc_node *n, const char *cls)
{
	const char *s = n->cls;
	size_t len = strlen(cls);

	while (s && *s) {
		while (*s == ' ')
			s++;
		if (strncmp(s, cls, len) == 0 && (s[len] == ' ' ||
		    s[len] == '\0'))
			return 1;
		while (*s && *s != ' ')
			s++;
	}
	return 0;
}

void
doc_plain_text(const struct doc_node *n, struct buf *b)
{
	struct doc_node *c = NULL;
	int entering, ws = 0;
	size_t i;

	while ((c = doc_next(n, c, &entering)) != NULL) {
		if (!entering || c->tag != DOC_TEXT)
			continue;
		for (i = 0; i < c->len; i++) {
			char ch = c->text[i];

			if (ch == ' ' || ch == '\n' || ch == '\t' ||
			    ch == '\r') {
				ws = 1;
				continue;
			}
			if (ws && b->len > 0)
				buf_putc(b, ' ');
			ws = 0;
			buf_putc(b, ch);
		}
	}
}
