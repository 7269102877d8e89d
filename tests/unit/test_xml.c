/*
 * test_xml.c — Criterion tests of the XML loaders and the XML exporter
 * (src/load/xml.c, src/load/org.c, src/export/xml.c): every role field,
 * rich text, the department tree, DOCTYPE / entity attacks, malformed XML
 * positions, bad attribute values, and export round trips of the samples.
 * Runs with cwd tests/unit: schemas in ../../schema, content in ../../content.
 */
#include <criterion/criterion.h>
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <time.h>
#include "load/load.h"
#include "load/xml.h"
#include "export/export.h"
#include "model/model.h"
#include "util/util.h"

static struct diag S_d;

static void
S_init(void)
{
	diag_init(&S_d);
	load_set_schema_dir("../../schema");
}

static void
S_fini(void)
{
	diag_free(&S_d);
	load_xml_cleanup();
}

TestSuite(xml, .init = S_init, .fini = S_fini);

/* Was a diagnostic containing needle reported at line:col (col -1: any)? */
static int
S_has(int line, int col, const char *needle)
{
	size_t i;

	for (i = 0; i < S_d.n; i++)
		if (S_d.items[i].line == line &&
		    (col < 0 || S_d.items[i].col == col) &&
		    strstr(S_d.items[i].msg, needle))
			return 1;
	return 0;
}

/* All diagnostics as one string, for failure messages. */
static const char *
S_all(void)
{
	static char out[8192];
	size_t i, n = 0;

	out[0] = '\0';
	for (i = 0; i < S_d.n && n < sizeof(out) - 200; i++)
		n += (size_t)snprintf(out + n, sizeof(out) - n, "%d:%d: %s\n",
		    S_d.items[i].line, S_d.items[i].col, S_d.items[i].msg);
	return out;
}

static struct rb_role *
S_role(const char *xml)
{
	return load_role_xml(&S_d, "t.xml", xml, strlen(xml));
}

#define HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"

static const char S_full[] = HEAD
    "<role id=\"salesperson\">\n"
    "  <title>业务员</title>\n"
    "  <department ref=\"sales\"/>\n"
    "  <level>基层员工</level>\n"
    "  <reports-to ref=\"business-manager\"/>\n"
    "  <headcount>12</headcount>\n"
    "  <targets>\n"
    "    <target metric=\"invitations\" value=\"6\" unit=\"次\" period=\"month\"/>\n"
    "    <target metric=\"design_agreements\" value=\"2.5\" period=\"quarter\"/>\n"
    "  </targets>\n"
    "  <summary>\n    <p>负责开发客户，\n    邀约 A &amp; B。</p>\n  </summary>\n"
    "  <duties>\n"
    "    <duty share=\"40\" frequency=\"每日\">负责客户的开发与邀约。</duty>\n"
    "    <duty>负责建立并维护<em>客户跟踪表</em>。</duty>\n"
    "  </duties>\n"
    "  <standards><standard>每月有效客户邀约不少于 6 组。</standard></standards>\n"
    "  <relations>\n"
    "    <relation kind=\"supervised-by\">受业务经理的直接领导与监督。</relation>\n"
    "    <relation kind=\"cooperates\">与<a href=\"x?a=1&amp;b=&quot;2&quot;\">设计部</a>配合。</relation>\n"
    "  </relations>\n"
    "  <authorities><authority>对客户报价有建议权。</authority></authorities>\n"
    "  <qualifications>\n"
    "    <qualification kind=\"education\">高中或中专以上学历。</qualification>\n"
    "    <qualification kind=\"certificate\">无。</qualification>\n"
    "  </qualifications>\n"
    "  <reports>\n"
    "    <report name=\"周客户上门情况进度表\" frequency=\"weekly\" due=\"周六\" to=\"business-manager\"/>\n"
    "  </reports>\n"
    "  <section title=\"其他说明\"><p>甲<br/>乙</p><ul><li>一</li></ul></section>\n"
    "  <section title=\"附录\"><p>x</p></section>\n"
    "</role>\n";

