"""Test set-up: float64, strict broadcasting, hypothesis profiles.

`CI=true` loads the `ci` profile (derandomized, so a CI run is reproducible; no deadline, since a
first JAX compile takes longer than any deadline); anything else loads `dev`.
"""

import os

from hypothesis import settings

from checks import _jax

_jax.strict_broadcasting()  # silent rank promotion is an error, as under the CLI

settings.register_profile("ci", derandomize=True, deadline=None, max_examples=30, print_blob=True)
settings.register_profile("dev", deadline=None, max_examples=20)
settings.load_profile(
    "ci" if os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no") else "dev"
)
