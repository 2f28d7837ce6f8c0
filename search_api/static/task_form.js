/* Task page: the full task form (owners from the register of units, deadline or "thường xuyên",
   assignee, status and back-datable done date, evidence, progress note), one PATCH with If-Match. */
(function () {
  "use strict";
  var form = document.getElementById("task-form");
  if (!form || !window.Directives) return;
  var D = window.Directives;
  var errorBox = document.getElementById("task-form-error");
  var FLASH = "directives_flash";

  function $(id) { return document.getElementById(id); }
  function split(value) {
    return value.split(/[;\n]/).map(function (s) { return s.replace(/\s+/g, " ").trim(); }).filter(Boolean);
  }
  /* Names -> [{name, key}]: keys from the register (datalist) or from the task's own owners. */
  function owners(input) {
    var known = {};
    document.querySelectorAll("#units-list option").forEach(function (o) {
      known[o.value.toLocaleLowerCase("vi")] = o.getAttribute("data-key");
    });
    var initialNames = split(input.getAttribute("data-initial") || "");
    var initialKeys = (input.getAttribute("data-keys") || "").split("|");
    initialNames.forEach(function (n, i) { if (initialKeys[i]) known[n.toLocaleLowerCase("vi")] = initialKeys[i]; });
    return split(input.value).map(function (name) {
      var key = known[name.toLocaleLowerCase("vi")];
      return key ? { name: name, key: key } : { name: name };
    });
  }
  function changed(input) { return input.value.trim() !== (input.getAttribute("data-initial") || "").trim(); }
  function showError(text) { errorBox.textContent = text; errorBox.hidden = !text; }
  function currentVersion() {
    var select = document.querySelector(".task-detail .status-select");
    return (select && select.dataset.version) || "0";
  }
  function today() { return $("f-done-date").getAttribute("max") || ""; }

  $("f-recurring").addEventListener("change", function () {
    if (this.checked) $("f-deadline").value = "";
  });
  $("f-deadline").addEventListener("input", function () {
    if (this.value) $("f-recurring").checked = false;
  });
  $("f-status").addEventListener("change", function () {
    if (this.value === "done" && !$("f-done-date").value) $("f-done-date").value = today();
  });

  /* The PATCH body from what changed; a Vietnamese message instead when something is wrong. */
  function body() {
    var out = {};
    if (changed($("f-owners"))) {
      var o = owners($("f-owners"));
      if (!o.length) return "Nhiệm vụ cần ít nhất một đơn vị chủ trì.";
      out.owners = o;
    }
    if (changed($("f-co-owners"))) out.co_owners = owners($("f-co-owners"));
    var deadline = $("f-recurring").checked ? "" : $("f-deadline").value;
    if ($("f-deadline").validity && $("f-deadline").validity.badInput) return "Thời hạn: không phải là ngày hợp lệ.";
    if (deadline !== ($("f-deadline").getAttribute("data-initial") || "")) out.deadline = deadline || null;
    if (changed($("f-assignee"))) out.assignee = $("f-assignee").value.trim() || null;
    var status = $("f-status").value;
    var done = $("f-done-date").value;
    if (status !== $("f-status").getAttribute("data-initial")) out.status = status;
    if (status === "done" && done && done !== ($("f-done-date").getAttribute("data-initial") || "")) {
      if (done > today()) return "Ngày hoàn thành không được sau ngày hôm nay.";
      out.status = "done";
      out.done_date = done;
    }
    if (status !== "done" && done && $("f-done-date").getAttribute("data-initial") !== done) {
      return "Chỉ nhiệm vụ đã hoàn thành mới có ngày hoàn thành: chọn trạng thái “hoàn thành”.";
    }
    var link = $("f-evidence-link").value.trim();
    var number = $("f-evidence-number").value.trim();
    if (link && !/^https?:\/\//i.test(link)) return "Đường dẫn minh chứng phải bắt đầu bằng http:// hoặc https://.";
    if (link || number) {
      out.evidence = {};
      if (link) out.evidence.link = link;
      if (number) out.evidence.document_number = number;
    }
    var note = $("f-note").value.trim();
    if (note) out.note = note;
    return out;
  }

  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    showError("");
    if (!D.canEdit()) { D.askToSignIn("Đăng nhập với vai trò biên tập để cập nhật nhiệm vụ."); return; }
    var patch = body();
    if (typeof patch === "string") { showError(patch); return; }
    if (!Object.keys(patch).length) { showError("Chưa có thay đổi nào để lưu."); return; }
    var button = $("task-form-save");
    button.disabled = true;
    D.api("PATCH", "/tasks/" + encodeURIComponent(form.dataset.taskId), patch, D.ifMatch(currentVersion()))
      .then(function (res) {
        button.disabled = false;
        if (res.ok) {
          try { sessionStorage.setItem(FLASH, "Đã lưu thay đổi của nhiệm vụ."); } catch (e) { /* private mode */ }
          location.reload();
          return;
        }
        if (res.status === 422) { showError(D.problemMessage(res.body, res.status)); return; }
        D.editFailed(res, "cập nhật nhiệm vụ");
        if (res.status === 409 || res.status === 412) {
          showError("Nhiệm vụ vừa được người khác thay đổi; tải lại trang để xem giá trị mới rồi nhập lại.");
        }
      });
  });

  try {
    var flash = sessionStorage.getItem(FLASH);
    if (flash) { sessionStorage.removeItem(FLASH); D.toast(flash); }
  } catch (e) { /* private mode */ }
})();
