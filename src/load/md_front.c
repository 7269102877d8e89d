/*
 * md_front.c — the front matter of a role in Markdown (docs/content-
 * format.md, "Front matter" and "Writing a role the way you already do"):
 * YAML between '---' lines, read with libyaml's document API after a guard
 * against nesting and aliases; or, in a pasted job description, the label
 * lines (岗位名称：…) up to the first blank line, read as YAML once their
 * full-width colons are made ': ', and the document's own title line
 * (客服专员岗位说明书) above them.  The body is md.c's.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>
#include "../util/util.h"
#include "../util/diag.h"
#include "../model/model.h"
#include "../model/fields.h"
#include "../model/msg.h"
#include "load.h"
#include "md_int.h"

/*
 * Reports an unknown front-matter key (warning), suggesting the nearest
 * key or Chinese alias; a key for direct reports says they are derived.
 */
static void
S_unknown_key(struct md_ctx *c, const struct rb_pos *p, const char *key)
{
	const char *sug;
	int f = -1;

	if (rb_derived_key(key, strlen(key))) {
		rb_msg(c->d, MSG_W_KEY_DERIVED, p, key);
		return;
	}
	sug = rb_field_near(key, strlen(key), 1, &f, 2);
	if (sug != NULL && strcmp(sug, rb_fields[f].name) == 0)
		rb_msg(c->d, MSG_W_KEY_NEAR, p, key, sug);
	else if (sug != NULL)
		rb_msg(c->d, MSG_W_KEY_NEAR_FIELD, p, key, sug,
		    rb_fields[f].name);
	else
		rb_msg(c->d, MSG_W_KEY_UNKNOWN, p, key);
}


/*
 * Position of a YAML mark of a copy that is not the text as it stands
 * (c->moved): a full-width colon made ": " moves the columns after it
 * back two; a row's pair ("key: value") maps back to its cells.
 */
static struct rb_pos
S_ypos_moved(const struct md_ctx *c, yaml_mark_t m)
{
	const struct md_yline *e;
	struct rb_pos p;
	size_t i;

	p.file = c->file;
	p.line = (int)m.line + c->yline;
	p.col = (int)m.column + 1;
	if (c->ymap != NULL && m.line < c->nymap) {
		e = &c->ymap[m.line];
		p.line = e->line;
		if (e->kf > 0) {	/* a row's pair: "key: value" */
			p.col = p.col >= e->vy ? e->vf + p.col - e->vy :
			    e->kf + (p.col < e->vy - 3 ? p.col - 1 :
			    e->vy - 4);
			return p;
		}
	} else if (c->nymap > 0)	/* past the end */
		p.line = c->ymap[c->nymap - 1].line + 1 +
		    (int)(m.line - c->nymap);
	for (i = 0; i < c->nfw; i++)
		if (c->fwl[i] == p.line && p.col > c->fwc[i])
			p.col = p.col - 2 > c->fwc[i] ? p.col - 2 : c->fwc[i];
	return p;
}

/* Position of a YAML mark; the YAML text starts on file line c->yline. */
static struct rb_pos
S_ypos(const struct md_ctx *c, yaml_mark_t m)
{
	struct rb_pos p;

	if (c->moved)
		return S_ypos_moved(c, m);
	/* libyaml counts columns in characters already (0-based). */
	p.file = c->file;
	p.line = (int)m.line + c->yline;
	p.col = (int)m.column + 1;
	return p;
}

/*
 * A second front-matter key (a known one, or 直接下级: warned of) in the
 * value v[0..le) of a key's line, after two blanks, a tab or an
 * ideographic space, as a table copied from Word gives it ("岗位名称：
 * 业务员　　所属部门：业务部"): its start, the key's length in *kl; else
 * NULL.
 */
static const char *
S_second_key(const char *v, const char *le, size_t *kl)
{
	const char *p, *k, *e;

	for (p = v; p < le; p++) {
		if (!(*p == '\t' || (*p == ' ' && p + 1 < le && p[1] == ' ') ||
		    (le - p >= 3 && memcmp(p, "\xE3\x80\x80", 3) == 0)))
			continue;
		k = p + utf8_blank_len(p, (size_t)(le - p));
		for (e = k; e < le && e - k < 40 && *e != ':' && !(le - e >= 3 &&
		    memcmp(e, "：", 3) == 0) && *e != ' ' && *e != '\t'; e++)
			;
		if (e > k && e < le && (*e == ':' || *e == '\xEF') &&
		    (rb_field_of_key(k, (size_t)(e - k)) >= 0 ||
		    rb_derived_key(k, (size_t)(e - k)))) {
			*kl = (size_t)(e - k);
			return k;
		}
		p = k > p ? k - 1 : p;
	}
	return NULL;
}

