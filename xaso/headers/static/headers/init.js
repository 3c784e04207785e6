/* Makes the calls Wagtail used to write as inline scripts (xaso/headers/scriptless.py), so that the
   back office runs under a Content-Security-Policy without 'unsafe-inline'. Loaded with defer: it
   runs once the page is parsed, before DOMContentLoaded, as the inline scripts ran; elements that a
   modal inserts later are picked up as they arrive. Only known names are called. */
(function () {
  "use strict";
  var CONSTRUCTORS = ["Chooser", "PageChooser", "ImageChooser", "DocumentChooser", "SnippetChooser", "InlinePanel", "MultipleChooserPanel"];
  var FUNCTIONS = ["createTaskChooser", "initDateChooser", "initTimeChooser", "initDateTimeChooser"];
  var SELECTOR = 'script[type="application/json"][data-xaso-init]';

  function run(element) {
    if (element.dataset.xasoDone) return;
    element.dataset.xasoDone = "1";
    var data = JSON.parse(element.textContent);
    var args = data.args || [];
    if (data["new"] && CONSTRUCTORS.indexOf(data["new"]) >= 0) {
      var Made = window[data["new"]];
      new (Function.prototype.bind.apply(Made, [null].concat(args)))();
    } else if (data.call && FUNCTIONS.indexOf(data.call) >= 0) {
      window[data.call].apply(window, args);
    } else {
      throw new Error("xaso init: unknown call " + element.textContent.slice(0, 80));
    }
  }

  function scan(root) {
    if (root.matches && root.matches(SELECTOR)) run(root);
    if (root.querySelectorAll) Array.prototype.forEach.call(root.querySelectorAll(SELECTOR), run);
  }

  scan(document);
  new MutationObserver(function (mutations) {
    mutations.forEach(function (mutation) {
      Array.prototype.forEach.call(mutation.addedNodes, scan);
    });
  }).observe(document.documentElement, { childList: true, subtree: true });
})();
