/*
 * deps.h — the data a render read, as a key an incremental build can
 * check without rendering again (deps.c).
 *
 * A render reads its data only through the proxies of its containers
 * (tmpl_track, src/tmpl).  A container is named by its path from its tree
 * root over owned (not referenced) items, by position: "~" the site tree
 * (data_site), "@" the page root (data_page and its page keys), then
 * ".N" per level, e.g. "~2.500.7".  The key of a render is a digest of,
 * for each container read, its path and its shallow content: its type,
 * keys, scalars, and the paths of the containers its items lead to.  A
 * template is a pure function of the templates and its data (no clock,
 * no random numbers, no state between renders), and it reaches each
 * container through a read one, so the same key gives the same output.
 */
#ifndef RB_DEPS_H
#define RB_DEPS_H

#include <stdint.h>
#include "../tmpl/tmpl.h"
#include "../util/util.h"

struct deps;

/* The paths of the site tree's containers (one per build). */
struct deps	*deps_new(const struct tmpl_val *site);
void		 deps_free(struct deps *);

/*
 * The key (32 hex digits) and the path list ("P,P,…") of the containers
 * in read[0..n), with root the page root.  Returns -1 (nothing set) when a
 * container has no path (data outside the two trees) or n exceeds max.
 */
int	deps_key(struct deps *, const struct tmpl_val *root,
	    const struct tmpl_val *const *read, size_t n, size_t max,
	    char key[33], struct buf *paths);

/*
 * The key of the containers at the paths of list (as deps_key wrote it)
 * in today's data.  Returns -1 when a path leads nowhere.
 */
int	deps_check(struct deps *, const struct tmpl_val *root,
	    const char *list, char key[33]);

/*
 * Digests: a 128-bit hash (two lanes of 64-bit multiply-xorshift, a word
 * at a time; for change detection, not against an adversary) of bytes
 * into h (seed it with any two words), as 32 hex digits; of the names
 * and bytes of the files under dir (sorted; depth 0 at the top); of len
 * bytes as written to a file, and of a file's bytes when it has size
 * bytes (the same digest; -1 when unreadable or of another size).
 */
void	deps_hash(uint64_t h[2], const void *data, size_t len);
void	deps_hex(const uint64_t h[2], char out[33]);
/* out = the digest of key (32 hex digits) hashed on top of base: a key
 * bound to an environment (templates, binary, limits). */
void	deps_rekey(const uint64_t base[2], const char key[33], char out[33]);
void	deps_hash_dir(uint64_t h[2], const char *dir, int depth);
/* Hashes what the model is read from: content's path, its org.xml and
 * roles folder (src/load/site.c reads nothing else for data_site). */
void	deps_hash_content(uint64_t h[2], const char *content);
void	deps_bytes_digest(const void *data, size_t len, char out[33]);
int	deps_file_digest(const char *path, unsigned long long size,
	    char out[33]);

#endif
