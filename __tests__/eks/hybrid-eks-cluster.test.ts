// Synth tests of HybridEksCluster: every resource it creates, the defaults, and the variations.
// Fixtures are synthesized once per describe block (beforeAll) and shared by its assertions.
import { TerraformVariable, Testing } from 'cdktf';
import { TerraformStack } from 'cdktf';
import { DEFAULT_KUBERNETES_VERSION } from '../../lib/eks';
import { HybridEksCluster } from '../../lib/eks';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { findFargateCapture } from '../../lib/fargate-profiles';
import type { IFargateAwareCluster } from '../../lib/kube-prometheus-stack';
import { SUBNETS, Synthesized, ref, resource, resourcesOf, synthCluster, warningsOf } from './support/cluster';

const CLUSTER = 'aws_eks_cluster';
const ROLE = 'aws_iam_role';
const ATTACHMENT = 'aws_iam_role_policy_attachment';

/** Managed policy names attached to the role whose logical id contains `roleIdPart`. */
function attachedPolicies(json: any, roleIdPart: string): string[] {
  const roleRef = ref(json, ROLE, roleIdPart, 'name');
  return resourcesOf(json, ATTACHMENT)
    .filter(([, a]) => a.role === roleRef)
    .map(([, a]) => String(a.policy_arn))
    .sort();
}

function trustPolicy(json: any, roleIdPart: string): any {
  return JSON.parse(resource(json, ROLE, roleIdPart).assume_role_policy);
}

