import { createHash } from 'crypto';
import { EksAccessEntry } from '@cdktf/provider-aws/lib/eks-access-entry';
import { EksAccessPolicyAssociation } from '@cdktf/provider-aws/lib/eks-access-policy-association';
import { EksAddon } from '@cdktf/provider-aws/lib/eks-addon';
import { EksCluster } from '@cdktf/provider-aws/lib/eks-cluster';
import { EksFargateProfile } from '@cdktf/provider-aws/lib/eks-fargate-profile';
import { EksNodeGroup } from '@cdktf/provider-aws/lib/eks-node-group';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { HelmProvider, HelmProviderConfig } from '@cdktf/provider-helm/lib/provider';
import { Annotations, Fn, ITerraformDependable, Op, TerraformOutput, Token } from 'cdktf';
import { Construct } from 'constructs';
import {
  FargateProfileDescription,
  FargateProfileSelector,
  findFargateProfileForPod,
} from '../fargate-profiles';
import {
  COREDNS_POD_LABELS,
  CLUSTER_ADMIN_ACCESS_POLICY,
  DEFAULT_AMI_TYPE,
  DEFAULT_CAPACITY_TYPE,
  DEFAULT_INSTANCE_TYPES,
  DEFAULT_KUBERNETES_VERSION,
  DEFAULT_LOG_TYPES,
  DEFAULT_NODE_GROUP_NAME,
} from './defaults';
import * as errors from './errors';
import {
  CLUSTER_ROLE_POLICIES,
  NODE_ROLE_POLICIES,
  POD_EXECUTION_ROLE_POLICIES,
  accessPolicyArn,
  clusterEncryptionPolicy,
  fargatePodTrustPolicy,
  managedPolicyArn,
  roleNamePrefix,
  serviceTrustPolicy,
} from './private/iam';
import * as check from './private/validate';

/** A Kubernetes taint put on every node of a managed node group. */
export interface NodeGroupTaint {
  /** The taint key (a Kubernetes label key). */
  readonly key: string;
  /**
   * The taint value.
   * @default - no value
   */
  readonly value?: string;
  /** The effect, in the EKS API spelling. */
  readonly effect: 'NO_SCHEDULE' | 'NO_EXECUTE' | 'PREFER_NO_SCHEDULE';
}

/**
 * A managed node group. It never gets a custom launch template, so its nodes use the EKS cluster
 * security group, which Fargate pods use too (see the HybridEksCluster class comment).
 */
export interface NodeGroupOptions {
  /** The node group name (1-63 characters: letters, digits, "-", "_"; starts with a letter or digit). Unique in the cluster. */
  readonly name: string;
  /**
   * EC2 instance types. Several types make sense for SPOT.
   * @default ["m6i.large"]
   */
  readonly instanceTypes?: string[];
  /**
   * Minimum number of nodes.
   * @default 2 (or maxSize, when that is smaller)
   */
  readonly minSize?: number;
  /**
   * Number of nodes at creation. Later changes are ignored (lifecycle ignore_changes on
   * scaling_config[0].desired_size) so that a cluster autoscaler or Karpenter can own it.
   * @default minSize
   */
  readonly desiredSize?: number;
  /**
   * Maximum number of nodes.
   * @default the larger of 4 and minSize
   */
  readonly maxSize?: number;
  /**
   * ON_DEMAND, SPOT or CAPACITY_BLOCK.
   * @default "ON_DEMAND"
   */
  readonly capacityType?: 'ON_DEMAND' | 'SPOT' | 'CAPACITY_BLOCK';
  /**
   * EKS AMI type; it must suit the instance types' architecture (e.g. AL2023_ARM_64_STANDARD for Graviton).
   * @default "AL2023_x86_64_STANDARD"
   */
  readonly amiType?: string;
  /**
   * Kubernetes labels of the nodes.
   * @default - none
   */
  readonly labels?: { [key: string]: string };
  /**
   * Kubernetes taints of the nodes.
   * @default - none
   */
  readonly taints?: NodeGroupTaint[];
  /**
   * Root volume size in GiB.
   * @default - the EKS default (20 GiB)
   */
  readonly diskSize?: number;
  /**
   * Subnets of the nodes.
   * @default - the cluster's subnetIds
   */
  readonly subnetIds?: string[];
}

