/*
 * helpers.c — the formatting helpers of templates (esc, fmt_date,
 * fmt_number, cn_ordinal, fmt_yuan): plain C functions for any caller, and
 * their Lua bindings for the template sandbox (tmpl_open_helpers).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <lua.h>
#include <lauxlib.h>
#include "tmpl_int.h"

/* The bytes tmpl_esc() replaces (a table: one load per byte scanned). */
static const unsigned char S_escbyte[256] = {
	['&'] = 1, ['<'] = 2, ['>'] = 3, ['"'] = 4, ['\''] = 5
};

void
tmpl_esc(struct buf *b, const char *s, size_t n)
{
	static const char *const rep[] = { NULL, "&amp;", "&lt;", "&gt;",
	    "&quot;", "&#39;" };
	static const unsigned char replen[] = { 0, 5, 4, 4, 6, 5 };
	const unsigned char *u = (const unsigned char *)s;
	size_t i, run = 0;
	unsigned char c;

	for (i = 0; i < n; i++) {
		if ((c = S_escbyte[u[i]]) == 0)
			continue;
		buf_put(b, s + run, i - run);
		buf_put(b, rep[c], replen[c]);
		run = i + 1;
	}
	buf_put(b, s + run, n - run);
}

/* Appends the n digits at s with a ',' between groups of three. */
static void
S_group(struct buf *b, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			buf_putc(b, ',');
		buf_putc(b, s[i]);
	}
}

static int
S_digits(const char *s, int n)
{
	int i, v = 0;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

int
tmpl_fmt_date(struct buf *b, const char *iso)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	int y, m, d = 0, leap;
	size_t n = strlen(iso);

	if ((n != 7 && n != 10) || iso[4] != '-' ||
	    (y = S_digits(iso, 4)) < 1 || (m = S_digits(iso + 5, 2)) < 1 ||
	    m > 12)
		return -1;
	if (n == 10) {
		leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
		if (iso[7] != '-' || (d = S_digits(iso + 8, 2)) < 1 ||
		    d > mdays[m - 1] || (m == 2 && d == 29 && !leap))
			return -1;
		buf_printf(b, "%d年%d月%d日", y, m, d);
	} else
		buf_printf(b, "%d年%d月", y, m);
	return 0;
}

int
tmpl_fmt_number(struct buf *b, double x, int decimals)
{
	char tmp[400], *dot;
	size_t ilen;
	int neg, nonzero;

	if (!isfinite(x) || decimals < 0 || decimals > 9 || fabs(x) >= 1e300)
		return -1;
	neg = signbit(x);
	snprintf(tmp, sizeof(tmp), "%.*f", decimals, fabs(x));
	nonzero = strspn(tmp, "0.") != strlen(tmp);
	if (neg && nonzero)		/* no "-0.00" */
		buf_putc(b, '-');
	dot = strchr(tmp, '.');
	ilen = dot ? (size_t)(dot - tmp) : strlen(tmp);
	S_group(b, tmp, ilen);
	if (dot)
		buf_puts(b, dot);
	return 0;
}

int
tmpl_cn_ordinal(struct buf *b, long long n)
{
	static const char *const digit[] = { "零", "一", "二", "三", "四",
	    "五", "六", "七", "八", "九" };
	static const char *const unit[] = { "", "十", "百", "千" };
	int d[4], p, started = 0, zero = 0;

	if (n < 1 || n > 9999)
		return -1;
	for (p = 0; p < 4; p++, n /= 10)
		d[p] = (int)(n % 10);
	for (p = 3; p >= 0; p--) {
		if (d[p] == 0) {
			zero = started;
			continue;
		}
		if (zero)
			buf_puts(b, digit[0]);
		zero = 0;
		if (!(p == 1 && d[p] == 1 && !started))	/* 十一, not 一十一 */
			buf_puts(b, digit[d[p]]);
		buf_puts(b, unit[p]);
		started = 1;
	}
	return 0;
}

int
tmpl_fmt_yuan(struct buf *b, long long fen)
{
	unsigned long long u;
	char tmp[32];
	int n;

	u = fen < 0 ? 0ULL - (unsigned long long)fen : (unsigned long long)fen;
	if (fen < 0)
		buf_putc(b, '-');
	n = snprintf(tmp, sizeof(tmp), "%llu", u / 100);
	S_group(b, tmp, (size_t)n);
	buf_printf(b, ".%02llu", u % 100);
	return 0;
}

/* Lua bindings: each returns one string or raises an error naming itself. */

static void
S_pushbuf(lua_State *L, struct buf *b)
{
	/* lua_pushlstring may raise (memory): do not leak b. */
	luaL_Buffer lb;

	luaL_buffinit(L, &lb);
	luaL_addlstring(&lb, b->data ? b->data : "", b->len);
	buf_free(b);
	luaL_pushresult(&lb);
}

static int
S_l_esc(lua_State *L)
{
	struct buf b = BUF_INIT;
	const char *s;
	size_t n;

	if (lua_isnoneornil(L, 1))
		return luaL_error(L, "esc: argument is nil");
	s = luaL_tolstring(L, 1, &n);
	tmpl_esc(&b, s, n);
	S_pushbuf(L, &b);
	return 1;
}

static int
S_l_fmt_date(lua_State *L)
{
	struct buf b = BUF_INIT;
	const char *s = luaL_checkstring(L, 1);

	if (tmpl_fmt_date(&b, s) == -1)
		return luaL_error(L, "fmt_date: '%s' is not a date "
		    "(YYYY-MM-DD or YYYY-MM)", s);
	S_pushbuf(L, &b);
	return 1;
}

static int
S_l_fmt_number(lua_State *L)
{
	struct buf b = BUF_INIT;
	double x = luaL_checknumber(L, 1);
	lua_Integer dec = luaL_optinteger(L, 2, 0);

	if (dec < 0 || dec > 9 || tmpl_fmt_number(&b, x, (int)dec) == -1)
		return luaL_error(L, "fmt_number: cannot format %f with %d "
		    "decimals (0..9)", x, (int)dec);
	S_pushbuf(L, &b);
	return 1;
}

static int
S_l_cn_ordinal(lua_State *L)
{
	struct buf b = BUF_INIT;
	lua_Integer n = luaL_checkinteger(L, 1);

	if (tmpl_cn_ordinal(&b, n) == -1)
		return luaL_error(L, "cn_ordinal: %d is outside 1..9999",
		    (int)(n > 99999 ? 99999 : n < -99999 ? -99999 : n));
	S_pushbuf(L, &b);
	return 1;
}

static int
S_l_fmt_yuan(lua_State *L)
{
	struct buf b = BUF_INIT;

	if (!lua_isinteger(L, 1))
		return luaL_error(L, "fmt_yuan: argument must be an integer "
		    "amount in fen, got %s", luaL_typename(L, 1));
	tmpl_fmt_yuan(&b, lua_tointeger(L, 1));
	S_pushbuf(L, &b);
	return 1;
}

void
tmpl_open_helpers(lua_State *L)
{
	static const luaL_Reg fns[] = {
		{ "esc", S_l_esc },
		{ "fmt_date", S_l_fmt_date },
		{ "fmt_number", S_l_fmt_number },
		{ "cn_ordinal", S_l_cn_ordinal },
		{ "fmt_yuan", S_l_fmt_yuan },
		{ NULL, NULL }
	};

	luaL_setfuncs(L, fns, 0);
}
