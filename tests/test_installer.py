"""Installing and starting: the version from the metadata, the system packages scripts/setup asks for, the data
files found wherever BOR Desk runs from, the quick start path, and the bundle itself (built and run with no
Python on PATH)."""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import PySide6
import pytest

from borapp.cli import main
from borapp.paths import data_dir

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import qt_system_packages  # noqa: E402


def test_version_comes_from_the_package_metadata(capsys):
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"borapp {version('borapp')}"


def test_starting_the_app_builds_only_the_gui_command(monkeypatch):
    """`borapp` and `borapp gui` must not import every command's services before the first screen."""
    from borapp.cli import _starts_the_app

    assert _starts_the_app([]) and _starts_the_app(["gui", "--vault", "x"])
    assert not _starts_the_app(["check"]) and not _starts_the_app(["--help"])
    code = subprocess.run(
        [sys.executable, "-c",
         "import sys; from borapp.cli.parser import build_parser, GUI_ONLY;"
         "build_parser(GUI_ONLY).parse_args(['gui']);"
         "heavy = [m for m in ('sqlalchemy', 'reportlab', 'faker', 'openpyxl') if m in sys.modules];"
         "sys.exit(1 if heavy else 0)"], cwd=ROOT).returncode
    assert code == 0


def test_the_first_screen_paints_without_what_only_later_screens_use(tmp_path):
    """Launch to the unlock screen (bench/startup.py) stays quick: migrations (alembic), the sync client (httpx) and
    PDF making (reportlab) are imported when used, not before the first paint (together about 0.3 s). Nor is
    qtawesome, whose qtpy star-imports all of QtGui and QtWidgets (12 MB resident; borapp/ui/icons.py)."""
    probe = (
        "import sys, runpy; sys.argv = ['borapp', 'gui', '--vault', sys.argv[1]];"
        "import atexit;"
        "atexit.register(lambda: print('LOADED', [m for m in ('alembic', 'httpx', 'reportlab', 'qtawesome', 'qtpy') if m in sys.modules]));"
        "runpy.run_module('borapp', run_name='__main__')"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", BORAPP_EXIT_AFTER_FIRST_PAINT="1")
    result = subprocess.run([sys.executable, "-c", probe, str(tmp_path / "none-yet.bordb")], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120)
    assert "painted" in result.stdout, result.stderr[-2000:]
    assert "LOADED []" in result.stdout, result.stdout


def test_data_files_are_found_in_the_checkout():
    assert (data_dir() / "resources" / "fonts" / "DejaVuSans.ttf").exists()
    assert (data_dir() / "resources" / "icons" / "borapp-256.png").exists()
    assert (data_dir() / "translations" / "nl" / "LC_MESSAGES" / "borapp.po").exists()


def test_the_icon_set_has_every_size_the_installers_want():
    icons = ROOT / "resources" / "icons"
    for size in (16, 24, 32, 48, 64, 128, 256, 512, 1024):
        assert (icons / f"borapp-{size}.png").stat().st_size > 100
    assert (icons / "borapp.ico").read_bytes()[:4] == b"\x00\x00\x01\x00"
    assert (icons / "borapp.icns").read_bytes()[:4] == b"icns"


def test_this_machine_lacks_no_package_for_qt():
    """After scripts/setup (which ran before the suite) nothing Qt needs is missing."""
    assert qt_system_packages.main() == 0


def test_a_missing_library_is_named_by_its_debian_package(tmp_path, monkeypatch, capsys):
    fake = tmp_path / "ldd"
    fake.write_text("#!/bin/sh\necho '\tlibxcb-icccm.so.4 => not found'\necho '\tlibfoo.so.9 => not found'\n"
                    "echo '\tlibQt6Quick.so.6 => not found'\n")
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setattr(qt_system_packages, "has_font", lambda: False)
    monkeypatch.setattr(qt_system_packages.sys, "platform", "linux")
    qt_system_packages.main()
    assert capsys.readouterr().out.split() == ["?libfoo.so.9", "fonts-dejavu-core", "libxcb-icccm4"]


def test_the_bundle_builds_and_runs_without_python(tmp_path):
    """installer/build.py builds dist/borapp and runs it with an empty PATH: --version, init (the vault file is
    encrypted, not plain SQLite), check, the GUI offscreen up to its first screen, a demo vault made and unlocked in
    the GUI, Dutch text, dates and collation as from the checkout (installer/bundle_probe.py); under 150 MB."""
    result = subprocess.run([sys.executable, "installer/build.py"], cwd=ROOT, capture_output=True, text=True,
                            timeout=900)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
    assert "bundle check passed" in result.stdout and "demo vault (encrypted) unlocked" in result.stdout
    assert f"borapp {version('borapp')}" in result.stdout
    size = float(re.search(r"\(([\d.]+) MB unpacked\)", result.stdout).group(1))  # in tenths
    assert size < 150, f"the bundle grew to {size} MB (README: under 150 MB)"
    if sys.platform.startswith("linux"):  # the spec's HOST_LIBRARIES come from the machine, not the bundle
        bundled = {path.name for path in (ROOT / "dist" / "borapp").rglob("*.so*")}
        assert host_libraries() and not bundled & host_libraries()
        too_new = {path.name: needs for path in (ROOT / "dist" / "borapp").rglob("*.so*")
                   if path.is_file() and (needs := glibc_after(path, OLDEST_GLIBC))}
        assert not too_new, f"these need a newer glibc than Ubuntu 22.04's {OLDEST_GLIBC}: {too_new}"


OLDEST_GLIBC = (2, 35)  # the oldest host the bundle promises to start on (installer/README.md): Ubuntu 22.04


def glibc_after(library: Path, oldest: tuple[int, int]) -> list[str]:
    """The glibc symbol versions `library` asks for that are newer than `oldest`."""
    out = subprocess.run(["nm", "-D", "--undefined-only", str(library)], capture_output=True, text=True).stdout
    found = set(re.findall(r"@GLIBC_(\d+(?:\.\d+)+)", out))
    return sorted(v for v in found if tuple(map(int, v.split("."))) > oldest)


def host_libraries() -> set[str]:
    spec = (ROOT / "installer" / "borapp.spec").read_text(encoding="utf-8")
    return set(re.findall(r'"(lib[^"]+)"', re.search(r"^HOST_LIBRARIES = \{(.*?)^\}", spec, re.S | re.M).group(1)))


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PySide6 brings its own ICU only on Linux")
def test_the_trimmed_icu_data_answers_dutch_and_english_as_the_full_one(tmp_path):
    """installer/icu_data.py's library, loaded in place of the wheel's (LD_PRELOAD), gives the same collation of
    names with accents, case mapping, time-zone names and dates in nl and en, and is a tenth of the size."""
    sys.path.insert(0, str(ROOT / "installer"))
    import icu_data

    wheel = next((Path(PySide6.__file__).parent / "Qt" / "lib").glob("libicudata.so.*"))
    trimmed = icu_data.reduce_library(wheel, tmp_path / "icu")

    def probe(**env: str) -> dict:
        out = subprocess.run([sys.executable, str(ROOT / "installer" / "bundle_probe.py"), "--locale-only"],
                             env=dict(os.environ, QT_QPA_PLATFORM="offscreen", **env), capture_output=True, text=True,
                             check=True, cwd=ROOT).stdout
        return json.loads(out)

    full, small = probe(), probe(LD_PRELOAD=str(trimmed))
    assert small["icu_data"]["path"] == str(trimmed) and small["icu_data"]["mb"] < full["icu_data"]["mb"] / 5
    assert small["locale"] == full["locale"]
    assert [n for n in small["locale"]["nl"]["collation"] if n[0] in "EÉË"] == ["Eline", "Élise", "Ëlla", "Émile",
                                                                               "Eva"]


def test_icons_need_only_the_font_the_bundle_ships(qapp):
    """The bundle keeps only qtawesome's Phosphor font (installer/borapp.spec): the icons are drawn from it alone."""
    from borapp.ui.icons import font_files, icon

    spec = (ROOT / "installer" / "borapp.spec").read_text(encoding="utf-8")
    kept = re.search(r'QTAWESOME_FONT = "(\w+)"', spec).group(1)
    assert [path.name.startswith(f"{kept}-") for path in font_files()] == [True, True]
    assert [path.parent.name for path in font_files()] == ["fonts", "fonts"]
    assert not icon("sun").isNull()
