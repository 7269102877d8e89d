/*
 * sales.c — the entry points of the sales engine (sales.h): runs the
 * loaders for the months a report needs, the engine, frees results, and
 * writes the payroll export atomically.  For the CLI and for tests.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "sales_int.h"

/* Frees everything a run loaded. */
static void
S_ctx_free(struct sales_ctx *ctx)
{
	size_t i;

	for (i = 0; i < ctx->nstaff; i++) {
		free(ctx->staff[i].id);
		free(ctx->staff[i].name);
		free(ctx->staff[i].role);
		free(ctx->staff[i].team);
	}
	free(ctx->staff);
	free(ctx->staff_file);
	for (i = 0; i < ctx->nbadstaff; i++)
		free(ctx->badstaff[i]);
	free(ctx->badstaff);
	for (i = 0; i < ctx->nplans; i++)
		plan_free(ctx->plans[i]);
	free(ctx->plans);
	for (i = 0; i < SALES_TREND; i++)
		month_free(ctx->months[i]);
	for (i = 0; i < ctx->nproblems; i++) {
		free(ctx->problems[i].file);
		free(ctx->problems[i].msg);
	}
	free(ctx->problems);
	for (i = 0; i < ctx->nfiles; i++)
		free(ctx->files[i]);
	free(ctx->files);
}

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
			ym = month_add(ctx->ym, -k);
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
	if (month == NULL || (ctx.ym = month_parse(month, strlen(month))) ==
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
			ctx.months[sl] = load_month(&ctx, month_add(ctx.ym,
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
	S_ctx_free(&ctx);
	return *res ? 0 : -1;
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
