// `npm run bench`: what the library costs next to the raw resources it wraps, measured side by side
// in one run. Every sample is one fresh Node process (bench/workers/*.js, plain CommonJS run by `node`
// against the BUILT dist/, so no transpiler or require hook is inside a measurement); cases of a group
// alternate (and the order flips every round), so that drift of the machine hits both sides alike.
// Ratios are median over median (results.json also has the median of per-round ratios). Writes
// bench/results.json and prints a markdown table for the README, and PASS/FAIL for the budgets of
// issue 5 (exit code 1 when one fails). Figures from a busy machine are flagged: rerun when quiet.
//
//   npm run bench                      build, then everything (a few minutes on 2 cores)
//   npm run bench -- --no-build        use the existing dist/
//   npm run bench -- --no-tests        skip timing the test suite
//   npm run bench -- --runs 3          samples per case (default 7; the fleet: 5 at 10 clusters, 3 at 100)
//   BENCH_DIST=path npm run bench      measure another build of the library (e.g. a candidate fix) against the same baselines
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import { builtinModules } from 'module';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..');
const WORKERS = path.join(__dirname, 'workers');
const RESULTS_FILE = path.join(__dirname, 'results.json');
// The built library under test (as in bench/workers/common.js): dist/, or BENCH_DIST to A/B a candidate build.
const DIST = process.env.BENCH_DIST ? path.resolve(ROOT, process.env.BENCH_DIST) : path.join(ROOT, 'dist');

// ---- budgets (issue 5)
const BUDGET = {
  rootImportRatio: 1.25,
  kpsSynthRatioAt100: 1.3,
  fleetGrowth: 11,
  fleetRssMb: 1024,
  testSeconds: 60,
};

// ---- command line
const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const runsArg = args.indexOf('--runs');
const runsOverride = runsArg >= 0 ? Number(args[runsArg + 1]) : undefined;
if (runsOverride !== undefined && !(Number.isInteger(runsOverride) && runsOverride >= 1)) {
  throw new Error('--runs needs a positive integer');
}
const runs = (n: number) => runsOverride ?? n;

// ---- statistics
interface Stats { min: number; median: number; max: number; samples: number[] }

function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { min: sorted[0], median, max: sorted[sorted.length - 1], samples: samples.map(round) };
}

function round(x: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

// ---- workers
interface WorkerResult { [key: string]: number | boolean | string }

interface Case {
  name: string;
  script: string;
  args: () => string[];
  runs: number;
}

function workerEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, CHECKPOINT_DISABLE: '1' };
  // tsx (which runs this file) must not leak a loader into the measured processes.
  if (env.NODE_OPTIONS && /tsx/.test(env.NODE_OPTIONS)) delete env.NODE_OPTIONS;
  for (const key of Object.keys(env)) if (key.startsWith('CDKTF_')) delete env[key];
  return env;
}

function runWorker(script: string, workerArgs: string[]): WorkerResult {
  const out = execFileSync(process.execPath, [path.join(WORKERS, script), ...workerArgs], {
    cwd: ROOT,
    env: workerEnv(),
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const line = out.split('\n').find((l) => l.startsWith('BENCH_RESULT '));
  if (!line) throw new Error(`${script} ${workerArgs.join(' ')} printed no BENCH_RESULT:\n${out}`);
  return JSON.parse(line.slice('BENCH_RESULT '.length));
}

/** One warm-up sample of each case (discarded: it fills the file cache), then alternating rounds. */
function measure(cases: Case[]): Map<string, WorkerResult[]> {
  const results = new Map<string, WorkerResult[]>(cases.map((c) => [c.name, []]));
  const once = (c: Case) => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdktf-bench-'));
    try {
      return runWorker(c.script, c.args().map((a) => (a === '$OUTDIR' ? outdir : a)));
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  };
  for (const c of cases) once(c);
  const rounds = Math.max(...cases.map((c) => c.runs));
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? cases : [...cases].reverse();
    for (const c of order) {
      if (results.get(c.name)!.length >= c.runs) continue;
      results.get(c.name)!.push(once(c));
      process.stdout.write('.');
    }
  }
  process.stdout.write('\n');
  return results;
}

const field = (results: WorkerResult[], key: string) => stats(results.map((r) => Number(r[key])));
const anyTrue = (results: WorkerResult[], key: string) => results.some((r) => r[key] === true);

// ---- what the eks entry imports: external requires of dist/eks, followed through relative requires
function externalRequires(entry: string): string[] {
  const seen = new Set<string>();
  const external = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = fs.readFileSync(file, 'utf8');
    for (const match of source.matchAll(/\brequire\("([^"]+)"\)/g)) {
      const specifier = match[1];
      if (specifier.startsWith('.')) visit(require.resolve(path.resolve(path.dirname(file), specifier)));
      else if (!builtinModules.includes(specifier.replace(/^node:/, ''))) external.add(specifier);
    }
  };
  visit(entry);
  return [...external].sort();
}

