# The image behind web, worker and beat in docker-compose.yml.
FROM python:3.12-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app
RUN useradd --create-home --uid 1000 mhap

COPY pyproject.toml README.md ./
RUN pip install --no-cache-dir .

COPY . .
# collectstatic needs settings, not secrets: a throwaway key for this one step.
RUN SECRET_KEY=collectstatic-only python manage.py collectstatic --no-input \
    && mkdir -p /app/var/media /app/var/beat && chown -R mhap /app/var

USER mhap
EXPOSE 8000
CMD ["gunicorn", "mhap.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