Test(xml, full_role)
{
	struct rb_role *r = S_role(S_full);

	cr_assert_not_null(r);
	cr_assert_eq(S_d.n, 0, "%s", S_all());
	cr_assert_str_eq(r->id, "salesperson");
	cr_assert(r->is_xml);
	cr_assert_eq(r->pos.line, 2);
	cr_assert_eq(r->pos.col, 11);	/* the id's value */
	cr_assert_str_eq(r->title.s, "业务员");
	cr_assert_eq(r->title.pos.line, 3);
	cr_assert_eq(r->title.pos.col, 3);
	cr_assert_str_eq(r->department.s, "sales");
	cr_assert_str_eq(r->level.s, "基层员工");
	cr_assert_str_eq(r->reports_to.s, "business-manager");
	cr_assert_eq(r->headcount, 12);
	cr_assert_eq(r->headcount_pos.line, 7);
	cr_assert_eq(r->ntargets, 2);
	cr_assert_str_eq(r->targets[0].metric.s, "invitations");
	cr_assert_str_eq(r->targets[0].value.s, "6");
	cr_assert_str_eq(r->targets[0].unit.s, "次");
	cr_assert_str_eq(r->targets[0].period.s, "month");
	cr_assert_null(r->targets[1].unit.s);
	cr_assert_str_eq(r->targets[1].value.s, "2.5");
	cr_assert_eq(r->targets[1].pos.line, 10);
	cr_assert_str_eq(r->summary.s, "<p>负责开发客户，邀约 A &amp; B。</p>");
	cr_assert_eq(r->nduties, 2);
	cr_assert_eq(r->duties[0].share, 40);
	cr_assert_str_eq(r->duties[0].frequency.s, "每日");
	cr_assert_str_eq(r->duties[0].text.s, "负责客户的开发与邀约。");
	cr_assert_eq(r->duties[1].share, -1);
	cr_assert_null(r->duties[1].frequency.s);
	cr_assert_eq(r->nstandards, 1);
	cr_assert_str_eq(r->standards[0].text.s, "每月有效客户邀约不少于 6 组。");
	cr_assert_eq(r->nrelations, 2);
	cr_assert_eq(r->relations[0].kind, RB_REL_SUPERVISED_BY);
	cr_assert_eq(r->relations[1].kind, RB_REL_COOPERATES);
	cr_assert_str_eq(r->relations[1].text.s,
	    "与<a href=\"x?a=1&amp;b=&quot;2&quot;\">设计部</a>配合。");
	cr_assert_eq(r->nauthorities, 1);
	cr_assert_eq(r->nquals, 2);
	cr_assert_eq(r->quals[0].kind, RB_QUAL_EDUCATION);
	cr_assert_eq(r->quals[1].kind, RB_QUAL_CERTIFICATE);
	cr_assert_eq(r->nreports, 1);
	cr_assert_str_eq(r->reports[0].name.s, "周客户上门情况进度表");
	cr_assert_eq(r->reports[0].frequency, RB_FREQ_WEEKLY);
	cr_assert_str_eq(r->reports[0].due.s, "周六");
	cr_assert_str_eq(r->reports[0].to.s, "business-manager");
	cr_assert_eq(r->nsections, 2);
	cr_assert_str_eq(r->sections[0].title.s, "其他说明");
	cr_assert_str_eq(r->sections[0].body.s,
	    "<p>甲<br/>乙</p><ul><li>一</li></ul>");
	cr_assert_str_eq(r->sections[1].title.s, "附录");
	rb_role_free(r);
}

Test(xml, rich_duty_em)
{
	struct rb_role *r = S_role(HEAD "<role id=\"a\"><title>T</title>"
	    "<department ref=\"d\"/><duties>\n"
	    "<duty>负责建立并维护\n  <em>客户\n  跟踪表</em> 和 <strong>CRM</strong>\n"
	    "  系统。</duty></duties></role>\n");

	cr_assert_not_null(r);
	cr_assert_eq(S_d.n, 0, "%s", S_all());
	cr_assert_eq(r->nduties, 1);
	cr_assert_str_eq(r->duties[0].text.s,
	    "负责建立并维护<em>客户跟踪表</em> 和 <strong>CRM</strong> 系统。");
	rb_role_free(r);
}

Test(xml, element_outside_subset)
{
	struct rb_role *r = S_role(HEAD "<role id=\"a\"><title>T</title>"
	    "<department ref=\"d\"/><duties>\n"
	    "<duty>x <p>y</p></duty>\n<duty>z <span>q</span></duty>"
	    "</duties></role>\n");

	cr_assert_not_null(r);
	cr_assert(S_has(3, 9, "<p> is not allowed in <duty>"), "%s", S_all());
	cr_assert(S_has(4, 9, "<span> is not allowed in <duty>"), "%s",
	    S_all());
	rb_role_free(r);
}

