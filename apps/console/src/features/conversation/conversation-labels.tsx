import type { Conversation } from '@flc/protocol/resources';
import { useState } from 'react';
import { useCommand } from '../../lib/commands.ts';
import { errorText } from '../../lib/i18n/errors.ts';
import { t } from '../../lib/i18n/index.tsx';
import { LabelChips } from '../../lib/label-chips.tsx';
import { labelsOf, useLabelMap } from '../../lib/labels.ts';
import { useLabelConversation } from './api/label-conversation.ts';
import { LabelPicker } from './label-picker.tsx';

/** Under the conversation's header: its labels (each removable) and the picker, also on `l`. */
export function ConversationLabels({ conversation }: { conversation: Conversation }) {
  const byId = useLabelMap();
  const label = useLabelConversation(conversation.id);
  const [picking, setPicking] = useState(false);
  useCommand('labels', () => setPicking(true));
  const chips = labelsOf(conversation.labelIds, byId);
  return (
    <div className="conv-labels">
      <LabelChips labels={chips} onRemove={(l) => label.mutate({ labelId: l.id, on: false })} />
      <LabelPicker
        selected={conversation.labelIds}
        onToggle={(l, on) => label.mutate({ labelId: l.id, on })}
        open={picking}
        onOpenChange={setPicking}
        subject={t('labels.conversationSubject')}
        hint={t('labels.pickerTitle')}
      />
      {label.isError ? (
        <span className="conv-labels-error" role="alert">
          {errorText(label.error)}
        </span>
      ) : null}
    </div>
  );
}
