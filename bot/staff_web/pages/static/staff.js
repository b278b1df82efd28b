// KESCO staff page: places searched as one types, areas of the chosen district, reason
// templates, confirmations, one submit, live delivery. Its words come from the page (data-words), in the page's language.
"use strict";

const WORDS = JSON.parse(document.body.dataset.words || "{}");

function word(key, values = {}) {
  let text = WORDS[key] || key;
  for (const [name, value] of Object.entries(values)) text = text.replace(`{${name}}`, value);
  return text;
}

function showAreas() {
  const district = document.getElementById("district");
  if (!district) return;
  for (const label of document.querySelectorAll("label.area[data-district]")) {
    const visible = label.dataset.district === district.value;
    label.hidden = !visible;
    if (!visible) label.querySelector("input").checked = false;
  }
}

function allAreas() {
  for (const label of document.querySelectorAll("label.area")) {
    if (!label.hidden) label.querySelector("input").checked = true;
  }
}

// Places at any level (issue 23): what is typed is searched as it is typed (/staff/places?q=);
// a place picked from the list becomes a chip (a ticked checkbox named "places", with ✕ to
// take it away). Arrow keys move in the list, Enter picks, Escape closes it. Without this
// script the form's Search button posts the form and the page lists the matches.
function addChip(chosen, place) {
  if (chosen.querySelector(`[data-place="${CSS.escape(place.id)}"]`)) return;
  const chip = document.createElement("label");
  chip.className = "chip place";
  chip.dataset.place = place.id;
  chip.dataset.district = place.district || "";
  const box = document.createElement("input");
  box.type = "checkbox";
  box.name = "places";
  box.value = place.id;
  box.checked = true;
  const remove = document.createElement("button");
  remove.type = "button";
  remove.className = "remove";
  remove.textContent = "✕";
  remove.setAttribute("aria-label", word("take_away", { place: place.label }));
  chip.append(box, ` ${place.label} `, remove);
  chosen.append(chip);
  wireChip(chip);
}

function wireChip(chip) {
  const remove = chip.querySelector("button.remove");
  if (!remove) return;
  remove.hidden = false;
  remove.addEventListener("click", () => chip.remove());
}

function setupPlaces() {
  const box = document.getElementById("places");
  if (!box) return;
  const input = box.querySelector("#place-q");
  const results = box.querySelector("#place-results");
  const chosen = box.querySelector("#chosen-places");
  const find = box.querySelector("button.find");
  if (find) find.hidden = true;
  for (const chip of chosen.querySelectorAll(".chip")) wireChip(chip);
  let asked = 0;
  let found = [];
  let active = -1;

  function close() {
    results.replaceChildren();
    found = [];
    active = -1;
    input.removeAttribute("aria-activedescendant");
  }

  function pick(place) {
    addChip(chosen, place);
    const district = document.getElementById("district");
    if (district && !district.value && place.district) {
      district.value = place.district;
      showAreas();
    }
    input.value = "";
    close();
    input.focus();
  }

  function show(places) {
    close();
    const taken = new Set([...chosen.querySelectorAll(".chip")].map((c) => c.dataset.place));
    found = places.filter((place) => !taken.has(place.id));
    if (!found.length) {
      const none = document.createElement("li");
      none.className = "muted none";
      none.textContent = word("no_places");
      results.append(none);
      return;
    }
    found.forEach((place, index) => {
      const item = document.createElement("li");
      item.id = `place-option-${index}`;
      item.setAttribute("role", "option");
      item.dataset.place = place.id;
      const level = document.createElement("span");
      level.className = "muted";
      level.textContent = place.level_word;
      item.append(`${place.label} `, level);
      item.addEventListener("mousedown", (event) => event.preventDefault());
      item.addEventListener("click", () => pick(place));
      results.append(item);
    });
  }

  function mark(index) {
    const items = results.querySelectorAll("[role=option]");
    if (!items.length) return;
    active = (index + items.length) % items.length;
    items.forEach((item, i) => item.setAttribute("aria-selected", String(i === active)));
    input.setAttribute("aria-activedescendant", items[active].id);
  }

  async function ask() {
    const query = input.value.trim();
    const number = ++asked;
    if (!query) {
      close();
      return;
    }
    try {
      const response = await fetch(`${box.dataset.search}?q=${encodeURIComponent(query)}`, {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const body = await response.json();
      if (number === asked) show(body.places || []);
    } catch (error) {
      if (number === asked) close();
    }
  }

  let timer = 0;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(ask, 120);
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      mark(active + (event.key === "ArrowDown" ? 1 : -1));
    } else if (event.key === "Enter") {
      event.preventDefault();
      if (found.length) pick(found[Math.max(active, 0)]);
    } else if (event.key === "Escape") {
      close();
    }
  });
}

function useTemplate(button) {
  const form = button.closest("form");
  const texts = JSON.parse(button.dataset.texts);
  for (const [lang, text] of Object.entries(texts)) {
    const area = form.querySelector(`textarea[name="text_${lang}"]`);
    if (area) area.value = text;
  }
}

function guardForms() {
  for (const form of document.querySelectorAll("form")) {
    if (form.dataset.guarded) continue;
    form.dataset.guarded = "1";
    form.addEventListener("submit", (event) => {
      if (form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
        event.preventDefault();
        return;
      }
      if (form.dataset.sent) {
        event.preventDefault();
        return;
      }
      if (event.submitter && event.submitter.hasAttribute("data-once")) {
        form.dataset.sent = "1";
        const button = event.submitter;
        // disabled after the form's data is taken: a disabled button's name=value is not sent
        setTimeout(() => {
          button.disabled = true;
          button.textContent = word("sending");
        }, 0);
      }
    });
  }
}

