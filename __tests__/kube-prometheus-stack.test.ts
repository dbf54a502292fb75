import { HelmProvider } from '@cdktf/provider-helm/lib/provider';
import { Release } from '@cdktf/provider-helm/lib/release';
import { Fn, TerraformVariable, Testing, Token } from 'cdktf';
import { KubePrometheusStack, KubePrometheusStackProps } from '../lib';
import { effectiveValues, newStack, onlyRelease, synthError, warnings } from './support/synth';

const FARGATE = { key: 'eks.amazonaws.com/compute-type', operator: 'NotIn', values: ['fargate'] };
const VIRTUAL_KUBELET = { key: 'type', operator: 'NotIn', values: ['virtual-kubelet'] };
const AMD64 = { key: 'kubernetes.io/arch', operator: 'In', values: ['amd64'] };
const requiredTerms = (terms: any[]) => ({ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } } });
const exporterAffinity = (affinity: unknown) => ({ 'prometheus-node-exporter': { affinity } });

function synthRelease(props: KubePrometheusStackProps = {}) {
  const { app, stack } = newStack();
  const kps = new KubePrometheusStack(stack, 'kps', props);
  return { app, stack, kps, release: onlyRelease(stack) };
}

/** The node-exporter affinity Helm merges from the synthesized values and sets. */
function helmAffinity(release: any): any {
  return (effectiveValues(release)['prometheus-node-exporter'] as any)?.affinity;
}

describe('KubePrometheusStack release', () => {
  test('defaults: chart, repository, version, namespace and production release behaviour', () => {
    const { release } = synthRelease();
    expect(release).toMatchObject({
      name: 'kube-prometheus-stack',
      chart: 'kube-prometheus-stack',
      repository: 'https://prometheus-community.github.io/helm-charts',
      version: '88.5.3',
      namespace: 'monitoring',
      create_namespace: true,
      atomic: true,
      wait: true,
      timeout: 900,
      cleanup_on_fail: true,
      max_history: 10,
    });
    expect(helmAffinity(release)).toEqual(requiredTerms([{ matchExpressions: [FARGATE, VIRTUAL_KUBELET] }]));
  });

  test('props reach the release', () => {
    const { stack } = newStack();
    const provider = new HelmProvider(stack, 'helm-eks', { alias: 'eks' });
    new KubePrometheusStack(stack, 'kps', {
      releaseName: 'prom', namespace: 'observability', createNamespace: false, repository: 'oci://registry.example.com/charts',
      chartVersion: '65.8.1', atomic: false, wait: false, timeout: 300, cleanupOnFail: false, maxHistory: 3, provider,
    });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(Release, {
      name: 'prom', namespace: 'observability', create_namespace: false, repository: 'oci://registry.example.com/charts',
      version: '65.8.1', atomic: false, wait: false, timeout: 300, cleanup_on_fail: false, max_history: 3, provider: 'helm.eks',
    });
  });

  test('a user required affinity is kept and the exclusion is ANDed into every term (several terms, matchFields)', () => {
    const nameTerm = { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['ip-10-0-1-5.ec2.internal'] }] };
    const { release } = synthRelease({ values: [exporterAffinity(requiredTerms([{ matchExpressions: [AMD64] }, nameTerm]))] });
    expect(helmAffinity(release)).toEqual(requiredTerms([
      { matchExpressions: [AMD64, FARGATE, VIRTUAL_KUBELET] },
      { ...nameTerm, matchExpressions: [FARGATE, VIRTUAL_KUBELET] },
    ]));
  });

  test('a later document replaces an earlier one\'s terms, as Helm does, and the exclusion follows the later one', () => {
    const arm64 = { key: 'kubernetes.io/arch', operator: 'In', values: ['arm64'] };
    const { release } = synthRelease({
      values: [exporterAffinity(requiredTerms([{ matchExpressions: [AMD64] }])), exporterAffinity(requiredTerms([{ matchExpressions: [arm64] }]))],
    });
    expect(helmAffinity(release)).toEqual(requiredTerms([{ matchExpressions: [arm64, FARGATE, VIRTUAL_KUBELET] }]));
    expect(release.values).toHaveLength(3);
  });

  test('a null affinity in a later document still ends with the exclusion', () => {
    const { release } = synthRelease({ values: [exporterAffinity(requiredTerms([{ matchExpressions: [AMD64] }])), exporterAffinity(null)] });
    expect(helmAffinity(release)).toEqual(requiredTerms([{ matchExpressions: [FARGATE, VIRTUAL_KUBELET] }]));
  });

  test('preferred terms, pod anti-affinity, nodeSelector and tolerations are left to the user\'s own documents', () => {
    const affinity = {
      nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 50, preference: { matchExpressions: [AMD64] } }] },
      podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'kubernetes.io/hostname' }] },
    };
    const { release } = synthRelease({
      values: [{ 'prometheus-node-exporter': { affinity, nodeSelector: { team: 'platform' }, tolerations: [{ operator: 'Exists' }] } }],
    });
    const exporter = effectiveValues(release)['prometheus-node-exporter'] as any;
    expect(exporter.affinity).toEqual({ ...affinity, nodeAffinity: { ...affinity.nodeAffinity, ...requiredTerms([{ matchExpressions: [FARGATE, VIRTUAL_KUBELET] }]).nodeAffinity } });
    expect(exporter.nodeSelector).toEqual({ team: 'platform' });
    expect(exporter.tolerations).toEqual([{ operator: 'Exists' }]);
    // The appended document holds only the required terms.
    expect(release.values[1]).not.toMatch(/preferred|podAntiAffinity|nodeSelector:|tolerations/);
  });

  test('YAML string documents are passed through as written and read like -f files', () => {
    const doc = '# node-exporter only on amd64\nprometheus-node-exporter:\n  affinity:\n    nodeAffinity:\n      requiredDuringSchedulingIgnoredDuringExecution:\n        nodeSelectorTerms:\n          - matchExpressions: [{key: kubernetes.io/arch, operator: In, values: [amd64]}]\n';
    const { release } = synthRelease({ values: [doc, { grafana: { enabled: false } }] });
    expect(release.values[0]).toBe(doc);
    expect(helmAffinity(release)).toEqual(requiredTerms([{ matchExpressions: [AMD64, FARGATE, VIRTUAL_KUBELET] }]));
    expect(release.values[1]).toBe('grafana:\n  enabled: false\n');
    expect(release.values[2]).toMatch(/^# Added by cdktf-eks-monitoring/);
  });

  test('custom exclusions replace the defaults', () => {
    const windows = { key: 'kubernetes.io/os', operator: 'NotIn', values: ['windows'] };
    const { release, kps } = synthRelease({ nodeExporterExclusions: [FARGATE, windows] });
    expect(helmAffinity(release)).toEqual(requiredTerms([{ matchExpressions: [FARGATE, windows] }]));
    expect(kps.nodeExporterAffinity).toEqual(requiredTerms([{ matchExpressions: [FARGATE, windows] }]));
  });

  test('isKubePrometheusStack', () => {
    const { kps } = synthRelease();
    expect(KubePrometheusStack.isKubePrometheusStack(kps)).toBe(true);
    expect(KubePrometheusStack.isKubePrometheusStack(kps.release)).toBe(false);
  });
});

