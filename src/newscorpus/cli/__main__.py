"""`python -m newscorpus.cli`: the same command as the `newscorpus` console script."""

from newscorpus.cli import main

raise SystemExit(main())
