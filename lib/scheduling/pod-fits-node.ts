// "Would the DaemonSet controller place this pod on this node?", with the exact rules of
// pkg/controller/daemon/daemon_controller.go (NodeShouldRunDaemonPod's shouldRun, via NewPod and predicates):
//   1. the template's spec.nodeName, if set, must be the node's name;
//   2. the pod's nodeSelector and required node affinity must match (nodeaffinity.GetRequiredNodeAffinity(pod).Match);
//      preferred affinity is ignored;
//   3. every NoSchedule and NoExecute taint must be tolerated (PreferNoSchedule is ignored) by the template's
//      tolerations plus the ones the controller adds to every daemon pod (AddOrUpdateDaemonPodTolerations).
// Node spec.unschedulable does not matter: daemon pods tolerate node.kubernetes.io/unschedulable:NoSchedule, which
// is what the scheduler's NodeUnschedulable plugin checks. Resources, host ports and pod (anti-)affinity are left to
// the scheduler and are not the controller's business, so they are not modelled here.
import { KubernetesNode, NodeSelector, NodeSelectorTerm, PodPlacementSpec, Taint, Toleration } from '../k8s/types';
import { NODE_NAME_FIELD, nodeSelectorMatches, termMatches, termStructureError } from './node-affinity';
import {
  daemonPodTolerations,
  firstUntoleratedTaint,
  formatTaint,
  formatToleration,
  isSchedulingTaint,
  toleratesTaint,
  TolerationOptions,
} from './tolerations';

/** A DaemonSet's pod template spec: the placement fields plus the two PodSpec fields the controller also reads. */
export interface DaemonPodPlacementSpec extends PodPlacementSpec {
  /**
   * spec.hostNetwork. A hostNetwork daemon pod also tolerates node.kubernetes.io/network-unavailable:NoSchedule.
   * @default false
   */
  readonly hostNetwork?: boolean;
  /**
   * spec.nodeName. When set, the DaemonSet runs only on the node of that name.
   * @default - any node
   */
  readonly nodeName?: string;
}

export type PodFitsNodeOptions = TolerationOptions;

export interface PlacementExplanation {
  /** Whether the DaemonSet controller would create its pod for this node. */
  readonly scheduled: boolean;
  /** Why, in one short line. */
  readonly reason: string;
}

/** Would the DaemonSet controller place a pod with this spec on this node? */
export function podFitsNode(podSpec: DaemonPodPlacementSpec, node: KubernetesNode, options: PodFitsNodeOptions = {}): boolean {
  return explainPodFitsNode(podSpec, node, options).scheduled;
}

/** podFitsNode, with the first reason the pod is kept off the node, or what let it on. */
export function explainPodFitsNode(
  podSpec: DaemonPodPlacementSpec,
  node: KubernetesNode,
  options: PodFitsNodeOptions = {},
): PlacementExplanation {
  const nodeName = node.metadata.name ?? '';
  const wantedName = podSpec.nodeName ?? '';
  if (wantedName !== '' && wantedName !== nodeName) {
    return { scheduled: false, reason: `spec.nodeName ${wantedName} is not this node (${nodeName})` };
  }

  const labels = node.metadata.labels ?? {};
  const nodeSelector = podSpec.nodeSelector ?? {};
  for (const [key, value] of Object.entries(nodeSelector)) {
    const has = Object.prototype.hasOwnProperty.call(labels, key);
    if (!has || labels[key] !== value) {
      const actual = has ? `${key}=${labels[key]}` : `${key} not set`;
      return { scheduled: false, reason: `node selector ${key}=${value} does not match (${actual})` };
    }
  }

  const required = podSpec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? undefined;
  if (!nodeSelectorMatches(required, node)) {
    return { scheduled: false, reason: `no required node affinity term matches (${explainSelectorFailure(required!, node)})` };
  }

  const tolerations = daemonPodTolerations(podSpec.tolerations, podSpec.hostNetwork === true);
  const untolerated = firstUntoleratedTaint(node.spec?.taints, tolerations, options);
  if (untolerated) return { scheduled: false, reason: `untolerated taint ${formatTaint(untolerated)}` };

  return { scheduled: true, reason: `fits: ${describeTaints(node.spec?.taints, podSpec.tolerations, tolerations, options)}; ${describeSelectors(podSpec)}` };
}

function formatRequirement(req: { key: string; operator: string; values?: string[] }): string {
  const values = req.values ?? [];
  switch (req.operator) {
    case 'Exists':
    case 'DoesNotExist':
      return values.length === 0 ? `${req.key} ${req.operator}` : `${req.key} ${req.operator} [${values.join(', ')}]`;
    case 'Gt':
    case 'Lt':
      return values.length === 1 ? `${req.key} ${req.operator} ${values[0]}` : `${req.key} ${req.operator} [${values.join(', ')}]`;
    default:
      return `${req.key} ${req.operator} [${values.join(', ')}]`;
  }
}

/** Why one term does not admit the node: its first failing requirement, or why it can match nothing. */
function explainTermFailure(term: NodeSelectorTerm, node: KubernetesNode): string {
  const structure = termStructureError(term);
  if (structure !== undefined) return structure.startsWith('the term is empty') ? 'empty term' : `invalid: ${structure}`;
  // Each requirement alone, through termMatches itself, so the explanation cannot disagree with the decision.
  for (const req of term.matchExpressions ?? []) {
    if (!termMatches({ matchExpressions: [req] }, node)) return `${formatRequirement(req)} fails`;
  }
  for (const req of term.matchFields ?? []) {
    if (!termMatches({ matchFields: [req] }, node)) {
      const actual = req.key === NODE_NAME_FIELD ? ` (node is ${node.metadata.name})` : '';
      return `matchFields ${formatRequirement(req)} fails${actual}`;
    }
  }
  return 'fails';
}

function explainSelectorFailure(selector: NodeSelector, node: KubernetesNode): string {
  const terms = selector.nodeSelectorTerms ?? [];
  if (terms.length === 0) return 'nodeSelectorTerms is empty';
  return terms.map((term, i) => `term ${i + 1}: ${explainTermFailure(term, node)}`).join('; ');
}

function describeTaints(
  taints: readonly Taint[] | undefined,
  podTolerations: readonly Toleration[] | undefined,
  allTolerations: readonly Toleration[],
  options: TolerationOptions,
): string {
  const scheduling = (taints ?? []).filter(isSchedulingTaint);
  if (scheduling.length === 0) return (taints ?? []).length === 0 ? 'no taints' : 'no NoSchedule/NoExecute taints';
  const parts = scheduling.map((taint) => {
    const own = (podTolerations ?? []).find((t) => toleratesTaint(t, taint, options));
    if (own) return `${formatTaint(taint)} (${formatToleration(own)})`;
    const auto = allTolerations.find((t) => toleratesTaint(t, taint, options));
    return `${formatTaint(taint)} (DaemonSet default ${auto ? formatToleration(auto) : 'toleration'})`;
  });
  return `tolerates ${parts.join(', ')}`;
}

function describeSelectors(podSpec: DaemonPodPlacementSpec): string {
  const hasSelector = Object.keys(podSpec.nodeSelector ?? {}).length > 0;
  const hasAffinity = (podSpec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? undefined) !== undefined;
  if (hasSelector && hasAffinity) return 'nodeSelector and affinity match';
  if (hasSelector) return 'nodeSelector matches';
  if (hasAffinity) return 'required node affinity matches';
  return 'no nodeSelector or required node affinity';
}
