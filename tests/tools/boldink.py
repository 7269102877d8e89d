#!/usr/bin/env python3
"""boldink.py PDF PAGE BOLD REGULAR -- the bold-to-regular ink ratio of one
page as poppler (pdftoppm), MuPDF (mutool draw) and Ghostscript render it.
tests/check-bold.sh runs it.

BOLD and REGULAR are comma-separated lists of words of the page (as
pdftotext -bbox splits them); every occurrence counts.  REGULAR "-" means
the words of BOLD again: each must then be on the page twice, first
regular, then bold.  Ink is the sum of (255 - grey) over each word's box
at 150 dpi, per word-box area, so the ratio says how much darker the bold
words are than the regular ones.  Prints one line per renderer,
"name ratio", and each line a renderer printed (its warnings) as
"warning: name: line".  Exit 2 when a word is not on the page or a
renderer fails.
"""
import html
import os
import re
import subprocess
import sys
import tempfile

DPI = 150


def pgm(path):
    with open(path, 'rb') as f:
        data = f.read()
    # P5 header: magic, width, height, maxval, then one whitespace
    m = re.match(rb'P5\s+(?:#[^\n]*\n\s*)*(\d+)\s+(\d+)\s+(\d+)\s', data)
    if not m:
        sys.exit('boldink: %s: not a binary PGM' % path)
    w, h, mx = int(m.group(1)), int(m.group(2)), int(m.group(3))
    if mx != 255:
        sys.exit('boldink: %s: maxval %d' % (path, mx))
    return w, h, data[m.end():m.end() + w * h]


def boxes(pdf, page, words, nth=None):
    """The boxes of words on the page (all occurrences, or the nth)."""
    out = subprocess.run(['pdftotext', '-bbox', '-f', str(page), '-l',
                          str(page), pdf, '-'], capture_output=True,
                         check=True).stdout.decode()
    found = {}
    for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" '
                         r'xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
                         out):
        t = html.unescape(m.group(5))
        if t in words:
            found.setdefault(t, []).append(
                tuple(float(m.group(i)) for i in range(1, 5)))
    for wd in words:
        if wd not in found or (nth is not None and len(found[wd]) != 2):
            sys.exit('boldink: word %r not on page %d of %s%s' %
                     (wd, page, pdf, '' if nth is None else ' twice'))
    if nth is not None:
        return [found[wd][nth] for wd in words]
    return [b for wd in words for b in found[wd]]


def ink(img, bs):
    w, h, px = img
    total = area = 0
    for x0, y0, x1, y1 in bs:
        c0, c1 = int(x0 * DPI / 72), int(x1 * DPI / 72 + 0.999)
        r0, r1 = int(y0 * DPI / 72), int(y1 * DPI / 72 + 0.999)
        for r in range(max(r0, 0), min(r1, h)):
            row = px[r * w + max(c0, 0):r * w + min(c1, w)]
            total += len(row) * 255 - sum(row)
            area += len(row)
    return total / area if area else 0.0


def main():
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    pdf, page = sys.argv[1], int(sys.argv[2])
    if sys.argv[4] == '-':
        bold = boxes(pdf, page, sys.argv[3].split(','), 1)
        reg = boxes(pdf, page, sys.argv[3].split(','), 0)
    else:
        bold = boxes(pdf, page, sys.argv[3].split(','))
        reg = boxes(pdf, page, sys.argv[4].split(','))
    tmp = tempfile.mkdtemp(prefix='boldink-')
    p = str(page)
    runs = [
        ('poppler', ['pdftoppm', '-r', str(DPI), '-gray', '-f', p, '-l', p,
                     '-singlefile', pdf, tmp + '/poppler'],
         tmp + '/poppler.pgm'),
        ('mupdf', ['mutool', 'draw', '-q', '-r', str(DPI), '-c', 'gray',
                   '-o', tmp + '/mupdf.pgm', pdf, p], tmp + '/mupdf.pgm'),
        ('ghostscript', ['gs', '-q', '-dNOPAUSE', '-dBATCH', '-dSAFER',
                         '-sDEVICE=pgmraw', '-r%d' % DPI,
                         '-dTextAlphaBits=4', '-dGraphicsAlphaBits=4',
                         '-dFirstPage=' + p, '-dLastPage=' + p,
                         '-sOutputFile=' + tmp + '/gs.pgm', pdf],
         tmp + '/gs.pgm'),
    ]
    status = 0
    for name, cmd, out in runs:
        r = subprocess.run(cmd, capture_output=True)
        for line in r.stderr.decode(errors='replace').splitlines() + \
                r.stdout.decode(errors='replace').splitlines():
            # Debian's mutool is built without lcms2: says so on every run
            if line.strip() and 'ICC support is not available' not in line:
                print('warning: %s: %s' % (name, line))
        if r.returncode != 0 or not os.path.exists(out):
            print('%s failed (exit %d)' % (name, r.returncode))
            status = 2
            continue
        img = pgm(out)
        b, g = ink(img, bold), ink(img, reg)
        print('%s %.3f' % (name, b / g if g else 0.0))
        os.unlink(out)
    os.rmdir(tmp)
    return status


if __name__ == '__main__':
    sys.exit(main())
