/*
 * sales.h — the monthly sales review engine.  Reads content/staff.csv,
 * content/sales/YYYY-MM/{events,incidents,targets}.csv and the compensation
 * plans content/plans/NAME.plan (formats: docs/sales.md), computes every
 * covered person's pay in integer fen (分) with an explanation for each
 * figure, and writes the payroll export out/reports/YYYY-MM-pay.csv.
 *
 * For the CLI (`rolebook report`) and for the report templates, which
 * render struct sales_result; nothing here prints or renders.
 *
 * Every problem goes through struct diag with file:line:col (columns in
 * characters).  A month with errors yields no result and writes nothing.
 *
 * Ownership: sales_result_free() frees a result and everything below it;
 * every string and array in a result is owned by it.  Strings are UTF-8.
 */
#ifndef RB_SALES_H
#define RB_SALES_H

#include <stddef.h>
#include <stdint.h>
#include "../util/diag.h"
#include "../util/util.h"
#include "../model/model.h"

/* Months of history kept for trends: this month and the five before. */
#define SALES_TREND	6

/* Pay columns, in the order of the payroll export. */
enum sales_col {
	SALES_BASE,		/* base: 底薪 */
	SALES_PHONE,		/* phone_allowance: 电话补贴 */
	SALES_TRANSPORT,	/* transport_allowance: 交通补贴 */
	SALES_ATTENDANCE,	/* attendance_bonus: 全勤奖 */
	SALES_QUOTA,		/* quota_adjustment: 准客户任务奖罚 (may be < 0) */
	SALES_COMMISSION,	/* commission: 提成 */
	SALES_CHAMPION,		/* champion_bonus: 冠军奖 (month, quarter, streak) */
	SALES_TEAM,		/* team_share: 团队奖分成 */
	SALES_FINES,		/* fines: 罚款 (positive, subtracted) */
	SALES_COL__MAX
};

/* Payroll header names (base, phone_allowance, …) and Chinese labels. */
extern const char *const sales_col_name[SALES_COL__MAX];
extern const char *const sales_col_label[SALES_COL__MAX];

/* A record that explains a figure: a line of a data file. */
struct sales_ref {
	const char	*file;	/* borrowed from sales_result.files */
	int		 line;	/* 1-based */
};

/* Flags of a sales_item. */
#define SALES_IT_FORFEIT	0x01	/* withheld (fen 0); why says why */
#define SALES_IT_PRORATED	0x02	/* prorated by days employed */
#define SALES_IT_NOTAPPLIED	0x04	/* rule not applied (part of a month) */

/* One figure of a person's pay, with its reason. */
struct sales_item {
	enum sales_col	 col;	/* the column it adds to */
	char		*rule;	/* rule label from the plan, e.g. 全勤奖 */
	int64_t		 fen;	/* amount; fines are positive (subtracted) */
	int64_t		 full;	/* the rule's full amount before forfeit or
				   proration (fixed amounts only, else 0) */
	unsigned	 flags;	/* SALES_IT_* */
	char		*why;	/* 全勤奖扣发：非豁免迟到 3 次（10-03、…） */
	struct sales_ref *refs;	/* the records behind it */
	size_t		 nrefs;
};

/* A role target (from the role file) and what the person achieved. */
struct sales_target {
	char		*metric;	/* invitations, design_agreements, … */
	char		*unit;		/* 次, 份; may be NULL */
	int64_t		 value;		/* target: a count, or fen for "signed" */
	int64_t		 actual;	/* achieved this month, same unit */
	int		 met;		/* actual >= value */
};

/* One person employed on at least one day of the month. */
struct sales_person {
	char		*id;		/* staff id */
	char		*name;
	char		*role;		/* role id */
	char		*role_title;	/* from the role file; NULL without site */
	char		*team;		/* team id; NULL when none */
	char		*plan;		/* id of the covering plan; NULL if none */
	char		*plan_title;	/* its title; NULL if none or untitled */
	int		 covered;	/* a plan covers this person: in payroll */
	char		 hired[11];	/* YYYY-MM-DD */
	char		 left[11];	/* YYYY-MM-DD or "" */
	int		 days;		/* days employed this month */
	int		 partial;	/* days < the month's days */
	int		 line;		/* of the person in staff.csv */

