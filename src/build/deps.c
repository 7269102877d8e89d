/*
 * deps.c — keys of the data a render read (deps.h): each container of a
 * tree gets its path (a parent and a position) in an open-addressing
 * table keyed by address; a key serialises, for each container read, its
 * path and shallow content, and digests that (two 64-bit lanes).
 */
#include <sys/stat.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "deps.h"

struct S_ent {
	const struct tmpl_val	*v;
	uint32_t		 parent;	/* UINT32_MAX: the tree root */
	uint32_t		 pos;		/* in the parent */
};

struct S_tree {
	char			 mark;		/* '~' site, '@' page */
	struct S_ent		*ent;
	size_t			 n, cap;
	uint32_t		*slot;		/* ent index + 1, 0: empty */
	size_t			 nslot;		/* a power of 2 */
};

struct deps {
	struct S_tree		 site;
	/* the digests of site containers' shallow content, computed once
	 * (every page reads the org, its department, …) */
	uint64_t		(*memo)[2];
	unsigned char		*have;
};

static size_t
S_addr_hash(const void *p, size_t mask)
{
	uint64_t h = (uint64_t)(uintptr_t)p * 0x9e3779b97f4a7c15ULL;

	return (size_t)(h >> 32) & mask;
}

static int
S_is_container(enum tmpl_vtype t)
{
	return t == TMPL_MAP || t == TMPL_ARRAY;
}

static void
S_tree_put(struct S_tree *t, const struct tmpl_val *v, uint32_t parent,
    uint32_t pos)
{
	size_t i, mask;

	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 64;
		t->ent = xreallocarray(t->ent, t->cap, sizeof(*t->ent));
	}
	t->ent[t->n].v = v;
	t->ent[t->n].parent = parent;
	t->ent[t->n].pos = pos;
	t->n++;
	if (t->n * 2 > t->nslot) {		/* grow and re-insert all */
		t->nslot = t->nslot ? t->nslot * 2 : 128;
		free(t->slot);
		t->slot = xcalloc(t->nslot, sizeof(*t->slot));
		mask = t->nslot - 1;
		for (size_t k = 0; k < t->n; k++) {
			for (i = S_addr_hash(t->ent[k].v, mask); t->slot[i];
			    i = (i + 1) & mask)
				;
			t->slot[i] = (uint32_t)k + 1;
		}
		return;
	}
	mask = t->nslot - 1;
	for (i = S_addr_hash(v, mask); t->slot[i]; i = (i + 1) & mask)
		;
	t->slot[i] = (uint32_t)t->n;
}

/* Indexes every container of the tree at root over owned items. */
static void
S_tree_build(struct S_tree *t, char mark, const struct tmpl_val *root)
{
	size_t k, i, n;

	memset(t, 0, sizeof(*t));
	t->mark = mark;
	if (!S_is_container(tmpl_val_type(root)))
		return;
	S_tree_put(t, root, UINT32_MAX, 0);
	/* breadth first: ent[] is the queue */
	for (k = 0; k < t->n && t->n < UINT32_MAX / 2; k++) {
		n = tmpl_val_len(t->ent[k].v);
		for (i = 0; i < n; i++) {
			const struct tmpl_val *c =
			    tmpl_val_item(t->ent[k].v, i);

			if (S_is_container(tmpl_val_type(c)))
				S_tree_put(t, c, (uint32_t)k, (uint32_t)i);
		}
	}
}

static void
S_tree_free(struct S_tree *t)
{
	free(t->ent);
	free(t->slot);
}

/* The entry of v in t, or -1. */
static long
S_tree_find(const struct S_tree *t, const struct tmpl_val *v)
{
	size_t i, mask;

	if (t->nslot == 0)
		return -1;
	mask = t->nslot - 1;
	for (i = S_addr_hash(v, mask); t->slot[i]; i = (i + 1) & mask)
		if (t->ent[t->slot[i] - 1].v == v)
			return (long)t->slot[i] - 1;
	return -1;
}

/* Appends c then n in decimal (buf_printf is too slow here). */
static void
S_put_num(struct buf *b, char c, unsigned long long n)
{
	char tmp[24];
	size_t i = sizeof(tmp);

	do
		tmp[--i] = (char)('0' + n % 10);
	while ((n /= 10) > 0);
	tmp[--i] = c;
	buf_put(b, tmp + i, sizeof(tmp) - i);
}

