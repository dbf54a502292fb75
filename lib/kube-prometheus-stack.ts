import { HelmProvider } from '@cdktf/provider-helm/lib/provider';
import { Release } from '@cdktf/provider-helm/lib/release';
import { Annotations, Token } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { DEFAULT_NODE_EXPORTER_EXCLUSIONS } from './affinity/exclusion';
import * as errors from './errors';
import { FargateProfileDescription, findFargateCapture } from './fargate-profiles';
import { Affinity, NodeSelectorRequirement } from './k8s/types';
import { isToken, readSetEntries, readValuesDocument, renderDocument } from './private/release-values';
import { KUBE_PROMETHEUS_STACK } from './placement/daemonset-charts';
import { planExclusion, PlanProblem } from './values/exclusion-plan';

/**
 * What KubePrometheusStack needs to know of the cluster it is installed on. `HybridEksCluster`
 * (from `cdktf-eks-monitoring/eks`) is one; the root entry only names this shape, so that it never
 * loads @cdktf/provider-aws.
 */
export interface IFargateAwareCluster extends IConstruct {
  readonly clusterName: string;
  /** The cluster's Fargate profiles with their selectors, readable at synth time. */
  readonly fargateProfiles: readonly FargateProfileDescription[];
}

/** A helm_release `set` or `set_sensitive` entry. */
export interface HelmSetValue {
  /** The value path, in `--set` syntax (e.g. `grafana.ingress.enabled`). */
  readonly name: string;
  readonly value: string;
  /** "auto" or "string" (or "literal"). @default "auto" */
  readonly type?: string;
}

/** A helm_release `set_list` entry. */
export interface HelmSetListValue {
  readonly name: string;
  readonly value: string[];
}

export interface KubePrometheusStackProps {
  /** @default "kube-prometheus-stack" */
  readonly releaseName?: string;
  /** @default "monitoring" */
  readonly namespace?: string;
  /** @default true */
  readonly createNamespace?: boolean;
  /** @default "https://prometheus-community.github.io/helm-charts" */
  readonly repository?: string;
  /**
   * The kube-prometheus-stack chart version. Versions before 67.6.0 (node-exporter chart before
   * 4.43.0, which have no Fargate exclusion of their own) are protected just the same.
   * @default "88.5.3" (the version this library is tested against)
   */
  readonly chartVersion?: string;
  /**
   * Values documents, applied in order exactly like `helm -f first -f second`: each a plain object,
   * a YAML string, or a Terraform expression (`Fn.file(...)`, `Fn.templatefile(...)`). Terraform
   * references inside objects (variables, resource attributes) are kept.
   * @default - none
   */
  readonly values?: any[];
  /**
   * helm_release `set` entries, applied after the values documents. An entry may not target
   * `prometheus-node-exporter.affinity`: put the affinity in `values`.
   * @default - none
   */
  readonly set?: HelmSetValue[];
  /** helm_release `set_sensitive` entries, for secrets. @default - none */
  readonly setSensitive?: HelmSetValue[];
  /** helm_release `set_list` entries. @default - none */
  readonly setList?: HelmSetListValue[];
  /**
   * Node label requirements ANDed into every required node affinity term of node-exporter.
   * @default - `eks.amazonaws.com/compute-type NotIn [fargate]` and `type NotIn [virtual-kubelet]`
   */
  readonly nodeExporterExclusions?: NodeSelectorRequirement[];
  /** Roll back on a failed install or upgrade. @default true */
  readonly atomic?: boolean;
  /** Wait until every resource is ready. @default true */
  readonly wait?: boolean;
  /** Seconds Helm waits for the release (the chart installs CRDs and several workloads). @default 900 */
  readonly timeout?: number;
  /** Delete resources created by a failed upgrade. @default true */
  readonly cleanupOnFail?: boolean;
  /** Release revisions kept by Helm. @default 10 */
  readonly maxHistory?: number;
  /** @default - the stack's default helm provider */
  readonly provider?: HelmProvider;
  /**
   * The cluster the release goes to, usually a `HybridEksCluster`. When one of its Fargate profiles
   * would capture the release namespace, synth fails: Prometheus and Alertmanager keep their data on
   * EBS volumes, which Fargate pods cannot mount.
   * @default - no check
   */
  readonly cluster?: IFargateAwareCluster;
}

