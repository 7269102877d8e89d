/*
 * cffsub.c — CID-keyed CFF subsets from a per-process glyph cache (see
 * cffsub.h).
 *
 * From the font's own CFF table (cff.c): each glyph's CID (charset) and
 * Font DICT (FDSelect), the ROS strings, and the FontMatrix and FontBBox
 * of the Top DICT and of each Font DICT.  From HarfBuzz's desubroutinized
 * subset of the glyphs missing from the cache (hb_subset with
 * HB_SUBSET_FLAGS_DESUBROUTINIZE | NO_HINTING, every table but CFF
 * dropped): each glyph's charstring and, once per Font DICT, its Private
 * DICT (without Subrs, which a flat charstring does not call).  Both are
 * what HarfBuzz's per-document subset used to embed; this only stops
 * making them again for every document.  Cached by the font's Font DICT
 * number, never by the subset's, so the bytes written do not depend on
 * what was cached before.
 */
#include <stdlib.h>
#include <string.h>
#include <hb-subset.h>
#include "../util/util.h"
#include "cff.h"
#include "cffsub.h"

#define S_SID0	391	/* the first non-standard SID */

struct cffsub {
	hb_face_t	*face;		/* referenced */
	hb_blob_t	*blob;		/* its CFF table */
	struct cff	 cff;		/* ... read */
	char		*name;
	char		*ros[2];	/* Registry, Ordering */
	long		 supplement;
	unsigned	 cidcount;
	unsigned	 ng;		/* glyphs of the font */
	uint16_t	*cid;		/* [ng] CID of each glyph */
	uint8_t		*fd;		/* [ng] Font DICT of each glyph */
	uint32_t	*at;		/* [ng] charstring's offset in cs + 1,
					 * 0: not cached */
	uint32_t	*len;		/* [ng] its length */
	uint8_t		*mark;		/* [ng] cffsub_write()'s, all 0 after */
	struct buf	 cs;		/* the cached charstrings */
	struct buf	 top;		/* Top DICT entries to copy */
	struct buf	*fdd;		/* [nfd] Font DICT entries to copy */
	struct buf	*priv;		/* [nfd] Private DICT, once cached */
	uint8_t		*haspriv;	/* [nfd] */
	unsigned	 nfd;
	unsigned	 nfills;	/* HarfBuzz subsets made */
};

/* String sid of the font's String INDEX, as a C string (caller frees);
 * NULL for a standard string or a malformed one. */
static char *
S_string(const struct cff *c, long sid)
{
	const uint8_t *p;
	size_t n;

	if (sid < S_SID0 || cff_index_get(&c->str, (size_t)(sid - S_SID0), &p,
	    &n) == -1)
		return NULL;
	return xstrndup((const char *)p, n);
}

/* Appends the entry of op in DICT d[n] to b, when it has one. */
static void
S_copy_entry(struct buf *b, const uint8_t *d, size_t n, unsigned op)
{
	size_t at, span;
	long v[1];

	if (cff_dict_get(d, n, op, v, 1, &at, &span) >= 0)
		buf_put(b, d + at, span);
}

struct cffsub *
cffsub_new(hb_face_t *face, const char *name)
{
	struct cffsub *s = xcalloc(1, sizeof(*s));
	const char *data;
	const uint8_t *d;
	unsigned len, i;
	size_t nd;
	long v[3];

	s->face = hb_face_reference(face);
	s->blob = hb_face_reference_table(face, HB_TAG('C','F','F',' '));
	data = hb_blob_get_data(s->blob, &len);
	if (data == NULL || cff_open(&s->cff, data, len) == -1 ||
	    !s->cff.cid || cff_dict_get(s->cff.topd, s->cff.topn,
	    CFF_OP_ROS, v, 3, NULL, NULL) != 3 ||
	    (s->ros[0] = S_string(&s->cff, v[0])) == NULL ||
	    (s->ros[1] = S_string(&s->cff, v[1])) == NULL)
		goto fail;
	s->supplement = v[2];
	s->cidcount = 8720;		/* TN 5176's default */
	if (cff_dict_get(s->cff.topd, s->cff.topn, CFF_OP_CIDCOUNT, v, 1,
	    NULL, NULL) >= 1 && v[0] > 0 && v[0] <= 65536)
		s->cidcount = (unsigned)v[0];
	s->ng = s->cff.nglyphs;
	s->cid = xcalloc(s->ng, sizeof(*s->cid));
	s->fd = xcalloc(s->ng, sizeof(*s->fd));
	if (cff_charset(&s->cff, s->cid) == -1 ||
	    cff_fdselect(&s->cff, s->fd) == -1)
		goto fail;
	for (i = 0; i < s->ng; i++)
		if (s->cid[i] >= s->cidcount)
			s->cidcount = s->cid[i] + 1u;
	s->at = xcalloc(s->ng, sizeof(*s->at));
	s->len = xcalloc(s->ng, sizeof(*s->len));
	s->mark = xcalloc(s->ng, 1);
	s->nfd = (unsigned)s->cff.fdarray.count;
	s->fdd = xcalloc(s->nfd, sizeof(*s->fdd));
	s->priv = xcalloc(s->nfd, sizeof(*s->priv));
	s->haspriv = xcalloc(s->nfd, 1);
	S_copy_entry(&s->top, s->cff.topd, s->cff.topn, CFF_OP_FONTMATRIX);
	S_copy_entry(&s->top, s->cff.topd, s->cff.topn, CFF_OP_FONTBBOX);
	for (i = 0; i < s->nfd; i++) {
		if (cff_index_get(&s->cff.fdarray, i, &d, &nd) == -1 ||
		    cff_dict_check(d, nd) == -1)
			goto fail;
		S_copy_entry(&s->fdd[i], d, nd, CFF_OP_FONTMATRIX);
	}
	s->name = xstrdup(name);
	return s;
fail:
	cffsub_free(s);
	return NULL;
}