/** A Fargate profile. */
export interface FargateProfileOptions {
  /** The profile name (1-63 characters: letters, digits, "-", "_"; starts with a letter or digit). Unique in the cluster. */
  readonly name: string;
  /**
   * 1-5 selectors; a pod matching any of them runs on Fargate. Each needs a namespace; namespaces,
   * label keys and label values accept the wildcards `*` and `?`.
   */
  readonly selectors: FargateProfileSelector[];
  /**
   * Subnets of the Fargate pods: private subnets only (Fargate pods get no public IP).
   * @default - the cluster's subnetIds
   */
  readonly subnetIds?: string[];
}

/** A Fargate profile of the cluster, readable at synth time. */
export interface HybridEksFargateProfile extends FargateProfileDescription {
  /** The profile name. */
  readonly name: string;
  /** A copy of the profile's selectors. */
  readonly selectors: FargateProfileSelector[];
  /** The profile's subnets. */
  readonly subnetIds: string[];
  /** The aws_eks_fargate_profile resource. */
  readonly resource: EksFargateProfile;
}

/** A managed node group of the cluster, with the settings it got. */
export interface HybridEksNodeGroup {
  /** The node group name. */
  readonly name: string;
  /** Minimum, desired (initial) and maximum size. */
  readonly minSize: number;
  readonly desiredSize: number;
  readonly maxSize: number;
  /** The aws_eks_node_group resource. */
  readonly resource: EksNodeGroup;
}

/** Settings of the helm provider made by HybridEksCluster.helmProvider (all but `kubernetes`). */
export type HybridEksHelmProviderOptions = Omit<HelmProviderConfig, 'kubernetes'>;

export interface HybridEksClusterProps {
  /** The EKS cluster name: 1-100 characters, `^[0-9A-Za-z][A-Za-z0-9_-]*$`. */
  readonly clusterName: string;
  /**
   * Kubernetes minor version, e.g. "1.35". Pin it in production.
   * @default "1.35" (DEFAULT_KUBERNETES_VERSION: in EKS standard support until 2027-03-27)
   */
  readonly kubernetesVersion?: string;
  /** Private subnets for nodes and Fargate pods, in at least 2 Availability Zones (at least 2 subnets). */
  readonly subnetIds: string[];
  /**
   * Subnets for the control plane's network interfaces.
   * @default - subnetIds
   */
  readonly controlPlaneSubnetIds?: string[];
  /**
   * Managed node groups; an empty list makes a Fargate-only cluster.
   * @default - one group "general": ON_DEMAND m6i.large, AL2023_x86_64_STANDARD, 2-4 nodes (2 at creation)
   */
  readonly nodeGroups?: NodeGroupOptions[];
  /**
   * Fargate profiles.
   * @default - none
   */
  readonly fargateProfiles?: FargateProfileOptions[];
  /**
   * The "Fargate profiles per cluster" quota of your account; more profiles are a synth error.
   * @default 10 (the EKS default quota)
   */
  readonly maxFargateProfiles?: number;
  /**
   * ARN of an existing cluster IAM role (it needs AmazonEKSClusterPolicy, and kms permissions on the secrets key).
   * @default - a role trusted by eks.amazonaws.com with AmazonEKSClusterPolicy
   */
  readonly clusterRoleArn?: string;
  /**
   * ARN of an existing node IAM role.
   * @default - a role trusted by ec2.amazonaws.com with AmazonEKSWorkerNodePolicy, AmazonEKS_CNI_Policy and AmazonEC2ContainerRegistryReadOnly (only when there are node groups)
   */
  readonly nodeRoleArn?: string;
  /**
   * ARN of an existing Fargate pod execution role.
   * @default - a role trusted by eks-fargate-pods.amazonaws.com for this cluster's Fargate profiles only (aws:SourceArn), with AmazonEKSFargatePodExecutionRolePolicy (only when there are Fargate profiles)
   */
  readonly podExecutionRoleArn?: string;
  /**
   * Whether the Kubernetes API is reachable from inside the VPC.
   * @default true
   */
  readonly endpointPrivateAccess?: boolean;
  /**
   * Whether the Kubernetes API is reachable from the internet (restricted by publicAccessCidrs).
   * @default true
   */
  readonly endpointPublicAccess?: boolean;
  /**
   * CIDR ranges allowed to reach the public endpoint. Open to 0.0.0.0/0 gives a synth warning.
   * @default - 0.0.0.0/0 (the EKS default), with a warning
   */
  readonly publicAccessCidrs?: string[];
  /**
   * ARN of the KMS key that encrypts Kubernetes secrets.
   * @default - a new KMS key with yearly automatic rotation
   */
  readonly secretsKmsKeyArn?: string;
  /**
   * Control plane log types sent to CloudWatch Logs (api, audit, authenticator, controllerManager, scheduler).
   * @default ["api", "audit", "authenticator"]
   */
  readonly enabledLogTypes?: string[];
  /**
   * IAM role or user ARNs that get an access entry with the AmazonEKSClusterAdminPolicy access policy (cluster scope).
   * @default - none
   */
  readonly adminPrincipalArns?: string[];
  /**
   * Cluster authentication mode; both support access entries. API_AND_CONFIG_MAP also keeps the aws-auth ConfigMap working.
   * @default "API_AND_CONFIG_MAP"
   */
  readonly authenticationMode?: 'API_AND_CONFIG_MAP' | 'API';
  /**
   * Whether EKS gives the IAM principal that creates the cluster an access entry with cluster-admin
   * access (so that it, e.g. the helm provider of the same pipeline, can reach the Kubernetes API).
   * Do not also list that principal in adminPrincipalArns: EKS already made its entry, and a second
   * one fails at apply. Terraform can only set this at creation: changing it replaces the cluster.
   * @default true
   */
  readonly bootstrapClusterCreatorAdminPermissions?: boolean;
  /**
   * The AWS partition, for the ARNs of AWS managed policies ("aws-cn" in China, "aws-us-gov" in GovCloud).
   * @default "aws"
   */
  readonly partition?: string;
  /**
   * Tags for every resource the construct creates.
   * @default - none
   */
  readonly tags?: { [key: string]: string };
}

