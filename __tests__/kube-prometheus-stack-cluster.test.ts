// KubePrometheusStack on a HybridEksCluster: the release namespace must not be captured by a
// label-less Fargate selector (Prometheus and Alertmanager need EBS volumes).
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { KubePrometheusStack } from '../lib';
import { HybridEksCluster } from '../lib/eks';
import { newStack, synthError } from './support/synth';

function setup(selectors: { namespace: string; labels?: { [k: string]: string } }[], namespace?: string) {
  const { app, stack } = newStack();
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  const cluster = new HybridEksCluster(stack, 'eks', {
    clusterName: 'hybrid',
    subnetIds: ['subnet-aaaa1111', 'subnet-bbbb2222'],
    fargateProfiles: [{ name: 'serverless', selectors }],
  });
  new KubePrometheusStack(stack, 'kps', { cluster, namespace });
  return synthError(app);
}

describe('KubePrometheusStack with cluster', () => {
  test('a profile for another namespace is fine', () => {
    expect(setup([{ namespace: 'serverless' }])).toBeUndefined();
  });

  test.each([
    ['the same namespace', [{ namespace: 'monitoring' }], undefined],
    ['a * wildcard', [{ namespace: 'serverless' }, { namespace: 'mon*' }], undefined],
    ['a ? wildcard, custom namespace', [{ namespace: 'ob?' }], 'obs'],
  ])('a label-less selector capturing the release namespace (%s) is a synth error naming the profile and namespace', (_name, selectors, namespace) => {
    const message = setup(selectors, namespace);
    expect(message).toContain('[test/kps] Fargate profile "serverless" of cluster test/eks captures every pod of the release namespace');
    expect(message).toContain(`"${namespace ?? 'monitoring'}"`);
    expect(message).toMatch(/EBS volumes.*namespace prop/);
  });

  test('a selector with labels only captures labelled pods: allowed', () => {
    expect(setup([{ namespace: 'monitoring', labels: { 'run-on': 'fargate' } }])).toBeUndefined();
  });
});
