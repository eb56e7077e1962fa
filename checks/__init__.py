"""gradaudit: check hand-written backpropagation three ways (autodiff, finite differences, and
the numbers a tutorial printed), and name what kind of slip each mismatch is.

The public surface is re-exported here; everything else is private to the package. Importing it
changes no global JAX setting: float64 and strict rank promotion hold only inside its own calls.
"""

from ._version import __version__ as __version__
from .core.errors import GradauditError as GradauditError
from .core.vocab import Backward as Backward
from .core.vocab import Bound as Bound
from .core.vocab import Conventions as Conventions
from .core.vocab import Iteration as Iteration
from .core.vocab import Meaning as Meaning
from .core.vocab import Predicate as Predicate
from .core.vocab import Quantity as Quantity
from .core.vocab import Sampler as Sampler
from .core.vocab import Step as Step
from .core.vocab import Worksheet as Worksheet
from .core.vocab import change as change
from .core.vocab import grad as grad
from .core.vocab import sigmoid as sigmoid
from .core.vocab import update as update
from .evaluating.gradients import GradientResult as GradientResult
from .evaluating.gradients import LeafResult as LeafResult
from .evaluating.gradients import assert_gradients as assert_gradients
from .evaluating.gradients import check_gradients as check_gradients

__all__ = [
    "__version__",
    "GradauditError",
    "check_gradients",
    "assert_gradients",
    "GradientResult",
    "LeafResult",
    "Worksheet",
    "Backward",
    "Step",
    "Meaning",
    "grad",
    "change",
    "update",
    "sigmoid",
    "Bound",
    "Iteration",
    "Quantity",
    "Predicate",
    "Sampler",
    "Conventions",
]
