/*
 * engine.c — computes a month's pay from loaded data (sales_int.h): per
 * person and month statistics, then the rules of the covering plan in a
 * fixed order (base, allowances, attendance bonus, prospect quota,
 * commission, record-keeping fines, champions, team bonus), each figure in
 * integer fen with its explanation and the records behind it.  Rounding is
 * half-up to the fen, once, where a rate or a proration applies.
 * Internal to src/sales; the result is struct sales_result (sales.h).
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "sales_int.h"

/* A client's visits by one person in one month. */
struct vclient {
	const char	*client;
	int		 count;
	size_t		*ev;		/* event indices, date order */
};

/* One person in one month. */
struct pst {
	int		 days;		/* employed days; 0: not employed */
	size_t		*ev;	size_t nev;	/* event indices, by date */
	size_t		*inc;	size_t ninc;	/* incident indices, by date */
	int		 n[EV__MAX];
	int64_t		 signed_fen;
	int		 nonex[INC__MAX], exempt[INC__MAX];
	struct vclient	*vc;	size_t nvc;	/* sorted by client */
};

/* Statistics of one loaded month. */
struct mstat {
	const struct month *m;
	struct pst	*p;		/* ctx->nstaff */
};

/* A candidate in a ranking. */
struct agg {
	size_t		 person;
	int64_t		 signed_fen;
	int		 prospects;
	int		 contracts;
};

struct S_run {
	struct sales_ctx	*ctx;
	struct sales_result	*res;
	struct mstat		 ms[SALES_TREND];	/* .m NULL: absent */
	long			*pidx;	/* staff index -> res->people index */
};

/* ---- small helpers ---- */

/* Event indices of month arg by date, then line. */
static int
S_ev_cmp(const void *a, const void *b, void *arg)
{
	const struct month *m = arg;
	const struct event *x = &m->ev[*(const size_t *)a];
	const struct event *y = &m->ev[*(const size_t *)b];

	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	return x->line < y->line ? -1 : x->line > y->line;
}

/* Incident indices of month arg by date, then line. */
static int
S_inc_cmp(const void *a, const void *b, void *arg)
{
	const struct month *m = arg;
	const struct incident *x = &m->inc[*(const size_t *)a];
	const struct incident *y = &m->inc[*(const size_t *)b];

	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	return x->line < y->line ? -1 : x->line > y->line;
}

/* Visits by client, then date and line. */
static int
S_visit_cmp(const void *a, const void *b, void *arg)
{
	const struct month *m = arg;
	int c;

	if ((c = strcmp(m->ev[*(const size_t *)a].client,
	    m->ev[*(const size_t *)b].client)) != 0)
		return c;
	return S_ev_cmp(a, b, arg);
}

/* Days person s was employed in month ym (both ends are days worked). */
static int
S_days(const struct staff *s, int ym)
{
	int first = ym * 100 + 1, last = ym * 100 + val_month_days(ym);

	if (s->hired > first)
		first = s->hired;
	if (s->left && s->left < last)
		last = s->left;
	return first > last ? 0 : last % 100 - first % 100 + 1;
}

/* Builds the statistics of month m for every person. */
static void
S_mstat(struct sales_ctx *ctx, struct mstat *ms, const struct month *m)
{
	struct pst *p;
	struct vclient *vc;
	const struct event *e;
	size_t i, j, nv, *vis;

	ms->m = m;
	ms->p = xcalloc(ctx->nstaff ? ctx->nstaff : 1, sizeof(*ms->p));
	for (i = 0; i < ctx->nstaff; i++)
		ms->p[i].days = S_days(&ctx->staff[i], m->ym);
	for (i = 0; i < m->nev; i++) {
		p = &ms->p[m->ev[i].person];
		p->ev = xgrow(p->ev, p->nev, sizeof(*p->ev));
		p->ev[p->nev++] = i;
		p->n[m->ev[i].type]++;
		if (m->ev[i].type == EV_CONTRACT)
			p->signed_fen += m->ev[i].amount;
	}
	for (i = 0; i < m->ninc; i++) {
		p = &ms->p[m->inc[i].person];
		p->inc = xgrow(p->inc, p->ninc, sizeof(*p->inc));
		p->inc[p->ninc++] = i;
		if (m->inc[i].exempt)
			p->exempt[m->inc[i].kind]++;
		else
			p->nonex[m->inc[i].kind]++;
	}
	for (i = 0; i < ctx->nstaff; i++) {
		p = &ms->p[i];
		if (p->nev > 1)
			qsort_r(p->ev, p->nev, sizeof(*p->ev), S_ev_cmp,
			    (void *)m);
		if (p->ninc > 1)
			qsort_r(p->inc, p->ninc, sizeof(*p->inc), S_inc_cmp,
			    (void *)m);
		/* Visits grouped by client: sort by client, then date. */
		vis = xcalloc(p->nev + 1, sizeof(*vis));
		for (j = nv = 0; j < p->nev; j++)
			if (m->ev[p->ev[j]].type == EV_VISIT)
				vis[nv++] = p->ev[j];
		if (nv > 1)
			qsort_r(vis, nv, sizeof(*vis), S_visit_cmp, (void *)m);
		for (j = 0; j < nv; j++) {
			e = &m->ev[vis[j]];
			if (p->nvc == 0 ||
			    strcmp(p->vc[p->nvc - 1].client, e->client) != 0) {
				p->vc = xgrow(p->vc, p->nvc, sizeof(*p->vc));
				vc = &p->vc[p->nvc++];
				memset(vc, 0, sizeof(*vc));
				vc->client = e->client;
			}
			vc = &p->vc[p->nvc - 1];
			vc->ev = xgrow(vc->ev, (size_t)vc->count,
			    sizeof(*vc->ev));
			vc->ev[vc->count++] = vis[j];
		}
		free(vis);
	}
}

/* Frees the statistics of one month. */
static void
S_mstat_free(struct sales_ctx *ctx, struct mstat *ms)
{
	size_t i, j;

	if (ms->p == NULL)
		return;
	for (i = 0; i < ctx->nstaff; i++) {
		for (j = 0; j < ms->p[i].nvc; j++)
			free(ms->p[i].vc[j].ev);
		free(ms->p[i].vc);
		free(ms->p[i].ev);
		free(ms->p[i].inc);
	}
	free(ms->p);
	ms->p = NULL;
}

/* Prospects: clients with at least minv visits in the month. */
static int
S_prospects(const struct pst *p, int minv)
{
	size_t i;
	int n = 0;

	for (i = 0; i < p->nvc; i++)
		n += p->vc[i].count >= minv;
	return n;
}

/* The plan covering staff s in month ym, or NULL. */
static const struct plan *
S_plan_for(const struct sales_ctx *ctx, const struct staff *s, int ym)
{
	size_t i;

	for (i = 0; i < ctx->nplans; i++)
		if (plan_covers(ctx->plans[i], s->role, ym))
			return ctx->plans[i];
	return NULL;
}

