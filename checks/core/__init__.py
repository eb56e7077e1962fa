"""Layer 1, core: what every other layer speaks. The worksheet vocabulary (how a step and its
meaning are declared), printed numbers, tolerances, the verdict registry, the base error class,
and the scoped JAX settings. Imports nothing else of gradaudit."""
