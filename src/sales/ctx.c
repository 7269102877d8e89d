/*
 * ctx.c — the run context of a sales computation (struct sales_ctx): the
 * interned file names, warnings kept as data problems of the result,
 * whether the run failed, the staff lookup, and freeing what a run loaded.
 * Internal to src/sales.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "sales_int.h"

const char *
ctx_file(struct sales_ctx *ctx, const char *name)
{
	size_t i;

	for (i = 0; i < ctx->nfiles; i++)
		if (strcmp(ctx->files[i], name) == 0)
			return ctx->files[i];
	ctx->files = xreallocarray(ctx->files, ctx->nfiles + 1,
	    sizeof(*ctx->files));
	ctx->files[ctx->nfiles] = xstrdup(name);
	return ctx->files[ctx->nfiles++];
}

void
ctx_warn(struct sales_ctx *ctx, const char *file, int line, int col,
    const char *fmt, ...)
{
	struct sales_problem *p;
	struct buf b = BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	diag_at(ctx->d, DIAG_WARNING, file, line, col, "%s", b.data);
	ctx->problems = xreallocarray(ctx->problems, ctx->nproblems + 1,
	    sizeof(*ctx->problems));
	p = &ctx->problems[ctx->nproblems++];
	p->level = DIAG_WARNING;
	p->file = file ? xstrdup(file) : NULL;
	p->line = line;
	p->col = col;
	p->msg = buf_detach(&b);
}

void
ctx_warn_cb(void *arg, const char *file, int line, int col, const char *msg)
{
	ctx_warn(arg, file, line, col, "%s", msg);
}

int
ctx_failed(const struct sales_ctx *ctx)
{
	return ctx->d->nerr + ctx->d->nfatal > ctx->nerr0 ||
	    (ctx->d->werror && ctx->d->nwarn > ctx->nwarn0);
}

long
ctx_staff_find(const struct sales_ctx *ctx, const char *id)
{
	size_t lo = 0, hi = ctx->nstaff, mid;
	int c;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		c = val_idcmp(id, ctx->staff[mid].id);
		if (c == 0)
			return (long)mid;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return -1;
}

void
ctx_staff_free(struct staff *s)
{
	free(s->id);
	free(s->name);
	free(s->role);
	free(s->team);
}

void
ctx_month_free(struct month *m)
{
	size_t i;

	if (m == NULL)
		return;
	for (i = 0; i < m->nev; i++)
		free(m->ev[i].client);
	for (i = 0; i < m->ntg; i++)
		free(m->tg[i].team);
	free(m->ev);
	free(m->inc);
	free(m->tg);
	free(m->events_file);
	free(m->incidents_file);
	free(m->targets_file);
	free(m);
}

/* Frees a list of n strings. */
static void
S_strs_free(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void
ctx_free(struct sales_ctx *ctx)
{
	size_t i;

	for (i = 0; i < ctx->nstaff; i++)
		ctx_staff_free(&ctx->staff[i]);
	free(ctx->staff);
	free(ctx->staff_file);
	S_strs_free(ctx->badstaff, ctx->nbadstaff);
	S_strs_free(ctx->badteams, ctx->nbadteams);
	for (i = 0; i < ctx->nplans; i++)
		plan_free(ctx->plans[i]);
	free(ctx->plans);
	for (i = 0; i < SALES_TREND; i++)
		ctx_month_free(ctx->months[i]);
	for (i = 0; i < ctx->nproblems; i++) {
		free(ctx->problems[i].file);
		free(ctx->problems[i].msg);
	}
	free(ctx->problems);
	S_strs_free(ctx->files, ctx->nfiles);
	memset(ctx, 0, sizeof(*ctx));
}
