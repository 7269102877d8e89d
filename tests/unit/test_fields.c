/*
 * test_fields.c — the field table's look-ups (front-matter keys and their
 * Chinese aliases, section headings with numbers, colons and synonyms) and
 * the recogniser of numbering prefixes (fields.h).
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>
#include "model/model.h"
#include "model/fields.h"

/* Prefix length of s in bytes, and its family. */
static size_t
S_pre(const char *s, enum rb_numkind *k)
{
	*k = RB_NUM_NONE;
	return rb_num_prefix(s, strlen(s), k);
}

Test(fields, numbering_prefixes)
{
	enum rb_numkind k;

	cr_assert_eq(S_pre("1、负责", &k), strlen("1、"));
	cr_assert_eq(k, RB_NUM_DIGIT_DUN);
	cr_assert_eq(S_pre("10 、负责", &k), strlen("10 、"));
	cr_assert_eq(k, RB_NUM_DIGIT_DUN);
	cr_assert_eq(S_pre("1．负责", &k), strlen("1．"));
	cr_assert_eq(k, RB_NUM_DIGIT_DOT);
	cr_assert_eq(S_pre("2. 负责", &k), strlen("2. "));
	cr_assert_eq(k, RB_NUM_DIGIT_DOT);
	cr_assert_eq(S_pre("（1）熟悉", &k), strlen("（1）"));
	cr_assert_eq(k, RB_NUM_DIGIT_PAREN);
	cr_assert_eq(S_pre("(12) 熟悉", &k), strlen("(12) "));
	cr_assert_eq(k, RB_NUM_DIGIT_PAREN);
	cr_assert_eq(S_pre("3)熟悉", &k), strlen("3)"));
	cr_assert_eq(k, RB_NUM_DIGIT_RPAREN);
	cr_assert_eq(S_pre("3）熟悉", &k), strlen("3）"));
	cr_assert_eq(k, RB_NUM_DIGIT_RPAREN);
	cr_assert_eq(S_pre("①熟悉", &k), strlen("①"));
	cr_assert_eq(k, RB_NUM_CIRCLED);
	cr_assert_eq(S_pre("⑳　熟悉", &k), strlen("⑳　"));
	cr_assert_eq(k, RB_NUM_CIRCLED);
	cr_assert_eq(S_pre("一、岗位概述", &k), strlen("一、"));
	cr_assert_eq(k, RB_NUM_CN_DUN);
	cr_assert_eq(S_pre("十二、其他", &k), strlen("十二、"));
	cr_assert_eq(k, RB_NUM_CN_DUN);
	cr_assert_eq(S_pre("（三）任职资格", &k), strlen("（三）"));
	cr_assert_eq(k, RB_NUM_CN_PAREN);
	cr_assert_eq(S_pre("第一条 工作职责", &k), strlen("第一条 "));
	cr_assert_eq(k, RB_NUM_ARTICLE);
	cr_assert_eq(S_pre("第3章、职责", &k), strlen("第3章、"));
	cr_assert_eq(S_pre("第二部分 权限", &k), strlen("第二部分 "));
	/* Not prefixes. */
	cr_assert_eq(S_pre("1.5 倍", &k), 0);
	cr_assert_eq(S_pre("2026年", &k), 0);
	cr_assert_eq(S_pre("12", &k), 0);
	cr_assert_eq(S_pre("一年以上经验", &k), 0);
	cr_assert_eq(S_pre("第一名", &k), 0);
	cr_assert_eq(S_pre("第二项", &k), 0);
	cr_assert_eq(S_pre("(注)", &k), 0);
	cr_assert_eq(S_pre("", &k), 0);
	cr_assert_eq(S_pre("12345、", &k), 0);
}