Test(xml, org_tree)
{
	static const char org_xml[] = HEAD "<org>\n"
	    "  <company>公司</company>\n  <title>手册</title>\n"
	    "  <version>2.1</version>\n  <effective>2026-01-01</effective>\n"
	    "  <departments>\n"
	    "    <department id=\"management\" name=\"总经理室\">\n"
	    "      <department id=\"marketing\" name=\"营销中心\">\n"
	    "        <department id=\"sales\" name=\"业务部\"/>\n"
	    "      </department>\n"
	    "      <department id=\"finance\" name=\"财务部\"/>\n"
	    "    </department>\n"
	    "    <department id=\"other\" name=\"其他\"/>\n"
	    "  </departments>\n</org>\n";
	struct rb_org org;

	memset(&org, 0, sizeof(org));
	cr_assert_eq(load_org(&S_d, "org.xml", org_xml, strlen(org_xml),
	    &org), 0, "%s", S_all());
	cr_assert_eq(S_d.n, 0, "%s", S_all());
	cr_assert_str_eq(org.company.s, "公司");
	cr_assert_str_eq(org.title.s, "手册");
	cr_assert_str_eq(org.version.s, "2.1");
	cr_assert_str_eq(org.effective.s, "2026-01-01");
	cr_assert_null(org.confidentiality.s);
	cr_assert_eq(org.ndepts, 5);
	cr_assert_str_eq(org.depts[0].id, "management");
	cr_assert_null(org.depts[0].parent);
	cr_assert_str_eq(org.depts[1].id, "marketing");
	cr_assert_str_eq(org.depts[1].parent, "management");
	cr_assert_str_eq(org.depts[2].id, "sales");
	cr_assert_str_eq(org.depts[2].name, "业务部");
	cr_assert_str_eq(org.depts[2].parent, "marketing");
	cr_assert_eq(org.depts[2].pos.line, 10);
	cr_assert_eq(org.depts[2].pos.col, 25);	/* the id's value */
	cr_assert_str_eq(org.depts[3].id, "finance");
	cr_assert_str_eq(org.depts[3].parent, "management");
	cr_assert_str_eq(org.depts[4].id, "other");
	cr_assert_null(org.depts[4].parent);
	rb_org_clear(&org);
}

Test(xml, org_errors)
{
	static const char org_xml[] = HEAD "<org>\n"
	    "  <company>公司</company>\n  <title>手册</title>\n"
	    "  <version>2.1</version>\n  <effective>2026-13-01</effective>\n"
	    "  <departments>\n"
	    "    <department id=\"B.d\" name=\"x\"/>\n"
	    "    <department id=\"a\" name=\"x\"/>\n"
	    "    <department id=\"a\" name=\"y\"/>\n"
	    "  </departments>\n</org>\n";
	struct rb_org org;

	memset(&org, 0, sizeof(org));
	cr_assert_eq(load_org(&S_d, "org.xml", org_xml, strlen(org_xml),
	    &org), -1);
	cr_assert(S_has(6, 3, "effective date"), "%s", S_all());
	cr_assert(S_has(8, 21, "department id 'B.d'"), "%s", S_all());
	cr_assert(S_has(10, 21, "duplicate department id 'a'"), "%s", S_all());
	rb_org_clear(&org);
}

Test(xml, doctype_rejected)
{
	struct rb_role *r = S_role(HEAD "<!-- c -->\n<!DOCTYPE role>\n"
	    "<role id=\"a\"/>\n");

	cr_assert_null(r);
	cr_assert(S_has(3, 1, "DOCTYPE is not allowed"), "%s", S_all());
}

