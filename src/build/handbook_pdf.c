/*
 * handbook_pdf.c — `rolebook build` for PDF: renders the handbook
 * (handbook.lua.html) and one role sheet per role (rolesheet.lua.html)
 * through the templates, parses each into a document tree and lays it out
 * with the PDF backend (src/pdf), the theme read from theme.conf of the
 * templates folders.  Only when every document succeeded are the files
 * written (atomically, unchanged files untouched) and role sheets of roles
 * that no longer exist removed:
 *
 *	out/handbook.pdf	handbook.lua.html
 *	out/roles/<id>.pdf	rolesheet.lua.html
 *
 * With RB_LAYOUT_DUMP=DIR in the environment the layout dump of each
 * document is written too, as DIR/handbook.pdf.layout and
 * DIR/roles/<id>.pdf.layout (for tests/check-pdf.sh).
 *
 * Also `rolebook dump-layout` (build_dump_layout): the layout dump of an
 * XHTML file, for the layout tests.
 */
#include <sys/stat.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "build.h"
#include "../doc/doc.h"
#include "../pdf/pdf.h"

struct S_pdf {
	char	*path;		/* relative to the output folder */
	char	*data;
	size_t	 len;
};

struct S_job {
	struct diag		*d;
	struct tmpl		*t;
	struct pdf_opts		 po;
	const char		*dumpdir;	/* RB_LAYOUT_DUMP */
	struct S_pdf		*f;
	size_t			 n, cap;
	int			 failed;	/* a template failed: stop */
};

