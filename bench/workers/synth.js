// Synth cost: `node bench/workers/synth.js <variant> <stacks> <outdir>` builds an app of <stacks>
// stacks and synthesizes it into <outdir>, in this fresh process. Variants:
//   kps    each stack: two TerraformVariables, a HelmProvider, a KubePrometheusStack with realistic values
//   raw    the same, written with a raw helm Release holding equivalent literal YAML (the baseline)
//   fleet  each stack: an AwsProvider, a HybridEksCluster, its helmProvider and a KubePrometheusStack
// It reports the require time, then the time to build the construct tree and to app.synth() (the
// "synth time after imports" is their sum), peak RSS, and the bytes written.
'use strict';
const fs = require('fs');
const path = require('path');
const { DIST, now, peakRssMb, providerAwsLoaded, report } = require('./common');

const [variant, stacksArg, outdir] = process.argv.slice(2);
const stacks = Number(stacksArg);
if (!['kps', 'raw', 'fleet'].includes(variant) || !(stacks >= 1) || !outdir) {
  throw new Error('usage: synth.js kps|raw|fleet <stacks> <outdir>');
}

const tRequire = now();
const { App, Fn, TerraformStack, TerraformVariable } = require('cdktf');
const { HelmProvider } = require('@cdktf/provider-helm/lib/provider');
const lib = variant === 'raw' ? undefined : require(path.join(DIST, 'index.js'));
const { Release } = variant === 'raw' ? require('@cdktf/provider-helm/lib/release') : {};
const eks = variant === 'fleet' ? require(path.join(DIST, 'eks/index.js')) : undefined;
const { AwsProvider } = variant === 'fleet' ? require('@cdktf/provider-aws/lib/provider') : {};
const requireMs = now() - tRequire;

// KubePrometheusStackProps.cluster (the Fargate-namespace check) is set when the built library has it.
const kpsHasClusterProp = variant === 'fleet'
  && /readonly cluster\?:/.test(fs.readFileSync(path.join(DIST, 'kube-prometheus-stack.d.ts'), 'utf8'));

/** What a platform team typically gives kube-prometheus-stack (as in examples/existing-cluster). */
function userValues(grafanaPassword) {
  return {
    prometheus: {
      prometheusSpec: {
        retention: '15d',
        retentionSize: '45GB',
        scrapeInterval: '30s',
        storageSpec: {
          volumeClaimTemplate: {
            spec: { storageClassName: 'gp3', accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '50Gi' } } },
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
      adminPassword: grafanaPassword,
      persistence: { enabled: true, storageClassName: 'gp3', size: '10Gi' },
    },
    // node-exporter on amd64 nodes only; KubePrometheusStack ANDs the Fargate exclusion into it.
    'prometheus-node-exporter': {
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/arch', operator: 'In', values: ['amd64'] }] }],
          },
        },
      },
    },
  };
}

const SET = [
  { name: 'grafana.ingress.enabled', value: 'true' },
  { name: 'grafana.ingress.hosts[0]', value: 'grafana.example.com' },
];

/** The baseline: the same values written by hand as one YAML document, exclusion included. */
function literalValuesYaml(grafanaPasswordYaml) {
  return `prometheus:
  prometheusSpec:
    retention: 15d
    retentionSize: 45GB
    scrapeInterval: 30s
    storageSpec:
      volumeClaimTemplate:
        spec:
          storageClassName: gp3
          accessModes:
            - ReadWriteOnce
          resources:
            requests:
              storage: 50Gi
alertmanager:
  alertmanagerSpec:
    storage:
      volumeClaimTemplate:
        spec:
          storageClassName: gp3
          accessModes:
            - ReadWriteOnce
          resources:
            requests:
              storage: 10Gi
grafana:
  adminPassword: ${grafanaPasswordYaml}
  persistence:
    enabled: true
    storageClassName: gp3
    size: 10Gi
prometheus-node-exporter:
  affinity:
    nodeAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
        nodeSelectorTerms:
          - matchExpressions:
              - key: kubernetes.io/arch
                operator: In
                values:
                  - amd64
              - key: eks.amazonaws.com/compute-type
                operator: NotIn
                values:
                  - fargate
              - key: type
                operator: NotIn
                values:
                  - virtual-kubelet
`;
}

/** The helm_release settings KubePrometheusStack applies by default, spelled out for the baseline. */
const RELEASE_DEFAULTS = {
  name: 'kube-prometheus-stack',
  namespace: 'monitoring',
  createNamespace: true,
  repository: 'https://prometheus-community.github.io/helm-charts',
  chart: 'kube-prometheus-stack',
  version: '88.5.3',
  atomic: true,
  wait: true,
  timeout: 900,
  cleanupOnFail: true,
  maxHistory: 10,
};

function monitoringStack(app, id) {
  const stack = new TerraformStack(app, id);
  const kubeconfig = new TerraformVariable(stack, 'kubeconfig_path', { type: 'string', default: '~/.kube/config' });
  const password = new TerraformVariable(stack, 'grafana_admin_password', { type: 'string', sensitive: true });
  new HelmProvider(stack, 'helm', { kubernetes: { configPath: kubeconfig.stringValue } });
  if (variant === 'kps') {
    new lib.KubePrometheusStack(stack, 'kube-prometheus-stack', { values: [userValues(password.stringValue)], set: SET });
  } else {
    // A hand-written release interpolates the variable; jsonencode keeps it one valid YAML scalar.
    new Release(stack, 'kube-prometheus-stack', {
      ...RELEASE_DEFAULTS,
      values: [literalValuesYaml(Fn.jsonencode(password.stringValue))],
      set: SET,
    });
  }
}

function clusterStack(app, id, index) {
  const stack = new TerraformStack(app, id);
  const password = new TerraformVariable(stack, 'grafana_admin_password', { type: 'string', sensitive: true });
  new AwsProvider(stack, 'aws', { region: ['us-east-1', 'eu-west-1', 'ap-southeast-2'][index % 3] });
  const cluster = new eks.HybridEksCluster(stack, 'eks', {
    clusterName: `fleet-${index}`,
    subnetIds: [`subnet-${index}a`, `subnet-${index}b`],
    nodeGroups: [{ name: 'general', instanceTypes: ['m6i.large'], minSize: 2, desiredSize: 2, maxSize: 4 }],
    fargateProfiles: [{ name: 'serverless', selectors: [{ namespace: 'serverless' }] }],
    adminPrincipalArns: ['arn:aws:iam::111122223333:role/PlatformAdmin'],
    tags: { team: 'platform', cluster: `fleet-${index}` },
  });
  const helm = cluster.helmProvider(stack, 'helm');
  new lib.KubePrometheusStack(stack, 'kube-prometheus-stack', {
    provider: helm,
    values: [userValues(password.stringValue)],
    set: SET,
    ...(kpsHasClusterProp ? { cluster } : {}),
  });
}

function bytesUnder(dir) {
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    total += entry.isDirectory() ? bytesUnder(file) : fs.statSync(file).size;
  }
  return total;
}

const t0 = now();
const app = new App({ outdir });
for (let i = 0; i < stacks; i++) {
  if (variant === 'fleet') clusterStack(app, `cluster-${i}`, i);
  else monitoringStack(app, `monitoring-${i}`);
}
const t1 = now();
app.synth();
const t2 = now();

report({
  requireMs,
  buildMs: t1 - t0,
  synthMs: t2 - t1,
  ms: t2 - t0,
  peakRssMb: peakRssMb(),
  outputBytes: bytesUnder(outdir),
  providerAwsLoaded: providerAwsLoaded(),
  kpsHasClusterProp,
});
