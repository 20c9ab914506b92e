import { resolveBatchesOptions, UPLOAD_DEFAULTS } from './batches.options';

describe(resolveBatchesOptions.name, () => {
  it('fills the defaults: 256 MiB, 1,000,000 rows, chunks of 2,000', () => {
    expect(resolveBatchesOptions({ dataDir: '/data', maxBytes: undefined })).toEqual({
      dataDir: '/data',
      maxBytes: 256 * 1024 * 1024,
      maxRows: 1_000_000,
      chunkRows: 2_000,
    });
    expect(UPLOAD_DEFAULTS.maxRows).toBe(1_000_000);
  });

  it.each([{ maxBytes: 0 }, { maxRows: -1 }, { chunkRows: 1.5 }, { dataDir: '' }])('refuses %j', (bad) => {
    expect(() => resolveBatchesOptions({ dataDir: '/data', ...bad })).toThrow(/BatchesModule/);
  });
});
