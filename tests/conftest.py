from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.dialogue import Harness, settings_for


@pytest.fixture
async def bot(tmp_path: Path) -> AsyncIterator[Harness]:
    harness = await Harness(settings_for(tmp_path)).start()
    yield harness
    await harness.stop()
