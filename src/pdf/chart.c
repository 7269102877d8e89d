/*
 * chart.c — charts and org charts in PDF (see chart.h).  STUB: drawing
 * lands shortly; heights are final-ish.
 */
#include <stdlib.h>
#include "../util/util.h"
#include "../doc/doc.h"
#include "chart.h"

int
chart_prepare(struct diag *d, struct font *f, const struct doc_node *node)
{
	return 0;
}

double
chart_height(struct font *f, const struct doc_node *node, double w)
{
	return w * 0.5;
}

void
chart_draw(HPDF_Page page, struct font *f, HPDF_Font hf,
    const struct doc_node *node, double x, double y_top, double w,
    struct chart_links *links)
{
}

void
chart_links_free(struct chart_links *l)
{
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}
