/*
 * md.c — loads a role written in Markdown with YAML front matter
 * (docs/content-format.md, "Roles in Markdown") into struct rb_role.
 *
 * The front matter is md_front.c's; the body is read here: the lines a
 * pasted job description holds are looked at first (headings without '##',
 * tables, brackets), then cmark-gfm (table extension, safe mode) parses it
 * and its tree is walked into the sections.  Every rich field is built through
 * struct rich (model/rich.h) so that the same role written in XML yields
 * byte-identical strings.  Every problem goes to struct diag with the real
 * file line and a 1-based column counted in characters.
 */
#include <ctype.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <cmark-gfm.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm-core-extensions.h>
#include "../util/util.h"
#include "../util/diag.h"
#include "../util/url.h"
#include "../model/model.h"
#include "../model/rich.h"
#include "../model/fields.h"
#include "../model/msg.h"
#include "../validate/validate.h"
#include "load.h"
#include "xml.h"
#include "md_int.h"

/* The sections of a role: the section fields of the table (fields.h), in
 * its order, then an extra section and one to skip (a repeated one). */
enum S_sect {
	S_SUMMARY, S_DUTIES, S_STANDARDS, S_RELATIONS, S_AUTHORITIES,
	S_QUALS, S_REPORTS, S_NSECT,
	S_OTHER = S_NSECT, S_SKIP
};
#define S_FIELD(sect)	((enum rb_field)((int)(sect) + RB_F_SUMMARY))
_Static_assert(RB_F_REPORTS - RB_F_SUMMARY + 1 == S_NSECT, "sections");


/* ---------------------------------------------------------------- utils */


/* Nearest of the NULL-terminated keys to s within distance 2, or NULL. */
static const char *
S_suggest(const char *s, const char *const *keys)
{
	const char *best = NULL;
	int bd = 3, k;

	for (; *keys; keys++)
		if ((k = str_distance(s, *keys)) < bd) {
			bd = k;
			best = *keys;
		}
	return best;
}

/* Warns that key is not an attribute of items id, naming the nearest. */
void
md_unknown_attr(struct md_ctx *c, const struct rb_pos *p,
    const struct rb_itemdef *id, const char *key)
{
	const char *names[8];
	const char *sug;
	int k;

	for (k = 0; k < id->nattrs && k < 7; k++)
		names[k] = id->attrs[k].name;
	names[k] = NULL;
	if ((sug = S_suggest(key, names)) != NULL)
		rb_msg(c->d, MSG_W_ATTR_NEAR, p, id->what, key, sug);
	else
		rb_msg(c->d, MSG_W_ATTR_UNKNOWN, p, id->what, key);
}

/* Position of 1-based file line and 1-based byte column, in characters. */
struct rb_pos
md_filepos(struct md_ctx *c, int line, int bytecol)
{
	struct rb_pos p;

	p.file = c->file;
	p.line = line;
	p.col = 0;
	if (line >= 1 && line <= c->nlines && bytecol >= 1)
		p.col = utf8_col_valid(&c->cols, c->data +
		    c->lines[line - 1], bytecol);
	return p;
}

/* Position of a cmark node (start), mapped to the real file. */
static struct rb_pos
S_npos(struct md_ctx *c, cmark_node *n)
{
	int l = cmark_node_get_start_line(n);

	while (l <= 0 && cmark_node_parent(n) != NULL) {
		n = cmark_node_parent(n);
		l = cmark_node_get_start_line(n);
	}
	return md_filepos(c, l + c->body_off, cmark_node_get_start_column(n));
}

/*
 * Trims white space at both ends of s[0..*n): ASCII, and the ideographic
 * space and NBSP that align pasted label lines ("直接上级：　业务经理");
 * returns the new start.
 */
const char *
md_trim(const char *s, size_t *n)
{
	size_t b;

	do {
		for (b = 0; b < *n && isspace((unsigned char)s[b]); b++)
			continue;
		b += utf8_blank_len(s + b, *n - b);
		s += b;
		*n -= b;
	} while (b > 0);
	do {
		for (b = 0; b < *n && isspace((unsigned char)s[*n - 1 - b]); b++)
			continue;
		b += utf8_blank_rlen(s, *n - b);
		*n -= b;
	} while (b > 0);
	return s;
}

/* ------------------------------------------------------------ markdown */

/* Warns that raw HTML at node n was dropped. */
static void
S_html(struct md_ctx *c, cmark_node *n)
{
	struct rb_pos p = S_npos(c, n);

	rb_msg(c->d, MSG_W_RAW_HTML, &p);
}

/* Reports nesting beyond MD_MAX_DEPTH once; returns 1 when too deep. */
static int
S_too_deep(struct md_ctx *c, cmark_node *n, int depth)
{
	struct rb_pos p;

	if (depth <= MD_MAX_DEPTH)
		return 0;
	if (!c->deep) {
		p = S_npos(c, n);
		rb_msg(c->d, MSG_E_TOO_DEEP, &p, MD_MAX_DEPTH,
		    rb_limit_hint(RB_LIM_DEPTH));
		c->deep = 1;
	}
	return 1;
}

/*
 * Feeds the inline children of n to r, honouring c->skip_node/skip_len
 * (drop a prefix) and c->cut_node/cut_len (drop a suffix and every later
 * sibling).
 */
/*
 * Does text node n start a line of its own: a number ("2、", "（3）") or a
 * short label and a colon ("环境状况：", "年龄:"), as pasted lines of a
 * Word text are?  Their line breaks are kept (never run together).
 */
static int
S_own_line(cmark_node *n)
{
	const char *s;
	size_t i, k;
	uint32_t cp;

	if (n == NULL || cmark_node_get_type(n) != CMARK_NODE_TEXT)
		return 0;
	s = cmark_node_get_literal(n);
	if (rb_num_prefix(s, strnlen(s, 48), NULL) > 0)
		return 1;
	for (i = 0, k = 0; s[i] != '\0' && k <= 6; k++) {
		i += utf8_decode(s + i, strnlen(s + i, 4), &cp);
		if (cp == 0xFF1A || cp == ':')		/* ： : */
			return k >= 1;
		if (cp < 0x80 ? !isalnum((int)cp) && cp != ' ' :
		    cp < 0x4E00 || cp > 0x9FFF)
			return 0;	/* punctuation: a sentence */
	}
	return 0;
}

static void	S_inline_seq(struct md_ctx *, struct rich *, cmark_node *,
		    cmark_node *, int);

static void
S_inlines(struct md_ctx *c, struct rich *r, cmark_node *n, int depth)
{
	if (S_too_deep(c, n, depth))
		return;
	S_inline_seq(c, r, cmark_node_first_child(n), NULL, depth);
}

/* The same for the sibling inlines from first to last (NULL: to the end). */
static void
S_inline_seq(struct md_ctx *c, struct rich *r, cmark_node *first,
    cmark_node *last, int depth)
{
	cmark_node *ch;
	const char *s, *url;
	size_t len;
	struct rb_pos p;
	enum url_verdict uv;

	for (ch = first; ch && !diag_full(c->d);
	    ch = ch == last ? NULL : cmark_node_next(ch)) {
		switch (cmark_node_get_type(ch)) {
		case CMARK_NODE_TEXT:
			s = cmark_node_get_literal(ch);
			len = strlen(s);
			if (ch == c->cut_node && c->cut_len < len)
				len = c->cut_len;
			if (ch == c->skip_node) {
				if (c->skip_len >= len)
					len = 0;
				else {
					s += c->skip_len;
					len -= c->skip_len;
				}
			}
			rich_text(r, s, len);
			break;
		case CMARK_NODE_SOFTBREAK:
			/* In a list item, the next line is shown as one; so
			 * is a line starting with a number or a label. */
			if (c->soft_br || S_own_line(cmark_node_next(ch)))
				rich_br(r);
			else
				rich_text(r, "\n", 1);
			break;
		case CMARK_NODE_LINEBREAK:
			rich_br(r);
			break;
		case CMARK_NODE_CODE:
			s = cmark_node_get_literal(ch);
			rich_open(r, "code", NULL);
			rich_text(r, s, strlen(s));
			rich_close(r, "code");
			break;
		case CMARK_NODE_EMPH:
			rich_open(r, "em", NULL);
			S_inlines(c, r, ch, depth + 1);
			rich_close(r, "em");
			break;
		case CMARK_NODE_STRONG:
			rich_open(r, "strong", NULL);
			S_inlines(c, r, ch, depth + 1);
			rich_close(r, "strong");
			break;
		case CMARK_NODE_LINK:
			url = cmark_node_get_url(ch);
			if (url == NULL)
				url = "";
			if ((uv = url_check(url, strlen(url))) != URL_OK) {
				struct buf m = BUF_INIT;

				url_why(&m, url, uv);
				p = S_npos(c, ch);
				rb_msg(c->d, MSG_W_LINK, &p, m.data);
				buf_free(&m);
				S_inlines(c, r, ch, depth + 1);
				break;
			}
			rich_open(r, "a", url);
			S_inlines(c, r, ch, depth + 1);
			rich_close(r, "a");
			break;
		case CMARK_NODE_IMAGE:
			p = S_npos(c, ch);
			rb_msg(c->d, MSG_W_IMAGE, &p);
			S_inlines(c, r, ch, depth + 1);
			break;
		case CMARK_NODE_HTML_INLINE:
			S_html(c, ch);
			break;
		default:
			/* Extension inlines (none attached) and footnotes. */
			S_inlines(c, r, ch, depth + 1);
			break;
		}
		if (ch == c->cut_node)
			break;
	}
}

/* Appends the plain text of n's inlines to b (soft breaks become spaces). */
static void	S_plain_seq(struct md_ctx *, struct buf *, cmark_node *,
		    cmark_node *, int);

static void
S_plain(struct md_ctx *c, struct buf *b, cmark_node *n, int depth)
{
	if (S_too_deep(c, n, depth))
		return;
	S_plain_seq(c, b, cmark_node_first_child(n), NULL, depth);
}

/* The same for the sibling inlines from first to last (NULL: to the end). */
static void
S_plain_seq(struct md_ctx *c, struct buf *b, cmark_node *first,
    cmark_node *last, int depth)
{
	cmark_node *ch;

	for (ch = first; ch && !diag_full(c->d);
	    ch = ch == last ? NULL : cmark_node_next(ch))
		switch (cmark_node_get_type(ch)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
			buf_puts(b, cmark_node_get_literal(ch));
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			buf_putc(b, ' ');
			break;
		case CMARK_NODE_HTML_INLINE:
			S_html(c, ch);
			break;
		default:
			S_plain(c, b, ch, depth + 1);
			break;
		}
}

static void	S_blocks(struct md_ctx *, struct rich *, cmark_node *, int, int);

/* Renders a GFM table node as table/thead/tbody. */
static void
S_table(struct md_ctx *c, struct rich *r, cmark_node *t, int depth)
{
	cmark_node *row, *cell;
	int body = 0, head;

	rich_open(r, "table", NULL);
	for (row = cmark_node_first_child(t); row && !diag_full(c->d);
	    row = cmark_node_next(row)) {
		head = strcmp(cmark_node_get_type_string(row),
		    "table_header") == 0;
		if (head)
			rich_open(r, "thead", NULL);
		else if (!body) {
			rich_open(r, "tbody", NULL);
			body = 1;
		}
		rich_open(r, "tr", NULL);
		for (cell = cmark_node_first_child(row); cell;
		    cell = cmark_node_next(cell)) {
			rich_open(r, head ? "th" : "td", NULL);
			S_inlines(c, r, cell, depth + 2);
			rich_close(r, head ? "th" : "td");
		}
		rich_close(r, "tr");
		if (head)
			rich_close(r, "thead");
	}
	if (body)
		rich_close(r, "tbody");
	rich_close(r, "table");
}

static void	S_block(struct md_ctx *, struct rich *, cmark_node *, int, int);

/*
 * An ordered list that starts at another number than 1 ("2. 乐观向上…"
 * after "三、心理素质:1. 自信心…"): an <ol> would number it from 1, so each
 * item is a paragraph that keeps its number, its other blocks after it.
 */
