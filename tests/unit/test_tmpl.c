/*
 * test_tmpl.c — the template engine: output and escaping, includes and
 * their refusals, user overrides, the sandbox (every escape fails with a
 * clear error), the limits (loops, pathological patterns, memory), error
 * positions, the srcmap, read-only data and the helpers' exact outputs.
 * Run with cwd tests/unit (fixtures in tests/unit/tmpl/).
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "util/util.h"
#include "util/diag.h"
#include "doc/doc.h"
#include "tmpl/tmpl.h"

#define UDIR	"tmpl/user"
#define BDIR	"tmpl/builtin"

struct run {
	struct tmpl	*t;	/* kept: the srcmap's file names are its */
	struct diag	 d;
	struct buf	 out;
	struct doc_srcmap map;
	int		 rc;
	double		 secs;
	char		 first[1024];	/* "file:line: msg" of the first diag */
};

static struct tmpl_limits S_lim = { 0, (size_t)16 << 20, 0, "--tmpl-limit", 0 };

/* Renders name with root in a fresh engine; keeps the first diagnostic. */
static void
S_run(struct run *r, const char *name, struct tmpl_val *root)
{
	struct tmpl *t = tmpl_new(UDIR, BDIR, &S_lim);
	struct timespec a, b;

	memset(r, 0, sizeof(*r));
	r->t = t;
	diag_init(&r->d);
	clock_gettime(CLOCK_MONOTONIC, &a);
	r->rc = tmpl_render(t, &r->d, name, root, &r->out, &r->map);
	clock_gettime(CLOCK_MONOTONIC, &b);
	r->secs = (double)(b.tv_sec - a.tv_sec) +
	    (double)(b.tv_nsec - a.tv_nsec) / 1e9;
	if (r->d.n > 0)
		snprintf(r->first, sizeof(r->first), "%s:%d: %s",
		    r->d.items[0].file ? r->d.items[0].file : "?",
		    r->d.items[0].line, r->d.items[0].msg);
	tmpl_val_free(root);
}

static void
S_done(struct run *r)
{
	diag_free(&r->d);
	buf_free(&r->out);
	doc_srcmap_free(&r->map);
	tmpl_free(r->t);
}

static const char *
S_out(struct run *r)
{
	return r->out.data ? r->out.data : "";
}

/* Renders with a one-key root {key = val} and expects an error. */
static void
S_expect_err(const char *name, const char *key, const char *val,
    const char *want)
{
	struct tmpl_val *root = tmpl_val_map();
	struct tmpl_val *role;
	struct run r;

	tmpl_map_str(root, key, val);
	role = tmpl_map_map(root, "role");
	tmpl_map_str(role, "title", "t");
	tmpl_array_push(tmpl_map_array(role, "tags"), tmpl_val_str("a"));
	S_run(&r, name, root);
	cr_assert_eq(r.rc, -1, "%s=%s: expected an error", key, val);
	cr_assert_eq(r.d.nerr, 1, "%s=%s", key, val);
	cr_assert(strstr(r.first, want) != NULL, "%s=%s: got '%s', want '%s'",
	    key, val, r.first, want);
	S_done(&r);
}

Test(tmpl, escapes_and_raw)
{
	struct tmpl_val *root = tmpl_val_map();
	struct run r;

	tmpl_map_str(root, "s", "<script>alert(1)</script> & \"'");
	S_run(&r, "esc.lua.html", root);
	cr_assert_eq(r.rc, 0, "%s", r.first);
	cr_assert_str_eq(S_out(&r),
	    "<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;&#39;</p>\n"
	    "<script>alert(1)</script> & \"'\n");
	S_done(&r);
}

