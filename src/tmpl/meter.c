/*
 * meter.c — the sandbox's library functions whose cost the count hook
 * cannot see.  One call of table.move, table.sort or utf8.len is a single
 * VM instruction however much it does, so each of them is wrapped: the
 * wrapper charges the render's instruction budget (tmpl_work) for the
 * work the call is about to do — the elements a range covers, n log n
 * comparisons for a sort, the bytes a walk crosses — before it runs, so a
 * call that would overrun the budget is refused at once instead of
 * running for minutes; and after it runs, for what it returned (the
 * values and their bytes).  Each charge also checks the clock.
 *
 *	table.move(a, f, e, t)		(e - f + 1) elements
 *	table.sort(t [, comp])		#t * log2(#t) comparisons
 *	table.concat(t, sep, i, j)	(j - i + 1) elements
 *	table.unpack(t, i, j)		(j - i + 1) elements
 *	table.insert(t, pos, v)		#t - pos + 1 elements shifted
 *	table.remove(t, pos)		#t - pos + 1 elements shifted
 *	string.format(fmt, ...)		the bytes of its string arguments
 *	utf8.len, offset, codepoint	the bytes of the string
 *	utf8.codes(s)			each step: the bytes it crosses
 *	tonumber(s [, base])		the bytes of the string
 *	and all of them, plus string.byte, char, lower, upper, reverse,
 *	sub, pack, unpack, utf8.char, table.pack: their results.
 *
 * string.rep, find, match, gmatch and gsub are metered in pattern.c.
 * Memory is bounded by the allocator, not here.  See docs/templates.md,
 * "Limits".
 */
#include <math.h>
#include <string.h>
#include <lua.h>
#include <lauxlib.h>
#include <lualib.h>
#include "tmpl_int.h"

#define S_ELEM		4	/* steps per table element a call moves */
#define S_BYTES		16	/* bytes per step a call reads or writes */

/* The cost before the call, from its arguments. */
enum S_pre {
	S_NONE,			/* results only */
	S_MOVE, S_SORT, S_RANGE, S_SHIFT, S_STRARGS, S_STR1
};

struct S_fn {
	const char	*name;
	enum S_pre	 pre;
	int		 flag;	/* concat: a separator comes before the
				   range; insert: shifts with 3 arguments */
};

/* Integer argument i, or d when absent; NAN when not an integer (the
 * library function itself then raises the error). */
static double
S_int(lua_State *L, int i, double d)
{
	lua_Integer v;
	int ok;

	if (lua_isnoneornil(L, i))
		return d;
	v = lua_tointegerx(L, i, &ok);
	return ok ? (double)v : NAN;
}

/* #t of a table argument (its __len, as the library uses), else 0. */
static double
S_len(lua_State *L, int i)
{
	return lua_type(L, i) == LUA_TTABLE ? (double)luaL_len(L, i) : 0;
}

/* Steps for a range of n elements (none when empty or unknown). */
static double
S_elems(double n)
{
	return n > 0 ? n * S_ELEM : 0;
}

static double
S_precost(lua_State *L, enum S_pre pre)
{
	double n, c = 0;
	int i, top;

	switch (pre) {
	case S_NONE:
		break;
	case S_MOVE:		/* a1, f, e, t [, a2] */
		c = S_elems(S_int(L, 3, NAN) - S_int(L, 2, NAN) + 1);
		break;
	case S_SORT:		/* n log n comparisons */
		n = S_len(L, 1);
		c = n > 1 ? n * log2(n) * S_ELEM : 0;
		break;
	case S_RANGE:		/* t [, sep], i, j: concat and unpack */
		i = lua_toboolean(L, lua_upvalueindex(2)) ? 3 : 2;
		c = S_elems(S_int(L, i + 1, S_len(L, 1)) -
		    S_int(L, i, 1) + 1);
		break;
	case S_SHIFT:		/* insert(t, pos, v), remove(t, pos) */
		if (lua_gettop(L) >= (lua_toboolean(L, lua_upvalueindex(2)) ?
		    3 : 2))
			c = S_elems(S_len(L, 1) - S_int(L, 2, NAN) + 1);
		break;
	case S_STRARGS:		/* format */
		top = lua_gettop(L);
		for (i = 1; i <= top; i++)
			if (lua_type(L, i) == LUA_TSTRING)
				c += (double)lua_rawlen(L, i) / S_BYTES;
		break;
	case S_STR1:		/* utf8 walks, tonumber */
		if (lua_type(L, 1) == LUA_TSTRING)
			c = (double)lua_rawlen(L, 1) / S_BYTES;
		break;
	}
	return isnan(c) ? 0 : c;
}

