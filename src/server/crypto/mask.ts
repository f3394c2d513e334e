// The implementation is client-safe and lives in src/lib so the UI can share it.
export { maskSecret } from "@/lib/mask";
