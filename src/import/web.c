/*
 * web.c — what a document-sharing web page wraps around a job description
 * copied from it (import.h, docs/import.md "Copied from a web page"):
 *
 *   - page headers "TITLE_第1頁" … "TITLE_第5頁": the page number is taken
 *     off (the recogniser then reads the first as the title line and drops
 *     the repeats, as for any copied page header);
 *   - the page's own lines: 已閱讀5頁,還剩15頁未讀…, 下載本文檔, 版權說明…,
 *     文檔簡介, 溫馨提示 with the notes listed under it, 最新文檔, 評論,
 *     提交評論 and the comment box's count (0/150): left out;
 *   - the preview's pages: paragraphs numbered 1、2、3、… in order, each but
 *     the last 200 characters or more, most cut in the middle of a sentence
 *     (no 。；;！？ at their end), three or more: the numbers are the
 *     pages', not items'; the pages are joined into one text;
 *   - "【篇2:保險公司業務員工作職責及安排】", the title of the next of the
 *     documents the page puts together: a heading line of its own;
 *   - "பைடு நூலகம்" ("Baidu library" in Tamil), the mark 百度文库 puts into
 *     the text copied from it: taken out (no CJK font has these letters,
 *     so the PDF build would stop at them).
 * One warning a file says what was left out or changed, and where.
 * The words are matched as the field table's are, traditional forms
 * folded (rb_name_eq); they are written here in simplified characters.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/util.h"
#include "../util/diag.h"
#include "../model/fields.h"
#include "import.h"

/* A paragraph that is one of these is the page's, not the document's. */
static const char *const S_lines[] = { "下载本文档", "文档简介", "温馨提示",
	"最新文档", "评论", "提交评论" };
/* A paragraph that starts with one of these is the page's. */
static const char *const S_starts[] = { "已阅读", "版权说明" };
/* The header of a list of the site's notes (温馨提示, S_lines). */
#define S_NOTES	"温馨提示"
/* 百度文库's mark in copied text: பைடு நூலகம் */
#define S_MARK	"\xE0\xAE\xAA\xE0\xAF\x88\xE0\xAE\x9F\xE0\xAF\x81\x20" \
	"\xE0\xAE\xA8\xE0\xAF\x82\xE0\xAE\xB2\xE0\xAE\x95\xE0\xAE\xAE" \
	"\xE0\xAF\x8D"

void
imp_web_words(void (*fn)(const char *, void *), void *arg)
{
	size_t k;

	for (k = 0; k < sizeof(S_lines) / sizeof(S_lines[0]); k++)
		fn(S_lines[k], arg);
	for (k = 0; k < sizeof(S_starts) / sizeof(S_starts[0]); k++)
		fn(S_starts[k], arg);
	fn("第页", arg);
}

/* Does t start with word w (folded)? */
static int
S_starts_with(const char *t, const char *w)
{
	size_t n = strlen(w);

	return strlen(t) >= n && rb_name_eq(t, n, w);
}

/* Is t one of the page's own lines? */
static int
S_furniture(const char *t)
{
	size_t k, n = strlen(t), i;

	for (k = 0; k < sizeof(S_lines) / sizeof(S_lines[0]); k++)
		if (rb_name_eq(t, n, S_lines[k]))
			return 1;
	for (k = 0; k < sizeof(S_starts) / sizeof(S_starts[0]); k++)
		if (S_starts_with(t, S_starts[k]))
			return 1;
	/* the comment box's count: "0/150" */
	i = strspn(t, "0123456789");
	return i > 0 && t[i] == '/' && t[i + 1 + strspn(t + i + 1,
	    "0123456789")] == '\0' && t[i + 1] != '\0';
}

/*
 * Length of t without a page number at its end ("_第1頁", " 第2页",
 * "-第3頁"), when there is one and text before it; else strlen(t).
 */
static size_t
S_page_suffix(const char *t)
{
	size_t n = strlen(t), e, d;

	if (n < 6)
		return n;
	e = n - 3;				/* 页 or 頁 */
	if (!rb_name_eq(t + e, 3, "页"))
		return n;
	for (d = e; d > 0 && t[d - 1] >= '0' && t[d - 1] <= '9'; d--)
		;
	if (d == e || d < 4 || memcmp(t + d - 3, "第", 3) != 0)
		return n;
	d -= 3;
	if (t[d - 1] != '_' && t[d - 1] != '-' && t[d - 1] != ' ')
		return n;
	return d - 1 > 0 ? d - 1 : n;
}

