"""Test set-up: gradaudit's precise JAX settings for every test, hypothesis profiles.

Importing gradaudit changes no global setting (tests/test_project.py checks that in a fresh
process), so the tests say what they need themselves: they run inside `precise()` (float64,
strict rank promotion) for the whole session, as the CLI and the plugin's items do, since many of
them call the engine's internals directly rather than through a public entry point.

`CI=true` loads the `ci` profile (derandomized, so a CI run is reproducible; no deadline, since a
first JAX compile takes longer than any deadline); anything else loads `dev`.
"""

import os

import pytest
from hypothesis import settings

from gradaudit.core._jax import precise


@pytest.fixture(scope="session", autouse=True)  # session: module-scoped fixtures compute inside it too
def _precise():
    with precise():
        yield


settings.register_profile("ci", derandomize=True, deadline=None, max_examples=30, print_blob=True)
settings.register_profile("dev", deadline=None, max_examples=20)
settings.load_profile(
    "ci" if os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no") else "dev"
)