Test(fields, keys_and_aliases)
{
	cr_assert_eq(rb_field_of_key("岗位名称", strlen("岗位名称")), RB_F_TITLE);
	cr_assert_eq(rb_field_of_key("title", 5), RB_F_TITLE);
	cr_assert_eq(rb_field_of_key("岗位编号", strlen("岗位编号")), RB_F_ID);
	cr_assert_eq(rb_field_of_key("所属部门", strlen("所属部门")),
	    RB_F_DEPARTMENT);
	cr_assert_eq(rb_field_of_key("隶属部门", strlen("隶属部门")),
	    RB_F_DEPARTMENT);
	cr_assert_eq(rb_field_of_key("岗位级别", strlen("岗位级别")), RB_F_LEVEL);
	cr_assert_eq(rb_field_of_key("直接上级", strlen("直接上级")),
	    RB_F_REPORTS_TO);
	cr_assert_eq(rb_field_of_key("编制", strlen("编制")), RB_F_HEADCOUNT);
	cr_assert_eq(rb_field_of_key("工作职责", strlen("工作职责")), -1);
	cr_assert_eq(rb_field_of_key("titel", 5), -1);
}

/* The section a heading names, and the title left without its number. */
static int
S_head(const char *h, char *title)
{
	size_t off, len;
	int f = rb_field_of_heading(h, strlen(h), &off, &len);

	memcpy(title, h + off, len);
	title[len] = '\0';
	return f;
}

Test(fields, headings)
{
	char t[128];

	cr_assert_eq(S_head("二、岗位职责", t), RB_F_DUTIES);
	cr_assert_eq(S_head("主要职责：", t), RB_F_DUTIES);
	cr_assert_eq(S_head("3. 工作内容:", t), RB_F_DUTIES);
	cr_assert_eq(S_head("职位描述", t), RB_F_DUTIES);
	cr_assert_eq(S_head("一、岗位概述", t), RB_F_SUMMARY);
	cr_assert_eq(S_head("岗位目的", t), RB_F_SUMMARY);
	cr_assert_eq(S_head("（三）任职要求", t), RB_F_QUALS);
	cr_assert_eq(S_head("任职条件", t), RB_F_QUALS);
	cr_assert_eq(S_head("第四条 岗位职权", t), RB_F_AUTHORITIES);
	cr_assert_eq(S_head("绩效考核标准", t), RB_F_STANDARDS);
	cr_assert_eq(S_head("工作标准", t), RB_F_STANDARDS);
	cr_assert_eq(S_head("1、工作关系", t), RB_F_RELATIONS);
	cr_assert_eq(S_head("具体表格", t), RB_F_REPORTS);
	cr_assert_eq(S_head("duties", t), RB_F_DUTIES);
	cr_assert_eq(S_head("七、其他说明：", t), -1);
	cr_assert_str_eq(t, "其他说明");
	cr_assert_eq(S_head("岗位名称", t), -1);
	/* a name before a section's words: short, no sentence mark */
	cr_assert_eq(S_head("客服部质检员的职责", t), RB_F_DUTIES);
	cr_assert_eq(S_head("技术支持工程师(初级) 岗位职责", t), RB_F_DUTIES);
	cr_assert_eq(S_head("电网销承保直通岗工作职责：", t), RB_F_DUTIES);
	cr_assert_eq(S_head("业务员岗位职责与要求一、岗位职责", t), RB_F_DUTIES);
	cr_assert_eq(S_head("业务员管理制度及行为规范一、业务员管理制度1.业务员"
	    "的岗位职责", t), -1);
	cr_assert_eq(S_head("负责对接ERP软件公司，完成实施交付并明确各岗位职责", t),
	    -1);
	cr_assert_eq(S_head("对未完成月份和季度任务目标负责。 1 3. 对本公司信誉造成"
	    "严重损毁负责。 二、权限", t), -1);
}

Test(fields, nearest)
{
	int f = -1;

	cr_assert_str_eq(rb_field_near("工作职则", strlen("工作职则"), 0, &f, 0),
	    "工作职责");
	cr_assert_eq(f, RB_F_DUTIES);
	cr_assert_str_eq(rb_field_near("岗位名字", strlen("岗位名字"), 1, &f, 2),
	    "岗位名称");
	cr_assert_eq(f, RB_F_TITLE);
	cr_assert_str_eq(rb_field_near("titel", 5, 1, &f, 2), "title");
	cr_assert_null(rb_field_near("其他说明", strlen("其他说明"), 0, &f, 0));
	cr_assert_eq(rb_strip_colon("年龄：", strlen("年龄：")), strlen("年龄"));
	cr_assert_eq(rb_strip_colon("Age: ", 5), 3);
	cr_assert_eq(rb_chardist("岗位职责", strlen("岗位职责"), "工作职责"), 2);
}

