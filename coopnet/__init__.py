"""coopnet: map and analyse partnerships between Japanese cooperatives (協同組合間連携).

>>> import coopnet as cn
>>> net = cn.load_sample()
>>> net.types[:2]
['産消提携型', '事業連携型']
"""

from __future__ import annotations

import importlib
from importlib.metadata import PackageNotFoundError, version

from . import taxonomy
from .errors import DataError, Problem
from .io import load_sample, read_csv, read_folder, sample_folder, sample_paths, write_csv
from .network import Network

try:
    __version__ = version("coopnet")
except PackageNotFoundError:  # pragma: no cover - running from a bare checkout
    __version__ = "0.0.0+unknown"

# Public names whose modules are imported on first use, so that `import coopnet`
# stays as light as pandas + networkx (matplotlib and pyvis load only to draw).
_LAZY: dict[str, str] = {
    "bridges": "coopnet.brokerage",
    "centrality": "coopnet.structure",
    "communities": "coopnet.groups",
    "cross_sector_edges": "coopnet.brokerage",
    "ei_index": "coopnet.brokerage",
    "graph_bridges": "coopnet.brokerage",
    "modularity_comparison": "coopnet.groups",
    "pairs_above_chance": "coopnet.mixing",
    "plot_map": "coopnet.plot",
    "plot_pairs": "coopnet.charts",
    "plot_types": "coopnet.plot",
    "save_slide": "coopnet.plot",
    "sector_matrix": "coopnet.mixing",
    "sector_pairs": "coopnet.mixing",
    "type_summary": "coopnet.groups",
    "show": "coopnet.interactive",
    "synthetic": "coopnet.generators",
    "to_html": "coopnet.interactive",
    "report": "coopnet.reporting",
    "write_gexf": "coopnet.export",
    "write_graphml": "coopnet.export",
}

__all__ = [
    "DataError",
    "Network",
    "Problem",
    "__version__",
    "load_sample",
    "read_csv",
    "read_folder",
    "sample_folder",
    "sample_paths",
    "taxonomy",
    "write_csv",
    *_LAZY,
]


def __getattr__(name: str):
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'coopnet' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
