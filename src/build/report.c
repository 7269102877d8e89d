/*
 * report.c — the monthly sales review (report.h): template data from a
 * sales_result, the report template rendered into a document tree, and
 * `rolebook report` writing YYYY-MM.html (+ style.css), YYYY-MM.pdf and
 * YYYY-MM-pay.csv and YYYY-MM-pay.xlsx as one set.
 *
 * Money reaches templates as integer fen (`x_fen`) plus a yuan string
 * (`x`, "12,345.60"); percentages as strings computed here in integers,
 * rounded down like the engine's (so 99.999 % never reads "100.00%");
 * chart values as decimal strings.  Everything is deterministic.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "report.h"
#include "build.h"
#include "../html/html.h"
#include "../pdf/pdf.h"

/* Chinese labels of the metrics the engine counts (role targets). */
/* A metric's Chinese name (the field table's), or the metric. */
static const char *
S_metric_label(const char *metric)
{
	int k = rb_name_index(rb_metric_name, RB_METRIC__MAX, metric);

	return k >= 0 ? rb_metric_label[k] : metric;
}

/* Sets key_fen (integer) and key (yuan string, "-1,234.50") in m. */
static void
S_money(struct tmpl_val *m, const char *key, int64_t fen)
{
	struct buf b = BUF_INIT;
	char k[64];

	snprintf(k, sizeof(k), "%s_fen", key);
	tmpl_map_int(m, k, fen);
	tmpl_fmt_yuan(&b, fen);
	tmpl_map_str(m, key, b.data);
	buf_free(&b);
}

/* As S_money, with a '+' on positive amounts (changes). */
static void
S_money_delta(struct tmpl_val *m, const char *key, int64_t fen)
{
	struct buf b = BUF_INIT;
	char k[64];

	snprintf(k, sizeof(k), "%s_fen", key);
	tmpl_map_int(m, k, fen);
	if (fen > 0)
		buf_putc(&b, '+');
	tmpl_fmt_yuan(&b, fen);
	tmpl_map_str(m, key, b.data);
	buf_free(&b);
}

/*
 * num / den as a percentage with dec (0..2) decimals, e.g. "88.10%" or
 * "-12%"; "" when den <= 0.  Written to out (at least 64 bytes).  With
 * bare set, no '%' (a chart value).  Rounded toward zero (attainment:
 * 99.999 % must not read 100 %), or half away from zero with round set
 * (changes).
 */
static char *
S_pctr(char *out, int64_t num, int64_t den, int dec, int bare, int round)
{
	static const int64_t scale[] = { 1, 10, 100 };
	__int128 q, x;
	long long v, a;

	if (den <= 0) {
		out[0] = '\0';
		return out;
	}
	x = (__int128)num * 100 * scale[dec];
	q = x / den;
	if (round && (x % den) * 2 >= den)
		q++;
	else if (round && (x % den) * 2 <= -den)
		q--;
	v = (long long)q;
	a = v < 0 ? -v : v;
	if (dec == 0)
		snprintf(out, 64, "%s%lld%s", v < 0 ? "-" : "", a,
		    bare ? "" : "%");
	else
		snprintf(out, 64, "%s%lld.%0*lld%s", v < 0 ? "-" : "",
		    a / scale[dec], dec, a % scale[dec], bare ? "" : "%");
	return out;
}

static char *
S_pct(char *out, int64_t num, int64_t den, int dec, int bare)
{
	return S_pctr(out, num, den, dec, bare, 0);
}

/* A change in percent of the earlier value, rounded: "+52.0%". */
static char *
S_change(char *out, int64_t delta, int64_t before)
{
	S_pctr(out + 1, delta, before, 1, 0, 1);
	if (delta > 0 && out[1] != '\0') {
		out[0] = '+';
		return out;
	}
	return out + 1;
}

/* fen as 万元 with 2 decimals, rounded half up ("124.23"), a chart value. */
static char *
S_wan(char *out, int64_t fen)
{
	int64_t v = fen >= 0 ? (fen + 50) / 100 : -((-fen + 50) / 100);
	int64_t a = v < 0 ? -v : v;

	snprintf(out, 40, "%s%lld.%02lld", v < 0 ? "-" : "",
	    (long long)(a / 10000), (long long)(a % 10000 / 100));
	return out;
}

/* "2026-10" -> "10月". */
static char *
S_month_short(char *out, const char *ym)
{
	snprintf(out, 16, "%d月", atoi(ym + 5));
	return out;
}

static void
S_map_date(struct tmpl_val *m, const char *key, const char *iso)
{
	struct buf b = BUF_INIT;

	if (iso[0] == '\0' || tmpl_fmt_date(&b, iso) == -1)
		tmpl_map_str(m, key, iso);
	else
		tmpl_map_str(m, key, b.data);
	buf_free(&b);
}

/* A data file's name without the content folder and "sales/":
 * "content/sales/2026-10/events.csv" -> "2026-10/events.csv". */
static const char *
S_short(const char *file)
{
	const char *p;

	if (strncmp(file, "sales/", 6) == 0)
		return file + 6;
	if ((p = strstr(file, "/sales/")) != NULL)
		return p + 7;
	if ((p = strrchr(file, '/')) != NULL)
		return p + 1;
	return file;
}

/* "file:line" of each ref, and a compact source string grouping lines of
 * one file without the folders: "2026-10/events.csv:19, 72;
 * 2026-10/incidents.csv:4" (spaces: line breaks may fall there). */
