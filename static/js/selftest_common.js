/* Self-tests: what both test pages share (issue a session, upload it, say how it counts). */
(function () {
  "use strict";

  function post(url, body, csrf) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf, Accept: "application/json" },
      body: JSON.stringify(body)
    }).then(function (response) {
      return response.json().then(function (data) {
        if (!response.ok) {
          var messages = [];
          Object.keys(data || {}).forEach(function (key) {
            var value = data[key];
            messages.push(Array.isArray(value) ? value.join(" ") : String(value));
          });
          throw new Error(messages.join(" ") || "The server refused this run.");
        }
        return data;
      });
    });
  }

  var INPUTS = { touch: "a touch screen", mouse: "a mouse or trackpad", pen: "a pen", keyboard: "the keyboard" };

  function statusText(run, practiceRuns) {
    if (run.status === "practice") {
      return "This was a practice run: the first " + practiceRuns + " runs with one input teach the test, " +
        "so they are kept but not in your trend.";
    }
    if (run.status === "counted") return "This run is today's result in your trend.";
    return "This run is kept, but not in your trend: either it used another input than your trend " +
      "follows, or you already have a result for today.";
  }

  /* The input used most often among the recorded kinds. */
  function mostUsed(kinds) {
    var counts = {}, best = "", most = 0;
    kinds.forEach(function (kind) {
      counts[kind] = (counts[kind] || 0) + 1;
      if (counts[kind] > most) { most = counts[kind]; best = kind; }
    });
    return best;
  }

  function show(element) { element.hidden = false; }
  function hide(element) { element.hidden = true; }

  function setText(element, text) { element.textContent = text; }

  window.SelfTest = { post: post, statusText: statusText, mostUsed: mostUsed, inputWords: INPUTS,
    show: show, hide: hide, setText: setText };
})();
