/*
 * handbook_html.c — `rolebook build` for HTML: renders every page of the
 * handbook through its template, parses the output into a document tree,
 * writes it with the HTML backend, and only when every page succeeded
 * writes the files (atomically, unchanged files untouched).
 *
 *	out/handbook/index.html			index.lua.html
 *	out/handbook/calendar.html		calendar.lua.html
 *	out/handbook/departments/<id>.html	department.lua.html
 *	out/handbook/roles/<id>.html		role.lua.html
 *	out/handbook/style.css			style.css of the templates
 *						(else the backend's default)
 */
#include <sys/stat.h>
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "build.h"
#include "../doc/doc.h"
#include "../html/html.h"

struct S_file {
	char	*path;		/* relative to out/handbook */
	char	*data;
	size_t	 len;
};

struct S_out {
	struct S_file	*f;
	size_t		 n, cap;
	struct buf	 text, html;	/* reused from page to page */
	struct doc_srcmap map;
	char		*failed[8];	/* templates that failed: not retried */
	size_t		 nfailed;
};

static void
S_add(struct S_out *o, char *path, char *data, size_t len)
{
	if (o->n == o->cap) {
		o->cap = o->cap ? o->cap * 2 : 64;
		o->f = xreallocarray(o->f, o->cap, sizeof(*o->f));
	}
	o->f[o->n].path = path;
	o->f[o->n].data = data;
	o->f[o->n].len = len;
	o->n++;
}

static int
S_failed(const struct S_out *o, const char *tpl)
{
	size_t i;

	for (i = 0; i < o->nfailed; i++)
		if (strcmp(o->failed[i], tpl) == 0)
			return 1;
	return 0;
}

/*
 * Renders one page: template tpl with root, into HTML whose stylesheet is
 * at base + "style.css".  Takes root.  On success the page joins o.
 */
static void
S_page(struct diag *d, struct tmpl *t, struct S_out *o, const char *tpl,
    struct tmpl_val *root, const char *base, char *path)
{
	struct doc_node *tree = NULL;
	struct html_opts opts;
	char *css;
	size_t len;

	buf_reset(&o->text);
	buf_reset(&o->html);
	o->map.n = 0;
	if (S_failed(o, tpl))
		goto fail;
	if (tmpl_render(t, d, tpl, root, &o->text, &o->map) == -1 ||
	    (tree = doc_parse(d, o->text.data ? o->text.data : "",
	    o->text.len, &o->map)) == NULL) {
		if (o->nfailed < sizeof(o->failed) / sizeof(o->failed[0]))
			o->failed[o->nfailed++] = xstrdup(tpl);
		goto fail;
	}
	css = xasprintf("%sstyle.css", base);
	memset(&opts, 0, sizeof(opts));
	opts.css_href = css;
	html_render(&o->html, tree, &opts);
	free(css);
	len = o->html.len;
	S_add(o, path, xstrndup(o->html.data, len), len);
	path = NULL;
fail:
	free(path);
	doc_free(tree);
	tmpl_val_free(root);
}

/* Removes the .html files of <top>/<sub> that are not pages of this build. */
static void
S_prune(struct diag *d, const char *top, const char *sub,
    const struct S_out *o)
{
	char *dir = xasprintf("%s/%s", top, sub), *rel, *p;
	struct dirent *e;
	size_t i, n;
	DIR *dp;

	if ((dp = opendir(dir)) == NULL) {
		free(dir);
		return;
	}
	while ((e = readdir(dp)) != NULL) {
		n = strlen(e->d_name);
		if (n < 6 || strcmp(e->d_name + n - 5, ".html") != 0)
			continue;
		rel = xasprintf("%s/%s", sub, e->d_name);
		for (i = 0; i < o->n; i++)
			if (strcmp(o->f[i].path, rel) == 0)
				break;
		if (i == o->n) {
			p = xasprintf("%s/%s", top, rel);
			if (unlink(p) == -1)
				diag_at(d, DIAG_WARNING, p, 0, 0, "cannot "
				    "remove a stale page: %s", strerror(errno));
			free(p);
		}
		free(rel);
	}
	closedir(dp);
	free(dir);
}

