"""Tilgjengelighetsegenskapene til en PDF, lest med pikepdf: tagget (strukturtreet og
rollene i det), språk, tittel som vises, figurer med alt-tekst, bokmerker, innebygde
skrifter og identifikasjonen (PDF/UA, PDF/A) i XMP-metadataene."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Egenskaper:
    sider: int
    tagget: bool  #: /StructTreeRoot og /MarkInfo /Marked true
    sprak: str | None  #: /Lang i katalogen
    tittel: str | None  #: dc:title i XMP (ellers /Title i /Info)
    vis_tittel: bool  #: /ViewerPreferences /DisplayDocTitle
    roller: Counter = field(default_factory=Counter)  #: strukturtypene (etter /RoleMap)
    figurer: list[str | None] = field(default_factory=list)  #: /Alt for hver /Figure (None: mangler)
    th_uten_scope: int = 0
    bokmerker: list[tuple[int, str]] = field(default_factory=list)  #: (nivå, tittel)
    skrifter: dict[str, bool] = field(default_factory=dict)  #: skrift → innebygd
    pdfua: str | None = None  #: pdfuaid:part
    pdfa: str | None = None  #: pdfaid:part + conformance («2A»)
    datoer: dict[str, str] = field(default_factory=dict)  #: /Info og XMP
    utenfor_treet: int = 0  #: merket innhold (/MCID) uten element i strukturtreet
    med_sidetall: int = 0  #: sider med pagineringsartefakter (topptekst, sidetall)


def _struktur(dok, e: Egenskaper) -> None:
    import pikepdf

    rot = dok.Root.get("/StructTreeRoot")
    if rot is None:
        return
    rollekart = rot.get("/RoleMap") or {}
    stabel = [rot.get("/K")]
    sett = set()
    while stabel:
        k = stabel.pop()
        if isinstance(k, pikepdf.Array):
            stabel.extend(reversed(list(k)))
            continue
        if not isinstance(k, pikepdf.Dictionary) or "/S" not in k:
            continue
        if k.is_indirect:
            if k.objgen in sett:
                continue
            sett.add(k.objgen)
        s = k.S
        s = str(rollekart.get(s, s))
        e.roller[s.lstrip("/")] += 1
        if s == "/Figure":
            e.figurer.append(str(k.Alt) if "/Alt" in k else None)
        if s == "/TH":
            a = k.get("/A")
            attributter = [a] if isinstance(a, pikepdf.Dictionary) else list(a or [])
            if not any("/Scope" in x for x in attributter if isinstance(x, pikepdf.Dictionary)):
                e.th_uten_scope += 1
        stabel.append(k.get("/K"))


def nabare_elementer(rot) -> set[tuple[int, int]]:
    """Strukturelementene (``objgen``) en leser når fra /StructTreeRoot gjennom /K."""
    import pikepdf

    sett: set[tuple[int, int]] = set()
    stabel = [rot.get("/K")]
    while stabel:
        k = stabel.pop()
        if isinstance(k, pikepdf.Array):
            stabel.extend(k)
        elif isinstance(k, pikepdf.Dictionary) and "/S" in k and k.objgen not in sett:
            sett.add(k.objgen)
            stabel.append(k.get("/K"))
    return sett


def forelderlister(rot) -> dict[int, object]:
    """/ParentTree som {/StructParents-nummer: liste over elementene per MCID} (WeasyPrint
    skriver ett flatt /Nums-tre)."""
    tall = rot.ParentTree.get("/Nums") or []
    return {int(tall[i]): tall[i + 1] for i in range(0, len(tall), 2)}


def sider_med_elementer(dok):
    """For hver side: (siden, strukturelementene per MCID, elementene leseren når fra roten).
    Ingenting når PDF-en ikke har strukturtre."""
    rot = dok.Root.get("/StructTreeRoot")
    if rot is None or "/ParentTree" not in rot:
        return
    nabare = nabare_elementer(rot)
    lister = forelderlister(rot)
    for side in dok.pages:
        yield side, lister.get(int(side.obj.get("/StructParents", -1)), []), nabare


def _innhold(dok, e: Egenskaper) -> None:
    """Hvert merket innhold med /MCID skal høre til et element leseren når fra roten;
    topptekst og sidetall skal være /Artifact /Pagination."""
    import pikepdf

    for side, liste, nabare in sider_med_elementer(dok):
        paginering = False
        for operander, _ in pikepdf.parse_content_stream(side, "BDC"):
            egen = operander[1] if isinstance(operander[1], pikepdf.Dictionary) else {}
            if operander[0] == "/Artifact":
                paginering |= egen.get("/Type") == "/Pagination"
            elif "/MCID" in egen:
                m = int(egen.MCID)
                el = liste[m] if m < len(liste) else None
                if not isinstance(el, pikepdf.Dictionary) or el.objgen not in nabare:
                    e.utenfor_treet += 1
        e.med_sidetall += paginering


def _skrifter(dok) -> dict[str, bool]:
    ut: dict[str, bool] = {}
    sett = set()
    for side in dok.pages:
        ressurser = [side.obj.get("/Resources")]
        while ressurser:
            r = ressurser.pop()
            if r is None:
                continue
            for f in (r.get("/Font") or {}).values():
                if f.objgen in sett:
                    continue
                sett.add(f.objgen)
                deler = list(f.DescendantFonts) if "/DescendantFonts" in f else [f]
                innebygd = f.get("/Subtype") == "/Type3" or any(
                    any(n in (d.get("/FontDescriptor") or {}) for n in ("/FontFile", "/FontFile2", "/FontFile3"))
                    for d in deler
                )
                ut[str(f.get("/BaseFont", f.objgen))] = innebygd
            for x in (r.get("/XObject") or {}).values():  # skjemaer (form XObjects) har egne ressurser
                if x.get("/Subtype") == "/Form" and x.objgen not in sett:
                    sett.add(x.objgen)
                    ressurser.append(x.get("/Resources"))
    return ut


def les(pdf: Path) -> Egenskaper:
    import pikepdf

    with pikepdf.open(pdf) as dok:
        markert = dok.Root.get("/MarkInfo") or {}
        meta = dok.open_metadata()
        xmp = {n: meta.get(n) for n in ("dc:title", "pdfuaid:part", "pdfaid:part", "pdfaid:conformance")}
        e = Egenskaper(
            sider=len(dok.pages),
            tagget="/StructTreeRoot" in dok.Root and bool(markert.get("/Marked", False)),
            sprak=str(dok.Root.Lang) if "/Lang" in dok.Root else None,
            tittel=xmp["dc:title"] or (str(dok.docinfo["/Title"]) if "/Title" in dok.docinfo else None),
            vis_tittel=bool((dok.Root.get("/ViewerPreferences") or {}).get("/DisplayDocTitle", False)),
            pdfua=xmp["pdfuaid:part"],
            pdfa=(xmp["pdfaid:part"] or "") + (xmp["pdfaid:conformance"] or "") or None,
        )
        _struktur(dok, e)
        _innhold(dok, e)
        with dok.open_outline() as omriss:
            stabel = [(1, b) for b in reversed(list(omriss.root))]
            while stabel:
                niva, b = stabel.pop()
                e.bokmerker.append((niva, b.title))
                stabel.extend((niva + 1, c) for c in reversed(list(b.children)))
        e.skrifter = _skrifter(dok)
        for n in ("/CreationDate", "/ModDate"):
            if n in dok.docinfo:
                e.datoer[n] = str(dok.docinfo[n])
        for n in ("xmp:CreateDate", "xmp:ModifyDate", "xmp:MetadataDate"):
            if meta.get(n):
                e.datoer[n] = meta[n]
    return e


#: Rollene en tagget rapport må ha (overskrifter, avsnitt, lister, tabeller med overskriftsceller, figurer).
ROLLER = ("H1", "H2", "P", "L", "LI", "Table", "TH", "TD", "Figure", "Caption")
#: Rollene avstemmingen alene må ha (den har tabeller, men ingen figurer eller lister).
ROLLER_AVSTEMMING = ("H1", "H2", "P", "Table", "TH", "TD", "Caption")


def mangler(e: Egenskaper, roller: tuple[str, ...] = ROLLER) -> list[str]:
    """Det som gjør PDF-en utilgjengelig (tom liste: ingenting); ``roller`` er strukturtypene
    dokumentet skal ha."""
    ut = []
    if not e.tagget:
        ut.append("ikke tagget (ingen /StructTreeRoot eller /MarkInfo /Marked)")
    if not (e.sprak or "").startswith("nb"):
        ut.append(f"språket er {e.sprak!r}, ikke nb")
    if not e.tittel or not e.vis_tittel:
        ut.append("tittelen mangler eller vises ikke (DisplayDocTitle)")
    ut += [f"ingen {r} i strukturtreet" for r in roller if not e.roller.get(r)]
    uten = sum(1 for a in e.figurer if not (a or "").strip())
    if uten:
        ut.append(f"{uten} av {len(e.figurer)} figurer mangler alt-tekst")
    if e.th_uten_scope:
        ut.append(f"{e.th_uten_scope} overskriftsceller (TH) uten /Scope")
    if e.utenfor_treet:
        ut.append(f"{e.utenfor_treet} biter innhold er verken i strukturtreet eller artefakter")
    if not e.bokmerker:
        ut.append("ingen bokmerker")
    ikke = sorted(n for n, inne in e.skrifter.items() if not inne)
    if ikke:
        ut.append("skrifter som ikke er innebygd: " + ", ".join(ikke))
    return ut


def pdf_dato(sekunder: int) -> str:
    """``D:20240215000000Z`` for tidspunktet (slik WeasyPrint skriver /CreationDate)."""
    from datetime import UTC, datetime

    return datetime.fromtimestamp(sekunder, UTC).strftime("D:%Y%m%d%H%M%SZ")
