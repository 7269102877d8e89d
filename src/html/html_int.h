/*
 * html_int.h — declarations shared by the files of the HTML backend
 * (html.c, svg.c, css.c).  For internal use by src/html only.
 */
#ifndef RB_HTML_INT_H
#define RB_HTML_INT_H

#include "../util/util.h"
#include "../doc/doc.h"
#include "html.h"

/* Writes v with at most dec decimals, trailing zeros trimmed, no "-0". */
void	html_num(struct buf *, double v, int dec);
/* Rough rendered width [px] of UTF-8 s at font size [px]. */
double	html_textw(const char *s, double size);
/* Inline SVG for an rb-chart / rb-orgchart (whole subtree). */
void	html_chart(struct buf *, const struct doc_node *);
void	html_orgchart(struct buf *, const struct doc_node *, int maxw);

#endif
