#!/usr/bin/env bash
# Build the one-folder bundle into dist/FibroMap, check it with its self-test, report its size.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-.venv/bin/python}
# The bundle carries the PostgreSQL driver (pyproject.toml's postgresql extra), which
# `make run`'s environment leaves out.
postgresql=$("$PYTHON" -c 'import tomllib; print(*tomllib.load(open("pyproject.toml", "rb"))
    ["project"]["optional-dependencies"]["postgresql"], sep="\n")')
mapfile -t postgresql <<<"$postgresql"
"$PYTHON" -m pip install --quiet --disable-pip-version-check "pyinstaller>=6.10" "${postgresql[@]}"
rm -rf build/pyinstaller dist/FibroMap
"$PYTHON" -m PyInstaller --noconfirm --log-level WARN --workpath build/pyinstaller \
    --distpath dist packaging/fibromap.spec
# Qt's own words and Babel's data for the languages FibroMap ships (fibromap/i18n); the
# others are dead weight.
shipped=$("$PYTHON" -c 'from fibromap.i18n import SHIPPED; print(*SHIPPED)')
keep_qm=() keep_dat=(-name root.dat)
for language in $shipped; do
    keep_qm+=(! -name "qtbase_$language.qm")
    keep_dat+=(-o -name "$language.dat" -o -name "${language%%_*}.dat")
done
find dist/FibroMap -path '*PySide6/Qt/translations/*' -name '*.qm' "${keep_qm[@]}" -delete 2>/dev/null || true
find dist/FibroMap -path '*babel/locale-data/*' -name '*.dat' ! \( "${keep_dat[@]}" \) -delete 2>/dev/null || true
# A Python built from source keeps its debugging symbols; the wheels' libraries are
# already stripped (and stripping numpy's OpenBLAS breaks it), so strip only Python.
if command -v strip >/dev/null; then
    find dist/FibroMap/_internal -maxdepth 1 -name 'libpython*.so*' -exec strip --strip-unneeded {} +
    find dist/FibroMap/_internal/python3* -name '*.so' -exec strip --strip-unneeded {} + 2>/dev/null || true
fi
if ! compgen -G 'dist/FibroMap/_internal/psycopg_binary/_psycopg.*.so' >/dev/null; then
    echo "build.sh: the bundle lacks the PostgreSQL driver (psycopg)" >&2
    exit 1
fi
# Linux: strip what is safe to strip, drop what nothing needs, trim ICU's data (slim.py says why).
"$PYTHON" packaging/slim.py dist/FibroMap
QT_QPA_PLATFORM=offscreen dist/FibroMap/fibromap --self-test
version=$(dist/FibroMap/fibromap --version | awk '{print $2}')
archive="dist/FibroMap-$version-linux-$(uname -m).tar.gz"
tar -czf "$archive" -C dist FibroMap
echo "Bundle: $(du -sh dist/FibroMap | cut -f1) unpacked in dist/FibroMap; $(du -h "$archive" | cut -f1) as $archive"
