// Reading the placement check's inputs from disk: synthesized stacks and `kubectl get nodes -o json`.
import * as fs from 'fs';
import * as path from 'path';
import { KubernetesNode } from '../k8s/types';
import { helmReleasesOf, SynthesizedHelmRelease } from '../placement/synthesized-release';

/** Input the check cannot use; the CLI prints the message and exits 2. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

function readJson(file: string, what: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new InputError(`cannot read ${what} ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InputError(`${what} ${file} is not JSON: ${(error as Error).message}`);
  }
}

/**
 * The helm_release resources of a synthesized app. `target` is a stack's cdk.tf.json, a stack
 * directory holding one (cdktf.out/stacks/<stack>), or the whole output directory (cdktf.out,
 * read through its manifest.json: every stack).
 */
export function readSynthesizedReleases(target: string): SynthesizedHelmRelease[] {
  if (!fs.existsSync(target)) throw new InputError(`${target} does not exist: pass a stack directory (cdktf.out/stacks/<stack>) or its cdk.tf.json`);
  if (fs.statSync(target).isFile()) return stackReleases(target, stackNameOf(target));
  const stackFile = path.join(target, 'cdk.tf.json');
  if (fs.existsSync(stackFile)) return stackReleases(stackFile, path.basename(path.resolve(target)));
  const manifestFile = path.join(target, 'manifest.json');
  if (fs.existsSync(manifestFile)) {
    const manifest = readJson(manifestFile, 'cdktf manifest');
    const stacks = (manifest as { stacks?: { [name: string]: { synthesizedStackPath?: string } } }).stacks;
    if (!stacks || typeof stacks !== 'object') throw new InputError(`${manifestFile} lists no stacks`);
    return Object.entries(stacks).flatMap(([name, stack]) => {
      if (typeof stack.synthesizedStackPath !== 'string') throw new InputError(`${manifestFile}: stack ${name} has no synthesizedStackPath`);
      return stackReleases(path.join(target, stack.synthesizedStackPath), name);
    });
  }
  throw new InputError(`${target} holds neither cdk.tf.json nor manifest.json: pass a stack directory (cdktf.out/stacks/<stack>), its cdk.tf.json, or cdktf.out`);
}

function stackNameOf(file: string): string | undefined {
  return path.basename(file) === 'cdk.tf.json' ? path.basename(path.dirname(path.resolve(file))) : undefined;
}

function stackReleases(file: string, stack: string | undefined): SynthesizedHelmRelease[] {
  const json = readJson(file, 'synthesized stack');
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new InputError(`${file} is not a synthesized stack (a JSON object)`);
  return helmReleasesOf(json, stack);
}

/** The nodes in what `kubectl get nodes -o json` prints (a List), or in a bare array of Node objects. */
export function readNodes(file: string): KubernetesNode[] {
  const json = readJson(file, 'node list');
  const items = Array.isArray(json) ? json : (json as { items?: unknown })?.items;
  if (!Array.isArray(items)) throw new InputError(`${file} is not a node list: expected the output of \`kubectl get nodes -o json\` (an object with "items")`);
  items.forEach((item, index) => {
    const name = (item as KubernetesNode)?.metadata?.name;
    if (typeof name !== 'string' || name === '') throw new InputError(`${file}: items[${index}] is not a Node (it has no metadata.name)`);
  });
  if (items.length === 0) throw new InputError(`${file} holds no nodes`);
  return items as KubernetesNode[];
}
