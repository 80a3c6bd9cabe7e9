// The checklist screen (exhibition/checklist.py): the "all works shown" box ticks every row.
// Without JavaScript the server reads the box itself and acts on every row shown.
document.addEventListener("change", (event) => {
  const all = event.target.closest("[data-checklist-all]");
  if (!all) return;
  for (const box of all.form.querySelectorAll('input[name="entry"]')) box.checked = all.checked;
});
