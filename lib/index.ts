// The root entry. It must never load @cdktf/provider-aws (the cluster constructs live in
// lib/eks, exported as `cdktf-eks-monitoring/eks`).
export * from './k8s/types';
export { excludeFargate, DEFAULT_NODE_EXPORTER_EXCLUSIONS, UnschedulableError, InvalidAffinityError } from './affinity/exclusion';
export type { ExcludeOptions } from './affinity/exclusion';
export { KubePrometheusStack } from './kube-prometheus-stack';
export type { KubePrometheusStackProps, HelmSetValue, HelmSetListValue, IFargateAwareCluster } from './kube-prometheus-stack';
export { findFargateCapture, fargateNamespacePatternMatches } from './fargate-profiles';
export type { FargateProfileDescription, FargateProfileSelector, FargateCapture } from './fargate-profiles';
