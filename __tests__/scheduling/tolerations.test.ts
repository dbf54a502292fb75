// Taint toleration, checked against Kubernetes' own test tables.
import { Taint, Toleration } from '../../lib/k8s/types';
import {
  addOrUpdateToleration,
  daemonPodDefaultTolerations,
  daemonPodTolerations,
  findMatchingUntoleratedTaint,
  firstUntoleratedTaint,
  formatTaint,
  formatToleration,
  toleratesTaint,
  tolerationsTolerateTaint,
} from '../../lib/scheduling/tolerations';

// kubernetes/kubernetes staging/src/k8s.io/api/core/v1/toleration_test.go
// TestTolerationToleratesTaint (enableTaintTolerationComparisonOperatorsFG becomes the comparison-operators option)
describe('toleration_test.go TestTolerationToleratesTaint', () => {
  const cases: Array<{ description: string; toleration: Toleration; taint: Taint; expectTolerated: boolean; gate?: boolean }> = [
    {
      description: 'toleration and taint have the same key and effect, and operator is Exists, and taint has no value, expect tolerated',
      toleration: { key: 'foo', operator: 'Exists', effect: 'NoSchedule' },
      taint: { key: 'foo', effect: 'NoSchedule' },
      expectTolerated: true,
    },
    {
      description: 'toleration and taint have the same key and effect, and operator is Exists, and taint has some value, expect tolerated',
      toleration: { key: 'foo', operator: 'Exists', effect: 'NoSchedule' },
      taint: { key: 'foo', value: 'bar', effect: 'NoSchedule' },
      expectTolerated: true,
    },
    {
      description: 'toleration and taint have the same effect, toleration has empty key and operator is Exists, means match all taints, expect tolerated',
      toleration: { key: '', operator: 'Exists', effect: 'NoSchedule' },
      taint: { key: 'foo', value: 'bar', effect: 'NoSchedule' },
      expectTolerated: true,
    },
    {
      description: 'toleration and taint have the same key, effect and value, and operator is Equal, expect tolerated',
      toleration: { key: 'foo', operator: 'Equal', value: 'bar', effect: 'NoSchedule' },
      taint: { key: 'foo', value: 'bar', effect: 'NoSchedule' },
      expectTolerated: true,
    },
    {
      description: 'toleration and taint have the same key and effect, but different values, and operator is Equal, expect not tolerated',
      toleration: { key: 'foo', operator: 'Equal', value: 'value1', effect: 'NoSchedule' },
      taint: { key: 'foo', value: 'value2', effect: 'NoSchedule' },
      expectTolerated: false,
    },
    {
      description: 'toleration and taint have the same key and value, but different effects, and operator is Equal, expect not tolerated',
      toleration: { key: 'foo', operator: 'Equal', value: 'bar', effect: 'NoSchedule' },
      taint: { key: 'foo', value: 'bar', effect: 'NoExecute' },
      expectTolerated: false,
    },
    {
      description: 'toleration with Gt operator - taint value less than toleration value, expect not tolerated',
      toleration: { key: 'node.kubernetes.io/sla', operator: 'Gt', value: '950', effect: 'NoSchedule' },
      taint: { key: 'node.kubernetes.io/sla', value: '800', effect: 'NoSchedule' },
      expectTolerated: false,
      gate: true,
    },
    {
      description: 'toleration with Gt operator - taint value greater than toleration value, expect tolerated',
      toleration: { key: 'node.kubernetes.io/sla', operator: 'Gt', value: '750', effect: 'NoSchedule' },
      taint: { key: 'node.kubernetes.io/sla', value: '950', effect: 'NoSchedule' },
      expectTolerated: true,
      gate: true,
    },
    {
      description: 'toleration with Lt operator - taint value greater than toleration value, expect not tolerated',
      toleration: { key: 'node.kubernetes.io/sla', operator: 'Lt', value: '800', effect: 'NoSchedule' },
      taint: { key: 'node.kubernetes.io/sla', value: '950', effect: 'NoSchedule' },
      expectTolerated: false,
      gate: true,
    },
    {
      description: 'toleration with Lt operator - taint value less than toleration value, expect tolerated',
      toleration: { key: 'node.kubernetes.io/sla', operator: 'Lt', value: '950', effect: 'NoSchedule' },
      taint: { key: 'node.kubernetes.io/sla', value: '800', effect: 'NoSchedule' },
      expectTolerated: true,
      gate: true,
    },
    {
      description: 'toleration with Gt operator and taint with equal numeric value, expect not tolerated',
      toleration: { key: 'node.kubernetes.io/sla', operator: 'Gt', value: '950', effect: 'NoSchedule' },
      taint: { key: 'node.kubernetes.io/sla', value: '950', effect: 'NoSchedule' },
      expectTolerated: false,
      gate: true,
    },
    {
      description: 'toleration with Gt operator and taint with non-numeric value, expect not tolerated',
      toleration: { key: 'node.kubernetes.io/sla', operator: 'Gt', value: '950', effect: 'NoSchedule' },
      taint: { key: 'node.kubernetes.io/sla', value: 'high', effect: 'NoSchedule' },
      expectTolerated: false,
      gate: true,
    },
    {
      description: 'toleration with Gt operator and negative numeric values - taint value less than threshold, expect not tolerated',
      toleration: { key: 'test-key', operator: 'Gt', value: '-100', effect: 'NoSchedule' },
      taint: { key: 'test-key', value: '-200', effect: 'NoSchedule' },
      expectTolerated: false,
      gate: true,
    },
    {
      description: 'toleration with Gt operator and large int64 values - taint value less than threshold, expect not tolerated',
      toleration: { key: 'test-key', operator: 'Gt', value: '9223372036854775806', effect: 'NoSchedule' },
      taint: { key: 'test-key', value: '100', effect: 'NoSchedule' },
      expectTolerated: false,
      gate: true,
    },
  ];
  test.each(cases)('$description', ({ toleration, taint, expectTolerated, gate }) => {
    expect(toleratesTaint(toleration, taint, { taintTolerationComparisonOperators: gate === true })).toBe(expectTolerated);
  });
});

