"""The bundle's entry point: the same command as `fibromap`."""

from fibromap.cli import main

raise SystemExit(main())
