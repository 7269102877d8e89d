#!/usr/bin/python3
# tests/tools/tagcheck.py — checks that a PDF of rolebook is tagged and
# says what it needs to (docs/accessibility.md), read with pikepdf
# (Debian python3-pikepdf), independently of rolebook's writer:
#
#   tagcheck.py [--lang zh-CN] [--need H1,Table,...] FILE.pdf...
#
# For each file: /MarkInfo /Marked true, a StructTreeRoot whose tree
# starts with Document, /Lang, /ViewerPreferences /DisplayDocTitle true
# with a /Title, a trailer /ID of two 16-byte strings; every Figure has a
# non-empty /Alt; every TH has a /Scope; every Link annotation has
# /Contents and a /StructParent whose element is a Link holding an OBJR to
# it; every marked-content sequence with an MCID on a page is in the
# ParentTree under the element that lists that MCID among its kids, no
# MCID twice on a page, and every MCID an element lists is marked on its
# page (that one was said here but not checked until the 1,000-role
# check); nothing is painted (text, paths, images) outside both an MCID's
# sequence and an /Artifact; no element is empty but a table cell; the
# types given with --need occur;
# grouping elements hold what ISO 32000-1 14.8.4.3 allows them (nesting()):
# an LI one LBody after at most one Lbl, a Table rows of TH/TD with TH and
# its column headers only in its first rows, every row covering as many
# columns (counting /ColSpan and /RowSpan: an empty cell is a cell too).
# Prints "ok FILE (N elements ...)" or "FAIL FILE: why" lines; exits 1 on
# any failure.
import sys
import pikepdf
from pikepdf import Name

def fail(f, why):
    print(f"FAIL {f}: {why}")
    return 1

def walk(se, out, depth=0):
    """Structure elements in document order: (type, element)."""
    if depth > 300:
        raise ValueError("structure deeper than 300")
    out.append((str(se.get('/S')), se))
    k = se.get('/K')
    if k is None:
        return
    kids = list(k) if isinstance(k, pikepdf.Array) else [k]
    for c in kids:
        if isinstance(c, pikepdf.Dictionary) and c.get('/Type') is None and '/S' in c:
            walk(c, out, depth + 1)
        elif isinstance(c, pikepdf.Dictionary) and c.get('/Type') == Name.StructElem:
            walk(c, out, depth + 1)

def kids_of(se):
    k = se.get('/K')
    if k is None:
        return []
    return list(k) if isinstance(k, pikepdf.Array) else [k]

# Operators that put something on the page: text, paths painted, images,
# shadings (not "n", which ends a path unpainted, e.g. a clip).
PAINT = {'Tj', 'TJ', "'", '"', 'S', 's', 'f', 'F', 'f*', 'B', 'B*', 'b', 'b*',
         'Do', 'sh', 'INLINE IMAGE'}
# what page_content() asks qpdf for (half the time of every operator on
# a 1,000-role handbook); BI ID EI come back as one 'INLINE IMAGE'
WANTED = 'BDC BMC EMC ' + ' '.join(sorted(PAINT - {'INLINE IMAGE'})) + ' BI ID EI'

def page_content(page):
    """MCIDs of a page's content, in order, and its painting operators
    neither inside a marked-content sequence with an MCID nor inside an
    /Artifact (PDF/UA-1 7.1: all content is tagged or an artifact): their
    count and the first one's operator."""
    ids, loose, first, stack = [], 0, None, []
    for operands, op in pikepdf.parse_content_stream(page, WANTED):
        op = str(op)
        if op in ('BDC', 'BMC'):
            mcid = None
            if op == 'BDC' and len(operands) == 2 and \
                    isinstance(operands[1], pikepdf.Dictionary) and '/MCID' in operands[1]:
                mcid = int(operands[1].MCID)
                ids.append(mcid)
            stack.append(str(operands[0]) == '/Artifact' or mcid is not None)
        elif op == 'EMC':
            if stack:
                stack.pop()
        elif op in PAINT and not any(stack):
            loose += 1
            first = first or op
    return ids, loose, first

# What each grouping element may hold (ISO 32000-1 14.8.4.3, PDF/UA-1):
# element kids only, of these types.
KIDS = {
    '/L': {'/LI', '/L', '/Caption'},
    '/LI': {'/Lbl', '/LBody'},
    '/Table': {'/TR', '/THead', '/TBody', '/TFoot', '/Caption'},
    '/THead': {'/TR'}, '/TBody': {'/TR'}, '/TFoot': {'/TR'},
    '/TR': {'/TH', '/TD'},
    '/TOC': {'/TOCI', '/TOC'},
}

