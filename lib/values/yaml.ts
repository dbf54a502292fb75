// YAML in and out of values documents, with the `yaml` package (YAML 1.2 core schema, which is
// what Helm's sigs.k8s.io/yaml accepts for values files in practice).
import { parseDocument, stringify } from 'yaml';
import { isMapping, ValuesMap } from './merge';

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
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: true });
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
  let text = stringify(swap(values), { lineWidth: 0, minContentWidth: 0, aliasDuplicateObjects: false });
  for (const [placeholder, original] of placeholders) text = text.split(placeholder).join(original);
  return text;
}
