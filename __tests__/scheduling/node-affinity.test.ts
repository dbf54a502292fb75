// Required node affinity and label requirements, checked against Kubernetes' own test tables.
// Cases are ported one for one; cases our types cannot express (nil node, nil selector pointers, selector
// strings the NodeSelector API has no operator for) are left out, and adaptations are marked.
import { labelRequirementError, labelRequirementMatches } from '../../lib/k8s/labels';
import { KubernetesNode, NodeSelector, NodeSelectorRequirement, NodeSelectorTerm } from '../../lib/k8s/types';
import { podFitsNode } from '../../lib/scheduling';
import { nodeSelectorMatches, termMatches, termStructureError } from '../../lib/scheduling/node-affinity';

function node(name: string, labels?: { [key: string]: string }): KubernetesNode {
  return { metadata: labels === undefined ? { name } : { name, labels } };
}

function selector(...nodeSelectorTerms: NodeSelectorTerm[]): NodeSelector {
  return { nodeSelectorTerms };
}

const req = (key: string, operator: string, values?: string[]): NodeSelectorRequirement =>
  values === undefined ? { key, operator } : { key, operator, values };

// kubernetes/kubernetes staging/src/k8s.io/component-helpers/scheduling/corev1/nodeaffinity/nodeaffinity_test.go
// TestNodeSelectorMatch
describe('nodeaffinity_test.go TestNodeSelectorMatch', () => {
  test('invalid field selector and label selector: terms 0 and 2 are invalid, term 1 is valid', () => {
    const terms: NodeSelectorTerm[] = [
      { matchFields: [req('metadata.name', 'In', ['host_1', 'host_2'])] },
      { matchExpressions: [req('label_1', 'In', ['label_1_val'])], matchFields: [req('metadata.name', 'In', ['host_1'])] },
      { matchExpressions: [req('invalid key', 'In', ['label_value'])] },
    ];
    expect(termStructureError(terms[0])).toMatch(/exactly one value/);
    expect(termStructureError(terms[1])).toBeUndefined();
    expect(termStructureError(terms[2])).toMatch(/name part must consist of alphanumeric characters/);
    // The invalid terms can match nothing, even a node their requirement would otherwise admit.
    expect(termMatches(terms[0], node('host_1'))).toBe(false);
    expect(termMatches(terms[2], node('host_1', { 'invalid key': 'label_value' }))).toBe(false);
  });

  const cases: Array<{ name: string; selector: NodeSelector; node: KubernetesNode; want: boolean }> = [
    {
      name: 'node matches field selector, but not labels',
      selector: selector({ matchExpressions: [req('label_1', 'In', ['label_1_val'])], matchFields: [req('metadata.name', 'In', ['host_1'])] }),
      node: node('host_1'),
      want: false,
    },
    {
      name: 'node matches field selector and label selector',
      selector: selector({ matchExpressions: [req('label_1', 'In', ['label_1_val'])], matchFields: [req('metadata.name', 'In', ['host_1'])] }),
      node: node('host_1', { label_1: 'label_1_val' }),
      want: true,
    },
    {
      name: 'second term matches',
      selector: selector(
        { matchExpressions: [req('label_1', 'In', ['label_1_val'])] },
        { matchFields: [req('metadata.name', 'In', ['host_1'])] },
      ),
      node: node('host_1'),
      want: true,
    },
  ];
  test.each(cases)('$name', ({ selector: s, node: n, want }) => {
    expect(nodeSelectorMatches(s, n)).toBe(want);
  });
});

// kubernetes/kubernetes staging/src/k8s.io/component-helpers/scheduling/corev1/nodeaffinity/nodeaffinity_test.go
// TestNodeSelectorRequirementsAsSelector (nil/empty requirements give labels.Nothing(); errors are parse errors)
describe('nodeaffinity_test.go TestNodeSelectorRequirementsAsSelector', () => {
  const anyNode = node('n', { foo: 'bar', bar: '3' });
  test('nil and empty matchExpressions select nothing', () => {
    expect(termMatches({}, anyNode)).toBe(false);
    expect(termMatches({ matchExpressions: [] }, anyNode)).toBe(false);
  });
  test('foo In [bar, baz] is valid', () => {
    expect(labelRequirementError(req('foo', 'In', ['bar', 'baz']))).toBeUndefined();
    expect(termMatches({ matchExpressions: [req('foo', 'In', ['bar', 'baz'])] }, anyNode)).toBe(true);
  });
  test('foo Exists with values is an error', () => {
    expect(labelRequirementError(req('foo', 'Exists', ['bar', 'baz']))).toMatch(/values must be empty/);
  });
  test('foo Gt 1 and bar Lt 7 are valid', () => {
    expect(labelRequirementError(req('foo', 'Gt', ['1']))).toBeUndefined();
    expect(labelRequirementError(req('bar', 'Lt', ['7']))).toBeUndefined();
    expect(termMatches({ matchExpressions: [req('bar', 'Lt', ['7'])] }, anyNode)).toBe(true);
  });
});

