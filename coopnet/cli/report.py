"""``coopnet report`` (the whole report in a folder) and ``coopnet export`` (Gephi, Cytoscape)."""

from __future__ import annotations

import argparse
from pathlib import Path

from .common import (
    add_force_arg,
    add_input_args,
    add_lang_arg,
    add_output_arg,
    add_quiet_arg,
    add_seed_arg,
    add_type_arg,
    bilingual_error,
    load,
    say,
)

EXPORT_FORMATS = {".gexf": "write_gexf", ".graphml": "write_graphml"}


def register(sub) -> None:
    p = sub.add_parser(
        "report",
        help="レポート一式（図・表・summary.md）をフォルダに書き出す / write the whole report "
        "into a folder: maps, tables, summary.md",
        description="フォルダ DIR に、map.png（16:9 スライド）、types.png、pairs.png、"
        "map.html（操作できる地図、オフライン）、prefectures.png、timeline.png、slides.pptx"
        "（PowerPoint）、centrality.csv、bridges.csv、pairs.csv、types.csv、cases.csv と "
        "summary.md（日本語と英語）を書き出します。DIR はなければ作ります。空でない DIR は "
        "--force を付けたときだけ使います。レポートは DIR の隣の隠しフォルダで組み立て、"
        "できあがってから置くので、DIR に半分だけのレポートが残ることはありません。"
        "終了コードは、書き出せたら 0、入力の誤りや書き出せないときは 2、Ctrl-C では 130 です。"
        "\n\n"
        "Write into DIR: map.png (16:9 slide), types.png, pairs.png, map.html (interactive, "
        "offline), prefectures.png, timeline.png, slides.pptx (PowerPoint), centrality.csv, "
        "bridges.csv, pairs.csv, types.csv, cases.csv and summary.md (Japanese and "
        "English). DIR is created; a non-empty DIR is refused unless --force. The report "
        "is built in a hidden folder beside DIR and moved into place when complete, so DIR "
        "never holds half a report. Exit code 0 when written, 2 on bad input or output "
        "that cannot be written, 130 on Ctrl-C.",
    )
    add_output_arg(
        p,
        "レポートを書き出すフォルダ",
        "folder to write the report into",
        metavar="DIR",
        dest="outdir",
    )
    add_input_args(p)
    add_type_arg(p)
    add_lang_arg(p, "図", "the pictures")
    add_force_arg(
        p,
        "空でない DIR にも書き出し、レポートのファイルを置き換える（ほかのファイルは残す）",
        "write into a non-empty DIR, replacing the report's files (other files are kept)",
    )
    p.add_argument(
        "--plain-csv",
        dest="excel",
        action="store_false",
        help="CSV を BOM なしの UTF-8 で書く。既定は Excel 向け（BOM 付き UTF-8 で日本語の "
        "Excel でも文字化けせず、= + - @ で始まるセルは無害化）/ plain UTF-8 CSV; by default "
        "the CSV files are for Excel: UTF-8 with a BOM (Japanese Excel opens them right), "
        "cells starting with = + - @ neutralised",
    )
    p.add_argument("--excel", action="store_true", help=argparse.SUPPRESS)  # the default now
    add_seed_arg(p, "配置と入れ替えの", "seed of layouts and permutations")
    p.add_argument(
        "--title",
        help="レポートと図の題名（既定: データの題名。同梱のデータにはその題名があり、なければ"
        "「協同組合間連携ネットワーク・レポート」）/ title of the report and its pictures "
        "(default: the data's own title, e.g. the bundled set's, or 「協同組合間連携"
        "ネットワーク・レポート」)",
    )
    add_quiet_arg(p)
    p.set_defaults(func=run_report)

    p = sub.add_parser(
        "export",
        help="Gephi（.gexf）や Cytoscape（.graphml）用にネットワークを書き出す / write the "
        "network for Gephi (.gexf) or Cytoscape (.graphml)",
        description="FILE を拡張子に応じて GEXF（Gephi。色と配置つき）または GraphML"
        "（Cytoscape）で書き出します。連携は 1 件ずつ、連携類型・事例・開始年とともに"
        "エッジになります。\n\n"
        "Write FILE as GEXF (Gephi; coloured and laid out) or GraphML (Cytoscape), chosen "
        "by its extension. Every partnership is kept as its own edge with its type, case "
        "and year.",
    )
    add_output_arg(
        p,
        "書き出すファイル（.gexf または .graphml）",
        "file to write (.gexf or .graphml)",
        dest="path",
    )
    add_input_args(p)
    add_type_arg(p)
    add_lang_arg(p, "ラベル", "the labels")
    add_force_arg(p)
    p.add_argument(
        "--graph",
        choices=("organisations", "affiliation"),
        default="organisations",
        help="organisations: 組織と連携（既定）、affiliation: 組織と参加する事例の 2 部"
        "ネットワーク / organisations and their partnerships (default), or the two-mode "
        "network of organisations and the cases they take part in",
    )
    p.set_defaults(func=run_export)


def run_report(args: argparse.Namespace) -> int:
    from .._io.output import check_folder
    from ..reporting import report

    check_folder(args.outdir, force=args.force, flag="--force")  # before the work
    net = load(args)
    title = args.title or net.name or None
    if args.ptype and not args.title:
        title = f"{title or ''} — {', '.join(net.types)}".lstrip(" —")
    report(
        net,
        args.outdir,
        lang=args.lang,
        force=args.force,
        excel=args.excel,
        seed=args.seed,
        title=title,
        echo=say,
    )
    return 0


def run_export(args: argparse.Namespace) -> int:
    from .. import export
    from .._io.output import check_file

    path = Path(args.path)
    writer = EXPORT_FORMATS.get(path.suffix.lower())
    if writer is None:
        ext, choices = path.suffix or "(none)", ", ".join(EXPORT_FORMATS)
        raise bilingual_error(
            f"-o {str(path)!r}: 拡張子 {ext!r} では書き出せません。{choices} のどれかに"
            "してください",
            f"-o {str(path)!r}: the extension {ext!r} is not an export format; choose from "
            f"{choices}",
        )
    check_file(path, force=args.force)
    net = load(args)
    getattr(export, writer)(net, path, lang=args.lang, graph=args.graph)
    n, m = len(net.orgs), len(net.edges)
    say(f"wrote {path}: {n} organisation{'s' * (n != 1)}, {m} partnership{'s' * (m != 1)}")
    return 0
