/*
 * fields.c — the field table of a role and the recognisers of numbered
 * headings and items (fields.h).  Adding a scalar field is one row here
 * plus its member in struct rb_role and its tests: the loaders, the
 * rules (src/validate/role.c), the export and the template data walk the
 * table.  A list field's items are described here too (struct
 * rb_itemdef): their XML element, attributes with their Markdown keys,
 * the kind of each value and the member it fills.
 */
#include <ctype.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>
#include "../util/util.h"
#include "model.h"
#include "fields.h"

#define A(...)	((const char *const []){ __VA_ARGS__, NULL })
#define O(m)	offsetof(struct rb_role, m)

#define IO(t, m)	offsetof(struct t, m)
#define LIST(m, n)	O(m), O(n)
#define ATTRS(a)	a, (int)(sizeof(a) / sizeof(a[0]))

/* Attribute blocks {share=30 frequency=每月} in Markdown, attributes in
 * XML. */
static const struct rb_attrdef S_duty_attrs[] = {
	{ .name = "share", .label = "占比",
	  .alias = A("占比", "时间占比", "比重", "时间比例"), .kind = RB_AK_PCT,
	  .off = IO(rb_duty, share_s), .ioff = IO(rb_duty, share) },
	{ .name = "frequency", .label = "频率", .alias = A("频率", "频次", "频度"),
	  .kind = RB_AK_TEXT, .flags = RB_AF_NONEMPTY,
	  .off = IO(rb_duty, frequency), .hint = "how often (每日, 每周, …)" },
};

/* A map in the front matter, attributes in XML. */
static const struct rb_attrdef S_target_attrs[] = {
	{ .name = "metric", .label = "指标", .kind = RB_AK_SLUG,
	  .flags = RB_AF_REQUIRED | RB_AF_NONEMPTY,
	  .off = IO(rb_target, metric), .names = rb_metric_name,
	  .labels = rb_metric_label, .nnames = RB_METRIC__MAX },
	{ .name = "value", .label = "目标值", .kind = RB_AK_DECIMAL,
	  .flags = RB_AF_REQUIRED | RB_AF_NONEMPTY,
	  .off = IO(rb_target, value) },
	{ .name = "unit", .label = "单位", .kind = RB_AK_TEXT,
	  .off = IO(rb_target, unit) },
	{ .name = "period", .label = "周期", .kind = RB_AK_WORD,
	  .flags = RB_AF_REQUIRED | RB_AF_NONEMPTY,
	  .off = IO(rb_target, period), .names = rb_period_name,
	  .labels = rb_period_label, .nnames = RB_PERIOD__MAX },
};

/* The label before the text in Markdown (所受监督：…). */
static const struct rb_attrdef S_relation_attrs[] = {
	{ .name = "kind", .label = "类别", .kind = RB_AK_ENUM,
	  .flags = RB_AF_REQUIRED, .ioff = IO(rb_relation, kind),
	  .names = rb_relkind_name, .labels = rb_relkind_label,
	  .nnames = RB_REL__MAX, .parse = rb_relkind_parse,
	  .hint = "所受监督：, 所施监督：, 所施指导：, 合作关系：, 协作关系：, "
	  "内部协调：, 外部协调：, 直接上级： or 直接下级： (Supervised by:, "
	  "Supervises:, Cooperates with:)" },
};

/* The label before the text in Markdown (学历：…, 年龄：…), else the
 * kind inferred from the text. */
static const struct rb_attrdef S_qual_attrs[] = {
	{ .name = "kind", .label = "类别", .kind = RB_AK_ENUM,
	  .ioff = IO(rb_qual, kind), .names = rb_qualkind_name,
	  .labels = rb_qualkind_label, .nnames = RB_QUAL__MAX,
	  .parse = rb_qualkind_parse, .infer = rb_qualkind_infer },
	{ .name = "label", .label = "标签", .kind = RB_AK_TEXT,
	  .flags = RB_AF_NONEMPTY, .off = IO(rb_qual, label),
	  .hint = "its own label (年龄)" },
};

/* Four fields between '|' in Markdown, in this order. */
static const struct rb_attrdef S_report_attrs[] = {
	{ .name = "name", .label = "名称", .kind = RB_AK_TEXT,
	  .flags = RB_AF_REQUIRED | RB_AF_NONEMPTY,
	  .off = IO(rb_report, name) },
	{ .name = "frequency", .label = "频率", .kind = RB_AK_ENUM,
	  .flags = RB_AF_REQUIRED, .ioff = IO(rb_report, frequency),
	  .names = rb_freq_name, .labels = rb_freq_label,
	  .nnames = RB_FREQ__MAX, .parse = rb_freq_parse },
	{ .name = "due", .label = "截止", .kind = RB_AK_TEXT,
	  .off = IO(rb_report, due) },
	{ .name = "to", .label = "报送对象", .kind = RB_AK_ROLE,
	  .flags = RB_AF_NONEMPTY, .off = IO(rb_report, to),
	  .hint = "a role id or title", .roff = IO(rb_report, recipient) },
};

/* Items with a text: its rb_str; without: their position. */
#define TEXT(t, m)	IO(t, m), RB_NONE
#define NOTEXT(t)	RB_NONE, IO(t, pos)
#define NOSUBS		RB_NONE, RB_NONE
#define SUBS(t)		IO(t, subs), IO(t, nsubs)

static const struct rb_itemdef S_duty = { "duty", "duty",
	sizeof(struct rb_duty), LIST(duties, nduties), TEXT(rb_duty, text),
	IO(rb_duty, subs), IO(rb_duty, nsubs), ATTRS(S_duty_attrs), 1,
	RB_MD_BLOCK };
static const struct rb_itemdef S_standard = { "standard", "standard",
	sizeof(struct rb_item), LIST(standards, nstandards),
	TEXT(rb_item, text), SUBS(rb_item), NULL, 0, 0, RB_MD_TEXT };
static const struct rb_itemdef S_target = { "target", "target",
	sizeof(struct rb_target), LIST(targets, ntargets), NOTEXT(rb_target),
	NOSUBS, ATTRS(S_target_attrs), 0, RB_MD_MAP };
static const struct rb_itemdef S_relation = { "relation", "relation",
	sizeof(struct rb_relation), LIST(relations, nrelations),
	TEXT(rb_relation, text), SUBS(rb_relation), ATTRS(S_relation_attrs), 0,
	RB_MD_LABEL };
static const struct rb_itemdef S_authority = { "authority", "authority",
	sizeof(struct rb_item), LIST(authorities, nauthorities),
	TEXT(rb_item, text), SUBS(rb_item), NULL, 0, 0, RB_MD_TEXT };
static const struct rb_itemdef S_qual = { "qualification",
	"qualification", sizeof(struct rb_qual), LIST(quals, nquals),
	TEXT(rb_qual, text), SUBS(rb_qual), ATTRS(S_qual_attrs), 0,
	RB_MD_LABEL };
