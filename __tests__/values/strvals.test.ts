import { applyAssignment, parseSetEntry, parseSetListEntry, parseSetName, pathTouches, typedValue } from '../../lib/values/strvals';

describe('strvals (helm --set)', () => {
  test.each([
    ['a.b.c', ['a', 'b', 'c']],
    ['prometheus-node-exporter.affinity', ['prometheus-node-exporter', 'affinity']],
    ['podAnnotations.prometheus\\.io/scrape', ['podAnnotations', 'prometheus.io/scrape']],
    ['list[0].name', ['list', 0, 'name']],
    ['a.b[2][1]', ['a', 'b', 2, 1]],
  ])('name %s', (name, path) => {
    expect(parseSetName(name)).toEqual(path);
  });

  test.each([
    ['true', true], ['FALSE', false], ['null', null], ['0', 0], ['42', 42], ['-3', -3], ['007', '007'], ['1.5', '1.5'], ['', ''], ['abc', 'abc'],
  ])('typed value %p', (raw, typed) => {
    expect(typedValue(raw)).toEqual(typed);
  });

  test('type "string" keeps the value a string; a comma in an auto value starts another assignment', () => {
    expect(parseSetEntry({ name: 'nodeExporter.enabled', value: 'false', type: 'string' })).toEqual([{ path: ['nodeExporter', 'enabled'], value: 'false' }]);
    expect(parseSetEntry({ name: 'a', value: '1,prometheus-node-exporter.affinity=null' })).toEqual([
      { path: ['a'], value: 1 }, { path: ['prometheus-node-exporter', 'affinity'], value: null },
    ]);
    expect(parseSetEntry({ name: 'a', value: 'x\\,y' })).toEqual([{ path: ['a'], value: 'x,y' }]);
    expect(parseSetEntry({ name: 'a', value: 'x,y=z', type: 'literal' })).toEqual([{ path: ['a'], value: 'x,y=z' }]);
  });

  test('type "literal" is the provider\'s: YAML-parsed, stored under the whole name as one top-level key', () => {
    expect(parseSetEntry({ name: 'prometheus-node-exporter.affinity', value: 'null', type: 'literal' }))
      .toEqual([{ path: ['prometheus-node-exporter.affinity'], value: null }]);
    expect(parseSetEntry({ name: 'prometheus-node-exporter', value: '{affinity: null, hostNetwork: on}', type: 'literal' }))
      .toEqual([{ path: ['prometheus-node-exporter'], value: { affinity: null, hostNetwork: true } }]);
    expect(() => parseSetEntry({ name: 'a', value: '[unclosed', type: 'literal' })).toThrow(/not valid YAML/);
  });

  test('lists: {a,b} and set_list', () => {
    expect(parseSetEntry({ name: 'l', value: '{a,1}' })).toEqual([{ path: ['l'], value: ['a', 1] }]);
    expect(parseSetListEntry({ name: 'l', value: ['x', 'y'] })).toEqual([{ path: ['l'], value: ['x', 'y'] }]);
  });

  test('applying assignments creates maps and grows lists', () => {
    expect(applyAssignment({ a: { keep: 1 } }, { path: ['a', 'b', 1, 'c'], value: 2 })).toEqual({ a: { keep: 1, b: [null, { c: 2 }] } });
  });

  test('pathTouches: the target, anything under it, or a map above it', () => {
    const target = ['prometheus-node-exporter', 'affinity'];
    expect(pathTouches(['prometheus-node-exporter', 'affinity', 'nodeAffinity'], target)).toBe(true);
    expect(pathTouches(['prometheus-node-exporter'], target)).toBe(true);
    expect(pathTouches(['prometheus-node-exporter', 'nodeSelector'], target)).toBe(false);
    expect(pathTouches(['nodeExporter', 'enabled'], target)).toBe(false);
  });
});
