/* Dashboard (/tong-quan): subscribe to reminder digests and follow documents, through the JSON
   API with the page's editor key or session (window.Directives from app.js). */
(function () {
  "use strict";
  var D = window.Directives;
  if (!D) return;

  function submit(form, url, body, what, done) {
    if (!D.canEdit()) {
      D.askToSignIn("Cần đăng nhập với vai trò biên tập (hoặc khóa biên tập) để " + what + ".");
      return;
    }
    var button = form.querySelector("button[type=submit]");
    if (button) button.disabled = true;
    D.api("POST", url, body).then(function (res) {
      if (button) button.disabled = false;
      if (res.ok) {
        D.toast(done(res.body));
        form.reset();
      } else if (res.status === 401 || res.status === 403) {
        D.askToSignIn("Cần quyền biên tập để " + what + ". " + D.problemMessage(res.body, res.status));
      } else {
        D.toast("Chưa đăng ký được: " + D.problemMessage(res.body, res.status), true);
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var sub = document.getElementById("subscribe-form");
    if (sub) sub.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var owner = sub.elements.owner.value, assignee = sub.elements.assignee.value.trim();
      if (!owner && !assignee) {
        D.toast("Hãy chọn đơn vị hoặc nhập tên người theo dõi.", true);
        return;
      }
      var label = owner ? sub.elements.owner.options[sub.elements.owner.selectedIndex].text : assignee;
      var email = sub.elements.email.value.trim();
      submit(sub, "/subscriptions", { kind: owner ? "owner" : "assignee", target: owner || assignee, email: email },
        "đăng ký nhận nhắc việc", function () {
          return "Đã đăng ký: thư nhắc việc của " + label + " sẽ được gửi tới " + email + ".";
        });
    });
    var fol = document.getElementById("follow-form");
    if (fol) fol.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var email = fol.elements.email.value.trim();
      submit(fol, "/follows", { document: fol.elements.document.value.trim(), email: email },
        "theo dõi văn bản", function (body) {
          return "Đã theo dõi " + (body && body.label ? body.label : "văn bản") + ": thư báo sẽ gửi tới " + email + ".";
        });
    });
  });
})();
