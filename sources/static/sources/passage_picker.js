"use strict";
// The passage picker of a citation form: the editor types a few words of the article in "Find in the article",
// picks one of the occurrences listed, and the sentence around it fills "Passage" (which they may trim), with
// its offsets in the hidden start/end. The server finds the passage again at that place, so the offsets are only
// a hint; without this script the editor types the passage and the server finds it.
(function () {
  const DELAY_MS = 250; // typing pauses this long before a search goes out

  const timers = new WeakMap();

  function citationForm(element) {
    // One citation: a form of the inline, or the citation's own page.
    return element.closest(".inline-related") || element.form;
  }

  function input(container, name) {
    return container.querySelector(`[name$="-${name}"], [name="${name}"]`);
  }

  function parts(finder) {
    const box = finder.closest(".passage-finder-box");
    return { options: box.querySelector(".passage-options"), status: box.querySelector(".passage-status") };
  }

  function say(finder, message) {
    const { options, status } = parts(finder);
    options.replaceChildren();
    status.textContent = message;
  }

  function choose(finder, occurrence) {
    const container = citationForm(finder);
    const passage = input(container, "passage");
    passage.value = occurrence.before + occurrence.match + occurrence.after;
    input(container, "start").value = occurrence.start;
    input(container, "end").value = occurrence.end;
    say(finder, "Passage chosen: you may trim it to the words that support the fact.");
    passage.focus();
  }

  function option(finder, occurrence) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "passage-option";
    const match = document.createElement("mark");
    match.textContent = occurrence.match;
    button.append(occurrence.before, match, occurrence.after);
    button.addEventListener("click", () => choose(finder, occurrence));
    return button;
  }

  async function search(finder) {
    const words = finder.value.trim();
    if (words.length < Number(finder.dataset.minLength)) {
      say(finder, "");
      return;
    }
    const article = input(citationForm(finder), "article");
    if (!article || !article.value) {
      say(finder, "Choose the article first.");
      return;
    }
    const url = new URL(finder.dataset.url, window.location.href);
    url.searchParams.set("article", article.value);
    url.searchParams.set("q", words);
    let found;
    try {
      const response = await fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } });
      if (!response.ok) {
        throw new Error(response.statusText);
      }
      found = await response.json();
    } catch (error) {
      say(finder, "The article could not be searched; type the passage instead.");
      return;
    }
    if (finder.value.trim() !== words) {
      return; // the editor typed on: a newer search answers
    }
    const { options, status } = parts(finder);
    const count = found.occurrences.length;
    if (count === 0) {
      say(finder, "Not found in this article.");
      return;
    }
    options.replaceChildren(...found.occurrences.map((occurrence) => option(finder, occurrence)));
    status.textContent =
      (count === 1 ? "1 occurrence" : `${count} occurrences`) +
      (found.more ? " shown; type more words to find the others." : ": pick one.");
  }

  function later(finder) {
    clearTimeout(timers.get(finder));
    timers.set(finder, setTimeout(() => search(finder), DELAY_MS));
  }

  document.addEventListener("input", (event) => {
    if (event.target.matches("input.passage-finder")) {
      later(event.target);
    }
  });
  document.addEventListener("keydown", (event) => {
    // Enter searches now; in a text input it would otherwise submit the whole record.
    if (event.key === "Enter" && event.target.matches("input.passage-finder")) {
      event.preventDefault();
      clearTimeout(timers.get(event.target));
      search(event.target);
    }
  });
})();
