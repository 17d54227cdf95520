"""Ende-til-ende-tester av kommandolinjen ``arsrapport``.

Hver test kjører det ekte konsollskriptet i en egen prosess på en *kopi* av det
medfølgende uttrekket (``data/``) i ``tmp_path``, ødelagt på én måte, og sjekker
det brukeren ser: utgangskoden, at bruddet nevner fil, rad (overskriften er rad 1,
første datarad rad 2), kolonne og verdi, og at det ikke kommer noen Python-traceback.

CSV-filene endres som tekst, linje for linje: bare linjene testen ødelegger skrives
om, så resten av filen står byte for byte som i ``data/``.

Bibliotekets kontroll testes i detalj i ``test_innlesing.py``; her testes at
kommandolinjen viser bruddene og at ``figures`` ikke rører forrige bygg.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from arsrapport.data.kontrakt import TABELLER
from arsrapport.grunn.config import PROSJEKTROT

DATA = PROSJEKTROT / "data"
IKKE_SKREVET = "Ingenting er skrevet; forrige bygg står urørt."

# ------------------------------------------------------------------ å kjøre kommandoen


def _kommando() -> list[str]:
    """Konsollskriptet ved siden av Python-tolken (``.venv/bin/arsrapport``), ellers ``-m``."""
    skript = Path(sys.executable).with_name("arsrapport")
    if skript.is_file():
        return [str(skript)]
    return [sys.executable, "-m", "arsrapport"]


@dataclass
class Kjoring:
    args: list[str]
    rc: int
    stdout: str
    stderr: str

    @property
    def tekst(self) -> str:
        return self.stdout + self.stderr

    def __str__(self) -> str:  # vises når en påstand feiler
        return f"$ arsrapport {' '.join(self.args)}\n(rc={self.rc})\n--- stdout\n{self.stdout}--- stderr\n{self.stderr}"


def arsrapport(*args, cwd: Path | None = None, timeout: float = 300) -> Kjoring:
    args = [str(a) for a in args]
    res = subprocess.run(
        [*_kommando(), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=timeout,
        cwd=cwd,
    )
    return Kjoring(args, res.returncode, res.stdout, res.stderr)


# ------------------------------------------------------------------ å lese bruddene i utdataene

_BRUDDLINJE = re.compile(
    r"^  (?P<fil>[^,:]+?)"
    r"(?:, rad (?P<rad>\d+))?"
    r"(?:, kolonne (?P<kolonne>[^,:]+?))?"
    r"(?:, verdi «(?P<verdi>.*?)»)?"
    r": (?P<melding>.+)$"
)


@dataclass(frozen=True)
class Vist:
    """Ett brudd slik kommandolinjen viste det."""

    fil: str
    rad: int | None
    kolonne: str | None
    verdi: str | None
    melding: str

    @property
    def hvor(self) -> tuple:
        return (self.fil, self.rad, self.kolonne, self.verdi)


def viste_brudd(k: Kjoring) -> list[Vist]:
    """Bruddene i utdataene; sjekker overskriften «… (N brudd):» mot antallet linjer."""
    linjer = k.stderr.splitlines()
    hoder = [i for i, linje in enumerate(linjer) if re.search(r"bryter datakontrakten \((\d+) brudd\):$", linje)]
    assert len(hoder) == 1, f"fant ikke (nøyaktig én) overskrift for bruddene\n{k}"
    n = int(re.search(r"\((\d+) brudd\)", linjer[hoder[0]]).group(1))
    ut = []
    for linje in linjer[hoder[0] + 1 :]:
        if not linje.startswith("  "):
            break
        m = _BRUDDLINJE.match(linje)
        assert m, f"uventet form på bruddlinjen {linje!r}\n{k}"
        ut.append(Vist(m["fil"], int(m["rad"]) if m["rad"] else None, m["kolonne"], m["verdi"], m["melding"]))
    assert len(ut) == n, f"overskriften sier {n} brudd, men {len(ut)} er listet\n{k}"
    return ut


def avvist(k: Kjoring, rc: int = 1) -> list[Vist]:
    """``k`` avviste uttrekket pent: utgangskode, ingen traceback, melding om at ingenting er skrevet."""
    assert k.rc == rc, str(k)
    assert "Traceback" not in k.tekst, str(k)
    assert IKKE_SKREVET in k.stderr, str(k)
    return viste_brudd(k)


def ett_brudd(k: Kjoring, fil: str, rad: int | None, kolonne: str | None, verdi: str | None) -> Vist:
    """Nøyaktig ett brudd, med denne filen, raden, kolonnen og verdien."""
    brudd = avvist(k)
    assert [b.hvor for b in brudd] == [(fil, rad, kolonne, verdi)], str(k)
    return brudd[0]


# ------------------------------------------------------------------ å ødelegge en CSV-fil som tekst


class Csv:
    """En CSV-fil redigert linje for linje; rader telles som i et regneark (overskrift = 1).

    Forutsetter at ingen felt strekker seg over flere linjer (sjekkes), slik at linje
    *n* i filen er regnearkets rad *n*.
    """

    def __init__(self, sti: Path):
        self.sti = sti
        tekst = sti.read_text(encoding="utf-8")
        deler = tekst.split("\n")
        self.linjer = [d + "\n" for d in deler[:-1]] + ([deler[-1]] if deler[-1] else [])
        assert all(linje.count('"') % 2 == 0 for linje in self.linjer), f"{sti.name} har felt over flere linjer"
        self.kolonner = self._felt(1)

    @property
    def siste_rad(self) -> int:
        return len(self.linjer)

    def _felt(self, rad: int) -> list[str]:
        linje = self.linjer[rad - 1].rstrip("\r\n")
        return next(csv.reader([linje])) if linje else []

    def rad(self, rad: int) -> dict[str, str]:
        return dict(zip(self.kolonner, self._felt(rad)))

    def finn(self, hvor, fra: int = 2) -> int:
        """Første rad fra og med ``fra`` der ``hvor(rad som dict)`` er sann."""
        for nr in range(fra, self.siste_rad + 1):
            if hvor(self.rad(nr)):
                return nr
        raise AssertionError(f"fant ingen passende rad i {self.sti.name} fra rad {fra}")

    def _skriv_linje(self, rad: int, felt: list[str]) -> None:
        gammel = self.linjer[rad - 1]
        slutt = gammel[len(gammel.rstrip("\r\n")) :]
        buf = io.StringIO()
        csv.writer(buf, lineterminator=slutt).writerow(felt)
        self.linjer[rad - 1] = buf.getvalue()

    def sett(self, rad: int, kolonne: str, verdi: str) -> str:
        """Sett én celle; gir den gamle verdien."""
        assert rad >= 2
        felt = self._felt(rad)
        j = self.kolonner.index(kolonne)
        gammel, felt[j] = felt[j], verdi
        self._skriv_linje(rad, felt)
        return gammel

    def fjern_kolonne(self, kolonne: str) -> None:
        j = self.kolonner.index(kolonne)
        for nr in range(1, self.siste_rad + 1):
            felt = self._felt(nr)
            if felt:
                del felt[j]
                self._skriv_linje(nr, felt)
        self.kolonner = self._felt(1)

    def lagre(self, encoding: str = "utf-8") -> None:
        self.sti.write_bytes("".join(self.linjer).encode(encoding))


@pytest.fixture
def kopi(tmp_path) -> Path:
    """En kopi av det medfølgende uttrekket."""
    return Path(shutil.copytree(DATA, tmp_path / "data"))


def _dato(s: str) -> dt.date:
    return dt.date.fromisoformat(s)


def _midt(f: Csv) -> int:
    """En rad midt i filen (så radnummeret ikke er 2 ved et hell)."""
    return max(2, f.siste_rad // 2)


# ------------------------------------------------------------------ gyldig uttrekk


def test_validate_godtar_det_medfolgende_uttrekket(kopi):
    k = arsrapport("validate", "--data", kopi)
    assert k.rc == 0, str(k)
    assert "følger datakontrakten" in k.stdout, str(k)
    assert "Traceback" not in k.tekst and k.stderr == "", str(k)


# ------------------------------------------------------------------ filer


def test_manglende_fil(kopi):
    (kopi / "uiv.csv").unlink()
    b = ett_brudd(arsrapport("validate", "--data", kopi), "uiv.csv", None, None, None)
    assert "mangler" in b.melding and "uiv.xlsx" in b.melding


def test_datakatalogen_finnes_ikke(tmp_path):
    borte = tmp_path / "finnes-ikke"
    k = arsrapport("validate", "--data", borte)
    brudd = avvist(k)
    assert [(b.rad, b.kolonne, b.verdi) for b in brudd] == [(None, None, None)], str(k)
    assert str(borte) in k.stderr and "finnes ikke" in brudd[0].melding


def test_bade_csv_og_xlsx(kopi):
    import openpyxl

    f = Csv(kopi / "saker.csv")
    bok = openpyxl.Workbook()
    ark = bok.active
    ark.append(f.kolonner)
    for nr in (2, 3):
        ark.append(list(f.rad(nr).values()))
    bok.save(kopi / "saker.xlsx")
    b = ett_brudd(arsrapport("validate", "--data", kopi), "saker.csv", None, None, None)
    assert "saker.csv" in b.melding and "saker.xlsx" in b.melding


@pytest.mark.parametrize("navn", ["saker.csv", "arsverk.csv"])
def test_tom_fil_null_byte(kopi, navn):
    (kopi / navn).write_bytes(b"")
    b = ett_brudd(arsrapport("validate", "--data", kopi), navn, None, None, None)
    assert "tom" in b.melding


def test_feil_tegnkoding_hele_filen_latin1(kopi):
    """Hele saker.csv lagret som latin-1, med «Sør-Sudan» i den første raden som ellers er
    ren ASCII: det første ugyldige UTF-8-tegnet er da det første ikke-ASCII-feltet i filen."""
    f = Csv(kopi / "saker.csv")
    forste_ascii = f.finn(lambda r: all(v.isascii() for v in r.values()), fra=2)
    f.sett(forste_ascii, "nasjonalitet", "Sør-Sudan")
    # Forventet: første felt i filen som ikke er ASCII (regnet ut, ikke antatt).
    rad = next(nr for nr in range(1, f.siste_rad + 1) if not f.linjer[nr - 1].isascii())
    kolonne, verdi = next((k, v) for k, v in f.rad(rad).items() if not v.isascii())
    f.lagre(encoding="latin-1")
    b = ett_brudd(arsrapport("validate", "--data", kopi), "saker.csv", rad, kolonne, verdi)
    forste_byte = next(c for c in verdi if not c.isascii()).encode("latin-1")[0]
    assert "UTF-8" in b.melding and f"0x{forste_byte:02X}" in b.melding


def test_feil_tegnkoding_en_linje_latin1(kopi):
    """Én rad midt i en ellers UTF-8-kodet fil er lagret som latin-1 (limt inn fra et annet
    program): bruddet peker på den raden."""
    f = Csv(kopi / "saker.csv")
    kolonner = f.kolonner[: f.kolonner.index("nasjonalitet")]
    rad = f.finn(lambda r: all(r[k].isascii() for k in kolonner), fra=_midt(f))
    f.sett(rad, "nasjonalitet", "Sør-Sudan")
    f.sti.write_bytes(
        b"".join(linje.encode("latin-1" if nr == rad else "utf-8") for nr, linje in enumerate(f.linjer, 1))
    )
    assert b"S\xf8r-Sudan" in f.sti.read_bytes()
    b = ett_brudd(arsrapport("validate", "--data", kopi), "saker.csv", rad, "nasjonalitet", "Sør-Sudan")
    assert "UTF-8" in b.melding


def test_feil_tegnkoding_i_felt_med_anforselstegn(kopi):
    f = Csv(kopi / "tildeling.csv")
    rad = next(nr for nr in range(1, f.siste_rad + 1) if not f.linjer[nr - 1].isascii())
    kolonne, verdi = next((k, v) for k, v in f.rad(rad).items() if not v.isascii())
    assert '"' in f.linjer[rad - 1] and "," in verdi  # forutsetning: feltet står i anførselstegn
    f.lagre(encoding="latin-1")
    ett_brudd(arsrapport("validate", "--data", kopi), "tildeling.csv", rad, kolonne, verdi)


# ------------------------------------------------------------------ kolonner og verdier


def test_manglende_pakrevd_kolonne(kopi):
    f = Csv(kopi / "saker.csv")
    f.fjern_kolonne("mottatt_dato")
    f.lagre()
    b = ett_brudd(arsrapport("validate", "--data", kopi), "saker.csv", 1, "mottatt_dato", None)
    assert "påkrevd kolonne mangler" in b.melding


def test_rad_med_for_faa_felt(kopi):
    f = Csv(kopi / "saker.csv")
    rad = _midt(f)
    felt = f._felt(rad)
    del felt[f.kolonner.index("familie_id")]
    f._skriv_linje(rad, felt)
    f.lagre()
    b = ett_brudd(arsrapport("validate", "--data", kopi), "saker.csv", rad, None, None)
    assert "felt" in b.melding


def test_ugyldig_dato(kopi):
    f = Csv(kopi / "saker.csv")
    rad = _midt(f) + 1
    f.sett(rad, "mottatt_dato", "2023-02-30")
    f.lagre()
    b = ett_brudd(arsrapport("validate", "--data", kopi), "saker.csv", rad, "mottatt_dato", "2023-02-30")
    assert "ugyldig dato" in b.melding


def test_dato_i_norsk_format(kopi):
    f = Csv(kopi / "uiv.csv")
    rad = f.siste_rad
    iso = f.rad(rad)["mottatt_dato"]
    norsk = _dato(iso).strftime("%d.%m.%Y")
    f.sett(rad, "mottatt_dato", norsk)
    f.lagre()
    b = ett_brudd(arsrapport("validate", "--data", kopi), "uiv.csv", rad, "mottatt_dato", norsk)
    assert "ÅÅÅÅ-MM-DD" in b.melding


def test_ukjent_enumverdi(kopi):
    f = Csv(kopi / "saker.csv")
    rad = f.finn(lambda r: r["saksgruppe"] == "Asyl", fra=_midt(f))
    f.sett(rad, "saksgruppe", "Asylum")
    f.lagre()
    b = ett_brudd(arsrapport("validate", "--data", kopi), "saker.csv", rad, "saksgruppe", "Asylum")
    assert "ukjent verdi" in b.melding and "Asyl" in b.melding  # de lovlige verdiene listes


def test_duplikat_sak_id(kopi):
    f = Csv(kopi / "saker.csv")
    forste = _midt(f) // 2
    senere = _midt(f) + 7
    sak_id = f.rad(forste)["sak_id"]
    f.sett(senere, "sak_id", sak_id)
    f.lagre()
    b = ett_brudd(arsrapport("validate", "--data", kopi), "saker.csv", senere, "sak_id", sak_id)
    assert f"rad {forste}" in b.melding


def test_avsluttet_for_mottatt(kopi):
    f = Csv(kopi / "saker.csv")
    rad = f.finn(lambda r: r["avslutning"] == "Vedtak" and r["avsluttet_dato"] != "", fra=_midt(f))
    mottatt = f.rad(rad)["mottatt_dato"]
    for_tidlig = (_dato(mottatt) - dt.timedelta(days=1)).isoformat()
    f.sett(rad, "avsluttet_dato", for_tidlig)
    f.lagre()
    b = ett_brudd(arsrapport("validate", "--data", kopi), "saker.csv", rad, "avsluttet_dato", for_tidlig)
    assert "før mottatt_dato" in b.melding and mottatt in b.melding


def test_vedtak_uten_avgjorelsesform(kopi):
    f = Csv(kopi / "saker.csv")
    rad = f.finn(lambda r: r["avslutning"] == "Vedtak" and r["avgjorelsesform"] != "", fra=_midt(f) + 100)
    f.sett(rad, "avgjorelsesform", "")
    f.lagre()
    # Verdien er tom; meldingen sier hvorfor den må være satt.
    b = ett_brudd(arsrapport("validate", "--data", kopi), "saker.csv", rad, "avgjorelsesform", None)
    assert "mangler" in b.melding and "«Vedtak»" in b.melding


def test_asylsak_uten_asylspor(kopi):
    f = Csv(kopi / "saker.csv")
    rad = f.finn(lambda r: r["saksgruppe"] == "Asyl" and r["asylspor"] != "", fra=_midt(f) + 200)
    f.sett(rad, "asylspor", "")
    f.lagre()
    b = ett_brudd(arsrapport("validate", "--data", kopi), "saker.csv", rad, "asylspor", None)
    assert "mangler" in b.melding and "«Asyl»" in b.melding


def test_negative_arsverk(kopi):
    f = Csv(kopi / "arsverk.csv")
    rad = f.siste_rad - 1
    negativ = "-" + f.rad(rad)["arsverk"]
    f.sett(rad, "arsverk", negativ)
    f.lagre()
    b = ett_brudd(arsrapport("validate", "--data", kopi), "arsverk.csv", rad, "arsverk", negativ)
    assert "negativ" in b.melding


def test_endringene_rorer_bare_den_odelagte_linjen(kopi):
    """Hjelperen skriver bare om linjen den endrer (ellers kunne testene finne følgefeil)."""
    f = Csv(kopi / "saker.csv")
    f.sett(5, "nasjonalitet", f.rad(5)["nasjonalitet"])
    f.lagre()
    assert (kopi / "saker.csv").read_bytes() == (DATA / "saker.csv").read_bytes()


# ------------------------------------------------------------------ det som vises av filen (issue 13)
#
# Et brudd viser høyst én celle, kuttet og med synlige kontrolltegn, aldri en hel rad. Testene
# sjekker at ingen saks- eller person-id fra filen (utenom den ene cellen) står i utdataene.


def _ider(f: Csv, unntatt: int | None = None) -> set[str]:
    """sak_id og person_id i alle radene i ``f`` (unntatt raden ``unntatt``)."""
    return {f.rad(nr)[k] for nr in range(2, f.siste_rad + 1) if nr != unntatt for k in ("sak_id", "person_id")}


def _ingen_id(k: Kjoring, ider: set[str]) -> None:
    funnet = [i for i in ider if i in k.tekst]
    assert not funnet, f"{funnet[:5]}\n{k}"


def test_en_megabyte_i_et_felt_gir_kort_utskrift(kopi):
    f = Csv(kopi / "saker.csv")
    rad = _midt(f)
    f.sett(rad, "mottatt_dato", "x" * (1 << 20))
    f.lagre()
    k = arsrapport("validate", "--data", kopi)
    ett_brudd(k, "saker.csv", rad, "mottatt_dato", "x" * 40 + "…")
    assert len(k.stderr.encode("utf-8")) < 2000, len(k.stderr)


def test_kontrolltegn_skrives_synlig(kopi):
    """NUL og en ANSI-kode (tøm skjermen) i en celle: bruddet viser dem som \\x00 og \\x1b."""
    f = Csv(kopi / "saker.csv")
    rad = _midt(f)
    f.sett(rad, "nasjonalitet", "Syria\x00\x1b[2J")
    f.lagre()
    k = arsrapport("validate", "--data", kopi)
    b = ett_brudd(k, "saker.csv", rad, "nasjonalitet", "Syria\\x00\\x1b[2J")
    assert "NUL" in b.melding
    assert "\x00" not in k.tekst and "\x1b" not in k.tekst


def test_norsk_excel_semikolon_og_windows_1252(kopi):
    """saker.csv lagret av norsk Excel («;» og Windows-1252): ett brudd for filen, som sier begge
    deler og hvordan den lagres riktig; ingenting fra radene i utdataene."""
    f = Csv(kopi / "saker.csv")
    ider = _ider(f)
    rader = list(csv.reader(io.StringIO((kopi / "saker.csv").read_text(encoding="utf-8"))))
    with open(kopi / "saker.csv", "w", encoding="cp1252", newline="") as ut:
        csv.writer(ut, delimiter=";", lineterminator="\r\n").writerows(rader)
    k = arsrapport("validate", "--data", kopi)
    b = ett_brudd(k, "saker.csv", 1, None, None)
    for ord in ("semikolon", "Windows-1252", ".xlsx", "CSV UTF-8 (kommadelt)"):
        assert ord in b.melding, str(k)
    _ingen_id(k, ider)
    assert len(k.stderr.encode("utf-8")) < 2000


def test_windows_1252_viser_bare_cellen(kopi):
    """Hele saker.csv lagret som Windows-1252: bruddet viser cellen med den første ugyldige
    byten, ikke resten av raden."""
    f = Csv(kopi / "saker.csv")
    rad = next(nr for nr in range(2, f.siste_rad + 1) if not f.linjer[nr - 1].isascii())
    kolonne, verdi = next((k, v) for k, v in f.rad(rad).items() if not v.isascii())
    ider = _ider(f) - {verdi}
    f.lagre(encoding="cp1252")
    k = arsrapport("validate", "--data", kopi)
    b = ett_brudd(k, "saker.csv", rad, kolonne, verdi)
    assert "Windows-1252" in b.melding and "CSV UTF-8 (kommadelt)" in b.melding
    _ingen_id(k, ider)


# ------------------------------------------------------------------ datoer og rapportåret (issue 13)


def test_dato_i_2099(kopi):
    """Én mottatt_dato i 2099 ville gjort uttrekksdatoen til 2099-01-01 og rapportåret til 2098."""
    f = Csv(kopi / "saker.csv")
    rad = _midt(f)
    f.sett(rad, "mottatt_dato", "2099-01-01")
    f.lagre()
    b = ett_brudd(arsrapport("validate", "--data", kopi), "saker.csv", rad, "mottatt_dato", "2099-01-01")
    assert "etter dagens dato" in b.melding


def _rapportarfeil(k: Kjoring, ar: int) -> list[Vist]:
    """Bruddene under «Rapportåret … er utenfor årene uttrekket … dekker (…)»."""
    assert k.rc == 1, str(k)
    assert "Traceback" not in k.tekst, str(k)
    linjer = k.stderr.splitlines()
    assert re.fullmatch(
        rf"Rapportåret {ar} er utenfor årene uttrekket i .+ dekker \(2022–2023\); ingenting er beregnet:", linjer[0]
    ), str(k)
    ut = []
    for linje in linjer[1:]:
        if not linje.startswith("  "):
            break
        m = _BRUDDLINJE.match(linje)
        assert m, str(k)
        ut.append(Vist(m["fil"], None, m["kolonne"], None, m["melding"]))
    assert ut, str(k)
    return ut


@pytest.mark.parametrize("ar", [0, 1999, 2021, 2024, 2030])
def test_validate_rapportar_utenfor_dataene(ar):
    """Det medfølgende uttrekket dekker 2022–2023: registeret slutter med 2023 (uttrekksdato
    15.02.2024), og 2021 mangler vekttall for 2019 (produktivitetstabellene viser tre år)."""
    brudd = _rapportarfeil(arsrapport("validate", "--data", DATA, "--year", ar), ar)
    if ar == 2021:
        assert [(b.fil, b.kolonne) for b in brudd] == [("vekttall.csv", "ar_fra")]
        assert "ingen vekter gjelder for 2019" in brudd[0].melding
    else:
        assert ("regnskap.csv", "ar") in [(b.fil, b.kolonne) for b in brudd]


@pytest.mark.parametrize("ar", [2022, 2023])
def test_validate_forste_og_siste_dekkede_ar(ar):
    k = arsrapport("validate", "--data", DATA, "--year", ar)
    assert k.rc == 0 and k.stderr == "", str(k)
    assert f"følger datakontrakten (rapportår {ar})" in k.stdout


def _rapportarfeil_uten_dekning(k: Kjoring) -> list[Vist]:
    assert k.rc == 1 and "Traceback" not in k.tekst, str(k)
    linjer = k.stderr.splitlines()
    assert re.fullmatch(
        r"Rapportåret 2023 er utenfor årene uttrekket i .+ dekker \(ingen\); ingenting er beregnet:", linjer[0]
    ), str(k)
    return [
        Vist(m["fil"], None, m["kolonne"], None, m["melding"])
        for m in (_BRUDDLINJE.match(x) for x in linjer[1:] if x.startswith("  "))
    ]


def test_regnskap_med_bare_overskrift(kopi):
    f = Csv(kopi / "regnskap.csv")
    (kopi / "regnskap.csv").write_text(f.linjer[0], encoding="utf-8")
    brudd = _rapportarfeil_uten_dekning(arsrapport("validate", "--data", kopi))
    assert [(b.fil, b.kolonne, b.melding) for b in brudd] == [
        ("regnskap.csv", "ar", "ingen rader for 2023 (filen har ingen datarader)")
    ]


@pytest.mark.parametrize("ar", [0, 2030])
def test_figures_med_rapportar_utenfor_stopper_for_noe_beregnes(tmp_path, ar):
    """``--year 0`` betydde 2023 (0 er usant); nå er det et år utenfor dataene, som 2030."""
    ut = tmp_path / "bygg" / "_build"
    k = arsrapport("figures", "--data", DATA, "--out", ut, "--year", ar)
    _rapportarfeil(k, ar)
    assert IKKE_SKREVET in k.stderr
    assert "[1/4]" in k.stdout and "[2/4]" not in k.stdout, str(k)  # før regnskapet og notatbøkene
    assert not (tmp_path / "bygg").exists()


# ------------------------------------------------------------------ alle brudd på én gang


def test_flere_brudd_i_flere_filer_listes_i_en_kjoring(kopi):
    saker = Csv(kopi / "saker.csv")
    r_dato = _midt(saker)
    saker.sett(r_dato, "mottatt_dato", "2023-13-01")
    r_enum = saker.finn(lambda r: r["saksgruppe"] == "Asyl", fra=r_dato + 1000)
    saker.sett(r_enum, "saksgruppe", "Asylum")
    saker.lagre()

    arsverk = Csv(kopi / "arsverk.csv")
    arsverk.sett(3, "arsverk", "-2.5")
    arsverk.lagre()

    rettssaker = Csv(kopi / "rettssaker.csv")
    r_instans = _midt(rettssaker)
    rettssaker.sett(r_instans, "instans", "Høgsterett")
    rettssaker.lagre()

    (kopi / "kontoplan.csv").unlink()
    (kopi / "kpi.csv").write_bytes(b"")

    brudd = avvist(arsrapport("validate", "--data", kopi))
    assert {b.hvor for b in brudd} == {
        ("saker.csv", r_dato, "mottatt_dato", "2023-13-01"),
        ("saker.csv", r_enum, "saksgruppe", "Asylum"),
        ("arsverk.csv", 3, "arsverk", "-2.5"),
        ("rettssaker.csv", r_instans, "instans", "Høgsterett"),
        ("kontoplan.csv", None, None, None),
        ("kpi.csv", None, None, None),
    }
    assert len(brudd) == 6


# ------------------------------------------------------------------ figures rører ikke forrige bygg


def _avtrykk(katalog: Path) -> dict[str, str]:
    """sha256 for hver fil under ``katalog`` (og katalogene, som tomme oppføringer)."""
    ut = {}
    for sti in sorted(katalog.rglob("*")):
        navn = sti.relative_to(katalog).as_posix()
        ut[navn] = hashlib.sha256(sti.read_bytes()).hexdigest() if sti.is_file() else "<katalog>"
    return ut


@pytest.fixture(scope="module")
def figures_kjoring(tmp_path_factory) -> tuple[Path, Kjoring]:
    """Et vellykket ``arsrapport figures`` på en uendret kopi av uttrekket (én gang per modul)."""
    rot = tmp_path_factory.mktemp("cli_bygg")
    god = Path(shutil.copytree(DATA, rot / "god"))
    ut = rot / "bygg" / "_build"
    k = arsrapport("figures", "--data", god, "--out", ut, timeout=900)
    assert k.rc == 0, str(k)
    assert "Traceback" not in k.tekst, str(k)
    assert (ut / "figures.json").is_file() and (ut / "tabeller.xlsx").is_file()
    assert [p.name for p in ut.parent.iterdir()] == ["_build"], "det vellykkede bygget etterlot andre kataloger"
    return ut, k


@pytest.fixture(scope="module")
def forrige_bygg(figures_kjoring) -> Path:
    return figures_kjoring[0]


def test_figures_viser_stegene_og_en_oppsummering(figures_kjoring):
    """``figures`` (uten bok) melder hvert steg med nummer og avslutter med oppsummeringen:
    kapitlene, tallene, advarslene, tiden per steg og stiene til utdataene."""
    ut, k = figures_kjoring
    linjer = k.stdout.splitlines()
    steg = [linje for linje in linjer if re.match(r"^\[\d/\d\] ", linje)]
    assert [s[:5] for s in steg] == ["[1/4]", "[2/4]", "[3/4]", "[4/4]"], str(k)
    assert steg[2].startswith("[3/4] Beregner kapitlene (i prosessen, uten notatbøker)"), str(k)
    oppsummering = "\n".join(linjer[linjer.index(next(x for x in linjer if x.startswith("Oppsummering"))) :])
    assert "Kapitler:        beregnet i prosessen (uten notatbøker)" in oppsummering
    assert re.search(r"Tall:\s+[\d\u00a0]+ i figures.json for \d{4}–\d{4}", oppsummering), oppsummering
    assert re.search(r"Advarsler:\s+\d+ \(bygget \d+\)", oppsummering), oppsummering
    assert "ikke bygget (arsrapport figures)" in oppsummering
    for navn in ("Uttrekket", "Regnskapet", "Kapitlene", "figures.json og tabeller.xlsx", "Totalt"):
        assert re.search(rf"^    {re.escape(navn)}\s+[\d\u00a0]+,\d s$", oppsummering, re.M), (navn, oppsummering)
    assert f"figures.json   {ut / 'figures.json'}" in oppsummering
    assert f"tabeller.xlsx  {ut / 'tabeller.xlsx'}" in oppsummering
    assert "HTML" not in oppsummering.split("Utdata:")[1]


def _odelegg_dato(kopi: Path) -> None:
    f = Csv(kopi / "saker.csv")
    f.sett(_midt(f), "mottatt_dato", "2023-02-30")
    f.lagre()


def _odelegg_tegnkoding(kopi: Path) -> None:
    f = Csv(kopi / "saker.csv")
    f.sett(2, "nasjonalitet", "Sør-Sudan")
    f.lagre(encoding="latin-1")


@pytest.mark.parametrize(
    "odelegg",
    [
        pytest.param(lambda d: (d / "uiv.csv").unlink(), id="manglende-fil"),
        pytest.param(_odelegg_dato, id="ugyldig-dato"),
        pytest.param(_odelegg_tegnkoding, id="latin-1"),
    ],
)
def test_figures_med_odelagt_uttrekk_rorer_ikke_forrige_bygg(forrige_bygg, kopi, odelegg):
    ut = forrige_bygg
    for_ = _avtrykk(ut)
    naboer_for = sorted(p.name for p in ut.parent.iterdir())
    odelegg(kopi)

    k = arsrapport("figures", "--data", kopi, "--out", ut)

    assert k.rc != 0, str(k)
    assert "Traceback" not in k.tekst, str(k)
    assert IKKE_SKREVET in k.stderr, str(k)
    assert viste_brudd(k), str(k)
    assert _avtrykk(ut) == for_, "forrige bygg ble endret"
    assert sorted(p.name for p in ut.parent.iterdir()) == naboer_for == ["_build"], (
        "midlertidige kataloger ble liggende"
    )


# ------------------------------------------------------------------ tall


def test_tall_soker_i_tallene(kopi):
    """``arsrapport tall sp1.``: tallene for SP1 i rapportåret, med verdien slik boka skriver
    den og definisjonen. Regnet for hånd på saker.csv: 393 av 610 asylklager behandlet i 2023
    hadde saksbehandlingstid under 120 dager (64,4 %), i snitt 127,6 dager."""
    k = arsrapport("tall", "sp1.", "--data", kopi)
    assert k.rc == 0, str(k)
    assert "Traceback" not in k.tekst and k.stderr == "", str(k)
    linjer = k.stdout.splitlines()
    assert re.fullmatch(r"12 tall for 2023 som passer «sp1\.» \(av [\d]+\); skriv \{tall\}`id` i boka\.", linjer[0]), (
        str(k)
    )
    assert len(linjer) == 1 + 12, str(k)
    assert all(linje.startswith("sp1.") for linje in linjer[1:]), str(k)
    vist = dict(linje.split(": ", 1) for linje in linjer[1:])
    assert vist["sp1.andel_under_grense"].startswith("64,4\u00a0% – Andel av sakene behandlet i året"), str(k)
    assert vist["sp1.antall"].startswith("610 – "), str(k)
    assert vist["sp1.snitt"].startswith("128\u00a0dager – "), str(k)
    assert vist["sp1.mal_andel"].startswith("70\u00a0% – "), str(k)


def test_tall_med_ar_utenfor_dataene_og_med_sok_og_dokumentasjon(kopi):
    k = arsrapport("tall", "mottatt", "--data", kopi, "--year", 2030)
    assert k.rc == 1, str(k)
    assert "Traceback" not in k.tekst, str(k)
    assert "Rapportåret 2030 er utenfor årene" in k.stderr, str(k)
    k = arsrapport("tall", "mottatt", "--skriv-dokumentasjon")
    assert k.rc == 2, str(k)
    assert "ta bort søket" in k.stderr, str(k)


# ------------------------------------------------------------------ generate


def test_generate_er_deterministisk_og_gyldig(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    for ut in (a, b):
        k = arsrapport("generate", "--out", ut, "--seed", 7)
        assert k.rc == 0, str(k)
        assert "Traceback" not in k.tekst, str(k)
    filer_a = sorted(p.name for p in a.iterdir())
    assert filer_a == sorted(p.name for p in b.iterdir())
    assert filer_a == sorted(f"{navn}.csv" for navn in TABELLER)  # alle tabellene i kontrakten
    for navn in filer_a:
        assert (a / navn).read_bytes() == (b / navn).read_bytes(), f"{navn} er ikke byte for byte lik"
    k = arsrapport("validate", "--data", a)
    assert k.rc == 0, str(k)
    assert "følger datakontrakten" in k.stdout


def test_figures_gir_samme_figures_json_og_tabeller_som_bygget(figures_kjoring, bygg_html):
    """``arsrapport figures`` regner kapitlene i prosessen, uten notatbøker; tallene og
    tabellene er byte for byte de samme som bygget (notatbøkene) gir."""
    ut, _ = figures_kjoring
    assert (ut / "figures.json").read_bytes() == (bygg_html / "figures.json").read_bytes()
    assert (ut / "tabeller.xlsx").read_bytes() == (bygg_html / "tabeller.xlsx").read_bytes()


# ------------------------------------------------------------------ build --avstemming-pdf


def test_avstemming_pdf_gar_videre_til_bygget(monkeypatch):
    """``--avstemming-pdf`` ber bygget om avstemmingen som eget dokument; uten flagget lages
    bare rapporten (PDF-steget selv er prøvd i ``test_pdf_tilgjengelig.py``)."""
    from arsrapport.bok import bygg as byggpakke
    from arsrapport.bok.cli import main

    kall = []
    monkeypatch.setattr(byggpakke, "bygg", lambda *a, **k: kall.append(k))
    assert main(["build", "--avstemming-pdf"]) == 0
    assert main(["build"]) == 0
    assert [(k["pdf"], k["avstemming_pdf"]) for k in kall] == [(True, True), (True, False)]


def test_avstemming_pdf_uten_pdf_avvises(tmp_path):
    k = arsrapport("build", "--no-pdf", "--avstemming-pdf", "--out", tmp_path / "ut")
    assert k.rc == 2, str(k)
    assert "--avstemming-pdf kan ikke brukes sammen med --no-pdf" in k.stderr, str(k)
    assert "Traceback" not in k.tekst and not (tmp_path / "ut").exists(), str(k)
