/*
 * test_md.c — Criterion tests of the Markdown role loader (src/load/md.c):
 * front matter fields and their positions, sections and list items, rich
 * text (emphasis, code, links, breaks, CJK soft breaks), duty attribute
 * blocks, and every diagnostic with its exact line:col.
 */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include "load/load.h"
#include "model/model.h"
#include "util/diag.h"

static struct diag S_d;
static struct rb_role *S_r;

static void
S_init(void)
{
	diag_init(&S_d);
	S_r = NULL;
}

static void
S_fini(void)
{
	rb_role_free(S_r);
	diag_free(&S_d);
}

TestSuite(md, .init = S_init, .fini = S_fini);

/* Loads the NUL-terminated text s as "r.md" into S_r. */
static struct rb_role *
S_load(const char *s)
{
	S_r = load_role_md(&S_d, "r.md", s, strlen(s));
	return S_r;
}

/* Logs every diagnostic (shown when a test fails). */
static void
S_dump(void)
{
	size_t i;

	for (i = 0; i < S_d.n; i++)
		cr_log_error("%d:%d: %s", S_d.items[i].line, S_d.items[i].col,
		    S_d.items[i].msg);
}

/* Was a diagnostic of level lv containing needle reported at line:col? */
static int
S_has(enum diag_level lv, int line, int col, const char *needle)
{
	size_t i;

	for (i = 0; i < S_d.n; i++)
		if (S_d.items[i].level == lv && S_d.items[i].line == line &&
		    S_d.items[i].col == col &&
		    strstr(S_d.items[i].msg, needle) != NULL)
			return 1;
	S_dump();
	return 0;
}

/* Was nothing containing needle reported on line? (logs nothing) */
static int
S_none(int line, const char *needle)
{
	size_t i;

	for (i = 0; i < S_d.n; i++)
		if (S_d.items[i].line == line &&
		    strstr(S_d.items[i].msg, needle) != NULL)
			return 0;
	return 1;
}

#define FM	"---\nid: r\ntitle: 业务员\ndepartment: sales\n---\n"

static const char S_full[] =
    "---\n"
    "id: salesperson\n"
    "title: 业务员\n"
    "department: sales\n"
    "level: 基层员工\n"
    "reports_to: business-manager\n"
    "headcount: 12\n"
    "targets:\n"
    "  - metric: invitations\n"
    "    value: 6\n"
    "    unit: 次\n"
    "    period: month\n"
    "  - metric: design_agreements\n"
    "    value: 2.5\n"
    "    period: quarter\n"
    "---\n"
    "\n"
    "# 业务员\n"
    "\n"
    "## 岗位概述\n"
    "\n"
    "负责开发客户，\n"
    "促成签单 & 回款。\n"
    "\n"
    "## 工作职责\n"
    "\n"
    "1. 负责客户的开发与邀约。{share=40 frequency=每日}\n"
    "2. 负责建立并维护*客户跟踪表*。\n"
    "3. 使用 `ERP` 与 [系统](https://example.com/?a=1&b=\"2\")。{share=5%}\n"
    "\n"
    "## 绩效标准\n"
    "\n"
    "- 每月有效客户邀约不少于 6 组。\n"
    "\n"
    "## Working relations\n"
    "\n"
    "- 所受监督：受业务经理的直接领导与监督。\n"
    "- Cooperates with: design team\n"
    "- 所施监督: 无\n"
    "\n"
    "## 工作权限\n"
    "\n"
    "- 对客户报价有**建议权**。\n"
    "\n"
    "## 任职资格\n"
    "\n"
    "- 学历：高中。\n"
    "- Experience: one year\n"
    "- 技能：沟通。\n"
    "- 证书：无。\n"
    "\n"
    "## 报表\n"
    "\n"
    "- 周客户上门情况进度表 | 每周 | 周六 | business-manager\n"
    "- 月报 | monthly | 每月25日 | general-manager\n"
    "\n"
    "## 其他说明\n"
    "\n"
    "| a | b |\n"
    "|---|---|\n"
    "| 1 | 2 |\n"
    "\n"
    "### 小节\n"
    "\n"
    "- x\n"
    "- y\n";

