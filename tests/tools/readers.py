#!/usr/bin/python3
"""tests/tools/readers.py — poppler, MuPDF and Ghostscript read the same
text from a PDF (tests/check-readers.sh, docs/accessibility.md).

    readers.py [--dump FILE.layout] PDF [OTHER.pdf ...]

The readers: `pdftotext` (poppler), `mutool draw -N -q -F txt` (MuPDF;
-N: no colour management, whose absence from Debian's build MuPDF
otherwise reports as "warning: ICC support is not available" whatever
the file), `gs -sDEVICE=txtwrite` (Ghostscript, one file a page), and
`pdfinfo` and `qpdf --check` for the file's structure.  For PDF:

  clean    every reader exits 0 and prints nothing on standard error
           (qpdf: nothing but its "no syntax or stream encoding errors"
           verdict); the three text readers find the same page count.
  agree    on every page the three texts hold the same characters: the
           sorted multiset of the page's non-white-space characters.
           Not the sequence: each reader orders a page's blocks its own
           way (poppler by position, so the running header comes first;
           MuPDF in content order, header last; Ghostscript by its own
           grouping of table cells), and spaces are theirs to infer.
  layout   with --dump (the RB_LAYOUT_DUMP file rolebook wrote with the
           PDF): every text the layout placed on page N (each `line`,
           org chart `node` and `path` string, a list item's first line
           after its marker, `1.` or `•`; the dump's \\q \\c \\e \\h marks
           removed) appears in each
           reader's page N, white space removed, as one contiguous run:
           the characters of a line, in their order.  The readers agree
           with one another even when the file is wrong for all of them
           (one ToUnicode entry mapping a glyph to another character);
           the layout is the text rolebook meant to write.
  hyphens  poppler takes an ASCII '-' that ends a line for a word
           hyphenated there and drops it, joining the lines (pdftotext
           has no option against it; a real job description breaks
           '各类政策受控-货源受控' after the '-', and a duty that is just
           '-' is a line of its own); so poppler may lack as many '-' on
           a page as MuPDF's text of it has lines ending in '-', and a
           laid-out line ending in '-' is read by poppler without it.
           The character is in the file (MuPDF, Ghostscript and the
           structure text read it).
  same     each OTHER (the same document written --no-pdf-tags or
           --pdf-a) is clean and agrees, and each reader finds in it the
           same text as in PDF, page by page, white space removed: the
           same sequence for poppler and MuPDF, the same multiset for
           Ghostscript (whose txtwrite groups a line's fragments
           differently when the fragments are marked content: the
           sample report's team-bonus lines come out in another order
           though every glyph is at the same place).

Prints one line a problem ("FILE: check: what"), at most 8 a check, and
exits 1 if there is any; else one "ok FILE: N pages, N characters" line
a file.
"""
import collections
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile

WS = re.compile(r'\s+')
QUOTED = re.compile(r'"((?:[^"\\]|\\.)*)"')
ATTR = re.compile(r'\b[a-z]+="(?:[^"\\]|\\.)*"')
MARK = re.compile(r'\\[qceh]')
MARKER = re.compile(r'\bmarker="((?:[^"\\]|\\.)*)"')
problems = []
hyph = {}       # file: MuPDF's lines ending in '-', page by page
shown = collections.Counter()


def bad(f, check, what):
    problems.append(f)
    shown[(f, check)] += 1
    if shown[(f, check)] <= 8:
        print(f"{f}: {check}: {what}")


def run(f, argv, quiet_ok=None):
    """Runs a reader; a non-zero exit or anything on stderr is a
    problem.  Returns its standard output."""
    p = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    err = p.stderr.decode('utf-8', 'replace').strip()
    if p.returncode != 0 or err:
        bad(f, 'clean', f"{argv[0]} exit {p.returncode}: "
            f"{err.splitlines()[0] if err else ''}")
    return p.stdout.decode('utf-8', 'replace')


