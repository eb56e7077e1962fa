"""Built-in networks: worked examples described in a case's YAML alone (`reference: gradaudit.nets:dense`).

A layer of its own above `evaluating` (it builds ordinary `Worksheet`s from the `network:` block
that `gradaudit.loading.schema.Network` validates); `gradaudit.loading.resolve.BUILTINS` lists
what a case may name here.
"""

from .dense import dense, quantity_names

__all__ = ["dense", "quantity_names"]
