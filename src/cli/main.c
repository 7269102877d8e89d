/*
 * main.c — the rolebook command line: parses options, runs the pipeline
 * (load → validate → …) for each command, prints the diagnostics and picks
 * the exit status: 0 clean, 1 content errors, 2 usage or environment.
 */
#include <sys/stat.h>
#include <errno.h>
#include <time.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "../util/util.h"
#include "../util/tally.h"
#include "../model/model.h"
#include "../model/msg.h"
#include "../load/load.h"
#include "../load/xml.h"
#include "../validate/validate.h"
#include "../export/export.h"
#include "../sales/sales.h"
#include "../tmpl/tmpl.h"
#include "../build/build.h"
#include "../build/report.h"
#include "../import/import.h"

/*
 * The PDF backend defines build_handbook_pdf() in src/build/handbook_pdf.c;
 * until it is linked in, the symbol is weak and NULL and --format pdf says
 * so.
 */
#pragma weak build_handbook_pdf

#ifndef RB_VERSION		/* debian/changelog's, from the Makefile */
#define RB_VERSION	"unknown"
#endif

static const char S_usage[] =
"usage: rolebook [options] command [arguments]\n"
"\n"
"commands:\n"
"  check  [DIR]                     validate only (DIR defaults to content)\n"
"  build  [DIR] [-o OUT] [--format html,pdf,docx]\n"
"         [--pdf-a | --no-pdf-tags]\n"
"                                   validate, then render (OUT defaults to out)\n"
"  report YYYY-MM [DIR] [-o OUT] [--pdf-a | --no-pdf-tags]\n"
"                                   monthly sales review and payroll export\n"
"  new role ID [DIR]                scaffold a Markdown role in DIR/roles\n"
"  export FILE                      print the canonical XML of a role file\n"
"  import [--into DIR] [--force] FILE...\n"
"                                   job descriptions (.txt, .md, .docx) into\n"
"                                   Markdown roles in DIR/roles (DIR: content)\n"
"\n"
"options:\n"
"  --diagnostics=json   print diagnostics as a JSON array\n"
"  --diagnostics=github print them as GitHub Actions annotations\n"
"                       (::error file=F,line=L,col=C::message)\n"
"  -Werror              treat warnings as errors\n"
"  -q, --quiet          no summary line after build and report (printed\n"
"                       only when standard output is a terminal)\n"
"  --pdf-a              write the PDFs as PDF/A-1b (archival; docs/pdf.md)\n"
"  --no-pdf-tags        write the PDFs untagged: smaller, but a screen reader\n"
"                       gets no headings, tables or lists (docs/pdf.md)\n"
"  --templates DIR      use templates from DIR (falls back to the built-in ones)\n"
"  --limit NAME=N       raise a limit (file-size, data-size, depth, roles,\n"
"                       table-cells, csv-rows, staff, tmpl-steps, tmpl-memory,\n"
"                       tmpl-ms; docs/security.md)\n"
"  -h, --help           this help\n"
"  --version            print the version and the templates and schemas\n"
"                       folders in use\n";

/* The built-in templates folder (S_find_data), else RB_DATADIR's. */
static char *S_tmpl_dir;

struct opts {
	const char	*out;		/* -o */
	const char	*format;	/* --format */
	const char	*templates;	/* --templates */
	int		  pdfa;		/* --pdf-a */
	int		  untagged;	/* --no-pdf-tags */
	char		**args;		/* positional arguments */
	int		  nargs;
	int		  quiet;	/* -q: no summary line */
	const char	*into;		/* import --into */
	int		  force;	/* import --force */
	struct tally	  tally;	/* what build or report wrote */
};

static int
S_usage_error(struct diag *d, const char *msg)
{
	diag_at(d, DIAG_FATAL, NULL, 0, 0, "%s (see 'rolebook --help')", msg);
	return 2;
}

