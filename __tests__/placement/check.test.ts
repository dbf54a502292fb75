import { readSynthesizedReleases } from '../../lib/cli/inputs';
import { checkPlacement, PlacementReport, PlacementRow } from '../../lib/placement/check';
import { placementJson, placementTable } from '../../lib/placement/format';
import { computeTypeOf, isExcludedNode } from '../../lib/placement/node-kind';
import { helmReleasesOf, readReleaseValues, SynthesizedHelmRelease } from '../../lib/placement/synthesized-release';
import { FARGATE_NODE, FixtureApp, NODES, RAW_RELEASES, synthFixtureApp, VIRTUAL_KUBELET_NODE } from './fixture-app';

let fixture: FixtureApp;
const reports: { [stack: string]: PlacementReport } = {};
beforeAll(() => {
  fixture = synthFixtureApp();
  for (const stack of ['unguarded', 'guarded', 'unreadable'] as const) reports[stack] = checkPlacement(readSynthesizedReleases(fixture.stackDir(stack)), NODES);
});

const rowsOf = (report: PlacementReport, release: string): PlacementRow[] => report.releases.find((r) => r.release === release)!.rows;
const scheduledOn = (rows: PlacementRow[]) => rows.filter((r) => r.scheduled).map((r) => r.node);

describe('node kinds', () => {
  test('compute types and excluded nodes of the EKS fixture', () => {
    expect(NODES.map((n) => [n.metadata.name, computeTypeOf(n), isExcludedNode(n)])).toEqual([
      ['ip-10-0-11-37.ec2.internal', 'EC2', false],
      ['ip-10-0-12-184.ec2.internal', 'EC2', false],
      [FARGATE_NODE, 'Fargate', true],
      ['i-0a1b2c3d4e5f60718', 'Auto Mode', false],
      ['mi-0123456789abcdef0', 'Hybrid', false],
      [VIRTUAL_KUBELET_NODE, 'virtual-kubelet', true],
      ['ip-10-0-13-77.ec2.internal', 'EC2 (windows)', false],
    ]);
  });
});

describe('checkPlacement on synthesized stacks', () => {
  test('unguarded: raw releases put node-exporter on Fargate (legacy chart, and a current chart with a user term); exit 1', () => {
    const report = reports.unguarded;
    expect(report.exitCode).toBe(1);
    const onExcluded = report.releases
      .map((r) => [r.release, r.rows.filter((row) => row.excluded && row.scheduled).map((row) => row.node)])
      .filter(([, nodes]) => nodes.length > 0);
    expect(onExcluded).toEqual([
      ['unguarded/kps-current-amd64', [FARGATE_NODE]],
      ['unguarded/kps-legacy', [FARGATE_NODE]],
      ['unguarded/node-exporter-current', [FARGATE_NODE]],
      ['unguarded/node-exporter-legacy', [FARGATE_NODE, VIRTUAL_KUBELET_NODE]],
    ]);
    // The current chart's own exclusion holds while nobody sets a required term; KubePrometheusStack always holds.
    expect(scheduledOn(rowsOf(report, 'unguarded/kps-current'))).not.toContain(FARGATE_NODE);
    expect(scheduledOn(rowsOf(report, 'unguarded/kps-construct/release'))).not.toContain(FARGATE_NODE);
    expect(report.otherReleases).toBe(1); // cert-manager
  });

  test('guarded: no pod on an excluded node, and every other node keeps exactly what it had; exit 0', () => {
    expect(reports.guarded.exitCode).toBe(0);
    expect(reports.guarded.releases.map((r) => r.release.replace('guarded/', ''))).toEqual(reports.unguarded.releases.map((r) => r.release.replace('unguarded/', '')));
    for (const release of reports.guarded.releases) {
      const before = rowsOf(reports.unguarded, release.release.replace('guarded/', 'unguarded/'));
      release.rows.forEach((row, i) => {
        if (row.excluded) expect(row.scheduled).toBe(false);
        else expect([row.node, row.scheduled]).toEqual([before[i].node, before[i].scheduled]);
      });
    }
  });

  test('chart defaults that matter: node-exporter stays off Windows; fluent-bit does not tolerate the Fargate taint; Deployment mode renders no DaemonSet', () => {
    const legacy = rowsOf(reports.unguarded, 'unguarded/node-exporter-legacy');
    expect(legacy.find((r) => r.computeType === 'EC2 (windows)')).toMatchObject({ scheduled: false, reason: expect.stringContaining('kubernetes.io/os=linux') });
    expect(legacy.find((r) => r.node === FARGATE_NODE)!.reason).toContain('tolerates eks.amazonaws.com/compute-type=fargate:NoSchedule');
    const fluentBit = rowsOf(reports.unguarded, 'unguarded/fluent-bit');
    expect(fluentBit.find((r) => r.node === FARGATE_NODE)).toMatchObject({ scheduled: false, reason: 'untolerated taint eks.amazonaws.com/compute-type=fargate:NoSchedule' });
    expect(rowsOf(reports.unguarded, 'unguarded/fluent-bit-aggregator').every((r) => !r.scheduled && r.reason.includes('kind is "Deployment"'))).toBe(true);
  });

  test('set entries are applied (the arm64 node gets the current node-exporter)', () => {
    expect(scheduledOn(rowsOf(reports.unguarded, 'unguarded/node-exporter-current'))).toContain('ip-10-0-12-184.ec2.internal');
    expect(scheduledOn(rowsOf(reports.unguarded, 'unguarded/kps-legacy'))).not.toContain('ip-10-0-12-184.ec2.internal');
  });

  test('values known only at apply time: exit 2, naming each release and what cannot be read', () => {
    const report = reports.unreadable;
    expect(report.exitCode).toBe(2);
    expect(report.unusable).toEqual([
      { release: 'unreadable/arch-variable', chart: 'prometheus-node-exporter', problem: 'nodeSelector holds a Terraform expression, known only at apply time' },
      { release: 'unreadable/from-file', chart: 'kube-prometheus-stack', problem: expect.stringContaining('values[0] is a Terraform expression (${file("values/kps.yaml")})') },
    ]);
    // A Terraform variable outside the placement values (Grafana's password) does not stop the check.
    expect(reports.unguarded.unusable).toEqual([]);
  });

  test('unusable input anywhere makes the whole check exit 2, even when another release fails', () => {
    const releases = [...readSynthesizedReleases(fixture.stackDir('unguarded')), ...readSynthesizedReleases(fixture.stackDir('unreadable'))];
    expect(checkPlacement(releases, NODES).exitCode).toBe(2);
  });

  test('the table and the JSON output', () => {
    const table = placementTable(reports.unguarded);
    expect(table).toContain('unguarded/kps-legacy: Helm release "kps-legacy", chart kube-prometheus-stack 65.8.1, DaemonSet node-exporter');
    expect(table).toMatch(/NODE +COMPUTE TYPE +SCHEDULED +REASON/);
    expect(table).toMatch(/fargate-ip-10-0-21-9\.ec2\.internal +Fargate +YES \(excluded node!\)/);
    expect(table.trim().split('\n').pop()).toMatch(/^FAIL: 8 DaemonSet releases checked against 7 nodes .*unguarded\/kps-legacy on fargate-ip-10-0-21-9\.ec2\.internal \(Fargate\)/);
    expect(placementTable(reports.guarded).trim().split('\n').pop()).toMatch(/^OK: /);
    expect(placementTable(reports.unreadable)).toMatch(/cannot evaluate unreadable\/from-file \(chart kube-prometheus-stack\): values\[0\]/);

    const json = JSON.parse(placementJson(reports.unguarded));
    expect(json).toHaveLength(8 * NODES.length);
    for (const row of json) expect(Object.keys(row)).toEqual(['release', 'chart', 'node', 'scheduled', 'reason']);
    expect(json).toContainEqual({ release: 'unguarded/kps-legacy', chart: 'kube-prometheus-stack', node: FARGATE_NODE, scheduled: true, reason: expect.stringContaining('fits') });
  });

  test('the fixture covers the raw releases it promises', () => {
    expect(Object.keys(RAW_RELEASES).every((id) => reports.unguarded.releases.some((r) => r.release === `unguarded/${id}`))).toBe(true);
  });
});

