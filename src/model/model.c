/*
 * model.c — lifetimes, array growth, lookups, equality and enum names for
 * the content model (model.h).
 */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <locale.h>
#include <pthread.h>
#include <wctype.h>
#include "../util/util.h"
#include "model.h"
#include "fields.h"
#include "msg.h"

const char *const rb_relkind_name[RB_REL__MAX] = {
	"supervised-by", "supervises", "cooperates", "guides", "internal",
	"external" };
const char *const rb_relkind_label[RB_REL__MAX] = {
	"所受监督", "所施监督", "合作关系", "所施指导", "内部协调", "外部协调" };
const char *const rb_qualkind_name[RB_QUAL__MAX] = {
	"education", "experience", "skill", "certificate", "other" };
const char *const rb_qualkind_label[RB_QUAL__MAX] = {
	"学历", "经验", "技能", "证书", "其他" };
const char *const rb_freq_name[RB_FREQ__MAX] = {
	"daily", "weekly", "monthly", "quarterly", "yearly" };
const char *const rb_freq_label[RB_FREQ__MAX] = {
	"每日", "每周", "每月", "每季度", "每年" };
const char *const rb_metric_name[RB_METRIC__MAX] = {
	"invitations", "design_agreements", "visits", "contracts",
	"prospects", "signed" };
const char *const rb_metric_label[RB_METRIC__MAX] = {
	"有效客户邀约", "设计协议", "客户上门", "签单", "准客户", "签单额" };
const char *const rb_period_name[RB_PERIOD__MAX] = {
	"month", "quarter", "year" };
const char *const rb_period_label[RB_PERIOD__MAX] = {
	"每月", "每季度", "每年" };

int
rb_name_index(const char *const *names, int n, const char *s)
{
	int i;

	for (i = 0; s != NULL && i < n; i++)
		if (strcmp(names[i], s) == 0)
			return i;
	return -1;
}

/* Aliases: canonical name first, then every accepted spelling. */
static const char *const S_rel_alias[RB_REL__MAX][8] = {
	{ "supervised-by", "所受监督", "受监督", "直接上级", "Supervised by",
	  NULL },
	{ "supervises", "所施监督", "施监督", "直接下级", "直接下属",
	  "Supervises", NULL },
	{ "cooperates", "合作关系", "合作", "协作关系", "协作",
	  "Cooperates with", "Cooperation", NULL },
	{ "guides", "所施指导", "施指导", "Guides", NULL },
	{ "internal", "内部协调", "内部协调关系", "内部关系",
	  "Internal coordination", NULL },
	{ "external", "外部协调", "外部协调关系", "外部关系",
	  "External coordination", NULL },
};
static const char *const S_qual_alias[RB_QUAL__MAX][8] = {
	{ "education", "学历", "教育背景", "学历要求", "Education", NULL },
	{ "experience", "经验", "工作经验", "经历", "Experience", NULL },
	{ "skill", "技能", "能力", "技能要求", "Skill", "Skills", NULL },
	{ "certificate", "证书", "资格证书", "Certificate", "Certificates", NULL },
	{ "other", "其他", "Other", NULL },
};
static const char *const S_freq_alias[RB_FREQ__MAX][8] = {
	{ "daily", "每日", "每天", "日", "日报", "Daily", NULL },
	{ "weekly", "每周", "周", "周报", "Weekly", NULL },
	{ "monthly", "每月", "月", "月报", "Monthly", NULL },
	{ "quarterly", "每季度", "每季", "季度", "季报", "Quarterly", NULL },
	{ "yearly", "每年", "年", "年度", "年报", "Yearly", NULL },
};
/* Words that tell a qualification's kind (rb_qualkind_infer). */
static const char *const S_qual_words[RB_QUAL_OTHER][12] = {
	{ "学历", "专业", "毕业", "大专", "本科", "中专", "高中", "硕士",
	  "博士", "学位", NULL },
	{ "经验", "年以上", "工作经历", "从业", NULL },
	{ "能力", "熟悉", "掌握", "熟练", "精通", "技能", "善于", "了解",
	  NULL },
	{ "资格证", "证书", "证", NULL },
};
void
rb_model_words(void (*fn)(const char *, void *), void *arg)
{
	size_t i, k;

	for (i = 0; i < RB_REL__MAX; i++)
		for (k = 0; S_rel_alias[i][k] != NULL; k++)
			fn(S_rel_alias[i][k], arg);
	for (i = 0; i < RB_QUAL__MAX; i++)
		for (k = 0; S_qual_alias[i][k] != NULL; k++)
			fn(S_qual_alias[i][k], arg);
	for (i = 0; i < RB_FREQ__MAX; i++)
		for (k = 0; S_freq_alias[i][k] != NULL; k++)
			fn(S_freq_alias[i][k], arg);
	for (i = 0; i < RB_QUAL_OTHER; i++)
		for (k = 0; S_qual_words[i][k] != NULL; k++)
			fn(S_qual_words[i][k], arg);
}

