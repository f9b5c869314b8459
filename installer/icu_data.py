"""A smaller ICU data library for the Linux bundle, made at build time from the PySide6 wheel's own.

PySide6's QtCore links ICU, and ICU's data library (`libicudata.so.73`, 32 MB) holds every locale, converter, break
iterator and transliterator there is. Qt calls only a few ICU functions (`nm -D libQt6Core.so.6 | grep _73`):
collation (`ucol_*`: QCollator, the file dialog's sorting), case mapping (`u_strToUpper/Lower`), time-zone names
(`ucal_*`) and legacy-codec conversion (`ucnv_*`); BOR Desk speaks Dutch and English. So the bundle gets a library
holding the rest minus:

- each per-locale resource of a language other than Dutch and English, in every tree (`fr.res`, `coll/de.res`);
- the trees and items nothing in Qt reaches: break iterators (`brkitr/`, Qt has its own text boundaries),
  transliteration (`translit/`), language and unit display names (`lang/`, `unit/`), character names (`unames.icu`);
- every converter but the Western European code pages (`ucnv_open` is only reached for a legacy encoding asked for
  by name; the Unicode ones and Latin-1 are built into ICU's code).

Root, `nl`, `en` and their regions, collation (`coll/ucadata.icu`), time zones, the converter aliases and the
supplemental data all stay. ICU's own `icupkg` (Debian: icu-devtools) removes the items and checks that nothing
kept refers to a removed one; then every kept item is compared byte for byte with the wheel's, so an `icupkg` of
another ICU version (Debian 12 has 72, the wheel 73: the package format is the same) cannot slip anything in.
`as` and `ld` (binutils, which PyInstaller needs anyway) wrap the package into a library exporting the same symbol.
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
from pathlib import Path

KEEP_LANGUAGES = ("nl", "en")
UNUSED_TREES = ("brkitr", "translit", "lang", "unit")
UNUSED_ITEMS = ("unames.icu",)
KEEP_CONVERTERS = (  # windows-1252, windows-1250, ISO-8859-15, ISO-8859-2, DOS 850 and 858, Mac Roman
    "ibm-5348_P100-1997.cnv", "ibm-5346_P100-1998.cnv", "ibm-923_P100-1998.cnv", "ibm-912_P100-1995.cnv",
    "ibm-850_P100-1995.cnv", "ibm-858_P100-1997.cnv", "macos-0_2-10.2.cnv",
)
_LOCALE = re.compile(r"^([a-z]{2,3})(_\w*)?$")  # nl, en_GB, sr_Latn_BA, de__PHONEBOOK; not res_index
_PACKAGE_HEADER = re.compile(rb"..\xda\x27.{8}CmnD", re.S)  # MappedData header + UDataInfo, format "CmnD"
TOOLS = {"icupkg": "icu-devtools", "as": "binutils", "ld": "binutils", "nm": "binutils"}


def unwanted(item: str) -> bool:
    """Whether the item (a name inside the package, e.g. `coll/de.res`) can go."""
    tree, _, leaf = item.rpartition("/")
    stem, _, kind = leaf.rpartition(".")
    locale = _LOCALE.match(stem)
    if kind == "res" and locale and stem != "res_index" and locale.group(1) not in KEEP_LANGUAGES:
        return True
    if tree.split("/")[0] in UNUSED_TREES or item in UNUSED_ITEMS:
        return True
    return kind == "cnv" and not tree and leaf not in KEEP_CONVERTERS


def items(package: bytes) -> dict[str, bytes]:
    """The items of an ICU common-data package: name (with the package prefix) → bytes, padding included."""
    header_size = struct.unpack_from("<H", package, 0)[0]
    count = struct.unpack_from("<I", package, header_size)[0]
    entries = [struct.unpack_from("<II", package, header_size + 4 + 8 * i) for i in range(count)]
    starts = [header_size + data for _, data in entries] + [len(package)]
    names = [package[header_size + name:package.index(b"\0", header_size + name)].decode() for name, _ in entries]
    return {names[i]: package[starts[i]:starts[i + 1]] for i in range(count)}


def reduce_library(library: Path, workdir: Path) -> Path:
    """Write the reduced copy of `library` (the wheel's libicudata.so.NN) into `workdir` and return its path."""
    missing = sorted({package for tool, package in TOOLS.items() if shutil.which(tool) is None})
    if missing:
        raise SystemExit(f"The ICU data is trimmed with ICU's and binutils' tools: install {' '.join(missing)} "
                         f"(apt-get install {' '.join(missing)}).")
    symbol, size = _data_symbol(library)
    blob = library.read_bytes()
    found = [m.start() for m in _PACKAGE_HEADER.finditer(blob)]
    if len(found) != 1:
        raise SystemExit(f"{library}: expected one ICU data package inside, found {len(found)}")
    full = blob[found[0]:found[0] + size]
    original = items(full)
    prefix = next(iter(original)).split("/")[0]  # icudt73l: ICU 73, little-endian
    shutil.rmtree(workdir, ignore_errors=True)
    (workdir / "full").mkdir(parents=True)
    (workdir / "full" / f"{prefix}.dat").write_bytes(full)
    removed = sorted(name.split("/", 1)[1] for name in original if unwanted(name.split("/", 1)[1]))
    (workdir / "remove.txt").write_text("".join(f"{name}\n" for name in removed))
    subprocess.run(["icupkg", "-r", "remove.txt", f"full/{prefix}.dat", f"{prefix}.dat"], cwd=workdir, check=True,
                   capture_output=True)
    reduced = items((workdir / f"{prefix}.dat").read_bytes())
    _check_kept(original, reduced, removed, prefix)
    shutil.rmtree(workdir / "full")
    (workdir / "data.S").write_text(
        "    .section .rodata\n    .balign 16\n"
        f"    .globl {symbol}\n    .type {symbol}, %object\n{symbol}:\n"
        f"    .incbin \"{prefix}.dat\"\n    .size {symbol}, . - {symbol}\n"
        "    .section .note.GNU-stack,\"\",%progbits\n")
    subprocess.run(["as", "data.S", "-o", "data.o"], cwd=workdir, check=True)
    subprocess.run(["ld", "-shared", "-soname", library.name, "-o", library.name, "data.o"], cwd=workdir,
                   check=True)
    out = workdir / library.name
    print(f"ICU data: {len(reduced)} of {len(original)} items kept, {library.stat().st_size / 1e6:.1f} MB → "
          f"{out.stat().st_size / 1e6:.1f} MB")
    return out


def _data_symbol(library: Path) -> tuple[str, int]:
    """The exported data symbol (icudt73_dat) and its size."""
    out = subprocess.run(["nm", "-D", "-S", "--defined-only", str(library)], capture_output=True, text=True,
                         check=True).stdout
    found = re.findall(r"^[0-9a-f]+ ([0-9a-f]+) R (icudt\d+_dat)$", out, re.M)
    if len(found) != 1:
        raise SystemExit(f"{library}: no ICU data symbol (icudtNN_dat) in\n{out}")
    return found[0][1], int(found[0][0], 16)


def _check_kept(original: dict[str, bytes], reduced: dict[str, bytes], removed: list[str], prefix: str) -> None:
    expected = {name for name in original if name.split("/", 1)[1] not in set(removed)}
    if set(reduced) != expected:
        raise SystemExit(f"icupkg kept other items than asked: {sorted(set(reduced) ^ expected)[:10]}")
    changed = [name for name in reduced if reduced[name].rstrip(b"\0") != original[name].rstrip(b"\0")]
    if changed:
        raise SystemExit(f"icupkg changed items of {prefix}: {changed[:10]}")
