/*
 * data.c — loads and checks the sales data: the content source (a folder on
 * disk or files in memory), value parsing (dates, yuan amounts, staff ids),
 * staff.csv, each month's events.csv, incidents.csv and targets.csv, and
 * the plan files (parsed by plan.c).  Every bad row is reported with
 * file:line:col and left out; the caller refuses to compute while errors
 * remain.  Internal to src/sales.
 */
#include <sys/stat.h>
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "sales_int.h"

const char *const ev_name[EV__MAX] = {
	"visit", "invitation", "design_agreement", "contract" };
const char *const inc_name[INC__MAX] = {
	"late", "leave", "comp_leave", "phone_blocked", "transport_late",
	"missing_record" };
const char *const inc_label[INC__MAX] = {
	"迟到", "请假", "调休", "停机", "交通原因迟到",
	"客户跟踪表/ERP 未记录" };

/* ---- source ---- */

char *
src_name(const struct src *s, const char *rel)
{
	size_t n;

	if (s->dir == NULL)
		return xstrdup(rel);
	n = strlen(s->dir);
	while (n > 1 && s->dir[n - 1] == '/')
		n--;
	if (*rel == '\0')
		return xstrndup(s->dir, n);
	return xasprintf("%.*s/%s", (int)n, s->dir, rel);
}

int
src_read(struct diag *d, const struct src *s, const char *rel, char **data,
    size_t *len)
{
	char *path;
	size_t i, n;

	if (s->dir == NULL) {
		for (i = 0; i < s->nfiles; i++) {
			if (strcmp(s->files[i].path, rel) != 0)
				continue;
			n = s->files[i].len ? s->files[i].len :
			    strlen(s->files[i].data);
			if (n > SALES_MAX_FILE) {
				diag_at(d, DIAG_ERROR, rel, 0, 0, "file is "
				    "too large (%s)", rb_limit_hint(RB_LIM_DATA));
				return -1;
			}
			*data = xstrndup(s->files[i].data, n);
			*len = n;
			return 1;
		}
		return 0;
	}
	path = src_name(s, rel);
	if (file_read(path, SALES_MAX_FILE, data, len) == -1) {
		if (errno == ENOENT) {
			free(path);
			return 0;
		}
		if (errno == EFBIG)
			diag_at(d, DIAG_ERROR, path, 0, 0, "file is too "
			    "large; split it (%s)", rb_limit_hint(RB_LIM_DATA));
		else
			diag_at(d, DIAG_FATAL, path, 0, 0, "cannot read: %s",
			    strerror(errno));
		free(path);
		return -1;
	}
	free(path);
	return 1;
}

int
src_isdir(const struct src *s, const char *rel)
{
	struct stat st;
	char *path;
	size_t i, n = strlen(rel);
	int r;

	if (s->dir == NULL) {
		for (i = 0; i < s->nfiles; i++)
			if (strncmp(s->files[i].path, rel, n) == 0 &&
			    s->files[i].path[n] == '/')
				return 1;
		return 0;
	}
	path = src_name(s, rel);
	r = stat(path, &st) == 0 && S_ISDIR(st.st_mode);
	free(path);
	return r;
}

/* qsort/bsearch comparator for arrays of strings. */
static int
S_strcmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

char **
src_list(const struct src *s, const char *rel, size_t *np)
{
	struct dirent *de;
	struct stat st;
	DIR *dir;
	char **v = NULL, *path, *fp;
	const char *p;
	size_t n = 0, i, rl = strlen(rel);

	*np = 0;
	if (s->dir == NULL) {
		for (i = 0; i < s->nfiles; i++) {
			p = s->files[i].path;
			if (strncmp(p, rel, rl) != 0 || p[rl] != '/' ||
			    strchr(p + rl + 1, '/') != NULL)
				continue;
			v = xreallocarray(v, n + 1, sizeof(*v));
			v[n++] = xstrdup(p + rl + 1);
		}
	} else {
		path = src_name(s, rel);
		if ((dir = opendir(path)) == NULL) {
			free(path);
			return NULL;
		}
		while ((de = readdir(dir)) != NULL) {
			if (de->d_name[0] == '.')
				continue;
			fp = xasprintf("%s/%s", path, de->d_name);
			if (stat(fp, &st) == 0 && S_ISREG(st.st_mode)) {
				v = xreallocarray(v, n + 1, sizeof(*v));
				v[n++] = xstrdup(de->d_name);
			}
			free(fp);
		}
		closedir(dir);
		free(path);
	}
	if (n > 1)
		qsort(v, n, sizeof(*v), S_strcmp);
	*np = n;
	return v;
}

/* Frees a src_list() result. */
static void
S_list_free(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* ---- values ---- */

/* Are s[0..n) all ASCII digits? */
static int
S_digits(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	return 1;
}

int
month_days(int ym)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	int y = ym / 100, m = ym % 100;

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return days[m - 1];
}

int
month_add(int ym, int delta)
{
	int n = (ym / 100) * 12 + (ym % 100 - 1) + delta;

	return (n / 12) * 100 + n % 12 + 1;
}

