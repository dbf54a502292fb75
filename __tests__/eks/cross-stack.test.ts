// The example app (examples/hybrid-cluster): the monitoring stack's helm provider reads the cluster
// from the cluster stack through cdktf cross-stack references (remote state outputs), which only a
// full App.synth() produces (Testing.synth resolves references within one stack).
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildApp } from '../../examples/hybrid-cluster/main';

describe('example app: cluster and monitoring stacks', () => {
  let outdir: string;
  let cluster: any;
  let monitoring: any;
  let manifest: any;
  beforeAll(() => {
    outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'eks-cross-stack-'));
    buildApp(outdir).synth();
    const read = (file: string) => JSON.parse(fs.readFileSync(path.join(outdir, file), 'utf8'));
    cluster = read('stacks/cluster/cdk.tf.json');
    monitoring = read('stacks/monitoring/cdk.tf.json');
    manifest = read('manifest.json');
  });
  afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

  test('the cluster stack exports what the helm provider needs as outputs', () => {
    const crossOutputs = Object.entries(cluster.output).filter(([name]) => name.startsWith('cross-stack-output-'))
      .map(([, o]: [string, any]) => o.value.replace(/aws_eks_cluster\.[^.]+\./, 'CLUSTER.')).sort();
    expect(crossOutputs).toEqual(['${CLUSTER.arn}', '${CLUSTER.certificate_authority[0].data}', '${CLUSTER.endpoint}', '${CLUSTER.name}']);
  });

  test('the monitoring helm provider reads them from remote state: host, decoded CA, aws eks get-token', () => {
    const state = Object.keys(monitoring.data.terraform_remote_state);
    expect(state).toEqual(['cross-stack-reference-input-cluster']);
    const out = (attr: string) => new RegExp(`^data\\.terraform_remote_state\\.cross-stack-reference-input-cluster\\.outputs\\.cross-stack-output-aws_eks_cluster\\w+${attr}$`);
    const k8s = monitoring.provider.helm[0].kubernetes;
    expect(k8s.host.slice(2, -1)).toMatch(out('endpoint'));
    expect(k8s.cluster_ca_certificate).toMatch(/^\$\{base64decode\(data\.terraform_remote_state\..*certificate_authority0data\)\}$/);
    expect(k8s.exec.api_version).toBe('client.authentication.k8s.io/v1beta1');
    expect(k8s.exec.command).toBe('aws');
    expect(k8s.exec.args.slice(0, 3)).toEqual(['eks', 'get-token', '--cluster-name']);
    expect(k8s.exec.args[3].slice(2, -1)).toMatch(out('name'));
    expect(k8s.exec.args[4]).toBe('--region');
    expect(k8s.exec.args[5]).toMatch(/^\$\{element\(split\(":", data\.terraform_remote_state\..*arn\), 3\)\}$/);
    expect(k8s.token).toBeUndefined();
    expect(JSON.stringify(monitoring)).not.toContain('aws_eks_cluster.');
  });

  test('kube-prometheus-stack is installed through that provider; monitoring depends on cluster', () => {
    const releases = Object.values(monitoring.resource.helm_release) as any[];
    expect(releases).toHaveLength(1);
    expect(releases[0]).toMatchObject({ chart: 'kube-prometheus-stack', namespace: 'monitoring', provider: 'helm' });
    expect(manifest.stacks.monitoring.dependencies).toEqual(['cluster']);
    expect(manifest.stacks.cluster.dependencies).toEqual([]);
  });

  test('the cluster stack: one node group, a Fargate profile for serverless, provider skip flags only through offline_plan', () => {
    expect(Object.values(cluster.resource.aws_eks_node_group)).toHaveLength(1);
    expect((Object.values(cluster.resource.aws_eks_fargate_profile) as any[]).map((p) => p.selector)).toEqual([[{ namespace: 'serverless' }]]);
    const aws = cluster.provider.aws[0];
    expect(aws.region).toBe('us-east-1');
    for (const flag of ['skip_credentials_validation', 'skip_requesting_account_id', 'skip_region_validation']) expect(aws[flag]).toBe('${var.offline_plan}');
    expect(cluster.variable.offline_plan.default).toBe(false);
    expect(cluster.variable.subnet_ids.default).toHaveLength(2);
  });
});