static void
S_refs(struct tmpl_val *m, const struct sales_ref *refs, size_t n)
{
	struct tmpl_val *a = tmpl_map_array(m, "refs");
	struct buf b = BUF_INIT, s = BUF_INIT;
	const char *last = NULL;
	size_t i;

	for (i = 0; i < n; i++) {
		if (refs[i].file == NULL)
			continue;
		buf_reset(&b);
		buf_printf(&b, "%s:%d", refs[i].file, refs[i].line);
		tmpl_array_push(a, tmpl_val_str(b.data));
		if (last != NULL && strcmp(last, refs[i].file) == 0)
			buf_printf(&s, ", %d", refs[i].line);
		else
			buf_printf(&s, "%s%s:%d", last ? "; " : "",
			    S_short(refs[i].file), refs[i].line);
		last = refs[i].file;
	}
	tmpl_map_str(m, "source", s.data ? s.data : "");
	buf_free(&b);
	buf_free(&s);
}

static const char *
S_or(const char *s)
{
	return s ? s : "";
}

static const struct rb_role *
S_role(const struct rb_site *site, const char *id)
{
	size_t i;

	if (site == NULL || id == NULL)
		return NULL;
	for (i = 0; i < site->nroles; i++)
		if (strcmp(site->roles[i]->id, id) == 0)
			return site->roles[i];
	return NULL;
}

/* Index of person id in res, or -1. */
static long
S_person(const struct sales_result *res, const char *id)
{
	size_t i;

	for (i = 0; i < res->npeople; i++)
		if (strcmp(res->people[i].id, id) == 0)
			return (long)i;
	return -1;
}

/* The short reference to a person every list uses. */
static void
S_who(struct tmpl_val *m, const struct sales_result *res, const char *id)
{
	long k = S_person(res, id);

	tmpl_map_int(m, "person", k + 1);	/* index into people, 0: none */
	tmpl_map_str(m, "id", id);
	tmpl_map_str(m, "name", k >= 0 ? res->people[k].name : id);
	tmpl_map_str(m, "team", k >= 0 ? S_or(res->people[k].team) : "");
}

static void
S_item(struct tmpl_val *m, const struct sales_item *it)
{
	tmpl_map_str(m, "col", sales_col_name[it->col]);
	tmpl_map_str(m, "label", sales_col_label[it->col]);
	tmpl_map_str(m, "rule", S_or(it->rule));
	S_money(m, "amount", it->fen);
	S_money(m, "full", it->full);
	tmpl_map_bool(m, "forfeit", it->flags & SALES_IT_FORFEIT);
	tmpl_map_bool(m, "prorated", it->flags & SALES_IT_PRORATED);
	tmpl_map_bool(m, "not_applied", it->flags & SALES_IT_NOTAPPLIED);
	tmpl_map_str(m, "why", S_or(it->why));
	S_refs(m, it->refs, it->nrefs);
}

/* A role target and its attainment. */
static void
S_target(struct tmpl_val *e, const struct sales_target *t)
{
	int money = strcmp(t->metric, "signed") == 0;
	char s[80];

	tmpl_map_str(e, "metric", t->metric);
	tmpl_map_str(e, "label", S_metric_label(t->metric));
	tmpl_map_str(e, "unit", S_or(t->unit));
	if (money) {
		S_money(e, "value", t->value);
		S_money(e, "actual", t->actual);
	} else {
		tmpl_map_int(e, "value", t->value);
		tmpl_map_int(e, "actual", t->actual);
	}
	tmpl_map_bool(e, "money", money);
	tmpl_map_bool(e, "met", t->met);
	tmpl_map_str(e, "pct", S_pct(s, t->actual, t->value, 0, 0));
	tmpl_map_str(e, "pct_value", S_pct(s, t->actual, t->value, 1, 1));
}

