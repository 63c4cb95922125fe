"""The .deb for older desktops (`tools/build_installer.sh --compat`), run where its glibc is older than this
machine's: inside the Debian 11 chroot it was built in (glibc 2.31), with the chroot's Python and build venv hidden
under empty folders and an empty environment. Its CLI works, its window opens on this machine's Xvfb with Chinese
text, and `dpkg -i` installs it there and it starts from its menu entry's Exec line.

Run by .ci/run's compat step (`ZHENGGAI_INSTALLER=compat pytest -m packaging tests/packaging`, as root: chroot
and mounts); test_installer.py then checks the same .deb on this machine too."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import statistics
import subprocess
import tempfile
import time
from collections.abc import Iterator
from configparser import ConfigParser
from pathlib import Path

import pytest

from tests.packaging.installer_helpers import (
    APPID,
    FLAVOUR,
    NAME,
    ROOT,
    known_operator,
    png_difference,
)

pytestmark = [
    pytest.mark.packaging,
    pytest.mark.skipif(
        FLAVOUR != "compat", reason="ZHENGGAI_INSTALLER=compat runs these (.ci/run's compat step)"
    ),
]
CHROOT = Path(os.environ.get("CHROOT", ROOT / "build" / "chroot-bullseye"))  # as tools/compat_chroot.sh
TODAY = "2025-11-01"
ROOT_PATH = "/usr/sbin:/usr/bin:/sbin:/bin"  # dpkg runs ldconfig and start-stop-daemon
# The oldest glibc of the desktops the compat .deb is for: 统信 UOS V20 (Debian 10 based).
UOS_V20_GLIBC = (2, 28)
# What the chroot's build left behind, hidden while the bundle runs: it must need none of it.
BUILD_PYTHON = ("/opt/python3.11", "/opt/zhenggai-venv")


class Inside:
    """A folder inside the chroot, known by both of its paths."""

    def __init__(self, host: Path) -> None:
        self.host = host
        self.path = "/" + host.relative_to(CHROOT).as_posix()

    def __truediv__(self, name: str) -> str:
        return f"{self.path}/{name}"


def in_chroot(
    *command: str, cwd: str = "/tmp", env: dict[str, str] | None = None, python: bool = False
) -> subprocess.CompletedProcess[str]:
    """``env -i [VAR=value …] command`` inside the chroot; without ``python`` the build's Python is hidden."""
    hide = "" if python else "".join(f"[ -d {d} ] && mount -t tmpfs none {d}; " for d in BUILD_PYTHON)
    script = f'{hide}cd "$1" && shift && exec env -i "$@"'
    assigned = [f"{k}={v}" for k, v in (env or {}).items()]
    return subprocess.run(
        ["bash", "tools/compat_chroot.sh", "run", "/bin/sh", "-c", script, "sh", cwd, *assigned, *command],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.fixture(scope="module")
def chroot_deb(deb: Path) -> Path:
    if not (CHROOT / ".debootstrap-done").exists():
        pytest.fail("the compat build left no chroot in build/chroot-bullseye")
    return deb


@pytest.fixture(scope="module")
def work() -> Iterator[Inside]:
    folder = Path(tempfile.mkdtemp(prefix="compat-test-", dir=CHROOT / "tmp"))
    yield Inside(folder)
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def bundle(chroot_deb: Path, work: Inside) -> str:
    """The bundled executable as `dpkg-deb -x` lays the package out in an empty folder of the chroot."""
    subprocess.run(["dpkg-deb", "-x", str(chroot_deb), str(work.host / "unpacked")], check=True)
    return work / f"unpacked/opt/apps/{APPID}/files/{NAME}"


@pytest.fixture(scope="module")
def demo(bundle: str, work: Inside) -> str:
    done = in_chroot(bundle, "--today", TODAY, "demo", "示例台账.db", cwd=work.path)
    assert done.returncode == 0, done.stderr
    return work / "示例台账.db"


def operator_inside(work: Inside, name: str) -> dict[str, str]:
    """A home of its own in the chroot whose user has answered “我是谁”, and the variables that point to it."""
    known_operator(work.host / name)
    return {"HOME": work / name, "XDG_CONFIG_HOME": work / f"{name}/config"}


def version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split("."))


