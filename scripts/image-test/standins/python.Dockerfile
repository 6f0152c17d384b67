# Stand-in for the official python image (no registry here): Debian bookworm's Python 3.11 with pip. PyPI is
# unreachable, so the demo API's requirements (samples/backend-flask/requirements.txt) come preinstalled from Debian
# packages and `pip3 install -r requirements.txt` finds every one already satisfied. The official image has its
# Python under /usr/local/bin; the symlinks give the same commands there.
# tags: docker.io/library/python:3.11-slim-bookworm
FROM docker.io/library/debian:bookworm
RUN apt-get update \
    && apt-get install -y --no-install-recommends python3 python3-pip \
        python3-flask python3-flask-cors python3-dotenv python3-requests \
    && rm -rf /var/lib/apt/lists/* \
    && rm -f /usr/lib/python3.11/EXTERNALLY-MANAGED \
    && ln -s /usr/bin/python3 /usr/local/bin/python \
    && ln -s /usr/bin/python3 /usr/local/bin/python3 \
    && ln -s /usr/bin/pip3 /usr/local/bin/pip \
    && ln -s /usr/bin/pip3 /usr/local/bin/pip3
# pip's version check would wait for PyPI.
ENV LANG=C.UTF-8 PIP_DISABLE_PIP_VERSION_CHECK=1
CMD ["python3"]