// Chats by the state of the notice's first message (the history row counts each event).
function totals(progress) {
  return progress.counts || {};
}

function showProgress(box, progress) {
  for (const [state, count] of Object.entries(totals(progress))) {
    const cell = box.querySelector(`[data-state="${state}"]`);
    if (cell) cell.textContent = String(count);
  }
  const failures = document.querySelector(".failures");
  if (failures) {
    let any = false;
    for (const item of failures.querySelectorAll("[data-reason]")) {
      const count = (progress.failures || {})[item.dataset.reason] || 0;
      item.querySelector(".n").textContent = String(count);
      any = any || count > 0;
    }
    failures.hidden = !any;
  }
  const delivery = document.getElementById("delivery");
  if (delivery && progress.delivery) {
    const labels = JSON.parse(delivery.dataset.labels || "{}");
    delivery.textContent = labels[progress.delivery] || progress.delivery;
    delivery.className = `delivery ${progress.delivery}`;
  }
  for (const stop of document.querySelectorAll("form button.stop")) {
    stop.closest("form").hidden = !progress.stoppable;
  }
}

async function pollProgress(box) {
  const note = document.getElementById("progress-note");
  try {
    const response = await fetch(`/staff/notices/${encodeURIComponent(box.dataset.id)}/progress`, {
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const progress = await response.json();
    showProgress(box, progress);
    box.dataset.status = progress.status;
    if (progress.done) {
      box.dataset.done = "true";
      if (note) note.textContent = word("finished");
      return;
    }
    const time = new Date().toLocaleTimeString(document.documentElement.lang || undefined);
    if (note) note.textContent = word("updated", { time });
  } catch (error) {
    if (note) note.textContent = word("retrying");
  }
  setTimeout(() => pollProgress(box), 2000);
}

// Parts of a page marked data-live refresh themselves every few seconds (the board: new
// reports, delivery counts, an outage's state; a notice's history), unless the person is
// using a form inside them. Without JavaScript the page's reload link does the same.
function busy(section) {
  const active = document.activeElement;
  return Boolean(
    (active && active !== document.body && section.contains(active) && active.matches("input, textarea, select")) ||
      section.querySelector("form[data-sent]"),
  );
}

async function refreshLive() {
  const sections = [...document.querySelectorAll("[data-live][id]")];
  if (!sections.length) return;
  const note = document.getElementById("live-note");
  try {
    const response = await fetch(window.location.href, {
      credentials: "same-origin",
      cache: "no-store",
      headers: { Accept: "text/html" },
    });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const fresh = new DOMParser().parseFromString(await response.text(), "text/html");
    for (const section of sections) {
      const replacement = fresh.getElementById(section.id);
      if (replacement && !busy(section) && replacement.innerHTML !== section.innerHTML) {
        section.innerHTML = replacement.innerHTML;
      }
    }
    guardForms();
    const time = new Date().toLocaleTimeString(document.documentElement.lang || undefined);
    if (note) note.textContent = word("updated", { time });
  } catch (error) {
    if (note) note.textContent = word("retrying");
  }
}

function startLive() {
  const sections = document.querySelectorAll("[data-live][id]");
  if (!sections.length) return;
  for (const link of document.querySelectorAll("a.reload")) link.hidden = true;
  const seconds = Math.min(...[...sections].map((s) => Number(s.dataset.live) || 10));
  setInterval(refreshLive, seconds * 1000);
}

document.addEventListener("DOMContentLoaded", () => {
  const district = document.getElementById("district");
  if (district) {
    district.addEventListener("change", showAreas);
    showAreas();
  }
  const all = document.getElementById("all-areas");
  if (all) all.addEventListener("click", allAreas);
  setupPlaces();
  for (const button of document.querySelectorAll("button[data-texts]")) {
    button.addEventListener("click", () => useTemplate(button));
  }
  guardForms();
  const box = document.getElementById("progress");
  if (box && box.dataset.done !== "true") pollProgress(box);
  startLive();
});

// Places admins keep (issue 23): the places page's search answers as one types
// (/staff/places/find?q=); without the script its form's Search button does the same.
function placeItem(place) {
  const item = document.createElement("li");
  item.dataset.id = place.id;
  const link = document.createElement("a");
  link.href = `/staff/places/tree/${encodeURIComponent(place.id)}`;
  link.textContent = place.name;
  const where = document.createElement("span");
  where.className = "muted";
  where.textContent = place.path ? `${place.level} · ${place.path}` : place.level;
  item.append(link, where);
  return item;
}

function findPlacesAsTyped(form) {
  const list = document.getElementById("place-found");
  if (!list) return;
  let timer = null;
  let asked = 0;
  const ask = async () => {
    const query = form.elements.q.value.trim();
    const number = ++asked;
    if (!query) {
      list.replaceChildren();
      return;
    }
    const params = new URLSearchParams({ q: query, level: form.elements.level.value });
    try {
      const response = await fetch(`${form.dataset.find}?${params}`, {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      });
      if (!response.ok || number !== asked) return;
      const places = (await response.json()).places || [];
      const none = document.createElement("li");
      none.className = "none";
      none.textContent = list.dataset.none || "";
      list.replaceChildren(...(places.length ? places.map(placeItem) : [none]));
    } catch (error) {
      // the Search button still works
    }
  };
  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(ask, 200);
  };
  form.elements.q.addEventListener("input", later);
  form.elements.level.addEventListener("change", later);
}

document.addEventListener("DOMContentLoaded", () => {
  const form = document.querySelector("form.place-find[data-find]");
  if (form) findPlacesAsTyped(form);
});
