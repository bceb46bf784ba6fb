// Liveness: 200 {status:"ok"} while this server answers, whatever Postgres and Redis do (the
// container HEALTHCHECK and a Kubernetes livenessProbe). Readiness is /api/health.
import { liveResponse } from "@myhibachi/api";

export const dynamic = "force-dynamic";
export const GET = () => liveResponse();
