/*
 * plan.c — parses and validates compensation plan files (content/plans/
 * NAME.plan): an INI-like, declarative format of sections ([plan], [base],
 * [allowance phone], [attendance], [quota], [commission], [fines],
 * [champion month|quarter|streak], [team]) and "key = value" lines.  The
 * format is documented in docs/sales.md.  Every problem is reported with
 * file:line:col; a plan with errors is not used.  Internal to src/sales.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "sales_int.h"

enum S_sec {
	SEC_PLAN, SEC_BASE, SEC_PHONE, SEC_TRANSPORT, SEC_ATTEND, SEC_QUOTA,
	SEC_COMMISSION, SEC_FINES, SEC_CHMONTH, SEC_CHQUARTER, SEC_STREAK,
	SEC_TEAM, SEC__MAX
};

static const char *const S_sec_name[SEC__MAX] = {
	"plan", "base", "allowance phone", "allowance transport",
	"attendance", "quota", "commission", "fines", "champion month",
	"champion quarter", "champion streak", "team" };

static const char *const S_sec_label[SEC__MAX] = {
	NULL, "底薪", "电话补贴", "交通补贴", "全勤奖", "准客户任务",
	"提成", "记录罚款", "月冠军奖", "季冠军奖", "季度三连冠奖",
	"团队奖" };

/* Keys of each section: name, then flags (R required, M may repeat). */
#define K_R	1
#define K_M	2
struct S_keydef {
	const char	*name;
	int		 flags;
};
static const struct S_keydef S_keys[SEC__MAX][8] = {
	[SEC_PLAN] = { { "id", K_R }, { "title", K_R }, { "roles", K_R },
	    { "from", 0 }, { "until", 0 } },
	[SEC_BASE] = { { "amount", K_R }, { "partial", 0 }, { "label", 0 } },
	[SEC_PHONE] = { { "amount", K_R }, { "forfeit", K_M },
	    { "partial", 0 }, { "label", 0 } },
	[SEC_TRANSPORT] = { { "amount", K_R }, { "forfeit", K_M },
	    { "partial", 0 }, { "label", 0 } },
	[SEC_ATTEND] = { { "amount", K_R }, { "forfeit", K_M },
	    { "partial", 0 }, { "label", 0 } },
	[SEC_QUOTA] = { { "metric", 0 }, { "visits", 0 }, { "target", K_R },
	    { "bonus", K_R }, { "penalty", K_R }, { "partial", 0 },
	    { "label", 0 } },
	[SEC_COMMISSION] = { { "mode", K_R }, { "tier", K_R | K_M },
	    { "label", 0 } },
	[SEC_FINES] = { { "incident", K_R }, { "warnings", K_R },
	    { "amount", K_R }, { "fund", K_R }, { "label", 0 } },
	[SEC_CHMONTH] = { { "amount", K_R }, { "rank", 0 }, { "label", 0 } },
	[SEC_CHQUARTER] = { { "amount", K_R }, { "rank", 0 },
	    { "label", 0 } },
	[SEC_STREAK] = { { "amount", K_R }, { "note", 0 }, { "label", 0 } },
	[SEC_TEAM] = { { "tier", K_R | K_M }, { "rank", 0 }, { "split", 0 },
	    { "label", 0 } },
};

/* Parser state. */
struct S_ps {
	struct diag	*d;
	const struct rb_site *site;
	const char	*file;
	struct plan	*p;
	int		 ok;
	int		 sec;		/* current section, -1 before any */
	int		 sec_line[SEC__MAX];	/* 0: not seen */
	int		 key_line[SEC__MAX][8];	/* first line of each key */
	/* the current line */
	int		 line;
	const char	*ltext;		/* start of the line */
};

