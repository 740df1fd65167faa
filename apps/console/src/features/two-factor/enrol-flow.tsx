import type { TwoFactorConfirmed } from '@flc/protocol/resources';
import QRCode from 'qrcode';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../lib/api.ts';
import { FormAlert } from '../../lib/field.tsx';
import { t } from '../../lib/i18n/index.tsx';
import { useConfirmEnrolment, useStartEnrolment } from './api/two-factor.ts';
import { CodeField } from './code-field.tsx';
import { codeProblem, errorMessage } from './codes.ts';
import './two-factor.css';
import { errorText } from '../../lib/i18n/errors.ts';

/** The otpauth URI as an SVG QR code in a data URL (the console's policy allows `img-src data:`). */
function useQrCode(uri: string | undefined): string | null {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    if (!uri) return;
    let live = true;
    void QRCode.toString(uri, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }).then((svg) => {
      if (live) setSrc(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`);
    });
    return () => {
      live = false;
    };
  }, [uri]);
  return src;
}

/**
 * Enrolment: a new secret as a QR code and a key to type, then the first code from the app.
 * `bearer` is a sign-in's enrolment token when the organization requires two-factor.
 */
export function EnrolFlow({
  bearer,
  onConfirmed,
  onCancel,
}: {
  bearer?: string;
  onConfirmed: (confirmed: TwoFactorConfirmed) => void;
  onCancel?: () => void;
}) {
  const start = useStartEnrolment(bearer);
  const confirm = useConfirmEnrolment(bearer);
  const [code, setCode] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  const qr = useQrCode(start.data?.otpauthUri);
  const started = useRef(false);
  const { mutate: begin } = start;
  useEffect(() => {
    // Once per flow (React's development double effects included): each start is a new secret.
    if (started.current) return;
    started.current = true;
    begin();
  }, [begin]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = codeProblem(code);
    setProblem(found);
    if (found) return;
    confirm.mutate(code.trim(), { onSuccess: onConfirmed });
  };

  if (start.isError) {
    return (
      <div className="two-factor-flow">
        <FormAlert>{errorText(start.error)}</FormAlert>
        {onCancel ? (
          <button type="button" onClick={onCancel}>
            {t('twoFactor.cancel')}
          </button>
        ) : null}
      </div>
    );
  }
  const fieldError =
    problem ??
    (confirm.error instanceof ApiError && confirm.error.status === 422
      ? t('twoFactor.wrongCode')
      : undefined);
  const formError =
    confirm.error && !(confirm.error instanceof ApiError && confirm.error.status === 422)
      ? errorMessage(confirm.error)
      : null;
  return (
    <div className="two-factor-flow">
      <h3>{t('twoFactor.scanTitle')}</h3>
      <div className="two-factor-qr">
        {qr ? (
          <img
            src={qr}
            alt={t('twoFactor.qrAlt')}
            width={176}
            height={176}
            data-testid="two-factor-qr"
          />
        ) : (
          <span className="two-factor-qr-placeholder" aria-busy="true" />
        )}
        <div>
          <p className="muted">{t('twoFactor.manualKey')}</p>
          <code className="two-factor-key" data-testid="two-factor-secret">
            {start.data?.secret ?? ''}
          </code>
        </div>
      </div>
      <form className="two-factor-code-form" onSubmit={submit} noValidate>
        <h3>{t('twoFactor.codeTitle')}</h3>
        <CodeField
          value={code}
          onChange={setCode}
          error={fieldError}
          hint={t('twoFactor.codeHint')}
        />
        <FormAlert>{formError}</FormAlert>
        <div className="form-actions">
          {onCancel ? (
            <button type="button" onClick={onCancel}>
              {t('twoFactor.cancel')}
            </button>
          ) : null}
          <button type="submit" className="primary" disabled={!start.data || confirm.isPending}>
            {confirm.isPending ? t('twoFactor.confirming') : t('twoFactor.confirm')}
          </button>
        </div>
      </form>
    </div>
  );
}
