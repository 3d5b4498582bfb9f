// Accessibility fixes that need the rendered page. Material's instant navigation swaps pages without
// reloading: run on every page (document$), and again when the window is resized (a phone turned).
const SITE_LABELS = {
  zh: {
    formula: "公式（可左右滚动）", table: "表格（可左右滚动）", code: "代码（可左右滚动）",
    output: "输出（可左右滚动）", other: "可左右滚动的内容",
  },
  en: {
    formula: "Formula (scrolls sideways)", table: "Table (scrolls sideways)", code: "Code (scrolls sideways)",
    output: "Output (scrolls sideways)", other: "Content that scrolls sideways",
  },
};
const FOCUSABLE = "a[href], button, input, select, textarea, [tabindex]";

// A region that scrolls sideways must be reachable by keyboard to be scrolled (arrow keys), unless
// something inside it already is: formulas wider than a phone, wide tables, notebook code and output, and
// code blocks on touch screens (Material makes them focusable only where the device can hover, and takes
// tabindex away again when it measures them, see below).
function focusScrollingRegions() {
  const labels = SITE_LABELS[document.documentElement.lang.startsWith("zh") ? "zh" : "en"];
  const content = document.querySelector(".md-content");
  if (!content) return;
  for (const element of content.querySelectorAll("div, pre, pre > code, .katex-display")) {
    const marked = element.hasAttribute("data-scrolls");
    const scrolls = element.scrollWidth > element.clientWidth + 1 &&
      ["auto", "scroll"].includes(getComputedStyle(element).overflowX);
    if (scrolls && (marked || !(element.querySelector(FOCUSABLE) || element.hasAttribute("aria-label")))) {
      // focusable, and named, so that a screen reader says what the focus landed on
      const kind = element.matches(".arithmatex, .katex-display") ? "formula"
        : element.querySelector("table") ? "table" : element.closest(".jp-OutputArea-output") ? "output"
          : element.matches("code, pre") || element.closest(".highlight-ipynb") ? "code" : "other";
      element.tabIndex = 0;
      element.setAttribute("role", "group");
      element.setAttribute("aria-label", labels[kind]);
      element.setAttribute("data-scrolls", "");
      showHiddenEdges(element);
    } else if (!scrolls && marked) {
      for (const name of ["tabindex", "role", "aria-label", "data-scrolls", "data-more-left", "data-more-right"]) {
        element.removeAttribute(name);
      }
    }
  }
}

// Mark the edges beyond which a region has more to show (site.css draws a shadow there), as it scrolls.
function showHiddenEdges(element) {
  const update = () => {
    const hidden = element.scrollWidth - element.clientWidth;
    element.toggleAttribute("data-more-left", element.scrollLeft > 1);
    element.toggleAttribute("data-more-right", element.scrollLeft < hidden - 1);
  };
  if (!element.siteEdges) element.addEventListener("scroll", (element.siteEdges = update), { passive: true });
  update();
}

// Material's toolbar above each code block (copy button) is a <nav>: one unnamed navigation landmark per
// block, which fills a screen reader's list of landmarks. It holds buttons, not navigation: role none
// (allowed on nav) drops the landmark and keeps the buttons.
function unlandmarkCodeToolbars() {
  for (const nav of document.querySelectorAll("nav.md-code__nav")) nav.setAttribute("role", "none");
}

// The widgets' script and style (hooks/widgets.py) are fetched only by the pages that have a widget, so the
// other pages stay light. They sit beside this file in the site, wherever the site is published.
const SITE_SCRIPTS = new URL(".", document.currentScript.src);

function loadWidgets() {
  if (!document.querySelector("[data-widget]") || document.getElementById("widgets-script")) return;
  const style = document.createElement("link");
  style.rel = "stylesheet";
  style.href = new URL("../stylesheets/widgets.css", SITE_SCRIPTS).href;
  const script = document.createElement("script");
  script.id = "widgets-script";
  script.src = new URL("widgets.js", SITE_SCRIPTS).href;
  document.head.append(style, script);
}

document$.subscribe(() => {
  loadWidgets();
  unlandmarkCodeToolbars();
  focusScrollingRegions(); // the formulas are HTML already (hooks/formulas.py)
  // KaTeX's stylesheet is in the content: after instant navigation it may load after this, and widen formulas
  for (const sheet of document.querySelectorAll(".md-content link[rel=stylesheet]")) {
    sheet.addEventListener("load", focusScrollingRegions, { once: true });
  }
});
// KaTeX's fonts load once the formulas are laid out, and change their widths: measure again then.
document.fonts.addEventListener("loadingdone", focusScrollingRegions);

// Material removes tabindex from code blocks on touch screens whenever it measures them: put it back.
new MutationObserver((changes) => {
  for (const { target } of changes) {
    if (target.hasAttribute("data-scrolls") && !target.hasAttribute("tabindex")) target.tabIndex = 0;
  }
}).observe(document.body, { subtree: true, attributes: true, attributeFilter: ["tabindex"] });

let resizeTimer;
window.addEventListener("resize", () => {
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(focusScrollingRegions, 200);
});
