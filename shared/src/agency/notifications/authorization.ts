import type { DataSource, ObjectLiteral } from 'typeorm';
import { LENT_FACTS, type AgencyCode } from '../../agencies';
import { createAuditWriter } from '../../access/audit';
import { consentLoader } from '../../access/consents';
import { ageFrom } from '../../access/decisions';
import { decide, type AccessFacts, type AgencyPolicy, type Decision } from '../../access/policy';
import type { PurposeOfUse, Role, ViewerClaims } from '../../auth/claims';
import type { DerivedProtection } from '../protection';
import { categoryOf, type AgencyKind, type AgencySubgraphSpec } from '../spec';
import type { NotificationPeers } from './peers';

/** How far apart the agency's and the index's database clocks may be: the index's feed read must
 *  have started this long after the event before an unlinked subscriber is refused. */
const CLOCK_SKEW_MS = 1000;

/** A delivery due now, with its event and its subscription (the worker's read). */
export interface DueDelivery {
  id: string;
  subscription_id: string;
  event_id: string;
  person_id: string;
  attempts: number;
  type: string;
  record_kind: string;
  record_id: string;
  category: string | null;
  occurred_at: Date;
  callback_url: string;
  secret: string;
  /** The previous secret while a rotation's overlap lasts, else null. */
  previous_secret: string | null;
  subscriber_agency: AgencyCode;
  subscriber_role: Role;
  purpose_of_use: PurposeOfUse;
}

/** Whether a delivery may go, and about which child. */
export type Authorization =
  | { permit: true; childId: string }
  | { permit: false; childId: string | null; rule: string; category: string };

/** Decides, at dispatch, whether a subscriber may hear of an event: the source agency's access
 *  rules applied to the subscriber's agency and role, as for a read, and audited the same way. */
export class DeliveryAuthorizer {
  private readonly consentsOf;

  constructor(
    private readonly ds: DataSource,
    private readonly spec: AgencySubgraphSpec,
    private readonly policy: AgencyPolicy,
    private readonly protection: DerivedProtection,
    private readonly peers: NotificationPeers,
  ) {
    this.consentsOf = (personId: string) => consentLoader(ds).load(personId);
  }

  /**
   * Whether the subscriber may hear of this event now, decided and audited as a read by the
   * subscriber's agency and role would be: it must hold a record linked to the same child in the
   * index (it hears only of children it serves), and this agency's policy must allow it the event's
   * category (with the facts the lenders lend and the consents in force today).
   */
  async authorize(d: DueDelivery): Promise<Authorization> {
    const viewer: ViewerClaims = {
      sub: `webhook:${d.subscription_id}`,
      agency: d.subscriber_agency,
      roles: [d.subscriber_role],
      purposeOfUse: d.purpose_of_use,
    };
    const { links, feedsCaughtUpAt } = await this.peers.linksOf(d.person_id);
    // the index has not taken the record in yet: not a denial, the delivery waits
    if (!links) throw new Error('record not in the child index yet');
    const person = await this.ds.getRepository(this.spec.person.entity).findOneBy({ id: d.person_id });
    const category = d.category ?? (await this.categoryOfRecord(d));
    const deny = async (rule: string): Promise<Authorization> => {
      await this.audit(viewer, d, links.childId, category, 'DENY', rule, null);
      return { permit: false, childId: links.childId, rule, category };
    };
    const linked = links.links.some(
      (l) => l.agency === d.subscriber_agency && (l.status === 'AUTO' || l.status === 'CONFIRMED'),
    );
    if (!person) return deny('RECORD_GONE');
    if (d.subscriber_agency !== this.spec.agency && !linked) {
      // the subscriber's own record of the child may be there, unread: the index must have read its
      // agency's feed to the end since the event before "not linked" is an answer (else it waits)
      const caughtUp = feedsCaughtUpAt[d.subscriber_agency];
      if (!caughtUp || Date.parse(caughtUp) < new Date(d.occurred_at).getTime() + CLOCK_SKEW_MS)
        throw new Error(`the index has not read ${d.subscriber_agency}'s feed since the event`);
      return deny('SUBSCRIBER_NOT_LINKED');
    }
    // VAWA, a sealed adoption: never leaves the agency, whatever the consent
    if (d.subscriber_agency !== this.spec.agency && this.protection.neverLeaves?.(person))
      return deny('NEVER_DISCLOSED');
    const rules = this.policy.categories.find((c) => c.category === category);
    if (!rules) return deny('UNKNOWN_CATEGORY');
    const facts = await this.factsOf(links.links, person);
    const decision: Decision = decide(this.policy, rules, viewer, await this.consentsOf(d.person_id), facts);
    if (!decision.permit) return deny(decision.rule);
    await this.audit(viewer, d, links.childId, category, 'PERMIT', decision.rule, decision.consentId);
    return { permit: true, childId: links.childId };
  }

  private async categoryOfRecord(d: DueDelivery): Promise<string> {
    const kind = this.spec.kinds.find((k) => k.kindEnum === d.record_kind) as AgencyKind | undefined;
    if (!kind) return 'IDENTITY';
    const row = await this.ds.getRepository(kind.entity).findOneBy({ id: d.record_id });
    return row ? categoryOf(this.spec, kind)(row) : 'IDENTITY';
  }

  private async factsOf(
    links: Array<{ agency: AgencyCode; recordId: string }>,
    person: ObjectLiteral,
  ): Promise<AccessFacts> {
    const facts: Record<string, unknown> = { ageYears: ageFrom(person.birthDate as string | undefined) };
    await Promise.all(
      (Object.keys(LENT_FACTS) as AgencyCode[])
        .filter((a) => a !== this.spec.agency)
        .map(async (lender) => {
          const records = links.filter((l) => l.agency === lender).map((l) => l.recordId);
          facts[LENT_FACTS[lender]!.field] = await this.peers.factOf(lender, records);
        }),
    );
    return facts as AccessFacts;
  }

  private async audit(
    viewer: ViewerClaims,
    d: DueDelivery,
    childId: string | null,
    category: string,
    decision: 'PERMIT' | 'DENY',
    rule: string,
    consentId: string | null,
  ): Promise<void> {
    await createAuditWriter(
      this.ds,
      viewer,
      `webhook-${d.id}-${d.attempts + 1}`,
    )({
      childId,
      recordIds: [d.person_id],
      categories: [category],
      decision,
      rule,
      consentId,
    });
  }
}
