#!/bin/sh
# Shrinks the PDF's two Noto Sans subsets in assets/fonts/ in place, keeping every character they map.
# We do no shaping (one character, one glyph), so the layout tables (GSUB, GPOS, GDEF) and the glyphs only
# they reach go, as do hinting and glyph names; the name table stays whole (copyright and licence).
# Needs fontTools (Debian: apt-get install python3-fonttools; PYTHON=/usr/bin/python3 when another python3
# comes first on the PATH). Run again after replacing a font file.
set -eu
cd "$(dirname "$0")/../assets/fonts"
for font in NotoSans-Regular-latin.ttf; do
  "${PYTHON:-python3}" -m fontTools.subset "$font" --output-file="$font.tmp" \
    --unicodes='*' --layout-features='' --no-layout-closure --drop-tables+=GSUB,GPOS,GDEF,gasp \
    --no-hinting --name-IDs='*' --name-languages='*' --notdef-outline --no-glyph-names --recalc-bounds
  mv "$font.tmp" "$font"
done
