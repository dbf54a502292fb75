import fc from 'fast-check';
import { DEFAULT_NODE_EXPORTER_EXCLUSIONS } from '../../lib/affinity/exclusion';
import { overlayFor } from '../../lib/guard/overlay';
import { decideRelease, ReleaseDecision, ReleaseDecisionInput } from '../../lib/guard/release-decision';
import { labelRequirementMatches } from '../../lib/k8s/labels';
import { Affinity, KubernetesNode } from '../../lib/k8s/types';
import { FLUENT_BIT, KUBE_PROMETHEUS_STACK, PROMETHEUS_NODE_EXPORTER } from '../../lib/placement/daemonset-charts';
import { nodeSelectorMatches } from '../../lib/scheduling/node-affinity';
import { ParsedSetEntry } from '../../lib/values/exclusion-plan';
import { mergeValues, valueAt, ValuesMap } from '../../lib/values/merge';
import { parseSetEntries } from '../../lib/values/set-entries';
import { applyAssignment } from '../../lib/values/strvals';
import * as arb from '../affinity/arbitraries';

const FARGATE = { key: 'eks.amazonaws.com/compute-type', operator: 'NotIn', values: ['fargate'] };
const VIRTUAL_KUBELET = { key: 'type', operator: 'NotIn', values: ['virtual-kubelet'] };
const AMD64 = { key: 'kubernetes.io/arch', operator: 'In', values: ['amd64'] };
const required = (...terms: object[]) => ({ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } } });
const exporter = (values: object) => ({ 'prometheus-node-exporter': values });
const AFFINITY_PATH = ['prometheus-node-exporter', 'affinity'];

function sets(...entries: { name: string; value: string }[]): ParsedSetEntry[] {
  return parseSetEntries({ set: entries }).parsed;
}

function decide(input: Partial<ReleaseDecisionInput>): ReleaseDecision {
  return decideRelease({ chart: KUBE_PROMETHEUS_STACK, documents: [], setEntries: [], exclusions: DEFAULT_NODE_EXPORTER_EXCLUSIONS, ...input });
}

/** The values Helm gets once the decision is applied: documents, the appended one, then the sets that are left. */
function fixedValues(input: { documents: (ValuesMap | undefined)[]; setEntries: ParsedSetEntry[] }, decision: ReleaseDecision): ValuesMap {
  if (decision.type !== 'fix') throw new Error(`expected a fix, got ${decision.type}`);
  let values: ValuesMap = {};
  for (const doc of [...input.documents, decision.document]) if (doc) values = mergeValues(values, doc);
  const removed = new Set(decision.removedEntries);
  for (const entry of input.setEntries) if (!removed.has(entry)) for (const a of entry.assignments) values = applyAssignment(values, a);
  return values;
}