/**
 * An EKS cluster whose workloads run on managed EC2 node groups and on Fargate.
 *
 * It creates the cluster (secrets encrypted with KMS, control plane logs, access entries), the IAM roles
 * it is not given, the node groups, the Fargate profiles and the vpc-cni, kube-proxy and coredns add-ons
 * (after the node groups and Fargate profiles, so coredns has somewhere to run; coredns gets
 * computeType Fargate when a profile captures it). Nothing in it needs an AWS API call at plan time:
 * ARNs are derived from the cluster's own attributes.
 *
 * Networking between EC2 nodes and Fargate pods: EKS creates a cluster security group that allows all
 * traffic between its members. Managed node groups without a custom launch template (this construct
 * never sets one) attach it to their nodes, and Fargate pods always get it, so DNS (53 tcp/udp, coredns
 * on either side) and the kubelet port (10250, for metrics-server and Prometheus) flow both ways without
 * extra rules. Giving a node group a launch template with its own security groups would break that.
 */
export class HybridEksCluster extends Construct {
  /** The aws_eks_cluster resource. */
  public readonly cluster: EksCluster;
  /** The cluster name as given (a literal string unless you passed a Terraform expression). */
  public readonly clusterName: string;
  /** The Kubernetes version the cluster is created with. */
  public readonly kubernetesVersion: string;
  /** The Fargate profiles with their selectors, readable at synth time. */
  public readonly fargateProfiles: HybridEksFargateProfile[];
  /** The managed node groups. */
  public readonly nodeGroups: HybridEksNodeGroup[];
  /** The add-ons, by name: vpc-cni, kube-proxy, coredns. */
  public readonly addons: { readonly [name: string]: EksAddon };
  /** The cluster role, when the construct created it. */
  public readonly clusterRole?: IamRole;
  /** The node role, when the construct created it. */
  public readonly nodeRole?: IamRole;
  /** The Fargate pod execution role, when the construct created it. */
  public readonly podExecutionRole?: IamRole;
  /** The secrets encryption key, when the construct created it. */
  public readonly secretsKey?: KmsKey;
  /** Name of the Fargate profile that runs coredns, or undefined when coredns runs on EC2 nodes. */
  public readonly corednsFargateProfile?: string;
  /** The AWS region of the cluster, derived from its ARN (a Terraform expression). */
  public readonly region: string;

