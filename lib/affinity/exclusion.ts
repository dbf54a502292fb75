// The core guarantee: AND the exclusions into every required node affinity term, keeping
// everything else the user asked for. Pure: no cdktf import.
import { labelRequirementError } from '../k8s/labels';
import { Affinity, NodeSelectorRequirement, NodeSelectorTerm } from '../k8s/types';
import { describeRequirement, termUnsatisfiableReason } from './satisfiability';

/**
 * What the upstream node-exporter chart excludes since 4.43.0: AWS Fargate and virtual-kubelet
 * nodes (Azure virtual nodes and the like). NotIn, never DoesNotExist: EKS Auto Mode (`auto`) and
 * Hybrid Nodes (`hybrid`) carry the label and must keep node-exporter.
 */
export const DEFAULT_NODE_EXPORTER_EXCLUSIONS: NodeSelectorRequirement[] = Object.freeze([
  Object.freeze({ key: 'eks.amazonaws.com/compute-type', operator: 'NotIn', values: Object.freeze(['fargate']) as string[] }),
  Object.freeze({ key: 'type', operator: 'NotIn', values: Object.freeze(['virtual-kubelet']) as string[] }),
]) as NodeSelectorRequirement[];

/** Thrown when, after the exclusions, no node at all can receive the pod. */
export class UnschedulableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnschedulableError';
  }
}

/** Thrown for an affinity or exclusion that is not shaped like the Kubernetes API object. */
export class InvalidAffinityError extends Error {
  constructor(message: string, public readonly subject: 'affinity' | 'exclusions' = 'affinity') {
    super(message);
    this.name = 'InvalidAffinityError';
  }
}

export interface ExcludeOptions {
  /**
   * The pod's nodeSelector: a term that cannot match together with it is dropped, and a
   * nodeSelector that only excluded nodes satisfy makes the pod unschedulable.
   * @default - none
   */
  readonly nodeSelector?: { readonly [key: string]: string };
  /**
   * Which strings are Terraform expressions whose value is unknown until apply (kept as they are,
   * assumed satisfiable).
   * @default - every string is known
   */
  readonly isOpaque?: (value: string) => boolean;
  /**
   * The workload's name, for error messages.
   * @default "node-exporter"
   */
  readonly workload?: string;
}

/**
 * Returns a new affinity in which every required node selector term also requires the exclusions,
 * so no excluded node is admitted and every other node the input admitted still is.
 *
 * - No required node affinity: one term holding just the exclusions is created.
 * - Terms that could only match excluded nodes (or no node at all, like an empty term) are dropped.
 * - Preferred terms, podAffinity and podAntiAffinity are kept untouched. Idempotent.
 *
 * @throws UnschedulableError when no term is left: the pod would be scheduled nowhere.
 */
export function excludeFargate(
  affinity?: Affinity | null,
  exclusions: NodeSelectorRequirement[] = DEFAULT_NODE_EXPORTER_EXCLUSIONS,
  options: ExcludeOptions = {},
): Affinity {
  validateExclusions(exclusions);
  const workload = options.workload ?? 'node-exporter';
  const source: Affinity = affinity ?? {};
  assertMapping(source, 'affinity');
  const nodeAffinity = source.nodeAffinity ?? {};
  assertMapping(nodeAffinity, 'affinity.nodeAffinity');
  const required = nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution;

  let terms: NodeSelectorTerm[];
  const reasons: string[] = [];
  if (required === undefined || required === null) {
    terms = [{ matchExpressions: [...exclusions] }];
  } else {
    assertMapping(required, 'affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution');
    const userTerms = required.nodeSelectorTerms ?? [];
    if (!Array.isArray(userTerms)) throw new InvalidAffinityError('nodeSelectorTerms must be a list of terms');
    terms = [];
    userTerms.forEach((term, i) => {
      assertTerm(term, i);
      const reason = termUnsatisfiableReason(term, {
        extraRequirements: exclusions,
        nodeSelector: options.nodeSelector,
        isOpaque: options.isOpaque,
      });
      if (reason === undefined) terms.push(withRequirements(term, exclusions));
      else reasons.push(`term ${i + 1} (${describeTerm(term)}): ${reason}`);
    });
    if (userTerms.length === 0) reasons.push('nodeSelectorTerms is an empty list, which admits no node');
  }
  const selectorConflict = nodeSelectorConflict(exclusions, options);
  if (selectorConflict !== undefined || terms.length === 0) {
    throw new UnschedulableError(
      `${workload} would be scheduled nowhere: after excluding nodes that fail ${exclusions.map(describeRequirement).join(' or ')}, `
      + (selectorConflict ?? `no required node affinity term can match a node: ${reasons.join('; ')}`),
    );
  }
  return {
    ...source,
    nodeAffinity: {
      ...nodeAffinity,
      requiredDuringSchedulingIgnoredDuringExecution: { ...(required ?? {}), nodeSelectorTerms: terms },
    },
  };
}

