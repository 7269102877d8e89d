/* fuzz_cff.c — libFuzzer harness: the CFF reader (src/pdf/cff.c) on any
 * bytes, and the writer (cff_write.c) on what it read.  Besides crashes
 * it checks a round trip: when the input reads as a CID-keyed font, its
 * glyphs written again by cff_write() must read back with the same CIDs,
 * Font DICTs, charstrings and Private DICTs.  Seeds: tests/fuzz/seeds/cff
 * (small subsets of Noto Sans CJK SC). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "util/util.h"
#include "pdf/cff.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Reads every part of c, as cffsub.c does; 0 when all of it reads. */
static int
S_read_all(const struct cff *c, uint16_t *cids, uint8_t *fds)
{
	const uint8_t *p;
	size_t n, i;

	if (cff_charset(c, cids) == -1 || cff_fdselect(c, fds) == -1)
		return -1;
	for (i = 0; i < c->nglyphs; i++)
		if (cff_charstring(c, (unsigned)i, &p, &n) == -1)
			return -1;
	for (i = 0; i < c->fdarray.count; i++)
		if (cff_private(c, (unsigned)i, &p, &n) == -1)
			return -1;
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cff c, r;
	struct cff_glyph *g;
	struct cff_fd *fd;
	struct cff_out o;
	struct buf out = BUF_INIT, *priv;
	uint16_t *cids, *rcids;
	uint8_t *fds, *rfds;
	const uint8_t *p, *q;
	size_t i, n, m, ng;
	long v[3];

	if (cff_open(&c, data, size) == -1)
		return 0;
	cids = xcalloc(c.nglyphs, sizeof(*cids));
	fds = xcalloc(c.nglyphs, 1);
	if (!c.cid || S_read_all(&c, cids, fds) == -1) {
		/* a name-keyed font: read what can be read */
		(void)cff_charset(&c, cids);
		(void)cff_fdselect(&c, fds);
		(void)cff_private(&c, 0, &p, &n);
		free(cids);
		free(fds);
		return 0;
	}
	/* write the glyphs again, as cffsub.c does: one per CID, ascending */
	g = xcalloc(c.nglyphs, sizeof(*g));
	fd = xcalloc(c.fdarray.count, sizeof(*fd));
	priv = xcalloc(c.fdarray.count, sizeof(*priv));
	for (i = 0; i < c.fdarray.count; i++) {
		cff_private(&c, (unsigned)i, &p, &n);
		if (cff_dict_copy(&priv[i], p, n, CFF_OP_SUBRS) == -1)
			abort();	/* cff_private checked the DICT */
		fd[i].priv = (const uint8_t *)priv[i].data;
		fd[i].npriv = priv[i].len;
	}
	for (i = ng = 0; i < c.nglyphs; i++) {
		if (i > 0 && cids[i] <= g[ng - 1].cid)
			continue;	/* not ascending: left out */
		cff_charstring(&c, (unsigned)i, &p, &n);
		g[ng].cs = p;
		g[ng].n = (uint32_t)n;
		g[ng].cid = i == 0 ? 0 : cids[i];
		g[ng++].fd = fds[i];
	}
	memset(&o, 0, sizeof(o));
	o.name = "Fuzz";
	o.registry = "Adobe";
	o.ordering = "Identity";
	o.g = g;
	o.ng = ng;
	o.fd = fd;
	o.nfd = c.fdarray.count;
	o.cidcount = 65536;
	cff_write(&out, &o);
	/* ... and read it back */
	if (cff_open(&r, out.data, out.len) == -1 || !r.cid ||
	    r.nglyphs != ng || r.fdarray.count != c.fdarray.count)
		abort();
	rcids = xcalloc(ng, sizeof(*rcids));
	rfds = xcalloc(ng, 1);
	if (S_read_all(&r, rcids, rfds) == -1)
		abort();
	if (cff_dict_get(r.topd, r.topn, CFF_OP_ROS, v, 3, NULL, NULL) != 3 ||
	    cff_index_get(&r.str, (size_t)(v[0] - 391), &p, &n) == -1 ||
	    n != 5 || memcmp(p, "Adobe", 5) != 0)
		abort();
	for (i = 0; i < ng; i++) {
		if (rcids[i] != g[i].cid || rfds[i] != g[i].fd ||
		    cff_charstring(&r, (unsigned)i, &p, &n) == -1 ||
		    n != g[i].n || (n > 0 && memcmp(p, g[i].cs, n) != 0))
			abort();
	}
	for (i = 0; i < r.fdarray.count; i++) {
		if (cff_private(&r, (unsigned)i, &q, &m) == -1 ||
		    m != fd[i].npriv || (m > 0 && memcmp(q, fd[i].priv, m) != 0))
			abort();
		buf_free(&priv[i]);
	}
	free(rcids);
	free(rfds);
	free(priv);
	free(fd);
	free(g);
	free(cids);
	free(fds);
	buf_free(&out);
	return 0;
}
