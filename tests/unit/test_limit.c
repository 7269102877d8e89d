/*
 * test_limit.c — the limits registry (src/util/limit.c: --limit parsing,
 * values, hints, ranges) and the output lock (src/util/lock.c: exclusive,
 * released on unlock, leftovers of dead writers swept, live ones kept).
 */
#include <criterion/criterion.h>
#include <sys/stat.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "util/util.h"

static char S_err[512];

Test(limit, defaults_and_hints)
{
	rb_limit_reset();
	cr_assert_eq(rb_limit(RB_LIM_FILE), 8u << 20);
	cr_assert_eq(rb_limit(RB_LIM_DEPTH), 100);
	cr_assert_eq(rb_limit(RB_LIM_ROWS), 100000);
	cr_assert_not(rb_limit_given(RB_LIM_DEPTH));
	cr_assert_str_eq(rb_limit_hint(RB_LIM_FILE),
	    "limit file-size=8M; raise it with --limit file-size=N");
	cr_assert_str_eq(rb_limit_hint(RB_LIM_TABLE),
	    "limit table-cells=10000; raise it with --limit table-cells=N");
}

Test(limit, set_values_and_suffixes)
{
	rb_limit_reset();
	cr_assert_eq(rb_limit_set("depth=150", S_err, sizeof(S_err)), 0);
	cr_assert_eq(rb_limit(RB_LIM_DEPTH), 150);
	cr_assert(rb_limit_given(RB_LIM_DEPTH));
	cr_assert_eq(rb_limit_set("file-size=64M", S_err, sizeof(S_err)), 0);
	cr_assert_eq(rb_limit(RB_LIM_FILE), 64u << 20);
	cr_assert_str_eq(rb_limit_hint(RB_LIM_FILE),
	    "limit file-size=64M; raise it with --limit file-size=N");
	cr_assert_eq(rb_limit_set("tmpl-memory=3k", S_err, sizeof(S_err)), 0);
	cr_assert_eq(rb_limit(RB_LIM_TMPL_MEMORY), 3072);
	cr_assert_eq(rb_limit_set("data-size=1000", S_err, sizeof(S_err)), 0);
	cr_assert_str_eq(rb_limit_hint(RB_LIM_DATA),
	    "limit data-size=1000; raise it with --limit data-size=N");
	rb_limit_reset();
	cr_assert_eq(rb_limit(RB_LIM_FILE), 8u << 20);
}

Test(limit, bad_specs)
{
	static const char *const bad[] = { "depth", "depth=", "depth=0",
	    "depth=201", "depth=-1", "depth=1x", "depth=5K", "nope=3", "=3",
	    "file-size=2G", "file-size=1Q", "file-size=99999999999999999999",
	    "csv-rows=18446744073709551616", NULL };
	const char *const *b;

	rb_limit_reset();
	for (b = bad; *b; b++) {
		S_err[0] = '\0';
		cr_assert_eq(rb_limit_set(*b, S_err, sizeof(S_err)), -1, "%s", *b);
		cr_assert_neq(S_err[0], '\0', "%s", *b);
	}
	cr_assert_not(rb_limit_given(RB_LIM_DEPTH));
	rb_limit_set("depth=201", S_err, sizeof(S_err));
	cr_assert_str_eq(S_err, "N must be a number from 1 to 200");
	rb_limit_set("file-size=2G", S_err, sizeof(S_err));
	cr_assert_str_eq(S_err, "N must be a size from 1 to 1G (in bytes, "
	    "or ending in K, M or G)");
	rb_limit_set("nope=3", S_err, sizeof(S_err));
	cr_assert(strstr(S_err, "expected NAME=N, NAME one of: file-size, "
	    "data-size, depth, roles, table-cells, csv-rows, staff, "
	    "tmpl-steps, tmpl-memory, tmpl-ms") == S_err, "%s", S_err);
}

Test(lock, exclusive_until_unlocked)
{
	char dir[] = "/tmp/rb-lock-XXXXXX", *out;
	int a, b;

	cr_assert_not_null(mkdtemp(dir));
	out = xasprintf("%s/out", dir);		/* need not exist */
	cr_assert_geq(a = dir_lock(out, 0), 0);
	/* a second open file description cannot take it */
	cr_assert_eq(dir_lock(out, 0), -1);
	cr_assert_eq(errno, EWOULDBLOCK);
	/* nothing was created */
	cr_assert_eq(access(out, F_OK), -1);
	dir_unlock(a);
	cr_assert_geq(b = dir_lock(out, 0), 0);
	dir_unlock(b);
	rmdir(dir);
	free(out);
}

Test(lock, sweep_removes_only_dead_writers_files)
{
	char dir[] = "/tmp/rb-sweep-XXXXXX", *p[5];
	const char *names[5] = { "a.pdf.tmp.999999999", "sub/b.html.tmp.999999998",
	    "c.pdf.tmp.%ld", "d.tmp.x", "e.pdf" };
	int i, fd;

	cr_assert_not_null(mkdtemp(dir));
	p[0] = xasprintf("%s/sub", dir);
	mkdir(p[0], 0755);
	free(p[0]);
	for (i = 0; i < 5; i++) {
		char name[64];

		snprintf(name, sizeof(name), names[i], (long)getpid());
		p[i] = xasprintf("%s/%s", dir, name);
		cr_assert_geq(fd = open(p[i], O_WRONLY | O_CREAT, 0644), 0);
		close(fd);
	}
	cr_assert_eq(dir_sweep_tmp(dir), 2);
	cr_assert_eq(access(p[0], F_OK), -1);
	cr_assert_eq(access(p[1], F_OK), -1);
	for (i = 2; i < 5; i++) {
		cr_assert_eq(access(p[i], F_OK), 0, "%s", p[i]);
		unlink(p[i]);
	}
	for (i = 0; i < 5; i++)
		free(p[i]);
	p[0] = xasprintf("%s/sub", dir);
	rmdir(p[0]);
	free(p[0]);
	rmdir(dir);
}
