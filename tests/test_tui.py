"""The review screen driven by keys; every assertion is on the database."""

from __future__ import annotations

import pytest
from sqlmodel import select

from app.pipeline import ingest_paths
from app.tui import make_app
from app.tui.widgets.article_list import ArticleList
from db import Claim, ReviewEvent, session
from db.queries import article_counts, next_pending

from .conftest import SAMPLES


@pytest.fixture
def loaded(engine, settings):
    ingest_paths(engine, [SAMPLES], settings)
    return engine


def first_pending(engine) -> Claim:
    with session(engine) as s:
        return next_pending(s, None, None)


def claim(engine, claim_id) -> Claim:
    with session(engine) as s:
        return s.get(Claim, claim_id)


async def test_approve_reject_skip_move_on_to_the_next_pending_claim(loaded, settings):
    first = first_pending(loaded)
    app = make_app(loaded, "ana", settings)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("a")
        await pilot.press("x")
        await pilot.press("space")
        await pilot.pause()
    with session(loaded) as s:
        decided = s.exec(select(Claim).where(Claim.reviewer == "ana").order_by(Claim.reviewed_at)).all()
        assert [c.status for c in decided] == ["approved", "rejected", "skipped"]
        assert decided[0].id == first.id
        assert len({c.id for c in decided}) == 3, "each key moved on to another claim"
        events = s.exec(select(ReviewEvent).where(ReviewEvent.reviewer == "ana")).all()
        assert [e.action for e in events] == ["approve", "reject", "skip"]


async def test_number_keys_set_the_verdicts_in_order(loaded, settings):
    first = first_pending(loaded)
    app = make_app(loaded, "ana", settings)
    seen = []
    async with app.run_test(size=(120, 36)) as pilot:
        for key in "12345":
            await pilot.press(key)
            await pilot.pause()
            seen.append(claim(loaded, first.id).verdict)
    assert seen == list(settings.verdicts)


async def test_undo_reverses_decisions_one_by_one_even_after_a_restart(loaded, settings):
    first = first_pending(loaded)
    app = make_app(loaded, "ana", settings)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("a")
        await pilot.press("a")
        await pilot.pause()
    again = make_app(loaded, "ana", settings)
    async with again.run_test(size=(120, 36)) as pilot:
        await pilot.press("u")
        await pilot.pause()
        with session(loaded) as s:
            assert len(s.exec(select(Claim).where(Claim.status == "approved", Claim.reviewer == "ana")).all()) == 1
        await pilot.press("backspace")
        await pilot.pause()
    assert claim(loaded, first.id).status == "pending"


async def test_j_k_and_article_keys_move_and_reopening_returns_to_the_same_claim(loaded, settings):
    app = make_app(loaded, "ana", settings)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = app.screen
        start_article, start_claim = screen.article_id, screen.claim_id
        await pilot.press("j")
        await pilot.press("j")
        await pilot.press("k")
        await pilot.pause()
        assert screen.article_id == start_article and screen.claim_id != start_claim
        await pilot.press("J")
        await pilot.pause()
        assert screen.article_id != start_article
        await pilot.press("j")
        await pilot.pause()
        where = (screen.article_id, screen.claim_id)
    reopened = make_app(loaded, "ana", settings)
    async with reopened.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert (reopened.screen.article_id, reopened.screen.claim_id) == where


async def test_claim_text_with_brackets_is_shown_as_data_not_markup(engine, settings, tmp_path):
    story = tmp_path / "brackets.md"
    story.write_text(
        "---\ntitle: Bracket test\n---\nAn aide said on Monday that the minister had surgery. "
        '"[The minister is in a] very poor state after 2 operations [/x]," the aide said.\n'
    )
    ingest_paths(engine, [story], settings)
    app = make_app(engine, "ana", settings)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        pane = app.screen.query_one("#article")
        shown = "".join(pane.render_line(y).text for y in range(pane.size.height))
        assert "[The minister is in a]" in shown and "[/x]" in shown
        claims = app.screen.query_one("#claims")
        listed = "".join(claims.render_line(y).text for y in range(claims.size.height))
        assert "[The minister is in a]" in listed


