/** The role the seed documents describe; teams add their own roles to questions. */
export const DEFAULT_ROLE = 'backend-developer';
