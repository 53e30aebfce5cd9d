// Layout checks of one page on a phone (tests/browser/test_ponsel.py), evaluated as
// `page.evaluate(<this file>, opsi)`. Returns plain data; the test turns it into messages.
//
// opsi.kunci: null, or how to find a table's key columns: {judul: [header texts]} or
// {angka: true} (the first column and every column whose header is .text-end, the number
// columns of the report tables).
(opsi) => {
  const doc = document.documentElement;
  const lebar = doc.clientWidth;
  const TARGET =
    'a[href], button, input:not([type="hidden"]), select, textarea, summary, [role="button"]';
  const MIN = 24;
  const EPS = 0.05;

  // Everything a user can reveal counts: open every <details> and the collapsed main menu.
  for (const d of document.querySelectorAll("details")) d.open = true;
  for (const c of document.querySelectorAll(".navbar-collapse")) c.classList.add("show");

  const nama = (el) => {
    const bagian = [];
    for (let e = el; e && e !== document.body && bagian.length < 4; e = e.parentElement) {
      let s = e.tagName.toLowerCase();
      if (e.id) s += "#" + e.id;
      const kelas = [...e.classList].slice(0, 3);
      if (kelas.length) s += "." + kelas.join(".");
      bagian.unshift(s);
    }
    const teks = (el.innerText || el.value || el.getAttribute("aria-label") || "")
      .trim()
      .replace(/\s+/g, " ")
      .slice(0, 40);
    return bagian.join(" > ") + (teks ? ` "${teks}"` : "");
  };
  // The nearest ancestor that clips or scrolls horizontal overflow (so its overflow does not
  // widen the page), or null.
  const pemotong = (el) => {
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      if (getComputedStyle(p).overflowX !== "visible") return p;
    }
    return null;
  };
  const bulat = (x) => Math.round(x * 10) / 10;

  // 1. The page itself scrolls sideways: the widest elements that stick out past the edges.
  const melebar = [];
  if (doc.scrollWidth > lebar) {
    for (const el of document.body.querySelectorAll("*")) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if ((r.right > lebar + 0.5 || r.left < -0.5) && !pemotong(el)) {
        melebar.push({ lebar: bulat(r.width), kiri: bulat(r.left), kanan: bulat(r.right), el: nama(el) });
      }
    }
    melebar.sort((a, b) => b.lebar - a.lebar);
  }

  // 2. Tap targets smaller than 24 x 24 outside WCAG 2.2 SC 2.5.8's exceptions.
  const target = [];
  for (const el of document.querySelectorAll(TARGET)) {
    const r = el.getBoundingClientRect();
    if (r.width <= 1 || r.height <= 1) continue; // not rendered, or visually hidden
    const gaya = getComputedStyle(el);
    if (gaya.visibility === "hidden" || gaya.pointerEvents === "none") continue;
    if (el.closest("[inert]")) continue;
    target.push({ el, r, kecil: r.width < MIN - EPS || r.height < MIN - EPS });
  }
  // "Inline": a link in a sentence, its size set by the line-height of the text around it.
  const blok = (el) => {
    let p = el.parentElement;
    while (p && getComputedStyle(p).display.startsWith("inline")) p = p.parentElement;
    return p;
  };
  const dalamKalimat = (el) => {
    if (getComputedStyle(el).display !== "inline") return false;
    const b = blok(el);
    if (!b) return false;
    const jalan = document.createTreeWalker(b, NodeFilter.SHOW_TEXT);
    let teks = "";
    for (let n = jalan.nextNode(); n; n = jalan.nextNode()) {
      const induk = n.parentElement;
      if (induk.closest(TARGET)) continue;
      if (induk.closest(".visually-hidden, [hidden], [aria-hidden='true']")) continue;
      teks += " " + n.textContent;
    }
    return /\p{L}{2,}/u.test(teks);
  };
  const pusat = (r) => [r.left + r.width / 2, r.top + r.height / 2];
  const jarakKeKotak = ([x, y], r) => {
    const dx = Math.max(r.left - x, 0, x - r.right);
    const dy = Math.max(r.top - y, 0, y - r.bottom);
    return Math.hypot(dx, dy);
  };
  const kecil = [];
  for (const t of target) {
    if (!t.kecil || dalamKalimat(t.el)) continue;
    // "Spacing": a 24 px circle centred on the target touches no other target and no other
    // undersized target's circle.
    const c = pusat(t.r);
    let bentrok = null;
    for (const u of target) {
      if (u === t || u.el.contains(t.el) || t.el.contains(u.el)) continue;
      if (jarakKeKotak(c, u.r) < MIN / 2 - EPS) bentrok = u;
      else if (u.kecil) {
        const [x, y] = pusat(u.r);
        if (Math.hypot(x - c[0], y - c[1]) < MIN - EPS) bentrok = u;
      }
      if (bentrok) break;
    }
    if (bentrok) {
      kecil.push({
        el: nama(t.el),
        ukuran: `${bulat(t.r.width)}x${bulat(t.r.height)}`,
        dekat: nama(bentrok.el),
      });
    }
  }

  // 3. The key columns of the listed tables: every cell in them shown, and inside the
  // viewport and every clipping box without scrolling anything sideways.
  const kunci = [];
  if (opsi.kunci) {
    for (const tabel of document.querySelectorAll("main table")) {
      const tr = tabel.getBoundingClientRect();
      if (tr.width === 0 && tr.height === 0) continue;
      // Column positions of every cell, rowspan and colspan included.
      const terisi = [];
      const posisi = new Map();
      [...tabel.rows].forEach((baris, i) => {
        terisi[i] = terisi[i] || [];
        let k = 0;
        for (const sel of baris.cells) {
          while (terisi[i][k]) k++;
          posisi.set(sel, [k, k + sel.colSpan - 1]);
          for (let di = 0; di < sel.rowSpan; di++) {
            terisi[i + di] = terisi[i + di] || [];
            for (let dk = 0; dk < sel.colSpan; dk++) terisi[i + di][k + dk] = true;
          }
          k += sel.colSpan;
        }
      });
      const kepala = tabel.tHead ? [...tabel.tHead.querySelectorAll("th")] : [];
      const kolom = new Set();
      for (const th of kepala) {
        const [a, b] = posisi.get(th);
        const judul = th.textContent.trim().replace(/\s+/g, " ");
        const ya = opsi.kunci.angka
          ? a === 0 || th.classList.contains("text-end")
          : opsi.kunci.judul.includes(judul);
        if (ya) for (let k = a; k <= b; k++) kolom.add(k);
      }
      if (!kolom.size) continue;
      for (const bagian of [...tabel.tBodies, tabel.tFoot].filter(Boolean)) {
        for (const baris of bagian.rows) {
          for (const sel of baris.cells) {
            const [a, b] = posisi.get(sel);
            let ya = false;
            for (let k = a; k <= b; k++) ya ||= kolom.has(k);
            if (!ya) continue;
            const r = sel.getBoundingClientRect();
            let salah = null;
            if (r.width === 0 || r.height === 0) salah = "tidak tampil";
            else if (r.left < -0.5 || r.right > lebar + 0.5) salah = `di luar layar (${bulat(r.left)}–${bulat(r.right)})`;
            else {
              for (let p = sel.parentElement; p && p !== document.body; p = p.parentElement) {
                if (getComputedStyle(p).overflowX === "visible") continue;
                const q = p.getBoundingClientRect();
                if (r.left < q.left - 0.5 || r.right > q.right + 0.5) {
                  salah = `tersembunyi di balik geseran ${nama(p)}`;
                  break;
                }
              }
            }
            if (salah) {
              const judul = kepala.find((th) => posisi.get(th)[0] <= a && a <= posisi.get(th)[1]);
              kunci.push({
                tabel: nama(tabel),
                kolom: judul ? judul.textContent.trim().replace(/\s+/g, " ") : String(a),
                sel: nama(sel),
                salah,
              });
              break; // one cell a row is enough to tell
            }
          }
        }
      }
    }
  }

  return { scrollWidth: doc.scrollWidth, clientWidth: lebar, melebar: melebar.slice(0, 3), kecil, kunci };
}
