import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { getJson, request } from '../api';
import { shortWhen, when } from '../format';
import type { Problem, TriggerRuleListing, TriggerRuleView } from '../types';

/** The editor's starting point: docs/examples/at-risk-complainers.json. */
export const TEMPLATE_RULE = `{
  "id": "at-risk-complainers",
  "name": "Call back customers at risk who complain",
  "description": "A complaint from a customer whose churn risk is over 30 %: the support desk calls back within the day.",
  "category": "service",
  "priority": 10,
  "when": {
    "all": [
      { "event": "complaint" },
      { "fact": "churn.probability", "above": 0.3 }
    ]
  },
  "cooldown": "7d"
}
`;

type ListState = { state: 'loading' } | { state: 'ok'; data: TriggerRuleListing } | { state: 'error'; message: string };

type SaveState =
  | { state: 'idle' }
  | { state: 'saving' }
  | { state: 'saved'; view: TriggerRuleView; created: boolean }
  | { state: 'invalid'; messages: string[] };

/** "path: message" for every message of a validation problem; the detail or title otherwise. */
export function problemMessages(problem: Problem | undefined, fallback: string): string[] {
  const errors = problem?.errors;
  if (errors && typeof errors === 'object') {
    const lines = Object.entries(errors).flatMap(([path, messages]) =>
      (Array.isArray(messages) ? messages : [String(messages)]).map((message) => `${path}: ${message}`),
    );
    if (lines.length > 0) {
      return lines;
    }
  }
  return [problem?.detail ?? problem?.title ?? fallback];
}