/* Visits that make a prospect under plan p (2 without a quota rule). */
static int
S_minv(const struct plan *p)
{
	return p && p->quota.on ? p->quota.visits : 2;
}

/* Ranking comparator: keys descending, id ascending. */
struct S_rankarg {
	const struct rank	*rk;
	const struct staff	*staff;
};

/* Orders candidates by the rank keys in arg (struct S_rankarg). */
static int
S_agg_cmp(const void *a, const void *b, void *arg)
{
	const struct S_rankarg *ra = arg;
	const struct agg *x = a, *y = b;
	size_t i;

	for (i = 0; i < ra->rk->n; i++)
		switch (ra->rk->key[i]) {
		case RANK_SIGNED:
			if (x->signed_fen != y->signed_fen)
				return x->signed_fen > y->signed_fen ? -1 : 1;
			break;
		case RANK_PROSPECTS:
			if (x->prospects != y->prospects)
				return x->prospects > y->prospects ? -1 : 1;
			break;
		case RANK_CONTRACTS:
			if (x->contracts != y->contracts)
				return x->contracts > y->contracts ? -1 : 1;
			break;
		case RANK_ID:
			return val_idcmp(ra->staff[x->person].id,
			    ra->staff[y->person].id);
		}
	return 0;
}

/* Sorts n candidates by rank rk. */
static void
S_rank_sort(const struct sales_ctx *ctx, struct agg *a, size_t n,
    const struct rank *rk)
{
	struct S_rankarg ra;

	ra.rk = rk;
	ra.staff = ctx->staff;
	if (n > 1)
		qsort_r(a, n, sizeof(*a), S_agg_cmp, &ra);
}

/* Describes why a ranks before b: the first rank key that differs. */
static void
S_tiebreak(struct buf *b, const struct sales_ctx *ctx, const struct agg *x,
    const struct agg *y, const struct rank *rk)
{
	char s1[32];
	size_t i;

	for (i = 0; i < rk->n; i++)
		switch (rk->key[i]) {
		case RANK_SIGNED:
			if (x->signed_fen != y->signed_fen)
				return;
			buf_printf(b, "；与 %s 签单额并列 %s", ctx->staff[
			    y->person].id, val_fen_str(s1, x->signed_fen));
			break;
		case RANK_PROSPECTS:
			if (x->prospects != y->prospects) {
				buf_printf(b, "，准客户 %d 个多于 %d 个",
				    x->prospects, y->prospects);
				return;
			}
			buf_printf(b, "，准客户同为 %d 个", x->prospects);
			break;
		case RANK_CONTRACTS:
			if (x->contracts != y->contracts) {
				buf_printf(b, "，签单 %d 笔多于 %d 笔",
				    x->contracts, y->contracts);
				return;
			}
			buf_printf(b, "，签单同为 %d 笔", x->contracts);
			break;
		case RANK_ID:
			buf_printf(b, "，工号 %s 小于 %s",
			    ctx->staff[x->person].id, ctx->staff[y->person].id);
			return;
		}
}

/* Appends "MM-DD、MM-DD" for the dates of incident indices. */
static void
S_inc_dates(struct buf *b, const struct month *m, const size_t *ix, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		buf_printf(b, "%s%02d-%02d", i ? "、" : "",
		    (m->inc[ix[i]].date / 100) % 100, m->inc[ix[i]].date % 100);
}

/* ---- result building ---- */

/* Appends an item to sp and adds fen to its column; the caller sets why. */
static struct sales_item *
S_item(struct sales_person *sp, enum sales_col col, const char *rule,
    int64_t fen, int64_t full, unsigned flags)
{
	struct sales_item *it;

	sp->items = xreallocarray(sp->items, sp->nitems + 1,
	    sizeof(*sp->items));
	it = &sp->items[sp->nitems++];
	memset(it, 0, sizeof(*it));
	it->col = col;
	it->rule = xstrdup(rule);
	it->fen = fen;
	it->full = full;
	it->flags = flags;
	sp->col[col] += fen;
	return it;
}

/* Adds a record (file:line) to an item. */
static void
S_ref(struct sales_item *it, const char *file, int line)
{
	it->refs = xreallocarray(it->refs, it->nrefs + 1, sizeof(*it->refs));
	it->refs[it->nrefs].file = file;
	it->refs[it->nrefs++].line = line;
}

/* Sets the explanation of it from b (b is emptied). */
static void
S_why(struct sales_item *it, struct buf *b)
{
	it->why = buf_detach(b);
}

/* ---- the rules ---- */

/* Appends "入职 YYYY-MM-DD" and/or "离职 YYYY-MM-DD" for a part month. */
static void
S_partial_why(struct buf *b, const struct sales_person *sp, const char *month)
{
	int hin = strncmp(sp->hired, month, 7) == 0 &&
	    strcmp(sp->hired + 8, "01") != 0;
	int lin = sp->left[0] != '\0' && strncmp(sp->left, month, 7) == 0;

	if (hin)
		buf_printf(b, "入职 %s", sp->hired);
	if (lin)
		buf_printf(b, "%s离职 %s", hin ? "，" : "", sp->left);
}

