"""Every change to notices goes through a function here; other domains call ``notice_send``.

The digest itself is sent by the background task in ``tasks.py`` (``digests_send``), which
writes its own Digest rows and audit events, as accounts' email tasks do.
"""

from alongside.notices.services.reading import notice_open, notices_mark_read
from alongside.notices.services.sending import notice_send

__all__ = ["notice_open", "notice_send", "notices_mark_read"]
