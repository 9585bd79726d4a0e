/* "What have I done": a checkbox at the end of each step, kept only in this browser (localStorage).
 * Nothing is sent anywhere. Without JavaScript or storage the pages work as before: no boxes appear.
 * Marks done steps in the step navigation (overrides/partials/step-nav.html) and on the overview
 * (links to #step-N), and offers a reset button where the page has <div id="progress-tools">.
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
      if (n && done[n] && !mark && a.closest("#steps-overview")) {
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
