"""The package's identity: one version, kept with the overrides, and models that print readably."""

import tomllib

import buffer_profiles_client
from buffer_profiles_client.models import Error, Profile

from buffer_profiles_testkit.yaml_loading import load_yaml
from overrides.generate import OUTPUT, OVERRIDES
from tests.seeds import seed_profile


def test_the_version_is_the_one_kept_with_the_overrides() -> None:
    configured = load_yaml((OVERRIDES / "generator.yaml").read_text())["package_version_override"]
    built = tomllib.loads((OUTPUT / "pyproject.toml").read_text())["project"]["version"]

    assert buffer_profiles_client.__version__ == built == configured == "3.0.0"


def test_models_print_unset_fields_readably() -> None:
    profile = seed_profile()
    del profile["avatar"], profile["statistics"]

    printed = repr(Profile.from_dict(profile)) + repr(Error(code=1010))

    assert "avatar=UNSET" in printed
    assert "Error(code=1010, success=UNSET, " in printed
    assert "object at 0x" not in printed