static void
S_numbered_lines(struct md_ctx *c, struct rich *r, cmark_node *n, int depth)
{
	cmark_node *it, *ch;
	char num[32];
	int k = cmark_node_get_list_start(n);

	for (it = cmark_node_first_child(n); it != NULL && !diag_full(c->d);
	    it = cmark_node_next(it), k++) {
		snprintf(num, sizeof(num), "%d%c ", k,
		    cmark_node_get_list_delim(n) == CMARK_PAREN_DELIM ? ')' : '.');
		rich_open(r, "p", NULL);
		rich_text(r, num, strlen(num));
		ch = cmark_node_first_child(it);
		if (ch != NULL &&
		    cmark_node_get_type(ch) == CMARK_NODE_PARAGRAPH) {
			S_inlines(c, r, ch, depth + 2);
			ch = cmark_node_next(ch);
		}
		rich_close(r, "p");
		for (; ch != NULL; ch = cmark_node_next(ch))
			S_block(c, r, ch, depth + 1, 0);
	}
}

/* Renders one block node n into r (block context).  tight: inside a tight
 * list item, paragraphs lose their <p>. */
static void
S_block(struct md_ctx *c, struct rich *r, cmark_node *n, int depth, int tight)
{
	struct rb_pos p;
	const char *s, *tag;
	int lvl;

	if (S_too_deep(c, n, depth))
		return;
	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_PARAGRAPH:
		if (!tight)
			rich_open(r, "p", NULL);
		S_inlines(c, r, n, depth + 1);
		if (!tight)
			rich_close(r, "p");
		break;
	case CMARK_NODE_LIST:
		if (cmark_node_get_list_type(n) == CMARK_ORDERED_LIST &&
		    cmark_node_get_list_start(n) != 1) {
			S_numbered_lines(c, r, n, depth);
			break;
		}
		tag = cmark_node_get_list_type(n) == CMARK_ORDERED_LIST ?
		    "ol" : "ul";
		rich_open(r, tag, NULL);
		S_blocks(c, r, n, depth + 1, cmark_node_get_list_tight(n));
		rich_close(r, tag);
		break;
	case CMARK_NODE_ITEM:
		rich_open(r, "li", NULL);
		S_blocks(c, r, n, depth + 1, tight);
		rich_close(r, "li");
		break;
	case CMARK_NODE_BLOCK_QUOTE:
		rich_open(r, "blockquote", NULL);
		S_blocks(c, r, n, depth + 1, 0);
		rich_close(r, "blockquote");
		break;
	case CMARK_NODE_CODE_BLOCK:
		s = cmark_node_get_literal(n);
		rich_open(r, "pre", NULL);
		rich_text(r, s, strlen(s));
		rich_close(r, "pre");
		break;
	case CMARK_NODE_HEADING:
		lvl = cmark_node_get_heading_level(n);
		if (lvl <= 2)
			break;	/* '#' is ignored; '##' never gets here */
		tag = lvl == 3 ? "h3" : "h4";
		rich_open(r, tag, NULL);
		S_inlines(c, r, n, depth + 1);
		rich_close(r, tag);
		break;
	case CMARK_NODE_HTML_BLOCK:
		S_html(c, n);
		break;
	case CMARK_NODE_THEMATIC_BREAK:
		p = S_npos(c, n);
		rb_msg(c->d, MSG_W_HRULE, &p);
		break;
	default:
		if (strcmp(cmark_node_get_type_string(n), "table") == 0) {
			S_table(c, r, n, depth + 1);
			break;
		}
		p = S_npos(c, n);
		rb_msg(c->d, MSG_W_MD_BLOCK, &p,
		    cmark_node_get_type_string(n));
		break;
	}
}

/* Renders every child block of n. */
static void
S_blocks(struct md_ctx *c, struct rich *r, cmark_node *n, int depth, int tight)
{
	cmark_node *ch;

	for (ch = cmark_node_first_child(n); ch && !diag_full(c->d);
	    ch = cmark_node_next(ch))
		S_block(c, r, ch, depth, tight);
}

/*
 * One list item: a run of lines of a paragraph (the top-level inlines
 * first..last, the breaks between them included).  A numbered line starts
 * an item; the lines after it without a number of the same family continue
 * it, shown with a line break.
 */
struct S_span {
	cmark_node	*para;
	cmark_node	*first, *last;
	size_t		 skip;		/* bytes of first dropped: its number */
	int		 line;		/* file line of the first line */
	int		 nlines;
	int		 col;		/* of the first line, in characters */
};

/* Is a byte string at s one of the NULL-ended alternatives? Length or 0. */
static size_t
S_oneof(const char *s, const char *const *alts)
{
	size_t n;

	for (; *alts; alts++)
		if (**alts == *s && strncmp(s, *alts, n = strlen(*alts)) == 0)
			return n;
	return 0;
}

static const char *const S_open[] = { "{", "\xEF\xBD\x9B", NULL };	/* { ｛ */
static const char *const S_eqs[] = { "=", "\xEF\xBC\x9D", ":",
	"\xEF\xBC\x9A", NULL };						/* = ＝ : ： */

/* Last opening brace ({ or ｛, EF BD 9B) in s[0..n), or NULL. */
static const char *
S_last_open(const char *s, size_t n)
{
	const char *p;

	for (p = s + n; p > s; p--) {
		if (p[-1] == '{')
			return p - 1;
		if ((unsigned char)p[-1] == 0x9B && p - s >= 3 &&
		    (unsigned char)p[-3] == 0xEF && (unsigned char)p[-2] == 0xBD)
			return p - 3;
	}
	return NULL;
}

/*
 * Finds a trailing attribute block "{k=v ...}" (braces, equals signs and
 * colons ASCII or full width) at the end of item sp.  On success sets
 * c->cut_node/cut_len so that rendering stops before it, stores its inside
 * in *attr (caller frees) and returns 1.
 */
static int
S_find_attrs(struct md_ctx *c, const struct S_span *sp, char **attr)
{
	cmark_node *last = sp->last, *first = last, *n;
	struct buf b = BUF_INIT;
	const char *s, *brace, *q, *end;
	size_t len, off, nl, cl;
	int eq = 0;

	if (last == NULL || cmark_node_get_type(last) != CMARK_NODE_TEXT)
		return 0;
	/* Most items have no block: their last text ends otherwise. */
	s = cmark_node_get_literal(last);
	len = strlen(s);
	while (len > 0 && isspace((unsigned char)s[len - 1]))
		len--;
	if (!(len >= 1 && s[len - 1] == '}') && !(len >= 3 &&
	    memcmp(s + len - 3, "\xEF\xBD\x9D", 3) == 0))
		return 0;
	while (first != sp->first && cmark_node_previous(first) != NULL &&
	    cmark_node_get_type(cmark_node_previous(first)) == CMARK_NODE_TEXT)
		first = cmark_node_previous(first);
	for (n = first; n; n = n == last ? NULL : cmark_node_next(n))
		buf_puts(&b, cmark_node_get_literal(n));
	len = b.len;
	s = md_trim(b.data, &len);
	if (len >= 1 && s[len - 1] == '}')
		cl = 1;
	else if (len >= 3 && memcmp(s + len - 3, "\xEF\xBD\x9D", 3) == 0)
		cl = 3;					/* ｝ */
	else
		cl = 0;
	if (cl == 0 || (brace = S_last_open(s, len - cl)) == NULL) {
		buf_free(&b);
		return 0;
	}
	end = s + len - cl;
	for (q = brace; q < end && !eq; q++)
		eq = S_oneof(q, S_eqs) != 0;
	if (!eq) {
		buf_free(&b);
		return 0;
	}
	q = brace + S_oneof(brace, S_open);
	*attr = xstrndup(q, (size_t)(end - q));
	/* Map the brace's offset back onto a text node. */
	off = (size_t)(brace - b.data);
	for (n = first; n; n = n == last ? NULL : cmark_node_next(n)) {
		nl = strlen(cmark_node_get_literal(n));
		if (off <= nl)
			break;
		off -= nl;
	}
	c->cut_node = n;
	c->cut_len = off;
	buf_free(&b);
	return 1;
}

/* Start and end (before '\n' and '\r') of 1-based file line l. */
static const char *
S_fline(const struct md_ctx *c, int l, const char **e)
{
	const char *ls = c->data + c->lines[l - 1], *le;

	le = memchr(ls, '\n', (size_t)(c->data + c->len - ls));
	if (le == NULL)
		le = c->data + c->len;
	if (le > ls && le[-1] == '\r')
		le--;
	*e = le;
	return ls;
}

/*
 * Where the attribute block of item sp starts: the last source line of the
 * item and the byte offset on it just past the block's opening brace; -1
 * when not found.  An attribute's place is that plus its offset in the
 * block (the line is searched once per block, not once per attribute).
 */
static long
S_attr_start(struct md_ctx *c, const struct S_span *sp, int *line)
{
	const char *ls, *le, *br;

	*line = sp->line + sp->nlines - 1;
	if (*line < 1 || *line > c->nlines)
		return -1;
	ls = S_fline(c, *line, &le);
	if ((br = S_last_open(ls, (size_t)(le - ls))) == NULL)
		return -1;
	return (long)(br - ls) + (long)S_oneof(br, S_open);
}

/* Is the code point at s a blank (ASCII white space or U+3000)? Length. */
static size_t
S_blank1(const char *s)
{
	if (isspace((unsigned char)*s))
		return 1;
	/* byte by byte: s may end (NUL) before 3 bytes; memcmp reads all 3 */
	if ((unsigned char)s[0] == 0xE3 && (unsigned char)s[1] == 0x80 &&
	    (unsigned char)s[2] == 0x80)
		return 3;
	return 0;
}

/*
 * Parses the inside of item sp's attribute block into item it (of id):
 * each key=value names an attribute by its name or a Markdown alias
 * (src/model/fields.c).  Their rules: val_role(), for both formats.
 */
static void
S_attrs(struct md_ctx *c, const struct S_span *sp, const char *a,
    const struct rb_itemdef *id, void *it)
{
	const struct rb_attrdef *ad;
	const char *k, *ke, *v, *ve, *a0 = a;
	struct rb_str *dst;
	struct rb_pos p;
	char *key;
	size_t l;
	int line;
	long start = S_attr_start(c, sp, &line);

	while (!diag_full(c->d)) {
		while ((l = S_blank1(a)) > 0)
			a += l;
		if (*a == '\0')
			break;
		k = a;
		while (*a != '\0' && !S_oneof(a, S_eqs) && !S_blank1(a))
			a++;
		ke = a;
		key = xstrndup(k, (size_t)(ke - k));
		if (start >= 0)
			p = md_filepos(c, line, (int)(start + (k - a0)) + 1);
		else {
			p = md_filepos(c, sp->line, 1);
			p.col = sp->col;
		}
		if ((l = S_oneof(a, S_eqs)) == 0) {
			rb_msg(c->d, MSG_E_ATTR_NO_VALUE, &p, key, key);
			free(key);
			continue;
		}
		a += l;
		if (*a == '"') {
			v = ++a;
			while (*a != '\0' && *a != '"')
				a++;
			ve = a;
			if (*a == '"')
				a++;
		} else {
			v = a;
			while (*a != '\0' && !S_blank1(a))
				a++;
			ve = a;
		}
		if ((ad = rb_item_attr(id, key, strlen(key))) == NULL ||
		    (dst = rb_item_str(it, ad)) == NULL)
			md_unknown_attr(c, &p, id, key);
		else if (dst->s != NULL)
			rb_msg(c->d, MSG_E_ATTR_TWICE, &p, key);
		else
			rb_str_set(dst, v, (size_t)(ve - v), &p);
		free(key);
	}
}

/*
 * Checks that list item it (an item of section sect, or with sub set one
 * of its sub-items) holds exactly one paragraph; returns it, or NULL after
 * reporting what it holds instead.
 */
static cmark_node *
S_item_para(struct md_ctx *c, cmark_node *it, enum S_sect sect, int sub)
{
	const struct rb_itemdef *id = rb_fields[S_FIELD(sect)].item;
	const char *field = rb_fields[S_FIELD(sect)].name;
	cmark_node *p = cmark_node_first_child(it);
	struct rb_pos pos;

	if (p != NULL && cmark_node_get_type(p) == CMARK_NODE_PARAGRAPH &&
	    cmark_node_next(p) == NULL)
		return p;
	if (p == NULL) {
		/* One error for an empty item (not also "no duties"). */
		pos = S_npos(c, it);
		if (sub)
			rb_msg(c->d, MSG_E_SUB_EMPTY, &pos);
		else if (id->textreq)
			rb_msg(c->d, MSG_E_ITEM_EMPTY, &pos, id->what);
		else
			rb_msg(c->d, MSG_E_LIST_ITEM_EMPTY, &pos);
		return NULL;
	}
	pos = S_npos(c, cmark_node_get_type(p) == CMARK_NODE_PARAGRAPH &&
	    cmark_node_next(p) ? cmark_node_next(p) : it);
	if (sub)
		rb_msg(c->d, MSG_E_SUB_SHAPE, &pos, field);
	else if (id->soff != RB_NONE)
		rb_msg(c->d, MSG_E_ITEM_SHAPE_SUBS, &pos, field);
	else
		rb_msg(c->d, MSG_E_ITEM_SHAPE, &pos);
	return NULL;
}