async def test_note_and_core_edits_are_saved_and_letters_typed_never_trigger_review_keys(loaded, settings):
    first = first_pending(loaded)
    app = make_app(loaded, "ana", settings)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"ask the ministry", "enter")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("ctrl+a")  # to the start of the line, then type before the old core
        await pilot.press(*"xa ", "enter")
        await pilot.pause()
        await pilot.press("n", "escape")  # a note dialog cancelled
        await pilot.pause()
    got = claim(loaded, first.id)
    assert got.note == "ask the ministry"
    assert got.core.startswith("xa ")
    assert got.status == "pending", "the 'a' and 'x' typed in the dialogs decided nothing"
    with session(loaded) as s:
        assert [e.action for e in s.exec(select(ReviewEvent)).all()] == ["note", "edit"]


async def test_rumor_view_sets_the_verdict_splits_a_member_and_jumps_to_an_article(loaded, settings):
    from db import Rumor

    with session(loaded) as s:
        rumor = max(
            s.exec(select(Rumor)).all(), key=lambda r: len(s.exec(select(Claim).where(Claim.rumor_id == r.id)).all())
        )
        members = s.exec(select(Claim).where(Claim.rumor_id == rumor.id).order_by(Claim.id)).all()
    app = make_app(loaded, "ana", settings)
    async with app.run_test(size=(120, 36)) as pilot:
        app.screen.show(members[0].article_id, members[0].id)
        await pilot.press("d")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "RumorScreen"
        await pilot.press("2")  # the whole rumor is true
        await pilot.pause()
        await pilot.press("down", "s")  # split the second-oldest member out
        await pilot.pause()
        await pilot.press("g")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "ReviewScreen"
    with session(loaded) as s:
        assert s.get(Rumor, rumor.id).verdict == "true"
        now = s.exec(select(Claim).where(Claim.rumor_id == rumor.id)).all()
        assert len(now) == len(members) - 1
        own = {m.id: m.verdict for m in members if m.verdict is not None}  # imported already reviewed
        assert all(c.verdict == own.get(c.id, "true") for c in now)
        actions = [e.action for e in s.exec(select(ReviewEvent).where(ReviewEvent.reviewer == "ana")).all()]
        assert actions == ["rumor-verdict", "split"]


async def test_a_claim_changed_by_another_reviewer_is_not_silently_overwritten(loaded, settings):
    from app import review as ops

    first = first_pending(loaded)
    app = make_app(loaded, "ana", settings)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        with session(loaded) as other:  # ben, in another window, rejects the same claim
            ops.decide(other, first.id, "reject", "ben")
        await pilot.press("a")
        await pilot.pause()
        messages = [str(n.message) for n in app._notifications]
    got = claim(loaded, first.id)
    assert (got.status, got.reviewer) == ("rejected", "ben")
    assert any("changed by ben" in m for m in messages)


async def test_rumor_view_confirms_and_rejects_suggested_links(loaded, settings):
    from db import ClaimLink, Rumor
    from db.queries import rumor_members, rumor_suggestions

    def state(rumor_id):
        with session(loaded) as s:
            return rumor_members(s, rumor_id), rumor_suggestions(s, rumor_id)

    with session(loaded) as s:
        rumor = next(r for r in s.exec(select(Rumor)).all() if len(rumor_suggestions(s, r.id)) >= 2)
    for key, want in (("y", "confirmed"), ("x", "rejected")):
        members, suggestions = state(rumor.id)
        best = suggestions[0]
        app = make_app(loaded, "ana", settings)
        async with app.run_test(size=(120, 36)) as pilot:
            app.screen.show(members[0].claim.article_id, members[0].claim.id)
            await pilot.press("d")
            await pilot.pause()
            await pilot.press(*["down"] * len(members), key)  # the best suggestion, below the members
            await pilot.pause()
        with session(loaded) as s:
            link = s.get(ClaimLink, best.link_id)
            assert (link.state, link.decided_by) == (want, "ana")
            joined = s.get(Claim, best.outside.claim.id).rumor_id == rumor.id
            assert joined == (want == "confirmed")