void
month_str(char out[8], int ym)
{
	unsigned y = (unsigned)(ym / 100) % 10000, m = (unsigned)ym % 100;

	snprintf(out, 8, "%04u-%02u", y, m);
}

void
date_str(char out[11], int ymd)
{
	if (ymd <= 0) {
		out[0] = '\0';
		return;
	}
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)(ymd / 10000) % 10000,
	    (unsigned)(ymd / 100) % 100, (unsigned)ymd % 100);
}

int
month_parse(const char *s, size_t n)
{
	int y, m;

	if (n != 7 || s[4] != '-' || !S_digits(s, 4) || !S_digits(s + 5, 2))
		return -1;
	y = atoi(s);
	m = (s[5] - '0') * 10 + (s[6] - '0');
	if (y < 1900 || m < 1 || m > 12)
		return -1;
	return y * 100 + m;
}

int
date_parse(const char *s, size_t n)
{
	int ym, day;

	if (n != 10 || s[7] != '-' || !S_digits(s + 8, 2))
		return -1;
	if ((ym = month_parse(s, 7)) == -1)
		return -1;
	day = (s[8] - '0') * 10 + (s[9] - '0');
	if (day < 1 || day > month_days(ym))
		return -1;
	return ym * 100 + day;
}

enum money_err
money_parse(const char *s, size_t n, int64_t *fen, size_t *bad)
{
	int64_t v = 0;
	size_t i = 0, dec = 0;
	int dot = 0;

	*bad = 0;
	*fen = 0;
	if (n == 0)
		return MONEY_EMPTY;
	if (s[0] == '-')
		return MONEY_NEG;
	if (!isdigit((unsigned char)s[0]))
		return MONEY_SYNTAX;
	for (i = 0; i < n; i++) {
		if (s[i] == '.' && !dot) {
			dot = 1;
			continue;
		}
		if (s[i] == ',' && !dot) {
			*bad = i;
			return MONEY_SEP;
		}
		if (!isdigit((unsigned char)s[i])) {
			*bad = i;
			return MONEY_SYNTAX;
		}
		if (dot && ++dec > 2) {
			*bad = i;
			return MONEY_DECIMALS;
		}
		if (v > SALES_MAX_FEN) {
			*bad = 0;
			return MONEY_RANGE;
		}
		v = v * 10 + (s[i] - '0');
	}
	if (dot && dec == 0) {
		*bad = n - 1;
		return MONEY_SYNTAX;
	}
	while (dec++ < 2)
		v *= 10;
	if (v > SALES_MAX_FEN)
		return MONEY_RANGE;
	*fen = v;
	return MONEY_OK;
}

int64_t
div_round(i128 num, int64_t den)
{
	i128 q;

	if (num >= 0)
		q = (num + den / 2) / den;
	else
		q = -((-num + den / 2) / den);
	return (int64_t)q;
}

char *
sales_fen_str(char *out, int64_t fen)
{
	uint64_t u = fen < 0 ? (uint64_t)0 - (uint64_t)fen : (uint64_t)fen;

	snprintf(out, 32, "%s%llu.%02llu", fen < 0 ? "-" : "",
	    (unsigned long long)(u / 100), (unsigned long long)(u % 100));
	return out;
}

char *
ppm_str(char *out, int64_t ppm)
{
	int64_t ip = ppm / 10000, fp = ppm % 10000;
	int w = 4;

	if (fp == 0) {
		snprintf(out, 32, "%lld%%", (long long)ip);
		return out;
	}
	while (fp % 10 == 0) {
		fp /= 10;
		w--;
	}
	snprintf(out, 32, "%lld.%0*lld%%", (long long)ip, w, (long long)fp);
	return out;
}

int
sales_idcmp(const char *a, const char *b)
{
	const char *pa = a, *pb = b, *ea, *eb;
	size_t la, lb;
	int c;

	while (*pa && *pb) {
		if (isdigit((unsigned char)*pa) && isdigit((unsigned char)*pb)) {
			while (*pa == '0' && isdigit((unsigned char)pa[1]))
				pa++;
			while (*pb == '0' && isdigit((unsigned char)pb[1]))
				pb++;
			for (ea = pa; isdigit((unsigned char)*ea); ea++)
				;
			for (eb = pb; isdigit((unsigned char)*eb); eb++)
				;
			la = (size_t)(ea - pa);
			lb = (size_t)(eb - pb);
			if (la != lb)
				return la < lb ? -1 : 1;
			if ((c = memcmp(pa, pb, la)) != 0)
				return c;
			pa = ea;
			pb = eb;
			continue;
		}
		if (*pa != *pb)
			return (unsigned char)*pa < (unsigned char)*pb ? -1 : 1;
		pa++;
		pb++;
	}
	if (*pa || *pb)
		return *pa ? 1 : -1;
	return strcmp(a, b);
}

/* Staff ids: [A-Za-z0-9][A-Za-z0-9._-]*, at most 32 bytes. */
static int
S_staff_id_ok(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || n > 32 || !isalnum((unsigned char)s[0]))
		return 0;
	for (i = 0; i < n; i++)
		if (!isalnum((unsigned char)s[i]) && s[i] != '-' &&
		    s[i] != '_' && s[i] != '.')
			return 0;
	return 1;
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

