/* After an htmx swap replaced the element that had focus (a range link, a form's
 * button), put focus on its counterpart in the new content, or else on the swapped
 * region, instead of letting it fall to <body> (WCAG 2.4.3 Focus Order). Code that
 * moves focus itself (e.g. to a saved message) runs first and is left alone. */
(function () {
  "use strict";
  var wanted = null;

  function quoted(value) {
    return '"' + value.replace(/\\/g, "\\\\").replace(/"/g, '\\"') + '"';
  }

  function selector(el) {
    if (!el || el === document.body || !el.tagName) return null;
    if (el.id) return "#" + CSS.escape(el.id);
    var tag = el.tagName.toLowerCase();
    var attrs = ["href", "hx-get", "hx-post", "action", "name"];
    for (var i = 0; i < attrs.length; i++) {
      if (el.hasAttribute(attrs[i])) return tag + "[" + attrs[i] + "=" + quoted(el.getAttribute(attrs[i])) + "]";
    }
    if (el.form) {
      var form = selector(el.form);
      return form && form + " " + tag + (el.type ? "[type=" + quoted(el.type) + "]" : "");
    }
    return null;
  }

  document.addEventListener("htmx:beforeSwap", function () {
    wanted = selector(document.activeElement);
  });

  document.addEventListener("htmx:afterSettle", function (event) {
    var active = document.activeElement;
    if (active && active !== document.body && active.isConnected) return;
    var target = event.detail && event.detail.target;
    if (!target || !target.isConnected) return;
    var next = wanted && document.querySelector(wanted);
    if (!next) {
      next = target;
      if (!next.hasAttribute("tabindex")) next.setAttribute("tabindex", "-1");
    }
    next.focus();
  });
})();
