/*
 * tmpl.c — the template engine: one sandboxed Lua state per engine, a cache
 * of compiled templates, include(), the emit functions that fill the output
 * buffer and its srcmap, and the limits (instruction budget through a count
 * hook, memory through a counting lua_Alloc, wall clock checked by the hook
 * and by the sandbox's pattern matcher).  See tmpl.h and docs/templates.md.
 */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <lua.h>
#include <lauxlib.h>
#include <lualib.h>
#include "tmpl_int.h"

#define S_HOOKCOUNT	1000		/* instructions between hook calls */
#define S_MAXINCLUDE	32		/* include nesting */
#define S_MAXNOTES	4		/* include-chain notes per error */
#define S_MAXLEVELS	256		/* stack frames S_msgh looks at */
#define S_MAXFILE	((size_t)4 << 20)	/* template file size */
#define S_GCFULL	((size_t)32 << 20)	/* full GC after a render above */
#define S_GRACE_MS	500		/* watchdog: deadline to the kill */
#define S_SIGNAL	(SIGRTMIN + 2)	/* the watchdog's timer signal */

/* Registry keys (addresses are unique). */
static const char S_KEY_BASE, S_KEY_CACHE, S_KEY_ENVMETA, S_KEY_ROOT;

static volatile sig_atomic_t S_fired;	/* watchdog timer expirations */

struct S_tpl {				/* one compiled template */
	char	*name;			/* as given to include() */
	char	*path;			/* "dir/name": srcmap and diag file */
};

enum S_limit { S_LIM_NONE, S_LIM_STEPS, S_LIM_TIME, S_LIM_MEM };

struct S_pos {
	const char	*file;		/* engine-owned (S_tpl.path) or NULL */
	int		 line;
};

struct S_ctx {				/* one render */
	struct buf		*out;
	size_t			 out0;	/* out->len at start */
	struct doc_srcmap	*map;	/* may be NULL */
	struct S_pos		 last;	/* last position put in map */
	unsigned long		 steps;	/* instructions and library work */
	unsigned long		 checked;	/* steps at the last S_check */
	struct timespec		 deadline;
	int			 depth;	/* include nesting */
	enum S_limit		 limit;	/* the limit that stopped us */
	struct S_pos		 sample;	/* latest known position */
	const char		*src_raw;	/* hook's last ar->source */
	const char		*src_path;	/* ... and its template path */
	struct S_pos		 forced;	/* compile error position */
	struct S_pos		 err;		/* where the error was raised */
	struct S_pos		 notes[S_MAXNOTES];	/* callers */
	int			 nnotes;
};

struct tmpl {
	lua_State		*L;
	char			*dirs[2];	/* user, builtin (NULL: unused) */
	struct tmpl_limits	 lim;
	size_t			 mem;		/* bytes in use by Lua */
	size_t			 memcap;	/* 0: no cap (outside renders) */
	struct S_tpl		**tpls;
	size_t			 ntpls, tplcap;
	struct S_ctx		*ctx;		/* the running render or NULL */
	int			 track;		/* tmpl_track() */
	const struct tmpl_val	**read;		/* ... containers read */
	size_t			 nread, capread;
	struct tmpl_pxmap	 px;		/* value.c: proxies' values */
	/* the watchdog (S_watch_arm) */
	timer_t			 timer;
	pid_t			 timerpid;	/* the process it is for, or 0 */
	char			*killmsg;	/* what the kill prints, text */
	char			*killjson;	/* ... and as JSON */
};

static struct tmpl *
S_engine(lua_State *L)
{
	return *(struct tmpl **)lua_getextraspace(L);
}

static const char *S_tpl_path(struct tmpl *, const char *);
static void S_kill_msgs(struct tmpl *);

struct tmpl_pxmap *
tmpl_pxmap(lua_State *L)
{
	return &S_engine(L)->px;
}

/*
 * Before a memory error (which unwinds without a message handler): the
 * template position on the stack becomes ctx->sample.  Reads debug
 * information only; allocates nothing.
 */
static void
S_where(struct tmpl *t)
{
	lua_Debug ar;
	const char *path;
	int level;

	if (t->ctx == NULL)
		return;
	for (level = 0; level < 64 && lua_getstack(t->L, level, &ar);
	    level++)
		if (lua_getinfo(t->L, "Sl", &ar) && ar.currentline > 0 &&
		    (path = S_tpl_path(t, ar.source)) != NULL) {
			t->ctx->sample.file = path;
			t->ctx->sample.line = ar.currentline;
			return;
		}
}

/* Counting allocator; refuses growth past memcap during a render. */
static void *
S_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
	struct tmpl *t = ud;
	size_t old = ptr ? osize : 0;
	void *p;

	if (nsize == 0) {
		free(ptr);
		t->mem -= old;
		return NULL;
	}
	if (t->memcap && nsize > old && t->mem + (nsize - old) > t->memcap) {
		S_where(t);
		return NULL;
	}
	if ((p = realloc(ptr, nsize)) == NULL)
		return NULL;
	t->mem = t->mem - old + nsize;
	return p;
}

/* The template position of a Lua source name ("@path"), or NULL. */
static const char *
S_tpl_path(struct tmpl *t, const char *source)
{
	size_t i;

	if (source == NULL || source[0] != '@')
		return NULL;
	for (i = 0; i < t->ntpls; i++)
		if (strcmp(t->tpls[i]->path, source + 1) == 0)
			return t->tpls[i]->path;
	return NULL;
}

