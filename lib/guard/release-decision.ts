// What FargateGuard does with one helm_release of a DaemonSet chart, given what its values documents
// and set entries say: nothing (no DaemonSet, or the exclusion already holds in every term and no set
// entry can undo it), a fix (the document to append, the set entries to fold into it), or errors it
// cannot fix. Pure: fargate-guard.ts reads the release and applies the decision.
import { excludesInEveryTerm } from '../affinity/exclusion';
import { describeRequirement } from '../affinity/satisfiability';
import { Affinity, NodeSelectorRequirement } from '../k8s/types';
import { DaemonSetChart } from '../placement/daemonset-charts';
import { daemonSetPodTemplate } from '../placement/pod-template';
import { planExclusion, ParsedSetEntry } from '../values/exclusion-plan';
import { mergeValues, valueAt, ValuesMap, withValueAt } from '../values/merge';
import { applyAssignment, pathTouches } from '../values/strvals';
import * as errors from './errors';
import { overlayFor } from './overlay';

export interface ReleaseDecisionInput {
  readonly chart: DaemonSetChart;
  /** The release's chart version. @default - the newest */
  readonly version?: string;
  /** The values documents in order; undefined for one that cannot be read at synth time. */
  readonly documents: readonly (ValuesMap | undefined)[];
  /** The set entries, in the order the provider applies them. */
  readonly setEntries: readonly ParsedSetEntry[];
  readonly exclusions: NodeSelectorRequirement[];
  /** Which strings are Terraform expressions. @default - none */
  readonly isOpaque?: (value: string) => boolean;
}

export type ReleaseDecision =
  /** The chart renders no DaemonSet with these values. */
  | { readonly type: 'no-daemonset'; readonly reason: string }
  /** Every required term already holds the exclusions, and no set entry can change that. */
  | { readonly type: 'compliant' }
  | {
    readonly type: 'fix';
    /** Why the release's affinity is not compliant (set entries aside), for messages. */
    readonly reasons: string[];
    /** The values document to append after every other document. */
    readonly document: ValuesMap;
    /** The affinity the DaemonSet gets once fixed. */
    readonly affinity: Affinity;
    /** Set entries whose effect moved into `document`: remove them from the release. */
    readonly removedEntries: ParsedSetEntry[];
    /** Indexes of documents that cannot be read (their affinity terms are replaced). */
    readonly unreadableDocuments: number[];
  }
  /** Problems no rewrite can solve (the user's constraints contradict the exclusion, ...). */
  | { readonly type: 'unfixable'; readonly problems: string[] };

export function decideRelease(input: ReleaseDecisionInput): ReleaseDecision {
  const { chart, documents, setEntries, exclusions } = input;
  const affinityPath = chart.layout.affinityPath;
  const lastUnreadable = lastIndexOfUndefined(documents);
  // Only documents after the last unreadable one are known to reach Helm as they are.
  let tail: ValuesMap = {};
  for (const doc of documents.slice(lastUnreadable + 1)) tail = mergeValues(tail, doc!);
  for (const entry of setEntries) for (const a of entry.assignments) tail = applyAssignment(tail, a);

  const noDaemonSet = notRenderedReason(input, tail, lastUnreadable >= 0);
  if (noDaemonSet !== undefined) return { type: 'no-daemonset', reason: noDaemonSet };

  const affinitySets = setEntries.filter((e) => e.assignments.some((a) => pathTouches(a.path, affinityPath)));
  const tailAffinity = valueAt(tail, affinityPath) as Affinity | undefined;
  if (affinitySets.length === 0 && excludesInEveryTerm(tailAffinity, exclusions)) return { type: 'compliant' };

  const reasons = nonComplianceReasons(input, tailAffinity, lastUnreadable);
  const plan = planExclusion({
    layout: { ...chart.layout, enabledPath: undefined },
    documents: [...documents],
    setEntries: [...setEntries],
    exclusions,
    isOpaque: input.isOpaque,
  });
  const problems: string[] = [];
  for (const problem of plan.problems) {
    if (problem.type === 'unschedulable') problems.push(errors.workloadUnschedulable(problem.message));
    else if (problem.type === 'invalid-affinity') problems.push(errors.invalidAffinity(affinityPath.join('.'), problem.message));
    else if (problem.type === 'invalid-exclusions') problems.push(errors.invalidGuardExclusions(problem.message));
  }
  for (const entry of affinitySets) {
    if (entry.assignments.some((a) => !pathTouches(a.path, affinityPath))) {
      problems.push(errors.mixedSetEntry(entry.kind, entry.index, entry.name, affinityPath.join('.')));
    }
  }
  if (problems.length > 0 || !plan.document || !plan.affinity) return { type: 'unfixable', problems };

  let document = plan.document;
  if (affinitySets.length > 0) {
    // The removed entries may have set more than the required terms (preferred terms, pod
    // anti-affinity, a null): the document then carries the whole affinity they produced.
    let readable: ValuesMap = {};
    for (const doc of documents) if (doc) readable = mergeValues(readable, doc);
    document = withValueAt({}, affinityPath, overlayFor(valueAt(readable, affinityPath), plan.affinity));
  }
  return {
    type: 'fix',
    reasons,
    document,
    affinity: plan.affinity,
    removedEntries: affinitySets,
    unreadableDocuments: documents.flatMap((doc, i) => (doc === undefined ? [i] : [])),
  };
}

function lastIndexOfUndefined(documents: readonly (ValuesMap | undefined)[]): number {
  for (let i = documents.length - 1; i >= 0; i--) if (documents[i] === undefined) return i;
  return -1;
}

/**
 * Why the chart renders no DaemonSet, or undefined when it does or may. With an unreadable document,
 * only a switch set after it (or by a set entry) counts: the unreadable one may set anything.
 */
function notRenderedReason(input: ReleaseDecisionInput, tail: ValuesMap, hasUnreadable: boolean): string | undefined {
  const condition = input.chart.renders;
  if (!condition) return undefined;
  if (hasUnreadable && valueAt(tail, condition.path) === undefined) return undefined;
  const template = daemonSetPodTemplate({ chart: input.chart, version: input.version, values: tail, isUnknown: input.isOpaque });
  return template.rendered ? undefined : template.notRenderedReason;
}

function nonComplianceReasons(
  input: ReleaseDecisionInput,
  affinity: Affinity | undefined,
  lastUnreadable: number,
): string[] {
  const reasons: string[] = [];
  const terms = affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (!Array.isArray(terms) || terms.length === 0) {
    reasons.push(lastUnreadable >= 0
      ? `values[${lastUnreadable}] is a Terraform expression, and no readable document after it sets the required node affinity`
      : `no required node affinity excludes ${input.exclusions.map(describeRequirement).join(' and ')}`);
  } else {
    terms.forEach((term, i) => {
      if (!excludesInEveryTerm({ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [term] } } }, input.exclusions)) {
        reasons.push(`required node affinity term ${i + 1} of ${terms.length} does not exclude ${input.exclusions.map(describeRequirement).join(' and ')}`);
      }
    });
  }
  return reasons;
}