/* Position of item sp. */
static struct rb_pos
S_span_pos(const struct md_ctx *c, const struct S_span *sp)
{
	struct rb_pos p;

	p.file = c->file;
	p.line = sp->line;
	p.col = sp->col;
	return p;
}

/* Renders item sp as an inline rich string into dst; 0 when empty. */
static int
S_rich_inline(struct md_ctx *c, const struct S_span *sp, struct rb_str *dst)
{
	struct rich r;
	struct rb_pos p = S_span_pos(c, sp);
	char *s;
	int empty;

	rich_init(&r);
	if (sp->skip > 0) {
		c->skip_node = sp->first;
		c->skip_len = sp->skip;
	}
	c->soft_br = 1;
	S_inline_seq(c, &r, sp->first, sp->last, 1);
	c->soft_br = 0;
	s = rich_finish(&r);
	empty = *s == '\0';
	rb_str_set(dst, s, strlen(s), &p);
	free(s);
	c->cut_node = c->skip_node = NULL;
	c->cut_len = c->skip_len = 0;
	return !empty;
}

/* Does s[0..n) hold a comma, semicolon, 、 or 。 (ASCII or full width)? */
static int
S_sentence(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s, *e = p + n;

	for (; p < e; p++)
		if (*p == ',' || *p == ';')
			return 1;
		else if (*p == 0xEF && e - p >= 3 && p[1] == 0xBC &&
		    (p[2] == 0x8C || p[2] == 0x9B))		/* ， ； */
			return 1;
		else if (*p == 0xE3 && e - p >= 3 && p[1] == 0x80 &&
		    (p[2] == 0x81 || p[2] == 0x82))		/* 、 。 */
			return 1;
	return 0;
}

/*
 * For relations and qualifications: finds "label：" or "label:" (at most
 * 24 characters, no comma or sentence mark in it) at the start of item
 * sp, after its number.  Returns the label's length and sets *colon to
 * the length up to and past the colon, or returns 0.
 */
static size_t
S_label(const struct S_span *sp, const char **label, size_t *colon)
{
	const char *s, *cl, *fw;
	size_t n, w;

	if (sp->first == NULL ||
	    cmark_node_get_type(sp->first) != CMARK_NODE_TEXT)
		return 0;
	s = cmark_node_get_literal(sp->first);
	if (strlen(s) < sp->skip)
		return 0;
	s += sp->skip;
	cl = strchr(s, ':');
	fw = strstr(s, "：");
	if (fw != NULL && (cl == NULL || fw < cl)) {
		cl = fw;
		w = 3;
	} else
		w = 1;
	if (cl == NULL || cl == s)
		return 0;
	n = (size_t)(cl - s);
	s = md_trim(s, &n);
	if (n == 0 || utf8_count(s, n) > 24 || S_sentence(s, n))
		return 0;
	*label = s;
	*colon = (size_t)(cl - cmark_node_get_literal(sp->first)) -
	    sp->skip + w;
	return n;
}

/*
 * Splits the plain text of item sp into its attributes, in the order of
 * the field table, separated by '|' or '｜' (a report: 名称 | 频率 | 截止 |
 * 报送对象).  An empty field is an attribute not given.
 */
static void
S_fields(struct md_ctx *c, const struct rb_itemdef *id, const struct S_span *sp)
{
	struct buf t = BUF_INIT, names = BUF_INIT;
	struct rb_pos ip = S_span_pos(c, sp);
	const struct rb_attrdef *a;
	const char *f[8], *s, *bar, *fw;
	size_t fl[8], nf = 0, n, w;
	void *it;
	char *v;
	int k, e[8], bad = 0;

	S_plain_seq(c, &t, sp->first, sp->last, 1);
	s = t.data != NULL ? t.data : "";
	s += sp->skip <= t.len ? sp->skip : 0;
	for (;;) {
		bar = strchr(s, '|');
		fw = strstr(s, "｜");
		w = 1;
		if (fw != NULL && (bar == NULL || fw < bar)) {
			bar = fw;
			w = 3;
		}
		n = bar != NULL ? (size_t)(bar - s) : strlen(s);
		if (nf < 8) {
			fl[nf] = n;
			f[nf] = md_trim(s, &fl[nf]);
		}
		nf++;
		if (bar == NULL)
			break;
		s = bar + w;
	}
	if (nf != (size_t)id->nattrs) {
		for (k = 0; k < id->nattrs; k++)
			buf_printf(&names, "%s%s", k ? " | " : "",
			    id->attrs[k].label);
		rb_msg(c->d, MSG_E_FIELDS, &ip, id->what, id->nattrs,
		    names.data, nf);
		goto out;
	}
	/* Enumerated fields first: an item is kept when they are valid. */
	for (k = 0; k < id->nattrs; k++) {
		a = &id->attrs[k];
		if (a->kind != RB_AK_ENUM)
			continue;
		v = xstrndup(f[k], fl[k]);
		if (fl[k] == 0 && (a->flags & RB_AF_REQUIRED))
			val_item_missing(c->d, id, a, &ip);
		e[k] = fl[k] == 0 ? 0 : val_item_enum(c->d, id, a, v, &ip, 0);
		free(v);
		if (e[k] < 0 || (fl[k] == 0 && (a->flags & RB_AF_REQUIRED)))
			bad = 1;
	}
	if (bad)
		goto out;
	it = rb_list_add(c->role, id);
	*(struct rb_pos *)(void *)((char *)it + id->poff) = ip;
	for (k = 0; k < id->nattrs; k++) {
		a = &id->attrs[k];
		if (a->kind == RB_AK_ENUM)
			*rb_item_int(it, a) = e[k];
		else if (fl[k] > 0 || (a->flags & RB_AF_REQUIRED))
			rb_str_set(rb_item_str(it, a), f[k], fl[k], &ip);
	}
out:
	buf_free(&names);
	buf_free(&t);
}

/* The first enumerated attribute of items id (a relation's kind), or NULL. */
static const struct rb_attrdef *
S_enum_attr(const struct rb_itemdef *id)
{
	int k;

	for (k = 0; k < id->nattrs; k++)
		if (id->attrs[k].kind == RB_AK_ENUM)
			return &id->attrs[k];
	return NULL;
}

/*
 * Reads the label of item sp (所受监督：…, 学历：…) into it's enumerated
 * attribute a, skipping it; a label that is none of a's names, when a is
 * optional, goes to the item's first text attribute (年龄：…).  Returns 1
 * when a is set, 0 when not (to be inferred), -1 when a is required and
 * sp has no label naming it (reported).
 */
static int
S_labelled(struct md_ctx *c, const struct rb_itemdef *id,
    const struct rb_attrdef *a, struct S_span *sp, void **itp)
{
	struct rb_pos p = S_span_pos(c, sp);
	const char *lab = NULL;
	size_t ln, colon = 0;
	int kind = -1, k;

	if (c->tlabel != NULL) {		/* a table row's first cell */
		lab = c->tlabel;
		ln = c->tlabel_len;
	} else
		ln = S_label(sp, &lab, &colon);
	if (ln > 0)
		kind = a->parse(lab, ln);
	if (kind < 0 && (a->flags & RB_AF_REQUIRED)) {
		rb_msg(c->d, MSG_E_LABEL, &p, id->what, a->hint);
		return -1;
	}
	*itp = rb_list_add(c->role, id);
	if (kind >= 0) {
		sp->skip += colon;
		*rb_item_int(*itp, a) = kind;
		return 1;
	}
	for (k = 0; k < id->nattrs; k++)
		if (id->attrs[k].kind == RB_AK_TEXT)
			break;
	/* Its own label (年龄：…): kept, when short (or a table's). */
	if (ln > 0 && k < id->nattrs && (c->tlabel != NULL ||
	    utf8_count(lab, ln) <= 5)) {
		sp->skip += colon;
		rb_str_set(rb_item_str(*itp, &id->attrs[k]), lab, ln, &p);
	}
	return 0;
}

/*
 * Warns when item sp, numbered n (1、 1. 1．), holds the next number after
 * a sentence mark on its first line ("…制度.2、保持…", "…；3、…"): a
 * run of items pasted on one line, read as one item.
 */
static void
S_runon(struct md_ctx *c, const struct S_span *sp)
{
	const char *s, *q;
	size_t i, n, b;
	long v = 0, w;
	struct rb_pos p;

	if (sp->skip == 0 || sp->first == NULL ||
	    cmark_node_get_type(sp->first) != CMARK_NODE_TEXT)
		return;
	s = cmark_node_get_literal(sp->first);
	n = strlen(s);
	b = utf8_blank_len(s, n);
	for (i = b; i < sp->skip && i < b + 4 && isdigit((unsigned char)s[i]);
	    i++)
		v = v * 10 + (s[i] - '0');
	if (i == b || i >= sp->skip)
		return;
	for (i = sp->skip; i < n; i++) {
		q = s + i;
		if (!(*q == '.' || *q == ';' || *q == ',' || (n - i >= 3 &&
		    (memcmp(q, "。", 3) == 0 || memcmp(q, "；", 3) == 0 ||
		    memcmp(q, "，", 3) == 0))))
			continue;
		q += (unsigned char)*q < 0x80 ? 1 : 3;
		for (w = 0; q < s + n && isdigit((unsigned char)*q) &&
		    w < 10000; q++)
			w = w * 10 + (*q - '0');
		/* s is NUL-ended: q[1] and a failed 3-byte compare stop at
		 * the NUL; "、" needs its 3 bytes before it. */
		if (w != v + 1 || q >= s + n || (q[0] != '.' &&
		    (s + n - q < 3 || (memcmp(q, "、", 3) != 0 &&
		    memcmp(q, "．", 3) != 0))) ||
		    (q[0] == '.' && isdigit((unsigned char)q[1])))
			continue;
		p = S_span_pos(c, sp);
		p.col += (int)utf8_count(s + sp->skip, i + 1 - sp->skip) +
		    (int)utf8_count(s, sp->skip);
		rb_msg(c->d, MSG_W_ITEM_RUNON, &p, (int)(v + 1), (int)v);
		return;
	}
}

/*
 * Reads one item of list field f as the field table describes its
 * Markdown form (src/model/fields.c): a text, with an attribute block at
 * its end, a label at its start, or fields between '|'.
 */
static void
S_one_item(struct md_ctx *c, enum S_sect sect, struct S_span *sp)
{
	const struct rb_itemdef *id = rb_fields[S_FIELD(sect)].item;
	const struct rb_attrdef *en = S_enum_attr(id);
	struct rb_pos p = S_span_pos(c, sp);
	void *it = NULL;
	char *attr = NULL;
	int set = 1;

	S_runon(c, sp);
	switch (id->md) {
	case RB_MD_FIELDS:
		S_fields(c, id, sp);
		return;
	case RB_MD_LABEL:
		if ((set = S_labelled(c, id, en, sp, &it)) < 0)
			return;
		break;
	case RB_MD_BLOCK:
		it = rb_list_add(c->role, id);
		if (S_find_attrs(c, sp, &attr)) {
			S_attrs(c, sp, attr, id, it);
			free(attr);
		}
		break;
	default:
		it = rb_list_add(c->role, id);
		break;
	}
	if (!S_rich_inline(c, sp, rb_item_text(it, id)) && id->textreq)
		rb_msg(c->d, MSG_E_ITEM_EMPTY, &p, id->what);
	if (!set && en->infer != NULL)
		rb_item_infer(it, id, en);
}

/*
 * Number prefix of the line starting at node n (a text node), or 0; *kind
 * gets its family ("1、" and "1．" are one: documents mix them).
 */
static size_t
S_line_num(cmark_node *n, enum rb_numkind *kind)
{
	const char *s;
	size_t l;

	*kind = RB_NUM_NONE;
	if (n == NULL || cmark_node_get_type(n) != CMARK_NODE_TEXT)
		return 0;
	s = cmark_node_get_literal(n);
	/* A number prefix is short: 48 bytes are enough to see it. */
	l = rb_num_prefix(s, strnlen(s, 48), kind);
	if (*kind == RB_NUM_DIGIT_DOT)
		*kind = RB_NUM_DIGIT_DUN;
	return l;
}