describe('defaults (one Fargate profile, default node group)', () => {
  let s: Synthesized;
  beforeAll(() => {
    s = synthCluster({ fargateProfiles: [{ name: 'serverless', selectors: [{ namespace: 'serverless' }] }] });
  });

  test('the cluster: name, version in standard support, subnets, endpoints, logs, authentication', () => {
    const cluster = resource(s.json, CLUSTER);
    expect(cluster.name).toBe('demo');
    expect(DEFAULT_KUBERNETES_VERSION).toBe('1.35');
    expect(cluster.version).toBe(DEFAULT_KUBERNETES_VERSION);
    expect(cluster.vpc_config).toEqual({ subnet_ids: SUBNETS, endpoint_private_access: true, endpoint_public_access: true });
    expect(cluster.enabled_cluster_log_types).toEqual(['api', 'audit', 'authenticator']);
    expect(cluster.access_config).toEqual({ authentication_mode: 'API_AND_CONFIG_MAP', bootstrap_cluster_creator_admin_permissions: true });
    expect(cluster.role_arn).toBe(ref(s.json, ROLE, 'ClusterRole', 'arn'));
    expect(s.cluster.cluster.friendlyUniqueId).toContain('Cluster');
  });

  test('secrets are encrypted with a new KMS key that rotates', () => {
    const key = resource(s.json, 'aws_kms_key');
    expect(key.enable_key_rotation).toBe(true);
    expect(resource(s.json, CLUSTER).encryption_config).toEqual({
      resources: ['secrets'],
      provider: { key_arn: ref(s.json, 'aws_kms_key', 'SecretsKey', 'arn') },
    });
  });

  test('cluster role: trusted by eks.amazonaws.com, AmazonEKSClusterPolicy, and use of the secrets key', () => {
    expect(trustPolicy(s.json, 'ClusterRole')).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'eks.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    });
    expect(attachedPolicies(s.json, 'ClusterRole')).toEqual(['arn:aws:iam::aws:policy/AmazonEKSClusterPolicy']);
    const inline = resource(s.json, 'aws_iam_role_policy');
    expect(inline.role).toBe(ref(s.json, ROLE, 'ClusterRole', 'name'));
    expect(inline.policy).toContain('kms:Decrypt');
    expect(inline.policy).toContain(`aws_kms_key.${resourcesOf(s.json, 'aws_kms_key')[0][0]}.arn`);
    // the cluster waits for its role's permissions (and they outlive it on destroy)
    expect(resource(s.json, CLUSTER).depends_on).toEqual(expect.arrayContaining([
      expect.stringContaining('aws_iam_role_policy_attachment.'), expect.stringContaining('aws_iam_role_policy.'),
    ]));
  });

  test('node role: trusted by ec2.amazonaws.com with the three worker node policies', () => {
    expect(trustPolicy(s.json, 'NodeRole').Statement[0].Principal).toEqual({ Service: 'ec2.amazonaws.com' });
    expect(attachedPolicies(s.json, 'NodeRole')).toEqual([
      'arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly',
      'arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy',
      'arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy',
    ]);
  });

  test('pod execution role: eks-fargate-pods, scoped to this cluster\'s profiles by an ArnLike aws:SourceArn derived from the cluster ARN', () => {
    const role = resource(s.json, ROLE, 'PodExecutionRole');
    const clusterArn = ref(s.json, CLUSTER, 'Cluster', 'arn').slice(2, -1); // aws_eks_cluster.<id>.arn
    expect(role.assume_role_policy).toBe(
      '${jsonencode({"Version" = "2012-10-17", "Statement" = [{"Effect" = "Allow", "Principal" = {"Service" = "eks-fargate-pods.amazonaws.com"}, '
      + `"Action" = "sts:AssumeRole", "Condition" = {"ArnLike" = {"aws:SourceArn" = "\${replace(${clusterArn}, ":cluster/", ":fargateprofile/")}/*"}}}]})}`,
    );
    expect(attachedPolicies(s.json, 'PodExecutionRole')).toEqual(['arn:aws:iam::aws:policy/AmazonEKSFargatePodExecutionRolePolicy']);
  });

  test('nothing needs an AWS API call at plan time: no data sources', () => {
    expect(s.json.data).toBeUndefined();
  });

  test('default node group: general, on-demand m6i.large, AL2023, 2-4 nodes, cluster security group (no launch template)', () => {
    const group = resource(s.json, 'aws_eks_node_group');
    expect(group).toMatchObject({
      node_group_name: 'general',
      cluster_name: ref(s.json, CLUSTER, 'Cluster', 'name'),
      version: ref(s.json, CLUSTER, 'Cluster', 'version'),
      node_role_arn: ref(s.json, ROLE, 'NodeRole', 'arn'),
      instance_types: ['m6i.large'],
      ami_type: 'AL2023_x86_64_STANDARD',
      capacity_type: 'ON_DEMAND',
      scaling_config: { min_size: 2, desired_size: 2, max_size: 4 },
      subnet_ids: SUBNETS,
      lifecycle: { ignore_changes: ['scaling_config[0].desired_size'] },
    });
    expect(group.launch_template).toBeUndefined();
    expect(group.depends_on).toHaveLength(3);
    expect(s.cluster.nodeGroups.map((g) => [g.name, g.minSize, g.desiredSize, g.maxSize])).toEqual([['general', 2, 2, 4]]);
  });

  test('Fargate profile: selectors, subnets, the pod execution role, and readable at synth time', () => {
    const profile = resource(s.json, 'aws_eks_fargate_profile');
    expect(profile).toMatchObject({
      fargate_profile_name: 'serverless',
      cluster_name: ref(s.json, CLUSTER, 'Cluster', 'name'),
      pod_execution_role_arn: ref(s.json, ROLE, 'PodExecutionRole', 'arn'),
      selector: [{ namespace: 'serverless' }],
      subnet_ids: SUBNETS,
    });
    expect(profile.depends_on).toEqual([expect.stringContaining('PodExecutionRole-AmazonEKSFargatePodExecutionRolePolicy')]);
    expect(s.cluster.fargateProfiles.map(({ name, selectors, subnetIds }) => ({ name, selectors, subnetIds }))).toEqual([
      { name: 'serverless', selectors: [{ namespace: 'serverless' }], subnetIds: SUBNETS },
    ]);
  });

  test('satisfies IFargateAwareCluster (what KubePrometheusStack reads of a cluster)', () => {
    const described: IFargateAwareCluster = s.cluster; // checked by tsc
    expect(described.clusterName).toBe('demo');
    expect(described.node.path).toBe('test/eks');
    expect(findFargateCapture(described.fargateProfiles, 'serverless')).toEqual({ profile: 'serverless', selector: { namespace: 'serverless' } });
    expect(findFargateCapture(described.fargateProfiles, 'monitoring')).toBeUndefined();
  });

  test('add-ons vpc-cni, kube-proxy, coredns after every node group and Fargate profile', () => {
    const addons = resourcesOf(s.json, 'aws_eks_addon').map(([, a]) => a);
    expect(addons.map((a) => a.addon_name).sort()).toEqual(['coredns', 'kube-proxy', 'vpc-cni']);
    const group = resourcesOf(s.json, 'aws_eks_node_group')[0][0];
    const profile = resourcesOf(s.json, 'aws_eks_fargate_profile')[0][0];
    for (const addon of addons) {
      expect(addon.depends_on).toEqual([`aws_eks_node_group.${group}`, `aws_eks_fargate_profile.${profile}`]);
      expect(addon.cluster_name).toBe(ref(s.json, CLUSTER, 'Cluster', 'name'));
      expect(addon.resolve_conflicts_on_create).toBe('OVERWRITE');
      expect(addon.resolve_conflicts_on_update).toBe('OVERWRITE');
      expect(addon.resolve_conflicts).toBeUndefined(); // removed in AWS provider 6
    }
    // serverless does not capture kube-system: coredns stays on the EC2 nodes
    expect(resource(s.json, 'aws_eks_addon', 'coredns').configuration_values).toBeUndefined();
    expect(s.cluster.corednsFargateProfile).toBeUndefined();
  });

  test('outputs: endpoint, CA data, cluster name, OIDC issuer URL', () => {
    const outputs = Object.values(s.json.output).map((o: any) => o.value);
    const c = ref(s.json, CLUSTER, 'Cluster', '').slice(0, -2); // ${aws_eks_cluster.<id>
    expect(outputs.sort()).toEqual([
      `${c}.certificate_authority[0].data}`,
      `${c}.endpoint}`,
      `${c}.identity[0].oidc[0].issuer}`,
      `${c}.name}`,
    ].sort());
  });

  test('no access entries without adminPrincipalArns; the public endpoint open to the world is warned about', () => {
    expect(resourcesOf(s.json, 'aws_eks_access_entry')).toEqual([]);
    expect(warningsOf(s.cluster)).toEqual([expect.stringContaining('0.0.0.0/0')]);
  });

  test('helmProvider: host, decoded CA, aws eks get-token exec with the cluster name and region; no static token', () => {
    const stack = s.stack;
    const provider = s.cluster.helmProvider(stack, 'helm-same-stack', { alias: 'eks' });
    const json = JSON.parse(Testing.synth(stack));
    const helm = json.provider.helm.find((p: any) => p.alias === 'eks');
    const c = ref(json, CLUSTER, 'Cluster', '').slice(2, -2); // aws_eks_cluster.<id>
    expect(helm.kubernetes).toEqual({
      host: `\${${c}.endpoint}`,
      cluster_ca_certificate: `\${base64decode(${c}.certificate_authority[0].data)}`,
      exec: {
        api_version: 'client.authentication.k8s.io/v1beta1',
        command: 'aws',
        args: ['eks', 'get-token', '--cluster-name', `\${${c}.name}`, '--region', `\${element(split(":", ${c}.arn), 3)}`],
      },
    });
    expect(JSON.stringify(helm)).not.toMatch(/"token"/);
    expect(provider.alias).toBe('eks');
  });
});

