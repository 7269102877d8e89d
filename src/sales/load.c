/*
 * load.c — loads and checks the sales data of a run: staff.csv, each
 * month's events.csv, incidents.csv and targets.csv (one table-driven row
 * loader: the columns, their Chinese aliases and the kind of value each
 * holds are in S_events, S_incidents and S_targets), and the plan files
 * (parsed by plan.c).  Every bad row is reported with file:line:col and
 * left out; a problem repeated in one column is reported once, with its
 * count and first lines; a row that fails only because of an earlier
 * error (its person's or team's staff.csv row was rejected) is not
 * reported again.  The caller refuses to compute while errors remain.
 * Internal to src/sales.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "sales_int.h"

/* ---- one file's diagnostics, repeated problems summarised ---- */

/* A problem: its first message and place, how many rows, the first
 * three lines. */
struct S_prob {
	const char	*fmt;	/* the message's format: the kind of problem */
	int		 col;	/* column index; -1 for the row */
	char		*msg;
	int		 line, c;
	int		 n;
	int		 lines[3];
};

/* A CSV file being loaded. */
struct S_file {
	struct sales_ctx	*ctx;
	struct csv		 csv;
	const char		*file;		/* display name */
	const struct csv_col	*cols;
	int			 map[CSV_MAX_COLS];
	struct S_prob		*probs;
	size_t			 nprobs;
};

/*
 * Reports a problem at line:c (at field f when not NULL) in column col:
 * the first one of its kind (fmt) in the column is kept with its message,
 * later ones are counted; S_flush() reports it once.
 */
static void __attribute__((format(printf, 6, 7)))
S_bad(struct S_file *lf, int col, const struct csv_field *f, int line, int c,
    const char *fmt, ...)
{
	struct S_prob *p;
	struct buf b = BUF_INIT;
	va_list ap;
	size_t i;

	if (f != NULL) {
		line = f->line;
		c = f->col;
	}
	for (i = 0; i < lf->nprobs; i++) {
		p = &lf->probs[i];
		if (p->fmt == fmt && p->col == col) {
			if (p->n < 3)
				p->lines[p->n] = line;
			p->n++;
			return;
		}
	}
	lf->probs = xgrow(lf->probs, lf->nprobs, sizeof(*lf->probs));
	p = &lf->probs[lf->nprobs++];
	memset(p, 0, sizeof(*p));
	p->fmt = fmt;
	p->col = col;
	p->line = p->lines[0] = line;
	p->c = c;
	p->n = 1;
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	p->msg = buf_detach(&b);
}

/* Reports the file's problems, each once; one that repeats says in how
 * many rows and the first three lines. */
static void
S_flush(struct S_file *lf)
{
	struct S_prob *p;
	struct buf b = BUF_INIT;
	const struct csv_row *h;
	size_t i;
	int k;

	for (i = 0; i < lf->nprobs; i++) {
		p = &lf->probs[i];
		buf_reset(&b);
		buf_puts(&b, p->msg);
		if (p->n > 1) {
			buf_printf(&b, " (%d rows", p->n);
			h = lf->csv.nrows ? &lf->csv.rows[0] : NULL;
			if (p->col >= 0 && h && lf->map[p->col] >= 0)
				buf_printf(&b, " of column '%s'",
				    h->f[lf->map[p->col]].s);
			buf_puts(&b, " have this problem: lines");
			for (k = 0; k < p->n && k < 3; k++)
				buf_printf(&b, "%s %d", k ? "," : "",
				    p->lines[k]);
			buf_puts(&b, p->n > 3 ? ", …)" : ")");
		}
		diag_at(lf->ctx->d, DIAG_ERROR, lf->file, p->line, p->c, "%s",
		    b.data);
		free(p->msg);
	}
	buf_free(&b);
	free(lf->probs);
	lf->probs = NULL;
	lf->nprobs = 0;
}

/* ---- reading a file ---- */

/* qsort/bsearch comparator for arrays of strings. */
static int
S_strcmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names of a CSV file: encoding detected, or declared (csv_decode). */
static const char *const S_sfx[] = { ".csv", ".gbk.csv", ".gb18030.csv",
    ".big5.csv" };
static const char *const S_encs[] = { NULL, "GBK", "GB18030", "Big5" };
#define S_NSFX	(sizeof(S_sfx) / sizeof(S_sfx[0]))

/*
 * Finds the file base.csv (encoding detected) or base.gbk.csv /
 * base.gb18030.csv / base.big5.csv (declared) in folder dir, whose sorted
 * listing is names.  Sets *rel (caller frees) and *enc.  Returns 1 found,
 * 0 absent, -1 when more than one exists (reported).
 */
static int
S_find_csv(struct sales_ctx *ctx, const char *dir, char **names, size_t n,
    const char *base, char **rel, const char **enc)
{
	char *name, *first = NULL, *r2, *disp;
	size_t i, k;

	*rel = NULL;
	for (k = 0; k < S_NSFX; k++) {
		name = xasprintf("%s%s", base, S_sfx[k]);
		for (i = 0; i < n; i++)
			if (strcmp(names[i], name) == 0)
				break;
		if (i == n) {
			free(name);
			continue;
		}
		if (first != NULL) {
			r2 = xasprintf("%s%s%s", dir, *dir ? "/" : "", name);
			disp = src_name(&ctx->src, r2);
			diag_at(ctx->d, DIAG_ERROR, disp, 0, 0, "both %s and "
			    "%s exist; keep one", first, name);
			free(disp);
			free(r2);
			free(name);
			free(first);
			free(*rel);
			*rel = NULL;
			return -1;
		}
		first = name;
		*rel = xasprintf("%s%s%s", dir, *dir ? "/" : "", name);
		*enc = S_encs[k];
	}
	free(first);
	return *rel != NULL;
}

