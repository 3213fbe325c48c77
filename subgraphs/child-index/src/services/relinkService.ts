import type { DataSource } from 'typeorm';
import { LinkRepository } from '../repositories/linkRepository';
import { LINK_LOCK_SQL, type LinkService } from './linkService';
import { MATCH_COLUMNS, personOfRow, type MatchRow } from './matchModel';

export interface RelinkProgress {
  done: number;
  total: number;
  moved: number;
  reviewPairs: number;
}

export interface RelinkResult extends RelinkProgress {
  finished: boolean;
  resumed: boolean;
}

/**
 * A full re-link (`npm run link -- --all`): trains the model again on every record, then walks
 * every automatically linked record in key order, in batches, linking each again against the rest
 * (the incremental path: a record keeps its child when it still belongs there; a person-decided
 * link is never touched). Each batch is one transaction that also records how far the walk got, so
 * a stopped run resumes where it stopped.
 */
export class RelinkService {
  constructor(
    private readonly ds: DataSource,
    private readonly links: LinkService,
  ) {}

  async status(): Promise<{ total: number; done: number; moved: number; finished: boolean } | null> {
    const [job] = await this.ds.query('SELECT total, done, moved, finished_at FROM relink_job WHERE id = 1');
    return job ? { total: job.total, done: job.done, moved: job.moved, finished: !!job.finished_at } : null;
  }

  async run(
    opts: {
      batchSize?: number;
      /** Start over even if an earlier run was stopped half-way. */
      restart?: boolean;
      /** Checked between batches: when aborted, the run stops after the batch in hand. */
      signal?: AbortSignal;
      onProgress?: (p: RelinkProgress) => void;
    } = {},
  ): Promise<RelinkResult> {
    const batch = opts.batchSize ?? 500;
    const [job] = await this.ds.query('SELECT finished_at FROM relink_job WHERE id = 1');
    const resumed = !!job && !job.finished_at && !opts.restart;
    if (!resumed) {
      await this.ds.transaction(async (em) => {
        await em.query(LINK_LOCK_SQL);
        await this.links.models.train(em);
        const [{ n }] = await em.query(`SELECT count(*)::int AS n FROM agency_record WHERE status = 'AUTO'`);
        await em.query(
          `INSERT INTO relink_job (id, total) VALUES (1, $1)
           ON CONFLICT (id) DO UPDATE SET total = $1, done = 0, moved = 0, after_agency = NULL, after_record = NULL,
             started_at = now(), finished_at = NULL`,
          [n],
        );
      });
    }
    let reviewPairs = 0;
    for (;;) {
      const step = await this.links.transaction(async (em, session) => {
        const [state] = await em.query(
          'SELECT total, done, moved, after_agency, after_record FROM relink_job WHERE id = 1 FOR UPDATE',
        );
        const rows: MatchRow[] = await em.query(
          `SELECT ${MATCH_COLUMNS} FROM agency_record
            WHERE status = 'AUTO' AND ($1::varchar IS NULL OR (agency, record_id) > ($1::varchar, $2::uuid))
            ORDER BY agency, record_id LIMIT $3`,
          [state.after_agency, state.after_record, batch],
        );
        if (!rows.length) {
          await em.query('UPDATE relink_job SET finished_at = now() WHERE id = 1');
          return { ...state, last: true };
        }
        const out = await this.links.linkTx(
          em,
          rows.map((r) => ({ person: personOfRow(r), childId: r.child_id, inPlace: true })),
          're-link',
          session,
        );
        await new LinkRepository(em).refreshGolden(out.affected);
        const last = rows[rows.length - 1]!;
        const [next] = await em.query(
          `WITH u AS (UPDATE relink_job SET done = done + $1, moved = moved + $2, after_agency = $3, after_record = $4
             WHERE id = 1 RETURNING total, done, moved) SELECT * FROM u`,
          [rows.length, out.moved, last.agency, last.record_id],
        );
        reviewPairs += out.reviewPairs;
        return { ...next, last: false };
      });
      const progress = {
        done: Math.min(step.done, step.total),
        total: step.total,
        moved: step.moved,
        reviewPairs,
      };
      if (step.last) return { ...progress, done: step.total, finished: true, resumed };
      opts.onProgress?.(progress);
      if (opts.signal?.aborted) return { ...progress, finished: false, resumed };
    }
  }
}
