#!/usr/bin/env python
"""Django's manage.py; `alongside` (see src/alongside/cli.py) is the friendlier front door."""

import sys

from alongside.cli import main

if __name__ == "__main__":
    main(sys.argv)
