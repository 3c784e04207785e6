/* Names for the controls Wagtail's widgets draw without one (axe: "label", "aria-input-field-name"):
   the tag field's typing box (jQuery tag-it hides the labelled input and adds its own), the file
   picker of the multiple upload (hidden behind its button), and the rich text editor (Draftail's
   role="textbox"). Each takes the name of the label that is already on the screen. Widgets drawn
   later (a new block of a StreamField, a modal) are named as they arrive. */
(function () {
  "use strict";

  function labelOf(element) {
    // The nearest label going up: the field's own, or for a block of a StreamField (whose field has
    // none) the block's type ("Đoạn văn").
    for (var up = element.parentElement, depth = 0; up && depth < 12; up = up.parentElement, depth++) {
      var label = up.querySelector("label, .w-field__label") || up.querySelector(".c-sf-block__type") ||
        up.querySelector("[data-panel-heading-text]");
      if (label && label.textContent.trim()) return label;
    }
    return null;
  }

  function name(element, label) {
    if (!label) return;
    if (!label.id) label.id = "xaso-label-" + Math.random().toString(36).slice(2, 10);
    element.setAttribute("aria-labelledby", label.id);
  }

  function named(element) {
    return element.hasAttribute("aria-label") || element.hasAttribute("aria-labelledby") ||
      (element.id && document.querySelector('label[for="' + element.id + '"]'));
  }

  function fix(root) {
    if (!root.querySelectorAll) return;
    root.querySelectorAll("input.ui-autocomplete-input, [role=textbox][contenteditable=true]").forEach(function (element) {
      if (!named(element)) name(element, labelOf(element));
    });
    root.querySelectorAll(".replace-file-input input[type=file]").forEach(function (element) {
      var button = element.parentElement.querySelector("button");
      if (!named(element) && button) element.setAttribute("aria-label", button.textContent.trim());
    });
  }

  fix(document);
  // The typing box gets its class, and the editor its role, after they are in the page.
  new MutationObserver(function (mutations) {
    mutations.forEach(function (mutation) {
      if (mutation.type === "attributes") {
        fix(mutation.target.parentElement || mutation.target);
        return;
      }
      Array.prototype.forEach.call(mutation.addedNodes, function (node) {
        if (node.nodeType === 1) fix(node.parentElement || node);
      });
    });
  }).observe(document.documentElement, {
    childList: true, subtree: true, attributes: true, attributeFilter: ["class", "role", "contenteditable"]
  });
})();
