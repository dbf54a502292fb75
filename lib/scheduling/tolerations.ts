// Taints and tolerations as Kubernetes evaluates them:
// - k8s.io/api/core/v1/toleration.go (Toleration.ToleratesTaint, MatchToleration),
// - k8s.io/component-helpers/scheduling/corev1/helpers.go (TolerationsTolerateTaint, FindMatchingUntoleratedTaint),
// - pkg/controller/daemon/util/daemonset_util.go (AddOrUpdateDaemonPodTolerations) and
//   pkg/apis/core/v1/helper (AddOrUpdateTolerationInPodSpec).
import { Taint, Toleration } from '../k8s/types';

export const TAINT_EFFECT_NO_SCHEDULE = 'NoSchedule';
export const TAINT_EFFECT_PREFER_NO_SCHEDULE = 'PreferNoSchedule';
export const TAINT_EFFECT_NO_EXECUTE = 'NoExecute';

/** Well-known node taints (k8s.io/api/core/v1/well_known_taints.go). */
export const TAINT_NODE_NOT_READY = 'node.kubernetes.io/not-ready';
export const TAINT_NODE_UNREACHABLE = 'node.kubernetes.io/unreachable';
export const TAINT_NODE_UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';
export const TAINT_NODE_MEMORY_PRESSURE = 'node.kubernetes.io/memory-pressure';
export const TAINT_NODE_DISK_PRESSURE = 'node.kubernetes.io/disk-pressure';
export const TAINT_NODE_PID_PRESSURE = 'node.kubernetes.io/pid-pressure';
export const TAINT_NODE_NETWORK_UNAVAILABLE = 'node.kubernetes.io/network-unavailable';

export interface TolerationOptions {
  /**
   * The TaintTolerationComparisonOperators feature gate (alpha in Kubernetes 1.35, off by default): when on,
   * tolerations may use the operators Gt and Lt, which compare the taint's value with the toleration's as integers.
   * When off, a Gt or Lt toleration tolerates nothing.
   * @default false
   */
  readonly taintTolerationComparisonOperators?: boolean;
}

/** content.IsDecimalInteger: "0", or an optional "-" then a digit 1-9 then digits (no "+", no leading zeros). */
const CANONICAL_DECIMAL_INTEGER = /^(0|-?[1-9][0-9]*)$/;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

function parseCanonicalInt64(s: string): bigint | undefined {
  if (!CANONICAL_DECIMAL_INTEGER.test(s)) return undefined;
  const n = BigInt(s);
  return n < INT64_MIN || n > INT64_MAX ? undefined : n;
}

/** core/v1 compareNumericValues: is the taint's value Gt/Lt the toleration's value? */
function compareNumericValues(tolerationValue: string, taintValue: string, operator: string): boolean {
  const tolerationNumber = parseCanonicalInt64(tolerationValue);
  if (tolerationNumber === undefined) return false;
  const taintNumber = parseCanonicalInt64(taintValue);
  if (taintNumber === undefined) return false;
  if (operator === 'Lt') return taintNumber < tolerationNumber;
  if (operator === 'Gt') return taintNumber > tolerationNumber;
  return false;
}

/**
 * Toleration.ToleratesTaint: an empty effect matches every effect; an empty key matches every key (the API only
 * allows that with operator Exists); Exists matches every value; Equal (or an empty operator) compares values;
 * Gt/Lt compare integers only when the comparison-operator feature gate is on; any other operator matches nothing.
 */
export function toleratesTaint(toleration: Toleration, taint: Taint, options: TolerationOptions = {}): boolean {
  const effect = toleration.effect ?? '';
  const key = toleration.key ?? '';
  if (effect.length > 0 && effect !== taint.effect) return false;
  if (key.length > 0 && key !== taint.key) return false;
  const operator = toleration.operator ?? '';
  switch (operator) {
    case '':
    case 'Equal':
      return (toleration.value ?? '') === (taint.value ?? '');
    case 'Exists':
      return true;
    case 'Lt':
    case 'Gt':
      if (!options.taintTolerationComparisonOperators) return false;
      return compareNumericValues(toleration.value ?? '', taint.value ?? '', operator);
    default:
      return false;
  }
}

/** TolerationsTolerateTaint: does any of the tolerations tolerate the taint? */
export function tolerationsTolerateTaint(
  tolerations: readonly Toleration[] | undefined,
  taint: Taint,
  options: TolerationOptions = {},
): boolean {
  return (tolerations ?? []).some((toleration) => toleratesTaint(toleration, taint, options));
}

/**
 * FindMatchingUntoleratedTaint: the first taint (in the node's order) that passes the filter and that no
 * toleration tolerates, or undefined when every filtered taint is tolerated. No filter means every taint.
 */
export function findMatchingUntoleratedTaint(
  taints: readonly Taint[] | undefined,
  tolerations: readonly Toleration[] | undefined,
  filter?: (taint: Taint) => boolean,
  options: TolerationOptions = {},
): Taint | undefined {
  for (const taint of taints ?? []) {
    if (filter && !filter(taint)) continue;
    if (!tolerationsTolerateTaint(tolerations, taint, options)) return taint;
  }
  return undefined;
}

