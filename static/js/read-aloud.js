/* The "Dengarkan" (listen) button of each question: plays the facilitator's recording when the question has one,
   else reads the question and its choices with a voice installed on the device for the page's language. Only
   voices that run on the device are used (a voice with localService false sends the text to a server), so nothing
   the child sees or picks leaves the phone. Without a recording or such a voice the button stays hidden. */
(function () {
  "use strict";
  var buttons = document.querySelectorAll("button.read-aloud");
  if (!buttons.length) { return; }
  var language = (document.documentElement.lang || "id").toLowerCase().split("-")[0];
  var synth = window.speechSynthesis;
  var Utterance = window.SpeechSynthesisUtterance;

  function languageOf(voice) {
    var code = String(voice.lang || "").toLowerCase().replace("_", "-").split("-")[0];
    return code === "in" ? "id" : code;
  }

  function deviceVoice() {
    if (!synth || !Utterance || typeof synth.getVoices !== "function") { return null; }
    var voices = synth.getVoices() || [];
    for (var i = 0; i < voices.length; i++) {
      if (voices[i].localService && languageOf(voices[i]) === language) { return voices[i]; }
    }
    return null;
  }

  function spoken(element) {
    if (!element) { return ""; }
    var copy = element.cloneNode(true);
    copy.querySelectorAll("button, audio, input, [aria-hidden=true]").forEach(function (node) { node.remove(); });
    return copy.textContent.replace(/\s+/g, " ").replace(/\s*:\s*$/, "").trim();
  }

  function partsOf(box) {
    var parts = [spoken(box.querySelector(".question-text, label"))];
    box.querySelectorAll("input[type=radio], input[type=checkbox]").forEach(function (input) {
      parts.push(spoken(input.closest("label")));
    });
    box.querySelectorAll("select option").forEach(function (option) {
      if (option.value !== "") { parts.push(spoken(option)); }
    });
    return parts.filter(Boolean);
  }

  function stopAll() {
    document.querySelectorAll("audio.read-aloud__recording").forEach(function (audio) { audio.pause(); });
    if (synth && typeof synth.cancel === "function") { synth.cancel(); }
  }

  function speak(box, voice) {
    partsOf(box).forEach(function (text) {
      var utterance = new Utterance(text);
      utterance.lang = voice.lang;
      utterance.voice = voice;
      synth.speak(utterance);
    });
  }

  function recordingOf(button) {
    return button.parentNode.querySelector("audio.read-aloud__recording");
  }

  function refresh() {
    var voice = deviceVoice();
    buttons.forEach(function (button) { button.hidden = !(recordingOf(button) || voice); });
  }

  buttons.forEach(function (button) {
    button.addEventListener("click", function () {
      var box = button.closest(".question");
      var recording = recordingOf(button);
      var voice = deviceVoice();
      stopAll();
      if (recording) {
        recording.currentTime = 0;
        var playing = recording.play();
        if (playing && voice) { playing.catch(function () { speak(box, voice); }); }
      } else if (voice) {
        speak(box, voice);
      }
    });
  });

  if (synth && typeof synth.addEventListener === "function") {
    synth.addEventListener("voiceschanged", refresh);
  }
  refresh();
})();
