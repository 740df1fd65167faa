/** What the history says about a message's files and images, together so it can be translated. */
export const attachmentStrings = {
  attachments: 'Attachments',
  attach: 'Attach a file',
  attaching: (name: string) => `Sending ${name}…`,
  attachFailed: (name: string, reason: string) => `${name} was not sent: ${reason}`,
  /** A file's link: its name, then its size. */
  download: (name: string, size: string) => `Download ${name} (${size})`,
  openImage: (name: string) => `Open ${name} full size`,
  bytes: (n: number) => `${n} B`,
  kilobytes: (n: string) => `${n} KB`,
  megabytes: (n: string) => `${n} MB`,
} as const;

/** A file's size in the units people read: 512 B, 3.4 KB, 12 MB. */
export function fileSize(bytes: number, t = attachmentStrings): string {
  if (bytes < 1024) return t.bytes(bytes);
  if (bytes < 1024 * 1024) return t.kilobytes(formatUnit(bytes / 1024));
  return t.megabytes(formatUnit(bytes / (1024 * 1024)));
}

const formatUnit = (n: number) => (n < 10 ? n.toFixed(1) : String(Math.round(n)));
