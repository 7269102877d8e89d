/*
 * mdout.c — a recognised role as a Markdown role file, and the import
 * command (import.h).
 *
 * The file uses the Chinese front-matter keys and the canonical section
 * headings of the field table, in the document's order.  Text is written
 * so that Markdown reads it back as it was: ASCII punctuation Markdown
 * gives a meaning to is escaped with a backslash.  Items that a section
 * cannot hold are moved to an extra section, with a warning: a relation
 * without its label (所受监督：…) and a report line that is not
 * "名称 | 频率 | 截止 | 报送对象".
 */
#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../util/util.h"
#include "../util/diag.h"
#include "../model/model.h"
#include "../model/fields.h"
#include "import.h"

/* Text escaped for Markdown; a line never starts a list or heading. */
static void
S_text(struct buf *b, const char *s, const char *indent)
{
	int bol = 1;

	for (; *s; s++) {
		if (*s == '\n') {
			buf_putc(b, '\n');
			buf_puts(b, indent);
			bol = 1;
			continue;
		}
		if (bol && (*s == '-' || *s == '+' || *s == '=' || *s == '>'))
			buf_putc(b, '\\');
		else if (bol && *s >= '0' && *s <= '9') {
			const char *e = s;

			while (*e >= '0' && *e <= '9')
				e++;
			for (; s < e; s++)
				buf_putc(b, *s);
			if (*s == '.' || *s == ')')
				buf_putc(b, '\\');
			s--;
			bol = 0;
			continue;
		}
		if (strchr("\\`*_[]<>#|~{}!&", *s) != NULL)
			buf_putc(b, '\\');
		buf_putc(b, *s);
		bol = 0;
	}
}

/* A YAML double-quoted scalar. */
static void
S_yaml(struct buf *b, const char *s)
{
	buf_putc(b, '"');
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			buf_putc(b, '\\');
		if (*s == '\n' || *s == '\t')
			buf_putc(b, ' ');
		else
			buf_putc(b, *s);
	}
	buf_putc(b, '"');
}

static void
S_items(struct buf *b, const struct imp_sect *s, int numbered)
{
	size_t i, k = 0, sub = 0;

	for (i = 0; i < s->nitems; i++) {
		if (s->items[i].sub) {
			buf_printf(b, "   （%zu）", ++sub);
			S_text(b, s->items[i].text, "   ");
		} else {
			sub = 0;
			if (numbered)
				buf_printf(b, "%zu. ", ++k);
			else
				buf_puts(b, "- ");
			S_text(b, s->items[i].text, numbered ? "   " : "  ");
			/* a duty's share and frequency, from a table */
			if (numbered && s->items[i].attrs)
				buf_printf(b, " {%s}", s->items[i].attrs);
		}
		buf_putc(b, '\n');
	}
}

void
imp_role_markdown(const struct imp_role *r, struct buf *b)
{
	static const int keys[] = { RB_F_TITLE, RB_F_DEPARTMENT, RB_F_LEVEL,
		RB_F_REPORTS_TO, RB_F_HEADCOUNT };
	const struct imp_sect *s;
	size_t i;

	buf_puts(b, "---\n");
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		if (r->key[keys[i]] == NULL)
			continue;
		buf_printf(b, "%s: ", rb_fields[keys[i]].label);
		if (keys[i] == RB_F_HEADCOUNT)
			buf_puts(b, r->key[keys[i]]);
		else
			S_yaml(b, r->key[keys[i]]);
		buf_putc(b, '\n');
	}
	buf_puts(b, "---\n");
	for (i = 0; i < r->nsect; i++) {
		s = &r->sect[i];
		if (s->text == NULL && s->nitems == 0)
			continue;
		buf_printf(b, "\n## ");
		if (s->field >= 0)
			buf_puts(b, rb_fields[s->field].label);
		else
			S_text(b, s->title, "");
		buf_puts(b, "\n\n");
		if (s->text != NULL) {
			S_text(b, s->text, "");
			buf_putc(b, '\n');
		}
		if (s->field == RB_F_REPORTS) {
			size_t j;

			for (j = 0; j < s->nitems; j++)
				buf_printf(b, "- %s\n", s->items[j].text);
		} else if (s->nitems > 0)
			S_items(b, s, s->field == RB_F_DUTIES);
	}
}

