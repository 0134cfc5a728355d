"""make mutation's configuration is one cosmic-ray accepts and still names this repository's code.

No mutant runs here: a run takes about 25 minutes (make mutation).
"""

import re
import tomllib
from pathlib import Path

from cosmic_ray.config import deserialize_config
from cosmic_ray.plugins import operator_names

from mutation.run import CONFIG, REPO, _run_config, config_modules

SERVER = REPO / "testkit" / "src" / "buffer_profiles_testkit" / "server"


def test_every_module_it_mutates_is_a_module_of_the_reference_server() -> None:
    modules = config_modules()
    assert modules
    for module in modules:
        path = REPO / module
        assert path.is_file(), f"{module} is gone: update mutation/cosmic-ray.toml"
        assert path.suffix == ".py"
        assert path.resolve().is_relative_to(SERVER), module


def test_each_left_out_operator_pattern_leaves_out_some_operators_and_not_all() -> None:
    patterns = tomllib.loads(CONFIG.read_text())["cosmic-ray"]["filters"]["operators-filter"]["exclude-operators"]
    operators = list(operator_names())
    for pattern in patterns:
        # cr-filter-operators matches each pattern at the start of the operator's name.
        assert any(re.match(pattern, name) for name in operators), f"{pattern} matches no operator of cosmic-ray"
    kept = [name for name in operators if not any(re.match(pattern, name) for pattern in patterns)]
    assert "core/ReplaceComparisonOperator_Eq_NotEq" in kept
    assert "core/AddNot" in kept


def test_the_run_configuration_names_its_workers_and_test_command(tmp_path: Path) -> None:
    modules = config_modules()[:1]
    text = _run_config(CONFIG, "python run.py --contract-once", ["http://127.0.0.1:1", "http://127.0.0.1:2"], modules)
    config = deserialize_config(text)
    assert config.test_command == "python run.py --contract-once"
    assert config.distributor_name == "http"
    assert config.distributor_config["worker-urls"] == ["http://127.0.0.1:1", "http://127.0.0.1:2"]
    assert config["module-path"] == modules
    assert config.timeout > 0
