from collections.abc import Iterator

import pytest

from tests.client.qs_decoder import QsDecoder


@pytest.fixture(scope="session")
def qs_decoder() -> Iterator[QsDecoder]:
    decoder = QsDecoder()
    yield decoder
    decoder.close()
