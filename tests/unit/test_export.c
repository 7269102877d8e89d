/*
 * test_export.c — a Markdown role and its canonical XML export load to
 * identical models (every sample role, and a role using every field), and
 * the export is a fixed point.
 */
#include <criterion/criterion.h>
#include <glob.h>
#include <stdlib.h>
#include <string.h>
#include "util/util.h"
#include "load/load.h"
#include "load/xml.h"
#include "export/export.h"

/* Loads path, exports, reloads the XML; asserts equality and no diags. */
static void
S_roundtrip(const char *path)
{
	struct diag d;
	struct rb_role *a, *b;
	struct buf x = BUF_INIT, y = BUF_INIT;
	const char *why = NULL;

	diag_init(&d);
	a = load_role_file(&d, NULL, path);
	cr_assert_not_null(a, "%s did not load", path);
	cr_assert_eq(d.nerr + d.nwarn + d.nfatal, 0, "%s: diagnostics", path);
	export_role_xml(&x, a);
	b = load_role_xml(&d, "export.xml", x.data, x.len);
	cr_assert_not_null(b);
	cr_assert_eq(d.nerr + d.nwarn + d.nfatal, 0, "%s: export diags", path);
	cr_assert(rb_role_equal(a, b, &why), "%s: differs in %s", path,
	    why ? why : "?");
	export_role_xml(&y, b);
	cr_assert_str_eq(x.data, y.data);
	cr_assert_gt(a->nduties, 0);
	buf_free(&x);
	buf_free(&y);
	rb_role_free(a);
	rb_role_free(b);
	diag_free(&d);
}

Test(export, every_sample_role_round_trips)
{
	glob_t g;
	size_t i, nmd = 0;

	load_set_schema_dir("../../schema");
	cr_assert_eq(glob("../../content/roles/*.*", 0, NULL, &g), 0);
	cr_assert_geq(g.gl_pathc, 20);
	for (i = 0; i < g.gl_pathc; i++) {
		S_roundtrip(g.gl_pathv[i]);
		if (strstr(g.gl_pathv[i], ".md"))
			nmd++;
	}
	cr_assert_geq(nmd, 10);
	globfree(&g);
	load_xml_cleanup();
}

/* A role written the way HR writes it (BOM, CRLF, Chinese keys, numbered
 * headings and items, full-width attribute braces, relation and
 * qualification labels) round-trips through its canonical XML. */
Test(export, hr_style_role_round_trips)
{
	load_set_schema_dir("../../schema");
	S_roundtrip("../cases/hr-style-role/content/roles/seller.md");
	load_xml_cleanup();
}

/* Duties with sub-lists (（1） lines, ① lines, a nested Markdown list)
 * keep them through the canonical XML's <ol>. */
Test(export, sub_lists_round_trip)
{
	load_set_schema_dir("../../schema");
	S_roundtrip("../cases/hr-sublist-md/content/roles/seller.md");
	S_roundtrip("../cases/hr-sublist-md-list/content/roles/manager.md");
	S_roundtrip("../cases/hr-sublist-xml/content/roles/seller.xml");
	load_xml_cleanup();
}

Test(export, markdown_with_every_field_equals_its_xml)
{
	static const char md[] =
	    "---\nid: x\ntitle: 业务员\ndepartment: sales\nlevel: 基层\n"
	    "reports_to: boss\nheadcount: 3\ntargets:\n"
	    "  - metric: invitations\n    value: 6\n    unit: 次\n"
	    "    period: month\n---\n\n"
	    "## 岗位概述\n\n负责*客户*开发\n与邀约。\n\n- 甲\n- 乙\n\n"
	    "## 工作职责\n\n1. 负责 `ERP` 记录 & [表](https://x.test/?a=1&b=2)。"
	    "{share=40% frequency=每日}\n2. 第二项\n\n"
	    "## 绩效标准\n\n- 邀约 ≥ 6 组。\n\n"
	    "## 工作关系\n\n- 所受监督：业务经理。\n- 合作关系：设计部。\n\n"
	    "## 工作权限\n\n- 建议权。\n\n"
	    "## 任职资格\n\n- 学历：大专。\n- 证书：无。\n\n"
	    "## 报表\n\n- 周报 | 每周 | 周六 | boss\n\n"
	    "## 其他说明\n\n| 项目 | 金额 |\n|---|---|\n| 底薪 | 1000 |\n";
	struct diag d;
	struct rb_role *a, *b;
	struct buf x = BUF_INIT;
	const char *why = NULL;

	load_set_schema_dir("../../schema");
	diag_init(&d);
	a = load_role_md(&d, "x.md", md, sizeof(md) - 1);
	cr_assert_not_null(a);
	cr_assert_eq(d.nerr + d.nwarn, 0);
	cr_assert_eq(a->nsections, 1);
	cr_assert_eq(a->nreports, 1);
	cr_assert_eq(a->duties[0].share, 40);
	export_role_xml(&x, a);
	b = load_role_xml(&d, "x.xml", x.data, x.len);
	cr_assert_not_null(b);
	cr_assert_eq(d.nerr + d.nwarn, 0);
	cr_assert(rb_role_equal(a, b, &why), "differs in %s", why);
	cr_assert_str_eq(a->summary.s, b->summary.s);
	buf_free(&x);
	rb_role_free(a);
	rb_role_free(b);
	diag_free(&d);
	load_xml_cleanup();
}
