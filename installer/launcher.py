"""The bundle's entry point: the same `borapp` command line as the installed console script.

With BORAPP_BUNDLE_PROBE=1 it runs `installer/bundle_probe.py` instead: `installer/build.py`'s check of the built
bundle (Dutch text and dates, collation, unlocking a vault in the GUI), which only the bundle's own interpreter can
run.
"""

import os

if os.environ.get("BORAPP_BUNDLE_PROBE") == "1":
    from bundle_probe import main
else:
    from borapp.cli import main

raise SystemExit(main())
