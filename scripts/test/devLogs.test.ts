import { PassThrough } from 'node:stream';
import { createLogger, loadConfig } from '@wholechild/shared';
import { productionEnv } from '@wholechild/shared/testing';
import { prettyLogDestination } from '../devLogs';

describe('npm start logs', () => {
  it('in development, one readable line per entry (not JSON), at the configured level', async () => {
    const out = new PassThrough();
    let text = '';
    out.on('data', (c: Buffer) => (text += c.toString('utf8')));
    const logger = createLogger('gateway', 'info', prettyLogDestination(out, false));
    logger.info(
      { requestId: 'r-1', method: 'POST', path: '/graphql', status: 200, durationMs: 3.2 },
      'request',
    );
    logger.debug({ agency: 'HOUSING' }, 'routine feed pull');
    logger.warn({ agency: 'HOUSING' }, 'feed pull failed; retrying');
    await new Promise((r) => setTimeout(r, 50));
    const lines = text.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      /^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: gateway: request \{"requestId":"r-1","method":"POST","path":"\/graphql","status":200,"durationMs":3.2\}$/,
    );
    expect(lines[1]).toMatch(/WARN: gateway: feed pull failed; retrying \{"agency":"HOUSING"\}$/);
    expect(() => JSON.parse(lines[0]!)).toThrow();
  });

  it('is pretty by default in development, JSON on request, and always JSON in production', () => {
    expect(loadConfig({ WHOLECHILD_MODE: 'development' }).logFormat).toBe('pretty');
    expect(loadConfig({ WHOLECHILD_MODE: 'development', LOG_FORMAT: 'json' }).logFormat).toBe('json');
    expect(loadConfig(productionEnv()).logFormat).toBe('json');
    expect(loadConfig({ ...productionEnv(), LOG_FORMAT: 'pretty' }).logFormat).toBe('json');
    expect(() => loadConfig({ WHOLECHILD_MODE: 'development', LOG_FORMAT: 'xml' })).toThrow(/LOG_FORMAT/);
  });
});
