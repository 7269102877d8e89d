/*
 * msg.c — the texts of the role message catalogue (msg.h), in the order of
 * enum rb_msg.  A text says what is wrong and what to write instead, in
 * words that fit Markdown and XML alike.
 */
#include <stdarg.h>
#include "../util/util.h"
#include "../util/url.h"
#include "model.h"
#include "msg.h"

const struct rb_msgdef rb_msgs[MSG__MAX] = {
	/* the content folder and its files */
	[MSG_F_NO_FOLDER] = { DIAG_FATAL,
	    "no such content folder" },
	[MSG_E_ROLES_DIR] = { DIAG_ERROR,
	    "cannot open the roles folder: %s" },
	[MSG_W_NOT_ROLE_FILE] = { DIAG_WARNING,
	    "ignoring '%s': role files end in .md, .markdown or .xml (any "
	    "letter case)" },
	[MSG_E_TOO_MANY_ROLES] = { DIAG_ERROR,
	    "more than %zu role files (%s)" },
	[MSG_F_NOT_ROLE_NAME] = { DIAG_FATAL,
	    "not a role file: the name must end in .md, .markdown or .xml" },
	[MSG_E_FILE_REFUSED] = { DIAG_ERROR,
	    "%s" FILE_REFUSED },
	[MSG_E_FILE_TOO_LARGE] = { DIAG_ERROR,
	    "file is too large (%s)" },
	[MSG_F_READ] = { DIAG_FATAL,
	    "cannot read: %s" },
	/* encoding */
	[MSG_E_NOT_UTF8] = { DIAG_ERROR,
	    "invalid UTF-8 byte 0x%02X" },
	[MSG_E_NOT_UTF8_GBK] = { DIAG_ERROR,
	    "invalid UTF-8 byte 0x%02X: the file looks saved as GBK; save it "
	    "as UTF-8 (or convert it: iconv -f GBK -t UTF-8)%s" },
	[MSG_E_NOT_UTF8_BIG5] = { DIAG_ERROR,
	    "invalid UTF-8 byte 0x%02X: the file looks saved as Big5; save it "
	    "as UTF-8 (or convert it: iconv -f CP950 -t UTF-8)" },
	[MSG_E_NOT_GBK] = { DIAG_ERROR,
	    "byte 0x%02X is not GBK / GB18030 though the XML declaration says "
	    "so; is the file UTF-8?" },
	/* XML: parsing */
	[MSG_E_DOCTYPE] = { DIAG_ERROR,
	    "DOCTYPE is not allowed in role files" },
	[MSG_E_XML_TOO_LARGE] = { DIAG_ERROR,
	    "file too large" },
	[MSG_E_XML_ATTRS] = { DIAG_ERROR,
	    "more than %d attributes on one element (a fixed limit)" },
	[MSG_F_NOMEM] = { DIAG_FATAL,
	    "out of memory" },
	[MSG_E_XML_PARSE] = { DIAG_ERROR,
	    "cannot parse XML" },
	[MSG_E_XML_MALFORMED] = { DIAG_ERROR,
	    "malformed XML" },
	[MSG_E_XML] = { DIAG_ERROR,
	    "%.*s" },
	[MSG_W_XML] = { DIAG_WARNING,
	    "%.*s" },
	[MSG_E_XML_LIMIT] = { DIAG_ERROR,
	    "%.*s (a fixed limit of the XML parser)" },
	[MSG_E_XML_HUGE_TEXT] = { DIAG_ERROR,
	    "text longer than 10,000,000 bytes (a fixed limit of the XML "
	    "parser)" },
	[MSG_F_SCHEMA] = { DIAG_FATAL,
	    "cannot load schema%s%s" },
	[MSG_E_SCHEMA] = { DIAG_ERROR,
	    "%s" },
	[MSG_E_SCHEMA_MISMATCH] = { DIAG_ERROR,
	    "does not match schema %s" },
	/* XML: structure */
	[MSG_E_XML_ROOT] = { DIAG_ERROR,
	    "the root element must be <%s>, not <%s>" },
	[MSG_E_ELEM_NEAR] = { DIAG_ERROR,
	    "unknown element <%s> in <%s>; did you mean <%s>?" },
	[MSG_E_ELEM_UNKNOWN] = { DIAG_ERROR,
	    "unknown element <%s> in <%s>" },
	[MSG_E_ELEM_ORDER] = { DIAG_ERROR,
	    "<%s> must come before <%s>" },
	[MSG_E_ELEM_MISSING] = { DIAG_ERROR,
	    "<%s> needs a <%s> element" },
	[MSG_E_XML_ATTR_NONE] = { DIAG_ERROR,
	    "unknown attribute '%s' on <%s> (<%s> takes no attributes)" },
	[MSG_E_XML_ATTR_NEAR] = { DIAG_ERROR,
	    "unknown attribute '%s' on <%s>; did you mean '%s'?" },
	[MSG_E_XML_ATTR_UNKNOWN] = { DIAG_ERROR,
	    "unknown attribute '%s' on <%s> (allowed: %s)" },
	[MSG_E_XML_ATTR_MISSING] = { DIAG_ERROR,
	    "<%s> needs the %s attribute" },
	[MSG_E_XML_ATTR_EMPTY] = { DIAG_ERROR,
	    "<%s> %s is empty" },
	[MSG_E_XML_TEXT] = { DIAG_ERROR,
	    "text is not allowed directly in <%s>" },
	[MSG_E_XML_PLAIN] = { DIAG_ERROR,
	    "<%s> is not allowed in <%s> (plain text only)" },
	[MSG_E_XML_NOT_IN] = { DIAG_ERROR,
	    "<%s> is not allowed in <%s>" },
	[MSG_E_XML_NOT_IN_OF] = { DIAG_ERROR,
	    "<%s> is not allowed in <%s> of %s" },
	[MSG_E_XML_OL_LATE] = { DIAG_ERROR,
	    "<ol> in <duty> holds its sub-items and must come after all of "
	    "the duty's text" },
	[MSG_E_XML_BR] = { DIAG_ERROR,
	    "<br> must be empty" },
	[MSG_E_XML_TABLE] = { DIAG_ERROR,
	    "table of %zu cells (%s)" },
	[MSG_E_XML_ENTITY] = { DIAG_ERROR,
	    "entity '&%s;' is not allowed" },
	[MSG_E_XML_EMPTY] = { DIAG_ERROR,
	    "<%s> is empty" },
	/* org.xml */
	[MSG_E_DEPT_ID] = { DIAG_ERROR,
	    "department id '%s' is not valid (" RB_ID_RULE ")" },
	[MSG_E_DEPT_TWICE] = { DIAG_ERROR,
	    "duplicate department id '%s' (first at line %d)" },
	[MSG_E_DATE] = { DIAG_ERROR,
	    "effective date '%s' must be YYYY-MM-DD" },
	/* Markdown: the file and its front matter */
	[MSG_E_NO_FRONT] = { DIAG_ERROR,
	    "missing front matter: start the role with its label lines "
	    "(岗位名称：…, 所属部门：…), its title line (…岗位说明书) or a "
	    "'---' line" },
	[MSG_E_FRONT_OPEN] = { DIAG_ERROR,
	    "front matter not closed: expected a '---' line" },
	[MSG_E_YAML_TAB] = { DIAG_ERROR,
	    "a tab in the indentation: indent the front matter with spaces, "
	    "not tabs" },
	[MSG_E_YAML_TWO_KEYS] = { DIAG_ERROR,
	    "a second key '%.*s' on the line of another: put each key on a "
	    "line of its own ('%.*s' on the next line)" },
	[MSG_E_ROW_ALONE] = { DIAG_ERROR,
	    "%s '%.*s' has no %s: keys and values take turns along a "
	    "row (岗位名称, 业务员, 所属部门, 业务部); %s" },
	[MSG_E_YAML_QUOTE] = { DIAG_ERROR,
	    "the value of '%.*s' holds ': ': quote the value (%.*s: \"%.*s\")" },
	[MSG_E_YAML_SYNTAX] = { DIAG_ERROR,
	    "YAML syntax error: %s" },
	[MSG_E_YAML_SYNTAX_IN] = { DIAG_ERROR,
	    "YAML syntax error: %s %s" },
	[MSG_E_YAML_DEEP] = { DIAG_ERROR,
	    "front matter nested deeper than %d levels (%s)" },
	[MSG_E_YAML_REF] = { DIAG_ERROR,
	    "YAML %s '%c%s' is not allowed in front matter%s: write each "
	    "value out" },
	[MSG_E_YAML_NOT_MAP] = { DIAG_ERROR,
	    "the front matter must be a map of keys" },
	[MSG_E_YAML_KEY] = { DIAG_ERROR,
	    "a key must be a string" },
	[MSG_E_YAML_STRING] = { DIAG_ERROR,
	    "'%s' must be a string" },
	[MSG_E_YAML_TARGETS] = { DIAG_ERROR,
	    "targets must be a list of maps" },
	[MSG_W_KEY_DERIVED] = { DIAG_WARNING,
	    "'%s' is ignored: direct reports come from the other roles' "
	    "直接上级 (reports_to)" },
	[MSG_W_KEY_NEAR] = { DIAG_WARNING,
	    "unknown key '%s'; did you mean '%s'?" },
	[MSG_W_KEY_NEAR_FIELD] = { DIAG_WARNING,
	    "unknown key '%s'; did you mean '%s' (%s)?" },
	[MSG_W_KEY_UNKNOWN] = { DIAG_WARNING,
	    "unknown key '%s' (known: id, title, department, level, "
	    "reports_to, headcount, targets or their Chinese names 岗位编号, "
	    "岗位名称, 所属部门, 岗位级别, 直接上级, 编制, 考核指标)" },
	/* Markdown: the body */
	[MSG_W_TEXT_BEFORE] = { DIAG_WARNING,
	    "text before the first section heading is left out: make it a "
	    "'# ' title, or put it under a '## ' heading to keep it" },
	[MSG_W_SECTION_NEAR] = { DIAG_WARNING,
	    "unknown section '%.*s' is kept as an extra section; did you mean "
	    "'%s' (%s)?" },
	[MSG_W_SECTION_WORD] = { DIAG_WARNING,
	    "unknown section '%.*s' is kept as an extra section; if it holds "
	    "the %s, title it '%s'" },
	[MSG_W_SECTION_NUMBERED] = { DIAG_WARNING,
	    "'%.*s' is kept as an extra section: it is numbered as the "
	    "section headings are; write '## ' before it to say so, or, if it "
	    "belongs to the section above, number it as that section's items" },
	[MSG_W_SECTION_COLON] = { DIAG_WARNING,
	    "'%.*s' is kept as an extra section: a line ending in a colon over "
	    "items numbered from 1 again; write '## ' before it to say so, or, "
	    "if it belongs to the section above, number it as that section's "
	    "items" },
	[MSG_W_ITEM_HEADING] = { DIAG_WARNING,
	    "'%.*s%s' is read as a section heading, as its words name a "
	    "section, though it is numbered as the next item of the list "
	    "above; if it is an item, reword it so that it does not end in a "
	    "section's name; if it is a heading, write '## ' before it" },
	[MSG_E_SECTION_NOT_LIST] = { DIAG_ERROR,
	    "%s section: expected a list (items numbered '1、', '（1）', '1.' "
	    "or marked '- '), found a %s" },
	[MSG_E_SECTION_LISTS] = { DIAG_ERROR,
	    "%s section: expected one list, found a second (a blank line or a "
	    "change of marker starts a new list)" },
	[MSG_E_SECTION_PARA_AFTER] = { DIAG_ERROR,
	    "%s section: a paragraph after the items: number it to make it an "
	    "item, or put it under a heading of its own ('## 其他说明')" },
	[MSG_W_LIST_INTRO] = { DIAG_WARNING,
	    "a line ending in a colon above the items introduces them and is "
	    "left out; to keep it, put it in the summary (岗位概述)" },
	[MSG_E_SECTION_TABLE] = { DIAG_ERROR,
	    "%s section: a table row here needs two cells, a label and its "
	    "text (直接上级 | 营销总监, 学历 | 大专及以上)" },
	[MSG_W_REPORTS_TEXT] = { DIAG_WARNING,
	    "no line under '%.*s' has the report fields (名称 | 频率 | 截止 | "
	    "报送对象): kept as a text section" },
	[MSG_W_ITEM_RUNON] = { DIAG_WARNING,
	    "item %d runs on here inside item %d, read as one: put each item "
	    "on a line of its own" },
	[MSG_W_RAW_HTML] = { DIAG_WARNING,
	    "raw HTML is not allowed; dropped" },
	[MSG_W_IMAGE] = { DIAG_WARNING,
	    "images are not allowed; kept the description only" },
	[MSG_W_HRULE] = { DIAG_WARNING,
	    "horizontal rules are not supported; dropped" },
	[MSG_W_MD_BLOCK] = { DIAG_WARNING,
	    "unsupported Markdown block '%s'; dropped" },
	[MSG_E_MD_TABLE_CELLS] = { DIAG_ERROR,
	    "table of %zu columns and %zu rows: more than %llu cells (%s)" },
	[MSG_E_MD_TABLE_ROW] = { DIAG_ERROR,
	    "table row of %zu cells, wider than the table's %zu columns: its "
	    "rows hold %zu cells, more than %llu (%s)" },
	[MSG_E_MD_TABLE_SQUARES] = { DIAG_ERROR,
	    "table rows too wide for the Markdown parser, whose time grows "
	    "with the square of a row's cells: the squares of the row widths "
	    "of the tables up to here add up to more than 2 x %llu^2 (%s)" },
	[MSG_E_MD_BRACKETS] = { DIAG_ERROR,
	    "image markers '![' left open before links: more than the "
	    "Markdown parser can take in bounded time (a fixed limit of %llu "
	    "link-image pairs in a file); images are not allowed in a role: "
	    "remove the '!['" },
	/* both formats */
	[MSG_E_FIELD_TWICE] = { DIAG_ERROR,
	    "duplicate %s '%s' (%s), first at line %d: keep one" },
	[MSG_E_LIST_EMPTY] = { DIAG_ERROR,
	    "%s (%s) is empty: write its items %s" },
	[MSG_E_LIST_REQUIRED] = { DIAG_ERROR,
	    "%s (%s) is empty: write its items %s; a role needs at least one "
	    "%s" },
	[MSG_E_SECTION_TITLE] = { DIAG_ERROR,
	    "an extra section needs a title: write one, or remove the "
	    "section" },
	[MSG_E_TOO_DEEP] = { DIAG_ERROR,
	    "nesting deeper than %d levels (%s)" },
	[MSG_W_LINK] = { DIAG_WARNING,
	    "%s" URL_DROPPED },
	[MSG_E_STEM_NOT_ID] = { DIAG_ERROR,
	    "the role has no id and its file name '%s' is not one ("
	    RB_ID_RULE "); rename the file or give the id" },
	[MSG_E_REQUIRED] = { DIAG_ERROR,
	    "missing required field '%s' (%s)%s" },
	[MSG_E_EMPTY] = { DIAG_ERROR,
	    "%s (%s) is empty%s" },
	[MSG_E_ID] = { DIAG_ERROR,
	    "id '%s' is not valid (" RB_ID_RULE ")" },
	[MSG_E_INT] = { DIAG_ERROR,
	    "%s '%s' must be a whole number >= 0 (e.g. 12)" },
	[MSG_E_ATTR_MISSING] = { DIAG_ERROR,
	    "%s has no %s (%s %s required)" },
	[MSG_E_ATTR_EMPTY] = { DIAG_ERROR,
	    "%s %s is empty: write %s or leave it out" },
	[MSG_E_PCT] = { DIAG_ERROR,
	    "%s %s '%s' must be an integer from 0 to 100 (percent of working "
	    "time)" },
	[MSG_E_SLUG] = { DIAG_ERROR,
	    "%s %s '%s' must be lowercase letters, digits and '_' "
	    "([a-z0-9_]+)" },
	[MSG_E_DECIMAL] = { DIAG_ERROR,
	    "%s %s '%s' is not a decimal number (e.g. 6 or 2.5)" },
	[MSG_E_WORD] = { DIAG_ERROR,
	    "%s %s '%s' must be %s" },
	[MSG_W_METRIC] = { DIAG_WARNING,
	    "%s %s '%s' is not counted by the sales report and has no "
	    "Chinese name; it counts %s" },
	[MSG_W_METRICS] = { DIAG_WARNING,
	    "%s %s '%s' and %zu more of this role are not counted by the "
	    "sales report and have no Chinese name; it counts %s" },
	[MSG_E_ENUM] = { DIAG_ERROR,
	    "unknown %s %s '%s' (allowed: %s)" },
	[MSG_E_ENUM_XML] = { DIAG_ERROR,
	    "unknown %s %s '%s'; in XML write '%s'" },
	[MSG_E_ATTR_TWICE] = { DIAG_ERROR,
	    "duplicate attribute '%s'" },
	[MSG_E_ATTR_NO_VALUE] = { DIAG_ERROR,
	    "attribute '%s' has no value (expected %s=...)" },
	[MSG_E_LABEL] = { DIAG_ERROR,
	    "a %s must start with %s" },
	[MSG_E_FIELDS] = { DIAG_ERROR,
	    "a %s needs %d fields separated by '|' (%s), found %zu" },
	[MSG_E_NOT_MAP] = { DIAG_ERROR,
	    "a %s must be a map with %s" },
	[MSG_W_ATTR_UNKNOWN] = { DIAG_WARNING,
	    "unknown %s attribute '%s'" },
	[MSG_W_ATTR_NEAR] = { DIAG_WARNING,
	    "unknown %s attribute '%s'; did you mean '%s'?" },
	[MSG_E_TARGET_TWICE] = { DIAG_ERROR,
	    "target '%s' given twice" },
	[MSG_E_ITEM_EMPTY] = { DIAG_ERROR,
	    "empty %s: write its text, or remove it" },
	[MSG_E_SUB_EMPTY] = { DIAG_ERROR,
	    "empty sub-item: write its text, or remove it" },
	[MSG_E_LIST_ITEM_EMPTY] = { DIAG_ERROR,
	    "empty list item: write its text after the list marker, or remove "
	    "the item" },
	[MSG_E_ITEM_SHAPE] = { DIAG_ERROR,
	    "a list item here must be a single paragraph (no nested list, no "
	    "second paragraph)" },
	[MSG_E_ITEM_SHAPE_SUBS] = { DIAG_ERROR,
	    "a list item of the %s must be a paragraph, maybe followed by a "
	    "list of its sub-items (no second paragraph)" },
	[MSG_E_SUB_SHAPE] = { DIAG_ERROR,
	    "a sub-item in the %s must be a single paragraph (no deeper list, "
	    "no second paragraph)" },
	[MSG_E_NO_SUBS_XML] = { DIAG_ERROR,
	    "<ol> holds no <li>: write the %s's sub-items, or remove the "
	    "<ol>" },
	[MSG_E_NO_DUTIES] = { DIAG_ERROR,
	    "role '%s' has no duties: %s" },
	[MSG_E_ID_STEM] = { DIAG_ERROR,
	    "id '%s' does not match the file name '%s'; rename the file or "
	    "change the id" },
	[MSG_E_ID_TWICE] = { DIAG_ERROR,
	    "duplicate id '%s' (also in %s)" },
	[MSG_E_ROLE_AMBIGUOUS] = { DIAG_ERROR,
	    "%s '%s' is ambiguous: %zu roles have that title (%s); write the "
	    "id" },
	[MSG_E_ROLE_NEAR] = { DIAG_ERROR,
	    "%s '%s' is not a role; did you mean '%s'?" },
	[MSG_E_ROLE_UNKNOWN] = { DIAG_ERROR,
	    "%s '%s' is not a role (an id or the title of one role)" },
	[MSG_E_SELF] = { DIAG_ERROR,
	    "role '%s' reports to itself" },
	[MSG_E_CYCLE] = { DIAG_ERROR,
	    "reporting cycle: %s" },
	[MSG_E_DEPT_UNKNOWN_ID] = { DIAG_ERROR,
	    "department '%s' is not an id in org.xml" },
	[MSG_E_DEPT_AMBIGUOUS] = { DIAG_ERROR,
	    "department '%s' is ambiguous: %zu departments have that name "
	    "(%s); write the id" },
	[MSG_E_DEPT_NEAR] = { DIAG_ERROR,
	    "department '%s' is not in org.xml; did you mean '%s'?" },
	[MSG_E_DEPT_UNKNOWN] = { DIAG_ERROR,
	    "department '%s' is not in org.xml (an id or the name of one "
	    "department)" },
	/* export */
	[MSG_W_EXPORT_AS_WRITTEN] = { DIAG_WARNING,
	    "%s (exported as written; rolebook check reports it as an "
	    "error)" },
};

void
rb_msg_v(struct diag *d, enum rb_msg id, const struct rb_pos *pos,
    va_list ap)
{
	diag_vpos(d, rb_msgs[id].level, pos, rb_msgs[id].text, ap);
}

void
rb_msg(struct diag *d, enum rb_msg id, const struct rb_pos *pos, ...)
{
	va_list ap;

	va_start(ap, pos);
	rb_msg_v(d, id, pos, ap);
	va_end(ap);
}

void
rb_msg_at(struct diag *d, enum rb_msg id, const char *file, int line,
    int col, ...)
{
	struct rb_pos pos;
	va_list ap;

	pos.file = file;
	pos.line = line;
	pos.col = col;
	va_start(ap, col);
	rb_msg_v(d, id, &pos, ap);
	va_end(ap);
}
