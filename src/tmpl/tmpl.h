/*
 * tmpl.h — the template engine: Lua templates (`<%= %>`, `<%- %>`, `<% %>`,
 * `<%# %>`) compiled once per file and run in a sandboxed Lua state with
 * instruction, memory and wall-clock limits.  Templates see the model as
 * read-only data built with the tmpl_val builder below.  See
 * docs/templates.md for the template language.
 *
 * Used by the HTML and PDF renderers (through src/doc) and the CLI.
 * Ownership: the engine owns every string it hands out through a srcmap
 * (rb_pos.file); they stay valid until tmpl_free().
 */
#ifndef RB_TMPL_H
#define RB_TMPL_H

#include <stddef.h>
#include "../util/util.h"
#include "../util/diag.h"
#include "../doc/doc.h"

/* Limits for one render; 0 in a field selects its default. */
struct tmpl_limits {
	unsigned long	 instructions;	/* Lua VM instructions [default 50M] */
	size_t		 memory;	/* bytes over the engine's baseline [64 MiB] */
	unsigned	 ms;		/* wall clock [default 1000 ms] */
	const char	*hint;		/* how a user raises a limit, e.g. a CLI
					   option; appended to limit errors; a
					   "%s" in it becomes the limit's name
					   (steps, ms, memory) */
	int		 json;		/* the watchdog, which prints its own
					   diagnostic, prints it as JSON */
};

#define TMPL_DEFAULT_INSTRUCTIONS	50000000UL
#define TMPL_DEFAULT_MEMORY		((size_t)64 << 20)
#ifndef TMPL_DEFAULT_MS		/* -D for measuring under valgrind */
#define TMPL_DEFAULT_MS			1000U
#endif

struct tmpl;

/*
 * Creates an engine.  userdir (may be NULL) is searched before builtindir
 * (may be NULL, but not both) for template names.  limits may be NULL.
 * Never returns NULL (allocation failure exits).
 */
struct tmpl	*tmpl_new(const char *userdir, const char *builtindir,
		    const struct tmpl_limits *limits);
void		 tmpl_free(struct tmpl *);

/*
 * Read-only data for templates: a tree of values built in C, converted to
 * read-only Lua tables at render time.  A map's keys become the template's
 * global variables when it is the render root.
 */
enum tmpl_vtype {
	TMPL_NIL, TMPL_BOOL, TMPL_INT, TMPL_NUM, TMPL_STR, TMPL_ARRAY, TMPL_MAP,
	TMPL_REF
};

struct tmpl_val;

struct tmpl_val	*tmpl_val_map(void);
struct tmpl_val	*tmpl_val_array(void);
struct tmpl_val	*tmpl_val_str(const char *);		/* copies */
struct tmpl_val	*tmpl_val_strn(const char *, size_t);	/* copies */
/* Not copied: s must outlive the value (e.g. strings of the model). */
struct tmpl_val	*tmpl_val_str_borrow(const char *s);
struct tmpl_val	*tmpl_val_int(long long);
struct tmpl_val	*tmpl_val_num(double);
struct tmpl_val	*tmpl_val_bool(int);
/*
 * A borrowed reference: templates see target itself (the same table within
 * a render).  References let one value appear in several places (a role
 * under its department and in the list of all roles) and may form cycles
 * (role.department.roles[1]).  target is not owned: it must outlive every
 * render that reaches it.  Containers are converted lazily, as templates
 * read them, so a large shared tree costs only what a render reads.
 */
struct tmpl_val	*tmpl_val_ref(const struct tmpl_val *target);
/* Frees v and everything it holds (not the targets of references). */
void		 tmpl_val_free(struct tmpl_val *v);
/*
 * Stores v under key in map m (a later set of the same key replaces the
 * earlier value) and takes ownership of v.  Returns v.
 */
struct tmpl_val	*tmpl_map_set(struct tmpl_val *m, const char *key,
		    struct tmpl_val *v);
