#!/usr/bin/env node
// Electronegativity (Doyensec's Electron security linter) over the app's sources as one app, so its
// global checks see the shell's navigation and permission handlers next to the preload and the
// renderer's page: `node scripts/electronegativity.mjs [DIR]` (default src/). Any HIGH finding (or a
// file it cannot parse) fails `npm test`; every finding is listed and written to
// test-results/electronegativity.csv. Offline, its look-up of translations fails with a notice
// and the checks run all the same.
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const run = require('@doyensec/electronegativity');
const root = fileURLToPath(new URL('..', import.meta.url));
const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
const input = resolve(process.argv[2] ?? join(root, 'src'));

/** Check → why it is left out. Nothing else is. */
const EXCLUDED = {
  // Compares the Electron version of a package.json in the input (src/ has none) with Electron's
  // releases fetched from the network without a time limit: it would find nothing here, and could
  // stall `npm test` on a network that drops packets. Electron's version is kept current through npm.
  AvailableSecurityFixesGlobalCheck: 'needs the network, and a package.json that src/ does not have',
};

mkdirSync(join(root, 'test-results'), { recursive: true });
const result = await run({
  input,
  output: join(root, 'test-results', 'electronegativity.csv'),
  isSarif: false,
  customScan: [],
  excludeFromScan: Object.keys(EXCLUDED).map((check) => check.toLowerCase()),
  severitySet: 'informational',
  confidenceSet: 'tentative',
  isRelative: true,
  parserPlugins: [],
  electronVersionOverride: electronVersion,
});

const unparsed = result.errors.filter((error) => !error.tolerable);
for (const error of unparsed) console.error(`electronegativity: could not parse ${error.file}: ${error.message}`);
let high = 0;
for (const issue of result.issues) {
  const where = issue.location.line > 0 ? `${issue.file}:${issue.location.line}` : '(the app as a whole)';
  console.log(`${issue.severity.name.padEnd(13)} ${issue.confidence.name.padEnd(9)} ${issue.id.padEnd(40)} ${where}${issue.manualReview ? ' (review)' : ''}`);
  if (issue.severity.name === 'HIGH') high += 1;
}
if (high > 0 || unparsed.length > 0) {
  console.error(`electronegativity: ${high} HIGH finding(s), ${unparsed.length} file(s) not parsed, in ${input}`);
  process.exit(1);
}
console.log(`electronegativity: ${result.issues.length} finding(s), none HIGH, in ${input} (Electron ${electronVersion}, ${result.atomicChecks} atomic and ${result.globalChecks} global checks)`);
