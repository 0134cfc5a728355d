"""The plain test kit leaves the contract suite's dependencies out; its ``contract`` extra brings them."""

import zipfile

from buffer_profiles_testkit.contract.run import exit_codes
from tests.install.kit import InstalledKit


def test_the_plain_kit_brings_no_schemathesis_or_hypothesis_and_their_plugins_cannot_load(
    installed_kit: InstalledKit,
) -> None:
    assert "buffer-profiles-testkit" in installed_kit.plain_distributions
    assert not {"schemathesis", "hypothesis"} & installed_kit.plain_distributions


def test_the_contract_command_says_in_one_sentence_how_to_install_the_extra(installed_kit: InstalledKit) -> None:
    status, stderr = installed_kit.plain_contract_command

    assert status == exit_codes.EXTRA_MISSING
    assert stderr.count("\n") == 1
    assert stderr.rstrip().endswith("pip install 'buffer-profiles-testkit[contract]'")


def test_the_extra_is_schemathesis_alone(installed_kit: InstalledKit) -> None:
    with zipfile.ZipFile(installed_kit.testkit_wheel) as wheel:
        metadata = next(name for name in wheel.namelist() if name.endswith("METADATA"))
        requires = [line for line in wheel.read(metadata).decode().splitlines() if line.startswith("Requires-Dist:")]

    assert [line for line in requires if "extra ==" in line] == [
        'Requires-Dist: schemathesis<5,>=4.32; extra == "contract"'
    ]
