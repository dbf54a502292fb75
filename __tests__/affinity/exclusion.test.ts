import { DEFAULT_NODE_EXPORTER_EXCLUSIONS, excludeFargate, excludesInEveryTerm, InvalidAffinityError, UnschedulableError } from '../../lib/affinity/exclusion';
import { Affinity } from '../../lib/k8s/types';

const FARGATE = { key: 'eks.amazonaws.com/compute-type', operator: 'NotIn', values: ['fargate'] };
const VIRTUAL_KUBELET = { key: 'type', operator: 'NotIn', values: ['virtual-kubelet'] };
const AMD64 = { key: 'kubernetes.io/arch', operator: 'In', values: ['amd64'] };

const required = (a: Affinity) => a.nodeAffinity!.requiredDuringSchedulingIgnoredDuringExecution!.nodeSelectorTerms;

describe('excludeFargate', () => {
  test('the default exclusions are what the upstream node-exporter chart excludes, with NotIn', () => {
    expect(DEFAULT_NODE_EXPORTER_EXCLUSIONS).toEqual([FARGATE, VIRTUAL_KUBELET]);
  });

  test.each([undefined, null, {}, { nodeAffinity: {} }, { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: null as any } }])(
    'creates one term holding the exclusions when there is no required node affinity (%p)', (input) => {
      expect(required(excludeFargate(input))).toEqual([{ matchExpressions: [FARGATE, VIRTUAL_KUBELET] }]);
    });

  test('ANDs the exclusions into every term, keeping the user terms and matchFields', () => {
    const input: Affinity = {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [
            { matchExpressions: [AMD64] },
            { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['ip-10-0-1-5.ec2.internal'] }] },
          ],
        },
      },
    };
    expect(required(excludeFargate(input))).toEqual([
      { matchExpressions: [AMD64, FARGATE, VIRTUAL_KUBELET] },
      { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['ip-10-0-1-5.ec2.internal'] }], matchExpressions: [FARGATE, VIRTUAL_KUBELET] },
    ]);
  });

  test('keeps preferred terms, podAffinity and podAntiAffinity as they are', () => {
    const preferred = [{ weight: 10, preference: { matchExpressions: [AMD64] } }];
    const podAntiAffinity = { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'kubernetes.io/hostname' }] };
    const podAffinity = { preferredDuringSchedulingIgnoredDuringExecution: [] };
    const out = excludeFargate({ nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: preferred }, podAntiAffinity, podAffinity });
    expect(out.nodeAffinity!.preferredDuringSchedulingIgnoredDuringExecution).toBe(preferred);
    expect(out.podAntiAffinity).toBe(podAntiAffinity);
    expect(out.podAffinity).toBe(podAffinity);
  });

  test('is idempotent and does not add a requirement the term already holds (values in any order)', () => {
    const once = excludeFargate({ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [AMD64] }] } } });
    expect(excludeFargate(once)).toEqual(once);
    const twoValues = { key: 'eks.amazonaws.com/compute-type', operator: 'NotIn', values: ['hybrid', 'fargate'] };
    const out = excludeFargate(undefined, [{ ...twoValues, values: ['fargate', 'hybrid'] }]);
    expect(excludeFargate(out, [twoValues])).toEqual(out);
  });

  test('drops a term that can only match excluded nodes, keeps the others', () => {
    const onlyFargate = { matchExpressions: [{ key: 'eks.amazonaws.com/compute-type', operator: 'In', values: ['fargate'] }] };
    const out = excludeFargate({ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [onlyFargate, { matchExpressions: [AMD64] }] } } });
    expect(required(out)).toEqual([{ matchExpressions: [AMD64, FARGATE, VIRTUAL_KUBELET] }]);
  });

  test('drops an empty term rather than turning it into one that matches (an empty term matches nothing)', () => {
    const out = excludeFargate({ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{}, { matchExpressions: [AMD64] }] } } });
    expect(required(out)).toHaveLength(1);
  });

  test('keeps EKS Auto Mode and Hybrid nodes: compute-type In [auto, hybrid, fargate] keeps its term', () => {
    const term = { matchExpressions: [{ key: 'eks.amazonaws.com/compute-type', operator: 'In', values: ['auto', 'hybrid', 'fargate'] }] };
    const out = excludeFargate({ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [term] } } });
    expect(required(out)).toEqual([{ matchExpressions: [...term.matchExpressions, FARGATE, VIRTUAL_KUBELET] }]);
  });

  test('throws, saying node-exporter would be scheduled nowhere, when no term is left', () => {
    const onlyFargate = { matchExpressions: [{ key: 'eks.amazonaws.com/compute-type', operator: 'In', values: ['fargate'] }] };
    expect(() => excludeFargate({ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [onlyFargate] } } }))
      .toThrow(UnschedulableError);
    expect(() => excludeFargate({ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [onlyFargate] } } }))
      .toThrow(/node-exporter would be scheduled nowhere.*term 1 \(eks.amazonaws.com\/compute-type In \[fargate\]\)/);
    expect(() => excludeFargate({ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [] } } }))
      .toThrow(/scheduled nowhere.*empty list/);
  });

  test('throws when the nodeSelector pins Fargate', () => {
    expect(() => excludeFargate(undefined, undefined, { nodeSelector: { 'eks.amazonaws.com/compute-type': 'fargate' } }))
      .toThrow(/scheduled nowhere.*nodeSelector \{eks.amazonaws.com\/compute-type: fargate\}/);
    expect(() => excludeFargate(undefined, undefined, { nodeSelector: { 'kubernetes.io/os': 'linux' } })).not.toThrow();
  });

  test('treats Terraform expressions as unknown values that may match', () => {
    const token = '${TfToken[TOKEN.42]}';
    const term = { matchExpressions: [{ key: 'eks.amazonaws.com/compute-type', operator: 'In', values: [token] }] };
    const out = excludeFargate({ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [term] } } }, undefined, {
      isOpaque: (v) => v.includes('TfToken'),
    });
    expect(required(out)).toEqual([{ matchExpressions: [...term.matchExpressions, FARGATE, VIRTUAL_KUBELET] }]);
  });

  test('rejects exclusions that are not valid requirements or exclude every node', () => {
    expect(() => excludeFargate(undefined, [])).toThrow(InvalidAffinityError);
    expect(() => excludeFargate(undefined, [{ key: 'bad key!', operator: 'NotIn', values: ['x'] }])).toThrow(/invalid exclusion/);
    expect(() => excludeFargate(undefined, [{ key: 'a', operator: 'Exists' }, { key: 'a', operator: 'DoesNotExist' }])).toThrow(/exclude every node/);
  });

  test('rejects affinities that are not shaped like the Kubernetes object', () => {
    expect(() => excludeFargate({ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: 'x' as any } } })).toThrow(/must be a list/);
    expect(() => excludeFargate({ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'size', operator: 'Gt', values: [5 as any] }] }] } } }))
      .toThrow(/quote numbers/);
  });

  test('excludesInEveryTerm tells whether an affinity is already compliant', () => {
    expect(excludesInEveryTerm(excludeFargate(undefined), DEFAULT_NODE_EXPORTER_EXCLUSIONS)).toBe(true);
    expect(excludesInEveryTerm(undefined, DEFAULT_NODE_EXPORTER_EXCLUSIONS)).toBe(false);
    expect(excludesInEveryTerm({ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [FARGATE, VIRTUAL_KUBELET] }, { matchExpressions: [AMD64] }] } } }, DEFAULT_NODE_EXPORTER_EXCLUSIONS)).toBe(false);
  });
});
