"""The labeled project the push, pull, agreement and cli live tests share (built once a server)."""

from __future__ import annotations

import pytest
from labeled_scenario import Labeled, labeled_once
from labelstudio_fixture import LiveServer


@pytest.fixture
def labeled(ls_server: LiveServer, tmp_path_factory: pytest.TempPathFactory) -> Labeled:
    return labeled_once(ls_server, tmp_path_factory)