async def test_export_dialog_writes_the_file_and_says_how_many(loaded, settings, tmp_path):
    import csv

    out = tmp_path / "desk.csv"
    app = make_app(loaded, "ana", settings)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("a", "a")
        await pilot.press("ctrl+e")
        await pilot.pause()
        dialog = app.screen
        dialog.query_one("#path").value = str(out)
        dialog.query_one("#statuses").value = "approved,pending"
        await pilot.click("#go")
        await pilot.pause()
        messages = [str(n.message) for n in app._notifications]
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert {r["status"] for r in rows} == {"approved", "pending"}
    assert sum(r["reviewer"] == "ana" for r in rows) == 2
    assert f"{len(rows)} claims written to {out}" in messages


async def test_rumor_list_sorts_and_merges_two_rumors(loaded, settings):
    from db import Rumor
    from db.queries import rumor_list

    with session(loaded) as s:
        before = rumor_list(s, "stories")
    app = make_app(loaded, "ana", settings)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("r")
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert [r.id for r in screen.query_one("#rumors").rows] == [r.id for r in before]
        await pilot.press("s")  # by outlets
        await pilot.pause()
        assert screen.order == "outlets"
        with session(loaded) as s:
            assert [r.id for r in screen.query_one("#rumors").rows] == [r.id for r in rumor_list(s, "outlets")]
        await pilot.press("m", "down", "m")  # mark the first rumor, merge it into the second
        await app.workers.wait_for_complete()
        await pilot.pause()
    with session(loaded) as s:
        after = s.exec(select(Rumor)).all()
        assert len(after) == len(before) - 1
        events = s.exec(select(ReviewEvent).where(ReviewEvent.action == "merge")).all()
        assert len(events) == 1 and events[0].reviewer == "ana"


async def test_c_makes_a_claim_from_the_selected_text_and_delete_removes_it_again(loaded, settings):
    app = make_app(loaded, "ana", settings)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        article_id = app.screen.article_id
        app.screen.query_one("#article").text_select_all()
        await pilot.press("c")
        await pilot.pause()
        with session(loaded) as s:
            made = s.exec(select(Claim).where(Claim.origin == "manual")).all()
            assert len(made) == 1 and made[0].article_id == article_id and made[0].reviewer == "ana"
            from db import Article

            text = s.get(Article, article_id).text
            assert text[made[0].start : made[0].end] == made[0].text
        assert app.screen.claim_id == made[0].id
        await pilot.press("delete")
        await pilot.pause()
        with session(loaded) as s:
            assert s.exec(select(Claim).where(Claim.origin == "manual")).all() == []
        await pilot.press("u")  # undo the removal
        await pilot.pause()
    with session(loaded) as s:
        assert len(s.exec(select(Claim).where(Claim.origin == "manual")).all()) == 1


async def test_filter_keeps_matching_claims_and_their_articles(loaded, settings):
    from db.queries import filtered_claims

    with session(loaded) as s:
        repeated = filtered_claims(s, "repeated")
        harbor = filtered_claims(s, "outlet:harbor coup")
    assert repeated and harbor
    app = make_app(loaded, "ana", settings)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("slash")
        await pilot.pause()
        await pilot.press(*"outlet:harbor coup", "enter")
        await pilot.pause()
        screen = app.screen
        shown = {c.id for c in screen._claims}
        assert shown and shown <= harbor
        listed = screen.query_one(ArticleList)
        with session(loaded) as s:
            assert {s.get(Claim, cid).article_id for cid in harbor} == {r.id for r in listed.rows}
        await pilot.press("a")  # a decision moves on to the next pending claim the filter shows
        await pilot.pause()
        assert screen.claim_id in harbor
        await pilot.press("slash", "ctrl+u", "enter")  # an empty filter shows everything again
        await pilot.pause()
        assert len(listed.rows) == 15


