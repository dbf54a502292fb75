// What kind of EKS node a Node object is, from the labels EKS and virtual-kubelet put on it, and
// whether it is one a DaemonSet must never be placed on.
import { DEFAULT_NODE_EXPORTER_EXCLUSIONS } from '../affinity/exclusion';
import { labelRequirementMatches } from '../k8s/labels';
import { KubernetesNode, NodeSelectorRequirement } from '../k8s/types';

export const COMPUTE_TYPE_LABEL = 'eks.amazonaws.com/compute-type';

const COMPUTE_TYPE_NAMES: { [label: string]: string } = {
  fargate: 'Fargate',
  auto: 'Auto Mode',
  hybrid: 'Hybrid',
  ec2: 'EC2',
};

/**
 * The node's compute type as people call it: "Fargate", "Auto Mode", "Hybrid", "virtual-kubelet", or
 * "EC2" for a node without the compute-type label (managed node groups, self-managed nodes, Karpenter).
 * Windows nodes get " (windows)" appended, since most DaemonSet charts only run on Linux.
 */
export function computeTypeOf(node: KubernetesNode): string {
  const labels = node.metadata.labels ?? {};
  let type: string;
  if (labels.type === 'virtual-kubelet') type = 'virtual-kubelet';
  else if (labels[COMPUTE_TYPE_LABEL] !== undefined) type = COMPUTE_TYPE_NAMES[labels[COMPUTE_TYPE_LABEL]] ?? labels[COMPUTE_TYPE_LABEL];
  else type = 'EC2';
  const os = labels['kubernetes.io/os'];
  return os !== undefined && os !== 'linux' ? `${type} (${os})` : type;
}

/** Is this a node no DaemonSet pod may land on: one that fails an exclusion (default: Fargate, virtual-kubelet)? */
export function isExcludedNode(node: KubernetesNode, exclusions: readonly NodeSelectorRequirement[] = DEFAULT_NODE_EXPORTER_EXCLUSIONS): boolean {
  const labels = node.metadata.labels ?? {};
  return exclusions.some((req) => !labelRequirementMatches(req, labels));
}
