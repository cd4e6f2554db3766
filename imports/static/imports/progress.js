// Polls the job's status from the database and moves the progress bar; reloads the page
// when the step is over. Without JavaScript the page refreshes itself (see job.html).
(function () {
  const box = document.querySelector("[data-import-status-url]");
  if (!box) return;
  const url = box.dataset.importStatusUrl;
  const bar = box.querySelector("progress");
  const text = box.querySelector("[data-import-progress-text]");
  const template = box.dataset.importProgressTemplate;
  async function poll() {
    try {
      const response = await fetch(url, { headers: { Accept: "application/json" }, cache: "no-store" });
      if (response.ok) {
        const state = await response.json();
        if (state.status !== "undoing") bar.value = state.percent; // an undo has no row count: left indeterminate
        text.textContent = template
          .replace("{percent}", state.percent)
          .replace("{done}", state.rows_done)
          .replace("{total}", state.total_rows);
        if (!state.running || state.stalled) {
          // Show the final state for a moment, then the result page.
          window.setTimeout(() => window.location.reload(), 800);
          return;
        }
      }
    } catch (error) {
      // a network hiccup: try again at the next tick
    }
    window.setTimeout(poll, 1000);
  }
  window.setTimeout(poll, 1000);
})();