	/* Activity this month (events.csv). */
	int		 visits;
	int		 invitations;
	int		 design_agreements;
	int		 contracts;
	int		 prospects;	/* clients with >= 2 visits (or the
					   plan's quota visits) this month */
	int64_t		 signed_fen;	/* sum of contract amounts */
	/* Non-exempt incidents this month, by kind, and exempt ones. */
	int		 late, leave, comp_leave, phone_blocked,
			 transport_late, missing_record;
	int		 exempt;

	int		 rank;		/* 1-based among people of the same
					   plan (signed, prospects, id); 0 if
					   not covered */
	int64_t		 col[SALES_COL__MAX];	/* per column, in fen */
	int64_t		 total;		/* col sum, fines subtracted */
	struct sales_item *items;	/* in column order */
	size_t		 nitems;
	struct sales_target *targets;	/* from the role (monthly ones) */
	size_t		 ntargets;
	char		*note;		/* e.g. 推荐次月晋升业务经理; NULL */

	/* History, oldest first; [SALES_TREND - 1] is this month,
	 * [SALES_TREND - 2] last month.  -1 where the month is absent or the
	 * person was not employed then. */
	int64_t		 trend_signed[SALES_TREND];
	int		 trend_prospects[SALES_TREND];
};

/* A team under a plan: signed amount of the covered members vs target. */
struct sales_team {
	char		*id;
	char		*plan;		/* plan whose team rule applied; NULL */
	int64_t		 target;	/* fen; -1 when targets.csv has none */
	int64_t		 signed_fen;	/* covered members only */
	int64_t		 attain_ppm;	/* signed / target in parts per million;
					   -1 without a target */
	int64_t		 bonus;		/* team bonus earned, fen */
	int		 members;	/* covered members sharing it */
	int64_t		 share;		/* equal share per member, fen */
	int		 leftover;	/* fen given one each in ranking order */
	char		*why;		/* explanation; NULL without team rule */
	struct sales_ref ref;		/* the targets.csv row (file NULL if none) */
	int64_t		 trend_signed[SALES_TREND];	/* -1: month absent */
	int64_t		 trend_target[SALES_TREND];	/* -1: no target */
};

enum sales_champ_kind {
	SALES_CHAMP_MONTH,	/* 月冠军 */
	SALES_CHAMP_QUARTER,	/* 季冠军 */
	SALES_CHAMP_STREAK	/* 三连冠: champion in every month of a quarter */
};

struct sales_champion {
	enum sales_champ_kind kind;
	char		*plan;
	char		*person;	/* staff id */
	int64_t		 signed_fen;	/* month or quarter total */
	int		 prospects;	/* month or quarter total */
	int64_t		 fen;		/* bonus paid this month */
	char		*why;
};

/* A warning to the person (e.g. the 1st and 2nd missing_record). */
struct sales_note {
	char		*person;
	char		*text;
	struct sales_ref ref;
};

/* A data problem that did not stop the report (a diagnostic warning). */
struct sales_problem {
	enum diag_level	 level;
	char		*file;		/* may be NULL */
	int		 line, col;
	char		*msg;
};

struct sales_result {
	char		 month[8];	/* YYYY-MM */
	int		 days;		/* days in the month */
	char		 trend_month[SALES_TREND][8];	/* oldest first */
	int		 trend_present[SALES_TREND];	/* data loaded for it */
	struct sales_person *people;	/* staff-id order */
	size_t		 npeople;
	struct sales_team *teams;	/* id order */
	size_t		 nteams;
	struct sales_champion *champions;
	size_t		 nchampions;
	struct sales_note *warnings;
	size_t		 nwarnings;
	struct sales_problem *problems;
	size_t		 nproblems;
	int64_t		 col_total[SALES_COL__MAX];	/* over covered people */
	int64_t		 total;
	int64_t		 fund;		/* fines paid into the fund, fen */
	char		*fund_name;	/* e.g. 部门活动经费; NULL if no fines rule */
	char		**files;	/* interned file names (sales_ref.file) */
	size_t		 nfiles;
	char		*staff_file;	/* staff.csv as diagnostics name it
					   (sales_person.line is in it) */
};

