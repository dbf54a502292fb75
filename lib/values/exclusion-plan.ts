// Given what a release's values documents and set entries say, decide what must be appended so
// that the pod affinity Helm ends up with excludes the configured nodes in every term. Pure: the
// callers (KubePrometheusStack, FargateGuard) read the documents and write the result.
import { excludeFargate, InvalidAffinityError, UnschedulableError } from '../affinity/exclusion';
import { Affinity, NodeSelectorRequirement } from '../k8s/types';
import { coalesceWithDefaults, isMapping, mergeValues, valueAt, ValuesMap, withValueAt } from './merge';
import { applyAssignment, Assignment, pathTouches } from './strvals';

/** Where a DaemonSet chart keeps the values that decide its pods' nodes. */
export interface DaemonSetValuesLayout {
  /** The chart, for messages. */
  readonly chart: string;
  /** The workload, for messages, e.g. "node-exporter". */
  readonly workload: string;
  /** Path of the pod affinity in the release's values, e.g. ["prometheus-node-exporter", "affinity"]. */
  readonly affinityPath: readonly string[];
  /** Path of the pod nodeSelector. @default - sibling `nodeSelector` of the affinity */
  readonly nodeSelectorPath?: readonly string[];
  /** The chart's default nodeSelector. @default - none */
  readonly defaultNodeSelector?: { readonly [key: string]: string };
  /** A boolean that disables the workload when false, e.g. ["nodeExporter", "enabled"]. @default - always enabled */
  readonly enabledPath?: readonly string[];
}

/** A set, set_sensitive, set_list or set_wo entry, already parsed into strvals assignments. */
export interface ParsedSetEntry {
  /** e.g. `set[2]`, for messages. */
  readonly kind: string;
  readonly index: number;
  readonly name: string;
  readonly assignments: Assignment[];
}

export interface ExclusionPlanInput {
  readonly layout: DaemonSetValuesLayout;
  /** The values documents in order; undefined for one that cannot be read at synth time. */
  readonly documents: (ValuesMap | undefined)[];
  readonly setEntries: ParsedSetEntry[];
  readonly exclusions: NodeSelectorRequirement[];
  /** @default - every string is known */
  readonly isOpaque?: (value: string) => boolean;
}

export type PlanProblem =
  | { readonly type: 'set-targets-affinity'; readonly entry: ParsedSetEntry }
  | { readonly type: 'unschedulable'; readonly message: string }
  | { readonly type: 'invalid-affinity'; readonly message: string }
  | { readonly type: 'invalid-exclusions'; readonly message: string };

export interface ExclusionPlan {
  /** False only when the values certainly disable the workload. */
  readonly enabled: boolean;
  /** The values Helm merges from the readable documents and the set entries. */
  readonly effectiveValues: ValuesMap;
  /** The affinity the workload gets once `document` is appended; undefined when disabled or on error. */
  readonly affinity?: Affinity;
  /** The values document to append after every other document; undefined when nothing is needed. */
  readonly document?: ValuesMap;
  readonly problems: PlanProblem[];
}

export function planExclusion(input: ExclusionPlanInput): ExclusionPlan {
  const { layout } = input;
  // Values are never mutated, so the first document can stand for the merge so far as it is.
  let effective: ValuesMap | undefined;
  for (const doc of input.documents) if (doc) effective = effective ? mergeValues(effective, doc) : doc;
  effective ??= {};
  for (const entry of input.setEntries) for (const a of entry.assignments) effective = applyAssignment(effective, a);

  const unreadable = input.documents.some((doc) => doc === undefined);
  const enabled = unreadable || !layout.enabledPath || valueAt(effective, layout.enabledPath) !== false;
  if (!enabled) return { enabled, effectiveValues: effective, problems: [] };

  const problems: PlanProblem[] = input.setEntries
    .filter((entry) => entry.assignments.some((a) => pathTouches(a.path, layout.affinityPath)))
    .map((entry) => ({ type: 'set-targets-affinity' as const, entry }));

  const userAffinity = valueAt(effective, layout.affinityPath);
  if (userAffinity !== undefined && userAffinity !== null && !isMapping(userAffinity)) {
    problems.push({ type: 'invalid-affinity', message: `it must be a mapping, got ${JSON.stringify(userAffinity)}` });
    return { enabled, effectiveValues: effective, problems };
  }
  const nodeSelectorPath = layout.nodeSelectorPath ?? [...layout.affinityPath.slice(0, -1), 'nodeSelector'];
  // The chart's default nodeSelector merges with the user's; a user null deletes it.
  const userSelector = valueAt(effective, nodeSelectorPath);
  const nodeSelector = userSelector === null ? {} : coalesceWithDefaults(isMapping(userSelector) ? userSelector : {}, layout.defaultNodeSelector ?? {});
  try {
    const affinity = excludeFargate(userAffinity as Affinity | undefined, input.exclusions, {
      nodeSelector: stringEntries(nodeSelector),
      isOpaque: input.isOpaque,
      workload: layout.workload,
    });
    // Only the required terms go into the appended document: everything else the user set
    // (preferred terms, pod (anti-)affinity) is still merged in by Helm from their own documents.
    const required = affinity.nodeAffinity!.requiredDuringSchedulingIgnoredDuringExecution!;
    const document = withValueAt({}, [...layout.affinityPath, 'nodeAffinity', 'requiredDuringSchedulingIgnoredDuringExecution'], required);
    return { enabled, effectiveValues: effective, affinity, document, problems };
  } catch (error) {
    if (error instanceof UnschedulableError) problems.push({ type: 'unschedulable', message: error.message });
    else if (error instanceof InvalidAffinityError) {
      problems.push({ type: error.subject === 'exclusions' ? 'invalid-exclusions' : 'invalid-affinity', message: error.message });
    } else throw error;
    return { enabled, effectiveValues: effective, problems };
  }
}

function stringEntries(map: ValuesMap): { [key: string]: string } {
  const out: { [key: string]: string } = {};
  for (const [k, v] of Object.entries(map)) if (v !== null && v !== undefined) out[k] = String(v);
  return out;
}