/** The nodeSelector alone already contradicts the exclusions (e.g. pins compute-type: fargate). */
function nodeSelectorConflict(exclusions: NodeSelectorRequirement[], options: ExcludeOptions): string | undefined {
  if (!options.nodeSelector || Object.keys(options.nodeSelector).length === 0) return undefined;
  const reason = termUnsatisfiableReason(
    { matchExpressions: [...exclusions] },
    { nodeSelector: options.nodeSelector, isOpaque: options.isOpaque },
  );
  if (reason === undefined) return undefined;
  const pairs = Object.entries(options.nodeSelector).map(([k, v]) => `${k}: ${v}`).join(', ');
  return `the nodeSelector {${pairs}} only matches excluded nodes (${reason})`;
}

/** The term with each exclusion ANDed in, unless the term already holds that exact requirement. */
function withRequirements(term: NodeSelectorTerm, extra: NodeSelectorRequirement[]): NodeSelectorTerm {
  const missing = extra.filter((req) => !termHasRequirement(term, req));
  return missing.length === 0 ? term : { ...term, matchExpressions: [...(term.matchExpressions ?? []), ...missing] };
}

function termHasRequirement(term: NodeSelectorTerm, req: NodeSelectorRequirement): boolean {
  return Array.isArray(term.matchExpressions) && term.matchExpressions.some((have) => sameRequirement(have, req));
}

/**
 * Does this affinity already require every exclusion in every required term (so that Helm, with it,
 * can place the pod on no excluded node)? False when there is no required node affinity.
 */
export function excludesInEveryTerm(affinity: Affinity | undefined | null, exclusions: NodeSelectorRequirement[]): boolean {
  const terms = affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  return Array.isArray(terms) && terms.length > 0
    && terms.every((term) => term !== null && typeof term === 'object' && exclusions.every((req) => termHasRequirement(term, req)));
}

function sameRequirement(a: NodeSelectorRequirement, b: NodeSelectorRequirement): boolean {
  if (a === null || typeof a !== 'object') return false;
  const av = [...(a.values ?? [])].sort();
  const bv = [...(b.values ?? [])].sort();
  return a.key === b.key && a.operator === b.operator && av.length === bv.length && av.every((v, i) => v === bv[i]);
}

/** Exclusion lists already found valid: the same list (usually the default) is checked once, not per release. */
const validExclusionLists = new WeakSet<NodeSelectorRequirement[]>();

function validateExclusions(exclusions: NodeSelectorRequirement[]): void {
  if (Array.isArray(exclusions) && validExclusionLists.has(exclusions)) return;
  if (!Array.isArray(exclusions) || exclusions.length === 0) {
    throw new InvalidAffinityError('exclusions must be a non-empty list of node selector requirements', 'exclusions');
  }
  for (const req of exclusions) {
    const error = labelRequirementError(req);
    if (error) throw new InvalidAffinityError(`invalid exclusion: ${error}`, 'exclusions');
  }
  const reason = termUnsatisfiableReason({ matchExpressions: [...exclusions] });
  if (reason) throw new InvalidAffinityError(`the exclusions exclude every node: ${reason}`, 'exclusions');
  if (Object.isFrozen(exclusions) && exclusions.every(Object.isFrozen)) validExclusionLists.add(exclusions);
}

function describeTerm(term: NodeSelectorTerm): string {
  const parts = [
    ...(term.matchExpressions ?? []).map(describeRequirement),
    ...(term.matchFields ?? []).map((r) => `field ${describeRequirement(r)}`),
  ];
  return parts.length === 0 ? 'empty' : parts.join(', ');
}

function assertMapping(value: unknown, path: string): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InvalidAffinityError(`${path} must be a mapping, got ${JSON.stringify(value)}`);
  }
}

function assertTerm(term: NodeSelectorTerm, index: number): void {
  const path = `nodeSelectorTerms[${index}]`;
  assertMapping(term, path);
  for (const list of ['matchExpressions', 'matchFields'] as const) {
    const reqs = term[list];
    if (reqs === undefined || reqs === null) continue;
    if (!Array.isArray(reqs)) throw new InvalidAffinityError(`${path}.${list} must be a list`);
    reqs.forEach((req, j) => {
      assertMapping(req, `${path}.${list}[${j}]`);
      if (typeof req.key !== 'string' || typeof req.operator !== 'string') {
        throw new InvalidAffinityError(`${path}.${list}[${j}] needs a string key and operator`);
      }
      if (req.values !== undefined && req.values !== null && (!Array.isArray(req.values) || req.values.some((v) => typeof v !== 'string'))) {
        throw new InvalidAffinityError(`${path}.${list}[${j}].values must be a list of strings (quote numbers: "1")`);
      }
    });
  }
}
