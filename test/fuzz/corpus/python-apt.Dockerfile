FROM python:3.12-slim
LABEL org.opencontainers.image.source="https://example.com/repo"
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1
ARG APP_USER=app
RUN apt-get update \
 && apt-get install -y --no-install-recommends build-essential libpq-dev curl ca-certificates \
 && rm -rf /var/lib/apt/lists/*
RUN curl -fsSL https://example.com/install.sh | sh
RUN pip install --upgrade pip && pip install -r /tmp/requirements.txt
RUN useradd --create-home --shell /bin/bash ${APP_USER} \
    && echo "${APP_USER} ALL=(ALL) NOPASSWD:ALL" >> /etc/sudoers
COPY --chown=${APP_USER} . /home/${APP_USER}/app
ADD https://example.com/archive.tar.gz /opt/
ENV DATABASE_PASSWORD=hunter2secret
EXPOSE 22 8000
USER ${APP_USER}
ENTRYPOINT gunicorn -b 0.0.0.0:8000 app:app
