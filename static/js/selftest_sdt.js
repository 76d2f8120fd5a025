/* The symbol-digit self-test: a server-issued key, 10 practice symbols, then 90 seconds.
   Times come from performance.now(), counted from the first symbol of the timed part. */
(function () {
  "use strict";
  var root = document.getElementById("sdt");
  if (!root) return;
  var T = window.SelfTest;
  var seconds = Number(root.dataset.seconds);
  var practiceRuns = Number(root.dataset.practiceRuns);
  var symbols = {};
  root.querySelectorAll("[data-symbol-src]").forEach(function (item) {
    symbols[item.dataset.symbol] = { src: item.dataset.symbolSrc, name: item.dataset.symbolName };
  });
  var el = function (id) { return document.getElementById(id); };
  var run = null, phase = "idle", index = 0, t0 = 0, timer = null, ticker = null;
  var trials = [], practiceTrials = [], inputs = [], pointer = null;

  function picture(img, symbol) {
    img.src = symbols[symbol].src;
    img.alt = symbols[symbol].name;
  }

  function drawKey() {
    var key = el("sdt-key-list");
    key.textContent = "";
    var byDigit = [];
    run.pairing.forEach(function (digit, symbol) { byDigit[digit] = symbol; });
    for (var digit = 1; digit <= 9; digit++) {
      var cell = document.createElement("li");
      var img = document.createElement("img");
      img.width = 48; img.height = 48;
      picture(img, byDigit[digit]);
      var label = document.createElement("span");
      label.className = "sdt-key-digit";
      label.textContent = String(digit);
      cell.appendChild(img); cell.appendChild(label);
      key.appendChild(cell);
    }
  }

  function current() {
    return phase === "practice" ? run.practice_items[index] : run.items[index];
  }

  function showSymbol() { picture(el("sdt-symbol"), current()); }

  function answer(digit, how) {
    if (phase !== "practice" && phase !== "timed") return;
    inputs.push(how);
    var symbol = current();
    if (phase === "practice") {
      practiceTrials.push([digit, Math.round(performance.now() - t0)]);
      var right = run.pairing[symbol] === digit;
      T.setText(el("sdt-feedback"), right ? "Right." : "Not quite: that symbol is " + run.pairing[symbol] + ".");
      index += 1;
      if (index >= run.practice_items.length) { endPractice(); return; }
      showSymbol();
      return;
    }
    var at = performance.now() - t0;
    if (at > seconds * 1000) { finish(); return; }
    trials.push([digit, Math.round(at * 10) / 10]);
    index += 1;
    if (index >= run.items.length) { finish(); return; }
    showSymbol();
  }

  function endPractice() {
    phase = "between";
    T.hide(el("sdt-run"));
    T.show(el("sdt-between"));
    el("sdt-go").focus();
  }

  function startTimed() {
    phase = "timed"; index = 0;
    T.hide(el("sdt-between"));
    T.setText(el("sdt-feedback"), "");
    T.setText(el("sdt-phase"), "The test: " + seconds + " seconds. Answer as quickly as you can.");
    T.show(el("sdt-run"));
    showSymbol();
    t0 = performance.now();
    var left = seconds;
    T.setText(el("sdt-timer"), left + " s left");
    ticker = setInterval(function () {
      left = Math.max(0, seconds - Math.floor((performance.now() - t0) / 1000));
      T.setText(el("sdt-timer"), left + " s left");
    }, 1000);
    timer = setTimeout(finish, seconds * 1000);
  }

  function finish() {
    if (phase !== "timed") return;
    phase = "done";
    clearTimeout(timer); clearInterval(ticker);
    T.hide(el("sdt-run"));
    T.hide(el("sdt-key"));
    var result = el("sdt-result");
    T.show(result);
    T.setText(el("sdt-result-text"), "Saving your run…");
    var input = T.mostUsed(inputs) || "keyboard";
    T.post(root.dataset.api + run.id + "/upload/", { input: input, trials: trials, practice_trials: practiceTrials },
      root.dataset.csrf).then(function (saved) {
      T.setText(el("sdt-result-text"), "Correct answers: " + saved.score + ". Errors: " + saved.errors +
        ". Median response time: " + (saved.median_ms === null ? "none" : (saved.median_ms / 1000).toFixed(2) + " s") +
        ". Answered with " + T.inputWords[saved.input] + ".");
      T.setText(el("sdt-result-status"), T.statusText(saved, practiceRuns));
      result.dataset.saved = String(saved.id);
      el("sdt-result-heading").focus();
    }).catch(function (error) {
      T.setText(el("sdt-result-text"), "This run was not saved: " + error.message);
      result.dataset.saved = "error";
    });
  }

  el("sdt-start").addEventListener("click", function () {
    var button = this;
    button.disabled = true;
    T.post(root.dataset.api, { kind: "sdt" }, root.dataset.csrf).then(function (issued) {
      run = issued; phase = "practice"; index = 0;
      drawKey();
      T.hide(el("sdt-intro"));
      T.show(el("sdt-key"));
      T.setText(el("sdt-phase"), "Practice: " + run.practice_items.length + " symbols, not counted.");
      T.show(el("sdt-run"));
      t0 = performance.now();
      showSymbol();
      el("sdt-pad").querySelector("button").focus();
    }).catch(function (error) {
      button.disabled = false;
      T.setText(el("sdt-error"), "Could not start: " + error.message);
    });
  });
  el("sdt-go").addEventListener("click", startTimed);

  el("sdt-pad").addEventListener("pointerdown", function (event) { pointer = event.pointerType || "mouse"; });
  el("sdt-pad").addEventListener("click", function (event) {
    var button = event.target.closest("button[data-digit]");
    if (!button) return;
    answer(Number(button.dataset.digit), pointer || "keyboard");
    pointer = null;
  });
  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (!/^[1-9]$/.test(event.key)) return;
    if (phase !== "practice" && phase !== "timed") return;
    event.preventDefault();
    answer(Number(event.key), "keyboard");
  });
})();
