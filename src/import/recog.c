/*
 * recog.c — paragraphs of a job description into the fields and sections
 * of a role (import.h), by the field table and the numbering recogniser
 * of src/model/fields.c, the same rules the Markdown loader applies.
 *
 * A paragraph is, in this order of tests:
 *   - empty: it ends the item before (no continuation line after it);
 *   - key lines "岗位名称：行政专员  所属部门：行政人事部" (several keys on
 *     one line, separated by two blanks, a tab or an ideographic space);
 *   - a title heading "XXX岗位说明书";
 *   - a section heading: a known one (工作职责, 一、岗位职责：, bold,
 *     Word heading style or not), possibly with its first text after the
 *     colon; or an unknown one when it looks like a heading (a Word
 *     heading, a short bold paragraph, 一、 or 第一条 numbering): kept as
 *     an extra section, with a warning;
 *   - content: text of the summary, or an item of a list section.  An
 *     item starts with a number (1、 （1） ① … or Word's list numbering);
 *     （1） under 1、 is a sub-item; an unnumbered paragraph right after an
 *     item continues it on a new line.  "1、…。2、…" run together on one
 *     line (as copied from a PDF) are split into items.
 * Anything before the first section that is none of these is kept in an
 * extra section "其他" with a warning at its place.
 */
#include <stdlib.h>
#include <string.h>

#include "../util/util.h"
#include "../util/diag.h"
#include "../model/model.h"
#include "../model/fields.h"
#include "import.h"

struct S_rc {
	const struct imp_doc	*doc;
	const struct imp_para	*p;	/* the paragraph at hand */
	struct imp_role		*r;
	struct diag		*d;
	struct imp_sect		*cur;	/* NULL before the first section */
	enum rb_numkind		 kind;	/* numbering of cur's items */
	int			 open;	/* the paragraph before was an item */
	int			 keytitle; /* the title came from 岗位名称： */
};

/* Warning at the paragraph at hand (docx: with its table cell). */
static void
S_warn(struct S_rc *c, const char *a, const char *b)
{
	const struct imp_para *p = c->p;
	char where[96] = "";

	if (p->table)
		snprintf(where, sizeof(where), "paragraph %d (table %d, row %d, "
		    "cell %d): ", p->line, p->table, p->row, p->cell);
	else if (c->doc->docx)
		snprintf(where, sizeof(where), "paragraph %d: ", p->line);
	diag_at(c->d, DIAG_WARNING, c->doc->file, c->doc->docx ? 0 : p->line,
	    0, "%s%s: %s", where, a, b);
}

static struct imp_sect *
S_sect(struct S_rc *c, int field, const char *title)
{
	struct imp_sect *s;
	size_t i;

	for (i = 0; field >= 0 && i < c->r->nsect; i++)
		if (c->r->sect[i].field == field)
			return &c->r->sect[i];
	c->r->sect = xgrow(c->r->sect, c->r->nsect, sizeof(*c->r->sect));
	s = &c->r->sect[c->r->nsect++];
	memset(s, 0, sizeof(*s));
	s->field = field;
	s->title = title ? xstrdup(title) : NULL;
	s->line = c->p->line;
	return s;
}

static void
S_enter(struct S_rc *c, struct imp_sect *s)
{
	c->cur = s;
	c->kind = RB_NUM_NONE;
	c->open = 0;
}

static int
S_is_colon(const char *s, size_t *len)
{
	if (*s == ':') {
		*len = 1;
		return 1;
	}
	if (strncmp(s, "：", 3) == 0) {
		*len = 3;
		return 1;
	}
	return 0;
}

/* Length of a separator between key pieces at s: 2+ spaces, a tab or an
 * ideographic space (with the blanks around it); else 0. */
static size_t
S_keysep(const char *s)
{
	size_t n = utf8_blank_len(s, strlen(s));

	if (n == 0)
		return 0;
	if (n >= 2 || s[0] == '\t' || strncmp(s, "\xE3\x80\x80", 3) == 0)
		return n;
	return 0;
}

/*
 * A value that says "none": a dash ("—", "-", "无"), or a dash and a note
 * ("—（最高岗位）", as role sheets print a top role's superior).  Such a
 * field is left out.
 */
