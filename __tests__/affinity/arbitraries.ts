// fast-check generators for node affinities, exclusions and nodes over a small label vocabulary,
// so that random nodes often hit the labels random terms talk about.
import fc from 'fast-check';
import { Affinity, KubernetesNode, NodeSelectorRequirement, NodeSelectorTerm } from '../../lib/k8s/types';

export const LABEL_KEYS = ['eks.amazonaws.com/compute-type', 'type', 'kubernetes.io/arch', 'team', 'size'];
export const LABEL_VALUES = ['fargate', 'auto', 'hybrid', 'virtual-kubelet', 'amd64', 'arm64', 'a', '1', '5', '10', '007'];
export const NODE_NAMES = ['n1', 'n2', 'n3'];

const labelValue = fc.constantFrom(...LABEL_VALUES);

export const requirement: fc.Arbitrary<NodeSelectorRequirement> = fc.oneof(
  fc.record({ key: fc.constantFrom(...LABEL_KEYS), operator: fc.constantFrom('In', 'NotIn'), values: fc.uniqueArray(labelValue, { minLength: 1, maxLength: 3 }) }),
  fc.record({ key: fc.constantFrom(...LABEL_KEYS), operator: fc.constantFrom('Exists', 'DoesNotExist') }),
  fc.record({ key: fc.constantFrom('size', 'team'), operator: fc.constantFrom('Gt', 'Lt'), values: fc.tuple(fc.constantFrom('0', '1', '5', '9', '10', 'x')).map((v) => [...v]) }),
  // Rare invalid ones: a term holding one matches nothing.
  fc.record({ key: fc.constantFrom(...LABEL_KEYS), operator: fc.constantFrom('In', 'Exists', 'Bogus'), values: fc.constantFrom<string[]>([], ['a'], ['not valid!']) }),
);

const fieldRequirement: fc.Arbitrary<NodeSelectorRequirement> = fc.record({
  key: fc.constantFrom('metadata.name', 'metadata.name', 'spec.unschedulable'),
  operator: fc.constantFrom('In', 'NotIn'),
  values: fc.oneof(fc.tuple(fc.constantFrom(...NODE_NAMES)).map((v): string[] => [...v]), fc.constant<string[]>(['n1', 'n2'])),
});

export const term: fc.Arbitrary<NodeSelectorTerm> = fc.record(
  { matchExpressions: fc.array(requirement, { maxLength: 3 }), matchFields: fc.array(fieldRequirement, { maxLength: 1 }) },
  { requiredKeys: [] },
);

export const affinity: fc.Arbitrary<Affinity | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.constant({}),
  fc.record({
    nodeAffinity: fc.record({
      requiredDuringSchedulingIgnoredDuringExecution: fc.record({ nodeSelectorTerms: fc.array(term, { minLength: 1, maxLength: 3 }) }),
      preferredDuringSchedulingIgnoredDuringExecution: fc.array(fc.record({ weight: fc.integer({ min: 1, max: 100 }), preference: term }), { maxLength: 1 }),
    }, { requiredKeys: [] }),
    podAntiAffinity: fc.constant({ requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'kubernetes.io/hostname' }] }),
  }, { requiredKeys: [] }),
);

const validExclusion: fc.Arbitrary<NodeSelectorRequirement> = fc.oneof(
  fc.constant<NodeSelectorRequirement>({ key: 'eks.amazonaws.com/compute-type', operator: 'NotIn', values: ['fargate'] }),
  fc.constant<NodeSelectorRequirement>({ key: 'type', operator: 'NotIn', values: ['virtual-kubelet'] }),
  fc.record({ key: fc.constantFrom(...LABEL_KEYS), operator: fc.constant('NotIn'), values: fc.uniqueArray(labelValue, { minLength: 1, maxLength: 2 }) }),
  fc.record({ key: fc.constantFrom('team', 'size'), operator: fc.constant('DoesNotExist') }),
);

export const exclusions = fc.uniqueArray(validExclusion, { minLength: 1, maxLength: 3, selector: (r) => JSON.stringify(r) });

export const node: fc.Arbitrary<KubernetesNode> = fc.record({
  metadata: fc.record({
    name: fc.constantFrom(...NODE_NAMES),
    labels: fc.dictionary(fc.constantFrom(...LABEL_KEYS), labelValue, { maxKeys: 4 }),
  }),
});
