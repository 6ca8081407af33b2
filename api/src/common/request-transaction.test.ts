import { Controller, Get, Header, HttpCode, Module, Post, RequestMethod, type Type } from '@nestjs/common';
import { HEADERS_METADATA, HTTP_CODE_METADATA, METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import type { FastifyRequest } from 'fastify';
import { Test } from '@nestjs/testing';
import { Public } from '../auth/principal';
import { RequestScope, ScopedRead } from './request-scope';
import { assertRequestScopes, InRequestTransaction } from './request-transaction';

@Controller('whole')
@InRequestTransaction()
class Transactional {
  @Get() list() {}
}

@Controller('mixed')
class Mixed {
  @Get(':id') @ScopedRead() read() {}
  @Get() @InRequestTransaction() list() {}
  helper() {}
}

@Controller('health')
class Health {
  @Get() @Public() ping() {}
}

@Controller('forgotten')
class Forgotten {
  @Get() list() {}
}

@Controller('both')
@InRequestTransaction()
class Both {
  @Get() @ScopedRead() read() {}
}

async function check(...controllers: Type[]) {
  @Module({
    controllers,
  })
  class Checked {}
  const app = await Test.createTestingModule({ imports: [Checked] }).compile();
  try {
    assertRequestScopes(app);
  } finally {
    await app.close();
  }
}

describe('assertRequestScopes', () => {
  it('accepts handlers in a transaction, scoped reads and public routes', async () => {
    await expect(check(Transactional, Mixed, Health)).resolves.toBeUndefined();
  });

  it('refuses an authenticated handler with no request scope', async () => {
    await expect(check(Transactional, Forgotten)).rejects.toThrow(
      'Forgotten.list: neither @InRequestTransaction() nor @ScopedRead()',
    );
  });

  it('refuses a scoped read that would also open a transaction', async () => {
    await expect(check(Both)).rejects.toThrow('Both.read: @ScopedRead() with @InRequestTransaction()');
  });
});

describe('@InRequestTransaction()', () => {
  @Controller('wrapped')
  @InRequestTransaction()
  class Wrapped {
    constructor(readonly seen: unknown[] = []) {}
    @Post() @HttpCode(200) @Header('X-Kind', 'a') create(value: string) {
      this.seen.push(this);
      return `created ${value}`;
    }
    @Post('other') other() {
      return 'other';
    }
  }

  class OnHandler {
    @Post() @InRequestTransaction() create() {
      return 'done';
    }
  }

  function runIn(request: object, work: () => unknown) {
    return RequestScope.withRequest(request as FastifyRequest, work);
  }

  it('keeps what Nest and Swagger read from the handler: route, method, status, headers', () => {
    const handler = Wrapped.prototype.create;
    expect(Reflect.getMetadata(PATH_METADATA, handler)).toBe('/');
    expect(Reflect.getMetadata(METHOD_METADATA, handler)).toBe(RequestMethod.POST);
    expect(Reflect.getMetadata(HTTP_CODE_METADATA, handler)).toBe(200);
    expect(Reflect.getMetadata(HEADERS_METADATA, handler)).toEqual([{ name: 'X-Kind', value: 'a' }]);
    expect(handler.name).toBe('create');
    expect(Reflect.getMetadata(PATH_METADATA, OnHandler.prototype.create)).toBe('/');
  });

  it("runs the handler through the request's transaction with its success status and its own this", async () => {
    const run = jest.fn((_request: unknown, _status: number, handle: () => Promise<unknown>) => handle());
    const request = { id: 'req_1', server: { requestTransaction: { run } } };
    const controller = new Wrapped();
    await expect(runIn(request, () => controller.create('x'))).resolves.toBe('created x');
    await expect(runIn(request, () => controller.other())).resolves.toBe('other');
    await expect(runIn(request, () => new OnHandler().create())).resolves.toBe('done');
    expect(run.mock.calls.map(([seenRequest, status]) => [seenRequest, status])).toEqual([
      [request, 200],
      [request, 201],
      [request, 201],
    ]);
    expect(controller.seen).toEqual([controller]);
  });

  it('refuses to run a handler outside a request rather than run it unscoped', () => {
    expect(() => new Wrapped().create('x')).toThrow('create: no request transaction outside a request');
  });
});
