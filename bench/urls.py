"""The app's URLs plus two pages that exist only for the benchmark: a
minimal view (what any Django page costs here) and the Django admin's
changelist of issues, configured as well as Django allows (bench/admin.py)."""

from django.http import HttpResponse
from django.urls import path

from bench.admin import site
from mhap.urls import urlpatterns as app_urlpatterns


def hello(request):
    return HttpResponse("Hello.", content_type="text/plain")


urlpatterns = [
    path("bench/hello/", hello, name="bench_hello"),
    path("bench/admin/", site.urls),
    *app_urlpatterns,
]
