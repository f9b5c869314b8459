"""Build BOR Desk's bundle for the machine this runs on: `dist/borapp/` with the executable `borapp` (`borapp.exe`
and the console `borapp-cli.exe` on Windows; `dist/BOR Desk.app` too on macOS). Compiles the catalogs first,
then runs PyInstaller with `installer/borapp.spec`, checks the bundle and prints its size.

    pip install -e '.[bundle]'          # PyInstaller (and dmgbuild on macOS), pinned in pyproject.toml
    python installer/build.py [--no-check] [--installer]

`--installer` then wraps the bundle for its platform: the Inno Setup installer on Windows (`iscc`), the disk
image on macOS (`dmgbuild`), the AppImage on Linux (`appimagetool`); each lands in `dist/`.

The check runs the bundle with an empty PATH (no Python anywhere): `--version`, `init` and `check` on a fresh
vault whose file must not be plain SQLite, the GUI offscreen up to its first painted screen, a demo vault made by
the bundle (encrypted too) and unlocked in its GUI up to the main window, and `installer/bundle_probe.py` inside
the bundle: Dutch and English text, dates, amounts, Qt's collation of names with accents, case mapping and
time-zone names must come out exactly as from this checkout (`python installer/bundle_probe.py --locale-only`),
with the bundle's trimmed ICU data (installer/icu_data.py) loaded.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "dist"
BUNDLE = DIST / "borapp"
EXE = BUNDLE / ("borapp-cli.exe" if sys.platform == "win32" else "borapp")
SQLITE_MAGIC = b"SQLite format 3\x00"
ACCENTED_E = ["Eline", "Élise", "Ëlla", "Émile", "Eva"]  # a collator's order: accents second, not after the Z


def compile_catalogs() -> None:
    from babel.messages.frontend import CommandLineInterface

    CommandLineInterface().run(["pybabel", "-q", "compile", "-d", str(ROOT / "translations"), "-D", "borapp",
                                "--statistics"])


def run_pyinstaller() -> None:
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
                    "--distpath", str(DIST), "--workpath", str(ROOT / "build" / "pyinstaller"),
                    str(ROOT / "installer" / "borapp.spec")], cwd=ROOT, check=True)


def size_mb(folder: Path) -> float:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file() and not f.is_symlink()) / 1e6


def bare_env(**extra: str) -> dict[str, str]:
    """No Python on PATH, no virtualenv, nothing of this checkout: what a coordinator's machine has."""
    env = {k: v for k, v in os.environ.items() if k in ("HOME", "USERPROFILE", "LOCALAPPDATA", "APPDATA",
                                                          "SYSTEMROOT", "TEMP", "TMP", "DISPLAY", "LANG")}
    env["PATH"] = os.pathsep.join(p for p in ("/nonexistent", os.environ.get("SYSTEMROOT", "")) if p)
    env.update(extra)
    return env


def check_bundle() -> None:
    def run(*args: str, **env: str) -> str:
        result = subprocess.run([str(EXE), *args], env=bare_env(**env), capture_output=True, text=True,
                                timeout=300, cwd=tempfile.gettempdir())
        if result.returncode != 0:
            raise SystemExit(f"bundle check failed: borapp {' '.join(args)} → {result.returncode}\n{result.stderr}")
        return result.stdout

    print(run("--version").strip())
    with tempfile.TemporaryDirectory() as folder:
        vault = Path(folder) / "check.bordb"
        passphrase = Path(folder) / "passphrase.txt"
        passphrase.write_text("bundle check passphrase\n")
        common = ("--vault", str(vault), "--passphrase-file", str(passphrase))
        settings = {"XDG_CONFIG_HOME": folder, "XDG_DATA_HOME": folder}  # the GUI's QSettings: not the builder's
        run("init", *common)
        _must_be_encrypted(vault)
        run("check", *common)
        run("gui", "--vault", str(vault), QT_QPA_PLATFORM="offscreen", BORAPP_EXIT_AFTER_FIRST_PAINT="1", **settings)
        demo = Path(folder) / "demo.bordb"
        run("demo", "--vault", str(demo), "--passphrase-file", str(passphrase), "--cases", "3")
        _must_be_encrypted(demo)
        facts = json.loads(run(str(demo), str(passphrase), BORAPP_BUNDLE_PROBE="1", QT_QPA_PLATFORM="offscreen",
                               **settings))
    _check_probe(facts, _checkout_facts())
    icu = f", ICU data {facts['icu_data']['mb']} MB" if facts["icu_data"] else ""
    print("bundle check passed: --version, init (encrypted), check, GUI offscreen; a demo vault (encrypted) unlocked "
          f"in the GUI; Dutch and English text, dates and collation as from the checkout{icu}")