Test(tmpl, include_and_srcmap)
{
	struct tmpl_val *root = tmpl_val_map();
	const struct rb_pos *p;
	const char *o;
	struct run r;

	tmpl_map_str(root, "title", "T<1>");
	S_run(&r, "page.lua.html", root);
	cr_assert_eq(r.rc, 0, "%s", r.first);
	o = S_out(&r);
	cr_assert_str_eq(o, "<h1>T&lt;1&gt;</h1>\n<i>Ann &amp; Bob</i>\n\n"
	    "<i>3</i>\n<p>end</p>\n");
	p = doc_srcmap_find(&r.map, (size_t)(strstr(o, "Ann") - o));
	cr_assert_not_null(p);
	cr_assert_str_eq(p->file, BDIR "/part.lua.html");
	cr_assert_eq(p->line, 1);
	p = doc_srcmap_find(&r.map, (size_t)(strstr(o, "<p>end") - o));
	cr_assert_str_eq(p->file, BDIR "/page.lua.html");
	cr_assert_eq(p->line, 4);
	p = doc_srcmap_find(&r.map, (size_t)(strstr(o, "T&lt;") - o));
	cr_assert_eq(p->line, 1);
	S_done(&r);
}

Test(tmpl, layout_with_function_body)
{
	struct tmpl_val *root = tmpl_val_map();
	const struct rb_pos *p;
	struct run r;

	tmpl_map_str(root, "title", "x");
	S_run(&r, "uselayout.lua.html", root);
	cr_assert_eq(r.rc, 0, "%s", r.first);
	cr_assert_str_eq(S_out(&r), "<body>\n\n<main>x</main>\n\n</body>\n\n");
	p = doc_srcmap_find(&r.map, (size_t)(strstr(S_out(&r), "<main>") -
	    S_out(&r)));
	cr_assert_str_eq(p->file, BDIR "/uselayout.lua.html");
	cr_assert_eq(p->line, 2);
	S_done(&r);
}

Test(tmpl, include_refuses_bad_names)
{
	S_expect_err("inc.lua.html", "name", "../x", "refused template name "
	    "'../x'");
	S_expect_err("inc.lua.html", "name", "/etc/passwd",
	    "refused template name '/etc/passwd'");
	S_expect_err("inc.lua.html", "name", "a b", "refused template name");
	S_expect_err("inc.lua.html", "name", "x/../../etc/passwd", "refused");
	S_expect_err("inc.lua.html", "name", "nope.lua.html",
	    "template 'nope.lua.html' not found in " UDIR " or " BDIR);
	S_expect_err("inc.lua.html", "name", "../x",
	    BDIR "/inc.lua.html:1: ");
}

Test(tmpl, user_overrides_builtin)
{
	struct run r;

	S_run(&r, "override.lua.html", NULL);
	cr_assert_eq(r.rc, 0);
	cr_assert_str_eq(S_out(&r), "user\n");
	S_done(&r);
	S_run(&r, "only.lua.html", NULL);
	cr_assert_eq(r.rc, 0, "%s", r.first);
	cr_assert_str_eq(S_out(&r), "only builtin, then user\n\n");
	S_done(&r);
}

Test(tmpl, sandbox_escapes_fail)
{
	static const char *const c[][2] = {
		{ "io", ":2: undefined variable 'io'" },
		{ "os", ":3: undefined variable 'os'" },
		{ "require", ":4: undefined variable 'require'" },
		{ "load", ":5: undefined variable 'load'" },
		{ "dofile", ":6: undefined variable 'dofile'" },
		{ "loadfile", ":7: undefined variable 'loadfile'" },
		{ "debug", ":8: undefined variable 'debug'" },
		{ "dump", ":9: attempt to call a nil value (field 'dump')" },
		{ "sdump", ":10: attempt to call a nil value (method 'dump')" },
		{ "getmt", ":11: attempt to index a boolean value" },
		{ "rawset", ":12: undefined variable 'rawset'" },
		{ "modify", ":13: attempt to modify read-only data (field "
		    "'title')" },
		{ "strmod", ":14: attempt to modify read-only data (field "
		    "'upper')" },
		{ "collect", ":15: undefined variable 'collectgarbage'" },
		{ "print", ":16: undefined variable 'print'" },
		{ "gc", ":17: __gc metamethods are not allowed" },
		{ "tinsert", ":18: attempt to modify read-only data" },
		{ "coroutine", ":19: undefined variable 'coroutine'" },
		{ "package", ":20: undefined variable 'package'" },
		{ "G", ":21: undefined variable '_G'" },
		{ "random", ":22: attempt to call a nil value (field "
		    "'random')" },
		{ "datamt", ":23: cannot change a protected metatable" },
		{ "datagetmt", ":24: attempt to index a boolean value" },
		{ "rawdata", ":25: no raw access to data" },
		{ "nested", ":26: attempt to modify read-only data" },
		{ "envescape", ":27: attempt to modify read-only data "
		    "(field 'upper')" },
		{ "loadstring", ":28: undefined variable 'loadstring'" },
	};
	size_t i;

	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++)
		S_expect_err("escape.lua.html", "case", c[i][0], c[i][1]);
}

