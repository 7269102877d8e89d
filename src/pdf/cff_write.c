/*
 * cff_write.c — writing a CID-keyed CFF table without subroutines (see
 * cff.h), laid out as TN 5176 §2 orders it:
 *
 *	Header, Name INDEX, Top DICT INDEX, String INDEX, Global Subr
 *	INDEX (empty), charset, FDSelect, CharStrings INDEX, FDArray
 *	INDEX, the Private DICTs
 *
 * Every offset in a DICT is written as a 5-byte integer, so the DICTs'
 * sizes, and with them every offset, are known before anything is written.
 */
#include <stdlib.h>
#include <string.h>
#include "../util/util.h"
#include "cff.h"

#define S_SID0	391	/* the first SID after the standard strings */

/* An offset or size operand: always 5 bytes. */
static void
S_off(struct buf *b, size_t v)
{
	buf_putc(b, 29);
	buf_putc(b, (int)((v >> 24) & 0xFF));
	buf_putc(b, (int)((v >> 16) & 0xFF));
	buf_putc(b, (int)((v >> 8) & 0xFF));
	buf_putc(b, (int)(v & 0xFF));
}

/* A DICT integer operand, as short as it goes (TN 5176 table 3). */
static void
S_num(struct buf *b, long v)
{
	if (v >= -107 && v <= 107)
		buf_putc(b, (int)(v + 139));
	else if (v >= 108 && v <= 1131) {
		v -= 108;
		buf_putc(b, (int)((v >> 8) + 247));
		buf_putc(b, (int)(v & 0xFF));
	} else if (v >= -1131 && v <= -108) {
		v = -v - 108;
		buf_putc(b, (int)((v >> 8) + 251));
		buf_putc(b, (int)(v & 0xFF));
	} else if (v >= -32768 && v <= 32767) {
		buf_putc(b, 28);
		buf_putc(b, (int)((v >> 8) & 0xFF));
		buf_putc(b, (int)(v & 0xFF));
	} else
		S_off(b, (size_t)(uint32_t)v);	/* two's complement */
}

static void
S_op(struct buf *b, unsigned op)
{
	if (op > 0xFF)
		buf_putc(b, 12);
	buf_putc(b, (int)(op & 0xFF));
}

static void
S_be(struct buf *b, uint32_t v, unsigned k)
{
	while (k-- > 0)
		buf_putc(b, (int)((v >> (8 * k)) & 0xFF));
}

/* Bytes per offset of an INDEX of total data bytes. */
static unsigned
S_offsize(size_t total)
{
	return total + 1 < 0x100 ? 1 : total + 1 < 0x10000 ? 2 :
	    total + 1 < 0x1000000 ? 3 : 4;
}

/* Size of an INDEX of count objects, total data bytes. */
static size_t
S_index_size(size_t count, size_t total)
{
	return count == 0 ? 2 : 3 + (count + 1) * S_offsize(total) + total;
}

/* An INDEX's count and offsets, objects of sizes n[count] (or all the
 * one size n0 when n is NULL); the data follows from the caller. */
static void
S_index_head(struct buf *b, size_t count, size_t total,
    const struct cff_glyph *g, const size_t *n)
{
	unsigned k = S_offsize(total);
	size_t i, o = 1;

	S_be(b, (uint32_t)count, 2);
	if (count == 0)
		return;
	buf_putc(b, (int)k);
	for (i = 0; i <= count; i++) {
		S_be(b, (uint32_t)o, k);
		if (i < count)
			o += g != NULL ? g[i].n : n[i];
	}
}

/* The Top DICT, offsets of its parts given. */
static void
S_top(struct buf *b, const struct cff_out *o, size_t charset,
    size_t fdselect, size_t cs, size_t fdarray)
{
	S_num(b, S_SID0);
	S_num(b, S_SID0 + 1);
	S_num(b, o->supplement);
	S_op(b, CFF_OP_ROS);
	buf_put(b, o->top, o->ntop);
	S_num(b, (long)o->cidcount);
	S_op(b, CFF_OP_CIDCOUNT);
	S_off(b, charset);
	S_op(b, CFF_OP_CHARSET);
	S_off(b, fdselect);
	S_op(b, CFF_OP_FDSELECT);
	S_off(b, cs);
	S_op(b, CFF_OP_CHARSTRINGS);
	S_off(b, fdarray);
	S_op(b, CFF_OP_FDARRAY);
}