// kubernetes/kubernetes staging/src/k8s.io/api/core/v1/toleration_test.go
// TestCompareNumericValues, through toleratesTaint (same key and effect, gate on). The two rows that call the private
// compareNumericValues with Equal and Exists are left out: through ToleratesTaint those operators never reach it.
describe('toleration_test.go TestCompareNumericValues', () => {
  const cases: Array<[string, string, string, string, boolean]> = [
    ['Gt operator - taint value greater than toleration value, expect true', '100', '200', 'Gt', true],
    ['Gt operator - taint value less than toleration value, expect false', '200', '100', 'Gt', false],
    ['Gt operator - taint value equal to toleration value, expect false', '100', '100', 'Gt', false],
    ['Gt operator - negative numbers, taint greater, expect true', '-100', '-50', 'Gt', true],
    ['Gt operator - negative numbers, taint less, expect false', '-50', '-100', 'Gt', false],
    ['Gt operator - zero and positive, expect true', '0', '1', 'Gt', true],
    ['Gt operator - large int64 values, taint greater, expect true', '9223372036854775806', '9223372036854775807', 'Gt', true],
    ['Lt operator - taint value less than toleration value, expect true', '200', '100', 'Lt', true],
    ['Lt operator - taint value greater than toleration value, expect false', '100', '200', 'Lt', false],
    ['Lt operator - taint value equal to toleration value, expect false', '100', '100', 'Lt', false],
    ['Lt operator - negative numbers, taint less, expect true', '-50', '-100', 'Lt', true],
    ['Lt operator - negative numbers, taint greater, expect false', '-100', '-50', 'Lt', false],
    ['Lt operator - zero and negative, expect true', '0', '-1', 'Lt', true],
    ['Gt operator - invalid toleration value (non-numeric), expect false', 'abc', '100', 'Gt', false],
    ['Gt operator - invalid toleration value (empty string), expect false', '', '100', 'Gt', false],
    ['Gt operator - invalid toleration value (leading zero), expect false', '0100', '200', 'Gt', false],
    ['Gt operator - invalid toleration value (plus sign), expect false', '+100', '200', 'Gt', false],
    ['Gt operator - invalid toleration value (floating point), expect false', '100.5', '200', 'Gt', false],
    ['Gt operator - invalid toleration value (just minus sign), expect false', '-', '100', 'Gt', false],
    ['Gt operator - invalid taint value (non-numeric), expect false', '100', 'xyz', 'Gt', false],
    ['Gt operator - invalid taint value (empty string), expect false', '100', '', 'Gt', false],
    ['Gt operator - invalid taint value (leading zero), expect false', '100', '0200', 'Gt', false],
    ['Lt operator - invalid taint value (plus sign), expect false', '100', '+200', 'Lt', false],
    ['Lt operator - invalid taint value (spaces), expect false', '100', ' 200 ', 'Lt', false],
    ['Gt operator - both zero, expect false', '0', '0', 'Gt', false],
    ['Lt operator - both zero, expect false', '0', '0', 'Lt', false],
    ['Gt operator - max int64 as taint, expect true', '0', '9223372036854775807', 'Gt', true],
    ['Lt operator - min int64 as taint, expect true', '0', '-9223372036854775808', 'Lt', true],
  ];
  test.each(cases)('%s', (_description, tolerationValue, taintValue, operator, expected) => {
    const toleration: Toleration = { key: 'k', operator, value: tolerationValue, effect: 'NoSchedule' };
    const taint: Taint = { key: 'k', value: taintValue, effect: 'NoSchedule' };
    expect(toleratesTaint(toleration, taint, { taintTolerationComparisonOperators: true })).toBe(expected);
  });

  // Not an upstream row: values out of int64 range and "-0" are not canonical int64s either.
  test('out-of-range and -0 values never compare', () => {
    const gt = (t: string, n: string) => toleratesTaint({ key: 'k', operator: 'Gt', value: t, effect: 'NoSchedule' }, { key: 'k', value: n, effect: 'NoSchedule' }, { taintTolerationComparisonOperators: true });
    expect(gt('0', '9223372036854775808')).toBe(false);
    expect(gt('-9223372036854775809', '0')).toBe(false);
    expect(gt('-0', '1')).toBe(false);
  });
});