static int
S_none(const char *v, size_t n)
{
	static const char *const dash[] = { "\xE2\x80\x94", "\xE2\x80\x94\xE2\x80\x94",
	    "-", "--", "\xE6\x97\xA0", "\xEF\xBC\x8D", NULL };	/* — —— - -- 无 － */
	const char *const *d;
	size_t k;

	for (d = dash; *d; d++) {
		k = strlen(*d);
		if (n >= k && memcmp(v, *d, k) == 0 && (n == k ||
		    strncmp(v + k, "\xEF\xBC\x88", 3) == 0 || v[k] == '('))
			return 1;
	}
	return 0;
}

/* A single blank before another known key ("客服部 直接上级：…"). */
static int
S_nextkey(const char *s)
{
	size_t b = utf8_blank_len(s, strlen(s)), cl;
	const char *e;

	if (b == 0)
		return 0;
	for (e = s + b; *e && !S_is_colon(e, &cl) && *e != ' '; e++)
		;
	return S_is_colon(e, &cl) && e > s + b &&
	    rb_field_of_key(s + b, (size_t)(e - s - b)) >= 0;
}

/*
 * Key lines: every piece "label：value" names a field of the table (or a
 * derived field, left out with a warning).  Returns 1 when the paragraph
 * was key lines.
 */
static int
S_keys(struct S_rc *c, const char *t)
{
	struct { const char *k; size_t kn; const char *v; size_t vn; int f; }
	    piece[8];
	size_t np = 0, i, cl, sep;
	const char *s = t, *e;
	int f;

	while (*s != '\0' && np < 8) {
		/* label */
		for (e = s; *e && !S_is_colon(e, &cl); e++)
			if (S_keysep(e))
				return 0;
		if (*e == '\0')
			return 0;
		piece[np].k = s;
		piece[np].kn = (size_t)(e - s);
		s = e + cl;
		s += utf8_blank_len(s, strlen(s));
		for (e = s; *e && !S_keysep(e) && !S_nextkey(e); e += 1)
			;
		piece[np].v = s;
		piece[np].vn = (size_t)(e - s);
		np++;
		s = e;
		if ((sep = S_keysep(s)) > 0 || S_nextkey(s))
			s += sep ? sep : utf8_blank_len(s, strlen(s));
	}
	if (np == 0 || *s != '\0')
		return 0;
	for (i = 0; i < np; i++) {
		f = rb_field_of_key(piece[i].k, piece[i].kn);
		if (f < 0) {
			if (!rb_derived_key(piece[i].k, piece[i].kn))
				return 0;
			f = -2;
		} else if (f > RB_F_HEADCOUNT || f == RB_F_TARGETS)
			return 0;
		piece[i].f = f;
	}
	for (i = 0; i < np; i++) {
		char *k = xstrndup(piece[i].k, piece[i].kn);

		f = piece[i].f;
		if (f == -2)
			S_warn(c, k, "not kept: rolebook derives the "
			    "direct reports from each role's 直接上级");
		else if (f == RB_F_ID)
			S_warn(c, k, "not kept: the file name, from the "
			    "title, is the role's id");
		else if (piece[i].vn > 0 && !S_none(piece[i].v, piece[i].vn)) {
			size_t vn = piece[i].vn;

			/* "12 人", as a role sheet prints the headcount */
			if (f == RB_F_HEADCOUNT && vn > 3 && memcmp(piece[i].v +
			    vn - 3, "\xE4\xBA\xBA", 3) == 0) {	/* 人 */
				vn -= 3;
				while (vn > 0 && piece[i].v[vn - 1] == ' ')
					vn--;
			}
			free(c->r->key[f]);
			c->r->key[f] = xstrndup(piece[i].v, vn);
			if (f == RB_F_TITLE)
				c->keytitle = 1;
		}
		free(k);
	}
	return 1;
}

/* What ends a title heading's line, longest first. */
static const char *const S_title_tails[] = { "岗位职务说明书",
	"岗位职责说明书", "岗位说明书", "职位说明书", "职务说明书",
	"工作说明书", "岗位职责与要求", "岗位职责及要求", "岗位职责", "说明书",
	NULL };

void
imp_words(void (*fn)(const char *, void *), void *arg)
{
	const char *const *w;

	for (w = S_title_tails; *w; w++)
		fn(*w, arg);
}

/*
 * "营销总监岗位说明书" -> the title "营销总监".  Returns what follows the
 * title on its line (a copied document may run "…说明书一、岗位概述…"
 * together), "" when nothing does, or NULL when t is no title.
 */
