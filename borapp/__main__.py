from borapp.cli import main

raise SystemExit(main())
