/*
 * data.c — the model as template data (see build.h and docs/templates.md,
 * "Data").  One map per role and per department, built once; everywhere
 * else they appear (a department's roles, a role's superior, the org
 * chart's tree, the calendar) they are references, so the data is a graph
 * that templates walk freely and that costs nothing to share between
 * pages (the engine converts it lazily).
 */
#include <stdlib.h>
#include <string.h>
#include "../model/fields.h"
#include "build.h"

struct S_ctx {
	const struct rb_site	*site;
	const char		*target;	/* "html" or "pdf" */
	int			 html;
	struct tmpl_val		**rolev;	/* by site->roles index */
	struct tmpl_val		**deptv;	/* by org.depts index */
};

/* key = s, borrowed: the model's strings and static labels outlive the
 * data (the caller frees the data before the site). */
static void
S_bstr(struct tmpl_val *m, const char *key, const char *s)
{
	tmpl_map_set(m, key, tmpl_val_str_borrow(s));
}

/* Appends the decimal digits of v (>= 0). */
static char *
S_utoa(char *p, int v)
{
	char tmp[16];
	int n = 0;

	if (v < 0)
		v = 0;
	do
		tmp[n++] = (char)('0' + v % 10);
	while ((v /= 10) > 0);
	while (n > 0)
		*p++ = tmp[--n];
	return p;
}

/* key = "file:line:col" (":col" when known), formatted without printf. */
static void
S_src(struct tmpl_val *m, const char *key, const struct rb_pos *p)
{
	char small[256], *s, *q;
	size_t fl;

	if (p == NULL || p->file == NULL)
		return;
	fl = strlen(p->file);
	s = fl + 32 <= sizeof(small) ? small : xmalloc(fl + 32);
	memcpy(s, p->file, fl);
	q = s + fl;
	*q++ = ':';
	q = S_utoa(q, p->line);
	if (p->col > 0) {
		*q++ = ':';
		q = S_utoa(q, p->col);
	}
	tmpl_map_set(m, key, tmpl_val_strn(s, (size_t)(q - s)));
	if (s != small)
		free(s);
}

/* Sets key to the string of rs (when present) and srcs[key] to its place. */
static void
S_field(struct tmpl_val *m, struct tmpl_val *srcs, const char *key,
    const struct rb_str *rs)
{
	if (rs->s == NULL)
		return;
	tmpl_map_set(m, key, tmpl_val_str_borrow(rs->s));
	if (srcs)
		S_src(srcs, key, &rs->pos);
}

/* {text, src} for a rich list item. */
static struct tmpl_val *
S_item(struct tmpl_val *a, const struct rb_str *rs)
{
	struct tmpl_val *m = tmpl_array_push(a, tmpl_val_map());

	tmpl_map_set(m, "text", tmpl_val_str_borrow(rs->s ? rs->s : ""));
	S_src(m, "src", &rs->pos);
	return m;
}

static struct tmpl_val *
S_role_ref(const struct S_ctx *c, const struct rb_role *r)
{
	size_t lo = 0, hi = c->site->nroles, mid;

	/* roles are sorted by id */
	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (c->site->roles[mid] == r)
			return tmpl_val_ref(c->rolev[mid]);
		if (strcmp(c->site->roles[mid]->id, r->id) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return tmpl_val_ref(c->rolev[lo < c->site->nroles ? lo : 0]);
}

static struct tmpl_val *
S_dept_ref(const struct S_ctx *c, const struct rb_dept *d)
{
	return tmpl_val_ref(c->deptv[d - c->site->org.depts]);
}

/*
 * Sets m's href to the page of id: with html, prefix + the id
 * percent-encoded + ".html" (an id may be 业务员); else the anchor
 * anchor + id in the one document (PDF).
 */
static void
S_href(struct tmpl_val *m, int html, const char *prefix, const char *anchor,
    const char *id)
{
	struct buf b = BUF_INIT;

	if (html) {
		buf_puts(&b, prefix);
		buf_put_pct(&b, id);
		BUF_PUTSL(&b, ".html");
	} else {
		buf_puts(&b, anchor);
		buf_puts(&b, id);
	}
	tmpl_map_str(m, "href", b.data);
	buf_free(&b);
}

/* Writes a then b into key (size bytes, cut to fit): no printf, this runs
 * for every item. */
static void
S_key(char *key, size_t size, const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);

	if (la >= size)
		la = size - 1;
	if (la + lb >= size)
		lb = size - 1 - la;
	memcpy(key, a, la);
	memcpy(key + la, b, lb);
	key[la + lb] = '\0';
}

