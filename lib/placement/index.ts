// The placement check: where the pods of DaemonSet chart releases in synthesized stacks would be
// scheduled on a real cluster's nodes. Pure (no cdktf import): it reads synthesized JSON.
export { checkPlacement } from './check';
export type { PlacementCheckOptions, PlacementReport, PlacementRow, ReleasePlacement, UnusableRelease } from './check';
export { placementJson, placementTable } from './format';
export { daemonSetPodTemplate, nodeExporterMergedAffinities } from './pod-template';
export type { DaemonSetPodTemplate, PodTemplateInput } from './pod-template';
export { BUILT_IN_DAEMONSET_CHARTS, daemonSetChartFromSpec, findDaemonSetChart, InvalidChartSpecError } from './daemonset-charts';
export type { DaemonSetChart, DaemonSetChartSpec, DaemonSetCondition } from './daemonset-charts';
export { parseChartRef } from './chart-ref';
export type { ChartRef } from './chart-ref';
export { computeTypeOf, isExcludedNode } from './node-kind';
export { helmReleasesOf, readReleaseValues } from './synthesized-release';
export type { SynthesizedHelmRelease } from './synthesized-release';
