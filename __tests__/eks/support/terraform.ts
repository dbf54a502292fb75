// Running the real terraform binary against a local provider mirror, for the terraform tier.
//
// The mirror is a -plugin-dir layout (<dir>/registry.terraform.io/hashicorp/aws/<version>/<os_arch>/...)
// holding the AWS provider version that the installed @cdktf/provider-aws wraps. TF_PLUGIN_DIR points
// to it; otherwise a few usual places are tried. TERRAFORM_BIN overrides the binary found on PATH.
// Without terraform or the mirror, a suite gets one visibly skipped test locally and a failing test in
// CI (process.env.CI), like the chart conformance suites.
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

/** The hashicorp/aws version the installed @cdktf/provider-aws was generated for (e.g. 5.100.0). */
export function awsProviderVersion(): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'node_modules', '@cdktf', 'provider-aws', 'package.json'), 'utf8'));
  return pkg.cdktf.provider.version;
}

/** The terraform binary: $TERRAFORM_BIN, else the first `terraform` on PATH, else undefined. */
export function terraformBinary(): string | undefined {
  const fromEnv = process.env.TERRAFORM_BIN;
  if (fromEnv) return fs.existsSync(fromEnv) ? fromEnv : undefined;
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, process.platform === 'win32' ? 'terraform.exe' : 'terraform');
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

function holdsAws(dir: string, version: string): boolean {
  return fs.existsSync(path.join(dir, 'registry.terraform.io', 'hashicorp', 'aws', version));
}

/** The plugin directory holding hashicorp/aws `version`: $TF_PLUGIN_DIR, else usual places. */
export function pluginDir(version = awsProviderVersion()): string | undefined {
  const fromEnv = process.env.TF_PLUGIN_DIR;
  if (fromEnv) return holdsAws(fromEnv, version) ? path.resolve(fromEnv) : undefined;
  const candidates = [
    '/opt/tf-plugins',
    path.join(os.homedir(), '.terraform.d', 'plugins'),
    path.join(os.homedir(), '.local', 'share', 'terraform', 'plugins'),
    '/usr/local/share/terraform/plugins',
    '/usr/share/terraform/plugins',
  ];
  return candidates.find((dir) => holdsAws(dir, version));
}

/** Why the terraform tier cannot run here, or undefined when it can. */
export function terraformUnavailableReason(): string | undefined {
  if (!terraformBinary()) return 'terraform not found on PATH (set TERRAFORM_BIN)';
  const version = awsProviderVersion();
  if (!pluginDir(version)) {
    return `no provider mirror holding registry.terraform.io/hashicorp/aws/${version} (set TF_PLUGIN_DIR to a -plugin-dir layout)`;
  }
  return undefined;
}

/** `describe` when terraform and the mirror are there; else one skipped test (failing in CI) naming why. */
export function describeWithTerraform(title: string, fn: () => void): void {
  const reason = terraformUnavailableReason();
  if (reason === undefined) {
    describe(title, fn);
    return;
  }
  if (process.env.CI) {
    describe(title, () => {
      test(`FAILED (CI): ${reason}`, () => {
        throw new Error(`${reason}. The terraform tier must not be skipped in CI.`);
      });
    });
    return;
  }
  console.warn(`[terraform tier] skipping: ${reason}`);
  describe(title, () => {
    test.skip(`SKIPPED: ${reason}`, () => undefined);
  });
}

/**
 * The environment terraform runs in: no AWS settings of the developer (profiles, real keys), dummy
 * credentials, no instance metadata, every HTTP(S) request sent to a closed local port (so a plan that
 * needed the AWS API would fail instead of hanging or reaching out), no CLI configuration file (the
 * machine's TF_CLI_CONFIG_FILE may point at a missing file, which terraform warns about), no checkpoint.
 */
export function offlineTerraformEnv(workDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(AWS_|TF_)/.test(key) || /^(https?|no|all)_proxy$/i.test(key)) continue;
    env[key] = value;
  }
  const cliConfig = path.join(workDir, 'terraformrc');
  fs.writeFileSync(cliConfig, '');
  const closedPort = 'http://127.0.0.1:9';
  return {
    ...env,
    TF_CLI_CONFIG_FILE: cliConfig,
    TF_IN_AUTOMATION: '1',
    CHECKPOINT_DISABLE: '1',
    AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: path.join(workDir, 'no-aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(workDir, 'no-aws-credentials'),
    HTTPS_PROXY: closedPort,
    HTTP_PROXY: closedPort,
    https_proxy: closedPort,
    http_proxy: closedPort,
  };
}

export interface RunResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

/** Runs a command; rejects with its output when it exits non-zero (or `expectFailure` and it succeeds). */
export function run(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; input?: string; expectFailure?: boolean }): Promise<RunResult> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('error', reject);
    child.on('close', (code) => {
      const result = { stdout, stderr, ms: Date.now() - started };
      const failed = code !== 0;
      if (failed === Boolean(options.expectFailure)) resolve(result);
      else reject(new Error(`${path.basename(command)} ${args.join(' ')} exited ${code} in ${options.cwd}\n${stdout}\n${stderr}`));
    });
    child.stdin.end(options.input ?? '');
  });
}
