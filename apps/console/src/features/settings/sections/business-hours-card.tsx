import {
  type BusinessHoursPut,
  type BusinessInterval,
  businessHoursLimits,
  WEEKDAYS,
  type Weekday,
} from '@flc/protocol/resources';
import { type FormEvent, useEffect, useId, useMemo, useState } from 'react';
import { FormAlert } from '../../../lib/field.tsx';
import { formErrors } from '../../../lib/form-errors.ts';
import { errorText } from '../../../lib/i18n/errors.ts';
import { t } from '../../../lib/i18n/index.tsx';
import { useBusinessHours, useSaveBusinessHours } from '../api/business-hours.ts';
import { Card } from '../components/states.tsx';

/** The zone of this browser: where a new schedule starts. */
const localZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/** Every zone the browser knows, with the given one among them. */
function zones(current: string): string[] {
  const known =
    (Intl as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf?.('timeZone') ??
    [];
  return known.includes(current) ? known : [current, ...known];
}

/** A time input says midnight as 00:00; the API's end of day is 24:00. */
const toInput = (clock: string) => (clock === '24:00' ? '00:00' : clock);
const fromInput = (clock: string, end: boolean) => (end && clock === '00:00' ? '24:00' : clock);

/** An environment's business hours, holidays and away settings (owners and admins). */
export function BusinessHoursCard({ environmentId }: { environmentId: string }) {
  const hours = useBusinessHours(environmentId);
  const save = useSaveBusinessHours(environmentId);
  const [draft, setDraft] = useState<BusinessHoursPut | null>(null);
  const [holiday, setHoliday] = useState('');
  const [announce, setAnnounce] = useState('');
  const id = useId();
  useEffect(() => {
    if (hours.data && !draft) {
      const { updatedAt, ...rest } = hours.data;
      setDraft(updatedAt === null ? { ...rest, timeZone: localZone() } : rest);
    }
  }, [hours.data, draft]);
  const zoneList = useMemo(() => zones(draft?.timeZone ?? 'UTC'), [draft?.timeZone]);

  if (hours.isError)
    return (
      <Card title={t('businessHours.title')}>
        {t('businessHours.loadFailed', { message: errorText(hours.error) })}
      </Card>
    );
  if (!draft)
    return (
      <Card title={t('businessHours.title')}>
        {<div className="ui-skeleton ui-skeleton-block" />}
      </Card>
    );

  const errors = formErrors(save.error);
  const fault = (pointer: string) => errors.fields[pointer];
  const faults = Object.keys(errors.fields).length;
  const setDay = (day: Weekday, intervals: BusinessInterval[]) =>
    setDraft({ ...draft, weekly: { ...draft.weekly, [day]: intervals } });
  const focusLater = (elementId: string) =>
    requestAnimationFrame(() => document.getElementById(elementId)?.focus());

  const addHours = (day: Weekday) => {
    const list = draft.weekly[day];
    const last = list.at(-1);
    const next = last
      ? { start: last.end === '24:00' ? '23:00' : last.end, end: '24:00' }
      : { start: '09:00', end: '18:00' };
    setDay(day, [...list, next]);
    focusLater(`${id}-${day}-${list.length}-start`);
  };
  const removeHours = (day: Weekday, i: number) => {
    setDay(
      day,
      draft.weekly[day].filter((_, j) => j !== i),
    );
    focusLater(`${id}-${day}-add`);
  };
  const copyMonday = () => {
    const mon = draft.weekly.mon;
    setDraft({ ...draft, weekly: { ...draft.weekly, tue: mon, wed: mon, thu: mon, fri: mon } });
    setAnnounce(t('businessHours.copied'));
  };
  const addHoliday = () => {
    if (!holiday || draft.holidays.includes(holiday)) return;
    setDraft({ ...draft, holidays: [...draft.holidays, holiday].sort() });
    setHoliday('');
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setAnnounce('');
    const awayMessage = draft.awayMessage?.trim() ? draft.awayMessage : null;
    save.mutate({ ...draft, awayMessage });
  };

  return (
    <Card title={t('businessHours.title')} description={t('businessHours.description')}>
      <form className="hours-editor" onSubmit={submit} aria-describedby={`${id}-status`}>
        <label className="check">
          <input
            type="checkbox"
            checked={draft.enabled}
            onChange={(e) => setDraft({ ...draft, enabled: e.target.checked })}
          />
          {t('businessHours.enabled')}
        </label>
        <label htmlFor={`${id}-zone`}>{t('businessHours.timeZone')}</label>
        <select
          id={`${id}-zone`}
          value={draft.timeZone}
          aria-invalid={fault('/timeZone') ? true : undefined}
          aria-describedby={fault('/timeZone') ? `${id}-zone-e` : undefined}
          onChange={(e) => setDraft({ ...draft, timeZone: e.target.value })}
        >
          {zoneList.map((zone) => (
            <option key={zone} value={zone}>
              {zone}
            </option>
          ))}
        </select>
        <FieldFault id={`${id}-zone-e`} message={fault('/timeZone')} />

        <h4>{t('businessHours.weekly')}</h4>
        <p className="muted">{t('businessHours.midnight')}</p>
        <div className="hours-days">
          {WEEKDAYS.map((day) => (
            <fieldset key={day} className="hours-day">
              <legend>{t('businessHours.day', { day })}</legend>
              {draft.weekly[day].length === 0 ? (
                <span className="muted">{t('businessHours.closed')}</span>
              ) : null}
              {draft.weekly[day].map((interval, i) => {
                const base = `${id}-${day}-${i}`;
                const pointer = `/weekly/${day}/${i}`;
                const message =
                  fault(`${pointer}/start`) ?? fault(`${pointer}/end`) ?? fault(pointer);
                const described = message ? `${base}-e` : undefined;
                return (
                  // biome-ignore lint/suspicious/noArrayIndexKey: intervals have no identity but their place
                  <div key={i} className="hours-interval">
                    <input
                      id={`${base}-start`}
                      type="time"
                      required
                      aria-label={t('businessHours.opens', {
                        day: t('businessHours.day', { day }),
                        n: i + 1,
                      })}
                      aria-invalid={message ? true : undefined}
                      aria-describedby={described}
                      value={toInput(interval.start)}
                      onChange={(e) =>
                        setDay(
                          day,
                          draft.weekly[day].map((x, j) =>
                            j === i ? { ...x, start: fromInput(e.target.value, false) } : x,
                          ),
                        )
                      }
                    />
                    <span aria-hidden="true">{t('businessHours.to')}</span>
                    <input
                      id={`${base}-end`}
                      type="time"
                      required
                      aria-label={t('businessHours.closes', {
                        day: t('businessHours.day', { day }),
                        n: i + 1,
                      })}
                      aria-invalid={message ? true : undefined}
                      aria-describedby={described}
                      value={toInput(interval.end)}
                      onChange={(e) =>
                        setDay(
                          day,
                          draft.weekly[day].map((x, j) =>
                            j === i ? { ...x, end: fromInput(e.target.value, true) } : x,
                          ),
                        )
                      }
                    />
                    <button
                      type="button"
                      className="danger"
                      aria-label={t('businessHours.removeHours', {
                        day: t('businessHours.day', { day }),
                        n: i + 1,
                      })}
                      onClick={() => removeHours(day, i)}
                    >
                      ×
                    </button>
                    <FieldFault id={`${base}-e`} message={message} />
                  </div>
                );
              })}
              <button
                type="button"
                id={`${id}-${day}-add`}
                disabled={draft.weekly[day].length >= businessHoursLimits.maxIntervalsPerDay}
                onClick={() => addHours(day)}
              >
                {t('businessHours.addHours', { day: t('businessHours.day', { day }) })}
              </button>
            </fieldset>
          ))}
        </div>
        <div>
          <button type="button" onClick={copyMonday}>
            {t('businessHours.copyToWeekdays')}
          </button>
        </div>

        <h4>{t('businessHours.holidays')}</h4>
        {draft.holidays.length === 0 ? (
          <p className="muted">{t('businessHours.noHolidays')}</p>
        ) : null}
        <ul className="hours-holidays">
          {draft.holidays.map((date, i) => (
            <li key={date}>
              <span>{date}</span>
              <button
                type="button"
                className="danger"
                aria-label={t('businessHours.removeHoliday', { date })}
                onClick={() => {
                  setDraft({ ...draft, holidays: draft.holidays.filter((d) => d !== date) });
                  focusLater(`${id}-holiday`);
                }}
              >
                ×
              </button>
              <FieldFault id={`${id}-h-${i}-e`} message={fault(`/holidays/${i}`)} />
            </li>
          ))}
        </ul>
        <div className="hours-add-holiday">
          <label htmlFor={`${id}-holiday`}>{t('businessHours.holidayDate')}</label>
          <input
            id={`${id}-holiday`}
            type="date"
            value={holiday}
            onChange={(e) => setHoliday(e.target.value)}
            onKeyDown={(e) => {
              if (e.key !== 'Enter') return;
              e.preventDefault();
              addHoliday();
            }}
          />
          <button
            type="button"
            disabled={!holiday || draft.holidays.length >= businessHoursLimits.maxHolidays}
            onClick={addHoliday}
          >
            {t('businessHours.addHoliday')}
          </button>
        </div>

        <label className="check">
          <input
            type="checkbox"
            checked={draft.hideOutsideHours}
            onChange={(e) => setDraft({ ...draft, hideOutsideHours: e.target.checked })}
          />
          {t('businessHours.hide')}
        </label>
        <label htmlFor={`${id}-away`}>{t('businessHours.awayMessage')}</label>
        <textarea
          id={`${id}-away`}
          rows={3}
          maxLength={businessHoursLimits.maxAwayMessageChars}
          value={draft.awayMessage ?? ''}
          aria-invalid={fault('/awayMessage') ? true : undefined}
          aria-describedby={fault('/awayMessage') ? `${id}-away-e` : undefined}
          onChange={(e) => setDraft({ ...draft, awayMessage: e.target.value })}
        />
        <FieldFault id={`${id}-away-e`} message={fault('/awayMessage')} />
        <label htmlFor={`${id}-reply`}>{t('businessHours.replyTime')}</label>
        <input
          id={`${id}-reply`}
          type="number"
          inputMode="numeric"
          min={1}
          max={businessHoursLimits.maxReplyTimeMinutes}
          value={draft.replyTimeMinutes ?? ''}
          onChange={(e) =>
            setDraft({
              ...draft,
              replyTimeMinutes: e.target.value === '' ? null : Number(e.target.value),
            })
          }
        />
        <FormAlert>
          {errors.form ?? (faults > 0 ? t('businessHours.failed', { n: faults }) : null)}
        </FormAlert>
        <div className="form-actions">
          <button type="submit" className="primary" disabled={save.isPending}>
            {t('businessHours.save')}
          </button>
          <p id={`${id}-status`} role="status" className="muted">
            {save.isPending
              ? t('businessHours.saving')
              : save.isSuccess
                ? t('businessHours.saved')
                : announce}
          </p>
        </div>
      </form>
    </Card>
  );
}

/** A field's fault, tied to it by `aria-describedby`. */
function FieldFault({ id, message }: { id: string; message: string | undefined }) {
  return message ? (
    <p id={id} className="field-error">
      {message}
    </p>
  ) : null;
}
