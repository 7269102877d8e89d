/*
 * site.c — loads a whole content folder: org.xml, then every role file in
 * roles/ in name order, dispatching on the extension.  Problems go to diag;
 * only a missing or unreadable folder is an environment error.
 *
 * Role files are parsed in threads (RB_JOBS, like the build's workers;
 * RB_JOBS=1: none), each into its own role and diag; they are merged in
 * file order afterwards, so the model and every diagnostic are the same
 * whatever the number of threads.
 */
#include <sys/stat.h>
#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <cmark-gfm-core-extensions.h>
#include <libxml/parser.h>
#include "../util/util.h"
#include "../util/jobs.h"
#include "../model/msg.h"
#include "load.h"

/* Role files per loader thread at least: fewer are not worth a thread. */
#define S_PER_THREAD	16

/* Does name end in ext, in any letter case? */
static int
S_has_ext(const char *name, const char *ext)
{
	size_t n = strlen(name), e = strlen(ext);

	return n > e && strcasecmp(name + n - e, ext) == 0;
}

/* A Markdown role (.md, .markdown), an XML one (.xml), in any case, or
 * neither (0). */
static int
S_role_kind(const char *name)
{
	if (S_has_ext(name, ".md") || S_has_ext(name, ".markdown"))
		return 'm';
	if (S_has_ext(name, ".xml"))
		return 'x';
	return 0;
}

/* Reads path, a file of content folder top (NULL: a file named on the
 * command line); reports why not at file level. Returns -1 on failure. */
static int
S_read(struct diag *d, const char *file, const char *top, char **data,
    size_t *len)
{
	const char *why;

	if (file_read_in(file, top, RB_MAX_FILE, data, len, &why) == 0)
		return 0;
	if (why != NULL)
		rb_msg_at(d, MSG_E_FILE_REFUSED, file, 0, 0, why);
	else if (errno == EFBIG)
		rb_msg_at(d, MSG_E_FILE_TOO_LARGE, file, 0, 0,
		    rb_limit_hint(RB_LIM_FILE));
	else
		rb_msg_at(d, MSG_F_READ, file, 0, 0, strerror(errno));
	return -1;
}

static struct rb_role *
S_role_file(struct diag *d, struct rb_site *site, const char *path,
    const char *top)
{
	struct rb_role *r = NULL;
	const char *file = site ? rb_site_intern(site, path) : path;
	char *data;
	size_t len;

	if (S_role_kind(path) == 0) {
		rb_msg_at(d, MSG_F_NOT_ROLE_NAME, path, 0, 0);
		return NULL;
	}
	if (S_read(d, file, top, &data, &len) == -1)
		return NULL;
	if (S_role_kind(path) == 'm')
		r = load_role_md(d, file, data, len);
	else
		r = load_role_xml(d, file, data, len);
	free(data);
	return r;
}

