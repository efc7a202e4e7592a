export function AuthoritiesPage() { return null; }
export function UsersPage() { return null; }
export function DeliveriesPage() { return null; }
