import { ParseUUIDPipe } from '@nestjs/common';
import { AppException } from '@mla/core';

/** A path id that is no UUID names nothing: 404 for `what`, as an unknown id would. */
export const uuidOf = (what: string) => new ParseUUIDPipe({ exceptionFactory: () => AppException.notFound(what) });

/** The OpenAPI description of If-Match, on every change of a request. */
export const IF_MATCH = { name: 'If-Match', required: false, description: 'The version (ETag) you read; 412 VERSION_CONFLICT when stale' };
