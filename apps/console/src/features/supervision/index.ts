export function OverduePage() { return null; }
export function StatsPage() { return null; }
