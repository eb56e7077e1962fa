"""JAX set-up shared by every module: float64 everywhere, before any array is made."""

import jax

jax.config.update("jax_enable_x64", True)


def strict_broadcasting() -> None:
    """Make silent rank promotion an error (a classic hand-written-backprop bug).

    The CLI and the test suite both call this, so `reference/` and `checks/` code behaves the
    same under either.
    """
    jax.config.update("jax_numpy_rank_promotion", "raise")
