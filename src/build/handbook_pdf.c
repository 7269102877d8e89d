/*
 * handbook_pdf.c — `rolebook build` for the paged formats, PDF and Word
 * (.docx): one job, two backends.  Renders the handbook
 * (handbook.lua.html) and one role sheet per role (rolesheet.lua.html)
 * through the templates, parses each into a document tree and lays it out
 * with the PDF backend (src/pdf), or writes it with the Word backend
 * (src/docx), the theme read from theme.conf of the templates folders.  Each PDF is staged next to its file as soon as it
 * is made (only when its bytes changed); only when every document
 * succeeded are the staged files renamed into place and role sheets of
 * roles that no longer exist removed, else they are deleted:
 *
 *	out/handbook.pdf	handbook.lua.html
 *	out/roles/<id>.pdf	rolesheet.lua.html
 *	out/handbook.docx, out/roles/<id>.docx	the same, --format docx
 *
 * Each format keeps its own record of what it made (out/.rolebook-pdf,
 * out/.rolebook-docx), so either is rebuilt only when its inputs change.
 *
 * The documents are independent: with more than one processor they are
 * made by worker processes (src/util/jobs.c; RB_JOBS=N sets how many, 1:
 * none) that send back their diagnostics and PDFs; only the parent writes
 * files; the outputs are the same bytes either way.  The same
 * diagnostic from several documents (a role's text is in the handbook and
 * in its sheet) is reported once.
 *
 * With RB_LAYOUT_DUMP=DIR in the environment the layout dump of each
 * document is written too, as DIR/handbook.pdf.layout and
 * DIR/roles/<id>.pdf.layout (for tests/check-pdf.sh).
 *
 * Also `rolebook dump-layout` (build_dump_layout): the layout dump of an
 * XHTML file, for the layout tests.
 */
#include <sys/stat.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "build.h"
#include "../doc/doc.h"
#include "../pdf/pdf.h"
#include "../docx/docx.h"
#include "deps.h"
#include "../util/jobs.h"

/* One document to make: the handbook (role NULL) or a role sheet. */
struct S_doc {
	char		*path;		/* relative to the output folder */
	const struct tmpl_val *role;	/* rolesheet: the role's data */
	char		*tmp;		/* staged file, or NULL: unchanged */
	int		 done;		/* rendered without error */
	char		 digest[33];	/* of everything the PDF depends on */
	char		 file[33];	/* of the bytes in its file, or "" */
	unsigned long long size;	/* ... and their number */
	char		 dkey[33];	/* of the data its render read, or "" */
	char		*dpaths;	/* ... the paths of that data (deps.h) */
};

/* The previous build's digests (out/.rolebook-pdf): path, digest, and
 * the digest and size of the file it wrote. */
struct S_prev {
	char		*path;
	char		 digest[33];
	char		 file[33];
	unsigned long long size;
	char		 dkey[33];	/* "" when none */
	char		*dpaths;
};

/* A paged format: its backend and the names of its files. */
struct S_fmt {
	const char	*name;		/* in messages: "PDF" */
	const char	*ext;		/* ".pdf" */
	const char	*record;	/* ".rolebook-pdf" in the output */
	const char	*salt;		/* starts every digest */
	int		 docx;		/* the Word backend, else PDF */
};

static const struct S_fmt S_pdf = { "PDF", ".pdf", ".rolebook-pdf",
    "rolebook-pdf 1", 0 };
static const struct S_fmt S_docx = { "Word", ".docx", ".rolebook-docx",
    "rolebook-docx 1", 1 };

struct S_job {
	const struct S_fmt	*fmt;
	struct diag		*d;
	struct tmpl		*t;
	struct pdf_opts		 po;
	struct docx_opts	 xo;
	const struct tmpl_val	*sitev;
	const char		*out;
	const char		*dumpdir;	/* RB_LAYOUT_DUMP */
	struct S_doc		*docs;
	size_t			 ndocs;
	int			 failed;	/* a template failed: stop */
	uint64_t		 base[2];	/* digest of the environment */
	struct S_prev		*prev;
	size_t			 nprev;
	struct deps		*deps;		/* paths of the site data */
	uint64_t		 tbase[2];	/* base and the templates */
	char			 ckey[33];	/* tbase and the content files */
	int			 csame;		/* ... as in the last build */
	/* diagnostics already reported (handbook and role sheets share
	 * their content, hence their errors): "file\tline\tcol\tmsg" */
	char			**seen;
	size_t			 nseen, capseen;
};

int
build_theme(struct diag *d, struct tmpl *t, const char *const *names,
    struct pdf_theme *th, char **dir)
{
	char *path = NULL, *slash;
	int rc;

