/*
 * csv.c — the RFC 4180 reader for the sales data (staff.csv and the monthly
 * exports).  Decodes the bytes first (UTF-8 with an optional BOM; GB18030,
 * which includes GBK, or Big5 when the bytes are not UTF-8, by the rule of
 * gbk.c, or when the file name declares GBK, GB18030 or Big5; converted
 * with iconv), then splits records and fields, keeping each field's line
 * and character column so that every later check can point at
 * file:line:col, and maps the header row to the expected columns by their
 * English or Chinese names.  Knows nothing of what the columns mean.
 * Internal to src/sales.
 */
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include "../model/fields.h"
#include "sales_int.h"

/* Line and character column of byte off in text. */
static void
S_linecol(const char *text, size_t off, int *line, int *col)
{
	utf8_linecol(text, off, line, col);
}

/* Converts data from enc to UTF-8 with iconv; reports the first bad byte. */
static int
S_iconv(struct diag *d, const char *file, const char *enc, const char *data,
    size_t len, char **out, size_t *outlen)
{
	struct buf b = BUF_INIT;
	iconv_t cd;
	char *in = (char *)data, *op;
	size_t il = len, ol, done, r;
	int line, col;

	/* Big5 as Windows writes it: CP950, with Microsoft's additions. */
	if ((cd = iconv_open("UTF-8", strcmp(enc, "Big5") == 0 ? "CP950" :
	    enc)) == (iconv_t)-1) {
		diag_at(d, DIAG_FATAL, file, 0, 0,
		    "cannot convert from %s: iconv has no such encoding", enc);
		return -1;
	}
	buf_grow(&b, len * 2 + 16);
	while (il > 0) {
		op = b.data + b.len;
		ol = b.cap - b.len - 1;
		r = iconv(cd, &in, &il, &op, &ol);
		done = (size_t)(op - (b.data + b.len));
		b.len += done;
		b.data[b.len] = '\0';
		if (r != (size_t)-1)
			break;
		if (errno == E2BIG) {
			buf_grow(&b, il * 2 + 16);
			continue;
		}
		S_linecol(b.data, b.len, &line, &col);
		diag_at(d, DIAG_ERROR, file, line, col,
		    "not valid %s (byte 0x%02X); is the file really %s? "
		    "If it is UTF-8, drop the encoding from its name", enc,
		    (unsigned char)*in, enc);
		iconv_close(cd);
		buf_free(&b);
		return -1;
	}
	iconv_close(cd);
	*outlen = b.len;
	*out = b.len ? buf_detach(&b) : (buf_free(&b), xstrdup(""));
	return 0;
}

/*
 * Warns that file, which is not UTF-8, was taken as Big5 (a guess), with
 * the name that declares it.
 */
static void
S_big5_guessed(struct diag *d, const char *file)
{
	const char *base = strrchr(file, '/');
	size_t n;

	base = base != NULL ? base + 1 : file;
	n = strlen(base);
	if (n > 4 && strcmp(base + n - 4, ".csv") == 0)
		n -= 4;
	diag_at(d, DIAG_WARNING, file, 0, 0, "not UTF-8: read as Big5 "
	    "(traditional Chinese, as Excel in Taiwan and Hong Kong saves "
	    "it); if the text looks wrong, export the file as \"CSV "
	    "UTF-8\"; if it is right, rename the file %.*s.big5.csv to say "
	    "it is Big5", (int)n, base);
}

