// Render the formulas that pymdownx.arithmatex marks up. Material's instant navigation
// swaps pages without reloading, so render again on every page change (document$).
document$.subscribe(() => {
  renderMathInElement(document.body, {
    delimiters: [
      { left: "\\(", right: "\\)", display: false },
      { left: "\\[", right: "\\]", display: true },
    ],
    throwOnError: false,
  });
});
