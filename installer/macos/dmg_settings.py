"""dmgbuild settings for BOR Desk's macOS disk image: the app and a link to /Applications to drag it onto.

    dmgbuild -s installer/macos/dmg_settings.py "BOR Desk" "dist/BOR-Desk.dmg"

(or `python installer/build.py --installer` on a Mac). Run from the repository's top folder after the bundle step
has made `dist/BOR Desk.app`.
"""

import os.path

application = defines.get("app", "dist/BOR Desk.app")  # noqa: F821 - dmgbuild provides `defines`
appname = os.path.basename(application)

format = "UDZO"  # compressed, read-only
size = None  # computed from the contents
files = [application]
symlinks = {"Applications": "/Applications"}
badge_icon = "resources/icons/borapp.icns"
icon_locations = {appname: (140, 120), "Applications": (420, 120)}
background = "builtin-arrow"
show_status_bar = False
show_tab_view = False
show_toolbar = False
show_pathbar = False
show_sidebar = False
window_rect = ((200, 120), (560, 320))
default_view = "icon-view"
icon_size = 96
text_size = 13
