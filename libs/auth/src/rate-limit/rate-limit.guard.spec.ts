import { Controller, HttpException, Post } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { ExecutionContext } from '@nestjs/common';
import { PRINCIPAL_KEY } from '../current-principal.decorator';
import { RateLimit } from './rate-limit.decorator';
import { RateLimitGuard } from './rate-limit.guard';
import { InMemoryRateLimiter } from './rate-limiter';

@Controller()
class LoginController {
  @Post('login')
  @RateLimit({ key: 'ip', limit: 2, windowSeconds: 60 })
  login(): void {}

  @Post('upload')
  @RateLimit({ key: 'principal', limit: 1, windowSeconds: 30 })
  upload(): void {}

  @Post('free')
  free(): void {}
}

function context(handler: keyof LoginController, req: Record<string, unknown>) {
  const headers: Record<string, string> = {};
  const res = { setHeader: (name: string, value: string) => (headers[name] = value) };
  const ctx = {
    getType: () => 'http',
    getHandler: () => LoginController.prototype[handler],
    getClass: () => LoginController,
    switchToHttp: () => ({ getRequest: () => req, getResponse: () => res }),
  } as unknown as ExecutionContext;
  return { ctx, headers };
}

function setup({ limiter = true } = {}) {
  return { sut: new RateLimitGuard(new Reflector(), limiter ? new InMemoryRateLimiter() : undefined) };
}

describe(RateLimitGuard.name, () => {
  it('counts by IP and answers the excess with 429 RATE_LIMITED and Retry-After', () => {
    const { sut } = setup();
    expect(sut.canActivate(context('login', { ip: '10.0.0.1' }).ctx)).toBe(true);
    expect(sut.canActivate(context('login', { ip: '10.0.0.1' }).ctx)).toBe(true);
    const third = context('login', { ip: '10.0.0.1' });

    const error = (() => {
      try {
        sut.canActivate(third.ctx);
      } catch (e) {
        return e as HttpException;
      }
    })();

    expect(error?.getStatus()).toBe(429);
    expect(error?.getResponse()).toEqual({
      code: 'RATE_LIMITED',
      message: expect.stringContaining('at most 2 every 60 s per address') as unknown,
    });
    expect(third.headers['Retry-After']).toBe('60');
    expect(sut.canActivate(context('login', { ip: '10.0.0.2' }).ctx)).toBe(true);
  });

  it('counts by principal, wherever they call from', () => {
    const { sut } = setup();
    const as = (id: string, ip: string) => ({ ip, [PRINCIPAL_KEY]: { id, roles: ['operator'] } });
    expect(sut.canActivate(context('upload', as('olivia', '10.0.0.1')).ctx)).toBe(true);
    expect(() => sut.canActivate(context('upload', as('olivia', '10.0.0.9')).ctx)).toThrow(HttpException);
    expect(sut.canActivate(context('upload', as('oscar', '10.0.0.1')).ctx)).toBe(true);
  });

  it('keeps each route apart, and lets routes without @RateLimit through', () => {
    const { sut } = setup();
    const req = { ip: '10.0.0.3', [PRINCIPAL_KEY]: { id: 'olivia', roles: [] } };
    expect(sut.canActivate(context('upload', req).ctx)).toBe(true);
    expect(sut.canActivate(context('login', req).ctx)).toBe(true);
    for (let i = 0; i < 10; i++) expect(sut.canActivate(context('free', req).ctx)).toBe(true);
  });

  it('limits nothing in an app without RateLimitModule', () => {
    const { sut } = setup({ limiter: false });
    for (let i = 0; i < 5; i++) expect(sut.canActivate(context('upload', { ip: '10.0.0.4' }).ctx)).toBe(true);
  });

  it('refuses a nonsensical declaration when the route is defined', () => {
    expect(() => RateLimit({ key: 'ip', limit: 0, windowSeconds: 60 })).toThrow('at least 1');
  });
});
