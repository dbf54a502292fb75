// Packaging rules of the cluster constructs, checked on the sources: the provider-aws root barrel is
// never imported (it costs seconds and hundreds of MB), lib/fargate-profiles.ts stays importable from
// the root entry (no cdktf, no provider), and the root entry does not import lib/eks.
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..', '..');

function tsFiles(dir: string): string[] {
  const abs = path.join(ROOT, dir);
  if (!fs.existsSync(abs)) return [];
  return fs.readdirSync(abs, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tsFiles(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []);
}

function importsOf(file: string): string[] {
  const source = fs.readFileSync(path.join(ROOT, file), 'utf8');
  return [...source.matchAll(/(?:from\s+|require\(\s*|import\(\s*)['"]([^'"]+)['"]/g)].map((m) => m[1]);
}

describe('packaging', () => {
  const files = [...tsFiles('lib/eks'), 'lib/fargate-profiles.ts', ...tsFiles('examples/hybrid-cluster'), ...tsFiles('__tests__/eks')];

  test.each(files)('%s imports providers by deep path only', (file) => {
    for (const spec of importsOf(file)) {
      if (spec.startsWith('@cdktf/provider-')) expect(spec).toMatch(/^@cdktf\/provider-(aws|helm)\/lib\/[a-z0-9-]+$/);
    }
  });

  test('lib/fargate-profiles.ts imports nothing (pure, root-safe)', () => {
    expect(importsOf('lib/fargate-profiles.ts')).toEqual([]);
  });

  test('lib/eks/private and lib/eks/errors.ts have no cdktf or provider import', () => {
    for (const file of [...tsFiles('lib/eks/private'), 'lib/eks/errors.ts', 'lib/eks/defaults.ts']) {
      expect(importsOf(file).filter((s) => s === 'cdktf' || s.startsWith('@cdktf/'))).toEqual([]);
    }
  });

  test('the root entry does not import lib/eks; the package exports it as ./eks', () => {
    const rootImports = importsOf('lib/index.ts');
    expect(rootImports.filter((s) => s.startsWith('./eks'))).toEqual([]);
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.exports['./eks']).toEqual({ types: './dist/eks/index.d.ts', default: './dist/eks/index.js' });
    expect(pkg.peerDependencies['@cdktf/provider-aws']).toBe('>=20.0.0 <22.0.0');
  });
});
