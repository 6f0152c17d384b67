# Stand-in for the official node image: Debian bookworm's Node.js 18 and npm, the image's `node` user (uid 1000) and
# its entrypoint script, which runs `node` for arguments that are not a command and execs everything else.
# tags: docker.io/library/node:18-bookworm-slim
FROM docker.io/library/debian:bookworm
RUN apt-get update \
    && apt-get install -y --no-install-recommends nodejs npm \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --gid 1000 node \
    && useradd --uid 1000 --gid node --shell /bin/bash --create-home node
COPY node-docker-entrypoint.sh /usr/local/bin/docker-entrypoint.sh
ENTRYPOINT ["docker-entrypoint.sh"]
CMD ["node"]
