"""``python -m alongside.budgeting.rules tally FILE.pb ...``."""

import sys

from alongside.budgeting.rules.cli import main

sys.exit(main())
