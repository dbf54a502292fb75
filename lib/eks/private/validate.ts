// Input checks of HybridEksCluster, as pure functions (no cdktf, no provider import): each returns the
// messages of ../errors.ts for what is wrong. Values that are Terraform expressions (cdktf tokens) are
// recognised by the `isUnresolved` predicate the construct passes in, and are not checked here.
import { FargateProfileSelector } from '../../fargate-profiles';
import { labelKeyError, labelValueError } from '../../k8s/labels';
import * as errors from '../errors';

export type IsUnresolved = (value: unknown) => boolean;

const EKS_NAME = /^[0-9A-Za-z][A-Za-z0-9_-]*$/;
/** Kubernetes namespace characters (RFC 1123 label) plus the Fargate wildcards. */
const NAMESPACE_PATTERN = /^[a-z0-9*?-]{1,63}$/;
const KUBERNETES_VERSION = /^1\.\d{1,3}$/;
const IAM_PRINCIPAL_ARN = /^arn:aws[a-z-]*:iam::\d{12}:(role|user)\/[\w+=,.@/-]+$/;

export const LOG_TYPES = ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'] as const;
export const CAPACITY_TYPES = ['ON_DEMAND', 'SPOT', 'CAPACITY_BLOCK'] as const;
export const TAINT_EFFECTS = ['NO_SCHEDULE', 'NO_EXECUTE', 'PREFER_NO_SCHEDULE'] as const;
export const AUTHENTICATION_MODES = ['API_AND_CONFIG_MAP', 'API'] as const;

/** Whether `name` is a valid EKS cluster name (1-100 characters, ^[0-9A-Za-z][A-Za-z0-9_-]*$). */
export function isValidClusterName(name: unknown): boolean {
  return typeof name === 'string' && name.length >= 1 && name.length <= errors.CLUSTER_NAME_MAX_LENGTH && EKS_NAME.test(name);
}

/** Whether `name` is a valid node group or Fargate profile name (1-63 characters, same characters). */
export function isValidChildName(name: unknown): boolean {
  return typeof name === 'string' && name.length >= 1 && name.length <= errors.CHILD_NAME_MAX_LENGTH && EKS_NAME.test(name);
}

export function isValidKubernetesVersion(version: unknown): boolean {
  return typeof version === 'string' && KUBERNETES_VERSION.test(version);
}

export function isValidSelectorNamespace(namespace: string): boolean {
  return NAMESPACE_PATTERN.test(namespace);
}

export function isValidAdminPrincipalArn(arn: string): boolean {
  return IAM_PRINCIPAL_ARN.test(arn);
}

/** Subnet list checks: `min` subnets at least (a whole-list token is checked by Terraform instead). */
export function subnetErrors(prop: string, subnetIds: readonly string[] | undefined, min: number, isUnresolved: IsUnresolved): string[] {
  if (subnetIds === undefined || isUnresolved(subnetIds)) return [];
  if (min <= 1) return subnetIds.length === 0 ? [errors.emptySubnetList(prop)] : [];
  return subnetIds.length < min ? [errors.tooFewSubnets(prop, subnetIds.length)] : [];
}

/** Indexes of each name used more than once, in first-use order. */
export function duplicates(names: readonly string[]): Map<string, number[]> {
  const seen = new Map<string, number[]>();
  names.forEach((name, index) => seen.set(name, [...(seen.get(name) ?? []), index]));
  return new Map([...seen].filter(([, indexes]) => indexes.length > 1));
}

export interface NodeGroupSizes {
  readonly minSize: number;
  readonly desiredSize: number;
  readonly maxSize: number;
}

/**
 * The sizes a node group gets: minSize defaults to 2 (or maxSize when that is smaller), maxSize to
 * the larger of 4 and minSize, desiredSize to minSize.
 */
