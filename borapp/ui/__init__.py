"""The desktop face: Qt widgets that show and edit, and call services. No SQL, no files."""

from borapp.ui.refcount_guard import make_singletons_immortal

make_singletons_immortal()
