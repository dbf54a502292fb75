// The placement part of the DaemonSet pod template a chart renders from a release's values: what
// `helm template` would put in spec.template.spec (nodeSelector, affinity, tolerations, hostNetwork),
// derived without running Helm. Pure.
import { DEFAULT_NODE_EXPORTER_EXCLUSIONS } from '../affinity/exclusion';
import { Affinity, Toleration } from '../k8s/types';
import { DaemonPodPlacementSpec } from '../scheduling/pod-fits-node';
import { coalesceWithDefaults, isMapping, mergeValues, valueAt, ValuesMap } from '../values/merge';
import { DaemonSetChart, DaemonSetCondition, hasDefaultExclusion, nodeSelectorPathOf, tolerationsPathOf } from './daemonset-charts';

export interface PodTemplateInput {
  readonly chart: DaemonSetChart;
  /** The release's chart version. @default - the newest chart */
  readonly version?: string;
  /** The user's values as Helm hands them to the chart: documents merged in order, then set entries applied. */
  readonly values: ValuesMap;
  /**
   * Which strings stand for values unknown until apply (Terraform expressions).
   * @default - every string is known
   */
  readonly isUnknown?: (value: string) => boolean;
}

export interface DaemonSetPodTemplate {
  /** Whether the chart renders its DaemonSet at all. */
  readonly rendered: boolean;
  /** Why it renders none, when it does not. @default - it renders one */
  readonly notRenderedReason?: string;
  /** The pod's placement fields. */
  readonly spec: DaemonPodPlacementSpec;
  /** Value paths that decide placement but hold values unknown until apply. Non-empty: the template cannot be evaluated. */
  readonly unknownPaths: string[];
  /** Assumptions made, e.g. about a version constraint. */
  readonly notes: string[];
}

/** The DaemonSet pod placement a chart renders for these values. */
export function daemonSetPodTemplate(input: PodTemplateInput): DaemonSetPodTemplate {
  const { chart } = input;
  const isUnknown = input.isUnknown ?? (() => false);
  const values = coalesceWithDefaults(input.values, chart.defaults ?? {});
  const unknownPaths: string[] = [];
  const notes: string[] = [];
  const watch = (path: readonly string[], value: unknown) => {
    if (holdsUnknown(value, isUnknown)) unknownPaths.push(path.join('.'));
    return value;
  };

  if (chart.renders) {
    const conditionValue = watch(chart.renders.path, valueAt(values, chart.renders.path));
    const reason = notRenderedReason(chart.renders, conditionValue);
    if (reason !== undefined && unknownPaths.length === 0) {
      return { rendered: false, notRenderedReason: reason, spec: {}, unknownPaths, notes };
    }
  }

  const nodeSelectorPath = nodeSelectorPathOf(chart);
  const nodeSelector = watch(nodeSelectorPath, valueAt(values, nodeSelectorPath));
  const tolerationsPath = tolerationsPathOf(chart);
  const tolerations = watch(tolerationsPath, valueAt(values, tolerationsPath));
  const hostNetwork = chart.hostNetworkPath ? watch(chart.hostNetworkPath, valueAt(values, chart.hostNetworkPath)) : undefined;
  const userAffinity = valueAt(values, chart.layout.affinityPath);
  watch([...chart.layout.affinityPath, 'nodeAffinity'], isMapping(userAffinity) ? userAffinity.nodeAffinity : userAffinity);

  let affinity: Affinity | undefined = truthy(userAffinity) && isMapping(userAffinity) ? (userAffinity as Affinity) : undefined;
  const defaultExclusion = hasDefaultExclusion(chart, input.version);
  if (defaultExclusion === undefined) {
    notes.push(`chart version "${input.version}" is a constraint, not one version: assuming a chart from before `
      + `${chart.defaultExclusionSince}, without the chart's own Fargate exclusion`);
  } else if (defaultExclusion) {
    affinity = nodeExporterMergedAffinities(userAffinity);
  }

  const spec: DaemonPodPlacementSpec = {
    ...(truthy(nodeSelector) && isMapping(nodeSelector) ? { nodeSelector: stringMap(nodeSelector) } : {}),
    ...(affinity ? { affinity } : {}),
    ...(truthy(tolerations) && Array.isArray(tolerations) ? { tolerations: tolerations as Toleration[] } : {}),
    ...(hostNetwork === true ? { hostNetwork: true } : {}),
  };
  return { rendered: true, spec, unknownPaths, notes };
}

/**
 * prometheus-node-exporter's `mergedAffinities` (since chart 4.43.0): its default exclusion, with the
 * user's nodeAffinity merged over it by sprig mergeOverwrite (maps merge; lists, such as
 * nodeSelectorTerms, replace) and the user's podAffinity / podAntiAffinity set as given.
 */
export function nodeExporterMergedAffinities(userAffinity: unknown): Affinity {
  const merged: { [key: string]: unknown } = {
    nodeAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: DEFAULT_NODE_EXPORTER_EXCLUSIONS.map((r) => ({ ...r })) }] },
    },
  };
  if (truthy(userAffinity) && isMapping(userAffinity)) {
    if (truthy(userAffinity.nodeAffinity) && isMapping(userAffinity.nodeAffinity)) {
      merged.nodeAffinity = mergeValues(merged.nodeAffinity as ValuesMap, userAffinity.nodeAffinity);
    }
    if (truthy(userAffinity.podAffinity)) merged.podAffinity = userAffinity.podAffinity;
    if (truthy(userAffinity.podAntiAffinity)) merged.podAntiAffinity = userAffinity.podAntiAffinity;
  }
  return merged as Affinity;
}

function notRenderedReason(condition: DaemonSetCondition, value: unknown): string | undefined {
  const path = condition.path.join('.');
  switch (condition.type) {
    case 'condition':
      return value === false ? `${path} is false: the chart renders no DaemonSet` : undefined;
    case 'if':
      return truthy(value) ? undefined : `${path} is ${JSON.stringify(value ?? null)}: the chart renders no DaemonSet`;
    case 'equals':
      return value === condition.value ? undefined : `${path} is ${JSON.stringify(value ?? null)}, not "${condition.value}": the chart renders no DaemonSet`;
  }
}

/** Go template truthiness: false, 0, "", nil and empty collections are false. */
export function truthy(value: unknown): boolean {
  if (value === undefined || value === null || value === false || value === 0 || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  if (isMapping(value)) return Object.keys(value).length > 0;
  return true;
}

function stringMap(map: ValuesMap): { [key: string]: string } {
  return Object.fromEntries(Object.entries(map).filter(([, v]) => v !== null && v !== undefined).map(([k, v]) => [k, String(v)]));
}

function holdsUnknown(value: unknown, isUnknown: (s: string) => boolean): boolean {
  if (typeof value === 'string') return isUnknown(value);
  if (Array.isArray(value)) return value.some((v) => holdsUnknown(v, isUnknown));
  if (isMapping(value)) return Object.entries(value).some(([k, v]) => isUnknown(k) || holdsUnknown(v, isUnknown));
  return false;
}
