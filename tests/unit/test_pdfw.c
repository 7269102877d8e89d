/*
 * test_pdfw.c — the PDF file writer (src/pdf/pdfw.c), read back with
 * qpdf and poppler: object streams across their size, pages never drawn,
 * links, bookmarks in Chinese, document information, text extraction
 * through the ToUnicode map, and same calls giving the same bytes.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "util/util.h"
#include "util/diag.h"
#include "shell.h"
#include "pdf/font.h"
#include "pdf/draw.h"
#include "pdf/pdfw.h"

/*
 * Writes an n-page PDF to path: page i shows "第<i+1>页" (page skip is
 * never drawn), page 0 links to the last page and to an URI, and every
 * page has a bookmark (level 0 on even pages).  Returns the bytes.
 */
static char *
S_doc(const char *path, size_t n, size_t skip, size_t *len)
{
	struct diag d;
	struct font *f;
	struct buf out = BUF_INIT;
	struct pdfw *w;
	struct pdfc *c;
	char text[64];
	size_t i;
	int fi;

	diag_init(&d);
	f = font_open(&d, FONT_SANS, 0);
	cr_assert_not_null(f);
	for (i = 0; i < n; i++) {
		snprintf(text, sizeof(text), "第%zu页", i + 1);
		font_use_utf8(f, text, strlen(text));
	}
	w = pdfw_new(&out, n);
	pdfw_info(w, "Title", "岗位说明书 (测试)");
	pdfw_lang(w, "zh-CN");
	pdfw_info_date(w, 1767225600);	/* 2026-01-01 */
	fi = pdfw_font(w, &d, f);
	cr_assert_geq(fi, 0);
	for (i = 0; i < n; i++) {
		if (i == skip)
			continue;
		c = pdfw_page_begin(w, i, 595.276, 841.89);
		snprintf(text, sizeof(text), "第%zu页", i + 1);
		pdfc_fill_rgb(c, 0x1a1a1a);
		draw_text(c, f, fi, 12, 72, 700, text, strlen(text));
		pdfc_rect(c, 72, 600, 100, 20);
		pdfc_stroke(c);
		if (i == 0) {
			pdfw_link_page(w, 72, 690, 150, 715, n - 1, 800, -1, NULL);
			pdfw_link_uri(w, 72, 600, 172, 620,
			    "https://example.com/a(b)", -1, "例子");
		}
		pdfw_outline(w, i % 2, text, i, 800);
		pdfw_page_end(w);
	}
	pdfw_finish(w);
	cr_assert_neq(file_write_atomic(path, out.data, out.len), -1);
	font_free(f);
	diag_free(&d);
	*len = out.len;
	return buf_detach(&out);
}

Test(pdfw, object_streams_pages_links_outlines)
{
	/* every alignment of the last page's dictionary in an object
	 * stream of 200 objects (3 font objects and 2 links come first) */
	static const size_t sizes[] = { 1, 2, 194, 195, 196, 197, 198, 199,
	    200, 201, 202, 203, 204, 205, 206, 401 };
	char path[] = "/tmp/rb-test-pdfw-XXXXXX", cmd[512], want[64];
	char *out, *a;
	size_t k, n, len;

	close(mkstemp(path));
	for (k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++) {
		n = sizes[k];
		a = S_doc(path, n, n > 2 ? 1 : (size_t)-1, &len);
		free(a);
		snprintf(cmd, sizeof(cmd), "qpdf --check %s >/dev/null 2>&1 "
		    "&& echo ok", path);
		out = run(cmd);
		cr_assert_str_eq(out, "ok\n", "%zu pages", n);
		free(out);
		snprintf(cmd, sizeof(cmd), "pdfinfo %s 2>&1 | grep -E "
		    "'^(Pages|Title):'", path);
		out = run(cmd);
		snprintf(want, sizeof(want), "Title:           岗位说明书 (测试)\n"
		    "Pages:           %zu\n", n);
		cr_assert_str_eq(out, want, "%zu pages", n);
		free(out);
		/* the last page, whatever object stream its dictionary is
		 * in, has its text; page 2 was never drawn: blank */
		snprintf(cmd, sizeof(cmd), "pdftotext -f %zu -l %zu %s - "
		    "2>&1", n, n, path);
		out = run(cmd);
		snprintf(want, sizeof(want), "第%zu页\n\n\f", n);
		cr_assert_str_eq(out, want, "%zu pages", n);
		free(out);
		if (n > 2) {
			snprintf(cmd, sizeof(cmd), "pdftotext -f 2 -l 2 %s - "
			    "2>&1", path);
			out = run(cmd);
			cr_assert_str_eq(out, "\f");
			free(out);
		}
	}
	/* links: to the last page (/XYZ, null zoom) and to the URI */
	snprintf(cmd, sizeof(cmd), "qpdf --qdf --object-streams=disable %s - "
	    "| grep -a -c '/Subtype /Link'", path);
	out = run(cmd);
	cr_assert_str_eq(out, "2\n");
	free(out);
	snprintf(cmd, sizeof(cmd), "qpdf --qdf --object-streams=disable %s - "
	    "| grep -a -o '/URI (https://example.com/a\\\\(b\\\\))' | wc -l",
	    path);
	out = run(cmd);
	cr_assert_str_eq(out, "1\n");
	free(out);
	/* bookmarks: 201 level-0 items on even pages, one child each */
	snprintf(cmd, sizeof(cmd), "qpdf --json --json-key=outlines %s | "
	    "grep -c '\"title\": \"第'", path);
	out = run(cmd);
	cr_assert_str_eq(out, "400\n");	/* page 2 was skipped */
	free(out);
	/* poppler reads it without a warning */
	snprintf(cmd, sizeof(cmd), "pdffonts %s 2>&1 >/dev/null | wc -l",
	    path);
	out = run(cmd);
	cr_assert_str_eq(out, "0\n");
	free(out);
	unlink(path);
}

Test(pdfw, same_calls_same_bytes)
{
	char p1[] = "/tmp/rb-test-pdfw-XXXXXX", p2[] = "/tmp/rb-test-pdfw-XXXXXX";
	char *a, *b, *out, cmd[256];
	size_t na, nb;

	close(mkstemp(p1));
	close(mkstemp(p2));
	a = S_doc(p1, 30, 3, &na);
	b = S_doc(p2, 30, 3, &nb);
	cr_assert_eq(na, nb);
	cr_assert(memcmp(a, b, na) == 0);
	free(a);
	/* the /ID is a hash of the content (the same bytes above), not of
	 * the time: another document has another one; the date given */
	snprintf(cmd, sizeof(cmd), "qpdf --show-object=trailer %s", p1);
	out = run(cmd);
	cr_assert_not_null(strstr(out, "/ID [ <"), "%s", out);
	cr_assert_not_null(strstr(out, "/Root 1 0 R"), "%s", out);
	{
		char *o2, *id1 = strstr(out, "/ID"), *id2;

		free(S_doc(p2, 29, 3, &nb));
		snprintf(cmd, sizeof(cmd), "qpdf --show-object=trailer %s", p2);
		o2 = run(cmd);
		id2 = strstr(o2, "/ID");
		cr_assert(id1 && id2 && strncmp(id1, id2, 40) != 0, "%s %s",
		    out, o2);
		free(o2);
	}
	free(out);
	snprintf(cmd, sizeof(cmd), "qpdf --qdf --object-streams=disable %s - "
	    "| grep -a -c '/CreationDate (D:20260101000000Z)'", p1);
	out = run(cmd);
	cr_assert_str_eq(out, "1\n");
	free(out);
	free(b);
	unlink(p1);
	unlink(p2);
}
