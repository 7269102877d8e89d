/*
 * model.h — the content model: one organisation and its roles, loaded from
 * org.xml and roles/<id>.md|.xml (src/load), checked by src/validate, read by
 * the exporter, the templates and the sales engine.  See
 * docs/content-format.md for the file formats.
 *
 * Ownership: a struct rb_site owns everything below it; rb_site_free()
 * frees it all.  Every string is NUL-terminated UTF-8 (validated by the
 * loaders).  "Rich" fields hold a canonical fragment of the XHTML subset
 * described in docs/content-format.md (already escaped; inline or block, see
 * each field); "plain" fields hold unescaped text.
 */
#ifndef RB_MODEL_H
#define RB_MODEL_H

#include <stddef.h>
#include "../util/diag.h"

/* A string with where it came from.  s is NULL when absent. */
struct rb_str {
	char		*s;
	struct rb_pos	 pos;
};

struct rb_duty {
	struct rb_str	 text;		/* rich, inline */
	int		 share;		/* % of working time, -1 if not given
					 * or not valid; from share_s */
	struct rb_str	 share_s;	/* as written (30, 30%); checked by
					 * val_role() */
	struct rb_str	 frequency;	/* plain, free text (每日, 每周, …) */
	/* Its sub-list: （1） … under 1、 …, rich inline each. */
	struct rb_str	*subs;		size_t nsubs;
};

/* An item that is text alone (a standard, an authority). */
struct rb_item {
	struct rb_str	 text;		/* rich, inline */
	/* Its sub-list: （1） … under 1、 …, rich inline each. */
	struct rb_str	*subs;		size_t nsubs;
};

struct rb_target {
	struct rb_str	 metric;	/* [a-z0-9_]+, e.g. invitations */
	struct rb_str	 value;		/* decimal number as written, e.g. "6" */
	struct rb_str	 unit;		/* plain, e.g. 次; may be absent */
	struct rb_str	 period;	/* month|quarter|year */
	struct rb_pos	 pos;
};

enum rb_relkind {
	RB_REL_SUPERVISED_BY,	/* 所受监督 */
	RB_REL_SUPERVISES,	/* 所施监督 */
	RB_REL_COOPERATES,	/* 合作关系, 协作关系 */
	RB_REL_GUIDES,		/* 所施指导 */
	RB_REL_INTERNAL,	/* 内部协调 */
	RB_REL_EXTERNAL,	/* 外部协调 */
	RB_REL__MAX
};

struct rb_relation {
	enum rb_relkind	 kind;
	struct rb_str	 text;		/* rich, inline */
	struct rb_str	*subs;		size_t nsubs;	/* its sub-list */
};

enum rb_qualkind {
	RB_QUAL_EDUCATION,
	RB_QUAL_EXPERIENCE,
	RB_QUAL_SKILL,
	RB_QUAL_CERTIFICATE,
	RB_QUAL_OTHER,		/* unclassified (其他), or its own label */
	RB_QUAL__MAX
};

struct rb_qual {
	enum rb_qualkind kind;
	struct rb_str	 label;		/* plain, its own label (年龄); may be
					 * absent */
	struct rb_str	 text;		/* rich, inline */
	struct rb_str	*subs;		size_t nsubs;	/* its sub-list */
};

enum rb_freq {
	RB_FREQ_DAILY,
	RB_FREQ_WEEKLY,
	RB_FREQ_MONTHLY,
	RB_FREQ_QUARTERLY,
	RB_FREQ_YEARLY,
	RB_FREQ__MAX
};

/* A target's metric: what the monthly sales report counts
 * (src/sales/engine.c); a role may name another (warned). */
enum rb_metric {
	RB_METRIC_INVITATIONS,
	RB_METRIC_DESIGN_AGREEMENTS,
	RB_METRIC_VISITS,
	RB_METRIC_CONTRACTS,
	RB_METRIC_PROSPECTS,
	RB_METRIC_SIGNED,
	RB_METRIC__MAX
};

/* A target's period. */
enum rb_period {
	RB_PERIOD_MONTH,
	RB_PERIOD_QUARTER,
	RB_PERIOD_YEAR,
	RB_PERIOD__MAX
};

