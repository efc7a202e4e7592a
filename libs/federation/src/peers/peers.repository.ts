import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { SqlParams } from '@mla/core';
import type { PeerRow, PeerState, PeerWithCounts } from './peer.row';

const COLUMNS = `p.id, p.node_id AS "nodeId", p.url, p.countries, p.key_thumbprint AS "keyThumbprint", p.jwks, p.keys_read_at AS "keysReadAt",
  p.state, p.last_contact_at AS "lastContactAt", p.created_at AS "createdAt", p.created_by AS "createdBy", p.updated_at AS "updatedAt"`;
const WITH_COUNTS = `${COLUMNS}, (SELECT count(*)::int FROM federation_inbox i WHERE i.peer_id = p.id) AS "messagesReceived",
  (SELECT count(*)::int FROM federation_outbox o WHERE o.peer_id = p.id AND o.state = 'PENDING') AS "messagesPending",
  (SELECT count(*)::int FROM federation_outbox o WHERE o.peer_id = p.id AND o.state = 'DEAD') AS "messagesDead"`;

/** The peers of this node (`federation_peers`): every query on them. */
@Injectable()
export class PeersRepository {
  constructor(private readonly dataSource: DataSource) {}

  async list(): Promise<PeerWithCounts[]> {
    return this.dataSource.query(`SELECT ${WITH_COUNTS} FROM federation_peers p ORDER BY p.node_id`);
  }

  async findById(id: string, m: EntityManager | DataSource = this.dataSource): Promise<PeerWithCounts | null> {
    const [row] = await m.query(`SELECT ${WITH_COUNTS} FROM federation_peers p WHERE p.id = $1`, [id]);
    return (row as PeerWithCounts | undefined) ?? null;
  }

  /** The peer holding a key of this thumbprint (the `keyid` of a signature), if any. */
  async findByKeyId(kid: string): Promise<PeerRow | null> {
    const [row] = await this.dataSource.query(`SELECT ${COLUMNS} FROM federation_peers p WHERE p.jwks->'keys' @> jsonb_build_array(jsonb_build_object('kid', $1::text)) LIMIT 1`, [kid]);
    return (row as PeerRow | undefined) ?? null;
  }

  /** The peer serving a country (at most one: peers' countries never overlap), if any. */
  async findServing(country: string, m: EntityManager | DataSource = this.dataSource): Promise<{ id: string; nodeId: string } | null> {
    const [row] = await m.query(`SELECT p.id, p.node_id AS "nodeId" FROM federation_peers p WHERE p.countries @> ARRAY[$1]::char(2)[] LIMIT 1`, [country]);
    return (row as { id: string; nodeId: string } | undefined) ?? null;
  }

  /** Peers that clash with a new one: the same node or URL, or a country in common. */
  async clashing(nodeId: string, url: string, countries: string[], exceptId: string | null, m: EntityManager): Promise<PeerRow[]> {
    return m.query(
      `SELECT ${COLUMNS} FROM federation_peers p WHERE (p.node_id = $1 OR p.url = $2 OR p.countries && $3::char(2)[]) AND ($4::uuid IS NULL OR p.id <> $4::uuid)`,
      [nodeId, url, countries, exceptId],
    );
  }

  async insert(m: EntityManager, row: Omit<PeerRow, 'lastContactAt' | 'updatedAt'>): Promise<void> {
    const p = new SqlParams();
    const values = [row.id, row.nodeId, row.url, row.countries, row.keyThumbprint, JSON.stringify(row.jwks), row.keysReadAt, row.state, row.createdAt, row.createdBy, row.createdAt].map((v) => p.add(v));
    await m.query(
      `INSERT INTO federation_peers (id, node_id, url, countries, key_thumbprint, jwks, keys_read_at, state, created_at, created_by, updated_at)
       VALUES (${values.join(', ')})`,
      p.values,
    );
  }

  /** Locks the peer for a change (its admin PATCH). */
  async lock(m: EntityManager, id: string): Promise<PeerRow | null> {
    const [row] = await m.query(`SELECT ${COLUMNS} FROM federation_peers p WHERE p.id = $1 FOR UPDATE`, [id]);
    return (row as PeerRow | undefined) ?? null;
  }

  async setState(m: EntityManager, id: string, state: PeerState, at: Date): Promise<void> {
    await m.query(`UPDATE federation_peers SET state = $2, updated_at = $3 WHERE id = $1`, [id, state, at]);
  }

  async setKeys(m: EntityManager, id: string, keys: Pick<PeerRow, 'keyThumbprint' | 'jwks' | 'countries'>, at: Date): Promise<void> {
    await m.query(`UPDATE federation_peers SET key_thumbprint = $2, jwks = $3, countries = $4, keys_read_at = $5, updated_at = $5 WHERE id = $1`, [id, keys.keyThumbprint, JSON.stringify(keys.jwks), keys.countries, at]);
  }

  /** A verified message arrived from the peer (never moves the time back). */
  async touch(id: string, at: Date): Promise<void> {
    await this.dataSource.query(`UPDATE federation_peers SET last_contact_at = GREATEST(last_contact_at, $2) WHERE id = $1`, [id, at]);
  }
}
