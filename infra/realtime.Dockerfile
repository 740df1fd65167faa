# syntax=docker/dockerfile:1
# A realtime node: the gateway on uWebSockets.js, on Node 20 (uWS ships binaries for Node 18–22).
#   docker build -f infra/realtime.Dockerfile -t fast-light-chat/realtime .
# It needs DATABASE_URL, REDIS_URL and JWT_SECRET; docker-compose.yml wires them.

ARG BUN_TAG=1.4
ARG NODE_TAG=20-bookworm-slim

FROM oven/bun:${BUN_TAG} AS build
WORKDIR /app
COPY . .
RUN bun install --frozen-lockfile \
  && bun run --cwd apps/realtime build

FROM node:${NODE_TAG} AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3001
# The bundle plus the dependencies it leaves external (uWebSockets.js's native binaries).
COPY --from=build /app/ ./
USER node
EXPOSE 3001
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:' + (process.env.PORT || 3001) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
CMD ["node", "apps/realtime/dist/main.js"]
