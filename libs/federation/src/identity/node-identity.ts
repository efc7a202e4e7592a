import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { readFile } from 'node:fs/promises';
import { AppConfig, AppException } from '@mla/core';
import { publicJwkOf, readNodeKeys, NodeKeysRefused, type NodeJwk } from '../crypto/jwks';
import type { SigningKeyRef } from '../crypto/message-signature';
import { loadNodeKeyFile, NodeKeyFileError } from './node-key-file';

/** The protocol this node speaks (its well-known document's `protocols`). */
export const PROTOCOL = 'mla-hub/1';

/** What `GET /.well-known/mla-hub` answers. */
export interface NodeDocument {
  nodeId: string;
  countries: string[];
  url: string;
  protocols: string[];
  jwks: { keys: NodeJwk[] };
}

/**
 * This node's identity in the federation (DESIGN §15): its name, countries and URL from the
 * configuration, and its Ed25519 signing key from NODE_KEY_FILE (created there at first start
 * outside production; never in the database), loaded at boot. The well-known document lists
 * the current key first, then the retired ones of NODE_RETIRED_KEYS_FILE. In production
 * without a key file (and without NODE_COUNTRIES), the node has no identity: it federates with no one.
 */
@Injectable()
export class NodeIdentity implements OnModuleInit {
  private readonly log = new Logger('Federation');
  private key: SigningKeyRef | null = null;
  private keys: NodeJwk[] = [];

  constructor(private readonly config: AppConfig) {}

  async onModuleInit(): Promise<void> {
    const path = this.config.nodeKeyFile;
    if (!path) return;
    const { privateKey, created } = await loadNodeKeyFile(path, !this.config.isProduction);
    const current = await publicJwkOf(privateKey);
    if (created) this.log.log(`Node key created in ${path} (Ed25519, kid ${current.kid})`);
    this.key = { privateKey, kid: current.kid };
    this.keys = [current, ...(await this.retiredKeys()).filter((k) => k.kid !== current.kid)];
  }

  private async retiredKeys(): Promise<NodeJwk[]> {
    const path = this.config.NODE_RETIRED_KEYS_FILE;
    if (!path) return [];
    try {
      return await readNodeKeys(JSON.parse(await readFile(path, 'utf8')));
    } catch (error) {
      const why = error instanceof NodeKeysRefused || error instanceof SyntaxError ? error.message : ((error as { code?: string }).code ?? String(error));
      throw new NodeKeyFileError(`NODE_RETIRED_KEYS_FILE ${path}: ${why}`);
    }
  }

  get nodeId(): string {
    return this.config.nodeId;
  }

  get url(): string {
    return this.config.nodeUrl;
  }

  /** The countries whose authorities are LOCAL here; empty in the single-node mode. */
  get countries(): string[] {
    return this.config.nodeCountries ?? [];
  }

  /** Whether this node may federate: it has a key and NODE_COUNTRIES (the single-node mode federates with no one). */
  get federates(): boolean {
    return this.key !== null && this.config.nodeCountries !== null;
  }

  /** The current signing key; 404 when the node has none (production without NODE_KEY_FILE). */
  signingKey(): SigningKeyRef {
    if (!this.key) throw AppException.notFound('This node’s federation identity (it has no NODE_KEY_FILE)');
    return this.key;
  }

  hasKey(): boolean {
    return this.key !== null;
  }

  document(): NodeDocument {
    this.signingKey();
    return { nodeId: this.nodeId, countries: this.countries, url: this.url, protocols: [PROTOCOL], jwks: { keys: this.keys.map((k) => ({ ...k })) } };
  }
}