static const char *
S_title_heading(struct S_rc *c, const char *t)
{
	const char *const *suf = S_title_tails;
	const char *p, *e, *title = c->r->key[RB_F_TITLE];
	enum rb_numkind k;
	size_t sn, i, cl;

	if (rb_num_prefix(t, strlen(t), NULL) > 0)
		return NULL;
	for (i = 0; suf[i]; i++) {
		sn = strlen(suf[i]);
		if ((p = rb_name_find(t, strlen(t), suf[i])) == NULL || p == t ||
		    utf8_count(t, (size_t)(p - t)) > 30)
			continue;
		e = p;
		/* The same title again (a copied page header) is dropped. */
		if (title != NULL && (strlen(title) != (size_t)(p - t) ||
		    memcmp(title, t, (size_t)(p - t)) != 0))
			continue;
		p += sn;
		if (S_is_colon(p, &cl))
			p += cl;
		p += utf8_blank_len(p, strlen(p));
		if (*p != '\0' && (rb_num_prefix(p, strlen(p), &k) == 0 ||
		    (k != RB_NUM_CN_DUN && k != RB_NUM_CN_PAREN)))
			continue;
		if (title == NULL)
			c->r->key[RB_F_TITLE] = xstrndup(t, (size_t)(e - t));
		return p;
	}
	return NULL;
}

/* Does the paragraph look like a heading, known or not? */
static int
S_headlike(const struct S_rc *c, const char *t, size_t n, enum rb_numkind k)
{
	size_t chars = utf8_count(t, n);

	if (memmem(t, n, "。", 3) != NULL || chars > 30)
		return 0;
	if (c->p->heading > 0)
		return 1;
	if (c->p->bold && chars <= 24)
		return 1;
	/* 一、 numbering: a heading unless the list at hand numbers so. */
	return (k == RB_NUM_CN_DUN || k == RB_NUM_CN_PAREN ||
	    k == RB_NUM_ARTICLE) && chars <= 20 &&
	    !(c->cur && c->cur->nitems > 0 && c->kind == k);
}

/* Can s[0..n), the words before a colon, be a heading's: short, and no
 * sentence in it? */
static int
S_headlen(const char *s, size_t n)
{
	return n > 0 && utf8_count(s, n) <= 24 && memmem(s, n, "。", 3) ==
	    NULL && memmem(s, n, "；", 3) == NULL && memchr(s, ';', n) == NULL;
}

/*
 * A heading run into the text after it, as a page copied from the web
 * gives it: "保險業務督導崗位職責1、根據…", "…崗位職責21.負責…" (the
 * document's own number, 2, before its first item's), "…崗位職責4組織實施…"
 * (a number and the text), or headings in a row ("保險公司房責險業務崗位職責
 * 保險業務督導崗位職責1、…": the last counts).  A heading's words are at
 * most 24 characters without a sentence mark, ending in a known section's
 * name (rb_field_of_heading), the shortest that an item numbered 1、 or 1.
 * (or N1、, N the document's number), a number and text, or another such
 * heading follows.  Returns 1 with the last heading in t[*hoff..*hoff +
 * *hlen) and *rest where the text after it starts; else 0.
 */
static int
S_fused(const char *t, size_t *hoff, size_t *hlen, const char **rest,
    int depth)
{
	size_t n = strlen(t), e, l, h, pre;
	const char *r;
	enum rb_numkind k;
	uint32_t cp;
	int chars;

	for (e = 0, chars = 0; e < n && chars < 24; e += l, chars++) {
		if ((l = utf8_decode(t + e, n - e, &cp)) == 0 || cp == 0x3002 ||
		    cp == 0xFF0C || cp == 0xFF1B || cp == 0xFF1A || cp == ',' ||
		    cp == ';' || cp == ':' || cp == 0x3001 || cp == ' ')
			return 0;		/* 。，；：,;: 、 and blanks */
		h = e + l;
		if (h < 6 || h >= n || !rb_may_name_section(t, h) ||
		    rb_field_of_heading(t, h, NULL, NULL) < 0)
			continue;
		r = t + h;
		/* "11、", "21.": the document's number, then item 1 */
		if (r[0] >= '1' && r[0] <= '9' && r[1] == '1' &&
		    (pre = rb_num_prefix(r + 1, n - h - 1, &k)) > 0 &&
		    rb_num_value(r + 1, pre, NULL) == 1)
			r++;
		if (((pre = rb_num_prefix(r, strlen(r), &k)) > 0 &&
		    (k == RB_NUM_DIGIT_DUN || k == RB_NUM_DIGIT_DOT) &&
		    rb_num_value(r, pre, NULL) == 1) ||
		    /* "4組織實施…": the document's number and its text */
		    (r == t + h && r[0] >= '1' && r[0] <= '9' &&
		    (unsigned char)r[1] >= 0xE4 && (unsigned char)r[1] <= 0xE9 &&
		    (r++, 1))) {
			*hoff = 0;
			*hlen = h;
			*rest = r;
			return 1;
		}
		if (depth < 3 && S_fused(t + h, hoff, hlen, rest, depth + 1)) {
			*hoff += h;
			return 1;
		}
	}
	return 0;
}

