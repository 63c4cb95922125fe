#!/usr/bin/env bash
# Run INSIDE the compat chroot by tools/compat_chroot.sh prepare (the checkout is /src): SQLite 3.40.1 and CPython
# 3.11.2, both from Debian 12's sources (the same versions as on a Debian 12 developer's machine), into /opt/python3.11.
# Every C file is compiled with packaging/compat/old-glibc.h first and configure is told that glibc 2.30's
# sem_clockwait is missing, so the results need glibc 2.28 at most (tools/build_installer.sh measures it again).
set -euo pipefail
PY=/opt/python3.11
SRC=/build
JOBS=$(nproc)
OLD="-include /src/packaging/compat/old-glibc.h"

echo "   SQLite 3.40.1"
rm -rf "$SRC/sqlite3-3.40.1" && mkdir -p "$SRC/sqlite3-3.40.1" "$PY/lib" "$PY/include"
tar -xJf "$SRC/sqlite3_3.40.1.orig.tar.xz" -C "$SRC/sqlite3-3.40.1" --strip-components=1
cd "$SRC/sqlite3-3.40.1"
./configure -q --disable-tcl >"$SRC/sqlite-configure.log" 2>&1
make -s sqlite3.c >"$SRC/sqlite-make.log" 2>&1 # the amalgamation (generated with tclsh)
# Debian's own compile-time options for libsqlite3 (those a Python program can notice).
nice gcc -O2 -fPIC -shared $OLD -Wl,-soname,libsqlite3.so.0 -o "$PY/lib/libsqlite3.so.0" sqlite3.c \
  -DSQLITE_SECURE_DELETE -DSQLITE_ENABLE_COLUMN_METADATA -DSQLITE_ENABLE_FTS3 -DSQLITE_ENABLE_FTS3_PARENTHESIS \
  -DSQLITE_ENABLE_FTS5 -DSQLITE_ENABLE_RTREE=1 -DSQLITE_SOUNDEX=1 -DSQLITE_ENABLE_UNLOCK_NOTIFY \
  -DSQLITE_ENABLE_DBSTAT_VTAB -DSQLITE_ENABLE_UPDATE_DELETE_LIMIT=1 -DSQLITE_ENABLE_LOAD_EXTENSION \
  -DSQLITE_ENABLE_JSON1 -DSQLITE_LIKE_DOESNT_MATCH_BLOBS -DSQLITE_THREADSAFE=1 -DSQLITE_USE_URI=1 \
  -DSQLITE_MAX_SCHEMA_RETRY=25 -DSQLITE_ENABLE_PREUPDATE_HOOK -DSQLITE_ENABLE_SESSION \
  -DSQLITE_ENABLE_STMTVTAB -DSQLITE_MAX_VARIABLE_NUMBER=250000 -lm -ldl -lpthread
ln -sf libsqlite3.so.0 "$PY/lib/libsqlite3.so"
cp sqlite3.h sqlite3ext.h "$PY/include/"
cd / && rm -rf "$SRC/sqlite3-3.40.1"

echo "   CPython 3.11.2"
rm -rf "$SRC/Python-3.11.2"
tar -xzf "$SRC/python3.11_3.11.2.orig.tar.gz" -C "$SRC"
cd "$SRC/Python-3.11.2"
# Shared libpython (PyInstaller bundles it), found with our SQLite through the rpath; no PGO/LTO: minutes, not
# tens of them.
./configure -q --prefix="$PY" --enable-shared ac_cv_func_sem_clockwait=no CFLAGS="$OLD" \
  LIBSQLITE3_CFLAGS="-I$PY/include" LIBSQLITE3_LIBS="-L$PY/lib -lsqlite3" \
  LDFLAGS="-L$PY/lib -Wl,-rpath,$PY/lib" >"$SRC/python-configure.log" 2>&1
nice make -s -j"$JOBS" >"$SRC/python-make.log" 2>&1
nice make -s install >"$SRC/python-install.log" 2>&1
cd / && rm -rf "$SRC/Python-3.11.2"
"$PY/bin/python3.11" -c 'import ssl, sqlite3, ctypes, bz2, lzma, zlib, uuid; print("   sqlite", sqlite3.sqlite_version)'