/* One person: identity, activity, pay by column, items, targets, trend. */
static struct tmpl_val *
S_person_val(const struct sales_result *res, const struct sales_person *sp,
    size_t idx)
{
	struct tmpl_val *m = tmpl_val_map(), *a, *e, *tm;
	const int64_t last = sp->trend_signed[SALES_TREND - 2];
	char s[80], w[16];
	size_t j;
	int c, sl;

	tmpl_map_int(m, "index", (long long)idx + 1);
	tmpl_map_str(m, "id", sp->id);
	tmpl_map_str(m, "name", sp->name);
	/* where the person is written (a data-src: a character of the name
	 * missing from the PDF font is reported there) */
	if (res->staff_file != NULL && sp->line > 0) {
		char *src = xasprintf("%s:%d:1", res->staff_file, sp->line);

		tmpl_map_str(m, "src", src);
		free(src);
	} else
		tmpl_map_str(m, "src", "");
	tmpl_map_str(m, "role", sp->role);
	tmpl_map_str(m, "role_title", sp->role_title ? sp->role_title :
	    sp->role);
	tmpl_map_str(m, "team", S_or(sp->team));
	tmpl_map_str(m, "plan", S_or(sp->plan));
	tmpl_map_str(m, "plan_title", S_or(sp->plan_title ? sp->plan_title :
	    sp->plan));
	tmpl_map_bool(m, "covered", sp->covered);
	tmpl_map_str(m, "hired", sp->hired);
	tmpl_map_str(m, "left", sp->left);
	S_map_date(m, "hired_cn", sp->hired);
	S_map_date(m, "left_cn", sp->left);
	tmpl_map_int(m, "days", sp->days);
	tmpl_map_bool(m, "partial", sp->partial);
	tmpl_map_int(m, "visits", sp->visits);
	tmpl_map_int(m, "invitations", sp->invitations);
	tmpl_map_int(m, "design_agreements", sp->design_agreements);
	tmpl_map_int(m, "contracts", sp->contracts);
	tmpl_map_int(m, "prospects", sp->prospects);
	S_money(m, "signed", sp->signed_fen);
	tmpl_map_str(m, "signed_wan", S_wan(s, sp->signed_fen));
	tmpl_map_int(m, "late", sp->late);
	tmpl_map_int(m, "leave", sp->leave);
	tmpl_map_int(m, "comp_leave", sp->comp_leave);
	tmpl_map_int(m, "phone_blocked", sp->phone_blocked);
	tmpl_map_int(m, "transport_late", sp->transport_late);
	tmpl_map_int(m, "missing_record", sp->missing_record);
	tmpl_map_int(m, "exempt", sp->exempt);
	tmpl_map_int(m, "rank", sp->rank);
	tmpl_map_str(m, "note", S_or(sp->note));

	/* Last month: -1 when absent or not employed then. */
	tmpl_map_bool(m, "has_last", last >= 0);
	if (last >= 0) {
		S_money(m, "last_signed", last);
		S_money_delta(m, "change", sp->signed_fen - last);
		tmpl_map_str(m, "change_pct", S_change(s, sp->signed_fen -
		    last, last));
	} else {
		S_money(m, "last_signed", 0);
		S_money_delta(m, "change", 0);
		tmpl_map_str(m, "change_pct", "");
	}

	a = tmpl_map_array(m, "cols");
	for (c = 0; c < SALES_COL__MAX; c++) {
		e = tmpl_array_push(a, tmpl_val_map());
		tmpl_map_str(e, "col", sales_col_name[c]);
		S_money(e, "amount", sp->col[c]);
	}
	S_money(m, "total", sp->total);

	a = tmpl_map_array(m, "items");
	for (j = 0; j < sp->nitems; j++)
		S_item(tmpl_array_push(a, tmpl_val_map()), &sp->items[j]);

	a = tmpl_map_array(m, "targets");
	tm = tmpl_map_map(m, "target_by");
	for (j = 0; j < sp->ntargets; j++) {
		S_target(tmpl_array_push(a, tmpl_val_map()), &sp->targets[j]);
		S_target(tmpl_map_map(tm, sp->targets[j].metric),
		    &sp->targets[j]);
	}

	a = tmpl_map_array(m, "trend");
	for (sl = 0; sl < SALES_TREND; sl++) {
		e = tmpl_array_push(a, tmpl_val_map());
		tmpl_map_str(e, "month", res->trend_month[sl]);
		tmpl_map_str(e, "label", S_month_short(w, res->trend_month[sl]));
		tmpl_map_bool(e, "present", sp->trend_signed[sl] >= 0);
		S_money(e, "signed", sp->trend_signed[sl] >= 0 ?
		    sp->trend_signed[sl] : 0);
		tmpl_map_str(e, "signed_wan", S_wan(s, sp->trend_signed[sl] >= 0 ?
		    sp->trend_signed[sl] : 0));
		tmpl_map_int(e, "prospects", sp->trend_prospects[sl]);
	}
	return m;
}

/* Covered people ordered by plan (first appearance), then rank. */
static int
S_rank_cmp(const void *a, const void *b, void *arg)
{
	const struct sales_result *res = arg;
	const struct sales_person *x = &res->people[*(const size_t *)a];
	const struct sales_person *y = &res->people[*(const size_t *)b];
	int c;

	if ((c = strcmp(x->plan, y->plan)) != 0)
		return c;
	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	return sales_idcmp(x->id, y->id);
}

/*
 * A team's leaders: members whose role is the reports_to of a covered
 * member's role (the sample's 业务经理 of each 业务员 team).  Needs the
 * site; "" without it.
 */
static void
S_leaders(struct buf *b, const struct sales_result *res,
    const struct rb_site *site, const char *team)
{
	const struct sales_person *sp, *q;
	const struct rb_role *r;
	size_t i, j;
	int dup;

	for (i = 0; i < res->npeople; i++) {
		q = &res->people[i];
		if (q->covered || q->team == NULL || strcmp(q->team, team))
			continue;
		for (j = 0, dup = 1; j < res->npeople && dup; j++) {
			sp = &res->people[j];
			if (!sp->covered || sp->team == NULL ||
			    strcmp(sp->team, team) != 0 ||
			    (r = S_role(site, sp->role)) == NULL ||
			    r->superior == NULL)
				continue;
			if (strcmp(r->superior->id, q->role) == 0)
				dup = 0;
		}
		if (dup)
			continue;
		if (b->len)
			buf_puts(b, "、");
		buf_puts(b, q->name);
	}
}

