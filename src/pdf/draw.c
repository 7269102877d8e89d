/*
 * draw.c — drawing helpers shared by the PDF writer and charts (see
 * draw.h).
 */
#include "draw.h"

void
draw_text(struct pdfc *page, const struct font *f, int hf, double size,
    double x, double y, const char *s, size_t n)
{
	pdfc_begin_text(page);
	pdfc_font(page, hf, size);
	if (font_stroke_bold(f)) {
		pdfc_render(page, PDFC_FILL_STROKE);
		pdfc_line_width(page, size / 30);
	}
	pdfc_text_pos(page, x, y);
	pdfc_show(page, hf, s, n);
	if (font_stroke_bold(f))
		pdfc_render(page, PDFC_FILL);
	pdfc_end_text(page);
}
