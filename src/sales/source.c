/*
 * source.c — where the sales data comes from: a content folder on disk, or
 * files in memory (tests, fuzzing, embedding).  Reading, listing, naming
 * for diagnostics.  Internal to src/sales.
 */
#include <sys/stat.h>
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "sales_int.h"

char *
src_name(const struct src *s, const char *rel)
{
	size_t n;

	if (s->dir == NULL)
		return xstrdup(rel);
	n = strlen(s->dir);
	while (n > 1 && s->dir[n - 1] == '/')
		n--;
	if (*rel == '\0')
		return xstrndup(s->dir, n);
	return xasprintf("%.*s/%s", (int)n, s->dir, rel);
}

int
src_read(struct diag *d, const struct src *s, const char *rel, char **data,
    size_t *len)
{
	const char *why;
	char *path;
	size_t i, n;

	if (s->dir == NULL) {
		for (i = 0; i < s->nfiles; i++) {
			if (strcmp(s->files[i].path, rel) != 0)
				continue;
			n = s->files[i].len ? s->files[i].len :
			    strlen(s->files[i].data);
			if (n > SALES_MAX_FILE) {
				diag_at(d, DIAG_ERROR, rel, 0, 0, "file is "
				    "too large (%s)", rb_limit_hint(RB_LIM_DATA));
				return -1;
			}
			*data = xstrndup(s->files[i].data, n);
			*len = n;
			return 1;
		}
		return 0;
	}
	path = src_name(s, rel);
	if (file_read_in(path, s->dir, SALES_MAX_FILE, data, len, &why) ==
	    -1) {
		if (why == NULL && errno == ENOENT) {
			free(path);
			return 0;
		}
		if (why != NULL)
			diag_at(d, DIAG_ERROR, path, 0, 0, "%s" FILE_REFUSED,
			    why);
		else if (errno == EFBIG)
			diag_at(d, DIAG_ERROR, path, 0, 0, "file is too "
			    "large; split it (%s)", rb_limit_hint(RB_LIM_DATA));
		else
			diag_at(d, DIAG_FATAL, path, 0, 0, "cannot read: %s",
			    strerror(errno));
		free(path);
		return -1;
	}
	free(path);
	return 1;
}

int
src_isdir(const struct src *s, const char *rel)
{
	struct stat st;
	char *path;
	size_t i, n = strlen(rel);
	int r;

	if (s->dir == NULL) {
		for (i = 0; i < s->nfiles; i++)
			if (strncmp(s->files[i].path, rel, n) == 0 &&
			    s->files[i].path[n] == '/')
				return 1;
		return 0;
	}
	path = src_name(s, rel);
	r = stat(path, &st) == 0 && S_ISDIR(st.st_mode);
	free(path);
	return r;
}

/* qsort/bsearch comparator for arrays of strings. */
static int
S_strcmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * The sorted names directly in folder rel: its regular files, or (dirs)
 * its folders.  In memory, a folder is a path prefix; each is listed once.
 */
static char **
S_entries(const struct src *s, const char *rel, int dirs, size_t *np)
{
	struct dirent *de;
	struct stat st;
	DIR *dir;
	char **v = NULL, *path, *fp;
	const char *p, *e;
	size_t n = 0, i, k, rl = strlen(rel);

	*np = 0;
	if (s->dir == NULL) {
		for (i = 0; i < s->nfiles; i++) {
			p = s->files[i].path;
			if (strncmp(p, rel, rl) != 0 || p[rl] != '/')
				continue;
			e = strchr(p + rl + 1, '/');
			if ((e != NULL) != dirs)
				continue;
			v = xreallocarray(v, n + 1, sizeof(*v));
			v[n++] = e ? xstrndup(p + rl + 1,
			    (size_t)(e - p - rl - 1)) : xstrdup(p + rl + 1);
		}
	} else {
		path = src_name(s, rel);
		if ((dir = opendir(path)) == NULL) {
			free(path);
			return NULL;
		}
		while ((de = readdir(dir)) != NULL) {
			if (de->d_name[0] == '.')
				continue;
			fp = xasprintf("%s/%s", path, de->d_name);
			if (stat(fp, &st) == 0 && (dirs ? S_ISDIR(st.st_mode) :
			    S_ISREG(st.st_mode))) {
				v = xreallocarray(v, n + 1, sizeof(*v));
				v[n++] = xstrdup(de->d_name);
			}
			free(fp);
		}
		closedir(dir);
		free(path);
	}
	if (n > 1)
		qsort(v, n, sizeof(*v), S_strcmp);
	for (i = k = 0; i < n; i++) {
		if (k > 0 && strcmp(v[k - 1], v[i]) == 0)
			free(v[i]);
		else
			v[k++] = v[i];
	}
	*np = k;
	return v;
}

char **
src_list(const struct src *s, const char *rel, size_t *np)
{
	return S_entries(s, rel, 0, np);
}

char **
src_dirs(const struct src *s, const char *rel, size_t *np)
{
	return S_entries(s, rel, 1, np);
}

void
src_list_free(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}
