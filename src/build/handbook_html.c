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
 */
#include <sys/stat.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "build.h"
#include "../doc/doc.h"
#include "../html/html.h"

struct S_file {
	char	*rel;		/* relative to out/handbook */
	char	*tmp;		/* staged bytes, NULL when unchanged */
};

struct S_out {
	struct diag	*d;
	const char	*top;		/* out/handbook */
	struct S_file	*f;
	size_t		 n, cap;
	struct buf	 text, html;	/* reused from page to page */
	struct doc_srcmap map;
	char		*failed[8];	/* templates that failed: not retried */
	size_t		 nfailed;
	int		 bad;		/* an error: stop staging */
};

static int
S_failed(const struct S_out *o, const char *tpl)
{
	size_t i;

	for (i = 0; i < o->nfailed; i++)
		if (strcmp(o->failed[i], tpl) == 0)
			return 1;
	return 0;
}

/* Stages data as top/rel; takes rel. */
static void
S_stage(struct S_out *o, char *rel, const char *data, size_t len)
{
	char *path, *tmp = NULL;

	if (o->n == o->cap) {
		o->cap = o->cap ? o->cap * 2 : 64;
		o->f = xreallocarray(o->f, o->cap, sizeof(*o->f));
	}
	path = xasprintf("%s/%s", o->top, rel);
	/* generated pages: atomic, but no fsync per page */
	if (!o->bad && file_stage(path, data, len, FILE_NOSYNC, &tmp) == -1) {
		diag_at(o->d, DIAG_FATAL, path, 0, 0, "cannot write: %s",
		    strerror(errno));
		o->bad = 1;
	}
	free(path);
	o->f[o->n].rel = rel;
	o->f[o->n].tmp = tmp;
	o->n++;
}

/*
 * Renders one page: template tpl with root (taken), into HTML whose
 * stylesheet is at base + "style.css", and stages it as rel (taken).
 */
static void
S_page(struct S_out *o, struct tmpl *t, const char *tpl,
    struct tmpl_val *root, const char *base, char *rel)
{
	struct doc_node *tree = NULL;
	struct html_opts opts;
	char *css;

	buf_reset(&o->text);
	buf_reset(&o->html);
	o->map.n = 0;
	if (S_failed(o, tpl))
		goto fail;
	if (tmpl_render(t, o->d, tpl, root, &o->text, &o->map) == -1 ||
	    (tree = doc_parse(o->d, o->text.data ? o->text.data : "",
	    o->text.len, &o->map)) == NULL) {
		if (o->nfailed < sizeof(o->failed) / sizeof(o->failed[0]))
			o->failed[o->nfailed++] = xstrdup(tpl);
		o->bad = 1;
		goto fail;
	}
	css = xasprintf("%sstyle.css", base);
	memset(&opts, 0, sizeof(opts));
	opts.css_href = css;
	html_render(&o->html, tree, &opts);
	free(css);
	S_stage(o, rel, o->html.data, o->html.len);
	rel = NULL;
fail:
	free(rel);
	doc_free(tree);
	tmpl_val_free(root);
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
    struct tmpl *t, const struct build_opts *bo)
{
	struct S_out o;
	struct tmpl_val *sitev, *root;
	const struct tmpl_val *roles, *depts;
	const char *id, *outdir = bo->out ? bo->out : "out";
	char *dirs[4], *css = NULL, *cssdata = NULL, *path;
	int made[4];
	struct stat st;
	size_t i, csslen = 0;
	int rc = -1, k;

	memset(&o, 0, sizeof(o));
	o.d = d;
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

	sitev = data_site(site, "html");
	roles = tmpl_map_get(sitev, "roles");
	depts = tmpl_map_get(sitev, "departments");
	root = data_page(sitev, "");
	tmpl_map_str(root, "page", "index");
	S_page(&o, t, "index.lua.html", root, "", xstrdup("index.html"));
	root = data_page(sitev, "");
	tmpl_map_str(root, "page", "calendar");
	S_page(&o, t, "calendar.lua.html", root, "", xstrdup("calendar.html"));
	for (i = 0; i < tmpl_val_len(depts); i++) {
		root = data_page(sitev, "../");
		tmpl_map_str(root, "page", "department");
		tmpl_map_set(root, "department",
		    tmpl_val_ref(tmpl_val_item(depts, i)));
		id = tmpl_val_string(tmpl_map_get(tmpl_val_item(depts, i),
		    "id"));
		S_page(&o, t, "department.lua.html", root, "../",
		    xasprintf("departments/%s.html", id));
	}
	for (i = 0; i < tmpl_val_len(roles); i++) {
		root = data_page(sitev, "../");
		tmpl_map_str(root, "page", "role");
		tmpl_map_set(root, "role",
		    tmpl_val_ref(tmpl_val_item(roles, i)));
		id = tmpl_val_string(tmpl_map_get(tmpl_val_item(roles, i),
		    "id"));
		S_page(&o, t, "role.lua.html", root, "../",
		    xasprintf("roles/%s.html", id));
	}
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
	if (cssdata)
		S_stage(&o, xstrdup("style.css"), cssdata, csslen);

	/* All or nothing. */
	if (!o.bad && !diag_failed(d)) {
		file_test_stall(o.top);
		for (i = 0; i < o.n && !o.bad; i++) {
			if (o.f[i].tmp == NULL)
				continue;
			path = xasprintf("%s/%s", o.top, o.f[i].rel);
			if (rename(o.f[i].tmp, path) == -1) {
				diag_at(d, DIAG_FATAL, path, 0, 0, "cannot "
				    "write: %s", strerror(errno));
				o.bad = 1;
			} else {
				free(o.f[i].tmp);
				o.f[i].tmp = NULL;
			}
			free(path);
		}
		if (!o.bad) {
			S_prune(d, o.top, "departments", &o);
			S_prune(d, o.top, "roles", &o);
			rc = 0;
		}
	}
	for (i = 0; i < o.n; i++) {
		if (o.f[i].tmp)
			unlink(o.f[i].tmp);
		free(o.f[i].tmp);
		free(o.f[i].rel);
	}
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
