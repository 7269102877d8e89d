/*
 * pattern.c — the template sandbox's string.find, match, gmatch and gsub.
 * Same Lua 5.4 pattern language and results as the standard library, but
 * written for the sandbox: the backtracking matcher counts its steps and
 * charges them to the render (tmpl_work) every S_CHUNK steps, so the
 * instruction budget and the wall-clock limit also stop a single
 * pathological call such as string.find(("a"):rep(40), ".-.-.-.-.-.-x"),
 * which the VM's count hook never sees.
 */
#include <ctype.h>
#include <string.h>
#include <lua.h>
#include <lauxlib.h>
#include "tmpl_int.h"

#define S_MAXCAP	32
#define S_MAXDEPTH	200	/* matcher recursion */
#define S_CHUNK		4096	/* steps between checks */
#define S_CAP_UNF	(-1)	/* capture not closed yet */
#define S_CAP_POS	(-2)	/* position capture () */
#define S_SPECIALS	"^$*+?.([%-"

struct S_ms {
	const char	*src, *src_end, *p_end;
	lua_State	*L;
	int		 level, depth;
	unsigned long	 steps;
	struct {
		const char	*init;
		ptrdiff_t	 len;
	} cap[S_MAXCAP];
};

#define U(c)	((unsigned char)(c))

static const char *S_do_match(struct S_ms *, const char *, const char *);

/* Counts one unit of matcher work; every S_CHUNK units asks the engine. */
static void
S_step(struct S_ms *ms, unsigned long n)
{
	ms->steps += n;
	if (ms->steps >= S_CHUNK) {
		tmpl_work(ms->L, ms->steps);
		ms->steps = 0;
	}
}

/* End of the single-character class starting at p. */
static const char *
S_class_end(struct S_ms *ms, const char *p)
{
	char c = *p++;

	if (c == '%') {
		if (p >= ms->p_end)
			luaL_error(ms->L, "malformed pattern (ends with '%%')");
		return p + 1;
	}
	if (c == '[') {
		if (*p == '^')
			p++;
		do {
			if (p >= ms->p_end)
				luaL_error(ms->L,
				    "malformed pattern (missing ']')");
			if (*p++ == '%' && p < ms->p_end)
				p++;
		} while (*p != ']');
		return p + 1;
	}
	return p;
}

static int
S_match_class(int c, int cl)
{
	int r;

	switch (tolower(cl)) {
	case 'a': r = isalpha(c); break;
	case 'c': r = iscntrl(c); break;
	case 'd': r = isdigit(c); break;
	case 'g': r = isgraph(c); break;
	case 'l': r = islower(c); break;
	case 'p': r = ispunct(c); break;
	case 's': r = isspace(c); break;
	case 'u': r = isupper(c); break;
	case 'w': r = isalnum(c); break;
	case 'x': r = isxdigit(c); break;
	default: return cl == c;
	}
	r = r != 0;
	return isupper(cl) ? !r : r;
}

/* p at '[', ec at the closing ']'. */
static int
S_match_set(int c, const char *p, const char *ec)
{
	int sig = 1;

	if (p[1] == '^') {
		sig = 0;
		p++;
	}
	while (++p < ec) {
		if (*p == '%') {
			p++;
			if (S_match_class(c, U(*p)))
				return sig;
		} else if (p[1] == '-' && p + 2 < ec) {
			p += 2;
			if (U(p[-2]) <= c && c <= U(*p))
				return sig;
		} else if (U(*p) == c)
			return sig;
	}
	return !sig;
}

static int
S_single(struct S_ms *ms, const char *s, const char *p, const char *ep)
{
	int c;

	S_step(ms, 1);
	if (s >= ms->src_end)
		return 0;
	c = U(*s);
	switch (*p) {
	case '.': return 1;
	case '%': return S_match_class(c, U(p[1]));
	case '[': return S_match_set(c, p, ep - 1);
	default: return U(*p) == c;
	}
}

