/** Where a household has lived: its first home from its oldest child's birth, then moves. */
import { LOCALITIES, STREETS, STREET_TYPES } from '../names';
import type { CountyGenerator } from './generator';
import type { Member } from './people';
import { MOVES_PER_YEAR } from './tables';
import type { HomeAddress } from './types';

/** The homes of a household, oldest first, and the home it lived in on a day. `unsettled`: known
 *  to child welfare or housing (such families move about twice as often). */
export function homes(gen: CountyGenerator, members: readonly Member[], unsettled: boolean) {
  const { rng } = gen;
  // Homes: the first from the oldest child's birth, then moves (a new street, often another
  // locality) until today. Families known to child welfare or housing move more often.
  const oldest = Math.min(...members.map((m) => m.born));
  const since: number[] = [];
  const addresses: HomeAddress[] = [];
  const perYear = unsettled ? MOVES_PER_YEAR.unsettled : MOVES_PER_YEAR.settled;
  let [city, postalCode] = rng.pick(LOCALITIES);
  for (let day = oldest; day <= gen.todayDay && addresses.length < 8;) {
    addresses.push({
      addressLine: `${rng.int(1, 9999)} ${rng.pick(STREETS)} ${rng.pick(STREET_TYPES)}`,
      city,
      postalCode,
      since: gen.date(day),
    });
    since.push(day);
    day += Math.max(30, Math.ceil((-Math.log(1 - rng.next()) * 365) / perYear));
    if (rng.chance(0.45)) [city, postalCode] = rng.pick(LOCALITIES);
  }
  const homeOn = (day: number) => {
    let i = since.length - 1;
    while (i > 0 && since[i]! > day) i--;
    return addresses[i]!;
  };
  return { oldest, addresses, homeOn };
}