/* ---- run context ---- */

const char *
ctx_file(struct sales_ctx *ctx, const char *name)
{
	size_t i;

	for (i = 0; i < ctx->nfiles; i++)
		if (strcmp(ctx->files[i], name) == 0)
			return ctx->files[i];
	ctx->files = xreallocarray(ctx->files, ctx->nfiles + 1,
	    sizeof(*ctx->files));
	ctx->files[ctx->nfiles] = xstrdup(name);
	return ctx->files[ctx->nfiles++];
}

void
ctx_warn(struct sales_ctx *ctx, const char *file, int line, int col,
    const char *fmt, ...)
{
	struct sales_problem *p;
	struct buf b = BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	diag_at(ctx->d, DIAG_WARNING, file, line, col, "%s", b.data);
	ctx->problems = xreallocarray(ctx->problems, ctx->nproblems + 1,
	    sizeof(*ctx->problems));
	p = &ctx->problems[ctx->nproblems++];
	p->level = DIAG_WARNING;
	p->file = file ? xstrdup(file) : NULL;
	p->line = line;
	p->col = col;
	p->msg = buf_detach(&b);
}

int
ctx_failed(const struct sales_ctx *ctx)
{
	return ctx->d->nerr + ctx->d->nfatal > ctx->nerr0 ||
	    (ctx->d->werror && ctx->d->nwarn > ctx->nwarn0);
}

/*
 * Finds the file base.csv (UTF-8) or base.gbk.csv / base.gb18030.csv
 * (declared GBK / GB18030) in folder dir, whose sorted listing is names.
 * Sets *rel (caller frees) and *enc.  Returns 1 found, 0 absent, -1 when
 * more than one exists (reported).
 */
static int
S_find_csv(struct sales_ctx *ctx, const char *dir, char **names, size_t n,
    const char *base, char **rel, const char **enc)
{
	static const char *const sfx[] = { ".csv", ".gbk.csv", ".gb18030.csv" };
	static const char *const encs[] = { NULL, "GBK", "GB18030" };
	char *name, *first = NULL, *r2, *disp;
	size_t i, k;

	*rel = NULL;
	for (k = 0; k < 3; k++) {
		name = xasprintf("%s%s", base, sfx[k]);
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
		*enc = encs[k];
	}
	free(first);
	return *rel != NULL;
}

/* Reads, decodes and parses the CSV rel (declared: its GBK name). */
static int
S_read_csv(struct sales_ctx *ctx, const char *rel, const char *enc,
    struct csv *c)
{
	char *raw, *text, *name, *declared, *dot;
	const char *file, *base;
	size_t rawlen, len;
	int r;

	memset(c, 0, sizeof(*c));
	name = src_name(&ctx->src, rel);
	file = ctx_file(ctx, name);
	free(name);
	c->file = file;
	if ((r = src_read(ctx->d, &ctx->src, rel, &raw, &rawlen)) != 1)
		return -1;
	base = strrchr(rel, '/') ? strrchr(rel, '/') + 1 : rel;
	declared = xstrdup(base);
	if ((dot = strstr(declared, ".csv")) != NULL)
		*dot = '\0';
	name = xasprintf("%s.gbk.csv", declared);
	free(declared);
	r = csv_decode(ctx->d, file, enc, name, raw, rawlen, &text, &len);
	free(name);
	free(raw);
	if (r == -1)
		return -1;
	r = csv_parse(ctx->d, file, text, len, c);
	free(text);
	return r;
}

/* Field i of row r through map, or an empty field placed at the row's end
 * when the column is absent. */
static const struct csv_field *
S_fld(const struct csv_row *r, const int *map, size_t i)
{
	static struct csv_field empty;

	if (map[i] < 0 || (size_t)map[i] >= r->nf) {
		empty.s = (char *)"";
		empty.len = 0;
		empty.line = r->line;
		empty.col = r->endcol;
		return &empty;
	}
	return &r->f[map[i]];
}

/* Checks that row r has as many fields as the header h. */
static int
S_row_width(struct sales_ctx *ctx, const struct csv *c,
    const struct csv_row *r)
{
	const struct csv_row *h = &c->rows[0];

	if (r->nf == h->nf)
		return 0;
	if (r->nf > h->nf)
		diag_at(ctx->d, DIAG_ERROR, c->file, r->line,
		    r->f[h->nf].col, "%zu fields, but the header has %zu; "
		    "quote fields that contain commas", r->nf, h->nf);
	else
		diag_at(ctx->d, DIAG_ERROR, c->file, r->line, r->endcol,
		    "%zu fields, but the header has %zu", r->nf, h->nf);
	return -1;
}

/* Parses a date field; reports and returns -1 when bad. */
static int
S_date(struct sales_ctx *ctx, const char *file, const struct csv_field *f,
    const char *what)
{
	int v;

	if (f->len == 0) {
		diag_at(ctx->d, DIAG_ERROR, file, f->line, f->col,
		    "missing %s (YYYY-MM-DD)", what);
		return -1;
	}
	if ((v = date_parse(f->s, f->len)) == -1) {
		diag_at(ctx->d, DIAG_ERROR, file, f->line, f->col,
		    "bad %s '%s': write a real date as YYYY-MM-DD", what, f->s);
		return -1;
	}
	return v;
}