static int
S_match(const char *const *alias, const char *s, size_t n)
{
	for (; *alias; alias++)
		if (rb_name_eq(s, n, *alias))
			return 1;
	return 0;
}

int
rb_relkind_parse(const char *s, size_t n)
{
	int i;

	for (i = 0; i < RB_REL__MAX; i++)
		if (S_match(S_rel_alias[i], s, n))
			return i;
	return -1;
}

int
rb_qualkind_parse(const char *s, size_t n)
{
	int i;

	for (i = 0; i < RB_QUAL__MAX; i++)
		if (S_match(S_qual_alias[i], s, n))
			return i;
	return -1;
}

int
rb_freq_parse(const char *s, size_t n)
{
	int i;

	for (i = 0; i < RB_FREQ__MAX; i++)
		if (S_match(S_freq_alias[i], s, n))
			return i;
	return -1;
}

int
rb_qualkind_infer(const char *s, size_t n)
{
	const char *p, *best = NULL;
	char buf[512];
	size_t i, l;
	uint32_t cp;
	int k, w, kind = RB_QUAL_OTHER;

	/* The words are matched in the text's simplified form (學歷: 学历);
	 * the forms fold within 3 bytes, so positions stay. */
	if (n > sizeof(buf))
		n = sizeof(buf);
	memcpy(buf, s, n);
	for (i = 0; i < n; i += l ? l : 1) {
		l = utf8_decode(buf + i, n - i, &cp);
		if (l == 3 && (cp = rb_simplify(cp)) >= 0x800) {
			buf[i] = (char)(0xE0 | (cp >> 12));
			buf[i + 1] = (char)(0x80 | ((cp >> 6) & 0x3F));
			buf[i + 2] = (char)(0x80 | (cp & 0x3F));
		}
	}
	s = buf;
	for (k = 0; k < RB_QUAL_OTHER; k++)
		for (w = 0; S_qual_words[k][w] != NULL; w++)
			if ((p = memmem(s, n, S_qual_words[k][w],
			    strlen(S_qual_words[k][w]))) != NULL &&
			    (best == NULL || p < best)) {
				best = p;
				kind = k;
			}
	return kind;
}

/* The C.UTF-8 locale of glibc: Unicode character classes for ids. */
static locale_t S_utf8_loc;
static pthread_once_t S_utf8_once = PTHREAD_ONCE_INIT;

static void
S_utf8_init(void)
{
	S_utf8_loc = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
}

/* Is code point cp (>= 0x80) a letter or digit of some script? */
static int
S_alnum(uint32_t cp)
{
	pthread_once(&S_utf8_once, S_utf8_init);
	if (S_utf8_loc != (locale_t)0)
		return iswalnum_l((wint_t)cp, S_utf8_loc) != 0;
	/* No C.UTF-8 (not a glibc system): CJK ideographs only. */
	return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 &&
	    cp <= 0x4DBF);
}

int
rb_slug_valid(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || n > 64 || s[0] == '-' || s[n - 1] == '-')
		return 0;
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
			return 0;
	return 1;
}

