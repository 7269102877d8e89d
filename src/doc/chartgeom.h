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

/* One segment: an org chart's connector (axis-parallel, x1 == x2:
 * vertical) or a line of a bar's hatching. */
struct cg_seg {
	double	x1, y1, x2, y2;
};

/*
 * How series i of a chart is told apart without its colour (WCAG 2.1
 * SC 1.4.1) and seen against white (SC 1.4.11), the same in SVG and PDF:
 * cg_colour: its colour, each at least 3:1 on white (0xRRGGBB);
 * cg_tint: the pale colour under a hatched bar (a quarter of cg_colour);
 * cg_hatch_kind: its bars' hatching, CG_H_* bits (0: solid, the first
 * series), drawn in cg_colour over cg_tint inside a cg_colour outline;
 * cg_marker: its line's point marker, CG_M_*, hollow (white inside a
 * cg_colour outline) from the fifth series on when cg_hollow;
 * cg_dashed: its line dashed (every second series): 3 line widths on,
 * 2 off.  All repeat after CG_NSTYLE series.
 */
#define CG_NSTYLE	8
enum { CG_H_UP = 1, CG_H_DOWN = 2, CG_H_HORIZ = 4, CG_H_VERT = 8 };
enum { CG_M_CIRCLE, CG_M_SQUARE, CG_M_TRIANGLE, CG_M_DIAMOND };
unsigned	cg_colour(size_t i);
unsigned	cg_tint(size_t i);
unsigned	cg_hatch_kind(size_t i);
int		cg_marker(size_t i);
int		cg_hollow(size_t i);
int		cg_dashed(size_t i);

/**
 * The lines of hatching kind inside the rectangle (x, y, w, h), y down,
 * step apart (measured across the lines), on a grid fixed to the origin
 * so that neighbouring bars line up; into *seg (grown, *cap its room).
 * Returns the number of segments.
 */
size_t	cg_hatch(struct cg_seg **seg, size_t *cap, unsigned kind, double x,
	    double y, double w, double h, double step);
/**
 * The outline of marker m of radius r centred at (cx, cy), y down, as a
 * polygon into pt (x, y pairs, room for 4 points); 0 for a circle.
 */
size_t	cg_marker_poly(int m, double cx, double cy, double r, double *pt);

/*
 * Where value labels go, the same rule in SVG and PDF: series by series,
 * each label at its first free place (a bar's above or below its end, a
 * line point's above, then below); a label that overlaps one already
 * placed (closer than their half widths plus 1 across, and than h, the
 * label size, down) at every place is dropped.  In: x (centre), w
 * (width) and ny places y[] (baselines, y down; ny 0: no value).  Out:
 * place (CG_VL_*) and by (the baseline chosen).
 */
enum { CG_VL_FIRST, CG_VL_SECOND, CG_VL_DROP };
struct cg_vlabel {
	double	x, w, y[2];
	int	ny;
	int	place;
	double	by;
};
void	cg_place_labels(struct cg_vlabel *l, size_t n, double h);

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
/* An rb-orgnode's label, its sub in brackets; the roles under n; "共 N 个
 * 岗位。最高岗位：X、Y。" of a chart (cg_org_alt's start). */
void	cg_org_name(struct buf *b, const struct doc_node *n);
size_t	cg_org_count(const struct doc_node *n);
void	cg_org_summary(struct buf *b, const struct doc_node *chart);
void	cg_chart_alt(struct buf *b, const struct doc_node *chart);

#endif
