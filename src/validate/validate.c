/*
 * validate.c — checks across files, after loading: ids (syntax, unique,
 * equal to the file stem), references (department, reports_to, report
 * recipients), reporting cycles, required content; then fills the derived
 * fields (superior, direct reports, department tree).  Every problem is
 * reported; roles that break an invariant other passes rely on (duplicate
 * ids) are removed from the site after the report.
 */
#include <stdlib.h>
#include <string.h>
#include "../util/util.h"
#include "../model/fields.h"
#include "../model/msg.h"
#include "validate.h"

/*
 * Keeps the nearest of the names offered to s (a misspelt reference): at
 * most 2 characters off and at most half of s.
 */
struct S_near {
	const char	*s;
	size_t		 n;	/* characters of s */
	const char	*best;
	int		 bd;
};

static void
S_near_init(struct S_near *nr, const char *s)
{
	nr->s = s;
	nr->n = utf8_count(s, strlen(s));
	nr->best = NULL;
	nr->bd = 3;
}

static void
S_near_try(struct S_near *nr, const char *name)
{
	int d;

	if (name == NULL)
		return;
	if ((d = rb_chardist(nr->s, strlen(nr->s), name)) < nr->bd &&
	    2 * (size_t)d <= nr->n) {
		nr->bd = d;
		nr->best = name;
	}
}

/*
 * The look-ups by name that a reference may fall back to (departments by
 * name, the nearest name for "did you mean") compare it with every name:
 * at most S_WORK comparisons in a run (about 0.2 s).  Past them a wrong
 * reference is still reported, without the suggestion or list, so that
 * 10,000 wrong references among 50,000 roles do not take minutes.
 */
#define S_WORK	2000000

/* The state of one validation. */
struct S_val {
	struct diag	*d;
	struct strset	 depts;		/* department ids (the first of each) */
	struct strset	 failed;	/* files with an error recorded ... */
	size_t		 nscanned;	/* ... among the first nscanned items */
	size_t		 work;		/* names compared so far */
};

/* Takes n comparisons from the budget; 0 when it is spent. */
static int
S_work(struct S_val *v, size_t n)
{
	if (v->work + n > S_WORK)
		return 0;
	v->work += n;
	return 1;
}

/* Roles by title (sorted), built on the first look-up by name. */
struct S_titles {
	struct rb_role	**r;
	size_t		  n;
	int		  built;
};

static int
S_titlecmp(const void *a, const void *b)
{
	const struct rb_role *x = *(struct rb_role *const *)a;
	const struct rb_role *y = *(struct rb_role *const *)b;
	int c = strcmp(x->title.s, y->title.s);

	return c ? c : strcmp(x->id, y->id);
}

