/**
 * The directory of authorities (DESIGN §14): how an authority takes correspondence. The
 * channels are the transmission channels of DESIGN §14 (how a letter is dispatched), not the
 * request's channel of DESIGN §4.
 */
export const DIRECTORY_CHANNELS = ['DIPLOMATIC', 'CENTRAL_AUTHORITY_MAIL', 'EMAIL', 'INTERPOL', 'NETWORK_24_7', 'COURIER', 'OTHER'] as const;
export type DirectoryChannel = (typeof DIRECTORY_CHANNELS)[number];