/*
 * A lead-in before the first item, "任職人員應滿足以下條件:1.高中…",
 * "在崗人員應做好以下幾方面的事情1.了解…": at most 24 characters without
 * a sentence mark, an optional colon, then an item numbered 1.  Returns
 * the offset of that number in s, else 0.
 */
static size_t
S_leadin(const char *s)
{
	size_t n = strlen(s), e, l, cl, pre;
	enum rb_numkind k;
	uint32_t cp;
	int chars;

	for (e = 0, chars = 0; e < n && chars <= 24; e += l, chars++) {
		if (e > 0 && (pre = rb_num_prefix(s + e, n - e, &k)) > 0 &&
		    (k == RB_NUM_DIGIT_DUN || k == RB_NUM_DIGIT_DOT) &&
		    rb_num_value(s + e, pre, NULL) == 1)
			return e;
		if (S_is_colon(s + e, &cl)) {
			l = cl;
			continue;
		}
		if ((l = utf8_decode(s + e, n - e, &cp)) == 0 || cp == 0x3002 ||
		    cp == 0xFF0C || cp == 0xFF1B || cp == ',' || cp == ';')
			return 0;
	}
	return 0;
}

/*
 * A known section's heading inside a line, after text of the section
 * before it, as a copied PDF runs them together: "…负责。 二、权限: 1、有权…"
 * or "…结算工作; 上述职位任职条件: 1、大专…".  It starts after a sentence
 * mark (。；;) or a blank, with 一、 or （一） numbering, or with none when
 * an item follows its colon; its words (at most 12 characters) end in a
 * colon.  Returns the heading's offset in t, or 0 when there is none.
 */
static size_t
S_midhead(const struct S_rc *c, const char *t)
{
	size_t n = strlen(t), i, b, pre, cl, hl;
	enum rb_numkind k;
	const char *h, *e;
	int mark;

	for (i = 1; i < n; i++) {
		mark = 0;
		if (i >= 3 && (memcmp(t + i - 3, "。", 3) == 0 ||
		    memcmp(t + i - 3, "；", 3) == 0))
			mark = 1;
		else if (t[i - 1] == ';')
			mark = 1;
		else if (t[i - 1] != ' ' && t[i - 1] != '\t' && !(i >= 3 &&
		    memcmp(t + i - 3, "\xE3\x80\x80", 3) == 0))
			continue;
		b = i + utf8_blank_len(t + i, n - i);
		if (b >= n)
			break;
		h = t + b;
		pre = rb_num_prefix(h, n - b, &k);
		if (pre > 0 && k != RB_NUM_CN_DUN && k != RB_NUM_CN_PAREN)
			continue;
		if (pre == 0 && !mark)
			continue;
		if (pre == 0 && S_fused(h, &hl, &hl, &e, 0))
			return b;
		if (pre > 0 && c->cur && c->cur->nitems > 0 && c->kind == k)
			continue;
		/* 12 characters are at most 48 bytes: the search is bounded,
		 * so a long line costs what it weighs. */
		for (e = h + pre; *e && e < h + pre + 49 && !S_is_colon(e,
		    &cl); e++)
			;
		hl = (size_t)(e - h - pre);
		if (!S_is_colon(e, &cl) || hl == 0 || utf8_count(h + pre, hl) > 12 ||
		    !S_headlen(h + pre, hl) || memchr(h + pre, ' ', hl) != NULL)
			continue;
		if (pre == 0 && rb_num_prefix(e + cl, strlen(e + cl), NULL) == 0
		    && S_leadin(e + cl) == 0)
			continue;
		if (rb_field_of_heading(h, (size_t)(e - h), NULL, NULL) >= 0)
			return b;
	}
	return 0;
}

/*
 * A section heading: returns 1 when t was one, with *restp the text after
 * it on the same line (or NULL).
 */
