# syntax=docker/dockerfile:1
# The REST API alone (scaled profile). Build from the repository root:
#   docker build -f infra/api.Dockerfile -t fast-light-chat/api .
# It needs DATABASE_URL and JWT_SECRET; docker-compose.yml wires them.

ARG BUN_TAG=1.4

# Only the manifests, so that the dependency layer is rebuilt when they change, not on every edit.
FROM oven/bun:${BUN_TAG} AS manifests
WORKDIR /src
COPY . .
RUN mkdir /manifests \
  && find . \( -name package.json -o -name bun.lock -o -name bunfig.toml \) -print0 \
  | tar --null -cf - -T - | tar -xf - -C /manifests

FROM oven/bun:${BUN_TAG} AS deps
WORKDIR /app
COPY --from=manifests /manifests/ ./
RUN bun install --frozen-lockfile --production

FROM oven/bun:${BUN_TAG}-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000
# Files stay root-owned: the API writes nothing to its own tree, and runs as the image's `bun` user.
COPY --from=deps /app/ ./
COPY . .
# Attachments without FLC_S3_ENDPOINT are files here (mount a volume on it); nothing else is.
RUN mkdir -p /var/lib/flc && chown bun:bun /var/lib/flc
ENV FLC_DATA_DIR=/var/lib/flc
USER bun
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD bun -e "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
CMD ["bun", "apps/api/src/main.ts"]
