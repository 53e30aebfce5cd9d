// The error summary (templates/_ringkasan_galat.html): its heading takes the focus when the
// page opens, so a screen reader reads the problems first; a link to a field focuses the
// field itself (a jump to an id only scrolls) with its label in view.
document.addEventListener("DOMContentLoaded", () => {
  const ringkasan = document.querySelector("[data-ringkasan-galat]");
  if (!ringkasan) return;
  ringkasan.querySelector("h2").focus();
  ringkasan.addEventListener("click", (e) => {
    const tautan = e.target.closest("a[href^='#']");
    const kontrol = tautan && document.getElementById(tautan.hash.slice(1));
    if (!kontrol) return;
    e.preventDefault();
    const label = document.querySelector(`label[for='${CSS.escape(kontrol.id)}']`);
    (label || kontrol).scrollIntoView();
    kontrol.focus({ preventScroll: true });
  });
});
