"""JAX settings gradaudit works under, switched on only where it works.

Importing gradaudit changes no global JAX setting. Its public calls (`check_gradients`, a case
run, a draft, a convention search), the CLI and the pytest plugin's items run inside `precise()`:
float64 and strict rank promotion (a silent broadcast is a classic hand-written-backprop bug),
restored on the way out. JAX keys its compiled programs on these settings, so a user's own
float32 code in the same process is neither changed nor recompiled by ours. The CLI's commands and
the pytest plugin's items also run inside `compile_cache()`: the programs they compile are kept on
disk for the next run (and for the other pytest-xdist workers), and only theirs.
"""

from __future__ import annotations

import contextlib
import functools
import os
import sys
import tempfile
import threading
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


# XLA's CPU client reads a host buffer in place when its data starts on this boundary; any other
# buffer it copies, slowly: a `device_put` of an MLP's 9 points (7 MB) took 5 ms, in place 0.1 ms.
ALIGNMENT = 64


def aligned(shape: Any, dtype: Any = np.float64) -> np.ndarray:
    """An uninitialised numpy array whose data starts on an `ALIGNMENT` boundary, so passing it
    to a compiled program (or `device_put`) costs no copy. The program then reads this very
    memory: fill it before the call and never write to it after. A large one reuses the memory
    of one no longer referenced (`_reused`)."""
    dtype = np.dtype(dtype)
    shape = tuple(int(n) for n in shape) if isinstance(shape, (tuple, list)) else (int(shape),)
    nbytes = int(np.prod(shape, dtype=np.int64)) * dtype.itemsize
    raw = _reused(nbytes + ALIGNMENT)
    start = -raw.ctypes.data % ALIGNMENT
    return raw[start : start + nbytes].view(dtype).reshape(shape)


# Large host buffers (a big net's stacked points, its copies for a numpy backward, its gradients
# stacked) are kept and handed out again once nothing references them: fresh memory from the
# system costs a page fault per 4 kB (on the 784-128-10 MLP about 4,000 per check, a third of the
# host's time), reused memory none. A buffer is free when the pool holds the only reference to
# it: every array made from it (a view, a device array read in place, an argument a backward
# kept) references it, so none is ever handed out while in use. Bounded: at most POOL_BYTES kept.
POOL_MIN = 1 << 18  # smaller buffers come from numpy as before
POOL_BYTES = 1 << 26
_POOL: list[np.ndarray] = []
_POOL_LOCK = threading.Lock()


def _reused(nbytes: int) -> np.ndarray:
    """`np.empty(nbytes, uint8)`, from the pool of large buffers when one of that size is free."""
    if nbytes < POOL_MIN:
        return np.empty(nbytes, dtype=np.uint8)
    with _POOL_LOCK:
        for k in range(len(_POOL)):
            buf = _POOL[k]
            # references: the list, `buf`, getrefcount's argument: nothing else holds it
            if buf.nbytes == nbytes and sys.getrefcount(buf) == 3:
                _POOL.append(_POOL.pop(k))  # most recently used last
                return buf
        buf = np.empty(nbytes, dtype=np.uint8)
        _POOL.append(buf)
        total = sum(b.nbytes for b in _POOL)
        if total > POOL_BYTES:
            kept = []
            for b in _POOL:  # the oldest free ones go first
                if total > POOL_BYTES and b is not buf and sys.getrefcount(b) == 3:
                    total -= b.nbytes
                else:
                    kept.append(b)
            _POOL[:] = kept
        return buf


def copied(a: np.ndarray) -> np.ndarray:
    """`np.array(a)`, into an `aligned` buffer (reused memory for a large one)."""
    a = np.asarray(a)
    if a.dtype.hasobject:
        return np.array(a)
    out = aligned(a.shape, a.dtype)
    out[...] = a
    return out


