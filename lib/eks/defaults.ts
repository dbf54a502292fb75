// Defaults of HybridEksCluster, exported so that users and tests can read them.

/**
 * The Kubernetes version a cluster gets when kubernetesVersion is not set.
 *
 * 1.35: released on Amazon EKS on 2026-01-28, in EKS standard support until 2027-03-27 (then extended
 * support, at extra cost, until 2028-03-27), per the Amazon EKS Kubernetes release calendar. It is the
 * newest version whose EKS dates we could confirm on 2026-12-04; 1.34 left standard support on 2026-12-02.
 * Pin kubernetesVersion in production: a later release of this library moves the default, and an
 * EKS control plane only upgrades one minor version at a time and never downgrades.
 */
export const DEFAULT_KUBERNETES_VERSION = '1.35';

/** Control plane logs enabled when enabledLogTypes is not set. */
export const DEFAULT_LOG_TYPES: readonly string[] = ['api', 'audit', 'authenticator'];

/** Name of the node group created when nodeGroups is not set. */
export const DEFAULT_NODE_GROUP_NAME = 'general';

/** Instance types of a node group that does not set them: general purpose, x86_64 (AL2023 standard AMI). */
export const DEFAULT_INSTANCE_TYPES: readonly string[] = ['m6i.large'];

/** AMI type of a node group that does not set it. */
export const DEFAULT_AMI_TYPE = 'AL2023_x86_64_STANDARD';

/** Capacity type of a node group that does not set it. */
export const DEFAULT_CAPACITY_TYPE = 'ON_DEMAND';

/** The EKS access policy given to adminPrincipalArns. */
export const CLUSTER_ADMIN_ACCESS_POLICY = 'AmazonEKSClusterAdminPolicy';

/** Labels of the pods of the EKS coredns add-on (namespace kube-system). */
export const COREDNS_POD_LABELS: { readonly [key: string]: string } = {
  'k8s-app': 'kube-dns',
  'eks.amazonaws.com/component': 'coredns',
};
