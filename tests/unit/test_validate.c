/*
 * test_validate.c — cross-file checks on sites built in memory: references,
 * suggestions, cycles (every member named), duplicate ids, id = file stem,
 * required duties, and the derived reporting tree.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "util/util.h"
#include "model/model.h"
#include "validate/validate.h"

static struct rb_site site;
static struct diag d;

static void
setup(void)
{
	struct rb_dept *dp;

	memset(&site, 0, sizeof(site));
	diag_init(&d);
	dp = rb_org_add_dept(&site.org);
	dp->id = xstrdup("management");
	dp->name = xstrdup("总经理室");
	dp = rb_org_add_dept(&site.org);
	dp->id = xstrdup("sales");
	dp->name = xstrdup("业务部");
	dp->parent = xstrdup("management");
}

static void
teardown(void)
{
	rb_site_free(&site);
	diag_free(&d);
}

/* Adds a role with one duty; reports_to may be NULL. */
static struct rb_role *
add(const char *file, const char *id, const char *dept, const char *up)
{
	struct rb_role *r = rb_role_new(file);
	struct rb_pos p = { NULL, 2, 5 };

	p.file = rb_site_intern(&site, file);
	r->id = xstrdup(id);
	r->pos = p;
	rb_str_set(&r->title, "岗位", strlen("岗位"), &p);
	p.line = 4;
	rb_str_set(&r->department, dept, strlen(dept), &p);
	p.line = 5;
	if (up)
		rb_str_set(&r->reports_to, up, strlen(up), &p);
	p.line = 9;
	rb_str_set(&rb_role_add_duty(r)->text, "负责。", strlen("负责。"), &p);
	site.roles = xreallocarray(site.roles, site.nroles + 1, sizeof(r));
	site.roles[site.nroles++] = r;
	return r;
}

/* Collects the printed diagnostics into a string (caller frees). */
static char *
flush(void)
{
	char *out = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&out, &n);

	diag_flush(&d, f);
	fclose(f);
	return out;
}

TestSuite(validate, .init = setup, .fini = teardown);

Test(validate, clean_tree_derives_reports_and_departments)
{
	char *out;

	add("r/boss.md", "boss", "management", NULL);
	add("r/lead.md", "lead", "sales", "boss");
	add("r/seller.md", "seller", "sales", "lead");
	add("r/seller2.md", "seller2", "sales", "lead");
	cr_assert_eq(validate_site(&d, &site), 0);
	out = flush();
	cr_assert_str_eq(out, "");
	free(out);
	cr_assert_eq(site.roles[1]->nsubs, 2);
	cr_assert_str_eq(site.roles[1]->subs[0]->id, "seller");
	cr_assert_str_eq(site.roles[1]->subs[1]->id, "seller2");
	cr_assert_eq(site.roles[2]->superior, site.roles[1]);
	cr_assert_eq(site.org.depts[1].nroles, 3);
	cr_assert_eq(site.org.depts[1].up, &site.org.depts[0]);
	cr_assert_eq(site.org.depts[1].depth, 1);
	cr_assert_eq(site.org.depts[0].nchildren, 1);
}

Test(validate, unresolved_references_suggest)
{
	char *out;

	add("r/boss.md", "boss", "management", NULL);
	add("r/seller.md", "seller", "sale", "bos");
	cr_assert_eq(validate_site(&d, &site), 2);
	out = flush();
	cr_assert_str_eq(out,
	    "r/seller.md:4:5: error: department 'sale' is not in org.xml; "
	    "did you mean 'sales'?\n"
	    "r/seller.md:5:5: error: reports_to 'bos' is not a role; "
	    "did you mean 'boss'?\n");
	free(out);
}

Test(validate, cycle_of_three_names_every_role_once)
{
	char *out;

	add("r/a.md", "a", "sales", "c");
	add("r/b.md", "b", "sales", "a");
	add("r/c.md", "c", "sales", "b");
	cr_assert_eq(validate_site(&d, &site), 1);
	out = flush();
	cr_assert_str_eq(out,
	    "r/a.md:5:5: error: reporting cycle: a → c → b → a\n");
	free(out);
	/* cycles are broken so later passes terminate */
	cr_assert_null(site.roles[0]->superior);
}

Test(validate, duplicate_id_and_file_stem)
{
	char *out;

	add("r/x.md", "x", "sales", NULL);
	add("r/x.xml", "x", "sales", NULL);
	add("r/y.md", "z", "sales", NULL);
	validate_site(&d, &site);
	out = flush();
	cr_assert_str_eq(out,
	    "r/x.xml:2:5: error: duplicate id 'x' (also in r/x.md)\n"
	    "r/y.md:2:5: error: id 'z' does not match the file name 'y'; "
	    "rename the file or change the id\n");
	free(out);
	cr_assert_eq(site.nroles, 2);
}

Test(validate, no_duties_and_self_report)
{
	struct rb_role *r;
	char *out;

	r = add("r/x.md", "x", "sales", "x");
	rb_str_free(&r->duties[0].text);
	free(r->duties);
	r->duties = NULL;
	r->nduties = 0;
	cr_assert_eq(validate_site(&d, &site), 2);
	out = flush();
	cr_assert_str_eq(out,
	    "r/x.md:2:5: error: role 'x' has no duties: add a '## 工作职责' "
	    "section with a list of duties\n"
	    "r/x.md:5:5: error: role 'x' reports to itself\n");
	free(out);
}
