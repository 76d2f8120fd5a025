"""Project-wide Celery tasks."""

from celery import shared_task


@shared_task(name="mstracker.ping", ignore_result=False)
def ping():
    """Answer "pong": a liveness probe that proves a worker consumes the broker."""
    return "pong"
