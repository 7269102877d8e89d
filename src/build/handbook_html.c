/*
 * handbook_html.c — `rolebook build` for HTML: renders every page of the
 * handbook through its template, parses the output into a document tree,
 * writes it with the HTML backend, and stages it next to its final name
 * (file_stage: a temporary file, only when the bytes changed).  Only when
 * every page succeeded are the staged files renamed into place; otherwise
 * they are removed and the previous output stays as it was.  Pages are not
 * kept in memory, so memory does not grow with the number of roles.
 *
 *	out/handbook/index.html			index.lua.html
 *	out/handbook/calendar.html		calendar.lua.html
 *	out/handbook/departments/<id>.html	department.lua.html
 *	out/handbook/roles/<id>.html		role.lua.html
 *	out/handbook/style.css			style.css of the templates
 *						(else the backend's default)
 *
 * Incremental: out/.rolebook-html records, per page, the data its render
 * read (deps.h: paths and a key, with the templates and the binary) and
 * a digest of the file written; a page whose data gives the same key and
 * whose file is as written is not rendered again (S_kept).  Pages whose
 * render gave diagnostics or that show images are always rendered.
 */
#include <sys/stat.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "build.h"
#include "../doc/doc.h"
#include "../html/html.h"
#include "../util/jobs.h"
#include "deps.h"

#define S_PERWORKER	32	/* pages per worker process, at least */
#define S_MAXREAD	1000000	/* containers a page's key covers */

enum S_kind { S_INDEX, S_CALENDAR, S_DEPT, S_ROLE };

struct S_file {
	char		*rel;		/* relative to out/handbook */
	char		*tmp;		/* staged bytes, NULL when unchanged */
	/* pages: what to render, and the result until it is replayed */
	enum S_kind	 kind;
	size_t		 item;		/* S_DEPT, S_ROLE: index in the list */
	int		 ran;		/* a result arrived */
	int		 failed;	/* the template failed */
	int		 skipped;	/* not rendered: its template failed */
	int		 err;		/* staging failed with this errno */
	char		*diags;		/* diag_pack()ed, may be NULL */
	size_t		 ndiags;
	/* for out/.rolebook-html: "dkey file size dpaths", or NULL */
	char		*rec;
};

/* A page of the previous build's out/.rolebook-html. */
struct S_prev {
	char		*rel;
	char		*rec;		/* "dkey file size dpaths" */
};

struct S_out {
	struct diag	*d;
	struct tmpl	*t;
	const struct tmpl_val *sitev, *roles, *depts;
	const char	*top;		/* out/handbook */
	struct S_file	*f;
	size_t		 n, cap;
	size_t		 npages;	/* f[0..npages): the pages */
	/* the renderer's own state (in each worker, or in the caller) */
	struct buf	 text, html;	/* reused from page to page */
	struct doc_srcmap map;
	char		*failed[8];	/* templates that failed: not retried */
	size_t		 nfailed;
	int		 bad;		/* an error: stop staging */
	/* incremental builds */
	struct deps	*deps;
	uint64_t	 env[2];	/* binary, templates, limits given */
	struct S_prev	*prev;		/* sorted by rel */
	size_t		 nprev;
	char		 ckey[33];	/* env and the model's input */
	int		 csame;		/* ... as in the last build */
};

static const char *const S_tpl[] = {
	"index.lua.html", "calendar.lua.html", "department.lua.html",
	"role.lua.html"
};

static int
S_failed(char *const *failed, size_t n, const char *tpl)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(failed[i], tpl) == 0)
			return 1;
	return 0;
}

/* Adds file rel (taken) to the output list; returns it. */
static struct S_file *
S_add(struct S_out *o, char *rel)
{
	struct S_file *f;

	if (o->n == o->cap) {
		o->cap = o->cap ? o->cap * 2 : 64;
		o->f = xreallocarray(o->f, o->cap, sizeof(*o->f));
	}
	f = &o->f[o->n++];
	memset(f, 0, sizeof(*f));
	f->rel = rel;
	return f;
}

