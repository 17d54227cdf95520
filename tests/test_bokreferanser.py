"""Tallreferansene i boka (:mod:`arsrapport.utdata.bokreferanser`): funnet med linjenummer, slått
opp til tekst, og en feilskrevet id stopper bygget med side, linje og forslag."""

from __future__ import annotations

import pytest

from arsrapport.grunn.config import PROSJEKTROT
from arsrapport.utdata.bokreferanser import Forekomst, Referansefeil, bokfiler, finn, slå_opp
from arsrapport.utdata.tallkatalog import Katalog, Tall, Tallverdier

NB = "\u00a0"

KATALOG = Katalog(
    [
        Tall("behandlet[.{segment}]", "antall", "Behandlede saker.", "arsrapport.maal.saksbehandling.behandlet"),
        Tall(
            "behandlet_x",
            "antall",
            "Brukes for å se at nære id-er foreslås.",
            "arsrapport.maal.saksbehandling.behandlet",
        ),
    ]
)
VERDIER = Tallverdier(
    2023,
    {2023: {"behandlet": 7029, "behandlet.asyl": 1234, "behandlet.endring": 0.12}, 2022: {"behandlet": 6500}},
    {"uttrekksdato": "15.02.2024"},
    katalog=KATALOG,
)


def test_finn_gir_fil_linje_og_referanse(tmp_path):
    side = tmp_path / "del3" / "side.md"
    side.parent.mkdir()
    side.write_text(
        "# Tittel\n\nNemnda behandlet {tall}`behandlet` saker, mot {tall}`behandlet@f1`\nåret før"
        " ({tall}` behandlet.endring.verb `).\n",
        encoding="utf-8",
    )
    assert finn(bokfiler(tmp_path), tmp_path) == [
        Forekomst("del3/side.md", 3, "behandlet"),
        Forekomst("del3/side.md", 3, "behandlet@f1"),
        Forekomst("del3/side.md", 4, "behandlet.endring.verb"),
    ]


def test_slaa_opp_gir_teksten_til_hver_referanse():
    forekomster = [
        Forekomst("a.md", 1, "behandlet"),
        Forekomst("a.md", 2, "behandlet@f1"),
        Forekomst("b.md", 1, "behandlet"),  # samme referanse to steder: slås opp én gang
        Forekomst("b.md", 2, "behandlet.endring.verb"),
        Forekomst("b.md", 3, "uttrekksdato"),
    ]
    assert slå_opp(forekomster, VERDIER) == {
        "behandlet": f"7{NB}029",
        "behandlet.endring.verb": "økte",
        "behandlet@f1": f"6{NB}500",
        "uttrekksdato": "15.02.2024",
    }


def test_feilskrevet_id_gir_side_linje_og_forslag():
    with pytest.raises(Referansefeil) as feil:
        slå_opp(
            [Forekomst("book/del3/a.md", 14, "behandlett.asyl"), Forekomst("book/del3/a.md", 20, "behandlet")], VERDIER
        )
    melding = str(feil.value)
    assert melding.startswith("1 tallreferanse i boka kan ikke slås opp:")
    assert "book/del3/a.md, linje 14: ukjent tall «behandlett.asyl»; mente du behandlet.asyl" in melding


def test_aar_som_ikke_er_beregnet_og_mange_feil_kortes_av():
    with pytest.raises(Referansefeil, match=r"behandlet\.asyl er ikke beregnet for 2022"):
        slå_opp([Forekomst("a.md", 1, "behandlet.asyl@f1")], VERDIER)
    mange = [Forekomst("a.md", i, f"finnes_ikke_{i}") for i in range(1, 26)]
    with pytest.raises(Referansefeil) as feil:
        slå_opp(mange, VERDIER)
    assert str(feil.value).startswith("25 tallreferanser")
    assert "… og 5 til" in str(feil.value)
    assert "linje 21" not in str(feil.value)


def test_hver_referanse_i_boka_er_kjent_i_form():
    """Alle referansene i ``book/`` er skrevet som id[@fN][.variant] (ingen stier, ingen glue)."""
    from arsrapport.utdata.tallkatalog import les_referanse

    forekomster = finn(bokfiler(PROSJEKTROT / "book"), PROSJEKTROT)
    assert len(forekomster) > 600
    for f in forekomster:
        les_referanse(f.ref)
        assert "/" not in f.ref and "::" not in f.ref, f
    for fil in bokfiler(PROSJEKTROT / "book"):
        assert "{glue" not in fil.read_text(encoding="utf-8"), f"{fil}: bruk {{tall}}, ikke glue"


def test_kilden_til_et_tall_har_id_definisjon_og_aarene_som_er_beregnet():
    """Det HTML-boka viser ved tallet: id-en uten år og variant, definisjonen og funksjonen
    fra katalogen, og verdien rapportåret og årene før (2021 er ikke beregnet her)."""
    assert VERDIER.kilde("behandlet@f1") == {
        "id": "behandlet",
        "definisjon": "Behandlede saker.",
        "funksjon": "arsrapport.maal.saksbehandling.behandlet",
        "kapittel": "",
        "ar": [[2023, f"7{NB}029"], [2022, f"6{NB}500"]],
    }
    assert VERDIER.kilde("behandlet.endring.verb")["ar"] == [[2023, "12\u00a0%"]]
    assert VERDIER.kilde("uttrekksdato") == {"id": "uttrekksdato"}  # en tekst uten oppføring her
