"""The draft against the hand-written corpus cases (issue 20), from the article's text alone.

For every case in cases/ whose article is in cases/texts/, the share of its claim rows the draft
binds to the same step with the same printed value (tests/draft_corpus.py; the table by hand:
`.venv/bin/python tests/draft_corpus.py [--verdicts]`; an article that prints its example several
times is drafted once per printing too, and each case is compared with the draft that agrees with
it best). The floors are what the draft reaches today (1517 of 1769 rows, 77 claims the cases do
not make, 1495 rows with the case's verdict, measured with that command; the held-out articles below as
measured before and after the draft work that did not see them); a change that loses
agreement, or binds more numbers to steps the cases do not give them, fails here. Per tutorial
(all cases of one article together: `tests/draft_corpus.py --tutorials`, the table in README) every
article agrees on at least 80% of its rows but the ones held out from all the draft work below,
and the draft's counts of its printed numbers add up.

Per article, the matrix and vector ones (kaifeng 44 of 44, geoj 33 of 33, of which 5 through the
spellings geoj's reference gives grads['b2'] ... as its notebook's prose writes them), the table
of iterations (studyx 16 of 16) and the scalar ones keep their own floors below.

deepml's one text holds eight printings of the example and tests (an example, test calls and their
printed tuples, a test function, JSON); drafted as one, it bound the numbers of whichever
printing it met first. Each printing is now drafted on its own (checks/draft/printings.py), its
inputs read from the call of the problem's own function and its outputs named by that function's
return statement (checks/draft/calls.py): all 48 rows, 47 with the case's verdict.

sghosh_neuron, abdulrehman_bp222 and pythonandml_numerical were added after the draft work of
292 of 382 began and were held out from it: 9 of 12, 14 of 45 and 0 of 48 then (their given values
were not found: `learning rate (eta) = 0.1`, `w1, w2 = 0.20, 0.25` in code, `W_1 =
\\begin{bmatrix} ...` over several lines). Read by general mechanisms, each with a test on a
synthetic text (tests/test_draft_printouts.py), they reach 12 of 12, 45 of 45 and 48 of 48, every
row with the case's verdict; no other article lost a row.

mathse_backprop_check was added while that last work ran and held out from all of it: 0 of 2, its
given values said only in prose ("With all the weights set to 0.5, all the biases set to 1, and
the input set to 1"), which no mechanism read. sreekanth_tiny_bce was added after all the draft
work, held out from it too: 15 of 15 rows, 13 with the case's verdict (its learning rate, "With a
learning rate of `0.1`", was not found, so the two updates were not verified). Given values said in
words for a family of them (checks/draft/wording.py) and a number alone in backticks, each tested on
synthetic texts (tests/test_draft_wording.py), bring them to 2 of 2 and 15 of 15, every row with
the case's verdict (no other row moved).
bcxiaobai_bp222 (a Chinese page: a program's output, then the program) was added after all the
draft work and held out: 6 of 21 rows, 6 with the case's verdict. Its outputs are rows of bare
numbers under a header line that names them ("=正向计算：h1, h2, o1 ,o2=" / "0.56 0.5 0.48 0.53"),
so only values no other step shares are bound; its learning rate is not in the stored page.
rpubs_red221 (an R Markdown document in Spanish: R code, each chunk's output a header row of names
over a row of values) was added after it, held out too: 0 of 22. Its given values are set in R
(`x1 <- 0; x2 <- 1`), which the draft does not read, so no step can be computed.
statisticsschool_bp111 (a Japanese practice page in LaTeX, a 1-1-1 network by hand) was added with
them, held out too: 14 of 15, 14 with the case's verdict; the fifteenth, 1 + e^{-z_1} = 1.2725, is
bound to the 1.3 read inside `\frac{1}{1+e^{-1.3}}` (the one claim the cases do not make added).

Held out from all draft work and measured before anyone tuned the draft on it (HELD_OUT):
mihirsai_softmax_ce (a softmax + cross-entropy step in Markdown with bmatrix) 14 of 36 rows, 14 with
the case's verdict: "If learning rate = 0.1:" is not found, the draft reads only lines 1-110 (the W
update and Delta W matrices after them are taken for another example), "\\exp = [...]" is not read
as the step labelled exp, and the logits' line carries no label. smaxx73_session6 (course notes
with three examples: a neuron's tables, a 2-2-1 net in bmatrix with superscript layer indices, a
1-1-1 exercise) 46 of 65 rows, 46 with the case's verdict, 3 claims the cases do not make: for
Exercise 3.1 the draft reads the whole article (z_1 taken from Exercise 9.1, the table's dL/de and
dL/db left for a person); for section 5 "With learning rate $\\eta = 1.0$" is not read, W^(1) x is
bound to the printed x, and (W^(2))^T delta^(2), delta^(1), W^(2)_new and the products of z^(2) are
not bound; Exercise 9.1 binds 18 of 21 (b_2, w_1, b_1 updated are left unbound).
ornlyp63_backprop321 (a numpy notebook, a 3-2-1 sigmoid network in the notebook's 2-D shapes) 0 of
18 rows: the draft reads `np.array([[1, 0, 1]])` and the other 2-D givens as 1-D lists, the
worksheet cannot be evaluated with them, so every given is left NEEDED and nothing is bound (the
outputs, `array([[0.4738889]])` after a cell ending in `a2`, name their step only by the cell's
last line).
lexai_bce211 (a notebook's markdown cell: a 2-1-1 sigmoid network with binary cross-entropy in LaTeX
with bmatrix) 19 of 23 rows, none with a verdict: its `$W_1 = \\begin{bmatrix} 0.5 & -0.5
\\end{bmatrix}$ (1×2)`, a bullet with a size after it, is not read, so W1 is left NEEDED, the draft
is not verified, and dL/dW_1 and the W_1 update (vectors) are not bound.
aistackexchange_linreg_gd (a Q&A: the asker's theta_0 in prose, the answer's numpy loop printing
"thetas are now [1.13333333 0.26666667] with new loss of 0.6666666666666666" three times) 1 of 10
rows, 1 with the case's verdict, 1 claim the cases do not make: only the first line's loss is bound
(in both cases, the asker's too); the three lines of one print statement are not told apart as
iterations 1, 2, 3, and the asker's "I am getting $$Θ_0$$ as 1.7821" is not bound.
rashid_mynn_errata (a blog's erratum to a book's worked example, as a page's extracted text that lost
its subscripts and minus signs: "w 11", "e 1 = 1.5") 0 of 6 rows: every given value is said in prose
("the weight w 11 ... which currently has the value 2.0", "a learning rate of 0.1") or only inside
an expression ("(2.0 * 0.4) + (3.0 * 0.5)"), so all are left NEEDED and nothing is bound.
hiratsuca_mlp_tanh (a homework solution in Markdown/LaTeX at 8 decimals: a 2-2-1 tanh network in
row-vector layout, each result in `\\boxed{}`, several inside `aligned` or multi-line bmatrix) 15 of
40 rows, 15 with the case's verdict, 3 claims the case does not make: the backward pass's scalars and
vectors on one line are bound; the forward pass (z^(1), h^(1), the products), dL/dW^(1) and every
update but b^(1)'s are not, dL/dW^(2) is bound to the h^(1) column printed inside its product, and
b^(2)_new to the 0.5 of W^(2).

gmyhf_gfg_copy bound all 22 of its case's rows but gave 7 of them the case's verdict: its case
declares `copies: geeksforgeeks-2025-07-01` (DESIGN row 3b), which the draft could not know. The
article prints GeeksforGeeks' URL, the source URL of that case; a draft now proposes `copies:` the
case of its project whose source URL the article prints (checks/draft/copies.py, tested on a
synthetic project in tests/test_draft_copies.py), and its run takes it into account: 22 of 22, and
355 -> 370 rows with the case's verdict over the corpus (no other row moved).
"""

