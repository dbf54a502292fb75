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