static const struct rb_itemdef S_report = { "report", "report",
	sizeof(struct rb_report), LIST(reports, nreports), NOTEXT(rb_report),
	NOSUBS, ATTRS(S_report_attrs), 0, RB_MD_FIELDS };

const struct rb_fielddef rb_fields[RB_F__MAX] = {
	{ "id", NULL, "岗位编号", RB_FK_ID, 0, 0,
	  A("岗位编号", "编号", "岗位代码", "代码", "ID"), 0, 0, NULL },
	{ "title", "title", "岗位名称", RB_FK_TEXT, 1, 0,
	  A("岗位名称", "职位名称", "名称", "岗位", "职位", "Title"),
	  O(title), 0, NULL },
	{ "department", "department", "所属部门", RB_FK_DEPT, 1, 0,
	  A("所属部门", "隶属部门", "部门", "所在部门", "Department"),
	  O(department), 0, NULL },
	{ "level", "level", "岗位级别", RB_FK_TEXT, 0, 0,
	  A("岗位级别", "级别", "岗位等级", "职级", "Level"), O(level), 0,
	  NULL },
	{ "reports_to", "reports-to", "直接上级", RB_FK_ROLE, 0, 0,
	  A("直接上级", "上级", "汇报对象", "直属上级", "直接上司", "直接领导",
	  "reports-to", "Reports to"), O(reports_to), 0, NULL },
	{ "headcount", "headcount", "编制", RB_FK_INT, 0, 0,
	  A("编制", "岗位编制", "编制人数", "定员", "定员标准", "岗位定员",
	  "人数", "Headcount"),
	  O(headcount_s), O(headcount), NULL },
	{ "targets", "targets", "考核指标", RB_FK_TARGETS, 0, 0,
	  A("考核指标", "指标", "目标", "Targets"), 0, 0, &S_target },
	{ "summary", "summary", "岗位概述", RB_FK_RICH, 0, 1,
	  A("岗位概述", "岗位工作概述", "工作概述", "职位概要", "岗位目的",
	  "岗位概要", "职位概述", "岗位描述", "概述", "工作概要", "Summary"),
	  O(summary), 0, NULL },
	{ "duties", "duties", "工作职责", RB_FK_LIST, 1, 1,
	  A("工作职责", "岗位职责", "主要职责", "工作内容", "职位描述",
	  "工作职责与任务", "职责", "职责描述", "主要工作职责", "岗位职责描述",
	  "岗位责任制", "责任制", "Duties", "Responsibilities"), 0, 0,
	  &S_duty },
	{ "standards", "standards", "绩效标准", RB_FK_LIST, 0, 1,
	  A("绩效标准", "工作绩效标准", "考核标准", "绩效考核标准", "工作标准",
	  "岗位目标", "工作目标", "关键业绩指标", "业绩指标", "KPI",
	  "Performance standards", "Standards"), 0, 0, &S_standard },
	{ "relations", "relations", "工作关系", RB_FK_LIST, 0, 1,
	  A("工作关系", "岗位工作关系", "工作联系", "Working relations",
	  "Relations"), 0, 0, &S_relation },
	{ "authorities", "authorities", "工作权限", RB_FK_LIST, 0, 1,
	  A("工作权限", "岗位权限", "岗位职权", "职权", "权限", "岗位工作权限",
	  "Authorities"), 0, 0, &S_authority },
	{ "qualifications", "qualifications", "任职资格", RB_FK_LIST, 0, 1,
	  A("任职资格", "任职要求", "任职条件", "岗位要求", "职位要求",
	  "任职资格要求", "要求", "资历", "Qualifications"), 0, 0, &S_qual },
	{ "reports", "reports", "报表", RB_FK_LIST, 0, 1,
	  A("报表", "具体表格", "报送报表", "Reports"), 0, 0, &S_report },
};

/* ---------------------------------------------------------- list items */

size_t
rb_list_len(const struct rb_role *r, const struct rb_itemdef *id)
{
	return *(const size_t *)(const void *)((const char *)r + id->noff);
}

void *
rb_list_item(const struct rb_role *r, const struct rb_itemdef *id, size_t i)
{
	char *const *a = (char *const *)(const void *)((const char *)r +
	    id->aoff);

	return *a + i * id->size;
}

void *
rb_list_add(struct rb_role *r, const struct rb_itemdef *id)
{
	char **a = (char **)(void *)((char *)r + id->aoff), *it;
	size_t *n = (size_t *)(void *)((char *)r + id->noff);
	int k;

	/* The room doubles (xgrow): n additions cost n. */
	*a = xgrow(*a, *n, id->size);
	it = *a + (*n)++ * id->size;
	memset(it, 0, id->size);
	for (k = 0; k < id->nattrs; k++)
		if (id->attrs[k].kind == RB_AK_PCT)
			*rb_item_int(it, &id->attrs[k]) = -1;
	return it;
}

struct rb_str *
rb_item_str(const void *it, const struct rb_attrdef *a)
{
	return a->kind == RB_AK_ENUM ? NULL :
	    (struct rb_str *)(void *)((char *)(uintptr_t)it + a->off);
}

int *
rb_item_int(const void *it, const struct rb_attrdef *a)
{
	return (int *)(void *)((char *)(uintptr_t)it + a->ioff);
}

struct rb_str *
rb_item_text(const void *it, const struct rb_itemdef *id)
{
	return id->toff == RB_NONE ? NULL :
	    (struct rb_str *)(void *)((char *)(uintptr_t)it + id->toff);
}

struct rb_str *
rb_item_subs(const void *it, const struct rb_itemdef *id, size_t *n)
{
	if (id->soff == RB_NONE) {
		*n = 0;
		return NULL;
	}
	*n = *(const size_t *)(const void *)((const char *)it + id->nsoff);
	return *(struct rb_str *const *)(const void *)((const char *)it +
	    id->soff);
}

struct rb_str *
rb_item_add_sub(void *it, const struct rb_itemdef *id)
{
	struct rb_str **a = (struct rb_str **)(void *)((char *)it + id->soff);
	size_t *n = (size_t *)(void *)((char *)it + id->nsoff);
	struct rb_str *s;

	*a = xgrow(*a, *n, sizeof(**a));
	s = *a + (*n)++;
	memset(s, 0, sizeof(*s));
	return s;
}

const struct rb_pos *
rb_item_pos(const void *it, const struct rb_itemdef *id)
{
	return id->poff != RB_NONE ? (const struct rb_pos *)(const void *)
	    ((const char *)it + id->poff) : &rb_item_text(it, id)->pos;
}

