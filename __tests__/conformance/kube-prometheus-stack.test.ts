// Conformance: the helm_release that KubePrometheusStack synthesizes, rendered by the REAL helm against the
// REAL kube-prometheus-stack packages (65.8.1: no upstream exclusion; 88.5.3: an upstream exclusion that any
// user nodeSelectorTerms list replaces), then judged with podFitsNode against realistic EKS nodes.
//
// For every case and both chart versions:
//   - every required nodeSelectorTerm of the rendered DaemonSet ANDs `eks.amazonaws.com/compute-type NotIn
//     [fargate]` and `type NotIn [virtual-kubelet]`, and what is left of the terms is the user's own terms;
//   - the rendered affinity ALONE keeps the pod off Fargate and virtual-kubelet (even tolerating every taint);
//   - the DaemonSet controller would run node-exporter on exactly the nodes the user's constraints admit,
//     minus Fargate and virtual-kubelet (the expected lists are written out by hand, per case).
// For contrast, the same user values in a plain helm_release put node-exporter on the Fargate node.
//
// Cost: each render is a full `helm template` of kube-prometheus-stack (~0.45 s). This file renders 24 times,
// each once, in beforeAll; the tests only read the results.
import * as fs from 'fs';
import * as path from 'path';
import { Release } from '@cdktf/provider-helm/lib/release';
import { TerraformStack, TerraformVariable } from 'cdktf';
import { stringify } from 'yaml';
import { KubePrometheusStack, KubePrometheusStackProps } from '../../lib';
import { KubernetesNode } from '../../lib/k8s/types';
import { explainPodFitsNode, podFitsNode } from '../../lib/scheduling';
import { chartPath, describeWithCharts } from '../support/charts';
import { HelmReleaseJson, InterpolationOptions, nodeExporterDaemonSet, podSpecOf } from '../support/helm';
import { newStack, onlyRelease, synthError } from '../support/synth';

// ---------------------------------------------------------------------------------------------------
// Nodes
// ---------------------------------------------------------------------------------------------------

const NODE_LIST: { items: KubernetesNode[] } = JSON.parse(
  fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'eks-nodes.json'), 'utf8'),
);

/** The fixture nodes by what they are. */
const NODE_NAMES = {
  'ec2-amd64': 'ip-10-0-11-37.ec2.internal',
  'ec2-arm64-spot': 'ip-10-0-12-184.ec2.internal',
  fargate: 'fargate-ip-10-0-21-9.ec2.internal',
  'auto-mode': 'i-0a1b2c3d4e5f60718',
  'hybrid-amd64': 'mi-0123456789abcdef0',
  'virtual-kubelet': 'virtual-node-aci-linux',
  windows: 'ip-10-0-13-77.ec2.internal',
} as const;
type NodeKind = keyof typeof NODE_NAMES;
const NODE_KINDS = Object.keys(NODE_NAMES) as NodeKind[];

function node(kind: NodeKind): KubernetesNode {
  const found = NODE_LIST.items.find((n) => n.metadata.name === NODE_NAMES[kind]);
  if (!found) throw new Error(`no node ${NODE_NAMES[kind]} (${kind}) in eks-nodes.json`);
  return found;
}

// ---------------------------------------------------------------------------------------------------
// Values
// ---------------------------------------------------------------------------------------------------

const FARGATE = { key: 'eks.amazonaws.com/compute-type', operator: 'NotIn', values: ['fargate'] };
const VIRTUAL_KUBELET = { key: 'type', operator: 'NotIn', values: ['virtual-kubelet'] };
const EXCLUSIONS = [FARGATE, VIRTUAL_KUBELET];

const arch = (a: string) => ({ key: 'kubernetes.io/arch', operator: 'In', values: [a] });
const nodeName = (kind: NodeKind) => ({ key: 'metadata.name', operator: 'In', values: [NODE_NAMES[kind]] });
const requiredTerms = (terms: object[]) => ({ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } } });
const exporter = (values: object) => ({ 'prometheus-node-exporter': values });

const AMD64_TERM = { matchExpressions: [arch('amd64')] };
const ARM64_TERM = { matchExpressions: [arch('arm64')] };
const FARGATE_OR_HYBRID_TERM = { matchExpressions: [{ key: 'eks.amazonaws.com/compute-type', operator: 'In', values: ['fargate', 'hybrid'] }] };
const ONLY_FARGATE_TERM = { matchExpressions: [{ key: 'eks.amazonaws.com/compute-type', operator: 'In', values: ['fargate'] }] };

