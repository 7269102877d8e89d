/*
 * chars.c — private-use characters (U+E000–U+F8FF, planes 15 and 16) in
 * an imported text (import.h).  They are a symbol font's glyphs or text
 * garbled on its way from a web page ("當?shù)夭町惢牟煌W(wǎng)站"
 * in seed 000): no font rolebook uses has them, so the PDF build would
 * stop at them.  They are kept (the words around them are the user's to
 * retype), with a warning a paragraph at the first of them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/util.h"
#include "../util/diag.h"
#include "import.h"

static int
S_private(uint32_t c)
{
	return (c >= 0xE000 && c <= 0xF8FF) || c >= 0xF0000;
}

void
imp_private_doc(struct imp_doc *doc, struct diag *d)
{
	const struct imp_para *p;
	struct buf cps = BUF_INIT;
	size_t i, o, n, l, first = 0, count;
	uint32_t c;
	char where[96], hex[16];
	int col;

	for (i = 0; i < doc->n; i++) {
		p = &doc->p[i];
		n = strlen(p->text);
		count = 0;
		buf_reset(&cps);
		for (o = 0; o < n; o += l ? l : 1) {
			if ((l = utf8_decode(p->text + o, n - o, &c)) == 0 ||
			    !S_private(c))
				continue;
			if (count++ == 0)
				first = o;
			if (count <= 4) {
				snprintf(hex, sizeof(hex), "%sU+%04X",
				    count > 1 ? ", " : "", (unsigned)c);
				buf_puts(&cps, hex);
			} else if (count == 5)
				buf_puts(&cps, ", …");
		}
		if (count == 0)
			continue;
		col = (int)utf8_count(p->text, first) + p->col;
		where[0] = '\0';
		if (p->table)
			snprintf(where, sizeof(where), "paragraph %d (table %d, "
			    "row %d, cell %d), character %d: ", p->line,
			    p->table, p->row, p->cell, col);
		else if (doc->docx)
			snprintf(where, sizeof(where), "paragraph %d, "
			    "character %d: ", p->line, col);
		diag_at(d, DIAG_WARNING, doc->file, doc->docx ? 0 : p->line,
		    doc->docx ? 0 : col, "%s%zu private-use character%s (%s), from "
		    "garbled text or a symbol font: the PDF fonts have no "
		    "glyph for %s and 'rolebook build' stops there; retype "
		    "the words here", where, count, count == 1 ? "" : "s",
		    cps.data, count == 1 ? "it" : "them");
	}
	buf_free(&cps);
}
