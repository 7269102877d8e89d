/* fuzz_xml.c — libFuzzer harness: XML role and org.xml loading, plus the
 * canonical export of whatever loads. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "util/util.h"
#include "load/load.h"
#include "load/xml.h"
#include "export/export.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag d;
	struct rb_org org;
	struct rb_role *r;
	struct buf b = BUF_INIT;
	char *s = xstrndup((const char *)data, size);

	diag_init(&d);
	if ((r = load_role_xml(&d, "fuzz.xml", s, size)) != NULL) {
		export_role_xml(&b, r);
		buf_free(&b);
		rb_role_free(r);
	}
	memset(&org, 0, sizeof(org));
	load_org(&d, "org.xml", s, size, &org);
	rb_org_clear(&org);
	diag_free(&d);
	free(s);
	return 0;
}
