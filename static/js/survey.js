/* Skip logic in the browser: hides the questions the server would ignore. The server stays the judge. */
(function () {
  "use strict";
  var data = document.getElementById("skip-rules");
  var form = document.getElementById("survey-section");
  if (!data || !form) { return; }
  var rules = JSON.parse(data.textContent);

  function valuesOf(code) {
    var inputs = form.querySelectorAll("[name='" + code + "']");
    if (!inputs.length) {
      var earlier = rules.answers[code];
      if (earlier === undefined || earlier === null || earlier === "") { return []; }
      return [].concat(earlier).map(String);
    }
    var values = [];
    inputs.forEach(function (input) {
      if ((input.type === "radio" || input.type === "checkbox") && !input.checked) { return; }
      if (input.value !== "") { values.push(input.value); }
    });
    return values;
  }

  function isShown(code, seen) {
    var rule = rules.questions[code];
    if (!rule) { return true; }
    if (seen.indexOf(code) !== -1) { return false; }
    var box = document.getElementById("q-" + rule.question);
    if (box && !isShown(rule.question, seen.concat([code]))) { return false; }
    return valuesOf(rule.question).some(function (value) { return rule.values.indexOf(value) !== -1; });
  }

  function update() {
    Object.keys(rules.questions).forEach(function (code) {
      var box = document.getElementById("q-" + code);
      if (box) { box.hidden = !isShown(code, []); }
    });
  }

  form.addEventListener("change", update);
  update();
})();