describe('node groups and Fargate profiles as given', () => {
  let s: Synthesized;
  beforeAll(() => {
    s = synthCluster({
      nodeGroups: [
        {
          name: 'spot-arm',
          instanceTypes: ['m7g.large', 'm6g.large'],
          minSize: 0,
          desiredSize: 1,
          maxSize: 10,
          capacityType: 'SPOT',
          amiType: 'AL2023_ARM_64_STANDARD',
          labels: { workload: 'batch' },
          taints: [{ key: 'dedicated', value: 'batch', effect: 'NO_SCHEDULE' }, { key: 'spot', effect: 'PREFER_NO_SCHEDULE' }],
          diskSize: 50,
          subnetIds: ['subnet-0ccccccccccccccc1'],
        },
        { name: 'small', minSize: 1 },
      ],
      fargateProfiles: [
        { name: 'apps', selectors: [{ namespace: 'team-*' }, { namespace: 'jobs', labels: { fargate: 'true' } }], subnetIds: ['subnet-0ddddddddddddddd1'] },
        { name: 'dns', selectors: [{ namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } }] },
      ],
    });
  });

  test('every node group field reaches aws_eks_node_group', () => {
    expect(resource(s.json, 'aws_eks_node_group', 'spot-arm')).toMatchObject({
      node_group_name: 'spot-arm',
      instance_types: ['m7g.large', 'm6g.large'],
      scaling_config: { min_size: 0, desired_size: 1, max_size: 10 },
      capacity_type: 'SPOT',
      ami_type: 'AL2023_ARM_64_STANDARD',
      labels: { workload: 'batch' },
      taint: [{ key: 'dedicated', value: 'batch', effect: 'NO_SCHEDULE' }, { key: 'spot', effect: 'PREFER_NO_SCHEDULE' }],
      disk_size: 50,
      subnet_ids: ['subnet-0ccccccccccccccc1'],
    });
    // sizes left out default from the others
    expect(resource(s.json, 'aws_eks_node_group', 'small').scaling_config).toEqual({ min_size: 1, desired_size: 1, max_size: 4 });
  });

  test('profiles keep their selectors (labels included) and subnets; fargateProfiles exposes them', () => {
    expect(resource(s.json, 'aws_eks_fargate_profile', 'apps')).toMatchObject({
      selector: [{ namespace: 'team-*' }, { namespace: 'jobs', labels: { fargate: 'true' } }],
      subnet_ids: ['subnet-0ddddddddddddddd1'],
    });
    expect(s.cluster.fargateProfiles.map((p) => p.name)).toEqual(['apps', 'dns']);
    expect(s.cluster.fargateProfiles[0].selectors[1]).toEqual({ namespace: 'jobs', labels: { fargate: 'true' } });
    expect(Object.isFrozen(s.cluster.fargateProfiles[0].selectors[1])).toBe(true);
  });

  test('a profile selecting the coredns pods (kube-system, k8s-app: kube-dns) puts coredns on Fargate', () => {
    expect(resource(s.json, 'aws_eks_addon', 'coredns').configuration_values).toBe('{"computeType":"Fargate"}');
    expect(resource(s.json, 'aws_eks_addon', 'vpc-cni').configuration_values).toBeUndefined();
    expect(s.cluster.corednsFargateProfile).toBe('dns');
    expect(resource(s.json, 'aws_eks_addon', 'coredns').depends_on).toHaveLength(4);
  });
});

