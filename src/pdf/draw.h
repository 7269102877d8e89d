/*
 * draw.h — small drawing helpers shared by the PDF writer and charts:
 * text in a struct font (synthetic bold included) at a baseline.
 * For use by src/pdf only.
 */
#ifndef RB_PDF_DRAW_H
#define RB_PDF_DRAW_H

#include <stddef.h>
#include "pdfw.h"
#include "font.h"

/**
 * Draws UTF-8 text s[0..n) with its baseline starting at (x, y) [pt] in
 * font number hf (from pdfw_font(f)) at size [pt], in the current
 * fill colour.  Synthetic bold fonts are drawn fill+stroke with line
 * width size/30 in the same colour.  Must be called outside a text
 * object; leaves the page in page-description mode.
 */
void	draw_text(struct pdfc *, const struct font *f, int hf, double size,
	    double x, double y, const char *s, size_t n);

#endif
