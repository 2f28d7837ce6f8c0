/* /van-ban/{id}/trien-khai: confirm or reject a suggested task link (editor key or account). */
(function () {
  "use strict";
  var WORDS = { confirmed: "đã xác nhận", rejected: "đã bác bỏ" };

  function decide(button) {
    var item = button.closest("li.link");
    if (!item || !window.Directives) return;
    var decision = button.getAttribute("data-decision");
    var url = "/trace/links/" + encodeURIComponent(item.getAttribute("data-up")) + "/" +
      encodeURIComponent(item.getAttribute("data-down"));
    var body = { decision: decision };
    var score = parseFloat(item.getAttribute("data-score"));
    if (!isNaN(score)) body.score = score;
    item.querySelectorAll("button").forEach(function (b) { b.disabled = true; });
    window.Directives.api("POST", url, body).then(function (res) {
      item.querySelectorAll("button").forEach(function (b) { b.disabled = false; });
      if (!res.ok) {
        if (res.status === 401 || res.status === 403) {
          window.Directives.openKeyDialog("Cần khóa biên tập để xác nhận liên kết.");
        } else {
          window.Directives.toast(window.Directives.problemMessage(res.body, res.status), true);
        }
        return;
      }
      item.classList.remove("decided-confirmed", "decided-rejected");
      item.classList.add("decided-" + decision);
      var label = item.querySelector('[data-role="decision"]');
      if (label) label.textContent = WORDS[decision] + " · " + (res.body && res.body.actor ? res.body.actor : "");
      window.Directives.toast(decision === "confirmed" ? "Đã xác nhận liên kết." : "Đã bác bỏ liên kết.");
    });
  }

  document.addEventListener("click", function (ev) {
    var button = ev.target.closest ? ev.target.closest("button[data-decision]") : null;
    if (button) { ev.preventDefault(); decide(button); }
  });
})();
