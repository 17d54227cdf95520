// Hvor et tall kommer fra. Hvert tall i teksten (rollen {tall}) har id-en, definisjonen,
// verdiene de siste årene, funksjonen som beregner det og siden med den kjørte notatboka i
// data-*-attributter (arsrapport.sphinxtillegg). Her vises de i en boble ved tallet når det
// får fokus (tastatur), pekeren holdes over det, eller det trykkes på (berøring). Escape
// lukker boblen. Boblen settes rett etter tallet, så Tab går fra tallet til lenken i den.
(function () {
  "use strict";
  var boble = null;
  var eier = null;

  function tekst(klasse, innhold) {
    var s = document.createElement("span");
    s.className = klasse;
    s.textContent = innhold;
    return s;
  }

  function lag(tall) {
    var d = tall.dataset;
    var b = document.createElement("span");
    b.className = "tall-kilde";
    b.id = "tall-kilde";
    b.setAttribute("role", "tooltip");
    var id = document.createElement("code");
    id.textContent = d.id;
    var topp = tekst("tall-kilde-id", "");
    topp.appendChild(id);
    b.appendChild(topp);
    if (d.definisjon) b.appendChild(tekst("tall-kilde-definisjon", d.definisjon));
    if (d.ar) {
      var ar = JSON.parse(d.ar).map(function (p) { return p[0] + ": " + p[1]; }).join(" · ");
      if (ar) b.appendChild(tekst("tall-kilde-ar", ar));
    }
    if (d.funksjon) b.appendChild(tekst("tall-kilde-funksjon", "Beregnes av " + d.funksjon));
    if (d.side) {
      var a = document.createElement("a");
      a.href = d.side;
      a.className = "tall-kilde-lenke";
      a.textContent = "Se beregningen";
      b.appendChild(a);
    }
    return b;
  }

  function vis(tall) {
    if (eier === tall) return;
    skjul();
    eier = tall;
    boble = lag(tall);
    tall.after(boble);
    tall.setAttribute("aria-describedby", boble.id);
    // innenfor skjermen, også på en smal telefon
    var r = boble.getBoundingClientRect();
    var overskudd = r.right - (document.documentElement.clientWidth - 8);
    if (overskudd > 0) boble.style.marginLeft = -Math.min(overskudd, r.left - 8) + "px";
  }

  function skjul() {
    if (boble) boble.remove();
    if (eier) eier.removeAttribute("aria-describedby");
    boble = null;
    eier = null;
  }

  function tallFra(el) {
    return el && el.closest ? el.closest("span.tall[data-id]") : null;
  }

  function iBoblen(el) {
    return boble && el && boble.contains(el);
  }

  document.addEventListener("focusin", function (e) {
    var t = tallFra(e.target);
    if (t) vis(t);
    else if (!iBoblen(e.target)) skjul();
  });
  document.addEventListener("mouseover", function (e) {
    var t = tallFra(e.target);
    if (t) vis(t);
  });
  document.addEventListener("mouseout", function (e) {
    if (tallFra(e.target) && !iBoblen(e.relatedTarget) && document.activeElement !== eier) skjul();
  });
  document.addEventListener("click", function (e) {
    var t = tallFra(e.target);
    if (t) vis(t);
    else if (!iBoblen(e.target)) skjul();
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && boble) {
      var t = eier;
      skjul();
      if (t) t.focus();
    }
  });
})();
