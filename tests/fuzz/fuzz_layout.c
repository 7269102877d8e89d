/* fuzz_layout.c — libFuzzer harness: the document-tree parser and the PDF
 * backend behind it — doc_parse, then pdf_render (layout, line breaking,
 * tables, charts, pages, and the PDF writer (pdfw.c)) with the default theme.
 * Fonts are opened once for the whole run.  Images are looked up in
 * tests/fuzz/seeds/layout-img/ only. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "util/util.h"
#include "doc/doc.h"
#include "pdf/pdf.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct pdf_theme th;
	static struct pdf_fonts *fonts;
	static const char *const imgdirs[] = { "tests/fuzz/seeds/layout-img",
	    NULL };
	struct pdf_opts po;
	struct diag d;
	struct doc_node *root;
	struct buf pdf = BUF_INIT, dump = BUF_INIT;
	char *s;

	if (fonts == NULL) {
		diag_init(&d);
		pdf_theme_default(&th);
		if ((fonts = pdf_fonts_open(&d, &th)) == NULL) {
			diag_flush(&d, stderr);
			abort();
		}
		diag_free(&d);
	}
	s = xstrndup((const char *)data, size);
	diag_init(&d);
	if ((root = doc_parse(&d, s, size, NULL)) != NULL) {
		memset(&po, 0, sizeof(po));
		po.theme = &th;
		po.fonts = fonts;
		po.imgdirs = imgdirs;
		po.date = 0;
		pdf_render(&d, root, &po, &pdf, &dump);
		doc_free(root);
	}
	buf_free(&pdf);
	buf_free(&dump);
	diag_free(&d);
	free(s);
	return 0;
}
