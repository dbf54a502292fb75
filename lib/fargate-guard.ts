import type { Release } from '@cdktf/provider-helm/lib/release';
import { Annotations, Aspects, Fn, IAspect, TerraformResource, Token, Tokenization } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { DEFAULT_NODE_EXPORTER_EXCLUSIONS, excludeFargate, InvalidAffinityError } from './affinity/exclusion';
import { applyAspectToStacks, aspectsForStacksUnder } from './guard/apply-to';
import * as errors from './guard/errors';
import { decideRelease, ReleaseDecision } from './guard/release-decision';
import { NodeSelectorRequirement } from './k8s/types';
import { KubePrometheusStack } from './kube-prometheus-stack';
import { parseChartRef } from './placement/chart-ref';
import { DaemonSetChart, daemonSetChartFromSpec, DaemonSetChartSpec, findDaemonSetChart } from './placement/daemonset-charts';
import { isToken, readValuesDocument, renderDocument } from './private/release-values';
import { ParsedSetEntry } from './values/exclusion-plan';
import { ValuesMap } from './values/merge';
import { parseSetEntries, SetEntryGroups } from './values/set-entries';

/** A DaemonSet chart FargateGuard should guard besides the built-in ones (an interface, not an alias, for jsii). */
export interface FargateGuardChart extends DaemonSetChartSpec {}

export interface FargateGuardProps {
  /**
   * "fix": rewrite every non-compliant release so its DaemonSet can never be scheduled on excluded
   * nodes, with a warning naming it. "error": change nothing, and fail synth with one error per
   * non-compliant release.
   * @default "fix"
   */
  readonly mode?: 'fix' | 'error';
  /**
   * Node label requirements every required node affinity term of a guarded DaemonSet must hold.
   * @default - `eks.amazonaws.com/compute-type NotIn [fargate]` and `type NotIn [virtual-kubelet]`
   */
  readonly exclusions?: NodeSelectorRequirement[];
  /**
   * DaemonSet charts to guard besides the built-in ones (kube-prometheus-stack, prometheus-node-exporter,
   * fluent-bit, aws-for-fluent-bit, promtail, alloy); one with a built-in chart's name replaces it.
   * @default - the built-in charts only
   */
  readonly charts?: FargateGuardChart[];
}

/** The parts of a helm_release FargateGuard reads and rewrites (the Release class of any copy of the provider). */
type HelmRelease = Pick<Release,
  'chartInput' | 'versionInput' | 'valuesInput' | 'setInput' | 'setSensitiveInput' | 'setListInput' | 'setWoInput'
  | 'putSet' | 'resetSet' | 'putSetSensitive' | 'resetSetSensitive' | 'putSetList' | 'resetSetList' | 'putSetWo' | 'resetSetWo'
> & TerraformResource & { values: string[] };

const SET_GROUPS = [
  { kind: 'set', input: 'setInput', put: 'putSet', reset: 'resetSet', attribute: 'set' },
  { kind: 'set_list', input: 'setListInput', put: 'putSetList', reset: 'resetSetList', attribute: 'set_list' },
  { kind: 'set_sensitive', input: 'setSensitiveInput', put: 'putSetSensitive', reset: 'resetSetSensitive', attribute: 'set_sensitive' },
  { kind: 'set_wo', input: 'setWoInput', put: 'putSetWo', reset: 'resetSetWo', attribute: 'set_wo' },
] as const;

/** Errors per release and guard, reported by one validation per release (so repeated synths do not repeat them). */
const problemsByRelease = new WeakMap<IConstruct, Map<FargateGuard, string[]>>();

/**
 * An aspect that keeps every DaemonSet chart release (`helm_release`) in its scope off Fargate and
 * virtual-kubelet nodes: raw `Release`s of kube-prometheus-stack, prometheus-node-exporter,
 * fluent-bit, aws-for-fluent-bit, promtail or alloy, however they got into the app.
 *
 * For each release it computes the pod affinity Helm will end up with (values documents merged
 * with Helm's rules, then set entries) and, in "fix" mode, appends a last values document in which
 * every required node affinity term also requires the exclusions; set entries that would undo it
 * are folded into that document and removed. In "error" mode it fails synth instead.
 * Releases of KubePrometheusStack are already protected and left alone.
 *
 * Use `FargateGuard.applyTo(app)`: cdktf ignores aspects added to the App itself.
 */
