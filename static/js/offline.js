/* Offline class mode (see surveys/offline.py): the survey answered screen by screen in the browser, each child's
   answers queued in IndexedDB with a submission key the server signed, and sent when the device is online (on the
   `online` event, on every load, and with back-off); removed only once the server says 201 (stored) or 200
   (already received). On a shared tablet (?perangkat=bersama) the screen is wiped after each child and the queue
   shows only how many answers wait. */
(function () {
  "use strict";
  var root = document.getElementById("offline-survey");
  if (!root || !window.indexedDB) { return; }
  var CACHE = "suara-anak-pages";
  var survey = Number(root.dataset.survey);
  var shared = root.dataset.shared === "1";
  var rules = JSON.parse(document.getElementById("offline-rules").textContent);
  var messages = document.getElementById("offline-messages").content;
  var form = document.getElementById("offline-form");
  var screens = [].slice.call(form.querySelectorAll("[data-screen]"));
  var banner = document.getElementById("offline-queue");
  var done = document.getElementById("offline-done");
  var current = 0, waiting = 0, sending = null, delay = 2000, timer = null;

  function text(name) { return messages.querySelector("[data-" + name + "]").textContent; }

  /* IndexedDB: "queue" holds answers waiting to be sent, "keys" the submission keys fetched while online. */
  var opened = new Promise(function (resolve, reject) {
    var request = indexedDB.open("suara-anak", 1);
    request.onupgradeneeded = function () {
      request.result.createObjectStore("queue", { keyPath: "id", autoIncrement: true });
      request.result.createObjectStore("keys", { keyPath: "id", autoIncrement: true }).createIndex("survey", "survey");
    };
    request.onsuccess = function () { resolve(request.result); };
    request.onerror = function () { reject(request.error); };
  });

  function run(stores, work) {
    return opened.then(function (db) {
      return new Promise(function (resolve, reject) {
        var tx = db.transaction(stores, "readwrite"), result;
        tx.oncomplete = function () { resolve(result); };
        tx.onerror = tx.onabort = function () { reject(tx.error); };
        work(tx, function (value) { result = value; });
      });
    });
  }

  function all(store) {
    return run([store], function (tx, give) {
      tx.objectStore(store).getAll().onsuccess = function (event) { give(event.target.result); };
    });
  }

  function keyCount() {
    return run(["keys"], function (tx, give) {
      tx.objectStore("keys").index("survey").count(survey).onsuccess = function (event) { give(event.target.result); };
    });
  }

  function fetchKeys() {
    var data = new FormData(form), body = new FormData();
    body.append("csrfmiddlewaretoken", data.get("csrfmiddlewaretoken"));
    body.append("kode", data.get("kode") || "");
    body.append("jumlah", shared ? (data.get("jumlah") || "1") : "1");
    return fetch(root.dataset.keysUrl, { method: "POST", body: body, credentials: "same-origin" }).then(function (response) {
      return response.json().then(function (json) {
        if (!response.ok) { throw new Error(json.error || ""); }
        return run(["keys"], function (tx) {
          json.keys.forEach(function (key) { tx.objectStore("keys").add({ survey: survey, key: key }); });
        });
      });
    }, function () { throw new Error(text("offline-no-key")); });
  }

  /* Moves one key from the pool into the queue with the answers, in one transaction: a key is never used twice. */
  function enqueue(answers, about) {
    return run(["keys", "queue"], function (tx, give) {
      tx.objectStore("keys").index("survey").openCursor(survey).onsuccess = function (event) {
        var cursor = event.target.result;
        if (!cursor) { tx.abort(); return; }
        cursor.delete();
        tx.objectStore("queue").add({ survey: survey, key: cursor.value.key, answers: answers, about: about })
          .onsuccess = function (added) { give(added.target.result); };
      };
    });
  }

  function send(record) {
    return fetch(root.dataset.queueUrl, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ key: record.key, answers: record.answers, about: record.about }),
      credentials: "omit"
    }).then(function (response) {
      if (response.status === 201 || response.status === 200) {
        return run(["queue"], function (tx) { tx.objectStore("queue").delete(record.id); }).then(function () { return true; });
      }
      if (response.status === 400) {
        return response.json().then(function (json) {
          record.refused = json.error;
          return run(["queue"], function (tx) { tx.objectStore("queue").put(record); }).then(function () { return false; });
        });
      }
      throw new Error(String(response.status));
    });
  }

  function retryLater() {
    clearTimeout(timer);
    timer = setTimeout(flush, delay);
    delay = Math.min(delay * 2, 60000);
  }

  /* Sends every waiting answer, one after the other; the server stores each key's answers once, whoever sends. */
  function flush() {
    if (sending) { return sending; }
    sending = all("queue").then(function (records) {
      return records.filter(function (record) { return !record.refused; }).reduce(function (chain, record) {
        return chain.then(function () { return send(record); });
      }, Promise.resolve());
    }).then(function () { delay = 2000; }, retryLater).then(function () {
      sending = null;
      return showQueue();
    });
    return sending;
  }

  function showQueue() {
    return all("queue").then(function (records) {
      var refused = records.filter(function (record) { return record.refused; });
      waiting = records.length - refused.length;
      banner.hidden = !(shared || waiting || refused.length);
      document.getElementById("offline-waiting").textContent =
        waiting === 1 ? text("waiting-one") : text("waiting-many").replace("__N__", waiting);
      var note = document.getElementById("offline-refused");
      note.hidden = !refused.length;
      note.textContent = refused.map(function (record) { return record.refused; }).join(" ");
      return waiting;
    });
  }

  /* Answers and skip logic, as surveys/definition.py judges them. */
  function valuesOf(code) {
    var values = [];
    form.querySelectorAll("[name='" + code + "']").forEach(function (input) {
      if ((input.type === "radio" || input.type === "checkbox") && !input.checked) { return; }
      if (input.value !== "") { values.push(input.value); }
    });
    return values;
  }

  function holds(rule, seen) {
    if (!rule) { return true; }
    if (seen.indexOf(rule.question) !== -1) { return false; }
    var parent = question(rule.question);
    if (parent && !holds(parent.show_if, seen.concat([rule.question]))) { return false; }
    return valuesOf(rule.question).some(function (value) { return rule.values.indexOf(value) !== -1; });
  }

  function question(code) {
    for (var s = 0; s < rules.sections.length; s++) {
      for (var q = 0; q < rules.sections[s].questions.length; q++) {
        if (rules.sections[s].questions[q].code === code) { return rules.sections[s].questions[q]; }
      }
    }
    return null;
  }

  function answers() {
    var result = {};
    rules.sections.forEach(function (section) {
      if (!holds(section.show_if, [])) { return; }
      section.questions.forEach(function (q) {
        var values = valuesOf(q.code);
        if (!values.length || !holds(q.show_if, [])) { return; }
        result[q.code] = q.multiple ? values : values[0];
      });
    });
    return result;
  }

  function about() {
    var result = {};
    ["age_band", "sex", "school_level", "kecamatan"].forEach(function (name) {
      var values = valuesOf(name);
      if (values.length) { result[name] = values[0]; }
    });
    return result;
  }

  function update() {
    rules.sections.forEach(function (section) {
      section.questions.forEach(function (q) {
        var box = document.getElementById("q-" + q.code);
        if (box) { box.hidden = !holds(q.show_if, []); }
      });
    });
    var withCode = !!form.elements.kode.value.trim();
    ["school_level", "kecamatan"].forEach(function (name) {
      var box = form.querySelector("[data-about='" + name + "']");
      if (box) { box.hidden = withCode; }
    });
  }

  function shownScreens() {
    return screens.filter(function (screen) {
      var index = screen.dataset.section;
      return index === undefined || holds(rules.sections[Number(index)].show_if, []);
    });
  }

  function show(screen) {
    current = screens.indexOf(screen);
    screens.forEach(function (each) { each.hidden = each !== screen; });
    var list = shownScreens(), next = screen.querySelector("[data-action='next']");
    if (next && next.dataset.lastLabel) {
      next.textContent = list[list.length - 1] === screen ? next.dataset.lastLabel : next.dataset.nextLabel;
    }
    window.scrollTo(0, 0);
  }

  function complete(screen) {
    var index = screen.dataset.section;
    if (index === undefined) { return true; }
    return rules.sections[Number(index)].questions.every(function (q) {
      return !q.required || !holds(q.show_if, []) || valuesOf(q.code).length > 0;
    });
  }

  function error(screen, message) {
    var box = screen.querySelector("[data-error]");
    box.textContent = message;
    box.hidden = !message;
  }

  function finish() {
    var given = answers(), facts = about();
    return enqueue(given, facts).then(function () {
      form.reset();
      update();
      form.hidden = true;
      done.hidden = false;
      done.querySelector("[data-done='queued']").hidden = true;
      done.querySelector("[data-done='sent']").hidden = true;
      if (navigator.storage && navigator.storage.persist) { navigator.storage.persist(); }
      return flush();
    }).then(function (left) {
      done.querySelector("[data-done='" + (left ? "queued" : "sent") + "']").hidden = false;
    });
  }

  form.addEventListener("change", update);
  form.addEventListener("click", function (event) {
    var action = event.target.dataset && event.target.dataset.action;
    if (!action) { return; }
    var screen = screens[current], list = shownScreens(), at = list.indexOf(screen);
    if (action === "back") { show(list[Math.max(at - 1, 0)]); return; }
    if (action === "start") {
      error(screen, "");
      keyCount().then(function (count) { return count ? null : fetchKeys(); }).then(function () {
        show(list[at + 1]);
      }, function (problem) { error(screen, problem.message || text("offline-no-key")); });
      return;
    }
    var problem = screen.querySelector("[data-error]");
    if (problem) { problem.hidden = complete(screen); }
    if (!complete(screen)) { return; }
    list = shownScreens();
    at = list.indexOf(screen);
    if (at < list.length - 1) { show(list[at + 1]); return; }
    finish();
  });

  var nextChild = document.getElementById("offline-next-child");
  if (nextChild) {
    nextChild.addEventListener("click", function () { done.hidden = true; form.hidden = false; show(screens[0]); });
  }
  document.getElementById("offline-send").addEventListener("click", function () { delay = 2000; flush(); });
  window.addEventListener("online", function () { delay = 2000; flush(); });
  window.addEventListener("beforeunload", function (event) {
    if (waiting) { event.preventDefault(); event.returnValue = text("leave"); return event.returnValue; }
  });

  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(function () {});
    if (window.caches && navigator.onLine) {
      var assets = [].slice.call(document.querySelectorAll("link[rel=stylesheet], script[src]")).map(function (node) {
        return node.href || node.src;
      });
      caches.open(CACHE).then(function (cache) { return cache.addAll([location.href].concat(assets)); }).catch(function () {});
    }
  }
  window.suaraOffline = { flush: flush, waiting: showQueue };
  form.hidden = false;
  update();
  show(screens[0]);
  flush();
})();