/* Appends the path of entry e of t. */
static void
S_put_path(struct buf *b, const struct S_tree *t, long e)
{
	uint32_t stack[256];
	size_t n = 0;

	buf_putc(b, t->mark);
	for (; t->ent[e].parent != UINT32_MAX; e = t->ent[e].parent) {
		if (n == sizeof(stack) / sizeof(stack[0])) {
			buf_puts(b, "!");	/* deeper than data goes */
			return;
		}
		stack[n++] = t->ent[e].pos;
	}
	while (n > 0)
		S_put_num(b, '.', stack[--n]);
}

/* Appends the path of container v (page tree first); -1: it has none. */
static int
S_path(struct buf *b, const struct S_tree *page, const struct S_tree *site,
    const struct tmpl_val *v)
{
	long e;

	if ((e = S_tree_find(page, v)) >= 0)
		S_put_path(b, page, e);
	else if ((e = S_tree_find(site, v)) >= 0)
		S_put_path(b, site, e);
	else
		return -1;
	return 0;
}

/* Appends the shallow content of container v. */
static int
S_put_shallow(struct buf *b, const struct S_tree *page,
    const struct S_tree *site, const struct tmpl_val *v)
{
	size_t i, n = tmpl_val_len(v), len;
	enum tmpl_vtype ty = tmpl_val_type(v);
	const void *p;

	S_put_num(b, ty == TMPL_MAP ? 'M' : 'A', n);
	for (i = 0; i < n; i++) {
		const struct tmpl_val *it = tmpl_val_item(v, i);
		const struct tmpl_val *to = tmpl_val_deref(it);

		if (ty == TMPL_MAP) {
			const char *k = tmpl_val_key(v, i);
			size_t kl = strlen(k);

			S_put_num(b, '|', kl);
			buf_putc(b, ':');
			buf_put(b, k, kl);
			buf_putc(b, '=');
		} else
			buf_putc(b, '|');
		if (to == NULL && it != NULL) {
			buf_putc(b, '?');	/* a dangling reference */
			continue;
		}
		switch (tmpl_val_bytes(it, &p, &len)) {
		case TMPL_MAP:
		case TMPL_ARRAY:
			/* an owned child's path is this one's and i: only a
			 * reference needs looking up */
			if (tmpl_val_type(it) != TMPL_REF) {
				buf_putc(b, 'O');
				break;
			}
			buf_putc(b, 'C');
			if (S_path(b, page, site, to) == -1)
				return -1;
			break;
		case TMPL_NIL:
			buf_putc(b, 'N');
			break;
		default:
			S_put_num(b, 'S', (unsigned)tmpl_val_type(to));
			S_put_num(b, ':', len);
			buf_putc(b, ':');
			buf_put(b, p, len);
			break;
		}
	}
	buf_putc(b, '\n');
	return 0;
}

/*
 * Appends container v's shallow content, as the 16-byte digest of
 * S_put_shallow's text; a site container's is computed once per build
 * (it cannot lead to the page tree, which is made after the site's).
 */
static int
S_put_container(struct deps *d, struct buf *b, const struct S_tree *page,
    const struct tmpl_val *v)
{
	struct buf t = BUF_INIT;
	uint64_t h[2] = { 0x9e3779b97f4a7c15ULL, 0x5bd1e9955bd1e995ULL };
	long e = S_tree_find(page, v) >= 0 ? -1 : S_tree_find(&d->site, v);

	if (e >= 0 && d->have != NULL && d->have[e]) {
		buf_put(b, d->memo[e], sizeof(d->memo[e]));
		return 0;
	}
	if (S_put_shallow(&t, page, &d->site, v) == -1) {
		buf_free(&t);
		return -1;
	}
	deps_hash(h, t.data ? t.data : "", t.len);
	buf_free(&t);
	if (e >= 0) {
		if (d->have == NULL) {
			d->have = xcalloc(d->site.n, 1);
			d->memo = xreallocarray(NULL, d->site.n,
			    sizeof(*d->memo));
		}
		memcpy(d->memo[e], h, sizeof(h));
		d->have[e] = 1;
	}
	buf_put(b, h, sizeof(h));
	return 0;
}

static void
S_digest(const struct buf *b, char key[33])
{
	uint64_t h[2] = { 0xcbf29ce484222325ULL, 0x84222325cbf29ce4ULL };

	deps_hash(h, b->data ? b->data : "", b->len);
	deps_hex(h, key);
}

struct deps *
deps_new(const struct tmpl_val *site)
{
	struct deps *d = xcalloc(1, sizeof(*d));

	S_tree_build(&d->site, '~', site);
	return d;
}

void
deps_free(struct deps *d)
{
	if (d == NULL)
		return;
	S_tree_free(&d->site);
	free(d->memo);
	free(d->have);
	free(d);
}

