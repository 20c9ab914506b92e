import { Controller, Get, type INestApplication, Post, type Type } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import type { LoginConfig } from '@contingency/config';
import { LedgerModule } from '@contingency/ledger';
import { ObservabilityModule } from '@contingency/observability';
import { createTestDatabase } from '@contingency/testing';
import { AuthErrorFilter } from '../../auth-error';
import { AuthModule } from '../../auth.module';
import { CurrentPrincipal } from '../../current-principal.decorator';
import type { Principal } from '../../principal';
import { Roles } from '../../roles.decorator';
import { CLOCK, type Clock } from '../../session/clock';
import type { LoginOptions } from '../login-options';

/** Routes of an app behind the guard: reading needs viewer or operator, writing operator. */
@Controller('api/v1/spec')
export class SpecController {
  @Roles('operator', 'viewer')
  @Get('read')
  read(@CurrentPrincipal() principal: Principal): { id: string; kind: string } {
    return { id: principal.id, kind: principal.kind };
  }

  @Roles('operator')
  @Post('write')
  write(@CurrentPrincipal() principal: Principal): { id: string } {
    return { id: principal.id };
  }
}

/** Time that a test moves on by hand (session timeouts). */
export class ManualClock implements Clock {
  private at = Date.now();
  now(): Date {
    return new Date(this.at);
  }
  advance(ms: number): void {
    this.at += ms;
  }
}

export const BASE_URL = 'https://gateway.test';

export function loginConfig(overrides: Partial<LoginConfig> = {}): LoginConfig {
  return {
    publicBaseUrl: BASE_URL,
    spEntityId: `${BASE_URL}/auth/saml/metadata`,
    groupAttribute: 'groups',
    roleMapping: 'operators=operator;approvers=approver,viewer',
    mfaContexts: ['urn:oasis:names:tc:SAML:2.0:ac:classes:MobileTwoFactorContract'],
    requireTotp: false,
    session: { idleMs: 30 * 60_000, absoluteMs: 2 * 3600_000, cookieSecure: true },
    ...overrides,
  };
}

/** The gateway's auth in a Nest app on a real database, with a hand-moved clock. */
export async function startLoginApp(
  db: Awaited<ReturnType<typeof createTestDatabase>>,
  login: LoginOptions,
  clock: Clock,
  extra: { modules?: Array<Type | ReturnType<typeof AuthModule.forRoot>> } = {},
): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({
    imports: [
      ObservabilityModule.forRoot({ service: 'login-spec' }),
      LedgerModule.forDataSource(db.dataSource),
      AuthModule.forRoot({ login }),
      ...(extra.modules ?? []),
    ],
    controllers: [SpecController],
    providers: [{ provide: APP_FILTER, useClass: AuthErrorFilter }],
  })
    .overrideProvider(CLOCK)
    .useValue(clock)
    .compile();
  const app = moduleRef.createNestApplication({ logger: false });
  return app.init();
}

/** name → { value, attributes } of a response's Set-Cookie headers. */
export function setCookies(res: request.Response): Map<string, { value: string; attributes: string[] }> {
  const header = res.headers['set-cookie'] as unknown as string[] | undefined;
  const cookies = new Map<string, { value: string; attributes: string[] }>();
  for (const line of header ?? []) {
    const [pair, ...attributes] = line.split(';').map((part) => part.trim());
    const at = pair.indexOf('=');
    cookies.set(pair.slice(0, at), { value: decodeURIComponent(pair.slice(at + 1)), attributes });
  }
  return cookies;
}