def elems(se):
    return [c for c in kids_of(se) if isinstance(c, pikepdf.Dictionary) and '/S' in c]

def rows_of(table):
    out = []
    for c in elems(table):
        if str(c.S) == '/TR':
            out.append(c)
        elif str(c.S) in ('/THead', '/TBody', '/TFoot'):
            out.extend(x for x in elems(c) if str(x.S) == '/TR')
    return out

def spans(cell):
    a = cell.get('/A')
    if not isinstance(a, pikepdf.Dictionary):
        return 1, 1
    return int(a.get('/ColSpan', 1)), int(a.get('/RowSpan', 1))

def columns(rows):
    """The columns each row covers, counting /ColSpan and the /RowSpan
    of cells above: in a regular table, the same in every row."""
    occ = [set() for _ in rows]
    for i, r in enumerate(rows):
        col = 0
        for c in elems(r):
            while col in occ[i]:
                col += 1
            cs, rs = spans(c)
            for k in range(i, min(i + rs, len(rows))):
                occ[k].update(range(col, col + cs))
            col += cs
    return [len(o) if o == set(range(len(o))) else -1 for o in occ]

def nesting(f, els):
    """Grouping elements hold what they may; an LI has one LBody (and its
    Lbl first, when it has one); a Table has rows and TH cells, and its
    column headers only in its first rows (a header row repeated on a
    later page is an artifact, not a row again)."""
    bad = 0
    for t, se in els:
        ok = KIDS.get(t)
        if ok is None:
            continue
        ks = kids_of(se)
        got = [str(c.S) for c in elems(se)]
        if len(got) != len(ks) or any(g not in ok for g in got):
            bad |= fail(f, f"{t[1:]} holds {' '.join(g[1:] for g in got) or 'content'}"
                        f"{' and content' if len(got) != len(ks) else ''}")
            continue
        if t == '/LI' and (got.count('/LBody') != 1 or got[-1] != '/LBody'
                           or got.count('/Lbl') > 1):
            bad |= fail(f, f"LI holds {' '.join(g[1:] for g in got)}, not [Lbl] LBody")
        if t == '/Table':
            rows = rows_of(se)
            heads = [all(str(c.S) == '/TH' and str(c.get('/A', {}).get('/Scope', '')) == '/Column'
                         for c in elems(r)) for r in rows]
            if not rows or not any(str(c.S) == '/TH' for r in rows for c in elems(r)):
                bad |= fail(f, "a Table without rows or without TH")
            elif any(h and any(not x for x in heads[:i]) for i, h in enumerate(heads)):
                bad |= fail(f, "a Table with a column header row after a body row")
            elif len(set(columns(rows))) > 1:
                # an empty cell left out, or a span not said: the cells
                # after it read as under the wrong column headers
                bad |= fail(f, "a Table whose rows cover "
                            f"{' '.join(map(str, columns(rows)))} columns, not the same number")
    return bad