int
csv_decode(struct diag *d, const char *file, const char *enc,
    const char *data, size_t len, char **out, size_t *outlen)
{
	const char *bad, *nul;
	int line, col, big5, conv = 0;

	if (len >= 2 && (((unsigned char)data[0] == 0xFF &&
	    (unsigned char)data[1] == 0xFE) || ((unsigned char)data[0] ==
	    0xFE && (unsigned char)data[1] == 0xFF))) {
		diag_at(d, DIAG_ERROR, file, 1, 1, "the file is UTF-16; "
		    "export it as \"CSV UTF-8\" (or convert it: iconv -f "
		    "UTF-16 -t UTF-8)");
		return -1;
	}
	if (enc != NULL && len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
		diag_at(d, DIAG_ERROR, file, 1, 1, "the file starts with a "
		    "UTF-8 byte-order mark but its name declares %s; remove "
		    "the declaration from the name", enc);
		return -1;
	}
	if (enc == NULL) {
		if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
			data += 3;
			len -= 3;
		}
		if ((bad = utf8_invalid(data, len)) != NULL) {
			/* Excel on Chinese Windows and most CRMs: GBK, read
			 * as GB18030 (a superset); in Taiwan and Hong Kong:
			 * Big5.  Which one: the rule of every reader. */
			if (cjk_to_utf8(data, len, out, outlen, NULL, &big5)
			    == -1) {
				S_linecol(data, (size_t)(bad - data), &line,
				    &col);
				diag_at(d, DIAG_ERROR, file, line, col,
				    "neither UTF-8 nor GBK/GB18030 nor Big5 "
				    "(byte 0x%02X); export the file as \"CSV "
				    "UTF-8\"", (unsigned char)*bad);
				return -1;
			}
			if (big5)
				S_big5_guessed(d, file);
			conv = 1;
		}
	}
	if (conv)
		;	/* converted above */
	else if (enc != NULL) {
		if (S_iconv(d, file, enc, data, len, out, outlen) == -1)
			return -1;
	} else {
		*out = xstrndup(data, len);
		*outlen = len;
	}
	if ((nul = memchr(*out, '\0', *outlen)) != NULL) {
		S_linecol(*out, (size_t)(nul - *out), &line, &col);
		diag_at(d, DIAG_ERROR, file, line, col,
		    "NUL byte in a text file; is this a CSV export?");
		free(*out);
		*out = NULL;
		return -1;
	}
	return 0;
}

void
csv_free(struct csv *c)
{
	size_t i, j;

	for (i = 0; i < c->nrows; i++) {
		for (j = 0; j < c->rows[i].nf; j++)
			free(c->rows[i].f[j].s);
		free(c->rows[i].f);
	}
	free(c->rows);
	c->rows = NULL;
	c->nrows = 0;
}

/* Parser state for one file. */
struct S_p {
	struct diag	*d;
	const char	*file;
	const char	*text, *p, *end;
	const char	*ls;		/* start of the current line */
	int		 line;
	const char	*cp;		/* last position measured on the line */
	int		 ccol;		/* and its column */
};

/* Character column of p on the current line; counts on from the last
 * position measured, so a long line costs linear time. */
static int
S_col(struct S_p *s, const char *p)
{
	if (s->cp == NULL || s->cp < s->ls || p < s->cp) {
		s->cp = s->ls;
		s->ccol = 1;
	}
	s->ccol += (int)utf8_count(s->cp, (size_t)(p - s->cp));
	s->cp = p;
	return s->ccol;
}

/* Frees the fields of r and zeroes it. */
static void
S_row_free(struct csv_row *r)
{
	size_t i;

	for (i = 0; i < r->nf; i++)
		free(r->f[i].s);
	free(r->f);
	memset(r, 0, sizeof(*r));
}

/* Is the record one empty unquoted field, or all fields empty? */
static int
S_row_blank(const struct csv_row *r)
{
	size_t i;

	for (i = 0; i < r->nf; i++)
		if (r->f[i].len > 0 || r->f[i].quoted)
			return 0;
	return 1;
}

/*
 * Reads one field at s->p into f.  Returns 0, 1 when the record has a
 * syntax error (reported; the rest of the record is skipped by the
 * caller), or -1 when the file cannot be read further.
 */
