/*
 * srcmap.c — maps byte offsets of template output to the template position
 * that emitted them.  The template engine adds entries as it emits; the
 * document parser looks positions up for its nodes and diagnostics.
 */
#include <stdlib.h>
#include <string.h>
#include "../util/util.h"
#include "doc.h"

/*
 * Records that output from byte off on comes from *pos (file is borrowed).
 * Offsets normally arrive ascending; an equal offset replaces the last
 * entry, a smaller one is inserted in order.
 */
void
doc_srcmap_add(struct doc_srcmap *m, size_t off, const struct rb_pos *pos)
{
	size_t i;

	if (m->n > 0 && m->off[m->n - 1] == off) {
		m->pos[m->n - 1] = *pos;
		return;
	}
	if (m->n == m->cap) {
		m->cap = m->cap ? m->cap + m->cap / 2 : 64;
		m->off = xreallocarray(m->off, m->cap, sizeof(*m->off));
		m->pos = xreallocarray(m->pos, m->cap, sizeof(*m->pos));
	}
	i = m->n;
	if (i > 0 && m->off[i - 1] > off) {
		/* Out of order: find the slot (rare; linear is fine). */
		while (i > 0 && m->off[i - 1] > off)
			i--;
		if (i > 0 && m->off[i - 1] == off) {
			m->pos[i - 1] = *pos;
			return;
		}
		memmove(&m->off[i + 1], &m->off[i], (m->n - i) * sizeof(*m->off));
		memmove(&m->pos[i + 1], &m->pos[i], (m->n - i) * sizeof(*m->pos));
	}
	m->off[i] = off;
	m->pos[i] = *pos;
	m->n++;
}

/*
 * The position in effect at byte off: the entry with the largest offset
 * <= off (binary search).  NULL when the map is empty or off precedes it.
 */
const struct rb_pos *
doc_srcmap_find(const struct doc_srcmap *m, size_t off)
{
	size_t lo = 0, hi, mid;

	if (m == NULL || m->n == 0 || off < m->off[0])
		return NULL;
	hi = m->n;		/* invariant: off[lo] <= off, off[hi] > off */
	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		if (m->off[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	return &m->pos[lo];
}

void
doc_srcmap_free(struct doc_srcmap *m)
{
	free(m->off);
	free(m->pos);
	memset(m, 0, sizeof(*m));
}
