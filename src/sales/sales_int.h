/*
 * sales_int.h — declarations shared by the files of src/sales only, one
 * section per file, each with its own name prefix: values (value.c, val_),
 * the content source (source.c, src_), the CSV reader (csv.c, csv_), the
 * loaded data, plans (plan.c, plan_), the run context (ctx.c, ctx_),
 * loading (load.c, load_), the computation (engine.c, engine_).  Files
 * depend on each other one way: value, source, csv <- plan <- ctx <- load,
 * engine <- sales.c; payroll.c needs value only.  Not for other modules;
 * they use sales.h.
 */
#ifndef RB_SALES_INT_H
#define RB_SALES_INT_H

#include "sales.h"

/* Limits; each is reported with a clear diagnostic when exceeded.  The
 * first three and SALES_MAX_STAFF are run-time limits a user can raise
 * (data-size, csv-rows, staff: src/util/limit.c); the others are fixed. */
#define SALES_MAX_FILE		((size_t)rb_limit(RB_LIM_DATA))	/* bytes per file */
#define SALES_MAX_ROWS		((size_t)rb_limit(RB_LIM_ROWS))	/* data rows per CSV file */
#define SALES_MAX_FIELD		4096		/* bytes per CSV field */
#define SALES_MAX_COLS		32		/* fields per CSV row */
#define SALES_MAX_FEN		100000000000LL	/* one amount: 1e9 yuan */
#define SALES_MAX_PLAN_LINE	1024		/* bytes per plan line */
#define SALES_MAX_TIERS		32		/* tiers per plan rule */
#define SALES_MAX_PLANS		64		/* plan files */
#define SALES_MAX_STAFF		((size_t)rb_limit(RB_LIM_STAFF)) /* people in staff.csv */

/* ---- values: vocabulary, calendar, money, staff ids (value.c) ---- */

/* Wide products (amount x rate) never overflow: fen x ppm needs > 64 bits. */
__extension__ typedef __int128 i128;

enum ev_type { EV_VISIT, EV_INVITATION, EV_DESIGN, EV_CONTRACT, EV__MAX };
enum inc_kind {
	INC_LATE, INC_LEAVE, INC_COMP_LEAVE, INC_PHONE_BLOCKED,
	INC_TRANSPORT_LATE, INC_MISSING_RECORD, INC__MAX
};
extern const char *const val_ev_name[EV__MAX];	/* visit, … */
extern const char *const val_inc_name[INC__MAX];	/* late, … */
extern const char *const val_inc_label[INC__MAX];	/* 迟到, … (for text) */
/* An event type or incident kind by its English or Chinese name (上门,
 * 迟到, …, or in traditional characters: 上門, 遲到); -1 if unknown. */
int	 val_ev_parse(const char *s, size_t n);
int	 val_inc_parse(const char *s, size_t n);
/* yes/是 1, no/否/empty 0, else -1. */
int	 val_yesno(const char *s, size_t n);
/* The Chinese values val_ev_parse, val_inc_parse and val_yesno accept
 * (simplified; traditional forms folded), each to fn (sales_words). */
void	 val_words(void (*fn)(const char *, void *), void *arg);

/* Dates are ints yyyymmdd; months ints yyyymm. */
enum val_date {
	VAL_DATE_OK,
	VAL_DATE_SYNTAX,	/* not a date form we read */
	VAL_DATE_ORDER,		/* day or month first: ambiguous */
	VAL_DATE_BAD		/* no such day (2026-02-30) */
};
/* Reads 2026-10-05, 2026-10-5, 2026/10/5, 2026.10.5, 2026年10月5日. */
enum val_date val_date_parse(const char *s, size_t n, int *ymd);
int	 val_month_parse(const char *s, size_t n);	/* YYYY-MM; -1 if bad */
int	 val_month_days(int ym);
int	 val_month_add(int ym, int delta);
void	 val_month_str(char out[8], int ym);
void	 val_date_str(char out[11], int ymd);

enum val_money {
	VAL_MONEY_OK, VAL_MONEY_EMPTY, VAL_MONEY_NEG, VAL_MONEY_DECIMALS,
	VAL_MONEY_SEP, VAL_MONEY_SYNTAX, VAL_MONEY_RANGE
};
/* Parses a yuan amount (digits, up to 2 decimals; thousands separators
 * in groups of 3, a leading ¥ or ￥, a trailing 元) into *fen; on error
 * *bad is the byte offset of the offending character. */
enum val_money val_money_parse(const char *s, size_t n, int64_t *fen,
	    size_t *bad);
/* Rounds num / den half away from zero; den > 0. */
int64_t	 val_div_round(i128 num, int64_t den);
/* Yuan with two decimals ("-250.00"), out >= 32 bytes. */
char	*val_fen_str(char *out, int64_t fen);
/* Formats parts per million as a percentage: 15000 -> "1.5%". */
char	*val_ppm_str(char *out, int64_t ppm);
/* Natural staff-id order (sales_idcmp). */
int	 val_idcmp(const char *a, const char *b);
/* Staff ids: [A-Za-z0-9][A-Za-z0-9._-]*, at most 32 bytes. */
int	 val_staff_id_ok(const char *s, size_t n);

