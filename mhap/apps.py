from django.apps import AppConfig


class MhapConfig(AppConfig):
    name = "mhap"
    verbose_name = "MHAP Hub"
