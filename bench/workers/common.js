// Shared by the bench workers. Workers are plain CommonJS run by `node` itself (no tsx, no ts-node),
// so that a require hook or a transpiler never sits inside what is measured.
'use strict';
const path = require('path');

const ROOT = path.resolve(__dirname, '..', '..');
/** The built library under test: dist/, or BENCH_DIST (to A/B a candidate build against the same baselines). */
const DIST = process.env.BENCH_DIST ? path.resolve(ROOT, process.env.BENCH_DIST) : path.join(ROOT, 'dist');

/** Milliseconds since an arbitrary origin, sub-millisecond precision. */
function now() {
  return Number(process.hrtime.bigint()) / 1e6;
}

/** Peak resident set size of this process so far, in MB. */
function peakRssMb() {
  return process.resourceUsage().maxRSS / 1024;
}

/** Is any file of @cdktf/provider-aws in require.cache? */
function providerAwsLoaded() {
  const marker = `${path.sep}@cdktf${path.sep}provider-aws${path.sep}`;
  return Object.keys(require.cache).some((file) => file.includes(marker));
}

/** The worker's single result: one JSON line on stdout, read by bench/run.ts. */
function report(result) {
  process.stdout.write(`BENCH_RESULT ${JSON.stringify(result)}\n`);
}

module.exports = { ROOT, DIST, now, peakRssMb, providerAwsLoaded, report };
