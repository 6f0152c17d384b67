# Stand-in for distroless static (Debian 12), :nonroot variant: an empty image with only /etc/passwd and /etc/group
# (root, nobody, nonroot 65532), /tmp and the nonroot home, running as 65532. No shell, no libc: static binaries only.
# tags: gcr.io/distroless/static-debian12:nonroot
FROM docker.io/library/debian:bookworm AS files
RUN mkdir -p /out/etc /out/home /out/tmp /nonroot-home \
    && chmod 1777 /out/tmp \
    && printf '%s\n' 'root:x:0:0:root:/root:/sbin/nologin' 'nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin' \
        'nonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin' > /out/etc/passwd \
    && printf '%s\n' 'root:x:0:' 'nobody:x:65534:' 'nonroot:x:65532:' > /out/etc/group

FROM scratch
COPY --from=files /out/ /
COPY --from=files --chown=65532:65532 /nonroot-home /home/nonroot
ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
USER 65532
WORKDIR /home/nonroot