static struct tmpl_val *
S_team_val(const struct sales_result *res, const struct rb_site *site,
    const struct sales_team *t)
{
	struct tmpl_val *m = tmpl_val_map(), *a, *e;
	struct buf b = BUF_INIT;
	const int cur = SALES_TREND - 1, prev = SALES_TREND - 2;
	int64_t sig = t->trend_signed[cur] >= 0 ? t->trend_signed[cur] :
	    t->signed_fen;
	char s[80], w[16];
	size_t i;
	int sl, n = 0, ncov = 0;

	tmpl_map_str(m, "id", t->id);
	tmpl_map_str(m, "plan", S_or(t->plan));
	S_leaders(&b, res, site, t->id);
	tmpl_map_str(m, "leaders", b.data ? b.data : "");
	a = tmpl_map_array(m, "members");
	for (i = 0; i < res->npeople; i++)
		if (res->people[i].team && strcmp(res->people[i].team,
		    t->id) == 0) {
			tmpl_array_push(a, tmpl_val_int((long long)i + 1));
			n++;
			ncov += res->people[i].covered;
		}
	tmpl_map_int(m, "people", n);
	tmpl_map_int(m, "covered", ncov);
	tmpl_map_bool(m, "has_target", t->target >= 0);
	S_money(m, "target", t->target >= 0 ? t->target : 0);
	S_money(m, "signed", sig);
	tmpl_map_str(m, "attain", S_pct(s, sig, t->target, 2, 0));
	tmpl_map_str(m, "attain_value", S_pct(s, sig, t->target, 1, 1));
	tmpl_map_bool(m, "met", t->target > 0 && sig >= t->target);
	S_money(m, "gap", t->target >= 0 ? t->target - sig : 0);
	S_money(m, "bonus", t->bonus);
	S_money(m, "share", t->share);
	tmpl_map_int(m, "sharing", t->members);
	tmpl_map_int(m, "leftover", t->leftover);
	tmpl_map_str(m, "why", S_or(t->why));
	S_refs(m, &t->ref, t->ref.file ? 1 : 0);

	/* Last month. */
	tmpl_map_bool(m, "has_last", t->trend_signed[prev] >= 0);
	S_money(m, "last_signed", t->trend_signed[prev] >= 0 ?
	    t->trend_signed[prev] : 0);
	tmpl_map_bool(m, "has_last_target", t->trend_target[prev] >= 0);
	S_money(m, "last_target", t->trend_target[prev] >= 0 ?
	    t->trend_target[prev] : 0);
	tmpl_map_str(m, "last_attain", t->trend_signed[prev] >= 0 ?
	    S_pct(s, t->trend_signed[prev], t->trend_target[prev], 2, 0) :
	    "");
	if (t->trend_signed[prev] >= 0) {
		S_money_delta(m, "change", sig - t->trend_signed[prev]);
		tmpl_map_str(m, "change_pct", S_change(s, sig -
		    t->trend_signed[prev], t->trend_signed[prev]));
	} else {
		S_money_delta(m, "change", 0);
		tmpl_map_str(m, "change_pct", "");
	}

	a = tmpl_map_array(m, "trend");
	for (sl = 0; sl < SALES_TREND; sl++) {
		e = tmpl_array_push(a, tmpl_val_map());
		tmpl_map_str(e, "month", res->trend_month[sl]);
		tmpl_map_str(e, "label", S_month_short(w, res->trend_month[sl]));
		tmpl_map_bool(e, "present", t->trend_signed[sl] >= 0);
		tmpl_map_bool(e, "has_target", t->trend_target[sl] >= 0);
		S_money(e, "signed", t->trend_signed[sl] >= 0 ?
		    t->trend_signed[sl] : 0);
		tmpl_map_str(e, "signed_wan", S_wan(s, t->trend_signed[sl] >= 0
		    ? t->trend_signed[sl] : 0));
		S_money(e, "target", t->trend_target[sl] >= 0 ?
		    t->trend_target[sl] : 0);
		tmpl_map_str(e, "target_wan", S_wan(s, t->trend_target[sl] >= 0
		    ? t->trend_target[sl] : 0));
		tmpl_map_str(e, "attain", t->trend_signed[sl] >= 0 ?
		    S_pct(s, t->trend_signed[sl], t->trend_target[sl], 2, 0) :
		    "");
		tmpl_map_str(e, "attain_value", t->trend_signed[sl] >= 0 ?
		    S_pct(s, t->trend_signed[sl], t->trend_target[sl], 1, 1) :
		    "");
	}
	buf_free(&b);
	return m;
}

static const char *const S_champ_label[] = { "月冠军", "季冠军", "季度三连冠" };

/* Every item of every person that matches: an entry naming the person. */
static void
S_collect(struct tmpl_val *a, const struct sales_result *res,
    int (*want)(const struct sales_item *))
{
	const struct sales_person *sp;
	struct tmpl_val *e;
	size_t i, j;

	for (i = 0; i < res->npeople; i++) {
		sp = &res->people[i];
		for (j = 0; j < sp->nitems; j++) {
			if (!want(&sp->items[j]))
				continue;
			e = tmpl_array_push(a, tmpl_val_map());
			S_who(e, res, sp->id);
			S_item(e, &sp->items[j]);
		}
	}
}

static int
S_is_forfeit(const struct sales_item *it)
{
	return (it->flags & SALES_IT_FORFEIT) != 0;
}

static int
S_is_fine(const struct sales_item *it)
{
	return it->col == SALES_FINES && it->fen > 0;
}

static int
S_is_penalty(const struct sales_item *it)
{
	return it->col != SALES_FINES && it->fen < 0;
}

static int
S_is_partial(const struct sales_item *it)
{
	return (it->flags & (SALES_IT_PRORATED | SALES_IT_NOTAPPLIED)) != 0;
}