/* Stages data as top/rel; returns 0, or an errno. */
static int
S_stage(const struct S_out *o, const char *rel, const char *data,
    size_t len, char **tmp)
{
	char *path;
	int e = 0;

	*tmp = NULL;
	path = xasprintf("%s/%s", o->top, rel);
	/* generated pages: atomic, but no fsync per page */
	if (file_stage(path, data, len, FILE_NOSYNC, tmp) == -1)
		e = errno ? errno : EIO;
	free(path);
	return e;
}

/* The render root of page f. */
static struct tmpl_val *
S_root(const struct S_out *o, const struct S_file *f)
{
	struct tmpl_val *root;

	root = data_page(o->sitev, f->kind == S_INDEX ||
	    f->kind == S_CALENDAR ? "" : "../");
	switch (f->kind) {
	case S_INDEX:
		tmpl_map_str(root, "page", "index");
		break;
	case S_CALENDAR:
		tmpl_map_str(root, "page", "calendar");
		break;
	case S_DEPT:
		tmpl_map_str(root, "page", "department");
		tmpl_map_set(root, "department",
		    tmpl_val_ref(tmpl_val_item(o->depts, f->item)));
		break;
	case S_ROLE:
		tmpl_map_str(root, "page", "role");
		tmpl_map_set(root, "role",
		    tmpl_val_ref(tmpl_val_item(o->roles, f->item)));
		break;
	}
	return root;
}

static int
S_prev_cmp(const void *a, const void *b)
{
	return strcmp(((const struct S_prev *)a)->rel,
	    ((const struct S_prev *)b)->rel);
}

static char *
S_record_path(const char *outdir)
{
	return xasprintf("%s/.rolebook-html", outdir);
}

/* Reads out/.rolebook-html: "rel dkey file size dpaths" lines. */
static void
S_record_read(struct S_out *o, const char *outdir)
{
	char *path = S_record_path(outdir), *data, *p, *nl, *sp;
	size_t len, cap = 0;

	if (file_read(path, 256 << 20, &data, &len) == -1) {
		free(path);
		return;
	}
	free(path);
	for (p = data; *p; p = nl + 1) {
		if ((nl = strchr(p, '\n')) == NULL)
			break;
		*nl = '\0';
		if ((sp = strchr(p, ' ')) == NULL)
			continue;
		if (o->nprev == cap) {
			cap = cap ? cap * 2 : 64;
			o->prev = xreallocarray(o->prev, cap, sizeof(*o->prev));
		}
		if (sp - p == 1 && *p == '*') {	/* the content key */
			o->csame = strcmp(sp + 1, o->ckey) == 0;
			continue;
		}
		o->prev[o->nprev].rel = xstrndup(p, (size_t)(sp - p));
		o->prev[o->nprev++].rec = xstrdup(sp + 1);
	}
	free(data);
	if (o->nprev > 1)
		qsort(o->prev, o->nprev, sizeof(*o->prev), S_prev_cmp);
}

static const struct S_prev *
S_prev_find(const struct S_out *o, const char *rel)
{
	struct S_prev key;

	if (o->nprev == 0)
		return NULL;
	key.rel = (char *)rel;
	return bsearch(&key, o->prev, o->nprev, sizeof(*o->prev),
	    S_prev_cmp);
}

/* The environment of every page: the binary, templates, limits given. */
static void
S_env(struct S_out *o)
{
	static const enum rb_limit lims[] = { RB_LIM_TMPL_STEPS,
	    RB_LIM_TMPL_MEMORY, RB_LIM_TMPL_MS };
	unsigned long long v;
	struct stat st;
	long long id[3] = { -1, -1, -1 };
	size_t i;

	o->env[0] = 0xcbf29ce484222325ULL;
	o->env[1] = 0x84222325cbf29ce4ULL;
	deps_hash(o->env, "rolebook-html 1", 15);
	if (stat("/proc/self/exe", &st) == 0) {
		id[0] = (long long)st.st_size;
		id[1] = (long long)st.st_mtim.tv_sec;
		id[2] = (long long)st.st_mtim.tv_nsec;
	}
	deps_hash(o->env, id, sizeof(id));
	deps_hash_dir(o->env, tmpl_dir(o->t, 0), 0);
	deps_hash_dir(o->env, tmpl_dir(o->t, 1), 0);
	for (i = 0; i < sizeof(lims) / sizeof(lims[0]); i++) {
		v = rb_limit_given(lims[i]) ? rb_limit(lims[i]) : 0;
		deps_hash(o->env, &v, sizeof(v));
	}
}