/* An in-memory content file, for tests and embedding. */
struct sales_file {
	const char	*path;	/* relative to the content folder, e.g.
				   "staff.csv", "sales/2026-10/events.csv",
				   "plans/salesperson.plan" */
	const char	*data;
	size_t		 len;	/* 0: strlen(data) */
};

/*
 * Computes month (YYYY-MM) from the content folder content_dir: loads
 * staff.csv, every plans/NAME.plan, the month's three files and the earlier
 * months it needs (the quarter for quarterly champions and streaks; up to
 * five months back, when present, for last-month and trend numbers).
 * site gives the roles (checked against staff.csv, and their targets); it
 * may be NULL, then roles are not checked and targets are absent.
 * Returns 0 and sets *res (caller frees with sales_result_free) when no
 * error was reported; returns -1 with *res NULL otherwise (all problems
 * are in d).  Warnings do not fail unless d->werror is set.
 */
int	sales_month(struct diag *d, const struct rb_site *site,
	    const char *content_dir, const char *month,
	    struct sales_result **res);

/*
 * `rolebook check`: validates the sales data of content_dir without
 * computing: staff.csv, the plans and the three files of every month
 * folder sales/YYYY-MM (each as strictly as a report month).  Content
 * without staff.csv, sales/ and plans/ has nothing to check.  Returns 0,
 * or -1 when errors were reported (in d).
 */
int	sales_check(struct diag *d, const struct rb_site *site,
	    const char *content_dir);

/*
 * As sales_month(), but the content is the nfiles files in memory; their
 * paths (relative, as in struct sales_file) name them in diagnostics.
 */
int	sales_month_mem(struct diag *d, const struct rb_site *site,
	    const struct sales_file *files, size_t nfiles, const char *month,
	    struct sales_result **res);

void	sales_result_free(struct sales_result *);

/* Is c a character that makes a spreadsheet evaluate a cell starting with
 * it (=, +, -, @, tab, CR: the OWASP CSV-injection rule)? */
int	sales_payroll_risky(int c);
/* Appends the text s as one CSV field: a leading ' when s starts with a
 * risky character (so that Excel and LibreOffice show it as text), then
 * RFC 4180 quoting when needed.  Numbers are written without it. */
void	sales_payroll_text(struct buf *out, const char *s);

/* Appends the payroll export of res (header, one row per covered person
 * in staff-id order, yuan with 2 decimals, LF line ends; text fields
 * through sales_payroll_text) to out. */
void	sales_payroll_csv(const struct sales_result *res, struct buf *out);

/*
 * Appends the payroll workbook of res (.xlsx, libxlsxwriter) to out: a
 * sheet named after the month with Chinese headers (工号, 姓名, the pay
 * columns' labels, 应发合计), text cells as strings, money as numbers in
 * #,##0.00, a totals row, the header frozen; a second sheet 计算说明 with
 * every figure's rule, reason and records.  The document date is epoch
 * (SOURCE_DATE_EPOCH) when >= 0, else the day after the month, so the
 * same result gives the same bytes.  Uses a private temporary folder
 * under $TMPDIR.  Returns 0, or -1 with errno set.
 */
int	sales_payroll_xlsx(const struct sales_result *res, long long epoch,
	    struct buf *out);

/* Formats fen as yuan with exactly two decimals ("-250.00") into out
 * (at least 32 bytes); returns out. */
char	*sales_fen_str(char *out, int64_t fen);

/* Compares staff ids in natural order ("2" < "10"; digit runs by value),
 * ties by bytes.  The order of the payroll and of "smaller staff id". */
int	sales_idcmp(const char *a, const char *b);

/*
 * Every Chinese word the CSV readers match, to fn: the headers' Chinese
 * names (工号, 类型, …) and the values (上门, 迟到, 是, …), in simplified
 * characters; their traditional forms are folded as rb_name_eq folds them
 * (tests/check-trad.sh asks OpenCC for them, tests/tools/foldcheck).
 */
void	sales_words(void (*fn)(const char *, void *), void *arg);

#endif