/* Sets subs of m to the sub-list of item it of id, when it has one. */
static void
S_subs(struct tmpl_val *m, const struct rb_itemdef *id, const void *it)
{
	const struct rb_str *s;
	struct tmpl_val *items;
	size_t j, n;

	if ((s = rb_item_subs(it, id, &n)) == NULL || n == 0)
		return;		/* no "subs": most items */
	items = tmpl_map_array(m, "subs");
	for (j = 0; j < n; j++)
		S_item(items, &s[j]);
}

/*
 * Item it of list id as a map, as the field table describes it
 * (src/model/fields.c): text and src (or src alone), each attribute given
 * by its name (a share as validated, an enumerated one by its canonical
 * name, and its Chinese label as label in an item with text, where its
 * own label comes first, else as <name>_label), subs.  A reference to a
 * role is a link: the caller's (S_report).
 */
static struct tmpl_val *
S_list_item(struct tmpl_val *m, const struct rb_itemdef *id, const void *it)
{
	const struct rb_attrdef *a;
	const struct rb_str *t = rb_item_text(it, id), *s;
	char key[48];
	int k, v, lab = 0;

	if (t != NULL) {
		tmpl_map_set(m, "text", tmpl_val_str_borrow(t->s ? t->s : ""));
		S_src(m, "src", &t->pos);
	}
	for (k = 0; k < id->nattrs; k++) {
		a = &id->attrs[k];
		switch (a->kind) {
		case RB_AK_ROLE:
			break;
		case RB_AK_PCT:
			if ((v = *rb_item_int(it, a)) >= 0)
				tmpl_map_int(m, a->name, v);
			break;
		case RB_AK_ENUM:
			v = *rb_item_int(it, a);
			S_bstr(m, a->name, a->names[v]);
			if (t != NULL)
				break;
			S_key(key, sizeof(key), a->name, "_label");
			S_bstr(m, key, a->labels[v]);
			break;
		default:
			if ((s = rb_item_str(it, a))->s == NULL)
				break;
			S_bstr(m, a->name, s->s);
			lab |= strcmp(a->name, "label") == 0;
			if (a->labels == NULL)
				break;
			/* a target's metric and period: the Chinese name,
			 * or the word as written */
			v = rb_name_index(a->names, a->nnames, s->s);
			S_key(key, sizeof(key), a->name, "_label");
			S_bstr(m, key, v >= 0 ? a->labels[v] : s->s);
			break;
		}
	}
	for (k = 0; k < id->nattrs && t != NULL && !lab; k++)
		if (id->attrs[k].kind == RB_AK_ENUM) {
			S_bstr(m, "label", id->attrs[k].labels[
			    *rb_item_int(it, &id->attrs[k])]);
			break;
		}
	if (t == NULL)
		S_src(m, "src", rb_item_pos(it, id));
	S_subs(m, id, it);
	return m;
}

/*
 * Groups of the items of list id that have a text and an enumerated
 * attribute (relations, qualifications), as key: one per value of the
 * first enumerated attribute in its order ({kind, label, items}), then
 * one per own label (年龄, …: the text attribute named label) in the
 * order of its first item.
 */
