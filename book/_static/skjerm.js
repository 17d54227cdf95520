// Boka på små skjermer: menyknappene og de brede tabellene.
//
// 1. Menyknappene (☰ og «Innhold»). pydata-sphinx-theme 0.17 legger en egen ☰ i toppfeltet, og
//    både det temaet og sphinx-book-theme kobler bare den første knappen med klassen
//    .primary-toggle (og .secondary-toggle) til sidefeltet; knappen leseren ser, står lenger
//    ned og gjorde ingenting (pydata-sphinx-theme issue 2451). Her sender hver annen slik knapp
//    trykket videre til den første, så temaenes egen oppførsel gjelder: på brede skjermer
//    skjules eller vises feltet, på smale åpnes det som et vindu.
//
// 2. Brede tabeller. En tabell som er bredere enn spalten, kan rulles sideveis; her får den en
//    synlig melding om det over seg, en skygge i kanten det er mer å se mot, og tabellteksten
//    holdes innenfor det synlige feltet. Første kolonne står fast (arsrapport.css).
(() => {
  "use strict";

  function videresend(klasse) {
    const knapper = Array.from(document.querySelectorAll("." + klasse));
    const forste = knapper[0];
    for (const knapp of knapper.slice(1)) {
      knapp.addEventListener("click", (hendelse) => {
        hendelse.preventDefault();
        hendelse.stopImmediatePropagation();
        forste.click();
      });
    }
  }

  function merkBredeTabeller() {
    for (const boks of document.querySelectorAll(".bd-article .pst-scrollable-table-container")) {
      const tabell = boks.querySelector("table");
      if (!tabell) continue;
      const bred = boks.scrollWidth > boks.clientWidth + 1;
      boks.classList.toggle("bred-tabell", bred);
      // tabellteksten (caption) er like bred som tabellen; den skal holde seg i synsfeltet
      boks.style.setProperty("--synlig-bredde", boks.clientWidth + "px");
      let hint = boks.previousElementSibling;
      if (!(hint && hint.classList.contains("rullehint"))) hint = null;
      if (bred && !hint) {
        hint = document.createElement("p");
        hint.className = "rullehint";
        hint.textContent = "Tabellen er bredere enn skjermen: dra den sideveis for å se alle kolonnene.";
        boks.before(hint);
      } else if (!bred && hint) {
        hint.remove();
      }
      oppdaterSkygger(boks);
    }
  }

  function oppdaterSkygger(boks) {
    const rest = boks.scrollWidth - boks.clientWidth - boks.scrollLeft;
    boks.classList.toggle("mer-til-hoyre", rest > 1);
    boks.classList.toggle("mer-til-venstre", boks.scrollLeft > 1);
  }

  function start() {
    videresend("primary-toggle");
    videresend("secondary-toggle");
    merkBredeTabeller();
    for (const boks of document.querySelectorAll(".bd-article .pst-scrollable-table-container")) {
      boks.addEventListener("scroll", () => oppdaterSkygger(boks), { passive: true });
    }
    let venter = null;
    window.addEventListener("resize", () => {
      clearTimeout(venter);
      venter = setTimeout(merkBredeTabeller, 150);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
