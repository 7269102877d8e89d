/*
 * org.c — loads content/org.xml (docs/content-format.md, "org.xml"): the
 * company and handbook fields and the department tree, flattened into
 * org->depts in document order with each department's parent id.  Uses the
 * safe parsing and diagnostics of xml.h and validates against
 * schema/org.rng; its own checks report every problem with a position.
 */
#include <stdlib.h>
#include <string.h>
#include "../util/util.h"
#include "load.h"
#include "xml.h"

/* Is s a date YYYY-MM-DD with a plausible month and day? */
static int
S_date(const char *s)
{
	int i, m, d;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return 0;
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	return m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

/* Adds department n (and, recursively, its children) under parent. */
static void
S_dept(struct xml_src *xs, struct rb_org *org, xmlNodePtr n,
    const char *parent)
{
	static const char *const attrs[] = { "id", "name", NULL };
	struct rb_dept *dp;
	struct rb_pos pos;
	xmlNodePtr c;
	char *id, *name;

	load_xml_check_attrs(xs, n, attrs);
	load_xml_no_text(xs, n);
	/* The department's position is its id's (as for roles). */
	load_xml_attr_pos(xs, n, "id", 1, &pos);
	id = load_xml_attr(n, "id");
	name = load_xml_attr(n, "name");
	if (id == NULL)
		load_xml_msg(xs, n, MSG_E_XML_ATTR_MISSING, "department", "id");
	else if (!rb_id_valid(id, strlen(id)))
		load_xml_attr_msg(xs, n, "id", 1, MSG_E_DEPT_ID, id);
	if (name == NULL)
		load_xml_msg(xs, n, MSG_E_XML_ATTR_MISSING, "department", "name");
	else if (*name == '\0')
		load_xml_attr_msg(xs, n, "name", 1, MSG_E_XML_ATTR_EMPTY,
		    "department", "name");
	dp = rb_org_add_dept(org);
	dp->id = id ? id : xstrdup("");
	dp->name = name ? name : xstrdup("");
	dp->parent = parent ? xstrdup(parent) : NULL;
	dp->pos = pos;
	/* dp may move as the array grows: keep the id by value. */
	id = xstrdup(dp->id);
	for (c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (load_xml_is(c, "department"))
			S_dept(xs, org, c, id);
		else
			load_xml_msg(xs, c, MSG_E_ELEM_UNKNOWN,
			    (const char *)c->name, "department");
	}
	free(id);
}

/* Reports each department whose id repeats an earlier one's, at its id
 * (hashed: 100,000 departments were compared pairwise). */
static void
S_dup_depts(struct diag *d, const struct rb_org *org)
{
	const struct rb_dept *dp, *first;
	struct strset seen;
	size_t i;

	strset_init(&seen, org->ndepts);
	for (i = 0; i < org->ndepts && !diag_full(d); i++) {
		dp = &org->depts[i];
		if (dp->id[0] == '\0' || !rb_id_valid(dp->id, strlen(dp->id)))
			continue;	/* reported */
		if ((first = strset_add(&seen, dp->id, (void *)dp)) != NULL)
			rb_msg(d, MSG_E_DEPT_TWICE, &dp->pos, dp->id,
			    first->pos.line);
	}
	strset_free(&seen);
}

/* Order of the children of <org>. */
static const char *const S_order[] = {
	"company", "title", "version", "effective", "confidentiality",
	"departments", NULL };

int
load_org(struct diag *d, const char *file, const char *data, size_t len,
    struct rb_org *org)
{
	static const char *const none[] = { NULL };
	struct xml_src xs;
	struct rb_str *dst;
	struct rb_pos pos;
	xmlDocPtr doc;
	xmlNodePtr root, c, seen[6] = { NULL }, dc;
	const char *name;
	char *v;
	int k, last = -1, nerr0 = d->nerr;

	free(org->path);
	org->path = xstrdup(file);
	if ((doc = load_xml_open(&xs, d, file, data, len)) == NULL) {
		load_xml_close(&xs, NULL);
		return -1;
	}
	root = xmlDocGetRootElement(doc);
	if (root == NULL || !load_xml_is(root, "org")) {
		load_xml_msg(&xs, root, MSG_E_XML_ROOT, "org",
		    root ? (const char *)root->name : "");
		load_xml_close(&xs, doc);
		return -1;
	}
	load_xml_check_attrs(&xs, root, none);
	load_xml_no_text(&xs, root);
	for (c = root->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		name = (const char *)c->name;
		k = -1;
		if (c->ns == NULL)
			for (k = 0; S_order[k] && strcmp(S_order[k], name); k++)
				;
		if (k < 0 || S_order[k] == NULL) {
			const char *sug = c->ns == NULL ?
			    load_xml_suggest(name, S_order) : NULL;

			if (sug != NULL)
				load_xml_msg(&xs, c, MSG_E_ELEM_NEAR, name,
				    "org", sug);
			else
				load_xml_msg(&xs, c, MSG_E_ELEM_UNKNOWN, name,
				    "org");
			continue;
		}
		if (seen[k]) {
			load_xml_msg(&xs, c, MSG_E_FIELD_TWICE, "element", name,
			    name, (int)xmlGetLineNo(seen[k]));
			continue;
		}
		seen[k] = c;
		if (k < last)
			load_xml_msg(&xs, c, MSG_E_ELEM_ORDER, name,
			    S_order[last]);
		else
			last = k;
		load_xml_check_attrs(&xs, c, none);
		if (k == 5) {
			load_xml_no_text(&xs, c);
			for (dc = c->children; dc; dc = dc->next) {
				if (dc->type != XML_ELEMENT_NODE)
					continue;
				if (load_xml_is(dc, "department"))
					S_dept(&xs, org, dc, NULL);
				else
					load_xml_msg(&xs, dc,
					    MSG_E_ELEM_UNKNOWN,
					    (const char *)dc->name,
					    "departments");
			}
			continue;
		}
		dst = k == 0 ? &org->company : k == 1 ? &org->title :
		    k == 2 ? &org->version : k == 3 ? &org->effective :
		    &org->confidentiality;
		v = load_xml_plain(&xs, c);
		load_xml_pos(&xs, c, &pos);
		if (*v == '\0' && k != 4)
			load_xml_msg(&xs, c, MSG_E_XML_EMPTY, name);
		else if (k == 3 && !S_date(v))
			load_xml_msg(&xs, c, MSG_E_DATE, v);
		rb_str_set(dst, v, strlen(v), &pos);
		free(v);
	}
	for (k = 0; k < 6; k++)
		if (k != 4 && seen[k] == NULL)
			load_xml_msg(&xs, root, MSG_E_ELEM_MISSING, "org",
			    S_order[k]);
	S_dup_depts(d, org);
	load_xml_validate(&xs, doc, "org.rng");
	load_xml_close(&xs, doc);
	return d->nerr > nerr0 ? -1 : 0;
}
