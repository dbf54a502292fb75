import { Testing } from 'cdktf';
import { MonitoringStack } from '../../examples/existing-cluster/main';
import { synthError, warnings } from '../support/synth';

describe('examples/existing-cluster', () => {
  const app = Testing.app();
  const stack = new MonitoringStack(app, 'monitoring');
  const synthesized = Testing.synth(stack, true);

  test('synthesized Terraform JSON', () => {
    expect(synthesized).toMatchSnapshot();
  });

  test('is valid: validations pass and no warnings', () => {
    expect(synthError(app)).toBeUndefined();
    expect(warnings(stack)).toEqual([]);
  });

  test('node-exporter keeps amd64-only and excludes Fargate and virtual-kubelet in the last values document', () => {
    const release = Object.values(JSON.parse(synthesized).resource.helm_release)[0] as any;
    const last: string = release.values[release.values.length - 1];
    expect(last).toMatch(/kubernetes.io\/arch[\s\S]*eks.amazonaws.com\/compute-type[\s\S]*virtual-kubelet/);
    expect(release.values[0]).toContain('adminPassword: ${jsonencode(var.grafana_admin_password)}');
  });
});