/** What a new user writes to keep node-exporter on amd64: a YAML -f file, comments and flow style included. */
const AMD64_ONLY_YAML = [
  '# node-exporter: amd64 nodes only',
  'prometheus-node-exporter:',
  '  affinity:',
  '    nodeAffinity:',
  '      requiredDuringSchedulingIgnoredDuringExecution:',
  '        nodeSelectorTerms:',
  '          - matchExpressions: [{key: kubernetes.io/arch, operator: In, values: [amd64]}]',
  '',
].join('\n');

const PREFERRED = [{ weight: 50, preference: { matchExpressions: [{ key: 'eks.amazonaws.com/capacityType', operator: 'In', values: ['ON_DEMAND'] }] } }];
const POD_ANTI_AFFINITY = {
  requiredDuringSchedulingIgnoredDuringExecution: [
    { labelSelector: { matchLabels: { 'app.kubernetes.io/name': 'legacy-node-agent' } }, topologyKey: 'kubernetes.io/hostname' },
  ],
};

// ---------------------------------------------------------------------------------------------------
// Cases
// ---------------------------------------------------------------------------------------------------

const VERSIONS = ['65.8.1', '88.5.3'] as const;
type Version = (typeof VERSIONS)[number];

interface Rendered {
  /** The synthesized helm_release (cdk.tf.json, snake_case). */
  readonly release: HelmReleaseJson;
  /** The node-exporter DaemonSet helm rendered, or undefined. */
  readonly daemonSet: any;
  /** app.synth() with validations: the error message, or undefined. */
  readonly synthError: string | undefined;
}

interface Case {
  readonly title: string;
  /** The construct's props (a function: Terraform variables need the stack). */
  readonly props: (stack: TerraformStack) => KubePrometheusStackProps;
  /** How the harness resolves interpolations (default: every one becomes INTERPOLATION_PLACEHOLDER). */
  readonly interpolations?: InterpolationOptions;
  /**
   * The user's required terms as they must reappear in the render once the exclusions are taken out;
   * `[{}]` when the user has none (the construct adds one term holding only the exclusions).
   */
  readonly userTerms: object[];
  /** The nodes node-exporter must run on; it must run on no other fixture node. */
  readonly runsOn: NodeKind[];
  /** Further checks on the render, with what they check. */
  readonly also?: { readonly title: string; readonly check: (r: Rendered, spec: any) => void };
}

const NO_USER_TERMS = [{}];