// Not an upstream table: rules (3) and (5) of the ToleratesTaint doc comment in
// kubernetes/kubernetes staging/src/k8s.io/api/core/v1/toleration.go, and its switch's default branch.
describe('toleration.go ToleratesTaint rules', () => {
  test('with the comparison-operator gate off (the default), Gt and Lt tolerate nothing', () => {
    const taint: Taint = { key: 'node.kubernetes.io/sla', value: '950', effect: 'NoSchedule' };
    expect(toleratesTaint({ key: 'node.kubernetes.io/sla', operator: 'Gt', value: '750', effect: 'NoSchedule' }, taint)).toBe(false);
    expect(toleratesTaint({ key: 'node.kubernetes.io/sla', operator: 'Lt', value: '999', effect: 'NoSchedule' }, taint)).toBe(false);
  });
  test('an empty effect matches every effect', () => {
    for (const effect of ['NoSchedule', 'PreferNoSchedule', 'NoExecute']) {
      expect(toleratesTaint({ key: 'foo', operator: 'Exists' }, { key: 'foo', effect })).toBe(true);
    }
  });
  test('{operator: Exists} alone tolerates every taint', () => {
    expect(toleratesTaint({ operator: 'Exists' }, { key: 'anything', value: 'x', effect: 'NoExecute' })).toBe(true);
  });
  test('an empty operator means Equal, and a missing value is the empty value', () => {
    expect(toleratesTaint({ key: 'foo', value: 'bar' }, { key: 'foo', value: 'bar', effect: 'NoSchedule' })).toBe(true);
    expect(toleratesTaint({ key: 'foo' }, { key: 'foo', effect: 'NoSchedule' })).toBe(true);
    expect(toleratesTaint({ key: 'foo', operator: 'Equal' }, { key: 'foo', value: 'bar', effect: 'NoSchedule' })).toBe(false);
  });
  test('an empty key matches every key whatever the operator (validation only allows it with Exists)', () => {
    expect(toleratesTaint({ operator: 'Equal', value: 'bar' }, { key: 'foo', value: 'bar', effect: 'NoSchedule' })).toBe(true);
    expect(toleratesTaint({ operator: 'Equal', value: 'bar' }, { key: 'foo', value: 'baz', effect: 'NoSchedule' })).toBe(false);
  });
  test('an unknown operator tolerates nothing (operators are case-sensitive)', () => {
    expect(toleratesTaint({ key: 'foo', operator: 'exists' }, { key: 'foo', effect: 'NoSchedule' })).toBe(false);
    expect(toleratesTaint({ key: 'foo', operator: 'In', value: 'bar' }, { key: 'foo', value: 'bar', effect: 'NoSchedule' })).toBe(false);
  });
  test('keys and values are compared exactly', () => {
    expect(toleratesTaint({ key: 'Foo', operator: 'Exists' }, { key: 'foo', effect: 'NoSchedule' })).toBe(false);
    expect(toleratesTaint({ key: 'foo', value: 'Bar' }, { key: 'foo', value: 'bar', effect: 'NoSchedule' })).toBe(false);
  });
});