static const char *
S_balance(struct S_ms *ms, const char *s, const char *p)
{
	int cont = 1;

	if (p + 1 >= ms->p_end)
		luaL_error(ms->L, "malformed pattern (missing arguments to "
		    "'%%b')");
	if (s >= ms->src_end || *s != *p)
		return NULL;
	while (++s < ms->src_end) {
		S_step(ms, 1);
		if (*s == p[1]) {
			if (--cont == 0)
				return s + 1;
		} else if (*s == *p)
			cont++;
	}
	return NULL;
}

static const char *
S_max_expand(struct S_ms *ms, const char *s, const char *p, const char *ep)
{
	ptrdiff_t i = 0;
	const char *r;

	while (S_single(ms, s + i, p, ep))
		i++;
	for (; i >= 0; i--)
		if ((r = S_do_match(ms, s + i, ep + 1)) != NULL)
			return r;
	return NULL;
}

static const char *
S_min_expand(struct S_ms *ms, const char *s, const char *p, const char *ep)
{
	const char *r;

	for (;;) {
		if ((r = S_do_match(ms, s, ep + 1)) != NULL)
			return r;
		if (!S_single(ms, s, p, ep))
			return NULL;
		s++;
	}
}

static const char *
S_start_cap(struct S_ms *ms, const char *s, const char *p, ptrdiff_t what)
{
	const char *r;

	if (ms->level >= S_MAXCAP)
		luaL_error(ms->L, "too many captures");
	ms->cap[ms->level].init = s;
	ms->cap[ms->level].len = what;
	ms->level++;
	if ((r = S_do_match(ms, s, p)) == NULL)
		ms->level--;
	return r;
}

static const char *
S_end_cap(struct S_ms *ms, const char *s, const char *p)
{
	const char *r;
	int l;

	for (l = ms->level - 1; l >= 0; l--)
		if (ms->cap[l].len == S_CAP_UNF)
			break;
	if (l < 0)
		luaL_error(ms->L, "invalid pattern capture");
	ms->cap[l].len = s - ms->cap[l].init;
	if ((r = S_do_match(ms, s, p)) == NULL)
		ms->cap[l].len = S_CAP_UNF;
	return r;
}

static const char *
S_backref(struct S_ms *ms, const char *s, int l)
{
	size_t len;

	l -= '1';
	if (l < 0 || l >= ms->level || ms->cap[l].len == S_CAP_UNF)
		luaL_error(ms->L, "invalid capture index %%%d", l + 1);
	len = (size_t)ms->cap[l].len;
	S_step(ms, 1 + len / 64);
	if ((size_t)(ms->src_end - s) >= len &&
	    memcmp(ms->cap[l].init, s, len) == 0)
		return s + len;
	return NULL;
}