	pdf_theme_default(th);
	*dir = NULL;
	for (; t != NULL && *names != NULL && path == NULL; names++)
		path = tmpl_find(t, *names);
	if (path == NULL)
		return 0;
	rc = pdf_theme_load(d, path, th);
	if ((slash = strrchr(path, '/')) != NULL) {
		*slash = '\0';
		*dir = path;
	} else
		free(path);
	return rc;
}

/* The handbook's and role sheets' theme: theme.conf, else defaults. */
static int
S_theme(struct diag *d, struct tmpl *t, struct pdf_theme *th, char **dir)
{
	static const char *const names[] = { "theme.conf", NULL };

	return build_theme(d, t, names, th, dir);
}

/* Adds one diagnostic to d unless an identical one was added before. */
static void
S_report(struct S_job *j, enum diag_level lv, const char *file, int line,
    int col, const char *msg)
{
	char *key = xasprintf("%d\t%s\t%d\t%d\t%s", (int)lv, file ? file : "",
	    line, col, msg);
	size_t i;

	for (i = 0; i < j->nseen; i++)
		if (strcmp(j->seen[i], key) == 0) {
			free(key);
			return;
		}
	if (j->nseen == j->capseen) {
		j->capseen = j->capseen ? j->capseen * 2 : 16;
		j->seen = xreallocarray(j->seen, j->capseen, sizeof(char *));
	}
	j->seen[j->nseen++] = key;
	diag_at(j->d, lv, file, line, col, "%s", msg);
}

/* Moves the diagnostics of jd into the build's, without repeats. */
static void
S_merge(struct S_job *j, struct diag *jd)
{
	size_t i;

	for (i = 0; i < jd->n; i++)
		S_report(j, jd->items[i].level, jd->items[i].file,
		    jd->items[i].line, jd->items[i].col, jd->items[i].msg);
}

/*
 * Incremental builds.  A document's digest covers everything its bytes
 * depend on: the template's output (the XHTML), the theme, the font files
 * (path, face, size, time), SOURCE_DATE_EPOCH and the rolebook binary
 * itself.  When the previous build recorded the same digest for a file that
 * still holds the bytes it wrote (its size, then a digest of its bytes),
 * the document is not laid out again: the same input gives the same bytes.
 * The record, out/.rolebook-pdf, is itself the same for the same input.
 * Documents with images (whose files may change behind the same XHTML) and
 * layout dumps are always made.
 *
 * Why the file's bytes and not its size, time and inode (as make and git
 * do): the record must be the same for the same input (a build into an
 * empty folder and an incremental one give identical folders), and a file
 * touched or copied with its bytes kept must not force a re-make.  Reading
 * the files back is cheap: only a file whose document digest matches is
 * read (once: the digest of a file we write is taken from the bytes in
 * memory), in 64 KiB pieces, and hashed a 64-bit word at a time (deps.c,
 * two lanes of multiply-xorshift, about 1 cycle a byte; the byte-at-a-time
 * FNV it replaces took 13 % of a handbook-only rebuild).  It is a check
 * against accidents (an edited or replaced output), not an adversary.
 */
static void
S_hash_file_id(uint64_t h[2], const char *path)
{
	struct stat st;
	long long v[3] = { -1, -1, -1 };

	deps_hash(h, path, strlen(path) + 1);
	if (stat(path, &st) == 0) {
		v[0] = (long long)st.st_size;
		v[1] = (long long)st.st_mtim.tv_sec;
		v[2] = (long long)st.st_mtim.tv_nsec;
	}
	deps_hash(h, v, sizeof(v));
}

/* pdf_fonts_hash callback: a font file's identity. */
static void
S_hash_fonts_cb(void *arg, const char *file, int index)
{
	uint64_t *h = arg;

	S_hash_file_id(h, file);
	deps_hash(h, &index, sizeof(index));
}

#define S_MAXREAD	4096		/* containers a role sheet's key covers */

static char *
S_manifest_path(const struct S_job *j)
{
	return xasprintf("%s/%s", j->out, j->fmt->record);
}

static int
S_prev_cmp(const void *a, const void *b)
{
	return strcmp(((const struct S_prev *)a)->path,
	    ((const struct S_prev *)b)->path);
}

