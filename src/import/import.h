/*
 * import.h — `rolebook import`: job descriptions as HR already has them
 * (.txt and .md in UTF-8 or GBK, .docx from Word, WPS or LibreOffice)
 * turned into Markdown roles (docs/import.md).
 *
 * The pipeline, one file each:
 *   text.c   .txt/.md bytes  -> paragraphs (one per line)
 *   docx.c   .docx bytes     -> paragraphs (Word paragraphs, table cells)
 *   pinyin.c paragraphs      -> the same without a web page's pinyin
 *                               readings (職責(zé) -> 職責), one warning
 *   web.c    paragraphs      -> the same without a web page's own lines,
 *                               its preview pages joined, one warning
 *   recog.c  paragraphs      -> struct imp_role (fields and sections, by
 *                               the field table of src/model/fields.c)
 *   mdout.c  struct imp_role -> DIR/roles/NAME.md, and the command itself
 *
 * Every reader reports where a paragraph came from, so a warning names
 * FILE:line (text) or FILE:paragraph (docx, with the table cell).
 */
#ifndef RB_IMPORT_H
#define RB_IMPORT_H

#include <stddef.h>

struct diag;
struct buf;

/* One paragraph of a source document. */
struct imp_para {
	char	*text;		/* UTF-8, trimmed; '\n' for a line break */
	int	 line;		/* text: line number; docx: paragraph number */
	int	 col;		/* the column (characters, 1-based) where text
				 * starts in its line, after the blanks trimmed */
	int	 heading;	/* a heading: Word outline level 1-9, or 1 for
				 * a table label cell made a heading */
	int	 bold;		/* every run of text is bold */
	int	 numlevel;	/* Word list numbering: level + 1, else 0 */
	int	 table, row, cell; /* docx table position (1-based) or 0 */
	char	*attrs;		/* Markdown item attributes from a table's
				 * columns ("share=10 frequency=每周"), or NULL */
};

struct imp_doc {
	const char	 *file;		/* as named on the command line */
	int		  docx;		/* positions are paragraph numbers */
	struct imp_para	 *p;
	size_t		  n;
};

void	imp_doc_free(struct imp_doc *);
void	imp_doc_add(struct imp_doc *, const char *s, size_t n, int line);

/*
 * Readers: return 0, or -1 with an error recorded (the file is then not
 * imported).  data[0..len) is the whole file.
 */
int	imp_read_text(struct imp_doc *, const char *data, size_t len,
	    struct diag *);
int	imp_read_docx(struct imp_doc *, const char *data, size_t len,
	    struct diag *);

/*
 * Pinyin readings in parentheses after Han characters (職責(zé), 業（yè）),
 * by the rule of pinyin.c: removed from s in place; returns how many, and
 * *first (may be NULL) the byte offset in s, as it was, of the first one's
 * opening parenthesis.
 */
size_t	imp_pinyin_strip(char *s, size_t *first);
/* The same for every paragraph of doc, and one warning when any was
 * removed: how many, and where the first was. */
void	imp_pinyin_doc(struct imp_doc *doc, struct diag *);

/* A warning for each paragraph with private-use characters (chars.c):
 * where the first is, and which; the text is left as it is. */
void	imp_private_doc(struct imp_doc *doc, struct diag *);

/*
 * What a document-sharing web page wraps around the text (web.c): page
 * numbers of its page headers taken off, its own lines (下载本文档,
 * 版权说明, 温馨提示 …) left out, its preview pages (1、… 2、… cut at a
 * fixed length) joined, its 【篇2:…】 titles made headings; one warning
 * saying what and where.
 */
void	imp_web_doc(struct imp_doc *doc, struct diag *);
/* Calls fn with every word docx.c matches beyond the field table's: a
 * signature row's, a heading style's name (tests/tools/foldcheck). */
void	imp_docx_words(void (*fn)(const char *, void *), void *arg);
/* Calls fn with every word web.c matches (tests/tools/foldcheck). */
void	imp_web_words(void (*fn)(const char *, void *), void *arg);

/* One section as recognised: a field of the table, or an extra one. */
struct imp_item {
	char	*text;		/* '\n' separates continuation lines */
	size_t	 len, cap;	/* of text, and of its buffer (recog.c) */
	int	 sub;		/* 1: a sub-item of the item before */
	char	*attrs;		/* its paragraph's attrs, or NULL */
};

struct imp_sect {
	int		 field;	/* enum rb_field, or -1 for an extra section */
	char		*title;	/* an extra section's title */
	struct imp_item	*items;	/* list sections and extra sections */
	size_t		 nitems;
	char		*text;	/* a text section (summary): paragraphs */
	size_t		 len, cap;	/* of text, and of its buffer */
	int		 line;	/* where it starts, for warnings */
};

struct imp_role {
	char		*key[6];	/* by enum rb_field, RB_F_ID to
					 * RB_F_HEADCOUNT (id unused) */
	struct imp_sect	*sect;
	size_t		 nsect;
};

/* Calls fn with every word import matches beyond the field table's
 * (rb_words): the ends of a title line. */
void	imp_words(void (*fn)(const char *, void *), void *arg);
/* Recognises a document; warnings for text it could not place. */
void	imp_recognise(const struct imp_doc *, struct imp_role *,
	    struct diag *);
void	imp_role_free(struct imp_role *);
/* The Markdown role file for r. */
void	imp_role_markdown(const struct imp_role *, struct buf *);

/*
 * `rolebook import [--into DIR] [--force] FILE...`: imports every file,
 * prints one line per file on stdout, records diagnostics in d; returns
 * 0, or 1 when any file failed (the others are still written).
 */
int	imp_run(char **files, int nfiles, const char *into, int force,
	    struct diag *d);

#endif
