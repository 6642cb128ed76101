"""Shared pieces of the command line: input options, loading, and output formats."""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata

import pandas as pd

from .._io.terminal import terminal_lines, terminal_safe
from ..errors import DataError, with_ja

FORMATS = ("table", "csv", "json")

#: The Python API's parameters and the options a command-line user types for them:
#: an error raised by the library (``outdir='ext' is not empty``) is said in the
#: user's terms (``-o 'ext' is not empty``) by :func:`in_cli_terms`.
OPTIONS = {
    "outdir": "-o",
    "path": "-o",
    "types": "--type",
    "n_perm": "--perm",
    "k": "--sample",
    "min_count": "--min-count",
    "alpha": "--alpha",
    "by": "--by",
    "lang": "--lang",
    "seed": "--seed",
    "title": "--title",
    "date": "--date",
    "layout": "--layout",
    "labels": "--labels",
    "periods": "--periods",
    "value": "--value",
    "graph": "--graph",
    "color_by": "--color-by",
}
#: Python's switches and the flags that set them.
FLAGS = {
    "overwrite=True": "--force",
    "force=True": "--force",
    "strict=False": "--no-strict",
    "excel=False": "--plain-csv",
}
_PARAM = re.compile(rf"(?<![\w.-])({'|'.join(OPTIONS)})=(?=\S)")
_FLAG = re.compile(rf"(?<![\w.-])(pass )?({'|'.join(map(re.escape, [*FLAGS, '--force']))})")


def in_cli_terms(text: str) -> str:
    """A message of the library in a command-line user's terms: options for parameters.

    Examples
    --------
    >>> in_cli_terms("a.pptx already exists; pass overwrite=True to replace it")
    'a.pptx already exists; add --force to replace it'
    >>> in_cli_terms("types='災害' is not in this network")
    "--type '災害' is not in this network"
    >>> in_cli_terms("一覧にないセクターもそのまま使うには strict=False を付けてください")
    '一覧にないセクターもそのまま使うには --no-strict を付けてください'
    """

    def flag(m: re.Match) -> str:
        option = FLAGS.get(m[2], m[2])
        return f"add {option}" if m[1] else option

    return _PARAM.sub(lambda m: OPTIONS[m[1]] + " ", _FLAG.sub(flag, text))


def error_text(exc: BaseException) -> str:
    """What the command line says about ``exc``: Japanese / English, in its terms."""
    if isinstance(exc, DataError):
        return in_cli_terms(exc.describe(bilingual=True))
    en = str(exc)
    if isinstance(exc, OSError) and not hasattr(exc, "ja"):  # one line: the path and the cause
        cause = exc.strerror or str(exc) or type(exc).__name__
        en = f"{exc.filename}: {cause}" if exc.filename else cause
    ja = getattr(exc, "ja", None)
    return in_cli_terms(f"{ja} / {en}" if ja else en)


def bilingual_error(ja: str, en: str) -> ValueError:
    """A ValueError of the command line itself, said in both languages."""
    return with_ja(ValueError(en), ja)


def add_input_args(parser: argparse.ArgumentParser) -> None:
    """--data, --orgs/--edges[/--cases/--members] or --xlsx (default: the bundled
    cases) and --no-strict."""
    group = parser.add_argument_group(
        "入力（省略すると同梱の JCA の事例）/ input (default: the bundled JCA cases)"
    )
    group.add_argument(
        "--data",
        metavar="DIR",
        help="orgs.csv と edges.csv（あれば cases.csv・members.csv も）のあるフォルダ / "
        "a folder with orgs.csv and edges.csv (and cases.csv, members.csv if there)",
    )
    group.add_argument(
        "--orgs",
        metavar="CSV",
        help="組織の CSV（id,name,sector,…）/ organisations CSV (id,name,sector,…)",
    )
    group.add_argument(
        "--edges",
        metavar="CSV",
        help="連携の CSV（source,target,type,case,…）/ partnerships CSV (source,target,type,case,…)",
    )
    group.add_argument(
        "--cases",
        metavar="CSV",
        help="事例の CSV（case,type,year,…）/ case table CSV (case,type,year,…)",
    )
    group.add_argument(
        "--members",
        metavar="CSV",
        help="連携のほかに事例に参加している組織の CSV（case,org,role）/ "
        "participants CSV (case,org,role) beyond the ties",
    )
    group.add_argument(
        "--xlsx",
        metavar="XLSX",
        help="シート 組織・連携（と 事例・参加）のある Excel ブック（coopnet template で"
        "作れます）。--orgs/--edges の代わりに / an Excel workbook with the sheets 組織 and "
        "連携 (and 事例, 参加), as coopnet template writes; instead of --orgs/--edges",
    )
    group.add_argument(
        "--no-strict",
        dest="strict",
        action="store_false",
        help="一覧にないセクター・連携類型・都道府県も、警告を出してそのまま使う / accept "
        "sectors, partnership types and prefectures outside coopnet's lists (with a warning)",
    )