from __future__ import annotations

import os

import pytest
from draft_corpus import ROOT, agreement, corpus_cases, tutorial_table, tutorials


@pytest.fixture(scope="module")
def pairs():
    return corpus_cases()


@pytest.fixture(scope="module")
def table(pairs):
    here = os.getcwd()
    os.chdir(ROOT)  # the draft resolves --reference in the project it runs in
    try:
        return [agreement(case, text) for case, text in pairs]
    finally:
        os.chdir(here)


@pytest.fixture(scope="module")
def by_tutorial(pairs, table):
    here = os.getcwd()
    os.chdir(ROOT)
    try:
        return tutorials(pairs, table)
    finally:
        os.chdir(here)


# Articles held out from every draft change so far, with why they are below 80% (measured, not a goal)
HELD_OUT = {
    # 6 of 21 when added (tests/draft_corpus.py --verdicts: 6 with the case's verdict); 13 of 21 (13)
    # after the printouts were read (checks/draft/printouts.py): the lr is not in the stored page
    "bcxiaobai_bp222": "lr not in the stored page: the updated weights cannot be computed",
    # 0 of 22 when added (0 with the case's verdict); 22 of 22 (22) after R statements and named
    # vectors were read (checks/draft/assignments.py, printouts.py)
    "rpubs_red221": "R code: read since; kept here as measured before the work on it",
    # 14 of 15 when added (14 with the case's verdict, 1 claim the case does not make); 15 of 15 (15,
    # none the case does not make) once a number in an exponent is the value substituted (operands.py)
    "statisticsschool_bp111": "read since; kept here as measured before the work on it",
    # measured before any draft work saw it: 14 of 36 rows, 14 with the case's verdict; 23 of 36 (23)
    # after shape tuples, `\exp = [...]`, a label of two words and a matrix after a matrix were read;
    # 29 of 36 (29) once a learning rate in a lead-in sentence was read (prose_givens.py, draftG);
    # 35 of 36 (35) once a list of sums before a bound vector's value gave its inputs (sums.py, draftM);
    # 36 of 36 (36) with a number outside a vector step's lists its scalar input ("- 1.1", draftM)
    "mihirsai_softmax_ce": "read since: kept here as measured before the work on it",
    # measured before any draft work saw it: 46 of 65 rows, 46 with the case's verdict, 3 claims the
    # cases do not make; 49 of 65 (49, 2) once a passage that ties the whole article wins when the
    # whole binds numbers fitting no value of their step, and a remark after a result is no operand;
    # 52 of 65 (52, 2) after draftG read its eta ("With learning rate $\\eta = 1.0$", no row moved) and a
    # table's value cell after its expression's cell (Exercise 3.1: 7 -> 10 of 10); 57 of 65 (57, 2) once
    # a Greek letter with a layer superscript (`\\delta^{(2)}`) was read as `\\delta_2` (section 5: 21 -> 26);
    # 59 of 65 (59, 2) once a display starting with `=` went on with the display above (W^(2)_new);
    # 65 of 65 (65, 0) after a column of expressions gave W^(1) x and 1 - a^(1), and the terms of
    # z^(2)'s sum its products (vectors._inputs_inside, sums.bind_vector_terms; draftM)
    "smaxx73_session6": "read since: kept here as measured before the work on it",
    # measured before any draft work saw it: 0 of 18 rows; 18 of 18 (18) after numpy givens were
    # taken in their printed layout and outputs named by their cell's last line (layouts, printouts)
    "ornlyp63_backprop321": "numpy notebook: read since; kept here as measured before the work on it",
    # measured before any draft work saw it: 19 of 23 rows, none verified (W1 left NEEDED); 21 of 23
    # (21) once a given in a list item with a size after it was read (givens._vectors, draftG); 23 of 23
    # (23) once a list item's marker no longer hid `W_1 := ...` (notation._LEAD)
    "lexai_bce211": "bullet '$W_1 = \\begin{bmatrix} 0.5 & -0.5 \\end{bmatrix}$ (1×2)' read since",
    # measured before any draft work saw it: 1 of 10 rows (1 with the case's verdict), 1 claim not made;
    # 9 of 10 (9) once a print's lines in a loop were its iterations (loops.py) and a data set listed
    # point by point ("(x=1, y=2)") no longer a given (draftG); the asker's theta_0 is still not bound
    "aistackexchange_linreg_gd": "'I am getting $$Θ_0$$ as 1.7821' not bound",
    # measured before any draft work saw it: 0 of 6 rows; still 0 of 6 after draftG read its lr ("a
    # learning rate of 0.1") and w11 ("which currently has the value 2.0"): o1, w21, o2, e1 NEEDED;
    # 3 of 6 (3) once the numbers of an unnamed expression whose result one step's formula gives at
    # them were its inputs ('(2.0 * 0.4) + (3.0 * 0.5) = 2.3') and a fraction's numerator in prose no
    # value (givens._as_inputs, binder; draftH)
    "rashid_mynn_errata": "'e 1 = 1.5' (a subscript lost to text extraction) not read: e1 NEEDED",
    # measured before any draft work saw it: 15 of 40 rows (15 with the case's verdict), 3 claims not made;
    # 17 of 40 (17, 1) after draftF; 21 of 40 (21, 1) once a box's braces were matched over lines (boxes.py);
    # 34 of 40 (34, 0) once matrices before the last `=` of an expression over lines were its operands;
    # 36 of 40 (36, 0) after a vector summed term by term into a scalar step gave its elements, 40 of 40
    # (40, 0) once each element's sum under `z^{(1)}_k` gave its inputs' elements (sums.py, draftM)
    "hiratsuca_mlp_tanh": "read since: kept here as measured before the work on it",
    # measured before any draft work saw it: 1 of 196 rows (0 with the case's verdict), 0 claims not made;
    # 109 of 196 (106, 4) once bracket indices were layer numbers by fit (`W[1]` is W1: layers.py, draftI);
    # 118 (115, 0) with a matrix row over lines and a matrix after a number an operand (chains.py);
    # 190 (189, 0) once sums written out term by term, an item per element, bound by place (terms.py);
    # 193 (193, 0) with an expression spelling a step's label (`e^{Z[4]} = [...]`) naming it (vectors.py)
    "nafiz_relu_softmax": "A4's quotients ('frac{1.0543}{3.2372} = 0.3252', an unlabelled matrix) not bound",
    # measured before any draft work saw it: 15 of 20 rows (0 with the case's verdict), 0 claims not made;
    # 5 of 20 (0) after draftG (`\\[10pt]` row breaks joined -2(y_1 - \\hat{y_1}) a_1 to its numbers, y_1 = -2
    # was read in its place and a passage of lines 1-94 won: its unknown claims counted as misfits); 12
    # (0) once an unknown value was no misfit, 18 (0) once \\hat{y_1} was y_{hat,1}, 18 (11) with the
    # pmatrix givens read slot for slot, 18 (18) with eta read by its symbol in Korean prose, 20 (20)
    # once the measure read z1 = 0.21 as written (draftH)
    "lee_propagation221": "read since: kept here as measured before the work on it",
    # measured before any draft work saw it: 0 of 10 rows (0 with the case's verdict), 0 claims not made;
    # 4 of 10 (3), 1 claim not made, once passages scored by value fit and the fenced `W = [` was read;
    # 3 of 10 (3), none not made, once L (unknown: y NEEDED), printed 0.51 and 0.417, went for a person;
    # 9 of 10 (9) after a list said in prose tried by fit for y (by_fit, fit_values), an interval's
    # bounds no value, the printing of L that matches its value taken, and `Wᵗ @ dz =` going on after
    # brackets over lines (draftK); 10 of 10 (10) once a one-hot at the class the words name ("the
    # correct class is index 3", from 0 or 1 by fit) was taken with one agreeing number (draftK)
    "sayantankhan_softmax_ce": "read since: kept here as measured before the work on it",
    # measured before any draft work saw it: 2 of 11 rows (2 with the case's verdict), 2 claims not made
    # 2 of 11 (2) after draftH and draftI, which did not see it; 3 of 11 (3) after draftK's first
    # readings; 11 of 11 (11), none not made, once a text that prints no minus sign and whose numbers
    # fit steps only negated had its signs restored (signs.py), columns past a wide gap were two
    # chains, `= (0.38) =` an argument, a given's name over a step's inputs that step, and a label
    # naming nothing the one step its value matches (draftK)
    "osterrieder_grad211": "read since: kept here as measured before the work on it",
    # measured before any draft work saw it: 0 of 19 rows, 0 claims not made: the text is the notebook's
    # JSON, which the draft reads as a notebook only from a .ipynb (here a .txt); as a .ipynb, 17 of 19
    # 0 of 19 after draftH and draftI, which did not see it; 17 of 19 (17) once a notebook's JSON under
    # any name was read as a notebook (notebook.is_notebook_json)
    "karanam_bp321": "[0.24, -0.46] under a cell ending in the name and a comment: not bound",
    # measured before any draft work saw it: 5 of 21 rows (0 with the case's verdict), 0 claims not made
    # 5 of 21 (1) after draftH and draftI, which did not see it; 8 of 21 (3) once a flat list alone in
    # backticks was printed prose and went to the family its words or its line's label name ("qua
    # Input `[10, 10, 0]`": x1, x2, x3; numbers._NUMBER_ALONE, prose_givens.values_listed, draftJ); 10 of
    # 21 once given values of one letter stem left NEEDED were fit together at a printed list (the
    # filter `[0.5, -0.5]` for W_trai, W_phai: by_fit._fill_families, draftJ); 21 of 21 (21) after a
    # negative term written as a subtraction, an unlabelled result given to the step whose inputs its
    # expression's numbers are, a label naming nothing read by that structure and lists under a
    # caption (`**Feature Map:** `[0, 5]``: operands.py, binder._by_inputs, captions.py, draftL); draftK's
    # label naming nothing (`W_{mới}`) bound by value alone gave 12 of 21 on its own branch
    "dcm303_cnn_filter": "read since; kept here as measured before the work on it",
    # measured before any draft work saw it: 29 of 33 rows (0 with the case's verdict), 0 claims not made
    # 29 of 33 (6: w1, w2, b1, w5, w6 read as an expression's inputs) after draftH and draftI, unseen;
    # 29 of 33 (6) once values listed in prose went to their family ("given inputs 0.05 and 0.10, we
    # want ... 0.01 and 0.99": i1, i2, t1, t2; prose_givens.values_listed, draftJ): 14 more numbers
    # bound as restated givens, w3, w4, w7, w8 (only in the figure) still NEEDED; 29 of 33 (29) once
    # NEEDED givens were solved from the numbers printed by label that depend on them (22 of 23 agree:
    # by_solving.py, draftL); 33 of 33 (33) once a repeat's counts were the counts the text says and
    # numbers near one repeat's value its claims (the closing sentence: repeats.py, draftL)
    "vortune_bp222": "read since; w3, w4, w7, w8 are solved, not read: kept as measured before",
    # measured before any draft work saw it (round 5): 13 of 13 rows (13 with the case's verdict), 0
    # claims not made; 13 of 13 (13) after LaTeX spacing
    # was a space (`New\\ Weight = ...` binds w_new with its operands) and the numbers computing an operand
    # step its operands (nested.py, draftM)
    "nchandolaj_linear_neuron": "read since: kept here as measured before the work on it",
    # measured before any draft work saw it (round 6): 5 of 42 rows (1 with the case's verdict), 3
    # claims not made (Z1 -0.1, Z2 0.4832, Z3 -0.3134: the weight tables' row labels read as values)
    # 41 of 42 (41), 7 claims not made (the dw/dbias terms `+ 0.000702` of the weights' updates, which
    # the case keeps as operands) after from-to tables and arrow names read against the worksheet
    # (from_to.py), labels with Unicode indices (`v₁ baru`, `δ_Z₃`), `Y₁(in)` as one label, a
    # subtracted term's sign and a given's exact value as no product at one decimal (draftN); 42 of 42
    # (42), none not made, once an operand that nothing works out, printing a sibling's value worked
    # out above, was no claim of its own step (binder._reused_operands, draftP)
    "fransis96jst_xor231": "'bias baru' (a label of two words) names no step: dv0 unbound",
    # measured before any draft work saw it (round 6): 17 of 17 rows (17 with the case's verdict), 0
    # claims not made
    "danieluhr_linear211": "read whole: givens in list items, every result labelled as the worksheet",
    # measured before any draft work saw it (round 6): 0 of 89 rows (0 with the case's verdict), 4 claims
    # not made (2 per case: epoch 2's y^ 24.88 and y - y^ 45.12 bound as epoch 1's): the guessed line and
    # the three epochs taken as several examples, one passage (epoch 2) chosen; x, y only in a per-point
    # table and `np.array`; `m = 3` (the guessed line) read as the start m; y^, dm, m_new repeat per
    # point and epoch, so 22 numbers go for a person
    # 78 of 89 (78) once a table with a row per point gives each point's given values (point_tables.py),
    # a name said with two values gives its NEEDED variant (`m_guess`) the one that fits (variants.py), a
    # list or a table column under a label that names a family of steps per iteration binds to the family
    # its values fit (families.py) and `[130,210,375]` is three numbers (draftQ): by hand 71 of 74, the
    # printout 7 of 15 (its numpy reprs of m_2 ... db_3 are the steps the epochs by hand print: one
    # value per step, the by-hand ones taken; mean_r2, mean_xr3, mean_r3 unbound); 81 of 89 (81) once
    # `$np.mean(y_i - \hat{y}_i) = ...$` is math, not code, and the operands 65 ... 90 of epoch 1's mean
    # (y - 0) stay operands (draftQ): by hand 74 of 74
    "migue_linreg_gd": "one claim per step: the printout's m_2 ... db_3 lose to the epochs by hand",
    # measured before any draft work saw it (round 6): 9 of 21 rows (0 with the case's verdict), 0 claims
    # not made: the update cell's printout `W_x: 0.5016...` read as the given W_x (every verdict off),
    # so the updated parameters are not bound; 'Hidden states:' and `print(dL_dy)`'s array unbound
    # 21 of 21 (21) after an output block read print call by print call, a name printed after the code
    # updated it from itself being the updated value (cell_prints.py), numpy's `[-0.1 -0.18]` (draftN)
    "sachin860_rnn_bptt": "read whole: each output item named by its print call",
    # measured before any draft work saw it (round 7): 33 of 65 rows (6 with the case's verdict: 20 of 44,
    # 4, in the worked iterations; 13 of 21, 2, in the closing table), 11 claims not made (0.999 = beta_2
    # bound as 1 - beta_2^1, v_1's 0.1 as beta_2 v_1, table cells bound to neighbouring steps): a raw HTML
    # page whose Part A prints the paper's defaults; alpha read there (0.001) instead of Part C's 0.1,
    # beta_1 and epsilon (`10^{-8}`) NEEDED, beta_2 fit as 0.001, so nothing is verified; the terms of
    # "0.9(1) + 0.1(9.8) = 0.9 + 0.98" and the denominators, roots and steps mostly unbound
    # 54 of 65 (54) once `\beta_1`, `\epsilon` named beta1, eps and `10^{-8}` was one value (labels,
    # numbers) and of alpha's printings the example's 0.1 made more printed numbers agree than the
    # defaults' 0.001 (by_fit.prefer_by_fit, draftO); 55 of 65 (55) once the page's <style> held no
    # values (notation, draftO): hand 41 of 44, table 14 of 21 (its cells, a second printing at other
    # precisions, bound to the worked iterations' steps), sqrt(v-hat) inside fractions unbound
    # 43 of 65 (17), 9 not made, once an article with no heading between its examples was split where
    # a given value is stated again with another value (Part C's alpha = 0.1, after Part A's 0.001),
    # so Part C's passage is read (passages.restatements, draftP): beta_1 read, epsilon still NEEDED
    "gbasran_adam_theta2": "the closing table's cells (a second printing) and roots inside fractions unbound",
    # measured before any draft work saw it (round 7): 11 of 14 rows (11 with the case's verdict), 0 claims
    # not made: chain-rule lines whose right side names another step ("d(loss)/db = d(loss)/dz *
    # dz/db = -0.5") bound by value: d(loss)/db's -0.5 taken for a repeat of d(loss)/dz, d(loss)/dw's -1
    # left for a person (fits dloss_dz, dloss_dw, b); e^{0}'s 1 in "\\frac{1}{1+1}" names no step
    # 13 of 14 (13) once a chain-rule line's left label `d(loss)/dw` named its step (chains, draftO)
    "klxcoder_logreg": "e^{0}'s 1 in '\\frac{1}{1+1}' names no step",
    # measured before any draft work saw it (round 7): 16 of 20 rows (10 with the case's verdict), 1 claim
    # not made (dE/dout_y1's 0.7576 bound as dE_dnet_y1: the notes call the net input out_{y1}); w6 taken
    # as the 0.45 printed in y1's sum (the slip itself); w7, w8 only in the figure and the learning rate
    # ("the selected learning rate (0.5)", "0.4 - 0.5 \times 0.0787") NEEDED: w5', y_hat2 not judged
    # 19 of 20 (13) after the learning rate in parentheses after its words was read (givens, draftO):
    # w7, w8 (only in the figure, one printed output between them) NEEDED, w6 the printed slip
    "melfm_bp222": "the hidden layer's fraction labels (dE_o1/dout_h1 twice, dnet_o1/dout_h1) name no step",
    # measured before any draft work saw it (round 7): 19 of 30 rows (19 with the case's verdict), 0 claims
    # not made: QN5 16 of 16, QN3 3 of 4 (1.1353 only inside `\frac{1}{1 + 0.1353}`, `\frac{1}{1.1353}`),
    # QN1 0 of 10: its draft took QN5's passage (QN5's w_1, w_2 as W1, W2), the data in `\( x = [1,2] \)`,
    # `\( W = [0.4, -0.2] \)` and `\( \eta = 0.1 \)` not read, eta NEEDED
    # 27 of 30 (27) once a passage that gives every given value came before one that leaves some
    # NEEDED (pipeline) and a step labelled `y'` was named by the text's `y' =` (labels, draftO): QN1 8
    # of 10; 29 of 30 (29) once a term of a rewritten update (`0.4 + 0.0048`) was the step computed
    # from the update's inputs (partial_terms, draftO): QN1 10 of 10
    "ar007_ch1": "QN3's 1.1353 only inside `\\frac{1}{1 + 0.1353}`, `\\frac{1}{1.1353}`",
    # measured before any draft work saw it (round 8): 29 of 29 rows (19 with the case's verdict), 0 claims
    # not made: the two-layer example 17 of 17 (17); the single neuron 12 of 12 (2): the notebook drafted
    # whole for each worksheet, its x taken from example 1's list ("Input data: $x = 0.5$", line 33)
    # over its own "\\(x = 2\\)", so every row after z is judged at the wrong x (dz/dw's 2 "fits no rule")
    # 29 of 29 (29) once one heading with text before it split the notebook in two passages and the
    # single neuron's was read (passages._splits, draftP)
    "cscn8010_backprop": "read since: kept here as measured before the work on it",
    # measured before any draft work saw it (round 8): 44 of 60 rows (41 with the case's verdict), 5 claims
    # not made: the loop prints v under "c = " (the slip), so from c_7 on the draft binds each printed c,
    # and cost_8, cost_9, to the next iteration whose value it fits (one iteration late); c_1, c_2, c_6,
    # cost_10 and y_pred_2..y_pred_7 ("Predicted Output = 0.36", 2 decimals) are left unbound
    # 60 of 60 (60), none not made, once a print was in a loop when a block holding it is the loop's
    # (its body is 29 lines long), the words before a placeholder named its step (`c = {v:.2f}`: c)
    # and a line's place its iteration over the binder's choice by value (loops.py, draftP)
    "jsbutler_relu111": "read since: kept here as measured before the work on it",
    # measured before any draft work saw it (round 9): 10 of 23 rows (9 with the case's verdict), 0 claims
    # not made: the two updates and the products bound; the errors' list ("So errors are $[-1, -3, -5]$"),
    # the sum and mean printed as "\\frac{-9}{3}" and "(-3)", and every "For $x=1$:" / "For $i=1$:" line
    # (the new hypothesis, the squared errors) unbound; J judged without its printed sum 7.7734
    # 10 of 23 (9) after draftO, draftP and draftQ, which did not see it
    "mathix_gd_cost": "per-point lines ('For $x=1$: ...') unbound; J judged without its printed sum",
    # measured before any draft work saw it (round 9): 19 of 25 rows (19 with the case's verdict), 0 claims
    # not made: every g, v, x (Unicode subscripts, `0.9(-2.4)`, givens in boxed lines) and f_1, f_2 from
    # the table; the velocity's two terms (`= -2.16 - 1.44 = -3.6`, steps beside v_2 and v_4) unbound,
    # the table's restated givens `10.00`, `0.00` not bound as claims
    # 22 of 25 (22) after draftO, draftP and draftQ, which did not see it
    "saida_momentum": "the velocity's printed terms '-2.16 - 1.44' (steps beside v_t) not bound",
    # measured before any draft work saw it (round 9): 6 of 141 rows (6 with the case's verdict), 0 claims
    # not made: Input 1's neth1..neth3 and oh 1..oh 3 bound; the three samples' passages ("### Input 1",
    # "### Input 2", "### Input 3") print the same labels, so nearly every later number fits a step of
    # each sample and goes for a person (300); Inputs 2 and 3's x and target ("> x1 = 1; x2 = 2; ...")
    # and biasout, eta (printed only inside netout's sum and the first update) NEEDED
    # 6 of 141 (6) after draftO, draftP and draftQ, which did not see it
    # 141 of 141 (141) once headings numbered as the worksheet's samples (`### Input 2`: neth1_s2,
    # x1_s2) make each section its sample's: a label binds its section's sample's step, a section's
    # data are its sample's given values, and the sections are no rival examples (samples.py, draftR);
    # biasout and eta are then solved from the printed numbers (by_solving)
    "irlll_bp431": "three samples under the same labels: numbers for a person; samples 2, 3 NEEDED",
    # measured before any draft work saw it (round 9): 14 of 150 rows (0 with the case's verdict), 4 claims
    # not made (44 unverified: each paraboloid case's draft, unverified, binds 1 and 20 claims not
    # made): the weights in a config list (`hiddenWeight {-0.5 -1.0}`), the inputs only as operands and
    # the dataset in a csv block are not read, so every given but eta and z is NEEDED; verified, the
    # paraboloid's drafts fail ("defined for scalar-output functions. Output had shape: (2,)")
    # 15 of 150 (1), 58 claims not made, after draftO, draftP and draftQ, which did not see it; its
    # paraboloid drafts verify once a list fit for a scalar given that makes the loss a list is refused
    "jeffdecola_mlp231": "config-list weights, operand-only inputs, csv data unread: nothing verified",
    # measured before any draft work saw it (round 10): 0 of 60 rows (0 with the case's verdict), 2 claims
    # not made: every result is an inline code span (`z1 = W1 x + b1 = [0.2, 0.2]`), which the draft
    # skips as program code (301 of 376 digit runs); the givens are read from the spans of section 7
    # ("x = [1, 1]", "W1 = [[0.1, ...]]"), but `η = 0.1` is not, so eta is NEEDED and nothing is
    # verified; the sigmoid case's draft binds z2 to "every weight `0.1`" and y_hat to "toward `1`"
    # the same after draftR, which did not see it
    "whathowwhy_bp221": "results in inline code spans skipped as program code; eta (`η = 0.1`) NEEDED",
    # measured before any draft work saw it (round 10): 3 of 5 rows (3 with the case's verdict), 0 claims
    # not made: x_2 (with its operands x_1 and alpha), x_3 and x_4 bound; the minimum "en $x=1$" (after
    # "$2x-2=0$") bound to no step, the limit "x_i=1" for a person (it fits x_min and x_lim, one value
    # printed twice)
    # the same after draftR, which did not see it
    "scidatmath_gd_parabola": "the minimum x = 1 and its repeat as the limit: not bound / for a person",
}


