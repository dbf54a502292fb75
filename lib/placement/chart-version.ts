// Chart versions as Helm compares them (SemVer 2), for the few version-dependent chart behaviours
// that decide where a DaemonSet's pods go.

interface SemVer {
  readonly core: [number, number, number];
  readonly prerelease: string[];
}

const SEMVER = /^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;

function parse(version: string): SemVer | undefined {
  const m = version.trim().match(SEMVER);
  if (!m) return undefined;
  return { core: [Number(m[1]), Number(m[2]), Number(m[3])], prerelease: m[4] ? m[4].split('.') : [] };
}

/** Is `version` one exact version (not a constraint such as "~67.0" or ">= 60")? */
export function isExactVersion(version: string): boolean {
  return parse(version) !== undefined;
}

/** SemVer precedence of two exact versions: negative, zero or positive. Throws for anything else. */
export function compareVersions(a: string, b: string): number {
  const va = parse(a);
  const vb = parse(b);
  if (!va || !vb) throw new Error(`not an exact version: ${!va ? a : b}`);
  for (let i = 0; i < 3; i++) if (va.core[i] !== vb.core[i]) return va.core[i] - vb.core[i];
  // A pre-release sorts before its release; identifiers compare numerically when both are numbers.
  if (va.prerelease.length === 0 || vb.prerelease.length === 0) return vb.prerelease.length - va.prerelease.length;
  for (let i = 0; i < Math.min(va.prerelease.length, vb.prerelease.length); i++) {
    const [x, y] = [va.prerelease[i], vb.prerelease[i]];
    if (x === y) continue;
    const [nx, ny] = [/^\d+$/.test(x), /^\d+$/.test(y)];
    if (nx && ny) return Number(x) - Number(y);
    if (nx !== ny) return nx ? -1 : 1;
    return x < y ? -1 : 1;
  }
  return va.prerelease.length - vb.prerelease.length;
}