int
deps_key(struct deps *d, const struct tmpl_val *root,
    const struct tmpl_val *const *read, size_t n, size_t max,
    char key[33], struct buf *paths)
{
	struct S_tree page;
	struct buf b = BUF_INIT;
	size_t i, p0 = paths->len;
	int rc = -1;

	if (n == 0 || n > max)
		return -1;
	S_tree_build(&page, '@', root);
	for (i = 0; i < n; i++) {
		size_t at = b.len;

		if (S_path(&b, &page, &d->site, read[i]) == -1)
			goto out;
		if (i > 0)
			buf_putc(paths, ',');
		buf_put(paths, b.data + at, b.len - at);
		buf_putc(&b, ' ');
		if (S_put_container(d, &b, &page, read[i]) == -1)
			goto out;
	}
	S_digest(&b, key);
	rc = 0;
out:
	if (rc == -1)
		paths->len = p0;
	if (paths->data)
		paths->data[paths->len] = '\0';
	buf_free(&b);
	S_tree_free(&page);
	return rc;
}

/* The container at path [s, e) of list, or NULL. */
static const struct tmpl_val *
S_resolve(const struct deps *d, const struct tmpl_val *root, const char *s,
    const char *e)
{
	const struct tmpl_val *v;
	unsigned long pos;
	char *end;

	if (s < e && *s == '@')
		v = root;
	else if (s < e && *s == '~')
		v = d->site.n ? d->site.ent[0].v : NULL;
	else
		return NULL;
	for (s++; v != NULL && s < e; s = end) {
		if (*s != '.' || s + 1 >= e || s[1] < '0' || s[1] > '9')
			return NULL;
		pos = strtoul(s + 1, &end, 10);
		if (end > e || pos >= tmpl_val_len(v))
			return NULL;
		v = tmpl_val_item(v, pos);
		if (tmpl_val_type(v) == TMPL_REF)	/* not owned */
			return NULL;
	}
	return v != NULL && S_is_container(tmpl_val_type(v)) ? v : NULL;
}

int
deps_check(struct deps *d, const struct tmpl_val *root, const char *list,
    char key[33])
{
	struct S_tree page;
	struct buf b = BUF_INIT;
	const struct tmpl_val *v;
	const char *s, *e;
	int rc = -1;

	S_tree_build(&page, '@', root);
	for (s = list; *s; s = *e ? e + 1 : e) {
		if ((e = strchr(s, ',')) == NULL)
			e = s + strlen(s);
		if ((v = S_resolve(d, root, s, e)) == NULL)
			goto out;
		buf_put(&b, s, (size_t)(e - s));
		buf_putc(&b, ' ');
		if (S_put_container(d, &b, &page, v) == -1)
			goto out;
	}
	if (b.len == 0)
		goto out;
	S_digest(&b, key);
	rc = 0;
out:
	buf_free(&b);
	S_tree_free(&page);
	return rc;
}

/* Digests of bytes and files. */

static inline uint64_t
S_mix(uint64_t h, uint64_t w, uint64_t k)
{
	h = (h ^ w) * k;
	return h ^ (h >> 29);
}

/* Hashes the whole words of data (len - len % 8 bytes) into h. */
static void
S_hash_words(uint64_t h[2], const void *data, size_t len)
{
	const unsigned char *p = data;
	uint64_t w, a = h[0], b = h[1];
	size_t i;

	for (i = 0; i + 8 <= len; i += 8) {
		memcpy(&w, p + i, 8);
		a = S_mix(a, w, 0x9e3779b97f4a7c15ULL);
		b = S_mix(b, w ^ 0x5bd1e9955bd1e995ULL, 0xff51afd7ed558ccdULL);
	}
	h[0] = a;
	h[1] = b;
}

/* Hashes data into h, its length last: "ab","c" and "a","bc" differ. */
void
deps_hash(uint64_t h[2], const void *data, size_t len)
{
	uint64_t w = 0;
	size_t whole = len - len % 8;

	S_hash_words(h, data, whole);
	memcpy(&w, (const unsigned char *)data + whole, len - whole);
	h[0] = S_mix(S_mix(h[0], w, 0x9e3779b97f4a7c15ULL), (uint64_t)len,
	    0xc4ceb9fe1a85ec53ULL);
	h[1] = S_mix(h[1], w ^ (uint64_t)len, 0xff51afd7ed558ccdULL);
}

void
deps_hex(const uint64_t h[2], char out[33])
{
	snprintf(out, 33, "%016llx%016llx", (unsigned long long)h[0],
	    (unsigned long long)h[1]);
}

void
deps_rekey(const uint64_t base[2], const char key[33], char out[33])
{
	uint64_t h[2];

	h[0] = base[0];
	h[1] = base[1];
	deps_hash(h, key, 32);
	deps_hex(h, out);
}

