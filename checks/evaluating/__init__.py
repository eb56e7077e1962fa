"""Layer 3, evaluating: the oracle. Worksheet chains (exact and the author's), autodiff and finite
differences, and the element-wise comparison of a hand-written gradient with the true one that
names a formula verdict (classify). Imports only the layers below it (in practice, core)."""
