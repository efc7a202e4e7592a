import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { FederationTransmissionListDto, TransmissionsService } from '@mla/federation';
import { CurrentUser, type Principal } from '@mla/identity';
import { RequestReader } from './reading/request-reader';

/** A request's federation messages (DESIGN §15): who sees the request sees them. */
@ApiTags('requests')
@ApiBearerAuth()
@Controller('requests')
export class TransmissionsController {
  constructor(
    private readonly reader: RequestReader,
    private readonly transmissions: TransmissionsService,
  ) {}

  /** The messages of the request sent to peer nodes (OUT: state, attempts, last error, the peer's verified receipt) and received from them (IN). */
  @Get(':id/transmissions')
  @ApiOkResponse({ type: FederationTransmissionListDto })
  @ApiNotFoundResponse({ description: 'NOT_FOUND: no request you can see' })
  async list(@CurrentUser() p: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<FederationTransmissionListDto> {
    await this.reader.visibleRow(p, id);
    return this.transmissions.ofRequest(id);
  }
}
