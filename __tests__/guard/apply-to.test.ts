// FargateGuard.applyTo: cdktf 0.21 never runs aspects added to the App (invokeAspects starts at each
// stack), so applyTo must reach every stack under the scope, whenever it was created, through every
// way of synthesizing.
import * as fs from 'fs';
import * as path from 'path';
import { HelmProvider } from '@cdktf/provider-helm/lib/provider';
import { Release } from '@cdktf/provider-helm/lib/release';
import { App, Aspects, IAspect, TerraformStack, Testing } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { FargateGuard } from '../../lib/fargate-guard';
import { synthError } from '../support/synth';

/** A stack with a raw kube-prometheus-stack release that the guard must fix. */
function rawStack(scope: Construct, id: string): TerraformStack {
  const stack = new TerraformStack(scope, id);
  new HelmProvider(stack, 'helm', {});
  new Release(stack, 'kps', { name: 'kps', chart: 'kube-prometheus-stack', version: '65.8.1' });
  return stack;
}

/** The values documents of the release, as `app.synth()` wrote them to cdktf.out. */
function writtenValues(app: App, stack: TerraformStack): string[] {
  const file = path.join(app.outdir, 'stacks', stack.node.id, 'cdk.tf.json');
  return JSON.parse(fs.readFileSync(file, 'utf8')).resource.helm_release.kps.values ?? [];
}

const synthValues = (stack: TerraformStack): string[] => JSON.parse(Testing.synth(stack)).resource.helm_release.kps.values ?? [];
const guardDocuments = (values: string[]) => values.filter((v) => v.startsWith('# Added by cdktf-eks-monitoring (FargateGuard)'));

describe('FargateGuard.applyTo', () => {
  test('the premise: cdktf 0.21 ignores an aspect added to the App itself', () => {
    const app = Testing.app();
    const stack = rawStack(app, 'stack');
    Aspects.of(app).add(new FargateGuard());
    expect(guardDocuments(synthValues(stack))).toEqual([]);
  });

  test('app.synth() (what `cdktf synth` runs): stacks created before and after the call, and stacks nested under plain constructs', () => {
    const app = Testing.app();
    const before = rawStack(app, 'before');
    const group = new Construct(app, 'group');
    const nestedBefore = rawStack(group, 'nested-before');
    FargateGuard.applyTo(app);
    const after = rawStack(app, 'after');
    const laterGroup = new Construct(new Construct(app, 'outer'), 'inner');
    const nestedAfter = rawStack(laterGroup, 'nested-after');
    app.synth();
    for (const stack of [before, nestedBefore, after, nestedAfter]) {
      expect(guardDocuments(writtenValues(app, stack))).toHaveLength(1);
    }
  });

  test('Testing.fullSynth and Testing.synth(stack, true) run the guard on a stack created after the call', () => {
    const app = Testing.app();
    FargateGuard.applyTo(app);
    const full = rawStack(new Construct(app, 'team'), 'full');
    const outdir = Testing.fullSynth(full);
    const written = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'full', 'cdk.tf.json'), 'utf8'));
    expect(guardDocuments(written.resource.helm_release.kps.values)).toHaveLength(1);

    const quick = rawStack(app, 'quick');
    expect(guardDocuments(JSON.parse(Testing.synth(quick, true)).resource.helm_release.kps.values)).toHaveLength(1);
  });

  test('error mode through applyTo fails app.synth() for a stack created after the call', () => {
    const app = Testing.app();
    FargateGuard.applyTo(app, { mode: 'error' });
    rawStack(new Construct(app, 'team'), 'late');
    expect(synthError(app)).toContain('[team/late/kps] FargateGuard (mode "error"): helm_release team/late/kps (chart kube-prometheus-stack)');
  });

  test('calling it twice (and synthesizing twice) fixes once; a scope inside a stack guards only that scope', () => {
    const app = Testing.app();
    const stack = rawStack(app, 'stack');
    FargateGuard.applyTo(app);
    FargateGuard.applyTo(app);
    FargateGuard.applyTo(stack);
    const later = rawStack(app, 'later');
    expect(Aspects.of(stack).all.filter((a) => a instanceof FargateGuard)).toHaveLength(1);
    expect(Aspects.of(later).all.filter((a) => a instanceof FargateGuard)).toHaveLength(1);
    expect(guardDocuments(synthValues(stack))).toHaveLength(1);
    app.synth();
    expect(guardDocuments(writtenValues(app, stack))).toHaveLength(1);
    expect(guardDocuments(writtenValues(app, later))).toHaveLength(1);

    const other = Testing.app();
    const otherStack = new TerraformStack(other, 'other');
    new HelmProvider(otherStack, 'helm', {});
    const team = new Construct(otherStack, 'team');
    FargateGuard.applyTo(team);
    new Release(team, 'kps', { name: 'kps', chart: 'kube-prometheus-stack' });
    new Release(otherStack, 'outside', { name: 'outside', chart: 'kube-prometheus-stack' });
    const releases = JSON.parse(Testing.synth(otherStack)).resource.helm_release;
    expect(guardDocuments(Object.values<any>(releases).find((r) => r.name === 'kps').values)).toHaveLength(1);
    expect(Object.values<any>(releases).find((r) => r.name === 'outside').values).toBeUndefined();
  });

  test('guards with different props both run; apps without applyTo are not affected by the hook', () => {
    const app = Testing.app();
    FargateGuard.applyTo(app);
    FargateGuard.applyTo(app, { mode: 'error' });
    const stack = rawStack(app, 'stack');
    const guards = Aspects.of(stack).all.filter((a): a is FargateGuard => a instanceof FargateGuard);
    expect(guards.map((g) => g.mode)).toEqual(['fix', 'error']);
    // fix runs first, so error mode finds a compliant release.
    expect(synthError(app)).toBeUndefined();

    const plain = Testing.app();
    const visited: string[] = [];
    const spy: IAspect = { visit: (node: IConstruct) => { visited.push(node.node.path); } };
    const plainStack = rawStack(new Construct(plain, 'group'), 'plain');
    Aspects.of(plainStack).add(spy);
    expect(guardDocuments(synthValues(plainStack))).toEqual([]);
    expect(Aspects.of(plainStack).all).toEqual([spy]);
    expect(visited).toContain('group/plain/kps');
  });
});