/* Moves what a section cannot hold into an extra section after it. */
static void
S_misfits(struct imp_role *r, const char *file, struct diag *d)
{
	struct imp_sect *s, *x;
	size_t i, j, k, colon, bars;
	const char *t, *c;
	int bad;

	for (i = 0; i < r->nsect; i++) {
		s = &r->sect[i];
		if (s->field != RB_F_RELATIONS && s->field != RB_F_REPORTS)
			continue;
		for (j = k = 0; j < s->nitems; j++) {
			t = s->items[j].text;
			if (s->field == RB_F_RELATIONS) {
				c = strstr(t, "：");
				colon = c ? (size_t)(c - t) :
				    strcspn(t, ":");
				bad = t[colon] == '\0' ||
				    rb_relkind_parse(t, colon) < 0;
			} else {
				for (bars = 0, c = t; *c; c++)
					bars += *c == '|';
				bad = bars != 3;
			}
			if (!bad) {
				s->items[k++] = s->items[j];
				continue;
			}
			r->sect = xgrow(r->sect, r->nsect, sizeof(*r->sect));
			s = &r->sect[i];
			if (i + 1 >= r->nsect || r->sect[i + 1].field != -2) {
				memmove(&r->sect[i + 2], &r->sect[i + 1],
				    (r->nsect - i - 1) * sizeof(*r->sect));
				r->nsect++;
				x = &r->sect[i + 1];
				memset(x, 0, sizeof(*x));
				x->field = -2;	/* extra, made here */
				x->title = xasprintf("%s（原文）",
				    rb_fields[s->field].label);
				diag_at(d, DIAG_WARNING, file, s->line, 0,
				    "%s: %s kept in an extra section '%s'",
				    rb_fields[s->field].label,
				    s->field == RB_F_RELATIONS ? "items without "
				    "所受监督：/所施监督：/合作关系： labels" :
				    "lines not written 名称 | 频率 | 截止 | "
				    "报送对象", x->title);
			}
			x = &r->sect[i + 1];
			x->items = xgrow(x->items, x->nitems,
			    sizeof(*x->items));
			x->items[x->nitems++] = s->items[j];
		}
		s->nitems = k;
	}
	for (i = 0; i < r->nsect; i++)
		if (r->sect[i].field == -2)
			r->sect[i].field = -1;
}

/* The file stem from a title: letters and digits kept, the rest '-'. */
static char *
S_stem(const char *title)
{
	struct buf b = BUF_INIT;
	size_t l;
	uint32_t cp;

	for (; *title; title += l) {
		if ((l = utf8_decode(title, strlen(title), &cp)) == 0)
			l = 1;
		if (cp == '_' || rb_id_valid(title, l))
			buf_put(&b, title, l);
		else if (b.len > 0 && b.data[b.len - 1] != '-')
			buf_putc(&b, '-');
	}
	while (b.len > 0 && b.data[b.len - 1] == '-')
		b.data[--b.len] = '\0';
	if (b.len == 0 || !rb_id_valid(b.data, b.len)) {
		buf_free(&b);
		return xstrdup("role");
	}
	return buf_detach(&b);
}

static int
S_exists(const char *dir, const char *stem)
{
	static const char *const ext[] = { "md", "markdown", "xml", NULL };
	struct stat st;
	size_t i;
	char *p;
	int e;

	for (i = 0; ext[i]; i++) {
		p = xasprintf("%s/%s.%s", dir, stem, ext[i]);
		e = lstat(p, &st) == 0;
		free(p);
		if (e)
			return 1;
	}
	return 0;
}

/*
 * Why a file that is not .txt, .md or .docx is not read, and what to do:
 * by its first bytes, since a Word 97-2003 .doc or a WPS .wps renamed
 * .docx would not do.
 */
