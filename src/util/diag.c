/*
 * diag.c — collects diagnostics from every pass and prints them sorted,
 * as text, JSON or GitHub workflow commands.  State lives in struct diag, never in globals.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "util.h"
#include "diag.h"

static const char *const S_level[] = { "note", "warning", "error", "error" };
static const char *const S_ghlevel[] = { "notice", "warning", "error", "error" };

void
diag_init(struct diag *d)
{
	memset(d, 0, sizeof(*d));
}

void
diag_free(struct diag *d)
{
	size_t i;

	for (i = 0; i < d->n; i++) {
		free(d->items[i].file);
		free(d->items[i].msg);
	}
	free(d->items);
	d->items = NULL;
	d->n = d->cap = 0;
}

/*
 * Numbers it, the next item of d, and gives it its sort key: its own
 * position, or for a note the key of the item it belongs to (the one
 * before), so that sorting keeps notes with their error.
 */
static void
S_key(struct diag *d, struct diag_item *it)
{
	it->seq = (unsigned)d->n;
	if (it->level == DIAG_NOTE && d->n > 0) {
		const struct diag_item *lead = &d->items[d->n - 1];

		it->kfile = lead->kfile;
		it->kline = lead->kline;
		it->kcol = lead->kcol;
		it->kseq = lead->kseq;
	} else {
		it->kfile = it->file;
		it->kline = it->line;
		it->kcol = it->col;
		it->kseq = it->seq;
	}
	d->n++;
}

/* The cap: items recorded at most (the last one says recording stopped). */
static unsigned
S_max(const struct diag *d)
{
	return d->max >= 2 ? d->max : DIAG_MAX;
}

/* Takes the next slot of d (the caller checked there is one). */
static struct diag_item *
S_slot(struct diag *d)
{
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 16;
		d->items = xreallocarray(d->items, d->cap, sizeof(*d->items));
	}
	return &d->items[d->n];
}

/*
 * Records, in the last slot below the cap, the error that says recording
 * stopped, at the place of the item that did not fit.  It counts as an
 * error: the passes stop their work at the cap (diag_full()), so what
 * they produced is incomplete and must not be used.
 */
static void
S_capped(struct diag *d, const char *file, int line, int col)
{
	struct diag_item *it = S_slot(d);

	d->nerr++;
	it->file = file ? xstrdup(file) : NULL;
	it->line = line;
	it->col = col;
	it->level = DIAG_ERROR;
	it->msg = xasprintf("too many diagnostics (%u are recorded at "
	    "most): stopped here; fix these first", S_max(d));
	S_key(d, it);
}

static void
S_vadd(struct diag *d, enum diag_level lvl, const char *file, int line,
    int col, const char *fmt, va_list ap)
{
	struct diag_item *it;
	struct buf b = BUF_INIT;
	unsigned max = S_max(d);

	if (lvl == DIAG_FATAL)
		d->nfatal++;
	else if (lvl == DIAG_ERROR)
		d->nerr++;
	else if (lvl == DIAG_WARNING)
		d->nwarn++;
	if (d->n >= max)
		return;
	if (d->n + 1 == max) {
		S_capped(d, file, line, col);
		return;
	}
	buf_vprintf(&b, fmt, ap);
	it = S_slot(d);
	it->file = file ? xstrdup(file) : NULL;
	it->line = line;
	it->col = col;
	it->level = lvl;
	it->msg = buf_detach(&b);
	S_key(d, it);
}

/* Appends item it (its strings now owned by d) as S_vadd() would have
 * recorded it, without counting it. */
static void
S_append(struct diag *d, struct diag_item *src)
{
	struct diag_item *it = S_slot(d);

	*it = *src;
	S_key(d, it);
}

void
diag_merge(struct diag *d, struct diag *src)
{
	unsigned max = S_max(d);
	size_t i;

	d->nfatal += src->nfatal;
	d->nerr += src->nerr;
	d->nwarn += src->nwarn;
	for (i = 0; i < src->n; i++) {
		if (d->n + 1 < max) {
			S_append(d, &src->items[i]);
			continue;
		}
		if (d->n + 1 == max)
			S_capped(d, src->items[i].file, src->items[i].line,
			    src->items[i].col);
		free(src->items[i].file);
		free(src->items[i].msg);
	}
	free(src->items);
	memset(src, 0, sizeof(*src));
}

