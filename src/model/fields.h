/*
 * fields.h — the one table of role fields (name, XML element, Chinese
 * label, kind, required, front-matter key aliases and section-heading
 * synonyms), and the recognisers of how HR writes them: numbered headings
 * and list items (一、 1、 1. 1． （一） （1） (1) 1) ① 第一条 …), a trailing
 * ：/: after a title or key.  Used by the loaders (src/load), the exporter
 * (src/export), validation and the import of .txt/.docx job descriptions.
 * See docs/content-format.md, "Writing a role the way you already do".
 */
#ifndef RB_FIELDS_H
#define RB_FIELDS_H

#include <stddef.h>
#include <stdint.h>

/* What a field holds. */
enum rb_fkind {
	RB_FK_ID,	/* the role's id */
	RB_FK_TEXT,	/* plain text */
	RB_FK_RICH,	/* rich text, block (summary) */
	RB_FK_LIST,	/* a list of items (duties, standards, …) */
	RB_FK_INT,	/* integer >= 0 */
	RB_FK_ROLE,	/* reference to a role: id or unique title */
	RB_FK_DEPT,	/* reference to a department: id or unique name */
	RB_FK_TARGETS	/* list of targets (front matter) */
};

/* Every field of a role, in the order of the canonical XML. */
enum rb_field {
	RB_F_ID,
	RB_F_TITLE,
	RB_F_DEPARTMENT,
	RB_F_LEVEL,
	RB_F_REPORTS_TO,
	RB_F_HEADCOUNT,
	RB_F_TARGETS,
	RB_F_SUMMARY,
	RB_F_DUTIES,
	RB_F_STANDARDS,
	RB_F_RELATIONS,
	RB_F_AUTHORITIES,
	RB_F_QUALS,
	RB_F_REPORTS,
	RB_F__MAX
};

/*
 * The items of a list field (duties, targets, standards, …), described
 * once so that one reader per format (src/load), one set of rules
 * (src/validate/role.c), the export and the template data walk them.
 */

/* What an item attribute holds. */
enum rb_akind {
	RB_AK_TEXT,	/* plain text, kept as written */
	RB_AK_PCT,	/* a whole number 0 to 100, an optional % (share);
			 * kept as written, its int set by validation */
	RB_AK_SLUG,	/* [a-z0-9_]+ (a target's metric) */
	RB_AK_DECIMAL,	/* a decimal number >= 0 (a target's value) */
	RB_AK_WORD,	/* one of names, kept as text (a target's period) */
	RB_AK_ENUM,	/* one of names, kept as its index (kind, frequency) */
	RB_AK_ROLE	/* a role's id or unique title, kept as written (a
			 * report's recipient; resolved by validate.c) */
};

#define RB_AF_REQUIRED	0x01	/* must be given */
#define RB_AF_NONEMPTY	0x02	/* when given, not empty */

struct rb_attrdef {
	const char	 *name;		/* XML attribute, template key, key in
					 * a Markdown attribute block or map */
	const char	 *label;	/* Chinese, as shown: 占比 */
	const char *const *alias;	/* other Markdown keys, NULL-ended; or
					 * NULL */
	enum rb_akind	  kind;
	int		  flags;	/* RB_AF_* */
	size_t		  off;		/* its struct rb_str in the item, as
					 * written (not RB_AK_ENUM) */
	size_t		  ioff;		/* RB_AK_PCT, RB_AK_ENUM: its int */
	const char *const *names;	/* RB_AK_WORD, RB_AK_ENUM: canonical */
	const char *const *labels;	/* RB_AK_ENUM: Chinese labels */
	int		  nnames;
	/* RB_AK_ENUM: any accepted spelling (Chinese, English) → index */
	int		(*parse)(const char *, size_t);
	/* RB_AK_ENUM, not given: the index from the item's words (its
	 * first text attribute given, else its text); NULL: 0 */
	int		(*infer)(const char *, size_t);
	const char	 *hint;		/* what to write (given empty) */
	size_t		  roff;		/* RB_AK_ROLE: the struct rb_role *
					 * it resolves to (validate), or 0 */
};

/* How a Markdown role writes an item's attributes. */
enum rb_mdform {
	RB_MD_TEXT,	/* none: a list item's text */
	RB_MD_BLOCK,	/* an attribute block at its end: {share=30} */
	RB_MD_LABEL,	/* its enumerated attribute as a label at its
			 * start (所受监督：…); a label that is none of its
			 * names may be its first text attribute (年龄：…) */
	RB_MD_FIELDS,	/* its attributes in order, between '|' */
	RB_MD_MAP	/* a map in the front matter (targets) */
};