// kubernetes/kubernetes staging/src/k8s.io/component-helpers/scheduling/corev1/helpers_test.go
// TestFindMatchingUntoleratedTaint (formerly pkg/apis/core/v1/helper/helpers_test.go TestTolerationsTolerateTaintsWithFilter)
describe('helpers_test.go TestFindMatchingUntoleratedTaint', () => {
  const all = () => true;
  const cases: Array<{
    description: string;
    tolerations: Toleration[];
    taints: Taint[];
    applyFilter?: (t: Taint) => boolean;
    expectTolerated: boolean;
    gate?: boolean;
  }> = [
    { description: 'empty tolerations tolerate empty taints', tolerations: [], taints: [], applyFilter: all, expectTolerated: true },
    {
      description: 'non-empty tolerations tolerate empty taints',
      tolerations: [{ key: 'foo', operator: 'Exists', effect: 'NoSchedule' }],
      taints: [],
      applyFilter: all,
      expectTolerated: true,
    },
    {
      description: 'tolerations match all taints, expect tolerated',
      tolerations: [{ key: 'foo', operator: 'Exists', effect: 'NoSchedule' }],
      taints: [{ key: 'foo', effect: 'NoSchedule' }],
      applyFilter: all,
      expectTolerated: true,
    },
    {
      description: "tolerations don't match taints, but no taints apply to the filter, expect tolerated",
      tolerations: [{ key: 'foo', operator: 'Exists', effect: 'NoSchedule' }],
      taints: [{ key: 'bar', effect: 'NoSchedule' }],
      applyFilter: () => false,
      expectTolerated: true,
    },
    {
      description: "no filterFunc indicated, means all taints apply to the filter, tolerations don't match taints, expect untolerated",
      tolerations: [{ key: 'foo', operator: 'Exists', effect: 'NoSchedule' }],
      taints: [{ key: 'bar', effect: 'NoSchedule' }],
      applyFilter: undefined,
      expectTolerated: false,
    },
    {
      description: 'tolerations match taints, expect tolerated',
      tolerations: [{ key: 'foo', operator: 'Exists', effect: 'NoExecute' }],
      taints: [{ key: 'foo', effect: 'NoExecute' }, { key: 'bar', effect: 'NoSchedule' }],
      applyFilter: (t) => t.effect === 'NoExecute',
      expectTolerated: true,
    },
    {
      description: 'numeric Gt operator with taint value below threshold, expect not tolerated',
      tolerations: [{ key: 'node.kubernetes.io/sla', operator: 'Gt', value: '950', effect: 'NoSchedule' }],
      taints: [{ key: 'node.kubernetes.io/sla', value: '800', effect: 'NoSchedule' }],
      applyFilter: all,
      expectTolerated: false,
      gate: true,
    },
    {
      description: 'numeric Gt operator with taint value above threshold, expect tolerated',
      tolerations: [{ key: 'node.kubernetes.io/sla', operator: 'Gt', value: '750', effect: 'NoSchedule' }],
      taints: [{ key: 'node.kubernetes.io/sla', value: '950', effect: 'NoSchedule' }],
      applyFilter: all,
      expectTolerated: true,
      gate: true,
    },
    {
      description: 'numeric Lt operator with taint value above threshold, expect not tolerated',
      tolerations: [{ key: 'node.kubernetes.io/sla', operator: 'Lt', value: '800', effect: 'NoSchedule' }],
      taints: [{ key: 'node.kubernetes.io/sla', value: '950', effect: 'NoSchedule' }],
      applyFilter: all,
      expectTolerated: false,
      gate: true,
    },
    {
      description: 'numeric Gt operator with non-numeric taint value, expect not tolerated',
      tolerations: [{ key: 'node.kubernetes.io/sla', operator: 'Gt', value: '950', effect: 'NoSchedule' }],
      taints: [{ key: 'node.kubernetes.io/sla', value: 'high', effect: 'NoSchedule' }],
      applyFilter: all,
      expectTolerated: false,
      gate: true,
    },
    {
      description: 'numeric Gt parse error is ignored when a later toleration matches the taint',
      tolerations: [
        { key: 'node.kubernetes.io/sla', operator: 'Gt', value: '950', effect: 'NoSchedule' },
        { key: 'node.kubernetes.io/sla', operator: 'Exists', effect: 'NoSchedule' },
      ],
      taints: [{ key: 'node.kubernetes.io/sla', value: 'high', effect: 'NoSchedule' }],
      applyFilter: all,
      expectTolerated: true,
      gate: true,
    },
  ];
  test.each(cases)('$description', ({ tolerations, taints, applyFilter, expectTolerated, gate }) => {
    const untolerated = findMatchingUntoleratedTaint(taints, tolerations, applyFilter, { taintTolerationComparisonOperators: gate === true });
    expect(untolerated === undefined).toBe(expectTolerated);
  });

  test('the first untolerated taint is returned, in the node order', () => {
    const taints: Taint[] = [{ key: 'a', effect: 'NoSchedule' }, { key: 'b', effect: 'NoExecute' }, { key: 'c', effect: 'NoSchedule' }];
    expect(findMatchingUntoleratedTaint(taints, [{ key: 'a', operator: 'Exists' }])).toEqual({ key: 'b', effect: 'NoExecute' });
    expect(tolerationsTolerateTaint(undefined, taints[0])).toBe(false);
  });
});