def test_every_tutorial_agrees_on_four_in_five_rows_and_its_counts_add_up(by_tutorial, table):
    assert len(by_tutorial) == len(list((ROOT / "cases" / "texts").glob("*.txt"))) == 49
    assert sum(t.rows for t in by_tutorial) == sum(a.claims for a in table)
    assert sum(t.same for t in by_tutorial) == sum(a.same for a in table)
    for t in by_tutorial:
        if t.text not in HELD_OUT:
            assert t.same >= 0.8 * t.rows, t  # the "done when", per tutorial
        assert t.claims + t.other + t.constants + t.for_a_person + t.unbound == t.printed, t
    lines = tutorial_table(by_tutorial).splitlines()
    assert len(lines) == 2 + len(by_tutorial) + 1 and lines[-1].startswith("| all |")


def test_the_corpus_agreement_holds_its_floor(table):
    claims = sum(a.claims for a in table)
    same = sum(a.same for a in table)
    assert claims == 1769  # the corpus's claim rows (a new case changes this: re-measure the floors)
    # 1379 before draftR and round 10 (3 of round 10's 65 rows bound); 1517 with both: irlll_bp431 6 -> 141
    # once sections numbered as the samples are each sample's (draftR)
    assert same >= 1517, [(a.case, a.same, a.claims) for a in table]
    # claims no case of the article makes (a claim another case of the same article and worksheet
    # makes is not counted: aistackexchange's answer rows, drafted from the same whole article, were 8
    # of 14 when they counted against its question case): 6, tests/draft_corpus.py; 8 with
    # osterrieder_grad211's 2 (held out: its PDF text lost the sigmas, h and y_hat bound to the
    # sigmoid's argument); 10 with fransis96jst_xor231's 3 (round 6, held out: the rows of its
    # weight tables, `| Z₁ | -0.1 |` under the column Y₁, read as the values of the steps Z1, Z2, Z3)
    # 14 with migue_linreg_gd's 4 (held out, round 6: epoch 2's y^ and y - y^ bound as epoch 1's, in
    # each of its two cases); 25 with gbasran_adam_theta2's 11 (held out, round 7: alpha read from the
    # paper's defaults, beta_1 and epsilon NEEDED, so 0.999 = beta_2 bound as 1 - beta_2^1 and the closing
    # table's cells to neighbouring steps)
    # 26 with melfm_bp222's 1 (held out, round 7: dE_total/dout_{y1}'s 0.7576 bound as dE_dnet_y1, the
    # notes writing out_{y1} for y1's net input)
    # (draftM: 5 on the old corpus once the terms of z^(2) bound to W2_terms, smaxx73's 2)
    # 28 after draftL (round 7's ar007 QN1: 2 claims its passage, QN5's, gives other steps); 25 after
    # draftK; 26 after draftM (fransis96jst: 5)
    # draftN: fransis96jst's 3 table rows gone, 7 update terms `+ 0.000702` bound as the dw, dbias
    # steps the case keeps as operands of the new weights
    # 33 with jsbutler_relu111's 5 (held out, round 8: its printed c, which is v, and two costs bound one
    # iteration late); 33 with round 9's mathix_gd_cost, saida_momentum and irlll_bp431 (0 each, held out),
    # 77 with jeffdecola_mlp231's 44 (held out, round 9: 4 in its tanh case, 20 in each paraboloid case,
    # whose drafts fail when they verify)
    # 25 after draftO: ar007's 2 gone (QN1's own passage read), gbasran's 11 -> 8 (its style sheet's
    # 1.7 and the defaults' alpha gone), aiprimer's 2 gone (the one-knob example's passage read)
    # 37 after draftQ: migue_linreg_gd's 4 gone, 8 in: its printout case prints m_2 ... db_3 as numpy's
    # reprs (11.117600000000001), its by-hand case the same steps cut to two decimals (11.11); the draft
    # keeps one value per step, the by-hand one, which counts against the printout case
    # draftP: 28 once a loop's lines bound by place (jsbutler 0), 21 once an operand
    # printing a sibling's value worked out above stayed an operand (fransis96jst 0), 19 once a given
    # stated again with another value started a passage (gbasran_adam_theta2 11 -> 9)
    # all merged (draftO, P, Q with round 9 in; tests/draft_corpus.py --verdicts): 75 = jeffdecola's 58
    # (tanh 4, each paraboloid case 27: its drafts verify since model.non_scalar_losses), migue's
    # printout 8, gbasran's table 7, aistackexchange's question 1, kaifeng 1
    # 77 with whathowwhy_bp221's 2 (held out, round 10: its sigmoid case's z2 bound to "every
    # weight `0.1`", y_hat to "toward `1`")
    # 77 with scidatmath_gd_parabola's 0 (held out, round 10)
    assert sum(a.wrong for a in table) <= 77, [(a.case, a.wrong) for a in table if a.wrong]


