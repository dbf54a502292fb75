// Which pods an EKS Fargate profile captures, as EKS decides it. Pure: no cdktf and no provider import,
// so the root entry (KubePrometheusStack) can use it without loading @cdktf/provider-aws.
//
// EKS rules (Amazon EKS user guide, "Define which Pods use AWS Fargate when launched"):
// - a pod is scheduled on Fargate when it matches ANY selector of ANY profile;
// - a selector matches a pod when the pod's namespace matches the selector's namespace and the pod
//   carries ALL of the selector's labels; a selector without labels matches every pod of the namespace;
// - namespaces, label keys and label values accept the wildcards `*` (none, one or more characters) and
//   `?` (exactly one character), in any position and combination; nothing else is a pattern.

/** One selector of a Fargate profile, with the fields of the EKS API (FargateProfileSelector). */
export interface FargateProfileSelector {
  /** The namespace the selector matches; `*` and `?` are wildcards. */
  readonly namespace: string;
  /**
   * Labels a pod must all carry to match; keys and values may hold `*` and `?` wildcards.
   * @default - every pod of the namespace matches
   */
  readonly labels?: { [key: string]: string };
}

/** A Fargate profile as far as pod placement is concerned: its name and selectors. */
export interface FargateProfileDescription {
  /** The profile name. */
  readonly name: string;
  /** The selectors; a pod matching any of them runs on Fargate. */
  readonly selectors: FargateProfileSelector[];
}

/** A selector that captures pods, and the profile it belongs to. */
export interface FargateCapture {
  /** Name of the profile holding the selector. */
  readonly profile: string;
  /** The capturing selector. */
  readonly selector: FargateProfileSelector;
}

/**
 * Whether `value` matches the EKS wildcard `pattern`: `*` stands for any run of characters (also
 * none), `?` for exactly one character, every other character for itself (case-sensitive).
 * Linear-time greedy matching with backtracking to the last `*` (no regular expression, so no
 * pathological patterns).
 */
export function fargateWildcardMatches(pattern: string, value: string): boolean {
  if (typeof pattern !== 'string' || typeof value !== 'string') return false;
  let p = 0;
  let v = 0;
  let star = -1;
  let starValue = 0;
  while (v < value.length) {
    if (p < pattern.length && (pattern[p] === '?' || pattern[p] === value[v])) {
      p++;
      v++;
    } else if (p < pattern.length && pattern[p] === '*') {
      star = p++;
      starValue = v;
    } else if (star >= 0) {
      p = star + 1;
      v = ++starValue;
    } else {
      return false;
    }
  }
  while (p < pattern.length && pattern[p] === '*') p++;
  return p === pattern.length;
}

/** Whether a selector's namespace (a pattern with `*`/`?` wildcards) matches `namespace`. */
export function fargateNamespacePatternMatches(pattern: string, namespace: string): boolean {
  return fargateWildcardMatches(pattern, namespace);
}

/** Whether the selector has no label constraint (absent or empty labels). */
export function selectorHasNoLabels(selector: FargateProfileSelector): boolean {
  return selector.labels === undefined || selector.labels === null || Object.keys(selector.labels).length === 0;
}

/**
 * Whether `selector` matches a pod in `namespace` carrying `podLabels`: the namespace matches and every
 * selector label (key and value, both patterns) matches one of the pod's labels.
 */
export function fargateSelectorMatchesPod(
  selector: FargateProfileSelector,
  namespace: string,
  podLabels: { readonly [key: string]: string } = {},
): boolean {
  if (!fargateNamespacePatternMatches(selector.namespace, namespace)) return false;
  const podEntries = Object.entries(podLabels);
  return Object.entries(selector.labels ?? {}).every(([keyPattern, valuePattern]) =>
    podEntries.some(([key, value]) => fargateWildcardMatches(keyPattern, key) && fargateWildcardMatches(valuePattern, value)),
  );
}

/**
 * The first selector (in profile order, then selector order) that sends a pod in `namespace` with
 * `podLabels` to Fargate, or undefined when the pod stays on EC2.
 */
export function findFargateProfileForPod(
  profiles: readonly FargateProfileDescription[],
  namespace: string,
  podLabels: { readonly [key: string]: string } = {},
): FargateCapture | undefined {
  for (const profile of profiles) {
    for (const selector of profile.selectors ?? []) {
      if (fargateSelectorMatchesPod(selector, namespace, podLabels)) return { profile: profile.name, selector };
    }
  }
  return undefined;
}

/**
 * The first selector WITHOUT labels whose namespace pattern matches `namespace` (so every pod of the
 * namespace runs on Fargate), or undefined when there is none.
 *
 * Selectors with labels are deliberately not reported: they only capture pods that carry all of their
 * labels, so a namespace is only partly on Fargate, which a chart's own pods (that do not carry the
 * user's Fargate labels) normally escape. Use findFargateProfileForPod to ask about a pod with known labels.
 */
export function findFargateCapture(
  profiles: readonly FargateProfileDescription[],
  namespace: string,
): FargateCapture | undefined {
  for (const profile of profiles) {
    for (const selector of profile.selectors ?? []) {
      if (selectorHasNoLabels(selector) && fargateNamespacePatternMatches(selector.namespace, namespace)) {
        return { profile: profile.name, selector };
      }
    }
  }
  return undefined;
}