/*
 * Reads, decodes and parses the CSV rel into lf and maps its header to
 * the ncols columns cols.  Returns 0, or -1 when the file cannot be used
 * (reported).  lf->file is set either way.
 */
static int
S_open(struct sales_ctx *ctx, struct S_file *lf, const char *rel,
    const char *enc, const struct csv_col *cols, size_t ncols)
{
	char *raw, *text, *name;
	size_t rawlen, len;
	int r;

	memset(lf, 0, sizeof(*lf));
	lf->ctx = ctx;
	lf->cols = cols;
	name = src_name(&ctx->src, rel);
	lf->file = lf->csv.file = ctx_file(ctx, name);
	free(name);
	if (src_read(ctx->d, &ctx->src, rel, &raw, &rawlen) != 1)
		return -1;
	r = csv_decode(ctx->d, lf->file, enc, raw, rawlen, &text, &len);
	free(raw);
	if (r == -1)
		return -1;
	r = csv_parse(ctx->d, lf->file, text, len, &lf->csv);
	free(text);
	if (r == -1)
		return -1;
	return csv_header(ctx->d, &lf->csv, cols, ncols, lf->map, ctx_warn_cb,
	    ctx);
}

/* Frees lf after reporting its problems. */
static void
S_close(struct S_file *lf)
{
	S_flush(lf);
	csv_free(&lf->csv);
}

/* Field i of row r, or an empty field placed at the row's end when the
 * column is absent. */
static const struct csv_field *
S_fld(const struct S_file *lf, const struct csv_row *r, size_t i)
{
	static struct csv_field empty;

	if (lf->map[i] < 0 || (size_t)lf->map[i] >= r->nf) {
		empty.s = (char *)"";
		empty.len = 0;
		empty.line = r->line;
		empty.col = r->endcol;
		return &empty;
	}
	return &r->f[lf->map[i]];
}

/* Checks that row r has the header's fields (trailing empty ones, as
 * spreadsheets write them, aside). */
static int
S_row_width(struct S_file *lf, const struct csv_row *r)
{
	size_t w = lf->csv.width, i;

	if (r->nf < w) {
		S_bad(lf, -1, NULL, r->line, r->endcol, "%zu fields, but the "
		    "header has %zu", r->nf, w);
		return -1;
	}
	for (i = w; i < r->nf; i++)
		if (r->f[i].len || r->f[i].quoted) {
			S_bad(lf, -1, NULL, r->line, r->f[w].col, "%zu fields, "
			    "but the header has %zu; quote fields that contain "
			    "commas", r->nf, w);
			return -1;
		}
	return 0;
}

/* ---- values ---- */

#define S_DATES	"YYYY-MM-DD, YYYY/M/D, YYYY.M.D or YYYY年M月D日"

/* Parses a date field; reports and returns -1 when bad. */
static int
S_date(struct S_file *lf, int col, const struct csv_field *f,
    const char *what)
{
	int v;

	if (f->len == 0) {
		S_bad(lf, col, f, 0, 0, "missing %s (a date: " S_DATES ")",
		    what);
		return -1;
	}
	switch (val_date_parse(f->s, f->len, &v)) {
	case VAL_DATE_OK:
		return v;
	case VAL_DATE_ORDER:
		S_bad(lf, col, f, 0, 0, "%s '%s' does not start with the "
		    "year, so day and month are ambiguous; write "
		    S_DATES, what, f->s);
		return -1;
	case VAL_DATE_BAD:
		S_bad(lf, col, f, 0, 0, "%s '%s' is not a real date (no such day "
		    "in that month)", what,
		    f->s);
		return -1;
	default:
		S_bad(lf, col, f, 0, 0, "bad %s '%s': write a date as "
		    S_DATES, what, f->s);
		return -1;
	}
}

/* Parses an amount field into fen; reports and returns -1 when bad. */
static int
S_amount(struct S_file *lf, int col, const struct csv_field *f,
    const char *what, int64_t *fen)
{
	enum val_money e;
	size_t bad;
	int c;

	e = val_money_parse(f->s, f->len, fen, &bad);
	/* Inside a quoted field the text starts after the quote. */
	c = f->col + (f->quoted ? 1 : 0) + (int)utf8_count(f->s, bad);
	switch (e) {
	case VAL_MONEY_OK:
		return 0;
	case VAL_MONEY_EMPTY:
		S_bad(lf, col, f, 0, 0, "missing %s (yuan, e.g. 128000.00)",
		    what);
		break;
	case VAL_MONEY_NEG:
		S_bad(lf, col, f, 0, 0, "negative %s '%s'", what, f->s);
		break;
	case VAL_MONEY_DECIMALS:
		S_bad(lf, col, NULL, f->line, c, "%s '%s' has more than 2 "
		    "decimals", what, f->s);
		break;
	case VAL_MONEY_SEP:
		S_bad(lf, col, NULL, f->line, c, "%s '%s': thousands "
		    "separators go between groups of 3 digits, e.g. "
		    "128,000.00", what, f->s);
		break;
	case VAL_MONEY_RANGE:
		S_bad(lf, col, f, 0, 0, "%s '%s' is too large", what, f->s);
		break;
	default:
		S_bad(lf, col, NULL, f->line, c, "bad %s '%s': write yuan as "
		    "digits with up to 2 decimals, e.g. 128000.00, "
		    "128,000.00, ¥128000 or 128000元", what, f->s);
		break;
	}
	return -1;
}

