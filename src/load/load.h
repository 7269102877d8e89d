/*
 * load.h — loaders: read content files into the model (model.h), reporting
 * every problem through struct diag with file:line:col.  Loaders check what
 * one file can show (syntax, schema, field types, UTF-8); checks across files
 * (references, cycles, unique ids) belong to src/validate.
 */
#ifndef RB_LOAD_H
#define RB_LOAD_H

#include "../util/util.h"
#include "../model/model.h"

/* Largest content file accepted, in bytes: the file-size limit (8 MiB;
 * src/util/limit.c, docs/security.md). */
#define RB_MAX_FILE	((size_t)rb_limit(RB_LIM_FILE))

/*
 * Loads one role file (path ending .md or .xml).  file is the interned path
 * used in positions.  Returns the role (caller frees) or NULL when the file
 * could not be loaded at all; a returned role may still carry errors, which
 * are in d.  data/len is the file's content (NUL-terminated).
 */
struct rb_role	*load_role_md(struct diag *, const char *file,
		    const char *data, size_t len);
struct rb_role	*load_role_xml(struct diag *, const char *file,
		    const char *data, size_t len);
/* Dispatches on the extension and reads the file; NULL on failure. */
struct rb_role	*load_role_file(struct diag *, struct rb_site *, const char *path);

/* Loads org.xml into org; returns 0 on success, -1 on failure (in d). */
int		 load_org(struct diag *, const char *file, const char *data,
		    size_t len, struct rb_org *);

/*
 * Loads a whole content folder: org.xml and roles/ (files in name order).
 * Returns 0 when the folder could be read (content errors are in d), -1 on
 * an environment error (folder missing: DIAG_FATAL in d).
 */
int		 load_site(struct diag *, const char *dir, struct rb_site *);

#endif