  private readonly validationErrors: string[] = [];

  constructor(scope: Construct, id: string, props: HybridEksClusterProps) {
    super(scope, id);
    const isUnresolved: check.IsUnresolved = (value) => Token.isUnresolved(value);
    const tags = props.tags;
    const partition = props.partition ?? 'aws';
    const problems = this.validationErrors;
    this.node.addValidation({ validate: () => [...problems] });

    // ---- cluster-level inputs
    this.clusterName = props.clusterName;
    if (!isUnresolved(props.clusterName) && !check.isValidClusterName(props.clusterName)) {
      problems.push(errors.invalidClusterName(String(props.clusterName)));
    }
    this.kubernetesVersion = props.kubernetesVersion ?? DEFAULT_KUBERNETES_VERSION;
    if (!isUnresolved(this.kubernetesVersion) && !check.isValidKubernetesVersion(this.kubernetesVersion)) {
      problems.push(errors.invalidKubernetesVersion(String(this.kubernetesVersion)));
    }
    const subnetIds = props.subnetIds ?? [];
    problems.push(...check.subnetErrors('subnetIds', subnetIds, 2, isUnresolved));
    problems.push(...check.subnetErrors('controlPlaneSubnetIds', props.controlPlaneSubnetIds, 2, isUnresolved));

    const endpointPrivateAccess = props.endpointPrivateAccess ?? true;
    const endpointPublicAccess = props.endpointPublicAccess ?? true;
    if (endpointPrivateAccess === false && endpointPublicAccess === false) problems.push(errors.endpointUnreachable());
    if (props.publicAccessCidrs !== undefined && endpointPublicAccess === false) problems.push(errors.publicCidrsWithoutPublicEndpoint());
    if (props.publicAccessCidrs !== undefined && !isUnresolved(props.publicAccessCidrs) && props.publicAccessCidrs.length > errors.MAX_PUBLIC_ACCESS_CIDRS) {
      problems.push(errors.tooManyPublicCidrs(props.publicAccessCidrs.length));
    }
    if (endpointPublicAccess === true && (props.publicAccessCidrs === undefined
      || (!isUnresolved(props.publicAccessCidrs) && props.publicAccessCidrs.some((cidr) => cidr === '0.0.0.0/0')))) {
      Annotations.of(this).addWarning(errors.publicEndpointOpenToWorld());
    }

    const enabledLogTypes = props.enabledLogTypes ?? [...DEFAULT_LOG_TYPES];
    if (!isUnresolved(enabledLogTypes)) {
      for (const logType of enabledLogTypes) {
        if (!isUnresolved(logType) && !(check.LOG_TYPES as readonly string[]).includes(logType)) {
          problems.push(errors.invalidLogType(logType, check.LOG_TYPES));
        }
      }
    }
    const authenticationMode = props.authenticationMode ?? 'API_AND_CONFIG_MAP';
    if (!isUnresolved(authenticationMode) && !(check.AUTHENTICATION_MODES as readonly string[]).includes(authenticationMode)) {
      problems.push(errors.invalidAuthenticationMode(authenticationMode));
    }
    const adminPrincipalArns = props.adminPrincipalArns ?? [];
    if (isUnresolved(adminPrincipalArns)) problems.push(errors.tokenListNeedsLiteral('adminPrincipalArns'));
    const literalAdmins = isUnresolved(adminPrincipalArns) ? [] : adminPrincipalArns;
    for (const arn of literalAdmins) {
      if (!isUnresolved(arn) && !check.isValidAdminPrincipalArn(arn)) problems.push(errors.invalidAdminPrincipal(arn));
    }
    for (const arn of check.duplicates(literalAdmins.filter((a) => !isUnresolved(a))).keys()) {
      problems.push(errors.duplicateAdminPrincipal(arn));
    }
    // A constant default on purpose: the attribute is ForceNew, so a default that followed
    // adminPrincipalArns would replace the cluster the day the first admin is added.
    const bootstrapCreatorAdmin = props.bootstrapClusterCreatorAdminPermissions ?? true;
    if (!bootstrapCreatorAdmin && literalAdmins.length === 0) Annotations.of(this).addWarning(errors.noClusterAdmin());

    const nodeGroupInputs = props.nodeGroups ?? [{ name: DEFAULT_NODE_GROUP_NAME }];
    const profileInputs = props.fargateProfiles ?? [];
    this.validateNodeGroups(nodeGroupInputs, isUnresolved);
    this.validateFargateProfiles(profileInputs, props.maxFargateProfiles ?? errors.DEFAULT_MAX_FARGATE_PROFILES, isUnresolved);

    const namePrefixFor = (purpose: string) =>
      (isUnresolved(props.clusterName) ? roleNamePrefix('eks', purpose) : roleNamePrefix(props.clusterName, purpose));

    // ---- secrets encryption key
    let secretsKeyArn = props.secretsKmsKeyArn;
    if (secretsKeyArn === undefined) {
      this.secretsKey = new KmsKey(this, 'SecretsKey', {
        description: `Encrypts Kubernetes secrets of EKS cluster ${props.clusterName}`,
        enableKeyRotation: true,
        tags,
      });
      secretsKeyArn = this.secretsKey.arn;
    }

    // ---- cluster role
    const clusterDependencies: ITerraformDependable[] = [];
    let clusterRoleArn = props.clusterRoleArn;
    if (clusterRoleArn === undefined) {
      this.clusterRole = new IamRole(this, 'ClusterRole', {
        namePrefix: namePrefixFor('cluster'),
        description: `EKS cluster role of ${props.clusterName}`,
        assumeRolePolicy: serviceTrustPolicy('eks.amazonaws.com'),
        tags,
      });
      clusterDependencies.push(...this.attachManagedPolicies(this.clusterRole, 'ClusterRole', CLUSTER_ROLE_POLICIES, partition));
      clusterDependencies.push(new IamRolePolicy(this, 'ClusterRoleEncryption', {
        name: 'secrets-encryption',
        role: this.clusterRole.name,
        policy: Fn.jsonencode(clusterEncryptionPolicy(secretsKeyArn)),
      }));
      clusterRoleArn = this.clusterRole.arn;
    }

    // ---- the cluster
    const controlPlaneSubnetIds = props.controlPlaneSubnetIds ?? subnetIds;
    const preconditions = [
      ...(isUnresolved(subnetIds) ? [subnetPrecondition(subnetIds, this.node.path, 'subnetIds')] : []),
      ...(props.controlPlaneSubnetIds !== undefined && isUnresolved(props.controlPlaneSubnetIds)
        ? [subnetPrecondition(props.controlPlaneSubnetIds, this.node.path, 'controlPlaneSubnetIds')] : []),
    ];
    this.cluster = new EksCluster(this, 'Cluster', {
      name: props.clusterName,
      version: this.kubernetesVersion,
      roleArn: clusterRoleArn,
      vpcConfig: {
        subnetIds: controlPlaneSubnetIds,
        endpointPrivateAccess,
        endpointPublicAccess,
        ...(props.publicAccessCidrs !== undefined && endpointPublicAccess ? { publicAccessCidrs: props.publicAccessCidrs } : {}),
      },
      accessConfig: {
        authenticationMode,
        bootstrapClusterCreatorAdminPermissions: bootstrapCreatorAdmin,
      },
      encryptionConfig: { resources: ['secrets'], provider: { keyArn: secretsKeyArn } },
      enabledClusterLogTypes: enabledLogTypes,
      tags,
      dependsOn: clusterDependencies.length > 0 ? clusterDependencies : undefined,
      lifecycle: preconditions.length > 0 ? { precondition: preconditions } : undefined,
    });
    // arn:<partition>:eks:<region>:<account>:cluster/<name>
    this.region = Fn.element(Fn.split(':', this.cluster.arn), 3);

    // ---- node groups
    const compute: ITerraformDependable[] = [];
    const seenNodeGroups = new Set<string>();
    this.nodeGroups = [];
    let nodeRoleArn = props.nodeRoleArn;
    let nodeRoleDependencies: ITerraformDependable[] = [];
    if (nodeRoleArn === undefined && nodeGroupInputs.length > 0) {
      this.nodeRole = new IamRole(this, 'NodeRole', {
        namePrefix: namePrefixFor('node'),
        description: `EKS managed node group role of ${props.clusterName}`,
        assumeRolePolicy: serviceTrustPolicy('ec2.amazonaws.com'),
        tags,
      });
      nodeRoleDependencies = this.attachManagedPolicies(this.nodeRole, 'NodeRole', NODE_ROLE_POLICIES, partition);
      nodeRoleArn = this.nodeRole.arn;
    }
    for (const input of nodeGroupInputs) {
      const name = String(input?.name);
      if (seenNodeGroups.has(name)) continue; // reported as a duplicate
      seenNodeGroups.add(name);
      const sizes = check.resolveNodeGroupSizes(input);
      const resource = new EksNodeGroup(this, `NodeGroup-${constructIdPart(name)}`, {
        clusterName: this.cluster.name,
        nodeGroupName: name,
        version: this.cluster.version,
        nodeRoleArn: nodeRoleArn!,
        subnetIds: input.subnetIds ?? subnetIds,
        instanceTypes: input.instanceTypes ?? [...DEFAULT_INSTANCE_TYPES],
        amiType: input.amiType ?? DEFAULT_AMI_TYPE,
        capacityType: input.capacityType ?? DEFAULT_CAPACITY_TYPE,
        diskSize: input.diskSize,
        labels: input.labels,
        taint: input.taints?.map((t) => ({ key: t.key, value: t.value, effect: t.effect })),
        scalingConfig: { minSize: sizes.minSize, desiredSize: sizes.desiredSize, maxSize: sizes.maxSize },
        tags,
        dependsOn: nodeRoleDependencies.length > 0 ? nodeRoleDependencies : undefined,
        lifecycle: { ignoreChanges: ['scaling_config[0].desired_size'] },
      });
      this.nodeGroups.push({ name, ...sizes, resource });
      compute.push(resource);
    }

    // ---- Fargate profiles
    this.fargateProfiles = [];
    let podExecutionRoleArn = props.podExecutionRoleArn;
    let podRoleDependencies: ITerraformDependable[] = [];
    if (podExecutionRoleArn === undefined && profileInputs.length > 0) {
      // arn:<partition>:eks:<region>:<account>:cluster/<name> -> ...:fargateprofile/<name>/*
      // (cluster names hold neither ":" nor "/", so the replacement is exact). The role depends on the
      // cluster, the profiles on the role; the cluster does not depend on the role: no cycle.
      const profilesArnPattern = `${Fn.replace(this.cluster.arn, ':cluster/', ':fargateprofile/')}/*`;
      this.podExecutionRole = new IamRole(this, 'PodExecutionRole', {
        namePrefix: namePrefixFor('fargate'),
        description: `EKS Fargate pod execution role of ${props.clusterName}`,
        assumeRolePolicy: Fn.jsonencode(fargatePodTrustPolicy(profilesArnPattern)),
        tags,
      });
      podRoleDependencies = this.attachManagedPolicies(this.podExecutionRole, 'PodExecutionRole', POD_EXECUTION_ROLE_POLICIES, partition);
      podExecutionRoleArn = this.podExecutionRole.arn;
    }
    const seenProfiles = new Set<string>();
    for (const input of profileInputs) {
      const name = String(input?.name);
      if (seenProfiles.has(name)) continue; // reported as a duplicate
      seenProfiles.add(name);
      const selectors: FargateProfileSelector[] = (Array.isArray(input.selectors) ? input.selectors : []).map((s) =>
        Object.freeze({ namespace: s?.namespace, ...(s?.labels !== undefined ? { labels: Object.freeze({ ...s.labels }) } : {}) }));
      const profileSubnets = input.subnetIds ?? subnetIds;
      const resource = new EksFargateProfile(this, `FargateProfile-${constructIdPart(name)}`, {
        clusterName: this.cluster.name,
        fargateProfileName: name,
        podExecutionRoleArn: podExecutionRoleArn!,
        subnetIds: profileSubnets,
        selector: selectors.map((s) => ({ namespace: s.namespace, labels: s.labels ? { ...s.labels } : undefined })),
        tags,
        dependsOn: podRoleDependencies.length > 0 ? podRoleDependencies : undefined,
      });
      this.fargateProfiles.push(Object.freeze({ name, selectors, subnetIds: profileSubnets, resource }));
      compute.push(resource);
    }

    // ---- add-ons, after the compute so that coredns can be scheduled (vpc-cni and kube-proxy already
    // run at that point: EKS bootstraps self-managed copies at cluster creation, which these adopt).
    const corednsCapture = findFargateProfileForPod(this.fargateProfiles, 'kube-system', COREDNS_POD_LABELS);
    this.corednsFargateProfile = corednsCapture?.profile;
    if (nodeGroupInputs.length === 0 && corednsCapture === undefined) Annotations.of(this).addWarning(errors.corednsHasNowhereToRun());
    const addons: { [name: string]: EksAddon } = {};
    for (const addonName of ['vpc-cni', 'kube-proxy', 'coredns']) {
      addons[addonName] = new EksAddon(this, `Addon-${addonName}`, {
        clusterName: this.cluster.name,
        addonName,
        resolveConflictsOnCreate: 'OVERWRITE',
        resolveConflictsOnUpdate: 'OVERWRITE',
        ...(addonName === 'coredns' && corednsCapture ? { configurationValues: JSON.stringify({ computeType: 'Fargate' }) } : {}),
        tags,
        dependsOn: compute.length > 0 ? [...compute] : undefined,
      });
    }
    this.addons = addons;

    // ---- access entries for the admins
    const adminPolicyArn = accessPolicyArn(partition, CLUSTER_ADMIN_ACCESS_POLICY);
    const seenAdmins = new Set<string>();
    literalAdmins.forEach((arn, index) => {
      const idPart = isUnresolved(arn) ? String(index) : adminIdPart(arn);
      if (seenAdmins.has(idPart)) return; // reported as a duplicate
      seenAdmins.add(idPart);
      const entry = new EksAccessEntry(this, `Admin-${idPart}`, {
        clusterName: this.cluster.name,
        principalArn: arn,
        type: 'STANDARD',
        tags,
      });
      new EksAccessPolicyAssociation(this, `Admin-${idPart}-ClusterAdmin`, {
        clusterName: this.cluster.name,
        principalArn: entry.principalArn,
        policyArn: adminPolicyArn,
        accessScope: { type: 'cluster' },
      });
    });

    // ---- outputs
    new TerraformOutput(this, 'endpoint', {
      value: this.cluster.endpoint,
      description: 'Kubernetes API server endpoint of the EKS cluster',
    });
    new TerraformOutput(this, 'certificate_authority_data', {
      value: this.cluster.certificateAuthority.get(0).data,
      description: 'Base64-encoded certificate authority data of the EKS cluster',
    });
    new TerraformOutput(this, 'cluster_name', {
      value: this.cluster.name,
      description: 'Name of the EKS cluster',
    });
    new TerraformOutput(this, 'oidc_issuer_url', {
      value: this.cluster.identity.get(0).oidc.get(0).issuer,
      description: 'OpenID Connect issuer URL of the EKS cluster (for IAM roles for service accounts)',
    });
  }

