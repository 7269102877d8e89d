/*
 * pdf.c — the PDF backend's driver (pdf.h): opens the theme's fonts once
 * for many documents, connects them to the layout layer (metrics, missing
 * characters, chart heights), runs the layout — again while rb-pageref
 * numbers change — and hands the pages to the writer (write.c).
 */
#include <stdlib.h>
#include <string.h>
#include "../util/util.h"
#include "../doc/doc.h"
#include "chart.h"
#include "font.h"
#include "layout.h"
#include "pdf_int.h"

struct pdf_fonts *
pdf_fonts_open(struct diag *d, const struct pdf_theme *th)
{
	struct pdf_fonts *fs = xcalloc(1, sizeof(*fs));
	const char *fam[3];
	int i, ok = 1;

	fam[0] = th->font_body;
	fam[1] = th->font_em;
	fam[2] = th->font_mono;
	for (i = 0; i < FACE__MAX; i++) {
		struct font *f = font_open(d, fam[i / 2], i & 1);
		int j;

		fs->owner[i] = i;
		if (f == NULL) {
			ok = 0;
			continue;
		}
		/* stroked synthetic bold of a face we have: share its
		 * subset (an emboldened TrueType subset is a font of its
		 * own) */
		if ((i & 1) && font_stroke_bold(f) && fs->f[i - 1] &&
		    strcmp(font_file(f), font_file(fs->f[i - 1])) == 0 &&
		    font_index(f) == font_index(fs->f[i - 1])) {
			font_free(f);
			fs->owner[i] = i - 1;
			fs->f[i] = fs->f[i - 1];
			fs->synth[i] = 1;
			continue;
		}
		/* the same font as an earlier face (e.g. em = body) */
		for (j = 0; j < i; j++)
			if (fs->owner[j] == j && fs->f[j] &&
			    font_synthetic_bold(fs->f[j]) ==
			    font_synthetic_bold(f) &&
			    strcmp(font_file(f), font_file(fs->f[j])) == 0 &&
			    font_index(f) == font_index(fs->f[j]))
				break;
		if (j < i) {
			font_free(f);
			fs->owner[i] = j;
			fs->f[i] = fs->f[j];
			fs->synth[i] = fs->synth[j];
			continue;
		}
		fs->f[i] = f;
		fs->synth[i] = font_stroke_bold(f);
	}
	if (!ok) {
		pdf_fonts_free(fs);
		return NULL;
	}
	return fs;
}

void
pdf_fonts_free(struct pdf_fonts *fs)
{
	int i;

	if (fs == NULL)
		return;
	for (i = 0; i < FACE__MAX; i++)
		if (fs->owner[i] == i)
			font_free(fs->f[i]);
	free(fs);
}

void
pdf_fonts_hash(const struct pdf_fonts *fs,
    void (*cb)(void *, const char *, int), void *arg)
{
	int i;

	for (i = 0; i < FACE__MAX; i++)
		if (fs->f[i])
			cb(arg, font_file(fs->f[i]), font_index(fs->f[i]) * 2 +
			    fs->synth[i]);
}

void
pdf_fonts_reset(struct pdf_fonts *fs)
{
	int i;

	for (i = 0; i < FACE__MAX; i++)
		if (fs->owner[i] == i && fs->f[i])
			font_reset_use(fs->f[i]);
}

/* Layout callbacks over a font set. */
struct S_ctx {
	struct pdf_fonts *fs;
	struct diag	*d;
	int		 pass;
};

static int
S_has(void *ctx, int face, uint32_t cp)
{
	return font_has(((struct S_ctx *)ctx)->fs->f[face], cp);
}

static int
S_advance(void *ctx, int face, uint32_t cp)
{
	return font_advance(((struct S_ctx *)ctx)->fs->f[face], cp);
}

static void
S_blank(void *ctx, int face, uint32_t cp, int lr[2])
{
	font_blank(((struct S_ctx *)ctx)->fs->f[face], cp, lr);
}

static void
S_missing(void *ctx, struct diag *d, const struct rb_pos *pos, int face,
    const uint32_t *cps, size_t n)
{
	static const char *const key[FACE__MAX] = {
		"font.body", "font.body", "font.em", "font.em",
		"font.mono", "font.mono",
	};

	font_missing_diag(d, pos, cps, n, ((struct S_ctx *)ctx)->fs->f[face],
	    key[face]);
}

static double
S_chart_height(void *ctx, const struct doc_node *n, double w)
{
	struct S_ctx *c = ctx;
	struct font *f = c->fs->f[FACE_BODY];

	if (c->pass == 1 && chart_prepare(c->d, f, n) > 0)
		c->fs->chart_errors++;
	return chart_height(f, n, w);
}

static void
S_org_layout(void *ctx, const struct doc_node *n, double w, double maxh,
    struct og_chart *og)
{
	struct S_ctx *c = ctx;
	struct font *f = c->fs->f[FACE_BODY];

	if (c->pass == 1 && chart_prepare(c->d, f, n) > 0)
		c->fs->chart_errors++;
	chart_org_layout(og, f, n, w, maxh);
}

static void
S_chart_dump(void *ctx, const struct doc_node *n, double w, struct buf *b,
    const char *indent)
{
	chart_dump(((struct S_ctx *)ctx)->fs->f[FACE_BODY], n, w, b, indent);
}

static double
S_org_height(void *ctx, const struct og_chart *og, size_t s)
{
	(void)ctx;
	return chart_org_height(og, s);
}

long long
pdf_source_date(void)
{
	const char *v = getenv("SOURCE_DATE_EPOCH");
	char *end;
	long long x;

	if (v == NULL || *v == '\0')
		return -1;
	x = strtoll(v, &end, 10);
	if (*end != '\0' || x < 0)
		return -1;
	return x;
}

