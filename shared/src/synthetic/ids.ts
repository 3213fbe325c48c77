import { createHash, createHmac } from 'node:crypto';
import type { Rng } from './random';

/** Crockford's base32: no I, L, O or U, so an id read aloud or copied by hand is not misread. */
const BASE32 = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** Base32 characters of randomness in every issued id: 13 × 5 = 65 bits. @default 13 */
export const EXTERNAL_ID_RANDOM_CHARS = 13;

function base32(bytes: Buffer, chars: number): string {
  let out = '';
  let acc = 0;
  let bits = 0;
  for (const byte of bytes) {
    acc = (acc << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < chars) {
      out += BASE32[(acc >>> (bits - 5)) & 31];
      bits -= 5;
    }
    acc &= (1 << bits) - 1;
    if (out.length === chars) break;
  }
  return out;
}

/**
 * Issues the external ids of the synthetic county's agencies: a prefix and 13 base32 characters
 * (65 bits) with no order, so that an id says nothing about any other and a lookup by external id
 * (`housingConsents(sourceSystem, personExternalId)`, `…Record(sourceSystem, externalId)`) cannot
 * be walked through the ids one after another. Sequential ids (HO0000041, HO0000042, …) could.
 *
 * Reproducible: each id is an HMAC-SHA-256 of (prefix, ordinal) under a key derived from the
 * county's seeded generator (`Rng.key`, which reads its state without drawing from it: every other
 * value of the county, and so every benchmark figure, stays what the seed made it). The same
 * (prefix, ordinal) always gives the same id; two ordinals never share one (a collision, about
 * one in 10^13 for a million ids, moves on to the next HMAC).
 */
export class ExternalIdIssuer {
  private readonly byOrdinal = new Map<string, string>();
  private readonly taken = new Set<string>();

  constructor(private readonly key: Buffer) {}

  /** An issuer keyed by a generator's current state, labelled per use. */
  static fromRng(rng: Rng, label: string): ExternalIdIssuer {
    return new ExternalIdIssuer(rng.key(label));
  }

  /** An issuer for a fixed catalogue (an agency's projects, providers, officers, schools): its ids
   *  are the same whatever the random state, as a real catalogue's are, so that seeding again with
   *  another state updates the same directory records. Directory records carry no child's data;
   *  their ids still have no order. */
  static forCatalogue(label: string): ExternalIdIssuer {
    return new ExternalIdIssuer(
      createHash('sha256').update(`wholechild\u0000catalogue\u0000${label}`).digest(),
    );
  }

  /** The id of the `ordinal`-th record under `prefix` (e.g. `HO`, `PRJ-`). */
  issue(prefix: string, ordinal: number | string): string {
    const name = `${prefix}\u0000${ordinal}`;
    const known = this.byOrdinal.get(name);
    if (known) return known;
    for (let attempt = 0; ; attempt++) {
      const digest = createHmac('sha256', this.key).update(`${name}\u0000${attempt}`).digest();
      const id = prefix + base32(digest, EXTERNAL_ID_RANDOM_CHARS);
      if (this.taken.has(id)) continue;
      this.taken.add(id);
      this.byOrdinal.set(name, id);
      return id;
    }
  }
}
