// Render formulas with KaTeX (node_modules/katex, from the npm lock) for hooks/formulas.py: one process per build.
// stdin:  [{"tex": "...", "display": true|false}, ...]
// stdout: [{"html": "..."} or {"error": "KaTeX's message"}, ...], in the same order
const katex = require("katex");

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", () => {
  const results = JSON.parse(input).map(({ tex, display }) => {
    try {
      // throwOnError: a formula KaTeX cannot parse fails the build instead of showing red source text
      return { html: katex.renderToString(tex, { displayMode: display, throwOnError: true }) };
    } catch (error) {
      return { error: String(error.message || error) };
    }
  });
  process.stdout.write(JSON.stringify(results));
});