describe('coredns compute type', () => {
  test.each([
    ['kube-system without labels', [{ namespace: 'kube-system' }], true],
    ['a namespace wildcard matching kube-system', [{ namespace: 'kube-*' }], true],
    ['k8s-app: kube-dns', [{ namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } }], true],
    ['the add-on component label', [{ namespace: 'kube-system', labels: { 'eks.amazonaws.com/component': 'coredns' } }], true],
    ['another app label', [{ namespace: 'kube-system', labels: { 'k8s-app': 'metrics-server' } }], false],
    ['a label coredns does not carry', [{ namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns', fargate: 'yes' } }], false],
    ['another namespace', [{ namespace: 'default' }], false],
  ])('%s', (_title, selectors, fargate) => {
    const { json } = synthCluster({ fargateProfiles: [{ name: 'p', selectors }] });
    expect(resource(json, 'aws_eks_addon', 'coredns').configuration_values).toBe(fargate ? '{"computeType":"Fargate"}' : undefined);
  });
});

describe('bring your own roles and key; admins; partition; tags', () => {
  let byo: Synthesized;
  let admins: Synthesized;
  beforeAll(() => {
    byo = synthCluster({
      clusterRoleArn: 'arn:aws:iam::111122223333:role/eks-cluster',
      nodeRoleArn: 'arn:aws:iam::111122223333:role/eks-node',
      podExecutionRoleArn: 'arn:aws:iam::111122223333:role/eks-fargate',
      secretsKmsKeyArn: 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
      fargateProfiles: [{ name: 'serverless', selectors: [{ namespace: 'serverless' }] }],
      endpointPublicAccess: false,
    });
    admins = synthCluster({
      adminPrincipalArns: ['arn:aws-us-gov:iam::111122223333:role/PlatformAdmin', 'arn:aws-us-gov:iam::111122223333:user/alice'],
      authenticationMode: 'API',
      partition: 'aws-us-gov',
      publicAccessCidrs: ['203.0.113.0/24'],
      enabledLogTypes: ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'],
      tags: { team: 'platform' },
      fargateProfiles: [{ name: 'serverless', selectors: [{ namespace: 'serverless' }] }],
    });
  });

  test('given role ARNs and key ARN: no roles, no attachments, no key are created', () => {
    expect(resourcesOf(byo.json, ROLE)).toEqual([]);
    expect(resourcesOf(byo.json, ATTACHMENT)).toEqual([]);
    expect(resourcesOf(byo.json, 'aws_iam_role_policy')).toEqual([]);
    expect(resourcesOf(byo.json, 'aws_kms_key')).toEqual([]);
    const cluster = resource(byo.json, CLUSTER);
    expect(cluster.role_arn).toBe('arn:aws:iam::111122223333:role/eks-cluster');
    expect(cluster.encryption_config.provider.key_arn).toMatch(/^arn:aws:kms:/);
    expect(cluster.depends_on).toBeUndefined();
    expect(resource(byo.json, 'aws_eks_node_group').node_role_arn).toBe('arn:aws:iam::111122223333:role/eks-node');
    expect(resource(byo.json, 'aws_eks_fargate_profile').pod_execution_role_arn).toBe('arn:aws:iam::111122223333:role/eks-fargate');
    expect(byo.cluster.clusterRole).toBeUndefined();
  });

  test('private endpoint only: no public CIDRs, no warning', () => {
    expect(resource(byo.json, CLUSTER).vpc_config).toEqual({ subnet_ids: SUBNETS, endpoint_private_access: true, endpoint_public_access: false });
    expect(warningsOf(byo.cluster)).toEqual([]);
  });

  test('adminPrincipalArns: one access entry and one cluster-admin policy association each', () => {
    const entries = resourcesOf(admins.json, 'aws_eks_access_entry');
    expect(entries.map(([, e]) => e.principal_arn).sort()).toEqual([
      'arn:aws-us-gov:iam::111122223333:role/PlatformAdmin', 'arn:aws-us-gov:iam::111122223333:user/alice',
    ]);
    for (const [id, entry] of entries) {
      expect(entry).toMatchObject({ type: 'STANDARD', cluster_name: ref(admins.json, CLUSTER, 'Cluster', 'name'), tags: { team: 'platform' } });
      const association = resourcesOf(admins.json, 'aws_eks_access_policy_association')
        .map(([, a]) => a).find((a) => a.principal_arn === `\${aws_eks_access_entry.${id}.principal_arn}`);
      expect(association).toEqual({
        cluster_name: ref(admins.json, CLUSTER, 'Cluster', 'name'),
        principal_arn: `\${aws_eks_access_entry.${id}.principal_arn}`,
        policy_arn: 'arn:aws-us-gov:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy',
        access_scope: { type: 'cluster' },
      });
    }
    // the creator bootstrap does not follow adminPrincipalArns: it is ForceNew, adding an admin must not replace the cluster
    expect(resource(admins.json, CLUSTER).access_config).toEqual({ authentication_mode: 'API', bootstrap_cluster_creator_admin_permissions: true });
    const off = synthCluster({ bootstrapClusterCreatorAdminPermissions: false, adminPrincipalArns: ['arn:aws:iam::111122223333:role/A'] });
    expect(resource(off.json, CLUSTER).access_config.bootstrap_cluster_creator_admin_permissions).toBe(false);
    expect(warningsOf(off.cluster).filter((w) => w.includes('no IAM principal'))).toEqual([]);
  });

  test('access entry ids are stable: they derive from the principal, not its position', () => {
    const reordered = synthCluster({
      adminPrincipalArns: ['arn:aws-us-gov:iam::111122223333:user/alice', 'arn:aws-us-gov:iam::111122223333:role/PlatformAdmin'],
      partition: 'aws-us-gov',
    });
    expect(Object.keys(reordered.json.resource.aws_eks_access_entry).sort()).toEqual(Object.keys(admins.json.resource.aws_eks_access_entry).sort());
  });

  test('partition reaches every managed policy ARN', () => {
    const arns = resourcesOf(admins.json, ATTACHMENT).map(([, a]) => a.policy_arn);
    expect(arns).toHaveLength(5);
    for (const arn of arns) expect(arn).toMatch(/^arn:aws-us-gov:iam::aws:policy\//);
  });

  test('restricted public CIDRs: passed through, no warning; every log type', () => {
    expect(resource(admins.json, CLUSTER).vpc_config.public_access_cidrs).toEqual(['203.0.113.0/24']);
    expect(warningsOf(admins.cluster)).toEqual([]);
    expect(resource(admins.json, CLUSTER).enabled_cluster_log_types).toHaveLength(5);
  });

  test('tags reach every taggable resource', () => {
    const taggable = ['aws_eks_cluster', 'aws_eks_node_group', 'aws_eks_fargate_profile', 'aws_eks_addon', 'aws_eks_access_entry', 'aws_iam_role', 'aws_kms_key'];
    for (const type of taggable) {
      const found = resourcesOf(admins.json, type);
      expect(found.length).toBeGreaterThan(0);
      for (const [, r] of found) expect(r.tags).toEqual({ team: 'platform' });
    }
  });

  test('public access explicitly open to 0.0.0.0/0 is warned about', () => {
    const open = synthCluster({ publicAccessCidrs: ['10.0.0.0/8', '0.0.0.0/0'] });
    expect(warningsOf(open.cluster)).toEqual([expect.stringMatching(/open to 0\.0\.0\.0\/0.*publicAccessCidrs/)]);
  });
});

describe('Terraform expressions as input', () => {
  test('subnetIds from a list variable: checked by a Terraform precondition instead of at synth', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'test');
    new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
    const subnets = new TerraformVariable(stack, 'subnet_ids', { type: 'list(string)' });
    new HybridEksCluster(stack, 'eks', { clusterName: 'demo', subnetIds: subnets.listValue, fargateProfiles: [{ name: 'p', selectors: [{ namespace: 'p' }] }] });
    const json = JSON.parse(Testing.synth(stack, true)); // validations pass
    const cluster = resource(json, CLUSTER);
    expect(cluster.vpc_config.subnet_ids).toBe('${var.subnet_ids}');
    expect(cluster.lifecycle.precondition).toEqual([{
      condition: '${(length(var.subnet_ids) >= 2)}',
      error_message: expect.stringMatching(/^HybridEksCluster test\/eks: subnetIds has fewer than 2 subnets/),
    }]);
    expect(resource(json, 'aws_eks_fargate_profile').subnet_ids).toBe('${var.subnet_ids}');
  });
});

describe('Fargate-only cluster', () => {
  test('no node groups and coredns not on Fargate: a warning; no node role', () => {
    const s = synthCluster({ nodeGroups: [], fargateProfiles: [{ name: 'apps', selectors: [{ namespace: 'apps' }] }], publicAccessCidrs: ['203.0.113.0/24'] });
    expect(resourcesOf(s.json, 'aws_eks_node_group')).toEqual([]);
    expect(() => resource(s.json, ROLE, 'NodeRole')).toThrow();
    expect(warningsOf(s.cluster)).toEqual([expect.stringContaining('coredns')]);
  });

  test('no node groups, coredns on Fargate: no warning', () => {
    const s = synthCluster({ nodeGroups: [], fargateProfiles: [{ name: 'system', selectors: [{ namespace: 'kube-system' }] }], publicAccessCidrs: ['203.0.113.0/24'] });
    expect(warningsOf(s.cluster)).toEqual([]);
    expect(resource(s.json, 'aws_eks_addon', 'coredns').depends_on).toEqual([expect.stringContaining('aws_eks_fargate_profile.')]);
  });

  test('bootstrap off and no admins: a warning that nobody can reach the API', () => {
    const s = synthCluster({ bootstrapClusterCreatorAdminPermissions: false, publicAccessCidrs: ['203.0.113.0/24'] });
    expect(warningsOf(s.cluster)).toEqual([expect.stringContaining('no IAM principal gets access')]);
  });
});