/* Steps for the n results at the top of the stack. */
static double
S_postcost(lua_State *L, int n)
{
	double c = n;
	int i, top = lua_gettop(L);

	for (i = top - n + 1; i <= top; i++)
		if (lua_type(L, i) == LUA_TSTRING)
			c += (double)lua_rawlen(L, i) / S_BYTES;
	return c;
}

/* The wrapper: upvalue 1 the library function, 2 its S_fn.flag, 3 its
 * enum S_pre. */
static int
S_metered(lua_State *L)
{
	lua_CFunction f = lua_tocfunction(L, lua_upvalueindex(1));
	enum S_pre pre = (enum S_pre)lua_tointeger(L, lua_upvalueindex(3));
	int n;

	if (pre != S_NONE)
		tmpl_work(L, S_precost(L, pre));
	n = f(L);
	tmpl_work(L, S_postcost(L, n));
	return n;
}

/* The iterator utf8.codes returns, metered: upvalue 1 the real one. */
static int
S_codes_step(lua_State *L)
{
	lua_CFunction f = lua_tocfunction(L, lua_upvalueindex(1));
	lua_Integer from = lua_tointeger(L, 2);
	size_t len = 0;
	int n;

	if (lua_type(L, 1) == LUA_TSTRING)
		len = lua_rawlen(L, 1);
	n = f(L);
	/* the bytes crossed: to the position returned, or to the end */
	tmpl_work(L, 1 + (double)((n > 0 ? lua_tointeger(L, -n) :
	    (lua_Integer)len) - from) / S_BYTES);
	return n;
}

/* utf8.codes: the string's bytes once, and a metered iterator. */
static int
S_codes(lua_State *L)
{
	lua_CFunction f = lua_tocfunction(L, lua_upvalueindex(1));
	int n;

	tmpl_work(L, S_precost(L, S_STR1));
	n = f(L);
	if (n >= 1 && lua_iscfunction(L, -n)) {
		lua_pushcclosure(L, lua_tocfunction(L, -n), 0);
		lua_pushcclosure(L, S_codes_step, 1);
		lua_replace(L, -n - 1);
	}
	return n;
}

/* Replaces the functions of list in the library table at the top. */
static void
S_wrap(lua_State *L, const struct S_fn *list)
{
	const struct S_fn *fn;
	lua_CFunction f;

	for (fn = list; fn->name; fn++) {
		lua_getfield(L, -1, fn->name);
		f = lua_tocfunction(L, -1);
		lua_pop(L, 1);
		if (f == NULL)
			continue;
		lua_pushcfunction(L, f);
		lua_pushboolean(L, fn->flag);
		lua_pushinteger(L, fn->pre);
		lua_pushcclosure(L, S_metered, 3);
		lua_setfield(L, -2, fn->name);
	}
}

void
tmpl_meter_lib(lua_State *L, const char *lib)
{
	static const struct S_fn tab[] = {
		{ "move", S_MOVE, 0 }, { "sort", S_SORT, 0 },
		{ "concat", S_RANGE, 1 }, { "unpack", S_RANGE, 0 },
		{ "insert", S_SHIFT, 1 }, { "remove", S_SHIFT, 0 },
		{ "pack", S_NONE, 0 }, { NULL, S_NONE, 0 }
	};
	static const struct S_fn str[] = {
		{ "format", S_STRARGS, 0 }, { "byte", S_NONE, 0 },
		{ "char", S_NONE, 0 }, { "lower", S_NONE, 0 },
		{ "upper", S_NONE, 0 }, { "reverse", S_NONE, 0 },
		{ "sub", S_NONE, 0 }, { "pack", S_NONE, 0 },
		{ "unpack", S_NONE, 0 }, { NULL, S_NONE, 0 }
	};
	static const struct S_fn utf[] = {
		{ "len", S_STR1, 0 }, { "offset", S_STR1, 0 },
		{ "codepoint", S_STR1, 0 }, { "char", S_NONE, 0 },
		{ NULL, S_NONE, 0 }
	};
	static const struct S_fn base[] = {
		{ "tonumber", S_STR1, 0 }, { NULL, S_NONE, 0 }
	};
	lua_CFunction f;

	if (strcmp(lib, LUA_TABLIBNAME) == 0)
		S_wrap(L, tab);
	else if (strcmp(lib, LUA_STRLIBNAME) == 0)
		S_wrap(L, str);
	else if (strcmp(lib, LUA_UTF8LIBNAME) == 0) {
		S_wrap(L, utf);
		lua_getfield(L, -1, "codes");
		if ((f = lua_tocfunction(L, -1)) != NULL) {
			lua_pushcfunction(L, f);
			lua_pushcclosure(L, S_codes, 1);
			lua_setfield(L, -3, "codes");
		}
		lua_pop(L, 1);
	} else
		S_wrap(L, base);
}