/*
 * Length of "3." at the start of the line at text node n when 3 is want
 * and a digit follows ("2.2年以上工作经验" after item 1: not the number
 * 2.2), else 0.
 */
static size_t
S_item_before_digit(cmark_node *n, int want)
{
	const char *s;
	size_t d;
	int v = 0;

	if (want <= 0 || n == NULL || cmark_node_get_type(n) != CMARK_NODE_TEXT)
		return 0;
	s = cmark_node_get_literal(n);
	for (d = 0; d < 4 && s[d] >= '0' && s[d] <= '9'; d++)
		v = v * 10 + (s[d] - '0');
	return d > 0 && v == want && s[d] == '.' && s[d + 1] >= '0' &&
	    s[d + 1] <= '9' ? d + 1 : 0;
}

/* Character column of the first non-blank of 1-based file line l. */
static int
S_line_col(const struct md_ctx *c, int l)
{
	const char *ls, *le, *p;

	if (l < 1 || l > c->nlines)
		return 0;
	ls = S_fline(c, l, &le);
	for (p = ls; p < le && (*p == ' ' || *p == '\t' || *p == '>'); p++)
		;
	return (int)utf8_count(ls, (size_t)(p - ls)) + 1;
}

/*
 * Reads sub-item sp of the duty read last (（1） … under 1、 …); an attribute
 * block at its end belongs to the duty.
 */
static void
S_sub_item(struct md_ctx *c, enum S_sect sect, struct S_span *sp)
{
	const struct rb_itemdef *id = rb_fields[S_FIELD(sect)].item;
	struct rb_pos p = S_span_pos(c, sp);
	size_t n = rb_list_len(c->role, id);
	char *attr = NULL;
	void *it;

	if (n == 0 || id->soff == RB_NONE)
		return;
	it = rb_list_item(c->role, id, n - 1);
	if (id->md == RB_MD_BLOCK && S_find_attrs(c, sp, &attr)) {
		S_attrs(c, sp, attr, id, it);
		free(attr);
	}
	if (!S_rich_inline(c, sp, rb_item_add_sub(it, id)))
		rb_msg(c->d, MSG_E_SUB_EMPTY, &p);
}

/* Do the items of section sect have sub-lists? */
static int
S_has_subs(enum S_sect sect)
{
	return rb_fields[S_FIELD(sect)].item->soff != RB_NONE;
}

/*
 * Does the line starting at text node ls start with a label that makes
 * it an item of section sect without a number: "直接上级：总经理" (a
 * relation), "学历：本科" or "年龄：25-40岁" (a qualification)?
 */
static int
S_line_label(enum S_sect sect, cmark_node *ls)
{
	const struct rb_itemdef *id = rb_fields[S_FIELD(sect)].item;
	const struct rb_attrdef *en = S_enum_attr(id);
	struct S_span sp;
	const char *lab, *rest;
	size_t ln, colon;

	memset(&sp, 0, sizeof(sp));
	sp.first = ls;
	if (id->md != RB_MD_LABEL || en == NULL ||
	    (ln = S_label(&sp, &lab, &colon)) == 0)
		return 0;
	/* "以下条件：" alone on its line introduces the items */
	rest = cmark_node_get_literal(ls) + colon;
	if (rest[utf8_blank_len(rest, strlen(rest))] == '\0' &&
	    (cmark_node_next(ls) == NULL ||
	    cmark_node_get_type(cmark_node_next(ls)) == CMARK_NODE_SOFTBREAK ||
	    cmark_node_get_type(cmark_node_next(ls)) == CMARK_NODE_LINEBREAK))
		return 0;
	return en->parse(lab, ln) >= 0 || (!(en->flags & RB_AF_REQUIRED) &&
	    utf8_count(lab, ln) <= 5);
}

/* Is a line numbered kind k, in an item numbered fam, a sub-item of it? */
/*
 * Lines sp without a number right under a heading that holds the first
 * item ("一、职责：1、主管…" and "对未完成…" below): they go on with that
 * item, shown with a line break, as a continuation line does under an
 * item of its own line.
 */
static void
S_cont_item(struct md_ctx *c, enum S_sect sect, struct S_span *sp)
{
	const struct rb_itemdef *id = rb_fields[S_FIELD(sect)].item;
	size_t n = rb_list_len(c->role, id);
	struct rb_str *dst, more;
	char *j;

	if (n == 0 || id->toff == RB_NONE || id->md == RB_MD_FIELDS) {
		S_one_item(c, sect, sp);
		return;
	}
	dst = rb_item_text(rb_list_item(c->role, id, n - 1), id);
	memset(&more, 0, sizeof(more));
	if (S_rich_inline(c, sp, &more)) {
		j = xasprintf("%s<br/>%s", dst->s ? dst->s : "", more.s);
		free(dst->s);
		dst->s = j;
	}
	free(more.s);
}

static int
S_is_sub(enum S_sect sect, enum rb_numkind fam, enum rb_numkind k)
{
	return S_has_subs(sect) && k != fam && (k == RB_NUM_DIGIT_PAREN ||
	    k == RB_NUM_CIRCLED || k == RB_NUM_BULLET);
}

/*
 * Reads the items of paragraph para (a list item's, or with top set, a
 * paragraph of numbered lines standing for a list: 1、 （1） ① 一、 …).  A
 * line numbered like the first starts an item; in duties, a line numbered
 * （1） or ① under another numbering starts a sub-item of the duty; other
 * lines continue the item.  With sub set, every item is a sub-item (a
 * Markdown list nested in a duty).  Returns 0, reporting nothing, when top
 * is set and the first line has no number.
 */
static int
S_para_items(struct md_ctx *c, enum S_sect sect, cmark_node *para, int top,
    int sub, enum rb_numkind cont)
{
	struct S_span sp;
	struct rb_pos pp = S_npos(c, para);
	enum rb_numkind fam, k;
	cmark_node *n, *ls, *prev = NULL;
	cmark_node_type ty;
	size_t skip;
	int line = 0, started = 0, insub = sub, next, labels, val = 0;
	int iscont = 0;

	ls = cmark_node_first_child(para);
	skip = S_line_num(ls, &fam);
	if (cont != RB_NUM_NONE && fam == RB_NUM_NONE &&
	    !S_line_label(sect, ls)) {
		/* The lines up to the first number go on with the item on
		 * the heading's line. */
		fam = cont == RB_NUM_DIGIT_DOT ? RB_NUM_DIGIT_DUN : cont;
		iscont = 1;
	}
	/* Lines without numbers, each starting with its label, are items
	 * too (relations, qualifications). */
	labels = top && fam == RB_NUM_NONE && S_line_label(sect, ls);
	if (top && fam == RB_NUM_NONE && !labels && !iscont)
		return 0;
	memset(&sp, 0, sizeof(sp));
	for (n = ls; ; n = cmark_node_next(n)) {
		ty = n != NULL ? cmark_node_get_type(n) : CMARK_NODE_NONE;
		if (n != NULL && ty != CMARK_NODE_SOFTBREAK &&
		    ty != CMARK_NODE_LINEBREAK) {
			prev = n;
			continue;
		}
		/* The line from ls to prev ends here. */
		if (ls != NULL && ls != n) {
			next = !started;
			if (started && line > 0 && (skip = S_line_num(ls,
			    &k)) > 0) {
				if (fam != RB_NUM_NONE && k == fam)
					next = 1;
				else if (!sub && S_is_sub(sect, fam, k))
					next = 2;
			} else if (started && line > 0 && labels)
				next = 1;	/* no numbers: a line an item */
			else if (started && line > 0 && !insub &&
			    fam == RB_NUM_DIGIT_DUN && (skip =
			    S_item_before_digit(ls, val + 1)) > 0)
				next = 1;
			if (next) {
				if (started && iscont)
					S_cont_item(c, sect, &sp);
				else if (started && insub)
					S_sub_item(c, sect, &sp);
				else if (started)
					S_one_item(c, sect, &sp);
				if (started)
					iscont = 0;
				if (next == 2)
					insub = 1;
				else if (started)
					insub = sub;
				if (next == 1 && fam == RB_NUM_DIGIT_DUN)
					val = rb_num_value(
					    cmark_node_get_literal(ls), skip, NULL);
				sp.para = para;
				sp.first = ls;
				sp.skip = skip;
				sp.line = pp.line + line;
				sp.col = line == 0 ? pp.col :
				    S_line_col(c, sp.line);
				sp.nlines = 0;
				started = 1;
			}
			sp.last = prev;
			sp.nlines = pp.line + line - sp.line + 1;
		}
		if (n == NULL)
			break;
		line++;
		ls = cmark_node_next(n);
	}
	if (started && iscont)
		S_cont_item(c, sect, &sp);
	else if (started && insub)
		S_sub_item(c, sect, &sp);
	else if (started)
		S_one_item(c, sect, &sp);
	return 1;
}

static size_t	S_row_cells(const char *, const char *);

/*
 * Reads a table in a section of labelled items (relations,
 * qualifications), as Word pastes one: each row "label | text" is an item
 * (直接上级 | 营销总监, 学历 | 大专及以上).  The header row is one too when
 * its label names a kind (学历), not a column (项目).
 */
static void
S_table_items(struct md_ctx *c, enum S_sect sect, cmark_node *t)
{
	const struct rb_attrdef *en =
	    S_enum_attr(rb_fields[S_FIELD(sect)].item);
	struct buf lab = BUF_INIT;
	struct S_span sp;
	struct rb_pos p;
	cmark_node *row, *c1, *c2;
	const char *l, *ls = NULL, *le = NULL;
	size_t ln;

	for (row = cmark_node_first_child(t); row != NULL && !diag_full(c->d);
	    row = cmark_node_next(row)) {
		p = S_npos(c, row);
		c1 = cmark_node_first_child(row);
		c2 = c1 != NULL ? cmark_node_next(c1) : NULL;
		buf_reset(&lab);
		if (c1 != NULL)
			S_plain(c, &lab, c1, 1);
		ln = lab.len;
		l = md_trim(lab.data != NULL ? lab.data : "", &ln);
		if (strcmp(cmark_node_get_type_string(row), "table_header") ==
		    0 && (en == NULL || en->parse(l, ln) < 0))
			continue;
		/* (cmark-gfm drops the cells past the header's silently) */
		if (p.line >= 1 && p.line <= c->nlines) {
			ls = S_fline(c, p.line, &le);
			ls += utf8_blank_len(ls, (size_t)(le - ls));
		}
		if (c2 == NULL || cmark_node_next(c2) != NULL ||
		    (p.line >= 1 && p.line <= c->nlines &&
		    S_row_cells(ls, le) != 2)) {
			rb_msg(c->d, MSG_E_SECTION_TABLE, &p,
			    rb_fields[S_FIELD(sect)].name);
			continue;
		}
		memset(&sp, 0, sizeof(sp));
		sp.para = c2;
		sp.first = cmark_node_first_child(c2);
		sp.last = cmark_node_last_child(c2);
		sp.line = p.line;
		sp.col = S_npos(c, c1).col;	/* the label */
		sp.nlines = 1;
		c->tlabel = l;
		c->tlabel_len = ln;
		S_one_item(c, sect, &sp);
		c->tlabel = NULL;
	}
	buf_free(&lab);
}

/*
 * Reads one list item (of a Markdown list) of a list section.  A duty may
 * hold a nested list after its paragraph: its sub-items.
 */
static void
S_item(struct md_ctx *c, enum S_sect sect, cmark_node *it)
{
	cmark_node *para, *list, *sub, *sp;

	para = cmark_node_first_child(it);
	list = para != NULL ? cmark_node_next(para) : NULL;
	if (S_has_subs(sect) && list != NULL && cmark_node_next(list) == NULL &&
	    cmark_node_get_type(para) == CMARK_NODE_PARAGRAPH &&
	    cmark_node_get_type(list) == CMARK_NODE_LIST) {
		(void)S_para_items(c, sect, para, 0, 0, RB_NUM_NONE);
		for (sub = cmark_node_first_child(list); sub != NULL;
		    sub = cmark_node_next(sub))
			if ((sp = S_item_para(c, sub, sect, 1)) != NULL)
				(void)S_para_items(c, sect, sp, 0, 1, RB_NUM_NONE);
		return;
	}
	para = S_item_para(c, it, sect, 0);
	if (para != NULL)
		(void)S_para_items(c, sect, para, 0, 0, RB_NUM_NONE);
}