#define RB_NONE	((size_t)-1)	/* an item member that is not there */

struct rb_itemdef {
	const char	 *elem;		/* XML element of one item: duty */
	const char	 *what;		/* in messages: duty */
	size_t		  size;		/* of one item */
	size_t		  aoff, noff;	/* in struct rb_role: array, count */
	size_t		  toff;		/* its rich inline text (struct
					 * rb_str), or RB_NONE */
	size_t		  poff;		/* its struct rb_pos, or RB_NONE (then
					 * the text's) */
	size_t		  soff, nsoff;	/* its sub-list (struct rb_str array,
					 * count), or RB_NONE */
	const struct rb_attrdef *attrs;
	int		  nattrs;
	int		  textreq;	/* its text must not be empty */
	enum rb_mdform	  md;		/* how Markdown writes one */
};

struct rb_fielddef {
	const char	 *name;		/* English name and front-matter key */
	const char	 *xml;		/* XML element (canonical export) */
	const char	 *label;	/* Chinese label, as shown */
	enum rb_fkind	  kind;
	int		  required;
	int		  section;	/* a '##' section in Markdown */
	/* Other keys (front matter) or heading synonyms (section),
	 * NULL-ended. */
	const char *const *alias;
	/* Offset in struct rb_role of its struct rb_str (the text as
	 * written; RB_FK_TEXT, RB_FK_RICH, RB_FK_INT, RB_FK_ROLE,
	 * RB_FK_DEPT), else 0. */
	size_t		  off;
	size_t		  ioff;		/* RB_FK_INT: offset of its int */
	const struct rb_itemdef *item;	/* RB_FK_LIST, RB_FK_TARGETS */
};

struct rb_role;
struct rb_str;
/* The text of a field of r as written (NULL for lists and the id). */
struct rb_str	*rb_field_str(struct rb_role *r, int field);
const struct rb_str *rb_field_cstr(const struct rb_role *r, int field);
/* The integer of an RB_FK_INT field of r (-1: absent or not valid). */
int		*rb_field_int(struct rb_role *r, int field);
int		 rb_field_ival(const struct rb_role *r, int field);

extern const struct rb_fielddef rb_fields[RB_F__MAX];

/* Items of a list field: count, the i-th, a new zeroed one at the end
 * (its ints -1). */
size_t		 rb_list_len(const struct rb_role *, const struct rb_itemdef *);
void		*rb_list_item(const struct rb_role *, const struct rb_itemdef *,
		    size_t i);
void		*rb_list_add(struct rb_role *, const struct rb_itemdef *);
/* Members of item it: an attribute's text (NULL for RB_AK_ENUM) and int,
 * the rich text (NULL when none), the sub-list, the position. */
struct rb_str	*rb_item_str(const void *it, const struct rb_attrdef *);
int		*rb_item_int(const void *it, const struct rb_attrdef *);
struct rb_str	*rb_item_text(const void *it, const struct rb_itemdef *);
struct rb_str	*rb_item_subs(const void *it, const struct rb_itemdef *,
		    size_t *n);
struct rb_str	*rb_item_add_sub(void *it, const struct rb_itemdef *);
const struct rb_pos *rb_item_pos(const void *it, const struct rb_itemdef *);
/* The attribute of id a key names (its name or an alias), or NULL. */
const struct rb_attrdef *rb_item_attr(const struct rb_itemdef *,
		    const char *key, size_t n);
/* Sets enumerated attribute a of item it, not given, from its words:
 * a->infer() of its first text attribute given, else of its text. */
void		 rb_item_infer(void *it, const struct rb_itemdef *,
		    const struct rb_attrdef *a);
/* Frees the members of item it (not it). */
void		 rb_item_free(void *it, const struct rb_itemdef *);
/* Are items a and b equal (positions ignored)?  *why: what differs. */
int		 rb_item_equal(const void *a, const void *b,
		    const struct rb_itemdef *, const char **why);

/*
 * The field a front-matter key names (its English name or a Chinese
 * alias, ASCII case-insensitive, traditional forms folded), or -1.  Sections are never keys.
 */
int	 rb_field_of_key(const char *s, size_t n);
/*
 * Is s[0..n) a key of the direct reports (直接下级, 下级, 直接下属,
 * 下属岗位, direct_reports; traditional forms folded)?  rolebook derives
 * them from each role's 直接上级: the loaders and import leave them out.
 */
int	 rb_derived_key(const char *s, size_t n);
/*
 * The first place in s[0..n) where name (simplified, NUL-ended) is written,
 * ASCII case and traditional forms folded as rb_name_eq(), or NULL.
 */