struct tmpl_val *
report_data(const struct sales_result *res, const struct rb_site *site)
{
	struct tmpl_val *root = tmpl_val_map(), *rep, *a, *e, *tm;
	const struct sales_person *sp;
	const struct rb_role *role;
	struct buf b = BUF_INIT;
	int64_t tsum = 0, ssum = 0, lsum = 0, ltsum = 0, csigned = 0;
	const char *dept = NULL;
	char s[80], w[16];
	size_t i, j, k, n, *idx;
	int c, sl, have_last = 0, have_last_t = 0, ntargets = 0;

	rep = tmpl_map_map(root, "report");
	tmpl_map_str(rep, "month", res->month);
	S_map_date(rep, "month_cn", res->month);
	tmpl_map_int(rep, "days", res->days);
	buf_printf(&b, "%s-01", res->month);
	S_map_date(rep, "first_cn", b.data);
	buf_reset(&b);
	buf_printf(&b, "%s-%02d", res->month, res->days);
	S_map_date(rep, "last_cn", b.data);
	tmpl_map_str(rep, "last_month", res->trend_month[SALES_TREND - 2]);
	S_map_date(rep, "last_month_cn", res->trend_month[SALES_TREND - 2]);
	tmpl_map_bool(rep, "has_last_month",
	    res->trend_present[SALES_TREND - 2]);
	tmpl_map_str(rep, "company", site && site->org.company.s ?
	    site->org.company.s : "");
	/* The department of the covered people's roles, when one. */
	for (i = 0; i < res->npeople; i++) {
		sp = &res->people[i];
		if (!sp->covered || (role = S_role(site, sp->role)) == NULL ||
		    role->dept == NULL)
			continue;
		if (dept == NULL)
			dept = role->dept->name;
		else if (strcmp(dept, role->dept->name) != 0) {
			dept = NULL;
			break;
		}
	}
	tmpl_map_str(rep, "department", S_or(dept));
	a = tmpl_map_array(rep, "plans");
	for (i = 0; i < res->npeople; i++) {
		sp = &res->people[i];
		if (sp->plan == NULL)
			continue;
		for (j = 0; j < i; j++)
			if (res->people[j].plan &&
			    strcmp(res->people[j].plan, sp->plan) == 0)
				break;
		/* the plan's title, as the report's readers know it */
		if (j == i)
			tmpl_array_push(a, tmpl_val_str(sp->plan_title ?
			    sp->plan_title : sp->plan));
	}
	a = tmpl_map_array(rep, "files");
	for (i = 0; i < res->nfiles; i++)
		tmpl_array_push(a, tmpl_val_str(res->files[i]));

	/* Pay columns and totals. */
	a = tmpl_map_array(root, "columns");
	for (c = 0; c < SALES_COL__MAX; c++) {
		e = tmpl_array_push(a, tmpl_val_map());
		tmpl_map_str(e, "col", sales_col_name[c]);
		tmpl_map_str(e, "label", sales_col_label[c]);
		S_money(e, "total", res->col_total[c]);
	}
	tm = tmpl_map_map(root, "totals");
	S_money(tm, "total", res->total);
	S_money(tm, "fund", res->fund);
	tmpl_map_str(tm, "fund_name", S_or(res->fund_name));
	for (i = n = 0; i < res->npeople; i++) {
		n += res->people[i].covered != 0;
		if (res->people[i].covered)
			csigned += res->people[i].signed_fen;
	}
	tmpl_map_int(tm, "covered", (long long)n);
	tmpl_map_int(tm, "people", (long long)res->npeople);
	S_money(tm, "signed", csigned);

	/* People, in staff-id order, and the ranking. */
	a = tmpl_map_array(root, "people");
	for (i = 0; i < res->npeople; i++) {
		tmpl_array_push(a, S_person_val(res, &res->people[i], i));
		if (res->people[i].ntargets > 0)
			ntargets++;
	}
	idx = xcalloc(res->npeople + 1, sizeof(*idx));
	for (i = n = 0; i < res->npeople; i++)
		if (res->people[i].covered)
			idx[n++] = i;
	if (n > 1)
		qsort_r(idx, n, sizeof(*idx), S_rank_cmp, (void *)res);
	a = tmpl_map_array(root, "ranking");
	for (i = 0; i < n; i++)
		tmpl_array_push(a, tmpl_val_int((long long)idx[i] + 1));
	free(idx);

	/* The metrics of every role target, in first-seen order. */
	a = tmpl_map_array(root, "target_metrics");
	for (i = 0; i < res->npeople; i++)
		for (j = 0; j < res->people[i].ntargets; j++) {
			const struct sales_target *t = &res->people[i].targets[j];
			int seen = 0;

			for (k = 0; k < i && !seen; k++) {
				size_t l;

				for (l = 0; l < res->people[k].ntargets; l++)
					if (strcmp(res->people[k].targets[l].
					    metric, t->metric) == 0)
						seen = 1;
			}
			for (k = 0; k < j && !seen; k++)
				if (strcmp(res->people[i].targets[k].metric,
				    t->metric) == 0)
					seen = 1;
			if (seen)
				continue;
			e = tmpl_array_push(a, tmpl_val_map());
			tmpl_map_str(e, "metric", t->metric);
			tmpl_map_str(e, "label", S_metric_label(t->metric));
			tmpl_map_str(e, "unit", S_or(t->unit));
		}
	tmpl_map_int(rep, "people_with_targets", ntargets);

	/* Teams and the all-teams summary. */
	a = tmpl_map_array(root, "teams");
	for (i = 0; i < res->nteams; i++) {
		const struct sales_team *t = &res->teams[i];
		int64_t sig = t->trend_signed[SALES_TREND - 1] >= 0 ?
		    t->trend_signed[SALES_TREND - 1] : t->signed_fen;

		tmpl_array_push(a, S_team_val(res, site, t));
		ssum += sig;
		if (t->target >= 0)
			tsum += t->target;
		if (t->trend_signed[SALES_TREND - 2] >= 0) {
			have_last = 1;
			lsum += t->trend_signed[SALES_TREND - 2];
		}
		if (t->trend_target[SALES_TREND - 2] >= 0) {
			have_last_t = 1;
			ltsum += t->trend_target[SALES_TREND - 2];
		}
	}
	tm = tmpl_map_map(root, "all_teams");
	S_money(tm, "target", tsum);
	S_money(tm, "signed", ssum);
	tmpl_map_str(tm, "attain", S_pct(s, ssum, tsum, 2, 0));
	tmpl_map_bool(tm, "has_last", have_last);
	S_money(tm, "last_signed", lsum);
	S_money(tm, "last_target", ltsum);
	tmpl_map_str(tm, "last_attain", have_last && have_last_t ?
	    S_pct(s, lsum, ltsum, 2, 0) : "");
	S_money_delta(tm, "change", have_last ? ssum - lsum : 0);
	tmpl_map_str(tm, "change_pct", have_last ? S_change(s, ssum - lsum,
	    lsum) : "");
	for (i = 0, tsum = 0; i < res->nteams; i++)
		tsum += res->teams[i].bonus;
	S_money(tm, "bonus", tsum);
	/* All teams together, month by month (for many teams). */
	a = tmpl_map_array(tm, "trend");
	for (sl = 0; sl < SALES_TREND; sl++) {
		int64_t sg = 0, tg = 0;
		int any = 0, anyt = 0;

		for (i = 0; i < res->nteams; i++) {
			if (res->teams[i].trend_signed[sl] >= 0) {
				sg += res->teams[i].trend_signed[sl];
				any = 1;
			}
			if (res->teams[i].trend_target[sl] >= 0) {
				tg += res->teams[i].trend_target[sl];
				anyt = 1;
			}
		}
		e = tmpl_array_push(a, tmpl_val_map());
		tmpl_map_str(e, "month", res->trend_month[sl]);
		tmpl_map_str(e, "label", S_month_short(w, res->trend_month[sl]));
		tmpl_map_bool(e, "present", any);
		tmpl_map_bool(e, "has_target", anyt);
		S_money(e, "signed", sg);
		tmpl_map_str(e, "signed_wan", S_wan(s, sg));
		S_money(e, "target", tg);
		tmpl_map_str(e, "target_wan", S_wan(s, tg));
		tmpl_map_str(e, "attain", any && anyt ? S_pct(s, sg, tg, 2, 0) :
		    "");
		tmpl_map_str(e, "attain_value", any && anyt ? S_pct(s, sg, tg, 1,
		    1) : "");
	}

	/* The six months of the trend. */
	a = tmpl_map_array(root, "months");
	for (sl = 0, n = 0; sl < SALES_TREND; sl++) {
		e = tmpl_array_push(a, tmpl_val_map());
		tmpl_map_str(e, "month", res->trend_month[sl]);
		tmpl_map_str(e, "label", S_month_short(w, res->trend_month[sl]));
		S_map_date(e, "month_cn", res->trend_month[sl]);
		tmpl_map_bool(e, "present", res->trend_present[sl]);
		n += res->trend_present[sl] != 0;
	}
	tmpl_map_int(rep, "months_present", (long long)n);

	/* Champions, notes, forfeits, penalties, fines, warnings, partial
	 * months, data problems. */
	a = tmpl_map_array(root, "champions");
	for (i = 0; i < res->nchampions; i++) {
		const struct sales_champion *ch = &res->champions[i];

		e = tmpl_array_push(a, tmpl_val_map());
		S_who(e, res, ch->person);
		tmpl_map_str(e, "kind", ch->kind == SALES_CHAMP_MONTH ? "month"
		    : ch->kind == SALES_CHAMP_QUARTER ? "quarter" : "streak");
		tmpl_map_str(e, "title", S_champ_label[ch->kind]);
		tmpl_map_str(e, "plan", S_or(ch->plan));
		S_money(e, "signed", ch->signed_fen);
		tmpl_map_int(e, "prospects", ch->prospects);
		S_money(e, "amount", ch->fen);
		tmpl_map_str(e, "why", S_or(ch->why));
	}
	a = tmpl_map_array(root, "notes");
	for (i = 0; i < res->npeople; i++)
		if (res->people[i].note) {
			e = tmpl_array_push(a, tmpl_val_map());
			S_who(e, res, res->people[i].id);
			tmpl_map_str(e, "text", res->people[i].note);
		}
	S_collect(tmpl_map_array(root, "forfeits"), res, S_is_forfeit);
	S_collect(tmpl_map_array(root, "penalties"), res, S_is_penalty);
	S_collect(tmpl_map_array(root, "fines"), res, S_is_fine);
	S_collect(tmpl_map_array(root, "partials"), res, S_is_partial);
	a = tmpl_map_array(root, "warnings");
	for (i = 0; i < res->nwarnings; i++) {
		e = tmpl_array_push(a, tmpl_val_map());
		S_who(e, res, res->warnings[i].person);
		tmpl_map_str(e, "text", res->warnings[i].text);
		S_refs(e, &res->warnings[i].ref, res->warnings[i].ref.file ?
		    1 : 0);
	}
	a = tmpl_map_array(root, "problems");
	for (i = 0; i < res->nproblems; i++) {
		const struct sales_problem *p = &res->problems[i];

		e = tmpl_array_push(a, tmpl_val_map());
		tmpl_map_str(e, "level", p->level == DIAG_NOTE ? "note" :
		    p->level == DIAG_WARNING ? "warning" : "error");
		tmpl_map_str(e, "level_label", p->level == DIAG_NOTE ? "提示" :
		    p->level == DIAG_WARNING ? "警告" : "错误");
		buf_reset(&b);
		if (p->file) {
			buf_puts(&b, p->file);
			if (p->line > 0)
				buf_printf(&b, ":%d", p->line);
			if (p->line > 0 && p->col > 0)
				buf_printf(&b, ":%d", p->col);
		}
		tmpl_map_str(e, "where", b.data ? b.data : "");
		tmpl_map_str(e, "file", S_or(p->file));
		tmpl_map_int(e, "line", p->line);
		tmpl_map_int(e, "col", p->col);
		tmpl_map_str(e, "msg", p->msg);
	}
	buf_free(&b);
	return root;
}