void
cffsub_free(struct cffsub *s)
{
	unsigned i;

	if (s == NULL)
		return;
	for (i = 0; i < s->nfd; i++) {
		buf_free(&s->fdd[i]);
		buf_free(&s->priv[i]);
	}
	free(s->fdd);
	free(s->priv);
	free(s->haspriv);
	buf_free(&s->cs);
	buf_free(&s->top);
	free(s->at);
	free(s->len);
	free(s->mark);
	free(s->cid);
	free(s->fd);
	free(s->ros[0]);
	free(s->ros[1]);
	free(s->name);
	hb_blob_destroy(s->blob);
	hb_face_destroy(s->face);
	free(s);
}

unsigned
cffsub_cid(const struct cffsub *s, hb_codepoint_t g)
{
	return g < s->ng ? s->cid[g] : 0;
}

unsigned
cffsub_nfills(const struct cffsub *s)
{
	return s->nfills;
}

/*
 * Desubroutinizes glyphs miss[0..n) (not cached; the glyphs of code
 * points cp[0..n), or .notdef) with one HarfBuzz subset and caches their
 * charstrings, and the Private DICTs of Font DICTs not cached yet.  The
 * subset is asked for code points: asked for glyphs, HarfBuzz 6 looks
 * through the whole cmap for their code points, 40 M instructions for
 * Noto Sans CJK.  Returns -1 on failure (nothing cached).
 */
static int
S_fill(struct cffsub *s, const hb_codepoint_t *miss, const uint32_t *cp,
    size_t n)
{
	hb_subset_input_t *in;
	hb_subset_plan_t *plan = NULL;
	hb_face_t *sub = NULL;
	hb_blob_t *cb = NULL;
	hb_set_t *us, *drop;
	const hb_map_t *o2n;
	hb_tag_t tags[64];
	const uint8_t *p;
	const char *data;
	struct cff c;
	uint8_t *subfd = NULL;
	unsigned i, nt, start = 0, len;
	size_t k, np;
	int rc = -1;

	if ((in = hb_subset_input_create_or_fail()) == NULL)
		return -1;
	us = hb_subset_input_unicode_set(in);
	for (k = 0; k < n; k++)
		if (miss[k] != 0)
			hb_set_add(us, cp[k]);
	drop = hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
	do {				/* every table but CFF */
		nt = sizeof(tags) / sizeof(tags[0]);
		hb_face_get_table_tags(s->face, start, &nt, tags);
		for (i = 0; i < nt; i++)
			if (tags[i] != HB_TAG('C','F','F',' '))
				hb_set_add(drop, tags[i]);
		start += nt;
	} while (nt == sizeof(tags) / sizeof(tags[0]));
	hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NO_HINTING |
	    HB_SUBSET_FLAGS_DESUBROUTINIZE);
	plan = hb_subset_plan_create_or_fail(s->face, in);
	hb_subset_input_destroy(in);
	if (plan == NULL || (sub = hb_subset_plan_execute_or_fail(plan)) ==
	    NULL)
		goto out;
	s->nfills++;
	o2n = hb_subset_plan_old_to_new_glyph_mapping(plan);
	cb = hb_face_reference_table(sub, HB_TAG('C','F','F',' '));
	data = hb_blob_get_data(cb, &len);
	if (data == NULL || cff_open(&c, data, len) == -1 || !c.cid)
		goto out;
	subfd = xcalloc(c.nglyphs, 1);
	if (cff_fdselect(&c, subfd) == -1)
		goto out;
	/* check everything before caching anything */
	for (k = 0; k < n; k++) {
		hb_codepoint_t g = hb_map_get(o2n, miss[k]);

		if (g >= c.nglyphs || cff_charstring(&c, g, &p, &np) == -1 ||
		    np > 0xFFFF || (!s->haspriv[s->fd[miss[k]]] &&
		    cff_private(&c, subfd[g], &p, &np) == -1))
			goto out;
	}
	for (k = 0; k < n; k++) {
		hb_codepoint_t g = hb_map_get(o2n, miss[k]);
		unsigned fd = s->fd[miss[k]];

		cff_charstring(&c, g, &p, &np);
		s->at[miss[k]] = (uint32_t)s->cs.len + 1;
		s->len[miss[k]] = (uint32_t)np;
		buf_put(&s->cs, p, np);
		if (!s->haspriv[fd]) {
			cff_private(&c, subfd[g], &p, &np);
			cff_dict_copy(&s->priv[fd], p, np, CFF_OP_SUBRS);
			s->haspriv[fd] = 1;
		}
	}
	rc = 0;
