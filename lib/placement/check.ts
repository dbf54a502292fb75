// The placement check: for every helm_release of a known DaemonSet chart in synthesized stacks, which
// nodes of a real cluster would get one of its pods, and why. Pure: callers read the files.
import { KubernetesNode } from '../k8s/types';
import { explainPodFitsNode } from '../scheduling/pod-fits-node';
import { parseChartRef } from './chart-ref';
import { DaemonSetChart, findDaemonSetChart } from './daemonset-charts';
import { computeTypeOf, isExcludedNode } from './node-kind';
import { daemonSetPodTemplate } from './pod-template';
import { readReleaseValues, readStringAttribute, releaseLabel, SynthesizedHelmRelease } from './synthesized-release';
import { isUnknownValue } from './terraform-strings';

/** One node, for one release. */
export interface PlacementRow {
  /** The release: its construct path (or Terraform address). */
  readonly release: string;
  /** The chart name. */
  readonly chart: string;
  /** The node name. */
  readonly node: string;
  /** "EC2", "Fargate", "Auto Mode", "Hybrid", "virtual-kubelet" (plus the OS when not Linux). */
  readonly computeType: string;
  /** Whether no DaemonSet pod may ever land on this node (Fargate, virtual-kubelet). */
  readonly excluded: boolean;
  /** Whether the DaemonSet controller would create a pod for this node. */
  readonly scheduled: boolean;
  /** Why, in one line. */
  readonly reason: string;
}

export interface ReleasePlacement {
  readonly release: string;
  readonly address: string;
  /** The Helm release name. @default - unknown */
  readonly name?: string;
  readonly chart: string;
  /** The chart version. @default - the newest */
  readonly version?: string;
  /** The DaemonSet, e.g. "node-exporter". */
  readonly workload: string;
  readonly rows: PlacementRow[];
  /** Assumptions made while evaluating. */
  readonly notes: string[];
}

/** A release of a known DaemonSet chart that cannot be evaluated before apply. */
export interface UnusableRelease {
  readonly release: string;
  /** @default - unknown (the chart itself is a Terraform expression) */
  readonly chart?: string;
  readonly problem: string;
}

export interface PlacementReport {
  readonly releases: ReleasePlacement[];
  readonly unusable: UnusableRelease[];
  /** helm_release resources of charts that are not known DaemonSet charts (not evaluated). */
  readonly otherReleases: number;
  readonly nodeCount: number;
  /**
   * 1 when a pod would land on an excluded node, 0 when none would; 2 when a release could not be
   * evaluated (the check is then incomplete, whatever the other releases say).
   */
  readonly exitCode: 0 | 1 | 2;
}

export interface PlacementCheckOptions {
  /** DaemonSet charts to know besides the built-in ones. @default - none */
  readonly charts?: readonly DaemonSetChart[];
}

/** Evaluate every helm_release of a known DaemonSet chart against every node. */
export function checkPlacement(
  releases: readonly SynthesizedHelmRelease[],
  nodes: readonly KubernetesNode[],
  options: PlacementCheckOptions = {},
): PlacementReport {
  const placements: ReleasePlacement[] = [];
  const unusable: UnusableRelease[] = [];
  let otherReleases = 0;

  for (const release of releases) {
    const label = releaseLabel(release);
    const chartAttr = readStringAttribute(release, 'chart');
    if (chartAttr.problem || (chartAttr.value !== undefined && isUnknownValue(chartAttr.value))) {
      unusable.push({ release: label, problem: `chart is a Terraform expression (${String(release.config.chart)}), so it is unknown which chart it installs` });
      continue;
    }
    const ref = chartAttr.value === undefined ? undefined : parseChartRef(chartAttr.value);
    const chart = ref && findDaemonSetChart(ref.name, options.charts);
    if (!ref || !chart) {
      otherReleases++;
      continue;
    }
    const versionAttr = readStringAttribute(release, 'version');
    let version = versionAttr.value !== undefined && versionAttr.value.trim() !== '' ? versionAttr.value.trim() : ref.version;
    const notes: string[] = [];
    if (version !== undefined && isUnknownValue(version)) {
      notes.push(`version is a Terraform expression (${String(release.config.version)})`);
      version = String(release.config.version);
    }

    const values = readReleaseValues(release);
    if (values.problem !== undefined) {
      unusable.push({ release: label, chart: chart.name, problem: values.problem });
      continue;
    }
    const template = daemonSetPodTemplate({ chart, version, values: values.values, isUnknown: isUnknownValue });
    if (template.unknownPaths.length > 0) {
      unusable.push({
        release: label,
        chart: chart.name,
        problem: `${template.unknownPaths.join(', ')} ${template.unknownPaths.length === 1 ? 'holds' : 'hold'} a Terraform expression, known only at apply time`,
      });
      continue;
    }
    const rows = nodes.map((node): PlacementRow => {
      const base = { release: label, chart: chart.name, node: node.metadata.name, computeType: computeTypeOf(node), excluded: isExcludedNode(node) };
      if (!template.rendered) return { ...base, scheduled: false, reason: template.notRenderedReason! };
      const { scheduled, reason } = explainPodFitsNode(template.spec, node);
      return { ...base, scheduled, reason };
    });
    const name = readStringAttribute(release, 'name').value;
    placements.push({
      release: label,
      address: release.address,
      name,
      chart: chart.name,
      version,
      workload: chart.layout.workload,
      rows,
      notes: [...notes, ...template.notes],
    });
  }

  const violation = placements.some((p) => p.rows.some((row) => row.excluded && row.scheduled));
  const exitCode = unusable.length > 0 ? 2 : violation ? 1 : 0;
  return { releases: placements, unusable, otherReleases, nodeCount: nodes.length, exitCode };
}
