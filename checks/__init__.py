"""gradaudit's harness: check hand-written backpropagation three ways.

Public surface: `check_gradients` / `assert_gradients` for a hand-written backward, and the
worksheet vocabulary in `checks.vocab` for tutorials' worked examples.
"""

from checks import _jax  # noqa: F401  (float64 before anything else)
from checks.gradients import GradientResult as GradientResult
from checks.gradients import LeafResult as LeafResult
from checks.gradients import assert_gradients as assert_gradients
from checks.gradients import check_gradients as check_gradients

__all__ = ["check_gradients", "assert_gradients", "GradientResult", "LeafResult"]
