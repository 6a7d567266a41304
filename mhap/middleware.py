"""A page for a bare 405: an action's address (a form's target, which takes
only POST) reached by reloading a page after sending its form, or by typing
or bookmarking the address, answers with words and a way on instead of an
empty page."""

from django.shortcuts import render
from django.urls import Resolver404, resolve


class MethodNotAllowedPage:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            response.status_code == 405
            and not response.content
            and request.method == "GET"
            and not request.headers.get("HX-Request")
        ):
            page = render(request, "405.html", {"back": _page_of(request.path)}, status=405)
            page["Allow"] = response["Allow"]
            return page
        return response


def _page_of(path: str) -> str:
    """The page an action's address belongs to: /advocacy/bills/1/status/ is
    an action of /advocacy/bills/1/. Empty when that is no page."""
    parent = path.rstrip("/").rsplit("/", 1)[0] + "/"
    try:
        resolve(parent)
    except Resolver404:
        return ""
    return parent
