import { Injectable } from '@nestjs/common';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type AuthenticatorTransport,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import type { EntityManager } from 'typeorm';
import { AppException, Clock } from '@mla/core';
import { MfaRepository } from './mfa.repository';
import { challengeOf, type WebAuthnSite } from './webauthn-site';

/** How long a browser has to answer WebAuthn options. */
const CHALLENGE_TTL_MS = 5 * 60_000;
const RP_NAME = 'MLA Hub';

/**
 * Passkeys (WebAuthn, DESIGN §16) through @simplewebauthn/server: registration and
 * authentication options with a single-use challenge kept in `mfa_challenges` (taken, and
 * so deleted, by the verification that uses it), user verification preferred, no
 * attestation asked.
 */
@Injectable()
export class PasskeysService {
  constructor(
    private readonly repo: MfaRepository,
    private readonly clock: Clock,
  ) {}

  async registrationOptions(user: { id: string; email: string; displayName: string }, site: WebAuthnSite): Promise<PublicKeyCredentialCreationOptionsJSON> {
    const existing = await this.repo.passkeys(user.id);
    const options = await generateRegistrationOptions({
      rpName: RP_NAME,
      rpID: site.rpId,
      userName: user.email,
      userDisplayName: user.displayName,
      userID: Buffer.from(user.id.replace(/-/g, ''), 'hex'),
      attestationType: 'none',
      excludeCredentials: existing.map((p) => ({ id: p.credentialId, transports: p.transports as AuthenticatorTransport[] })),
      authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
    });
    const now = this.clock.now();
    await this.repo.addChallenge(user.id, 'register', options.challenge, new Date(now.getTime() + CHALLENGE_TTL_MS), now);
    return options;
  }

  /** Verifies a registration and stores the passkey in the caller's transaction; 422 when it does not verify. */
  async register(m: EntityManager, userId: string, response: Record<string, unknown>, name: string | undefined, site: WebAuthnSite): Promise<void> {
    const now = this.clock.now();
    const challenge = challengeOf(response);
    if (!challenge || !(await this.repo.takeChallenge(userId, 'register', challenge, now))) throw refused('response', 'answers no registration options of yours that are still open');
    let info;
    try {
      const result = await verifyRegistrationResponse({
        response: response as unknown as RegistrationResponseJSON,
        expectedChallenge: challenge,
        expectedOrigin: site.origins,
        expectedRPID: site.rpId,
        requireUserVerification: false,
      });
      info = result.verified ? result.registrationInfo : undefined;
    } catch (error) {
      throw refused('response', `does not verify (${error instanceof Error ? error.message.slice(0, 200) : 'invalid'})`);
    }
    if (!info) throw refused('response', 'does not verify');
    await this.repo.addPasskey(m, userId, {
      credentialId: info.credential.id,
      publicKey: Buffer.from(info.credential.publicKey),
      counter: info.credential.counter,
      transports: (info.credential.transports ?? []).slice(0, 10),
      name: name ?? `Passkey ${now.toISOString().slice(0, 10)}`,
      createdAt: now,
    });
  }

  /** Options to sign in (or step up) with one of the user's passkeys; 422 when they have none. */
  async authenticationOptions(userId: string, site: WebAuthnSite): Promise<PublicKeyCredentialRequestOptionsJSON> {
    const passkeys = await this.repo.passkeys(userId);
    if (passkeys.length === 0) throw AppException.rule('You have no passkey; use a code', [{ field: 'assertion', message: 'no passkey enrolled' }]);
    const options = await generateAuthenticationOptions({
      rpID: site.rpId,
      allowCredentials: passkeys.map((p) => ({ id: p.credentialId, transports: p.transports as AuthenticatorTransport[] })),
      userVerification: 'preferred',
    });
    const now = this.clock.now();
    await this.repo.addChallenge(userId, 'authenticate', options.challenge, new Date(now.getTime() + CHALLENGE_TTL_MS), now);
    return options;
  }

  /** Whether the assertion is one of the user's passkeys signing a challenge of theirs still open (the challenge is used up either way). */
  async verifyAssertion(userId: string, assertion: Record<string, unknown>, site: WebAuthnSite): Promise<boolean> {
    const now = this.clock.now();
    const challenge = challengeOf(assertion);
    if (!challenge || !(await this.repo.takeChallenge(userId, 'authenticate', challenge, now))) return false;
    const passkey = (await this.repo.passkeys(userId)).find((p) => p.credentialId === assertion.id);
    if (!passkey) return false;
    try {
      const result = await verifyAuthenticationResponse({
        response: assertion as unknown as AuthenticationResponseJSON,
        expectedChallenge: challenge,
        expectedOrigin: site.origins,
        expectedRPID: site.rpId,
        credential: { id: passkey.credentialId, publicKey: new Uint8Array(passkey.publicKey), counter: passkey.counter, transports: passkey.transports as AuthenticatorTransport[] },
        requireUserVerification: false,
      });
      return result.verified && (await this.repo.passkeyUsed(passkey.id, result.authenticationInfo.newCounter, now));
    } catch {
      return false;
    }
  }
}

function refused(field: string, message: string): AppException {
  return AppException.rule('The passkey was not accepted', [{ field, message }]);
}
