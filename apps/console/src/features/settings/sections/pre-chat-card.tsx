import {
  type PreChatField,
  type PreChatFieldType,
  type PreChatFormPut,
  preChatLimits,
} from '@flc/protocol/resources';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { FormAlert } from '../../../lib/field.tsx';
import { formErrors } from '../../../lib/form-errors.ts';
import { errorText } from '../../../lib/i18n/errors.ts';
import { t } from '../../../lib/i18n/index.tsx';
import { usePreChatForm, useSavePreChatForm } from '../api/pre-chat-form.ts';
import { Card } from '../components/states.tsx';

const TYPES: PreChatFieldType[] = ['text', 'email', 'select', 'checkbox'];

/** The environment's pre-chat form editor and rating switch (owners and admins). */
export function PreChatCard({ environmentId }: { environmentId: string }) {
  const form = usePreChatForm(environmentId);
  const save = useSavePreChatForm(environmentId);
  const [draft, setDraft] = useState<PreChatFormPut | null>(null);
  const [announce, setAnnounce] = useState('');
  // A stable React key per row: keys and labels change while they are typed.
  const [uids, setUids] = useState<string[]>([]);
  const id = useId();
  useEffect(() => {
    if (form.data && !draft) {
      const { updatedAt: _updatedAt, ...rest } = form.data;
      setDraft(rest);
      setUids(rest.fields.map(() => crypto.randomUUID()));
    }
  }, [form.data, draft]);

  if (form.isError)
    return (
      <Card title={t('preChat.title')}>
        {t('preChat.loadFailed', { message: errorText(form.error) })}
      </Card>
    );
  if (!draft)
    return (
      <Card title={t('preChat.title')}>{<div className="ui-skeleton ui-skeleton-block" />}</Card>
    );

  const setFields = (fields: PreChatField[]) => setDraft({ ...draft, fields });
  const change = (i: number, patch: Partial<PreChatField>) =>
    setFields(draft.fields.map((f, j) => (j === i ? tidy({ ...f, ...patch }) : f)));
  const move = (i: number, by: -1 | 1) => {
    const fields = [...draft.fields];
    const [f] = fields.splice(i, 1);
    if (!f) return;
    fields.splice(i + by, 0, f);
    setFields(fields);
    const order = [...uids];
    order.splice(i + by, 0, ...order.splice(i, 1));
    setUids(order);
    setAnnounce(t('preChat.moved', { label: f.label || 'none', position: i + by + 1 }));
    // Keep the keyboard on the moved field's button.
    requestAnimationFrame(() =>
      document.getElementById(`${id}-${by < 0 ? 'up' : 'down'}-${i + by}`)?.focus(),
    );
  };
  const has = (key: string) => draft.fields.some((f) => f.key === key);
  const add = (field: PreChatField) => {
    setFields([...draft.fields, field]);
    setUids([...uids, crypto.randomUUID()]);
  };
  const remove = (i: number) => {
    setFields(draft.fields.filter((_, j) => j !== i));
    setUids(uids.filter((_, j) => j !== i));
  };
  const full = draft.fields.length >= preChatLimits.maxFields;
  const errors = formErrors(save.error);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const fields = draft.fields.map((f) =>
      f.options ? { ...f, options: f.options.map((o) => o.trim()).filter(Boolean) } : f,
    );
    save.mutate({ ...draft, fields });
  };

  return (
    <Card title={t('preChat.title')} description={t('preChat.description')}>
      <form className="prechat-editor" onSubmit={submit} aria-describedby={`${id}-status`}>
        <label className="check">
          <input
            type="checkbox"
            checked={draft.enabled}
            onChange={(e) => setDraft({ ...draft, enabled: e.target.checked })}
          />
          {t('preChat.enabled')}
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={draft.csatEnabled}
            onChange={(e) => setDraft({ ...draft, csatEnabled: e.target.checked })}
          />
          {t('preChat.csat')}
        </label>
        <label htmlFor={`${id}-intro`}>{t('preChat.intro')}</label>
        <textarea
          id={`${id}-intro`}
          rows={2}
          maxLength={preChatLimits.maxIntroChars}
          value={draft.intro}
          onChange={(e) => setDraft({ ...draft, intro: e.target.value })}
        />
        <h4>{t('preChat.fields')}</h4>
        {draft.fields.length === 0 ? <p className="muted">{t('preChat.noFields')}</p> : null}
        <ol className="prechat-fields">
          {draft.fields.map((f, i) => (
            <li key={uids[i] ?? f.key}>
              <fieldset>
                <legend>{t('preChat.fieldLegend', { n: i + 1, label: f.label || 'none' })}</legend>
                <FieldRow id={`${id}-${i}`} field={f} onChange={(p) => change(i, p)} />
                <div className="prechat-actions">
                  <button
                    type="button"
                    id={`${id}-up-${i}`}
                    aria-label={t('preChat.moveUp', { label: f.label || 'none' })}
                    disabled={i === 0}
                    onClick={() => move(i, -1)}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    id={`${id}-down-${i}`}
                    aria-label={t('preChat.moveDown', { label: f.label || 'none' })}
                    disabled={i === draft.fields.length - 1}
                    onClick={() => move(i, 1)}
                  >
                    ↓
                  </button>
                  <button
                    type="button"
                    className="danger"
                    aria-label={t('preChat.remove', { label: f.label || 'none' })}
                    onClick={() => remove(i)}
                  >
                    ×
                  </button>
                </div>
              </fieldset>
            </li>
          ))}
        </ol>
        <div className="prechat-add">
          {has('name') ? null : (
            <button
              type="button"
              disabled={full}
              onClick={() =>
                add({ key: 'name', label: t('preChat.defaultName'), type: 'text', required: true })
              }
            >
              {t('preChat.addName')}
            </button>
          )}
          {has('email') ? null : (
            <button
              type="button"
              disabled={full}
              onClick={() =>
                add({
                  key: 'email',
                  label: t('preChat.defaultEmail'),
                  type: 'email',
                  required: true,
                })
              }
            >
              {t('preChat.addEmail')}
            </button>
          )}
          <button
            type="button"
            disabled={full}
            onClick={() =>
              add({ key: freeKey(draft.fields), label: '', type: 'text', required: false })
            }
          >
            {t('preChat.add')}
          </button>
          {full ? (
            <span className="muted">{t('preChat.max', { n: preChatLimits.maxFields })}</span>
          ) : null}
        </div>
        <FormAlert>
          {errors.form ??
            Object.entries(errors.fields)
              .map(([k, v]) => `${k}: ${v}`)
              .join('; ')}
        </FormAlert>
        <div className="form-actions">
          <button type="submit" className="primary" disabled={save.isPending}>
            {t('preChat.save')}
          </button>
          <p id={`${id}-status`} role="status" className="muted">
            {save.isPending ? t('preChat.saving') : save.isSuccess ? t('preChat.saved') : announce}
          </p>
        </div>
      </form>
    </Card>
  );
}