export class FargateGuard implements IAspect {
  /**
   * Guard every stack under `scope` (an App, a stack, or any construct), including stacks created
   * after this call, at every synth (`cdktf synth` / `app.synth()`, `Testing.fullSynth`, `Testing.synth`).
   * Needed because cdktf 0.21 never runs aspects added to the App. Calling it again with the same
   * props adds nothing.
   */
  public static applyTo(scope: Construct, props: FargateGuardProps = {}): void {
    const guard = new FargateGuard(props);
    const sameGuard = (a: IAspect) => a instanceof FargateGuard && a.key === guard.key;
    if (aspectsForStacksUnder(scope).some(sameGuard) || Aspects.of(scope).all.some(sameGuard)) return;
    applyAspectToStacks(scope, guard);
  }

  public readonly mode: 'fix' | 'error';
  public readonly exclusions: NodeSelectorRequirement[];
  private readonly charts: DaemonSetChart[];
  /** Same key, same behaviour: used to make applyTo idempotent. */
  private readonly key: string;

  constructor(props: FargateGuardProps = {}) {
    const mode = props.mode ?? 'fix';
    if (mode !== 'fix' && mode !== 'error') throw new Error(errors.invalidGuardMode(mode));
    this.mode = mode;
    this.exclusions = props.exclusions ?? DEFAULT_NODE_EXPORTER_EXCLUSIONS;
    try {
      excludeFargate(undefined, this.exclusions);
    } catch (error) {
      if (error instanceof InvalidAffinityError) throw new Error(errors.invalidGuardExclusions(error.message));
      throw error;
    }
    this.charts = (props.charts ?? []).map(daemonSetChartFromSpec);
    this.key = JSON.stringify([this.mode, this.exclusions, props.charts ?? []]);
  }

  public visit(node: IConstruct): void {
    if (!isHelmRelease(node)) return;
    // KubePrometheusStack already enforces the exclusion (and rejects set entries that could undo it).
    if (KubePrometheusStack.isKubePrometheusStack(node.node.scope)) return;
    const problems = this.check(node);
    this.report(node, problems);
  }

  /** Check (and in fix mode, fix) one release; returns its errors. */
  private check(release: HelmRelease): string[] {
    const path = release.node.path;
    const chartInput = release.chartInput;
    if (chartInput === undefined || Token.isUnresolved(chartInput)) {
      if (chartInput !== undefined) warnOnce(release, errors.chartIsExpression(path));
      return [];
    }
    const ref = parseChartRef(chartInput);
    const chart = ref && findDaemonSetChart(ref.name, this.charts);
    if (!chart) return [];
    const subject: errors.ReleaseSubject = {
      path,
      chart: chart.name,
      workload: chart.layout.workload,
      affinityPath: chart.layout.affinityPath.join('.'),
    };
    const cannot = (detail: string) => [errors.cannotGuard(subject, detail)];

    const overrides = Object.keys((release as unknown as { rawOverrides: object }).rawOverrides ?? {});
    const overridden = ['values', ...SET_GROUPS.map((g) => g.attribute)].find((attr) => overrides.includes(attr));
    if (overridden) return cannot(errors.overriddenAttribute(overridden));

    // Values documents: a whole-list expression is one unreadable document.
    const rawValues = release.valuesInput;
    const wholeListToken = rawValues !== undefined && Token.isUnresolved(rawValues);
    const documents: (ValuesMap | undefined)[] = [];
    if (!wholeListToken) {
      for (const [index, doc] of (rawValues ?? []).entries()) {
        const read = readValuesDocument(doc, index);
        if (read.error) return cannot(read.error.replace(/\.$/, ''));
        documents.push(read.values);
      }
    } else {
      documents.push(undefined);
    }

    // Set entries: they apply after every document, so each must be readable.
    const groups: { [kind: string]: unknown[] } = {};
    for (const group of SET_GROUPS) {
      const entries = release[group.input] as unknown;
      if (entries === undefined) continue;
      if (Tokenization.isResolvable(entries) || Token.isUnresolved(entries) || !Array.isArray(entries)) return cannot(errors.setListIsExpression(group.kind, subject.affinityPath));
      groups[group.kind] = entries;
    }
    const sets = parseSetEntries({
      set: groups.set as SetEntryGroups['set'],
      setList: groups.set_list as SetEntryGroups['setList'],
      setSensitive: groups.set_sensitive as SetEntryGroups['setSensitive'],
      setWo: groups.set_wo as SetEntryGroups['setWo'],
    }, isToken);
    if (sets.problems.length > 0) {
      return sets.problems.map((p) => errors.cannotGuard(subject, p.type === 'name-unresolved'
        ? errors.setNameIsExpression(p.kind, p.index, subject.affinityPath)
        : errors.setEntryUnparseable(p.kind, p.index, p.name, p.detail)));
    }

    const version = release.versionInput !== undefined && !Token.isUnresolved(release.versionInput) ? release.versionInput : ref.version;
    const decision = decideRelease({ chart, version, documents, setEntries: sets.parsed, exclusions: this.exclusions, isOpaque: isToken });
    if (decision.type === 'no-daemonset' || decision.type === 'compliant') return [];
    // Contradictory or malformed values: what is wrong with them is the useful message, in either mode.
    if (decision.type === 'unfixable') return decision.problems.map((p) => errors.cannotGuard(subject, p));
    if (this.mode === 'error') return [errors.nonCompliantRelease(subject, decision.reasons, decision.removedEntries, this.exclusions)];
    this.applyFix(release, subject, decision, wholeListToken);
    return [];
  }

