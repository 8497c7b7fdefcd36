# The two job images, from one file:
#   docker build --target loader -t rollcall-loader .
#   docker build --target reader -t rollcall-reader .
# (stack.yml builds both.) TypeScript is compiled once, in the build stage; each job image
# holds Node, its own production dependencies and the compiled packages it runs (the schema's
# migrations among them), and runs the job as the owner of the mounted reports folder (never
# as root unless that folder is root's; see the runtime stage). Nothing secret goes in: passwords
# come at run time through MYSQL_PASSWORD_FILE. The Node major is the one of .nvmrc (a test
# keeps every FROM line on it or on an earlier stage).

FROM node:22-slim AS build
WORKDIR /app
# Manifests first, so that the dependency layers are rebuilt only when they change. npm ci
# wants every workspace of the lockfile present, hence every package.json.
COPY package.json package-lock.json ./
COPY packages/shared/package.json packages/shared/
COPY packages/loader/package.json packages/loader/
COPY packages/reader/package.json packages/reader/
COPY packages/testkit/package.json packages/testkit/
COPY packages/throwaway-db/package.json packages/throwaway-db/
COPY packages/tools/package.json packages/tools/
# --ignore-scripts: neither compiling nor running needs an install script.
RUN npm ci --ignore-scripts --no-audit --no-fund
# Each job's production dependencies, in a tree of its own under /prod/<job>.
RUN for job in loader reader; do \
      mkdir -p "/prod/$job" \
      && cp --parents package.json package-lock.json packages/*/package.json "/prod/$job/" \
      && (cd "/prod/$job" && npm ci --omit=dev --ignore-scripts --no-audit --no-fund --workspace="packages/$job") \
      || exit 1; \
    done
COPY tsconfig.base.json ./
COPY packages/shared packages/shared
COPY packages/loader packages/loader
COPY packages/reader packages/reader
RUN npm run build

# What both job images share: Node, production mode and the entrypoint that
# runs the job as the owner of the mounted reports folder (docker/run-as-reports-owner.sh).
FROM node:22-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY docker/run-as-reports-owner.sh /usr/local/bin/run-as-reports-owner
ENTRYPOINT ["run-as-reports-owner"]

FROM runtime AS loader
COPY --from=build /prod/loader/ ./
COPY --from=build /app/packages/shared/dist packages/shared/dist
COPY --from=build /app/packages/loader/dist packages/loader/dist
CMD ["node", "packages/loader/dist/main.js"]

FROM runtime AS reader
COPY --from=build /prod/reader/ ./
COPY --from=build /app/packages/shared/dist packages/shared/dist
COPY --from=build /app/packages/reader/dist packages/reader/dist
CMD ["node", "packages/reader/dist/main.js"]
