// Figures shrink to the column: on a phone a 700 px figure is drawn at half size, its text ~6 px.
// Each figure is therefore a button that opens it in a dialog at 1.25 times its natural size (labels
// 16 px, the small exponents of log axes 11 px), scrolling when larger than the screen. Esc, the close button or a click
// outside the figure closes it. Material's instant navigation swaps pages: run on each (document$).
const FIGURE_LABELS = {
  zh: { open: "放大查看图：", close: "关闭" },
  en: { open: "Enlarge figure: ", close: "Close" },
};

async function openFigure(image, labels) {
  // figures load when the reader scrolls near them (loading="lazy"): one opened before that has no size yet
  if (!image.naturalWidth) {
    image.loading = "eager";
    await image.decode().catch(() => null);
  }
  const dialog = document.createElement("dialog");
  dialog.className = "figure-dialog";
  dialog.setAttribute("aria-label", image.alt);
  const close = document.createElement("button");
  close.type = "button";
  close.className = "figure-dialog__close md-icon";
  close.textContent = "×";
  close.setAttribute("aria-label", labels.close);
  const frame = document.createElement("div");
  frame.className = "figure-dialog__frame";
  frame.tabIndex = 0; // it scrolls: the keyboard must reach it
  frame.setAttribute("aria-label", image.alt);
  const large = document.createElement("img");
  large.src = image.currentSrc || image.src;
  large.alt = image.alt;
  // larger still where the screen has room for it (up to twice the natural size)
  const fit = Math.min(2 * image.naturalWidth, window.innerWidth - 32);
  large.style.width = `${Math.max(1.25 * image.naturalWidth, fit)}px`;
  frame.append(large);
  dialog.append(close, frame);
  document.body.append(dialog);
  close.addEventListener("click", () => dialog.close());
  dialog.addEventListener("click", (event) => event.target === dialog && dialog.close());
  dialog.addEventListener("close", () => {
    dialog.remove();
    image.closest("button")?.focus();
  });
  dialog.showModal();
}

document$.subscribe(() => {
  const labels = FIGURE_LABELS[document.documentElement.lang.startsWith("zh") ? "zh" : "en"];
  for (const image of document.querySelectorAll('.md-typeset img[src*="figures/"]')) {
    if (image.closest(".figure-zoom")) continue;
    const button = document.createElement("button");
    button.type = "button";
    button.className = "figure-zoom";
    button.setAttribute("aria-label", labels.open + image.alt);
    image.replaceWith(button);
    button.append(image);
    button.addEventListener("click", () => openFigure(image, labels));
  }
});
