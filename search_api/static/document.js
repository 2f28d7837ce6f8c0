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
    pop(el, info);
  }

  /* The task's details beside it: a popover under the clicked text on a desk, a bottom sheet
     on a phone (CSS .task-pop in desk.css); Escape, the close button or a click elsewhere closes it. */
  var popover = null;
  function row(dl, label, value) {
    var dt = document.createElement("dt"); dt.textContent = label;
    var dd = document.createElement("dd"); dd.textContent = value || "—";
    dl.appendChild(dt); dl.appendChild(dd);
    return dd;
  }
  function closePop() {
    if (popover) { popover.remove(); popover = null; }
  }
  function pop(el, info) {
    closePop();
    popover = document.createElement("div");
    popover.className = "task-pop";
    popover.id = "task-pop";
    popover.setAttribute("role", "dialog");
    popover.setAttribute("aria-label", "Chi tiết nhiệm vụ");
    var close = document.createElement("button");
    close.type = "button"; close.className = "close"; close.textContent = "×";
    close.setAttribute("aria-label", "Đóng");
    close.addEventListener("click", closePop);
    popover.appendChild(close);
    var h = document.createElement("h3"); h.textContent = "Nhiệm vụ" + (info.section ? " · mục " + info.section : "");
    popover.appendChild(h);
    var dl = document.createElement("dl");
    row(dl, "Chủ trì", (info.owners || []).join("; "));
    if ((info.co_owners || []).length) row(dl, "Phối hợp", info.co_owners.join("; "));
    var due = row(dl, "Thời hạn", info.deadline);
    if (info.timeliness) {
      var b = document.createElement("span");
      b.className = "badge timeliness " + (info.timeliness_class || "");
      b.textContent = info.timeliness;
      due.appendChild(document.createTextNode(" ")); due.appendChild(b);
    }
    row(dl, "Trạng thái", info.status);
    if (info.assignee) row(dl, "Người được giao", info.assignee);
    popover.appendChild(dl);
    var link = document.createElement("a");
    link.href = info.href; link.textContent = "Mở trang nhiệm vụ →"; link.setAttribute("data-f", "pop-href");
    var p = document.createElement("p"); p.appendChild(link); popover.appendChild(p);
    document.body.appendChild(popover);
    var rects = el.getClientRects();
    var r = rects.length ? rects[rects.length - 1] : el.getBoundingClientRect();
    var width = popover.offsetWidth;
    var left = Math.max(8, Math.min(r.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - width - 8));
    popover.style.left = left + "px";
    popover.style.top = (r.bottom + window.scrollY + 6) + "px";
    close.focus({ preventScroll: true });
  }
  document.addEventListener("keydown", function (ev) { if (ev.key === "Escape") closePop(); });
  document.addEventListener("click", function (ev) {
    if (popover && !ev.target.closest(".task-pop") && !ev.target.closest("span.task")) closePop();
  });

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