static int
S_heading(struct S_rc *c, const char *t, const char **restp)
{
	enum rb_numkind k = RB_NUM_NONE;
	size_t n = strlen(t), off, tl, pre, cl;
	const char *e, *rest = NULL;
	char *title;
	int f;

	*restp = NULL;
	pre = rb_num_prefix(t, n, &k);
	f = rb_field_of_heading(t, n, &off, &tl);
	if (f < 0) {
		/* "一、岗位职责：负责…": the heading, then its first text.
		 * A heading is short: a long run of text before the colon
		 * ending in 职责 or 权限 is a sentence (S_midhead splits a
		 * heading off its end). */
		for (e = t + pre; *e && !S_is_colon(e, &cl); e++)
			;
		if (*e != '\0' && S_headlen(t + pre, (size_t)(e - t - pre)) &&
		    (f = rb_field_of_heading(t, (size_t)(e - t), &off,
		    &tl)) >= 0)
			rest = e + cl + utf8_blank_len(e + cl, strlen(e + cl));
	}
	if (f < 0 && pre == 0 && S_fused(t, &off, &tl, &rest, 0)) {
		/* "保險業務督導崗位職責1、根據…" */
		f = rb_field_of_heading(t + off, tl, NULL, NULL);
		rest += utf8_blank_len(rest, strlen(rest));
	}
	if (f < 0 && (k == RB_NUM_CN_DUN || k == RB_NUM_CN_PAREN) &&
	    !(c->cur && c->cur->nitems > 0 && c->kind == k)) {
		/* "二、职责描述1. 建立…": the longest known heading first. */
		size_t l, lim = n < pre + 40 ? n : pre + 40;
		uint32_t cp;

		for (e = t + pre; (size_t)(e - t) < lim; e += l) {
			if ((l = utf8_decode(e, n - (size_t)(e - t), &cp)) == 0)
				break;
			/* A long one only with its first item after it: else
			 * "二、职责定义高级业务岗位的职责是…" would lose its
			 * words to the heading. */
			if ((size_t)(e + l - t) > pre + 3 && (utf8_count(t + pre,
			    (size_t)(e + l - t) - pre) <= 8 || rb_num_prefix(e +
			    l, strnlen(e + l, 48), NULL) > 0) &&
			    rb_field_of_heading(t, (size_t)(e + l - t), &off,
			    &tl) >= 0) {
				f = rb_field_of_heading(t, (size_t)(e + l - t),
				    &off, &tl);
				rest = e + l;
			}
		}
		if (rest != NULL)
			rest += utf8_blank_len(rest, strlen(rest));
	}
	if (f >= 0) {
		S_enter(c, S_sect(c, f, NULL));
		*restp = rest != NULL && *rest != '\0' ? rest : NULL;
		return 1;
	}
	title = xstrndup(t + pre, rb_strip_colon(t + pre, n - pre));
	if (k == RB_NUM_CN_DUN || k == RB_NUM_CN_PAREN || k == RB_NUM_ARTICLE) {
		/* "三、心理素质：1. 自信心…": a heading, then its text. */
		for (e = t + pre; *e && !S_is_colon(e, &cl); e++)
			;
		if (*e != '\0' && utf8_count(t + pre, (size_t)(e - t - pre))
		    <= 12 && e[cl] != '\0') {
			free(title);
			title = xstrndup(t + pre, (size_t)(e - t - pre));
			rest = e + cl + utf8_blank_len(e + cl, strlen(e + cl));
			n = (size_t)(e - t);
		}
	}
	if (rb_ident_heading(title, strlen(title))) {
		c->cur = NULL;		/* key lines follow */
		free(title);
		return 1;
	}
	if (!S_headlike(c, t, n, k) || title[0] == '\0') {
		free(title);
		return 0;
	}
	{
		int near;
		const char *s = rb_field_near(title, strlen(title), 0,
		    &near, 0);
		char *msg = xasprintf("kept as an extra section: not a "
		    "section rolebook knows%s%s%s", s ? " (did you mean '" :
		    "", s ? s : "", s ? "'?)" : "");

		S_warn(c, title, msg);
		free(msg);
	}
	S_enter(c, S_sect(c, -1, title));
	free(title);
	*restp = rest != NULL && *rest != '\0' ? rest : NULL;
	return 1;
}

