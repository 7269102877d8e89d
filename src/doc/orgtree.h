/*
 * orgtree.h — layout of an rb-orgchart on pages ("sheets") of a given
 * size, shared by the HTML (src/html/svg.c) and PDF (src/pdf/chart.c)
 * backends.
 *
 * The upper levels are a tidy tree (each subtree's left and right
 * contour per row; a subtree is pushed right just far enough to clear
 * its left siblings, the parent centred over its first and last child:
 * Reingold–Tilford with boxes of different widths).  A box whose
 * children have no reports of their own gets them hanging in one column
 * (up to three) or two columns under it, on a spine (Office's "hanging"
 * layout).  Rows have one pitch (box height + vertical gap), so the
 * contours are arrays of rows.
 *
 * A subtree that does not fit the sheet is cut: its parent's sheet shows
 * it as a stub box (its label and a reference to where it continues), and
 * it is drawn on sheets of its own that follow, each with the manager
 * path above it.  When even the stubs of a box's children do not fit in
 * one row (or hanging children in the sheet's height), its children are
 * split into parts, one sheet each, the box repeated.  Trees of a forest
 * (several roots: a department's chart) are packed into rows of sheets.
 * With d->pack (pages), the continued subtrees of the next manager go on
 * under their own path line while they fit the sheet, so a page is not
 * half empty because the last manager's reports took half of it.
 * Boxes are never scaled: every text keeps its size.
 *
 * Cost: every box is merged once per cut decision of its parent; with R
 * rows a sheet, O(n R + k log k) per box of k children: O(n log n).
 */
#ifndef RB_DOC_ORGTREE_H
#define RB_DOC_ORGTREE_H

#include <stddef.h>
#include "chartgeom.h"

struct doc_node;

/* Dimensions of an org chart and how to measure text (caller's units). */
struct og_dim {
	double	 bh;		/* box height */
	double	 minw;		/* minimum box width */
	double	 pad;		/* text padding in a box, both sides */
	double	 hg;		/* gap between sibling subtrees */
	double	 vg;		/* gap between rows (connectors run in it) */
	double	 ind;		/* hanging: indent of a column (spine room) */
	double	 label_size, sub_size, path_size;
	double	 pathh;		/* manager path line above a continued sheet */
	int	 pack;		/* several subtrees' sheets on one, each under
				 * its path line, when they fit (paged
				 * output); 0: a sheet each */
	const char *stub_ref;	/* widest reference of a stub ("续见第 0000 页") */
	const char *path_pre;	/* start of the path line ("上级：") */
	const char *path_ref;	/* widest suffix of the path line */
	double	(*textw)(void *ctx, const char *s, double size);
	void	*ctx;
};

enum og_kind {
	OG_BOX,		/* a role's box */
	OG_STUB		/* a cut subtree's root: label and reference */
};

/* A box on a sheet: rectangle from the sheet's top-left, y down. */
struct og_box {
	const struct doc_node *n;	/* its rb-orgnode */
	double		 x, y, w, h;
	int		 kind;		/* enum og_kind */
	size_t		 ref;		/* OG_STUB: the sheet it continues on */
};

#define OG_NONE	((size_t)-1)

/* A manager path line on a sheet, above the boxes of the subtree it
 * names (y: its top, from the sheet's top). */
struct og_head {
	double		 y;
	const struct doc_node *root;	/* the continued subtree */
	size_t		 path0, npath;	/* its managers, top first (og->path) */
	size_t		 pref;		/* sheet its manager (or part 1) is on */
	int		 part;		/* 0; else 1-based part of root's reports */
};

struct og_sheet {
	size_t		 box0, nbox;	/* boxes of og->box */
	size_t		 seg0, nseg;	/* connector segments of og->seg */
	size_t		 head0, nhead;	/* path lines of og->head, top first;
					 * none: the chart's top */
	double		 w, h;		/* size, the path lines included */
};

struct og_chart {
	struct og_sheet	*sheet;
	size_t		 nsheet, capsheet;
	struct og_box	*box;
	size_t		 nbox, capbox;
	struct cg_seg	*seg;
	size_t		 nseg, capseg;
	struct og_head	*head;
	size_t		 nhead, caphead;
	const struct doc_node **path;
	size_t		 npath, cappath;
	int		 variant;	/* the caller's: which og_dim it used */
};

/**
 * Lays out chart (an rb-orgchart) on sheets at most maxw wide and maxh
 * high (one sheet when it fits).  Free with og_free().
 */
void	og_layout(struct og_chart *, const struct doc_node *chart,
	    double maxw, double maxh, const struct og_dim *);
void	og_free(struct og_chart *);

/**
 * The alternative text of sheet s of og, laid out from chart (a PDF
 * Figure a sheet, so that a reader reaches each part where it is drawn):
 * cg_org_alt() when there is one sheet; else "组织结构图（第 k 部分，共 M
 * 部分）。" (the first part: how many roles, the top ones), then for each
 * box of the sheet in order "X 的上级：Y。" when Y is not on the sheet
 * and "X 的直接下级：A、B（续见第 j 部分）。" for its reports drawn
 * there (a stub: where its own reports continue).  Every role is in the
 * text of the sheet where its box is.
 */
void	og_sheet_alt(struct buf *b, const struct og_chart *og, size_t s,
	    const struct doc_node *chart);

/**
 * The manager path line h (prefix "总经理 / 营销总监" suffix;
 * a part after the first ends with its root), its first managers
 * replaced by "…" until it is at most maxw wide at d->path_size.  The
 * sheet is as wide as this line with d->path_pre and d->path_ref: drawn
 * with maxw = s->w and a suffix no wider, it fits the sheet.  Caller
 * frees.
 */
char	*og_path_text(const struct og_chart *, const struct og_head *h,
	    const struct og_dim *d, double maxw, const char *prefix,
	    const char *suffix);

#endif