/* Does s hold a control character (newline included)? */
static int
S_has_ctrl(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7F)
			return 1;
	return 0;
}

/* Adds s to the sorted-later list *v of *n strings (rejected staff). */
static void
S_remember(char ***v, size_t *n, const char *s)
{
	*v = xreallocarray(*v, *n + 1, sizeof(**v));
	(*v)[(*n)++] = xstrdup(s);
}

/* Is s in the sorted list v of n strings? */
static int
S_known(char **v, size_t n, const char *s)
{
	return n > 0 && bsearch(&s, v, n, sizeof(*v), S_strcmp) != NULL;
}

/* ---- staff.csv ---- */

enum { ST_ID, ST_NAME, ST_ROLE, ST_TEAM, ST_HIRED, ST_LEFT, ST__MAX };

static const struct csv_col S_staff_cols[ST__MAX] = {
	{ "id", "工号", 0 }, { "name", "姓名", 0 }, { "role", "岗位", 0 },
	{ "team", "团队", 0 }, { "hired", "入职日期", 0 },
	{ "left", "离职日期", 0 } };

/* A comparison c, ties broken by line la vs lb. */
static int
S_then_line(int c, int la, int lb)
{
	if (c != 0)
		return c;
	return la < lb ? -1 : la > lb;
}

/* Staff in natural id order, then file order (for the duplicate check). */
static int
S_staff_cmp(const void *a, const void *b)
{
	const struct staff *x = a, *y = b;

	return S_then_line(val_idcmp(x->id, y->id), x->line, y->line);
}

/*
 * The role of a staff row: a role id, or the title of exactly one role.
 * Returns the role id (borrowed from f or the site), or NULL (reported).
 */
static const char *
S_role(struct S_file *lf, const struct csv_field *f)
{
	const struct rb_site *site = lf->ctx->site;
	const char *id = NULL, *other = NULL;
	size_t i;

	if (f->len == 0) {
		S_bad(lf, ST_ROLE, f, 0, 0, "missing role (a role id or "
		    "title)");
		return NULL;
	}
	if (rb_id_valid(f->s, f->len) &&
	    (site == NULL || rb_site_role(site, f->s) != NULL))
		return f->s;
	/* A role whose file did not load: its error is the cause, the row
	 * is left out silently (as the rows of a rejected person are). */
	if (site != NULL && rb_site_broken(site, f->s))
		return NULL;
	for (i = 0; site != NULL && i < site->nroles; i++) {
		if (site->roles[i]->title.s == NULL ||
		    strcmp(site->roles[i]->title.s, f->s) != 0)
			continue;
		if (id == NULL)
			id = site->roles[i]->id;
		else if (other == NULL)
			other = site->roles[i]->id;
	}
	if (id != NULL && other == NULL)
		return id;
	if (other != NULL)
		S_bad(lf, ST_ROLE, f, 0, 0, "'%s' is the title of more than "
		    "one role (%s, %s, …); write the role id", f->s, id,
		    other);
	else if (site == NULL)
		S_bad(lf, ST_ROLE, f, 0, 0, "bad role id '%s'", f->s);
	else
		S_bad(lf, ST_ROLE, f, 0, 0, "role '%s' is neither a role id "
		    "nor a role's title (roles/*.md or .xml)", f->s);
	return NULL;
}

/* Lists the files directly in the content folder. */
static char **
S_top_files(const struct sales_ctx *ctx, size_t *n)
{
	char **names = NULL;
	size_t i;

	if (ctx->src.dir != NULL)
		return src_list(&ctx->src, "", n);
	*n = 0;
	for (i = 0; i < ctx->src.nfiles; i++)
		if (strchr(ctx->src.files[i].path, '/') == NULL) {
			names = xreallocarray(names, *n + 1, sizeof(*names));
			names[(*n)++] = xstrdup(ctx->src.files[i].path);
		}
	return names;
}

/* One staff row: 0 and *st filled, or -1 (reported). */
static int
S_staff_row(struct S_file *lf, const struct csv_row *r, struct staff *st)
{
	const struct csv_field *f;
	const char *role;
	int ok = 1;

	memset(st, 0, sizeof(*st));
	st->line = r->line;
	f = S_fld(lf, r, ST_ID);
	if (f->len && sales_payroll_risky((unsigned char)f->s[0])) {
		S_bad(lf, ST_ID, f, 0, 0, "bad staff id '%s': an id starting "
		    "with =, +, -, @, a tab or CR is a formula to a "
		    "spreadsheet; start it with a letter or digit", f->s);
		ok = 0;
	} else if (!val_staff_id_ok(f->s, f->len)) {
		if (f->len)
			S_bad(lf, ST_ID, f, 0, 0, "bad staff id '%s': use "
			    "letters, digits, '-', '_' or '.' (at most 32)",
			    f->s);
		else
			S_bad(lf, ST_ID, f, 0, 0, "missing staff id");
		ok = 0;
	}
	f = S_fld(lf, r, ST_NAME);
	if (f->len == 0) {
		S_bad(lf, ST_NAME, f, 0, 0, "missing name");
		ok = 0;
	} else if (S_has_ctrl(f->s)) {
		S_bad(lf, ST_NAME, f, 0, 0, "name has a line break or control "
		    "character");
		ok = 0;
	}
	if ((role = S_role(lf, S_fld(lf, r, ST_ROLE))) == NULL)
		ok = 0;
	f = S_fld(lf, r, ST_TEAM);
	if (f->len && !rb_slug_valid(f->s, f->len)) {
		S_bad(lf, ST_TEAM, f, 0, 0, "bad team id '%s': use a-z, 0-9 "
		    "and '-'", f->s);
		ok = 0;
	}
	st->team_pos.file = lf->file;
	st->team_pos.line = f->line;
	st->team_pos.col = f->col;
	if ((st->hired = S_date(lf, ST_HIRED, S_fld(lf, r, ST_HIRED),
	    "hired date")) == -1)
		ok = 0;
	f = S_fld(lf, r, ST_LEFT);
	if (f->len) {
		if ((st->left = S_date(lf, ST_LEFT, f, "left date")) == -1)
			ok = 0;
		else if (st->hired > 0 && st->left < st->hired) {
			S_bad(lf, ST_LEFT, f, 0, 0, "left date %s is before "
			    "the hired date", f->s);
			ok = 0;
		}
	}
	if (!ok)
		return -1;
	st->id = xstrdup(S_fld(lf, r, ST_ID)->s);
	st->name = xstrdup(S_fld(lf, r, ST_NAME)->s);
	st->role = xstrdup(role);
	f = S_fld(lf, r, ST_TEAM);
	st->team = f->len ? xstrdup(f->s) : NULL;
	return 0;
}

