/*
 * export.h — writes the canonical XML of a role (docs/content-format.md).
 * The output of export_role_xml() loads back to an equal model.
 */
#ifndef RB_EXPORT_H
#define RB_EXPORT_H

#include "../model/model.h"
#include "../util/util.h"

void	export_role_xml(struct buf *, const struct rb_role *);

#endif