/* Appends v to array a, taking ownership.  Returns v. */
struct tmpl_val	*tmpl_array_push(struct tmpl_val *a, struct tmpl_val *v);
/* Shorthands: set a scalar, or create a child container and return it. */
void		 tmpl_map_str(struct tmpl_val *, const char *key, const char *);
void		 tmpl_map_int(struct tmpl_val *, const char *key, long long);
void		 tmpl_map_bool(struct tmpl_val *, const char *key, int);
struct tmpl_val	*tmpl_map_map(struct tmpl_val *, const char *key);
struct tmpl_val	*tmpl_map_array(struct tmpl_val *, const char *key);

/* Reading values from C (references are followed).  len: items of an array
 * or map, else 0; item/key: NULL out of range; map_get: NULL if absent;
 * string: NULL unless a string. */
size_t		 tmpl_val_len(const struct tmpl_val *);
const struct tmpl_val *tmpl_val_item(const struct tmpl_val *, size_t i);
const char	*tmpl_val_key(const struct tmpl_val *, size_t i);
const struct tmpl_val *tmpl_map_get(const struct tmpl_val *, const char *key);
const char	*tmpl_val_string(const struct tmpl_val *);
/* The type of v itself (TMPL_REF for a reference); the value a reference
 * leads to (v itself when not one; NULL: dangling); the type after
 * references and, for a scalar, its bytes (*p, *n; else NULL, 0). */
enum tmpl_vtype	 tmpl_val_type(const struct tmpl_val *);
const struct tmpl_val *tmpl_val_deref(const struct tmpl_val *);
enum tmpl_vtype	 tmpl_val_bytes(const struct tmpl_val *, const void **p,
		    size_t *n);

/*
 * Dependency tracking, for incremental builds: with tmpl_track(t, 1) each
 * render records the containers (maps and arrays, references followed) of
 * its data that the templates read, each once, in the order first read;
 * tmpl_read() gives those of the last render.  Every read of the data
 * goes through a container's proxy, so a render whose read containers hold
 * the same keys, scalars and container identities gives the same output.
 */
void		 tmpl_track(struct tmpl *, int on);
/* The templates folders: 0 the user's (may be NULL), 1 the built-in. */
const char	*tmpl_dir(const struct tmpl *, int which);
const struct tmpl_val *const *tmpl_read(const struct tmpl *, size_t *n);

/*
 * The path ("dir/name") of a file of the templates folders, user folder
 * first, with the same name rules and containment as include(); NULL when
 * absent or refused.  The caller frees it.  Used for style.css.
 */
char		*tmpl_find(struct tmpl *, const char *name);

/*
 * Renders template name (e.g. "role.lua.html") with root (a map, or NULL)
 * as its globals, appending the output to out and recording in map (may be
 * NULL) the template file:line of each piece of output.  Errors — compile,
 * runtime, undefined variables, sandbox and limit violations — are reported
 * to d as DIAG_ERROR at the template's file:line (plus DIAG_NOTE lines for
 * the include chain).  Returns 0 on success, -1 on error; on error out holds
 * partial output.
 */
int		 tmpl_render(struct tmpl *, struct diag *d, const char *name,
		    const struct tmpl_val *root, struct buf *out,
		    struct doc_srcmap *map);

/*
 * The formatting helpers templates see, for C callers too.  Each appends to
 * b and returns 0, or returns -1 (b untouched) on a bad argument.
 */
/* "2026-01-01" -> "2026年1月1日"; "2026-01" -> "2026年1月". */
int	tmpl_fmt_date(struct buf *b, const char *iso);
/* 12345.5, 2 -> "12,345.50"; decimals 0..9. */
int	tmpl_fmt_number(struct buf *b, double x, int decimals);
/* 1 -> "一", 10 -> "十", 11 -> "十一", 105 -> "一百零五"; 1..9999. */
int	tmpl_cn_ordinal(struct buf *b, long long n);
/* 123456 (fen) -> "1,234.56"; negative amounts get a leading '-'. */
int	tmpl_fmt_yuan(struct buf *b, long long fen);
/* HTML/XML escaping of & < > " ' (always succeeds). */
void	tmpl_esc(struct buf *b, const char *s, size_t n);

#endif
