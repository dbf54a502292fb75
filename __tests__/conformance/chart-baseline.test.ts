// Baseline: what the REAL charts do with node-exporter placement, before our library gets involved.
// These facts are the reason the library exists; if a chart upgrade changes one, this suite says which.
//
//  - kube-prometheus-stack 65.8.1 (node-exporter 4.40.0) has no Fargate exclusion at all: on EKS with
//    Fargate profiles its DaemonSet targets Fargate nodes, where its pods can never run.
//  - 88.5.3 (node-exporter 4.56.1) excludes Fargate and virtual-kubelet by default, but merges the
//    user's affinity over that default with sprig mergeOverwrite: a user's nodeSelectorTerms list
//    REPLACES the default one, so any required node affinity silently drops the exclusion.
//
// Releases here are raw helm_release-shaped objects (as in cdk.tf.json), rendered by the real helm.
import { stringify } from 'yaml';
import { chartPath, describeWithCharts } from '../support/charts';
import { HelmReleaseJson, nodeExporterDaemonSet, podSpecOf } from '../support/helm';

const FARGATE_EXCLUSION_TERM = {
  matchExpressions: [
    { key: 'eks.amazonaws.com/compute-type', operator: 'NotIn', values: ['fargate'] },
    { key: 'type', operator: 'NotIn', values: ['virtual-kubelet'] },
  ],
};
const AMD64_TERM = { matchExpressions: [{ key: 'kubernetes.io/arch', operator: 'In', values: ['amd64'] }] };
const ARM64_TERM = { matchExpressions: [{ key: 'kubernetes.io/arch', operator: 'In', values: ['arm64'] }] };
const SPOT_TERM = { matchExpressions: [{ key: 'karpenter.sh/capacity-type', operator: 'In', values: ['spot'] }] };

/** kube-prometheus-stack values that give node-exporter a required node affinity with these terms. */
function requiredTermsDoc(terms: object[]): string {
  return stringify({
    'prometheus-node-exporter': {
      affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } } },
    },
  });
}

/** A helm_release as synthesized: values documents are YAML strings, overrides are set blocks. */
function release(values: string[] = [], extra: Partial<HelmReleaseJson> = {}): HelmReleaseJson {
  return { name: 'kube-prometheus-stack', chart: 'kube-prometheus-stack', namespace: 'monitoring', values, ...extra };
}

function requiredTerms(ds: any): unknown {
  return podSpecOf(ds).affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
}

describeWithCharts('real charts: node-exporter placement baseline', () => {
  const versions = ['65.8.1', '88.5.3'] as const;
  type Version = (typeof versions)[number];
  const kps = (v: Version) => chartPath('kube-prometheus-stack', v);

  // Every render happens once, up front; the tests below only read the results.
  const rendered: Record<string, any> = {};
  beforeAll(() => {
    for (const v of versions) {
      rendered[`${v}/defaults`] = nodeExporterDaemonSet(release(), kps(v));
      rendered[`${v}/disabled`] = nodeExporterDaemonSet(release([], { set: [{ name: 'nodeExporter.enabled', value: 'false' }] }), kps(v));
      rendered[`${v}/lists-replace`] = nodeExporterDaemonSet(
        release([requiredTermsDoc([ARM64_TERM, SPOT_TERM]), requiredTermsDoc([AMD64_TERM])]),
        kps(v),
      );
      rendered[`${v}/null-affinity`] = nodeExporterDaemonSet(
        release([requiredTermsDoc([AMD64_TERM]), stringify({ 'prometheus-node-exporter': { affinity: null } })]),
        kps(v),
      );
    }
    rendered['88.5.3/amd64'] = nodeExporterDaemonSet(release([requiredTermsDoc([AMD64_TERM])]), kps('88.5.3'));
  });

  test('(a) 65.8.1 with no values: the DaemonSet has no node affinity at all', () => {
    const ds = rendered['65.8.1/defaults'];
    expect(ds).toBeDefined();
    expect(ds.metadata.labels['helm.sh/chart']).toBe('prometheus-node-exporter-4.40.0');
    expect(podSpecOf(ds).affinity).toBeUndefined();
  });

  test('(b) 88.5.3 with no values: required affinity excludes Fargate and virtual-kubelet', () => {
    const ds = rendered['88.5.3/defaults'];
    expect(ds.metadata.labels['helm.sh/chart']).toBe('prometheus-node-exporter-4.56.1');
    expect(requiredTerms(ds)).toEqual([FARGATE_EXCLUSION_TERM]);
  });

  test('(c) 88.5.3 with a user amd64-only required affinity: the Fargate exclusion is GONE (the bug we fix)', () => {
    const terms = requiredTerms(rendered['88.5.3/amd64']);
    expect(terms).toEqual([AMD64_TERM]);
    expect(JSON.stringify(terms)).not.toContain('eks.amazonaws.com/compute-type');
  });

  test.each(versions)('(d) %s with set nodeExporter.enabled=false: no DaemonSet is rendered', (v) => {
    expect(rendered[`${v}/disabled`]).toBeUndefined();
  });

  test.each(versions)('(e) %s: nodeSelector is kubernetes.io/os=linux and NoSchedule taints are tolerated', (v) => {
    const spec = podSpecOf(rendered[`${v}/defaults`]);
    expect(spec.nodeSelector).toEqual({ 'kubernetes.io/os': 'linux' });
    expect(spec.tolerations).toContainEqual({ effect: 'NoSchedule', operator: 'Exists' });
  });

  test.each(versions)('(f) %s: a later values document replaces the earlier nodeSelectorTerms list (lists never merge)', (v) => {
    expect(requiredTerms(rendered[`${v}/lists-replace`])).toEqual([AMD64_TERM]);
  });

  // A null in a later document deletes the key from the merged user values; Helm's coalesce then drops
  // the chart default as well (printing "cannot overwrite table with non table" on stderr). 65.8.1 renders
  // no affinity; 88.5.3 finds .Values.affinity empty and falls back to its built-in default exclusion.
  test('(g) null affinity in a later document: 65.8.1 renders no affinity, 88.5.3 its default exclusion', () => {
    expect(podSpecOf(rendered['65.8.1/null-affinity']).affinity).toBeUndefined();
    expect(requiredTerms(rendered['88.5.3/null-affinity'])).toEqual([FARGATE_EXCLUSION_TERM]);
  });

  test('the standalone prometheus-node-exporter charts agree: 4.40.0 has no affinity, 4.56.1 the exclusion', () => {
    const standalone = (version: string) =>
      nodeExporterDaemonSet({ name: 'node-exporter', namespace: 'monitoring' }, chartPath('prometheus-node-exporter', version));
    expect(podSpecOf(standalone('4.40.0')).affinity).toBeUndefined();
    expect(requiredTerms(standalone('4.56.1'))).toEqual([FARGATE_EXCLUSION_TERM]);
  });
});
