import type { Agent } from '@flc/protocol/resources';
import { Avatar } from '../../lib/avatar.tsx';
import { t } from '../../lib/i18n/index.tsx';

interface Props {
  id: string;
  agents: readonly Agent[];
  active: number;
  choose(agent: Agent): void;
}

export const optionId = (listId: string, index: number) => `${listId}-${index}`;

/**
 * The teammates a note can mention, under the composer. The text field keeps the focus and
 * points at the active option (`aria-activedescendant`); the keys are the field's (see
 * Composer). A click chooses too, without taking the focus from the field.
 */
export function MentionPicker({ id, agents, active, choose }: Props) {
  return (
    <div className="mention-picker" id={id} role="listbox" aria-label={t('notes.pickerLabel')}>
      {agents.map((agent, i) => (
        <div
          key={agent.id}
          id={optionId(id, i)}
          role="option"
          tabIndex={-1}
          aria-selected={i === active}
          className="mention-option"
          onMouseDown={(event) => {
            event.preventDefault();
            choose(agent);
          }}
        >
          <Avatar id={agent.id} name={agent.name} size={22} />
          <span className="mention-option-name">{agent.name}</span>
          <span className="mention-option-handle">@{agent.handle}</span>
        </div>
      ))}
    </div>
  );
}
