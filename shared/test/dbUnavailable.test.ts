import { isDatabaseUnavailable } from '../src/db/dataSource';

describe('isDatabaseUnavailable', () => {
  it('recognises a database that is down or restarting, through wrappers', () => {
    expect(
      isDatabaseUnavailable(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })),
    ).toBe(true);
    // TypeORM's QueryFailedError keeps the driver's error; PostgreSQL's admin_shutdown is 57P01.
    expect(isDatabaseUnavailable({ message: 'x', driverError: { code: '57P01' } })).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('timeout exceeded when trying to connect'))).toBe(true);
    expect(isDatabaseUnavailable({ thrownValue: { code: 'ECONNRESET' } })).toBe(true);
  });

  it('does not take a bad statement or a constraint for an outage', () => {
    expect(isDatabaseUnavailable({ message: 'syntax error', driverError: { code: '42601' } })).toBe(false);
    expect(isDatabaseUnavailable({ message: 'duplicate key', code: '23505' })).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
  });
});