static void
S_groups(struct tmpl_val *m, const char *key, const struct rb_role *r,
    const struct rb_itemdef *id)
{
	const struct rb_attrdef *en = NULL, *la = NULL;
	const struct rb_str *l, *lj;
	struct tmpl_val *g, *x, *items;
	size_t i, j, n = rb_list_len(r, id);
	const void *it;
	int k;

	for (k = 0; k < id->nattrs; k++)
		if (id->attrs[k].kind == RB_AK_ENUM && en == NULL)
			en = &id->attrs[k];
		else if (strcmp(id->attrs[k].name, "label") == 0)
			la = &id->attrs[k];
	g = tmpl_map_array(m, key);
	for (k = 0; k < en->nnames; k++) {
		items = NULL;
		for (i = 0; i < n; i++) {
			it = rb_list_item(r, id, i);
			if (*rb_item_int(it, en) != k || (la != NULL &&
			    rb_item_str(it, la)->s != NULL))
				continue;
			if (items == NULL) {
				x = tmpl_array_push(g, tmpl_val_map());
				S_bstr(x, "kind", en->names[k]);
				S_bstr(x, "label", en->labels[k]);
				items = tmpl_map_array(x, "items");
			}
			S_subs(S_item(items, rb_item_text(it, id)), id, it);
		}
	}
	for (i = 0; i < n && la != NULL; i++) {
		if ((l = rb_item_str(rb_list_item(r, id, i), la))->s == NULL)
			continue;
		for (j = 0; j < i; j++)
			if ((lj = rb_item_str(rb_list_item(r, id, j),
			    la))->s != NULL && strcmp(lj->s, l->s) == 0)
				break;
		if (j < i)
			continue;	/* its group is made */
		x = tmpl_array_push(g, tmpl_val_map());
		S_bstr(x, "kind", en->names[*rb_item_int(rb_list_item(r, id,
		    i), en)]);
		S_bstr(x, "label", l->s);
		items = tmpl_map_array(x, "items");
		for (j = i; j < n; j++) {
			it = rb_list_item(r, id, j);
			if ((lj = rb_item_str(it, la))->s != NULL &&
			    strcmp(lj->s, l->s) == 0)
				S_subs(S_item(items, rb_item_text(it, id)), id,
				    it);
		}
	}
}

/* Scalars of a role and its lists; links come in S_role_links. */
static void
S_role(const struct S_ctx *c, struct tmpl_val *m, const struct rb_role *r)
{
	const struct rb_itemdef *id;
	struct tmpl_val *srcs, *a, *x;
	const struct rb_str *fs;
	char *s, key[64];
	size_t i, n;
	int f;

	srcs = tmpl_val_map();
	S_bstr(m, "id", r->id);
	S_href(m, c->html, "roles/", "#role-", r->id);
	s = xasprintf("role-%s", r->id);
	tmpl_map_str(m, "anchor", s);
	free(s);
	S_src(m, "src", &r->pos);
	/* The fields, by the field table: text as it is, integers as
	 * validated, lists item by item; a department becomes a link and
	 * the reports hold links (S_role_links). */
	for (f = 0; f < RB_F__MAX; f++) {
		if ((id = rb_fields[f].item) != NULL) {
			if (f == RB_F_REPORTS)
				continue;
			a = tmpl_map_array(m, rb_fields[f].name);
			n = rb_list_len(r, id);
			for (i = 0; i < n; i++) {
				S_list_item(tmpl_array_push(a, tmpl_val_map()),
				    id, rb_list_item(r, id, i));
			}
			if (id->toff != RB_NONE && id->nattrs > 0 &&
			    id->attrs[0].kind == RB_AK_ENUM) {
				S_key(key, sizeof(key), rb_fields[f].name, "_by_");
				S_key(key + strlen(key), sizeof(key) - strlen(key),
				    id->attrs[0].name, "");
				S_groups(m, key, r, id);
			}
			continue;
		}
		if ((fs = rb_field_cstr(r, f)) == NULL || fs->s == NULL)
			continue;
		if (rb_fields[f].kind == RB_FK_DEPT)
			S_src(srcs, rb_fields[f].name, &fs->pos);
		else if (rb_fields[f].kind == RB_FK_INT) {
			if ((n = (size_t)rb_field_ival(r, f)) == (size_t)-1)
				continue;
			tmpl_map_int(m, rb_fields[f].name, (long long)n);
			S_src(srcs, rb_fields[f].name, &fs->pos);
		} else
			S_field(m, srcs, rb_fields[f].name, fs);
	}
	a = tmpl_map_array(m, "sections");
	for (i = 0; i < r->nsections; i++) {
		x = tmpl_array_push(a, tmpl_val_map());
		S_field(x, NULL, "title", &r->sections[i].title);
		S_field(x, NULL, "body", &r->sections[i].body);
		S_src(x, "src", &r->sections[i].title.pos);
	}
	tmpl_map_set(m, "srcs", srcs);
}

