"""The whole coalition's data as one archive an admin downloads.

datasets.py reads (one function per file), archive.py writes the zip,
services.py runs an export from request to expiry, views.py and urls.py are
the admins' pages. The Export model is in mhap/models.py, the Celery tasks in
mhap/tasks.py.
"""