describe('decideRelease', () => {
  test('no affinity at all: fix with one term holding the exclusions', () => {
    const decision = decide({ documents: [{ grafana: { enabled: false } }] });
    expect(decision).toMatchObject({
      type: 'fix',
      reasons: ['no required node affinity excludes eks.amazonaws.com/compute-type NotIn [fargate] and type NotIn [virtual-kubelet]'],
      document: exporter({ affinity: required({ matchExpressions: [FARGATE, VIRTUAL_KUBELET] }) }),
      removedEntries: [],
      unreadableDocuments: [],
    });
  });

  test('a later document replaces an earlier term list: only the effective terms are fixed, each named when it lacks the exclusion', () => {
    const documents = [
      exporter({ affinity: required({ matchExpressions: [FARGATE, VIRTUAL_KUBELET] }) }),
      exporter({ affinity: required({ matchExpressions: [AMD64] }, { matchExpressions: [AMD64, FARGATE, VIRTUAL_KUBELET] }) }),
    ];
    const decision = decide({ documents });
    expect(decision.type === 'fix' && decision.reasons).toEqual(['required node affinity term 1 of 2 does not exclude eks.amazonaws.com/compute-type NotIn [fargate] and type NotIn [virtual-kubelet]']);
    expect(valueAt(fixedValues({ documents, setEntries: [] }, decision), AFFINITY_PATH)).toEqual(required(
      { matchExpressions: [AMD64, FARGATE, VIRTUAL_KUBELET] },
      { matchExpressions: [AMD64, FARGATE, VIRTUAL_KUBELET] },
    ));
  });

  test('compliant: every term already holds the exclusions and no set entry touches the affinity', () => {
    expect(decide({ documents: [exporter({ affinity: required({ matchExpressions: [AMD64, VIRTUAL_KUBELET, FARGATE] }) })], setEntries: sets({ name: 'grafana.enabled', value: 'false' }) }))
      .toEqual({ type: 'compliant' });
  });

  test('a set entry on the affinity is folded into the document, with everything it set (preferred terms too), and removed', () => {
    const documents = [exporter({ affinity: { ...required({ matchExpressions: [AMD64] }), podAntiAffinity: { x: 1 } } })];
    const setEntries = sets(
      { name: 'prometheus-node-exporter.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight', value: '10' },
      { name: 'grafana.enabled', value: 'false' },
      { name: 'prometheus-node-exporter.affinity.podAntiAffinity', value: 'null' },
    );
    const decision = decide({ documents, setEntries });
    expect(decision.type).toBe('fix');
    if (decision.type !== 'fix') return;
    expect(decision.removedEntries.map((e) => `${e.kind}[${e.index}]`)).toEqual(['set[0]', 'set[2]']);
    const values = fixedValues({ documents, setEntries }, decision);
    expect(valueAt(values, AFFINITY_PATH)).toEqual({
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [AMD64, FARGATE, VIRTUAL_KUBELET] }] },
        preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 10 }],
      },
      podAntiAffinity: null,
    });
    expect(values.grafana).toEqual({ enabled: false });
  });

  test('a set entry that sets the affinity and something else cannot be folded', () => {
    const decision = decide({ setEntries: sets({ name: 'prometheus-node-exporter.affinity.nodeAffinity.x', value: 'a,grafana.enabled=false' }) });
    expect(decision).toMatchObject({ type: 'unfixable', problems: [expect.stringContaining('together with other values')] });
  });

  test('an unreadable document: replaced terms when it comes last, compliant when a readable document after it holds the exclusion', () => {
    const compliant = exporter({ affinity: required({ matchExpressions: [FARGATE, VIRTUAL_KUBELET] }) });
    expect(decide({ documents: [undefined, compliant] })).toEqual({ type: 'compliant' });
    const decision = decide({ documents: [compliant, undefined] });
    expect(decision).toMatchObject({
      type: 'fix',
      reasons: ['values[1] is a Terraform expression, and no readable document after it sets the required node affinity'],
      unreadableDocuments: [1],
    });
  });

  test('no DaemonSet: the exporter disabled (values or set), fluent-bit as a Deployment; not with an unreadable document after the switch', () => {
    expect(decide({ documents: [{ nodeExporter: { enabled: false } }] })).toEqual({ type: 'no-daemonset', reason: 'nodeExporter.enabled is false: the chart renders no DaemonSet' });
    expect(decide({ documents: [undefined], setEntries: sets({ name: 'nodeExporter.enabled', value: 'false' }) }).type).toBe('no-daemonset');
    expect(decide({ documents: [{ nodeExporter: { enabled: false } }, undefined] }).type).toBe('fix');
    expect(decideRelease({ chart: FLUENT_BIT, documents: [{ kind: 'Deployment' }], setEntries: [], exclusions: DEFAULT_NODE_EXPORTER_EXCLUSIONS }).type).toBe('no-daemonset');
    expect(decideRelease({ chart: FLUENT_BIT, documents: [{}], setEntries: [], exclusions: DEFAULT_NODE_EXPORTER_EXCLUSIONS }).type).toBe('fix');
  });

  test('constraints that contradict the exclusion cannot be fixed', () => {
    const decision = decideRelease({
      chart: PROMETHEUS_NODE_EXPORTER,
      documents: [{ nodeSelector: { 'eks.amazonaws.com/compute-type': 'fargate' } }],
      setEntries: [],
      exclusions: DEFAULT_NODE_EXPORTER_EXCLUSIONS,
    });
    expect(decision).toMatchObject({ type: 'unfixable', problems: [expect.stringMatching(/node-exporter would be scheduled nowhere.*nodeSelector/)] });
    expect(decide({ documents: [exporter({ affinity: 'amd64' })] })).toMatchObject({ type: 'unfixable', problems: [expect.stringContaining('is not a valid Kubernetes affinity')] });
  });

  test('idempotent: with the appended document, the release is compliant', () => {
    const input = { documents: [exporter({ affinity: required({ matchExpressions: [AMD64] }) })], setEntries: sets({ name: 'prometheus-node-exporter.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values[1]', value: 'arm64' }) };
    const decision = decide(input);
    if (decision.type !== 'fix') throw new Error(decision.type);
    const kept = input.setEntries.filter((e) => !decision.removedEntries.includes(e));
    expect(decide({ documents: [...input.documents, decision.document], setEntries: kept })).toEqual({ type: 'compliant' });
  });
});

