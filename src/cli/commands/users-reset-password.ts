import { resetUserPassword } from "@/server/users/reset-password";
import { requireUserByEmail } from "@/server/users/require-user";
import { emailArgument, withCliDatabase } from "../database";
import { readAll, type CliCommand } from "../io";

const USAGE = "users:reset-password <email> [--stdin]";

export const usersResetPassword: CliCommand = {
  summary: "give an account a new password: a generated one-time password, or one read from stdin (--stdin)",
  async run(args, io) {
    const email = emailArgument(args, io, USAGE);
    if (!email) return 2;
    // Read before opening the database: a password never comes from an argument (shell history).
    const password = args.includes("--stdin") ? (await readAll(io.stdin)).replace(/\r?\n$/, "") : undefined;
    return withCliDatabase(io, async (ctx) => {
      const user = await requireUserByEmail(ctx.db, email);
      const result = await resetUserPassword({ ctx, input: { userId: user.id, password } });
      if (result.oneTimePassword) {
        io.stdout.write(`One-time password for ${result.email}: ${result.oneTimePassword}\n`);
      } else {
        io.stdout.write(`Password set for ${result.email}.\n`);
      }
      io.stdout.write("Their sessions were ended; they choose a new password at the next sign-in.\n");
      return 0;
    });
  },
};