Test(md, full_role)
{
	struct rb_role *r = S_load(S_full);

	cr_assert_not_null(r);
	S_dump();
	cr_assert_eq(S_d.n, 0);
	cr_assert_str_eq(r->id, "salesperson");
	cr_assert_eq(r->pos.line, 2);
	cr_assert_eq(r->pos.col, 5);
	cr_assert_str_eq(r->path, "r.md");
	cr_assert_str_eq(r->title.s, "业务员");
	cr_assert_eq(r->title.pos.line, 3);
	cr_assert_eq(r->title.pos.col, 8);
	cr_assert_str_eq(r->department.s, "sales");
	cr_assert_str_eq(r->level.s, "基层员工");
	cr_assert_str_eq(r->reports_to.s, "business-manager");
	cr_assert_eq(r->headcount, 12);
	cr_assert_eq(r->headcount_pos.line, 7);
	cr_assert_eq(r->headcount_pos.col, 12);

	cr_assert_eq(r->ntargets, 2);
	cr_assert_str_eq(r->targets[0].metric.s, "invitations");
	cr_assert_str_eq(r->targets[0].value.s, "6");
	cr_assert_str_eq(r->targets[0].unit.s, "次");
	cr_assert_str_eq(r->targets[0].period.s, "month");
	cr_assert_eq(r->targets[0].pos.line, 9);
	cr_assert_eq(r->targets[0].value.pos.line, 10);
	cr_assert_eq(r->targets[0].value.pos.col, 12);
	cr_assert_str_eq(r->targets[1].value.s, "2.5");
	cr_assert_null(r->targets[1].unit.s);
	cr_assert_str_eq(r->targets[1].period.s, "quarter");

	/* CJK soft break vanishes; & is escaped. */
	cr_assert_str_eq(r->summary.s, "<p>负责开发客户，促成签单 &amp; 回款。</p>");
	cr_assert_eq(r->summary.pos.line, 22);

	cr_assert_eq(r->nduties, 3);
	cr_assert_str_eq(r->duties[0].text.s, "负责客户的开发与邀约。");
	cr_assert_eq(r->duties[0].share, 40);
	cr_assert_str_eq(r->duties[0].frequency.s, "每日");
	cr_assert_eq(r->duties[0].text.pos.line, 27);
	cr_assert_eq(r->duties[0].text.pos.col, 4);
	cr_assert_str_eq(r->duties[1].text.s, "负责建立并维护<em>客户跟踪表</em>。");
	cr_assert_eq(r->duties[1].share, -1);
	cr_assert_null(r->duties[1].frequency.s);
	cr_assert_str_eq(r->duties[2].text.s, "使用 <code>ERP</code> 与 "
	    "<a href=\"https://example.com/?a=1&amp;b=&quot;2&quot;\">系统</a>。");
	cr_assert_eq(r->duties[2].share, 5);

	cr_assert_eq(r->nstandards, 1);
	cr_assert_str_eq(r->standards[0].text.s, "每月有效客户邀约不少于 6 组。");

	cr_assert_eq(r->nrelations, 3);
	cr_assert_eq(r->relations[0].kind, RB_REL_SUPERVISED_BY);
	cr_assert_str_eq(r->relations[0].text.s, "受业务经理的直接领导与监督。");
	cr_assert_eq(r->relations[1].kind, RB_REL_COOPERATES);
	cr_assert_str_eq(r->relations[1].text.s, "design team");
	cr_assert_eq(r->relations[2].kind, RB_REL_SUPERVISES);
	cr_assert_str_eq(r->relations[2].text.s, "无");

	cr_assert_eq(r->nauthorities, 1);
	cr_assert_str_eq(r->authorities[0].text.s, "对客户报价有<strong>建议权</strong>。");

	cr_assert_eq(r->nquals, 4);
	cr_assert_eq(r->quals[0].kind, RB_QUAL_EDUCATION);
	cr_assert_str_eq(r->quals[0].text.s, "高中。");
	cr_assert_eq(r->quals[1].kind, RB_QUAL_EXPERIENCE);
	cr_assert_str_eq(r->quals[1].text.s, "one year");
	cr_assert_eq(r->quals[2].kind, RB_QUAL_SKILL);
	cr_assert_eq(r->quals[3].kind, RB_QUAL_CERTIFICATE);

	cr_assert_eq(r->nreports, 2);
	cr_assert_str_eq(r->reports[0].name.s, "周客户上门情况进度表");
	cr_assert_eq(r->reports[0].frequency, RB_FREQ_WEEKLY);
	cr_assert_str_eq(r->reports[0].due.s, "周六");
	cr_assert_str_eq(r->reports[0].to.s, "business-manager");
	cr_assert_eq(r->reports[0].pos.line, 54);
	cr_assert_eq(r->reports[1].frequency, RB_FREQ_MONTHLY);
	cr_assert_str_eq(r->reports[1].to.s, "general-manager");

	cr_assert_eq(r->nsections, 1);
	cr_assert_str_eq(r->sections[0].title.s, "其他说明");
	cr_assert_eq(r->sections[0].title.pos.line, 57);
	cr_assert_str_eq(r->sections[0].body.s,
	    "<table><thead><tr><th>a</th><th>b</th></tr></thead>"
	    "<tbody><tr><td>1</td><td>2</td></tr></tbody></table>"
	    "<h3>小节</h3><ul><li>x</li><li>y</li></ul>");
}

