// Where the DaemonSet controller puts a daemon pod, on realistic EKS nodes and on the cases of Kubernetes' own
// DaemonSet controller tests.
import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import { KubernetesNode, Taint, Toleration } from '../../lib/k8s/types';
import { explainPodFitsNode, podFitsNode } from '../../lib/scheduling';
import type { DaemonPodPlacementSpec } from '../../lib/scheduling';

interface NodeList {
  apiVersion: string;
  kind: string;
  items: KubernetesNode[];
}

const nodeList: NodeList = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'eks-nodes.json'), 'utf8'));

function fixture(name: string): KubernetesNode {
  const found = nodeList.items.find((n) => n.metadata.name === name);
  if (!found) throw new Error(`no node ${name} in eks-nodes.json`);
  return found;
}

const ec2Amd64 = fixture('ip-10-0-11-37.ec2.internal');
const ec2Arm64 = fixture('ip-10-0-12-184.ec2.internal');
const fargate = fixture('fargate-ip-10-0-21-9.ec2.internal');
const autoMode = fixture('i-0a1b2c3d4e5f60718');
const hybrid = fixture('mi-0123456789abcdef0');
const virtualKubelet = fixture('virtual-node-aci-linux');
const windows = fixture('ip-10-0-13-77.ec2.internal');