describe('overlayFor', () => {
  test('merged over its base, it gives the target (keys only the base has become null)', () => {
    expect(overlayFor({ a: { x: 1, y: 2 }, b: [1] }, { a: { x: 3 }, c: 1 })).toEqual({ a: { x: 3, y: null }, c: 1, b: null });
    expect(overlayFor('scalar', { a: 1 })).toEqual({ a: 1 });
    expect(overlayFor({ a: 1 }, null)).toBeNull();
  });
});

describe('decideRelease (properties)', () => {
  const admits = (affinity: unknown, node: KubernetesNode) =>
    nodeSelectorMatches((affinity as Affinity | undefined)?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution, node);
  const excluded = (node: KubernetesNode) => !DEFAULT_NODE_EXPORTER_EXCLUSIONS.every((r) => labelRequirementMatches(r, node.metadata.labels ?? {}));
  const TERMS = 'prometheus-node-exporter.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms';

  const document: fc.Arbitrary<ValuesMap> = fc.oneof(
    arb.affinity.map((affinity) => exporter({ affinity: affinity ?? null })),
    fc.constant({ grafana: { enabled: false } }),
    fc.constant(exporter({ affinity: null })),
  );
  const setEntry = fc.oneof(
    // Change a value of the first requirement of the first term (what people do to tweak a chart default).
    fc.record({ name: fc.constant(`${TERMS}[0].matchExpressions[0].values[0]`), value: fc.constantFrom(...arb.LABEL_VALUES) }),
    // A whole requirement in one entry: several assignments, all under the affinity.
    fc.tuple(fc.constantFrom(0, 0, 0, 1), fc.constantFrom(...arb.LABEL_KEYS), fc.constantFrom('In', 'NotIn'), fc.constantFrom(...arb.LABEL_VALUES)).map(([t, key, op, v]) => ({
      name: `${TERMS}[${t}].matchExpressions[0].key`,
      value: `${key},${TERMS}[${t}].matchExpressions[0].operator=${op},${TERMS}[${t}].matchExpressions[0].values={${v}}`,
    })),
    fc.constant({ name: 'prometheus-node-exporter.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight', value: '5' }),
    fc.constant({ name: 'grafana.enabled', value: 'true' }),
  );

  test('after the fix, Helm\'s affinity never admits an excluded node and admits exactly the other nodes the user\'s values admitted', () => {
    fc.assert(fc.property(
      fc.array(document, { minLength: 1, maxLength: 3 }),
      fc.array(setEntry, { maxLength: 2 }),
      fc.array(arb.node, { minLength: 1, maxLength: 10 }),
      (documents, rawSets, nodes) => {
        const setEntries = parseSetEntries({ set: rawSets }).parsed;
        let original: ValuesMap = {};
        for (const doc of documents) original = mergeValues(original, doc);
        for (const e of setEntries) for (const a of e.assignments) original = applyAssignment(original, a);
        const userAffinity = valueAt(original, AFFINITY_PATH);

        const decision = decide({ documents, setEntries });
        if (decision.type === 'unfixable') {
          // Only when the user's own values are malformed, or admit no node but excluded ones: never a silent pass.
          expect(decision.problems.length).toBeGreaterThan(0);
          if (decision.problems.some((p) => p.includes('would be scheduled nowhere'))) {
            for (const node of nodes) expect(admits(userAffinity, node) && !excluded(node)).toBe(false);
          }
          return;
        }
        const finalAffinity = decision.type === 'compliant' ? userAffinity : valueAt(fixedValues({ documents, setEntries }, decision), AFFINITY_PATH);
        for (const node of nodes) {
          if (decision.type === 'compliant') expect(admits(finalAffinity, node) && excluded(node)).toBe(false);
          else expect(admits(finalAffinity, node)).toBe(admits(userAffinity, node) && !excluded(node));
        }
      },
    ), { numRuns: 1500 });
  });
});