struct rb_report {
	struct rb_str	 name;		/* plain: 周客户上门情况进度表 */
	enum rb_freq	 frequency;
	struct rb_str	 due;		/* plain, free text: 周六, 每月5日 */
	struct rb_str	 to;		/* a role id or unique title */
	struct rb_pos	 pos;
	struct rb_role	*recipient;	/* derived: the role to resolves to */
};

struct rb_section {
	struct rb_str	 title;		/* plain */
	struct rb_str	 body;		/* rich, block */
};

struct rb_role;

struct rb_role {
	char		*id;		/* rb_id_valid(): 业务员, sales-manager */
	char		*path;		/* file as given, e.g. content/roles/x.md */
	int		 is_xml;	/* loaded from XML */
	struct rb_pos	 pos;		/* of the id (front matter or <role>) */
	struct rb_pos	 head;		/* where a missing field is reported:
					 * the front matter, <role> */
	struct rb_str	 title;		/* plain, required */
	struct rb_str	 department;	/* department id or unique name */
	struct rb_str	 level;		/* plain, optional */
	struct rb_str	 reports_to;	/* role id or unique title, optional
					 * (top of tree) */
	int		 headcount;	/* -1 if not given or not valid;
					 * from headcount_s by validation */
	struct rb_pos	 headcount_pos;
	struct rb_str	 headcount_s;	/* as written; checked by val_role() */
	struct rb_str	 summary;	/* rich, block; optional */

	struct rb_duty	*duties;	size_t nduties;
	struct rb_item	*standards;	size_t nstandards;
	struct rb_target *targets;	size_t ntargets;
	struct rb_relation *relations;	size_t nrelations;
	struct rb_item	*authorities;	size_t nauthorities;
	struct rb_qual	*quals;		size_t nquals;
	struct rb_report *reports;	size_t nreports;
	struct rb_section *sections;	size_t nsections;	/* other ## */

	/* Derived by validation, never loaded: */
	struct rb_role	 *superior;	/* NULL at the top */
	struct rb_role	**subs;		/* direct reports, sorted by id */
	size_t		  nsubs;
	struct rb_dept	 *dept;		/* resolved department */
};

struct rb_dept {
	char		*id;		/* [a-z0-9-]+ */
	char		*name;		/* plain */
	char		*parent;	/* department id or NULL (top) */
	struct rb_pos	 pos;
	/* Derived: */
	struct rb_dept	 *up;
	struct rb_dept	**children;	size_t nchildren;	/* doc order */
	/* Derived: its roles in reporting order (a role whose superior is
	 * elsewhere, by id, then depth first those below it here). */
	struct rb_role	**roles;	size_t nroles;
	int		  depth;	/* 0 at the top */
};

struct rb_org {
	char		*path;
	struct rb_str	 company;
	struct rb_str	 title;		/* handbook title */
	struct rb_str	 version;
	struct rb_str	 effective;	/* YYYY-MM-DD */
	struct rb_str	 confidentiality; /* optional footer line */
	struct rb_dept	*depts;		size_t ndepts;	/* document order */
};

struct rb_site {
	char		*dir;		/* the content folder */
	struct rb_org	 org;
	struct rb_role	**roles;	size_t nroles;	/* sorted by id */
	char		**files;	size_t nfiles;	/* interned paths */
	/* The ids (file stems) of role files that did not load (a YAML or
	 * XML error, not UTF-8): a reference to one is no error of its
	 * own, its file's error is the cause. */
	char		**broken;	size_t nbroken;	/* sorted */
};

/* Lifetimes. */
struct rb_role	*rb_role_new(const char *path);
void		 rb_role_free(struct rb_role *);
void		 rb_org_clear(struct rb_org *);
void		 rb_site_free(struct rb_site *);
/* Interns a path so that rb_pos.file can borrow it for the site's life. */
const char	*rb_site_intern(struct rb_site *, const char *path);

/* Field setters used by loaders: take a copy of s (n bytes). */
void		 rb_str_set(struct rb_str *, const char *s, size_t n,
		    const struct rb_pos *);
void		 rb_str_free(struct rb_str *);

