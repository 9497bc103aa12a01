export const CLI_USAGE = `Usage: npm run cli -- <command>
  migrate                                   apply database migrations and load the question bank
  questions [--level L] [--kind K] [--minutes M] [--panelists N] [--json]
                                            print a question kit (L: junior|mid|senior|lead,
                                            K: technical|behavioral|situational|soft-skills|general|mixed,
                                            M: 45, 45m, 1h30); as in Slack: mid, technical, 45 minutes
  bank export [--json]                      print the question bank (YAML, or JSON with --json)
  bank import FILE                          add or update roles and questions from a YAML file in the bank's format
  bank check [--role R]                     lint the bank: questions without a strong answer, near-duplicate
                                            texts, level x competency cells with fewer than 4 questions
  export CANDIDATE|interview N|loop N --format json|csv
                                            print a loop's full record: interviews, kits, scorecards
                                            with revisions, summary, decisions, audit trail
  backup FILE                               copy the database safely while the app runs (SQLite; folders
                                            are created; on PostgreSQL use pg_dump)
  copy-to-postgres URL                      copy the SQLite database at DATABASE_PATH into an empty
                                            PostgreSQL database (then set DATABASE_URL to it)
  forget CANDIDATE [--yes]                  erase a candidate's personal data (name or #id); asks first,
                                            --yes erases without asking (needed without a terminal)
  outbox [retry ID|all]                     list Slack messages waiting, set aside or refused; queue
                                            set-aside ones again
  insights [--json] [--html FILE]           the calibration and question report: agreement of panels,
                                            interviewers' leniency, questions (--html: a page with charts)
  help                                      this text`;

/** A mistake in how the CLI was called: one line, then the usage, exit 2. */
export class UsageError extends Error {}
