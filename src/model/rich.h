/*
 * rich.h — builds the canonical XHTML fragments stored in rich fields of the
 * model (docs/content-format.md, "Inline and block markup").  Both the
 * Markdown and the XML loader feed the same sequence of calls for the same
 * content, so a role in either format yields byte-identical fields.
 *
 * White space: runs fold to one space; a run holding a newline between two
 * CJK characters vanishes; white space at the start or end of a block, or
 * next to a block tag, is dropped.
 */
#ifndef RB_RICH_H
#define RB_RICH_H

#include <stdint.h>
#include "../util/util.h"

struct rich {
	struct buf	 out;
	int		 space;	/* pending white space: 0 none, 1 space, 2 with newline */
	uint32_t	 last;	/* last character written; 0 at a block start */
	int		 depth;	/* open elements */
};

void	 rich_init(struct rich *);
/* Appends character data (unescaped UTF-8; escaped here). */
void	 rich_text(struct rich *, const char *s, size_t n);
/* Opens an element of the subset; href only for "a" (may be NULL). */
void	 rich_open(struct rich *, const char *tag, const char *href);
void	 rich_close(struct rich *, const char *tag);
/* <br/> */
void	 rich_br(struct rich *);
/* Is tag a block element of the subset (p, ul, li, table, …)? */
int	 rich_is_block(const char *tag);
/* Is tag allowed at all (inline: 0 = block allowed too)? */
int	 rich_tag_known(const char *tag, int inline_only);
/* Ends the fragment and returns it (caller frees); the struct is reset. */
char	*rich_finish(struct rich *);
/* Is cp a CJK character (ideograph, kana, CJK or full-width punctuation)? */
int	 rich_is_cjk(uint32_t cp);

#endif