/* Base, an allowance or the attendance bonus. */
static void
S_rule_fixed(struct S_run *r, struct sales_person *sp, const struct pst *p,
    const struct fixed_rule *fr, enum sales_col col)
{
	const struct month *m = r->ms[SALES_TREND - 1].m;
	const char *incf = ctx_file(r->ctx, m->incidents_file ?
	    m->incidents_file : "");
	struct sales_item *it;
	struct buf b = BUF_INIT, note = BUF_INIT;
	size_t *ix = xcalloc(p->ninc + 1, sizeof(*ix));
	size_t i, c, nix;
	int forfeit = 0, mdays = r->res->days, hit[INC__MAX * 2];
	char s1[32], s2[32];
	int64_t fen;
	enum inc_kind k;

	if (!fr->on) {
		free(ix);
		return;
	}
	/* Forfeit conditions, in plan order; hit[c]: condition c met. */
	for (c = 0; c < fr->nconds; c++) {
		hit[c] = 0;
		k = fr->conds[c].kind;
		nix = 0;
		for (i = 0; i < p->ninc; i++)
			if (m->inc[p->inc[i]].kind == k &&
			    !m->inc[p->inc[i]].exempt)
				ix[nix++] = p->inc[i];
		if (nix >= (size_t)fr->conds[c].min) {
			buf_printf(&b, "%s非豁免%s %zu 次（", forfeit ? "；" :
			    "", val_inc_label[k], nix);
			S_inc_dates(&b, m, ix, nix);
			if (fr->conds[c].min > 1)
				buf_printf(&b, "），达到 %d 次",
				    fr->conds[c].min);
			else
				buf_puts(&b, "）");
			forfeit = 1;
			hit[c] = 1;
		} else if (nix > 0) {
			buf_printf(&note, "%s非豁免%s %zu 次（", note.len ?
			    "；" : "", val_inc_label[k], nix);
			S_inc_dates(&note, m, ix, nix);
			buf_printf(&note, "），未达 %d 次", fr->conds[c].min);
		}
		nix = 0;
		for (i = 0; i < p->ninc; i++)
			if (m->inc[p->inc[i]].kind == k &&
			    m->inc[p->inc[i]].exempt)
				ix[nix++] = p->inc[i];
		if (nix > 0) {
			buf_printf(&note, "%s豁免%s %zu 次（", note.len ?
			    "；" : "", val_inc_label[k], nix);
			S_inc_dates(&note, m, ix, nix);
			buf_puts(&note, "）不计");
		}
	}
	if (col == SALES_ATTENDANCE && p->nonex[INC_COMP_LEAVE] +
	    p->exempt[INC_COMP_LEAVE] > 0) {
		nix = 0;
		for (i = 0; i < p->ninc; i++)
			if (m->inc[p->inc[i]].kind == INC_COMP_LEAVE)
				ix[nix++] = p->inc[i];
		buf_printf(&note, "%s调休 %zu 次（", note.len ? "；" : "", nix);
		S_inc_dates(&note, m, ix, nix);
		buf_puts(&note, "）不计");
	}
	if (sp->partial && fr->partial == PARTIAL_NONE) {
		it = S_item(sp, col, fr->label, 0, fr->amount,
		    SALES_IT_NOTAPPLIED);
		buf_reset(&b);
		buf_printf(&b, "%s：本月在职 %d/%d 天（", fr->label, sp->days,
		    mdays);
		S_partial_why(&b, sp, r->res->month);
		buf_puts(&b, "），入职或离职当月不发");
		S_why(it, &b);
	} else if (forfeit) {
		struct buf w = BUF_INIT;

		it = S_item(sp, col, fr->label, 0, fr->amount,
		    SALES_IT_FORFEIT);
		buf_printf(&w, "%s扣发：%s", fr->label, b.data);
		S_why(it, &w);
		for (i = 0; i < p->ninc; i++)
			for (c = 0; c < fr->nconds; c++)
				if (hit[c] && m->inc[p->inc[i]].kind ==
				    fr->conds[c].kind &&
				    !m->inc[p->inc[i]].exempt) {
					S_ref(it, incf, m->inc[p->inc[i]].line);
					break;
				}
		buf_free(&b);
	} else {
		if (sp->partial && fr->partial == PARTIAL_PRORATE) {
			fen = val_div_round((i128)fr->amount * sp->days, mdays);
			it = S_item(sp, col, fr->label, fen, fr->amount,
			    SALES_IT_PRORATED);
			buf_reset(&b);
			buf_printf(&b, "%s按在职天数折算：%s × %d/%d 天 = %s（",
			    fr->label, val_fen_str(s1, fr->amount), sp->days,
			    mdays, val_fen_str(s2, fen));
			S_partial_why(&b, sp, r->res->month);
			buf_puts(&b, "）");
		} else {
			it = S_item(sp, col, fr->label, fr->amount,
			    fr->amount, 0);
			buf_reset(&b);
			buf_printf(&b, "%s %s", fr->label,
			    val_fen_str(s1, fr->amount));
		}
		if (note.len)
			buf_printf(&b, "（%s）", note.data);
		S_why(it, &b);
	}
	buf_free(&note);
	free(ix);
}

/* The prospect quota: +bonus per prospect above target, -penalty below. */
static void
S_rule_quota(struct S_run *r, struct sales_person *sp, const struct pst *p,
    const struct plan *pl)
{
	const struct month *m = r->ms[SALES_TREND - 1].m;
	const struct pst *pp;
	const char *evf = ctx_file(r->ctx, m->events_file);
	struct sales_item *it;
	struct buf b = BUF_INIT;
	size_t i, j, k;
	int n, t = pl->quota.target, first = 1;
	int64_t fen;
	char s1[32], s2[32];

	if (!pl->quota.on)
		return;
	if (sp->partial && pl->quota.partial == PARTIAL_NONE) {
		it = S_item(sp, SALES_QUOTA, pl->quota.label, 0, 0,
		    SALES_IT_NOTAPPLIED);
		buf_printf(&b, "%s：本月在职 %d/%d 天，入职或离职当月不考核",
		    pl->quota.label, sp->days, r->res->days);
		S_why(it, &b);
		return;
	}
	n = S_prospects(p, pl->quota.visits);
	if (n > t)
		fen = pl->quota.bonus * (n - t);
	else
		fen = -pl->quota.penalty * (t - n);
	it = S_item(sp, SALES_QUOTA, pl->quota.label, fen, 0, 0);
	buf_printf(&b, "%s：准客户 %d 个（目标 %d）", pl->quota.label, n, t);
	if (n > t)
		buf_printf(&b, "，超出 %d × %s = +%s", n - t,
		    val_fen_str(s1, pl->quota.bonus), val_fen_str(s2, fen));
	else if (n < t)
		buf_printf(&b, "，差 %d × %s = %s", t - n,
		    val_fen_str(s1, pl->quota.penalty),
		    val_fen_str(s2, fen));
	else
		buf_puts(&b, "，恰好完成：0.00");
	for (i = 0; i < p->nvc; i++) {
		if (p->vc[i].count < pl->quota.visits)
			continue;
		buf_printf(&b, "%s%s（%d 次）", first ? "；准客户：" : "、",
		    p->vc[i].client, p->vc[i].count);
		first = 0;
		for (k = 0; k < (size_t)p->vc[i].count; k++)
			S_ref(it, evf, m->ev[p->vc[i].ev[k]].line);
	}
	/* Clients whose visits this month fall short but who also came last
	 * month: say why they are not prospects. */
	if (r->ms[SALES_TREND - 2].m != NULL) {
		pp = &r->ms[SALES_TREND - 2].p[ctx_staff_find(r->ctx, sp->id)];
		for (i = 0; i < p->nvc; i++) {
			if (p->vc[i].count >= pl->quota.visits)
				continue;
			for (j = 0; j < pp->nvc; j++)
				if (strcmp(pp->vc[j].client,
				    p->vc[i].client) == 0)
					break;
			if (j < pp->nvc)
				buf_printf(&b, "；%s 本月上门 %d 次、上月 %d 次，"
				    "跨月不合并，不计准客户", p->vc[i].client,
				    p->vc[i].count, pp->vc[j].count);
		}
	}
	S_why(it, &b);
}

