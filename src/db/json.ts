/** Parses a JSON column written by this app; a corrupt value reads as the fallback instead of crashing a flow. */
export function parseJsonArray(text: string | null): string[] {
  if (!text) return [];
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}