static const char *
S_not_read(const char *data, size_t len)
{
	if (len >= 8 && memcmp(data, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0)
		return "a Word 97-2003 (.doc) or WPS (.wps) document, which "
		    "import does not read: save it as .docx (Word or WPS: "
		    "另存为 .docx; LibreOffice: soffice --headless "
		    "--convert-to docx FILE)";
	if (len >= 5 && memcmp(data, "{\\rtf", 5) == 0)
		return "an RTF document, which import does not read: save it "
		    "as .docx (soffice --headless --convert-to docx FILE)";
	if (len >= 5 && memcmp(data, "%PDF-", 5) == 0)
		return "a PDF, which import does not read: copy its text into "
		    "a .txt file (pdftotext -layout FILE) and import that";
	if (len >= 4 && memcmp(data, "PK\x03\x04", 4) == 0)
		return "a zip file not named .docx: if it is a Word document "
		    "(.docx, .wps saved as Word 2007), name it .docx; an "
		    ".odt: save it as .docx";
	return "not a job description import reads: name it .txt, .md or "
	    ".docx (a text in UTF-8 or GBK, or a Word document)";
}

/* Items that are not sub-items. */
static size_t
S_top(const struct imp_sect *s)
{
	size_t i, n = 0;

	for (i = 0; i < s->nitems; i++)
		n += !s->items[i].sub;
	return n;
}

static int
S_mkdir(const char *path)
{
	return mkdir(path, 0777) == 0 || errno == EEXIST ? 0 : -1;
}

int
imp_run(char **files, int nfiles, const char *into, int force,
    struct diag *d)
{
	struct imp_doc doc;
	struct imp_role r;
	struct buf md = BUF_INIT;
	char **used = NULL, *dir, *stem, *name, *path, *data;
	size_t nused = 0, len, i, ndut, nq, nother, e;
	int f, k, failed = 0, rc;

	dir = xasprintf("%s/roles", into);
	if (S_mkdir(into) == -1 || S_mkdir(dir) == -1) {
		diag_at(d, DIAG_FATAL, into, 0, 0, "cannot make the roles "
		    "folder: %s", strerror(errno));
		free(dir);
		return 2;
	}
	for (f = 0; f < nfiles; f++) {
		memset(&doc, 0, sizeof(doc));
		memset(&r, 0, sizeof(r));
		doc.file = files[f];
		e = strlen(files[f]);
		if (file_read(files[f], rb_limit(RB_LIM_FILE), &data,
		    &len) == -1) {
			diag_at(d, DIAG_ERROR, files[f], 0, 0, "%s",
			    errno == EFBIG ? rb_limit_hint(RB_LIM_FILE) :
			    strerror(errno));
			failed = 1;
			continue;
		}
		if (e > 5 && strcasecmp(files[f] + e - 5, ".docx") == 0)
			rc = imp_read_docx(&doc, data, len, d);
		else if ((e > 4 && strcasecmp(files[f] + e - 4, ".txt") == 0)
		    || (e > 3 && strcasecmp(files[f] + e - 3, ".md") == 0))
			rc = imp_read_text(&doc, data, len, d);
		else {
			diag_at(d, DIAG_ERROR, files[f], 0, 0, "%s",
			    S_not_read(data, len));
			rc = -1;
		}
		free(data);
		if (rc == 0) {
			imp_private_doc(&doc, d);
			imp_pinyin_doc(&doc, d);
			imp_web_doc(&doc, d);
			imp_recognise(&doc, &r, d);
		}
		imp_doc_free(&doc);
		if (rc == -1) {
			failed = 1;
			continue;
		}
		for (i = ndut = nq = nother = 0; i < r.nsect; i++) {
			if (r.sect[i].field == RB_F_DUTIES)
				ndut += S_top(&r.sect[i]);
			else if (r.sect[i].field == RB_F_QUALS)
				nq += S_top(&r.sect[i]);
			else if (r.sect[i].nitems || r.sect[i].text)
				nother++;
		}
		if (ndut == 0) {
			diag_at(d, DIAG_ERROR, files[f], 0, 0, "no duties found: "
			    "put them under a heading such as 工作职责, "
			    "岗位职责 or 主要职责, one item per line");
			imp_role_free(&r);
			failed = 1;
			continue;
		}
		if (r.key[RB_F_TITLE] == NULL) {
			const char *b = strrchr(files[f], '/');

			b = b ? b + 1 : files[f];
			r.key[RB_F_TITLE] = xstrndup(b, strcspn(b, "."));
			diag_at(d, DIAG_WARNING, files[f], 0, 0, "no title "
			    "found (岗位名称：… or 'XXX岗位说明书'): the file "
			    "name '%s' is used", r.key[RB_F_TITLE]);
		}
		if (r.key[RB_F_DEPARTMENT] == NULL)
			diag_at(d, DIAG_WARNING, files[f], 0, 0, "no department "
			    "found (所属部门：…): add 所属部门 to the role before "
			    "'rolebook check'");
		if (r.key[RB_F_HEADCOUNT] != NULL) {
			char *h = r.key[RB_F_HEADCOUNT];
			size_t n = strspn(h, "0123456789");

			if (n == 0 || (h[n] != '\0' && strcmp(h + n, "人") != 0
			    && strcmp(h + n, "名") != 0)) {
				diag_at(d, DIAG_WARNING, files[f], 0, 0, "编制 "
				    "'%s' is not a number of people: left out",
				    h);
				free(h);
				r.key[RB_F_HEADCOUNT] = NULL;
			} else
				h[n] = '\0';
		}
		S_misfits(&r, files[f], d);
		stem = S_stem(r.key[RB_F_TITLE]);
		name = xstrdup(stem);
		/* Two documents of one title in this run: a number added. */
		for (k = 2, i = 0; i < nused; i++)
			if (strcmp(used[i], name) == 0) {
				free(name);
				name = xasprintf("%s-%d", stem, k++);
				i = (size_t)-1;		/* again from the start */
			}
		free(stem);
		path = xasprintf("%s/%s.md", dir, name);
		if (!force && S_exists(dir, name)) {
			diag_at(d, DIAG_ERROR, files[f], 0, 0, "%s already "
			    "exists: import --force replaces it", path);
			failed = 1;
		} else {
			buf_reset(&md);
			imp_role_markdown(&r, &md);
			if (file_write_atomic(path, md.data, md.len) == -1) {
				diag_at(d, DIAG_FATAL, path, 0, 0, "cannot "
				    "write: %s", strerror(errno));
				failed = 1;
			} else {
				printf("%s -> roles/%s.md: %zu duties, %zu "
				    "qualifications, %zu other sections\n",
				    files[f], name, ndut, nq, nother);
				used = xgrow(used, nused, sizeof(*used));
				used[nused++] = xstrdup(name);
			}
		}
		free(path);
		free(name);
		imp_role_free(&r);
	}
	for (i = 0; i < nused; i++)
		free(used[i]);
	free(used);
	buf_free(&md);
	free(dir);
	return failed;
}