/* Words for the blocks a list section may wrongly hold. */
static const char *
S_block_name(cmark_node *n)
{
	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_PARAGRAPH:
		return "paragraph";
	case CMARK_NODE_CODE_BLOCK:
		return "code block (indented 4 spaces?)";
	case CMARK_NODE_BLOCK_QUOTE:
		return "block quote";
	case CMARK_NODE_HEADING:
		return "heading";
	case CMARK_NODE_THEMATIC_BREAK:
		return "horizontal rule";
	default:
		return cmark_node_get_type_string(n);
	}
}

/*
 * Warns at an unknown '##' title, which is kept as an extra section, when
 * it looks like a section: a synonym one or two characters off, or a title
 * holding a section's word (职责, 资格, …).  Names the section meant.
 */
static int
S_near_section(struct md_ctx *c, const struct rb_pos *p, const char *t,
    size_t n)
{
	static const struct { const char *w; enum rb_field f; } words[] = {
		{ "职责", RB_F_DUTIES }, { "任职", RB_F_QUALS },
		{ "资格", RB_F_QUALS }, { "权限", RB_F_AUTHORITIES },
		{ "职权", RB_F_AUTHORITIES }, { "绩效", RB_F_STANDARDS },
		{ "概述", RB_F_SUMMARY }, { "技能", RB_F_QUALS },
		{ "学历", RB_F_QUALS },
		{ "报表", RB_F_REPORTS } };
	const char *best;
	size_t k;
	int f = -1;

	if ((best = rb_field_near(t, n, 0, &f, 0)) != NULL) {
		rb_msg(c->d, MSG_W_SECTION_NEAR, p, (int)n, t, best,
		    rb_fields[f].name);
		return 1;
	}
	for (k = 0; k < sizeof(words) / sizeof(words[0]); k++)
		if (memmem(t, n, words[k].w, strlen(words[k].w)) != NULL) {
			f = words[k].f;
			rb_msg(c->d, MSG_W_SECTION_WORD, p, (int)n, t,
			    rb_fields[f].name, rb_fields[f].label);
			return 1;
		}
	return 0;
}

/* Is heading h one only by its number (1) or as a line ending in a colon
 * over items (2), or neither (0)? */