// ---- how busy the machine is with other work: all CPU time used, minus this process and its children
function machineBusySeconds(): number {
  return os.cpus().reduce((sum, cpu) => sum + cpu.times.user + cpu.times.nice + cpu.times.sys + cpu.times.irq, 0) / 1000;
}
function ownCpuSeconds(): number | undefined {
  try {
    // /proc/self/stat fields 14-17: utime, stime, cutime, cstime (children waited for), in clock ticks
    const fields = fs.readFileSync('/proc/self/stat', 'utf8').replace(/^.*\) /, '').split(' ');
    return fields.slice(11, 15).reduce((sum, f) => sum + Number(f), 0) / 100;
  } catch {
    return undefined;
  }
}

// ---- the run
const started = Date.now();
const loadBefore = os.loadavg();
const busyBefore = machineBusySeconds();
const ownBefore = ownCpuSeconds();
const log = (message: string) => console.log(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(3)} s] ${message}`);

if (!flag('--no-build')) {
  log('npm run build');
  const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (build.status !== 0) {
    console.error(build.stdout, build.stderr);
    throw new Error('npm run build failed: the benchmark measures the built dist/');
  }
}
if (!fs.existsSync(path.join(DIST, 'index.js'))) throw new Error(`${path.join(DIST, 'index.js')} is missing: run \`npm run build\` first`);
const hasEks = fs.existsSync(path.join(DIST, 'eks/index.js'));

const ROOT_BASELINE = ['cdktf', '@cdktf/provider-helm/lib/provider', '@cdktf/provider-helm/lib/release', 'yaml'];
const eksBaseline = hasEks ? externalRequires(path.join(DIST, 'eks/index.js')) : [];
if (hasEks && eksBaseline.some((m) => m === '@cdktf/provider-aws' || m === '@cdktf/provider-aws/lib')) {
  throw new Error('dist/eks imports the @cdktf/provider-aws barrel');
}

// 1. import cost
log(`import cost (${hasEks ? 'root and eks entries' : 'root entry; dist/eks not built yet'})`);
const importCases: Case[] = [
  { name: 'root', script: 'import.js', args: () => ['dist/index.js'], runs: runs(7) },
  { name: 'root-baseline', script: 'import.js', args: () => ROOT_BASELINE, runs: runs(7) },
  ...(hasEks ? [
    { name: 'eks', script: 'import.js', args: () => ['dist/eks/index.js'], runs: runs(7) },
    { name: 'eks-baseline', script: 'import.js', args: () => eksBaseline, runs: runs(7) },
  ] : []),
];
const imports = measure(importCases);

// 2. synth cost
const SYNTH_SIZES = [1, 10, 100];
log('synth cost: KubePrometheusStack against a raw Release, N = 1, 10, 100 stacks');
const synthCases: Case[] = SYNTH_SIZES.flatMap((n) => (['kps', 'raw'] as const).map((variant) => ({
  name: `${variant}-${n}`,
  script: 'synth.js',
  args: () => [variant, String(n), '$OUTDIR'],
  runs: runs(7),
})));
const synth = measure(synthCases);

// 3. fleet
const FLEET_SIZES = [10, 100];
let fleet: Map<string, WorkerResult[]> | undefined;
let fleetError: string | undefined;
if (hasEks) {
  log('fleet: HybridEksCluster + helmProvider + KubePrometheusStack, 10 and 100 stacks');
  try {
    fleet = measure(FLEET_SIZES.map((n) => ({
      name: `fleet-${n}`,
      script: 'synth.js',
      args: () => ['fleet', String(n), '$OUTDIR'],
      runs: runs(n >= 100 ? 3 : 5),
    })));
  } catch (error) {
    // lib/eks is young: report its failure without losing the other figures.
    fleetError = String((error as { stderr?: string }).stderr || error).split('\n').slice(0, 12).join('\n');
    console.error(`fleet failed:\n${fleetError}`);
  }
} else {
  fleetError = 'dist/eks not built';
}

