/*
 * site.c — loads a whole content folder: org.xml, then every role file in
 * roles/ in name order, dispatching on the extension.  Problems go to diag;
 * only a missing or unreadable folder is an environment error.
 */
#include <sys/stat.h>
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "../util/util.h"
#include "load.h"

static int
S_has_ext(const char *name, const char *ext)
{
	size_t n = strlen(name), e = strlen(ext);

	return n > e && strcmp(name + n - e, ext) == 0;
}

/* Reads path; reports why not at file level. Returns -1 on failure. */
static int
S_read(struct diag *d, const char *file, char **data, size_t *len)
{
	if (file_read(file, RB_MAX_FILE, data, len) == 0)
		return 0;
	if (errno == EFBIG)
		diag_at(d, DIAG_ERROR, file, 0, 0,
		    "file is too large (%s)", rb_limit_hint(RB_LIM_FILE));
	else
		diag_at(d, DIAG_FATAL, file, 0, 0, "cannot read: %s",
		    strerror(errno));
	return -1;
}

struct rb_role *
load_role_file(struct diag *d, struct rb_site *site, const char *path)
{
	struct rb_role *r = NULL;
	const char *file = site ? rb_site_intern(site, path) : path;
	char *data;
	size_t len;

	if (!S_has_ext(path, ".md") && !S_has_ext(path, ".xml")) {
		diag_at(d, DIAG_FATAL, path, 0, 0,
		    "not a role file: the name must end in .md or .xml");
		return NULL;
	}
	if (S_read(d, file, &data, &len) == -1)
		return NULL;
	if (S_has_ext(path, ".md"))
		r = load_role_md(d, file, data, len);
	else
		r = load_role_xml(d, file, data, len);
	free(data);
	return r;
}

static int
S_strcmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
S_rolecmp(const void *a, const void *b)
{
	const struct rb_role *x = *(struct rb_role *const *)a;
	const struct rb_role *y = *(struct rb_role *const *)b;
	int c = strcmp(x->id ? x->id : "", y->id ? y->id : "");

	return c ? c : strcmp(x->path, y->path);
}

int
load_site(struct diag *d, const char *dir, struct rb_site *site)
{
	struct stat st;
	struct dirent *de;
	struct rb_role *r;
	DIR *dp;
	char *path, *rdir, **names = NULL, *data;
	size_t i, n = 0, len;

	memset(site, 0, sizeof(*site));
	site->dir = xstrdup(dir);
	if (stat(dir, &st) == -1 || !S_ISDIR(st.st_mode)) {
		diag_at(d, DIAG_FATAL, dir, 0, 0, "no such content folder");
		return -1;
	}
	path = xasprintf("%s/org.xml", dir);
	if (S_read(d, path, &data, &len) == 0) {
		load_org(d, rb_site_intern(site, path), data, len, &site->org);
		free(data);
	}
	free(path);

	rdir = xasprintf("%s/roles", dir);
	if ((dp = opendir(rdir)) == NULL) {
		diag_at(d, DIAG_ERROR, rdir, 0, 0, "cannot open the roles "
		    "folder: %s", strerror(errno));
		free(rdir);
		return 0;
	}
	while ((de = readdir(dp)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		if (!S_has_ext(de->d_name, ".md") &&
		    !S_has_ext(de->d_name, ".xml")) {
			diag_at(d, DIAG_WARNING, rdir, 0, 0, "ignoring '%s': "
			    "role files end in .md or .xml", de->d_name);
			continue;
		}
		if (n == rb_limit(RB_LIM_ROLES)) {
			/* too many: none is read */
			diag_at(d, DIAG_ERROR, rdir, 0, 0, "more than %zu role "
			    "files (%s)", n, rb_limit_hint(RB_LIM_ROLES));
			while (n > 0)
				free(names[--n]);
			break;
		}
		names = xreallocarray(names, n + 1, sizeof(char *));
		names[n++] = xstrdup(de->d_name);
	}
	closedir(dp);
	qsort(names, n, sizeof(char *), S_strcmp);
	for (i = 0; i < n; i++) {
		path = xasprintf("%s/%s", rdir, names[i]);
		r = load_role_file(d, site, path);
		if (r != NULL && r->id == NULL)
			r->id = xstrdup("");
		if (r != NULL) {
			site->roles = xreallocarray(site->roles,
			    site->nroles + 1, sizeof(*site->roles));
			site->roles[site->nroles++] = r;
		}
		free(path);
		free(names[i]);
	}
	free(names);
	free(rdir);
	qsort(site->roles, site->nroles, sizeof(*site->roles), S_rolecmp);
	return 0;
}
