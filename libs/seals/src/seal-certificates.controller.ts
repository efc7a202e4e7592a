import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { CurrentUser, Roles, StepUpRequired, type Principal } from '@mla/identity';
import { SealCertificateDto, SetSealCertificateDto } from './seal-certificate.dto';
import { SealCertificatesService } from './seal-certificates.service';

@ApiTags('authorities')
@ApiBearerAuth()
@Controller('authorities/:id/seal-certificate')
export class SealCertificatesController {
  constructor(private readonly seals: SealCertificatesService) {}

  /** The certificate the authority seals its letters with (ADMIN, or a user of that authority). */
  @Get()
  @ApiOkResponse({ type: SealCertificateDto })
  @ApiNotFoundResponse({ description: 'NOT_FOUND: the authority has no sealing certificate, or it is not yours' })
  get(@CurrentUser() p: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<SealCertificateDto> {
    return this.seals.get(p, id);
  }

  /** Sets the authority's sealing certificate (ADMIN, second factor; audited). The key is kept in the node's secret store, never in the database. */
  @Roles('ADMIN')
  @StepUpRequired()
  @Put()
  @ApiOkResponse({ type: SealCertificateDto })
  @ApiUnprocessableEntityResponse({ description: 'RULE_VIOLATED: not a PKCS#12 file, the password does not open it, no key or certificate, not valid now, or not a sending authority' })
  set(@CurrentUser() admin: Principal, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: SetSealCertificateDto): Promise<SealCertificateDto> {
    return this.seals.set(admin, id, dto);
  }

  /** Removes the authority's sealing certificate (ADMIN, second factor; audited): its letters then go with an uploaded signed copy. */
  @Roles('ADMIN')
  @StepUpRequired()
  @Delete()
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Removed' })
  async remove(@CurrentUser() admin: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    await this.seals.remove(admin, id);
  }
}
