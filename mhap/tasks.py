from celery import shared_task

from mhap.exports import services as exports


@shared_task(ignore_result=True)
def build_export(export_id: int) -> None:
    """Build one export's archive. A failure is written on the export itself; a
    delivery for an export already ready or failed does nothing."""
    exports.run_export(export_id=export_id)


@shared_task(ignore_result=True)
def sweep_exports() -> dict:
    """Beat runs this: expired archives and files no export names are deleted,
    stalled builds marked failed."""
    return exports.sweep_exports()
