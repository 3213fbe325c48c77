/** The county's generator: its seeded state (rng, ids, day numbers) and household by household
 *  the steps that make one — family, people, agencies, homes — then each agency's records. */
import { AGENCIES, type AgencyCode } from '../../agencies';
import { ExternalIdIssuer } from '../ids';
import { FAMILY_NAMES, GIVEN_NAMES_F, GIVEN_NAMES_M, TWIN_NAME_PAIRS } from '../names';
import type { Rng } from '../random';
import type { SyntheticPerson } from '../types';
import { whoKnows } from './agencies';
import { siblingGroups } from './families';
import { homes } from './homes';
import { messyRecord } from './messyRecord';
import { people } from './people';
import {
  BIRTH_GAPS,
  CURRENT_RECORD,
  FIRST_AGE,
  HOUSEHOLD_KINDS,
  HOUSEHOLD_SIZES,
  P_TRIPLETS,
  P_TWINS,
  fromDay,
  pad,
  toDay,
} from './tables';
import type { Household, HouseholdKind, TrueChild } from './types';

/** Generates one county; see `generateCounty`. */
export class CountyGenerator {
  readonly children: TrueChild[] = [];
  readonly households: Household[] = [];
  readonly records = Object.fromEntries(AGENCIES.map((a) => [a, [] as SyntheticPerson[]])) as Record<
    AgencyCode,
    SyntheticPerson[]
  >;
  private seq = 0;
  readonly todayDay: number;
  /** Birth dates fall in [earliest, latest]: ages 0 to 18 (as old as 18 years and 200 days). */
  private readonly earliest: number;
  private readonly latest: number;

  /** Agency-issued ids: random-looking, 65 bits, reproducible from the seed (ExternalIdIssuer). */
  private readonly ids: ExternalIdIssuer;

  constructor(
    readonly rng: Rng,
    readonly today: string,
  ) {
    this.ids = ExternalIdIssuer.fromRng(rng, 'person external ids');
    this.todayDay = toDay(today);
    this.earliest = this.todayDay - (18 * 365 + 200);
    this.latest = this.todayDay - 60;
  }

  /** The id an agency gives its next person record: its two-letter prefix (HO for housing) and 65
   *  bits with no order, never a counter someone could walk (HO0000041, HO0000042, …). */
  nextId(agency: AgencyCode): string {
    return this.ids.issue(agency.slice(0, 2), ++this.seq);
  }

  private readonly dates = new Map<number, string>();
  /** The YYYY-MM-DD of a day number (days since 1970-01-01), remembered. */
  date(day: number): string {
    let date = this.dates.get(day);
    if (date === undefined) this.dates.set(day, (date = fromDay(day)));
    return date;
  }

  familyName(not: readonly string[] = []): string {
    let name = this.rng.pick(FAMILY_NAMES);
    while (not.includes(name)) name = this.rng.pick(FAMILY_NAMES);
    return name;
  }

  /** `count` children of one mother as births (1 child each; 2 for twins, 3 for triplets). */
  births(count: number): number[] {
    const births: number[] = [];
    for (let left = count; left > 0;) {
      const r = this.rng.next();
      const k = left >= 3 && r < P_TRIPLETS ? 3 : left >= 2 && r < P_TWINS ? 2 : 1;
      births.push(k);
      left -= k;
    }
    return births;
  }

  /** Birth days for `n` births of one mother, oldest first, at least 300 days apart. */
  birthDays(n: number): number[] {
    const gaps: number[] = [];
    for (let i = 1; i < n; i++) {
      const [a, b] = this.rng.weighted(BIRTH_GAPS);
      gaps.push(this.rng.int(a, b));
    }
    const window = this.latest - this.earliest;
    let span = gaps.reduce((s, g) => s + g, 0);
    while (span > window) {
      const i = gaps.indexOf(Math.max(...gaps));
      span -= gaps[i]!;
      gaps[i] = this.rng.int(300, 730);
      span += gaps[i]!;
    }
    const days = [this.rng.int(this.earliest, this.latest - span)];
    for (const g of gaps) days.push(days[days.length - 1]! + g);
    return days;
  }