/* Raises the error for a hit limit (the message is composed later). */
static int
S_limit_error(lua_State *L, struct S_ctx *ctx, enum S_limit lim)
{
	ctx->limit = lim;
	return luaL_error(L, "template limit exceeded");
}

static void
S_check(lua_State *L, struct S_ctx *ctx)
{
	struct tmpl *t = S_engine(L);
	struct timespec now;

	if (ctx->limit != S_LIM_NONE)
		S_limit_error(L, ctx, ctx->limit);
	if (ctx->steps > t->lim.instructions)
		S_limit_error(L, ctx, S_LIM_STEPS);
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (now.tv_sec > ctx->deadline.tv_sec ||
	    (now.tv_sec == ctx->deadline.tv_sec &&
	    now.tv_nsec >= ctx->deadline.tv_nsec))
		S_limit_error(L, ctx, S_LIM_TIME);
}

void
tmpl_work(lua_State *L, double steps)
{
	struct tmpl *t = S_engine(L);
	struct S_ctx *ctx = t->ctx;

	if (ctx == NULL)
		luaL_error(L, "template code running outside a render");
	if (steps >= (double)t->lim.instructions)
		S_limit_error(L, ctx, S_LIM_STEPS);
	ctx->steps += (unsigned long)steps;
	/* the clock every S_HOOKCOUNT steps or so, as the hook does */
	if (ctx->steps - ctx->checked >= S_HOOKCOUNT) {
		ctx->checked = ctx->steps;
		S_check(L, ctx);
	}
}

void
tmpl_charge_mem(lua_State *L, double size)
{
	struct tmpl *t = S_engine(L);

	if (t->ctx && t->memcap && (double)t->mem + size > (double)t->memcap)
		S_limit_error(L, t->ctx, S_LIM_MEM);
}

/*
 * Hook, every S_HOOKCOUNT instructions: charges them and samples the
 * current template position into ctx->sample (memory errors unwind
 * without a message handler, so this, or the last emit, is their
 * position).  No line hook: it would cost more than the templates.
 */
static void
S_hook(lua_State *L, lua_Debug *ar)
{
	struct tmpl *t = S_engine(L);
	struct S_ctx *ctx = t->ctx;

	if (ctx && lua_getinfo(L, "Sl", ar)) {
		if (ar->source != ctx->src_raw) {
			ctx->src_raw = ar->source;
			ctx->src_path = S_tpl_path(t, ar->source);
		}
		if (ctx->src_path != NULL && ar->currentline > 0) {
			ctx->sample.file = ctx->src_path;
			ctx->sample.line = ar->currentline;
		}
	}
	if (ctx == NULL)
		luaL_error(L, "template code running outside a render");
	if (S_fired) {			/* the watchdog: past the deadline */
		lua_sethook(L, S_hook, LUA_MASKCOUNT, S_HOOKCOUNT);
		S_limit_error(L, ctx, S_LIM_TIME);
	}
	ctx->steps += S_HOOKCOUNT;
	ctx->checked = ctx->steps;
	S_check(L, ctx);
}

/*
 * Strips a leading "file:LINE: " that Lua puts on messages; the position
 * is reported separately.  Stores the line in *line when given.
 */
static const char *
S_strip_pos(const char *msg, int *line)
{
	const char *p, *q;

	for (p = msg; *p && *p != '\n' && p - msg < 1024; p++) {
		if (*p != ':' || p[1] < '0' || p[1] > '9')
			continue;
		for (q = p + 1; *q >= '0' && *q <= '9'; q++)
			;
		if (q[0] == ':' && q[1] == ' ') {
			if (line)
				*line = atoi(p + 1);
			return q + 2;
		}
	}
	return msg;
}

/* Is file:line the last position recorded (a recursion's frames)? */
static int
S_same_pos(const struct S_ctx *ctx, const char *file, int line)
{
	const struct S_pos *p = ctx->nnotes ? &ctx->notes[ctx->nnotes - 1] :
	    &ctx->err;

	return p->file == file && p->line == line;
}

/*
 * Message handler: records positions from the stack, cleans the message.
 * It runs no Lua code (an error object's __tostring is not called): the
 * handler of an error raised by the count hook runs with hooks off, so
 * Lua code there could not be stopped.  It looks at S_MAXLEVELS frames at
 * most (lua_getstack() walks from the top, so a walk over every frame of
 * a deep recursion would take time quadratic in its depth).
 */
static int
S_msgh(lua_State *L)
{
	struct tmpl *t = S_engine(L);
	struct S_ctx *ctx = t->ctx;
	const char *msg, *path;
	lua_Debug ar;
	int level, first = 1;

	if ((msg = lua_tostring(L, 1)) == NULL)
		msg = lua_pushfstring(L, "(error object is a %s value)",
		    luaL_typename(L, 1));
	if (ctx->forced.file) {
		ctx->err = ctx->forced;
		first = 0;
	}
	for (level = 0; level < S_MAXLEVELS && (first ||
	    ctx->nnotes < S_MAXNOTES) && lua_getstack(L, level, &ar);
	    level++) {
		if (!lua_getinfo(L, "Sl", &ar) ||
		    (path = S_tpl_path(t, ar.source)) == NULL)
			continue;
		if (first) {
			ctx->err.file = path;
			ctx->err.line = ar.currentline;
			first = 0;
		} else if (!S_same_pos(ctx, path, ar.currentline)) {
			ctx->notes[ctx->nnotes].file = path;
			ctx->notes[ctx->nnotes++].line = ar.currentline;
		}
	}
	msg = S_strip_pos(msg, NULL);
	if (strcmp(msg, "stack overflow") == 0 ||
	    strcmp(msg, "C stack overflow") == 0)
		lua_pushfstring(L, "%s: calls nested too deeply (an endless "
		    "recursion?)", msg);
	else
		lua_pushstring(L, msg);
	return 1;
}

