/* Export downloads with visible progress. An export is made while it streams, so its
   size is not known in advance (no Content-Length): the page says how much has arrived,
   then saves the file. Without JavaScript the links are plain downloads. */
(function () {
  "use strict";
  var status = document.querySelector("[data-download-status]");
  if (!status || !window.fetch || !window.ReadableStream || !window.Blob) return;
  var bar = status.querySelector("progress");
  var text = status.querySelector("[data-download-text]");
  var busy = false;

  function megabytes(bytes) {
    if (bytes < 1048576) return Math.max(1, Math.round(bytes / 1024)) + " KB";
    return (bytes / 1048576).toFixed(1) + " MB";
  }

  function fileName(response, fallback) {
    var match = /filename="([^"]+)"/.exec(response.headers.get("Content-Disposition") || "");
    return match ? match[1] : fallback;
  }

  function save(blob, name) {
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = name;
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 60000);
  }

  function download(link) {
    var label = link.textContent.trim();
    var shown = 0;
    busy = true;
    status.classList.add("active");
    bar.hidden = false;
    bar.removeAttribute("value");
    text.textContent = label + ": preparing the file…";
    fetch(link.href, { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error("the server answered " + response.status);
        var total = Number(response.headers.get("Content-Length")) || 0;
        if (total) bar.max = total;
        var reader = response.body.getReader();
        var chunks = [];
        var received = 0;
        function pump() {
          return reader.read().then(function (step) {
            if (step.done) return;
            chunks.push(step.value);
            received += step.value.length;
            if (total) bar.value = received;
            var now = Date.now();
            if (now - shown > 400) {  // a live region read out at most every 0.4 s
              shown = now;
              text.textContent = label + ": " + megabytes(received) +
                (total ? " of " + megabytes(total) : "") + " received…";
            }
            return pump();
          });
        }
        return pump().then(function () {
          var name = fileName(response, "mstracker-export");
          save(new Blob(chunks, { type: response.headers.get("Content-Type") || "" }), name);
          bar.max = 1;
          bar.value = 1;
          text.textContent = label + ": saved " + name + " (" + megabytes(received) + ").";
        });
      })
      .catch(function (error) {
        bar.hidden = true;
        text.textContent = label + ": the download failed (" + error.message +
          "). Nothing in the account changed; try again.";
      })
      .then(function () { busy = false; });
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-download]");
    if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    if (!busy) download(link);
  });
})();
