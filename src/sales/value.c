/*
 * value.c — the values of the sales data, for the loaders, the plans and
 * the engine alike: the vocabulary of event types and incident kinds (with
 * their Chinese names), yes/no, the calendar (dates in the forms exporters
 * write, months, days in a month) and money (yuan amounts with thousands
 * separators and currency signs into integer fen, half-up rounding, yuan
 * and percentage strings), and the natural staff-id order.  No I/O, no
 * diagnostics: callers report.  Internal to src/sales.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../model/fields.h"
#include "sales_int.h"

const char *const val_ev_name[EV__MAX] = {
	"visit", "invitation", "design_agreement", "contract" };
/* The names Chinese CRMs export (PRODUCT.md, Sales data). */
static const char *const S_ev_zh[EV__MAX] = {
	"上门", "邀约", "设计协议", "签单" };
const char *const val_inc_name[INC__MAX] = {
	"late", "leave", "comp_leave", "phone_blocked", "transport_late",
	"missing_record" };
static const char *const S_inc_zh[INC__MAX] = {
	"迟到", "请假", "调休", "手机停机", "交通迟到", "未做记录" };
const char *const val_inc_label[INC__MAX] = {
	"迟到", "请假", "调休", "停机", "交通原因迟到",
	"客户跟踪表/ERP 未记录" };

/* Index of s[0..n) in names (exact) or zh (nmax entries; traditional
 * forms folded, rb_name_eq: 簽單 is 签单), or -1. */
static int
S_word(const char *s, size_t n, const char *const *names,
    const char *const *zh, int nmax)
{
	int k;

	for (k = 0; k < nmax; k++)
		if ((strlen(names[k]) == n && memcmp(s, names[k], n) == 0) ||
		    (zh && rb_name_eq(s, n, zh[k])))
			return k;
	return -1;
}

int
val_ev_parse(const char *s, size_t n)
{
	return S_word(s, n, val_ev_name, S_ev_zh, EV__MAX);
}

int
val_inc_parse(const char *s, size_t n)
{
	return S_word(s, n, val_inc_name, S_inc_zh, INC__MAX);
}

/* The Chinese yes and no (S_yesno_zh[1], [0]): folded as S_word's. */
static const char *const S_yesno_zh[2] = { "否", "是" };

int
val_yesno(const char *s, size_t n)
{
	if (n == 0 || (n == 2 && strncasecmp(s, "no", 2) == 0) ||
	    rb_name_eq(s, n, S_yesno_zh[0]))
		return 0;
	if ((n == 3 && strncasecmp(s, "yes", 3) == 0) ||
	    rb_name_eq(s, n, S_yesno_zh[1]))
		return 1;
	return -1;
}

void
val_words(void (*fn)(const char *, void *), void *arg)
{
	int k;

	for (k = 0; k < EV__MAX; k++)
		fn(S_ev_zh[k], arg);
	for (k = 0; k < INC__MAX; k++)
		fn(S_inc_zh[k], arg);
	for (k = 0; k < 2; k++)
		fn(S_yesno_zh[k], arg);
}

/* ---- calendar ---- */

/* Are s[0..n) all ASCII digits? */
static int
S_digits(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	return 1;
}

int
val_month_days(int ym)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	int y = ym / 100, m = ym % 100;

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return days[m - 1];
}

int
val_month_add(int ym, int delta)
{
	int n = (ym / 100) * 12 + (ym % 100 - 1) + delta;

	return (n / 12) * 100 + n % 12 + 1;
}

void
val_month_str(char out[8], int ym)
{
	unsigned y = (unsigned)(ym / 100) % 10000, m = (unsigned)ym % 100;

	snprintf(out, 8, "%04u-%02u", y, m);
}

void
val_date_str(char out[11], int ymd)
{
	if (ymd <= 0) {
		out[0] = '\0';
		return;
	}
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)(ymd / 10000) % 10000,
	    (unsigned)(ymd / 100) % 100, (unsigned)ymd % 100);
}

int
val_month_parse(const char *s, size_t n)
{
	int y, m;

	if (n != 7 || s[4] != '-' || !S_digits(s, 4) || !S_digits(s + 5, 2))
		return -1;
	y = atoi(s);
	m = (s[5] - '0') * 10 + (s[6] - '0');
	if (y < 1900 || m < 1 || m > 12)
		return -1;
	return y * 100 + m;
}

/* Reads 1 or 2 digits at *p (before end) into *v; advances *p. */
static int
S_num12(const char **p, const char *end, int *v)
{
	const char *s = *p;
	int n = 0;

	*v = 0;
	while (s < end && n < 3 && isdigit((unsigned char)*s)) {
		*v = *v * 10 + (*s++ - '0');
		n++;
	}
	if (n < 1 || n > 2)
		return -1;
	*p = s;
	return 0;
}

