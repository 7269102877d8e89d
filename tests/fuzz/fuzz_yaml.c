/* fuzz_yaml.c — libFuzzer harness: YAML front matter of a Markdown role.
 * The input becomes the text between the two '---' lines of an otherwise
 * valid role, so every byte goes to libyaml and the front-matter checks. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "util/util.h"
#include "load/load.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag d;
	struct buf b = BUF_INIT;

	BUF_PUTSL(&b, "---\n");
	buf_put(&b, data, size);
	BUF_PUTSL(&b, "\n---\n\n## 岗位概述\n\n概述。\n\n## 工作职责\n\n1. 职责。\n");
	diag_init(&d);
	rb_role_free(load_role_md(&d, "fuzz.md", b.data, b.len));
	diag_free(&d);
	buf_free(&b);
	return 0;
}