const CASES: Case[] = [
  {
    title: 'no values',
    props: () => ({}),
    userTerms: NO_USER_TERMS,
    runsOn: ['ec2-amd64', 'ec2-arm64-spot', 'auto-mode', 'hybrid-amd64'],
    also: {
      title: 'the chart\'s own nodeSelector and tolerations are rendered unchanged',
      check: (_r, spec) => {
        expect(spec.nodeSelector).toEqual({ 'kubernetes.io/os': 'linux' });
        expect(spec.tolerations).toEqual([{ effect: 'NoSchedule', operator: 'Exists' }]);
      },
    },
  },
  {
    title: 'a user required affinity with several terms (arm64, or compute-type in [fargate, hybrid])',
    props: () => ({ values: [exporter({ affinity: requiredTerms([ARM64_TERM, FARGATE_OR_HYBRID_TERM]) })] }),
    userTerms: [ARM64_TERM, FARGATE_OR_HYBRID_TERM],
    runsOn: ['ec2-arm64-spot', 'hybrid-amd64'],
  },
  {
    title: 'matchFields terms (metadata.name of the Fargate node, of the arm64 node, and amd64 + the Auto Mode node)',
    props: () => ({
      values: [exporter({
        affinity: requiredTerms([
          { matchFields: [nodeName('fargate')] },
          { matchFields: [nodeName('ec2-arm64-spot')] },
          { matchExpressions: [arch('amd64')], matchFields: [nodeName('auto-mode')] },
        ]),
      })],
    }),
    userTerms: [
      { matchFields: [nodeName('fargate')] },
      { matchFields: [nodeName('ec2-arm64-spot')] },
      { matchExpressions: [arch('amd64')], matchFields: [nodeName('auto-mode')] },
    ],
    runsOn: ['ec2-arm64-spot', 'auto-mode'],
  },
  {
    title: 'YAML-string documents (amd64 only; a later YAML document adds pod labels to the same subchart map)',
    props: () => ({ values: [AMD64_ONLY_YAML, 'prometheus-node-exporter:\n  podLabels:\n    team: platform\n'] }),
    userTerms: [AMD64_TERM],
    runsOn: ['ec2-amd64', 'auto-mode', 'hybrid-amd64'],
    also: {
      title: 'the later YAML document is applied too (maps merge)',
      check: (r) => expect(r.daemonSet.spec.template.metadata.labels).toMatchObject({ team: 'platform' }),
    },
  },
  {
    title: 'a later document overriding an earlier one (amd64, then arm64 or only-Fargate)',
    props: () => ({
      values: [
        exporter({ affinity: requiredTerms([AMD64_TERM]) }),
        stringify(exporter({ affinity: requiredTerms([ARM64_TERM, ONLY_FARGATE_TERM]) })),
      ],
    }),
    // The term that can only match Fargate is dropped (it would admit no node once Fargate is excluded).
    userTerms: [ARM64_TERM],
    runsOn: ['ec2-arm64-spot'],
  },
  {
    title: 'a null affinity in a later document (after amd64 + preferred terms)',
    props: () => ({
      values: [
        exporter({ affinity: { nodeAffinity: { ...requiredTerms([AMD64_TERM]).nodeAffinity, preferredDuringSchedulingIgnoredDuringExecution: PREFERRED } } }),
        'prometheus-node-exporter:\n  affinity: null\n',
      ],
    }),
    userTerms: NO_USER_TERMS,
    runsOn: ['ec2-amd64', 'ec2-arm64-spot', 'auto-mode', 'hybrid-amd64'],
    also: {
      title: 'nothing of the deleted affinity survives (no preferred terms)',
      check: (_r, spec) => expect(spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution).toBeUndefined(),
    },
  },
  {
    title: 'preferred terms, podAntiAffinity, nodeSelector (amd64) and tolerations (everything) from the user',
    props: () => ({
      values: [exporter({
        affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: PREFERRED }, podAntiAffinity: POD_ANTI_AFFINITY },
        nodeSelector: { 'kubernetes.io/arch': 'amd64' },
        tolerations: [{ operator: 'Exists' }],
      })],
    }),
    userTerms: NO_USER_TERMS,
    runsOn: ['ec2-amd64', 'auto-mode', 'hybrid-amd64'],
    also: {
      title: 'preferred terms, podAntiAffinity, nodeSelector and tolerations are rendered as the user wrote them',
      check: (_r, spec) => {
        expect(spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution).toEqual(PREFERRED);
        expect(spec.affinity.podAntiAffinity).toEqual(POD_ANTI_AFFINITY);
        expect(spec.affinity.podAffinity).toBeUndefined();
        // Helm merges maps: the chart's kubernetes.io/os=linux stays next to the user's key.
        expect(spec.nodeSelector).toEqual({ 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64' });
        // Lists replace: the user's tolerations, which tolerate the Fargate and virtual-kubelet taints too.
        expect(spec.tolerations).toEqual([{ operator: 'Exists' }]);
      },
    },
  },
  {
    title: 'Terraform variables in the values (grafana.adminPassword, and the arch in the node-exporter affinity)',
    props: (stack) => {
      const password = new TerraformVariable(stack, 'grafana_admin_password', { type: 'string', sensitive: true });
      const nodeArch = new TerraformVariable(stack, 'node_arch', { type: 'string' });
      return {
        values: [
          { grafana: { adminPassword: password.stringValue } },
          exporter({ affinity: requiredTerms([{ matchExpressions: [{ key: 'kubernetes.io/arch', operator: 'In', values: [nodeArch.stringValue] }] }]) }),
        ],
      };
    },
    // As if applied with node_arch = "arm64"; the password becomes the harness's placeholder.
    interpolations: { substitutions: { 'jsonencode(var.node_arch)': '"arm64"' } },
    userTerms: [ARM64_TERM],
    runsOn: ['ec2-arm64-spot'],
    also: {
      title: 'the references reach the release as ${jsonencode(...)}, in the user\'s document and in the enforced one',
      check: (r) => {
        expect(r.release.values![0]).toContain('adminPassword: ${jsonencode(var.grafana_admin_password)}');
        expect(r.release.values![r.release.values!.length - 1]).toContain('${jsonencode(var.node_arch)}');
      },
    },
  },
  {
    title: 'set entries that pass through (grafana.enabled=false, hostNetwork=false, nodeSelector arch=arm64) and set_sensitive',
    props: () => ({
      set: [
        { name: 'grafana.enabled', value: 'false' },
        { name: 'prometheus-node-exporter.hostNetwork', value: 'false' },
        { name: 'prometheus-node-exporter.nodeSelector.kubernetes\\.io/arch', value: 'arm64' },
      ],
      setSensitive: [{ name: 'grafana.adminPassword', value: 's3cret' }],
    }),
    userTerms: NO_USER_TERMS,
    runsOn: ['ec2-arm64-spot'],
    also: {
      title: 'the set entries reach the render (hostNetwork false, nodeSelector merged)',
      check: (r, spec) => {
        expect(r.release.set).toHaveLength(3);
        expect(spec.hostNetwork).toBe(false);
        expect(spec.nodeSelector).toEqual({ 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'arm64' });
      },
    },
  },
];

