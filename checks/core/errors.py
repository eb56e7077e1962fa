"""The one base class of gradaudit's errors: `except GradauditError` catches every error gradaudit
raises on purpose (a bad case file, a reference outside the project, a printed number it cannot
read, a worksheet that cannot run, ...), and nothing else.

The subclasses live beside the code that raises them: CaseError (cases), ReferenceNotAllowed
(resolve), PrintedError (printed), WorksheetError (worksheet), RunError (runner), ConventionError
(conventions). The ones that are also bad values keep ValueError as a second base, so code that
caught ValueError before still does.
"""

from __future__ import annotations


class GradauditError(Exception):
    """An error gradaudit raises on purpose, with a message that says what and where."""
