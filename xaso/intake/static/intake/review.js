// The plan-from-document screens: follow a draft being read (its state every 1.5 s, the page
// reloads when it is ready), and light up the source lines an item came from when its
// "dòng …" link is followed (not on hover: scrolling would move the light under the pointer).
(function () {
  "use strict";
  var INTERVAL = 1500;

  function update(box, state) {
    var bar = box.querySelector("progress");
    if (bar) { bar.value = state.progress; }
    var status = box.querySelector("[data-role=status]");
    if (status) { status.textContent = state.status_label; }
    var step = box.querySelector("[data-role=step]");
    if (step) { step.textContent = state.step; }
    var error = box.querySelector("[data-role=error]");
    if (error) { error.textContent = state.error; error.hidden = !state.error; }
    if (state.finished) {
      box.dataset.finished = "1";
      if (box.dataset.reload === "1") { window.location.reload(); }
    }
  }

  function poll() {
    var boxes = document.querySelectorAll("[data-draft-status][data-finished='0']");
    if (!boxes.length) { return; }
    var pending = [];
    boxes.forEach(function (box) {
      pending.push(
        fetch(box.dataset.draftStatus, { credentials: "same-origin", headers: { Accept: "application/json" } })
          .then(function (response) { return response.ok ? response.json() : null; })
          .then(function (state) { if (state) { update(box, state); } })
          .catch(function () { /* retried on the next round */ })
      );
    });
    Promise.all(pending).then(function () { window.setTimeout(poll, INTERVAL); });
  }

  function highlight(range) {
    document.querySelectorAll(".source-lines li.is-highlighted").forEach(function (li) {
      li.classList.remove("is-highlighted");
    });
    var parts = range.split("-");
    var first = parseInt(parts[0], 10);
    var last = parseInt(parts[1] || parts[0], 10);
    var firstLine = null;
    for (var n = first; n <= last; n += 1) {
      var line = document.getElementById("L" + n);
      if (line) { line.classList.add("is-highlighted"); firstLine = firstLine || line; }
    }
    return firstLine;
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a.source-link") : null;
    if (!link) { return; }
    var line = highlight(link.dataset.lines);
    if (line) {
      event.preventDefault();
      line.scrollIntoView({ block: "center" });
      if (history.replaceState) { history.replaceState(null, "", "#L" + link.dataset.lines.split("-")[0]); }
    }
  });

  window.setTimeout(poll, INTERVAL);
})();