/** One field's key, label, type, required flag and, for a choice list, its choices. */
function FieldRow({
  id,
  field,
  onChange,
}: {
  id: string;
  field: PreChatField;
  onChange(patch: Partial<PreChatField>): void;
}) {
  const builtIn = field.key === 'name' || field.key === 'email';
  return (
    <div className="form-grid prechat-field">
      <label htmlFor={`${id}-label`}>{t('preChat.label')}</label>
      <input
        id={`${id}-label`}
        value={field.label}
        required
        maxLength={preChatLimits.maxLabelChars}
        onChange={(e) => onChange({ label: e.target.value })}
      />
      <label htmlFor={`${id}-key`}>{t('preChat.key')}</label>
      <input
        id={`${id}-key`}
        value={field.key}
        readOnly={builtIn}
        pattern="[a-z][a-z0-9_]{0,39}"
        onChange={(e) => onChange({ key: e.target.value })}
      />
      <label htmlFor={`${id}-type`}>{t('preChat.type')}</label>
      <select
        id={`${id}-type`}
        value={field.type}
        disabled={builtIn}
        onChange={(e) => onChange({ type: e.target.value as PreChatFieldType })}
      >
        {TYPES.map((type) => (
          <option key={type} value={type}>
            {t('preChat.typeName', { type })}
          </option>
        ))}
      </select>
      <label className="check">
        <input
          type="checkbox"
          checked={field.required}
          onChange={(e) => onChange({ required: e.target.checked })}
        />
        {t('preChat.required')}
      </label>
      {field.type === 'select' ? (
        <>
          <label htmlFor={`${id}-options`}>{t('preChat.options')}</label>
          <textarea
            id={`${id}-options`}
            rows={3}
            value={(field.options ?? []).join('\n')}
            onChange={(e) => onChange({ options: e.target.value.split('\n') })}
          />
        </>
      ) : null}
    </div>
  );
}

/** Options belong to a choice list only; blank lines are dropped when saving. */
function tidy(f: PreChatField): PreChatField {
  if (f.type !== 'select') {
    const { options: _options, ...rest } = f;
    return rest;
  }
  return { ...f, options: f.options ?? [] };
}

function freeKey(fields: PreChatField[]): string {
  let n = fields.length + 1;
  while (fields.some((f) => f.key === `field_${n}`)) n += 1;
  return `field_${n}`;
}