Test(md, soft_and_hard_breaks)
{
	struct rb_role *r = S_load(FM "## 职责\n\n- 负责客户\n  开发 and\n  more  text\\\n  next\n");

	cr_assert_not_null(r);
	cr_assert_eq(S_d.n, 0);
	cr_assert_eq(r->nduties, 1);
	/* the lines of an item are never run together */
	cr_assert_str_eq(r->duties[0].text.s,
	    "负责客户<br/>开发 and<br/>more text<br/>next");
}

Test(md, attribute_block_errors)
{
	struct rb_role *r = S_load(FM "## 职责\n\n- 甲。{share=101 frequncy=每日}\n"
	    "- 乙 {share=abc}\n");

	cr_assert_not_null(r);
	cr_assert(S_has(DIAG_ERROR, 8, 6, "duty share '101' must be an integer from 0 to 100"));
	cr_assert(S_has(DIAG_WARNING, 8, 16,
	    "unknown duty attribute 'frequncy'; did you mean 'frequency'?"));
	cr_assert(S_has(DIAG_ERROR, 9, 6, "duty share 'abc' must be"));
	cr_assert_eq(r->nduties, 2);
	cr_assert_str_eq(r->duties[0].text.s, "甲。");
	cr_assert_eq(r->duties[0].share, -1);
	cr_assert_str_eq(r->duties[1].text.s, "乙");
}

/*
 * Full-width braces, signs and an ideographic space (U+3000) between the
 * attributes.  The attribute text ends right after its last value: the
 * blank test at that NUL once read 3 bytes past it (ASan: heap overflow).
 */
Test(md, full_width_attributes)
{
	struct rb_role *r = S_load(FM "## 职责\n\n"
	    "- 甲。\xEF\xBD\x9B占比\xEF\xBC\x9D" "30\xEF\xBC\x85\xE3\x80\x80"
	    "频率\xEF\xBC\x9A每周\xEF\xBD\x9D\n- 乙。{share=5}\n");

	cr_assert_eq(S_d.n, 0);
	cr_assert_eq(r->nduties, 2);
	cr_assert_str_eq(r->duties[0].text.s, "甲。");
	cr_assert_eq(r->duties[0].share, 30);
	cr_assert_str_eq(r->duties[0].frequency.s, "每周");
	cr_assert_str_eq(r->duties[1].text.s, "乙。");
	cr_assert_eq(r->duties[1].share, 5);
}

Test(md, braces_without_equals_are_text)
{
	struct rb_role *r = S_load(FM "## 职责\n\n- 填写{表格}\n");

	cr_assert_eq(S_d.n, 0);
	cr_assert_str_eq(r->duties[0].text.s, "填写{表格}");
	cr_assert_eq(r->duties[0].share, -1);
}

Test(md, yaml_syntax_error_position)
{
	/* A value holding ': ' (the second ':' at character 11, byte 17):
	 * the error is at the value (character 8) and says to quote it. */
	cr_assert_null(S_load("---\nid: x\ntitle: 业务员: [\ndepartment: s\n---\n"));
	cr_assert(S_has(DIAG_ERROR, 3, 8, "the value of 'title' holds ': ': "
	    "quote the value (title: \"业务员: [\")"));
	cr_assert_eq(S_d.n, 1);
}

Test(md, yaml_unclosed_quote)
{
	cr_assert_null(S_load("---\nid: x\ntitle: \"业务员\ndepartment: s\n---\n"));
	cr_assert(S_has(DIAG_ERROR, 5, 1, "quoted scalar"));
}

Test(md, unknown_key_and_bad_values)
{
	struct rb_role *r = S_load("---\nid: r\ntitel: 业务员\ndepartment: sales\n"
	    "colour: red\nheadcount: -3\ntargets:\n  - metric: Bad-Metric\n"
	    "    value: 1e3\n    period: week\n    unti: 次\n---\n## 职责\n- a\n");

	cr_assert_not_null(r);
	cr_assert(S_has(DIAG_WARNING, 3, 1, "unknown key 'titel'; did you mean 'title'?"));
	cr_assert(S_has(DIAG_WARNING, 5, 1, "unknown key 'colour'"));
	for (size_t i = 0; i < S_d.n; i++)
		cr_assert_null(strstr(S_d.items[i].msg, "'colour'; did you mean"));
	cr_assert(S_has(DIAG_ERROR, 1, 1, "missing required field 'title'"));
	cr_assert(S_has(DIAG_ERROR, 6, 12, "headcount '-3' must be a whole number"));
	cr_assert(S_has(DIAG_ERROR, 8, 13, "target metric 'Bad-Metric' must be lowercase"));
	cr_assert(S_has(DIAG_ERROR, 9, 12, "target value '1e3' is not a decimal"));
	cr_assert_str_eq(r->targets[0].value.s, "1e3");
	cr_assert(S_has(DIAG_ERROR, 10, 13, "target period 'week' must be month, quarter or year"));
	cr_assert(S_has(DIAG_WARNING, 11, 5, "unknown target attribute 'unti'; did you mean 'unit'?"));
	cr_assert_eq(r->headcount, -1);
}