/*
 * Takes the lock of the output folder out for the rest of the run, so that
 * two builds or reports into the same folder do not interleave their
 * writes: the second waits (docs/security.md).  Then removes the temporary
 * files a killed run left.  Returns the lock, or -1 (fatal in d).
 */
static int
S_lock(struct diag *d, const char *out)
{
	char *holder;
	int fd;

	if ((fd = dir_lock(out, 0)) == -1 && errno == EWOULDBLOCK) {
		/* the lock is on the folder holding out: name it, as the
		 * other run may be writing beside out, not into it */
		holder = dir_lock_holder(out);
		fprintf(stderr, "rolebook: %s (the folder holding %s) is in "
		    "use by another rolebook run; waiting for it to finish\n",
		    holder, out);
		free(holder);
		fd = dir_lock(out, 1);
	}
	if (fd == -1) {
		diag_at(d, DIAG_FATAL, out, 0, 0, "cannot lock the folder "
		    "holding the output folder: %s", strerror(errno));
		return -1;
	}
	dir_sweep_tmp(out);
	return fd;
}

/* Template limits: those given with --limit, else the engine's (0). */
static void
S_tmpl_limits(struct tmpl_limits *lim, const struct diag *d)
{
	memset(lim, 0, sizeof(*lim));
	if (rb_limit_given(RB_LIM_TMPL_STEPS))
		lim->instructions = (unsigned long)rb_limit(RB_LIM_TMPL_STEPS);
	if (rb_limit_given(RB_LIM_TMPL_MEMORY))
		lim->memory = (size_t)rb_limit(RB_LIM_TMPL_MEMORY);
	if (rb_limit_given(RB_LIM_TMPL_MS))
		lim->ms = (unsigned)rb_limit(RB_LIM_TMPL_MS);
	lim->hint = "--limit tmpl-%s=N";
	lim->json = d->format == DIAG_JSON;	/* github: the watchdog prints text */
}

/*
 * The template limits of a build of nroles roles.  The PDF handbook is
 * one render over every role, and the index lists them all, so a fixed
 * limit that suits one role page refuses a valid big site (the handbook of
 * 10,000 roles: about 75 MB of XHTML, 67 MB of Lua data, 23 M
 * instructions, 4 s).  Unless given with --limit, each limit grows by a
 * share per role on top of its default, about 4 to 10 times what the
 * built-in handbook needs per role (1,000 roles: 7.5 KB of output, 6.7 KB
 * of Lua, 2,300 instructions, 0.4 ms a role): 64 KiB, 10,000 instructions
 * and 10 ms a role.  A runaway template is still stopped: with 10,000
 * roles at 689 MiB, 150 M instructions, 101 s (docs/security.md).
 */
static void
S_build_limits(struct tmpl_limits *lim, size_t nroles)
{
	size_t n = nroles < 1000000 ? nroles : 1000000;

	if (!rb_limit_given(RB_LIM_TMPL_MEMORY))
		lim->memory = TMPL_DEFAULT_MEMORY + ((size_t)64 << 10) * n;
	if (!rb_limit_given(RB_LIM_TMPL_STEPS))
		lim->instructions = TMPL_DEFAULT_INSTRUCTIONS +
		    10000UL * (unsigned long)n;
	if (!rb_limit_given(RB_LIM_TMPL_MS))
		lim->ms = TMPL_DEFAULT_MS + 10 * (unsigned)n;
}

/* Loads and validates DIR into site; returns 0 when usable. */
static int
S_load(struct diag *d, const char *dir, struct rb_site *site)
{
	if (load_site(d, dir, site) == -1)
		return -1;
	validate_site(d, site);
	return 0;
}

static int
S_check(struct diag *d, struct opts *o)
{
	struct rb_site site;
	const char *dir = o->nargs > 0 ? o->args[0] : "content";

	if (o->nargs > 1)
		return S_usage_error(d, "check takes at most one folder");
	if (S_load(d, dir, &site) == 0)
		(void)sales_check(d, &site, dir);
	rb_site_free(&site);
	return 0;
}

