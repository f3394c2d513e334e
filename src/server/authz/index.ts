// Who is asking and what they may do, decided here for every door (tRPC, server actions, route
// handlers, /api/v1). Request-bound lookups (next-auth) live in ./who-is-asking, kept apart so
// services and tests can use the rest without loading next-auth.
export { ANONYMOUS, actorOf, personOf, userPrincipal, type PickerKey, type Principal } from "./principal";
export { capRole, requireRole, roleAtLeast } from "./roles";
export { PICKER_MAX_ROLE, PICKER_MIN_MEMBER_ROLE, PICKER_PROCEDURE_PATHS, pickerMayCall, requirePickerMayCall } from "./picker";
export { pickerPrincipal } from "./picker-session";
export { authorizeProject } from "./project-access";
export { mayCreateProjects, requireMayCreateProjects, requirePlatformAdmin, requireSignedIn } from "./platform";
export { apiKeyPrincipal, apiKeyProjectCtx, keyHasScope, type ApiKeyPrincipal } from "./api-key";
