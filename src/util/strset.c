/*
 * strset.c — strings hashed for duplicate checks and look-ups by name
 * (glibc's hsearch_r), so that checking n names costs n, not n^2.
 */
#include <search.h>
#include <stdlib.h>
#include <string.h>
#include "util.h"

void
strset_init(struct strset *s, size_t max)
{
	s->h = xcalloc(1, sizeof(*s->h));
	s->max = max;
	s->n = 0;
	/* twice the keys at most: short probe chains */
	if (hcreate_r(2 * max + 1, s->h) == 0)
		abort();
}

void *
strset_add(struct strset *s, const char *key, void *val)
{
	ENTRY e, *found;

	if (s->n == s->max)
		abort();	/* sized wrong: a bug */
	e.key = (char *)key;
	e.data = val;
	if (hsearch_r(e, ENTER, &found, s->h) == 0)
		abort();
	if (found->key != key)
		return found->data;
	s->n++;
	return NULL;
}

void *
strset_get(struct strset *s, const char *key)
{
	ENTRY e, *found;

	e.key = (char *)key;
	e.data = NULL;
	return hsearch_r(e, FIND, &found, s->h) ? found->data : NULL;
}

void
strset_free(struct strset *s)
{
	if (s->h != NULL) {
		hdestroy_r(s->h);
		free(s->h);
	}
	memset(s, 0, sizeof(*s));
}
