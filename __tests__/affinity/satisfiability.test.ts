import { termUnsatisfiableReason } from '../../lib/affinity/satisfiability';

const sat = (matchExpressions: any[], extra: any[] = [], matchFields?: any[]) =>
  termUnsatisfiableReason({ matchExpressions, matchFields }, { extraRequirements: extra }) === undefined;

describe('termUnsatisfiableReason', () => {
  test.each([
    ['In ∩ NotIn leaves a value', [{ key: 'k', operator: 'In', values: ['a', 'b'] }], [{ key: 'k', operator: 'NotIn', values: ['a'] }], true],
    ['In ⊆ NotIn', [{ key: 'k', operator: 'In', values: ['a'] }], [{ key: 'k', operator: 'NotIn', values: ['a'] }], false],
    ['two disjoint In sets', [{ key: 'k', operator: 'In', values: ['a'] }, { key: 'k', operator: 'In', values: ['b'] }], [], false],
    ['Exists with DoesNotExist', [{ key: 'k', operator: 'Exists' }], [{ key: 'k', operator: 'DoesNotExist' }], false],
    ['NotIn alone (absent label matches)', [{ key: 'k', operator: 'NotIn', values: ['a'] }], [], true],
    ['Exists and NotIn', [{ key: 'k', operator: 'Exists' }, { key: 'k', operator: 'NotIn', values: ['a'] }], [], true],
    ['Gt 5 and Lt 6: no integer between', [{ key: 'k', operator: 'Gt', values: ['5'] }, { key: 'k', operator: 'Lt', values: ['6'] }], [], false],
    ['Gt 5 and Lt 7', [{ key: 'k', operator: 'Gt', values: ['5'] }, { key: 'k', operator: 'Lt', values: ['7'] }], [], true],
    ['Lt 0: label values cannot be negative', [{ key: 'k', operator: 'Lt', values: ['0'] }], [], false],
    ['Gt 1 with In [a]: not an integer', [{ key: 'k', operator: 'Gt', values: ['1'] }, { key: 'k', operator: 'In', values: ['a', '7'] }], [], true],
    ['Gt 1 with In [a]', [{ key: 'k', operator: 'Gt', values: ['1'] }, { key: 'k', operator: 'In', values: ['a'] }], [], false],
    ['Gt with DoesNotExist', [{ key: 'k', operator: 'Gt', values: ['1'] }, { key: 'k', operator: 'DoesNotExist' }], [], false],
    ['invalid operator', [{ key: 'k', operator: 'Equals', values: ['a'] }], [], false],
    ['In without values', [{ key: 'k', operator: 'In', values: [] }], [], false],
    ['Gt with a non-integer', [{ key: 'k', operator: 'Gt', values: ['x'] }], [], false],
    ['an invalid label value', [{ key: 'k', operator: 'In', values: ['-bad'] }], [], false],
  ])('%s', (_name, expressions, extra, expected) => {
    expect(sat(expressions, extra)).toBe(expected);
  });

  test('matchFields on metadata.name', () => {
    expect(sat([], [], [{ key: 'metadata.name', operator: 'In', values: ['a'] }])).toBe(true);
    expect(sat([], [], [{ key: 'metadata.name', operator: 'In', values: ['a'] }, { key: 'metadata.name', operator: 'In', values: ['b'] }])).toBe(false);
    expect(sat([], [], [{ key: 'metadata.name', operator: 'In', values: ['a'] }, { key: 'metadata.name', operator: 'NotIn', values: ['a'] }])).toBe(false);
    expect(sat([], [], [{ key: 'metadata.name', operator: 'In', values: ['a', 'b'] }])).toBe(false); // one value only
    expect(sat([], [], [{ key: 'metadata.name', operator: 'Exists' }])).toBe(false);
    expect(sat([], [], [{ key: 'spec.other', operator: 'In', values: ['a'] }])).toBe(false);
  });

  test('an empty term is unsatisfiable', () => {
    expect(termUnsatisfiableReason({})).toMatch(/empty/);
    expect(termUnsatisfiableReason({ matchExpressions: [], matchFields: [] })).toMatch(/empty/);
  });

  test('the nodeSelector is ANDed with the term', () => {
    const term = { matchExpressions: [{ key: 'kubernetes.io/os', operator: 'In', values: ['linux'] }] };
    expect(termUnsatisfiableReason(term, { nodeSelector: { 'kubernetes.io/os': 'windows' } })).toMatch(/kubernetes.io\/os/);
    expect(termUnsatisfiableReason(term, { nodeSelector: { 'kubernetes.io/os': 'linux' } })).toBeUndefined();
  });
});
