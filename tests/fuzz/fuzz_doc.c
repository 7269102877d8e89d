/* fuzz_doc.c — libFuzzer harness: the document-tree parser (doc_parse) on
 * arbitrary template output, then a walk and a dump of the tree. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "util/util.h"
#include "doc/doc.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag d;
	struct doc_node *root;
	struct buf b = BUF_INIT;
	char *s = xstrndup((const char *)data, size);

	diag_init(&d);
	if ((root = doc_parse(&d, s, size, NULL)) != NULL) {
		doc_dump(&b, root);
		doc_free(root);
	}
	buf_free(&b);
	diag_free(&d);
	free(s);
	return 0;
}