Test(tmpl, binary_chunk_refused)
{
	S_expect_err("bin.lua.html", "x", "x", "attempt to load a binary "
	    "chunk (mode is 't')");
}

/* Each limit case stops within 2 s with its message. */
static void
S_expect_limit(const char *kase, const char *want)
{
	struct tmpl_val *root = tmpl_val_map();
	struct run r;

	tmpl_map_str(root, "case", kase);
	S_run(&r, "limits.lua.html", root);
	cr_assert_eq(r.rc, -1, "%s", kase);
	cr_assert(strstr(r.first, want) != NULL, "%s: got '%s'", kase,
	    r.first);
	cr_assert_lt(r.secs, 2.0, "%s took %.2f s", kase, r.secs);
	S_done(&r);
}

Test(tmpl, infinite_loop_stopped)
{
	S_expect_limit("loop", BDIR "/limits.lua.html:2: template exceeded "
	    "its ");
	S_expect_limit("pcall", "limits.lua.html:5: template exceeded its");
}

Test(tmpl, pathological_patterns_stopped)
{
	S_expect_limit("find", "limits.lua.html:3: template exceeded its");
	S_expect_limit("gsub", "limits.lua.html:4: template exceeded its");
}

Test(tmpl, memory_bombs_stopped)
{
	S_expect_limit("rep", "limits.lua.html:6: template exceeded its "
	    "memory limit (16777216 bytes)");
	S_expect_limit("table", "limits.lua.html:7: template exceeded its "
	    "memory limit");
	S_expect_limit("concat", "limits.lua.html:8: template exceeded its "
	    "memory limit");
	S_expect_limit("output", "limits.lua.html:9: template exceeded its "
	    "memory limit");
	S_expect_limit("recurse", "include nesting deeper than 32");
}

/* Issue 17: a message handler cannot escape the limits. */
Test(tmpl, xpcall_handler_limited)
{
	S_expect_limit("xpcall-loop", "limits.lua.html:11: template exceeded "
	    "its ");
	S_expect_limit("xpcall-error", "limits.lua.html:12: template exceeded "
	    "its ");
}

/* xpcall still calls its handler with the error and returns its result
 * (after the stack unwound); an error in the handler is returned. */
Test(tmpl, xpcall_handler_result)
{
	struct tmpl_val *root = tmpl_val_map();
	struct run r;

	tmpl_map_str(root, "case", "xpcall-ok");
	S_run(&r, "limits.lua.html", root);
	cr_assert_eq(r.rc, 0, "%s", r.first);
	cr_assert(strstr(S_out(&r), "false handled boom") != NULL, "%s",
	    S_out(&r));
	S_done(&r);
	root = tmpl_val_map();
	tmpl_map_str(root, "case", "xpcall-herr");
	S_run(&r, "limits.lua.html", root);
	cr_assert_eq(r.rc, 0, "%s", r.first);
	cr_assert(strstr(S_out(&r), "false again") != NULL, "%s", S_out(&r));
	S_done(&r);
}