// firstUntoleratedTaint is FindMatchingUntoleratedTaint with the filter the DaemonSet controller's predicates
// (kubernetes/kubernetes pkg/controller/daemon/daemon_controller.go) and the scheduler's TaintToleration filter use.
describe('firstUntoleratedTaint (NoSchedule and NoExecute only)', () => {
  test('PreferNoSchedule taints never keep a pod off', () => {
    expect(firstUntoleratedTaint([{ key: 'soft', effect: 'PreferNoSchedule' }], [])).toBeUndefined();
  });
  test('NoSchedule and NoExecute taints must be tolerated', () => {
    expect(firstUntoleratedTaint([{ key: 'soft', effect: 'PreferNoSchedule' }, { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }], [])).toEqual({
      key: 'dedicated',
      value: 'gpu',
      effect: 'NoSchedule',
    });
    expect(firstUntoleratedTaint([{ key: 'dedicated', effect: 'NoExecute' }], [{ key: 'dedicated', operator: 'Exists', effect: 'NoSchedule' }])).toEqual({
      key: 'dedicated',
      effect: 'NoExecute',
    });
  });
  test('an unknown effect is neither NoSchedule nor NoExecute, so it is ignored', () => {
    expect(firstUntoleratedTaint([{ key: 'x', effect: 'Whatever' }], [])).toBeUndefined();
  });
  test('no taints, no problem', () => {
    expect(firstUntoleratedTaint(undefined, undefined)).toBeUndefined();
  });
});

