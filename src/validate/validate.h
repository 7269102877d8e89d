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

struct rb_itemdef;
struct rb_attrdef;
/*
 * For the loaders, an enumerated attribute's rule (it is kept as its
 * index, not as written): the index of v among a's names (xml set) or any
 * spelling a->parse() accepts; else -1, reported at p.
 */
int	val_item_enum(struct diag *, const struct rb_itemdef *,
	    const struct rb_attrdef *, const char *v, const struct rb_pos *p,
	    int xml);
/* Reports required attribute a of an item of id missing at p. */
void	val_item_missing(struct diag *, const struct rb_itemdef *,
	    const struct rb_attrdef *, const struct rb_pos *p);

/* Returns the number of errors found (also recorded in d). */
int	validate_site(struct diag *, struct rb_site *);

#endif
