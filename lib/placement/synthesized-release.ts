// helm_release resources as `cdktf synth` writes them into cdk.tf.json, and the values Helm will get
// from them, read the way terraform-provider-helm 3.x builds them (documents merged in order, then
// set, set_list, set_sensitive and set_wo entries through strvals). Terraform expressions become
// placeholders (see terraform-strings.ts), so callers can tell which values are unknown until apply.
import { isMapping, mergeValues, valueAt, ValuesMap } from '../values/merge';
import { parseSetEntries } from '../values/set-entries';
import { applyAssignment, SetEntry, SetListEntry } from '../values/strvals';
import { parseValuesYaml, ValuesYamlError } from '../values/yaml';
import { isUnknownValue, readTerraformTemplate, UNKNOWN_PREFIX } from './terraform-strings';

export interface SynthesizedHelmRelease {
  /** The Terraform address, e.g. `helm_release.kps_release_1A2B3C4D`. */
  readonly address: string;
  /** The stack it belongs to. @default - unknown */
  readonly stack?: string;
  /** The construct path from the resource's `//` metadata, e.g. `monitoring/kps/release`. @default - unknown */
  readonly constructPath?: string;
  /** The resource's attributes, snake_case. */
  readonly config: { readonly [attribute: string]: unknown };
}

/** Every helm_release of a synthesized stack (cdk.tf.json, parsed). */
export function helmReleasesOf(stackJson: unknown, stack?: string): SynthesizedHelmRelease[] {
  const resources = isMapping(stackJson) && isMapping(stackJson.resource) ? stackJson.resource : {};
  const releases = isMapping(resources.helm_release) ? resources.helm_release : {};
  return Object.entries(releases).filter(([, config]) => isMapping(config)).map(([id, config]) => {
    const metadata = valueAt(config, ['//', 'metadata', 'path']);
    return {
      address: `helm_release.${id}`,
      stack,
      constructPath: typeof metadata === 'string' ? metadata : undefined,
      config: config as ValuesMap,
    };
  });
}

/** How people should read which release this is: its construct path, or its address within its stack. */
export function releaseLabel(release: SynthesizedHelmRelease): string {
  if (release.constructPath) return release.constructPath;
  return release.stack ? `${release.stack}/${release.address}` : release.address;
}

/** A string attribute with its Terraform expressions replaced by placeholders, or why it cannot be read. */
export function readStringAttribute(release: SynthesizedHelmRelease, attribute: string): { value?: string; problem?: string } {
  const raw = release.config[attribute];
  if (raw === undefined || raw === null) return {};
  const reading = readTerraformTemplate(String(raw));
  if (reading.error) return { problem: `${attribute} cannot be read: ${reading.error}` };
  return { value: reading.text };
}

export type ReleaseValuesReading =
  | { readonly values: ValuesMap; readonly problem?: undefined }
  | { readonly problem: string; readonly values?: undefined };

/** The user values Helm gets for this release, with unknown values as placeholders; or why they cannot be read. */
export function readReleaseValues(release: SynthesizedHelmRelease): ReleaseValuesReading {
  const { config } = release;
  const documents = config.values;
  if (documents !== undefined && documents !== null && !Array.isArray(documents)) {
    return { problem: 'values is one Terraform expression (a whole list), so none of its documents can be read before apply' };
  }
  let values: ValuesMap = {};
  for (const [index, doc] of (documents ?? []).entries()) {
    if (doc === null || doc === undefined || doc === '') continue; // the provider skips these too
    const reading = readTerraformTemplate(String(doc));
    if (reading.error) return { problem: `values[${index}] cannot be read: ${reading.error}` };
    if (new RegExp(`^\\s*${UNKNOWN_PREFIX}\\d+__\\s*$`).test(reading.text)) {
      return { problem: `values[${index}] is a Terraform expression (${reading.expressions[0]}) whose content is only known at apply time` };
    }
    try {
      values = mergeValues(values, parseValuesYaml(reading.text));
    } catch (error) {
      if (!(error instanceof ValuesYamlError)) throw error;
      return { problem: `values[${index}] is not a values document Helm can read: ${error.message}` };
    }
  }

  const groups: { [kind: string]: unknown } = { set: config.set, set_list: config.set_list, set_sensitive: config.set_sensitive, set_wo: config.set_wo };
  const read: { [kind: string]: (SetEntry | SetListEntry)[] } = {};
  for (const [kind, entries] of Object.entries(groups)) {
    if (entries === undefined || entries === null) continue;
    if (!Array.isArray(entries)) return { problem: `${kind} is one Terraform expression, so its entries cannot be read before apply` };
    const list: (SetEntry | SetListEntry)[] = [];
    for (const [index, entry] of entries.entries()) {
      if (!isMapping(entry)) return { problem: `${kind}[${index}] is not a set block` };
      const name = readTerraformTemplate(String(entry.name ?? ''));
      if (name.error || name.expressions.length > 0) return { problem: `${kind}[${index}] has a name that is a Terraform expression (${String(entry.name)})` };
      if (kind === 'set_list') {
        if (!Array.isArray(entry.value)) return { problem: `${kind}[${index}] "${name.text}" has a value that is one Terraform expression` };
        list.push({ name: name.text, value: entry.value.filter((v) => v !== null && v !== undefined).map((v) => readTerraformTemplate(String(v)).text) });
      } else {
        const value = entry.value === undefined || entry.value === null ? '' : readTerraformTemplate(String(entry.value)).text;
        list.push({ name: name.text, value, type: typeof entry.type === 'string' ? entry.type : undefined });
      }
    }
    read[kind] = list;
  }
  const sets = parseSetEntries({
    set: read.set as SetEntry[] | undefined,
    setList: read.set_list as SetListEntry[] | undefined,
    setSensitive: read.set_sensitive as SetEntry[] | undefined,
    setWo: read.set_wo as SetEntry[] | undefined,
  }, isUnknownValue);
  if (sets.problems.length > 0) {
    const p = sets.problems[0];
    return { problem: p.type === 'unparseable' ? `${p.kind}[${p.index}] "${p.name}" cannot be read the way Helm reads --set: ${p.detail}` : `${p.kind}[${p.index}] has a name that is a Terraform expression` };
  }
  for (const entry of sets.parsed) for (const assignment of entry.assignments) values = applyAssignment(values, assignment);
  return { values };
}
