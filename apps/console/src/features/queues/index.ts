export function ReviewQueuePage() { return null; }
export function IncomingQueuePage() { return null; }
