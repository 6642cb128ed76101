"""One way to check an argument, and one wording: the parameter, the bad value, the choices.

Every public function checks its arguments here before any work, so a mistake is
reported in the user's terms (``lang='jp' is not valid; choose from 'ja', 'en'``)
and never as an ``AttributeError`` from deep inside.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from .errors import with_ja

#: Above this many organisations, path-based measures (betweenness, closeness,
#: inter-sector betweenness) are estimated from sampled sources unless asked
#: otherwise, and the report says so.
LARGE_NETWORK = 20_000

LANGS = ("ja", "en")


def check_network(net, name: str = "net"):
    """``net`` itself, or a TypeError saying what a Network is and how to get one."""
    from .network import Network

    if not isinstance(net, Network):
        hint = ""
        if type(net).__module__.startswith("networkx"):
            hint = " (a networkx graph has no sectors or partnership types)"
        raise TypeError(
            f"{name} must be a coopnet.Network, from cn.load_sample() or "
            f"cn.read_csv(orgs, edges), not {type(net).__name__}{hint}"
        )
    return net


def check_choice(value, name: str, choices: Iterable):
    """``value`` if it is one of ``choices``, else a ValueError listing them."""
    choices = tuple(choices)
    try:
        ok = value in choices
    except TypeError:  # unhashable or incomparable
        ok = False
    if not ok:
        shown = ", ".join(repr(c) for c in choices)
        raise with_ja(
            ValueError(f"{name}={value!r} is not valid; choose from {shown}"),
            f"{name}={value!r} は使えません。次から選んでください: {shown}",
        )
    return value


def check_lang(lang) -> str:
    """``lang`` if it is ``"ja"`` or ``"en"``."""
    return check_choice(lang, "lang", LANGS)


def check_count(value, name: str, minimum: int = 0) -> int:
    """``value`` as an int if it is a whole number of at least ``minimum``."""
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < minimum:
        raise with_ja(
            ValueError(f"{name}={value!r} is not valid; give a whole number >= {minimum}"),
            f"{name}={value!r} は使えません。{minimum} 以上の整数にしてください",
        )
    return int(value)


def check_flag(value, name: str) -> bool:
    """``value`` if it is True or False."""
    if not isinstance(value, bool | np.bool_):
        raise ValueError(f"{name}={value!r} is not valid; choose from True, False")
    return bool(value)
