from celery import shared_task

from members.services import imports


@shared_task
def run_invitation_import(job_id: int) -> None:
    imports.run_invitation_import(job_id=job_id)
