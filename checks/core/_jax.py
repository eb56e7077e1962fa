"""JAX settings gradaudit works under, switched on only where it works.

Importing gradaudit changes no global JAX setting. Its public calls (`check_gradients`, a case
run, a draft, a convention search), the CLI and the pytest plugin's items run inside `precise()`:
float64 and strict rank promotion (a silent broadcast is a classic hand-written-backprop bug),
restored on the way out. JAX keys its compiled programs on these settings, so a user's own
float32 code in the same process is neither changed nor recompiled by ours.
"""

from __future__ import annotations

import contextlib
import functools
import os
import tempfile
from pathlib import Path
from typing import Any, Callable, Iterator, TypeVar

import jax
import numpy as np

F = TypeVar("F", bound=Callable[..., Any])


@contextlib.contextmanager
def precise() -> Iterator[None]:
    """float64 and `jax_numpy_rank_promotion="raise"` inside the block, the caller's settings after.

    numpy's floating-point errors are ignored inside too (`np.errstate`): an overflow is a value
    (inf, NaN) the verdicts judge, never a RuntimeWarning, so pytest's warnings-as-errors cannot
    turn a finding into an error and the CLI prints no warnings (a 1e308 given reads the same in
    both)."""
    with jax.enable_x64(True), jax.numpy_rank_promotion("raise"), np.errstate(all="ignore"):
        yield


def scoped(fn: F) -> F:
    """Run `fn` inside `precise()`: the decorator of every public entry point."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        __tracebackhide__ = True  # pytest: a user's failure points at their call, not here
        with precise():
            return fn(*args, **kwargs)

    return wrapper  # type: ignore[return-value]


# JAX warns once per program it fails to store; the CLI silences these (CACHE_WRITE_WARNING) and
# says once that the cache is read-only (`cache_writable`).
CACHE_WRITE_WARNING = r"Error writing persistent compilation cache entry"


def cache_writable(path: str) -> bool:
    """Whether a file can be created in the cache folder (a read-only cache is still read)."""
    try:
        fd, name = tempfile.mkstemp(dir=path, prefix=".gradaudit-probe-")
    except OSError:
        return False
    os.close(fd)
    with contextlib.suppress(OSError):
        os.unlink(name)
    return True


def enable_compilation_cache() -> str | None:
    """Keep compiled XLA programs on disk, so a second `gradaudit report` skips most compiles.

    Only the CLI calls this (a process of its own). The folder is `$GRADAUDIT_CACHE_DIR`, else
    `~/.cache/gradaudit/jax`; `GRADAUDIT_CACHE_DIR=off` turns it off. Results do not depend on it: a
    cached program is the same program.
    """
    where = os.environ.get("GRADAUDIT_CACHE_DIR", "").strip()
    if where.lower() in ("off", "0", "false", "no"):
        return None
    path = Path(where) if where else Path.home() / ".cache" / "gradaudit" / "jax"
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None  # a read-only home: run without the cache
    jax.config.update("jax_compilation_cache_dir", str(path))
    jax.config.update("jax_persistent_cache_min_compile_time_secs", 0)
    jax.config.update("jax_persistent_cache_min_entry_size_bytes", 0)
    return str(path)
