/* The Today check-in: keeps each folded symptom's summary showing the score
 * chosen inside it, and after an htmx save moves focus sensibly: to the card's
 * heading (the confirmation, in the lasting live region #checkin-status, sits
 * right under it and is announced), or to the first field with an error. */
(function () {
  "use strict";

  document.addEventListener("change", function (event) {
    var input = event.target;
    if (input.type !== "radio") return;
    var details = input.closest("details.quick-score");
    var value = details && details.querySelector(".quick-value");
    if (!value) return;
    value.textContent = input.value === "" ? value.dataset.notRated : input.value;
  });

  document.addEventListener("htmx:afterSettle", function (event) {
    if (!event.target || event.target.id !== "checkin-body") return;
    var invalid = event.target.querySelector(".is-invalid input, [aria-invalid=true], .alert-danger");
    var target = invalid || document.getElementById("checkin-heading");
    if (!target) return;
    if (invalid && !invalid.matches("input, textarea, select")) invalid.setAttribute("tabindex", "-1");
    var details = target.closest("details");
    if (details) details.open = true;
    target.focus({ preventScroll: true });
    target.scrollIntoView({ block: "start" });
  });
})();
