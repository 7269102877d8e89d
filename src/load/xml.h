/*
 * xml.h — shared machinery of the XML loaders (src/load/xml.c for roles,
 * src/load/org.c for org.xml): safe parsing from memory with libxml2 (no
 * DOCTYPE, no network, no entity expansion), RELAX NG validation against
 * schema/{role,org}.rng, and diagnostics with line and character column.
 *
 * The schemas are found in the folder given to load_set_schema_dir(), else
 * in "schema" relative to the working folder, else in RB_DATADIR "/schema".
 * Each is loaded once per process; load_xml_cleanup() frees them.
 */
#ifndef RB_LOAD_XML_H
#define RB_LOAD_XML_H

#include <libxml/tree.h>
#include "../model/model.h"
#include "../util/util.h"
#include "../model/msg.h"

struct buf;

/* Where schema/role.rng and schema/org.rng live (copied; NULL: default). */
void	load_set_schema_dir(const char *);
/* The folder the schemas are read from now (the rule above). */
const char *load_schema_dir(void);
/* Frees the cached schemas and libxml2's global state. */
void	load_xml_cleanup(void);

/* ---- Internal to src/load/{xml,org}.c ---- */

/* A RELAX NG error held back until the loader's own checks have run. */
struct xml_pending {
	int		 line, col;
	enum rb_msg	 id;	/* MSG_E_SCHEMA: msg is RELAX NG's words;
				 * MSG_E_SCHEMA_MISMATCH: the schema's name */
	char		*msg;
};

/* One XML source being loaded. */
struct xml_src {
	struct diag	*d;
	const char	*file;
	const char	*data;
	size_t		 len;
	size_t		*lines;		/* byte offset of each line start */
	size_t		 nlines;
	int		 nerr0;		/* d->nerr when loading began */
	char		*owned;		/* data converted from GBK, or NULL */
	struct utf8_cols cols;		/* columns counted on along a line */
	struct xml_pending *pend;	size_t npend;
	const char	*schema;	/* name of the schema validating */
};

/*
 * Checks UTF-8, refuses a DOCTYPE and parses data.  Returns the document
 * or NULL (errors in d).  xs must be released with load_xml_close().
 */
xmlDocPtr	 load_xml_open(struct xml_src *, struct diag *, const char *file,
		    const char *data, size_t len);
/* Reports data[0..len) as not UTF-8 at bad, with the GBK or Big5 hint
 * when it reads as either (Markdown roles). */
void		 load_not_utf8(struct diag *, const char *file, const char *data,
		    size_t len, const char *bad);
/* Validates against schema/<name> (role.rng, org.rng), errors held back;
 * called after the own checks, and does nothing when they found errors. */
void		 load_xml_validate(struct xml_src *, xmlDocPtr, const char *name);
/* Reports held-back schema errors if the own checks found none; frees. */
void		 load_xml_close(struct xml_src *, xmlDocPtr);
/* Errors since load_xml_open(). */
int		 load_xml_nerr(const struct xml_src *);
/* Position of a node (line, character column of its '<name'). */
void		 load_xml_pos(struct xml_src *, xmlNodePtr, struct rb_pos *);
/* Position of attribute name (as written, prefix:name when namespaced) of
 * element e: of its name, or with value set of its value's first
 * character; the element's position when it cannot be found. */
void		 load_xml_attr_pos(struct xml_src *, xmlNodePtr e,
		    const char *name, int value, struct rb_pos *);
/* Reports catalogue message id (src/model/msg.h) with the arguments its
 * text takes, at the position of node n, or at load_xml_attr_pos() of
 * attribute name of element e.  The loaders word nothing themselves
 * (tests/check-msgs.sh). */
void		 load_xml_msg(struct xml_src *, xmlNodePtr n, enum rb_msg id,
		    ...);
void		 load_xml_attr_msg(struct xml_src *, xmlNodePtr e,
		    const char *name, int value, enum rb_msg id, ...);
/* Attribute value (caller frees with free()) or NULL. */
char		*load_xml_attr(xmlNodePtr, const char *name);
/* Reports every attribute of node not in the NULL-terminated allowed. */
void		 load_xml_check_attrs(struct xml_src *, xmlNodePtr,
		    const char *const *allowed);
/* The name in the NULL-terminated names nearest to s (a typo), or NULL. */
const char	*load_xml_suggest(const char *s, const char *const *names);
/* Appends the NULL-terminated names joined by ", ", the last two by last
 * (" or "); load_xml_listn the n names of an array without a NULL. */
void		 load_xml_list(struct buf *, const char *const *names,
		    const char *last);
void		 load_xml_listn(struct buf *, const char *const *names,
		    size_t n, const char *last);
/* Text content of a plain element, trimmed; elements inside are errors. */
char		*load_xml_plain(struct xml_src *, xmlNodePtr);
/* Reports non-blank text directly inside a structural element. */
void		 load_xml_no_text(struct xml_src *, xmlNodePtr);
/* Is node an element called name (no namespace)? */
int		 load_xml_is(xmlNodePtr, const char *name);

#endif
