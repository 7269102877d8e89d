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

/*
 * The field a front-matter key names (its English name or a Chinese
 * alias, ASCII case-insensitive, traditional forms folded), or -1.  Sections are never keys.
 */
int	 rb_field_of_key(const char *s, size_t n);
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
 * The key (keys set) or section heading synonym nearest to s[0..n) in
 * characters, with its field in *field; NULL when nothing is within
 * maxdist (0: a default that grows with the length of s).
 */
const char *rb_field_near(const char *s, size_t n, int keys, int *field,
	    int maxdist);

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
	RB_NUM_ARTICLE		/* 第一条 第1章 第二节 第三部分 */
};

/*
 * Length in bytes of a numbering prefix at the start of s[0..n), blanks
 * before and after it included (ASCII and ideographic spaces, tabs), or 0
 * when s does not start with one.  *kind (may be NULL) gets its family.  "1.5", "2026年"
 * and a number alone are not prefixes.
 */
size_t	 rb_num_prefix(const char *s, size_t n, enum rb_numkind *kind);
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
/* Length of a leading run of blanks (ASCII, ideographic space, NBSP). */
size_t	 rb_blank_len(const char *s, size_t n);
/*
 * Levenshtein distance in characters between a[0..an) and b (NUL-ended),
 * ASCII case folded; 99 when either is longer than 32 characters.
 */
int	 rb_chardist(const char *a, size_t an, const char *b);

#endif
