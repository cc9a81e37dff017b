// The article view: click an event (or its trigger in the text) to show its evidence and codes.
(function () {
  "use strict";
  var text = document.getElementById("article-text");
  var pane = document.querySelector(".text-pane");
  var cards = Array.prototype.slice.call(document.querySelectorAll("li.event"));
  var current = null;

  function clear() {
    text.classList.remove("focus");
    text.querySelectorAll(".sel").forEach(function (el) { el.classList.remove("sel"); });
    cards.forEach(function (card) { card.classList.remove("active"); });
    current = null;
  }

  function select(index, from) {
    if (current === index) { clear(); return; }
    clear();
    current = index;
    var segments = text.querySelectorAll('[data-ev~="' + index + '"]');
    segments.forEach(function (el) { el.classList.add("sel"); });
    if (segments.length) { text.classList.add("focus"); }
    var card = document.getElementById("ev-" + (index + 1));
    if (card) { card.classList.add("active"); }
    if (from === "card" && segments.length) {
      segments[0].scrollIntoView({ block: "center", behavior: "smooth" });
    } else if (card) {
      card.scrollIntoView({ block: "nearest", behavior: "smooth" });
    }
  }

  cards.forEach(function (card) {
    var index = Number(card.getAttribute("data-event"));
    card.addEventListener("click", function () { select(index, "card"); });
    card.addEventListener("keydown", function (e) {
      if (e.key === "Enter" || e.key === " ") { e.preventDefault(); select(index, "card"); }
    });
  });

  text.addEventListener("click", function (e) {
    var el = e.target.closest("[data-event]");
    if (el) { select(Number(el.getAttribute("data-event")), "text"); }
  });

  document.addEventListener("keydown", function (e) { if (e.key === "Escape") { clear(); } });

  document.querySelectorAll(".legend input[data-kind]").forEach(function (box) {
    var kind = box.getAttribute("data-kind");
    pane.classList.toggle("show-" + kind, box.checked);
    box.addEventListener("change", function () {
      pane.classList.toggle("show-" + kind, box.checked);
    });
  });

  // #ev-3 or #<event id> (the dashboard links to an event's first mention) selects that event.
  var wanted = decodeURIComponent(window.location.hash.slice(1));
  if (wanted) {
    var match = cards.filter(function (c) {
      return c.id === wanted || c.getAttribute("data-id") === wanted;
    })[0];
    if (match) { select(Number(match.getAttribute("data-event")), "card"); }
  }
})();
