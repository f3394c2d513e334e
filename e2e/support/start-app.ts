import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { E2E_DATA_DIR } from "./env";

// Each run starts from an empty installation so the first-run journey is real.
rmSync(path.resolve(process.env.DATA_DIR || E2E_DATA_DIR), { recursive: true, force: true });
const child = spawn(process.execPath, ["--import", "tsx", "server.ts"], { stdio: "inherit", env: process.env });
const stop = () => child.kill("SIGTERM");
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
child.on("exit", (code) => process.exit(code ?? 0));