/* Does t end a sentence (。；;！!？?), or is it cut in the middle of one? */
static int
S_ends_sentence(const char *t)
{
	static const char *const m[] = { "。", "；", ";", "！", "!", "？", "?",
	    NULL };
	size_t n = strlen(t), l;
	const char *const *k;

	for (k = m; *k; k++)
		if (n >= (l = strlen(*k)) && memcmp(t + n - l, *k, l) == 0)
			return 1;
	return 0;
}

/* Lines left out or changed, for the warning: "1-5, 8, 80-96". */
struct S_where {
	struct buf	 b;
	int		 first, last;	/* the run at hand, or 0 */
	size_t		 count;
};

static void
S_flush(struct S_where *w)
{
	char s[32];

	if (w->first == 0)
		return;
	if (w->first == w->last)
		snprintf(s, sizeof(s), "%s%d", w->b.len ? ", " : "", w->first);
	else
		snprintf(s, sizeof(s), "%s%d-%d", w->b.len ? ", " : "",
		    w->first, w->last);
	buf_puts(&w->b, s);
	w->first = 0;
}

/* Line (or paragraph) n into w; an empty line between two joins them. */
static void
S_note(struct S_where *w, int n)
{
	w->count++;
	if (w->first != 0 && n <= w->last + 2 && n >= w->last) {
		w->last = n;
		return;
	}
	S_flush(w);
	w->first = w->last = n;
}

/* Takes every S_MARK out of t; returns how many. */
static size_t
S_unmark(char *t)
{
	size_t n = 0, ml = strlen(S_MARK);
	char *q;

	while ((q = strstr(t, S_MARK)) != NULL) {
		memmove(q, q + ml, strlen(q + ml) + 1);
		n++;
	}
	return n;
}

/* Is p[i..) a run of preview pages?  Returns how many paragraphs it
 * spans (empty ones between included), else 0. */
static size_t
S_pages(const struct imp_doc *doc, size_t i)
{
	enum rb_numkind k;
	size_t j, last = 0, pages = 0, cut = 0, pre;
	const char *t;

	for (j = i; j < doc->n; j++) {
		t = doc->p[j].text;
		if (t[0] == '\0')
			continue;
		if (doc->p[j].table || (pre = rb_num_prefix(t, strlen(t),
		    &k)) == 0 || k != RB_NUM_DIGIT_DUN ||
		    rb_num_value(t, pre, NULL) != (int)pages + 1)
			break;
		if (pages > 0) {	/* the page before was a full one */
			t = doc->p[last].text;
			if (utf8_count(t, strlen(t)) < 200)
				break;
			cut += !S_ends_sentence(t);
		}
		pages++;
		last = j;
	}
	/* pages - 1 pages before the last; most cut mid-sentence */
	return pages >= 3 && cut * 2 > pages - 1 ? last - i + 1 : 0;
}

/* "【篇2:TITLE】" in t: its offset, and its length in *len; else NULL. */
static const char *
S_piece(const char *t, size_t *len)
{
	const char *p, *e;
	size_t d;

	for (p = t; (p = strstr(p, "【")) != NULL; p += 3) {
		if (strncmp(p + 3, "篇", 3) != 0)
			continue;
		d = strspn(p + 6, "0123456789");
		if (d == 0)
			continue;
		e = p + 6 + d;
		if (*e == ':')
			e++;
		else if (strncmp(e, "：", 3) == 0)
			e += 3;
		else
			continue;
		if ((e = strstr(e, "】")) == NULL || utf8_count(p, (size_t)(e -
		    p)) > 40)
			continue;
		*len = (size_t)(e + 3 - p);
		return p;
	}
	return NULL;
}

/* The title of piece p[0..len): "【篇2:TITLE】" -> TITLE. */
static char *
S_piece_title(const char *p, size_t len)
{
	const char *b = p + 6 + strspn(p + 6, "0123456789");

	b += *b == ':' ? 1 : 3;
	return xstrndup(b, (size_t)(p + len - 3 - b));
}

