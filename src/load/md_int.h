/*
 * md_int.h — shared by the two halves of the Markdown loader: md_front.c
 * reads the front matter (YAML between '---' lines, or the label lines and
 * title line of a pasted job description), md.c the body (cmark-gfm).
 * Not for other modules: load.h is the loader's interface.
 */
#ifndef RB_LOAD_MD_INT_H
#define RB_LOAD_MD_INT_H

#include <stddef.h>
#include <cmark-gfm.h>
#include "../util/util.h"
#include "../util/diag.h"
#include "../model/model.h"
#include "../model/fields.h"

/* Deepest Markdown nesting we walk: the depth limit (src/util/limit.c). */
#define MD_MAX_DEPTH	((int)rb_limit(RB_LIM_DEPTH))

/*
 * A line of the front matter's YAML copy: file line line; when kf > 0 a
 * pair of a row, "key: value", its key from file column kf, its value
 * from YAML column vy on at file column vf (columns 1-based, characters).
 */
struct md_yline {
	int		 line;
	int		 kf;
	int		 vy;
	int		 vf;
};

/* Everything one load needs. */
struct md_ctx {
	struct diag	*d;
	const char	*file;
	const char	*data;
	size_t		 len;
	size_t		*lines;		/* byte offset of each line start */
	int		 nlines;
	int		 body_off;	/* file line = cmark line + body_off */
	int		 yline;		/* file line of the front matter's first */
	int		 labels;	/* front matter as label lines, no '---' */
	struct rb_role	*role;
	int		 deep;		/* depth error already reported */
	struct utf8_cols cols;		/* columns counted on along a line */
	/* Inline rendering adjustments (attribute block, list prefixes). */
	cmark_node	*skip_node;	/* drop the first skip_len bytes of it */
	size_t		 skip_len;
	cmark_node	*cut_node;	/* keep only cut_len bytes of it ... */
	size_t		 cut_len;	/* ... and drop every later sibling */
	int		 soft_br;	/* a soft break is a <br/> (list items) */
	const char	*tlabel;	/* an item's label from a table cell */
	size_t		 tlabel_len;
	/* Front-matter lines whose full-width colon after the key was read
	 * as ": " (two characters more): columns after it shift back. */
	int		*fwl;		/* 1-based file lines */
	int		*fwc;		/* column of the colon there */
	size_t		 nfw;
	/* When the front matter had rows (a table's, or two keys on a line)
	 * its YAML copy holds one "key: value" line a pair: where each of
	 * the copy's lines came from (md_front.c, S_yrows). */
	struct md_yline	*ymap;
	size_t		 nymap;
	int		 moved;		/* nfw or nymap > 0: S_ypos() maps */
	/* Body lines (cmark's, ascending) that are headings only because
	 * their number continues the headings' (S_outline_next). */
	int		*numh;
	size_t		 nnumh, numhcap;
};

/* Position of 1-based file line and 1-based byte column, in characters. */
struct rb_pos	 md_filepos(struct md_ctx *, int line, int bytecol);
/* Trims ASCII white space at both ends of s[0..*n); returns the new start. */
const char	*md_trim(const char *s, size_t *n);
/* Warns that key is not an attribute of items id, naming the nearest. */
void		 md_unknown_attr(struct md_ctx *, const struct rb_pos *,
		    const struct rb_itemdef *, const char *key);

/*
 * md_front.c: reads the front matter of c (its data, lines, file and new
 * role set) into c->role, and where the role starts into its head.
 * Returns the 0-based index of the body's first line, or -1 when the role
 * cannot be read (reported).
 */
int		 md_front(struct md_ctx *c);

#endif