/* A deep copy of n (charts, kept while their document's tree is freed). */
static struct doc_node *
S_clone(const struct doc_node *n)
{
	struct doc_node *c = doc_node_new(n->tag);
	const struct doc_node *k;
	size_t i;

	if (n->text) {
		c->text = xstrndup(n->text, n->len);
		c->len = n->len;
	}
	if (n->id)
		doc_set_attr(c, "id", n->id);
	if (n->cls)
		doc_set_attr(c, "class", n->cls);
	if (n->href)
		doc_set_attr(c, "href", n->href);
	for (i = 0; i < n->nattrs; i++)
		doc_set_attr(c, n->attrs[i].name, n->attrs[i].value);
	c->pos = n->pos;
	for (k = n->first; k; k = k->next)
		doc_append(c, S_clone(k));
	return c;
}

/*
 * Frees the document's tree once laid out, keeping what the writer still
 * reads: a small root with the document information, and copies of the
 * charts (the ops point at the copies, children of the new root).
 */
static struct doc_node *
S_shed_tree(struct lay *L, struct doc_node *root)
{
	static const char *const keep[] = { "title", "data-author",
	    "data-subject", "lang" };
	struct doc_node *nr = doc_node_new(DOC_DOCUMENT);
	const struct doc_node *last = NULL;
	struct doc_node *copy = NULL;
	size_t p, k;
	const char *v;

	for (k = 0; k < sizeof(keep) / sizeof(keep[0]); k++)
		if ((v = doc_attr(root, keep[k])) != NULL)
			doc_set_attr(nr, keep[k], v);
	nr->pos = root->pos;
	for (p = 0; p < L->npops; p++) {
		struct lay_op *op = &L->pops[p];

		if (op->kind == LOP_CHART && op->node == last)
			op->node = copy;	/* the next sheet of an org chart */
		else if (op->kind == LOP_CHART) {
			last = op->node;
			op->node = copy = doc_append(nr, S_clone(op->node));
		} else
			op->node = NULL;
	}
	doc_free(root);
	L->root = nr;
	return nr;
}

/* Same anchors, same pages? */
static int
S_same_anchors(const struct lay *L)
{
	size_t i;

	if (L->prev == NULL)
		return 0;
	for (i = 0; i < L->capanch; i++) {
		const struct lay_anchor *a = &L->anch[i], *b;

		if (a->id == NULL)
			continue;
		b = lay_anchor_find(L->prev, L->capprev, a->id);
		if (b == NULL || b->page != a->page)
			return 0;
	}
	return 1;
}

int
pdf_render(struct diag *d, const struct doc_node *root,
    const struct pdf_opts *opts, struct buf *pdf_out,
    struct buf *layout_dump)
{
	static const char *const here[] = { ".", NULL };
	struct pdf_theme defth;
	const struct pdf_theme *th = opts && opts->theme ? opts->theme : NULL;
	struct pdf_fonts *fs = opts ? opts->fonts : NULL, *own = NULL;
	struct lay_fonts lf;
	struct S_ctx ctx;
	struct lay L;
	size_t dump0 = layout_dump ? layout_dump->len : 0;
	struct doc_node *shed = NULL;
	int rc = -1, pass, owned = opts && opts->free_tree;

	if (th == NULL) {
		pdf_theme_default(&defth);
		th = &defth;
	}
	if (fs == NULL && (fs = own = pdf_fonts_open(d, th)) == NULL)
		goto out;
	pdf_fonts_reset(fs);
	fs->chart_errors = 0;
	memset(&ctx, 0, sizeof(ctx));
	ctx.fs = fs;
	ctx.d = d;
	memset(&lf, 0, sizeof(lf));
	lf.ctx = &ctx;
	lf.has = S_has;
	lf.advance = S_advance;
	lf.missing = S_missing;
	lf.blank = S_blank;
	lf.chart_height = S_chart_height;
	lf.org_layout = S_org_layout;
	lf.org_height = S_org_height;
	lf.chart_dump = S_chart_dump;
	lay_init(&L, d, th, &lf, opts && opts->imgdirs ? opts->imgdirs : here);
	L.srcdir = opts ? opts->srcdir : NULL;
	for (pass = 1; pass <= 4; pass++) {
		ctx.pass = pass;
		if (layout_dump)
			layout_dump->len = dump0;
		L.dump = layout_dump;
		if (lay_run(&L, root) == -1 || fs->chart_errors)
			break;
		if (!L.has_pageref || S_same_anchors(&L))
			break;
		/* rb-pageref: lay out again with these page numbers */
		lay_anchors_free(L.prev, L.capprev);
		L.prev = L.anch;
		L.capprev = L.capanch;
		L.anch = NULL;
		L.nanch = L.capanch = 0;
	}
	if (layout_dump && layout_dump->data)
		layout_dump->data[layout_dump->len] = '\0';
	if (L.errors || fs->chart_errors)
		goto done;
	/* the pages hold everything the writer needs */
	lay_vlist_free(&L.main);
	if (opts && opts->free_tree) {
		root = shed = S_shed_tree(&L, (struct doc_node *)root);
		owned = 0;
	}
	if (pdf_out && pdf_write(d, &L, fs, root, opts ? opts->date : -1,
	    opts ? opts->pdfa : 0, opts && opts->untagged, pdf_out) == -1)
		goto done;
	rc = 0;
done:
	lay_free(&L);
out:
	if (owned)
		doc_free((struct doc_node *)root);
	doc_free(shed);
	pdf_fonts_free(own);
	if (th == &defth)
		pdf_theme_free(&defth);
	return rc;
}
