/*
 * chart.h — rb-chart (bar and line) and rb-orgchart drawn as vectors on a
 * PDF page (pdfw.h), the PDF counterpart of src/html/svg.c; both take their
 * geometry from src/doc/chartgeom.c.  For use by the PDF writer.
 *
 * Per document: chart_prepare() for every chart during layout (records
 * the characters with font_use() and reports those not in the font),
 * chart_height() or chart_org_layout() to reserve room, then, after
 * pdfw_font(), chart_draw() or chart_org_draw() for each sheet.
 * All text is in one font (the body font); sizes are fixed in points, the
 * geometry follows the width.  Characters not in the font are never
 * drawn (chart_prepare() has reported them).
 */
#ifndef RB_PDF_CHART_H
#define RB_PDF_CHART_H

#include <stddef.h>
#include "pdfw.h"
#include "../util/diag.h"
#include "font.h"
#include "../doc/orgtree.h"

struct doc_node;

/* A clickable org chart box: href of its rb-orgnode and its rectangle in
 * PDF user space (y up), for the writer's link annotations. */
struct chart_link {
	const char	*href;		/* borrowed from the tree */
	const char	*label;		/* the box's label, or NULL */
	double		 left, bottom, right, top;	/* [pt] */
};

struct chart_links {
	struct chart_link *v;
	size_t		   n, cap;
};

/**
 * Records every character of the chart's text (title, unit, labels,
 * series names, values, org labels) with font_use(); each character
 * not in f is reported once per chart with font_missing_diag() at the
 * chart's position.  Returns the number of missing characters (0: OK).
 * node is an rb-chart or rb-orgchart.
 */
int	chart_prepare(struct diag *, struct font *f,
	    const struct doc_node *node);

/** Height [pt] the chart (rb-chart) takes when drawn w points wide. */
double	chart_height(struct font *f, const struct doc_node *node, double w);

/**
 * Draws node (an rb-chart) with its top-left corner at (x, y_top) in PDF
 * user space (y up), w points wide and chart_height() high, in font f
 * embedded as font number hf.  Leaves the page in page-description mode
 * with fill and stroke colours changed.
 */
void	chart_draw(struct pdfc *, struct font *f, int hf,
	    const struct doc_node *node, double x, double y_top, double w);

/**
 * Appends to b, for the layout dump, a line per value label of node (an
 * rb-chart drawn w wide) not drawn above its point or bar: `value "81.63"
 * series=2 category="6月" moved-below` (it would have overlapped another
 * label) or `dropped` (below overlapped too); each line starts with
 * indent.
 */
void	chart_dump(struct font *f, const struct doc_node *node, double w,
	    struct buf *b, const char *indent);

/* The org chart's dimensions [pt]: labels 9 pt (dense: 8 pt), subs
 * 7 pt, path 8 pt. */
void	chart_org_dim(struct og_dim *, struct font *f, int dense);
/**
 * Lays out node (an rb-orgchart) on sheets at most w wide and maxh high
 * [pt] (orgtree.h), with the dense dimensions when they need fewer
 * sheets (og->variant 1); free with og_free().
 */
void	chart_org_layout(struct og_chart *, struct font *f,
	    const struct doc_node *node, double w, double maxh);
/** Height [pt] of sheet s (its margins included). */
double	chart_org_height(const struct og_chart *, size_t s);
/**
 * Draws sheet s of og centred in (x, y_top, w): its path line, connectors
 * and boxes, a stub with "续见第 N 页" where N = pages[ref] (pages: the
 * page of every sheet, 1-based; NULL: sheet numbers).  Boxes with an href
 * are appended to links (may be NULL).
 */
void	chart_org_draw(struct pdfc *, struct font *f, int hf,
	    const struct og_chart *, size_t s, const int *pages, double x,
	    double y_top, double w, struct chart_links *links);

void	chart_links_free(struct chart_links *);

#endif
