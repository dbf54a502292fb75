// Helm's values semantics, as terraform-provider-helm 3.x applies them: documents merge in order with
// helm's mergeMaps (maps merge deeply; lists, scalars and null replace), then `set` entries apply.
// When the chart's defaults are coalesced in, a null deletes the chart's default.

/** A values document as Helm sees it after YAML parsing. */
export type ValuesMap = { [key: string]: unknown };

export function isMapping(value: unknown): value is ValuesMap {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** helm's mergeMaps (pkg/cli/values/options.go): `override` wins; only map-into-map merges. */
export function mergeValues(base: ValuesMap, override: ValuesMap): ValuesMap {
  const out: ValuesMap = { ...base };
  for (const [key, value] of Object.entries(override)) {
    const existing = out[key];
    out[key] = isMapping(value) && isMapping(existing) ? mergeValues(existing, value) : value;
  }
  return out;
}

/**
 * chartutil.CoalesceValues: the user's values over the chart's defaults. A user null deletes the
 * default; a default map merges with a user map; anything else of the user's wins.
 */
export function coalesceWithDefaults(user: ValuesMap, defaults: ValuesMap): ValuesMap {
  const out: ValuesMap = {};
  for (const [key, value] of Object.entries(defaults)) {
    if (!(key in user)) out[key] = value;
  }
  for (const [key, value] of Object.entries(user)) {
    if (value === null) continue;
    const fallback = defaults[key];
    out[key] = isMapping(value) && isMapping(fallback) ? coalesceWithDefaults(value, fallback) : value;
  }
  return out;
}

/** The value at a key path, or undefined when a step is missing or not a map. */
export function valueAt(values: unknown, path: readonly string[]): unknown {
  let current: unknown = values;
  for (const key of path) {
    if (!isMapping(current)) return undefined;
    current = current[key];
  }
  return current;
}

/** A copy of `values` with `value` at `path`, creating maps along the way (replacing non-maps). */
export function withValueAt(values: ValuesMap, path: readonly string[], value: unknown): ValuesMap {
  if (path.length === 0) throw new Error('withValueAt needs a non-empty path');
  const [head, ...rest] = path;
  const child = values[head];
  return {
    ...values,
    [head]: rest.length === 0 ? value : withValueAt(isMapping(child) ? child : {}, rest, value),
  };
}