def check(f, lang, need):
    pdf = pikepdf.open(f)
    root = pdf.Root
    bad = 0
    mi = root.get('/MarkInfo')
    if mi is None or not bool(mi.get('/Marked', False)):
        return fail(f, "no /MarkInfo /Marked true")
    tree = root.get('/StructTreeRoot')
    if tree is None:
        return fail(f, "no StructTreeRoot")
    if lang and str(root.get('/Lang', '')) != lang:
        bad |= fail(f, f"/Lang is {root.get('/Lang')!r}, want {lang}")
    vp = root.get('/ViewerPreferences')
    if vp is None or not bool(vp.get('/DisplayDocTitle', False)):
        bad |= fail(f, "no /ViewerPreferences /DisplayDocTitle true")
    if not str(pdf.docinfo.get('/Title', '')):
        bad |= fail(f, "no /Title to display")
    tid = pdf.trailer.get('/ID')
    if tid is None or len(tid) != 2 or any(len(bytes(x)) != 16 for x in tid):
        bad |= fail(f, f"trailer /ID {tid!r}")
    tops = kids_of(tree)
    if len(tops) != 1 or str(tops[0].get('/S')) != '/Document':
        return fail(f, "the tree does not start with one Document")
    els = []
    walk(tops[0], els)
    types = {t for t, _ in els}
    for t, se in els:
        if t == '/Figure' and not str(se.get('/Alt', '')).strip():
            bad |= fail(f, "a Figure without /Alt")
        if t == '/TH':
            a = se.get('/A')
            if a is None or '/Scope' not in a:
                bad |= fail(f, "a TH without /Scope")
            elif str(a.Scope) not in ('/Row', '/Column', '/Both'):
                bad |= fail(f, f"a TH with /Scope {a.Scope!r}")
    bad |= nesting(f, els)
    for n in need:
        if '/' + n not in types:
            bad |= fail(f, f"no {n} element (types: {' '.join(sorted(types))})")
    # ParentTree: MCIDs of each page and link annotations
    nums = {}
    def nt(node):
        if '/Nums' in node:
            a = node.Nums
            for i in range(0, len(a), 2):
                nums[int(a[i])] = a[i + 1]
        for k in node.get('/Kids', []):
            nt(k)
    nt(tree.ParentTree)
    nlinks = nmc = 0
    marked = {}     # page: its MCIDs
    for pno, page in enumerate(pdf.pages):
        p = page.obj
        mc, loose, op = page_content(page)
        nmc += len(mc)
        marked[p.objgen] = set(mc)
        if loose:
            bad |= fail(f, f"page {pno + 1}: {loose} painting operators ({op} first) "
                        "neither tagged nor an artifact")
        if len(set(mc)) != len(mc):
            bad |= fail(f, f"page {pno + 1}: an MCID used twice")
        if mc:
            if '/StructParents' not in p:
                bad |= fail(f, f"page {pno + 1} has MCIDs but no /StructParents")
                continue
            arr = nums.get(int(p.StructParents))
            if arr is None or len(arr) < max(mc) + 1:
                bad |= fail(f, f"page {pno + 1}: ParentTree entry missing or short")
                continue
            for m in mc:
                se = arr[m]
                found = False
                for c in kids_of(se):
                    if isinstance(c, int) and int(c) == m and se.get('/Pg') is not None \
                            and se.Pg.objgen == p.objgen:
                        found = True
                    elif isinstance(c, pikepdf.Dictionary) and c.get('/Type') == Name.MCR \
                            and int(c.MCID) == m and c.Pg.objgen == p.objgen:
                        found = True
                if not found:
                    bad |= fail(f, f"page {pno + 1} MCID {m}: its element does not list it")
                    break
        for a in p.get('/Annots', []):
            if a.get('/Subtype') != Name.Link:
                continue
            nlinks += 1
            if not str(a.get('/Contents', '')).strip():
                bad |= fail(f, f"page {pno + 1}: a link without /Contents")
            if '/StructParent' not in a:
                bad |= fail(f, f"page {pno + 1}: a link without /StructParent")
                continue
            se = nums.get(int(a.StructParent))
            if se is None or str(se.get('/S')) != '/Link' or not any(
                    isinstance(c, pikepdf.Dictionary) and c.get('/Type') == Name.OBJR
                    and c.Obj.objgen == a.objgen for c in kids_of(se)):
                bad |= fail(f, f"page {pno + 1}: a link whose element is not a Link with its OBJR")
    # every MCID an element lists is marked on its page; no element is
    # empty but a table cell (an empty cell is a TD without kids)
    for t, se in els:
        ks = kids_of(se)
        if not ks and t not in ('/TD', '/TH'):
            bad |= fail(f, f"an empty {t[1:]} (no kids)")
        for c in ks:
            if isinstance(c, int):
                pg = se.get('/Pg')
            elif isinstance(c, pikepdf.Dictionary) and c.get('/Type') == Name.MCR:
                pg = c.get('/Pg', se.get('/Pg'))
                c = c.MCID
            else:
                continue
            if pg is None or int(c) not in marked.get(pg.objgen, ()):
                bad |= fail(f, f"{t[1:]} lists MCID {int(c)}, not marked on its page")
                break
    if not bad:
        print(f"ok {f} ({len(els)} elements, {nmc} marked sequences, {nlinks} links; "
              f"{' '.join(sorted(t[1:] for t in types))})")
    return bad

def main(argv):
    lang, need, files = 'zh-CN', [], []
    i = 0
    while i < len(argv):
        if argv[i] == '--lang':
            lang = argv[i + 1]; i += 2
        elif argv[i] == '--need':
            need = [x for x in argv[i + 1].split(',') if x]; i += 2
        else:
            files.append(argv[i]); i += 1
    bad = 0
    for f in files:
        try:
            bad |= check(f, lang, need)
        except Exception as e:  # a broken file is a failure, not a crash
            bad |= fail(f, f"{type(e).__name__}: {e}")
    return 1 if bad else 0

if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