static int
S_field(struct S_p *s, struct csv_field *f)
{
	struct buf b = BUF_INIT;
	const char *q, *st, *e;
	int sline, scol;

	sline = s->line;
	scol = S_col(s, s->p);
	f->line = sline;
	f->col = scol;
	if (s->p < s->end && *s->p == '"') {
		f->quoted = 1;
		s->p++;
		for (;;) {
			if (s->p >= s->end) {
				diag_at(s->d, DIAG_ERROR, s->file, sline, scol,
				    "quoted field is never closed (a \" is "
				    "missing)");
				buf_free(&b);
				return -1;
			}
			if (*s->p == '"') {
				if (s->p + 1 < s->end && s->p[1] == '"') {
					buf_putc(&b, '"');
					s->p += 2;
					continue;
				}
				s->p++;
				break;
			}
			if (*s->p == '\r' && s->p + 1 < s->end &&
			    s->p[1] == '\n') {
				s->p++;
				continue;
			}
			if (*s->p == '\n') {
				s->line++;
				s->ls = s->p + 1;
			}
			buf_putc(&b, *s->p++);
			if (b.len > SALES_MAX_FIELD) {
				diag_at(s->d, DIAG_ERROR, s->file, sline, scol,
				    "field longer than %d bytes (limit)",
				    SALES_MAX_FIELD);
				buf_free(&b);
				return -1;
			}
		}
		if (s->p < s->end && *s->p != ',' && *s->p != '\n' &&
		    *s->p != '\r') {
			diag_at(s->d, DIAG_ERROR, s->file, s->line,
			    S_col(s, s->p), "text after the closing quote; "
			    "a \" inside a quoted field is written \"\"");
			buf_free(&b);
			return 1;
		}
	} else {
		st = s->p;
		for (q = s->p; q < s->end && *q != ',' && *q != '\n' &&
		    *q != '\r'; q++)
			if (*q == '"') {
				diag_at(s->d, DIAG_ERROR, s->file, s->line,
				    S_col(s, q), "quote in an unquoted field; "
				    "quote the whole field and double the "
				    "quote (\"\")");
				s->p = q;
				return 1;
			}
		s->p = q;
		e = q;
		/* blanks around it (utf8_blank_len): a hand-typed file
		 * aligns with the full-width space */
		st += utf8_blank_len(st, (size_t)(e - st));
		e -= utf8_blank_rlen(st, (size_t)(e - st));
		f->col = S_col(s, st);
		if ((size_t)(e - st) > SALES_MAX_FIELD) {
			diag_at(s->d, DIAG_ERROR, s->file, sline, scol,
			    "field longer than %d bytes (limit)",
			    SALES_MAX_FIELD);
			return 1;
		}
		buf_put(&b, st, (size_t)(e - st));
	}
	f->len = b.len;
	f->s = b.len ? buf_detach(&b) : (buf_free(&b), xstrdup(""));
	return 0;
}

/* Skips to the start of the next line after a syntax error.  Quotes are
 * not trusted here: the error may be a stray one. */
static void
S_skip_record(struct S_p *s)
{
	while (s->p < s->end && *s->p != '\n')
		s->p++;
	if (s->p < s->end) {
		s->p++;
		s->line++;
		s->ls = s->p;
	}
}

int
csv_parse(struct diag *d, const char *file, const char *text, size_t len,
    struct csv *c)
{
	struct S_p s;
	struct csv_row r;
	size_t cap = 0;
	int rc;

