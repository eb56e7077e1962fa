"""Hongfei Yan's course notes "人工智能" (GMyhf/2025fall-cs201, AI_literacy.md): a copy of the
GeeksforGeeks 2-2-1 backpropagation example (text: cases/texts/gmyhf_gfg_copy.txt).

The notes quote GeeksforGeeks' "Backpropagation in Neural Network" (its URL heads the section,
first version 2025-07-27, days after GeeksforGeeks' revision of 01 Jul 2025) with a Chinese
paraphrase, and re-typeset the worked example's formulas in LaTeX. The procedure is GeeksforGeeks'
own, step for step: same notation (a_j, y_j, delta_j, w_{i,j}), same network, same givens
(x1 = 0.35, x2 = 0.7, w11 = w21 = 0.2, w12 = w22 = 0.3, w13 = 0.3, w23 = 0.9, target 0.5,
eta = 1), same stated loss MSE = (Predicted Output - Actual Output)^2, same rules
delta_5 = y5 (1 - y5)(y_target - y5), delta_j = y_j (1 - y_j)(w_{j,3} delta_5),
Delta w_ij = eta delta_j O_j added to the old weight. So the worksheet is GeeksforGeeks' own
(`reference.geeksforgeeks.worked_example`), re-exported here under the copy's name; nothing in
it is re-derived.

What the copy prints differently from the original (the case lists every printed number):
- y4 = F(0.315) = 0.578, printed on its own line (the original prints y4 only as the operand 0.59);
- a3 = (0.3 x 0.56) + (0.9 x 0.58) = 0.702: the operands are the copy's own y3 = 0.56 and y4
  rounded to 0.58 (the original's were 0.57 and 0.59), while the result 0.702 is the original's;
- everything after it (delta_4 with y4 = 0.59, the changes, the new weights, the second pass) is
  the original's numbers, digit for digit, slips included.

INFERRED: the givens are not printed in the copy's text either (they are in the figures, which
are GeeksforGeeks' images re-hosted); they are the ones the original's case infers
(RECOVERED.md 002), and the copy's own a1 = 0.21, a2 = 0.315 and y4 = 0.578 follow from them.
"""

from reference.geeksforgeeks import worked_example

__all__ = ["worked_example"]
