"""Draft a case from an article's text: find every printed number and bind it to a step (issue 11).

`draft(article, "module:attribute", given_case=None)` reads a tutorial (plain text, Markdown or
HTML, with LaTeX fragments such as `\\frac{1}{1+e^{-0.21}}` or `0.3*0.57`, or a Jupyter notebook,
read cell by cell), finds every printed number with its text, line and column, and binds each to
the worksheet step it most likely reports:

- a number that matches a step's exact or author's-chain value at its printed precision binds to
  that step; one that matches only through a known slip (sign, decimal slip, a factor 2, 1/2, N,
  lr, ...) binds to it with that verdict proposed;
- numbers inside a printed expression (`(0.3*0.57)+(0.9*0.59) = 0.702`) are the operands of the
  step its result binds to, each mapped to the step's input it matches by value, else by its
  place in the symbolic form the article prints in the same chain (`(w_{1,3}*y_3)+...`);
- restatements of given values are recognised as such; without `given_case` the given values
  are read from the text (`w = 0.8`, "the learning rate is 1", a given's place in a symbolic
  form (`W = (w_1 w_2) = (0.3 0.2)` element by element), the numbers of an unnamed expression
  whose result one step's formula gives at them (`(2.0 * 0.4) + (3.0 * 0.5) = 2.3`: that step's
  inputs), "with all the weights set to 0.5" for every given spelled as a weight: `wording`) or
  listed as needed; a number alone in backticks (`` `0.1` ``) is printed prose, not code;
- a label next to the number (`y_3`, `\\Delta w_{2,3}`, `w_{1,1}(\\text{new})`) chooses among the
  steps by their names, labels and spellings; a derivative (`dloss/dh1`, `\\nabla loss(scores)`)
  names the step that declares it (`means=grad(...)`); without a label, an expression that names
  exactly a step's inputs (`h1^T dloss/dscores`) names that step (its structure);
- a printed list or matrix binds element by element, and row by row to the names a worksheet
  keeps one per row (`W1_0`, `W1_1` for `W_1`) or one per element (`y1`, `y2` for `y = [1, 0]`);
  a list of expressions before it (`[0.9-0.0042, 0.1-0.0043]`) gives the step's vector inputs;
- a table of iterations (`Iteration x_1 x_2 ∇f`, a row per iteration) binds each cell to the
  step of its column whose name ends with the row's iteration (`tables`);
- a program's printouts: a row of names over a row of values (R's named vectors, pandas, a header
  line `=forward: h1, h2=`, or the `print` call after the one that printed an output's header) and
  an output under a cell whose last line is a bare name (`a2` then `array([[0.47]])`) bind each
  value to the step its name names (`printouts`); an output block whose items line up with the
  top-level print calls of the code above it names each item by its call (`print(dL_dy)` then
  `[-0.1 -0.18]`), the updated value when the code set the name from itself before printing it
  (`W_x -= lr * g` then `W_x: 0.5016`: `cell_prints`);
- given values also come from program text (a top-level assignment in a code cell or inline code,
  `x = np.array([[1, 4, 5]])` over lines too; below what the prose gives), from code that sets
  several names at once (`w1, w2 = 0.20, 0.25`), a
  count of an array the code sets (`m = y.shape[0]`), a matrix over lines of display math
  (`W_1 = \\begin{bmatrix}` then a row per line), words then the symbol they go by (`learning
  rate (eta) = 0.1`); an update written with its own name on both sides (`w = w - eta * dL/dw`,
  `W := W - ...`) is the updated value, as are the `\\therefore W = ...` lines under such a formula;
  an arrow before a new assignment (`H1_net = 0.47 => H1 = ...`) starts a new chain; a sentence
  that supposes a case (`if z_1 < 0, then ... = 0`) holds no printed values; R statements, several
  on a line (`x1 <- 0; x2 <- 1`, `assignments`); list givens the worksheet cannot take as read are
  tried in the layout the text prints them (`np.array([[1, 0, 1]])`, a 1 x 3 row), then as a row, a
  column, a list (`layouts`), each reshape said;
- a from-to table (a row per source, a column per target: `| X₁ | -0.3 | 0.3 |` under `| Dari \\ Ke
  | Z₁ | Z₂ |`) and arrow names (`w(X₁→Z₁)`) give the worksheet's given value that connects the two
  (the one next to the source among the inputs of a step the target depends on; a row naming
  nothing takes the one left over); the table printed again later holds the updated values
  (`from_to`);
- layer numbers in brackets (`W[1] = \\begin{bmatrix}`, `Z[4]`, `W[4]^T`) are the worksheet's
  layers as printed or a program's indices from 0, whichever names more of its quantities
  (`layers`); a matrix row broken over lines is one row, a matrix after a number
  (`\\frac{1}{3.2} \\begin{bmatrix}`) an operand, a list of powers (`e^{0.05}`) no value, and an
  expression that spells a step's label (`e^{Z[4]} = [...]`) names it;
- a sum written out term by term, one numbered item per element (`1. 0.2 - 0.4 + 2.8 = 2.6`),
  binds its signed terms to the rows of the matrix step whose row sums are a vector step and its
  results to that vector, by place (`terms`);
- a given value no reading finds is found by fit (`by_fit`): of the numbers near a spelling of its
  name, the lists printed as values and the passage's numbers in order, the one that makes the most
  printed numbers agree with the worksheet at their printed precision (two more than without it,
  and no other as many), said in its source; the NEEDED ones of one letter stem (W_trai, W_phai)
  first together, at each flat list of their size; a given the text names keeps its value, but of
  the values it gives one several times as plainly (an algorithm's defaults, `\\alpha = 0.001`, then
  its example's, `\\alpha = 0.1`) the one that makes two more printed numbers agree than the first
  printed, and no other as many, is taken (`by_fit.prefer_by_fit`);
- values listed in prose ("given inputs 0.05 and 0.10", "Input `[10, 10, 0]`") go in order to the
  one family of that size (i1, i2) the words of their clause or their line's label name
  (`prose_givens.values_listed`); a flat list alone in backticks on a prose line is printed prose;
- a NEEDED given is also tried at each flat list said in prose (`The true label: `[1, 0, 0]``) and at
  the one-hot vectors of the size of a given vector, its 1 at the class the words name ("the
  correct class is index 3": one agreeing number then suffices) or at each place (`fit_values`);
  a digit alone with no label binds no step it only rounds to (`\\sum_i p_i = 1`); the bounds
  of an interval (`\\hat{y}_i \\in (0, 1)`) are no value; of two printings of a step under its label,
  the one that matches its value is taken and the other listed for a person;
- a text that prints no minus sign in its math, in which numbers of two values or more fit a step's
  value only negated, lost its minus signs (a PDF's text): its numbers that fit only negated are read
  negated (`signs`); two equations side by side (a wide gap, an `=` on each side) are two chains; a
  number alone in parentheses after a parenthesised expression (`h = (zh) = (0.38) = 0.594`, the
  sigma lost) is an operand; a chain under a given's name computed from a step's inputs (`y = (zo)
  = ...`, y-hat's hat lost) is that step's; a label that names nothing (`o = ... = -0.091`, the delta
  of delta_o lost), or an expression that names a step printed above with another value, is the
  one step its result matches by value;
- a chain-rule line's left label names its step whatever its right side names (`d(L)/da =
  d(L)/ds * ds/da = -2`: d(L)/da's, not a repeat of d(L)/ds); a step labelled with a
  prime (`y'`, a prediction) is what the text's `y' =` names; `\\beta_1`, `\\epsilon` keep their
  letters' names (eps goes by epsilon), a negative power of ten alone (`10^{-8}`) is one value, an
  HTML page's `<style>` and `<script>` hold none; "times the chosen learning rate (0.1)" gives the
  learning rate; of an article's passages, one that gives every given value comes before one that
  leaves some NEEDED (nothing could be verified there);
- a number of a step's expression that matches none of its inputs (`w_new = 0.5 - 0.1 * (-0.5) =
  0.5 + 0.05`) is the claim of the one unclaimed step computed from a part of them whose value it
  fits (the change added, -lr dL/dw: `partial_terms`);
- a chain goes on after an expression in brackets over lines (`Wᵗ @ dz =`, `= [`, a line per
  element, `]`, `= [-0.068, -0.014]`);
- a chain may run over lines of display math (`h1 =` then its value, `&= ...` under a label
  alone on its line, a matrix a row per line); a step is no candidate at a line when a step it depends on is
  first printed further down (the second pass's y3 cannot be printed before its new weights);
- given values the text never states (a figure's weights) are solved from the numbers printed by
  label that depend on them (`by_solving`: least squares, the worst disagreeing number dropped while
  some disagree, rounded to the fewest decimals; taken when twice as many numbers as unknowns, and
  two more, agree, every unknown is determined and no other start finds another solution), said in
  `inferred:` for a person to confirm; a repeat's rounds (`ws.repeat`) left NEEDED are the counts the
  text says ("10,000 times", "the first round"), and a number near one repeat's value is its claim
  (`repeats`);
- a Markdown table with a row per point (`| p | 1 | 5 |` under `| Sample | $u$ | $v$ |`) gives
  the given values a worksheet keeps per point, the column's name indexed by the row's (`u_p`,
  `v_p`: `point_tables`), as does a program's flat list named by their stem (`U = np.array([1, 2,
  4])`); a name said with two values (a guessed `w = 2`, the run's `w = 0.5`) gives a
  NEEDED variant of it (`w_try`: `<name>_<word>`) the value that fits, either way round
  (`variants`); a list under a label, or a table's column under a header, that names one family of
  steps per iteration (`ue1_p ... ue1_r`, `ue2_p ...`) binds to the family its values fit, else to
  the first not printed yet, element by element at its points (`families`); `[120,340,560]` is
  three numbers, not one with thousands separators; a line of math that spells a program's call
  (`$np.mean(v) = ...$`) is math, its call a label; an operand that is a given its step passes on
  by a zero (`4` of v - v^ = 4 - 0) stays an operand, not that step's claim;
- samples worked one after another under the same labels, under headings of one level numbered
  `<stem> 1` ... `<stem> K` as the worksheet's samples (`z1`, `z1_s2` ... `z1_sK`): a label that fits
  every sample's step binds its section's, and the data a section states are its sample's given
  values (`x1 = 1` under `## Sample 2`: x1_s2; `samples`);
- a number after a binary minus stands for a negative input (`5 - 5 = 0` for p1 + p2, p2 = -5); a
  result several steps match by value (or whose label names nothing in the worksheet, `W_{mới}`)
  goes to the one step whose inputs are the numbers of one of its expressions, one each (`binder`);
  a list under a caption (`**Feature Map:** `[0, 5]``) binds to the vector step the caption names
  (`captions`).

A number that fits two steps is listed for a person with its candidates, never guessed; one that
fits nothing is listed as unbound with its line. The draft is a YAML case (valid against
`gradaudit.schema.Case`) with a comment giving each binding's line and reason. It is run once
through the runner: a proposed verdict the runner does not confirm is dropped, and said so.

The modules, in the order the data flows:

- reading: `notebook` (a `.ipynb` as text), `from_to` (weights named by source and target, against
  the worksheet), `point_tables` (a table's rows as the given values of its points), `notation`
  (one spelling of the article's notations; `cell_prints`, output items
  named by their print calls; `layers`, bracket indices as layer numbers or a program's;
  `diagrams`, a ```mermaid block's labels that state values),
  `boxes` (`\\boxed{...}` blanked with its matching brace, over lines too);
- finding numbers: `numbers` (every digit run: printed values and skipped ones), `labels` (the
  forms of a step's name a label can take), `chains` (`lhs = expr = result` on a line or over
  lines), `passages` (the part of an article with several examples that fits: its claims that match
  exact values, then its printed numbers that equal an element of a step's value; sections under
  headings, one heading with text before it too, else from where a given value is given again with
  another value);
- binding them: `model` (the worksheet at its given values on both chains; slips through the
  rules of `gradaudit.claims`), `givens` (given values from the text or a case; `wording`: said
  in words for a family of them; `assignments`, R's and `;`-separated statements; `layouts`, list
  givens reshaped to fit; `prose_givens`, a learning rate in a lead-in sentence and a value said
  after its name; `by_fit`, the value of one no reading finds that the printed numbers fit, with
  `fit_values`, the lists and one-hot vectors it tries; `by_solving`, values no number prints, solved
  from the numbers computed from them; `variants`, a name's other value for its NEEDED variant;
  `repeats`, a repeat's counts and values; `supplied`, with
  `--given`, the passage and printings that state the supplied values), `signs` (minus signs a text
  lost), `binder` (numbers to steps; an operand nothing works out that prints a sibling's value
  worked out above is that value used again, no claim of its own step), `operands` (numbers in an
  expression to a step's inputs; `nested`, the numbers that compute an operand which is a step),
  `vectors` (lists and matrices to vector steps; `captions`, a list after a caption; `sums`,
  vectors printed inside other steps' sums: a scalar's terms, an element's sum, a list of sums, a
  scalar input outside the lists),
  `terms` (sums written out term by term, an item per element), `partial_terms` (a term of a
  rewritten expression, `0.5 + 0.05`, the step computed from a part of its inputs), `families` (a
  list or a table's column as one family of steps per iteration, by fit, else in order), `tables`
  (tables of iterations), `samples` (samples worked in turn under headings numbered 1, 2, ...: a
  label binds its section's sample's step, a section's data are its sample's given values),
  `printouts` (what a program
  printed, named by its header, its print call or its cell's last line), `loops` (the lines one print
  in a loop printed, iterations 1, 2, 3 by place, each value the step its words name), `statements`
  (numbers about a Quantity or an Iteration);
- writing: `render` (the YAML case and the summary), `copies` (`copies:` the case of the project
  whose source URL the article prints, DESIGN row 3b);
- `pipeline`: `draft()` itself (and verifying the draft with the runner); `result` holds the types
  the others share (`Outcome`, `DraftResult`, `DraftError`).
"""

from .labels import label_keys
from .model import _Model as _Model  # the class whose `slip` a test replaces
from .numbers import SKIP_KINDS, Number, Scan, Skipped, find_numbers
from .pipeline import _plain as _plain  # a test reads the draft YAML with it
from .pipeline import draft
from .result import DraftError, DraftResult, Outcome

__all__ = [
    "DraftError",
    "DraftResult",
    "Number",
    "Scan",
    "Skipped",
    "Outcome",
    "SKIP_KINDS",
    "draft",
    "find_numbers",
    "label_keys",
]
