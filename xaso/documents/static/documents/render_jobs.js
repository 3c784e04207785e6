// Follows renderings in progress: asks each unfinished one for its state every 1.5 s and
// updates its progress bar, step, error and download links in place.
(function () {
  "use strict";
  var INTERVAL = 1500;

  function link(kind, url) {
    var a = document.createElement("a");
    a.className = "button button-small button-secondary";
    a.href = url;
    a.textContent = "Tải " + kind.toUpperCase();
    return a;
  }

  function update(row, state) {
    row.querySelector("progress").value = state.progress;
    row.querySelector("[data-role=status]").textContent = state.status_label;
    // "Đã xong" once, not "Đã xong — Đã xong": the step is shown only when it says more than the status.
    row.querySelector("[data-role=step]").textContent =
      state.step && state.step !== state.status_label ? " — " + state.step : "";
    var error = row.querySelector("[data-role=error]");
    error.textContent = state.error;
    error.hidden = !state.error;
    var files = row.querySelector("[data-role=files]");
    files.replaceChildren();
    Object.keys(state.files).forEach(function (kind) {
      files.appendChild(link(kind, state.files[kind]));
      files.appendChild(document.createTextNode(" "));
    });
    if (state.finished) {
      row.dataset.finished = "1";
    }
  }

  function poll() {
    var rows = document.querySelectorAll("tr[data-render-job][data-finished='0']");
    if (!rows.length) {
      return;
    }
    var pending = [];
    rows.forEach(function (row) {
      pending.push(
        fetch(row.dataset.renderJob, { credentials: "same-origin", headers: { Accept: "application/json" } })
          .then(function (response) { return response.ok ? response.json() : null; })
          .then(function (state) { if (state) { update(row, state); } })
          .catch(function () { /* a dropped request is retried on the next round */ })
      );
    });
    Promise.all(pending).then(function () { window.setTimeout(poll, INTERVAL); });
  }

  window.setTimeout(poll, INTERVAL);
})();