/** Trigger rules: the list with enable/disable and edit, and the JSON editor that saves them. */
export function RulesPanel() {
  const [list, setList] = useState<ListState>({ state: 'loading' });
  const [busy, setBusy] = useState<string | undefined>();
  const [toggleError, setToggleError] = useState<string | undefined>();
  const [text, setText] = useState(TEMPLATE_RULE);
  const [save, setSave] = useState<SaveState>({ state: 'idle' });
  const editor = useRef<HTMLTextAreaElement>(null);

  const refresh = useCallback(async () => {
    const result = await getJson<TriggerRuleListing>('/api/v1/triggers');
    setList((current) =>
      result.ok ? { state: 'ok', data: result.data } : current.state === 'ok' ? current : { state: 'error', message: result.message },
    );
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const toggle = async (rule: TriggerRuleView) => {
    setBusy(rule.id);
    setToggleError(undefined);
    const result = await request<TriggerRuleView>('POST', `/api/v1/triggers/${encodeURIComponent(rule.id)}/${rule.enabled ? 'disable' : 'enable'}`);
    if (!result.ok) {
      setToggleError(`${rule.id}: ${problemMessages(result.problem, result.message).join('; ')}`);
    }
    await refresh();
    setBusy(undefined);
  };

  const edit = (rule: TriggerRuleView) => {
    setText(`${JSON.stringify(rule.rule, null, 2)}\n`);
    setSave({ state: 'idle' });
    editor.current?.focus();
    editor.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      setSave({ state: 'invalid', messages: [`$: not valid JSON: ${error instanceof Error ? error.message : String(error)}`] });
      return;
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      setSave({ state: 'invalid', messages: ['$: a rule is a JSON object'] });
      return;
    }
    const id = (parsed as { id?: unknown }).id;
    if (typeof id !== 'string' || id.trim() === '') {
      setSave({ state: 'invalid', messages: ['id: is required: the rule is saved under its id'] });
      return;
    }
    setSave({ state: 'saving' });
    const result = await request<TriggerRuleView>('PUT', `/api/v1/triggers/${encodeURIComponent(id)}`, { body: text });
    if (result.ok) {
      setSave({ state: 'saved', view: result.data, created: result.status === 201 });
      await refresh();
    } else {
      setSave({ state: 'invalid', messages: problemMessages(result.problem, result.message) });
    }
  };

  const rules = list.state === 'ok' ? list.data.rules : [];

  return (
    <>
      <section class="panel span-7" aria-labelledby="rules-heading">
        <div class="panel-title-row">
          <h2 id="rules-heading">Trigger rules</h2>
          <span class="muted small">{list.state === 'ok' ? `registry v${list.data.version}` : ''}</span>
          <button type="button" class="button button-small" onClick={() => void refresh()}>
            Refresh
          </button>
        </div>
        {list.state === 'error' && <p class="notice notice-error">Rules could not be loaded: {list.message}</p>}
        {toggleError && (
          <p class="notice notice-error small" role="alert">
            {toggleError}
          </p>
        )}
        <ul class="rule-list" data-testid="rule-list" aria-busy={list.state === 'loading'}>
          {rules.map((rule) => (
            <li key={rule.id} class={`rule ${rule.enabled ? '' : 'rule-disabled'}`} data-rule-id={rule.id} data-enabled={String(rule.enabled)}>
              <div class="rule-main">
                <div class="rule-title">
                  <strong>{typeof rule.rule.name === 'string' ? rule.rule.name : rule.id}</strong>
                  <span class={`badge ${rule.enabled ? 'badge-on' : 'badge-off'}`}>{rule.enabled ? 'enabled' : 'disabled'}</span>
                </div>
                <p class="muted small">
                  <code>{rule.id}</code> · {String(rule.rule.category ?? '')} · priority {String(rule.rule.priority ?? 0)} · v{rule.version} · changed{' '}
                  <time dateTime={rule.updatedAt} title={when(rule.updatedAt)}>
                    {shortWhen(rule.updatedAt)}
                  </time>
                </p>
                {typeof rule.rule.description === 'string' && <p class="small rule-description">{rule.rule.description}</p>}
              </div>
              <div class="rule-actions">
                <button
                  type="button"
                  class="button button-small"
                  data-testid={`rule-toggle-${rule.id}`}
                  disabled={busy === rule.id}
                  aria-label={`${rule.enabled ? 'Disable' : 'Enable'} rule ${rule.id}`}
                  onClick={() => void toggle(rule)}
                >
                  {rule.enabled ? 'Disable' : 'Enable'}
                </button>
                <button type="button" class="button button-small" data-testid={`rule-edit-${rule.id}`} aria-label={`Edit rule ${rule.id}`} onClick={() => edit(rule)}>
                  Edit
                </button>
              </div>
            </li>
          ))}
        </ul>
        {list.state === 'ok' && rules.length === 0 && <p class="muted small">No rules yet: write one in the editor.</p>}
      </section>

      <section class="panel span-5 row-span-2" aria-labelledby="editor-heading">
        <h2 id="editor-heading">Rule editor</h2>
        <form onSubmit={submit} class="rule-form">
          <label for="rule-editor">
            Rule JSON <span class="muted small">(saved under its <code>id</code>; see docs/triggers.md)</span>
          </label>
          <textarea
            id="rule-editor"
            ref={editor}
            data-testid="rule-editor"
            spellcheck={false}
            autoComplete="off"
            rows={20}
            value={text}
            onInput={(e) => setText((e.currentTarget as HTMLTextAreaElement).value)}
            aria-describedby="rule-feedback"
          />
          <div class="form-actions">
            <button type="submit" class="button button-primary" data-testid="rule-save" disabled={save.state === 'saving'}>
              {save.state === 'saving' ? 'Saving…' : 'Save'}
            </button>
            <button
              type="button"
              class="button"
              onClick={() => {
                setText(TEMPLATE_RULE);
                setSave({ state: 'idle' });
              }}
            >
              New from template
            </button>
          </div>
          <div id="rule-feedback" aria-live="polite">
            {save.state === 'saved' && (
              <p class="notice notice-ok" data-testid="rule-saved">
                {save.created ? 'Created' : 'Saved'} rule <code>{save.view.id}</code> (version {save.view.version}).
              </p>
            )}
            {save.state === 'invalid' && (
              <div class="notice notice-error" role="alert">
                <p>The rule was not saved:</p>
                <ul data-testid="rule-errors">
                  {save.messages.map((m, i) => (
                    <li key={i}>{m}</li>
                  ))}
                </ul>
              </div>
            )}
          </div>
        </form>
      </section>
    </>
  );
}
