/*
 * value.c — the value builder callers use to hand the model to templates
 * (strings, integers, numbers, booleans, arrays, maps), and its conversion
 * into read-only Lua proxy tables, made lazily (see "Data proxies").
 * Library tables get eager proxies (tmpl_push_readonly): an empty table
 * whose protected metatable has __index = the real (hidden) table,
 * __newindex raising "attempt to modify read-only data", __len, __pairs.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <lua.h>
#include <lauxlib.h>
#include "tmpl_int.h"

struct tmpl_val {
	enum tmpl_vtype	  type;
	size_t		  n, cap;	/* TMPL_ARRAY, TMPL_MAP: children */
	union {
		int		  b;
		long long	  i;
		double		  d;
		struct {			/* TMPL_STR */
			const char	 *str;	/* s, or borrowed */
			size_t		  slen;
		};
		const struct tmpl_val *ref;	/* TMPL_REF: borrowed */
		struct {
			struct tmpl_val	**items; /* owned */
			const char	**keys;	/* TMPL_MAP: interned */
		};
	};
	char		  s[];		/* TMPL_STR: own copy, NUL-ended */
};

#define S_MAXDEPTH	100	/* a chain of references */
#define S_SHORTSTR	40	/* Lua interns strings up to this length
				   (LUAI_MAXSHORTLEN) */

/*
 * Map keys are interned once for the process: a handful of distinct
 * names ("title", "src", …) used by hundreds of thousands of maps.  The
 * table lives until exit (reachable, not leaked).
 */
static struct {
	const char	**slot;
	size_t		  n, cap;
} S_keys;

/* The slot of k in the key table: its own, or the empty one to fill. */
static size_t
S_intern_slot(const char *k)
{
	size_t h = 14695981039346656037ULL, i;
	const unsigned char *p;

	for (p = (const unsigned char *)k; *p; p++)
		h = (h ^ *p) * 1099511628211ULL;
	for (i = h & (S_keys.cap - 1); S_keys.slot[i] &&
	    strcmp(S_keys.slot[i], k) != 0; i = (i + 1) & (S_keys.cap - 1))
		;
	return i;
}

/* The interned key equal to k, or NULL: no map has such a key. */
static const char *
S_intern_find(const char *k)
{
	return S_keys.cap ? S_keys.slot[S_intern_slot(k)] : NULL;
}

static const char *
S_intern(const char *k)
{
	const char **old;
	size_t i, j, cap;

	if (S_keys.cap && S_keys.slot[i = S_intern_slot(k)])
		return S_keys.slot[i];
	if (2 * (S_keys.n + 1) > S_keys.cap) {
		old = S_keys.slot;
		cap = S_keys.cap;
		S_keys.cap = cap ? cap * 2 : 256;
		S_keys.slot = xcalloc(S_keys.cap, sizeof(*S_keys.slot));
		for (j = 0; j < cap; j++)
			if (old[j])
				S_keys.slot[S_intern_slot(old[j])] = old[j];
		free(old);
	}
	i = S_intern_slot(k);
	S_keys.slot[i] = xstrdup(k);
	S_keys.n++;
	return S_keys.slot[i];
}

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
	struct tmpl_val *v;

	if (n > SIZE_MAX - sizeof(*v) - 1) {
		fputs("rolebook: string too large\n", stderr);
		exit(2);
	}
	v = xmalloc(sizeof(*v) + n + 1);
	memset(v, 0, sizeof(*v));
	v->type = TMPL_STR;
	memcpy(v->s, s, n);
	v->s[n] = '\0';
	v->str = v->s;
	v->slen = n;
	return v;
}

struct tmpl_val *
tmpl_val_str_borrow(const char *s)
{
	struct tmpl_val *v = S_new(TMPL_STR);

	v->str = s;
	v->slen = strlen(s);
	return v;
}

struct tmpl_val *
tmpl_val_str(const char *s)
{
	return tmpl_val_strn(s, strlen(s));
}

struct tmpl_val *
tmpl_val_ref(const struct tmpl_val *target)
{
	struct tmpl_val *v = S_new(TMPL_REF);

	v->ref = target;
	return v;
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
	if (v->type == TMPL_ARRAY || v->type == TMPL_MAP) {
		for (i = 0; i < v->n; i++)
			tmpl_val_free(v->items[i]);
		free(v->items);
		free(v->keys);
	}
	free(v);
}

