// tvec review console: keyboard shortcuts and the wellbeing toggles. No framework, no build.
// Keys that decide never submit on their own: they fill the decide form and focus its button,
// so a stray key press cannot take a decision; Enter confirms.
(function () {
  "use strict";
  var body = document.body;

  function say(text) {
    var box = document.getElementById("key-status");
    if (!box) {
      box = document.createElement("div");
      box.id = "key-status";
      box.className = "notice";
      box.setAttribute("role", "status");
      var main = document.querySelector("main");
      main.insertBefore(box, main.firstChild);
    }
    box.textContent = text;
  }

  function fillDecision(action, codeAttribute) {
    var form = document.getElementById("decide-form");
    if (!form) { say("Claim the case first (c), then decide."); return; }
    var radio = form.querySelector('input[name="action"][value="' + action + '"]');
    if (radio) { radio.checked = true; }
    var code = form.getAttribute(codeAttribute);
    var select = form.querySelector('select[name="reason_code"]');
    if (code && select) { select.value = code; }
    var hint = document.getElementById("decide-hint");
    if (hint) { hint.textContent = "Enter to confirm: " + action + (code ? " (" + code + ")" : "") + ", Esc to cancel"; }
    document.getElementById("decide-submit").focus();
  }

  function toggleGate() {
    var gate = document.getElementById("content-gate");
    if (gate) { gate.open = !gate.open; }
  }

  function toggleSoften() {
    var on = body.classList.toggle("soften");
    try { window.localStorage.setItem("tvec-soften", on ? "1" : "0"); } catch (e) { /* private mode */ }
  }

  function toggleHelp() {
    var help = document.getElementById("help");
    if (help) { help.hidden = !help.hidden; }
  }

  var actions = {
    "c": function () { var f = document.getElementById("claim-form"); if (f) { f.submit(); } else { say("Nothing to claim here."); } },
    "a": function () { fillDecision("allow", "data-allow-code"); },
    "r": function () { fillDecision("remove", "data-remove-code"); },
    "v": function () { var n = document.getElementById("escalate-note"); if (n) { n.focus(); say("Say why, then Enter on Escalate."); } else { say("This case cannot be escalated now."); } },
    "n": function () { var l = document.getElementById("next-link"); if (l) { window.location.href = l.href; } },
    "s": toggleGate,
    "g": toggleSoften,
    "?": toggleHelp
  };

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) { return; }
    if (event.key === "Escape") {
      var help = document.getElementById("help");
      if (help) { help.hidden = true; }
      var hint = document.getElementById("decide-hint");
      if (hint) { hint.textContent = ""; }
      if (document.activeElement) { document.activeElement.blur(); }
      return;
    }
    var target = event.target;
    var tag = target && target.tagName ? target.tagName.toLowerCase() : "";
    if (tag === "input" || tag === "textarea" || tag === "select" || (target && target.isContentEditable)) { return; }
    var handler = actions[event.key];
    if (handler && body.dataset.page !== "login") { event.preventDefault(); handler(); }
  });

  try { if (window.localStorage.getItem("tvec-soften") === "1") { body.classList.add("soften"); } } catch (e) { /* private mode */ }
  var soften = document.getElementById("toggle-soften");
  if (soften) { soften.addEventListener("click", toggleSoften); }
  var helpButton = document.getElementById("toggle-help");
  if (helpButton) { helpButton.addEventListener("click", toggleHelp); }
  var gate = document.getElementById("content-gate");
  if (gate) { gate.addEventListener("toggle", function () { body.classList.toggle("gated", !gate.open); }); }
  var rows = document.querySelectorAll("tr[data-case-url]");
  Array.prototype.forEach.call(rows, function (row) {
    row.addEventListener("click", function (event) {
      if (event.target.tagName.toLowerCase() !== "a") { window.location.href = row.getAttribute("data-case-url"); }
    });
  });
})();
