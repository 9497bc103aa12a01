// Block Kit limits as Slack enforces them (SPEC §5). Each check returns Slack-style error strings,
// e.g. "must be less than 51 items [json-pointer:/blocks]"; an empty list means the payload is valid.

type Json = Record<string, unknown>;

export const BLOCK_LIMITS = {
  messageBlocks: 50,
  viewBlocks: 100,
  sectionText: 3000,
  sectionFields: 10,
  sectionFieldText: 2000,
  headerText: 150,
  modalTitle: 24,
  modalButton: 24,
  identifier: 255,
  actionsElements: 25,
  selectOptions: 100,
  optionText: 75,
  optionValue: 150,
  buttonText: 75,
  buttonValue: 2000,
  contextElements: 10,
  overflowOptions: 5,
  choiceOptions: 10,
  placeholder: 150,
  inputLabel: 2000,
  plainTextInput: 3000,
  privateMetadata: 3000,
  url: 3000,
} as const;

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

class Checker {
  readonly errors: string[] = [];

  add(message: string, path: string): void {
    this.errors.push(`${message} [json-pointer:${path}]`);
  }

  /** A string no longer than `max` (and, when given, at least `min` characters). Non-strings are ignored. */
  length(value: unknown, max: number, path: string, min = 0): void {
    if (typeof value !== 'string') return;
    if (value.length > max) this.add(`must be less than ${max + 1} characters`, path);
    if (value.length < min) this.add(`must be more than ${min - 1} characters`, path);
  }

  /** The `text` of a text object ({ type, text }). */
  text(obj: unknown, max: number, path: string, min = 0): void {
    if (isObject(obj)) this.length(obj.text, max, `${path}/text`, min);
  }

  items(value: unknown, max: number, path: string): value is unknown[] {
    if (!Array.isArray(value)) return false;
    if (value.length > max) this.add(`must be less than ${max + 1} items`, path);
    return true;
  }
}

function checkOptions(c: Checker, options: unknown, max: number, path: string): void {
  if (!c.items(options, max, path)) return;
  options.forEach((option, i) => {
    if (!isObject(option)) return;
    c.text(option.text, BLOCK_LIMITS.optionText, `${path}/${i}/text`, 1);
    c.length(option.value, BLOCK_LIMITS.optionValue, `${path}/${i}/value`);
  });
}

function checkElement(c: Checker, element: unknown, path: string): void {
  if (!isObject(element)) {
    c.add('must be an object', path);
    return;
  }
  c.length(element.action_id, BLOCK_LIMITS.identifier, `${path}/action_id`);
  c.text(element.placeholder, BLOCK_LIMITS.placeholder, `${path}/placeholder`);
  switch (element.type) {
    case 'button':
      c.text(element.text, BLOCK_LIMITS.buttonText, `${path}/text`, 1);
      c.length(element.value, BLOCK_LIMITS.buttonValue, `${path}/value`);
      c.length(element.url, BLOCK_LIMITS.url, `${path}/url`);
      break;
    case 'static_select':
    case 'multi_static_select':
      checkOptions(c, element.options, BLOCK_LIMITS.selectOptions, `${path}/options`);
      if (c.items(element.option_groups, BLOCK_LIMITS.selectOptions, `${path}/option_groups`)) {
        element.option_groups.forEach((group, i) => {
          if (isObject(group)) checkOptions(c, group.options, BLOCK_LIMITS.selectOptions, `${path}/option_groups/${i}`);
        });
      }
      break;
    case 'overflow':
      checkOptions(c, element.options, BLOCK_LIMITS.overflowOptions, `${path}/options`);
      break;
    case 'radio_buttons':
    case 'checkboxes':
      checkOptions(c, element.options, BLOCK_LIMITS.choiceOptions, `${path}/options`);
      break;
    case 'plain_text_input': {
      const max = typeof element.max_length === 'number' ? element.max_length : BLOCK_LIMITS.plainTextInput;
      if (max > BLOCK_LIMITS.plainTextInput) {
        c.add(`must be less than ${BLOCK_LIMITS.plainTextInput + 1}`, `${path}/max_length`);
      }
      if (typeof element.min_length === 'number' && element.min_length > max) {
        c.add('must be less than or equal to max_length', `${path}/min_length`);
      }
      c.length(element.initial_value, max, `${path}/initial_value`);
      break;
    }
    default:
      break;
  }
}