const struct rb_attrdef *
rb_item_attr(const struct rb_itemdef *id, const char *key, size_t n)
{
	const char *const *a;
	int k;

	for (k = 0; k < id->nattrs; k++) {
		if (strlen(id->attrs[k].name) == n &&
		    memcmp(id->attrs[k].name, key, n) == 0)
			return &id->attrs[k];
		for (a = id->attrs[k].alias; a != NULL && *a; a++)
			if (strlen(*a) == n && memcmp(*a, key, n) == 0)
				return &id->attrs[k];
	}
	/* Not as written: the traditional forms of a Chinese key (時間佔比)
	 * fold; an ASCII key has none (its first byte tells, as every
	 * alias is Chinese). */
	if (n == 0 || (unsigned char)key[0] < 0x80)
		return NULL;
	for (k = 0; k < id->nattrs; k++)
		for (a = id->attrs[k].alias; a != NULL && *a; a++)
			if (rb_name_eq(key, n, *a))
				return &id->attrs[k];
	return NULL;
}

void
rb_item_infer(void *it, const struct rb_itemdef *id,
    const struct rb_attrdef *a)
{
	const struct rb_str *s = NULL;
	int k;

	for (k = 0; k < id->nattrs && s == NULL; k++)
		if ((s = rb_item_str(it, &id->attrs[k])) != NULL &&
		    s->s == NULL)
			s = NULL;
	if (s == NULL)
		s = rb_item_text(it, id);
	*rb_item_int(it, a) = s != NULL && s->s != NULL ?
	    a->infer(s->s, strlen(s->s)) : 0;
}

void
rb_item_free(void *it, const struct rb_itemdef *id)
{
	struct rb_str *s;
	size_t n, j;
	int k;

	for (k = 0; k < id->nattrs; k++)
		if ((s = rb_item_str(it, &id->attrs[k])) != NULL)
			rb_str_free(s);
	if ((s = rb_item_text(it, id)) != NULL)
		rb_str_free(s);
	if ((s = rb_item_subs(it, id, &n)) != NULL) {
		for (j = 0; j < n; j++)
			rb_str_free(&s[j]);
		free(s);
	}
}

/* Are two optional strings equal? */
static int
S_streq(const struct rb_str *a, const struct rb_str *b)
{
	if (a->s == NULL || b->s == NULL)
		return a->s == b->s;
	return strcmp(a->s, b->s) == 0;
}

int
rb_item_equal(const void *x, const void *y, const struct rb_itemdef *id,
    const char **why)
{
	const struct rb_attrdef *a;
	const struct rb_str *sx, *sy;
	size_t nx, ny, j;
	int k;

	for (k = 0; k < id->nattrs; k++) {
		a = &id->attrs[k];
		/* An int is what validation made of the text. */
		if (a->kind == RB_AK_ENUM || a->kind == RB_AK_PCT ?
		    *rb_item_int(x, a) != *rb_item_int(y, a) :
		    !S_streq(rb_item_str(x, a), rb_item_str(y, a))) {
			*why = a->name;
			return 0;
		}
	}
	if ((sx = rb_item_text(x, id)) != NULL &&
	    !S_streq(sx, rb_item_text(y, id))) {
		*why = "text";
		return 0;
	}
	sx = rb_item_subs(x, id, &nx);
	sy = rb_item_subs(y, id, &ny);
	for (j = 0; j < nx && nx == ny; j++)
		if (!S_streq(&sx[j], &sy[j]))
			break;
	if (nx != ny || j < nx) {
		*why = "sub-item";
		return 0;
	}
	return 1;
}

struct rb_str *
rb_field_str(struct rb_role *r, int f)
{
	return rb_fields[f].off ? (struct rb_str *)(void *)((char *)r +
	    rb_fields[f].off) : NULL;
}

const struct rb_str *
rb_field_cstr(const struct rb_role *r, int f)
{
	return rb_fields[f].off ? (const struct rb_str *)(const void *)
	    ((const char *)r + rb_fields[f].off) : NULL;
}

int *
rb_field_int(struct rb_role *r, int f)
{
	return (int *)(void *)((char *)r + rb_fields[f].ioff);
}

int
rb_field_ival(const struct rb_role *r, int f)
{
	return *(const int *)(const void *)((const char *)r +
	    rb_fields[f].ioff);
}

/*
 * Traditional characters of the words the tables match (keys, section
 * names, relation and qualification labels, their numbering; rb_words,
 * import's imp_words, imp_web_words, imp_docx_words, and the sales CSV
 * readers' headers and values, sales_words), with their simplified
 * forms, sorted: a role written in traditional characters (崗位職責,
 * 任職資格, 直接上級) is read as written in simplified ones, and so is a
 * sales CSV exported in Taiwan or Hong Kong (工號, 類型, 簽單, 遲到).
 * Only matching folds them; the text is kept as written.  The
 * characters:
 *   佔係備價內兩別劃務匯協參員單團報學專對導層屬崗幹彙從態戶據數於時曆書
 *   會條業構標機檔檢權歲歷況準溫為營畢監瞭碩碼稱節範簡簽籤約級組統經維編
 *   練總績織繫義聯職與處號覈規計訓記設註評說説調請論證識議護讀責資質載辦
 *   週達遲銷錄鍵長門間閱閲關隊際隸雜離頁項領頻題額類驗體齡
 */