async def test_article_list_counts_follow_decisions_and_sort_by_pending_work(loaded, settings):
    app = make_app(loaded, "ana", settings)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = app.screen
        listed = screen.query_one(ArticleList)
        row = next(r for r in listed.rows if r.id == screen.article_id)
        before = row.pending
        await pilot.press("a")
        await pilot.pause()
        assert row.pending == before - 1
        with session(loaded) as s:
            assert row.pending == article_counts(s, row.id)[0]
        await pilot.press("o")
        await pilot.pause()
        pending = [r.pending for r in listed.rows]
        assert pending == sorted(pending, reverse=True)
        assert screen.order == "pending"
        await pilot.press("o")
        await pilot.pause()
        dates = [r.published or "~" for r in listed.rows]
        assert dates == sorted(dates)


async def test_command_palette_finds_a_claim_by_its_text(loaded, settings):
    with session(loaded) as s:
        target = s.exec(select(Claim).where(Claim.text.contains("dockworkers"))).first()
    assert target is not None
    app = make_app(loaded, "ana", settings)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"dockworkers")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert (app.screen.article_id, app.screen.claim_id) == (target.article_id, target.id)


async def test_a_keymap_from_the_config_remaps_review_keys(loaded, tmp_path):
    from app.config import load_settings

    cfg = tmp_path / "config.toml"
    cfg.write_text('[keymap]\napprove = "y"\n')
    settings = load_settings(cfg)
    first = first_pending(loaded)
    app = make_app(loaded, "ana", settings)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("y")
        await pilot.pause()
    assert claim(loaded, first.id).status == "approved"


async def test_a_selection_across_wrapped_lines_makes_a_claim_of_exactly_those_characters(loaded, settings):
    from textual.geometry import Offset
    from textual.selection import Selection

    from db import Article

    app = make_app(loaded, "ana", settings)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        screen = app.screen
        with session(loaded) as s:
            text = s.get(Article, screen.article_id).text
        pane = screen.query_one("#article")
        lines = [pane.render_line(y).text.rstrip() for y in range(pane.size.height)]
        y = next(i for i in range(len(lines) - 1) if lines[i] and lines[i + 1] and f"{lines[i]} {lines[i + 1]}" in text)
        screen.selections = {pane: Selection(Offset(2, y), Offset(8, y + 1))}
        await pilot.press("c")
        await pilot.pause()
    with session(loaded) as s:
        (made,) = s.exec(select(Claim).where(Claim.origin == "manual")).all()
        assert made.text == f"{lines[y][2:]} {lines[y + 1][:8]}".strip()
        assert text[made.start : made.end] == made.text


async def test_keys_in_the_key_bar_can_be_clicked(loaded, settings):
    from app.tui.widgets.key_bar import KeyBar

    first = first_pending(loaded)
    app = make_app(loaded, "ana", settings)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        bar = app.screen.query_one(KeyBar)
        shown = bar.render_line(0).text
        await pilot.click(KeyBar, offset=(shown.index("Approve") + 2, 0))
        await pilot.pause()
    assert claim(loaded, first.id).status == "approved"


async def test_rumor_view_merges_with_a_rumor_picked_in_the_palette(loaded, settings):
    from db import Rumor
    from db.queries import rumor_list, rumor_members

    with session(loaded) as s:
        first, second = rumor_list(s, "stories")[:2]
        member = rumor_members(s, second.id)[0].claim
        words = " ".join(first.canonical.split()[:4])
    app = make_app(loaded, "ana", settings)
    async with app.run_test(size=(120, 36)) as pilot:
        app.screen.show(member.article_id, member.id)
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        await pilot.press(*words)
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.rumor_id == first.id, "the merged rumor is shown"
    with session(loaded) as s:
        assert s.get(Rumor, second.id) is None
        assert s.get(Claim, member.id).rumor_id == first.id
        events = s.exec(select(ReviewEvent).where(ReviewEvent.action == "merge")).all()
        assert len(events) == 1 and events[0].reviewer == "ana"