/* Does *p start with sep (before end)?  Advances past it. */
static int
S_sep(const char **p, const char *end, const char *sep)
{
	size_t n = strlen(sep);

	if ((size_t)(end - *p) < n || memcmp(*p, sep, n) != 0)
		return 0;
	*p += n;
	return 1;
}

/*
 * Is s[0..end) a time of day after a date, as Excel writes a date-time
 * cell ("2026/10/5 9:00") and CRMs a timestamp ("2026-10-05 14:30:00",
 * "2026-10-05T14:30:00.000"): blanks or a T, H:MM, optionally :SS and a
 * fraction?
 */
static int
S_time(const char *p, const char *end)
{
	int h, m, sec;

	if (p < end && *p == 'T')
		p++;
	else if (p < end && *p == ' ')
		while (p < end && *p == ' ')
			p++;
	else
		return 0;
	if (S_num12(&p, end, &h) == -1 || !S_sep(&p, end, ":") ||
	    end - p < 2 || !S_digits(p, 2) || h > 23)
		return 0;
	m = (p[0] - '0') * 10 + (p[1] - '0');
	p += 2;
	if (p < end && *p == ':') {
		if (end - p < 3 || !S_digits(p + 1, 2))
			return 0;
		sec = (p[1] - '0') * 10 + (p[2] - '0');
		if (sec > 59)
			return 0;
		p += 3;
		if (p < end && *p == '.') {
			for (p++; p < end && isdigit((unsigned char)*p); p++)
				;
		}
	}
	return m <= 59 && p == end;
}

enum val_date
val_date_parse(const char *s, size_t n, int *ymd)
{
	/* year first: 2026-10-05, 2026-10-5, 2026/10/5, 2026.10.5,
	 * 2026年10月5日; a time of day after it is read and dropped */
	static const char *const seps[][3] = {
		{ "-", "-", "" }, { "/", "/", "" }, { ".", ".", "" },
		{ "年", "月", "日" } };
	const char *end = s + n, *p;
	size_t k;
	int y, m, d;

	*ymd = -1;
	if (n >= 5 && S_digits(s, 4) && !isdigit((unsigned char)s[4])) {
		y = atoi(s);
		for (k = 0; k < sizeof(seps) / sizeof(seps[0]); k++) {
			p = s + 4;
			if (!S_sep(&p, end, seps[k][0]) ||
			    S_num12(&p, end, &m) == -1 ||
			    !S_sep(&p, end, seps[k][1]) ||
			    S_num12(&p, end, &d) == -1 ||
			    (*seps[k][2] && !S_sep(&p, end, seps[k][2])) ||
			    (p != end && !S_time(p, end)))
				continue;
			if (y < 1900 || m < 1 || m > 12 || d < 1 ||
			    d > val_month_days(y * 100 + m))
				return VAL_DATE_BAD;
			*ymd = (y * 100 + m) * 100 + d;
			return VAL_DATE_OK;
		}
		return VAL_DATE_SYNTAX;
	}
	/* 5/10/2026, 10-05-2026: a day or month first is ambiguous */
	p = s;
	if (S_num12(&p, end, &m) == 0 && p < end && strchr("/-.", *p) &&
	    (p++, S_num12(&p, end, &d) == 0) && p < end && strchr("/-.", *p) &&
	    end - p == 5 && S_digits(p + 1, 4))
		return VAL_DATE_ORDER;
	return VAL_DATE_SYNTAX;
}

/* ---- money ---- */

/* Offset past the blanks (utf8_blank_len) of s from i, before end. */
static size_t
S_blanks(const char *s, size_t i, size_t end)
{
	return i + utf8_blank_len(s + i, end - i);
}

/* End of s[i..end) without its trailing blanks. */
static size_t
S_blanks_end(const char *s, size_t i, size_t end)
{
	return end - utf8_blank_rlen(s + i, end - i);
}