/* One report of r as a map; the recipient is a reference. */
static struct tmpl_val *
S_report(const struct S_ctx *c, const struct rb_role *r,
    const struct rb_report *rp)
{
	struct tmpl_val *x = tmpl_val_map();
	const struct rb_role *to;

	S_list_item(x, rb_fields[RB_F_REPORTS].item, rp);
	tmpl_map_set(x, "from", S_role_ref(c, r));
	if ((to = rp->recipient) != NULL) {
		tmpl_map_set(x, "to", S_role_ref(c, to));
		S_bstr(x, "to_title", to->title.s ? to->title.s : to->id);
	} else if (rp->to.s)
		S_bstr(x, "to_title", rp->to.s);
	return x;
}

static void
S_role_links(const struct S_ctx *c, struct tmpl_val *m,
    const struct rb_role *r)
{
	struct tmpl_val *a;
	size_t i;

	if (r->superior)
		tmpl_map_set(m, "superior", S_role_ref(c, r->superior));
	a = tmpl_map_array(m, "subordinates");
	for (i = 0; i < r->nsubs; i++)
		tmpl_array_push(a, S_role_ref(c, r->subs[i]));
	if (r->dept)
		tmpl_map_set(m, "department", S_dept_ref(c, r->dept));
	a = tmpl_map_array(m, "reports");
	for (i = 0; i < r->nreports; i++)
		tmpl_array_push(a, S_report(c, r, &r->reports[i]));
}

static void
S_dept(const struct S_ctx *c, struct tmpl_val *m, const struct rb_dept *d)
{
	struct tmpl_val *a;
	char *s;
	size_t i;
	long long hc = 0;

	S_bstr(m, "id", d->id);
	S_bstr(m, "name", d->name ? d->name : d->id);
	S_href(m, c->html, "departments/", "#dept-", d->id);
	s = xasprintf("dept-%s", d->id);
	tmpl_map_str(m, "anchor", s);
	free(s);
	tmpl_map_int(m, "depth", d->depth);
	S_src(m, "src", &d->pos);
	if (d->up)
		tmpl_map_set(m, "parent", S_dept_ref(c, d->up));
	a = tmpl_map_array(m, "children");
	for (i = 0; i < d->nchildren; i++)
		tmpl_array_push(a, S_dept_ref(c, d->children[i]));
	a = tmpl_map_array(m, "roles");
	for (i = 0; i < d->nroles; i++) {
		tmpl_array_push(a, S_role_ref(c, d->roles[i]));
		if (d->roles[i]->headcount > 0)
			hc += d->roles[i]->headcount;
	}
	tmpl_map_int(m, "headcount", hc);
}

/* Calendar order: frequency, then the sender's department, id, report. */
struct S_cal {
	const struct rb_role	*r;
	const struct rb_report	*rp;
	size_t			 dept;	/* org.depts index */
	size_t			 n;	/* index in r->reports */
};

static int
S_calcmp(const void *a, const void *b)
{
	const struct S_cal *x = a, *y = b;
	int c;

	if (x->rp->frequency != y->rp->frequency)
		return x->rp->frequency < y->rp->frequency ? -1 : 1;
	if (x->dept != y->dept)
		return x->dept < y->dept ? -1 : 1;
	if ((c = strcmp(x->r->id, y->r->id)) != 0)
		return c;
	return x->n < y->n ? -1 : x->n > y->n;
}