  /**
   * A helm provider for this cluster, in `scope` (this stack or another one: cdktf then passes the
   * cluster's attributes through remote state). It authenticates with a short-lived token from
   * `aws eks get-token`, so the `aws` CLI must be on the PATH of whoever runs terraform, with
   * credentials of a principal that has an access entry (adminPrincipalArns, or the cluster creator).
   */
  public helmProvider(scope: Construct, id: string, options: HybridEksHelmProviderOptions = {}): HelmProvider {
    return new HelmProvider(scope, id, {
      ...options,
      kubernetes: {
        host: this.cluster.endpoint,
        clusterCaCertificate: Fn.base64decode(this.cluster.certificateAuthority.get(0).data),
        exec: {
          apiVersion: 'client.authentication.k8s.io/v1beta1',
          command: 'aws',
          args: ['eks', 'get-token', '--cluster-name', this.cluster.name, '--region', this.region],
        },
      },
    });
  }

  private attachManagedPolicies(role: IamRole, idPrefix: string, policies: readonly string[], partition: string): IamRolePolicyAttachment[] {
    return policies.map((policy) => new IamRolePolicyAttachment(this, `${idPrefix}-${policy}`, {
      role: role.name,
      policyArn: managedPolicyArn(partition, policy),
    }));
  }

