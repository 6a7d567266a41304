"""What every issue-paper view shares: fetching the paper and checking the
person's right first (`access_paper`), and the editor's answers when that
check fails in the middle of typing."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render

from issues import permissions
from issues.models import IssuePaper
from workgroups.permissions import is_member

SAVED_FLAG = "paper_saved"  # in the session: clear this browser's copy of the text
SIGNED_OUT = (
    "You are signed out. What you type is kept in this browser: sign in again in "
    "another tab, then reload this page to put your text back and save it."
)
NOT_YOURS = "You can no longer edit this paper: nothing more is kept."


def preview_message(request, message: str, status: int):
    """The editor's keep-as-you-type request refused: say why in the status
    line, keep the preview, and the words stay in the browser."""
    context = {"message": message, "oob": True}
    response = render(request, "issues/paper_form.html#status", context, status=status)
    response["HX-Reswap"] = "none"
    return response


def access_paper(need: str):
    """Fetch the paper named by `pk` and check `need`: "read" (the text this
    person may read), "draft" (the working text), "edit", "lead" or "review".
    The public get a login redirect, members without the right a 403."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, pk, *args, **kwargs):
            paper = get_object_or_404(
                IssuePaper.objects.select_related("issue__workgroup", "current_revision"), pk=pk
            )
            user = request.user
            allowed = {
                "read": lambda: permissions.visible_revision_id(user, paper) is not None,
                "draft": lambda: permissions.can_read_draft(user, paper),
                "edit": lambda: permissions.can_edit_paper(user, paper),
                "lead": lambda: permissions.can_lead_paper(user, paper),
                "review": lambda: permissions.can_run_review(user),
            }[need]()
            if not allowed:
                if request.htmx:
                    if not is_member(user):
                        return preview_message(request, SIGNED_OUT, 401)
                    return preview_message(request, NOT_YOURS, 403)
                if not is_member(user):
                    return redirect_to_login(request.get_full_path())
                raise PermissionDenied
            return view(request, paper, *args, **kwargs)

        return wrapped

    return decorator


def refuse_with_message(request, paper, error):
    messages.error(request, str(error))
    return redirect(paper)


def number_from(value, default: int) -> int:
    """A revision or version number from a request, or `default` if it is none."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return default
    return number if 0 <= number < 2**31 else default