/* Commission on the month's signed amount, flat or marginal tiers. */
static void
S_rule_commission(struct S_run *r, struct sales_person *sp,
    const struct pst *p, const struct plan *pl)
{
	const struct month *m = r->ms[SALES_TREND - 1].m;
	const char *evf = ctx_file(r->ctx, m->events_file);
	const struct tier *t = pl->commission.tiers;
	size_t nt = pl->commission.ntiers, i, k;
	struct sales_item *it;
	struct buf b = BUF_INIT;
	i128 acc = 0;
	int64_t s = p->signed_fen, fen, hi, slice;
	char s1[32], s2[32], s3[32], s4[32];

	if (!pl->commission.on)
		return;
	if (s == 0) {
		it = S_item(sp, SALES_COMMISSION, pl->commission.label, 0, 0,
		    0);
		buf_printf(&b, "%s：本月无签单，0.00", pl->commission.label);
		S_why(it, &b);
		return;
	}
	if (!pl->commission.marginal) {
		for (k = 0; k + 1 < nt && s >= t[k + 1].from; k++)
			;
		fen = val_div_round((i128)s * t[k].val, 1000000);
		it = S_item(sp, SALES_COMMISSION, pl->commission.label, fen,
		    0, 0);
		buf_printf(&b, "%s：签单额 %s × %s = %s", pl->commission.label,
		    val_fen_str(s1, s), val_ppm_str(s2, t[k].val),
		    val_fen_str(s3, fen));
		if (k + 1 < nt)
			buf_printf(&b, "（未达 %s 档%s）", val_fen_str(s4,
			    t[k + 1].from), k > 0 ? "" : "，按全额");
		else if (k > 0)
			buf_printf(&b, "（达到 %s 档，全额适用）",
			    val_fen_str(s4, t[k].from));
	} else {
		buf_printf(&b, "%s（分段累进）：", pl->commission.label);
		for (k = 0; k < nt && s > t[k].from; k++) {
			hi = k + 1 < nt && t[k + 1].from < s ? t[k + 1].from :
			    s;
			slice = hi - t[k].from;
			acc += (i128)slice * t[k].val;
			buf_printf(&b, "%s%s × %s", k ? " + " : "",
			    val_fen_str(s1, slice), val_ppm_str(s2, t[k].val));
		}
		fen = val_div_round(acc, 1000000);
		it = S_item(sp, SALES_COMMISSION, pl->commission.label, fen,
		    0, 0);
		buf_printf(&b, " = %s（签单额 %s）", val_fen_str(s1, fen),
		    val_fen_str(s3, s));
	}
	for (i = 0; i < p->nev; i++)
		if (m->ev[p->ev[i]].type == EV_CONTRACT)
			S_ref(it, evf, m->ev[p->ev[i]].line);
	S_why(it, &b);
}

/* Record keeping: the first `warnings` are warnings, the rest fined. */
static void
S_rule_fines(struct S_run *r, struct sales_person *sp, const struct pst *p,
    const struct plan *pl)
{
	const struct month *m = r->ms[SALES_TREND - 1].m;
	const char *incf;
	struct sales_result *res = r->res;
	struct sales_note *nt;
	struct sales_item *it;
	struct buf b = BUF_INIT;
	size_t i, n = 0, nf = 0, *ix;
	char s1[32], s2[32];
	int64_t fen;

	if (!pl->fines.on)
		return;
	if (p->nonex[pl->fines.kind] == 0) {
		it = S_item(sp, SALES_FINES, pl->fines.label, 0, 0, 0);
		buf_printf(&b, "%s：本月无非豁免%s", pl->fines.label,
		    val_inc_label[pl->fines.kind]);
		if (p->exempt[pl->fines.kind] > 0)
			buf_printf(&b, "（豁免 %d 次不计）",
			    p->exempt[pl->fines.kind]);
		buf_puts(&b, "，0.00");
		S_why(it, &b);
		return;
	}
	incf = ctx_file(r->ctx, m->incidents_file);
	ix = xcalloc(p->ninc + 1, sizeof(*ix));
	for (i = 0; i < p->ninc; i++)
		if (m->inc[p->inc[i]].kind == pl->fines.kind &&
		    !m->inc[p->inc[i]].exempt)
			ix[n++] = p->inc[i];
	for (i = 0; i < n && i < (size_t)pl->fines.warnings; i++) {
		res->warnings = xreallocarray(res->warnings,
		    res->nwarnings + 1, sizeof(*res->warnings));
		nt = &res->warnings[res->nwarnings++];
		nt->person = xstrdup(sp->id);
		nt->text = xasprintf("%s第 %zu 次（%02d-%02d）：警告",
		    val_inc_label[pl->fines.kind], i + 1,
		    (m->inc[ix[i]].date / 100) % 100, m->inc[ix[i]].date % 100);
		nt->ref.file = incf;
		nt->ref.line = m->inc[ix[i]].line;
	}
	nf = n > (size_t)pl->fines.warnings ? n - (size_t)pl->fines.warnings :
	    0;
	fen = pl->fines.amount * (int64_t)nf;
	it = S_item(sp, SALES_FINES, pl->fines.label, fen, 0, 0);
	buf_printf(&b, "%s：非豁免%s %zu 次（", pl->fines.label,
	    val_inc_label[pl->fines.kind], n);
	S_inc_dates(&b, m, ix, n);
	buf_puts(&b, "）");
	if (nf == 0)
		buf_printf(&b, "，前 %d 次只警告，不罚款", pl->fines.warnings);
	else {
		buf_printf(&b, "，前 %d 次警告；第 ", pl->fines.warnings);
		for (i = (size_t)pl->fines.warnings; i < n; i++)
			buf_printf(&b, "%s%zu", i > (size_t)pl->fines.warnings ?
			    "、" : "", i + 1);
		buf_printf(&b, " 次各罚 %s，共 %s，进入%s",
		    val_fen_str(s1, pl->fines.amount),
		    val_fen_str(s2, fen), pl->fines.fund);
	}
	for (i = 0; i < n; i++)
		S_ref(it, incf, m->inc[ix[i]].line);
	res->fund += fen;
	S_why(it, &b);
	free(ix);
}

/*
 * Candidates of plan pl in month slot sl (covered and employed, signed >
 * 0), sorted by rk.  Returns the count; *out is caller-freed.
 */
static size_t
S_candidates(struct S_run *r, const struct plan *pl, int sl,
    const struct rank *rk, struct agg **out)
{
	const struct mstat *ms = &r->ms[sl];
	struct agg *a = NULL;
	size_t i, n = 0;

	*out = NULL;
	if (ms->m == NULL)
		return 0;
	for (i = 0; i < r->ctx->nstaff; i++) {
		if (ms->p[i].days == 0 || ms->p[i].signed_fen == 0 ||
		    !plan_covers(pl, r->ctx->staff[i].role, ms->m->ym))
			continue;
		a = xreallocarray(a, n + 1, sizeof(*a));
		a[n].person = i;
		a[n].signed_fen = ms->p[i].signed_fen;
		a[n].prospects = S_prospects(&ms->p[i], S_minv(pl));
		a[n].contracts = ms->p[i].n[EV_CONTRACT];
		n++;
	}
	S_rank_sort(r->ctx, a, n, rk);
	*out = a;
	return n;
}

/* 1-based place of result person i among the ranked candidates a, or
 * n + 1 when not among them (nothing signed). */
static int
S_place(const struct agg *a, size_t n, const struct S_run *r, size_t i)
{
	size_t k;

	for (k = 0; k < n; k++)
		if (r->pidx[a[k].person] == (long)i)
			return (int)k + 1;
	return (int)n + 1;
}

