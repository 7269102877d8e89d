/*
 * cff.h — the bare CFF table of a font (Adobe Technical Note 5176, "The
 * Compact Font Format Specification"): reading the parts a CID-keyed
 * subset is made of (cff.c), and writing such a subset (cff_write.c).
 * For use by src/pdf only (font.c's per-process glyph cache, cffsub.c).
 *
 * The reader trusts nothing: every offset, count and length is checked
 * against the table, and a malformed table is an error (-1), never a
 * read outside it.  Nothing is copied: the parts point into the table,
 * which must outlive them.
 */
#ifndef RB_PDF_CFF_H
#define RB_PDF_CFF_H

#include <stddef.h>
#include <stdint.h>

struct buf;

/* DICT operators: one byte, or 12 x as CFF_OP2(x). */
#define CFF_OP2(x)		(0x0C00 | (x))
#define CFF_OP_CHARSET		15
#define CFF_OP_CHARSTRINGS	17
#define CFF_OP_PRIVATE		18
#define CFF_OP_SUBRS		19
#define CFF_OP_FONTMATRIX	CFF_OP2(7)
#define CFF_OP_ROS		CFF_OP2(30)
#define CFF_OP_CIDCOUNT		CFF_OP2(34)
#define CFF_OP_FDARRAY		CFF_OP2(36)
#define CFF_OP_FDSELECT		CFF_OP2(37)
#define CFF_OP_FONTNAME		CFF_OP2(38)
#define CFF_OP_FONTBBOX		5

/* An INDEX: count objects, object i is p[start[i] .. start[i + 1]). */
struct cff_index {
	const uint8_t	*p;		/* the whole table */
	size_t		 len;
	size_t		 count;
	unsigned	 offsize;	/* bytes per offset, 1..4 */
	size_t		 offs;		/* where the offset array starts */
	size_t		 base;		/* offsets count from here (+1) */
	size_t		 end;		/* first byte after the INDEX */
};

/* A CFF table, its Top DICT read. */
struct cff {
	const uint8_t	*p;		/* the table */
	size_t		 len;
	struct cff_index name, top, str, gsubr;
	struct cff_index cs;		/* CharStrings */
	struct cff_index fdarray;	/* CID-keyed only, else count 0 */
	const uint8_t	*topd;		/* the (first) Top DICT */
	size_t		 topn;
	int		 cid;		/* CID-keyed: the Top DICT has ROS */
	size_t		 charset;	/* offset; 0..2: a predefined one */
	size_t		 fdselect;	/* offset; 0: none */
	unsigned	 nglyphs;	/* CharStrings count, < 65,536 */
};

/** Reads the header, the four INDEXes that follow it, the Top DICT and
 *  the CharStrings and FDArray INDEXes it names.  Returns -1 when the
 *  table is malformed or not CFF version 1. */
int	cff_open(struct cff *, const void *p, size_t len);
/** Reads the INDEX at offset at of p[len]; -1 when malformed. */
int	cff_index_read(struct cff_index *, const uint8_t *p, size_t len,
	    size_t at);
/** Object i of an INDEX as *p, *n; -1 when i is out of range or its
 *  offsets are not ascending within the table. */
int	cff_index_get(const struct cff_index *, size_t i, const uint8_t **p,
	    size_t *n);
/**
 * Looks up operator op in DICT d[n]: its integer operands, up to nv of
 * them, into v[] (a real operand reads as 0); *at and *span (either may
 * be NULL) get where its entry (operands and operator) starts and how
 * long it is, for copying it verbatim.  Returns how many operands it
 * has, -1 when it is not there or the DICT is malformed.
 */
int	cff_dict_get(const uint8_t *d, size_t n, unsigned op, long *v, int nv,
	    size_t *at, size_t *span);
/** Checks a whole DICT: 0 when every entry parses, else -1. */
int	cff_dict_check(const uint8_t *d, size_t n);
/** Copies DICT d[n] to b without the entries of operator skip. */
int	cff_dict_copy(struct buf *b, const uint8_t *d, size_t n,
	    unsigned skip);
/** Fills cids[0 .. c->nglyphs) with each glyph's CID (a CID-keyed
 *  font's charset, formats 0, 1 and 2; .notdef is 0).  -1 when the
 *  charset is malformed or predefined. */
int	cff_charset(const struct cff *, uint16_t *cids);
/** Fills fds[0 .. c->nglyphs) with each glyph's Font DICT (FDSelect
 *  formats 0 and 3); all 0 without FDSelect.  -1 when malformed or an
 *  index is not below the FDArray's count. */
int	cff_fdselect(const struct cff *, uint8_t *fds);
/** The charstring of glyph g; -1 when out of range. */
int	cff_charstring(const struct cff *, unsigned g, const uint8_t **p,
	    size_t *n);
/** The Private DICT of Font DICT fd (CID-keyed) or of the Top DICT (fd
 *  0 of a name-keyed font); -1 when missing or out of range. */
int	cff_private(const struct cff *, unsigned fd, const uint8_t **p,
	    size_t *n);

/* A glyph of a subset to write: its CID, its Font DICT (an index into
 * the subset's FDArray) and its charstring (no subroutine calls). */
struct cff_glyph {
	const uint8_t	*cs;
	uint32_t	 n;
	uint16_t	 cid;
	uint8_t		 fd;
};

/* A Font DICT of a subset to write: entries copied verbatim (e.g.
 * FontMatrix; no Private) and its Private DICT (no Subrs). */
struct cff_fd {
	const uint8_t	*dict;
	size_t		 ndict;
	const uint8_t	*priv;
	size_t		 npriv;
};

/* A CID-keyed CFF to write. */
struct cff_out {
	const char	*name;		/* the Name INDEX's one name */
	const char	*registry;	/* ROS */
	const char	*ordering;
	int		 supplement;
	const uint8_t	*top;		/* Top DICT entries copied verbatim */
	size_t		 ntop;
	const struct cff_glyph *g;	/* [ng] ascending CIDs, g[0] CID 0 */
	size_t		 ng;
	const struct cff_fd *fd;	/* [nfd], 1..256 */
	size_t		 nfd;
	unsigned	 cidcount;	/* above every CID */
};

/** Appends a CID-keyed CFF table (FontFile3 /CIDFontType0C) to b: no
 *  subroutines, charset and FDSelect (format 3) by the glyphs' order.
 *  The same input gives the same bytes. */
void	cff_write(struct buf *, const struct cff_out *);

#endif
