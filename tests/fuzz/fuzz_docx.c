/* fuzz_docx.c — libFuzzer harness: the import readers and recogniser
 * (src/import).  The input is read as a .docx (zip, XML parts) and, when
 * it is not one, as a text job description; whatever is read has its
 * pinyin readings and a web page's lines taken out, is recognised and
 * written as Markdown. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "util/util.h"
#include "util/diag.h"
#include "import/import.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct imp_doc doc = { "fuzz.docx", 0, NULL, 0 };
	struct imp_role r;
	struct buf md = BUF_INIT;
	struct diag d;
	int rc;

	diag_init(&d);
	memset(&r, 0, sizeof(r));
	rc = imp_read_docx(&doc, (const char *)data, size, &d);
	if (rc == -1) {
		imp_doc_free(&doc);
		doc.file = "fuzz.txt";
		doc.docx = 0;
		rc = imp_read_text(&doc, (const char *)data, size, &d);
	}
	if (rc == 0) {
		imp_private_doc(&doc, &d);
		imp_pinyin_doc(&doc, &d);
		imp_web_doc(&doc, &d);
		imp_recognise(&doc, &r, &d);
		imp_role_markdown(&r, &md);
	}
	imp_doc_free(&doc);
	imp_role_free(&r);
	buf_free(&md);
	diag_free(&d);
	return 0;
}
