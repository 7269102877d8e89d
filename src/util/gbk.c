/*
 * gbk.c — text written in GBK / GB18030 (Windows Notepad and Excel in
 * Chinese, older WPS), converted to UTF-8 with iconv.  Used by the loaders
 * of XML roles that declare it, the Markdown loader's hint, and the sales
 * CSV reader.
 */
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include "util.h"

int
gbk_to_utf8(const char *data, size_t len, char **out, size_t *outlen,
    size_t *bad)
{
	struct buf b = BUF_INIT;
	iconv_t cd;
	char *in = (char *)data, *op;
	size_t il = len, ol, r;

	/* GB18030 is a superset of GBK and GB2312. */
	if ((cd = iconv_open("UTF-8", "GB18030")) == (iconv_t)-1)
		return -1;
	buf_grow(&b, len * 2 + 16);
	while (il > 0) {
		op = b.data + b.len;
		ol = b.cap - b.len - 1;
		r = iconv(cd, &in, &il, &op, &ol);
		b.len = (size_t)(op - b.data);
		b.data[b.len] = '\0';
		if (r != (size_t)-1)
			break;
		if (ol < 8) {
			buf_grow(&b, il * 2 + 16);
			continue;
		}
		if (bad != NULL)
			*bad = (size_t)(in - data);
		iconv_close(cd);
		buf_free(&b);
		return -1;
	}
	iconv_close(cd);
	if (out != NULL) {
		*outlen = b.len;
		*out = b.len ? buf_detach(&b) : xstrdup("");
	}
	buf_free(&b);
	return 0;
}

int
gbk_plausible(const char *data, size_t len)
{
	return gbk_to_utf8(data, len, NULL, NULL, NULL) == 0;
}
