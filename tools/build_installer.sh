#!/usr/bin/env bash
# Builds the program for PCs without Python or network, into dist/ (kept out of git):
#   dist/zhenggai-ledger/                     the PyInstaller one-folder bundle (run dist/zhenggai-ledger/zhenggai-ledger)
#   dist/<appid>_<a.b.c.n>_amd64.deb          the same folder as a .deb in the UOS app-store layout (/opt/apps/<appid>)
# From a clean checkout on Debian/Ubuntu x86_64 with python3 (3.11+), python3-venv, dpkg-deb and binutils:
#   bash tools/build_installer.sh            the fast build on this machine: runs on systems with its glibc or newer
#   bash tools/build_installer.sh --compat   the .deb to hand over: built inside a Debian 11 chroot (glibc 2.31,
#                                            tools/compat_chroot.sh, needs root) with PySide6 6.9, into dist/compat/
# Settings (environment): PYTHON (python3), VENV (build/venv: a venv of its own with `.[build]`), APPID
# (cn.zhenggai.ledger), UOS_STORE=1 (leave out the links into /usr/share: the UOS store links /opt/apps/*/entries
# itself and takes no file outside /opt/apps/<appid>), SKIP_BUNDLE=1 (package the existing dist/zhenggai-ledger),
# DIST (dist) and WORK (build) for the outputs and PyInstaller's work folder.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
started=$(date +%s)
if [ "${1:-}" = "--compat" ]; then
  # The same script, run again inside the chroot with its Python; the checkout is its /src.
  bash tools/compat_chroot.sh prepare
  build=$(git rev-list --count HEAD 2>/dev/null || echo 0)
  bash tools/compat_chroot.sh run env APPID="${APPID:-cn.zhenggai.ledger}" UOS_STORE="${UOS_STORE:-0}" \
    SKIP_BUNDLE="${SKIP_BUNDLE:-0}" BUILD_NUMBER="$build" PYTHON=/opt/python3.11/bin/python3.11 \
    VENV=/opt/zhenggai-venv DIST=dist/compat WORK=build/compat PIP_CONSTRAINT=/src/packaging/compat-constraints.txt \
    bash /src/tools/build_installer.sh
  echo "== --compat: $(($(date +%s) - started)) s in all"
  exit 0
fi
APPID=${APPID:-cn.zhenggai.ledger}
PYTHON=${PYTHON:-python3}
VENV=${VENV:-build/venv}
DIST=${DIST:-dist}
WORK=${WORK:-build}
NAME=zhenggai-ledger
BUNDLE=$DIST/$NAME

for tool in dpkg-deb objdump; do
  command -v "$tool" >/dev/null || { echo "需要 $tool（Debian：apt-get install dpkg binutils）" >&2; exit 1; }
done

if [ "${SKIP_BUNDLE:-0}" != "1" ]; then
  if [ ! -x "$VENV/bin/python" ]; then
    "$PYTHON" -m venv "$VENV"
  fi
  "$VENV/bin/python" -m pip install -q -e ".[build]"
  echo "== PyInstaller: $BUNDLE"
  rm -rf "$BUNDLE" "$WORK/pyinstaller"
  nice "$VENV/bin/pyinstaller" --noconfirm --log-level WARN --distpath "$DIST" --workpath "$WORK/pyinstaller" \
    packaging/$NAME.spec
fi
[ -x "$BUNDLE/$NAME" ] || { echo "没有 $BUNDLE/$NAME：先不带 SKIP_BUNDLE 运行一次" >&2; exit 1; }
# Qt's X11 platform must have found every library it needs on this machine, or the bundle lacks the xcb-util ones.
XCB=$(find "$BUNDLE" -name libqxcb.so | head -1)
if ldd "$XCB" | grep -q "not found"; then
  ldd "$XCB" | grep "not found" >&2
  echo "缺少 Qt 的 X11 库，先安装：apt-get install libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1" \
    "libxcb-render-util0 libxcb-util1 libxkbcommon-x11-0" >&2
  exit 1
fi

# A four-part version as the UOS store wants it: pyproject's a.b.c and the commit count as the build number.
BASE=$(sed -n 's/^version *= *"\([0-9.]*\)".*/\1/p' pyproject.toml | head -1)
IFS=. read -r MAJOR MINOR PATCH _ <<<"$BASE.0.0"
BUILD=${BUILD_NUMBER:-$(git rev-list --count HEAD 2>/dev/null || echo 0)}
VERSION="${MAJOR:-0}.${MINOR:-0}.${PATCH:-0}.$BUILD"

