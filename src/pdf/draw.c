/*
 * draw.c — drawing helpers shared by the PDF writer and charts (see
 * draw.h).
 */
#include <stdlib.h>
#include <string.h>
#include "../util/util.h"
#include "draw.h"

void
draw_text(HPDF_Page page, const struct font *f, HPDF_Font hf, double size,
    double x, double y, const char *s, size_t n)
{
	char *t;

	t = xstrndup(s, n);
	HPDF_Page_BeginText(page);
	HPDF_Page_SetFontAndSize(page, hf, (HPDF_REAL)size);
	if (font_synthetic_bold(f)) {
		HPDF_Page_SetTextRenderingMode(page, HPDF_FILL_THEN_STROKE);
		HPDF_Page_SetLineWidth(page, (HPDF_REAL)(size / 30));
	}
	HPDF_Page_TextOut(page, (HPDF_REAL)x, (HPDF_REAL)y, t);
	if (font_synthetic_bold(f))
		HPDF_Page_SetTextRenderingMode(page, HPDF_FILL);
	HPDF_Page_EndText(page);
	free(t);
}