/*
 * The front matter's rows (docs/content-format.md, "A text pasted as it
 * is"): a table pasted as text, its cells parted by tabs (Word) or '|'
 * (Markdown), keys and values taking turns; or label lines with two keys
 * or more ("岗位名称：业务员　　所属部门：业务部").  Each pair becomes a
 * line "key: value" of the YAML copy, so that its value is read as a
 * label line's is (the same rules and diagnostics).  Unlike a full-width
 * colon, which is made ": " in place so that the copy keeps its lines and
 * only columns shift (c->fwl), a row changes the copy's lines: so where
 * each line of the copy came from is kept (c->ymap, read by S_ypos()),
 * and only a front matter with rows pays for it.
 */
enum { ROW_NONE, ROW_PIPE, ROW_TAB, ROW_PAIRS };

/* Trims blanks (ASCII, U+3000, NBSP) and CRs around s[*s..*e). */
static void
S_ctrim(const char **s, const char **e)
{
	size_t b;

	for (;;) {
		b = utf8_blank_len(*s, (size_t)(*e - *s));
		if (b == 0 && *s < *e && **s == '\r')
			b = 1;
		if (b == 0)
			break;
		*s += b;
	}
	for (;;) {
		b = utf8_blank_rlen(*s, (size_t)(*e - *s));
		if (b == 0 && *e > *s && (*e)[-1] == '\r')
			b = 1;
		if (b == 0)
			break;
		*e -= b;
	}
}

/*
 * Is the line ls[0..le) of a pasted role's front matter a table row:
 * ROW_PIPE when it starts with '|', ROW_TAB when a tab comes before any
 * colon (a key with its colon is a label line); else ROW_NONE.
 */
static int
S_rowkind(const char *ls, const char *le)
{
	const char *s = ls, *e = le, *t;

	S_ctrim(&s, &e);
	if (s < e && *s == '|')
		return ROW_PIPE;
	if ((t = memchr(s, '\t', (size_t)(e - s))) == NULL)
		return ROW_NONE;
	for (; s < t; s++)
		if (*s == ':' || (t - s >= 3 && memcmp(s, "：", 3) == 0))
			return ROW_NONE;
	return ROW_TAB;
}

/* Is the pipe row s[0..e) a delimiter row ("|---|:---:|")? */
static int
S_delimrow(const char *s, const char *e)
{
	int dash = 0;

	for (; s < e; s++)
		if (*s == '-')
			dash = 1;
		else if (*s != '|' && *s != ':' && *s != ' ' && *s != '\t' &&
		    *s != '\r')
			return 0;
	return dash;
}

/* Appends a line to the YAML copy's map. */
static void
S_ymap_add(struct md_ctx *c, int line, int kf, int vy, int vf)
{
	c->ymap = xreallocarray(c->ymap, c->nymap + 1, sizeof(*c->ymap));
	c->ymap[c->nymap].line = line;
	c->ymap[c->nymap].kf = kf;
	c->ymap[c->nymap].vy = vy;
	c->ymap[c->nymap++].vf = vf;
	c->moved = 1;
}

/*
 * Writes the pair of key cell k[0..ke) and value cell v[0..ve) (v NULL:
 * none) of file line line, which starts at ls, to the YAML copy b: both
 * trimmed, the key of a trailing colon too.  A key without a value, or a
 * value without a key, is an error at its cell; an empty value is written
 * '' (no value, reported as such by the rules, at its cell).
 */
static void
S_ypair(struct md_ctx *c, struct buf *b, int line, const char *ls,
    const char *k, const char *ke, const char *v, const char *ve)
{
	struct rb_pos pos;
	const char *v0 = v;

	S_ctrim(&k, &ke);
	if (ke - k >= 3 && memcmp(ke - 3, "：", 3) == 0)
		ke -= 3;
	else if (ke > k && ke[-1] == ':')
		ke--;
	S_ctrim(&k, &ke);
	if (v != NULL)
		S_ctrim(&v, &ve);
	pos.file = c->file;
	pos.line = line;
	if (k == ke && (v == NULL || v == ve))
		return;		/* an empty cell or two */
	if (k == ke || v == NULL) {
		pos.col = (int)utf8_count(ls, (size_t)((k == ke ? v : k) -
		    ls)) + 1;
		if (k == ke)
			rb_msg(c->d, MSG_E_ROW_ALONE, &pos, "the value",
			    (int)(ve - v), v, "key",
			    "put its key in the cell before it");
		else
			rb_msg(c->d, MSG_E_ROW_ALONE, &pos, "the key",
			    (int)(ke - k), k, "value",
			    "put its value in the cell after it");
		return;
	}
	buf_put(b, k, (size_t)(ke - k));
	BUF_PUTSL(b, ": ");
	if (v == ve)
		BUF_PUTSL(b, "''");
	else
		buf_put(b, v, (size_t)(ve - v));
	buf_putc(b, '\n');
	S_ymap_add(c, line, (int)utf8_count(ls, (size_t)(k - ls)) + 1,
	    (int)utf8_count(k, (size_t)(ke - k)) + 3,
	    (int)utf8_count(ls, (size_t)((v == ve ? v0 : v) - ls)) + 1);
}