Test(xml, billion_laughs, .timeout = 5)
{
	struct buf b = BUF_INIT;
	struct rb_role *r;
	clock_t t0 = clock();
	int i, j;

	BUF_PUTSL(&b, HEAD "<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n");
	for (i = 1; i < 10; i++) {
		buf_printf(&b, " <!ENTITY lol%d \"", i);
		for (j = 0; j < 10; j++)
			buf_printf(&b, "&lol%s;", i == 1 ? "" :
			    (char[]){ (char)('0' + i - 1), 0 });
		BUF_PUTSL(&b, "\">\n");
	}
	BUF_PUTSL(&b, "]>\n<role id=\"a\"><title>&lol9;</title></role>\n");
	r = load_role_xml(&S_d, "t.xml", b.data, b.len);
	cr_assert_null(r);
	cr_assert(S_has(2, 1, "DOCTYPE is not allowed"), "%s", S_all());
	cr_assert_lt((double)(clock() - t0) / CLOCKS_PER_SEC, 1.0);
	buf_free(&b);
}

Test(xml, external_entity_rejected)
{
	static const char x[] = HEAD "<!DOCTYPE role [\n"
	    "  <!ENTITY xxe SYSTEM \"file:///etc/passwd\">\n]>\n"
	    "<role id=\"a\"><title>&xxe;</title><department ref=\"d\"/>"
	    "<duties><duty>&xxe;</duty></duties></role>\n";
	struct rb_role *r = S_role(x);
	size_t i;

	cr_assert_null(r);
	cr_assert(S_has(2, 1, "DOCTYPE is not allowed"), "%s", S_all());
	for (i = 0; i < S_d.n; i++)
		cr_assert_null(strstr(S_d.items[i].msg, "root:"),
		    "%s", S_d.items[i].msg);
}

Test(xml, doctype_not_in_prolog)
{
	/* A DOCTYPE after the root is caught by libxml2 (not in prolog). */
	struct rb_role *r = S_role(HEAD "<role id=\"a\"/>\n"
	    "<!DOCTYPE role [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n");

	cr_assert_null(r);
	cr_assert_gt(S_d.nerr, 0);
}

Test(xml, malformed_position)
{
	/* Line 3: "  <title>业务员</titel>": libxml2 reports the column
	 * after the bad end tag, 21 in characters (27 in bytes), the same
	 * as for the ASCII "abc". */
	struct rb_role *r = S_role(HEAD "<role id=\"a\">\n"
	    "  <title>业务员</titel>\n</role>\n");

	cr_assert_null(r);
	cr_assert(S_has(3, 21, "Opening and ending tag mismatch"), "%s",
	    S_all());
	diag_free(&S_d);
	diag_init(&S_d);
	r = S_role(HEAD "<role id=\"a\">\n  <title>abc</titel>\n</role>\n");
	cr_assert_null(r);
	cr_assert(S_has(3, 21, "Opening and ending tag mismatch"), "%s",
	    S_all());
}

Test(xml, malformed_unclosed_attr)
{
	struct rb_role *r = S_role(HEAD "<role id=\"a>\n</role>\n");

	cr_assert_null(r);
	cr_assert_gt(S_d.nerr, 0);
	cr_assert_eq(S_d.items[0].file != NULL, 1);
}

Test(xml, invalid_utf8)
{
	struct rb_role *r = S_role(HEAD "<role id=\"a\">\n  <title>业\xff</title>"
	    "</role>\n");

	cr_assert_null(r);
	cr_assert(S_has(3, 11, "invalid UTF-8 byte 0xFF"), "%s", S_all());
}

Test(xml, bad_attributes)
{
	struct rb_role *r = S_role(HEAD "<role id=\"a\">\n"
	    "  <title>T</title>\n  <department ref=\"d\"/>\n"
	    "  <headcount>-1</headcount>\n"
	    "  <duties>\n"
	    "    <duty share=\"101\">x</duty>\n"
	    "    <duty share=\"4a\" color=\"red\">y</duty>\n"
	    "  </duties>\n"
	    "  <relations>\n"
	    "    <relation kind=\"boss\">x</relation>\n"
	    "  </relations>\n"
	    "  <qualifications><qualification kind=\"age\">x</qualification>"
	    "</qualifications>\n"
	    "  <reports><report name=\"r\" frequency=\"hourly\" to=\"\"/></reports>\n"
	    "  <bogus/>\n"
	    "</role>\n");

	cr_assert_not_null(r);
	cr_assert(S_has(5, 3, "headcount '-1'"), "%s", S_all());
	/* Attribute errors point at the attribute (its value when the
	 * value is wrong), counted in characters. */
	cr_assert(S_has(7, 18, "duty share '101'"), "%s", S_all());
	cr_assert(S_has(8, 18, "duty share '4a'"), "%s", S_all());
	cr_assert(S_has(8, 22, "unknown attribute 'color'"), "%s", S_all());
	cr_assert(S_has(11, 21, "unknown relation kind 'boss'"), "%s",
	    S_all());
	cr_assert(S_has(13, 40, "unknown qualification kind 'age'"), "%s",
	    S_all());
	cr_assert(S_has(14, 40, "unknown report frequency 'hourly'"), "%s",
	    S_all());
	/* A recipient may be a title (resolved by validation); not empty. */
	cr_assert(S_has(14, 52, "report to is empty: write a role id or "
	    "title or leave it out"), "%s", S_all());
	cr_assert(S_has(15, 3, "unknown element <bogus>"), "%s", S_all());
	rb_role_free(r);
}

