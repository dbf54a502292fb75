// The `cdktf-eks-monitoring placement` command: a few runs as a real child process (exit codes, stdout,
// the shebang), the rest of the argument and file handling in-process through main().
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';
import { main, USAGE } from '../../lib/cli/main';
import { FARGATE_NODE, FixtureApp, NODES, NODES_FILE, synthFixtureApp } from '../placement/fixture-app';

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(REPO_ROOT, 'lib', 'cli', 'main.ts');

/** Run the CLI as `cdktf-eks-monitoring` would run, through tsx's require hook (no build needed). */
function runCli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['--require', 'tsx/cjs', CLI, ...args], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 30_000 });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function runMain(args: string[]): { status: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const status = main(args, { write: (t) => { stdout += t; } }, { write: (t) => { stderr += t; } });
  return { status, stdout, stderr };
}

let fixture: FixtureApp;
let tmp: string;
beforeAll(() => {
  fixture = synthFixtureApp();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cdktf-eks-cli-'));
});

describe('cdktf-eks-monitoring placement (child process)', () => {
  test('an unguarded stack: a table per release, FAIL, exit 1', () => {
    const { status, stdout, stderr } = runCli(['placement', '--nodes', NODES_FILE, fixture.stackDir('unguarded')]);
    expect(stderr).toBe('');
    expect(status).toBe(1);
    expect(stdout).toContain('unguarded/kps-legacy: Helm release "kps-legacy", chart kube-prometheus-stack 65.8.1, DaemonSet node-exporter');
    expect(stdout).toMatch(/^FAIL: .*unguarded\/kps-legacy on fargate-ip-10-0-21-9\.ec2\.internal \(Fargate\)/m);
  });

  test('the guarded stack, --json: rows { release, chart, node, scheduled, reason }, nothing on Fargate, exit 0', () => {
    const { status, stdout } = runCli(['placement', '--json', `--nodes=${NODES_FILE}`, path.join(fixture.stackDir('guarded'), 'cdk.tf.json')]);
    expect(status).toBe(0);
    const rows = JSON.parse(stdout);
    expect(rows).toHaveLength(8 * NODES.length);
    expect(rows.filter((r: any) => r.node === FARGATE_NODE && r.scheduled)).toEqual([]);
    expect(rows).toContainEqual({ release: 'guarded/kps-legacy', chart: 'kube-prometheus-stack', node: 'ip-10-0-11-37.ec2.internal', scheduled: true, reason: expect.any(String) });
  });

  test('values holding Terraform expressions: exit 2, and the release is named on stderr (--json keeps stdout JSON)', () => {
    const { status, stdout, stderr } = runCli(['placement', '--json', '--nodes', NODES_FILE, fixture.stackDir('unreadable')]);
    expect(status).toBe(2);
    expect(JSON.parse(stdout)).toEqual([]);
    expect(stderr).toContain('cannot evaluate unreadable/from-file (chart kube-prometheus-stack): values[0] is a Terraform expression');
    expect(stderr).toContain('cannot evaluate unreadable/arch-variable (chart prometheus-node-exporter): nodeSelector holds a Terraform expression');
  });

  test('the CLI never loads cdktf or the helm provider (it reads JSON, and starts fast)', () => {
    const script = `require(${JSON.stringify(CLI)}); process.stdout.write(JSON.stringify(Object.keys(require.cache).filter((f) => /node_modules[\\/](cdktf|@cdktf)[\\/]/.test(f))))`;
    const result = spawnSync(process.execPath, ['--require', 'tsx/cjs', '-e', script], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 30_000 });
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual([]);
  });

  test('the compiled entry point keeps its shebang (npm links dist/cli/main.js as the bin)', () => {
    const source = fs.readFileSync(CLI, 'utf8');
    const { outputText } = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } });
    expect(outputText.startsWith('#!/usr/bin/env node\n')).toBe(true);
  });
});