def test_the_chroot_is_older_than_this_machine(chroot_deb):
    """(After the build: that is what makes the chroot on a clean machine.)"""
    inside = in_chroot("/usr/bin/ldd", "--version").stdout.splitlines()[0]
    here = subprocess.run(["ldd", "--version"], capture_output=True, text=True).stdout.splitlines()[0]
    older, newer = (re.search(r"(\d+\.\d+)$", line) for line in (inside, here))
    assert older and newer and version(older.group(1)) < version(newer.group(1)), (inside, here)


def test_the_glibc_floor_is_measured_and_reaches_uos_v20(chroot_deb, work, bundle):
    files = work.host / "unpacked" / "opt" / "apps" / APPID / "files"
    needed: set[str] = set()
    for path in files.rglob("*"):
        if path.is_file() and not path.is_symlink() and (".so" in path.name or path.name == NAME):
            dump = subprocess.run(["objdump", "-T", str(path)], capture_output=True, text=True).stdout
            needed |= set(re.findall(r"GLIBC_(\d+\.\d+(?:\.\d+)?)", dump))
    floor = max(needed, key=version)
    depends = subprocess.run(["dpkg-deb", "-f", str(chroot_deb), "Depends"], capture_output=True, text=True)
    assert f"libc6 (>= {floor})" in depends.stdout
    assert version(floor) <= UOS_V20_GLIBC, floor


def test_the_cli_runs_in_the_old_system_without_python(bundle, work):
    assert in_chroot("/opt/python3.11/bin/python3.11", "-V").returncode != 0  # hidden, as it must be
    done = in_chroot(bundle, "demo", "x.db", cwd=work.path)
    assert done.returncode == 0, done.stderr
    assert "已生成示例台账" in done.stdout
    done = in_chroot(bundle, "verify", "x.db", cwd=work.path)
    assert done.returncode == 0 and "完好" in done.stdout, done.stderr
    done = in_chroot(bundle, "stats", "--json", "x.db", cwd=work.path)
    assert done.returncode == 0, done.stderr
    stats = json.loads(done.stdout)
    assert stats["tasks"] > 100 and sum(stats["by_community"].values()) == stats["tasks"]
    done = in_chroot(bundle, "export", "x.db", "台账.xlsx", cwd=work.path)
    assert done.returncode == 0 and (work.host / "台账.xlsx").stat().st_size > 0, done.stderr
    # Its usage line names the program as a user runs it.
    done = in_chroot(bundle, "--help", cwd=work.path)
    assert done.stdout.startswith(f"usage: {NAME} "), done.stdout[:200]
    done = in_chroot(bundle, "verify", "没有这个文件.db", cwd=work.path)
    assert done.returncode != 0 and "Traceback" not in done.stderr


def test_the_window_opens_in_the_old_system_with_chinese_text(bundle, demo, display, work):
    env = {"DISPLAY": display, "QT_QPA_PLATFORM": "xcb", **operator_inside(work, "window")}
    args = ["--ledger", demo, "--data-dir", work / "window/data", "--startup-time"]
    done = in_chroot(bundle, *args, cwd=work.path, env=env)
    assert done.returncode == 0, done.stderr
    assert re.search(r"窗口显示出第一屏用时 [0-9.]+ 秒", done.stdout), done.stdout + done.stderr
    # The bundle's screenshot against the build venv's (same Qt, same fonts, same X display): equal but for a few
    # pixels; drawn with no fonts at all it differs in most of the text, so the comparison can fail.
    shots = in_chroot(bundle, "--today", TODAY, "screenshot", demo, "bundle", cwd=work.path, env=env)
    assert shots.returncode == 0, shots.stderr
    venv = in_chroot(
        "/opt/zhenggai-venv/bin/python",
        "/src/main.py",
        "--today",
        TODAY,
        "screenshot",
        demo,
        "venv",
        cwd=work.path,
        env=env,
        python=True,
    )
    assert venv.returncode == 0, venv.stderr
    (work.host / "fonts.conf").write_text(
        '<?xml version="1.0"?><fontconfig><dir>/nonexistent</dir></fontconfig>', encoding="utf-8"
    )
    tofu = in_chroot(
        bundle,
        "--today",
        TODAY,
        "screenshot",
        demo,
        "tofu",
        cwd=work.path,
        env={**env, "FONTCONFIG_FILE": work / "fonts.conf"},
    )
    assert tofu.returncode == 0, tofu.stderr
    first = "01-ledgerTable.png"
    assert png_difference(work.host / "bundle" / first, work.host / "venv" / first) < 0.01
    assert png_difference(work.host / "tofu" / first, work.host / "venv" / first) > 0.02


