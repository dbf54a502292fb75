import { coalesceWithDefaults, mergeValues, valueAt, withValueAt } from '../../lib/values/merge';

describe('helm values merge', () => {
  test('maps merge deeply; lists, scalars and null replace (helm mergeMaps)', () => {
    const a = { m: { x: 1, y: { z: 1 } }, l: [1, 2], s: 'a', keep: true };
    const b = { m: { y: { w: 2 } }, l: [3], s: null, n: { fresh: 1 } };
    expect(mergeValues(a, b)).toEqual({ m: { x: 1, y: { z: 1, w: 2 } }, l: [3], s: null, keep: true, n: { fresh: 1 } });
    expect(a).toEqual({ m: { x: 1, y: { z: 1 } }, l: [1, 2], s: 'a', keep: true });
  });

  test('a map replaces a scalar and a scalar replaces a map', () => {
    expect(mergeValues({ a: 'x' }, { a: { b: 1 } })).toEqual({ a: { b: 1 } });
    expect(mergeValues({ a: { b: 1 } }, { a: 'x' })).toEqual({ a: 'x' });
  });

  test('coalescing with chart defaults: null deletes the default, maps merge, user wins', () => {
    const defaults = { nodeSelector: { 'kubernetes.io/os': 'linux' }, tolerations: [{ operator: 'Exists' }], affinity: {} };
    expect(coalesceWithDefaults({ nodeSelector: { arch: 'amd64' } }, defaults)).toEqual({
      nodeSelector: { 'kubernetes.io/os': 'linux', arch: 'amd64' }, tolerations: [{ operator: 'Exists' }], affinity: {},
    });
    expect(coalesceWithDefaults({ nodeSelector: null, tolerations: [] }, defaults)).toEqual({ tolerations: [], affinity: {} });
    expect(coalesceWithDefaults({ nodeSelector: { 'kubernetes.io/os': null } }, defaults)).toEqual({ nodeSelector: {}, tolerations: [{ operator: 'Exists' }], affinity: {} });
  });

  test('valueAt and withValueAt', () => {
    expect(valueAt({ a: { b: [1] } }, ['a', 'b'])).toEqual([1]);
    expect(valueAt({ a: 'x' }, ['a', 'b'])).toBeUndefined();
    expect(withValueAt({ a: { c: 1 }, d: 2 }, ['a', 'b'], 3)).toEqual({ a: { c: 1, b: 3 }, d: 2 });
    expect(withValueAt({ a: 'scalar' }, ['a', 'b'], 3)).toEqual({ a: { b: 3 } });
  });
});