describe('cdktf-eks-monitoring placement (in process)', () => {
  test('the whole cdktf.out (through manifest.json): every stack is checked', () => {
    const { status, stdout } = runMain(['placement', '--nodes', NODES_FILE, fixture.outdir]);
    expect(status).toBe(2); // the "unreadable" stack is part of it
    expect(stdout).toContain('guarded/kps-legacy:');
    expect(stdout).toContain('unguarded/kps-legacy:');
    expect(stdout).toContain('cannot evaluate unreadable/from-file');
    expect(stdout.trim().split('\n').pop()).toMatch(/^INCOMPLETE: 16 DaemonSet releases checked against 7 nodes/);
  });

  test('a bare array of nodes is accepted too', () => {
    const file = path.join(tmp, 'array.json');
    fs.writeFileSync(file, JSON.stringify(NODES.filter((n) => n.metadata.name !== FARGATE_NODE && n.metadata.name !== 'virtual-node-aci-linux')));
    expect(runMain(['placement', '--nodes', file, fixture.stackDir('unguarded')]).status).toBe(0);
  });

  test.each([
    [[], /^Usage: cdktf-eks-monitoring placement/],
    [['deploy'], /unknown command "deploy"/],
    [['placement', fixture_('unguarded')], /--nodes <nodes.json> is required/],
    [['placement', '--nodes'], /--nodes needs a file/],
    [['placement', '--nodes', NODES_FILE], /give the synthesized stack to check/],
    [['placement', '--nodes', NODES_FILE, 'a', 'b'], /give one synthesized stack, got a b/],
    [['placement', '--nodes', NODES_FILE, '--yaml', 'a'], /unknown option --yaml/],
    [['placement', '--nodes', '/nonexistent/nodes.json', fixture_('unguarded')], /cannot read node list \/nonexistent\/nodes.json: ENOENT/],
    [['placement', '--nodes', NODES_FILE, '/nonexistent/stack'], /\/nonexistent\/stack does not exist/],
  ])('unusable arguments %j: exit 2 with a message', (args, message) => {
    const resolved = args.map((a) => (a.startsWith('fixture:') ? fixture.stackDir(a.slice('fixture:'.length) as 'unguarded') : a));
    const { status, stderr } = runMain(resolved);
    expect(status).toBe(2);
    expect(stderr).toMatch(message);
  });

  test('unusable files: not JSON, not a node list, an empty directory', () => {
    const notJson = path.join(tmp, 'not.json');
    fs.writeFileSync(notJson, '{ nope');
    expect(runMain(['placement', '--nodes', notJson, fixture.stackDir('unguarded')]).stderr).toMatch(/node list .*not\.json is not JSON/);
    const notNodes = path.join(tmp, 'pods.json');
    fs.writeFileSync(notNodes, JSON.stringify({ kind: 'PodList' }));
    expect(runMain(['placement', '--nodes', notNodes, fixture.stackDir('unguarded')]).stderr).toMatch(/is not a node list/);
    const nameless = path.join(tmp, 'nameless.json');
    fs.writeFileSync(nameless, JSON.stringify({ items: [{ metadata: {} }] }));
    expect(runMain(['placement', '--nodes', nameless, fixture.stackDir('unguarded')]).stderr).toMatch(/items\[0\] is not a Node/);
    const empty = fs.mkdtempSync(path.join(tmp, 'empty-'));
    const result = runMain(['placement', '--nodes', NODES_FILE, empty]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/holds neither cdk\.tf\.json nor manifest\.json/);
  });

  test('--help prints the usage and exits 0', () => {
    expect(runMain(['placement', '--help'])).toEqual({ status: 0, stdout: USAGE, stderr: '' });
    expect(runMain(['--help']).status).toBe(0);
  });
});

/** A stack directory placeholder for test.each tables (the fixture exists only after beforeAll). */
function fixture_(stack: string): string {
  return `fixture:${stack}`;
}
