/*
 * value.c — the value builder callers use to hand the model to templates
 * (strings, integers, numbers, booleans, arrays, maps), and its conversion
 * into read-only Lua proxy tables: an empty table whose protected
 * metatable has __index = the real (hidden) table, __newindex raising
 * "attempt to modify read-only data", and __len/__pairs for iteration.
 */
#include <stdlib.h>
#include <string.h>
#include <lua.h>
#include <lauxlib.h>
#include "tmpl_int.h"

struct tmpl_val {
	enum tmpl_vtype	  type;
	int		  b;
	long long	  i;
	double		  d;
	char		 *s;		/* TMPL_STR: owned, NUL-terminated */
	size_t		  slen;
	struct tmpl_val	**items;	/* TMPL_ARRAY, TMPL_MAP: owned */
	char		**keys;		/* TMPL_MAP: owned */
	size_t		  n, cap;
};

#define S_MAXDEPTH	100	/* nesting of pushed data */

static struct tmpl_val *
S_new(enum tmpl_vtype t)
{
	struct tmpl_val *v = xcalloc(1, sizeof(*v));

	v->type = t;
	return v;
}

struct tmpl_val *tmpl_val_map(void) { return S_new(TMPL_MAP); }
struct tmpl_val *tmpl_val_array(void) { return S_new(TMPL_ARRAY); }

struct tmpl_val *
tmpl_val_strn(const char *s, size_t n)
{
	struct tmpl_val *v = S_new(TMPL_STR);

	v->s = xstrndup(s, n);
	v->slen = n;
	return v;
}

struct tmpl_val *
tmpl_val_str(const char *s)
{
	return tmpl_val_strn(s, strlen(s));
}

struct tmpl_val *
tmpl_val_int(long long i)
{
	struct tmpl_val *v = S_new(TMPL_INT);

	v->i = i;
	return v;
}

struct tmpl_val *
tmpl_val_num(double d)
{
	struct tmpl_val *v = S_new(TMPL_NUM);

	v->d = d;
	return v;
}

struct tmpl_val *
tmpl_val_bool(int b)
{
	struct tmpl_val *v = S_new(TMPL_BOOL);

	v->b = !!b;
	return v;
}

void
tmpl_val_free(struct tmpl_val *v)
{
	size_t i;

	if (v == NULL)
		return;
	for (i = 0; i < v->n; i++) {
		tmpl_val_free(v->items[i]);
		if (v->keys)
			free(v->keys[i]);
	}
	free(v->items);
	free(v->keys);
	free(v->s);
	free(v);
}

/* Makes room for one more child in a container. */
static void
S_reserve(struct tmpl_val *c)
{
	if (c->n < c->cap)
		return;
	c->cap = c->cap ? c->cap * 2 : 8;
	c->items = xreallocarray(c->items, c->cap, sizeof(*c->items));
	if (c->type == TMPL_MAP)
		c->keys = xreallocarray(c->keys, c->cap, sizeof(*c->keys));
}

struct tmpl_val *
tmpl_map_set(struct tmpl_val *m, const char *key, struct tmpl_val *v)
{
	size_t i;

	for (i = 0; i < m->n; i++)
		if (strcmp(m->keys[i], key) == 0) {
			tmpl_val_free(m->items[i]);
			m->items[i] = v;
			return v;
		}
	S_reserve(m);
	m->keys[m->n] = xstrdup(key);
	m->items[m->n++] = v;
	return v;
}

struct tmpl_val *
tmpl_array_push(struct tmpl_val *a, struct tmpl_val *v)
{
	S_reserve(a);
	a->items[a->n++] = v;
	return v;
}

void
tmpl_map_str(struct tmpl_val *m, const char *key, const char *s)
{
	tmpl_map_set(m, key, tmpl_val_str(s));
}

void
tmpl_map_int(struct tmpl_val *m, const char *key, long long i)
{
	tmpl_map_set(m, key, tmpl_val_int(i));
}