/* Records a champion in the result (why is copied). */
static struct sales_champion *
S_champ_add(struct sales_result *res, enum sales_champ_kind kind,
    const struct plan *pl, const struct staff *s, const struct agg *a,
    int64_t fen, struct buf *why)
{
	struct sales_champion *c;

	res->champions = xreallocarray(res->champions, res->nchampions + 1,
	    sizeof(*res->champions));
	c = &res->champions[res->nchampions++];
	c->kind = kind;
	c->plan = xstrdup(pl->id);
	c->person = xstrdup(s->id);
	c->signed_fen = a->signed_fen;
	c->prospects = a->prospects;
	c->fen = fen;
	c->why = xstrdup(why->data ? why->data : "");
	return c;
}

/* Monthly champion, quarterly champion and the three-month streak. */
static void
S_rule_champions(struct S_run *r, const struct plan *pl)
{
	struct sales_ctx *ctx = r->ctx;
	struct sales_result *res = r->res;
	const struct month *m = r->ms[SALES_TREND - 1].m;
	struct sales_person *sp;
	struct sales_item *it;
	struct agg *a, *q = NULL;
	struct buf b = BUF_INIT;
	size_t n, nq = 0, i, k;
	int ym = ctx->ym, qfirst, sl, nmonths, streak_ok;
	long who[3] = { -1, -1, -1 };
	char s1[32], s2[32], m1[8], m2[8];

	if (pl->champ_month.on) {
		n = S_candidates(r, pl, SALES_TREND - 1, &pl->champ_month.rank,
		    &a);
		if (n > 0) {
			sp = &res->people[r->pidx[a[0].person]];
			buf_printf(&b, "%s：签单额 %s，本月最高",
			    pl->champ_month.label,
			    val_fen_str(s1, a[0].signed_fen));
			if (n > 1)
				S_tiebreak(&b, ctx, &a[0], &a[1],
				    &pl->champ_month.rank);
			it = S_item(sp, SALES_CHAMPION, pl->champ_month.label,
			    pl->champ_month.amount, pl->champ_month.amount, 0);
			it->why = xstrdup(b.data);
			for (i = 0; i < r->ms[SALES_TREND - 1].p[a[0].person].nev;
			    i++) {
				k = r->ms[SALES_TREND - 1].p[a[0].person].ev[i];
				if (m->ev[k].type == EV_CONTRACT)
					S_ref(it, ctx_file(ctx, m->events_file),
					    m->ev[k].line);
			}
			S_champ_add(res, SALES_CHAMP_MONTH, pl,
			    &ctx->staff[a[0].person], &a[0],
			    pl->champ_month.amount, &b);
			buf_reset(&b);
		}
		/* Everyone else of the plan: why not. */
		for (i = 0; i < res->npeople; i++) {
			sp = &res->people[i];
			if (!sp->covered || strcmp(sp->plan, pl->id) != 0 ||
			    (n > 0 && r->pidx[a[0].person] == (long)i))
				continue;
			if (n == 0)
				buf_printf(&b, "%s：本月无人签单，不评月冠军",
				    pl->champ_month.label);
			else if (sp->signed_fen == 0)
				buf_printf(&b, "%s：未获得（月冠军 %s %s，签单额 "
				    "%s；本人本月无签单）", pl->champ_month.label,
				    ctx->staff[a[0].person].id,
				    ctx->staff[a[0].person].name,
				    val_fen_str(s1, a[0].signed_fen));
			else
				buf_printf(&b, "%s：未获得（月冠军 %s %s，签单额 "
				    "%s；本人签单额 %s，排名第 %d）",
				    pl->champ_month.label,
				    ctx->staff[a[0].person].id,
				    ctx->staff[a[0].person].name,
				    val_fen_str(s1, a[0].signed_fen),
				    val_fen_str(s2, sp->signed_fen),
				    S_place(a, n, r, i));
			it = S_item(sp, SALES_CHAMPION, pl->champ_month.label,
			    0, 0, 0);
			S_why(it, &b);
		}
		free(a);
	}
	if (ym % 100 % 3 != 0 || (!pl->champ_quarter.on && !pl->streak.on)) {
		buf_free(&b);
		return;
	}
	/* The quarter's months under this plan, up to this month. */
	qfirst = val_month_add(ym, -2);
	if (pl->from > qfirst)
		qfirst = pl->from;
	nmonths = 0;
	for (sl = SALES_TREND - 3; sl < SALES_TREND; sl++)
		if (val_month_add(ym, sl - (SALES_TREND - 1)) >= qfirst)
			nmonths++;
	val_month_str(m1, qfirst);
	val_month_str(m2, ym);
	if (pl->champ_quarter.on) {
		/* Totals over the quarter of the people covered this month. */
		for (i = 0; i < ctx->nstaff; i++) {
			if (r->ms[SALES_TREND - 1].p[i].days == 0 ||
			    !plan_covers(pl, ctx->staff[i].role, ym))
				continue;
			q = xreallocarray(q, nq + 1, sizeof(*q));
			memset(&q[nq], 0, sizeof(*q));
			q[nq].person = i;
			for (sl = SALES_TREND - nmonths; sl < SALES_TREND;
			    sl++) {
				q[nq].signed_fen += r->ms[sl].p[i].signed_fen;
				q[nq].prospects += S_prospects(&r->ms[sl].p[i],
				    S_minv(pl));
				q[nq].contracts +=
				    r->ms[sl].p[i].n[EV_CONTRACT];
			}
			if (q[nq].signed_fen > 0)
				nq++;
		}
		S_rank_sort(ctx, q, nq, &pl->champ_quarter.rank);
		if (nq > 0) {
			sp = &res->people[r->pidx[q[0].person]];
			buf_printf(&b, "%s：%s 至 %s 签单额合计 %s，本季最高",
			    pl->champ_quarter.label, m1, m2,
			    val_fen_str(s1, q[0].signed_fen));
			if (nmonths < 3)
				buf_printf(&b, "（方案自 %s 起执行，本季只计 %d "
				    "个月）", m1, nmonths);
			if (nq > 1)
				S_tiebreak(&b, ctx, &q[0], &q[1],
				    &pl->champ_quarter.rank);
			it = S_item(sp, SALES_CHAMPION, pl->champ_quarter.label,
			    pl->champ_quarter.amount, pl->champ_quarter.amount,
			    0);
			it->why = xstrdup(b.data);
			S_champ_add(res, SALES_CHAMP_QUARTER, pl,
			    &ctx->staff[q[0].person], &q[0],
			    pl->champ_quarter.amount, &b);
			buf_reset(&b);
		}
		free(q);
	}
	if (!pl->streak.on || nmonths < 3) {
		buf_free(&b);
		return;
	}
	streak_ok = 1;
	for (sl = SALES_TREND - 3; sl < SALES_TREND; sl++) {
		n = S_candidates(r, pl, sl, &pl->champ_month.rank, &a);
		if (n == 0)
			streak_ok = 0;
		else
			who[sl - (SALES_TREND - 3)] = (long)a[0].person;
		free(a);
	}
	if (!streak_ok || who[0] != who[1] || who[1] != who[2] ||
	    r->pidx[who[2]] < 0 || !res->people[r->pidx[who[2]]].covered) {
		buf_free(&b);
		return;
	}
	sp = &res->people[r->pidx[who[2]]];
	val_month_str(m1, val_month_add(ym, -2));
	buf_printf(&b, "%s：%s、", pl->streak.label, m1);
	val_month_str(m1, val_month_add(ym, -1));
	buf_printf(&b, "%s、%s 连续三个月月冠军，追加 %s", m1, m2,
	    val_fen_str(s2, pl->streak.amount));
	if (pl->streak.note)
		buf_printf(&b, "；%s", pl->streak.note);
	it = S_item(sp, SALES_CHAMPION, pl->streak.label, pl->streak.amount,
	    pl->streak.amount, 0);
	it->why = xstrdup(b.data);
	free(sp->note);
	sp->note = xstrdup(pl->streak.note ? pl->streak.note :
	    "推荐次月晋升业务经理");
	{
		struct agg one;

		memset(&one, 0, sizeof(one));
		one.person = (size_t)who[2];
		for (sl = SALES_TREND - 3; sl < SALES_TREND; sl++) {
			one.signed_fen += r->ms[sl].p[who[2]].signed_fen;
			one.prospects += S_prospects(&r->ms[sl].p[who[2]],
			    S_minv(pl));
		}
		S_champ_add(res, SALES_CHAMP_STREAK, pl, &ctx->staff[who[2]],
		    &one, pl->streak.amount, &b);
	}
	buf_free(&b);
}