/** The cases where node-exporter is disabled: no DaemonSet at all. */
const DISABLED: { title: string; props: KubePrometheusStackProps }[] = [
  {
    title: 'nodeExporter.enabled: false in values (next to a user affinity)',
    props: { values: [{ nodeExporter: { enabled: false } }, exporter({ affinity: requiredTerms([AMD64_TERM]) })] },
  },
  { title: 'nodeExporter.enabled=false by set', props: { set: [{ name: 'nodeExporter.enabled', value: 'false' }] } },
];

// ---------------------------------------------------------------------------------------------------
// Rendering and judging
// ---------------------------------------------------------------------------------------------------

const kps = (version: Version) => chartPath('kube-prometheus-stack', version);

function renderConstruct(version: Version, props: (stack: TerraformStack) => KubePrometheusStackProps, interpolations?: InterpolationOptions): Rendered {
  const { app, stack } = newStack();
  new KubePrometheusStack(stack, 'kps', { ...props(stack), chartVersion: version });
  const release = onlyRelease(stack) as HelmReleaseJson;
  if (release.version !== version) throw new Error(`chartVersion ${version} did not reach the release (got ${String(release.version)})`);
  return { release, daemonSet: nodeExporterDaemonSet(release, kps(version), interpolations), synthError: synthError(app) };
}

function renderRaw(version: Version, values: string[]): Rendered {
  const { stack } = newStack();
  new Release(stack, 'raw', { name: 'kube-prometheus-stack', chart: 'kube-prometheus-stack', namespace: 'monitoring', version, values });
  const release = onlyRelease(stack) as HelmReleaseJson;
  return { release, daemonSet: nodeExporterDaemonSet(release, kps(version)), synthError: undefined };
}

function requiredTermsOf(spec: any): any[] {
  const terms = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (!Array.isArray(terms)) throw new Error(`the rendered pod spec has no required nodeSelectorTerms: ${JSON.stringify(spec.affinity)}`);
  return terms;
}

/** A rendered term without the exclusion requirements (and without lists left empty). */
function withoutExclusions(term: any): object {
  const rest: any = { ...term };
  const isExclusion = (req: any) => EXCLUSIONS.some((e) => JSON.stringify(e) === JSON.stringify(req));
  if (Array.isArray(term.matchExpressions)) {
    const kept = term.matchExpressions.filter((req: any) => !isExclusion(req));
    if (kept.length > 0) rest.matchExpressions = kept;
    else delete rest.matchExpressions;
  }
  return rest;
}

/** Per fixture node: "runs" or "off: <why>", as the DaemonSet controller decides. */
function placement(spec: any): Record<NodeKind, string> {
  return Object.fromEntries(
    NODE_KINDS.map((kind) => {
      const verdict = explainPodFitsNode(spec, node(kind));
      return [kind, verdict.scheduled ? 'runs' : `off: ${verdict.reason}`];
    }),
  ) as Record<NodeKind, string>;
}

function expectedPlacement(runsOn: readonly NodeKind[]): Record<NodeKind, unknown> {
  return Object.fromEntries(NODE_KINDS.map((kind) => [kind, runsOn.includes(kind) ? 'runs' : expect.stringMatching(/^off: /)])) as Record<NodeKind, unknown>;
}

// ---------------------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------------------

