// Where the real chart packages for conformance tests live, and a `describe` that runs only when
// they (and a runnable helm) are there.
//
// The packages are NOT part of the repository (see ../shared/fixtures/charts/README.md): they sit next
// to the checkout, and CHART_FIXTURES_DIR points elsewhere when needed. A developer without them gets
// one clearly named skipped test per suite; CI (process.env.CI set) gets a failing test instead,
// because a conformance suite that silently skips in CI proves nothing.
import * as fs from 'fs';
import * as path from 'path';
import { helmUnavailableReason } from './helm';

/** The repository root (this file is <root>/__tests__/support/charts.ts). */
export const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** Default fixture location, relative to the repository root. */
const DEFAULT_FIXTURES_DIR = path.join('..', 'shared', 'fixtures', 'charts');

/** The chart packages the conformance suites expect, as [name, version]. */
export const KNOWN_CHARTS: ReadonlyArray<readonly [string, string]> = [
  ['kube-prometheus-stack', '65.8.1'],
  ['kube-prometheus-stack', '88.5.3'],
  ['prometheus-node-exporter', '4.40.0'],
  ['prometheus-node-exporter', '4.56.1'],
];

/**
 * The directory holding the chart packages: $CHART_FIXTURES_DIR (relative paths are taken from the
 * repository root, so the answer does not depend on jest's cwd), else ../shared/fixtures/charts.
 */
export function chartFixturesDir(): string {
  const fromEnv = process.env.CHART_FIXTURES_DIR;
  return path.resolve(REPO_ROOT, fromEnv && fromEnv.trim() !== '' ? fromEnv : DEFAULT_FIXTURES_DIR);
}

/** File name of a packaged chart, as `helm package`/`helm pull` name it. */
function chartFileName(name: string, version: string): string {
  return `${name}-${version}.tgz`;
}

/**
 * Absolute path of the packaged chart `name`-`version`.tgz in the fixture directory.
 * Throws when it is missing, so a typo in a test fails with the path instead of a helm error.
 */
export function chartPath(name: string, version: string): string {
  const file = path.join(chartFixturesDir(), chartFileName(name, version));
  if (!fs.existsSync(file)) {
    throw new Error(`chart package not found: ${file} (set CHART_FIXTURES_DIR to the directory holding it)`);
  }
  return file;
}

/**
 * Why the chart fixtures can't be used, or undefined when they can. `charts` (default: all of
 * KNOWN_CHARTS) are the packages that must be present.
 */
export function chartFixturesUnavailableReason(
  charts: ReadonlyArray<readonly [string, string]> = KNOWN_CHARTS,
): string | undefined {
  const dir = chartFixturesDir();
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    return `chart fixtures not found at ${dir}; set CHART_FIXTURES_DIR`;
  }
  const missing = charts.map(([n, v]) => chartFileName(n, v)).filter((f) => !fs.existsSync(path.join(dir, f)));
  if (missing.length > 0) {
    return `chart fixtures missing in ${dir}: ${missing.join(', ')}; set CHART_FIXTURES_DIR`;
  }
  return undefined;
}

/** Whether every chart package in `charts` (default: all of KNOWN_CHARTS) is present. */
export function chartFixturesAvailable(charts: ReadonlyArray<readonly [string, string]> = KNOWN_CHARTS): boolean {
  return chartFixturesUnavailableReason(charts) === undefined;
}

/** CI sets CI=true (GitHub Actions, GitLab, CircleCI, ...); treat "false"/"0" as a developer opting out. */
function runningInCi(): boolean {
  const ci = process.env.CI;
  return ci !== undefined && ci !== '' && ci !== 'false' && ci !== '0';
}

/** Reasons already printed, so each is warned about once per jest worker rather than once per suite. */
const warned = new Set<string>();

export interface DescribeWithChartsOptions {
  /** Chart packages the block needs. @default KNOWN_CHARTS */
  readonly charts?: ReadonlyArray<readonly [string, string]>;
}

/**
 * `describe(title, fn)` when the chart fixtures and a runnable helm binary are available.
 * Otherwise registers one test named after the reason: skipped locally (with a console.warn),
 * failing in CI, where a missing fixture means a broken pipeline rather than a laptop without files.
 */
export function describeWithCharts(title: string, fn: () => void, options: DescribeWithChartsOptions = {}): void {
  const reason = chartFixturesUnavailableReason(options.charts) ?? helmUnavailableReason();
  if (reason === undefined) {
    describe(title, fn);
    return;
  }
  if (runningInCi()) {
    describe(title, () => {
      test(`FAILED (CI): ${reason}`, () => {
        throw new Error(`${reason}. Conformance tests must not be skipped in CI.`);
      });
    });
    return;
  }
  if (!warned.has(reason)) {
    warned.add(reason);
    console.warn(`[conformance] skipping suites that need real charts: ${reason}`);
  }
  describe(title, () => {
    test.skip(`SKIPPED: ${reason}`, () => undefined);
  });
}