/* Makes room for one more child in a container. */
static void
S_reserve(struct tmpl_val *c)
{
	if (c->n < c->cap)
		return;
	c->cap = c->cap ? c->cap * 2 : 4;
	c->items = xreallocarray(c->items, c->cap, sizeof(*c->items));
	if (c->type == TMPL_MAP)
		c->keys = xreallocarray(c->keys, c->cap, sizeof(*c->keys));
}

struct tmpl_val *
tmpl_map_set(struct tmpl_val *m, const char *key, struct tmpl_val *v)
{
	const char *k = S_intern(key);
	size_t i;

	for (i = 0; i < m->n; i++)
		if (m->keys[i] == k) {
			tmpl_val_free(m->items[i]);
			m->items[i] = v;
			return v;
		}
	S_reserve(m);
	m->keys[m->n] = k;
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

/*
 * Data proxies.  A container of the model is handed to Lua lazily: an
 * empty table with one shared, protected metatable whose __index converts
 * one child at a time.  Per render, a Lua list holds the proxies made
 * (keeping them alive) and two C hash maps (struct tmpl_pxmap) map each
 * value to its proxy's place in the list (so the same value is the same
 * table) and each proxy, by table address, back to its value; both are
 * emptied when the render ends.  So
 * a render touches only the data it reads, the data may share subtrees
 * and even form cycles (through tmpl_val_ref), and a proxy kept past its
 * render (not in the current map) refuses to be read.  The list
 * is upvalue 1 of the metamethods (set by tmpl_data_begin(), nil between
 * renders): no registry look-up per read.
 */

static const char S_KEY_PXMETA;

#define S_UP_PROXIES	lua_upvalueindex(1)
#define S_UP_META	lua_upvalueindex(2)	/* the proxies' metatable */

static size_t
S_map_slot(const struct tmpl_ptrmap *m, const void *p)
{
	uint64_t h = (uint64_t)(uintptr_t)p * 0x9E3779B97F4A7C15ULL;

	return (size_t)(h ^ (h >> 32)) & (m->cap - 1);
}

/* The value at key p, or NULL. */
static const void *
S_map_get(const struct tmpl_ptrmap *m, const void *p)
{
	size_t i;

	if (m->n == 0)
		return NULL;
	for (i = S_map_slot(m, p); m->k[i] != NULL; i = (i + 1) &
	    (m->cap - 1))
		if (m->k[i] == p)
			return m->v[i];
	return NULL;
}

/* Sets key p (not NULL) to v (not NULL). */
static void
S_map_put(struct tmpl_ptrmap *m, const void *p, const void *v)
{
	const void **ok = m->k, **ov = m->v;
	size_t i, j, ocap = m->cap;

	if (2 * (m->n + 1) > m->cap) {
		m->cap = ocap ? ocap * 2 : 64;
		m->k = xcalloc(m->cap, sizeof(*m->k));
		m->v = xcalloc(m->cap, sizeof(*m->v));
		for (j = 0; j < ocap; j++) {
			if (ok[j] == NULL)
				continue;
			for (i = S_map_slot(m, ok[j]); m->k[i] != NULL;
			    i = (i + 1) & (m->cap - 1))
				;
			m->k[i] = ok[j];
			m->v[i] = ov[j];
		}
		free(ok);
		free(ov);
	}
	for (i = S_map_slot(m, p); m->k[i] != NULL && m->k[i] != p;
	    i = (i + 1) & (m->cap - 1))
		;
	if (m->k[i] == NULL)
		m->n++;
	m->k[i] = p;
	m->v[i] = v;
}

static void
S_map_free(struct tmpl_ptrmap *m)
{
	free(m->k);
	free(m->v);
	memset(m, 0, sizeof(*m));
}

/* Empties the map; a big one left by a big render is given back. */
static void
S_map_clear(struct tmpl_ptrmap *m)
{
	if (m->cap > 1024)
		S_map_free(m);
	else if (m->n > 0) {
		memset(m->k, 0, m->cap * sizeof(*m->k));
		m->n = 0;
	}
}

void
tmpl_pxmap_free(struct tmpl_pxmap *m)
{
	size_t i;

	for (i = 0; i < m->names.cap; i++)
		free((void *)m->names.v[i]);
	S_map_free(&m->px);
	S_map_free(&m->val);
	S_map_free(&m->names);
}

/*
 * Field names: the bytes of a short Lua string (interned by Lua, so one
 * object per text) mapped to the interned key (S_keys) with that text.
 * A string entered here is anchored in the registry, so its address keeps
 * naming that text for the life of the state: a field read compares
 * pointers, not text, first at the place the name was last found.  Only names that are keys of some map are entered
 * (a bounded set).
 */
static const char S_KEY_NAMES;

struct S_name {
	const char	*key;		/* the interned key */
	size_t		 hint;		/* where it was last found in a map */
};

/* Enters the short string at idx (bytes p) as naming key k. */
static void
S_kc_put(lua_State *L, struct tmpl_pxmap *m, int idx, const char *p,
    const char *k)
{
	struct S_name *nm;

	idx = lua_absindex(L, idx);
	if (lua_rawgetp(L, LUA_REGISTRYINDEX, &S_KEY_NAMES) != LUA_TTABLE) {
		lua_pop(L, 1);
		lua_newtable(L);
		lua_pushvalue(L, -1);
		lua_rawsetp(L, LUA_REGISTRYINDEX, &S_KEY_NAMES);
	}
	lua_pushvalue(L, idx);
	lua_pushboolean(L, 1);
	lua_rawset(L, -3);			/* names[str] = true */
	lua_pop(L, 1);
	nm = xmalloc(sizeof(*nm));
	nm->key = k;
	nm->hint = 0;
	S_map_put(&m->names, p, nm);
}

/* Follows references; NULL for a dangling chain. */
static const struct tmpl_val *
S_deref(const struct tmpl_val *v)
{
	int i;

	for (i = 0; v != NULL && v->type == TMPL_REF; i++) {
		if (i >= S_MAXDEPTH)
			return NULL;
		v = v->ref;
	}
	return v;
}

/* The value behind the proxy at idx; raises when it is stale. */
static const struct tmpl_val *
S_pxval(lua_State *L, int idx)
{
	const struct tmpl_val *v;

	if ((v = S_map_get(&tmpl_pxmap(L)->px, lua_topointer(L, idx))) == NULL)
		luaL_error(L, "template data used after its render ended");
	return v;
}

static void S_push(lua_State *, const struct tmpl_val *, int, int);

/* Index of key k (a string at idx) in map v, or v->n. */
static size_t
S_keyidx(lua_State *L, const struct tmpl_val *v, int idx)
{
	struct tmpl_pxmap *m;
	struct S_name *nm;
	const char *k, *ik;
	size_t i, n;

	if (lua_type(L, idx) != LUA_TSTRING)
		return v->n;
	k = lua_tolstring(L, idx, &n);
	m = tmpl_pxmap(L);
	if ((nm = (struct S_name *)S_map_get(&m->names, k)) != NULL) {
		/* maps of one kind list their keys in one order */
		if (nm->hint < v->n && v->keys[nm->hint] == nm->key)
			return nm->hint;
		for (i = 0; i < v->n; i++)
			if (v->keys[i] == nm->key)
				return nm->hint = i;
		return v->n;
	}
	if (strlen(k) != n ||			/* keys hold no NUL */
	    (ik = S_intern_find(k)) == NULL)
		return v->n;
	if (n <= S_SHORTSTR)
		S_kc_put(L, m, idx, k, ik);
	for (i = 0; i < v->n; i++)
		if (v->keys[i] == ik)
			return i;
	return v->n;
}

static int
S_px_index(lua_State *L)
{
	const struct tmpl_val *v = S_pxval(L, 1);
	lua_Integer k;
	size_t i;

	if (v->type == TMPL_MAP) {
		if ((i = S_keyidx(L, v, 2)) < v->n) {
			S_push(L, v->items[i], S_UP_PROXIES, S_UP_META);
			return 1;
		}
	} else if (lua_isinteger(L, 2)) {
		k = lua_tointeger(L, 2);
		if (k >= 1 && (lua_Unsigned)k <= v->n) {
			S_push(L, v->items[k - 1], S_UP_PROXIES, S_UP_META);
			return 1;
		}
	}
	lua_pushnil(L);
	return 1;
}

static int
S_px_len(lua_State *L)
{
	const struct tmpl_val *v = S_pxval(L, 1);

	lua_pushinteger(L, v->type == TMPL_ARRAY ? (lua_Integer)v->n : 0);
	return 1;
}

/* next() in insertion order: maps by key, arrays by index. */
static int
S_px_next(lua_State *L)
{
	const struct tmpl_val *v = S_pxval(L, 1);
	size_t i;

	lua_settop(L, 2);
	if (lua_isnil(L, 2))
		i = 0;
	else if (v->type == TMPL_MAP)
		i = S_keyidx(L, v, 2) + 1;
	else
		i = lua_isinteger(L, 2) && lua_tointeger(L, 2) > 0 ?
		    (size_t)lua_tointeger(L, 2) : v->n;
	if (i >= v->n) {
		lua_pushnil(L);
		return 1;
	}
	if (v->type == TMPL_MAP)
		lua_pushstring(L, v->keys[i]);
	else
		lua_pushinteger(L, (lua_Integer)i + 1);
	S_push(L, v->items[i], S_UP_PROXIES, S_UP_META);
	return 2;
}

static int
S_px_pairs(lua_State *L)
{
	S_pxval(L, 1);
	lua_pushvalue(L, S_UP_PROXIES);
	lua_pushvalue(L, S_UP_META);
	lua_pushcclosure(L, S_px_next, 2);
	lua_pushvalue(L, 1);
	lua_pushnil(L);
	return 3;
}

/* Pushes v; lidx: the render's list of proxies, midx: their metatable. */
static void
S_push(lua_State *L, const struct tmpl_val *v, int lidx, int midx)
{
	struct tmpl_pxmap *m;
	uintptr_t i;

	luaL_checkstack(L, 6, "template data");
	if (v != NULL && v->type == TMPL_REF && (v = S_deref(v)) == NULL)
		luaL_error(L, "template data: references nested deeper "
		    "than %d", S_MAXDEPTH);
	if (v == NULL) {
		lua_pushnil(L);
		return;
	}
	switch (v->type) {
	case TMPL_NIL: lua_pushnil(L); return;
	case TMPL_BOOL: lua_pushboolean(L, v->b); return;
	case TMPL_INT: lua_pushinteger(L, (lua_Integer)v->i); return;
	case TMPL_NUM: lua_pushnumber(L, v->d); return;
	case TMPL_STR: lua_pushlstring(L, v->str, v->slen); return;
	default:
		break;
	}
	if (lua_type(L, lidx) != LUA_TTABLE)
		luaL_error(L, "template data used outside a render");
	m = tmpl_pxmap(L);
	if ((i = (uintptr_t)S_map_get(&m->val, v)) != 0) {
		lua_rawgeti(L, lidx, (lua_Integer)i);
		return;
	}
	lua_newtable(L);			/* proxy */
	lua_pushvalue(L, midx);
	lua_setmetatable(L, -2);
	tmpl_note_read(L, v);
	lua_pushvalue(L, -1);
	i = m->val.n + 1;
	lua_rawseti(L, lidx, (lua_Integer)i);	/* list[i] = proxy */
	S_map_put(&m->val, v, (const void *)i);
	S_map_put(&m->px, lua_topointer(L, -1), v);
}

/* Sets upvalue 1 of the metamethods to the value on top (popped). */
static void
S_set_upvalues(lua_State *L)
{
	static const char *const mm[] = { "__index", "__len", "__pairs" };
	size_t i;

	if (lua_rawgetp(L, LUA_REGISTRYINDEX, &S_KEY_PXMETA) != LUA_TTABLE) {
		lua_pop(L, 2);			/* no render yet */
		return;
	}
	for (i = 0; i < sizeof(mm) / sizeof(mm[0]); i++) {
		lua_getfield(L, -1, mm[i]);
		lua_pushvalue(L, -3);
		lua_setupvalue(L, -2, 1);
		lua_pop(L, 1);
	}
	lua_pop(L, 2);
}

void
tmpl_data_begin(lua_State *L)
{
	if (lua_rawgetp(L, LUA_REGISTRYINDEX, &S_KEY_PXMETA) != LUA_TTABLE) {
		lua_createtable(L, 0, 5);
		lua_pushnil(L);
		lua_pushvalue(L, -2);
		lua_pushcclosure(L, S_px_index, 2);
		lua_setfield(L, -2, "__index");
		lua_pushcfunction(L, S_ro_newindex);
		lua_setfield(L, -2, "__newindex");
		lua_pushnil(L);
		lua_pushvalue(L, -2);
		lua_pushcclosure(L, S_px_len, 2);
		lua_setfield(L, -2, "__len");
		lua_pushnil(L);
		lua_pushvalue(L, -2);
		lua_pushcclosure(L, S_px_pairs, 2);
		lua_setfield(L, -2, "__pairs");
		lua_pushboolean(L, 0);
		lua_setfield(L, -2, "__metatable");
		lua_rawsetp(L, LUA_REGISTRYINDEX, &S_KEY_PXMETA);
	}
	lua_pop(L, 1);
	S_map_clear(&tmpl_pxmap(L)->px);
	S_map_clear(&tmpl_pxmap(L)->val);
	lua_createtable(L, 64, 0);		/* the list of proxies */
	S_set_upvalues(L);
}

void
tmpl_data_end(lua_State *L)
{
	lua_pushnil(L);
	S_set_upvalues(L);
	S_map_clear(&tmpl_pxmap(L)->px);
	S_map_clear(&tmpl_pxmap(L)->val);
}

void
tmpl_push_val(lua_State *L, const struct tmpl_val *v)
{
	int top;

	luaL_checkstack(L, 5, "template data");
	lua_rawgetp(L, LUA_REGISTRYINDEX, &S_KEY_PXMETA);
	lua_getfield(L, -1, "__index");
	top = lua_gettop(L);
	lua_getupvalue(L, top, 1);
	lua_getupvalue(L, top, 2);
	S_push(L, v, top + 1, top + 2);
	lua_replace(L, top - 1);
	lua_settop(L, top - 1);
}

/* Read access from C. */

enum tmpl_vtype
tmpl_val_type(const struct tmpl_val *v)
{
	return v ? v->type : TMPL_NIL;
}

const struct tmpl_val *
tmpl_val_deref(const struct tmpl_val *v)
{
	return S_deref(v);
}

enum tmpl_vtype
tmpl_val_bytes(const struct tmpl_val *v, const void **p, size_t *n)
{
	*p = NULL;
	*n = 0;
	if ((v = S_deref(v)) == NULL)
		return TMPL_NIL;
	switch (v->type) {
	case TMPL_BOOL: *p = &v->b; *n = sizeof(v->b); break;
	case TMPL_INT: *p = &v->i; *n = sizeof(v->i); break;
	case TMPL_NUM: *p = &v->d; *n = sizeof(v->d); break;
	case TMPL_STR: *p = v->str; *n = v->slen; break;
	default: break;
	}
	return v->type;
}

size_t
tmpl_val_len(const struct tmpl_val *v)
{
	v = S_deref(v);
	return v && (v->type == TMPL_MAP || v->type == TMPL_ARRAY) ? v->n : 0;
}

const struct tmpl_val *
tmpl_val_item(const struct tmpl_val *v, size_t i)
{
	v = S_deref(v);
	return v && (v->type == TMPL_MAP || v->type == TMPL_ARRAY) &&
	    i < v->n ? v->items[i] : NULL;
}

const char *
tmpl_val_key(const struct tmpl_val *v, size_t i)
{
	v = S_deref(v);
	return v && v->type == TMPL_MAP && i < v->n ? v->keys[i] : NULL;
}

const struct tmpl_val *
tmpl_map_get(const struct tmpl_val *m, const char *key)
{
	size_t i;

	m = S_deref(m);
	if (m == NULL || m->type != TMPL_MAP)
		return NULL;
	for (i = 0; i < m->n; i++)
		if (strcmp(m->keys[i], key) == 0)
			return m->items[i];
	return NULL;
}

const char *
tmpl_val_string(const struct tmpl_val *v)
{
	v = S_deref(v);
	return v && v->type == TMPL_STR ? v->str : NULL;
}
