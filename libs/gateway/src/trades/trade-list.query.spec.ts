import { z } from 'zod';
import { TradeListQuery } from './trade-list.query';

const problems = (input: Record<string, string>) => {
  const result = TradeListQuery.safeParse(input);
  return result.success ? '' : z.prettifyError(result.error);
};

describe('TradeListQuery', () => {
  it('defaults the page size to 50', () => {
    expect(TradeListQuery.parse({})).toEqual({ limit: 50 });
  });

  it('takes one status or a comma-separated list, in any case', () => {
    expect(TradeListQuery.parse({ status: 'valid, RELEASED' }).status).toEqual(['VALID', 'RELEASED']);
  });

  it('names the allowed statuses when a status is unknown', () => {
    expect(problems({ status: 'VALID,DONE' })).toContain("unknown status 'DONE': use one or more");
    expect(problems({ status: 'DONE' })).toContain('RECEIVED, VALID, INVALID, RELEASED');
  });

  it('refuses a limit over 500, under 1, or not a whole number', () => {
    expect(problems({ limit: '501' })).toContain('limit must be at most 500');
    expect(problems({ limit: '0' })).toContain('limit must be at least 1');
    expect(problems({ limit: 'ten' })).toContain('limit must be a whole number from 1 to 500');
    expect(TradeListQuery.parse({ limit: '500' }).limit).toBe(500);
  });

  it('refuses a bad route, a batch id that is not a UUID and unknown parameters', () => {
    expect(problems({ route: 'SFTP' })).toContain('route must be one of CASIE, CALASTONE');
    expect(problems({ batchId: '42' })).toContain('batchId must be a batch id');
    expect(problems({ acount: 'x' })).toContain('Unrecognized key');
  });

  it('normalises route and ISIN case', () => {
    expect(TradeListQuery.parse({ route: 'casie', fundIsin: 'ie00b4l5y983' })).toMatchObject({
      route: 'CASIE',
      fundIsin: 'IE00B4L5Y983',
    });
  });
});
