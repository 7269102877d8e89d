/*
 * msg.h — the message catalogue of role content (mandoc's mandoc.h and
 * mandoc_msg.c): one id, one level and one text per rule, so that the
 * same mistake gets the same words whichever format the role is written
 * in.  Used by the loaders (src/load: syntax of Markdown, YAML front
 * matter, role XML, org.xml, the content folder) and by the rules of
 * src/validate (one role's fields, checks across files).  It lives in the
 * model, below both layers, next to the field table whose names its texts
 * use.  Other subsystems (sales, templates) keep their own strings for now.
 * How to add a message: docs/diagnostics.md.
 */
#ifndef RB_MSG_H
#define RB_MSG_H

#include "../util/diag.h"

enum rb_msg {
	/* ===== the content folder and its files (src/load/site.c) ===== */
	MSG_F_NO_FOLDER,	/* the content folder is not there */
	MSG_E_ROLES_DIR,	/* roles/ cannot be opened */
	MSG_W_NOT_ROLE_FILE,	/* a file in roles/ that is no role */
	MSG_E_TOO_MANY_ROLES,	/* more role files than the limit */
	MSG_F_NOT_ROLE_NAME,	/* a named file without a role extension */
	MSG_E_FILE_REFUSED,	/* not a plain file inside the folder */
	MSG_E_FILE_TOO_LARGE,	/* over the file size limit */
	MSG_F_READ,		/* cannot read a file */
	/* ===== encoding (Markdown and XML) ===== */
	MSG_E_NOT_UTF8,		/* a byte that is not UTF-8 */
	MSG_E_NOT_UTF8_GBK,	/* the same, the file reads as GBK */
	MSG_E_NOT_UTF8_BIG5,	/* the same, the file reads as Big5 */
	MSG_E_NOT_GBK,		/* declared GBK, and it is not */
	/* ===== XML: parsing (roles and org.xml) ===== */
	MSG_E_DOCTYPE,		/* a DOCTYPE */
	MSG_E_XML_TOO_LARGE,	/* over INT_MAX bytes */
	MSG_E_XML_ATTRS,	/* too many attributes on one element */
	MSG_F_NOMEM,		/* libxml2 out of memory */
	MSG_E_XML_PARSE,	/* no document, no reason given */
	MSG_E_XML_MALFORMED,	/* not well-formed, no reason given */
	MSG_E_XML,		/* libxml2's own words: an error */
	MSG_W_XML,		/* libxml2's own words: a warning */
	MSG_E_XML_LIMIT,	/* a fixed limit of libxml2 */
	MSG_E_XML_HUGE_TEXT,	/* a text node over libxml2's limit */
	MSG_F_SCHEMA,		/* a RELAX NG schema does not load */
	MSG_E_SCHEMA,		/* RELAX NG's own words */
	MSG_E_SCHEMA_MISMATCH,	/* RELAX NG failed without words */
	/* ===== XML: structure ===== */
	MSG_E_XML_ROOT,		/* the wrong root element */
	MSG_E_ELEM_NEAR,	/* unknown element, with a suggestion */
	MSG_E_ELEM_UNKNOWN,	/* unknown element */
	MSG_E_ELEM_ORDER,	/* elements out of order */
	MSG_E_ELEM_MISSING,	/* a required child element is missing */
	MSG_E_XML_ATTR_NONE,	/* an attribute where none is allowed */
	MSG_E_XML_ATTR_NEAR,	/* unknown attribute, with a suggestion */
	MSG_E_XML_ATTR_UNKNOWN,	/* unknown attribute */
	MSG_E_XML_ATTR_MISSING,	/* a required attribute is missing */
	MSG_E_XML_ATTR_EMPTY,	/* a required attribute is empty */
	MSG_E_XML_TEXT,		/* text directly in a structural element */
	MSG_E_XML_PLAIN,	/* an element in plain text */
	MSG_E_XML_NOT_IN,	/* an element its parent may not hold */
	MSG_E_XML_NOT_IN_OF,	/* the same, inside a field's rich text */
	MSG_E_XML_OL_LATE,	/* <ol> of a duty before its text ends */
	MSG_E_XML_BR,		/* <br> with content */
	MSG_E_XML_TABLE,	/* a table over the cell limit */
	MSG_E_XML_ENTITY,	/* an entity reference */
	MSG_E_XML_EMPTY,	/* an org.xml field is empty */
	/* ===== org.xml ===== */
	MSG_E_DEPT_ID,		/* a department id of the wrong form */
	MSG_E_DEPT_TWICE,	/* two departments with one id */
	MSG_E_DATE,		/* effective date not YYYY-MM-DD */
	/* ===== Markdown: the file and its front matter ===== */
	MSG_E_NO_FRONT,		/* no '---' on line 1 */
	MSG_E_FRONT_OPEN,	/* no closing '---' */
	MSG_E_YAML_TAB,		/* a tab in the indentation */
	MSG_E_YAML_TWO_KEYS,	/* 工作地点：上海　　所属部门：业务部 */
	MSG_E_ROW_ALONE,	/* a table row's key without value */
	MSG_E_YAML_QUOTE,	/* a value holding ': ' */
	MSG_E_YAML_SYNTAX,	/* libyaml's words */
	MSG_E_YAML_SYNTAX_IN,	/* libyaml's words, with the context */
	MSG_E_YAML_DEEP,	/* nesting over the depth limit */
	MSG_E_YAML_REF,		/* an anchor or alias */
	MSG_E_YAML_NOT_MAP,	/* front matter that is not a map */
	MSG_E_YAML_KEY,		/* a key that is not a string */
	MSG_E_YAML_STRING,	/* a value that is not a string */
	MSG_E_YAML_TARGETS,	/* targets that are not a list */
	MSG_W_KEY_DERIVED,	/* a key for what is derived */
	MSG_W_KEY_NEAR,		/* unknown key, a key is near */
	MSG_W_KEY_NEAR_FIELD,	/* unknown key, an alias is near */
	MSG_W_KEY_UNKNOWN,	/* unknown key */
	/* ===== Markdown: the body ===== */
	MSG_W_TEXT_BEFORE,	/* text before the first section, left out */
	MSG_W_SECTION_NEAR,	/* extra section named like a known one */
	MSG_W_SECTION_WORD,	/* extra section holding a known one's word */
	MSG_W_SECTION_NUMBERED,	/* a bare line taken as a heading by its number */
	MSG_W_SECTION_COLON,	/* a line ending in a colon over items from 1 */
	MSG_W_ITEM_HEADING,	/* the next item's number, a section's words */
	MSG_E_SECTION_NOT_LIST,	/* a list section holding something else */
	MSG_E_SECTION_LISTS,	/* a list section with two lists */
	MSG_E_SECTION_PARA_AFTER, /* a paragraph after a section's items */
	MSG_W_LIST_INTRO,	/* a line ending in a colon above the items */
	MSG_E_SECTION_TABLE,	/* a table row of other than two cells */
	MSG_W_REPORTS_TEXT,	/* a reports section without '|': a text */
	MSG_W_ITEM_RUNON,	/* the next item's number inside an item */
	MSG_W_RAW_HTML,		/* raw HTML */
	MSG_W_IMAGE,		/* an image */
	MSG_W_HRULE,		/* a horizontal rule */
	MSG_W_MD_BLOCK,		/* another block cmark-gfm knows */
	MSG_E_MD_TABLE_CELLS,	/* a table over the cell limit */
	MSG_E_MD_TABLE_ROW,	/* a row far wider than its table */
	MSG_E_MD_TABLE_SQUARES,	/* rows too wide for cmark-gfm's time */
	MSG_E_MD_BRACKETS,	/* '![' open before links, over the limit */
	/* ===== both formats: the same mistake, the same words ===== */
	MSG_E_FIELD_TWICE,	/* a field given twice */
	MSG_E_LIST_EMPTY,	/* a list field without items */
	MSG_E_LIST_REQUIRED,	/* a required list field without items */
	MSG_E_SECTION_TITLE,	/* an extra section without a title */
	MSG_E_TOO_DEEP,		/* rich text nested over the depth limit */
	MSG_W_LINK,		/* a link target refused, text kept */
	MSG_E_STEM_NOT_ID,	/* no id, and the file name is none */
	/* ===== errors: one field ===== */
	MSG_E_REQUIRED,		/* a required field is missing */
	MSG_E_EMPTY,		/* a required field is empty */
	MSG_E_ID,		/* an id of the wrong form */
	MSG_E_INT,		/* not a whole number >= 0 */
	/* ===== errors: a list item's attributes (fields.c's items) ===== */
	MSG_E_ATTR_MISSING,	/* a required attribute missing or empty */
	MSG_E_ATTR_EMPTY,	/* an optional attribute given empty */
	MSG_E_PCT,		/* not 0 to 100 (duty share) */
	MSG_E_SLUG,		/* not [a-z0-9_]+ (target metric) */
	MSG_E_DECIMAL,		/* not a decimal number (target value) */
	MSG_E_WORD,		/* not one of its words (target period) */
	MSG_W_METRIC,		/* a metric the sales report does not count */
	MSG_W_METRICS,		/* … and more in the same list */
	MSG_E_ENUM,		/* not one of its names (kind, frequency) */
	MSG_E_ENUM_XML,		/* a Markdown spelling in XML (每周) */
	MSG_E_ATTR_TWICE,	/* an attribute given twice in one item */
	MSG_E_ATTR_NO_VALUE,	/* {key} without =value (Markdown) */
	MSG_E_LABEL,		/* no label where one is required (Markdown) */
	MSG_E_FIELDS,		/* not as many '|' fields as attributes */
	MSG_E_NOT_MAP,		/* a front-matter item that is not a map */
	MSG_W_ATTR_UNKNOWN,	/* not an attribute of the item */
	MSG_W_ATTR_NEAR,	/* not an attribute, with a suggestion */
	MSG_E_TARGET_TWICE,	/* the same target twice */
	MSG_E_ITEM_EMPTY,	/* an item (a duty) without text */
	MSG_E_SUB_EMPTY,	/* a sub-item without text */
	MSG_E_LIST_ITEM_EMPTY,	/* an empty Markdown list item */
	MSG_E_ITEM_SHAPE,	/* a Markdown item that is no paragraph */
	MSG_E_ITEM_SHAPE_SUBS,	/* … nor a paragraph and its sub-list */
	MSG_E_SUB_SHAPE,	/* a Markdown sub-item that is no paragraph */
	MSG_E_NO_SUBS_XML,	/* <ol> without <li> */
	/* ===== errors: across files ===== */
	MSG_E_NO_DUTIES,	/* a role without duties */
	MSG_E_ID_STEM,		/* id is not the file name */
	MSG_E_ID_TWICE,		/* two roles with one id */
	MSG_E_ROLE_AMBIGUOUS,	/* a title several roles have */
	MSG_E_ROLE_NEAR,	/* not a role, with a suggestion */
	MSG_E_ROLE_UNKNOWN,	/* not a role */
	MSG_E_SELF,		/* reports to itself */
	MSG_E_CYCLE,		/* a reporting cycle */
	MSG_E_DEPT_UNKNOWN_ID,	/* not a department id (no look-up left) */
	MSG_E_DEPT_AMBIGUOUS,	/* a name several departments have */
	MSG_E_DEPT_NEAR,	/* not a department, with a suggestion */
	MSG_E_DEPT_UNKNOWN,	/* not a department */
	/* ===== export ===== */
	MSG_W_EXPORT_AS_WRITTEN, /* a folder's error in the exported role */
	MSG__MAX
};

struct rb_msgdef {
	enum diag_level	 level;
	const char	*text;	/* printf format; its arguments by id */
};

extern const struct rb_msgdef rb_msgs[MSG__MAX];

/*
 * Hints for the texts that end in one, by format: what to write, in the
 * syntax of the file at hand (the rest of the words are the same).
 */
#define MSG_HINT_DUTIES_MD	"add a '## 工作职责' section with a list of duties"
#define MSG_HINT_DUTIES_XML	"add <duties> with at least one <duty>"
#define MSG_HINT_ITEMS_MD	"as a list ('- …' or '1. …')"
#define MSG_HINT_ITEMS_XML	"as <%s> elements"	/* the item's element */

/* Reports message id at pos with the arguments its text takes (checked
 * against the text by tests/check-msgs.sh). */
void	rb_msg(struct diag *, enum rb_msg id, const struct rb_pos *pos,
	    ...);
/* The same at file, line and col (0: unknown). */
void	rb_msg_at(struct diag *, enum rb_msg id, const char *file, int line,
	    int col, ...);
/* rb_msg() with the arguments in ap. */
void	rb_msg_v(struct diag *, enum rb_msg id, const struct rb_pos *pos,
	    va_list ap);

#endif
