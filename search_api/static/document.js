/* Document page: click a task in the text to see its owner, deadline and status. */
(function () {
  "use strict";
  var data = {};
  try { data = JSON.parse(document.getElementById("task-data").textContent || "{}"); } catch (e) { data = {}; }
  var panel = document.getElementById("task-panel");
  var selected = null;

  function show(el) {
    var info = data[el.dataset.task];
    if (!info || !panel) return;
    if (selected) selected.classList.remove("selected");
    selected = el; el.classList.add("selected");
    panel.querySelector('[data-f="owners"]').textContent = (info.owners || []).join("; ") || "—";
    panel.querySelector('[data-f="co_owners"]').textContent = (info.co_owners || []).join("; ") || "—";
    panel.querySelector('[data-f="deadline"]').textContent = info.deadline || "—";
    panel.querySelector('[data-f="status"]').textContent = info.status || "—";
    panel.querySelector('[data-f="section"]').textContent = info.section || "—";
    panel.querySelector('[data-f="href"]').setAttribute("href", info.href);
    panel.hidden = false;
    if (window.matchMedia("(max-width: 760px)").matches) panel.scrollIntoView({ behavior: "smooth", block: "nearest" });
  }

  document.addEventListener("click", function (ev) {
    if (ev.target.closest("a.ref")) return; /* references navigate */
    var el = ev.target.closest("span.task");
    if (el) show(el);
  });
  document.addEventListener("keydown", function (ev) {
    if ((ev.key === "Enter" || ev.key === " ") && ev.target.matches && ev.target.matches("span.task")) {
      ev.preventDefault(); show(ev.target);
    }
  });
  if (location.hash && location.hash.indexOf("#t-") === 0) {
    var target = document.getElementById(location.hash.slice(1));
    if (target) { show(target); target.scrollIntoView({ block: "center" }); }
  }
})();
