"""Every docstring example of the package runs and gives what it shows.

The examples are collected from the installed ``coopnet`` (whatever ``import coopnet``
finds), module by module, so an example that drifts from the code fails here.
"""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import matplotlib
import pytest

import coopnet

matplotlib.use("Agg")

MODULES = sorted(
    m.name
    for m in pkgutil.walk_packages(coopnet.__path__, prefix="coopnet.")
    if not m.name.endswith("__main__")
)


@pytest.mark.parametrize("name", MODULES)
def test_examples_run(name):
    import matplotlib.pyplot as plt

    module = importlib.import_module(name)
    finder = doctest.DocTestFinder(exclude_empty=True)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    try:
        for test in finder.find(module, name):  # each example sees its module's globals
            runner.run(test)
    finally:
        plt.close("all")
    result = runner.summarize(verbose=False)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples failed in {name}"


def test_every_public_function_has_an_example():
    missing = []
    for name in coopnet.__all__:
        obj = getattr(coopnet, name)
        if callable(obj) and not isinstance(obj, type) and ">>>" not in (obj.__doc__ or ""):
            missing.append(name)
    assert missing == []
