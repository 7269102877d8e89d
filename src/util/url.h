/*
 * url.h — the one rule for link targets (docs/security.md, promise 4).
 *
 * A link target is allowed when it is a relative reference or its scheme
 * is http, https or mailto.  The scheme is read the way a browser reads it
 * after stripping: ASCII control characters and spaces are ignored, case
 * too, so "java\tscript:", "\x01javascript:" and " JavaScript:" are all
 * javascript.  A target holding any ASCII control character is refused as
 * well, so that none reaches an output.  Callers pass the decoded value
 * (character references already replaced).  Used by both loaders
 * (src/load/md.c, src/load/xml.c), the document-tree parser and both
 * writers (src/html, src/pdf/pdfw.c).
 */
#ifndef RB_URL_H
#define RB_URL_H

#include <stddef.h>

struct buf;

enum url_verdict {
	URL_OK = 0,
	URL_SCHEME,	/* a scheme other than http, https, mailto */
	URL_CONTROL,	/* an ASCII control character (U+0000-U+001F, U+007F) */
};

enum url_verdict url_check(const char *s, size_t n);
/* url_check(s, strlen(s)) == URL_OK */
int	 url_allowed(const char *s);
/* Appends the diagnostic for a refused target s (verdict v != URL_OK):
 * what was refused and what is allowed.  The loaders add URL_DROPPED. */
void	 url_why(struct buf *, const char *s, enum url_verdict v);
#define URL_DROPPED	"; the link is dropped, its text kept"

#endif
