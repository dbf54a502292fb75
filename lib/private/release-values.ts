// The cdktf side of reading and writing helm_release values: which parts are Terraform expressions
// (tokens), how plain objects become YAML with those expressions intact, and how set entries are
// read. Shared by KubePrometheusStack and FargateGuard; the decisions live in ../values.
import { Fn, Token, Tokenization } from 'cdktf';
import * as errors from '../errors';
import { isMapping, ValuesMap } from '../values/merge';
import { ParsedSetEntry } from '../values/exclusion-plan';
import { parseSetEntries, SetEntryGroups } from '../values/set-entries';
import { parseValuesYaml, stringifyValuesYaml, ValuesYamlError } from '../values/yaml';

export const isToken = (value: unknown): boolean => Token.isUnresolved(value);

/** One values document: the string that goes into helm_release.values, and what it says if readable. */
export interface ValuesDocument {
  readonly text: string;
  /** Undefined when the document is a Terraform expression (Fn.file, Fn.templatefile, ...). */
  readonly values?: ValuesMap;
  /** Set when the document is unusable: an error for the user. */
  readonly error?: string;
}

/** Read a document given as a YAML string, a plain object, or a Terraform expression. */
export function readValuesDocument(doc: unknown, index: number): ValuesDocument {
  if (typeof doc === 'string') return readYamlDocument(doc, index);
  if (Tokenization.isResolvable(doc)) return { text: Fn.yamlencode(doc) };
  if (!isMapping(doc)) {
    const got = doc === null ? 'null' : Array.isArray(doc) ? 'a list' : typeof doc;
    return { text: '', error: errors.valuesDocumentNotMapping(index, got) };
  }
  const verbatim = new Set<string>();
  const values = expressionsAsJson(doc, verbatim) as ValuesMap;
  return { text: stringifyValuesYaml(values, verbatim), values };
}

function readYamlDocument(text: string, index: number): ValuesDocument {
  if (isWholeToken(text)) return { text };
  try {
    return { text, values: parseValuesYaml(text) };
  } catch (error) {
    if (!(error instanceof ValuesYamlError)) throw error;
    // Text around a Terraform expression (e.g. `${indent(2, file("x"))}`) may only become YAML once
    // Terraform has filled it in: unreadable now, not wrong.
    if (Token.isUnresolved(text)) return { text };
    if (!error.line && error.message.startsWith('a values document must be a mapping')) {
      return { text, error: errors.valuesDocumentNotMapping(index, error.message.replace(/^.*got /, '')) };
    }
    return { text, error: errors.invalidValuesYaml(index, error.message) };
  }
}

/** A string that is nothing but one Terraform expression, e.g. `${file("values.yaml")}`. */
function isWholeToken(text: string): boolean {
  if (!Token.isUnresolved(text)) return false;
  const fragments = Tokenization.reverseString(text);
  return fragments.length === 1 && fragments.firstToken !== undefined;
}

/**
 * Replace each Terraform expression inside a plain object by `jsonencode(expression)`, written
 * verbatim into the YAML: at apply time it becomes a JSON scalar, which is valid YAML whatever the
 * value holds (quotes, colons, "true", digits), so a password or a URL can never break the document
 * or change type.
 */
function expressionsAsJson(value: unknown, verbatim: Set<string>): unknown {
  if (Token.isUnresolved(value) && (typeof value !== 'object' || Tokenization.isResolvable(value) || Array.isArray(value))) {
    const expression = Fn.jsonencode(value);
    verbatim.add(expression);
    return expression;
  }
  if (Array.isArray(value)) return value.map((item) => expressionsAsJson(item, verbatim));
  if (isMapping(value)) {
    const out: ValuesMap = {};
    for (const key of Object.keys(value)) {
      // JSON.stringify semantics: an undefined prop is not written
      if (value[key] !== undefined) out[key] = expressionsAsJson(value[key], verbatim);
    }
    return out;
  }
  return value;
}

/** Render an appended document, writing any Terraform expression in it verbatim. */
export function renderDocument(values: ValuesMap, header: string): string {
  const verbatim = new Set<string>();
  const collect = (v: unknown): void => {
    if (typeof v === 'string' && Token.isUnresolved(v)) verbatim.add(v);
    else if (Array.isArray(v)) v.forEach(collect);
    else if (isMapping(v)) Object.values(v).forEach(collect);
  };
  collect(values);
  return `${header.split('\n').map((line) => `# ${line}`).join('\n')}\n${stringifyValuesYaml(values, verbatim)}`;
}

/** Parse every set entry in the order the helm provider applies them; unusable entries become errors. */
export function readSetEntries(entries: SetEntryGroups): { parsed: ParsedSetEntry[]; errors: string[] } {
  const { parsed, problems } = parseSetEntries(entries, (name) => Token.isUnresolved(name));
  return {
    parsed,
    errors: problems.map((problem) => (problem.type === 'name-unresolved'
      ? errors.setNameUnresolved(problem.kind, problem.index)
      : errors.setEntryUnparseable(problem.kind, problem.index, problem.name, problem.detail))),
  };
}
