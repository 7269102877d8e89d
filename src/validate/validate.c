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
#include "validate.h"

/* Nearest role id to s within distance 2 (and half its length), or NULL. */
static const char *
S_near_role(const struct rb_site *site, const char *s)
{
	const char *best = NULL;
	size_t i, d, bd = 3;

	for (i = 0; i < site->nroles; i++)
		if ((d = (size_t)str_distance(s, site->roles[i]->id)) < bd &&
		    2 * d <= strlen(s)) {
			bd = d;
			best = site->roles[i]->id;
		}
	return best;
}

static const char *
S_near_dept(const struct rb_org *org, const char *s)
{
	const char *best = NULL;
	size_t i, d, bd = 3;

	for (i = 0; i < org->ndepts; i++)
		if ((d = (size_t)str_distance(s, org->depts[i].id)) < bd &&
		    2 * d <= strlen(s)) {
			bd = d;
			best = org->depts[i].id;
		}
	return best;
}

/* Has an error been recorded for file (while loading it)? */
static int
S_file_failed(const struct diag *d, const char *file)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		if (d->items[i].level >= DIAG_ERROR && d->items[i].file &&
		    strcmp(d->items[i].file, file) == 0)
			return 1;
	return 0;
}

/* Is ref set and a well-formed id? */
static int
S_is_id(const struct rb_str *ref)
{
	return ref->s != NULL && rb_id_valid(ref->s, strlen(ref->s));
}

/* Reports an unresolved role reference with a suggestion. */
static void
S_bad_role_ref(struct diag *d, const struct rb_site *site,
    const struct rb_str *ref, const char *what)
{
	const char *near = S_near_role(site, ref->s);

	if (near)
		diag_pos(d, DIAG_ERROR, &ref->pos, "%s '%s' is not a role; "
		    "did you mean '%s'?", what, ref->s, near);
	else
		diag_pos(d, DIAG_ERROR, &ref->pos, "%s '%s' is not a role",
		    what, ref->s);
}

static void
S_check_org(struct diag *d, struct rb_org *org)
{
	struct rb_dept *dp, *up;
	size_t i, depth;

	/* (src/load/org.c reports duplicate ids, with both lines) */
	for (i = 0; i < org->ndepts; i++) {
		dp = &org->depts[i];
		if (dp->parent == NULL)
			continue;
		if ((up = rb_org_dept(org, dp->parent)) == NULL)
			continue;	/* nesting in XML: cannot happen */
		dp->up = up;
		up->children = xreallocarray(up->children, up->nchildren + 1,
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
			diag_pos(d, DIAG_ERROR, &r->pos, "id '%s' does not "
			    "match the file name '%s'; rename the file or "
			    "change the id", r->id, stem);
		free(stem);
		prev = k ? site->roles[k - 1] : NULL;
		if (prev && r->id[0] != '\0' && strcmp(prev->id, r->id) == 0) {
			diag_pos(d, DIAG_ERROR, &r->pos, "duplicate id '%s' "
			    "(also in %s)", r->id, prev->path);
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
				diag_pos(d, DIAG_ERROR, &min->reports_to.pos,
				    "reporting cycle: %s", b.data);
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

int
validate_site(struct diag *d, struct rb_site *site)
{
	struct rb_org *org = &site->org;
	struct rb_role *r, *sup;
	struct rb_dept *dp;
	const char *near;
	int before = d->nerr;
	size_t i, j;

	S_check_org(d, org);
	S_check_ids(d, site);
	for (i = 0; i < site->nroles; i++) {
		r = site->roles[i];
		if (r->title.s != NULL && r->title.s[0] == '\0')
			diag_pos(d, DIAG_ERROR, &r->title.pos,
			    "title is empty");
		/* The loaders report why a role has no duties, or an empty
		 * one, where it shows (section, element, item): say it
		 * here only for a role whose file had no such error. */
		if (r->nduties == 0 && !S_file_failed(d, r->path))
			diag_pos(d, DIAG_ERROR, &r->pos, "role '%s' has no "
			    "duties: %s", r->id, r->is_xml ? "add <duties> "
			    "with at least one <duty>" : "add a '## 工作职责' "
			    "section with a list of duties");
		for (j = 0; j < r->nduties; j++)
			if ((r->duties[j].text.s == NULL ||
			    r->duties[j].text.s[0] == '\0') &&
			    !S_file_failed(d, r->path))
				diag_pos(d, DIAG_ERROR, &r->duties[j].text.pos,
				    "empty duty: a duty needs its text");
		/* A reference that is not even an id was reported by the
		 * loader; one error is enough. */
		if (S_is_id(&r->department) && org->ndepts > 0) {
			dp = rb_org_dept(org, r->department.s);
			if (dp == NULL) {
				near = S_near_dept(org, r->department.s);
				if (near)
					diag_pos(d, DIAG_ERROR,
					    &r->department.pos, "department "
					    "'%s' is not in org.xml; did you "
					    "mean '%s'?", r->department.s, near);
				else
					diag_pos(d, DIAG_ERROR,
					    &r->department.pos, "department "
					    "'%s' is not in org.xml",
					    r->department.s);
			} else {
				r->dept = dp;
				dp->roles = xreallocarray(dp->roles,
				    dp->nroles + 1, sizeof(*dp->roles));
				dp->roles[dp->nroles++] = r;
			}
		}
		if (S_is_id(&r->reports_to)) {
			sup = rb_site_role(site, r->reports_to.s);
			if (sup == NULL)
				S_bad_role_ref(d, site, &r->reports_to,
				    "reports_to");
			else if (sup == r)
				diag_pos(d, DIAG_ERROR, &r->reports_to.pos,
				    "role '%s' reports to itself", r->id);
			else
				r->superior = sup;
		}
		for (j = 0; j < r->nreports; j++)
			if (S_is_id(&r->reports[j].to) &&
			    rb_site_role(site, r->reports[j].to.s) == NULL)
				S_bad_role_ref(d, site, &r->reports[j].to,
				    "report recipient");
		for (j = 0; j < r->ntargets; j++) {
			size_t k;

			for (k = 0; k < j; k++)
				if (r->targets[k].metric.s &&
				    r->targets[j].metric.s &&
				    strcmp(r->targets[k].metric.s,
				    r->targets[j].metric.s) == 0 &&
				    strcmp(r->targets[k].period.s ?
				    r->targets[k].period.s : "",
				    r->targets[j].period.s ?
				    r->targets[j].period.s : "") == 0)
					diag_pos(d, DIAG_ERROR,
					    &r->targets[j].metric.pos,
					    "target '%s' given twice",
					    r->targets[j].metric.s);
		}
	}
	S_check_cycles(d, site);
	/* Direct reports, in id order (roles are sorted). */
	for (i = 0; i < site->nroles; i++) {
		r = site->roles[i];
		if ((sup = r->superior) == NULL)
			continue;
		sup->subs = xreallocarray(sup->subs, sup->nsubs + 1,
		    sizeof(*sup->subs));
		sup->subs[sup->nsubs++] = r;
	}
	return d->nerr - before;
}