/*
 * An unknown kind's message lists every allowed kind and nothing more (the
 * kind name tables have no NULL end; a list that looked for one ran on
 * into the next globals: ASan global-buffer-overflow).
 */
Test(xml, unknown_kind_lists_allowed)
{
	struct rb_role *r = S_role(HEAD "<role id=\"a\">\n"
	    "  <title>T</title>\n  <department ref=\"d\"/>\n"
	    "  <duties><duty>x</duty></duties>\n"
	    "  <relations><relation kind=\"boss\">x</relation></relations>\n"
	    "  <qualifications><qualification kind=\"age\">x</qualification>"
	    "</qualifications>\n"
	    "</role>\n");

	cr_assert_not_null(r);
	cr_assert(S_has(6, 30, "unknown relation kind 'boss' (allowed: "
	    "supervised-by, supervises, cooperates, guides, internal or "
	    "external)"), "%s", S_all());
	cr_assert(S_has(7, 40, "unknown qualification kind 'age' (allowed: "
	    "education, experience, skill, certificate or other)"), "%s",
	    S_all());
	rb_role_free(r);
}

Test(xml, required_and_order)
{
	struct rb_role *r = S_role(HEAD "<role id=\"-a\">\n"
	    "  <level>x</level>\n  <title>T</title>\n</role>\n");

	cr_assert_not_null(r);
	cr_assert(S_has(2, 11, "id '-a' is not valid"), "%s", S_all());
	cr_assert(S_has(4, 3, "<title> must come before <level>"), "%s",
	    S_all());
	cr_assert(S_has(2, 1, "missing required field 'department' (所属部门)"),
	    "%s", S_all());
	cr_assert(S_has(2, 1, "has no duties: add <duties> with at least one "
	    "<duty>"), "%s", S_all());
	rb_role_free(r);
}

Test(xml, schema_backstop)
{
	/* Namespaced root child: own checks flag it; nothing lost. */
	struct rb_role *r = S_role(HEAD "<role id=\"a\" xmlns:x=\"urn:x\">"
	    "<title>T</title><department ref=\"d\"/><duties><duty>d</duty>"
	    "</duties><x:extra/></role>\n");

	cr_assert_not_null(r);
	cr_assert_gt(S_d.nerr, 0, "%s", S_all());
	rb_role_free(r);
}

/* Loads path into a role (no diagnostics expected). */
static struct rb_role *
S_load_file(const char *path)
{
	struct rb_role *r;
	char *data;
	size_t len;

	cr_assert_eq(file_read(path, RB_MAX_FILE, &data, &len), 0, "%s", path);
	r = load_role_xml(&S_d, path, data, len);
	free(data);
	return r;
}

