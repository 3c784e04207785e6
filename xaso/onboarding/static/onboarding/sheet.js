// The print button of the set-up sheet (no inline script: the pages run under a strict CSP).
(function () {
  "use strict";
  var button = document.getElementById("in-phieu");
  if (button) { button.addEventListener("click", function () { window.print(); }); }
})();