/* Writes the pairs of row ls[0..le) of kind kind, file line line, to b. */
static void
S_yrow(struct md_ctx *c, struct buf *b, int line, int kind, const char *ls,
    const char *le)
{
	const char *s = ls, *e = le, *cs, *ce, *k = NULL, *ke = NULL, *v;
	char sep = kind == ROW_PIPE ? '|' : '\t';
	size_t kl;

	if (kind == ROW_PAIRS) {
		/* key：value, then each further key：value after blanks */
		for (ce = s; *ce != ':' && memcmp(ce, "：", 3) != 0; ce++)
			;
		for (;;) {
			v = ce + (*ce == ':' ? 1 : 3);
			cs = S_second_key(v, le, &kl);
			S_ypair(c, b, line, ls, s, ce, v, cs != NULL ? cs : le);
			if (cs == NULL)
				return;
			s = cs;
			ce = cs + kl;
		}
	}
	S_ctrim(&s, &e);
	if (kind == ROW_TAB)	/* a trailing tab ends an empty cell */
		while (e < le && (*e == '\t' || *e == ' '))
			e++;
	if (kind == ROW_PIPE) {
		if (S_delimrow(s, e))
			return;
		s++;
		if (e > s && e[-1] == '|')
			e--;
	}
	for (cs = s;; cs = ce + 1) {
		if ((ce = memchr(cs, sep, (size_t)(e - cs))) == NULL)
			ce = e;
		if (k == NULL) {
			k = cs;
			ke = ce;
		} else {
			S_ypair(c, b, line, ls, k, ke, cs, ce);
			k = NULL;
		}
		if (ce == e)
			break;
	}
	if (k != NULL)
		S_ypair(c, b, line, ls, k, ke, NULL, NULL);
}

/*
 * Reads the front matter's lines before libyaml does, for the mistakes
 * people make typing YAML by hand: a tab in the indentation is an error
 * at the tab ("indent with spaces"); a full-width colon after a key
 * (岗位名称：业务员, as a Chinese input method types it) is read as ": ";
 * rows (above) become a pair a line.  Returns a copy of yaml[0..n) to
 * parse (caller frees), its length in *np, or NULL after an error.
 */
static char *
S_yprep(struct md_ctx *c, const char *yaml, size_t n, size_t *np)
{
	char *y = xstrndup(yaml, n), *ls, *le, *p, *fw, *ac, *q, *kc;
	const char *k2, *e2, *ks, *ke;
	size_t kl, nrows = 0, r;
	int line = c->yline, bad = 0, kind, *rows = NULL, labels = c->labels;
	struct rb_pos pos;
	struct buf b = BUF_INIT;

	*np = n;
	for (ls = y; ls < y + n; ls = le + 1, line++) {
		if ((le = memchr(ls, '\n', (size_t)(y + n - ls))) == NULL)
			le = y + n;
		if (labels && (kind = S_rowkind(ls, le)) != ROW_NONE) {
			rows = xreallocarray(rows, nrows + 1, sizeof(int));
			rows[nrows++] = line * 4 + kind;
			continue;
		}
		for (p = ls; p < le && (*p == ' ' || *p == '\t'); p++)
			if (*p == '\t') {
				pos.file = c->file;
				pos.line = line;
				pos.col = (int)(p - ls) + 1;
				rb_msg(c->d, MSG_E_YAML_TAB, &pos);
				bad = 1;
				break;
			}
		if (p < le && *p == '#')
			continue;
		if (p + 2 < le && p[0] == '-' && p[1] == ' ')
			p += 2;		/* a list item: "- key：value" */
		for (fw = p; fw + 2 < le && !((unsigned char)fw[0] == 0xEF &&
		    (unsigned char)fw[1] == 0xBC && (unsigned char)fw[2] == 0x9A);
		    fw++)
			;	/* "：" */
		if (fw + 2 >= le)
			fw = NULL;
		if (fw == NULL && !c->labels)
			continue;	/* "title: …", as YAML writes it */
		ac = memchr(p, ':', (size_t)(le - p));
		/* (ASCII key lines looked at only without '---': a YAML
		 * writer's front matter never has a second key) */
		kc = fw != NULL && fw > p && (ac == NULL || fw < ac) ? fw + 3 :
		    c->labels && ac != NULL ? ac + 1 : NULL;
		if (kc != NULL && (k2 = S_second_key(kc, le, &kl)) != NULL) {
			/* two known keys at the top level: a row */
			ks = ls;
			ke = kc - (kc[-1] == ':' ? 1 : 3);
			S_ctrim(&ks, &ke);
			if (p == ls && ke > ks &&
			    rb_field_of_key(ks, (size_t)(ke - ks)) >= 0) {
				rows = xreallocarray(rows, nrows + 1,
				    sizeof(int));
				rows[nrows++] = line * 4 + ROW_PAIRS;
				continue;
			}
			pos.file = c->file;
			pos.line = line;
			pos.col = (int)utf8_count(ls, (size_t)(k2 - ls)) + 1;
			for (e2 = k2 + kl; e2 < le && *e2 != '\r' &&
			    !(le - e2 >= 3 && memcmp(e2, "\xE3\x80\x80", 3) == 0) &&
			    *e2 != '\t' && !(*e2 == ' ' && e2 + 1 < le &&
			    e2[1] == ' '); e2++)
				;
			rb_msg(c->d, MSG_E_YAML_TWO_KEYS, &pos, (int)kl, k2,
			    (int)(e2 - k2), k2);
			bad = 1;
			continue;
		}
		if (fw == NULL || fw <= p || (ac != NULL && ac < fw))
			continue;
		for (q = p; q < fw && *q != '"' && *q != '\''; q++)
			;
		if (q < fw || utf8_count(p, (size_t)(fw - p)) > 24)
			continue;	/* quoted: not a key */
		memcpy(fw, ":  ", 3);
		c->fwl = xreallocarray(c->fwl, c->nfw + 1, sizeof(int));
		c->fwc = xreallocarray(c->fwc, c->nfw + 1, sizeof(int));
		c->fwl[c->nfw] = line;
		c->fwc[c->nfw++] = (int)utf8_count(ls, (size_t)(fw - ls)) + 1;
		c->moved = 1;
	}
	if (bad) {
		free(rows);
		free(y);
		return NULL;
	}
	if (nrows == 0)
		return y;
	/* A copy with a pair a line, and where each line came from. */
	r = 0;
	line = c->yline;
	for (ls = y; ls < y + n; ls = le + 1, line++) {
		if ((le = memchr(ls, '\n', (size_t)(y + n - ls))) == NULL)
			le = y + n;
		if (r < nrows && rows[r] / 4 == line) {
			S_yrow(c, &b, line, rows[r++] % 4, ls, le);
			continue;
		}
		buf_put(&b, ls, (size_t)(le - ls));
		buf_putc(&b, '\n');
		S_ymap_add(c, line, 0, 0, 0);
	}
	free(rows);
	free(y);
	*np = b.len;
	if (b.data == NULL)
		return xstrdup("");
	return b.data;
}

