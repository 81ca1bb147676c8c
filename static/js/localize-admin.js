/* wagtail-localize's two inline scripts, as a static file (see cms/admin_scripts.py).
   Loaded with data-*-chooser attributes (translation editor): sets window.chooserUrls before wagtail-localize.js
   runs, as its inline script did. On the "translate this page" form: "select all" ticks every locale. */
(function () {
  "use strict";
  var data = document.currentScript && document.currentScript.dataset;
  if (data && data.pageChooser && typeof window.chooserUrls === "undefined") {
    window.chooserUrls = {
      imageChooser: data.imageChooser,
      documentChooser: data.documentChooser,
      pageChooser: data.pageChooser,
    };
  }
  document.addEventListener("DOMContentLoaded", function () {
    var selectAll = document.querySelector('[name="select_all"]');
    if (!selectAll) return;
    var locales = document.querySelectorAll('[name="locales"]');
    selectAll.addEventListener("change", function () {
      locales.forEach(function (locale) {
        locale.checked = selectAll.checked;
      });
    });
  });
})();
