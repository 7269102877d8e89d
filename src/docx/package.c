/*
 * package.c — the .docx package: the parts made by body.c and styles.c,
 * their relationships and content types, and docProps, zipped with libzip
 * into memory.  The bytes are the same for the same tree and theme: the
 * entries are added in a fixed order, each with the same DOS time
 * (1980-01-01 00:00, set as DOS fields so no time zone enters) and
 * deflated at a fixed level; nothing else varies (libzip writes no
 * extended timestamps for added data).  Also the XML escaping every part
 * uses.  For internal use by the Word backend (src/docx) only.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zip.h>

#include "../doc/doc.h"
#include "../pdf/pdf.h"
#include "docx.h"
#include "docx_int.h"

#define S_DOSDATE	((0 << 9) | (1 << 5) | 1)	/* 1980-01-01 */
#define S_DOSTIME	0
#define S_LEVEL		6	/* deflate level */

void
docx_put_text(struct buf *b, const char *s, size_t n, int attr)
{
	size_t i = 0, k;
	uint32_t cp;

	while (i < n) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x80) {
			i++;
			if (c == '&')
				BUF_PUTSL(b, "&amp;");
			else if (c == '<')
				BUF_PUTSL(b, "&lt;");
			else if (c == '>')
				BUF_PUTSL(b, "&gt;");
			else if (c == '"' && attr)
				BUF_PUTSL(b, "&quot;");
			else if (c == '\n' && attr)
				BUF_PUTSL(b, "&#10;");
			else if (c == '\t' && attr)
				BUF_PUTSL(b, "&#9;");
			else if (c >= 0x20 || c == '\t' || c == '\n')
				buf_putc(b, c);
			/* else: a control character XML 1.0 forbids (and
			 * \r, which a parser turns into \n): dropped */
			continue;
		}
		if ((k = utf8_decode(s + i, n - i, &cp)) == 0) {
			i++;		/* malformed: dropped */
			continue;
		}
		if (cp != 0xFFFE && cp != 0xFFFF)
			buf_put(b, s + i, k);
		i += k;
	}
}

long
docx_twips(double pt)
{
	return (long)(pt * 20 + (pt < 0 ? -0.5 : 0.5));
}

/* docProps/core.xml: title, subject and author of the rb-document, and
 * the build date when there is one. */