Test(fields, seed_headings)
{
	char t[128];

	/* Traditional characters, as half the seeds are written. */
	cr_assert_eq(S_head("崗位職責", t), RB_F_DUTIES);
	cr_assert_eq(S_head("三、工作職責與任務", t), RB_F_DUTIES);
	cr_assert_eq(S_head("四、工作績效標準", t), RB_F_STANDARDS);
	cr_assert_eq(S_head("五、崗位工作關係", t), RB_F_RELATIONS);
	cr_assert_eq(S_head("六、崗位工作權限", t), RB_F_AUTHORITIES);
	cr_assert_eq(S_head("任職資格：", t), RB_F_QUALS);
	cr_assert_eq(rb_field_of_key("崗位名稱", strlen("崗位名稱")), RB_F_TITLE);
	cr_assert_eq(rb_field_of_key("直接上級", strlen("直接上級")),
	    RB_F_REPORTS_TO);
	/* 【】 around a heading, a number inside or outside. */
	cr_assert_eq(S_head("【岗位职责】", t), RB_F_DUTIES);
	cr_assert_eq(S_head("一、【任职资格】：", t), RB_F_QUALS);
	cr_assert_eq(S_head("【二、工作权限】", t), RB_F_AUTHORITIES);
	cr_assert_eq(S_head("【篇1：业务员说明书】", t), -1);
	cr_assert_str_eq(t, "篇1：业务员说明书");
	/* A name before the words that end a list section's name. */
	cr_assert_eq(S_head("业务支持岗工作职责:", t), RB_F_DUTIES);
	cr_assert_eq(S_head("客服部质检员的职责", t), RB_F_DUTIES);
	cr_assert_eq(S_head("客服部班长责任制", t), RB_F_DUTIES);
	cr_assert_eq(S_head("业务员任职要求", t), RB_F_QUALS);
	cr_assert_eq(S_head("部门概况", t), -1);
	cr_assert_eq(S_head("岗位目标", t), RB_F_STANDARDS);
	cr_assert_eq(S_head("要求：", t), RB_F_QUALS);
	cr_assert_eq(S_head("七、资历", t), RB_F_QUALS);
	cr_assert_eq(S_head("职责", t), RB_F_DUTIES);
	cr_assert_eq(S_head("工作环境要求", t), -1);
}

Test(fields, indented_numbers_and_simplify)
{
	enum rb_numkind k;

	/* "　　1、": full-width spaces (or a tab) before a pasted number. */
	cr_assert_eq(S_pre("\xE3\x80\x80\xE3\x80\x80" "1、为营业单位", &k),
	    6 + strlen("1、"));
	cr_assert_eq(k, RB_NUM_DIGIT_DUN);
	cr_assert_eq(S_pre("\t2. 负责", &k), 1 + strlen("2. "));
	cr_assert_eq(S_pre("\xE3\x80\x80" "负责", &k), 0);
	cr_assert_eq(S_pre("• 负责客户开发", &k), strlen("• "));
	cr_assert_eq(k, RB_NUM_BULLET);
	cr_assert_eq(S_pre("■大专以上学历", &k), strlen("■"));
	cr_assert_eq(k, RB_NUM_BULLET);
	cr_assert_eq(S_pre("·负责", &k), 0);
	cr_assert_eq(rb_simplify(0x5D17), 0x5C97);	/* 崗 岗 */
	cr_assert_eq(rb_simplify(0x9F61), 0x9F84);	/* 齡 龄 (last) */
	cr_assert_eq(rb_simplify(0x4F54), 0x5360);	/* 佔 占 (first) */
	cr_assert_eq(rb_simplify(0x5C97), 0x5C97);	/* 岗 stays */
	cr_assert_eq(rb_simplify('A'), 'A');
	cr_assert(rb_name_eq("所受監督", strlen("所受監督"), "所受监督"));
	cr_assert(!rb_name_eq("所受監", strlen("所受監"), "所受监督"));
	cr_assert(rb_name_eq("TITLE", 5, "title"));
}

/* rb_may_name_section() only refuses what rb_field_of_heading() refuses:
 * every alias of every section, decorated as HR writes headings, passes;
 * sentences end in marks or characters no section name ends with. */