/* Issue 17: library calls the count hook cannot see are charged first. */
Test(tmpl, library_calls_metered)
{
	static const char *const c[][2] = {
		{ "move", ":13: template exceeded its instruction budget" },
		{ "sort", ":14: template exceeded its " },
		{ "unpack", ":16: template exceeded its instruction budget" },
		{ "tconcat", ":17: template exceeded its instruction budget" },
		{ "insert", ":18: template exceeded its " },
		{ "utf8", ":19: template exceeded its " },
		{ "codes", ":20: template exceeded its " },
		{ "format", ":21: template exceeded its " },
		{ "upper", ":22: template exceeded its " },
	};
	size_t i;

	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++)
		S_expect_limit(c[i][0], c[i][1]);
}

/* Issue 17: deep recursion ends at Lua's stack limit, at once, with no
 * note per frame (the handler looks at a bounded number of frames). */
Test(tmpl, deep_recursion_stopped)
{
	struct tmpl_val *root = tmpl_val_map();
	struct run r;

	tmpl_map_str(root, "case", "deep");
	S_run(&r, "limits.lua.html", root);
	cr_assert_eq(r.rc, -1);
	cr_assert(strstr(r.first, "limits.lua.html:15: ") != NULL, "%s",
	    r.first);
	cr_assert(strstr(r.first, "stack overflow: calls nested too deeply") !=
	    NULL || strstr(r.first, "memory limit") != NULL, "%s", r.first);
	cr_assert_eq(r.d.n, 1, "%zu diagnostics", r.d.n);
	cr_assert_lt(r.secs, 2.0, "took %.2f s", r.secs);
	S_done(&r);
}

Test(tmpl, time_limit)
{
	struct tmpl_limits lim = { 1000000000UL, 0, 200, NULL, 0 };
	struct tmpl_val *root = tmpl_val_map();
	struct tmpl *t = tmpl_new(NULL, BDIR, &lim);
	struct buf out = BUF_INIT;
	struct diag d;

	diag_init(&d);
	tmpl_map_str(root, "case", "loop");
	cr_assert_eq(tmpl_render(t, &d, "limits.lua.html", root, &out, NULL),
	    -1);
	cr_assert_str_eq(d.items[0].msg, "template exceeded its time limit "
	    "(200 ms)");
	/* The engine stays usable after a failed render. */
	diag_free(&d);
	diag_init(&d);
	buf_reset(&out);
	cr_assert_eq(tmpl_render(t, &d, "override.lua.html", NULL, &out,
	    NULL), 0);
	cr_assert_str_eq(out.data, "builtin\n");
	tmpl_val_free(root);
	buf_free(&out);
	diag_free(&d);
	tmpl_free(t);
}

Test(tmpl, instruction_budget)
{
	struct tmpl_limits lim = { 1000000UL, 0, 5000, "--tmpl-budget N", 0 };
	struct tmpl_val *root = tmpl_val_map();
	struct tmpl *t = tmpl_new(NULL, BDIR, &lim);
	struct buf out = BUF_INIT;
	struct diag d;

	diag_init(&d);
	tmpl_map_str(root, "case", "loop");
	cr_assert_eq(tmpl_render(t, &d, "limits.lua.html", root, &out, NULL),
	    -1);
	cr_assert_str_eq(d.items[0].msg, "template exceeded its instruction "
	    "budget (1000000); raise it with --tmpl-budget N");
	cr_assert_eq(d.items[0].line, 2);
	tmpl_val_free(root);
	buf_free(&out);
	diag_free(&d);
	tmpl_free(t);
}

Test(tmpl, undefined_variable_position)
{
	struct run r;

	S_run(&r, "undef.lua.html", tmpl_val_map());
	cr_assert_eq(r.rc, -1);
	cr_assert_str_eq(r.first, BDIR "/undef.lua.html:3: undefined variable "
	    "'titel'");
	S_done(&r);
}

