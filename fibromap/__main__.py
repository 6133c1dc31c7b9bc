from fibromap.cli import main

raise SystemExit(main())
