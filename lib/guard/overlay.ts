// The values document that, merged over `base` with Helm's rules, yields `target`: used to move the
// effect of a set entry into a values document, so that removing the entry changes nothing but the
// exclusion. Pure.
import { isMapping } from '../values/merge';

/**
 * A value V with mergeValues(base, V) equal to `target` where `target` is a map: keys of `target` are
 * overlaid recursively, keys only `base` has are set to null (Helm drops a null key when it coalesces
 * the values, so the key is gone as it was in `target`). Anything else replaces `base` as it is.
 */
export function overlayFor(base: unknown, target: unknown): unknown {
  if (!isMapping(target) || !isMapping(base)) return target;
  const out: { [key: string]: unknown } = {};
  for (const [key, value] of Object.entries(target)) out[key] = overlayFor(base[key], value);
  for (const key of Object.keys(base)) if (!(key in target)) out[key] = null;
  return out;
}