Test(tmpl, error_positions)
{
	struct run r;

	S_run(&r, "syntax.lua.html", NULL);
	cr_assert_str_eq(r.first, BDIR "/syntax.lua.html:2: unexpected symbol "
	    "near 'then'");
	S_done(&r);
	S_run(&r, "unclosed.lua.html", NULL);
	cr_assert_str_eq(r.first, BDIR "/unclosed.lua.html:2: unclosed '<%' "
	    "tag (missing '%>')");
	S_done(&r);
	/* In an include: the partial's line, then a note at the include. */
	S_run(&r, "incbad.lua.html", NULL);
	cr_assert(strstr(r.first, BDIR "/badpart.lua.html:2: 'end' expected")
	    == r.first, "%s", r.first);
	cr_assert_eq(r.d.n, 2);
	cr_assert_str_eq(r.d.items[1].file, BDIR "/incbad.lua.html");
	cr_assert_eq(r.d.items[1].line, 2);
	cr_assert_eq(r.d.items[1].level, DIAG_NOTE);
	S_done(&r);
	S_run(&r, "increrr.lua.html", NULL);
	cr_assert_str_eq(r.first, BDIR "/rterr.lua.html:2: fmt_date: "
	    "'2026-13-01' is not a date (YYYY-MM-DD or YYYY-MM)");
	cr_assert_eq(r.d.items[1].line, 3);
	S_done(&r);
	S_run(&r, "nilout.lua.html", tmpl_val_map());
	cr_assert_str_eq(r.first, BDIR "/nilout.lua.html:1: undefined "
	    "variable 'role'");
	S_done(&r);
}

Test(tmpl, nil_output_is_an_error)
{
	struct tmpl_val *root = tmpl_val_map();
	struct run r;

	tmpl_map_map(root, "role");
	S_run(&r, "nilout.lua.html", root);
	cr_assert_str_eq(r.first, BDIR "/nilout.lua.html:1: attempt to "
	    "output a nil value");
	S_done(&r);
}

Test(tmpl, readonly_data_iterates)
{
	struct tmpl_val *root = tmpl_val_map();
	struct tmpl_val *roles = tmpl_map_array(root, "roles");
	struct tmpl_val *meta = tmpl_map_map(root, "meta");
	struct run r;

	tmpl_map_str(tmpl_array_push(roles, tmpl_val_map()), "name", "a");
	tmpl_map_str(tmpl_array_push(roles, tmpl_val_map()), "name", "b");
	tmpl_map_bool(meta, "active", 1);
	S_run(&r, "data.lua.html", root);
	cr_assert_eq(r.rc, 0, "%s", r.first);
	cr_assert_str_eq(S_out(&r), "1:a;2:b;#2\n[active=true]\n"
	    "true ABC 003.1 k\na;b;;c xyz\n<% literal\n");
	S_done(&r);
}

/*
 * References: one C value reached from several places is one Lua table;
 * cycles work (data is converted lazily); maps iterate in insertion order
 * (deterministic, unlike Lua's hash order); C readers follow references.
 */
Test(tmpl, references_cycles_and_order)
{
	struct tmpl_val *root = tmpl_val_map();
	struct tmpl_val *a, *b, *list;
	struct run r;

	a = tmpl_val_map();
	b = tmpl_val_map();
	tmpl_map_str(a, "zeta", "1");
	tmpl_map_str(a, "title", "A");
	tmpl_map_str(a, "alpha", "2");
	tmpl_map_str(b, "title", "B");
	tmpl_map_set(a, "peer", tmpl_val_ref(b));
	tmpl_map_set(b, "peer", tmpl_val_ref(a));
	list = tmpl_map_array(root, "list");
	tmpl_array_push(list, a);
	tmpl_array_push(list, b);
	tmpl_map_set(root, "a", tmpl_val_ref(a));
	cr_assert_eq(tmpl_val_len(list), 2);
	cr_assert_str_eq(tmpl_val_key(a, 1), "title");
	cr_assert_str_eq(tmpl_val_string(tmpl_map_get(tmpl_map_get(
	    tmpl_map_get(root, "a"), "peer"), "title")), "B");
	cr_assert_null(tmpl_map_get(a, "nope"));
	S_run(&r, "refs.lua.html", root);
	cr_assert_eq(r.rc, 0, "%s", r.first);
	cr_assert_str_eq(S_out(&r), "A|B|A|true|true|2\n"
	    "zeta,title,alpha,peer,|1=A;2=B;|nil|0\n");
	S_done(&r);
}

