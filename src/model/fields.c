/*
 * fields.c — the field table of a role and the recognisers of numbered
 * headings and items (fields.h).  Adding a scalar field is one row here
 * plus its member in struct rb_role and its tests: the loaders, the
 * rules (src/validate/role.c), the export and the template data walk the
 * table.
 */
#include <ctype.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>
#include "../util/util.h"
#include "model.h"
#include "fields.h"

#define A(...)	((const char *const []){ __VA_ARGS__, NULL })
#define O(m)	offsetof(struct rb_role, m)

const struct rb_fielddef rb_fields[RB_F__MAX] = {
	{ "id", NULL, "岗位编号", RB_FK_ID, 0, 0,
	  A("岗位编号", "编号", "岗位代码", "代码", "ID"), 0, 0 },
	{ "title", "title", "岗位名称", RB_FK_TEXT, 1, 0,
	  A("岗位名称", "职位名称", "名称", "岗位", "职位", "Title"),
	  O(title), 0 },
	{ "department", "department", "所属部门", RB_FK_DEPT, 1, 0,
	  A("所属部门", "隶属部门", "部门", "所在部门", "Department"),
	  O(department), 0 },
	{ "level", "level", "岗位级别", RB_FK_TEXT, 0, 0,
	  A("岗位级别", "级别", "岗位等级", "职级", "Level"), O(level), 0 },
	{ "reports_to", "reports-to", "直接上级", RB_FK_ROLE, 0, 0,
	  A("直接上级", "上级", "汇报对象", "直属上级", "reports-to",
	  "Reports to"), O(reports_to), 0 },
	{ "headcount", "headcount", "编制", RB_FK_INT, 0, 0,
	  A("编制", "岗位编制", "编制人数", "定员", "人数", "Headcount"),
	  O(headcount_s), O(headcount) },
	{ "targets", "targets", "考核指标", RB_FK_TARGETS, 0, 0,
	  A("考核指标", "指标", "目标", "Targets"), 0, 0 },
	{ "summary", "summary", "岗位概述", RB_FK_RICH, 0, 1,
	  A("岗位概述", "岗位工作概述", "工作概述", "职位概要", "岗位目的",
	  "岗位概要", "职位概述", "岗位描述", "概述", "Summary"),
	  O(summary), 0 },
	{ "duties", "duties", "工作职责", RB_FK_LIST, 1, 1,
	  A("工作职责", "岗位职责", "主要职责", "工作内容", "职位描述",
	  "工作职责与任务", "职责", "职责描述", "主要工作职责", "Duties",
	  "Responsibilities"), 0, 0 },
	{ "standards", "standards", "绩效标准", RB_FK_LIST, 0, 1,
	  A("绩效标准", "工作绩效标准", "考核标准", "绩效考核标准", "工作标准",
	  "Performance standards", "Standards"), 0, 0 },
	{ "relations", "relations", "工作关系", RB_FK_LIST, 0, 1,
	  A("工作关系", "岗位工作关系", "Working relations", "Relations"),
	  0, 0 },
	{ "authorities", "authorities", "工作权限", RB_FK_LIST, 0, 1,
	  A("工作权限", "岗位权限", "岗位职权", "职权", "权限", "岗位工作权限",
	  "Authorities"), 0, 0 },
	{ "qualifications", "qualifications", "任职资格", RB_FK_LIST, 0, 1,
	  A("任职资格", "任职要求", "任职条件", "岗位要求", "Qualifications"),
	  0, 0 },
	{ "reports", "reports", "报表", RB_FK_LIST, 0, 1,
	  A("报表", "具体表格", "报送报表", "Reports"), 0, 0 },
};

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

/* c with ASCII letters lowered (no locale look-up: this runs for every
 * key and heading against every alias). */
static inline unsigned char
S_fold(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
}

/* Does s[0..n) equal name, ASCII case folded? */
static int
S_eq(const char *s, size_t n, const char *name)
{
	unsigned char a, b;
	size_t i;

	/* Bytes from 0x80 on (Chinese) compare exactly, ASCII folded; s
	 * holds no NUL, so a match means name has n bytes. */
	for (i = 0; i < n; i++) {
		a = (unsigned char)s[i];
		b = (unsigned char)name[i];
		if (a != b && (b == '\0' || a >= 0x80 || S_fold(a) != S_fold(b)))
			return 0;
	}
	return name[n] == '\0';
}

int
rb_field_of_key(const char *s, size_t n)
{
	const char *const *a;
	int f;

	for (f = 0; f < RB_F__MAX; f++) {
		if (rb_fields[f].section)
			continue;
		if (S_eq(s, n, rb_fields[f].name))
			return f;
		for (a = rb_fields[f].alias; *a; a++)
			if (S_eq(s, n, *a))
				return f;
	}
	return -1;
}

int
rb_field_of_heading(const char *s, size_t n, size_t *toff, size_t *tlen)
{
	const char *const *a;
	size_t p, b;
	int f;

	p = rb_num_prefix(s, n, NULL);
	s += p;
	n -= p;
	b = rb_blank_len(s, n);
	s += b;
	n = rb_strip_colon(s + 0, n - b);
	if (toff != NULL)
		*toff = p + b;
	if (tlen != NULL)
		*tlen = n;
	for (f = 0; f < RB_F__MAX; f++) {
		if (!rb_fields[f].section)
			continue;
		for (a = rb_fields[f].alias; *a; a++)
			if (S_eq(s, n, *a))
				return f;
	}
	return -1;
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
	static const uint32_t d[] = { 0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94,
	    0x516D, 0x4E03, 0x516B, 0x4E5D, 0x5341, 0x767E, 0x96F6, 0x3007,
	    0x4E24 };	/* 一二三四五六七八九十百零〇两 */
	size_t k;

	for (k = 0; k < sizeof(d) / sizeof(d[0]); k++)
		if (c == d[k])
			return 1;
	return 0;
}

static int
S_digit(uint32_t c)
{
	return (c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19);
}

size_t
rb_blank_len(const char *s, size_t n)
{
	size_t i = 0, j;
	uint32_t c;

	for (;;) {
		j = i;
		c = S_cp(s, n, &j);
		if (c != ' ' && c != '\t' && c != 0x3000 && c != 0xA0)
			return i;
		i = j;
	}
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

size_t
rb_num_prefix(const char *s, size_t n, enum rb_numkind *kind)
{
	enum rb_numkind k = RB_NUM_NONE;
	size_t i = 0, j;
	uint32_t c, open;
	int cn;

	j = 0;
	c = S_cp(s, n, &j);
	if (c >= 0x2460 && c <= 0x2473) {		/* ① … ⑳ */
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
		i += rb_blank_len(s + i, n - i);
		cn = !S_number(s, n, &i, 0);
		if (cn && !S_number(s, n, &i, 1))
			return 0;
		i += rb_blank_len(s + i, n - i);
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
		i += rb_blank_len(s + i, n - i);
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
	i += rb_blank_len(s + i, n - i);
	if (kind != NULL)
		*kind = k;
	return i;
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
		if (x[i] < 128)
			x[i] = (uint32_t)tolower((int)x[i]);
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