static void
S_calendar(const struct S_ctx *c, struct tmpl_val *root)
{
	const struct rb_site *site = c->site;
	struct S_cal *cal;
	struct tmpl_val *a, *g = NULL, *items = NULL;
	size_t i, j, n = 0, k;
	int freq = -1;

	for (i = 0; i < site->nroles; i++)
		n += site->roles[i]->nreports;
	cal = xcalloc(n + 1, sizeof(*cal));
	for (i = 0, k = 0; i < site->nroles; i++)
		for (j = 0; j < site->roles[i]->nreports; j++, k++) {
			cal[k].r = site->roles[i];
			cal[k].rp = &site->roles[i]->reports[j];
			cal[k].dept = site->roles[i]->dept ?
			    (size_t)(site->roles[i]->dept - site->org.depts) :
			    site->org.ndepts;
			cal[k].n = j;
		}
	qsort(cal, n, sizeof(*cal), S_calcmp);
	a = tmpl_map_array(root, "calendar");
	for (k = 0; k < n; k++) {
		if ((int)cal[k].rp->frequency != freq) {
			freq = (int)cal[k].rp->frequency;
			g = tmpl_array_push(a, tmpl_val_map());
			S_bstr(g, "frequency", rb_freq_name[freq]);
			S_bstr(g, "label", rb_freq_label[freq]);
			items = tmpl_map_array(g, "items");
		}
		tmpl_array_push(items, S_report(c, cal[k].r, cal[k].rp));
	}
	free(cal);
}

struct tmpl_val *
data_site(const struct rb_site *site, const char *target)
{
	const struct rb_org *org = &site->org;
	struct S_ctx c;
	struct tmpl_val *root, *o, *srcs, *a, *roles, *depts, *st;
	size_t i;
	long long hc = 0;

	memset(&c, 0, sizeof(c));
	c.site = site;
	c.target = target;
	c.html = strcmp(target, "pdf") != 0;
	root = tmpl_val_map();
	S_bstr(root, "target", c.html ? "html" : "pdf");

	o = tmpl_map_map(root, "org");
	srcs = tmpl_val_map();
	S_field(o, srcs, "company", &org->company);
	S_field(o, srcs, "title", &org->title);
	S_field(o, srcs, "version", &org->version);
	S_field(o, srcs, "effective", &org->effective);
	S_field(o, srcs, "confidentiality", &org->confidentiality);
	tmpl_map_set(o, "srcs", srcs);

	/* Every role and department map exists before any reference. */
	roles = tmpl_map_array(root, "roles");
	depts = tmpl_map_array(root, "departments");
	c.rolev = xcalloc(site->nroles + 1, sizeof(*c.rolev));
	c.deptv = xcalloc(org->ndepts + 1, sizeof(*c.deptv));
	for (i = 0; i < site->nroles; i++)
		c.rolev[i] = tmpl_array_push(roles, tmpl_val_map());
	for (i = 0; i < org->ndepts; i++)
		c.deptv[i] = tmpl_array_push(depts, tmpl_val_map());
	for (i = 0; i < site->nroles; i++) {
		S_role(&c, c.rolev[i], site->roles[i]);
		S_role_links(&c, c.rolev[i], site->roles[i]);
		if (site->roles[i]->headcount > 0)
			hc += site->roles[i]->headcount;
	}
	for (i = 0; i < org->ndepts; i++)
		S_dept(&c, c.deptv[i], &org->depts[i]);

	a = tmpl_map_array(o, "departments");
	for (i = 0; i < org->ndepts; i++)
		if (org->depts[i].up == NULL)
			tmpl_array_push(a, S_dept_ref(&c, &org->depts[i]));
	a = tmpl_map_array(root, "top_roles");
	for (i = 0; i < site->nroles; i++)
		if (site->roles[i]->superior == NULL)
			tmpl_array_push(a, S_role_ref(&c, site->roles[i]));
	S_calendar(&c, root);

	st = tmpl_map_map(root, "stats");
	tmpl_map_int(st, "roles", (long long)site->nroles);
	tmpl_map_int(st, "departments", (long long)org->ndepts);
	tmpl_map_int(st, "headcount", hc);
	free(c.rolev);
	free(c.deptv);
	return root;
}

struct tmpl_val *
data_page(const struct tmpl_val *site, const char *base)
{
	struct tmpl_val *p = tmpl_val_map();
	size_t i, n = tmpl_val_len(site);

	for (i = 0; i < n; i++)
		tmpl_map_set(p, tmpl_val_key(site, i),
		    tmpl_val_ref(tmpl_val_item(site, i)));
	tmpl_map_str(p, "base", base);
	return p;
}