/*
 * Explains libyaml's "mapping values are not allowed" at a second ': ' on
 * a line: the value holds ': ' and must be quoted.  Returns 1 when it
 * did (reported at the value), 0 when the error is another one.
 */
static int
S_yquote(struct md_ctx *c, const char *yaml, size_t n, const yaml_parser_t *ps)
{
	const char *ls = yaml, *le, *k, *colon, *v;
	struct rb_pos pos;
	yaml_mark_t mk;
	size_t l;

	if (ps->problem == NULL || strstr(ps->problem, "mapping values are "
	    "not allowed") == NULL)
		return 0;
	for (l = 0; l < ps->problem_mark.line && ls < yaml + n; l++) {
		if ((ls = memchr(ls, '\n', (size_t)(yaml + n - ls))) == NULL)
			return 0;
		ls++;
	}
	if (ls >= yaml + n)
		return 0;
	if ((le = memchr(ls, '\n', (size_t)(yaml + n - ls))) == NULL)
		le = yaml + n;
	for (k = ls; k < le && (*k == ' ' || *k == '-'); k++)
		;
	if ((colon = memchr(k, ':', (size_t)(le - k))) == NULL)
		return 0;
	for (v = colon + 1; v < le && *v == ' '; v++)
		;
	if (v >= le || *v == '"' || *v == '\'')
		return 0;
	mk = ps->problem_mark;
	mk.column = utf8_count(ls, (size_t)(v - ls));
	pos = S_ypos(c, mk);
	while (le > v && (le[-1] == ' ' || le[-1] == '\r'))
		le--;
	rb_msg(c->d, MSG_E_YAML_QUOTE, &pos, (int)(colon - k), k,
	    (int)(colon - k), k, (int)(le - v), v);
	return 1;
}