def add_type_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--type",
        dest="ptype",
        metavar="T",
        help="この連携類型の連携だけを使う（例: 災害支援型）/ only partnerships of this type "
        "(e.g. 災害支援型)",
    )


def add_quiet_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="進み具合のバーを出さない（端末で 1 秒を超える処理にだけ出ます）/ no progress "
        "bars (they show only in a terminal, for work over a second)",
    )


def add_estimate_args(parser: argparse.ArgumentParser, ja: str, en: str) -> None:
    """--sample K, --exact and --seed: how path-based measures are computed."""
    parser.add_argument(
        "--sample",
        "--k",
        dest="sample",
        type=whole_number,
        default=None,
        metavar="K",
        help=f"{ja}を無作為に選んだ K 組織から推定する（既定: 20,000 組織までは厳密、それより"
        f"大きければ K=1000）/ estimate {en} from K random organisations (default: exact up "
        "to 20,000 organisations, else K=1000)",
    )
    parser.add_argument(
        "--exact",
        action="store_true",
        help=f"ネットワークが大きくても{ja}を厳密に計算する / compute {en} exactly, however "
        "large the network",
    )
    add_seed_arg(parser, "--sample の", "random seed for --sample")


def note_estimates(frame: pd.DataFrame, fmt: str) -> None:
    """Say which columns of ``frame`` are estimates: after a table, or on stderr."""
    from ..reporting import estimate_note

    note = estimate_note(frame.attrs.get("estimated", {}))
    if note:
        if fmt == "table":
            say(note)
        else:
            say(f"coopnet: note: {note}", stream=sys.stderr)


def add_format_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default="table",
        help="出力の形式（既定: table）/ output format (default: table)",
    )


def add_output_arg(
    parser: argparse.ArgumentParser, ja: str, en: str, *, metavar: str = "FILE", dest="output"
) -> None:
    """-o/--output (required): ``ja`` and ``en`` say what is written there."""
    parser.add_argument(
        "-o", "--output", dest=dest, required=True, metavar=metavar, help=f"{ja} / {en}"
    )


def add_lang_arg(parser: argparse.ArgumentParser, ja: str, en: str) -> None:
    """--lang ja|en: ``ja`` and ``en`` say what it is the language of."""
    parser.add_argument(
        "--lang",
        choices=("ja", "en"),
        default="ja",
        help=f"{ja}の言語（既定: ja）/ language of {en} (default: ja)",
    )


def add_force_arg(
    parser: argparse.ArgumentParser,
    ja: str = "同じ名前のファイルがあれば置き換える",
    en: str = "replace FILE if it exists",
) -> None:
    """--force: replace what is there (refused without it)."""
    parser.add_argument("--force", action="store_true", help=f"{ja} / {en}")


def add_seed_arg(parser: argparse.ArgumentParser, ja: str = "", en: str = "random seed") -> None:
    """--seed N (default 0): ``ja``/``en`` say what it seeds (the layout, the shuffles)."""
    parser.add_argument(
        "--seed", type=int, default=0, help=f"{ja}乱数の種（既定: 0）/ {en} (default: 0)"
    )


def add_perm_arg(parser: argparse.ArgumentParser, what: str = "null model") -> None:
    """--perm N (the API's ``n_perm``; ``--n-perm`` works too, undocumented)."""
    parser.add_argument(
        "--perm",
        dest="n_perm",
        type=whole_number,
        default=1000,
        metavar="N",
        help=f"偶然との比較に使う無作為な入れ替えの回数（既定: 1000）/ random draws of the "
        f"{what} (default: 1000)",
    )
    parser.add_argument(
        "--n-perm",
        dest="n_perm",
        type=whole_number,
        default=argparse.SUPPRESS,
        help=argparse.SUPPRESS,
    )


def whole_number(text: str) -> int:
    """An option's value that must be a whole number >= 0."""
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(
            f"{text!r} は 0 以上の整数ではありません / {text!r} is not a whole number >= 0"
        )
    return value


def load(args: argparse.Namespace):
    """The network the command's input options (and --type, if any) describe."""
    from ..io import load_sample, read_csv, read_folder

    files = {k: getattr(args, k, None) for k in ("orgs", "edges", "cases", "members")}
    xlsx = getattr(args, "xlsx", None)
    given = [o for o, v in (("--data", args.data), ("--xlsx", xlsx)) if v]
    if any(files.values()):
        given.append("--orgs/--edges")
    if len(given) > 1:
        both = " and ".join(given)
        raise bilingual_error(
            f"{'と'.join(given)} の両方が指定されています。データの指定はどれか 1 つにしてください",
            f"{both} were given: give your data one way only",
        )
    if (files["cases"] or files["members"]) and not files["orgs"]:
        raise bilingual_error(
            "--cases と --members は --orgs・--edges と一緒に指定してください",
            "--cases and --members go with --orgs and --edges",
        )
    if bool(files["orgs"]) != bool(files["edges"]):
        given, missing = ("--orgs", "--edges") if files["orgs"] else ("--edges", "--orgs")
        raise bilingual_error(
            f"{given} だけで {missing} がありません。両方指定するか、同梱の事例なら"
            "どちらも指定しないでください",
            f"{given} was given without {missing}: give both, or neither for the bundled cases",
        )
    if args.data:
        net = read_folder(args.data, strict=args.strict)
    elif xlsx:
        from ..excel import read_excel

        net = read_excel(xlsx, strict=args.strict)
    elif files["orgs"]:
        net = read_csv(
            files["orgs"],
            files["edges"],
            cases=files["cases"],
            members=files["members"],
            strict=args.strict,
        )
    else:
        net = load_sample()
    ptype = getattr(args, "ptype", None)
    if ptype:
        net = net.by_type(ptype)
    return net