const IS_KUBE_PROMETHEUS_STACK = Symbol.for('cdktf-eks-monitoring.KubePrometheusStack');

/**
 * kube-prometheus-stack as a helm_release whose node-exporter can never be scheduled on Fargate or
 * virtual-kubelet nodes, whatever values and set entries it is given.
 *
 * The construct merges the values documents with Helm's rules, ANDs the exclusions into every
 * required node affinity term of the result, and appends that as the last values document, so
 * that no document before it can undo it; set entries that could are rejected.
 */
export class KubePrometheusStack extends Construct {
  /** Is `x` a KubePrometheusStack (also across copies of this library)? */
  public static isKubePrometheusStack(x: unknown): x is KubePrometheusStack {
    return typeof x === 'object' && x !== null && IS_KUBE_PROMETHEUS_STACK in x;
  }

  /** The underlying helm_release: the escape hatch. */
  public readonly release: Release;
  /** The node-exporter affinity Helm gets; undefined when node-exporter is disabled. */
  public readonly nodeExporterAffinity?: Affinity;
  public readonly namespace: string;

  constructor(scope: Construct, id: string, props: KubePrometheusStackProps = {}) {
    super(scope, id);
    Object.defineProperty(this, IS_KUBE_PROMETHEUS_STACK, { value: true });
    this.namespace = props.namespace ?? 'monitoring';
    const problems: string[] = [];

    const documents = (props.values ?? []).map((doc, index) => readValuesDocument(doc, index));
    documents.forEach((doc, index) => {
      if (doc.error) problems.push(doc.error);
      else if (doc.values === undefined) Annotations.of(this).addWarning(errors.unreadableValuesDocument(index));
    });
    const sets = readSetEntries({ set: props.set, setSensitive: props.setSensitive, setList: props.setList });
    problems.push(...sets.errors);

    const plan = planExclusion({
      layout: KUBE_PROMETHEUS_STACK.layout,
      documents: documents.filter((doc) => !doc.error).map((doc) => doc.values),
      setEntries: sets.parsed,
      exclusions: props.nodeExporterExclusions ?? DEFAULT_NODE_EXPORTER_EXCLUSIONS,
      isOpaque: isToken,
    });
    problems.push(...plan.problems.map(describeProblem));
    this.nodeExporterAffinity = plan.affinity;

    const values = documents.filter((doc) => !doc.error).map((doc) => doc.text);
    if (plan.document) {
      values.push(renderDocument(plan.document, 'Added by cdktf-eks-monitoring (KubePrometheusStack): node-exporter must never be\n'
        + 'scheduled on excluded nodes (Fargate, virtual-kubelet). This is the last document, so it wins.'));
    }

    this.release = new Release(this, 'release', {
      name: props.releaseName ?? 'kube-prometheus-stack',
      namespace: this.namespace,
      createNamespace: props.createNamespace ?? true,
      repository: props.repository ?? 'https://prometheus-community.github.io/helm-charts',
      chart: 'kube-prometheus-stack',
      version: props.chartVersion ?? '88.5.3',
      values,
      set: props.set,
      setSensitive: props.setSensitive,
      setList: props.setList,
      atomic: props.atomic ?? true,
      wait: props.wait ?? true,
      timeout: props.timeout ?? 900,
      cleanupOnFail: props.cleanupOnFail ?? true,
      maxHistory: props.maxHistory ?? 10,
      provider: props.provider,
    });

    if (props.cluster && !Token.isUnresolved(this.namespace)) {
      const capture = findFargateCapture(props.cluster.fargateProfiles, this.namespace);
      if (capture) problems.push(errors.monitoringNamespaceOnFargate(capture.profile, capture.selector.namespace, this.namespace, props.cluster.node.path));
    }
    this.node.addValidation({ validate: () => problems });
  }
}

function describeProblem(problem: PlanProblem): string {
  switch (problem.type) {
    case 'set-targets-affinity':
      return errors.setTargetsNodeExporterAffinity(problem.entry.kind, problem.entry.index, problem.entry.name);
    case 'unschedulable':
      return errors.nodeExporterUnschedulable(problem.message);
    case 'invalid-affinity':
      return errors.invalidNodeExporterAffinity(problem.message);
    case 'invalid-exclusions':
      return errors.invalidExclusions(problem.message);
  }
}