  private applyFix(release: HelmRelease, subject: errors.ReleaseSubject, decision: Extract<ReleaseDecision, { type: 'fix' }>, wholeListToken: boolean): void {
    const moved = decision.removedEntries.map((e) => `${e.kind}[${e.index}] "${e.name}"`);
    const header = `Added by cdktf-eks-monitoring (FargateGuard): ${subject.workload} must never be scheduled on excluded nodes\n`
      + '(Fargate, virtual-kubelet). This is the last document, so it wins.'
      + (moved.length > 0 ? `\nIt holds the effect of ${moved.join(', ')}, removed from the release's set entries.` : '');
    const text = renderDocument(decision.document, header);
    const values = release.valuesInput;
    release.values = wholeListToken ? Token.asList(Fn.concat([values, [text]])) : [...(values ?? []), text];
    removeSetEntries(release, decision.removedEntries);

    for (const index of decision.unreadableDocuments) Annotations.of(release).addWarning(errors.unreadableDocument(subject, index));
    Annotations.of(release).addWarning(errors.releaseFixed(subject, decision.reasons, this.exclusions, decision.removedEntries));
  }

  private report(release: IConstruct, problems: string[]): void {
    let byGuard = problemsByRelease.get(release);
    if (!byGuard) {
      byGuard = new Map();
      problemsByRelease.set(release, byGuard);
      const registry = byGuard;
      release.node.addValidation({ validate: () => [...registry.values()].flat() });
    }
    byGuard.set(this, problems);
  }
}

function isHelmRelease(node: IConstruct): node is HelmRelease {
  return TerraformResource.isTerraformResource(node) && node.terraformResourceType === 'helm_release';
}

/** Remove the given set entries from their groups (by kind and index). */
function removeSetEntries(release: HelmRelease, entries: readonly ParsedSetEntry[]): void {
  for (const group of SET_GROUPS) {
    const drop = new Set(entries.filter((e) => e.kind === group.kind).map((e) => e.index));
    if (drop.size === 0) continue;
    const kept = (release[group.input] as unknown[]).filter((_, index) => !drop.has(index));
    if (kept.length === 0) release[group.reset]();
    else (release[group.put] as (value: unknown[]) => void).call(release, kept);
  }
}

const warned = new WeakMap<IConstruct, Set<string>>();

/** A warning that does not repeat when the aspect runs again (each synth invokes aspects anew). */
function warnOnce(construct: IConstruct, message: string): void {
  const seen = warned.get(construct) ?? new Set<string>();
  warned.set(construct, seen);
  if (seen.has(message)) return;
  seen.add(message);
  Annotations.of(construct).addWarning(message);
}