static const uint32_t S_trad[][2] = {
	{ 0x4F54, 0x5360 }, { 0x4FC2, 0x7CFB }, { 0x5099, 0x5907 },
	{ 0x50F9, 0x4EF7 }, { 0x5167, 0x5185 }, { 0x5169, 0x4E24 },
	{ 0x5225, 0x522B }, { 0x5283, 0x5212 }, { 0x52D9, 0x52A1 },
	{ 0x532F, 0x6C47 }, { 0x5354, 0x534F }, { 0x53C3, 0x53C2 },
	{ 0x54E1, 0x5458 }, { 0x55AE, 0x5355 }, { 0x5718, 0x56E2 },
	{ 0x5831, 0x62A5 }, { 0x5B78, 0x5B66 }, { 0x5C08, 0x4E13 },
	{ 0x5C0D, 0x5BF9 }, { 0x5C0E, 0x5BFC }, { 0x5C64, 0x5C42 },
	{ 0x5C6C, 0x5C5E }, { 0x5D17, 0x5C97 }, { 0x5E79, 0x5E72 },
	{ 0x5F59, 0x6C47 }, { 0x5F9E, 0x4ECE }, { 0x614B, 0x6001 },
	{ 0x6236, 0x6237 }, { 0x64DA, 0x636E }, { 0x6578, 0x6570 },
	{ 0x65BC, 0x4E8E }, { 0x6642, 0x65F6 }, { 0x66C6, 0x5386 },
	{ 0x66F8, 0x4E66 }, { 0x6703, 0x4F1A }, { 0x689D, 0x6761 },
	{ 0x696D, 0x4E1A }, { 0x69CB, 0x6784 }, { 0x6A19, 0x6807 },
	{ 0x6A5F, 0x673A }, { 0x6A94, 0x6863 }, { 0x6AA2, 0x68C0 },
	{ 0x6B0A, 0x6743 }, { 0x6B72, 0x5C81 }, { 0x6B77, 0x5386 },
	{ 0x6CC1, 0x51B5 }, { 0x6E96, 0x51C6 }, { 0x6EAB, 0x6E29 },
	{ 0x70BA, 0x4E3A }, { 0x71DF, 0x8425 }, { 0x7562, 0x6BD5 },
	{ 0x76E3, 0x76D1 }, { 0x77AD, 0x4E86 }, { 0x78A9, 0x7855 },
	{ 0x78BC, 0x7801 }, { 0x7A31, 0x79F0 }, { 0x7BC0, 0x8282 },
	{ 0x7BC4, 0x8303 }, { 0x7C21, 0x7B80 }, { 0x7C3D, 0x7B7E },
	{ 0x7C64, 0x7B7E }, { 0x7D04, 0x7EA6 }, { 0x7D1A, 0x7EA7 },
	{ 0x7D44, 0x7EC4 }, { 0x7D71, 0x7EDF }, { 0x7D93, 0x7ECF },
	{ 0x7DAD, 0x7EF4 }, { 0x7DE8, 0x7F16 }, { 0x7DF4, 0x7EC3 },
	{ 0x7E3D, 0x603B }, { 0x7E3E, 0x7EE9 }, { 0x7E54, 0x7EC7 },
	{ 0x7E6B, 0x7CFB }, { 0x7FA9, 0x4E49 }, { 0x806F, 0x8054 },
	{ 0x8077, 0x804C }, { 0x8207, 0x4E0E }, { 0x8655, 0x5904 },
	{ 0x865F, 0x53F7 }, { 0x8988, 0x6838 }, { 0x898F, 0x89C4 },
	{ 0x8A08, 0x8BA1 }, { 0x8A13, 0x8BAD }, { 0x8A18, 0x8BB0 },
	{ 0x8A2D, 0x8BBE }, { 0x8A3B, 0x6CE8 }, { 0x8A55, 0x8BC4 },
	{ 0x8AAA, 0x8BF4 }, { 0x8AAC, 0x8BF4 }, { 0x8ABF, 0x8C03 },
	{ 0x8ACB, 0x8BF7 }, { 0x8AD6, 0x8BBA }, { 0x8B49, 0x8BC1 },
	{ 0x8B58, 0x8BC6 }, { 0x8B70, 0x8BAE }, { 0x8B77, 0x62A4 },
	{ 0x8B80, 0x8BFB }, { 0x8CAC, 0x8D23 }, { 0x8CC7, 0x8D44 },
	{ 0x8CEA, 0x8D28 }, { 0x8F09, 0x8F7D }, { 0x8FA6, 0x529E },
	{ 0x9031, 0x5468 }, { 0x9054, 0x8FBE }, { 0x9072, 0x8FDF },
	{ 0x92B7, 0x9500 }, { 0x9304, 0x5F55 }, { 0x9375, 0x952E },
	{ 0x9577, 0x957F }, { 0x9580, 0x95E8 }, { 0x9593, 0x95F4 },
	{ 0x95B1, 0x9605 }, { 0x95B2, 0x9605 }, { 0x95DC, 0x5173 },
	{ 0x968A, 0x961F }, { 0x969B, 0x9645 }, { 0x96B8, 0x96B6 },
	{ 0x96DC, 0x6742 }, { 0x96E2, 0x79BB }, { 0x9801, 0x9875 },
	{ 0x9805, 0x9879 }, { 0x9818, 0x9886 }, { 0x983B, 0x9891 },
	{ 0x984C, 0x9898 }, { 0x984D, 0x989D }, { 0x985E, 0x7C7B },
	{ 0x9A57, 0x9A8C }, { 0x9AD4, 0x4F53 }, { 0x9F61, 0x9F84 }
};

uint32_t
rb_simplify(uint32_t c)
{
	size_t lo = 0, hi = sizeof(S_trad) / sizeof(S_trad[0]), mid;

	if (c < 0x4F54 || c > 0x9F61)
		return c;
	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (S_trad[mid][0] == c)
			return S_trad[mid][1];
		if (S_trad[mid][0] < c)
			lo = mid + 1;
		else
			hi = mid;
	}
	return c;
}

/* c with ASCII letters lowered (no locale look-up: this runs for every
 * key and heading against every alias). */
static inline unsigned char
S_fold(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
}

/*
 * Does s[0..n) equal name, ASCII case and traditional forms folded?
 * Folding keeps the length (ASCII letters; the traditional characters of
 * S_trad and their simplified forms are all three bytes), so a length
 * apart is no match: most calls end there (rb_field_of_heading tries
 * every alias of every section on every heading).
 */
static int
S_eq(const char *s, size_t n, const char *name)
{
	size_t i = 0, j = 0, nn = strlen(name), l;
	uint32_t a, b;

	if (n != nn)
		return 0;
	while (i < n && s[i] == name[i])	/* the common part as is */
		i++;
	if (i == n)
		return 1;
	while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
		i--;			/* back to the character's start */
	j = i;
	while (i < n && j < nn) {
		if ((unsigned char)s[i] < 0x80 && (unsigned char)name[j] < 0x80) {
			if (S_fold((unsigned char)s[i]) !=
			    S_fold((unsigned char)name[j]))
				return 0;
			i++;
			j++;
			continue;
		}
		if ((l = utf8_decode(s + i, n - i, &a)) == 0)
			return 0;	/* no alias holds a bad byte */
		i += l;
		if ((l = utf8_decode(name + j, nn - j, &b)) == 0)
			return 0;
		j += l;
		if (rb_simplify(a) != b)
			return 0;
	}
	return i == n && j == nn;
}

/*
 * s[0..n) folded into t (n bytes): ASCII letters lowered, the traditional
 * characters of S_trad simplified (the same three bytes long), anything
 * else as it is.  Then an alias compares byte by byte (S_eqf), and most
 * aliases are refused on their first byte.
 */
static void
S_foldbuf(const char *s, size_t n, char *t)
{
	size_t i, l;
	uint32_t c, d;

	for (i = 0; i < n; i += l) {
		if ((unsigned char)s[i] < 0x80) {
			t[i] = (char)S_fold((unsigned char)s[i]);
			l = 1;
			continue;
		}
		if ((l = utf8_decode(s + i, n - i, &c)) == 0) {
			t[i] = s[i];
			l = 1;
			continue;
		}
		if (l == 3 && (d = rb_simplify(c)) != c) {
			t[i] = (char)(0xE0 | (d >> 12));
			t[i + 1] = (char)(0x80 | ((d >> 6) & 0x3F));
			t[i + 2] = (char)(0x80 | (d & 0x3F));
		} else
			memcpy(t + i, s + i, l);
	}
}