def test_installed_with_dpkg_in_the_old_system_it_starts_from_its_menu_entry(chroot_deb, demo, display, work):
    shutil.copy(chroot_deb, work.host / chroot_deb.name)
    installed = in_chroot("/usr/bin/dpkg", "-i", work / chroot_deb.name, python=True, env={"PATH": ROOT_PATH})
    try:
        assert installed.returncode == 0, installed.stdout + installed.stderr
        link = CHROOT / "usr" / "share" / "applications" / f"{APPID}.desktop"
        desktop = ConfigParser(interpolation=None)
        desktop.read(CHROOT / link.readlink().as_posix().lstrip("/"), encoding="utf-8")
        command = [demo if word == "%f" else word for word in shlex.split(desktop["Desktop Entry"]["Exec"])]
        env = {"DISPLAY": display, "QT_QPA_PLATFORM": "xcb", **operator_inside(work, "menu")}
        done = in_chroot(*command, "--data-dir", work / "menu/data", "--startup-time", cwd=work.path, env=env)
        assert done.returncode == 0, done.stderr
        assert "窗口显示出第一屏用时" in done.stdout
        # The old system's own triggers taught its desktop the file types and the menu entry's association.
        cache = (CHROOT / "usr/share/applications/mimeinfo.cache").read_text(encoding="utf-8")
        assert f"application/x-zhenggai-package={APPID}.desktop" in cache
        globs = (CHROOT / "usr/share/mime/globs2").read_text(encoding="utf-8")
        assert "application/x-zhenggai-package:*-下发包-*.db" in globs
    finally:
        removed = in_chroot("/usr/bin/dpkg", "--purge", APPID, python=True, env={"PATH": ROOT_PATH})
    assert removed.returncode == 0, removed.stderr
    assert not (CHROOT / "opt" / "apps" / APPID).exists()


def first_paint(command: list[str], env: dict[str, str], cwd: str, python: bool) -> tuple[float, float]:
    start = time.perf_counter()
    done = in_chroot(*command, cwd=cwd, env=env, python=python)
    wall = time.perf_counter() - start
    match = re.search(r"用时 ([0-9.]+) 秒", done.stdout)
    assert done.returncode == 0 and match, done.stdout + done.stderr
    return wall, float(match.group(1))


def test_start_up_in_the_old_system_is_measured(chroot_deb, bundle, demo, display, work):
    """Figures for the README, not a limit: the bundle against the build venv (same Python, same Qt), interleaved
    cold starts in the same run, medians; written beside the .deb as compat-figures.json."""
    env = {"DISPLAY": display, "QT_QPA_PLATFORM": "xcb", **operator_inside(work, "timing")}
    args = ["--ledger", demo, "--data-dir", work / "timing/data", "--today", TODAY, "--startup-time"]
    venv_python = ["/opt/zhenggai-venv/bin/python", "/src/main.py"]
    in_chroot(
        *venv_python[:1], "-m", "compileall", "-q", "/src/main.py", "/src/ledger", "/src/ui", python=True
    )
    bundled, venv = [], []
    for _ in range(5):
        bundled.append(first_paint([bundle, *args], env, work.path, python=False))
        venv.append(first_paint([*venv_python, *args], env, work.path, python=True))
    figures = {
        "deb_mb": round(chroot_deb.stat().st_size / 2**20, 1),
        "bundle_first_paint_wall_s": round(statistics.median(w for w, _ in bundled), 3),
        "venv_first_paint_wall_s": round(statistics.median(w for w, _ in venv), 3),
        "bundle_first_paint_reported_s": round(statistics.median(r for _, r in bundled), 3),
        "venv_first_paint_reported_s": round(statistics.median(r for _, r in venv), 3),
        "runs": len(bundled),
        "where": "Debian 11 chroot (glibc 2.31), Xvfb",
    }
    (chroot_deb.parent / "compat-figures.json").write_text(
        json.dumps(figures, indent=2) + "\n", encoding="utf-8"
    )
    assert figures["bundle_first_paint_wall_s"] > 0
