import net from 'node:net';
import request from 'supertest';
import { tokenFor } from '@wholechild/shared/testing';
import { startTestPlatform, type TestPlatform } from './helpers';

/** Every TCP connection this process opens, by destination (host or socket path). */
const destinations: string[] = [];
const connect = net.Socket.prototype.connect;

describe('network egress', () => {
  let p: TestPlatform | undefined;

  beforeAll(async () => {
    net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
      const [first, second] = args;
      if (typeof first === 'object' && first !== null) {
        const o = first as { host?: string; path?: string };
        destinations.push(o.path ?? o.host ?? 'localhost');
      } else if (typeof first === 'number' || /^\d+$/.test(String(first)))
        destinations.push(typeof second === 'string' ? second : 'localhost');
      else destinations.push(String(first));
      return (connect as (...a: unknown[]) => net.Socket).apply(this, args);
    } as typeof connect;
    p = await startTestPlatform();
  });
  afterAll(async () => {
    net.Socket.prototype.connect = connect;
    await p?.dispose();
  });

  it('opens connections to loopback only (no vendor telemetry, no cloud metadata probes)', async () => {
    const platform = p!;
    const token = tokenFor('CHILD_WELFARE', { purposeOfUse: 'CASE_PLANNING' }, platform.config);
    const res = await request(new URL(platform.gatewayUrl).origin)
      .post('/graphql')
      .set('authorization', `Bearer ${token}`)
      .send({
        query: '{ child(id: "00000000-0000-4000-8000-000000000000") { id childWelfare { __typename } } }',
      });
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    // Stopping flushes whatever exporters a library started (Apollo Gateway's own usage telemetry
    // exports on shutdown and hourly, after probing cloud metadata addresses).
    p = undefined;
    await platform.dispose();
    await new Promise((r) => setTimeout(r, 1000));
    expect(destinations.length).toBeGreaterThan(0);
    const elsewhere = destinations.filter(
      (d) => !['127.0.0.1', 'localhost', '::1'].includes(d) && !d.startsWith('/'),
    );
    expect(elsewhere).toEqual([]);
  });
});
