import { retryDelayMs, signWebhook, verifyWebhookSignature } from '../src/agency/notifications';
import { callbackUrlProblem } from '../src/agency/notifications/subscriptions';

describe(verifyWebhookSignature.name, () => {
  const secret = 'whsec_test-secret-not-for-production';
  const body = '{"id":"e1","type":"PLACEMENT_CHANGED"}';
  const now = 1_800_000_000;

  it('accepts its own signature and refuses a changed body, another secret, a stale or future time', () => {
    const header = signWebhook(secret, body, now);
    expect(header).toMatch(/^t=1800000000,v1=[0-9a-f]{64}$/);
    expect(verifyWebhookSignature(secret, body, header, { nowS: now + 299 })).toEqual({
      ok: true,
      timestamp: now,
    });
    expect(verifyWebhookSignature(secret, `${body} `, header, { nowS: now }).ok).toBe(false);
    expect(verifyWebhookSignature(`${secret}x`, body, header, { nowS: now }).ok).toBe(false);
    expect(verifyWebhookSignature(secret, body, header, { nowS: now + 301 })).toMatchObject({ ok: false });
    expect(verifyWebhookSignature(secret, body, header, { nowS: now - 301 })).toMatchObject({ ok: false });
    expect(verifyWebhookSignature(secret, body, header, { nowS: now + 10, toleranceS: 5 }).ok).toBe(false);
    expect(verifyWebhookSignature(secret, body, undefined).ok).toBe(false);
    expect(verifyWebhookSignature(secret, body, 'v1=abc', { nowS: now }).ok).toBe(false);
    // a timestamp moved forward with the old MAC fails (the time is signed too)
    expect(
      verifyWebhookSignature(secret, body, header.replace(`t=${now}`, `t=${now + 1}`), { nowS: now }).ok,
    ).toBe(false);
    // several v1 values (a secret being rotated): any one matching is enough
    const other = signWebhook('whsec_old', body, now).split(',')[1];
    expect(verifyWebhookSignature(secret, body, `${header},${other}`, { nowS: now }).ok).toBe(true);
  });
});

describe(retryDelayMs.name, () => {
  it('doubles from the base up to the cap, with jitter between half and all of it', () => {
    const opts = { retryBaseMs: 100, retryMaxMs: 1000 };
    for (let i = 0; i < 200; i++) {
      const first = retryDelayMs(1, opts);
      expect(first).toBeGreaterThanOrEqual(50);
      expect(first).toBeLessThanOrEqual(100);
      const third = retryDelayMs(3, opts);
      expect(third).toBeGreaterThanOrEqual(200);
      expect(third).toBeLessThanOrEqual(400);
      const capped = retryDelayMs(30, opts);
      expect(capped).toBeGreaterThanOrEqual(500);
      expect(capped).toBeLessThanOrEqual(1000);
    }
  });
});

describe('a rotating secret', () => {
  it('signs under the new and the previous secret, the new first: a receiver holding either verifies', () => {
    const body = '{"id":"e2"}';
    const header = signWebhook(['whsec_new', 'whsec_old'], body, 1_800_000_000);
    expect(header).toMatch(/^t=1800000000,v1=[0-9a-f]{64},v1=[0-9a-f]{64}$/);
    expect(header.split(',')[1]).toBe(signWebhook('whsec_new', body, 1_800_000_000).split(',')[1]);
    for (const s of ['whsec_new', 'whsec_old'])
      expect(verifyWebhookSignature(s, body, header, { nowS: 1_800_000_000 }).ok).toBe(true);
    expect(verifyWebhookSignature('whsec_other', body, header, { nowS: 1_800_000_000 }).ok).toBe(false);
  });
});

describe(callbackUrlProblem.name, () => {
  it('production: https only, anywhere; development: a loopback address only; never credentials', () => {
    const ok = (url: string, mode: 'development' | 'production') => callbackUrlProblem(url, mode) === null;
    expect(ok('https://sis.example-district.org/hooks', 'production')).toBe(true);
    expect(ok('http://sis.example-district.org/hooks', 'production')).toBe(false);
    expect(ok('http://127.0.0.1:8080/hooks', 'production')).toBe(false);
    expect(ok('https://user:pw@sis.example-district.org/hooks', 'production')).toBe(false);
    expect(ok('http://127.0.0.1:8080/hooks', 'development')).toBe(true);
    expect(ok('http://localhost/hooks', 'development')).toBe(true);
    expect(ok('http://[::1]:9/hooks', 'development')).toBe(true);
    expect(ok('https://sis.example-district.org/hooks', 'development')).toBe(false);
    expect(callbackUrlProblem('file:///etc/passwd', 'development')).toMatchObject({
      field: 'callbackUrl',
      code: 'INVALID_FORMAT',
    });
    expect(callbackUrlProblem(`https://a.org/${'x'.repeat(2000)}`, 'production')).toMatchObject({
      code: 'TOO_LONG',
    });
  });
});
