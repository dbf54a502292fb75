// Required node affinity as the scheduler evaluates it
// (k8s.io/component-helpers/scheduling/corev1/nodeaffinity): terms are ORed, the requirements of a
// term are ANDed, an empty term matches nothing, and a term with an invalid requirement matches nothing.
import { labelRequirementError, labelRequirementMatches } from '../k8s/labels';
import { KubernetesNode, NodeSelector, NodeSelectorRequirement, NodeSelectorTerm } from '../k8s/types';

/** The only node field a nodeSelectorTerm may match on. */
export const NODE_NAME_FIELD = 'metadata.name';

/** Why a matchFields requirement is invalid, or undefined when it is valid. */
export function fieldRequirementError(req: NodeSelectorRequirement): string | undefined {
  if (req.operator !== 'In' && req.operator !== 'NotIn') {
    return `matchFields "${req.key}": operator "${req.operator}" is not one of In, NotIn`;
  }
  if ((req.values ?? []).length !== 1) return `matchFields "${req.key} ${req.operator}": must have exactly one value`;
  return undefined;
}

/** Why a term matches no node whatever its labels, or undefined when it can match some node. */
export function termStructureError(term: NodeSelectorTerm): string | undefined {
  const expressions = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (expressions.length === 0 && fields.length === 0) return 'the term is empty (an empty term matches no node)';
  for (const req of expressions) {
    const error = labelRequirementError(req);
    if (error) return error;
  }
  for (const req of fields) {
    const error = fieldRequirementError(req);
    if (error) return error;
  }
  return undefined;
}

function fieldRequirementMatches(req: NodeSelectorRequirement, node: KubernetesNode): boolean {
  // fields.Set.Get returns "" for a field the node does not have.
  const actual = req.key === NODE_NAME_FIELD ? node.metadata.name : '';
  const expected = (req.values ?? [])[0];
  return req.operator === 'In' ? actual === expected : actual !== expected;
}

/** Does this one term admit the node? */
export function termMatches(term: NodeSelectorTerm, node: KubernetesNode): boolean {
  if (termStructureError(term) !== undefined) return false;
  const labels = node.metadata.labels ?? {};
  if (!(term.matchExpressions ?? []).every((req) => labelRequirementMatches(req, labels))) return false;
  // nodeaffinity.extractNodeFields gives a node without a name no fields at all, and nodeSelectorTerm.match
  // only checks matchFields when the node has fields: a nameless node passes any (valid) matchFields.
  if ((node.metadata.name ?? '').length === 0) return true;
  return (term.matchFields ?? []).every((req) => fieldRequirementMatches(req, node));
}

/**
 * Does a required node selector admit the node? An absent selector admits every node;
 * a selector with no terms admits none.
 */
export function nodeSelectorMatches(selector: NodeSelector | undefined, node: KubernetesNode): boolean {
  if (selector === undefined || selector === null) return true;
  return (selector.nodeSelectorTerms ?? []).some((term) => termMatches(term, node));
}