static const char *
S_do_match(struct S_ms *ms, const char *s, const char *p)
{
	const char *ep;
	int prev;

	if (ms->depth-- == 0)
		luaL_error(ms->L, "pattern too complex");
	S_step(ms, 1);
again:
	if (p == ms->p_end)
		goto out;
	switch (*p) {
	case '(':
		s = p[1] == ')' ? S_start_cap(ms, s, p + 2, S_CAP_POS) :
		    S_start_cap(ms, s, p + 1, S_CAP_UNF);
		goto out;
	case ')':
		s = S_end_cap(ms, s, p + 1);
		goto out;
	case '$':
		if (p + 1 == ms->p_end) {
			if (s != ms->src_end)
				s = NULL;
			goto out;
		}
		break;
	case '%':
		switch (p[1]) {
		case 'b':
			if ((s = S_balance(ms, s, p + 2)) != NULL) {
				p += 4;
				goto again;
			}
			goto out;
		case 'f':
			p += 2;
			if (*p != '[')
				luaL_error(ms->L, "missing '[' after '%%f' in "
				    "pattern");
			ep = S_class_end(ms, p);
			prev = s == ms->src ? 0 : U(s[-1]);
			if (!S_match_set(prev, p, ep - 1) &&
			    S_match_set(s < ms->src_end ? U(*s) : 0, p,
			    ep - 1)) {
				p = ep;
				goto again;
			}
			s = NULL;
			goto out;
		case '0': case '1': case '2': case '3': case '4':
		case '5': case '6': case '7': case '8': case '9':
			if ((s = S_backref(ms, s, U(p[1]))) != NULL) {
				p += 2;
				goto again;
			}
			goto out;
		}
		break;
	}
	ep = S_class_end(ms, p);
	if (!S_single(ms, s, p, ep)) {
		if (*ep == '*' || *ep == '?' || *ep == '-') {
			p = ep + 1;
			goto again;
		}
		s = NULL;
		goto out;
	}
	switch (*ep) {
	case '?': {
		const char *r = S_do_match(ms, s + 1, ep + 1);

		if (r != NULL)
			s = r;
		else {
			p = ep + 1;
			goto again;
		}
		break;
	}
	case '+': s = S_max_expand(ms, s + 1, p, ep); break;
	case '*': s = S_max_expand(ms, s, p, ep); break;
	case '-': s = S_min_expand(ms, s, p, ep); break;
	default:
		s++;
		p = ep;
		goto again;
	}
out:
	ms->depth++;
	return s;
}

/* Pushes capture i (or the whole match s..e when there are none). */
static void
S_push_cap(struct S_ms *ms, int i, const char *s, const char *e)
{
	if (i >= ms->level) {
		if (i != 0)
			luaL_error(ms->L, "invalid capture index %%%d", i + 1);
		lua_pushlstring(ms->L, s, (size_t)(e - s));
		return;
	}
	if (ms->cap[i].len == S_CAP_UNF)
		luaL_error(ms->L, "unfinished capture");
	if (ms->cap[i].len == S_CAP_POS)
		lua_pushinteger(ms->L, ms->cap[i].init - ms->src + 1);
	else
		lua_pushlstring(ms->L, ms->cap[i].init,
		    (size_t)ms->cap[i].len);
}

static int
S_push_caps(struct S_ms *ms, const char *s, const char *e)
{
	int i, n = ms->level == 0 && s ? 1 : ms->level;

	luaL_checkstack(ms->L, n, "too many captures");
	for (i = 0; i < n; i++)
		S_push_cap(ms, i, s, e);
	return n;
}

static void
S_prep(struct S_ms *ms, lua_State *L, const char *s, size_t ls,
    const char *p, size_t lp)
{
	ms->L = L;
	ms->src = s;
	ms->src_end = s + ls;
	ms->p_end = p + lp;
	ms->level = 0;
	ms->depth = S_MAXDEPTH;
	ms->steps = 0;
}

/* 5.4 semantics of an initial position: 1-based, negative from the end. */
static size_t
S_posinit(lua_Integer pos, size_t len)
{
	if (pos > 0)
		return (size_t)pos;
	if (pos == 0 || pos < -(lua_Integer)len)
		return 1;
	return len + (size_t)pos + 1;
}

static int
S_nospecials(const char *p, size_t lp)
{
	size_t i;

	for (i = 0; i < lp; i++)
		if (strchr(S_SPECIALS, p[i]) != NULL && p[i] != '\0')
			return 0;
	return 1;
}