def _must_be_encrypted(vault: Path) -> None:
    if vault.read_bytes()[:16] == SQLITE_MAGIC:
        raise SystemExit(f"bundle check failed: {vault.name} is plain SQLite, not encrypted")


def _checkout_facts() -> dict:
    """The probe's locale facts from this checkout's Python: what the bundle must answer too."""
    result = subprocess.run([sys.executable, str(ROOT / "installer" / "bundle_probe.py"), "--locale-only"],
                            env=dict(os.environ, QT_QPA_PLATFORM="offscreen"), capture_output=True, text=True,
                            timeout=300, cwd=ROOT, check=True)
    return json.loads(result.stdout)


def _check_probe(bundle: dict, checkout: dict) -> None:
    gui, dutch = bundle["gui"], bundle["locale"]["nl"]
    problems = []
    if bundle["locale"] != checkout["locale"]:
        problems += [f"{language}.{key}: bundle {value!r}, checkout {checkout['locale'][language][key]!r}"
                     for language, facts in bundle["locale"].items() if isinstance(facts, dict)
                     for key, value in facts.items() if value != checkout["locale"][language][key]] or ["locale"]
    if gui["first_screen"] != "PassphrasePage" or gui["first_screen_title"] != dutch["text"][0]:
        problems.append(f"first screen: {gui['first_screen']} {gui['first_screen_title']!r}")
    if not gui["icon_drawn"]:
        problems.append("no icon drawn: the Phosphor font is not in the bundle (installer/borapp.spec)")
    if not gui["unlocked"]:
        problems.append(f"unlocking the demo vault in the GUI: {gui.get('error', 'no main window')}")
    if dutch["babel_date"] != "donderdag 5 maart 2026" or dutch["text"][1] != "Ontgrendelen":
        problems.append(f"Dutch: {dutch['babel_date']!r}, {dutch['text'][1]!r}")
    if [name for name in dutch["collation"] if name[0] in "EÉË"] != ACCENTED_E:
        problems.append(f"collation: {dutch['collation']}")
    if bundle["icu_data"] and bundle["icu_data"]["mb"] > 10:
        problems.append(f"ICU data not trimmed: {bundle['icu_data']}")
    if problems:
        raise SystemExit("bundle check failed:\n  " + "\n  ".join(problems))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--no-check", action="store_true", help="skip running the bundle after building it")
    parser.add_argument("--installer", action="store_true", help="also build the platform's installer")
    args = parser.parse_args()
    if shutil.which("pyinstaller") is None and not _has_module("PyInstaller"):
        print("PyInstaller is missing: pip install -e '.[bundle]'", file=sys.stderr)
        return 2
    compile_catalogs()
    run_pyinstaller()
    if not args.no_check:
        check_bundle()
    # in tenths, as tests/test_installer.py compares it with the 150 MB budget: 144.5 on the project's machine
    print(f"bundle: {BUNDLE} ({size_mb(BUNDLE):.1f} MB unpacked)")
    if args.installer:
        build_installer()
    return 0


def build_installer() -> None:
    from borapp import version

    if sys.platform == "win32":
        iscc = shutil.which("iscc") or r"C:\Program Files (x86)\Inno Setup 6\ISCC.exe"
        subprocess.run([iscc, f"/DAppVersion={version()}", str(ROOT / "installer" / "windows" / "borapp.iss")],
                       check=True)
    elif sys.platform == "darwin":
        subprocess.run([sys.executable, "-m", "dmgbuild", "-s", "installer/macos/dmg_settings.py",
                        "-D", "app=dist/BOR Desk.app", "BOR Desk", f"dist/BOR-Desk-{version()}.dmg"],
                       cwd=ROOT, check=True)
    else:
        subprocess.run(["bash", str(ROOT / "installer" / "linux" / "build_appimage.sh")], check=True)


def _has_module(name: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(name) is not None


if __name__ == "__main__":
    raise SystemExit(main())