describe('fixtures/eks-nodes.json', () => {
  test('is a kubectl get nodes -o json List', () => {
    expect(nodeList.apiVersion).toBe('v1');
    expect(nodeList.kind).toBe('List');
    expect(nodeList.items.map((n: any) => n.kind)).toEqual(Array(7).fill('Node'));
  });
  test('carries the labels and taints that tell EKS compute types apart', () => {
    expect(ec2Amd64.metadata.labels).toMatchObject({ 'eks.amazonaws.com/nodegroup': 'general', 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64' });
    expect(ec2Amd64.metadata.labels).not.toHaveProperty(['eks.amazonaws.com/compute-type']);
    expect(ec2Arm64.metadata.labels).toMatchObject({ 'kubernetes.io/arch': 'arm64' });
    expect(fargate.metadata.labels).toMatchObject({ 'eks.amazonaws.com/compute-type': 'fargate' });
    expect(fargate.spec?.taints).toEqual([{ key: 'eks.amazonaws.com/compute-type', value: 'fargate', effect: 'NoSchedule' }]);
    expect(autoMode.metadata.labels).toMatchObject({ 'eks.amazonaws.com/compute-type': 'auto', 'karpenter.sh/nodepool': 'general-purpose' });
    expect(hybrid.metadata.labels).toMatchObject({ 'eks.amazonaws.com/compute-type': 'hybrid' });
    expect(virtualKubelet.metadata.labels).toMatchObject({ type: 'virtual-kubelet' });
    expect(virtualKubelet.spec?.taints).toEqual([{ key: 'virtual-kubelet.io/provider', value: 'azure', effect: 'NoSchedule' }]);
    expect(windows.metadata.labels).toMatchObject({ 'kubernetes.io/os': 'windows' });
  });
});

// prometheus-node-exporter's placement: nodeSelector, the tolerate-every-NoSchedule toleration, hostNetwork.
const nodeExporter: DaemonPodPlacementSpec = {
  nodeSelector: { 'kubernetes.io/os': 'linux' },
  tolerations: [{ effect: 'NoSchedule', operator: 'Exists' }],
  hostNetwork: true,
};

const offFargateAndVirtualKubelet: DaemonPodPlacementSpec = {
  ...nodeExporter,
  affinity: {
    nodeAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: {
        nodeSelectorTerms: [
          {
            matchExpressions: [
              { key: 'eks.amazonaws.com/compute-type', operator: 'NotIn', values: ['fargate'] },
              { key: 'type', operator: 'NotIn', values: ['virtual-kubelet'] },
            ],
          },
        ],
      },
    },
  },
};

const placedOn = (spec: DaemonPodPlacementSpec) => nodeList.items.filter((n) => podFitsNode(spec, n)).map((n) => n.metadata.name);

describe('node-exporter on EKS', () => {
  test('without affinity it lands on every Linux node: EC2, Fargate(!), Auto Mode, Hybrid and virtual-kubelet', () => {
    expect(placedOn(nodeExporter)).toEqual([
      ec2Amd64.metadata.name,
      ec2Arm64.metadata.name,
      fargate.metadata.name,
      autoMode.metadata.name,
      hybrid.metadata.name,
      virtualKubelet.metadata.name,
    ]);
  });

  test('with compute-type NotIn [fargate] and type NotIn [virtual-kubelet] it lands on EC2, Auto Mode and Hybrid only', () => {
    expect(placedOn(offFargateAndVirtualKubelet)).toEqual([ec2Amd64.metadata.name, ec2Arm64.metadata.name, autoMode.metadata.name, hybrid.metadata.name]);
  });

  test('reasons', () => {
    expect(explainPodFitsNode(nodeExporter, windows)).toEqual({
      scheduled: false,
      reason: 'node selector kubernetes.io/os=linux does not match (kubernetes.io/os=windows)',
    });
    expect(explainPodFitsNode(nodeExporter, fargate)).toEqual({
      scheduled: true,
      reason: 'fits: tolerates eks.amazonaws.com/compute-type=fargate:NoSchedule (:NoSchedule op=Exists); nodeSelector matches',
    });
    expect(explainPodFitsNode(nodeExporter, ec2Amd64)).toEqual({ scheduled: true, reason: 'fits: no taints; nodeSelector matches' });
    expect(explainPodFitsNode(offFargateAndVirtualKubelet, ec2Amd64)).toEqual({ scheduled: true, reason: 'fits: no taints; nodeSelector and affinity match' });
    expect(explainPodFitsNode(offFargateAndVirtualKubelet, fargate)).toEqual({
      scheduled: false,
      reason: 'no required node affinity term matches (term 1: eks.amazonaws.com/compute-type NotIn [fargate] fails)',
    });
    expect(explainPodFitsNode(offFargateAndVirtualKubelet, virtualKubelet)).toEqual({
      scheduled: false,
      reason: 'no required node affinity term matches (term 1: type NotIn [virtual-kubelet] fails)',
    });
    expect(explainPodFitsNode({ nodeSelector: { 'kubernetes.io/os': 'linux' } }, fargate)).toEqual({
      scheduled: false,
      reason: 'untolerated taint eks.amazonaws.com/compute-type=fargate:NoSchedule',
    });
    expect(explainPodFitsNode({ nodeSelector: { 'kubernetes.io/os': 'linux' } }, { metadata: { name: 'bare' } })).toEqual({
      scheduled: false,
      reason: 'node selector kubernetes.io/os=linux does not match (kubernetes.io/os not set)',
    });
  });

  test('a Fargate-only toleration is what lets a pod onto Fargate, and it is named', () => {
    const spec: DaemonPodPlacementSpec = { tolerations: [{ key: 'eks.amazonaws.com/compute-type', operator: 'Equal', value: 'fargate', effect: 'NoSchedule' }] };
    expect(explainPodFitsNode(spec, fargate)).toEqual({
      scheduled: true,
      reason: 'fits: tolerates eks.amazonaws.com/compute-type=fargate:NoSchedule (eks.amazonaws.com/compute-type=fargate:NoSchedule); no nodeSelector or required node affinity',
    });
  });

  test('an affinity with several terms explains each', () => {
    const spec: DaemonPodPlacementSpec = {
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [
              { matchExpressions: [{ key: 'kubernetes.io/arch', operator: 'In', values: ['arm64'] }] },
              { matchExpressions: [] },
              { matchExpressions: [{ key: 'karpenter.sh/nodepool', operator: 'Exists' }] },
              { matchExpressions: [{ key: 'x', operator: 'Gt', values: ['-1'] }] },
              { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['ip-10-0-12-184.ec2.internal'] }] },
            ],
          },
        },
      },
    };
    expect(explainPodFitsNode(spec, ec2Amd64)).toEqual({
      scheduled: false,
      reason:
        'no required node affinity term matches (term 1: kubernetes.io/arch In [arm64] fails; term 2: empty term; ' +
        'term 3: karpenter.sh/nodepool Exists fails; term 4: invalid: label value "-1" must be empty or consist of alphanumeric characters, ' +
        "'-', '_' or '.', and must start and end with an alphanumeric character; " +
        'term 5: matchFields metadata.name In [ip-10-0-12-184.ec2.internal] fails (node is ip-10-0-11-37.ec2.internal))',
    });
    expect(podFitsNode(spec, ec2Arm64)).toBe(true);
    expect(podFitsNode(spec, autoMode)).toBe(true);
    const none: DaemonPodPlacementSpec = { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [] } } } };
    expect(explainPodFitsNode(none, ec2Amd64).reason).toBe('no required node affinity term matches (nodeSelectorTerms is empty)');
  });

  test('preferred node affinity is ignored', () => {
    const spec: DaemonPodPlacementSpec = {
      ...nodeExporter,
      affinity: {
        nodeAffinity: {
          preferredDuringSchedulingIgnoredDuringExecution: [
            { weight: 100, preference: { matchExpressions: [{ key: 'eks.amazonaws.com/compute-type', operator: 'NotIn', values: ['fargate'] }] } },
          ],
        },
      },
    };
    expect(podFitsNode(spec, fargate)).toBe(true);
  });

  test('PreferNoSchedule taints are ignored', () => {
    const node: KubernetesNode = { metadata: { name: 'soft', labels: { 'kubernetes.io/os': 'linux' } }, spec: { taints: [{ key: 'spot', effect: 'PreferNoSchedule' }] } };
    expect(explainPodFitsNode({ nodeSelector: { 'kubernetes.io/os': 'linux' } }, node)).toEqual({
      scheduled: true,
      reason: 'fits: no NoSchedule/NoExecute taints; nodeSelector matches',
    });
  });
});