unsigned
diag_cap(const struct diag *d)
{
	return S_max(d);
}

void
diag_at(struct diag *d, enum diag_level lvl, const char *file, int line,
    int col, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	S_vadd(d, lvl, file, line, col, fmt, ap);
	va_end(ap);
}

void
diag_vpos(struct diag *d, enum diag_level lvl, const struct rb_pos *pos,
    const char *fmt, va_list ap)
{
	if (pos)
		S_vadd(d, lvl, pos->file, pos->line, pos->col, fmt, ap);
	else
		S_vadd(d, lvl, NULL, 0, 0, fmt, ap);
}

void
diag_pos(struct diag *d, enum diag_level lvl, const struct rb_pos *pos,
    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	if (pos)
		S_vadd(d, lvl, pos->file, pos->line, pos->col, fmt, ap);
	else
		S_vadd(d, lvl, NULL, 0, 0, fmt, ap);
	va_end(ap);
}

int
diag_failed(const struct diag *d)
{
	return d->nerr || d->nfatal || (d->werror && d->nwarn);
}

int
diag_exit_code(const struct diag *d)
{
	if (d->nfatal)
		return 2;
	if (d->nerr || (d->werror && d->nwarn))
		return 1;
	return 0;
}

/*
 * Items without a file sort first; then by file, line, column, arrival
 * (of the item a note follows, then the note's own arrival).
 */
static int
S_cmp(const void *a, const void *b)
{
	const struct diag_item *x = a, *y = b;
	int c;

	if (x->kfile == NULL || y->kfile == NULL) {
		if (x->kfile != y->kfile)
			return x->kfile == NULL ? -1 : 1;
	} else if ((c = strcmp(x->kfile, y->kfile)) != 0)
		return c;
	if (x->kline != y->kline)
		return x->kline < y->kline ? -1 : 1;
	if (x->kcol != y->kcol)
		return x->kcol < y->kcol ? -1 : 1;
	if (x->kseq != y->kseq)
		return x->kseq < y->kseq ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static void
S_json_str(FILE *f, const char *s)
{
	const unsigned char *p;

	fputc('"', f);
	for (p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(f, "\\%c", *p);
		else if (*p == '\n')
			fputs("\\n", f);
		else if (*p == '\t')
			fputs("\\t", f);
		else if (*p < 0x20)
			fprintf(f, "\\u%04x", *p);
		else
			fputc(*p, f);
	}
	fputc('"', f);
}

/* Text mode: s with what a terminal would act on made visible — C0
 * controls and DEL as \x1b, C1 controls (U+0080-U+009F) as \u009b, bytes
 * that are not UTF-8 as \xff.  Everything else, Chinese included, as it
 * is. */
static void
S_text_str(struct buf *b, const char *s)
{
	size_t n = strlen(s), i = 0, k;
	uint32_t cp;

	while (i < n) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x20 || c == 0x7f) {
			buf_printf(b, "\\x%02x", c);
			i++;
		} else if (c < 0x80) {
			buf_putc(b, c);
			i++;
		} else if ((k = utf8_decode(s + i, n - i, &cp)) == 0) {
			buf_printf(b, "\\x%02x", c);
			i++;
		} else if (cp >= 0x80 && cp <= 0x9f) {
			buf_printf(b, "\\u%04x", (unsigned)cp);
			i += k;
		} else {
			buf_put(b, s + i, k);
			i += k;
		}
	}
}

/*
 * s escaped for a GitHub workflow command (the rules of GitHub's
 * actions/toolkit): '%', CR and LF become %25, %0D and %0A everywhere; in
 * a property (prop set) ':' and ',' also become %3A and %2C, as they
 * separate the properties.
 */
static void
S_gh_str(struct buf *b, const char *s, int prop)
{
	for (; *s; s++) {
		if (*s == '%')
			BUF_PUTSL(b, "%25");
		else if (*s == '\r')
			BUF_PUTSL(b, "%0D");
		else if (*s == '\n')
			BUF_PUTSL(b, "%0A");
		else if (prop && *s == ':')
			BUF_PUTSL(b, "%3A");
		else if (prop && *s == ',')
			BUF_PUTSL(b, "%2C");
		else
			buf_putc(b, *s);
	}
}

