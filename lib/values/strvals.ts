// The part of Helm's strvals (pkg/strvals/parser.go) that `--set name=value` uses, so that a `set`
// entry is read the way terraform-provider-helm 3.x reads it (getValue in resource_helm_release.go):
// strvals.ParseInto("name=value") for type "auto", ParseIntoString for "string", and `set_list` as
// "name={a,b}"; a value may therefore hold more assignments after an unescaped comma. Type
// "literal" is not strvals at all: the provider YAML-parses "name: value" and stores the result
// under the whole name as ONE top-level key, dots included.
import { parseDocument } from 'yaml';
import { isMapping, ValuesMap } from './merge';

/** One step of a set path: a map key or a list index. */
export type PathStep = string | number;

export interface Assignment {
  readonly path: PathStep[];
  readonly value: unknown;
}

/** A helm_release `set` / `set_sensitive` entry. */
export interface SetEntry {
  readonly name: string;
  readonly value: string;
  /** "auto" (default), "string" or "literal". */
  readonly type?: string;
}

/** A helm_release `set_list` entry. */
export interface SetListEntry {
  readonly name: string;
  readonly value: string[];
}

export class StrvalsError extends Error {}

/** strvals typedVal: true/false/null and integers without a leading zero are typed. */
export function typedValue(raw: string): unknown {
  const lower = raw.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  if (lower === 'null') return null;
  if (raw === '0') return 0;
  if (raw.length > 0 && raw[0] !== '0' && /^[+-]?[0-9]+$/.test(raw)) {
    const n = BigInt(raw);
    if (n >= -(2n ** 63n) && n < 2n ** 63n) return Number(n);
  }
  return raw;
}

/** The assignments a `set` entry makes, in order. */
export function parseSetEntry(entry: SetEntry): Assignment[] {
  const type = entry.type ?? 'auto';
  if (type === 'literal') return [{ path: [entry.name], value: literalValue(entry.name, entry.value) }];
  return new Parser(`${entry.name}=${entry.value}`, type === 'string').assignments();
}

/** The provider's `yaml.Unmarshal("name: value")`, then `m[name]` (or the whole document when it is no map). */
function literalValue(name: string, value: string): unknown {
  const doc = parseDocument(`${name}: ${value}`, { version: '1.1' });
  if (doc.errors.length > 0) throw new StrvalsError(`"${name}: ${value}" is not valid YAML: ${doc.errors[0].message.split('\n')[0]}`);
  const parsed = doc.toJS();
  return isMapping(parsed) && name in parsed ? parsed[name] : parsed;
}

/** The assignment a `set_list` entry makes. */
export function parseSetListEntry(entry: SetListEntry): Assignment[] {
  return new Parser(`${entry.name}={${entry.value.join(',')}}`, false).assignments();
}

/** The path of a set name, e.g. `a.b\.c[0]` → ["a", "b.c", 0]. */
export function parseSetName(name: string): PathStep[] {
  return parseKey(name + '=', 0).path;
}

function parseKey(s: string, start: number): { path: PathStep[]; end: number } {
  const path: PathStep[] = [];
  let key = '';
  let i = start;
  let pendingKey = true;
  while (i < s.length) {
    const c = s[i];
    if (c === '\\') {
      if (i + 1 >= s.length) throw new StrvalsError(`unexpected end after "\\" in "${s}"`);
      key += s[i + 1];
      i += 2;
      continue;
    }
    if (c === '=') {
      if (pendingKey) path.push(key);
      return { path, end: i + 1 };
    }
    if (c === '.') {
      if (pendingKey) path.push(key);
      key = '';
      pendingKey = true;
      i++;
      continue;
    }
    if (c === '[') {
      if (pendingKey && key !== '') path.push(key);
      const close = s.indexOf(']', i);
      if (close < 0) throw new StrvalsError(`unclosed "[" in "${s}"`);
      const index = Number(s.slice(i + 1, close));
      if (!Number.isInteger(index) || index < 0) throw new StrvalsError(`list index "${s.slice(i + 1, close)}" is not a non-negative integer`);
      path.push(index);
      key = '';
      pendingKey = false;
      i = close + 1;
      continue;
    }
    if (c === ',') throw new StrvalsError(`key "${s.slice(start, i)}" has no value`);
    key += c;
    pendingKey = true;
    i++;
  }
  throw new StrvalsError(`key "${s.slice(start)}" has no value`);
}

class Parser {
  constructor(private readonly s: string, private readonly asString: boolean) {}

  assignments(): Assignment[] {
    const out: Assignment[] = [];
    let i = 0;
    while (i < this.s.length) {
      const key = parseKey(this.s, i);
      i = key.end;
      if (!this.asString && this.s[i] === '{') {
        const close = this.s.indexOf('}', i);
        if (close < 0) throw new StrvalsError(`unclosed "{" in "${this.s}"`);
        const items = this.s.slice(i + 1, close);
        out.push({ path: key.path, value: items === '' ? [] : splitUnescaped(items).map(typedValue) });
        i = close + 1;
        if (i < this.s.length && this.s[i] !== ',') throw new StrvalsError(`unexpected "${this.s[i]}" after list in "${this.s}"`);
        i++;
        continue;
      }
      let raw = '';
      while (i < this.s.length && this.s[i] !== ',') {
        if (this.s[i] === '\\' && i + 1 < this.s.length) { raw += this.s[i + 1]; i += 2; continue; }
        raw += this.s[i++];
      }
      i++; // skip the comma
      out.push({ path: key.path, value: this.asString ? raw : typedValue(raw) });
    }
    return out;
  }
}

function splitUnescaped(s: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\\' && i + 1 < s.length) { current += s[++i]; continue; }
    if (s[i] === ',') { parts.push(current); current = ''; continue; }
    current += s[i];
  }
  parts.push(current);
  return parts;
}

/** Apply one assignment to a copy of `values`, as strvals does (lists grow, maps are created). */
export function applyAssignment(values: ValuesMap, assignment: Assignment): ValuesMap {
  return setIn(values, assignment.path, assignment.value) as ValuesMap;
}

function setIn(container: unknown, path: PathStep[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [step, ...rest] = path;
  if (typeof step === 'number') {
    const list = Array.isArray(container) ? [...container] : [];
    while (list.length <= step) list.push(null);
    list[step] = setIn(list[step], rest, value);
    return list;
  }
  const map = isMapping(container) ? { ...container } : {};
  map[step] = setIn(map[step], rest, value);
  return map;
}

/** Does `path` name `target` itself, something under it, or a map above it (which replaces it)? */
export function pathTouches(path: readonly PathStep[], target: readonly string[]): boolean {
  const n = Math.min(path.length, target.length);
  for (let i = 0; i < n; i++) if (path[i] !== target[i]) return false;
  return true;
}