// kubernetes/kubernetes staging/src/k8s.io/component-helpers/scheduling/corev1/nodeaffinity/nodeaffinity_test.go
// TestPodMatchesNodeSelectorAndAffinityTerms (GetRequiredNodeAffinity(pod).Match: nodeSelector AND required affinity).
// The nodes have no taints, so podFitsNode decides exactly that.
describe('nodeaffinity_test.go TestPodMatchesNodeSelectorAndAffinityTerms', () => {
  const required = (...terms: NodeSelectorTerm[]) => ({ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: selector(...terms) } });
  const cases: Array<{
    name: string;
    nodeSelector?: { [key: string]: string };
    affinity?: any;
    labels?: { [key: string]: string };
    nodeName?: string;
    want: boolean;
  }> = [
    { name: 'no selector', want: true },
    { name: 'missing labels', nodeSelector: { foo: 'bar' }, want: false },
    { name: 'same labels', nodeSelector: { foo: 'bar' }, labels: { foo: 'bar' }, want: true },
    { name: 'node labels are superset', nodeSelector: { foo: 'bar' }, labels: { foo: 'bar', baz: 'blah' }, want: true },
    { name: 'node labels are subset', nodeSelector: { foo: 'bar', baz: 'blah' }, labels: { foo: 'bar' }, want: false },
    {
      name: 'Pod with matchExpressions using In operator that matches the existing node',
      affinity: required({ matchExpressions: [req('foo', 'In', ['bar', 'value2'])] }),
      labels: { foo: 'bar' },
      want: true,
    },
    {
      name: 'Pod with matchExpressions using Gt operator that matches the existing node',
      affinity: required({ matchExpressions: [req('kernel-version', 'Gt', ['0204'])] }),
      labels: { 'kernel-version': '0206' },
      want: true,
    },
    {
      name: 'Pod with matchExpressions using NotIn operator that matches the existing node',
      affinity: required({ matchExpressions: [req('mem-type', 'NotIn', ['DDR', 'DDR2'])] }),
      labels: { 'mem-type': 'DDR3' },
      want: true,
    },
    {
      name: 'Pod with matchExpressions using Exists operator that matches the existing node',
      affinity: required({ matchExpressions: [req('GPU', 'Exists')] }),
      labels: { GPU: 'NVIDIA-GRID-K1' },
      want: true,
    },
    {
      name: "Pod with affinity that don't match node's labels won't schedule onto the node",
      affinity: required({ matchExpressions: [req('foo', 'In', ['value1', 'value2'])] }),
      labels: { foo: 'bar' },
      want: false,
    },
    {
      name: "Pod with an empty []NodeSelectorTerm in affinity, can't match the node's labels and won't schedule onto the node",
      affinity: required(),
      labels: { foo: 'bar' },
      want: false,
    },
    {
      name: "Pod with empty MatchExpressions is not a valid value will match no objects and won't schedule onto the node",
      affinity: required({ matchExpressions: [] }),
      labels: { foo: 'bar' },
      want: false,
    },
    { name: 'Pod with no Affinity will schedule onto a node', labels: { foo: 'bar' }, want: true },
    {
      name: 'Pod with Affinity but nil NodeSelector will schedule onto a node',
      affinity: { nodeAffinity: {} },
      labels: { foo: 'bar' },
      want: true,
    },
    {
      name: 'Pod with multiple matchExpressions ANDed that matches the existing node',
      affinity: required({ matchExpressions: [req('GPU', 'Exists'), req('GPU', 'NotIn', ['AMD', 'INTER'])] }),
      labels: { GPU: 'NVIDIA-GRID-K1' },
      want: true,
    },
    {
      name: "Pod with multiple matchExpressions ANDed that doesn't match the existing node",
      affinity: required({ matchExpressions: [req('GPU', 'Exists'), req('GPU', 'In', ['AMD', 'INTER'])] }),
      labels: { GPU: 'NVIDIA-GRID-K1' },
      want: false,
    },
    {
      name: "Pod with multiple NodeSelectorTerms ORed in affinity, matches the node's labels and will schedule onto the node",
      affinity: required(
        { matchExpressions: [req('foo', 'In', ['bar', 'value2'])] },
        { matchExpressions: [req('diffkey', 'In', ['wrong', 'value2'])] },
      ),
      labels: { foo: 'bar' },
      want: true,
    },
    {
      name: 'Pod with an Affinity and a PodSpec.NodeSelector(the old thing that we are deprecating) both are satisfied, will schedule onto the node',
      nodeSelector: { foo: 'bar' },
      affinity: required({ matchExpressions: [req('foo', 'Exists')] }),
      labels: { foo: 'bar' },
      want: true,
    },
    {
      name: "Pod with an Affinity matches node's labels but the PodSpec.NodeSelector(the old thing that we are deprecating) is not satisfied, won't schedule onto the node",
      nodeSelector: { foo: 'bar' },
      affinity: required({ matchExpressions: [req('foo', 'Exists')] }),
      labels: { foo: 'barrrrrr' },
      want: false,
    },
    {
      name: "Pod with an invalid value in Affinity term won't be scheduled onto the node",
      affinity: required({ matchExpressions: [req('foo', 'NotIn', ['invalid value: ___@#$%^'])] }),
      labels: { foo: 'bar' },
      want: false,
    },
    {
      name: 'Pod with matchFields using In operator that matches the existing node',
      affinity: required({ matchFields: [req('metadata.name', 'In', ['node_1'])] }),
      nodeName: 'node_1',
      want: true,
    },
    {
      name: 'Pod with matchFields using In operator that does not match the existing node',
      affinity: required({ matchFields: [req('metadata.name', 'In', ['node_1'])] }),
      nodeName: 'node_2',
      want: false,
    },
    {
      name: 'Pod with two terms: matchFields does not match, but matchExpressions matches',
      affinity: required(
        { matchFields: [req('metadata.name', 'In', ['node_1'])] },
        { matchExpressions: [req('foo', 'In', ['bar'])] },
      ),
      nodeName: 'node_2',
      labels: { foo: 'bar' },
      want: true,
    },
    {
      name: 'Pod with one term: matchFields does not match, but matchExpressions matches',
      affinity: required({ matchFields: [req('metadata.name', 'In', ['node_1'])], matchExpressions: [req('foo', 'In', ['bar'])] }),
      nodeName: 'node_2',
      labels: { foo: 'bar' },
      want: false,
    },
    {
      name: 'Pod with one term: both matchFields and matchExpressions match',
      affinity: required({ matchFields: [req('metadata.name', 'In', ['node_1'])], matchExpressions: [req('foo', 'In', ['bar'])] }),
      nodeName: 'node_1',
      labels: { foo: 'bar' },
      want: true,
    },
    {
      name: 'Pod with two terms: both matchFields and matchExpressions do not match',
      affinity: required(
        { matchFields: [req('metadata.name', 'In', ['node_1'])] },
        { matchExpressions: [req('foo', 'In', ['not-match-to-bar'])] },
      ),
      nodeName: 'node_2',
      labels: { foo: 'bar' },
      want: false,
    },
  ];
  test.each(cases)('$name', ({ nodeSelector, affinity, labels, nodeName, want }) => {
    const spec = { ...(nodeSelector ? { nodeSelector } : {}), ...(affinity ? { affinity } : {}) };
    expect(podFitsNode(spec, node(nodeName ?? '', labels))).toBe(want);
  });
});