static void
S_add_item(struct S_rc *c, const char *s, size_t n, int sub)
{
	struct imp_sect *st = c->cur;
	struct imp_item *it;
	char *w;
	int f;

	while (n > 0 && strchr(" \t", s[n - 1]))
		n--;		/* the blank before the next item */
	/* "其他臨時事務保險業務管理崗位職責": an item that names a section
	 * would be that section's heading to `rolebook check` (a title line
	 * over items): so it is here, and said. */
	if (!sub && n > 0 && rb_may_name_section(s, n) &&
	    (f = rb_field_of_heading(s, n, NULL, NULL)) >= 0 &&
	    rb_fields[f].kind == RB_FK_LIST) {
		w = xstrndup(s, n);
		S_warn(c, w, f == st->field ? "an item that names its own "
		    "section: read as the section's heading, as rolebook "
		    "check would, and left out" : "an item that names "
		    "another section: read as that section's heading, as "
		    "rolebook check would, and left out");
		free(w);
		S_enter(c, S_sect(c, f, NULL));
		return;
	}
	st->items = xgrow(st->items, st->nitems, sizeof(*st->items));
	it = &st->items[st->nitems++];
	it->text = xstrndup(s, n);
	it->len = n;
	it->cap = n + 1;
	it->sub = sub && st->nitems > 1;
	it->attrs = c->p->attrs ? xstrdup(c->p->attrs) : NULL;
}

/* Is k a family of digits numbering items, 1、 or 1.? */
static int
S_digits(enum rb_numkind k)
{
	return k == RB_NUM_DIGIT_DUN || k == RB_NUM_DIGIT_DOT;
}

/*
 * Items run together on one line: "1、甲。2、乙。" — split after 。；;
 * where a number of the same family follows; "1. 甲 2. 乙", "1、甲.2、乙",
 * "1、甲，2、乙", "1、甲乙2、丙" — split at a blank, a full stop, a comma or
 * (1、 items, after a Han character other than 第) nothing where the next
 * number (v + 1, v the item's own) follows; "1、甲。1. 乙", "7、甲。8. 乙"
 * — after 。；; a list of the other digit family from 1, or going on.
 */
static void
S_items(struct S_rc *c, const char *t, enum rb_numkind k, int v, int sub)
{
	static const char *const ends[] = { "。", "；", ";", " ", "\t",
	    "\xE3\x80\x80", ".", "，", ",", NULL };
	const char *s = t, *p, *q;
	const char *const *e;
	enum rb_numkind k2;
	size_t el, pl;
	int blank;

	for (p = s; *p; p++) {
		for (e = ends; *e; e++)
			if (strncmp(p, *e, el = strlen(*e)) == 0)
				break;
		if (k == RB_NUM_NONE)
			continue;
		if (*e == NULL) {
			/* "…輔導5、參與…": nothing between, after a Han
			 * character, the next number of 1、 items */
			if (k != RB_NUM_DIGIT_DUN || v <= 0 || p == s ||
			    (unsigned char)*p < '1' || (unsigned char)*p > '9' ||
			    p - s < 3 || (unsigned char)p[-3] < 0xE4 ||
			    (unsigned char)p[-3] > 0xE9 ||
			    memcmp(p - 3, "第", 3) == 0)
				continue;
			el = 0;
		}
		blank = *e == NULL || e - ends >= 3;
		q = p + el;
		q += utf8_blank_len(q, strlen(q));
		if ((pl = rb_num_prefix(q, strlen(q), &k2)) > 0 && (k2 == k ||
		    /* "…情況。1. 負責…", "…意見。8. 認真…" after 7、 */
		    (!blank && S_digits(k) && S_digits(k2) &&
		    (rb_num_value(q, pl, NULL) == 1 || (v > 0 &&
		    rb_num_value(q, pl, NULL) == v + 1)))) &&
		    (!blank || (v > 0 && rb_num_value(q, pl, NULL) == v + 1))) {
			k = k2;
			if (v > 0)
				v = rb_num_value(q, pl, NULL);
			S_add_item(c, s, (size_t)(q - s), sub);
			s = q + pl;
			p = s - 1;
		}
	}
	while (*s && strchr(" \t", *s))
		s++;
	if (*s != '\0')
		S_add_item(c, s, strlen(s), sub);
}

/*
 * Appends sep and t to the text *s of length *len in a buffer of *cap
 * bytes (0: its own length), growing it twofold: an item of many
 * continuation lines costs their length, not its square.
 */