async def test_tab_brackets_the_article_list_help_and_quit(loaded, settings):
    from db.queries import load_position

    app = make_app(loaded, "ana", settings)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = app.screen
        listed = screen.query_one(ArticleList)
        first = screen.article_id
        assert first == listed.rows[0].id
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert screen.article_id == listed.rows[1].id
        await pilot.press("left_square_bracket", "K")  # back, and no further than the first
        await pilot.pause()
        assert screen.article_id == first == listed.rows[0].id
        assert app.focused.id == "claims"
        await pilot.press("tab")  # from the claims (last pane) round to the article list
        await pilot.pause()
        assert app.focused is listed
        await pilot.press("down", "down", "enter")  # open the third article from the list
        await pilot.pause()
        assert screen.article_id == listed.rows[2].id
        with session(loaded) as s:
            assert load_position(s, "ana")[0] == listed.rows[2].id
        await pilot.press("question_mark")
        await pilot.pause()
        assert screen.query("HelpPanel")
        await pilot.press("question_mark")
        await pilot.pause()
        assert not screen.query("HelpPanel")
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


def suggestion_where(engine, wanted):
    """The first rumor of the samples with a suggested claim for which ``wanted(suggestion)`` holds:
    (rumor id, its members, the suggestion's place among the suggestions, the suggestion)."""
    from db import Rumor
    from db.queries import rumor_members, rumor_suggestions

    with session(engine) as s:
        for rumor in s.exec(select(Rumor)).all():
            suggestions = rumor_suggestions(s, rumor.id)
            k = next((k for k, sug in enumerate(suggestions) if wanted(sug)), None)
            if k is not None:
                return rumor.id, rumor_members(s, rumor.id), k, suggestions[k]
    raise AssertionError("no such suggestion in the samples")


async def open_suggestion(pilot, app, members, k):
    """Open the rumor view from its first member and put the cursor on the k-th suggestion."""
    app.screen.show(members[0].claim.article_id, members[0].claim.id)
    await pilot.press("d")
    await pilot.pause()
    await pilot.press(*["down"] * (len(members) + k))
    await pilot.pause()


async def test_rumor_view_says_why_a_suggested_claim_was_not_linked_automatically(loaded, settings):
    """The samples' denial ("denied ... that the president is seriously ill with blood cancer")
    matches the illness rumor word for word; the reviewer sees it was held back as negated."""
    _rumor, members, denial, _sug = suggestion_where(
        loaded, lambda sug: sug.outside.claim.negated and len(sug.outside.claim.core.split()) >= 8
    )  # (long enough that only the negation holds it back)
    app = make_app(loaded, "ana", settings)
    async with app.run_test(size=(160, 45)) as pilot:
        await open_suggestion(pilot, app, members, denial)
        shown = str(app.screen.query_one("#compare").render())
    assert "Suggested, not automatic: one is negated" in shown


async def test_rumor_view_confirming_a_claim_from_another_rumor_brings_it_here(loaded, settings):
    from db import ClaimLink

    rumor_id, members, k, sug = suggestion_where(loaded, lambda sug: sug.outside.claim.rumor_id is not None)
    elsewhere = sug.outside.claim.rumor_id
    app = make_app(loaded, "ana", settings)
    async with app.run_test(size=(160, 45)) as pilot:
        await open_suggestion(pilot, app, members, k)
        shown = str(app.screen.query_one("#compare").render())
        assert f"now in rumor #{elsewhere}, confirming (y) moves it here" in shown
        await pilot.press("y")
        await pilot.pause()
        here = [r.member.claim.id for r in app.screen.query_one("#members").rows if r.link_id is None]
    assert sug.outside.claim.id in here, "shown among the members"
    with session(loaded) as s:
        moved = s.get(Claim, sug.outside.claim.id)
        assert (moved.rumor_id, moved.rumor_join) == (rumor_id, "confirmed")
        assert s.get(ClaimLink, sug.link_id).state == "confirmed"
        event = s.exec(select(ReviewEvent).order_by(ReviewEvent.id.desc())).first()
        assert (event.action, event.reviewer) == ("confirm-link", "ana")