/* Is a scalar node a YAML null (empty, ~, null) written plain? */
static int
S_ynull(const yaml_node_t *n)
{
	const char *v = (const char *)n->data.scalar.value;

	if (n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return 0;
	return n->data.scalar.length == 0 || strcmp(v, "~") == 0 ||
	    strcmp(v, "null") == 0 || strcmp(v, "Null") == 0 ||
	    strcmp(v, "NULL") == 0;
}

/*
 * Stores a string front-matter value into dst.  Errors when not a scalar.
 * An empty value is stored as "" when required (val_role() says so), else
 * left out.  Returns 0 when set to a value that is not empty.
 */
static int
S_ystr(struct md_ctx *c, const char *key, yaml_node_t *v, struct rb_str *dst,
    int required)
{
	struct rb_pos p = S_ypos(c, v->start_mark);
	const char *s;
	size_t n;

	if (v->type != YAML_SCALAR_NODE) {
		rb_msg(c->d, MSG_E_YAML_STRING, &p, key);
		return -1;
	}
	n = v->data.scalar.length;
	s = md_trim((const char *)v->data.scalar.value, &n);
	if (S_ynull(v) || n == 0) {
		if (required)
			rb_str_set(dst, "", 0, &p);
		return -1;
	}
	/* a plain value on its line: its column is past what was trimmed */
	if (v->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
	    v->start_mark.line == v->end_mark.line)
		p.col += (int)utf8_count((const char *)v->data.scalar.value,
		    (size_t)(s - (const char *)v->data.scalar.value));
	rb_str_set(dst, s, n, &p);
	return 0;
}

/*
 * The key of pair pr of a map of doc, with its value in *v and its place
 * in *kp; NULL to skip the pair (a key that is not a string: reported).
 */
static const char *
S_ykey(struct md_ctx *c, yaml_document_t *doc, const yaml_node_pair_t *pr,
    yaml_node_t **v, struct rb_pos *kp)
{
	yaml_node_t *k = yaml_document_get_node(doc, pr->key);

	*v = yaml_document_get_node(doc, pr->value);
	if (k == NULL || *v == NULL)
		return NULL;
	*kp = S_ypos(c, k->start_mark);
	if (k->type != YAML_SCALAR_NODE) {
		rb_msg(c->d, MSG_E_YAML_KEY, kp);
		return NULL;
	}
	return (const char *)k->data.scalar.value;
}

/*
 * Reads one front-matter map m (a sequence item: a target) into a new
 * item of id, its keys the items' attributes (src/model/fields.c).
 */
static void
S_ymap(struct md_ctx *c, yaml_document_t *doc, yaml_node_t *m,
    const struct rb_itemdef *id)
{
	struct rb_pos p = S_ypos(c, m->start_mark), kp;
	const struct rb_attrdef *a;
	struct buf b = BUF_INIT;
	struct rb_str *dst;
	yaml_node_pair_t *pr;
	yaml_node_t *v;
	const char *key;
	void *it;
	int i;

	if (m->type != YAML_MAPPING_NODE) {
		for (i = 0; i < id->nattrs; i++)
			buf_printf(&b, "%s%s", i == 0 ? "" : i + 1 <
			    id->nattrs ? ", " : " and ", id->attrs[i].name);
		rb_msg(c->d, MSG_E_NOT_MAP, &p, id->what, b.data);
		buf_free(&b);
		return;
	}
	it = rb_list_add(c->role, id);
	*(struct rb_pos *)(void *)((char *)it + id->poff) = p;
	for (pr = m->data.mapping.pairs.start; pr < m->data.mapping.pairs.top;
	    pr++) {
		if ((key = S_ykey(c, doc, pr, &v, &kp)) == NULL)
			continue;
		/* Their rules: val_role(), for both formats. */
		if ((a = rb_item_attr(id, key, strlen(key))) == NULL ||
		    (dst = rb_item_str(it, a)) == NULL) {
			md_unknown_attr(c, &kp, id, key);
			continue;
		}
		if (dst->s != NULL) {
			rb_msg(c->d, MSG_E_ATTR_TWICE, &kp, key);
			continue;
		}
		(void)S_ystr(c, key, v, dst, a->flags & RB_AF_REQUIRED);
	}
}

/* Reports the first YAML anchor or alias, with the count of its kind. */
static void
S_yref(struct md_ctx *c, const struct rb_pos *p, const char *what, char sigil,
    const char *name, size_t n)
{
	char more[64] = "";

	if (n > 1)
		snprintf(more, sizeof(more), " (%zu %s%s in all)", n, what,
		    what[strlen(what) - 1] == 's' ? "es" : "s");
	rb_msg(c->d, MSG_E_YAML_REF, p, what, sigil, name, more);
}

/*
 * Can the front matter y[0..n) hold nothing S_ypre() guards against?  So
 * when it has no flow collection, anchor or alias ('[', '{', '&' or '*'
 * anywhere, even inside a value: such a file is read twice, as before), and
 * its nesting is within the limit.  A block collection starts on its line
 * after the indentation and the "- ", "? " or ": " indicators before it;
 * one nested in another starts further right, except a sequence at its
 * mapping's column, so the nesting is at most 2 (cmax + 1) + 1 for the
 * rightmost such start cmax.  The usual front matter (scalars, the
 * targets' list) passes and is parsed once, by the load: the event pass
 * was 8 % of `rolebook check`.
 */
static int
S_yplain(const char *y, size_t n)
{
	size_t i = 0, col, cmax = 0;

	while (i < n) {
		for (col = 0; i < n; i++, col++)
			if (y[i] != ' ' && y[i] != '\t' &&
			    !((y[i] == '-' || y[i] == '?' || y[i] == ':') &&
			    (i + 1 == n || y[i + 1] == ' ' ||
			    y[i + 1] == '\t' || y[i + 1] == '\n' ||
			    y[i + 1] == '\r')))
				break;
		if (col > cmax)
			cmax = col;
		for (; i < n && y[i] != '\n'; i++)
			if (y[i] == '[' || y[i] == '{' || y[i] == '&' ||
			    y[i] == '*')
				return 0;
		i++;
	}
	return 2 * (cmax + 1) + 1 <= (size_t)MD_MAX_DEPTH;
}

/*
 * libyaml 0.2.5 takes time quadratic in the nesting of a document (200,000
 * nested '[' take minutes), and its document API expands every alias into
 * the node it names (80,000 aliases of one target map were 80,000 targets,
 * compared pairwise).  So the front matter's events are read first: the
 * reading stops at the depth limit, and anchors and aliases are refused
 * (nobody writes them by hand), each kind once at its first use with the
 * count.  Returns 1 (error reported) when refused; syntax errors are left
 * to the load that follows.
 */
static int
S_ypre(struct md_ctx *c, const char *yaml, size_t n)
{
	yaml_parser_t ps;
	yaml_event_t ev;
	struct rb_pos p, pal = { NULL, 0, 0 }, pan = { NULL, 0, 0 };
	const char *anchor;
	char *al = NULL, *an = NULL;
	size_t nal = 0, nan = 0;
	int depth = 0, deep = 0, done = 0;

	yaml_parser_initialize(&ps);
	yaml_parser_set_input_string(&ps, (const unsigned char *)yaml, n);
	yaml_parser_set_encoding(&ps, YAML_UTF8_ENCODING);
	while (!done && yaml_parser_parse(&ps, &ev)) {
		anchor = NULL;
		if (ev.type == YAML_SEQUENCE_START_EVENT ||
		    ev.type == YAML_MAPPING_START_EVENT) {
			anchor = ev.type == YAML_SEQUENCE_START_EVENT ?
			    (const char *)ev.data.sequence_start.anchor :
			    (const char *)ev.data.mapping_start.anchor;
			if (++depth > MD_MAX_DEPTH) {
				p = S_ypos(c, ev.start_mark);
				rb_msg(c->d, MSG_E_YAML_DEEP, &p, MD_MAX_DEPTH,
				    rb_limit_hint(RB_LIM_DEPTH));
				deep = done = 1;
			}
		} else if (ev.type == YAML_SEQUENCE_END_EVENT ||
		    ev.type == YAML_MAPPING_END_EVENT)
			depth--;
		else if (ev.type == YAML_SCALAR_EVENT)
			anchor = (const char *)ev.data.scalar.anchor;
		else if (ev.type == YAML_ALIAS_EVENT && nal++ == 0) {
			pal = S_ypos(c, ev.start_mark);
			al = xstrdup((const char *)ev.data.alias.anchor);
		} else if (ev.type == YAML_STREAM_END_EVENT)
			done = 1;
		if (anchor != NULL && nan++ == 0) {
			pan = S_ypos(c, ev.start_mark);
			an = xstrdup(anchor);
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&ps);
	if (an != NULL)
		S_yref(c, &pan, "anchor", '&', an, nan);
	if (al != NULL)
		S_yref(c, &pal, "alias", '*', al, nal);
	free(an);
	free(al);
	return deep || an != NULL || al != NULL;
}

/*
 * Parses the front matter yaml[0..n) (starting on file line 2) into the
 * role.  Returns -1 when refused or on a YAML syntax error (reported),
 * else 0.
 */
static int
S_front(struct md_ctx *c, const char *yaml, size_t n)
{
	yaml_parser_t ps;
	yaml_document_t doc;
	yaml_node_t *root, *v, *it;
	yaml_node_pair_t *pr;
	yaml_node_item_t *ip;
	struct rb_pos p, kp;
	struct rb_str *dst;
	const char *key;
	unsigned seen = 0;
	int first[RB_F__MAX] = { 0 };
	int ki;

	if (!S_yplain(yaml, n) && S_ypre(c, yaml, n))
		return -1;
	yaml_parser_initialize(&ps);
	yaml_parser_set_input_string(&ps, (const unsigned char *)yaml, n);
	yaml_parser_set_encoding(&ps, YAML_UTF8_ENCODING);
	if (!yaml_parser_load(&ps, &doc)) {
		p = S_ypos(c, ps.problem_mark);
		if (S_yquote(c, yaml, n, &ps))
			;
		else if (ps.context != NULL)
			rb_msg(c->d, MSG_E_YAML_SYNTAX_IN, &p,
			    ps.problem ? ps.problem : "error", ps.context);
		else
			rb_msg(c->d, MSG_E_YAML_SYNTAX, &p,
			    ps.problem ? ps.problem : "error");
		yaml_parser_delete(&ps);
		return -1;
	}
	root = yaml_document_get_root_node(&doc);
	if (root != NULL && !(root->type == YAML_SCALAR_NODE && S_ynull(root))
	    && root->type != YAML_MAPPING_NODE) {
		p = S_ypos(c, root->start_mark);
		rb_msg(c->d, MSG_E_YAML_NOT_MAP, &p);
		root = NULL;
	}
	if (root != NULL && root->type == YAML_MAPPING_NODE)
		for (pr = root->data.mapping.pairs.start;
		    pr < root->data.mapping.pairs.top; pr++) {
			if ((key = S_ykey(c, &doc, pr, &v, &kp)) == NULL)
				continue;
			if ((ki = rb_field_of_key(key, strlen(key))) < 0) {
				S_unknown_key(c, &kp, key);
				continue;
			}
			if (seen & (1u << ki)) {
				rb_msg(c->d, MSG_E_FIELD_TWICE, &kp, "key", key,
				    rb_fields[ki].name, first[ki]);
				continue;
			}
			seen |= 1u << ki;
			first[ki] = kp.line;
			key = rb_fields[ki].name;
			/* The scalar fields, as the table has them; their
			 * rules: val_role(), for both formats. */
			if ((dst = rb_field_str(c->role, ki)) != NULL) {
				(void)S_ystr(c, key, v, dst,
				    rb_fields[ki].required ||
				    rb_fields[ki].kind == RB_FK_INT);
				if (rb_fields[ki].kind == RB_FK_INT)
					c->role->headcount_pos = dst->pos;
				continue;
			}
			switch ((enum rb_field)ki) {
			case RB_F_ID: {
				struct rb_str id = { NULL, { NULL, 0, 0 } };

				if (S_ystr(c, key, v, &id, 1) == 0) {
					free(c->role->id);
					c->role->id = id.s;
					c->role->pos = id.pos;
				} else if (id.s != NULL) {
					rb_msg(c->d, MSG_E_EMPTY, &id.pos,
					    key, rb_fields[ki].label, "");
					rb_str_free(&id);
				}
				break;
			}
			case RB_F_TARGETS:
				if (v->type == YAML_SCALAR_NODE && S_ynull(v))
					break;
				if (v->type != YAML_SEQUENCE_NODE) {
					p = S_ypos(c, v->start_mark);
					rb_msg(c->d, MSG_E_YAML_TARGETS, &p);
					break;
				}
				for (ip = v->data.sequence.items.start;
				    ip < v->data.sequence.items.top; ip++)
					if ((it = yaml_document_get_node(&doc,
					    *ip)) != NULL)
						S_ymap(c, &doc, it,
						    rb_fields[ki].item);
				break;
			default:
				break;
			}
		}
	yaml_document_delete(&doc);
	yaml_parser_delete(&ps);
	return 0;
}

/* Is the line at s (ending at '\n' or end) exactly "---" (CR allowed)? */
static int
S_fence(const char *s, const char *end)
{
	if (end - s < 3 || memcmp(s, "---", 3) != 0)
		return 0;
	s += 3;
	while (s < end && (*s == ' ' || *s == '\t' || *s == '\r'))
		s++;
	return s == end || *s == '\n';
}

/* Is the line at s only blanks (CR allowed)? */
static int
S_blank_line(const char *s, const char *end)
{
	while (s < end && (*s == ' ' || *s == '\t' || *s == '\r'))
		s++;
	return s == end || *s == '\n';
}

/*
 * Is file line l the document's own title line (rb_doc_title)?  Then the
 * role's title is line[*off..*off + *len), at *pos.
 */
static int
S_title_line(struct md_ctx *c, int l, struct rb_pos *pos, size_t *off,
    size_t *len)
{
	const char *s = c->data + c->lines[l - 1], *e;

	if ((e = memchr(s, '\n', (size_t)(c->data + c->len - s))) == NULL)
		e = c->data + c->len;
	if (!rb_doc_title(s, (size_t)(e - s), off, len))
		return 0;
	*pos = md_filepos(c, l, (int)*off + 1);
	return 1;
}

/* Is file line l the heading of the basic information (rb_ident_heading)? */
static int
S_ident_line(struct md_ctx *c, int l)
{
	const char *s = c->data + c->lines[l - 1], *e;

	if ((e = memchr(s, '\n', (size_t)(c->data + c->len - s))) == NULL)
		e = c->data + c->len;
	return rb_ident_heading(s, (size_t)(e - s));
}

/*
 * Does the line at s start with a front-matter key and a colon
 * ("岗位名称：业务员", "title: x"), or is it a table row whose
 * first cell is a key ("岗位名称	业务员", "| 岗位名称 | 业务员 |")?  Then the lines up to the first blank
 * one are the front matter, without '---' around them.
 */
static int
S_key_line(const char *s, const char *end)
{
	const char *nl = memchr(s, '\n', (size_t)(end - s)), *cl, *fw, *e;
	size_t n;

	if (nl == NULL)
		nl = end;
	if (S_rowkind(s, nl) != ROW_NONE) {
		/* a table row: its first cell is a key */
		e = nl;
		S_ctrim(&s, &e);
		if (*s == '|')
			s++;
		for (cl = s; cl < e && *cl != '|' && *cl != '\t'; cl++)
			;
		if (cl - s >= 3 && memcmp(cl - 3, "：", 3) == 0)
			cl -= 3;
		else if (cl > s && cl[-1] == ':')
			cl--;
		S_ctrim(&s, &cl);
		return cl > s && rb_field_of_key(s, (size_t)(cl - s)) >= 0;
	}
	cl = memchr(s, ':', (size_t)(nl - s));
	fw = memmem(s, (size_t)(nl - s), "：", 3);
	if (fw != NULL && (cl == NULL || fw < cl))
		cl = fw;
	if (cl == NULL)
		return 0;
	n = (size_t)(cl - s);
	s = md_trim(s, &n);
	return n > 0 && rb_field_of_key(s, n) >= 0;
}

int
md_front(struct md_ctx *c)
{
	const char *data = c->data, *end = c->data + c->len, *yaml, *p;
	struct rb_pos tpos;
	char *ycopy;
	size_t toff = 0, tlen = 0, ylen;
	int fl, k, body0, tline = 0, nolabels = 0;

	c->yline = 2;
	if (!S_fence(data, end) || c->len < 4 ||
	    (data[3] != '\n' && data[3] != '\r')) {
		/* Pasted: blank lines, the document's own title line
		 * (客服专员岗位说明书), then label lines (岗位名称：…). */
		c->labels = 1;
		for (fl = 1; fl <= c->nlines &&
		    S_blank_line(data + c->lines[fl - 1], end); fl++)
			;
		if (fl <= c->nlines && S_title_line(c, fl, &tpos, &toff,
		    &tlen)) {
			tline = fl;
			for (fl++; fl <= c->nlines &&
			    S_blank_line(data + c->lines[fl - 1], end); fl++)
				;
		}
		/* 一、基本资料 over the label lines: their heading only. */
		if (fl <= c->nlines && S_ident_line(c, fl)) {
			for (k = fl + 1; k <= c->nlines &&
			    S_blank_line(data + c->lines[k - 1], end); k++)
				;
			if (k <= c->nlines &&
			    S_key_line(data + c->lines[k - 1], end))
				fl = k;
		}
		c->yline = fl;
		nolabels = fl > c->nlines ||
		    !S_key_line(data + c->lines[fl - 1], end);
		if (nolabels && tline == 0) {
			rb_msg_at(c->d, MSG_E_NO_FRONT, c->file, 1, 1);
			return -1;
		}
	}
	/* Find the closing '---' line, from line 2 on; without the opening
	 * one, the first blank line or heading ends the front matter. */
	yaml = c->yline <= c->nlines ? data + c->lines[c->yline - 1] : end;
	for (fl = c->yline; fl <= c->nlines && !nolabels; fl++) {
		p = data + c->lines[fl - 1];
		if (c->labels ? S_blank_line(p, end) || *p == '#' :
		    p < end && S_fence(p, end))
			break;
	}
	body0 = c->labels ? fl - 1 : fl;
	if (fl > c->nlines && c->labels) {
		fl = c->nlines + 1;
		body0 = c->nlines;
	} else if (fl > c->nlines) {
		rb_msg_at(c->d, MSG_E_FRONT_OPEN, c->file, 1, 1);
		return -1;
	}
	if (c->labels)	/* where the pasted role starts */
		c->role->head.line = tline > 0 ? tline : c->yline;
	ylen = (size_t)((fl <= c->nlines ? data + c->lines[fl - 1] : end) -
	    yaml);
	if ((ycopy = S_yprep(c, yaml, ylen, &ylen)) == NULL ||
	    S_front(c, ycopy, ylen) < 0)
		body0 = -1;
	free(ycopy);
	if (c->moved) {
		free(c->fwl);
		free(c->fwc);
		c->fwl = c->fwc = NULL;
		c->nfw = 0;
		free(c->ymap);
		c->ymap = NULL;
		c->nymap = 0;
		c->moved = 0;
	}
	/* The title line names the role unless a label line does. */
	if (body0 >= 0 && tline > 0 &&
	    rb_field_str(c->role, RB_F_TITLE)->s == NULL)
		rb_str_set(rb_field_str(c->role, RB_F_TITLE), data +
		    c->lines[tline - 1] + toff, tlen, &tpos);
	return body0;
}
