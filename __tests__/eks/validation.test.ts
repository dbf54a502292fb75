// Bad input: synth fails (validations run, as `cdktf synth` runs them) with a message naming the
// construct path and saying what to change.
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { App, TerraformStack } from 'cdktf';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { HybridEksCluster } from '../../lib/eks';
import { FargateProfileOptions } from '../../lib/eks';
import { synthError } from './support/cluster';

const PATH = '[test/eks]';
const profile = (name: string, namespace = name): FargateProfileOptions => ({ name, selectors: [{ namespace }] });

describe('synth errors', () => {
  test.each<[string, Parameters<typeof synthError>[0], RegExp]>([
    ['cluster name with a dot', { clusterName: 'my.cluster' }, /clusterName "my\.cluster" is not a valid EKS cluster name.*Choose another clusterName/],
    ['cluster name starting with "-"', { clusterName: '-demo' }, /clusterName "-demo"/],
    ['empty cluster name', { clusterName: '' }, /clusterName ""/],
    ['cluster name of 101 characters', { clusterName: 'a'.repeat(101) }, /1-100 characters/],
    ['kubernetes version with a patch', { kubernetesVersion: '1.35.2' }, /kubernetesVersion "1\.35\.2".*e\.g\. "1\.35"/],
    ['no subnets', { subnetIds: [] }, /subnetIds has 0 subnets; EKS needs at least 2/],
    ['a single subnet', { subnetIds: ['subnet-1'] }, /subnetIds has 1 subnet; EKS needs at least 2.*Add private subnets to subnetIds/],
    ['a single control plane subnet', { controlPlaneSubnetIds: ['subnet-1'] }, /controlPlaneSubnetIds has 1 subnet/],
    ['min > desired', { nodeGroups: [{ name: 'ng', minSize: 3, desiredSize: 2, maxSize: 4 }] }, /nodeGroups\[0\] \("ng"\): sizes must satisfy 0 <= minSize <= desiredSize <= maxSize.*got minSize 3, desiredSize 2, maxSize 4/],
    ['desired > max', { nodeGroups: [{ name: 'ng', desiredSize: 5, maxSize: 4 }] }, /got minSize 2, desiredSize 5, maxSize 4/],
    ['min > max', { nodeGroups: [{ name: 'ng', minSize: 5, maxSize: 3 }] }, /got minSize 5, desiredSize 5, maxSize 3/],
    ['max 0', { nodeGroups: [{ name: 'ng', minSize: 0, maxSize: 0 }] }, /maxSize >= 1/],
    ['fractional size', { nodeGroups: [{ name: 'ng', minSize: 1.5 }] }, /minSize must be a whole number/],
    ['duplicate node group names', { nodeGroups: [{ name: 'ng' }, { name: 'other' }, { name: 'ng' }] }, /nodeGroups: node group name "ng" is used 2 times \(indexes 0, 2\).*Rename all but one/],
    ['invalid node group name', { nodeGroups: [{ name: 'my group' }] }, /nodeGroups\[0\]: node group name "my group" is invalid/],
    ['node group name of 64 characters', { nodeGroups: [{ name: 'n'.repeat(64) }] }, /1-63 characters/],
    ['empty instance types', { nodeGroups: [{ name: 'ng', instanceTypes: [] }] }, /instanceTypes is empty/],
    ['Kubernetes-style taint effect', { nodeGroups: [{ name: 'ng', taints: [{ key: 'a', effect: 'NoSchedule' as any }] }] }, /taints\[0\] has effect "NoSchedule".*NO_SCHEDULE/],
    ['invalid node label', { nodeGroups: [{ name: 'ng', labels: { 'bad key!': 'x' } }] }, /nodeGroups\[0\] \("ng"\): labels: label key "bad key!"/],
    ['empty node group subnets', { nodeGroups: [{ name: 'ng', subnetIds: [] }] }, /nodeGroups\[0\]\.subnetIds is an empty list/],
    ['6 selectors', { fargateProfiles: [{ name: 'p', selectors: ['a', 'b', 'c', 'd', 'e', 'f'].map((namespace) => ({ namespace })) }] },
      /fargateProfiles\[0\] \("p"\) has 6 selectors; EKS allows at most 5 per Fargate profile.*Split them/],
    ['no selectors', { fargateProfiles: [{ name: 'p', selectors: [] }] }, /fargateProfiles\[0\] \("p"\) has no selectors/],
    ['selector without namespace', { fargateProfiles: [{ name: 'p', selectors: [{ labels: { a: 'b' } } as any] }] },
      /fargateProfiles\[0\] \("p"\): selectors\[0\] has no namespace; EKS requires one in every selector/],
    ['selector with an empty namespace', { fargateProfiles: [{ name: 'p', selectors: [{ namespace: '' }] }] }, /selectors\[0\] has no namespace/],
    ['selector namespace in capitals', { fargateProfiles: [{ name: 'p', selectors: [{ namespace: 'Apps' }] }] }, /namespace "Apps" can match no Kubernetes namespace/],
    ['6 labels in a selector', { fargateProfiles: [{ name: 'p', selectors: [{ namespace: 'a', labels: { a: '1', b: '2', c: '3', d: '4', e: '5', f: '6' } }] }] },
      /selectors\[0\] has 6 labels/],
    ['11 Fargate profiles', { fargateProfiles: Array.from({ length: 11 }, (_, i) => profile(`p${i}`)) },
      /fargateProfiles has 11 profiles; the EKS quota "Fargate profiles per cluster" allows 10.*maxFargateProfiles/],
    ['3 profiles over a quota of 2', { maxFargateProfiles: 2, fargateProfiles: [profile('a'), profile('b'), profile('c')] }, /allows 2/],
    ['invalid profile name', { fargateProfiles: [profile('bad/name', 'x')] }, /fargateProfiles\[0\]: Fargate profile name "bad\/name" is invalid/],
    ['duplicate profile names', { fargateProfiles: [profile('p', 'a'), profile('p', 'b')] }, /Fargate profile name "p" is used 2 times/],
    ['empty profile subnets', { fargateProfiles: [{ ...profile('p'), subnetIds: [] }] }, /fargateProfiles\[0\]\.subnetIds is an empty list/],
    ['both endpoints off', { endpointPrivateAccess: false, endpointPublicAccess: false }, /nothing could reach the Kubernetes API/],
    ['public CIDRs without public endpoint', { endpointPublicAccess: false, publicAccessCidrs: ['203.0.113.0/24'] }, /publicAccessCidrs is set but endpointPublicAccess is false/],
    ['41 public CIDRs', { publicAccessCidrs: Array.from({ length: 41 }, (_, i) => `203.0.${i}.0/24`) }, /at most 40/],
    ['unknown log type', { enabledLogTypes: ['api', 'kubelet'] }, /enabledLogTypes: "kubelet" is not an EKS control plane log type/],
    ['CONFIG_MAP authentication', { authenticationMode: 'CONFIG_MAP' as any }, /authenticationMode "CONFIG_MAP" does not support access entries/],
    ['assumed-role ARN as admin', { adminPrincipalArns: ['arn:aws:sts::111122223333:assumed-role/Admin/session'] }, /STS assumed-role session ARN: give the IAM role ARN/],
    ['duplicate admin', { adminPrincipalArns: ['arn:aws:iam::111122223333:role/A', 'arn:aws:iam::111122223333:role/A'] }, /lists "arn:aws:iam::111122223333:role\/A" more than once/],
  ])('%s', (_title, extra, message) => {
    const error = synthError(extra);
    expect(error).toBeDefined();
    expect(error).toContain(PATH);
    expect(error).toMatch(message);
  });

  test('every problem is reported at once', () => {
    const error = synthError({ clusterName: 'bad name', subnetIds: ['subnet-1'], nodeGroups: [{ name: 'ng', minSize: 3, maxSize: 2 }] })!;
    expect(error.match(/\[test\/eks\]/g)).toHaveLength(3);
  });

  test('valid input synthesizes with validations on', () => {
    expect(synthError({
      fargateProfiles: Array.from({ length: 10 }, (_, i) => ({ name: `p${i}`, selectors: [1, 2, 3, 4, 5].map((n) => ({ namespace: `ns-${i}-${n}` })) })),
      nodeGroups: [{ name: 'a', minSize: 0, desiredSize: 0, maxSize: 1 }, { name: 'b_2-x' }],
      adminPrincipalArns: ['arn:aws:iam::111122223333:role/path/Admin', 'arn:aws:iam::111122223333:user/alice'],
      clusterName: 'A'.repeat(100),
    })).toBeUndefined();
  });

  test('cdktf synth (App.synth) fails the same way', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'eks-validation-'));
    try {
      const app = new App({ outdir });
      const stack = new TerraformStack(app, 'test');
      new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
      new HybridEksCluster(stack, 'eks', { clusterName: 'demo', subnetIds: ['subnet-1'] });
      expect(() => app.synth()).toThrow(/\[test\/eks\] subnetIds has 1 subnet/);
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });
});