  private validateNodeGroups(inputs: readonly NodeGroupOptions[], isUnresolved: check.IsUnresolved): void {
    const problems = this.validationErrors;
    inputs.forEach((input, index) => {
      const prop = `nodeGroups[${index}]`;
      const name = String(input?.name);
      if (!isUnresolved(input?.name) && !check.isValidChildName(input?.name)) problems.push(errors.invalidChildName('node group', prop, input?.name));
      problems.push(...check.nodeGroupSizeErrors(prop, name, input ?? {}));
      if (input?.instanceTypes !== undefined && !isUnresolved(input.instanceTypes) && input.instanceTypes.length === 0) {
        problems.push(errors.emptyInstanceTypes(prop, name));
      }
      if (input?.capacityType !== undefined && !isUnresolved(input.capacityType)
        && !(check.CAPACITY_TYPES as readonly string[]).includes(input.capacityType)) {
        problems.push(errors.invalidCapacityType(prop, name, input.capacityType));
      }
      if (input?.diskSize !== undefined && !isUnresolved(input.diskSize) && !(Number.isInteger(input.diskSize) && input.diskSize >= 1)) {
        problems.push(errors.invalidDiskSize(prop, name, input.diskSize));
      }
      problems.push(...check.taintErrors(prop, name, input?.taints ?? [], isUnresolved));
      problems.push(...check.labelErrors(prop, name, input?.labels ?? {}, isUnresolved));
      problems.push(...check.subnetErrors(`${prop}.subnetIds`, input?.subnetIds, 1, isUnresolved));
    });
    for (const [name, indexes] of check.duplicates(inputs.map((i) => String(i?.name)))) {
      problems.push(errors.duplicateChildName('node group', 'nodeGroups', name, indexes));
    }
  }