Test(fields, may_name_section_never_refuses_a_heading)
{
	static const char *const deco[][2] = {
	    { "", "" }, { "一、", "：" }, { "1. ", ":" }, { "【", "】" },
	    { "（一）", "" }, { "第一条 ", " ： " }, { "业务支持岗", "" },
	    { "", "  " } };
	static const char *const no[] = {
	    "负责公司销售目标的制定与分解。", "完成领导交办的其他工作；",
	    "熟悉财务制度，", "协调各部门", "1. 负责市场调研、", "Sell more.",
	    "与客户保持良好沟通" };
	const char *const *a;
	char b[256];
	size_t k, i;
	int f, n = 0;

	for (f = 0; f < RB_F__MAX; f++) {
		if (!rb_fields[f].section)
			continue;
		for (a = rb_fields[f].alias; *a; a++)
			for (k = 0; k < sizeof(deco) / sizeof(deco[0]); k++) {
				snprintf(b, sizeof(b), "%s%s%s", deco[k][0], *a,
				    deco[k][1]);
				if (rb_field_of_heading(b, strlen(b), NULL,
				    NULL) < 0)
					continue;
				n++;
				cr_assert(rb_may_name_section(b, strlen(b)),
				    "%s", b);
			}
	}
	cr_assert_gt(n, 100);
	/* traditional forms fold first */
	cr_assert(rb_may_name_section("崗位職責", strlen("崗位職責")));
	cr_assert(rb_may_name_section("任職資格：", strlen("任職資格：")));
	for (i = 0; i < sizeof(no) / sizeof(no[0]); i++) {
		cr_assert_lt(rb_field_of_heading(no[i], strlen(no[i]), NULL,
		    NULL), 0, "%s", no[i]);
		cr_assert_not(rb_may_name_section(no[i], strlen(no[i])),
		    "%s", no[i]);
	}
}

/* The hashed look-up (S_alias_of) answers as the loop over the table it
 * replaced: each name and alias, as written, in upper case and with a
 * character of it one past (never found), gives the first field that has
 * it (rb_name_eq, the comparison the loop used). */
static int
S_first(const char *s, int sec)
{
	const char *const *a;
	int f;

	for (f = 0; f < RB_F__MAX; f++) {
		if (!rb_fields[f].section != !sec)
			continue;
		if (!sec && rb_name_eq(s, strlen(s), rb_fields[f].name))
			return f;
		for (a = rb_fields[f].alias; *a; a++)
			if (rb_name_eq(s, strlen(s), *a))
				return f;
	}
	return -1;
}

static int
S_look(const char *s, int sec)
{
	return sec ? rb_field_of_heading(s, strlen(s), NULL, NULL) :
	    rb_field_of_key(s, strlen(s));
}

Test(fields, hashed_lookup_answers_as_the_table_loop)
{
	char b[256];
	size_t i, n;
	int f, sec, k, tried = 0;

	for (f = 0; f < RB_F__MAX; f++)
		for (k = -1; ; k++) {
			const char *w = k < 0 ? rb_fields[f].name :
			    rb_fields[f].alias[k];

			if (w == NULL)
				break;
			sec = rb_fields[f].section ? 1 : 0;
			if (k < 0 && sec)
				continue;	/* a section's name is no alias */
			cr_assert_eq(S_look(w, sec), S_first(w, sec), "%s", w);
			cr_assert_geq(S_look(w, sec), 0, "%s", w);
			n = strlen(w);
			for (i = 0; i <= n; i++)
				b[i] = (char)(w[i] >= 'a' && w[i] <= 'z' ?
				    w[i] - 32 : w[i]);
			cr_assert_eq(S_look(b, sec), S_first(b, sec), "%s", b);
			memcpy(b, w, n + 1);
			b[n - 1] = (char)(b[n - 1] + 1);
			cr_assert_eq(S_look(b, sec), S_first(b, sec), "%s", b);
			tried++;
		}
	cr_assert_gt(tried, 100);
	/* traditional forms and capitals are folded */
	cr_assert_eq(rb_field_of_key("TITLE", 5), RB_F_TITLE);
	cr_assert_eq(rb_field_of_heading("崗位職責", strlen("崗位職責"), NULL,
	    NULL), RB_F_DUTIES);
}