describeWithCharts('KubePrometheusStack rendered by the real helm: node-exporter never lands on Fargate or virtual-kubelet', () => {
  test('the node fixtures are the EKS node kinds the cases rely on', () => {
    expect(node('fargate').metadata.labels).toMatchObject({ 'eks.amazonaws.com/compute-type': 'fargate', 'kubernetes.io/arch': 'amd64' });
    expect(node('virtual-kubelet').metadata.labels).toMatchObject({ type: 'virtual-kubelet', 'kubernetes.io/os': 'linux' });
    expect(node('auto-mode').metadata.labels).toMatchObject({ 'eks.amazonaws.com/compute-type': 'auto', 'kubernetes.io/arch': 'amd64' });
    expect(node('hybrid-amd64').metadata.labels).toMatchObject({ 'eks.amazonaws.com/compute-type': 'hybrid', 'kubernetes.io/arch': 'amd64' });
    expect(node('ec2-arm64-spot').metadata.labels).toMatchObject({ 'kubernetes.io/arch': 'arm64', 'eks.amazonaws.com/capacityType': 'SPOT' });
    expect(node('windows').metadata.labels).toMatchObject({ 'kubernetes.io/os': 'windows', 'kubernetes.io/arch': 'amd64' });
    expect(NODE_LIST.items).toHaveLength(NODE_KINDS.length);
  });

  describe.each(CASES)('$title', (c) => {
    const rendered = {} as Record<Version, Rendered>;
    beforeAll(() => {
      for (const v of VERSIONS) rendered[v] = renderConstruct(v, c.props, c.interpolations);
    });
    const spec = (v: Version) => {
      expect(rendered[v].daemonSet).toBeDefined();
      return podSpecOf(rendered[v].daemonSet);
    };

    test.each(VERSIONS)('%s: synthesizes with no validation error and renders the node-exporter DaemonSet', (v) => {
      expect(rendered[v].synthError).toBeUndefined();
      expect(rendered[v].daemonSet.metadata.labels['helm.sh/chart']).toBe(v === '65.8.1' ? 'prometheus-node-exporter-4.40.0' : 'prometheus-node-exporter-4.56.1');
    });

    test.each(VERSIONS)('%s: every required term ANDs the exclusions, and the rest of the terms are the user\'s own', (v) => {
      const terms = requiredTermsOf(spec(v));
      for (const term of terms) expect(term.matchExpressions).toEqual(expect.arrayContaining(EXCLUSIONS));
      expect(terms.map(withoutExclusions)).toEqual(c.userTerms);
    });

    test.each(VERSIONS)('%s: the rendered affinity alone keeps node-exporter off Fargate and virtual-kubelet, even tolerating every taint', (v) => {
      const affinityOnly = { affinity: spec(v).affinity, tolerations: [{ operator: 'Exists' as const }] };
      expect(podFitsNode(affinityOnly, node('fargate'))).toBe(false);
      expect(podFitsNode(affinityOnly, node('virtual-kubelet'))).toBe(false);
    });

    test.each(VERSIONS)(`%s: runs on exactly ${c.runsOn.join(', ')} (never Fargate, virtual-kubelet or Windows)`, (v) => {
      expect(placement(spec(v))).toEqual(expectedPlacement(c.runsOn));
    });

    if (c.also) {
      const also = c.also;
      test.each(VERSIONS)(`%s: ${also.title}`, (v) => also.check(rendered[v], spec(v)));
    }
  });

  describe.each(DISABLED)('node-exporter disabled: $title', ({ props }) => {
    const rendered = {} as Record<Version, Rendered>;
    beforeAll(() => {
      for (const v of VERSIONS) rendered[v] = renderConstruct(v, () => props);
    });

    test.each(VERSIONS)('%s: no validation error and no DaemonSet rendered', (v) => {
      expect(rendered[v].synthError).toBeUndefined();
      expect(rendered[v].daemonSet).toBeUndefined();
    });
  });

  // The same user values in a helm_release without the construct: what a new user gets today.
  describe('contrast: the amd64-only YAML document in a plain helm_release (no construct)', () => {
    const rendered = {} as Record<Version, Rendered>;
    beforeAll(() => {
      for (const v of VERSIONS) rendered[v] = renderRaw(v, [AMD64_ONLY_YAML]);
    });

    test.each(VERSIONS)('%s: the rendered affinity has no exclusion and node-exporter runs on the Fargate node (the bug)', (v) => {
      const spec = podSpecOf(rendered[v].daemonSet);
      expect(requiredTermsOf(spec)).toEqual([AMD64_TERM]);
      expect(podFitsNode(spec, node('fargate'))).toBe(true);
      expect(placement(spec)).toEqual(expectedPlacement(['ec2-amd64', 'fargate', 'auto-mode', 'hybrid-amd64']));
    });
  });
});