int
rb_id_valid(const char *s, size_t n)
{
	size_t i, l, nch = 0;
	uint32_t cp;

	if (n == 0 || s[0] == '-' || s[n - 1] == '-')
		return 0;
	for (i = 0; i < n; i += l) {
		if ((l = utf8_decode(s + i, n - i, &cp)) == 0)
			return 0;
		if (++nch > 64)
			return 0;
		if (cp == '-' || cp == '_')
			continue;
		if (cp < 0x80) {
			if (!isalnum((int)cp))
				return 0;
			continue;
		}
		/* Letters and digits of any script. */
		if (!S_alnum(cp))
			return 0;
	}
	return 1;
}

char *
rb_path_stem(const char *path)
{
	const char *base = strrchr(path, '/'), *dot;

	base = base ? base + 1 : path;
	dot = strrchr(base, '.');
	return xstrndup(base, dot ? (size_t)(dot - base) : strlen(base));
}

void
rb_role_default_id(struct diag *d, struct rb_role *r, const struct rb_pos *p)
{
	char *stem;

	if (r->id != NULL)
		return;
	stem = rb_path_stem(r->path);
	r->pos = *p;
	if (!rb_id_valid(stem, strlen(stem))) {
		rb_msg(d, MSG_E_STEM_NOT_ID, p, stem);
		free(stem);
		r->id = xstrdup("");
		return;
	}
	r->id = stem;
}

void
rb_str_set(struct rb_str *d, const char *s, size_t n, const struct rb_pos *pos)
{
	free(d->s);
	d->s = xstrndup(s, n);
	if (pos)
		d->pos = *pos;
}

void
rb_str_free(struct rb_str *d)
{
	free(d->s);
	d->s = NULL;
}

struct rb_role *
rb_role_new(const char *path)
{
	struct rb_role *r = xcalloc(1, sizeof(*r));

	r->path = xstrdup(path);
	r->headcount = -1;
	return r;
}

/* Grows an array of elements of size sz by one, zeroing the new one; the
 * room doubles (xgrow), so that n additions cost n, whatever realloc does
 * (150,000 targets grown one by one took a minute under ASan). */
static void *
S_add(void *pp, size_t *n, size_t sz)
{
	void **p = pp;
	char *a;

	a = xgrow(*p, *n, sz);
	memset(a + *n * sz, 0, sz);
	*p = a;
	return a + (*n)++ * sz;
}

struct rb_duty *
rb_role_add_duty(struct rb_role *r)
{
	return rb_list_add(r, rb_fields[RB_F_DUTIES].item);
}

struct rb_target *
rb_role_add_target(struct rb_role *r)
{
	return rb_list_add(r, rb_fields[RB_F_TARGETS].item);
}

struct rb_section *
rb_role_add_section(struct rb_role *r)
{
	return S_add(&r->sections, &r->nsections, sizeof(struct rb_section));
}

struct rb_dept *
rb_org_add_dept(struct rb_org *o)
{
	return S_add(&o->depts, &o->ndepts, sizeof(struct rb_dept));
}

void
rb_role_free(struct rb_role *r)
{
	const struct rb_itemdef *id;
	size_t i;
	int f;

	if (r == NULL)
		return;
	free(r->id);
	free(r->path);
	rb_str_free(&r->title);
	rb_str_free(&r->department);
	rb_str_free(&r->level);
	rb_str_free(&r->reports_to);
	rb_str_free(&r->headcount_s);
	rb_str_free(&r->summary);
	for (f = 0; f < RB_F__MAX; f++) {
		if ((id = rb_fields[f].item) == NULL)
			continue;
		for (i = 0; i < rb_list_len(r, id); i++)
			rb_item_free(rb_list_item(r, id, i), id);
		free(*(void **)(void *)((char *)r + id->aoff));
	}
	for (i = 0; i < r->nsections; i++) {
		rb_str_free(&r->sections[i].title);
		rb_str_free(&r->sections[i].body);
	}
	free(r->sections);
	free(r->subs);
	free(r);
}

void
rb_org_clear(struct rb_org *o)
{
	size_t i;

	free(o->path);
	rb_str_free(&o->company);
	rb_str_free(&o->title);
	rb_str_free(&o->version);
	rb_str_free(&o->effective);
	rb_str_free(&o->confidentiality);
	for (i = 0; i < o->ndepts; i++) {
		free(o->depts[i].id);
		free(o->depts[i].name);
		free(o->depts[i].parent);
		free(o->depts[i].children);
		free(o->depts[i].roles);
	}
	free(o->depts);
	memset(o, 0, sizeof(*o));
}

