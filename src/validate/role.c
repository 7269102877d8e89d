/*
 * role.c — the rules of one role's fields, run once for either format
 * (Markdown or XML) right after loading: required fields present and not
 * empty, ids, integers, and the attributes of list items (duty shares
 * and frequencies, targets, reports …).  Driven by the field table and
 * its item descriptors (src/model/fields.c): the loaders only read syntax into
 * fields with their positions, keeping values as written; the rules here
 * check them and fill the typed values (headcount, share).  Words from
 * the catalogue (msg.h).  Rules across files are in validate.c.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "../util/util.h"
#include "../model/fields.h"
#include "../model/msg.h"
#include "validate.h"

/* A whole number >= 0 of s (at most max), with an optional trailing %
 * or ％ when pct is set, else an optional 人 or 名 (编制：8人); -1 when s
 * is not one. */
static long
S_uint(const char *s, long max, int pct)
{
	size_t n = strlen(s), i;
	long v = 0;

	if (pct && n > 0 && s[n - 1] == '%')
		n--;
	else if (pct && n >= 3 && memcmp(s + n - 3, "\xEF\xBC\x85", 3) == 0)
		n -= 3;					/* ％ */
	else if (!pct && n >= 3 && (memcmp(s + n - 3, "人", 3) == 0 ||
	    memcmp(s + n - 3, "名", 3) == 0))
		for (n -= 3; n > 0 && s[n - 1] == ' '; n--)
			;
	if (n == 0)
		return -1;
	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return -1;
		if ((v = v * 10 + (s[i] - '0')) > max)
			return -1;
	}
	return v;
}

/* Is s a target metric: [a-z0-9_]+? */
static int
S_metric(const char *s)
{
	size_t i;

	for (i = 0; s[i] != '\0'; i++)
		if (!islower((unsigned char)s[i]) &&
		    !isdigit((unsigned char)s[i]) && s[i] != '_')
			return 0;
	return i > 0;
}

/* The scalar fields: required, not empty, integers. */
static void
S_scalars(struct diag *d, struct rb_role *r)
{
	const struct rb_fielddef *fd;
	struct rb_str *s;
	long v;
	int f;

	for (f = 0; f < RB_F__MAX; f++) {
		fd = &rb_fields[f];
		if ((s = rb_field_str(r, f)) == NULL)
			continue;
		if (s->s == NULL) {
			if (fd->required)
				rb_msg(d, MSG_E_REQUIRED, &r->head, fd->name,
				    fd->label, fd->kind == RB_FK_DEPT ?
				    ": a department id or name from org.xml" :
				    "");
			continue;
		}
		if (s->s[0] == '\0' && fd->required) {
			rb_msg(d, MSG_E_EMPTY, &s->pos, fd->name, fd->label,
			    fd->kind == RB_FK_DEPT ? ": write a department id "
			    "or name" : "");
			continue;
		}
		if (fd->kind == RB_FK_INT) {
			if ((v = S_uint(s->s, 1000000, 0)) < 0)
				rb_msg(d, MSG_E_INT, &s->pos, fd->name, s->s);
			*rb_field_int(r, f) = v < 0 ? -1 : (int)v;
		}
	}
}

/* Appends "a, b or c" (conj " or ") or "a, b and c" of names. */
static void
S_names(struct buf *b, const char *const *names, int n, const char *conj)
{
	int i;

	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_puts(b, i + 1 < n ? ", " : conj);
		buf_puts(b, names[i]);
	}
}

/* Reports the required attribute a of item id missing (or empty) at p. */
static void
S_missing(struct diag *d, const struct rb_itemdef *id,
    const struct rb_attrdef *a, const struct rb_pos *p)
{
	const char *req[8] = { NULL };
	struct buf b = BUF_INIT;
	int k, n = 0;

	for (k = 0; k < id->nattrs && n < 8; k++)
		if (id->attrs[k].flags & RB_AF_REQUIRED)
			req[n++] = id->attrs[k].name;
	S_names(&b, req, n, " and ");
	rb_msg(d, MSG_E_ATTR_MISSING, p, id->what, a->name, b.data,
	    n > 1 ? "are" : "is");
	buf_free(&b);
}

void
val_item_missing(struct diag *d, const struct rb_itemdef *id,
    const struct rb_attrdef *a, const struct rb_pos *p)
{
	S_missing(d, id, a, p);
}

int
val_item_enum(struct diag *d, const struct rb_itemdef *id,
    const struct rb_attrdef *a, const char *v, const struct rb_pos *p,
    int xml)
{
	struct buf b = BUF_INIT;
	int k;

	/* XML is canonical: its names only; Markdown: any spelling. */
	for (k = 0; k < a->nnames; k++)
		if (strcmp(v, a->names[k]) == 0)
			return k;
	k = a->parse(v, strlen(v));
	if (k >= 0 && !xml)
		return k;
	if (k >= 0)
		rb_msg(d, MSG_E_ENUM_XML, p, id->what, a->name, v,
		    a->names[k]);
	else {
		S_names(&b, xml ? a->names : a->labels, a->nnames, " or ");
		rb_msg(d, MSG_E_ENUM, p, id->what, a->name, v, b.data);
		buf_free(&b);
	}
	return -1;
}