/* o->ckey: the environment and what the model is read from. */
static void
S_content(struct S_out *o, const char *content)
{
	uint64_t h[2];

	h[0] = o->env[0];
	h[1] = o->env[1];
	deps_hash_content(h, content);
	deps_hex(h, o->ckey);
}

/*
 * Was page f's data read last time the same today, and does its file
 * hold what that build wrote?  Then it need not be rendered.
 */
static int
S_kept(const struct S_out *o, const struct S_file *f,
    const struct tmpl_val *root)
{
	const struct S_prev *pv = S_prev_find(o, f->rel);
	char dk[33], fd[33], key[33], pk[33], *path;
	unsigned long long size;
	int n = 0, same;

	if (pv == NULL ||
	    sscanf(pv->rec, "%32s %32s %llu %n", dk, fd, &size, &n) != 3 ||
	    n == 0)
		return 0;
	/* no data changed at all: only the file is checked */
	if (!o->csame) {
		if (o->deps == NULL ||
		    deps_check(o->deps, root, pv->rec + n, key) == -1)
			return 0;
		deps_rekey(o->env, key, pk);	/* the page key */
		if (strcmp(pk, dk) != 0)
			return 0;
	}
	path = xasprintf("%s/%s", o->top, f->rel);
	same = deps_file_digest(path, size, key) == 0 && strcmp(key, fd) == 0;
	free(path);
	return same;
}

/*
 * jobs_work_fn: renders page k through its template into HTML, stages it
 * (unless an earlier page of this renderer failed) and packs the result:
 * a header (flags, errno, length of the staged file's name), the name,
 * the page's diagnostics.
 */
enum { S_R_FAILED = 1, S_R_SKIPPED = 2, S_R_KEPT = 4 };

