// How the placement check prints: a table per release for people, an array of rows for machines.
import { PlacementReport, PlacementRow } from './check';

/** The `--json` output: one `{ release, chart, node, scheduled, reason }` per release and node. */
export function placementJson(report: PlacementReport): string {
  const rows = report.releases.flatMap((r) => r.rows).map(({ release, chart, node, scheduled, reason }) => ({ release, chart, node, scheduled, reason }));
  return `${JSON.stringify(rows, null, 2)}\n`;
}

/** Why some releases could not be evaluated, one line each (empty when all could). */
export function unusableLines(report: PlacementReport): string[] {
  return report.unusable.map((u) => `cannot evaluate ${u.release}${u.chart ? ` (chart ${u.chart})` : ''}: ${u.problem}.`);
}

/** The readable report: a table per release, then the verdict. */
export function placementTable(report: PlacementReport): string {
  const out: string[] = [];
  for (const release of report.releases) {
    const version = release.version ? ` ${release.version}` : '';
    const name = release.name ? `Helm release "${release.name}", ` : '';
    out.push(`${release.release}: ${name}chart ${release.chart}${version}, DaemonSet ${release.workload}`);
    for (const note of release.notes) out.push(`  note: ${note}`);
    out.push(...table(release.rows).map((line) => `  ${line}`));
    out.push('');
  }
  for (const line of unusableLines(report)) out.push(line);
  if (report.unusable.length > 0) out.push('');
  out.push(verdict(report));
  return `${out.join('\n')}\n`;
}

function table(rows: PlacementRow[]): string[] {
  const cells = rows.map((row) => [row.node, row.computeType, scheduledCell(row), row.reason]);
  const header = ['NODE', 'COMPUTE TYPE', 'SCHEDULED', 'REASON'];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) => c.map((cell, i) => (i === c.length - 1 ? cell : cell.padEnd(widths[i]))).join('  ');
  return [line(header), ...cells.map(line)];
}

function scheduledCell(row: PlacementRow): string {
  if (!row.scheduled) return 'no';
  return row.excluded ? 'YES (excluded node!)' : 'yes';
}

function verdict(report: PlacementReport): string {
  const offenders = report.releases.filter((r) => r.rows.some((row) => row.excluded && row.scheduled));
  const checked = `${report.releases.length} DaemonSet release${report.releases.length === 1 ? '' : 's'} checked against ${report.nodeCount} node${report.nodeCount === 1 ? '' : 's'}`;
  const other = report.otherReleases > 0 ? ` (${report.otherReleases} release${report.otherReleases === 1 ? '' : 's'} of other charts ignored)` : '';
  if (report.unusable.length > 0) {
    return `INCOMPLETE: ${checked}${other}; ${report.unusable.length} could not be evaluated (see above). `
      + 'Pass placement values as plain values, or check after apply with kubectl.';
  }
  if (offenders.length > 0) {
    const where = offenders.map((r) => {
      const nodes = r.rows.filter((row) => row.excluded && row.scheduled).map((row) => `${row.node} (${row.computeType})`);
      return `${r.release} on ${nodes.join(', ')}`;
    });
    return `FAIL: ${checked}${other}; pods would be placed on excluded nodes: ${where.join('; ')}. `
      + 'Use KubePrometheusStack, or FargateGuard.applyTo(app), or add the exclusion to every required node affinity term.';
  }
  return `OK: ${checked}${other}; no pod would be placed on a Fargate or virtual-kubelet node.`;
}
