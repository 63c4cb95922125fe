#!/usr/bin/env bash
# An old-glibc build machine inside a folder: Debian 11 "bullseye" (glibc 2.31) by debootstrap, with CPython 3.11
# built from Debian's own source. tools/build_installer.sh --compat builds the bundle and the .deb in it, so they
# need no glibc newer than what they were linked against here (measured into the .deb's Depends).
#   bash tools/compat_chroot.sh prepare          # once: debootstrap + Python (cached in build/chroot-bullseye)
#   bash tools/compat_chroot.sh run CMD [ARG…]   # CMD inside it, the checkout at /src, host's X sockets at /tmp/.X11-unix
# Needs root (debootstrap, chroot, mounts), debootstrap and network to deb.debian.org (and PyPI for the build).
# Settings (environment): CHROOT (build/chroot-bullseye), MIRROR (http://deb.debian.org/debian).
# The mounts live in a mount namespace of the command's own (unshare): nothing stays mounted when it ends.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
CHROOT=${CHROOT:-$ROOT/build/chroot-bullseye}
MIRROR=${MIRROR:-http://deb.debian.org/debian}
PY=/opt/python3.11
# Debian 12's python3.11 and sqlite3 sources (in the pool; bookworm's Sources index gives these checksums).
PY_ORIG=python3.11_3.11.2.orig.tar.gz
PY_SHA256=2411c74bda5bbcfcddaf4531f66d1adc73f247f529aee981b029513aefdbf849
SQLITE_ORIG=sqlite3_3.40.1.orig.tar.xz
SQLITE_SHA256=aaa776260ab4dc976db34aa7891819484c8676b5b2783123ebc6301e2ca5d655

# What the build needs (a compiler and the -dev libraries of Python's extension modules, objdump, dpkg-deb) and
# tclsh for SQLite's amalgamation; what Qt's X11 platform loads when the bundle and the build venv run here (PyInstaller bundles the xcb-util ones),
# libraries every desktop has that the .deb declares, a CJK font, and the triggers a desktop has (menu and file types) for `dpkg -i`.
PACKAGES=(
  gcc make libc6-dev libssl-dev libsqlite3-dev libffi-dev libbz2-dev liblzma-dev zlib1g-dev uuid-dev
  xz-utils ca-certificates binutils dpkg-dev tcl
  libfontconfig1 libfreetype6 libxkbcommon0 libxkbcommon-x11-0 libglib2.0-0 libdbus-1-3 libgl1 libegl1
  libx11-xcb1 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0 libxcb-util1
  libxcb-randr0 libxcb-shape0 libxcb-xfixes0 libxcb-xkb1 libxcb-sync1 libxcb-shm0 libxcb-glx0 libxcb-render0
  libharfbuzz0b fonts-noto-cjk desktop-file-utils shared-mime-info
)

need_root() {
  [ "$(id -u)" = "0" ] || { echo "需要 root（debootstrap、chroot 和挂载）" >&2; exit 1; }
}

run() {
  need_root
  [ -x "$CHROOT/bin/sh" ] || { echo "没有 $CHROOT：先运行 bash tools/compat_chroot.sh prepare" >&2; exit 1; }
  mkdir -p "$CHROOT/src" "$CHROOT/tmp/.X11-unix"
  # The host's name servers and the certificate authorities it trusts (a company proxy's too) reach PyPI from here.
  cp -L /etc/resolv.conf "$CHROOT/etc/resolv.conf" 2>/dev/null || true
  cp -L /etc/ssl/certs/ca-certificates.crt "$CHROOT/etc/ssl/certs/ca-certificates.crt" 2>/dev/null || true
  unshare --mount --propagation private -- bash -euc '
    c=$1; root=$2; shift 2
    mount --rbind /dev "$c/dev"
    mount -t proc proc "$c/proc"
    mount --bind "$root" "$c/src"
    [ -d /tmp/.X11-unix ] && mount --bind /tmp/.X11-unix "$c/tmp/.X11-unix"
    exec chroot "$c" /usr/bin/env -u PYTHONPATH -u VIRTUAL_ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 "$@"
  ' bash "$CHROOT" "$ROOT" "$@"
}

fetch() { # folder, pool path, file, sha256
  [ -f "$1/$3" ] || curl -sSfL -o "$1/$3" "$MIRROR/pool/main/$2/$3"
  echo "$4  $1/$3" | sha256sum -c --quiet
}

prepare() {
  need_root
  command -v debootstrap >/dev/null || { echo "需要 debootstrap（apt-get install debootstrap）" >&2; exit 1; }
  local started
  started=$(date +%s)
  if [ ! -e "$CHROOT/.debootstrap-done" ]; then
    echo "== debootstrap bullseye → $CHROOT"
    rm -rf "$CHROOT"
    mkdir -p "$(dirname "$CHROOT")"
    nice debootstrap --variant=minbase --include="$(
      IFS=,
      echo "${PACKAGES[*]}"
    )" bullseye "$CHROOT" "$MIRROR" >"$CHROOT.log" 2>&1 || {
      tail -20 "$CHROOT.log" >&2
      exit 1
    }
    touch "$CHROOT/.debootstrap-done"
  fi
  # Packages added to the list after the chroot was made (debootstrap leaves bullseye's package lists).
  [ "$(run dpkg-query -W -f='${Status}\n' "${PACKAGES[@]}" 2>/dev/null | grep -c ' installed$')" = "${#PACKAGES[@]}" ] ||
    run apt-get install -y -q --no-install-recommends "${PACKAGES[@]}" >"$CHROOT.apt.log" 2>&1
  # SQLite and CPython, rebuilt whenever their recipe changes.
  local recipe
  recipe=$(cat tools/compat_python.sh packaging/compat/old-glibc.h | sha256sum | cut -c1-16)
  if [ "$(cat "$CHROOT$PY/.recipe" 2>/dev/null)" != "$recipe" ]; then
    echo "== SQLite and CPython 3.11 from Debian's sources → $PY (in the chroot; minutes)"
    mkdir -p "$CHROOT/build"
    fetch "$CHROOT/build" p/python3.11 $PY_ORIG $PY_SHA256
    fetch "$CHROOT/build" s/sqlite3 $SQLITE_ORIG $SQLITE_SHA256
    rm -rf "${CHROOT:?}$PY" "$CHROOT/opt/zhenggai-venv" # the build venv belongs to the old Python
    run bash /src/tools/compat_python.sh || {
      tail -30 "$CHROOT"/build/*.log >&2
      exit 1
    }
    echo "$recipe" >"$CHROOT$PY/.recipe"
  fi
  echo "== chroot ready: $(run ldd --version | head -1) · $(run $PY/bin/python3.11 --version) ($(($(date +%s) - started)) s)"
}

case "${1:-}" in
  prepare) prepare ;;
  run)
    shift
    run "$@"
    ;;
  *)
    echo "用法：bash tools/compat_chroot.sh prepare | run 命令 [参数…]" >&2
    exit 2
    ;;
esac