int
load_staff(struct sales_ctx *ctx)
{
	struct S_file lf;
	const struct csv_row *r;
	const struct csv_field *f;
	struct staff st, *out = NULL;
	size_t i, j, n = 0, nnames;
	char **names, *rel = NULL;
	const char *enc = NULL;
	int found;

	names = S_top_files(ctx, &nnames);
	found = S_find_csv(ctx, "", names, nnames, "staff", &rel, &enc);
	src_list_free(names, nnames);
	if (found == -1)
		return -1;
	if (found == 0) {
		rel = src_name(&ctx->src, "staff.csv");
		diag_at(ctx->d, DIAG_ERROR, rel, 0, 0, "missing: the sales "
		    "report needs staff.csv (id,name,role,team,hired,left)");
		free(rel);
		return -1;
	}
	found = S_open(ctx, &lf, rel, enc, S_staff_cols, ST__MAX);
	free(rel);
	ctx->staff_file = xstrdup(lf.file);
	if (found == -1) {
		S_close(&lf);
		return -1;
	}
	for (i = 1; i < lf.csv.nrows; i++) {
		r = &lf.csv.rows[i];
		if (S_row_width(&lf, r) == -1)
			continue;
		if (S_staff_row(&lf, r, &st) == -1) {
			/* Its id and team are known: what refers to them is
			 * not "unknown" (the cause is reported here). */
			f = S_fld(&lf, r, ST_ID);
			if (val_staff_id_ok(f->s, f->len))
				S_remember(&ctx->badstaff, &ctx->nbadstaff,
				    f->s);
			f = S_fld(&lf, r, ST_TEAM);
			if (f->len && rb_slug_valid(f->s, f->len))
				S_remember(&ctx->badteams, &ctx->nbadteams,
				    f->s);
			continue;
		}
		if (n == SALES_MAX_STAFF) {
			diag_at(ctx->d, DIAG_ERROR, lf.file, r->line, 1, "more "
			    "than %zu people (%s)", SALES_MAX_STAFF,
			    rb_limit_hint(RB_LIM_STAFF));
			ctx_staff_free(&st);
			break;
		}
		out = xgrow(out, n, sizeof(*out));
		out[n++] = st;
	}
	if (n > 1)
		qsort(out, n, sizeof(*out), S_staff_cmp);
	/* Duplicate ids: keep the first, report the others. */
	for (i = 1, j = 0; i < n; i++) {
		if (strcmp(out[i].id, out[j].id) == 0) {
			diag_at(ctx->d, DIAG_ERROR, lf.file, out[i].line, 1,
			    "staff id '%s' appears twice (first at line %d)",
			    out[i].id, out[j].line);
			ctx_staff_free(&out[i]);
			continue;
		}
		out[++j] = out[i];
	}
	ctx->staff = out;
	ctx->nstaff = n ? j + 1 : 0;
	if (ctx->nbadstaff > 1)
		qsort(ctx->badstaff, ctx->nbadstaff, sizeof(*ctx->badstaff),
		    S_strcmp);
	if (ctx->nbadteams > 1)
		qsort(ctx->badteams, ctx->nbadteams, sizeof(*ctx->badteams),
		    S_strcmp);
	S_close(&lf);
	return 0;
}

/* ---- the monthly files: one table-driven row loader ---- */

/* What a column holds. */
enum S_kind {
	K_DATE,		/* a date inside the folder's month */
	K_PERSON,	/* a staff id, employed on the row's date */
	K_TYPE,		/* an event type */
	K_CLIENT,	/* required text */
	K_AMOUNT,	/* yuan; the file's add() says when it is required */
	K_KIND,		/* an incident kind */
	K_EXEMPT,	/* yes/no */
	K_TEAM,		/* a team of staff.csv */
	K_NOTE		/* free text */
};

/* A row's values, by kind. */
struct S_rec {
	int		 line;
	int		 date;		/* 0 when bad */
	long		 person;	/* -1 when bad */
	int		 type, kind, exempt;
	const struct csv_field *f[CSV_MAX_COLS];	/* by column */
	int		 ok;
};

/* Row keys for the duplicate check. */
struct S_key {
	char	*key;
	int	 line;
};
struct S_keys {
	struct S_key	*k;
	size_t		 n;
};