// Not an upstream table: nodeaffinity.go extractNodeFields gives a node with an empty name no fields, and
// nodeSelectorTerm.match skips matchFields when the node has no fields (`len(nodeFields) > 0`).
describe('nodeaffinity.go extractNodeFields: a nameless node skips matchFields', () => {
  test('a valid matchFields term admits a node with an empty name', () => {
    expect(termMatches({ matchFields: [req('metadata.name', 'In', ['node_1'])] }, node(''))).toBe(true);
    expect(termMatches({ matchFields: [req('metadata.name', 'In', ['node_1'])], matchExpressions: [req('foo', 'In', ['bar'])] }, node('', { foo: 'bar' }))).toBe(true);
    expect(termMatches({ matchFields: [req('metadata.name', 'In', ['node_1'])], matchExpressions: [req('foo', 'In', ['bar'])] }, node('', { foo: 'baz' }))).toBe(false);
  });
  test('an invalid matchFields term still matches nothing', () => {
    expect(termMatches({ matchFields: [req('metadata.name', 'In', ['a', 'b'])] }, node(''))).toBe(false);
    expect(termMatches({ matchFields: [req('metadata.name', 'Exists')] }, node(''))).toBe(false);
  });
  test('matchFields on a field a named node lacks compares with the empty string', () => {
    expect(termMatches({ matchFields: [req('spec.unknown', 'In', [''])] }, node('n'))).toBe(true);
    expect(termMatches({ matchFields: [req('spec.unknown', 'NotIn', [''])] }, node('n'))).toBe(false);
  });
});

