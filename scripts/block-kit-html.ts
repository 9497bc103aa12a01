// A small, honest HTML renderer of Block Kit, close to how Slack's desktop client lays blocks out, for the README's
// pictures (scripts/docs-pictures.ts). It draws only what the blocks say: every word comes from the payload.

type Obj = Record<string, unknown>;
export interface Names {
  users: Record<string, string>;
  channels: Record<string, string>;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const str = (v: unknown) => (typeof v === 'string' ? v : '');
const arr = (v: unknown): Obj[] => (Array.isArray(v) ? (v as Obj[]) : []);
const obj = (v: unknown): Obj => (v && typeof v === 'object' ? (v as Obj) : {});

/** Slack's mrkdwn: control sequences first (mentions, channels, dates, links), then *bold*, _italic_, ~strike~, `code`. */
export function mrkdwn(text: string, names: Names): string {
  const tokens: string[] = [];
  const keep = (html: string) => `\uE000${tokens.push(html) - 1}\uE000`;
  let s = text.replace(/<([^<>]+)>/g, (_, inner: string) => {
    const [target = '', label] = inner.split('|');
    if (target.startsWith('@'))
      return keep(`<span class="mention">@${esc(names.users[target.slice(1)] ?? target.slice(1))}</span>`);
    if (target.startsWith('#'))
      return keep(`<span class="mention">#${esc(label ?? names.channels[target.slice(1)] ?? target.slice(1))}</span>`);
    if (target.startsWith('!date')) return keep(esc(label ?? ''));
    if (target.startsWith('!')) return keep(`<span class="mention">@${esc(target.slice(1))}</span>`);
    return keep(`<a>${esc(label ?? target)}</a>`);
  });
  s = s.replace(/```([\s\S]*?)```/g, (_, code: string) => keep(`<pre>${code}</pre>`));
  s = s.replace(/`([^`\n]+)`/g, (_, code: string) => keep(`<code>${code}</code>`));
  // What remains is text with Slack's escapes (&lt; &gt; &amp;), which HTML reads the same way.
  s = s
    .replace(/(^|[\s(>\uE000])\*([^*\n]+)\*(?=$|[\s).,:;!?\uE000])/g, '$1<b>$2</b>')
    .replace(/(^|[\s(>\uE000])_([^_\n]+)_(?=$|[\s).,:;!?\uE000])/g, '$1<i>$2</i>')
    .replace(/(^|[\s(>\uE000])~([^~\n]+)~(?=$|[\s).,:;!?\uE000])/g, '$1<s>$2</s>')
    .replace(/:([a-z0-9_+-]+):/g, (_, name: string) => `<span class="emoji">${EMOJI[name] ?? `:${name}:`}</span>`)
    .replace(/\n/g, '<br>');
  for (let i = 0; i < 3; i++) s = s.replace(/\uE000(\d+)\uE000/g, (_, n: string) => tokens[Number(n)] ?? '');
  return s;
}

const EMOJI: Record<string, string> = {
  alarm_clock: '⏰',
  calendar: '📆',
  scales: '⚖️',
  warning: '⚠️',
  white_check_mark: '✅',
  memo: '📝',
  pencil2: '✏️',
  no_entry: '⛔',
  bar_chart: '📊',
  tada: '🎉',
  hourglass_flowing_sand: '⏳',
  lock: '🔒',
  bell: '🔔',
  point_right: '👉',
};

function text(t: unknown, names: Names): string {
  const o = obj(t);
  return o.type === 'mrkdwn' ? mrkdwn(str(o.text), names) : esc(str(o.text)).replace(/\n/g, '<br>');
}

function element(e: Obj, names: Names): string {
  switch (e.type) {
    case 'button':
      return `<span class="button ${str(e.style)}">${text(e.text, names)}</span>`;
    case 'static_select':
    case 'external_select':
    case 'users_select':
    case 'conversations_select':
    case 'channels_select': {
      const initial = obj(e.initial_option);
      const user = str(e.initial_user) || str(e.initial_conversation) || str(e.initial_channel);
      const shown = initial.text
        ? text(initial.text, names)
        : user
          ? esc(names.users[user] ?? names.channels[user] ?? user)
          : `<span class="placeholder">${text(e.placeholder ?? { text: 'Select an option' }, names)}</span>`;
      return `<span class="select">${shown}<span class="caret">⌄</span></span>`;
    }
    case 'multi_users_select':
    case 'multi_static_select': {
      const users = (Array.isArray(e.initial_users) ? (e.initial_users as string[]) : []).map(
        (u) => `<span class="chip">${esc(names.users[u] ?? u)}</span>`,
      );
      const opts = arr(e.initial_options).map((o) => `<span class="chip">${text(o.text, names)}</span>`);
      return `<span class="select multi">${[...users, ...opts].join(' ') || '<span class="placeholder">Select</span>'}</span>`;
    }
    case 'radio_buttons':
    case 'checkboxes': {
      const initial = str(obj(e.initial_option).value);
      return `<div class="radios">${arr(e.options)
        .map(
          (o) =>
            `<div class="radio"><span class="dot ${str(o.value) === initial ? 'on' : ''} ${e.type === 'checkboxes' ? 'box' : ''}"></span><div><div>${text(o.text, names)}</div>${o.description ? `<div class="desc">${text(o.description, names)}</div>` : ''}</div></div>`,
        )
        .join('')}</div>`;
    }
    case 'plain_text_input': {
      const value = str(e.initial_value);
      const shown = value
        ? esc(value)
        : `<span class="placeholder">${e.placeholder ? text(e.placeholder, names) : ''}</span>`;
      return `<div class="textbox ${e.multiline ? 'multi' : ''}">${shown}</div>`;
    }
    case 'datetimepicker':
    case 'datepicker':
    case 'timepicker': {
      const at = typeof e.initial_date_time === 'number' ? new Date(e.initial_date_time * 1000) : null;
      return `<span class="select">${at ? esc(at.toISOString().slice(0, 16).replace('T', ' ')) : 'Pick a date'}</span>`;
    }
    case 'overflow':
      return '<span class="button">⋯</span>';
    default:
      return `<span class="placeholder">[${esc(str(e.type))}]</span>`;
  }
}

export function block(b: Obj, names: Names): string {
  switch (b.type) {
    case 'header':
      return `<div class="header">${text(b.text, names)}</div>`;
    case 'divider':
      return '<hr>';
    case 'context':
      return `<div class="context">${arr(b.elements)
        .map((e) => (e.type === 'image' ? '' : `<span>${text(e, names)}</span>`))
        .join(' ')}</div>`;
    case 'section': {
      const fields = arr(b.fields);
      const accessory = b.accessory ? `<div class="accessory">${element(obj(b.accessory), names)}</div>` : '';
      return `<div class="section"><div class="body">${b.text ? `<div>${text(b.text, names)}</div>` : ''}${
        fields.length ? `<div class="fields">${fields.map((f) => `<div>${text(f, names)}</div>`).join('')}</div>` : ''
      }</div>${accessory}</div>`;
    }
    case 'actions':
      return `<div class="actions">${arr(b.elements)
        .map((e) => element(e, names))
        .join('')}</div>`;
    case 'input':
      return `<div class="input"><div class="label">${text(b.label, names)}${b.optional ? ' <span class="optional">(optional)</span>' : ''}</div>${element(obj(b.element), names)}${
        b.hint ? `<div class="hint">${text(b.hint, names)}</div>` : ''
      }</div>`;
    case 'rich_text':
      return `<div class="section">${esc(JSON.stringify(b.elements))}</div>`;
    default:
      return `<div class="placeholder">[${esc(str(b.type))} block]</div>`;
  }
}

export const blocks = (list: unknown, names: Names) =>
  arr(list)
    .map((b) => block(b, names))
    .join('\n');

export interface Message {
  blocks?: unknown;
  text?: string;
  /** Replies shown under the message, as in a thread. */
  replies?: Message[];
  time?: string;
}

function message(m: Message, names: Names, app: string): string {
  const body =
    Array.isArray(m.blocks) && m.blocks.length > 0
      ? blocks(m.blocks, names)
      : `<div class="section">${mrkdwn(m.text ?? '', names)}</div>`;
  return `<div class="message"><div class="avatar">IA</div><div class="content"><div class="who"><b>${esc(app)}</b> <span class="app">APP</span> <span class="time">${esc(m.time ?? '10:02')}</span></div>${body}</div></div>`;
}

const CSS = `
body{margin:0;background:#fff;font:15px/1.46668 -apple-system,"Segoe UI",Lato,"Noto Sans","DejaVu Sans",sans-serif;color:#1d1c1d}
.frame{width:720px;padding:16px 20px}
.channel{font-weight:900;font-size:18px;padding:0 0 12px;border-bottom:1px solid #ddd;margin-bottom:12px}
.message{display:flex;gap:8px;padding:8px 0}
.avatar{flex:none;width:36px;height:36px;border-radius:6px;background:#4a154b;color:#fff;font-weight:700;display:flex;align-items:center;justify-content:center;font-size:13px}
.content{flex:1;min-width:0}
.who .app{font-size:10px;background:#e8e8e8;color:#616061;border-radius:2px;padding:1px 3px;font-weight:700}
.who .time{color:#616061;font-size:12px}
.header{font-weight:900;font-size:18px;margin:6px 0 4px}
.section{display:flex;gap:12px;margin:6px 0}
.section .body{flex:1;min-width:0;overflow-wrap:anywhere}
.fields{display:grid;grid-template-columns:1fr 1fr;gap:8px 16px}
.context{color:#616061;font-size:13px;margin:6px 0}
hr{border:0;border-top:1px solid #ddd;margin:10px 0}
.actions{display:flex;flex-wrap:wrap;gap:8px;margin:8px 0}
.button{display:inline-block;border:1px solid #bbb;border-radius:4px;padding:3px 12px;font-weight:700;font-size:14px;white-space:nowrap;background:#fff}
.button.primary{background:#007a5a;border-color:#007a5a;color:#fff}
.button.danger{background:#e01e5a;border-color:#e01e5a;color:#fff}
code{font:12px Menlo,Monaco,"DejaVu Sans Mono",monospace;color:#e01e5a;background:#f6f6f6;border:1px solid #ddd;border-radius:3px;padding:1px 3px}
pre{font:12px Menlo,monospace;background:#f6f6f6;border:1px solid #ddd;border-radius:4px;padding:8px}
.mention{color:#1264a3;background:#e8f5fa;border-radius:3px;padding:0 2px}
a{color:#1264a3}
.thread{margin-left:44px;border-left:2px solid #ddd;padding-left:12px}
.thread-label{color:#616061;font-size:13px;margin:4px 0 0 44px}
.modal{width:560px;margin:16px auto;border-radius:8px;box-shadow:0 0 0 1px #ddd,0 4px 12px rgba(0,0,0,.12);background:#fff}
.modal .title{font-weight:900;font-size:22px;padding:18px 24px;border-bottom:1px solid #ddd}
.modal .blocks{padding:12px 24px}
.modal .footer{display:flex;justify-content:flex-end;gap:8px;padding:14px 24px;border-top:1px solid #ddd}
.input{margin:14px 0}
.label{font-weight:700;margin-bottom:6px}
.optional{font-weight:400;color:#616061}
.hint{color:#616061;font-size:13px;margin-top:4px}
.select{display:inline-flex;justify-content:space-between;min-width:260px;border:1px solid #bbb;border-radius:4px;padding:6px 10px}
.select.multi{min-width:420px;gap:4px;flex-wrap:wrap;justify-content:flex-start}
.chip{background:#e8f5fa;border-radius:3px;padding:0 4px}
.caret{color:#616061;margin-left:12px}
.textbox{border:1px solid #bbb;border-radius:4px;padding:8px 10px;min-height:20px}
.textbox.multi{min-height:60px}
.placeholder{color:#8d8d8d}
.radios .radio{display:flex;gap:8px;margin:4px 0}
.dot{flex:none;width:14px;height:14px;border:1px solid #888;border-radius:50%;margin-top:3px}
.dot.box{border-radius:3px}
.dot.on{border:5px solid #1264a3;width:6px;height:6px}
.desc{color:#616061;font-size:13px}
.emoji{font-family:"Noto Color Emoji",sans-serif}
`;

export function page(inner: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><style>${CSS}</style></head><body>${inner}</body></html>`;
}

/** A DM or a channel with its messages; a message's replies are drawn as its thread. */
export function conversationPage(
  title: string,
  messages: Message[],
  names: Names,
  app = 'Interview Assistant',
): string {
  const body = messages
    .map((m) => {
      const replies = m.replies ?? [];
      const thread = replies.length
        ? `<div class="thread-label">${replies.length} ${replies.length === 1 ? 'reply' : 'replies'}</div><div class="thread">${replies.map((r) => message(r, names, app)).join('')}</div>`
        : '';
      return message(m, names, app) + thread;
    })
    .join('');
  return page(`<div class="frame"><div class="channel">${esc(title)}</div>${body}</div>`);
}

export function modalPage(view: Obj, names: Names): string {
  const title = text(view.title, names);
  const submit = view.submit ? `<span class="button primary">${text(view.submit, names)}</span>` : '';
  const close = view.close ? `<span class="button">${text(view.close, names)}</span>` : '';
  return page(
    `<div class="modal"><div class="title">${title}</div><div class="blocks">${blocks(view.blocks, names)}</div><div class="footer">${close}${submit}</div></div>`,
  );
}