struct S_spec;
/* Checks a row's values across columns and keeps it in m. */
typedef void S_add_fn(struct S_file *, const struct S_spec *,
    struct month *, struct S_rec *, struct S_keys *);

/* A monthly file: its name, its columns (with their kinds) and add(). */
struct S_spec {
	const char		*base;		/* events, incidents, targets */
	const struct csv_col	*cols;
	const enum S_kind	*kinds;
	size_t			 ncols;
	S_add_fn		*add;
	int			 dups;		/* a repeated row is an error */
};

/* Row keys by key, then line. */
static int
S_key_cmp(const void *a, const void *b)
{
	const struct S_key *x = a, *y = b;

	return S_then_line(strcmp(x->key, y->key), x->line, y->line);
}

/* Reports rows whose key equals an earlier row's (a row exported twice);
 * frees the keys. */
static void
S_dups(struct S_file *lf, struct S_keys *ks)
{
	size_t i, first = 0;

	if (ks->n > 1)
		qsort(ks->k, ks->n, sizeof(*ks->k), S_key_cmp);
	for (i = 0; i < ks->n; i++) {
		if (i > 0 && strcmp(ks->k[i].key, ks->k[first].key) == 0)
			diag_at(lf->ctx->d, DIAG_ERROR, lf->file,
			    ks->k[i].line, 1, "duplicate row: the same as "
			    "line %d", ks->k[first].line);
		else
			first = i;
	}
	for (i = 0; i < ks->n; i++)
		free(ks->k[i].key);
	free(ks->k);
}

static void __attribute__((format(printf, 3, 4)))
S_key(struct S_keys *ks, int line, const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	ks->k = xgrow(ks->k, ks->n, sizeof(*ks->k));
	ks->k[ks->n].key = buf_detach(&b);
	ks->k[ks->n++].line = line;
}

/* The index of the first column of kind k. */
static int
S_col(const struct S_spec *sp, enum S_kind k)
{
	size_t i;

	for (i = 0; i < sp->ncols; i++)
		if (sp->kinds[i] == k)
			return (int)i;
	return -1;
}

/* The field of the first column of kind k. */
static const struct csv_field *
S_of(const struct S_spec *sp, const struct S_rec *rec, enum S_kind k)
{
	size_t i;

	for (i = 0; i < sp->ncols; i++)
		if (sp->kinds[i] == k)
			return rec->f[i];
	return NULL;
}

/* Is rec's person employed on its date?  Reports when not. */
static int
S_employed(struct S_file *lf, const struct S_spec *sp, struct S_rec *rec)
{
	const struct staff *s;
	char d1[11], d2[11];

	if (rec->person < 0 || rec->date <= 0)
		return 0;
	s = &lf->ctx->staff[rec->person];
	if (rec->date >= s->hired && (!s->left || rec->date <= s->left))
		return 1;
	val_date_str(d1, rec->date);
	val_date_str(d2, rec->date < s->hired ? s->hired : s->left);
	diag_at(lf->ctx->d, DIAG_ERROR, lf->file, rec->line,
	    S_of(sp, rec, K_PERSON)->col, "%s (%s) was not employed on %s "
	    "(%s %s)", s->id, s->name, d1, rec->date < s->hired ? "hired" :
	    "left", d2);
	return 0;
}

static void
S_add_event(struct S_file *lf, const struct S_spec *sp, struct month *m,
    struct S_rec *rec, struct S_keys *ks)
{
	const struct csv_field *fa = S_of(sp, rec, K_AMOUNT), *fn;
	struct event ev;
	int64_t amt = 0;

	if (!S_employed(lf, sp, rec))
		rec->ok = 0;
	if (rec->type == EV_CONTRACT) {
		if (S_amount(lf, S_col(sp, K_AMOUNT), fa, "contract amount",
		    &amt) == -1)
			rec->ok = 0;
		else if (amt == 0) {
			S_bad(lf, S_col(sp, K_AMOUNT), fa, 0, 0,
			    "contract amount is 0");
			rec->ok = 0;
		}
	} else if (rec->type >= 0 && fa->len) {
		S_bad(lf, S_col(sp, K_AMOUNT), fa, 0, 0, "amount '%s' on a %s: "
		    "only contract "
		    "rows have an amount", fa->s, val_ev_name[rec->type]);
		rec->ok = 0;
	}
	if (!rec->ok)
		return;
	memset(&ev, 0, sizeof(ev));
	ev.line = rec->line;
	ev.date = rec->date;
	ev.person = (size_t)rec->person;
	ev.type = (enum ev_type)rec->type;
	ev.client = xstrdup(S_of(sp, rec, K_CLIENT)->s);
	ev.amount = amt;
	m->ev = xgrow(m->ev, m->nev, sizeof(*m->ev));
	m->ev[m->nev++] = ev;
	fn = S_of(sp, rec, K_NOTE);
	S_key(ks, rec->line, "%d\x1f%zu\x1f%d\x1f%s\x1f%lld\x1f%s", ev.date,
	    ev.person, rec->type, ev.client, (long long)ev.amount, fn->s);
}

static void
S_add_incident(struct S_file *lf, const struct S_spec *sp, struct month *m,
    struct S_rec *rec, struct S_keys *ks)
{
	struct incident in;