Test(fields, numbering_values)
{
	size_t e;

	cr_assert_eq(rb_num_value("三、", strlen("三、"), &e), 3);
	cr_assert_eq(e, strlen("三"));
	cr_assert_eq(rb_num_value("（十二）", strlen("（十二）"), NULL), 12);
	cr_assert_eq(rb_num_value("第二十一条", strlen("第二十一条"), &e), 21);
	cr_assert_eq(e, strlen("第二十一"));
	cr_assert_eq(rb_num_value("第3章", strlen("第3章"), NULL), 3);
	cr_assert_eq(rb_num_value("　　10、", strlen("　　10、"), NULL), 10);
	cr_assert_eq(rb_num_value("４．", strlen("４．"), NULL), 4);
	cr_assert_eq(rb_num_value("⑤", strlen("⑤"), NULL), 5);
	cr_assert_eq(rb_num_value("⑵", strlen("⑵"), NULL), 2);
	cr_assert_eq(rb_num_value("⒎", strlen("⒎"), NULL), 7);
	cr_assert_eq(rb_num_value("一百零五、", strlen("一百零五、"), NULL), 105);
	cr_assert_eq(rb_num_value("一〇、", strlen("一〇、"), NULL), 10);
	cr_assert_eq(rb_num_value("两、", strlen("两、"), NULL), 2);
	cr_assert_eq(rb_num_value("十、", strlen("十、"), NULL), 10);
	cr_assert_eq(rb_num_value("• 甲", strlen("• 甲"), NULL), -1);
	cr_assert_eq(rb_num_value("岗位", strlen("岗位"), NULL), -1);
	cr_assert_eq(rb_num_value("", 0, NULL), -1);
}

/* A job description's own title line names the role; a sentence, a
 * heading or a line of text does not. */
Test(fields, doc_title_line)
{
	static const struct { const char *line, *title; } yes[] = {
	    { "客服专员岗位说明书", "客服专员" },
	    { "# 高级业务员岗位说明书", "高级业务员" },
	    { "【业务员的岗位职责说明书】", "业务员" },
	    { "**销售经理职位说明书**", "销售经理" },
	    { "　出纳 工作说明书：\r", "出纳" },
	    { "崗位說明書前台", NULL },
	    { "前台崗位說明書", "前台" } };
	static const char *const no[] = { "岗位说明书", "一、岗位职责",
	    "本说明书适用于业务部全体员工，请遵照执行。",
	    "岗位名称：业务员", "" };
	size_t i, off, len;

	for (i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
		int r = rb_doc_title(yes[i].line, strlen(yes[i].line), &off,
		    &len);

		if (yes[i].title == NULL) {
			cr_assert_eq(r, 0, "%s", yes[i].line);
			continue;
		}
		cr_assert_eq(r, 1, "%s", yes[i].line);
		cr_assert_eq(len, strlen(yes[i].title), "%s", yes[i].line);
		cr_assert(memcmp(yes[i].line + off, yes[i].title, len) == 0,
		    "%s", yes[i].line);
	}
	for (i = 0; i < sizeof(no) / sizeof(no[0]); i++)
		cr_assert_eq(rb_doc_title(no[i], strlen(no[i]), &off, &len), 0,
		    "%s", no[i]);
}

/* The heading of a job description's basic information, decorated as HR
 * writes it; anything else (or nothing but its decoration) is not. */
Test(fields, ident_heading)
{
	static const char *const yes[] = { "一、基本资料", "【岗位基本信息】",
	    "【一、岗位基本信息】", "## 岗位标识：", "**基本情况**",
	    "（一）岗位信息:", "基本信息\r", "崗位基本資料" };
	static const char *const no[] = { "", " ", "#", "【】", "一、",
	    "【一、】", "二、岗位职责", "基本资料不全，请补充。", "基本" };
	size_t i;

	for (i = 0; i < sizeof(yes) / sizeof(yes[0]); i++)
		cr_assert(rb_ident_heading(yes[i], strlen(yes[i])), "%s",
		    yes[i]);
	for (i = 0; i < sizeof(no) / sizeof(no[0]); i++)
		cr_assert_not(rb_ident_heading(no[i], strlen(no[i])), "%s",
		    no[i]);
}

/* Traditional forms of headings, keys and labels match as the simplified
 * ones, mixed too; other characters do not; the text is not changed. */
