/*
 * test_build.c — the build stage's data and templates: data_site() over
 * the sample content (references, links for html and pdf, positions), the
 * built-in templates rendered and parsed into document trees (the HTML
 * pages, and the PDF backend's handbook.lua.html and rolesheet.lua.html
 * for every role), data-src kept in the tree and dropped from HTML.
 * Run with cwd tests/unit.
 */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include "util/util.h"
#include "util/diag.h"
#include "model/model.h"
#include "load/load.h"
#include "load/xml.h"
#include "validate/validate.h"
#include "doc/doc.h"
#include "html/html.h"
#include "tmpl/tmpl.h"
#include "build/build.h"

#define CONTENT	"../../content"
#define TDIR	"../../templates"

static struct rb_site S_site;
static struct diag S_d;

static void
S_load(void)
{
	diag_init(&S_d);
	load_set_schema_dir("../../schema");
	cr_assert_eq(load_site(&S_d, CONTENT, &S_site), 0);
	validate_site(&S_d, &S_site);
	cr_assert_eq(diag_failed(&S_d), 0, "sample content has errors");
}

static void
S_unload(void)
{
	rb_site_free(&S_site);
	diag_free(&S_d);
	load_xml_cleanup();
}

TestSuite(build, .init = S_load, .fini = S_unload);

static const struct tmpl_val *
S_role(const struct tmpl_val *site, const char *id)
{
	const struct tmpl_val *roles = tmpl_map_get(site, "roles");
	size_t i;

	for (i = 0; i < tmpl_val_len(roles); i++)
		if (strcmp(tmpl_val_string(tmpl_map_get(tmpl_val_item(roles,
		    i), "id")), id) == 0)
			return tmpl_val_item(roles, i);
	return NULL;
}

static const char *
S_str(const struct tmpl_val *m, const char *key)
{
	return tmpl_val_string(tmpl_map_get(m, key));
}

Test(build, data_site_fields_and_links)
{
	struct tmpl_val *h = data_site(&S_site, "html");
	struct tmpl_val *p = data_site(&S_site, "pdf");
	const struct tmpl_val *r, *sup, *duty, *rep;

	cr_assert_str_eq(S_str(h, "target"), "html");
	cr_assert_eq(tmpl_val_len(tmpl_map_get(h, "roles")), S_site.nroles);
	r = S_role(h, "salesperson");
	cr_assert_not_null(r);
	cr_assert_str_eq(S_str(r, "title"), "业务员");
	cr_assert_str_eq(S_str(r, "href"), "roles/salesperson.html");
	cr_assert_str_eq(S_str(S_role(p, "salesperson"), "href"),
	    "#role-salesperson");
	cr_assert_str_eq(S_str(r, "anchor"), "role-salesperson");
	/* the superior is the role's own map (a reference), not a copy */
	sup = tmpl_map_get(r, "superior");
	cr_assert_str_eq(S_str(sup, "id"), "business-manager");
	cr_assert_eq(tmpl_map_get(sup, "duties"),
	    tmpl_map_get(S_role(h, "business-manager"), "duties"));
	cr_assert_str_eq(S_str(tmpl_map_get(r, "department"), "href"),
	    "departments/sales.html");
	cr_assert_str_eq(S_str(tmpl_map_get(S_role(p, "salesperson"),
	    "department"), "href"), "#dept-sales");
	/* duty 4: share, frequency, rich text, position */
	duty = tmpl_val_item(tmpl_map_get(r, "duties"), 3);
	cr_assert_str_eq(S_str(duty, "frequency"), "每日");
	cr_assert(strstr(S_str(duty, "text"), "<em>准客户</em>") != NULL);
	cr_assert_str_eq(S_str(duty, "src"),
	    CONTENT "/roles/salesperson.md:28:4");
	cr_assert_str_eq(S_str(tmpl_map_get(r, "srcs"), "title"),
	    CONTENT "/roles/salesperson.md:3:8");
	/* reports: recipient as a reference and its title */
	rep = tmpl_val_item(tmpl_map_get(r, "reports"), 1);
	cr_assert_str_eq(S_str(rep, "name"), "周客户上门情况进度表");
	cr_assert_str_eq(S_str(rep, "frequency"), "weekly");
	cr_assert_str_eq(S_str(rep, "frequency_label"), "每周");
	cr_assert_str_eq(S_str(rep, "due"), "周六");
	cr_assert_str_eq(S_str(rep, "to_title"), "业务经理");
	cr_assert_str_eq(S_str(tmpl_map_get(rep, "to"), "id"),
	    "business-manager");
	/* targets with labels */
	cr_assert_str_eq(S_str(tmpl_val_item(tmpl_map_get(r, "targets"), 0),
	    "metric_label"), "有效客户邀约");
	cr_assert_str_eq(S_str(tmpl_val_item(tmpl_map_get(r, "targets"), 0),
	    "period_label"), "每月");
	/* org */
	cr_assert_str_eq(S_str(tmpl_map_get(h, "org"), "effective"),
	    "2026-01-01");
	tmpl_val_free(h);
	tmpl_val_free(p);
}

/* Renders name with root, parses it; returns the tree (never NULL). */
static struct doc_node *
S_render(struct tmpl *t, const char *name, struct tmpl_val *root)
{
	struct buf out = BUF_INIT;
	struct doc_srcmap map;
	struct doc_node *doc;
	struct diag d;

	memset(&map, 0, sizeof(map));
	diag_init(&d);
	cr_assert_eq(tmpl_render(t, &d, name, root, &out, &map), 0,
	    "%s: %s:%d: %s", name, d.n ? d.items[0].file : "",
	    d.n ? d.items[0].line : 0, d.n ? d.items[0].msg : "");
	doc = doc_parse(&d, out.data, out.len, &map);
	cr_assert_not_null(doc, "%s: %s:%d: %s", name,
	    d.n ? d.items[0].file : "", d.n ? d.items[0].line : 0,
	    d.n ? d.items[0].msg : "");
	tmpl_val_free(root);
	buf_free(&out);
	doc_srcmap_free(&map);
	diag_free(&d);
	return doc;
}

