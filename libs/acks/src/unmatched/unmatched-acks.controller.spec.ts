import { HttpException } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { UnmatchedAcksController } from './unmatched-acks.controller';
import type { UnmatchedAcks } from './unmatched-acks.repository';

describe(UnmatchedAcksController.name, () => {
  const unmatched = { list: jest.fn(), summary: jest.fn() };
  const sut = new UnmatchedAcksController(
    { manager: {} } as DataSource,
    unmatched as unknown as UnmatchedAcks,
  );

  it('refuses everyone when the process authenticated no caller (served without the auth guard)', async () => {
    const refusal = await sut.list({}, undefined).catch((error: unknown) => error);

    expect(refusal).toBeInstanceOf(HttpException);
    expect((refusal as HttpException).getStatus()).toBe(403);
    expect(unmatched.list).not.toHaveBeenCalled();
  });
});
