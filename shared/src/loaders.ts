import DataLoader from 'dataloader';
import { In, type ObjectLiteral, type Repository } from 'typeorm';

/** A per-request loader of all rows whose `column` equals each key: one SQL statement per batch. */
export function manyByColumn<E extends ObjectLiteral>(
  repo: Repository<E>,
  property: keyof E & string,
  order?: Partial<Record<keyof E, 'ASC' | 'DESC'>>,
) {
  return new DataLoader<string, E[]>(async (keys) => {
    const rows = await repo.find({ where: { [property]: In([...keys]) } as never, order: order as never });
    const byKey = new Map<string, E[]>();
    for (const row of rows) {
      const k = String(row[property]);
      const list = byKey.get(k);
      if (list) list.push(row);
      else byKey.set(k, [row]);
    }
    return keys.map((k) => byKey.get(k) ?? []);
  });
}

/** A per-request loader of rows by primary key id. */
export function oneById<E extends ObjectLiteral & { id: string }>(repo: Repository<E>) {
  return new DataLoader<string, E | null>(async (ids) => {
    const rows = await repo.find({ where: { id: In([...ids]) } as never });
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}

/** Loads the rows of several keys and flattens them (a section's list across linked records). */
export async function loadAll<E>(loader: DataLoader<string, E[]>, keys: string[]): Promise<E[]> {
  return (await loader.loadMany(keys)).flatMap((r) => {
    if (r instanceof Error) throw r;
    return r;
  });
}
