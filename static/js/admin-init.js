/* Makes the set-up calls that Wagtail's admin would otherwise write as inline scripts (see cms/admin_scripts.py;
   upstream: https://github.com/wagtail/wagtail/issues/1288), so the admin runs under a Content-Security-Policy
   without 'unsafe-inline'. The server writes each call as
   <script type="application/json" data-admin-init="NAME">[arguments]</script>, which the browser never runs;
   this file calls NAME(...arguments) once the page is parsed, and again for markup the admin adds later (a new
   InlinePanel child). Only Wagtail's own set-up functions may be named. */
(function () {
  "use strict";
  var FUNCTIONS = ["initDateChooser", "initTimeChooser", "initDateTimeChooser", "createTaskChooser"];
  var CONSTRUCTORS = ["InlinePanel", "MultipleChooserPanel", "Chooser", "PageChooser", "ImageChooser",
    "DocumentChooser", "SnippetChooser"];
  var SELECTOR = 'script[type="application/json"][data-admin-init]';

  function run(element) {
    if (element.dataset.adminInitDone) return;
    element.dataset.adminInitDone = "true";
    var name = element.dataset.adminInit;
    var target = window[name];
    if (typeof target !== "function" || (FUNCTIONS.indexOf(name) < 0 && CONSTRUCTORS.indexOf(name) < 0)) {
      console.error("admin-init: not a Wagtail set-up function:", name);
      return;
    }
    var args = JSON.parse(element.textContent);
    if (CONSTRUCTORS.indexOf(name) >= 0) {
      Reflect.construct(target, args);
    } else {
      target.apply(window, args);
    }
  }

  function runWithin(node) {
    if (node.nodeType !== Node.ELEMENT_NODE) return;
    if (node.matches(SELECTOR)) run(node);
    node.querySelectorAll(SELECTOR).forEach(run);
  }

  document.addEventListener("DOMContentLoaded", function () {
    runWithin(document.documentElement);
    new MutationObserver(function (mutations) {
      mutations.forEach(function (mutation) {
        mutation.addedNodes.forEach(runWithin);
      });
    }).observe(document.body, { childList: true, subtree: true });
  });
})();
