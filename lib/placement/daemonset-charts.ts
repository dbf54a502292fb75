// The DaemonSet charts this library knows: where each keeps its pod placement values, the defaults
// its values.yaml gives them, and when it renders the DaemonSet at all. Shared by FargateGuard (which
// rewrites releases of these charts) and the placement check (which evaluates them against nodes).
// Pure: no cdktf import, so the CLI stays light.
import { DaemonSetValuesLayout } from '../values/exclusion-plan';
import { ValuesMap } from '../values/merge';
import { parseSetName } from '../values/strvals';
import { compareVersions, isExactVersion } from './chart-version';

/**
 * When a chart renders its DaemonSet:
 * - `condition`: a Chart.yaml dependency condition; only a boolean false disables (Helm ignores other types);
 * - `if`: a template `{{ if .Values.x }}`; Go template truthiness (false, 0, "", null and empty collections are false);
 * - `equals`: a template `{{ if eq .Values.x "value" }}`.
 */
export type DaemonSetCondition =
  | { readonly type: 'condition'; readonly path: readonly string[] }
  | { readonly type: 'if'; readonly path: readonly string[] }
  | { readonly type: 'equals'; readonly path: readonly string[]; readonly value: string };

export interface DaemonSetChart {
  /** The chart's name (Chart.yaml `name`). */
  readonly name: string;
  /** Where the DaemonSet pod's affinity and nodeSelector are (what planExclusion works on). */
  readonly layout: DaemonSetValuesLayout;
  /** Path of the pod tolerations. @default - the `tolerations` sibling of the affinity */
  readonly tolerationsPath?: readonly string[];
  /** Path of the pod's hostNetwork flag. @default - the pod never uses the host network */
  readonly hostNetworkPath?: readonly string[];
  /** The chart's values.yaml defaults of the placement values, at their paths. @default - none */
  readonly defaults?: ValuesMap;
  /** When the chart renders the DaemonSet. @default - always */
  readonly renders?: DaemonSetCondition;
  /**
   * The release chart version from which the chart ANDs node-exporter's own Fargate/virtual-kubelet
   * exclusion with the user's node affinity through sprig mergeOverwrite (prometheus-node-exporter
   * 4.43.0's `mergedAffinities`): a user's required terms replace it, a user's preferred terms do not.
   * @default - the chart uses the affinity value as it is
   */
  readonly defaultExclusionSince?: string;
  /** Where the paths and defaults were taken from, for documentation. */
  readonly source: string;
}

const NODE_EXPORTER_PLACEMENT: ValuesMap = {
  affinity: {},
  nodeSelector: { 'kubernetes.io/os': 'linux' },
  tolerations: [{ effect: 'NoSchedule', operator: 'Exists' }],
  hostNetwork: true,
};

/** kube-prometheus-stack's node-exporter subchart; KubePrometheusStack enforces the exclusion on this layout too. */
export const KUBE_PROMETHEUS_STACK: DaemonSetChart = {
  name: 'kube-prometheus-stack',
  layout: {
    chart: 'kube-prometheus-stack',
    workload: 'node-exporter',
    affinityPath: ['prometheus-node-exporter', 'affinity'],
    nodeSelectorPath: ['prometheus-node-exporter', 'nodeSelector'],
    defaultNodeSelector: { 'kubernetes.io/os': 'linux' },
    enabledPath: ['nodeExporter', 'enabled'],
  },
  tolerationsPath: ['prometheus-node-exporter', 'tolerations'],
  hostNetworkPath: ['prometheus-node-exporter', 'hostNetwork'],
  defaults: { nodeExporter: { enabled: true }, 'prometheus-node-exporter': NODE_EXPORTER_PLACEMENT },
  renders: { type: 'condition', path: ['nodeExporter', 'enabled'] },
  // 67.6.0 is the first kube-prometheus-stack that depends on prometheus-node-exporter >= 4.43.0.
  defaultExclusionSince: '67.6.0',
  source: 'kube-prometheus-stack 65.8.1 and 88.5.3 values.yaml (subchart prometheus-node-exporter 4.40.0 / 4.56.1; Chart.yaml condition nodeExporter.enabled)',
};

