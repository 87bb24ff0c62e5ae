/** Reads stored text as a JSON object; anything else (nothing, not JSON, not an object) is null. */
export function jsonObject(raw: string | null): Record<string, unknown> | null {
  if (!raw) return null;
  try {
    const data: unknown = JSON.parse(raw);
    return typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