// The tolerations of kubernetes/kubernetes pkg/controller/daemon/util/daemonset_util.go AddOrUpdateDaemonPodTolerations,
// applied with pkg/apis/core/v1/helper AddOrUpdateTolerationInPodSpec semantics.
describe('daemonset_util.go AddOrUpdateDaemonPodTolerations', () => {
  test('the six tolerations every daemon pod gets, in order', () => {
    expect(daemonPodDefaultTolerations()).toEqual([
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
      { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
    ]);
  });
  test('hostNetwork pods also tolerate network-unavailable', () => {
    expect(daemonPodDefaultTolerations(true)).toContainEqual({ key: 'node.kubernetes.io/network-unavailable', operator: 'Exists', effect: 'NoSchedule' });
    expect(daemonPodDefaultTolerations(false)).not.toContainEqual(expect.objectContaining({ key: 'node.kubernetes.io/network-unavailable' }));
  });
  test("the template's tolerations come first and are kept", () => {
    const own: Toleration = { effect: 'NoSchedule', operator: 'Exists' };
    const all = daemonPodTolerations([own]);
    expect(all[0]).toBe(own);
    expect(all).toHaveLength(7);
  });
  test('a matching toleration (same key, effect, operator, value) is replaced, dropping its tolerationSeconds', () => {
    const mine: Toleration = { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 };
    const all = daemonPodTolerations([mine]);
    expect(all).toHaveLength(6);
    expect(all[0]).toEqual({ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' });
  });
  test('a toleration differing only by operator spelling is not a match, so both stay', () => {
    const equal: Toleration = { key: 'node.kubernetes.io/unschedulable', operator: 'Equal', effect: 'NoSchedule' };
    expect(addOrUpdateToleration([equal], { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' })).toHaveLength(2);
  });
  test('the input is not modified', () => {
    const input: Toleration[] = [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }];
    daemonPodTolerations(input, true);
    expect(input).toEqual([{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }]);
  });
});

// Taint.ToString (kubernetes/kubernetes staging/src/k8s.io/api/core/v1/taint.go) and kubectl describe's toleration format.
describe('formatting', () => {
  test('formatTaint', () => {
    expect(formatTaint({ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' })).toBe('dedicated=gpu:NoSchedule');
    expect(formatTaint({ key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' })).toBe('node.kubernetes.io/not-ready:NoExecute');
  });
  test('formatToleration', () => {
    expect(formatToleration({ effect: 'NoSchedule', operator: 'Exists' })).toBe(':NoSchedule op=Exists');
    expect(formatToleration({ operator: 'Exists' })).toBe('op=Exists');
    expect(formatToleration({ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' })).toBe('dedicated=gpu:NoSchedule');
    expect(formatToleration({ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 })).toBe(
      'node.kubernetes.io/not-ready:NoExecute op=Exists for 300s',
    );
  });
});
