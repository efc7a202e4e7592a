import { Injectable } from '@nestjs/common';
import { AppException, Clock, decodeCursor, encodeCursor, type PageQueryDto } from '@mla/core';
import type { Principal } from '@mla/identity';
import { RequestCommands } from './commands/request-commands';
import type { ChaseDto } from './dto/counterpart.dto';
import type { IncomingRequestDto } from './dto/incoming-request.dto';
import type { RequestDto, RequestListDto } from './dto/request.dto';
import { toSummary } from './request.presenter';
import { RequestPresenter } from './request-presenter.service';
import { RequestsService } from './requests.service';
import { RequestsRepository } from './requests.repository';

/** This side's work with counterparts that are not on this node (DESIGN §14): chasing, the "To chase" queue, requests received on paper. */
@Injectable()
export class CounterpartsService {
  constructor(
    private readonly requests: RequestsService,
    private readonly repository: RequestsRepository,
    private readonly commands: RequestCommands,
    private readonly presenter: RequestPresenter,
    private readonly clock: Clock,
  ) {}

  /** One chaser sent: the `chase` command (the state stays; the chase interval restarts). */
  chase(p: Principal, id: string, dto: ChaseDto, expectedVersion: number | undefined): Promise<RequestDto> {
    return this.requests.change(p, id, { name: 'chase', input: { channel: dto.channel, dispatchedAt: dto.dispatchedAt, reference: dto.reference } }, expectedVersion);
  }

  /** "To chase": the requests the caller sees whose chase interval has run out, the longest run out first. */
  async toChase(p: Principal, q: PageQueryDto): Promise<RequestListDto> {
    if (p.role !== 'OFFICER' && p.role !== 'SUPERVISOR') throw AppException.forbidden('The queue "To chase" is for officers and supervisors');
    const limit = q.limit ?? 20;
    const rows = await this.repository.toChasePage(p, decodeCursor(q.cursor), limit + 1, this.clock.now());
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return { items: items.map(toSummary), nextCursor: rows.length > limit && last?.chaseDueAt ? encodeCursor(last.chaseDueAt, last.id) : null };
  }

  /** A request received on paper from an OFFLINE authority, registered in SENT. */
  async incoming(p: Principal, dto: IncomingRequestDto): Promise<RequestDto> {
    const { row, deadlines } = await this.commands.createIncoming(p, {
      ...dto,
      transmission: { channel: dto.transmission.channel, dispatchedAt: dto.transmission.dispatchedAt, dispatchReference: dto.transmission.dispatchReference },
    });
    return this.presenter.present(row, deadlines, p);
  }
}
