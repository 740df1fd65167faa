import type { Label, LabelCreate } from '@flc/protocol/resources';
import { type FormEvent, useId, useState } from 'react';
import { ApiError } from '../../../lib/api.ts';
import { Field } from '../../../lib/field.tsx';
import { fieldError, formErrors } from '../../../lib/form-errors.ts';
import { t } from '../../../lib/i18n/index.tsx';
import { LabelChip } from '../../../lib/label-chips.tsx';
import { isHexColor, labelPalette } from '../../../lib/labels.ts';
import { LABEL_FIELDS, useCreateLabel, useUpdateLabel } from '../api/labels.ts';
import { FormDialog } from '../components/dialog.tsx';
import './labels.css';
import { errorText } from '../../../lib/i18n/errors.ts';

/**
 * Creates a label, or edits one (`label`): its name, its color (a swatch of the palette, or any
 * `#rrggbb` typed) and its description, with a preview of the chip as the inbox shows it.
 */
export function LabelDialog({ label, onClose }: { label?: Label; onClose: () => void }) {
  const [name, setName] = useState(label?.name ?? '');
  const [color, setColor] = useState<string>(label?.color ?? labelPalette[6]);
  const [description, setDescription] = useState(label?.description ?? '');
  const [problems, setProblems] = useState<Record<string, string>>({});
  const create = useCreateLabel();
  const update = useUpdateLabel();
  const mutation = label ? update : create;
  const errors = formErrors(mutation.error, LABEL_FIELDS);
  // A name in use (409) belongs next to the name.
  const taken = mutation.error instanceof ApiError && mutation.error.status === 409;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!name.trim()) found.name = t('labels.nameRequired');
    if (!isHexColor(color)) found.color = t('labels.colorInvalid');
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    const body: LabelCreate = {
      name: name.trim(),
      color: color.toLowerCase(),
      description: description.trim() || null,
    };
    if (label) update.mutate({ id: label.id, patch: body }, { onSuccess: onClose });
    else create.mutate(body, { onSuccess: onClose });
  };
  const preview: Label = {
    id: label?.id ?? 'preview',
    name: name.trim() || t('labels.preview'),
    color: isHexColor(color) ? color.toLowerCase() : '#64748b',
    description: null,
    createdAt: '',
    updatedAt: '',
  };
  return (
    <FormDialog
      title={label ? t('labels.editTitle', { name: label.name }) : t('labels.createTitle')}
      submitLabel={label ? t('labels.save') : t('labels.createSubmit')}
      pendingLabel={label ? t('labels.saving') : t('labels.creating')}
      pending={mutation.isPending}
      error={taken ? null : errors.form}
      onSubmit={submit}
      onClose={onClose}
    >
      <Field
        label={t('labels.name')}
        error={
          problems.name ??
          fieldError(errors, 'name') ??
          (taken ? (mutation.error ? errorText(mutation.error) : undefined) : undefined)
        }
        hint={t('labels.nameHint')}
      >
        {(props) => (
          <input {...props} maxLength={40} value={name} onChange={(e) => setName(e.target.value)} />
        )}
      </Field>
      <ColorField
        value={color}
        onChange={setColor}
        error={problems.color ?? fieldError(errors, 'color')}
      />
      <Field
        label={t('labels.description')}
        error={fieldError(errors, 'description')}
        hint={t('labels.descriptionHint')}
      >
        {(props) => (
          <input
            {...props}
            maxLength={200}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
          />
        )}
      </Field>
      <div className="label-preview">
        <span className="muted">{t('labels.preview')}</span> <LabelChip label={preview} />
      </div>
    </FormDialog>
  );
}

/** The palette as radio swatches, and a text field for any other `#rrggbb`. */
function ColorField({
  value,
  onChange,
  error,
}: {
  value: string;
  onChange: (color: string) => void;
  error: string | undefined;
}) {
  const name = useId();
  return (
    <fieldset className={error ? 'label-colors field-invalid' : 'label-colors'}>
      <legend>{t('labels.color')}</legend>
      <div className="label-swatches">
        {labelPalette.map((hex) => (
          <label key={hex} className="label-swatch">
            <input
              type="radio"
              name={name}
              value={hex}
              aria-label={t('labels.colorSwatch', { hex })}
              checked={value.toLowerCase() === hex}
              onChange={() => onChange(hex)}
            />
            <span style={{ background: hex }} aria-hidden="true" />
          </label>
        ))}
      </div>
      <Field label={t('labels.colorCustom')} error={error}>
        {(props) => (
          <input
            {...props}
            className="label-hex"
            spellCheck={false}
            maxLength={7}
            value={value}
            onChange={(e) => onChange(e.target.value.trim())}
          />
        )}
      </Field>
    </fieldset>
  );
}