/* Finds or adds team id in the result. */
static struct sales_team *
S_team(struct sales_result *res, const char *id)
{
	struct sales_team *t;
	size_t i;

	for (i = 0; i < res->nteams; i++)
		if (strcmp(res->teams[i].id, id) == 0)
			return &res->teams[i];
	res->teams = xreallocarray(res->teams, res->nteams + 1,
	    sizeof(*res->teams));
	t = &res->teams[res->nteams++];
	memset(t, 0, sizeof(*t));
	t->id = xstrdup(id);
	t->target = -1;
	t->attain_ppm = -1;
	for (i = 0; i < SALES_TREND; i++)
		t->trend_signed[i] = t->trend_target[i] = -1;
	return t;
}

/* Formats ppm attainment as a percentage with 2 decimals, rounded down. */
static char *
S_attain_str(char *out, int64_t ppm)
{
	snprintf(out, 32, "%lld.%02lld%%", (long long)(ppm / 10000),
	    (long long)(ppm % 10000 / 100));
	return out;
}

/* Staff indices by team id, then staff order. */
static int
S_by_team(const void *a, const void *b, void *arg)
{
	const struct sales_ctx *ctx = arg;
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	int c;

	if ((c = strcmp(ctx->staff[x].team, ctx->staff[y].team)) != 0)
		return c;
	return x < y ? -1 : x > y;
}

/* Team bonus of plan pl: tiers on the team's signed amount vs target,
 * split equally, leftover fen one each in ranking order. */
static void
S_rule_team(struct S_run *r, const struct plan *pl)
{
	struct sales_ctx *ctx = r->ctx;
	struct sales_result *res = r->res;
	const struct month *m = r->ms[SALES_TREND - 1].m;
	const struct mstat *ms = &r->ms[SALES_TREND - 1];
	struct sales_team *t;
	struct sales_person *sp;
	struct sales_item *it;
	struct agg *a;
	struct buf b = BUF_INIT, w = BUF_INIT;
	const struct mtarget *tg;
	size_t i, j, k, n, ni, tier, *idx;
	char s1[32], s2[32], s3[32], s4[32];
	const char *tgf;

	if (!pl->team.on)
		return;
	tgf = ctx_file(ctx, m->targets_file ? m->targets_file : "");
	/* The plan's people employed this month, grouped by team. */
	idx = xcalloc(ctx->nstaff + 1, sizeof(*idx));
	for (i = ni = 0; i < ctx->nstaff; i++)
		if (ms->p[i].days > 0 && ctx->staff[i].team != NULL &&
		    plan_covers(pl, ctx->staff[i].role, ctx->ym))
			idx[ni++] = i;
	if (ni > 1)
		qsort_r(idx, ni, sizeof(*idx), S_by_team, ctx);
	for (i = 0; i < ni; i = j) {
		for (j = i + 1; j < ni && strcmp(ctx->staff[idx[j]].team,
		    ctx->staff[idx[i]].team) == 0; j++)
			;
		t = S_team(res, ctx->staff[idx[i]].team);
		if (t->plan != NULL)	/* another plan's team rule has it */
			continue;
		t->plan = xstrdup(pl->id);
		n = j - i;
		a = xcalloc(n, sizeof(*a));
		for (k = 0; k < n; k++) {
			a[k].person = idx[i + k];
			a[k].signed_fen = ms->p[idx[i + k]].signed_fen;
			a[k].prospects = S_prospects(&ms->p[idx[i + k]],
			    S_minv(pl));
			a[k].contracts = ms->p[idx[i + k]].n[EV_CONTRACT];
			t->signed_fen += a[k].signed_fen;
		}
		S_rank_sort(ctx, a, n, &pl->team.rank);
		t->members = (int)n;
		tg = NULL;
		for (k = 0; k < m->ntg; k++)
			if (strcmp(m->tg[k].team, t->id) == 0)
				tg = &m->tg[k];
		if (tg == NULL) {
			diag_at(ctx->d, DIAG_ERROR, m->targets_file ?
			    m->targets_file : NULL, 0, 0, "no target for team "
			    "'%s' (plan '%s' pays a team bonus); add a row "
			    "'%s,AMOUNT'", t->id, pl->id, t->id);
			free(a);
			continue;
		}
		t->target = tg->amount;
		t->ref.file = tgf;
		t->ref.line = tg->line;
		t->attain_ppm = (int64_t)((i128)t->signed_fen * 1000000 /
		    tg->amount);
		for (tier = pl->team.ntiers; tier > 0; tier--)
			if ((i128)t->signed_fen * 1000000 >=
			    (i128)tg->amount * pl->team.tiers[tier - 1].from)
				break;
		buf_reset(&b);
		buf_printf(&b, "%s：团队 %s 签单额 %s / 目标 %s = %s", pl->team.label,
		    t->id, val_fen_str(s1, t->signed_fen),
		    val_fen_str(s2, tg->amount),
		    S_attain_str(s3, t->attain_ppm));
		if (tier == 0) {
			buf_printf(&b, "，未达 %s，无团队奖",
			    val_ppm_str(s4, pl->team.tiers[0].from));
		} else {
			t->bonus = pl->team.tiers[tier - 1].val;
			t->share = n ? t->bonus / (int64_t)n : 0;
			t->leftover = n ? (int)(t->bonus % (int64_t)n) : 0;
			buf_printf(&b, "，达到 %s 档：团队奖 %s，%zu 人均分，"
			    "每人 %s",
			    val_ppm_str(s4, pl->team.tiers[tier - 1].from),
			    val_fen_str(s1, t->bonus), n,
			    val_fen_str(s2, t->share));
			if (t->leftover)
				buf_printf(&b, "，余 %d 分按排名前 %d 位各加 "
				    "0.01", t->leftover, t->leftover);
		}
		t->why = xstrdup(b.data);
		for (k = 0; k < n; k++) {
			sp = &res->people[r->pidx[a[k].person]];
			buf_reset(&w);
			buf_puts(&w, b.data);
			if (t->bonus && t->leftover)
				buf_printf(&w, "；本人队内排名第 %zu%s", k + 1,
				    k < (size_t)t->leftover ? "，+0.01" : "");
			it = S_item(sp, SALES_TEAM, pl->team.label,
			    t->bonus ? t->share + (k < (size_t)t->leftover) :
			    0, 0, 0);
			S_why(it, &w);
			S_ref(it, tgf, tg->line);
		}
		free(a);
	}
	free(idx);
	/* The plan's people without a team. */
	for (i = 0; i < res->npeople; i++) {
		sp = &res->people[i];
		if (sp->covered && sp->team == NULL &&
		    strcmp(sp->plan, pl->id) == 0) {
			it = S_item(sp, SALES_TEAM, pl->team.label, 0, 0, 0);
			buf_reset(&w);
			buf_printf(&w, "%s：不属于任何团队（staff.csv 的 team "
			    "为空），0.00", pl->team.label);
			S_why(it, &w);
		}
	}
	buf_free(&b);
	buf_free(&w);
}