static void
S_cat(char **s, size_t *len, size_t *cap, const char *sep, const char *t)
{
	size_t sl = strlen(sep), tl = strlen(t), need;

	need = *len + sl + tl + 1;
	if (need > *cap) {
		*cap = need > 2 * *cap ? need : 2 * *cap;
		*s = xrealloc(*s, *cap);
	}
	memcpy(*s + *len, sep, sl);
	memcpy(*s + *len + sl, t, tl + 1);
	*len += sl + tl;
}

static void
S_content(struct S_rc *c, const char *t)
{
	struct imp_sect *s = c->cur;
	enum rb_numkind k = RB_NUM_NONE;
	size_t n = strlen(t), pre;
	struct imp_item *last;

	if (s == NULL) {
		S_warn(c, "text before the first section", "kept in an "
		    "extra section '其他'; move it where it belongs");
		S_enter(c, S_sect(c, -1, "其他"));
		s = c->cur;
	}
	if (s->field >= 0 && rb_fields[s->field].kind == RB_FK_RICH) {
		S_cat(&s->text, &s->len, &s->cap, s->text ? "\n\n" : "", t);
		return;
	}
	pre = rb_num_prefix(t, n, &k);
	if (pre > 0 || c->p->numlevel > 0) {
		int sub = c->p->numlevel > 1;

		if (s->nitems == 0 || c->kind == RB_NUM_NONE)
			c->kind = k;
		else if (k != c->kind && k != RB_NUM_NONE &&
		    (k == RB_NUM_DIGIT_PAREN || k == RB_NUM_CIRCLED))
			sub = 1;
		S_items(c, t + pre, k, pre > 0 ? rb_num_value(t, pre, NULL) :
		    -1, sub);
	} else if (!(s->nitems > 0 && c->open && c->kind != RB_NUM_NONE) &&
	    (pre = S_leadin(t)) > 0) {
		/* "任職人員應滿足以下條件:1.高中…": the lead-in, then items */
		S_add_item(c, t, pre, 0);
		c->kind = RB_NUM_NONE;
		S_content(c, t + pre);
		return;
	} else if (s->nitems > 0 && c->open && c->kind != RB_NUM_NONE) {
		last = &s->items[s->nitems - 1];
		S_cat(&last->text, &last->len, &last->cap, "\n", t);
	} else
		S_add_item(c, t, n, 0);
	c->open = 1;
}

/* Items i.. of st (an item and its sub-items): how many. */
static size_t
S_group(const struct imp_sect *st, size_t i)
{
	size_t j = i + 1;

	while (j < st->nitems && st->items[j].sub)
		j++;
	return j - i;
}

/* A hash of the words of the n items at it (texts and attributes). */
static uint32_t
S_group_hash(const struct imp_item *it, size_t n)
{
	uint32_t h = 2166136261u;		/* FNV-1a */
	const unsigned char *p;
	size_t k;

	for (k = 0; k < n; k++) {
		for (p = (const unsigned char *)it[k].text; *p; p++)
			h = (h ^ *p) * 16777619u;
		h = (h ^ 0x1E) * 16777619u;
		for (p = (const unsigned char *)(it[k].attrs ? it[k].attrs :
		    ""); *p; p++)
			h = (h ^ *p) * 16777619u;
		h = (h ^ 0x1F) * 16777619u;
	}
	return h;
}

/* Are the groups of n items at a and b the same, word for word? */
static int
S_same(const struct imp_item *a, const struct imp_item *b, size_t n)
{
	size_t k;

	for (k = 0; k < n; k++)
		if (strcmp(a[k].text, b[k].text) != 0 || (a[k].attrs == NULL) !=
		    (b[k].attrs == NULL) || (a[k].attrs != NULL &&
		    strcmp(a[k].attrs, b[k].attrs) != 0))
			return 0;
	return 1;
}

/*
 * An item (with its sub-items) the same word for word as one before it in
 * its section, as a page that puts documents together repeats them, is
 * left out; one warning a section says how many and which was first.
 */