Test(md, missing_required_keys)
{
	struct rb_role *r = S_load("---\nlevel: x\n---\n## 职责\n- a\n");

	cr_assert_not_null(r);
	cr_assert(S_has(DIAG_ERROR, 1, 1, "missing required field 'title'"));
	cr_assert(S_has(DIAG_ERROR, 1, 1, "missing required field 'department'"));
	cr_assert_eq(S_d.n, 2);	/* not the id */
	/* no id: the file name's stem */
	cr_assert_str_eq(r->id, "r");
	cr_assert_eq(r->pos.line, 1);
}

Test(md, bom_crlf_chinese_keys)
{
	struct rb_role *r = S_load("\xEF\xBB\xBF---\r\n岗位名称: 业务员\r\n"
	    "所属部门: sales\r\n编制: 3\r\n---\r\n## 二、岗位职责：\r\n\r\n"
	    "- 开发客户\r\n");

	cr_assert_not_null(r);
	cr_assert_eq(S_d.n, 0);
	cr_assert_str_eq(r->title.s, "业务员");
	cr_assert_eq(r->title.pos.line, 2);
	cr_assert_eq(r->title.pos.col, 7);
	cr_assert_str_eq(r->department.s, "sales");
	cr_assert_eq(r->headcount, 3);
	cr_assert_eq(r->nduties, 1);
	cr_assert_str_eq(r->duties[0].text.s, "开发客户");
}

Test(md, bad_utf8)
{
	cr_assert_null(S_load(FM "## 职责\n\n- 业务\xff员\n"));
	cr_assert(S_has(DIAG_ERROR, 8, 5, "invalid UTF-8 byte 0xFF"));
	cr_assert_eq(S_d.n, 1);
}

Test(md, missing_front_matter)
{
	cr_assert_null(S_load("## 职责\n- a\n"));
	cr_assert(S_has(DIAG_ERROR, 1, 1, "missing front matter"));
	diag_free(&S_d);
	diag_init(&S_d);
	cr_assert_null(S_load("---\nid: x\n"));
	cr_assert(S_has(DIAG_ERROR, 1, 1, "front matter not closed"));
}

Test(md, raw_html_dropped)
{
	struct rb_role *r = S_load(FM "## 职责\n\n1. 甲<b>乙</b>\n\n"
	    "## 概述\n\n<div>x</div>\n\n正文\n");

	cr_assert_not_null(r);
	cr_assert(S_has(DIAG_WARNING, 8, 5, "raw HTML is not allowed; dropped"));
	cr_assert(S_has(DIAG_WARNING, 8, 9, "raw HTML is not allowed; dropped"));
	cr_assert(S_has(DIAG_WARNING, 12, 1, "raw HTML is not allowed; dropped"));
	cr_assert_str_eq(r->duties[0].text.s, "甲乙");
	cr_assert_str_eq(r->summary.s, "<p>正文</p>");
}

Test(md, structure_errors)
{
	struct rb_role *r = S_load(FM "\n# 标题\n\n前言\n\n## 职责\n\n段落\n\n"
	    "- a\n\n  more\n- b\n\n## 工作关系\n\n- 上级：某人\n\n"
	    "## 报表\n\n- a | 每周 | 周六\n- a | 每x周 | 周六 | gm\n\n"
	    "## Duties\n\n- again\n\n## 权限\n");

	cr_assert_not_null(r);
	cr_assert(S_has(DIAG_WARNING, 9, 1, "text before the first section "
	    "heading is left out"));
	cr_assert(S_has(DIAG_ERROR, 13, 1, "duties section: expected a list "
	    "(items numbered '1、', '（1）', '1.' or marked '- '), found a "
	    "paragraph"));
	cr_assert(S_has(DIAG_ERROR, 17, 3, "a list item of the duties must be a "
	    "paragraph, maybe followed by a list of its sub-items"));
	cr_assert(S_has(DIAG_ERROR, 22, 3, "所受监督：, 所施监督：, 所施指导："));
	cr_assert(S_has(DIAG_ERROR, 26, 3, "4 fields separated by '|'"));
	cr_assert(S_has(DIAG_ERROR, 27, 3, "unknown report frequency '每x周'"));
	/* A second duties section adds its items (岗位职责, then 工作内容). */
	cr_assert(S_none(29, "duplicate section"));
	cr_assert(S_has(DIAG_ERROR, 33, 1, "authorities (工作权限) is empty: "
	    "write its items as a list"));
	cr_assert_eq(r->nduties, 2);
	cr_assert_str_eq(r->duties[0].text.s, "b");
	cr_assert_str_eq(r->duties[1].text.s, "again");
	cr_assert_eq(r->nrelations, 0);
	cr_assert_eq(r->nreports, 0);
}