// kubernetes/kubernetes staging/src/k8s.io/component-helpers/scheduling/corev1/helpers_test.go
// TestMatchNodeSelectorTerms (MatchNodeSelectorTerms = NewLazyErrorNodeSelector(selector).Match(node))
describe('helpers_test.go TestMatchNodeSelectorTerms', () => {
  const cases: Array<{ name: string; selector: NodeSelector; node: KubernetesNode; want: boolean }> = [
    {
      name: 'node label matches matchExpressions terms',
      selector: selector({ matchExpressions: [req('label_1', 'In', ['label_1_val'])] }),
      node: node('', { label_1: 'label_1_val' }),
      want: true,
    },
    {
      name: 'node field matches matchFields terms',
      selector: selector({ matchFields: [req('metadata.name', 'In', ['host_1'])] }),
      node: node('host_1'),
      want: true,
    },
    {
      name: 'invalid node field requirement',
      selector: selector({ matchFields: [req('metadata.name', 'In', ['host_1', 'host_2'])] }),
      node: node('host_1'),
      want: false,
    },
    {
      name: 'fieldSelectorTerm with node labels',
      selector: selector({ matchFields: [req('metadata.name', 'In', ['host_1'])] }),
      node: node('not_host_1', { 'metadata.name': 'host_1' }),
      want: false,
    },
    {
      name: 'labelSelectorTerm with node fields',
      selector: selector({ matchExpressions: [req('metadata.name', 'In', ['host_1'])] }),
      node: node('host_1'),
      want: false,
    },
    {
      name: 'labelSelectorTerm and fieldSelectorTerm was set, but only node fields',
      selector: selector({ matchExpressions: [req('label_1', 'In', ['label_1_val'])], matchFields: [req('metadata.name', 'In', ['host_1'])] }),
      node: node('host_1'),
      want: false,
    },
    {
      name: 'labelSelectorTerm and fieldSelectorTerm was set, both node fields and labels (both matched)',
      selector: selector({ matchExpressions: [req('label_1', 'In', ['label_1_val'])], matchFields: [req('metadata.name', 'In', ['host_1'])] }),
      node: node('host_1', { label_1: 'label_1_val' }),
      want: true,
    },
    {
      name: 'labelSelectorTerm and fieldSelectorTerm was set, both node fields and labels (one mismatched)',
      selector: selector({ matchExpressions: [req('label_1', 'In', ['label_1_val'])], matchFields: [req('metadata.name', 'In', ['host_1'])] }),
      node: node('host_1', { label_1: 'label_1_val-failed' }),
      want: false,
    },
    {
      name: 'multi-selector was set, both node fields and labels (one mismatched)',
      selector: selector(
        { matchExpressions: [req('label_1', 'In', ['label_1_val'])] },
        { matchFields: [req('metadata.name', 'In', ['host_1'])] },
      ),
      node: node('host_1', { label_1: 'label_1_val-failed' }),
      want: true,
    },
  ];
  test.each(cases)('$name', ({ selector: s, node: n, want }) => {
    expect(nodeSelectorMatches(s, n)).toBe(want);
  });

  test('TestMatchNodeSelectorTermsStateless: matching does not modify the selector', () => {
    const s = selector({ matchExpressions: [req('label_1', 'In', ['label_2_val', 'label_1_val'])], matchFields: [req('metadata.name', 'In', ['host_2', 'host_1'])] });
    const before = JSON.stringify(s);
    nodeSelectorMatches(s, node('host_1', { label_1: 'label_1_val' }));
    expect(JSON.stringify(s)).toBe(before);
  });
});