/* --format: a comma-separated list of html, pdf and docx (default
 * html,pdf).  Returns -1 for an empty list or an unknown name. */
static int
S_formats(const char *list, struct build_opts *bo)
{
	const char *p = list, *e;
	size_t n;

	if (list == NULL) {
		bo->html = bo->pdf = 1;
		return 0;
	}
	do {
		e = strchr(p, ',');
		n = e ? (size_t)(e - p) : strlen(p);
		if (n == 4 && strncmp(p, "html", 4) == 0)
			bo->html = 1;
		else if (n == 3 && strncmp(p, "pdf", 3) == 0)
			bo->pdf = 1;
		else if (n == 4 && strncmp(p, "docx", 4) == 0)
			bo->docx = 1;
		else
			return -1;
		p = e + 1;
	} while (e != NULL);
	return 0;
}

static int
S_build(struct diag *d, struct opts *o)
{
	struct rb_site site;
	struct build_opts bo;
	struct tmpl_limits lim;
	struct tmpl *t;
	struct stat st;
	const char *dir = o->nargs > 0 ? o->args[0] : "content";
	const char *builtin = S_tmpl_dir ? S_tmpl_dir : RB_DATADIR "/templates";
	int lock;

	if (o->nargs > 1)
		return S_usage_error(d, "build takes at most one folder");
	memset(&bo, 0, sizeof(bo));
	if (S_formats(o->format, &bo) == -1)
		return S_usage_error(d, "--format takes a comma-separated "
		    "list of html, pdf and docx");
	bo.pdfa = o->pdfa;
	bo.untagged = o->untagged;
	/* Until the PDF backend is linked in, the default build is HTML. */
	if (build_handbook_pdf == NULL) {
		if (bo.docx || (o->format && bo.pdf)) {
			diag_at(d, DIAG_FATAL, NULL, 0, 0, "build: PDF output "
			    "is not implemented yet (issue 4); use "
			    "--format html");
			return 2;
		}
		bo.pdf = 0;
	}
	if (o->templates && (stat(o->templates, &st) == -1 ||
	    !S_ISDIR(st.st_mode))) {
		diag_at(d, DIAG_FATAL, o->templates, 0, 0, "--templates: not "
		    "a folder");
		return 2;
	}
	if (stat(builtin, &st) == -1 || !S_ISDIR(st.st_mode)) {
		diag_at(d, DIAG_FATAL, builtin, 0, 0, "the built-in templates "
		    "folder is missing (reinstall rolebook)");
		return 2;
	}
	bo.content = dir;
	bo.out = o->out ? o->out : "out";
	bo.templates = o->templates;
	bo.tally = &o->tally;
	memset(&site, 0, sizeof(site));
	/* Nothing is written when the content has errors. */
	if (S_load(d, dir, &site) == -1 || diag_failed(d)) {
		rb_site_free(&site);
		return 0;
	}
	if ((lock = S_lock(d, bo.out)) == -1) {
		rb_site_free(&site);
		return 0;
	}
	S_tmpl_limits(&lim, d);
	S_build_limits(&lim, site.nroles);
	t = tmpl_new(o->templates, builtin, &lim);
	if (bo.html)
		build_handbook_html(d, &site, t, &bo);
	/* PDF: the PDF backend's entry point (src/build/handbook_pdf.c). */
	if (bo.pdf && !diag_failed(d))
		build_handbook_pdf(d, &site, t, &bo);
	/* Word: the same job with the Word backend (src/docx) */
	if (bo.docx && !diag_failed(d))
		build_handbook_docx(d, &site, t, &bo);
	/* the HTML record only when the whole build succeeded */
	if (diag_failed(d) || d->nfatal > 0)
		bo.html_record_ok = 0;
	build_html_record(&bo);
	tmpl_free(t);
	rb_site_free(&site);
	dir_unlock(lock);
	return 0;
}

