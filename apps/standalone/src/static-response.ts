/** Answers the pages of the standalone profile, or undefined for everything else. */
export type Pages = (request: Request) => Response | undefined;

export interface StaticAsset {
  body: Uint8Array<ArrayBuffer> | string;
  gzipped: Uint8Array<ArrayBuffer>;
  /** A strong ETag from the content hash. */
  etag: string;
  type: string;
}

/**
 * A built file's answer: 304 when the client holds this ETag, gzipped when it accepts that,
 * with the given freshness (`cache-control`).
 */
export function staticResponse(request: Request, asset: StaticAsset, cacheControl: string) {
  const headers: Record<string, string> = {
    'content-type': asset.type,
    'cache-control': cacheControl,
    etag: asset.etag,
    vary: 'accept-encoding',
    'x-content-type-options': 'nosniff',
  };
  const tags = request.headers.get('if-none-match');
  if (tags?.split(',').some((tag) => tag.trim().replace(/^W\//, '') === asset.etag)) {
    return new Response(null, { status: 304, headers });
  }
  const head = request.method === 'HEAD';
  if (/\bgzip\b/.test(request.headers.get('accept-encoding') ?? '')) {
    headers['content-encoding'] = 'gzip';
    return new Response(head ? null : asset.gzipped, { headers });
  }
  return new Response(head ? null : asset.body, { headers });
}