	memset(c, 0, sizeof(*c));
	c->file = file;
	s.d = d;
	s.file = file;
	s.text = s.p = s.ls = text;
	s.end = text + len;
	s.line = 1;
	s.cp = NULL;
	while (s.p < s.end) {
		memset(&r, 0, sizeof(r));
		r.line = s.line;
		for (;;) {
			if (r.nf == SALES_MAX_COLS) {
				diag_at(d, DIAG_ERROR, file, s.line,
				    S_col(&s, s.p), "more than %d fields in "
				    "a row (limit)", SALES_MAX_COLS);
				rc = 1;
			} else {
				r.f = xreallocarray(r.f, r.nf + 1,
				    sizeof(*r.f));
				memset(&r.f[r.nf], 0, sizeof(*r.f));
				rc = S_field(&s, &r.f[r.nf]);
				if (rc == 0)
					r.nf++;
			}
			if (rc == -1) {
				S_row_free(&r);
				c->bad = 1;
				return -1;
			}
			if (rc == 1) {
				S_row_free(&r);
				S_skip_record(&s);
				c->bad = 1;
				break;
			}
			if (s.p < s.end && *s.p == ',') {
				s.p++;
				continue;
			}
			r.endcol = S_col(&s, s.p);
			if (s.p < s.end && *s.p == '\r') {
				if (s.p + 1 < s.end && s.p[1] == '\n')
					s.p++;
				else {
					diag_at(d, DIAG_ERROR, file, s.line,
					    S_col(&s, s.p), "carriage return "
					    "without a line feed; save the "
					    "file with CRLF or LF line ends");
					S_row_free(&r);
					S_skip_record(&s);
					c->bad = 1;
					break;
				}
			}
			if (s.p < s.end) {
				s.p++;
				s.line++;
				s.ls = s.p;
			}
			break;
		}
		if (r.f == NULL)
			continue;
		if (S_row_blank(&r)) {
			S_row_free(&r);
			continue;
		}
		if (c->nrows > SALES_MAX_ROWS) {
			diag_at(d, DIAG_ERROR, file, r.line, 1,
			    "more than %zu rows; split the file (%s)",
			    SALES_MAX_ROWS, rb_limit_hint(RB_LIM_ROWS));
			S_row_free(&r);
			c->bad = 1;
			return -1;
		}
		if (c->nrows == cap) {
			cap = cap ? cap * 2 : 64;
			c->rows = xreallocarray(c->rows, cap, sizeof(*c->rows));
		}
		c->rows[c->nrows++] = r;
	}
	return 0;
}

/* Is header field f column col: its English name (ASCII case ignored) or
 * its Chinese alias, in simplified or traditional characters (工号, 工號)?
 * The field table's fold (rb_name_eq), one rule for roles and sales data. */
static int
S_name_eq(const struct csv_field *f, const struct csv_col *col)
{
	return rb_name_eq(f->s, f->len, col->name) ||
	    (col->alias && rb_name_eq(f->s, f->len, col->alias));
}

int
csv_header(struct diag *d, struct csv *c, const struct csv_col *cols,
    size_t ncols, int *map, csv_warn_fn *warn, void *arg)
{
	struct csv_row *h;
	struct buf want = BUF_INIT, zh = BUF_INIT, msg = BUF_INIT;
	size_t i, j;
	int ok = 1;

	for (i = 0; i < ncols; i++) {
		map[i] = -1;
		buf_printf(&want, "%s%s", i ? "," : "", cols[i].name);
		buf_printf(&zh, "%s%s", i ? "," : "", cols[i].alias ?
		    cols[i].alias : cols[i].name);
	}
	if (c->nrows == 0) {
		diag_at(d, DIAG_ERROR, c->file, 1, c->bad ? 0 : 1,
		    "no header row; the first line must be: %s (or %s)",
		    want.data, zh.data);
		goto out;
	}
	h = &c->rows[0];
	/* Trailing empty columns, as spreadsheets export them: not columns. */
	for (c->width = h->nf; c->width > 0 && h->f[c->width - 1].len == 0 &&
	    !h->f[c->width - 1].quoted; c->width--)
		;
	for (j = 0; j < c->width; j++) {
		for (i = 0; i < ncols; i++)
			if (S_name_eq(&h->f[j], &cols[i]))
				break;
		if (i == ncols) {
			buf_reset(&msg);
			buf_printf(&msg, "unknown column '%s' is ignored "
			    "(expected: %s)", h->f[j].s, want.data);
			warn(arg, c->file, h->line, h->f[j].col, msg.data);
			continue;
		}
		if (map[i] != -1) {
			diag_at(d, DIAG_ERROR, c->file, h->line,
			    h->f[j].col, "column '%s' appears twice",
			    cols[i].name);
			ok = 0;
			continue;
		}
		map[i] = (int)j;
	}
	for (i = 0; i < ncols; i++)
		if (map[i] == -1 && !cols[i].optional) {
			diag_at(d, DIAG_ERROR, c->file, h->line, 1,
			    "missing column '%s'; the header must be: %s "
			    "(or %s)", cols[i].name, want.data, zh.data);
			ok = 0;
		}
out:
	buf_free(&want);
	buf_free(&zh);
	buf_free(&msg);
	return c->nrows && ok ? 0 : -1;
}