	if (!S_employed(lf, sp, rec) || !rec->ok)
		return;
	memset(&in, 0, sizeof(in));
	in.line = rec->line;
	in.date = rec->date;
	in.person = (size_t)rec->person;
	in.kind = (enum inc_kind)rec->kind;
	in.exempt = rec->exempt;
	m->inc = xgrow(m->inc, m->ninc, sizeof(*m->inc));
	m->inc[m->ninc++] = in;
	S_key(ks, rec->line, "%d\x1f%zu\x1f%d\x1f%d\x1f%s", in.date,
	    in.person, rec->kind, in.exempt, S_of(sp, rec, K_NOTE)->s);
}

static void
S_add_target(struct S_file *lf, const struct S_spec *sp, struct month *m,
    struct S_rec *rec, struct S_keys *ks)
{
	const struct csv_field *ft = S_of(sp, rec, K_TEAM);
	const struct csv_field *fa = S_of(sp, rec, K_AMOUNT);
	struct sales_ctx *ctx = lf->ctx;
	struct mtarget tg;
	size_t i;
	int known = 0;

	for (i = 0; i < ctx->nstaff && !known; i++)
		known = ctx->staff[i].team &&
		    strcmp(ctx->staff[i].team, ft->s) == 0;
	if (ft->len == 0) {
		S_bad(lf, S_col(sp, K_TEAM), ft, 0, 0, "missing team");
		rec->ok = 0;
	} else if (!known) {
		/* Teams of rejected staff rows: their cause is reported. */
		if (!S_known(ctx->badteams, ctx->nbadteams, ft->s))
			S_bad(lf, S_col(sp, K_TEAM), ft, 0, 0, "unknown team "
			    "'%s' (no one in staff.csv is in it)", ft->s);
		rec->ok = 0;
	} else {
		/* ks: the teams seen, for "a target already" */
		for (i = 0; i < ks->n; i++)
			if (strcmp(ks->k[i].key, ft->s) == 0)
				break;
		if (i < ks->n) {
			diag_at(ctx->d, DIAG_ERROR, lf->file, ft->line,
			    ft->col, "team '%s' has a target already (line "
			    "%d)", ft->s, ks->k[i].line);
			rec->ok = 0;
		} else
			S_key(ks, rec->line, "%s", ft->s);
	}
	memset(&tg, 0, sizeof(tg));
	if (S_amount(lf, S_col(sp, K_AMOUNT), fa, "target amount",
	    &tg.amount) == -1)
		rec->ok = 0;
	else if (tg.amount == 0) {
		S_bad(lf, S_col(sp, K_AMOUNT), fa, 0, 0, "target amount is 0");
		rec->ok = 0;
	}
	if (!rec->ok)
		return;
	tg.line = rec->line;
	tg.team = xstrdup(ft->s);
	m->tg = xgrow(m->tg, m->ntg, sizeof(*m->tg));
	m->tg[m->ntg++] = tg;
}

static const struct csv_col S_ev_cols[] = {
	{ "date", "日期", 0 }, { "person", "工号", 0 }, { "type", "类型", 0 },
	{ "client", "客户", 0 }, { "amount", "金额", 0 },
	{ "note", "备注", 1 } };
static const enum S_kind S_ev_kinds[] = {
	K_DATE, K_PERSON, K_TYPE, K_CLIENT, K_AMOUNT, K_NOTE };
static const struct csv_col S_inc_cols[] = {
	{ "date", "日期", 0 }, { "person", "工号", 0 }, { "kind", "类别", 0 },
	{ "exempt", "豁免", 0 }, { "note", "备注", 1 } };
static const enum S_kind S_inc_kinds[] = {
	K_DATE, K_PERSON, K_KIND, K_EXEMPT, K_NOTE };
static const struct csv_col S_tg_cols[] = {
	{ "team", "团队", 0 }, { "amount", "目标金额", 0 } };
static const enum S_kind S_tg_kinds[] = { K_TEAM, K_AMOUNT };

/* The three monthly files, in load order. */
static const struct S_spec S_specs[] = {
	{ "events", S_ev_cols, S_ev_kinds, 6, S_add_event, 1 },
	{ "incidents", S_inc_cols, S_inc_kinds, 5, S_add_incident, 1 },
	{ "targets", S_tg_cols, S_tg_kinds, 2, S_add_target, 0 } };

void
sales_words(void (*fn)(const char *, void *), void *arg)
{
	size_t i, k;

	for (i = 0; i < ST__MAX; i++)
		fn(S_staff_cols[i].alias, arg);
	for (k = 0; k < sizeof(S_specs) / sizeof(S_specs[0]); k++)
		for (i = 0; i < S_specs[k].ncols; i++)
			if (S_specs[k].cols[i].alias != NULL)
				fn(S_specs[k].cols[i].alias, arg);
	val_words(fn, arg);
}

/* Checks the value of field f, of kind k in column col, into rec (the
 * checks that need other columns are add()'s). */
static void
S_cell(struct S_file *lf, int col, enum S_kind k, const struct csv_field *f,
    struct S_rec *rec, int ym)
{
	struct sales_ctx *ctx = lf->ctx;
	char ms[8];
	int v;

