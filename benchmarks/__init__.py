"""gradaudit's benchmarks: measured side by side with JAX's check_grads and torch's gradcheck.

Run `make bench` (`python -m benchmarks`); `python -m benchmarks --quick` for a smoke run.
Benchmarks are measurements, never tests. See benchmarks/README.md.
"""