function checkBlock(c: Checker, block: Json, path: string, surface: Surface): void {
  switch (block.type) {
    case 'section': {
      if (block.text === undefined && block.fields === undefined) c.add('must provide either text or fields', path);
      c.text(block.text, BLOCK_LIMITS.sectionText, `${path}/text`, 1);
      if (c.items(block.fields, BLOCK_LIMITS.sectionFields, `${path}/fields`)) {
        block.fields.forEach((field, i) => {
          c.text(field, BLOCK_LIMITS.sectionFieldText, `${path}/fields/${i}`, 1);
        });
      }
      if (block.accessory !== undefined) checkElement(c, block.accessory, `${path}/accessory`);
      break;
    }
    case 'header':
      if (!isObject(block.text)) c.add('must provide an object', `${path}/text`);
      else if (block.text.type !== 'plain_text') c.add('must be plain_text', `${path}/text/type`);
      c.text(block.text, BLOCK_LIMITS.headerText, `${path}/text`, 1);
      break;
    case 'actions':
      if (c.items(block.elements, BLOCK_LIMITS.actionsElements, `${path}/elements`)) {
        block.elements.forEach((element, i) => {
          checkElement(c, element, `${path}/elements/${i}`);
        });
      } else c.add('must provide an array', `${path}/elements`);
      break;
    case 'context':
      if (!c.items(block.elements, BLOCK_LIMITS.contextElements, `${path}/elements`)) {
        c.add('must provide an array', `${path}/elements`);
      }
      break;
    case 'input':
      if (surface === 'message') c.add('input blocks are not supported in messages', `${path}/type`);
      c.text(block.label, BLOCK_LIMITS.inputLabel, `${path}/label`, 1);
      c.text(block.hint, BLOCK_LIMITS.inputLabel, `${path}/hint`);
      checkElement(c, block.element, `${path}/element`);
      break;
    case 'image':
      c.length(block.alt_text, BLOCK_LIMITS.inputLabel, `${path}/alt_text`);
      c.length(block.image_url, BLOCK_LIMITS.url, `${path}/image_url`);
      break;
    case undefined:
      c.add('must provide a type', `${path}/type`);
      break;
    default:
      break;
  }
}

export type Surface = 'message' | 'modal' | 'home';

function checkBlocks(c: Checker, blocks: unknown, surface: Surface, base: string): void {
  if (!Array.isArray(blocks)) {
    c.add('must be an array', base);
    return;
  }
  c.items(blocks, surface === 'message' ? BLOCK_LIMITS.messageBlocks : BLOCK_LIMITS.viewBlocks, base);
  const seen = new Set<string>();
  blocks.forEach((block, i) => {
    const path = `${base}/${i}`;
    if (!isObject(block)) {
      c.add('must be an object', path);
      return;
    }
    if (typeof block.block_id === 'string') {
      c.length(block.block_id, BLOCK_LIMITS.identifier, `${path}/block_id`);
      if (seen.has(block.block_id)) c.add(`duplicate block_id "${block.block_id}"`, `${path}/block_id`);
      seen.add(block.block_id);
    }
    checkBlock(c, block, path, surface);
  });
}

/** Errors for the `blocks` of a message (chat.postMessage, postEphemeral, update, response_url). */
export function validateMessageBlocks(blocks: unknown): string[] {
  const c = new Checker();
  checkBlocks(c, blocks, 'message', '/blocks');
  return c.errors;
}

/** Errors for a modal or App Home view object (views.open/push/update/publish). */
export function validateView(view: unknown): string[] {
  const c = new Checker();
  if (!isObject(view)) {
    c.add('must provide an object', '/view');
    return c.errors;
  }
  if (view.type !== 'modal' && view.type !== 'home') {
    c.add('must be one of modal, home', '/view/type');
    return c.errors;
  }
  const surface: Surface = view.type;
  if (surface === 'modal') {
    if (!isObject(view.title)) c.add('must provide an object', '/view/title');
    c.text(view.title, BLOCK_LIMITS.modalTitle, '/view/title', 1);
    c.text(view.submit, BLOCK_LIMITS.modalButton, '/view/submit', 1);
    c.text(view.close, BLOCK_LIMITS.modalButton, '/view/close', 1);
    const hasInput = Array.isArray(view.blocks) && view.blocks.some((b) => isObject(b) && b.type === 'input');
    if (hasInput && view.submit === undefined) c.add('must provide submit when blocks contain input', '/view/submit');
  }
  c.length(view.callback_id, BLOCK_LIMITS.identifier, '/view/callback_id');
  c.length(view.external_id, BLOCK_LIMITS.identifier, '/view/external_id');
  c.length(view.private_metadata, BLOCK_LIMITS.privateMetadata, '/view/private_metadata');
  checkBlocks(c, view.blocks, surface, '/view/blocks');
  return c.errors;
}