// kubernetes/kubernetes pkg/controller/daemon/daemon_controller_test.go
// TestNodeShouldRunDaemonPod, the shouldRun column. The node is newNode("test-node", simpleDaemonSetLabel). The rows
// about resources and host ports (InsufficientResourceError, ErrPodNotFitsHostPorts) expect shouldRun=true because
// the controller leaves those to the scheduler; they are not modelled and not ported.
describe('daemon_controller_test.go TestNodeShouldRunDaemonPod', () => {
  const simpleDaemonSetLabel = { name: 'simple-daemon', type: 'production' };
  const simpleDaemonSetLabel2 = { name: 'simple-daemon', type: 'test' };
  const testNode: KubernetesNode = { metadata: { name: 'test-node', labels: simpleDaemonSetLabel } };
  const typeIn = (value: string): DaemonPodPlacementSpec => ({
    affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'type', operator: 'In', values: [value] }] }] } } },
  });
  const cases: Array<{ predicateName: string; spec: DaemonPodPlacementSpec; node?: KubernetesNode; shouldRun: boolean }> = [
    { predicateName: 'ShouldRunDaemonPod', spec: {}, shouldRun: true },
    { predicateName: 'ErrPodNotMatchHostName', spec: { nodeName: 'other-node' }, shouldRun: false },
    { predicateName: 'ErrNodeSelectorNotMatch', spec: { nodeSelector: simpleDaemonSetLabel2 }, shouldRun: false },
    { predicateName: 'ShouldRunDaemonPod (nodeSelector)', spec: { nodeSelector: simpleDaemonSetLabel }, shouldRun: true },
    { predicateName: 'ErrPodAffinityNotMatch', spec: typeIn('test'), shouldRun: false },
    { predicateName: 'ShouldRunDaemonPod (affinity)', spec: typeIn('production'), shouldRun: true },
    {
      predicateName: 'ShouldRunDaemonPodOnUnschedulableNode',
      spec: {},
      node: JSON.parse(JSON.stringify({ metadata: testNode.metadata, spec: { unschedulable: true } })),
      shouldRun: true,
    },
  ];
  test.each(cases)('$predicateName', ({ spec, node, shouldRun }) => {
    expect(podFitsNode(spec, node ?? testNode)).toBe(shouldRun);
  });

  test('a spec.nodeName naming this node is fine', () => {
    expect(podFitsNode({ nodeName: 'test-node' }, testNode)).toBe(true);
    expect(explainPodFitsNode({ nodeName: 'other-node' }, testNode).reason).toBe('spec.nodeName other-node is not this node (test-node)');
  });
});

