// A hybrid EKS cluster (EC2 node group + Fargate profile) and kube-prometheus-stack on it, as two
// stacks: `cluster` creates the cluster, `monitoring` installs the chart through a helm provider that
// reads the cluster's endpoint and CA from the `cluster` stack's state (cdktf cross-stack references).
// Apply `cluster` first, then `monitoring`; see the README section "Hybrid EKS cluster".
//
//   npx tsx examples/hybrid-cluster/main.ts          # writes cdktf.out/ (or $CDKTF_OUTDIR)
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { App, Fn, TerraformStack, TerraformVariable, Token } from 'cdktf';
import { Construct } from 'constructs';
import { KubePrometheusStack } from '../../lib';
import { HybridEksCluster } from '../../lib/eks';

export class ClusterStack extends TerraformStack {
  public readonly cluster: HybridEksCluster;

  constructor(scope: Construct, id: string) {
    super(scope, id);

    const subnetIds = new TerraformVariable(this, 'subnet_ids', {
      type: 'list(string)',
      description: 'Private subnets (in at least two Availability Zones) for the nodes, the Fargate pods and the control plane',
      // Placeholders so that `terraform plan` works out of the box; set your own subnets to apply.
      default: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'],
    });
    const offlinePlan = new TerraformVariable(this, 'offline_plan', {
      type: 'bool',
      description: 'Plan without AWS credentials or network (CI): skips the AWS provider\'s credential, account, '
        + 'metadata and region checks. Leave it false to apply.',
      default: false,
    });

    new AwsProvider(this, 'aws', {
      region: 'us-east-1',
      skipCredentialsValidation: offlinePlan.booleanValue,
      skipRequestingAccountId: offlinePlan.booleanValue,
      skipRegionValidation: offlinePlan.booleanValue,
      skipMetadataApiCheck: Token.asString(Fn.conditional(offlinePlan.booleanValue, 'true', 'false')),
    });

    this.cluster = new HybridEksCluster(this, 'eks', {
      clusterName: 'hybrid-demo',
      subnetIds: subnetIds.listValue,
      nodeGroups: [{
        name: 'general',
        instanceTypes: ['m6i.large'],
        minSize: 2,
        desiredSize: 2,
        maxSize: 4,
      }],
      fargateProfiles: [{ name: 'serverless', selectors: [{ namespace: 'serverless' }] }],
      // The principal that applies this stack gets cluster-admin access (bootstrapClusterCreatorAdminPermissions,
      // default true), which the monitoring stack's helm provider then uses. Other IAM roles/users that
      // should be cluster admins (not the applying principal itself: EKS already made its entry), e.g.
      //   EKS_ADMIN_PRINCIPAL_ARNS=arn:aws:iam::111122223333:role/PlatformAdmin npx tsx examples/hybrid-cluster/main.ts
      adminPrincipalArns: (process.env.EKS_ADMIN_PRINCIPAL_ARNS ?? '').split(',').map((arn) => arn.trim()).filter((arn) => arn !== ''),
      tags: { project: 'cdktf-eks-monitoring-example' },
    });
  }
}

export class MonitoringStack extends TerraformStack {
  constructor(scope: Construct, id: string, cluster: HybridEksCluster) {
    super(scope, id);
    const helm = cluster.helmProvider(this, 'helm');
    new KubePrometheusStack(this, 'kube-prometheus-stack', {
      provider: helm,
      // synth fails if a Fargate profile of the cluster captures the release namespace
      cluster,
      namespace: 'monitoring',
      values: [{ prometheus: { prometheusSpec: { retention: '15d' } } }],
    });
  }
}

/** The example app; outdir defaults to $CDKTF_OUTDIR, then cdktf.out. */
export function buildApp(outdir?: string): App {
  const app = new App(outdir !== undefined ? { outdir } : {});
  const clusterStack = new ClusterStack(app, 'cluster');
  new MonitoringStack(app, 'monitoring', clusterStack.cluster);
  return app;
}

if (require.main === module) {
  buildApp().synth();
}