/* Parses an amount field into fen; reports and returns -1 when bad. */
static int
S_amount(struct sales_ctx *ctx, const char *file, const struct csv_field *f,
    const char *what, int64_t *fen)
{
	size_t bad;
	int col;

	switch (money_parse(f->s, f->len, fen, &bad)) {
	case MONEY_OK:
		return 0;
	case MONEY_EMPTY:
		diag_at(ctx->d, DIAG_ERROR, file, f->line, f->col,
		    "missing %s (yuan, e.g. 128000.00)", what);
		return -1;
	case MONEY_NEG:
		diag_at(ctx->d, DIAG_ERROR, file, f->line, f->col,
		    "negative %s '%s'", what, f->s);
		return -1;
	default:
		break;
	}
	/* Inside a quoted field the text starts after the quote. */
	col = f->col + (f->quoted ? 1 : 0) + (int)utf8_count(f->s, bad);
	switch (money_parse(f->s, f->len, fen, &bad)) {
	case MONEY_DECIMALS:
		diag_at(ctx->d, DIAG_ERROR, file, f->line, col,
		    "%s '%s' has more than 2 decimals", what, f->s);
		break;
	case MONEY_SEP:
		diag_at(ctx->d, DIAG_ERROR, file, f->line, col,
		    "%s '%s': write it without thousands separators", what,
		    f->s);
		break;
	case MONEY_RANGE:
		diag_at(ctx->d, DIAG_ERROR, file, f->line, f->col,
		    "%s '%s' is too large", what, f->s);
		break;
	default:
		diag_at(ctx->d, DIAG_ERROR, file, f->line, col,
		    "bad %s '%s': write yuan as digits with up to 2 "
		    "decimals, e.g. 128000.00", what, f->s);
		break;
	}
	return -1;
}

/* ---- staff.csv ---- */

/* Staff in natural id order, then file order (for the duplicate check). */
static int
S_staff_cmp(const void *a, const void *b)
{
	const struct staff *x = a, *y = b;
	int c;

	if ((c = sales_idcmp(x->id, y->id)) != 0)
		return c;
	return x->line < y->line ? -1 : x->line > y->line;
}

long
staff_find(const struct sales_ctx *ctx, const char *id)
{
	size_t lo = 0, hi = ctx->nstaff, mid;
	int c;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		c = sales_idcmp(id, ctx->staff[mid].id);
		if (c == 0)
			return (long)mid;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return -1;
}

static const char *const S_staff_cols[] = {
	"id", "name", "role", "team", "hired", "left" };
static const int S_staff_opt[] = { 0, 0, 0, 0, 0, 0 };

