"""The package as a user installs it: one import name, no global side effects, its own entry points.

These run in fresh processes: the test session itself runs inside `precise()` (tests/conftest.py),
so only a new interpreter shows what importing gradaudit does to somebody else's process.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import gradaudit

ROOT = Path(__file__).resolve().parents[1]


def _python(code: str, cwd: Path = ROOT) -> str:
    proc = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], cwd=cwd, capture_output=True, text=True, timeout=300
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.strip()


def test_gradaudit_is_this_repositorys_checks_folder():
    assert Path(gradaudit.__file__).resolve() == ROOT / "checks" / "__init__.py"


def test_importing_gradaudit_changes_no_global_jax_setting(tmp_path):
    out = _python(
        """
        import jax
        before = (jax.config.jax_enable_x64, jax.config.jax_numpy_rank_promotion)
        import gradaudit, gradaudit.cli, gradaudit.pytest_plugin, gradaudit.judging.runner
        import jax.numpy as jnp
        after = (jax.config.jax_enable_x64, jax.config.jax_numpy_rank_promotion)
        print(before == after, after, jnp.ones(2).dtype)
    """,
        cwd=tmp_path,
    )
    assert out == "True (False, 'allow') float32"


def test_public_calls_run_in_float64_and_restore_the_callers_settings(tmp_path):
    # dE/dw of E = (w x - t)^2 / 2 at w = 0.1, x = 3, t = 1: (0.3 - 1) * 3 = -2.1; the backward
    # returns its gradient as float64 numpy only when gradaudit's call made the inputs float64.
    out = _python(
        """
        import numpy as np, jax, jax.numpy as jnp
        from gradaudit import check_gradients
        seen = []
        def loss(p, x, t):
            return 0.5 * (p["w"] * x - t) ** 2
        def backward(p, x, t):
            seen.append(jnp.asarray(p["w"]).dtype)
            return {"w": (p["w"] * x - t) * x}
        r = check_gradients(backward, loss, {"w": 0.1}, 3.0, 1.0)
        print(r.verdicts["w"], seen[0], jax.config.jax_enable_x64, jnp.ones(1).dtype)
    """,
        cwd=tmp_path,
    )
    assert out == "ok float64 False float32"


def test_the_compile_cache_keeps_only_gradaudits_programs(tmp_path):
    # A user's program compiled before and after a gradaudit call is neither written to
    # gradaudit's cache folder; the call's own programs are. JAX's own cache state is the
    # caller's again afterwards. (GRADAUDIT_INTERPRET=off: devforum's small programs would
    # otherwise run in numpy, and the call would compile nothing to keep.)
    cache = tmp_path / "cache"
    out = _python(
        f"""
        import os, jax, jax.numpy as jnp
        os.environ["GRADAUDIT_CACHE_DIR"] = {str(cache)!r}
        os.environ["GRADAUDIT_INTERPRET"] = "off"
        from jax._src import compilation_cache as cc
        from gradaudit.cli import main
        def files():
            return len([f for f in os.listdir({str(cache)!r}) if not f.startswith(".")])
        jax.jit(lambda x: jnp.sin(x) * 3.25)(jnp.ones(7)).block_until_ready()
        before = (cc._cache, cc._cache_used, cc._cache_checked)
        report = ["report", "cases/devforum.yaml", "--format", "json", "--output", "/dev/null"]
        main(report)
        n = files()
        jax.jit(lambda x: jnp.tan(x) * 2.5)(jnp.ones(3)).block_until_ready()
        print(n > 0, files() == n, (cc._cache, cc._cache_used, cc._cache_checked) == before)
    """
    )
    assert out == "True True True"


def test_after_a_report_no_module_named_checks_was_ever_imported():
    out = _python("""
        import sys
        from gradaudit.cli import main
        code = main(["report", "cases/devforum.yaml", "--format", "json", "--output", "/dev/null"])
        print(code, sorted(m for m in sys.modules if m == "checks" or m.startswith("checks.")))
    """)
    assert out == "0 []"


def test_python_dash_m_and_version():
    proc = subprocess.run(
        [sys.executable, "-m", "gradaudit", "--version"], capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0 and proc.stdout.strip() == f"gradaudit {gradaudit.__version__}"


def test_the_plugin_is_registered_by_the_pytest11_entry_point():
    from importlib.metadata import entry_points

    (ep,) = [e for e in entry_points(group="pytest11") if e.name == "gradaudit"]
    assert ep.value == "gradaudit.pytest_plugin"
    assert not (ROOT / "conftest.py").exists()  # a second registration would collect every case twice
