// Follows the synthesis of a loudspeaker bulletin and reloads the panel when it is done.
(function () {
  "use strict";
  var bar = document.getElementById("audio-progress");
  var state = document.getElementById("audio-state");
  if (!bar) return;
  function poll() {
    fetch(bar.dataset.url, { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        bar.value = data.progress;
        bar.textContent = data.progress + "%";
        if (state) state.textContent = data.label;
        if (data.state === "ready" || data.state === "failed") window.location.reload();
        else window.setTimeout(poll, 1500);
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 1000);
})();
