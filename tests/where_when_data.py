"""A small hand-made network over three prefectures, for the prefecture and year tests.

Homes: ja-n, coop-n 長野県; jf-g, coop-g 新潟県; coop-t 東京都; nat (empty) and
wide (長野県、新潟県: a wide-area body) have none. Cases: A in 長野 (2000), B in
長野 and 新潟 (no year of its own), C national (2012), D in 東京 (2020, no
partnership: its one participant is listed in members.csv).
"""

from __future__ import annotations

from conftest import write

ORGS = """id,name,name_en,sector,prefecture,note
ja-n,JA長野,JA Nagano,JA,長野県,
coop-n,生協長野,Co-op Nagano,生協,長野,
jf-g,漁協新潟,JF Niigata,JF,新潟県,
coop-g,生協新潟,Co-op Niigata,生協,Niigata,
coop-t,生協東京,Co-op Tokyo,生協,東京都,
nat,全国連,National body,協同組合連携組織,,
wide,信越協議会,Shin-etsu council,協同組合連携組織,長野県、新潟県,
"""

EDGES = """source,target,type,case,year,evidence
ja-n,coop-n,産消提携型,A,2001,
ja-n,coop-n,産消提携型,A,2005,
ja-n,jf-g,事業連携型,B,2010,
coop-n,coop-g,事業連携型,B,,
nat,ja-n,地域連携型,C,2012,
nat,coop-t,地域連携型,C,2015,
wide,jf-g,事業連携型,B,2010,
"""

CASES = """case,type,year,prefecture,summary
A,産消提携型,2000,長野県,
B,事業連携型,,長野県、新潟県,
C,地域連携型,2012,,
D,学習会・イベント型,2020,東京都,
"""

MEMBERS = """case,org,role
D,coop-t,lead
"""


def three_prefectures(tmp_path):
    import coopnet as cn

    return cn.read_csv(
        write(tmp_path / "orgs.csv", ORGS),
        write(tmp_path / "edges.csv", EDGES),
        cases=write(tmp_path / "cases.csv", CASES),
        members=write(tmp_path / "members.csv", MEMBERS),
    )
