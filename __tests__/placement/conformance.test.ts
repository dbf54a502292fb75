// Conformance with the REAL helm and charts (kube-prometheus-stack 65.8.1 / 88.5.3, prometheus-node-exporter
// 4.40.0 / 4.56.1): the raw releases of the fixture app, unguarded and fixed by FargateGuard, rendered by
// `helm template`, then judged with podFitsNode on the EKS node fixture.
//   - FargateGuard's fixed releases keep node-exporter off Fargate and virtual-kubelet, and keep it on
//     every other node the user's values admit;
//   - the placement check (what `cdktf-eks-monitoring placement` prints) says, for every release and
//     node, exactly what the rendered chart does.
// Cost: 10 renders (6 of kube-prometheus-stack, ~0.45 s each), all in beforeAll.
import * as fs from 'fs';
import * as path from 'path';
import { readSynthesizedReleases } from '../../lib/cli/inputs';
import { checkPlacement, PlacementReport } from '../../lib/placement/check';
import { podFitsNode } from '../../lib/scheduling';
import { chartPath, describeWithCharts } from '../support/charts';
import { HelmReleaseJson, nodeExporterDaemonSet, podSpecOf } from '../support/helm';
import { FARGATE_NODE, NODES, RAW_RELEASES, synthFixtureApp, VIRTUAL_KUBELET_NODE } from './fixture-app';

const STACKS = ['unguarded', 'guarded'] as const;
const IDS = Object.keys(RAW_RELEASES);

describeWithCharts('real helm: FargateGuard and the placement check', () => {
  const rendered: { [key: string]: any } = {};
  const reports: { [stack: string]: PlacementReport } = {};

  beforeAll(() => {
    const fixture = synthFixtureApp();
    for (const stack of STACKS) {
      const dir = fixture.stackDir(stack);
      const releases = Object.values<HelmReleaseJson>(JSON.parse(fs.readFileSync(path.join(dir, 'cdk.tf.json'), 'utf8')).resource.helm_release);
      for (const id of IDS) {
        const release = releases.find((r) => r.name === id)!;
        rendered[`${stack}/${id}`] = nodeExporterDaemonSet(release, chartPath(RAW_RELEASES[id].chart, RAW_RELEASES[id].version));
      }
      reports[stack] = checkPlacement(readSynthesizedReleases(dir), NODES);
    }
  });

  const nodesOf = (key: string) => NODES.filter((n) => podFitsNode(podSpecOf(rendered[key]), n)).map((n) => n.metadata.name);

  test.each(IDS)('guarded %s: the rendered node-exporter runs on no excluded node, and on every other node it ran on before', (id) => {
    const before = nodesOf(`unguarded/${id}`);
    const after = nodesOf(`guarded/${id}`);
    expect(after).not.toContain(FARGATE_NODE);
    expect(after).not.toContain(VIRTUAL_KUBELET_NODE);
    expect(after).toEqual(before.filter((n) => n !== FARGATE_NODE && n !== VIRTUAL_KUBELET_NODE));
    expect(after.length).toBeGreaterThan(0);
  });

  test('unguarded, the legacy charts and a user term on the current chart put node-exporter on Fargate (why the guard exists)', () => {
    const onFargate = IDS.filter((id) => nodesOf(`unguarded/${id}`).includes(FARGATE_NODE));
    expect(onFargate).toEqual(['kps-legacy', 'kps-current-amd64', 'node-exporter-legacy', 'node-exporter-current']);
  });

  test.each(STACKS.flatMap((stack) => IDS.map((id) => [stack, id])))('the placement check agrees with the rendered chart: %s/%s', (stack, id) => {
    const placement = reports[stack].releases.find((r) => r.release === `${stack}/${id}`)!;
    const fromHelm = NODES.map((n) => [n.metadata.name, podFitsNode(podSpecOf(rendered[`${stack}/${id}`]), n)]);
    expect(placement.rows.map((row) => [row.node, row.scheduled])).toEqual(fromHelm);
  });

  test('the check exits 1 for the unguarded stack and 0 for the guarded one, as the renders say it should', () => {
    expect(reports.unguarded.exitCode).toBe(1);
    expect(reports.guarded.exitCode).toBe(0);
  });
});
