/*
 * validate.h — checks across files: unique ids, id = file stem, every
 * reference resolves, no reporting cycles, required fields.  Fills the
 * derived fields of the model (superior, subs, dept, dept tree).
 */
#ifndef RB_VALIDATE_H
#define RB_VALIDATE_H

#include "../model/model.h"

/*
 * The rules of r's own fields (src/validate/role.c), for either format;
 * fills the typed values kept as written by the loaders (headcount,
 * duty shares).  The loaders call it on every role they return.
 */
void	val_role(struct diag *, struct rb_role *);

/* Returns the number of errors found (also recorded in d). */
int	validate_site(struct diag *, struct rb_site *);

#endif
