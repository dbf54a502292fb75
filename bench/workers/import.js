// Import cost: `node bench/workers/import.js <module> [<module> ...]` requires the modules in order,
// in this fresh process, and reports the time the requires took, the modules loaded, peak RSS and
// whether @cdktf/provider-aws got loaded. Paths starting with "dist/" are resolved in the built library
// (common.js DIST).
'use strict';
const path = require('path');
const { DIST, now, peakRssMb, providerAwsLoaded, report } = require('./common');

const specifiers = process.argv.slice(2).map((s) => (s.startsWith('dist/') ? path.join(DIST, s.slice('dist/'.length)) : s));
if (specifiers.length === 0) throw new Error('usage: import.js <module> [<module> ...]');
const before = Object.keys(require.cache).length;
const t0 = now();
for (const specifier of specifiers) require(specifier);
const ms = now() - t0;
report({
  ms,
  modules: Object.keys(require.cache).length - before,
  peakRssMb: peakRssMb(),
  providerAwsLoaded: providerAwsLoaded(),
});