export const PROMETHEUS_NODE_EXPORTER: DaemonSetChart = {
  name: 'prometheus-node-exporter',
  layout: {
    chart: 'prometheus-node-exporter',
    workload: 'node-exporter',
    affinityPath: ['affinity'],
    nodeSelectorPath: ['nodeSelector'],
    defaultNodeSelector: { 'kubernetes.io/os': 'linux' },
  },
  tolerationsPath: ['tolerations'],
  hostNetworkPath: ['hostNetwork'],
  defaults: NODE_EXPORTER_PLACEMENT,
  defaultExclusionSince: '4.43.0',
  source: 'prometheus-node-exporter 4.40.0 and 4.56.1 values.yaml and templates/_helpers.tpl (mergedAffinities)',
};

export const FLUENT_BIT: DaemonSetChart = {
  name: 'fluent-bit',
  layout: { chart: 'fluent-bit', workload: 'fluent-bit', affinityPath: ['affinity'], nodeSelectorPath: ['nodeSelector'] },
  tolerationsPath: ['tolerations'],
  hostNetworkPath: ['hostNetwork'],
  defaults: { kind: 'DaemonSet', affinity: {}, nodeSelector: {}, tolerations: [], hostNetwork: false },
  renders: { type: 'equals', path: ['kind'], value: 'DaemonSet' },
  source: 'fluent/helm-charts charts/fluent-bit 0.47 values.yaml; templates/daemonset.yaml renders when kind is "DaemonSet"',
};

export const AWS_FOR_FLUENT_BIT: DaemonSetChart = {
  name: 'aws-for-fluent-bit',
  layout: { chart: 'aws-for-fluent-bit', workload: 'aws-for-fluent-bit', affinityPath: ['affinity'], nodeSelectorPath: ['nodeSelector'] },
  tolerationsPath: ['tolerations'],
  hostNetworkPath: ['hostNetwork'],
  defaults: { affinity: {}, nodeSelector: {}, tolerations: [], hostNetwork: false },
  source: 'aws/eks-charts stable/aws-for-fluent-bit values.yaml (chart 0.1.x, image 2.32.2.20240425); always a DaemonSet',
};

export const PROMTAIL: DaemonSetChart = {
  name: 'promtail',
  layout: { chart: 'promtail', workload: 'promtail', affinityPath: ['affinity'], nodeSelectorPath: ['nodeSelector'] },
  tolerationsPath: ['tolerations'],
  hostNetworkPath: ['hostNetwork'],
  defaults: {
    daemonset: { enabled: true },
    affinity: {},
    nodeSelector: {},
    tolerations: [
      { key: 'node-role.kubernetes.io/master', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' },
    ],
  },
  renders: { type: 'if', path: ['daemonset', 'enabled'] },
  source: 'grafana/helm-charts charts/promtail 6.x values.yaml; templates/daemonset.yaml renders when daemonset.enabled',
};

export const ALLOY: DaemonSetChart = {
  name: 'alloy',
  layout: { chart: 'alloy', workload: 'alloy', affinityPath: ['controller', 'affinity'], nodeSelectorPath: ['controller', 'nodeSelector'] },
  tolerationsPath: ['controller', 'tolerations'],
  hostNetworkPath: ['controller', 'hostNetwork'],
  defaults: { controller: { type: 'daemonset', affinity: {}, nodeSelector: {}, tolerations: [], hostNetwork: false } },
  renders: { type: 'equals', path: ['controller', 'type'], value: 'daemonset' },
  source: 'grafana/alloy operations/helm/charts/alloy 0.12.5 values.yaml; templates/controllers/daemonset.yaml renders when controller.type is "daemonset"',
};

/** The DaemonSet charts known out of the box. */
export const BUILT_IN_DAEMONSET_CHARTS: readonly DaemonSetChart[] = [
  KUBE_PROMETHEUS_STACK,
  PROMETHEUS_NODE_EXPORTER,
  FLUENT_BIT,
  AWS_FOR_FLUENT_BIT,
  PROMTAIL,
  ALLOY,
];

/** A DaemonSet chart described by a user, with dot paths (strvals syntax: `\.` escapes a dot in a key). */
export interface DaemonSetChartSpec {
  /** The chart name (Chart.yaml `name`), however the release refers to it (repo/name, oci://, a .tgz). */
  readonly chart: string;
  /** Dot path of the DaemonSet pod's affinity in the chart's values, e.g. "agent.affinity". */
  readonly affinityPath: string;
  /** Dot path of the pod's nodeSelector. @default - the `nodeSelector` sibling of the affinity */
  readonly nodeSelectorPath?: string;
  /** Dot path of a boolean that stops the chart rendering its DaemonSet when false. @default - always rendered */
  readonly enabledPath?: string;
  /** The workload's name in messages. @default - the chart name */
  readonly workload?: string;
}

/** Thrown for a DaemonSetChartSpec whose paths cannot be used. */
export class InvalidChartSpecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidChartSpecError';
  }
}

