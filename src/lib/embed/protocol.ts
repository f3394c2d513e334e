// The picker's side of the postMessage contract. It lives in the embed SDK's package so the picker
// (this app) and the SDK (the editor's page) compile against one definition and cannot drift.
export * from "../../../packages/embed-sdk/src/protocol";
