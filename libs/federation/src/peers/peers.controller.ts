import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { CurrentUser, Roles, StepUpRequired, type Principal } from '@mla/identity';
import { AddPeerDto, PeerDto, PeerListDto, UpdatePeerDto } from './peer.dto';
import { PeersService } from './peers.service';

@ApiTags('federation')
@ApiBearerAuth()
@Controller('peers')
export class PeersController {
  constructor(private readonly peers: PeersService) {}

  /** The nodes this one exchanges messages with: state, keys, last contact, messages pending, dead and received (ADMIN, SUPERVISOR). */
  @Roles('ADMIN', 'SUPERVISOR')
  @Get()
  @ApiOkResponse({ type: PeerListDto })
  list(): Promise<PeerListDto> {
    return this.peers.list();
  }

  /**
   * Adds a peer (ADMIN, second factor; audited): its well-known document is read from `url`
   * and accepted only when one of its keys has the RFC 7638 thumbprint given. When the peer
   * has peered with this node already, its signed directory is read too: its LOCAL authorities
   * kept here as PEER (OFFLINE ones of its countries turn PEER, keeping their ids and requests).
   */
  @Roles('ADMIN')
  @StepUpRequired()
  @Post()
  @ApiCreatedResponse({ type: PeerDto })
  @ApiConflictResponse({ description: 'CONFLICT: the node is already a peer, is this node, or claims a country of this node or of another peer' })
  @ApiUnprocessableEntityResponse({ description: 'PEER_KEY_MISMATCH: no key has the thumbprint; PEER_UNREACHABLE: the document could not be read (refused URL, no answer, not 200, too large, not JSON); RULE_VIOLATED: not a valid node document, this node does not federate, or the peer’s directory refused (nothing changed)' })
  add(@CurrentUser() admin: Principal, @Body() dto: AddPeerDto): Promise<PeerDto> {
    return this.peers.add(admin, dto);
  }

  /**
   * Suspends or resumes a peer, re-reads its keys with the same thumbprint check (and its
   * directory, when it gives it), or re-reads its signed directory (`refresh_directory`) (ADMIN,
   * second factor; audited). A directory refused (bad signature, malformed, an authority of a
   * country the peer does not serve, a code LOCAL here) answers 422 and changes nothing.
   */
  @Roles('ADMIN')
  @StepUpRequired()
  @Patch(':id')
  @ApiOkResponse({ type: PeerDto })
  @ApiNotFoundResponse({ description: 'NOT_FOUND: no such peer' })
  @ApiConflictResponse({ description: 'INVALID_TRANSITION: already in that state; CONFLICT: the re-read document clashes with this node or another peer' })
  @ApiUnprocessableEntityResponse({ description: 'PEER_KEY_MISMATCH, PEER_UNREACHABLE or RULE_VIOLATED, as when adding; RULE_VIOLATED: the directory refused (nothing changed); PEER_UNREACHABLE: the peer refuses this node its directory' })
  update(@CurrentUser() admin: Principal, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: UpdatePeerDto): Promise<PeerDto> {
    return this.peers.update(admin, id, dto);
  }
}