  private validateFargateProfiles(inputs: readonly FargateProfileOptions[], max: number, isUnresolved: check.IsUnresolved): void {
    const problems = this.validationErrors;
    if (inputs.length > max) problems.push(errors.tooManyFargateProfiles(inputs.length, max));
    inputs.forEach((input, index) => {
      const prop = `fargateProfiles[${index}]`;
      const name = String(input?.name);
      if (!isUnresolved(input?.name) && !check.isValidChildName(input?.name)) problems.push(errors.invalidChildName('Fargate profile', prop, input?.name));
      problems.push(...check.selectorErrors(prop, name, input?.selectors, isUnresolved));
      problems.push(...check.subnetErrors(`${prop}.subnetIds`, input?.subnetIds, 1, isUnresolved));
    });
    for (const [name, indexes] of check.duplicates(inputs.map((i) => String(i?.name)))) {
      problems.push(errors.duplicateChildName('Fargate profile', 'fargateProfiles', name, indexes));
    }
  }
}

/** A Terraform precondition: a subnet list given as one expression has at least 2 elements. */
function subnetPrecondition(list: string[], constructPath: string, prop: string) {
  return { condition: Op.gte(Fn.lengthOf(list), 2), errorMessage: errors.subnetExpressionTooShort(constructPath, prop) };
}

/** A construct id part for a user-given name (construct ids cannot hold "/"). */
function constructIdPart(name: string): string {
  return name.replace(/\//g, '_');
}

/** A stable construct id part for an admin principal: the principal's name and a hash of the full ARN. */
function adminIdPart(arn: string): string {
  const last = arn.split('/').pop() ?? 'principal';
  const hash = createHash('sha256').update(arn).digest('hex').slice(0, 8);
  return `${last.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 40)}-${hash}`;
}
