from django.urls import path

from reminders import views

app_name = "reminders"

urlpatterns = [
    path("preferences/", views.preferences, name="preferences"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("deliveries/", views.deliveries, name="deliveries"),
    path("deliveries/<int:pk>/retry/", views.retry, name="retry"),
    path("deliveries/retry-failed/", views.retry_failed, name="retry_failed"),
    path("lead-times/", views.lead_times, name="lead_times"),
]
