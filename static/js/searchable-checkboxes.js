// Crate contents (exhibition/widgets.py): a search box filters the list of works as you type.
// Works in crates added later in the form too (event delegation).
(() => {
  const show = (root) => {
    const box = root.querySelector(".searchable-checkboxes__search");
    if (box) box.hidden = false;
  };
  document.querySelectorAll("[data-searchable-checkboxes]").forEach(show);
  document.addEventListener("focusin", (event) => {
    const root = event.target.closest("[data-searchable-checkboxes]");
    if (root) show(root);
  });
  new MutationObserver(() => document.querySelectorAll("[data-searchable-checkboxes]").forEach(show))
    .observe(document.body, { childList: true, subtree: true });
  document.addEventListener("input", (event) => {
    const box = event.target.closest(".searchable-checkboxes__search");
    if (!box) return;
    const text = box.value.trim().toLowerCase();
    const root = box.closest("[data-searchable-checkboxes]");
    for (const label of root.querySelectorAll("label")) {
      const row = label.closest("div") || label;
      const checked = label.querySelector("input")?.checked;
      row.hidden = Boolean(text) && !checked && !label.textContent.toLowerCase().includes(text);
    }
  });
})();
