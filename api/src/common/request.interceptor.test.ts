import { Controller, Get, Module, type Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Public } from '../auth/principal';
import { Idempotency } from '../idempotency/idempotency';
import { RequestScope, ScopedRead } from './request-scope';
import { assertRequestScopes, InRequestTransaction } from './request.interceptor';

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
    // The check reads decorators only; the interceptor's own dependencies are never called here.
    providers: [
      { provide: RequestScope, useValue: {} },
      { provide: Idempotency, useValue: {} },
    ],
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