def test_every_scalar_article_agrees_somewhere(table):
    # The articles whose steps hold single numbers: each draft binds most of its case's rows.
    by_case = {a.case: a for a in table}
    for case in ("adilce-toy-sigmoid", "gmyhf-gfg-copy-2025-07-27", "postnetwork-softmax", "mahfuzar-sgd"):
        assert by_case[case].fraction >= 0.7, by_case[case]


def test_each_tutorial_holds_its_floor(table):
    # per article (all its cases together), the rows bound today, with the command above
    floors = {"deepml-neuron": 48, "vetea-neurona": 13, "mahfuzar-sgd": 33, "adilce-toy": 23}
    # 30 -> 29 (draftO): the one-knob worksheet now reads its example's passage, where the table row
    # `| 1 | 1.5 | −3 | 2.25 |` binds nothing (a Markdown table of iterations is not read); its slope_1's
    # -3 was bound from another example's line (`(-1) × 1 × 3 = -3`, line 222), and 2 claims no case
    # makes are gone with it
    floors["aiprimer"] = 29
    floors["bcxiaobai-bp222"] = 13  # its lr is not in the stored page: the updates stay NEEDED
    floors["mihirsai-softmax-ce"] = 36  # lr in a lead-in (prose_givens.py); the logits' terms (draftM)
    floors["smaxx73"] = 65  # 59: a table's cell, `\\delta^{(2)}`, `$$= ...$$` (draftG); 65: sums (draftM)
    floors["hiratsuca-mlp-tanh"] = 40  # boxed results, matrix expressions over lines (draftG); sums (draftM)
    floors["aistackexchange-linreg-gd"] = 9  # a print's lines in a loop are iterations 1-3 (draftG)
    floors["lexai-bce211"] = 23  # W_1 from a list item with a size after it; `* W_1 := ...` (draftG)
    floors["nafiz-relu-softmax"] = 193  # `W[l]` as layer l by fit, sums term by term by place (draftI)
    floors["lee-propagation221"] = 20  # \\hat{y_1}, pmatrix givens slot for slot, eta by its symbol (draftH)
    floors["sayantankhan"] = 10  # y by fit at a list said in prose, a class named, brackets (draftK)
    floors["osterrieder-grad211"] = 11  # a PDF's lost minus signs, columns, `(0.38)` an argument (draftK)
    floors["dcm303-cnn-filter"] = 21  # 10 (draftJ) -> 21: `5 - 5` as p1 + p2, structure, captions (draftL)
    floors["vortune-bp222"] = 33  # w3, w4, w7, w8 solved from printed values, repeats' counts (draftL)
    floors["rashid-mynn-errata"] = 5  # an unnamed expression's numbers as inputs (draftH); givens by fit
    floors["fransis96jst-xor231"] = 41  # from-to weight tables, `w(X₁→Z₁)`, `v₁ baru` (draftN)
    floors["sachin860-rnn-bptt"] = 21  # output items named by their print calls (draftN)
    floors["gbasran-adam"] = 55  # 33: \beta_1, 10^{-8}, the example's alpha by fit, <style> (draftO)
    floors["klxcoder-logreg"] = 13  # 11: a chain-rule line's left label `d(loss)/dw` (draftO)
    floors["melfm-bp222"] = 19  # 19 (10 with the case's verdict, 13 now): kept as measured
    floors["ar007"] = 29  # 19: QN1's passage, `y'` as a label, a rewritten update's term (draftO)
    floors["migue-linreg-gd"] = 81  # tables of points, a guess's variants, families per epoch (draftQ)
    floors["cscn8010"] = 29  # its single neuron's passage, after one heading (draftP)
    floors["jsbutler-relu111"] = 60  # a loop's lines by place and by the words' names (draftP)
    floors["irlll-bp431"] = 141  # headings numbered as the samples: each section its sample's (draftR)
    for prefix, floor in floors.items():
        got = sum(a.same for a in table if a.case.startswith(prefix))
        assert got >= floor, (
            prefix,
            got,
            [(a.case, a.same, a.claims) for a in table if a.case.startswith(prefix)],
        )