	switch (k) {
	case K_DATE:
		if ((v = S_date(lf, col, f, "date")) == -1)
			rec->ok = 0;
		else if (v / 100 != ym) {
			val_month_str(ms, ym);
			S_bad(lf, col, f, 0, 0, "date %s is outside %s (this "
			    "folder's month)", f->s, ms);
			rec->ok = 0;
		} else
			rec->date = v;
		break;
	case K_PERSON:
		if (f->len == 0) {
			S_bad(lf, col, f, 0, 0, "missing person (a staff id "
			    "from staff.csv)");
			rec->ok = 0;
		} else if ((rec->person = ctx_staff_find(ctx, f->s)) == -1) {
			/* A person whose staff.csv row was rejected: the
			 * cause is reported there. */
			if (!S_known(ctx->badstaff, ctx->nbadstaff, f->s))
				S_bad(lf, col, f, 0, 0, "unknown person '%s' "
				    "(not in staff.csv)", f->s);
			rec->ok = 0;
		}
		break;
	case K_TYPE:
		if ((rec->type = val_ev_parse(f->s, f->len)) >= 0)
			break;
		if (f->len)
			S_bad(lf, col, f, 0, 0, "unknown type '%s'; expected "
			    "visit (上门), invitation (邀约), design_agreement "
			    "(设计协议) or contract (签单)", f->s);
		else
			S_bad(lf, col, f, 0, 0, "missing type; expected visit "
			    "(上门), invitation (邀约), design_agreement "
			    "(设计协议) or contract (签单)");
		rec->ok = 0;
		break;
	case K_CLIENT:
		if (f->len == 0) {
			S_bad(lf, col, f, 0, 0, "missing client (the CRM "
			    "client id or name)");
			rec->ok = 0;
		} else if (S_has_ctrl(f->s)) {
			S_bad(lf, col, f, 0, 0, "client has a line break or "
			    "control character");
			rec->ok = 0;
		}
		break;
	case K_KIND:
		if ((rec->kind = val_inc_parse(f->s, f->len)) >= 0)
			break;
		S_bad(lf, col, f, 0, 0, f->len ? "unknown kind '%s'; expected "
		    "late (迟到), leave (请假), comp_leave (调休), "
		    "phone_blocked (手机停机), transport_late (交通迟到) or "
		    "missing_record (未做记录)" : "missing kind%s; expected "
		    "late (迟到), leave (请假), comp_leave (调休), "
		    "phone_blocked (手机停机), transport_late (交通迟到) or "
		    "missing_record (未做记录)", f->s);
		rec->ok = 0;
		break;
	case K_EXEMPT:
		if ((rec->exempt = val_yesno(f->s, f->len)) >= 0)
			break;
		S_bad(lf, col, f, 0, 0, "exempt must be 'yes' (是), 'no' (否) "
		    "or empty, not '%s'", f->s);
		rec->ok = 0;
		break;
	case K_TEAM:
	case K_AMOUNT:
	case K_NOTE:
		break;
	}
}

/* Loads the monthly file rel (encoding enc) of kind sp into m: every bad
 * row reported and left out.  Sets *name to its display name.  Returns -1
 * when the file could not be read. */
static int
S_load_rows(struct sales_ctx *ctx, struct month *m, const struct S_spec *sp,
    const char *rel, const char *enc, char **name)
{
	struct S_file lf;
	struct S_keys ks = { NULL, 0 };
	struct S_rec rec;
	const struct csv_row *r;
	size_t i, c;

	if (S_open(ctx, &lf, rel, enc, sp->cols, sp->ncols) == -1) {
		*name = xstrdup(lf.file);
		S_close(&lf);
		return -1;
	}
	*name = xstrdup(lf.file);
	for (i = 1; i < lf.csv.nrows; i++) {
		r = &lf.csv.rows[i];
		if (S_row_width(&lf, r) == -1)
			continue;
		memset(&rec, 0, sizeof(rec));
		rec.line = r->line;
		rec.ok = 1;
		rec.person = rec.type = rec.kind = -1;
		for (c = 0; c < sp->ncols; c++) {
			rec.f[c] = S_fld(&lf, r, c);
			S_cell(&lf, (int)c, sp->kinds[c], rec.f[c], &rec, m->ym);
		}
		sp->add(&lf, sp, m, &rec, &ks);
	}
	if (sp->dups)
		S_dups(&lf, &ks);
	else {
		for (i = 0; i < ks.n; i++)
			free(ks.k[i].key);
		free(ks.k);
	}
	S_close(&lf);
	return 0;
}

/* Is name one of the month files (in any declared encoding)? */
static int
S_month_file(const char *name)
{
	static const char *const base[] = { "events", "incidents", "targets" };
	size_t i, k, n;

	for (i = 0; i < 3; i++) {
		n = strlen(base[i]);
		if (strncmp(name, base[i], n) != 0)
			continue;
		for (k = 0; k < S_NSFX; k++)
			if (strcmp(name + n, S_sfx[k]) == 0)
				return 1;
	}
	return 0;
}

