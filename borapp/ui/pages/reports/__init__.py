"""The Reports screen's parts: the annual report's tables (`figure_table`), bars drawn with QPainter (`bar_chart`,
as PySide6-Addons' QtCharts is not installed), and the list of cases behind a figure (`cases_dialog`). The page itself
is `borapp.ui.pages.reports_page`."""
