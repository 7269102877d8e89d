/*
 * msg.h — the message catalogue of role content (mandoc's mandoc.h and
 * mandoc_msg.c): one id, one level and one text per rule, so that the
 * same mistake gets the same words whichever format the role is written
 * in.  For the field rules of src/validate (role.c, validate.c) and the
 * loaders (src/load) where they report what the field table checks.
 * Other subsystems (sales, templates) keep their own strings for now.
 */
#ifndef RB_VALMSG_H
#define RB_VALMSG_H

#include "../util/diag.h"

enum val_msg {
	/* ===== errors: one field ===== */
	VAL_E_REQUIRED,		/* a required field is missing */
	VAL_E_EMPTY,		/* a required field is empty */
	VAL_E_ID,		/* an id of the wrong form */
	VAL_E_INT,		/* not a whole number >= 0 */
	VAL_E_SHARE,		/* duty share not 0 to 100 */
	VAL_E_FREQ_EMPTY,	/* duty frequency given empty */
	VAL_E_TARGET_MISSING,	/* target without metric, value or period */
	VAL_E_METRIC,		/* target metric not [a-z0-9_]+ */
	VAL_E_DECIMAL,		/* target value not a decimal number */
	VAL_E_PERIOD,		/* target period not month|quarter|year */
	VAL_E_TARGET_TWICE,	/* the same target twice */
	VAL_E_DUTY_EMPTY,	/* a duty without text */
	VAL_E_SUB_EMPTY,	/* a duty's sub-item without text */
	/* ===== errors: across files ===== */
	VAL_E_NO_DUTIES,	/* a role without duties */
	VAL_E_ID_STEM,		/* id is not the file name */
	VAL_E_ID_TWICE,		/* two roles with one id */
	VAL_E_ROLE_AMBIGUOUS,	/* a title several roles have */
	VAL_E_ROLE_NEAR,	/* not a role, with a suggestion */
	VAL_E_ROLE_UNKNOWN,	/* not a role */
	VAL_E_SELF,		/* reports to itself */
	VAL_E_CYCLE,		/* a reporting cycle */
	VAL_E_DEPT_UNKNOWN_ID,	/* not a department id (no look-up left) */
	VAL_E_DEPT_AMBIGUOUS,	/* a name several departments have */
	VAL_E_DEPT_NEAR,	/* not a department, with a suggestion */
	VAL_E_DEPT_UNKNOWN,	/* not a department */
	VAL__MAX
};

struct val_msgdef {
	enum diag_level	 level;
	const char	*text;	/* printf format; its arguments by id */
};

extern const struct val_msgdef val_msgs[VAL__MAX];

/* Reports message id at pos with the arguments its text takes. */
void	val_msg(struct diag *, enum val_msg id, const struct rb_pos *pos,
	    ...);

#endif