static int
S_numbered_heading(const struct md_ctx *c, cmark_node *h)
{
	int l = cmark_node_get_start_line(h);
	size_t lo = 0, hi = c->nnumh, mid;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (c->numh[mid] >> 1 == l)
			return (c->numh[mid] & 1) + 1;
		if (c->numh[mid] >> 1 < l)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

/* Is paragraph n one line ending in a colon (：or :)? */
static int
S_intro(struct md_ctx *c, cmark_node *n)
{
	struct buf t = BUF_INIT;
	cmark_node *k;
	size_t l;
	int yes;

	for (k = cmark_node_first_child(n); k != NULL; k = cmark_node_next(k))
		if (cmark_node_get_type(k) == CMARK_NODE_SOFTBREAK ||
		    cmark_node_get_type(k) == CMARK_NODE_LINEBREAK)
			return 0;
	S_plain(c, &t, n, 1);
	l = t.len;
	yes = l > 0 && rb_strip_colon(t.data, l) < l;
	buf_free(&t);
	return yes;
}

/* Does a block after heading h, up to the next heading, hold | or ｜? */
static int
S_has_bars(struct md_ctx *c, cmark_node *h)
{
	struct buf t = BUF_INIT;
	cmark_node *n;
	int yes = 0;

	for (n = cmark_node_next(h); n != NULL && !yes &&
	    cmark_node_get_type(n) != CMARK_NODE_HEADING;
	    n = cmark_node_next(n)) {
		buf_reset(&t);
		S_plain(c, &t, n, 1);
		yes = t.len > 0 && (strchr(t.data, '|') != NULL ||
		    strstr(t.data, "｜") != NULL);
	}
	buf_free(&t);
	return yes;
}

/* State of the section being read. */
struct S_sec {
	enum S_sect	 kind;
	cmark_node	*head;		/* the ## heading */
	int		 lists;		/* lists seen (list sections) */
	int		 numbered;	/* paragraphs of numbered lines seen */
	int		 bad;		/* "expected a list" reported */
	struct rich	 r;		/* body (summary, other) */
	struct rb_pos	 bodypos;
	int		 has_body;
	int		 blocks;	/* blocks under the heading */
	int		 numh;		/* a heading by its number, unwarned */
	struct rb_str	 title;
	int		 hline;		/* line of the heading that holds the
					 * first item ("一、职责：1、…"), or 0 */
	enum rb_numkind	 hfam;		/* that item's numbering */
};

/* Reports list section f empty at its heading p (the words XML uses). */
static void
S_list_empty(struct md_ctx *c, const struct rb_pos *p, enum rb_field f)
{
	const struct rb_fielddef *fd = &rb_fields[f];

	if (fd->required)
		rb_msg(c->d, MSG_E_LIST_REQUIRED, p, fd->name, fd->label,
		    MSG_HINT_ITEMS_MD, fd->item ? fd->item->what : "item");
	else
		rb_msg(c->d, MSG_E_LIST_EMPTY, p, fd->name, fd->label,
		    MSG_HINT_ITEMS_MD);
}

/*
 * Ends section s: stores its body, checks a list section had its list.
 * With more set (a heading follows), a section without any block is the
 * heading of the ones that follow ("二、岗位职责" over "（一）概述",
 * "第二部分 员工规格要求"): no extra section, and a list section's
 * heading goes to pend[kind], empty only if no such section follows.
 */
static void
S_end(struct md_ctx *c, struct S_sec *s, int more, struct rb_pos *pend)
{
	struct rb_pos hp;
	struct rb_section *sec;
	char *b;

	if (s->head == NULL)
		return;
	hp = S_npos(c, s->head);
	b = rich_finish(&s->r);
	if (s->kind == S_SUMMARY) {
		if (*b != '\0')
			rb_str_set(&c->role->summary, b, strlen(b),
			    s->has_body ? &s->bodypos : &hp);
	} else if (s->kind == S_OTHER && more && s->blocks == 0) {
		;	/* "第二部分 员工规格要求" over the sections that follow */
	} else if (s->kind == S_OTHER) {
		if (s->numh)
			rb_msg(c->d, s->numh == 1 ? MSG_W_SECTION_NUMBERED :
			    MSG_W_SECTION_COLON, &hp, (int)strlen(s->title.s),
			    s->title.s);
		sec = rb_role_add_section(c->role);
		sec->title = s->title;
		s->title.s = NULL;
		rb_str_set(&sec->body, b, strlen(b),
		    s->has_body ? &s->bodypos : &hp);
	} else if (s->kind != S_SKIP && more && s->blocks == 0)
		pend[s->kind] = hp;
	else if (s->kind != S_SKIP && s->lists == 0 && s->numbered == 0 &&
	    !s->bad)
		S_list_empty(c, &hp, S_FIELD(s->kind));
	free(b);
	rb_str_free(&s->title);
	s->head = NULL;
}

/* Length of s[0..n) up to and past its first colon (： or :), or 0. */
static size_t
S_colon_end(const char *s, size_t n)
{
	const char *a = memchr(s, ':', n), *e = a != NULL ? a : s + n, *p;

	/* ： is EF BC 9A; EF starts every full-width mark */
	for (p = s; (p = memchr(p, 0xEF, (size_t)(e - p))) != NULL; p++)
		if (e - p >= 3 && (unsigned char)p[1] == 0xBC &&
		    (unsigned char)p[2] == 0x9A)
			return (size_t)(p - s) + 3;
	return a != NULL ? (size_t)(a - s) + 1 : 0;
}

/*
 * For a heading that names a section before a colon and goes on
 * ("二、岗位要求：1. 学历要求：本科…", "一、岗位概述：高级业务员是…"), or
 * with any set names any ("四、工作环境：办公室…", *f then -1): the
 * section in *f and the byte offset of the rest in its first text node;
 * else 0.
 */
static size_t
S_heading_rest(cmark_node *h, int *f, int any)
{
	cmark_node *t = cmark_node_first_child(h);
	const char *s;
	size_t n, m;

	if (t == NULL || cmark_node_get_type(t) != CMARK_NODE_TEXT)
		return 0;
	s = cmark_node_get_literal(t);
	n = strlen(s);
	if ((m = S_colon_end(s, n)) == 0 || ((*f = rb_field_of_heading(s, m,
	    NULL, NULL)) < 0 && !any))
		return 0;
	m += utf8_blank_len(s + m, n - m);
	return m < n || cmark_node_next(t) != NULL ? m : 0;
}

/* Reads the rest of heading h from byte rest of its first text node as
 * the first item (list sections) or paragraph of section s. */
static void
S_heading_body(struct md_ctx *c, struct S_sec *s, cmark_node *h, size_t rest)
{
	struct S_span sp;
	struct rb_pos p = S_npos(c, h);
	cmark_node *t = cmark_node_first_child(h);
	const char *lit = cmark_node_get_literal(t);

	s->blocks++;
	if (s->kind == S_SKIP)
		return;
	if (s->kind == S_SUMMARY || s->kind == S_OTHER) {
		if (!s->has_body) {
			s->bodypos = p;
			s->has_body = 1;
		}
		rich_open(&s->r, "p", NULL);
		c->skip_node = t;
		c->skip_len = rest;
		S_inline_seq(c, &s->r, t, cmark_node_last_child(h), 1);
		c->skip_node = NULL;
		c->skip_len = 0;
		rich_close(&s->r, "p");
		return;
	}
	memset(&sp, 0, sizeof(sp));
	sp.para = h;
	sp.first = t;
	sp.last = cmark_node_last_child(h);
	sp.skip = rest + rb_num_prefix(lit + rest, strnlen(lit + rest, 48),
	    &s->hfam);
	sp.line = p.line;
	sp.col = p.col + (int)utf8_count(lit, sp.skip);
	sp.nlines = 1;
	S_one_item(c, s->kind, &sp);
	s->numbered++;
	/* an item (numbered or not) goes on in the lines right below */
	s->hline = p.line;
	if (s->hfam == RB_NUM_NONE)
		s->hfam = RB_NUM_DIGIT_DUN;
}

/* Walks the document's top-level blocks into sections. */
static void
S_body(struct md_ctx *c, cmark_node *doc)
{
	struct S_sec s;
	cmark_node *n, *it;
	struct rb_pos p;
	struct buf t = BUF_INIT;
	const char *title;
	size_t tl, toff;
	unsigned seen = 0;
	int first[S_NSECT] = { 0 };
	int before = 0, f, k, numh;
	size_t rest;
	struct rb_pos pend[S_NSECT];

	memset(&s, 0, sizeof(s));
	memset(pend, 0, sizeof(pend));
	rich_init(&s.r);
	for (n = cmark_node_first_child(doc); n && !diag_full(c->d);
	    n = cmark_node_next(n)) {
		cmark_node_type ty = cmark_node_get_type(n);

		if (ty == CMARK_NODE_HTML_BLOCK) {
			S_html(c, n);
			continue;
		}
		if (ty == CMARK_NODE_HEADING &&
		    cmark_node_get_heading_level(n) == 1)
			continue;
		if (ty == CMARK_NODE_HEADING) {
			buf_reset(&t);
			S_plain(c, &t, n, 1);
			tl = t.len;
			title = md_trim(t.data != NULL ? t.data : "", &tl);
		}
		/* A '###' naming a section (岗位职责 under "## 第二节 …") is
		 * one. */
		if (ty == CMARK_NODE_HEADING &&
		    (cmark_node_get_heading_level(n) == 2 ||
		    rb_field_of_heading(title, tl, NULL, NULL) >= 0)) {
			S_end(c, &s, 1, pend);
			p = S_npos(c, n);
			memset(&s, 0, sizeof(s));
			rich_init(&s.r);
			s.head = n;
			f = rb_field_of_heading(title, tl, &toff, &tl);
			numh = c->nnumh > 0 ? S_numbered_heading(c, n) : 0;
			rest = f < 0 ? S_heading_rest(n, &f, numh) : 0;
			title += toff;
			if (rest > 0)
				tl = rb_strip_colon(title, S_colon_end(title, tl));
			s.kind = f < 0 ? S_OTHER : (enum S_sect)(f - RB_F_SUMMARY);
			if (s.kind < S_NSECT)
				pend[s.kind].line = 0;	/* its parent's */
			if (s.kind == S_REPORTS && !S_has_bars(c, n)) {
				/* "1、每周向总经理提交周客户上门情况进度表。" */
				rb_msg(c->d, MSG_W_REPORTS_TEXT, &p, (int)tl,
				    title);
				s.kind = S_OTHER;
				rb_str_set(&s.title, title, tl, &p);
			} else if (s.kind == S_OTHER) {
				if (tl == 0)
					rb_msg(c->d, MSG_E_SECTION_TITLE, &p);
				else if (!S_near_section(c, &p, title, tl))
					s.numh = numh;
				rb_str_set(&s.title, title, tl, &p);
			} else if ((seen & (1u << s.kind)) &&
			    s.kind == S_SUMMARY) {
				char *tt = xstrndup(title, tl);

				rb_msg(c->d, MSG_E_FIELD_TWICE, &p, "section",
				    tt, rb_fields[S_FIELD(s.kind)].name,
				    first[s.kind]);
				free(tt);
				s.kind = S_SKIP;
			} else {
				seen |= 1u << s.kind;
				first[s.kind] = p.line;
			}
			if (rest > 0)
				S_heading_body(c, &s, n, rest);
			continue;
		}
		p = S_npos(c, n);
		s.blocks++;
		if (s.head == NULL) {
			/* "业务经理：", "第一部分 岗位规格说明": a title or a
			 * part above the sections, as a '#' heading is. */
			if (!before)
				rb_msg(c->d, MSG_W_TEXT_BEFORE, &p);
			before = 1;
			continue;
		}
		switch (s.kind) {
		case S_SKIP:
			break;
		case S_SUMMARY:
		case S_OTHER:
			if (!s.has_body) {
				s.bodypos = p;
				s.has_body = 1;
			}
			S_block(c, &s.r, n, 1, 0);
			break;
		default:
			/* Lines numbered 1、 （1） ① 一、 … are a list too. */
			if (ty == CMARK_NODE_PARAGRAPH && !s.bad &&
			    S_para_items(c, s.kind, n, 1, 0, s.hline > 0 &&
			    p.line == s.hline + 1 ? s.hfam : RB_NUM_NONE)) {
				s.numbered++;
				s.hline = 0;
				break;
			}
			s.hline = 0;
			/* "任职人员应满足以下条件：" above the items. */
			if (ty == CMARK_NODE_PARAGRAPH && !s.bad &&
			    s.lists == 0 && s.numbered == 0 && S_intro(c, n)) {
				rb_msg(c->d, MSG_W_LIST_INTRO, &p);
				break;
			}
			if (rb_fields[S_FIELD(s.kind)].item->md ==
			    RB_MD_LABEL && strcmp(cmark_node_get_type_string(n),
			    "table") == 0) {
				S_table_items(c, s.kind, n);
				s.numbered++;
				break;
			}
			if (ty == CMARK_NODE_PARAGRAPH && (s.lists > 0 ||
			    s.numbered > 0)) {
				/* "公司严禁……" under the duties */
				rb_msg(c->d, MSG_E_SECTION_PARA_AFTER, &p,
				    rb_fields[S_FIELD(s.kind)].name);
				s.bad = 1;
				break;
			}
			if (ty != CMARK_NODE_LIST) {
				rb_msg(c->d, MSG_E_SECTION_NOT_LIST, &p,
				    rb_fields[S_FIELD(s.kind)].name,
				    S_block_name(n));
				s.bad = 1;
				break;
			}
			if (s.lists++ > 0) {
				rb_msg(c->d, MSG_E_SECTION_LISTS, &p,
				    rb_fields[S_FIELD(s.kind)].name);
				break;
			}
			for (it = cmark_node_first_child(n); it &&
			    !diag_full(c->d); it = cmark_node_next(it))
				S_item(c, s.kind, it);
			break;
		}
	}
	S_end(c, &s, 0, pend);
	buf_free(&t);
	for (k = 0; k < S_NSECT; k++)
		if (pend[k].line > 0)
			S_list_empty(c, &pend[k], S_FIELD(k));
	if (!(seen & (1u << S_DUTIES))) {
		p = c->role->pos.line ? c->role->pos :
		    md_filepos(c, 1, 1);
		rb_msg(c->d, MSG_E_NO_DUTIES, &p, c->role->id ? c->role->id :
		    "", MSG_HINT_DUTIES_MD);
	}
}

/* Line l (0-based) of the file: start and end (before '\n'). */
static const char *
S_line(const struct md_ctx *c, int l, const char **e)
{
	const char *s = c->data + c->lines[l];
	const char *nl = memchr(s, '\n', (size_t)(c->data + c->len - s));

	*e = nl ? nl : c->data + c->len;
	return s;
}

/* Skips the blanks and '>' markers that start a line. */
static const char *
S_indent(const char *s, const char *e)
{
	while (s < e && (*s == ' ' || *s == '\t' || *s == '>' || *s == '\r'))
		s++;
	return s;
}

/* Cells of the table row s[0..e) as cmark-gfm splits it, at most: its
 * '|' that no backslash escapes, plus one, less a leading and a trailing
 * one. */
static size_t
S_row_cells(const char *s, const char *e)
{
	const char *p;
	size_t n = 1;

	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		e--;
	for (p = s; p < e; p++)
		if (*p == '\\' && p + 1 < e)
			p++;
		else if (*p == '|')
			n++;
	if (n > 1 && *s == '|')
		n--;
	if (n > 1 && e[-1] == '|' && (e - s < 2 || e[-2] != '\\'))
		n--;
	return n;
}

/* a * a, added to *sum without overflow. */
static void
S_addsq(unsigned long long *sum, size_t a)
{
	unsigned long long sq = a > 0xFFFFFFFFULL ? ~0ULL : (unsigned long long)a * a;

	*sum = sq > ~0ULL - *sum ? ~0ULL : *sum + sq;
}

/*
 * cmark-gfm 0.29.0.gfm.6 takes about 5 KB per cell, and time quadratic in
 * the cells of each row it splits (a table's header and delimiter rows,
 * and its body rows, however much wider than the delimiter row they are:
 * 2 MB of such rows took 57 s).  So tables are measured before parsing.
 * A delimiter row (only '|', '-', ':' and blanks, with a '|' and a '-',
 * after any indentation and '>' markers) starts a table of that many
 * columns whose rows run to the next blank line.  It is an error, and the
 * body is not parsed, when a table holds more than the table-cells limit
 * (columns times rows; a row wider than the delimiter row counts its own
 * cells), or when the squares of the widths of every table row of the
 * file (the line above each delimiter row included) add up to more than
 * twice the square of that limit (2 x 10,000^2 cells: about 0.6 s of
 * cmark-gfm's time).  Returns 1 when within.
 */
static int
S_tables_ok(struct md_ctx *c, int from)
{
	const char *s, *e, *p;
	size_t cols, rows, cells, w, widest, lim = rb_limit(RB_LIM_TABLE);
	unsigned long long sq = 0, sqmax = 2ULL * lim * lim;
	struct rb_pos pos;
	int l, m, pipe, dash, wl;

	for (l = from; l < c->nlines && !diag_full(c->d); l++) {
		s = S_line(c, l, &e);
		s = S_indent(s, e);
		pipe = dash = 0;
		cols = 0;
		for (p = s; p < e && strchr("|-: \t\r", *p) != NULL; p++) {
			if (*p == '-' && !dash)
				cols++;
			if (*p == '-')
				dash = 1;
			if (*p == '|') {
				pipe = 1;
				dash = 0;
			}
		}
		if (p < e || !pipe || cols == 0)
			continue;
		S_addsq(&sq, S_row_cells(s, e));
		if (l > from) {
			s = S_line(c, l - 1, &e);
			S_addsq(&sq, S_row_cells(S_indent(s, e), e));
		}
		rows = 1;
		cells = cols;
		widest = 0;
		wl = l;
		for (m = l + 1; m < c->nlines; m++, rows++) {
			s = S_line(c, m, &e);
			if ((s = S_indent(s, e)) == e)
				break;
			w = S_row_cells(s, e);
			S_addsq(&sq, w);
			cells += w > cols ? w : cols;
			if (w > widest) {
				widest = w;
				wl = m;
			}
		}
		if (cols * rows > lim) {
			rb_msg_at(c->d, MSG_E_MD_TABLE_CELLS, c->file, l + 1,
			    1, cols, rows, rb_limit(RB_LIM_TABLE),
			    rb_limit_hint(RB_LIM_TABLE));
			return 0;
		}
		if (cells > lim) {
			pos = md_filepos(c, wl + 1, 1);
			rb_msg(c->d, MSG_E_MD_TABLE_ROW, &pos,
			    widest, cols, cells, rb_limit(RB_LIM_TABLE),
			    rb_limit_hint(RB_LIM_TABLE));
			return 0;
		}
		if (sq > sqmax) {
			pos = md_filepos(c, l + 1, 1);
			rb_msg(c->d, MSG_E_MD_TABLE_SQUARES, &pos,
			    rb_limit(RB_LIM_TABLE),
			    rb_limit_hint(RB_LIM_TABLE));
			return 0;
		}
		l = m;
	}
	return 1;
}

/*
 * cmark-gfm 0.29.0.gfm.6 takes time quadratic in the image openers ('![')
 * left open before the links of one paragraph: after each link it walks
 * back over every one of them (`![[]()` x 100,000 took 101 s).  So the
 * body is measured before parsing: its brackets are matched as cmark-gfm
 * matches them (a ']' closes the last '[' or '![' still open; a blank line
 * ends a paragraph), and each ']' that closes a '[' costs the images then
 * open.  The cost, summed over the body, must stay within S_MAX_BRACKETS
 * (about 0.15 s of cmark-gfm's time).  Images are not allowed in a role,
 * so no real text comes near.  Returns 1 when within.
 */
#define S_MAX_BRACKETS	10000000ULL

static int
S_brackets_ok(struct md_ctx *c, int from)
{
	const char *s, *e, *p, *first = NULL;
	struct buf st = BUF_INIT;	/* the open brackets: '[' or '!' */
	size_t images = 0;
	unsigned long long cost = 0;
	struct rb_pos pos;
	int l, fl = 0;

	for (l = from; l < c->nlines && cost <= S_MAX_BRACKETS; l++) {
		s = S_line(c, l, &e);
		if ((s = S_indent(s, e)) == e) {
			buf_reset(&st);
			images = 0;
			continue;
		}
		/* most lines hold no bracket: nothing to match */
		if (st.len == 0 && memchr(s, '[', (size_t)(e - s)) == NULL)
			continue;
		for (p = s; p < e; p++)
			if (*p == '\\' && p + 1 < e)
				p++;
			else if (*p == '[' || (*p == '!' && p + 1 < e &&
			    p[1] == '[')) {
				if (*p == '!' && images++ == 0) {
					first = p;
					fl = l;
				}
				buf_putc(&st, *p);
				p += *p == '!';
			} else if (*p == ']' && st.len > 0) {
				if (st.data[--st.len] == '!')
					images--;
				else
					cost += images;
			}
	}
	buf_free(&st);
	if (cost <= S_MAX_BRACKETS)
		return 1;
	pos = md_filepos(c, fl + 1, (int)(first - (c->data + c->lines[fl])) + 1);
	rb_msg(c->d, MSG_E_MD_BRACKETS, &pos, S_MAX_BRACKETS);
	return 0;
}

/*
 * Does line s[0..n) name a section by itself, without '##', as a text
 * pasted from Word writes its headings ("一、岗位职责：", "任职资格",
 * "**岗位职责：**", "【工作权限】")?  1 when it does.  A name before a
 * section's words (客服部工作职责) counts only with a number, brackets,
 * bold or a colon, so that a short sentence never becomes a heading;
 * without them 2: a heading only over items (the caller looks).  3: a
 * line that names no section and ends in a colon ("福利待遇：").
 */
static int
S_bare_heading(const char *s, size_t n)
{
	const char *const *a;
	size_t b, off, tl, m;
	int f, mark = 0;

	b = utf8_blank_len(s, n);
	s += b;
	n -= b;
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' ||
	    s[n - 1] == '\r'))
		n--;
	if (n < 2 || strchr("#>|-+`~", *s) != NULL)
		return 0;
	/* "一、岗位职责：1. 开拓市场：…": the heading, then its first line. */
	/* (a heading before a colon is short: see no further) */
	if ((m = S_colon_end(s, n < 96 ? n : 96)) > 0 && m < n &&
	    S_bare_heading(s, m) == 1)
		return 1;
	/* Headings are short; a list item or a sentence is longer. */
	if (n > 90)
		return 0;
	if ((m = rb_strip_colon(s, n)) < n) {
		n = m;
		mark = 1;
	}
	if (n > 4 && memcmp(s, "**", 2) == 0 && memcmp(s + n - 2, "**", 2) == 0) {
		s += 2;
		n = rb_strip_colon(s, n - 4);
		mark = 1;
	}
	if (*s == '*' || *s == '_' || !rb_may_name_section(s, n) ||
	    (f = rb_field_of_heading(s, n, &off, &tl)) < 0)
		return !mark ? 0 : *s != '*' && *s != '_' && s[n] != '*' ? 3 : 0;
	if (mark || off > 0)
		return 1;
	for (a = rb_fields[f].alias; *a; a++)
		if (rb_name_eq(s + off, tl, *a))
			return 1;
	return n <= 90 ? 2 : 0;
}

