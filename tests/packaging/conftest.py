"""The installer's tests build the program with PyInstaller and dpkg-deb (minutes), so the README's test command
leaves them out; `.ci/run` runs them as a step of their own: `pytest -m packaging tests/packaging`.

Fixtures: the .deb built once per run by tools/build_installer.sh (or the one already in dist/ when
ZHENGGAI_REUSE_DIST=1, for working on the tests; with ZHENGGAI_INSTALLER=compat the old-glibc build of
`tools/build_installer.sh --compat` in dist/compat/, which test_compat.py also runs inside its Debian 11 chroot), unpacked with `dpkg-deb -x` into an empty folder, and an Xvfb
display of the run's own."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.packaging.installer_helpers import APPID, BUILD_COMMAND, DIST, NAME, ROOT


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Deselect the packaging tests unless they were asked for by marker (``-m packaging``)."""
    if "packaging" in (config.getoption("markexpr") or ""):
        return
    ours = [item for item in items if item.get_closest_marker("packaging")]
    if ours:
        config.hook.pytest_deselected(items=ours)
        items[:] = [item for item in items if not item.get_closest_marker("packaging")]


@pytest.fixture(scope="session")
def deb() -> Path:
    if os.environ.get("ZHENGGAI_REUSE_DIST") != "1" or not list(DIST.glob(f"{APPID}_*_amd64.deb")):
        done = subprocess.run(BUILD_COMMAND, cwd=ROOT, capture_output=True, text=True, timeout=3000)
        assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
        print(done.stdout)  # the build's own figures (glibc floor, seconds) in the log of a failing run
    found = sorted(DIST.glob(f"{APPID}_*_amd64.deb"))
    assert len(found) == 1, found
    return found[0]


@pytest.fixture(scope="session")
def unpacked(deb: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The package's files as `dpkg-deb -x` lays them out in an empty folder."""
    root = tmp_path_factory.mktemp("unpacked")
    subprocess.run(["dpkg-deb", "-x", str(deb), str(root)], check=True)
    return root


@pytest.fixture(scope="session")
def exe(unpacked: Path) -> Path:
    return unpacked / "opt" / "apps" / APPID / "files" / NAME


@pytest.fixture(scope="session")
def display() -> Iterator[str]:
    """A private X display (Xvfb picks a free number and tells it through -displayfd). -noreset: a plain Xvfb
    resets whenever its last client leaves, and a program connecting during the reset is refused."""
    if shutil.which("Xvfb") is None:
        pytest.fail("Xvfb is needed for the window's test (Debian: apt-get install xvfb)")
    read, write = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1600x1000x24", "-nolisten", "tcp", "-noreset"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as pipe:
        number = pipe.readline().strip()
    assert number, "Xvfb did not start"
    yield f":{number}"
    server.terminate()
    server.wait(timeout=30)