// 4. the test suite
interface SuiteTime { file: string; seconds: number }
let tests: { seconds: number; status: number | null; summary: string; slowestSuites: SuiteTime[] } | undefined;
if (!flag('--no-tests')) {
  log('test suite: jest (what `npm test` runs), once');
  const jestJson = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cdktf-bench-jest-')), 'results.json');
  const t0 = process.hrtime.bigint();
  const run = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/jest/bin/jest.js'), '--json', `--outputFile=${jestJson}`], {
    cwd: ROOT,
    env: workerEnv(),
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 256 * 1024 * 1024,
  });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const output = `${run.stdout}\n${run.stderr}`;
  const summary = ['Test Suites:', 'Tests:'].map((label) => output.split('\n').find((l) => l.startsWith(label)) ?? '').filter(Boolean).join('; ');
  let slowestSuites: SuiteTime[] = [];
  try {
    const report = JSON.parse(fs.readFileSync(jestJson, 'utf8')) as { testResults: { name: string; startTime: number; endTime: number }[] };
    slowestSuites = report.testResults
      .map((r) => ({ file: path.relative(ROOT, r.name), seconds: round((r.endTime - r.startTime) / 1000) }))
      .sort((a, b) => b.seconds - a.seconds)
      .slice(0, 8);
  } catch {
    // no per-suite times: jest failed before writing them
  }
  fs.rmSync(path.dirname(jestJson), { recursive: true, force: true });
  tests = { seconds, status: run.status, summary, slowestSuites };
}

// ---- figures
const ms = (s: Stats) => `${s.median.toFixed(0)} ms (${s.min.toFixed(0)}–${s.max.toFixed(0)})`;
const mb = (s: Stats) => `${s.median.toFixed(0)} MB`;
const ratio = (a: Stats, b: Stats) => a.median / b.median;
/** Median of the per-round ratios: samples of one round ran back to back, so this cancels slow drift too. */
const pairedRatio = (a: Stats, b: Stats) => stats(a.samples.slice(0, b.samples.length).map((x, i) => x / b.samples[i])).median;
const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');

const importFigures = Object.fromEntries([...imports].map(([name, results]) => [name, {
  ms: field(results, 'ms'),
  modules: field(results, 'modules').median,
  peakRssMb: field(results, 'peakRssMb'),
  providerAwsLoaded: anyTrue(results, 'providerAwsLoaded'),
}]));
/** The figures of one synth-like case (the kps/raw apps and the fleet report the same fields). */
const synthCaseFigures = (results: WorkerResult[]) => ({
  ms: field(results, 'ms'),
  buildMs: field(results, 'buildMs'),
  synthMs: field(results, 'synthMs'),
  requireMs: field(results, 'requireMs'),
  peakRssMb: field(results, 'peakRssMb'),
  outputBytes: field(results, 'outputBytes').median,
});
const synthFigures = Object.fromEntries([...synth].map(([name, results]) => [name, {
  ...synthCaseFigures(results),
  providerAwsLoaded: anyTrue(results, 'providerAwsLoaded'),
}]));
const fleetFigures = fleet && Object.fromEntries([...fleet].map(([name, results]) => [name, {
  ...synthCaseFigures(results),
  kpsHasClusterProp: anyTrue(results, 'kpsHasClusterProp'),
}]));

const rootRatio = ratio(importFigures.root.ms, importFigures['root-baseline'].ms);
const eksRatio = hasEks ? ratio(importFigures.eks.ms, importFigures['eks-baseline'].ms) : undefined;
const synthRatios = Object.fromEntries(SYNTH_SIZES.map((n) => [n, ratio(synthFigures[`kps-${n}`].ms, synthFigures[`raw-${n}`].ms)]));
const synthPairedRatios = Object.fromEntries(SYNTH_SIZES.map((n) => [n, pairedRatio(synthFigures[`kps-${n}`].ms, synthFigures[`raw-${n}`].ms)]));
const fleetGrowth = fleetFigures && ratio(fleetFigures['fleet-100'].ms, fleetFigures['fleet-10'].ms);
const rootLoadsAws = importFigures.root.providerAwsLoaded
  || SYNTH_SIZES.some((n) => synthFigures[`kps-${n}`].providerAwsLoaded);

