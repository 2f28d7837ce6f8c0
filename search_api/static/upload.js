/* Upload page: send the file to POST /documents with the editor key, show progress and errors. */
(function () {
  "use strict";
  var form = document.getElementById("upload-form");
  if (!form || !window.fetch) return;
  var progress = document.getElementById("upload-progress");
  var state = document.getElementById("upload-state");
  var errorBox = document.getElementById("upload-error");
  var button = document.getElementById("upload-button");

  var messages = {};
  try { messages = JSON.parse(document.getElementById("upload-messages").textContent) || {}; } catch (e) { /* none */ }

  /* The Vietnamese explanation of a refused upload, by the reader's code or the problem code. */
  function explain(body) {
    if (body && typeof body === "object") {
      if (body.input_error && messages[body.input_error]) return messages[body.input_error];
      if (body.code && messages[body.code]) return messages[body.code];
    }
    return "";
  }

  function fail(message, detail) {
    errorBox.innerHTML = "";
    var strong = document.createElement("strong");
    strong.textContent = "Không thể xử lý tệp: ";
    errorBox.appendChild(strong);
    errorBox.appendChild(document.createTextNode(message));
    if (detail) {
      var span = document.createElement("span");
      span.className = "detail";
      span.textContent = " Chi tiết: " + detail;
      errorBox.appendChild(span);
    }
    errorBox.hidden = false;
    progress.hidden = true;
    button.disabled = false;
  }

  function showResult(text, id) {
    var box = document.getElementById("upload-result");
    box.textContent = "";
    var p = document.createElement("p");
    p.id = "upload-verdict";
    p.textContent = text + " ";
    var a = document.createElement("a");
    a.href = "/van-ban/" + encodeURIComponent(id);
    a.textContent = "Xem văn bản";
    p.appendChild(a);
    box.appendChild(p);
    box.hidden = false;
    progress.hidden = true;
    button.disabled = false;
  }

  /* Before the upload: what it would do (the same document in another format is "không thay
     đổi", the same number with another text a new version). Nothing is stored by the check. */
  var precheck = document.getElementById("upload-precheck");
  var fileInput = document.getElementById("file");
  if (fileInput && precheck) {
    fileInput.addEventListener("change", function () {
      precheck.hidden = true;
      if (!fileInput.files.length || !window.Directives.canEdit()) return;
      var fd = new FormData();
      fd.append("file", fileInput.files[0]);
      precheck.textContent = "Đang so sánh với văn bản trong kho…";
      precheck.hidden = false;
      window.Directives.api("POST", "/versions/check", fd).then(function (res) {
        if (!res.ok || !res.body) { precheck.hidden = true; return; }
        var b = res.body;
        var label = (b.number ? "số " + b.number : (b.title || b.filename || "này"));
        if (b.verdict === "unchanged") {
          precheck.textContent = "Văn bản " + label + " đã có trong kho với cùng nội dung: tải lên sẽ không thay đổi gì (không thay đổi).";
        } else if (b.verdict === "new_version") {
          precheck.textContent = "Văn bản " + label + " đã có trong kho với nội dung khác: tải lên sẽ tạo phiên bản mới (phiên bản cũ được lưu trữ, việc theo dõi nhiệm vụ được chuyển sang).";
        } else {
          precheck.textContent = "Văn bản mới, chưa có trong kho.";
        }
      });
    });
  }

  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    var input = document.getElementById("file");
    if (!input.files.length) { fail("Chưa chọn tệp."); return; }
    errorBox.hidden = true;
    button.disabled = true;
    progress.hidden = false;
    state.textContent = "Đang tải lên và xử lý “" + input.files[0].name + "”… (đọc văn bản, tìm nhiệm vụ, lập chỉ mục)";
    var fd = new FormData();
    fd.append("file", input.files[0]);
    window.Directives.api("POST", "/documents", fd).then(function (res) {
      if (res.ok) {
        var body = res.body || {};
        var id = body.id || body.doc_id || (body.document && body.document.id);
        if (body.status === "unchanged" && id) {
          /* the same document (maybe in another format) is already in the corpus: say so, keep it */
          showResult("Văn bản không thay đổi: văn bản này đã có trong kho (cùng nội dung" +
            (body.task_count !== undefined ? ", " + body.task_count + " nhiệm vụ" : "") +
            "). Không có gì bị thay thế; việc theo dõi nhiệm vụ giữ nguyên.", id);
          return;
        }
        var verdict = body.status === "replaced" ? "Đã lưu phiên bản mới của văn bản (phiên bản cũ được lưu trữ)" : "Đã xử lý xong";
        state.textContent = verdict + (body.task_count !== undefined ? " (" + body.task_count + " nhiệm vụ)" : "") + ". Đang mở văn bản…";
        if (id) { location.href = "/van-ban/" + encodeURIComponent(id) + (body.status === "replaced" ? "?phien-ban-moi=1" : ""); } else { button.disabled = false; }
        return;
      }
      if (res.status === 401 || res.status === 403) {
        window.Directives.askToSignIn("Cần đăng nhập với vai trò biên tập (hoặc khóa biên tập) để tải văn bản lên.");
      }
      var raw = res.body && typeof res.body === "object" && typeof res.body.detail === "string" ? res.body.detail : "";
      var detail = (raw || window.Directives.problemMessage(res.body, res.status)) + (res.status ? " (mã " + res.status + ")" : "");
      if (res.status === 503) {
        fail("Hệ thống tìm kiếm tạm thời không hoạt động; văn bản chưa được lưu. Vui lòng thử lại sau.", detail);
      } else if (res.status === 401 || res.status === 403) {
        fail("Cần khóa biên tập hợp lệ để tải văn bản lên.", detail);
      } else {
        fail(explain(res.body) || "Hệ thống không xử lý được tệp này.", detail);
      }
    });
  });
})();