static int
S_find_aux(lua_State *L, int find)
{
	size_t ls, lp, init;
	const char *s = luaL_checklstring(L, 1, &ls);
	const char *p = luaL_checklstring(L, 2, &lp);
	const char *s1, *e;
	struct S_ms ms;
	int anchor;

	init = S_posinit(luaL_optinteger(L, 3, 1), ls);
	if (init > ls + 1) {
		luaL_pushfail(L);
		return 1;
	}
	if (find && (lua_toboolean(L, 4) || S_nospecials(p, lp))) {
		const char *f = lp == 0 ? s + init - 1 :
		    memmem(s + init - 1, ls - init + 1, p, lp);

		tmpl_work(L, (ls - init + 1) / 16);
		if (f != NULL) {
			lua_pushinteger(L, f - s + 1);
			lua_pushinteger(L, (lua_Integer)(f - s + lp));
			return 2;
		}
		luaL_pushfail(L);
		return 1;
	}
	anchor = *p == '^';
	if (anchor) {
		p++;
		lp--;
	}
	S_prep(&ms, L, s, ls, p, lp);
	s1 = s + init - 1;
	do {
		ms.level = 0;
		ms.depth = S_MAXDEPTH;
		if ((e = S_do_match(&ms, s1, p)) != NULL) {
			if (find) {
				lua_pushinteger(L, s1 - s + 1);
				lua_pushinteger(L, e - s);
				return S_push_caps(&ms, NULL, NULL) + 2;
			}
			return S_push_caps(&ms, s1, e);
		}
	} while (s1++ < ms.src_end && !anchor);
	luaL_pushfail(L);
	return 1;
}

static int
S_find(lua_State *L)
{
	return S_find_aux(L, 1);
}

static int
S_match(lua_State *L)
{
	return S_find_aux(L, 0);
}

/* gmatch state: upvalues 1 subject, 2 pattern, 3 this userdata. */
struct S_gm {
	size_t		pos;		/* next start offset */
	ptrdiff_t	last;		/* end offset of last match, or -1 */
};

static int
S_gmatch_aux(lua_State *L)
{
	size_t ls, lp;
	const char *s = lua_tolstring(L, lua_upvalueindex(1), &ls);
	const char *p = lua_tolstring(L, lua_upvalueindex(2), &lp);
	struct S_gm *gm = lua_touserdata(L, lua_upvalueindex(3));
	const char *src, *e;
	struct S_ms ms;

	S_prep(&ms, L, s, ls, p, lp);
	for (src = s + gm->pos; src <= ms.src_end; src++) {
		ms.level = 0;
		ms.depth = S_MAXDEPTH;
		if ((e = S_do_match(&ms, src, p)) != NULL &&
		    e - s != gm->last) {
			gm->pos = (size_t)(e - s);
			gm->last = e - s;
			return S_push_caps(&ms, src, e);
		}
	}
	return 0;
}

static int
S_gmatch(lua_State *L)
{
	size_t ls, init;
	struct S_gm *gm;

	luaL_checklstring(L, 1, &ls);
	luaL_checkstring(L, 2);
	init = S_posinit(luaL_optinteger(L, 3, 1), ls) - 1;
	lua_settop(L, 2);
	gm = lua_newuserdatauv(L, sizeof(*gm), 0);
	gm->pos = init > ls ? ls + 1 : init;
	gm->last = -1;
	lua_pushvalue(L, 1);
	lua_pushvalue(L, 2);
	lua_rotate(L, -3, 2);		/* s, p, gm */
	lua_pushcclosure(L, S_gmatch_aux, 3);
	return 1;
}

/* Appends replacement text for match s..e (string repl). */
static void
S_add_s(struct S_ms *ms, luaL_Buffer *b, const char *s, const char *e)
{
	size_t l, i;
	const char *news = lua_tolstring(ms->L, 3, &l);

	for (i = 0; i < l; i++) {
		if (news[i] != '%') {
			luaL_addchar(b, news[i]);
			continue;
		}
		i++;
		if (i < l && news[i] == '%')
			luaL_addchar(b, '%');
		else if (i < l && news[i] == '0')
			luaL_addlstring(b, s, (size_t)(e - s));
		else if (i < l && isdigit(U(news[i]))) {
			S_push_cap(ms, news[i] - '1', s, e);
			luaL_tolstring(ms->L, -1, NULL);
			lua_remove(ms->L, -2);
			luaL_addvalue(b);
		} else
			luaL_error(ms->L, "invalid use of '%%' in replacement "
			    "string");
	}
}

