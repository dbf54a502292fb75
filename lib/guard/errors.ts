// Every message FargateGuard shows a user. Each names the release (construct path and chart) and says
// what to change. cdktf also prefixes validation errors with the construct path.
import { describeRequirement } from '../affinity/satisfiability';
import { NodeSelectorRequirement } from '../k8s/types';

/** The release a message is about. */
export interface ReleaseSubject {
  /** Construct path of the helm_release. */
  readonly path: string;
  /** The chart name. */
  readonly chart: string;
  /** The DaemonSet, e.g. "node-exporter". */
  readonly workload: string;
  /** Dot path of the pod affinity in the chart's values. */
  readonly affinityPath: string;
}

function subject(s: ReleaseSubject): string {
  return `helm_release ${s.path} (chart ${s.chart})`;
}

function exclusionText(exclusions: readonly NodeSelectorRequirement[]): string {
  return exclusions.map((r) => `\`${describeRequirement(r)}\``).join(' and ');
}

/** A set entry that targets the affinity, for messages. */
export interface SetEntryRef {
  readonly kind: string;
  readonly index: number;
  readonly name: string;
}

function entryText(e: SetEntryRef): string {
  return `${e.kind}[${e.index}] "${e.name}"`;
}

/** Error mode: the release can put pods on excluded nodes. */
export function nonCompliantRelease(
  s: ReleaseSubject,
  reasons: readonly string[],
  affinitySetEntries: readonly SetEntryRef[],
  exclusions: readonly NodeSelectorRequirement[],
): string {
  const why = [...reasons, ...affinitySetEntries.map((e) => `${entryText(e)} sets \`${s.affinityPath}\` after every values document`)];
  const construct = s.chart === 'kube-prometheus-stack' ? 'use KubePrometheusStack instead of a raw Release, ' : '';
  return `FargateGuard (mode "error"): ${subject(s)} can put ${s.workload} pods on excluded nodes: ${why.join('; ')}. `
    + `Add ${exclusionText(exclusions)} to every required node affinity term of \`${s.affinityPath}\` in the last values document `
    + `(and set nothing under \`${s.affinityPath}\` with set entries), ${construct}or let FargateGuard fix it (mode "fix").`;
}

/** Fix mode: what was changed, and why. */
export function releaseFixed(
  s: ReleaseSubject,
  reasons: readonly string[],
  exclusions: readonly NodeSelectorRequirement[],
  movedEntries: readonly SetEntryRef[],
): string {
  const why = reasons.length > 0 ? reasons.join('; ') : `a set entry replaced \`${s.affinityPath}\` after every values document`;
  const moved = movedEntries.length === 0 ? ''
    : ` It moved ${movedEntries.map(entryText).join(', ')} into that document and removed ${movedEntries.length === 1 ? 'it' : 'them'} from the release `
      + '(set entries apply after every values document, so they would undo the exclusion); their effect on the affinity is kept.';
  return `FargateGuard changed ${subject(s)}: ${s.workload} pods could be scheduled on excluded nodes (${why}). `
    + `It appended a last values document that ANDs ${exclusionText(exclusions)} into every required node affinity term of \`${s.affinityPath}\`; `
    + `the nodes your values admit otherwise are unchanged.${moved}`;
}

/** Fix mode: a values document is a Terraform expression, so its affinity is not merged. */
export function unreadableDocument(s: ReleaseSubject, index: number): string {
  return `values[${index}] of ${subject(s)} is, or holds, a Terraform expression that cannot be read at synth time, so its \`${s.affinityPath}\` cannot be merged: `
    + `any required node affinity terms it sets for ${s.workload} are replaced by the exclusion document FargateGuard appends after it. `
    + 'To keep your own terms, pass them in a plain object or YAML string document.';
}

/** Nothing can be guaranteed for the release: its values cannot be read, or they contradict the exclusion. */
export function cannotGuard(s: ReleaseSubject, detail: string): string {
  return `FargateGuard cannot keep the ${s.workload} pods of ${subject(s)} off excluded nodes: ${detail}.`;
}

export function setListIsExpression(kind: string, affinityPath: string): string {
  return `${kind} is one Terraform expression, so its entries (which apply after every values document) cannot be checked against \`${affinityPath}\`; `
    + `list the ${kind} entries literally`;
}

export function setNameIsExpression(kind: string, index: number, affinityPath: string): string {
  return `${kind}[${index}] has a name that is a Terraform expression, so it cannot be checked against \`${affinityPath}\`; use a literal name`;
}

export function setEntryUnparseable(kind: string, index: number, name: string, detail: string): string {
  return `${kind}[${index}] "${name}" cannot be read the way Helm reads --set: ${detail}`;
}

export function overriddenAttribute(attribute: string): string {
  return `its "${attribute}" attribute is replaced with addOverride, which FargateGuard cannot see through; `
    + `pass ${attribute} through the Release's own properties instead`;
}

export function mixedSetEntry(kind: string, index: number, name: string, affinityPath: string): string {
  return `${kind}[${index}] "${name}" sets \`${affinityPath}\` together with other values (its value holds an unescaped comma), `
    + 'so it can be neither kept (it would undo the exclusion) nor moved; split it into separate entries, or escape the comma (\\,)';
}

export function workloadUnschedulable(detail: string): string {
  return `${detail}. Change the nodeSelector or required node affinity so that it admits EC2 (or Auto Mode / Hybrid) nodes, or disable the DaemonSet`;
}

export function invalidAffinity(affinityPath: string, detail: string): string {
  return `\`${affinityPath}\` is not a valid Kubernetes affinity: ${detail}`;
}

export function chartIsExpression(path: string): string {
  return `FargateGuard cannot tell which chart helm_release ${path} installs: its chart is a Terraform expression. `
    + 'If it is a DaemonSet chart, make sure its pods exclude Fargate and virtual-kubelet nodes, or pass the chart name literally.';
}

export function invalidGuardExclusions(detail: string): string {
  return `FargateGuard exclusions: ${detail}. Each exclusion is a node selector requirement such as `
    + '{ key: "eks.amazonaws.com/compute-type", operator: "NotIn", values: ["fargate"] }.';
}

export function invalidGuardMode(mode: unknown): string {
  return `FargateGuard mode must be "fix" or "error", got ${JSON.stringify(mode)}.`;
}
