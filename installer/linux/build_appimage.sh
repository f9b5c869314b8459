#!/usr/bin/env bash
# Wrap the bundle (python installer/build.py, on Linux) into one AppImage: dist/BOR_Desk-<arch>.AppImage.
# Needs appimagetool (https://github.com/AppImage/appimagetool/releases) on PATH or in $APPIMAGETOOL.
set -euo pipefail
cd "$(dirname "$0")/../.."
[ -x dist/borapp/borapp ] || { echo "Build the bundle first: python installer/build.py" >&2; exit 2; }
tool=${APPIMAGETOOL:-$(command -v appimagetool || true)}
[ -n "$tool" ] || { echo "appimagetool is missing: put it on PATH or set APPIMAGETOOL." >&2; exit 2; }
arch=$(uname -m)
appdir=build/AppDir
rm -rf "$appdir" && mkdir -p "$appdir/usr/lib" "$appdir/usr/share/applications" "$appdir/usr/share/mime/packages"
cp -a dist/borapp "$appdir/usr/lib/borapp"
cp installer/linux/borapp.desktop "$appdir/borapp.desktop"
cp installer/linux/borapp.desktop "$appdir/usr/share/applications/"
cp installer/linux/borapp-mime.xml "$appdir/usr/share/mime/packages/borapp.xml"
for size in 16 24 32 48 64 128 256 512; do
  mkdir -p "$appdir/usr/share/icons/hicolor/${size}x${size}/apps"
  cp "resources/icons/borapp-$size.png" "$appdir/usr/share/icons/hicolor/${size}x${size}/apps/borapp.png"
done
cp resources/icons/borapp-256.png "$appdir/borapp.png"
cat > "$appdir/AppRun" <<'RUN'
#!/bin/sh
here="$(dirname "$(readlink -f "$0")")"
exec "$here/usr/lib/borapp/borapp" "$@"
RUN
chmod +x "$appdir/AppRun"
ARCH="$arch" "$tool" --no-appstream "$appdir" "dist/BOR_Desk-$arch.AppImage"
echo "dist/BOR_Desk-$arch.AppImage"
