"""Label Studio connection: a local server (server.py), the label config (config.py), task JSON
(tasks.py, pure) and push/pull through the SDK (sync.py).

Only server.py and sync.py talk to a server; nothing here ever holds article text beyond what a
task or an export carries.
"""

from __future__ import annotations

from newscorpus.errors import NewscorpusError


class LabelStudioError(NewscorpusError):
    """The server is down, refused the token, rejected a request, or drifted from our config.

    The message is one line naming the server (URL) or task and what to do about it.
    """