// kubernetes/kubernetes staging/src/k8s.io/apimachinery/pkg/labels/selector_test.go
// TestRequirementConstructor (labels.NewRequirement). Node selector operators only: x5 (Equals with two values)
// is left out; x16 and x17 use Equals upstream and are ported with In, which validates values the same way.
describe('selector_test.go TestRequirementConstructor', () => {
  const cases: Array<{ key: string; op: string; vals?: string[]; ok: boolean; note?: string }> = [
    { key: 'x1', op: 'In', ok: false },
    { key: 'x2', op: 'NotIn', vals: [], ok: false },
    { key: 'x3', op: 'In', vals: ['foo'], ok: true },
    { key: 'x4', op: 'NotIn', vals: ['foo'], ok: true },
    { key: 'x6', op: 'Exists', ok: true },
    { key: 'x7', op: 'DoesNotExist', ok: true },
    { key: 'x8', op: 'Exists', vals: ['foo'], ok: false },
    { key: 'x9', op: 'In', vals: ['bar'], ok: true },
    { key: 'x10', op: 'In', vals: ['bar'], ok: true },
    { key: 'x11', op: 'Gt', vals: ['1'], ok: true },
    { key: 'x12', op: 'Lt', vals: ['6'], ok: true },
    { key: 'x13', op: 'Gt', ok: false },
    { key: 'x14', op: 'Gt', vals: ['bar'], ok: false },
    { key: 'x15', op: 'Lt', vals: ['bar'], ok: false },
    { key: 'a'.repeat(254), op: 'Exists', ok: false, note: 'breaks DNS rule that len(key) <= 253' },
    { key: 'x16', op: 'In', vals: ['a'.repeat(254)], ok: false, note: 'Equals upstream' },
    { key: 'x17', op: 'In', vals: ['a b'], ok: false, note: 'Equals upstream' },
    { key: 'x18', op: 'unsupportedOp', ok: false },
    // the older table's extra rows
    { key: '1foo', op: 'In', vals: ['bar'], ok: true },
    { key: '1234', op: 'In', vals: ['bar'], ok: true },
  ];
  test.each(cases)('$key $op $vals -> ok=$ok', ({ key, op, vals, ok }) => {
    const error = labelRequirementError(req(key, op, vals));
    if (ok) expect(error).toBeUndefined();
    else expect(error).toEqual(expect.any(String));
  });
});

