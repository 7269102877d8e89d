/*
 * diag.h — the one diagnostics module.  Every module reports problems here
 * with a position; nothing prints to stderr on its own.  At the end of a run
 * diag_flush() prints them all, sorted by file, line and column, GCC style:
 *
 *	content/roles/x.md:12:5: error: reports_to 'foo' is not a role
 *
 * or, by format, as one JSON array (DIAG_JSON), or as GitHub Actions
 * workflow commands that annotate the file and line in a pull request
 * (DIAG_GITHUB; a note is a notice):
 *
 *	::error file=content/roles/x.md,line=12,col=5::reports_to 'foo' is not a role  A note stays right after the
 * error or warning it was recorded after (e.g. an include chain).  Columns count characters, not
 * bytes, and are 1-based; line or col 0 means "unknown" and is omitted.
 */
#ifndef RB_DIAG_H
#define RB_DIAG_H

#include <stdarg.h>

#include <stdio.h>

enum diag_level {
	DIAG_NOTE,
	DIAG_WARNING,
	DIAG_ERROR,	/* bad content: exit 1 */
	DIAG_FATAL	/* usage or environment: exit 2 */
};

/* A position in a source file.  file is borrowed (interned by the caller). */
struct rb_pos {
	const char	*file;
	int		 line;	/* 1-based; 0 unknown */
	int		 col;	/* 1-based, in characters; 0 unknown */
};

struct diag_item {
	char		*file;	/* owned copy, may be NULL */
	int		 line, col;
	enum diag_level	 level;
	char		*msg;	/* owned */
	unsigned	 seq;	/* arrival order, for a stable sort */
	/* Sort key: the item's own place, or for a note the place of the
	 * item it was recorded after (a note stays with its error). */
	const char	*kfile;	/* borrowed from that item */
	int		 kline, kcol;
	unsigned	 kseq;
};

enum diag_format {
	DIAG_TEXT,
	DIAG_JSON,	/* --diagnostics=json */
	DIAG_GITHUB	/* --diagnostics=github */
};

#define DIAG_MAX	10000	/* items recorded at most, by default */

struct diag {
	struct diag_item *items;
	size_t		  n, cap;
	int		  werror;	/* -Werror: warnings count as errors */
	enum diag_format  format;
	int		  nerr, nwarn, nfatal;
	unsigned	  max;		/* items recorded at most (0, 1: DIAG_MAX); the
					 * last says recording stopped (an error) */
};

void	diag_init(struct diag *);
void	diag_free(struct diag *);
void	diag_at(struct diag *, enum diag_level, const char *file, int line,
	    int col, const char *fmt, ...) __attribute__((format(printf, 6, 7)));
void	diag_pos(struct diag *, enum diag_level, const struct rb_pos *,
	    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* diag_pos() with its arguments in ap (for message catalogues). */
void	diag_vpos(struct diag *, enum diag_level, const struct rb_pos *,
	    const char *fmt, va_list ap);
/*
 * Recording has stopped at the cap (the last item, an error, says so):
 * a pass stops its work here, since nothing more it finds is recorded and
 * the run fails anyway (docs/security.md, "Limits").
 */
static inline int
diag_full(const struct diag *d)
{
	return d->n >= (d->max >= 2 ? d->max : DIAG_MAX);
}
/* The cap: items recorded at most (d->max, or 10,000). */
unsigned diag_cap(const struct diag *);
/* Errors recorded so far (with -Werror, warnings too). */
int	diag_failed(const struct diag *);
/* Sorts and prints everything recorded, then forgets it. */
void	diag_flush(struct diag *, FILE *);
/* 0 clean, 1 content errors (or warnings under -Werror), 2 fatal. */
int	diag_exit_code(const struct diag *);
/*
 * Moves everything recorded in src to the end of d, as if it had been
 * recorded into d directly (same order, notes kept with their item, the
 * same counts and limit), and leaves src empty.  For loader threads, which
 * record each file's diagnostics apart and merge them in file order.
 */
void	diag_merge(struct diag *, struct diag *src);
/*
 * For worker processes: diag_pack() appends the items of d to b as bytes
 * that diag_unpack() records again, in the same order, into another diag
 * (data[0..len) as packed; anything malformed is ignored).
 */
struct buf;
void	diag_pack(const struct diag *, struct buf *);
void	diag_unpack(struct diag *, const char *data, size_t len);

#endif