// kubernetes/kubernetes pkg/controller/daemon/daemon_controller_test.go: the taint tests (a created pod = shouldRun).
describe('daemon_controller_test.go taint tests', () => {
  const noScheduleTolerations: Toleration[] = [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }];
  const noScheduleTaints: Taint[] = [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }];
  const noExecuteTaints: Taint[] = [{ key: 'dedicated', value: 'user1', effect: 'NoExecute' }];
  const nodeNotReady: Taint[] = [{ key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' }];
  const nodeUnreachable: Taint[] = [{ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' }];
  const tainted = (taints?: Taint[]): KubernetesNode => ({ metadata: { name: 'tainted' }, ...(taints ? { spec: { taints } } : {}) });

  test('TestTaintedNodeDaemonDoesNotLaunchIntolerantPod', () => {
    expect(explainPodFitsNode({}, tainted(noScheduleTaints))).toEqual({ scheduled: false, reason: 'untolerated taint dedicated=user1:NoSchedule' });
  });
  test('TestTaintedNodeDaemonLaunchesToleratePod', () => {
    expect(podFitsNode({ tolerations: noScheduleTolerations }, tainted(noScheduleTaints))).toBe(true);
  });
  test('TestNoExecuteTaintedDoesEvicitRunningIntolerantPod (shouldRun is false)', () => {
    expect(podFitsNode({}, tainted(noExecuteTaints))).toBe(false);
    expect(podFitsNode({ tolerations: noScheduleTolerations }, tainted(noExecuteTaints))).toBe(false);
  });
  test('TestNotReadyNodeDaemonLaunchesPod', () => {
    expect(explainPodFitsNode({}, tainted(nodeNotReady))).toEqual({
      scheduled: true,
      reason: 'fits: tolerates node.kubernetes.io/not-ready:NoExecute (DaemonSet default node.kubernetes.io/not-ready:NoExecute op=Exists); no nodeSelector or required node affinity',
    });
  });
  test('TestUnreachableNodeDaemonLaunchesPod', () => {
    expect(podFitsNode({}, tainted(nodeUnreachable))).toBe(true);
  });
  test('TestNodeDaemonLaunchesToleratePod', () => {
    expect(podFitsNode({ tolerations: noScheduleTolerations }, tainted())).toBe(true);
  });
  test('TestTaintPressureNodeDaemonLaunchesPod', () => {
    const pressure: Taint[] = [
      { key: 'node.kubernetes.io/disk-pressure', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/memory-pressure', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/pid-pressure', effect: 'NoSchedule' },
    ];
    expect(podFitsNode({}, tainted(pressure))).toBe(true);
  });
  test('TestNetworkUnavailableNodeDaemonLaunchesPod (a condition, not a taint: nothing to tolerate)', () => {
    expect(podFitsNode({}, tainted())).toBe(true);
  });
  // daemonset_util.go: the unschedulable toleration is what lets daemon pods onto cordoned nodes.
  test('a cordoned node (spec.unschedulable with its node.kubernetes.io/unschedulable:NoSchedule taint) still gets daemon pods', () => {
    const cordoned = JSON.parse(JSON.stringify({ metadata: { name: 'cordoned' }, spec: { unschedulable: true, taints: [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }] } }));
    expect(podFitsNode({}, cordoned)).toBe(true);
  });
  // daemonset_util.go: network-unavailable is tolerated only by hostNetwork daemon pods.
  test('the network-unavailable taint is tolerated by hostNetwork daemon pods only', () => {
    const node = tainted([{ key: 'node.kubernetes.io/network-unavailable', effect: 'NoSchedule' }]);
    expect(podFitsNode({ hostNetwork: true }, node)).toBe(true);
    expect(explainPodFitsNode({}, node)).toEqual({ scheduled: false, reason: 'untolerated taint node.kubernetes.io/network-unavailable:NoSchedule' });
    expect(podFitsNode({ hostNetwork: false }, node)).toBe(false);
  });
  test('not-ready NoSchedule is not covered by the defaults (they tolerate its NoExecute only)', () => {
    expect(podFitsNode({}, tainted([{ key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' }]))).toBe(false);
  });
  test('Gt/Lt tolerations count only with the comparison-operator gate on', () => {
    const node = tainted([{ key: 'node.kubernetes.io/sla', value: '950', effect: 'NoSchedule' }]);
    const spec: DaemonPodPlacementSpec = { tolerations: [{ key: 'node.kubernetes.io/sla', operator: 'Gt', value: '900', effect: 'NoSchedule' }] };
    expect(podFitsNode(spec, node)).toBe(false);
    expect(podFitsNode(spec, node, { taintTolerationComparisonOperators: true })).toBe(true);
  });
});

describe('properties', () => {
  const keys = ['kubernetes.io/os', 'kubernetes.io/arch', 'eks.amazonaws.com/compute-type', 'type', 'a'];
  const values = ['', 'linux', 'windows', 'fargate', 'auto', 'amd64', 'virtual-kubelet'];
  const taintKeys = [
    'dedicated',
    'eks.amazonaws.com/compute-type',
    'node.kubernetes.io/not-ready',
    'node.kubernetes.io/unreachable',
    'node.kubernetes.io/unschedulable',
    'node.kubernetes.io/memory-pressure',
    'node.kubernetes.io/network-unavailable',
  ];
  const labelsArb = fc.dictionary(fc.constantFrom(...keys), fc.constantFrom(...values), { maxKeys: 5 });
  const taintArb = fc.record({ key: fc.constantFrom(...taintKeys), value: fc.constantFrom('', 'fargate'), effect: fc.constantFrom('NoSchedule', 'PreferNoSchedule', 'NoExecute') });
  const nodeArb = fc.record({ labels: labelsArb, taints: fc.array(taintArb, { maxLength: 3 }) }).map(
    ({ labels, taints }): KubernetesNode => ({ metadata: { name: 'n', labels }, spec: { taints } }),
  );

  // An independent reading of the rules: the selector is a set of required key=value labels; a daemon pod with no
  // tolerations of its own gets through exactly the NoSchedule/NoExecute taints the DaemonSet defaults name.
  const defaults = new Set([
    'node.kubernetes.io/not-ready:NoExecute',
    'node.kubernetes.io/unreachable:NoExecute',
    'node.kubernetes.io/disk-pressure:NoSchedule',
    'node.kubernetes.io/memory-pressure:NoSchedule',
    'node.kubernetes.io/pid-pressure:NoSchedule',
    'node.kubernetes.io/unschedulable:NoSchedule',
  ]);
  function oracle(selector: { [key: string]: string }, node: KubernetesNode): boolean {
    const labels = new Map(Object.entries(node.metadata.labels ?? {}));
    const selected = Object.entries(selector).every(([k, v]) => labels.has(k) && labels.get(k) === v);
    const tolerated = (node.spec?.taints ?? []).every((t) => t.effect === 'PreferNoSchedule' || defaults.has(`${t.key}:${t.effect}`));
    return selected && tolerated;
  }

  test('podFitsNode agrees with the oracle for nodeSelector-only specs', () => {
    fc.assert(
      fc.property(labelsArb, nodeArb, (selector, node) => {
        expect(podFitsNode({ nodeSelector: selector }, node)).toBe(oracle(selector, node));
      }),
      { numRuns: 2000 },
    );
  });

  test('more tolerations never keep a pod off a node it fitted', () => {
    const tolerationArb = fc.record({
      key: fc.constantFrom('', ...taintKeys),
      operator: fc.constantFrom('Exists', 'Equal'),
      value: fc.constantFrom('', 'fargate'),
      effect: fc.constantFrom('', 'NoSchedule', 'NoExecute'),
    });
    fc.assert(
      fc.property(labelsArb, nodeArb, fc.array(tolerationArb, { maxLength: 3 }), fc.array(tolerationArb, { maxLength: 2 }), (selector, node, some, more) => {
        if (podFitsNode({ nodeSelector: selector, tolerations: some }, node)) {
          expect(podFitsNode({ nodeSelector: selector, tolerations: [...some, ...more] }, node)).toBe(true);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