/* Reads the theme: theme.conf of the templates folders, else defaults. */
static int
S_theme(struct diag *d, struct tmpl *t, struct pdf_theme *th, char **dir)
{
	char *path = t ? tmpl_find(t, "theme.conf") : NULL, *slash;
	int rc = 0;

	pdf_theme_default(th);
	*dir = NULL;
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

/* Renders template tpl with root (taken) into a PDF named path (taken). */
static void
S_doc(struct S_job *j, const char *tpl, struct tmpl_val *root, char *path)
{
	struct buf text = BUF_INIT, pdf = BUF_INIT, dump = BUF_INIT;
	struct doc_srcmap map;
	struct doc_node *tree = NULL;

	memset(&map, 0, sizeof(map));
	if (j->failed)
		goto out;
	if (tmpl_render(j->t, j->d, tpl, root, &text, &map) == -1 ||
	    (tree = doc_parse(j->d, text.data ? text.data : "", text.len,
	    &map)) == NULL) {
		j->failed = 1;
		goto out;
	}
	if (pdf_render(j->d, tree, &j->po, &pdf, j->dumpdir ? &dump : NULL)
	    == -1)
		goto out;
	if (j->dumpdir) {
		char *p = xasprintf("%s/%s.layout", j->dumpdir, path), *sl;

		if ((sl = strrchr(p, '/')) != NULL) {
			*sl = '\0';
			mkdir_p(p);
			*sl = '/';
		}
		if (file_write_atomic(p, dump.data ? dump.data : "",
		    dump.len) == -1)
			diag_at(j->d, DIAG_FATAL, p, 0, 0, "cannot write: %s",
			    strerror(errno));
		free(p);
	}
	if (j->n == j->cap) {
		j->cap = j->cap ? j->cap * 2 : 64;
		j->f = xreallocarray(j->f, j->cap, sizeof(*j->f));
	}
	j->f[j->n].path = path;
	j->f[j->n].len = pdf.len;
	j->f[j->n++].data = buf_detach(&pdf);
	path = NULL;
out:
	free(path);
	buf_free(&pdf);
	buf_free(&dump);
	buf_free(&text);
	doc_srcmap_free(&map);
	doc_free(tree);
	tmpl_val_free(root);
}

/* Removes the .pdf files in out/roles that are not role sheets of this build. */
static void
S_prune(struct diag *d, const char *out, const struct S_job *j)
{
	char *dir = xasprintf("%s/roles", out), *rel, *p;
	struct dirent *e;
	size_t i, n;
	DIR *dp;

	if ((dp = opendir(dir)) == NULL) {
		free(dir);
		return;
	}
	while ((e = readdir(dp)) != NULL) {
		n = strlen(e->d_name);
		if (n < 5 || strcmp(e->d_name + n - 4, ".pdf") != 0)
			continue;
		rel = xasprintf("roles/%s", e->d_name);
		for (i = 0; i < j->n; i++)
			if (strcmp(j->f[i].path, rel) == 0)
				break;
		if (i == j->n) {
			p = xasprintf("%s/%s", out, rel);
			if (unlink(p) == -1)
				diag_at(d, DIAG_WARNING, p, 0, 0, "cannot "
				    "remove a stale role sheet: %s",
				    strerror(errno));
			free(p);
		}
		free(rel);
	}
	closedir(dp);
	free(dir);
}

int
build_handbook_pdf(struct diag *d, const struct rb_site *site,
    struct tmpl *t, const struct build_opts *bo)
{
	struct S_job j;
	struct pdf_theme th;
	struct tmpl_val *sitev, *root;
	const struct tmpl_val *roles;
	const char *out = bo->out ? bo->out : "out", *id, *dirs[4];
	char *tdir = NULL, *path;
	size_t i, nd = 0;
	int rc = -1;

	memset(&j, 0, sizeof(j));
	j.d = d;
	j.t = t;
	if ((j.dumpdir = getenv("RB_LAYOUT_DUMP")) != NULL && *j.dumpdir == 0)
		j.dumpdir = NULL;
	if (S_theme(d, t, &th, &tdir) == -1)
		goto out;
	j.po.theme = &th;
	j.po.date = pdf_source_date();
	if ((j.po.fonts = pdf_fonts_open(d, &th)) == NULL)
		goto out;
	dirs[nd++] = bo->content ? bo->content : ".";
	if (bo->templates)
		dirs[nd++] = bo->templates;
	if (tdir)
		dirs[nd++] = tdir;
	dirs[nd] = NULL;
	j.po.imgdirs = dirs;

	sitev = data_site(site, "pdf");
	roles = tmpl_map_get(sitev, "roles");
	S_doc(&j, "handbook.lua.html", data_page(sitev, ""),
	    xstrdup("handbook.pdf"));
	for (i = 0; i < tmpl_val_len(roles); i++) {
		root = data_page(sitev, "");
		tmpl_map_set(root, "role",
		    tmpl_val_ref(tmpl_val_item(roles, i)));
		id = tmpl_val_string(tmpl_map_get(tmpl_val_item(roles, i),
		    "id"));
		S_doc(&j, "rolesheet.lua.html", root,
		    xasprintf("roles/%s.pdf", id));
	}
	tmpl_val_free(sitev);
	if (diag_failed(d) || d->nfatal)
		goto out;
	path = xasprintf("%s/roles", out);
	if (mkdir_p(path) == -1)
		diag_at(d, DIAG_FATAL, path, 0, 0, "cannot create: %s",
		    strerror(errno));
	free(path);
	for (i = 0; i < j.n && d->nfatal == 0; i++) {
		path = xasprintf("%s/%s", out, j.f[i].path);
		if (file_write_atomic(path, j.f[i].data, j.f[i].len) == -1)
			diag_at(d, DIAG_FATAL, path, 0, 0, "cannot write: %s",
			    strerror(errno));
		free(path);
	}
	if (d->nfatal == 0) {
		S_prune(d, out, &j);
		rc = 0;
	}
out:
	for (i = 0; i < j.n; i++) {
		free(j.f[i].path);
		free(j.f[i].data);
	}
	free(j.f);
	pdf_fonts_free(j.po.fonts);
	pdf_theme_free(&th);
	free(tdir);
	return rc;
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
