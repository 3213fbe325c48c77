import { LENT_FACTS } from '../agencies';
import { sealFact, sealLinks } from '../access/seal';
import { representationKeyOf, type PlatformConfig } from '../config';

/**
 * Tests that call an agency subgraph directly play the child index and the lending agencies: this
 * seals every `Child` representation in the variables the way they would, for `token` (links as
 * given, each lent fact present with its value). A test of a forged call simply does not use it.
 */
export function sealRepresentations<T>(
  variables: T,
  token: string,
  config: Pick<PlatformConfig, 'representationKey'>,
): T {
  const seal = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(seal);
    if (!v || typeof v !== 'object') return v;
    const o = v as Record<string, unknown>;
    if (o.__typename !== 'Child' || typeof o.id !== 'string')
      return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, seal(x)]));
    const out: Record<string, unknown> = { ...o };
    if (Array.isArray(o.recordLinks) && !('recordLinksSeal' in o))
      out.recordLinksSeal = sealLinks(representationKeyOf(config), o.id, o.recordLinks as never, token);
    for (const f of Object.values(LENT_FACTS))
      if (f && f.field in o && !(`${f.field}Seal` in o))
        out[`${f.field}Seal`] = sealFact(
          representationKeyOf(config),
          f.field,
          o.id,
          (o[f.field] as boolean | null) ?? null,
          token,
        );
    return out;
  };
  return seal(variables) as T;
}
