// Helm reads values as YAML 1.1: an unquoted `on`, `yes` or `y` is a boolean there. Strings from
// values objects must reach the chart as strings; the real helm renders them into pod labels,
// which only accept strings.
import { KubePrometheusStack } from '../../lib';
import { chartPath, describeWithCharts } from '../support/charts';
import { nodeExporterDaemonSet } from '../support/helm';
import { newStack, onlyRelease } from '../support/synth';

describeWithCharts('real helm: strings in values objects stay strings', () => {
  let labels: Record<string, unknown>;
  beforeAll(() => {
    const { stack } = newStack();
    new KubePrometheusStack(stack, 'kps', {
      values: [{ 'prometheus-node-exporter': { podLabels: { audit: 'on', tier: 'yes', shard: 'y', zone: 'NO', size: '1_000', build: '0755' } } }],
    });
    labels = nodeExporterDaemonSet(onlyRelease(stack), chartPath('kube-prometheus-stack', '88.5.3')).spec.template.metadata.labels;
  });

  test('YAML 1.1 booleans and numbers written from strings arrive as the same strings', () => {
    expect(labels).toMatchObject({ audit: 'on', tier: 'yes', shard: 'y', zone: 'NO', size: '1_000', build: '0755' });
  });
});
