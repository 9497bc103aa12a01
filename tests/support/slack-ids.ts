// Identifiers shared by the Web API stand-in (FakeSlack) and the request sender (SlackSender).

export const DEFAULT_BOT_TOKEN = 'xoxb-test-token';
export const FAKE_TEAM_ID = 'T0TEST0001';
export const FAKE_TEAM_DOMAIN = 'interview-test';
export const FAKE_BOT_USER_ID = 'U0BOT00001';
export const FAKE_BOT_ID = 'B0BOT00001';
export const FAKE_APP_ID = 'A0APP00001';
