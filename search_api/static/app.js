/* Shared page behaviour: the editor key, in-place status changes, notes, messages. */
(function () {
  "use strict";
  var KEY = "directives_api_key";

  function getKey() {
    return sessionStorage.getItem(KEY) || localStorage.getItem(KEY) || "";
  }
  function setKey(value, remember) {
    sessionStorage.removeItem(KEY); localStorage.removeItem(KEY);
    if (value) { (remember ? localStorage : sessionStorage).setItem(KEY, value); }
    showKeyState();
  }
  function showKeyState() {
    var btn = document.getElementById("key-button");
    var state = document.getElementById("key-state");
    if (!btn || !state) return;
    var has = !!getKey();
    btn.classList.toggle("has-key", has);
    state.textContent = has ? "Đã có khóa" : "Khóa biên tập";
  }

  var toastTimer = null;
  function toast(message, isError) {
    var el = document.getElementById("toast");
    if (!el) { alert(message); return; }
    el.textContent = message;
    el.className = isError ? "error" : "";
    el.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(function () { el.hidden = true; }, isError ? 9000 : 3500);
  }

  function openKeyDialog(reason) {
    var dlg = document.getElementById("key-dialog");
    if (!dlg || !dlg.showModal) {
      var v = prompt(reason || "Nhập khóa API biên tập");
      if (v !== null) setKey(v.trim(), true);
      return;
    }
    var input = document.getElementById("key-input");
    input.value = getKey();
    if (reason) toast(reason, true);
    dlg.showModal();
    input.focus();
  }

  /* What to tell a person about a refused request: the API's Vietnamese text (message_vi),
     else a Vietnamese sentence for its status. The API's English detail is for programs. */
  var STATUS_TEXT = {
    400: "Yêu cầu không hợp lệ.", 401: "Cần đăng nhập (hoặc khóa biên tập) để thực hiện việc này.",
    403: "Tài khoản hoặc khóa này không có quyền thực hiện việc này.", 404: "Không tìm thấy.",
    408: "Hết thời gian chờ gửi dữ liệu.", 409: "Nhiệm vụ vừa được người khác thay đổi.",
    413: "Tệp quá lớn.", 415: "Loại tệp không được hỗ trợ.", 422: "Dữ liệu nhập vào không hợp lệ.",
    428: "Thiếu phiên bản của nhiệm vụ; hãy tải lại trang.", 503: "Hệ thống tạm thời không hoạt động."
  };
  function problemMessage(body, status) {
    if (body && typeof body === "object") {
      if (body.message_vi) return body.message_vi;
      if (typeof body.detail === "string" && /[àáảãạăâđèéêìíòóôơùúưỳý]/i.test(body.detail)) return body.detail;
    }
    return STATUS_TEXT[status] || ("Lỗi " + (status || "kết nối") + ".");
  }
  function metaContent(name) {
    var m = document.querySelector('meta[name="' + name + '"]');
    return m ? m.getAttribute("content") || "" : "";
  }
  /* The signed-in person's role ("" when nobody is signed in). */
  function signedInRole() { return metaContent("signed-in"); }
  function canEdit() { return !!getKey() || signedInRole() === "editor" || signedInRole() === "administrator"; }
  function askToSignIn(reason) {
    if (signedInRole()) { toast(reason, true); return; }
    openKeyDialog(reason);
  }

  /* fetch JSON with the editor key; resolves {ok, status, body, headers}. */
  function api(method, url, body, extraHeaders) {
    var headers = { "Accept": "application/json" };
    var key = getKey();
    if (key) headers["X-API-Key"] = key;
    var csrf = metaContent("csrf-token");
    if (csrf && method !== "GET" && method !== "HEAD") headers["X-CSRF-Token"] = csrf;
    if (body !== undefined && !(body instanceof FormData)) {
      headers["Content-Type"] = "application/json";
      body = JSON.stringify(body);
    }
    Object.keys(extraHeaders || {}).forEach(function (k) { headers[k] = extraHeaders[k]; });
    return fetch(url, { method: method, headers: headers, body: body, credentials: "same-origin" })
      .then(function (resp) {
        return resp.text().then(function (text) {
          var parsed = text;
          try { parsed = text ? JSON.parse(text) : null; } catch (e) { /* not JSON */ }
          return { ok: resp.ok, status: resp.status, body: parsed, headers: resp.headers };
        });
      }, function () {
        return { ok: false, status: 0, body: { detail: "Không kết nối được tới máy chủ." }, headers: new Headers() };
      });
  }

  function versionOf(res, fallback) {
    if (res.body && typeof res.body === "object" && res.body.version !== undefined && res.body.version !== null) {
      return String(res.body.version);
    }
    var etag = res.headers && res.headers.get("ETag");
    if (etag) return etag.replace(/^W\//, "").replace(/"/g, "");
    return fallback;
  }
  function ifMatch(version) { return { "If-Match": '"' + version + '"' }; }

  /* " (bạn sửa phiên bản 3, hiện là phiên bản 4)" from a 409 problem body, or "". */
  function conflictVersions(body) {
    if (!body || typeof body !== "object" || body.current_version === undefined || body.current_version === null) return "";
    var mine = body.expected_version;
    return " (" + (mine !== undefined && mine !== null ? "bạn sửa phiên bản " + mine + ", " : "") +
      "hiện là phiên bản " + body.current_version + ")";
  }

  var STATUS = { not_started: "chưa thực hiện", in_progress: "đang thực hiện", done: "hoàn thành", on_hold: "tạm dừng" };

  /* Common error handling for edits; returns true when handled. */
  function editFailed(res, what) {
    if (res.status === 401 || res.status === 403) {
      askToSignIn("Cần đăng nhập với vai trò biên tập (hoặc khóa biên tập hợp lệ) để " + what + ". " + problemMessage(res.body, res.status));
    } else if (res.status === 409 || res.status === 412) {
      toast("Xung đột: nhiệm vụ vừa được người khác thay đổi trước bạn" + conflictVersions(res.body) +
        ". Thay đổi của bạn chưa được lưu. Giá trị mới nhất đã được tải lại; hãy kiểm tra rồi thử lại.", true);
    } else if (res.status === 503) {
      toast("Hệ thống tìm kiếm tạm thời không hoạt động; thay đổi chưa được lưu. Vui lòng thử lại sau.", true);
    } else {
      toast("Không lưu được (" + (res.status || "mạng") + "): " + problemMessage(res.body, res.status), true);
    }
  }

  function refreshTask(taskId, select) {
    return api("GET", "/tasks/" + encodeURIComponent(taskId)).then(function (res) {
      if (res.ok && res.body) {
        select.value = res.body.status || "not_started";
        select.dataset.version = versionOf(res, select.dataset.version);
        select.dataset.current = select.value;
        updateVersionLabel(select.dataset.version);
      }
    });
  }
  function updateVersionLabel(version) {
    var label = document.querySelector(".task-detail .version");
    if (label) label.textContent = version;
  }

  function onStatusChange(ev) {
    var select = ev.target;
    if (!select.classList || !select.classList.contains("status-select")) return;
    var taskId = select.dataset.taskId;
    var previous = select.dataset.current || "not_started";
    var wanted = select.value;
    if (!canEdit()) {
      select.value = previous;
      askToSignIn("Đăng nhập (hoặc nhập khóa biên tập) để thay đổi trạng thái.");
      return;
    }
    select.classList.remove("saved", "failed");
    select.classList.add("saving");
    select.disabled = true;
    api("PATCH", "/tasks/" + encodeURIComponent(taskId), { status: wanted }, ifMatch(select.dataset.version || "0"))
      .then(function (res) {
        select.disabled = false;
        select.classList.remove("saving");
        if (res.ok) {
          select.dataset.version = versionOf(res, String(Number(select.dataset.version || 0) + 1));
          select.dataset.current = wanted;
          select.classList.add("saved");
          updateVersionLabel(select.dataset.version);
          toast("Đã lưu trạng thái: " + STATUS[wanted] + ".");
        } else {
          select.value = previous;
          select.classList.add("failed");
          editFailed(res, "thay đổi trạng thái");
          if (res.status === 409 || res.status === 412) refreshTask(taskId, select);
        }
      });
  }

  function onNoteSubmit(ev) {
    var form = ev.target;
    if (form.id !== "note-form") return;
    ev.preventDefault();
    var text = form.querySelector("textarea").value.trim();
    if (!text) return;
    if (!canEdit()) { askToSignIn("Đăng nhập (hoặc nhập khóa biên tập) để thêm ghi chú."); return; }
    var select = document.querySelector(".task-detail .status-select");
    var version = select ? select.dataset.version : "0";
    var button = form.querySelector("button");
    button.disabled = true;
    api("PATCH", "/tasks/" + encodeURIComponent(form.dataset.taskId), { note: text }, ifMatch(version || "0"))
      .then(function (res) {
        button.disabled = false;
        if (res.ok) {
          if (select) { select.dataset.version = versionOf(res, select.dataset.version); updateVersionLabel(select.dataset.version); }
          var list = document.getElementById("notes");
          var none = list.querySelector(".none");
          if (none) none.remove();
          var li = document.createElement("li");
          var p = document.createElement("p"); p.textContent = text; li.appendChild(p);
          var meta = document.createElement("p"); meta.className = "muted small"; meta.textContent = "vừa xong"; li.appendChild(meta);
          list.appendChild(li);
          form.reset();
          toast("Đã lưu ghi chú.");
        } else {
          editFailed(res, "thêm ghi chú");
          if ((res.status === 409 || res.status === 412) && select) refreshTask(form.dataset.taskId, select);
        }
      });
  }

  document.addEventListener("DOMContentLoaded", function () {
    showKeyState();
    /* On a phone the facets start folded (except those in use) so the results show first. */
    if (window.matchMedia && window.matchMedia("(max-width: 760px)").matches) {
      document.querySelectorAll("details.facet[open]").forEach(function (d) {
        if (!d.querySelector("a.active")) d.removeAttribute("open");
      });
    }
    document.querySelectorAll(".status-select").forEach(function (s) { s.dataset.current = s.value; });
    var btn = document.getElementById("key-button");
    if (btn) btn.addEventListener("click", function () { openKeyDialog(); });
    var dlg = document.getElementById("key-dialog");
    if (dlg) {
      dlg.addEventListener("close", function () {
        if (dlg.returnValue === "save") {
          setKey(document.getElementById("key-input").value.trim(), document.getElementById("key-remember").checked);
          toast(getKey() ? "Đã lưu khóa biên tập." : "Chưa nhập khóa.");
          /* a key the server does not know is said at once, not at the first failed save */
          if (getKey()) api("GET", "/units").then(function (res) {
            if (res.status === 401) { setKey("", false); toast("Khóa này không đúng: máy chủ không nhận ra khóa. Vui lòng kiểm tra lại hoặc đăng nhập.", true); }
          });
        } else if (dlg.returnValue === "clear") {
          setKey("", false);
          toast("Đã xóa khóa khỏi trình duyệt.");
        }
      });
    }
  });
  document.addEventListener("change", onStatusChange);
  // <select data-autosubmit> submits its form on change (no inline handlers: the CSP forbids them)
  document.addEventListener("change", function (ev) {
    var el = ev.target;
    if (el && el.hasAttribute && el.hasAttribute("data-autosubmit") && el.form) el.form.submit();
  });
  document.addEventListener("submit", onNoteSubmit);
  // <a data-reload> reloads the page (no javascript: URL: the CSP forbids them)
  document.addEventListener("click", function (ev) {
    var a = ev.target && ev.target.closest ? ev.target.closest("a[data-reload]") : null;
    if (a) { ev.preventDefault(); location.reload(); }
  });

  window.Directives = { api: api, getKey: getKey, setKey: setKey, toast: toast, problemMessage: problemMessage,
    openKeyDialog: openKeyDialog, canEdit: canEdit, askToSignIn: askToSignIn, editFailed: editFailed,
    versionOf: versionOf, ifMatch: ifMatch };
})();