/* ---- source: content on disk or in memory (source.c) ---- */

struct src {
	const char		*dir;	/* on disk; NULL for memory */
	const struct sales_file	*files;	/* memory */
	size_t			 nfiles;
};

/* Display name of rel: "DIR/rel" on disk, rel in memory.  Caller frees. */
char	*src_name(const struct src *, const char *rel);
/* Reads rel: 1 read, 0 absent, -1 error (reported, fatal or error). */
int	 src_read(struct diag *, const struct src *, const char *rel,
	    char **data, size_t *len);
/* Is rel an existing folder (disk) or a prefix of a file (memory)? */
int	 src_isdir(const struct src *, const char *rel);
/* Sorted names of the files directly in folder rel; caller frees with
 * src_list_free.  NULL with *n 0 when none or absent. */
char	**src_list(const struct src *, const char *rel, size_t *n);
void	 src_list_free(char **, size_t n);
/* Sorted names of the folders directly in folder rel, as src_list. */
char	**src_dirs(const struct src *, const char *rel, size_t *n);

/* ---- CSV (csv.c) ---- */

#define CSV_MAX_COLS	SALES_MAX_COLS

struct csv_field {
	char	*s;		/* NUL-terminated; unquoted fields trimmed */
	size_t	 len;
	int	 line, col;	/* of the field's first character */
	int	 quoted;
};

struct csv_row {
	struct csv_field *f;
	size_t		  nf;
	int		  line;
	int		  endcol;	/* column just past the last field */
};

struct csv {
	const char	*file;	/* borrowed display name */
	struct csv_row	*rows;	/* rows[0] is the header */
	size_t		 nrows;
	size_t		 width;	/* header fields, trailing empty ones aside
				   (set by csv_header) */
	int		 bad;	/* syntax errors were reported */
};

/* An expected column: its English name (ASCII case ignored), its Chinese
 * alias (simplified; traditional forms folded as rb_name_eq; may be NULL),
 * whether it may be absent. */
struct csv_col {
	const char	*name;
	const char	*alias;
	int		 optional;
};

/*
 * Turns raw file bytes into UTF-8 text.  enc NULL: UTF-8 (a BOM is
 * dropped), or GB18030 (which includes GBK) when the bytes are not UTF-8
 * and convert; else the declared iconv name (GBK, GB18030).  Bytes that
 * are neither are an error at their line and column.  Returns 0 and sets
 * *out (caller frees), or -1.
 */
int	 csv_decode(struct diag *, const char *file, const char *enc,
	    const char *data, size_t len, char **out, size_t *outlen);
/* Parses RFC 4180 text into c (c->file = file).  Records with syntax
 * errors are reported and left out (c->bad set).  Returns -1 when the file
 * could not be read to its end (a limit or an unterminated quote). */
int	 csv_parse(struct diag *, const char *file, const char *text,
	    size_t len, struct csv *c);
void	 csv_free(struct csv *);

/* Receives a warning about the header (an unknown column). */
typedef void csv_warn_fn(void *arg, const char *file, int line, int col,
    const char *msg);
/*
 * Maps the header row to the ncols columns: map[i] is the field index of
 * column i, or -1 when absent (an error unless optional).  Trailing empty
 * header fields are dropped (c->width).  Unknown columns go to warn,
 * duplicates are errors.  Returns 0 when every required column is present.
 */
int	 csv_header(struct diag *, struct csv *, const struct csv_col *cols,
	    size_t ncols, int *map, csv_warn_fn *warn, void *arg);

/* ---- loaded data ---- */

struct staff {
	char	*id, *name, *role, *team;	/* team NULL if empty */
	int	 hired, left;			/* yyyymmdd; left 0: none */
	int	 line;
	struct rb_pos team_pos;
};

struct event {
	int		 date;
	size_t		 person;	/* index into ctx->staff */
	enum ev_type	 type;
	char		*client;
	int64_t		 amount;	/* fen; contracts only */
	int		 line;
};

struct incident {
	int		 date;
	size_t		 person;
	enum inc_kind	 kind;
	int		 exempt;
	int		 line;
};

struct mtarget {
	char		*team;
	int64_t		 amount;	/* fen */
	int		 line;
};

struct month {
	int		 ym;
	char		*events_file, *incidents_file, *targets_file;
	struct event	*ev;	size_t nev;
	struct incident	*inc;	size_t ninc;
	struct mtarget	*tg;	size_t ntg;
	int		 have_incidents, have_targets;
};

/* ---- plans (plan.c) ---- */

enum partial_rule { PARTIAL_FULL, PARTIAL_PRORATE, PARTIAL_NONE };
enum rank_key { RANK_SIGNED, RANK_PROSPECTS, RANK_CONTRACTS, RANK_ID };
#define RANK_MAX	4

