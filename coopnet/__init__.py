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
    "affiliation": "coopnet.twomode",
    "project": "coopnet.twomode",
    "two_mode_degree": "coopnet.twomode",
    "bridges": "coopnet.brokerage",
    "centrality": "coopnet.structure",
    "communities": "coopnet.groups",
    "cross_sector_edges": "coopnet.brokerage",
    "ei_index": "coopnet.brokerage",
    "graph_bridges": "coopnet.brokerage",
    "group_network": "coopnet.grouping",
    "modularity_comparison": "coopnet.groups",
    "network_summary": "coopnet.structure",
    "pairs_above_chance": "coopnet.mixing",
    "plot_map": "coopnet.plot",
    "plot_pairs": "coopnet.charts",
    "plot_periods": "coopnet.period_maps",
    "plot_prefectures": "coopnet.plot_geography",
    "plot_timeline": "coopnet.plot_temporal",
    "plot_types": "coopnet.plot",
    "read_excel": "coopnet.excel",
    "save_slide": "coopnet.plot",
    "prefecture_matrix": "coopnet.geography",
    "prefecture_pairs": "coopnet.geography",
    "prefecture_summary": "coopnet.geography",
    "sector_matrix": "coopnet.mixing",
    "sector_pairs": "coopnet.mixing",
    "type_summary": "coopnet.groups",
    "show": "coopnet.interactive",
    "slides": "coopnet.deck",
    "synthetic": "coopnet.generators",
    "timeline": "coopnet.temporal",
    "to_html": "coopnet.interactive",
    "report": "coopnet.reporting",
    "write_gexf": "coopnet.export",
    "write_graphml": "coopnet.export",
    "write_excel": "coopnet.excel",
    "write_template": "coopnet.excel",
}

__all__ = [
    "DataError",
    "layout",
    "prefectures",
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


#: Public modules reachable as ``cn.<name>`` without importing them first.
_MODULES = ("layout", "prefectures")


def __getattr__(name: str):
    if name in _MODULES:
        return importlib.import_module(f"coopnet.{name}")
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'coopnet' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
