// The subset of the Kubernetes core/v1 API that node placement depends on.
// Field names and meanings follow k8s.io/api/core/v1 exactly, so users can paste manifests.

/** A node selector requirement: `key operator values`. */
export interface NodeSelectorRequirement {
  /** The label key (or field key `metadata.name` in matchFields). */
  readonly key: string;
  /** One of In, NotIn, Exists, DoesNotExist, Gt, Lt. */
  readonly operator: string;
  /**
   * The values: one or more for In/NotIn, none for Exists/DoesNotExist, exactly one integer for Gt/Lt.
   * @default - none
   */
  readonly values?: string[];
}

/** Requirements in one term are ANDed. A term with neither list (or both empty) matches no node. */
export interface NodeSelectorTerm {
  /** @default - none */
  readonly matchExpressions?: NodeSelectorRequirement[];
  /** @default - none */
  readonly matchFields?: NodeSelectorRequirement[];
}

/** Terms are ORed. */
export interface NodeSelector {
  readonly nodeSelectorTerms: NodeSelectorTerm[];
}

export interface PreferredSchedulingTerm {
  readonly weight: number;
  readonly preference: NodeSelectorTerm;
}

export interface NodeAffinity {
  /** @default - no hard constraint */
  readonly requiredDuringSchedulingIgnoredDuringExecution?: NodeSelector;
  /** @default - no preference */
  readonly preferredDuringSchedulingIgnoredDuringExecution?: PreferredSchedulingTerm[];
}

/**
 * A pod's affinity. podAffinity and podAntiAffinity are carried through untouched: they are typed
 * loosely because this library never interprets them.
 */
export interface Affinity {
  /** @default - none */
  readonly nodeAffinity?: NodeAffinity;
  /** @default - none */
  readonly podAffinity?: { [key: string]: any };
  /** @default - none */
  readonly podAntiAffinity?: { [key: string]: any };
}

export interface Toleration {
  /** Empty with operator Exists tolerates every taint. @default - empty */
  readonly key?: string;
  /** Exists or Equal. @default "Equal" */
  readonly operator?: string;
  /** @default - empty */
  readonly value?: string;
  /** Empty tolerates every effect. @default - empty */
  readonly effect?: string;
  /** @default - forever */
  readonly tolerationSeconds?: number;
}

export interface Taint {
  readonly key: string;
  /** @default - empty */
  readonly value?: string;
  /** NoSchedule, PreferNoSchedule or NoExecute. */
  readonly effect: string;
}

/** The part of a PodSpec that decides which nodes a DaemonSet pod goes to. */
export interface PodPlacementSpec {
  /** @default - none */
  readonly nodeSelector?: { [key: string]: string };
  /** @default - none */
  readonly affinity?: Affinity;
  /** @default - none */
  readonly tolerations?: Toleration[];
}

/** A Kubernetes Node object, as `kubectl get nodes -o json` prints each item. */
export interface KubernetesNode {
  readonly metadata: {
    readonly name: string;
    readonly labels?: { [key: string]: string };
  };
  readonly spec?: {
    readonly taints?: Taint[];
  };
}