/* Reads out/.rolebook-pdf: "digest filedigest size path" lines. */
static void
S_manifest_read(struct S_job *j)
{
	char *path = S_manifest_path(j), *data, *p, *nl;
	size_t len, cap = 0;

	if (file_read(path, 64 << 20, &data, &len) == -1) {
		free(path);
		return;
	}
	free(path);
	for (p = data; *p; p = nl + 1) {
		char name[1024], dg[33], fd[33];
		unsigned long long size;

		if ((nl = strchr(p, '\n')) == NULL)
			break;
		*nl = '\0';
		char dk[33], *dp = NULL;
		int used = 0;

		if (sscanf(p, "%32s %32s %llu %1023s %n", dg, fd, &size, name,
		    &used) != 4 || used == 0 || strlen(dg) != 32 ||
		    strlen(fd) != 32)
			continue;
		/* then the data key and paths of a role sheet, or "- -" */
		dk[0] = '\0';
		if (sscanf(p + used, "%32s", dk) == 1 && strlen(dk) == 32 &&
		    (dp = strchr(p + used, ' ')) != NULL && dp[1] != '\0')
			dp = xstrdup(dp + 1);
		else {
			dk[0] = '\0';
			dp = NULL;
		}
		if (j->nprev == cap) {
			cap = cap ? cap * 2 : 64;
			j->prev = xreallocarray(j->prev, cap,
			    sizeof(*j->prev));
		}
		j->prev[j->nprev].path = xstrdup(name);
		j->prev[j->nprev].size = size;
		memcpy(j->prev[j->nprev].dkey, dk, sizeof(dk));
		j->prev[j->nprev].dpaths = dp;
		memcpy(j->prev[j->nprev].digest, dg, sizeof(dg));
		memcpy(j->prev[j->nprev++].file, fd, sizeof(fd));
	}
	free(data);
	/* 10,000 role sheets: looked up by a binary search */
	if (j->nprev > 1)
		qsort(j->prev, j->nprev, sizeof(*j->prev), S_prev_cmp);
}

/* The previous build's record of document doc, or NULL. */
static const struct S_prev *
S_prev_find(const struct S_job *j, const struct S_doc *doc)
{
	struct S_prev key;

	if (j->nprev == 0)
		return NULL;
	key.path = doc->path;
	return bsearch(&key, j->prev, j->nprev, sizeof(*j->prev), S_prev_cmp);
}

/*
 * Writes the digests of this build (every document made or kept), from
 * memory: a made document's file digest was taken from its bytes, a kept
 * one's was checked against its file.
 */
static void
S_manifest_write(struct S_job *j)
{
	struct buf b = BUF_INIT;
	char *path;
	size_t i;

	for (i = 0; i < j->ndocs; i++)
		if (j->docs[i].digest[0] != '\0' && j->docs[i].file[0] != '\0')
			buf_printf(&b, "%s %s %llu %s %s %s\n",
			    j->docs[i].digest, j->docs[i].file,
			    j->docs[i].size, j->docs[i].path,
			    j->docs[i].dkey[0] ? j->docs[i].dkey : "-",
			    j->docs[i].dpaths ? j->docs[i].dpaths : "-");
	path = S_manifest_path(j);
	if (b.len > 0)
		file_write_atomic_flags(path, b.data, b.len, FILE_NOSYNC);
	else
		unlink(path);
	free(path);
	buf_free(&b);
}

/* Does the file of pv still hold the bytes the previous build wrote? */
static int
S_file_kept(const struct S_job *j, const struct S_prev *pv)
{
	char *path, fd[33];
	int same = 0;

	path = xasprintf("%s/%s", j->out, pv->path);
	if (deps_file_digest(path, pv->size, fd) == 0 &&
	    strcmp(fd, pv->file) == 0)
		same = 1;
	free(path);
	return same;
}

/* Is document doc's file as the previous build left it, for digest? */
static int
S_unchanged(const struct S_job *j, const struct S_doc *doc)
{
	const struct S_prev *pv = S_prev_find(j, doc);

	return pv != NULL && strcmp(pv->digest, doc->digest) == 0 &&
	    S_file_kept(j, pv);
}

/*
 * Can role sheet doc be kept without rendering it?  Yes when the previous
 * build recorded a data key for it, the data at its paths gives the same
 * key today, and its file holds the bytes that build wrote.  Sets the
 * document's digests to the previous ones then.
 */
static int
S_kept_by_data(struct S_job *j, struct S_doc *doc,
    const struct tmpl_val *root)
{
	const struct S_prev *pv = S_prev_find(j, doc);
	char key[33], dk[33];

	if (pv == NULL || pv->dkey[0] == '\0' || pv->dpaths == NULL)
		return 0;
	if (!j->csame) {
		if (j->deps == NULL ||
		    deps_check(j->deps, root, pv->dpaths, key) == -1)
			return 0;
		deps_rekey(j->tbase, key, dk);
		if (strcmp(dk, pv->dkey) != 0)
			return 0;
	}
	if (!S_file_kept(j, pv))
		return 0;
	memcpy(doc->digest, pv->digest, sizeof(doc->digest));
	memcpy(doc->dkey, pv->dkey, sizeof(doc->dkey));
	free(doc->dpaths);
	doc->dpaths = xstrdup(pv->dpaths);
	return 1;
}

