"""Label Studio: a local server (server.py), the label config (config.py), task JSON (pure:
tasks.py and quote_regions.py out, exported.py back), the project (project.py), push.py, pull.py,
kept exports (exports.py), the `--where` selection (select.py, pure), agreement tables
(agreement_report.py) and BRAT import (import_brat.py).

Only this package talks to a server, always through the SDK client (client.py) or server.py;
nothing here ever holds article text beyond what a task or an export carries.
"""

from __future__ import annotations

from newscorpus.errors import NewscorpusError


class LabelStudioError(NewscorpusError):
    """The server is down, refused the token, rejected a request, or drifted from our config.

    The message is one line naming the server (URL) or task and what to do about it.
    """
