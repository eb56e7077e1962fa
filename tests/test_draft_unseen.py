"""The draft on articles it was not built on (issue 20): each mechanism on a small synthetic text.

Every text and worksheet here is made up for the test; the exact values are worked by hand in the
comments."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "line, read",
    [
        ("$\\delta{_2} = 0.5$, \\delta{_{k+1}}", "\\delta_2 = 0.5 , \\delta_{k+1}"),
        ("$W_2 \\leftarrow W_2 - 0.1 \\cdot 3 = 1.7$", "W_2(new) = W_2 - 0.1 * 3 = 1.7"),
        ("w ← w - 0.5 = 0.5; b \\gets 2", "w(new) = w - 0.5 = 0.5; b(new) = 2"),
        ("（设η=0.1）", "(设η=0.1)"),
    ],
)
def test_subscripts_in_braces_updates_by_arrow_and_wide_parentheses(line, read):
    from gradaudit.draft.notation import normalise_line

    assert " ".join(normalise_line(line).split()) == " ".join(read.split())  # spacing aside


def test_a_name_written_right_after_words_without_spaces_is_the_label():
    from gradaudit.draft import find_numbers
    from gradaudit.draft.chains import _chains
    from gradaudit.draft.notation import normalise

    chains, _ = _chains(find_numbers(normalise("假设学习率η=0.1）\n")))
    assert [(c.label, [n.text for n in c.results]) for c in chains] == [("eta", ["0.1"])]