void
imp_web_doc(struct imp_doc *doc, struct diag *d)
{
	struct S_where heads = { BUF_INIT, 0, 0, 0 };
	struct S_where gone = { BUF_INIT, 0, 0, 0 };
	struct S_where marks = { BUF_INIT, 0, 0, 0 };
	struct imp_para *np = NULL, *p;
	struct buf j = BUF_INIT;
	size_t i, k, n, nn = 0, span, len, pre;
	int notes = 0, pages = 0, pline = 0, plast = 0, pieces = 0;
	const char *t, *q;

	for (i = 0; i < doc->n; i++) {
		p = &doc->p[i];
		for (k = S_unmark(p->text); k > 0; k--)
			S_note(&marks, p->line);
		t = p->text;
		if (p->table)
			continue;
		if (t[0] == '\0') {
			continue;
		}
		if (notes && rb_num_prefix(t, strlen(t), NULL) > 0) {
			S_note(&gone, p->line);		/* 温馨提示's notes */
			p->text[0] = '\0';
			continue;
		}
		notes = 0;
		if (S_furniture(t)) {
			notes = rb_name_eq(t, strlen(t), S_NOTES);
			S_note(&gone, p->line);
			p->text[0] = '\0';
			continue;
		}
		if ((n = S_page_suffix(t)) < strlen(t)) {
			S_note(&heads, p->line);
			p->text[n] = '\0';
			continue;
		}
		if (pages == 0 && (span = S_pages(doc, i)) > 0) {
			/* The pages joined into the first, their numbers
			 * left out. */
			buf_reset(&j);
			for (k = i; k < i + span; k++) {
				t = doc->p[k].text;
				if (t[0] == '\0')
					continue;
				pre = rb_num_prefix(t, strlen(t), NULL);
				buf_puts(&j, t + pre);
				if (k > i)
					doc->p[k].text[0] = '\0';
				pages++;
				plast = doc->p[k].line;
			}
			free(p->text);
			p->text = xstrdup(j.data);
			pline = p->line;
			i += span - 1;
		}
	}
	buf_free(&j);
	/* 【篇2:…】: a heading paragraph of its own, the text around it
	 * the paragraphs before and after it. */
	for (i = 0; i < doc->n; i++) {
		p = &doc->p[i];
		t = p->text;
		while (!p->table && (q = S_piece(t, &len)) != NULL) {
			np = xgrow(np, nn, sizeof(*np));
			np[nn] = *p;
			np[nn].text = xstrndup(t, (size_t)(q - t));
			np[nn].attrs = NULL;
			nn++;
			np = xgrow(np, nn, sizeof(*np));
			np[nn] = *p;
			np[nn].text = S_piece_title(q, len);
			np[nn].attrs = NULL;
			np[nn].heading = 2;
			nn++;
			pieces++;
			t = q + len;
		}
		np = xgrow(np, nn, sizeof(*np));
		np[nn] = *p;
		if (t != p->text) {
			np[nn].text = xstrdup(t);
			free(p->text);
		}
		nn++;
	}
	free(doc->p);
	doc->p = np;
	doc->n = nn;
	S_flush(&heads);
	S_flush(&gone);
	S_flush(&marks);
	if (heads.count + gone.count + marks.count == 0 && pages == 0 &&
	    pieces == 0) {
		buf_free(&heads.b);
		buf_free(&gone.b);
		buf_free(&marks.b);
		return;
	}
	{
		struct buf m = BUF_INIT;
		char *s;

		if (heads.count) {
			s = xasprintf("the page number of %zu page header%s "
			    "taken off (line%s %s)", heads.count,
			    heads.count == 1 ? "" : "s", heads.count == 1 ? "" :
			    "s", heads.b.data);
			buf_puts(&m, s);
			free(s);
		}
		if (gone.count) {
			s = xasprintf("%s%zu line%s of the web page left out "
			    "(download, copyright, notes and comment lines: %s)",
			    m.len ? "; " : "", gone.count, gone.count == 1 ? "" :
			    "s", gone.b.data);
			buf_puts(&m, s);
			free(s);
		}
		if (pages) {
			s = xasprintf("%s%d preview pages (lines %d-%d, numbered "
			    "1、 to %d、 and cut mid-sentence) joined into one "
			    "text, their numbers left out", m.len ? "; " : "",
			    pages, pline, plast, pages);
			buf_puts(&m, s);
			free(s);
		}
		if (pieces) {
			s = xasprintf("%s%d title%s of the documents the page "
			    "puts together (【篇1:…】) made heading%s", m.len ?
			    "; " : "", pieces, pieces == 1 ? "" : "s",
			    pieces == 1 ? "" : "s");
			buf_puts(&m, s);
			free(s);
		}
		if (marks.count) {
			s = xasprintf("%s%zu mark%s of 百度文库 ('" S_MARK
			    "', Tamil letters) taken out (line%s %s; a "
			    "character of the text may have gone with it)",
			    m.len ? "; " : "", marks.count, marks.count == 1 ?
			    "" : "s", marks.count == 1 ? "" : "s",
			    marks.b.data);
			buf_puts(&m, s);
			free(s);
		}
		diag_at(d, DIAG_WARNING, doc->file, 0, 0, "copied from a web "
		    "page: %s; check that nothing of the job description went "
		    "with them", m.data);
		buf_free(&m);
	}
	buf_free(&heads.b);
	buf_free(&gone.b);
	buf_free(&marks.b);
}