/* Monthly role targets of the person's role (site), with actuals. */
static void
S_targets(struct S_run *r, struct sales_person *sp, const struct pst *p,
    const struct plan *pl)
{
	const struct rb_role *role;
	const struct rb_target *rt;
	struct sales_target *st;
	size_t i, bad;
	int k;
	int64_t v, act;
	const char *mt;

	if (r->ctx->site == NULL ||
	    (role = rb_site_role(r->ctx->site, sp->role)) == NULL)
		return;
	free(sp->role_title);
	sp->role_title = role->title.s ? xstrdup(role->title.s) : NULL;
	for (i = 0; i < role->ntargets; i++) {
		rt = &role->targets[i];
		if (rt->metric.s == NULL || rt->value.s == NULL ||
		    (rt->period.s && strcmp(rt->period.s, "month") != 0))
			continue;
		mt = rt->metric.s;
		/* the metrics of the field table (src/model/model.c); a
		 * role's other metrics were warned of by validation */
		switch (k = rb_name_index(rb_metric_name, RB_METRIC__MAX, mt)) {
		case RB_METRIC_INVITATIONS:
			act = p->n[EV_INVITATION];
			break;
		case RB_METRIC_DESIGN_AGREEMENTS:
			act = p->n[EV_DESIGN];
			break;
		case RB_METRIC_VISITS:
			act = p->n[EV_VISIT];
			break;
		case RB_METRIC_CONTRACTS:
			act = p->n[EV_CONTRACT];
			break;
		case RB_METRIC_PROSPECTS:
			act = S_prospects(p, S_minv(pl));
			break;
		case RB_METRIC_SIGNED:
			act = p->signed_fen;
			break;
		default:
			continue;
		}
		if (k == RB_METRIC_SIGNED) {
			if (val_money_parse(rt->value.s, strlen(rt->value.s), &v,
			    &bad) != VAL_MONEY_OK)
				continue;
		} else if (val_money_parse(rt->value.s, strlen(rt->value.s), &v,
		    &bad) != VAL_MONEY_OK || v % 100 != 0)
			continue;
		else
			v /= 100;
		sp->targets = xreallocarray(sp->targets, sp->ntargets + 1,
		    sizeof(*sp->targets));
		st = &sp->targets[sp->ntargets++];
		st->metric = xstrdup(mt);
		st->unit = rt->unit.s ? xstrdup(rt->unit.s) : NULL;
		st->value = v;
		st->actual = act;
		st->met = act >= v;
	}
}

/* bsearch comparator: a team id against a sales_team. */
static int
S_team_key_cmp(const void *key, const void *elem)
{
	return val_idcmp(key, ((const struct sales_team *)elem)->id);
}

/* The team id in the result (teams sorted), or NULL. */
static struct sales_team *
S_team_find(struct sales_result *res, const char *id)
{
	if (id == NULL || res->nteams == 0)
		return NULL;
	return bsearch(id, res->teams, res->nteams, sizeof(*res->teams),
	    S_team_key_cmp);
}

/* History of people and teams over the loaded months: signed amounts of
 * the people a plan covered in each month, and each month's targets. */
static void
S_trends(struct S_run *r)
{
	struct sales_ctx *ctx = r->ctx;
	struct sales_result *res = r->res;
	struct sales_person *sp;
	struct sales_team *t;
	const struct plan *pl;
	const struct mstat *ms;
	size_t i;
	int sl;
	long si;

	for (sl = 0; sl < SALES_TREND; sl++) {
		ms = &r->ms[sl];
		for (i = 0; i < res->npeople; i++) {
			sp = &res->people[i];
			sp->trend_signed[sl] = -1;
			sp->trend_prospects[sl] = -1;
			if (ms->m == NULL)
				continue;
			si = ctx_staff_find(ctx, sp->id);
			if (ms->p[si].days == 0)
				continue;
			pl = S_plan_for(ctx, &ctx->staff[si], ms->m->ym);
			sp->trend_signed[sl] = ms->p[si].signed_fen;
			sp->trend_prospects[sl] = S_prospects(&ms->p[si],
			    S_minv(pl));
		}
		if (ms->m == NULL)
			continue;
		for (i = 0; i < res->nteams; i++)
			res->teams[i].trend_signed[sl] = 0;
		for (i = 0; i < ctx->nstaff; i++)
			if (ms->p[i].days > 0 && (t = S_team_find(res,
			    ctx->staff[i].team)) != NULL &&
			    S_plan_for(ctx, &ctx->staff[i], ms->m->ym))
				t->trend_signed[sl] += ms->p[i].signed_fen;
		for (i = 0; i < ms->m->ntg; i++)
			if ((t = S_team_find(res, ms->m->tg[i].team)) != NULL)
				t->trend_target[sl] = ms->m->tg[i].amount;
	}
}

/* Teams in natural id order. */
static int
S_team_cmp(const void *a, const void *b)
{
	return val_idcmp(((const struct sales_team *)a)->id,
	    ((const struct sales_team *)b)->id);
}

/* Records by file, then line. */
static int
S_ref_cmp(const void *a, const void *b)
{
	const struct sales_ref *x = a, *y = b;
	int c;

	if ((c = strcmp(x->file, y->file)) != 0)
		return c;
	return x->line < y->line ? -1 : x->line > y->line;
}

/* Orders a person's items by column (stable), and each item's records by
 * file and line. */
