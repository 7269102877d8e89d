/*
 * validate.h — checks across files: unique ids, id = file stem, every
 * reference resolves, no reporting cycles, required fields.  Fills the
 * derived fields of the model (superior, subs, dept, dept tree).
 */
#ifndef RB_VALIDATE_H
#define RB_VALIDATE_H

#include "../model/model.h"

/* Returns the number of errors found (also recorded in d). */
int	validate_site(struct diag *, struct rb_site *);

#endif