const budgets = [
  { budget: `root entry ≤ ${BUDGET.rootImportRatio}× its baseline`, value: `${rootRatio.toFixed(2)}×`, pass: rootRatio <= BUDGET.rootImportRatio },
  { budget: 'root entry never loads @cdktf/provider-aws (import, and synth with KubePrometheusStack)', value: rootLoadsAws ? 'loaded' : 'not loaded', pass: !rootLoadsAws },
  { budget: `KubePrometheusStack synth ≤ ${BUDGET.kpsSynthRatioAt100}× raw Release at N = 100`, value: `${synthRatios[100].toFixed(2)}×`, pass: synthRatios[100] <= BUDGET.kpsSynthRatioAt100 },
  ...(fleetFigures && fleetGrowth !== undefined ? [
    { budget: `fleet t(100)/t(10) ≤ ${BUDGET.fleetGrowth}`, value: fleetGrowth.toFixed(1), pass: fleetGrowth <= BUDGET.fleetGrowth },
    { budget: 'fleet peak RSS < 1 GB at 100 clusters', value: `${fleetFigures['fleet-100'].peakRssMb.max.toFixed(0)} MB (max)`, pass: fleetFigures['fleet-100'].peakRssMb.max < BUDGET.fleetRssMb },
  ] : [
    { budget: 'fleet (HybridEksCluster)', value: `pending: ${fleetError}`, pass: false },
  ]),
  ...(tests ? [{
    budget: `npm test < ${BUDGET.testSeconds} s`,
    value: `${tests.seconds.toFixed(1)} s${tests.status === 0 ? '' : ` (the suite FAILED, exit ${tests.status})`}`,
    pass: tests.seconds < BUDGET.testSeconds,
  }] : []),
];

const benchSeconds = (Date.now() - started) / 1000;
const ownAfter = ownCpuSeconds();
const othersCpuShare = ownBefore !== undefined && ownAfter !== undefined
  ? Math.max(0, (machineBusySeconds() - busyBefore - (ownAfter - ownBefore)) / (benchSeconds * os.cpus().length))
  : undefined;
const cpus = os.cpus();
const machine = {
  cpu: cpus[0]?.model ?? 'unknown',
  cores: cpus.length,
  memoryGb: round(os.totalmem() / 1024 ** 3),
  platform: `${os.platform()} ${os.release()} ${os.arch()}`,
  node: process.version,
  date: new Date().toISOString(),
  loadAverageBefore: loadBefore.map((x) => round(x, 2)),
  loadAverageAfter: os.loadavg().map((x) => round(x, 2)),
  /** Share of the machine's CPU time other processes used during the bench (0 = quiet). */
  othersCpuShare: othersCpuShare === undefined ? undefined : round(othersCpuShare, 2),
};
const git = (gitArgs: string[]) => {
  try { return execFileSync('git', gitArgs, { cwd: ROOT, encoding: 'utf8' }).trim(); } catch { return undefined; }
};

// ---- the markdown table
const lines: string[] = [];
lines.push(`Measured ${machine.date.slice(0, 10)} on ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GB, Node ${machine.node}`
  + ` (\`npm run bench\`, ${benchSeconds.toFixed(0)} s). Median (min–max) of fresh processes, cases alternating.`);
lines.push('');
lines.push('| what | this library | baseline | ratio | budget |');
lines.push('|---|---|---|---|---|');
lines.push(`| \`require('cdktf-eks-monitoring')\` | ${ms(importFigures.root.ms)} | ${ms(importFigures['root-baseline'].ms)}: cdktf, helm provider + release, yaml | ${rootRatio.toFixed(2)}× | ≤ ${BUDGET.rootImportRatio}×, no provider-aws: ${verdict(budgets[0].pass && budgets[1].pass)} |`);
if (hasEks && eksRatio !== undefined) {
  const aws = eksBaseline.filter((m) => m.startsWith('@cdktf/provider-aws/')).length;
  lines.push(`| \`require('cdktf-eks-monitoring/eks')\` | ${ms(importFigures.eks.ms)} | ${ms(importFigures['eks-baseline'].ms)}: cdktf, ${aws} provider-aws deep imports, helm provider | ${eksRatio.toFixed(2)}× | – |`);
} else {
  lines.push('| `require(\'cdktf-eks-monitoring/eks\')` | pending (lib/eks not built) | | | – |');
}
for (const n of SYNTH_SIZES) {
  const k = synthFigures[`kps-${n}`];
  const r = synthFigures[`raw-${n}`];
  lines.push(`| synth, ${n} stack${n > 1 ? 's' : ''} with KubePrometheusStack | ${ms(k.ms)}, ${mb(k.peakRssMb)} | ${ms(r.ms)}, ${mb(r.peakRssMb)}: raw \`Release\`, same values as literal YAML | ${synthRatios[n].toFixed(2)}× | ${n === 100 ? `≤ ${BUDGET.kpsSynthRatioAt100}×: ${verdict(budgets[2].pass)}` : '–'} |`);
}
if (fleetFigures && fleetGrowth !== undefined) {
  const f10 = fleetFigures['fleet-10'];
  const f100 = fleetFigures['fleet-100'];
  lines.push(`| fleet synth, 10 stacks of HybridEksCluster + helmProvider + KubePrometheusStack | ${ms(f10.ms)}, ${mb(f10.peakRssMb)} | | | |`);
  lines.push(`| fleet synth, 100 such stacks | ${ms(f100.ms)}, ${mb(f100.peakRssMb)} | | t(100)/t(10) = ${fleetGrowth.toFixed(1)} | ≤ 11 and < 1 GB: ${verdict(budgets[3].pass && budgets[4].pass)} |`);
} else {
  lines.push(`| fleet synth (HybridEksCluster) | pending (${fleetError}) | | | |`);
}
if (tests) {
  const counts = tests.summary.match(/Tests:\s+(.*)$/)?.[1];
  lines.push(`| \`npm test\` (whole suite, wall time) | ${tests.seconds.toFixed(1)} s${counts ? ` (${counts})` : ''} | | | < ${BUDGET.testSeconds} s: ${verdict(tests.seconds < BUDGET.testSeconds)} |`);
}
lines.push('');
lines.push('Synth times are after imports: building the construct tree plus `app.synth()` writing to a temporary directory. RSS is the process peak.');
const markdown = lines.join('\n');

