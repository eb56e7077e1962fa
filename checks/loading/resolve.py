"""Where a case's `reference: module:attribute` comes from, decided before anything is imported.

A reference resolves inside the case's own project: the nearest folder at or above the case file
that holds a `reference/` folder. The module must be `reference.<name>` (or deeper, following the
folders) with its file in that `reference/` folder; any other module name (the standard library,
another installed package, a module elsewhere under the project, gradaudit itself) is refused
with a message, and nothing is imported. No PYTHONPATH is needed: the project's `reference`
package is loaded from its folder. When the process already imported a `reference` package from
that same folder (the project's own tests do), that one is used, so there is one copy of each
worksheet; a `reference` package of another project in the same process is loaded under a
private name instead, so two projects never see each other's modules.

gradaudit's own built-in references (`gradaudit.nets:dense`, configured from the case's
`network:` block) are listed in `BUILTINS`: a name there resolves without a reference/ folder;
any other `gradaudit.*` name is refused like any module outside reference/, before an import.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib
import importlib.machinery
import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

from ..core.errors import GradauditError

PACKAGE = "reference"
_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


class ReferenceNotAllowed(GradauditError):
    """The reference names a module outside the project's reference/ folder, or none at all."""


# The built-in references, module -> attributes: the only names outside a project's reference/
# folder that a case may name. Each is a function of the case's configuration block (for
# gradaudit.nets: the `network:` block) returning a Worksheet.
BUILTINS: dict[str, tuple[str, ...]] = {"gradaudit.nets": ("dense",)}


class BuiltinConfigError(GradauditError):
    """A built-in's configuration block is inconsistent; `path` locates the field inside it."""

    def __init__(self, path: tuple, message: str):
        super().__init__(path, message)
        self.path = tuple(path)
        self.message = message

    def __str__(self) -> str:
        return self.message


def is_builtin(module_name: str) -> bool:
    return module_name in BUILTINS


def builtin_factory(module_name: str, attr: str):
    """The built-in `module:attr`, imported only when both names are in BUILTINS."""
    if module_name not in BUILTINS:
        raise ReferenceNotAllowed(f"module '{module_name}' is not one of gradaudit's built-in references")
    if attr not in BUILTINS[module_name]:
        names = ", ".join(BUILTINS[module_name])
        raise ReferenceNotAllowed(
            f"gradaudit's built-in module '{module_name}' has no reference '{attr}' (it has: {names})"
        )
    return getattr(importlib.import_module(module_name), attr)


def project_root(start: Path) -> Path | None:
    """The nearest folder at or above `start` (a file or folder) that holds a `reference/` folder."""
    here = start.resolve()
    here = here if here.is_dir() else here.parent
    for folder in (here, *here.parents):
        if (folder / PACKAGE).is_dir():
            return folder
    return None


def module_file(root: Path, module_name: str) -> Path:
    """The file of `reference.<...>` under `root`, or ReferenceNotAllowed saying why not."""
    parts = module_name.split(".")
    if parts[0] != PACKAGE or len(parts) < 2 or not all(_IDENT.match(p) for p in parts):
        raise ReferenceNotAllowed(
            f"module '{module_name}' is not in the project's {PACKAGE}/ folder ({root / PACKAGE}); "
            f"a case names a module there as '{PACKAGE}.<file name>:<attribute>'"
        )
    base = root.joinpath(*parts)
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    raise ReferenceNotAllowed(f"there is no module '{module_name}': no file {base.with_suffix('.py')}")


def _package_name(root: Path) -> str:
    """`reference` when that name is free or already this project's; else a private name."""
    folder = (root / PACKAGE).resolve()
    loaded = sys.modules.get(PACKAGE)
    if loaded is None:
        return PACKAGE
    paths = [Path(p).resolve() for p in getattr(loaded, "__path__", [])]
    if folder in paths:
        return PACKAGE
    return f"_gradaudit_project_{hashlib.sha256(str(folder).encode()).hexdigest()[:12]}"


def _ensure_package(name: str, folder: Path) -> ModuleType:
    if name in sys.modules:
        return sys.modules[name]
    init = folder / "__init__.py"
    if init.is_file():
        spec = importlib.util.spec_from_file_location(name, init, submodule_search_locations=[str(folder)])
    else:  # a plain folder of modules: a package with no code of its own
        spec = importlib.machinery.ModuleSpec(name, None, is_package=True)
        spec.submodule_search_locations = [str(folder)]
    if spec is None:  # pragma: no cover - a file location always gives a spec
        raise ReferenceNotAllowed(f"cannot load the package {folder}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        if spec.loader is not None:
            spec.loader.exec_module(module)
    except BaseException:
        sys.modules.pop(name, None)
        raise
    return module


def import_reference_module(root: Path, module_name: str) -> ModuleType:
    """Import `reference.<...>` from `root/reference/` (checked first by `module_file`)."""
    module_file(root, module_name)
    package = _package_name(root)
    _ensure_package(package, root / PACKAGE)
    if package == PACKAGE:
        return importlib.import_module(module_name)
    with _as_reference(package):
        return importlib.import_module(package + module_name[len(PACKAGE) :])


@contextlib.contextmanager
def _as_reference(package: str):
    """While a project loaded under a private name imports, `reference` is that project, so its
    modules' own `from reference.base import ...` finds their sibling, not the other project's.
    What they import under `reference.` is kept under the private name afterwards (one copy of
    each module), and the process's own `reference` modules are put back as they were."""
    private = package + "."
    saved = {k: sys.modules.pop(k) for k in list(sys.modules) if k == PACKAGE or k.startswith(PACKAGE + ".")}
    sys.modules[PACKAGE] = sys.modules[package]
    for k in [k for k in sys.modules if k.startswith(private)]:
        sys.modules[PACKAGE + "." + k[len(private) :]] = sys.modules[k]
    try:
        yield
    finally:
        for k in [k for k in sys.modules if k.startswith(PACKAGE + ".")]:
            sys.modules.setdefault(private + k[len(PACKAGE) + 1 :], sys.modules[k])
            del sys.modules[k]
        del sys.modules[PACKAGE]
        sys.modules.update(saved)
