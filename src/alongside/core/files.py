"""Where private files (photos of flipchart notes, a young person's drawing) are kept.

Private storage has no URL: nothing in it is ever served by the web server or a CDN. A page
that shows such a file reads it through a view that asks the policy first.
"""

from __future__ import annotations

from django.core.files import File
from django.core.files.storage import Storage, storages

from alongside.core.errors import ValidationFailed

IMAGE_MAX_BYTES = 5 * 1024 * 1024
IMAGE_FORMATS = {"JPEG", "PNG"}


def private_storage() -> Storage:
    return storages["private"]


def check_image(image: File[bytes] | None, *, field: str = "image") -> None:
    """A photo is a JPEG or PNG of at most 5 MB, and really an image (not renamed)."""
    if image is None:
        return
    if image.size is not None and image.size > IMAGE_MAX_BYTES:
        raise ValidationFailed("The photo must be smaller than 5 MB.", field=field)
    from PIL import Image, UnidentifiedImageError

    try:
        image.seek(0)
        with Image.open(image) as opened:
            kind = opened.format
            opened.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ValidationFailed("The photo must be a JPG or PNG.", field=field) from None
    finally:
        image.seek(0)
    if kind not in IMAGE_FORMATS:
        raise ValidationFailed("The photo must be a JPG or PNG.", field=field)


DOCUMENT_MAX_BYTES = 10 * 1024 * 1024


def check_document(document: File[bytes], *, field: str = "file") -> None:
    """A document to read alongside a page is a PDF of at most 10 MB, and really a PDF (it
    starts as every PDF does), so a renamed program or web page is never kept or served."""
    if document.size is not None and document.size > DOCUMENT_MAX_BYTES:
        raise ValidationFailed("The file must be smaller than 10 MB.", field=field)
    document.seek(0)
    start = document.read(5)
    document.seek(0)
    if start != b"%PDF-":
        raise ValidationFailed("The file must be a PDF.", field=field)
