import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';

/** Who is calling: a secret API key (whole account, one mode) or an upload's client secret. */
export type Principal =
  | { kind: 'api_key'; accountId: string; livemode: boolean; keyId: string }
  | { kind: 'client_secret'; accountId: string; livemode: boolean; uploadId: string };

export type AccountScope = { accountId: string; livemode: boolean };

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
}

export const PUBLIC_ROUTE = 'sf:public';
export const CLIENT_SECRET_ROUTE = 'sf:client-secret';

/** No credentials needed (health checks). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/** An upload's `client_secret` may call this route for that upload's own `:id`. */
export const AllowClientSecret = () => SetMetadata(CLIENT_SECRET_ROUTE, true);

export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  const principal = ctx.switchToHttp().getRequest<FastifyRequest>().principal;
  if (!principal) throw new Error('CurrentPrincipal used on a route without authentication');
  return principal;
});
