from collections.abc import Iterator

import pytest

from tests.client.installed import InstalledClient, install_client
from tests.client.qs_decoder import QsDecoder


@pytest.fixture(scope="session")
def qs_decoder() -> Iterator[QsDecoder]:
    decoder = QsDecoder()
    yield decoder
    decoder.close()


@pytest.fixture(scope="session")
def installed_client(tmp_path_factory: pytest.TempPathFactory) -> InstalledClient:
    return install_client(tmp_path_factory.mktemp("installed-client"))
