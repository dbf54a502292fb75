// The root entry. It must never load @cdktf/provider-aws (the cluster constructs live in
// lib/eks, exported as `cdktf-eks-monitoring/eks`).
export * from './k8s/types';
export { excludeFargate, DEFAULT_NODE_EXPORTER_EXCLUSIONS, UnschedulableError, InvalidAffinityError } from './affinity/exclusion';
export type { ExcludeOptions } from './affinity/exclusion';
export { KubePrometheusStack } from './kube-prometheus-stack';
export type { KubePrometheusStackProps, HelmSetValue, HelmSetListValue, IFargateAwareCluster } from './kube-prometheus-stack';
export { findFargateCapture, fargateNamespacePatternMatches } from './fargate-profiles';
export type { FargateProfileDescription, FargateProfileSelector, FargateCapture } from './fargate-profiles';
export { FargateGuard } from './fargate-guard';
export type { FargateGuardProps, FargateGuardChart } from './fargate-guard';
export { podFitsNode, explainPodFitsNode } from './scheduling';
export type { DaemonPodPlacementSpec, PlacementExplanation } from './scheduling';
export {
  checkPlacement, placementTable, placementJson, daemonSetPodTemplate, BUILT_IN_DAEMONSET_CHARTS, computeTypeOf, isExcludedNode, helmReleasesOf,
} from './placement';
export type {
  PlacementReport, PlacementRow, ReleasePlacement, UnusableRelease, DaemonSetChart, DaemonSetChartSpec, SynthesizedHelmRelease,
} from './placement';