/*
 * The handbook reads every role, so its data key is that of all the
 * model's input instead (j->ckey: org.xml and the roles folder, their
 * path, with tbase), recorded with the paths "*".  Kept when the same and
 * its file holds what the previous build wrote.
 */
static int
S_handbook_kept(struct S_job *j, struct S_doc *doc)
{
	const struct S_prev *pv = S_prev_find(j, doc);

	if (pv == NULL || j->ckey[0] == '\0' || pv->dpaths == NULL ||
	    strcmp(pv->dpaths, "*") != 0 || strcmp(pv->dkey, j->ckey) != 0 ||
	    !S_file_kept(j, pv))
		return 0;
	memcpy(doc->digest, pv->digest, sizeof(doc->digest));
	memcpy(doc->dkey, pv->dkey, sizeof(doc->dkey));
	doc->dpaths = xstrdup("*");
	return 1;
}

/*
 * j->ckey: what the model (data_site) is made of, see S_handbook_kept;
 * j->csame when the previous build's handbook had the same: then no data
 * changed at all, and a sheet recorded needs only its file checked.
 */
static void
S_content_key(struct S_job *j, const char *content)
{
	struct S_doc hb;
	const struct S_prev *pv;
	uint64_t h[2];

	h[0] = j->tbase[0];
	h[1] = j->tbase[1];
	deps_hash_content(h, content);
	deps_hex(h, j->ckey);
	hb.path = xasprintf("handbook%s", j->fmt->ext);
	pv = S_prev_find(j, &hb);
	free(hb.path);
	j->csame = pv != NULL && pv->dpaths != NULL &&
	    strcmp(pv->dpaths, "*") == 0 && strcmp(pv->dkey, j->ckey) == 0;
}

/* Document k was kept (by a worker, maybe): its file is as recorded. */
static void
S_kept(struct S_job *j, size_t k)
{
	const struct S_prev *pv = S_prev_find(j, &j->docs[k]);

	if (pv != NULL) {
		memcpy(j->docs[k].file, pv->file, sizeof(pv->file));
		j->docs[k].size = pv->size;
	}
	j->docs[k].done = 1;
}

/*
 * Stages the PDF of document k next to its file (in the parent process
 * only, so that a killed run's temporary files carry a dead process's id
 * and the next run sweeps them).  docs[k].tmp is the staged file, or NULL
 * when the file already holds these bytes.
 */
static int
S_stage(struct S_job *j, size_t k, const char *data, size_t len)
{
	struct S_doc *doc = &j->docs[k];
	char *path = xasprintf("%s/%s", j->out, doc->path);
	int rc = 0;

	free(doc->tmp);
	doc->tmp = NULL;
	deps_bytes_digest(data, len, doc->file);
	doc->size = len;
	if (file_stage(path, data, len, FILE_NOSYNC, &doc->tmp) == -1) {
		diag_at(j->d, DIAG_FATAL, path, 0, 0, "cannot write: %s",
		    strerror(errno));
		rc = -1;
	}
	free(path);
	return rc;
}

/*
 * Makes document k: renders its template into a tree and lays it out
 * into the PDF pdf.  Diagnostics go to jd.  Returns 0 when the document
 * is good.
 */
