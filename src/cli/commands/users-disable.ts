import { requireUserByEmail } from "@/server/users/require-user";
import { setUserDisabled } from "@/server/users/set-user-disabled";
import { emailArgument, withCliDatabase } from "../database";
import type { CliCommand } from "../io";

function toggle(disabled: boolean): CliCommand {
  const name = disabled ? "users:disable" : "users:enable";
  return {
    summary: disabled ? "disable an account: it cannot sign in and its sessions end" : "enable a disabled account again",
    async run(args, io) {
      const email = emailArgument(args, io, `${name} <email>`);
      if (!email) return 2;
      return withCliDatabase(io, async (ctx) => {
        const user = await requireUserByEmail(ctx.db, email);
        const result = await setUserDisabled({ ctx, input: { userId: user.id, disabled } });
        const state = disabled ? "disabled" : "enabled";
        io.stdout.write(result.changed ? `${result.email} is now ${state}.\n` : `${result.email} was already ${state}.\n`);
        return 0;
      });
    },
  };
}

export const usersDisable = toggle(true);
export const usersEnable = toggle(false);
