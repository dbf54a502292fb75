// The default example: kube-prometheus-stack on an EKS cluster you already have, reached through
// a kubeconfig. `npm run synth` writes cdktf.out/stacks/monitoring/cdk.tf.json; no credentials
// or cluster are needed until you deploy.
import { HelmProvider } from '@cdktf/provider-helm/lib/provider';
import { App, TerraformStack, TerraformVariable } from 'cdktf';
import { Construct } from 'constructs';
import { KubePrometheusStack } from '../../lib';

export class MonitoringStack extends TerraformStack {
  public readonly monitoring: KubePrometheusStack;

  constructor(scope: Construct, id: string) {
    super(scope, id);

    const kubeconfig = new TerraformVariable(this, 'kubeconfig_path', {
      type: 'string',
      default: '~/.kube/config',
      description: 'Path of the kubeconfig for the EKS cluster',
    });
    const grafanaAdminPassword = new TerraformVariable(this, 'grafana_admin_password', {
      type: 'string',
      sensitive: true,
      description: 'Grafana admin password',
    });

    new HelmProvider(this, 'helm', {
      kubernetes: { configPath: kubeconfig.stringValue },
    });

    this.monitoring = new KubePrometheusStack(this, 'kube-prometheus-stack', {
      values: [
        {
          prometheus: {
            prometheusSpec: {
              retention: '15d',
              retentionSize: '45GB',
              storageSpec: {
                volumeClaimTemplate: {
                  spec: {
                    storageClassName: 'gp3',
                    accessModes: ['ReadWriteOnce'],
                    resources: { requests: { storage: '50Gi' } },
                  },
                },
              },
            },
          },
          alertmanager: {
            alertmanagerSpec: {
              storage: {
                volumeClaimTemplate: {
                  spec: { storageClassName: 'gp3', accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '10Gi' } } },
                },
              },
            },
          },
          grafana: {
            adminPassword: grafanaAdminPassword.stringValue,
            persistence: { enabled: true, storageClassName: 'gp3', size: '10Gi' },
          },
          // Our own constraint: node-exporter on amd64 nodes only. The construct keeps it and
          // ANDs the Fargate / virtual-kubelet exclusion into it.
          'prometheus-node-exporter': {
            affinity: {
              nodeAffinity: {
                requiredDuringSchedulingIgnoredDuringExecution: {
                  nodeSelectorTerms: [
                    { matchExpressions: [{ key: 'kubernetes.io/arch', operator: 'In', values: ['amd64'] }] },
                  ],
                },
              },
            },
          },
        },
      ],
    });
  }
}

// Synthesize when run as the cdktf app (cdktf.json), not when a test imports the stack.
if (require.main === module) {
  const app = new App();
  new MonitoringStack(app, 'monitoring');
  app.synth();
}