out:
	free(subfd);
	hb_blob_destroy(cb);
	if (sub != NULL)
		hb_face_destroy(sub);
	if (plan != NULL)
		hb_subset_plan_destroy(plan);
	return rc;
}

/* Orders glyphs by CID (the struct's cid), then by Font DICT. */
static int
S_cmp_glyph(const void *a, const void *b)
{
	const struct cff_glyph *x = a, *y = b;

	if (x->cid != y->cid)
		return x->cid < y->cid ? -1 : 1;
	return (x->fd > y->fd) - (x->fd < y->fd);
}

/* Glyph g of the font under CID cid, its Font DICT renumbered by
 * newfd[], into *cg. */
static void
S_glyph(const struct cffsub *s, struct cff_glyph *cg, hb_codepoint_t g,
    unsigned cid, const int *newfd)
{
	cg->cs = (const uint8_t *)s->cs.data + s->at[g] - 1;
	cg->n = s->len[g];
	cg->cid = (uint16_t)cid;
	cg->fd = (uint8_t)newfd[s->fd[g]];
}

int
cffsub_write(struct cffsub *s, const uint32_t *cp, const hb_codepoint_t *g,
    const uint16_t *cid, size_t n, struct buf *out)
{
	hb_codepoint_t *v = xcalloc(n + 1, sizeof(*v)), *miss;
	uint32_t *mcp;
	struct cff_glyph *cg;
	struct cff_fd *fds;
	struct cff_out o = { 0 };
	int newfd[256], rc;
	size_t i, k, nv = 0, nmiss = 0;
	unsigned f, nfd = 0;

	/* the glyphs, each once (s->mark), .notdef first */
	v[nv++] = 0;
	s->mark[0] = 1;
	for (i = 0; i < n; i++)
		if (g[i] < s->ng && !s->mark[g[i]]) {
			s->mark[g[i]] = 1;
			v[nv++] = g[i];
		}
	miss = xcalloc(nv, sizeof(*miss));
	mcp = xcalloc(nv, sizeof(*mcp));
	for (i = 0; i < n; i++)
		if (g[i] < s->ng && s->mark[g[i]] && s->at[g[i]] == 0) {
			s->mark[g[i]] = 0;	/* once */
			mcp[nmiss] = cp[i];
			miss[nmiss++] = g[i];
		}
	if (s->at[0] == 0) {
		mcp[nmiss] = 0;
		miss[nmiss++] = 0;
	}
	for (i = 0; i < nv; i++)
		s->mark[v[i]] = 0;
	rc = nmiss > 0 ? S_fill(s, miss, mcp, nmiss) : 0;
	free(miss);
	free(mcp);
	if (rc == -1) {
		free(v);
		return -1;
	}
	for (f = 0; f < 256; f++)
		newfd[f] = -1;
	for (i = 0; i < nv; i++)
		newfd[s->fd[v[i]]] = 0;
	for (f = 0; f < s->nfd; f++)		/* in the font's order */
		if (newfd[f] == 0)
			newfd[f] = (int)nfd++;
	fds = xcalloc(nfd, sizeof(*fds));
	for (f = 0; f < s->nfd; f++)
		if (newfd[f] >= 0) {
			fds[newfd[f]].dict = (const uint8_t *)s->fdd[f].data;
			fds[newfd[f]].ndict = s->fdd[f].len;
			fds[newfd[f]].priv = (const uint8_t *)s->priv[f].data;
			fds[newfd[f]].npriv = s->priv[f].len;
		}
	cg = xcalloc(nv + n, sizeof(*cg));
	for (i = 0; i < nv; i++)
		S_glyph(s, &cg[i], v[i], s->cid[v[i]], newfd);
	for (i = 0, k = nv; cid != NULL && i < n; i++)
		if (g[i] < s->ng && cid[i] != s->cid[g[i]])
			S_glyph(s, &cg[k++], g[i], cid[i], newfd);
	qsort(cg, k, sizeof(*cg), S_cmp_glyph);
	/* one glyph per CID (a charset never repeats one) */
	for (nv = k, i = k = 0; i < nv; i++)
		if (k == 0 || cg[i].cid != cg[k - 1].cid)
			cg[k++] = cg[i];
	o.cidcount = cg[k - 1].cid >= s->cidcount ? cg[k - 1].cid + 1u :
	    s->cidcount;
	o.name = s->name;
	o.registry = s->ros[0];
	o.ordering = s->ros[1];
	o.supplement = (int)s->supplement;
	o.top = (const uint8_t *)s->top.data;
	o.ntop = s->top.len;
	o.g = cg;
	o.ng = k;
	o.fd = fds;
	o.nfd = nfd;
	cff_write(out, &o);
	free(cg);
	free(fds);
	free(v);
	return 0;
}