static void
S_core(struct buf *b, const struct doc_node *root, long long date)
{
	static const char *const el[][2] = {
		{ "title", "dc:title" }, { "data-subject", "dc:subject" },
		{ "data-author", "dc:creator" },
	};
	const char *v;
	size_t i;

	buf_puts(b, DOCX_XML_DECL);
	BUF_PUTSL(b, "<cp:coreProperties xmlns:cp=\"http://schemas."
	    "openxmlformats.org/package/2006/metadata/core-properties\" "
	    "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
	    "xmlns:dcterms=\"http://purl.org/dc/terms/\" "
	    "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">");
	for (i = 0; i < sizeof(el) / sizeof(el[0]); i++)
		if ((v = doc_attr(root, el[i][0])) != NULL && *v) {
			buf_printf(b, "<%s>", el[i][1]);
			docx_put_text(b, v, strlen(v), 0);
			buf_printf(b, "</%s>", el[i][1]);
		}
	if (date >= 0) {
		time_t t = (time_t)date;
		struct tm tm;
		char iso[32];

		gmtime_r(&t, &tm);
		strftime(iso, sizeof(iso), "%Y-%m-%dT%H:%M:%SZ", &tm);
		buf_printf(b, "<dcterms:created xsi:type=\"dcterms:W3CDTF\">%s"
		    "</dcterms:created><dcterms:modified xsi:type=\"dcterms:"
		    "W3CDTF\">%s</dcterms:modified>", iso, iso);
	}
	BUF_PUTSL(b, "</cp:coreProperties>");
}

static void
S_content_types(struct buf *b)
{
	static const char *const part[][2] = {
		{ "/word/document.xml", "wordprocessingml.document.main" },
		{ "/word/styles.xml", "wordprocessingml.styles" },
		{ "/word/numbering.xml", "wordprocessingml.numbering" },
		{ "/word/settings.xml", "wordprocessingml.settings" },
		{ "/word/header1.xml", "wordprocessingml.header" },
		{ "/word/footer1.xml", "wordprocessingml.footer" },
	};
	size_t i;

	buf_puts(b, DOCX_XML_DECL);
	BUF_PUTSL(b, "<Types xmlns=\"http://schemas.openxmlformats.org/"
	    "package/2006/content-types\"><Default Extension=\"rels\" "
	    "ContentType=\"application/vnd.openxmlformats-package."
	    "relationships+xml\"/><Default Extension=\"xml\" "
	    "ContentType=\"application/xml\"/>");
	for (i = 0; i < sizeof(part) / sizeof(part[0]); i++)
		buf_printf(b, "<Override PartName=\"%s\" ContentType=\""
		    "application/vnd.openxmlformats-officedocument.%s+xml\"/>",
		    part[i][0], part[i][1]);
	BUF_PUTSL(b, "<Override PartName=\"/docProps/core.xml\" "
	    "ContentType=\"application/vnd.openxmlformats-package."
	    "core-properties+xml\"/></Types>");
}

#define S_REL	"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

static void
S_package_rels(struct buf *b)
{
	buf_puts(b, DOCX_XML_DECL);
	BUF_PUTSL(b, "<Relationships xmlns=\"http://schemas.openxmlformats."
	    "org/package/2006/relationships\"><Relationship Id=\"rId1\" "
	    "Type=\"" S_REL "officeDocument\" Target=\"word/document.xml\"/>"
	    "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats."
	    "org/package/2006/relationships/metadata/core-properties\" "
	    "Target=\"docProps/core.xml\"/></Relationships>");
}

/* word/_rels/document.xml.rels: the parts, then the hyperlinks (their
 * targets passed the URL policy in body.c). */
static void
S_document_rels(struct buf *b, const struct docx_doc *dd)
{
	static const char *const fixed[] = { "styles", "numbering",
	    "settings", "header", "footer" };
	static const char *const target[] = { "styles.xml", "numbering.xml",
	    "settings.xml", "header1.xml", "footer1.xml" };
	size_t i;

	buf_puts(b, DOCX_XML_DECL);
	BUF_PUTSL(b, "<Relationships xmlns=\"http://schemas.openxmlformats."
	    "org/package/2006/relationships\">");
	for (i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
		buf_printf(b, "<Relationship Id=\"rId%zu\" Type=\"" S_REL "%s\" "
		    "Target=\"%s\"/>", i + DOCX_RID_STYLES, fixed[i], target[i]);
	for (i = 0; i < dd->nlinks; i++) {
		buf_printf(b, "<Relationship Id=\"rId%zu\" Type=\"" S_REL
		    "hyperlink\" Target=\"", i + DOCX_RID_LINK0);
		docx_put_text(b, dd->links[i], strlen(dd->links[i]), 1);
		BUF_PUTSL(b, "\" TargetMode=\"External\"/>");
	}
	BUF_PUTSL(b, "</Relationships>");
}

/* Adds one part; libzip keeps a reference to data until zip_close. */
static int
S_add(zip_t *za, const char *name, const struct buf *data)
{
	zip_source_t *s;
	zip_int64_t idx;

	if ((s = zip_source_buffer(za, data->data ? data->data : "",
	    data->len, 0)) == NULL)
		return -1;
	if ((idx = zip_file_add(za, name, s, ZIP_FL_ENC_UTF_8)) < 0) {
		zip_source_free(s);
		return -1;
	}
	if (zip_set_file_compression(za, (zip_uint64_t)idx, ZIP_CM_DEFLATE,
	    S_LEVEL) == -1 || zip_file_set_dostime(za, (zip_uint64_t)idx,
	    S_DOSTIME, S_DOSDATE, 0) == -1)
		return -1;
	return 0;
}

/* Zips the parts into out. */
static int
S_zip(struct diag *d, struct buf *parts, const char *const *names,
    size_t n, struct buf *out)
{
	zip_source_t *src;
	zip_t *za;
	zip_error_t ze;
	zip_stat_t zs;
	size_t i;
	int rc = -1;

	zip_error_init(&ze);
	if ((src = zip_source_buffer_create(NULL, 0, 0, &ze)) == NULL)
		goto fail;
	if ((za = zip_open_from_source(src, ZIP_TRUNCATE, &ze)) == NULL) {
		zip_source_free(src);
		goto fail;
	}
	zip_source_keep(src);
	for (i = 0; i < n; i++)
		if (S_add(za, names[i], &parts[i]) == -1) {
			zip_error_set(&ze, zip_error_code_zip(zip_get_error(za)),
			    zip_error_code_system(zip_get_error(za)));
			zip_discard(za);
			zip_source_free(src);
			goto fail;
		}
	if (zip_close(za) == -1) {
		zip_error_set(&ze, zip_error_code_zip(zip_get_error(za)),
		    zip_error_code_system(zip_get_error(za)));
		zip_discard(za);
		zip_source_free(src);
		goto fail;
	}
	/* the archive is in src's buffer now: copy it out */
	if (zip_source_stat(src, &zs) == 0 && zip_source_open(src) == 0) {
		size_t len = (size_t)zs.size;

		buf_grow(out, len + 1);
		if (zip_source_read(src, out->data + out->len, len) ==
		    (zip_int64_t)len) {
			out->len += len;
			rc = 0;
		}
		zip_source_close(src);
	}
	zip_source_free(src);
	if (rc == 0)
		return 0;
	diag_at(d, DIAG_FATAL, NULL, 0, 0, "Word: cannot read back the "
	    "archive");
	return -1;
fail:
	diag_at(d, DIAG_FATAL, NULL, 0, 0, "Word: cannot make the archive: %s",
	    zip_error_strerror(&ze));
	zip_error_fini(&ze);
	return -1;
}

int
docx_render(struct diag *d, const struct doc_node *root,
    const struct docx_opts *o, struct buf *out)
{
	/* the order of the entries: [Content_Types].xml first, as Word
	 * writes it (some readers sniff it there) */
	static const char *const names[] = { "[Content_Types].xml",
	    "_rels/.rels", "docProps/core.xml", "word/document.xml",
	    "word/_rels/document.xml.rels", "word/styles.xml",
	    "word/numbering.xml", "word/settings.xml", "word/header1.xml",
	    "word/footer1.xml" };
	enum { N = sizeof(names) / sizeof(names[0]) };
	struct buf parts[N];
	struct docx_doc dd;
	struct pdf_theme defth;
	size_t i;
	int rc;

	memset(parts, 0, sizeof(parts));
	memset(&dd, 0, sizeof(dd));
	if (o->theme == NULL)
		pdf_theme_default(&defth);
	dd.th = o->theme ? o->theme : &defth;
	dd.root = root;
	docx_body(&dd);
	S_content_types(&parts[0]);
	S_package_rels(&parts[1]);
	S_core(&parts[2], root, o->date);
	parts[3] = dd.document;
	S_document_rels(&parts[4], &dd);
	docx_styles(&parts[5], dd.th);
	docx_numbering(&parts[6], &dd);
	docx_settings(&parts[7], &dd);
	parts[8] = dd.header;
	parts[9] = dd.footer;
	rc = S_zip(d, parts, names, N, out);
	for (i = 0; i < N; i++)
		buf_free(&parts[i]);
	for (i = 0; i < dd.nlinks; i++)
		free(dd.links[i]);
	free(dd.links);
	free(dd.olstart);
	free(dd.olfmt);
	if (o->theme == NULL)
		pdf_theme_free(&defth);
	return rc;
}
