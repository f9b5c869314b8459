"""Print the Debian/Ubuntu packages that Qt (PySide6 in this venv) needs and this machine lacks, one per line.

Asks the dynamic linker (`ldd`) which shared libraries of the Qt modules and platform plugins BOR Desk loads are
"not found", and maps each to its Debian package; a library not in the table is printed as `?soname` so that the
message can name it. Also checks that some font is installed (without one Qt draws text invisibly).
Run by `scripts/setup`; exits 0 and prints nothing when all is there.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

MODULES = ("Core", "Gui", "Widgets", "Pdf", "PdfWidgets", "PrintSupport", "DBus", "Svg", "OpenGL", "XcbQpa")
PLUGINS = ("platforms/libqoffscreen.so", "platforms/libqminimal.so", "platforms/libqxcb.so",
           "xcbglintegrations/libqxcb-glx-integration.so", "xcbglintegrations/libqxcb-egl-integration.so",
           "imageformats/libqsvg.so", "iconengines/libqsvgicon.so")
PACKAGES = {  # soname → Debian 12 / Ubuntu package
    "libEGL.so.1": "libegl1", "libGL.so.1": "libgl1", "libGLX.so.0": "libglx0", "libGLdispatch.so.0": "libglvnd0",
    "libOpenGL.so.0": "libopengl0",
    "libX11-xcb.so.1": "libx11-xcb1", "libX11.so.6": "libx11-6", "libXau.so.6": "libxau6",
    "libXdmcp.so.6": "libxdmcp6", "libXext.so.6": "libxext6", "libXrender.so.1": "libxrender1",
    "libdbus-1.so.3": "libdbus-1-3", "libdrm.so.2": "libdrm2", "libexpat.so.1": "libexpat1",
    "libfontconfig.so.1": "libfontconfig1", "libfreetype.so.6": "libfreetype6", "libgio-2.0.so.0": "libglib2.0-0",
    "libglib-2.0.so.0": "libglib2.0-0", "libgmodule-2.0.so.0": "libglib2.0-0", "libgobject-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0", "libgraphite2.so.3": "libgraphite2-3", "libharfbuzz.so.0": "libharfbuzz0b",
    "libpng16.so.16": "libpng16-16", "libbrotlidec.so.1": "libbrotli1", "libbrotlicommon.so.1": "libbrotli1",
    "libpcre2-8.so.0": "libpcre2-8-0", "libffi.so.8": "libffi8", "libz.so.1": "zlib1g", "libzstd.so.1": "libzstd1",
    "libxkbcommon.so.0": "libxkbcommon0", "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxcb.so.1": "libxcb1", "libxcb-cursor.so.0": "libxcb-cursor0", "libxcb-glx.so.0": "libxcb-glx0",
    "libxcb-icccm.so.4": "libxcb-icccm4", "libxcb-image.so.0": "libxcb-image0", "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0", "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-render.so.0": "libxcb-render0", "libxcb-shape.so.0": "libxcb-shape0", "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1", "libxcb-util.so.1": "libxcb-util1", "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1", "libxcb-xinput.so.0": "libxcb-xinput0", "libSM.so.6": "libsm6",
    "libICE.so.6": "libice6", "libsystemd.so.0": "libsystemd0", "libcups.so.2": "libcups2",
}
FONT_PACKAGE = "fonts-dejavu-core"
FONT_DIRS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"))


def qt_files() -> list[Path]:
    import PySide6

    qt = Path(PySide6.__file__).parent / "Qt"
    files = [qt / "lib" / f"libQt6{name}.so.6" for name in MODULES] + [qt / "plugins" / p for p in PLUGINS]
    return [f for f in files if f.exists()]


def missing_libraries(files: list[Path]) -> set[str]:
    missing: set[str] = set()
    for path in files:
        out = subprocess.run(["ldd", str(path)], capture_output=True, text=True).stdout
        missing.update(line.split()[0] for line in out.splitlines() if "not found" in line)
    return {so for so in missing if not so.startswith("libQt6")}  # Qt's own optional modules are not ours


def has_font() -> bool:
    return any(f.suffix.lower() in (".ttf", ".otf") for d in FONT_DIRS if d.exists() for f in d.rglob("*"))


def main() -> int:
    if not sys.platform.startswith("linux"):
        return 0
    wanted = {PACKAGES.get(so, f"?{so}") for so in missing_libraries(qt_files())}
    if not has_font():
        wanted.add(FONT_PACKAGE)
    print("\n".join(sorted(wanted)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
