import { Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type Principal } from '@mla/identity';
import { MessageRetryService } from './message-retry.service';
import { FederationTransmissionDto } from './transmission.dto';

@ApiTags('federation')
@ApiBearerAuth()
@Controller('federation/messages')
export class FederationMessagesController {
  constructor(private readonly retries: MessageRetryService) {}

  /** Puts a DEAD message to a peer back to PENDING, due now, its attempts counted afresh; the same bytes are sent again (ADMIN; audited). */
  @Roles('ADMIN')
  @Post(':id/retry')
  @HttpCode(200)
  @ApiOkResponse({ type: FederationTransmissionDto })
  @ApiNotFoundResponse({ description: 'NOT_FOUND: no such message sent by this node' })
  @ApiConflictResponse({ description: 'INVALID_TRANSITION: the message is not DEAD' })
  retry(@CurrentUser() admin: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<FederationTransmissionDto> {
    return this.retries.retry(admin, id);
  }
}
