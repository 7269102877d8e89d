/*
 * role.c — the rules of one role's fields, run once for either format
 * (Markdown or XML) right after loading: required fields present and not
 * empty, ids, integers, duty shares and frequencies, targets.  Driven by
 * the field table (src/model/fields.c): the loaders only read syntax into
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
 * or ％ when pct is set; -1 when s is not one. */
static long
S_uint(const char *s, long max, int pct)
{
	size_t n = strlen(s), i;
	long v = 0;

	if (pct && n > 0 && s[n - 1] == '%')
		n--;
	else if (pct && n >= 3 && memcmp(s + n - 3, "\xEF\xBC\x85", 3) == 0)
		n -= 3;					/* ％ */
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

static void
S_duties(struct diag *d, struct rb_role *r)
{
	struct rb_duty *du;
	long v;
	size_t j;

	for (j = 0; j < r->nduties; j++) {
		du = &r->duties[j];
		if (du->share_s.s != NULL) {
			if ((v = S_uint(du->share_s.s, 100, 1)) < 0)
				rb_msg(d, MSG_E_SHARE, &du->share_s.pos,
				    du->share_s.s);
			du->share = (int)v;
		}
		if (du->frequency.s != NULL && du->frequency.s[0] == '\0')
			rb_msg(d, MSG_E_FREQ_EMPTY, &du->frequency.pos);
	}
}

static void
S_targets(struct diag *d, struct rb_role *r)
{
	static const char *const periods[] = { "month", "quarter", "year" };
	struct rb_target *t;
	size_t j, k;

	for (j = 0; j < r->ntargets; j++) {
		t = &r->targets[j];
		if (t->metric.s == NULL || t->metric.s[0] == '\0')
			rb_msg(d, MSG_E_TARGET_MISSING, t->metric.s ?
			    &t->metric.pos : &t->pos, "metric");
		else if (!S_metric(t->metric.s))
			rb_msg(d, MSG_E_METRIC, &t->metric.pos, t->metric.s);
		if (t->value.s == NULL || t->value.s[0] == '\0')
			rb_msg(d, MSG_E_TARGET_MISSING, t->value.s ?
			    &t->value.pos : &t->pos, "value");
		else if (!rb_decimal_valid(t->value.s))
			rb_msg(d, MSG_E_DECIMAL, &t->value.pos, t->value.s);
		if (t->period.s == NULL || t->period.s[0] == '\0') {
			rb_msg(d, MSG_E_TARGET_MISSING, t->period.s ?
			    &t->period.pos : &t->pos, "period");
			continue;
		}
		for (k = 0; k < 3; k++)
			if (strcmp(t->period.s, periods[k]) == 0)
				break;
		if (k == 3)
			rb_msg(d, MSG_E_PERIOD, &t->period.pos, t->period.s);
	}
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
	S_duties(d, r);
	S_targets(d, r);
	S_dup_targets(d, r);
}
