import { Release, ReleaseConfig } from '@cdktf/provider-helm/lib/release';
import { Aspects, Fn, TerraformStack, TerraformVariable, Testing, Token } from 'cdktf';
import { stringify } from 'yaml';
import { KubePrometheusStack } from '../../lib';
import { FargateGuard, FargateGuardProps } from '../../lib/fargate-guard';
import { valueAt } from '../../lib/values/merge';
import { effectiveValues, helmReleases, newStack, synthError, warnings } from '../support/synth';

const FARGATE = { key: 'eks.amazonaws.com/compute-type', operator: 'NotIn', values: ['fargate'] };
const VIRTUAL_KUBELET = { key: 'type', operator: 'NotIn', values: ['virtual-kubelet'] };
const AMD64 = { key: 'kubernetes.io/arch', operator: 'In', values: ['amd64'] };
const EXCLUSION_TERM = { matchExpressions: [FARGATE, VIRTUAL_KUBELET] };
const required = (...terms: object[]) => ({ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } } });
const exporterYaml = (affinity: object) => stringify({ 'prometheus-node-exporter': { affinity } });
const AMD64_ONLY = exporterYaml(required({ matchExpressions: [AMD64] }));

/** A stack guarded by FargateGuard (added to the stack, as an aspect) with one raw release. */
function guarded(config: Partial<ReleaseConfig>, props: FargateGuardProps = {}) {
  const { app, stack } = newStack();
  const release = new Release(stack, 'raw', { name: 'raw', chart: 'kube-prometheus-stack', ...config });
  Aspects.of(stack).add(new FargateGuard(props));
  return { app, stack, release };
}

const rawRelease = (stack: TerraformStack) => helmReleases(stack).raw;
const exporterAffinity = (release: any) => valueAt(effectiveValues(release), ['prometheus-node-exporter', 'affinity']);

