# Stand-in for nginxinc/nginx-unprivileged. The tag says alpine, but Alpine cannot be emulated here (no apk
# repository); for serving static files Debian's nginx behaves the same way: it listens on 8080, serves
# /usr/share/nginx/html and runs as uid 101, with its pid and temporary files in /tmp.
# tags: docker.io/nginxinc/nginx-unprivileged:1.28-alpine
FROM docker.io/library/debian:bookworm
RUN apt-get update \
    && apt-get install -y --no-install-recommends nginx-light \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 101 nginx \
    && useradd --system --uid 101 --gid nginx --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin nginx \
    && rm -f /etc/nginx/sites-enabled/default \
    && chown -R 101:0 /var/log/nginx /var/lib/nginx
COPY nginx-unprivileged.conf /etc/nginx/nginx.conf
EXPOSE 8080
STOPSIGNAL SIGQUIT
USER 101
CMD ["nginx", "-g", "daemon off;"]
