import { parseChartRef } from '../../lib/placement/chart-ref';
import { compareVersions, isExactVersion } from '../../lib/placement/chart-version';
import {
  BUILT_IN_DAEMONSET_CHARTS,
  daemonSetChartFromSpec,
  findDaemonSetChart,
  hasDefaultExclusion,
  InvalidChartSpecError,
  KUBE_PROMETHEUS_STACK,
  PROMETHEUS_NODE_EXPORTER,
} from '../../lib/placement/daemonset-charts';

describe('parseChartRef', () => {
  test.each([
    ['kube-prometheus-stack', { name: 'kube-prometheus-stack' }],
    ['prometheus-community/kube-prometheus-stack', { name: 'kube-prometheus-stack' }],
    ['oci://ghcr.io/prometheus-community/charts/kube-prometheus-stack', { name: 'kube-prometheus-stack' }],
    ['oci://registry.example.com:5000/charts/kube-prometheus-stack:65.8.1', { name: 'kube-prometheus-stack', version: '65.8.1' }],
    ['oci://ghcr.io/charts/prometheus-node-exporter@sha256:0123abcd', { name: 'prometheus-node-exporter' }],
    ['./charts/kube-prometheus-stack-65.8.1.tgz', { name: 'kube-prometheus-stack', version: '65.8.1' }],
    ['/abs/prometheus-node-exporter-4.56.1.tgz', { name: 'prometheus-node-exporter', version: '4.56.1' }],
    ['https://github.com/x/releases/download/kube-prometheus-stack-88.5.3/kube-prometheus-stack-88.5.3.tgz', { name: 'kube-prometheus-stack', version: '88.5.3' }],
    ['charts/alloy-1.0.0-rc.1.tar.gz', { name: 'alloy', version: '1.0.0-rc.1' }],
    ['./charts/fluent-bit/', { name: 'fluent-bit' }],
    ['  promtail  ', { name: 'promtail' }],
  ])('%s', (chart, expected) => {
    expect(parseChartRef(chart)).toEqual(expected);
  });

  test('a name that only contains a known chart name is another chart', () => {
    expect(parseChartRef('my-kube-prometheus-stack-fork')!.name).toBe('my-kube-prometheus-stack-fork');
    expect(findDaemonSetChart(parseChartRef('my-kube-prometheus-stack-fork')!.name)).toBeUndefined();
    expect(parseChartRef('')).toBeUndefined();
  });
});

describe('chart versions', () => {
  test('SemVer precedence, including pre-releases', () => {
    expect(compareVersions('67.6.0', '67.6.0')).toBe(0);
    expect(compareVersions('65.8.1', '67.6.0')).toBeLessThan(0);
    expect(compareVersions('88.5.3', '67.6.0')).toBeGreaterThan(0);
    expect(compareVersions('4.43.0-rc.1', '4.43.0')).toBeLessThan(0);
    expect(compareVersions('4.43.0-rc.2', '4.43.0-rc.10')).toBeLessThan(0);
    expect(compareVersions('v4.43.1', '4.43.0')).toBeGreaterThan(0);
    expect(isExactVersion('~67.0')).toBe(false);
    expect(() => compareVersions('>=60', '1.0.0')).toThrow(/not an exact version/);
  });

  test('the upstream default exclusion: kube-prometheus-stack from 67.6.0, prometheus-node-exporter from 4.43.0', () => {
    expect(hasDefaultExclusion(KUBE_PROMETHEUS_STACK, '65.8.1')).toBe(false);
    expect(hasDefaultExclusion(KUBE_PROMETHEUS_STACK, '67.6.0')).toBe(true);
    expect(hasDefaultExclusion(KUBE_PROMETHEUS_STACK, '88.5.3')).toBe(true);
    expect(hasDefaultExclusion(KUBE_PROMETHEUS_STACK, undefined)).toBe(true); // newest chart
    expect(hasDefaultExclusion(KUBE_PROMETHEUS_STACK, '~67.0')).toBeUndefined();
    expect(hasDefaultExclusion(PROMETHEUS_NODE_EXPORTER, '4.40.0')).toBe(false);
    expect(hasDefaultExclusion(PROMETHEUS_NODE_EXPORTER, '4.56.1')).toBe(true);
    expect(hasDefaultExclusion(findDaemonSetChart('fluent-bit')!, '0.47.0')).toBe(false);
  });
});

describe('DaemonSet charts', () => {
  test('built-in charts have unique names and a documented source', () => {
    const names = BUILT_IN_DAEMONSET_CHARTS.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(['kube-prometheus-stack', 'prometheus-node-exporter', 'fluent-bit', 'aws-for-fluent-bit', 'promtail', 'alloy']);
    for (const chart of BUILT_IN_DAEMONSET_CHARTS) expect(chart.source).toMatch(/values\.yaml/);
  });

  test('a user chart spec: dot paths with escapes; it replaces a built-in chart of the same name', () => {
    const chart = daemonSetChartFromSpec({ chart: 'fluent-bit', affinityPath: 'agent.affinity', enabledPath: 'agent.enabled', workload: 'agent' });
    expect(chart.layout).toEqual({ chart: 'fluent-bit', workload: 'agent', affinityPath: ['agent', 'affinity'], nodeSelectorPath: undefined, enabledPath: ['agent', 'enabled'] });
    expect(findDaemonSetChart('fluent-bit', [chart])).toBe(chart);
    expect(daemonSetChartFromSpec({ chart: 'x', affinityPath: 'a\\.b.affinity' }).layout.affinityPath).toEqual(['a.b', 'affinity']);
  });

  test.each([
    [{ chart: 'x', affinityPath: '' }, /must be a dot path of map keys/],
    [{ chart: 'x', affinityPath: 'agents[0].affinity' }, /no list indexes/],
    [{ chart: 'x', affinityPath: 'a..b' }, /no list indexes, no empty keys/],
    [{ chart: ' ', affinityPath: 'affinity' }, /chart must be a chart name/],
  ])('an unusable chart spec is rejected: %j', (spec, message) => {
    expect(() => daemonSetChartFromSpec(spec)).toThrow(InvalidChartSpecError);
    expect(() => daemonSetChartFromSpec(spec)).toThrow(message);
  });
});
