"""The pytest plugin of this suite, loaded with ``-p tests.plugin`` (pyproject's addopts).

It is imported before pytest-django reads the settings, which conftest.py files are not: the
settings read ALONGSIDE_MODE at import (and production, the default, refuses to start without
a SECRET_KEY), so this is what lets plain ``pytest`` run without ALONGSIDE_MODE=test.
"""

from __future__ import annotations

import os

os.environ.setdefault("ALONGSIDE_MODE", "test")
