import fs from 'node:fs';
import { SUPERGRAPH_FILE } from '../../gateway/src/supergraph';
import { readManifest } from '../../gateway/src/trustedDocuments';
import { readShapes, stillReads } from '../operationShapes';
import { schemaCheck } from '../schemaCheck';

/** The breaking-change check of `npm run schema:check`: each kind of break a client would feel is
 *  caught, unless the reviewed file names it; what a client still reads passes. */
describe('npm run schema:check: changes that break registered operations', () => {
  const committed = fs.readFileSync(SUPERGRAPH_FILE, 'utf8');
  const registered = (name: string) => readManifest().operations.find((o) => o.name === name)!;
  /** The supergraph with one line of `type`'s body changed. */
  const change = (type: string, from: string, to: string) => {
    const start = committed.indexOf(`\ntype ${type}\n`);
    const at = committed.indexOf(`\n  ${from}\n`, start);
    expect(start).toBeGreaterThan(-1);
    expect(at).toBeGreaterThan(start);
    return `${committed.slice(0, at)}\n  ${to}\n${committed.slice(at + from.length + 4)}`;
  };
  const problems = (sdl: string) => schemaCheck({ supergraphSdl: sdl }).problems.join('\n');

  it('passes on the committed supergraph, every registered operation’s shape recorded', () => {
    expect(schemaCheck({ supergraphSdl: committed }).problems).toEqual([]);
    const shapes = readShapes();
    for (const op of readManifest().operations)
      expect(Object.keys(shapes[op.id] ?? {}).length).toBeGreaterThan(0);
  });

  it('catches a removed field and an argument made required', () => {
    const removed = committed.replace(/\n\s+"""[^"]*"""\n\s+running: Boolean!/, '\n');
    expect(removed).not.toBe(committed);
    expect(problems(removed)).toMatch(
      /DashboardFeedStatus.*Cannot query field "running" on type "FeedStatus"/,
    );
    const required = committed.replace(/crossover\(/, 'crossover(\n    region: String!\n');
    expect(problems(required)).toMatch(/DashboardCrossover.*argument "region"/);
  });

  it('catches a type change the operation still validates against: another type, may now be null, a list now one value', () => {
    expect(problems(change('FeedStatus', 'running: Boolean!', 'running: String!'))).toMatch(
      /DashboardFeedStatus.*FeedStatus\.running changed type from Boolean! to String!/,
    );
    expect(problems(change('FeedStatus', 'running: Boolean!', 'running: Boolean'))).toMatch(
      /DashboardFeedStatus.*FeedStatus\.running changed type from Boolean! to Boolean\b/,
    );
    expect(problems(change('AggregateCell', 'group: [String]!', 'group: String!'))).toMatch(
      /AggregateCell\.group changed type from \[String\]! to String!/,
    );
  });

  it('lets through what every client still reads: a value that can no longer be null', () => {
    const stricter = change('FeedStatus', 'running: Boolean!', 'running: Boolean!');
    expect(schemaCheck({ supergraphSdl: stricter }).problems).toEqual([]);
    const nonNull = change('AggregateCell', 'children: Int', 'children: Int!');
    expect(schemaCheck({ supergraphSdl: nonNull }).problems).toEqual([]);
  });

  it('accepts a type change named, with its reason, in the reviewed file; only that operation', () => {
    const changed = change('FeedStatus', 'running: Boolean!', 'running: String!');
    const r = schemaCheck({
      supergraphSdl: changed,
      intendedBreaks: [{ id: registered('DashboardFeedStatus').id, reason: 'running is now a phase name' }],
    });
    expect(r.accepted.join('\n')).toMatch(
      /DashboardFeedStatus.*changed type.*intended: running is now a phase name/,
    );
    expect(r.problems.filter((p) => p.includes('DashboardFeedStatus'))).toEqual([]);
  });

  it('reads types as a client does', () => {
    expect(stillReads('String', 'String!')).toBe(true);
    expect(stillReads('[Child!]', '[Child!]!')).toBe(true);
    expect(stillReads('[Child]!', '[Child!]!')).toBe(true);
    expect(stillReads('[Child!]!', '[Child]!')).toBe(false);
    expect(stillReads('String!', 'String')).toBe(false);
    expect(stillReads('[String]', 'String')).toBe(false);
    expect(stillReads('Int', 'Float')).toBe(false);
  });
});