static void
S_err(struct S_ps *ps, const char *at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Reports an error at the character of the current line that at points
 * to (NULL: column 0). */
static void
S_err(struct S_ps *ps, const char *at, const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;
	int col = 0;

	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	if (at != NULL)
		col = (int)utf8_count(ps->ltext, (size_t)(at - ps->ltext)) + 1;
	diag_at(ps->d, DIAG_ERROR, ps->file, ps->line, col, "%s", b.data);
	buf_free(&b);
	ps->ok = 0;
}

void
plan_free(struct plan *p)
{
	size_t i;

	if (p == NULL)
		return;
	for (i = 0; i < p->nroles; i++)
		free(p->roles[i]);
	free(p->roles);
	free(p->roles_col);
	free(p->file);
	free(p->id);
	free(p->title);
	free(p->base.label);
	free(p->phone.label);
	free(p->transport.label);
	free(p->attendance.label);
	free(p->quota.label);
	free(p->commission.label);
	free(p->fines.label);
	free(p->fines.fund);
	free(p->champ_month.label);
	free(p->champ_quarter.label);
	free(p->streak.label);
	free(p->streak.note);
	free(p->team.label);
	free(p);
}

int
plan_covers(const struct plan *p, const char *role, int ym)
{
	size_t i;

	if ((p->from && ym < p->from) || (p->until && ym > p->until))
		return 0;
	for (i = 0; i < p->nroles; i++)
		if (strcmp(p->roles[i], role) == 0)
			return 1;
	return 0;
}

/* Space or tab: the only blanks inside a plan line. */
static int
S_isspace(int c)
{
	return c == ' ' || c == '\t';
}

/* Parses a yuan amount token [s, e); reports at s. */
static int
S_money(struct S_ps *ps, const char *s, const char *e, int64_t *fen)
{
	size_t bad;

	switch (val_money_parse(s, (size_t)(e - s), fen, &bad)) {
	case VAL_MONEY_OK:
		return 0;
	case VAL_MONEY_DECIMALS:
		S_err(ps, s + bad, "amount '%.*s' has more than 2 decimals",
		    (int)(e - s), s);
		return -1;
	case VAL_MONEY_NEG:
		S_err(ps, s, "amount '%.*s' is negative", (int)(e - s), s);
		return -1;
	default:
		S_err(ps, s, "bad amount '%.*s': write yuan with up to 2 "
		    "decimals, e.g. 1000.00", (int)(e - s), s);
		return -1;
	}
}

/* Parses a percentage token "1.5%" (up to 4 decimals) into ppm. */
static int
S_percent(struct S_ps *ps, const char *s, const char *e, int64_t *ppm)
{
	const char *p;
	int64_t v = 0;
	int dec = -1;

	if (e - s < 2 || e[-1] != '%')
		goto bad;
	for (p = s; p < e - 1; p++) {
		if (*p == '.' && dec == -1 && p > s) {
			dec = 0;
			continue;
		}
		if (!isdigit((unsigned char)*p) || dec == 4 || v > 100000000)
			goto bad;
		v = v * 10 + (*p - '0');
		if (dec >= 0)
			dec++;
	}
	if (dec == 0)
		goto bad;
	for (dec = dec < 0 ? 0 : dec; dec < 4; dec++)
		v *= 10;
	*ppm = v;
	return 0;
bad:
	S_err(ps, s, "bad percentage '%.*s': write e.g. 1.5%% (up to 4 "
	    "decimals)", (int)(e - s), s);
	return -1;
}

/* Parses a non-negative integer token; reports at s. */
static int
S_int(struct S_ps *ps, const char *s, const char *e, int min, int max,
    int *out)
{
	const char *p;
	long v = 0;

	for (p = s; p < e; p++) {
		if (!isdigit((unsigned char)*p) || v > 1000000)
			break;
		v = v * 10 + (*p - '0');
	}
	if (p == s || p != e || v < min || v > max) {
		S_err(ps, s, "'%.*s' is not a whole number from %d to %d",
		    (int)(e - s), s, min, max);
		return -1;
	}
	*out = (int)v;
	return 0;
}

/* Splits value [s, e) into tokens at spaces and commas; returns count. */
static size_t
S_tokens(const char *s, const char *e, const char **ts, const char **te,
    size_t max)
{
	size_t n = 0;

	for (;;) {
		while (s < e && (S_isspace(*s) || *s == ','))
			s++;
		if (s == e)
			return n;
		if (n == max)
			return n + 1;
		ts[n] = s;
		while (s < e && !S_isspace(*s) && *s != ',')
			s++;
		te[n++] = s;
	}
}

/* Parses a partial-month value [s, e); prorate only when allowed. */
static int
S_partial(struct S_ps *ps, const char *s, const char *e, int allow_prorate,
    enum partial_rule *out)
{
	size_t n = (size_t)(e - s);

	if (n == 4 && memcmp(s, "full", 4) == 0)
		*out = PARTIAL_FULL;
	else if (n == 4 && memcmp(s, "none", 4) == 0)
		*out = PARTIAL_NONE;
	else if (allow_prorate && n == 7 && memcmp(s, "prorate", 7) == 0)
		*out = PARTIAL_PRORATE;
	else {
		S_err(ps, s, "partial must be %s, not '%.*s'", allow_prorate ?
		    "prorate, full or none" : "full or none", (int)n, s);
		return -1;
	}
	return 0;
}

/* forfeit = KIND >= N */
static void
S_forfeit(struct S_ps *ps, struct fixed_rule *r, const char *s, const char *e)
{
	const char *ts[4], *te[4];
	size_t n;
	int k, min;

	n = S_tokens(s, e, ts, te, 4);
	if (n != 3 || te[1] - ts[1] != 2 || memcmp(ts[1], ">=", 2) != 0) {
		S_err(ps, s, "forfeit must read 'KIND >= N', e.g. "
		    "'late >= 3'");
		return;
	}
	if ((k = val_inc_parse(ts[0], (size_t)(te[0] - ts[0]))) == -1) {
		S_err(ps, ts[0], "unknown incident kind '%.*s'; expected late, "
		    "leave, comp_leave, phone_blocked, transport_late or "
		    "missing_record", (int)(te[0] - ts[0]), ts[0]);
		return;
	}
	if (S_int(ps, ts[2], te[2], 1, 1000, &min) == -1)
		return;
	if (r->nconds == sizeof(r->conds) / sizeof(r->conds[0])) {
		S_err(ps, s, "too many forfeit conditions (limit %zu)",
		    sizeof(r->conds) / sizeof(r->conds[0]));
		return;
	}
	r->conds[r->nconds].kind = (enum inc_kind)k;
	r->conds[r->nconds++].min = min;
}

/* rank = KEY ... ; id is appended when missing, and must be last. */
static void
S_rank(struct S_ps *ps, struct rank *rk, const char *s, const char *e)
{
	static const char *const names[] = {
		"signed", "prospects", "contracts", "id" };
	const char *ts[RANK_MAX + 1], *te[RANK_MAX + 1];
	size_t n, i, j, k;

	n = S_tokens(s, e, ts, te, RANK_MAX);
	if (n == 0 || n > RANK_MAX) {
		S_err(ps, s, "rank lists 1 to %d of: signed, prospects, "
		    "contracts, id", RANK_MAX);
		return;
	}
	rk->n = 0;
	for (i = 0; i < n; i++) {
		for (k = 0; k < 4; k++)
			if (strlen(names[k]) == (size_t)(te[i] - ts[i]) &&
			    memcmp(ts[i], names[k], (size_t)(te[i] - ts[i])) ==
			    0)
				break;
		if (k == 4) {
			S_err(ps, ts[i], "unknown rank key '%.*s'; expected "
			    "signed, prospects, contracts or id",
			    (int)(te[i] - ts[i]), ts[i]);
			return;
		}
		for (j = 0; j < rk->n; j++)
			if (rk->key[j] == (enum rank_key)k) {
				S_err(ps, ts[i], "rank key '%s' given twice",
				    names[k]);
				return;
			}
		if (k == RANK_ID && i != n - 1) {
			S_err(ps, ts[i], "'id' must be the last rank key (it "
			    "breaks every remaining tie)");
			return;
		}
		rk->key[rk->n++] = (enum rank_key)k;
	}
	if (rk->key[rk->n - 1] != RANK_ID)
		rk->key[rk->n++] = RANK_ID;
}

/* tier = AMOUNT RATE% (commission) or PERCENT% AMOUNT (team). */
static void
S_tier(struct S_ps *ps, int team, const char *s, const char *e)
{
	const char *ts[3], *te[3];
	struct tier t, *tiers;
	size_t n, *nt;

	tiers = team ? ps->p->team.tiers : ps->p->commission.tiers;
	nt = team ? &ps->p->team.ntiers : &ps->p->commission.ntiers;
	n = S_tokens(s, e, ts, te, 3);
	if (n != 2) {
		S_err(ps, s, "%s", team ? "team tier must read 'PERCENT% "
		    "AMOUNT', e.g. '110% 1000.00'" : "commission tier must "
		    "read 'FROM RATE%', e.g. '100000.00 2%'");
		return;
	}
	if (team) {
		if (S_percent(ps, ts[0], te[0], &t.from) == -1 ||
		    S_money(ps, ts[1], te[1], &t.val) == -1)
			return;
		if (t.from == 0) {
			S_err(ps, ts[0], "a team tier starts above 0%%");
			return;
		}
	} else {
		if (S_money(ps, ts[0], te[0], &t.from) == -1 ||
		    S_percent(ps, ts[1], te[1], &t.val) == -1)
			return;
		if (t.val > 1000000) {
			S_err(ps, ts[1], "a commission rate above 100%% is "
			    "not allowed");
			return;
		}
		if (*nt == 0 && t.from != 0) {
			S_err(ps, ts[0], "the first commission tier must start "
			    "at 0.00");
			return;
		}
	}
	if (*nt > 0 && t.from <= tiers[*nt - 1].from) {
		S_err(ps, ts[0], "tiers must be in ascending order of their "
		    "%s", team ? "percentage" : "amount");
		return;
	}
	if (*nt == SALES_MAX_TIERS) {
		S_err(ps, s, "too many tiers (limit %d)", SALES_MAX_TIERS);
		return;
	}
	tiers[(*nt)++] = t;
}

/* The fixed rule of a section, or NULL. */
static struct fixed_rule *
S_fixed(struct plan *p, int sec)
{
	switch (sec) {
	case SEC_BASE:
		return &p->base;
	case SEC_PHONE:
		return &p->phone;
	case SEC_TRANSPORT:
		return &p->transport;
	case SEC_ATTEND:
		return &p->attendance;
	default:
		return NULL;
	}
}

/* Where the label of a section is stored. */
static char **
S_labelp(struct plan *p, int sec)
{
	switch (sec) {
	case SEC_QUOTA:
		return &p->quota.label;
	case SEC_COMMISSION:
		return &p->commission.label;
	case SEC_FINES:
		return &p->fines.label;
	case SEC_CHMONTH:
		return &p->champ_month.label;
	case SEC_CHQUARTER:
		return &p->champ_quarter.label;
	case SEC_STREAK:
		return &p->streak.label;
	case SEC_TEAM:
		return &p->team.label;
	default:
		return S_fixed(p, sec) ? &S_fixed(p, sec)->label : NULL;
	}
}

/* roles = ROLE, ROLE ... */
static void
S_roles(struct S_ps *ps, const char *s, const char *e)
{
	struct plan *p = ps->p;
	const char *ts[65], *te[65];
	size_t n, i, j;

	n = S_tokens(s, e, ts, te, 64);
	if (n == 0 || n > 64) {
		S_err(ps, s, "roles lists 1 to 64 role ids");
		return;
	}
	p->roles_line = ps->line;
	for (i = 0; i < n; i++) {
		if (!rb_id_valid(ts[i], (size_t)(te[i] - ts[i]))) {
			S_err(ps, ts[i], "bad role id '%.*s'",
			    (int)(te[i] - ts[i]), ts[i]);
			continue;
		}
		for (j = 0; j < p->nroles; j++)
			if (strlen(p->roles[j]) == (size_t)(te[i] - ts[i]) &&
			    memcmp(p->roles[j], ts[i], (size_t)(te[i] - ts[i]))
			    == 0)
				break;
		if (j < p->nroles) {
			S_err(ps, ts[i], "role '%s' listed twice", p->roles[j]);
			continue;
		}
		p->roles = xreallocarray(p->roles, p->nroles + 1,
		    sizeof(*p->roles));
		p->roles_col = xreallocarray(p->roles_col, p->nroles + 1,
		    sizeof(*p->roles_col));
		p->roles[p->nroles] = xstrndup(ts[i], (size_t)(te[i] - ts[i]));
		p->roles_col[p->nroles] = (int)utf8_count(ps->ltext,
		    (size_t)(ts[i] - ps->ltext)) + 1;
		if (ps->site && rb_site_role(ps->site,
		    p->roles[p->nroles]) == NULL && !rb_site_broken(ps->site,
		    p->roles[p->nroles]))
			S_err(ps, ts[i], "role '%s' is not a role (no "
			    "roles/%s.md or .xml)", p->roles[p->nroles],
			    p->roles[p->nroles]);
		p->nroles++;
	}
}

/* One "key = value" line of section sec; key is [k, ke), value [v, ve). */
static void
S_keyval(struct S_ps *ps, const char *k, const char *ke, const char *v,
    const char *ve)
{
	struct plan *p = ps->p;
	struct fixed_rule *fr;
	const struct S_keydef *kd;
	struct buf want = BUF_INIT;
	char **lp;
	size_t kn = (size_t)(ke - k), ki, vn = (size_t)(ve - v);
	int sec = ps->sec, i;

#define KEY(s)	(kn == sizeof(s) - 1 && memcmp(k, s, kn) == 0)
	for (ki = 0; ki < 8 && S_keys[sec][ki].name; ki++)
		if (strlen(S_keys[sec][ki].name) == kn &&
		    memcmp(S_keys[sec][ki].name, k, kn) == 0)
			break;
	if (ki == 8 || S_keys[sec][ki].name == NULL) {
		for (i = 0; i < 8 && S_keys[sec][i].name; i++)
			buf_printf(&want, "%s%s", i ? ", " : "",
			    S_keys[sec][i].name);
		S_err(ps, k, "unknown key '%.*s' in [%s]; expected %s",
		    (int)kn, k, S_sec_name[sec], want.data);
		buf_free(&want);
		return;
	}
	kd = &S_keys[sec][ki];
	if (ps->key_line[sec][ki] && !(kd->flags & K_M)) {
		S_err(ps, k, "'%s' is given twice in [%s] (first at line %d)",
		    kd->name, S_sec_name[sec], ps->key_line[sec][ki]);
		return;
	}
	if (ps->key_line[sec][ki] == 0)
		ps->key_line[sec][ki] = ps->line;
	if (vn == 0) {
		S_err(ps, ke, "'%s' has no value", kd->name);
		return;
	}
	if (KEY("label")) {
		lp = S_labelp(p, sec);
		free(*lp);
		*lp = xstrndup(v, vn);
		return;
	}
	fr = S_fixed(p, sec);
	switch (sec) {
	case SEC_PLAN:
		if (KEY("id")) {
			if (!rb_slug_valid(v, vn))
				S_err(ps, v, "bad plan id '%.*s': use a-z, "
				    "0-9 and '-'", (int)vn, v);
			else
				p->id = xstrndup(v, vn);
		} else if (KEY("title"))
			p->title = xstrndup(v, vn);
		else if (KEY("roles"))
			S_roles(ps, v, ve);
		else {
			i = val_month_parse(v, vn);
			if (i == -1)
				S_err(ps, v, "bad month '%.*s': write YYYY-MM",
				    (int)vn, v);
			else if (KEY("from"))
				p->from = i;
			else
				p->until = i;
		}
		return;
	case SEC_BASE:
	case SEC_PHONE:
	case SEC_TRANSPORT:
	case SEC_ATTEND:
		if (KEY("amount"))
			S_money(ps, v, ve, &fr->amount);
		else if (KEY("forfeit"))
			S_forfeit(ps, fr, v, ve);
		else
			S_partial(ps, v, ve, 1, &fr->partial);
		return;
	case SEC_QUOTA:
		if (KEY("metric")) {
			if (vn != 9 || memcmp(v, "prospects", 9) != 0)
				S_err(ps, v, "quota metric must be 'prospects' "
				    "(clients with repeated visits)");
		} else if (KEY("visits"))
			S_int(ps, v, ve, 1, 100, &p->quota.visits);
		else if (KEY("target"))
			S_int(ps, v, ve, 0, 10000, &p->quota.target);
		else if (KEY("bonus"))
			S_money(ps, v, ve, &p->quota.bonus);
		else if (KEY("penalty"))
			S_money(ps, v, ve, &p->quota.penalty);
		else
			S_partial(ps, v, ve, 0, &p->quota.partial);
		return;
	case SEC_COMMISSION:
		if (KEY("mode")) {
			if (vn == 4 && memcmp(v, "flat", 4) == 0)
				p->commission.marginal = 0;
			else if (vn == 8 && memcmp(v, "marginal", 8) == 0)
				p->commission.marginal = 1;
			else
				S_err(ps, v, "mode must be flat (the rate of "
				    "the tier reached applies to the whole "
				    "amount) or marginal (each tier's rate to "
				    "its own slice)");
		} else
			S_tier(ps, 0, v, ve);
		return;
	case SEC_FINES:
		if (KEY("incident")) {
			if ((i = val_inc_parse(v, vn)) == -1)
				S_err(ps, v, "unknown incident kind '%.*s'",
				    (int)vn, v);
			else
				p->fines.kind = (enum inc_kind)i;
		} else if (KEY("warnings"))
			S_int(ps, v, ve, 0, 100, &p->fines.warnings);
		else if (KEY("amount"))
			S_money(ps, v, ve, &p->fines.amount);
		else
			p->fines.fund = xstrndup(v, vn);
		return;
	case SEC_CHMONTH:
	case SEC_CHQUARTER:
		if (KEY("amount"))
			S_money(ps, v, ve, sec == SEC_CHMONTH ?
			    &p->champ_month.amount : &p->champ_quarter.amount);
		else
			S_rank(ps, sec == SEC_CHMONTH ? &p->champ_month.rank :
			    &p->champ_quarter.rank, v, ve);
		return;
	case SEC_STREAK:
		if (KEY("amount"))
			S_money(ps, v, ve, &p->streak.amount);
		else
			p->streak.note = xstrndup(v, vn);
		return;
	case SEC_TEAM:
		if (KEY("tier"))
			S_tier(ps, 1, v, ve);
		else if (KEY("rank"))
			S_rank(ps, &p->team.rank, v, ve);
		else if (vn != 5 || memcmp(v, "equal", 5) != 0)
			S_err(ps, v, "split must be 'equal' (leftover fen go "
			    "one each in rank order)");
		return;
	}
#undef KEY
}

/* A "[name]" line; s points after '[', e at ']'. */
static void
S_section(struct S_ps *ps, const char *s, const char *e)
{
	struct buf name = BUF_INIT, want = BUF_INIT;
	const char *p;
	int i, sp = 0;

	for (p = s; p < e; p++) {
		if (S_isspace(*p)) {
			sp = name.len > 0;
			continue;
		}
		if (sp)
			buf_putc(&name, ' ');
		sp = 0;
		buf_putc(&name, *p);
	}
	for (i = 0; i < SEC__MAX; i++)
		if (name.data && strcmp(name.data, S_sec_name[i]) == 0)
			break;
	if (i == SEC__MAX) {
		for (i = 0; i < SEC__MAX; i++)
			buf_printf(&want, "%s[%s]", i ? ", " : "",
			    S_sec_name[i]);
		S_err(ps, s, "unknown section [%s]; expected one of %s",
		    name.data ? name.data : "", want.data);
		buf_free(&want);
		buf_free(&name);
		ps->sec = -2;
		return;
	}
	buf_free(&name);
	if (ps->sec_line[i]) {
		S_err(ps, s, "section [%s] appears twice (first at line %d)",
		    S_sec_name[i], ps->sec_line[i]);
		ps->sec = -2;
		return;
	}
	ps->sec_line[i] = ps->line;
	ps->sec = i;
	if (i == SEC_PLAN)
		ps->p->line = ps->line;
}

/* After the whole file: required keys, defaults and cross-section rules. */
static void
S_finish(struct S_ps *ps)
{
	struct plan *p = ps->p;
	struct fixed_rule *fr;
	char **lp;
	int sec, k;

	if (!ps->sec_line[SEC_PLAN]) {
		diag_at(ps->d, DIAG_ERROR, ps->file, 1, 1, "no [plan] "
		    "section: a plan needs [plan] with id, title and roles");
		ps->ok = 0;
	}
	for (sec = 0; sec < SEC__MAX; sec++) {
		if (!ps->sec_line[sec])
			continue;
		for (k = 0; k < 8 && S_keys[sec][k].name; k++)
			if ((S_keys[sec][k].flags & K_R) &&
			    !ps->key_line[sec][k]) {
				diag_at(ps->d, DIAG_ERROR, ps->file,
				    ps->sec_line[sec], 1, "[%s] needs '%s'",
				    S_sec_name[sec], S_keys[sec][k].name);
				ps->ok = 0;
			}
		if (sec != SEC_PLAN && *(lp = S_labelp(p, sec)) == NULL)
			*lp = xstrdup(S_sec_label[sec]);
		if ((fr = S_fixed(p, sec)) != NULL)
			fr->on = 1;
	}
	p->quota.on = ps->sec_line[SEC_QUOTA] != 0;
	p->commission.on = ps->sec_line[SEC_COMMISSION] != 0;
	p->fines.on = ps->sec_line[SEC_FINES] != 0;
	p->champ_month.on = ps->sec_line[SEC_CHMONTH] != 0;
	p->champ_quarter.on = ps->sec_line[SEC_CHQUARTER] != 0;
	p->streak.on = ps->sec_line[SEC_STREAK] != 0;
	p->team.on = ps->sec_line[SEC_TEAM] != 0;
	if (p->from && p->until && p->until < p->from) {
		diag_at(ps->d, DIAG_ERROR, ps->file, ps->sec_line[SEC_PLAN],
		    1, "[plan] until is before from");
		ps->ok = 0;
	}
	if (p->streak.on && !p->champ_month.on) {
		diag_at(ps->d, DIAG_ERROR, ps->file,
		    ps->sec_line[SEC_STREAK], 1, "[champion streak] needs "
		    "[champion month] (a streak is the monthly champion in "
		    "every month of a quarter)");
		ps->ok = 0;
	}
	if (p->champ_month.rank.n == 0) {
		p->champ_month.rank.key[0] = RANK_SIGNED;
		p->champ_month.rank.key[1] = RANK_PROSPECTS;
		p->champ_month.rank.key[2] = RANK_ID;
		p->champ_month.rank.n = 3;
	}
	if (p->champ_quarter.rank.n == 0)
		p->champ_quarter.rank = p->champ_month.rank;
	if (p->team.rank.n == 0)
		p->team.rank = p->champ_month.rank;
}

struct plan *
plan_parse(struct diag *d, const struct rb_site *site, const char *file,
    const char *text, size_t len)
{
	struct S_ps ps;
	const char *ls = text, *le, *end = text + len, *p, *e, *eq, *ke;
	const char *ve;

	memset(&ps, 0, sizeof(ps));
	ps.d = d;
	ps.site = site;
	ps.file = file;
	ps.ok = 1;
	ps.sec = -1;
	ps.p = xcalloc(1, sizeof(*ps.p));
	ps.p->file = xstrdup(file);
	ps.p->quota.visits = 2;
	ps.p->base.partial = PARTIAL_PRORATE;
	ps.p->phone.partial = PARTIAL_PRORATE;
	ps.p->transport.partial = PARTIAL_PRORATE;
	ps.p->attendance.partial = PARTIAL_NONE;
	ps.p->quota.partial = PARTIAL_NONE;
	for (ps.line = 1; ls < end; ps.line++, ls = le + 1) {
		if ((le = memchr(ls, '\n', (size_t)(end - ls))) == NULL)
			le = end;
		ps.ltext = ls;
		if (le - ls > SALES_MAX_PLAN_LINE) {
			S_err(&ps, ls, "line longer than %d bytes (limit)",
			    SALES_MAX_PLAN_LINE);
			continue;
		}
		/* Trim; drop a comment ('#' first, or after a space). */
		e = le;
		if (e > ls && e[-1] == '\r')
			e--;
		for (p = ls; p < e; p++)
			if (*p == '#' && (p == ls || S_isspace(p[-1])))
				break;
		e = p;
		for (p = ls; p < e && S_isspace(*p); p++)
			;
		while (e > p && S_isspace(e[-1]))
			e--;
		if (p == e)
			continue;
		if (*p == '[') {
			if (e[-1] != ']') {
				S_err(&ps, e - 1, "section header must end "
				    "with ']'");
				ps.sec = -2;
				continue;
			}
			S_section(&ps, p + 1, e - 1);
			continue;
		}
		if ((eq = memchr(p, '=', (size_t)(e - p))) == NULL) {
			S_err(&ps, p, "expected '[section]' or 'key = value'");
			continue;
		}
		for (ke = eq; ke > p && S_isspace(ke[-1]); ke--)
			;
		for (ve = eq + 1; ve < e && S_isspace(*ve); ve++)
			;
		if (ke == p) {
			S_err(&ps, p, "missing key before '='");
			continue;
		}
		if (ps.sec == -1) {
			S_err(&ps, p, "'%.*s' outside a section; a plan starts "
			    "with [plan]", (int)(ke - p), p);
			ps.sec = -2;
			continue;
		}
		if (ps.sec == -2)	/* inside a bad section: reported */
			continue;
		S_keyval(&ps, p, ke, ve, e);
	}
	S_finish(&ps);
	if (!ps.ok) {
		plan_free(ps.p);
		return NULL;
	}
	return ps.p;
}