static int
S_make(struct S_job *j, size_t k, struct diag *jd, struct buf *pdf,
    int *kept)
{
	struct S_doc *doc = &j->docs[k];
	struct buf text = BUF_INIT, dump = BUF_INIT;
	struct doc_srcmap map;
	struct doc_node *tree = NULL;
	struct tmpl_val *root;
	const char *tpl = doc->role ? "rolesheet.lua.html" :
	    "handbook.lua.html";
	int rc = -1;

	memset(&map, 0, sizeof(map));
	if (j->failed)
		return -1;
	root = data_page(j->sitev, "");
	if (doc->role)
		tmpl_map_set(root, "role", tmpl_val_ref(doc->role));
	*kept = 0;
	doc->dkey[0] = '\0';
	free(doc->dpaths);
	doc->dpaths = NULL;
	if (!j->dumpdir && (doc->role ? S_kept_by_data(j, doc, root) :
	    S_handbook_kept(j, doc))) {
		*kept = 1;
		rc = 0;
		goto out;
	}
	/* the data a role sheet reads is recorded (the handbook reads all);
	 * the paths of the data are made when first needed */
	if (doc->role != NULL && !j->dumpdir && j->deps == NULL)
		j->deps = deps_new(j->sitev);
	tmpl_track(j->t, doc->role != NULL && !j->dumpdir);
	if (tmpl_render(j->t, jd, tpl, root, &text, &map) == -1) {
		tmpl_track(j->t, 0);
		j->failed = 1;
		goto out;
	}
	if (!j->dumpdir && (text.data == NULL || strstr(text.data, "<img") ==
	    NULL)) {
		uint64_t h[2];
		const struct tmpl_val *const *rd;
		size_t nrd;
		struct buf paths = BUF_INIT;
		char key[33];

		rd = tmpl_read(j->t, &nrd);
		if (doc->role && j->deps && deps_key(j->deps, root, rd, nrd,
		    S_MAXREAD, key, &paths) == 0 && jd->n == 0) {
			deps_rekey(j->tbase, key, doc->dkey);
			doc->dpaths = buf_detach(&paths);
		} else if (doc->role == NULL && j->ckey[0] && jd->n == 0) {
			memcpy(doc->dkey, j->ckey, sizeof(doc->dkey));
			doc->dpaths = xstrdup("*");
		}
		buf_free(&paths);

		h[0] = j->base[0];
		h[1] = j->base[1];
		deps_hash(h, text.data ? text.data : "", text.len);
		deps_hex(h, doc->digest);
		if (S_unchanged(j, doc)) {
			*kept = 1;
			rc = 0;
			goto out;
		}
	}
	if ((tree = doc_parse(jd, text.data ? text.data : "", text.len,
	    &map)) == NULL) {
		j->failed = 1;
		goto out;
	}
	/* the template's text is no longer needed: free it before layout */
	buf_free(&text);
	doc_srcmap_free(&map);
	if (j->fmt->docx)
		rc = docx_render(jd, tree, &j->xo, pdf);
	else {
		/* the tree goes to pdf_render, which frees it once laid
		 * out */
		rc = pdf_render(jd, tree, &j->po, pdf, j->dumpdir ? &dump :
		    NULL);
		tree = NULL;
	}
	if (rc == -1)
		goto out;
	rc = -1;
	if (rb_limit_output(jd, j->out, doc->path, pdf->len) == -1) {
		j->failed = 1;
		goto out;
	}
	if (j->dumpdir) {
		char *p = xasprintf("%s/%s.layout", j->dumpdir, doc->path), *sl;

		if ((sl = strrchr(p, '/')) != NULL) {
			*sl = '\0';
			mkdir_p(p);
			*sl = '/';
		}
		if (file_write_atomic_flags(p, dump.data ? dump.data : "",
		    dump.len, FILE_NOSYNC) == -1)
			diag_at(jd, DIAG_FATAL, p, 0, 0, "cannot write: %s",
			    strerror(errno));
		free(p);
	}
	rc = 0;
out:
	tmpl_track(j->t, 0);
	if ((rc != 0 || jd->n > 0) && !*kept) {
		doc->dkey[0] = '\0';	/* only clean renders are skipped */
		free(doc->dpaths);
		doc->dpaths = NULL;
	}
	buf_free(&dump);
	buf_free(&text);
	doc_srcmap_free(&map);
	doc_free(tree);
	tmpl_val_free(root);
	return rc;
}

/* Writes s to fd, escaping tab, newline and backslash. */
static void
S_put_field(struct buf *b, const char *s)
{
	for (; s && *s; s++) {
		if (*s == '\t')
			BUF_PUTSL(b, "\\t");
		else if (*s == '\n')
			BUF_PUTSL(b, "\\n");
		else if (*s == '\\')
			BUF_PUTSL(b, "\\\\");
		else
			buf_putc(b, *s);
	}
}

/* Splits the next tab- or newline-ended field off *p, unescaping it. */
static char *
S_get_field(char **p)
{
	char *s = *p, *w = *p;

	for (; *s && *s != '\t' && *s != '\n'; s++) {
		if (*s == '\\' && s[1]) {
			s++;
			*w++ = *s == 't' ? '\t' : *s == 'n' ? '\n' : *s;
		} else
			*w++ = *s;
	}
	if (*s)
		s++;
	*w = '\0';
	w = *p;
	*p = s;
	return w;
}

/*
 * A worker's job (jobs.h): makes document k and reports it in res:
 *	E <level> <line> <col> <file> <msg>\n	a diagnostic
 *	D <k> <status> <digest> <dkey> <dpaths> <len>\n and len bytes
 *		document k: status 0 failed, 1 made (its PDF follows),
 *		2 kept (unchanged since the last build)
 */
