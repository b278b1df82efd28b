// KESCO staff page: areas of the chosen district, confirmations, one submit, live delivery.
"use strict";

function showAreas() {
  const district = document.getElementById("district");
  if (!district) return;
  for (const label of document.querySelectorAll("label.area")) {
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

function guardForms() {
  for (const form of document.querySelectorAll("form")) {
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
        event.submitter.disabled = true;
        event.submitter.textContent = "Sending…";
      }
    });
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
    for (const [state, count] of Object.entries(progress.counts)) {
      const cell = box.querySelector(`[data-state="${state}"]`);
      if (cell) cell.textContent = String(count);
    }
    box.dataset.status = progress.status;
    if (progress.done) {
      box.dataset.done = "true";
      if (note) note.textContent = `Finished (${progress.status}).`;
      return;
    }
    if (note) note.textContent = `Updated ${new Date().toLocaleTimeString()}`;
  } catch (error) {
    if (note) note.textContent = `Cannot update: ${error.message}; retrying.`;
  }
  setTimeout(() => pollProgress(box), 2000);
}

document.addEventListener("DOMContentLoaded", () => {
  const district = document.getElementById("district");
  if (district) {
    district.addEventListener("change", showAreas);
    showAreas();
  }
  const all = document.getElementById("all-areas");
  if (all) all.addEventListener("click", allAreas);
  guardForms();
  const box = document.getElementById("progress");
  if (box && box.dataset.done !== "true") pollProgress(box);
});
