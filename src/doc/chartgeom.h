/*
 * chartgeom.h — geometry of rb-chart and rb-orgchart shared by both
 * backends (src/html/svg.c draws it as SVG, src/pdf/chart.c as PDF):
 * the data matrix and round value-axis steps of a chart, and the
 * connector segments of org charts (laid out by orgtree.h).  Units are the
 * caller's (px for SVG, pt for PDF); text widths come from a callback so
 * each backend measures with its own fonts.
 */
#ifndef RB_DOC_CHARTGEOM_H
#define RB_DOC_CHARTGEOM_H

#include <stddef.h>

struct doc_node;

/* The data of an rb-chart. Strings are borrowed from the tree. */
struct cg_chart {
	const char	**cats;		/* category labels, first-seen order */
	size_t		  nc;
	const char	**names;	/* series names ("" when unnamed) */
	size_t		  ns;
	double		 *val;		/* [ns * nc]; NAN: no point */
	double		  lo, hi;	/* value axis range, multiples of step */
	double		  step;		/* 1, 2 or 5 times a power of ten */
	int		  nt;		/* ticks at lo + step * t, t = 0..nt */
	int		  line;		/* type="line" (else bar) */
};

/** Reads chart (an rb-chart) into c; free with cg_chart_free(). */
void	cg_chart_read(struct cg_chart *c, const struct doc_node *chart);
void	cg_chart_free(struct cg_chart *);
/** The cells of chart's matrix (series x categories), without making it;
 * SIZE_MAX when that overflows.  doc_parse() bounds it (chart-cells). */
size_t	cg_chart_cells(const struct doc_node *chart);
/** A round step near span/5: 1, 2 or 5 times a power of ten. */
double	cg_nice_step(double span);

/* One axis-parallel connector segment (x1 == x2: vertical). */
struct cg_seg {
	double	x1, y1, x2, y2;
};

/*
 * Alternative text for readers who do not see the picture (SVG <desc>,
 * the PDF's Figure /Alt), appended to b as UTF-8:
 * cg_org_alt: who reports to whom, "组织结构图，共 N 个岗位。最高岗位：…。
 * X的直接下级：A、B。…" (depth first, labels with their sub in brackets);
 * cg_chart_alt: the chart's data, "title（柱状图，单位：u）：series：
 * label value，…；…。" with the values as written.
 */
struct buf;
void	cg_org_alt(struct buf *b, const struct doc_node *chart);
void	cg_chart_alt(struct buf *b, const struct doc_node *chart);

#endif