def on_device(tree: Any) -> Any:
    """`jax.device_put(tree)` with each numpy leaf first copied to an `aligned` buffer (a numpy
    copy costs a fraction of XLA's own copy of an unaligned buffer); other leaves as they are."""

    def put(x: Any) -> Any:
        if not isinstance(x, np.ndarray) or x.dtype == object:
            return x
        out = aligned(x.shape, x.dtype)
        out[...] = x
        return out

    return jax.device_put(jax.tree_util.tree_map(put, tree))


CACHE_ENV = "GRADAUDIT_CACHE_DIR"


def cache_writable(path: str) -> bool:
    """Whether a file can be created in the cache folder (a read-only cache is still read; the
    CLI says once that compiles are not kept)."""
    try:
        fd, name = tempfile.mkstemp(dir=path, prefix=".gradaudit-probe-")
    except OSError:
        return False
    os.close(fd)
    with contextlib.suppress(OSError):
        os.unlink(name)
    return True


def cache_dir() -> Path | None:
    """Where gradaudit keeps compiled XLA programs: `$GRADAUDIT_CACHE_DIR`, else
    `~/.cache/gradaudit/jax`; None when the variable says `off` (or 0, false, no) or the folder
    cannot be made (a read-only home: run without it)."""
    where = os.environ.get(CACHE_ENV, "").strip()
    if where.lower() in ("off", "0", "false", "no"):
        return None
    path = Path(where) if where else Path.home() / ".cache" / "gradaudit" / "jax"
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return path


class _FolderCache:
    """JAX's persistent-cache interface on a folder, one file per program, written whole (a
    temporary file renamed into place), so processes sharing the folder (pytest-xdist workers)
    never read a half-written program."""

    def __init__(self, path: Path):
        self._path = path

    def get(self, key: str) -> bytes | None:
        try:
            return (self._path / key).read_bytes()
        except OSError:
            return None

    def put(self, key: str, value: bytes) -> None:
        target = self._path / key
        if target.exists():
            return
        tmp = self._path / f".{key}.{os.getpid()}.{threading.get_ident()}.tmp"
        try:
            tmp.write_bytes(value)
            os.replace(tmp, target)
        except OSError:
            tmp.unlink(missing_ok=True)


_CACHE_LOCK = threading.Lock()
_CACHES: dict[Path, _FolderCache] = {}
_active: list = []  # [(saved JAX cache state)] while a block is open, in any thread


@contextlib.contextmanager
def compile_cache() -> Iterator[str | None]:
    """Keep the programs compiled inside the block in `cache_dir()`, and reuse them from there.

    Only gradaudit's own calls run inside it: the CLI's commands and the pytest plugin's items.
    JAX's persistent cache is one per process and switched on by a global setting; here it is
    swapped in for the block and the caller's own cache (or none) put back when the last open
    block ends, so the programs of the user's code run outside are neither read from nor written
    to ours. Results do not depend on it: a cached program is the same program, and only
    programs are kept, never a value or a verdict. Where JAX's internals are not what this
    expects, the block runs without a cache.
    """
    path = cache_dir()
    try:
        from jax._src import compilation_cache as cc
        from jax._src import config as jax_config

        min_time = jax_config.persistent_cache_min_compile_time_secs
        _ = (cc._cache, cc._cache_used, cc._cache_checked, cc._cache_initialized_mutex)
    except (ImportError, AttributeError):
        path = None
    if path is None:
        yield None
        return
    with _CACHE_LOCK, cc._cache_initialized_mutex:
        if not _active:
            _active.append((cc._cache, cc._cache_used, cc._cache_checked))
        else:
            _active.append(None)
        cc._cache = _CACHES.setdefault(path, _FolderCache(path))
        cc._cache_used = cc._cache_checked = True
    try:
        with min_time(0):  # every program: ours are small and many
            yield str(path)
    finally:
        with _CACHE_LOCK, cc._cache_initialized_mutex:
            saved = _active.pop()
            if not _active:
                cc._cache, cc._cache_used, cc._cache_checked = saved
