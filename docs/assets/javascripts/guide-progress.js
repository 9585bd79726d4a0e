/* Three small enhancements first, which need no storage:
 * - glossary terms (guide/mdx/glossary_terms.py), links to the glossary without JavaScript, become
 *   toggle buttons: a tap, a click, Enter or Space shows the short meaning in place (a live region, so a
 *   screen reader reads it), with a link to the glossary entry; Escape or a second tap closes it;
 * - the step navigation (overrides/partials/step-nav.html) is a <details>, one line on a phone; on wide
 *   screens it is opened, so the full list shows and its summary says "expanded";
 * - the route finder's pages (guide/routes.py) get a print button where they have <div id="route-print">.
 *
 * "What have I done": a checkbox at the end of each step, kept only in this browser (localStorage).
 * Nothing is sent anywhere. Without JavaScript or storage the pages work as before: no boxes appear.
 * Marks done steps in the step navigation (overrides/partials/step-nav.html) and on the overview
 * and the route pages (links to #step-N), and offers a reset button where the page has <div id="progress-tools">.
 * Works from file:// (the offline copy) as well as over http(s). */
(function () {
  "use strict";
  var KEY = "ocn-d-account-guide:done-steps";
  var en = (document.documentElement.lang || "ja").slice(0, 2) === "en";
  var text = en ? {
    done: function (n) { return "I have finished step " + n; },
    mark: "(done)", reset: "Clear all ticks",
    cleared: "All ticks are cleared."
  } : {
    done: function (n) { return "手順" + n + "が終わった"; },
    mark: "（終わった）", reset: "チェックをすべて消す",
    cleared: "チェックをすべて消しました。"
  };

  function storage() {
    try {
      var s = window.localStorage, probe = KEY + ":probe";
      s.setItem(probe, "1"); s.removeItem(probe);
      return s;
    } catch (e) { return null; }        // private mode, blocked storage: the page works without ticks
  }
  var termWords = en ? { more: "Open the glossary entry" } : { more: "用語集で見る" };
  document.querySelectorAll("a.term[data-means]").forEach(function (a) {
    a.setAttribute("role", "button");
    a.setAttribute("aria-expanded", "false");
  });
  function tipOf(a) {
    var next = a.nextElementSibling;
    return next && next.classList.contains("term-tip") ? next : null;
  }
  function toggleTerm(a) {
    var tip = tipOf(a);
    if (tip) { tip.remove(); a.setAttribute("aria-expanded", "false"); return; }
    tip = document.createElement("span"); tip.className = "term-tip"; tip.setAttribute("role", "status");
    a.insertAdjacentElement("afterend", tip);
    a.setAttribute("aria-expanded", "true");
    // Filled once it is in the page, so that screen readers announce the new text.
    setTimeout(function () {
      tip.appendChild(document.createTextNode(a.textContent + "：" + a.getAttribute("data-means") + " "));
      var more = document.createElement("a"); more.href = a.getAttribute("href"); more.textContent = termWords.more;
      tip.appendChild(more);
    }, 30);
  }
  document.addEventListener("click", function (e) {
    var a = e.target.closest ? e.target.closest("a.term[data-means]") : null;
    if (a) { e.preventDefault(); toggleTerm(a); }
  });
  document.addEventListener("keydown", function (e) {
    var a = e.target.closest ? e.target.closest("a.term[data-means]") : null;
    if (a && e.key === " ") { e.preventDefault(); toggleTerm(a); }
    if (e.key === "Escape") {
      document.querySelectorAll("a.term[aria-expanded='true']").forEach(function (t) { toggleTerm(t); });
    }
  });

  var wide = window.matchMedia ? window.matchMedia("(min-width: 60em)") : null;
  function fitStepNav() {
    if (!wide || !wide.matches) return;
    document.querySelectorAll("[data-step-nav-details]").forEach(function (d) { d.open = true; });
  }
  fitStepNav();
  if (wide && wide.addEventListener) wide.addEventListener("change", fitStepNav);

  var printSpot = document.getElementById("route-print");
  if (printSpot && window.print) {
    var printButton = document.createElement("button"); printButton.type = "button";
    printButton.textContent = en ? "Print this page" : "このページを印刷する";
    printButton.addEventListener("click", function () { window.print(); });
    printSpot.appendChild(printButton);
  }

  var store = storage();
  if (!store) return;

  function load() {
    try { return JSON.parse(store.getItem(KEY) || "{}") || {}; } catch (e) { return {}; }
  }
  function save(done) { store.setItem(KEY, JSON.stringify(done)); }

  function stepOf(href) {
    var m = /#step-(\d+)$/.exec(href || "");
    return m ? m[1] : null;
  }

  function paint() {
    var done = load();
    document.querySelectorAll("[data-step-nav] a[data-step]").forEach(function (a) {
      var n = a.getAttribute("data-step"), on = !!done[n];
      a.classList.toggle("is-done", on);
      var sr = a.querySelector(".visually-hidden");
      if (on && !sr) {
        sr = document.createElement("span"); sr.className = "visually-hidden"; sr.textContent = text.mark;
        a.appendChild(sr);
        a.setAttribute("aria-label", a.getAttribute("aria-label").replace(/ *[（(].*$/, "") + " " + text.mark);
      } else if (!on && sr) {
        sr.remove();
        a.setAttribute("aria-label", a.getAttribute("aria-label").replace(/ *[（(].*$/, ""));
      }
    });
    document.querySelectorAll("article a[href*='#step-']").forEach(function (a) {
      if (a.closest("[data-step-nav]")) return;
      var n = stepOf(a.getAttribute("href"));
      var mark = a.nextElementSibling && a.nextElementSibling.classList.contains("progress-mark")
        ? a.nextElementSibling : null;
      if (n && done[n] && !mark && a.closest("#steps-overview, .route-steps")) {
        mark = document.createElement("span"); mark.className = "progress-mark";
        mark.textContent = "✓"; mark.setAttribute("role", "img"); mark.setAttribute("aria-label", text.mark);
        a.insertAdjacentElement("afterend", mark);
      } else if (mark && !(n && done[n])) { mark.remove(); }
    });
    document.querySelectorAll("input[data-done-step]").forEach(function (box) {
      box.checked = !!done[box.getAttribute("data-done-step")];
    });
  }

  // One box at the end of each step section (before the next h2).
  document.querySelectorAll("article h2[id^='step-']").forEach(function (h) {
    var n = h.id.slice(5), end = h.nextElementSibling;
    while (end && end.tagName !== "H2" && !end.classList.contains("page-sources")) end = end.nextElementSibling;
    var wrap = document.createElement("div"); wrap.className = "step-done";
    var label = document.createElement("label");
    var box = document.createElement("input");
    box.type = "checkbox"; box.id = "done-step-" + n; box.setAttribute("data-done-step", n);
    box.addEventListener("change", function () {
      var done = load();
      if (box.checked) done[n] = true; else delete done[n];
      save(done); paint();
    });
    label.appendChild(box); label.appendChild(document.createTextNode(text.done(n)));
    wrap.appendChild(label);
    h.parentNode.insertBefore(wrap, end);
  });

  var tools = document.getElementById("progress-tools");
  if (tools) {
    var button = document.createElement("button"); button.type = "button"; button.textContent = text.reset;
    var status = document.createElement("p"); status.setAttribute("role", "status");
    button.addEventListener("click", function () { store.removeItem(KEY); paint(); status.textContent = text.cleared; });
    tools.appendChild(button); tools.appendChild(status);
  }
  paint();
})();