  /** A given name for a child of `sex` not yet used in the home. */
  givenName(sex: 'F' | 'M', used: Set<string>): readonly [string, readonly string[]] {
    const names = sex === 'F' ? GIVEN_NAMES_F : GIVEN_NAMES_M;
    let pick = this.rng.pick(names);
    for (let i = 0; i < 100 && used.has(pick[0]); i++) pick = this.rng.pick(names);
    return pick;
  }

  /** Two names for twins that share an initial or sound alike (both unused in the home), or null. */
  twinNames(used: Set<string>) {
    for (let i = 0; i < 10; i++) {
      const [a, b] = this.rng.pick(TWIN_NAME_PAIRS);
      if (!used.has(a[0]) && !used.has(b[0])) return this.rng.chance(0.5) ? [a, b] : [b, a];
    }
    return null;
  }

  /** The day an agency last recorded a child it has known since `from`: today if its record is
   *  current, else mostly what it heard when it first knew the child (earlier days likelier: the
   *  density falls linearly from `from` to today). Never after today. */
  recordDay(agency: AgencyCode, from: number, openCase: boolean): number {
    const upToDate = this.rng.chance(agency === 'CHILD_WELFARE' && openCase ? 0.9 : CURRENT_RECORD[agency]);
    if (upToDate || from >= this.todayDay) return this.todayDay;
    return from + Math.floor((this.todayDay - from + 1) * (1 - Math.sqrt(1 - this.rng.next())));
  }

  /** A household of up to `remaining` children: who they are, where they have lived, which
   *  agencies know them, and each agency's records of them. */
  household(remaining: number): void {
    const { rng } = this;
    const size = Math.min(rng.weighted(HOUSEHOLD_SIZES), remaining);
    const householdId = `H${pad(this.households.length + 1)}`;
    const first = this.familyName();
    const F = rng.chance(0.1) ? `${first}-${this.familyName([first])}` : first;
    let kind: HouseholdKind = size === 1 ? 'FAMILY' : rng.weighted(HOUSEHOLD_KINDS);

    const groups = siblingGroups(this, kind, size, F);
    const members = people(this, householdId, groups);
    const { cwHome, openCase, housingHome, involvement, referralFrom } = whoKnows(rng, members);
    const { oldest, addresses, homeOn } = homes(this, members, cwHome || housingHome);
    const current = addresses[addresses.length - 1]!;

    // The day each agency last recorded a child, and so the home its record holds: child welfare's
    // case (or referral) and housing's enrolment are the household's, one day for all its children;
    // the other agencies' are each child's own.
    const caseDay = this.recordDay('CHILD_WELFARE', referralFrom ?? oldest, openCase);
    const housingDay = this.recordDay('HOUSING', oldest, false);
    const familyNames = [...new Set(members.map((m) => m.child.familyName))];
    if (kind === 'BLENDED' && familyNames.length === 1) kind = 'FAMILY'; // a mother's twins, all hers
    for (let n = 0; n < members.length; n++) {
      const { child: c, born, age } = members[n]!;
      c.addressLine = current.addressLine;
      c.city = current.city;
      c.postalCode = current.postalCode;
      const others = familyNames.length > 1 ? familyNames.filter((name) => name !== c.familyName) : [];
      for (const agency of c.agencies) {
        const from = born + (FIRST_AGE[agency] ?? 0) * 365;
        const day =
          agency === 'CHILD_WELFARE' && involvement[n]!.withHome
            ? Math.max(caseDay, born)
            : agency === 'HOUSING' && housingHome
              ? Math.max(housingDay, born)
              : this.recordDay(agency, from, openCase);
        // one record of the child at this agency, as known on that day
        const record = (on: number) =>
          this.records[agency].push(
            messyRecord(
              rng,
              c,
              age,
              agency,
              this.nextId(agency),
              this.today,
              homeOn(on),
              this.date(on),
              others,
            ),
          );
        record(day);
        // a duplicate within the agency (a re-referral under another id), recorded on its own day
        if (rng.chance(0.03)) record(this.recordDay(agency, from, openCase));
      }
    }
    const children = members.map((m) => m.child);
    this.children.push(...children);
    this.households.push({
      householdId,
      kind,
      familyName: F,
      familyNames,
      addresses,
      childIds: children.map((c) => c.truthId),
    });
  }
}
