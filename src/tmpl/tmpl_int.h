/*
 * tmpl_int.h — declarations shared by the files of src/tmpl only.
 */
#ifndef RB_TMPL_INT_H
#define RB_TMPL_INT_H

#include <lua.h>
#include "tmpl.h"

/* Names of the emit functions the generated Lua source calls. */
#define TMPL_EMIT_TEXT	"__rb_t"
#define TMPL_EMIT_ESC	"__rb_e"
#define TMPL_EMIT_RAW	"__rb_r"

/*
 * compile.c: translates template text into Lua source whose line N holds
 * the code of template line N.  Returns 0, or -1 with *errline and *err
 * (a static string) set on an unclosed tag.
 */
int	tmpl_translate(struct buf *out, const char *src, size_t n,
	    int *errline, const char **err);

/*
 * pattern.c: registers sandbox versions of find, match, gmatch, gsub and
 * rep into the table at the top of the stack.  They call tmpl_work() every few
 * thousand matcher steps.
 */
void	tmpl_open_patterns(lua_State *L);
/* tmpl.c: charges steps of work (instructions' worth; any size, a
 * charge past the budget fails at once) to the running render; raises a
 * Lua error when a limit is exceeded. */
void	tmpl_work(lua_State *L, double steps);

/* meter.c: wraps the functions of library lib ("table", "string", "utf8",
 * or anything else for the base library) in the table at the top of the
 * stack with versions that charge their cost (tmpl_work). */
void	tmpl_meter_lib(lua_State *L, const char *lib);

/* tmpl.c: raises the memory-limit error when a result of size bytes
 * would not fit the render's memory limit. */
void	tmpl_charge_mem(lua_State *L, double size);

/*
 * value.c: the proxies of the running render by table address, back to
 * their values (a C hash map; one per engine, in struct tmpl).
 */
struct tmpl_ptrmap {			/* open addressing, pointer keys */
	const void	**k, **v;
	size_t		  n, cap;
};
struct tmpl_pxmap {
	struct tmpl_ptrmap	px;	/* proxy (table address) -> value */
	struct tmpl_ptrmap	val;	/* value -> place of its proxy */
	struct tmpl_ptrmap	names;	/* Lua string bytes -> map key */
};
void	tmpl_pxmap_free(struct tmpl_pxmap *);
/* tmpl.c: the engine's map. */
struct tmpl_pxmap *tmpl_pxmap(lua_State *L);

/*
 * value.c: pushes v as a read-only proxy table (or a scalar).  May raise
 * Lua errors (memory); call inside a protected call, between
 * tmpl_data_begin() and tmpl_data_end() (one render: the proxies' cache).
 */
void	tmpl_push_val(lua_State *L, const struct tmpl_val *v);
void	tmpl_data_begin(lua_State *L);
void	tmpl_data_end(lua_State *L);
/* tmpl.c: records container v as read by the render (tmpl_track). */
void	tmpl_note_read(lua_State *L, const struct tmpl_val *v);
/* Makes the table at idx read-only by replacing it with a proxy. */
void	tmpl_push_readonly(lua_State *L, int idx);

/* helpers.c: registers esc, fmt_date, … into the table at the top. */
void	tmpl_open_helpers(lua_State *L);

#endif
