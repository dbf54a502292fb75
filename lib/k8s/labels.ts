// Label keys, values and selector requirements with the exact rules of k8s.io/apimachinery
// (pkg/util/validation and pkg/labels.NewRequirement), so that what we call valid or matching
// is what the scheduler calls valid or matching.
import { NodeSelectorRequirement } from './types';

const LABEL_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** Why `key` is not a valid label key (a qualified name), or undefined when it is. */
export function labelKeyError(key: string): string | undefined {
  const parts = key.split('/');
  let name = key;
  if (parts.length === 2) {
    const prefix = parts[0];
    name = parts[1];
    if (prefix.length === 0) return `label key "${key}": prefix part must be non-empty`;
    if (prefix.length > 253 || !DNS1123_SUBDOMAIN.test(prefix)) {
      return `label key "${key}": prefix part must be a lowercase RFC 1123 subdomain`;
    }
  } else if (parts.length > 2) {
    return `label key "${key}": a qualified name has at most one "/"`;
  }
  if (name.length === 0) return `label key "${key}": name part must be non-empty`;
  if (name.length > 63) return `label key "${key}": name part must be no more than 63 characters`;
  if (!LABEL_NAME.test(name)) {
    return `label key "${key}": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`;
  }
  return undefined;
}

/** Why `value` is not a valid label value, or undefined when it is. */
export function labelValueError(value: string): string | undefined {
  if (typeof value !== 'string') return `label value ${JSON.stringify(value)} is not a string`;
  if (value.length > 63) return `label value "${value}" must be no more than 63 characters`;
  if (!LABEL_VALUE.test(value)) {
    return `label value "${value}" must be empty or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`;
  }
  return undefined;
}

/** Go's strconv.ParseInt(s, 10, 64); undefined where Go returns an error. */
export function parseInt64(s: string): bigint | undefined {
  if (typeof s !== 'string' || !/^[+-]?[0-9]+$/.test(s)) return undefined;
  const n = BigInt(s);
  return n < INT64_MIN || n > INT64_MAX ? undefined : n;
}

/**
 * Why a node selector requirement on labels is invalid (as labels.NewRequirement rejects it),
 * or undefined when it is valid. A term holding an invalid requirement matches no node.
 */
export function labelRequirementError(req: NodeSelectorRequirement): string | undefined {
  const keyError = labelKeyError(req.key);
  if (keyError) return keyError;
  const values = req.values ?? [];
  switch (req.operator) {
    case 'In':
    case 'NotIn':
      if (values.length === 0) return `"${req.key} ${req.operator}": values must be non-empty`;
      break;
    case 'Exists':
    case 'DoesNotExist':
      if (values.length !== 0) return `"${req.key} ${req.operator}": values must be empty`;
      break;
    case 'Gt':
    case 'Lt':
      if (values.length !== 1) return `"${req.key} ${req.operator}": needs exactly one value`;
      if (parseInt64(values[0]) === undefined) return `"${req.key} ${req.operator}": value "${values[0]}" is not an integer`;
      break;
    default:
      return `"${req.key}": operator "${req.operator}" is not one of In, NotIn, Exists, DoesNotExist, Gt, Lt`;
  }
  for (const value of values) {
    const valueError = labelValueError(value);
    if (valueError) return valueError;
  }
  return undefined;
}

/** labels.Requirement.Matches for a valid requirement. */
export function labelRequirementMatches(req: NodeSelectorRequirement, labels: { readonly [key: string]: string }): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, req.key);
  const value = has ? labels[req.key] : undefined;
  const values = req.values ?? [];
  switch (req.operator) {
    case 'In':
      return has && values.includes(value!);
    case 'NotIn':
      return !has || !values.includes(value!);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    case 'Gt':
    case 'Lt': {
      if (!has) return false;
      const actual = parseInt64(value!);
      const bound = parseInt64(values[0]);
      if (actual === undefined || bound === undefined) return false;
      return req.operator === 'Gt' ? actual > bound : actual < bound;
    }
    default:
      return false;
  }
}
