/*
 * util.h — allocation that never fails, a growable byte buffer, and UTF-8
 * helpers.  Used by every module of rolebook.
 *
 * Ownership: buf_detach() hands the bytes to the caller, who frees them.
 */
#ifndef RB_UTIL_H
#define RB_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <stdarg.h>
#include <string.h>

/* Allocation: these print a message and exit(2) on failure; never NULL. */
void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xrealloc(void *, size_t);
void	*xreallocarray(void *, size_t, size_t);
/* For arrays grown one element at a time with no capacity field: returns
 * p with room for element n (n elements in use), reallocating only when n
 * is 0 or a power of two, so the capacity doubles.  Only valid for arrays
 * grown through xgrow alone. */
void	*xgrow(void *p, size_t n, size_t size);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
char	*xasprintf(const char *, ...) __attribute__((format(printf, 1, 2)));

/* Growable buffer; data is always NUL-terminated when cap > 0. */
struct buf {
	char	*data;
	size_t	 len;	/* bytes used, excluding the terminating NUL */
	size_t	 cap;	/* bytes allocated */
};
#define BUF_INIT	{ NULL, 0, 0 }
#define BUF_PUTSL(b, s)	buf_put((b), (s), sizeof(s) - 1)

void	 buf_grow(struct buf *, size_t);	/* ensure room for n more bytes */
void	 buf_puts(struct buf *, const char *);

/* buf_put and buf_putc are inline: the hot paths of every writer (the room
 * test here, growth in buf_grow). */