/* Undocumented: the PDF layout dump of an XHTML file (tests). */
static int
S_dump_layout(struct diag *d, struct opts *o)
{
	const char *builtin = S_tmpl_dir ? S_tmpl_dir : RB_DATADIR "/templates";
	struct tmpl *t;

	if (o->nargs != 1)
		return S_usage_error(d, "usage: rolebook dump-layout "
		    "FILE.xhtml [-o FILE.pdf]");
	t = tmpl_new(o->templates, builtin, NULL);
	build_dump_layout(d, o->args[0], t, o->out);
	tmpl_free(t);
	return 0;
}

/*
 * The role of file in its content folder (DIR/roles/FILE beside
 * DIR/org.xml), loaded and validated there, so that its references by
 * title or department name are resolved; NULL when file is not in one.
 * The folder's own diagnostics are not the export's: they go to a diag
 * of their own, and a reference left unresolved stays as written.
 */
/*
 * What the folder's checks found in the exported file (as the user named
 * it, real: its real path) that its own load did not (a superior or
 * department named but not found), said as warnings: the role is exported
 * as written.
 */
static void
S_export_warn(struct diag *d, const struct diag *folder, const char *file,
    const char *real)
{
	const struct diag_item *it;
	char *rp;
	size_t i, j;
	int same;

	for (i = 0; i < folder->n; i++) {
		it = &folder->items[i];
		if (it->level != DIAG_ERROR || it->file == NULL ||
		    (rp = realpath(it->file, NULL)) == NULL)
			continue;
		same = strcmp(rp, real) == 0;
		free(rp);
		for (j = 0; same && j < d->n; j++)
			if (d->items[j].line == it->line &&
			    d->items[j].col == it->col &&
			    strcmp(d->items[j].msg, it->msg) == 0)
				same = 0;	/* its own load said it */
		if (same)
			rb_msg_at(d, MSG_W_EXPORT_AS_WRITTEN, file, it->line,
			    it->col, it->msg);
	}
}

static struct rb_role *
S_export_in_site(struct diag *d, const char *file, struct rb_site *site)
{
	struct diag quiet;
	struct stat st;
	char *real, *dir, *p, *org;
	struct rb_role *found = NULL;
	size_t i;

	if ((real = realpath(file, NULL)) == NULL)
		return NULL;
	dir = xstrdup(real);
	for (i = 0; i < 2 && (p = strrchr(dir, '/')) != NULL; i++)
		*p = '\0';			/* DIR/roles/FILE -> DIR */
	org = xasprintf("%s/org.xml", dir);
	if (i == 2 && *dir != '\0' && stat(org, &st) == 0 &&
	    (p = strrchr(real, '/')) != NULL && p - real > 6 &&
	    strncmp(p - 6, "/roles", 6) == 0) {
		diag_init(&quiet);
		if (S_load(&quiet, dir, site) == 0)
			for (i = 0; i < site->nroles && found == NULL; i++) {
				char *rp = realpath(site->roles[i]->path,
				    NULL);

				if (rp != NULL && strcmp(rp, real) == 0)
					found = site->roles[i];
				free(rp);
			}
		S_export_warn(d, &quiet, file, real);
		diag_free(&quiet);
	}
	free(org);
	free(dir);
	free(real);
	return found;
}

static int
S_export(struct diag *d, struct opts *o)
{
	struct rb_role *r, *in;
	struct rb_site site;
	struct buf b = BUF_INIT;

	if (o->nargs != 1)
		return S_usage_error(d, "export takes one role file");
	r = load_role_file(d, NULL, o->args[0]);
	if (r == NULL || diag_failed(d)) {
		rb_role_free(r);
		return 0;
	}
	/* References by name become ids where the folder resolves them. */
	memset(&site, 0, sizeof(site));
	in = S_export_in_site(d, o->args[0], &site);
	export_role_xml(&b, in != NULL ? in : r);
	fwrite(b.data, 1, b.len, stdout);
	buf_free(&b);
	rb_site_free(&site);
	rb_role_free(r);
	return 0;
}