/* Output.  Upvalue 1 of each emit closure is its struct S_tpl. */

static void
S_mark(lua_State *L, struct S_ctx *ctx, const struct S_tpl *tp, int line)
{
	struct rb_pos pos;
	struct tmpl *t = S_engine(L);

	if (ctx->out->len - ctx->out0 > t->lim.memory)
		S_limit_error(L, ctx, S_LIM_MEM);
	ctx->sample.file = tp->path;
	ctx->sample.line = line;
	if (ctx->map == NULL || (ctx->last.file == tp->path &&
	    ctx->last.line == line))
		return;
	pos.file = tp->path;
	pos.line = line;
	pos.col = 0;
	doc_srcmap_add(ctx->map, ctx->out->len, &pos);
	ctx->last = ctx->sample;
}

/* The text of an output value: strings, numbers, booleans. */
static const char *
S_outstr(lua_State *L, int idx, size_t *n)
{
	const char *s;

	if ((s = lua_tolstring(L, idx, n)) != NULL)	/* string, number */
		return s;
	switch (lua_type(L, idx)) {
	case LUA_TBOOLEAN:
		*n = lua_toboolean(L, idx) ? 4 : 5;
		return lua_toboolean(L, idx) ? "true" : "false";
	default:
		luaL_error(L, "attempt to output a %s value",
		    luaL_typename(L, idx));
		return NULL;
	}
}

static int
S_emit(lua_State *L, int esc)
{
	struct S_ctx *ctx = S_engine(L)->ctx;
	const struct S_tpl *tp = lua_touserdata(L, lua_upvalueindex(1));
	const char *s;
	size_t n;
	int line;

	if (ctx == NULL)
		return luaL_error(L, "template code running outside a render");
	s = S_outstr(L, 2, &n);
	line = (int)lua_tointeger(L, 1);
	if (n > 0) {
		S_mark(L, ctx, tp, line);
		if (esc)
			tmpl_esc(ctx->out, s, n);
		else
			buf_put(ctx->out, s, n);
	}
	/* the template text after the tag on the same line (compile.c) */
	if (lua_gettop(L) >= 3 && (s = S_outstr(L, 3, &n), n > 0)) {
		S_mark(L, ctx, tp, line);
		buf_put(ctx->out, s, n);
	}
	return 0;
}

static int S_emit_raw(lua_State *L) { return S_emit(L, 0); }
static int S_emit_esc(lua_State *L) { return S_emit(L, 1); }

