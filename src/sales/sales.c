/*
 * sales.c — the entry points of the sales engine (sales.h): runs the
 * loaders for the months a report needs and the engine (sales_month), or
 * the loaders alone over every month (sales_check); frees results.  For
 * the CLI and for tests.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "sales_int.h"

/*
 * Which earlier months are required: for a plan in effect this month
 * with a quarterly champion or streak, when this is the quarter's last
 * month, every earlier month of the quarter the plan was in effect.
 * need[slot] is 2 for those, else 0 (load when present).
 */
static void
S_needed(const struct sales_ctx *ctx, int need[SALES_TREND])
{
	const struct plan *p;
	size_t i;
	int k, ym;

	memset(need, 0, sizeof(int) * SALES_TREND);
	if (ctx->ym % 100 % 3 != 0)
		return;
	for (i = 0; i < ctx->nplans; i++) {
		p = ctx->plans[i];
		if ((p->from && ctx->ym < p->from) ||
		    (p->until && ctx->ym > p->until) ||
		    (!p->champ_quarter.on && !p->streak.on))
			continue;
		for (k = 1; k <= 2; k++) {
			ym = val_month_add(ctx->ym, -k);
			if (!p->from || ym >= p->from)
				need[SALES_TREND - 1 - k] = 2;
		}
	}
}

/* The common run over a source. */
static int
S_run(struct diag *d, const struct rb_site *site, struct src *src,
    const char *month, struct sales_result **res)
{
	struct sales_ctx ctx;
	int need[SALES_TREND], sl, ok = 1;

	*res = NULL;
	memset(&ctx, 0, sizeof(ctx));
	ctx.d = d;
	ctx.site = site;
	ctx.src = *src;
	ctx.nerr0 = d->nerr + d->nfatal;
	ctx.nwarn0 = d->nwarn;
	if (month == NULL || (ctx.ym = val_month_parse(month, strlen(month))) ==
	    -1) {
		diag_at(d, DIAG_FATAL, NULL, 0, 0, "bad month '%s': write "
		    "YYYY-MM, e.g. 2026-10", month ? month : "");
		return -1;
	}
	if (src->dir != NULL && !src_isdir(src, "")) {
		diag_at(d, DIAG_FATAL, src->dir, 0, 0, "no such content "
		    "folder");
		return -1;
	}
	/* Read everything that can be read, so that one run reports every
	 * error; compute only when none was found. */
	if (load_staff(&ctx) == -1)
		ok = 0;
	(void)load_plans(&ctx);
	if (ok) {
		S_needed(&ctx, need);
		ctx.months[SALES_TREND - 1] = load_month(&ctx, ctx.ym, 1);
		for (sl = SALES_TREND - 2; sl >= 0; sl--)
			ctx.months[sl] = load_month(&ctx, val_month_add(ctx.ym,
			    sl - (SALES_TREND - 1)), need[sl]);
	}
	if (ok && !ctx_failed(&ctx))
		*res = engine_run(&ctx);
	if (*res != NULL) {
		/* Hand the names and problems to the result. */
		(*res)->files = ctx.files;
		(*res)->nfiles = ctx.nfiles;
		ctx.files = NULL;
		ctx.nfiles = 0;
		(*res)->problems = ctx.problems;
		(*res)->nproblems = ctx.nproblems;
		ctx.problems = NULL;
		ctx.nproblems = 0;
		if (ctx_failed(&ctx)) {
			sales_result_free(*res);
			*res = NULL;
		}
	}
	ctx_free(&ctx);
	return *res ? 0 : -1;
}