static int
S_new(struct diag *d, struct opts *o)
{
	struct rb_site site;
	struct buf b = BUF_INIT;
	struct stat st;
	const char *id, *dir, *dept = "TODO";
	char *path, *rdir;
	int rc;

	if (o->nargs < 2 || o->nargs > 3 || strcmp(o->args[0], "role") != 0)
		return S_usage_error(d, "usage: rolebook new role ID [DIR]");
	id = o->args[1];
	dir = o->nargs == 3 ? o->args[2] : "content";
	if (!rb_id_valid(id, strlen(id)))
		return S_usage_error(d, "the id must be " RB_ID_RULE);
	memset(&site, 0, sizeof(site));
	path = xasprintf("%s/org.xml", dir);
	if (stat(path, &st) == 0) {
		char *data;
		size_t len;

		if (file_read(path, RB_MAX_FILE, &data, &len) == 0) {
			struct diag quiet;

			diag_init(&quiet);
			load_org(&quiet, path, data, len, &site.org);
			diag_free(&quiet);
			free(data);
		}
		if (site.org.ndepts > 0)
			dept = site.org.depts[0].id;
	}
	free(path);
	rdir = xasprintf("%s/roles", dir);
	path = xasprintf("%s/%s.md", rdir, id);
	if (stat(path, &st) == 0) {
		diag_at(d, DIAG_FATAL, path, 0, 0, "already exists; "
		    "not overwritten");
		goto out;
	}
	buf_printf(&b,
	    "---\n"
	    "id: %s\n"
	    "title: \"\"            # 岗位名称（必填）\n"
	    "department: %s     # 隶属部门：org.xml 中的部门 id\n"
	    "# level: 岗位级别\n"
	    "# reports_to: 直接上级的岗位 id\n"
	    "headcount: 1\n"
	    "---\n"
	    "\n"
	    "## 岗位概述\n"
	    "\n"
	    "（一段话概述本岗位的工作。）\n"
	    "\n"
	    "## 工作职责\n"
	    "\n"
	    "1.\n"
	    "\n"
	    "## 任职资格\n"
	    "\n"
	    "- 学历：\n", id, dept);
	if (mkdir_p(rdir) == -1 ||
	    (rc = file_write_atomic(path, b.data, b.len)) == -1) {
		diag_at(d, DIAG_FATAL, path, 0, 0, "cannot write: %s",
		    strerror(errno));
		goto out;
	}
	printf("%s\n", path);
out:
	buf_free(&b);
	free(path);
	free(rdir);
	rb_site_free(&site);
	return 0;
}

static int
S_report(struct diag *d, struct opts *o)
{
	struct rb_site site;
	const char *month, *dir, *out = o->out ? o->out : "out";
	char *org;
	struct stat st;
	int have, lock;

	if (o->nargs < 1 || o->nargs > 2)
		return S_usage_error(d, "usage: rolebook report YYYY-MM "
		    "[DIR] [-o OUT]");
	month = o->args[0];
	dir = o->nargs == 2 ? o->args[1] : "content";
	org = xasprintf("%s/org.xml", dir);
	have = stat(org, &st) == 0;
	free(org);
	if (o->templates && (stat(o->templates, &st) == -1 ||
	    !S_ISDIR(st.st_mode))) {
		diag_at(d, DIAG_FATAL, o->templates, 0, 0, "--templates: not "
		    "a folder");
		return 2;
	}
	memset(&site, 0, sizeof(site));
	if (have)
		S_load(d, dir, &site);
	if (!diag_failed(d) && (lock = S_lock(d, out)) != -1) {
		struct report_opts ro;
		struct tmpl_limits lim;

		S_tmpl_limits(&lim, d);
		memset(&ro, 0, sizeof(ro));
		ro.limits = &lim;
		ro.content_dir = dir;
		ro.month = month;
		ro.outdir = out;
		ro.tmpl_user = o->templates;
		ro.tally = &o->tally;
		ro.pdfa = o->pdfa;
		ro.untagged = o->untagged;
		ro.tmpl_builtin = S_tmpl_dir ? S_tmpl_dir :
		    RB_DATADIR "/templates";
		report_run(d, have ? &site : NULL, &ro);
		dir_unlock(lock);
	}
	rb_site_free(&site);
	return 0;
}

