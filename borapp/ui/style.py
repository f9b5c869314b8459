"""The calm, plain look: palette colours from the platform, a few sizes and spacings on top."""

ITEM_PADDING = 4  # around a table cell's text (px); wrapped cells measure their rows with it (WrappedCells)

STYLE_SHEET = """
QLabel#pageTitle { font-size: 20px; font-weight: 600; padding: 4px 0 8px 0; }
QLabel#sectionTitle { font-size: 15px; font-weight: 600; padding: 8px 0 4px 0; }
QLabel#rowTitle { font-weight: 600; }
QFrame#dashboardCard QLabel#sectionTitle { font-size: 14px; padding: 2px 0 2px 0; }  /* Today's cards: nine headings in view */
QLabel#rowDate { color: palette(placeholder-text); }
QLabel#cardNote { color: palette(placeholder-text); padding-left: 6px; }
QLabel#emptyState { color: palette(placeholder-text); font-size: 14px; padding: 24px; }
QListWidget#navigationRail { background: palette(alternate-base); padding-top: 8px; font-size: 14px; outline: 0; }
QListWidget#navigationRail::item { padding: 10px 12px; border-radius: 6px; margin: 2px 8px; }
QListWidget#navigationRail::item:selected { background: palette(highlight); color: palette(highlighted-text); }
QListWidget#activationList { background: transparent; border: none; }
QListWidget#activationList::item { border-radius: 6px; margin: 1px 0; }
QListWidget#activationList::item:hover { background: palette(alternate-base); }
QListWidget#activationList::item:selected { background: palette(midlight); }
QFrame#unlockCard { padding: 24px; }
QTableView { gridline-color: palette(midlight); }
QTableView::item { padding: %dpx; }
""" % ITEM_PADDING
