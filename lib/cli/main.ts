#!/usr/bin/env node
// cdktf-eks-monitoring: command line tools that work on synthesized stacks (cdktf.out), not on constructs,
// so they run anywhere `cdktf synth` has run, without cloud credentials.
import { checkPlacement } from '../placement/check';
import { placementJson, placementTable, unusableLines } from '../placement/format';
import { InputError, readNodes, readSynthesizedReleases } from './inputs';

export const USAGE = `Usage: cdktf-eks-monitoring placement --nodes <nodes.json> [--json] <stack dir | cdk.tf.json | cdktf.out>

Checks, before you deploy, where the pods of every DaemonSet chart release in a synthesized stack
(kube-prometheus-stack's node-exporter, prometheus-node-exporter, fluent-bit, aws-for-fluent-bit,
promtail, alloy) would be scheduled on the nodes of a real cluster.

  --nodes <file>  what \`kubectl get nodes -o json\` prints
  --json          print [{ release, chart, node, scheduled, reason }] instead of tables

Exit status: 0 no pod would land on a Fargate or virtual-kubelet node; 1 some pod would;
2 unusable input (unreadable file, or values that hold Terraform expressions known only at apply).
`;

export interface Output {
  write(text: string): void;
}

interface PlacementArgs {
  readonly nodes: string;
  readonly json: boolean;
  readonly target: string;
}

class UsageError extends Error {}

function parsePlacementArgs(args: string[]): PlacementArgs {
  let nodes: string | undefined;
  let json = false;
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--json') json = true;
    else if (arg === '--nodes') {
      if (i + 1 >= args.length) throw new UsageError('--nodes needs a file');
      nodes = args[++i];
    } else if (arg.startsWith('--nodes=')) nodes = arg.slice('--nodes='.length);
    else if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option ${arg}`);
    else positional.push(arg);
  }
  if (!nodes) throw new UsageError('--nodes <nodes.json> is required (the output of `kubectl get nodes -o json`)');
  if (positional.length !== 1) {
    throw new UsageError(positional.length === 0 ? 'give the synthesized stack to check' : `give one synthesized stack, got ${positional.join(' ')}`);
  }
  return { nodes, json, target: positional[0] };
}

/** Run the CLI; returns the exit status. */
export function main(argv: string[], stdout: Output = process.stdout, stderr: Output = process.stderr): number {
  const [command, ...args] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    (command === undefined ? stderr : stdout).write(USAGE);
    return command === undefined ? 2 : 0;
  }
  if (command !== 'placement') {
    stderr.write(`cdktf-eks-monitoring: unknown command "${command}"\n\n${USAGE}`);
    return 2;
  }
  try {
    if (args.includes('--help') || args.includes('-h')) {
      stdout.write(USAGE);
      return 0;
    }
    const options = parsePlacementArgs(args);
    const nodes = readNodes(options.nodes);
    const releases = readSynthesizedReleases(options.target);
    const report = checkPlacement(releases, nodes);
    if (options.json) {
      stdout.write(placementJson(report));
      for (const line of unusableLines(report)) stderr.write(`cdktf-eks-monitoring: ${line}\n`);
    } else {
      stdout.write(placementTable(report));
    }
    return report.exitCode;
  } catch (error) {
    if (error instanceof UsageError) {
      stderr.write(`cdktf-eks-monitoring placement: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    if (error instanceof InputError) {
      stderr.write(`cdktf-eks-monitoring placement: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