Test(xml, samples_round_trip)
{
	const char *dir = "../../content/roles";
	struct dirent *e;
	DIR *dp = opendir(dir);
	struct rb_role *a, *b;
	struct buf out = BUF_INIT, out2 = BUF_INIT;
	const char *why = NULL;
	char *path, *tmp, *cmd;
	size_t n, count = 0;
	FILE *f;
	int rc;

	cr_assert_not_null(dp);
	while ((e = readdir(dp)) != NULL) {
		n = strlen(e->d_name);
		if (n < 5 || strcmp(e->d_name + n - 4, ".xml") != 0)
			continue;
		path = xasprintf("%s/%s", dir, e->d_name);
		a = S_load_file(path);
		cr_assert_not_null(a, "%s: %s", path, S_all());
		cr_assert_eq(S_d.n, 0, "%s: %s", path, S_all());
		buf_reset(&out);
		export_role_xml(&out, a);
		cr_assert(out.len > 0 && out.data[out.len - 1] == '\n');
		cr_assert(strncmp(out.data, "<?xml version=\"1.0\" encoding="
		    "\"UTF-8\"?>\n", 39) == 0);
		b = load_role_xml(&S_d, "export.xml", out.data, out.len);
		cr_assert_not_null(b, "%s", S_all());
		cr_assert_eq(S_d.n, 0, "%s export: %s", path, S_all());
		cr_assert(rb_role_equal(a, b, &why), "%s: %s", path,
		    why ? why : "?");
		/* Export is a fixed point. */
		buf_reset(&out2);
		export_role_xml(&out2, b);
		cr_assert_str_eq(out.data, out2.data);
		/* And it passes the schema with xmllint too. */
		/* a name of our own: other test runs share /tmp */
		tmp = xasprintf("/tmp/rb-test-export.%ld.xml", (long)getpid());
		f = fopen(tmp, "w");
		cr_assert_not_null(f);
		fwrite(out.data, 1, out.len, f);
		fclose(f);
		cmd = xasprintf("xmllint --noout --relaxng ../../schema/role.rng "
		    "%s 2>/dev/null", tmp);
		rc = system(cmd);
		remove(tmp);
		free(cmd);
		free(tmp);
		cr_assert_eq(rc, 0, "%s: exported XML fails role.rng", path);
		rb_role_free(a);
		rb_role_free(b);
		free(path);
		count++;
	}
	closedir(dp);
	cr_assert_geq(count, 7);
	buf_free(&out);
	buf_free(&out2);
}

Test(xml, sample_org)
{
	struct rb_org org;
	char *data;
	size_t len, i;

	memset(&org, 0, sizeof(org));
	cr_assert_eq(file_read("../../content/org.xml", RB_MAX_FILE, &data,
	    &len), 0);
	cr_assert_eq(load_org(&S_d, "org.xml", data, len, &org), 0);
	free(data);
	cr_assert_eq(S_d.n, 0, "%s", S_all());
	cr_assert_str_eq(org.company.s, "上海锦程装饰工程有限公司");
	cr_assert_str_eq(org.confidentiality.s, "内部资料 · 注意保密");
	cr_assert_eq(org.ndepts, 11);
	cr_assert_null(org.depts[0].parent);
	for (i = 1; i < org.ndepts; i++)
		cr_assert_not_null(org.depts[i].parent, "%s", org.depts[i].id);
	cr_assert_str_eq(org.depts[2].id, "sales");
	cr_assert_str_eq(org.depts[2].parent, "marketing");
	cr_assert_str_eq(org.depts[6].id, "business-support");
	cr_assert_str_eq(org.depts[6].parent, "management");
	rb_org_clear(&org);
}

static void
S_set(struct rb_str *d, const char *s)
{
	rb_str_set(d, s, strlen(s), NULL);
}

Test(xml, export_escapes_and_omits)
{
	struct rb_role *r = rb_role_new("x.xml"), *b;
	struct buf out = BUF_INIT;
	struct rb_duty *du;
	const char *why = NULL;

	r->id = xstrdup("x");
	S_set(&r->title, "A & <B> \"c\"");
	S_set(&r->department, "d");
	du = rb_role_add_duty(r);
	S_set(&du->text, "t &amp; <em>u</em>");
	S_set(&du->frequency, "\"q\" & <");
	export_role_xml(&out, r);
	cr_assert_str_eq(out.data, HEAD "<role id=\"x\">\n"
	    "  <title>A &amp; &lt;B&gt; \"c\"</title>\n"
	    "  <department ref=\"d\"/>\n"
	    "  <duties>\n"
	    "    <duty frequency=\"&quot;q&quot; &amp; &lt;\">t &amp; "
	    "<em>u</em></duty>\n"
	    "  </duties>\n"
	    "</role>\n");
	b = load_role_xml(&S_d, "e.xml", out.data, out.len);
	cr_assert_not_null(b);
	cr_assert_eq(S_d.n, 0, "%s", S_all());
	cr_assert(rb_role_equal(r, b, &why), "%s", why ? why : "?");
	rb_role_free(r);
	rb_role_free(b);
	buf_free(&out);
}
