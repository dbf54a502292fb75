// The pure Fargate placement model (lib/fargate-profiles.ts): wildcard matching as EKS documents it,
// and which selector captures a namespace or a pod.
import * as fc from 'fast-check';
import {
  FargateProfileDescription,
  fargateNamespacePatternMatches,
  fargateSelectorMatchesPod,
  fargateWildcardMatches,
  findFargateCapture,
  findFargateProfileForPod,
} from '../../lib/fargate-profiles';

describe('fargateWildcardMatches', () => {
  test.each([
    ['prod*', 'prod', true],
    ['prod*', 'prod-metrics', true],
    ['prod*', 'pro', false],
    ['value?', 'valuea', true],
    ['value?', 'value', false],
    ['value?', 'value-a', false],
    ['*dev', 'team-dev', true],
    ['*dev', 'dev', true],
    ['*dev', 'dev-team', false],
    ['frontend*?', 'frontend', false],
    ['frontend*?', 'frontend1', true],
    ['*', '', true],
    ['*', 'anything', true],
    ['', '', true],
    ['', 'a', false],
    ['mon*ing', 'monitoring', true],
    ['m?nitoring', 'monitoring', true],
    ['monitoring', 'Monitoring', false],
    ['a*b*c', 'aXbYbZc', true],
    ['a*b*c', 'aXbYbZ', false],
    ['**', 'x', true],
    ['?*', '', false],
  ])('%j vs %j -> %s', (pattern, value, expected) => {
    expect(fargateWildcardMatches(pattern, value)).toBe(expected);
    expect(fargateNamespacePatternMatches(pattern, value)).toBe(expected);
  });

  test('agrees with a regular-expression reference implementation', () => {
    const alphabet = fc.constantFrom('a', 'b', '-', '*', '?');
    const toRegExp = (pattern: string) =>
      new RegExp(`^${[...pattern].map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[-]/g, '\\-'))).join('')}$`, 's');
    fc.assert(fc.property(
      fc.string({ unit: alphabet, maxLength: 8 }),
      fc.string({ unit: fc.constantFrom('a', 'b', '-'), maxLength: 10 }),
      (pattern, value) => fargateWildcardMatches(pattern, value) === toRegExp(pattern).test(value),
    ), { numRuns: 2000 });
  });

  test('a pattern without wildcards matches only itself', () => {
    fc.assert(fc.property(fc.stringMatching(/^[a-z0-9-]{1,20}$/), fc.stringMatching(/^[a-z0-9-]{1,20}$/), (a, b) =>
      fargateWildcardMatches(a, b) === (a === b)));
  });

  test('non-string input matches nothing', () => {
    expect(fargateWildcardMatches(undefined as any, 'a')).toBe(false);
    expect(fargateWildcardMatches('*', undefined as any)).toBe(false);
  });
});

describe('fargateSelectorMatchesPod', () => {
  test('a selector without labels matches every pod of the namespace', () => {
    expect(fargateSelectorMatchesPod({ namespace: 'monitoring' }, 'monitoring', { app: 'x' })).toBe(true);
    expect(fargateSelectorMatchesPod({ namespace: 'monitoring', labels: {} }, 'monitoring')).toBe(true);
    expect(fargateSelectorMatchesPod({ namespace: 'monitoring' }, 'default')).toBe(false);
  });

  test('a pod must carry all of the selector labels; key and value wildcards apply', () => {
    const selector = { namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } };
    expect(fargateSelectorMatchesPod(selector, 'kube-system', { 'k8s-app': 'kube-dns', other: 'x' })).toBe(true);
    expect(fargateSelectorMatchesPod(selector, 'kube-system', { 'k8s-app': 'kube-proxy' })).toBe(false);
    expect(fargateSelectorMatchesPod(selector, 'kube-system', {})).toBe(false);
    expect(fargateSelectorMatchesPod({ namespace: 'kube-*', labels: { 'k8s-*': 'kube-?ns' } }, 'kube-system', { 'k8s-app': 'kube-dns' })).toBe(true);
    expect(fargateSelectorMatchesPod({ namespace: 'kube-system', labels: { a: '1', b: '2' } }, 'kube-system', { a: '1' })).toBe(false);
  });
});

describe('findFargateCapture', () => {
  const profiles: FargateProfileDescription[] = [
    { name: 'labelled', selectors: [{ namespace: 'monitoring', labels: { fargate: 'yes' } }] },
    { name: 'serverless', selectors: [{ namespace: 'serverless' }, { namespace: 'team-*' }] },
    { name: 'batch', selectors: [{ namespace: 'batch-??' }] },
  ];

  test('finds a selector without labels capturing the namespace, exact or by wildcard', () => {
    expect(findFargateCapture(profiles, 'serverless')).toEqual({ profile: 'serverless', selector: { namespace: 'serverless' } });
    expect(findFargateCapture(profiles, 'team-a')).toEqual({ profile: 'serverless', selector: { namespace: 'team-*' } });
    expect(findFargateCapture(profiles, 'batch-01')).toEqual({ profile: 'batch', selector: { namespace: 'batch-??' } });
    expect(findFargateCapture(profiles, 'batch-001')).toBeUndefined();
  });

  test('ignores selectors with labels: they only capture pods carrying those labels', () => {
    expect(findFargateCapture(profiles, 'monitoring')).toBeUndefined();
    expect(findFargateProfileForPod(profiles, 'monitoring', { fargate: 'yes' })).toEqual({
      profile: 'labelled', selector: { namespace: 'monitoring', labels: { fargate: 'yes' } },
    });
  });

  test('the first capturing profile wins; no profiles capture nothing', () => {
    const twice: FargateProfileDescription[] = [
      { name: 'first', selectors: [{ namespace: 'mon*' }] },
      { name: 'second', selectors: [{ namespace: 'monitoring' }] },
    ];
    expect(findFargateCapture(twice, 'monitoring')?.profile).toBe('first');
    expect(findFargateCapture([], 'monitoring')).toBeUndefined();
  });
});