Test(md, qualification_kind_inferred_or_own_label)
{
	struct rb_role *r = S_load(FM "## 职责\n\n- a\n\n## 任职资格\n\n- 身高：180\n"
	    "- 大专以上学历，两年以上工作经验\n- 两年以上工作经验，大专\n"
	    "- 熟悉办公软件：Word\n- 持有驾驶证\n- 性格开朗\n"
	    "- 证书：无\n");

	cr_assert_not_null(r);
	cr_assert_eq(S_d.n, 0);
	cr_assert_eq(r->nquals, 7);
	cr_assert_str_eq(r->quals[0].label.s, "身高");
	cr_assert_str_eq(r->quals[0].text.s, "180");
	cr_assert_eq(r->quals[0].kind, RB_QUAL_OTHER);
	cr_assert_eq(r->quals[1].kind, RB_QUAL_EDUCATION);
	cr_assert_eq(r->quals[2].kind, RB_QUAL_EXPERIENCE);
	cr_assert_eq(r->quals[3].kind, RB_QUAL_SKILL);
	cr_assert_null(r->quals[3].label.s);
	cr_assert_str_eq(r->quals[3].text.s, "熟悉办公软件：Word");
	cr_assert_eq(r->quals[4].kind, RB_QUAL_CERTIFICATE);
	cr_assert_eq(r->quals[5].kind, RB_QUAL_OTHER);
	cr_assert_null(r->quals[5].label.s);
	cr_assert_eq(r->quals[6].kind, RB_QUAL_CERTIFICATE);
	cr_assert_null(r->quals[6].label.s);
	cr_assert_str_eq(r->quals[6].text.s, "无");
}

Test(md, depth_limit)
{
	char buf[4096];
	size_t n;
	struct rb_role *r;

	n = (size_t)snprintf(buf, sizeof(buf), "%s## 概述\n\n", FM);
	memset(buf + n, '>', 150);
	n += 150;
	strcpy(buf + n, " deep\n");
	r = S_load(buf);
	cr_assert_not_null(r);
	cr_assert(S_has(DIAG_ERROR, 8, 101, "nesting deeper than 100"));
}

Test(md, unsafe_link_dropped)
{
	struct rb_role *r = S_load(FM "## 职责\n\n- 点[这里](javascript:alert(1))\n");

	cr_assert_not_null(r);
	cr_assert_str_eq(r->duties[0].text.s, "点这里");
	cr_assert_eq(S_d.nwarn, 1);
}

Test(md, seed_style_sections)
{
	/* Headings without '##' (a number, bold, brackets or the exact
	 * name), a '###' naming a section, an empty parent heading, an
	 * introduction line, label lines without numbers, a summary twice. */
	struct rb_role *r = S_load(FM "## 二、岗位职责\n\n（一）概述\n\n"
	    "协助经理。\n\n**（二）工作职责：**\n\n1、甲\n2、乙\n"
	    "### 任职资格\n在岗人员应满足以下条件：\n\n学历：大专\n"
	    "年龄：25-40岁\n\n工作关系\n直接上级：总经理\n"
	    "直接下级：业务员\n内部协调：财务部\n\n【岗位概述】\n\n再一次\n"
	    "\n本岗位工作职责\n");

	cr_assert_not_null(r);
	cr_assert_eq(r->nduties, 2);
	cr_assert_str_eq(r->duties[1].text.s, "乙");
	cr_assert_str_eq(r->summary.s, "<p>协助经理。</p>");
	cr_assert(S_has(DIAG_WARNING, 17, 1, "a line ending in a colon above "
	    "the items introduces them and is left out"));
	cr_assert_eq(r->nquals, 2);
	cr_assert_str_eq(r->quals[1].label.s, "年龄");
	cr_assert_eq(r->nrelations, 3);
	cr_assert_eq(r->relations[0].kind, RB_REL_SUPERVISED_BY);
	cr_assert_eq(r->relations[1].kind, RB_REL_SUPERVISES);
	cr_assert_str_eq(r->relations[2].text.s, "财务部");
	cr_assert(S_has(DIAG_ERROR, 27, 1, "duplicate section '岗位概述' "
	    "(summary)"));
	/* A sentence naming a section without a mark stays text. */
	cr_assert(S_none(31, "empty"));
}

