import { findDaemonSetChart } from '../../lib/placement/daemonset-charts';
import { daemonSetPodTemplate, nodeExporterMergedAffinities, truthy } from '../../lib/placement/pod-template';
import { isUnknownValue, readTerraformTemplate } from '../../lib/placement/terraform-strings';

const chart = (name: string) => findDaemonSetChart(name)!;
const FARGATE = { key: 'eks.amazonaws.com/compute-type', operator: 'NotIn', values: ['fargate'] };
const VIRTUAL_KUBELET = { key: 'type', operator: 'NotIn', values: ['virtual-kubelet'] };
const EXCLUSION_TERM = { matchExpressions: [FARGATE, VIRTUAL_KUBELET] };
const AMD64_TERM = { matchExpressions: [{ key: 'kubernetes.io/arch', operator: 'In', values: ['amd64'] }] };
const required = (...terms: object[]) => ({ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } } });
const NODE_EXPORTER_DEFAULTS = { nodeSelector: { 'kubernetes.io/os': 'linux' }, tolerations: [{ effect: 'NoSchedule', operator: 'Exists' }], hostNetwork: true };

describe('daemonSetPodTemplate', () => {
  test('kube-prometheus-stack 65.8.1 without values: node-exporter defaults, no affinity', () => {
    const t = daemonSetPodTemplate({ chart: chart('kube-prometheus-stack'), version: '65.8.1', values: {} });
    expect(t).toEqual({ rendered: true, spec: NODE_EXPORTER_DEFAULTS, unknownPaths: [], notes: [] });
  });

  test('kube-prometheus-stack 88.5.3 without values: the chart default exclusion', () => {
    const t = daemonSetPodTemplate({ chart: chart('kube-prometheus-stack'), version: '88.5.3', values: {} });
    expect(t.spec).toEqual({ ...NODE_EXPORTER_DEFAULTS, affinity: required(EXCLUSION_TERM) });
  });

  test('88.5.3: a user required term REPLACES the default exclusion; preferred terms and pod anti-affinity are added to it', () => {
    const preferred = [{ weight: 1, preference: AMD64_TERM }];
    const anti = { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'kubernetes.io/hostname' }] };
    const amd64 = daemonSetPodTemplate({ chart: chart('kube-prometheus-stack'), version: '88.5.3', values: { 'prometheus-node-exporter': { affinity: required(AMD64_TERM) } } });
    expect(amd64.spec.affinity).toEqual(required(AMD64_TERM));
    const soft = daemonSetPodTemplate({
      chart: chart('kube-prometheus-stack'),
      version: '88.5.3',
      values: { 'prometheus-node-exporter': { affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: preferred }, podAntiAffinity: anti } } },
    });
    expect(soft.spec.affinity).toEqual({
      nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [EXCLUSION_TERM] }, preferredDuringSchedulingIgnoredDuringExecution: preferred },
      podAntiAffinity: anti,
    });
  });

  test('nodeSelector merges with the chart default (a null removes it); tolerations and hostNetwork replace', () => {
    const t = daemonSetPodTemplate({
      chart: chart('prometheus-node-exporter'),
      version: '4.40.0',
      values: { nodeSelector: { 'kubernetes.io/arch': 'arm64' }, tolerations: [{ key: 'dedicated', operator: 'Exists' }], hostNetwork: false },
    });
    expect(t.spec).toEqual({ nodeSelector: { 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'arm64' }, tolerations: [{ key: 'dedicated', operator: 'Exists' }] });
    const noOs = daemonSetPodTemplate({ chart: chart('prometheus-node-exporter'), version: '4.40.0', values: { nodeSelector: { 'kubernetes.io/os': null } } });
    expect(noOs.spec.nodeSelector).toBeUndefined();
  });

  test('a version constraint is read as an older chart, with a note', () => {
    const t = daemonSetPodTemplate({ chart: chart('prometheus-node-exporter'), version: '>=4.0.0', values: {} });
    expect(t.spec.affinity).toBeUndefined();
    expect(t.notes).toEqual([expect.stringContaining('is a constraint')]);
  });

  test.each([
    ['kube-prometheus-stack', { nodeExporter: { enabled: false } }, 'nodeExporter.enabled is false'],
    ['promtail', { daemonset: { enabled: false } }, 'daemonset.enabled is false'],
    ['fluent-bit', { kind: 'Deployment' }, 'kind is "Deployment", not "DaemonSet"'],
    ['alloy', { controller: { type: 'statefulset' } }, 'controller.type is "statefulset", not "daemonset"'],
  ])('%s renders no DaemonSet with %j', (name, values, reason) => {
    const t = daemonSetPodTemplate({ chart: chart(name), values });
    expect(t.rendered).toBe(false);
    expect(t.notRenderedReason).toContain(reason);
  });

  test('Helm conditions only disable on a boolean false; template ifs use Go truthiness', () => {
    expect(daemonSetPodTemplate({ chart: chart('kube-prometheus-stack'), values: { nodeExporter: { enabled: 'false' } } }).rendered).toBe(true);
    expect(daemonSetPodTemplate({ chart: chart('promtail'), values: { daemonset: { enabled: 0 } } }).rendered).toBe(false);
    expect(truthy({})).toBe(false);
    expect(truthy([])).toBe(false);
    expect(truthy('x')).toBe(true);
  });

  test('the other charts: their own defaults and paths', () => {
    expect(daemonSetPodTemplate({ chart: chart('fluent-bit'), values: {} }).spec).toEqual({});
    expect(daemonSetPodTemplate({ chart: chart('promtail'), values: {} }).spec.tolerations).toHaveLength(2);
    expect(daemonSetPodTemplate({ chart: chart('alloy'), values: { controller: { affinity: required(AMD64_TERM), hostNetwork: true } } }).spec)
      .toEqual({ affinity: required(AMD64_TERM), hostNetwork: true });
    expect(daemonSetPodTemplate({ chart: chart('aws-for-fluent-bit'), values: { nodeSelector: { 'kubernetes.io/os': 'linux' } } }).spec)
      .toEqual({ nodeSelector: { 'kubernetes.io/os': 'linux' } });
  });

  test('Terraform expressions in placement values are reported; elsewhere they do not matter', () => {
    const { text } = readTerraformTemplate('${var.arch}');
    const values = { grafana: { adminPassword: text }, 'prometheus-node-exporter': { nodeSelector: { 'kubernetes.io/arch': text } } };
    const t = daemonSetPodTemplate({ chart: chart('kube-prometheus-stack'), values, isUnknown: isUnknownValue });
    expect(t.unknownPaths).toEqual(['prometheus-node-exporter.nodeSelector']);
    const grafanaOnly = daemonSetPodTemplate({ chart: chart('kube-prometheus-stack'), values: { grafana: values.grafana }, isUnknown: isUnknownValue });
    expect(grafanaOnly.unknownPaths).toEqual([]);
    const disabledByExpression = daemonSetPodTemplate({ chart: chart('kube-prometheus-stack'), values: { nodeExporter: { enabled: text } }, isUnknown: isUnknownValue });
    expect(disabledByExpression.unknownPaths).toEqual(['nodeExporter.enabled']);
  });

  test('nodeExporterMergedAffinities ignores empty user values (Go `with` and `if`)', () => {
    expect(nodeExporterMergedAffinities({})).toEqual(required(EXCLUSION_TERM));
    expect(nodeExporterMergedAffinities({ nodeAffinity: {} })).toEqual(required(EXCLUSION_TERM));
    expect(nodeExporterMergedAffinities(null)).toEqual(required(EXCLUSION_TERM));
  });
});

describe('readTerraformTemplate', () => {
  test('expressions become placeholders; escapes are resolved', () => {
    const r = readTerraformTemplate('a: ${jsonencode(var.x)}\nb: "$${literal} %%{x}"\nc: ${lookup({"a" = "}"}, "a")}\n');
    expect(r.expressions).toEqual(['${jsonencode(var.x)}', '${lookup({"a" = "}"}, "a")}']);
    expect(r.text).toBe('a: __terraform_expression_0__\nb: "${literal} %{x}"\nc: __terraform_expression_1__\n');
    expect(isUnknownValue(r.text)).toBe(true);
  });

  test('directives and unterminated expressions cannot be read', () => {
    expect(readTerraformTemplate('%{ if var.x }a: 1%{ endif }').error).toMatch(/directive/);
    expect(readTerraformTemplate('a: ${var.x').error).toMatch(/unterminated/);
  });
});