enum val_money
val_money_parse(const char *s, size_t n, int64_t *fen, size_t *bad)
{
	int64_t v = 0;
	size_t i = 0, dec = 0, end = n, digits = 0, group = 0;
	int dot = 0, sep = 0;

	*bad = 0;
	*fen = 0;
	/* a leading ¥ (U+00A5) or ￥ (U+FFE5), a trailing 元; blanks around
	 * them and the amount, as Excel's accounting format writes it
	 * (" ￥ 1,234.00 ", "1,234.00 元") */
	i = S_blanks(s, 0, end);
	if (end - i >= 2 && memcmp(s + i, "\xC2\xA5", 2) == 0)
		i = S_blanks(s, i + 2, end);
	else if (end - i >= 3 && memcmp(s + i, "\xEF\xBF\xA5", 3) == 0)
		i = S_blanks(s, i + 3, end);
	end = S_blanks_end(s, i, end);
	if (end - i >= 3 && memcmp(s + end - 3, "元", 3) == 0)
		end = S_blanks_end(s, i, end - 3);
	if (i == end)
		return n == 0 ? VAL_MONEY_EMPTY : (*bad = i, VAL_MONEY_SYNTAX);
	if (s[i] == '-') {
		*bad = i;
		return VAL_MONEY_NEG;
	}
	if (!isdigit((unsigned char)s[i])) {
		*bad = i;
		return VAL_MONEY_SYNTAX;
	}
	for (; i < end; i++) {
		if (s[i] == '.' && !dot) {
			/* the last group before the point has 3 digits */
			if (sep && group != 3) {
				*bad = i;
				return VAL_MONEY_SEP;
			}
			dot = 1;
			continue;
		}
		if (s[i] == ',' && !dot) {
			/* 1,234,567: 1-3 digits first, then groups of 3 */
			if ((!sep && (digits < 1 || digits > 3)) ||
			    (sep && group != 3)) {
				*bad = i;
				return VAL_MONEY_SEP;
			}
			sep = 1;
			group = 0;
			continue;
		}
		if (!isdigit((unsigned char)s[i])) {
			*bad = i;
			return VAL_MONEY_SYNTAX;
		}
		if (dot && ++dec > 2) {
			*bad = i;
			return VAL_MONEY_DECIMALS;
		}
		if (!dot) {
			digits++;
			group++;
		}
		if (v > SALES_MAX_FEN) {
			*bad = 0;
			return VAL_MONEY_RANGE;
		}
		v = v * 10 + (s[i] - '0');
	}
	if (sep && !dot && group != 3) {
		*bad = end - 1;
		return VAL_MONEY_SEP;
	}
	if (dot && dec == 0) {
		*bad = end - 1;
		return VAL_MONEY_SYNTAX;
	}
	while (dec++ < 2)
		v *= 10;
	if (v > SALES_MAX_FEN)
		return VAL_MONEY_RANGE;
	*fen = v;
	return VAL_MONEY_OK;
}

int64_t
val_div_round(i128 num, int64_t den)
{
	i128 q;

	if (num >= 0)
		q = (num + den / 2) / den;
	else
		q = -((-num + den / 2) / den);
	return (int64_t)q;
}

char *
val_fen_str(char *out, int64_t fen)
{
	uint64_t u = fen < 0 ? (uint64_t)0 - (uint64_t)fen : (uint64_t)fen;

	snprintf(out, 32, "%s%llu.%02llu", fen < 0 ? "-" : "",
	    (unsigned long long)(u / 100), (unsigned long long)(u % 100));
	return out;
}

char *
val_ppm_str(char *out, int64_t ppm)
{
	int64_t ip = ppm / 10000, fp = ppm % 10000;
	int w = 4;

	if (fp == 0) {
		snprintf(out, 32, "%lld%%", (long long)ip);
		return out;
	}
	while (fp % 10 == 0) {
		fp /= 10;
		w--;
	}
	snprintf(out, 32, "%lld.%0*lld%%", (long long)ip, w, (long long)fp);
	return out;
}

/* ---- staff ids ---- */

int
val_idcmp(const char *a, const char *b)
{
	const char *pa = a, *pb = b, *ea, *eb;
	size_t la, lb;
	int c;

	while (*pa && *pb) {
		if (isdigit((unsigned char)*pa) && isdigit((unsigned char)*pb)) {
			while (*pa == '0' && isdigit((unsigned char)pa[1]))
				pa++;
			while (*pb == '0' && isdigit((unsigned char)pb[1]))
				pb++;
			for (ea = pa; isdigit((unsigned char)*ea); ea++)
				;
			for (eb = pb; isdigit((unsigned char)*eb); eb++)
				;
			la = (size_t)(ea - pa);
			lb = (size_t)(eb - pb);
			if (la != lb)
				return la < lb ? -1 : 1;
			if ((c = memcmp(pa, pb, la)) != 0)
				return c;
			pa = ea;
			pb = eb;
			continue;
		}
		if (*pa != *pb)
			return (unsigned char)*pa < (unsigned char)*pb ? -1 : 1;
		pa++;
		pb++;
	}
	if (*pa || *pb)
		return *pa ? 1 : -1;
	return strcmp(a, b);
}

int
val_staff_id_ok(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || n > 32 || !isalnum((unsigned char)s[0]))
		return 0;
	for (i = 0; i < n; i++)
		if (!isalnum((unsigned char)s[i]) && s[i] != '-' &&
		    s[i] != '_' && s[i] != '.')
			return 0;
	return 1;
}