// kubernetes/kubernetes staging/src/k8s.io/apimachinery/pkg/labels/selector_test.go
// TestSelectorMatches. Selector strings become requirements: `x` Exists, `!x` DoesNotExist, `x>1` Gt, `x<1` Lt;
// `x=y` and `x!=y` use Equals/NotEquals upstream, which Requirement.Matches evaluates exactly like In/NotIn with one
// value, so they are ported as In/NotIn. A comma (AND) becomes several requirements in one term. The empty selector
// (Everything) is left out: an empty nodeSelectorTerm matches nothing, by design.
describe('selector_test.go TestSelectorMatches', () => {
  const cases: Array<{ sel: string; reqs: NodeSelectorRequirement[]; labels: { [key: string]: string }; want: boolean }> = [
    { sel: 'x=y', reqs: [req('x', 'In', ['y'])], labels: { x: 'y' }, want: true },
    { sel: 'x=y,z=w', reqs: [req('x', 'In', ['y']), req('z', 'In', ['w'])], labels: { x: 'y', z: 'w' }, want: true },
    { sel: 'x!=y,z!=w', reqs: [req('x', 'NotIn', ['y']), req('z', 'NotIn', ['w'])], labels: { x: 'z', z: 'a' }, want: true },
    { sel: 'notin=in', reqs: [req('notin', 'In', ['in'])], labels: { notin: 'in' }, want: true },
    { sel: 'x', reqs: [req('x', 'Exists')], labels: { x: 'z' }, want: true },
    { sel: '!x', reqs: [req('x', 'DoesNotExist')], labels: { y: 'z' }, want: true },
    { sel: 'x>1', reqs: [req('x', 'Gt', ['1'])], labels: { x: '2' }, want: true },
    { sel: 'x<1', reqs: [req('x', 'Lt', ['1'])], labels: { x: '0' }, want: true },
    { sel: 'x=z', reqs: [req('x', 'In', ['z'])], labels: {}, want: false },
    { sel: 'x=y', reqs: [req('x', 'In', ['y'])], labels: { x: 'z' }, want: false },
    { sel: 'x=y,z=w', reqs: [req('x', 'In', ['y']), req('z', 'In', ['w'])], labels: { x: 'w', z: 'w' }, want: false },
    { sel: 'x!=y,z!=w', reqs: [req('x', 'NotIn', ['y']), req('z', 'NotIn', ['w'])], labels: { x: 'z', z: 'w' }, want: false },
    { sel: 'x', reqs: [req('x', 'Exists')], labels: { y: 'z' }, want: false },
    { sel: '!x', reqs: [req('x', 'DoesNotExist')], labels: { x: 'z' }, want: false },
    { sel: 'x>1', reqs: [req('x', 'Gt', ['1'])], labels: { x: '0' }, want: false },
    { sel: 'x<1', reqs: [req('x', 'Lt', ['1'])], labels: { x: '2' }, want: false },
    { sel: 'foo=bar', reqs: [req('foo', 'In', ['bar'])], labels: { foo: 'bar', baz: 'blah' }, want: true },
    { sel: 'baz=blah', reqs: [req('baz', 'In', ['blah'])], labels: { foo: 'bar', baz: 'blah' }, want: true },
    { sel: 'foo=bar,baz=blah', reqs: [req('foo', 'In', ['bar']), req('baz', 'In', ['blah'])], labels: { foo: 'bar', baz: 'blah' }, want: true },
    { sel: 'foo=blah', reqs: [req('foo', 'In', ['blah'])], labels: { foo: 'bar', baz: 'blah' }, want: false },
    { sel: 'baz=bar', reqs: [req('baz', 'In', ['bar'])], labels: { foo: 'bar', baz: 'blah' }, want: false },
    {
      sel: 'foo=bar,foobar=bar,baz=blah',
      reqs: [req('foo', 'In', ['bar']), req('foobar', 'In', ['bar']), req('baz', 'In', ['blah'])],
      labels: { foo: 'bar', baz: 'blah' },
      want: false,
    },
  ];
  test.each(cases)('$sel on $labels -> $want', ({ reqs, labels, want }) => {
    expect(reqs.every((r) => labelRequirementError(r) === undefined)).toBe(true);
    expect(termMatches({ matchExpressions: reqs }, node('n', labels))).toBe(want);
  });
});

// kubernetes/kubernetes staging/src/k8s.io/apimachinery/pkg/labels/selector_test.go
// TestRequirementSelectorMatching (the first row, a zero-value Requirement, cannot be built from the API).
describe('selector_test.go TestRequirementSelectorMatching', () => {
  const cases: Array<{ labels: { [key: string]: string }; reqs: NodeSelectorRequirement[]; want: boolean }> = [
    { labels: { x: 'foo', y: 'baz' }, reqs: [req('x', 'In', ['foo']), req('y', 'NotIn', ['alpha'])], want: true },
    { labels: { x: 'foo', y: 'baz' }, reqs: [req('x', 'In', ['foo']), req('y', 'In', ['alpha'])], want: false },
    { labels: { y: '' }, reqs: [req('x', 'NotIn', ['']), req('y', 'Exists')], want: true },
    { labels: { y: '' }, reqs: [req('x', 'DoesNotExist'), req('y', 'Exists')], want: true },
    { labels: { y: '' }, reqs: [req('x', 'NotIn', ['']), req('y', 'DoesNotExist')], want: false },
    { labels: { y: 'baz' }, reqs: [req('x', 'In', [''])], want: false },
    { labels: { z: '2' }, reqs: [req('z', 'Gt', ['1'])], want: true },
    { labels: { z: 'v2' }, reqs: [req('z', 'Gt', ['1'])], want: false },
  ];
  test.each(cases)('%#', ({ labels, reqs, want }) => {
    expect(reqs.every((r) => labelRequirementError(r) === undefined)).toBe(true);
    expect(reqs.every((r) => labelRequirementMatches(r, labels))).toBe(want);
    expect(termMatches({ matchExpressions: reqs }, node('n', labels))).toBe(want);
  });
});