/* The roles titled s: *first and the count (0: none). */
static size_t
S_by_title(struct S_titles *t, const struct rb_site *site, const char *s,
    size_t *first)
{
	size_t i, lo, hi, mid;

	if (!t->built) {
		t->r = xreallocarray(NULL, site->nroles ? site->nroles : 1,
		    sizeof(*t->r));
		for (i = 0; i < site->nroles; i++)
			if (site->roles[i]->title.s != NULL)
				t->r[t->n++] = site->roles[i];
		qsort(t->r, t->n, sizeof(*t->r), S_titlecmp);
		t->built = 1;
	}
	lo = 0;
	hi = t->n;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (strcmp(t->r[mid]->title.s, s) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	*first = lo;
	for (i = lo; i < t->n && strcmp(t->r[i]->title.s, s) == 0; i++)
		;
	return i - lo;
}

/*
 * Resolves a reference to a role: its id, or a title exactly one role
 * has.  Reports an unknown reference (with the nearest id or title) or an
 * ambiguous title (with the candidates' ids).  Returns the role or NULL.
 */
static struct rb_role *
S_role_ref(struct S_val *v, const struct rb_site *site, struct S_titles *t,
    const struct rb_str *ref, const char *what)
{
	struct diag *d = v->d;
	struct rb_role *r;
	struct S_near nr;
	struct buf b = BUF_INIT;
	size_t i, first, n;

	if ((r = rb_site_role(site, ref->s)) != NULL)
		return r;
	if ((n = S_by_title(t, site, ref->s, &first)) == 1)
		return t->r[first];
	if (n > 1) {
		for (i = first; i < first + n; i++)
			buf_printf(&b, "%s%s", i > first ? ", " : "",
			    t->r[i]->id);
		rb_msg(d, MSG_E_ROLE_AMBIGUOUS, &ref->pos, what, ref->s, n,
		    b.data);
		buf_free(&b);
		return NULL;
	}
	if (rb_site_broken(site, ref->s))
		return NULL;	/* its file's own error says why */
	S_near_init(&nr, ref->s);
	if (S_work(v, site->nroles))
		for (i = 0; i < site->nroles; i++) {
			S_near_try(&nr, site->roles[i]->id);
			S_near_try(&nr, site->roles[i]->title.s);
		}
	if (nr.best != NULL)
		rb_msg(d, MSG_E_ROLE_NEAR, &ref->pos, what, ref->s, nr.best);
	else
		rb_msg(d, MSG_E_ROLE_UNKNOWN, &ref->pos, what, ref->s);
	return NULL;
}

/*
 * Resolves a reference to a department: its id, or a name exactly one
 * department has; reports as S_role_ref() does.
 */
static struct rb_dept *
S_dept_ref(struct S_val *v, const struct rb_org *org, const struct rb_str *ref)
{
	struct diag *d = v->d;
	struct rb_dept *dp, *found = NULL;
	struct S_near nr;
	struct buf b = BUF_INIT;
	size_t i, n = 0;

	if ((dp = strset_get(&v->depts, ref->s)) != NULL)
		return dp;
	if (!S_work(v, org->ndepts)) {
		rb_msg(d, MSG_E_DEPT_UNKNOWN_ID, &ref->pos, ref->s);
		return NULL;
	}
	for (i = 0; i < org->ndepts; i++)
		if (org->depts[i].name != NULL &&
		    strcmp(org->depts[i].name, ref->s) == 0) {
			buf_printf(&b, "%s%s", n ? ", " : "", org->depts[i].id);
			found = &org->depts[i];
			n++;
		}
	if (n == 1) {
		buf_free(&b);
		return found;
	}
	if (n > 1) {
		rb_msg(d, MSG_E_DEPT_AMBIGUOUS, &ref->pos, ref->s, n, b.data);
		buf_free(&b);
		return NULL;
	}
	buf_free(&b);
	S_near_init(&nr, ref->s);
	if (S_work(v, org->ndepts))
		for (i = 0; i < org->ndepts; i++) {
			S_near_try(&nr, org->depts[i].id);
			S_near_try(&nr, org->depts[i].name);
		}
	if (nr.best != NULL)
		rb_msg(d, MSG_E_DEPT_NEAR, &ref->pos, ref->s, nr.best);
	else
		rb_msg(d, MSG_E_DEPT_UNKNOWN, &ref->pos, ref->s);
	return NULL;
}

/* Has an error been recorded for file (while loading it)?  The files of
 * the errors recorded since the last call are hashed first. */
static int
S_file_failed(struct S_val *v, const char *file)
{
	const struct diag_item *it;

	for (; v->nscanned < v->d->n; v->nscanned++) {
		it = &v->d->items[v->nscanned];
		if (it->level >= DIAG_ERROR && it->file != NULL)
			(void)strset_add(&v->failed, it->file, (void *)it->file);
	}
	return strset_get(&v->failed, file) != NULL;
}

static void
S_check_org(struct S_val *v, struct rb_org *org)
{
	struct rb_dept *dp, *up;
	size_t i, depth;

	/* The first department of each id, as rb_org_dept() finds it, but
	 * hashed: one look-up per department and per role. */
	strset_init(&v->depts, org->ndepts);
	for (i = 0; i < org->ndepts; i++)
		(void)strset_add(&v->depts, org->depts[i].id, &org->depts[i]);

	/* (src/load/org.c reports duplicate ids, with both lines) */
	for (i = 0; i < org->ndepts; i++) {
		dp = &org->depts[i];
		if (dp->parent == NULL)
			continue;
		if ((up = strset_get(&v->depts, dp->parent)) == NULL)
			continue;	/* nesting in XML: cannot happen */
		dp->up = up;
		up->children = xgrow(up->children, up->nchildren,
		    sizeof(*up->children));
		up->children[up->nchildren++] = dp;
	}
	for (i = 0; i < org->ndepts; i++) {
		depth = 0;
		for (up = org->depts[i].up; up && depth <= org->ndepts;
		    up = up->up)
			depth++;
		org->depts[i].depth = (int)depth;
	}
}

/* Removes roles whose id repeats an earlier one (roles sorted by id). */
static void
S_check_ids(struct diag *d, struct rb_site *site)
{
	struct rb_role *r, *prev;
	size_t i, k = 0;
	char *stem;

	for (i = 0; i < site->nroles; i++) {
		r = site->roles[i];
		stem = rb_path_stem(r->path);
		/* (the loaders report an id of the wrong form) */
		if (r->id[0] != '\0' && rb_id_valid(r->id, strlen(r->id)) &&
		    strcmp(stem, r->id) != 0)
			rb_msg(d, MSG_E_ID_STEM, &r->pos, r->id, stem);
		free(stem);
		prev = k ? site->roles[k - 1] : NULL;
		if (prev && r->id[0] != '\0' && strcmp(prev->id, r->id) == 0) {
			rb_msg(d, MSG_E_ID_TWICE, &r->pos, r->id,
			    prev->path);
			rb_role_free(r);
			continue;
		}
		site->roles[k++] = r;
	}
	site->nroles = k;
}

/* Index of r in the id-sorted role array (binary search). */
static size_t
S_index(const struct rb_site *site, const struct rb_role *r)
{
	size_t lo = 0, hi = site->nroles, mid;
	int c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if ((c = strcmp(r->id, site->roles[mid]->id)) == 0)
			return mid;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return 0;
}

/* Finds reporting cycles; reports each once, naming every role in it. */
static void
S_check_cycles(struct diag *d, struct rb_site *site)
{
	struct rb_role *r, *p, *min;
	struct buf b = BUF_INIT;
	unsigned char *state;	/* 0 unseen, 1 on the current path, 2 done */
	size_t i, j, idx;

	state = xcalloc(site->nroles ? site->nroles : 1, 1);
	for (i = 0; i < site->nroles; i++) {
		/* Walk up from role i, marking the path. */
		for (r = site->roles[i]; r != NULL; r = r->superior) {
			idx = S_index(site, r);
			if (state[idx] == 2)
				break;
			if (state[idx] == 1) {
				/* r is on a cycle: find its smallest id. */
				min = r;
				for (p = r->superior; p != r; p = p->superior)
					if (strcmp(p->id, min->id) < 0)
						min = p;
				buf_reset(&b);
				buf_puts(&b, min->id);
				for (p = min->superior; ; p = p->superior) {
					BUF_PUTSL(&b, " → ");
					buf_puts(&b, p->id);
					if (p == min)
						break;
				}
				rb_msg(d, MSG_E_CYCLE, &min->reports_to.pos,
				    b.data);
				break;
			}
			state[idx] = 1;
		}
		for (r = site->roles[i]; r != NULL; r = r->superior) {
			j = S_index(site, r);
			if (state[j] == 2)
				break;
			state[j] = 2;
		}
	}
	/* Break the cycles so later passes can walk up safely. */
	for (i = 0; i < site->nroles; i++) {
		j = 0;
		for (r = site->roles[i]; r && j <= site->nroles; r = r->superior)
			j++;
		if (j > site->nroles)
			site->roles[i]->superior = NULL;
	}
	free(state);
	buf_free(&b);
}

/*
 * Puts a department's roles (in id order) in reporting order: each role
 * whose superior is outside the department (or none), in id order, then
 * depth first the roles of the department below it.  The HTML department
 * page and the PDF handbook both list them so.
 */
static void
S_reporting_order(struct rb_dept *dp)
{
	struct rb_role **out, **stack, *r;
	size_t i, j, n = 0, top = 0;

	if (dp->nroles < 2)
		return;
	out = xreallocarray(NULL, dp->nroles, sizeof(*out));
	stack = xreallocarray(NULL, dp->nroles, sizeof(*stack));
	for (i = 0; i < dp->nroles; i++) {
		r = dp->roles[i];
		if (r->superior != NULL && r->superior->dept == dp)
			continue;
		stack[top++] = r;
		while (top > 0 && n < dp->nroles) {
			r = stack[--top];
			out[n++] = r;
			/* subs are in id order: push them last to first */
			for (j = r->nsubs; j > 0 && top < dp->nroles; j--)
				if (r->subs[j - 1]->dept == dp)
					stack[top++] = r->subs[j - 1];
		}
	}
	if (n == dp->nroles)
		memcpy(dp->roles, out, n * sizeof(*out));
	free(out);
	free(stack);
}

int
validate_site(struct diag *d, struct rb_site *site)
{
	struct rb_org *org = &site->org;
	struct rb_role *r, *sup;
	struct rb_dept *dp;
	struct S_titles titles = { NULL, 0, 0 };
	struct S_val v;
	int before = d->nerr;
	size_t i, j;

	memset(&v, 0, sizeof(v));
	v.d = d;
	strset_init(&v.failed, diag_cap(d));
	S_check_org(&v, org);
	S_check_ids(d, site);
	for (i = 0; i < site->nroles && !diag_full(d); i++) {
		r = site->roles[i];
		/* The loaders report why a role has no duties, or an empty
		 * one, where it shows (section, element, item): say it
		 * here only for a role whose file had no such error. */
		if (r->nduties == 0 && !S_file_failed(&v, r->path))
			rb_msg(d, MSG_E_NO_DUTIES, &r->pos, r->id, r->is_xml ?
			    MSG_HINT_DUTIES_XML : MSG_HINT_DUTIES_MD);
		for (j = 0; j < r->nduties; j++)
			if ((r->duties[j].text.s == NULL ||
			    r->duties[j].text.s[0] == '\0') &&
			    !S_file_failed(&v, r->path))
				rb_msg(d, MSG_E_ITEM_EMPTY,
				    &r->duties[j].text.pos, "duty");
		if (r->department.s != NULL && r->department.s[0] != '\0' &&
		    org->ndepts > 0 &&
		    (dp = S_dept_ref(&v, org, &r->department)) != NULL) {
			r->dept = dp;
			dp->roles = xgrow(dp->roles, dp->nroles,
			    sizeof(*dp->roles));
			dp->roles[dp->nroles++] = r;
		}
		if (r->reports_to.s != NULL && r->reports_to.s[0] != '\0' &&
		    (sup = S_role_ref(&v, site, &titles, &r->reports_to,
		    "reports_to")) != NULL) {
			if (sup == r)
				rb_msg(d, MSG_E_SELF, &r->reports_to.pos,
				    r->id);
			else
				r->superior = sup;
		}
		for (j = 0; j < r->nreports; j++)
			if (r->reports[j].to.s != NULL &&
			    r->reports[j].to.s[0] != '\0')
				r->reports[j].recipient = S_role_ref(&v, site,
				    &titles, &r->reports[j].to,
				    "report recipient");
		/* (the rules of a role's own fields: val_role(), when
		 * it was loaded) */
	}
	free(titles.r);
	S_check_cycles(d, site);
	/* Direct reports, in id order (roles are sorted). */
	for (i = 0; i < site->nroles; i++) {
		r = site->roles[i];
		if ((sup = r->superior) == NULL)
			continue;
		sup->subs = xgrow(sup->subs, sup->nsubs,
		    sizeof(*sup->subs));
		sup->subs[sup->nsubs++] = r;
	}
	for (i = 0; i < org->ndepts; i++)
		S_reporting_order(&org->depts[i]);
	strset_free(&v.depts);
	strset_free(&v.failed);
	return d->nerr - before;
}