static void
S_add_value(struct S_ms *ms, luaL_Buffer *b, const char *s, const char *e,
    int tr)
{
	lua_State *L = ms->L;

	switch (tr) {
	case LUA_TFUNCTION:
		lua_pushvalue(L, 3);
		lua_call(L, S_push_caps(ms, s, e), 1);
		break;
	case LUA_TTABLE:
		S_push_cap(ms, 0, s, e);
		lua_gettable(L, 3);
		break;
	default:
		S_add_s(ms, b, s, e);
		return;
	}
	if (!lua_toboolean(L, -1)) {
		lua_pop(L, 1);
		luaL_addlstring(b, s, (size_t)(e - s));
	} else if (!lua_isstring(L, -1))
		luaL_error(L, "invalid replacement value (a %s)",
		    luaL_typename(L, -1));
	else
		luaL_addvalue(b);
}

static int
S_gsub(lua_State *L)
{
	size_t ls, lp;
	const char *src = luaL_checklstring(L, 1, &ls);
	const char *p = luaL_checklstring(L, 2, &lp);
	const char *lastmatch = NULL, *e;
	int tr = lua_type(L, 3), anchor;
	lua_Integer max_s = luaL_optinteger(L, 4, (lua_Integer)ls + 1), n = 0;
	struct S_ms ms;
	luaL_Buffer b;

	luaL_argexpected(L, tr == LUA_TNUMBER || tr == LUA_TSTRING ||
	    tr == LUA_TFUNCTION || tr == LUA_TTABLE, 3,
	    "string/function/table");
	luaL_buffinit(L, &b);
	anchor = *p == '^';
	if (anchor) {
		p++;
		lp--;
	}
	S_prep(&ms, L, src, ls, p, lp);
	while (n < max_s) {
		ms.level = 0;
		ms.depth = S_MAXDEPTH;
		if ((e = S_do_match(&ms, src, p)) != NULL && e != lastmatch) {
			n++;
			S_add_value(&ms, &b, src, e, tr);
			src = lastmatch = e;
		} else if (src < ms.src_end)
			luaL_addchar(&b, *src++);
		else
			break;
		if (anchor)
			break;
	}
	luaL_addlstring(&b, src, (size_t)(ms.src_end - src));
	luaL_pushresult(&b);
	lua_pushinteger(L, n);
	return 2;
}

/*
 * string.rep that checks the result size against the render's memory
 * limit first, so the error carries the template position.
 */
static int
S_rep(lua_State *L)
{
	size_t l, lsep;
	const char *s = luaL_checklstring(L, 1, &l);
	lua_Integer n = luaL_checkinteger(L, 2);
	const char *sep = luaL_optlstring(L, 3, "", &lsep);
	luaL_Buffer b;
	lua_Integer i;
	double total;

	if (n <= 0) {
		lua_pushliteral(L, "");
		return 1;
	}
	total = ((double)l + (double)lsep) * (double)n;
	tmpl_charge_mem(L, total);
	luaL_buffinit(L, &b);
	for (i = 0; i < n; i++) {
		luaL_addlstring(&b, s, l);
		if (lsep > 0 && i + 1 < n)
			luaL_addlstring(&b, sep, lsep);
		if ((i & 1023) == 1023)
			tmpl_work(L, 1024);
	}
	luaL_pushresult(&b);
	return 1;
}

void
tmpl_open_patterns(lua_State *L)
{
	static const luaL_Reg fns[] = {
		{ "rep", S_rep },
		{ "find", S_find },
		{ "match", S_match },
		{ "gmatch", S_gmatch },
		{ "gsub", S_gsub },
		{ NULL, NULL }
	};

	luaL_setfuncs(L, fns, 0);
}
