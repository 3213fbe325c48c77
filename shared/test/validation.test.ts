import { checkDateOrder, checkNotFuture, isIsoDate } from '../src/validation';

describe('validation', () => {
  it.each([
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2023-13-01', false],
    ['2023-1-01', false],
    ['1899-12-31', false],
    ['2010-06-15', true],
    [20100615, false],
  ])('isIsoDate(%p) = %p', (v, ok) => expect(isIsoDate(v)).toBe(ok));

  it('orders dates', () => {
    expect(checkDateOrder({ a: '2020-01-02', b: '2020-01-01' }, 'a', 'b')?.code).toBe('DATE_ORDER');
    expect(checkDateOrder({ a: '2020-01-01', b: '2020-01-01' }, 'a', 'b')).toBeNull();
    expect(checkDateOrder({ a: '2020-01-01' }, 'a', 'b')).toBeNull();
  });

  it('refuses future dates', () => {
    expect(checkNotFuture({ d: '2150-01-01' }, 'd')?.code).toBe('OUT_OF_RANGE');
    expect(checkNotFuture({ d: '2001-01-01' }, 'd')).toBeNull();
  });
});
