# syntax=docker/dockerfile:1
# The whole platform in one process on embedded stores (PGlite on disk under /data). Build from
# the repository root and keep /data on a volume:
#   docker build -f infra/standalone.Dockerfile -t fast-light-chat/standalone .
#   docker run -p 3000:3000 -v flc-data:/data fast-light-chat/standalone

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
# NODE_ENV stays unset: production would require JWT_SECRET, and the embedded profile generates
# one and keeps it in FLC_DATA_DIR. Pass JWT_SECRET (and NODE_ENV=production) to choose your own.
ENV FLC_DATA_DIR=/data \
    HOST=0.0.0.0 \
    PORT=3000
COPY --from=deps /app/ ./
COPY . .
RUN mkdir -p /data && chown bun:bun /data
VOLUME /data
USER bun
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD bun -e "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
CMD ["bun", "apps/standalone/src/main.ts"]
