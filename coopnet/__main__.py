"""``python -m coopnet``: the command line (see :mod:`coopnet.cli`)."""

import sys

from .cli import main

sys.exit(main())