/* The section titles of S_r, joined by '|'. */
static const char *
S_titles(void)
{
	static char b[512];
	size_t i;

	b[0] = '\0';
	for (i = 0; S_r != NULL && i < S_r->nsections; i++) {
		if (i > 0)
			strcat(b, "|");
		strncat(b, S_r->sections[i].title.s, 64);
	}
	return b;
}

Test(md, numbered_heading_continues_the_headings)
{
	/* "四、工作环境" after bare "一、" "二、" "三、": an extra section, a
	 * warning at it; "五、晋升通道" too, its line below its text. */
	struct rb_role *r = S_load("岗位名称：业务员\n所属部门：业务部\n\n"
	    "一、岗位概述\n负责开发。\n\n二、岗位职责：\n1、开发新客户；\n"
	    "2、维护老客户关系。\n\n三、任职资格：\n1、大专以上学历；\n\n"
	    "四、工作环境：\n1、办公室，经常出差。\n\n五、晋升通道\n"
	    "业务员→业务主管\n");

	cr_assert_not_null(r);
	cr_assert_eq(r->nduties, 2);
	cr_assert_eq(r->nquals, 1);
	cr_assert_str_eq(S_titles(), "工作环境|晋升通道");
	cr_assert_str_eq(r->sections[0].body.s, "<p>1、办公室，经常出差。</p>");
	cr_assert(S_has(DIAG_WARNING, 14, 1, "'工作环境' is kept as an extra "
	    "section: it is numbered as the section headings are"));
	cr_assert(S_has(DIAG_WARNING, 17, 1, "'晋升通道' is kept"));
}

Test(md, numbered_heading_is_not_an_item)
{
	/* Items numbered in the headings' family (一、 again under 一、): no
	 * line of that family is a heading by its number in that section; a
	 * line ending in 。 or holding a sentence mark, a long line, and a
	 * line followed by the next number (a run of items) are no headings
	 * either. */
	struct rb_role *r = S_load(FM "一、岗位职责\n一、开发新客户\n"
	    "二、维护老客户\n三、其他事项\n办公室。\n二、任职资格\n1、大专\n"
	    "三、两年以上销售经验。\n三、熟悉办公软件，持驾照\n"
	    "三、熟悉办公软件和各类销售工具\n三、服从安排\n四、认真工作\n");

	cr_assert_not_null(r);
	cr_assert_eq(r->nduties, 3);
	cr_assert_str_eq(r->duties[2].text.s, "其他事项<br/>办公室。");
	cr_assert_eq(r->nsections, 0);
	cr_assert_eq(r->nquals, 1);
	cr_assert(S_none(13, "extra section"));
}

Test(md, numbered_heading_families)
{
	/* '## 一、' sets the numbering too; （三） continues （一） （二）
	 * under it; under 二、, a family of its own that starts again. */
	struct rb_role *r = S_load(FM "## 一、岗位职责\n\n（一）概述\n协助。\n"
	    "（二）工作职责\n1. 开发。\n2. 维护。\n\n（三）工作环境\n办公室。\n"
	    "\n二、任职资格\n\n1. 大专。\n\n（三）其他\n不限。\n");

	cr_assert_not_null(r);
	cr_assert_eq(r->nduties, 2);
	cr_assert_str_eq(S_titles(), "工作环境");
	cr_assert_eq(r->nquals, 2);
	cr_assert_str_eq(r->quals[1].text.s, "其他<br/>不限。");
}

Test(md, numbered_heading_with_its_text)
{
	struct rb_role *r = S_load(FM "第一条 岗位职责\n1、开发。\n"
	    "第二条 工作环境：办公室，经常出差。\n第三条 心理素质:1. 自信心\n"
	    "2. 乐观\n");

	cr_assert_not_null(r);
	cr_assert_str_eq(S_titles(), "工作环境|心理素质");
	cr_assert_str_eq(r->sections[0].body.s, "<p>办公室，经常出差。</p>");
	cr_assert_str_eq(r->sections[1].body.s,
	    "<p>1. 自信心</p><p>2. 乐观</p>");
	cr_assert(S_has(DIAG_WARNING, 8, 1, "'工作环境' is kept"));
}

