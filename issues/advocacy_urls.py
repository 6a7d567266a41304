from django.urls import path

from issues.views import advocacy_log as log
from issues.views import advocacy_print as printed
from issues.views import advocacy_registry as registry

app_name = "advocacy"

urlpatterns = [
    path("", printed.overview, name="overview"),
    path("papers/<int:pk>/", log.paper, name="paper"),
    path("papers/<int:pk>/leave-behind/", printed.leave_behind, name="leave_behind"),
    path("papers/<int:pk>/supporters/", printed.supporters, name="supporters"),
    path(
        "papers/<int:pk>/supporters/<int:support_pk>/remove/",
        printed.remove_supporter,
        name="remove_supporter",
    ),
    path("contacts/", log.contacts, name="contacts"),
    path("contacts/new/", log.log_contact, name="log_contact"),
    path("contacts/<int:pk>/", log.contact, name="contact"),
    path("contacts/<int:pk>/edit/", log.edit_contact, name="edit_contact"),
    path("contacts/<int:pk>/delete/", log.delete_contact, name="delete_contact"),
    path("follow-ups/", log.follow_ups, name="follow_ups"),
    path("follow-ups/<int:pk>/done/", log.follow_up_done, name="follow_up_done"),
    path("legislators/", registry.legislators, name="legislators"),
    path("legislators/new/", registry.add_legislator, name="add_legislator"),
    path("legislators/import/", registry.import_legislators, name="import_legislators"),
    path("legislators/<int:pk>/", log.legislator, name="legislator"),
    path("legislators/<int:pk>/edit/", registry.edit_legislator, name="edit_legislator"),
    path("bills/", registry.bills, name="bills"),
    path("bills/new/", registry.add_bill, name="add_bill"),
    path("bills/<int:pk>/", registry.bill, name="bill"),
    path("bills/<int:pk>/edit/", registry.edit_bill, name="edit_bill"),
    path("bills/<int:pk>/status/", registry.bill_status, name="bill_status"),
    path("districts/", registry.districts, name="districts"),
    path(
        "organisations/<int:pk>/districts/",
        registry.organisation_districts,
        name="organisation_districts",
    ),
]
