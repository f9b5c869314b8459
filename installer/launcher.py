"""The bundle's entry point: the same `borapp` command line as the installed console script."""

from borapp.cli import main

raise SystemExit(main())