static int
S_strpcmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * Hashes the names and bytes of the files under dir (sorted; at most 8
 * levels): the templates a render may include, the role files the model
 * is read from.  A symbolic link to a file is followed (a role file may be
 * one); one to a folder is not (hashed as its text: no loops; a template
 * must resolve inside its folder, where its real path is hashed).
 */
void
deps_hash_dir(uint64_t h[2], const char *dir, int depth)
{
	DIR *dp;
	struct dirent *de;
	char **names = NULL, *path, fd[33], link[1024];
	size_t n = 0, i;
	ssize_t ln;
	struct stat st, lst;

	if (dir == NULL || depth > 8 || (dp = opendir(dir)) == NULL)
		return;
	while ((de = readdir(dp)) != NULL)
		if (strcmp(de->d_name, ".") != 0 &&
		    strcmp(de->d_name, "..") != 0) {
			names = xreallocarray(names, n + 1, sizeof(*names));
			names[n++] = xstrdup(de->d_name);
		}
	closedir(dp);
	if (n > 1)
		qsort(names, n, sizeof(*names), S_strpcmp);
	for (i = 0; i < n; i++) {
		path = xasprintf("%s/%s", dir, names[i]);
		deps_hash(h, names[i], strlen(names[i]) + 1);
		if (lstat(path, &lst) == -1 || stat(path, &st) == -1)
			deps_hash(h, "?", 1);
		else if (S_ISDIR(st.st_mode) && S_ISLNK(lst.st_mode)) {
			ln = readlink(path, link, sizeof(link));
			deps_hash(h, "L", 1);
			deps_hash(h, link, ln > 0 ? (size_t)ln : 0);
		} else if (S_ISDIR(st.st_mode)) {
			deps_hash(h, "D", 1);
			deps_hash_dir(h, path, depth + 1);
		} else if (S_ISREG(st.st_mode) && deps_file_digest(path,
		    (unsigned long long)st.st_size, fd) == 0)
			deps_hash(h, fd, 32);
		else
			deps_hash(h, "?", 1);
		free(path);
		free(names[i]);
	}
	free(names);
}

void
deps_hash_content(uint64_t h[2], const char *content)
{
	char *path, fd[33];
	struct stat st;

	deps_hash(h, "content", 8);
	deps_hash(h, content, strlen(content) + 1);
	path = xasprintf("%s/org.xml", content);
	if (stat(path, &st) == 0 && deps_file_digest(path,
	    (unsigned long long)st.st_size, fd) == 0)
		deps_hash(h, fd, 32);
	else
		deps_hash(h, "?", 1);
	free(path);
	path = xasprintf("%s/roles", content);
	deps_hash_dir(h, path, 0);
	free(path);
}

#define S_PIECE	65536		/* bytes of a file hashed at a time */

/*
 * The digest of len bytes as written to a file, as 32 hex digits: whole
 * S_PIECE pieces as words, then the rest, then the length (so that
 * S_file_digest, reading the file in pieces, gets the same).
 */
void
deps_bytes_digest(const void *data, size_t len, char out[33])
{
	uint64_t h[2] = { 0xcbf29ce484222325ULL, 0x84222325cbf29ce4ULL };
	unsigned long long size = len;
	size_t whole = len - len % S_PIECE;

	S_hash_words(h, data, whole);
	deps_hash(h, (const char *)data + whole, len - whole);
	deps_hash(h, &size, sizeof(size));
	deps_hex(h, out);
}

/*
 * The digest of a file's bytes (as S_bytes_digest, hashed in pieces), when
 * it has size bytes; -1 when it is unreadable or of another size.
 */
int
deps_file_digest(const char *path, unsigned long long size, char out[33])
{
	uint64_t h[2] = { 0xcbf29ce484222325ULL, 0x84222325cbf29ce4ULL };
	uint64_t piece[S_PIECE / 8];
	unsigned long long got = 0;
	struct stat st;
	ssize_t n;
	size_t have = 0;
	int fd, rc = -1;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return -1;
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode) ||
	    (unsigned long long)st.st_size != size)
		goto out;
	for (;;) {
		n = read(fd, (char *)piece + have, sizeof(piece) - have);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1)
			goto out;
		if (n == 0)
			break;
		have += (size_t)n;
		got += (unsigned long long)n;
		if (have == sizeof(piece)) {
			S_hash_words(h, piece, have);
			have = 0;
		}
	}
	if (got != size)
		goto out;
	deps_hash(h, piece, have);
	deps_hash(h, &size, sizeof(size));
	deps_hex(h, out);
	rc = 0;
out:
	close(fd);
	return rc;
}
