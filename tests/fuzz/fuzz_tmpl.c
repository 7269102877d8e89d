/* fuzz_tmpl.c — libFuzzer harness: template compile and render in the
 * sandbox, then doc_parse of the output with its srcmap.  The input is the
 * template file fuzz.lua.html in a private temporary folder (the engine
 * reads templates from folders); it sees a small role-like data tree.
 * Tight budgets keep each run short; hitting one is a diagnostic, not a
 * finding. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "util/util.h"
#include "doc/doc.h"
#include "tmpl/tmpl.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static char S_dir[] = "/tmp/rb-fuzz-tmpl-XXXXXX";
static char *S_path;

static void
S_cleanup(void)
{
	if (S_path) {
		unlink(S_path);
		rmdir(S_dir);
	}
}

static struct tmpl_val *
S_data(void)
{
	struct tmpl_val *root = tmpl_val_map(), *role, *a, *m;

	tmpl_map_str(root, "title", "岗位说明书 & <handbook>");
	role = tmpl_map_map(root, "role");
	tmpl_map_str(role, "id", "salesperson");
	tmpl_map_str(role, "title", "业务员");
	tmpl_map_int(role, "headcount", 12);
	a = tmpl_map_array(role, "duties");
	tmpl_array_push(a, tmpl_val_str("<p>遵守<em>制度</em>。</p>"));
	tmpl_array_push(a, tmpl_val_str("<p>客户开发。</p>"));
	a = tmpl_map_array(root, "roles");
	m = tmpl_array_push(a, tmpl_val_map());
	tmpl_map_str(m, "name", "业务员");
	tmpl_map_int(m, "fen", 1234567);
	m = tmpl_array_push(a, tmpl_val_map());
	tmpl_map_str(m, "name", "设计师");
	tmpl_map_int(m, "fen", -250);
	m = tmpl_map_map(root, "meta");
	tmpl_map_bool(m, "active", 1);
	tmpl_map_str(m, "month", "2026-10");
	return root;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct tmpl_limits lim = { 2000000, (size_t)32 << 20,
	    500, "fuzz", 0 };
	struct tmpl *t;
	struct tmpl_val *root;
	struct doc_srcmap map;
	struct doc_node *doc;
	struct buf out = BUF_INIT;
	struct diag d;
	FILE *fp;

	if (S_path == NULL) {
		if (mkdtemp(S_dir) == NULL)
			abort();
		S_path = xasprintf("%s/fuzz.lua.html", S_dir);
		atexit(S_cleanup);
	}
	if ((fp = fopen(S_path, "wb")) == NULL)
		abort();
	if (size > 0 && fwrite(data, 1, size, fp) != size)
		abort();
	fclose(fp);
	memset(&map, 0, sizeof(map));
	diag_init(&d);
	root = S_data();
	t = tmpl_new(S_dir, NULL, &lim);
	if (tmpl_render(t, &d, "fuzz.lua.html", root, &out, &map) == 0 &&
	    (doc = doc_parse(&d, out.data ? out.data : "", out.len, &map)))
		doc_free(doc);
	doc_srcmap_free(&map);
	tmpl_free(t);
	tmpl_val_free(root);
	buf_free(&out);
	diag_free(&d);
	return 0;
}
