/*
 * cff.c — reading a bare CFF table (see cff.h): the header, INDEXes,
 * DICTs, the charset (formats 0, 1, 2) and FDSelect (formats 0, 3), as
 * TN 5176 defines them.  Every read is bounded by the table's length.
 */
#include <string.h>
#include "../util/util.h"
#include "cff.h"

#define S_MAXARGS	48	/* operands before an operator (TN 5176) */

/* Big-endian unsigned of k (1..4) bytes at p. */
static uint32_t
S_be(const uint8_t *p, unsigned k)
{
	uint32_t v = 0;

	while (k-- > 0)
		v = v << 8 | *p++;
	return v;
}

int
cff_index_read(struct cff_index *x, const uint8_t *p, size_t len, size_t at)
{
	uint32_t last;

	memset(x, 0, sizeof(*x));
	x->p = p;
	x->len = len;
	if (at > len || len - at < 2)
		return -1;
	x->count = S_be(p + at, 2);
	if (x->count == 0) {
		x->end = at + 2;
		return 0;
	}
	if (len - at < 3)
		return -1;
	x->offsize = p[at + 2];
	if (x->offsize < 1 || x->offsize > 4)
		return -1;
	x->offs = at + 3;
	if ((len - x->offs) / x->offsize < x->count + 1)
		return -1;
	x->base = x->offs + (x->count + 1) * x->offsize - 1;
	last = S_be(p + x->offs + x->count * x->offsize, x->offsize);
	if (last < 1 || last > len - x->base)
		return -1;
	x->end = x->base + last;
	return 0;
}

int
cff_index_get(const struct cff_index *x, size_t i, const uint8_t **p,
    size_t *n)
{
	uint32_t a, b;

	if (i >= x->count)
		return -1;
	a = S_be(x->p + x->offs + i * x->offsize, x->offsize);
	b = S_be(x->p + x->offs + (i + 1) * x->offsize, x->offsize);
	if (a < 1 || b < a || x->base + b > x->end)
		return -1;
	*p = x->p + x->base + a;
	*n = b - a;
	return 0;
}

/*
 * Reads the operand at d[*i .. n) into *v (a real as 0), moving *i past
 * it.  Returns 1 for an operand, 0 when d[*i] is an operator, -1 when
 * malformed.
 */
static int
S_operand(const uint8_t *d, size_t n, size_t *i, long *v)
{
	unsigned b0 = d[*i];

	if (b0 >= 32 && b0 <= 246) {
		*v = (long)b0 - 139;
		*i += 1;
	} else if (b0 >= 247 && b0 <= 254) {
		if (n - *i < 2)
			return -1;
		if (b0 <= 250)
			*v = (long)(b0 - 247) * 256 + d[*i + 1] + 108;
		else
			*v = -(long)(b0 - 251) * 256 - d[*i + 1] - 108;
		*i += 2;
	} else if (b0 == 28) {
		if (n - *i < 3)
			return -1;
		*v = (int16_t)S_be(d + *i + 1, 2);
		*i += 3;
	} else if (b0 == 29) {
		if (n - *i < 5)
			return -1;
		*v = (int32_t)S_be(d + *i + 1, 4);
		*i += 5;
	} else if (b0 == 30) {		/* real: nibbles up to an 0xF */
		for (*i += 1; *i < n; *i += 1)
			if ((d[*i] & 0x0F) == 0x0F || (d[*i] & 0xF0) == 0xF0)
				break;
		if (*i >= n)
			return -1;
		*i += 1;
		*v = 0;
	} else if (b0 <= 21)
		return 0;
	else
		return -1;		/* reserved */
	return 1;
}

/*
 * Walks DICT d[n] to the next entry from *i: its operator *op, operands
 * into v[] (up to S_MAXARGS; *nv of them), its start *at.  Returns 1 for
 * an entry, 0 at the end, -1 when malformed.
 */
