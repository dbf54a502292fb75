// Every message HybridEksCluster shows a user, in one place. Each says what is wrong and what to change.
// They are reported through cdktf validations and annotations, which prefix them with the construct
// path ("[cluster/eks] ..."), the same convention as ../errors.ts.

export const CLUSTER_NAME_MAX_LENGTH = 100;
/** Node group and Fargate profile names: the limit the EKS console enforces. */
export const CHILD_NAME_MAX_LENGTH = 63;
/** EKS: "Each profile can have up to five selectors" (CreateFargateProfile). */
export const MAX_SELECTORS_PER_PROFILE = 5;
/** EKS service quota "Label pairs per Fargate profile selector" (default 5). */
export const MAX_LABELS_PER_SELECTOR = 5;
/** EKS service quota "Fargate profiles per cluster" (default 10, adjustable). */
export const DEFAULT_MAX_FARGATE_PROFILES = 10;
/** EKS quota "Public endpoint access CIDR ranges per cluster" (40, not adjustable). */
export const MAX_PUBLIC_ACCESS_CIDRS = 40;

const NAME_RULE = 'start with a letter or digit and contain only letters, digits, "-" and "_"';

export function invalidClusterName(name: string): string {
  return `clusterName "${name}" is not a valid EKS cluster name: it must be 1-${CLUSTER_NAME_MAX_LENGTH} characters, ${NAME_RULE}. `
    + 'Choose another clusterName.';
}

export function invalidKubernetesVersion(version: string): string {
  return `kubernetesVersion "${version}" is not an EKS Kubernetes version: give the minor version only, e.g. "1.35".`;
}

export function tooFewSubnets(prop: string, count: number): string {
  return `${prop} has ${count} subnet${count === 1 ? '' : 's'}; EKS needs at least 2, in different Availability Zones. `
    + `Add private subnets to ${prop}.`;
}

/**
 * Message of the Terraform precondition that checks a subnet list given as one Terraform expression
 * (Terraform shows it without the construct path, so it carries the path itself).
 */
export function subnetExpressionTooShort(constructPath: string, prop: string): string {
  return `HybridEksCluster ${constructPath}: ${prop} has fewer than 2 subnets; EKS needs at least 2, in different Availability Zones. Add private subnets to ${prop}.`;
}

export function emptySubnetList(prop: string): string {
  return `${prop} is an empty list. Leave it out to use the cluster's subnetIds, or list at least one private subnet.`;
}

export function invalidChildName(kind: 'node group' | 'Fargate profile', prop: string, name: unknown): string {
  return `${prop}: ${kind} name ${JSON.stringify(name)} is invalid: it must be 1-${CHILD_NAME_MAX_LENGTH} characters, ${NAME_RULE}. `
    + 'Rename it.';
}

export function duplicateChildName(kind: 'node group' | 'Fargate profile', prop: string, name: string, indexes: number[]): string {
  return `${prop}: ${kind} name "${name}" is used ${indexes.length} times (indexes ${indexes.join(', ')}); names must be unique in a cluster. `
    + 'Rename all but one.';
}

export function invalidNodeGroupSizes(prop: string, name: string, min: number, desired: number, max: number): string {
  return `${prop} ("${name}"): sizes must satisfy 0 <= minSize <= desiredSize <= maxSize and maxSize >= 1, `
    + `got minSize ${min}, desiredSize ${desired}, maxSize ${max}. Fix the sizes (a size you leave out defaults from the others).`;
}

export function nodeGroupSizeNotInteger(prop: string, name: string, field: string, value: unknown): string {
  return `${prop} ("${name}"): ${field} must be a whole number, got ${JSON.stringify(value)}.`;
}

export function emptyInstanceTypes(prop: string, name: string): string {
  return `${prop} ("${name}"): instanceTypes is empty. Leave it out for the default or list at least one instance type.`;
}

export function invalidCapacityType(prop: string, name: string, value: string): string {
  return `${prop} ("${name}"): capacityType "${value}" is not one of ON_DEMAND, SPOT, CAPACITY_BLOCK.`;
}

export function invalidDiskSize(prop: string, name: string, value: unknown): string {
  return `${prop} ("${name}"): diskSize must be a whole number of GiB, at least 1, got ${JSON.stringify(value)}.`;
}

export function invalidTaint(prop: string, name: string, index: number, detail: string): string {
  return `${prop} ("${name}"): taints[${index}] ${detail}. A taint is { key, value?, effect } with effect NO_SCHEDULE, NO_EXECUTE or PREFER_NO_SCHEDULE.`;
}

export function invalidNodeLabel(prop: string, name: string, detail: string): string {
  return `${prop} ("${name}"): labels: ${detail}.`;
}