export function resolveNodeGroupSizes(given: { minSize?: number; desiredSize?: number; maxSize?: number }): NodeGroupSizes {
  const minSize = given.minSize ?? Math.min(2, given.maxSize ?? 2);
  const maxSize = given.maxSize ?? Math.max(4, minSize);
  const desiredSize = given.desiredSize ?? minSize;
  return { minSize, desiredSize, maxSize };
}

export function nodeGroupSizeErrors(prop: string, name: string, given: { minSize?: number; desiredSize?: number; maxSize?: number }): string[] {
  const out: string[] = [];
  for (const field of ['minSize', 'desiredSize', 'maxSize'] as const) {
    const value = given[field];
    if (value !== undefined && !Number.isInteger(value)) out.push(errors.nodeGroupSizeNotInteger(prop, name, field, value));
  }
  if (out.length > 0) return out;
  const { minSize, desiredSize, maxSize } = resolveNodeGroupSizes(given);
  if (!(minSize >= 0 && minSize <= desiredSize && desiredSize <= maxSize && maxSize >= 1)) {
    out.push(errors.invalidNodeGroupSizes(prop, name, minSize, desiredSize, maxSize));
  }
  return out;
}

export interface TaintInput {
  readonly key: string;
  readonly value?: string;
  readonly effect: string;
}

export function taintErrors(prop: string, name: string, taints: readonly TaintInput[], isUnresolved: IsUnresolved): string[] {
  const out: string[] = [];
  taints.forEach((taint, index) => {
    if (!taint || typeof taint !== 'object') {
      out.push(errors.invalidTaint(prop, name, index, 'is not an object'));
      return;
    }
    if (!isUnresolved(taint.key)) {
      const keyError = typeof taint.key === 'string' ? labelKeyError(taint.key) : 'key is missing';
      if (keyError) out.push(errors.invalidTaint(prop, name, index, `has an invalid key: ${keyError}`));
    }
    if (taint.value !== undefined && !isUnresolved(taint.value)) {
      const valueError = labelValueError(taint.value);
      if (valueError) out.push(errors.invalidTaint(prop, name, index, `has an invalid value: ${valueError}`));
    }
    if (!isUnresolved(taint.effect) && !(TAINT_EFFECTS as readonly string[]).includes(taint.effect)) {
      out.push(errors.invalidTaint(prop, name, index, `has effect ${JSON.stringify(taint.effect)}`));
    }
  });
  return out;
}

export function labelErrors(prop: string, name: string, labels: { [key: string]: string }, isUnresolved: IsUnresolved): string[] {
  const out: string[] = [];
  for (const [key, value] of Object.entries(labels)) {
    const keyError = isUnresolved(key) ? undefined : labelKeyError(key);
    if (keyError) out.push(errors.invalidNodeLabel(prop, name, keyError));
    const valueError = isUnresolved(value) ? undefined : labelValueError(value);
    if (valueError) out.push(errors.invalidNodeLabel(prop, name, valueError));
  }
  return out;
}

/** Checks of one Fargate profile's selectors. */
export function selectorErrors(prop: string, profile: string, selectors: readonly FargateProfileSelector[] | undefined, isUnresolved: IsUnresolved): string[] {
  if (!Array.isArray(selectors) || selectors.length === 0) return [errors.noSelectors(prop, profile)];
  const out: string[] = [];
  if (selectors.length > errors.MAX_SELECTORS_PER_PROFILE) out.push(errors.tooManySelectors(prop, profile, selectors.length));
  selectors.forEach((selector, index) => {
    const namespace = selector?.namespace;
    if (namespace === undefined || namespace === null || namespace === '') {
      out.push(errors.selectorWithoutNamespace(prop, profile, index));
    } else if (!isUnresolved(namespace) && (typeof namespace !== 'string' || !isValidSelectorNamespace(namespace))) {
      out.push(errors.invalidSelectorNamespace(prop, profile, index, String(namespace)));
    }
    const labelCount = Object.keys(selector?.labels ?? {}).length;
    if (labelCount > errors.MAX_LABELS_PER_SELECTOR) out.push(errors.tooManySelectorLabels(prop, profile, index, labelCount));
  });
  return out;
}
