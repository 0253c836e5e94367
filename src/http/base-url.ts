/** Links in answers point at PUBLIC_URL when set (a deployed site), else at the origin that was asked. */
export function baseUrlFor(requestUrl: string, publicUrl?: string): string {
  if (publicUrl && /^https?:\/\//.test(publicUrl)) return publicUrl.replace(/\/+$/, '');
  return new URL(requestUrl).origin;
}