int
load_staff(struct sales_ctx *ctx)
{
	struct csv c;
	const struct csv_row *r;
	const struct csv_field *f;
	struct staff st, *out = NULL;
	size_t i, j, n = 0;
	int map[6], ok;
	char **names;
	size_t nnames;
	char *rel = NULL;
	const char *enc = NULL, *file;

	names = src_list(&ctx->src, "", &nnames);
	if (ctx->src.dir == NULL) {
		S_list_free(names, nnames);
		nnames = 0;
		names = NULL;
		for (i = 0; i < ctx->src.nfiles; i++)
			if (strchr(ctx->src.files[i].path, '/') == NULL) {
				names = xreallocarray(names, nnames + 1,
				    sizeof(*names));
				names[nnames++] = xstrdup(
				    ctx->src.files[i].path);
			}
	}
	i = (size_t)S_find_csv(ctx, "", names, nnames, "staff", &rel, &enc);
	S_list_free(names, nnames);
	if ((int)i == -1)
		return -1;
	if (i == 0) {
		rel = src_name(&ctx->src, "staff.csv");
		diag_at(ctx->d, DIAG_ERROR, rel, 0, 0, "missing: the sales "
		    "report needs staff.csv (id,name,role,team,hired,left)");
		free(rel);
		return -1;
	}
	ok = S_read_csv(ctx, rel, enc, &c);
	free(rel);
	file = c.file;
	ctx->staff_file = xstrdup(file);
	if (ok == -1 || csv_header(ctx, &c, S_staff_cols, S_staff_opt, 6,
	    map) == -1) {
		csv_free(&c);
		return -1;
	}
	for (i = 1; i < c.nrows; i++) {
		r = &c.rows[i];
		if (S_row_width(ctx, &c, r) == -1)
			continue;
		memset(&st, 0, sizeof(st));
		ok = 1;
		st.line = r->line;
		f = S_fld(r, map, 0);
		if (f->len && sales_payroll_risky((unsigned char)f->s[0])) {
			diag_at(ctx->d, DIAG_ERROR, file, f->line, f->col,
			    "bad staff id '%s': an id starting with =, +, -, "
			    "@, a tab or CR is a formula to a spreadsheet; "
			    "start it with a letter or digit", f->s);
			ok = 0;
		} else if (!S_staff_id_ok(f->s, f->len)) {
			diag_at(ctx->d, DIAG_ERROR, file, f->line, f->col,
			    f->len ? "bad staff id '%s': use letters, digits, "
			    "'-', '_' or '.' (at most 32)" : "missing staff id%s",
			    f->s);
			ok = 0;
		}
		f = S_fld(r, map, 1);
		if (f->len == 0 || S_has_ctrl(f->s)) {
			diag_at(ctx->d, DIAG_ERROR, file, f->line, f->col,
			    f->len ? "name has a line break or control "
			    "character" : "missing name");
			ok = 0;
		}
		f = S_fld(r, map, 2);
		if (!rb_id_valid(f->s, f->len)) {
			diag_at(ctx->d, DIAG_ERROR, file, f->line, f->col,
			    f->len ? "bad role id '%s'" : "missing role%s",
			    f->s);
			ok = 0;
		} else if (ctx->site && rb_site_role(ctx->site, f->s) ==
		    NULL) {
			diag_at(ctx->d, DIAG_ERROR, file, f->line, f->col,
			    "role '%s' is not a role (no roles/%s.md or .xml)",
			    f->s, f->s);
			ok = 0;
		}
		f = S_fld(r, map, 3);
		if (f->len && !rb_slug_valid(f->s, f->len)) {
			diag_at(ctx->d, DIAG_ERROR, file, f->line, f->col,
			    "bad team id '%s': use a-z, 0-9 and '-'", f->s);
			ok = 0;
		}
		st.team_pos.file = file;
		st.team_pos.line = f->line;
		st.team_pos.col = f->col;
		if ((st.hired = S_date(ctx, file, S_fld(r, map, 4),
		    "hired date")) == -1)
			ok = 0;
		f = S_fld(r, map, 5);
		if (f->len) {
			if ((st.left = S_date(ctx, file, f, "left date")) ==
			    -1)
				ok = 0;
			else if (st.hired > 0 && st.left < st.hired) {
				diag_at(ctx->d, DIAG_ERROR, file, f->line,
				    f->col, "left date %s is before the hired "
				    "date", f->s);
				ok = 0;
			}
		}
		if (!ok) {
			/* Remember the id: its events are not "unknown". */
			f = S_fld(r, map, 0);
			if (S_staff_id_ok(f->s, f->len)) {
				ctx->badstaff = xreallocarray(ctx->badstaff,
				    ctx->nbadstaff + 1, sizeof(*ctx->badstaff));
				ctx->badstaff[ctx->nbadstaff++] =
				    xstrdup(f->s);
			}
			continue;
		}
		if (n == SALES_MAX_STAFF) {
			diag_at(ctx->d, DIAG_ERROR, file, r->line, 1, "more "
			    "than %zu people (%s)", SALES_MAX_STAFF,
			    rb_limit_hint(RB_LIM_STAFF));
			break;
		}
		st.id = xstrdup(S_fld(r, map, 0)->s);
		st.name = xstrdup(S_fld(r, map, 1)->s);
		st.role = xstrdup(S_fld(r, map, 2)->s);
		f = S_fld(r, map, 3);
		st.team = f->len ? xstrdup(f->s) : NULL;
		out = xreallocarray(out, n + 1, sizeof(*out));
		out[n++] = st;
	}
	if (n > 1)
		qsort(out, n, sizeof(*out), S_staff_cmp);
	/* Duplicate ids: keep the first, report the others. */
	for (i = 1, j = 0; i < n; i++) {
		if (strcmp(out[i].id, out[j].id) == 0) {
			diag_at(ctx->d, DIAG_ERROR, file, out[i].line, 1,
			    "staff id '%s' appears twice (first at line %d)",
			    out[i].id, out[j].line);
			free(out[i].id);
			free(out[i].name);
			free(out[i].role);
			free(out[i].team);
			continue;
		}
		out[++j] = out[i];
	}
	ctx->staff = out;
	ctx->nstaff = n ? j + 1 : 0;
	if (ctx->nbadstaff > 1)
		qsort(ctx->badstaff, ctx->nbadstaff, sizeof(*ctx->badstaff),
		    S_strcmp);
	csv_free(&c);
	return 0;
}

/* ---- months ---- */

void
month_free(struct month *m)
{
	size_t i;

	if (m == NULL)
		return;
	for (i = 0; i < m->nev; i++)
		free(m->ev[i].client);
	for (i = 0; i < m->ntg; i++)
		free(m->tg[i].team);
	free(m->ev);
	free(m->inc);
	free(m->tg);
	free(m->events_file);
	free(m->incidents_file);
	free(m->targets_file);
	free(m);
}

/* Row keys for the duplicate check. */
struct S_key {
	char	*key;
	int	 line;
};

/* Row keys by key, then line. */
static int
S_key_cmp(const void *a, const void *b)
{
	const struct S_key *x = a, *y = b;
	int c;

	if ((c = strcmp(x->key, y->key)) != 0)
		return c;
	return x->line < y->line ? -1 : x->line > y->line;
}

/*
 * Reports rows whose key equals an earlier row's (a row exported twice).
 * Sets dup[i] for rows (in key order, by line) to drop.  Frees the keys.
 */
