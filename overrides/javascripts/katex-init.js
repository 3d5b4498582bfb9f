// Render the formulas that pymdownx.arithmatex marks up. Material's instant navigation
// swaps pages without reloading, so render again on every page change (document$).
document$.subscribe(() => {
  renderMathInElement(document.body, {
    delimiters: [
      { left: "\\(", right: "\\)", display: false },
      { left: "\\[", right: "\\]", display: true },
    ],
    ignoredClasses: ["clipboard-copy-txt"], // mkdocs-jupyter's hidden copy of each code cell
    throwOnError: false,
  });
  document.documentElement.dataset.math = "rendered"; // tests/test_browser.py waits for this
});