static void
S_sort_items(struct sales_person *sp)
{
	struct sales_item tmp;
	size_t i, j;

	for (i = 0; i < sp->nitems; i++)
		if (sp->items[i].nrefs > 1)
			qsort(sp->items[i].refs, sp->items[i].nrefs,
			    sizeof(*sp->items[i].refs), S_ref_cmp);
	for (i = 1; i < sp->nitems; i++)
		for (j = i; j > 0 && sp->items[j - 1].col > sp->items[j].col;
		    j--) {
			tmp = sp->items[j];
			sp->items[j] = sp->items[j - 1];
			sp->items[j - 1] = tmp;
		}
}

struct sales_result *
engine_run(struct sales_ctx *ctx)
{
	struct S_run r;
	struct sales_result *res;
	struct sales_person *sp;
	struct sales_team *t;
	const struct staff *s;
	const struct plan *pl;
	const struct pst *p;
	struct agg *a;
	size_t i, j, k, n;
	int sl, c;

	memset(&r, 0, sizeof(r));
	r.ctx = ctx;
	r.res = res = xcalloc(1, sizeof(*res));
	val_month_str(res->month, ctx->ym);
	res->days = val_month_days(ctx->ym);
	for (sl = 0; sl < SALES_TREND; sl++) {
		val_month_str(res->trend_month[sl],
		    val_month_add(ctx->ym, sl - (SALES_TREND - 1)));
		if (ctx->months[sl] != NULL) {
			S_mstat(ctx, &r.ms[sl], ctx->months[sl]);
			res->trend_present[sl] = 1;
		}
	}
	/* People employed on at least one day of the month. */
	r.pidx = xcalloc(ctx->nstaff + 1, sizeof(*r.pidx));
	for (i = 0; i < ctx->nstaff; i++) {
		r.pidx[i] = -1;
		if (r.ms[SALES_TREND - 1].p[i].days > 0)
			res->npeople++;
	}
	res->people = xcalloc(res->npeople + 1, sizeof(*res->people));
	if (ctx->staff_file != NULL)
		res->staff_file = xstrdup(ctx->staff_file);
	for (i = 0, k = 0; i < ctx->nstaff; i++) {
		s = &ctx->staff[i];
		p = &r.ms[SALES_TREND - 1].p[i];
		if (p->days == 0)
			continue;
		r.pidx[i] = (long)k;
		sp = &res->people[k++];
		sp->id = xstrdup(s->id);
		sp->name = xstrdup(s->name);
		sp->role = xstrdup(s->role);
		sp->team = s->team ? xstrdup(s->team) : NULL;
		val_date_str(sp->hired, s->hired);
		val_date_str(sp->left, s->left);
		sp->days = p->days;
		sp->partial = p->days < res->days;
		sp->line = s->line;
		pl = S_plan_for(ctx, s, ctx->ym);
		sp->visits = p->n[EV_VISIT];
		sp->invitations = p->n[EV_INVITATION];
		sp->design_agreements = p->n[EV_DESIGN];
		sp->contracts = p->n[EV_CONTRACT];
		sp->prospects = S_prospects(p, S_minv(pl));
		sp->signed_fen = p->signed_fen;
		sp->late = p->nonex[INC_LATE];
		sp->leave = p->nonex[INC_LEAVE];
		sp->comp_leave = p->nonex[INC_COMP_LEAVE];
		sp->phone_blocked = p->nonex[INC_PHONE_BLOCKED];
		sp->transport_late = p->nonex[INC_TRANSPORT_LATE];
		sp->missing_record = p->nonex[INC_MISSING_RECORD];
		for (c = 0; c < INC__MAX; c++)
			sp->exempt += p->exempt[c];
		S_targets(&r, sp, p, pl);
		if (pl == NULL)
			continue;
		sp->covered = 1;
		sp->plan = xstrdup(pl->id);
		sp->plan_title = pl->title ? xstrdup(pl->title) : NULL;
		S_rule_fixed(&r, sp, p, &pl->base, SALES_BASE);
		S_rule_fixed(&r, sp, p, &pl->phone, SALES_PHONE);
		S_rule_fixed(&r, sp, p, &pl->transport, SALES_TRANSPORT);
		S_rule_fixed(&r, sp, p, &pl->attendance, SALES_ATTENDANCE);
		S_rule_quota(&r, sp, p, pl);
		S_rule_commission(&r, sp, p, pl);
		S_rule_fines(&r, sp, p, pl);
	}
	/* Rules across people, per plan in effect this month. */
	for (j = 0; j < ctx->nplans; j++) {
		pl = ctx->plans[j];
		if ((pl->from && ctx->ym < pl->from) ||
		    (pl->until && ctx->ym > pl->until))
			continue;
		S_rule_champions(&r, pl);
		S_rule_team(&r, pl);
		/* Ranking of the plan's people. */
		a = NULL;
		n = 0;
		for (i = 0; i < ctx->nstaff; i++) {
			if (r.pidx[i] < 0 ||
			    !plan_covers(pl, ctx->staff[i].role, ctx->ym))
				continue;
			p = &r.ms[SALES_TREND - 1].p[i];
			a = xreallocarray(a, n + 1, sizeof(*a));
			a[n].person = i;
			a[n].signed_fen = p->signed_fen;
			a[n].prospects = S_prospects(p, S_minv(pl));
			a[n].contracts = p->n[EV_CONTRACT];
			n++;
		}
		S_rank_sort(ctx, a, n, &pl->champ_month.rank);
		for (i = 0; i < n; i++)
			res->people[r.pidx[a[i].person]].rank = (int)i + 1;
		free(a);
	}
	/* Teams without a team rule still appear (with their targets). */
	for (i = 0; i < res->npeople; i++)
		if (res->people[i].team)
			(void)S_team(res, res->people[i].team);
	if (res->nteams > 1)
		qsort(res->teams, res->nteams, sizeof(*res->teams), S_team_cmp);
	for (k = 0; k < ctx->months[SALES_TREND - 1]->ntg; k++) {
		t = S_team_find(res, ctx->months[SALES_TREND - 1]->tg[k].team);
		if (t != NULL && t->target < 0)
			t->target = ctx->months[SALES_TREND - 1]->tg[k].amount;
	}
	for (i = 0; i < res->npeople; i++) {
		sp = &res->people[i];
		S_sort_items(sp);
		sp->total = 0;
		for (c = 0; c < SALES_COL__MAX; c++)
			sp->total += c == SALES_FINES ? -sp->col[c] :
			    sp->col[c];
		if (!sp->covered)
			continue;
		for (c = 0; c < SALES_COL__MAX; c++)
			res->col_total[c] += sp->col[c];
		res->total += sp->total;
	}
	for (j = 0; j < ctx->nplans; j++)
		if (ctx->plans[j]->fines.on && res->fund_name == NULL)
			res->fund_name = xstrdup(ctx->plans[j]->fines.fund);
	S_trends(&r);
	for (sl = 0; sl < SALES_TREND; sl++)
		S_mstat_free(ctx, &r.ms[sl]);
	free(r.pidx);
	return res;
}