struct doc_node *
report_tree(struct diag *d, struct tmpl *t, const struct sales_result *res,
    const struct rb_site *site)
{
	struct tmpl_val *data = report_data(res, site);
	struct doc_srcmap map = { NULL, NULL, 0, 0 };
	struct buf out = BUF_INIT;
	struct doc_node *root = NULL;

	if (tmpl_render(t, d, REPORT_TEMPLATE, data, &out, &map) == 0)
		root = doc_parse(d, out.data ? out.data : "", out.len, &map);
	tmpl_val_free(data);
	doc_srcmap_free(&map);
	buf_free(&out);
	return root;
}

int
report_write_set(const char *const *paths, const struct buf *data, size_t n,
    const char **failed, struct tally *tally)
{
	char **tmp = xcalloc(n + 1, sizeof(*tmp));
	size_t i;
	int rc = 0, save = 0;

	*failed = NULL;
	/* Every file to its temporary first (unchanged ones: none). */
	for (i = 0; i < n && rc == 0; i++)
		if (file_stage(paths[i], data[i].data ? data[i].data : "",
		    data[i].len, 0, &tmp[i]) == -1) {
			save = errno;
			rc = -1;
			*failed = paths[i];
		}
	if (rc == 0)
		file_test_stall(n > 0 ? paths[0] : NULL);	/* tests */
	for (i = 0; i < n; i++) {
		if (tmp[i] == NULL) {
			if (rc == 0)
				tally_file(tally, paths[i], 0);
			continue;
		}
		if (rc == 0 && rename(tmp[i], paths[i]) == -1) {
			save = errno;
			rc = -1;
			*failed = paths[i];
		} else if (rc == 0)
			tally_file(tally, paths[i], 1);
		if (rc == -1)
			unlink(tmp[i]);
		free(tmp[i]);
	}
	free(tmp);
	if (rc == -1)
		errno = save;
	return rc;
}

