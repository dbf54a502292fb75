import fc from 'fast-check';
import { excludeFargate, UnschedulableError } from '../../lib/affinity/exclusion';
import { termUnsatisfiableReason } from '../../lib/affinity/satisfiability';
import { labelRequirementMatches } from '../../lib/k8s/labels';
import { Affinity, KubernetesNode, NodeSelectorRequirement } from '../../lib/k8s/types';
import { nodeSelectorMatches, termMatches } from '../../lib/scheduling/node-affinity';
import * as arb from './arbitraries';

const admits = (affinity: Affinity | undefined, node: KubernetesNode) =>
  nodeSelectorMatches(affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution, node);
const excluded = (exclusions: NodeSelectorRequirement[], node: KubernetesNode) =>
  !exclusions.every((req) => labelRequirementMatches(req, node.metadata.labels ?? {}));

describe('excludeFargate (properties)', () => {
  test('never admits an excluded node, and admits exactly the other nodes the input admitted', () => {
    fc.assert(fc.property(arb.affinity, arb.exclusions, fc.array(arb.node, { minLength: 1, maxLength: 12 }), (input, exclusions, nodes) => {
      let result: Affinity;
      try {
        result = excludeFargate(input, exclusions);
      } catch (error) {
        if (!(error instanceof UnschedulableError)) throw error;
        // Scheduled nowhere: then no node may fit the input and the exclusions together.
        for (const n of nodes) expect(admits(input, n) && !excluded(exclusions, n)).toBe(false);
        return;
      }
      for (const n of nodes) {
        expect(admits(result, n)).toBe(admits(input, n) && !excluded(exclusions, n));
      }
    }), { numRuns: 3000 });
  });

  test('is idempotent and keeps preferred terms and pod (anti-)affinity untouched', () => {
    fc.assert(fc.property(arb.affinity, arb.exclusions, (input, exclusions) => {
      let once: Affinity;
      try {
        once = excludeFargate(input, exclusions);
      } catch (error) {
        if (error instanceof UnschedulableError) return;
        throw error;
      }
      expect(excludeFargate(once, exclusions)).toEqual(once);
      expect(once.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution)
        .toBe(input?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution);
      expect(once.podAntiAffinity).toBe(input?.podAntiAffinity);
      expect(once.podAffinity).toBe(input?.podAffinity);
    }), { numRuns: 1000 });
  });

  test('does not change its input', () => {
    fc.assert(fc.property(arb.affinity, arb.exclusions, (input, exclusions) => {
      const before = JSON.stringify(input);
      try { excludeFargate(input, exclusions); } catch { /* scheduled nowhere */ }
      expect(JSON.stringify(input)).toBe(before);
    }), { numRuns: 300 });
  });

  test('a term judged unsatisfiable matches no node', () => {
    fc.assert(fc.property(arb.term, arb.exclusions, fc.array(arb.node, { minLength: 1, maxLength: 12 }), (t, exclusions, nodes) => {
      if (termUnsatisfiableReason(t, { extraRequirements: exclusions }) === undefined) return;
      for (const n of nodes) expect(termMatches(t, n) && !excluded(exclusions, n)).toBe(false);
    }), { numRuns: 3000 });
  });
});