static void
S_work(void *arg, size_t k, struct buf *res)
{
	struct S_job *j = arg;
	struct buf pdf = BUF_INIT;
	struct diag jd;
	size_t i;
	int ok, kept;

	diag_init(&jd);
	ok = S_make(j, k, &jd, &pdf, &kept) == 0;
	for (i = 0; i < jd.n; i++) {
		buf_printf(res, "E\t%d\t%d\t%d\t", (int)jd.items[i].level,
		    jd.items[i].line, jd.items[i].col);
		S_put_field(res, jd.items[i].file);
		buf_putc(res, '\t');
		S_put_field(res, jd.items[i].msg);
		buf_putc(res, '\n');
	}
	ok = !ok ? 0 : kept ? 2 : 1;
	buf_printf(res, "D\t%u\t%d\t%s\t%s\t%s\t%zu\n", (unsigned)k, ok,
	    j->docs[k].digest[0] ? j->docs[k].digest : "-",
	    j->docs[k].dkey[0] ? j->docs[k].dkey : "-",
	    j->docs[k].dpaths ? j->docs[k].dpaths : "-",
	    ok == 1 ? pdf.len : 0);
	if (ok == 1)
		buf_put(res, pdf.data, pdf.len);
	diag_free(&jd);
	buf_free(&pdf);
}

