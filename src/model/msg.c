/*
 * msg.c — the texts of the role message catalogue (msg.h), in the order of
 * enum rb_msg.  A text says what is wrong and what to write instead, in
 * words that fit Markdown and XML alike.
 */
#include <stdarg.h>
#include "model.h"
#include "msg.h"

const struct rb_msgdef rb_msgs[MSG__MAX] = {
	[MSG_E_REQUIRED] = { DIAG_ERROR,
	    "missing required field '%s' (%s)%s" },
	[MSG_E_EMPTY] = { DIAG_ERROR,
	    "%s (%s) is empty%s" },
	[MSG_E_ID] = { DIAG_ERROR,
	    "id '%s' is not valid (" RB_ID_RULE ")" },
	[MSG_E_INT] = { DIAG_ERROR,
	    "%s '%s' must be a whole number >= 0 (e.g. 12)" },
	[MSG_E_SHARE] = { DIAG_ERROR,
	    "duty share '%s' must be an integer from 0 to 100 (percent of "
	    "working time)" },
	[MSG_E_FREQ_EMPTY] = { DIAG_ERROR,
	    "duty frequency is empty: write how often (每日, 每周, …) or "
	    "leave it out" },
	[MSG_E_TARGET_MISSING] = { DIAG_ERROR,
	    "target has no %s (metric, value and period are required)" },
	[MSG_E_METRIC] = { DIAG_ERROR,
	    "target metric '%s' must be lowercase letters, digits and '_' "
	    "([a-z0-9_]+)" },
	[MSG_E_DECIMAL] = { DIAG_ERROR,
	    "target value '%s' is not a decimal number (e.g. 6 or 2.5)" },
	[MSG_E_PERIOD] = { DIAG_ERROR,
	    "target period '%s' must be month, quarter or year" },
	[MSG_E_TARGET_TWICE] = { DIAG_ERROR,
	    "target '%s' given twice" },
	[MSG_E_DUTY_EMPTY] = { DIAG_ERROR,
	    "empty duty: write its text, or remove it" },
	[MSG_E_SUB_EMPTY] = { DIAG_ERROR,
	    "empty sub-item: write its text, or remove it" },
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
};

void
rb_msg(struct diag *d, enum rb_msg id, const struct rb_pos *pos, ...)
{
	va_list ap;

	va_start(ap, pos);
	diag_vpos(d, rb_msgs[id].level, pos, rb_msgs[id].text, ap);
	va_end(ap);
}