struct cond {		/* forfeited when non-exempt kind >= min */
	enum inc_kind	 kind;
	int		 min;
};

struct fixed_rule {	/* base, allowance, attendance bonus */
	int		 on;
	char		*label;
	int64_t		 amount;
	enum partial_rule partial;
	struct cond	 conds[INC__MAX * 2];
	size_t		 nconds;
};

struct tier {
	int64_t		 from;	/* commission: fen; team: ppm of target */
	int64_t		 val;	/* commission: rate ppm; team: fen */
};

struct rank {
	enum rank_key	 key[RANK_MAX];
	size_t		 n;	/* ends with RANK_ID */
};

struct plan {
	char		*file;		/* display name */
	char		*id, *title;
	char		**roles;	size_t nroles;
	int		*roles_col;	/* column of each role, for errors */
	int		 roles_line;
	int		 from, until;	/* yyyymm; 0 open */
	int		 line;		/* of [plan] */

	struct fixed_rule base, phone, transport, attendance;
	struct {
		int		 on;
		char		*label;
		int		 visits;	/* visits that make a prospect */
		int		 target;
		int64_t		 bonus, penalty;	/* fen per unit */
		enum partial_rule partial;	/* FULL or NONE */
	} quota;
	struct {
		int		 on;
		char		*label;
		int		 marginal;
		struct tier	 tiers[SALES_MAX_TIERS];	/* from ascending */
		size_t		 ntiers;
	} commission;
	struct {
		int		 on;
		char		*label;
		enum inc_kind	 kind;
		int		 warnings;
		int64_t		 amount;
		char		*fund;
	} fines;
	struct champ_rule {
		int		 on;
		char		*label;
		int64_t		 amount;
		struct rank	 rank;
	} champ_month, champ_quarter;
	struct {
		int		 on;
		char		*label;
		int64_t		 amount;
		char		*note;
	} streak;
	struct {
		int		 on;
		char		*label;
		struct tier	 tiers[SALES_MAX_TIERS];	/* from ascending */
		size_t		 ntiers;
		struct rank	 rank;		/* leftover fen order */
	} team;
};

/* Parses one plan file; NULL when it has errors (reported).  site, when
 * not NULL, gives the roles a plan may cover. */
struct plan *plan_parse(struct diag *, const struct rb_site *site,
	    const char *file, const char *text, size_t len);
void	 plan_free(struct plan *);
/* Does plan cover role in month ym? */
int	 plan_covers(const struct plan *, const char *role, int ym);

/* ---- the run (ctx.c) ---- */

struct sales_ctx {
	struct diag		*d;
	const struct rb_site	*site;
	struct src		 src;
	int			 ym;		/* the report month */
	char			*staff_file;
	struct staff		*staff;	size_t nstaff;	/* natural id order */
	/* ids and teams of staff.csv rows rejected (sorted): what refers to
	 * them is not reported again */
	char			**badstaff; size_t nbadstaff;
	char			**badteams; size_t nbadteams;
	struct plan		**plans; size_t nplans;
	struct month		*months[SALES_TREND];	/* [5] = ym */
	struct sales_problem	*problems; size_t nproblems;
	char			**files; size_t nfiles;	/* interned names */
	int			 nerr0;		/* errors before this run */
	int			 nwarn0;	/* warnings before this run */
};

/* Interns a display name for the run (moved to the result). */
const char *ctx_file(struct sales_ctx *, const char *name);
/* Reports a warning and keeps it as a data problem of the result. */
void	 ctx_warn(struct sales_ctx *, const char *file, int line, int col,
	    const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* ctx_warn as a csv_warn_fn (arg: the ctx). */
void	 ctx_warn_cb(void *arg, const char *file, int line, int col,
	    const char *msg);
/* Errors reported during this run. */
int	 ctx_failed(const struct sales_ctx *);
/* Index of staff id, or -1. */
long	 ctx_staff_find(const struct sales_ctx *, const char *id);
void	 ctx_staff_free(struct staff *);
void	 ctx_month_free(struct month *);
/* Frees everything the run loaded (not d, site, src). */
void	 ctx_free(struct sales_ctx *);

/* ---- loading (load.c) ---- */

/* Loads staff.csv: 0 when read (bad rows are reported and left out),
 * -1 when the file is missing or unreadable or its header is bad. */
int	 load_staff(struct sales_ctx *);
/* Loads the plans (0 ok, -1 errors). */
int	 load_plans(struct sales_ctx *);
/* Loads month ym: NULL when absent (and not required) or on errors.
 * required: it is an error when the folder is missing (2: for the
 * quarterly champion). */
struct month *load_month(struct sales_ctx *, int ym, int required);

/* ---- the computation (engine.c) ---- */

/* Computes the result from a loaded ctx; NULL on errors. */
struct sales_result *engine_run(struct sales_ctx *);

#endif
