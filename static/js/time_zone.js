/* Sign-up: preselect the browser's own time zone; the patient can still change it. */
(function () {
  "use strict";
  var select = document.querySelector("[data-detect-time-zone]");
  if (!select || select.dataset.userChanged) return;
  try {
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (zone && select.value === "UTC" && select.querySelector('option[value="' + zone + '"]')) select.value = zone;
  } catch (e) {}
})();
