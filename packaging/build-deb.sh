#!/usr/bin/env bash
# Build the Debian package of the bundle: dist/fibromap_<version>_<arch>.deb, to install
# with `apt install ./dist/fibromap_<version>_<arch>.deb`. It reuses dist/FibroMap when
# packaging/build.sh has made it (and makes it otherwise).
#
#   /usr/lib/fibromap/               the bundle; /usr/bin/fibromap points to its launcher
#   /usr/share/applications/         the menu entry (resources/desktop/)
#   /usr/share/icons/hicolor/        the icons, every size and the SVG
#   /usr/share/metainfo/             the AppStream metadata (the software centres' page)
#   /usr/share/man/man1/fibromap.1.gz  the manual page, written from the command's parser
#   /usr/share/doc/fibromap/         copyright, changelog, and the bundled libraries' copyrights
#
# Depends: the system libraries the bundle needs and does not carry (packaging/deb_depends.py).
# No maintainer scripts: the menu, icon and AppStream caches are refreshed by the triggers
# of the packages that own them, so `apt purge` leaves nothing behind.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-.venv/bin/python}
APP_ID=org.fibromap.FibroMap
bundle=dist/FibroMap
for tool in dpkg-deb dpkg-query objdump; do
    if ! command -v "$tool" >/dev/null; then
        echo "build-deb.sh needs $tool: apt-get install dpkg binutils" >&2
        exit 1
    fi
done
[ -x "$bundle/fibromap" ] || bash packaging/build.sh

version=$("$bundle/fibromap" --version | awk '{print $2}')
logged=$(sed -n '1s/^fibromap (\([^)]*\)).*/\1/p' packaging/debian/changelog)
if [ "$version" != "$logged" ]; then
    echo "build-deb.sh: the bundle is FibroMap $version but packaging/debian/changelog's" \
         "latest entry is $logged; add an entry for $version" >&2
    exit 1
fi
arch=$(dpkg --print-architecture)
stage=build/deb
root=$stage/fibromap_${version}_$arch
rm -rf "$stage"
mkdir -p "$root/DEBIAN" "$root/usr/lib" "$root/usr/bin" "$root/usr/share/applications" \
    "$root/usr/share/metainfo" "$root/usr/share/man/man1" "$root/usr/share/doc/fibromap/bundled" \
    "$root/usr/share/lintian/overrides"

cp -a "$bundle" "$root/usr/lib/fibromap"
# The bundle's self-test ran its database migrations, which Python compiled beside them;
# an installed package carries no byte code of its own making (Python compiles on use).
find "$root/usr/lib/fibromap" -name __pycache__ -type d -prune -exec rm -rf {} +
ln -s ../lib/fibromap/fibromap "$root/usr/bin/fibromap"
# The menu starts the command on the PATH.
sed 's/^Exec=fibromap-gui/Exec=fibromap/' "resources/desktop/$APP_ID.desktop" \
    > "$root/usr/share/applications/$APP_ID.desktop"
cp "resources/desktop/$APP_ID.metainfo.xml" "$root/usr/share/metainfo/"
for png in resources/icons/fibromap-*.png; do
    size=${png##*-}; size=${size%.png}
    mkdir -p "$root/usr/share/icons/hicolor/${size}x$size/apps"
    cp "$png" "$root/usr/share/icons/hicolor/${size}x$size/apps/$APP_ID.png"
done
mkdir -p "$root/usr/share/icons/hicolor/scalable/apps"
cp resources/icons/fibromap.svg "$root/usr/share/icons/hicolor/scalable/apps/$APP_ID.svg"

# Checked by the tools the desktops use, where they are installed (CI has them).
if command -v desktop-file-validate >/dev/null; then
    desktop-file-validate "$root/usr/share/applications/$APP_ID.desktop"
fi
if command -v appstreamcli >/dev/null; then
    appstreamcli validate --no-net "$root/usr/share/metainfo/$APP_ID.metainfo.xml"
fi

# The manual page, dated by the changelog's latest entry (the same bytes on every build).
SOURCE_DATE_EPOCH=$(date -d "$(sed -n 's/^ -- .*>  //p' packaging/debian/changelog | head -n 1)" +%s)
export SOURCE_DATE_EPOCH
"$PYTHON" packaging/make_manpage.py "$stage/fibromap.1"
gzip -9n < "$stage/fibromap.1" > "$root/usr/share/man/man1/fibromap.1.gz"
cp packaging/debian/copyright "$root/usr/share/doc/fibromap/"
gzip -9n < packaging/debian/changelog > "$root/usr/share/doc/fibromap/changelog.gz"
cp packaging/debian/lintian-overrides "$root/usr/share/lintian/overrides/fibromap"

# Each library the bundle copied from a Debian package: which, and that package's copyright.
: > "$stage/libraries"
libraries=$(find "$root/usr/lib/fibromap/_internal" -maxdepth 1 -name 'lib*.so*' -printf '%f\n' | sort)
# Those from the wheels (Qt, OpenBLAS) are no package's: dpkg-query says so and fails.
# shellcheck disable=SC2086 # one pattern a library
{ dpkg-query -S $libraries 2>/dev/null || true; } | while IFS= read -r line; do
    package=${line%%:*}; package=${package%%,*}; path=${line#*: }
    name=${path##*/}
    if grep -qxF "$name" <<<"$libraries" && ! grep -q "^$name " "$stage/libraries"; then
        echo "$name $package $(dpkg-query -W -f='${Version}' "$package" 2>/dev/null | head -n 1)" \
            >> "$stage/libraries"
        if [ -f "/usr/share/doc/$package/copyright" ]; then
            cp "/usr/share/doc/$package/copyright" "$root/usr/share/doc/fibromap/bundled/$package"
        fi
    fi
done
sort "$stage/libraries" > "$root/usr/share/doc/fibromap/bundled/LIBRARIES"

# Folders emptied by build.sh (Qt's translations) are left out.
find "$root/usr" -type d -empty -delete
# Debian's permissions: folders and programs 755, everything else (the libraries too) 644.
find "$root" -type d -exec chmod 755 {} +
find "$root" -type f -exec chmod 644 {} +
chmod 755 "$root/usr/lib/fibromap/fibromap"

depends=$(python3 packaging/deb_depends.py "$root/usr/lib/fibromap")
size=$(du -sk --apparent-size --exclude=DEBIAN "$root" | cut -f1)
sed -e "s/@VERSION@/$version/" -e "s/@ARCH@/$arch/" -e "s/@SIZE@/$size/" -e "s/@DEPENDS@/$depends/" \
    packaging/debian/control.in > "$root/DEBIAN/control"
(cd "$root" && find . -type f ! -path './DEBIAN/*' -printf '%P\0' | sort -z | xargs -0 md5sum) \
    > "$root/DEBIAN/md5sums"
chmod 644 "$root/DEBIAN/control" "$root/DEBIAN/md5sums"

deb=dist/fibromap_${version}_$arch.deb
# xz at its fastest level: 11 s and 86 MB for the 250 MB bundle, where its default level
# takes six minutes for 74 MB (zstd is as fast, but lintian holds it against the package).
dpkg-deb --root-owner-group -Zxz -z0 --build "$root" "$deb" >/dev/null
echo "Debian package: $(du -h "$deb" | cut -f1) as $deb (Depends: $depends)"
