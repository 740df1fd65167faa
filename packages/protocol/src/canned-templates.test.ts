import { describe, expect, test } from 'bun:test';
import {
  formatVariables,
  renderTemplate,
  templateVariables,
  unknownVariables,
} from './canned-templates.ts';

const values = {
  'contact.name': 'Grace Hopper',
  'contact.email': 'grace@example.com',
  'agent.name': 'Ada',
  'organization.name': 'Acme',
};

describe('renderTemplate', () => {
  test('fills every variable, with or without spaces inside the braces', () => {
    const body =
      'Hi {{contact.name}} ({{ contact.email }}), {{agent.name}} from {{  organization.name}} here.';
    expect(renderTemplate(body, values)).toBe(
      'Hi Grace Hopper (grace@example.com), Ada from Acme here.',
    );
  });

  test('a missing, null or blank value renders as nothing, or as its fallback', () => {
    const body = 'Hi {{contact.name}}! Mail: {{contact.email|not given}}.';
    expect(renderTemplate(body, {})).toBe('Hi ! Mail: not given.');
    expect(renderTemplate(body, { 'contact.name': null, 'contact.email': '   ' })).toBe(
      'Hi ! Mail: not given.',
    );
    expect(renderTemplate('Hi {{ contact.name | there }},', {})).toBe('Hi there,');
    expect(renderTemplate('Hi {{contact.name|}},', {})).toBe('Hi ,');
    // A value, when there is one, wins over the fallback; it is trimmed.
    expect(renderTemplate('Hi {{contact.name|there}},', { 'contact.name': ' Grace ' })).toBe(
      'Hi Grace,',
    );
  });

  test('values are text: markup and braces in them are inserted as they are, never expanded', () => {
    const tricky = {
      'contact.name': '<img src=x onerror=alert(1)> {{agent.name}}',
      'agent.name': 'Ada',
    };
    expect(renderTemplate('Hi {{contact.name}}', tricky)).toBe(
      'Hi <img src=x onerror=alert(1)> {{agent.name}}',
    );
    expect(renderTemplate('{{contact.name|<b>friend</b>}}', {})).toBe('<b>friend</b>');
  });

  test('unknown names and text that is not a variable stay as written', () => {
    expect(renderTemplate('{{contact.phone}} {{agent.name', values)).toBe(
      '{{contact.phone}} {{agent.name',
    );
    expect(renderTemplate('{ {agent.name} } {{{agent.name}}}', values)).toBe(
      '{ {agent.name} } {Ada}',
    );
    expect(renderTemplate('', values)).toBe('');
  });
});

describe('unknownVariables', () => {
  test('none in a body of known variables, plain text or half braces', () => {
    const every = templateVariables.map((name) => `{{${name}}}`).join(' ');
    expect(unknownVariables(every)).toEqual([]);
    expect(unknownVariables('Thanks! {{ agent.name | us }} {single} {{unclosed')).toEqual([]);
  });

  test('each unknown name once, in order, empty and case-changed names included', () => {
    expect(
      unknownVariables('{{contact.phone}} {{Contact.Name}} {{}} {{contact.phone|x}} {{ a b }}'),
    ).toEqual(['contact.phone', 'Contact.Name', '', 'a b']);
    expect(formatVariables(['contact.phone', ''])).toBe('{{contact.phone}}, {{}}');
  });
});