/* Number of runs of consecutive CIDs after .notdef (charset format 2). */
static size_t
S_cidruns(const struct cff_out *o)
{
	size_t i, n = 0;

	for (i = 1; i < o->ng; i++)
		if (i == 1 || o->g[i].cid != o->g[i - 1].cid + 1)
			n++;
	return n;
}

/* Number of runs of one Font DICT (FDSelect format 3). */
static size_t
S_fdruns(const struct cff_out *o)
{
	size_t i, n = 0;

	for (i = 0; i < o->ng; i++)
		if (i == 0 || o->g[i].fd != o->g[i - 1].fd)
			n++;
	return n;
}

void
cff_write(struct buf *b, const struct cff_out *o)
{
	struct buf top = BUF_INIT;
	size_t *fdn = xcalloc(o->nfd + 1, sizeof(*fdn));
	size_t i, j, nname = strlen(o->name), nreg = strlen(o->registry);
	size_t nord = strlen(o->ordering), ncs = 0, nfdd = 0, cruns, fruns;
	size_t charset, ncharset, fdselect, cs, fdarray, priv;
	size_t lens[2];
	int fmt0;

	for (i = 0; i < o->ng; i++)
		ncs += o->g[i].n;
	for (i = 0; i < o->nfd; i++) {
		fdn[i] = o->fd[i].ndict + 5 + 5 + 1;	/* + Private */
		nfdd += fdn[i];
	}
	cruns = S_cidruns(o);
	fruns = S_fdruns(o);
	fmt0 = 2 * (o->ng - 1) <= 4 * cruns;
	ncharset = 1 + (fmt0 ? 2 * (o->ng - 1) : 4 * cruns);

	S_top(&top, o, 0, 0, 0, 0);		/* its size */
	charset = 4 + S_index_size(1, nname) + S_index_size(1, top.len) +
	    S_index_size(2, nreg + nord) + 2;
	fdselect = charset + ncharset;
	cs = fdselect + 1 + 2 + 3 * fruns + 2;
	fdarray = cs + S_index_size(o->ng, ncs);
	priv = fdarray + S_index_size(o->nfd, nfdd);
	top.len = 0;
	S_top(&top, o, charset, fdselect, cs, fdarray);

	buf_put(b, "\x01\x00\x04\x04", 4);	/* Header, offSize 4 */
	lens[0] = nname;
	S_index_head(b, 1, nname, NULL, lens);
	buf_put(b, o->name, nname);
	lens[0] = top.len;
	S_index_head(b, 1, top.len, NULL, lens);
	buf_put(b, top.data, top.len);
	lens[0] = nreg;
	lens[1] = nord;
	S_index_head(b, 2, nreg + nord, NULL, lens);
	buf_put(b, o->registry, nreg);
	buf_put(b, o->ordering, nord);
	S_be(b, 0, 2);				/* no Global Subrs */

	buf_putc(b, fmt0 ? 0 : 2);		/* charset */
	for (i = 1; i < o->ng; i = j) {
		if (fmt0) {
			S_be(b, o->g[i].cid, 2);
			j = i + 1;
			continue;
		}
		for (j = i + 1; j < o->ng && o->g[j].cid == o->g[j - 1].cid +
		    1; j++)
			;
		S_be(b, o->g[i].cid, 2);
		S_be(b, (uint32_t)(j - i - 1), 2);
	}

	buf_putc(b, 3);				/* FDSelect */
	S_be(b, (uint32_t)fruns, 2);
	for (i = 0; i < o->ng; i++)
		if (i == 0 || o->g[i].fd != o->g[i - 1].fd) {
			S_be(b, (uint32_t)i, 2);
			buf_putc(b, o->g[i].fd);
		}
	S_be(b, (uint32_t)o->ng, 2);

	S_index_head(b, o->ng, ncs, o->g, NULL);	/* CharStrings */
	for (i = 0; i < o->ng; i++)
		buf_put(b, o->g[i].cs, o->g[i].n);

	S_index_head(b, o->nfd, nfdd, NULL, fdn);	/* FDArray */
	for (i = 0, j = priv; i < o->nfd; j += o->fd[i++].npriv) {
		buf_put(b, o->fd[i].dict, o->fd[i].ndict);
		S_off(b, o->fd[i].npriv);
		S_off(b, j);
		S_op(b, CFF_OP_PRIVATE);
	}
	for (i = 0; i < o->nfd; i++)
		buf_put(b, o->fd[i].priv, o->fd[i].npriv);
	buf_free(&top);
	free(fdn);
}