void
rb_site_free(struct rb_site *s)
{
	size_t i;

	rb_org_clear(&s->org);
	for (i = 0; i < s->nroles; i++)
		rb_role_free(s->roles[i]);
	free(s->roles);
	for (i = 0; i < s->nfiles; i++)
		free(s->files[i]);
	free(s->files);
	for (i = 0; i < s->nbroken; i++)
		free(s->broken[i]);
	free(s->broken);
	free(s->dir);
	memset(s, 0, sizeof(*s));
}

const char *
rb_site_intern(struct rb_site *s, const char *path)
{
	size_t i, stop = s->nfiles > 8 ? s->nfiles - 8 : 0;

	/* Only the most recent entries: a path is interned right after it is
	 * first seen, and a full scan would make loading quadratic. */
	for (i = s->nfiles; i > stop; i--)
		if (strcmp(s->files[i - 1], path) == 0)
			return s->files[i - 1];
	s->files = xreallocarray(s->files, s->nfiles + 1, sizeof(char *));
	s->files[s->nfiles] = xstrdup(path);
	return s->files[s->nfiles++];
}

int
rb_site_broken(const struct rb_site *s, const char *id)
{
	size_t lo = 0, hi = s->nbroken, mid;
	int c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		c = strcmp(id, s->broken[mid]);
		if (c == 0)
			return 1;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return 0;
}

struct rb_role *
rb_site_role(const struct rb_site *s, const char *id)
{
	size_t lo = 0, hi = s->nroles, mid;
	int c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		c = strcmp(id, s->roles[mid]->id);
		if (c == 0)
			return s->roles[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

struct rb_dept *
rb_org_dept(const struct rb_org *o, const char *id)
{
	size_t i;

	for (i = 0; i < o->ndepts; i++)
		if (strcmp(o->depts[i].id, id) == 0)
			return &o->depts[i];
	return NULL;
}

/* Equality of two optional strings. */
static int
S_seq(const struct rb_str *a, const struct rb_str *b)
{
	if (a->s == NULL || b->s == NULL)
		return a->s == b->s;
	return strcmp(a->s, b->s) == 0;
}

static int
S_cseq(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

#define DIFF(cond, what) do {			\
	if (!(cond)) {				\
		if (why)			\
			*why = (what);		\
		return 0;			\
	}					\
} while (0)

int
rb_role_equal(const struct rb_role *a, const struct rb_role *b,
    const char **why)
{
	const struct rb_itemdef *id;
	const char *w;
	size_t i;
	int f;

	DIFF(S_cseq(a->id, b->id), "id");
	DIFF(S_seq(&a->title, &b->title), "title");
	DIFF(S_seq(&a->department, &b->department), "department");
	DIFF(S_seq(&a->level, &b->level), "level");
	DIFF(S_seq(&a->reports_to, &b->reports_to), "reports_to");
	DIFF(a->headcount == b->headcount, "headcount");
	DIFF(S_seq(&a->summary, &b->summary), "summary");
	/* The lists, by the field table: a difference in an item is named
	 * by the list's field (duties) when why is the item's. */
	for (f = 0; f < RB_F__MAX; f++) {
		if ((id = rb_fields[f].item) == NULL)
			continue;
		DIFF(rb_list_len(a, id) == rb_list_len(b, id), rb_fields[f].name);
		for (i = 0; i < rb_list_len(a, id); i++)
			DIFF(rb_item_equal(rb_list_item(a, id, i),
			    rb_list_item(b, id, i), id, &w), rb_fields[f].name);
	}
	DIFF(a->nsections == b->nsections, "number of sections");
	for (i = 0; i < a->nsections; i++) {
		DIFF(S_seq(&a->sections[i].title, &b->sections[i].title),
		    "section title");
		DIFF(S_seq(&a->sections[i].body, &b->sections[i].body),
		    "section body");
	}
	return 1;
}