/* Is <dir>/<name> a folder?  Returns its malloc'd path or NULL. */
static char *
S_subdir(const char *dir, const char *name)
{
	struct stat st;
	char *p = xasprintf("%s/%s", dir, name);

	if (stat(p, &st) == 0 && S_ISDIR(st.st_mode))
		return p;
	free(p);
	return NULL;
}

/*
 * Rewrites *path relative to the working directory when it lies below it,
 * so that template errors read "templates/report.lua.html:12: ...".
 */
static void
S_relative(char **path)
{
	char cwd[4096], *p;
	size_t n;

	if (*path == NULL || getcwd(cwd, sizeof(cwd)) == NULL ||
	    (n = strlen(cwd)) <= 1 || strncmp(*path, cwd, n) != 0 ||
	    (*path)[n] != '/')
		return;
	p = xstrdup(*path + n + 1);
	free(*path);
	*path = p;
}

/*
 * Finds the data folders (schema/, templates/) next to the executable, or
 * one level up (obj/rolebook), when run from a source tree; otherwise
 * the loaders and the build fall back to RB_DATADIR.
 */
static void
S_find_data(void)
{
	char exe[4096], *slash, *dir;
	ssize_t n;
	int up;

	if ((n = readlink("/proc/self/exe", exe, sizeof(exe) - 1)) <= 0)
		return;
	exe[n] = '\0';
	for (up = 0; up < 2; up++) {
		if ((slash = strrchr(exe, '/')) == NULL)
			return;
		*slash = '\0';
		if ((dir = S_subdir(exe, "schema")) != NULL) {
			load_set_schema_dir(dir);
			free(dir);
			S_tmpl_dir = S_subdir(exe, "templates");
			S_relative(&S_tmpl_dir);
			return;
		}
	}
}

/*
 * The summary line of a successful build or report: only on a terminal
 * and without -q, so that scripts and CI logs see nothing new.
 */
static void
S_summary(const struct opts *o, const struct timespec *t0)
{
	struct timespec t1;
	struct buf b = BUF_INIT;

	if (o->quiet || !isatty(STDOUT_FILENO))
		return;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	tally_line(&o->tally, (double)(t1.tv_sec - t0->tv_sec) +
	    (double)(t1.tv_nsec - t0->tv_nsec) / 1e9, &b);
	fputs(b.data, stdout);
	buf_free(&b);
}

/* Prints the version and the data folders in use, as absolute paths when
 * they exist ("(missing)" when not). */
static void
S_version(void)
{
	const char *dirs[2] = { S_tmpl_dir ? S_tmpl_dir :
	    RB_DATADIR "/templates", load_schema_dir() };
	const char *names[2] = { "templates", "schemas" };
	char *abs;
	int i;

	printf("rolebook %s\n", RB_VERSION);
	for (i = 0; i < 2; i++) {
		abs = realpath(dirs[i], NULL);
		printf("%s: %s%s\n", names[i], abs ? abs : dirs[i],
		    abs ? "" : " (missing)");
		free(abs);
	}
}