/* One item as a workflow command: ::error file=F,line=L,col=C::message */
static void
S_gh_item(struct buf *b, const struct diag_item *it, enum diag_level lvl)
{
	buf_printf(b, "::%s", S_ghlevel[lvl]);
	if (it->file) {
		BUF_PUTSL(b, " file=");
		S_gh_str(b, it->file, 1);
		if (it->line > 0) {
			buf_printf(b, ",line=%d", it->line);
			if (it->col > 0)
				buf_printf(b, ",col=%d", it->col);
		}
	}
	BUF_PUTSL(b, "::");
	S_gh_str(b, it->msg, 0);
	buf_putc(b, '\n');
}

void
diag_flush(struct diag *d, FILE *f)
{
	struct diag_item *it;
	struct buf line = BUF_INIT;
	enum diag_level lvl;
	size_t i;

	if (d->n > 1)
		qsort(d->items, d->n, sizeof(*d->items), S_cmp);
	if (d->format == DIAG_JSON)
		fputc('[', f);
	for (i = 0; i < d->n; i++) {
		it = &d->items[i];
		lvl = it->level;
		if (lvl == DIAG_WARNING && d->werror)
			lvl = DIAG_ERROR;
		if (d->format == DIAG_GITHUB) {
			buf_reset(&line);
			S_gh_item(&line, it, lvl);
			fwrite(line.data, 1, line.len, f);
			continue;
		}
		if (d->format == DIAG_JSON) {
			fputs(i ? ",\n {" : "\n {", f);
			fputs("\"file\": ", f);
			if (it->file)
				S_json_str(f, it->file);
			else
				fputs("null", f);
			fprintf(f, ", \"line\": %d, \"column\": %d, "
			    "\"severity\": \"%s\", \"message\": ",
			    it->line, it->col, S_level[lvl]);
			S_json_str(f, it->msg);
			fputc('}', f);
			continue;
		}
		/* one write per line: stderr is unbuffered */
		buf_reset(&line);
		if (it->file) {
			S_text_str(&line, it->file);
			if (it->line > 0) {
				buf_printf(&line, ":%d", it->line);
				if (it->col > 0)
					buf_printf(&line, ":%d", it->col);
			}
			BUF_PUTSL(&line, ": ");
		} else
			BUF_PUTSL(&line, "rolebook: ");
		buf_printf(&line, "%s: ", S_level[lvl]);
		S_text_str(&line, it->msg);
		buf_putc(&line, '\n');
		fwrite(line.data, 1, line.len, f);
	}
	buf_free(&line);
	if (d->format == DIAG_JSON)
		fputs(d->n ? "\n]\n" : "]\n", f);
	fflush(f);
	for (i = 0; i < d->n; i++) {
		free(d->items[i].file);
		free(d->items[i].msg);
	}
	d->n = 0;
}

/* Packed item: int32 level, line, col, file length (-1: NULL), message
 * length; then the file and message bytes. */
void
diag_pack(const struct diag *d, struct buf *b)
{
	const struct diag_item *it;
	int32_t h[5];
	size_t i;

	for (i = 0; i < d->n; i++) {
		it = &d->items[i];
		h[0] = (int32_t)it->level;
		h[1] = it->line;
		h[2] = it->col;
		h[3] = it->file ? (int32_t)strlen(it->file) : -1;
		h[4] = (int32_t)strlen(it->msg);
		buf_put(b, h, sizeof(h));
		if (it->file)
			buf_put(b, it->file, (size_t)h[3]);
		buf_put(b, it->msg, (size_t)h[4]);
	}
}

void
diag_unpack(struct diag *d, const char *data, size_t len)
{
	int32_t h[5];
	char *file;
	size_t off = 0, fl;

	while (len - off >= sizeof(h)) {
		memcpy(h, data + off, sizeof(h));
		off += sizeof(h);
		fl = h[3] < 0 ? 0 : (size_t)h[3];
		if (h[0] < DIAG_NOTE || h[0] > DIAG_FATAL || h[4] < 0 ||
		    len - off < fl || len - off - fl < (size_t)h[4])
			return;
		file = h[3] < 0 ? NULL : xstrndup(data + off, fl);
		off += fl;
		diag_at(d, (enum diag_level)h[0], file, h[1], h[2], "%.*s",
		    (int)h[4], data + off);
		off += (size_t)h[4];
		free(file);
	}
}