/* The node with id, or NULL. */
static const struct doc_node *
S_byid(const struct doc_node *root, const char *id)
{
	struct doc_node *n = NULL;
	int entering;

	while ((n = doc_next(root, n, &entering)) != NULL)
		if (entering && n->id && strcmp(n->id, id) == 0)
			return n;
	return NULL;
}

static size_t
S_count(const struct doc_node *root, enum doc_tag tag, const char *attr)
{
	struct doc_node *n = NULL;
	int entering;
	size_t k = 0;

	while ((n = doc_next(root, n, &entering)) != NULL)
		if (entering && (tag == DOC__MAX || n->tag == tag) &&
		    (attr == NULL || doc_attr(n, attr) != NULL))
			k++;
	return k;
}

Test(build, pdf_handbook_template_parses)
{
	struct tmpl_val *site = data_site(&S_site, "pdf");
	struct tmpl *t = tmpl_new(NULL, TDIR, NULL);
	struct doc_node *doc;
	const struct doc_node *n;
	size_t i;

	doc = S_render(t, "handbook.lua.html", data_page(site, ""));
	cr_assert_eq(doc->tag, DOC_DOCUMENT);
	cr_assert_str_eq(doc_attr(doc, "title"), "岗位说明书手册");
	cr_assert_str_eq(doc_attr(doc, "data-header"),
	    "上海锦程装饰工程有限公司 · 岗位说明书手册");
	cr_assert_str_eq(doc_attr(doc, "data-footer"),
	    "版本 1.0 · 生效日期 2026年1月1日");
	cr_assert_str_eq(doc_attr(doc, "data-author"), "上海锦程装饰工程有限公司");
	cr_assert_eq(S_count(doc, DOC_TOC, NULL), 1);
	cr_assert_eq(S_count(doc, DOC_ORGCHART, NULL), 1);
	cr_assert_eq(S_count(doc, DOC_ORGNODE, NULL), S_site.nroles);
	for (i = 0; i < S_site.org.ndepts; i++) {
		char *id = xasprintf("dept-%s", S_site.org.depts[i].id);

		n = S_byid(doc, id);
		cr_assert(n && n->tag == DOC_H1, "%s", id);
		free(id);
	}
	for (i = 0; i < S_site.nroles; i++) {
		char *id = xasprintf("role-%s", S_site.roles[i]->id);

		n = S_byid(doc, id);
		cr_assert(n && n->tag == DOC_H2, "%s", id);
		free(id);
	}
	/* 上级 link of a role is an in-document anchor */
	n = S_byid(doc, "section-salesperson");
	cr_assert_not_null(n);
	cr_assert(strstr(doc_attr(doc, "data-footer"), "版本") != NULL);
	cr_assert_gt(S_count(doc, DOC__MAX, "data-src"), 100);
	cr_assert_eq(S_count(doc, DOC_PAGEBREAK, NULL),
	    S_site.org.ndepts + 3);
	doc_free(doc);
	tmpl_free(t);
	tmpl_val_free(site);
}

Test(build, pdf_rolesheet_template_parses_for_every_role)
{
	struct tmpl_val *site = data_site(&S_site, "pdf"), *root;
	struct tmpl *t = tmpl_new(NULL, TDIR, NULL);
	const struct tmpl_val *roles = tmpl_map_get(site, "roles");
	struct doc_node *doc;
	struct doc_node *n = NULL;
	int entering;
	size_t i, signs;

	for (i = 0; i < tmpl_val_len(roles); i++) {
		root = data_page(site, "");
		tmpl_map_set(root, "role", tmpl_val_ref(tmpl_val_item(roles,
		    i)));
		doc = S_render(t, "rolesheet.lua.html", root);
		cr_assert_eq(S_count(doc, DOC_SIGNATURE, NULL), 1);
		cr_assert_eq(S_count(doc, DOC_A, NULL), 0, "no links");
		signs = 0;
		while ((n = doc_next(doc, n, &entering)) != NULL)
			if (entering && n->tag == DOC_SIGN) {
				static const char *const want[] = { "任职者签字",
				    "直接上级签字", "日期" };

				cr_assert_str_eq(doc_attr(n, "label"),
				    want[signs]);
				signs++;
			}
		cr_assert_eq(signs, 3);
		doc_free(doc);
	}
	tmpl_free(t);
	tmpl_val_free(site);
}

Test(build, html_pages_drop_data_src)
{
	struct tmpl_val *site = data_site(&S_site, "html"), *root;
	struct tmpl *t = tmpl_new(NULL, TDIR, NULL);
	struct doc_node *doc;
	struct buf html = BUF_INIT;

	root = data_page(site, "../");
	tmpl_map_str(root, "page", "role");
	tmpl_map_set(root, "role", tmpl_val_ref(S_role(site, "salesperson")));
	doc = S_render(t, "role.lua.html", root);
	cr_assert_gt(S_count(doc, DOC__MAX, "data-src"), 10);
	html_render(&html, doc, NULL);
	cr_assert_null(strstr(html.data, "data-src"));
	cr_assert_not_null(strstr(html.data, "<h1>业务员</h1>"));
	cr_assert_not_null(strstr(html.data,
	    "<a href=\"../roles/business-manager.html\">业务经理</a>"));
	buf_free(&html);
	doc_free(doc);
	tmpl_free(t);
	tmpl_val_free(site);
}