describe('set entries', () => {
  test('other entries pass through unchanged, in every list', () => {
    const set = [{ name: 'grafana.ingress.enabled', value: 'true' }, { name: 'prometheus-node-exporter.hostNetwork', value: 'false', type: 'auto' }];
    const setSensitive = [{ name: 'grafana.adminPassword', value: 's3cret' }];
    const setList = [{ name: 'prometheus.prometheusSpec.externalLabels.regions', value: ['eu', 'us'] }];
    const { release, app } = synthRelease({ set, setSensitive, setList });
    expect(release.set).toEqual(set);
    expect(release.set_sensitive).toEqual(setSensitive);
    expect(release.set_list).toEqual(setList);
    expect(synthError(app)).toBeUndefined();
  });

  test.each([
    ['set', { set: [{ name: 'prometheus-node-exporter.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].key', value: 'x' }] }, 'set[0]'],
    ['set (null affinity)', { set: [{ name: 'grafana.enabled', value: 'true' }, { name: 'prometheus-node-exporter.affinity', value: 'null' }] }, 'set[1]'],
    ['set (the whole subchart map)', { set: [{ name: 'prometheus-node-exporter', value: 'null' }] }, 'set[0]'],
    ['set (an assignment hidden after a comma)', { set: [{ name: 'grafana.enabled', value: 'true,prometheus-node-exporter.affinity=null' }] }, 'set[0]'],
    ['setSensitive', { setSensitive: [{ name: 'prometheus-node-exporter.affinity.nodeAffinity', value: 'null' }] }, 'set_sensitive[0]'],
    ['setList', { setList: [{ name: 'prometheus-node-exporter.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms', value: [] }] }, 'set_list[0]'],
  ])('%s targeting prometheus-node-exporter.affinity is a synth error naming the entry and suggesting values', (_name, props, entry) => {
    const { app } = synthRelease(props as KubePrometheusStackProps);
    const message = synthError(app);
    expect(message).toContain('[test/kps]');
    expect(message).toContain(`${entry} "`);
    expect(message).toMatch(/Pass the affinity in `values` instead/);
  });

  test('type "literal" names one top-level key, dots included, as the provider reads it', () => {
    const harmless = synthRelease({ set: [{ name: 'prometheus-node-exporter.affinity', value: 'null', type: 'literal' }] });
    expect(synthError(harmless.app)).toBeUndefined();
    const replacesTheMap = synthRelease({ set: [{ name: 'prometheus-node-exporter', value: '{affinity: null}', type: 'literal' }] });
    expect(synthError(replacesTheMap.app)).toMatch(/set\[0\] "prometheus-node-exporter" sets prometheus-node-exporter.affinity/);
  });

  test('nodeExporter.enabled=false by set: no exclusion needed, no error, even with an affinity set', () => {
    const { release, app } = synthRelease({
      set: [{ name: 'nodeExporter.enabled', value: 'false' }, { name: 'prometheus-node-exporter.affinity', value: 'null' }],
    });
    expect(release.values).toEqual([]);
    expect(synthError(app)).toBeUndefined();
  });

  test('nodeExporter.enabled="false" as a string does not disable the subchart (Helm needs a bool), so the exclusion stays', () => {
    const { release } = synthRelease({ set: [{ name: 'nodeExporter.enabled', value: 'false', type: 'string' }] });
    expect(helmAffinity(release)).toEqual(requiredTerms([{ matchExpressions: [FARGATE, VIRTUAL_KUBELET] }]));
  });

  test('a set entry whose name is a Terraform expression is an error', () => {
    const { stack, app } = newStack();
    const name = new TerraformVariable(stack, 'key', { type: 'string' });
    new KubePrometheusStack(stack, 'kps', { set: [{ name: name.stringValue, value: 'x' }] });
    expect(synthError(app)).toMatch(/set\[0\] has a name that is a Terraform expression/);
  });
});

