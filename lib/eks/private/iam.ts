// IAM documents and ARNs of HybridEksCluster. Pure string building, no cdktf import: values that are
// Terraform expressions come in as (token) strings and end up inside the returned strings/objects.

/** ARN of an AWS managed IAM policy. */
export function managedPolicyArn(partition: string, name: string): string {
  return `arn:${partition}:iam::aws:policy/${name}`;
}

/** ARN of an EKS access policy (cluster-access-policy). */
export function accessPolicyArn(partition: string, name: string): string {
  return `arn:${partition}:eks::aws:cluster-access-policy/${name}`;
}

/** A trust policy letting one AWS service assume the role, as a JSON string (known at plan time). */
export function serviceTrustPolicy(service: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }],
  });
}

/**
 * The trust policy of the Fargate pod execution role, as an object for jsonencode: eks-fargate-pods may
 * assume it only on behalf of this cluster's Fargate profiles (confused-deputy protection, as the EKS
 * user guide recommends). `profilesArnPattern` is arn:<partition>:eks:<region>:<account>:fargateprofile/<cluster>/*.
 */
export function fargatePodTrustPolicy(profilesArnPattern: string): Record<string, unknown> {
  return {
    Version: '2012-10-17',
    Statement: [{
      Effect: 'Allow',
      Principal: { Service: 'eks-fargate-pods.amazonaws.com' },
      Action: 'sts:AssumeRole',
      Condition: { ArnLike: { 'aws:SourceArn': profilesArnPattern } },
    }],
  };
}

/** Lets the cluster role use the secrets encryption key (what EKS needs on top of AmazonEKSClusterPolicy). */
export function clusterEncryptionPolicy(keyArn: string): Record<string, unknown> {
  return {
    Version: '2012-10-17',
    Statement: [{
      Effect: 'Allow',
      Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ListGrants', 'kms:DescribeKey'],
      Resource: keyArn,
    }],
  };
}

/** Managed policies of the roles the construct creates, exactly as the EKS user guide lists them. */
export const CLUSTER_ROLE_POLICIES = ['AmazonEKSClusterPolicy'] as const;
export const NODE_ROLE_POLICIES = ['AmazonEKSWorkerNodePolicy', 'AmazonEKS_CNI_Policy', 'AmazonEC2ContainerRegistryReadOnly'] as const;
export const POD_EXECUTION_ROLE_POLICIES = ['AmazonEKSFargatePodExecutionRolePolicy'] as const;

/**
 * A role name prefix (IAM name_prefix: at most 38 characters) made of the cluster name and the role's
 * purpose, so that roles are recognisable in the console yet unique (Terraform appends a suffix).
 */
export function roleNamePrefix(clusterName: string, purpose: string): string {
  const suffix = `-${purpose}-`;
  return `${clusterName.slice(0, 38 - suffix.length)}${suffix}`;
}
