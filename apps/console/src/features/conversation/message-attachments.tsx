import type { Message } from '@flc/protocol/resources';
import { t } from '../../lib/i18n/index.tsx';
import { fileSize } from './file-size.ts';

type Attachment = NonNullable<Message['attachments']>[number];

/**
 * A message's files and images under its text: an image inline at its own aspect ratio (its
 * width and height are known, so the history does not jump when it loads), linked to the full
 * size; any other file as a download link with its size.
 */
export function MessageAttachments({ attachments }: { attachments: readonly Attachment[] }) {
  return (
    <ul className="msg-attachments" aria-label={t('attachments.attachments')}>
      {attachments.map((a) => (
        <li key={a.id}>
          {a.image && a.width && a.height ? (
            <a
              href={a.url}
              target="_blank"
              rel="noopener noreferrer"
              aria-label={t('attachments.openImage', { name: a.fileName })}
            >
              <img
                src={a.url}
                alt={a.fileName}
                width={a.width}
                height={a.height}
                loading="lazy"
                style={{ aspectRatio: `${a.width} / ${a.height}` }}
              />
            </a>
          ) : (
            <a href={a.url} download={a.fileName} className="msg-file">
              {t('attachments.download', { name: a.fileName, size: fileSize(a.size) })}
            </a>
          )}
        </li>
      ))}
    </ul>
  );
}