static void
S_work(void *arg, size_t k, struct buf *res)
{
	struct S_out *o = arg;
	const struct S_file *f = &o->f[k];
	const char *tpl = S_tpl[f->kind];
	struct doc_node *tree = NULL;
	struct html_opts opts;
	struct tmpl_val *root = NULL;
	struct diag jd;
	struct buf paths = BUF_INIT, rec = BUF_INIT;
	char *css, *tmp = NULL, key[33], pk[33], fd[33];
	int32_t h[4] = { 0, 0, 0, -1 };
	int rc;

	diag_init(&jd);
	buf_reset(&o->text);
	buf_reset(&o->html);
	o->map.n = 0;
	if (S_failed(o->failed, o->nfailed, tpl)) {
		h[0] = S_R_SKIPPED;
		goto out;
	}
	root = S_root(o, f);
	if (S_kept(o, f, root)) {
		h[0] = S_R_KEPT;
		goto out;
	}
	pk[0] = '\0';
	if (o->deps == NULL)		/* none made yet: no data changed */
		o->deps = deps_new(o->sitev);
	tmpl_track(o->t, o->deps != NULL);
	rc = tmpl_render(o->t, &jd, tpl, root, &o->text, &o->map);
	if (rc == 0 && o->deps != NULL && (o->text.data == NULL ||
	    strstr(o->text.data, "<img") == NULL)) {
		const struct tmpl_val *const *rd;
		size_t nrd;

		rd = tmpl_read(o->t, &nrd);
		if (deps_key(o->deps, root, rd, nrd, S_MAXREAD, key,
		    &paths) == 0)
			deps_rekey(o->env, key, pk);	/* the page key */
	}
	tmpl_track(o->t, 0);
	if (rc == -1 ||
	    (tree = doc_parse(&jd, o->text.data ? o->text.data : "",
	    o->text.len, &o->map)) == NULL) {
		if (o->nfailed < sizeof(o->failed) / sizeof(o->failed[0]))
			o->failed[o->nfailed++] = xstrdup(tpl);
		o->bad = 1;
		h[0] = S_R_FAILED;
		goto out;
	}
	css = xasprintf("%sstyle.css", f->kind == S_INDEX ||
	    f->kind == S_CALENDAR ? "" : "../");
	memset(&opts, 0, sizeof(opts));
	opts.css_href = css;
	html_render(&o->html, tree, &opts);
	free(css);
	if (rb_limit_output(&jd, o->top, f->rel, o->html.len) == -1) {
		if (o->nfailed < sizeof(o->failed) / sizeof(o->failed[0]))
			o->failed[o->nfailed++] = xstrdup(tpl);
		o->bad = 1;
		h[0] = S_R_FAILED;
		goto out;
	}
	if (!o->bad && (h[1] = S_stage(o, f->rel, o->html.data,
	    o->html.len, &tmp)) != 0)
		o->bad = 1;
	/* only a page made without a diagnostic is recorded */
	if (pk[0] != '\0' && jd.n == 0) {
		deps_bytes_digest(o->html.data ? o->html.data : "",
		    o->html.len, fd);
		buf_printf(&rec, "%s %s %zu %s", pk, fd, o->html.len,
		    paths.data ? paths.data : "");
		h[3] = (int32_t)rec.len;
	}
out:
	h[2] = tmp ? (int32_t)strlen(tmp) : -1;
	buf_put(res, h, sizeof(h));
	if (tmp)
		buf_put(res, tmp, (size_t)h[2]);
	if (h[3] > 0)
		buf_put(res, rec.data, rec.len);
	diag_pack(&jd, res);
	buf_free(&paths);
	buf_free(&rec);
	free(tmp);
	diag_free(&jd);
	doc_free(tree);
	tmpl_val_free(root);
}

/* jobs_done_fn: keeps the result of page k until it is replayed. */
static void
S_done(void *arg, size_t k, const char *res, size_t len)
{
	struct S_out *o = arg;
	struct S_file *f = &o->f[k];
	const struct S_prev *pv;
	int32_t h[4];
	size_t off = sizeof(h);

	if (len < sizeof(h) || f->ran)
		return;
	memcpy(h, res, sizeof(h));
	if ((h[2] >= 0 && len - off < (size_t)h[2]) ||
	    (h[3] >= 0 && len - off - (h[2] > 0 ? (size_t)h[2] : 0) <
	    (size_t)h[3]))
		return;
	f->ran = 1;
	f->failed = (h[0] & S_R_FAILED) != 0;
	f->skipped = (h[0] & S_R_SKIPPED) != 0;
	f->err = h[1];
	if (h[2] >= 0) {
		f->tmp = xstrndup(res + off, (size_t)h[2]);
		off += (size_t)h[2];
	}
	if (h[3] >= 0) {
		f->rec = xstrndup(res + off, (size_t)h[3]);
		off += (size_t)h[3];
	} else if ((h[0] & S_R_KEPT) && (pv = S_prev_find(o, f->rel)))
		f->rec = xstrdup(pv->rec);
	if (len > off) {
		f->ndiags = len - off;
		f->diags = xmalloc(f->ndiags);
		memcpy(f->diags, res + off, f->ndiags);
	}
}

/*
 * Reports the pages' results in page order, as one process rendering them
 * in order would have: after a template failed, its later pages are not
 * reported, and after the first error no staging error is.  Returns 0
 * when every page is staged.
 */