def read(f, t):
    """The three readers' pages of f, each a list of page texts."""
    run(f, ['pdfinfo', f])
    p = subprocess.run(['qpdf', '--check', f], stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT)
    out = p.stdout.decode('utf-8', 'replace')
    verdict = 'No syntax or stream encoding errors found'
    if p.returncode != 0 or verdict not in out or \
            re.search(r'(?i)warning|error', out.split(verdict)[0]):
        bad(f, 'clean', 'qpdf --check: ' + ' '.join(out.split())[:200])
    run(f, ['pdftotext', '-enc', 'UTF-8', f, t + '/p.txt'])
    run(f, ['mutool', 'draw', '-N', '-q', '-F', 'txt', '-o', t + '/m.txt',
            f])
    run(f, ['gs', '-sDEVICE=txtwrite', '-dBATCH', '-dNOPAUSE', '-dSAFER',
            '-q', '-sOutputFile=' + t + '/g%05d.txt', f])
    pages = {}
    for name, path in (('poppler', 'p.txt'), ('mupdf', 'm.txt')):
        try:
            with open(t + '/' + path, encoding='utf-8',
                      errors='replace') as fp:
                # each page ends with a form feed
                pages[name] = fp.read().split('\f')[:-1]
        except OSError:
            pages[name] = []
    pages['gs'] = []
    for g in sorted(glob.glob(t + '/g*.txt')):
        with open(g, encoding='utf-8', errors='replace') as fp:
            pages['gs'].append(fp.read())
    for g in glob.glob(t + '/*.txt'):
        os.unlink(g)
    n = {k: len(v) for k, v in pages.items()}
    if len(set(n.values())) != 1:
        bad(f, 'clean', f"page counts differ: {n}")
    # per page, MuPDF's lines ending in '-' (see hyphens)
    hyph[f] = [sum(1 for ln in p.splitlines() if ln.rstrip().endswith('-'))
               for p in pages['mupdf']]
    return {k: [WS.sub('', p) for p in v] for k, v in pages.items()}


def agree(f, pages):
    n = min(len(v) for v in pages.values())
    for i in range(n):
        c = {k: collections.Counter(v[i]) for k, v in pages.items()}
        if c['poppler'] == c['mupdf'] == c['gs']:
            continue
        h = hyph[f][i] if i < len(hyph[f]) else 0
        for k in ('mupdf', 'gs'):
            # poppler's dropped line-end hyphens (see hyphens)
            if not c['poppler'] - c[k] and set(c[k] - c['poppler']) == {'-'} \
                    and (c[k] - c['poppler'])['-'] <= h:
                continue
            if c[k] != c['poppler']:
                only_p = ''.join(sorted((c['poppler'] - c[k]).elements()))
                only_k = ''.join(sorted((c[k] - c['poppler']).elements()))
                bad(f, 'agree', f"page {i + 1}: poppler has "
                    f"'{only_p[:40]}' where {k} has '{only_k[:40]}'")


def dump_pages(path):
    pages, cur = [], None
    with open(path, encoding='utf-8') as fp:
        for ln in fp:
            s = ln.strip()
            if re.fullmatch(r'page \d+', s):
                cur = []
                pages.append(cur)
            elif cur is not None and re.match(r'(line|node|path)\b', s):
                # a list item's marker (marker="•", "1."): read just
                # before its first line
                m = MARKER.search(s)
                s = ATTR.sub('', s)
                for q in QUOTED.findall(s):
                    q = MARK.sub('', q).replace('\\"', '"')
                    q = WS.sub('', q.replace('\\\\', '\\'))
                    if m:
                        q = WS.sub('', m.group(1)) + q
                        m = None
                    if q:
                        cur.append(q)
    return pages


def layout(f, pages, dump):
    want = dump_pages(dump)
    if len(want) != len(pages['poppler']):
        bad(f, 'layout', f"{len(want)} pages laid out, "
            f"{len(pages['poppler'])} read")
    for i, lines in enumerate(want):
        for k, v in pages.items():
            if i >= len(v):
                continue
            for s in lines:
                if s not in v[i] and not (k == 'poppler' and s.endswith('-')
                                          and s[:-1] in v[i]):
                    bad(f, 'layout', f"page {i + 1}: {k} does not read "
                        f"'{s[:40]}'")


def main(argv):
    dump, files = None, argv[1:]
    if len(files) > 1 and files[0] == '--dump':
        dump, files = files[1], files[2:]
    if not files:
        print(__doc__.split('\n\n')[1], file=sys.stderr)
        return 2
    t = tempfile.mkdtemp(prefix='readers.')
    try:
        ref = None
        for f in files:
            before = len(problems)
            pages = read(f, t)
            agree(f, pages)
            if ref is None:
                ref = pages
                if dump:
                    layout(f, pages, dump)
            else:
                for k in ('poppler', 'mupdf', 'gs'):
                    a, b = ref[k], pages[k]
                    if len(a) != len(b):
                        bad(f, 'same', f"{k}: {len(b)} pages, "
                            f"{len(a)} in {files[0]}")
                    for i in range(min(len(a), len(b))):
                        if (a[i] != b[i] if k != 'gs' else
                                sorted(a[i]) != sorted(b[i])):
                            bad(f, 'same', f"{k}: page {i + 1} differs "
                                f"from {files[0]}'s")
            if len(problems) == before:
                print(f"ok {f}: {len(pages['poppler'])} pages, "
                      f"{sum(len(p) for p in pages['poppler'])} characters")
    finally:
        shutil.rmtree(t)
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
