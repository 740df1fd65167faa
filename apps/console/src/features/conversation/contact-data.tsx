import type { Contact } from '@flc/protocol/resources';
import { useState } from 'react';
import { canManage, useApi, useMe } from '../../lib/auth.tsx';
import { contactName } from '../../lib/format.ts';
import { errorText } from '../../lib/i18n/errors.ts';
import { t } from '../../lib/i18n/index.tsx';
import { ConfirmDeletion } from '../settings/components/dialog.tsx';
import { exportContact, useEraseContact } from './api/contact-data.ts';

/** Export or erase everything about the contact: owners and admins only. */
export function ContactData({ contact }: { contact: Contact }) {
  const api = useApi();
  const me = useMe();
  const erase = useEraseContact();
  const [confirming, setConfirming] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  if (!canManage(me.data?.agent.role)) return null;

  async function download() {
    setExporting(true);
    setFailed(null);
    try {
      const text = await exportContact(api, contact.id);
      const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = t('dataRights.fileName', { id: contact.id });
      a.click();
      URL.revokeObjectURL(url);
    } catch (error) {
      setFailed(t('dataRights.exportFailed', { message: errorText(error) }));
    } finally {
      setExporting(false);
    }
  }

  return (
    <section className="panel-section">
      <h3>{t('dataRights.heading')}</h3>
      <p className="muted panel-note">{t('dataRights.intro')}</p>
      <div className="contact-data-actions">
        <button type="button" onClick={download} disabled={exporting}>
          {exporting ? t('dataRights.exporting') : t('dataRights.export')}
        </button>
        <button type="button" className="danger" onClick={() => setConfirming(true)}>
          {t('dataRights.erase')}
        </button>
      </div>
      {failed ? (
        <p className="error panel-note" role="alert">
          {failed}
        </p>
      ) : null}
      {confirming ? (
        <ConfirmDeletion
          title={t('dataRights.eraseTitle', { name: contactName(contact) })}
          confirmLabel={t('dataRights.eraseConfirm')}
          removal={erase}
          id={contact.id}
          onDone={() => setConfirming(false)}
        >
          <p>{t('dataRights.eraseBody')}</p>
        </ConfirmDeletion>
      ) : null}
    </section>
  );
}
