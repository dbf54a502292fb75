// Where a DaemonSet's pods land: pure functions with Kubernetes' own semantics (no cdktf import).
export { podFitsNode, explainPodFitsNode } from './pod-fits-node';
export type { DaemonPodPlacementSpec, PlacementExplanation, PodFitsNodeOptions } from './pod-fits-node';
export { toleratesTaint } from './tolerations';
export type { TolerationOptions } from './tolerations';
export { nodeSelectorMatches, termMatches } from './node-affinity';
