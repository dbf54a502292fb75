// A helm_release's set, set_list, set_sensitive and set_wo blocks read as strvals assignments, in the
// order terraform-provider-helm 3.x applies them. Pure: the construct side (release-values.ts, with
// cdktf tokens) and the placement check (synthesized JSON) both read set entries through this.
import { ParsedSetEntry } from './exclusion-plan';
import { parseSetEntry, parseSetListEntry, SetEntry, SetListEntry, StrvalsError } from './strvals';

export interface SetEntryGroups {
  /** @default - none */
  readonly set?: readonly SetEntry[];
  /** @default - none */
  readonly setSensitive?: readonly SetEntry[];
  /** @default - none */
  readonly setList?: readonly SetListEntry[];
  /** @default - none */
  readonly setWo?: readonly SetEntry[];
}

/** Why a set entry could not be read: its name is not known yet, or strvals rejects it. */
export type SetEntryProblem =
  | { readonly type: 'name-unresolved'; readonly kind: string; readonly index: number }
  | { readonly type: 'unparseable'; readonly kind: string; readonly index: number; readonly name: string; readonly detail: string };

export interface ParsedSetEntries {
  readonly parsed: ParsedSetEntry[];
  readonly problems: SetEntryProblem[];
}

/**
 * Parse every set entry in the order the helm provider applies them (set, set_list, set_sensitive,
 * set_wo). `isUnresolved` tells names that are Terraform expressions (unknown until apply).
 */
export function parseSetEntries(groups: SetEntryGroups, isUnresolved: (name: string) => boolean = () => false): ParsedSetEntries {
  const parsed: ParsedSetEntry[] = [];
  const problems: SetEntryProblem[] = [];
  const ordered: [string, readonly (SetEntry | SetListEntry)[] | undefined, boolean][] = [
    ['set', groups.set, false],
    ['set_list', groups.setList, true],
    ['set_sensitive', groups.setSensitive, false],
    ['set_wo', groups.setWo, false],
  ];
  for (const [kind, list, isList] of ordered) {
    (list ?? []).forEach((entry, index) => {
      if (isUnresolved(entry.name)) {
        problems.push({ type: 'name-unresolved', kind, index });
        return;
      }
      try {
        const assignments = isList
          ? parseSetListEntry({ name: entry.name, value: [...((entry as SetListEntry).value ?? [])] })
          : parseSetEntry({ name: entry.name, value: String((entry as SetEntry).value ?? ''), type: (entry as SetEntry).type });
        parsed.push({ kind, index, name: entry.name, assignments });
      } catch (error) {
        if (!(error instanceof StrvalsError)) throw error;
        problems.push({ type: 'unparseable', kind, index, name: entry.name, detail: error.message });
      }
    });
  }
  return { parsed, problems };
}
