/*
 * chartgeom.h — geometry of rb-chart and rb-orgchart shared by both
 * backends (src/html/svg.c draws it as SVG, src/pdf/chart.c as PDF):
 * the data matrix and round value-axis steps of a chart, and the tidy
 * org-tree layout whose too-wide levels wrap into rows.  Units are the
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
/** A round step near span/5: 1, 2 or 5 times a power of ten. */
double	cg_nice_step(double span);

/* Dimensions of an org chart and how to measure text. */
struct cg_orgdim {
	double	 bh;		/* box height */
	double	 minw;		/* minimum box width */
	double	 pad;		/* text padding in a box, both sides */
	double	 hg;		/* gap between sibling subtrees */
	double	 vg;		/* gap between a parent and its children */
	double	 rg;		/* gap between wrapped rows */
	double	 ind;		/* indent of wrapped rows (trunk space) */
	double	 label_size, sub_size;	/* font sizes of label and sub */
	double	(*textw)(void *ctx, const char *s, double size);
	void	*ctx;
};

/* Layout of one subtree, relative to its parent's block (y down). */
struct cg_org {
	const struct doc_node	*n;	/* rb-orgnode; the chart for the top */
	int			 box;	/* has a box (not the chart) */
	struct cg_org		*kids;
	size_t			 nk;
	double			 bw;	/* own box width */
	double			 w, h;	/* subtree block */
	double			 bx;	/* box left within the block */
	double			 rx, ry;	/* block offset in parent's */
	double			 bus;	/* bus line y, in parent's block */
	int			 wrapped;	/* children in several rows */
};

/**
 * Lays out the tree of chart (an rb-orgchart) into top: children in one
 * row under their parent's box, the box centred over the first and last
 * child; a row wider than maxw wraps into left-aligned rows joined by a
 * trunk.  top->w and top->h give the size.  Free with cg_org_free().
 */
void	cg_org_layout(struct cg_org *top, const struct doc_node *chart,
	    double maxw, const struct cg_orgdim *);
void	cg_org_free(struct cg_org *);

/* One axis-parallel connector segment (x1 == x2: vertical). */
struct cg_seg {
	double	x1, y1, x2, y2;
};

/**
 * Connector lines of o's subtree with its block at (ox, oy): fn is called
 * once per box with children (descendants first) with that box's
 * segments in drawing order.
 */
void	cg_org_links(const struct cg_org *o, double ox, double oy,
	    const struct cg_orgdim *,
	    void (*fn)(void *, const struct cg_seg *, size_t), void *ctx);
/**
 * Calls fn for every box of o's subtree (pre-order) with its node and
 * its rectangle (x, y top-left, y down).
 */
void	cg_org_boxes(const struct cg_org *o, double ox, double oy,
	    const struct cg_orgdim *,
	    void (*fn)(void *, const struct doc_node *, double x, double y,
	    double w, double h), void *ctx);

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