# The newest glibc symbol any bundled binary needs: dpkg refuses the package on an older system, with a sentence,
# instead of the program failing at start.
# Measured here, never written by hand; the files that need that newest version are named in the output.
newest() { grep -o "$1_[0-9][0-9.]*" | sed "s/$1_//" | sort -uV | tail -1; }
ELVES=$(find "$BUNDLE" -type f \( -name '*.so*' -o -name "$NAME" \))
GLIBC=$(tr '\n' '\0' <<<"$ELVES" | xargs -0 objdump -T 2>/dev/null | newest GLIBC)
GLIBCXX=$(tr '\n' '\0' <<<"$ELVES" | xargs -0 objdump -T 2>/dev/null | newest GLIBCXX)
while read -r elf; do
  if objdump -T "$elf" 2>/dev/null | grep -qE "GLIBC_${GLIBC//./\\.}([^0-9.]|\$)"; then echo "   glibc $GLIBC: ${elf#"$BUNDLE"/}"; fi
done <<<"$ELVES" | sort | head -8
echo "   newest libstdc++ symbol: GLIBCXX_${GLIBCXX:-none}"

echo "== .deb: $APPID $VERSION (glibc >= $GLIBC)"
STAGE=$WORK/deb
rm -rf "$STAGE"
APP=$STAGE/opt/apps/$APPID
mkdir -p "$APP/files" "$APP/entries/applications" "$APP/entries/mime/packages" "$STAGE/DEBIAN"
cp -a "$BUNDLE/." "$APP/files/"
EXEC=/opt/apps/$APPID/files/$NAME
fill() { sed -e "s|@APPID@|$APPID|g" -e "s|@VERSION@|$VERSION|g" -e "s|@EXEC@|$EXEC|g" -e "s|@GLIBC@|$GLIBC|g" "$@"; }
fill packaging/$NAME.desktop.in >"$APP/entries/applications/$APPID.desktop"
fill packaging/mime.xml.in >"$APP/entries/mime/packages/$APPID.xml"
fill packaging/deb/info.in >"$APP/info"
for png in packaging/icons/hicolor-*.png; do
  size=$(basename "$png" .png | sed 's/hicolor-//')
  mkdir -p "$APP/entries/icons/hicolor/${size}x${size}/apps"
  cp "$png" "$APP/entries/icons/hicolor/${size}x${size}/apps/$APPID.png"
done
mkdir -p "$APP/entries/icons/hicolor/scalable/apps"
cp packaging/icons/$NAME.svg "$APP/entries/icons/hicolor/scalable/apps/$APPID.svg"

if [ "${UOS_STORE:-0}" != "1" ]; then
  # The desktop's own entry points (menu, icons, file types) as symlinks owned by the package: dpkg removes them
  # with it, and the desktop's dpkg triggers (desktop-file-utils, shared-mime-info, hicolor-icon-theme) refresh
  # their caches, so the package needs no maintainer scripts.
  (cd "$APP/entries" && find applications icons mime -type f) | while read -r rel; do
    mkdir -p "$STAGE/usr/share/$(dirname "$rel")"
    ln -s "/opt/apps/$APPID/entries/$rel" "$STAGE/usr/share/$rel"
  done
fi

find "$STAGE" -type d -exec chmod 755 {} +
find "$STAGE" -type f -exec chmod go-w,a+r {} +
chmod 755 "$APP/files/$NAME"
SIZE_KB=$(du -sk --exclude=DEBIAN "$STAGE" | cut -f1)
fill -e "s|@INSTALLED_SIZE@|$SIZE_KB|g" packaging/deb/control.in >"$STAGE/DEBIAN/control"
(cd "$STAGE" && find opt usr -type f -print0 2>/dev/null | sort -z | xargs -0 md5sum) >"$STAGE/DEBIAN/md5sums"

DEB=$DIST/${APPID}_${VERSION}_amd64.deb
rm -f "$DIST/${APPID}"_*_amd64.deb
nice dpkg-deb --root-owner-group -Zxz --build "$STAGE" "$DEB" >/dev/null
echo "== $DEB  $(du -h "$DEB" | cut -f1)  (bundle $(du -sh "$BUNDLE" | cut -f1), $(($(date +%s) - started)) s)"
cd "$ROOT"
