# Two targets:
#   production (default): the node and its workers; PostgreSQL and the chains come from configuration.
#   dev: also the local chains and embedded PostgreSQL binaries (optional dependencies), for trying it out.
FROM node:20-bookworm-slim AS base
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./

FROM base AS production-deps
RUN npm ci --omit=dev --omit=optional --no-audit --no-fund

FROM base AS dev-deps
# arlocal's sqlite3 builds from source here (python3, make, g++ above).
RUN npm ci --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim AS production
WORKDIR /app
COPY --from=production-deps /app/node_modules ./node_modules
COPY package.json tsconfig.json ./
COPY proto ./proto
COPY core ./core
COPY adapters ./adapters
COPY server ./server
COPY devnet ./devnet
COPY sdk ./sdk
COPY bin ./bin
COPY web ./web
# The CLI's bundle (dist/cli), built now: the node user cannot write it at run time.
RUN node bin/publisher.mjs --version
ENV PUBLISHER_PROFILE=production \
    PUBLISHER_HOST=0.0.0.0 \
    PUBLISHER_PORT=8080
USER node
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s CMD node -e "fetch('http://127.0.0.1:8080/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "--import", "tsx", "server/main.ts", "start"]

FROM production AS dev
COPY --from=dev-deps /app/node_modules ./node_modules
ENV PUBLISHER_PROFILE=dev \
    PUBLISHER_DATA_DIR=/data
USER root
RUN mkdir -p /data && chown node /data
USER node
VOLUME /data