describe('reading synthesized releases', () => {
  const release = (config: object): SynthesizedHelmRelease => helmReleasesOf({ resource: { helm_release: { r: config } } }, 's')[0];

  test('documents merge in order, then set, set_list, set_sensitive apply, in the provider order', () => {
    const read = readReleaseValues(release({
      values: ['a: {x: 1, list: [1]}\n', null, '', 'a: {z: 2, list: [2]}\n'],
      set_sensitive: [{ name: 'b', value: 'sensitive' }],
      set: [{ name: 'b', value: 'set' }, { name: 'c', value: '007', type: 'string' }],
      set_list: [{ name: 'd', value: ['p', 'q'] }],
    }));
    expect(read).toEqual({ values: { a: { x: 1, z: 2, list: [2] }, b: 'sensitive', c: '007', d: ['p', 'q'] } });
  });

  test.each([
    [{ values: '${var.all_values}' }, 'values is one Terraform expression'],
    [{ values: ['a: [1\n'] }, 'values[0] is not a values document Helm can read'],
    [{ values: ['- 1\n'] }, 'values[0] is not a values document Helm can read'],
    [{ values: ['%{ if var.x }a: 1%{ endif }'] }, 'values[0] cannot be read: it holds a Terraform template directive'],
    [{ set: '${var.sets}' }, 'set is one Terraform expression'],
    [{ set: [{ name: '${var.key}', value: '1' }] }, 'set[0] has a name that is a Terraform expression'],
    [{ set: [{ name: 'a[', value: '1' }] }, 'set[0] "a[" cannot be read the way Helm reads --set'],
  ])('%j cannot be read', (config, problem) => {
    expect(readReleaseValues(release(config)).problem).toContain(problem);
  });

  test('labels: the construct path, else the stack and address', () => {
    const [withPath] = helmReleasesOf({ resource: { helm_release: { r: { '//': { metadata: { path: 's/kps/release' } } } } } }, 's');
    expect(withPath).toMatchObject({ address: 'helm_release.r', constructPath: 's/kps/release', stack: 's' });
    expect(checkPlacement([{ ...release({ chart: 'prometheus-node-exporter' }) }], NODES).releases[0].release).toBe('s/helm_release.r');
  });

  test('a chart given as a Terraform expression cannot be evaluated', () => {
    const report = checkPlacement([release({ chart: '${var.chart}' })], NODES);
    expect(report.exitCode).toBe(2);
    expect(report.unusable[0].problem).toContain('chart is a Terraform expression');
  });
});
