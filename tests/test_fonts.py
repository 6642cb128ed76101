import matplotlib as mpl

from coopnet._draw.fonts import japanese_text


def test_font_context_restores_params_but_keeps_interactive_flag():
    """IPython turns "interactive" on while drawing the first figure; keep it on."""
    before_family = list(mpl.rcParams["font.family"])
    mpl.rcParams["interactive"] = False
    try:
        with japanese_text():
            assert "IPAexGothic" in mpl.rcParams["font.family"]
            mpl.rcParams["interactive"] = True
        assert mpl.rcParams["interactive"] is True
        assert list(mpl.rcParams["font.family"]) == before_family
    finally:
        mpl.rcParams["interactive"] = False
