"""`python -m gradaudit`: the same CLI as the `gradaudit` command."""

import sys

from .cli import main

sys.exit(main())