async def test_a_rumor_merged_away_by_an_ingest_elsewhere_is_followed_not_lost(engine, settings):
    # the reviewer has rumor b open; an ingest in another window brings a story that merges it
    # into a: the key pressed on b changes nothing, the screen says so and shows a
    from db import Rumor

    from .test_matching import ARREST_MORE, add, two_rumors_of_one_story

    with session(engine) as s:
        claims, (a, b) = two_rumors_of_one_story(s, settings)
        opened = claims[2]
        assert opened.rumor_id == b
    app = make_app(engine, "ana", settings)
    async with app.run_test(size=(120, 36)) as pilot:
        app.screen.show(opened.article_id, opened.id)
        await pilot.press("d")
        await pilot.pause()
        assert (app.screen.__class__.__name__, app.screen.rumor_id) == ("RumorScreen", b)
        with session(engine) as other:
            add(other, settings, *ARREST_MORE[1])
            assert other.get(Rumor, b) is None, "the ingest merged rumor b into a"
        await pilot.press("3")
        await pilot.pause()
        messages = [str(n.message) for n in app._notifications]
        assert any(f"Rumor #{b} was merged into #{a}" in m and "nothing was changed" in m for m in messages)
        assert (app.screen.__class__.__name__, app.screen.rumor_id) == ("RumorScreen", a)
        with session(engine) as s:
            assert s.get(Rumor, a).verdict is None
        await pilot.press("3")  # seen the merged rumor: now the verdict is set on it
        await pilot.pause()
    with session(engine) as s:
        assert s.get(Rumor, a).verdict == settings.verdicts[2]
        actions = [e.action for e in s.exec(select(ReviewEvent).where(ReviewEvent.reviewer == "ana")).all()]
        assert actions == ["rumor-verdict"]


async def test_a_rumor_opened_from_a_stale_list_says_it_was_merged(engine, settings):
    # the rumor list was loaded before an ingest elsewhere merged one of its rumors away
    from .test_matching import ARREST_MORE, add, two_rumors_of_one_story

    with session(engine) as s:
        _claims, (a, b) = two_rumors_of_one_story(s, settings)
    app = make_app(engine, "ana", settings)
    async with app.run_test(size=(120, 36)) as pilot:
        app.push_screen(app.rumor_screen(a))  # another rumor seen first: its members must not mislead
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        with session(engine) as other:
            add(other, settings, *ARREST_MORE[1])
        app.push_screen(app.rumor_screen(b))
        await pilot.pause()
        messages = [str(n.message) for n in app._notifications]
        assert any(f"Rumor #{b} no longer exists" in m for m in messages)
        assert app.screen.__class__.__name__ == "ReviewScreen"


async def test_rumor_view_counts_one_story_and_one_outlet_in_the_singular(loaded, settings):
    from textual.widgets import Static

    from db import Rumor

    with session(loaded) as s:
        single = next(
            r
            for r in s.exec(select(Rumor)).all()
            if len({c.article_id for c in s.exec(select(Claim).where(Claim.rumor_id == r.id)).all()}) == 1
        )
        member = s.exec(select(Claim).where(Claim.rumor_id == single.id)).first()
    app = make_app(loaded, "ana", settings)
    async with app.run_test(size=(120, 36)) as pilot:
        app.screen.show(member.article_id, member.id)
        await pilot.press("d")
        await pilot.pause()
        head = str(app.screen.query_one("#head", Static).render())
    assert f"#{single.id}: 1 story, 1 outlet, first seen" in head