describe('FargateGuard, fix mode', () => {
  test.each([
    ['kube-prometheus-stack'],
    ['prometheus-community/kube-prometheus-stack'],
    ['oci://ghcr.io/prometheus-community/charts/kube-prometheus-stack'],
    ['./charts/kube-prometheus-stack-65.8.1.tgz'],
  ])('a raw release of %s gets the exclusion ANDed into every term, as the last values document', (chart) => {
    const { stack } = guarded({ chart, values: [AMD64_ONLY] });
    const release = rawRelease(stack);
    expect(release.values).toHaveLength(2);
    expect(release.values[0]).toBe(AMD64_ONLY);
    expect(release.values[1]).toMatch(/^# Added by cdktf-eks-monitoring \(FargateGuard\)/);
    expect(exporterAffinity(release)).toEqual(required({ matchExpressions: [AMD64, FARGATE, VIRTUAL_KUBELET] }));
  });

  test('a release without values gets one term holding just the exclusion', () => {
    const { stack } = guarded({ version: '65.8.1' });
    expect(exporterAffinity(rawRelease(stack))).toEqual(required(EXCLUSION_TERM));
  });

  test('a warning names the release (construct path and chart) and what changed', () => {
    const { stack } = guarded({ values: [AMD64_ONLY] });
    expect(warnings(stack)).toEqual([{
      path: 'test/raw',
      message: expect.stringMatching(/^FargateGuard changed helm_release test\/raw \(chart kube-prometheus-stack\): node-exporter pods could be scheduled on excluded nodes \(required node affinity term 1 of 1 does not exclude .*\)\. It appended a last values document/),
    }]);
  });

  test('a set entry that targets the affinity is folded into the document and removed, saying so; other entries stay', () => {
    const set = [
      { name: 'grafana.enabled', value: 'false' },
      { name: 'prometheus-node-exporter.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values[1]', value: 'arm64' },
    ];
    const setSensitive = [{ name: 'prometheus-node-exporter.affinity.podAntiAffinity', value: 'null' }];
    const { stack } = guarded({ values: [AMD64_ONLY], set, setSensitive });
    const release = rawRelease(stack);
    expect(release.set).toEqual([{ name: 'grafana.enabled', value: 'false' }]);
    expect(release.set_sensitive).toBeUndefined();
    expect(exporterAffinity(release)).toEqual({
      ...required({ matchExpressions: [{ ...AMD64, values: ['amd64', 'arm64'] }, FARGATE, VIRTUAL_KUBELET] }),
      podAntiAffinity: null,
    });
    const [warning] = warnings(stack);
    expect(warning.message).toContain('It moved set[1] "prometheus-node-exporter.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values[1]", set_sensitive[0] "prometheus-node-exporter.affinity.podAntiAffinity" into that document and removed them from the release');
  });

  test('idempotent: synthesizing again, or a second guard, adds nothing', () => {
    const { stack } = guarded({ values: [AMD64_ONLY] });
    Aspects.of(stack).add(new FargateGuard());
    const first = rawRelease(stack);
    expect(first.values).toHaveLength(2);
    expect(rawRelease(stack)).toEqual(first);
    expect(warnings(stack)).toHaveLength(1);
  });

  test('a compliant release is left as it is, without a warning', () => {
    const values = [exporterYaml(required({ matchExpressions: [AMD64, FARGATE, VIRTUAL_KUBELET] }))];
    const { stack } = guarded({ values });
    expect(rawRelease(stack).values).toEqual(values);
    expect(warnings(stack)).toEqual([]);
  });

  test('KubePrometheusStack releases, unrelated charts and releases without a DaemonSet are untouched', () => {
    const { stack } = newStack();
    const kps = new KubePrometheusStack(stack, 'kps', { values: [{ grafana: { enabled: false } }] });
    new Release(stack, 'cert-manager', { name: 'cert-manager', chart: 'jetstack/cert-manager', values: ['x: 1\n'] });
    new Release(stack, 'disabled', { name: 'disabled', chart: 'kube-prometheus-stack', set: [{ name: 'nodeExporter.enabled', value: 'false' }] });
    new Release(stack, 'aggregator', { name: 'aggregator', chart: 'fluent/fluent-bit', values: ['kind: Deployment\n'] });
    const before = JSON.parse(Testing.synth(stack));
    Aspects.of(stack).add(new FargateGuard());
    expect(JSON.parse(Testing.synth(stack))).toEqual(before);
    expect(warnings(stack)).toEqual([]);
    expect(kps.release.valuesInput).toHaveLength(2);
  });

  test('the other built-in DaemonSet charts, at their own affinity paths', () => {
    const { stack } = newStack();
    new Release(stack, 'fluent-bit', { name: 'fluent-bit', chart: 'fluent/fluent-bit' });
    new Release(stack, 'aws-for-fluent-bit', { name: 'aws-for-fluent-bit', chart: 'eks/aws-for-fluent-bit', values: [stringify({ affinity: required({ matchExpressions: [AMD64] }) })] });
    new Release(stack, 'promtail', { name: 'promtail', chart: 'grafana/promtail' });
    new Release(stack, 'alloy', { name: 'alloy', chart: 'oci://registry.example.com/grafana/alloy', set: [{ name: 'controller.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].key', value: 'kubernetes.io/arch,controller.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].operator=Exists' }] });
    new Release(stack, 'node-exporter', { name: 'node-exporter', chart: 'prometheus-node-exporter', version: '4.40.0' });
    Aspects.of(stack).add(new FargateGuard());
    const releases = helmReleases(stack);
    const affinityOf = (id: string, path: string[]) => valueAt(effectiveValues(releases[id]), path);
    expect(affinityOf('fluent-bit', ['affinity'])).toEqual(required(EXCLUSION_TERM));
    expect(affinityOf('aws-for-fluent-bit', ['affinity'])).toEqual(required({ matchExpressions: [AMD64, FARGATE, VIRTUAL_KUBELET] }));
    expect(affinityOf('promtail', ['affinity'])).toEqual(required(EXCLUSION_TERM));
    expect(affinityOf('alloy', ['controller', 'affinity'])).toEqual(required({ matchExpressions: [{ key: 'kubernetes.io/arch', operator: 'Exists' }, FARGATE, VIRTUAL_KUBELET] }));
    expect(releases.alloy.set).toBeUndefined();
    expect(affinityOf('node-exporter', ['affinity'])).toEqual(required(EXCLUSION_TERM));
    expect(warnings(stack).map((w) => w.path).sort()).toEqual(['test/alloy', 'test/aws-for-fluent-bit', 'test/fluent-bit', 'test/node-exporter', 'test/promtail']);
  });

  test('extra charts: a chart name and the dot path of its affinity; custom exclusions', () => {
    const exclusions = [{ key: 'eks.amazonaws.com/compute-type', operator: 'NotIn', values: ['fargate', 'hybrid'] }];
    const { stack } = guarded({ chart: 'acme/node-agent', values: [stringify({ agent: { enabled: true } })] }, {
      charts: [{ chart: 'node-agent', affinityPath: 'agent.affinity', enabledPath: 'agent.enabled' }],
      exclusions,
    });
    expect(valueAt(effectiveValues(rawRelease(stack)), ['agent', 'affinity'])).toEqual(required({ matchExpressions: exclusions }));
    const { stack: disabled } = guarded({ chart: 'node-agent', set: [{ name: 'agent.enabled', value: 'false' }] }, { charts: [{ chart: 'node-agent', affinityPath: 'agent.affinity', enabledPath: 'agent.enabled' }] });
    expect(rawRelease(disabled).values).toBeUndefined();
  });

  test('a values document that is a Terraform expression stays; the exclusion follows it, with a warning', () => {
    const { stack } = guarded({ values: [AMD64_ONLY, Fn.file('node-exporter.yaml')] });
    const release = rawRelease(stack);
    expect(release.values).toHaveLength(3);
    expect(release.values[1]).toBe('${file("node-exporter.yaml")}');
    expect(release.values[2]).toContain('virtual-kubelet');
    expect(warnings(stack).map((w) => w.message)).toEqual([
      expect.stringMatching(/^values\[1\] of helm_release test\/raw \(chart kube-prometheus-stack\) is, or holds, a Terraform expression that cannot be read at synth time/),
      expect.stringContaining('values[1] is a Terraform expression, and no readable document after it sets the required node affinity'),
    ]);
  });

  test('values given as one Terraform expression: the exclusion is concatenated after them', () => {
    const { stack } = newStack();
    const documents = new TerraformVariable(stack, 'documents', { type: 'list(string)' });
    new Release(stack, 'raw', { name: 'raw', chart: 'kube-prometheus-stack', values: documents.listValue });
    Aspects.of(stack).add(new FargateGuard());
    const values = rawRelease(stack).values;
    expect(typeof values).toBe('string');
    expect(values).toMatch(/^\$\{concat\(var\.documents, \["# Added by cdktf-eks-monitoring/);
  });

  test.each([
    ['set entries as one Terraform expression', { set: Token.asAny('${var.sets}') }, 'set is one Terraform expression'],
    ['a set name that is a Terraform expression', { set: [{ name: Fn.lower('NAME'), value: '1' }] }, 'set[0] has a name that is a Terraform expression'],
    ['invalid YAML', { values: ['a: [1\n'] }, 'values[0] (values document 1): invalid YAML at line 2'],
    ['an affinity that only Fargate satisfies', { values: [exporterYaml(required({ matchExpressions: [{ key: 'eks.amazonaws.com/compute-type', operator: 'In', values: ['fargate'] }] }))] }, 'node-exporter would be scheduled nowhere'],
  ])('cannot be guaranteed, so synth fails: %s', (_, config, message) => {
    const { app } = guarded(config as Partial<ReleaseConfig>);
    const error = synthError(app);
    expect(error).toContain('[test/raw] FargateGuard cannot keep the node-exporter pods of helm_release test/raw (chart kube-prometheus-stack) off excluded nodes: ');
    expect(error).toContain(message);
  });

  test('values or set entries replaced with addOverride cannot be checked', () => {
    const { app, release } = guarded({});
    release.addOverride('values', ['prometheus-node-exporter: {}']);
    expect(synthError(app)).toContain('its "values" attribute is replaced with addOverride');
  });

  test('a chart given as a Terraform expression: a warning that says it could not be checked', () => {
    const { stack } = newStack();
    const chart = new TerraformVariable(stack, 'chart', { type: 'string' });
    new Release(stack, 'raw', { name: 'raw', chart: chart.stringValue });
    Aspects.of(stack).add(new FargateGuard());
    expect(warnings(stack)).toEqual([{ path: 'test/raw', message: expect.stringContaining('its chart is a Terraform expression') }]);
  });
});

describe('FargateGuard, error mode', () => {
  test('one error per non-compliant release, naming its construct path and chart; nothing is changed', () => {
    const { app, stack } = newStack();
    new Release(stack, 'legacy', { name: 'legacy', chart: 'kube-prometheus-stack', version: '65.8.1' });
    new Release(stack, 'standalone', { name: 'standalone', chart: 'prometheus-node-exporter', values: [stringify({ affinity: required({ matchExpressions: [AMD64] }) })] });
    new Release(stack, 'set', {
      name: 'set',
      chart: 'kube-prometheus-stack',
      values: [exporterYaml(required(EXCLUSION_TERM))],
      set: [{ name: 'prometheus-node-exporter.affinity', value: 'null' }],
    });
    new Release(stack, 'compliant', { name: 'compliant', chart: 'kube-prometheus-stack', values: [exporterYaml(required(EXCLUSION_TERM))] });
    new KubePrometheusStack(stack, 'kps');
    Aspects.of(stack).add(new FargateGuard({ mode: 'error' }));
    const error = synthError(app)!;
    const lines = error.split('\n').filter((l) => l.includes('FargateGuard'));
    expect(lines).toHaveLength(3);
    expect(error).toContain('[test/legacy] FargateGuard (mode "error"): helm_release test/legacy (chart kube-prometheus-stack) can put node-exporter pods on excluded nodes: no required node affinity excludes');
    expect(error).toContain('[test/standalone] FargateGuard (mode "error"): helm_release test/standalone (chart prometheus-node-exporter)');
    expect(error).toContain('[test/set] FargateGuard (mode "error"): helm_release test/set (chart kube-prometheus-stack) can put node-exporter pods on excluded nodes: '
      + 'no required node affinity excludes eks.amazonaws.com/compute-type NotIn [fargate] and type NotIn [virtual-kubelet]; '
      + 'set[0] "prometheus-node-exporter.affinity" sets `prometheus-node-exporter.affinity` after every values document. '
      + 'Add `eks.amazonaws.com/compute-type NotIn [fargate]` and `type NotIn [virtual-kubelet]` to every required node affinity term of `prometheus-node-exporter.affinity` in the last values document');
    expect(error).toMatch(/\[test\/standalone\].*term of `affinity` in the last values document \(and set nothing under `affinity` with set entries\), or let FargateGuard fix it/);
    expect(error).not.toContain('test/compliant');
    expect(error).not.toContain('test/kps');
    expect(helmReleases(stack).legacy.values).toBeUndefined();
  });

  test('errors fail Testing.fullSynth and Testing.synth with validations too; a compliant app synthesizes', () => {
    const { stack } = guarded({}, { mode: 'error' });
    expect(() => Testing.fullSynth(stack)).toThrow(/FargateGuard \(mode "error"\): helm_release test\/raw/);
    expect(() => Testing.synth(stack, true)).toThrow(/FargateGuard \(mode "error"\): helm_release test\/raw/);
    const ok = guarded({ values: [exporterYaml(required(EXCLUSION_TERM))] }, { mode: 'error' });
    expect(synthError(ok.app)).toBeUndefined();
  });

  test('values that contradict the exclusion are reported as such, not as a missing exclusion', () => {
    const onlyFargate = exporterYaml(required({ matchExpressions: [{ key: 'eks.amazonaws.com/compute-type', operator: 'In', values: ['fargate'] }] }));
    const { app } = guarded({ values: [onlyFargate] }, { mode: 'error' });
    expect(synthError(app)).toMatch(/FargateGuard cannot keep the node-exporter pods of helm_release test\/raw \(chart kube-prometheus-stack\) off excluded nodes: node-exporter would be scheduled nowhere/);
  });

  test('a Terraform expression document with nothing readable after it is reported', () => {
    const { app } = guarded({ values: [Fn.file('values.yaml')] }, { mode: 'error' });
    expect(synthError(app)).toContain('values[0] is a Terraform expression, and no readable document after it sets the required node affinity');
  });
});

describe('FargateGuard props', () => {
  test('invalid props fail at once, saying what to change', () => {
    expect(() => new FargateGuard({ mode: 'warn' as 'fix' })).toThrow('FargateGuard mode must be "fix" or "error", got "warn".');
    expect(() => new FargateGuard({ exclusions: [] })).toThrow(/FargateGuard exclusions: exclusions must be a non-empty list/);
    expect(() => new FargateGuard({ exclusions: [{ key: 'type', operator: 'Exists', values: ['x'] }] })).toThrow(/FargateGuard exclusions: invalid exclusion/);
    expect(() => new FargateGuard({ charts: [{ chart: 'x', affinityPath: 'a[0]' }] })).toThrow(/no list indexes/);
  });
});