static inline void
buf_put(struct buf *b, const void *p, size_t n)
{
	if (n >= b->cap - b->len)		/* cap 0: always grows */
		buf_grow(b, n);
	if (n)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

static inline void
buf_putc(struct buf *b, int c)
{
	if (b->cap - b->len < 2)
		buf_grow(b, 1);
	b->data[b->len++] = (char)c;
	b->data[b->len] = '\0';
}

void	 buf_printf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	 buf_vprintf(struct buf *, const char *, va_list);
void	 buf_put_utf8(struct buf *, uint32_t);	/* encode one code point */
void	 buf_reset(struct buf *);		/* len = 0, keeps memory */
void	 buf_free(struct buf *);
char	*buf_detach(struct buf *);		/* caller frees; buf emptied */

/*
 * UTF-8.  utf8_decode() reads one code point at s (at most n bytes), stores
 * it in *cp and returns its length in bytes, or returns 0 (and *cp =
 * 0xFFFD) on an invalid or truncated sequence, over-long forms and
 * surrogates included.
 */
size_t	 utf8_decode(const char *s, size_t n, uint32_t *cp);
/* Returns NULL when valid, else a pointer to the first bad byte. */
const char *utf8_invalid(const char *s, size_t n);
/* Number of code points in s[0..n). Invalid bytes count as one each. */
size_t	 utf8_count(const char *s, size_t n);
/*
 * Blanks: space, tab, and the ideographic space (U+3000) and no-break
 * space (U+00A0) that hand-aligned and pasted text carries.  The one rule
 * every loader trims by.  utf8_blank_len() is the length in bytes of the
 * blanks s[0..n) starts with, utf8_blank_rlen() of those it ends with.
 */
size_t	 utf8_blank_len(const char *s, size_t n);
size_t	 utf8_blank_rlen(const char *s, size_t n);
/*
 * 1-based line and character column of byte offset off in text (lines end
 * at '\n').  Used to turn parser byte positions into diagnostics.
 */
void	 utf8_linecol(const char *text, size_t off, int *line, int *col);
/*
 * Byte offset in text[0..len) of the nth (0: the first) cp at or after
 * line:col (1-based, col in characters), up to the first blank line after
 * that line (a paragraph's end); -1 when there is none.  Finds where in
 * its source a character a later stage could not use was written.
 */
long	 utf8_find_cp(const char *text, size_t len, int line, int col,
	    uint32_t cp, int nth);
/* Column in characters (1-based) of a byte column (1-based) on one line. */
int	 utf8_bytecol_to_col(const char *line, int bytecol);
/* The same for a line known to be valid UTF-8 (a loader checked the whole
 * file) and a byte column at the start of a character: counts the bytes
 * that start one, eight at a time. */
int	 utf8_bytecol_to_col_valid(const char *line, int bytecol);
/*
 * The same, for many columns of one long line: the count is kept at every
 * UTF8_COLS_STEP bytes of the line as far as asked, so that a column
 * costs at most that many bytes however the columns asked are ordered, and
 * the diagnostics of one long line cost its length, not its length times
 * their number.  A loader keeps one struct utf8_cols per source text,
 * zeroed, and frees it with utf8_cols_free().
 */
#define UTF8_COLS_STEP	4096
struct utf8_cols {
	const char	*line;	/* the line the marks are of; NULL: none */
	size_t		*marks;	/* marks[i]: characters before byte i * STEP */
	size_t		 nmarks, cap;
	int		 end;	/* the last mark is in the line's last chunk */
};
int	 utf8_col_valid(struct utf8_cols *, const char *line, int bytecol);
void	 utf8_cols_free(struct utf8_cols *);

/*
 * A hashed set of strings for duplicate checks and look-ups by name
 * (src/util/strset.c, glibc's hsearch_r).  strset_init() sizes it for max
 * keys; strset_add() stores val under key and returns NULL, or when key
 * is there already returns the value first stored under it (the set is
 * unchanged); strset_get() returns the value under key or NULL.  Keys are
 * borrowed: they must outlive the set.  Values must not be NULL.
 */
struct hsearch_data;
struct strset {
	struct hsearch_data *h;
	size_t		 n, max;
};
void	 strset_init(struct strset *, size_t max);
void	*strset_add(struct strset *, const char *key, void *val);
void	*strset_get(struct strset *, const char *key);
void	 strset_free(struct strset *);

/* Appends s escaped for XML text (&, <, >) or, with attr set, for a
 * double-quoted attribute (also "). */
void	 buf_put_xml(struct buf *, const char *s, int attr);
/* The same for n bytes of s. */
void	 buf_put_xmln(struct buf *, const char *s, size_t n, int attr);
/*
 * GBK / GB18030 text (gbk.c).  gbk_to_utf8() converts data[0..len) into
 * *out (caller frees; NUL-terminated, *outlen bytes) and returns 0, or
 * returns -1 with *bad (may be NULL) the offset of the first byte that is
 * not GB18030.  out may be NULL to test only.
 */
int	 gbk_to_utf8(const char *data, size_t len, char **out, size_t *outlen,
	    size_t *bad);
/*
 * The same for text in GB18030 or Big5 (CP950), whichever gives more
 * common characters (simplified or traditional) less the characters a
 * wrong reading makes (private use, kana, bopomofo, box drawing …);
 * *big5 is set when it is Big5.  *bad as gbk_to_utf8 gives it.  The one
 * rule of every reader of files that are not UTF-8; cjk_guess() tells
 * only which (CJK_NONE: neither converts).
 */
int	 cjk_to_utf8(const char *data, size_t len, char **out, size_t *outlen,
	    size_t *bad, int *big5);
enum cjk_enc { CJK_NONE, CJK_GB18030, CJK_BIG5 };
enum cjk_enc cjk_guess(const char *data, size_t len);
/* Appends s percent-encoded for a URL path segment (RFC 3986: every byte
 * but letters, digits and -._~ as %XX), e.g. a Unicode id in a link. */
void	 buf_put_pct(struct buf *, const char *s);
/* Levenshtein distance in bytes between a and b; 99 when either is longer
 * than 64 bytes.  For "did you mean" suggestions. */
int	 str_distance(const char *a, const char *b);

/* Reading files: whole file into memory, NUL-terminated. Returns -1 and sets
 * errno on failure.  maxsize 0 means no limit; larger files fail with EFBIG.
 * Only regular files are read: a FIFO, a device, a socket or a folder is
 * never opened for reading (errno EINVAL, EISDIR for a folder), so that
 * nothing blocks. */
int	 file_read(const char *path, size_t maxsize, char **data, size_t *len);
/*
 * file_read for content (docs/security.md, "files that are files"): the
 * same, and a symbolic link is followed only when the file it leads to is
 * inside folder top.  When the file is refused for what it is, returns -1
 * with *why saying so ("is a symbolic link leading out of the content
 * folder", "is not a regular file but a FIFO", ...); *why is NULL for an
 * ordinary error (errno).
 */
int	 file_read_in(const char *path, const char *top, size_t maxsize,
	    char **data, size_t *len, const char **why);
/* What the loaders add to *why in their diagnostic. */
#define FILE_REFUSED	"; not read (content files must be plain files " \
			"inside the content folder)"
/*
 * Writes data to path atomically: a temporary file in the same folder, then
 * rename().  When the file already holds exactly these bytes it is left
 * untouched (mtime unchanged) and 0 is returned; 1 when written; -1 on error.
 */
int	 file_write_atomic(const char *path, const void *data, size_t len);
/*
 * The same with flags: FILE_NOSYNC skips the fsync() before the rename
 * (for generated output that is cheap to rebuild, e.g. the 1,000 pages of
 * an HTML handbook: the rename still replaces each file whole).
 */
#define FILE_NOSYNC	0x01
int	 file_write_atomic_flags(const char *path, const void *data,
	    size_t len, int flags);
/*
 * The first half of an atomic write, for outputs of many files that must
 * all be written or none: when path does not already hold exactly these
 * bytes, writes them to a temporary file next to it, sets *tmp (caller
 * frees) and returns 1; the caller later renames *tmp to path, or unlinks
 * it to give up.  Returns 0 (and *tmp = NULL) when path is unchanged, -1 on
 * error (errno set).
 */
int	 file_stage(const char *path, const void *data, size_t len,
	    int flags, char **tmp);
/* mkdir -p; returns -1 on failure. */
int	 mkdir_p(const char *path);
/*
 * Removes the files <top>/<sub>/NAME<ext> whose name "<sub>/NAME" is not
 * one of keep[0..nkeep) (stale outputs of removed roles or departments).
 * A file that cannot be removed is a warning naming what (e.g. "page").
 */
struct diag;
void	 file_prune(struct diag *, const char *top, const char *sub,
	    const char *ext, const char *const *keep, size_t nkeep,
	    const char *what);
/*
 * For tests only: when RB_TEST_STALL_BEFORE_RENAME=N is set, sleeps N
 * seconds; with N:TEXT only when path (the file about to be renamed into
 * place; NULL for a set of files) contains TEXT.  Every atomic write calls
 * it between writing its temporary file and the rename, so that a test can
 * kill a run at that point.
 */
void	 file_test_stall(const char *path);

/*
 * lock.c: the lock of output folder out — an exclusive flock on the
 * nearest existing folder above it; nothing is created — held until
 * dir_unlock() or the end of the process.  With wait set a held lock is
 * waited for; else that fails with EWOULDBLOCK.  Returns the descriptor,
 * or -1 with errno.
 */
int	 dir_lock(const char *out, int wait);
/* The folder dir_lock() locks for out: the nearest existing one above it
 * (the caller frees). */
char	*dir_lock_holder(const char *out);
void	 dir_unlock(int fd);
/* Removes the temporary files (NAME.tmp.PID) under dir that a killed run
 * left (PID not running); call holding dir's lock.  Returns how many. */
int	 dir_sweep_tmp(const char *dir);

/*
 * Resource limits of a run (limit.c; docs/security.md, "Limits").  Each
 * has a name and a default; `--limit NAME=N` raises it.  Diagnostics about
 * a limit end with rb_limit_hint(l): "limit depth=100; raise it with
 * --limit depth=N".
 */
enum rb_limit {
	RB_LIM_FILE,		/* file-size: bytes of a role or org.xml file */
	RB_LIM_DATA,		/* data-size: bytes of a CSV or plan file */
	RB_LIM_DEPTH,		/* depth: nesting levels of rich text */
	RB_LIM_ROLES,		/* roles: role files in a content folder */
	RB_LIM_TABLE,		/* table-cells: cells of one table in a role */
	RB_LIM_ROWS,		/* csv-rows: data rows of one CSV file */
	RB_LIM_STAFF,		/* staff: people in staff.csv */
	RB_LIM_TMPL_STEPS,	/* tmpl-steps: Lua instructions per render */
	RB_LIM_TMPL_MEMORY,	/* tmpl-memory: bytes per render */
	RB_LIM_TMPL_MS,		/* tmpl-ms: wall clock per render */
	RB_LIM_OUTPUT,		/* output-size: bytes of one output document */
	RB_LIM_TOC,		/* toc-entries: entries of a document's TOCs */
	RB_LIM_CHART,		/* chart-cells: series x categories of a chart */
	RB_LIM__MAX
};
unsigned long long rb_limit(enum rb_limit);
int	 rb_limit_given(enum rb_limit);		/* set with rb_limit_set() */
unsigned long long rb_limit_max(enum rb_limit);	/* largest allowed value */
const char *rb_limit_name(enum rb_limit);
/* "limit NAME=VALUE; raise it with --limit NAME=N" (static storage). */
const char *rb_limit_hint(enum rb_limit);
/* The value as given by a user: sizes with K/M/G when exact. */
char	*rb_limit_str(enum rb_limit, char *out, size_t n);
/* Output-size, the one check of a finished output file dir/rel of len
 * bytes: 0, or -1 with the error reported to d. */
struct diag;
int	rb_limit_output(struct diag *, const char *dir, const char *rel,
	    size_t len);
/* Sets "NAME=N" (sizes may end in K, M or G: KiB, MiB, GiB).  Returns -1
 * with a message in err when the name is unknown or N is not a positive
 * number up to rb_limit_max(). */
int	 rb_limit_set(const char *spec, char *err, size_t errlen);
void	 rb_limit_reset(void);	/* back to the defaults (tests) */
/* "file-size, data-size, …" into out. */
void	 rb_limit_names(char *out, size_t n);

#endif