def test_the_matrix_and_vector_articles_hold_their_floors(table):
    # measured with tests/draft_corpus.py (no --given): every given value is found in the text
    by_case = {a.case: a for a in table}
    floors = {
        "kaifeng-bp221": 44,
        "geoj-cs231n-twolayer": 33,
        "postnetwork-softmax": 9,
        "gmyhf-gfg-copy-2025-07-27": 22,
        "studyx-gd-ten-updates": 16,
        # held out from the work that reached 292 of 382 (see the module's docstring)
        "pythonandml-numerical": 48,
        "abdulrehman-bp222": 45,
        "sghosh-neuron": 12,
        # held out from all draft work; then read by general mechanisms (issue 20, draftF)
        "ornlyp63-backprop321": 18,
        "rpubs-red221": 22,
        "statisticsschool-bp111": 15,
        "smaxx73-exercise-9-1": 21,
    }
    for case, floor in floors.items():
        a = by_case[case]
        assert a.same >= floor and not a.note, a  # (claims the case lacks: the total's floor above)


def _with_verdicts(pairs, case_id: str):
    """The case's agreement with verdicts counted, drafted in the project (as the `table` fixture)."""
    ((case, text),) = [(c, t) for c, t in pairs if c.spec.id == case_id]
    here = os.getcwd()
    os.chdir(ROOT)
    try:
        return agreement(case, text, verdicts=True)
    finally:
        os.chdir(here)


