"""Where private files (photos of flipchart notes, a young person's drawing) are kept.

Private storage has no URL: nothing in it is ever served by the web server or a CDN. A page
that shows such a file reads it through a view that asks the policy first.
"""

from __future__ import annotations

from django.core.files.storage import Storage, storages


def private_storage() -> Storage:
    return storages["private"]