export function tooManyFargateProfiles(count: number, max: number): string {
  return `fargateProfiles has ${count} profiles; the EKS quota "Fargate profiles per cluster" allows ${max}. `
    + 'Merge profiles (each takes up to 5 selectors), or, if your account has a raised quota, set maxFargateProfiles to it.';
}

export function noSelectors(prop: string, profile: string): string {
  return `${prop} ("${profile}") has no selectors; a Fargate profile needs 1-${MAX_SELECTORS_PER_PROFILE}. Add a selector such as { namespace: "my-namespace" }.`;
}

export function tooManySelectors(prop: string, profile: string, count: number): string {
  return `${prop} ("${profile}") has ${count} selectors; EKS allows at most ${MAX_SELECTORS_PER_PROFILE} per Fargate profile. `
    + 'Split them across several profiles, or use a namespace wildcard (e.g. "team-*").';
}

export function selectorWithoutNamespace(prop: string, profile: string, index: number): string {
  return `${prop} ("${profile}"): selectors[${index}] has no namespace; EKS requires one in every selector. `
    + 'Set namespace (wildcards * and ? are allowed, e.g. "batch-*").';
}

export function invalidSelectorNamespace(prop: string, profile: string, index: number, namespace: string): string {
  return `${prop} ("${profile}"): selectors[${index}] namespace "${namespace}" can match no Kubernetes namespace: `
    + 'use at most 63 lowercase letters, digits, "-" and the wildcards * and ?.';
}

export function tooManySelectorLabels(prop: string, profile: string, index: number, count: number): string {
  return `${prop} ("${profile}"): selectors[${index}] has ${count} labels; the EKS quota "Label pairs per Fargate profile selector" is ${MAX_LABELS_PER_SELECTOR}. `
    + 'Remove labels, or select on fewer, more specific ones.';
}

export function endpointUnreachable(): string {
  return 'endpointPrivateAccess and endpointPublicAccess are both false, so nothing could reach the Kubernetes API. Enable at least one.';
}

export function publicCidrsWithoutPublicEndpoint(): string {
  return 'publicAccessCidrs is set but endpointPublicAccess is false, so the CIDRs would have no effect. Remove publicAccessCidrs or enable the public endpoint.';
}

export function tooManyPublicCidrs(count: number): string {
  return `publicAccessCidrs has ${count} CIDR ranges; EKS allows at most ${MAX_PUBLIC_ACCESS_CIDRS} per cluster. Aggregate them into larger ranges.`;
}

export function invalidLogType(value: string, allowed: readonly string[]): string {
  return `enabledLogTypes: "${value}" is not an EKS control plane log type; use any of ${allowed.join(', ')}.`;
}

export function invalidAuthenticationMode(value: string): string {
  return `authenticationMode "${value}" does not support access entries; use "API_AND_CONFIG_MAP" or "API".`;
}

export function invalidAdminPrincipal(arn: string): string {
  const hint = /:sts::\d+:assumed-role\//.test(arn)
    ? ' This is an STS assumed-role session ARN: give the IAM role ARN instead (arn:<partition>:iam::<account>:role/<name>).'
    : ' Give an IAM role or user ARN (arn:<partition>:iam::<account>:role/<name> or :user/<name>).';
  return `adminPrincipalArns: "${arn}" is not an IAM principal ARN that EKS access entries accept.${hint}`;
}

export function duplicateAdminPrincipal(arn: string): string {
  return `adminPrincipalArns lists "${arn}" more than once; EKS allows one access entry per principal. Remove the duplicate.`;
}

export function tokenListNeedsLiteral(prop: string): string {
  return `${prop} is a single Terraform expression; give a literal list (its elements may be Terraform expressions) so that one resource per element can be created.`;
}

// Warnings

export function publicEndpointOpenToWorld(): string {
  return 'the public Kubernetes API endpoint is open to 0.0.0.0/0. Set publicAccessCidrs to the ranges that need it '
    + '(your office, VPN or CI egress), or set endpointPublicAccess: false and reach the API through the VPC.';
}

export function corednsHasNowhereToRun(): string {
  return 'nodeGroups is empty and no Fargate profile selects the kube-system coredns pods (namespace kube-system without labels, '
    + 'or labels k8s-app: kube-dns), so coredns stays Pending and the coredns add-on never becomes ACTIVE. '
    + 'Add a node group or a Fargate profile with { namespace: "kube-system", labels: { "k8s-app": "kube-dns" } }.';
}

export function noClusterAdmin(): string {
  return 'adminPrincipalArns is empty and bootstrapClusterCreatorAdminPermissions is false: no IAM principal gets access to the Kubernetes API. '
    + 'Add adminPrincipalArns, or create access entries yourself.';
}
