// Terraform tier: the example app is synthesized by running it as a user would (tsx), then the
// `cluster` stack goes through `terraform init -plugin-dir`, `validate` and `plan` with dummy
// credentials, the provider's skip flags (variable offline_plan) and every HTTP(S) request sent to a
// closed port: a plan that needed the AWS API (a data source, an account lookup) would fail. One plan is
// shared by all assertions, on `terraform show -json`.
//
// The `monitoring` stack is not planned: the mirror holds no helm provider, and its inputs come from the
// cluster stack's state; tests/eks/cross-stack.test.ts covers its configuration.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { describeWithTerraform, offlineTerraformEnv, pluginDir, run, terraformBinary } from './support/terraform';

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const ADMIN = 'arn:aws:iam::111122223333:role/PlatformAdmin';
const CLUSTER_ARN = 'arn:aws:eks:us-east-1:111122223333:cluster/hybrid-demo';

describeWithTerraform('terraform tier: plan of examples/hybrid-cluster (cluster stack)', () => {
  let work: string;
  let plan: any;
  let validation: any;
  let evaluated: { trustPolicy: any; region: string };
  const timings: { [step: string]: number } = {};

  /** Planned values (after) of the only resource of `type` whose address contains `part`. */
  const change = (type: string, part = ''): { after: any; afterUnknown: any; address: string } => {
    const found = plan.resource_changes.filter((r: any) => r.type === type && r.address.includes(part));
    if (found.length !== 1) throw new Error(`expected one ${type} "${part}", found ${found.length}`);
    return { after: found[0].change.after, afterUnknown: found[0].change.after_unknown, address: found[0].address };
  };
  const configOf = (address: string): any => plan.configuration.root_module.resources.find((r: any) => r.address === address);

  beforeAll(async () => {
    const started = Date.now();
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'eks-terraform-tier-'));
    const env = offlineTerraformEnv(work);
    const terraform = terraformBinary()!;

    // 1. synthesize the example like a user: npx tsx examples/hybrid-cluster/main.ts (outdir via CDKTF_OUTDIR)
    const outdir = path.join(work, 'cdktf.out');
    const tsx = path.join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
    const synth = await run(process.execPath, [tsx, path.join(REPO_ROOT, 'examples', 'hybrid-cluster', 'main.ts')], {
      cwd: work,
      env: { ...process.env, CDKTF_OUTDIR: outdir, EKS_ADMIN_PRINCIPAL_ARNS: ADMIN },
    });
    timings.synth = synth.ms;
    const stackDir = path.join(outdir, 'stacks', 'cluster');

    // 2. init against the mirror (symlinks the provider, no download)
    timings.init = (await run(terraform, ['init', '-input=false', '-no-color', `-plugin-dir=${pluginDir()}`], { cwd: stackDir, env })).ms;

    // 3. validate, then plan (one after the other: each loads the AWS provider, which takes both cores)
    const validated = await run(terraform, ['validate', '-json', '-no-color'], { cwd: stackDir, env });
    const planned = await run(terraform, ['plan', '-input=false', '-no-color', '-lock=false', '-var', 'offline_plan=true', '-out=plan.bin'], { cwd: stackDir, env });
    validation = JSON.parse(validated.stdout);
    timings.validate = validated.ms;
    timings.plan = planned.ms;

    // 4. the plan as JSON; and the Fargate trust policy and the helm region expression evaluated by
    // terraform itself, with a cluster ARN in place of the (unknown at plan) attribute
    const shown = run(terraform, ['show', '-json', '-no-color', 'plan.bin'], { cwd: stackDir, env });
    const clusterJson = JSON.parse(fs.readFileSync(path.join(stackDir, 'cdk.tf.json'), 'utf8'));
    const monitoringJson = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'monitoring', 'cdk.tf.json'), 'utf8'));
    const podRole = Object.entries(clusterJson.resource.aws_iam_role).find(([id]) => id.includes('PodExecutionRole'))![1] as any;
    const clusterId = Object.keys(clusterJson.resource.aws_eks_cluster)[0];
    const trustExpression = podRole.assume_role_policy.slice(2, -1).split(`aws_eks_cluster.${clusterId}.arn`).join(JSON.stringify(CLUSTER_ARN));
    const regionArg: string = monitoringJson.provider.helm[0].kubernetes.exec.args[5];
    const regionExpression = regionArg.slice(2, -1).replace(/data\.terraform_remote_state\.[\w-]+\.outputs\.[\w-]+/, JSON.stringify(CLUSTER_ARN));
    const consoleDir = path.join(work, 'console');
    fs.mkdirSync(consoleDir);
    // (a non-interactive console prints only its last result: evaluate one expression)
    const consoled = run(terraform, ['console'], { cwd: consoleDir, env, input: `jsonencode([${trustExpression}, ${regionExpression}])\n` });
    const [showResult, consoleResult] = await Promise.all([shown, consoled]);
    plan = JSON.parse(showResult.stdout);
    timings.show = showResult.ms;
    timings.console = consoleResult.ms;
    const [trustPolicy, region] = JSON.parse(JSON.parse(consoleResult.stdout.trim()));
    evaluated = { trustPolicy: JSON.parse(trustPolicy), region };
    timings.total = Date.now() - started;
    // the tier's cost, visible in the test output
    console.log(`[terraform tier] ${Object.entries(timings).map(([k, v]) => `${k} ${(v / 1000).toFixed(1)}s`).join(', ')}`);
  }, 180_000);

  afterAll(() => {
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  test('terraform validate: valid, no warnings', () => {
    expect(validation).toMatchObject({ valid: true, error_count: 0, warning_count: 0 });
  });

  test('plan: only creations, complete and applyable, every resource of the cluster', () => {
    expect(plan.errored).toBe(false);
    expect(plan.complete).toBe(true);
    expect(plan.applyable).toBe(true);
    const counts: { [type: string]: number } = {};
    for (const r of plan.resource_changes) {
      expect(r.change.actions).toEqual(['create']);
      counts[r.type] = (counts[r.type] ?? 0) + 1;
    }
    expect(counts).toEqual({
      aws_eks_cluster: 1,
      aws_eks_node_group: 1,
      aws_eks_fargate_profile: 1,
      aws_eks_addon: 3,
      aws_eks_access_entry: 1,
      aws_eks_access_policy_association: 1,
      aws_iam_role: 3,
      aws_iam_role_policy: 1,
      aws_iam_role_policy_attachment: 5,
      aws_kms_key: 1,
    });
    expect(plan.prior_state?.values?.root_module?.resources).toBeUndefined(); // nothing existed, nothing was read
    expect(plan.configuration.root_module.resources.filter((r: any) => r.mode === 'data')).toEqual([]);
  });

  test('the cluster: version, subnets from the variable, endpoints, logs, encryption, access entries mode', () => {
    const { after, afterUnknown } = change('aws_eks_cluster');
    expect(after).toMatchObject({
      name: 'hybrid-demo',
      version: '1.35',
      enabled_cluster_log_types: ['api', 'audit', 'authenticator'],
      access_config: [{ authentication_mode: 'API_AND_CONFIG_MAP', bootstrap_cluster_creator_admin_permissions: true }],
      vpc_config: [expect.objectContaining({
        subnet_ids: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'],
        endpoint_private_access: true,
        endpoint_public_access: true,
      })],
      encryption_config: [{ provider: [{}], resources: ['secrets'] }],
    });
    expect(afterUnknown.encryption_config[0].provider[0].key_arn).toBe(true); // the new key's ARN
    expect(plan.variables.offline_plan.value).toBe('true');
  });

  test('roles and their managed policies, exactly', () => {
    const attachments: { [roleAddress: string]: string[] } = {};
    for (const r of plan.resource_changes.filter((c: any) => c.type === 'aws_iam_role_policy_attachment')) {
      const role = configOf(r.address).expressions.role.references.find((x: string) => /^aws_iam_role\.[^.]+$/.test(x));
      (attachments[role] ??= []).push(r.change.after.policy_arn);
    }
    const roleOf = (part: string) => change('aws_iam_role', part).address;
    expect(attachments[roleOf('ClusterRole')]).toEqual(['arn:aws:iam::aws:policy/AmazonEKSClusterPolicy']);
    expect(attachments[roleOf('NodeRole')].sort()).toEqual([
      'arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly',
      'arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy',
      'arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy',
    ]);
    expect(attachments[roleOf('PodExecutionRole')]).toEqual(['arn:aws:iam::aws:policy/AmazonEKSFargatePodExecutionRolePolicy']);
    expect(JSON.parse(change('aws_iam_role', 'ClusterRole').after.assume_role_policy).Statement[0].Principal).toEqual({ Service: 'eks.amazonaws.com' });
    expect(JSON.parse(change('aws_iam_role', 'NodeRole').after.assume_role_policy).Statement[0].Principal).toEqual({ Service: 'ec2.amazonaws.com' });
    expect(change('aws_iam_role', 'ClusterRole').after.name_prefix).toBe('hybrid-demo-cluster-');
  });

  test('Fargate pod execution role trust: eks-fargate-pods, ArnLike aws:SourceArn on this cluster\'s profiles (derived from the cluster ARN)', () => {
    const role = change('aws_iam_role', 'PodExecutionRole');
    expect(role.afterUnknown.assume_role_policy).toBe(true); // depends on the cluster ARN, known after apply
    expect(configOf(role.address).expressions.assume_role_policy.references).toEqual(
      [expect.stringMatching(/^aws_eks_cluster\.[^.]+\.arn$/), expect.stringMatching(/^aws_eks_cluster\.[^.]+$/)]);
    expect(evaluated.trustPolicy).toEqual({
      Version: '2012-10-17',
      Statement: [{
        Effect: 'Allow',
        Principal: { Service: 'eks-fargate-pods.amazonaws.com' },
        Action: 'sts:AssumeRole',
        Condition: { ArnLike: { 'aws:SourceArn': 'arn:aws:eks:us-east-1:111122223333:fargateprofile/hybrid-demo/*' } },
      }],
    });
  });

  test('the helm provider\'s --region, evaluated by terraform from a cluster ARN', () => {
    expect(evaluated.region).toBe('us-east-1');
  });

  test('Fargate profile selectors and node group', () => {
    expect(change('aws_eks_fargate_profile').after).toMatchObject({
      fargate_profile_name: 'serverless',
      selector: [{ namespace: 'serverless', labels: null }],
      subnet_ids: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'],
    });
    expect(change('aws_eks_node_group').after).toMatchObject({
      node_group_name: 'general',
      instance_types: ['m6i.large'],
      ami_type: 'AL2023_x86_64_STANDARD',
      capacity_type: 'ON_DEMAND',
      scaling_config: [{ min_size: 2, desired_size: 2, max_size: 4 }],
      launch_template: [],
    });
  });

  test('add-ons: after the node group and the Fargate profile; coredns stays on EC2 (serverless does not capture it)', () => {
    const group = change('aws_eks_node_group').address;
    const profile = change('aws_eks_fargate_profile').address;
    for (const name of ['vpc-cni', 'kube-proxy', 'coredns']) {
      const addon = change('aws_eks_addon', name);
      expect(addon.after).toMatchObject({ addon_name: name, resolve_conflicts_on_create: 'OVERWRITE', resolve_conflicts_on_update: 'OVERWRITE' });
      expect(addon.after.configuration_values ?? null).toBeNull();
      expect(configOf(addon.address).depends_on).toEqual([group, profile]);
    }
  });

  test('access entry and cluster-admin policy association for the admin principal', () => {
    expect(change('aws_eks_access_entry').after).toMatchObject({ principal_arn: ADMIN, type: 'STANDARD' });
    expect(change('aws_eks_access_policy_association').after).toMatchObject({
      policy_arn: 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy',
      access_scope: [{ type: 'cluster', namespaces: null }],
    });
  });

  test('KMS key with rotation', () => {
    expect(change('aws_kms_key').after).toMatchObject({ enable_key_rotation: true, key_usage: 'ENCRYPT_DECRYPT' });
  });

  test('outputs: endpoint, CA data, cluster name, OIDC issuer URL (plus the cross-stack outputs)', () => {
    const outputs = plan.output_changes;
    const named = (part: string) => Object.keys(outputs).filter((k) => k.startsWith(`eks_${part}`));
    for (const part of ['endpoint', 'certificate_authority_data', 'oidc_issuer_url']) {
      expect(named(part)).toHaveLength(1);
      expect(outputs[named(part)[0]].after_unknown).toBe(true);
    }
    expect(outputs[named('cluster_name')[0]].after).toBe('hybrid-demo');
    expect(Object.keys(outputs).filter((k) => k.startsWith('cross-stack-output-'))).toHaveLength(4);
  });

  test('the tier stays fast', () => {
    expect(timings.total).toBeLessThan(60_000);
  });
});
