/* The built-in SMART Health Link viewer (/shl/#shlink:/...).
 *
 * Reads the link from the fragment (never sent to a server), posts the manifest request
 * with the recipient and passcode, fetches each FHIR file (embedded or by location),
 * decrypts the compact JWE (alg "dir", enc "A256GCM") with WebCrypto and shows a summary.
 * Everything from the bundle is written with textContent: nothing is parsed as HTML.
 */
(function () {
  "use strict";

  var $ = function (id) { return document.getElementById(id); };
  var statusLine = $("shl-status");
  var form = $("shl-form");
  var errorLine = $("shl-error");
  var shl = null;

  function say(text) { statusLine.textContent = text; }

  function fail(text) {
    errorLine.textContent = text;
    errorLine.hidden = false;
  }

  function b64urlToBytes(text) {
    var b64 = text.replace(/-/g, "+").replace(/_/g, "/");
    while (b64.length % 4) b64 += "=";
    var raw = atob(b64);
    var bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
    return bytes;
  }

  function parseLink(fragment) {
    var at = fragment.indexOf("shlink:/");
    if (at < 0) return null;
    var json = new TextDecoder().decode(b64urlToBytes(fragment.slice(at + "shlink:/".length)));
    var payload = JSON.parse(json);
    if (typeof payload.url !== "string" || typeof payload.key !== "string") return null;
    return payload;
  }

  async function decrypt(compact, keyText) {
    var parts = compact.split(".");
    if (parts.length !== 5) throw new Error("Not a compact JWE.");
    var header = JSON.parse(new TextDecoder().decode(b64urlToBytes(parts[0])));
    if (header.alg !== "dir" || header.enc !== "A256GCM") throw new Error("Unsupported encryption.");
    if (header.zip) throw new Error("Compressed files are not supported by this viewer.");
    var key = await crypto.subtle.importKey("raw", b64urlToBytes(keyText), "AES-GCM", false, ["decrypt"]);
    var ciphertext = b64urlToBytes(parts[3]);
    var tag = b64urlToBytes(parts[4]);
    var sealed = new Uint8Array(ciphertext.length + tag.length);
    sealed.set(ciphertext, 0);
    sealed.set(tag, ciphertext.length);
    var plain = await crypto.subtle.decrypt(
      { name: "AES-GCM", iv: b64urlToBytes(parts[2]), additionalData: new TextEncoder().encode(parts[0]), tagLength: 128 },
      key,
      sealed
    );
    return new TextDecoder().decode(plain);
  }

  function text(concept) {
    if (!concept) return "";
    if (concept.text) return concept.text;
    var coding = (concept.coding || []).find(function (c) { return c.display; });
    return coding ? coding.display : ((concept.coding || [])[0] || {}).code || "";
  }

  function specific(concept) {
    /* A condition's most specific coding ("Relapsing remitting multiple sclerosis"). */
    var named = ((concept || {}).coding || []).filter(function (c) { return c.display; });
    return named.length ? named[named.length - 1].display : text(concept);
  }

  function value(obs) {
    if (obs.valueQuantity) return obs.valueQuantity.value + " " + (obs.valueQuantity.unit || "");
    if (obs.valueInteger !== undefined) return String(obs.valueInteger);
    if (obs.valueCodeableConcept) return text(obs.valueCodeableConcept);
    if (obs.valueString) return obs.valueString;
    if (obs.dataAbsentReason) return text(obs.dataAbsentReason);
    if (obs.component) return obs.component.length + " parts";
    return "";
  }

  function item(list, line) {
    var li = document.createElement("li");
    li.className = "list-group-item";
    li.textContent = line;
    list.appendChild(li);
  }

  function fill(list, lines, none) {
    list.textContent = "";
    if (!lines.length) item(list, none);
    lines.forEach(function (line) { item(list, line); });
  }

  function show(bundle) {
    var resources = (bundle.entry || []).map(function (e) { return e.resource || {}; });
    var byType = function (type) { return resources.filter(function (r) { return r.resourceType === type; }); };
    var patient = byType("Patient")[0] || {};
    var name = (patient.name || [])[0] || {};
    var full = [].concat(name.given || [], name.family ? [name.family] : []).join(" ");
    var ident = ((patient.identifier || [])[0] || {}).value || "";
    $("shl-patient").textContent = full || ident || "Not named in the record";

    var conditions = byType("Condition").map(function (c) {
      var when = c.onsetDateTime ? " since " + c.onsetDateTime : "";
      var status = text(c.clinicalStatus);
      return specific(c.code) + when + (status ? " (" + status.toLowerCase() + ")" : "");
    });
    fill($("shl-conditions"), conditions, "None in the record.");

    var observations = byType("Observation")
      .filter(function (o) { return o.effectiveDateTime; })
      .sort(function (a, b) { return a.effectiveDateTime < b.effectiveDateTime ? 1 : -1; })
      .slice(0, 15)
      .map(function (o) { return o.effectiveDateTime.slice(0, 10) + " · " + text(o.code) + ": " + value(o); });
    fill($("shl-observations"), observations, "None in the record.");

    var medications = byType("MedicationStatement").map(function (m) {
      var period = m.effectivePeriod || {};
      var span = (period.start || "?") + " to " + (period.end || "now");
      return text(m.medicationCodeableConcept) + ", " + span + " (" + m.status + ")";
    });
    fill($("shl-medications"), medications, "None in the record.");

    $("shl-counts").textContent = resources.length + " resources in the bundle.";
    var blob = new Blob([JSON.stringify(bundle, null, 2)], { type: "application/fhir+json" });
    $("shl-download").href = URL.createObjectURL(blob);
    $("shl-summary").hidden = false;
  }

  async function fetchFile(file) {
    if (file.embedded) return file.embedded;
    var response = await fetch(file.location, { credentials: "omit" });
    if (!response.ok) throw new Error("The file could not be fetched (" + response.status + ").");
    return response.text();
  }

  async function open(event) {
    event.preventDefault();
    errorLine.hidden = true;
    var recipient = $("shl-recipient").value.trim();
    if (!recipient) { fail("Say who you are: the patient sees it."); return; }
    var body = { recipient: recipient };
    if ((shl.flag || "").indexOf("P") >= 0) body.passcode = $("shl-passcode").value;
    say("Asking for the record…");
    var response;
    try {
      response = await fetch(shl.url, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
        credentials: "omit",
      });
    } catch (e) {
      say(""); fail("The server could not be reached."); return;
    }
    if (response.status === 401) {
      var answer = await response.json().catch(function () { return {}; });
      say("");
      fail(answer.remainingAttempts > 0
        ? "Wrong passcode. " + answer.remainingAttempts + " attempts left."
        : "Wrong passcode. The link is now disabled.");
      return;
    }
    if (response.status === 404) { say("This link is no longer active (expired or revoked)."); form.hidden = true; return; }
    if (response.status === 429) { say(""); fail("Too many requests: try again later."); return; }
    if (!response.ok) { say(""); fail("The server answered " + response.status + "."); return; }
    try {
      var manifest = await response.json();
      var files = (manifest.files || []).filter(function (f) { return f.contentType === "application/fhir+json"; });
      if (!files.length) throw new Error("The link holds no FHIR record.");
      var bundle = JSON.parse(await decrypt(await fetchFile(files[0]), shl.key));
      form.hidden = true;
      say("Record decrypted.");
      show(bundle);
    } catch (e) {
      say(""); fail(e.message || "The record could not be read.");
    }
  }

  try {
    shl = parseLink(decodeURIComponent(window.location.hash || ""));
  } catch (e) {
    shl = null;
  }
  if (!shl) { say("No SMART Health Link here: open the whole link you were given."); return; }
  if (shl.v && shl.v > 1) { say("This link needs a newer viewer (version " + shl.v + ")."); return; }
  if (shl.label) { $("shl-label").textContent = shl.label; $("shl-label").hidden = false; }
  if (shl.exp && shl.exp * 1000 < Date.now()) { say("This link has expired."); return; }
  if ((shl.flag || "").indexOf("P") >= 0) $("shl-passcode-group").hidden = false;
  say("Say who you are to open the record.");
  form.hidden = false;
  form.addEventListener("submit", open);
})();