static int
S_replay(struct S_out *o)
{
	char *failed[8], *path;
	size_t nfailed = 0, i;
	int bad = o->bad;
	struct S_file *f;

	for (i = 0; i < o->npages; i++) {
		f = &o->f[i];
		if (S_failed(failed, nfailed, S_tpl[f->kind]))
			continue;
		if (!f->ran) {		/* its worker died */
			bad = 1;
			continue;
		}
		diag_unpack(o->d, f->diags, f->ndiags);
		if (f->failed || f->skipped) {
			if (nfailed < sizeof(failed) / sizeof(failed[0]))
				failed[nfailed++] = (char *)S_tpl[f->kind];
			bad = 1;
		} else if (f->err != 0 && !bad) {
			path = xasprintf("%s/%s", o->top, f->rel);
			diag_at(o->d, DIAG_FATAL, path, 0, 0, "cannot write: "
			    "%s", strerror(f->err));
			free(path);
			bad = 1;
		}
	}
	return bad ? -1 : 0;
}

/*
 * The text of out/.rolebook-html: the pages recorded (same input, same
 * bytes), for the caller to write once the whole build succeeded (a
 * failed build changes nothing; a stale record is safe, as every page
 * kept is checked against its file).
 */
static void
S_record(const struct S_out *o, struct build_opts *bo)
{
	size_t i;

	if (bo->html_record == NULL)
		bo->html_record = xcalloc(1, sizeof(*bo->html_record));
	buf_reset(bo->html_record);
	buf_printf(bo->html_record, "* %s\n", o->ckey);
	for (i = 0; i < o->npages; i++)
		if (o->f[i].rec != NULL)
			buf_printf(bo->html_record, "%s %s\n", o->f[i].rel,
			    o->f[i].rec);
	bo->html_record_ok = 1;
}

void
build_html_record(struct build_opts *bo)
{
	char *path;

	if (bo->html_record_ok) {
		path = S_record_path(bo->out ? bo->out : "out");
		if (bo->html_record->len > 0)
			file_write_atomic_flags(path, bo->html_record->data,
			    bo->html_record->len, FILE_NOSYNC);
		else
			unlink(path);
		free(path);
	}
	if (bo->html_record) {
		buf_free(bo->html_record);
		free(bo->html_record);
	}
	bo->html_record = NULL;
	bo->html_record_ok = 0;
}

/* Removes the .html files of <top>/<sub> that are not pages of this build. */
static void
S_prune(struct diag *d, const char *top, const char *sub,
    const struct S_out *o)
{
	const char **keep = xreallocarray(NULL, o->n + 1, sizeof(*keep));
	size_t i;

	for (i = 0; i < o->n; i++)
		keep[i] = o->f[i].rel;
	file_prune(d, top, sub, ".html", keep, o->n, "page");
	free(keep);
}

int
build_handbook_html(struct diag *d, const struct rb_site *site,
    struct tmpl *t, struct build_opts *bo)
{
	struct S_out o;
	struct S_file *f;
	struct tmpl_val *sitev;
	const char *id, *outdir = bo->out ? bo->out : "out";
	char *dirs[4], *css = NULL, *cssdata = NULL, *path;
	int made[4];
	struct stat st;
	size_t i, csslen = 0;
	int rc = -1, k, e;

	memset(&o, 0, sizeof(o));
	o.d = d;
	o.t = t;
	/* The folders, remembering those we create (removed on failure). */
	dirs[0] = xstrdup(outdir);
	dirs[1] = xasprintf("%s/handbook", outdir);
	dirs[2] = xasprintf("%s/departments", dirs[1]);
	dirs[3] = xasprintf("%s/roles", dirs[1]);
	o.top = dirs[1];
	for (k = 0; k < 4; k++) {
		made[k] = stat(dirs[k], &st) == -1;
		if (made[k] && mkdir_p(dirs[k]) == -1) {
			diag_at(d, DIAG_FATAL, dirs[k], 0, 0, "cannot create: "
			    "%s", strerror(errno));
			o.bad = 1;
		}
	}

