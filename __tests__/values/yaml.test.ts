import { parseValuesYaml, stringifyValuesYaml, ValuesYamlError } from '../../lib/values/yaml';

describe('values YAML', () => {
  test('parses a mapping; an empty document is an empty map', () => {
    expect(parseValuesYaml('a:\n  b: [1, 2]\n')).toEqual({ a: { b: [1, 2] } });
    expect(parseValuesYaml('')).toEqual({});
    expect(parseValuesYaml('# only a comment\n')).toEqual({});
  });

  test('invalid YAML gives the line', () => {
    expect(() => parseValuesYaml('a: 1\nb:\n  - x\n  y: 2\n')).toThrow(/line 4/);
    expect(() => parseValuesYaml('a: 1\na: 2\n')).toThrow(ValuesYamlError);
  });

  test('a document that is not a mapping is an error', () => {
    expect(() => parseValuesYaml('- a\n- b\n')).toThrow(/must be a mapping.*list/);
    expect(() => parseValuesYaml('just a string')).toThrow(/must be a mapping/);
  });

  test('writes long strings on one line and verbatim strings unquoted', () => {
    const long = 'x'.repeat(300) + ' y';
    const text = stringifyValuesYaml({ a: long, b: '${jsonencode(var.x)}', c: ['${jsonencode(var.y)}'] }, new Set(['${jsonencode(var.x)}', '${jsonencode(var.y)}']));
    expect(text).toContain(`a: ${long}\n`);
    expect(text).toContain('b: ${jsonencode(var.x)}\n');
    expect(text).toContain('  - ${jsonencode(var.y)}\n');
  });
});

describe('YAML 1.1, as Helm reads values', () => {
  test('strings Helm would read as booleans or numbers are quoted when written', () => {
    const text = stringifyValuesYaml({ a: 'yes', b: 'on', c: 'y', d: 'NO', e: '1_000', f: '0755', g: 'off', h: 'amd64' });
    expect(text).toBe('a: "yes"\nb: "on"\nc: "y"\nd: "NO"\ne: "1_000"\nf: "0755"\ng: "off"\nh: amd64\n');
  });

  test('documents are read the way Helm reads them', () => {
    expect(parseValuesYaml('nodeExporter:\n  enabled: no\nx: on\nsize: 1_000\ny: key\n')).toEqual({ nodeExporter: { enabled: false }, x: true, size: 1000, true: 'key' });
  });
});

describe('the fast path writes exactly what yaml.stringify writes', () => {
  const fc = require('fast-check') as typeof import('fast-check');
  const { stringify } = require('yaml') as typeof import('yaml');
  const { plainBlockYaml } = require('../../lib/values/yaml') as typeof import('../../lib/values/yaml');
  const word = fc.constantFrom('a', 'gp3', '15d', '50Gi', 'yes', 'On', 'y', 'NO', 'null', '~', '1_000', '0755', '0x1F', '12:30', '1.5', '1e3',
    'kubernetes.io/arch', 'eks.amazonaws.com/compute-type', 'v1.2.3', 'a-b_c.d', '-x', '.inf', 'x:y', 'with space', '#x', 'true', '');
  const scalar = fc.oneof(word, fc.string({ maxLength: 6 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null));
  const value = fc.letrec((tie) => ({
    node: fc.oneof({ depthSize: 'small' }, scalar, tie('list'), tie('map')),
    list: fc.array(tie('node'), { maxLength: 3 }),
    map: fc.dictionary(fc.oneof(word, fc.string({ maxLength: 4 })), tie('node'), { maxKeys: 3 }),
  }));

  test('for random documents, whenever it applies', () => {
    let applied = 0;
    fc.assert(fc.property(value.map as any, (doc: any) => {
      const fast = plainBlockYaml(doc);
      if (fast === undefined) return;
      applied++;
      expect(fast).toBe(stringify(doc, { version: '1.1', lineWidth: 0, minContentWidth: 0, aliasDuplicateObjects: false }));
    }), { numRuns: 4000 });
    expect(applied).toBeGreaterThan(400);
  });

  test('applies to a realistic document', () => {
    expect(plainBlockYaml({ prometheus: { prometheusSpec: { retention: '15d', storage: { accessModes: ['ReadWriteOnce'], size: '50Gi' } } }, grafana: { enabled: true, replicas: 2 } }))
      .toBe('prometheus:\n  prometheusSpec:\n    retention: 15d\n    storage:\n      accessModes:\n        - ReadWriteOnce\n      size: 50Gi\ngrafana:\n  enabled: true\n  replicas: 2\n');
  });
});
