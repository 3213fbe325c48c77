import { AGENCIES, AGENCY_KEYS, AGENCY_SUBGRAPH, type AgencyCode } from '@wholechild/shared';

/** Reads an agency as a person types it on a command line: `housing`, `HOUSING`,
 *  `child-welfare`, `child_welfare` or `childWelfare`. */
export function agencyOf(name: string): AgencyCode | null {
  const upper = name.toUpperCase().replace(/-/g, '_');
  if ((AGENCIES as readonly string[]).includes(upper)) return upper as AgencyCode;
  return AGENCIES.find((a) => AGENCY_SUBGRAPH[a] === name || AGENCY_KEYS[a] === name) ?? null;
}

/** The agencies as the commands' usage lines spell them. */
export const AGENCY_NAMES = AGENCIES.map((a) => AGENCY_SUBGRAPH[a]).join('|');

/** The value after `--name` (or of `--name=value`); `undefined` when the flag is absent, `''`
 *  when it is last with no value. */
export function flagValue(args: readonly string[], name: string): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === `--${name}`) return args[i + 1] ?? '';
    if (a.startsWith(`--${name}=`)) return a.slice(name.length + 3);
  }
  return undefined;
}