/* The words of a list's attributes that are allowed but unknown (a
 * target's metric the sales report does not count): how many, the
 * first. */
struct S_unknown {
	const struct rb_attrdef	*a;
	const struct rb_str	*s;
	size_t			 n;
};

/* The rules of attribute a of item it (of id); pos: the item's. */
static void
S_attr(struct diag *d, const struct rb_itemdef *id,
    const struct rb_attrdef *a, void *it, const struct rb_pos *pos,
    struct S_unknown *u)
{
	struct rb_str *s = rb_item_str(it, a);
	struct buf b = BUF_INIT;
	long v;

	if (s == NULL)
		return;		/* an enum: read by the loader */
	if (s->s == NULL || s->s[0] == '\0') {
		if (a->flags & RB_AF_REQUIRED)
			S_missing(d, id, a, s->s ? &s->pos : pos);
		else if (s->s != NULL && (a->flags & RB_AF_NONEMPTY))
			rb_msg(d, MSG_E_ATTR_EMPTY, &s->pos, id->what, a->name,
			    a->hint ? a->hint : "it");
		return;
	}
	switch (a->kind) {
	case RB_AK_PCT:
		if ((v = S_uint(s->s, 100, 1)) < 0)
			rb_msg(d, MSG_E_PCT, &s->pos, id->what, a->name, s->s);
		*rb_item_int(it, a) = (int)v;
		break;
	case RB_AK_SLUG:
		if (!S_metric(s->s)) {
			rb_msg(d, MSG_E_SLUG, &s->pos, id->what, a->name, s->s);
			break;
		}
		if (a->nnames > 0 &&
		    rb_name_index(a->names, a->nnames, s->s) < 0 &&
		    u->n++ == 0) {
			u->a = a;
			u->s = s;
		}
		break;
	case RB_AK_DECIMAL:
		if (!rb_decimal_valid(s->s))
			rb_msg(d, MSG_E_DECIMAL, &s->pos, id->what, a->name,
			    s->s);
		break;
	case RB_AK_WORD:
		if (rb_name_index(a->names, a->nnames, s->s) >= 0)
			break;
		S_names(&b, a->names, a->nnames, " or ");
		rb_msg(d, MSG_E_WORD, &s->pos, id->what, a->name, s->s,
		    b.data);
		buf_free(&b);
		break;
	default:
		break;
	}
}

/* The rules of every list item's attributes, from the field table. */
static void
S_lists(struct diag *d, struct rb_role *r)
{
	const struct rb_itemdef *id;
	struct S_unknown u;
	struct buf b = BUF_INIT;
	size_t i, n;
	void *it;
	int f, k;

	for (f = 0; f < RB_F__MAX; f++) {
		if ((id = rb_fields[f].item) == NULL || id->nattrs == 0)
			continue;
		memset(&u, 0, sizeof(u));
		n = rb_list_len(r, id);
		for (i = 0; i < n; i++) {
			it = rb_list_item(r, id, i);
			for (k = 0; k < id->nattrs; k++)
				S_attr(d, id, &id->attrs[k], it,
				    rb_item_pos(it, id), &u);
		}
		if (u.n == 0)
			continue;
		/* one warning a list, at the first */
		S_names(&b, u.a->names, u.a->nnames, " and ");
		if (u.n == 1)
			rb_msg(d, MSG_W_METRIC, &u.s->pos, id->what,
			    u.a->name, u.s->s, b.data);
		else
			rb_msg(d, MSG_W_METRICS, &u.s->pos, id->what,
			    u.a->name, u.s->s, u.n - 1, b.data);
		b.len = 0;
	}
	buf_free(&b);
}

/* Reports a target given twice (the same metric and period), hashed. */
static void
S_dup_targets(struct diag *d, const struct rb_role *r)
{
	const struct rb_target *t;
	struct strset seen;
	char **keys;
	size_t j;

	if (r->ntargets < 2)
		return;
	keys = xcalloc(r->ntargets, sizeof(*keys));
	strset_init(&seen, r->ntargets);
	for (j = 0; j < r->ntargets && !diag_full(d); j++) {
		t = &r->targets[j];
		if (t->metric.s == NULL)
			continue;
		keys[j] = xasprintf("%s\x1f%s", t->metric.s,
		    t->period.s ? t->period.s : "");
		if (strset_add(&seen, keys[j], (void *)t) != NULL)
			rb_msg(d, MSG_E_TARGET_TWICE, &t->metric.pos,
			    t->metric.s);
	}
	strset_free(&seen);
	for (j = 0; j < r->ntargets; j++)
		free(keys[j]);
	free(keys);
}

void
val_role(struct diag *d, struct rb_role *r)
{
	if (r->id != NULL && r->id[0] != '\0' &&
	    !rb_id_valid(r->id, strlen(r->id)))
		rb_msg(d, MSG_E_ID, &r->pos, r->id);
	S_scalars(d, r);
	S_lists(d, r);
	S_dup_targets(d, r);
}
