"""gradaudit's benchmarks: measured side by side with JAX's check_grads and torch's gradcheck.

Run `make bench` (`python -m benchmarks`); `python -m benchmarks --quick` for a smoke run.
Benchmarks are measurements, never tests. See benchmarks/README.md.
"""

import jax

# The benchmarks' own arrays (the nets, the anchors' inputs) are float64, as gradaudit checks them;
# gradaudit switches float64 on only inside its own calls, so this process says so itself.
jax.config.update("jax_enable_x64", True)
jax.config.update("jax_numpy_rank_promotion", "raise")  # as gradaudit runs: broadcasts are explicit