Test(fields, traditional_forms_fold)
{
	static const char *const h[][2] = {
		{ "崗位職責", "duties" }, { "工作內容", "duties" },
		{ "主要職責：", "duties" }, { "任職資格", "qualifications" },
		{ "任職要求", "qualifications" }, { "崗位职责", "duties" },
		{ "岗位職责", "duties" }, { "工作聯繫", "relations" },
		{ "績效考覈標準", "standards" }, { "一、崗位職責", "duties" },
		{ "保險業務督導崗位職責", "duties" },
	};
	static const char *const k[][2] = {
		{ "所屬部門", "department" }, { "直接上級", "reports_to" },
		{ "崗位名稱", "title" }, { "崗位編號", "id" },
		{ "崗位級別", "level" }, { "編制", "headcount" },
	};
	const char *s = "保險公司房責險業務崗位職責_第1頁", *p;
	size_t i;
	int f;

	for (i = 0; i < sizeof(h) / sizeof(h[0]); i++) {
		f = rb_field_of_heading(h[i][0], strlen(h[i][0]), NULL, NULL);
		cr_assert(f >= 0 && strcmp(rb_fields[f].name, h[i][1]) == 0,
		    "%s: %d", h[i][0], f);
	}
	for (i = 0; i < sizeof(k) / sizeof(k[0]); i++) {
		f = rb_field_of_key(k[i][0], strlen(k[i][0]));
		cr_assert(f >= 0 && strcmp(rb_fields[f].name, k[i][1]) == 0,
		    "%s: %d", k[i][0], f);
	}
	cr_assert_lt(rb_field_of_heading("崗位職掌", strlen("崗位職掌"), NULL,
	    NULL), 0);
	cr_assert_lt(rb_field_of_key("所屬部", strlen("所屬部")), 0);
	/* the derived keys, one list for the loader and import */
	cr_assert(rb_derived_key("直接下級", strlen("直接下級")));
	cr_assert(rb_derived_key("下屬崗位", strlen("下屬崗位")));
	cr_assert(rb_derived_key("direct_reports", 14));
	cr_assert_not(rb_derived_key("直接上級", strlen("直接上級")));
	/* found inside a line, folded; the text untouched */
	p = rb_name_find(s, strlen(s), "岗位职责");
	cr_assert(p != NULL && p - s == (ptrdiff_t)strlen("保險公司房責險業務"));
	cr_assert_null(rb_name_find(s, strlen(s), "岗位说明书"));
	cr_assert_null(rb_name_find(s, 3, "岗位职责"));
	cr_assert_str_eq(s, "保險公司房責險業務崗位職責_第1頁");
	/* the characters added for OpenCC's forms (tests/check-trad.sh) */
	cr_assert_eq(rb_simplify(0x865F), 0x53F7);	/* 號 号 */
	cr_assert_eq(rb_simplify(0x8AAC), 0x8BF4);	/* 説 说 (Hong Kong) */
	cr_assert_eq(rb_simplify(0x77AD), 0x4E86);	/* 瞭 了 */
	cr_assert_eq(rb_qualkind_infer("善於溝通", strlen("善於溝通")),
	    RB_QUAL_SKILL);
	/* a duty's attributes by their Chinese keys, as a Word table's
	 * column headings and a Markdown attribute block write them */
	{
		const struct rb_itemdef *id = rb_fields[RB_F_DUTIES].item;
		const struct rb_attrdef *a;

		a = rb_item_attr(id, "時間佔比", strlen("時間佔比"));
		cr_assert(a != NULL && strcmp(a->name, "share") == 0);
		a = rb_item_attr(id, "时间比例", strlen("时间比例"));
		cr_assert(a != NULL && strcmp(a->name, "share") == 0);
		a = rb_item_attr(id, "頻率", strlen("頻率"));
		cr_assert(a != NULL && strcmp(a->name, "frequency") == 0);
		a = rb_item_attr(id, "频度", strlen("频度"));
		cr_assert(a != NULL && strcmp(a->name, "frequency") == 0);
		cr_assert_null(rb_item_attr(id, "頻", strlen("頻")));
		cr_assert_null(rb_item_attr(id, "Share", 5));	/* names: exact */
	}
}