static void
S_dups(struct sales_ctx *ctx, const char *file, struct S_key *k, size_t n)
{
	size_t i, first = 0;

	if (n > 1)
		qsort(k, n, sizeof(*k), S_key_cmp);
	for (i = 0; i < n; i++) {
		if (i > 0 && strcmp(k[i].key, k[first].key) == 0)
			diag_at(ctx->d, DIAG_ERROR, file, k[i].line, 1,
			    "duplicate row: the same as line %d",
			    k[first].line);
		else
			first = i;
	}
	for (i = 0; i < n; i++)
		free(k[i].key);
	free(k);
}

/* Looks up the person field; checks they were employed on date (if > 0).
 * Returns the staff index or -1 (reported). */
static long
S_person(struct sales_ctx *ctx, const char *file, const struct csv_field *f,
    int date)
{
	const struct staff *s;
	char d1[11], d2[11];
	long i;

	if (f->len == 0) {
		diag_at(ctx->d, DIAG_ERROR, file, f->line, f->col,
		    "missing person (a staff id from staff.csv)");
		return -1;
	}
	if ((i = staff_find(ctx, f->s)) == -1) {
		/* A person whose staff.csv row was rejected: reported there. */
		if (ctx->nbadstaff == 0 || bsearch(&f->s, ctx->badstaff,
		    ctx->nbadstaff, sizeof(*ctx->badstaff), S_strcmp) == NULL)
			diag_at(ctx->d, DIAG_ERROR, file, f->line, f->col,
			    "unknown person '%s' (not in staff.csv)", f->s);
		return -1;
	}
	s = &ctx->staff[i];
	if (date > 0 && (date < s->hired || (s->left && date > s->left))) {
		date_str(d1, date);
		date_str(d2, date < s->hired ? s->hired : s->left);
		diag_at(ctx->d, DIAG_ERROR, file, f->line, f->col,
		    "%s (%s) was not employed on %s (%s %s)", s->id, s->name,
		    d1, date < s->hired ? "hired" : "left", d2);
		return -1;
	}
	return i;
}

/* Parses a date field and checks it lies in month ym. */
static int
S_month_date(struct sales_ctx *ctx, const char *file,
    const struct csv_field *f, int ym)
{
	char ms[8];
	int v;

	if ((v = S_date(ctx, file, f, "date")) == -1)
		return -1;
	if (v / 100 != ym) {
		month_str(ms, ym);
		diag_at(ctx->d, DIAG_ERROR, file, f->line, f->col,
		    "date %s is outside %s (this folder's month)", f->s, ms);
		return -1;
	}
	return v;
}

static const char *const S_ev_cols[] = {
	"date", "person", "type", "client", "amount", "note" };
static const int S_ev_opt[] = { 0, 0, 0, 0, 0, 1 };

/* Loads events.csv of month m (rel, encoding enc): every bad row is
 * reported and left out.  Returns -1 when the file could not be read. */
static int
S_load_events(struct sales_ctx *ctx, struct month *m, const char *rel,
    const char *enc)
{
	struct csv c;
	const struct csv_row *r;
	const struct csv_field *f, *fa;
	struct S_key *keys = NULL;
	struct event ev;
	size_t i, nk = 0;
	int map[6], ok, t;
	long p;
	int64_t amt;

	if (S_read_csv(ctx, rel, enc, &c) == -1 ||
	    csv_header(ctx, &c, S_ev_cols, S_ev_opt, 6, map) == -1) {
		m->events_file = xstrdup(c.file);
		csv_free(&c);
		return -1;
	}
	m->events_file = xstrdup(c.file);
	for (i = 1; i < c.nrows; i++) {
		r = &c.rows[i];
		if (S_row_width(ctx, &c, r) == -1)
			continue;
		memset(&ev, 0, sizeof(ev));
		ev.line = r->line;
		ok = 1;
		if ((ev.date = S_month_date(ctx, c.file, S_fld(r, map, 0),
		    m->ym)) == -1)
			ok = 0;
		if ((p = S_person(ctx, c.file, S_fld(r, map, 1),
		    ok ? ev.date : 0)) == -1)
			ok = 0;
		ev.person = (size_t)(p < 0 ? 0 : p);
		f = S_fld(r, map, 2);
		for (t = 0; t < EV__MAX; t++)
			if (strcmp(f->s, ev_name[t]) == 0)
				break;
		if (t == EV__MAX) {
			diag_at(ctx->d, DIAG_ERROR, c.file, f->line, f->col,
			    f->len ? "unknown type '%s'; expected visit, "
			    "invitation, design_agreement or contract" :
			    "missing type%s; expected visit, invitation, "
			    "design_agreement or contract", f->s);
			ok = 0;
		}
		ev.type = (enum ev_type)t;
		f = S_fld(r, map, 3);
		if (f->len == 0) {
			diag_at(ctx->d, DIAG_ERROR, c.file, f->line, f->col,
			    "missing client (the CRM client id or name)");
			ok = 0;
		} else if (S_has_ctrl(f->s)) {
			diag_at(ctx->d, DIAG_ERROR, c.file, f->line, f->col,
			    "client has a line break or control character");
			ok = 0;
		}
		fa = S_fld(r, map, 4);
		if (t == EV_CONTRACT) {
			if (S_amount(ctx, c.file, fa, "contract amount",
			    &amt) == -1)
				ok = 0;
			else if (amt == 0) {
				diag_at(ctx->d, DIAG_ERROR, c.file, fa->line,
				    fa->col, "contract amount is 0");
				ok = 0;
			} else
				ev.amount = amt;
		} else if (t != EV__MAX && fa->len) {
			diag_at(ctx->d, DIAG_ERROR, c.file, fa->line, fa->col,
			    "amount '%s' on a %s: only contract rows have an "
			    "amount", fa->s, ev_name[t]);
			ok = 0;
		}
		if (!ok)
			continue;
		ev.client = xstrdup(f->s);
		m->ev = xgrow(m->ev, m->nev, sizeof(*m->ev));
		m->ev[m->nev++] = ev;
		keys = xgrow(keys, nk, sizeof(*keys));
		keys[nk].key = xasprintf("%d\x1f%zu\x1f%d\x1f%s\x1f%lld\x1f%s",
		    ev.date, ev.person, t, ev.client, (long long)ev.amount,
		    S_fld(r, map, 5)->s);
		keys[nk++].line = r->line;
	}
	S_dups(ctx, c.file, keys, nk);
	csv_free(&c);
	return 0;
}

