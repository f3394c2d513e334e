import { requireUserByEmail } from "@/server/users/require-user";
import { setPlatformAdmin } from "@/server/users/set-platform-admin";
import { emailArgument, withCliDatabase } from "../database";
import type { CliCommand } from "../io";

export const usersMakeAdmin: CliCommand = {
  summary: "make an account a platform admin (e.g. when the only admin left)",
  async run(args, io) {
    const email = emailArgument(args, io, "users:make-admin <email>");
    if (!email) return 2;
    return withCliDatabase(io, async (ctx) => {
      const user = await requireUserByEmail(ctx.db, email);
      const result = await setPlatformAdmin({ ctx, input: { userId: user.id, isPlatformAdmin: true } });
      io.stdout.write(result.changed ? `${result.email} is now a platform admin.\n` : `${result.email} was already a platform admin.\n`);
      return 0;
    });
  },
};
