/**
 * Speed of the table engine: 100,000 children added to a 3-D table (race/ethnicity × age band ×
 * sex, 8 × 4 × 3 values, 180 cells with margins) and published. Record keys (one HMAC per child)
 * are timed apart: the data side computes them as it reads each child.
 * Run: npm run bench -w @wholechild/analytics (or npx tsx analytics/bench/table.ts).
 */
import { CountTable, recordKey } from '../src';
import { seededRandom } from '../test/random';

export const TARGET_MS = 100;
const CHILDREN = 100_000;
const ROUNDS = 7;

const dimensions = [
  {
    name: 'raceEthnicity',
    values: ['AIAN', 'Asian', 'Black', 'Hispanic', 'NHPI', 'White', 'Multiracial', 'Unknown'],
  },
  { name: 'ageBand', values: ['0-4', '5-9', '10-14', '15-17'] },
  { name: 'sex', values: ['F', 'M', 'X'] },
];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const random = seededRandom(100_000);
// skewed, so the last values of each dimension are rare and some cells fall under the threshold
const pick = (values: string[]) => values[Math.floor(random() ** 8 * values.length)];
const rows = Array.from({ length: CHILDREN }, () => dimensions.map((d) => pick(d.values)));

let t0 = performance.now();
const keys = rows.map((_, i) => recordKey('bench-secret', `child-${i}`));
const keyMs = performance.now() - t0;

const times: number[] = [];
let cells = 0;
let suppressed = 0;
for (let round = 0; round < ROUNDS; round++) {
  t0 = performance.now();
  const table = new CountTable(dimensions);
  for (let i = 0; i < CHILDREN; i++) table.add(rows[i], keys[i], { protected: i % 97 === 0, weight: i % 30 });
  const published = table.publish();
  times.push(performance.now() - t0);
  cells = published.length;
  suppressed = published.filter((c) => c.suppressed).length;
}
const ms = median(times);
console.log(
  `analytics table: ${CHILDREN} children, 3-D (${cells} cells, ${suppressed} withheld): ` +
    `add + publish ${ms.toFixed(1)} ms median of ${ROUNDS} (target < ${TARGET_MS} ms: ${ms < TARGET_MS ? 'PASS' : 'FAIL'}); ` +
    `record keys ${keyMs.toFixed(0)} ms`,
);
