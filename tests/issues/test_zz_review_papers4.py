import time
import pytest
from django.urls import reverse
from tests.factories import paper_in_state

pytestmark = pytest.mark.django_db

def test_huge_total(coalition, client_as):
    paper = paper_in_state(workgroup=coalition.workgroup, chair=coalition.wg_chair, core=coalition.core)
    c = client_as(coalition.wg_chair)
    d = {"expected_version": str(paper.version), "title": "T", "rec-TOTAL_FORMS": "1000000",
         "rec-INITIAL_FORMS": "0", "preview": "1"}
    t = time.time()
    r = c.post(reverse("papers:edit", kwargs={"pk": paper.pk}), d)
    print("\nTIME", r.status_code, round(time.time() - t, 2), len(r.content))
    d.pop("preview"); d["save"] = "1"
    t = time.time()
    r = c.post(reverse("papers:edit", kwargs={"pk": paper.pk}), d)
    print("TIME", r.status_code, round(time.time() - t, 2), len(r.content))
    d2 = {"expected_version": str(paper.version), "title": "T"}
    r = c.post(reverse("papers:edit", kwargs={"pk": paper.pk}), {**d2, "save": "1"})
    print("NOMGMT", r.status_code)
