/*
 * rich.c — canonical XHTML fragments for rich model fields (see rich.h).
 */
#include <string.h>
#include "rich.h"

static const char *const S_block[] = {
	"p", "ul", "ol", "li", "blockquote", "pre", "h3", "h4", "table",
	"thead", "tbody", "tr", "th", "td", NULL };
static const char *const S_inline[] = {
	"em", "strong", "code", "a", "br", NULL };

int
rich_is_cjk(uint32_t c)
{
	return (c >= 0x2E80 && c <= 0x2FDF) ||	/* radicals */
	    (c >= 0x3000 && c <= 0x30FF) ||	/* CJK punctuation, kana */
	    (c >= 0x3400 && c <= 0x4DBF) ||	/* ext A */
	    (c >= 0x4E00 && c <= 0x9FFF) ||	/* unified ideographs */
	    (c >= 0xF900 && c <= 0xFAFF) ||	/* compatibility */
	    (c >= 0xFE30 && c <= 0xFE4F) ||	/* compatibility forms */
	    (c >= 0xFF00 && c <= 0xFFEF) ||	/* full-width forms */
	    (c >= 0x20000 && c <= 0x3FFFF);
}

static int
S_in(const char *const *list, const char *tag)
{
	for (; *list; list++)
		if (strcmp(*list, tag) == 0)
			return 1;
	return 0;
}

int
rich_is_block(const char *tag)
{
	return S_in(S_block, tag);
}

int
rich_tag_known(const char *tag, int inline_only)
{
	if (S_in(S_inline, tag))
		return 1;
	return !inline_only && S_in(S_block, tag);
}

void
rich_init(struct rich *r)
{
	memset(r, 0, sizeof(*r));
}

/* Writes the pending space if the rules keep it before character c. */
static void
S_flush_space(struct rich *r, uint32_t c)
{
	if (r->space && r->last != 0 &&
	    !(r->space == 2 && rich_is_cjk(r->last) && rich_is_cjk(c)))
		buf_putc(&r->out, ' ');
	r->space = 0;
}

void
rich_text(struct rich *r, const char *s, size_t n)
{
	size_t i = 0, j, k;
	uint32_t c, u;

	while (i < n) {
		c = (unsigned char)s[i];
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			if (r->last != 0 && (c == '\n' || c == '\r'))
				r->space = 2;
			else if (r->last != 0 && r->space == 0)
				r->space = 1;
			i++;
			continue;
		}
		k = utf8_decode(s + i, n - i, &c);
		if (k == 0)
			k = 1;	/* loaders reject bad UTF-8 before this */
		S_flush_space(r, c);
		switch (c) {
		case '&':
			BUF_PUTSL(&r->out, "&amp;");
			r->last = c;
			i += k;
			continue;
		case '<':
			BUF_PUTSL(&r->out, "&lt;");
			r->last = c;
			i += k;
			continue;
		case '>':
			BUF_PUTSL(&r->out, "&gt;");
			r->last = c;
			i += k;
			continue;
		}
		/*
		 * The run of characters up to the next space or markup
		 * character is copied at once: no space is pending inside it
		 * (S_flush_space() above cleared it), only the last
		 * character matters.
		 */
		for (j = i + k; j < n; j += k) {
			u = (unsigned char)s[j];
			if (u < 0x80) {
				if (u == ' ' || u == '\t' || u == '\n' ||
				    u == '\r' || u == '&' || u == '<' || u == '>')
					break;
				c = u;
				k = 1;
			} else if (u >= 0xE1 && u <= 0xEC && j + 2 < n &&
			    ((unsigned char)s[j + 1] & 0xC0) == 0x80 &&
			    ((unsigned char)s[j + 2] & 0xC0) == 0x80) {
				/* the common CJK case: no overlong form, no
				 * surrogate can start with E1..EC */
				c = (u & 0x0F) << 12 |
				    ((unsigned char)s[j + 1] & 0x3F) << 6 |
				    ((unsigned char)s[j + 2] & 0x3F);
				k = 3;
			} else if ((k = utf8_decode(s + j, n - j, &c)) == 0)
				k = 1;
		}
		buf_put(&r->out, s + i, j - i);
		r->last = c;
		i = j;
	}
}

void
rich_open(struct rich *r, const char *tag, const char *href)
{
	if (rich_is_block(tag)) {
		r->space = 0;
		r->last = 0;
	} else if (r->space == 1 ||
	    (r->space == 2 && !rich_is_cjk(r->last))) {
		S_flush_space(r, 'a');
	}
	buf_putc(&r->out, '<');
	buf_puts(&r->out, tag);
	if (href != NULL) {
		BUF_PUTSL(&r->out, " href=\"");
		buf_put_xml(&r->out, href, 1);
		buf_putc(&r->out, '"');
	}
	buf_putc(&r->out, '>');
	r->depth++;
}

void
rich_close(struct rich *r, const char *tag)
{
	if (rich_is_block(tag)) {
		r->space = 0;
		r->last = 0;
	}
	BUF_PUTSL(&r->out, "</");
	buf_puts(&r->out, tag);
	buf_putc(&r->out, '>');
	r->depth--;
}

void
rich_br(struct rich *r)
{
	r->space = 0;
	BUF_PUTSL(&r->out, "<br/>");
	r->last = 0;
}

char *
rich_finish(struct rich *r)
{
	char *s = buf_detach(&r->out);

	rich_init(r);
	return s;
}
