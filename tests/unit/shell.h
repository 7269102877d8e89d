/*
 * shell.h — for unit tests that check their output with outside tools
 * (qpdf, pdffonts, pdftotext): run a shell command and read what it
 * printed.  Included by the test files that need it (static functions,
 * no object file of its own).
 */
#ifndef RB_TEST_SHELL_H
#define RB_TEST_SHELL_H

#include <criterion/criterion.h>
#include <stdio.h>
#include "util/util.h"

/* The standard output of the shell command cmd; caller frees. */
static char *
run(const char *cmd)
{
	struct buf b = BUF_INIT;
	char chunk[4096];
	size_t n;
	FILE *p;

	p = popen(cmd, "r");
	cr_assert_not_null(p);
	while ((n = fread(chunk, 1, sizeof(chunk), p)) > 0)
		buf_put(&b, chunk, n);
	pclose(p);
	buf_putc(&b, '\0');
	return buf_detach(&b);
}

#endif