/* In the parent: the report of a document (S_work); stages its PDF. */
static void
S_done(void *arg, size_t job, const char *data, size_t len)
{
	struct S_job *j = arg;
	const char *p = data, *end = data + len, *nl;

	(void)job;
	while (p < end && (nl = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		char *rec = xstrndup(p, (size_t)(nl - p)), *q = rec, *type;

		type = S_get_field(&q);
		if (strcmp(type, "E") == 0) {
			int lv = atoi(S_get_field(&q));
			int line = atoi(S_get_field(&q));
			int col = atoi(S_get_field(&q));
			char *file = S_get_field(&q);
			char *msg = S_get_field(&q);

			S_report(j, (enum diag_level)lv, *file ? file : NULL,
			    line, col, msg);
		} else if (strcmp(type, "D") == 0) {
			size_t k = strtoul(S_get_field(&q), NULL, 10);
			int status = atoi(S_get_field(&q));
			char *dg = S_get_field(&q);
			char *dk = S_get_field(&q);
			char *dp = S_get_field(&q);
			size_t n = strtoul(S_get_field(&q), NULL, 10);

			if ((size_t)(end - (nl + 1)) < n)
				n = 0, status = 0;	/* cut short */
			if (k < j->ndocs) {
				if (strlen(dg) == 32)
					memcpy(j->docs[k].digest, dg, 33);
				if (strlen(dk) == 32 && strcmp(dp, "-") != 0) {
					memcpy(j->docs[k].dkey, dk, 33);
					free(j->docs[k].dpaths);
					j->docs[k].dpaths = xstrdup(dp);
				}
				if (status == 2)
					S_kept(j, k);
				else if (status == 1 &&
				    S_stage(j, k, nl + 1, n) == 0)
					j->docs[k].done = 1;
			}
			nl += n;
		}
		free(rec);
		p = nl + 1;
	}
}

/* Removes the files of the format in out/roles that are not role sheets
 * of this build. */
static void
S_prune(struct diag *d, const char *out, const struct S_job *j)
{
	const char **keep = xreallocarray(NULL, j->ndocs + 1, sizeof(*keep));
	size_t i;

	for (i = 0; i < j->ndocs; i++)
		keep[i] = j->docs[i].path;
	file_prune(d, out, "roles", j->fmt->ext, keep, j->ndocs,
	    "role sheet");
	free(keep);
}

/* The job of either format (fmt). */
static int
S_build(struct diag *d, const struct rb_site *site, struct tmpl *t,
    const struct build_opts *bo, const struct S_fmt *fmt)
{
	struct S_job j;
	struct pdf_theme th;
	struct tmpl_val *sitev = NULL;
	const struct tmpl_val *roles;
	const char *dirs[4];
	char *tdir = NULL, *path;
	size_t i, nd = 0;
	int rc = -1, W, good, had_out = 1, had_roles = 1;
	struct stat st;

	memset(&j, 0, sizeof(j));
	j.fmt = fmt;
	j.d = d;
	j.t = t;
	j.out = bo->out ? bo->out : "out";
	if ((j.dumpdir = getenv("RB_LAYOUT_DUMP")) != NULL && (*j.dumpdir == 0 ||
	    fmt->docx))
		j.dumpdir = NULL;
	if (S_theme(d, t, &th, &tdir) == -1)
		goto out;
	j.po.theme = &th;
	j.po.date = pdf_source_date();
	j.po.free_tree = 1;
	j.po.pdfa = fmt->docx ? 0 : bo->pdfa;
	j.po.untagged = fmt->docx ? 0 : bo->untagged;
	j.xo.theme = &th;
	j.xo.date = j.po.date;
	/* Word lays out the .docx itself: no fonts needed here */
	if (!fmt->docx && (j.po.fonts = pdf_fonts_open(d, &th)) == NULL)
		goto out;
	dirs[nd++] = bo->content ? bo->content : ".";
	if (bo->templates)
		dirs[nd++] = bo->templates;
	if (tdir)
		dirs[nd++] = tdir;
	dirs[nd] = NULL;
	j.po.imgdirs = dirs;
	j.po.srcdir = bo->content ? bo->content : ".";
	/* staged files go next to their final names: create the folders,
	 * and remove them again (when still empty) if the build fails */
	had_out = stat(j.out, &st) == 0;
	path = xasprintf("%s/roles", j.out);
	had_roles = stat(path, &st) == 0;
	if (mkdir_p(path) == -1) {
		diag_at(d, DIAG_FATAL, path, 0, 0, "cannot create: %s",
		    strerror(errno));
		free(path);
		goto out;
	}
	free(path);

	/* the digest of what every document depends on besides its XHTML */
	j.base[0] = 0xcbf29ce484222325ULL;
	j.base[1] = 0x84222325cbf29ce4ULL;
	deps_hash(j.base, fmt->salt, strlen(fmt->salt) + 1);
	S_hash_file_id(j.base, "/proc/self/exe");
	{
		char *exe = realpath("/proc/self/exe", NULL);

		if (exe) {
			S_hash_file_id(j.base, exe);
			free(exe);
		}
	}
	deps_hash(j.base, &j.po.date, sizeof(j.po.date));
	deps_hash(j.base, &j.po.pdfa, sizeof(j.po.pdfa));
	deps_hash(j.base, &j.po.untagged, sizeof(j.po.untagged));
	if (tdir) {
		char *tp = xasprintf("%s/theme.conf", tdir), *td;
		size_t tl;

		if (file_read(tp, 1 << 20, &td, &tl) == 0) {
			deps_hash(j.base, td, tl);
			free(td);
		}
		free(tp);
	}
	if (j.po.fonts)
		pdf_fonts_hash(j.po.fonts, S_hash_fonts_cb, j.base);
	S_manifest_read(&j);

	sitev = data_site(site, "pdf");
	j.sitev = sitev;
	j.tbase[0] = j.base[0];
	j.tbase[1] = j.base[1];
	deps_hash_dir(j.tbase, tmpl_dir(t, 0), 0);
	deps_hash_dir(j.tbase, tmpl_dir(t, 1), 0);
	{
		/* a lower limit given may fail a render that passed */
		static const enum rb_limit lims[] = { RB_LIM_TMPL_STEPS,
		    RB_LIM_TMPL_MEMORY, RB_LIM_TMPL_MS };
		unsigned long long v;

		for (i = 0; i < sizeof(lims) / sizeof(lims[0]); i++) {
			v = rb_limit_given(lims[i]) ? rb_limit(lims[i]) : 0;
			deps_hash(j.tbase, &v, sizeof(v));
		}
	}
	S_content_key(&j, bo->content ? bo->content : ".");
	/* the data's paths (S_make makes them when a sheet is rendered) */
	if (!j.csame)
		j.deps = deps_new(sitev);
	roles = tmpl_map_get(sitev, "roles");
	j.ndocs = 1 + tmpl_val_len(roles);
	j.docs = xcalloc(j.ndocs, sizeof(*j.docs));
	j.docs[0].path = xasprintf("handbook%s", fmt->ext);
	for (i = 1; i < j.ndocs; i++) {
		const struct tmpl_val *r = tmpl_val_item(roles, i - 1);

		j.docs[i].role = r;
		j.docs[i].path = xasprintf("roles/%s%s",
		    tmpl_val_string(tmpl_map_get(r, "id")), fmt->ext);
	}
	/* the documents: in worker processes, or one after the other */
	if ((W = jobs_workers(j.ndocs, 8)) > 1) {
		if (jobs_run(W, j.ndocs, S_work, S_done, &j) == -1)
			diag_at(d, DIAG_FATAL, NULL, 0, 0, "%s: a worker "
			    "process failed", fmt->name);
	} else
		for (i = 0; i < j.ndocs; i++) {
			struct diag jd;
			struct buf pdf = BUF_INIT;
			int kept;

			diag_init(&jd);
			if (S_make(&j, i, &jd, &pdf, &kept) == 0) {
				if (kept)
					S_kept(&j, i);
				else if (S_stage(&j, i, pdf.data, pdf.len) == 0)
					j.docs[i].done = 1;
			}
			S_merge(&j, &jd);
			diag_free(&jd);
			buf_free(&pdf);
		}
	for (i = 0, good = 1; i < j.ndocs; i++)
		if (!j.docs[i].done)
			good = 0;
	/* never fail silently */
	if (!good && !diag_failed(d) && d->nfatal == 0)
		diag_at(d, DIAG_FATAL, NULL, 0, 0, "%s: some documents were "
		    "not made", fmt->name);
	/* all or nothing: rename the staged files, or remove them */
	for (i = 0; i < j.ndocs; i++) {
		if (j.docs[i].tmp == NULL) {
			if (good)
				tally_file(bo->tally, j.docs[i].path, 0);
			continue;
		}
		path = xasprintf("%s/%s", j.out, j.docs[i].path);
		if (good && !diag_failed(d) && d->nfatal == 0) {
			file_test_stall(path);
			if (rename(j.docs[i].tmp, path) == -1) {
				diag_at(d, DIAG_FATAL, path, 0, 0, "cannot "
				    "write: %s", strerror(errno));
				unlink(j.docs[i].tmp);
			} else
				tally_file(bo->tally, j.docs[i].path, 1);
		} else
			unlink(j.docs[i].tmp);
		free(path);
	}
	if (good && !diag_failed(d) && d->nfatal == 0) {
		S_prune(d, j.out, &j);
		S_manifest_write(&j);
		rc = 0;
	} else {
		path = xasprintf("%s/roles", j.out);
		if (!had_roles)
			rmdir(path);
		if (!had_out)
			rmdir(j.out);
		free(path);
	}
out:
	for (i = 0; i < j.ndocs; i++) {
		free(j.docs[i].path);
		free(j.docs[i].tmp);
		free(j.docs[i].dpaths);
	}
	free(j.docs);
	deps_free(j.deps);
	for (i = 0; i < j.nprev; i++) {
		free(j.prev[i].path);
		free(j.prev[i].dpaths);
	}
	free(j.prev);
	for (i = 0; i < j.nseen; i++)
		free(j.seen[i]);
	free(j.seen);
	tmpl_val_free(sitev);
	pdf_fonts_free(j.po.fonts);
	pdf_theme_free(&th);
	free(tdir);
	return rc;
}

int
build_handbook_pdf(struct diag *d, const struct rb_site *site,
    struct tmpl *t, const struct build_opts *bo)
{
	return S_build(d, site, t, bo, &S_pdf);
}

int
build_handbook_docx(struct diag *d, const struct rb_site *site,
    struct tmpl *t, const struct build_opts *bo)
{
	return S_build(d, site, t, bo, &S_docx);
}

int
build_dump_layout(struct diag *d, const char *file, struct tmpl *t,
    const char *pdfout)
{
	struct pdf_theme th;
	struct pdf_opts po;
	struct buf dump = BUF_INIT, pdf = BUF_INIT;
	struct doc_node *tree = NULL;
	char *data = NULL, *tdir = NULL, *dir, *slash;
	const char *dirs[3];
	size_t len;
	int rc = -1;

	if (S_theme(d, t, &th, &tdir) == -1)
		goto out;
	if (file_read(file, 64 << 20, &data, &len) == -1) {
		diag_at(d, DIAG_FATAL, file, 0, 0, "cannot read: %s",
		    strerror(errno));
		goto out;
	}
	if ((tree = doc_parse(d, data, len, NULL)) == NULL)
		goto out;
	dir = xstrdup(file);
	if ((slash = strrchr(dir, '/')) != NULL)
		*slash = '\0';
	else
		strcpy(dir, ".");
	dirs[0] = dir;
	dirs[1] = tdir;
	dirs[2] = NULL;
	memset(&po, 0, sizeof(po));
	po.theme = &th;
	po.imgdirs = dirs;
	po.srcdir = dir;	/* the input's folder */
	po.date = pdf_source_date();
	if (pdf_render(d, tree, &po, pdfout ? &pdf : NULL, &dump) == 0) {
		if (dump.len)
			fwrite(dump.data, 1, dump.len, stdout);
		if (pdfout && file_write_atomic(pdfout, pdf.data, pdf.len)
		    == -1)
			diag_at(d, DIAG_FATAL, pdfout, 0, 0, "cannot write: "
			    "%s", strerror(errno));
		else
			rc = 0;
	}
	free(dir);
out:
	doc_free(tree);
	free(data);
	free(tdir);
	buf_free(&dump);
	buf_free(&pdf);
	pdf_theme_free(&th);
	return rc;
}