/*
 * The PDF theme: report-theme.conf of the templates folders, else their
 * theme.conf (the handbook's), else the defaults.  *dir is the folder it
 * came from (caller frees), for images.  Returns -1 on a bad theme.
 */
static int
S_theme(struct diag *d, struct tmpl *t, struct pdf_theme *th, char **dir)
{
	static const char *const names[] = { REPORT_THEME, "theme.conf", NULL };

	return build_theme(d, t, names, th, dir);
}

/* Lays out the report tree as PDF into out; 0 or -1 (reported). */
static int
S_pdf(struct diag *d, struct tmpl *t, const struct doc_node *root,
    const struct report_opts *o, struct buf *out)
{
	struct pdf_theme th;
	struct pdf_opts po;
	const char *dirs[4];
	char *tdir = NULL;
	size_t nd = 0;
	int rc = -1;

	memset(&po, 0, sizeof(po));
	if (S_theme(d, t, &th, &tdir) == -1)
		goto out;
	po.theme = &th;
	po.date = pdf_source_date();
	po.pdfa = o->pdfa;
	po.untagged = o->untagged;
	if ((po.fonts = pdf_fonts_open(d, &th)) == NULL)
		goto out;
	dirs[nd++] = o->content_dir ? o->content_dir : "content";
	if (o->tmpl_user)
		dirs[nd++] = o->tmpl_user;
	if (tdir)
		dirs[nd++] = tdir;
	dirs[nd] = NULL;
	po.imgdirs = dirs;
	po.srcdir = dirs[0];	/* the content folder */
	rc = pdf_render(d, root, &po, out, NULL);
out:
	pdf_fonts_free(po.fonts);
	pdf_theme_free(&th);
	free(tdir);
	return rc;
}

