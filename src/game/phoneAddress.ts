/**
 * The address phones open this game at (the join link, the remote's link). Phones cannot reach "localhost":
 * when this screen was opened that way, the server is asked for its LAN address. Without an answer, this
 * screen's own address stays (right for a tablet that plays alone on this machine). No query string.
 */
export async function phoneBaseUrl(): Promise<string> {
  let base = `${location.origin}${location.pathname}`;
  if (/^(localhost|127\.|\[::1\])/.test(location.hostname)) {
    try {
      const res = await fetch('./api/addresses');
      const data = (await res.json()) as { urls?: unknown };
      const first = Array.isArray(data.urls) ? data.urls.find((u): u is string => typeof u === 'string') : undefined;
      if (first) base = first;
    } catch {
      // This screen's own address.
    }
  }
  return base.replace(/\?.*$/, '');
}
