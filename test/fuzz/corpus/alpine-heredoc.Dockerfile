FROM alpine:3.20 AS base
RUN <<EOT
set -eux
apk add --no-cache curl openssl
wget --no-check-certificate -O /tmp/x https://example.com/x
chmod 777 /tmp/x
EOT
RUN <<-EOF cat > /etc/motd
	hello
	EOF
COPY <<EOF /etc/app.conf
password=changeme
EOF
RUN python3 <<PY
print("sudo is only text here")
PY
FROM base
SHELL ["/bin/ash", "-eo", "pipefail", "-c"]
RUN curl -sSL https://example.com/key | tee /etc/key | wc -l
ONBUILD RUN sudo make install
ONBUILD COPY . /src
VOLUME /var/run/docker.sock
# lashing-ignore dockerfile/root-user -- the base image sets USER
# hadolint ignore=DL3008,DL3009
RUN apt-get update && apt-get install -y git
CMD exec /bin/app --serve
