export function WriterPage() { return null; }
