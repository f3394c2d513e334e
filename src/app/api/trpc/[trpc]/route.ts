import { trpcGet, trpcPost } from "@/server/api/trpc-http";

export const dynamic = "force-dynamic";

// The handlers live beside the router so that server.ts can answer /api/trpc/* with the same code
// without Next's route machinery (src/server/http/trpc-door.ts); this route serves them under
// `next dev` and whenever a request reaches Next.
export const GET = trpcGet;
export const POST = trpcPost;