const char *rb_name_find(const char *s, size_t n, const char *name);
/*
 * The section a '##' heading names, or -1.  The heading may carry a
 * number (rb_num_prefix), 【】 around it and a trailing colon, and may
 * put a name before the words that end a list section's name
 * (业务支持岗工作职责, 质检员的职责); title_off and title_len (may
 * be NULL) get the title without them, for an extra section's title.
 */
int	 rb_field_of_heading(const char *s, size_t n, size_t *title_off,
	    size_t *title_len);
/*
 * 0 when line s[0..n) cannot name a section (rb_field_of_heading() would
 * give -1) because of how it ends: a sentence mark (。；，、), or a Han
 * character no section's name ends with.  A quick test for every line of
 * a pasted text; 1 says only "maybe".
 */
int	 rb_may_name_section(const char *s, size_t n);
/*
 * A job description's own title line, "客服专员岗位说明书" (also after
 * '#', in 【】, with 职位/职务/工作/岗位职责 before 说明书): returns 1 and
 * the role's title as s[*off..*off + *len), else 0.
 */
int	 rb_doc_title(const char *s, size_t n, size_t *off, size_t *len);
/*
 * Is line s[0..n) the heading of a job description's basic information
 * (一、基本资料, 【岗位基本信息】, ## 岗位标识：), the label lines or rows
 * that are the front matter?  Its number, '#', bold, brackets and colon
 * are allowed.
 */
int	 rb_ident_heading(const char *s, size_t n);
/*
 * The key (keys set) or section heading synonym nearest to s[0..n) in
 * characters, with its field in *field; NULL when nothing is within
 * maxdist (0: a default that grows with the length of s).
 */
const char *rb_field_near(const char *s, size_t n, int keys, int *field,
	    int maxdist);

/*
 * Calls fn with every word the look-ups above match: the table's names,
 * labels and aliases, its items' attribute keys, the words that end a
 * section's or a title's name, the basic-information headings, the
 * derived keys and the labels of relations, qualifications and
 * frequencies (rb_model_words).  Their traditional forms must fold
 * (rb_simplify): tests/check-trad.sh asks OpenCC for them.
 */
void	 rb_words(void (*fn)(const char *, void *), void *arg);

/* Families of numbering, so that a list tells items from sub-items. */
enum rb_numkind {
	RB_NUM_NONE,
	RB_NUM_DIGIT_DUN,	/* 1、 */
	RB_NUM_DIGIT_DOT,	/* 1. 1． ⒈ */
	RB_NUM_DIGIT_RPAREN,	/* 1) 1） */
	RB_NUM_DIGIT_PAREN,	/* (1) （1） ⑴ */
	RB_NUM_CIRCLED,		/* ① … ⑳ */
	RB_NUM_CN_DUN,		/* 一、 一． */
	RB_NUM_CN_PAREN,	/* (一) （一） */
	RB_NUM_ARTICLE,		/* 第一条 第1章 第二节 第三部分 */
	RB_NUM_BULLET		/* • ● ■ ◆ ▪ ○ ◇ □ ★ ☆ ➢ ► ▶ ✓ (Word's) */
};

/*
 * Length in bytes of a numbering prefix at the start of s[0..n), blanks
 * before and after it included (ASCII and ideographic spaces, tabs), or 0
 * when s does not start with one.  *kind (may be NULL) gets its family.  "1.5", "2026年"
 * and a number alone are not prefixes.
 */
size_t	 rb_num_prefix(const char *s, size_t n, enum rb_numkind *kind);
/*
 * Value of the number of a numbering prefix at the start of s[0..n)
 * ("三、" 3, "（十二）" 12, "第二十一条" 21, "4." 4, "⑤" 5), or -1 when
 * there is none; *end (may be NULL) gets the offset just after its digits.
 */
int	 rb_num_value(const char *s, size_t n, size_t *end);
/* Is s a decimal number >= 0: digits with an optional fraction (6, 2.5)? */
int	 rb_decimal_valid(const char *s);
/* Length of s[0..n) without trailing blanks and one trailing ：or :. */
size_t	 rb_strip_colon(const char *s, size_t n);
/*
 * The simplified form of traditional character c when it is one of the
 * words the tables match (崗→岗, 職→职, 級→级 …), else c.
 */
uint32_t rb_simplify(uint32_t c);
/*
 * Does s[0..n) equal name (simplified, NUL-ended), ASCII case and the
 * traditional forms of rb_simplify folded?
 */
int	 rb_name_eq(const char *s, size_t n, const char *name);
/*
 * Levenshtein distance in characters between a[0..an) and b (NUL-ended),
 * ASCII case folded; 99 when either is longer than 32 characters.
 */
int	 rb_chardist(const char *a, size_t an, const char *b);

#endif
