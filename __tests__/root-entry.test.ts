// The root entry must stay cheap: it may never load @cdktf/provider-aws (1.4-3 s and ~570 MB for
// the barrel). Checked in a fresh Node process, where require.cache shows every module loaded.
import { execFileSync } from 'child_process';
import * as path from 'path';

const root = path.resolve(__dirname, '..');

function modulesLoadedBy(entry: string, use: string): string[] {
  const script = `
    const entry = require(${JSON.stringify(entry)});
    ${use}
    process.stdout.write(JSON.stringify(Object.keys(require.cache)));
  `;
  return JSON.parse(execFileSync(process.execPath, ['-r', 'tsx/cjs', '-e', script], { cwd: root, encoding: 'utf8' }));
}

describe('root entry', () => {
  test('lib/index.ts never loads @cdktf/provider-aws, even when its constructs are used', () => {
    const loaded = modulesLoadedBy('./lib/index.ts', `
      const { App, TerraformStack } = require('cdktf');
      const { HelmProvider } = require('@cdktf/provider-helm/lib/provider');
      const stack = new TerraformStack(new App({ outdir: require('os').tmpdir() }), 's');
      new HelmProvider(stack, 'helm', {});
      new entry.KubePrometheusStack(stack, 'kps', { values: [{ grafana: { enabled: false } }] });
      entry.excludeFargate(undefined);
    `);
    expect(loaded.some((file) => file.includes(`${path.sep}lib${path.sep}kube-prometheus-stack.ts`))).toBe(true);
    expect(loaded.filter((file) => file.includes(`${path.sep}@cdktf${path.sep}provider-aws${path.sep}`))).toEqual([]);
    expect(loaded.filter((file) => file.includes(`${path.sep}lib${path.sep}eks${path.sep}`))).toEqual([]);
  });

  test('the helm provider is loaded by deep path, not through its barrel', () => {
    const loaded = modulesLoadedBy('./lib/index.ts', '');
    const helm = loaded.filter((file) => file.includes(`${path.sep}@cdktf${path.sep}provider-helm${path.sep}`));
    expect(helm.some((file) => file.endsWith(`${path.sep}provider-helm${path.sep}lib${path.sep}index.js`))).toBe(false);
  });
});