/** Turn a user's chart description into a DaemonSetChart. */
export function daemonSetChartFromSpec(spec: DaemonSetChartSpec): DaemonSetChart {
  if (typeof spec.chart !== 'string' || spec.chart.trim() === '') throw new InvalidChartSpecError('chart must be a chart name');
  const affinityPath = keyPath(spec.affinityPath, 'affinityPath', spec.chart);
  const nodeSelectorPath = spec.nodeSelectorPath === undefined ? undefined : keyPath(spec.nodeSelectorPath, 'nodeSelectorPath', spec.chart);
  const enabledPath = spec.enabledPath === undefined ? undefined : keyPath(spec.enabledPath, 'enabledPath', spec.chart);
  const name = spec.chart.trim();
  return {
    name,
    layout: { chart: name, workload: spec.workload ?? name, affinityPath, nodeSelectorPath, enabledPath },
    renders: enabledPath ? { type: 'condition', path: enabledPath } : undefined,
    source: 'given in FargateGuardProps.charts',
  };
}

function keyPath(path: string, prop: string, chart: string): string[] {
  let steps: (string | number)[];
  try {
    steps = parseSetName(path);
  } catch (error) {
    throw new InvalidChartSpecError(`charts "${chart}": ${prop} "${path}" is not a dot path: ${(error as Error).message}`);
  }
  if (steps.length === 0 || steps.some((s) => typeof s !== 'string' || s === '')) {
    throw new InvalidChartSpecError(`charts "${chart}": ${prop} "${path}" must be a dot path of map keys, e.g. "agent.affinity" (no list indexes, no empty keys)`);
  }
  return steps as string[];
}

/** The chart of that name among `extra` (which win) and the built-in charts, or undefined. */
export function findDaemonSetChart(name: string, extra: readonly DaemonSetChart[] = []): DaemonSetChart | undefined {
  return extra.find((c) => c.name === name) ?? BUILT_IN_DAEMONSET_CHARTS.find((c) => c.name === name);
}

/** Path of the pod tolerations of a chart. */
export function tolerationsPathOf(chart: DaemonSetChart): readonly string[] {
  return chart.tolerationsPath ?? [...chart.layout.affinityPath.slice(0, -1), 'tolerations'];
}

/** Path of the pod nodeSelector of a chart. */
export function nodeSelectorPathOf(chart: DaemonSetChart): readonly string[] {
  return chart.layout.nodeSelectorPath ?? [...chart.layout.affinityPath.slice(0, -1), 'nodeSelector'];
}

/**
 * Does this chart version AND the upstream default exclusion into node-exporter's affinity?
 * A missing version installs the newest chart, which does; a version constraint is read as "maybe
 * not" (undefined), since it may resolve to an older chart.
 */
export function hasDefaultExclusion(chart: DaemonSetChart, version: string | undefined): boolean | undefined {
  if (chart.defaultExclusionSince === undefined) return false;
  if (version === undefined || version.trim() === '') return true;
  if (!isExactVersion(version)) return undefined;
  return compareVersions(version, chart.defaultExclusionSince) >= 0;
}