/* Append one zeroed element to a role array; returns it (any list:
 * rb_list_add(), fields.h). */
struct rb_duty	 *rb_role_add_duty(struct rb_role *);
struct rb_target *rb_role_add_target(struct rb_role *);
struct rb_section *rb_role_add_section(struct rb_role *);
struct rb_dept	 *rb_org_add_dept(struct rb_org *);

/*
 * Compares the loaded content of two roles, ignoring positions, paths,
 * is_xml and derived fields.  Returns 1 when equal.  When not equal and
 * why is not NULL, *why is set to a static description of the first
 * difference.
 */
int		 rb_role_equal(const struct rb_role *, const struct rb_role *,
		    const char **why);

/* Lookups; NULL when absent.  roles must be sorted (binary search). */
struct rb_role	*rb_site_role(const struct rb_site *, const char *id);
/* Is id the id of a role file that did not load (rb_site.broken)? */
int		 rb_site_broken(const struct rb_site *, const char *id);
struct rb_dept	*rb_org_dept(const struct rb_org *, const char *id);

/* Names of enum values: canonical (XML attribute) and Chinese label. */
extern const char *const rb_relkind_name[RB_REL__MAX];	/* supervised-by… */
extern const char *const rb_relkind_label[RB_REL__MAX];	/* 所受监督… */
extern const char *const rb_qualkind_name[RB_QUAL__MAX];	/* education… */
extern const char *const rb_qualkind_label[RB_QUAL__MAX];	/* 学历… */
extern const char *const rb_freq_name[RB_FREQ__MAX];	/* daily… */
extern const char *const rb_freq_label[RB_FREQ__MAX];	/* 每日… */
extern const char *const rb_metric_name[RB_METRIC__MAX];	/* invitations… */
extern const char *const rb_metric_label[RB_METRIC__MAX];	/* 有效客户邀约… */
extern const char *const rb_period_name[RB_PERIOD__MAX];	/* month… */
extern const char *const rb_period_label[RB_PERIOD__MAX];	/* 每月… */

/* Parse an enum from its canonical name or any accepted alias (Chinese or
 * English, see docs/content-format.md).  Returns -1 when unknown. */
int		 rb_relkind_parse(const char *, size_t);
int		 rb_qualkind_parse(const char *, size_t);
int		 rb_freq_parse(const char *, size_t);
/* The index of a canonical name in names[0..n), or -1. */
int		 rb_name_index(const char *const *names, int n, const char *);
/* The kind of a qualification written without one, from its words
 * (学历, 专业, 毕业 … education; 经验, 年以上 … experience; 证 …
 * certificate; 能力, 熟悉, 掌握 … skill): the kind whose word comes first
 * in s[0..n), else RB_QUAL_OTHER. */
int		 rb_qualkind_infer(const char *, size_t);
/* Calls fn with every word the parsers and rb_qualkind_infer() match
 * (rb_words() walks these too: tests/tools/foldcheck.c). */
void		 rb_model_words(void (*fn)(const char *, void *), void *arg);

/* Is s (n bytes) a slug: [a-z0-9-]+, not starting or ending with '-', at
 * most 64 bytes?  For the ids of plans and teams (not roles). */
int		 rb_slug_valid(const char *s, size_t n);
/* The file name of path without folder and extension (caller frees). */
char		*rb_path_stem(const char *path);
/* What an id may hold, for messages. */
#define RB_ID_RULE	"letters and digits of any script, '-' and '_', at " \
			"most 64 characters"
/*
 * A role written without an id takes its file name's stem (id optional);
 * an error at p when the stem is not a valid id.  p becomes the role's
 * position.  Nothing happens when the role has an id.
 */
void		 rb_role_default_id(struct diag *, struct rb_role *,
		    const struct rb_pos *p);

/* Is s (n bytes) a valid id: letters and digits of any script (as glibc's
 * C.UTF-8 locale classes them), '-' and '_', at most 64 characters, not
 * starting or ending with '-'?  So never '/', '\\', '.', blanks or control
 * characters (no path can be made of an id). */
int		 rb_id_valid(const char *s, size_t n);

#endif