/* Seconds of CPU this process used. */
static double
S_cpu(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Seconds on the monotonic clock. */
static double
S_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/*
 * Template limits for a report of npeople: the defaults (docs/templates.md)
 * are sized for one role page; a month's report grows with its people, so
 * each limit gets a share per person on top (10,000 people: about 550 M
 * instructions, 700 MiB, 21 s — still a stop for runaway templates).
 */
static void
S_limits(struct tmpl_limits *l, const struct tmpl_limits *base,
    size_t npeople)
{
	memset(l, 0, sizeof(*l));
	if (base != NULL)
		*l = *base;
	if (l->instructions == 0)
		l->instructions = TMPL_DEFAULT_INSTRUCTIONS + 50000UL * npeople;
	if (l->memory == 0)
		l->memory = TMPL_DEFAULT_MEMORY + ((size_t)64 << 10) * npeople;
	if (l->ms == 0)
		l->ms = TMPL_DEFAULT_MS + 2U * (unsigned)npeople;
}

int
report_run(struct diag *d, const struct rb_site *site,
    const struct report_opts *o)
{
	struct sales_result *res = NULL;
	struct tmpl *t = NULL;
	struct tmpl_limits lim;
	struct doc_node *root = NULL;
	struct buf bufs[6];
	const char *paths[6], *failed;
	char *dir = NULL, *pp[6] = { NULL, NULL, NULL, NULL, NULL, NULL };
	char *css = NULL, *cssdata = NULL;
	size_t csslen = 0;
	int formats = o->formats ? o->formats : REPORT_HTML | REPORT_PDF;
	double t0 = S_now(), t1, t2, t3 = 0, t4, t5 = 0, tx, txc;
	size_t n = 0, i;
	int rc = -1;

	memset(bufs, 0, sizeof(bufs));
	if (sales_month(d, site, o->content_dir ? o->content_dir : "content",
	    o->month, &res) == -1 || diag_failed(d))
		goto out;
	dir = xasprintf("%s/reports", o->outdir ? o->outdir : "out");
	t1 = S_now();

	/* The payroll: CSV for machines, the workbook for people. */
	sales_payroll_csv(res, &bufs[n]);
	pp[n] = xasprintf("%s/%s-pay.csv", dir, res->month);
	n++;
	tx = S_now();
	txc = S_cpu();
	if (sales_payroll_xlsx(res, pdf_source_date(), &bufs[n]) == -1) {
		diag_at(d, DIAG_FATAL, NULL, 0, 0, "cannot make the payroll "
		    "workbook %s-pay.xlsx: %s", res->month, strerror(errno));
		goto out;
	}
	pp[n] = xasprintf("%s/%s-pay.xlsx", dir, res->month);
	n++;
	tx = S_now() - tx;
	txc = S_cpu() - txc;

	if (formats & (REPORT_HTML | REPORT_PDF)) {
		S_limits(&lim, o->limits, res->npeople);
		t = tmpl_new(o->tmpl_user, o->tmpl_builtin, &lim);
		root = report_tree(d, t, res, site);
		if (root == NULL)
			goto out;
	}
	t2 = S_now();
	if (formats & REPORT_HTML) {
		struct html_opts ho = { "style.css", NULL, 0 };

		html_render(&bufs[n], root, &ho);
		pp[n] = xasprintf("%s/%s.html", dir, res->month);
		n++;
		/* The stylesheet: report.css of the templates, else the
		 * backend's default. */
		if ((css = tmpl_find(t, REPORT_CSS)) != NULL) {
			if (file_read(css, 1 << 20, &cssdata, &csslen) == -1) {
				diag_at(d, DIAG_FATAL, css, 0, 0, "cannot read: "
				    "%s", strerror(errno));
				goto out;
			}
			buf_put(&bufs[n], cssdata, csslen);
		} else
			buf_puts(&bufs[n], html_default_css());
		pp[n] = xasprintf("%s/style.css", dir);
		n++;
		t3 = S_now() - t2;
	}
	if (formats & REPORT_PDF) {
		t5 = S_now();
		if (S_pdf(d, t, root, o, &bufs[n]) == -1)
			goto out;
		pp[n] = xasprintf("%s/%s.pdf", dir, res->month);
		n++;
		t5 = S_now() - t5;
	}
	if (diag_failed(d) || d->nfatal)
		goto out;
	if (mkdir_p(dir) == -1) {
		diag_at(d, DIAG_FATAL, dir, 0, 0, "cannot create the folder: "
		    "%s", strerror(errno));
		goto out;
	}
	for (i = 0; i < n; i++)
		paths[i] = pp[i];
	t4 = S_now();
	if (report_write_set(paths, bufs, n, &failed, o->tally) == -1) {
		diag_at(d, DIAG_FATAL, failed, 0, 0, "cannot write: %s "
		    "(no report file was replaced)", strerror(errno));
		goto out;
	}
	if (getenv("RB_TIMINGS") != NULL)
		diag_at(d, DIAG_NOTE, NULL, 0, 0, "report %s: %zu people; "
		    "sales %.3f s, workbook %.3f s (%.3f s CPU, %zu bytes), "
		    "template and tree %.3f s, HTML %.3f s, PDF %.3f s, write "
		    "%.3f s, total %.3f s (%.3f s CPU)", res->month,
		    res->npeople, t1 - t0, tx, txc, bufs[1].len, t2 - t1 - tx,
		    t3, t5, S_now() - t4, S_now() - t0, S_cpu());
	rc = 0;
out:
	for (i = 0; i < 6; i++) {
		buf_free(&bufs[i]);
		free(pp[i]);
	}
	free(dir);
	free(css);
	free(cssdata);
	doc_free(root);
	if (t)
		tmpl_free(t);
	sales_result_free(res);
	return rc;
}
