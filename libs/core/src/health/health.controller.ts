import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import Redis from 'ioredis';
import { AppException } from '../errors/app-exception';
import { Public } from '../http/public.decorator';
import { REDIS } from '../redis/redis.module';
import { HealthStatusDto } from './health-status.dto';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  /** The process is up and serving HTTP. */
  @Get('live')
  @ApiOkResponse({ type: HealthStatusDto })
  live(): HealthStatusDto {
    return { status: 'ok', info: {} };
  }

  /** PostgreSQL and Redis both answer: the instance can take traffic. */
  @Get('ready')
  @ApiOkResponse({ type: HealthStatusDto })
  @ApiServiceUnavailableResponse({ description: 'A dependency does not answer (problem body lists the checks)' })
  async ready(): Promise<HealthStatusDto> {
    try {
      const result = await this.health.check([
        () => this.database.pingCheck('database', { timeout: 2000 }),
        () => this.redisCheck(),
      ]);
      return { status: result.status, info: result.info ?? {} };
    } catch (error) {
      const details = (error as { getResponse?: () => unknown }).getResponse?.();
      throw new AppException('SERVICE_UNAVAILABLE', 'A dependency of the service does not answer', undefined, {
        checks: details,
      });
    }
  }

  private async redisCheck() {
    const indicator = this.indicators.check('redis');
    try {
      const pong = await Promise.race([
        this.redis.ping(),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout after 2000 ms')), 2000).unref()),
      ]);
      return pong === 'PONG' ? indicator.up() : indicator.down({ message: `unexpected answer ${pong}` });
    } catch (error) {
      return indicator.down({ message: (error as Error).message });
    }
  }
}