// kubernetes/kubernetes staging/src/k8s.io/apimachinery/pkg/labels/selector_test.go
// TestSetMatches (labels.SelectorFromSet, which is how the scheduler reads spec.nodeSelector). The nodes have no
// taints, so podFitsNode decides exactly the nodeSelector.
describe('selector_test.go TestSetMatches (spec.nodeSelector)', () => {
  const labelset = { foo: 'bar', baz: 'blah' };
  const sets: Array<{ [key: string]: string }> = [{}, { foo: 'bar' }, { baz: 'blah' }, { foo: 'bar', baz: 'blah' }];
  test.each(sets)('%j matches', (set) => {
    expect(podFitsNode({ nodeSelector: set }, node('n', labelset))).toBe(true);
  });
  test('a nodeSelector asking for an empty value needs the label present with an empty value', () => {
    expect(podFitsNode({ nodeSelector: { foo: '' } }, node('n', {}))).toBe(false);
    expect(podFitsNode({ nodeSelector: { foo: '' } }, node('n', { foo: '' }))).toBe(true);
  });
});

// Not an upstream table: Gt/Lt values, from the source of labels.NewRequirement and Requirement.Matches
// (kubernetes/kubernetes staging/src/k8s.io/apimachinery/pkg/labels/selector.go). NewRequirement parses a Gt/Lt value
// with strconv.ParseInt(v, 10, 64) AND then validates every value as a label value, so a negative bound ("-1") or a
// signed one ("+1") is rejected (a label value must start with an alphanumeric character) and the term matches no
// node, even though the API server accepts the pod. The node's label is only parsed with ParseInt.
describe('selector.go: Gt/Lt values', () => {
  test.each([
    ['1', true],
    ['0', true],
    ['01', true],
    ['9223372036854775807', true],
    ['-1', false],
    ['+1', false],
    ['9223372036854775808', false],
    ['1.5', false],
    ['', false],
    ['0x10', false],
    ['1_000', false],
  ])('Gt %j valid=%j', (value, valid) => {
    expect(labelRequirementError(req('x', 'Gt', [value])) === undefined).toBe(valid);
    expect(labelRequirementError(req('x', 'Lt', [value])) === undefined).toBe(valid);
  });
  test('Gt/Lt need exactly one value', () => {
    expect(labelRequirementError(req('x', 'Gt', ['1', '2']))).toMatch(/exactly one value/);
    expect(labelRequirementError(req('x', 'Lt', []))).toMatch(/exactly one value/);
  });
  test('a negative bound makes the term match nothing', () => {
    expect(termMatches({ matchExpressions: [req('x', 'Gt', ['-1'])] }, node('n', { x: '5' }))).toBe(false);
  });
  test('comparison is numeric, strict, and needs the label to parse', () => {
    const gt = (bound: string, value?: string) => labelRequirementMatches(req('x', 'Gt', [bound]), value === undefined ? {} : { x: value });
    const lt = (bound: string, value?: string) => labelRequirementMatches(req('x', 'Lt', [bound]), value === undefined ? {} : { x: value });
    expect(gt('9', '10')).toBe(true); // not a string comparison
    expect(gt('10', '10')).toBe(false);
    expect(lt('10', '10')).toBe(false);
    expect(lt('10', '9')).toBe(true);
    expect(gt('0204', '0206')).toBe(true); // leading zeros parse
    expect(gt('1')).toBe(false); // missing label
    expect(lt('1')).toBe(false);
    expect(gt('1', 'v2')).toBe(false);
    expect(gt('1', '9223372036854775808')).toBe(false); // out of int64 range does not parse
    expect(lt('1', '-5')).toBe(true); // the node's value is parsed, not validated
    expect(gt('9223372036854775806', '9223372036854775807')).toBe(true);
  });
});