Test(md, title_line_over_items)
{
	/* "业务员工作职责" without a number or colon is a heading when items
	 * follow; the same words over a sentence stay text before. */
	struct rb_role *r = S_load("岗位名称：业务员\n所属部门：业务部\n\n"
	    "业务员工作职责\n一、认真执行公司的各项规章制度。\n"
	    "二、完成公司领导交办的临时工作。\n");

	cr_assert_not_null(r);
	cr_assert_eq(r->nduties, 2);
	cr_assert(S_none(4, "text before"));
	rb_role_free(S_r);
	diag_free(&S_d);
	diag_init(&S_d);
	r = S_load("岗位名称：业务员\n所属部门：业务部\n\n本岗位工作职责\n"
	    "见下文。\n\n## 工作职责\n\n1、甲\n");
	cr_assert_not_null(r);
	cr_assert(S_has(DIAG_WARNING, 4, 1, "text before the first section"));
	/* such a line going on from an item is that item's */
	rb_role_free(S_r);
	diag_free(&S_d);
	diag_init(&S_d);
	r = S_load(FM "## 工作职责\n\n1、负责客户开发，\n协助经理履行部门职责\n"
	    "2、维护客户。\n");
	cr_assert_not_null(r);
	cr_assert_eq(r->nduties, 2);
	cr_assert_str_eq(r->duties[0].text.s,
	    "负责客户开发，<br/>协助经理履行部门职责");
}

Test(md, colon_line_over_items_from_one)
{
	/* "福利待遇：" after the items, over items from 1 again: a heading;
	 * "2.2年以上…" after item 1 is item 2; a colon line right below a
	 * heading introduces the items (left out, as before). */
	struct rb_role *r = S_load(FM "岗位职责：\n1.负责销售；\n2.开拓客户；\n"
	    "任职要求：\n以下条件：\n\n1.大专学历；\n2.2年以上销售经验；\n"
	    "福利待遇：\n1.五险一金\n2.带薪年假\n");

	cr_assert_not_null(r);
	cr_assert_eq(r->nduties, 2);
	cr_assert_eq(r->nquals, 2);
	cr_assert_str_eq(r->quals[1].text.s, "2年以上销售经验；");
	cr_assert_str_eq(S_titles(), "福利待遇");
	cr_assert_str_eq(r->sections[0].body.s, "<p>1.五险一金<br/>2.带薪年假</p>");
	cr_assert(S_has(DIAG_WARNING, 14, 1, "'福利待遇' is kept as an extra "
	    "section: a line ending in a colon over items numbered from 1"));
	cr_assert(S_has(DIAG_WARNING, 10, 1, "introduces them"));
	/* "包括：" leads into a list of the item above: no heading */
	rb_role_free(S_r);
	diag_free(&S_d);
	diag_init(&S_d);
	r = S_load(FM "## 任职资格\n\n1、熟悉办公软件，\n包括：\n1、Word\n");
	cr_assert_not_null(r);
	cr_assert_eq(r->nsections, 0);
	cr_assert_eq(r->nquals, 2);
}

Test(md, numbered_lines_before_the_first_heading)
{
	/* "一、基本资料" above "二、岗位职责" is a heading; "第一部分" counts
	 * for "第二部分", a heading over the sections below it (no section,
	 * no warning); "五、…" above "二、" (a larger number) stays text. */
	struct rb_role *r = S_load(FM "第一部分 岗位规格说明\n一、基本资料\n"
	    "定员：8人\n二、岗位职责\n1、甲\n三、工作时间\n按需。\n"
	    "第二部分 员工规格要求\n四、资历\n1、大专\n");

	cr_assert_not_null(r);
	cr_assert_str_eq(S_titles(), "基本资料|工作时间");
	cr_assert_str_eq(r->sections[1].body.s, "<p>按需。</p>");
	cr_assert_eq(r->nquals, 1);
	cr_assert(S_has(DIAG_WARNING, 7, 1, "'基本资料' is kept"));
	cr_assert(S_none(13, "extra section"));
	rb_role_free(S_r);
	diag_free(&S_d);
	diag_init(&S_d);
	r = S_load(FM "五、检查与考核\n考核。\n二、岗位职责\n1、甲\n");
	cr_assert_not_null(r);
	cr_assert_eq(r->nsections, 0);
	cr_assert(S_has(DIAG_WARNING, 6, 1, "text before the first section"));
}