/*
 * The names and aliases of the keys (sec 0) and the aliases of the sections
 * (sec 1), folded (S_foldbuf), in one open-addressed hash table made on the
 * first call.  A key or heading is looked up as written first (most are
 * already in the folded form: simplified, lower case), then folded: one
 * look-up instead of a comparison with each of some 150 aliases.  When two
 * fields share an alias, the first in the table keeps it, as the loop over
 * the table that this replaces did.
 */
#define S_NALIAS	1024	/* slots, a power of two; half full at most */
#define S_ALIASMAX	255	/* longest alias in bytes */

struct S_alias {
	const char	*s;	/* folded, S_pool; NULL: an empty slot */
	unsigned char	 len;
	signed char	 sec;
	signed char	 f;
};

static struct S_alias S_atab[S_NALIAS];
static char S_pool[16384];
static size_t S_npool;
static pthread_once_t S_atab_once = PTHREAD_ONCE_INIT;

static uint32_t
S_hash(const char *s, size_t n, int sec)
{
	uint32_t h = 2166136261u ^ (uint32_t)sec;	/* FNV-1a */
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

static void
S_alias_add(const char *w, int sec, int f)
{
	size_t n = strlen(w);
	uint32_t k;
	char *t;

	if (n == 0 || n > S_ALIASMAX || S_npool + n > sizeof(S_pool))
		abort();	/* the table is ours: grow the limits */
	t = S_pool + S_npool;
	S_foldbuf(w, n, t);
	for (k = S_hash(t, n, sec) & (S_NALIAS - 1); S_atab[k].s != NULL;
	    k = (k + 1) & (S_NALIAS - 1))
		if (S_atab[k].len == n && S_atab[k].sec == sec &&
		    memcmp(S_atab[k].s, t, n) == 0)
			return;		/* the first field keeps it */
	S_npool += n;
	S_atab[k].s = t;
	S_atab[k].len = (unsigned char)n;
	S_atab[k].sec = (signed char)sec;
	S_atab[k].f = (signed char)f;
}

static void
S_atab_init(void)
{
	const char *const *a;
	size_t used = 0;
	int f;

	for (f = 0; f < RB_F__MAX; f++) {
		if (!rb_fields[f].section) {
			S_alias_add(rb_fields[f].name, 0, f);
			used++;
		}
		for (a = rb_fields[f].alias; *a; a++, used++)
			S_alias_add(*a, rb_fields[f].section ? 1 : 0, f);
	}
	if (used > S_NALIAS / 2)
		abort();
}

/* The field whose alias (sec 1: a section's) folded is t[0..n), or -1. */
static int
S_alias_find(const char *t, size_t n, int sec)
{
	uint32_t k;

	for (k = S_hash(t, n, sec) & (S_NALIAS - 1); S_atab[k].s != NULL;
	    k = (k + 1) & (S_NALIAS - 1))
		if (S_atab[k].len == n && S_atab[k].sec == sec &&
		    memcmp(S_atab[k].s, t, n) == 0)
			return S_atab[k].f;
	return -1;
}

/* The field whose alias s[0..n) is, ASCII case and traditional forms
 * folded (S_eq), or -1. */
static int
S_alias_of(const char *s, size_t n, int sec)
{
	char t[S_ALIASMAX];
	int f;

	if (n == 0 || n > S_ALIASMAX)
		return -1;
	pthread_once(&S_atab_once, S_atab_init);
	if ((f = S_alias_find(s, n, sec)) >= 0)
		return f;
	S_foldbuf(s, n, t);
	return memcmp(s, t, n) == 0 ? -1 : S_alias_find(t, n, sec);
}

int
rb_name_eq(const char *s, size_t n, const char *name)
{
	return S_eq(s, n, name);
}

int
rb_field_of_key(const char *s, size_t n)
{
	return S_alias_of(s, n, 0);
}

/* Keys of the direct reports, which rolebook derives (rb_derived_key). */
static const char *const S_derived[] = { "直接下级", "下级", "直接下属",
	"下属岗位", "direct_reports" };

int
rb_derived_key(const char *s, size_t n)
{
	size_t k;

	for (k = 0; k < sizeof(S_derived) / sizeof(S_derived[0]); k++)
		if (S_eq(s, n, S_derived[k]))
			return 1;
	return 0;
}

const char *
rb_name_find(const char *s, size_t n, const char *name)
{
	size_t nn = strlen(name), i;

	for (i = 0; i + nn <= n; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80 &&
		    S_eq(s + i, nn, name))
			return s + i;
	return NULL;
}

/* Words that end a list section's name after a role's name (S_suffix). */
static const struct { const char *w; enum rb_field f; } S_tails[] = {
	{ "职责", RB_F_DUTIES }, { "职责与任务", RB_F_DUTIES },
	{ "责任制", RB_F_DUTIES },
	{ "任职资格", RB_F_QUALS }, { "任职要求", RB_F_QUALS },
	{ "任职条件", RB_F_QUALS }, { "权限", RB_F_AUTHORITIES },
	{ "职权", RB_F_AUTHORITIES }, { "工作关系", RB_F_RELATIONS },
	{ "绩效标准", RB_F_STANDARDS }, { "考核标准", RB_F_STANDARDS },
};

/* Does s[0..n) hold a sentence mark (。，；,;)?  (Not 、: a heading's
 * number has it, "业务员岗位职责与要求一、岗位职责".) */
static int
S_has_mark(const char *s, size_t n)
{
	const char *p, *e = s + n;

	if (memchr(s, ',', n) != NULL || memchr(s, ';', n) != NULL)
		return 1;
	for (p = s; (p = memchr(p, 0xE3, (size_t)(e - p))) != NULL; p++)
		if (e - p >= 3 && (unsigned char)p[1] == 0x80 &&
		    (unsigned char)p[2] == 0x82)
			return 1;		/* 。 */
	for (p = s; (p = memchr(p, 0xEF, (size_t)(e - p))) != NULL; p++)
		if (e - p >= 3 && (unsigned char)p[1] == 0xBC &&
		    ((unsigned char)p[2] == 0x8C || (unsigned char)p[2] == 0x9B))
			return 1;		/* ， ； */
	return 0;
}

/* Length of s[0..n) in simplified form ending in name, or 0. */
static size_t
S_suffix(const char *s, size_t n, const char *name)
{
	size_t nn = strlen(name), i;

	/* Traditional and simplified forms are both 3 bytes long. */
	if (nn >= n)
		return 0;
	i = n - nn;
	if (((unsigned char)s[i] & 0xC0) == 0x80 || !S_eq(s + i, nn, name))
		return 0;
	return nn;
}

int
rb_field_of_heading(const char *s, size_t n, size_t *toff, size_t *tlen)
{
	char last[3];
	size_t p, b, q, k, l;
	int f;

	p = rb_num_prefix(s, n, NULL);
	s += p;
	n -= p;
	b = utf8_blank_len(s, n);
	s += b;
	n = rb_strip_colon(s + 0, n - b);
	/* 【岗位职责】, as Word templates bracket a heading. */
	if (n >= 6 && memcmp(s, "【", 3) == 0 &&
	    memcmp(s + n - 3, "】", 3) == 0) {
		q = rb_num_prefix(s + 3, n - 6, NULL);
		s += 3 + q;
		b += 3 + q;
		n = rb_strip_colon(s, n - 6 - q);
	}
	if (toff != NULL)
		*toff = p + b;
	if (tlen != NULL)
		*tlen = n;
	if ((f = S_alias_of(s, n, 1)) >= 0)
		return f;
	/*
	 * "业务支持岗工作职责", "客服部质检员的职责": a role's or a
	 * department's name before the words that end a section's name.
	 * A name is short and holds no sentence mark: "业务员管理制度及行为
	 * 规范一、业务员管理制度1.业务员的岗位职责" (31 characters) and "…负
	 * 责。 二、权限" are text, not headings.
	 */
	if (n < 6 || ((unsigned char)s[n - 3] & 0xF0) != 0xE0 ||
	    n > 24 * 4 || utf8_count(s, n) > 24 || S_has_mark(s, n))
		return -1;
	S_foldbuf(s + n - 3, 3, last);	/* its last character first */
	for (k = 0; k < sizeof(S_tails) / sizeof(S_tails[0]); k++) {
		l = strlen(S_tails[k].w);
		if (memcmp(S_tails[k].w + l - 3, last, 3) == 0 &&
		    S_suffix(s, n, S_tails[k].w) > 0)
			return S_tails[k].f;
	}
	return -1;
}

/* What ends a job description's title line, longest first. */
static const char *const S_doc_tails[] = { "岗位职责说明书", "岗位说明书",
	"职位说明书", "职务说明书", "工作说明书", "说明书" };

/*
 * The words of a line s[0..n) written as a heading, in s[*b..*e): '#' and
 * bold, blanks, a trailing colon and 【】 around it taken off, and the
 * numbering too when num is set.  Returns 0 when nothing is left.
 */
static int
S_undecorate(const char *s, size_t n, int num, size_t *bp, size_t *ep)
{
	size_t b = 0;

	while (b < n && (s[b] == '#' || s[b] == '*'))
		b++;			/* "# 客服专员岗位说明书", bold */
	b += utf8_blank_len(s + b, n - b);
	if (num) {
		b += rb_num_prefix(s + b, n - b, NULL);
		b += utf8_blank_len(s + b, n - b);
	}
	while (n > b && (s[n - 1] == '*' || s[n - 1] == ' ' ||
	    s[n - 1] == '\t' || s[n - 1] == '\r'))
		n--;
	n = rb_strip_colon(s, n);
	if (n <= b)		/* blanks only (the strip passes b) */
		return 0;
	if (n - b >= 6 && memcmp(s + b, "【", 3) == 0 &&
	    memcmp(s + n - 3, "】", 3) == 0) {	/* 【一、基本资料】 */
		b += 3;
		n = rb_strip_colon(s, n - 3);
		if (n <= b)
			return 0;
		if (num) {
			b += rb_num_prefix(s + b, n - b, NULL);
			b += utf8_blank_len(s + b, n - b);
		}
	}
	*bp = b;
	*ep = n;
	return n > b;
}

int
rb_doc_title(const char *s, size_t n, size_t *off, size_t *len)
{
	size_t b, k, l, i;

	if (!S_undecorate(s, n, 0, &b, &n))
		return 0;
	if (n <= b || n - b > 90)	/* 30 characters at most */
		return 0;
	for (i = b; i + 3 <= n; i++)	/* a sentence is no title */
		if (memcmp(s + i, "。", 3) == 0 || memcmp(s + i, "，", 3) == 0 ||
		    memcmp(s + i, "；", 3) == 0)
			return 0;
	for (k = 0; k < sizeof(S_doc_tails) / sizeof(S_doc_tails[0]); k++) {
		if ((l = S_suffix(s + b, n - b, S_doc_tails[k])) == 0)
			continue;
		n -= l;
		if (n - b > 3 && memcmp(s + n - 3, "的", 3) == 0)
			n -= 3;
		while (n > b && (s[n - 1] == ' ' || s[n - 1] == '\t'))
			n--;
		if (n == b || S_eq(s + b, n - b, "岗位") ||
		    S_eq(s + b, n - b, "职位") || S_eq(s + b, n - b, "职务") ||
		    S_eq(s + b, n - b, "工作"))
			return 0;	/* "岗位说明书" alone names nobody */
		*off = b;
		*len = n - b;
		return 1;
	}
	return 0;
}

/* The names of a job description's basic-information part. */
static const char *const S_idents[] = { "基本资料", "基本信息", "基本情况",
	"岗位基本资料", "岗位基本信息", "岗位基本情况", "岗位标识",
	"岗位标识信息", "岗位信息", "岗位资料", "职位基本信息", "职位信息" };

int
rb_ident_heading(const char *s, size_t n)
{
	size_t b, k;

	if (!S_undecorate(s, n, 1, &b, &n))
		return 0;
	for (k = 0; k < sizeof(S_idents) / sizeof(S_idents[0]); k++)
		if (S_eq(s + b, n - b, S_idents[k]))
			return 1;
	return 0;
}

/* The last characters (UTF-8 bytes in a number) of the sections'
 * aliases and of S_tails that are three bytes long: S_ends_init. */
static uint32_t S_ends[128];
static size_t S_nends;
static pthread_once_t S_ends_once = PTHREAD_ONCE_INIT;

static uint32_t
S_u24(const char *p)
{
	return (uint32_t)(unsigned char)p[0] << 16 |
	    (uint32_t)(unsigned char)p[1] << 8 | (unsigned char)p[2];
}

static void
S_end_add(const char *w)
{
	size_t l = strlen(w), k;
	uint32_t e;

	if (l < 3 || ((unsigned char)w[l - 3] & 0xF0) != 0xE0)
		return;
	e = S_u24(w + l - 3);
	for (k = 0; k < S_nends; k++)
		if (S_ends[k] == e)
			return;
	if (S_nends < sizeof(S_ends) / sizeof(S_ends[0]))
		S_ends[S_nends++] = e;
	else
		S_nends = SIZE_MAX;	/* too many: every line may */
}

static void
S_ends_init(void)
{
	const char *const *a;
	size_t k;
	int f;

	for (f = 0; f < RB_F__MAX && S_nends != SIZE_MAX; f++)
		if (rb_fields[f].section)
			for (a = rb_fields[f].alias; *a; a++)
				S_end_add(*a);
	for (k = 0; k < sizeof(S_tails) / sizeof(S_tails[0]) &&
	    S_nends != SIZE_MAX; k++)
		S_end_add(S_tails[k].w);
}

int
rb_may_name_section(const char *s, size_t n)
{
	char last[3];
	uint32_t e;
	size_t k;

	n = rb_strip_colon(s, n);
	if (n >= 3 && memcmp(s + n - 3, "】", 3) == 0)
		n = rb_strip_colon(s, n - 3);
	if (n == 0)
		return 0;
	if (s[n - 1] == '.' || s[n - 1] == ';' || s[n - 1] == ',')
		return 0;
	if (n < 3 || ((unsigned char)s[n - 3] & 0xF0) != 0xE0)
		return 1;
	e = S_u24(s + n - 3);
	if (e == 0xE38082 || e == 0xE38081 || e == 0xEFBC9B || e == 0xEFBC8C)
		return 0;			/* 。、；， */
	if (e < 0xE4B880 || e > 0xE9BEBF)	/* not U+4E00..U+9FFF */
		return 1;
	S_foldbuf(s + n - 3, 3, last);
	e = S_u24(last);
	pthread_once(&S_ends_once, S_ends_init);
	if (S_nends == SIZE_MAX)
		return 1;
	for (k = 0; k < S_nends; k++)
		if (S_ends[k] == e)
			return 1;
	return 0;
}

const char *
rb_field_near(const char *s, size_t n, int keys, int *field, int maxdist)
{
	const char *best = NULL;
	const char *const *a;
	int f, d, bd = 99, nch = (int)utf8_count(s, n);

	if (maxdist == 0)
		maxdist = nch >= 8 ? 2 : 1;
	if (nch < 2)
		return NULL;
	for (f = 0; f < RB_F__MAX; f++) {
		if (rb_fields[f].section == keys)
			continue;
		if (keys && (d = rb_chardist(s, n, rb_fields[f].name)) < bd) {
			bd = d;
			best = rb_fields[f].name;
			*field = f;
		}
		for (a = rb_fields[f].alias; *a; a++)
			if ((d = rb_chardist(s, n, *a)) < bd) {
				bd = d;
				best = *a;
				*field = f;
			}
	}
	return bd <= maxdist ? best : NULL;
}

void
rb_words(void (*fn)(const char *, void *), void *arg)
{
	const char *const *a;
	const struct rb_itemdef *id;
	size_t k;
	int f, j;

	for (f = 0; f < RB_F__MAX; f++) {
		fn(rb_fields[f].name, arg);
		fn(rb_fields[f].label, arg);
		for (a = rb_fields[f].alias; *a; a++)
			fn(*a, arg);
		if ((id = rb_fields[f].item) == NULL)
			continue;
		for (j = 0; j < id->nattrs; j++) {
			fn(id->attrs[j].label, arg);
			for (a = id->attrs[j].alias; a != NULL && *a; a++)
				fn(*a, arg);
		}
	}
	for (k = 0; k < sizeof(S_tails) / sizeof(S_tails[0]); k++)
		fn(S_tails[k].w, arg);
	for (k = 0; k < sizeof(S_doc_tails) / sizeof(S_doc_tails[0]); k++)
		fn(S_doc_tails[k], arg);
	for (k = 0; k < sizeof(S_idents) / sizeof(S_idents[0]); k++)
		fn(S_idents[k], arg);
	for (k = 0; k < sizeof(S_derived) / sizeof(S_derived[0]); k++)
		fn(S_derived[k], arg);
	rb_model_words(fn, arg);
}

/* ---------------------------------------------------------- numbering */

/* Reads one code point of s[0..n) at *i, advancing; 0 at the end. */
static uint32_t
S_cp(const char *s, size_t n, size_t *i)
{
	uint32_t c;
	size_t l;

	if (*i >= n)
		return 0;
	l = utf8_decode(s + *i, n - *i, &c);
	*i += l ? l : 1;
	return c;
}

static int
S_cn_digit(uint32_t c)
{
	switch (c) {	/* 一二三四五六七八九十百零〇两 */
	case 0x4E00: case 0x4E8C: case 0x4E09: case 0x56DB: case 0x4E94:
	case 0x516D: case 0x4E03: case 0x516B: case 0x4E5D: case 0x5341:
	case 0x767E: case 0x96F6: case 0x3007: case 0x4E24:
		return 1;
	default:
		return 0;
	}
}

/* Is c a bullet a list pasted from Word starts its lines with? */
static int
S_bullet(uint32_t c)
{
	static const uint32_t b[] = { 0x2022, 0x25CF, 0x25A0, 0x25C6, 0x25AA,
	    0x25CB, 0x25C7, 0x25A1, 0x2605, 0x2606, 0x27A2, 0x25BA, 0x25B6,
	    0x2713 };	/* • ● ■ ◆ ▪ ○ ◇ □ ★ ☆ ➢ ► ▶ ✓ */
	size_t k;

	for (k = 0; k < sizeof(b) / sizeof(b[0]); k++)
		if (c == b[k])
			return 1;
	return 0;
}

static int
S_digit(uint32_t c)
{
	return (c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19);
}

/*
 * Reads a run of digits (cn: Chinese numerals) of 1 to 4 characters at
 * *i; returns 1 when there was one.
 */
static int
S_number(const char *s, size_t n, size_t *i, int cn)
{
	size_t j = *i, k = j;
	int count = 0;
	uint32_t c;

	while (count < 5) {
		k = j;
		c = S_cp(s, n, &k);
		if (c == 0 || !(cn ? S_cn_digit(c) : S_digit(c)))
			break;
		j = k;
		count++;
	}
	if (count == 0 || count > 4)
		return 0;
	*i = j;
	return 1;
}

static size_t	S_num_prefix(const char *, size_t, enum rb_numkind *);

size_t
rb_num_prefix(const char *s, size_t n, enum rb_numkind *kind)
{
	size_t b, l;

	/* "　　1、…": full-width spaces (or tabs) indent a pasted line. */
	b = utf8_blank_len(s, n);
	if ((l = S_num_prefix(s + b, n - b, kind)) == 0)
		return 0;
	return b + l;
}

static size_t
S_num_prefix(const char *s, size_t n, enum rb_numkind *kind)
{
	enum rb_numkind k = RB_NUM_NONE;
	size_t i = 0, j;
	uint32_t c, open;
	int cn;

	j = 0;
	c = S_cp(s, n, &j);
	/* Most lines start with a letter or a Han character that numbers
	 * nothing: refused before the bullets and the numerals are tried. */
	if (c < 0x80 ? c != '(' && !(c >= '0' && c <= '9') :
	    c >= 0x4E00 && c <= 0x9FFF && c != 0x7B2C && !S_cn_digit(c))
		return 0;
	if (S_bullet(c)) {				/* • ● ■ … */
		k = RB_NUM_BULLET;
		i = j;
	} else if (c >= 0x2460 && c <= 0x2473) {	/* ① … ⑳ */
		k = RB_NUM_CIRCLED;
		i = j;
	} else if (c >= 0x2474 && c <= 0x2487) {	/* ⑴ … ⒇ */
		k = RB_NUM_DIGIT_PAREN;
		i = j;
	} else if (c >= 0x2488 && c <= 0x249B) {	/* ⒈ … ⒛ */
		k = RB_NUM_DIGIT_DOT;
		i = j;
	} else if (c == '(' || c == 0xFF08) {		/* (1) （一） */
		open = c;
		i = j;
		i += utf8_blank_len(s + i, n - i);
		cn = !S_number(s, n, &i, 0);
		if (cn && !S_number(s, n, &i, 1))
			return 0;
		i += utf8_blank_len(s + i, n - i);
		j = i;
		c = S_cp(s, n, &j);
		if (c != ')' && c != 0xFF09)
			return 0;
		(void)open;
		i = j;
		k = cn ? RB_NUM_CN_PAREN : RB_NUM_DIGIT_PAREN;
	} else if (c == 0x7B2C) {			/* 第…条 */
		i = j;
		if (!S_number(s, n, &i, 1) && !S_number(s, n, &i, 0))
			return 0;
		j = i;
		c = S_cp(s, n, &j);
		if (c == 0x6761 || c == 0x7AE0 || c == 0x8282)	/* 条章节 */
			i = j;
		else if (c == 0x90E8 && S_cp(s, n, &j) == 0x5206)
			i = j;				/* 部分 */
		else
			return 0;
		k = RB_NUM_ARTICLE;
		j = i;
		c = S_cp(s, n, &j);
		if (c == 0x3001 || c == 0xFF1A || c == ':')	/* 、：: */
			i = j;
	} else {
		cn = S_cn_digit(c);
		if (!cn && !S_digit(c))
			return 0;	/* most text: no number */
		if (!S_number(s, n, &i, cn))
			return 0;
		i += utf8_blank_len(s + i, n - i);
		j = i;
		c = S_cp(s, n, &j);
		if (c == 0x3001)				/* 、 */
			k = cn ? RB_NUM_CN_DUN : RB_NUM_DIGIT_DUN;
		else if (c == 0xFF0E || (c == '.' && !cn))	/* ． . */
			k = cn ? RB_NUM_CN_DUN : RB_NUM_DIGIT_DOT;
		else if ((c == ')' || c == 0xFF09) && !cn)	/* ) ） */
			k = RB_NUM_DIGIT_RPAREN;
		else
			return 0;
		/* "1.5" is a number, not a prefix. */
		if (c == '.' && j < n && isdigit((unsigned char)s[j]))
			return 0;
		i = j;
	}
	i += utf8_blank_len(s + i, n - i);
	if (kind != NULL)
		*kind = k;
	return i;
}

/* Value of Chinese numeral c (一 … 九, 〇 零 0, 两 2), or -1. */
static int
S_cn_value(uint32_t c)
{
	static const uint32_t d[] = { 0x3007, 0x4E00, 0x4E8C, 0x4E09,
	    0x56DB, 0x4E94, 0x516D, 0x4E03, 0x516B, 0x4E5D };	/* 〇一…九 */
	int k;

	for (k = 0; k < 10; k++)
		if (c == d[k])
			return k;
	return c == 0x96F6 ? 0 : c == 0x4E24 ? 2 : -1;	/* 零 两 */
}

int
rb_num_value(const char *s, size_t n, size_t *end)
{
	size_t i = utf8_blank_len(s, n), j;
	uint32_t c;
	int v = 0, cur = -1, d;

	j = i;
	c = S_cp(s, n, &j);
	if (c >= 0x2460 && c <= 0x249B) {	/* ① … ⑳, ⑴ … ⒇, ⒈ … ⒛ */
		if (end != NULL)
			*end = j;
		return (int)((c - 0x2460) % 20) + 1;
	}
	if (c == '(' || c == 0xFF08 || c == 0x7B2C) {	/* ( （ 第 */
		i = j;
		i += utf8_blank_len(s + i, n - i);
	}
	for (;; i = j) {
		j = i;
		c = S_cp(s, n, &j);
		if (S_digit(c)) {
			d = (int)(c >= 0xFF10 ? c - 0xFF10 : c - '0');
			cur = cur < 0 ? d : cur * 10 + d;
		} else if ((d = S_cn_value(c)) >= 0)
			cur = cur < 0 ? d : cur * 10 + d;	/* 一〇 */
		else if (c == 0x5341 || c == 0x767E) {		/* 十 百 */
			v += (cur < 0 ? 1 : cur) * (c == 0x5341 ? 10 : 100);
			cur = 0;
		} else
			break;
		if (v > 9999 || cur > 9999)
			return -1;
	}
	if (cur < 0 && v == 0)
		return -1;
	if (end != NULL)
		*end = i;
	return v + (cur < 0 ? 0 : cur);
}

int
rb_decimal_valid(const char *s)
{
	size_t i = 0, d = 0;

	for (; s[i] >= '0' && s[i] <= '9'; i++)
		d++;
	if (d == 0)
		return 0;
	if (s[i] == '.') {
		for (i++, d = 0; s[i] >= '0' && s[i] <= '9'; i++)
			d++;
		if (d == 0)
			return 0;
	}
	return s[i] == '\0';
}

size_t
rb_strip_colon(const char *s, size_t n)
{
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (n >= 3 && memcmp(s + n - 3, "\xEF\xBC\x9A", 3) == 0)	/* ： */
		n -= 3;
	else if (n >= 1 && s[n - 1] == ':')
		n--;
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return n;
}

int
rb_chardist(const char *a, size_t an, const char *b)
{
	uint32_t x[33], y[33];
	int row[34], nx = 0, ny = 0, i, j, prev, cur;
	size_t k, bn = strlen(b), l;

	for (k = 0; k < an && nx < 33; k += l ? l : 1)
		l = utf8_decode(a + k, an - k, &x[nx++]);
	for (k = 0; k < bn && ny < 33; k += l ? l : 1)
		l = utf8_decode(b + k, bn - k, &y[ny++]);
	if (nx > 32 || ny > 32)
		return 99;
	for (i = 0; i < nx; i++)
		x[i] = x[i] < 128 ? (uint32_t)tolower((int)x[i]) :
		    rb_simplify(x[i]);
	for (j = 0; j < ny; j++)
		if (y[j] < 128)
			y[j] = (uint32_t)tolower((int)y[j]);
	for (j = 0; j <= ny; j++)
		row[j] = j;
	for (i = 1; i <= nx; i++) {
		prev = row[0];
		row[0] = i;
		for (j = 1; j <= ny; j++) {
			cur = row[j];
			row[j] = prev + (x[i - 1] != y[j - 1]);
			if (row[j - 1] + 1 < row[j])
				row[j] = row[j - 1] + 1;
			if (cur + 1 < row[j])
				row[j] = cur + 1;
			prev = cur;
		}
	}
	return row[ny];
}