int
main(int argc, char *argv[])
{
	struct diag d;
	struct opts o;
	const char *cmd = NULL;
	struct timespec t0;
	int i, rc = 0;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	diag_init(&d);
	S_find_data();
	memset(&o, 0, sizeof(o));
	o.args = xcalloc((size_t)argc + 1, sizeof(char *));
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			fputs(S_usage, stdout);
			free(o.args);
			free(S_tmpl_dir);
			return 0;
		} else if (strcmp(a, "--version") == 0) {
			S_version();
			free(o.args);
			free(S_tmpl_dir);
			return 0;
		} else if (strcmp(a, "--diagnostics=json") == 0)
			d.format = DIAG_JSON;
		else if (strcmp(a, "--diagnostics=github") == 0)
			d.format = DIAG_GITHUB;
		else if (strcmp(a, "--diagnostics=text") == 0)
			d.format = DIAG_TEXT;
		else if (strcmp(a, "-Werror") == 0)
			d.werror = 1;
		else if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0)
			o.quiet = 1;
		else if (strcmp(a, "--force") == 0)
			o.force = 1;
		else if (strcmp(a, "--into") == 0 && i + 1 < argc)
			o.into = argv[++i];
		else if (strncmp(a, "--into=", 7) == 0)
			o.into = a + 7;
		else if (strcmp(a, "--pdf-a") == 0)
			o.pdfa = 1;
		else if (strcmp(a, "--no-pdf-tags") == 0)
			o.untagged = 1;
		else if ((strcmp(a, "-o") == 0 || strcmp(a, "--templates") == 0
		    || strcmp(a, "--format") == 0) && i + 1 < argc) {
			if (a[1] == 'o')
				o.out = argv[++i];
			else if (a[2] == 't')
				o.templates = argv[++i];
			else
				o.format = argv[++i];
		} else if (strcmp(a, "--limit") == 0 ||
		    strncmp(a, "--limit=", 8) == 0) {
			const char *v = a[7] == '=' ? a + 8 :
			    i + 1 < argc ? argv[++i] : "";

			char err[512];

			if (rb_limit_set(v, err, sizeof(err)) == -1) {
				diag_at(&d, DIAG_FATAL, NULL, 0, 0, "--limit "
				    "'%s': %s", v, err);
				rc = 2;
			}
		} else if (strncmp(a, "--format=", 9) == 0)
			o.format = a + 9;
		else if (strncmp(a, "--templates=", 12) == 0)
			o.templates = a + 12;
		else if (a[0] == '-' && a[1] != '\0') {
			diag_at(&d, DIAG_FATAL, NULL, 0, 0, "unknown option "
			    "'%s' (see 'rolebook --help')", a);
			rc = 2;
		} else if (cmd == NULL)
			cmd = a;
		else
			o.args[o.nargs++] = argv[i];
	}
	if (rc == 0 && o.pdfa && o.untagged)
		/* the PDF/A-1b written is tagged (docs/pdf.md) */
		rc = S_usage_error(&d, "--pdf-a and --no-pdf-tags cannot go "
		    "together: a PDF/A file rolebook writes is tagged");
	if (rc == 0) {
		if (cmd == NULL)
			rc = S_usage_error(&d, "no command given");
		else if (strcmp(cmd, "check") == 0)
			rc = S_check(&d, &o);
		else if (strcmp(cmd, "build") == 0)
			rc = S_build(&d, &o);
		else if (strcmp(cmd, "export") == 0)
			rc = S_export(&d, &o);
		else if (strcmp(cmd, "dump-layout") == 0)
			rc = S_dump_layout(&d, &o);
		else if (strcmp(cmd, "new") == 0)
			rc = S_new(&d, &o);
		else if (strcmp(cmd, "report") == 0)
			rc = S_report(&d, &o);
		else if (strcmp(cmd, "import") == 0)
			rc = o.nargs == 0 ? S_usage_error(&d, "import: name the "
			    "files to import") : imp_run(o.args, o.nargs,
			    o.into ? o.into : "content", o.force, &d);
		else {
			diag_at(&d, DIAG_FATAL, NULL, 0, 0, "unknown command "
			    "'%s' (see 'rolebook --help')", cmd);
			rc = 2;
		}
	}
	diag_flush(&d, stderr);
	if (rc == 0)
		rc = diag_exit_code(&d);
	if (rc == 0 && (strcmp(cmd, "build") == 0 ||
	    strcmp(cmd, "report") == 0))
		S_summary(&o, &t0);
	diag_free(&d);
	free(o.args);
	free(S_tmpl_dir);
	load_xml_cleanup();
	return rc;
}