	/* The pages, biggest first (workers take them in this order). */
	o.sitev = sitev = data_site(site, "html");
	o.roles = tmpl_map_get(sitev, "roles");
	o.depts = tmpl_map_get(sitev, "departments");
	S_env(&o);
	S_content(&o, bo->content ? bo->content : ".");
	S_record_read(&o, outdir);
	if (!o.csame)
		o.deps = deps_new(sitev);
	S_add(&o, xstrdup("index.html"))->kind = S_INDEX;
	S_add(&o, xstrdup("calendar.html"))->kind = S_CALENDAR;
	for (i = 0; i < tmpl_val_len(o.depts); i++) {
		id = tmpl_val_string(tmpl_map_get(tmpl_val_item(o.depts, i),
		    "id"));
		f = S_add(&o, xasprintf("departments/%s.html", id));
		f->kind = S_DEPT;
		f->item = i;
	}
	for (i = 0; i < tmpl_val_len(o.roles); i++) {
		id = tmpl_val_string(tmpl_map_get(tmpl_val_item(o.roles, i),
		    "id"));
		f = S_add(&o, xasprintf("roles/%s.html", id));
		f->kind = S_ROLE;
		f->item = i;
	}
	o.npages = o.n;
	if (jobs_run(jobs_workers(o.npages, S_PERWORKER), o.npages, S_work,
	    S_done, &o) == -1)
		diag_at(d, DIAG_FATAL, NULL, 0, 0, "HTML: a worker process "
		    "failed");
	if (S_replay(&o) == -1)
		o.bad = 1;
	deps_free(o.deps);		/* it points into sitev */
	o.deps = NULL;
	tmpl_val_free(sitev);

	/* The stylesheet: style.css of the templates, else the default. */
	if ((css = tmpl_find(t, "style.css")) != NULL &&
	    file_read(css, 1 << 20, &cssdata, &csslen) == -1) {
		diag_at(d, DIAG_FATAL, css, 0, 0, "cannot read: %s",
		    strerror(errno));
		o.bad = 1;
	} else if (cssdata == NULL) {
		cssdata = xstrdup(html_default_css());
		csslen = strlen(cssdata);
	}
	if (cssdata) {
		f = S_add(&o, xstrdup("style.css"));
		if (!o.bad && (e = S_stage(&o, f->rel, cssdata, csslen,
		    &f->tmp)) != 0) {
			path = xasprintf("%s/%s", o.top, f->rel);
			diag_at(d, DIAG_FATAL, path, 0, 0, "cannot write: %s",
			    strerror(e));
			free(path);
			o.bad = 1;
		}
	}

	/* All or nothing. */
	if (!o.bad && !diag_failed(d)) {
		file_test_stall(o.top);
		for (i = 0; i < o.n && !o.bad; i++) {
			if (o.f[i].tmp == NULL) {
				tally_file(bo->tally, o.f[i].rel, 0);
				continue;
			}
			path = xasprintf("%s/%s", o.top, o.f[i].rel);
			if (rename(o.f[i].tmp, path) == -1) {
				diag_at(d, DIAG_FATAL, path, 0, 0, "cannot "
				    "write: %s", strerror(errno));
				o.bad = 1;
			} else {
				tally_file(bo->tally, o.f[i].rel, 1);
				free(o.f[i].tmp);
				o.f[i].tmp = NULL;
			}
			free(path);
		}
		if (!o.bad) {
			S_prune(d, o.top, "departments", &o);
			S_prune(d, o.top, "roles", &o);
			S_record(&o, bo);
			rc = 0;
		}
	}
	for (i = 0; i < o.n; i++) {
		if (o.f[i].tmp)
			unlink(o.f[i].tmp);
		free(o.f[i].tmp);
		free(o.f[i].rel);
		free(o.f[i].diags);
		free(o.f[i].rec);
	}
	for (i = 0; i < o.nprev; i++) {
		free(o.prev[i].rel);
		free(o.prev[i].rec);
	}
	free(o.prev);
	deps_free(o.deps);
	for (k = 3; k >= 0; k--) {
		if (rc == -1 && made[k])
			rmdir(dirs[k]);		/* only when left empty */
		free(dirs[k]);
	}
	for (i = 0; i < o.nfailed; i++)
		free(o.failed[i]);
	free(o.f);
	buf_free(&o.text);
	buf_free(&o.html);
	doc_srcmap_free(&o.map);
	free(css);
	free(cssdata);
	return rc;
}