def test_the_copy_gets_its_cases_verdicts(pairs):
    # measured with tests/draft_corpus.py --verdicts: 7 of 22 before the draft proposed `copies:`
    a = _with_verdicts(pairs, "gmyhf-gfg-copy-2025-07-27")
    assert a.same == 22 and a.same_verdict == 22, a


@pytest.mark.parametrize(
    "case_id, rows",
    [
        ("mathse-backprop-check", 2),
        ("sreekanth-tiny-bce", 15),
        ("dcm303-cnn-filter", 21),
        ("vortune-bp222", 33),
        ("migue-linreg-gd-by-hand", 74),
    ],
)
def test_the_held_out_articles_get_their_cases_verdicts(pairs, case_id, rows):
    # measured with tests/draft_corpus.py --verdicts: 0 of 2 and 13 of 15 before wording.py read
    # their given values ("all the weights set to 0.5", "a learning rate of `0.1`"); dcm303 10 of 21
    # and vortune 6 of 33 (w3, w4, w7, w8 NEEDED: nothing verified) before draftL; migue's by-hand
    # case 0 of 74 before draftQ (x, y in a table of points, the guessed line's m_guess, b_guess NEEDED)
    a = _with_verdicts(pairs, case_id)
    assert a.same == rows and a.same_verdict == rows, a


@pytest.mark.parametrize("case_id", ["kaifeng-bp221", "lee-propagation221", "deepml-neuron-test2-2024-09-11"])
def test_supplying_the_cases_given_values_costs_no_row(pairs, table, case_id):
    # measured with tests/draft_corpus.py --given: 17, 18 and 1 rows (44, 20, 6 from the text alone)
    # when the supplied values were the same in every passage, so the fit alone chose a short section
    # and no printing was drafted; 44, 20, 6 once the passage and the printings are those stating the
    # supplied values (checks/draft/supplied.py, draftM). The whole corpus: 848 -> 913 of 978.
    ((case, text),) = [(c, t) for c, t in pairs if c.spec.id == case_id]
    from_text = next(a for a in table if a.case == case_id)
    here = os.getcwd()
    os.chdir(ROOT)
    try:
        supplied = agreement(case, text, given=True)
    finally:
        os.chdir(here)
    assert supplied.same >= from_text.same and supplied.wrong <= from_text.wrong, (supplied, from_text)