static int
S_entry(const uint8_t *d, size_t n, size_t *i, unsigned *op, long *v,
    int *nv, size_t *at)
{
	int r = 0;

	*nv = 0;
	*at = *i;
	if (*i >= n)
		return 0;
	while (*i < n && (r = S_operand(d, n, i, &v[*nv < S_MAXARGS ? *nv :
	    S_MAXARGS - 1])) == 1)
		if (++*nv > S_MAXARGS)
			return -1;
	if (*i >= n || r == -1)
		return -1;
	*op = d[*i];
	*i += 1;
	if (*op == 12) {
		if (*i >= n)
			return -1;
		*op = CFF_OP2(d[*i]);
		*i += 1;
	}
	return 1;
}

int
cff_dict_get(const uint8_t *d, size_t n, unsigned op, long *v, int nv,
    size_t *at, size_t *span)
{
	long a[S_MAXARGS];
	size_t i = 0, start;
	unsigned o;
	int k, r;

	while ((r = S_entry(d, n, &i, &o, a, &k, &start)) == 1)
		if (o == op) {
			memcpy(v, a, sizeof(a[0]) * (size_t)(k < nv ? k : nv));
			if (at != NULL)
				*at = start;
			if (span != NULL)
				*span = i - start;
			return k;
		}
	return -1;
}

int
cff_dict_check(const uint8_t *d, size_t n)
{
	long a[S_MAXARGS];
	size_t i = 0, start;
	unsigned o;
	int k, r;

	while ((r = S_entry(d, n, &i, &o, a, &k, &start)) == 1)
		;
	return r;
}

int
cff_dict_copy(struct buf *b, const uint8_t *d, size_t n, unsigned skip)
{
	long a[S_MAXARGS];
	size_t i = 0, start;
	unsigned o;
	int k, r;

	while ((r = S_entry(d, n, &i, &o, a, &k, &start)) == 1)
		if (o != skip)
			buf_put(b, d + start, i - start);
	return r;
}

/* The offset operand of op in the Top DICT into *at (0 when absent);
 * -1 when it is out of the table. */
static int
S_offset(const struct cff *c, unsigned op, size_t *at)
{
	long v[1];

	*at = 0;
	if (cff_dict_get(c->topd, c->topn, op, v, 1, NULL, NULL) < 1)
		return 0;
	if (v[0] < 0 || (unsigned long)v[0] >= c->len)
		return -1;
	*at = (size_t)v[0];
	return 0;
}

int
cff_open(struct cff *c, const void *data, size_t len)
{
	const uint8_t *p = data;
	long v[1];
	size_t at;

	memset(c, 0, sizeof(*c));
	c->p = p;
	c->len = len;
	if (len < 4 || p[0] != 1 || p[2] < 4 || p[2] > len)
		return -1;
	if (cff_index_read(&c->name, p, len, p[2]) == -1 ||
	    cff_index_read(&c->top, p, len, c->name.end) == -1 ||
	    cff_index_read(&c->str, p, len, c->top.end) == -1 ||
	    cff_index_read(&c->gsubr, p, len, c->str.end) == -1 ||
	    cff_index_get(&c->top, 0, &c->topd, &c->topn) == -1 ||
	    cff_dict_check(c->topd, c->topn) == -1)
		return -1;
	c->cid = cff_dict_get(c->topd, c->topn, CFF_OP_ROS, v, 1, NULL,
	    NULL) == 3;
	if (cff_dict_get(c->topd, c->topn, CFF_OP2(6), v, 1, NULL,
	    NULL) >= 1 && v[0] != 2)
		return -1;		/* CharstringType other than 2 */
	if (S_offset(c, CFF_OP_CHARSTRINGS, &at) == -1 || at == 0 ||
	    cff_index_read(&c->cs, p, len, at) == -1 ||
	    c->cs.count < 1 || c->cs.count > 65535 ||
	    S_offset(c, CFF_OP_CHARSET, &c->charset) == -1)
		return -1;
	c->nglyphs = (unsigned)c->cs.count;
	if (!c->cid)
		return 0;
	if (S_offset(c, CFF_OP_FDARRAY, &at) == -1 || at == 0 ||
	    cff_index_read(&c->fdarray, p, len, at) == -1 ||
	    c->fdarray.count < 1 || c->fdarray.count > 256 ||
	    S_offset(c, CFF_OP_FDSELECT, &c->fdselect) == -1)
		return -1;
	return 0;
}

