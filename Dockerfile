# syntax=docker/dockerfile:1
#
# One image runs every StreamForge process; docker-compose.yml chooses one with `command`:
#   node api/dist/main.js          HTTP API (the default below)
#   node worker/dist/main.js       BullMQ worker (needs ffmpeg/ffprobe, installed in the runtime stage)
#   node scripts/dist/migrate.js   database migrations, exits 0 when done
#
#   docker build -t streamforge .

ARG NODE_IMAGE=node:26-bookworm-slim

# ---- manifests: only what npm needs to resolve the tree, so the `npm ci` layers stay cached
# until a package.json or the lockfile changes. Every workspace in package.json is listed here.
FROM ${NODE_IMAGE} AS manifests
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
COPY core/package.json core/
COPY api/package.json api/
COPY worker/package.json worker/
COPY sdk-js/package.json sdk-js/
COPY sdk-player/package.json sdk-player/

# ---- build: all dependencies, then compile core, api, worker and scripts (`tsc -b scripts`).
# Install scripts stay off, as package.json's allowScripts asks (no telemetry postinstalls;
# native add-ons used here ship prebuilt binaries).
FROM manifests AS build
RUN --mount=type=cache,target=/root/.npm \
    npm ci --ignore-scripts --no-audit --no-fund
COPY . .
RUN npm run build

# ---- prod-deps: production dependencies only (root node_modules plus any nested
# workspace node_modules, e.g. api/node_modules), workspace links included.
FROM manifests AS prod-deps
RUN --mount=type=cache,target=/root/.npm \
    npm ci --omit=dev --ignore-scripts --no-audit --no-fund

# ---- runtime
FROM ${NODE_IMAGE} AS runtime
RUN apt-get update \
    && apt-get install -y --no-install-recommends ffmpeg \
    && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production \
    PORT=3000
WORKDIR /app
# Code and dependencies stay owned by root and read-only to the process; the worker's
# scratch files go to the OS temp dir (/tmp).
COPY --from=prod-deps /app ./
COPY --from=build /app/core/dist ./core/dist
COPY --from=build /app/api/dist ./api/dist
COPY --from=build /app/worker/dist ./worker/dist
COPY --from=build /app/scripts/dist ./scripts/dist
USER node
EXPOSE 3000
CMD ["node", "api/dist/main.js"]