int
sales_check(struct diag *d, const struct rb_site *site,
    const char *content_dir)
{
	struct sales_ctx ctx;
	struct month *m;
	char **names, **dirs, *name;
	size_t n, ndirs, i;
	int staff = 0, ym;

	memset(&ctx, 0, sizeof(ctx));
	ctx.d = d;
	ctx.site = site;
	ctx.src.dir = content_dir ? content_dir : "content";
	ctx.nerr0 = d->nerr + d->nfatal;
	ctx.nwarn0 = d->nwarn;
	/* Content without sales data has nothing to check. */
	names = src_list(&ctx.src, "", &n);
	for (i = 0; i < n; i++)
		if (strncmp(names[i], "staff.", 6) == 0)
			staff = 1;
	src_list_free(names, n);
	if (!staff && !src_isdir(&ctx.src, "sales") &&
	    !src_isdir(&ctx.src, "plans"))
		return 0;
	staff = load_staff(&ctx) == 0;
	(void)load_plans(&ctx);
	dirs = src_dirs(&ctx.src, "sales", &ndirs);
	for (i = 0; staff && i < ndirs; i++) {
		if ((ym = val_month_parse(dirs[i], strlen(dirs[i]))) == -1) {
			name = xasprintf("sales/%s", dirs[i]);
			ctx_warn(&ctx, ctx_file(&ctx, name), 0, 0, "not a "
			    "month folder (YYYY-MM); ignored");
			free(name);
			continue;
		}
		/* As the report month: all three files required. */
		ctx.ym = ym;
		m = load_month(&ctx, ym, 1);
		ctx_month_free(m);
	}
	src_list_free(dirs, ndirs);
	i = (size_t)ctx_failed(&ctx);
	ctx_free(&ctx);
	return i ? -1 : 0;
}

int
sales_month(struct diag *d, const struct rb_site *site,
    const char *content_dir, const char *month, struct sales_result **res)
{
	struct src src;

	memset(&src, 0, sizeof(src));
	src.dir = content_dir ? content_dir : "content";
	return S_run(d, site, &src, month, res);
}

int
sales_month_mem(struct diag *d, const struct rb_site *site,
    const struct sales_file *files, size_t nfiles, const char *month,
    struct sales_result **res)
{
	struct src src;

	memset(&src, 0, sizeof(src));
	src.files = files;
	src.nfiles = nfiles;
	return S_run(d, site, &src, month, res);
}

void
sales_result_free(struct sales_result *res)
{
	struct sales_person *sp;
	size_t i, j;

	if (res == NULL)
		return;
	for (i = 0; i < res->npeople; i++) {
		sp = &res->people[i];
		free(sp->id);
		free(sp->name);
		free(sp->role);
		free(sp->role_title);
		free(sp->team);
		free(sp->plan);
		free(sp->plan_title);
		free(sp->note);
		for (j = 0; j < sp->nitems; j++) {
			free(sp->items[j].rule);
			free(sp->items[j].why);
			free(sp->items[j].refs);
		}
		free(sp->items);
		for (j = 0; j < sp->ntargets; j++) {
			free(sp->targets[j].metric);
			free(sp->targets[j].unit);
		}
		free(sp->targets);
	}
	free(res->people);
	free(res->staff_file);
	for (i = 0; i < res->nteams; i++) {
		free(res->teams[i].id);
		free(res->teams[i].plan);
		free(res->teams[i].why);
	}
	free(res->teams);
	for (i = 0; i < res->nchampions; i++) {
		free(res->champions[i].plan);
		free(res->champions[i].person);
		free(res->champions[i].why);
	}
	free(res->champions);
	for (i = 0; i < res->nwarnings; i++) {
		free(res->warnings[i].person);
		free(res->warnings[i].text);
	}
	free(res->warnings);
	for (i = 0; i < res->nproblems; i++) {
		free(res->problems[i].file);
		free(res->problems[i].msg);
	}
	free(res->problems);
	for (i = 0; i < res->nfiles; i++)
		free(res->files[i]);
	free(res->files);
	free(res->fund_name);
	free(res);
}

char *
sales_fen_str(char *out, int64_t fen)
{
	return val_fen_str(out, fen);
}

int
sales_idcmp(const char *a, const char *b)
{
	return val_idcmp(a, b);
}