fs.writeFileSync(RESULTS_FILE, `${JSON.stringify({
  machine,
  git: { commit: git(['rev-parse', 'HEAD']), dirty: (git(['status', '--porcelain', '--', 'lib']) ?? '') !== '' },
  dist: path.relative(ROOT, DIST),
  benchSeconds: round(benchSeconds),
  budgets,
  imports: { baselines: { root: ROOT_BASELINE, eks: eksBaseline }, ...importFigures, ratios: { root: rootRatio, eks: eksRatio } },
  synth: { ...synthFigures, ratios: synthRatios, pairedRatios: synthPairedRatios },
  fleet: fleetFigures ? { ...fleetFigures, growth100over10: fleetGrowth } : `pending: ${fleetError}`,
  tests: tests ?? 'skipped (--no-tests)',
  markdown,
}, (_key, value) => (typeof value === 'number' ? round(value, 3) : value), 2)}\n`);

// ---- print
const detail = (name: string, f: { ms: Stats; buildMs?: Stats; synthMs?: Stats; peakRssMb: Stats }) =>
  `  ${name.padEnd(14)} min/median/max ${f.ms.min.toFixed(0)}/${f.ms.median.toFixed(0)}/${f.ms.max.toFixed(0)} ms`
  + (f.buildMs && f.synthMs ? `  (build ${f.buildMs.median.toFixed(0)} + synth ${f.synthMs.median.toFixed(0)})` : '')
  + `  peak RSS ${f.peakRssMb.median.toFixed(0)} MB`;
console.log('\nImport cost (require time in a fresh process):');
for (const [name, f] of Object.entries(importFigures)) console.log(`${detail(name, f)}  modules ${f.modules}${f.providerAwsLoaded ? '  loads provider-aws' : ''}`);
console.log('\nSynth cost after imports:');
for (const [name, f] of Object.entries(synthFigures)) console.log(detail(name, f));
for (const n of SYNTH_SIZES) {
  console.log(`  N = ${String(n).padEnd(3)} KubePrometheusStack / raw Release: ${synthRatios[n].toFixed(2)}× (ratio of medians), ${synthPairedRatios[n].toFixed(2)}× (median of per-round ratios)`);
}
if (fleetFigures) {
  console.log('\nFleet:');
  for (const [name, f] of Object.entries(fleetFigures)) console.log(detail(name, f));
}
if (tests) {
  console.log(`\nTest suite: ${tests.seconds.toFixed(1)} s, exit ${tests.status}${tests.summary ? ` (${tests.summary})` : ''}; slowest suites:`);
  for (const suite of tests.slowestSuites) console.log(`  ${suite.seconds.toFixed(1).padStart(5)} s  ${suite.file}`);
}
const busy = othersCpuShare !== undefined ? othersCpuShare > 0.1 : machine.loadAverageBefore[0] > machine.cores / 2;
if (busy) {
  console.log(`\nWARNING: the machine was busy: other processes used ${othersCpuShare !== undefined ? `${(othersCpuShare * 100).toFixed(0)}% of its CPU time` : `load ${machine.loadAverageBefore[0]}`}`
    + ' during the bench, which inflates and scatters these figures. Rerun on a quiet machine for the README.');
}
console.log('\nBudgets:');
for (const b of budgets) console.log(`  ${verdict(b.pass)}  ${b.budget}: ${b.value}`);
console.log(`\n${markdown}\n`);
console.log(`Wrote ${path.relative(ROOT, RESULTS_FILE)}; the bench took ${benchSeconds.toFixed(0)} s.`);
if (budgets.some((b) => !b.pass)) process.exitCode = 1;
