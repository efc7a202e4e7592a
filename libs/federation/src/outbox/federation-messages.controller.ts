import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, StepUpRequired, type Principal } from '@mla/identity';
import { MessageRetryService } from './message-retry.service';
import { FederationTransmissionDto } from './transmission.dto';
import { TransmissionsService } from './transmissions.service';
import { FederationMessageListDto, ListUndeliveredQueryDto } from './undelivered.dto';

@ApiTags('federation')
@ApiBearerAuth()
@Controller('federation/messages')
export class FederationMessagesController {
  constructor(
    private readonly retries: MessageRetryService,
    private readonly transmissions: TransmissionsService,
  ) {}

  /**
   * This node's messages to peers still waiting for a receipt (PENDING) or given up after the
   * last attempt (DEAD), newest first, at most 200, each with its request's id (ADMIN: the
   * operator finds what to retry; the content of requests stays out of sight).
   */
  @Roles('ADMIN')
  @Get()
  @ApiOkResponse({ type: FederationMessageListDto })
  list(@Query() query: ListUndeliveredQueryDto): Promise<FederationMessageListDto> {
    return this.transmissions.undelivered(query.state);
  }

  /** Puts a DEAD message to a peer back to PENDING, due now, its attempts counted afresh; the same bytes are sent again (ADMIN, second factor; audited). */
  @Roles('ADMIN')
  @StepUpRequired()
  @Post(':id/retry')
  @HttpCode(200)
  @ApiOkResponse({ type: FederationTransmissionDto })
  @ApiNotFoundResponse({ description: 'NOT_FOUND: no such message sent by this node' })
  @ApiConflictResponse({ description: 'INVALID_TRANSITION: the message is not DEAD' })
  retry(@CurrentUser() admin: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<FederationTransmissionDto> {
    return this.retries.retry(admin, id);
  }
}
