from celery import shared_task

from mhap.mail import DELIVERY_MAILER, deserialize_message


@shared_task(
    autoretry_for=(OSError,),
    retry_backoff=30,
    retry_backoff_max=3600,
    max_retries=None,
)
def deliver_email(payload: dict) -> None:
    """Hand one queued message to the delivery mailer.

    Retried while the mail server is unreachable. acks_late (settings) means a
    worker that dies here leaves the task queued; at worst that one message
    goes out twice.
    """
    deserialize_message(payload).send(using=DELIVERY_MAILER)
