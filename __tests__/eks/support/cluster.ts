// Synthesizing HybridEksCluster in tests. Deep provider imports only (see the README: the root barrel
// of @cdktf/provider-aws costs seconds per test file).
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { App, TerraformStack, Testing } from 'cdktf';
import { IConstruct } from 'constructs';
import { HybridEksCluster, HybridEksClusterProps } from '../../../lib/eks';

export const SUBNETS = ['subnet-0aaaaaaaaaaaaaaaa', 'subnet-0bbbbbbbbbbbbbbbb'];

/** Props with the two required fields filled in. */
export function props(extra: Partial<HybridEksClusterProps> = {}): HybridEksClusterProps {
  return { clusterName: 'demo', subnetIds: SUBNETS, ...extra };
}

export interface Synthesized {
  readonly app: App;
  readonly stack: TerraformStack;
  readonly cluster: HybridEksCluster;
  /** The stack's cdk.tf.json, parsed. */
  readonly json: any;
}

/** A stack with an AWS provider and one HybridEksCluster "eks", synthesized without validations. */
export function synthCluster(extra: Partial<HybridEksClusterProps> = {}): Synthesized {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'test');
  new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  const cluster = new HybridEksCluster(stack, 'eks', props(extra));
  return { app, stack, cluster, json: JSON.parse(Testing.synth(stack)) };
}

/** The resources of one type, as [logical id, config] pairs. */
export function resourcesOf(json: any, type: string): Array<[string, any]> {
  return Object.entries(json.resource?.[type] ?? {});
}

/** The only resource of a type whose logical id contains `idPart`. */
export function resource(json: any, type: string, idPart = ''): any {
  const found = resourcesOf(json, type).filter(([id]) => id.includes(idPart));
  if (found.length !== 1) throw new Error(`expected one ${type} matching "${idPart}", found ${found.map(([id]) => id).join(', ') || 'none'}`);
  return found[0][1];
}

/** The reference `${type.id.attr}` to a resource found by type and id part. */
export function ref(json: any, type: string, idPart: string, attr: string): string {
  const found = resourcesOf(json, type).filter(([id]) => id.includes(idPart));
  if (found.length !== 1) throw new Error(`expected one ${type} matching "${idPart}"`);
  return `\${${type}.${found[0][0]}.${attr}}`;
}

/** The validation error cdktf raises at synth (validations on), or undefined when there is none. */
export function synthError(extra: Partial<HybridEksClusterProps>): string | undefined {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'test');
  new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  new HybridEksCluster(stack, 'eks', props(extra));
  try {
    Testing.synth(stack, true);
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

/** Warnings annotated on a construct. */
export function warningsOf(construct: IConstruct): string[] {
  return construct.node.metadata.filter((m) => m.type === '@cdktf/warn').map((m) => String(m.data));
}