int
inc_parse(const char *s, size_t n)
{
	int k;

	for (k = 0; k < INC__MAX; k++)
		if (strlen(inc_name[k]) == n && memcmp(s, inc_name[k], n) == 0)
			return k;
	return -1;
}

static const char *const S_inc_cols[] = {
	"date", "person", "kind", "exempt", "note" };
static const int S_inc_opt[] = { 0, 0, 0, 0, 1 };

/* Loads incidents.csv of month m, as S_load_events(). */
static int
S_load_incidents(struct sales_ctx *ctx, struct month *m, const char *rel,
    const char *enc)
{
	struct csv c;
	const struct csv_row *r;
	const struct csv_field *f;
	struct S_key *keys = NULL;
	struct incident in;
	size_t i, nk = 0;
	int map[5], ok, k;
	long p;

	if (S_read_csv(ctx, rel, enc, &c) == -1 ||
	    csv_header(ctx, &c, S_inc_cols, S_inc_opt, 5, map) == -1) {
		m->incidents_file = xstrdup(c.file);
		csv_free(&c);
		return -1;
	}
	m->incidents_file = xstrdup(c.file);
	for (i = 1; i < c.nrows; i++) {
		r = &c.rows[i];
		if (S_row_width(ctx, &c, r) == -1)
			continue;
		memset(&in, 0, sizeof(in));
		in.line = r->line;
		ok = 1;
		if ((in.date = S_month_date(ctx, c.file, S_fld(r, map, 0),
		    m->ym)) == -1)
			ok = 0;
		if ((p = S_person(ctx, c.file, S_fld(r, map, 1),
		    ok ? in.date : 0)) == -1)
			ok = 0;
		in.person = (size_t)(p < 0 ? 0 : p);
		f = S_fld(r, map, 2);
		if ((k = inc_parse(f->s, f->len)) == -1) {
			diag_at(ctx->d, DIAG_ERROR, c.file, f->line, f->col,
			    "%s kind '%s'; expected late, leave, comp_leave, "
			    "phone_blocked, transport_late or missing_record",
			    f->len ? "unknown" : "missing", f->s);
			ok = 0;
		}
		in.kind = (enum inc_kind)k;
		f = S_fld(r, map, 3);
		if (f->len == 0 || strcasecmp(f->s, "no") == 0)
			in.exempt = 0;
		else if (strcasecmp(f->s, "yes") == 0)
			in.exempt = 1;
		else {
			diag_at(ctx->d, DIAG_ERROR, c.file, f->line, f->col,
			    "exempt must be 'yes', 'no' or empty, not '%s'",
			    f->s);
			ok = 0;
		}
		if (!ok)
			continue;
		m->inc = xgrow(m->inc, m->ninc, sizeof(*m->inc));
		m->inc[m->ninc++] = in;
		keys = xgrow(keys, nk, sizeof(*keys));
		keys[nk].key = xasprintf("%d\x1f%zu\x1f%d\x1f%d\x1f%s",
		    in.date, in.person, k, in.exempt, S_fld(r, map, 4)->s);
		keys[nk++].line = r->line;
	}
	S_dups(ctx, c.file, keys, nk);
	csv_free(&c);
	return 0;
}

static const char *const S_tg_cols[] = { "team", "amount" };

/* Comparator for arrays of const char *. */
static int
S_pstrcmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The sorted, distinct team ids of staff.csv; caller frees the array. */
static const char **
S_teams(const struct sales_ctx *ctx, size_t *np)
{
	const char **v;
	size_t i, n = 0, k;

	v = xcalloc(ctx->nstaff + 1, sizeof(*v));
	for (i = 0; i < ctx->nstaff; i++)
		if (ctx->staff[i].team)
			v[n++] = ctx->staff[i].team;
	if (n > 1)
		qsort(v, n, sizeof(*v), S_pstrcmp);
	for (i = k = 0; i < n; i++)
		if (k == 0 || strcmp(v[k - 1], v[i]) != 0)
			v[k++] = v[i];
	*np = k;
	return v;
}

