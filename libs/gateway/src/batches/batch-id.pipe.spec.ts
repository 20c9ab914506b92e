import { ApiError } from '../http/api-error';
import { BatchIdPipe } from './batch-id.pipe';

describe(BatchIdPipe.name, () => {
  const pipe = new BatchIdPipe();

  it('passes a UUID through, lower-cased', () => {
    expect(pipe.transform('1F0C7A52-3C1E-4B7E-9D7A-2A1F6E0C9B11')).toBe(
      '1f0c7a52-3c1e-4b7e-9d7a-2a1f6e0c9b11',
    );
  });

  it.each(['42', 'batch-1', "1' OR '1'='1", 'x'.repeat(500)])(
    'answers 404 for %j, never a database error',
    (id) => {
      const refusal = (() => {
        try {
          pipe.transform(id);
        } catch (error) {
          return error;
        }
      })();
      expect(refusal).toBeInstanceOf(ApiError);
      expect(refusal).toMatchObject({ status: 404, code: 'NOT_FOUND' });
      expect((refusal as ApiError).message.length).toBeLessThan(200);
    },
  );
});
