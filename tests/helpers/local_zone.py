"""The person's time zone for a test: TZ, which datetime.astimezone() (and so FibroMap)
reads once time.tzset() is called; put back afterwards."""

import os
import time

import pytest


@pytest.fixture
def local_zone():
    before = os.environ.get("TZ")

    def use(name: str) -> None:
        os.environ["TZ"] = name
        time.tzset()

    yield use
    if before is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = before
    time.tzset()
