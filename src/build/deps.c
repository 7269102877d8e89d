/*
 * deps.c — keys of the data a render read (deps.h): each container of a
 * tree gets its path (a parent and a position) in an open-addressing
 * table keyed by address; a key serialises, for each container read, its
 * path and shallow content, and digests that (two 64-bit lanes).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

static void
S_digest(const struct buf *b, char key[33])
{
	uint64_t a = 0xcbf29ce484222325ULL, c = 0x84222325cbf29ce4ULL, w;
	size_t i;

	for (i = 0; i < b->len; i += 8) {
		w = 0;
		memcpy(&w, b->data + i, b->len - i < 8 ? b->len - i : 8);
		a = (a ^ w) * 0x9e3779b97f4a7c15ULL;
		a ^= a >> 29;
		c = (c ^ w ^ 0x5bd1e9955bd1e995ULL) * 0xff51afd7ed558ccdULL;
		c ^= c >> 31;
	}
	a = (a ^ b->len) * 0xc4ceb9fe1a85ec53ULL;
	a ^= a >> 29;
	snprintf(key, 33, "%016llx%016llx", (unsigned long long)a,
	    (unsigned long long)c);
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
		if (S_put_shallow(&b, &page, &d->site, read[i]) == -1)
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
		if (S_put_shallow(&b, &page, &d->site, v) == -1)
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