struct month *
load_month(struct sales_ctx *ctx, int ym, int required)
{
	struct month *m;
	char ms[8], *dir, *name, **names, *rel;
	const char *enc;
	size_t n, i, k;
	int r, bad = 0, need;

	val_month_str(ms, ym);
	dir = xasprintf("sales/%s", ms);
	if (!src_isdir(&ctx->src, dir)) {
		if (required) {
			name = src_name(&ctx->src, dir);
			diag_at(ctx->d, DIAG_ERROR, name, 0, 0, "missing: "
			    "no data for %s (%s)", ms, required == 2 ?
			    "the quarterly champion needs every earlier month "
			    "of the quarter" : "events.csv, incidents.csv, "
			    "targets.csv");
			free(name);
		}
		free(dir);
		return NULL;
	}
	m = xcalloc(1, sizeof(*m));
	m->ym = ym;
	names = src_list(&ctx->src, dir, &n);
	for (i = 0; i < n; i++)
		if (!S_month_file(names[i])) {
			rel = xasprintf("%s/%s", dir, names[i]);
			name = src_name(&ctx->src, rel);
			ctx_warn(ctx, ctx_file(ctx, name), 0, 0, "unknown file "
			    "ignored; a month folder holds events.csv, "
			    "incidents.csv and targets.csv");
			free(name);
			free(rel);
		}
	for (k = 0; k < 3; k++) {
		rel = NULL;
		enc = NULL;
		r = S_find_csv(ctx, dir, names, n, S_specs[k].base, &rel,
		    &enc);
		/* Earlier months need their events only. */
		need = ym == ctx->ym || k == 0;
		if (r == 0 && need) {
			rel = xasprintf("%s/%s.csv", dir, S_specs[k].base);
			name = src_name(&ctx->src, rel);
			diag_at(ctx->d, DIAG_ERROR, name, 0, 0, "missing: "
			    "every month needs %s.csv (a header row at "
			    "least)", S_specs[k].base);
			free(name);
			free(rel);
			bad = 1;
			continue;
		}
		if (r != 1) {
			bad |= r == -1;
			continue;
		}
		if (k == 1)
			m->have_incidents = 1;
		if (k == 2)
			m->have_targets = 1;
		r = S_load_rows(ctx, m, &S_specs[k], rel, enc, k == 0 ?
		    &m->events_file : k == 1 ? &m->incidents_file :
		    &m->targets_file);
		bad |= r == -1;
		free(rel);
	}
	src_list_free(names, n);
	free(dir);
	if (bad) {
		ctx_month_free(m);
		return NULL;
	}
	return m;
}

/* ---- plans ---- */

/* Do two plans' months overlap? */
static int
S_overlap(const struct plan *a, const struct plan *b)
{
	int af = a->from ? a->from : 0, au = a->until ? a->until : 999999;
	int bf = b->from ? b->from : 0, bu = b->until ? b->until : 999999;

	return af <= bu && bf <= au;
}

int
load_plans(struct sales_ctx *ctx)
{
	struct plan *p;
	char **names, *rel, *name, *raw;
	const char *file, *bad;
	size_t n, i, j, k, l, len, np = 0;
	int line, col, r;

	names = src_list(&ctx->src, "plans", &n);
	for (i = 0; i < n; i++) {
		len = strlen(names[i]);
		if (len <= 5 || strcmp(names[i] + len - 5, ".plan") != 0)
			continue;
		if (np++ == SALES_MAX_PLANS) {
			name = src_name(&ctx->src, "plans");
			diag_at(ctx->d, DIAG_ERROR, name, 0, 0, "more than %d "
			    "plans (limit)", SALES_MAX_PLANS);
			free(name);
			break;
		}
		rel = xasprintf("plans/%s", names[i]);
		name = src_name(&ctx->src, rel);
		file = ctx_file(ctx, name);
		free(name);
		r = src_read(ctx->d, &ctx->src, rel, &raw, &len);
		free(rel);
		if (r != 1)
			continue;
		if (len >= 3 && memcmp(raw, "\xEF\xBB\xBF", 3) == 0) {
			memmove(raw, raw + 3, len - 2);
			len -= 3;
		}
		if ((bad = utf8_invalid(raw, len)) != NULL ||
		    (bad = memchr(raw, '\0', len)) != NULL) {
			utf8_linecol(raw, (size_t)(bad - raw), &line, &col);
			diag_at(ctx->d, DIAG_ERROR, file, line, col,
			    "not UTF-8 text (byte 0x%02X); save the plan as "
			    "UTF-8", (unsigned char)*bad);
			free(raw);
			continue;
		}
		p = plan_parse(ctx->d, ctx->site, file, raw, len);
		free(raw);
		if (p == NULL)
			continue;
		ctx->plans = xreallocarray(ctx->plans, ctx->nplans + 1,
		    sizeof(*ctx->plans));
		ctx->plans[ctx->nplans++] = p;
	}
	src_list_free(names, n);
	if (np == 0) {
		name = src_name(&ctx->src, "plans");
		diag_at(ctx->d, DIAG_ERROR, name, 0, 0, "no plan: the report "
		    "needs at least one *.plan file here (see docs/sales.md)");
		free(name);
		return -1;
	}
	/* Across plans: unique ids, one plan per role and month. */
	for (i = 0; i < ctx->nplans; i++)
		for (j = 0; j < i; j++) {
			if (strcmp(ctx->plans[i]->id, ctx->plans[j]->id) == 0)
				diag_at(ctx->d, DIAG_ERROR,
				    ctx->plans[i]->file, ctx->plans[i]->line,
				    1, "plan id '%s' is used by %s too",
				    ctx->plans[i]->id, ctx->plans[j]->file);
			if (!S_overlap(ctx->plans[i], ctx->plans[j]))
				continue;
			for (k = 0; k < ctx->plans[i]->nroles; k++)
				for (l = 0; l < ctx->plans[j]->nroles; l++)
					if (strcmp(ctx->plans[i]->roles[k],
					    ctx->plans[j]->roles[l]) == 0)
						diag_at(ctx->d, DIAG_ERROR,
						    ctx->plans[i]->file,
						    ctx->plans[i]->roles_line,
						    ctx->plans[i]->roles_col[k],
						    "role '%s' is covered by "
						    "plan '%s' (%s) in the "
						    "same months; give the "
						    "plans from/until months "
						    "that do not overlap",
						    ctx->plans[i]->roles[k],
						    ctx->plans[j]->id,
						    ctx->plans[j]->file);
		}
	return ctx_failed(ctx) ? -1 : 0;
}
