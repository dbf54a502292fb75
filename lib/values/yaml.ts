// YAML in and out of values documents, with the `yaml` package. Helm reads values with
// sigs.k8s.io/yaml, a YAML 1.1 parser: `yes`, `on`, `y`, `NO` are booleans there and `1_000` is a
// number. So we read and write YAML 1.1 too: what we compute from a document is what Helm sees,
// and a string we write (`enabled: "on"`) stays a string for Helm.
import { Document, parseDocument, stringify, ToStringOptions } from 'yaml';
import { isMapping, ValuesMap } from './merge';

const YAML_VERSION = '1.1' as const;
const STRINGIFY_OPTIONS: ToStringOptions & { version: typeof YAML_VERSION; aliasDuplicateObjects: false } = {
  version: YAML_VERSION,
  lineWidth: 0, // never fold: a folded Terraform expression would no longer be one
  minContentWidth: 0,
  aliasDuplicateObjects: false,
};

export class ValuesYamlError extends Error {
  constructor(message: string, public readonly line?: number) {
    super(message);
    this.name = 'ValuesYamlError';
  }
}

/**
 * Parse one values document. An empty document is an empty map (as in Helm); anything else that
 * is not a mapping is an error, as is invalid YAML (the message gives the line).
 */
export function parseValuesYaml(text: string): ValuesMap {
  const doc = parseDocument(text, { version: YAML_VERSION, uniqueKeys: true, prettyErrors: true });
  if (doc.errors.length > 0) {
    const first = doc.errors[0];
    const line = first.linePos?.[0]?.line;
    const detail = first.message.split('\n')[0];
    throw new ValuesYamlError(`invalid YAML${line !== undefined ? ` at line ${line}` : ''}: ${detail}`, line);
  }
  const value = doc.toJS({ maxAliasCount: 1000 });
  if (value === null || value === undefined) return {};
  if (!isMapping(value)) {
    throw new ValuesYamlError(`a values document must be a mapping of keys to values, got ${Array.isArray(value) ? 'a list' : typeof value}`);
  }
  return value;
}

/**
 * Render values as a YAML document. Strings in `verbatim` are written out exactly as they are, as
 * plain scalars: used for Terraform expressions, which must reach Terraform unquoted and unfolded.
 */
export function stringifyValuesYaml(values: ValuesMap, verbatim: ReadonlySet<string> = new Set()): string {
  const fast = plainBlockYaml(values, verbatim);
  if (fast !== undefined) return fast;
  const placeholders = new Map<string, string>();
  const swap = (value: unknown): unknown => {
    if (typeof value === 'string' && verbatim.has(value)) {
      const placeholder = `__cdktf_eks_monitoring_verbatim_${placeholders.size}__`;
      placeholders.set(placeholder, value);
      return placeholder;
    }
    if (Array.isArray(value)) return value.map(swap);
    if (isMapping(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, swap(v)]));
    return value;
  };
  let text = stringify(swap(values), STRINGIFY_OPTIONS);
  for (const [placeholder, original] of placeholders) text = text.split(placeholder).join(original);
  return text;
}

// ---- The fast path
// yaml.stringify costs ~0.4 ms per realistic document, most of a KubePrometheusStack's synth time
// (see bench/). Documents made only of maps, lists, numbers, booleans, null and strings that yaml
// writes as plain scalars are emitted directly, byte for byte as yaml.stringify would (a property
// test checks this); anything else returns undefined and goes through yaml.stringify.

/** Characters a plain scalar may hold here; anything else (spaces, quotes, '#', ...) takes the slow path. */
const PLAIN_CANDIDATE = /^[A-Za-z0-9][A-Za-z0-9._/-]*$/;
/**
 * The YAML 1.1 scalar forms that are not strings (bool, int, float, null, timestamp), as the yaml
 * package's own 1.1 schema defines them: yaml quotes a string matching one, and so do we.
 */
const NON_STRING_FORMS: RegExp[] = new Document(null, { version: YAML_VERSION }).schema.tags
  .filter((tag) => tag.default === true && tag.tag !== 'tag:yaml.org,2002:str' && tag.test instanceof RegExp)
  .map((tag) => tag.test as RegExp);

/** Whether yaml writes the string as a plain scalar (unquoted) under the 1.1 schema. */
function isPlain(s: string): boolean {
  return PLAIN_CANDIDATE.test(s) && !NON_STRING_FORMS.some((form) => form.test(s));
}

const FAIL = Symbol('not on the fast path');

const isPlainObject = (v: unknown): v is ValuesMap =>
  typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;

/** A scalar or empty collection as yaml writes it; undefined for a non-empty collection. */
function scalar(v: unknown, verbatim: ReadonlySet<string>): string | typeof FAIL | undefined {
  if (typeof v === 'string') return verbatim.has(v) || isPlain(v) ? v : FAIL;
  if (typeof v === 'number') return Number.isFinite(v) && !Object.is(v, -0) ? JSON.stringify(v) : FAIL;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v === null) return 'null';
  if (Array.isArray(v)) return v.length === 0 ? '[]' : undefined;
  if (isPlainObject(v)) return Object.keys(v).length === 0 ? '{}' : undefined;
  return FAIL;
}

function block(v: unknown, indent: number, verbatim: ReadonlySet<string>, out: string[]): typeof FAIL | undefined {
  const pad = ' '.repeat(indent);
  if (Array.isArray(v)) {
    for (const item of v) {
      const s = item === undefined ? FAIL : scalar(item, verbatim);
      if (s === FAIL) return FAIL;
      if (s !== undefined) {
        out.push(`${pad}- ${s}`);
        continue;
      }
      const first = out.length;
      if (block(item, indent + 2, verbatim, out) === FAIL) return FAIL;
      out[first] = `${pad}- ${out[first].slice(indent + 2)}`; // "- " takes the place of the item's indentation
    }
    return undefined;
  }
  if (!isPlainObject(v)) return FAIL;
  for (const key of Object.keys(v)) {
    const value = v[key];
    if (value === undefined || !isPlain(key)) return FAIL;
    const s = scalar(value, verbatim);
    if (s === FAIL) return FAIL;
    if (s !== undefined) {
      out.push(`${pad}${key}: ${s}`);
      continue;
    }
    out.push(`${pad}${key}:`);
    if (block(value, indent + 2, verbatim, out) === FAIL) return FAIL; // yaml indents a list under a key
  }
  return undefined;
}

/** What yaml.stringify writes for `values`, or undefined when the fast path does not apply. */
export function plainBlockYaml(values: ValuesMap, verbatim: ReadonlySet<string> = new Set()): string | undefined {
  if (!isPlainObject(values)) return undefined;
  if (Object.keys(values).length === 0) return '{}\n';
  const out: string[] = [];
  return block(values, 0, verbatim, out) === FAIL ? undefined : `${out.join('\n')}\n`;
}