static void
S_dedupe(struct S_rc *c)
{
	struct imp_sect *st;
	struct { uint32_t h; size_t at, n; } *tab;
	size_t i, n, m, o, gone, k, size, slot;
	uint32_t h;
	char *first, *msg;

	for (k = 0; k < c->r->nsect; k++) {
		st = &c->r->sect[k];
		gone = 0;
		first = NULL;
		/* the kept groups hashed, open addressing: n items cost n */
		for (size = 16; size < 2 * st->nitems; size *= 2)
			;
		tab = xcalloc(size, sizeof(*tab));
		for (i = o = 0; i < st->nitems; i += n) {
			n = S_group(st, i);
			h = S_group_hash(&st->items[i], n);
			for (slot = h & (size - 1); tab[slot].n != 0; slot =
			    (slot + 1) & (size - 1))
				if (tab[slot].h == h && tab[slot].n == n &&
				    S_same(&st->items[tab[slot].at],
				    &st->items[i], n))
					break;
			if (tab[slot].n != 0) {
				if (gone++ == 0)
					first = xstrdup(st->items[i].text);
				for (m = 0; m < n; m++) {
					free(st->items[i + m].text);
					free(st->items[i + m].attrs);
				}
				continue;
			}
			memmove(&st->items[o], &st->items[i], n *
			    sizeof(st->items[0]));
			tab[slot].h = h;
			tab[slot].at = o;
			tab[slot].n = n;
			o += n;
		}
		free(tab);
		st->nitems = o;
		if (gone == 0)
			continue;
		if (utf8_count(first, strlen(first)) > 20) {
			size_t b = 0, l;
			uint32_t cp;
			char *cut;

			for (m = 0; m < 20; m++, b += l)
				if ((l = utf8_decode(first + b, strlen(first + b),
				    &cp)) == 0)
					break;
			cut = xasprintf("%.*s…", (int)b, first);
			free(first);
			first = cut;
		}
		msg = xasprintf("%zu item%s the same word for word as one "
		    "before %s left out (the first: %s)", gone, gone == 1 ? "" :
		    "s", gone == 1 ? "it" : "them", first);
		diag_at(c->d, DIAG_WARNING, c->doc->file, c->doc->docx ? 0 :
		    st->line, 0, "%s: %s", st->field >= 0 ?
		    rb_fields[st->field].label : st->title, msg);
		free(msg);
		free(first);
	}
}

void
imp_recognise(const struct imp_doc *doc, struct imp_role *r, struct diag *d)
{
	struct S_rc c;
	const char *t, *rest;
	size_t i, m;

	memset(&c, 0, sizeof(c));
	c.doc = doc;
	c.r = r;
	c.d = d;
	for (i = 0; i < doc->n; i++) {
		c.p = &doc->p[i];
		t = c.p->text;
		if (t[0] == '\0') {
			c.open = 0;
			continue;
		}
		for (;;) {
			if (!(c.cur && rb_num_prefix(t, strlen(t), NULL) > 0) &&
			    S_keys(&c, t))
				break;
			/* A Word heading 1 before the first section that is
			 * no section: the title (as a role sheet has it
			 * under its "公司 · 岗位说明书" line). */
			if (c.cur == NULL && c.p->heading == 1 && !c.keytitle &&
			    rb_field_of_heading(t, strlen(t), NULL, NULL) < 0 &&
			    rb_num_prefix(t, strlen(t), NULL) == 0) {
				free(r->key[RB_F_TITLE]);
				r->key[RB_F_TITLE] = xstrdup(t);
				break;
			}
			if (c.cur == NULL && (rest = S_title_heading(&c,
			    t)) != NULL) {
				if (*rest == '\0')
					break;
				t = rest;
				continue;
			}
			if ((m = S_midhead(&c, t)) > 0) {
				/* The text before a heading inside the line
				 * is the section's at hand; then the heading. */
				size_t tn = m;
				char *head;

				tn -= utf8_blank_rlen(t, tn);
				head = xstrndup(t, tn);
				if (!S_heading(&c, head, &rest))
					S_content(&c, head);
				else if (rest != NULL)
					S_content(&c, rest);
				free(head);
				t += m;
				continue;
			}
			if (S_heading(&c, t, &rest)) {
				if (rest != NULL)
					S_content(&c, rest);
				break;
			}
			S_content(&c, t);
			break;
		}
	}
	S_dedupe(&c);
}

void
imp_role_free(struct imp_role *r)
{
	size_t i, j;

	for (i = 0; i < 6; i++)
		free(r->key[i]);
	for (i = 0; i < r->nsect; i++) {
		for (j = 0; j < r->sect[i].nitems; j++) {
			free(r->sect[i].items[j].text);
			free(r->sect[i].items[j].attrs);
		}
		free(r->sect[i].items);
		free(r->sect[i].title);
		free(r->sect[i].text);
	}
	free(r->sect);
	memset(r, 0, sizeof(*r));
}