/* Template names: [A-Za-z0-9_./-], not absolute, no "..". */
static int
S_name_ok(const char *name)
{
	size_t n = strlen(name);

	if (n == 0 || n > 255 || name[0] == '/' || strstr(name, "..") ||
	    strspn(name, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789_./-") != n)
		return 0;
	return 1;
}

/*
 * Finds name in the user then the builtin folder; the real path must stay
 * inside the folder (no symlinks out).  Returns a malloc'd "dir/name" or
 * NULL.  Never raises.
 */
static char *
S_resolve(struct tmpl *t, const char *name)
{
	char *path, *rp, *rd;
	int i, ok;

	for (i = 0; i < 2; i++) {
		if (t->dirs[i] == NULL)
			continue;
		path = xasprintf("%s/%s", t->dirs[i], name);
		rp = realpath(path, NULL);
		rd = realpath(t->dirs[i], NULL);
		ok = rp && rd && strncmp(rp, rd, strlen(rd)) == 0 &&
		    rp[strlen(rd)] == '/' && access(rp, R_OK) == 0;
		free(rp);
		free(rd);
		if (ok)
			return path;
		free(path);
	}
	return NULL;
}

char *
tmpl_find(struct tmpl *t, const char *name)
{
	return S_name_ok(name) ? S_resolve(t, name) : NULL;
}

/* Interns a template record; the engine owns it until tmpl_free(). */
static struct S_tpl *
S_intern(struct tmpl *t, const char *name, char *path)
{
	struct S_tpl *tp;

	if (t->ntpls == t->tplcap) {
		t->tplcap = t->tplcap ? t->tplcap * 2 : 16;
		t->tpls = xreallocarray(t->tpls, t->tplcap, sizeof(*t->tpls));
	}
	tp = xmalloc(sizeof(*tp));
	tp->name = xstrdup(name);
	tp->path = path;
	t->tpls[t->ntpls++] = tp;
	return tp;
}

/*
 * Pushes the cache entry {fn, text, esc, raw} of template name, compiling
 * it on first use.  Raises errors (with ctx->forced set for compile errors).
 */
static void
S_compiled(lua_State *L, const char *name)
{
	struct tmpl *t = S_engine(L);
	struct S_ctx *ctx = t->ctx;
	struct buf src = BUF_INIT;
	struct S_tpl *tp;
	char *path, *data, *chunk;
	const char *err = NULL;
	size_t len;
	int st, line = 0, e;

	lua_rawgetp(L, LUA_REGISTRYINDEX, &S_KEY_CACHE);
	if (lua_getfield(L, -1, name) == LUA_TTABLE) {
		lua_remove(L, -2);
		return;
	}
	lua_pop(L, 2);
	if (!S_name_ok(name))
		luaL_error(L, "refused template name '%s': use only "
		    "[A-Za-z0-9_./-], no '..', no absolute path", name);
	if ((path = S_resolve(t, name)) == NULL)
		luaL_error(L, "template '%s' not found in %s%s%s", name,
		    t->dirs[0] ? t->dirs[0] : "", t->dirs[0] && t->dirs[1] ?
		    " or " : "", t->dirs[1] ? t->dirs[1] : "");
	tp = S_intern(t, name, path);
	if (file_read(path, S_MAXFILE, &data, &len) == -1) {
		e = errno;
		luaL_error(L, "cannot read template %s: %s", path,
		    strerror(e));
	}
	chunk = xasprintf("@%s", path);
	if (len > 0 && data[0] == LUA_SIGNATURE[0]) {
		/* A precompiled chunk: text mode refuses it. */
		st = luaL_loadbufferx(L, data, len, chunk, "t");
	} else if (tmpl_translate(&src, data, len, &line, &err) == -1) {
		st = -1;
	} else
		st = luaL_loadbufferx(L, src.data, src.len, chunk, "t");
	free(data);
	free(chunk);
	buf_free(&src);
	if (st == -1) {
		ctx->forced.file = tp->path;
		ctx->forced.line = line;
		luaL_error(L, "%s", err);
	}
	if (st == LUA_ERRMEM)
		lua_error(L);
	if (st != LUA_OK) {
		ctx->forced.file = tp->path;
		ctx->forced.line = 0;
		lua_pushstring(L, S_strip_pos(lua_tostring(L, -1),
		    &ctx->forced.line));
		lua_error(L);
	}
	/* Its _ENV upvalue would be the real globals: give it nothing. */
	lua_newtable(L);
	lua_setupvalue(L, -2, 1);
	lua_createtable(L, 4, 0);
	lua_rotate(L, -2, 1);
	lua_rawseti(L, -2, 1);
	lua_pushlightuserdata(L, tp);
	lua_pushcclosure(L, S_emit_raw, 1);
	lua_rawseti(L, -2, 2);
	lua_pushlightuserdata(L, tp);
	lua_pushcclosure(L, S_emit_esc, 1);
	lua_rawseti(L, -2, 3);
	lua_pushlightuserdata(L, tp);
	lua_pushcclosure(L, S_emit_raw, 1);
	lua_rawseti(L, -2, 4);
	lua_rawgetp(L, LUA_REGISTRYINDEX, &S_KEY_CACHE);
	lua_pushvalue(L, -2);
	lua_setfield(L, -2, name);
	lua_pop(L, 1);
}

/* Runs template name with the plain table at varsidx (0: none) as locals. */
static void
S_invoke(lua_State *L, const char *name, int varsidx)
{
	struct S_ctx *ctx = S_engine(L)->ctx;
	int i;

	if (ctx->depth >= S_MAXINCLUDE)
		luaL_error(L, "include nesting deeper than %d (recursive "
		    "include?)", S_MAXINCLUDE);
	S_compiled(L, name);
	lua_newtable(L);			/* env */
	if (varsidx) {
		lua_pushnil(L);
		while (lua_next(L, varsidx)) {
			lua_pushvalue(L, -2);
			lua_insert(L, -2);
			lua_rawset(L, -4);
		}
	}
	lua_rawgetp(L, LUA_REGISTRYINDEX, &S_KEY_ENVMETA);
	lua_setmetatable(L, -2);
	lua_rawgeti(L, -2, 1);			/* fn */
	lua_insert(L, -2);
	for (i = 2; i <= 4; i++)
		lua_rawgeti(L, -3 - (i - 2), i);
	ctx->depth++;
	lua_call(L, 4, 0);
	ctx->depth--;
	lua_pop(L, 1);
}

/* include(name [, vars]): emits another template; returns "". */
static int
S_include(lua_State *L)
{
	const char *name = luaL_checkstring(L, 1);

	if (!lua_isnoneornil(L, 2))
		luaL_checktype(L, 2, LUA_TTABLE);
	S_invoke(L, name, lua_istable(L, 2) ? 2 : 0);
	lua_pushliteral(L, "");
	return 1;
}

/*
 * _ENV's __index: builtins, then the data root, else an error.  A value
 * found is stored in the invocation's _ENV, so the next read of the same
 * name is a plain table hit (globals a template assigns are its own
 * anyway).
 */
static int
S_env_index(lua_State *L)
{
	lua_rawgetp(L, LUA_REGISTRYINDEX, &S_KEY_BASE);
	lua_pushvalue(L, 2);
	if (lua_rawget(L, -2) != LUA_TNIL)
		goto found;
	if (lua_rawgetp(L, LUA_REGISTRYINDEX, &S_KEY_ROOT) == LUA_TTABLE) {
		lua_pushvalue(L, 2);
		if (lua_gettable(L, -2) != LUA_TNIL)
			goto found;
	}
	if (lua_type(L, 2) == LUA_TSTRING)
		return luaL_error(L, "undefined variable '%s'",
		    lua_tostring(L, 2));
	return luaL_error(L, "undefined variable");
found:
	lua_pushvalue(L, 2);
	lua_pushvalue(L, -2);
	lua_rawset(L, 1);
	return 1;
}

/* pcall/xpcall that cannot swallow a limit or memory error. */
static int
S_finish_pcall(lua_State *L, int st, int base)
{
	struct S_ctx *ctx = S_engine(L)->ctx;

	if (st == LUA_OK) {
		lua_pushboolean(L, 1);
		lua_insert(L, base);
		return lua_gettop(L) - base + 1;
	}
	if (st == LUA_ERRMEM || (ctx && ctx->limit != S_LIM_NONE))
		lua_error(L);
	lua_pushboolean(L, 0);
	lua_insert(L, -2);
	return 2;
}

static int
S_pcall(lua_State *L)
{
	luaL_checkany(L, 1);
	return S_finish_pcall(L, lua_pcall(L, lua_gettop(L) - 1,
	    LUA_MULTRET, 0), 1);
}

/*
 * xpcall(f, h, ...): f runs as in pcall; when it fails (not at a limit),
 * h is called with the error object after the stack has unwound, as an
 * ordinary function under the same limits, and its result is returned
 * after false (an error in h: its error object).  Lua's xpcall would run
 * h as the message handler, where an error the count hook raised leaves
 * hooks off: an endless h could not be stopped.  Without the debug
 * library a handler cannot see the stack anyway.
 */
static int
S_xpcall(lua_State *L)
{
	int n = lua_gettop(L), st;

	luaL_checktype(L, 2, LUA_TFUNCTION);
	lua_pushvalue(L, 1);
	lua_rotate(L, 3, 1);			/* f, h, f, args */
	st = lua_pcall(L, n - 2, LUA_MULTRET, 0);
	if (st == LUA_OK)
		return S_finish_pcall(L, st, 3);
	S_finish_pcall(L, st, 3);		/* rethrows a limit */
	lua_pushvalue(L, 2);			/* f, h, false, err, h */
	lua_rotate(L, -2, 1);			/* f, h, false, h, err */
	st = lua_pcall(L, 1, 1, 0);
	if (st != LUA_OK)
		S_finish_pcall(L, st, 3);	/* rethrows a limit */
	return 2;
}

/* setmetatable without __gc (finalizers would run outside the limits). */
static int
S_setmetatable(lua_State *L)
{
	luaL_checktype(L, 1, LUA_TTABLE);
	if (!lua_isnil(L, 2)) {
		luaL_checktype(L, 2, LUA_TTABLE);
		if (lua_getfield(L, 2, "__gc") != LUA_TNIL)
			return luaL_error(L, "__gc metamethods are not "
			    "allowed in templates");
		lua_pop(L, 1);
	}
	if (luaL_getmetafield(L, 1, "__metatable") != LUA_TNIL)
		return luaL_error(L, "cannot change a protected metatable");
	lua_settop(L, 2);
	lua_setmetatable(L, 1);
	return 1;
}

/* Copies library table at -1 into a read-only proxy, minus drop[]. */
static void
S_sandbox_lib(lua_State *L, const char *const *drop, int patterns)
{
	const char *const *d;

	lua_newtable(L);
	lua_pushnil(L);
	while (lua_next(L, -3)) {
		for (d = drop; *d; d++)
			if (lua_type(L, -2) == LUA_TSTRING &&
			    strcmp(lua_tostring(L, -2), *d) == 0)
				break;
		if (*d) {
			lua_pop(L, 1);
			continue;
		}
		lua_pushvalue(L, -2);
		lua_insert(L, -2);
		lua_rawset(L, -4);
	}
	if (patterns)
		tmpl_open_patterns(L);
	tmpl_push_readonly(L, -1);
	lua_remove(L, -2);
	lua_remove(L, -2);
}

static int
S_setup(lua_State *L)
{
	static const char *const keep[] = { "assert", "error", "ipairs",
	    "next", "pairs", "rawequal", "rawget", "rawlen", "select",
	    "getmetatable", "tonumber", "tostring", "type", "_VERSION", NULL };
	static const char *const nodrop[] = { NULL };
	static const char *const strdrop[] = { "dump", NULL };
	static const char *const mathdrop[] = { "random", "randomseed", NULL };
	static const luaL_Reg sb[] = {
		{ "pcall", S_pcall },
		{ "xpcall", S_xpcall },
		{ "setmetatable", S_setmetatable },
		{ "include", S_include },
		{ NULL, NULL }
	};
	const char *const *k;

	luaL_requiref(L, LUA_GNAME, luaopen_base, 1);
	tmpl_meter_lib(L, LUA_GNAME);
	lua_newtable(L);			/* base */
	for (k = keep; *k; k++) {
		lua_getfield(L, -2, *k);
		lua_setfield(L, -2, *k);
	}
	luaL_setfuncs(L, sb, 0);
	tmpl_open_helpers(L);
	luaL_requiref(L, LUA_STRLIBNAME, luaopen_string, 0);
	tmpl_meter_lib(L, LUA_STRLIBNAME);
	S_sandbox_lib(L, strdrop, 1);
	lua_pushliteral(L, "");			/* strings' metatable */
	lua_getmetatable(L, -1);
	lua_pushvalue(L, -3);
	lua_setfield(L, -2, "__index");
	lua_pushboolean(L, 0);
	lua_setfield(L, -2, "__metatable");
	lua_pop(L, 2);
	lua_setfield(L, -2, LUA_STRLIBNAME);
	luaL_requiref(L, LUA_TABLIBNAME, luaopen_table, 0);
	tmpl_meter_lib(L, LUA_TABLIBNAME);
	S_sandbox_lib(L, nodrop, 0);
	lua_setfield(L, -2, LUA_TABLIBNAME);
	luaL_requiref(L, LUA_MATHLIBNAME, luaopen_math, 0);
	S_sandbox_lib(L, mathdrop, 0);
	lua_setfield(L, -2, LUA_MATHLIBNAME);
	luaL_requiref(L, LUA_UTF8LIBNAME, luaopen_utf8, 0);
	tmpl_meter_lib(L, LUA_UTF8LIBNAME);
	S_sandbox_lib(L, nodrop, 0);
	lua_setfield(L, -2, LUA_UTF8LIBNAME);
	lua_rawsetp(L, LUA_REGISTRYINDEX, &S_KEY_BASE);
	/* The real globals are never reachable from templates; empty them. */
	lua_newtable(L);
	lua_rawseti(L, LUA_REGISTRYINDEX, LUA_RIDX_GLOBALS);
	lua_newtable(L);
	lua_rawsetp(L, LUA_REGISTRYINDEX, &S_KEY_CACHE);
	lua_createtable(L, 0, 2);
	lua_pushcfunction(L, S_env_index);
	lua_setfield(L, -2, "__index");
	lua_pushboolean(L, 0);
	lua_setfield(L, -2, "__metatable");
	lua_rawsetp(L, LUA_REGISTRYINDEX, &S_KEY_ENVMETA);
	return 0;
}

struct tmpl *
tmpl_new(const char *userdir, const char *builtindir,
    const struct tmpl_limits *limits)
{
	struct tmpl *t = xcalloc(1, sizeof(*t));

	if (limits)
		t->lim = *limits;
	if (t->lim.instructions == 0)
		t->lim.instructions = TMPL_DEFAULT_INSTRUCTIONS;
	if (t->lim.memory == 0)
		t->lim.memory = TMPL_DEFAULT_MEMORY;
	if (t->lim.ms == 0)
		t->lim.ms = TMPL_DEFAULT_MS;
	t->lim.hint = limits && limits->hint ? xstrdup(limits->hint) : NULL;
	t->dirs[0] = userdir ? xstrdup(userdir) : NULL;
	t->dirs[1] = builtindir ? xstrdup(builtindir) : NULL;
	if ((t->L = lua_newstate(S_alloc, t)) == NULL) {
		fprintf(stderr, "rolebook: cannot create a Lua state\n");
		exit(2);
	}
	*(struct tmpl **)lua_getextraspace(t->L) = t;
	lua_pushcfunction(t->L, S_setup);
	if (lua_pcall(t->L, 0, 0, 0) != LUA_OK) {
		fprintf(stderr, "rolebook: template sandbox: %s\n",
		    lua_tostring(t->L, -1));
		exit(2);
	}
	/*
	 * Incremental collector, a cycle when the heap has grown to 4 times
	 * what the last one kept (Lua's default: 2 times; generational mode
	 * cost more): renders are short and leave garbage only.  A render
	 * near its memory limit is not failed by uncollected garbage: Lua
	 * collects fully and retries an allocation S_alloc refuses.
	 */
	lua_gc(t->L, LUA_GCINC, 400, 0, 0);
	/* Always on: code outside a render (finalizers) is stopped too. */
	lua_sethook(t->L, S_hook, LUA_MASKCOUNT, S_HOOKCOUNT);
	S_kill_msgs(t);
	return t;
}

void
tmpl_free(struct tmpl *t)
{
	size_t i;

	if (t == NULL)
		return;
	if (t->timerpid == getpid())
		timer_delete(t->timer);
	free(t->killmsg);
	free(t->killjson);
	lua_close(t->L);
	for (i = 0; i < t->ntpls; i++) {
		free(t->tpls[i]->name);
		free(t->tpls[i]->path);
		free(t->tpls[i]);
	}
	free(t->tpls);
	free(t->dirs[0]);
	free(t->dirs[1]);
	free(t->read);
	tmpl_pxmap_free(&t->px);
	free((char *)t->lim.hint);
	free(t);
}

void
tmpl_track(struct tmpl *t, int on)
{
	t->track = on;
	t->nread = 0;
}

const char *
tmpl_dir(const struct tmpl *t, int which)
{
	return which == 0 || which == 1 ? t->dirs[which] : NULL;
}

const struct tmpl_val *const *
tmpl_read(const struct tmpl *t, size_t *n)
{
	*n = t->nread;
	return t->read;
}

void
tmpl_note_read(lua_State *L, const struct tmpl_val *v)
{
	struct tmpl *t = S_engine(L);

	if (!t->track)
		return;
	if (t->nread == t->capread) {
		t->capread = t->capread ? t->capread * 2 : 64;
		t->read = xreallocarray(t->read, t->capread,
		    sizeof(*t->read));
	}
	t->read[t->nread++] = v;
}

/* Protected body of a render: arguments name, root (light userdata). */
static int
S_main(lua_State *L)
{
	const char *name = lua_touserdata(L, 1);
	const struct tmpl_val *root = lua_touserdata(L, 2);

	tmpl_data_begin(L);
	tmpl_push_val(L, root);
	lua_rawsetp(L, LUA_REGISTRYINDEX, &S_KEY_ROOT);
	S_invoke(L, name, 0);
	return 0;
}

/*
 * The hint for one limit: a "%s" in the caller's hint becomes the limit's
 * name (steps, ms, memory), e.g. "--limit tmpl-%s=N".  Caller frees.
 */
static char *
S_hint(const char *hint, const char *name)
{
	const char *p;

	if (hint == NULL)
		return NULL;
	if ((p = strstr(hint, "%s")) == NULL)
		return xstrdup(hint);
	return xasprintf("%.*s%s%s", (int)(p - hint), hint, name, p + 2);
}

/* The message for a limit hit (S_LIM_NONE: the error at the top); more
 * (may be NULL) follows the limit's value. */
static char *
S_limit_msg(struct tmpl *t, enum S_limit lim, const char *more)
{
	char *hint, *msg;

	hint = S_hint(t->lim.hint, lim == S_LIM_STEPS ? "steps" :
	    lim == S_LIM_TIME ? "ms" : "memory");
	switch (lim) {
	case S_LIM_STEPS:
		msg = xasprintf("template exceeded its instruction budget "
		    "(%lu)%s%s", t->lim.instructions, hint ? "; raise it "
		    "with " : " (an endless loop?)", hint ? hint : "");
		break;
	case S_LIM_TIME:
		msg = xasprintf("template exceeded its time limit (%u ms)%s%s%s",
		    t->lim.ms, more ? more : "", hint ? "; raise it with " :
		    "", hint ? hint : "");
		break;
	case S_LIM_MEM:
		msg = xasprintf("template exceeded its memory limit (%zu "
		    "bytes)%s%s", t->lim.memory, hint ? "; raise it with " :
		    "", hint ? hint : "");
		break;
	default:
		msg = xstrdup(lua_tostring(t->L, -1) ? lua_tostring(t->L, -1) :
		    "template error");
		break;
	}
	free(hint);
	return msg;
}

static void
S_report(struct tmpl *t, struct diag *d, struct S_ctx *ctx, int st)
{
	struct S_pos pos = ctx->err.file ? ctx->err : ctx->sample;
	char *msg;
	int i;

	if (st == LUA_ERRMEM)
		ctx->limit = S_LIM_MEM;
	msg = S_limit_msg(t, ctx->limit, NULL);
	diag_at(d, DIAG_ERROR, pos.file, pos.line, 0, "%s", msg);
	free(msg);
	for (i = 0; i < ctx->nnotes; i++)
		diag_at(d, DIAG_NOTE, ctx->notes[i].file, ctx->notes[i].line,
		    0, "from here");
}

/*
 * The watchdog: a timer per render, in the rendering thread.  At the
 * deadline it sets the count hook to run at the very next instruction
 * (lua_sethook() may be called from a signal handler), which stops the
 * render with the time-limit error, however slow its instructions are.
 * A single library call cannot be stopped that way; if the render is
 * still running S_GRACE_MS later, the handler prints the time-limit
 * diagnostic (S_kill) and ends the process: in a worker of src/util/jobs.c
 * the parent then reports the worker as failed and writes nothing.
 */
static struct tmpl *volatile S_armed;	/* the render being watched */

/* Async-signal-safe appending to a fixed buffer. */
struct S_sbuf {
	char	 b[2048];
	size_t	 n;
};

static void
S_sput(struct S_sbuf *sb, const char *s, int json)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *p;

	for (p = (const unsigned char *)s; *p && sb->n + 6 < sizeof(sb->b);
	    p++) {
		if (json && (*p == '"' || *p == '\\'))
			sb->b[sb->n++] = '\\';
		else if (json && *p < 0x20) {
			memcpy(sb->b + sb->n, "\\u00", 4);
			sb->n += 4;
			sb->b[sb->n++] = hex[*p >> 4];
			sb->b[sb->n++] = hex[*p & 15];
			continue;
		}
		sb->b[sb->n++] = (char)*p;
	}
}

static void
S_sputn(struct S_sbuf *sb, int v)
{
	char d[16];
	int i = 0;

	do
		d[i++] = (char)('0' + v % 10);
	while ((v /= 10) > 0 && i < 15);
	while (i > 0 && sb->n < sizeof(sb->b))
		sb->b[sb->n++] = d[--i];
}

/* Prints the time-limit diagnostic at the last known position; exits. */
static void
S_kill(struct tmpl *t)
{
	struct S_ctx *ctx = t->ctx;
	struct S_sbuf sb;
	const char *file = ctx ? ctx->sample.file : NULL;
	int line = ctx ? ctx->sample.line : 0;
	ssize_t w;
	size_t off;

	sb.n = 0;
	if (t->lim.json) {
		S_sput(&sb, "[\n {\"file\": ", 0);
		if (file) {
			S_sput(&sb, "\"", 0);
			S_sput(&sb, file, 1);
			S_sput(&sb, "\"", 0);
		} else
			S_sput(&sb, "null", 0);
		S_sput(&sb, ", \"line\": ", 0);
		S_sputn(&sb, line);
		S_sput(&sb, ", \"column\": 0, \"severity\": \"error\", "
		    "\"message\": \"", 0);
		S_sput(&sb, t->killjson, 0);
		S_sput(&sb, "\"}\n]\n", 0);
	} else {
		if (file) {
			S_sput(&sb, file, 0);
			if (line > 0) {
				S_sput(&sb, ":", 0);
				S_sputn(&sb, line);
			}
			S_sput(&sb, ": ", 0);
		} else
			S_sput(&sb, "rolebook: ", 0);
		S_sput(&sb, "error: ", 0);
		S_sput(&sb, t->killmsg, 0);
		S_sput(&sb, "\n", 0);
	}
	for (off = 0; off < sb.n; off += (size_t)w)
		if ((w = write(2, sb.b + off, sb.n - off)) <= 0)
			break;
	_exit(1);
}

static void
S_alarm(int sig, siginfo_t *si, void *uc)
{
	struct tmpl *t = S_armed;
	int e = errno;

	(void)sig;
	(void)si;
	(void)uc;
	if (t != NULL) {
		if (S_fired++ == 0)
			lua_sethook(t->L, S_hook, LUA_MASKCOUNT, 1);
		else
			S_kill(t);
	}
	errno = e;
}

/* Starts watching a render of t; no watchdog when a timer is refused. */
static void
S_watch_arm(struct tmpl *t)
{
	static pid_t handler;		/* installed (it survives fork) */
	struct sigaction sa;
	struct sigevent sev;
	struct itimerspec its;
	pid_t pid = getpid();

	if (t->timerpid != pid) {	/* timers do not survive fork */
		if (handler == 0) {
			memset(&sa, 0, sizeof(sa));
			sa.sa_sigaction = S_alarm;
			sa.sa_flags = SA_SIGINFO | SA_RESTART;
			sigemptyset(&sa.sa_mask);
			if (sigaction(S_SIGNAL, &sa, NULL) == -1)
				return;
			handler = 1;
		}
		memset(&sev, 0, sizeof(sev));
		sev.sigev_notify = SIGEV_THREAD_ID;
		sev.sigev_signo = S_SIGNAL;
		sev._sigev_un._tid = gettid();
		if (timer_create(CLOCK_MONOTONIC, &sev, &t->timer) == -1) {
			t->timerpid = 0;
			return;
		}
		t->timerpid = pid;
	}
	S_fired = 0;
	S_armed = t;
	memset(&its, 0, sizeof(its));
	its.it_value.tv_sec = t->lim.ms / 1000;
	its.it_value.tv_nsec = (long)(t->lim.ms % 1000) * 1000000L;
	its.it_interval.tv_sec = S_GRACE_MS / 1000;
	its.it_interval.tv_nsec = (long)(S_GRACE_MS % 1000) * 1000000L;
	timer_settime(t->timer, 0, &its, NULL);
}

static void
S_watch_disarm(struct tmpl *t)
{
	struct itimerspec its;

	if (t->timerpid == getpid()) {
		memset(&its, 0, sizeof(its));
		timer_settime(t->timer, 0, &its, NULL);
	}
	S_armed = NULL;
}

/* What the watchdog prints when it ends a render (S_kill). */
static void
S_kill_msgs(struct tmpl *t)
{
	struct S_sbuf sb;
	char *more = xasprintf(" and was ended from outside %d ms later, in "
	    "a library call", S_GRACE_MS);

	t->killmsg = S_limit_msg(t, S_LIM_TIME, more);
	sb.n = 0;
	S_sput(&sb, t->killmsg, 1);
	t->killjson = xstrndup(sb.b, sb.n);
	free(more);
}

int
tmpl_render(struct tmpl *t, struct diag *d, const char *name,
    const struct tmpl_val *root, struct buf *out, struct doc_srcmap *map)
{
	struct S_ctx ctx;
	lua_State *L = t->L;
	int st;

	memset(&ctx, 0, sizeof(ctx));
	ctx.out = out;
	ctx.out0 = out->len;
	ctx.map = map;
	clock_gettime(CLOCK_MONOTONIC, &ctx.deadline);
	ctx.deadline.tv_sec += t->lim.ms / 1000;
	ctx.deadline.tv_nsec += (long)(t->lim.ms % 1000) * 1000000L;
	if (ctx.deadline.tv_nsec >= 1000000000L) {
		ctx.deadline.tv_sec++;
		ctx.deadline.tv_nsec -= 1000000000L;
	}
	t->ctx = &ctx;
	t->nread = 0;
	t->memcap = t->mem + t->lim.memory;
	if (t->memcap < t->mem)
		t->memcap = SIZE_MAX;
	lua_settop(L, 0);
	lua_pushcfunction(L, S_msgh);
	lua_pushcfunction(L, S_main);
	lua_pushlightuserdata(L, (void *)name);
	lua_pushlightuserdata(L, (void *)root);
	lua_sethook(L, S_hook, LUA_MASKCOUNT, S_HOOKCOUNT);
	S_watch_arm(t);
	st = lua_pcall(L, 2, 0, 1);
	S_watch_disarm(t);
	if (st != LUA_OK)
		S_report(t, d, &ctx, st);
	lua_settop(L, 0);
	lua_pushnil(L);
	lua_rawsetp(L, LUA_REGISTRYINDEX, &S_KEY_ROOT);
	tmpl_data_end(L);
	t->memcap = 0;
	/* Lua's incremental collector keeps up with a render's garbage;
	 * collect fully only when much has piled up. */
	if (t->mem > S_GCFULL)
		lua_gc(L, LUA_GCCOLLECT);
	t->ctx = NULL;
	return st == LUA_OK ? 0 : -1;
}
