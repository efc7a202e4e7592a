export class HealthStatusDto {
  /** `ok` when every check is up. */
  status: string;
  /** The checks that answered, by name. */
  info: Record<string, unknown>;
}
