// Can any node at all satisfy a node selector term (together with extra requirements and a
// nodeSelector)? Used to drop terms that could only ever match excluded nodes, and to tell a user
// that node-exporter would be scheduled nowhere, before deploying.
//
// Labels are independent of each other and of the node name, so a term is satisfiable exactly when
// every label key and the name field can each be given a value (or be absent) that meets all of
// the requirements on it.
import { parseInt64 } from '../k8s/labels';
import { NodeSelectorRequirement, NodeSelectorTerm } from '../k8s/types';
import { NODE_NAME_FIELD, termStructureError } from '../scheduling/node-affinity';

const INT64_MAX = 2n ** 63n - 1n;

export interface SatisfiabilityOptions {
  /**
   * Requirements ANDed into the term (the exclusions). They are checked by the caller.
   * @default - none
   */
  readonly extraRequirements?: NodeSelectorRequirement[];
  /**
   * The pod's nodeSelector, which the scheduler ANDs with every term.
   * @default - none
   */
  readonly nodeSelector?: { readonly [key: string]: string };
  /**
   * Tells which strings are not known yet (Terraform expressions): a requirement holding one is
   * assumed satisfiable, since its value is only known at apply time.
   * @default - every string is known
   */
  readonly isOpaque?: (value: string) => boolean;
}

/** Why no node can match the term, or undefined when some node can. */
export function termUnsatisfiableReason(term: NodeSelectorTerm, options: SatisfiabilityOptions = {}): string | undefined {
  const isOpaque = options.isOpaque ?? (() => false);
  const known = (req: NodeSelectorRequirement) => !isOpaque(req.key) && !(req.values ?? []).some((v) => isOpaque(v));
  if ((term.matchExpressions ?? []).length === 0 && (term.matchFields ?? []).length === 0) {
    return 'the term is empty, and an empty term matches no node';
  }
  // The scheduler's own validity rules, applied to the requirements whose values are known now.
  const expressions = (term.matchExpressions ?? []).filter(known);
  const fields = (term.matchFields ?? []).filter(known);
  const invalid = expressions.length + fields.length > 0 ? termStructureError({ matchExpressions: expressions, matchFields: fields }) : undefined;
  if (invalid) return `invalid requirement: ${invalid}`;

  const byKey = new Map<string, NodeSelectorRequirement[]>();
  const add = (req: NodeSelectorRequirement) => byKey.set(req.key, [...(byKey.get(req.key) ?? []), req]);
  expressions.forEach(add);
  (options.extraRequirements ?? []).filter(known).forEach(add);
  for (const [key, value] of Object.entries(options.nodeSelector ?? {})) {
    if (!isOpaque(key) && !isOpaque(value)) add({ key, operator: 'In', values: [value] });
  }
  for (const [key, reqs] of byKey) {
    if (!labelSatisfiable(reqs)) return `no label value for ${key} satisfies ${reqs.map(describeRequirement).join(' and ')}`;
  }
  if (!fieldSatisfiable(fields)) return `no node name satisfies ${fields.map(describeRequirement).join(' and ')}`;
  return undefined;
}

/** Is there a value (or the absence of the label) meeting all of these valid requirements on one key? */
function labelSatisfiable(reqs: NodeSelectorRequirement[]): boolean {
  const ops = (op: string) => reqs.filter((r) => r.operator === op);
  const needsPresence = reqs.some((r) => ['In', 'Exists', 'Gt', 'Lt'].includes(r.operator));
  const forbidsPresence = ops('DoesNotExist').length > 0;
  if (!needsPresence) return true; // absent label satisfies NotIn and DoesNotExist
  if (forbidsPresence) return false;

  const excluded = new Set(ops('NotIn').flatMap((r) => r.values ?? []));
  const lowers = ops('Gt').map((r) => parseInt64((r.values ?? [])[0])!);
  const uppers = ops('Lt').map((r) => parseInt64((r.values ?? [])[0])!);
  const inRange = (value: string) => {
    if (lowers.length === 0 && uppers.length === 0) return true;
    const n = parseInt64(value);
    return n !== undefined && lowers.every((lo) => n > lo) && uppers.every((hi) => n < hi);
  };

  const inSets = ops('In').map((r) => new Set(r.values ?? []));
  if (inSets.length > 0) {
    const [first, ...rest] = inSets;
    return [...first].some((v) => rest.every((s) => s.has(v)) && !excluded.has(v) && inRange(v));
  }
  if (lowers.length === 0 && uppers.length === 0) return true; // infinitely many values avoid a finite NotIn set
  // A label value cannot start with "-", so only integers 0..int64 max can be written; each has
  // endlessly many spellings ("7", "07", ...), so a NotIn set cannot rule one out.
  const lo = lowers.reduce((a, b) => (b > a ? b : a), -1n);
  const hi = uppers.reduce((a, b) => (b < a ? b : a), INT64_MAX + 1n);
  return hi - lo > 1n;
}

/** metadata.name In/NotIn requirements; any other field key reads as "". */
function fieldSatisfiable(reqs: NodeSelectorRequirement[]): boolean {
  const constraints = new Map<string, { equal: Set<string>; notEqual: Set<string> }>();
  for (const req of reqs) {
    const c = constraints.get(req.key) ?? { equal: new Set<string>(), notEqual: new Set<string>() };
    (req.operator === 'In' ? c.equal : c.notEqual).add((req.values ?? [])[0]);
    constraints.set(req.key, c);
  }
  for (const [key, { equal, notEqual }] of constraints) {
    if (key !== NODE_NAME_FIELD) {
      if ([...equal].some((v) => v !== '') || notEqual.has('')) return false;
      continue;
    }
    if (equal.size > 1 || equal.has('')) return false; // a node always has a non-empty name
    if (equal.size === 1 && notEqual.has([...equal][0])) return false;
  }
  return true;
}

/** `key Op [values]`, as users read it in kubectl output. */
export function describeRequirement(req: NodeSelectorRequirement): string {
  const values = req.values ?? [];
  return values.length === 0 && (req.operator === 'Exists' || req.operator === 'DoesNotExist')
    ? `${req.key} ${req.operator}`
    : `${req.key} ${req.operator} [${values.join(', ')}]`;
}