Test(tmpl, helpers_in_templates)
{
	struct run r;

	S_run(&r, "helpers.lua.html", NULL);
	cr_assert_eq(r.rc, 0, "%s", r.first);
	cr_assert_str_eq(S_out(&r),
	    "一|十|十一|二十|一百零五|九千九百九十九\n"
	    "1,234.56|-0.05|1,000,000.00\n"
	    "2026年1月1日|2026年12月\n"
	    "12,345.50|1,234,567|0.00\n"
	    "&lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt;\n");
	S_done(&r);
}

static const char *
S_cn(long long n, struct buf *b)
{
	buf_reset(b);
	if (tmpl_cn_ordinal(b, n) == -1)
		return "ERR";
	return b->data;
}

Test(helpers, cn_ordinal)
{
	struct buf b = BUF_INIT;

	cr_assert_str_eq(S_cn(1, &b), "一");
	cr_assert_str_eq(S_cn(10, &b), "十");
	cr_assert_str_eq(S_cn(11, &b), "十一");
	cr_assert_str_eq(S_cn(19, &b), "十九");
	cr_assert_str_eq(S_cn(20, &b), "二十");
	cr_assert_str_eq(S_cn(21, &b), "二十一");
	cr_assert_str_eq(S_cn(100, &b), "一百");
	cr_assert_str_eq(S_cn(105, &b), "一百零五");
	cr_assert_str_eq(S_cn(110, &b), "一百一十");
	cr_assert_str_eq(S_cn(1001, &b), "一千零一");
	cr_assert_str_eq(S_cn(1010, &b), "一千零一十");
	cr_assert_str_eq(S_cn(1100, &b), "一千一百");
	cr_assert_str_eq(S_cn(2019, &b), "二千零一十九");
	cr_assert_str_eq(S_cn(0, &b), "ERR");
	cr_assert_str_eq(S_cn(10000, &b), "ERR");
	buf_free(&b);
}

Test(helpers, money_numbers_dates)
{
	struct buf b = BUF_INIT;

	cr_assert_eq(tmpl_fmt_yuan(&b, 123456), 0);
	cr_assert_str_eq(b.data, "1,234.56");
	buf_reset(&b);
	tmpl_fmt_yuan(&b, 0);
	cr_assert_str_eq(b.data, "0.00");
	buf_reset(&b);
	tmpl_fmt_yuan(&b, -123456789);
	cr_assert_str_eq(b.data, "-1,234,567.89");
	buf_reset(&b);
	cr_assert_eq(tmpl_fmt_number(&b, 12345.5, 2), 0);
	cr_assert_str_eq(b.data, "12,345.50");
	buf_reset(&b);
	tmpl_fmt_number(&b, -999.5, 0);
	cr_assert_str_eq(b.data, "-1,000");
	buf_reset(&b);
	cr_assert_eq(tmpl_fmt_date(&b, "2026-01-01"), 0);
	cr_assert_str_eq(b.data, "2026年1月1日");
	buf_reset(&b);
	cr_assert_eq(tmpl_fmt_date(&b, "2024-02-29"), 0);
	cr_assert_eq(tmpl_fmt_date(&b, "2026-02-29"), -1);
	cr_assert_eq(tmpl_fmt_date(&b, "2026-1-01"), -1);
	cr_assert_eq(tmpl_fmt_date(&b, "2026-01-01x"), -1);
	buf_free(&b);
}