/* Is field f of S_r s at line:col? */
#define S_AT(f, str, l, c) do {						\
	cr_assert_str_eq(S_r->f.s, (str));				\
	cr_assert_eq(S_r->f.pos.line, (l), #f " line %d", S_r->f.pos.line); \
	cr_assert_eq(S_r->f.pos.col, (c), #f " col %d", S_r->f.pos.col);	\
} while (0)

#define BODY	"\n## 工作职责\n\n- 甲\n"

Test(md, two_keys_on_one_line)
{
	/* known keys after blanks (a tab, two spaces, U+3000): a row */
	cr_assert_not_null(S_load("岗位名称：业务员\t所属部门：业务部\n"
	    "直接上级: 经理  编制: 3人　岗位级别：基层\n" BODY));
	S_AT(title, "业务员", 1, 6);
	S_AT(department, "业务部", 1, 15);
	S_AT(reports_to, "经理", 2, 7);
	S_AT(headcount_s, "3人", 2, 15);
	S_AT(level, "基层", 2, 23);
	cr_assert_eq(S_d.n, 0);
}

Test(md, two_keys_in_yaml_front_matter)
{
	cr_assert_not_null(S_load("---\n岗位名称：业务员　　所属部门：sales\n"
	    "id: r\n---\n" BODY));
	S_AT(title, "业务员", 2, 6);
	S_AT(department, "sales", 2, 16);
	cr_assert_eq(S_d.n, 0);
}

Test(md, second_key_after_an_unknown_one)
{
	/* the first key is not one: no row, the error as before */
	cr_assert_null(S_load("岗位名称：业务员\n工作地点：上海　　所属部门：业务部\n"
	    BODY));
	cr_assert(S_has(DIAG_ERROR, 2, 10, "a second key '所属部门' on the line "
	    "of another: put each key on a line of its own ('所属部门：业务部' "
	    "on the next line)"));
}

Test(md, second_word_not_a_key_stays_in_the_value)
{
	cr_assert_not_null(S_load("岗位名称：业务员　　备注：好\n"
	    "所属部门：sales\n" BODY));
	S_AT(title, "业务员　　备注：好", 1, 6);
}

Test(md, tab_rows)
{
	cr_assert_not_null(S_load("\xEF\xBB\xBF业务员岗位说明书\r\n\r\n"
	    "岗位名称\t业务员\t岗位编号\tr\r\n"
	    "所属部门\tsales\t直接上级\t经理\t岗位级别\t基层\r\n"
	    "编制：\t3人\t\r\n" BODY));
	S_AT(title, "业务员", 3, 6);
	S_AT(department, "sales", 4, 6);
	S_AT(reports_to, "经理", 4, 17);
	S_AT(level, "基层", 4, 25);
	S_AT(headcount_s, "3人", 5, 5);
	cr_assert_str_eq(S_r->id, "r");
	cr_assert_eq(S_r->pos.line, 3);
	cr_assert_eq(S_r->pos.col, 15);
	cr_assert_eq(S_d.n, 0);
}

Test(md, pipe_rows)
{
	cr_assert_not_null(S_load("| 岗位名称 | 业务员 | 所属部门 | sales |\n"
	    "|:---|---|---|---:|\n"
	    "|直接上级|经理\n" BODY));
	S_AT(title, "业务员", 1, 10);
	S_AT(department, "sales", 1, 23);
	S_AT(reports_to, "经理", 3, 7);
	cr_assert_eq(S_d.n, 0);
}

Test(md, rows_and_label_lines_mix)
{
	cr_assert_not_null(S_load("# 业务员岗位说明书\n\n岗位名称：业务员\n"
	    "| 所属部门 | sales |\n直接上级\t经理\n编制：3人　　岗位级别：基层\n"
	    "岗位编号：r\n" BODY));
	S_AT(title, "业务员", 3, 6);
	S_AT(department, "sales", 4, 10);
	S_AT(reports_to, "经理", 5, 6);
	S_AT(headcount_s, "3人", 6, 4);
	S_AT(level, "基层", 6, 13);
	cr_assert_eq(S_r->pos.line, 7);
	cr_assert_eq(S_r->pos.col, 6);
}

Test(md, row_mistakes)
{
	S_load("岗位名称\t业务员\t工作地点\t上海\n"
	    "所属部门\t\t编制\n"
	    "| | 3人 |\n" BODY);
	cr_assert(S_has(DIAG_WARNING, 1, 10, "unknown key '工作地点'"));
	cr_assert(S_has(DIAG_ERROR, 2, 7, "the key '编制' has no value: keys "
	    "and values take turns along a row (岗位名称, 业务员, 所属部门, "
	    "业务部); put its value in the cell after it"));
	cr_assert(S_has(DIAG_ERROR, 3, 5, "the value '3人' has no key"));
	/* the empty cell: department "" at the cell, for val_role() */
	S_AT(department, "", 2, 6);
}

Test(md, row_value_holding_colon_space)
{
	cr_assert_null(S_load("| 岗位名称 | A: B |\n所属部门：s\n" BODY));
	cr_assert(S_has(DIAG_ERROR, 1, 10, "the value of '岗位名称' holds ': ': "
	    "quote the value (岗位名称: \"A: B\")"));
	/* after a full-width colon, at the value as written */
	cr_assert_null(S_load("岗位名称：A: B\n所属部门：s\n" BODY));
	cr_assert(S_has(DIAG_ERROR, 1, 6, "the value of '岗位名称' holds"));
}
