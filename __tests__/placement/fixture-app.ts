// A synthesized app for the placement check, the CLI and their conformance test: the same raw
// helm_release resources (legacy and current charts, the ways people really write them) once in an
// unguarded stack and once in a stack guarded by FargateGuard, plus releases the check must ignore
// or cannot evaluate.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { HelmProvider } from '@cdktf/provider-helm/lib/provider';
import { Release, ReleaseConfig } from '@cdktf/provider-helm/lib/release';
import { App, Fn, TerraformStack, TerraformVariable } from 'cdktf';
import { Construct } from 'constructs';
import { stringify } from 'yaml';
import { KubePrometheusStack } from '../../lib';
import { FargateGuard } from '../../lib/fargate-guard';
import { KubernetesNode } from '../../lib/k8s/types';

export const NODES_FILE = path.join(__dirname, '..', 'fixtures', 'eks-nodes.json');
export const NODES: KubernetesNode[] = JSON.parse(fs.readFileSync(NODES_FILE, 'utf8')).items;

export const FARGATE_NODE = 'fargate-ip-10-0-21-9.ec2.internal';
export const VIRTUAL_KUBELET_NODE = 'virtual-node-aci-linux';

const AMD64_TERM = { matchExpressions: [{ key: 'kubernetes.io/arch', operator: 'In', values: ['amd64'] }] };
const required = (...terms: object[]) => ({ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } } });

/** The raw releases under test, by construct id: [chart package name, version, release config]. */
export const RAW_RELEASES: { [id: string]: { chart: string; version: string; config: Omit<ReleaseConfig, 'name' | 'chart'> } } = {
  // Legacy chart (no upstream exclusion), amd64-only node-exporter as a YAML document.
  'kps-legacy': {
    chart: 'kube-prometheus-stack',
    version: '65.8.1',
    config: { repository: 'https://prometheus-community.github.io/helm-charts', version: '65.8.1', values: [stringify({ 'prometheus-node-exporter': { affinity: required(AMD64_TERM) } })] },
  },
  // Current chart, no values: the chart's own exclusion applies.
  'kps-current': {
    chart: 'kube-prometheus-stack',
    version: '88.5.3',
    config: { repository: 'https://prometheus-community.github.io/helm-charts', version: '88.5.3' },
  },
  // Current chart with a user required term, which replaces the chart's own exclusion.
  'kps-current-amd64': {
    chart: 'kube-prometheus-stack',
    version: '88.5.3',
    config: {
      repository: 'https://prometheus-community.github.io/helm-charts',
      version: '88.5.3',
      values: [stringify({ grafana: { enabled: false } }), stringify({ 'prometheus-node-exporter': { affinity: required(AMD64_TERM) } })],
    },
  },
  // Standalone legacy node-exporter from a packaged chart, no values.
  'node-exporter-legacy': {
    chart: 'prometheus-node-exporter',
    version: '4.40.0',
    config: {},
  },
  // Standalone current node-exporter through OCI; a set entry adds arm64 to the user's term.
  'node-exporter-current': {
    chart: 'prometheus-node-exporter',
    version: '4.56.1',
    config: {
      version: '4.56.1',
      values: [stringify({ affinity: required(AMD64_TERM) })],
      set: [{ name: 'affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values[1]', value: 'arm64' }],
    },
  },
};

/** How each raw release refers to its chart. */
const CHART_REFERENCES: { [id: string]: string } = {
  'kps-legacy': 'kube-prometheus-stack',
  'kps-current': 'prometheus-community/kube-prometheus-stack',
  'kps-current-amd64': 'kube-prometheus-stack',
  'node-exporter-legacy': './charts/prometheus-node-exporter-4.40.0.tgz',
  'node-exporter-current': 'oci://ghcr.io/prometheus-community/charts/prometheus-node-exporter',
};

function addReleases(scope: Construct): void {
  new HelmProvider(scope, 'helm', {});
  for (const [id, release] of Object.entries(RAW_RELEASES)) {
    new Release(scope, id, { name: id, namespace: 'monitoring', chart: CHART_REFERENCES[id], ...release.config });
  }
  // Ignored or handled elsewhere: a chart that is no DaemonSet chart, a Deployment-mode fluent-bit, a
  // DaemonSet fluent-bit (Fargate's taint keeps it off), and a KubePrometheusStack with a Terraform
  // variable inside its values (not a placement value, so it does not stop the check).
  new Release(scope, 'cert-manager', { name: 'cert-manager', chart: 'cert-manager', repository: 'https://charts.jetstack.io' });
  new Release(scope, 'fluent-bit-aggregator', { name: 'fluent-bit-aggregator', chart: 'fluent-bit', values: ['kind: Deployment\n'] });
  new Release(scope, 'fluent-bit', { name: 'fluent-bit', chart: 'fluent/fluent-bit' });
  const password = new TerraformVariable(scope, 'grafana-password', { type: 'string', sensitive: true });
  new KubePrometheusStack(scope, 'kps-construct', { releaseName: 'kps-construct', values: [{ grafana: { adminPassword: password.stringValue } }] });
}

export interface FixtureApp {
  /** cdktf.out */
  readonly outdir: string;
  /** cdktf.out/stacks/<stack> */
  readonly stackDir: (stack: 'unguarded' | 'guarded' | 'unreadable') => string;
}

/**
 * Synthesize the fixture app into a new temporary directory. Stacks: "unguarded", "guarded" (the
 * same releases, FargateGuard applied) and "unreadable" (values the check cannot evaluate).
 */
export function synthFixtureApp(): FixtureApp {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdktf-eks-placement-'));
  const app = new App({ outdir, stackTraces: false });
  addReleases(new TerraformStack(app, 'unguarded'));
  const guarded = new TerraformStack(app, 'guarded');
  FargateGuard.applyTo(guarded);
  addReleases(guarded);

  const unreadable = new TerraformStack(app, 'unreadable');
  new HelmProvider(unreadable, 'helm', {});
  new Release(unreadable, 'from-file', { name: 'from-file', chart: 'kube-prometheus-stack', values: [Fn.file('values/kps.yaml')] });
  const arch = new TerraformVariable(unreadable, 'arch', { type: 'string' });
  new Release(unreadable, 'arch-variable', { name: 'arch-variable', chart: 'prometheus-node-exporter', set: [{ name: 'nodeSelector.kubernetes\\.io/arch', value: arch.stringValue }] });
  app.synth();
  return { outdir, stackDir: (stack) => path.join(outdir, 'stacks', stack) };
}
