// Synthesizing stacks in tests, and reading helm_release values back the way Helm merges them.
import { HelmProvider } from '@cdktf/provider-helm/lib/provider';
import { App, TerraformStack, Testing } from 'cdktf';
import * as fs from 'fs';
import * as path from 'path';
import { mergeValues, ValuesMap } from '../../lib/values/merge';
import { applyAssignment, parseSetEntry, parseSetListEntry } from '../../lib/values/strvals';
import { parseValuesYaml } from '../../lib/values/yaml';

/** An app with one stack that has a default helm provider (cdktf rejects resources without one). */
export function newStack(id = 'test'): { app: App; stack: TerraformStack } {
  const app = Testing.app();
  const stack = new TerraformStack(app, id);
  new HelmProvider(stack, 'helm', {});
  return { app, stack };
}

/** The synthesized helm_release resources of a stack (snake_case, as in cdk.tf.json). */
export function helmReleases(stack: TerraformStack): { [id: string]: any } {
  return JSON.parse(Testing.synth(stack)).resource?.helm_release ?? {};
}

export function onlyRelease(stack: TerraformStack): any {
  const releases = Object.values(helmReleases(stack));
  if (releases.length !== 1) throw new Error(`expected one helm_release, found ${releases.length}`);
  return releases[0];
}

/** Helm's user values for a synthesized release: documents in order, then set entries (whole-expression documents skipped). */
export function effectiveValues(release: any): ValuesMap {
  let values: ValuesMap = {};
  for (const doc of release.values ?? []) {
    if (/^\$\{[^}]*\}$/.test(doc.trim())) continue;
    values = mergeValues(values, parseValuesYaml(doc));
  }
  const sets = [
    ...(release.set ?? []).flatMap((e: any) => parseSetEntry(e)),
    ...(release.set_list ?? []).flatMap((e: any) => parseSetListEntry(e)),
    ...(release.set_sensitive ?? []).flatMap((e: any) => parseSetEntry(e)),
  ];
  for (const a of sets) values = applyAssignment(values, a);
  return values;
}

/** Synthesize the whole app with validations; returns the thrown message, or undefined. */
export function synthError(app: App): string | undefined {
  try {
    app.synth();
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/** Warning annotations per construct path, after a full synth (aspects and validations run). */
export function warnings(stack: TerraformStack): { path: string; message: string }[] {
  const outdir = Testing.fullSynth(stack);
  const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8'));
  return Object.values(manifest.stacks as { [k: string]: any })
    .flatMap((s) => s.annotations)
    .filter((a) => a.level === '@cdktf/warn')
    .map((a) => ({ path: a.constructPath, message: a.message }));
}
