import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { createTestDatabase } from '@wholechild/shared/testing';
import { Client } from 'pg';
import { parsePopulationCsv } from '../../subgraphs/child-index/src/analytics/population';
import { loadPopulation } from '../populationLoad';

const GOOD = `locality,age_band,sex,race_ethnicity,count
92501,0-4,F,HISPANIC_LATINO,1200
92501,0-4,m,white,900
92507,15-17,X,BLACK,14
`;

describe('npm run population:load', () => {
  it('reads a good file, with letter case forgiven', () => {
    const { rows, errors } = parsePopulationCsv(GOOD);
    expect(errors).toEqual([]);
    expect(rows).toContainEqual({
      locality: '92501',
      ageBand: '0-4',
      sex: 'M',
      raceEthnicity: 'WHITE',
      count: 900,
    });
  });

  it('lists every bad row by line and column, and returns no row at all', () => {
    const { rows, errors } = parsePopulationCsv(
      `${GOOD}92501,0-5,F,ASIAN,3\n92501,5-9,Q,ASIAN,-2\n92501,0-4,F,HISPANIC_LATINO,7\n`,
    );
    expect(rows).toEqual([]);
    expect(errors.map((e) => [e.field, e.code])).toEqual([
      ['line 5: age_band', 'INVALID_ENUM'],
      ['line 6: sex', 'INVALID_ENUM'],
      ['line 6: count', 'INVALID_FORMAT'],
      ['line 7', 'INVALID_FORMAT'],
    ]);
    expect(parsePopulationCsv('zip,count\n1,2\n').errors[0]).toMatchObject({
      field: 'header',
      code: 'REQUIRED',
    });
  });

  it('replaces the loaded population in one go, and the command refuses a bad file, loading nothing', async () => {
    const db = await createTestDatabase();
    const client = new Client({ connectionString: db.url });
    try {
      await loadPopulation({ databaseUrl: db.url, rows: parsePopulationCsv(GOOD).rows, source: 'test A' });
      await loadPopulation({
        databaseUrl: db.url,
        rows: parsePopulationCsv(GOOD.split('\n').slice(0, 3).join('\n')).rows,
        source: 'test B',
      });
      await client.connect();
      const { rows } = await client.query(
        'SELECT source, sum(count)::int AS n FROM child_index.reference_population GROUP BY source',
      );
      expect(rows).toEqual([{ source: 'test B', n: 2100 }]);

      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'population-'));
      const bad = path.join(dir, 'bad.csv');
      fs.writeFileSync(bad, `${GOOD}92501,0-5,F,ASIAN,3\n`);
      const run = promisify(execFile)('npx', ['tsx', path.join(__dirname, '..', 'populationLoad.ts'), bad], {
        env: { ...process.env, DATABASE_URL: db.url },
      });
      await expect(run).rejects.toMatchObject({
        code: 2,
        stderr: expect.stringContaining('line 5: age_band'),
      });
      const after = await client.query('SELECT count(*)::int AS n FROM child_index.reference_population');
      expect(after.rows[0].n).toBe(2);
    } finally {
      await client.end();
      await db.drop();
    }
  });
});