describe('values that cannot be read at synth time', () => {
  test('Fn.file stays in place, the exclusion document follows it, and a warning says its affinity cannot be merged', () => {
    const { stack } = newStack();
    const kps = new KubePrometheusStack(stack, 'kps', { values: [{ grafana: { enabled: true } }, Fn.file('values.yaml'), Fn.templatefile('more.yaml.tpl', { a: 1 })] });
    const release = onlyRelease(stack);
    expect(release.values[1]).toBe('${file("values.yaml")}');
    expect(release.values[2]).toMatch(/^\$\{templatefile\("more.yaml.tpl", \{/);
    expect(release.values[3]).toMatch(/eks.amazonaws.com\/compute-type/);
    expect(release.values).toHaveLength(4);
    const found = warnings(stack).filter((w) => w.path === kps.node.path);
    expect(found.map((w) => w.message)).toEqual([
      expect.stringMatching(/^values\[1\] \(values document 2\) is, or holds, a Terraform expression, so .* cannot be merged/),
      expect.stringMatching(/^values\[2\] \(values document 3\) is, or holds, a Terraform expression/),
    ]);
  });

  test('a YAML string that only becomes YAML once Terraform fills in an expression is unreadable, not an error', () => {
    const { stack, app } = newStack();
    const kps = new KubePrometheusStack(stack, 'kps', { values: [`grafana:\n${Fn.indent(2, Fn.file('grafana.yaml'))}\n- x: [\n`] });
    expect(synthError(app)).toBeUndefined();
    expect(warnings(stack).filter((w) => w.path === kps.node.path).map((w) => w.message)).toEqual([expect.stringMatching(/^values\[0\] .* holds, a Terraform expression/)]);
  });

  test('a document that is an unresolvable object (IResolvable) is yamlencoded and handled the same way', () => {
    const { stack } = newStack();
    new KubePrometheusStack(stack, 'kps', { values: [Token.asAny(Fn.yamldecode(Fn.file('v.yaml')))] });
    const release = onlyRelease(stack);
    expect(release.values[0]).toBe('${yamlencode(yamldecode(file("v.yaml")))}');
    expect(release.values).toHaveLength(2);
  });
});

describe('Terraform references inside values objects', () => {
  test('arrive intact in the YAML: unquoted, unfolded, as jsonencode() so any value stays valid YAML', () => {
    const { stack } = newStack();
    const password = new TerraformVariable(stack, 'grafana_admin_password', { type: 'string', sensitive: true });
    const retentionDays = new TerraformVariable(stack, 'retention_days', { type: 'number' });
    const domain = new TerraformVariable(stack, 'domain', { type: 'string' });
    new KubePrometheusStack(stack, 'kps', {
      values: [{
        grafana: { adminPassword: password.stringValue, 'grafana.ini': { server: { root_url: `https://grafana.${domain.stringValue}/${'a'.repeat(120)}` } } },
        prometheus: { prometheusSpec: { retention: `${Token.asString(retentionDays.numberValue)}d`, replicas: retentionDays.numberValue } },
      }],
    });
    const doc: string = onlyRelease(stack).values[0];
    expect(doc).toContain('  adminPassword: ${jsonencode(var.grafana_admin_password)}\n');
    expect(doc).toContain('      root_url: ${jsonencode("https://grafana.${var.domain}/' + 'a'.repeat(120) + '")}\n');
    expect(doc).toContain('    retention: ${jsonencode("${var.retention_days}d")}\n');
    expect(doc).toContain('    replicas: ${jsonencode(var.retention_days)}\n');
  });

  test('a reference inside the node-exporter affinity is kept in the enforced terms', () => {
    const { stack } = newStack();
    const pool = new TerraformVariable(stack, 'node_pool', { type: 'string' });
    new KubePrometheusStack(stack, 'kps', {
      values: [exporterAffinity(requiredTerms([{ matchExpressions: [{ key: 'pool', operator: 'In', values: [pool.stringValue] }] }]))],
    });
    const enforced: string = onlyRelease(stack).values[1];
    expect(enforced).toContain('- ${jsonencode(var.node_pool)}\n');
    expect(enforced).toMatch(/key: pool[\s\S]*key: eks.amazonaws.com\/compute-type/);
  });
});

describe('invalid values', () => {
  test('invalid YAML: error naming the construct path, the document index and the line', () => {
    const { app } = synthRelease({ values: [{ a: 1 }, 'grafana:\n  enabled: true\n  - oops\n'] });
    expect(synthError(app)).toMatch(/\[test\/kps\] values\[1\] \(values document 2\): invalid YAML at line 3/);
  });

  test.each([
    ['a list', [['a']]],
    ['a number', [42]],
    ['null', [null]],
    ['a YAML list', ['- a\n- b\n']],
    ['a YAML scalar', ['hello']],
  ])('a document that is not a mapping (%s) is an error', (_name, values) => {
    const { app } = synthRelease({ values });
    expect(synthError(app)).toMatch(/\[test\/kps\] values\[0\] \(values document 1\) must be a mapping/);
  });

  test('an affinity that is not a mapping is an error', () => {
    const { app } = synthRelease({ values: [exporterAffinity('nope')] });
    expect(synthError(app)).toMatch(/prometheus-node-exporter.affinity is not a valid Kubernetes affinity/);
  });

  test('invalid exclusions are an error', () => {
    const { app } = synthRelease({ nodeExporterExclusions: [{ key: 'x', operator: 'NotIn' }] });
    expect(synthError(app)).toMatch(/nodeExporterExclusions: invalid exclusion/);
  });
});

describe('node-exporter schedulable nowhere', () => {
  test('every term only matches Fargate: synth error that says so', () => {
    const { app } = synthRelease({ values: [exporterAffinity(requiredTerms([{ matchExpressions: [{ key: 'eks.amazonaws.com/compute-type', operator: 'In', values: ['fargate'] }] }]))] });
    expect(synthError(app)).toMatch(/\[test\/kps\] node-exporter would be scheduled nowhere/);
  });

  test('a nodeSelector pinning compute-type fargate: synth error that says so', () => {
    const { app } = synthRelease({ values: ['prometheus-node-exporter:\n  nodeSelector:\n    eks.amazonaws.com/compute-type: fargate\n'] });
    expect(synthError(app)).toMatch(/node-exporter would be scheduled nowhere.*nodeSelector/);
  });

  test('nodeExporter.enabled: false in values: no exclusion needed, no error', () => {
    const { app, release } = synthRelease({
      values: [{ nodeExporter: { enabled: false } }, exporterAffinity(requiredTerms([{ matchExpressions: [{ key: 'eks.amazonaws.com/compute-type', operator: 'In', values: ['fargate'] }] }]))],
    });
    expect(release.values).toHaveLength(2);
    expect(synthError(app)).toBeUndefined();
  });
});
