// The attendance form's "semua hadir" button: marks every participant present (the form
// already starts so; this undoes changes before saving). Without JavaScript the button
// stays hidden and the form works as it is.
document.addEventListener("DOMContentLoaded", () => {
  for (const tombol of document.querySelectorAll("[data-semua-hadir]")) {
    const form = tombol.closest("form");
    tombol.hidden = false;
    tombol.addEventListener("click", () => {
      for (const radio of form.querySelectorAll('input[type="radio"][value="hadir"]')) {
        radio.checked = true;
      }
      const status = form.querySelector("[data-semua-hadir-status]");
      if (status) status.textContent = tombol.dataset.semuaHadir;
    });
  }
});