/*
 * The numbering of the section headings read so far, by family, so that
 * a line continuing it is a heading even when its words name no section
 * ("四、工作环境" after "三、任职资格").  An article's units (第一条,
 * 第一章, 第一节, 第一部分) are families of their own.
 */
#define S_NFAM	(RB_NUM_BULLET + 4)

#define S_NCAND	8

struct S_outline {
	int	 last[S_NFAM];	/* number of the family's last heading; 0 none */
	int	 item[S_NFAM];	/* next item number of the family, this section */
	int	 rank[S_NFAM];	/* 1: the outermost family in use; 0: unused */
	int	 nrank;
	int	 seen;		/* a section heading was read */
	/* Numbered lines shaped as headings before the first heading
	 * ("一、基本资料" above "二、岗位职责", "第一部分 …"). */
	struct {
		size_t	 off;	/* where the line starts in the copy */
		int	 fam, val, line;
	}	 cand[S_NCAND];
	int	 ncand;
};

/*
 * Can s[0..n) start with a number (a digit, a bracket, a circled number,
 * 一 … 十 百 零 〇 两 第)?  A quick test before rb_num_prefix for the
 * '##' headings of every role, most of which have none.
 */
static inline int
S_numstart(const char *s, size_t n)
{
	/* the second bytes of 一二三四五六七八九十百零两第, less 0x80 */
	static const uint64_t second = 1ULL << 0x38 | 1ULL << 0x3A |
	    1ULL << 0x1B | 1ULL << 0x05 | 1ULL << 0x39 | 1ULL << 0x0D |
	    1ULL << 0x19 | 1ULL << 0x2C;
	unsigned char c = n > 0 ? (unsigned char)s[0] : 0;
	uint32_t u;

	if (c >= 0xE4 && c <= 0xE9) {	/* most headings: Han characters */
		if (n < 3 || !(second >> ((unsigned char)s[1] & 0x3F) & 1))
			return 0;
		u = (uint32_t)c << 16 | (uint32_t)(unsigned char)s[1] << 8 |
		    (unsigned char)s[2];
		switch (u) {
		case 0xE4B880: case 0xE4BA8C: case 0xE4B889: case 0xE59B9B:
		case 0xE4BA94: case 0xE585AD: case 0xE4B883: case 0xE585AB:
		case 0xE4B99D: case 0xE58D81: case 0xE799BE: case 0xE99BB6:
		case 0xE4B8A4: case 0xE7ACAC:
			return 1;
		}
		return 0;
	}
	if (c < 0x80)
		return (c >= '0' && c <= '9') || c == '(';
	return c == 0xE2 || c == 0xE3 || c == 0xEF;	/* ①⑴⒈ 〇 （１ */
}

/*
 * The numbering a line s[0..n) starts with, past blanks and an opening
 * "**" or "【": its length (to the words), family in *fam and number in
 * *val; 0 when none.
 */
static size_t
S_outline_num(const char *s, size_t n, int *fam, int *val)
{
	enum rb_numkind k;
	size_t b = utf8_blank_len(s, n), l, e;

	if (n - b >= 2 && memcmp(s + b, "**", 2) == 0)
		b += 2;
	else if (n - b >= 3 && memcmp(s + b, "【", 3) == 0)
		b += 3;
	if (!S_numstart(s + b, n - b) ||
	    (l = rb_num_prefix(s + b, n - b, &k)) == 0 ||
	    k == RB_NUM_BULLET || (*val = rb_num_value(s + b, l, &e)) <= 0)
		return 0;
	*fam = (int)k;
	if (k == RB_NUM_ARTICLE) {
		e += b;
		if (n - e >= 3 && memcmp(s + e, "章", 3) == 0)
			*fam = RB_NUM_BULLET + 1;
		else if (n - e >= 3 && memcmp(s + e, "节", 3) == 0)
			*fam = RB_NUM_BULLET + 2;
		else if (n - e >= 3 && memcmp(s + e, "部", 3) == 0)
			*fam = RB_NUM_BULLET + 3;
	}
	return b + l;
}

/* A heading numbered val in family fam (0: none) starts a section. */
static void
S_outline_head(struct S_outline *o, int fam, int val)
{
	int g;

	memset(o->item, 0, sizeof(o->item));
	if (fam <= 0)
		return;
	if (o->rank[fam] == 0)
		o->rank[fam] = ++o->nrank;
	/* the families inside it start again */
	for (g = 0; g < S_NFAM; g++)
		if (o->rank[g] > o->rank[fam]) {
			o->rank[g] = 0;
			o->last[g] = 0;
		}
	o->nrank = o->rank[fam];
	o->last[fam] = val;
}

/*
 * Are the words t[0..n) after a heading's number shaped as a title: 2 to
 * 12 characters before any colon (what follows it is the section's first
 * line, and then *body is set), no sentence mark (。；，;,！？!?) among
 * them, not ending in 、?
 */
static int
S_title_shape(const char *t, size_t n, int *body)
{
	static const char *const marks[] = { "。", "；", "，", "！", "？",
	    "…", NULL };
	const char *const *m;
	size_t c, k;

	while (n > 0 && (t[n - 1] == ' ' || t[n - 1] == '\t' ||
	    t[n - 1] == '\r'))
		n--;
	*body = 0;
	if ((c = S_colon_end(t, n)) > 0) {
		*body = c + utf8_blank_len(t + c, n - c) < n &&
		    !(n - c == 2 && memcmp(t + c, "**", 2) == 0);
		n = c;
	}
	if (n >= 2 && memcmp(t + n - 2, "**", 2) == 0)
		n -= 2;
	n = rb_strip_colon(t, n);
	if (n >= 3 && memcmp(t + n - 3, "】", 3) == 0)
		n = rb_strip_colon(t, n - 3);
	if (n >= 3 && memcmp(t, "【", 3) == 0) {
		t += 3;
		n -= 3;
	}
	c = utf8_count(t, n);
	if (c < 2 || c > 12 || (n >= 3 && memcmp(t + n - 3, "、", 3) == 0))
		return 0;
	for (k = 0; k < n; k++)
		if (t[k] == ';' || t[k] == ',' || t[k] == '!' || t[k] == '?' ||
		    t[k] == '*')
			return 0;
	for (m = marks; *m; m++)
		if (memmem(t, n, *m, strlen(*m)) != NULL)
			return 0;
	return 1;
}

/*
 * The next non-blank line after the line that ends at le: *p past its
 * blanks, *q its end; 0 when there is none.
 */
static int
S_next_line(const char *le, const char *end, const char **p,
    const char **q)
{
	for (*p = le; *p < end; *p = *q) {
		(*p)++;
		if ((*q = memchr(*p, '\n', (size_t)(end - *p))) == NULL)
			*q = end;
		*p += utf8_blank_len(*p, (size_t)(*q - *p));
		if (*p < *q && **p != '\r')
			return 1;
	}
	return 0;
}

/*
 * Does a heading numbered val in family fam, at the line that ends at le,
 * have a text of its own: a next line that is not the next heading of its
 * family ("四、服从安排" over "五、认真工作": items, not two empty
 * sections)?  A heading of another family may follow: it is then the
 * heading of the sections below it ("第二部分 员工规格要求" over
 * "七、资历").
 */
static int
S_has_text(const char *le, const char *end, int fam, int val)
{
	const char *p, *q;
	int f2, v2;

	if (!S_next_line(le, end, &p, &q))
		return 0;
	while (p < q && *p == '#')
		p++;
	p += utf8_blank_len(p, (size_t)(q - p));
	return !(S_outline_num(p, (size_t)(q - p), &f2, &v2) > 0 &&
	    f2 == fam && v2 == val + 1);
}

/* Does the line after the one that ends at le start with a number or a
 * list marker ("大客户业务主管岗位职责" over "1、…")? */
static int
S_items_next(const char *le, const char *end)
{
	const char *p, *q;

	if (!S_next_line(le, end, &p, &q))
		return 0;
	return rb_num_prefix(p, (size_t)(q - p), NULL) > 0 ||
	    (q - p > 1 && (*p == '-' || *p == '*') && p[1] == ' ');
}

/*
 * Is line ls[0..le) (not a heading by its words) a heading because its
 * number continues the numbering of the section headings above: one more
 * than the last heading of its family, in a section whose items are not
 * numbered in that family (items start again from 1: "一、" under "二、"),
 * words shaped as a title (S_title_shape), and a text of its own after
 * its colon or on the next non-blank line (which is no heading)?  Else
 * counts it as an item.  end: the end of the text.
 */
static int
S_outline_next(struct S_outline *o, const char *ls, const char *le,
    const char *end)
{
	size_t l;
	int fam, val, body;

	if ((l = S_outline_num(ls, (size_t)(le - ls), &fam, &val)) == 0)
		return 0;
	if (o->last[fam] == 0 || val != o->last[fam] + 1 || o->item[fam] ||
	    !S_title_shape(ls + l, (size_t)(le - ls) - l, &body)) {
		if (val == 1)
			o->item[fam] = 2;
		else if (val == o->item[fam])
			o->item[fam]++;
		return 0;
	}
	if (!body && !S_has_text(le, end, fam, val))
		return 0;
	S_outline_head(o, fam, val);
	return 1;
}

/*
 * Before the first section heading: keeps line ls[0..le), the lineno'th,
 * at offset off of the copy, as a candidate when it is numbered and
 * shaped as a heading with a text of its own.
 */
static void
S_outline_cand(struct S_outline *o, const char *ls, const char *le,
    const char *end, size_t off, int lineno)
{
	size_t l;
	int fam, val, body;

	if (o->ncand == S_NCAND ||
	    (l = S_outline_num(ls, (size_t)(le - ls), &fam, &val)) == 0 ||
	    !S_title_shape(ls + l, (size_t)(le - ls) - l, &body) ||
	    (!body && !S_has_text(le, end, fam, val)))
		return;
	o->cand[o->ncand].off = off;
	o->cand[o->ncand].fam = fam;
	o->cand[o->ncand].val = val;
	o->cand[o->ncand].line = lineno;
	o->ncand++;
}

/*
 * Is line ls[0..le), which ends in a colon and names no section
 * ("福利待遇：", "工作地点:"), not right below a heading (there it
 * introduces the items: the caller looks), a heading: shaped as a title,
 * not numbered, and over items numbered from 1 again?
 */
static int
S_colon_heading(const char *ls, const char *le, const char *end)
{
	const char *p, *q;
	size_t b = utf8_blank_len(ls, (size_t)(le - ls));
	enum rb_numkind k;
	int body;

	static const char *const intro[] = { "如下", "以下", "包括", "下列",
	    "有", "是", "为", "如", NULL };
	const char *const *w;
	size_t n;

	if ((S_numstart(ls + b, (size_t)(le - ls) - b) &&
	    rb_num_prefix(ls + b, (size_t)(le - ls) - b, NULL) > 0) ||
	    !S_title_shape(ls + b, (size_t)(le - ls) - b, &body) || body ||
	    !S_next_line(le, end, &p, &q) ||
	    rb_num_prefix(p, (size_t)(q - p), &k) == 0 || k == RB_NUM_BULLET)
		return 0;
	/* "包括：", "要求如下：" lead into a list of the item above */
	n = rb_strip_colon(ls, (size_t)(le - ls));
	for (w = intro; *w; w++)
		if (n >= strlen(*w) &&
		    memcmp(ls + n - strlen(*w), *w, strlen(*w)) == 0)
			return 0;
	return rb_num_value(p, (size_t)(q - p), NULL) == 1;
}