/* Loads targets.csv of month m, as S_load_events(); teams must be
 * teams of staff.csv, each at most once. */
static int
S_load_targets(struct sales_ctx *ctx, struct month *m, const char *rel,
    const char *enc)
{
	struct csv c;
	const struct csv_row *r;
	const struct csv_field *f;
	struct mtarget tg;
	const char **teams, *key, **hit;
	size_t i, nteams;
	int map[2], ok, *seen;

	if (S_read_csv(ctx, rel, enc, &c) == -1 ||
	    csv_header(ctx, &c, S_tg_cols, NULL, 2, map) == -1) {
		m->targets_file = xstrdup(c.file);
		csv_free(&c);
		return -1;
	}
	m->targets_file = xstrdup(c.file);
	teams = S_teams(ctx, &nteams);
	seen = xcalloc(nteams + 1, sizeof(*seen));	/* line of its target */
	for (i = 1; i < c.nrows; i++) {
		r = &c.rows[i];
		if (S_row_width(ctx, &c, r) == -1)
			continue;
		memset(&tg, 0, sizeof(tg));
		tg.line = r->line;
		ok = 1;
		f = S_fld(r, map, 0);
		key = f->s;
		hit = nteams ? bsearch(&key, teams, nteams, sizeof(*teams),
		    S_pstrcmp) : NULL;
		if (f->len == 0) {
			diag_at(ctx->d, DIAG_ERROR, c.file, f->line, f->col,
			    "missing team");
			ok = 0;
		} else if (hit == NULL) {
			diag_at(ctx->d, DIAG_ERROR, c.file, f->line, f->col,
			    "unknown team '%s' (no one in staff.csv is in it)",
			    f->s);
			ok = 0;
		} else if (seen[hit - teams]) {
			diag_at(ctx->d, DIAG_ERROR, c.file, f->line, f->col,
			    "team '%s' has a target already (line %d)", f->s,
			    seen[hit - teams]);
			ok = 0;
		} else
			seen[hit - teams] = r->line;
		f = S_fld(r, map, 1);
		if (S_amount(ctx, c.file, f, "target amount", &tg.amount) ==
		    -1)
			ok = 0;
		else if (tg.amount == 0) {
			diag_at(ctx->d, DIAG_ERROR, c.file, f->line, f->col,
			    "target amount is 0");
			ok = 0;
		}
		if (!ok)
			continue;
		tg.team = xstrdup(S_fld(r, map, 0)->s);
		m->tg = xreallocarray(m->tg, m->ntg + 1, sizeof(*m->tg));
		m->tg[m->ntg++] = tg;
	}
	free(teams);
	free(seen);
	csv_free(&c);
	return 0;
}

/* Is name one of the month files (in any declared encoding)? */
static int
S_month_file(const char *name)
{
	static const char *const base[] = { "events", "incidents", "targets" };
	static const char *const sfx[] = { ".csv", ".gbk.csv", ".gb18030.csv" };
	size_t i, k, n;

	for (i = 0; i < 3; i++) {
		n = strlen(base[i]);
		if (strncmp(name, base[i], n) != 0)
			continue;
		for (k = 0; k < 3; k++)
			if (strcmp(name + n, sfx[k]) == 0)
				return 1;
	}
	return 0;
}

struct month *
load_month(struct sales_ctx *ctx, int ym, int required)
{
	static const char *const base[] = { "events", "incidents", "targets" };
	struct month *m;
	char ms[8], *dir, *name, **names, *rel;
	const char *enc;
	size_t n, i, k;
	int r, bad = 0, need;

	month_str(ms, ym);
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
		r = S_find_csv(ctx, dir, names, n, base[k], &rel, &enc);
		/* Earlier months need their events only. */
		need = ym == ctx->ym || k == 0;
		if (r == 0 && need) {
			rel = xasprintf("%s/%s.csv", dir, base[k]);
			name = src_name(&ctx->src, rel);
			diag_at(ctx->d, DIAG_ERROR, name, 0, 0, "missing: "
			    "every month needs %s.csv (a header row at "
			    "least)", base[k]);
			free(name);
			free(rel);
			bad = 1;
			continue;
		}
		if (r != 1) {
			bad |= r == -1;
			continue;
		}
		if (k == 0)
			r = S_load_events(ctx, m, rel, enc);
		else if (k == 1) {
			m->have_incidents = 1;
			r = S_load_incidents(ctx, m, rel, enc);
		} else {
			m->have_targets = 1;
			r = S_load_targets(ctx, m, rel, enc);
		}
		bad |= r == -1;
		free(rel);
	}
	S_list_free(names, n);
	free(dir);
	if (bad) {
		month_free(m);
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
		p = plan_parse(ctx, file, raw, len);
		free(raw);
		if (p == NULL)
			continue;
		ctx->plans = xreallocarray(ctx->plans, ctx->nplans + 1,
		    sizeof(*ctx->plans));
		ctx->plans[ctx->nplans++] = p;
	}
	S_list_free(names, n);
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