def say(text: object = "", *, stream=None) -> None:
    """Print ``text`` (one or more lines) safely for a terminal: see :mod:`coopnet._io.terminal`.

    Every line the command prints goes through here (or through ``format_table``).
    """
    (stream or sys.stdout).write(terminal_lines(text) + "\n")


def text_width(text: str) -> int:
    """Terminal columns ``text`` takes: East Asian wide/full-width characters take two."""
    return sum(
        0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        for ch in text
    )


def _missing(value) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and value != value)


def _text(value) -> str:
    """A text cell: lists joined by commas, missing values empty, made safe."""
    if _missing(value):
        return ""
    if isinstance(value, list | tuple):
        value = ", ".join(map(str, value))
    return terminal_safe(value)


def _number(value) -> str:
    """A number cell's default format: floats to 3 decimals (3 digits when huge)."""
    if isinstance(value, float):
        return f"{value:.3f}" if abs(value) < 1e6 else f"{value:.3g}"
    return str(value)


def _clip(text: str, width: int | None) -> str:
    """``text`` cut to ``width`` display columns with ``…`` (None: whole)."""
    if width is None or text_width(text) <= width:
        return text
    out = ""
    for ch in text:
        if text_width(out + ch) > width - 1:
            break
        out += ch
    return out + "…"


def render(
    frame: pd.DataFrame, formats: dict, *, clip: dict | None = None, cut: int | None = 40
) -> str:
    """Align ``frame`` for a terminal, counting full-width characters as two columns.

    ``formats`` maps a column to a format spec (or a function) and right-aligns it;
    other columns are text, cut to ``clip[column]`` (else ``cut``) display columns.
    Every table the command line prints is made here.
    """
    clip = clip or {}
    headers = [terminal_safe(c) for c in frame.columns]
    columns = []
    for col in frame.columns:
        fmt, values = formats.get(col), frame[col].tolist()
        if fmt is None:
            cells = [_clip(_text(v), clip.get(col, cut)) for v in values]
        else:
            cells = [
                "" if _missing(v) else terminal_safe(fmt(v)) if callable(fmt) else format(v, fmt)
                for v in values
            ]
        columns.append(cells)
    widths = [
        max([text_width(h)] + [text_width(c) for c in cells])
        for h, cells in zip(headers, columns, strict=True)
    ]
    right = [c in formats for c in frame.columns]

    def line(cells):
        parts = []
        for cell, width, r in zip(cells, widths, right, strict=True):
            pad = " " * (width - text_width(cell))
            parts.append(pad + cell if r else cell + pad)
        return "  ".join(parts).rstrip()

    rows = [line(r) for r in zip(*columns, strict=True)] if columns else []
    return "\n".join([line(headers), "  ".join("-" * w for w in widths), *rows])


def format_table(frame: pd.DataFrame, *, index: bool = True) -> str:
    """``frame`` as a terminal table: numbers right-aligned, nothing cut (see :func:`render`)."""
    df = frame.reset_index() if index and frame.index.name is not None else frame
    numbers = {c: _number for c in df.columns if pd.api.types.is_numeric_dtype(df[c])}
    return render(df, numbers, cut=None)


def emit(frame: pd.DataFrame, fmt: str, *, index: bool = True, stream=None) -> None:
    """Print ``frame`` in ``fmt`` (table, csv or json) to ``stream`` (stdout).

    CSV and JSON are data: written to a file or a pipe they are exactly the data;
    on a terminal, their lines are made safe like every other line.
    """
    stream = stream or sys.stdout
    df = frame.reset_index() if index and frame.index.name is not None else frame
    if fmt == "table":
        stream.write(format_table(df, index=False) + "\n")
        return
    if fmt == "csv":
        text = df.to_csv(index=False, lineterminator="\n")
    elif fmt == "json":
        records = json.loads(df.to_json(orient="records", force_ascii=False))
        text = json.dumps(records, ensure_ascii=False, indent=2) + "\n"
    else:  # pragma: no cover - argparse restricts choices
        raise ValueError(f"format={fmt!r}; choose from {', '.join(FORMATS)}")
    isatty = getattr(stream, "isatty", None)
    if isatty is not None and isatty():
        text = terminal_lines(text)
    stream.write(text)
