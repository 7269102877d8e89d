/*
 * test_url.c — the link-target policy (src/util/url.c): relative, http,
 * https and mailto allowed; every other scheme refused however it is
 * disguised with controls, spaces or case; control characters refused.
 */
#include <criterion/criterion.h>
#include <string.h>
#include "util/util.h"
#include "util/url.h"

static enum url_verdict
S_c(const char *s)
{
	return url_check(s, strlen(s));
}

Test(url, allowed)
{
	static const char *const ok[] = {
		"https://example.com/a?b=1#c", "http://x", "HTTP://X",
		"mailto:hr@example.com", "MailTo:a@b", "roles/boss.html",
		"../index.html#toc", "#role-boss", "?q=1", "", "a b.html",
		"//example.com/x", "/abs/path", "x/javascript:y",
		"x?javascript:y", "x#javascript:y", "岗位.html",
	};
	size_t i;

	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
		cr_expect_eq(S_c(ok[i]), URL_OK, "%s", ok[i]);
}

Test(url, schemes_refused)
{
	static const char *const bad[] = {
		"javascript:alert(1)", "JavaScript:alert(1)",
		"vbscript:msgbox(1)", "file:///etc/passwd",
		"data:text/html,<script>alert(1)</script>",
		"data:image/png;base64,AAAA", "ftp://x", "blob:x", "x:y",
		":nothing", "httpx://a", "http2://a", "mailtox:a",
		" javascript:a", "javascript :a", "j a v a s c r i p t:a",
		"\xc2\xa0javascript:a", "c:\\windows", "tel:110",
	};
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		cr_expect_eq(S_c(bad[i]), URL_SCHEME, "%s", bad[i]);
}

/* What character references decode to in the examples. */
Test(url, disguised_with_controls)
{
	cr_expect_eq(S_c("java\tscript:alert(1)"), URL_SCHEME);
	cr_expect_eq(S_c("\x01javascript:alert(1)"), URL_SCHEME);
	cr_expect_eq(S_c("jav\nascript:alert(1)"), URL_SCHEME);
	cr_expect_eq(S_c("\x7f" "javascript:alert(1)"), URL_SCHEME);
	cr_expect_eq(S_c("java\rscript:alert(1)"), URL_SCHEME);
	/* a NUL inside the given length counts */
	cr_expect_eq(url_check("java\0script:x", 13), URL_SCHEME);
	cr_expect_eq(url_check("a\0b", 3), URL_CONTROL);
}

Test(url, controls_refused)
{
	cr_expect_eq(S_c("a\tb.html"), URL_CONTROL);
	cr_expect_eq(S_c("https://x/\x1b[31m"), URL_CONTROL);
	cr_expect_eq(S_c("http://x/\x7f"), URL_CONTROL);
	cr_expect_eq(S_c("mailto:a@b\n"), URL_CONTROL);
	cr_expect(url_allowed("https://x"));
	cr_expect(!url_allowed("a\x01"));
}

Test(url, why)
{
	struct buf b = BUF_INIT;

	url_why(&b, "Java\tScript:alert(1)", URL_SCHEME);
	cr_expect_str_eq(b.data, "link scheme 'javascript:' is not allowed "
	    "(only relative links and http:, https:, mailto:)");
	buf_reset(&b);
	url_why(&b, "a\x1b" "b", URL_CONTROL);
	cr_expect_str_eq(b.data, "link target holds the control character "
	    "U+001B");
	buf_reset(&b);
	/* a long or unprintable scheme stays short and printable */
	url_why(&b, "\xe2\x80\x8bjavascriptjavascriptjavascriptjs:x",
	    URL_SCHEME);
	cr_expect_str_eq(b.data, "link scheme '???javascriptjavascriptjavascrip"
	    "...:' is not allowed (only relative links and http:, https:, "
	    "mailto:)");
	buf_free(&b);
}
