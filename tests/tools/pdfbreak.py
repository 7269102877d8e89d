#!/usr/bin/python3
"""tests/tools/pdfbreak.py — the broken copies tests/check-readers.sh
shows its checks failing on (pikepdf, python3-pikepdf).

    pdfbreak.py MODE IN.pdf OUT.pdf

MODE:
  tounicode     the first Han character's entry in the first font's
                ToUnicode CMap maps its glyph to U+5E3D 帽 (rolebook's sample never writes it)
                instead of its own character: every reader reads 帽
                there, so the readers still agree with one another.
  drop-text     the tenth text-showing operator (Tj, TJ) of page 1 is
                removed: a run of text no reader can find.
  no-tounicode  the first font loses its ToUnicode CMap: each reader
                falls back its own way (CIDs as code points, U+FFFD, …).
  bad-xref      startxref points 7 bytes off: every reader has to
                repair the file, and says so.
Prints what it changed.
"""
import re
import sys

import pikepdf


def first_font(pdf):
    fonts = pdf.pages[0].Resources.Font
    name = sorted(fonts.keys())[0]
    return name, fonts[name]


def main(mode, src, dst):
    if mode == 'bad-xref':
        data = open(src, 'rb').read()
        m = list(re.finditer(rb'startxref\s+(\d+)', data))[-1]
        off = int(m.group(1)) + 7
        data = data[:m.start(1)] + str(off).encode() + data[m.end(1):]
        open(dst, 'wb').write(data)
        print(f"startxref {int(m.group(1))} -> {off}")
        return 0
    pdf = pikepdf.open(src)
    if mode == 'tounicode':
        name, f = first_font(pdf)
        cmap = f.ToUnicode.read_bytes().decode('latin-1')
        ents = re.findall(r'<([0-9A-F]{4})> <([0-9A-F]{4})>', cmap)
        han = [e for e in ents if 0x4E00 <= int(e[1], 16) <= 0x9FFF]
        cid, cp = (han or ents)[0]		# the first Han character
        cmap = cmap.replace(f"<{cid}> <{cp}>", f"<{cid}> <5E3D>")
        f.ToUnicode = pdf.make_stream(cmap.encode('latin-1'))
        print(f"{name} CID {cid}: U+{cp} {chr(int(cp, 16))} -> U+5E3D 帽")
    elif mode == 'drop-text':
        page = pdf.pages[0]
        ops = pikepdf.parse_content_stream(page)
        shows = [i for i, (_, op) in enumerate(ops)
                 if str(op) in ('Tj', 'TJ')]
        i = shows[min(9, len(shows) - 1)]
        del ops[i]
        page.Contents = pdf.make_stream(pikepdf.unparse_content_stream(ops))
        print(f"page 1: text operator {i} of {len(ops) + 1} removed")
    elif mode == 'no-tounicode':
        name, f = first_font(pdf)
        del f['/ToUnicode']
        print(f"{name}: ToUnicode removed")
    else:
        print(__doc__, file=sys.stderr)
        return 2
    pdf.save(dst)
    return 0


if __name__ == '__main__':
    if len(sys.argv) != 4:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(*sys.argv[1:]))