struct rb_role *
load_role_file(struct diag *d, struct rb_site *site, const char *path)
{
	return S_role_file(d, site, path, NULL);
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

/* One role file loaded apart (in a loader thread): its own diagnostics. */
struct S_file {
	const char	*path;	/* interned */
	struct diag	 d;
	struct rb_role	*role;
};

struct S_pool {
	struct S_file	*f;
	const char	*top;	/* the content folder */
	size_t		 n;
	atomic_size_t	 next;	/* the next file to take */
};

/* Loads files from the pool until none is left (in every thread). */
static void *
S_worker(void *arg)
{
	struct S_pool *p = arg;
	struct S_file *f;
	size_t k;

	while ((k = atomic_fetch_add(&p->next, 1)) < p->n) {
		f = &p->f[k];
		f->role = S_role_file(&f->d, NULL, f->path, p->top);
	}
	return NULL;
}

/*
 * Loads the role files f[0..n) with up to workers threads (the calling one
 * included).  Each file records into its own diag; the caller merges them
 * in file order, so that the diagnostics do not depend on the scheduling.
 * What the loaders share is set up here first, in this thread: libxml2 and
 * the cmark-gfm extensions (their registration is not thread-safe).
 */
static void
S_load_files(struct S_file *f, size_t n, int workers, const char *top)
{
	struct S_pool p = { f, top, n, 0 };
	pthread_t *tid;
	int i, nt = 0;

	xmlInitParser();
	cmark_gfm_core_extensions_ensure_registered();
	tid = xreallocarray(NULL, (size_t)workers, sizeof(*tid));
	for (i = 1; i < workers; i++)
		if (pthread_create(&tid[nt], NULL, S_worker, &p) == 0)
			nt++;
	S_worker(&p);
	for (i = 0; i < nt; i++)
		pthread_join(tid[i], NULL);
	free(tid);
}

int
load_site(struct diag *d, const char *dir, struct rb_site *site)
{
	struct stat st;
	struct dirent *de;
	struct S_file *f;
	DIR *dp;
	char *path, *rdir, **names = NULL, *data;
	size_t i, n = 0, len;

	memset(site, 0, sizeof(*site));
	site->dir = xstrdup(dir);
	if (stat(dir, &st) == -1 || !S_ISDIR(st.st_mode)) {
		rb_msg_at(d, MSG_F_NO_FOLDER, dir, 0, 0);
		return -1;
	}
	path = xasprintf("%s/org.xml", dir);
	if (S_read(d, path, dir, &data, &len) == 0) {
		load_org(d, rb_site_intern(site, path), data, len, &site->org);
		free(data);
	}
	free(path);

	rdir = xasprintf("%s/roles", dir);
	if ((dp = opendir(rdir)) == NULL) {
		rb_msg_at(d, MSG_E_ROLES_DIR, rdir, 0, 0, strerror(errno));
		free(rdir);
		return 0;
	}
	while ((de = readdir(dp)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		if (S_role_kind(de->d_name) == 0) {
			rb_msg_at(d, MSG_W_NOT_ROLE_FILE, rdir, 0, 0,
			    de->d_name);
			continue;
		}
		if (n == rb_limit(RB_LIM_ROLES)) {
			/* too many: none is read */
			rb_msg_at(d, MSG_E_TOO_MANY_ROLES, rdir, 0, 0, n,
			    rb_limit_hint(RB_LIM_ROLES));
			while (n > 0)
				free(names[--n]);
			break;
		}
		names = xreallocarray(names, n + 1, sizeof(char *));
		names[n++] = xstrdup(de->d_name);
	}
	closedir(dp);
	qsort(names, n, sizeof(char *), S_strcmp);
	/* Paths are interned here, before the threads: the table is not
	 * theirs to change. */
	f = xreallocarray(NULL, n ? n : 1, sizeof(*f));
	for (i = 0; i < n; i++) {
		path = xasprintf("%s/%s", rdir, names[i]);
		f[i].path = rb_site_intern(site, path);
		diag_init(&f[i].d);
		f[i].d.max = d->max;
		f[i].role = NULL;
		free(path);
		free(names[i]);
	}
	free(names);
	free(rdir);
	if (n > 0)
		S_load_files(f, n, jobs_workers(n, S_PER_THREAD), dir);
	site->roles = xreallocarray(NULL, n ? n : 1, sizeof(*site->roles));
	for (i = 0; i < n; i++) {
		diag_merge(d, &f[i].d);
		if (f[i].role == NULL) {
			/* (in file order, so sorted: the stems are the
			 * names without their extension) */
			site->broken = xreallocarray(site->broken,
			    site->nbroken + 1, sizeof(*site->broken));
			site->broken[site->nbroken++] = rb_path_stem(f[i].path);
			continue;
		}
		if (f[i].role->id == NULL)
			f[i].role->id = xstrdup("");
		site->roles[site->nroles++] = f[i].role;
	}
	free(f);
	qsort(site->roles, site->nroles, sizeof(*site->roles), S_rolecmp);
	if (site->nbroken > 1)
		qsort(site->broken, site->nbroken, sizeof(*site->broken),
		    S_strcmp);
	return 0;
}