/*
 * Notes body line l as a heading by its number (kind 1) or as a line
 * ending in a colon (kind 2): S_numbered_heading.
 */
static void
S_numh_add(struct md_ctx *c, int l, int kind)
{
	if (c->nnumh == c->numhcap) {
		c->numhcap = c->numhcap ? 2 * c->numhcap : 8;
		c->numh = xreallocarray(c->numh, c->numhcap,
		    sizeof(*c->numh));
	}
	c->numh[c->nnumh++] = l << 1 | (kind - 1);
}

/*
 * The first section heading ls[0..le) (its number past any "## "): the
 * candidates numbered the same way before it, with a smaller number, are
 * headings too ("一、基本资料" above "二、岗位职责"), a "## " put before
 * each in copy b; every candidate's number counts for those that follow
 * ("第二部分" after "第一部分").
 */
static void
S_outline_first(struct md_ctx *c, struct S_outline *o, struct buf *b,
    const char *ls, const char *le)
{
	int fam = 0, val = 0, k;

	o->seen = 1;
	if (o->ncand == 0)
		return;
	if (S_outline_num(ls, (size_t)(le - ls), &fam, &val) == 0)
		fam = 0;
	for (k = o->ncand - 1; k >= 0; k--)
		if (fam > 0 && o->cand[k].fam == fam && o->cand[k].val < val) {
			buf_grow(b, 3);
			memmove(b->data + o->cand[k].off + 3,
			    b->data + o->cand[k].off, b->len - o->cand[k].off);
			memcpy(b->data + o->cand[k].off, "## ", 3);
			b->len += 3;
			b->data[b->len] = '\0';
		} else
			o->cand[k].line = 0;
	for (k = 0; k < o->ncand; k++) {
		if (o->cand[k].line > 0)
			S_numh_add(c, o->cand[k].line, 1);
		S_outline_head(o, o->cand[k].fam, o->cand[k].val);
	}
}

/* A heading line ls[0..le) (bare or '## ') sets the numbering. */
static void
S_outline_line(struct S_outline *o, const char *ls, const char *le)
{
	int fam = 0, val = 0;

	if (S_outline_num(ls, (size_t)(le - ls), &fam, &val) == 0)
		fam = 0;
	S_outline_head(o, fam, val);
}

/* Does the next line of copy b start a paragraph: b is empty, or its
 * last line blank or a heading? */
static int
S_para_start(const struct buf *b)
{
	const char *s = b->data, *e, *ls;

	if (s == NULL || b->len == 0)
		return 1;
	e = s + b->len;
	for (ls = e - 1; ls > s && ls[-1] != '\n'; ls--)
		;
	ls += utf8_blank_len(ls, (size_t)(e - ls));
	return *ls == '\n' || *ls == '\r' || *ls == '#';
}

/* Was the last non-blank line of copy b a heading ('#')? */
static int
S_prev_heading(const struct buf *b)
{
	const char *s = b->data, *e, *ls;

	if (s == NULL)		/* nothing copied yet (no NULL + 0) */
		return 0;
	for (e = s + b->len; e > s; e = ls) {
		for (ls = e - 1; ls > s && ls[-1] != '\n'; ls--)
			;
		ls += utf8_blank_len(ls, (size_t)(e - ls));
		if (ls < e && *ls != '\n' && *ls != '\r')
			return *ls == '#';
		while (ls > s && ls[-1] != '\n')
			ls--;
		if (ls > s)
			ls--;
	}
	return 0;
}

/*
 * The rarer headings of line ls[0..le), the lineno'th, that names no
 * section by itself (S_bare_heading gave bh): a title over items (not a
 * line that goes on from the one above: "协助经理履行部门职责"), a
 * number that continues the headings', a colon line over items from 1;
 * before the first heading, a candidate (S_outline_cand).  Returns 1 for
 * a heading, its "## " put in b.
 */
static int
S_rare_heading(struct md_ctx *c, struct S_outline *o, struct buf *b,
    const char *ls, const char *le, const char *end, int lineno, int bh)
{
	int kind = 0;

	if (bh == 2 && S_para_start(b) && S_items_next(le, end)) {
		if (!o->seen)
			S_outline_first(c, o, b, ls, le);
		S_outline_line(o, ls, le);
	} else if (o->nrank > 0 && S_outline_next(o, ls, le, end))
		kind = 1;
	else if (bh == 3 && o->seen && !S_prev_heading(b) &&
	    S_colon_heading(ls, le, end)) {
		S_outline_line(o, ls, le);
		kind = 2;
	} else {
		if (!o->seen)
			S_outline_cand(o, ls, le, end, b->len, lineno);
		return 0;
	}
	BUF_PUTSL(b, "## ");
	if (kind > 0)
		S_numh_add(c, lineno, kind);
	return 1;
}

/*
 * Is the last non-blank line of copy b numbered val in family fam (an
 * item: "1. …" above "2. 业务员岗位职责")?
 */
static int
S_prev_numbered(const struct buf *b, int fam, int val)
{
	const char *s = b->data, *e, *ls;
	int f = 0, v = 0;

	if (s == NULL)		/* nothing copied yet (no NULL + 0) */
		return 0;
	for (e = s + b->len; e > s; e = ls) {
		if (e[-1] == '\n')
			e--;
		for (ls = e; ls > s && ls[-1] != '\n'; ls--)
			;
		if (utf8_blank_len(ls, (size_t)(e - ls)) + (e > ls && e[-1] ==
		    '\r') < (size_t)(e - ls))
			return S_outline_num(ls, (size_t)(e - ls), &f, &v) > 0 &&
			    f == fam && v == val;
	}
	return 0;
}

/*
 * A copy of md[0..n) where each line naming a section by itself
 * (S_bare_heading, S_rare_heading), outside fenced code, starts with
 * "## ", and a numbered line indented with tabs as Word pastes it
 * ("\t1、…", else an indented code block) has them as spaces; or NULL
 * when nothing changed.  Lines stay where they are and a tab is one
 * character as a space is: only a heading line's columns move, and
 * diagnostics point at its start.
 */
static char *
S_bare_headings(struct md_ctx *c, const char *md, size_t n, size_t *outn)
{
	struct buf b = BUF_INIT;
	struct S_outline o;
	const char *ls, *le, *p, *q, *end = md + n;
	int fence = 0, changed = 0, line = 0, bh, rare = 1, fam, val;
	size_t k;

	memset(&o, 0, sizeof(o));
	for (ls = md; ls < end; ls = le + 1) {
		line++;
		if ((le = memchr(ls, '\n', (size_t)(end - ls))) == NULL)
			le = end;
		for (p = ls; p < le && p - ls < 4 && *p == ' '; p++)
			;
		k = p < le ? utf8_blank_len(p, (size_t)(le - p)) : 0;
		if (le - p >= 3 && (memcmp(p, "```", 3) == 0 ||
		    memcmp(p, "~~~", 3) == 0))
			fence = !fence;
		else if (fence)
			;
		else if (p - ls < 4 && *p == '#') {
			/* "## 三、任职资格": its number is the headings' */
			if (le - p > 3 && p[1] == '#' && p[2] == ' ' &&
			    !o.seen) {
				S_outline_first(c, &o, &b, p + 3, le);
				changed |= o.ncand > 0;
			}
			if (le - p > 3 && p[1] == '#' && p[2] == ' ' &&
			    (o.nrank > 0 || S_numstart(p + 3,
			    (size_t)(le - p - 3))))
				S_outline_line(&o, p + 3, le);
			rare = o.nrank > 0 || !o.seen;
		} else if (p - ls < 4 &&
		    (bh = S_bare_heading(ls, (size_t)(le - ls))) == 1) {
			if (S_outline_num(ls, (size_t)(le - ls), &fam, &val) >
			    0 && val >= 2 && S_prev_numbered(&b, fam, val - 1)) {
				struct rb_pos hp = md_filepos(c,
				    line + c->body_off, (int)(p - ls) + 1);
				size_t hl = (size_t)(le - p), w = 0, nc, cl;
				uint32_t cp;

				if (hl > 0 && p[hl - 1] == '\r')
					hl--;
				/* its first 30 characters */
				for (nc = 0; w < hl && nc < 30; nc++) {
					cl = utf8_decode(p + w, hl - w, &cp);
					w += cl > 0 ? cl : 1;
				}
				rb_msg(c->d, MSG_W_ITEM_HEADING, &hp, (int)w, p,
				    w < hl ? "…" : "");
			}
			if (!o.seen)
				S_outline_first(c, &o, &b, ls, le);
			BUF_PUTSL(&b, "## ");
			changed = 1;
			S_outline_line(&o, ls, le);
			rare = o.nrank > 0;
		} else if (p - ls < 4 && (bh > 1 || rare) &&
		    S_rare_heading(c, &o, &b, ls, le, end, line, bh)) {
			changed = 1;
			rare = o.nrank > 0 || !o.seen;
		} else if (p < le && *p == '\t' &&
		    rb_num_prefix(p + k, (size_t)(le - p - k), NULL) > 0) {
			for (q = ls; q < p + k; q++)
				buf_putc(&b, *q == '\t' ? ' ' : *q);
			ls = p + k;
			changed = 1;
		}
		buf_put(&b, ls, (size_t)(le - ls) + (le < end));
		if (le == end)
			break;
	}
	if (!changed) {
		buf_free(&b);
		return NULL;
	}
	*outn = b.len;
	return buf_detach(&b);
}

/* Parses the Markdown body md[0..n) with cmark-gfm and reads it. */
static void
S_markdown(struct md_ctx *c, const char *md, size_t n)
{
	cmark_parser *ps;
	cmark_syntax_extension *ext;
	cmark_node *doc;
	char *bare;
	size_t bn = 0;

	cmark_gfm_core_extensions_ensure_registered();
	ps = cmark_parser_new(CMARK_OPT_SOURCEPOS | CMARK_OPT_DEFAULT);
	if ((ext = cmark_find_syntax_extension("table")) != NULL)
		cmark_parser_attach_syntax_extension(ps, ext);
	if ((bare = S_bare_headings(c, md, n, &bn)) != NULL)
		cmark_parser_feed(ps, bare, bn);
	else
		cmark_parser_feed(ps, md, n);
	free(bare);
	doc = cmark_parser_finish(ps);
	if (doc != NULL) {
		S_body(c, doc);
		cmark_node_free(doc);
	}
	cmark_parser_free(ps);
}

/* ---------------------------------------------------------------- entry */

struct rb_role *
load_role_md(struct diag *d, const char *file, const char *data, size_t len)
{
	struct md_ctx c;
	const char *bad, *end = data + len, *p;
	size_t cap = 64;
	int body0;
	struct rb_role *role;

	/* A byte order mark (Notepad, WPS) is not part of the text. */
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
		data += 3;
		len -= 3;
	}
	bad = utf8_invalid(data, len);
	if (bad != NULL) {
		load_not_utf8(d, file, data, len, bad);
		return NULL;
	}
	memset(&c, 0, sizeof(c));
	c.d = d;
	c.file = file;
	c.data = data;
	c.len = len;
	c.lines = xreallocarray(NULL, cap, sizeof(*c.lines));
	c.lines[c.nlines++] = 0;
	for (p = data; (p = memchr(p, '\n', (size_t)(end - p))) != NULL;
	    p++) {
		if ((size_t)c.nlines == cap) {
			cap *= 2;
			c.lines = xreallocarray(c.lines, cap, sizeof(*c.lines));
		}
		c.lines[c.nlines++] = (size_t)(p - data) + 1;
	}
	role = rb_role_new(file);
	role->head.file = file;
	role->head.line = role->head.col = 1;
	c.role = role;
	if ((body0 = md_front(&c)) < 0) {
		rb_role_free(role);
		free(c.lines);
		utf8_cols_free(&c.cols);
		return NULL;
	}
	{
		struct rb_pos p1 = { file, 1, 1 };

		rb_role_default_id(d, role, &p1);
	}
	c.body_off = body0;
	p = body0 < c.nlines ? data + c.lines[body0] : end;
	if (S_tables_ok(&c, body0) && S_brackets_ok(&c, body0))
		S_markdown(&c, p, (size_t)(end - p));
	val_role(d, role);
	free(c.numh);
	free(c.lines);
	utf8_cols_free(&c.cols);
	return role;
}
