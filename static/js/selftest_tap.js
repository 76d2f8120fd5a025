/* The tapping self-test: tap two targets in turn for 10 seconds from the first tap.
   Every press is recorded (target 0, 1, or null beside both) with performance.now(). */
(function () {
  "use strict";
  var root = document.getElementById("tap");
  if (!root) return;
  var T = window.SelfTest;
  var seconds = Number(root.dataset.seconds);
  var practiceRuns = Number(root.dataset.practiceRuns);
  var el = function (id) { return document.getElementById(id); };
  var run = null, phase = "idle", t0 = 0, timer = null, ticker = null, taps = [], kinds = [];

  function start() {
    var button = this;
    button.disabled = true;
    T.post(root.dataset.api, { kind: root.dataset.kind }, root.dataset.csrf).then(function (issued) {
      run = issued; phase = "ready";
      T.hide(el("tap-intro"));
      T.show(el("tap-run"));
      T.setText(el("tap-timer"), "Tap the first target to start the " + seconds + " seconds.");
    }).catch(function (error) {
      button.disabled = false;
      T.setText(el("tap-error"), "Could not start: " + error.message);
    });
  }

  function press(event) {
    if (phase !== "ready" && phase !== "running") return;
    var target = event.target.closest("[data-target]");
    event.preventDefault();
    var now = performance.now();
    if (phase === "ready") {
      if (!target) return;  // the clock starts with a tap on a target
      phase = "running"; t0 = now;
      timer = setTimeout(finish, seconds * 1000);
      ticker = setInterval(function () {
        T.setText(el("tap-timer"), Math.max(0, seconds - Math.floor((performance.now() - t0) / 1000)) + " s left");
      }, 250);
      T.setText(el("tap-timer"), seconds + " s left");
    }
    var at = now - t0;
    if (at > seconds * 1000) { finish(); return; }
    taps.push([target ? Number(target.dataset.target) : null, Math.round(at * 10) / 10]);
    kinds.push(event.pointerType || "mouse");
    T.setText(el("tap-count"), String(taps.length));
  }

  function finish() {
    if (phase !== "running") return;
    phase = "done";
    clearTimeout(timer); clearInterval(ticker);
    T.hide(el("tap-run"));
    var result = el("tap-result");
    T.show(result);
    T.setText(el("tap-result-text"), "Saving your run…");
    var input = T.mostUsed(kinds) || "mouse";
    T.post(root.dataset.api + run.id + "/upload/", { input: input, trials: taps }, root.dataset.csrf)
      .then(function (saved) {
        T.setText(el("tap-result-text"), "Taps: " + saved.score + ". Misses: " + saved.errors +
          ". Regularity (variation of the intervals): " +
          (saved.cv === null ? "not enough taps" : Math.round(saved.cv * 100) + "%") +
          ". Measured with " + T.inputWords[saved.input] + ".");
        T.setText(el("tap-result-status"), T.statusText(saved, practiceRuns));
        result.dataset.saved = String(saved.id);
        el("tap-result-heading").focus();
      }).catch(function (error) {
        T.setText(el("tap-result-text"), "This run was not saved: " + error.message);
        result.dataset.saved = "error";
      });
  }

  el("tap-start").addEventListener("click", start);
  el("tap-arena").addEventListener("pointerdown", press);
  el("tap-arena").addEventListener("contextmenu", function (event) { event.preventDefault(); });
})();
