"""JAX set-up shared by every module: float64 everywhere, before any array is made."""

import jax

jax.config.update("jax_enable_x64", True)


def strict_broadcasting() -> None:
    """Make silent rank promotion an error (a classic hand-written-backprop bug).

    The CLI and the test suite both call this, so `reference/` and `checks/` code behaves the
    same under either.
    """
    jax.config.update("jax_numpy_rank_promotion", "raise")


def enable_compilation_cache() -> str | None:
    """Keep compiled XLA programs on disk, so a second `gradaudit report` skips most compiles.

    The folder is `$GRADAUDIT_CACHE_DIR`, else `~/.cache/gradaudit/jax`; `GRADAUDIT_CACHE_DIR=off`
    turns it off. Results do not depend on it: a cached program is the same program.
    """
    import os
    from pathlib import Path

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
