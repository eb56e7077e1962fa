"""gradaudit: check hand-written backpropagation three ways (autodiff, finite differences, and
the numbers a tutorial printed), and name what kind of slip each mismatch is.

The public surface is re-exported here; everything else is private to the package. Importing it
changes no global JAX setting: float64 and strict rank promotion hold only inside its own calls.
"""

from ._version import __version__ as __version__
from .errors import GradauditError as GradauditError
from .gradients import GradientResult as GradientResult
from .gradients import LeafResult as LeafResult
from .gradients import assert_gradients as assert_gradients
from .gradients import check_gradients as check_gradients
from .vocab import Backward as Backward
from .vocab import Bound as Bound
from .vocab import Conventions as Conventions
from .vocab import Iteration as Iteration
from .vocab import Meaning as Meaning
from .vocab import Predicate as Predicate
from .vocab import Quantity as Quantity
from .vocab import Sampler as Sampler
from .vocab import Step as Step
from .vocab import Worksheet as Worksheet
from .vocab import change as change
from .vocab import grad as grad
from .vocab import sigmoid as sigmoid
from .vocab import update as update

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
