/*
 * text.c — a .txt or .md job description into paragraphs, one per
 * non-empty line (import.h).  UTF-8 with or without a BOM, or GBK/GB18030
 * when the bytes are not UTF-8; CRLF or LF.  An empty line is kept as an
 * empty paragraph: it ends an item's continuation lines.
 */
#include <stdlib.h>
#include <string.h>

#include "../util/util.h"
#include "../util/diag.h"
#include "../model/fields.h"
#include "import.h"

void
imp_doc_add(struct imp_doc *doc, const char *s, size_t n, int line)
{
	struct imp_para *p;
	size_t b;

	/* Trim blanks (utf8_blank_len) at both ends, and line ends. */
	b = utf8_blank_len(s, n);
	s += b;
	n -= b;
	for (;;) {
		b = utf8_blank_rlen(s, n);
		if (b == 0 && n > 0 && (s[n - 1] == '\r' || s[n - 1] == '\n'))
			b = 1;
		if (b == 0)
			break;
		n -= b;
	}
	doc->p = xgrow(doc->p, doc->n, sizeof(*doc->p));
	p = &doc->p[doc->n++];
	memset(p, 0, sizeof(*p));
	p->text = xstrndup(s, n);
	p->line = line;
	p->col = (int)utf8_count(s - b, b) + 1;
}

void
imp_doc_free(struct imp_doc *doc)
{
	size_t i;

	for (i = 0; i < doc->n; i++) {
		free(doc->p[i].text);
		free(doc->p[i].attrs);
	}
	free(doc->p);
	doc->p = NULL;
	doc->n = 0;
}

int
imp_read_text(struct imp_doc *doc, const char *data, size_t len,
    struct diag *d)
{
	const char *bad, *s, *e, *end;
	char *conv = NULL;
	size_t clen, boff;
	int line, col, big5 = 0;

	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
		data += 3;
		len -= 3;
	}
	if ((bad = utf8_invalid(data, len)) != NULL) {
		if (cjk_to_utf8(data, len, &conv, &clen, &boff, &big5) ==
		    -1) {
			utf8_linecol(data, (size_t)(bad - data), &line, &col);
			diag_at(d, DIAG_ERROR, doc->file, line, col,
			    "invalid UTF-8 byte 0x%02X, and the file is not "
			    "GBK/GB18030 or Big5 either: save it as UTF-8",
			    (unsigned char)*bad);
			return -1;
		}
		if (big5)
			diag_at(d, DIAG_WARNING, doc->file, 0, 0, "not UTF-8: "
			    "read as Big5 (traditional Chinese, as Word and "
			    "Notepad in Taiwan and Hong Kong save it); if the "
			    "text looks wrong, save the file as UTF-8");
		data = conv;
		len = clen;
	}
	for (s = data, end = data + len, line = 1; s < end; s = e + 1,
	    line++) {
		if ((e = memchr(s, '\n', (size_t)(end - s))) == NULL)
			e = end;
		if (memchr(s, '\0', (size_t)(e - s)) != NULL) {
			diag_at(d, DIAG_ERROR, doc->file, line, 1, "a NUL "
			    "byte: this is not a text file (import reads "
			    ".txt, .md and .docx)");
			free(conv);
			return -1;
		}
		imp_doc_add(doc, s, (size_t)(e - s), line);
	}
	free(conv);
	return 0;
}
