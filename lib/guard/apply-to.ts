// Registering an aspect on every stack under a scope, including stacks created later.
//
// cdktf 0.21 runs aspects from each stack down (invokeAspects(stack), called by app.synth(),
// Testing.fullSynth and Testing.synth): an aspect added to the App, or to any construct above a
// stack, is never run. So the aspect goes on the stacks themselves:
//   - stacks that exist when applyTo is called get it at once;
//   - for stacks created afterwards, the constructs Node class is hooked (once per copy of the
//     constructs library) so that every construct created under a guarded scope, outside any stack,
//     gets an Aspects list that includes the guarded scope's aspects if, by the time aspects are
//     invoked, that construct turns out to be a stack. (Whether a construct is a stack is only known
//     after its constructor has run, long after it was attached to its parent.)
// The hook does nothing for trees without a guarded scope and never changes what cdktf does with
// aspects it was given directly.
import { Aspects, IAspect, TerraformStack } from 'cdktf';
import { IConstruct, Node } from 'constructs';

const GUARDED_SCOPE = Symbol.for('cdktf-eks-monitoring/guard.aspects-for-stacks-below');
const ADD_CHILD_HOOK = Symbol.for('cdktf-eks-monitoring/guard.add-child-hook');
const DYNAMIC_ASPECTS = Symbol.for('cdktf-eks-monitoring/guard.dynamic-aspects');

type GuardedScope = IConstruct & { [GUARDED_SCOPE]?: IAspect[] };

/** The aspects registered for stacks under `scope` (by applyAspectToStacks on it or an ancestor). */
export function aspectsForStacksUnder(scope: IConstruct): IAspect[] {
  const found: IAspect[] = [];
  for (let c: IConstruct | undefined = scope; c; c = c.node.scope) {
    for (const aspect of (c as GuardedScope)[GUARDED_SCOPE] ?? []) if (!found.includes(aspect)) found.push(aspect);
  }
  return found;
}

/**
 * Make `aspect` run on every stack under `scope` (or, when `scope` is a stack or inside one, on
 * `scope` itself), at every synth: app.synth(), Testing.fullSynth(stack), Testing.synth(stack).
 */
export function applyAspectToStacks(scope: IConstruct, aspect: IAspect): void {
  if (scope.node.scopes.some((c) => TerraformStack.isStack(c))) {
    addOnce(Aspects.of(scope), aspect);
    return;
  }
  const guarded = scope as GuardedScope;
  if (!guarded[GUARDED_SCOPE]) Object.defineProperty(guarded, GUARDED_SCOPE, { value: [], enumerable: false });
  if (!guarded[GUARDED_SCOPE]!.includes(aspect)) guarded[GUARDED_SCOPE]!.push(aspect);
  for (const construct of scope.node.findAll()) {
    if (TerraformStack.isStack(construct)) addOnce(Aspects.of(construct), aspect);
  }
  hookNodeClass(scope.node);
}

function addOnce(aspects: Aspects, aspect: IAspect): void {
  if (!aspects.all.includes(aspect)) aspects.add(aspect);
}

type AddChild = (this: Node, child: IConstruct, childName: string) => void;

/** Hook `addChild` of the Node class this tree uses, once. */
function hookNodeClass(node: Node): void {
  const proto = Object.getPrototypeOf(node) as { addChild?: AddChild; [ADD_CHILD_HOOK]?: true };
  if (proto[ADD_CHILD_HOOK]) return;
  const original = proto.addChild;
  if (typeof original !== 'function') {
    throw new Error('FargateGuard.applyTo: this version of the constructs library has no Node.addChild; add the guard to each stack with Aspects.of(stack).add(new FargateGuard())');
  }
  Object.defineProperty(proto, 'addChild', {
    value: function addChild(this: Node, child: IConstruct, childName: string) {
      original.call(this, child, childName);
      onChildAttached(this, child);
    },
    writable: true,
    configurable: true,
  });
  Object.defineProperty(proto, ADD_CHILD_HOOK, { value: true });
}

/** A construct was attached under `parent`: if it is under a guarded scope and outside every stack, watch it. */
function onChildAttached(parent: Node, child: IConstruct): void {
  let guarded = false;
  for (const c of parent.scopes) {
    // Inside a stack, the stack's own aspects (inherited by its children) already cover it.
    if (TerraformStack.isStack(c)) return;
    if ((c as GuardedScope)[GUARDED_SCOPE]) guarded = true;
  }
  if (guarded) makeAspectsFollowGuardedScopes(child);
}

/**
 * Give `construct` an Aspects list that, if it is a stack, also holds the aspects of the guarded
 * scopes above it. Read at synth time, when the construct is complete.
 */
function makeAspectsFollowGuardedScopes(construct: IConstruct): void {
  const aspects = Aspects.of(construct) as Aspects & { [DYNAMIC_ASPECTS]?: true };
  if (aspects[DYNAMIC_ASPECTS]) return;
  const ownAspects = Object.getOwnPropertyDescriptor(Aspects.prototype, 'all')!.get!;
  Object.defineProperty(aspects, 'all', {
    get(): IAspect[] {
      const own = ownAspects.call(aspects) as IAspect[];
      if (!TerraformStack.isStack(construct)) return own;
      const extra = aspectsForStacksUnder(construct).filter((a) => !own.includes(a));
      return extra.length === 0 ? own : [...own, ...extra];
    },
    configurable: true,
  });
  Object.defineProperty(aspects, DYNAMIC_ASPECTS, { value: true });
}
