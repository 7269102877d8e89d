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
	/* ===== errors: one field ===== */
	MSG_E_REQUIRED,		/* a required field is missing */
	MSG_E_EMPTY,		/* a required field is empty */
	MSG_E_ID,		/* an id of the wrong form */
	MSG_E_INT,		/* not a whole number >= 0 */
	MSG_E_SHARE,		/* duty share not 0 to 100 */
	MSG_E_FREQ_EMPTY,	/* duty frequency given empty */
	MSG_E_TARGET_MISSING,	/* target without metric, value or period */
	MSG_E_METRIC,		/* target metric not [a-z0-9_]+ */
	MSG_E_DECIMAL,		/* target value not a decimal number */
	MSG_E_PERIOD,		/* target period not month|quarter|year */
	MSG_E_TARGET_TWICE,	/* the same target twice */
	MSG_E_DUTY_EMPTY,	/* a duty without text */
	MSG_E_SUB_EMPTY,	/* a duty's sub-item without text */
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
	MSG__MAX
};

struct rb_msgdef {
	enum diag_level	 level;
	const char	*text;	/* printf format; its arguments by id */
};

extern const struct rb_msgdef rb_msgs[MSG__MAX];

/* Reports message id at pos with the arguments its text takes. */
void	rb_msg(struct diag *, enum rb_msg id, const struct rb_pos *pos,
	    ...);

#endif