/** Does this taint keep pods off the node (NoSchedule or NoExecute)? PreferNoSchedule is only a preference. */
export function isSchedulingTaint(taint: Taint): boolean {
  return taint.effect === TAINT_EFFECT_NO_SCHEDULE || taint.effect === TAINT_EFFECT_NO_EXECUTE;
}

/**
 * The first NoSchedule or NoExecute taint the tolerations do not tolerate, or undefined when all are tolerated:
 * the filter both the DaemonSet controller (predicates) and the scheduler's TaintToleration plugin apply.
 */
export function firstUntoleratedTaint(
  taints: readonly Taint[] | undefined,
  tolerations: readonly Toleration[] | undefined,
  options: TolerationOptions = {},
): Taint | undefined {
  return findMatchingUntoleratedTaint(taints, tolerations, isSchedulingTaint, options);
}

/**
 * The tolerations the DaemonSet controller adds to every daemon pod (AddOrUpdateDaemonPodTolerations), in its order:
 * not-ready and unreachable NoExecute (so node problems do not evict daemons), disk-, memory- and pid-pressure and
 * unschedulable NoSchedule (TaintNodesByCondition), and network-unavailable NoSchedule for hostNetwork pods only.
 */
export function daemonPodDefaultTolerations(hostNetwork = false): Toleration[] {
  const exists = (key: string, effect: string): Toleration => ({ key, operator: 'Exists', effect });
  const tolerations = [
    exists(TAINT_NODE_NOT_READY, TAINT_EFFECT_NO_EXECUTE),
    exists(TAINT_NODE_UNREACHABLE, TAINT_EFFECT_NO_EXECUTE),
    exists(TAINT_NODE_DISK_PRESSURE, TAINT_EFFECT_NO_SCHEDULE),
    exists(TAINT_NODE_MEMORY_PRESSURE, TAINT_EFFECT_NO_SCHEDULE),
    exists(TAINT_NODE_PID_PRESSURE, TAINT_EFFECT_NO_SCHEDULE),
    exists(TAINT_NODE_UNSCHEDULABLE, TAINT_EFFECT_NO_SCHEDULE),
  ];
  if (hostNetwork) tolerations.push(exists(TAINT_NODE_NETWORK_UNAVAILABLE, TAINT_EFFECT_NO_SCHEDULE));
  return tolerations;
}

/** Toleration.MatchToleration: tolerations are unique by key, effect, operator and value. */
export function matchToleration(a: Toleration, b: Toleration): boolean {
  return (a.key ?? '') === (b.key ?? '')
    && (a.effect ?? '') === (b.effect ?? '')
    && (a.operator ?? '') === (b.operator ?? '')
    && (a.value ?? '') === (b.value ?? '');
}

/**
 * AddOrUpdateTolerationInPodSpec, on a copy: a toleration matching `toleration` (same key, effect, operator, value)
 * is replaced by it (which drops a tolerationSeconds); otherwise it is appended.
 */
export function addOrUpdateToleration(tolerations: readonly Toleration[] | undefined, toleration: Toleration): Toleration[] {
  let updated = false;
  const result = (tolerations ?? []).map((existing) => {
    if (!matchToleration(toleration, existing)) return existing;
    updated = true;
    return toleration;
  });
  if (!updated) result.push(toleration);
  return result;
}

/** The tolerations of the pod the DaemonSet controller creates: the template's plus the defaults above. */
export function daemonPodTolerations(tolerations: readonly Toleration[] | undefined, hostNetwork = false): Toleration[] {
  return daemonPodDefaultTolerations(hostNetwork).reduce(addOrUpdateToleration, [...(tolerations ?? [])]);
}

/** Taint.ToString: `key=value:Effect`, or `key:Effect` without a value. */
export function formatTaint(taint: Taint): string {
  const value = taint.value ?? '';
  return value.length === 0 ? `${taint.key}:${taint.effect}` : `${taint.key}=${value}:${taint.effect}`;
}

/** A toleration as `kubectl describe pod` prints it, e.g. `:NoSchedule op=Exists` or `dedicated=gpu:NoSchedule`. */
export function formatToleration(toleration: Toleration): string {
  const key = toleration.key ?? '';
  const value = toleration.value ?? '';
  const effect = toleration.effect ?? '';
  let text = key;
  if (value.length > 0) text += `=${value}`;
  if (effect.length > 0) text += `:${effect}`;
  const operator = toleration.operator ?? '';
  if (operator === 'Exists' && value.length === 0) {
    text += key.length > 0 || effect.length > 0 ? ' op=Exists' : 'op=Exists';
  } else if (operator !== '' && operator !== 'Equal' && operator !== 'Exists') {
    text += ` op=${operator}`;
  }
  if (toleration.tolerationSeconds !== undefined && toleration.tolerationSeconds !== null) {
    text += ` for ${toleration.tolerationSeconds}s`;
  }
  return text;
}
