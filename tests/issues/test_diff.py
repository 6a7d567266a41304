import pytest

from issues import services
from issues.diff import Chunk, compare_revisions, word_diff
from issues.models import PaperRevision
from tests.factories import paper_in_state

pytestmark = pytest.mark.django_db


def test_word_diff_marks_only_the_changed_words():
    assert word_diff("Fund the line from a fee.", "Fund the line from a state fee.") == (
        Chunk("equal", "Fund the line from a "),
        Chunk("insert", "state "),
        Chunk("equal", "fee."),
    )


def test_word_diff_run_of_changes_reads_as_one_removal_then_one_addition():
    assert word_diff("Then counties pay it.", "Then the state pays it.") == (
        Chunk("equal", "Then "),
        Chunk("delete", "counties pay"),
        Chunk("insert", "the state pays"),
        Chunk("equal", " it."),
    )


def test_word_diff_of_equal_texts_has_no_change():
    assert {chunk.op for chunk in word_diff("Same words.", "Same words.")} == {"equal"}


def test_compare_revisions_shows_recommendation_flags_and_unchanged_sections(coalition):
    paper = paper_in_state(
        workgroup=coalition.workgroup, chair=coalition.wg_chair, core=coalition.core
    )
    services.save_revision(
        actor=coalition.wg_chair,
        paper=paper,
        content={"title": paper.title, "summary": "Fund the crisis line from a dedicated fee."},
        recommendations=[services.RecommendationText(text="Recommendation 1 of the paper.")],
        expected_version=2,
    )
    old, new = PaperRevision.objects.filter(paper=paper, number__in=[2, 3]).order_by("number")

    sections = {section.label: section for section in compare_revisions(old, new)}

    assert not sections["Summary"].changed
    assert sections["Background"].changed  # removed in revision 3
    deleted = "".join(c.text for c in sections["Recommendations"].chunks if c.op == "delete")
    assert "Needs legislative action" in deleted
    assert "2. Recommendation 2" in deleted


def test_three_way_takes_theirs_where_only_they_changed_and_flags_clashes():
    from issues.diff import three_way
    from issues.paper_text import PaperText

    base = PaperText(title="T", summary="Old summary.", background="Old.", problem="P.")
    mine = PaperText(title="T", summary="My summary.", background="Old.", problem="P.")
    theirs = PaperText(title="T", summary="Their summary.", background="New.", problem="P.")

    merge = three_way(base=base, mine=mine, theirs=theirs)

    assert (merge.taken, merge.clashes) == (("background",), ("summary",))


def test_three_way_without_base_flags_every_difference():
    from issues.diff import three_way
    from issues.paper_text import PaperText

    merge = three_way(
        base=None, mine=PaperText(title="A", summary="x"), theirs=PaperText(title="A", summary="y")
    )

    assert (merge.taken, merge.clashes) == ((), ("summary",))


def test_merge_text_weaves_changes_to_different_words():
    from issues.diff import merge_text

    merged = merge_text(
        "The problem is money. It is big.",
        "Clearly the problem is money. It is big.",
        "The problem is money. It is big and growing.",
    )

    assert merged == "Clearly the problem is money. It is big and growing."


def test_merge_text_changes_to_the_same_words_clash():
    from issues.diff import CLASH, merge_text

    assert merge_text("Fund a fee.", "Fund a phone fee.", "Fund a line fee.") is CLASH


def test_three_way_merges_recommendations_item_by_item():
    from issues.diff import three_way
    from issues.paper_text import PaperText, RecommendationView

    def text(*items):
        return PaperText(
            title="T",
            recommendations=tuple(RecommendationView(n, t) for n, t in enumerate(items, 1)),
        )

    merge = three_way(
        base=text("Fund it.", "Train staff."),
        mine=text("Fund it.", "Train crisis staff."),
        theirs=text("Fund it now.", "Train staff.", "Report yearly."),
    )

    assert merge.taken == ("recommendations",)
    assert [item[0] for item in merge.values["recommendations"]] == [
        "Fund it now.",
        "Train crisis staff.",
        "Report yearly.",
    ]