void
tmpl_map_bool(struct tmpl_val *m, const char *key, int b)
{
	tmpl_map_set(m, key, tmpl_val_bool(b));
}

struct tmpl_val *
tmpl_map_map(struct tmpl_val *m, const char *key)
{
	return tmpl_map_set(m, key, tmpl_val_map());
}

struct tmpl_val *
tmpl_map_array(struct tmpl_val *m, const char *key)
{
	return tmpl_map_set(m, key, tmpl_val_array());
}

/* Read-only proxies.  The hidden table is the metatable's __index. */

static void
S_backing(lua_State *L, int proxy)
{
	if (!lua_getmetatable(L, proxy))
		luaL_error(L, "not a read-only table");
	lua_getfield(L, -1, "__index");
	lua_remove(L, -2);
}

static int
S_ro_newindex(lua_State *L)
{
	if (lua_type(L, 2) == LUA_TSTRING)
		return luaL_error(L, "attempt to modify read-only data "
		    "(field '%s')", lua_tostring(L, 2));
	return luaL_error(L, "attempt to modify read-only data");
}

static int
S_ro_len(lua_State *L)
{
	S_backing(L, 1);
	lua_pushinteger(L, (lua_Integer)lua_rawlen(L, -1));
	return 1;
}

/* Iterator for pairs(): next() over the hidden table, never exposing it. */
static int
S_ro_next(lua_State *L)
{
	lua_settop(L, 2);
	S_backing(L, 1);
	lua_pushvalue(L, 2);
	if (lua_next(L, -2) == 0) {
		lua_pushnil(L);
		return 1;
	}
	return 2;
}

static int
S_ro_pairs(lua_State *L)
{
	lua_pushcfunction(L, S_ro_next);
	lua_pushvalue(L, 1);
	lua_pushnil(L);
	return 3;
}

void
tmpl_push_readonly(lua_State *L, int idx)
{
	idx = lua_absindex(L, idx);
	lua_newtable(L);			/* proxy */
	lua_createtable(L, 0, 5);		/* its metatable */
	lua_pushvalue(L, idx);
	lua_setfield(L, -2, "__index");
	lua_pushcfunction(L, S_ro_newindex);
	lua_setfield(L, -2, "__newindex");
	lua_pushcfunction(L, S_ro_len);
	lua_setfield(L, -2, "__len");
	lua_pushcfunction(L, S_ro_pairs);
	lua_setfield(L, -2, "__pairs");
	lua_pushboolean(L, 0);
	lua_setfield(L, -2, "__metatable");
	lua_setmetatable(L, -2);
}

static void
S_push(lua_State *L, const struct tmpl_val *v, int depth)
{
	size_t i;

	if (depth > S_MAXDEPTH)
		luaL_error(L, "template data nested deeper than %d", S_MAXDEPTH);
	luaL_checkstack(L, 4, "template data");
	if (v == NULL) {
		lua_pushnil(L);
		return;
	}
	switch (v->type) {
	case TMPL_NIL: lua_pushnil(L); return;
	case TMPL_BOOL: lua_pushboolean(L, v->b); return;
	case TMPL_INT: lua_pushinteger(L, (lua_Integer)v->i); return;
	case TMPL_NUM: lua_pushnumber(L, v->d); return;
	case TMPL_STR: lua_pushlstring(L, v->s, v->slen); return;
	case TMPL_ARRAY:
	case TMPL_MAP:
		break;
	}
	lua_createtable(L, v->type == TMPL_ARRAY ? (int)v->n : 0,
	    v->type == TMPL_MAP ? (int)v->n : 0);
	for (i = 0; i < v->n; i++) {
		S_push(L, v->items[i], depth + 1);
		if (v->type == TMPL_MAP)
			lua_setfield(L, -2, v->keys[i]);
		else
			lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
	tmpl_push_readonly(L, -1);
	lua_remove(L, -2);
}

void
tmpl_push_val(lua_State *L, const struct tmpl_val *v)
{
	S_push(L, v, 0);
}