int
cff_charset(const struct cff *c, uint16_t *cids)
{
	const uint8_t *p = c->p;
	size_t at = c->charset, len = c->len;
	unsigned g = 1, j, k, first, nleft;

	if (at <= 2)
		return -1;		/* predefined: name-keyed only */
	memset(cids, 0, sizeof(*cids) * c->nglyphs);
	switch (p[at++]) {
	case 0:
		if ((len - at) / 2 < c->nglyphs - 1)
			return -1;
		for (; g < c->nglyphs; g++, at += 2)
			cids[g] = (uint16_t)S_be(p + at, 2);
		return 0;
	case 1:
	case 2:
		k = p[at - 1] == 1 ? 1 : 2;	/* bytes of nLeft */
		while (g < c->nglyphs) {
			if (len - at < 2 + k)
				return -1;
			first = S_be(p + at, 2);
			nleft = S_be(p + at + 2, k);
			at += 2 + k;
			if (first + nleft > 65535)
				return -1;
			for (j = 0; j <= nleft && g < c->nglyphs; j++)
				cids[g++] = (uint16_t)(first + j);
		}
		return 0;
	default:
		return -1;
	}
}

int
cff_fdselect(const struct cff *c, uint8_t *fds)
{
	const uint8_t *p = c->p;
	size_t at = c->fdselect, len = c->len;
	unsigned g, r, nr, first, next = 0, fd;

	memset(fds, 0, c->nglyphs);
	if (!c->cid || at == 0)
		return c->cid && c->fdarray.count > 1 ? -1 : 0;
	switch (p[at++]) {
	case 0:
		if (len - at < c->nglyphs)
			return -1;
		for (g = 0; g < c->nglyphs; g++)
			if ((fds[g] = p[at + g]) >= c->fdarray.count)
				return -1;
		return 0;
	case 3:
		if (len - at < 2)
			return -1;
		nr = S_be(p + at, 2);
		at += 2;
		if (nr < 1 || len - at < 2 || (len - at - 2) / 3 < nr)
			return -1;
		if (S_be(p + at, 2) != 0)
			return -1;		/* the first range starts at 0 */
		for (r = 0; r < nr; r++, at += 3) {
			first = S_be(p + at, 2);
			fd = p[at + 2];
			next = S_be(p + at + 3, 2);	/* or the sentinel */
			if (next < first || fd >= c->fdarray.count)
				return -1;
			for (g = first; g < next && g < c->nglyphs; g++)
				fds[g] = (uint8_t)fd;
		}
		return next >= c->nglyphs ? 0 : -1;
	default:
		return -1;
	}
}

int
cff_charstring(const struct cff *c, unsigned g, const uint8_t **p,
    size_t *n)
{
	return cff_index_get(&c->cs, g, p, n);
}

int
cff_private(const struct cff *c, unsigned fd, const uint8_t **p, size_t *n)
{
	const uint8_t *d = c->topd;
	size_t nd = c->topn;
	long v[2];

	if (c->cid) {
		if (cff_index_get(&c->fdarray, fd, &d, &nd) == -1)
			return -1;
	} else if (fd != 0)
		return -1;
	if (cff_dict_get(d, nd, CFF_OP_PRIVATE, v, 2, NULL, NULL) != 2 ||
	    v[0] < 0 || v[1] < 0 || (size_t)v[1] > c->len ||
	    (size_t)v[0] > c->len - (size_t)v[1])
		return -1;
	*p = c->p + v[1];
	*n = (size_t)v[0];
	return cff_dict_check(*p, *n) == -1 ? -1 : 0;
}