int
build_handbook_html(struct diag *d, const struct rb_site *site,
    struct tmpl *t, const struct build_opts *bo)
{
	struct S_out o;
	struct tmpl_val *sitev, *root;
	const struct tmpl_val *roles, *depts;
	const char *id;
	char *top, *path, *css = NULL, *cssdata = NULL;
	size_t i, csslen = 0;
	int rc = -1;

	memset(&o, 0, sizeof(o));
	sitev = data_site(site, "html");
	roles = tmpl_map_get(sitev, "roles");
	depts = tmpl_map_get(sitev, "departments");

	root = data_page(sitev, "");
	tmpl_map_str(root, "page", "index");
	S_page(d, t, &o, "index.lua.html", root, "", xstrdup("index.html"));
	root = data_page(sitev, "");
	tmpl_map_str(root, "page", "calendar");
	S_page(d, t, &o, "calendar.lua.html", root, "",
	    xstrdup("calendar.html"));
	for (i = 0; i < tmpl_val_len(depts); i++) {
		root = data_page(sitev, "../");
		tmpl_map_str(root, "page", "department");
		tmpl_map_set(root, "department",
		    tmpl_val_ref(tmpl_val_item(depts, i)));
		id = tmpl_val_string(tmpl_map_get(tmpl_val_item(depts, i),
		    "id"));
		S_page(d, t, &o, "department.lua.html", root, "../",
		    xasprintf("departments/%s.html", id));
	}
	for (i = 0; i < tmpl_val_len(roles); i++) {
		root = data_page(sitev, "../");
		tmpl_map_str(root, "page", "role");
		tmpl_map_set(root, "role",
		    tmpl_val_ref(tmpl_val_item(roles, i)));
		id = tmpl_val_string(tmpl_map_get(tmpl_val_item(roles, i),
		    "id"));
		S_page(d, t, &o, "role.lua.html", root, "../",
		    xasprintf("roles/%s.html", id));
	}
	tmpl_val_free(sitev);

	/* The stylesheet: style.css of the templates, else the default. */
	if ((css = tmpl_find(t, "style.css")) != NULL &&
	    file_read(css, 1 << 20, &cssdata, &csslen) == -1) {
		diag_at(d, DIAG_FATAL, css, 0, 0, "cannot read: %s",
		    strerror(errno));
		goto out;
	}
	if (cssdata == NULL) {
		cssdata = xstrdup(html_default_css());
		csslen = strlen(cssdata);
	}
	S_add(&o, xstrdup("style.css"), cssdata, csslen);
	cssdata = NULL;
	if (diag_failed(d))
		goto out;

	top = xasprintf("%s/handbook", bo->out ? bo->out : "out");
	path = xasprintf("%s/departments", top);
	if (mkdir_p(path) == -1)
		diag_at(d, DIAG_FATAL, path, 0, 0, "cannot create: %s",
		    strerror(errno));
	free(path);
	path = xasprintf("%s/roles", top);
	if (mkdir_p(path) == -1)
		diag_at(d, DIAG_FATAL, path, 0, 0, "cannot create: %s",
		    strerror(errno));
	free(path);
	for (i = 0; i < o.n && !diag_failed(d) && d->nfatal == 0; i++) {
		path = xasprintf("%s/%s", top, o.f[i].path);
		/* generated pages: atomic, but no fsync per page */
		if (file_write_atomic_flags(path, o.f[i].data, o.f[i].len,
		    FILE_NOSYNC) == -1)
			diag_at(d, DIAG_FATAL, path, 0, 0, "cannot write: %s",
			    strerror(errno));
		free(path);
	}
	if (!diag_failed(d) && d->nfatal == 0) {
		S_prune(d, top, "departments", &o);
		S_prune(d, top, "roles", &o);
		rc = 0;
	}
	free(top);
out:
	for (i = 0; i < o.n; i++) {
		free(o.f[i].path);
		free(o.f[i].data);
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
