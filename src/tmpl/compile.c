/*
 * compile.c — translates template text into Lua source.  Line N of the
 * generated source holds the code of template line N, so Lua's own error
 * positions ("templates/x.lua.html:12:") are the template's; every emit
 * call also carries its template line for the output srcmap.
 *
 *	text		__rb_t(LINE,"text")	(one call per template line)
 *	<%= expr %>	__rb_e(LINE,(expr))	escaped
 *	<%- expr %>	__rb_r(LINE,(expr))	raw
 *	<%= expr %>text	__rb_e(LINE,(expr),"text")	the rest of the line
 *			(or the text up to the next tag) rides along
 *	<% code %>	; code ;
 *	<%# note %>	(nothing; its newlines are kept)
 *	<%%		a literal "<%"
 *	-%>		closes a tag and swallows the newline after it
 */
#include <string.h>
#include "tmpl_int.h"

/* Appends s[0..n) as the body of a double-quoted Lua string literal. */
static void
S_quote(struct buf *out, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '\\' || c == '"') {
			buf_putc(out, '\\');
			buf_putc(out, c);
		} else if (c == '\n')
			BUF_PUTSL(out, "\\n");
		else if (c < 0x20 || c == 0x7f)
			buf_printf(out, "\\%03u", c);
		else
			buf_putc(out, c);
	}
}

/*
 * Emits literal text, one call per template line; advances *line.  At the
 * end of the file the last newline stays out of the Lua source, so errors
 * "near <eof>" point at the last template line.
 */
static void
S_text(struct buf *out, const char *s, size_t n, int *line, int last)
{
	const char *nl;
	size_t seg;

	while (n > 0) {
		nl = memchr(s, '\n', n);
		seg = nl ? (size_t)(nl - s) + 1 : n;
		buf_printf(out, TMPL_EMIT_TEXT "(%d,\"", *line);
		S_quote(out, s, seg);
		BUF_PUTSL(out, "\") ");
		if (nl && !(last && seg == n)) {
			buf_putc(out, '\n');
			(*line)++;
		}
		s += seg;
		n -= seg;
	}
}

/*
 * After an output tag on one line: the text that follows it up to the end
 * of that line (or the next tag) becomes a third argument of the same emit
 * call, written after the value, so the order of output is unchanged and
 * one call is saved.  Returns where the rest of the text starts; *nlp
 * tells whether the text taken ends a line (the caller then ends the Lua
 * line after closing the call).
 */
static const char *
S_tail(struct buf *out, const char *p, const char *end, int *nlp)
{
	const char *tag, *nl, *stop;
	size_t seg;

	tag = memmem(p, (size_t)(end - p), "<%", 2);
	stop = tag ? tag : end;
	nl = memchr(p, '\n', (size_t)(stop - p));
	seg = nl ? (size_t)(nl - p) + 1 : (size_t)(stop - p);
	/* the file's last newline stays out of the source (see S_text) */
	if (seg == 0 || (nl && tag == NULL && p + seg == end))
		return p;
	BUF_PUTSL(out, ",\"");
	S_quote(out, p, seg);
	buf_putc(out, '"');
	*nlp = nl != NULL;
	return p + seg;
}

/* Copies Lua code verbatim, counting its newlines into *line. */
static void
S_code(struct buf *out, const char *s, size_t n, int *line)
{
	size_t i;

	buf_put(out, s, n);
	for (i = 0; i < n; i++)
		if (s[i] == '\n')
			(*line)++;
}

int
tmpl_translate(struct buf *out, const char *src, size_t n, int *errline,
    const char **err)
{
	const char *p = src, *end = src + n, *tag, *body, *close, *bend;
	const char *rest;
	int line = 1, tagline, trim, nl;
	char kind;
	size_t i;

	BUF_PUTSL(out, "local _ENV, " TMPL_EMIT_TEXT ", " TMPL_EMIT_ESC ", "
	    TMPL_EMIT_RAW " = ...; ");
	while (p < end) {
		tag = memmem(p, (size_t)(end - p), "<%", 2);
		S_text(out, p, (size_t)((tag ? tag : end) - p), &line,
		    tag == NULL);
		if (tag == NULL)
			break;
		tagline = line;
		if (tag + 2 < end && tag[2] == '%') {	/* <%% */
			S_text(out, "<%", 2, &line, 0);
			p = tag + 3;
			continue;
		}
		kind = tag + 2 < end ? tag[2] : 0;
		if (kind == '=' || kind == '-' || kind == '#')
			body = tag + 3;
		else {
			kind = 0;
			body = tag + 2;
		}
		close = body <= end ?
		    memmem(body, (size_t)(end - body), "%>", 2) : NULL;
		if (close == NULL) {
			*errline = tagline;
			*err = "unclosed '<%' tag (missing '%>')";
			return -1;
		}
		bend = close;
		trim = bend > body && bend[-1] == '-' && (bend - 1 == body ||
		    strchr(" \t\n", bend[-2]) != NULL);
		if (trim)
			bend--;
		rest = close + 2;
		switch (kind) {
		case '#':
			for (i = 0; body + i < bend; i++)
				if (body[i] == '\n') {
					buf_putc(out, '\n');
					line++;
				}
			break;
		case '=':
		case '-':
			buf_printf(out, "%s(%d,(", kind == '=' ? TMPL_EMIT_ESC :
			    TMPL_EMIT_RAW, tagline);
			S_code(out, body, (size_t)(bend - body), &line);
			BUF_PUTSL(out, ")");
			nl = 0;
			if (!trim && line == tagline)
				rest = S_tail(out, rest, end, &nl);
			BUF_PUTSL(out, ") ");
			if (nl) {
				buf_putc(out, '\n');
				line++;
			}
			break;
		default:
			BUF_PUTSL(out, "; ");
			S_code(out, body, (size_t)(bend - body), &line);
			BUF_PUTSL(out, " ; ");
			break;
		}
		p = rest;
		if (trim) {
			if (p < end && *p == '\r' && p + 1 < end && p[1] == '\n')
				p++;
			if (p < end && *p == '\n') {
				p++;
				buf_putc(out, '\n');
				line++;
			}
		}
	}
	buf_putc(out, ' ');
	return 0;
}
