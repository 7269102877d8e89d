/*
 * cffsub.h — subsets of a CID-keyed CFF font (Noto CJK) made from a
 * per-process cache of its glyphs.  HarfBuzz's subsetter flattens a
 * glyph's subroutine calls (desubroutinizes) once per process; each
 * document's subset is then written from the cached charstrings by
 * cff_write(), without HarfBuzz.  For use by font.c only.
 *
 * The CID of a glyph is the font's own (its charset), so a document's
 * text does not depend on which glyphs the subset has.  The same glyphs
 * give the same bytes, whatever was cached before.
 */
#ifndef RB_PDF_CFFSUB_H
#define RB_PDF_CFFSUB_H

#include <stddef.h>
#include <stdint.h>
#include <hb.h>

struct buf;
struct cffsub;

/** The cache of face's CFF table, or NULL when it has none, is not
 *  CID-keyed or cannot be read (the caller subsets with HarfBuzz as
 *  before).  name: the Name INDEX's name of every subset.  The face is
 *  referenced, not copied. */
struct cffsub	*cffsub_new(hb_face_t *face, const char *name);
void		 cffsub_free(struct cffsub *);
/** The CID of glyph g; 0 when g is not a glyph of the font. */
unsigned	 cffsub_cid(const struct cffsub *, hb_codepoint_t g);
/**
 * Appends to out the CFF table of .notdef and the glyphs g[0..n) of the
 * code points cp[0..n) (the font's cmap; any order, repeats and glyphs
 * out of range ignored), ordered by CID.  Each glyph is written under
 * its own CID and, when cid is not NULL and cid[i] differs from it,
 * under cid[i] too (the same charstring and Font DICT: a code point that
 * shares its glyph with another gets a CID of its own; the caller keeps
 * such CIDs off the glyphs' own).  Glyphs not cached yet are
 * desubroutinized first, all in one HarfBuzz subset.  Returns -1 when
 * HarfBuzz fails or its subset cannot be read.
 */
int		 cffsub_write(struct cffsub *, const uint32_t *cp,
		    const hb_codepoint_t *g, const uint16_t *cid, size_t n,
		    struct buf *out);
/** How many HarfBuzz subsets were made (for tests and measurements). */
unsigned	 cffsub_nfills(const struct cffsub *);

#endif
