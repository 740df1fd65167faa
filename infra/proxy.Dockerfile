# syntax=docker/dockerfile:1
# The scaled profile's front door: nginx with the agent console and the widget script built in,
# proxying WebSockets to the realtime nodes and everything else to the API (infra/nginx.conf).
#   docker build -f infra/proxy.Dockerfile -t fast-light-chat/proxy .

ARG BUN_TAG=1.4
ARG NGINX_TAG=1.27-alpine

FROM oven/bun:${BUN_TAG} AS build
WORKDIR /app
COPY . .
RUN bun install --frozen-lockfile \
  && bun run --cwd apps/console build \
  && bun run --cwd apps/widget build

# Runs as the image's unprivileged nginx user, listening on 8080.
FROM nginxinc/nginx-unprivileged:${NGINX_TAG} AS runtime
COPY infra/nginx.conf /etc/nginx/conf.d/default.conf
COPY infra/nginx-upstreams.conf /etc/nginx/conf.d/upstreams.conf
COPY --from=build /app/apps/console/dist/ /usr/share/nginx/html/console/
COPY --from=build /app/apps/widget/dist/widget.js /usr/share/nginx/html/widget/widget.js
# The release's pinned copy, /widget/<version>.js (served immutable).
COPY --from=build /app/apps/widget/dist/widget/ /usr/share/nginx/html/widget/
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=5s --retries=3 \
  CMD wget -q -O /dev/null http://127.0.0.1:8080/healthz || exit 1
